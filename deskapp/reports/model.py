"""The documents' inputs: plain frozen dataclasses the services layer fills from its query DTOs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeRow:
    """One entry on the daily claim notice (R20).

    ``phone`` is the full normalised number; the notice prints it masked.
    ``claim_note`` is printed small in the claim column (e.g. a claim already lodged).
    """

    time: str  # 'HH:MM' of arrival
    customer_name: str
    phone: str
    receiver_name: str
    claim_note: str = ""


@dataclass(frozen=True)
class ClaimNotice:
    """The daily claim notice (每日认领公示, R20), posted for that day's working hours."""

    office_name: str
    date: datetime.date
    window_from: str  # 'HH:MM'
    window_to: str  # 'HH:MM'
    rows: tuple[NoticeRow, ...]
    printed_at: datetime.datetime | None = None


@dataclass(frozen=True)
class VisitSheet:
    """来访客户详细资料表: one visit, with the R2 answers and the attribution decision; goes to the owner."""

    office_name: str
    visit_id: str
    at: datetime.datetime
    customer_name: str
    phone: str  # full: this sheet is for the owner, not for posting
    source_label: str
    family_note: str
    group_members: tuple[str, ...]
    referral_note: str
    first_visit_answer: str  # answer to 您是第一次来吗？
    contacted_by_answer: str  # answer to 之前我们这边有人与您联系过吗？
    receiver_name: str
    stand_in_name: str
    assistant_name: str
    rules: tuple[str, ...]  # 'R2', 'R14', ... (or bare numbers)
    explanation: str
    owner_name: str
    printed_at: datetime.datetime | None = None


@dataclass(frozen=True)
class EvidenceItem:
    """One record put forward in a dispute; ``admissible`` is False for amended records (R3)."""

    at: datetime.datetime
    who_name: str
    kind_label: str  # '来访登记', '回访记录', ...
    summary: str
    admissible: bool
    why: str


@dataclass(frozen=True)
class CaseFile:
    """客户归属争议裁决书 (R32): the evidence, the app's proposed ruling and the site manager's ruling."""

    office_name: str
    customer_name: str
    phone: str
    claimants: tuple[str, ...]
    evidence: tuple[EvidenceItem, ...]
    proposed_owner_name: str
    proposed_rules: tuple[str, ...]
    proposed_explanation: str
    final_owner_name: str | None
    final_reason: str | None
    ruled_by: str | None
    ruled_at: datetime.datetime | None
    case_id: str = ""
    printed_at: datetime.datetime | None = None
