"""Every window action, built in one place and keyed by an enum, with its shortcut and role rule."""

from __future__ import annotations

from enum import Enum, auto
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

_translate = QCoreApplication.translate  # for texts marked with QT_TRANSLATE_NOOP (lupdate reads those)

class ActionId(Enum):
    CHECK_IN = auto()
    SEARCH = auto()
    FINISH = auto()
    COMPETITOR = auto()
    COMPLAINT = auto()
    REFUSE = auto()
    PRINT_NOTICE = auto()
    PRINT_VISIT_SHEET = auto()
    WALL_MODE = auto()
    SIGN_IN = auto()
    REFRESH = auto()
    LANGUAGE_ZH = auto()
    LANGUAGE_EN = auto()
    QUIT = auto()


class ActionSpec(NamedTuple):  # not a dataclass: this module is on the way to the first paint
    text: str  # Chinese source text, translated in context "Actions"
    tip: str
    shortcut: str | QKeySequence.StandardKey | None = None
    permission: str | None = None  # a key of deskapp.domain.roles.ACTIONS the user's role must have
    app_wide: bool = False  # the shortcut works in every window of the app (the receptionist lives on the keyboard)


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.CHECK_IN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "来访登记(&N)…"),
        QT_TRANSLATE_NOOP("Actions", "登记新到访的客户，系统按制度给出接待人"), "Ctrl+N", "desk", True),
    ActionId.SEARCH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "查找客户(&F)…"),
        QT_TRANSLATE_NOOP("Actions", "按电话尾号、姓名或拼音首字母查找客户"), "Ctrl+F", None, True),
    ActionId.FINISH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "结束接待"),
        QT_TRANSLATE_NOOP("Actions", "所选客户接待结束，置业顾问恢复空闲（R11）"), "Ctrl+E", "desk"),
    ActionId.COMPETITOR: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "同行市调"),
        QT_TRANSLATE_NOOP("Actions", "所选客户已说明或被认出为同行市调，接待人获补接名额（R12）"), "Ctrl+Shift+T", "desk"),
    ActionId.COMPLAINT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "投诉转接"),
        QT_TRANSLATE_NOOP("Actions", "客户投诉：取消当前接待，按轮次转给下一位（R13，销售主管或以上）"), "Ctrl+Shift+C",
        "complaint"),
    ActionId.REFUSE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "拒接"),
        QT_TRANSLATE_NOOP("Actions", "置业顾问拒接所派客户：记旷工，客户转下一位（R28）"), "Ctrl+Shift+R", "desk"),
    ActionId.PRINT_NOTICE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "打印今日认领公示(&P)…"),
        QT_TRANSLATE_NOOP("Actions", "保存今日认领公示PDF（电话已遮挡），并送打印机，张贴一天（R20）"),
        QKeySequence.StandardKey.Print),
    ActionId.PRINT_VISIT_SHEET: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "打印来访单(&V)…"),
        QT_TRANSLATE_NOOP("Actions", "保存看板上所选接待的来访客户资料表PDF，并送打印机（交归属顾问存档）"),
        "Ctrl+Shift+P"),
    ActionId.WALL_MODE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "大屏模式"),
        QT_TRANSLATE_NOOP("Actions", "全屏显示轮接看板（F11 或 Esc 退出）"), "F11"),
    ActionId.SIGN_IN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "员工登录(&L)…"),
        QT_TRANSLATE_NOOP("Actions", "以员工身份登录本工作站（输入PIN）"), "Ctrl+L", None, True),
    ActionId.REFRESH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "刷新"),
        QT_TRANSLATE_NOOP("Actions", "重新读取看板"), QKeySequence.StandardKey.Refresh),
    ActionId.LANGUAGE_ZH: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "中文"), QT_TRANSLATE_NOOP("Actions", "界面使用中文（重启后生效）")),
    ActionId.LANGUAGE_EN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "English"), QT_TRANSLATE_NOOP("Actions", "界面使用英文（重启后生效）")),
    ActionId.QUIT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "退出(&Q)"), QT_TRANSLATE_NOOP("Actions", "关闭程序"), "Ctrl+Q"),
}


def build_actions(parent: QObject) -> dict[ActionId, QAction]:
    """One QAction per ActionId, owned by `parent` (add them to a window for the shortcuts to work)."""
    actions: dict[ActionId, QAction] = {}
    for aid, spec in SPECS.items():
        act = QAction(parent)  # QAction(text, parent) would make PySide6 build QIcon's enums (its overloads)
        act.setText(_translate("Actions", spec.text))
        act.setObjectName(f"action_{aid.name.lower()}")
        tip = _translate("Actions", spec.tip)
        if spec.shortcut is not None:
            act.setShortcut(QKeySequence(spec.shortcut))
            seq = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if seq:
                tip = f"{tip}（{seq}）"
        act.setToolTip(tip)
        act.setStatusTip(tip)
        if spec.app_wide:
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        actions[aid] = act
    actions[ActionId.LANGUAGE_ZH].setCheckable(True)
    actions[ActionId.LANGUAGE_EN].setCheckable(True)
    actions[ActionId.WALL_MODE].setCheckable(True)
    return actions


def permitted(aid: ActionId, may) -> bool:
    """Whether a user for whom `may(action_key)` holds may trigger `aid` at all."""
    perm = SPECS[aid].permission
    return perm is None or bool(may(perm))
