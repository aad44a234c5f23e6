"""Database addresses for a station: the embedded default, display forms, and checking an address the way
the app opens it (without creating or changing anything). No Qt here: the settings dialog and the
first-run wizard call these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def default_location() -> Path:
    """The embedded database's file (in the user's data directory)."""
    from deskapp.store.engine import default_db_path

    return default_db_path()


def embedded_url() -> str:
    """The embedded database as an explicit URL (its folder made, as the default open does)."""
    from deskapp.store.engine import sqlite_url

    path = default_location()
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite_url(path)


def display_url(url: str | None) -> str:
    """A URL as a person may see it: the password hidden; the embedded default as its file."""
    text = (url or "").strip()
    if not text:
        return str(default_location())
    try:
        from deskapp.store.engine import resolve_url

        shown = resolve_url(text).render_as_string(hide_password=True)
        return shown.replace("postgresql+psycopg://", "postgresql://", 1)
    except Exception:  # noqa: BLE001 - a URL that does not parse is shown as typed
        return text


def engine_url(service) -> str | None:
    """The URL a running service uses, password hidden (None for an in-memory service)."""
    engine = getattr(service, "engine", None)
    url = getattr(engine, "url", None)
    if url is None:
        return None
    return url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://", 1)


# ------------------------------------------------------------------------------------ testing a URL
@dataclass(frozen=True)
class ConnectionCheck:
    """What testing a database address found: can the app open it, in both languages, and how many
    journal entries it already holds (0: an empty database, or a file not created yet)."""

    ok: bool
    zh: str
    en: str
    records: int = 0

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


def test_connection(url: str | None) -> tuple[bool, str, str]:
    """Whether the app could open `url` ("" or None: the embedded database): (ok, Chinese, English)."""
    check = check_database(url)
    return check.ok, check.zh, check.en


# pytest would collect a module-level test_* function imported into a test module; it is not a test.
test_connection.__test__ = False  # type: ignore[attr-defined]


def check_database(url: str | None) -> ConnectionCheck:
    """Open `url` as the app's start does, without migrating: connection, schema, journal head.

    Nothing is created or changed: an SQLite file that does not exist yet is only reported (the next
    start creates it). A refusal carries the store's own Chinese and English message.
    """
    from deskapp.store.errors import StoreError

    try:
        return _probe((url or "").strip())
    except StoreError as err:
        return ConnectionCheck(False, err.message_zh, err.message)
    except ImportError as err:  # a database driver that is not installed
        name = err.name or str(err)
        return ConnectionCheck(False, f"缺少数据库驱动（{name}），无法连接这种数据库。",
                               f"The database driver ({name}) is not installed.")
    except Exception as err:  # noqa: BLE001 - whatever the driver says, the user gets a sentence
        return ConnectionCheck(False, f"无法连接数据库：{err}", f"Cannot connect to the database: {err}")


def _probe(text: str) -> ConnectionCheck:
    from deskapp.store.engine import make_engine, read_connection, resolve_url, sqlite_path
    from deskapp.store.journal import Journal
    from deskapp.store.migrate import check_schema

    embedded = not text
    parsed = resolve_url(text or _embedded_url_text())
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is None:
            return ConnectionCheck(True, "内存数据库：关闭程序后数据不会保存，仅供测试。",
                                   "An in-memory database: nothing is kept after the program closes (tests only).")
        if not path.exists():
            if embedded or path.parent.is_dir():
                return ConnectionCheck(
                    True, f"数据库文件尚不存在，重新启动后将新建：{path}",
                    f"The database file does not exist yet; it will be created at the next start: {path}")
            return ConnectionCheck(False, f"文件夹不存在：{path.parent}", f"The folder does not exist: {path.parent}")
        if path.is_dir():
            return ConnectionCheck(False, f"这是一个文件夹，不是数据库文件：{path}",
                                   f"This is a folder, not a database file: {path}")
    engine = make_engine(parsed)  # opens one connection at once: a wrong address fails here
    try:
        status = check_schema(engine)
        if status.state == "empty":
            return ConnectionCheck(
                True, "连接成功。数据库是空的：启动时将建立数据表，并打开首次设置向导。",
                "Connected. The database is empty: its tables are created at the start, then the set-up wizard opens.")
        with read_connection(engine) as conn:
            head, _ = Journal().head(conn)
        if status.state == "behind":
            return ConnectionCheck(True, f"连接成功。数据库中已有{head}条记录；启动时将升级数据表。",
                                   f"Connected. The database holds {head} records; its tables are upgraded at the start.",
                                   head)
        return ConnectionCheck(True, f"连接成功。数据库中已有{head}条记录。",
                               f"Connected. The database holds {head} records.", head)
    finally:
        engine.dispose()


def _embedded_url_text() -> str:
    from deskapp.store.engine import sqlite_url

    return sqlite_url(default_location())
