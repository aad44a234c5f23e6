"""Building blocks the documents are made of: headings, rules, label/value forms, signature lines."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from deskapp.reports.layout import (
    CONTENT_WIDTH,
    GRID,
    INK,
    LABEL_FILL,
    RULE,
    font,
    para,
    style,
)


class Heading(Flowable):
    """One line of heavy text (title, section head).

    The font has a single weight, so weight comes from filling and stroking the glyphs
    (text render mode 2); the text stays plain, extractable text.
    """

    def __init__(
        self,
        text: str,
        size: float,
        *,
        align: str = "center",
        weight: float = 0.035,
        char_space: float = 0.0,
        color=INK,
        space_before: float = 0,
        space_after: float = 0,
        rule_below: bool = False,
    ):
        super().__init__()
        self.text = text
        self.size = size
        self.align = align
        self.weight = weight
        self.char_space = char_space
        self.color = color
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.rule_below = rule_below

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = self.size * 1.3 + (4 if self.rule_below else 0)
        return self.width, self.height

    def _text_width(self) -> float:
        n = len(self.text)
        return stringWidth(self.text, font(), self.size) + self.char_space * max(n - 1, 0)

    def draw(self):
        c = self.canv
        w = self._text_width()
        x = {"left": 0, "center": (self.width - w) / 2, "right": self.width - w}[self.align]
        y = self.height - self.size * 1.02
        c.saveState()
        c.setFillColor(self.color)
        c.setStrokeColor(self.color)
        c.setLineWidth(self.size * self.weight)
        c.setLineJoin(1)
        t = c.beginText(x, y)
        t.setFont(font(), self.size)
        t.setCharSpace(self.char_space)
        t.setTextRenderMode(2)
        t.textOut(self.text)
        c.drawText(t)
        if self.rule_below:
            c.setLineWidth(0.6)
            c.setStrokeColor(RULE)
            c.line(0, 1, self.width, 1)
        c.restoreState()


def section(title: str) -> Heading:
    """A section head: 一、客户信息."""
    return Heading(title, 12.5, align="left", weight=0.03, space_before=10, space_after=4)


FormRow = tuple[str, str] | tuple[str, str, str, str]


def form_grid(
    rows: Sequence[FormRow], *, size: float = 10.5, label_width: float = 78, width: float = CONTENT_WIDTH
) -> Table:
    """A ruled label/value form; a 2-tuple row spans its value across the whole width."""
    value_width = (width - 2 * label_width) / 2
    label_style = style("form-label", size, color=INK)
    value_style = style("form-value", size)
    data = []
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font(), size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
    ]
    for i, row in enumerate(rows):
        if len(row) == 2:
            data.append([para(row[0], label_style), para(row[1], value_style), "", ""])
            commands.append(("SPAN", (1, i), (3, i)))
        else:
            data.append(
                [
                    para(row[0], label_style),
                    para(row[1], value_style),
                    para(row[2], label_style),
                    para(row[3], value_style),
                ]
            )
            commands.append(("BACKGROUND", (2, i), (2, i), LABEL_FILL))
    table = Table(data, colWidths=[label_width, value_width, label_width, value_width])
    table.setStyle(TableStyle(commands))
    return table


def signature_lines(
    *lines: Sequence[tuple[str, str]], size: float = 11, height: float = 32, width: float = CONTENT_WIDTH
) -> Table:
    """Rows of labels followed by ruled blanks to sign on, aligned in columns.

    Each line is a sequence of (label, pre-filled text or ''); all lines need the same length.
    """
    per_line = len(lines[0])
    gap = 16
    label_widths = [max(stringWidth(line[i][0], font(), size) for line in lines) + 4 for i in range(per_line)]
    blank = (width - sum(label_widths) - gap * (per_line - 1)) / per_line
    widths: list[float] = []
    for i, label_width in enumerate(label_widths):
        widths += ([gap] if i else []) + [label_width, blank]
    blank_cols = [len(widths) - 1 - 3 * j for j in range(per_line)]
    data = []
    for line in lines:
        row: list[str] = []
        for i, (label, filled) in enumerate(line):
            row += ([""] if i else []) + [label, filled]
        data.append(row)
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), font(), size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for col in blank_cols:
        commands += [("LINEBELOW", (col, 0), (col, -1), 0.6, RULE), ("ALIGN", (col, 0), (col, -1), "CENTER")]
    table = Table(data, colWidths=widths, rowHeights=[height] * len(lines))
    table.setStyle(TableStyle(commands))
    return table


def note_box(
    flowables: list[Flowable], *, fill=LABEL_FILL, border=RULE, width: float = CONTENT_WIDTH
) -> Table:
    """A lightly shaded box around a few paragraphs (rule citations, instructions)."""
    table = Table([[f] for f in flowables], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font(), 10),  # tables otherwise default to (unembedded) Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("BOX", (0, 0), (-1, -1), 0.6, border),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
            ]
        )
    )
    return table
