"""Customer search over the `customers` read model, through its indexes (never a scan of history).

A keystroke asks at most three index range queries: phone tail (on the reversed phone), name prefix,
pinyin (full or initials) prefix. Ranges (`>= p AND < p + U+FFFF`) instead of LIKE so that SQLite and
PostgreSQL both walk the b-tree whatever the collation.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from deskapp.store import readmodels as rm

from . import dto

_HIGH = "\uffff"


def _prefix(column, p: str):
    return (column >= p) & (column < p + _HIGH)


def search_statements(text: str, limit: int = 50) -> list[tuple[str, object]]:
    """(how, SELECT) pairs for one keystroke, in the order results are shown."""
    q = text.strip().lower().replace(" ", "").replace("-", "")
    if q.startswith("+86"):
        q = q[3:]
    if not q:
        return []
    c = rm.customers
    cols = (c.c.id, c.c.name, c.c.phone, c.c.owner)
    out: list[tuple[str, object]] = []
    if q.isdigit():
        if len(q) == 11:
            out.append(("phone", select(*cols).where(c.c.phone == q).limit(limit)))
        else:
            out.append(("phone", select(*cols).where(_prefix(c.c.phone_rev, q[::-1])).limit(limit)))
        return out
    out.append(("name", select(*cols).where(_prefix(c.c.name, text.strip())).limit(limit)))
    if q.isascii() and q.isalpha():
        out.append(("pinyin", select(*cols).where(_prefix(c.c.initials, q)).limit(limit)))
        out.append(("pinyin", select(*cols).where(_prefix(c.c.pinyin, q)).limit(limit)))
    return out


def search_db(conn, office, text: str, limit: int = 50) -> list[dto.CustomerHit]:
    """Matches from the database, owner names from the office's staff list."""
    seen: set[int] = set()
    hits: list[dto.CustomerHit] = []
    for how, stmt in search_statements(text, limit):
        for row in conn.execute(stmt):
            if row.id in seen:
                continue
            seen.add(row.id)
            owner = row.owner
            owner_name = "销售部" if owner == "pool" else (office.name(owner) if owner else "—")
            last = None
            ids = office.customer_visits.get(row.id) if office is not None else None
            if ids:
                last = office.visits[ids[-1]].at
            cont = False
            if office is not None and owner and owner != "pool" and row.id in office.customers:
                cust = office.customers[row.id]
                cont = office.continuous(owner, office.linked_ids(cust), office.today())
            hits.append(dto.CustomerHit(row.id, row.name, row.phone, owner, owner_name, last, cont, how))
            if len(hits) >= limit:
                return hits
    return hits


def last_visit(office, cid: int) -> dt.datetime | None:
    ids = office.customer_visits.get(cid, [])
    return office.visits[ids[-1]].at if ids else None
