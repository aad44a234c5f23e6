"""Small SQL helpers the services use on the read models, so only the store speaks SQLAlchemy."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, delete, insert, select, text
from sqlalchemy.engine import make_url

from . import readmodels as rm

_HIGH = "\uffff"


_UPSERTS: dict[tuple[str, str], object] = {}


def _upsert_statement(dialect: str, table):
    """INSERT ... ON CONFLICT (primary key) DO UPDATE for SQLite and PostgreSQL, built once per table."""
    key = (dialect, table.name)
    stmt = _UPSERTS.get(key)
    if stmt is None:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        base = dialect_insert(table)
        keys = list(table.primary_key.columns)
        stmt = base.on_conflict_do_update(
            index_elements=keys,
            set_={c.name: base.excluded[c.name] for c in table.columns if c not in keys},
        )
        _UPSERTS[key] = stmt
    return stmt


def upsert(conn, table, rows: list[dict]) -> None:
    """Insert or replace rows by primary key `id` (a read-model row is rewritten whole), one statement."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        conn.execute(_upsert_statement(dialect, table), rows)
        return
    conn.execute(delete(table).where(table.c.id.in_([r["id"] for r in rows])))
    conn.execute(insert(table), rows)


def delete_ids(conn, table, ids) -> None:
    conn.execute(delete(table).where(table.c.id.in_(list(ids))))


def delete_records(conn, kind: str, ids) -> None:
    """Remove hot records (deskapp.services.hotstate) of one kind."""
    table = rm.hot_records
    conn.execute(delete(table).where(table.c.kind == kind, table.c.id.in_(list(ids))))


def clear(conn, tables) -> None:
    for table in tables:
        conn.execute(delete(table))


def rows_by_id(conn, table) -> dict[int, dict]:
    return {r["id"]: dict(r) for r in conn.execute(select(table)).mappings()}


def _prefix(column, p: str):
    return (column >= p) & (column < p + _HIGH)


def search_statements(text_: str, limit: int = 50, with_prefix: bool = False) -> list[tuple[str, object]]:
    """(how, SELECT) pairs for one search keystroke, in the order results are shown.

    Phone tail on the reversed phone, name prefix, pinyin (initials, full) prefix: index range scans
    (`>= p AND < p + U+FFFF`, not LIKE) so SQLite and PostgreSQL both walk the b-tree whatever the collation.
    """
    q = text_.strip().lower().replace(" ", "").replace("-", "")
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
            # The tail is what a receptionist usually knows ("尾号1111"); while typing a number from
            # its start (the check-in dialog) the prefix matters too.
            out.append(("phone", select(*cols).where(_prefix(c.c.phone_rev, q[::-1])).limit(limit)))
            if with_prefix:
                out.append(("phone", select(*cols).where(_prefix(c.c.phone, q)).limit(limit)))
        return out
    out.append(("name", select(*cols).where(_prefix(c.c.name, text_.strip())).limit(limit)))
    if q.isascii() and q.isalpha():
        out.append(("pinyin", select(*cols).where(_prefix(c.c.initials, q)).limit(limit)))
        out.append(("pinyin", select(*cols).where(_prefix(c.c.pinyin, q)).limit(limit)))
    return out


def explain(conn, stmt) -> str:
    """The database's query plan for a statement, as one line (tests check that indexes are used)."""
    sql = stmt.compile(conn, compile_kwargs={"literal_binds": True})
    if conn.dialect.name == "sqlite":
        return " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    return " ".join(r[0] for r in conn.execute(text(f"EXPLAIN {sql}")))


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
