"""Qt models of the rotation board: today's consultants and today's receptions (over board DTOs)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, auto

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from deskapp.domain.phone import mask_phone
from deskapp.services.dto import ConsultantRow, ReceptionRow

from . import i18n, theme
from .dto_model import ALIGNMENT, BACKGROUND, DISPLAY, FONT, FOREGROUND, SORT, TOOLTIP, DtoRole, DtoTableModel


class BoardRole(IntEnum):
    STATE = DtoRole.SORT + 1  # state key, painted as a pill
    BADGES = auto()  # [(text, tooltip)] painted as rounded badges
    IS_NEXT = auto()


STATE_ROLE, BADGES_ROLE, IS_NEXT_ROLE = int(BoardRole.STATE), int(BoardRole.BADGES), int(BoardRole.IS_NEXT)  # see DISPLAY
_CENTER = Qt.AlignmentFlag.AlignCenter


def hh_mm(when: dt.datetime) -> str:
    """'09:05'. Not strftime: under PySide6 every strftime call runs an import hook (it imports `time`),
    and the board formats a time in many cells of every paint."""
    return f"{when.hour:02d}:{when.minute:02d}"


def bilingual(text: str, lang: str) -> str:
    """Domain reasons are written 'zh / en': keep the part of the user's language."""
    if " / " not in text:
        return text
    zh, en = text.split(" / ", 1)
    return zh if lang.startswith("zh") else en


class ConsultantTableModel(DtoTableModel[ConsultantRow]):
    """Everyone in today's rotation, in rotation order (position 1 = next in line)."""

    POSITION, NAME, STATE, CREDITS, SINCE, DETAIL = range(6)

    def __init__(self, lang: str = "zh", parent: QObject | None = None):
        super().__init__(lambda r: r.key, parent)
        self._lang = lang
        self._headers: list[str] | None = None
        # colours, not QBrushes: the view makes its brushes of them, and a QBrush made here would build
        # PySide's QBrush/QGradient enums before the first paint
        self._next_bg = QColor(theme.ACCENT_SOFT)
        self._muted_ink = QColor(theme.MUTED)
        self._next_ink = QColor(theme.ACCENT_DARK)

    def headers(self):
        if self._headers is None:  # Qt asks for the column count thousands of times while it lays out a table
            self._headers = [self.tr("顺位"), self.tr("置业顾问"), self.tr("状态"), self.tr("补接名额"), self.tr("起始"),
                             self.tr("当前")]
        return self._headers

    def badges(self, row: ConsultantRow) -> list[tuple[str, str]]:
        out = [(self.tr("补{rule}").format(rule=cr.rule),
                self.tr("{rule}：{reason}（{when}获得）").format(
                    rule=i18n.rule_text(cr.rule), reason=bilingual(cr.reason, self._lang),
                    when=cr.earned.strftime("%m-%d %H:%M")))
               for cr in row.credits]
        if row.owes_turn:
            out.append((self.tr("欠{n}轮").format(n=row.owes_turn),
                        self.tr("R25 公司同事购房：指定接待后欠一次轮次，下次轮到时跳过")))
        return out

    def state_text(self, row: ConsultantRow) -> str:
        text = i18n.label(i18n.STATE, row.state)
        if row.on_duty:
            text += self.tr("·值班")
        return text

    def detail_text(self, row: ConsultantRow) -> str:
        if row.is_next:
            return self.tr("← 下一位")
        if row.state == "receiving":
            return row.detail
        if row.state == "on_leave":
            return self.tr("休假 {dates}").format(dates=row.detail)
        if row.position == 0 and row.state == "free":
            return self.tr("不在今日轮次")
        return row.detail

    def cell(self, row: ConsultantRow, column: int, role: int):
        if role == DISPLAY:
            if column == self.POSITION:
                return str(row.position) if row.position else "—"
            if column == self.NAME:
                return row.name + (self.tr("（组长）") if row.role == "team_leader" else "")
            if column == self.STATE:
                return self.state_text(row)
            if column == self.DETAIL:
                return self.detail_text(row)
            if column == self.SINCE:
                return hh_mm(row.since) if row.since else ""
            if column == self.CREDITS:
                return " ".join(text for text, _tip in self.badges(row))
            return None
        if role == TOOLTIP:
            if column == self.CREDITS:
                tips = [tip for _text, tip in self.badges(row)]
                return "\n".join(tips) if tips else None
            if column == self.NAME and row.team:
                return self.tr("{team}组").format(team=row.team)
            if column == self.DETAIL and row.detail:
                return self.detail_text(row)
            return None
        if role == BACKGROUND:
            return self._next_bg if row.is_next else None
        if role == FONT:
            if row.is_next and column in (self.POSITION, self.NAME, self.DETAIL):
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == FOREGROUND:
            if row.is_next and column in (self.NAME, self.DETAIL):
                return self._next_ink
            if column in (self.POSITION, self.SINCE):
                return self._muted_ink
            return None
        if role == ALIGNMENT:
            if column in (self.POSITION, self.SINCE):
                return _CENTER
            return None
        if role == SORT:
            if column == self.POSITION:
                return row.position if row.position else 10_000
            if column == self.SINCE:
                return row.since.isoformat() if row.since else ""
            if column == self.CREDITS:
                return len(row.credits)
            return self.cell(row, column, DISPLAY)
        if role == STATE_ROLE:
            return "duty" if row.on_duty and row.state == "free" else row.state
        if role == BADGES_ROLE:
            return self.badges(row) if column == self.CREDITS else None
        if role == IS_NEXT_ROLE:
            return row.is_next
        return None


class ReceptionTableModel(DtoTableModel[ReceptionRow]):
    """Today's receptions: who received whom, how, and by which rule."""

    TIME, CUSTOMER, PHONE, RECEIVER, KIND, TURN, STATUS, RULES, EXPLANATION = range(9)

    def __init__(self, lang: str = "zh", parent: QObject | None = None):
        super().__init__(lambda r: r.visit_id, parent)
        self._lang = lang
        self._headers: list[str] | None = None
        self._muted_ink = QColor(theme.FAINT)
        self._danger_ink = QColor(theme.DANGER)

    def headers(self):
        if self._headers is None:  # translated once (the language changes only with a restart)
            self._headers = [self.tr("时间"), self.tr("客户"), self.tr("电话"), self.tr("接待人"), self.tr("方式"),
                             self.tr("轮次"), self.tr("状态"), self.tr("依据"), self.tr("说明")]
        return self._headers

    def explanation(self, row: ReceptionRow) -> str:
        """The decision's one-line explanation in the user's language (Chinese when no English was recorded)."""
        if not self._lang.startswith("zh") and row.explanation_en:
            return row.explanation_en
        return row.explanation

    def status_text(self, row: ReceptionRow) -> str:
        if row.cancelled:
            return self.tr("已取消")
        if row.kind == "waiting" and row.active:
            return self.tr("等候中")
        if row.active:
            return self.tr("接待中")
        return self.tr("已结束")

    def cell(self, row: ReceptionRow, column: int, role: int):
        if role == DISPLAY:
            if column == self.TIME:
                return hh_mm(row.at)
            if column == self.CUSTOMER:
                return row.customer + (self.tr("（已修改）") if row.amended else "")
            if column == self.PHONE:
                return mask_phone(row.phone)
            if column == self.RECEIVER:
                return row.receiver_name if row.receiver else self.tr("（等候）")
            if column == self.KIND:
                return i18n.label(i18n.KIND, row.kind)
            if column == self.TURN:
                return i18n.label(i18n.TURN, row.turn)
            if column == self.STATUS:
                return self.status_text(row)
            if column == self.RULES:
                if not row.rules:
                    return ""
                more = len(row.rules) - 1
                return i18n.rule_text(row.rules[0]) + (f" +{more}" if more else "")
            if column == self.EXPLANATION:
                return self.explanation(row)
            return None
        if role == TOOLTIP:
            if column == self.RULES and row.rules:
                return i18n.rules_text(row.rules, "\n")
            if column in (self.EXPLANATION, self.CUSTOMER) and row.explanation:
                tip = self.explanation(row)
                if row.owner_name and row.owner_name != "—":
                    tip += "\n" + self.tr("归属：{owner}").format(owner=row.owner_name)
                if row.amended:
                    tip += "\n" + self.tr("已修改（不作为依据）")
                return tip
            return None
        if role == FOREGROUND:
            if row.cancelled or (not row.active and column != self.EXPLANATION):
                return self._muted_ink
            if row.amended and column == self.CUSTOMER:
                return self._danger_ink
            return None
        if role == FONT:
            if row.cancelled:
                f = QFont()
                f.setStrikeOut(True)
                return f
            return None
        if role == ALIGNMENT:
            if column == self.TIME:
                return _CENTER
            return None
        if role == SORT:
            if column == self.TIME:
                return f"{row.at.isoformat()}#{row.visit_id:09d}"
            return self.cell(row, column, DISPLAY)
        if role == STATE_ROLE:
            if column != self.STATUS:
                return None
            if row.cancelled:
                return "absent"
            if row.kind == "waiting" and row.active:
                return "out_personal"
            return "receiving" if row.active else "signed_out"
        return None


def elapsed(since: dt.datetime | None, now: dt.datetime) -> str:
    """'12分钟' / '1小时05分' since a moment."""
    if since is None:
        return ""
    minutes = max(0, int((now - since).total_seconds() // 60))
    from PySide6.QtCore import QCoreApplication

    if minutes < 60:
        return QCoreApplication.translate("Elapsed", "{m}分钟").format(m=minutes)
    return QCoreApplication.translate("Elapsed", "{h}小时{m:02d}分").format(h=minutes // 60, m=minutes % 60)


def sorting_proxy(model: DtoTableModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """A proxy sorting by DtoRole.SORT (views never read the source rows without mapToSource)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT)
    proxy.setDynamicSortFilter(True)
    return proxy
