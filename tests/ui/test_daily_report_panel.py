"""每日报表 panel: the date, the stacked bar chart per reception kind, the table (qtmodeltester), printing."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from catalogues import tr_strings  # noqa: E402
from deskdata import OFFSCREEN_NOISE
from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtCore import QModelIndex, Qt, QTranslator

import deskapp
from deskapp.domain.commands import AddStaff, Answers, Arrive, Back, Deal, Finish, OpenDay, SignIn, StepOut
from deskapp.services import daily_report as service_module
from deskapp.services.office_service import OfficeService
from deskapp.services.persistence import PersistentOfficeService
from deskapp.ui import i18n
from deskapp.ui.context import AppContext
from deskapp.ui.daily_report_panel import KIND_COLORS, DailyReportModel, DailyReportPanel, TotalsLastProxy
from deskapp.ui.dto_model import DtoRole

pytestmark = [pytest.mark.usefixtures("desk_settings"), pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)]

PACKAGE = Path(deskapp.__file__).parent
TS_FILE = PACKAGE / "translations" / "deskapp_en_report.ts"
DAY1 = dt.date(2026, 11, 2)
DAY2 = dt.date(2026, 11, 3)
NOW = dt.datetime(2026, 11, 3, 16, 0)
FIRST = Answers(first_visit=True)


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def _fill(svc):
    """Day 1: 林女士 (A). Day 2: A in turn, B skipped on official business then make-up, 林女士 again (own), a deal."""
    h = svc.handle
    for key, name, role, team in [("A", "张伟", "consultant", "T1"), ("B", "李娜", "consultant", "T1"),
                                  ("C", "王芳", "team_leader", "T2"), ("S", "赵强", "supervisor", None)]:
        h(AddStaff(key, name, role, team, actor="__system__"), _at(DAY1, 8))
    h(OpenDay(DAY1), _at(DAY1, 8, 10))
    h(SignIn(("A", "B", "C")), _at(DAY1, 8, 30))
    h(Arrive(FIRST, name="林女士", phone="13900000001"), _at(DAY1, 9))
    h(Finish("13900000001"), _at(DAY1, 9, 30))
    h(OpenDay(DAY2), _at(DAY2, 8, 10))
    h(SignIn(("A", "B", "C")), _at(DAY2, 8, 30))
    h(Arrive(FIRST, name="新一", phone="13900000011"), _at(DAY2, 9))  # A
    h(StepOut("B", "official", actor="B"), _at(DAY2, 9, 5))
    h(Arrive(FIRST, name="新二", phone="13900000012"), _at(DAY2, 9, 10))  # B passed (credit), C
    h(Back("B", actor="B"), _at(DAY2, 9, 15))
    h(Arrive(FIRST, name="新三", phone="13900000013"), _at(DAY2, 9, 20))  # B make-up
    h(Finish("13900000011"), _at(DAY2, 9, 30))
    h(Arrive(Answers(first_visit=False), phone="13900000001"), _at(DAY2, 10))  # 林女士: A's own
    h(Deal("13900000001"), _at(DAY2, 10, 30))
    for phone in ("13900000001", "13900000012", "13900000013"):
        h(Finish(phone), _at(DAY2, 11))
    return svc


@pytest.fixture
def service(tmp_path):
    svc = _fill(PersistentOfficeService(f"sqlite:///{tmp_path / 'office.sqlite3'}"))
    yield svc
    svc.close()


@pytest.fixture
def ctx(service, qapp):
    from deskapp.ui import fonts

    fonts.install_app_font(qapp)
    return AppContext(service, clock=lambda: NOW, lang="zh")


@pytest.fixture
def panel(ctx, qtbot, tmp_path):
    widget = DailyReportPanel(ctx, print_dir=tmp_path / "prints", interactive=False)
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _column(model, title: str) -> int:
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return heads.index(title)


def _cell(model, row: int, title: str) -> str:
    return model.data(model.index(row, _column(model, title)))


# ------------------------------------------------------------------------------------------- date
def test_the_panel_opens_on_today(panel):
    assert panel.date() == NOW.date()
    assert panel.report().date == DAY2
    assert panel._date_edit.maximumDate().toPython() == NOW.date()
    assert not panel._next_button.isEnabled()
    assert "接待 4 组" in panel._date_label.text()


def test_another_day_can_be_picked(panel, qtbot):
    qtbot.mouseClick(panel._prev_button, Qt.MouseButton.LeftButton)
    assert panel.date() == DAY1
    assert panel.report().date == DAY1
    assert panel.report().totals.receptions == 1
    assert panel._next_button.isEnabled()
    panel.set_date(NOW.date() + dt.timedelta(days=5))  # the future is clamped to today
    assert panel.date() == NOW.date()
    panel.set_date(DAY1)
    qtbot.mouseClick(panel._today_button, Qt.MouseButton.LeftButton)
    assert panel.report().date == DAY2


def test_a_new_reception_shows_at_once(panel, ctx):
    before = panel.report().totals.receptions
    ctx.run(Arrive(FIRST, name="新四", phone="13900000014"))
    assert panel.report().totals.receptions == before + 1


def test_a_hidden_panel_refreshes_when_shown_again(panel, ctx):
    panel.hide()
    ctx.run(Arrive(FIRST, name="新五", phone="13900000015"))
    assert panel.report().totals.receptions == 4  # not recomputed while hidden
    panel.show()
    assert panel.report().totals.receptions == 5


# ------------------------------------------------------------------------------------------ chart
def test_the_chart_has_one_bar_set_per_kind(panel):
    series = panel.series()
    assert isinstance(series, QStackedBarSeries)
    assert panel.chart().series() == [series]
    sets = series.barSets()
    assert [s.label() for s in sets] == ["轮接", "补接", "老客户/指定", "代接待", "值班"]
    assert [s.color().name().upper() for s in sets] == [c.upper() for c in KIND_COLORS.values()]
    names = [r.name for r in panel.report().rows]
    assert names == ["张伟", "李娜", "王芳"]
    assert panel._axis_x.categories() == names
    by_label = {s.label(): [s.at(i) for i in range(s.count())] for s in sets}
    assert by_label["轮接"] == [1, 0, 1]
    assert by_label["补接"] == [0, 1, 0]
    assert by_label["老客户/指定"] == [1, 0, 0]
    assert by_label["代接待"] == [0, 0, 0]
    assert panel._axis_y.max() >= 2


def test_the_chart_follows_the_date(panel):
    panel.set_date(DAY1)
    sets = panel.series().barSets()
    assert all(s.count() == 3 for s in sets)
    assert [s.at(0) for s in sets] == [1, 0, 0, 0, 0]
    assert not panel._empty_label.isVisible()
    panel.set_date(DAY1 - dt.timedelta(days=1))
    assert all(s.sum() == 0 for s in panel.series().barSets())
    assert panel._empty_label.isVisible()


# ------------------------------------------------------------------------------------------ table
def test_the_table_shows_each_consultant_and_the_totals(panel):
    model = panel.model()
    assert model.rowCount() == 4
    assert [model.data(model.index(r, 0)) for r in range(4)] == ["张伟", "李娜", "王芳", "合计"]
    assert _cell(model, 1, "跳过·补") == "1"  # 李娜: passed on official business, with a credit
    assert _cell(model, 1, "获补接") == "1"
    assert _cell(model, 1, "用补接") == "1"
    assert _cell(model, 0, "老客户/指定") == "1"
    assert _cell(model, 0, "成交") == "1" and _cell(model, 0, "业绩") == "1"
    assert _cell(model, 3, "合计") == "4"
    total = model.index(3, 0)
    assert model.data(total, Qt.ItemDataRole.FontRole).bold()
    assert model.data(total, int(DtoRole.KEY)) == service_module.TOTAL_KEY
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_the_models_pass_the_model_tester(panel, qtmodeltester):
    qtmodeltester.check(panel.model())
    qtmodeltester.check(panel.proxy())
    empty = DailyReportModel()
    qtmodeltester.check(empty)
    proxy = TotalsLastProxy()
    proxy.setSourceModel(empty)
    qtmodeltester.check(proxy)


def test_sorting_keeps_the_totals_last(panel):
    proxy = panel.proxy()
    column = _column(proxy, "合计")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(column, order)
        names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
        assert names[-1] == "合计"
        totals = [int(proxy.data(proxy.index(r, column))) for r in range(proxy.rowCount() - 1)]
        assert totals == sorted(totals, reverse=order == Qt.SortOrder.DescendingOrder)
    assert not proxy.index(0, 0, proxy.index(0, 0)).isValid()
    assert proxy.rowCount(QModelIndex()) == 4


def test_without_a_journal_the_skips_are_unknown(qapp, qtbot, tmp_path):
    ctx = AppContext(_fill(OfficeService()), clock=lambda: NOW, lang="zh")
    widget = DailyReportPanel(ctx, print_dir=tmp_path, interactive=False)
    qtbot.addWidget(widget)
    assert widget.report() is None  # nothing is read until the tab is looked at
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.report().exact
    assert _cell(widget.model(), 1, "跳过·补") == "—"
    assert "未连接操作日志" in widget._note_label.text()


# --------------------------------------------------------------------------------------- printing
def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages))


def test_print_writes_the_report_pdf(panel, qtbot, tmp_path):
    with qtbot.waitSignal(panel.report_printed, timeout=5000) as signal:
        qtbot.mouseClick(panel._print_button, Qt.MouseButton.LeftButton)
    path = Path(signal.args[0])
    assert path.parent == tmp_path / "prints"
    assert path.name.startswith("daily-20261103-160000") and path.suffix == ".pdf"
    text = _pdf_text(path)
    assert "每日接待报表" in text and "2026年11月3日" in text
    for name in ("张伟", "李娜", "王芳", "合计"):
        assert name in text
    assert "售楼处销售中心" in text  # no office name recorded yet: the printing default
    assert str(path) in panel.status_text()


def test_print_goes_to_the_default_print_folder(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("DESKAPP_PRINT_DIR", str(tmp_path / "default-prints"))
    QSettings().setValue("office/name", "翡翠湾营销中心")
    widget = DailyReportPanel(ctx, interactive=False)
    qtbot.addWidget(widget)
    widget.set_date(DAY1)
    with qtbot.waitSignal(widget.report_printed, timeout=5000) as signal:
        widget.print_action().trigger()
    path = Path(signal.args[0])
    assert path.parent == tmp_path / "default-prints"
    assert path.name.endswith("-20261102.pdf")
    text = _pdf_text(path)
    assert "翡翠湾营销中心" in text and "2026年11月2日" in text


def test_the_main_window_lists_the_panel():
    from deskapp.ui.main_window import optional_panel_factories

    assert DailyReportPanel in [cls for _title, cls in optional_panel_factories()]


# ------------------------------------------------------------------------------------------ English
def _strings() -> list[str]:
    source = (PACKAGE / "ui" / "daily_report_panel.py").read_text(encoding="utf-8")
    assert re.search(r'QCoreApplication\.translate\("DailyReportPanel", text\)', source)
    return tr_strings("ui/daily_report_panel.py")


def test_every_string_has_an_english_translation():
    catalogue = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        assert context.findtext("name") == "DailyReportPanel"
        for message in context.iter("message"):
            catalogue[message.findtext("source")] = message.find("translation").text
    missing = [s for s in _strings() if s not in catalogue]
    assert not missing, f"add to {TS_FILE.name}: {missing}"
    for source in _strings():
        english = catalogue[source]
        assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", english)), source
        assert not re.search(r"[\u4e00-\u9fff]", english), english


@pytest.fixture
def english(qapp, tmp_path):
    qm = i18n.compile_ts(TS_FILE, tmp_path)
    translator = QTranslator(qapp)
    if qm is None or not translator.load(str(qm)):
        translator = i18n.DictTranslator.from_ts(TS_FILE, qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_the_panel_speaks_english(english, service, qtbot, tmp_path):
    ctx = AppContext(service, clock=lambda: NOW, lang="en")
    widget = DailyReportPanel(ctx, print_dir=tmp_path, interactive=False)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget._print_button.text() == "Print report"
    assert widget.model().headerData(1, Qt.Orientation.Horizontal) == "In turn"
    assert [s.label() for s in widget.series().barSets()][:2] == ["In turn", "Make-up"]
    assert widget.model().data(widget.model().index(3, 0)) == "Total"
    assert "Received 4" in widget._date_label.text()
    assert widget._date_edit.text().startswith("Tue 3 Nov 2026")
    tip = widget.model().data(widget.model().index(2, 0), Qt.ItemDataRole.ToolTipRole)
    assert "team leader" in tip
