"""The daily report's data: a row per consultant (receptions by kind, skips, credits, claims, deals).

Filled by deskapp.services.daily_report, drawn by deskapp.reports.daily_report and the report panel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

KINDS: tuple[tuple[str, str], ...] = (
    ("rotation", "轮接"),
    ("makeup", "补接"),
    ("own", "老客户/指定"),
    ("standin", "代接待"),
    ("duty", "值班"),
)
KIND_KEYS: tuple[str, ...] = tuple(k for k, _ in KINDS)
KIND_ZH: dict[str, str] = dict(KINDS)
TOTAL_KEY = "__total__"
TOTAL_NAME = "合计"


@dataclass(frozen=True)
class ConsultantDay:
    """One consultant's day (or, with ``key == TOTAL_KEY``, the totals)."""

    key: str
    name: str
    role: str = ""  # 置业顾问 / 组长 (Chinese role label); '' on the totals row
    team: str | None = None
    rotation: int = 0  # 轮接: a new customer received on turn (consumes the turn)
    makeup: int = 0  # 补接: received with a make-up credit (the pointer stays)
    own: int = 0  # 老客户/指定: own old customers (R2) and customers naming them (R17, R18, R24...)
    standin: int = 0  # 代接待: stood in for an absent owner (R2, R15)
    duty: int = 0  # 值班: received on duty (R38)
    skips_credit: int | None = 0  # passed over, earning a make-up credit (R4 official business...)
    skips_plain: int | None = 0  # passed over without credit (busy R11, personal R4, owed turn R25)
    credits_earned: int | None = 0
    credits_used: int = 0
    claims: int = 0  # R20 claims filed
    claims_won: int = 0
    disputes: int = 0  # R16/R17/R22 disputes filed
    disputes_won: int = 0
    deals: int = 0  # deals signed that day the consultant shares in
    deal_share: float = 0.0  # their share of those deals (0.5 for an even split)
    refusals: int = 0  # R28
    sanctions: int = 0  # sanction records dated that day (a refusal's absence included)
    sanction_notes: tuple[str, ...] = ()  # e.g. '旷工1天（第28条）'

    @property
    def is_total(self) -> bool:
        return self.key == TOTAL_KEY

    @property
    def receptions(self) -> int:
        return self.rotation + self.makeup + self.own + self.standin + self.duty

    def by_kind(self, kind: str) -> int:
        """Receptions of one of KIND_KEYS."""
        if kind not in KIND_KEYS:
            raise KeyError(kind)
        return getattr(self, kind)

    @property
    def skips(self) -> int | None:
        if self.skips_credit is None or self.skips_plain is None:
            return None
        return self.skips_credit + self.skips_plain

    @property
    def active(self) -> bool:
        """Anything at all to report for this consultant."""
        return any(
            bool(getattr(self, f.name)) for f in fields(self)
            if f.name not in ("key", "name", "role", "team", "sanction_notes")
        )


@dataclass(frozen=True)
class DailyReport:
    """The day's report: a row per consultant, the totals, and how exact the skip/credit numbers are."""

    date: dt.date
    rows: tuple[ConsultantDay, ...]
    totals: ConsultantDay
    exact: bool  # skips and credits earned from the journal (False: in-memory office, see module doc)
    source: str  # 'journal' | 'office'
    unreceived: int = 0  # parties that arrived that day and were never received (left while waiting)
    generated_at: dt.datetime | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def row(self, key: str) -> ConsultantDay:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def receptions(self) -> int:
        return self.totals.receptions


def share_text(value: float) -> str:
    """A deal share as printed: '0', '0.5', '1', '2.5'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


# ------------------------------------------------------------------------------------------ document
