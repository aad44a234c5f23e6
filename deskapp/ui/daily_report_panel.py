"""每日报表: one working day per consultant — receptions by kind (chart and table), skips, make-up credits,
claims, disputes, deals, refusals and sanctions — and the printed A4 report.

The numbers come from deskapp.services.daily_report (journal replay when the service has a journal);
nothing here counts or decides anything.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QMargins,
    QModelIndex,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QCursor,
    QFont,
    QKeySequence,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QToolTip,
    QWidget,
)

from deskapp.domain.errors import RuleError
from deskapp.domain.roles import ROLE_EN, ROLE_ZH
from deskapp.reports import printing
from deskapp.services.daily_report import (
    KIND_KEYS,
    TOTAL_KEY,
    ConsultantDay,
    DailyReport,
    daily_report,
    share_text,
)

from . import theme
from .dto_model import DtoRole
from .panel_kit import (
    Card,
    Column,
    ColumnTableModel,
    StatusLine,
    heading_row,
    hint_label,
    make_table_view,
    primary_button,
    title_label,
    vbox,
)
from .pdf_print import PdfPrinter

# Bar colours per reception kind (the board's palette: teal rotation, violet make-up, blue own...).
KIND_COLORS: dict[str, str] = {
    "rotation": theme.ACCENT,
    "makeup": "#7C5CD6",
    "own": "#2F6FDB",
    "standin": "#E08A1E",
    "duty": "#7B8794",
}
FAINT_INK = QColor(theme.FAINT)
TOTAL_FILL = QColor(theme.HEADER)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DailyReportPanel", text)


def kind_label(kind: str) -> str:
    return {
        "rotation": _tr("轮接"),
        "makeup": _tr("补接"),
        "own": _tr("老客户/指定"),
        "standin": _tr("代接待"),
        "duty": _tr("值班"),
    }[kind]


def _n(value: int | None) -> str:
    return "—" if value is None else str(value)


def _sort(value: int | None) -> int:
    return -1 if value is None else value


def _who_tip(r: ConsultantDay) -> str:
    if r.is_total:
        return _tr("当天所有置业顾问的合计；成交套数每套只计一次")
    role = r.role
    if _tr("姓名") != "姓名":  # an English catalogue is installed
        role = next((ROLE_EN[k] for k, v in ROLE_ZH.items() if v == r.role), r.role)
    return " · ".join(x for x in (r.name, role, r.team or "") if x)


def _sanction_tip(r: ConsultantDay) -> str:
    return "\n".join(r.sanction_notes) if r.sanction_notes else ""


def _columns() -> list[Column[ConsultantDay]]:
    right = Qt.AlignmentFlag.AlignCenter

    def count(title: str, get, tip=None) -> Column[ConsultantDay]:
        return Column(title, lambda r: _n(get(r)), sort=lambda r: _sort(get(r)), align=right, tooltip=tip)

    cols: list[Column[ConsultantDay]] = [
        Column(_tr("姓名"), lambda r: r.name if not r.is_total else _tr("合计"),
               sort=lambda r: r.key, tooltip=_who_tip),
    ]
    cols += [count(kind_label(k), lambda r, k=k: r.by_kind(k)) for k in KIND_KEYS]
    cols += [
        count(_tr("合计"), lambda r: r.receptions),
        count(_tr("跳过·补"), lambda r: r.skips_credit),
        count(_tr("跳过·不补"), lambda r: r.skips_plain),
        count(_tr("获补接"), lambda r: r.credits_earned),
        count(_tr("用补接"), lambda r: r.credits_used),
        count(_tr("认领"), lambda r: r.claims),
        count(_tr("认领成立"), lambda r: r.claims_won),
        count(_tr("争议"), lambda r: r.disputes),
        count(_tr("争议成立"), lambda r: r.disputes_won),
        count(_tr("成交"), lambda r: r.deals),
        Column(_tr("业绩"), lambda r: share_text(r.deal_share), sort=lambda r: r.deal_share, align=right),
        count(_tr("拒接"), lambda r: r.refusals),
        count(_tr("处罚"), lambda r: r.sanctions, tip=_sanction_tip),
    ]
    return cols


def _header_tips() -> list[str]:
    return [
        _tr("置业顾问与组长（当天有记录的其他人员也列出）"),
        _tr("按轮次接待新客户，占用轮次（第1条）"),
        _tr("使用补接名额接待，轮次不动"),
        _tr("本人老客户（第2条）及点名指定本人的客户，不占轮次"),
        _tr("原置业顾问不在现场时代为接待，客户仍归原置业顾问（第2、15条）"),
        _tr("值班时段接待（第38条）"),
        _tr("当天实际接待的组数（被取消或拒接的不计）"),
        _tr("被轮次跳过并获得补接名额（案场公事外出，第4条）"),
        _tr("被轮次跳过、不补（接待中、私事外出或欠一次轮次，第4、11、25条）"),
        _tr("当天获得的补接名额（跳过、代接待、同行、认领成立、主管补发）"),
        _tr("当天用补接名额接待的次数"),
        _tr("当天提出的认领（第20条）"),
        _tr("其中案场经理裁决归本人的"),
        _tr("当天提出的归属争议（第16、17、22条）"),
        _tr("其中案场经理裁决归本人的"),
        _tr("当天签约、本人参与分配业绩的成交套数"),
        _tr("本人所占业绩份额（平分为0.5，第16、22条）"),
        _tr("拒绝接待客户的次数（第28条）"),
        _tr("当天登记的处罚（第18、28、33条）"),
    ]


class DailyReportModel(ColumnTableModel[ConsultantDay]):
    """A row per consultant and, last, the totals row (bold, shaded)."""

    def __init__(self, parent=None):
        super().__init__(_columns(), key=lambda r: r.key, parent=parent)
        self._tips = _header_tips()

    def set_report(self, report: DailyReport | None) -> None:
        self.set_rows(() if report is None else (*report.rows, report.totals))

    def row_background(self, item: ConsultantDay) -> QColor | None:
        return TOTAL_FILL if item.is_total else None

    def cell_foreground(self, item: ConsultantDay, column: int) -> QColor | None:
        if column and not item.is_total and self._columns[column].text(item) in ("0", "—"):
            return FAINT_INK
        return None

    def cell(self, row: ConsultantDay, column: int, role: int):
        if role == Qt.ItemDataRole.FontRole and row.is_total:
            font = QFont()
            font.setBold(True)
            return font
        return super().cell(row, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt signature
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._tips):
            if int(role) == int(Qt.ItemDataRole.ToolTipRole):
                return self._tips[section]
            if int(role) == int(Qt.ItemDataRole.TextAlignmentRole):
                align = Qt.AlignmentFlag.AlignCenter if section else Qt.AlignmentFlag.AlignLeft
                return int((align | Qt.AlignmentFlag.AlignVCenter).value)
        return super().headerData(section, orientation, role)


class TotalsLastProxy(QSortFilterProxyModel):
    """Sorts by DtoRole.SORT and keeps the totals row at the bottom in either order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(int(DtoRole.SORT))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 - Qt signature
        model = self.sourceModel()
        lt = model.data(left.siblingAtColumn(0), int(DtoRole.KEY)) == TOTAL_KEY
        rt = model.data(right.siblingAtColumn(0), int(DtoRole.KEY)) == TOTAL_KEY
        if lt or rt:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (rt and not lt) != descending
        a, b = model.data(left, self.sortRole()), model.data(right, self.sortRole())
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _nice_top(value: int) -> tuple[int, int]:
    """An axis maximum and tick count giving whole-number ticks for counts up to ``value``."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if math.ceil(value / step) <= 6:
            top = math.ceil(value / step) * step
            return top, top // step + 1
    step = 10 ** len(str(value))
    return step, 2


class DailyReportPanel(QWidget):
    """每日报表: date picker, stacked bar chart of receptions by kind, the table, and 打印报表."""

    report_printed = Signal(str)  # path of the saved PDF

    def __init__(self, ctx, parent=None, *, print_dir: Path | None = None, interactive: bool = True):
        super().__init__(parent)
        self._ctx = ctx
        self._print_dir = print_dir
        self._interactive = interactive  # False in tests: never open a dialog or another program
        self._pdf_printer = PdfPrinter(self)
        self._report: DailyReport | None = None
        self._stale = False
        self._model = DailyReportModel(self)
        self._proxy = TotalsLastProxy(self)
        self._proxy.setSourceModel(self._model)
        self._title_label = title_label(_tr("每日报表"), self)
        self._date_label = hint_label("", self)
        self._date_label.setWordWrap(False)
        self._prev_button = QToolButton(self)
        self._prev_button.setText("‹")
        self._prev_button.setToolTip(_tr("前一天"))
        self._next_button = QToolButton(self)
        self._next_button.setText("›")
        self._next_button.setToolTip(_tr("后一天"))
        self._date_edit = QDateEdit(self)
        self._date_edit.setCalendarPopup(True)
        self._date_edit.setDisplayFormat(_tr("yyyy年M月d日 dddd"))
        self._date_edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
                                  if ctx.lang == "en" else QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._date_edit.setMinimumWidth(190)
        self._today_button = QPushButton(_tr("今天"), self)
        self._print_action = QAction(_tr("打印报表"), self)
        self._print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self._print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._print_action.setToolTip(_tr("保存当天报表PDF（A4横向），可打开或打印（Ctrl+P）"))
        self.addAction(self._print_action)
        self._print_button = primary_button(_tr("打印报表"), self)
        self._print_button.setToolTip(self._print_action.toolTip())
        self._chart_card = Card(_tr("接待构成"), self)
        self._chart, self._series, self._sets, self._axis_x, self._axis_y = self._make_chart()
        self._chart_view = QChartView(self._chart, self._chart_card.body())
        self._chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart_view.setMinimumHeight(200)
        self._chart_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._chart_view.setStyleSheet("background: transparent;")
        self._empty_label = hint_label(_tr("当天没有接待记录。"), self._chart_card.body())
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._table_card = Card(_tr("明细"), self)
        # The name column takes the room left; the figures fit their headers (scrolling when narrow).
        self._table = make_table_view(self._proxy, self._table_card.body(), stretch=(0,))
        self._table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self._table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's order until a header is clicked
        header.setSortIndicatorShown(False)  # narrow figure columns; the header tooltips say what they count
        self._proxy.sort(-1)
        self._note_label = hint_label("", self._table_card.body())
        self._status = StatusLine(self)
        self._build_layout()
        self._connect_signals()
        self.set_date(self._today())

    # ------------------------------------------------------------------ public
    def date(self) -> dt.date:
        return self._date_edit.date().toPython()

    def set_date(self, day: dt.date) -> None:
        """Show the report of ``day`` (clamped to today)."""
        self._date_edit.setMaximumDate(_qdate(self._today()))
        target = _qdate(min(day, self._today()))
        if self._date_edit.date() == target:
            self._refresh_when_seen()
        else:
            self._date_edit.setDate(target)  # dateChanged refreshes

    def report(self) -> DailyReport | None:
        return self._report

    def model(self) -> DailyReportModel:
        return self._model

    def proxy(self) -> QSortFilterProxyModel:
        return self._proxy

    def chart(self) -> QChart:
        return self._chart

    def series(self) -> QStackedBarSeries:
        return self._series

    def print_action(self) -> QAction:
        """The panel's Ctrl+P action, for the main window's menu."""
        return self._print_action

    def status_text(self) -> str:
        return self._status.text()

    @Slot()
    def refresh(self) -> None:
        self._stale = False
        day = self.date()
        try:
            report = daily_report(self._ctx.service, day, now=self._ctx.clock())
        except Exception as err:  # a store error must not take the tab down; say what happened
            self._status.show_error(_tr("报表读取失败：{error}").format(error=str(err)))
            return
        self._report = report
        self._model.set_report(report)
        self._fill_chart(report)
        self._update_labels(report)
        self._next_button.setEnabled(day < self._today())

    # ------------------------------------------------------------------ building
    def _make_chart(self):
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setPlotAreaBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        series = QStackedBarSeries()
        series.setBarWidth(0.55)
        sets: dict[str, QBarSet] = {}
        for kind in KIND_KEYS:
            bar = QBarSet(kind_label(kind))
            color = QColor(KIND_COLORS[kind])
            bar.setColor(color)
            bar.setBorderColor(color)
            bar.setPen(QPen(Qt.PenStyle.NoPen))
            bar.setLabelColor(QColor("white"))
            series.append(bar)
            sets[kind] = bar
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setMinorTickCount(0)
        grid = QColor(theme.LINE)
        for axis in (axis_x, axis_y):
            axis.setLabelsColor(QColor(theme.MUTED))
            axis.setLinePen(QPen(grid))
            axis.setGridLinePen(QPen(grid))
        axis_x.setGridLineVisible(False)
        axis_y.setLineVisible(False)
        axis_y.setTitleText(_tr("接待（组）"))
        axis_y.setTitleBrush(QBrush(QColor(theme.MUTED)))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setLabelColor(QColor(theme.INK))
        return chart, series, sets, axis_x, axis_y

    def _build_layout(self) -> None:
        root = vbox(self)
        root.addLayout(heading_row(self._title_label, self._date_label, self._prev_button, self._date_edit,
                                   self._next_button, self._today_button, 12, self._print_button))
        chart_box = vbox(self._chart_card.body(), margin=0)
        chart_box.addWidget(self._chart_view, 1)
        chart_box.addWidget(self._empty_label)
        table_box = vbox(self._table_card.body(), margin=0)
        table_box.addWidget(self._table, 1)
        table_box.addWidget(self._note_label)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self._chart_card)
        split.addWidget(self._table_card)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 500])
        root.addWidget(split, 1)
        root.addWidget(self._status)
        self.setMinimumSize(QSize(720, 560))

    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self._on_changed)
        self._date_edit.dateChanged.connect(self._on_date_changed)
        self._prev_button.clicked.connect(self._on_prev_clicked)
        self._next_button.clicked.connect(self._on_next_clicked)
        self._today_button.clicked.connect(self._on_today_clicked)
        self._print_button.clicked.connect(self._print_action.trigger)
        self._print_action.triggered.connect(self._on_print_triggered)
        for bar in self._sets.values():
            bar.hovered.connect(self._on_bar_hovered)

    # ------------------------------------------------------------------ state
    def _today(self) -> dt.date:
        return self._ctx.clock().date()

    def _fill_chart(self, report: DailyReport) -> None:
        rows = report.rows
        names = [r.name for r in rows]
        self._axis_x.clear()
        self._axis_x.append(names)
        for kind, bar in self._sets.items():
            if bar.count():
                bar.remove(0, bar.count())
            bar.append([float(r.by_kind(kind)) for r in rows])
        top, ticks = _nice_top(max((r.receptions for r in rows), default=0))
        self._axis_y.setRange(0, top)
        self._axis_y.setTickCount(ticks)
        empty = report.totals.receptions == 0
        self._empty_label.setVisible(empty)

    def _update_labels(self, report: DailyReport) -> None:
        t = report.totals
        parts = [_tr("接待 {n} 组").format(n=t.receptions)]
        parts += [f"{kind_label(k)} {t.by_kind(k)}" for k in KIND_KEYS if t.by_kind(k)]
        parts.append(_tr("成交 {n} 套").format(n=t.deals))
        if report.unreceived:
            parts.append(_tr("未接待离开 {n} 组").format(n=report.unreceived))
        self._date_label.setText(" · ".join(parts))
        if report.exact:
            note = _tr("跳过与获得补接名额按操作日志统计。表头可查看每列的含义。")
        else:
            note = _tr("未连接操作日志：跳过次数无法统计（显示为“—”），获得补接名额只计仍持有的名额。")
        self._note_label.setText(note)

    def _office_name(self) -> str:
        saved = QSettings().value("office/name", None)
        if saved:
            return str(saved)
        return printing.office_name_of(self._ctx.office)

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt signature
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @Slot(QDate)
    def _on_date_changed(self, _date: QDate) -> None:
        self._refresh_when_seen()

    def _refresh_when_seen(self) -> None:
        """The report reads the journal: do it when someone looks at the tab, not while the window starts."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    @Slot()
    def _on_prev_clicked(self) -> None:
        self.set_date(self.date() - dt.timedelta(days=1))

    @Slot()
    def _on_next_clicked(self) -> None:
        self.set_date(self.date() + dt.timedelta(days=1))

    @Slot()
    def _on_today_clicked(self) -> None:
        self.set_date(self._today())

    @Slot(bool, int)
    def _on_bar_hovered(self, status: bool, index: int) -> None:
        bar = self.sender()
        if not status or not isinstance(bar, QBarSet) or self._report is None:
            QToolTip.hideText()
            return
        if 0 <= index < len(self._report.rows):
            row = self._report.rows[index]
            QToolTip.showText(QCursor.pos(), _tr("{name} · {kind} {n} 组（共 {total} 组）").format(
                name=row.name, kind=bar.label(), n=int(bar.at(index)), total=row.receptions), self._chart_view)

    @Slot()
    def _on_print_triggered(self) -> None:
        ctx = self._ctx
        now = ctx.clock()
        day = self.date()
        try:
            from deskapp.reports import daily_report as document

            report = daily_report(ctx.service, day, now=now)
            directory = self._print_dir or printing.default_print_dir()
            path = printing.print_path("daily", now, directory, suffix=f"{day:%Y%m%d}")
            document.render(report, path, self._office_name())
        except (OSError, RuleError) as err:
            text = ctx.error_text(err) if isinstance(err, RuleError) else str(err)
            self._status.show_error(_tr("报表PDF保存失败：{error}").format(error=text))
            return
        self._status.show_ok(_tr("报表已保存：{path}").format(path=str(path)))
        self.report_printed.emit(str(path))
        if self._interactive:
            self._pdf_printer.offer(path, _tr("打印报表"))  # print, preview or open, as the other panels do


