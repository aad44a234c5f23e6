import datetime
import re

import pypdf

from deskapp.reports import daily_report
from deskapp.services.daily_report import TOTAL_KEY, ConsultantDay, DailyReport

OFFICE = "翡翠湾营销中心"
DAY = datetime.date(2024, 11, 20)

ROWS = (
    ConsultantDay("A", "张伟", "置业顾问", "T1", rotation=3, makeup=1, own=2, skips_credit=1, skips_plain=0,
                  credits_earned=1, credits_used=1, claims=1, claims_won=1, deals=1, deal_share=0.5),
    ConsultantDay("B", "李娜", "置业顾问", "T1", rotation=2, standin=1, skips_plain=2, credits_earned=1,
                  refusals=1, sanctions=1, sanction_notes=("旷工1天（第28条）",)),
    ConsultantDay("C", "欧阳娜娜", "组长", "T2", rotation=4, duty=2, disputes=1, deals=2, deal_share=1.5),
)
TOTALS = ConsultantDay(TOTAL_KEY, "合计", rotation=9, makeup=1, own=2, standin=1, duty=2, skips_credit=1,
                       skips_plain=2, credits_earned=2, credits_used=1, claims=1, claims_won=1, disputes=1,
                       deals=2, deal_share=2.0, refusals=1, sanctions=1)


def _report(rows=ROWS, totals=TOTALS, **kwargs) -> DailyReport:
    return DailyReport(DAY, tuple(rows), totals, kwargs.pop("exact", True), kwargs.pop("source", "journal"), **kwargs)


def test_report_lists_every_consultant_and_the_totals(tmp_path, page_texts, flat):
    path = daily_report.render(_report(unreceived=1), tmp_path / "daily.pdf", OFFICE)
    text = flat("".join(page_texts(path)))
    assert "每日接待报表" in text
    assert OFFICE in text
    assert "2024年11月20日（星期三）" in text
    for row in ROWS:
        assert row.name in text
    assert "组长·T2" in text
    for header in ("轮接", "补接", "老客户/指定", "代接待", "值班", "小计", "被跳过", "有补接", "无补接",
                   "补接名额", "认领", "争议", "成交", "业绩", "拒接", "处罚"):
        assert header in text, header
    assert "处罚明细" in text and "李娜：旷工1天（第28条）" in text
    assert "未接待离开" in text


def test_totals_row_reads_in_column_order(tmp_path, page_texts):
    path = daily_report.render(_report(), tmp_path / "daily.pdf", OFFICE)
    text = "".join(page_texts(path))
    line = next(line for line in text.splitlines() if line.strip().startswith("合计"))
    assert line.split()[1:] == ["9", "1", "2", "1", "2", "15", "1", "2", "2", "1", "1", "1", "1", "0", "2", "2",
                                "1", "1"]


def _figures_after(text: str, name: str) -> list[str]:
    """The 18 figures printed after a consultant's name (pypdf puts each cell on its own line)."""
    tokens = text.split()
    start = tokens.index(name)
    return [t for t in tokens[start + 1:] if re.fullmatch(r"[\d.—]+", t)][:18]


def test_each_row_reads_in_column_order_with_split_shares_as_halves(tmp_path, page_texts):
    path = daily_report.render(_report(), tmp_path / "daily.pdf", OFFICE)
    text = "".join(page_texts(path))
    assert _figures_after(text, "张伟") == ["3", "1", "2", "0", "0", "6", "1", "0", "1", "1", "1", "1", "0", "0",
                                          "1", "0.5", "0", "0"]
    assert _figures_after(text, "欧阳娜娜")[14:16] == ["2", "1.5"]


def test_report_is_a4_landscape(tmp_path):
    path = daily_report.render(_report(), tmp_path / "daily.pdf", OFFICE)
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595


def test_report_embeds_its_font(tmp_path, assert_fonts_embedded):
    path = daily_report.render(_report(), tmp_path / "daily.pdf", OFFICE)
    assert_fonts_embedded(path)


def test_a_big_office_paginates_with_headers_and_page_numbers(tmp_path, page_texts, flat):
    rows = [ConsultantDay(f"k{i:02d}", f"顾问{i:02d}", "置业顾问", f"T{i % 4}", rotation=i % 5) for i in range(70)]
    totals = ConsultantDay(TOTAL_KEY, "合计", rotation=sum(r.rotation for r in rows))
    path = daily_report.render(_report(rows, totals), tmp_path / "daily.pdf", OFFICE)
    pages = page_texts(path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat_page = flat(page)
        assert f"第{number}/{len(pages)}页" in flat_page
        assert OFFICE in flat_page
        if "顾问" in flat_page and re.search(r"顾问\d\d", flat_page):
            assert "轮接" in flat_page and "置业顾问" in flat_page, f"no header row on page {number}"
    text = flat("".join(pages))
    assert all(f"顾问{i:02d}" in text for i in range(70))
    assert f"合计{totals.rotation}" in text


def test_without_the_journal_skips_print_as_dashes_and_say_why(tmp_path, page_texts, flat):
    rows = [ConsultantDay("A", "张伟", "置业顾问", rotation=1, skips_credit=None, skips_plain=None)]
    totals = ConsultantDay(TOTAL_KEY, "合计", rotation=1, skips_credit=None, skips_plain=None)
    path = daily_report.render(_report(rows, totals, exact=False, source="office"), tmp_path / "d.pdf", OFFICE)
    text = flat("".join(page_texts(path)))
    assert "—" in text
    assert "本报表未取自操作日志" in text
    assert "数据来源：当前记录" in text


def test_printed_time_in_the_footer(tmp_path, page_texts, flat):
    report = _report(generated_at=datetime.datetime(2024, 11, 20, 18, 5))
    path = daily_report.render(report, tmp_path / "daily.pdf", OFFICE)
    assert "生成时间：2024年11月20日18:05" in flat(page_texts(path)[0])


def test_a_day_without_consultants(tmp_path, page_texts, flat):
    path = daily_report.render(_report((), ConsultantDay(TOTAL_KEY, "合计")), tmp_path / "d.pdf", OFFICE)
    assert "当天没有置业顾问的记录" in flat(page_texts(path)[0])


def test_render_returns_the_path_written(tmp_path):
    target = tmp_path / "daily.pdf"
    assert daily_report.render(_report(), str(target), OFFICE) == target
    assert re.match(rb"%PDF-1\.\d", target.read_bytes()[:8])
