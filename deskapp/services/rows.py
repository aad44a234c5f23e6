"""Domain records from read-model rows (stdlib only: used before SQLAlchemy is imported, see hotstate).

The read models carry whole records (migration 0004): a `customers`, `visits` or `followups` row
rebuilds the record exactly; rows may be sqlite3.Row, DB-API dicts or SQLAlchemy row mappings.
"""

from __future__ import annotations

import datetime as dt

from deskapp.domain.model import Customer, FollowUpRecord, Visit


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def customer_from_row(row) -> Customer:
    """The customer a `customers` row describes."""
    return Customer(
        id=row["id"], name=row["name"] or None, phones=[p for p in row["phones"].split(",") if p],
        alias=row["alias"], owner=row["owner"], owner_rule=row["owner_rule"],
        owner_since=_dt(row["owner_since"]), source=row["source"], family_of=row["family_of"],
        relation=row["relation"], referred_by=row["referred_by"],
        same_as={int(x) for x in row["same_as"].split(",") if x}, has_deal=bool(row["has_deal"]),
        competitor=bool(row["competitor"]), created=_dt(row["created"]),
    )


def visit_from_row(row) -> Visit:
    """The visit a `visits` row describes."""
    from json import loads  # not at import: the board is drawn before json is needed elsewhere

    return Visit(
        id=row["id"], customer_id=row["customer_id"], at=_dt(row["at"]), receiver=row["receiver"],
        kind=row["kind"], turn=row["turn"], registered=bool(row["registered"]),
        first_visit=None if row["first_visit"] is None else bool(row["first_visit"]),
        contacted_by=row["contacted_by"], names=row["names"], source=row["source"],
        pending_owner=row["pending_owner"], on_behalf_of=row["on_behalf_of"], assist=row["assist"],
        active=bool(row["active"]), cancelled=bool(row["cancelled"]),
        refused_by=[x for x in row["refused_by"].split(",") if x], amended=bool(row["amended"]),
        corrections=loads(row["corrections"]), rules=tuple(x for x in row["rules"].split(",") if x),
        explanation_zh=row["explanation"], explanation_en=row["explanation_en"], ended=_dt(row["ended"]),
    )


def followup_from_row(row) -> FollowUpRecord:
    """The follow-up a `followups` row describes."""
    from json import loads

    return FollowUpRecord(row["id"], row["who"], row["customer_id"], dt.date.fromisoformat(row["date"]),
                          row["note"], bool(row["amended"]), loads(row["corrections"]))
