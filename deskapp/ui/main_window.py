"""The front-desk window: the live board in the centre, tabs for other panels, actions everywhere.

Importing this module is cheap (the board, its models and Qt widgets): the dialogs, printing (reportlab,
QtPdf) and the panels are imported when first used, so deskapp.app can show the board before the rest of
the application has loaded.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QToolBar, QWidget

from deskapp.domain.errors import RuleError

from . import i18n
from .actions import ActionId, build_actions, permitted
from .board_view import BoardView
from .context import AppContext

if TYPE_CHECKING:
    from .checkin_dialog import CheckInDialog
    from .pdf_print import PdfPrinter
    from .search_dialog import SearchDialog
    from .wall_view import WallView

_translate = QCoreApplication.translate  # for texts marked with QT_TRANSLATE_NOOP (lupdate reads those)

log = logging.getLogger(__name__)

TICK_MS = 1000

# Panels written elsewhere that plug into the window when their module is installed:
# (module, class, tab title). Each class is constructed as Class(ctx).
OPTIONAL_PANELS: tuple[tuple[str, str, str], ...] = (
    ("deskapp.ui.notice_panel", "NoticePanel", QT_TRANSLATE_NOOP("MainWindow", "认领公示")),
    ("deskapp.ui.dispute_panel", "DisputePanel", QT_TRANSLATE_NOOP("MainWindow", "归属争议")),
    ("deskapp.ui.supervisor_panel", "SupervisorPanel", QT_TRANSLATE_NOOP("MainWindow", "主管工具")),
    ("deskapp.ui.daily_report_panel", "DailyReportPanel", QT_TRANSLATE_NOOP("MainWindow", "每日报表")),
)
SIGNIN_MODULE = ("deskapp.ui.signin_dialog", "SignInDialog")
# Actions that need the open database: disabled while a StartingService stands in (AppContext.live).
# The board's own actions (finish, competitor, complaint, refusal) follow the same rule in BoardView.
LIVE_ACTIONS = (ActionId.CHECK_IN, ActionId.SEARCH, ActionId.SIGN_IN, ActionId.PRINT_NOTICE,
                ActionId.PRINT_VISIT_SHEET)


def optional_class(module: str, name: str):
    """The class `name` of `module` if that module is installed, else None."""
    if importlib.util.find_spec(module) is None:
        return None
    return getattr(importlib.import_module(module), name, None)


def optional_panel_factories() -> list[tuple[str, Callable[[AppContext], QWidget]]]:
    """(translated title, factory(ctx)) for each optional panel that is installed."""
    out = []
    for module, cls_name, title in OPTIONAL_PANELS:
        try:
            cls = optional_class(module, cls_name)
        except Exception:  # a broken panel must not keep the front desk from starting
            log.exception("cannot import %s", module)
            continue
        if cls is not None:
            out.append((_translate("MainWindow", title), cls))
    return out


class MainWindow(QMainWindow):
    """The board, the desk's actions (keyboard first), printing, and a tab per plugged-in panel."""

    pdf_saved = Signal(str)  # a printout was saved (path); the print dialog is offered next
    first_painted = Signal()  # the window was drawn for the first time (deskapp.app then opens the database)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("轮接台 — 前台"))
        self._actions = build_actions(self)
        self.addActions(list(self._actions.values()))
        self._check_in_dialog: CheckInDialog | None = None
        self._search_dialog: SearchDialog | None = None
        self._signin_dialog = None
        self._wall: WallView | None = None
        self._notice_panel = None  # the plugged-in notice panel, which prints the notice when present
        self._pdf_printer: PdfPrinter | None = None  # made at the first printout (deskapp.ui.pdf_print)
        self._painted = False

        self._tabs = QTabWidget(self)
        self._tabs.setDocumentMode(True)
        # made inside the tab widget's page stack: moved into it by addTab, the whole board would have its
        # style worked out again (an application style sheet makes that cost milliseconds at start-up)
        self._board_view = BoardView(ctx, self._actions, self._tabs.findChild(QStackedWidget))
        self._tabs.addTab(self._board_view, self.tr("轮接看板"))
        self.setCentralWidget(self._tabs)

        self._build_menus()
        self._build_toolbar()
        self._user_label = QLabel(self)
        self._clock_label = QLabel(self)
        self._starting_label = QLabel(self.tr("正在打开数据库…"), self)
        self._starting_label.setObjectName("startingLabel")
        self.statusBar().addWidget(self._starting_label, 1)
        self.statusBar().addPermanentWidget(self._user_label)
        self.statusBar().addPermanentWidget(self._clock_label)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._connect_signals()
        self._on_live_changed()
        self._on_tick()
        self._timer.start()
        self.resize(1360, 860)
        self._restore_state()

    # ------------------------------------------------------------------ building
    def _build_menus(self) -> None:
        a = self._actions
        desk = self.menuBar().addMenu(self.tr("前台(&D)"))
        desk.addAction(a[ActionId.CHECK_IN])
        desk.addAction(a[ActionId.SEARCH])
        desk.addSeparator()
        desk.addAction(a[ActionId.SIGN_IN])
        desk.addSeparator()
        desk.addAction(a[ActionId.QUIT])
        board = self.menuBar().addMenu(self.tr("看板(&B)"))
        for aid in (ActionId.FINISH, ActionId.COMPETITOR, ActionId.COMPLAINT, ActionId.REFUSE):
            board.addAction(a[aid])
        board.addSeparator()
        board.addAction(a[ActionId.REFRESH])
        prints = self.menuBar().addMenu(self.tr("打印(&P)"))
        prints.addAction(a[ActionId.PRINT_NOTICE])
        prints.addAction(a[ActionId.PRINT_VISIT_SHEET])
        view = self.menuBar().addMenu(self.tr("视图(&V)"))
        view.addAction(a[ActionId.WALL_MODE])
        lang = view.addMenu(self.tr("语言"))
        group = QActionGroup(self)
        for aid in (ActionId.LANGUAGE_ZH, ActionId.LANGUAGE_EN):
            group.addAction(a[aid])
            lang.addAction(a[aid])
        current = ActionId.LANGUAGE_EN if self._ctx.lang.startswith("en") else ActionId.LANGUAGE_ZH
        a[current].setChecked(True)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("常用"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self._actions[ActionId.CHECK_IN])
        bar.addAction(self._actions[ActionId.SEARCH])
        bar.addSeparator()
        # short toolbar texts; the menu keeps the full ones
        self._actions[ActionId.PRINT_NOTICE].setIconText(self.tr("打印公示"))
        self._actions[ActionId.PRINT_VISIT_SHEET].setIconText(self.tr("打印来访单"))
        bar.addAction(self._actions[ActionId.PRINT_NOTICE])
        bar.addAction(self._actions[ActionId.PRINT_VISIT_SHEET])
        bar.addSeparator()
        bar.addAction(self._actions[ActionId.WALL_MODE])
        bar.addAction(self._actions[ActionId.SIGN_IN])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _connect_signals(self) -> None:
        a = self._actions
        a[ActionId.CHECK_IN].triggered.connect(self._on_check_in_triggered)
        a[ActionId.SEARCH].triggered.connect(self._on_search_triggered)
        a[ActionId.WALL_MODE].toggled.connect(self._on_wall_mode_toggled)
        a[ActionId.SIGN_IN].triggered.connect(self._on_sign_in_triggered)
        a[ActionId.REFRESH].triggered.connect(self._on_refresh_triggered)
        a[ActionId.PRINT_NOTICE].triggered.connect(self._on_print_notice_triggered)
        a[ActionId.PRINT_VISIT_SHEET].triggered.connect(self._on_print_visit_sheet_triggered)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.LANGUAGE_ZH].triggered.connect(self._on_language_zh_triggered)
        a[ActionId.LANGUAGE_EN].triggered.connect(self._on_language_en_triggered)
        self._board_view.command_executed.connect(self._on_command_executed)
        self._board_view.selection_changed.connect(self._on_board_selection_changed)
        self._ctx.changed.connect(self._on_board_selection_changed)
        self._ctx.user_changed.connect(self._on_user_changed)
        self._ctx.live_changed.connect(self._on_live_changed)
        self._timer.timeout.connect(self._on_tick)

    # ------------------------------------------------------------------ API
    @property
    def board_view(self) -> BoardView:
        return self._board_view

    def action(self, aid: ActionId):
        return self._actions[aid]

    def pdf_printer(self) -> PdfPrinter:
        """What offers a saved PDF to the printer (tests answer its dialogs instead of a person)."""
        if self._pdf_printer is None:
            from .pdf_print import PdfPrinter

            self._pdf_printer = PdfPrinter(self)
        return self._pdf_printer

    def starting_text(self) -> str:
        """The status bar's note while the database opens ("" once it is open)."""
        return self._starting_label.text() if not self._ctx.live else ""

    def add_panel(self, title: str, widget: QWidget) -> int:
        """Plug another panel (notice, disputes, supervisor tools...) in as a tab; returns its index."""
        widget.setParent(self._tabs)
        if callable(getattr(widget, "save_notice_pdf", None)):
            self._notice_panel = widget
            # The window's Ctrl+P prints the notice from every tab; a second Ctrl+P inside the panel would
            # make the shortcut ambiguous (then neither fires).
            action = getattr(widget, "print_action", None)
            if callable(action):
                action().setShortcut(QKeySequence())
        return self._tabs.addTab(widget, title)

    def panel_titles(self) -> list[str]:
        return [self._tabs.tabText(i) for i in range(self._tabs.count())]

    def show_panel(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)

    def open_check_in(self) -> CheckInDialog:
        from .checkin_dialog import CheckInDialog

        if self._check_in_dialog is not None and self._check_in_dialog.isVisible():
            self._check_in_dialog.raise_()
            self._check_in_dialog.activateWindow()
            return self._check_in_dialog
        dlg = CheckInDialog(self._ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.customer_checked_in.connect(self._on_customer_checked_in)
        dlg.destroyed.connect(self._on_check_in_destroyed)
        self._check_in_dialog = dlg
        dlg.open()
        return dlg

    def open_search(self) -> SearchDialog:
        from .search_dialog import SearchDialog

        if self._search_dialog is not None and self._search_dialog.isVisible():
            self._search_dialog.raise_()
            self._search_dialog.activateWindow()
            self._search_dialog.search_edit().setFocus()
            self._search_dialog.search_edit().selectAll()
            return self._search_dialog
        dlg = SearchDialog(self._ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.destroyed.connect(self._on_search_destroyed)
        self._search_dialog = dlg
        dlg.show()
        return dlg

    def wall(self) -> WallView | None:
        return self._wall

    def print_notice(self) -> Path | None:
        """Save today's claim notice (R20) as a PDF, then offer the print dialog; returns the PDF's path."""
        from deskapp.reports import printing

        from .pdf_print import office_header

        if self._notice_panel is not None:
            path = self._notice_panel.save_notice_pdf()  # the panel shows the result too
            if path is None:
                self._show_print_error(self.tr("公示PDF保存失败"), self._notice_panel.status_text())
                return None
        else:
            ctx = self._ctx
            now = ctx.clock()
            name, window = office_header(ctx.office)
            try:
                path = printing.notice_pdf(ctx.office, ctx.office.today(), printing.print_path("notice", now),
                                           office_name=name, window=window, printed_at=now)
            except (OSError, RuleError) as err:
                self._show_print_error(self.tr("公示PDF保存失败"), self._error_text(err))
                return None
        return self._saved(Path(path), self.tr("打印今日认领公示"))

    def print_visit_sheet(self, visit_id: int | None = None) -> Path | None:
        """Save the visit sheet of a reception (the board's selection by default), then offer printing."""
        if visit_id is None:
            rec = self._board_view.selected_reception()
            if rec is None:
                self.statusBar().showMessage(self.tr("请先在看板上选择一条接待记录"), 15_000)
                return None
            visit_id = rec.visit_id
        from deskapp.reports import printing

        from .pdf_print import office_header

        ctx = self._ctx
        now = ctx.clock()
        try:
            path = printing.visit_sheet_pdf(ctx.office, visit_id,
                                            printing.print_path("visit", now, suffix=str(visit_id)),
                                            office_name=office_header(ctx.office)[0], printed_at=now)
        except (OSError, RuleError) as err:
            self._show_print_error(self.tr("来访单PDF保存失败"), self._error_text(err))
            return None
        return self._saved(Path(path), self.tr("打印来访单"))

    def _saved(self, path: Path, title: str) -> Path:
        self.statusBar().showMessage(self.tr("已保存：{path}").format(path=str(path)), 15_000)
        self.pdf_saved.emit(str(path))
        self.pdf_printer().offer(path, title)
        return path

    def _error_text(self, err: Exception) -> str:
        return i18n.error_message(err, self._ctx.lang) if isinstance(err, RuleError) else str(err)

    def _show_print_error(self, title: str, text: str) -> None:
        self.statusBar().showMessage(f"{title}：{text}", 15_000)
        from PySide6.QtWidgets import QMessageBox  # here: imported early, its enums delay the first paint

        QMessageBox.warning(self, title, text)

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_check_in_triggered(self) -> None:
        self.open_check_in()

    @Slot()
    def _on_check_in_destroyed(self) -> None:
        self._check_in_dialog = None

    @Slot()
    def _on_search_triggered(self) -> None:
        self.open_search()

    @Slot()
    def _on_search_destroyed(self) -> None:
        self._search_dialog = None

    @Slot(str)
    def _on_customer_checked_in(self, customer: str) -> None:
        board = self._board_view.board
        rec = next((r for r in reversed(board.receptions) if r.customer == customer), None) if board else None
        if rec is not None and rec.receiver:
            text = self.tr("已登记：{customer} → {receiver}").format(customer=customer, receiver=rec.receiver_name)
            self._board_view.select_reception(rec.visit_id)
        else:
            text = self.tr("已登记：{customer}").format(customer=customer)
        self.statusBar().showMessage(text, 15_000)

    @Slot(str)
    def _on_command_executed(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    @Slot(bool)
    def _on_wall_mode_toggled(self, on: bool) -> None:
        if on and self._wall is None:
            from .wall_view import WallView  # loaded when first asked for, not at start-up

            self._wall = WallView(self._ctx)
            self._wall.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._wall.wall_closed.connect(self._on_wall_closed)
            screens = QGuiApplication.screens()
            if len(screens) > 1:  # a wall display is usually the other screen
                here = self.screen()
                target = next((s for s in screens if s is not here), screens[-1])
                self._wall.setScreen(target)
                self._wall.move(target.geometry().topLeft())
            self._wall.showFullScreen()
        elif not on and self._wall is not None:
            self._wall.close()

    @Slot()
    def _on_wall_closed(self) -> None:
        self._wall = None
        act = self._actions[ActionId.WALL_MODE]
        act.blockSignals(True)
        act.setChecked(False)
        act.blockSignals(False)

    @Slot()
    def _on_sign_in_triggered(self) -> None:
        try:
            cls = optional_class(*SIGNIN_MODULE)
        except Exception:
            log.exception("cannot import the sign-in dialog")
            cls = None
        if cls is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, self.tr("员工登录"), self.tr("本版本尚未包含员工登录。"))
            return
        if self._signin_dialog is not None and self._signin_dialog.isVisible():
            self._signin_dialog.raise_()
            return
        dlg = cls(self._ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.destroyed.connect(self._on_signin_destroyed)
        self._signin_dialog = dlg
        dlg.open()

    @Slot()
    def _on_signin_destroyed(self) -> None:
        self._signin_dialog = None

    @Slot()
    def _on_refresh_triggered(self) -> None:
        self._board_view.refresh()

    @Slot()
    def _on_print_notice_triggered(self) -> None:
        self.print_notice()

    @Slot()
    def _on_print_visit_sheet_triggered(self) -> None:
        self.print_visit_sheet()

    @Slot()
    def _on_board_selection_changed(self) -> None:
        self._actions[ActionId.PRINT_VISIT_SHEET].setEnabled(
            self._ctx.live and self._board_view.selected_reception() is not None)

    @Slot()
    def _on_language_zh_triggered(self) -> None:
        self._choose_language("zh")

    @Slot()
    def _on_language_en_triggered(self) -> None:
        self._choose_language("en")

    def _choose_language(self, lang: str) -> None:
        QSettings().setValue(i18n.SETTINGS_KEY, lang)
        if lang != self._ctx.lang:
            self.statusBar().showMessage(self.tr("语言设置将在重新启动后生效"), 15_000)

    @Slot()
    def _on_user_changed(self) -> None:
        ctx = self._ctx
        role = i18n.label(i18n.ROLE, ctx.role.name.lower())
        if ctx.user is None:
            self._user_label.setText(self.tr("{role}（未登录）").format(role=role))
        else:
            self._user_label.setText(self.tr("{name} · {role}").format(name=ctx.office.name(ctx.user), role=role))
        for aid in (ActionId.CHECK_IN,):
            self._actions[aid].setEnabled(ctx.live and permitted(aid, ctx.may))

    @Slot()
    def _on_live_changed(self) -> None:
        """The database opened (or, at construction, whether it is): the actions that need it follow."""
        live = self._ctx.live
        for aid in LIVE_ACTIONS:
            self._actions[aid].setEnabled(live)
        self._starting_label.setVisible(not live)
        self._on_user_changed()
        self._on_board_selection_changed()

    @Slot()
    def _on_tick(self) -> None:
        poll = getattr(self._ctx.service, "poll_changes", None)
        if callable(poll):
            try:
                changed = poll()
            except Exception:  # a lost database connection must not stop the clock; the next tick retries
                log.exception("poll_changes failed")
                changed = False
            if changed:
                self._ctx.changed.emit()
        now = self._ctx.clock()
        self._clock_label.setText(now.strftime("%Y-%m-%d %H:%M:%S"))
        self._board_view.tick(now)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # ------------------------------------------------------------------ state
    def _restore_state(self) -> None:
        s = QSettings()
        geo = s.value("main/geometry")
        if geo is not None:
            self.restoreGeometry(geo)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        QSettings().setValue("main/geometry", self.saveGeometry())
        self._timer.stop()
        if self._wall is not None:
            self._wall.close()
        super().closeEvent(event)
