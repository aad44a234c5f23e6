from deskapp.domain.rulebook import CATALOGUE, label


def test_catalogue_has_every_rule_and_marks_the_gaps():
    assert len(CATALOGUE) == 39
    assert not CATALOGUE["R23"].in_text and not CATALOGUE["R39"].in_text
    assert "原文" in CATALOGUE["R23"].zh and "not in the received" in CATALOGUE["R23"].en
    assert all(r.in_text for k, r in CATALOGUE.items() if k not in ("R23", "R39"))


def test_label_cites_number_and_summary():
    assert label("R16") == "R16 先登记者优先；家人成交佣金平分"
    assert label("16", "en").startswith("R16 first registered")
