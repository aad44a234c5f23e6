"""Excel in and out: the visit book export, the staff list and the paper visit book imports (R9, R14, R16)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from deskapp.domain.commands import AddStaff, Answers, Arrive, Finish, FollowUp, OpenDay, SignIn
from deskapp.domain.roles import Role
from deskapp.services import excel
from deskapp.services.persistence import PersistentOfficeService, verify
from deskapp.services.pins import verify_pin

DAY1 = dt.date(2026, 3, 2)
DAY2 = dt.date(2026, 3, 3)
TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime.combine(TODAY, dt.time(10, 0))
ZHANG = "13911112222"
LI = "13800001111"
WANG = "18600003333"


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


@pytest.fixture
def service(tmp_path):
    svc = PersistentOfficeService(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    t = _at(DAY1, 8)
    for key, name, role, team in (("A", "张伟", "consultant", "T1"), ("B", "李娜", "consultant", "T1"),
                                  ("C", "王芳", "team_leader", "T2"), ("M", "孙丽", "site_manager", None)):
        svc.handle(AddStaff(key, name, role, team, actor="__system__"), t)
    yield svc
    svc.close()


@pytest.fixture
def open_today(service):
    service.handle(OpenDay(TODAY), _at(TODAY, 8))
    return service


def _xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _csv(path, rows, encoding="utf-8"):
    text = "\r\n".join(",".join(str(c) for c in r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------------------------------ export
def test_export_writes_the_visit_book_and_follow_ups_of_the_range_only(service, tmp_path):
    service.handle(OpenDay(DAY1), _at(DAY1, 8, 30))
    service.handle(SignIn(("A", "B")), _at(DAY1, 8, 40))
    service.handle(Arrive(Answers(first_visit=True), name="张三", phone=ZHANG), _at(DAY1, 9, 5))
    service.handle(Finish(ZHANG), _at(DAY1, 10))
    service.handle(FollowUp("A", ZHANG, DAY1, "电话回访"), _at(DAY1, 17))
    service.handle(OpenDay(DAY2), _at(DAY2, 8, 30))
    service.handle(SignIn(("B", "A")), _at(DAY2, 8, 40))
    service.handle(Arrive(Answers(first_visit=True), name="李女士", phone=LI), _at(DAY2, 9, 30))
    service.handle(FollowUp("A", ZHANG, DAY2, "再次回访"), _at(DAY2, 17))

    out = excel.export_visit_book(service.office, DAY1, DAY1, tmp_path / "book")
    assert out.suffix == ".xlsx" and out.is_file()
    wb = load_workbook(out)
    assert wb.sheetnames == ["来访登记", "回访记录"]
    ws = wb["来访登记"]
    assert [c.value for c in ws[1]] == list(excel.VISIT_HEADERS)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1  # 李女士 came on day 2: not in the range
    row = dict(zip(excel.VISIT_HEADERS, rows[0], strict=True))
    assert row["日期"] == dt.datetime(2026, 3, 2)  # a real Excel date
    assert ws["A2"].is_date and ws["B2"].is_date
    assert row["时间"] == dt.time(9, 5)
    assert row["客户姓名"] == "张三"
    assert row["电话"] == ZHANG  # full number, kept as text
    assert row["接待人"] == "张伟" and row["归属"] == "张伟"
    assert row["方式"] == "轮接" and row["轮次"] == "占用轮次"
    assert row["来源"] == "自然来访"
    assert "14" in row["依据条款"]
    assert row["已修改"] is None
    assert ws.column_dimensions["K"].width >= 30  # the explanation column is wide

    fs = wb["回访记录"]
    assert [c.value for c in fs[1]] == list(excel.FOLLOWUP_HEADERS)
    follow = list(fs.iter_rows(min_row=2, values_only=True))
    assert follow == [(dt.datetime(2026, 3, 2), "张伟", "张三", ZHANG, None)]

    both = load_workbook(excel.export_visit_book(service.office, DAY1, DAY2, tmp_path / "both.xlsx"))
    assert both["来访登记"].max_row == 3 and both["回访记录"].max_row == 3
    assert excel.visit_book_counts(service.office, DAY1, DAY2) == (2, 2)


def test_export_refuses_a_reversed_range(service, tmp_path):
    with pytest.raises(ValueError):
        excel.export_visit_book(service.office, DAY2, DAY1, tmp_path / "x.xlsx")


# ------------------------------------------------------------------------------------------ staff list
STAFF_HEADER = ["代号", "姓名", "角色", "组别", "密码"]


def test_a_good_staff_list_imports_with_pins(service, tmp_path):
    path = _xlsx(tmp_path / "staff.xlsx", [
        STAFF_HEADER,
        ["D", "赵敏", "置业顾问", "T1", "1234"],
        ["E", "钱进", "组长", "T2", "56789012"],
        ["F", "孙红", "team_leader", "", "4321"],
        [None, None, None, None, None],  # blank rows are skipped
        ["G", "周强", "前台", None, "0000"],
    ])
    parsed = excel.read_staff_list(path, service.office)
    assert parsed.errors == () and parsed.ok
    assert [r.row for r in parsed.rows] == [2, 3, 4, 6]
    assert "1234" not in repr(parsed.rows[0])  # a PIN is never printed
    head = service.head
    result = excel.apply_staff_import(service, parsed, NOW, "M")
    assert result.ok and result.imported == 4
    assert "4" in result.zh and "4" in result.en
    staff = service.office.staff
    assert staff["D"].role is Role.CONSULTANT and staff["D"].team == "T1"
    assert staff["E"].role is Role.TEAM_LEADER and staff["F"].role is Role.TEAM_LEADER
    assert staff["F"].team is None and staff["G"].role is Role.RECEPTIONIST
    assert verify_pin(staff["E"].pin_hash, "56789012") and verify_pin(staff["G"].pin_hash, "0000")
    assert service.head == head + 8  # AddStaff + SetPin per row
    assert verify(service.engine).ok


def test_a_pin_excel_turned_into_a_number_keeps_its_leading_zero_when_formatted(service, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["代号/key", "姓名", "角色/role", "组别/team", "密码/PIN"])
    ws.append(["D", "赵敏", "consultant", "T1", 123])
    ws["E2"].number_format = "0000"
    ws.append(["E", "钱进", "consultant", "T1", 123])  # General: the zero is gone for good
    wb.save(tmp_path / "pins.xlsx")
    parsed = excel.read_staff_list(tmp_path / "pins.xlsx", service.office)
    assert parsed.rows[0].pin == "0123"
    assert [e.row for e in parsed.errors] == [3]
    assert "文本" in parsed.errors[0].zh and "Text" in parsed.errors[0].en


def test_a_malformed_staff_list_names_every_bad_row_and_records_nothing(service, tmp_path):
    path = _xlsx(tmp_path / "bad.xlsx", [
        STAFF_HEADER,
        ["D", "赵敏", "置业顾问", "T1", "1234"],
        ["E", "钱进", "置业顾问", "T1", "12ab"],  # row 3: a bad PIN
        ["F", "孙红", "组长", "T2", "4321"],
        ["G", "周强", "保安", None, "5555"],  # row 5: unknown role
        ["H", None, "置业顾问", "T1", "6666"],  # row 6: no name
        ["A", "重复", "置业顾问", "T1", "7777"],  # row 7: key in use
        ["D", "再来", "置业顾问", "T1", "8888"],  # row 8: repeats row 2
    ])
    head = service.head
    parsed = excel.read_staff_list(path, service.office)
    assert not parsed.ok
    assert sorted(e.row for e in parsed.errors) == [3, 5, 6, 7, 8]
    by_row = {e.row: e for e in parsed.errors}
    assert by_row[5].message("zh").startswith("第5行：") and "保安" in by_row[5].zh
    assert by_row[5].message("en").startswith("Row 5: ") and "role" in by_row[5].en
    assert "姓名" in by_row[6].zh and "第2行" in by_row[8].zh
    result = excel.apply_staff_import(service, parsed, NOW, "M")
    assert not result.ok and result.imported == 0 and result.errors == parsed.errors
    assert service.head == head
    assert set(service.office.staff) == {"A", "B", "C", "M"}


def test_a_refusal_while_importing_rolls_back_every_row(service, tmp_path):
    """Validated without the office, a used key slips through; the rulebook refuses row 4 and rows 2-3 vanish."""
    path = _xlsx(tmp_path / "late.xlsx", [STAFF_HEADER, ["D", "赵敏", "置业顾问", "T1", "1234"],
                                          ["E", "钱进", "置业顾问", "T1", "2345"], ["A", "重名", "组长", "T2", "3456"]])
    parsed = excel.read_staff_list(path)  # no office: the used key A is not caught here
    assert parsed.ok
    head = service.head
    result = excel.apply_staff_import(service, parsed, NOW, "M")
    assert not result.ok and [e.row for e in result.errors] == [4]
    assert result.errors[0].message("zh").startswith("第4行：")
    assert service.head == head and set(service.office.staff) == {"A", "B", "C", "M"}
    # the service is still usable: the rollback left memory and database in step
    service.handle(AddStaff("Z", "后来", "consultant", actor="M"), NOW)
    assert service.head == head + 1 and verify(service.engine).ok


def test_only_a_site_manager_may_import_staff(service, tmp_path):
    parsed = excel.read_staff_list(_xlsx(tmp_path / "s.xlsx", [STAFF_HEADER, ["D", "赵敏", "置业顾问", "T1", "1234"]]),
                                   service.office)
    head = service.head
    result = excel.apply_staff_import(service, parsed, NOW, "A")
    assert not result.ok and result.errors[0].row is None and "案场经理" in result.errors[0].zh
    assert service.head == head and "D" not in service.office.staff


def test_a_staff_list_without_its_columns_is_refused_at_the_header(service, tmp_path):
    parsed = excel.read_staff_list(_xlsx(tmp_path / "h.xlsx", [["编号", "名字", "备注"], ["D", "赵敏", "x"]]))
    assert [e.row for e in parsed.errors] == [1]
    assert "角色" in parsed.errors[0].zh and "密码" in parsed.errors[0].zh
    assert excel.read_staff_list(tmp_path / "missing.xlsx").errors[0].row is None
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in excel.read_staff_list(tmp_path / "old.xls").errors[0].zh


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_staff_list_csv_in_gbk_and_utf8(service, tmp_path, encoding):
    path = _csv(tmp_path / f"staff-{encoding}.csv",
                [STAFF_HEADER, ["D", "赵敏", "置业顾问", "一组", "0123"], ["E", "钱进", "销售主管", "", "9876"]], encoding)
    parsed = excel.read_staff_list(path, service.office)
    assert parsed.errors == ()
    assert [(r.key, r.name, r.role, r.team, r.pin) for r in parsed.rows] == [
        ("D", "赵敏", "consultant", "一组", "0123"), ("E", "钱进", "supervisor", None, "9876")]
    assert excel.apply_staff_import(service, parsed, NOW, "M").ok
    assert service.office.staff["D"].team == "一组"


# ------------------------------------------------------------------------------------------ visit book
BOOK_HEADER = ["日期", "客户姓名", "电话", "接待人", "来源"]


def test_the_visit_book_imports_in_date_order_and_the_first_receiver_owns(open_today, tmp_path):
    service = open_today
    path = _xlsx(tmp_path / "book.xlsx", [
        BOOK_HEADER,
        ["2026-02-20 15:00", "张三", "139 1111 2222", "李娜", "自然来访"],  # later: 李娜 received him second
        [dt.datetime(2026, 2, 14, 10, 30), "张三", ZHANG, "A", None],  # first: 张伟 owns him (R14, R16)
        [dt.date(2026, 2, 15), "李女士", "+86 138-0000-1111", "B", "同事介绍"],
        ["2026/2/16", "王先生", WANG, "王芳", ""],
    ])
    parsed = excel.read_visit_book(path, service.office)
    assert parsed.errors == () and parsed.ok
    assert parsed.new_customers == 3
    owners = {r.row: r.owner for r in parsed.rows}
    assert owners == {2: "A", 3: "A", 4: "B", 5: "C"}  # the preview already says who will own
    head = service.head
    result = excel.apply_visit_import(service, parsed, NOW, "M")
    assert result.ok and result.imported == 4 and result.customers_created == 3
    office = service.office
    zhang = office.customers[office.by_phone[ZHANG]]
    assert zhang.owner == "A" and zhang.owner_rule == "R14"
    visits = [office.visits[v] for v in office.customer_visits[zhang.id]]
    assert [(v.at, v.receiver, v.kind) for v in visits] == [
        (dt.datetime(2026, 2, 14, 10, 30), "A", "history"), (dt.datetime(2026, 2, 20, 15), "B", "history")]
    li = office.customers[office.by_phone[LI]]
    assert li.owner == "B" and li.source == "colleague_referral"
    assert office.customers[office.by_phone[WANG]].owner == "C"
    assert service.head == head + 4
    assert verify(service.engine).ok

    # the same book again: every row is already recorded
    again = excel.read_visit_book(path, service.office)
    assert sorted(e.row for e in again.errors) == [2, 3, 4, 5]
    assert "已有记录" in again.errors[0].zh


def test_a_malformed_visit_book_reports_all_rows_at_once_and_records_nothing(open_today, tmp_path):
    service = open_today
    path = _xlsx(tmp_path / "bad.xlsx", [
        BOOK_HEADER,
        ["2026-02-14", "张三", ZHANG, "A", ""],
        ["2026-02-14", "李女士", "12345", "B", ""],  # row 3: bad phone
        ["2026-02-15", "王先生", WANG, "C", ""],
        ["2026-02-15", "赵先生", "13700001234", "老刘", ""],  # row 5: unknown receiver
        ["2026-02-16", "", "13700005678", "A", ""],  # row 6: no name (R9)
        ["2026-03-10", "钱女士", "13700009999", "A", ""],  # row 7: the working day itself is not history
        ["二月十六", "孙先生", "13700008888", "A", ""],  # row 8: unparsable date
        ["2026-02-14", "张三", ZHANG, "张伟", ""],  # row 9: repeats row 2
        ["2026-02-17", "周先生", "13700007777", "A", "路过"],  # row 10: unknown source
    ])
    head = service.head
    parsed = excel.read_visit_book(path, service.office)
    assert sorted(e.row for e in parsed.errors) == [3, 5, 6, 7, 8, 9, 10]
    text = {e.row: e.message("zh") for e in parsed.errors}
    assert text[3].startswith("第3行：电话号码") and "无效" in text[3]
    assert "老刘" in text[5] and "第9条" in text[6] and "营业日" in text[7]
    assert "无法识别" in text[8] and "第2行" in text[9] and "路过" in text[10]
    assert len(parsed.rows) == 9  # every row is previewed, good or bad
    result = excel.apply_visit_import(service, parsed, NOW, "M")
    assert not result.ok and service.head == head
    assert ZHANG not in service.office.by_phone


def test_without_an_open_day_history_is_what_lies_before_today(service, tmp_path):
    path = _xlsx(tmp_path / "b.xlsx", [BOOK_HEADER, ["2026-03-09", "张三", ZHANG, "A", ""],
                                       ["2026-03-10 09:00", "李女士", LI, "B", ""]])
    parsed = excel.read_visit_book(path, service.office, now=NOW)
    assert [e.row for e in parsed.errors] == [3]


def test_an_ambiguous_or_departed_receiver_is_an_error(open_today, tmp_path):
    service = open_today
    from deskapp.domain.commands import Depart

    service.handle(AddStaff("A2", "张伟", "consultant", actor="M"), NOW)
    service.handle(Depart("C", "resigned", actor="M"), NOW)
    parsed = excel.read_visit_book(_xlsx(tmp_path / "b.xlsx", [
        BOOK_HEADER, ["2026-02-14", "张三", ZHANG, "张伟", ""], ["2026-02-14", "李女士", LI, "A2", ""],
        ["2026-02-14", "王先生", WANG, "C", ""]]), service.office)
    by_row = {e.row: e.zh for e in parsed.errors}
    assert set(by_row) == {2, 4}
    assert "代号" in by_row[2] and "第8条" in by_row[4]


def test_a_refused_historical_visit_rolls_the_whole_book_back(open_today, tmp_path):
    service = open_today
    path = _xlsx(tmp_path / "b.xlsx", [BOOK_HEADER, ["2026-02-14", "张三", ZHANG, "A", ""],
                                       ["2026-02-15", "李女士", LI, "B", ""]])
    parsed = excel.read_visit_book(path, service.office)
    head = service.head
    result = excel.apply_visit_import(service, parsed, NOW, "B")  # a consultant may not import history
    assert not result.ok and result.errors[0].row is None
    assert service.head == head and ZHANG not in service.office.by_phone and LI not in service.office.by_phone


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_visit_book_csv_in_gbk(open_today, tmp_path, encoding):
    service = open_today
    path = _csv(tmp_path / "book.csv", [
        ["日期", "时间", "客户姓名", "电话", "接待人", "来源"],
        ["2026/2/14", "10:30", "张三", ZHANG, "张伟", "自然来访"],
        ["2026年2月15日", "", "李女士", LI, "李娜", "公司关系户"],
    ], encoding)
    parsed = excel.read_visit_book(path, service.office)
    assert parsed.errors == ()
    assert parsed.rows[0].at == dt.datetime(2026, 2, 14, 10, 30) and parsed.rows[0].has_time
    assert parsed.rows[1].at == dt.datetime(2026, 2, 15) and parsed.rows[1].source == "company_relation"
    assert excel.apply_visit_import(service, parsed, NOW, "M").ok
    assert service.office.customers[service.office.by_phone[LI]].owner == "B"
    assert verify(service.engine).ok


def test_an_exported_book_reads_back_as_a_visit_book(open_today, tmp_path):
    """Round trip: the export's columns are the import's (date-only history shows no time)."""
    service = open_today
    path = _xlsx(tmp_path / "b.xlsx", [BOOK_HEADER, ["2026-02-14", "张三", ZHANG, "A", ""],
                                       ["2026-02-15 16:20", "李女士", LI, "B", "外场客户"]])
    assert excel.apply_visit_import(service, excel.read_visit_book(path, service.office), NOW, "M").ok
    out = excel.export_visit_book(service.office, dt.date(2026, 2, 1), dt.date(2026, 2, 28), tmp_path / "out.xlsx")
    ws = load_workbook(out)["来访登记"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows[0][1] is None and rows[1][1] == dt.time(16, 20)
    assert rows[0][6] == "历史导入" and rows[1][4] == "外场客户"
    again = excel.read_visit_book(out, service.office)
    assert sorted(e.row for e in again.errors) == [2, 3]  # both already recorded


def test_blank_templates_have_the_import_headers_and_text_columns(service, tmp_path):
    staff = excel.write_staff_template(tmp_path / "staff")
    wb = load_workbook(staff)
    assert [c.value for c in wb.active[1]] == ["代号", "姓名", "角色", "组别", "密码"]
    assert wb.active.column_dimensions["E"].number_format == "@"  # PINs keep their leading zeros
    assert "填写说明" in wb.sheetnames
    assert [e.row for e in excel.read_staff_list(staff).errors] == [None]  # nothing under the header yet
    book = load_workbook(excel.write_visit_book_template(tmp_path / "book.xlsx"))
    assert [c.value for c in book.active[1]] == ["日期", "时间", "客户姓名", "电话", "接待人", "来源"]
    assert book.active.column_dimensions["D"].number_format == "@"
