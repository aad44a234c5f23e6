"""Claims and disputes (R3, R16, R20, R22, R32): the evidence on a timeline, the proposed ruling, the site manager's ruling."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from deskapp.domain import POOL
from deskapp.domain.commands import Ruling
from deskapp.domain.errors import RuleError
from deskapp.reports import printing
from deskapp.services import queries
from deskapp.services.dto import DisputeView, EvidenceRow

from .panel_kit import (
    MUTED_INK,
    OK_INK,
    SPACING,
    VOID_FILL,
    VOID_INK,
    WAIT_INK,
    Card,
    Column,
    ColumnTableModel,
    StatusLine,
    customer_ref,
    decision_text,
    fill_staff_combo,
    hbox,
    hint_label,
    in_rotation_role,
    make_table_view,
    masked,
    only_for,
    primary_button,
    select_where,
    selected_item,
    sorting_proxy,
    title_label,
    vbox,
    who_may,
)
from .pdf_print import PdfPrinter, office_header


def _tr(text: str) -> str:
    return QCoreApplication.translate("DisputePanel", text)


def kind_label(kind: str) -> str:
    return {"claim": _tr("认领"), "dispute": _tr("争议")}.get(kind, kind)


def kind_tooltip(kind: str) -> str:
    return {"claim": _tr("对每日公示客户的认领（第20条）"),
            "dispute": _tr("对客户归属的争议（第16、17、22条）")}.get(kind, kind)


def case_status_label(view: DisputeView) -> str:
    """'认领 · 待裁决', '争议 · 已裁决' — the kind and where it stands, in one short cell."""
    state = _tr("待裁决") if view.status == "open" else _tr("已裁决")
    return f"{kind_label(view.kind)} · {state}"


def case_status_tooltip(view: DisputeView) -> str:
    if view.status == "open":
        return kind_tooltip(view.kind)
    return _tr("已裁决：归{name}").format(name=view.decision_name or "—")


def evidence_kind_label(kind: str) -> str:
    return {"visit": _tr("来访登记"), "follow_up": _tr("回访记录")}.get(kind, kind)


def evidence_why(row: EvidenceRow) -> str:
    """The rulebook's reason for (not) admitting a record, in the user's language (the DTO carries Chinese)."""
    known = {
        "记录经修改，不作为依据（第3条）": _tr("记录经修改，不作为依据（第3条）"),
        "未登记姓名电话，不作为依据（第9条）": _tr("未登记姓名电话，不作为依据（第9条）"),
        "记录完整无修改": _tr("记录完整无修改"),
    }
    return known.get(row.why, row.why)


def evidence_summary(row: EvidenceRow) -> str:
    """'来访登记（林女士）': the kind of record and whose record it is (the DTO carries Chinese)."""
    match = re.search(r"（(.+)）$", row.summary)
    if match is None:
        return row.summary
    return _tr("{kind}（{customer}）").format(kind=evidence_kind_label(row.kind), customer=match.group(1))


def evidence_time(row: EvidenceRow) -> str:
    # Follow-ups are dated, not timed; the year is in the tooltip.
    return f"{row.at:%m-%d}" if row.kind == "follow_up" else f"{row.at:%m-%d %H:%M}"


def evidence_when(row: EvidenceRow) -> str:
    return f"{row.at:%Y-%m-%d}" if row.kind == "follow_up" else f"{row.at:%Y-%m-%d %H:%M}"


def verdict_label(admissible: bool) -> str:
    return _tr("可采信") if admissible else _tr("不可采信")


class CaseListModel(ColumnTableModel[DisputeView]):
    """Open (and optionally ruled) claims and disputes."""

    def __init__(self, parent=None):
        super().__init__(
            [
                Column(_tr("客户"), lambda v: v.customer),
                Column(_tr("提出人"), lambda v: v.claimant_name),
                Column(_tr("时间"), lambda v: f"{v.raised:%m-%d %H:%M}", sort=lambda v: v.raised.isoformat(),
                       tooltip=lambda v: f"{v.raised:%Y-%m-%d %H:%M}"),
                Column(_tr("状态"), case_status_label, tooltip=case_status_tooltip),
            ],
            key=lambda v: v.id,
            parent=parent,
        )

    def cell_foreground(self, item: DisputeView, column: int) -> QColor | None:
        if column == 3:
            return WAIT_INK if item.status == "open" else MUTED_INK
        return None


class EvidenceModel(ColumnTableModel[EvidenceRow]):
    """The records put forward, oldest first; amended or unregistered ones are shaded as void (R3, R9)."""

    VERDICT_COLUMN = 4

    def __init__(self, parent=None):
        super().__init__(
            [
                Column(_tr("时间"), evidence_time, sort=lambda e: e.at.isoformat(), tooltip=evidence_when),
                Column(_tr("记录人"), lambda e: e.who_name),
                Column(_tr("类别"), lambda e: evidence_kind_label(e.kind)),
                Column(_tr("内容"), evidence_summary, tooltip=evidence_summary),
                Column(_tr("采信"), lambda e: verdict_label(e.admissible), sort=lambda e: int(e.admissible)),
                Column(_tr("理由"), evidence_why, tooltip=evidence_why),
            ],
            key=lambda e: (e.at, e.who, e.kind, e.summary),
            parent=parent,
        )

    def row_background(self, item: EvidenceRow) -> QColor | None:
        return None if item.admissible else VOID_FILL

    def cell_foreground(self, item: EvidenceRow, column: int) -> QColor | None:
        if not item.admissible:
            return VOID_INK
        return OK_INK if column == self.VERDICT_COLUMN else None


class DisputePanel(QWidget):
    """归属裁决 (R32): the site manager confirms the proposed ruling or overrides it with a written reason."""

    ruling_made = Signal(int)  # customer id
    case_printed = Signal(str)  # path of the saved PDF

    def __init__(self, ctx, parent=None, *, print_dir: Path | None = None, interactive: bool = True):
        super().__init__(parent)
        self._ctx = ctx
        self._print_dir = print_dir
        self._interactive = interactive
        self._case_model = CaseListModel(self)
        self._case_proxy = sorting_proxy(self._case_model, self)
        self._evidence_model = EvidenceModel(self)
        self._evidence_proxy = sorting_proxy(self._evidence_model, self)
        # the list of cases
        self._list_title = title_label(_tr("认领与争议"), self)
        self._show_ruled_check = QCheckBox(_tr("显示已裁决"), self)
        self._case_table = make_table_view(self._case_proxy, self, stretch=(0,))
        self._case_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self._no_cases_label = hint_label(_tr("目前没有待裁决的认领或争议。"), self)
        self._no_cases_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the selected case
        self._detail_stack = QStackedWidget(self)
        self._empty_page = hint_label(_tr("请在左侧选择一项认领或争议。"), self)
        self._empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail_page = QWidget(self)
        self._customer_label = title_label("", self._detail_page)
        self._case_label = hint_label("", self._detail_page)
        self._evidence_box = Card(_tr("证据时间线"), self._detail_page)
        self._evidence_box.set_note(_tr("第3条：记录经修改的，不作为依据"))
        self._evidence_table = make_table_view(self._evidence_proxy, self._evidence_box.body(), stretch=(3, 5),
                                               wrap=True)
        self._evidence_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._proposal_box = Card(_tr("系统建议裁决"), self._detail_page)
        self._proposed_owner_label = QLabel(self._proposal_box.body())
        self._proposed_rules_label = QLabel(self._proposal_box.body())
        self._proposed_text_label = QLabel(self._proposal_box.body())
        self._proposed_text_label.setWordWrap(True)
        self._ruling_box = Card(_tr("案场经理裁决（第32条）"), self._detail_page)
        ruling_body = self._ruling_box.body()
        self._confirm_radio = QRadioButton(ruling_body)
        self._override_radio = QRadioButton(_tr("改判给："), ruling_body)
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self._confirm_radio)
        self._mode_group.addButton(self._override_radio)
        self._override_combo = QComboBox(ruling_body)
        self._override_combo.setMinimumContentsLength(8)
        self._reason_label = QLabel(_tr("裁决理由："), ruling_body)
        self._reason_edit = QPlainTextEdit(ruling_body)
        self._reason_edit.setTabChangesFocus(True)
        self._reason_edit.setFixedHeight(self._reason_edit.fontMetrics().lineSpacing() * 3 + 16)
        self._ruled_label = QLabel(ruling_body)
        self._ruled_label.setWordWrap(True)
        self._rights_label = hint_label("", ruling_body)
        self._print_button = QPushButton(_tr("打印裁决书"), self._detail_page)
        self._confirm_button = primary_button(_tr("确认裁决"), ruling_body)
        self._status = StatusLine(self)
        self._pdf_printer = PdfPrinter(self)
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ public
    def status_text(self) -> str:
        return self._status.text()

    def pdf_printer(self) -> PdfPrinter:
        """What offers the saved case file to a printer (tests answer its dialogs)."""
        return self._pdf_printer

    def case_model(self) -> CaseListModel:
        return self._case_model

    def evidence_model(self) -> EvidenceModel:
        return self._evidence_model

    def select_customer(self, customer_id: int) -> bool:
        return select_where(self._case_table, self._case_proxy, self._case_model,
                            lambda v: v.customer_id == customer_id)

    def current_case(self) -> DisputeView | None:
        return selected_item(self._case_table, self._case_proxy, self._case_model)

    @Slot()
    def refresh(self) -> None:
        current = self.current_case()
        views = queries.disputes(self._ctx.office, include_ruled=self._show_ruled_check.isChecked())
        self._case_model.set_rows(views)
        if current is not None:
            select_where(self._case_table, self._case_proxy, self._case_model, lambda v: v.id == current.id)
        if self.current_case() is None and self._case_proxy.rowCount():
            self._case_table.selectRow(0)
        self._no_cases_label.setVisible(not views)
        self._show_case(self.current_case())

    # ------------------------------------------------------------------ layout and signals
    def _build_layout(self) -> None:
        left = QWidget(self)
        left_layout = vbox(left, margin=0)
        # The list has its own header row; the case's title starts past the splitter handle, so the
        # checkbox on the right of this row never touches the customer's name (1280 px wide and up).
        left.setMinimumWidth(320)
        top = hbox()
        top.addWidget(self._list_title)
        top.addStretch(1)
        top.addWidget(self._show_ruled_check)
        left_layout.addLayout(top)
        left_layout.addWidget(self._case_table, 1)
        left_layout.addWidget(self._no_cases_label)

        detail = vbox(self._detail_page, margin=0)
        head = hbox()
        head_text = vbox(margin=0)
        head_text.setSpacing(2)
        head_text.addWidget(self._customer_label)
        head_text.addWidget(self._case_label)
        head.addLayout(head_text, 1)
        head.addWidget(self._print_button, 0, Qt.AlignmentFlag.AlignTop)
        detail.addLayout(head)

        evidence = vbox(self._evidence_box.body(), margin=0)
        evidence.addWidget(self._evidence_table)
        detail.addWidget(self._evidence_box, 1)

        proposal = QGridLayout(self._proposal_box.body())
        proposal.setContentsMargins(0, 0, 0, 0)
        proposal.setHorizontalSpacing(SPACING * 2)
        proposal.setVerticalSpacing(SPACING // 2 + 2)
        body = self._proposal_box.body()
        proposal.addWidget(QLabel(_tr("建议归属："), body), 0, 0)
        proposal.addWidget(self._proposed_owner_label, 0, 1)
        proposal.addWidget(QLabel(_tr("依据条款："), body), 1, 0)
        proposal.addWidget(self._proposed_rules_label, 1, 1)
        proposal.addWidget(QLabel(_tr("说明："), body), 2, 0, Qt.AlignmentFlag.AlignTop)
        proposal.addWidget(self._proposed_text_label, 2, 1)
        proposal.setColumnStretch(1, 1)
        detail.addWidget(self._proposal_box)

        ruling = QGridLayout(self._ruling_box.body())
        ruling.setContentsMargins(0, 0, 0, 0)
        ruling.setHorizontalSpacing(SPACING * 2)
        ruling.setVerticalSpacing(SPACING)
        ruling.addWidget(self._confirm_radio, 0, 0, 1, 3)
        ruling.addWidget(self._override_radio, 1, 0)
        ruling.addWidget(self._override_combo, 1, 1)
        ruling.addWidget(self._reason_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        ruling.addWidget(self._reason_edit, 2, 1, 1, 2)
        ruling.addWidget(self._ruled_label, 3, 0, 1, 3)
        bottom = hbox()
        bottom.addWidget(self._rights_label, 1)
        bottom.addWidget(self._confirm_button)
        ruling.addLayout(bottom, 4, 0, 1, 3)
        ruling.setColumnStretch(2, 1)
        detail.addWidget(self._ruling_box)

        self._detail_stack.addWidget(self._empty_page)
        self._detail_stack.addWidget(self._detail_page)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(SPACING * 3)
        splitter.addWidget(left)
        splitter.addWidget(self._detail_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 740])
        root = vbox(self)
        root.addWidget(splitter, 1)
        root.addWidget(self._status)
        self.setMinimumSize(QSize(900, 560))

    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self.refresh)
        self._ctx.user_changed.connect(self._on_user_changed)
        self._show_ruled_check.toggled.connect(self.refresh)
        self._case_table.selectionModel().selectionChanged.connect(self._on_case_selected)
        self._mode_group.buttonToggled.connect(self._on_mode_toggled)
        self._override_combo.currentIndexChanged.connect(self._on_override_changed)
        self._reason_edit.textChanged.connect(self._on_reason_changed)
        self._confirm_button.clicked.connect(self._on_confirm_clicked)
        self._print_button.clicked.connect(self._on_print_clicked)

    # ------------------------------------------------------------------ showing a case
    def _show_case(self, view: DisputeView | None) -> None:
        if view is None:
            self._detail_stack.setCurrentWidget(self._empty_page)
            self._evidence_model.set_rows([])
            return
        self._detail_stack.setCurrentWidget(self._detail_page)
        office = self._ctx.office
        self._customer_label.setText(view.customer)
        if view.kind == "claim":
            what = _tr("{claimant}于{time}认领（第20条），现由{owner}接待并归属")
        else:
            what = _tr("{claimant}于{time}提出归属争议，现归{owner}")
        self._case_label.setText(
            _tr("电话 {phone}　·　").format(phone=masked(view.phone))
            + what.format(claimant=view.claimant_name, time=f"{view.raised:%m-%d %H:%M}", owner=view.against_name))
        self._evidence_model.set_rows(view.evidence)
        proposed_ok = self._proposal_confirmable(view)
        self._proposed_owner_label.setText(f"<b>{view.proposed_name or '—'}</b>")
        self._proposed_rules_label.setText("、".join(view.proposed_rules) or "—")
        self._proposed_text_label.setText(self._proposal_text(view) or "—")
        if view.proposed:
            self._confirm_radio.setText(_tr("确认系统建议：归{name}").format(name=view.proposed_name or "—"))
        else:  # e.g. a claim that points at no earlier record (R20): the site manager rules on the visit book
            self._confirm_radio.setText(_tr("系统未提出建议，请查阅来访登记本后裁决"))
        first = [k for k in (view.claimant, view.against, view.proposed) if k and k != POOL]
        keep = self._override_combo.currentData()
        fill_staff_combo(self._override_combo, office, keep, include=in_rotation_role, first=first,
                         lang=self._ctx.lang)
        if self._override_combo.currentData() in (None, view.proposed) or keep is None:
            # Default the override to the other party: that is what an override usually means.
            other = next((k for k in first if k != view.proposed), None)
            index = self._override_combo.findData(other) if other else -1
            if index >= 0:
                self._override_combo.setCurrentIndex(index)
        self._mode_group.blockSignals(True)
        if not proposed_ok:
            self._override_radio.setChecked(True)
        elif not self._override_radio.isChecked():
            self._confirm_radio.setChecked(True)
        self._mode_group.blockSignals(False)
        if view.status == "open":
            self._ruled_label.setVisible(False)
        else:
            reason = view.reason or _tr("维持系统建议")
            self._ruled_label.setText(_tr("已裁决：归{name}。理由：{reason}").format(name=view.decision_name, reason=reason))
            self._ruled_label.setStyleSheet(f"color: {OK_INK.name()}; font-weight: 600;")
            self._ruled_label.setVisible(True)
        self._update_ruling_controls()

    def _proposal_text(self, view: DisputeView) -> str:
        """The proposal's explanation; in English from the claim record (DisputeView carries only Chinese)."""
        if self._ctx.lang == "en":
            record = next((r for r in self._ctx.office.claims if r.id == view.id), None)
            if record is not None and record.proposed_en:
                return record.proposed_en
        return view.proposed_explanation

    def _proposal_confirmable(self, view: DisputeView) -> bool:
        st = self._ctx.office.staff.get(view.proposed) if view.proposed else None
        return st is not None and st.active

    def _update_ruling_controls(self) -> None:
        view = self.current_case()
        ctx = self._ctx
        may_rule = ctx.may("ruling")
        open_case = view is not None and view.status == "open"
        editable = may_rule and open_case
        proposed_ok = view is not None and self._proposal_confirmable(view)
        overriding = self._override_radio.isChecked()
        for w in (self._confirm_radio, self._override_radio, self._override_combo, self._reason_edit,
                  self._reason_label):
            w.setEnabled(editable)
        self._confirm_radio.setEnabled(editable and proposed_ok)
        self._override_combo.setEnabled(editable and overriding)
        has_reason = bool(self._reason_edit.toPlainText().strip())
        ready = editable and (has_reason and self._override_combo.currentData() is not None
                              if overriding else proposed_ok)
        self._confirm_button.setEnabled(ready)
        if not may_rule:
            tip = _tr("只有案场经理或以上可以裁决（第32条）")
            self._rights_label.setText(tip)
            self._ruling_box.setToolTip(who_may(ctx, "ruling", "R32"))
            self._ruling_box.set_note(only_for(ctx, "ruling"))
            self._confirm_button.setToolTip(tip)
        else:
            self._ruling_box.setToolTip("")
            self._ruling_box.set_note("")
            if not open_case:
                self._rights_label.setText(_tr("本案已裁决。"))
            elif overriding and not has_reason:
                self._rights_label.setText(_tr("改判须写明理由（第32条）。"))
            else:
                self._rights_label.setText("")
            self._confirm_button.setToolTip(_tr("记录裁决；当事各方须服从（第32条）"))
        self._reason_edit.setPlaceholderText(
            _tr("必填：说明改判的理由，如证据核实情况") if overriding else _tr("选填：补充说明"))
        self._print_button.setEnabled(view is not None)

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_user_changed(self) -> None:
        self._show_case(self.current_case())

    @Slot()
    def _on_case_selected(self, *_args) -> None:
        self._reason_edit.blockSignals(True)
        self._reason_edit.clear()
        self._reason_edit.blockSignals(False)
        self._mode_group.blockSignals(True)
        self._confirm_radio.setChecked(True)
        self._mode_group.blockSignals(False)
        self._status.clear_message()
        self._show_case(self.current_case())

    @Slot()
    def _on_mode_toggled(self, *_args) -> None:
        self._update_ruling_controls()

    @Slot(int)
    def _on_override_changed(self, _index: int) -> None:
        self._update_ruling_controls()

    @Slot()
    def _on_reason_changed(self) -> None:
        self._update_ruling_controls()

    @Slot()
    def _on_confirm_clicked(self) -> None:
        view = self.current_case()
        if view is None or not self._confirm_button.isEnabled():
            return
        ctx = self._ctx
        ref = customer_ref(ctx.office, view.customer_id) or f"#{view.customer_id}"  # "#<id>": no name or phone yet
        decision_key = self._override_combo.currentData() if self._override_radio.isChecked() else view.proposed
        cmd = Ruling(ref, decision_key, reason=self._reason_edit.toPlainText().strip())
        try:
            decision = ctx.run(cmd)
        except RuleError as err:
            self._status.show_error(ctx.error_text(err))
            return
        self._reason_edit.clear()
        self._status.show_ok(decision_text(ctx, decision))
        self.ruling_made.emit(view.customer_id)

    @Slot()
    def _on_print_clicked(self) -> None:
        view = self.current_case()
        if view is None:
            return
        ctx = self._ctx
        now = ctx.clock()
        office_name = office_header(ctx.office)[0]
        try:
            directory = self._print_dir or printing.default_print_dir()
            path = printing.case_pdf(ctx.office, view.customer_id,
                                     printing.print_path("case", now, directory, suffix=str(view.id)),
                                     office_name=office_name, printed_at=now)
        except (OSError, RuleError) as err:
            text = ctx.error_text(err) if isinstance(err, RuleError) else str(err)
            self._status.show_error(_tr("裁决书保存失败：{error}").format(error=text))
            return
        self._status.show_ok(_tr("裁决书已保存：{path}").format(path=str(path)))
        self.case_printed.emit(str(path))
        if self._interactive:
            self._pdf_printer.offer(path, _tr("打印裁决书"))
