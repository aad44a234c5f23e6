"""`deskapp shots DIR`: PNG screenshots of the window, dialogs and panels, rendered offscreen from a demo office.

Other panels join through PANELS (module, class, file name); a missing module is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

SHOT_DAY = dt.date(2026, 11, 16)
SHOT_CUSTOMERS = 600
SHOT_DAYS = 3
WINDOW_SIZE = (1440, 960)
WALL_SIZE = (1920, 1080)
MAX_PNG_BYTES = 250_000  # README pictures
README_WIDTH = 1280  # a picture over the budget is scaled to this width

# Panels written by other modules: (module, class, file stem). Built as Class(ctx).
PANELS: list[tuple[str, str, str]] = [
    ("deskapp.ui.notice_panel", "NoticePanel", "notice_panel"),
    ("deskapp.ui.dispute_panel", "DisputePanel", "dispute_panel"),
    ("deskapp.ui.supervisor_panel", "SupervisorPanel", "supervisor_panel"),
]


# Who is signed in for a panel's picture (a role name of deskapp.domain.roles.Role); the front desk otherwise.
PANEL_USERS: dict[str, str] = {
    "dispute_panel": "SITE_MANAGER",  # R32: the ruling controls are live
    "supervisor_panel": "SUPERVISOR",  # R6: the rotation tools are live
}


def _staff_with_role(office, role_name: str | None) -> str | None:
    """The first active staff member holding `role_name`, or None (the front desk)."""
    if role_name is None:
        return None
    return next((key for key, st in office.staff.items() if st.active and st.role.name == role_name), None)


def panel_factories() -> list[tuple[str, Callable]]:
    """(file stem, class) for each installed panel of PANELS."""
    from .main_window import optional_class

    out = []
    for module, cls_name, stem in PANELS:
        try:
            cls = optional_class(module, cls_name)
        except Exception:
            log.exception("cannot import %s", module)
            continue
        if cls is not None:
            out.append((stem, cls))
    return out


def demo_service(today: dt.date = SHOT_DAY, customers: int = SHOT_CUSTOMERS, days: int = SHOT_DAYS):
    """An in-memory service with the demo office, staged so the board shows credits; (service, now)."""
    from deskapp.services.demo import build_demo
    from deskapp.services.office_service import OfficeService

    service = OfficeService()
    build_demo(service, seed=1, customers=customers, days=days, today=today)
    now = _stage(service, service.office.now)
    return service, now


def _stage(service, t: dt.datetime) -> dt.datetime:
    """A few more moments of the afternoon: an official-business skip (R4) and a competitor (R12)."""
    from deskapp.domain import RuleError
    from deskapp.domain import commands as c

    office = service.office
    step = dt.timedelta(minutes=2)

    def run(cmd):
        nonlocal t
        t += step
        try:
            return service.handle(cmd, t)
        except RuleError as err:
            log.info("staging skipped %r: %s", cmd, err)
            return None

    run(c.Arrive(c.Answers(first_visit=True), name="市调人员", phone="13600007777"))
    run(c.Competitor("13600007777", True))  # the receiver, still busy, holds an R12 credit
    first = office.propose()
    if first is not None and first.via == "rotation":
        run(c.StepOut(first.who, "official", actor=first.who))
        run(c.Arrive(c.Answers(first_visit=True), name="蒋先生", phone="13600006666"))  # R4 credit
        run(c.Back(first.who, actor=first.who))
    rich = _rich_customer(office)
    if rich is not None:
        follow = [h for h in rich.history if h.kind == "follow_up"]
        if follow:
            run(c.Amend("follow_up", rich.phones[0], follow[-1].who, "回访日期有涂改，补记更正"))
    return t + dt.timedelta(minutes=3)


def _ensure_app(lang: str):
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from . import fonts, i18n, theme

    app = QApplication.instance()
    if app is None:
        # our own process: settings in a throwaway folder, so remembered window sizes neither shape the
        # pictures nor get overwritten
        import tempfile

        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="deskapp-shots-"))
        QCoreApplication.setOrganizationName("deskapp")
        QCoreApplication.setApplicationName("deskapp-shots")
        app = QApplication([])
    fonts.install_app_font(app)
    theme.apply_theme(app)
    i18n.install_translator(app, lang)
    return app


def _save(widget, path: Path, size: tuple[int, int] | None = None) -> Path:
    from PySide6.QtWidgets import QApplication

    if size is not None:
        widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    return save_png(widget.grab().toImage(), path)


def save_png(image, path: Path, max_bytes: int = MAX_PNG_BYTES, max_width: int = README_WIDTH) -> Path:
    """Write `image` as a PNG at the strongest compression; a file over `max_bytes` is redrawn
    `max_width` pixels wide (smooth scaling), so README pictures stay small."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QImageWriter

    image = image.convertToFormat(QImage.Format.Format_RGB888)  # no alpha channel: a smaller file

    def write(img) -> None:
        writer = QImageWriter(str(path), b"png")
        writer.setQuality(0)  # Qt's PNG writer: quality 0 is zlib level 9
        if not writer.write(img):
            raise OSError(f"cannot write {path}: {writer.errorString()}")

    write(image)
    if path.stat().st_size > max_bytes and image.width() > max_width:
        write(image.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation))
    return path


def _returning_phone(office) -> str | None:
    """A customer whose owner is on the floor now: checking them in shows the R2 call."""
    today = office.today()
    for cust in sorted(office.customers.values(), key=lambda cu: -cu.id):
        if cust.owner and cust.owner in office.staff and office.on_floor(cust.owner) and cust.phones \
                and office._current_visit(cust) is None and not cust.has_deal \
                and all(office.visits[v].at.date() != today for v in office.customer_visits.get(cust.id, [])):
            return cust.phones[0]
    return None


def _rich_customer(office):
    """The customer with the longest history, preferring one with an amended record (R3)."""
    from deskapp.services import queries

    best, score = None, -1
    for cid in list(office.customers)[:1000]:
        d = queries.customer_detail(office, cid)
        s = len(d.history) + (100 if any(h.amended for h in d.history) else 0)
        if s > score and d.name and not d.name.startswith("#"):
            best, score = d, s
    return best


def render_shots(out_dir: str | Path, lang: str = "zh", service=None, now: dt.datetime | None = None) -> list[Path]:
    """Save main window, check-in (with a decision), search (results + detail), wall mode and panels.

    Builds the demo office unless a `service` (and the clock time `now` to show it at) is given.
    """
    from PySide6.QtWidgets import QApplication

    from deskapp.services.pinyin import name_keys

    from .context import AppContext
    from .main_window import MainWindow, optional_panel_factories

    app = _ensure_app(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if service is None:
        service, now = demo_service()
    now = now or service.office.now
    ctx = AppContext(service, clock=lambda: now, lang=lang)
    saved: list[Path] = []

    window = MainWindow(ctx)
    for title, factory in optional_panel_factories():
        try:
            window.add_panel(title, factory(ctx))
        except Exception:
            log.exception("panel %s failed", title)
    board = window.board_view
    active = [r for r in (board.board.receptions if board.board else ()) if r.active and r.receiver]
    if active:
        board.select_reception(active[-1].visit_id)
    saved.append(_save(window, out / "main_window.png", WINDOW_SIZE))

    dlg = window.open_check_in()
    phone = _returning_phone(ctx.office)
    if phone:
        dlg.fill(phone=phone, first_visit=False)
    else:
        dlg.fill(phone="13600008888", first_visit=True, name="新客户")
    dlg.preview_now()
    saved.append(_save(dlg, out / "checkin_dialog.png", (1040, 600)))
    dlg.reject()

    search = window.open_search()
    rich = _rich_customer(ctx.office)
    query = name_keys(rich.name)[1] if rich else "zh"
    search.search_now(query)
    if rich is not None:
        search.select_customer(rich.id)
    saved.append(_save(search, out / "search_dialog.png", (1280, 740)))
    search.close()

    from .wall_view import WallView

    wall = WallView(ctx)
    saved.append(_save(wall, out / "wall_mode.png", WALL_SIZE))
    wall.close()

    for stem, cls in panel_factories():
        try:
            ctx.set_user(_staff_with_role(ctx.office, PANEL_USERS.get(stem)))  # the panel as its user sees it
            panel = cls(ctx)
            saved.append(_save(panel, out / f"{stem}.png", WINDOW_SIZE))
            panel.close()
        except Exception:
            log.exception("screenshot of %s failed", stem)
        finally:
            ctx.set_user(None)
    window.close()
    QApplication.processEvents()
    del app
    return saved
