"""Item delegates that draw board cells as a product would: state pills and make-up credit badges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from . import theme
from .board_model import BADGES_ROLE, STATE_ROLE
from .dto_model import BACKGROUND, DISPLAY, FONT

if TYPE_CHECKING:
    from PySide6.QtGui import QHelpEvent


def _draw_background(painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> QFont:
    """The cell's background as the board's other cells have it (the view's highlight on a selected row,
    else the row's own background), without text; returns the font the cell's text takes.

    Drawn here rather than by the style: asking for the style would make PySide6 build the ~10 QStyle
    enums before the window's first paint (~4 ms of the start-up). And only the two roles it needs are
    read, where initStyleOption would ask the model (in Python) for eight on every paint."""
    view = option.widget
    selection = view.selectionModel() if isinstance(view, QAbstractItemView) else None
    if selection is not None and selection.isSelected(index):
        # the highlight the style would take (the style sheet's selection-background-color sets it)
        if not view.isEnabled():
            group = QPalette.ColorGroup.Disabled
        else:
            group = QPalette.ColorGroup.Active if view.isActiveWindow() else QPalette.ColorGroup.Inactive
        background = option.palette.color(group, QPalette.ColorRole.Highlight)
    else:
        background = index.data(BACKGROUND)  # a QColor (deskapp.ui.board_model) or None
    if background is not None:  # not fillRect(), whose overloads make PySide6 build QGradient's enums
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRect(option.rect)
        painter.restore()
    font = index.data(FONT)  # bold for next up, struck out when cancelled
    return font.resolve(option.font) if font is not None else option.font


class PillDelegate(QStyledItemDelegate):
    """The cell text in a rounded pill coloured by BoardRole.STATE (theme.STATE_COLORS)."""

    def __init__(self, parent=None, scale: float = 1.0):
        super().__init__(parent)
        self._scale = scale

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data(DISPLAY) or ""
        state = index.data(STATE_ROLE)
        if not text or state is None:
            super().paint(painter, option, index)
            return
        font = _draw_background(painter, option, index)
        bg, fg = theme.STATE_COLORS.get(state, theme.STATE_COLORS["absent"])
        fm = QFontMetrics(font)
        pad = round(9 * self._scale)
        h = fm.height() + round(6 * self._scale)
        w = fm.horizontalAdvance(text) + 2 * pad
        r = option.rect
        pill = QRect(r.left() + round(6 * self._scale), r.top() + (r.height() - h) // 2, min(w, r.width() - 8), h)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(pill, h / 2, h / 2)
        painter.setPen(QColor(fg))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, fm.elidedText(text, Qt.TextElideMode.ElideRight, pill.width() - 4))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + round(24 * self._scale), max(size.height(), QFontMetrics(option.font).height() + 12))


class BadgeDelegate(QStyledItemDelegate):
    """BoardRole.BADGES [(text, tooltip)] as small amber rounded badges, each with its own tooltip."""

    GAP = 4

    def _rects(self, option: QStyleOptionViewItem, badges, font: QFont | None = None) -> list[QRect]:
        fm = QFontMetrics(font if font is not None else option.font)
        h = fm.height() + 4
        x = option.rect.left() + 6
        y = option.rect.top() + (option.rect.height() - h) // 2
        rects = []
        for text, _tip in badges:
            w = fm.horizontalAdvance(text) + 14
            rects.append(QRect(x, y, w, h))
            x += w + self.GAP
        return rects

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        badges = index.data(BADGES_ROLE)
        font = _draw_background(painter, option, index)
        if not badges:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        for (text, _tip), rect in zip(badges, self._rects(option, badges, font), strict=True):
            if rect.right() > option.rect.right():
                break
            painter.setPen(QPen(QColor(theme.BADGE_LINE), 1))
            painter.setBrush(QColor(theme.BADGE_BG))
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 6, 6)
            painter.setPen(QColor(theme.BADGE_FG))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        badges = index.data(BADGES_ROLE) or []
        size = super().sizeHint(option, index)
        if not badges:
            return size
        rects = self._rects(option, badges)
        return QSize(rects[-1].right() - option.rect.left() + 8, size.height())

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: QModelIndex) -> bool:
        badges = index.data(BADGES_ROLE) if index.isValid() else None
        if event is not None and event.type() == QEvent.Type.ToolTip and badges:
            for (_text, tip), rect in zip(badges, self._rects(option, badges), strict=True):
                if rect.contains(QPoint(event.pos())):
                    from PySide6.QtWidgets import QToolTip  # here, not at import (start-up)

                    QToolTip.showText(event.globalPos(), tip, view, rect)
                    return True
        return super().helpEvent(event, view, option, index)
