"""Composition root: builds the service, the Qt application (font, theme, language) and the main window.

Nothing else creates these; `deskapp` with no sub-command calls `run_gui`, which starts one of two ways
(`start_gui`):

- fast: the station's database is an SQLite file with the board saved at its last journal entry
  (deskapp.services.board_snapshot.peek_board: stdlib and the board's DTOs only), or else with a saved
  office state (deskapp.services.hotstate.peek_office: stdlib and the rulebook). The board is drawn from
  that at once, on a StartingService that refuses every command, with the actions that need the database
  disabled and the status bar saying "正在打开数据库…". Right after the window's first paint,
  `Desk.go_live` opens the real service (SQLAlchemy, migrations), attaches it (the board re-reads the
  live state) and installs the panels, tools, idle lock and office name; only then are the actions
  enabled. The live desk keeps the board saved for the next start (`Desk.keep_board_saved`).
- otherwise (PostgreSQL, no file yet, an empty office, an older database): the service is opened first,
  the first-run wizard runs while the office is empty, then the full window is shown.

Nothing here imports Qt or the store at module level: `deskapp.cli` imports this module for every
sub-command.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deskapp.services.office_service import OfficeService

log = logging.getLogger(__name__)

ORGANIZATION = "deskapp"
APPLICATION = "deskapp"
DEMO_CUSTOMERS = 1500
DEMO_DAYS = 7
EXCEL_DIALOGS = ("deskapp.ui.excel_dialogs", "add_excel_actions")
PINYIN_WARM_MS = 1500  # after going live, the pinyin dictionaries (~0.2 s) load while the desk is idle
BOARD_SAVE_IDLE_MS = 30_000  # the board is saved for the next start once the desk has been idle this long
FIRST_PAINT_WAIT_MS = 1000  # a window that is not painted by then (started minimised) opens the database anyway


def make_service(db_url: str | None = None, office=None) -> OfficeService:
    """The office service the window runs on: the journaled office at `db_url` (--db); else
    $DESKAPP_DB_URL; else the station's setting (deskapp.ui.db_url); else SQLite in the user data
    directory. `office`: the state peeked at that same address, for the service to start from."""
    from deskapp.services.persistence import PersistentOfficeService
    from deskapp.ui.db_url import configured_url

    if office is not None:
        return PersistentOfficeService(configured_url(db_url), office=office)
    return PersistentOfficeService(configured_url(db_url))


def peek_office(db_url: str | None = None):
    """The office as saved at its last journal entry, enough to draw the board, read without SQLAlchemy
    (deskapp.services.hotstate); None when the service must be opened first (PostgreSQL, no file, an
    empty office, an older database, or a saved state that cannot be read)."""
    from deskapp.ui.db_url import configured_url

    try:
        from deskapp.services.hotstate import peek_office as peek

        office = peek(configured_url(db_url))
    except Exception:  # the fast start is an optimisation: any doubt takes the ordinary start
        log.exception("cannot read the saved office state; opening the database first")
        return None
    if office is None or not getattr(office, "staff", None):
        return None
    return office


def peek_board(db_url: str | None = None):
    """(seq, board): the board saved at the last journal entry (deskapp.services.board_snapshot), read
    without the rulebook or SQLAlchemy; None when there is none to trust (the caller peeks at the saved
    state instead)."""
    from deskapp.ui.db_url import configured_url

    try:
        from deskapp.services.board_snapshot import peek_board as peek

        return peek(configured_url(db_url))
    except Exception:  # the fast start is an optimisation: any doubt takes the next way
        log.exception("cannot read the saved board; reading the saved office state instead")
        return None


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
    existing = QApplication.instance()
    app = existing or QApplication([*argv, "-style", "Fusion"])  # the theme's style, set without a QStyle object
    fonts.install_app_font(app)
    theme.apply_theme(app, set_style=existing is not None)
    lang = i18n.choose_language()
    i18n.install_translator(app, lang)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "轮接台"))
    return app, lang


def build_main_window(service: OfficeService, lang: str, clock: Callable[[], dt.datetime] | None = None):
    """AppContext + MainWindow with every installed panel and tool plugged in. Returns (ctx, window)."""
    ctx, window = _board_window(service, lang, clock)
    _install_panels(window, ctx)
    return ctx, window


def _board_window(service, lang: str, clock: Callable[[], dt.datetime] | None = None):
    """AppContext + MainWindow with the board only (no panel module imported yet). Returns (ctx, window)."""
    from deskapp.ui.context import AppContext
    from deskapp.ui.main_window import MainWindow

    ctx = AppContext(service, clock=clock, lang=lang)
    return ctx, MainWindow(ctx)


def _install_panels(window, ctx) -> None:
    """Every installed panel as a tab, the tools (settings, Excel) and the office's name in the title."""
    from deskapp.ui.main_window import optional_panel_factories

    for title, factory in optional_panel_factories():
        try:
            window.add_panel(title, factory(ctx))
        except Exception:  # one broken panel must not keep the front desk from starting
            log.exception("panel %s failed to start", title)
    _install_tools(window, ctx)
    _show_office_name(window, ctx)


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


def open_service(db_url: str | None, lang: str, office=None) -> OfficeService | None:
    """make_service, and while the database cannot be opened: say why and let the station point
    elsewhere or quit (None). `office` (peeked at `db_url`) goes only to the first attempt: another
    address chosen after a failure is another database."""
    from deskapp.services.errors import StoreError
    from deskapp.ui.station_config import ask_after_failure, configured_url

    url = db_url
    while True:
        try:
            return make_service(url, office=office)
        except StoreError as err:
            log.warning("cannot open the database: %s", err)
            office = None
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


class Desk:
    """What `start_gui` started: the application, the context and the main window.

    `window` is None when the start ended before any window (`code`: 1 no database, 0 the first-run
    wizard was cancelled). On the fast start `ctx.live` is False until `go_live` has attached the service.
    `phases`: seconds spent in each step, for tests/bench/startup_app.py.
    """

    def __init__(self, app, lang: str, db_url: str | None, clock: Callable[[], dt.datetime] | None = None):
        self.app = app
        self.lang = lang
        self.db_url = db_url
        self.clock = clock
        self.ctx = None
        self.window = None
        self.code: int | None = None
        self.lock = None  # the idle lock, kept alive with the desk
        self.peeked = None  # the office the board was first drawn from (fast start), until the service opens
        self.phases: dict[str, float] = {}
        self.on_end: Callable[[int], None] | None = None  # run_gui: leave the event loop with this code
        self._opening = False
        self._board_timer = None
        self._gc_paused = False  # start_gui paused the garbage collector until the first paint (_pause_gc)

    @property
    def live(self) -> bool:
        return self.ctx is not None and self.ctx.live

    def resume_gc(self) -> None:
        """Resume the garbage collector start_gui paused (`_pause_gc`): when the database is opened after
        the first paint, before the slow start opens it, on close."""
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def go_live(self) -> None:
        """The fast start's second half: open the service (its failure dialog, the first-run wizard if the
        database turns out empty), attach it, plug the panels and tools in. Runs once; never re-entered
        while a dialog of its own is open."""
        self.resume_gc()
        if self._opening or self.ctx is None or self.ctx.live or self.code is not None:
            return
        if self.window is None or not self.window.isVisible():  # closed before the database was opened
            return
        self._opening = True
        t = time.perf_counter()
        try:
            # the state the board was drawn from is the service's starting point (it re-checks the journal
            # head itself and reloads if another station wrote in between)
            service, code = _open_and_set_up(self.db_url, self.lang, office=self.peeked)
        except Exception as err:  # not a store error the station can act on: say so, then quit as the slow start would
            log.exception("the database could not be opened")
            self._tell_failure(err)
            service, code = None, 1
        if service is None:
            self._end(code)
            return
        self.phases["service"] = time.perf_counter() - t
        t = time.perf_counter()
        self.ctx.attach(service)
        self.peeked = None
        _install_panels(self.window, self.ctx)
        self.lock = _install_idle_lock(self.ctx, self.app)
        self.phases["panels"] = time.perf_counter() - t
        self.keep_board_saved()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(PINYIN_WARM_MS, _warm_pinyin)  # so the first check-in does not load its dictionaries

    def keep_board_saved(self) -> None:
        """Save the board for the next start (deskapp.services.board_snapshot) now, again once the desk
        has been idle BOARD_SAVE_IDLE_MS after a change, and when it closes (`close`). A start that finds
        none, or one older than the last journal entry, draws from the saved state instead."""
        from PySide6.QtCore import QTimer

        self.save_board()
        if self._board_timer is None and self.window is not None:
            self._board_timer = QTimer(self.window)
            self._board_timer.setSingleShot(True)
            self._board_timer.setInterval(BOARD_SAVE_IDLE_MS)
            self._board_timer.timeout.connect(self.save_board)
            self.ctx.changed.connect(self._board_timer.start)

    def save_board(self) -> None:
        if self.live:
            save = getattr(self.ctx.service, "save_board_snapshot", None)
            if save is not None:
                save()

    def _after_first_paint(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.go_live)  # after the paint has reached the screen

    def _tell_failure(self, err: Exception) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.window, QCoreApplication.translate("MainWindow", "无法打开数据库"),
                             QCoreApplication.translate("MainWindow", "轮接台无法启动：{error}").format(error=err))

    def _end(self, code: int) -> None:
        """The database could not be opened (or the wizard was cancelled) after the board was shown."""
        self.code = code
        if self.window is not None:
            self.window.close()
        if self.on_end is not None:
            self.on_end(code)

    def close(self) -> None:
        """Stop the idle lock and close the service the desk ran on (the StartingService holds none)."""
        self.resume_gc()
        if self.lock is not None:
            self.lock.uninstall()
        if self.live:
            self.save_board()
            _closed(self.ctx.service)


def start_gui(argv=None, db_url: str | None = None, clock: Callable[[], dt.datetime] | None = None) -> Desk:
    """The Qt application and the front-desk window, shown; the event loop is the caller's (run_gui).

    Fast when the database holds a board saved at its last journal entry, or else a saved office state
    (see the module's docstring): the board is shown from that and `Desk.go_live` runs right after the
    first paint. Otherwise the service is opened (and the first-run wizard run) before the window is built.
    """
    t = time.perf_counter()
    paused = _pause_gc()
    try:
        _import_light_first()
        app, lang = create_application(list(sys.argv if argv is None else argv))
        desk = Desk(app, lang, db_url, clock)
        desk._gc_paused = paused
    except BaseException:
        if paused:
            gc.enable()
        raise
    try:
        return _start(desk, t)
    except BaseException:
        desk.resume_gc()
        raise


def _pause_gc() -> bool:
    """Pause Python's cyclic garbage collector while the window is built and first painted; True if this
    paused it (Desk.resume_gc resumes it).

    Start-up makes a hundred thousand objects that live on (PySide6 builds ~200 enum classes with their
    members, the window its widgets and their wrappers); the collector would walk them again and again
    (~10 ms of a ~0.13 s start) and find nothing to free.
    """
    if not gc.isenabled():
        return False
    gc.disable()
    return True


def _start(desk: Desk, t: float) -> Desk:
    desk.phases["create_application"] = time.perf_counter() - t
    t = time.perf_counter()
    snapshot = peek_board(desk.db_url)
    office = peek_office(desk.db_url) if snapshot is None else None
    desk.phases["peek"] = time.perf_counter() - t
    if snapshot is None and office is None:
        desk.resume_gc()  # the slow start may run the first-run wizard
        return _start_slow(desk)
    from PySide6.QtCore import QTimer

    from deskapp.ui.context import StartingService

    t = time.perf_counter()
    desk.peeked = office
    starting = StartingService(office, board_snapshot=snapshot[1] if snapshot is not None else None)
    desk.ctx, desk.window = _board_window(starting, desk.lang, desk.clock)
    desk.window.first_painted.connect(desk._after_first_paint)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, desk.go_live)
    desk.window.show()
    desk.phases["window"] = time.perf_counter() - t
    return desk


def _import_light_first() -> None:
    """Import the board snapshot's reader, the board's DTOs and the few rulebook modules the board uses
    (pure Python) before PySide6.

    Once QtCore is loaded, PySide6 runs a Python hook after every import (its __feature__ support reads
    each new module's source to see whether it uses Qt); loaded first, these skip it. The rulebook and
    the saved-state reader (deskapp.services.hotstate) load only when there is no snapshot to draw.
    """
    import deskapp.domain.phone  # noqa: F401 - the board masks phones with it (its errors module comes along)
    import deskapp.domain.roles  # noqa: F401 - who may take which board action
    import deskapp.services.board_snapshot  # noqa: F401 - with deskapp.services.dto


def _open_and_set_up(db_url: str | None, lang: str, office=None) -> tuple[OfficeService | None, int]:
    """(the service, 0) once the database is open (its failure dialog) and the office set up (the
    first-run wizard while it is empty); (None, 1) when the station chose to quit, (None, 0) when the
    wizard was cancelled."""
    service = open_service(db_url, lang, office=office)
    if service is None:
        return None, 1
    return first_run(service, lang, db_url), 0


def _warm_pinyin() -> None:
    """Load pypinyin's dictionaries now rather than inside the first check-in's transaction."""
    try:
        from deskapp.services.pinyin import name_keys

        name_keys("轮接")
    except Exception:  # noqa: BLE001 - only a warm-up: the first check-in loads them anyway
        log.exception("pinyin warm-up failed")


def _start_slow(desk: Desk) -> Desk:
    """The service first (its failure dialog, the first-run wizard), then the full window."""
    t = time.perf_counter()
    service, code = _open_and_set_up(desk.db_url, desk.lang)
    if service is None:
        desk.code = code
        return desk
    desk.phases["service"] = time.perf_counter() - t
    t = time.perf_counter()
    desk.ctx, desk.window = build_main_window(service, desk.lang, desk.clock)
    desk.lock = _install_idle_lock(desk.ctx, desk.app)
    desk.window.show()
    desk.phases["window"] = time.perf_counter() - t
    desk.keep_board_saved()
    return desk


def run_gui(argv=None, db_url: str | None = None) -> int:
    """Start the front-desk window and run the event loop; returns the exit code.

    `argv` is the process's argument list, or the argparse namespace of `deskapp` (its --db is used).
    An empty database opens the first-run wizard; cancelling it quits (exit code 0). A database that
    cannot be opened, when the station chooses to quit, exits with 1.
    """
    if argv is not None and not isinstance(argv, (list, tuple)):  # an argparse.Namespace from deskapp.cli
        db_url = db_url or getattr(argv, "db", None)
        argv = None
    desk = start_gui(argv, db_url)
    if desk.window is None:
        return int(desk.code or 0)
    desk.on_end = desk.app.exit
    code = desk.app.exec()
    desk.close()
    return int(desk.code if desk.code is not None else code)


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
