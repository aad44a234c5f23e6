"""Settings: this station's database, the office's name and hours, the policies, today's duty windows.

Only a site manager or above may change them (RULES.md "Roles": policies are theirs); anyone else sees
every control greyed with a tooltip saying who may. Each change is a command run as the person signed
in, so the rulebook refuses what it must and the journal records who changed what; a refusal is shown
inline in the user's language.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, Qt, QTime, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QWidget,
)

from deskapp.domain.commands import Duty, SetOfficeInfo, SetPolicy
from deskapp.domain.policy import POLICY_SPECS

from . import i18n
from .dialog_base import RememberingDialog
from .panel_kit import (
    SPACING,
    Card,
    StatusLine,
    fill_staff_combo,
    hbox,
    hint_label,
    in_rotation_role,
    primary_button,
    rule_ref,
    run_command,
    staff_combo,
    staff_name,
    title_label,
    vbox,
)
from .station_config import DatabaseForm, display_url, engine_url, override_source, save_url, saved_url

PERMISSION = "policy"  # RULES.md "Roles": policies (and so the office's settings) are the site manager's


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def locked_tooltip() -> str:
    return _tr("需案场经理或以上")


def _qtime(text: str) -> QTime:
    t = QTime.fromString(text or "", "HH:mm")
    return t if t.isValid() else QTime(9, 0)


def _time_edit(parent: QWidget, value: QTime) -> QTimeEdit:
    edit = QTimeEdit(value, parent)
    edit.setDisplayFormat("HH:mm")
    edit.setMinimumWidth(100)
    return edit


def _buddy(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def _form(parent_layout=None) -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(SPACING * 2)
    form.setVerticalSpacing(SPACING + 4)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


# ---------------------------------------------------------------------------------------- database
class DatabaseTab(QWidget):
    """Embedded SQLite or a PostgreSQL server; saved for this station, used from the next start."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._card = Card(_tr("这台电脑使用的数据库"), self)
        self._form = DatabaseForm(ctx.lang, self._card.body())
        self._form.set_url(saved_url())
        in_use = engine_url(ctx.service)
        self._in_use_label = hint_label(
            _tr("正在使用：{url}").format(url=in_use) if in_use else _tr("正在使用：内存中的数据库（测试用，不保存）"), self)
        self._in_use_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        source = override_source()
        self._override_label = hint_label(
            _tr("注意：环境变量 DESKAPP_DB_URL 已指定数据库，它优先于这里的设置。") if source == "env" else "", self)
        self._override_label.setVisible(source == "env")
        self._restart_label = hint_label(_tr("更改数据库在重新启动轮接台后生效。保存前会先测试连接。"), self)
        self._save_button = primary_button(_tr("保存(&S)"), self._card.body())
        body = vbox(self._card.body(), margin=0)
        body.addWidget(self._form)
        buttons = hbox()
        buttons.addStretch(1)
        buttons.addWidget(self._save_button)
        body.addLayout(buttons)
        root = vbox(self)
        root.addWidget(self._card)
        root.addWidget(self._in_use_label)
        root.addWidget(self._restart_label)
        root.addWidget(self._override_label)
        root.addStretch(1)
        self._save_button.clicked.connect(self._on_save_clicked)

    def lockable(self) -> list[QWidget]:
        return [self._card]

    def form(self) -> DatabaseForm:
        return self._form

    def refresh(self) -> None:
        pass

    @Slot()
    def _on_save_clicked(self) -> None:
        if not self._form.test_now():
            return
        url = self._form.url()
        save_url(url)
        self._form.show_info(_tr("已保存：{url}。重新启动轮接台后使用这个数据库。").format(url=display_url(url)))


# ------------------------------------------------------------------------------------------ office
class OfficeTab(QWidget):
    """The office's name and working hours (the claim notice's posting window, R20) → SetOfficeInfo."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._card = Card(_tr("售楼处信息"), self)
        body_widget = self._card.body()
        self._name_edit = QLineEdit(body_widget)
        self._name_edit.setMaxLength(60)
        self._open_edit = _time_edit(body_widget, QTime(9, 0))
        self._close_edit = _time_edit(body_widget, QTime(18, 0))
        self._save_button = primary_button(_tr("保存(&S)"), body_widget)
        self._status = StatusLine(self)
        form = _form()
        form.addRow(_buddy(_tr("名称(&M)："), self._name_edit, body_widget), self._name_edit)
        hours = hbox()
        hours.addWidget(self._open_edit)
        hours.addWidget(QLabel("—", body_widget))
        hours.addWidget(self._close_edit)
        hours.addStretch(1)
        form.addRow(_buddy(_tr("上班时间(&H)："), self._open_edit, body_widget), hours)
        body = vbox(body_widget, margin=0)
        body.addLayout(form)
        body.addWidget(hint_label(_tr("上班时间即认领公示的张贴时段（第20条）：说不清接待人的客户登记在此时段内公示，"
                                      "下班前无人认领即归接待人。"), body_widget))
        buttons = hbox()
        buttons.addStretch(1)
        buttons.addWidget(self._save_button)
        body.addLayout(buttons)
        root = vbox(self)
        root.addWidget(self._card)
        root.addWidget(self._status)
        root.addStretch(1)
        self._save_button.clicked.connect(self._on_save_clicked)
        self._name_edit.returnPressed.connect(self._on_save_clicked)
        self.refresh()

    def lockable(self) -> list[QWidget]:
        return [self._card]

    def refresh(self) -> None:
        info = self._ctx.office.office_info
        self._name_edit.setText(info.get("name", ""))
        self._open_edit.setTime(_qtime(info.get("open", "09:00")))
        self._close_edit.setTime(_qtime(info.get("close", "18:00")))

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""

    @Slot()
    def _on_save_clicked(self) -> None:
        cmd = SetOfficeInfo(self._name_edit.text().strip(), self._open_edit.time().toString("HH:mm"),
                            self._close_edit.time().toString("HH:mm"))
        run_command(self._ctx, self._status, cmd)


# ---------------------------------------------------------------------------------------- policies
class PolicyTab(QWidget):
    """Every policy with its rule and summary; the changed values go in one SetPolicy from a chosen time."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._version_label = QLabel(self)
        self._version_label.setObjectName("sectionTitle")
        self._pending_label = hint_label("", self)
        self._card = Card(_tr("制度参数"), self)
        body_widget = self._card.body()
        self._editors: dict[str, QWidget] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING + 2)
        grid.setColumnStretch(1, 1)
        for row, (name, (default, rule, zh, en)) in enumerate(POLICY_SPECS.items()):
            rule_label = QLabel(rule_ref([rule], ctx.lang), body_widget)
            rule_label.setObjectName("caption")
            rule_label.setToolTip(i18n.rule_text(rule))
            text = en if ctx.lang.startswith("en") else zh
            summary = QLabel(text[:1].upper() + text[1:], body_widget)
            summary.setWordWrap(True)
            summary.setToolTip(name)
            editor = self._make_editor(name, default, body_widget)
            summary.setBuddy(editor)
            self._editors[name] = editor
            grid.addWidget(rule_label, row, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(summary, row, 1)
            grid.addWidget(editor, row, 2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._effective_edit = QDateTimeEdit(body_widget)
        self._effective_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._effective_edit.setCalendarPopup(True)
        self._effective_edit.setMinimumWidth(170)
        self._now_button = QPushButton(_tr("现在"), body_widget)
        self._now_button.setToolTip(_tr("生效时间设为当前时间"))
        self._apply_button = primary_button(_tr("应用修改(&A)"), body_widget)
        self._status = StatusLine(self)
        body = vbox(body_widget, margin=0)
        body.addLayout(grid)
        effective = hbox()
        effective.addWidget(_buddy(_tr("生效时间(&E)："), self._effective_edit, body_widget))
        effective.addWidget(self._effective_edit)
        effective.addWidget(self._now_button)
        effective.addStretch(1)
        effective.addWidget(self._apply_button)
        body.addSpacing(SPACING)
        body.addLayout(effective)
        body.addWidget(hint_label(_tr("只提交改动过的参数。生效时间在未来的，到时自动生效；"
                                      "每次生效都是新的制度版本，每条决定都记录所依据的版本。"), body_widget))
        root = vbox(self)
        root.addWidget(self._version_label)
        root.addWidget(self._pending_label)
        root.addWidget(self._card)
        root.addWidget(self._status)
        root.addStretch(1)
        self._apply_button.clicked.connect(self._on_apply_clicked)
        self._now_button.clicked.connect(self._on_now_clicked)
        self.refresh()
        self._on_now_clicked()

    def _make_editor(self, name: str, default, parent: QWidget) -> QWidget:
        if isinstance(default, bool):
            return QCheckBox(parent)
        spin = QSpinBox(parent)
        spin.setRange(0, 100000 if name.endswith("_yuan") else 3650)
        spin.setFixedWidth(130)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        if name.endswith("_days"):
            spin.setSuffix(_tr(" 天"))
        elif name.endswith("_yuan"):
            spin.setSuffix(_tr(" 元"))
        return spin

    def lockable(self) -> list[QWidget]:
        return [self._card]

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def effective_edit(self) -> QDateTimeEdit:
        return self._effective_edit

    def apply_button(self) -> QPushButton:
        return self._apply_button

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""

    def refresh(self) -> None:
        """Show the policy in force and what is waiting to take effect (the editors are set to it)."""
        self._show_version()
        policy = self._ctx.office.policy
        for name, editor in self._editors.items():
            value = policy.values.get(name, POLICY_SPECS[name][0])
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            else:
                editor.setValue(int(value))

    def _show_version(self) -> None:
        office = self._ctx.office
        self._version_label.setText(_tr("当前制度版本：第{n}版").format(n=office.policy.version))
        pending = list(getattr(office, "pending_policies", []))
        if not pending:
            self._pending_label.setText(_tr("没有待生效的修改。"))
            return
        lines = []
        for when, changes, by in pending:
            what = _tr("、").join(f"{self._label(k)} → {self._value_text(v)}" for k, v in changes.items())
            lines.append(_tr("{when} 起：{what}（{by}登记）").format(
                when=when.strftime("%Y-%m-%d %H:%M"), what=what, by=staff_name(office, by)))
        self._pending_label.setText(_tr("待生效：") + "\n" + "\n".join(lines))

    def _label(self, name: str) -> str:
        spec = POLICY_SPECS.get(name)
        if spec is None:
            return name
        return spec[3] if self._ctx.lang.startswith("en") else spec[2]

    @staticmethod
    def _value_text(value) -> str:
        if isinstance(value, bool):
            return _tr("是") if value else _tr("否")
        return str(value)

    def changes(self) -> dict:
        """The policies whose editor differs from the value in force."""
        policy = self._ctx.office.policy
        out = {}
        for name, editor in self._editors.items():
            value = editor.isChecked() if isinstance(editor, QCheckBox) else int(editor.value())
            if value != policy.values.get(name):
                out[name] = value
        return out

    @Slot()
    def _on_now_clicked(self) -> None:
        self._effective_edit.setDateTime(QDateTime(self._ctx.clock().replace(second=0, microsecond=0)))

    @Slot()
    def _on_apply_clicked(self) -> None:
        changes = self.changes()
        if not changes:
            self._status.show_info(_tr("没有改动任何参数。"))
            return
        effective = self._effective_edit.dateTime().toPython()
        now = self._ctx.clock()
        # A time already past takes effect at once; the command records "at once", not a backdated time.
        when = effective if effective > now else None
        if run_command(self._ctx, self._status, SetPolicy(changes, when)) is not None:
            self.refresh()


# ------------------------------------------------------------------------------------------- duty
class DutyTab(QWidget):
    """Today's duty windows (R38): who, from, to; adding one is a Duty command."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._day_label = QLabel(self)
        self._day_label.setObjectName("sectionTitle")
        self._card = Card(_tr("今天的值班（第38条）"), self)
        body_widget = self._card.body()
        self._table = QTableWidget(0, 3, body_widget)
        self._table.setHorizontalHeaderLabels([_tr("值班人员"), _tr("开始"), _tr("结束")])
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setAlternatingRowColors(True)
        self._table.verticalHeader().setVisible(False)
        self._table.verticalHeader().setDefaultSectionSize(self._table.fontMetrics().height() + 14)
        header = self._table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 120)
        self._table.setMinimumHeight(150)
        self._who_combo = staff_combo(body_widget)
        self._start_edit = _time_edit(body_widget, QTime(8, 30))
        self._end_edit = _time_edit(body_widget, QTime(9, 30))
        self._add_button = primary_button(_tr("添加值班(&A)"), body_widget)
        self._empty_label = hint_label(_tr("今天还没有安排值班。"), body_widget)
        self._no_day_label = hint_label(_tr("今天尚未开始营业（第一位员工签到时开始），暂时不能安排值班。"), body_widget)
        self._status = StatusLine(self)
        body = vbox(body_widget, margin=0)
        body.addWidget(self._table, 1)
        body.addWidget(self._empty_label)
        add = hbox()
        add.addWidget(_buddy(_tr("值班人员(&W)："), self._who_combo, body_widget))
        add.addWidget(self._who_combo)
        add.addSpacing(SPACING)
        add.addWidget(_buddy(_tr("从(&F)"), self._start_edit, body_widget))
        add.addWidget(self._start_edit)
        add.addWidget(_buddy(_tr("到(&T)"), self._end_edit, body_widget))
        add.addWidget(self._end_edit)
        add.addStretch(1)
        add.addWidget(self._add_button)
        body.addLayout(add)
        body.addWidget(self._no_day_label)
        body.addWidget(hint_label(_tr("值班时段内的新客户由值班人员接待并归其所有，不影响轮次；"
                                      "值班人员不在或正在接待时按轮次。"), body_widget))
        root = vbox(self)
        root.addWidget(self._day_label)
        root.addWidget(self._card, 1)
        root.addWidget(self._status)
        self._add_button.clicked.connect(self._on_add_clicked)
        self._set_default_times()
        self.refresh()

    def lockable(self) -> list[QWidget]:
        return [self._card]

    def table(self) -> QTableWidget:
        return self._table

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""

    def set_window(self, who: str, start: dt.time, end: dt.time) -> None:
        index = self._who_combo.findData(who)
        if index >= 0:
            self._who_combo.setCurrentIndex(index)
        self._start_edit.setTime(QTime(start.hour, start.minute))
        self._end_edit.setTime(QTime(end.hour, end.minute))

    def add_button(self) -> QPushButton:
        return self._add_button

    def _set_default_times(self) -> None:
        # R38's early duty: the half hour either side of opening, as the office usually has it.
        opening = _qtime(self._ctx.office.office_info.get("open", "09:00"))
        self._start_edit.setTime(opening.addSecs(-30 * 60))
        self._end_edit.setTime(opening.addSecs(30 * 60))

    def refresh(self) -> None:
        office = self._ctx.office
        day = office.day
        fill_staff_combo(self._who_combo, office, include=in_rotation_role, lang=self._ctx.lang)
        self._table.setRowCount(0)
        if day is None:
            self._day_label.setText(_tr("营业日：尚未开始"))
        else:
            self._day_label.setText(_tr("营业日：{date}").format(date=day.date.isoformat()))
            for window in day.duty:
                row = self._table.rowCount()
                self._table.insertRow(row)
                for column, text in enumerate((staff_name(office, window.who), window.start.strftime("%H:%M"),
                                               window.end.strftime("%H:%M"))):
                    self._table.setItem(row, column, QTableWidgetItem(text))
        open_day = day is not None
        self._no_day_label.setVisible(not open_day)
        for w in (self._who_combo, self._start_edit, self._end_edit, self._add_button):
            w.setEnabled(open_day)
        self._empty_label.setVisible(open_day and not day.duty)

    @Slot()
    def _on_add_clicked(self) -> None:
        who = self._who_combo.currentData()
        if not who:
            self._status.show_error(_tr("请选择值班人员。"))
            return
        start = self._start_edit.time().toPython()
        end = self._end_edit.time().toPython()
        if run_command(self._ctx, self._status, Duty(who, start, end)) is not None:
            self.refresh()


# ------------------------------------------------------------------------------------------ dialog
class SettingsDialog(RememberingDialog):
    """The settings tabs; usable by a site manager or above, shown greyed to anyone else."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent, settings_key="SettingsDialog")
        self._ctx = ctx
        self.setWindowTitle(_tr("设置"))
        self._title_label = title_label(_tr("设置"), self)
        self._who_label = hint_label("", self)
        self._who_label.setWordWrap(False)
        self._lock_banner = StatusLine(self)
        self._tabs = QTabWidget(self)
        self._tabs.setDocumentMode(True)
        self._database_tab = DatabaseTab(ctx, self._tabs)
        self._office_tab = OfficeTab(ctx, self._tabs)
        self._policy_tab = PolicyTab(ctx, self._tabs)
        self._duty_tab = DutyTab(ctx, self._tabs)
        self._tabs.addTab(self._database_tab, _tr("数据库"))
        self._tabs.addTab(self._office_tab, _tr("售楼处"))
        self._tabs.addTab(self._policy_tab, _tr("制度参数"))
        self._tabs.addTab(self._duty_tab, _tr("值班"))
        self._close_button = QPushButton(_tr("关闭"), self)
        root = vbox(self, margin=SPACING * 2)
        root.setSpacing(SPACING + 2)
        head = hbox()
        head.addWidget(self._title_label)
        head.addStretch(1)
        head.addWidget(self._who_label)
        root.addLayout(head)
        root.addWidget(self._lock_banner)
        root.addWidget(self._tabs, 1)
        buttons = hbox()
        buttons.addStretch(1)
        buttons.addWidget(self._close_button)
        root.addLayout(buttons)
        self.resize(820, 640)
        self.setMinimumSize(720, 560)
        self._connect_signals()
        self._apply_permission()

    def _connect_signals(self) -> None:
        self._close_button.clicked.connect(self.accept)
        self._ctx.user_changed.connect(self._on_user_changed)
        self._ctx.changed.connect(self._on_records_changed)

    # ---- public
    def tabs(self) -> QTabWidget:
        return self._tabs

    def database_tab(self) -> DatabaseTab:
        return self._database_tab

    def office_tab(self) -> OfficeTab:
        return self._office_tab

    def policy_tab(self) -> PolicyTab:
        return self._policy_tab

    def duty_tab(self) -> DutyTab:
        return self._duty_tab

    def allowed(self) -> bool:
        return self._ctx.may(PERMISSION)

    def controls(self) -> list[QWidget]:
        """Every input of every tab (what the permission locks); not the parts inside a spin box or combo."""
        kinds = (QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractItemView)
        out = []
        for tab in self._tab_widgets():
            for w in tab.findChildren(QWidget):
                if isinstance(w, kinds) and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)) \
                        and w.isVisibleTo(tab):
                    out.append(w)
        return out

    # ---- permission
    def _tab_widgets(self):
        return (self._database_tab, self._office_tab, self._policy_tab, self._duty_tab)

    def _apply_permission(self) -> None:
        allowed = self.allowed()
        for tab in self._tab_widgets():
            for area in tab.lockable():
                area.setEnabled(allowed)
                area.setToolTip("" if allowed else locked_tooltip())
                area.set_note("" if allowed else locked_tooltip())
        for w in self.controls():
            original = w.property("unlockedToolTip")
            if original is None:
                original = w.toolTip()
                w.setProperty("unlockedToolTip", original)
            w.setToolTip(original if allowed else locked_tooltip())
        ctx = self._ctx
        if ctx.user is None:
            self._who_label.setText(_tr("未登录（前台权限）"))
        else:
            st = ctx.office.staff.get(ctx.user)
            role = i18n.label(i18n.ROLE, ctx.role.name.lower())
            role = role[:1].upper() + role[1:]
            self._who_label.setText(_tr("当前登录：{name} · {role}").format(name=st.name if st else ctx.user, role=role))
        if allowed:
            self._lock_banner.clear_message()
        else:
            self._lock_banner.show_info(_tr("只有案场经理或以上可以修改设置。可以查看；要修改请先登录（Ctrl+L）。"))

    # ---- slots
    @Slot()
    def _on_user_changed(self) -> None:
        self._apply_permission()

    @Slot()
    def _on_records_changed(self) -> None:
        self._policy_tab._show_version()
        self._duty_tab.refresh()


# ------------------------------------------------------------------------------------------ action
def add_settings_action(main_window: QMainWindow, ctx) -> QAction:
    """"设置…" (Ctrl+,) in the menu bar's first menu, above its last entry (退出); or a "设置" menu."""
    action = QAction(_tr("设置…"), main_window)
    action.setObjectName("settingsAction")
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.setToolTip(_tr("数据库、售楼处信息、制度参数和值班（案场经理）"))
    menus = [a.menu() for a in main_window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    if menus:
        menu = menus[0]
        entries = menu.actions()
        last = entries[-1] if entries else None
        if last is not None and not last.isSeparator():
            menu.insertAction(last, action)
            menu.insertSeparator(last)
        else:
            menu.addAction(action)
    else:
        main_window.menuBar().addMenu(_tr("设置(&S)")).addAction(action)
    main_window.addAction(action)
    opener = _SettingsOpener(ctx, main_window)
    action.triggered.connect(opener.open_settings)
    return action


class _SettingsOpener(QObject):
    """Opens one settings dialog at a time over the main window (owned by it, so it lives as long)."""

    def __init__(self, ctx, window: QMainWindow):
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._dialog: SettingsDialog | None = None

    @Slot()
    def open_settings(self) -> SettingsDialog:
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            self._dialog.activateWindow()
            return self._dialog
        dialog = SettingsDialog(self._ctx, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        self._dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_dialog_destroyed(self) -> None:
        self._dialog = None


class OfficeTitle(QObject):
    """Keeps a window's title as "<its own title> · <office name>" (office_info["name"]), also after a rename."""

    def __init__(self, window: QWidget, ctx):
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._base = window.windowTitle()
        self._shown: str | None = None
        ctx.changed.connect(self._on_records_changed)
        self._on_records_changed()

    @Slot()
    def _on_records_changed(self) -> None:
        name = str(self._ctx.office.office_info.get("name", "") or "").strip()
        if name == self._shown:
            return
        self._shown = name
        self._window.setWindowTitle(f"{self._base} · {name}" if name else self._base)
