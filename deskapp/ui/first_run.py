"""First run: the database is empty. Try the demo office, set up one's own office, or join another station's.

Setting up records the office (name and working hours: the claim notice's posting window, R20) and its
staff with their PINs, as the system (nobody can be signed in yet), in ONE transaction: a refused row
leaves nothing half-recorded. A site manager is required: only site managers (or above) may change
settings, policies and rule on claims (R32).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    QRegularExpression,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QGuiApplication,
    QKeySequence,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from deskapp.domain import POOL
from deskapp.domain.commands import AddStaff, SetOfficeInfo, SetPin
from deskapp.domain.errors import RuleError
from deskapp.domain.roles import Role
from deskapp.services.pins import PIN_MAX, PIN_MIN, hash_pin

from . import i18n, theme
from .panel_kit import MARGIN, SPACING, StatusLine, hbox, hint_label, vbox
from .station_config import DatabaseForm, embedded_url, override_source, save_url

log = logging.getLogger(__name__)

SYSTEM = "__system__"  # the actor of first-run records: nobody is signed in yet
DEMO_CUSTOMERS = 1500
DEMO_DAYS = 7
DEMO_SEED = 1
DEMO_OPEN, DEMO_CLOSE = "09:00", "18:00"  # the demo's working hours (its days run 08:30-18:30)
EXCEL_MODULE = "deskapp.services.excel"
# The roles a person at a sales office has (管理员 is for support staff, not set up here).
STAFF_ROLES = (Role.RECEPTIONIST, Role.CONSULTANT, Role.TEAM_LEADER, Role.SUPERVISOR, Role.SALES_MANAGER,
               Role.SITE_MANAGER, Role.PROJECT_MANAGER)
RESERVED_KEYS = {POOL.lower(), "desk", "unknown", "system"}
COL_KEY, COL_NAME, COL_ROLE, COL_TEAM, COL_PIN = range(5)
ROLE_KEY = Qt.ItemDataRole.UserRole  # the role column's item data: the role's key ("site_manager")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FirstRunWizard", text)


def _heading(page: QWizardPage, title: str, subtitle: str) -> None:
    """The page's title band: a larger bold title (the wizard shows titles as rich text) and a subtitle."""
    page.setTitle(f"<span style='font-size:14pt'><b>{title}</b></span>")
    page.setSubTitle(subtitle)


def _page_layout(page: QWizardPage) -> QVBoxLayout:
    layout = vbox(page, margin=0)
    layout.setContentsMargins(SPACING * 2, SPACING, SPACING * 2, SPACING)
    layout.setSpacing(SPACING + 4)
    return layout


# ------------------------------------------------------------------------------------ staff rows
@dataclass(frozen=True)
class StaffEntry:
    """One row of the staff table as typed (row: its index in the table)."""

    row: int
    key: str
    name: str
    role: str | None  # a Role name in lower case, None if not chosen or not understood
    role_text: str
    team: str
    pin: str = ""

    def __repr__(self) -> str:  # never show a PIN in a log or a failure report
        return f"StaffEntry(row={self.row}, key={self.key!r}, name={self.name!r}, role={self.role!r})"


@dataclass(frozen=True)
class Problem:
    """Something to fix before the office can be recorded: a cell (row, column) or the whole table."""

    text: str
    row: int | None = None
    column: int | None = None


def role_label(role: Role) -> str:
    """The role as the user reads it (Chinese, or English when installed: "Site manager")."""
    text = i18n.label(i18n.ROLE, role.name.lower())
    return text[:1].upper() + text[1:]


def parse_role(value) -> Role | None:
    """A Role from its key ("site_manager"), its Chinese or English name, or a Role; None if unknown."""
    if isinstance(value, Role):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return Role.parse(text.replace(" ", "_"))
    except KeyError:
        pass
    folded = text.casefold()
    for role in STAFF_ROLES:
        if folded in (role_label(role).casefold(), role.label_zh, role.name.lower().replace("_", " ")):
            return role
    return None


def staff_problems(entries: list[StaffEntry]) -> list[Problem]:
    """Everything that keeps this staff list from being recorded, in table order."""
    problems: list[Problem] = []
    if not entries:
        return [Problem(_tr("请至少填写一位员工（含一位案场经理）。"))]
    first_row: dict[str, int] = {}
    for e in entries:
        n = e.row + 1
        if not e.key:
            problems.append(Problem(_tr("第{n}行：请填写代号。").format(n=n), e.row, COL_KEY))
        elif re.search(r"\s", e.key) or e.key.startswith("__") or e.key.lower() in RESERVED_KEYS:
            problems.append(Problem(_tr("第{n}行：代号“{key}”不可用：不能含空格，也不能是保留字。").format(n=n, key=e.key),
                                    e.row, COL_KEY))
        elif e.key in first_row:
            problems.append(Problem(_tr("第{n}行：代号“{key}”与第{m}行重复。").format(
                n=n, key=e.key, m=first_row[e.key] + 1), e.row, COL_KEY))
        else:
            first_row[e.key] = e.row
        if not e.name:
            problems.append(Problem(_tr("第{n}行：请填写姓名。").format(n=n), e.row, COL_NAME))
        if e.role is None:
            if e.role_text:
                problems.append(Problem(_tr("第{n}行：无法识别的角色“{role}”，请从列表中选择。").format(
                    n=n, role=e.role_text), e.row, COL_ROLE))
            else:
                problems.append(Problem(_tr("第{n}行：请选择角色。").format(n=n), e.row, COL_ROLE))
        if not (PIN_MIN <= len(e.pin) <= PIN_MAX and e.pin.isascii() and e.pin.isdigit()):
            problems.append(Problem(_tr("第{n}行：密码须为{a}至{b}位数字。").format(n=n, a=PIN_MIN, b=PIN_MAX),
                                    e.row, COL_PIN))
    managers = [e for e in entries if e.role and Role.parse(e.role) >= Role.SITE_MANAGER]
    if not managers:
        problems.append(Problem(_tr("至少需要一位案场经理：只有案场经理或以上才能修改设置和制度参数、裁决归属（第32条）。")))
    return problems


def staff_commands(entries: list[StaffEntry], hasher: Callable[[str], str] = hash_pin) -> list:
    """AddStaff for everyone, then SetPin for everyone (PINs hashed here; never recorded in clear)."""
    adds = [AddStaff(e.key, e.name, e.role or "", e.team or None, actor=SYSTEM) for e in entries]
    pins = [SetPin(e.key, hasher(e.pin), actor=SYSTEM) for e in entries]
    return adds + pins


def excel_reader() -> Callable | None:
    """deskapp.services.excel.read_staff_list when that module is installed."""
    try:
        if importlib.util.find_spec(EXCEL_MODULE) is None:
            return None
        return getattr(importlib.import_module(EXCEL_MODULE), "read_staff_list", None)
    except Exception:  # noqa: BLE001 - a broken importer must not keep the office from being set up
        log.exception("cannot import %s", EXCEL_MODULE)
        return None


def _error_text(err: BaseException, lang: str) -> str:
    """A refusal or a database problem in the user's language."""
    if isinstance(err, RuleError):
        return err.message(lang)
    zh = getattr(err, "message_zh", None)  # deskapp.store.errors.StoreError
    if zh is not None:
        return getattr(err, "message", zh) if lang.startswith("en") else zh
    return str(err)


# ----------------------------------------------------------------------------------------- delegates
class RoleDelegate(QStyledItemDelegate):
    """The role column: a combo of the office's roles; the item keeps the role's key as its data."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for role in STAFF_ROLES:
            combo.addItem(role_label(role), role.name.lower())
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        key = index.data(ROLE_KEY)
        position = editor.findData(key) if key else -1
        editor.setCurrentIndex(position if position >= 0 else editor.findData(Role.CONSULTANT.name.lower()))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
        model.setData(index, editor.currentData(), ROLE_KEY)


class PinDelegate(QStyledItemDelegate):
    """The PIN column: digits only, at most PIN_MAX, shown as dots unless the page says otherwise."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.masked = True

    def displayText(self, value, locale) -> str:  # noqa: N802
        text = "" if value is None else str(value)
        return "●" * len(text) if self.masked else text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        edit = QLineEdit(parent)
        edit.setMaxLength(PIN_MAX)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}"), edit))
        edit.setEchoMode(QLineEdit.EchoMode.Password if self.masked else QLineEdit.EchoMode.Normal)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        return edit


# -------------------------------------------------------------------------------------------- pages
class StartPage(QWizardPage):
    """Page 1: how to start."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _heading(self, _tr("欢迎使用轮接台"), _tr("这台电脑的数据库还是空的。请选择怎样开始："))
        self._demo_radio = QRadioButton(_tr("试用演示售楼处(&D)"), self)
        self._setup_radio = QRadioButton(_tr("设置我的售楼处(&S)"), self)
        self._connect_radio = QRadioButton(_tr("连接其他电脑上已设置好的售楼处(&C)"), self)
        self._group = QButtonGroup(self)
        for button in (self._demo_radio, self._setup_radio, self._connect_radio):
            self._group.addButton(button)
            font = button.font()
            font.setBold(True)
            button.setFont(font)
        self._demo_radio.setChecked(True)
        self._demo_template = _tr("载入一个虚构的售楼处：17位员工、约{n}位客户、最近{d}天的来访、认领公示和争议。"
                                  "所有员工的密码都是 1234。适合先熟悉软件。")
        demo_card, self._demo_hint = _option_card(self._demo_radio, "", self)
        setup_card, _ = _option_card(self._setup_radio, _tr(
            "填写售楼处名称、上班时间和员工名单（可从Excel导入），然后开始正式使用。"), self)
        connect_card, _ = _option_card(self._connect_radio, _tr(
            "售楼处已在数据库服务器上设置好（例如前台电脑已在使用）：填写服务器地址，这台电脑就加入进来。"), self)
        root = _page_layout(self)
        for card in (demo_card, setup_card, connect_card):
            root.addWidget(card)
        root.addStretch(1)
        self.set_demo_size(DEMO_CUSTOMERS, DEMO_DAYS)

    def set_demo_size(self, customers: int, days: int) -> None:
        self._demo_hint.setText(self._demo_template.format(n=customers, d=days))

    def mode(self) -> str:
        if self._setup_radio.isChecked():
            return "setup"
        if self._connect_radio.isChecked():
            return "connect"
        return "demo"

    def choose(self, mode: str) -> None:
        {"demo": self._demo_radio, "setup": self._setup_radio, "connect": self._connect_radio}[mode].setChecked(True)

    def nextId(self) -> int:  # noqa: N802
        return {"demo": FirstRunWizard.PAGE_DEMO, "setup": FirstRunWizard.PAGE_OFFICE,
                "connect": FirstRunWizard.PAGE_CONNECT}[self.mode()]

    def initializePage(self) -> None:  # noqa: N802
        self.set_demo_size(self.wizard().demo_customers, self.wizard().demo_days)
        self._group.checkedButton().setFocus()


def _option_card(radio: QRadioButton, text: str, parent: QWidget) -> tuple[QFrame, QLabel]:
    card = QFrame(parent)
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(MARGIN + 2, MARGIN, MARGIN + 2, MARGIN)
    layout.setSpacing(4)
    radio.setParent(card)
    layout.addWidget(radio)
    hint = hint_label(text, card)
    hint.setContentsMargins(26, 0, 0, 0)
    layout.addWidget(hint)
    return card, hint


class DemoPage(QWizardPage):
    """Load the demo office (deskapp.services.demo) into the empty database, with a progress bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _heading(self, _tr("试用演示售楼处"), _tr("点击“载入演示”后，演示数据写入这台电脑的数据库，约需几秒钟。"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _tr("载入演示(&L)"))
        self._facts_label = QLabel(self)
        self._facts_label.setWordWrap(True)
        self._facts_label.setTextFormat(Qt.TextFormat.RichText)
        self._note_label = hint_label(_tr(
            "演示数据只供试用。正式使用时，请在“设置 → 数据库”中换一个空的数据库，或请管理员清空本机数据库。"), self)
        self._progress = QProgressBar(self)
        self._progress.setTextVisible(False)
        self._progress.setVisible(False)
        self._progress_label = hint_label("", self)
        self._progress_label.setVisible(False)
        self._status = StatusLine(self)
        card = QFrame(self)
        card.setObjectName("card")
        inner = vbox(card, margin=MARGIN + 2)
        inner.addWidget(self._facts_label)
        root = _page_layout(self)
        root.addWidget(card)
        root.addWidget(self._note_label)
        root.addStretch(1)
        root.addWidget(self._progress_label)
        root.addWidget(self._progress)
        root.addWidget(self._status)

    def initializePage(self) -> None:  # noqa: N802
        from deskapp.services import demo

        wizard = self.wizard()
        manager = next((name for _key, name, role, _team in demo.STAFF if role == "site_manager"), "")
        facts = [
            _tr("售楼处：{name}，上班时间 {open}–{close}").format(name=demo.OFFICE_NAME, open=DEMO_OPEN, close=DEMO_CLOSE),
            _tr("员工：12位置业顾问（3个组，各有组长）、前台、销售主管、销售经理、案场经理、专案经理"),
            _tr("客户：约{n}位，最近{d}个工作日的来访、回访、成交、认领与争议").format(
                n=wizard.demo_customers, d=wizard.demo_days),
            _tr("登录：所有员工的密码都是 {pin}（案场经理：{manager}）").format(pin=demo.DEMO_PIN, manager=manager),
        ]
        self._facts_label.setText("<ul style='margin-left:-16px'>" + "".join(
            f"<li style='margin-bottom:6px'>{f}</li>" for f in facts) + "</ul>")
        self._status.clear_message()

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        return self.wizard().build_demo()

    # ---- progress (called by the wizard while the demo is built)
    def start_progress(self, maximum: int) -> None:
        self._status.clear_message()
        self._progress.setRange(0, maximum)
        self._progress.setValue(0)
        self._progress.setVisible(True)
        self._progress_label.setText(_tr("正在生成演示数据…"))
        self._progress_label.setVisible(True)

    def set_progress(self, value: int) -> None:
        self._progress.setValue(min(value, self._progress.maximum() - 1))

    def stop_progress(self) -> None:
        self._progress.setValue(self._progress.maximum())
        self._progress.setVisible(False)
        self._progress_label.setVisible(False)

    def show_error(self, text: str) -> None:
        self._status.show_error(text)

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""


class OfficePage(QWizardPage):
    """The office's name and working hours (the claim notice is posted for these, R20)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _heading(self, _tr("售楼处信息"), _tr("名称显示在窗口标题和打印的公示上；上班时间即认领公示的张贴时段（第20条）。"))
        self._name_edit = QLineEdit(self)
        self._name_edit.setPlaceholderText(_tr("例如：翠湖天地售楼处"))
        self._name_edit.setMaxLength(60)
        self._open_edit = QTimeEdit(QTime(9, 0), self)
        self._close_edit = QTimeEdit(QTime(18, 0), self)
        for edit in (self._open_edit, self._close_edit):
            edit.setDisplayFormat("HH:mm")
            edit.setMinimumWidth(110)
        self._status = StatusLine(self)
        self.registerField("office_name*", self._name_edit)
        form = QFormLayout()
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING + 4)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(_label(_tr("售楼处名称(&M)："), self._name_edit, self), self._name_edit)
        hours = hbox()
        hours.addWidget(self._open_edit)
        hours.addWidget(QLabel("—", self))
        hours.addWidget(self._close_edit)
        hours.addStretch(1)
        form.addRow(_label(_tr("上班时间(&H)："), self._open_edit, self), hours)
        card = QFrame(self)
        card.setObjectName("card")
        inner = vbox(card, margin=MARGIN + 4)
        inner.addLayout(form)
        inner.addWidget(hint_label(_tr(
            "客户说不清接待人时，其登记在当天上班时间内公示，供置业顾问认领；下班前无人认领即归接待人。"), card))
        root = _page_layout(self)
        root.addWidget(card)
        root.addWidget(self._status)
        root.addStretch(1)
        self._name_edit.textChanged.connect(self._on_edited)
        self._open_edit.timeChanged.connect(self._on_edited)
        self._close_edit.timeChanged.connect(self._on_edited)

    def initializePage(self) -> None:  # noqa: N802
        self._name_edit.setFocus()

    def office(self) -> tuple[str, str, str]:
        """(name, open "HH:MM", close "HH:MM")."""
        return (self._name_edit.text().strip(), self._open_edit.time().toString("HH:mm"),
                self._close_edit.time().toString("HH:mm"))

    def set_office(self, name: str, open_: str = "09:00", close: str = "18:00") -> None:
        self._name_edit.setText(name)
        self._open_edit.setTime(QTime.fromString(open_, "HH:mm"))
        self._close_edit.setTime(QTime.fromString(close, "HH:mm"))

    def name_edit(self) -> QLineEdit:
        return self._name_edit

    def validatePage(self) -> bool:  # noqa: N802
        name, open_, close = self.office()
        if not name:
            self._status.show_error(_tr("请填写售楼处名称。"))
            self._name_edit.setFocus()
            return False
        if close <= open_:
            self._status.show_error(_tr("下班时间须晚于上班时间。"))
            self._close_edit.setFocus()
            return False
        return True

    @Slot()
    def _on_edited(self, *_args) -> None:
        self._status.clear_message()


class StaffPage(QWizardPage):
    """Teams and staff in an editable table; import from Excel/CSV; Finish records everything at once."""

    def __init__(self, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self._lang = lang
        _heading(self, _tr("员工名单"), _tr("每人一行。代号用于登录和记录（如 c01），角色决定能做哪些操作；至少需要一位案场经理。"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _tr("完成设置(&F)"))
        self._table = QTableWidget(0, 5, self)
        self._table.setHorizontalHeaderLabels([_tr("代号"), _tr("姓名"), _tr("角色"), _tr("组别"), _tr("密码")])
        self._role_delegate = RoleDelegate(self._table)
        self._pin_delegate = PinDelegate(self._table)
        self._table.setItemDelegateForColumn(COL_ROLE, self._role_delegate)
        self._table.setItemDelegateForColumn(COL_PIN, self._pin_delegate)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed
                                    | QAbstractItemView.EditTrigger.SelectedClicked)
        self._table.setAlternatingRowColors(True)
        self._table.setTabKeyNavigation(True)
        rows = self._table.verticalHeader()
        rows.setDefaultSectionSize(self._table.fontMetrics().height() + 16)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header = self._table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        for column, width in ((COL_KEY, 110), (COL_NAME, 150), (COL_ROLE, 150), (COL_TEAM, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_PIN, QHeaderView.ResizeMode.Stretch)
        self._add_button = QPushButton(_tr("添加一行(&A)"), self)
        self._add_button.setToolTip(_tr("在表格末尾添加一位员工（Insert）"))
        self._remove_button = QPushButton(_tr("删除所选行(&R)"), self)
        self._remove_button.setToolTip(_tr("删除选中单元格所在的行（Ctrl+Delete）"))
        self._import_button = QPushButton(_tr("从Excel/CSV导入…(&I)"), self)
        self._import_button.setToolTip(_tr("表头：代号、姓名、角色、组别、密码（把密码列设为文本格式，以免丢掉开头的0）"))
        self._import_button.setVisible(excel_reader() is not None)
        self._show_pins_check = QCheckBox(_tr("显示密码(&P)"), self)
        self._count_label = hint_label("", self)
        self._status = StatusLine(self)
        self._insert_action = QAction(self._table)
        self._insert_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self._insert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._table.addAction(self._insert_action)
        self._delete_action = QAction(self._table)  # Ctrl+Delete: remove rows; Delete alone clears cells
        self._delete_action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Delete))
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._table.addAction(self._delete_action)
        self._clear_action = QAction(self._table)
        self._clear_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self._clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._table.addAction(self._clear_action)
        self._marked: set[tuple[int, int]] = set()
        self._build_layout()
        self._connect_signals()
        self.add_row(role="site_manager")
        for _ in range(2):
            self.add_row()
        self._update_count()

    def _build_layout(self) -> None:
        root = _page_layout(self)
        root.setSpacing(SPACING)
        tools = hbox()
        tools.addWidget(self._add_button)
        tools.addWidget(self._remove_button)
        tools.addWidget(self._import_button)
        tools.addStretch(1)
        tools.addWidget(self._show_pins_check)
        root.addLayout(tools)
        root.addWidget(self._table, 1)
        root.addWidget(self._count_label)
        root.addWidget(self._status)

    def _connect_signals(self) -> None:
        self._add_button.clicked.connect(self._on_add_clicked)
        self._remove_button.clicked.connect(self._on_remove_clicked)
        self._import_button.clicked.connect(self._on_import_clicked)
        self._show_pins_check.toggled.connect(self._on_show_pins_toggled)
        self._insert_action.triggered.connect(self._on_add_clicked)
        self._delete_action.triggered.connect(self._on_remove_clicked)
        self._clear_action.triggered.connect(self._on_clear_cells)
        self._table.itemChanged.connect(self._on_item_changed)

    def initializePage(self) -> None:  # noqa: N802
        self._table.setFocus()
        if self._table.rowCount():
            self._table.setCurrentCell(0, COL_KEY)

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        return self.wizard().commit_setup()

    # ---- rows
    def add_row(self, key: str = "", name: str = "", role: str | Role | None = "consultant", team: str = "",
                pin: str = "") -> int:
        """Append a row; returns its index. `role` may be a key, a Chinese/English name or a Role."""
        self._table.blockSignals(True)
        row = self._table.rowCount()
        self._table.insertRow(row)
        parsed = parse_role(role)
        texts = {COL_KEY: key, COL_NAME: name, COL_TEAM: team or "", COL_PIN: str(pin or "")}
        for column, text in texts.items():
            self._table.setItem(row, column, QTableWidgetItem(text))
        role_item = QTableWidgetItem(role_label(parsed) if parsed else str(role or ""))
        role_item.setData(ROLE_KEY, parsed.name.lower() if parsed else None)
        self._table.setItem(row, COL_ROLE, role_item)
        self._table.blockSignals(False)
        self._update_count()
        return row

    def clear_rows(self) -> None:
        self._table.setRowCount(0)
        self._marked.clear()
        self._update_count()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Put text into a cell as typing it would (the role column takes a role's key or name)."""
        item = self._table.item(row, column)
        if column == COL_ROLE:
            parsed = parse_role(text)
            item.setData(ROLE_KEY, parsed.name.lower() if parsed else None)
            item.setText(role_label(parsed) if parsed else text)
        else:
            item.setText(text)

    def entries(self) -> list[StaffEntry]:
        """The rows that hold anything (blank rows are ignored)."""
        out = []
        for row in range(self._table.rowCount()):
            key, name, role_text, team, pin = (self._text(row, c) for c in range(5))
            if not any((key, name, team, pin)):
                continue
            role = self._table.item(row, COL_ROLE).data(ROLE_KEY) if self._table.item(row, COL_ROLE) else None
            if role is None and role_text:
                parsed = parse_role(role_text)
                role = parsed.name.lower() if parsed else None
            out.append(StaffEntry(row, key, name, role, role_text, team, pin))
        return out

    def table(self) -> QTableWidget:
        return self._table

    def import_button(self) -> QPushButton:
        return self._import_button

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""

    def show_error(self, text: str) -> None:
        self._status.show_error(text)

    def show_problems(self, problems: list[Problem]) -> None:
        """List what to fix (the first few), shade those cells and put the cursor on the first."""
        self._clear_marks()
        shown = [p.text for p in problems[:6]]
        if len(problems) > len(shown):
            shown.append(_tr("……共{n}处需要修改。").format(n=len(problems)))
        self._status.show_error("\n".join(shown))
        self._table.blockSignals(True)
        for p in problems:
            if p.row is None or p.column is None:
                continue
            item = self._table.item(p.row, p.column)
            if item is not None:
                item.setBackground(QBrush(QColor(theme.DANGER_SOFT)))
                item.setToolTip(p.text)
                self._marked.add((p.row, p.column))
        self._table.blockSignals(False)
        first = next((p for p in problems if p.row is not None), None)
        if first is not None:
            self._table.setCurrentCell(first.row, first.column or 0)
            self._table.setFocus()

    def import_file(self, path: str | Path) -> bool:
        """Fill the table from a staff list (deskapp.services.excel); True if every row was understood."""
        reader = excel_reader()
        if reader is None:
            self._status.show_error(_tr("本版本不含Excel导入。"))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = reader(path)
        except Exception as err:  # noqa: BLE001 - a file the importer chokes on is the user's problem to fix
            log.exception("reading %s", path)
            QGuiApplication.restoreOverrideCursor()
            self._status.show_error(_tr("无法读取文件：{reason}").format(reason=err))
            return False
        QGuiApplication.restoreOverrideCursor()
        rows = list(getattr(result, "rows", ()) or ())
        errors = list(getattr(result, "errors", ()) or ())
        if rows and not self.entries():
            self.clear_rows()
        for r in rows:
            role = getattr(r, "role", None) or getattr(r, "role_text", "") or ""
            self.add_row(str(getattr(r, "key", "") or ""), str(getattr(r, "name", "") or ""), role,
                         str(getattr(r, "team", "") or ""), str(getattr(r, "pin", "") or ""))
        self._clear_marks()
        if errors:
            lines = [self._row_error(e) for e in errors[:6]]
            if len(errors) > 6:
                lines.append(_tr("……共{n}处需要修改。").format(n=len(errors)))
            head = _tr("从{file}读入{n}位员工，有{m}处需要修改：").format(file=Path(path).name, n=len(rows), m=len(errors))
            self._status.show_error("\n".join([head, *lines]))
            return False
        self._status.show_ok(_tr("已从{file}读入{n}位员工。请核对后点击“完成设置”。").format(
            file=Path(path).name, n=len(rows)))
        return True

    def _row_error(self, err) -> str:
        text = (getattr(err, "en", None) if self._lang.startswith("en") else getattr(err, "zh", None)) or str(err)
        row = getattr(err, "row", None)
        return _tr("文件第{row}行：{message}").format(row=row, message=text) if row else text

    # ---- slots
    @Slot()
    def _on_add_clicked(self) -> None:
        row = self.add_row()
        self._table.setFocus()
        self._table.setCurrentCell(row, COL_KEY)
        self._table.editItem(self._table.item(row, COL_KEY))

    @Slot()
    def _on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self._table.selectedIndexes()} or
                      ({self._table.currentRow()} if self._table.currentRow() >= 0 else set()), reverse=True)
        for row in rows:
            self._table.removeRow(row)
        self._marked.clear()
        self._status.clear_message()
        self._update_count()

    @Slot()
    def _on_clear_cells(self) -> None:
        for index in self._table.selectedIndexes():
            item = self._table.item(index.row(), index.column())
            if item is None:
                continue
            if index.column() == COL_ROLE:
                item.setData(ROLE_KEY, None)
            item.setText("")

    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("导入员工名单"), "",
                                              _tr("Excel或CSV文件 (*.xlsx *.csv);;所有文件 (*)"))
        if path:
            self.import_file(path)

    @Slot(bool)
    def _on_show_pins_toggled(self, on: bool) -> None:
        self._pin_delegate.masked = not on
        self._table.viewport().update()

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if (item.row(), item.column()) in self._marked:
            self._table.blockSignals(True)
            item.setBackground(QBrush())
            item.setToolTip("")
            self._table.blockSignals(False)
            self._marked.discard((item.row(), item.column()))
        if item.column() == COL_NAME:
            self._suggest_key(item.row())
        self._update_count()

    # ---- helpers
    def _text(self, row: int, column: int) -> str:
        item = self._table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _suggest_key(self, row: int) -> None:
        """A key from the name's pinyin initials (张伟 → zw), when the key cell is still empty."""
        name = self._text(row, COL_NAME)
        if not name or self._text(row, COL_KEY):
            return
        try:
            from deskapp.services.pinyin import name_keys

            base = re.sub(r"[^a-z0-9]", "", name_keys(name)[1]) or "s"
        except Exception:  # noqa: BLE001 - a suggestion only
            return
        taken = {self._text(r, COL_KEY) for r in range(self._table.rowCount())}
        key, n = base, 2
        while key in taken or key in RESERVED_KEYS:
            key, n = f"{base}{n}", n + 1
        self._table.item(row, COL_KEY).setText(key)

    def _clear_marks(self) -> None:
        self._table.blockSignals(True)
        for row, column in self._marked:
            item = self._table.item(row, column)
            if item is not None:
                item.setBackground(QBrush())
                item.setToolTip("")
        self._table.blockSignals(False)
        self._marked.clear()

    def _update_count(self) -> None:
        entries = self.entries()
        managers = sum(1 for e in entries if e.role and Role.parse(e.role) >= Role.SITE_MANAGER)
        consultants = sum(1 for e in entries if e.role and Role.parse(e.role).in_rotation)
        self._count_label.setText(_tr("共{n}人：其中置业顾问和组长{c}人，案场经理或以上{m}人。").format(
            n=len(entries), c=consultants, m=managers))


class ConnectPage(QWizardPage):
    """Join an office another station set up: the database server's address, tested before Finish."""

    def __init__(self, lang: str = "zh", cli_url: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._cli_url = cli_url
        _heading(self, _tr("连接已有的售楼处"), _tr("填写已设置好售楼处的数据库服务器地址，测试连接后点击“连接”。"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _tr("连接(&F)"))
        self._form = DatabaseForm(lang, self)
        self._note_label = hint_label(_tr("地址可向设置数据库服务器的同事索取。连接后，这台电脑以后都使用这个数据库。"), self)
        card = QFrame(self)
        card.setObjectName("card")
        inner = vbox(card, margin=MARGIN + 4)
        inner.addWidget(self._form)
        root = _page_layout(self)
        root.addWidget(card)
        root.addWidget(self._note_label)
        root.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self._form.choose_server()

    def nextId(self) -> int:  # noqa: N802
        return -1

    def form(self) -> DatabaseForm:
        return self._form

    def validatePage(self) -> bool:  # noqa: N802
        if not self._form.test_now():
            return False
        check = self._form.last_check
        if check is not None and check.records == 0:
            self._form.show_error(_tr("这个数据库还是空的。请填写已设置好售楼处的数据库地址，或返回第一步选择“设置我的售楼处”。"))
            return False
        url = self._form.url()
        if override_source(self._cli_url) is None:
            save_url(url)
        self.wizard().database_url = url or embedded_url()
        return True


def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


# ------------------------------------------------------------------------------------------- wizard
class _CountingService:
    """The service as the demo builder sees it, reporting progress every few commands."""

    def __init__(self, service, tick: Callable[[int], None], every: int = 40):
        self._service = service
        self._tick = tick
        self._every = every
        self.count = 0

    @property
    def office(self):
        return self._service.office

    def handle(self, cmd, now):
        decision = self._service.handle(cmd, now)
        self.count += 1
        if self.count % self._every == 0:
            self._tick(self.count)
        return decision


class FirstRunWizard(QWizard):
    """Shown when the database is empty (service.head == 0). `outcome` says how it ended:
    "demo" or "setup" (the office is recorded), "connect" (use `database_url`), None (cancelled)."""

    PAGE_START, PAGE_DEMO, PAGE_OFFICE, PAGE_STAFF, PAGE_CONNECT = range(5)

    office_ready = Signal(str)  # outcome

    def __init__(self, service, lang: str = "zh", clock: Callable[[], dt.datetime] | None = None,
                 parent: QWidget | None = None, *, demo_customers: int = DEMO_CUSTOMERS, demo_days: int = DEMO_DAYS,
                 cli_url: str | None = None):
        super().__init__(parent)
        self._service = service
        self._lang = lang
        self._clock = clock or dt.datetime.now
        self._busy = False
        self.demo_customers = demo_customers
        self.demo_days = demo_days
        self.outcome: str | None = None
        self.database_url: str | None = None
        self.setWindowTitle(_tr("轮接台 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.setButtonText(QWizard.WizardButton.BackButton, _tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.NextButton, _tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _tr("取消"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _tr("确定"))
        self._start_page = StartPage(self)
        self._demo_page = DemoPage(self)
        self._office_page = OfficePage(self)
        self._staff_page = StaffPage(lang, self)
        self._connect_page = ConnectPage(lang, cli_url, self)
        self.setPage(self.PAGE_START, self._start_page)
        self.setPage(self.PAGE_DEMO, self._demo_page)
        self.setPage(self.PAGE_OFFICE, self._office_page)
        self.setPage(self.PAGE_STAFF, self._staff_page)
        self.setPage(self.PAGE_CONNECT, self._connect_page)
        self.setStartId(self.PAGE_START)
        self.setTitleFormat(Qt.TextFormat.RichText)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            self.button(which).setObjectName("primary")
        self._style_header()
        self.resize(860, 640)
        self.setMinimumSize(760, 560)

    def _style_header(self) -> None:
        # ModernStyle draws a white title band; keep it in the app's palette and the body on the window colour.
        self.setStyleSheet(
            f"QWizard {{ background: {theme.WINDOW}; }}"
            f"QWizard > QWidget {{ background: {theme.WINDOW}; }}"
            f"QWizardPage {{ background: {theme.WINDOW}; }}")

    # ---- pages, for callers and tests
    def start_page(self) -> StartPage:
        return self._start_page

    def demo_page(self) -> DemoPage:
        return self._demo_page

    def office_page(self) -> OfficePage:
        return self._office_page

    def staff_page(self) -> StaffPage:
        return self._staff_page

    def connect_page(self) -> ConnectPage:
        return self._connect_page

    def choose(self, mode: str) -> None:
        """Pick the first page's option: "demo", "setup" or "connect"."""
        self._start_page.choose(mode)

    def busy(self) -> bool:
        return self._busy

    # ---- the work
    def build_demo(self) -> bool:
        """Fill the empty database with the demo office, in one transaction; False (and why) if it failed."""
        from deskapp.services.demo import OFFICE_NAME, build_demo

        page = self._demo_page
        page.start_progress(max(200, int(self.demo_customers * 5.7)))
        counting = _CountingService(self._service, self._on_demo_progress)
        self._set_busy(True)
        try:
            with self._service.bulk():
                build_demo(counting, seed=DEMO_SEED, customers=self.demo_customers, days=self.demo_days,
                           today=self._clock().date())
                office = self._service.office
                self._service.handle(SetOfficeInfo(OFFICE_NAME, DEMO_OPEN, DEMO_CLOSE, actor=SYSTEM), office.now)
        except Exception as err:  # noqa: BLE001 - shown to the user; nothing was recorded
            log.exception("building the demo office failed")
            page.stop_progress()
            page.show_error(_tr("演示数据没有载入：{reason}").format(reason=_error_text(err, self._lang)))
            return False
        finally:
            self._set_busy(False)
        page.stop_progress()
        self.outcome = "demo"
        self.office_ready.emit(self.outcome)
        return True

    def commit_setup(self) -> bool:
        """Record the office and every staff member with their PIN, all at once; False (and why) if not."""
        page = self._staff_page
        entries = page.entries()
        problems = staff_problems(entries)
        if problems:
            page.show_problems(problems)
            return False
        name, open_, close = self._office_page.office()
        self._set_busy(True)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            commands = [SetOfficeInfo(name, open_, close, actor=SYSTEM), *staff_commands(entries)]
            now = self._clock()
            with self._service.bulk():
                for cmd in commands:
                    self._service.handle(cmd, now)
        except Exception as err:  # noqa: BLE001 - a refusal or a database problem: nothing was recorded
            if not isinstance(err, RuleError):
                log.exception("recording the office failed")
            page.show_error(_tr("没有保存任何内容：{reason}").format(reason=_error_text(err, self._lang)))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
            self._set_busy(False)
        self.outcome = "setup"
        self.office_ready.emit(self.outcome)
        return True

    def validateCurrentPage(self) -> bool:  # noqa: N802
        ok = super().validateCurrentPage()
        if ok and self.currentId() == self.PAGE_CONNECT:
            self.outcome = "connect"
            self.office_ready.emit(self.outcome)
        return ok

    # ---- while busy, the wizard cannot be closed or left
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)

    def _on_demo_progress(self, count: int) -> None:
        self._demo_page.set_progress(count)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def reject(self) -> None:
        if self._busy:
            return
        self.outcome = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)


def run_first_run(service, lang: str = "zh", clock: Callable[[], dt.datetime] | None = None,
                  cli_url: str | None = None) -> tuple[str | None, str | None]:
    """Show the wizard (modal); (outcome, database_url). Outcome None: the user cancelled."""
    wizard = FirstRunWizard(service, lang, clock, cli_url=cli_url)
    wizard.exec()
    return wizard.outcome, wizard.database_url


__all__ = [
    "DEMO_CUSTOMERS",
    "DEMO_DAYS",
    "FirstRunWizard",
    "Problem",
    "StaffEntry",
    "run_first_run",
    "staff_commands",
    "staff_problems",
]
