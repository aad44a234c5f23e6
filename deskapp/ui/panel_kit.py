"""What the notice, dispute and supervisor panels and the sign-in dialog share.

Column-described DTO models (on the shared dto_model), a table view set up the same way
everywhere, titled cards, an inline status line for decisions and refusals, a customer picker
and staff combo boxes. Nothing here decides a rule: the panels build commands and `ctx.run` them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deskapp.domain import POOL
from deskapp.domain.errors import RuleError
from deskapp.domain.roles import ACTIONS, ROLE_EN, ROLE_ZH, Role
from deskapp.services import queries
from deskapp.services.dto import CustomerHit

from . import theme
from .dto_model import DtoRole, DtoTableModel

T = TypeVar("T")

# Spacing every panel uses, so they line up inside the main window.
MARGIN = 12
SPACING = 8

# Shading for records that are void as evidence (R3), muted text, and "settled / admissible" green.
VOID_FILL = QColor(theme.DANGER_SOFT)
VOID_INK = QColor(theme.DANGER)
MUTED_INK = QColor(theme.MUTED)
OK_INK = QColor(theme.STATE_COLORS["free"][1])
WAIT_INK = QColor(theme.BADGE_FG)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PanelKit", text)


# --------------------------------------------------------------------------------------- helpers
def customer_ref(office, customer_id: int) -> str | None:
    """A reference the rulebook resolves back to exactly this customer (phone first, then alias or name)."""
    cust = office.customers.get(customer_id)
    if cust is None:
        return None
    if cust.phones:
        return cust.phones[0]
    for ref in (cust.alias, cust.name):
        if ref and office.by_ref.get(ref) == customer_id:
            return ref
    return None


def staff_name(office, key: str | None) -> str:
    if not key:
        return "—"
    if key == POOL:
        return _tr("销售部")
    st = office.staff.get(key)
    return st.name if st else key


def role_label(role: Role, lang: str) -> str:
    return ROLE_EN[role] if lang == "en" else ROLE_ZH[role]


def rule_ref(rules: Sequence[str], lang: str) -> str:
    """('R4', 'R6') as the user reads rule numbers: '第4、6条' or 'R4, R6'."""
    if lang == "en":
        return ", ".join(rules)
    return "第" + "、".join(r.lstrip("R") for r in rules) + "条"


def who_may(ctx, action: str, *rules: str) -> str:
    """The tooltip on a control the person at the desk may not use: who may, and the rule that says so."""
    minimum = ACTIONS[action][0]
    return _tr("需{role}或以上（{rule}）").format(role=role_label(minimum, ctx.lang), rule=rule_ref(rules, ctx.lang))


def only_for(ctx, action: str) -> str:
    """A short 'only X or above' note for a disabled box's title."""
    return _tr("仅限{role}或以上").format(role=role_label(ACTIONS[action][0], ctx.lang))


def decision_text(ctx, decision) -> str:
    return decision.explanation_en if ctx.lang == "en" else decision.explanation_zh


def run_command(ctx, status: StatusLine, cmd):
    """Run a command as the person at the desk; show the decision or the refusal inline. None if refused."""
    try:
        decision = ctx.run(cmd)
    except RuleError as err:
        status.show_error(ctx.error_text(err))
        return None
    status.show_ok(decision_text(ctx, decision))
    return decision


def masked(phone: str) -> str:
    return queries.masked(phone) if phone else "—"


# ------------------------------------------------------------------------------------ table model
@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a DTO table: its header, its text and, optionally, how it sorts and aligns."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[T], str] | None = None


class ColumnTableModel(DtoTableModel[T]):
    """The shared read-only DTO model (dto_model.DtoTableModel) described by a list of Columns."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], Any], parent=None):
        super().__init__(key, parent)
        self._columns = list(columns)

    # ---- styling hooks for subclasses
    def row_background(self, item: T) -> QColor | None:
        return None

    def cell_foreground(self, item: T, column: int) -> QColor | None:
        return None

    # ---- DtoTableModel
    def headers(self) -> list[str]:
        return [c.title for c in self._columns]

    def cell(self, row: T, column: int, role: int) -> Any:
        if not (0 <= column < len(self._columns)):
            return None
        col = self._columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align.value)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.row_background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.cell_foreground(row, column)
            return QBrush(color) if color is not None else None
        if role == DtoRole.SORT:
            return col.sort(row) if col.sort else col.text(row)
        return None


def sorting_proxy(model: QAbstractTableModel, parent=None) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(int(DtoRole.SORT))
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def make_table_view(proxy: QSortFilterProxyModel, parent=None, stretch: Sequence[int] = (),
                    wrap: bool = False) -> QTableView:
    """A read-only, single-row-selection table the same in every panel.

    Columns fit their contents; the `stretch` columns (default: the last) share what is left.
    `wrap` lets long text wrap in those columns (rows grow) instead of scrolling sideways.
    """
    view = PanelTable(parent)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(wrap)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setCornerButtonEnabled(False)
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 14)
    rows.setMinimumSectionSize(view.fontMetrics().height() + 14)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(not stretch)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumHeight(view.fontMetrics().height() + 14)
    if stretch:
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Bound to the view (not a lambda), so the connections die with it.
    proxy.modelReset.connect(view.fit_columns)
    proxy.layoutChanged.connect(view.fit_columns)
    proxy.rowsInserted.connect(view.fit_columns)
    view.fit_columns()
    return view


class PanelTable(QTableView):
    """The panels' table: columns refit to their contents whenever the rows change."""

    @Slot()
    def fit_columns(self, *_args) -> None:
        fit_columns(self)


def fit_columns(view: QTableView, padding: int = 12, maximum: int = 320) -> None:
    """Size the non-stretching columns to their contents plus a little air (header text included)."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column) + padding, maximum))


def selected_item(view: QTableView, proxy: QSortFilterProxyModel, model: ColumnTableModel):
    """The DTO of the selected row (mapped to the source model first), or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    source = proxy.mapToSource(rows[0])
    return model.row_at(source.row()) if source.isValid() else None


def select_where(view: QTableView, proxy: QSortFilterProxyModel, model: ColumnTableModel, test) -> bool:
    """Select the first row whose DTO passes `test` (used to keep a selection across a refresh)."""
    for r, item in enumerate(model.rows):
        if test(item):
            index = proxy.mapFromSource(model.index(r, 0))
            if index.isValid():
                view.selectRow(index.row())
                view.scrollTo(index)
                return True
    return False


# ------------------------------------------------------------------------------------ status line
class StatusLine(QLabel):
    """An inline banner under a panel's controls: the decision's explanation, or why it was refused."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.kind = ""
        self.clear_message()

    def show_ok(self, text: str) -> None:
        self._show("ok", text)

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.setVisible(False)

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        colors = {
            "ok": (theme.STATE_COLORS["free"][0], theme.STATE_COLORS["free"][1], "#B7DFC5"),
            "error": (theme.DANGER_SOFT, theme.DANGER, "#F3B8B2"),
            "info": (theme.ACCENT_SOFT, theme.ACCENT_DARK, "#B5E2DA"),
        }[kind]
        self.setStyleSheet(
            f"QLabel#statusLine {{ background: {colors[0]}; color: {colors[1]}; border: 1px solid {colors[2]};"
            " border-radius: 6px; padding: 7px 12px; }"
        )
        self.setText(text)
        self.setVisible(True)


class Card(QFrame):
    """A titled white card (the theme's QFrame#card) holding one tool; disabling it greys the whole tool."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The app style sheet colours all text alike; a locked tool must look locked.
        self.setStyleSheet(
            f"QLabel:disabled, QRadioButton:disabled, QCheckBox:disabled {{ color: {theme.FAINT}; }}"
            f"QComboBox:disabled, QLineEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled"
            f" {{ color: {theme.FAINT}; background: #F3F5F7; border-color: {theme.LINE}; }}")
        self._title_label = QLabel(title, self)
        self._title_label.setObjectName("sectionTitle")
        font = self._title_label.font()
        font.setBold(True)
        self._title_label.setFont(font)
        self._note_label = QLabel(self)
        self._note_label.setObjectName("hint")
        self._note_label.setVisible(False)
        self._body = QWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN + 2, MARGIN, MARGIN + 2, MARGIN)
        outer.setSpacing(SPACING)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(SPACING)
        head.addWidget(self._title_label)
        head.addStretch(1)
        head.addWidget(self._note_label)
        outer.addLayout(head)
        outer.addWidget(self._body, 1)

    def body(self) -> QWidget:
        """The widget to put the card's layout on."""
        return self._body

    def title(self) -> str:
        return self._title_label.text()

    def set_note(self, text: str) -> None:
        """A short note right of the title (e.g. who may use a locked tool)."""
        self._note_label.setText(text)
        self._note_label.setVisible(bool(text))


def hint_label(text: str, parent=None) -> QLabel:
    """Explanatory text in a muted colour (the theme's QLabel#hint; the palette when there is no theme)."""
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    palette = label.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, MUTED_INK)
    label.setPalette(palette)
    return label


def staff_combo(parent=None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def title_label(text: str, parent=None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


# ------------------------------------------------------------------------------------ staff combos
def fill_staff_combo(combo: QComboBox, office, keep_key: str | None = None, *,
                     include: Callable[[Any], bool] | None = None, blank: str | None = None,
                     first: Sequence[str] = (), lang: str = "zh") -> None:
    """Fill a combo with active staff (`include` filters); item data is the staff key; keeps the choice."""
    keep = keep_key if keep_key is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    staff = [s for s in office.staff.values() if s.active and (include is None or include(s))]
    staff.sort(key=lambda s: (s.key not in first, first.index(s.key) if s.key in first else 0))
    for st in staff:
        combo.addItem(st.name, st.key)
        tip = f"{st.name} · {role_label(st.role, lang)}" + (f" · {st.team}" if st.team else "")
        combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(keep) if keep is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
    combo.blockSignals(False)
    fit_combo(combo)


def fit_combo(combo: QComboBox) -> None:
    """Wide enough for its longest item plus the style sheet's padding and arrow (sizeHint forgets them)."""
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.setMinimumWidth(max(widest + 56, 120))


def in_rotation_role(st) -> bool:
    return st.role.in_rotation


# ---------------------------------------------------------------------------------- customer picker
class CustomerPicker(QWidget):
    """Find a customer by phone tail, name or pinyin initials and pick one of the matches."""

    customer_picked = Signal(int)  # customer id; -1 when the choice was cleared

    def __init__(self, ctx, placeholder: str = "", allow_none: bool = True, parent=None):
        super().__init__(parent)
        self._ctx = ctx
        self._allow_none = allow_none
        self._filter: Callable[[CustomerHit], bool] | None = None
        self._search_edit = QLineEdit(self)
        self._search_edit.setPlaceholderText(placeholder or _tr("电话尾号、姓名或拼音首字母"))
        self._search_edit.setClearButtonEnabled(True)
        self._result_combo = QComboBox(self)
        self._result_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._result_combo.setMinimumContentsLength(16)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self._search_edit, 2)
        layout.addWidget(self._result_combo, 3)
        self._connect_signals()
        self._fill([])

    def _connect_signals(self) -> None:
        self._search_edit.textChanged.connect(self._on_text_changed)
        self._debounce.timeout.connect(self._on_search_due)
        self._result_combo.currentIndexChanged.connect(self._on_result_changed)

    # ---- public
    def set_filter(self, test: Callable[[CustomerHit], bool] | None) -> None:
        self._filter = test
        self.search_now()

    def search_now(self) -> None:
        self._debounce.stop()
        self._on_search_due()

    def set_text(self, text: str) -> None:
        self._search_edit.setText(text)
        self.search_now()

    def select_customer(self, customer_id: int) -> bool:
        """Choose one of the current matches by customer id."""
        index = self._result_combo.findData(customer_id)
        if index >= 0:
            self._result_combo.setCurrentIndex(index)
        return index >= 0

    def selected_id(self) -> int | None:
        data = self._result_combo.currentData()
        return int(data) if data is not None else None

    def selected_ref(self) -> str | None:
        cid = self.selected_id()
        return customer_ref(self._ctx.office, cid) if cid is not None else None

    def clear(self) -> None:
        self._search_edit.clear()
        self._fill([])

    # ---- slots
    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    @Slot()
    def _on_search_due(self) -> None:
        hits = queries.find_customers(self._ctx.service, self._search_edit.text(), limit=30)
        if self._filter is not None:
            hits = [h for h in hits if self._filter(h)]
        self._fill(hits)

    @Slot(int)
    def _on_result_changed(self, _index: int) -> None:
        cid = self.selected_id()
        self.customer_picked.emit(cid if cid is not None else -1)

    def _fill(self, hits: list[CustomerHit]) -> None:
        before = self.selected_id()
        self._result_combo.blockSignals(True)
        self._result_combo.clear()
        if self._allow_none or not hits:
            empty = _tr("（不指定）") if self._allow_none else _tr("（请先搜索客户）")
            if self._search_edit.text().strip() and not hits:
                empty = _tr("没有找到匹配的客户")
            self._result_combo.addItem(empty, None)
        for h in hits:
            owner = h.owner_name if h.owner else _tr("无归属")
            self._result_combo.addItem(
                _tr("{name}  {phone}  · 归{owner}").format(name=h.name, phone=masked(h.phone), owner=owner), h.id)
        index = self._result_combo.findData(before) if before is not None else -1
        if index < 0 and hits and not self._allow_none:
            index = self._result_combo.findData(hits[0].id)
        self._result_combo.setCurrentIndex(max(index, 0))
        self._result_combo.setEnabled(bool(hits))
        self._result_combo.blockSignals(False)
        if self.selected_id() != before:
            self._on_result_changed(self._result_combo.currentIndex())


def vbox(parent: QWidget | None = None, margin: int = MARGIN) -> QVBoxLayout:
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(SPACING)
    return layout


def hbox(parent: QWidget | None = None, margin: int = 0) -> QHBoxLayout:
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(SPACING)
    return layout


def heading_row(title: QLabel, subtitle: QLabel, *tools: QWidget | int) -> QHBoxLayout:
    """A panel's top row: its title over a subtitle on the left, its tools on the right (an int in
    `tools` is a gap of that many pixels)."""
    row = hbox()
    heading = vbox(margin=0)
    heading.setSpacing(2)
    heading.addWidget(title)
    heading.addWidget(subtitle)
    row.addLayout(heading)
    row.addStretch(1)
    for tool in tools:
        if isinstance(tool, int):
            row.addSpacing(tool)
        else:
            row.addWidget(tool)
    return row


# -------------------------------------------------------------------------------------- printing
def primary_button(text: str, parent=None):
    """The one main action of a card (the theme's QPushButton#primary)."""
    from PySide6.QtWidgets import QPushButton

    button = QPushButton(text, parent)
    button.setObjectName("primary")
    return button
