"""Composition root: builds the service, the Qt application (font, theme, language) and the main window.

Nothing else creates these; `deskapp` with no sub-command calls `run_gui`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable

from deskapp.services.office_service import OfficeService

log = logging.getLogger(__name__)

ORGANIZATION = "deskapp"
APPLICATION = "deskapp"
DEMO_CUSTOMERS = 1500
DEMO_DAYS = 7
EXCEL_DIALOGS = ("deskapp.ui.excel_dialogs", "add_excel_actions")


def make_service(db_url: str | None = None) -> OfficeService:
    """The office service the window runs on: the journaled office at `db_url` (--db); else
    $DESKAPP_DB_URL; else the station's setting (deskapp.ui.station_config); else SQLite in the user
    data directory."""
    from deskapp.services.persistence import PersistentOfficeService
    from deskapp.ui.station_config import configured_url

    return PersistentOfficeService(configured_url(db_url))


def seed_demo(service: OfficeService, today: dt.date | None = None) -> None:
    """Fill an empty office with the demo generator (deskapp.services.demo)."""
    from deskapp.services.demo import build_demo

    build_demo(service, seed=1, customers=DEMO_CUSTOMERS, days=DEMO_DAYS, today=today)


def create_application(argv: list[str]):
    """The QApplication with the shipped CJK font, the theme and the user's language installed.

    Returns (app, lang).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from deskapp.ui import fonts, i18n, theme

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(argv)
    fonts.install_app_font(app)
    theme.apply_theme(app)
    lang = i18n.choose_language()
    i18n.install_translator(app, lang)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "轮接台"))
    return app, lang


def build_main_window(service: OfficeService, lang: str, clock: Callable[[], dt.datetime] | None = None):
    """AppContext + MainWindow with every installed panel and tool plugged in. Returns (ctx, window)."""
    from deskapp.ui.context import AppContext
    from deskapp.ui.main_window import MainWindow, optional_panel_factories

    ctx = AppContext(service, clock=clock, lang=lang)
    window = MainWindow(ctx)
    for title, factory in optional_panel_factories():
        try:
            window.add_panel(title, factory(ctx))
        except Exception:  # one broken panel must not keep the front desk from starting
            log.exception("panel %s failed to start", title)
    _install_tools(window, ctx)
    _show_office_name(window, ctx)
    return ctx, window


def _install_tools(window, ctx) -> None:
    """The settings action, and the Excel import/export actions when that module is installed."""
    from deskapp.ui.main_window import optional_class

    try:
        from deskapp.ui.settings_dialog import add_settings_action

        add_settings_action(window, ctx)
    except Exception:  # the desk works without its settings; the log says why they are missing
        log.exception("settings action failed to install")
    try:
        add_excel_actions = optional_class(*EXCEL_DIALOGS)
        if add_excel_actions is not None:
            add_excel_actions(window, ctx)
    except Exception:
        log.exception("Excel actions failed to install")


def _show_office_name(window, ctx) -> None:
    """The office's name (ctx.office.office_info["name"]) in the window title, kept when it is renamed."""
    try:
        from deskapp.ui.settings_dialog import OfficeTitle

        OfficeTitle(window, ctx)
    except Exception:
        log.exception("cannot show the office name in the title")


def _install_idle_lock(ctx, app):
    """Sign a forgotten station back to front-desk rights (deskapp.ui.idle_lock, when installed)."""
    from deskapp.ui.main_window import optional_class

    try:
        cls = optional_class("deskapp.ui.idle_lock", "IdleLock")
    except Exception:
        log.exception("idle lock unavailable")
        return None
    if cls is None:
        return None
    lock = cls(ctx, app)
    lock.install(app)
    return lock


def open_service(db_url: str | None, lang: str) -> OfficeService | None:
    """make_service, and while the database cannot be opened: say why and let the station point
    elsewhere or quit (None)."""
    from deskapp.services.errors import StoreError
    from deskapp.ui.station_config import ask_after_failure, configured_url

    url = db_url
    while True:
        try:
            return make_service(url)
        except StoreError as err:
            log.warning("cannot open the database: %s", err)
            message = err.message if lang.startswith("en") else err.message_zh
            url = ask_after_failure(message, configured_url(url), lang, cli_url=db_url)
            if url is None:
                return None


def first_run(service: OfficeService, lang: str, db_url: str | None) -> OfficeService | None:
    """While the database is empty, the first-run wizard; the service to run on, None if cancelled."""
    from deskapp.ui.first_run import run_first_run

    while getattr(service, "head", 1) == 0:
        outcome, new_url = run_first_run(service, lang, cli_url=db_url)
        if outcome is None:
            return _closed(service)
        if outcome == "connect":
            _closed(service)
            service = open_service(new_url, lang)
            if service is None:
                return None
            db_url = new_url
    return service


def _closed(service) -> None:
    close = getattr(service, "close", None)
    if callable(close):
        close()
    return None


def run_gui(argv=None, db_url: str | None = None) -> int:
    """Start the front-desk window and run the event loop; returns the exit code.

    `argv` is the process's argument list, or the argparse namespace of `deskapp` (its --db is used).
    An empty database opens the first-run wizard; cancelling it quits (exit code 0).
    """
    if argv is not None and not isinstance(argv, (list, tuple)):  # an argparse.Namespace from deskapp.cli
        db_url = db_url or getattr(argv, "db", None)
        argv = None
    argv = list(sys.argv if argv is None else argv)
    app, lang = create_application(argv)
    service = open_service(db_url, lang)
    if service is None:
        return 1
    service = first_run(service, lang, db_url)
    if service is None:
        return 0
    ctx, window = build_main_window(service, lang)
    lock = _install_idle_lock(ctx, app)  # noqa: F841 - kept alive for the loop's lifetime
    window.show()
    code = app.exec()
    _closed(service)
    return int(code)


# ---------------------------------------------------------------- command line (called by deskapp.cli)
def register_cli(sub) -> None:
    """Add the GUI's sub-commands to `deskapp`'s argparse sub-parsers: `shots DIR [--lang en]`."""
    shots = sub.add_parser("shots", help="save PNG screenshots of the window, dialogs and panels (offscreen, demo data)")
    shots.add_argument("dir", help="folder for the PNG files")
    shots.add_argument("--lang", choices=("zh", "en"), default="zh", help="interface language (default zh)")
    shots.set_defaults(func=cmd_shots)


def cmd_shots(args) -> int:
    from deskapp.ui.shots import render_shots

    for path in render_shots(args.dir, lang=args.lang):
        print(path)
    return 0
