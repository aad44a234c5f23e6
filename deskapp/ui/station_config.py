"""Where this station's database is: the embedded SQLite file, or a PostgreSQL server several stations share.

The choice is the station's own (QSettings "database/url"; empty = the embedded default). `--db` and
$DESKAPP_DB_URL win over it, for one run or for a whole machine. `test_connection` checks an address the
way the app opens it, without creating or changing anything.

The store is reached only through its public helpers, imported where needed (the composition root owns
the engine the app runs on).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from .db_url import (  # noqa: F401 - the station's choice lives in the light module the fast start reads
    ENV_DB_URL,
    SETTINGS_KEY,
    configured_url,
    override_source,
    save_url,
    saved_url,
)
from .dialog_base import RememberingDialog
from .panel_kit import SPACING, StatusLine, hbox, hint_label, primary_button, title_label, vbox


def _tr(text: str) -> str:
    return QCoreApplication.translate("StationConfig", text)


from deskapp.services.stations import (  # noqa: E402,F401 - the checks live in the services layer
    ConnectionCheck,
    _embedded_url_text,
    check_database,
    default_location,
    display_url,
    embedded_url,
    engine_url,
    test_connection,
)


# ------------------------------------------------------------------------------------------ the form
class DatabaseForm(QWidget):
    """Embedded database or a server address, with a "测试连接" button and its verdict inline."""

    connection_tested = Signal(bool)  # ok
    edited = Signal()

    def __init__(self, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self._lang = lang
        self.last_check: ConnectionCheck | None = None
        self._embedded_radio = QRadioButton(_tr("本机内置数据库（单台电脑）(&L)"), self)
        self._embedded_hint = hint_label(
            _tr("数据保存在本机：{path}").format(path=default_location()), self)
        self._embedded_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._server_radio = QRadioButton(_tr("数据库服务器（PostgreSQL，多台电脑共用）(&P)"), self)
        self._server_hint = hint_label(
            _tr("前台、主管、经理等几台电脑连到同一个数据库服务器，看板实时同步。"), self)
        self._group = QButtonGroup(self)
        self._group.addButton(self._embedded_radio)
        self._group.addButton(self._server_radio)
        self._url_label = QLabel(_tr("服务器地址(&A)："), self)
        self._url_edit = QLineEdit(self)
        self._url_edit.setPlaceholderText(_tr("postgresql://用户名:密码@服务器地址:5432/数据库名"))
        self._url_edit.setClearButtonEnabled(True)
        self._url_label.setBuddy(self._url_edit)
        self._test_button = QPushButton(_tr("测试连接(&T)"), self)
        self._test_button.setToolTip(_tr("只检查能否打开这个数据库，不会建立或更改任何数据"))
        self._status = StatusLine(self)
        self._embedded_radio.setChecked(True)
        self._build_layout()
        self._connect_signals()
        self._update_enabled()

    def _build_layout(self) -> None:
        root = vbox(self, margin=0)
        root.setSpacing(SPACING)
        root.addWidget(self._embedded_radio)
        root.addWidget(_indented(self._embedded_hint))
        root.addSpacing(SPACING // 2)
        root.addWidget(self._server_radio)
        root.addWidget(_indented(self._server_hint))
        row = hbox()
        row.addSpacing(26)
        row.addWidget(self._url_label)
        row.addWidget(self._url_edit, 1)
        root.addLayout(row)
        buttons = hbox()
        buttons.addSpacing(26)
        buttons.addWidget(self._test_button)
        buttons.addStretch(1)
        root.addLayout(buttons)
        root.addWidget(self._status)

    def _connect_signals(self) -> None:
        self._embedded_radio.toggled.connect(self._on_mode_toggled)
        self._url_edit.textChanged.connect(self._on_url_edited)
        self._url_edit.returnPressed.connect(self._on_test_clicked)
        self._test_button.clicked.connect(self._on_test_clicked)

    # ---- public
    def url(self) -> str:
        """The chosen database: "" for the embedded one, else the address as typed."""
        return "" if self._embedded_radio.isChecked() else self._url_edit.text().strip()

    def set_url(self, url: str | None) -> None:
        text = (url or "").strip()
        self._url_edit.setText(text)
        (self._server_radio if text else self._embedded_radio).setChecked(True)
        self._status.clear_message()
        self._update_enabled()

    def choose_server(self) -> None:
        self._server_radio.setChecked(True)
        self._url_edit.setFocus()

    def test_now(self) -> bool:
        """Test the chosen database, show the verdict; True if it can be opened."""
        if self._server_radio.isChecked() and not self._url_edit.text().strip():
            self._status.show_error(_tr("请填写数据库服务器的地址。"))
            self._url_edit.setFocus()
            self.connection_tested.emit(False)
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check = check_database(self.url())
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last_check = check
        (self._status.show_ok if check.ok else self._status.show_error)(check.message(self._lang))
        self.connection_tested.emit(check.ok)
        return check.ok

    def status_text(self) -> str:
        return self._status.text() if self._status.kind else ""

    def show_error(self, text: str) -> None:
        self._status.show_error(text)

    def show_info(self, text: str) -> None:
        self._status.show_info(text)

    def url_edit(self) -> QLineEdit:
        return self._url_edit

    def test_button(self) -> QPushButton:
        return self._test_button

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt naming
        super().setEnabled(enabled)
        self._update_enabled()

    # ---- slots
    @Slot(bool)
    def _on_mode_toggled(self, _checked: bool) -> None:
        self._status.clear_message()
        self._update_enabled()
        if self._server_radio.isChecked():
            self._url_edit.setFocus()
        self.edited.emit()

    @Slot(str)
    def _on_url_edited(self, _text: str) -> None:
        self._status.clear_message()
        self.edited.emit()

    @Slot()
    def _on_test_clicked(self) -> None:
        self.test_now()

    def _update_enabled(self) -> None:
        server = self._server_radio.isChecked()
        self._url_edit.setEnabled(server)
        self._url_label.setEnabled(server)


def _indented(widget: QWidget) -> QWidget:
    holder = QWidget(widget.parentWidget())
    row = hbox(holder)
    row.addSpacing(26)
    row.addWidget(widget, 1)
    return holder


# ------------------------------------------------------------------------- when the database won't open
class DatabaseProblemDialog(RememberingDialog):
    """At start, the database could not be opened: say why, let the station point elsewhere, retry or quit."""

    def __init__(self, message: str, url: str | None, lang: str = "zh", cli_url: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, settings_key="DatabaseProblemDialog")
        self.setWindowTitle(_tr("无法打开数据库"))
        self._title_label = title_label(_tr("无法打开数据库"), self)
        self._message_label = QLabel(message, self)
        self._message_label.setObjectName("error")
        self._message_label.setWordWrap(True)
        self._message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._where_label = hint_label(_tr("数据库：{url}").format(url=display_url(url)), self)
        source = override_source(cli_url)
        note = {
            "cli": _tr("这个地址来自命令行参数 --db。在下面改选后，本次启动使用新的选择。"),
            "env": _tr("这个地址来自环境变量 DESKAPP_DB_URL。在下面改选后，本次启动使用新的选择。"),
        }.get(source or "", _tr("可以改用其他数据库；新的选择会保存为本机设置。"))
        self._note_label = hint_label(note, self)
        self._form = DatabaseForm(lang, self)
        self._form.set_url(url if url != _embedded_url_text() else "")
        self._quit_button = QPushButton(_tr("退出"), self)
        self._retry_button = primary_button(_tr("重试(&R)"), self)
        self._retry_button.setDefault(True)
        self._override = source
        root = vbox(self, margin=SPACING * 2)
        root.setSpacing(SPACING + 2)
        root.addWidget(self._title_label)
        root.addWidget(self._message_label)
        root.addWidget(self._where_label)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #DCE2E9;")
        root.addWidget(line)
        root.addWidget(self._note_label)
        root.addWidget(self._form)
        root.addStretch(1)
        buttons = hbox()
        buttons.addStretch(1)
        buttons.addWidget(self._quit_button)
        buttons.addWidget(self._retry_button)
        root.addLayout(buttons)
        self.setMinimumWidth(620)
        self._quit_button.clicked.connect(self.reject)
        self._retry_button.clicked.connect(self._on_retry_clicked)

    def chosen_url(self) -> str:
        """The URL to try next ("" = the embedded database)."""
        return self._form.url()

    @Slot()
    def _on_retry_clicked(self) -> None:
        if self._override is None:  # the station's own setting was the problem: remember the new choice
            save_url(self._form.url())
        self.accept()


def ask_after_failure(message: str, url: str | None, lang: str = "zh", cli_url: str | None = None) -> str | None:
    """Show DatabaseProblemDialog; the URL to try next (an explicit one; the embedded default made
    explicit), or None to quit."""
    dialog = DatabaseProblemDialog(message, url, lang, cli_url)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen_url() or embedded_url()
