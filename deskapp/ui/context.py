"""What every window, panel and dialog is given: the service, the clock, who is at the desk, a change signal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from deskapp.domain.errors import RuleError
from deskapp.domain.roles import Role
from deskapp.services.office_service import OfficeService


class AppContext(QObject):
    """Shared by all UI parts; built once by deskapp.app (the composition root)."""

    changed = Signal()  # any record changed (here or at another station): refresh views
    user_changed = Signal()  # someone signed in/out at this station

    def __init__(self, service: OfficeService, clock: Callable[[], dt.datetime] | None = None,
                 lang: str = "zh", parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.clock = clock or dt.datetime.now
        self.lang = lang
        self.user: str | None = None  # staff key; None = the front desk (receptionist rights)

    @property
    def office(self):
        return self.service.office

    @property
    def role(self) -> Role:
        if self.user is None:
            return Role.RECEPTIONIST
        return self.office.staff[self.user].role

    def may(self, action: str) -> bool:
        """Whether the person at the desk may take an action of deskapp.domain.roles.ACTIONS."""
        from deskapp.domain.roles import ACTIONS

        return self.role >= ACTIONS[action][0]

    def run(self, cmd):
        """Execute a command as the person at the desk; emits `changed`. Raises RuleError on refusal."""
        cmd = _with_actor(cmd, self.user)
        decision = self.service.handle(cmd, self.clock())
        self.changed.emit()
        return decision

    def preview(self, cmd):
        return self.service.office.preview(_with_actor(cmd, self.user), self.clock())

    def error_text(self, err: RuleError) -> str:
        return err.message(self.lang)

    def set_user(self, key: str | None) -> None:
        self.user = key
        self.user_changed.emit()


def _with_actor(cmd, actor):
    import dataclasses

    if getattr(cmd, "actor", None) is None and actor is not None:
        return dataclasses.replace(cmd, actor=actor)
    return cmd
