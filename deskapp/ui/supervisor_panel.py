"""The supervisor's tools (R6): today's order, who is on the floor, credits, assignments, sanctions, staff changes.

Each tool is enabled for the roles RULES.md gives it ("Roles and what they may do"); the rulebook
checks again, and a refusal is shown in the panel's status line in the user's language.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QRect, QSize, Qt, QTime, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from deskapp.domain.commands import (
    Assign,
    Back,
    Depart,
    Duty,
    FollowUp,
    Grant,
    Leave,
    Overtime,
    Reorder,
    Rest,
    Revoke,
    Sanction,
    StepOut,
)
from deskapp.domain.errors import RuleError
from deskapp.services import queries

from . import theme
from .panel_kit import (
    MUTED_INK,
    SPACING,
    Card,
    CustomerPicker,
    StatusLine,
    decision_text,
    fill_staff_combo,
    fit_combo,
    hbox,
    hint_label,
    in_rotation_role,
    only_for,
    primary_button,
    staff_combo,
    title_label,
    vbox,
    who_may,
)

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("SupervisorPanel", text)


def floor_state_label(state: str) -> str:
    return {
        "free": _tr("空闲"),
        "receiving": _tr("接待中"),
        "out_personal": _tr("私事外出"),
        "out_official": _tr("公事外出"),
        "resting": _tr("轮休"),
        "on_leave": _tr("休假"),
        "suspended": _tr("停接中"),
        "absent": _tr("未签到"),
        "signed_out": _tr("已签退"),
    }.get(state, state)


def _form(body: QWidget) -> QFormLayout:
    form = QFormLayout(body)
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(SPACING * 2)
    form.setVerticalSpacing(SPACING)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def _add_row(form: QFormLayout, text: str, field, labels: list[QLabel]) -> None:
    """A labelled row; `labels` collects the labels so they can all be made as wide as the widest."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    labels.append(label)
    form.addRow(label, field)


def _buttons(*buttons: QPushButton):
    row = hbox()
    row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
    return row


def _date_edit(parent) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _time_edit(parent, hh: int, mm: int = 0) -> QTimeEdit:
    edit = QTimeEdit(QTime(hh, mm), parent)
    edit.setDisplayFormat("HH:mm")
    return edit


class RotationDelegate(QStyledItemDelegate):
    """A rotation row: place and name on the left (the next up in bold), floor state muted on the right.

    The row itself (background, selection, focus) is Qt's; the item has no display text, so only the
    texts drawn here show. Fonts and colours come from the view, not from the style option: reading
    the option's font/palette members from Python is what PySide6 handles least safely.
    """

    PAD = 10

    def _view(self) -> QWidget:
        return self.parent()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        metrics = QFontMetrics(self._view().font())
        return QSize(metrics.horizontalAdvance("00.  " + (index.data(NAME_ROLE) or "") + "　" * 6) + 2 * self.PAD,
                     metrics.height() + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)
        view = self._view()
        state = option.state
        rect = QRect(option.rect).adjusted(self.PAD, 0, -self.PAD, 0)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        enabled = bool(state & QStyle.StateFlag.State_Enabled) and view.isEnabled()
        if not enabled:
            ink, muted = QColor(theme.FAINT), QColor(theme.FAINT)  # the app style sheet keeps disabled text dark
        else:
            palette = view.palette()
            ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
            muted = ink if selected else MUTED_INK
        base = QFont(view.font())
        bold = QFont(base)
        bold.setBold(index.row() == 0)
        metrics = QFontMetrics(base)
        place_width = metrics.horizontalAdvance("00.") + 6
        align = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setPen(ink)
        painter.setFont(bold)
        painter.drawText(QRect(rect.left(), rect.top(), place_width, rect.height()), align | Qt.AlignmentFlag.AlignRight,
                         f"{index.row() + 1}.")
        painter.drawText(rect.adjusted(place_width + 8, 0, 0, 0), align | Qt.AlignmentFlag.AlignLeft,
                         index.data(NAME_ROLE) or "")
        painter.setFont(base)
        painter.setPen(muted)
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, index.data(STATE_ROLE) or "")
        painter.restore()


class SupervisorPanel(QWidget):
    """主管工具 (R6): reorder by drag and drop, step-outs, duty, rest, credits, assignment, sanctions, staff."""

    rotation_reordered = Signal()
    command_done = Signal(str)  # the verb of a command the rulebook accepted

    def __init__(self, ctx, parent=None, *, interactive: bool = True):
        super().__init__(parent)
        self._ctx = ctx
        self._interactive = interactive
        self._gates: list[tuple[Card, str, tuple[str, ...]]] = []  # card, action, the rules behind it
        self._order_dirty = False
        self._filling = False
        # -------- the rotation
        self._rotation_box = Card(_tr("今日轮次（第6条）"), self)
        self._rotation_list = QListWidget(self._rotation_box.body())
        self._rotation_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self._rotation_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._rotation_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._rotation_list.setAlternatingRowColors(True)
        self._rotation_delegate = RotationDelegate(self._rotation_list)  # keep a reference: Qt does not own delegates
        self._rotation_list.setItemDelegate(self._rotation_delegate)
        self._rotation_list.setUniformItemSizes(True)
        self._rotation_hint = hint_label(_tr("拖动姓名调整顺序，排在第一位的为下一位接待。"), self._rotation_box.body())
        self._revert_button = QPushButton(_tr("还原"), self._rotation_box.body())
        self._apply_order_button = primary_button(_tr("应用顺序"), self._rotation_box.body())
        # -------- on the floor
        self._step_box = Card(_tr("外出与返回（第4条）"), self)
        self._step_who_combo = staff_combo(self._step_box.body())
        self._personal_radio = QRadioButton(_tr("私事（跳过不补）"), self._step_box.body())
        self._official_radio = QRadioButton(_tr("案场公事（跳过可补接）"), self._step_box.body())
        self._personal_radio.setChecked(True)
        self._reason_group = QButtonGroup(self)
        self._reason_group.addButton(self._personal_radio)
        self._reason_group.addButton(self._official_radio)
        self._step_out_button = QPushButton(_tr("登记外出"), self._step_box.body())
        self._back_button = QPushButton(_tr("返回现场"), self._step_box.body())
        self._rest_box = Card(_tr("轮休与加班（第10条）"), self)
        self._rest_who_combo = staff_combo(self._rest_box.body())
        self._rest_button = QPushButton(_tr("今日轮休"), self._rest_box.body())
        self._overtime_button = QPushButton(_tr("加班"), self._rest_box.body())
        self._duty_box = Card(_tr("早晚值班（第38条）"), self)
        self._duty_who_combo = staff_combo(self._duty_box.body())
        self._duty_from_edit = _time_edit(self._duty_box.body(), 8, 0)
        self._duty_to_edit = _time_edit(self._duty_box.body(), 9, 0)
        self._duty_button = QPushButton(_tr("设置值班"), self._duty_box.body())
        # -------- credits and customers
        self._credit_box = Card(_tr("补接名额（第6条）"), self)
        self._credit_who_combo = staff_combo(self._credit_box.body())
        self._credit_count_label = QLabel(self._credit_box.body())
        self._credit_reason_edit = QLineEdit(self._credit_box.body())
        self._credit_reason_edit.setPlaceholderText(_tr("必填：补发或撤销的原因"))
        self._grant_button = QPushButton(_tr("补发名额"), self._credit_box.body())
        self._revoke_button = QPushButton(_tr("撤销名额"), self._credit_box.body())
        self._assign_box = Card(_tr("分配客户（第6、7、8条）"), self)
        self._assign_picker = CustomerPicker(ctx, _tr("电话尾号、姓名或拼音"), allow_none=False,
                                             parent=self._assign_box.body())
        self._assign_to_combo = staff_combo(self._assign_box.body())
        self._assign_button = QPushButton(_tr("分配"), self._assign_box.body())
        self._followup_box = Card(_tr("回访记录（第14条）"), self)
        self._followup_who_combo = staff_combo(self._followup_box.body())
        self._followup_picker = CustomerPicker(ctx, _tr("客户：电话、姓名或拼音"), allow_none=False,
                                               parent=self._followup_box.body())
        self._followup_date_edit = _date_edit(self._followup_box.body())
        self._followup_note_edit = QLineEdit(self._followup_box.body())
        self._followup_note_edit.setPlaceholderText(_tr("选填：回访方式与内容"))
        self._followup_button = QPushButton(_tr("记录回访"), self._followup_box.body())
        # -------- sanctions and staff
        self._sanction_box = Card(_tr("处罚（第18、28、33条）"), self)
        self._sanction_who_combo = staff_combo(self._sanction_box.body())
        self._sanction_rule_combo = QComboBox(self._sanction_box.body())
        self._sanction_button = QPushButton(_tr("记录处罚"), self._sanction_box.body())
        self._leave_box = Card(_tr("休假（第10条）"), self)
        self._leave_who_combo = staff_combo(self._leave_box.body())
        self._leave_from_edit = _date_edit(self._leave_box.body())
        self._leave_to_edit = _date_edit(self._leave_box.body())
        self._leave_cover_combo = staff_combo(self._leave_box.body())
        self._leave_days_label = QLabel(self._leave_box.body())
        self._leave_button = QPushButton(_tr("登记休假"), self._leave_box.body())
        self._depart_box = Card(_tr("离职与调离（第19、30、31条）"), self)
        self._depart_who_combo = staff_combo(self._depart_box.body())
        self._depart_kind_combo = QComboBox(self._depart_box.body())
        self._handover_combo = staff_combo(self._depart_box.body())
        self._depart_hint = hint_label("", self._depart_box.body())
        self._depart_button = QPushButton(_tr("办理"), self._depart_box.body())
        self._tabs = QTabWidget(self)
        self._status = StatusLine(self)
        self._fill_fixed_choices()
        self._build_layout()
        self._connect_signals()
        today = ctx.clock().date()
        for edit in (self._followup_date_edit, self._leave_from_edit, self._leave_to_edit):
            edit.setDate(QDate(today.year, today.month, today.day))
        self.refresh()

    # ------------------------------------------------------------------ public
    def status_text(self) -> str:
        return self._status.text()

    def rotation_keys(self) -> list[str]:
        """The order as it stands in the list (after any drag and drop, before it is applied)."""
        return [self._rotation_list.item(i).data(KEY_ROLE) for i in range(self._rotation_list.count())]

    def rotation_list(self) -> QListWidget:
        return self._rotation_list

    @Slot()
    def refresh(self) -> None:
        office = self._ctx.office
        lang = self._ctx.lang
        board = queries.board(office)
        self._fill_rotation(board)
        present = {r.key for r in board.rows if r.state not in ("absent", "on_leave", "resting", "signed_out")}
        rot = in_rotation_role
        fill_staff_combo(self._step_who_combo, office, include=lambda s: s.key in present, lang=lang)
        for combo in (self._rest_who_combo, self._duty_who_combo, self._credit_who_combo, self._assign_to_combo,
                      self._sanction_who_combo, self._leave_who_combo, self._depart_who_combo):
            fill_staff_combo(combo, office, include=rot, lang=lang)
        if self._ctx.user is not None and self._ctx.role.in_rotation:
            # R14: a consultant records follow-ups of their own customers only.
            me = self._ctx.user
            fill_staff_combo(self._followup_who_combo, office, include=lambda s: s.key == me, lang=lang)
            self._followup_picker.set_filter(lambda h: h.owner == me)
        else:
            fill_staff_combo(self._followup_who_combo, office, include=rot, lang=lang)
            self._followup_picker.set_filter(None)
        fill_staff_combo(self._leave_cover_combo, office, include=rot, blank=_tr("（不安排代管）"), lang=lang)
        self._fill_handover()
        self._credits = {r.key: len(r.credits) for r in board.rows}
        self._update_credit_count()
        self._update_leave_days()
        self._apply_gates()

    # ------------------------------------------------------------------ building
    def _fill_fixed_choices(self) -> None:
        for rule, text in (
            ("R18", _tr("第18条 私留被指名客户：停接3天")),
            ("R28", _tr("第28条 拒接客户：算旷工1天")),
            ("R33", _tr("第33条 当客户面争抢客户：罚款50元")),
        ):
            self._sanction_rule_combo.addItem(text, rule)
        for kind, text in (
            ("resigned", _tr("辞职（客户归销售部，第31条）")),
            ("laid_off", _tr("裁员（客户归销售部，第30条）")),
            ("transferred", _tr("调离案场（指定交接人，第19条）")),
        ):
            self._depart_kind_combo.addItem(text, kind)
        fit_combo(self._sanction_rule_combo)
        fit_combo(self._depart_kind_combo)

    def _gate(self, box: Card, action: str, *rules: str) -> None:
        self._gates.append((box, action, rules))

    def _build_layout(self) -> None:
        labels: list[QLabel] = []
        # the rotation, on the left
        rotation = vbox(self._rotation_box.body(), margin=0)
        rotation.addWidget(self._rotation_hint)
        rotation.addWidget(self._rotation_list, 1)
        rotation.addLayout(_buttons(self._revert_button, self._apply_order_button))
        self._rotation_box.setMinimumWidth(260)
        self._gate(self._rotation_box, "reorder", "R6")

        # tab 1: on the floor
        form = _form(self._step_box.body())
        _add_row(form, _tr("人员："), self._step_who_combo, labels)
        reasons = hbox()
        reasons.addWidget(self._personal_radio)
        reasons.addWidget(self._official_radio)
        reasons.addStretch(1)
        _add_row(form, _tr("原因："), reasons, labels)
        form.addRow(_buttons(self._back_button, self._step_out_button))
        self._gate(self._step_box, "step_others", "R4", "R6")

        form = _form(self._rest_box.body())
        _add_row(form, _tr("人员："), self._rest_who_combo, labels)
        form.addRow(hint_label(_tr("轮休者不参加今日轮次；自愿加班者排在轮次末尾。"), self._rest_box.body()))
        form.addRow(_buttons(self._overtime_button, self._rest_button))
        self._gate(self._rest_box, "rest", "R10")

        form = _form(self._duty_box.body())
        _add_row(form, _tr("值班人员："), self._duty_who_combo, labels)
        window = hbox()
        window.addWidget(self._duty_from_edit)
        window.addWidget(QLabel("—", self._duty_box.body()))
        window.addWidget(self._duty_to_edit)
        window.addStretch(1)
        _add_row(form, _tr("值班时间："), window, labels)
        form.addRow(hint_label(_tr("值班时段内的新客户归值班人员，不影响其轮次。"), self._duty_box.body()))
        form.addRow(_buttons(self._duty_button))
        self._gate(self._duty_box, "duty", "R38")

        # tab 2: credits and customers
        form = _form(self._credit_box.body())
        _add_row(form, _tr("人员："), self._credit_who_combo, labels)
        _add_row(form, _tr("现有名额："), self._credit_count_label, labels)
        _add_row(form, _tr("原因："), self._credit_reason_edit, labels)
        form.addRow(_buttons(self._revoke_button, self._grant_button))
        self._gate(self._credit_box, "credits", "R6")

        form = _form(self._assign_box.body())
        _add_row(form, _tr("客户："), self._assign_picker, labels)
        _add_row(form, _tr("分配给："), self._assign_to_combo, labels)
        form.addRow(hint_label(_tr("只能分配销售部客户（离职人员的客户）或公司介绍的客户；手工分配不占轮次。"),
                               self._assign_box.body()))
        form.addRow(_buttons(self._assign_button))
        self._gate(self._assign_box, "assign", "R6")

        form = _form(self._followup_box.body())
        _add_row(form, _tr("置业顾问："), self._followup_who_combo, labels)
        _add_row(form, _tr("客户："), self._followup_picker, labels)
        _add_row(form, _tr("回访日期："), self._followup_date_edit, labels)
        _add_row(form, _tr("内容："), self._followup_note_edit, labels)
        form.addRow(_buttons(self._followup_button))
        self._gate(self._followup_box, "desk", "R14")

        # tab 3: sanctions and staff
        form = _form(self._sanction_box.body())
        _add_row(form, _tr("人员："), self._sanction_who_combo, labels)
        _add_row(form, _tr("依据："), self._sanction_rule_combo, labels)
        form.addRow(_buttons(self._sanction_button))
        self._gate(self._sanction_box, "sanction", "R18", "R28", "R33")

        form = _form(self._leave_box.body())
        _add_row(form, _tr("人员："), self._leave_who_combo, labels)
        dates = hbox()
        dates.addWidget(self._leave_from_edit)
        dates.addWidget(QLabel("—", self._leave_box.body()))
        dates.addWidget(self._leave_to_edit)
        dates.addWidget(self._leave_days_label)
        dates.addStretch(1)
        _add_row(form, _tr("休假日期："), dates, labels)
        _add_row(form, _tr("客户代管："), self._leave_cover_combo, labels)
        form.addRow(hint_label(_tr("休假超过15天须事先安排客户并告知案场经理，否则来访客户按新客户处理。"),
                               self._leave_box.body()))
        form.addRow(_buttons(self._leave_button))
        self._gate(self._leave_box, "leave", "R10")

        form = _form(self._depart_box.body())
        _add_row(form, _tr("人员："), self._depart_who_combo, labels)
        _add_row(form, _tr("类型："), self._depart_kind_combo, labels)
        _add_row(form, _tr("交接人："), self._handover_combo, labels)
        form.addRow(self._depart_hint)
        form.addRow(_buttons(self._depart_button))
        self._gate(self._depart_box, "depart", "R30", "R31")

        self._tabs.addTab(self._page(self._step_box, self._rest_box, self._duty_box), _tr("在岗安排"))
        self._tabs.addTab(self._page(self._credit_box, self._assign_box, self._followup_box), _tr("名额与客户"))
        self._tabs.addTab(self._page(self._sanction_box, self._leave_box, self._depart_box), _tr("处罚与人员"))

        # One label width for every card, so the fields of all the tools line up.
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

        body = hbox()
        body.addWidget(self._rotation_box, 2)
        body.addWidget(self._tabs, 5)
        root = vbox(self)
        root.addWidget(title_label(_tr("主管工具"), self))
        root.addLayout(body, 1)
        root.addWidget(self._status)
        self.setMinimumSize(QSize(900, 560))

    def _page(self, *boxes: Card) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACING + 4, SPACING + 4, SPACING + 4, SPACING + 4)
        layout.setSpacing(SPACING + 4)
        for box in boxes:
            layout.addWidget(box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self.refresh)
        self._ctx.user_changed.connect(self.refresh)
        model = self._rotation_list.model()
        model.rowsMoved.connect(self._on_rotation_moved)
        model.rowsInserted.connect(self._on_rotation_moved)
        self._revert_button.clicked.connect(self._on_revert_clicked)
        self._apply_order_button.clicked.connect(self._on_apply_order_clicked)
        self._step_out_button.clicked.connect(self._on_step_out_clicked)
        self._back_button.clicked.connect(self._on_back_clicked)
        self._rest_button.clicked.connect(self._on_rest_clicked)
        self._overtime_button.clicked.connect(self._on_overtime_clicked)
        self._duty_button.clicked.connect(self._on_duty_clicked)
        self._credit_who_combo.currentIndexChanged.connect(self._on_credit_who_changed)
        self._credit_reason_edit.textChanged.connect(self._on_credit_reason_changed)
        self._grant_button.clicked.connect(self._on_grant_clicked)
        self._revoke_button.clicked.connect(self._on_revoke_clicked)
        self._assign_picker.customer_picked.connect(self._on_assign_customer_picked)
        self._assign_button.clicked.connect(self._on_assign_clicked)
        self._followup_picker.customer_picked.connect(self._on_followup_customer_picked)
        self._followup_button.clicked.connect(self._on_followup_clicked)
        self._sanction_button.clicked.connect(self._on_sanction_clicked)
        self._leave_from_edit.dateChanged.connect(self._on_leave_dates_changed)
        self._leave_to_edit.dateChanged.connect(self._on_leave_dates_changed)
        self._leave_button.clicked.connect(self._on_leave_clicked)
        self._depart_who_combo.currentIndexChanged.connect(self._on_depart_changed)
        self._depart_kind_combo.currentIndexChanged.connect(self._on_depart_changed)
        self._depart_button.clicked.connect(self._on_depart_clicked)

    # ------------------------------------------------------------------ state
    def _fill_rotation(self, board) -> None:
        rows = sorted((r for r in board.rows if r.position > 0), key=lambda r: r.position)
        lst = self._rotation_list
        self._filling = True  # the model's own rowsInserted must not mark the order as changed
        lst.clear()
        for r in rows:
            item = QListWidgetItem(lst)
            item.setData(KEY_ROLE, r.key)
            item.setData(NAME_ROLE, r.name)
            extra = floor_state_label(r.state)
            if r.credits:
                extra += _tr(" · 补接{n}").format(n=len(r.credits))
            if r.on_duty:
                extra += _tr(" · 值班")
            item.setData(STATE_ROLE, extra)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        self._filling = False
        self._renumber()
        self._order_dirty = False
        if not rows:
            self._rotation_hint.setText(_tr("今日轮次为空：置业顾问签到后按签到顺序加入。"))
        else:
            self._rotation_hint.setText(_tr("拖动姓名调整顺序，排在第一位的为下一位接待。"))

    def _renumber(self) -> None:
        lst = self._rotation_list
        for i in range(lst.count()):
            item = lst.item(i)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{i + 1}. {item.data(NAME_ROLE)} {item.data(STATE_ROLE) or ''}".strip())
            item.setToolTip(_tr("下一位接待") if i == 0 else _tr("第{n}位").format(n=i + 1))

    def _fill_handover(self) -> None:
        leaving = self._depart_who_combo.currentData()
        fill_staff_combo(self._handover_combo, self._ctx.office,
                         include=lambda s: in_rotation_role(s) and s.key != leaving, lang=self._ctx.lang)

    def _apply_gates(self) -> None:
        for box, action, rules in self._gates:
            allowed = self._ctx.may(action)
            box.setEnabled(allowed)
            box.set_note("" if allowed else only_for(self._ctx, action))
            box.setToolTip("" if allowed else who_may(self._ctx, action, *rules))
        self._update_order_buttons()
        self._update_credit_buttons()
        self._update_depart_controls()
        self._assign_button.setEnabled(self._assign_picker.selected_id() is not None)
        self._followup_button.setEnabled(self._followup_picker.selected_id() is not None)

    def _update_order_buttons(self) -> None:
        allowed = self._ctx.may("reorder")
        self._apply_order_button.setEnabled(allowed and self._order_dirty)
        self._revert_button.setEnabled(allowed and self._order_dirty)
        self._rotation_list.setDragEnabled(allowed)
        self._rotation_list.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove if allowed else QAbstractItemView.DragDropMode.NoDragDrop)

    def _update_credit_count(self) -> None:
        key = self._credit_who_combo.currentData()
        n = getattr(self, "_credits", {}).get(key, 0)
        self._credit_count_label.setText(_tr("{n} 个").format(n=n))

    def _update_credit_buttons(self) -> None:
        has_reason = bool(self._credit_reason_edit.text().strip())
        allowed = self._ctx.may("credits") and self._credit_who_combo.currentData() is not None
        self._grant_button.setEnabled(allowed and has_reason)
        self._revoke_button.setEnabled(allowed and has_reason)
        tip = "" if has_reason else _tr("请先填写原因（第6条：须记录原因）")
        self._grant_button.setToolTip(tip)
        self._revoke_button.setToolTip(tip)

    def _update_leave_days(self) -> None:
        start = self._leave_from_edit.date().toPython()
        end = self._leave_to_edit.date().toPython()
        days = (end - start).days + 1
        if days < 1:
            self._leave_days_label.setText(_tr("结束早于开始"))
            self._leave_days_label.setStyleSheet("color: #8a1c1c;")
        else:
            self._leave_days_label.setText(_tr("共 {n} 天").format(n=days))
            self._leave_days_label.setStyleSheet(f"color: {MUTED_INK.name()};")

    def _update_depart_controls(self) -> None:
        kind = self._depart_kind_combo.currentData()
        transferred = kind == "transferred"
        action = "handover" if transferred else "depart"
        allowed = self._ctx.may(action)
        self._handover_combo.setEnabled(transferred and allowed)
        self._depart_button.setEnabled(allowed and self._depart_who_combo.currentData() is not None)
        if transferred and not allowed:
            self._depart_hint.setText(_tr("调离案场须由专案经理指定交接人（第19条）。"))
        elif transferred:
            self._depart_hint.setText(_tr("其客户及其老客户介绍的新客户归交接人（第19条）。"))
        else:
            self._depart_hint.setText(_tr("其客户归销售部统一追踪，未下订的再来访按新客户轮接（第8条）。"))
        self._depart_button.setText(_tr("办理调离") if transferred else _tr("办理离职"))

    def _run(self, cmd) -> bool:
        try:
            decision = self._ctx.run(cmd)
        except RuleError as err:
            self._status.show_error(self._ctx.error_text(err))
            return False
        self._status.show_ok(decision_text(self._ctx, decision))
        self.command_done.emit(cmd.verb)
        return True

    def _confirmed(self, title: str, text: str) -> bool:
        if not self._interactive:
            return True
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ slots: rotation
    @Slot()
    def _on_rotation_moved(self, *_args) -> None:
        if self._filling:
            return
        self._renumber()
        self._order_dirty = True
        self._update_order_buttons()

    @Slot()
    def _on_revert_clicked(self) -> None:
        self._fill_rotation(queries.board(self._ctx.office))
        self._update_order_buttons()

    @Slot()
    def _on_apply_order_clicked(self) -> None:
        if self._run(Reorder(tuple(self.rotation_keys()))):
            self.rotation_reordered.emit()

    # ------------------------------------------------------------------ slots: on the floor
    @Slot()
    def _on_step_out_clicked(self) -> None:
        who = self._step_who_combo.currentData()
        if who:
            self._run(StepOut(who, "official" if self._official_radio.isChecked() else "personal"))

    @Slot()
    def _on_back_clicked(self) -> None:
        who = self._step_who_combo.currentData()
        if who:
            self._run(Back(who))

    @Slot()
    def _on_rest_clicked(self) -> None:
        who = self._rest_who_combo.currentData()
        if who:
            self._run(Rest(who))

    @Slot()
    def _on_overtime_clicked(self) -> None:
        who = self._rest_who_combo.currentData()
        if who:
            self._run(Overtime(who))

    @Slot()
    def _on_duty_clicked(self) -> None:
        who = self._duty_who_combo.currentData()
        if who:
            self._run(Duty(who, self._duty_from_edit.time().toPython(), self._duty_to_edit.time().toPython()))

    # ------------------------------------------------------------------ slots: credits and customers
    @Slot(int)
    def _on_credit_who_changed(self, _index: int) -> None:
        self._update_credit_count()
        self._update_credit_buttons()

    @Slot(str)
    def _on_credit_reason_changed(self, _text: str) -> None:
        self._update_credit_buttons()

    @Slot()
    def _on_grant_clicked(self) -> None:
        who, reason = self._credit_who_combo.currentData(), self._credit_reason_edit.text().strip()
        if who and reason and self._run(Grant(who, reason)):
            self._credit_reason_edit.clear()

    @Slot()
    def _on_revoke_clicked(self) -> None:
        who, reason = self._credit_who_combo.currentData(), self._credit_reason_edit.text().strip()
        if who and reason and self._run(Revoke(who, reason)):
            self._credit_reason_edit.clear()

    @Slot(int)
    def _on_assign_customer_picked(self, customer_id: int) -> None:
        self._assign_button.setEnabled(customer_id >= 0)

    @Slot()
    def _on_assign_clicked(self) -> None:
        ref, to = self._assign_picker.selected_ref(), self._assign_to_combo.currentData()
        if ref is None:
            self._status.show_error(_tr("请先搜索并选择要分配的客户。"))
            return
        if to and self._run(Assign(ref, to)):
            self._assign_picker.clear()

    @Slot(int)
    def _on_followup_customer_picked(self, customer_id: int) -> None:
        self._followup_button.setEnabled(customer_id >= 0)

    @Slot()
    def _on_followup_clicked(self) -> None:
        ref, who = self._followup_picker.selected_ref(), self._followup_who_combo.currentData()
        if ref is None:
            self._status.show_error(_tr("请先搜索并选择回访的客户。"))
            return
        date: dt.date = self._followup_date_edit.date().toPython()
        if who and self._run(FollowUp(who, ref, date, self._followup_note_edit.text().strip())):
            self._followup_note_edit.clear()

    # ------------------------------------------------------------------ slots: sanctions and staff
    @Slot()
    def _on_sanction_clicked(self) -> None:
        who, rule = self._sanction_who_combo.currentData(), self._sanction_rule_combo.currentData()
        if who and self._confirmed(_tr("记录处罚"), _tr("确认对{name}记录处罚：{rule}？").format(
                name=self._sanction_who_combo.currentText(), rule=self._sanction_rule_combo.currentText())):
            self._run(Sanction(who, rule))

    @Slot()
    def _on_leave_dates_changed(self, *_args) -> None:
        self._update_leave_days()

    @Slot()
    def _on_leave_clicked(self) -> None:
        who = self._leave_who_combo.currentData()
        if who:
            self._run(Leave(who, self._leave_from_edit.date().toPython(), self._leave_to_edit.date().toPython(),
                            self._leave_cover_combo.currentData()))

    @Slot()
    def _on_depart_changed(self, *_args) -> None:
        self._fill_handover()
        self._update_depart_controls()

    @Slot()
    def _on_depart_clicked(self) -> None:
        who, kind = self._depart_who_combo.currentData(), self._depart_kind_combo.currentData()
        if not who:
            return
        handover = self._handover_combo.currentData() if kind == "transferred" else None
        if self._confirmed(_tr("人员变动"), _tr("确认为{name}办理：{kind}？此操作不能撤销。").format(
                name=self._depart_who_combo.currentText(), kind=self._depart_kind_combo.currentText())):
            self._run(Depart(who, kind, handover))

