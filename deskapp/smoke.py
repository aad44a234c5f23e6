"""`deskapp --smoke`: start the real window on a throwaway demo office, check it, and exit.

Meant for a built bundle (PyInstaller) on a machine without Python, and for CI under
QT_QPA_PLATFORM=offscreen: it goes through the same composition root as `deskapp` (create_application,
build_main_window), so a missing font, translation, migration or lazily imported panel shows up here.

Checks: the window is visible after ~1 s of events; the board proposes a next-up consultant; the shipped
CJK font is the application font; the style sheet's SVG icon loads; the English catalogues load; argon2
hashes a PIN; pypinyin spells a name; the claim notice PDF renders with the embedded font; no ERROR was logged (a panel that failed
to import or start) and no exception escaped a slot. Prints ``smoke OK: <title>, <n> consultants on the
board`` and returns 0, or prints ``smoke FAILED: ...`` to stderr and returns 1.

The user's settings are left alone (QSettings go to a temporary INI folder), and so is the user's
database: without `db_url` the demo goes into a fresh SQLite file in a temporary folder, removed after.
With `db_url` that database is used; the demo is written into it only if it is empty.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

DEMO_SEED = 1
DEMO_CUSTOMERS = 300
DEMO_DAYS = 3
SETTLE_MS = 1000  # events processed with the window shown


class SmokeFailure(Exception):
    pass


class _ErrorLog(logging.Handler):
    """Collects ERROR (and worse) records: build_main_window logs, not raises, a panel that fails."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        self.records.append(text)


def run_smoke(db_url: str | None = None) -> int:
    """Open the main window on a demo office, process events for about a second, check it; 0 = OK."""
    tmp = Path(tempfile.mkdtemp(prefix="deskapp-smoke-"))
    errors = _ErrorLog()
    root = logging.getLogger()
    root.addHandler(errors)
    escaped: list[str] = []
    old_hook = sys.excepthook

    def hook(kind, value, tb):  # an exception raised in a slot while the loop runs
        escaped.append("".join(traceback.format_exception(kind, value, tb)))
        old_hook(kind, value, tb)

    sys.excepthook = hook
    try:
        message = _run(db_url, tmp, errors, escaped)
    except Exception as err:  # noqa: BLE001 - every failure is reported, none escapes
        traceback.print_exc(file=sys.stderr)
        print(f"smoke FAILED: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    finally:
        sys.excepthook = old_hook
        root.removeHandler(errors)
        shutil.rmtree(tmp, ignore_errors=True)
    print(message, flush=True)
    return 0


def _run(db_url: str | None, tmp: Path, errors: _ErrorLog, escaped: list[str]) -> str:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QImage

    from deskapp.app import build_main_window, create_application, make_service
    from deskapp.services.demo import build_demo
    from deskapp.store.engine import sqlite_url
    from deskapp.ui import fonts, i18n, theme

    started = time.monotonic()
    # Settings (language, geometry) in a throwaway INI folder, not the user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    app, lang = create_application([sys.argv[0] if sys.argv else "deskapp"])
    if fonts.family() is None:
        raise SmokeFailure(f"the shipped CJK font did not load ({fonts.font_file()})")
    icon = theme.icon_path("chevron-down.svg")
    if QImage(icon).isNull():
        raise SmokeFailure(f"the style sheet's SVG icon does not load ({icon}; Qt's SVG image plugin?)")
    english = i18n.load_translators("en", app)
    if not english:
        raise SmokeFailure(f"no English catalogue found in {i18n.translations_dir()}")
    for translator in english:
        translator.deleteLater()

    url = db_url or sqlite_url(tmp / "smoke.sqlite3")
    service = make_service(url)
    window = None
    try:
        if service.head == 0:
            with service.bulk():
                build_demo(service, seed=DEMO_SEED, customers=DEMO_CUSTOMERS, days=DEMO_DAYS)
        _check_libraries(service, tmp)
        # the demo's "now" moves on with the wall clock, so the board is the same at any time of day
        office_now = service.office.now or dt.datetime.now()
        t0 = time.monotonic()

        def clock() -> dt.datetime:
            return office_now + dt.timedelta(seconds=time.monotonic() - t0)

        _ctx, window = build_main_window(service, lang, clock=clock)
        window.show()
        # a local loop: QApplication.quit() would close the window (Qt 6 closes top-levels on quit)
        loop = QEventLoop()
        QTimer.singleShot(SETTLE_MS, loop.quit)
        loop.exec()

        title = window.windowTitle()
        if not window.isVisible():
            raise SmokeFailure("the main window is not visible")
        board = window.board_view.board
        if board is None:
            raise SmokeFailure("the board was never filled")
        if not board.next_up:
            raise SmokeFailure(f"the board proposes no next-up consultant ({len(board.rows)} rows)")
        if escaped:
            raise SmokeFailure(f"{len(escaped)} exception(s) escaped while the window ran:\n{escaped[0]}")
        if errors.records:
            raise SmokeFailure("errors logged while the window started:\n  " + "\n  ".join(errors.records))
        print(f"smoke: next up {board.next_up_name} ({board.next_up_via}), font {fonts.family()}, "
              f"{len(english)} English catalogue(s), {time.monotonic() - started:.1f} s", file=sys.stderr)
        return f"smoke OK: {title}, {len(board.rows)} consultants on the board"
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
        close = getattr(service, "close", None)
        if callable(close):
            close()


def _check_libraries(service, tmp: Path) -> None:
    """What a bundle could lack without the window noticing: argon2's cffi binding (staff PINs),
    pypinyin's dictionaries, reportlab with the embedded CJK font (the daily claim notice)."""
    from pypinyin import lazy_pinyin

    from deskapp.reports import printing
    from deskapp.services import pins

    if not pins.verify_pin(pins.hash_pin("1234"), "1234"):
        raise SmokeFailure("argon2 PIN hash does not verify")
    if lazy_pinyin("张伟") != ["zhang", "wei"]:
        raise SmokeFailure(f"pypinyin gives {lazy_pinyin('张伟')!r} for 张伟")
    out = Path(printing.notice_pdf(service.office, None, tmp / "notice.pdf"))
    data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF") or b"FontFile2" not in data:
        raise SmokeFailure(f"the claim notice PDF is missing or has no embedded font ({out})")
