"""来访客户详细资料表: one visit with the R2 answers and the attribution decision, for the owner's file."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from deskapp.reports.blocks import Heading, form_grid, note_box, section, signature_lines
from deskapp.reports.layout import (
    MUTED,
    PageFrame,
    build,
    cn_date,
    cn_datetime,
    esc,
    or_dash,
    rules_text,
    style,
)
from deskapp.reports.model import VisitSheet

TITLE = "来访客户详细资料表"
# R2: asked verbatim at the first moment; both answers are recorded.
R2_QUESTION = "您好！您是第一次来吗？之前我们这边有人与您联系过吗？"
DATE_BLANK = "　　　年　　月　　日"


def _none(text: str) -> str:
    return text if text and text.strip() else "无"


def _story(sheet: VisitSheet) -> list[Flowable]:
    sub = style("visit-sub", 10.5, 16, color=MUTED, align=TA_CENTER, space_after=4)
    small = style("visit-small", 9, 13.5, color=MUTED)
    remark = style("visit-remark", 10, 15)
    when = f"{cn_date(sheet.at.date(), weekday=True)} {sheet.at:%H:%M}"
    story: list[Flowable] = [
        Heading(TITLE, 22, char_space=4, weight=0.03, space_after=4),
        Paragraph(esc(f"登记编号：{or_dash(sheet.visit_id)}　　来访时间：{when}"), sub),
        section("一、客户信息"),
        form_grid(
            [
                ("客户姓名", sheet.customer_name, "联系电话", or_dash(sheet.phone)),
                ("客户来源", or_dash(sheet.source_label), "来访时间", f"{sheet.at:%Y-%m-%d %H:%M}"),
                ("家庭情况", _none(sheet.family_note)),
                ("同行人员", "、".join(sheet.group_members) if sheet.group_members else "无"),
                ("转介绍", _none(sheet.referral_note)),
            ]
        ),
        section("二、首问记录（第2条）"),
        form_grid(
            [
                ("前台首问", f"“{R2_QUESTION}”"),
                ("是否首次来访", or_dash(sheet.first_visit_answer)),
                ("此前有无联系", or_dash(sheet.contacted_by_answer)),
            ]
        ),
        section("三、接待与归属判定"),
        form_grid(
            [
                ("接待人员", or_dash(sheet.receiver_name), "代接待人员", _none(sheet.stand_in_name)),
                ("协助人员", _none(sheet.assistant_name), "客户归属", or_dash(sheet.owner_name)),
                ("依据条款", rules_text(sheet.rules)),
                ("判定说明", or_dash(sheet.explanation)),
            ]
        ),
        Spacer(1, 10),
        note_box(
            [
                Paragraph(
                    "本表据实登记，作为客户归属的依据。记录不得涂改；经修改的记录不作为依据（第3条），"
                    "如需更正，请另行登记更正记录。客户首次接待即确定归属，归属人员须及时、持续回访（第14条）。",
                    remark,
                )
            ]
        ),
    ]
    signatures: list[Flowable] = [
        section("四、确认签名"),
        signature_lines(
            [("客户签名：", ""), ("日期：", DATE_BLANK)], [("置业顾问签名：", ""), ("日期：", DATE_BLANK)]
        ),
    ]
    if sheet.printed_at is not None:
        signatures += [Spacer(1, 10), Paragraph(f"打印时间：{cn_datetime(sheet.printed_at)}", small)]
    story.append(KeepTogether(signatures))
    return story


def render(sheet: VisitSheet, path: str | Path) -> Path:
    """Write the visit sheet as a PDF at ``path`` and return the path."""
    frame = PageFrame(
        office_name=sheet.office_name,
        doc_title=TITLE,
        header_right=f"登记编号 {sheet.visit_id}" if sheet.visit_id else "",
        footer_note="内含客户完整联系方式，仅供归属置业顾问存档，请勿张贴",
    )
    return build(
        path,
        _story(sheet),
        frame,
        title=f"{TITLE} {sheet.customer_name}",
        subject=f"来访登记 {sheet.visit_id}",
    )
