"""Read side: what the board, search, notice and dispute panels show, as frozen DTOs."""

from __future__ import annotations

import datetime as dt

from deskapp.domain import POOL, Office
from deskapp.domain.phone import mask_phone

from . import dto
from .pinyin import name_keys


def _name(office: Office, key: str | None) -> str:
    return office.name(key) if key else "—"


def board(office: Office) -> dto.Board:
    day = office.day
    now = office.now
    rows: list[dto.ConsultantRow] = []
    nxt = office.propose() if day else None
    upcoming = day.upcoming() if day else []
    t = now.time()
    duty_now = {w.who for w in (day.duty if day else []) if w.contains(t)}
    for key, st in office.staff.items():
        if not st.role.in_rotation or not st.active:
            continue
        busy = office.busy_with(key) if day else []
        since = None
        detail = ""
        if day is None:
            state = "absent"
        elif office.on_leave(key):
            lv = office.on_leave(key)
            state, detail = "on_leave", f"{lv.start:%m-%d}–{lv.end:%m-%d}"
        elif key in day.resting:
            state = "resting"
        elif key not in day.present:
            state = "absent"
        elif key in day.stepped_out:
            state = "out_official" if day.stepped_out[key] == "official" else "out_personal"
        elif busy:
            v = busy[-1]
            state, since = "receiving", v.at
            detail = "、".join(office.customers[b.customer_id].label for b in busy)
        elif office.suspended(key):
            state = "suspended"
        else:
            state = "free"
        credits = tuple(dto.CreditToken(cr.rule, cr.reason, cr.earned) for cr in office.credits if cr.holder == key)
        pos = upcoming.index(key) + 1 if key in upcoming else 0
        rows.append(dto.ConsultantRow(
            key, st.name, st.team, st.role.name.lower(), pos, state, detail, since,
            bool(nxt and nxt.who == key), key in duty_now, st.owes_turn, credits,
        ))
    rows.sort(key=lambda r: (r.position == 0, r.position, r.name))
    receptions = []
    if day:
        for vid in day.visit_ids:
            receptions.append(_reception(office, office.visits[vid]))
    receptions.sort(key=lambda r: (r.at, r.visit_id))
    waiting = tuple(office.customers[office.visits[v].customer_id].label for v in (day.waiting if day else []))
    return dto.Board(
        day.date if day else None, now, nxt.who if nxt else None, _name(office, nxt.who) if nxt else "—",
        nxt.via if nxt else "", tuple(rows), tuple(receptions), waiting,
    )


def _reception(office: Office, v) -> dto.ReceptionRow:
    cust = office.customers[v.customer_id]
    return dto.ReceptionRow(
        v.id, v.at, cust.id, cust.label, cust.phones[0] if cust.phones else "", v.receiver,
        _name(office, v.receiver), v.kind, v.turn, v.active, tuple(v.rules), v.explanation_zh,
        _name(office, cust.owner) if cust.owner else "—", v.amended, v.cancelled, v.explanation_en,
    )


def last_visit(office: Office, cid: int) -> dt.datetime | None:
    ids = office.customer_visits.get(cid, [])
    return office.visits[ids[-1]].at if ids else None


def search(office: Office, text: str, limit: int = 50) -> list[dto.CustomerHit]:
    """Phone (any part, usually the tail), name, or pinyin (full or initials): `zs` finds 张三."""
    q = text.strip().lower().replace(" ", "").replace("-", "")
    if not q:
        return []
    hits: list[dto.CustomerHit] = []
    today = office.today()
    for cust in office.customers.values():
        how = None
        if q.isdigit():
            if any(q in p for p in cust.phones):
                how = "phone"
        elif cust.name and q in cust.name.lower():
            how = "name"
        elif cust.name:
            full, initials = name_keys(cust.name)
            if full.startswith(q) or initials.startswith(q):
                how = "pinyin"
        if how:
            hits.append(hit(office, cust, how, today))
            if len(hits) >= limit:
                break
    return hits


def continuity(office: Office, cust, today: dt.date) -> bool:
    """R14: the owner's admissible contacts with the customer leave no gap up to today (never for the pool)."""
    return bool(cust.owner and cust.owner != POOL and office.continuous(cust.owner, office.linked_ids(cust), today))


def hit(office: Office, cust, how: str, today: dt.date) -> dto.CustomerHit:
    """A customer as a search result: owner, last visit, follow-up continuity (R14)."""
    return dto.CustomerHit(
        cust.id, cust.label, cust.phones[0] if cust.phones else "", cust.owner, _name(office, cust.owner),
        last_visit(office, cust.id), continuity(office, cust, today), how,
    )


def find_customers(service, text: str, limit: int = 50) -> list[dto.CustomerHit]:
    """Search as the desk types: through the database's indexes when the service has them, else in memory."""
    if not text.strip():
        return []
    if callable(getattr(service, "search", None)):
        return list(service.search(text, limit, with_prefix=True))
    return search(service.office, text, limit)


def match_phone(office: Office, raw: str) -> dto.CustomerHit | None:
    from deskapp.domain.errors import RuleError
    from deskapp.domain.phone import normalize_phone

    try:
        phone = normalize_phone(raw)
    except RuleError:
        return None
    cid = office.by_phone.get(phone)
    return hit(office, office.customers[cid], "phone", office.today()) if cid else None


def customer_detail(office: Office, cid: int) -> dto.CustomerDetail:
    cust = office.customers[cid]
    items: list[dto.HistoryItem] = []
    for vid in office.customer_visits.get(cid, []):
        v = office.visits[vid]
        text = v.explanation_zh or v.kind
        if v.cancelled:
            text = "（已取消）" + text
        items.append(dto.HistoryItem(v.at, "visit", v.receiver or "", _name(office, v.receiver), text, v.amended,
                                     tuple(v.corrections)))
    for f in office.followups_of.get(cid, []):
        if True:
            items.append(dto.HistoryItem(dt.datetime.combine(f.date, dt.time()), "follow_up", f.who, _name(office, f.who),
                                         f.note or "回访", f.amended, tuple(f.corrections)))
    for deal in office.deals:
        if deal.customer_id == cid:
            items.append(dto.HistoryItem(deal.at, "deal", deal.credit or "", _name(office, deal.credit),
                                         f"成交，合同签署人{deal.contract_name}", False, ()))
    items.sort(key=lambda i: i.at)
    return dto.CustomerDetail(
        cid, cust.label, tuple(cust.phones), cust.owner, _name(office, cust.owner), cust.owner_rule,
        cust.owner_since, cust.source, cust.has_deal, continuity(office, cust, office.today()), tuple(items),
    )


def notice(office: Office, date: dt.date | None = None) -> list[dto.NoticeItem]:
    date = date or office.today()
    out = []
    for e in office.notice_on(date):
        cust = office.customers[e.customer_id]
        v = office.visits[e.visit_id]
        out.append(dto.NoticeItem(
            e.id, e.date, v.at, cust.id, cust.label, cust.phones[0] if cust.phones else "", e.receiver,
            _name(office, e.receiver), e.status, _name(office, e.claimant) if e.claimant else "",
        ))
    return out


def disputes(office: Office, include_ruled: bool = False) -> list[dto.DisputeView]:
    out = []
    for rec in office.claims:
        if rec.status != "open" and not include_ruled:
            continue
        cust = office.customers[rec.customer_id]
        ev = office.evidence(office.linked_ids(cust, rec.same_as))
        rows = tuple(
            dto.EvidenceRow(
                e.at, e.who, _name(office, e.who), e.kind,
                ("来访登记" if e.kind == "visit" else "回访记录") + f"（{office.customers[e.customer_id].label}）",
                e.admissible, e.why_zh,
            )
            for e in ev
        )
        out.append(dto.DisputeView(
            rec.id, rec.kind, cust.id, cust.label, cust.phones[0] if cust.phones else "", rec.claimant,
            _name(office, rec.claimant), rec.against, _name(office, rec.against), rec.at, rec.status, rows,
            rec.proposed, _name(office, rec.proposed), tuple(rec.proposed_rules), rec.proposed_zh, rec.decision,
            _name(office, rec.decision) if rec.decision else "", rec.reason,
        ))
    return out


def staff(office: Office) -> list[dto.StaffView]:
    return [dto.StaffView(s.key, s.name, s.role.name.lower(), s.team, s.active) for s in office.staff.values()]


masked = mask_phone  # a phone as anything posted or shown in a list has it ("" for none)
