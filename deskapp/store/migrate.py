"""Schema migrations, run in code (no alembic.ini at runtime).

``open_store(url)`` is what the application calls: engine, schema check, upgrade to head.

Developers: ``python -m deskapp.store.migrate [alembic args...]`` runs the alembic command line with
the same configuration (URL from ``$DESKAPP_DB_URL`` or the default file), e.g. ``current``,
``upgrade head``, ``revision --autogenerate -m "read models"``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from deskapp.store.engine import is_postgresql, make_engine, resolve_url
from deskapp.store.errors import StoreError

__all__ = [
    "MIGRATIONS_DIR",
    "SchemaStatus",
    "alembic_config",
    "head_revision",
    "known_revisions",
    "check_schema",
    "upgrade",
    "open_store",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# Arbitrary constant for pg_advisory_xact_lock: two stations upgrading at once take turns.
_PG_MIGRATION_LOCK = 0x6465736B  # 'desk'


if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic is imported only when the schema is not already current (it costs a noticeable part of a
# station's start-up): the head revision is read from the migration files themselves.
_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*["\']?([^"\'\s]+)["\']?\s*$', re.M)


def quick_head() -> str | None:
    """The head revision from the migration files' `revision = ...` / `down_revision = ...` lines (no
    alembic); None when that does not give exactly one head."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(m.groups() for m in _REVISION_LINE.finditer(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            downs.add(found.get("down_revision"))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this code knows."""
    heads = _script().get_heads()
    if len(heads) != 1:  # a packaging/development error, not a user one
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    """Every revision id this code has a migration for."""
    return {sc.revision for sc in _script().walk_revisions()}


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    state: str  # 'empty' (nothing there yet), 'behind' (upgrade needed), 'current'
    current: tuple[str, ...]  # revisions recorded in the database
    head: str  # newest revision known to this code


def _status(conn: Connection) -> SchemaStatus:
    from alembic.runtime.migration import MigrationContext
    from alembic.script.revision import RevisionError
    from alembic.util.exc import CommandError

    head = head_revision()
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE not in tables:
        if tables:
            raise StoreError("db_foreign", detail=f"tables without {VERSION_TABLE}: {sorted(tables)[:8]}")
        return SchemaStatus("empty", (), head)
    current = tuple(MigrationContext.configure(conn).get_current_heads())
    script = _script()
    for rev in current:
        try:
            known = script.get_revision(rev)
        except (CommandError, RevisionError):  # unknown id
            known = None
        if known is None:
            raise StoreError("db_newer_schema", detail=f"database revision {rev!r}, this code knows up to {head!r}")
    if not current:
        return SchemaStatus("empty", (), head)
    return SchemaStatus("current" if current == (head,) else "behind", current, head)


def check_schema(bind: Engine | Connection) -> SchemaStatus:
    """Report the database's schema state; raise StoreError('db_newer_schema') if the database carries
    a revision this code does not know (written by a newer deskapp), StoreError('db_foreign') if it holds
    other tables but no deskapp schema."""
    if isinstance(bind, Connection):
        return _status(bind)
    with bind.connect() as conn:
        try:
            return _status(conn)
        finally:
            conn.rollback()


def upgrade(engine: Engine, revision: str = "head") -> SchemaStatus:
    """Bring the schema to ``revision`` (default: head), in one transaction. Refuses (StoreError
    'db_newer_schema') a database written by a newer deskapp. Safe to call from several stations at
    once (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction lock)."""
    with engine.begin() as conn:
        if is_postgresql(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        status = _status(conn)
        if status.state != "current" or revision != "head":
            from alembic import command

            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    return check_schema(engine)


def open_store(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The application's way in: engine for ``url`` (None: ``$DESKAPP_DB_URL`` or the default file),
    schema checked (newer → StoreError('db_newer_schema')) and, with ``migrate``, upgraded to head."""
    engine = make_engine(url)
    try:
        if _already_current(engine):
            return engine
        status = check_schema(engine)
        if migrate and status.state != "current":
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _already_current(engine: Engine) -> bool:
    """True when the database records exactly this code's head revision (then alembic is not needed)."""
    head = quick_head()
    if head is None:
        return False
    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
        except Exception:  # noqa: BLE001 - no version table (empty or foreign): the full check says which
            return False
        finally:
            conn.rollback()
    return [r[0] for r in rows] == [head]


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - developer tool
    from alembic.config import CommandLine

    args = list(sys.argv[1:] if argv is None else argv)
    cli = CommandLine(prog="python -m deskapp.store.migrate")
    options = cli.parser.parse_args(args)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    cfg = alembic_config(resolve_url(None).render_as_string(hide_password=False))
    cfg.cmd_opts = options
    cli.run_cmd(cfg, options)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
