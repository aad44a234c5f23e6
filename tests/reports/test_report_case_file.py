import datetime as dt
import re

from deskapp.reports import case_file
from deskapp.reports.model import CaseFile, EvidenceItem

EVIDENCE = (
    EvidenceItem(
        dt.datetime(2024, 10, 20, 10, 0), "王芳", "回访记录", "电话回访，客户月底再来", True, "连续回访"
    ),
    EvidenceItem(
        dt.datetime(2024, 10, 12, 14, 5), "王芳", "来访登记", "首次来访，王芳接待", True, "登记完整"
    ),
    EvidenceItem(
        dt.datetime(2024, 10, 15, 16, 30),
        "刘强",
        "来访登记",
        "刘强登记来访",
        False,
        "记录经修改，不作为依据（第3条）",
    ),
)


def _case(**changes) -> CaseFile:
    fields = dict(
        office_name="翡翠湾营销中心",
        customer_name="李秀英",
        phone="13812345678",
        claimants=("王芳", "刘强"),
        evidence=EVIDENCE,
        proposed_owner_name="王芳",
        proposed_rules=("R16", "R3"),
        proposed_explanation="R16：王芳最先登记李秀英；刘强的登记经修改，不作为依据。",
        final_owner_name=None,
        final_reason=None,
        ruled_by=None,
        ruled_at=None,
        case_id="D-2024-0017",
    )
    fields.update(changes)
    return CaseFile(**fields)


def _ruled() -> CaseFile:
    return _case(
        final_owner_name="刘强",
        final_reason="王芳回访中断超过15天，按第22条归轮接人员。",
        ruled_by="陈经理",
        ruled_at=dt.datetime(2024, 11, 21, 17, 30),
    )


def test_case_file_names_the_customer_and_the_claimants(tmp_path, page_texts, flat):
    text = flat("".join(page_texts(case_file.render(_case(), tmp_path / "case.pdf"))))
    for expected in (
        "客户归属争议裁决书",
        "翡翠湾营销中心",
        "D-2024-0017",
        "李秀英",
        "13812345678",
        "王芳、刘强",
    ):
        assert expected in text


def test_case_file_shows_the_evidence_timeline_with_admissibility(tmp_path, page_texts, flat):
    text = flat("".join(page_texts(case_file.render(_case(), tmp_path / "case.pdf"))))
    assert text.count("不可采信") == 1
    assert len(re.findall(r"(?<!不)可采信(?!证据)", text)) == 2  # the admissible verdict cells, not the prose
    assert "记录经修改，不作为依据（第3条）" in text
    assert "依据第3条" in text
    # oldest first
    assert (
        text.index("首次来访，王芳接待") < text.index("刘强登记来访") < text.index("电话回访，客户月底再来")
    )


def test_case_file_shows_the_proposed_ruling_with_its_rules(tmp_path, page_texts, flat):
    text = flat("".join(page_texts(case_file.render(_case(), tmp_path / "case.pdf"))))
    assert "系统建议裁决" in text
    assert "第16条、第3条" in text
    assert flat(_case().proposed_explanation) in text


def test_unruled_case_file_is_pending_with_a_blank_signature_line(tmp_path, page_texts, flat):
    text = flat("".join(page_texts(case_file.render(_case(), tmp_path / "case.pdf"))))
    assert "待裁决" in text
    assert "案场经理签字" in text
    assert "依据第32条" in text


def test_ruled_case_file_shows_the_final_ruling_and_reason(tmp_path, page_texts, flat):
    text = flat("".join(page_texts(case_file.render(_ruled(), tmp_path / "case.pdf"))))
    assert "待裁决" not in text
    assert "裁决归属刘强" in text
    assert "变更（原建议：王芳）" in text
    assert "王芳回访中断超过15天，按第22条归轮接人员。" in text
    assert "陈经理" in text
    assert "2024年11月21日17:30" in text
    assert "案场经理签字" in text


def test_case_file_fits_on_one_page_for_a_typical_dispute(tmp_path, page_texts, flat):
    pages = page_texts(case_file.render(_ruled(), tmp_path / "case.pdf"))
    assert len(pages) == 1
    assert "第1/1页" in flat(pages[0])


def test_case_file_with_many_records_repeats_the_evidence_header(tmp_path, page_texts, flat):
    many = tuple(
        EvidenceItem(
            dt.datetime(2024, 9, 1) + dt.timedelta(days=i), "王芳", "回访记录", f"第{i}次回访", True, "连续"
        )
        for i in range(80)
    )
    pages = page_texts(case_file.render(_case(evidence=many), tmp_path / "case.pdf"))
    assert len(pages) >= 3
    for page in pages[:-1]:
        assert "内容摘要" in flat(page)


def test_case_file_embeds_its_font(tmp_path, assert_fonts_embedded):
    assert_fonts_embedded(case_file.render(_ruled(), tmp_path / "case.pdf"))
