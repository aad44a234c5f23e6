import datetime

from deskapp.reports import visit_sheet
from deskapp.reports.model import VisitSheet

QUESTION = "您好！您是第一次来吗？之前我们这边有人与您联系过吗？"


def _sheet(**changes) -> VisitSheet:
    fields = dict(
        office_name="翡翠湾营销中心",
        visit_id="V20241120-0031",
        at=datetime.datetime(2024, 11, 20, 10, 31),
        customer_name="李秀英",
        phone="13812345678",
        source_label="朋友介绍",
        family_note="夫妻二人，孩子上小学",
        group_members=("王建国", "李母"),
        referral_note="老客户张伟介绍",
        first_visit_answer="不是第一次来，上个月来过",
        contacted_by_answer="王芳联系过我",
        receiver_name="王芳",
        stand_in_name="刘强",
        assistant_name="赵敏",
        rules=("R2", "R14"),
        explanation="R2：客户指明王芳联系过，王芳外出，刘强代接待，客户仍归王芳。",
        owner_name="王芳",
    )
    fields.update(changes)
    return VisitSheet(**fields)


def test_visit_sheet_carries_the_customer_with_the_full_phone(tmp_path, page_texts, flat):
    path = visit_sheet.render(_sheet(), tmp_path / "visit.pdf")
    text = flat("".join(page_texts(path)))
    for expected in (
        "来访客户详细资料表",
        "翡翠湾营销中心",
        "V20241120-0031",
        "2024年11月20日",
        "10:31",
        "李秀英",
        "13812345678",
        "朋友介绍",
        "夫妻二人，孩子上小学",
        "王建国、李母",
        "老客户张伟介绍",
    ):
        assert expected in text
    assert "****" not in text


def test_visit_sheet_records_the_r2_question_verbatim_and_both_answers(tmp_path, page_texts, flat):
    path = visit_sheet.render(_sheet(), tmp_path / "visit.pdf")
    text = flat("".join(page_texts(path)))
    assert QUESTION in text
    assert visit_sheet.R2_QUESTION == QUESTION
    assert "不是第一次来，上个月来过" in text
    assert "王芳联系过我" in text


def test_visit_sheet_names_receiver_stand_in_assistant_and_the_rules_applied(tmp_path, page_texts, flat):
    path = visit_sheet.render(_sheet(), tmp_path / "visit.pdf")
    text = flat("".join(page_texts(path)))
    for name in ("王芳", "刘强", "赵敏"):
        assert name in text
    assert "第2条、第14条" in text
    assert flat(_sheet().explanation) in text


def test_visit_sheet_has_signature_lines_for_customer_and_consultant(tmp_path, page_texts, flat):
    path = visit_sheet.render(_sheet(), tmp_path / "visit.pdf")
    pages = page_texts(path)
    assert len(pages) == 1
    text = flat(pages[0])
    assert "客户签名" in text
    assert "置业顾问签名" in text
    assert "第1/1页" in text


def test_visit_sheet_without_stand_in_or_group_says_none(tmp_path, page_texts, flat):
    sheet = _sheet(stand_in_name="", assistant_name="", group_members=(), referral_note="")
    text = flat("".join(page_texts(visit_sheet.render(sheet, tmp_path / "visit.pdf"))))
    assert "代接待人员无" in text
    assert "同行人员无" in text


def test_visit_sheet_embeds_its_font(tmp_path, assert_fonts_embedded):
    assert_fonts_embedded(visit_sheet.render(_sheet(), tmp_path / "visit.pdf"))
