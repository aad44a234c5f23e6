"""Customer search over the `customers` read model, through its indexes (never a scan of history).

A keystroke asks at most three index range queries (deskapp.store.sql.search_statements): phone tail,
name prefix, pinyin (full or initials) prefix.
"""

from __future__ import annotations

from deskapp.store.sql import search_statements

from . import dto, queries


def search_db(conn, office, text: str, limit: int = 50, with_prefix: bool = False) -> list[dto.CustomerHit]:
    """Matches found through the database's indexes, described like every other search hit."""
    seen: set[int] = set()
    hits: list[dto.CustomerHit] = []
    today = office.today()
    for how, stmt in search_statements(text, limit, with_prefix):
        for row in conn.execute(stmt):
            if row.id in seen:
                continue
            seen.add(row.id)
            hits.append(queries.hit(office, office.customers[row.id], how, today))
            if len(hits) >= limit:
                return hits
    return hits
