"""Store errors: one exception type with a stable code, an English and a Chinese message.

Codes (stable, the UI and the CLI switch on them):

=================  ==========================================================================
bad_url            the database URL cannot be parsed or names an unsupported database
db_unreachable     the database server cannot be reached / the file cannot be opened
db_corrupt         the SQLite file is not a database or is damaged
db_newer_schema    the database was written by a newer deskapp (unknown schema revision)
db_foreign         the database holds tables of some other application
db_busy            another station held the write lock for too long
disk_full          the disk (or the configured size limit) is full; nothing was written
append_only        an UPDATE/DELETE of the journal was attempted (refused by trigger)
head_moved         the journal head is not the one the caller expected (someone appended)
read_only          a write was attempted on a connection opened for reading
use_pg_dump        backup of a PostgreSQL database: use pg_dump (command line in the message)
backup_invalid     a file given for restore is not a usable deskapp database
=================  ==========================================================================
"""

from __future__ import annotations

import contextlib
import sqlite3

__all__ = ["StoreError", "translate_dbapi_error", "DEFAULT_MESSAGES"]

# code -> (English, Chinese)
DEFAULT_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_url": (
        "The database address is not valid. Use sqlite:///path/to/file.sqlite3 or "
        "postgresql://user@host:port/database.",
        "数据库地址无效。请使用 sqlite:///文件路径 或 postgresql://用户@主机:端口/数据库。",
    ),
    "db_unreachable": (
        "The database cannot be reached. Check that the server is running and the address, user and "
        "password are right, or that the file can be opened.",
        "无法连接数据库。请确认数据库服务器正在运行，地址、用户名和密码正确，或数据库文件可以打开。",
    ),
    "db_corrupt": (
        "The database file is not a database or is damaged. Restore it from a backup.",
        "数据库文件不是有效的数据库或已损坏。请从备份恢复。",
    ),
    "db_newer_schema": (
        "The database was created by a newer version of deskapp. Install the newer version to open it.",
        "该数据库由更新版本的软件创建。请安装新版本后再打开。",
    ),
    "db_foreign": (
        "The database contains tables of another application; deskapp will not use it.",
        "该数据库包含其他程序的数据表，本软件不会使用它。",
    ),
    "db_busy": (
        "The database is busy (another station is writing). Try again.",
        "数据库正忙（其他工作站正在写入）。请重试。",
    ),
    "disk_full": (
        "The disk is full; the last action was not saved. Free some space and try again.",
        "磁盘已满，刚才的操作未保存。请清理磁盘空间后重试。",
    ),
    "append_only": (
        "Records are never changed or deleted; record a correction instead.",
        "记录不可修改或删除；请登记一条更正记录。",
    ),
    "head_moved": (
        "Another station recorded something at the same moment. Reload and try again.",
        "其他工作站刚刚登记了新记录。请刷新后重试。",
    ),
    "read_only": (
        "This connection is opened for reading only.",
        "该连接为只读连接。",
    ),
    "use_pg_dump": (
        "A PostgreSQL database is backed up with pg_dump.",
        "PostgreSQL 数据库请使用 pg_dump 备份。",
    ),
    "backup_invalid": (
        "The file is not a usable deskapp backup.",
        "该文件不是可用的备份文件。",
    ),
}


class StoreError(Exception):
    """A persistence failure the user can be told about.

    ``code`` is stable (see module doc); ``message`` is English, ``message_zh`` Chinese. ``detail`` is
    free text (the driver's own message) for logs.
    """

    def __init__(self, code: str, message: str | None = None, *, message_zh: str | None = None,
                 detail: str | None = None) -> None:
        en, zh = DEFAULT_MESSAGES.get(code, (code, code))
        self.code = code
        self.message = message if message is not None else en
        self.message_zh = message_zh if message_zh is not None else zh
        self.detail = detail
        super().__init__(self.code, self.message)

    def __str__(self) -> str:
        s = f"{self.code}: {self.message}"
        if self.detail:
            s += f" ({self.detail})"
        return s

    def __repr__(self) -> str:
        return f"StoreError({self.code!r}, {self.message!r})"

    def __reduce__(self):  # picklable across processes
        return (_rebuild, (self.code, self.message, self.message_zh, self.detail))


def _rebuild(code, message, message_zh, detail):
    return StoreError(code, message, message_zh=message_zh, detail=detail)


_SQLITE_FULL = getattr(sqlite3, "SQLITE_FULL", 13)
_SQLITE_CORRUPT = getattr(sqlite3, "SQLITE_CORRUPT", 11)
_SQLITE_NOTADB = getattr(sqlite3, "SQLITE_NOTADB", 26)
_SQLITE_BUSY = getattr(sqlite3, "SQLITE_BUSY", 5)
_SQLITE_CANTOPEN = getattr(sqlite3, "SQLITE_CANTOPEN", 14)

_PG_UNREACHABLE_STATES = {"57P01", "57P02", "57P03", "3D000", "28P01", "28000"}


def translate_dbapi_error(exc: BaseException) -> StoreError | None:
    """Map a DBAPI (sqlite3 / psycopg) exception to a StoreError, or None if it is not one we name."""
    text = str(exc)
    low = text.lower()
    if "append-only" in low:
        return StoreError("append_only", detail=text)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary == _SQLITE_FULL or "database or disk is full" in low:
            return StoreError("disk_full", detail=text)
        if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "file is not a database" in low \
                or "malformed" in low:
            return StoreError("db_corrupt", detail=text)
        if primary == _SQLITE_CANTOPEN or "unable to open database file" in low:
            return StoreError("db_unreachable", detail=text)
        if primary == _SQLITE_BUSY or "database is locked" in low:
            return StoreError("db_busy", detail=text)
        return None
    # psycopg (imported lazily: it is optional)
    mod = type(exc).__module__ or ""
    if mod.startswith("psycopg"):
        state = getattr(exc, "sqlstate", None)
        if state == "53100":
            return StoreError("disk_full", detail=text)
        if _isinstance_by_name(exc, "OperationalError"):
            if state is None or state.startswith("08") or state in _PG_UNREACHABLE_STATES:
                return StoreError("db_unreachable", detail=text.strip())
        return None
    return None


def _isinstance_by_name(exc: BaseException, name: str) -> bool:
    return any(c.__name__ == name for c in type(exc).__mro__)


@contextlib.contextmanager
def driver_errors():
    """Statements run on a raw DB-API connection: a driver error we name becomes that StoreError, as it
    does through SQLAlchemy; anything else passes unchanged."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        err = translate_dbapi_error(exc)
        if err is None:
            raise
        raise err from exc
