import datetime
import re

from deskapp.reports import claim_notice
from deskapp.reports.model import ClaimNotice, NoticeRow

OFFICE = "翡翠湾营销中心"


def _notice(rows, **kwargs) -> ClaimNotice:
    return ClaimNotice(
        office_name=OFFICE,
        date=datetime.date(2024, 11, 20),
        window_from="09:00",
        window_to="18:00",
        rows=tuple(rows),
        **kwargs,
    )


ROWS = (
    NoticeRow("09:12", "李秀英", "13811111111", "王芳"),
    NoticeRow("10:05", "欧阳娜娜", "13922223333", "刘强", claim_note="张伟 10:40 已认领"),
    NoticeRow("14:30", "陈先生", "010-12345678", "周杰"),
)


def test_notice_lists_every_entry_with_its_receiver(tmp_path, page_texts, flat):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    text = flat("".join(page_texts(path)))
    for row in ROWS:
        assert row.customer_name in text
        assert row.receiver_name in text
        assert row.time in text
    assert "张伟10:40已认领" in text
    assert "认领人签名" in text


def test_notice_shows_title_office_date_and_posting_window(tmp_path, page_texts, flat):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    text = flat(page_texts(path)[0])
    assert "每日认领公示" in text
    assert OFFICE in text
    assert "2024年11月20日" in text
    assert "09:00" in text and "18:00" in text


def test_notice_masks_phones_and_never_prints_them_in_full(tmp_path, page_texts, flat):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    text = flat("".join(page_texts(path)))
    assert "138****1111" in text
    assert "139****3333" in text
    assert "010-****5678" in text
    for full in ("13811111111", "13922223333", "12345678", "01012345678"):
        assert full not in text
        assert full not in text.replace("-", "")


def test_notice_cites_rule_20_and_says_how_to_claim(tmp_path, page_texts, flat):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    text = flat("".join(page_texts(path)))
    assert flat(claim_notice.R20_TEXT) in text
    assert "依据第20条" in text
    assert "认领方式" in text
    assert "来访登记本" in text


def test_notice_has_one_numbered_row_per_entry_in_order(tmp_path, page_texts):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    text = "".join(page_texts(path))
    assert text.count("****") == len(ROWS)
    positions = [text.index(row.customer_name) for row in ROWS]
    assert positions == sorted(positions)


def test_notice_body_type_is_readable_from_a_metre_away(tmp_path, text_sizes):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    runs = dict(text_sizes(path))
    for cell in ("138****1111", "李秀英", "王芳", "09:12"):
        assert runs[cell] >= 14


def test_long_notice_paginates_with_the_header_row_on_every_page(tmp_path, page_texts, flat):
    rows = [
        NoticeRow(f"{9 + i // 40:02d}:{i % 60:02d}", f"客户{i:03d}", f"138{i:08d}", "王芳")
        for i in range(300)
    ]
    path = claim_notice.render(_notice(rows), tmp_path / "notice.pdf")
    pages = page_texts(path)
    assert len(pages) >= 5
    table_pages = 0
    for number, page in enumerate(pages, start=1):
        flat_page = flat(page)
        assert f"第{number}/{len(pages)}页" in flat_page
        assert OFFICE in flat_page
        if "****" not in flat_page:
            continue  # the closing explanation may fall on a page of its own
        table_pages += 1
        for header in claim_notice.HEADERS:
            assert header in flat_page, f"header {header} missing on page {number}"
    assert table_pages >= 5
    text = flat("".join(pages))
    assert all(f"客户{i:03d}" in text for i in range(300))
    assert text.count("****") == 300
    assert "13800000007" not in text


def test_empty_notice_says_there_is_nothing_to_claim(tmp_path, page_texts, flat):
    path = claim_notice.render(_notice(()), tmp_path / "notice.pdf")
    pages = page_texts(path)
    assert len(pages) == 1
    assert "今日无需公示的客户" in flat(pages[0])


def test_notice_embeds_its_font(tmp_path, assert_fonts_embedded):
    path = claim_notice.render(_notice(ROWS), tmp_path / "notice.pdf")
    assert_fonts_embedded(path)


def test_render_returns_the_path_written(tmp_path):
    target = tmp_path / "out" / "notice.pdf"
    target.parent.mkdir()
    result = claim_notice.render(_notice(ROWS), str(target))
    assert result == target
    assert re.match(rb"%PDF-1\.\d", target.read_bytes()[:8])
