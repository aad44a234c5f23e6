"""每日认领公示: the daily claim notice for the office wall (R20), phone numbers masked."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from deskapp.domain.phone import mask_phone
from deskapp.reports.blocks import Heading, note_box
from deskapp.reports.layout import (
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    INK,
    MUTED,
    ZEBRA_FILL,
    PageFrame,
    build,
    cn_date,
    cn_datetime,
    esc,
    fits,
    font,
    or_dash,
    style,
)
from deskapp.reports.model import ClaimNotice

TITLE = "每日认领公示"
HEADERS = ("序号", "来访时间", "客户姓名", "联系电话", "接待人员", "认领人签名")
# A4 less margins is 493 pt; the signature column takes what is left.
COL_WIDTHS = (42, 66, 100, 110, 84, CONTENT_WIDTH - 402)
BODY_SIZE = 14  # read from a metre away
BODY_LEADING = 18
CELL_PAD_X = 6  # reportlab's default cell padding; per-cell style commands cost time on long notices

R20_TEXT = (
    "依据第20条：未成交老客户不能明确指定上次接待的销售人员时，由轮接销售人员接待，"
    "登记后公示一天（当天上班时间）；无人认领则归轮接销售人员；有人认领须以来访登记本为据，"
    "经案场经理裁决。"
)


def _how_to_claim(notice: ClaimNotice) -> list[str]:
    return [
        f"1. 请于今日 {notice.window_to} 前到前台，出示来访登记本中该客户的登记记录（记录须无涂改，第3条）。",
        "2. 在本表该客户“认领人签名”栏签名，并注明认领时间。",
        "3. 案场经理核实证据后裁决（第32条）；认领成立的，客户归认领人，接待人员获补接一次；"
        "裁决前客户仍由接待人员跟进。",
        f"4. 至 {notice.window_to} 无人认领的，客户归接待人员所有。",
    ]


def _cell(text: str, width: float, st) -> str | Paragraph:
    """Plain strings draw fastest; only text too wide for its column is wrapped as a paragraph."""
    if fits(text, BODY_SIZE, width - 2 * CELL_PAD_X):
        return text
    return Paragraph(esc(text), st)


def _table(notice: ClaimNotice) -> Table:
    wrap_style = style("notice-cell", BODY_SIZE, BODY_LEADING, align=TA_CENTER)
    note_style = style("notice-claim-note", 9, 11.5, color=MUTED)
    header = [Heading(h, BODY_SIZE, weight=0.025) for h in HEADERS]
    data: list[list] = [header]
    for n, row in enumerate(notice.rows, start=1):
        data.append(
            [
                str(n),
                row.time,
                _cell(row.customer_name, COL_WIDTHS[2], wrap_style),
                or_dash(mask_phone(row.phone)),
                _cell(row.receiver_name, COL_WIDTHS[4], wrap_style),
                Paragraph(esc(row.claim_note), note_style) if row.claim_note else "",
            ]
        )
    # Text stays reportlab's default black: fewer per-cell commands keep a 200-row notice fast.
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font(), BODY_SIZE, BODY_LEADING),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, INK),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
    ]
    if notice.rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]))
    else:
        data.append(["今日无需公示的客户", "", "", "", "", ""])
        commands += [
            ("SPAN", (0, 1), (-1, 1)),
            ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
            ("TOPPADDING", (0, 1), (-1, 1), 16),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 16),
        ]
    table = Table(data, colWidths=COL_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _story(notice: ClaimNotice) -> list[Flowable]:
    centre = style("notice-sub", 13, 19, align=TA_CENTER)
    intro = style("notice-intro", 12, 19, first_indent=24, space_before=10, space_after=10)
    rule_style = style("notice-rule", 10.5, 16)
    step_style = style("notice-step", 10.5, 15.5)
    small = style("notice-small", 9, 13, color=MUTED)
    window = f"{notice.window_from} — {notice.window_to}"
    story: list[Flowable] = [
        Heading(TITLE, 28, char_space=8, weight=0.03, space_after=6),
        Paragraph(esc(notice.office_name), centre),
        Paragraph(f"公示日期：{cn_date(notice.date, weekday=True)}　　公示时间：{window}", centre),
        Paragraph(
            "下列客户自述曾来我司看房，但未能明确指定上次接待的销售人员，现由轮接销售人员接待并登记。"
            "如系您的老客户，请在公示时间内凭来访登记本认领。",
            intro,
        ),
        _table(notice),
        Spacer(1, 12),
    ]
    box = [
        Heading("公示说明", 11.5, align="left", weight=0.03, space_after=1),
        Paragraph(esc(R20_TEXT), rule_style),
        Spacer(1, 4),
        Heading("认领方式", 11.5, align="left", weight=0.03, space_after=1),
    ]
    box += [Paragraph(esc(step), step_style) for step in _how_to_claim(notice)]
    tail: list[Flowable] = [note_box(box)]
    if notice.printed_at is not None:
        tail += [Spacer(1, 6), Paragraph(f"打印时间：{cn_datetime(notice.printed_at)}", small)]
    story.append(KeepTogether(tail))
    return story


def render(notice: ClaimNotice, path: str | Path) -> Path:
    """Write the notice as a PDF at ``path`` and return the path."""
    day = cn_date(notice.date)
    frame = PageFrame(
        office_name=notice.office_name,
        doc_title=TITLE,
        header_right=f"{day}　公示时间 {notice.window_from}—{notice.window_to}",
        footer_note=f"依据第20条公示　认领截止：{day} {notice.window_to}",
    )
    return build(path, _story(notice), frame, title=f"{TITLE} {day}", subject="客户归属制度第20条")
