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


def make_service(db_url: str | None = None) -> OfficeService:
    """The office service the window runs on: the journaled office at `db_url` (default: SQLite in the
    user data directory; DESKAPP_DB_URL or --db for PostgreSQL)."""
    from deskapp.services.persistence import PersistentOfficeService

    return PersistentOfficeService(db_url)


def offer_demo(service) -> None:
    """First run (an empty database): offer the demo office."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    if getattr(service, "head", 1) != 0:
        return
    # literal QCoreApplication.translate calls: lupdate reads `tr("A", "B")` as tr(source, comment)
    answer = QMessageBox.question(
        None, QCoreApplication.translate("MainWindow", "轮接台"),
        QCoreApplication.translate(
            "MainWindow", "这是第一次运行，数据库是空的。\n要载入一个演示售楼处（12位置业顾问、1500位客户）试用吗？"),
    )
    if answer == QMessageBox.StandardButton.Yes:
        with service.bulk():
            seed_demo(service)


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
    """AppContext + MainWindow with every installed panel plugged in. Returns (ctx, window)."""
    from deskapp.ui.context import AppContext
    from deskapp.ui.main_window import MainWindow, optional_panel_factories

    ctx = AppContext(service, clock=clock, lang=lang)
    window = MainWindow(ctx)
    for title, factory in optional_panel_factories():
        try:
            window.add_panel(title, factory(ctx))
        except Exception:  # one broken panel must not keep the front desk from starting
            log.exception("panel %s failed to start", title)
    return ctx, window


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


def run_gui(argv=None, db_url: str | None = None) -> int:
    """Start the front-desk window and run the event loop; returns the exit code.

    `argv` is the process's argument list, or the argparse namespace of `deskapp` (its --db is used).
    """
    if argv is not None and not isinstance(argv, (list, tuple)):  # an argparse.Namespace from deskapp.cli
        db_url = db_url or getattr(argv, "db", None)
        argv = None
    argv = list(sys.argv if argv is None else argv)
    app, lang = create_application(argv)
    service = make_service(db_url)
    offer_demo(service)
    ctx, window = build_main_window(service, lang)
    lock = _install_idle_lock(ctx, app)  # noqa: F841 - kept alive for the loop's lifetime
    window.show()
    code = app.exec()
    close = getattr(service, "close", None)
    if callable(close):
        close()
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
