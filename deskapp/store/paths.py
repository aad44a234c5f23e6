"""Where the embedded database lives, computed without SQLAlchemy.

The window's fast start (deskapp.app, deskapp.services.hotstate) reads the SQLite file before the store is
imported; deskapp.store.engine takes its default from here, so both always agree.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "deskapp"
DB_FILENAME = "deskapp.sqlite3"


def default_db_path() -> Path:
    """``<user data dir>/deskapp.sqlite3`` (platformdirs; e.g. ``~/.local/share/deskapp/``)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME
