"""Languages: Chinese source text in the code, English from translations/deskapp_en.ts.

The .ts file is the only translation source kept in the repository. At start the English
catalogue is compiled to a .qm with PySide6's lrelease into a cache directory (once per content
hash); without lrelease (a frozen bundle) the .qm is written by `qm_bytes` from the .ts XML, to the
cache or straight into memory, so the app never starts untranslated.

Adding strings: `pyside6-lupdate deskapp/ui/<files>.py deskapp/app.py -ts deskapp/translations/deskapp_en.ts
-no-obsolete -locations none` keeps the existing English and adds the new sources as unfinished;
translate those (Qt Linguist or by hand). tests/ui/test_desk_i18n.py fails while one is missing.

A warm start reads only the cached .qm (and hashes the .ts to name it); the compiler and the XML reader
are imported only when a catalogue has to be (re)built, and nothing at all is loaded for Chinese.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, QSettings, QTranslator

LANGUAGES = ("zh", "en")
SETTINGS_KEY = "language"


# ---------------------------------------------------------------- choosing the language
def choose_language(settings: QSettings | None = None) -> str:
    """QSettings "language" if set to zh/en; else the system locale (Chinese unless it is English)."""
    settings = settings or QSettings()
    value = str(settings.value(SETTINGS_KEY, "") or "").strip().lower()
    if value in LANGUAGES:
        return value
    if QLocale.system().language() == QLocale.Language.English:
        return "en"
    return "zh"


# ---------------------------------------------------------------- loading a catalogue
def translations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "deskapp" / "translations"
    return Path(__file__).resolve().parents[1] / "translations"


def cache_dir() -> Path:
    env = os.environ.get("DESKAPP_CACHE_DIR")
    if env:
        return Path(env) / "translations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("deskapp")) / "translations"


def _lrelease() -> list[str] | None:
    """The lrelease executable shipped inside PySide6 (or the pyside6-lrelease wrapper)."""
    try:
        import PySide6

        pkg = Path(PySide6.__file__).parent
        for name in ("lrelease", "lrelease.exe"):
            if (pkg / name).is_file():
                return [str(pkg / name)]
    except ImportError:  # pragma: no cover - PySide6 is always there when this module is imported
        pass
    exe_dir = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (exe_dir / name).is_file():
            return [str(exe_dir / name)]
    import shutil

    found = shutil.which("pyside6-lrelease")
    return [found] if found else None


def compile_ts(ts: Path, out_dir: Path | None = None) -> Path | None:
    """Compile `ts` to a .qm named by its content hash in `out_dir`; reuse it if already there."""
    import hashlib

    data = ts.read_bytes()
    digest = hashlib.sha1(data).hexdigest()[:12]
    out_dir = out_dir or cache_dir()
    qm = out_dir / f"{ts.stem}-{digest}.qm"
    if qm.is_file() and qm.stat().st_size > 0:
        return qm
    tool = _lrelease()
    if tool is None:
        return None
    import subprocess

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = qm.with_suffix(f".{os.getpid()}.tmp")
        subprocess.run([*tool, "-silent", str(ts), "-qm", str(tmp)], check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError):
        return None
    return qm if qm.is_file() else None


_QM_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
_QM_HASHES, _QM_MESSAGES = 0x42, 0x69
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 1, 3, 6, 7, 8


def _elf_hash(data: bytes) -> int:
    """Qt's elfHash over source text + comment: the key of a .qm file's hash table."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def qm_bytes(messages: dict[tuple[str, str], str]) -> bytes:
    """A Qt .qm catalogue of {(context, source): translation}, as lrelease would write it.

    The fallback when lrelease is not installed (a PySide6 QTranslator subclass overriding
    translate() is no alternative: PySide6 6.x mis-counts references on that virtual call).
    """
    import struct

    body = bytearray()
    hashes: list[tuple[int, int]] = []
    for (context, source), translation in messages.items():
        src, ctx = source.encode("utf-8"), context.encode("utf-8")
        hashes.append((_elf_hash(src), len(body)))
        tr = translation.encode("utf-16-be")
        body += struct.pack(">BI", _TAG_TRANSLATION, len(tr)) + tr
        body += struct.pack(">BI", _TAG_SOURCE, len(src)) + src
        body += struct.pack(">BI", _TAG_COMMENT, 0)
        body += struct.pack(">BI", _TAG_CONTEXT, len(ctx)) + ctx
        body += bytes([_TAG_END])
    table = b"".join(struct.pack(">II", h, off) for h, off in sorted(hashes))
    return (_QM_MAGIC + struct.pack(">BI", _QM_HASHES, len(table)) + table
            + struct.pack(">BI", _QM_MESSAGES, len(body)) + bytes(body))


def write_qm(ts: Path, out_dir: Path | None = None) -> Path | None:
    """Write the .qm of `ts` with qm_bytes() into the cache (named by content hash); None if unwritable."""
    import hashlib

    data = ts.read_bytes()
    out_dir = out_dir or cache_dir()
    qm = out_dir / f"{ts.stem}-{hashlib.sha1(data).hexdigest()[:12]}.py.qm"
    if qm.is_file() and qm.stat().st_size > 0:
        return qm
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = qm.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(qm_bytes(read_ts(ts)))
        os.replace(tmp, qm)
    except OSError:
        return None
    return qm


def read_ts(ts: Path) -> dict[tuple[str, str], str]:
    """{(context, source): translation} of the finished messages of a Qt Linguist file."""
    import xml.etree.ElementTree as ET

    out: dict[tuple[str, str], str] = {}
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            if src is None or tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                out[(name, src)] = tr.text
    return out


def _load_one(ts: Path, parent: QObject | None) -> QTranslator | None:
    """The first that works: a shipped .qm, lrelease's, ours in the cache, ours in memory."""
    shipped = ts.with_suffix(".qm")  # a packaged build may ship the compiled file

    def _shipped():
        return shipped if shipped.is_file() and shipped.stat().st_mtime >= ts.stat().st_mtime else None

    for make in (_shipped, lambda: compile_ts(ts), lambda: write_qm(ts)):
        qm = make()
        if qm is None:
            continue
        translator = QTranslator(parent)
        if translator.load(str(qm)):
            return translator
    try:
        return DictTranslator.from_ts(ts, parent)
    except ValueError:
        return None


class DictTranslator(QTranslator):
    """A translator over {(context, source): translation}, loaded from an in-memory .qm (qm_bytes).

    Qt keeps a pointer to the data, so the translator holds on to the bytes.
    """

    def __init__(self, messages: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._qm = qm_bytes(messages)
        if not self.load(self._qm):
            raise ValueError("could not load the generated catalogue")

    @classmethod
    def from_ts(cls, ts: Path, parent: QObject | None = None) -> DictTranslator:
        return cls(read_ts(ts), parent)


def load_translators(lang: str, parent: QObject | None = None) -> list[QTranslator]:
    """Translators for `lang` from every translations/*_<lang>.ts and *_<lang>_*.ts (none for Chinese).

    deskapp_<lang>.ts is the window's catalogue; other parts ship their own (deskapp_en_panels.ts).
    """
    if lang.startswith("zh"):
        return []
    folder = translations_dir()
    files = sorted({*folder.glob(f"*_{lang}.ts"), *folder.glob(f"*_{lang}_*.ts")}) if folder.is_dir() else []
    if not files:  # a bundle with only the compiled catalogues
        out = []
        found = {*folder.glob(f"*_{lang}.qm"), *folder.glob(f"*_{lang}_*.qm")} if folder.is_dir() else set()
        for qm in sorted(found):
            translator = QTranslator(parent)
            if translator.load(str(qm)):
                out.append(translator)
        return out
    return [t for t in (_load_one(ts, parent) for ts in files) if t is not None]


_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the catalogues for `lang` on `app`, replacing those installed before."""
    while _installed:
        app.removeTranslator(_installed.pop())
    for translator in load_translators(lang, app):
        app.installTranslator(translator)
        _installed.append(translator)
    qt_base = _qt_base_translator(lang, app)
    if qt_base is not None:  # Qt's own strings (Yes/No, Cancel, file dialogs) in the same language
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return list(_installed)


def _qt_base_translator(lang: str, parent) -> QTranslator | None:
    from PySide6.QtCore import QLibraryInfo

    locale = "zh_CN" if lang == "zh" else None
    if locale is None:
        return None
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{locale}", folder) else None


# ---------------------------------------------------------------- shared labels
def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


STATE = {
    "free": QT_TRANSLATE_NOOP("Labels", "空闲"),
    "receiving": QT_TRANSLATE_NOOP("Labels", "接待中"),
    "out_personal": QT_TRANSLATE_NOOP("Labels", "外出·私事"),
    "out_official": QT_TRANSLATE_NOOP("Labels", "外出·公事"),
    "resting": QT_TRANSLATE_NOOP("Labels", "轮休"),
    "on_leave": QT_TRANSLATE_NOOP("Labels", "休假"),
    "suspended": QT_TRANSLATE_NOOP("Labels", "停接"),
    "absent": QT_TRANSLATE_NOOP("Labels", "未签到"),
    "signed_out": QT_TRANSLATE_NOOP("Labels", "已签退"),
}

KIND = {
    "rotation": QT_TRANSLATE_NOOP("Labels", "轮接"),
    "makeup": QT_TRANSLATE_NOOP("Labels", "补接"),
    "duty": QT_TRANSLATE_NOOP("Labels", "值班"),
    "owner": QT_TRANSLATE_NOOP("Labels", "老客户"),
    "named": QT_TRANSLATE_NOOP("Labels", "指定"),
    "standin": QT_TRANSLATE_NOOP("Labels", "代接待"),
    "waiting": QT_TRANSLATE_NOOP("Labels", "等候"),
}

TURN = {
    "consumed": QT_TRANSLATE_NOOP("Labels", "占用轮次"),
    "makeup": QT_TRANSLATE_NOOP("Labels", "使用补接"),
    "none": QT_TRANSLATE_NOOP("Labels", "不占轮次"),
}

VIA = {
    "duty": QT_TRANSLATE_NOOP("Labels", "值班时段"),
    "credit": QT_TRANSLATE_NOOP("Labels", "持补接名额"),
    "rotation": QT_TRANSLATE_NOOP("Labels", "按轮次"),
}

SOURCE = {
    "walk_in": QT_TRANSLATE_NOOP("Labels", "自然来访"),
    "staff_referral": QT_TRANSLATE_NOOP("Labels", "公司职员介绍"),
    "company_relation": QT_TRANSLATE_NOOP("Labels", "公司关系户"),
    "colleague_self": QT_TRANSLATE_NOOP("Labels", "同事自购"),
    "colleague_referral": QT_TRANSLATE_NOOP("Labels", "同事介绍"),
    "consultant_referral": QT_TRANSLATE_NOOP("Labels", "销售人员亲友介绍"),
    "business_contact": QT_TRANSLATE_NOOP("Labels", "业务往来客户"),
    "leader_guest": QT_TRANSLATE_NOOP("Labels", "领导带访"),
    "partner_guest": QT_TRANSLATE_NOOP("Labels", "合作伙伴带访"),
    "offsite": QT_TRANSLATE_NOOP("Labels", "外场客户"),
    "show_flat": QT_TRANSLATE_NOOP("Labels", "样板间客户"),
}

RELATION = {
    "spouse": QT_TRANSLATE_NOOP("Labels", "配偶"),
    "parent": QT_TRANSLATE_NOOP("Labels", "父母"),
    "child": QT_TRANSLATE_NOOP("Labels", "子女"),
    "other": QT_TRANSLATE_NOOP("Labels", "其他亲属"),
}

HISTORY = {
    "visit": QT_TRANSLATE_NOOP("Labels", "来访"),
    "follow_up": QT_TRANSLATE_NOOP("Labels", "回访"),
    "deal": QT_TRANSLATE_NOOP("Labels", "成交"),
    "claim": QT_TRANSLATE_NOOP("Labels", "认领"),
    "ruling": QT_TRANSLATE_NOOP("Labels", "裁决"),
}

MATCHED_BY = {
    "phone": QT_TRANSLATE_NOOP("Labels", "电话"),
    "name": QT_TRANSLATE_NOOP("Labels", "姓名"),
    "pinyin": QT_TRANSLATE_NOOP("Labels", "拼音"),
}

ROLE = {
    "receptionist": QT_TRANSLATE_NOOP("Labels", "前台"),
    "consultant": QT_TRANSLATE_NOOP("Labels", "置业顾问"),
    "team_leader": QT_TRANSLATE_NOOP("Labels", "组长"),
    "supervisor": QT_TRANSLATE_NOOP("Labels", "销售主管"),
    "sales_manager": QT_TRANSLATE_NOOP("Labels", "销售经理"),
    "site_manager": QT_TRANSLATE_NOOP("Labels", "案场经理"),
    "project_manager": QT_TRANSLATE_NOOP("Labels", "专案经理"),
    "admin": QT_TRANSLATE_NOOP("Labels", "管理员"),
}


def label(table: dict[str, str], key: str | None) -> str:
    """The translated label of `key` in one of the tables above (the key itself if unknown)."""
    if key is None:
        return ""
    text = table.get(key)
    return _t("Labels", text) if text else key


# Short summaries of the regulation's rules, cited as "R16 先登记者优先" wherever the UI names a rule.
RULE = {
    "R1": QT_TRANSLATE_NOOP("Rules", "单一客户轮接"),
    "R2": QT_TRANSLATE_NOOP("Rules", "首问来访与联系人"),
    "R3": QT_TRANSLATE_NOOP("Rules", "涂改记录不作依据"),
    "R4": QT_TRANSLATE_NOOP("Rules", "轮到时不在场"),
    "R5": QT_TRANSLATE_NOOP("Rules", "电话联系不作依据"),
    "R6": QT_TRANSLATE_NOOP("Rules", "主管管理轮次与客户"),
    "R7": QT_TRANSLATE_NOOP("Rules", "职员与关系户介绍"),
    "R8": QT_TRANSLATE_NOOP("Rules", "离职人员客户归销售部"),
    "R9": QT_TRANSLATE_NOOP("Rules", "未登记不产生归属"),
    "R10": QT_TRANSLATE_NOOP("Rules", "轮休与休假"),
    "R11": QT_TRANSLATE_NOOP("Rules", "接待中不参与轮接"),
    "R12": QT_TRANSLATE_NOOP("Rules", "同行市调可补接"),
    "R13": QT_TRANSLATE_NOOP("Rules", "投诉取消接待"),
    "R14": QT_TRANSLATE_NOOP("Rules", "首次接待确定归属"),
    "R15": QT_TRANSLATE_NOOP("Rules", "老带新归原顾问"),
    "R16": QT_TRANSLATE_NOOP("Rules", "先登记者优先"),
    "R17": QT_TRANSLATE_NOOP("Rules", "未登记以指定为准"),
    "R18": QT_TRANSLATE_NOOP("Rules", "称曾电话约访须通知"),
    "R19": QT_TRANSLATE_NOOP("Rules", "调岗由接任者服务"),
    "R20": QT_TRANSLATE_NOOP("Rules", "说不清接待人须公示"),
    "R21": QT_TRANSLATE_NOOP("Rules", "介绍未陪同按轮次"),
    "R22": QT_TRANSLATE_NOOP("Rules", "回访中断归轮接人"),
    "R23": QT_TRANSLATE_NOOP("Rules", "原文缺失"),
    "R24": QT_TRANSLATE_NOOP("Rules", "销售人员亲友介绍"),
    "R25": QT_TRANSLATE_NOOP("Rules", "公司同事购房"),
    "R26": QT_TRANSLATE_NOOP("Rules", "外场客户须登记"),
    "R27": QT_TRANSLATE_NOOP("Rules", "样板间客户引导"),
    "R28": QT_TRANSLATE_NOOP("Rules", "不得拒接"),
    "R29": QT_TRANSLATE_NOOP("Rules", "认识新客户不作依据"),
    "R30": QT_TRANSLATE_NOOP("Rules", "辞退人员客户归销售部"),
    "R31": QT_TRANSLATE_NOOP("Rules", "辞职人员客户归销售部"),
    "R32": QT_TRANSLATE_NOOP("Rules", "案场经理最终裁决"),
    "R33": QT_TRANSLATE_NOOP("Rules", "不得当面争抢客户"),
    "R34": QT_TRANSLATE_NOOP("Rules", "团购按轮次接待"),
    "R35": QT_TRANSLATE_NOOP("Rules", "更换顾问须经理确认"),
    "R36": QT_TRANSLATE_NOOP("Rules", "业务与贵宾客户"),
    "R37": QT_TRANSLATE_NOOP("Rules", "亲友须提前报备"),
    "R38": QT_TRANSLATE_NOOP("Rules", "值班时段归值班人"),
    "R39": QT_TRANSLATE_NOOP("Rules", "原文不完整"),
}


def rule_text(rule: str) -> str:
    """'R16 先登记者优先' (the summary in the user's language)."""
    summary = RULE.get(rule)
    return f"{rule} {_t('Rules', summary)}" if summary else rule


def rules_text(rules, sep: str = " · ") -> str:
    return sep.join(rule_text(r) for r in rules)


def error_message(err, lang: str) -> str:
    """A RuleError in the user's language (domain errors carry both)."""
    msg = getattr(err, "message", None)
    return msg(lang) if callable(msg) else str(err)
