"""Change notification between stations.

* SQLite: ``PRAGMA data_version`` on a dedicated connection changes whenever *another* connection
  (any process, any pooled connection of this one) commits. Poll it about once a second.
* PostgreSQL: a dedicated autocommit connection LISTENs on ``deskapp_changes``; writers call
  :func:`notify_change` inside their transaction (``Journal.append`` already does), and PostgreSQL
  delivers the notification when (and only if) that transaction commits.

For a Qt event loop: poll from a 500-1000 ms QTimer, or watch :meth:`ChangeWatcher.fileno` with a
QSocketNotifier (PostgreSQL only) and call :meth:`poll` when it fires.
"""

from __future__ import annotations

import contextlib
import threading

from sqlalchemy.engine import Connection, Engine

__all__ = ["CHANNEL", "ChangeWatcher", "notify_change"]

CHANNEL = "deskapp_changes"


def notify_change(conn: Connection) -> None:
    """Tell the other stations that this transaction changed something (delivered at commit).
    PostgreSQL: ``NOTIFY deskapp_changes``; SQLite: nothing to do (``data_version`` does it)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"NOTIFY {CHANNEL}")


class ChangeWatcher:
    """``poll()`` is True when another connection committed since the previous poll (or since the
    watcher was made). It never raises for a lost connection: it reconnects and reports True (the
    caller should refresh, something may have been missed)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._pg = engine.dialect.name == "postgresql"
        self._raw = None  # the DBAPI connection (detached from the pool: it is ours alone)
        self._last: int | None = None
        self._pending = False
        self._closed = False
        self._connect()

    # ----------------------------------------------------------------------------------------- setup
    def _connect(self) -> None:
        if not self._pg and self._engine.url.database in (None, "", ":memory:"):
            # in-memory SQLite: one connection in all (StaticPool); no other station can exist
            self._closed = True
            return
        fairy = self._engine.raw_connection()
        fairy.detach()  # never goes back to the pool: LISTEN / autocommit state stay ours
        raw = fairy.dbapi_connection
        if self._pg:
            if raw.info.transaction_status != 0:  # not IDLE
                raw.rollback()
            raw.autocommit = True
            raw.add_notify_handler(self._on_notify)
            raw.execute(f"LISTEN {CHANNEL}")
        else:
            raw.isolation_level = None  # autocommit: each PRAGMA reads the current state
            self._last = self._data_version(raw)
        self._raw = raw

    @staticmethod
    def _data_version(raw) -> int:  # noqa: ANN001
        cur = raw.execute("PRAGMA data_version")
        try:
            return int(cur.fetchone()[0])
        finally:
            cur.close()

    def _on_notify(self, _notify) -> None:  # noqa: ANN001
        self._pending = True

    def _reconnect(self) -> None:
        self._drop()
        try:
            self._connect()
        except Exception:  # server still away: try again at the next poll
            self._raw = None

    def _drop(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            with contextlib.suppress(Exception):
                raw.close()

    # ------------------------------------------------------------------------------------------- API
    def poll(self) -> bool:
        with self._lock:
            if self._closed:
                return False
            if self._raw is None:
                self._reconnect()
                return True
            try:
                if self._pg:
                    # any round trip makes psycopg read and dispatch pending notifications
                    self._raw.execute("SELECT 1").fetchone()
                    changed, self._pending = self._pending, False
                    return changed
                now = self._data_version(self._raw)
                changed = now != self._last
                self._last = now
                return changed
            except Exception:
                self._reconnect()
                return True

    def fileno(self) -> int | None:
        """Socket to watch for readability (PostgreSQL), None for SQLite (poll on a timer)."""
        if self._pg and self._raw is not None:
            return self._raw.fileno()
        return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop()

    def __enter__(self) -> ChangeWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
