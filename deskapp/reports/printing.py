"""Printing: query DTOs turned into the report documents and rendered as PDFs (no Qt here).

The notice goes on the office wall, so it carries masked phones only (the renderer masks the number
it is given); the visit sheet goes to the owner with the full number; the case file backs a ruling
(R3, R20, R32).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import platformdirs

from deskapp.domain import POOL, Office
from deskapp.domain.arrival import SOURCE_ZH
from deskapp.domain.errors import RuleError
from deskapp.reports import case_file, claim_notice, visit_sheet
from deskapp.reports.model import CaseFile, ClaimNotice, EvidenceItem, NoticeRow, VisitSheet
from deskapp.services import queries
from deskapp.services.dto import DisputeView, NoticeItem

APP_NAME = "deskapp"
ENV_PRINT_DIR = "DESKAPP_PRINT_DIR"
DEFAULT_OFFICE_NAME = "售楼处销售中心"
DEFAULT_WINDOW = ("09:00", "18:00")


def office_name_of(office: Office, given: str | None = None) -> str:
    """The name to print: as given, else the office's recorded name (SetOfficeInfo), else the printing
    default while the office still has the rulebook's built-in placeholder."""
    info = getattr(office, "office_info", None) or {}
    name = info.get("name") or ""
    return given or (name if name and name != "售楼处" else DEFAULT_OFFICE_NAME)


def working_hours_of(office: Office, given: tuple[str, str] | None = None) -> tuple[str, str]:
    """The claim notice's posting window (R20): as given, else the office's working hours."""
    info = getattr(office, "office_info", None) or {}
    return given or (info.get("open", DEFAULT_WINDOW[0]), info.get("close", DEFAULT_WINDOW[1]))


KIND_LABEL = {"visit": "来访登记", "follow_up": "回访记录"}
RELATION_ZH = {"spouse": "配偶", "parent": "父母", "child": "子女", "other": "亲属"}


def default_print_dir() -> Path:
    """Where every printed PDF is kept: ``<user data dir>/deskapp/prints`` (or $DESKAPP_PRINT_DIR)."""
    override = os.environ.get(ENV_PRINT_DIR, "").strip()
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "prints"
    base.mkdir(parents=True, exist_ok=True)
    return base


def print_path(kind: str, stamp: dt.datetime, directory: Path | None = None, suffix: str = "") -> Path:
    """A file name that sorts by time and never overwrites an earlier print: ``notice-20261103-101500.pdf``."""
    directory = directory or default_print_dir()
    directory.mkdir(parents=True, exist_ok=True)
    tail = f"-{suffix}" if suffix else ""
    return directory / f"{kind}-{stamp:%Y%m%d-%H%M%S}{tail}.pdf"


# --------------------------------------------------------------------------------------- the notice
def _claim_note(item: NoticeItem) -> str:
    if item.status == "claimed":
        return f"{item.claimant_name}已认领，待裁决"
    if item.status == "upheld":
        return f"认领成立，归{item.claimant_name}"
    if item.status == "rejected":
        return f"{item.claimant_name}认领不成立"
    if item.status == "settled":
        return "无人认领，归接待人员"
    return ""


def notice_document(office: Office, date: dt.date | None = None, office_name: str | None = None,
                    window: tuple[str, str] | None = None, printed_at: dt.datetime | None = None) -> ClaimNotice:
    """The day's claim notice (R20) as the report model."""
    date = date or office.today()
    items = sorted(queries.notice(office, date), key=lambda i: (i.at, i.id))
    rows = tuple(
        NoticeRow(f"{i.at:%H:%M}", i.customer, i.phone, i.receiver_name, _claim_note(i)) for i in items
    )
    window = working_hours_of(office, window)
    return ClaimNotice(office_name_of(office, office_name), date, window[0], window[1], rows, printed_at)


def notice_pdf(office: Office, date: dt.date | None, out_path: str | Path, office_name: str | None = None,
               window: tuple[str, str] | None = None, printed_at: dt.datetime | None = None) -> Path:
    """Write the day's claim notice (R20); phones are printed masked, never in full."""
    return claim_notice.render(notice_document(office, date, office_name, window, printed_at), out_path)


# ---------------------------------------------------------------------------------- the visit sheet
def _first_visit_answer(first_visit: bool | None) -> str:
    if first_visit is None:
        return "未回答"
    return "是，第一次来访" if first_visit else "不是，以前来过"


def _contacted_answer(office: Office, contacted_by: str | None, names: str | None) -> str:
    if contacted_by is None:
        text = "没有人联系过"
    elif contacted_by == "unknown":
        text = "有，但说不出是哪位"
    else:
        text = f"有，{office.name(contacted_by)}"
    if names and names != contacted_by:
        text += f"；客户指名{office.name(names)}"
    return text


def visit_sheet_document(office: Office, visit_id: int, office_name: str | None = None,
                         printed_at: dt.datetime | None = None) -> VisitSheet:
    """One visit with the R2 answers and the attribution decision, for the owner's file."""
    v = office.visits.get(int(visit_id))
    if v is None:
        raise RuleError("unknown_visit", f"没有编号为{visit_id}的来访记录。", f"No visit numbered {visit_id}.")
    cust = office.customers[v.customer_id]
    family = ""
    if cust.family_of is not None and cust.family_of in office.customers:
        rel = RELATION_ZH.get(cust.relation or "other", "亲属")
        family = f"系客户{office.customers[cust.family_of].label}的{rel}"
    referral = ""
    if cust.referred_by is not None and cust.referred_by in office.customers:
        referral = f"由老客户{office.customers[cust.referred_by].label}介绍"
    # R34: the members of a group were recorded with the party, at the same moment, for the same receiver.
    group = tuple(
        c.label for c in (office.created_at(v.at, v.receiver) if v.receiver else ())
        if c.id != cust.id and c.owner_rule == "R34"
    )
    standin = office.name(v.receiver) if v.kind == "standin" and v.receiver else ""
    owner = "销售部" if cust.owner == POOL else (office.name(cust.owner) if cust.owner else "暂无（未完成登记）")
    receiver = office.name(v.receiver) if v.receiver else "等候中"
    if v.kind == "standin" and v.on_behalf_of:
        receiver = f"{office.name(v.on_behalf_of)}（不在现场）"
    return VisitSheet(
        office_name=office_name_of(office, office_name),
        visit_id=str(v.id),
        at=v.at,
        customer_name=cust.label,
        phone=cust.phones[0] if cust.phones else "",
        source_label=SOURCE_ZH.get(v.source, v.source),
        family_note=family,
        group_members=group,
        referral_note=referral,
        first_visit_answer=_first_visit_answer(v.first_visit),
        contacted_by_answer=_contacted_answer(office, v.contacted_by, v.names),
        receiver_name=receiver,
        stand_in_name=standin,
        assistant_name=office.name(v.assist) if v.assist else "",
        rules=tuple(v.rules),
        explanation=v.explanation_zh,
        owner_name=owner,
        printed_at=printed_at,
    )


def visit_sheet_pdf(office: Office, visit_id: int, out_path: str | Path, office_name: str | None = None,
                    printed_at: dt.datetime | None = None) -> Path:
    """Write the visit sheet (full phone: it goes to the owner, never on the wall)."""
    return visit_sheet.render(visit_sheet_document(office, visit_id, office_name, printed_at), out_path)


# -------------------------------------------------------------------------------------- the case file
def _customer_id(office: Office, customer_ref_or_id: int | str) -> int:
    if isinstance(customer_ref_or_id, int):
        if customer_ref_or_id not in office.customers:
            raise RuleError("unknown_customer", f"没有这位客户：#{customer_ref_or_id}。",
                            f"Unknown customer: #{customer_ref_or_id}.")
        return customer_ref_or_id
    return office.customer_of(customer_ref_or_id).id


def _case_views(office: Office, cid: int) -> list[DisputeView]:
    views = [v for v in queries.disputes(office, include_ruled=True) if v.customer_id == cid]
    if not views:
        label = office.customers[cid].label
        raise RuleError("no_case", f"{label}没有认领或争议记录，无裁决书可打印。",
                        f"{label} has no claim or dispute: there is no case file to print.")
    return views


def case_document(office: Office, customer_ref_or_id: int | str, office_name: str | None = None,
                  printed_at: dt.datetime | None = None) -> CaseFile:
    """The latest claim or dispute over a customer, its evidence (R3) and the ruling (R32)."""
    cid = _customer_id(office, customer_ref_or_id)
    views = _case_views(office, cid)
    view = views[-1]
    parties: list[str] = []
    for v in views:
        for name in (v.claimant_name, v.against_name):
            if name and name != "—" and name not in parties:
                parties.append(name)
    evidence = tuple(
        EvidenceItem(e.at, e.who_name, KIND_LABEL.get(e.kind, e.kind), e.summary, e.admissible, e.why)
        for e in view.evidence
    )
    record = next((r for r in office.claims if r.id == view.id), None)
    ruled_by = office.name(record.ruled_by) if record is not None and record.ruled_by else None
    ruled = view.decision is not None
    return CaseFile(
        office_name=office_name_of(office, office_name),
        customer_name=view.customer,
        phone=view.phone,
        claimants=tuple(parties),
        evidence=evidence,
        proposed_owner_name=view.proposed_name,
        proposed_rules=view.proposed_rules,
        proposed_explanation=view.proposed_explanation,
        final_owner_name=view.decision_name if ruled else None,
        final_reason=(view.reason or "维持系统建议") if ruled else None,
        ruled_by=ruled_by,
        ruled_at=None,  # the ruling's time lives in the journal, not in the read model
        case_id=f"{'认领' if view.kind == 'claim' else '争议'}-{view.id}",
        printed_at=printed_at,
    )


def case_pdf(office: Office, customer_ref_or_id: int | str, out_path: str | Path,
             office_name: str | None = None, printed_at: dt.datetime | None = None) -> Path:
    """Write the dispute case file (裁决书) for a customer's latest claim or dispute."""
    return case_file.render(case_document(office, customer_ref_or_id, office_name, printed_at), out_path)
