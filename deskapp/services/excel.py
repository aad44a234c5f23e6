"""Excel in and out: the visit book exported for a date range; the staff list and the paper-era visit book
imported from .xlsx or .csv.

No Qt here. An import is two steps: `read_*` parses and validates EVERY row of the file against the
office (nothing is recorded) and returns the rows with all row errors, numbered as the user sees them
in Excel (the header is row 1); `apply_*` then issues the commands inside ONE transaction
(`service.bulk()`): all rows land, or none do, and a refusal is reported with its row number.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deskapp.domain.arrival import SOURCE_ZH, SOURCES
from deskapp.domain.commands import AddStaff, HistoricalVisit, SetPin
from deskapp.domain.errors import RuleError
from deskapp.domain.model import POOL
from deskapp.domain.phone import normalize_phone
from deskapp.domain.roles import ROLE_EN, ROLE_ZH, Role
from deskapp.services.pins import PIN_MAX, PIN_MIN, check_pin, hash_pin

__all__ = [
    "IMPORT_SUFFIXES",
    "ImportResult",
    "Message",
    "RowError",
    "StaffImport",
    "StaffRow",
    "VisitImport",
    "VisitRow",
    "apply_staff_import",
    "apply_visit_import",
    "export_visit_book",
    "read_staff_list",
    "read_visit_book",
    "visit_book_counts",
    "write_staff_template",
    "write_visit_book_template",
]

IMPORT_SUFFIXES = (".xlsx", ".xlsm", ".csv")
VISIT_SHEET = "来访登记"
FOLLOWUP_SHEET = "回访记录"
VISIT_HEADERS = ("日期", "时间", "客户姓名", "电话", "来源", "接待人", "方式", "轮次", "归属", "依据条款", "说明", "已修改")
FOLLOWUP_HEADERS = ("日期", "置业顾问", "客户姓名", "电话", "已修改")

KIND_ZH = {
    "rotation": "轮接", "makeup": "补接", "duty": "值班", "owner": "老客户", "named": "指定",
    "standin": "代接待", "history": "历史导入", "waiting": "等候",
}
TURN_ZH = {"consumed": "占用轮次", "makeup": "使用补接", "none": "不占轮次"}
# The roles a staff list may name (the administrator is not imported).
IMPORTABLE_ROLES = (Role.RECEPTIONIST, Role.CONSULTANT, Role.TEAM_LEADER, Role.SUPERVISOR, Role.SALES_MANAGER,
                    Role.SITE_MANAGER, Role.PROJECT_MANAGER)
EARLIEST = dt.date(1990, 1, 1)  # anything earlier in a visit book is a typing error


# ------------------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class Message:
    """A sentence in Chinese and English."""

    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


@dataclass(frozen=True)
class RowError(Message):
    """What is wrong with one row of the file (`row` as Excel numbers it, header = 1; None: the whole file)."""

    row: int | None = None

    def message(self, lang: str = "zh") -> str:
        text = super().message(lang)
        if self.row is None:
            return text
        return f"Row {self.row}: {text}" if lang.startswith("en") else f"第{self.row}行：{text}"

    def __str__(self) -> str:
        return self.message("zh")


@dataclass(frozen=True)
class StaffRow:
    row: int
    key: str
    name: str
    role: str | None  # Role name in lower case ("team_leader"), None if not understood
    role_text: str  # as written in the file
    team: str | None
    pin: str = field(default="", repr=False)  # never printed or logged

    @property
    def role_zh(self) -> str:
        return ROLE_ZH[Role.parse(self.role)] if self.role else self.role_text

    @property
    def role_en(self) -> str:
        return ROLE_EN[Role.parse(self.role)] if self.role else self.role_text


class _CheckedFile:
    """A spreadsheet read and checked row by row: importable only with rows and no errors."""

    rows: tuple
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def bad_rows(self) -> frozenset[int]:
        return frozenset(e.row for e in self.errors if e.row is not None)


@dataclass(frozen=True)
class StaffImport(_CheckedFile):
    path: Path
    rows: tuple[StaffRow, ...]
    errors: tuple[RowError, ...]


@dataclass(frozen=True)
class VisitRow:
    row: int
    at: dt.datetime | None  # None: the date was not understood
    date_text: str
    name: str
    phone: str  # normalised when valid, else as written
    phone_ok: bool
    receiver: str | None  # staff key, None if unknown
    receiver_text: str
    source: str | None  # source key, None if not understood
    source_text: str
    has_time: bool = False
    owner: str | None = None  # who will own the customer after the import (R14: the first receiver)
    new_customer: bool = True  # no customer with this phone yet

    @property
    def source_zh(self) -> str:
        return SOURCE_ZH.get(self.source, self.source_text) if self.source else self.source_text


@dataclass(frozen=True)
class VisitImport(_CheckedFile):
    path: Path
    rows: tuple[VisitRow, ...]
    errors: tuple[RowError, ...]

    @property
    def new_customers(self) -> int:
        bad = self.bad_rows
        return len({r.phone for r in self.rows if r.phone_ok and r.new_customer and r.row not in bad})


@dataclass(frozen=True)
class ImportResult:
    ok: bool
    imported: int  # rows recorded (0 when refused)
    errors: tuple[RowError, ...] = ()
    customers_created: int = 0
    summary: Message = Message("", "")

    @property
    def zh(self) -> str:
        return self.summary.zh

    @property
    def en(self) -> str:
        return self.summary.en


# ------------------------------------------------------------------------------------------ export
def visit_book_counts(office, start: dt.date, end: dt.date) -> tuple[int, int]:
    """How many visits and follow-ups export_visit_book would write for the range."""
    return len(_visits_in(office, start, end)), len(_followups_in(office, start, end))


def _visits_in(office, start: dt.date, end: dt.date) -> list:
    return office.visits_between(start, end)


def _followups_in(office, start: dt.date, end: dt.date) -> list:
    return office.followups_between(start, end)


def _staff_name(office, key: str | None) -> str:
    if not key:
        return ""
    if key == POOL:
        return "销售部"
    st = office.staff.get(key)
    return st.name if st else key


def _rules_zh(rules: Sequence[str]) -> str:
    numbers = [r[1:] for r in rules if r.startswith("R")]
    return ("第" + "、".join(numbers) + "条") if numbers else ""


def export_visit_book(office, start: dt.date, end: dt.date, path) -> Path:
    """Write the visit book (来访登记) and the follow-up records (回访记录) of [start, end] to an .xlsx file.

    Phones are written in full (this is the office's own record, not a public notice); dates and times
    are real Excel dates. Returns the path written (".xlsx" is added when missing).
    """
    from openpyxl import Workbook

    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = VISIT_SHEET
    rows = []
    for v in _visits_in(office, start, end):
        cust = office.customers.get(v.customer_id)
        name = (cust.name or cust.alias or "") if cust else ""
        if not v.registered and not name:
            name = "（未登记）"
        phone = cust.phones[0] if cust and cust.phones else ""
        notes = [v.explanation_zh] if v.explanation_zh else []
        if v.cancelled:
            notes.append("（已取消接待）")
        if v.on_behalf_of:
            notes.append(f"（代{_staff_name(office, v.on_behalf_of)}接待）")
        # a visit imported from a paper book with a date only has no time of day
        unknown_time = v.kind == "history" and v.at.time() == dt.time(0, 0)
        rows.append([
            v.at.date(), None if unknown_time else v.at.time().replace(second=0, microsecond=0), name, phone,
            SOURCE_ZH.get(v.source, v.source or ""), _staff_name(office, v.receiver) or "—",
            KIND_ZH.get(v.kind, v.kind), TURN_ZH.get(v.turn, v.turn),
            _staff_name(office, cust.owner) if cust else "", _rules_zh(v.rules), " ".join(notes),
            "是" if v.amended else "",
        ])
    _write_sheet(ws, VISIT_HEADERS, rows, date_cols={0}, time_cols={1}, text_cols={3},
                 widths={10: (30, 70)})
    fs = wb.create_sheet(FOLLOWUP_SHEET)
    frows = []
    for f in _followups_in(office, start, end):
        cust = office.customers.get(f.customer_id)
        frows.append([
            f.date, _staff_name(office, f.who), (cust.label if cust else ""),
            cust.phones[0] if cust and cust.phones else "", "是" if f.amended else "",
        ])
    _write_sheet(fs, FOLLOWUP_HEADERS, frows, date_cols={0}, text_cols={3})
    wb.properties.title = f"来访登记 {start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
    wb.properties.creator = "轮接台 deskapp"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)
    return path


def _display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, dt.time):
        return 5
    text = str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _write_sheet(ws, headers: Sequence[str], rows: list[list], *, date_cols=(), time_cols=(), text_cols=(),
                 widths: dict[int, tuple[int, int]] | None = None) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws.append(list(headers))
    bold = Font(bold=True, color="1F2933")
    fill = PatternFill("solid", fgColor="EEF2F6")
    line = Border(bottom=Side(style="thin", color="9AA5B1"))
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.border = line
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for r in rows:
        ws.append(r)
    for c in range(len(headers)):
        letter = get_column_letter(c + 1)
        for (cell,) in ws.iter_rows(min_row=2, min_col=c + 1, max_col=c + 1):
            if c in date_cols:
                cell.number_format = "yyyy-mm-dd"
            elif c in time_cols:
                cell.number_format = "hh:mm"
            elif c in text_cols:
                cell.number_format = "@"
        low, high = (widths or {}).get(c, (6, 40))
        widest = max([_display_width(headers[c])] + [_display_width(r[c]) for r in rows])
        ws.column_dimensions[letter].width = max(low, min(high, widest + 3))
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 20
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    ws.sheet_view.zoomScale = 110


# ------------------------------------------------------------------------------------------ reading
class _FileProblem(Exception):
    def __init__(self, zh: str, en: str, row: int | None = None):
        super().__init__(en)
        self.error = RowError(zh, en, row)


def _read_table(path: Path, prefer_sheet: str | None = None) -> list[tuple[int, list]]:
    """(Excel row number, cells) of every row of the first sheet / the CSV, header included."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise _FileProblem(f"找不到文件：{path}", f"File not found: {path}")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, prefer_sheet)
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xls":
        raise _FileProblem("不支持旧版 .xls 文件：请在Excel中另存为 .xlsx 或 .csv 后再导入。",
                           "Old .xls files are not supported: save as .xlsx or .csv in Excel, then import.")
    raise _FileProblem(f"不支持的文件类型“{path.suffix}”：请选择 .xlsx 或 .csv 文件。",
                       f"Unsupported file type '{path.suffix}': choose an .xlsx or .csv file.")


def _read_xlsx(path: Path, prefer_sheet: str | None) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - zip, XML or openpyxl errors: the file is not a workbook
        raise _FileProblem("无法打开这个Excel文件（文件可能已损坏，或正在被其他程序占用）。",
                           f"Cannot open this Excel file (it may be damaged or in use): {err}") from None
    try:
        ws = wb[prefer_sheet] if prefer_sheet and prefer_sheet in wb.sheetnames else wb.worksheets[0]
        out = []
        for i, row in enumerate(ws.iter_rows(), start=1):
            out.append((i, [_xlsx_value(cell) for cell in row]))
        return out
    finally:
        wb.close()


@dataclass(frozen=True)
class _Num:
    """A number cell, with its display format (a PIN like 0123 formatted "0000" lost its leading zero)."""

    value: float | int
    number_format: str = "General"


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _Num(value, getattr(cell, "number_format", "General") or "General")
    return value


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # GBK and its superset: what Excel writes on a Chinese Windows
    except UnicodeDecodeError:
        raise _FileProblem("无法识别CSV文件的编码：请在Excel中另存为“CSV UTF-8”或 .xlsx。",
                           "Cannot tell the CSV file's encoding: save it as 'CSV UTF-8' or .xlsx in Excel.") from None


def _read_csv(path: Path) -> list[tuple[int, list]]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";", "，"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(i, list(row)) for i, row in enumerate(reader, start=1)]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _Num):
        v = value.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time(0, 0) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).replace("\u3000", " ").strip()


def _header_key(text: str) -> str:
    text = _text(text).lower()
    text = re.sub(r"[（(【\[].*?[）)】\]]", "", text)  # "密码（4-8位）"
    return re.sub(r"[\s_\-:：*＊]", "", text)


def _find_columns(header: list, wanted: dict[str, Iterable[str]]) -> dict[str, int]:
    """Column index of each wanted field, matched by any of its names (a header "代号/key" matches too)."""
    names = {f: {_header_key(a) for a in aliases} for f, aliases in wanted.items()}
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        raw = _text(cell)
        parts = {_header_key(raw)} | {_header_key(p) for p in re.split(r"[/／|、]", raw)}
        for f, aliases in names.items():
            if f not in found and parts & aliases:
                found[f] = i
                break
    return found


def _data_rows(table: list[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    for number, cells in table[1:]:
        if any(_text(c) for c in cells):
            yield number, cells


def _cell(cells: list, index: int | None):
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _missing_columns(found: dict[str, int], required: dict[str, tuple[str, str]]) -> RowError | None:
    missing = [f for f in required if f not in found]
    if not missing:
        return None
    zh = "、".join(required[f][0] for f in missing)
    en = ", ".join(required[f][1] for f in missing)
    return RowError(f"表头缺少列：{zh}。第一行须为表头。", f"The header lacks the column(s): {en}. Row 1 must be the header.", 1)


# ------------------------------------------------------------------------------------------ staff list
STAFF_COLUMNS = {
    "key": ("代号", "工号", "编号", "员工代号", "key", "code", "id"),
    "name": ("姓名", "名字", "员工姓名", "name"),
    "role": ("角色", "职位", "岗位", "职务", "role"),
    "team": ("组别", "小组", "组", "团队", "team", "group"),
    "pin": ("密码", "登录密码", "初始密码", "pin", "password"),
}
STAFF_REQUIRED = {"key": ("代号", "key"), "name": ("姓名", "name"), "role": ("角色", "role"), "pin": ("密码", "PIN")}


def _role_aliases() -> dict[str, Role]:
    out: dict[str, Role] = {}
    for role in IMPORTABLE_ROLES:
        out[_header_key(ROLE_ZH[role])] = role
        out[_header_key(ROLE_EN[role])] = role
        out[_header_key(role.name)] = role
    out.update({"销售人员": Role.CONSULTANT, "销售顾问": Role.CONSULTANT, "顾问": Role.CONSULTANT,
                "supervisor": Role.SUPERVISOR, "主管": Role.SUPERVISOR, "接待": Role.RECEPTIONIST,
                "前台接待": Role.RECEPTIONIST})
    return out


_ROLES = _role_aliases()


def parse_role(text: str) -> Role | None:
    """A role from a staff list: Chinese (置业顾问, 组长…) or English key (consultant, team_leader…)."""
    return _ROLES.get(_header_key(text))


def _pin_text(value) -> str:
    """The PIN as typed: a number cell formatted "0000" gets its leading zeros back."""
    if isinstance(value, _Num):
        v = value.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        text = str(v)
        fmt = value.number_format or ""
        if isinstance(v, int) and re.fullmatch(r"0+", fmt):
            text = text.zfill(len(fmt))
        return text
    return _text(value)


def read_staff_list(path, office=None) -> StaffImport:
    """Parse and validate a staff list (.xlsx or .csv: UTF-8 with or without BOM, or GBK).

    Columns by header: 代号/key, 姓名/name, 角色/role, 组别/team (optional), 密码/PIN (4-8 digits).
    With `office`, keys already in use are errors too. Nothing is recorded.
    """
    path = Path(path)
    try:
        table = _read_table(path)
    except _FileProblem as problem:
        return StaffImport(path, (), (problem.error,))
    if not table or not any(_text(c) for c in table[0][1]):
        return StaffImport(path, (), (RowError("文件是空的，或第一行不是表头。", "The file is empty, or row 1 is not the header.", 1),))
    cols = _find_columns(table[0][1], STAFF_COLUMNS)
    missing = _missing_columns(cols, STAFF_REQUIRED)
    if missing:
        return StaffImport(path, (), (missing,))
    existing = set(office.staff) if office is not None else set()
    rows: list[StaffRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, cells in _data_rows(table):
        def err(zh: str, en: str, number=number) -> None:
            errors.append(RowError(zh, en, number))

        key = _text(_cell(cells, cols["key"]))
        name = _text(_cell(cells, cols["name"]))
        role_text = _text(_cell(cells, cols["role"]))
        team = _text(_cell(cells, cols.get("team"))) or None
        pin = _pin_text(_cell(cells, cols["pin"]))
        if not key:
            err("缺少代号。", "The key (代号) is missing.")
        elif re.search(r"\s", key) or key.startswith("__") or key.lower() in (POOL, "desk", "unknown"):
            err(f"代号“{key}”不可用：不能含空格，也不能是保留字。", f"Key '{key}' cannot be used: no spaces, no reserved words.")
        elif key in seen:
            err(f"代号“{key}”与第{seen[key]}行重复。", f"Key '{key}' repeats row {seen[key]}.")
        elif key in existing:
            err(f"代号“{key}”已有员工使用（{office.staff[key].name}）。",
                f"Key '{key}' is already used by {office.staff[key].name}.")
        if key and key not in seen:
            seen[key] = number
        if not name:
            err("缺少姓名。", "The name (姓名) is missing.")
        role = parse_role(role_text) if role_text else None
        if not role_text:
            err("缺少角色。", "The role (角色) is missing.")
        elif role is None:
            err(f"未知的角色“{role_text}”：应为置业顾问、组长、前台、销售主管、销售经理、案场经理或专案经理。",
                f"Unknown role '{role_text}': use consultant, team_leader, receptionist, supervisor, sales_manager, "
                "site_manager or project_manager (or the Chinese names).")
        if not pin:
            err("缺少密码。", "The PIN (密码) is missing.")
        else:
            try:
                check_pin(pin)
            except RuleError as bad:
                if isinstance(_cell(cells, cols["pin"]), _Num) and pin.isdigit() and len(pin) < PIN_MIN:
                    err(f"密码“{pin}”不足{PIN_MIN}位：Excel可能去掉了开头的0，请把密码列设为“文本”格式后重新填写。",
                        f"PIN '{pin}' is shorter than {PIN_MIN} digits: Excel may have dropped leading zeros; "
                        "format the PIN column as Text and type it again.")
                else:
                    err(bad.zh, bad.en)
        rows.append(StaffRow(number, key, name, role.name.lower() if role else None, role_text, team, pin))
    if not rows and not errors:
        errors.append(RowError("表头下面没有员工。", "There are no staff rows under the header.", None))
    return StaffImport(path, tuple(rows), tuple(errors))


def apply_staff_import(service, parsed: StaffImport, now: dt.datetime, actor: str | None) -> ImportResult:
    """AddStaff + SetPin for every row, in ONE transaction: on any refusal nothing is recorded."""
    if parsed.errors:
        return _refused(parsed.errors)
    if not parsed.rows:
        return _refused((RowError("没有可导入的员工。", "There is nothing to import."),))
    commands = []
    for r in parsed.rows:
        commands.append((r.row, AddStaff(r.key, r.name, r.role or "", r.team, actor=actor)))
        commands.append((r.row, SetPin(r.key, hash_pin(r.pin), actor=actor)))
    failure = _run_all(service, commands, now)
    if failure:
        return _refused((failure,))
    n = len(parsed.rows)
    return ImportResult(True, n, summary=Message(f"已导入{n}位员工，并设置了各自的登录密码。",
                                                 f"Imported {n} staff members and set their PINs."))


# ------------------------------------------------------------------------------------------ visit book
VISIT_COLUMNS = {
    "date": ("日期", "来访日期", "登记日期", "来访时间", "日期时间", "date", "datetime"),
    "time": ("时间", "time"),
    "name": ("客户姓名", "姓名", "客户", "name", "customer"),
    "phone": ("电话", "联系电话", "手机", "手机号", "电话号码", "phone", "mobile"),
    "receiver": ("接待人", "接待人员", "接待顾问", "置业顾问", "receiver", "consultant"),
    "source": ("来源", "客户来源", "来访渠道", "source"),
}
VISIT_REQUIRED = {"date": ("日期", "date"), "name": ("客户姓名", "name"), "phone": ("电话", "phone"),
                  "receiver": ("接待人", "receiver")}
_SOURCE_OF = {**{k: k for k in SOURCES}, **{v: k for k, v in SOURCE_ZH.items()},
              "自然到访": "walk_in", "自访": "walk_in", "外场": "offsite", "样板间": "show_flat"}

_TIME_PART = r"(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?"
_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*" + _TIME_PART + r")?\s*$")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_TIME_RE = re.compile(r"^\s*" + _TIME_PART + r"\s*$")


def _parse_when(value) -> tuple[dt.datetime | None, bool]:
    """(datetime, whether a time of day was given) of a date cell; (None, False) if not understood."""
    try:
        if isinstance(value, dt.datetime):
            return value.replace(microsecond=0), value.time() != dt.time(0, 0)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time(0, 0)), False
        if isinstance(value, _Num):
            from openpyxl.utils.datetime import from_excel

            if 20000 <= float(value.value) <= 80000:  # an Excel serial date the cell lost its format for
                when = from_excel(value.value)
                if isinstance(when, dt.datetime):
                    return when.replace(microsecond=0), when.time() != dt.time(0, 0)
            match = _COMPACT_RE.match(_text(value))
            if match:
                return dt.datetime(*map(int, match.groups())), False
            return None, False
        text = _text(value)
        match = _DATE_RE.match(text) or _COMPACT_RE.match(text)
        if not match:
            return None, False
        parts = [int(p) if p else 0 for p in match.groups()]
        while len(parts) < 6:
            parts.append(0)
        has_time = len(match.groups()) > 3 and match.group(4) is not None
        return dt.datetime(*parts[:6]), has_time
    except (ValueError, OverflowError, TypeError):
        return None, False


def _parse_time(value) -> dt.time | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, _Num) and 0 <= float(value.value) < 1:  # a time typed into a General cell
        seconds = round(float(value.value) * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60)
    match = _TIME_RE.match(_text(value))
    if not match:
        raise ValueError(value)
    hh, mm, ss = (int(p) if p else 0 for p in match.groups())
    return dt.time(hh, mm, ss)


def _phone_text(value) -> str:
    return _text(value)


def _receivers(office) -> tuple[dict[str, str], dict[str, list[str]]]:
    by_key = {k: k for k in office.staff}
    by_name: dict[str, list[str]] = {}
    for st in office.staff.values():
        by_name.setdefault(st.name.strip(), []).append(st.key)
    return by_key, by_name


def _cutoff(office, now: dt.datetime | None) -> dt.date:
    """History must be before this day: the office's working day, else today."""
    if office.day is not None:
        return office.day.date
    return (now or dt.datetime.now()).date()


def read_visit_book(path, office, now: dt.datetime | None = None) -> VisitImport:
    """Parse and validate a paper-era visit book (.xlsx or .csv) against `office`.

    Columns by header: 日期 (a date, or date and time; an optional 时间 column adds the time), 客户姓名,
    电话, 接待人 (staff key or name), 来源 (optional, the Chinese labels). Every row is checked (phone,
    receiver, name, date before the current working day, repeated rows, rows imported before) and ALL
    errors are returned at once. Nothing is recorded.
    """
    path = Path(path)
    try:
        table = _read_table(path, prefer_sheet=VISIT_SHEET)
    except _FileProblem as problem:
        return VisitImport(path, (), (problem.error,))
    if not table or not any(_text(c) for c in table[0][1]):
        return VisitImport(path, (), (RowError("文件是空的，或第一行不是表头。", "The file is empty, or row 1 is not the header.", 1),))
    cols = _find_columns(table[0][1], VISIT_COLUMNS)
    missing = _missing_columns(cols, VISIT_REQUIRED)
    if missing:
        return VisitImport(path, (), (missing,))
    cutoff = _cutoff(office, now)
    by_key, by_name = _receivers(office)
    rows: list[VisitRow] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    for number, cells in _data_rows(table):
        def err(zh: str, en: str, number=number) -> None:
            errors.append(RowError(zh, en, number))

        raw_date = _cell(cells, cols["date"])
        date_text = _text(raw_date)
        at, has_time = _parse_when(raw_date)
        if "time" in cols and at is not None:
            try:
                t = _parse_time(_cell(cells, cols["time"]))
            except ValueError:
                t = None
                err(f"时间“{_text(_cell(cells, cols['time']))}”无法识别：请写成 14:30 这样的格式。",
                    f"Time '{_text(_cell(cells, cols['time']))}' is not understood: write it like 14:30.")
            if t is not None:
                at, has_time = dt.datetime.combine(at.date(), t), True
                date_text = f"{date_text} {t:%H:%M}" if ":" not in date_text else date_text
        if not date_text:
            err("缺少日期。", "The date (日期) is missing.")
        elif at is None or at.date() < EARLIEST:
            at = None
            err(f"日期“{date_text}”无法识别：请写成 2024-05-01 或 2024-05-01 14:30 这样的格式。",
                f"Date '{date_text}' is not understood: write it like 2024-05-01 or 2024-05-01 14:30.")
        elif at.date() >= cutoff:
            err(f"日期{at:%Y-%m-%d}不是历史：历史来访须早于当前营业日（{cutoff:%Y-%m-%d}）。",
                f"Date {at:%Y-%m-%d} is not history: imported visits must be before the current working day "
                f"({cutoff:%Y-%m-%d}).")
        name = _text(_cell(cells, cols["name"]))
        if not name:
            err("缺少客户姓名（第9条：登记须有客户姓名）。", "The customer's name is missing (R9: a registration needs it).")
        raw_phone = _phone_text(_cell(cells, cols["phone"]))
        phone, phone_ok = raw_phone, False
        if not raw_phone:
            err("缺少电话（第9条：登记须有联系电话）。", "The phone is missing (R9: a registration needs it).")
        else:
            try:
                phone, phone_ok = normalize_phone(raw_phone), True
            except RuleError as bad:
                err(bad.zh, bad.en)
        receiver_text = _text(_cell(cells, cols["receiver"]))
        receiver = None
        if not receiver_text:
            err("缺少接待人。", "The receiver (接待人) is missing.")
        elif receiver_text in by_key:
            receiver = receiver_text
        elif len(by_name.get(receiver_text, [])) == 1:
            receiver = by_name[receiver_text][0]
        elif len(by_name.get(receiver_text, [])) > 1:
            keys = "、".join(by_name[receiver_text])
            err(f"有多位员工叫“{receiver_text}”（代号{keys}）：请填写代号。",
                f"More than one staff member is called '{receiver_text}' (keys {keys}): enter the key.")
        else:
            err(f"接待人“{receiver_text}”不在员工名单中：请先导入员工名单，或填写员工代号。",
                f"Receiver '{receiver_text}' is not on the staff list: import the staff list first, or enter a staff key.")
        if receiver is not None and not office.staff[receiver].active:
            err(f"接待人{office.staff[receiver].name}已离职：其客户归销售部（第8条），不能再导入为其接待。",
                f"Receiver {office.staff[receiver].name} has left: their customers belong to the department "
                "pool (R8); visits cannot be imported for them.")
        source_text = _text(_cell(cells, cols.get("source")))
        source: str | None = "walk_in"
        if source_text:
            source = _SOURCE_OF.get(source_text) or _SOURCE_OF.get(source_text.lower())
            if source is None:
                labels = "、".join(SOURCE_ZH.values())
                err(f"未知的来源“{source_text}”：应为{labels}之一，或留空（自然来访）。",
                    f"Unknown source '{source_text}': use one of the Chinese labels ({labels}), or leave it empty "
                    "(walk-in).")
        if at is not None and phone_ok and receiver is not None:
            dup_key = (phone, at if has_time else at.date(), receiver)
            if dup_key in seen:
                err(f"与第{seen[dup_key]}行重复（同一客户、同一时间、同一接待人）。",
                    f"Repeats row {seen[dup_key]} (same customer, time and receiver).")
            else:
                seen[dup_key] = number
                if _already_recorded(office, phone, at, has_time, receiver):
                    err(f"这条来访已有记录（{at:%Y-%m-%d}，{office.staff[receiver].name}接待），不能重复导入。",
                        f"This visit is already recorded ({at:%Y-%m-%d}, received by {office.staff[receiver].name}); "
                        "it cannot be imported twice.")
        rows.append(VisitRow(number, at, date_text, name, phone, phone_ok, receiver, receiver_text, source,
                             source_text, has_time))
    if not rows and not errors:
        errors.append(RowError("表头下面没有来访记录。", "There are no visits under the header.", None))
    bad = {e.row for e in errors}
    return VisitImport(path, tuple(_with_owners(office, rows, bad)), tuple(errors))


def _already_recorded(office, phone: str, at: dt.datetime, has_time: bool, receiver: str) -> bool:
    cid = office.by_phone.get(phone)
    if cid is None:
        return False
    for vid in office.customer_visits.get(cid, ()):
        v = office.visits[vid]
        same_time = v.at.replace(second=0) == at.replace(second=0) if has_time else v.at.date() == at.date()
        if v.receiver == receiver and same_time and not v.cancelled:
            return True
    return False


def _in_date_order(rows: Iterable[VisitRow]) -> list[VisitRow]:
    """Visit-book order (R16): by date and time; on the same day, rows without a time keep the file order."""
    return sorted((r for r in rows if r.at is not None), key=lambda r: (r.at, r.row))


def _with_owners(office, rows: list[VisitRow], bad: set) -> list[VisitRow]:
    """Each good row with the owner its customer will have: the present owner, else the first receiver (R14)."""
    owner_of: dict[str, str | None] = {}
    for r in _in_date_order(rows):
        if r.row in bad or not r.phone_ok or r.receiver is None or r.phone in owner_of:
            continue
        cid = office.by_phone.get(r.phone)
        current = office.customers[cid].owner if cid is not None else None
        owner_of[r.phone] = current or r.receiver
    out = []
    for r in rows:
        if r.phone_ok and r.row not in bad:
            r = dataclasses.replace(r, owner=owner_of.get(r.phone), new_customer=r.phone not in office.by_phone)
        out.append(r)
    return out


def apply_visit_import(service, parsed: VisitImport, now: dt.datetime, actor: str | None) -> ImportResult:
    """HistoricalVisit for every row, in date order, in ONE transaction: on any refusal nothing is recorded."""
    if parsed.errors:
        return _refused(parsed.errors)
    if not parsed.rows:
        return _refused((RowError("没有可导入的来访记录。", "There is nothing to import."),))
    before = len(service.office.customers)
    commands = [(r.row, HistoricalVisit(r.name, r.phone, r.at, r.receiver, r.source or "walk_in", actor=actor))
                for r in _in_date_order(parsed.rows)]
    failure = _run_all(service, commands, now)
    if failure:
        return _refused((failure,))
    n, created = len(commands), len(service.office.customers) - before
    return ImportResult(True, n, customers_created=created,
                        summary=Message(f"已导入{n}条历史来访，新建{created}位客户；客户归首次接待人（第14条）。",
                                        f"Imported {n} past visits and created {created} customers; each belongs "
                                        "to the consultant who received them first (R14)."))


# ------------------------------------------------------------------------------------------ applying
def _refused(errors: Sequence[RowError]) -> ImportResult:
    n = sum(1 for e in errors if e.row is not None)
    if n:
        summary = Message(f"未导入任何记录：有{n}处问题，请改正后重新导入。",
                          f"Nothing was imported: {n} problem(s) to correct first.")
    else:
        summary = Message("未导入任何记录。", "Nothing was imported.")
    return ImportResult(False, 0, tuple(errors), summary=summary)


def _run_all(service, commands: Sequence[tuple[int, object]], now: dt.datetime) -> RowError | None:
    """Run (row, command) pairs all-or-nothing; the refusal (with its row) if one was refused."""
    row: int | None = None
    try:
        with service.bulk():  # one transaction: all rows land, or none
            for number, cmd in commands:
                row = number  # the row being recorded, should the rulebook refuse it
                service.handle(cmd, now)
    except RuleError as refused:
        if refused.code == "forbidden":  # who is importing, not the file
            return RowError(refused.zh, refused.en, None)
        return RowError(refused.zh, refused.en, row)
    return None


# ------------------------------------------------------------------------------------------ templates
STAFF_TEMPLATE = ("代号", "姓名", "角色", "组别", "密码")
VISIT_TEMPLATE = ("日期", "时间", "客户姓名", "电话", "接待人", "来源")


def write_staff_template(path) -> Path:
    """An empty staff list to fill in: the header, PIN and key columns formatted as text (leading zeros stay)."""
    notes = [
        ("代号", "每位员工唯一的代号，如 A01；登录和记录里用它区分同名员工。"),
        ("姓名", "员工姓名。"),
        ("角色", "置业顾问、组长、前台、销售主管、销售经理、案场经理、专案经理（或英文 consultant、team_leader…）。"),
        ("组别", "可不填，如 一组。组长代其组员接待（第15条）。"),
        ("密码", f"登录密码，{PIN_MIN}至{PIN_MAX}位数字；本列已设为文本格式，开头的0会保留。"),
    ]
    return _write_template(path, "员工名单", STAFF_TEMPLATE, text_cols={0, 4}, notes=notes)


def write_visit_book_template(path) -> Path:
    """An empty visit book to copy the paper records into."""
    labels = "、".join(SOURCE_ZH.values())
    notes = [
        ("日期", "来访日期，如 2024-05-01（也可写成 2024-05-01 14:30）；须早于当前营业日。"),
        ("时间", "可不填，如 14:30。同一天同一客户有两次来访时，按时间先后判定先登记者（第16条）。"),
        ("客户姓名", "必填（第9条：未登记姓名和电话不产生归属）。"),
        ("电话", "必填，11位手机号或带区号的座机号；本列已设为文本格式。"),
        ("接待人", "员工代号或姓名（须已在员工名单中）；客户归首次接待人（第14条）。"),
        ("来源", f"可不填（自然来访），或为：{labels}。"),
    ]
    return _write_template(path, VISIT_SHEET, VISIT_TEMPLATE, text_cols={3}, notes=notes)


def _write_template(path, title: str, headers: Sequence[str], *, text_cols, notes) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = title
    _write_sheet(ws, headers, [])
    for c in range(len(headers)):
        dim = ws.column_dimensions[get_column_letter(c + 1)]
        dim.width = max(dim.width or 0, 14)
        if c in text_cols:
            dim.number_format = "@"
    help_ws = wb.create_sheet("填写说明")
    _write_sheet(help_ws, ("列", "怎么填"), [list(n) for n in notes], widths={1: (40, 90)})
    help_ws.auto_filter.ref = None
    for (cell,) in help_ws.iter_rows(min_row=2, max_col=1):
        cell.font = Font(bold=True)
    for row in help_ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# a few names for the UI
def role_choices() -> list[tuple[str, str]]:
    """(Chinese, English key) of the roles a staff list may use."""
    return [(ROLE_ZH[r], r.name.lower()) for r in IMPORTABLE_ROLES]


PIN_RANGE = (PIN_MIN, PIN_MAX)
