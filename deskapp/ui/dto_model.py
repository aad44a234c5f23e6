"""A read-only table model over a tuple of frozen DTOs, updated without resetting when it can."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class DtoRole(IntEnum):
    """Custom roles every DTO model answers."""

    ROW = Qt.ItemDataRole.UserRole + 1  # the DTO of the row
    KEY = Qt.ItemDataRole.UserRole + 2  # its stable key
    SORT = Qt.ItemDataRole.UserRole + 3  # a value to sort by (proxies use it as their sort role)


# Roles as plain ints for the models' data(): a view asks for several roles of every visible cell on
# every paint, and `int(Qt.ItemDataRole.DisplayRole)` goes through Python's enum machinery each time.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
ROW, KEY, SORT = int(DtoRole.ROW), int(DtoRole.KEY), int(DtoRole.SORT)
_HORIZONTAL = Qt.Orientation.Horizontal


class DtoTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses give `headers()` and `cell(row, column, role)`; rows are replaced by `set_rows`.

    Cells are enabled and selectable and have no children: QAbstractTableModel's own flags(), which
    this model leaves to Qt (a Python flags() is called for every cell on every paint)."""

    def __init__(self, key: Callable[[T], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._key = key
        self._rows: tuple[T, ...] = ()

    # ------------------------------------------------------------------ to override
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, row: T, column: int, role: int) -> Any:
        """Data for one cell; return None for roles the column does not answer."""
        raise NotImplementedError

    # ------------------------------------------------------------------ rows
    @property
    def rows(self) -> tuple[T, ...]:
        return self._rows

    def row_at(self, r: int) -> T:
        return self._rows[r]

    def key_at(self, r: int):
        return self._key(self._rows[r])

    def row_of_key(self, key) -> int:
        for i, row in enumerate(self._rows):
            if self._key(row) == key:
                return i
        return -1

    def set_rows(self, rows: Sequence[T]) -> bool:
        """Replace the rows; returns whether anything changed.

        Same keys in the same order: dataChanged only (selections survive a refresh); rows added
        at the end: rowsInserted; anything else: a model reset.
        """
        rows = tuple(rows)
        if rows == self._rows:
            return False
        old_keys = [self._key(r) for r in self._rows]
        new_keys = [self._key(r) for r in rows]
        cols = self.columnCount()
        if old_keys == new_keys:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, cols - 1))
            return True
        n = len(old_keys)
        if n and new_keys[:n] == old_keys and len(new_keys) > n:
            changed = rows[:n] != self._rows
            self.beginInsertRows(QModelIndex(), n, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
            if changed:
                self.dataChanged.emit(self.index(0, 0), self.index(n - 1, cols - 1))
            return True
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        role = int(role)
        if role == ROW:
            return row
        if role == KEY:
            return self._key(row)
        return self.cell(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt signature
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == _HORIZONTAL and int(role) == DISPLAY:
            heads = self.headers()
            if 0 <= section < len(heads):
                return heads[section]
        return None
