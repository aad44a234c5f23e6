"""Backup and restore.

SQLite: the online backup API (``sqlite3.Connection.backup``): a consistent copy while stations keep
working, written to a temporary file next to the destination, checked, then renamed into place.
PostgreSQL: use ``pg_dump`` (StoreError('use_pg_dump') carries the command line).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
import urllib.parse
from pathlib import Path

from sqlalchemy.engine import URL, Engine

from deskapp.store.engine import resolve_url, sqlite_path
from deskapp.store.errors import StoreError, translate_dbapi_error

__all__ = ["backup", "restore", "inspect_sqlite_file", "pg_dump_command"]

_PAGES_PER_STEP = 1024


def pg_dump_command(url: URL, dest_path: str | os.PathLike[str]) -> str:
    """The pg_dump command line that backs up the database at ``url`` into ``dest_path``."""
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return f'pg_dump --format=custom --no-owner --file "{os.fspath(dest_path)}" "{libpq_url}"'


def backup(engine: Engine, dest_path: str | os.PathLike[str]) -> Path:
    """Copy the database behind ``engine`` to ``dest_path`` (SQLite). Returns the path written.

    The copy is consistent (SQLite online backup) and is checked (integrity, deskapp schema) before it
    replaces ``dest_path``. PostgreSQL: raises StoreError('use_pg_dump') whose message is the pg_dump
    command line.
    """
    dest = Path(dest_path).expanduser().resolve()
    if engine.dialect.name == "postgresql":
        cmd = pg_dump_command(engine.url, dest)
        raise StoreError(
            "use_pg_dump",
            f"A PostgreSQL database is backed up with pg_dump: {cmd}",
            message_zh=f"PostgreSQL 数据库请使用 pg_dump 备份：{cmd}",
            detail=cmd,
        )
    src_file = sqlite_path(engine)
    if src_file is not None and dest == src_file.resolve():
        raise ValueError("the backup file cannot be the database itself")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    _unlink_quiet(tmp)
    fairy = engine.raw_connection()
    try:
        src = fairy.dbapi_connection
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst, pages=_PAGES_PER_STEP)
                # a backup is a single self-contained file: no -wal beside it
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        except sqlite3.Error as exc:
            _unlink_quiet(tmp)
            raise (translate_dbapi_error(exc) or StoreError("db_unreachable", detail=str(exc))) from exc
    finally:
        fairy.close()
    try:
        inspect_sqlite_file(tmp)
    except StoreError:
        _unlink_quiet(tmp)
        raise
    os.replace(tmp, dest)
    return dest


def inspect_sqlite_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """Open ``path`` read-only and check it is a sound deskapp database this code can open.

    Returns its ``meta`` table. Raises StoreError: 'backup_invalid' (missing, not a database, damaged,
    not deskapp's), 'db_newer_schema' (written by a newer deskapp).
    """
    from deskapp.store.migrate import known_revisions  # migrate imports engine; keep import lazy

    p = Path(path)
    if not p.is_file():
        raise StoreError("backup_invalid", detail=f"{p} does not exist")
    uri = "file:" + urllib.parse.quote(str(p.resolve())) + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StoreError("backup_invalid", detail=f"{p}: {exc}") from exc
    try:
        try:
            check = db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise StoreError("backup_invalid", detail=f"{p}: integrity check: {check!r}")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "meta", "journal"} <= tables:
                raise StoreError("backup_invalid", detail=f"{p} is not a deskapp database")
            meta = {k: v for k, v in db.execute("SELECT key, value FROM meta")}
            revs = [r[0] for r in db.execute("SELECT version_num FROM alembic_version")]
        except sqlite3.DatabaseError as exc:
            raise StoreError("backup_invalid", detail=f"{p}: {exc}") from exc
    finally:
        db.close()
    if meta.get("app") != "deskapp":
        raise StoreError("backup_invalid", detail=f"{p} is not a deskapp database")
    known = known_revisions()
    for rev in revs:
        if rev not in known:
            raise StoreError("db_newer_schema", detail=f"{p}: revision {rev!r}")
    return meta


def restore(src_path: str | os.PathLike[str], engine_url: str | URL | None = None, *,
            keep_previous: bool = True) -> Path | None:
    """Replace the SQLite database at ``engine_url`` (None: ``$DESKAPP_DB_URL`` or the default file)
    with the backup ``src_path``, through the online backup API (safe even if a station has the
    database open: it sees the restored content at its next transaction).

    ``src_path`` is checked first (a sound deskapp database, not newer than this code). With
    ``keep_previous`` the current database, if any, is first saved beside it as
    ``<name>.before-restore-<timestamp>.sqlite3`` — nothing is ever thrown away. Returns that path (or
    None). The restored journal should then be verified (``verify_chain``) and read models rebuilt by
    the caller if needed.
    """
    url = resolve_url(engine_url)
    if url.get_backend_name() != "sqlite":
        raise StoreError("use_pg_dump",
                         "A PostgreSQL database is restored with pg_restore.",
                         message_zh="PostgreSQL 数据库请使用 pg_restore 恢复。",
                         detail=f'pg_restore --clean --no-owner --dbname "<url>" "{os.fspath(src_path)}"')
    target = sqlite_path(url)
    if target is None:
        raise StoreError("bad_url", detail="cannot restore into an in-memory database")
    src = Path(src_path).expanduser().resolve()
    if src == target.resolve():
        raise ValueError("the backup file is the database itself")
    inspect_sqlite_file(src)

    saved: Path | None = None
    target.parent.mkdir(parents=True, exist_ok=True)
    if keep_previous and target.exists() and target.stat().st_size > 0:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        saved = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix or '.sqlite3'}")
        n = 1
        while saved.exists():
            n += 1
            saved = target.with_name(f"{target.stem}.before-restore-{stamp}-{n}{target.suffix or '.sqlite3'}")
        cur = sqlite3.connect(str(target))
        try:
            out = sqlite3.connect(str(saved))
            try:
                cur.backup(out, pages=_PAGES_PER_STEP)
            finally:
                out.close()
        except sqlite3.DatabaseError:
            # the current file is not even a database (that may be why we restore): keep its bytes
            _unlink_quiet(saved)
            saved = saved.with_suffix(saved.suffix + ".raw")
            saved.write_bytes(target.read_bytes())
        finally:
            cur.close()

    uri = "file:" + urllib.parse.quote(str(src)) + "?mode=ro"
    s = sqlite3.connect(uri, uri=True)
    try:
        try:
            d = sqlite3.connect(str(target), timeout=30)
        except sqlite3.Error as exc:
            raise (translate_dbapi_error(exc) or StoreError("db_unreachable", detail=str(exc))) from exc
        try:
            try:
                s.backup(d, pages=0)  # one step: the target is replaced atomically
            except sqlite3.DatabaseError as exc:
                if "not a database" not in str(exc) and "malformed" not in str(exc):
                    raise
                # the target is garbage: replace the file itself
                d.close()
                for suffix in ("-wal", "-shm"):
                    _unlink_quiet(Path(str(target) + suffix))
                _unlink_quiet(target)
                d = sqlite3.connect(str(target))
                s.backup(d, pages=0)
            d.execute("PRAGMA journal_mode=WAL")
        finally:
            d.close()
    except sqlite3.Error as exc:
        raise (translate_dbapi_error(exc) or StoreError("db_unreachable", detail=str(exc))) from exc
    finally:
        s.close()
    return saved


def _unlink_quiet(p: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        p.unlink()
