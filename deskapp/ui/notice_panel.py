"""The daily claim notice (R20): today's entries, claims against them, printing it for the wall, closing the day."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from deskapp.domain.commands import Claim, CloseDay
from deskapp.domain.errors import RuleError
from deskapp.reports import printing
from deskapp.services import queries
from deskapp.services.dto import NoticeItem

from .panel_kit import (
    MUTED_INK,
    OK_INK,
    SPACING,
    WAIT_INK,
    Card,
    Column,
    ColumnTableModel,
    CustomerPicker,
    StatusLine,
    customer_ref,
    decision_text,
    hbox,
    heading_row,
    hint_label,
    make_table_view,
    masked,
    primary_button,
    select_where,
    selected_item,
    sorting_proxy,
    staff_name,
    title_label,
    vbox,
)
from .pdf_print import PdfPrinter, office_header

CLAIMABLE = ("open", "claimed")


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoticePanel", text)


def status_label(status: str) -> str:
    return {
        "open": _tr("公示中"),
        "claimed": _tr("已认领，待裁决"),
        "settled": _tr("无人认领，归接待人员"),
        "upheld": _tr("认领成立"),
        "rejected": _tr("认领不成立"),
    }.get(status, status)


class NoticeModel(ColumnTableModel[NoticeItem]):
    """Today's claim notice entries; phones are shown masked, as on the wall."""

    STATUS_COLUMN = 4

    def __init__(self, parent=None):
        super().__init__(
            [
                Column(_tr("来访时间"), lambda i: f"{i.at:%H:%M}", sort=lambda i: i.at.isoformat()),
                Column(_tr("客户"), lambda i: i.customer),
                Column(_tr("电话"), lambda i: masked(i.phone)),
                Column(_tr("接待人员"), lambda i: i.receiver_name),
                Column(_tr("状态"), lambda i: status_label(i.status)),
                Column(_tr("认领人"), lambda i: i.claimant_name or "—"),
            ],
            key=lambda i: i.id,
            parent=parent,
        )

    def cell_foreground(self, item: NoticeItem, column: int) -> QColor | None:
        if column != self.STATUS_COLUMN:
            return None
        return {"claimed": WAIT_INK, "upheld": OK_INK, "settled": MUTED_INK,
                "rejected": MUTED_INK}.get(item.status)


class NoticePanel(QWidget):
    """每日认领公示 (R20): entries, claims (consultants and team leaders), print (Ctrl+P), close the day."""

    claim_filed = Signal(int)  # customer id
    notice_printed = Signal(str)  # path of the saved PDF
    day_closed = Signal()

    def __init__(self, ctx, parent=None, *, print_dir: Path | None = None, interactive: bool = True):
        super().__init__(parent)
        self._ctx = ctx
        self._print_dir = print_dir
        self._interactive = interactive  # False in tests: never open a dialog or another program
        self._model = NoticeModel(self)
        self._proxy = sorting_proxy(self._model, self)
        self._title_label = title_label(_tr("今日认领公示"), self)
        self._date_label = hint_label("", self)
        self._date_label.setWordWrap(False)
        self._print_action = QAction(_tr("打印公示"), self)
        self._print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self._print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._print_action.setToolTip(_tr("保存公示PDF并打印（Ctrl+P）"))
        self.addAction(self._print_action)
        self._print_button = QPushButton(_tr("打印公示"), self)
        self._print_button.setToolTip(self._print_action.toolTip())
        self._close_button = QPushButton(_tr("结束公示 / 收工"), self)
        self._close_button.setToolTip(_tr("今日公示结束：无人认领的客户归接待人员（第20条）"))
        self._filter_edit = QLineEdit(self)
        self._filter_edit.setPlaceholderText(_tr("筛选客户或接待人员"))
        self._filter_edit.setClearButtonEnabled(True)
        self._filter_edit.setMinimumWidth(200)
        self._table = make_table_view(self._proxy, self)
        self._table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._empty_label = hint_label(_tr("今日暂无需要公示的客户。"), self)
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._claim_box = Card(_tr("认领（第20条）"), self)
        self._claimant_label = QLabel(self._claim_box.body())
        self._same_picker = CustomerPicker(ctx, _tr("早先登记的客户：电话尾号、姓名或拼音"),
                                           parent=self._claim_box.body())
        self._claim_button = primary_button(_tr("认领所选客户"), self._claim_box.body())
        self._status = StatusLine(self)
        self._pdf_printer = PdfPrinter(self)
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ public
    def print_action(self) -> QAction:
        """The panel's Ctrl+P action, for the main window's menu."""
        return self._print_action

    def pdf_printer(self) -> PdfPrinter:
        """What offers the saved PDF to a printer (tests answer its dialogs)."""
        return self._pdf_printer

    def status_text(self) -> str:
        return self._status.text()

    def select_customer(self, customer_id: int) -> bool:
        return select_where(self._table, self._proxy, self._model, lambda i: i.customer_id == customer_id)

    def model(self) -> NoticeModel:
        return self._model

    def proxy(self):
        return self._proxy

    @Slot()
    def refresh(self) -> None:
        current = selected_item(self._table, self._proxy, self._model)
        office = self._ctx.office
        day = office.today()
        self._model.set_rows(queries.notice(office, day))
        if current is not None:
            self.select_customer(current.customer_id)
        elif self._model.rowCount():
            self._table.selectRow(0)
        n = self._model.rowCount()
        window = self._window()
        self._date_label.setText(
            _tr("{date}　公示时间 {start}–{end}　共 {n} 位").format(
                date=f"{day:%Y-%m-%d}", start=window[0], end=window[1], n=n))
        self._empty_label.setVisible(n == 0)
        self._update_controls()

    # ------------------------------------------------------------------ layout and signals
    def _build_layout(self) -> None:
        root = vbox(self)
        root.addLayout(heading_row(self._title_label, self._date_label, self._filter_edit, self._print_button,
                                   self._close_button))
        root.addWidget(hint_label(
            _tr("自述来过但说不出上次接待人员的客户，由轮接人员接待并公示一天；"
                "原接待人员可在公示时间内凭来访登记本认领，由案场经理裁决。"), self))
        root.addWidget(self._table, 1)
        root.addWidget(self._empty_label)
        form = QFormLayout(self._claim_box.body())
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_tr("认领人："), self._claimant_label)
        form.addRow(_tr("同一客户（可选）："), self._same_picker)
        buttons = hbox()
        buttons.addStretch(1)
        buttons.addWidget(self._claim_button)
        form.addRow(buttons)
        root.addWidget(self._claim_box)
        root.addWidget(self._status)
        self.setMinimumSize(QSize(640, 420))

    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self.refresh)
        self._ctx.user_changed.connect(self.refresh)
        self._table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._filter_edit.textChanged.connect(self._proxy.setFilterFixedString)
        self._claim_button.clicked.connect(self._on_claim_clicked)
        self._close_button.clicked.connect(self._on_close_day_clicked)
        self._print_button.clicked.connect(self._print_action.trigger)
        self._print_action.triggered.connect(self._on_print_triggered)

    # ------------------------------------------------------------------ state
    def _window(self) -> tuple[str, str]:
        """The notice is up for the day's working hours (R20), as set for the office (SetOfficeInfo)."""
        return office_header(self._ctx.office)[1]

    def _day_open(self) -> bool:
        day = self._ctx.office.day
        return day is not None and not day.closed

    def _update_controls(self) -> None:
        ctx = self._ctx
        may_claim = ctx.user is not None and ctx.role.in_rotation
        if may_claim:
            self._claimant_label.setText(f"<b>{staff_name(ctx.office, ctx.user)}</b>")
        else:
            self._claimant_label.setText(_tr("请以置业顾问或组长身份登录后认领"))
        item = selected_item(self._table, self._proxy, self._model)
        why_not = ""
        if not may_claim:
            why_not = _tr("只有置业顾问或组长可以认领（第20条）")
        elif not self._day_open():
            why_not = _tr("今日公示已结束")
        elif item is None:
            why_not = _tr("请先在表中选择要认领的客户")
        elif item.status not in CLAIMABLE:
            why_not = _tr("该客户已{status}，不能再认领").format(status=status_label(item.status))
        elif item.receiver == ctx.user:
            why_not = _tr("不能认领自己接待的客户")
        self._claim_button.setEnabled(not why_not)
        self._claim_button.setToolTip(why_not or _tr("以来访登记本为据认领该客户，由案场经理裁决（第20、32条）"))
        self._same_picker.setEnabled(may_claim and self._day_open())
        self._claim_box.setToolTip("" if may_claim else why_not)
        self._claim_box.set_note("" if may_claim else _tr("仅限置业顾问或组长"))
        self._close_button.setEnabled(self._day_open())
        self._close_button.setText(_tr("结束公示 / 收工") if self._day_open() else _tr("今日已收工"))

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_selection_changed(self, *_args) -> None:
        self._update_controls()

    @Slot()
    def _on_claim_clicked(self) -> None:
        item = selected_item(self._table, self._proxy, self._model)
        ctx = self._ctx
        if item is None or ctx.user is None:
            return
        # A party received before any name or phone is "#<id>" to the rulebook (R9: such a claim needs
        # other evidence, which the ruling weighs).
        ref = customer_ref(ctx.office, item.customer_id) or f"#{item.customer_id}"
        cmd = Claim(ref, ctx.user, same_as=self._same_picker.selected_ref())
        try:
            decision = ctx.run(cmd)
        except RuleError as err:
            self._status.show_error(ctx.error_text(err))
            return
        self._same_picker.clear()
        self._status.show_ok(decision_text(ctx, decision))
        self.claim_filed.emit(item.customer_id)

    @Slot()
    def _on_close_day_clicked(self) -> None:
        if self._interactive:
            answer = QMessageBox.question(
                self, _tr("结束公示"),
                _tr("结束今日公示并收工？\n无人认领的客户将归接待人员所有（第20条），此操作不能撤销。"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            decision = self._ctx.run(CloseDay())
        except RuleError as err:
            self._status.show_error(self._ctx.error_text(err))
            return
        self._status.show_ok(decision_text(self._ctx, decision))
        self.day_closed.emit()

    def save_notice_pdf(self) -> Path | None:
        """Save today's notice as a PDF (masked phones) and say where; None (and the error shown) on failure."""
        ctx = self._ctx
        now = ctx.clock()
        office_name, window = office_header(ctx.office)
        try:
            directory = self._print_dir or printing.default_print_dir()
            path = printing.notice_pdf(
                ctx.office, ctx.office.today(), printing.print_path("notice", now, directory),
                office_name=office_name, window=window, printed_at=now,
            )
        except (OSError, RuleError) as err:
            text = ctx.error_text(err) if isinstance(err, RuleError) else str(err)
            self._status.show_error(_tr("公示PDF保存失败：{error}").format(error=text))
            return None
        self._status.show_ok(_tr("公示已保存：{path}").format(path=str(path)))
        self.notice_printed.emit(str(path))
        return Path(path)

    @Slot()
    def _on_print_triggered(self) -> None:
        path = self.save_notice_pdf()
        if path is not None and self._interactive:
            self._pdf_printer.offer(path, _tr("打印公示"))
