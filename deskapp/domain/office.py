"""The Office aggregate: one entry point, `execute(command, now)`, for every rule."""

from __future__ import annotations

import copy
import datetime as dt

from . import commands as c
from .deals import DealsMixin
from .decision import Decision
from .policy import Policy


class Office(DealsMixin):
    """The rulebook applied to one sales office's records."""

    def __init__(self, policy: Policy | None = None):
        super().__init__(policy)

    def execute(self, cmd: c.Command, now: dt.datetime) -> Decision:
        """Apply one command at `now`; on a RuleError nothing changes (the state is restored)."""
        handler = getattr(self, "_h_" + cmd.verb)
        prev_now = self.now
        self.now = now
        d = Decision(cmd.verb, policy_version=self.policy.version, policy=dict(self.policy.values))
        self.dirty_c, self.dirty_v, self.dirty_f = set(), set(), set()
        self.dirty_v.update(self._active)
        try:
            # Handlers validate everything before they write, so a RuleError leaves no trace
            # (tests/domain/test_properties.py checks this on random days).
            handler(cmd, d)
            if cmd.verb not in ("arrive",):
                self.drain_waiting(d)
        except Exception:
            self.now = prev_now
            raise
        self.dirty_v.update(self._active)
        d.policy_version = self.policy.version
        return d

    def preview(self, cmd: c.Command, now: dt.datetime) -> Decision:
        """What `execute` would decide, without recording anything (the check-in dialog's preview)."""
        saved = self._snapshot()
        prev_now = self.now
        try:
            return self.execute(cmd, now)
        finally:
            self._restore(saved)
            self.now = prev_now

    def _snapshot(self):
        return copy.deepcopy({k: v for k, v in self.__dict__.items()})

    def _restore(self, saved) -> None:
        self.__dict__.clear()
        self.__dict__.update(saved)
