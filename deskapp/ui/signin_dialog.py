"""Signing in at a station with a short PIN (argon2-verified), or handing the station back to the front desk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget

from deskapp.domain.roles import Role
from deskapp.services.pins import PIN_MAX, verify_pin

from .dialog_base import RememberingDialog
from .panel_kit import (
    SPACING,
    StatusLine,
    hbox,
    hint_label,
    primary_button,
    role_label,
    staff_combo,
    title_label,
    vbox,
)

MAX_FAILURES = 5  # then the dialog waits before it accepts another try
LOCKOUT_SECONDS = 30
LAST_USER_KEY = "signin/last_user"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignInDialog", text)


class SignInDialog(RememberingDialog):
    """Pick who you are and enter your PIN; "前台" signs out to receptionist rights."""

    signed_in = Signal(str)  # staff key
    signed_out = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent, settings_key="SignInDialog")
        self._ctx = ctx
        self._failures = 0
        self.setWindowTitle(_tr("登录"))
        self.setModal(True)
        self._title_label = title_label(_tr("员工登录"), self)
        self._current_label = hint_label("", self)
        self._staff_combo = staff_combo(self)
        self._staff_combo.setMinimumContentsLength(14)
        self._pin_edit = QLineEdit(self)
        self._pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin_edit.setMaxLength(PIN_MAX)
        self._pin_edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}"), self))
        self._pin_edit.setPlaceholderText(_tr("4至8位数字"))
        self._pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self._status = StatusLine(self)
        self._desk_button = QPushButton(_tr("前台（退出登录）"), self)
        self._desk_button.setToolTip(_tr("本机回到前台权限：可登记来访，不能做主管及以上的操作"))
        self._cancel_button = QPushButton(_tr("取消"), self)
        self._sign_in_button = primary_button(_tr("登录"), self)
        self._sign_in_button.setDefault(True)
        self._lockout_timer = QTimer(self)
        self._lockout_timer.setSingleShot(True)
        self._lockout_timer.setInterval(LOCKOUT_SECONDS * 1000)
        self._fill_staff()
        self._build_layout()
        self._connect_signals()
        self._update_buttons()

    # ------------------------------------------------------------------ building
    def _fill_staff(self) -> None:
        office = self._ctx.office
        staff = sorted((s for s in office.staff.values() if s.active), key=lambda s: (s.role != Role.RECEPTIONIST,
                                                                                       s.role, s.name))
        for st in staff:
            self._staff_combo.addItem(f"{st.name}　{role_label(st.role, self._ctx.lang)}", st.key)
        preferred = self._ctx.user or QSettings().value(LAST_USER_KEY)
        index = self._staff_combo.findData(preferred) if preferred else -1
        self._staff_combo.setCurrentIndex(max(index, 0))
        if self._ctx.user is None:
            self._current_label.setText(_tr("本机当前为前台权限。"))
        else:
            st = office.staff.get(self._ctx.user)
            self._current_label.setText(_tr("当前登录：{name}").format(name=st.name if st else self._ctx.user))

    def _build_layout(self) -> None:
        root = vbox(self, margin=SPACING * 2)
        root.setSpacing(SPACING + 4)
        root.addWidget(self._title_label)
        root.addWidget(self._current_label)
        form = QFormLayout()
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING + 2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(_tr("姓名："), self._staff_combo)
        form.addRow(_tr("密码："), self._pin_edit)
        root.addLayout(form)
        root.addWidget(self._status)
        root.addStretch(1)
        buttons = hbox()
        buttons.addWidget(self._desk_button)
        buttons.addStretch(1)
        buttons.addWidget(self._cancel_button)
        buttons.addWidget(self._sign_in_button)
        root.addLayout(buttons)
        self.setMinimumWidth(420)
        self._pin_edit.setFocus()

    def _connect_signals(self) -> None:
        self._pin_edit.textChanged.connect(self._on_pin_changed)
        self._pin_edit.returnPressed.connect(self._on_accept_clicked)
        self._staff_combo.currentIndexChanged.connect(self._on_staff_changed)
        self._sign_in_button.clicked.connect(self._on_accept_clicked)
        self._desk_button.clicked.connect(self._on_front_desk_clicked)
        self._cancel_button.clicked.connect(self.reject)
        self._lockout_timer.timeout.connect(self._on_lockout_over)

    # ------------------------------------------------------------------ public
    def select_staff(self, key: str) -> bool:
        index = self._staff_combo.findData(key)
        if index >= 0:
            self._staff_combo.setCurrentIndex(index)
        return index >= 0

    def status_text(self) -> str:
        return self._status.text()

    # ------------------------------------------------------------------ state
    def _locked_out(self) -> bool:
        return self._lockout_timer.isActive()

    def _update_buttons(self) -> None:
        pin = self._pin_edit.text()
        self._sign_in_button.setEnabled(len(pin) >= 4 and not self._locked_out())

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def _on_pin_changed(self, _text: str) -> None:
        self._update_buttons()

    @Slot(int)
    def _on_staff_changed(self, _index: int) -> None:
        self._pin_edit.clear()
        if not self._locked_out():
            self._status.clear_message()

    @Slot()
    def _on_accept_clicked(self) -> None:
        if not self._sign_in_button.isEnabled():
            return
        key = self._staff_combo.currentData()
        st = self._ctx.office.staff.get(key) if key else None
        if st is None or not st.active:
            self._status.show_error(_tr("请选择一位在职员工。"))
            return
        if not st.pin_hash:
            self._status.show_error(_tr("{name}尚未设置密码，请联系案场经理设置。").format(name=st.name))
            return
        if not verify_pin(st.pin_hash, self._pin_edit.text()):
            self._failures += 1
            self._pin_edit.clear()
            if self._failures >= MAX_FAILURES:
                self._failures = 0
                self._lockout_timer.start()
                self._status.show_error(
                    _tr("密码连续输错{n}次，请{s}秒后再试。").format(n=MAX_FAILURES, s=LOCKOUT_SECONDS))
            else:
                self._status.show_error(_tr("密码不正确，请重新输入。"))
            self._update_buttons()
            self._pin_edit.setFocus()
            return
        self._failures = 0
        QSettings().setValue(LAST_USER_KEY, st.key)
        self._ctx.set_user(st.key)
        self.signed_in.emit(st.key)
        self.accept()

    @Slot()
    def _on_front_desk_clicked(self) -> None:
        self._ctx.set_user(None)
        self.signed_out.emit()
        self.accept()

    @Slot()
    def _on_lockout_over(self) -> None:
        self._status.clear_message()
        self._update_buttons()
