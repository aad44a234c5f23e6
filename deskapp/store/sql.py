"""Small SQL helpers the services use on the read models, so only the store speaks SQLAlchemy."""

from __future__ import annotations

import contextlib
import uuid

from sqlalchemy import create_engine, delete, select, text
from sqlalchemy.engine import make_url

from .errors import driver_errors

_HIGH = "\uffff"


def upsert(conn, table, rows: list[dict]) -> None:
    """Insert or replace rows by primary key (a read-model row is rewritten whole), one statement.

    SQLite and PostgreSQL (the only databases deskapp.store.engine opens) take the same ``INSERT ...
    ON CONFLICT (pk) DO UPDATE SET col = excluded.col``; it runs on the transaction's own DB-API
    connection (a check-in writes several of these: going through SQLAlchemy's statement machinery each
    time cost more than the writes themselves).
    """
    if rows:
        cols = tuple(rows[0])
        _raw(conn, _upsert_sql(table, cols), [tuple(r[c] for c in cols) for r in rows])


_UPSERT_SQL: dict[tuple, str] = {}


def _upsert_sql(table, cols: tuple[str, ...]) -> str:
    key = (table.name, cols)
    sql = _UPSERT_SQL.get(key)
    if sql is None:
        known = {c.name for c in table.columns}
        unknown = [c for c in cols if c not in known]
        if unknown:
            raise KeyError(f"{table.name} has no column {unknown[0]}")
        pk = [c.name for c in table.primary_key.columns]
        names = ", ".join(f'"{c}"' for c in cols)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c not in pk)
        sql = _UPSERT_SQL[key] = (
            f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(cols))}) '
            f'ON CONFLICT ({", ".join(pk)}) DO UPDATE SET {updates}')
    return sql


def _raw(conn, sql: str, params: list[tuple]) -> None:
    """executemany of a ``?``-placeholder statement on the connection's DB-API connection, inside its
    transaction; driver errors become StoreErrors as they do through SQLAlchemy (deskapp.store.errors)."""
    if conn.dialect.name == "postgresql":
        sql = sql.replace("?", "%s")
    cur = conn.connection.dbapi_connection.cursor()
    try:
        with driver_errors():
            cur.executemany(sql, params)
    finally:
        cur.close()


_TALLY_COLS = ("id", "day", "who", "skips_credit", "skips_plain", "earned", "seq")
_TALLY_SQL = (
    f"INSERT INTO day_tallies ({', '.join(_TALLY_COLS)}) VALUES ({', '.join('?' * len(_TALLY_COLS))}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = day_tallies.{c} + excluded.{c}" for c in _TALLY_COLS[3:6]) + ", seq = excluded.seq")


def add_tallies(conn, rows: list[dict]) -> None:
    """Add to the day tallies (deskapp.store.readmodels.day_tallies): counts are summed, `seq` replaced."""
    if rows:
        _raw(conn, _TALLY_SQL, [tuple(r[c] for c in _TALLY_COLS) for r in rows])


@contextlib.contextmanager
def batched(conn):
    """The statements inside are sent to PostgreSQL without waiting for each answer (psycopg's pipeline
    mode: one round trip instead of one per statement); nothing changes on SQLite. A failure surfaces at
    the end of the block, as a StoreError when it is one we name."""
    if conn.dialect.name != "postgresql":
        yield
        return
    with driver_errors(), conn.connection.dbapi_connection.pipeline():
        yield


def delete_ids(conn, table, ids) -> None:
    _raw(conn, f'DELETE FROM "{table.name}" WHERE id = ?', [(i,) for i in ids])


def delete_records(conn, kind: str, ids) -> None:
    """Remove hot records (deskapp.services.hotstate) of one kind."""
    _raw(conn, "DELETE FROM hot_records WHERE kind = ? AND id = ?", [(kind, i) for i in ids])


def clear(conn, tables) -> None:
    for table in tables:
        conn.execute(delete(table))


def rows_by_id(conn, table) -> dict[int, dict]:
    return {r["id"]: dict(r) for r in conn.execute(select(table)).mappings()}


SEARCH_HOWS = ("phone", "name", "pinyin")
# what a hit shows: id, label (alias, else name, else #id), first phone, owner, last visit
_SEARCH_COLS = "id, COALESCE(NULLIF(alias, ''), NULLIF(name, ''), '#' || id) AS label, phone, owner, last_visit"


_ARMS: dict[tuple, str] = {}


def _arm(k: int, where: str, limit: int) -> str:
    key = (k, where, limit)
    sql = _ARMS.get(key)
    if sql is None:
        sql = _ARMS[key] = f"SELECT {k} AS k, {_SEARCH_COLS} FROM customers WHERE {where} LIMIT {int(limit)}"
    return sql


def search_sql(text_: str, limit: int = 50, with_prefix: bool = False) -> tuple[str, tuple] | None:
    """One SELECT (``?`` placeholders) for a search keystroke: rows ``(k, id, label, phone, owner,
    last_visit)`` where ``SEARCH_HOWS[k]`` says how it matched, in the order results are shown: digits are
    a phone tail (and a prefix while typing a number from its start), letters are pinyin initials then full
    pinyin (which spells Latin names too), anything else a name prefix.

    Every arm is an index range scan (``>= p AND < p + U+FFFF``, not LIKE) so SQLite and PostgreSQL
    walk the b-tree whatever the collation; None when there is nothing to search for.
    """
    q = text_.strip().lower().replace(" ", "").replace("-", "")
    if q.startswith("+86"):
        q = q[3:]
    if not q:
        return None
    arms: list[tuple[str, tuple]] = []
    if q.isdigit():
        if len(q) == 11:
            arms.append((_arm(0, "phone_rev = ?", limit), (q[::-1],)))
        else:
            # The tail is what a receptionist usually knows ("尾号1111"); while typing a number from
            # its start (the check-in dialog) the prefix matters too.
            arms.append((_arm(0, "phone_rev >= ? AND phone_rev < ?", limit), (q[::-1], q[::-1] + _HIGH)))
            if with_prefix:
                arms.append((_arm(0, "phone >= ? AND phone < ?", limit), (q, q + _HIGH)))
    elif q.isascii() and q.isalpha():
        # Letters: pinyin initials, then full pinyin (Latin names are spelled there too, lower-cased).
        arms.append((_arm(2, "(initials >= ? AND initials < ?) OR (pinyin >= ? AND pinyin < ?)", limit),
                     (q, q + _HIGH, q, q + _HIGH)))  # one statement: an index union of both
    else:
        name = text_.strip()
        arms.append((_arm(1, "name >= ? AND name < ?", limit), (name, name + _HIGH)))
    if len(arms) == 1:
        return arms[0]
    sql = " UNION ALL ".join(f"SELECT * FROM ({a}) AS a{i}" for i, (a, _) in enumerate(arms))
    return sql, tuple(p for _, params in arms for p in params)


def explain_sql(conn, sql: str, params: tuple) -> str:
    """The query plan of a ``?``-placeholder statement (literals inlined), as one line."""
    parts = sql.split("?")
    literal = parts[0] + "".join("'" + str(p).replace("'", "''") + "'" + rest for p, rest in zip(params, parts[1:], strict=True))
    if conn.dialect.name == "sqlite":
        return " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {literal}")))
    return " ".join(r[0] for r in conn.execute(text(f"EXPLAIN {literal}")))


def fresh_pg_database(url: str) -> str:
    """Create an empty database next to the one `url` names and return its URL (scenario runs, tests)."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    name = f"deskapp_sc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return u.set(database=name).render_as_string(hide_password=False)
