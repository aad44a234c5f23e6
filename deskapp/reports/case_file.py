"""客户归属争议裁决书: the evidence, the app's proposed ruling and the site manager's ruling (R3, R32)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from deskapp.reports.blocks import Heading, form_grid, section, signature_lines
from deskapp.reports.layout import (
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    INK,
    MUTED,
    VOID_FILL,
    VOID_INK,
    PageFrame,
    build,
    cn_date,
    cn_datetime,
    esc,
    font,
    or_dash,
    rules_text,
    style,
)
from deskapp.reports.model import CaseFile, EvidenceItem

TITLE = "客户归属争议裁决书"
PENDING = "待裁决"
ADMISSIBLE = "可采信"
INADMISSIBLE = "不可采信"
EVIDENCE_HEADERS = ("时间", "记录人", "类别", "内容摘要", "采信", "理由")
EVIDENCE_WIDTHS = (66, 52, 58, CONTENT_WIDTH - 66 - 52 - 58 - 50 - 104, 50, 104)
EVIDENCE_SIZE = 9.5
R3_TEXT = "依据第3条：争议以来访登记本及置业顾问的接待、回访记录为准，记录须无涂改；记录经修改，不作为依据。"
R32_TEXT = "依据第32条：客户归属争议由案场经理裁决，置业顾问须服从裁决。"
DATE_BLANK = "　　　年　　月　　日"


def _evidence_table(items: tuple[EvidenceItem, ...]) -> Table:
    cell = style("evidence-cell", EVIDENCE_SIZE, 13.5)
    centre = style("evidence-centre", EVIDENCE_SIZE, 13.5, align=TA_CENTER)
    void_centre = style("evidence-void", EVIDENCE_SIZE, 13.5, align=TA_CENTER, color=VOID_INK)
    data: list[list] = [[Heading(h, 10, weight=0.025) for h in EVIDENCE_HEADERS]]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font(), EVIDENCE_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
    ]
    # A timeline: oldest first, whatever order the query returned.
    for i, item in enumerate(sorted(items, key=lambda e: e.at), start=1):
        verdict = ADMISSIBLE if item.admissible else INADMISSIBLE
        data.append(
            [
                Paragraph(f"{item.at:%Y-%m-%d}<br/>{item.at:%H:%M}", centre),
                Paragraph(esc(item.who_name), centre),
                Paragraph(esc(item.kind_label), centre),
                Paragraph(esc(item.summary), cell),
                Paragraph(verdict, centre if item.admissible else void_centre),
                Paragraph(esc(or_dash(item.why)), cell),
            ]
        )
        if not item.admissible:
            commands.append(("BACKGROUND", (0, i), (-1, i), VOID_FILL))
    if not items:
        data.append(["无证据记录", "", "", "", "", ""])
        commands += [
            ("SPAN", (0, 1), (-1, 1)),
            ("ALIGN", (0, 1), (-1, 1), "CENTER"),
            ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
        ]
    table = Table(data, colWidths=EVIDENCE_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _final_rows(case: CaseFile) -> list[tuple]:
    if not case.final_owner_name:
        return [("裁决结果", PENDING), ("裁决理由", "\n\n\n")]
    same = case.final_owner_name == case.proposed_owner_name
    return [
        (
            "裁决归属",
            case.final_owner_name,
            "系统建议",
            "维持" if same else f"变更（原建议：{or_dash(case.proposed_owner_name)}）",
        ),
        ("裁决理由", or_dash(case.final_reason)),
        ("裁决人", or_dash(case.ruled_by), "裁决时间", cn_datetime(case.ruled_at) if case.ruled_at else "—"),
    ]


def _story(case: CaseFile) -> list[Flowable]:
    sub = style("case-sub", 10.5, 16, color=MUTED, align=TA_CENTER, space_after=4)
    note = style("case-note", 10, 15)
    small = style("case-small", 9, 13.5, color=MUTED)
    story: list[Flowable] = [Heading(TITLE, 22, char_space=4, weight=0.03, space_after=4)]
    if case.case_id:
        story.append(Paragraph(esc(f"案件编号：{case.case_id}"), sub))
    story += [
        section("一、争议事项"),
        form_grid(
            [
                ("客户姓名", case.customer_name, "联系电话", or_dash(case.phone)),
                ("争议各方", "、".join(case.claimants) if case.claimants else "—"),
            ]
        ),
        section("二、证据记录"),
        _evidence_table(case.evidence),
        Spacer(1, 6),
        Paragraph(esc(R3_TEXT), small),
        KeepTogether(
            [
                section("三、系统建议裁决"),
                form_grid(
                    [
                        ("建议归属", or_dash(case.proposed_owner_name)),
                        ("依据条款", rules_text(case.proposed_rules)),
                        ("说明", or_dash(case.proposed_explanation)),
                    ]
                ),
                Spacer(1, 4),
                Paragraph("系统依据《客户归属制度》条款及上列可采信证据提出，仅供案场经理裁决参考。", small),
            ]
        ),
        KeepTogether(
            [
                section("四、案场经理裁决（第32条）"),
                form_grid(_final_rows(case)),
                Spacer(1, 6),
                Paragraph(esc(R32_TEXT), note),
            ]
        ),
    ]
    ruled_on = cn_date(case.ruled_at.date()) if case.final_owner_name and case.ruled_at else DATE_BLANK
    closing: list[Flowable] = [
        Spacer(1, 14),
        signature_lines([("案场经理签字：", ""), ("日期：", ruled_on)]),
    ]
    if case.printed_at is not None:
        closing += [Spacer(1, 10), Paragraph(f"打印时间：{cn_datetime(case.printed_at)}", small)]
    story.append(KeepTogether(closing))
    return story


def render(case: CaseFile, path: str | Path) -> Path:
    """Write the case file as a PDF at ``path`` and return the path."""
    status = "已裁决" if case.final_owner_name else PENDING
    frame = PageFrame(
        office_name=case.office_name,
        doc_title=TITLE,
        header_right=f"{case.customer_name}　{status}",
        footer_note="依据第3条、第32条　内部文件，请妥善保管",
    )
    return build(path, _story(case), frame, title=f"{TITLE} {case.customer_name}", subject="客户归属争议")
