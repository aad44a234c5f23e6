"""Customer search over the `customers` read model, through its indexes (never a scan of history).

A keystroke is one SELECT (deskapp.store.sql.search_sql: phone tail, name prefix, pinyin initials and
full pinyin as index range scans in one UNION ALL) on a connection the service keeps for searching, so
typing costs about what the bare query costs. Each row carries what a hit shows (label, first phone,
owner, last visit); follow-up continuity (R14) needs the customer's records and is worked out when a hit
is first asked for it (dto.CustomerHit).
"""

from __future__ import annotations

from deskapp.domain import POOL
from deskapp.store.sql import SEARCH_HOWS, search_sql

from . import dto, queries


class Continuity:
    """R14 for the hits of one search: the owner's admissible contacts leave no gap up to today."""

    __slots__ = ("office_of", "today")

    def __init__(self, office_of, today):
        self.office_of, self.today = office_of, today

    def of(self, hit: dto.CustomerHit) -> bool:
        office = self.office_of()
        return queries.continuity(office, office.customers[hit.id], self.today)


def search_rows(cursor, office_of, text: str, limit: int = 50, with_prefix: bool = False,
                pyformat: bool = False) -> list[dto.CustomerHit]:
    """Hits for `text` read through `cursor` (DB-API); `office_of()` is the running office (staff names,
    and the records continuity is worked out from)."""
    found = search_sql(text, limit, with_prefix)
    if found is None:
        return []
    sql, params = found
    if pyformat:
        sql = sql.replace("?", "%s")
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    office = office_of()
    cont = Continuity(office_of, office.today())
    names: dict = {}  # owner -> (name, continuity), worked out once per owner
    hit = dto.CustomerHit
    hits: list[dto.CustomerHit] = []
    if " UNION ALL " in sql:  # several arms may find one customer twice: keep the first
        seen: set[int] = set()
        rows = [r for r in rows if not (r[1] in seen or seen.add(r[1]))]
    for k, cid, label, phone, owner, last in rows:
        known = names.get(owner)
        if known is None:
            known = names[owner] = (office.name(owner) if owner else "—", cont if owner not in (None, POOL) else False)
        hits.append(hit(cid, label, phone, owner, known[0], last, known[1], SEARCH_HOWS[k]))
    return hits[:limit]
