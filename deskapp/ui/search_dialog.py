"""Customer search (Ctrl+F): as-you-type by phone tail, name or pinyin, with the customer's whole history."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deskapp.services import dto, queries

from . import i18n, theme
from .board_model import sorting_proxy
from .context import AppContext
from .customer_model import CustomerHitModel, HistoryModel, find_customers
from .dialog_base import RememberingDialog
from .dto_model import DtoRole

SEARCH_DELAY_MS = 80


def _table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(32)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class CustomerDetailPane(QFrame):
    """Who the customer is, who owns them by which rule, and every record about them (R3: amended marked)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("card")
        self._detail: dto.CustomerDetail | None = None
        self._name_label = QLabel(self)
        self._name_label.setFont(theme.scaled(self.font(), 1.6, bold=True))
        self._facts_label = QLabel(self)
        self._facts_label.setWordWrap(True)
        self._facts_label.setTextFormat(Qt.TextFormat.RichText)
        self._empty_label = QLabel(self.tr("选择左侧的客户查看完整记录"), self)
        self._empty_label.setObjectName("hint")
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._history_title = QLabel(self.tr("来访与回访记录"), self)
        self._history_title.setObjectName("sectionTitle")
        self._history_model = HistoryModel(self)
        self._history_proxy = sorting_proxy(self._history_model, self)
        self._history_view = _table(self)
        self._history_view.setModel(self._history_proxy)
        self._history_view.setSortingEnabled(True)
        self._history_view.sortByColumn(HistoryModel.AT, Qt.SortOrder.DescendingOrder)  # newest first
        hh = self._history_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(HistoryModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (HistoryModel.KIND, HistoryModel.STATUS):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((HistoryModel.AT, 132), (HistoryModel.WHO, 68)):
            self._history_view.setColumnWidth(col, width)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 14, 16, 14)
        lay.setSpacing(8)
        lay.addWidget(self._name_label)
        lay.addWidget(self._facts_label)
        lay.addSpacing(4)
        lay.addWidget(self._history_title)
        lay.addWidget(self._history_view, 1)
        lay.addWidget(self._empty_label, 1)
        self.show_customer(None)

    @property
    def detail(self) -> dto.CustomerDetail | None:
        return self._detail

    def history_model(self) -> HistoryModel:
        return self._history_model

    def show_customer(self, cid: int | None) -> None:
        detail = queries.customer_detail(self._ctx.office, cid) if cid is not None else None
        self._detail = detail
        has = detail is not None
        for w in (self._name_label, self._facts_label, self._history_title, self._history_view):
            w.setVisible(has)
        self._empty_label.setVisible(not has)
        if detail is None:
            self._history_model.set_rows(())
            return
        self._name_label.setText(detail.name)
        owner = detail.owner_name if detail.owner else self.tr("无归属")
        rule = f"（{i18n.rule_text(detail.owner_rule)}）" if detail.owner_rule else ""
        since = detail.owner_since.strftime("%Y-%m-%d %H:%M") if detail.owner_since else "—"
        cont_color = "#17643A" if detail.continuous else theme.DANGER
        cont = self.tr("✓ 连续") if detail.continuous else self.tr("✗ 中断")
        amended = sum(1 for h in detail.history if h.amended)
        rows = [
            (self.tr("电话"), "、".join(detail.phones) or "—"),
            (self.tr("归属"), f"<b>{owner}</b>{rule}"),
            (self.tr("归属起始"), since),
            (self.tr("来源"), i18n.label(i18n.SOURCE, detail.source)),
            (self.tr("成交"), self.tr("已成交") if detail.has_deal else self.tr("未成交")),
            (self.tr("回访连续（R14）"), f"<span style='color:{cont_color}'>{cont}</span>" if detail.owner else "—"),
        ]
        if amended:
            rows.append((self.tr("已修改记录"), f"<span style='color:{theme.DANGER}'>"
                         + self.tr("{n}条，已修改（不作为依据）").format(n=amended) + "</span>"))
        html = "<table cellspacing='0' cellpadding='3'>" + "".join(
            f"<tr><td style='color:{theme.MUTED}; padding-right:14px'>{k}</td><td>{v}</td></tr>" for k, v in rows
        ) + "</table>"
        self._facts_label.setText(html)
        self._history_model.set_rows(self._history_in_language(detail))
        self._history_title.setText(self.tr("来访与回访记录（{n}）").format(n=len(detail.history)))


    def _history_in_language(self, detail: dto.CustomerDetail) -> tuple[dto.HistoryItem, ...]:
        """The history with each visit's explanation in the user's language (the DTO carries the Chinese)."""
        if self._ctx.lang.startswith("zh"):
            return detail.history
        office = self._ctx.office
        english = {}
        for vid in office.customer_visits.get(detail.id, []):
            v = office.visits[vid]
            english[(v.at, v.receiver or "")] = (getattr(v, "explanation_en", ""), v.cancelled)
        out = []
        for item in detail.history:
            text = item.text
            if item.kind == "visit" and (item.at, item.who) in english:
                en, cancelled = english[(item.at, item.who)]
                if en:
                    text = (self.tr("（已取消）") if cancelled else "") + en
            elif item.kind == "follow_up" and text == "回访":  # the default note of a follow-up
                text = self.tr("回访")
            elif item.kind == "deal":
                deal = re.fullmatch(r"成交，合同签署人(.*)", text)
                if deal:
                    text = self.tr("成交，合同签署人{name}").format(name=deal.group(1))
            out.append(item.replace(text=text) if text != item.text else item)
        return tuple(out)


class SearchDialog(RememberingDialog):
    """Find a customer as you type; the detail pane shows their whole history."""

    customer_selected = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("查找客户"))
        self.resize(1280, 740)
        self._search_edit = QLineEdit(self)
        self._search_edit.setPlaceholderText(self.tr("电话尾号、姓名或拼音首字母（如 zs 找张三）"))
        self._search_edit.setClearButtonEnabled(True)
        self._search_edit.setFont(theme.scaled(self.font(), 1.15))
        self._count_label = QLabel(self)
        self._count_label.setObjectName("caption")
        self._full_phone_check = QCheckBox(self.tr("显示完整号码"), self)
        self._hit_model = CustomerHitModel(self)
        self._hit_proxy = sorting_proxy(self._hit_model, self)
        self._hit_view = _table(self)
        self._hit_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._hit_view.setModel(self._hit_proxy)
        self._hit_view.setSortingEnabled(True)
        self._hit_view.sortByColumn(CustomerHitModel.LAST_VISIT, Qt.SortOrder.DescendingOrder)
        hh = self._hit_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        # the name takes what is left; every other column keeps its width, so none is ever cut off
        hh.setSectionResizeMode(CustomerHitModel.NAME, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(CustomerHitModel.CONTINUOUS, QHeaderView.ResizeMode.ResizeToContents)
        self._hit_view.setColumnHidden(CustomerHitModel.MATCHED, True)  # said in the name's tooltip
        for col, width in ((CustomerHitModel.PHONE, 110), (CustomerHitModel.OWNER, 76),
                           (CustomerHitModel.LAST_VISIT, 100)):
            self._hit_view.setColumnWidth(col, width)
        self._detail_pane = CustomerDetailPane(ctx, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)

        top = QGridLayout()
        top.setHorizontalSpacing(12)
        top.addWidget(self._search_edit, 0, 0)
        top.addWidget(self._full_phone_check, 0, 1)
        top.addWidget(self._count_label, 1, 0, 1, 2)
        left = QFrame(self)
        left.setObjectName("card")
        # name (at least 80) + phone + owner + last visit + follow-ups + frame and scroll bar
        fm = self._hit_view.fontMetrics()
        continuous = max(fm.horizontalAdvance(self._hit_model.headers()[CustomerHitModel.CONTINUOUS]),
                         fm.horizontalAdvance(QCoreApplication.translate("CustomerHitModel", "✗ 中断"))) + 24
        left.setMinimumWidth(80 + 110 + 76 + 100 + continuous + 24 + 24)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(12, 12, 12, 12)
        ll.addWidget(self._hit_view)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self._detail_pane)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 6)
        split.setSizes([520, 720])
        split.setHandleWidth(12)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 16, 18, 16)
        lay.setSpacing(10)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        hint = QHBoxLayout()
        hint_label = QLabel(self.tr("↑↓ 选择客户　Esc 关闭"), self)
        hint_label.setObjectName("hint")
        hint.addWidget(hint_label)
        hint.addStretch(1)
        lay.addLayout(hint)
        self._connect_signals()
        self._search_edit.installEventFilter(self)
        self._search_edit.setFocus()
        self._show_count(None)

    def _connect_signals(self) -> None:
        self._search_edit.textChanged.connect(self._on_text_changed)
        self._timer.timeout.connect(self._on_search_due)
        self._hit_view.selectionModel().currentRowChanged.connect(self._on_hit_current_changed)
        self._full_phone_check.toggled.connect(self._on_full_phone_toggled)
        self._ctx.changed.connect(self._on_ctx_changed)

    # ------------------------------------------------------------------ API
    def search_edit(self) -> QLineEdit:
        return self._search_edit

    def hit_model(self) -> CustomerHitModel:
        return self._hit_model

    def detail_pane(self) -> CustomerDetailPane:
        return self._detail_pane

    def search_now(self, text: str | None = None) -> None:
        """Run the search at once (tests, and Enter) instead of waiting for the typing pause."""
        if text is not None and text != self._search_edit.text():
            self._search_edit.setText(text)
        self._timer.stop()
        self._on_search_due()

    def select_row(self, proxy_row: int) -> None:
        idx = self._hit_proxy.index(proxy_row, 0)
        if idx.isValid():
            self._hit_view.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_customer(self, cid: int) -> bool:
        """Select a customer among the results (by id)."""
        r = self._hit_model.row_of_key(cid)
        if r < 0:
            return False
        self.select_row(self._hit_proxy.mapFromSource(self._hit_model.index(r, 0)).row())
        return True

    # ------------------------------------------------------------------ slots
    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_search_due(self) -> None:
        text = self._search_edit.text().strip()
        hits = find_customers(self._ctx.service, text) if text else []
        self._hit_model.set_rows(hits)
        self._show_count(len(hits) if text else None)
        if hits:
            self.select_row(0)
        else:
            self._detail_pane.show_customer(None)

    def _show_count(self, n: int | None) -> None:
        if n is None:
            self._count_label.setText(self.tr("输入至少一个字，结果随输入更新"))
        elif n == 0:
            self._count_label.setText(self.tr("没有找到客户"))
        else:
            self._count_label.setText(self.tr("找到 {n} 位客户").format(n=n))

    @Slot()
    def _on_hit_current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self._detail_pane.show_customer(None)
            return
        hit = self._hit_proxy.mapToSource(current).data(int(DtoRole.ROW))
        self._detail_pane.show_customer(hit.id)
        self.customer_selected.emit(hit.id)

    @Slot(bool)
    def _on_full_phone_toggled(self, full: bool) -> None:
        self._hit_model.set_full_phone(full)

    @Slot()
    def _on_ctx_changed(self) -> None:
        if self._search_edit.text().strip():
            self._on_search_due()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up/Down in the search field move through the results without leaving it."""
        if obj is self._search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._hit_proxy.rowCount():
                cur = self._hit_view.currentIndex().row()
                step = 1 if key == Qt.Key.Key_Down else -1
                self.select_row(max(0, min(self._hit_proxy.rowCount() - 1, cur + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_now()
                return True
        return super().eventFilter(obj, event)
