"""每日接待报表: the day's receptions, skips, make-up credits, claims, deals and sanctions per consultant.

A4 landscape (the table has nineteen columns); same type, header and "第 i / n 页" footer as the other
documents, the font embedded. Input: :class:`DailyReport` below (plain frozen dataclasses, like
deskapp.reports.model), filled by :func:`deskapp.services.daily_report.daily_report`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from deskapp.reports.blocks import Heading, note_box
from deskapp.reports.fonts import register_fonts
from deskapp.reports.layout import (
    GRID,
    HEADER_FILL,
    INK,
    LABEL_FILL,
    MUTED,
    RULE,
    ZEBRA_FILL,
    PageFrame,
    PageGeometry,
    cn_date,
    cn_datetime,
    esc,
    font,
    numbered_canvas,
    page_header,
    style,
)
from deskapp.services.daily_report_model import (  # noqa: F401 - the document's input
    KIND_KEYS,
    KIND_ZH,
    KINDS,
    TOTAL_KEY,
    TOTAL_NAME,
    ConsultantDay,
    DailyReport,
    share_text,
)

TITLE = "每日接待报表"
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN_X = 15 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

ZERO_INK = colors.HexColor("#b4bac1")
TOTAL_FILL = colors.HexColor("#dde3ea")
ACCENT = colors.HexColor("#0f766e")

# (group title, [(column title, width)])
GROUPS: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
    ("接待（组）", (("轮接", 34), ("补接", 34), ("老客户/指定", 42), ("代接待", 38), ("值班", 34), ("小计", 38))),
    ("被跳过（次）", (("有补接", 38), ("无补接", 38))),
    ("补接名额", (("获得", 34), ("使用", 34))),
    ("认领", (("提出", 34), ("成立", 34))),
    ("争议", (("提出", 34), ("成立", 34))),
    ("成交", (("套数", 34), ("业绩", 36))),
    ("纪律", (("拒接", 34), ("处罚", 34))),
)
NAME_TITLE = "置业顾问"
NAME_WIDTH = CONTENT_WIDTH - sum(w for _, cols in GROUPS for _, w in cols)
HEADERS: tuple[str, ...] = (NAME_TITLE,) + tuple(t for _, cols in GROUPS for t, _ in cols)
COL_WIDTHS: tuple[float, ...] = (NAME_WIDTH,) + tuple(w for _, cols in GROUPS for _, w in cols)
BODY_SIZE = 10.5

NOTES = (
    "轮接：按轮次接待新客户，占用轮次；补接：使用补接名额接待，轮次不动（第4条等）；"
    "老客户/指定：本人老客户（第2条）及点名指定本人的客户（第17、18、24、36、37条），不占轮次；"
    "代接待：原置业顾问不在现场时代为接待，客户仍归原置业顾问（第2、15条）；值班：值班时段接待（第38条）。",
    "被跳过：客户到访时因外出或接待中被轮次跳过。案场公事外出（第4条）可获补接名额；"
    "接待中（第11条）、私事外出、欠一次轮次（第25条）不补。",
    "成交套数：当天签约、本人参与分配业绩的成交；业绩为本人所占份额（平分为0.5，第16、22条）。"
    "拒接：拒绝接待客户（第28条，记旷工）；处罚：当天登记的处罚（第18、28、33条）。",
)


def _cells(row: ConsultantDay) -> list[str]:
    """The row's values as printed, in HEADERS order after the name."""

    def n(value: int | None) -> str:
        return "—" if value is None else str(value)

    return [
        *(n(row.by_kind(k)) for k in KIND_KEYS),
        n(row.receptions),
        n(row.skips_credit),
        n(row.skips_plain),
        n(row.credits_earned),
        n(row.credits_used),
        n(row.claims),
        n(row.claims_won),
        n(row.disputes),
        n(row.disputes_won),
        n(row.deals),
        share_text(row.deal_share),
        n(row.refusals),
        n(row.sanctions),
    ]


def _header_rows() -> tuple[list, list[tuple]]:
    head = style("daily-head", 9, 11, color=INK, align=TA_CENTER)
    top: list = [Heading(NAME_TITLE, 10, weight=0.03)]
    sub: list = [""]
    commands: list[tuple] = [("SPAN", (0, 0), (0, 1))]
    col = 1
    for title, cols in GROUPS:
        top.append(Heading(title, 9.5, weight=0.03))
        top += [""] * (len(cols) - 1)
        if len(cols) > 1:
            commands.append(("SPAN", (col, 0), (col + len(cols) - 1, 0)))
        for name, _ in cols:
            sub.append(Paragraph(esc(name).replace("/", "/<br/>"), head))
        col += len(cols)
    return [top, sub], commands


def _table(report: DailyReport) -> Table:
    data, commands = _header_rows()
    name_style = style("daily-name", BODY_SIZE, 12.5)
    commands += [
        ("FONT", (0, 0), (-1, -1), font(), BODY_SIZE, 12.5),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("ALIGN", (0, 2), (0, -1), "LEFT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 6),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 1), (-1, 1), 1.0, INK),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
    ]
    # heavier rules between the column groups
    col = 1
    for _, cols in GROUPS:
        commands.append(("LINEBEFORE", (col, 0), (col, -1), 0.9, RULE))
        col += len(cols)
    subtotal_col = 1 + len(KIND_KEYS)
    first = len(data)
    for row in report.rows:
        tag = "·".join(x for x in (row.role if row.role != "置业顾问" else "", row.team or "") if x)
        markup = esc(row.name)
        if tag:
            markup += f'　<font size="7.5" color="{_hex(MUTED)}">{esc(tag)}</font>'
        data.append([Paragraph(markup, name_style), *_cells(row)])
    last = len(data) - 1
    if report.rows:
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, last), [colors.white, ZEBRA_FILL]))
        for r, row in enumerate(report.rows, start=first):
            for c, text in enumerate(_cells(row), start=1):
                if text in ("0", "—"):
                    commands.append(("TEXTCOLOR", (c, r), (c, r), ZERO_INK))
        commands += [("BACKGROUND", (subtotal_col, first), (subtotal_col, last), LABEL_FILL)]
    else:
        data.append(["当天没有置业顾问的记录", *[""] * (len(HEADERS) - 1)])
        commands += [("SPAN", (0, first), (-1, first)), ("TEXTCOLOR", (0, first), (-1, first), MUTED),
                     ("ALIGN", (0, first), (-1, first), "CENTER")]
    totals = report.totals
    data.append([Heading(totals.name, BODY_SIZE, align="left", weight=0.03),
                 *[Heading(t, BODY_SIZE, weight=0.03) for t in _cells(totals)]])
    t = len(data) - 1
    commands += [
        ("BACKGROUND", (0, t), (-1, t), TOTAL_FILL),
        ("LINEABOVE", (0, t), (-1, t), 1.0, INK),
        ("TOPPADDING", (0, t), (-1, t), 6),
        ("BOTTOMPADDING", (0, t), (-1, t), 6),
    ]
    table = Table(data, colWidths=COL_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(commands))
    return table


def _tiles(report: DailyReport) -> Table:
    """The day at a glance: a row of figures above the table."""
    t = report.totals
    figures = [
        ("接待合计", f"{t.receptions}", "组"),
        *((KIND_ZH[k], f"{t.by_kind(k)}", "组") for k in KIND_KEYS),
        ("成交", f"{t.deals}", "套"),
        ("未接待离开", f"{report.unreceived}", "组"),
    ]
    label = style("tile-label", 8.5, 11, color=MUTED, align=TA_CENTER)
    cells = []
    for i, (name, value, u) in enumerate(figures):
        size, ink = (17, ACCENT) if i == 0 else (15, INK)
        figure = Paragraph(
            f'<font size="{size}" color="{_hex(ink)}">{esc(value)}</font>'
            f'<font size="8.5" color="{_hex(MUTED)}"> {esc(u)}</font>',
            style(f"tile-figure-{i}", size, size + 3, align=TA_CENTER))
        cells.append([Paragraph(esc(name), label), figure])
    width = CONTENT_WIDTH / len(figures)
    table = Table([cells], colWidths=[width] * len(figures))
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font(), 10),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, -1), LABEL_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _hex(color) -> str:
    return "#" + color.hexval()[2:]


def _story(report: DailyReport, office_name: str) -> list[Flowable]:
    centre = style("daily-sub", 12, 17, color=MUTED, align=TA_CENTER)
    note = style("daily-note", 8, 11)
    story: list[Flowable] = [
        Heading(TITLE, 20, char_space=6, weight=0.03, space_after=1),
        Paragraph(f"{esc(office_name)}　　{cn_date(report.date, weekday=True)}", centre),
        Spacer(1, 6),
        _tiles(report),
        Spacer(1, 8),
        _table(report),
        Spacer(1, 8),
    ]
    box: list[Flowable] = [Paragraph(("<b>说明</b>　" if i == 0 else "") + esc(text), note)
                           for i, text in enumerate(NOTES)]
    if not report.exact:
        box.append(Paragraph(esc("本报表未取自操作日志：被跳过次数以“—”表示，获得补接名额只计当天获得且仍持有的名额。"),
                             note))
    details = [(r.name, "、".join(r.sanction_notes)) for r in report.rows if r.sanction_notes]
    tail: list[Flowable] = []
    if details:
        lines = "；".join(f"{name}：{text}" for name, text in details)
        tail += [Paragraph(esc(f"处罚明细　{lines}。"), note), Spacer(1, 6)]
    tail.append(note_box(box, width=CONTENT_WIDTH))
    story.append(KeepTogether(tail))
    return story


# ------------------------------------------------------------------------------- landscape page frame
PAGE = PageGeometry(PAGE_WIDTH, PAGE_HEIGHT, MARGIN_X, MARGIN_BOTTOM, header_drop=12 * mm)


def render(report: DailyReport, path: str | Path, office_name: str) -> Path:
    """Write the report as an A4 landscape PDF at ``path`` and return the path."""
    out = Path(path)
    register_fonts()
    day = cn_date(report.date)
    doc = BaseDocTemplate(
        str(out),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{TITLE} {day}",
        author=office_name,
        subject="每日接待、补接与成交统计",
        creator="deskapp",
        invariant=True,
        initialFontName=font(),
    )
    body = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=page_header(PageFrame(office_name, TITLE, day), PAGE))])
    source = "数据来源：操作日志" if report.exact else "数据来源：当前记录（无操作日志）"
    if report.generated_at is not None:
        source += f"　　生成时间：{cn_datetime(report.generated_at)}"
    doc.build(_story(report, office_name), canvasmaker=numbered_canvas(source, PAGE))
    return out


def daily_report_pdf(service_or_office, date: dt.date | None, out_path: str | Path, office_name: str | None = None,
                     printed_at: dt.datetime | None = None) -> Path:
    """Write the day's report as a PDF at ``out_path`` (what ``deskapp print daily`` calls)."""
    from deskapp.reports.printing import office_name_of
    from deskapp.services.daily_report import daily_report

    report = daily_report(service_or_office, date, now=printed_at)
    if office_name is None:
        office = service_or_office if hasattr(service_or_office, "office_info") else service_or_office.office
        office_name = office_name_of(office)
    return render(report, out_path, office_name)
