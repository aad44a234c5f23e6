"""Qt models of customer search: the hits, and one customer's whole history."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from deskapp.services import queries
from deskapp.services.dto import CustomerHit, HistoryItem
from deskapp.services.queries import masked

from . import i18n, theme
from .dto_model import DtoRole, DtoTableModel


def find_customers(service, text: str, limit: int = 50) -> list[CustomerHit]:
    """Customers matching `text` (phone, name, pinyin): see deskapp.services.queries.find_customers."""
    text = text.strip()
    return queries.find_customers(service, text, limit) if text else []


class CustomerHitModel(DtoTableModel[CustomerHit]):
    """Search results: name, phone (masked unless asked), owner, last visit, follow-up continuity (R14)."""

    NAME, PHONE, OWNER, LAST_VISIT, CONTINUOUS, MATCHED = range(6)

    def __init__(self, parent: QObject | None = None):
        super().__init__(lambda h: h.id, parent)
        self._full_phone = False
        self._ok = QBrush(QColor("#17643A"))
        self._bad = QBrush(QColor(theme.DANGER))
        self._muted = QBrush(QColor(theme.MUTED))

    def headers(self):
        return [self.tr("姓名"), self.tr("电话"), self.tr("归属"), self.tr("最近来访"), self.tr("回访连续"),
                self.tr("匹配")]

    def set_full_phone(self, full: bool) -> None:
        if full != self._full_phone:
            self._full_phone = full
            if self.rowCount():
                self.dataChanged.emit(self.index(0, self.PHONE), self.index(self.rowCount() - 1, self.PHONE))

    def cell(self, row: CustomerHit, column: int, role: int):
        R = Qt.ItemDataRole
        if role == int(R.DisplayRole):
            if column == self.NAME:
                return row.name or f"#{row.id}"  # received before any name was recorded (R9)
            if column == self.PHONE:
                return row.phone if self._full_phone else masked(row.phone)
            if column == self.OWNER:
                return row.owner_name if row.owner else self.tr("（无归属）")
            if column == self.LAST_VISIT:
                return row.last_visit.strftime("%Y-%m-%d") if row.last_visit else "—"
            if column == self.CONTINUOUS:
                if not row.owner:
                    return "—"
                return self.tr("✓ 连续") if row.continuous else self.tr("✗ 中断")
            if column == self.MATCHED:
                return i18n.label(i18n.MATCHED_BY, row.matched_by)
            return None
        if role == int(R.ForegroundRole):
            if column == self.CONTINUOUS and row.owner:
                return self._ok if row.continuous else self._bad
            if column in (self.LAST_VISIT, self.MATCHED):
                return self._muted
            return None
        if role == int(R.ToolTipRole):
            if column == self.NAME:
                return self.tr("按{how}找到").format(how=i18n.label(i18n.MATCHED_BY, row.matched_by))
            if column == self.LAST_VISIT and row.last_visit:
                return row.last_visit.strftime("%Y-%m-%d %H:%M")
            if column == self.CONTINUOUS:
                return self.tr("{rule}：归属人的接待与回访记录间隔不超过规定天数").format(rule=i18n.rule_text("R14"))
            return None
        if role == int(DtoRole.SORT):
            if column == self.LAST_VISIT:
                return row.last_visit.isoformat() if row.last_visit else ""
            return self.cell(row, column, int(R.DisplayRole))
        return None


class HistoryModel(DtoTableModel[HistoryItem]):
    """One customer's visits, follow-ups and deals, oldest first; amended records are marked (R3)."""

    AT, KIND, WHO, TEXT, STATUS = range(5)

    def __init__(self, parent: QObject | None = None):
        super().__init__(lambda item: item, parent)
        self._bad = QBrush(QColor(theme.DANGER))
        self._muted = QBrush(QColor(theme.MUTED))

    def headers(self):
        return [self.tr("时间"), self.tr("类型"), self.tr("人员"), self.tr("内容"), self.tr("作为依据")]

    def cell(self, row: HistoryItem, column: int, role: int):
        R = Qt.ItemDataRole
        if role == int(R.DisplayRole):
            if column == self.AT:
                if row.kind == "follow_up":
                    return row.at.strftime("%Y-%m-%d")
                return row.at.strftime("%Y-%m-%d %H:%M")
            if column == self.KIND:
                return i18n.label(i18n.HISTORY, row.kind)
            if column == self.WHO:
                return row.who_name
            if column == self.TEXT:
                return row.text
            if column == self.STATUS:
                return self.tr("已修改（不作为依据）") if row.amended else self.tr("有效")
            return None
        if role == int(R.ToolTipRole):
            if column == self.STATUS and row.amended:
                lines = [self.tr("R3 涂改记录不作依据：此记录已被更正，原记录保留")]
                lines += [f"· {c}" for c in row.corrections]
                return "\n".join(lines)
            if column == self.TEXT:
                return row.text
            return None
        if role == int(R.ForegroundRole):
            if row.amended and column in (self.STATUS, self.TEXT):
                return self._bad
            if column == self.AT:
                return self._muted
            return None
        if role == int(R.FontRole):
            if row.amended and column == self.TEXT:
                f = QFont()
                f.setStrikeOut(True)
                return f
            if row.amended and column == self.STATUS:
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == int(DtoRole.SORT):
            if column == self.AT:
                return row.at.isoformat()
            return self.cell(row, column, int(R.DisplayRole))
        return None
