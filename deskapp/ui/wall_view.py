"""The rotation board in full screen for the office wall (the main window's 大屏模式)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from deskapp.services import dto

from . import i18n, theme
from .board_model import bilingual, elapsed
from .board_view import via_text
from .context import AppContext


class WallView(QWidget):
    """Full-screen board for the office wall: next up huge, the rotation in large type, no controls.

    Type sizes follow the screen height (designed at 1080 px), so the wall reads from across the room.
    """

    wall_closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._board: dto.Board | None = None
        self._unit = 1.0
        self.setWindowTitle(self.tr("轮接看板"))
        self.setObjectName("wall")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(theme.WALL_BG))
        self.setPalette(pal)
        self.setStyleSheet(
            f"QWidget#wall {{ background: {theme.WALL_BG}; }}"
            f"QWidget#wall QLabel {{ color: {theme.WALL_INK}; background: transparent; }}"
            f"QFrame#wallNext {{ background: qlineargradient(x1:0, y1:0, x2:1, y2:1, stop:0 {theme.ACCENT}, stop:1 #155E75);"
            " border-radius: 18px; }"
            f"QFrame#wallRow {{ background: {theme.WALL_CARD}; border-radius: 10px; }}"
            "QFrame#wallRowNext { background: #1C4A4A; border: 2px solid #2DD4BF; border-radius: 10px; }"
        )
        self._title_label = QLabel(self.tr("轮接看板"), self)
        self._clock_label = QLabel(self)
        self._clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._next_frame = QFrame(self)
        self._next_frame.setObjectName("wallNext")
        self._next_caption = QLabel(self.tr("下一位"), self._next_frame)
        self._next_label = QLabel(self._next_frame)
        self._next_label.setObjectName("wallNextName")
        self._via_label = QLabel(self._next_frame)
        self._via_label.setStyleSheet("color: rgba(255,255,255,0.85);")
        self._via_label.setWordWrap(True)
        self._following_label = QLabel(self._next_frame)
        self._following_label.setStyleSheet("color: rgba(255,255,255,0.92);")
        self._following_label.setWordWrap(True)
        self._waiting_label = QLabel(self._next_frame)
        self._waiting_label.setObjectName("wallWaiting")
        self._waiting_label.setWordWrap(True)
        self._waiting_label.setStyleSheet(
            f"QLabel#wallWaiting {{ background: {theme.BADGE_BG}; color: {theme.BADGE_FG}; border-radius: 12px;"
            " padding: 10px 16px; }")
        nl = QVBoxLayout(self._next_frame)
        nl.setContentsMargins(40, 28, 40, 32)
        nl.setSpacing(6)
        nl.addWidget(self._next_caption)
        nl.addStretch(1)
        nl.addWidget(self._next_label)
        nl.addWidget(self._via_label)
        nl.addStretch(2)
        nl.addWidget(self._following_label)
        nl.addWidget(self._waiting_label)
        self._rows_box = QWidget(self)
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(10)

        top = QHBoxLayout()
        top.addWidget(self._title_label)
        top.addStretch(1)
        top.addWidget(self._clock_label)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self._next_frame, 5)
        body.addWidget(self._rows_box, 6)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(48, 32, 48, 40)
        self._layout.setSpacing(26)
        self._layout.addLayout(top)
        self._layout.addLayout(body, 1)
        # the type follows the window size (resizeEvent), so the layout must not impose a minimum
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._connect_signals()
        self._apply_scale()
        self.refresh()

    def _connect_signals(self) -> None:
        self._ctx.changed.connect(self._on_ctx_changed)
        self._timer.timeout.connect(self._on_tick)

    def _font(self, px: float, bold: bool = False):
        f = QFont(self.font())
        f.setPixelSize(max(9, round(px * self._unit)))
        f.setBold(bold)
        return f

    def _apply_scale(self) -> None:
        self._unit = max(0.5, self.height() / 1080)
        self._title_label.setFont(self._font(34, True))
        self._clock_label.setFont(self._font(40, True))
        self._next_caption.setFont(self._font(44))
        self._via_label.setFont(self._font(34))
        self._following_label.setFont(self._font(36))
        self._waiting_label.setFont(self._font(34, True))
        self._fit_next_name()

    def _fit_next_name(self) -> None:
        """As large as the card allows: 190 px at 1080 p, smaller for long names."""
        text = self._next_label.text() or "—"
        room = max(200, self._next_frame.width() - 90)
        px = 190.0
        while px > 40:
            f = self._font(px, True)
            if QFontMetrics(f).horizontalAdvance(text) <= room:
                break
            px -= 10
        self._next_label.setFont(self._font(px, True))

    def showEvent(self, event) -> None:  # noqa: N802
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_scale()
        self._rebuild_rows()

    def next_up_text(self) -> str:
        return self._next_label.text()

    def refresh(self) -> None:
        board = self._ctx.board()
        self._board = board
        self._next_label.setText(board.next_up_name if board.next_up else "—")
        self._via_label.setText(via_text(board) if board.date else self.tr("今日尚未开始营业"))
        following = [r.name for r in board.rows if r.position and r.state == "free" and not r.is_next][:2]
        self._following_label.setText(self.tr("随后：{names}").format(names=" → ".join(following)) if following else "")
        self._following_label.setVisible(bool(following))
        if board.waiting:
            self._waiting_label.setText(self.tr("等候中 {n} 组：{names}").format(
                n=len(board.waiting), names="、".join(board.waiting)))
        self._waiting_label.setVisible(bool(board.waiting))
        self._fit_next_name()
        self._rebuild_rows()
        self._on_tick()

    def _rebuild_rows(self) -> None:
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if self._board is None:
            return
        rows = [r for r in self._board.rows if r.position]
        now = self._ctx.clock()
        avail = max(200.0, self.height() - 190 * self._unit)  # below the title row and margins
        row_h = max(24.0, min(82 * self._unit, (avail - 10 * max(0, len(rows) - 1)) / max(1, len(rows))))
        for row in rows:
            self._rows_layout.addWidget(self._row_widget(row, now, round(row_h)))
        self._rows_layout.addStretch(1)

    def _row_widget(self, row: dto.ConsultantRow, now: dt.datetime, height: int) -> QFrame:
        frame = QFrame(self._rows_box)
        frame.setObjectName("wallRowNext" if row.is_next else "wallRow")
        frame.setFixedHeight(height)
        scale = min(1.0, height / (82 * self._unit)) if self._unit else 1.0
        pos = QLabel(str(row.position), frame)
        pos.setFont(self._font(38 * scale, True))
        pos.setStyleSheet(f"color: {theme.WALL_MUTED};")
        pos.setFixedWidth(round(64 * self._unit * scale))
        name = QLabel(row.name, frame)
        name.setFont(self._font(44 * scale, True))
        bg, fg = theme.STATE_COLORS.get("duty" if row.on_duty and row.state == "free" else row.state,
                                        theme.STATE_COLORS["absent"])
        state_text = i18n.label(i18n.STATE, row.state)
        if row.state == "receiving" and row.detail:
            state_text += f" · {row.detail} · {elapsed(row.since, now)}"
        state = QLabel(state_text, frame)
        state.setFont(self._font(28 * scale))
        radius = round(20 * self._unit * scale)
        state.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: {radius}px; padding: 4px 18px; }}")
        lay = QHBoxLayout(frame)
        lay.setContentsMargins(round(22 * self._unit), 0, round(22 * self._unit), 0)
        lay.setSpacing(round(18 * self._unit))
        lay.addWidget(pos)
        lay.addWidget(name)
        lay.addStretch(1)
        for cr in row.credits:
            badge = QLabel(self.tr("补{rule}").format(rule=cr.rule), frame)
            badge.setFont(self._font(26 * scale, True))
            badge.setToolTip(bilingual(cr.reason, self._ctx.lang))
            badge.setStyleSheet(f"QLabel {{ background: {theme.BADGE_BG}; color: {theme.BADGE_FG}; "
                                f"border-radius: {round(14 * self._unit)}px; padding: 3px 12px; }}")
            lay.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addWidget(state, 0, Qt.AlignmentFlag.AlignVCenter)
        return frame

    @Slot()
    def _on_ctx_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_tick(self) -> None:
        self._clock_label.setText(self._ctx.clock().strftime("%H:%M"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.wall_closed.emit()
        super().closeEvent(event)
