"""The base of every deskapp dialog: it remembers its size and place in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget


class RememberingDialog(QDialog):
    """A QDialog that restores its geometry on first show and saves it when it closes.

    The key is ``dialogs/<settings_key>/geometry``; the class name unless given.
    """

    def __init__(self, parent: QWidget | None = None, settings_key: str | None = None):
        super().__init__(parent)
        self._settings_key = settings_key or type(self).__name__
        self._geometry_restored = False

    def _geometry_key(self) -> str:
        return f"dialogs/{self._settings_key}/geometry"

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if not self._geometry_restored:
            self._geometry_restored = True
            data = QSettings().value(self._geometry_key())
            if data is not None:
                self.restoreGeometry(data)
        super().showEvent(event)

    def done(self, result: int) -> None:
        self.save_geometry()
        super().done(result)

    def save_geometry(self) -> None:
        if self.isVisible():
            QSettings().setValue(self._geometry_key(), self.saveGeometry())
