"""The front-desk window: the live board in the centre, tabs for other panels, actions everywhere."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QActionGroup, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from . import i18n
from .actions import ActionId, build_actions, permitted
from .board_view import BoardView, WallView
from .checkin_dialog import CheckInDialog
from .context import AppContext
from .search_dialog import SearchDialog

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
    """The board, the desk's actions (keyboard first), and a tab per plugged-in panel."""

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

        self._board_view = BoardView(ctx, self._actions, self)
        self._tabs = QTabWidget(self)
        self._tabs.setDocumentMode(True)
        self._tabs.addTab(self._board_view, self.tr("轮接看板"))
        self.setCentralWidget(self._tabs)

        self._build_menus()
        self._build_toolbar()
        self._user_label = QLabel(self)
        self._clock_label = QLabel(self)
        self.statusBar().addPermanentWidget(self._user_label)
        self.statusBar().addPermanentWidget(self._clock_label)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._connect_signals()
        self._on_user_changed()
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
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.LANGUAGE_ZH].triggered.connect(self._on_language_zh_triggered)
        a[ActionId.LANGUAGE_EN].triggered.connect(self._on_language_en_triggered)
        self._board_view.command_executed.connect(self._on_command_executed)
        self._ctx.user_changed.connect(self._on_user_changed)
        self._timer.timeout.connect(self._on_tick)

    # ------------------------------------------------------------------ API
    @property
    def board_view(self) -> BoardView:
        return self._board_view

    def action(self, aid: ActionId):
        return self._actions[aid]

    def add_panel(self, title: str, widget: QWidget) -> int:
        """Plug another panel (notice, disputes, supervisor tools...) in as a tab; returns its index."""
        widget.setParent(self._tabs)
        return self._tabs.addTab(widget, title)

    def panel_titles(self) -> list[str]:
        return [self._tabs.tabText(i) for i in range(self._tabs.count())]

    def show_panel(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)

    def open_check_in(self) -> CheckInDialog:
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
            self._actions[aid].setEnabled(permitted(aid, ctx.may))

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
