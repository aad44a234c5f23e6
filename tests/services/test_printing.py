"""Printing: the notice shows masked phones only, the visit sheet the R2 question, the case file R3 verdicts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest

from deskapp.domain.errors import RuleError
from deskapp.reports import printing
from deskapp.reports.printing import case_pdf, default_print_dir, notice_pdf, print_path, visit_sheet_pdf

DAY2 = dt.date(2026, 11, 3)  # as in conftest.py
NOTICE_PHONE = "13912345678"
NEW_PHONE = "18600007777"


def _text(path: Path) -> str:
    """All pages' text without whitespace (pypdf breaks table cells and wrapped lines anywhere)."""
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages))


def test_notice_shows_the_masked_phone_and_never_the_full_number(office_service, tmp_path):
    out = notice_pdf(office_service.office, DAY2, tmp_path / "notice.pdf", office_name="测试花园售楼处")
    text = _text(out)
    assert "每日认领公示" in text
    assert "周先生" in text
    assert "139****5678" in text
    assert NOTICE_PHONE not in text
    assert "测试花园售楼处" in text


def test_notice_marks_an_entry_already_claimed(office_service):
    doc = printing.notice_document(office_service.office, DAY2)
    assert [r.customer_name for r in doc.rows] == ["周先生"]
    assert "张伟已认领" in doc.rows[0].claim_note
    assert (doc.window_from, doc.window_to) == printing.DEFAULT_WINDOW


def test_visit_sheet_carries_the_r2_question_and_the_full_phone(office_service, tmp_path):
    office = office_service.office
    visit_id = office.customer_visits[office.by_phone[NOTICE_PHONE]][-1]
    text = _text(visit_sheet_pdf(office, visit_id, tmp_path / "visit.pdf"))
    assert "您好！您是第一次来吗？之前我们这边有人与您联系过吗？" in text
    assert NOTICE_PHONE in text
    assert "不是，以前来过" in text
    assert "有，但说不出是哪位" in text


def test_visit_sheet_of_an_unknown_visit_is_refused(office_service, tmp_path):
    with pytest.raises(RuleError) as err:
        visit_sheet_pdf(office_service.office, 9999, tmp_path / "x.pdf")
    assert err.value.code == "unknown_visit"


def test_case_file_shows_an_amended_record_as_not_admissible(office_service, tmp_path):
    text = _text(case_pdf(office_service.office, NEW_PHONE, tmp_path / "case.pdf"))
    assert "客户归属争议裁决书" in text
    assert "不可采信" in text
    assert "可采信" in text.replace("不可采信", "")
    assert "待裁决" in text


def test_case_file_by_customer_id_lists_both_parties(office_service):
    office = office_service.office
    doc = printing.case_document(office, office.by_phone[NEW_PHONE])
    assert doc.claimants == ("张伟", "王芳")
    assert [e.admissible for e in doc.evidence] == [False, True]
    assert doc.final_owner_name is None


def test_case_file_without_a_case_is_refused(office_service, tmp_path):
    with pytest.raises(RuleError) as err:
        case_pdf(office_service.office, "13800007777", tmp_path / "x.pdf")
    assert err.value.code == "no_case"


def test_print_dir_is_under_the_user_data_dir_unless_overridden(tmp_path, monkeypatch):
    monkeypatch.delenv(printing.ENV_PRINT_DIR, raising=False)
    monkeypatch.setattr(printing.platformdirs, "user_data_dir", lambda app, appauthor=False: str(tmp_path / app))
    assert default_print_dir() == tmp_path / "deskapp" / "prints"
    assert default_print_dir().is_dir()
    monkeypatch.setenv(printing.ENV_PRINT_DIR, str(tmp_path / "elsewhere"))
    assert default_print_dir() == tmp_path / "elsewhere"
    name = print_path("notice", dt.datetime(2026, 11, 3, 10, 15, 0), tmp_path)
    assert name == tmp_path / "notice-20261103-101500.pdf"
