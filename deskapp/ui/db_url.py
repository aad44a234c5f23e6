"""Which database this station opens: --db, else $DESKAPP_DB_URL, else the station's setting, else the
embedded SQLite file (None).

Only QtCore and the stdlib here: the window's fast start resolves the address before anything heavier is
imported. deskapp.ui.station_config re-exports these next to the forms that change the setting.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

SETTINGS_KEY = "database/url"
ENV_DB_URL = "DESKAPP_DB_URL"


def saved_url() -> str:
    """The URL this station was set to in the settings dialog ("" = the embedded database)."""
    return str(QSettings().value(SETTINGS_KEY, "") or "").strip()


def save_url(url: str | None) -> None:
    """Remember this station's database ("" or None = the embedded one). Used at the next start."""
    text = (url or "").strip()
    settings = QSettings()
    if text:
        settings.setValue(SETTINGS_KEY, text)
    else:
        settings.remove(SETTINGS_KEY)
    settings.sync()


def override_source(cli_url: str | None = None) -> str | None:
    """What decides the database over the station's setting: "cli" (--db), "env" ($DESKAPP_DB_URL) or None."""
    if cli_url and cli_url.strip():
        return "cli"
    if os.environ.get(ENV_DB_URL, "").strip():
        return "env"
    return None


def configured_url(cli_url: str | None = None) -> str | None:
    """The database URL to open: --db, else $DESKAPP_DB_URL, else the station's setting; None = embedded."""
    if cli_url and cli_url.strip():
        return cli_url.strip()
    env = os.environ.get(ENV_DB_URL, "").strip()
    if env:
        return env
    return saved_url() or None
