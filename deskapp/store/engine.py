"""Engine factory: SQLite in the user data directory by default, PostgreSQL by URL.

SQLite connections are set up for a single office PC that must never lose a committed fact:
WAL, ``synchronous=FULL``, foreign keys on, a busy timeout, and every transaction that may write starts
with ``BEGIN IMMEDIATE`` (the write lock is taken up front, so two writers queue instead of failing on
lock upgrade). A connection opened with :func:`read_connection` starts a plain deferred ``BEGIN``
instead and never blocks writers (WAL readers see a snapshot).

PostgreSQL URLs (``postgresql://``, ``postgres://``, ``postgresql+psycopg2://`` ...) are mapped to the
psycopg 3 driver. The journal relies on READ COMMITTED (the default): after ``SELECT ... FOR UPDATE``
on ``office_lock`` the next statement sees what the previous lock holder committed.

Driver errors that a user can act on are raised as :class:`~deskapp.store.errors.StoreError`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import StaticPool

from deskapp.store.errors import StoreError, driver_errors, translate_dbapi_error
from deskapp.store.paths import APP_NAME, DB_FILENAME, default_db_path

__all__ = [
    "APP_NAME",
    "DB_FILENAME",
    "ENV_DB_URL",
    "READ_ONLY_OPTION",
    "SQLITE_BUSY_TIMEOUT_MS",
    "default_db_path",
    "resolve_url",
    "make_engine",
    "read_connection",
    "write_connection",
    "is_sqlite",
    "is_postgresql",
    "sqlite_path",
    "sqlite_url",
]

ENV_DB_URL = "DESKAPP_DB_URL"
READ_ONLY_OPTION = "deskapp_read_only"
SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 5


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The URL of an SQLite file at ``path`` (made absolute)."""
    return "sqlite:///" + str(Path(path).expanduser().resolve())


def resolve_url(url: str | URL | None = None) -> URL:
    """Parse and normalise a database URL; ``None`` means ``$DESKAPP_DB_URL`` or the default file.

    Raises StoreError('bad_url') for anything that is not an SQLite or PostgreSQL URL.
    """
    if url is None:
        env = os.environ.get(ENV_DB_URL, "").strip()
        url = env or sqlite_url(default_db_path())
    if isinstance(url, str):
        text = url.strip()
        if not text:
            raise StoreError("bad_url", detail="empty database URL")
        try:
            parsed = make_url(text)
        except (ArgumentError, ValueError) as exc:
            raise StoreError("bad_url", detail=f"{text!r}: {exc}") from exc
    else:
        parsed = url
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise StoreError("bad_url", detail=f"unsupported SQLite driver {parsed.drivername!r}")
        return parsed.set(drivername="sqlite")
    if backend in ("postgresql", "postgres"):
        if not parsed.database:
            raise StoreError("bad_url", detail="the PostgreSQL URL names no database")
        return parsed.set(drivername="postgresql+psycopg")
    raise StoreError("bad_url", detail=f"unsupported database {parsed.drivername!r}")


def is_sqlite(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "sqlite"


def is_postgresql(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


def sqlite_path(bind: Engine | Connection | URL) -> Path | None:
    """The file of an SQLite engine/URL, None for an in-memory database or a non-SQLite one."""
    url = bind if isinstance(bind, URL) else bind.engine.url
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def make_engine(url: str | URL | None = None, *, probe: bool = True, echo: bool = False) -> Engine:
    """Create the engine for ``url`` (None: ``$DESKAPP_DB_URL``, else the default SQLite file).

    With ``probe`` (default) one connection is opened at once so that a wrong address, a server that is
    down or a corrupt file is reported here as a StoreError, not at the first query.
    The schema is not checked or migrated here: see :func:`deskapp.store.migrate.open_store`.
    """
    is_default = url is None and not os.environ.get(ENV_DB_URL, "").strip()
    parsed = resolve_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _make_sqlite_engine(parsed, create_dir=is_default, echo=echo)
    else:
        engine = _make_pg_engine(parsed, echo=echo)
    _install_error_translation(engine)
    if probe:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                conn.rollback()
        except StoreError:
            engine.dispose()
            raise
        except DBAPIError as exc:
            engine.dispose()
            err = translate_dbapi_error(exc.orig) if exc.orig is not None else None
            if err is None:
                raise StoreError("db_unreachable", detail=str(exc.orig or exc)) from exc
            raise err from exc
    return engine


# --------------------------------------------------------------------------------------------- SQLite

def _make_sqlite_engine(url: URL, *, create_dir: bool, echo: bool) -> Engine:
    path = sqlite_path(url)
    kwargs: dict = {}
    if path is None:
        # in-memory: one shared connection, or every checkout would see an empty database
        kwargs["poolclass"] = StaticPool
    else:
        if create_dir:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000.0, "check_same_thread": False},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Take transaction control away from pysqlite: we emit BEGIN ourselves in the "begin" event.
        dbapi_conn.isolation_level = None
        try:
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            if path is not None:
                mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()
                if mode is None or str(mode[0]).lower() != "wal":
                    raise StoreError("db_unreachable", detail=f"cannot switch {path} to WAL: {mode!r}")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()
        except sqlite3.Error as exc:
            err = translate_dbapi_error(exc) or StoreError("db_unreachable", detail=str(exc))
            raise err from exc

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(READ_ONLY_OPTION):
            conn.exec_driver_sql("BEGIN")
        else:  # the write lock at once; straight to the driver, this runs before every check-in
            with driver_errors():
                conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE")

    return engine


# ----------------------------------------------------------------------------------------- PostgreSQL

def _make_pg_engine(url: URL, *, echo: bool) -> Engine:
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": APP_NAME},
    )


# ------------------------------------------------------------------------------------ error mapping

def _install_error_translation(engine: Engine) -> None:
    @event.listens_for(engine, "handle_error")
    def _on_error(ctx) -> None:  # noqa: ANN001
        if getattr(ctx, "is_pre_ping", False):
            return  # let the pool recycle the connection
        orig = ctx.original_exception
        if isinstance(orig, StoreError):
            raise orig
        err = translate_dbapi_error(orig)
        if err is not None:
            raise err from (ctx.sqlalchemy_exception or orig)


# ------------------------------------------------------------------------------- connection helpers

@contextlib.contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reading: on SQLite its transactions start with a deferred ``BEGIN`` (a WAL
    snapshot that never blocks a writer); on PostgreSQL it is a READ ONLY transaction. Writes through
    it fail (journal appends raise StoreError('read_only'))."""
    with engine.connect() as conn:
        opts: dict = {READ_ONLY_OPTION: True}
        if is_postgresql(conn):
            opts["postgresql_readonly"] = True
        conn.execution_options(**opts)
        try:
            yield conn
        finally:
            if conn.in_transaction():
                conn.rollback()


@contextlib.contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """``engine.begin()``: one write transaction (``BEGIN IMMEDIATE`` on SQLite), committed on success,
    rolled back on an exception."""
    with engine.begin() as conn:
        yield conn
