"""The Data menu: export the visit book to Excel; import the staff list and the paper-era visit book.

An import dialog reads the chosen file at once and shows every row it found, with the rows that cannot
be imported shaded and listed in red ("第5行：电话号码无效…"). Import stays disabled while there is
a problem, and for anyone below site manager. Importing is all or nothing (deskapp.services.excel).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QSettings, QSize, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QWidget,
)

from deskapp.domain.roles import Role
from deskapp.services import excel
from deskapp.services.errors import StoreError

from . import i18n, theme
from .dialog_base import RememberingDialog
from .panel_kit import (
    MUTED_INK,
    OK_INK,
    SPACING,
    VOID_FILL,
    VOID_INK,
    Card,
    Column,
    ColumnTableModel,
    StatusLine,
    hbox,
    hint_label,
    make_table_view,
    primary_button,
    role_label,
    select_where,
    sorting_proxy,
    staff_name,
    title_label,
    vbox,
)

log = logging.getLogger(__name__)

LAST_DIR_KEY = "excel/last_dir"
IMPORT_ACTION = "policy"  # importing records is for the site manager or above


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExcelDialogs", text)


def _last_dir() -> str:
    saved = QSettings().value(LAST_DIR_KEY)
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs or str(Path.home())


def _remember_dir(path: Path) -> None:
    QSettings().setValue(LAST_DIR_KEY, str(path.parent))


def _store_error_text(ctx, err: StoreError) -> str:
    return err.message if ctx.lang == "en" else err.message_zh


# =========================================================================================== export
class ExportDialog(RememberingDialog):
    """Pick a date range and a file; write the visit book and the follow-up records of the range."""

    exported = Signal(str)  # the path written

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent, settings_key="ExcelExportDialog")
        self._ctx = ctx
        self._path_chosen = False  # the user picked a file name: stop proposing one
        self._written: Path | None = None
        self.setWindowTitle(_tr("导出来访登记"))
        self._title_label = title_label(_tr("导出来访登记"), self)
        self._intro_label = hint_label(
            _tr("把所选日期内的来访登记和回访记录导出为Excel文件（两张工作表）。文件中的电话号码是完整的，请妥善保管。"),
            self)
        today = ctx.clock().date()
        self._start_edit = _date_edit(self)
        self._end_edit = _date_edit(self)
        self._start_edit.setDate(QDate(today.year, today.month, 1))
        self._end_edit.setDate(_qdate(today))
        self._quick_buttons = {
            "today": QPushButton(_tr("今天"), self),
            "week": QPushButton(_tr("本周"), self),
            "month": QPushButton(_tr("本月"), self),
            "last_month": QPushButton(_tr("上月"), self),
            "all": QPushButton(_tr("全部"), self),
        }
        self._count_label = QLabel(self)
        self._count_label.setObjectName("caption")
        self._path_edit = QLineEdit(self)
        self._path_edit.setPlaceholderText(_tr("选择保存位置"))
        self._browse_button = QPushButton(_tr("浏览…"), self)
        self._status = StatusLine(self)
        self._open_button = QPushButton(_tr("打开文件"), self)
        self._open_button.setVisible(False)
        self._close_button = QPushButton(_tr("关闭"), self)
        self._export_button = primary_button(_tr("导出"), self)
        self._export_button.setDefault(True)
        self._build_layout()
        self._connect_signals()
        self._propose_path()
        self._refresh()
        self._export_button.setFocus()

    # ------------------------------------------------------------------ building
    def _build_layout(self) -> None:
        root = vbox(self, margin=SPACING * 2)
        root.setSpacing(SPACING + 4)
        root.addWidget(self._title_label)
        root.addWidget(self._intro_label)

        range_card = Card(_tr("日期范围"), self)
        form = QFormLayout(range_card.body())
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING + 2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        dates = hbox()
        dates.addWidget(self._start_edit)
        dates.addWidget(QLabel(_tr("至"), self))
        dates.addWidget(self._end_edit)
        dates.addStretch(1)
        form.addRow(_tr("日期："), dates)
        quick = hbox()
        for button in self._quick_buttons.values():
            quick.addWidget(button)
        quick.addStretch(1)
        form.addRow(_tr("快速选择："), quick)
        form.addRow("", self._count_label)
        root.addWidget(range_card)

        file_card = Card(_tr("保存到"), self)
        row = hbox(file_card.body())
        row.addWidget(self._path_edit, 1)
        row.addWidget(self._browse_button)
        root.addWidget(file_card)

        root.addWidget(self._status)
        root.addStretch(1)
        buttons = hbox()
        buttons.addWidget(self._open_button)
        buttons.addStretch(1)
        buttons.addWidget(self._close_button)
        buttons.addWidget(self._export_button)
        root.addLayout(buttons)
        # no fixed minimum: the layout's own (English labels are wider) must win
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    def _connect_signals(self) -> None:
        self._start_edit.dateChanged.connect(self._on_range_changed)
        self._end_edit.dateChanged.connect(self._on_range_changed)
        for key, button in self._quick_buttons.items():
            button.setProperty("range", key)
            button.clicked.connect(self._on_quick_clicked)
        self._path_edit.textEdited.connect(self._on_path_edited)
        self._path_edit.textChanged.connect(self._on_path_changed)
        self._browse_button.clicked.connect(self._on_browse_clicked)
        self._export_button.clicked.connect(self._on_export_clicked)
        self._open_button.clicked.connect(self._on_open_clicked)
        self._close_button.clicked.connect(self.reject)

    # ------------------------------------------------------------------ public
    def set_range(self, start: dt.date, end: dt.date) -> None:
        self._start_edit.setDate(_qdate(start))
        self._end_edit.setDate(_qdate(end))

    def date_range(self) -> tuple[dt.date, dt.date]:
        return self._start_edit.date().toPython(), self._end_edit.date().toPython()

    def set_path(self, path) -> None:
        """Save to `path` (what the file chooser would set)."""
        self._path_chosen = True
        self._path_edit.setText(str(path))

    def path(self) -> Path | None:
        text = self._path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def export(self) -> Path | None:
        """Write the file now; the path written, or None (the reason is on the status line)."""
        start, end = self.date_range()
        path = self.path()
        if path is None or end < start:
            return None
        if not self._ctx.may("assign"):  # the visit book carries full phone numbers
            self._status.show_error(_tr("仅限销售主管或以上导出（含完整电话号码）。"))
            return None
        try:
            written = excel.export_visit_book(self._ctx.office, start, end, path)
        except OSError as err:
            log.warning("export to %s failed: %s", path, err)
            self._status.show_error(_tr("无法写入文件：{error}。文件是否正在Excel中打开？").format(error=err.strerror or err))
            return None
        visits, followups = excel.visit_book_counts(self._ctx.office, start, end)
        self._written = written
        _remember_dir(written)
        self._path_edit.setText(str(written))
        self._status.show_ok(_tr("已导出{visits}条来访、{followups}条回访到：{path}").format(
            visits=visits, followups=followups, path=written))
        self._open_button.setVisible(True)
        self.exported.emit(str(written))
        return written

    def status_text(self) -> str:
        return self._status.text() if self._status.isVisible() else ""

    @property
    def export_button(self) -> QPushButton:
        return self._export_button

    # ------------------------------------------------------------------ state
    def _propose_path(self) -> None:
        if self._path_chosen:
            return
        start, end = self.date_range()
        name = _tr("来访登记_{start}至{end}.xlsx").format(start=f"{start:%Y%m%d}", end=f"{end:%Y%m%d}")
        self._path_edit.setText(str(Path(_last_dir()) / name))

    def _refresh(self) -> None:
        start, end = self.date_range()
        if end < start:
            self._count_label.setText(_tr("结束日期早于开始日期。"))
            self._count_label.setStyleSheet(f"color: {theme.DANGER};")
        else:
            visits, followups = excel.visit_book_counts(self._ctx.office, start, end)
            days = (end - start).days + 1
            self._count_label.setText(_tr("共{days}天：{visits}条来访、{followups}条回访").format(
                days=days, visits=visits, followups=followups))
            self._count_label.setStyleSheet("")
        allowed = self._ctx.may("assign")  # supervisor or above: the visit book carries full phone numbers
        self._export_button.setEnabled(allowed and end >= start and self.path() is not None)
        self._export_button.setToolTip("" if allowed else _tr("仅限销售主管或以上导出（含完整电话号码）。"))

    # ------------------------------------------------------------------ slots
    @Slot(QDate)
    def _on_range_changed(self, _date: QDate) -> None:
        self._status.clear_message()
        self._open_button.setVisible(False)
        self._propose_path()
        self._refresh()

    @Slot()
    def _on_quick_clicked(self) -> None:
        key = self.sender().property("range")
        today = self._ctx.clock().date()
        first = today.replace(day=1)
        if key == "today":
            self.set_range(today, today)
        elif key == "week":
            self.set_range(today - dt.timedelta(days=today.weekday()), today)
        elif key == "month":
            self.set_range(first, today)
        elif key == "last_month":
            last = first - dt.timedelta(days=1)
            self.set_range(last.replace(day=1), last)
        else:
            span = self._ctx.office.record_span()
            self.set_range(min(span[0], today) if span else today, max(span[1], today) if span else today)

    @Slot(str)
    def _on_path_edited(self, _text: str) -> None:
        self._path_chosen = True

    @Slot(str)
    def _on_path_changed(self, _text: str) -> None:
        self._refresh()

    @Slot()
    def _on_browse_clicked(self) -> None:
        current = self.path()
        chosen, _ = QFileDialog.getSaveFileName(self, _tr("导出来访登记"), str(current or _last_dir()),
                                                _tr("Excel 工作簿 (*.xlsx)"))
        if chosen:
            self.set_path(chosen)

    @Slot()
    def _on_export_clicked(self) -> None:
        self.export()

    @Slot()
    def _on_open_clicked(self) -> None:
        if self._written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._written)))


def _date_edit(parent) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumWidth(130)
    return edit


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


# =========================================================================================== import
class _RowModel(ColumnTableModel):
    """Parsed rows, with a last column saying what is wrong with each; bad rows are shaded like void records."""

    def __init__(self, columns, lang: str, parent=None):
        self._lang = lang
        self.problems: dict[int, list[str]] = {}
        check = Column(_tr("检查结果"), self._check_text, tooltip=self._check_tip)
        super().__init__([*columns, check], key=lambda r: r.row, parent=parent)
        self._check_column = len(columns)

    def set_problems(self, errors) -> None:
        self.problems = {}
        for e in errors:
            if e.row is not None:
                text = e.en if self._lang == "en" else e.zh
                self.problems.setdefault(e.row, []).append(text)

    def _check_text(self, item) -> str:
        found = self.problems.get(item.row)
        return ("; " if self._lang == "en" else "；").join(found) if found else _tr("无误")

    def _check_tip(self, item) -> str | None:
        found = self.problems.get(item.row)
        return "\n".join(found) if found else None

    def row_background(self, item) -> QColor | None:
        return VOID_FILL if item.row in self.problems else None

    def cell_foreground(self, item, column: int) -> QColor | None:
        if item.row in self.problems:
            return VOID_INK
        if column == self._check_column:
            return OK_INK
        return MUTED_INK if column == 0 else None


class _ImportDialog(RememberingDialog):
    """Choose a file, preview its rows and problems, import all of it or nothing."""

    imported = Signal()

    def __init__(self, ctx, parent: QWidget | None, settings_key: str, title: str, intro: str):
        super().__init__(parent, settings_key=settings_key)
        self._ctx = ctx
        self._parsed = None
        self._done = False
        self._title = title
        self.setWindowTitle(title)
        self._title_label = title_label(title, self)
        self._intro_label = hint_label(intro, self)
        self._intro_label.setTextFormat(Qt.TextFormat.PlainText)
        self._path_edit = QLineEdit(self)
        self._path_edit.setReadOnly(True)
        self._path_edit.setPlaceholderText(_tr("尚未选择文件"))
        self._browse_button = QPushButton(_tr("选择文件…"), self)
        self._template_button = QPushButton(_tr("保存空白模板…"), self)
        self._template_button.setToolTip(_tr("保存一个只有表头的Excel文件，照着填写后再导入"))
        self._summary_label = QLabel(_tr("请选择要导入的 .xlsx 或 .csv 文件。"), self)
        self._summary_label.setObjectName("caption")
        self._model = _RowModel(self.columns(), ctx.lang, self)
        self._proxy = sorting_proxy(self._model, self)
        self._table = make_table_view(self._proxy, self, stretch=(self._model.columnCount() - 1,))
        self._table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._table.setMinimumHeight(220)
        self._errors_title = QLabel(self)
        self._errors_title.setObjectName("error")
        self._errors_title.setStyleSheet(f"color: {theme.DANGER}; font-weight: 600;")
        self._errors_list = QListWidget(self)
        self._errors_list.setObjectName("importErrors")
        self._errors_list.setWordWrap(True)
        self._errors_list.setAlternatingRowColors(False)
        self._errors_list.setStyleSheet(
            f"QListWidget#importErrors {{ background: #FFF8F7; border: 1px solid #F3B8B2; border-radius: 6px;"
            f" color: {theme.DANGER}; padding: 4px; }}"
            f"QListWidget#importErrors::item {{ padding: 3px 4px; }}"
            f"QListWidget#importErrors::item:selected {{ background: {theme.DANGER_SOFT}; color: {theme.DANGER}; }}")
        self._status = StatusLine(self)
        self._rights_label = hint_label("", self)
        self._rights_label.setWordWrap(False)
        self._close_button = QPushButton(_tr("取消"), self)
        self._import_button = primary_button(_tr("导入"), self)
        self._build_layout()
        self._connect_signals()
        self._show_errors(())
        self._update_buttons()
        self._browse_button.setFocus()

    # ------------------------------------------------------------------ to override
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def read(self, path: Path):
        raise NotImplementedError

    def apply(self, parsed) -> excel.ImportResult:
        raise NotImplementedError

    def write_template(self, path: Path) -> Path:
        raise NotImplementedError

    def template_name(self) -> str:
        raise NotImplementedError

    def ready_text(self, parsed) -> str:
        raise NotImplementedError

    def import_label(self, parsed) -> str:
        return _tr("导入")

    # ------------------------------------------------------------------ building
    def _build_layout(self) -> None:
        root = vbox(self, margin=SPACING * 2)
        root.setSpacing(SPACING + 4)
        root.addWidget(self._title_label)
        root.addWidget(self._intro_label)
        file_card = Card(_tr("文件"), self)
        row = hbox(file_card.body())
        row.addWidget(self._path_edit, 1)
        row.addWidget(self._browse_button)
        row.addWidget(self._template_button)
        root.addWidget(file_card)
        root.addWidget(self._summary_label)
        root.addWidget(self._table, 1)
        root.addWidget(self._errors_title)
        root.addWidget(self._errors_list)
        root.addWidget(self._status)
        buttons = hbox()
        buttons.addWidget(self._rights_label)
        buttons.addStretch(1)
        buttons.addWidget(self._close_button)
        buttons.addWidget(self._import_button)
        root.addLayout(buttons)
        self.setMinimumSize(self.minimumSizeHint().expandedTo(QSize(820, 560)))
        self.resize(960, 680)

    def _connect_signals(self) -> None:
        self._browse_button.clicked.connect(self._on_browse_clicked)
        self._template_button.clicked.connect(self._on_template_clicked)
        self._import_button.clicked.connect(self._on_import_clicked)
        self._close_button.clicked.connect(self.reject)
        self._errors_list.currentRowChanged.connect(self._on_error_selected)

    # ------------------------------------------------------------------ public
    def load_file(self, path) -> None:
        """Read and check `path` (what choosing it in the file dialog does)."""
        path = Path(path)
        self._done = False
        self._status.clear_message()
        self._path_edit.setText(str(path))
        self._path_edit.setToolTip(str(path))
        parsed = self.read(path)
        self._parsed = parsed
        self._model.set_problems(parsed.errors)
        self._model.set_rows(())
        self._model.set_rows(parsed.rows)
        self._table.fit_columns()
        self._show_errors(parsed.errors)
        total, bad = len(parsed.rows), len(parsed.bad_rows)
        if not parsed.errors:
            self._summary_label.setText(self.ready_text(parsed))
        elif total:
            self._summary_label.setText(_tr("共{total}行：{good}行无误，{bad}行有问题。改正之前不能导入。").format(
                total=total, good=total - bad, bad=bad))
        else:
            self._summary_label.setText(_tr("没有读到可导入的行。"))
        if path.is_file():
            _remember_dir(path)
        self._update_buttons()

    def import_now(self) -> excel.ImportResult | None:
        """Import the previewed file (the Import button); None when it may not be imported now."""
        if not self._import_button.isEnabled() or self._parsed is None:
            return None
        try:
            result = self.apply(self._parsed)
        except StoreError as err:
            log.warning("import failed: %s", err)
            self._status.show_error(_tr("导入失败，未导入任何记录：{error}").format(error=_store_error_text(self._ctx, err)))
            return None
        if result.ok:
            self._done = True
            self._status.show_ok(result.summary.message(self._ctx.lang))
            self._close_button.setText(_tr("完成"))
            self._ctx.changed.emit()
            self.imported.emit()
        else:
            self._show_errors(result.errors)
            self._model.set_problems(result.errors)
            self._model.set_rows(())
            self._model.set_rows(self._parsed.rows)
            self._status.show_error(result.summary.message(self._ctx.lang))
        self._update_buttons()
        return result

    def error_texts(self) -> list[str]:
        return [self._errors_list.item(i).text() for i in range(self._errors_list.count())]

    def preview_rows(self) -> int:
        return self._model.rowCount()

    def status_text(self) -> str:
        return self._status.text() if self._status.isVisible() else ""

    @property
    def import_button(self) -> QPushButton:
        return self._import_button

    # ------------------------------------------------------------------ state
    def _may_import(self) -> bool:
        return self._ctx.may(IMPORT_ACTION)

    def _show_errors(self, errors) -> None:
        self._errors_list.clear()
        for error in errors:
            item = QListWidgetItem(error.message(self._ctx.lang))
            item.setForeground(QColor(theme.DANGER))
            item.setData(Qt.ItemDataRole.UserRole, error.row)
            self._errors_list.addItem(item)
        self._errors_title.setText(
            _tr("发现{n}处问题，请在Excel中改正后重新选择文件：").format(n=len(errors)) if errors else "")
        self._errors_title.setVisible(bool(errors))
        self._errors_list.setVisible(bool(errors))
        if errors:  # tall enough for a few problems without a scroll bar; more scroll
            rows = sum(self._errors_list.sizeHintForRow(i) for i in range(min(len(errors), 6)))
            frame = 2 * self._errors_list.frameWidth() + 10
            self._errors_list.setFixedHeight(rows + frame)

    def _update_buttons(self) -> None:
        parsed = self._parsed
        may = self._may_import()
        ready = parsed is not None and parsed.ok and not self._done
        self._import_button.setEnabled(may and ready)
        self._import_button.setText(self.import_label(parsed) if ready else _tr("导入"))
        if not may:
            minimum = role_label(Role.SITE_MANAGER, self._ctx.lang)
            self._import_button.setToolTip(_tr("需{role}或以上才能导入。").format(role=minimum))
            self._rights_label.setText(_tr("仅限{role}或以上导入；您可以先检查文件。").format(role=minimum))
            self._rights_label.setVisible(True)
        else:
            self._rights_label.setVisible(False)
            if parsed is not None and parsed.errors:
                self._import_button.setToolTip(_tr("文件中还有问题，改正后才能导入"))
            elif parsed is None:
                self._import_button.setToolTip(_tr("请先选择文件"))
            else:
                self._import_button.setToolTip(_tr("全部导入；任何一行不能导入时，全部不导入"))

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self._title, _last_dir(),
                                                _tr("表格文件 (*.xlsx *.xlsm *.csv)"))
        if chosen:
            self.load_file(chosen)

    @Slot()
    def _on_template_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, _tr("保存空白模板"), str(Path(_last_dir()) / self.template_name()),
                                                _tr("Excel 工作簿 (*.xlsx)"))
        if not chosen:
            return
        try:
            written = self.write_template(Path(chosen))
        except OSError as err:
            self._status.show_error(_tr("无法写入文件：{error}。文件是否正在Excel中打开？").format(error=err.strerror or err))
            return
        _remember_dir(written)
        self._status.show_info(_tr("模板已保存到：{path}").format(path=written))

    @Slot()
    def _on_import_clicked(self) -> None:
        self.import_now()

    @Slot(int)
    def _on_error_selected(self, index: int) -> None:
        item = self._errors_list.item(index) if index >= 0 else None
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if row is not None:
            select_where(self._table, self._proxy, self._model, lambda r: r.row == row)


def _row_column() -> Column:
    return Column(_tr("行"), lambda r: str(r.row), sort=lambda r: r.row,
                  align=Qt.AlignmentFlag.AlignCenter)


class ImportStaffDialog(_ImportDialog):
    """Import the staff list: AddStaff and SetPin for every row, or nothing."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent, "ExcelImportStaffDialog", _tr("导入员工名单"), _tr(
            "第一行为表头，列为：代号、姓名、角色、组别（可不填）、密码（4至8位数字）。"
            "角色写中文（置业顾问、组长、前台、销售主管、销售经理、案场经理、专案经理）或英文。"
            "支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）。要么全部导入，要么全部不导入。"))

    def columns(self) -> list[Column]:
        lang = self._ctx.lang

        def role_text(r):
            return role_label(Role.parse(r.role), lang) if r.role else r.role_text

        return [
            _row_column(),
            Column(_tr("代号"), lambda r: r.key or "—"),
            Column(_tr("姓名"), lambda r: r.name or "—"),
            Column(_tr("角色"), role_text),
            Column(_tr("组别"), lambda r: r.team or "—"),
            Column(_tr("密码"), lambda r: "••••" if r.pin else "—"),
        ]

    def read(self, path: Path):
        return excel.read_staff_list(path, self._ctx.office)

    def apply(self, parsed) -> excel.ImportResult:
        return excel.apply_staff_import(self._ctx.service, parsed, self._ctx.clock(), self._ctx.user)

    def write_template(self, path: Path) -> Path:
        return excel.write_staff_template(path)

    def template_name(self) -> str:
        return _tr("员工名单模板.xlsx")

    def ready_text(self, parsed) -> str:
        return _tr("共{n}位员工，全部无误，可以导入。").format(n=len(parsed.rows))

    def import_label(self, parsed) -> str:
        return _tr("导入{n}位员工").format(n=len(parsed.rows))


class ImportVisitBookDialog(_ImportDialog):
    """Import the paper-era visit book: a HistoricalVisit per row, in date order, or nothing (R9, R14, R16)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent, "ExcelImportVisitBookDialog", _tr("导入历史来访登记"), _tr(
            "把纸质来访登记簿录入Excel后导入。第一行为表头，列为：日期（可含时间）、客户姓名、电话、"
            "接待人（员工代号或姓名）、来源（可不填）。日期须早于当前营业日。"
            "同一客户按日期先后，归首次接待人（第14、16条）。要么全部导入，要么全部不导入。"))

    def columns(self) -> list[Column]:
        office = self._ctx.office

        def when(r):
            if r.at is None:
                return r.date_text or "—"
            return f"{r.at:%Y-%m-%d %H:%M}" if r.has_time else f"{r.at:%Y-%m-%d}"

        def receiver(r):
            return staff_name(office, r.receiver) if r.receiver else (r.receiver_text or "—")

        def source(r):
            return i18n.label(i18n.SOURCE, r.source) if r.source else (r.source_text or "—")

        def owner(r):
            if r.owner is None:
                return "—"
            return staff_name(office, r.owner) + ("" if r.new_customer else _tr("（已有客户）"))

        return [
            _row_column(),
            Column(_tr("日期"), when, sort=lambda r: r.at.isoformat() if r.at else ""),
            Column(_tr("客户姓名"), lambda r: r.name or "—"),
            Column(_tr("电话"), lambda r: r.phone or "—"),
            Column(_tr("接待人"), receiver),
            Column(_tr("来源"), source),
            Column(_tr("导入后归属"), owner,
                   tooltip=lambda r: _tr("第14条：首次接待确定归属；已有客户的归属不变")),
        ]

    def read(self, path: Path):
        return excel.read_visit_book(path, self._ctx.office, now=self._ctx.clock())

    def apply(self, parsed) -> excel.ImportResult:
        return excel.apply_visit_import(self._ctx.service, parsed, self._ctx.clock(), self._ctx.user)

    def write_template(self, path: Path) -> Path:
        return excel.write_visit_book_template(path)

    def template_name(self) -> str:
        return _tr("历史来访登记模板.xlsx")

    def ready_text(self, parsed) -> str:
        return _tr("共{n}条来访，全部无误，导入后新建{new}位客户。").format(n=len(parsed.rows), new=parsed.new_customers)

    def import_label(self, parsed) -> str:
        return _tr("导入{n}条来访").format(n=len(parsed.rows))


# =========================================================================================== menu
def add_excel_actions(main_window: QMainWindow, ctx) -> QMenu:
    """Add the Data menu (export the visit book, import staff, import the paper visit book) to the menu bar.

    Each action opens its dialog window-modally over `main_window` (deleted when closed).
    """
    menu = main_window.menuBar().addMenu(_tr("数据(&A)"))
    menu.setObjectName("dataMenu")
    specs = (
        ("exportVisitBook", _tr("导出来访登记…"), _tr("把一段日期内的来访登记和回访记录导出为Excel"), ExportDialog),
        ("importStaff", _tr("导入员工名单…"), _tr("从Excel或CSV导入员工、角色、组别和登录密码"), ImportStaffDialog),
        ("importVisitBook", _tr("导入历史来访登记…"), _tr("把纸质来访登记簿导入为历史来访，确定客户归属"),
         ImportVisitBookDialog),
    )
    for i, (name, text, tip, cls) in enumerate(specs):
        if i == 1:
            menu.addSeparator()
        action = QAction(text, main_window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(_opener(main_window, ctx, cls))
        menu.addAction(action)
    return menu


def _opener(main_window: QMainWindow, ctx, cls):
    def open_dialog(_checked: bool = False):
        dialog = cls(ctx, main_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    return open_dialog
