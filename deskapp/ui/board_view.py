"""The live rotation board: the main window's centre (its full-screen wall mode: deskapp.ui.wall_view)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deskapp.domain import commands as c
from deskapp.domain.errors import RuleError
from deskapp.domain.roles import ACTIONS
from deskapp.services import dto

from . import i18n, theme
from .actions import ActionId, build_actions, permitted
from .board_model import ConsultantTableModel, ReceptionTableModel, sorting_proxy
from .context import AppContext
from .delegates import BadgeDelegate, PillDelegate
from .dto_model import DtoRole

BOARD_ACTIONS = (ActionId.FINISH, ActionId.COMPETITOR, ActionId.COMPLAINT, ActionId.REFUSE)
COMPACT_BELOW_PX = 720  # board heights below this (the window on a 1280×800 screen) get the compact density


def customer_ref(row: dto.ReceptionRow) -> str:
    """How a command names the customer of a reception: the phone when there is one (unique), else "#<id>".

    A party received before any name or phone is shown as "#<id>" (R9), and a name alone may be shared by
    two customers; the id is always exact.
    """
    return row.phone or f"#{row.customer_id}"


def via_text(board: dto.Board) -> str:
    """Why the next-up consultant is proposed, citing the rule."""
    from PySide6.QtCore import QCoreApplication

    if board.next_up is None:
        return QCoreApplication.translate("BoardView", "暂无可接待人员，来客请稍候") if board.date else ""
    if board.next_up_via == "credit":
        row = next((r for r in board.rows if r.key == board.next_up), None)
        rule = row.credits[0].rule if row and row.credits else "R4"
        return QCoreApplication.translate("BoardView", "持补接名额 · {rule}").format(rule=i18n.rule_text(rule))
    if board.next_up_via == "duty":
        return QCoreApplication.translate("BoardView", "值班时段 · {rule}").format(rule=i18n.rule_text("R38"))
    return QCoreApplication.translate("BoardView", "按轮次 · {rule}").format(rule=i18n.rule_text("R1"))


def _card(title: str, parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout, QHBoxLayout, QLabel]:
    card = QFrame(parent)
    card.setObjectName("card")
    lay = QVBoxLayout(card)
    lay.setContentsMargins(14, 12, 14, 14)
    lay.setSpacing(10)
    head = QHBoxLayout()
    head.setSpacing(8)
    label = QLabel(title, card)
    label.setObjectName("sectionTitle")
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.12 if f.pointSizeF() > 0 else 12)
    label.setFont(f)
    head.addWidget(label)
    head.addStretch(1)
    lay.addLayout(head)
    return card, lay, head, label


class BoardTable(QTableView):
    """A board table that says when it was resized (watching its viewport instead would make PySide6 wrap
    the viewport, which costs several milliseconds at start-up)."""

    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()


def _table(parent: QWidget, row_height: int = 36) -> BoardTable:
    view = BoardTable(parent)
    view.setObjectName("boardTable")  # borderless inside its card (theme.STYLE_SHEET)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class NextUpBanner(QFrame):
    """'下一位：张三' in large type, why (credit/duty/rotation, with the rule), the floor at a glance."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("nextUpBanner")  # its look: theme.STYLE_SHEET
        self._next_label = QLabel(self)
        self._next_label.setObjectName("nextUpLabel")
        self._next_label.setFont(theme.scaled(self.font(), 2.5, bold=True))
        self._via_label = QLabel(self)
        self._via_label.setObjectName("nextUpVia")
        self._via_label.setFont(theme.scaled(self.font(), 1.08))
        self._stats_label = QLabel(self)
        self._stats_label.setFont(theme.scaled(self.font(), 1.08))
        self._stats_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._date_label = QLabel(self)
        self._date_label.setObjectName("nextUpDate")
        self._date_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self._next_label)
        left.addWidget(self._via_label)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addStretch(1)
        right.addWidget(self._date_label)
        right.addWidget(self._stats_label)
        right.addStretch(1)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(24, 14, 24, 14)
        self._layout.addLayout(left, 1)
        self._layout.addLayout(right)
        self._compact = False

    def set_compact(self, compact: bool) -> None:
        """Smaller type and padding on short screens (1280×800), so the board keeps its rows."""
        if compact == self._compact:
            return
        self._compact = compact
        base = QLabel().font()  # the application font, not this frame's (already scaled) one
        self._next_label.setFont(theme.scaled(base, 1.9 if compact else 2.5, bold=True))
        self._layout.setContentsMargins(24, 8 if compact else 14, 24, 8 if compact else 14)

    def next_text(self) -> str:
        return self._next_label.text()

    def show_board(self, board: dto.Board, now: dt.datetime) -> None:
        if board.date is None:
            self._next_label.setText(self.tr("今日尚未开始营业"))
            self._via_label.setText(self.tr("请主管开始营业日并安排签到"))
            self._stats_label.setText("")
        else:
            name = board.next_up_name if board.next_up else "—"
            self._next_label.setText(self.tr("下一位：{name}").format(name=name))
            self._via_label.setText(via_text(board))
            counts: dict[str, int] = {}
            for r in board.rows:
                if r.position:
                    counts[r.state] = counts.get(r.state, 0) + 1
            away = counts.get("out_personal", 0) + counts.get("out_official", 0)
            self._stats_label.setText(self.tr("空闲 {free}　接待中 {busy}　外出 {away}　等候 {waiting}").format(
                free=counts.get("free", 0), busy=counts.get("receiving", 0), away=away, waiting=len(board.waiting)))
        self.show_time(now)

    def show_time(self, now: dt.datetime) -> None:
        weekday = [self.tr("周一"), self.tr("周二"), self.tr("周三"), self.tr("周四"), self.tr("周五"), self.tr("周六"),
                   self.tr("周日")][now.weekday()]
        self._date_label.setText(self.tr("{month}月{day}日 {weekday}　{time}").format(
            month=now.month, day=now.day, weekday=weekday, time=now.strftime("%H:%M")))


class BoardView(QWidget):
    """Today's rotation in order, who is next, credits, today's receptions, and the desk's board actions.

    Board actions (finish, competitor, complaint, refusal) work on the selected reception (or, for a
    refusal, the selected consultant); those the user's role may not take stay disabled.
    """

    command_executed = Signal(str)  # the decision's explanation, for the status bar
    selection_changed = Signal()

    def __init__(self, ctx: AppContext, actions: dict[ActionId, QAction] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._actions = actions if actions is not None else build_actions(self)
        if actions is None:
            self.addActions([self._actions[a] for a in BOARD_ACTIONS])
        self._board: dto.Board | None = None
        self._shown_next: str | None = None

        self._banner = NextUpBanner(self)
        self._waiting_label = QLabel(self)
        self._waiting_label.setObjectName("waitingStrip")
        self._waiting_label.setWordWrap(True)
        self._waiting_label.hide()

        self._consultant_model = ConsultantTableModel(ctx.lang, self)
        self._reception_model = ReceptionTableModel(ctx.lang, self)
        self._reception_proxy = sorting_proxy(self._reception_model, self)

        # the cards are made inside the splitter: moved into it afterwards, each would have its style worked
        # out again (an application style sheet makes that cost milliseconds at start-up)
        self._splitter = QSplitter(Qt.Orientation.Vertical, self)
        rot_card, rot_lay, rot_head, self._rotation_title = _card(self.tr("今日轮次"), self._splitter)
        self._rotation_hint = QLabel(self.tr("按轮次顺序；第1位为下一位（补接名额、值班优先）"), rot_card)
        self._rotation_hint.setObjectName("caption")
        rot_head.addWidget(self._rotation_hint)
        self._consultant_view = _table(rot_card, 36)
        # no sorting proxy: queries.board gives the rows in rotation order (position 1 first, those not in
        # today's rotation last, by name), and the view is not sortable; a proxy would double the calls
        # into Python on every paint
        self._consultant_view.setModel(self._consultant_model)
        self._consultant_view.setItemDelegateForColumn(ConsultantTableModel.STATE, PillDelegate(self._consultant_view))
        self._consultant_view.setItemDelegateForColumn(ConsultantTableModel.CREDITS, BadgeDelegate(self._consultant_view))
        self._consultant_view.setSortingEnabled(False)
        hh = self._consultant_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(ConsultantTableModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        for col, width in ((ConsultantTableModel.POSITION, 64), (ConsultantTableModel.NAME, 140),
                           (ConsultantTableModel.STATE, 132), (ConsultantTableModel.CREDITS, 170),
                           (ConsultantTableModel.SINCE, 72)):
            self._consultant_view.setColumnWidth(col, width)
        rot_lay.addWidget(self._consultant_view)

        rec_card, rec_lay, rec_head, self._reception_title = _card(self.tr("今日接待"), self._splitter)
        self._action_buttons: dict[ActionId, QToolButton] = {}
        for aid in BOARD_ACTIONS:
            btn = QToolButton(rec_card)
            btn.setObjectName("boardAction")
            btn.setDefaultAction(self._actions[aid])
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            btn.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            rec_head.addWidget(btn)
            self._action_buttons[aid] = btn
        self._reception_view = _table(rec_card, 34)
        self._reception_view.setModel(self._reception_proxy)
        self._reception_view.setItemDelegateForColumn(ReceptionTableModel.STATUS, PillDelegate(self._reception_view))
        self._reception_view.setSortingEnabled(True)
        self._reception_view.sortByColumn(ReceptionTableModel.TIME, Qt.SortOrder.DescendingOrder)
        rh = self._reception_view.horizontalHeader()
        rh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        rh.setSectionResizeMode(ReceptionTableModel.EXPLANATION, QHeaderView.ResizeMode.Stretch)
        for col, width in ((ReceptionTableModel.TIME, 64), (ReceptionTableModel.CUSTOMER, 104),
                           (ReceptionTableModel.PHONE, 116), (ReceptionTableModel.RECEIVER, 84),
                           (ReceptionTableModel.KIND, 76), (ReceptionTableModel.TURN, 92),
                           (ReceptionTableModel.STATUS, 96),
                           (ReceptionTableModel.RULES, 196 if ctx.lang.startswith("zh") else 244)):
            self._reception_view.setColumnWidth(col, width)
        rec_lay.addWidget(self._reception_view)

        self._splitter.addWidget(rot_card)
        self._splitter.addWidget(rec_card)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(12)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 12)
        lay.setSpacing(12)
        self._layout = lay
        self._compact: bool | None = None
        lay.addWidget(self._banner)
        lay.addWidget(self._waiting_label)
        lay.addWidget(self._splitter, 1)

        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ wiring
    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self._on_ctx_changed)
        self._ctx.user_changed.connect(self._on_user_changed)
        self._consultant_view.resized.connect(self._on_consultant_view_resized)
        self._reception_view.selectionModel().selectionChanged.connect(self._on_reception_selected)
        self._consultant_view.selectionModel().selectionChanged.connect(self._on_consultant_selected)
        self._actions[ActionId.FINISH].triggered.connect(self._on_finish_triggered)
        self._actions[ActionId.COMPETITOR].triggered.connect(self._on_competitor_triggered)
        self._actions[ActionId.COMPLAINT].triggered.connect(self._on_complaint_triggered)
        self._actions[ActionId.REFUSE].triggered.connect(self._on_refuse_triggered)

    # ------------------------------------------------------------------ reading
    @property
    def board(self) -> dto.Board | None:
        return self._board

    def next_up_text(self) -> str:
        return self._banner.next_text()

    def consultant_model(self) -> ConsultantTableModel:
        return self._consultant_model

    def reception_model(self) -> ReceptionTableModel:
        return self._reception_model

    def board_action(self, aid: ActionId) -> QAction:
        return self._actions[aid]

    def selected_reception(self) -> dto.ReceptionRow | None:
        rows = self._reception_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self._reception_proxy.mapToSource(rows[0]).data(int(DtoRole.ROW))

    def selected_consultant(self) -> dto.ConsultantRow | None:
        rows = self._consultant_view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(int(DtoRole.ROW))

    def select_reception(self, visit_id: int) -> bool:
        return self._select(self._reception_view, self._reception_proxy, self._reception_model, visit_id)

    def select_consultant(self, key: str) -> bool:
        return self._select(self._consultant_view, None, self._consultant_model, key)

    @staticmethod
    def _select(view, proxy, model, key) -> bool:
        r = model.row_of_key(key)
        if r < 0:
            return False
        idx = model.index(r, 0) if proxy is None else proxy.mapFromSource(model.index(r, 0))
        view.selectionModel().select(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        view.setCurrentIndex(idx)
        return True

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """Re-read the board from the office; selections survive when their rows still exist."""
        board = self._ctx.board()
        self._board = board
        kept_rec = self.selected_reception()
        kept_con = self.selected_consultant()
        self._consultant_model.set_rows(board.rows)
        self._reception_model.set_rows(board.receptions)
        if kept_rec is not None and self.selected_reception() is None:
            self.select_reception(kept_rec.visit_id)
        if kept_con is not None and self.selected_consultant() is None:
            self.select_consultant(kept_con.key)
        if self._shown_next != board.next_up:
            self._shown_next = board.next_up
            self._scroll_to_next()
        now = self._ctx.clock()
        self._banner.show_board(board, now)
        if board.waiting:
            self._waiting_label.setText(self.tr("等候中（{n}组）：{names}　——有人空闲时按轮次安排").format(
                n=len(board.waiting), names="、".join(board.waiting)))
            self._waiting_label.show()
        else:
            self._waiting_label.hide()
        in_rotation = sum(1 for r in board.rows if r.position)
        self._rotation_title.setText(self.tr("今日轮次（{n}人）").format(n=in_rotation))
        self._reception_title.setText(self.tr("今日接待（{n}）").format(n=len(board.receptions)))
        self._update_actions()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self._scroll_to_next)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_density()

    @Slot()
    def _on_consultant_view_resized(self) -> None:
        QTimer.singleShot(0, self._scroll_to_next)  # a taller table shows the rotation from its top again

    def _apply_density(self) -> None:
        """Tighter rows and banner when the board is short (a 1280×800 screen), roomier from 1080 p up."""
        compact = 0 < self.height() < COMPACT_BELOW_PX
        if compact == self._compact:
            return
        self._compact = compact
        self._banner.set_compact(compact)
        self._consultant_view.verticalHeader().setDefaultSectionSize(30 if compact else 36)
        self._reception_view.verticalHeader().setDefaultSectionSize(30 if compact else 34)
        self._layout.setContentsMargins(16, 8 if compact else 14, 16, 8 if compact else 12)
        self._layout.setSpacing(8 if compact else 12)

    def _scroll_to_next(self) -> None:
        """Show the rotation from its first row, and the next-up row in any case (the proposal, or a resize)."""
        r = self._consultant_model.row_of_key(self._shown_next) if self._shown_next else -1
        if r >= 0:
            idx = self._consultant_model.index(r, 0)
            self._consultant_view.scrollToTop()
            self._consultant_view.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)

    def tick(self, now: dt.datetime) -> None:
        """Once a second from the window: the clock in the banner."""
        self._banner.show_time(now)

    def _refuser(self) -> str | None:
        rec = self.selected_reception()
        if rec is not None:
            return rec.receiver if rec.active and rec.receiver else None
        con = self.selected_consultant()
        if con is not None and con.state == "receiving":
            return con.key
        return None

    def _update_actions(self) -> None:
        rec = self.selected_reception()
        received = rec is not None and rec.receiver is not None and not rec.cancelled
        in_progress = received and rec.active
        wants = {
            ActionId.FINISH: rec is not None and rec.active,
            ActionId.COMPETITOR: received,
            ActionId.COMPLAINT: in_progress,
            ActionId.REFUSE: self._refuser() is not None,
        }
        live = self._ctx.live  # before the database has opened every command would be refused
        for aid, ok in wants.items():
            act = self._actions[aid]
            allowed = permitted(aid, self._ctx.may)
            act.setEnabled(live and allowed and ok)
            base = act.statusTip()
            if not allowed:
                from .actions import SPECS

                minimum = ACTIONS[SPECS[aid].permission][0].name.lower()
                act.setToolTip(self.tr("{tip}\n您的角色无权执行（需{role}或以上）").format(
                    tip=base, role=i18n.label(i18n.ROLE, minimum)))
            else:
                act.setToolTip(base)

    # ------------------------------------------------------------------ running commands
    def _run(self, cmd) -> bool:
        try:
            decision = self._ctx.run(cmd)
        except RuleError as err:
            from PySide6.QtWidgets import QMessageBox  # here: imported early, its enums delay the first paint

            QMessageBox.warning(self, self.tr("未能执行"), i18n.error_message(err, self._ctx.lang))
            return False
        text = decision.explanation_zh if self._ctx.lang.startswith("zh") else (decision.explanation_en or decision.explanation_zh)
        self.command_executed.emit(text)
        return True

    def _confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_finish_triggered(self) -> None:
        rec = self.selected_reception()
        if rec is not None:
            self._run(c.Finish(customer_ref(rec)))

    @Slot()
    def _on_competitor_triggered(self) -> None:
        rec = self.selected_reception()
        if rec is not None:
            self._run(c.Competitor(customer_ref(rec), True))

    @Slot()
    def _on_complaint_triggered(self) -> None:
        rec = self.selected_reception()
        if rec is None:
            return
        if self._confirm(self.tr("投诉转接"), self.tr("客户{customer}投诉：取消{receiver}的接待，按轮次转给下一位，并由其接手归属（R13）。确定吗？").format(
                customer=rec.customer, receiver=rec.receiver_name)):
            self._run(c.Complaint(customer_ref(rec)))

    @Slot()
    def _on_refuse_triggered(self) -> None:
        who = self._refuser()
        if who is None:
            return
        name = self._ctx.office.name(who)
        if self._confirm(self.tr("拒接"), self.tr("{name}拒接所派客户：记旷工一次，客户转给下一位（R28 不得拒接）。确定吗？").format(name=name)):
            self._run(c.Refuse(who))

    @Slot()
    def _on_ctx_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_user_changed(self) -> None:
        self._update_actions()

    @Slot()
    def _on_reception_selected(self) -> None:
        if self._reception_view.selectionModel().hasSelection():
            self._consultant_view.selectionModel().clearSelection()
        self._update_actions()
        self.selection_changed.emit()

    @Slot()
    def _on_consultant_selected(self) -> None:
        if self._consultant_view.selectionModel().hasSelection():
            self._reception_view.selectionModel().clearSelection()
        self._update_actions()
        self.selection_changed.emit()


__all__ = ["BoardView", "NextUpBanner", "customer_ref"]
