"""The Office aggregate: one entry point, `execute(command, now)`, for every rule."""

from __future__ import annotations

import copy
import datetime as dt

from . import commands as c
from .deals import DealsMixin
from .decision import Decision
from .phone import normalize_phone
from .policy import Policy


class Office(DealsMixin):
    """The rulebook applied to one sales office's records."""

    def __init__(self, policy: Policy | None = None):
        super().__init__(policy)

    def execute(self, cmd: c.Command, now: dt.datetime) -> Decision:
        """Apply one command at `now`; on a RuleError nothing is recorded."""
        handler = getattr(self, "_h_" + cmd.verb)
        prev_now = self.now
        self.now = now
        self.dirty_c, self.dirty_v, self.dirty_f = set(), set(), set()
        self.dirty_x, self.dirty_credits_removed, self.dirty_refs = set(), set(), set()
        self.apply_due_policies()  # a dated policy change whose time has come (the decision records it)
        d = Decision(cmd.verb, policy_version=self.policy.version, policy=dict(self.policy.values))
        try:
            # Handlers validate everything before they write, so a RuleError leaves no trace
            # (tests/domain/test_properties.py checks this on random days).
            handler(cmd, d)
            if cmd.verb not in ("arrive",):
                self.drain_waiting(d)
            if len(self.routes) > len(self._active):  # a route is needed while its party is received or waits
                self.routes = {vid: r for vid, r in self.routes.items() if vid in self._active}
        except Exception:
            self.now = prev_now
            raise
        d.policy_version = self.policy.version
        return d

    def preview(self, cmd: c.Command, now: dt.datetime) -> Decision:
        """What `execute` would decide, without recording anything (the check-in dialog's preview)."""
        saved = self._light_snapshot(cmd) if isinstance(cmd, c.Arrive) else self._snapshot()
        prev_now = self.now
        try:
            return self.execute(cmd, now)
        finally:
            self._restore(saved)
            self.now = prev_now

    _SMALL = ("day", "staff", "credits", "notice", "claims", "sanctions", "policy", "_ids", "now", "family_of_rev")

    def _light_snapshot(self, cmd: c.Arrive) -> dict:
        """An undo point for a check-in preview without copying the whole customer base.

        A check-in adds records and mutates only today's small state plus the customers it names;
        containers are copied shallowly, those customers and the small state deeply.
        """
        saved = {}
        for key, value in self.__dict__.items():
            if key in self._SMALL:
                saved[key] = copy.deepcopy(value)
            elif isinstance(value, (dict, list, set)):
                saved[key] = copy.copy(value)
            elif hasattr(value, "fork"):  # a store-backed collection (deskapp.services.lazy)
                saved[key] = value.fork()
            else:
                saved[key] = value
        touched: set[int] = set()
        for ref in (cmd.is_customer, cmd.referred_by, cmd.family_of, cmd.name):
            if ref is not None and ref in self.by_ref:
                touched.add(self.by_ref[ref])
        for raw in [cmd.phone] + [p.phone for p in cmd.group]:
            try:
                cid = self.by_phone.get(normalize_phone(raw)) if raw else None
            except Exception:  # noqa: BLE001 - a bad phone is refused by execute itself
                cid = None
            if cid is not None:
                touched.add(cid)
        for cid in touched:
            saved["customers"][cid] = copy.deepcopy(self.customers[cid])
            if cid in self.customer_visits:
                saved["customer_visits"][cid] = list(self.customer_visits[cid])
        saved["_active"] = {k: copy.deepcopy(v) for k, v in self._active.items()}
        for vid, v in saved["_active"].items():
            saved["visits"][vid] = v
        return saved

    def _snapshot(self):
        return copy.deepcopy({k: v for k, v in self.__dict__.items()})

    def _restore(self, saved) -> None:
        self.__dict__.clear()
        self.__dict__.update(saved)
