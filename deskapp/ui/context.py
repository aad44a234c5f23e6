"""What every window, panel and dialog is given: the service, the clock, who is at the desk, a change signal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from deskapp.domain.errors import RuleError
from deskapp.domain.roles import Role

if TYPE_CHECKING:
    from deskapp.services.office_service import OfficeService


class StartingService:
    """Stands in for the office service while the database opens (deskapp.app's fast start).

    It holds what the board is drawn from: `board_snapshot`, the board saved at the last journal entry
    (deskapp.services.board_snapshot.peek_board), or else `office`, the state saved at that entry
    (deskapp.services.hotstate.peek_office). Every command is refused, so nothing can be decided on a
    state that may be stale; the window keeps the actions that need the database disabled until the real
    service is attached.
    """

    starting = True

    def __init__(self, office=None, board_snapshot=None):
        self.office = office
        self.board_snapshot = board_snapshot

    def handle(self, cmd, now: dt.datetime):
        raise starting_error()


def starting_error() -> RuleError:
    """What a command (or a preview) meets before the database has opened."""
    return RuleError("starting", "正在打开数据库，请稍候再试。",
                     "The database is still opening; please try again in a moment.")


class AppContext(QObject):
    """Shared by all UI parts; built once by deskapp.app (the composition root)."""

    changed = Signal()  # any record changed (here or at another station): refresh views
    user_changed = Signal()  # someone signed in/out at this station
    live_changed = Signal()  # the real service replaced the StartingService (see attach)

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
    def live(self) -> bool:
        """Whether the database is open: False while a StartingService stands in (commands are refused)."""
        return not getattr(self.service, "starting", False)

    def board(self):
        """The board (deskapp.services.queries.board) of the office the desk runs on; while the database
        opens after a fast start, the one saved at the journal head when there is one."""
        snapshot = getattr(self.service, "board_snapshot", None)
        if snapshot is not None:
            return snapshot
        from deskapp.services import queries

        return queries.board(self.office)

    def attach(self, service: OfficeService) -> None:
        """Run on `service` from now on (the database has opened): every view re-reads the live state."""
        self.service = service
        self.live_changed.emit()
        self.changed.emit()

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
        if not self.live:
            raise starting_error()
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
