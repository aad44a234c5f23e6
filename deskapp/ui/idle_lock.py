"""Idle lock: a station left alone goes back to front-desk rights, so nobody acts in a manager's name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal, Slot

SETTINGS_KEY = "idle_minutes"
DEFAULT_MINUTES = 5.0

# What counts as someone at the keyboard; paint, timer and focus events do not.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


def idle_minutes() -> float:
    """QSettings `idle_minutes` (default 5; 0 or less turns the lock off)."""
    value = QSettings().value(SETTINGS_KEY, DEFAULT_MINUTES)
    try:
        return float(value)
    except (TypeError, ValueError):
        return DEFAULT_MINUTES


class IdleLock(QObject):
    """An application event filter: after N minutes without input, sign the station out to the front desk."""

    locked = Signal()  # emitted when a signed-in user was signed out for idling

    def __init__(self, ctx, parent: QObject | None = None, minutes: float | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._installed_on: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._ctx.user_changed.connect(self._on_user_changed)
        self.set_minutes(idle_minutes() if minutes is None else minutes, remember=False)

    # ------------------------------------------------------------------ public
    def install(self, app: QCoreApplication | None = None) -> None:
        """Watch every input event of the application (call once, after the QApplication exists)."""
        app = app or QCoreApplication.instance()
        if app is None or self._installed_on is app:
            return
        app.installEventFilter(self)
        self._installed_on = app
        self.touch()

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self._timer.stop()

    def minutes(self) -> float:
        return self._minutes

    def set_minutes(self, minutes: float, remember: bool = True) -> None:
        self._minutes = float(minutes)
        if remember:
            QSettings().setValue(SETTINGS_KEY, self._minutes)
        if self._minutes > 0:
            self._timer.setInterval(max(1, int(self._minutes * 60_000)))
        self.touch()

    def touch(self) -> None:
        """Someone is here: start counting again."""
        if self._minutes > 0 and self._ctx.user is not None:
            self._timer.start()
        else:
            self._timer.stop()

    def is_counting(self) -> bool:
        return self._timer.isActive()

    # ------------------------------------------------------------------ Qt
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False

    @Slot()
    def _on_user_changed(self) -> None:
        self.touch()

    @Slot()
    def _on_timeout(self) -> None:
        if self._ctx.user is None:
            return
        self._ctx.set_user(None)
        self.locked.emit()
