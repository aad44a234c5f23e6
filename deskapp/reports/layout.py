"""What the three documents share: A4 page frame, header with the office name, "第 1 / 3 页" footer, type."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from deskapp.reports.fonts import register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm  # room for the running header
MARGIN_BOTTOM = 20 * mm  # room for the page number
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5c636b")
RULE = colors.HexColor("#8a9199")
GRID = colors.HexColor("#a9afb6")
HEADER_FILL = colors.HexColor("#e4e8ed")
LABEL_FILL = colors.HexColor("#f1f3f5")
ZEBRA_FILL = colors.HexColor("#f7f8f9")
VOID_FILL = colors.HexColor("#fbeeee")
VOID_INK = colors.HexColor("#9b2c2c")

WEEKDAYS = "一二三四五六日"


def font() -> str:
    """The registered font name (registers it on first use)."""
    return register_fonts()


def style(
    name: str,
    size: float,
    leading: float | None = None,
    *,
    color=INK,
    align=TA_LEFT,
    space_before: float = 0,
    space_after: float = 0,
    first_indent: float = 0,
) -> ParagraphStyle:
    """A paragraph style in the document font, with CJK line breaking."""
    return ParagraphStyle(
        name,
        fontName=font(),
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.45, 1),
        textColor=color,
        alignment=align,
        spaceBefore=space_before,
        spaceAfter=space_after,
        firstLineIndent=first_indent,
        wordWrap="CJK",
    )


def esc(text: str) -> str:
    """Escape text for reportlab paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, st: ParagraphStyle) -> Paragraph:
    """A paragraph of plain (escaped) text; newlines become line breaks."""
    return Paragraph(esc(text).replace("\n", "<br/>"), st)


def fits(text: str, size: float, width: float) -> bool:
    """True if ``text`` fits on one line of ``width`` points at ``size``."""
    return "\n" not in text and stringWidth(text, font(), size) <= width


def cn_date(d: datetime.date, weekday: bool = False) -> str:
    """2024年11月20日 (optionally with （星期三）)."""
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"{text}（星期{WEEKDAYS[d.weekday()]}）" if weekday else text


def cn_datetime(t: datetime.datetime) -> str:
    """2024年11月20日 10:31."""
    return f"{cn_date(t)} {t:%H:%M}"


def rule_label(rule: str | int) -> str:
    """'R16', '16' or 16 -> '第16条'; anything else is printed as given."""
    m = re.fullmatch(r"\s*[Rr]?\s*(\d+)\s*", str(rule))
    return f"第{int(m.group(1))}条" if m else str(rule)


def rules_text(rules: Iterable[str | int]) -> str:
    """'第2条、第16条', or '—' for none."""
    labels = [rule_label(r) for r in rules]
    return "、".join(labels) if labels else "—"


def or_dash(text: str | None) -> str:
    """The text, or an em dash when there is nothing to print."""
    return text if text and text.strip() else "—"


@dataclass(frozen=True)
class PageGeometry:
    """Where the running header, the footer rule and the page number go on a page."""

    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT
    margin_x: float = MARGIN_X
    margin_bottom: float = MARGIN_BOTTOM
    header_drop: float = 13 * mm  # from the top edge to the header's baseline


PORTRAIT = PageGeometry()


def numbered_canvas(footer_note: str, page: PageGeometry = PORTRAIT) -> type[Canvas]:
    """A canvas class that, once the page count is known, writes "第 i / n 页" on every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._page_states: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_page_number(total)
                super().showPage()
            super().save()

        def _draw_page_number(self, total: int):
            self.saveState()
            self.setFont(font(), 9)
            self.setFillColor(MUTED)
            y = page.margin_bottom - 10 * mm
            self.drawRightString(page.width - page.margin_x, y, f"第 {self._pageNumber} / {total} 页")
            if footer_note:
                self.drawString(page.margin_x, y, footer_note)
            self.restoreState()

    return NumberedCanvas


@dataclass(frozen=True)
class PageFrame:
    """What the running header and footer of a document say."""

    office_name: str
    doc_title: str
    header_right: str = ""
    footer_note: str = ""  # left of the page number, e.g. the rule a notice is posted under


def page_header(frame: PageFrame, page: PageGeometry = PORTRAIT) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The onPage callback drawing the running header (office name; title and header_right) and the
    footer rule."""

    def on_page(c: Canvas, doc: BaseDocTemplate) -> None:
        c.saveState()
        top = page.height - page.header_drop
        right_x = page.width - page.margin_x
        c.setFillColor(INK)
        c.setFont(font(), 10.5)
        c.drawString(page.margin_x, top, frame.office_name)
        c.setFillColor(MUTED)
        c.setFont(font(), 9)
        right = f"{frame.doc_title}　{frame.header_right}" if frame.header_right else frame.doc_title
        c.drawRightString(right_x, top, right)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(page.margin_x, top - 2.6 * mm, right_x, top - 2.6 * mm)
        # footer rule; the page number is added by the canvas once the page count is known
        y = page.margin_bottom - 6.5 * mm
        c.setLineWidth(0.4)
        c.line(page.margin_x, y, right_x, y)
        c.restoreState()

    return on_page


def build(
    path: str | Path, story: Sequence[Flowable], frame: PageFrame, *, title: str, subject: str = ""
) -> Path:
    """Lay ``story`` out on A4 portrait pages with the running header and footer; return the path."""
    out = Path(path)
    register_fonts()
    doc = BaseDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=frame.office_name,
        subject=subject,
        creator="deskapp",
        invariant=True,
        initialFontName=font(),
    )
    body = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=page_header(frame))])
    doc.build(list(story), canvasmaker=numbered_canvas(frame.footer_note))
    return out
