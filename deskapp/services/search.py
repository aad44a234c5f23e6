"""Customer search over the `customers` read model, through its indexes (never a scan of history).

A keystroke asks at most three index range queries (deskapp.store.sql.search_statements): phone tail,
name prefix, pinyin (full or initials) prefix.
"""

from __future__ import annotations

import datetime as dt

from deskapp.store.sql import search_statements

from . import dto


def search_db(conn, office, text: str, limit: int = 50, with_prefix: bool = False) -> list[dto.CustomerHit]:
    """Matches from the database, owner names from the office's staff list."""
    seen: set[int] = set()
    hits: list[dto.CustomerHit] = []
    for how, stmt in search_statements(text, limit, with_prefix):
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
