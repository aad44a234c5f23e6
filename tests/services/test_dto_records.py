"""The DTOs' Record base (deskapp.services.dto): the behaviour of a frozen dataclass for value objects."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

from deskapp.services.dto import Board, CreditToken, FrozenRecordError, ReceptionRow, Record

AT = dt.datetime(2026, 11, 28, 9, 30)


def _reception(**changes):
    values = dict(visit_id=1, at=AT, customer_id=7, customer="刘女士", phone="13800001111", receiver="A",
                  receiver_name="张伟", kind="rotation", turn="R1", active=True, rules=("R1",),
                  explanation="按轮次", owner_name="张伟", amended=False, cancelled=False)
    values.update(changes)
    return ReceptionRow(**values)


def test_fields_in_annotation_order_positional_or_by_name_with_defaults():
    assert ReceptionRow._fields[:3] == ("visit_id", "at", "customer_id")
    assert ReceptionRow._fields[-1] == "explanation_en"
    row = _reception()
    assert row.explanation_en == ""  # the default
    same = ReceptionRow(*(getattr(row, f) for f in ReceptionRow._fields))
    assert same == row and hash(same) == hash(row)
    assert _reception(explanation_en="By rotation").explanation_en == "By rotation"
    assert list(vars(row)) == list(ReceptionRow._fields)


def test_equality_and_hash_are_by_value_and_by_type():
    a, b = CreditToken("R12", "同行市调", AT), CreditToken("R12", "同行市调", AT)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != CreditToken("R12", "同行市调", AT + dt.timedelta(minutes=1))
    assert _reception() != _reception(active=False)
    assert a != ("R12", "同行市调", AT)  # not a tuple


def test_records_cannot_be_changed():
    row = _reception()
    with pytest.raises(FrozenRecordError):
        row.active = False
    with pytest.raises(AttributeError):
        del row.customer
    assert row.active is True


def test_wrong_construction_is_refused_clearly():
    with pytest.raises(TypeError, match="missing 'earned'"):
        CreditToken("R12", "同行市调")
    with pytest.raises(TypeError, match="'colour' is an unknown field"):
        CreditToken("R12", "同行市调", AT, colour="red")
    with pytest.raises(TypeError, match="'rule' is given twice"):
        CreditToken("R12", "同行市调", AT, rule="R1")
    with pytest.raises(TypeError, match="takes 3 values"):
        CreditToken("R12", "同行市调", AT, 4)


def test_repr_copy_pickle_and_match():
    token = CreditToken("R12", "同行市调", AT)
    assert repr(token) == f"CreditToken(rule='R12', reason='同行市调', earned={AT!r})"
    board = Board(None, AT, None, "—", "", (), (_reception(),), ())
    assert copy.deepcopy(board) == board and pickle.loads(pickle.dumps(board)) == board
    match token:
        case CreditToken(rule, _, earned):
            assert (rule, earned) == ("R12", AT)
    assert issubclass(CreditToken, Record)


def test_replace_gives_a_changed_copy():
    row = _reception()
    changed = row.replace(explanation="按轮次（已修改）", amended=True)
    assert (changed.explanation, changed.amended, changed.customer) == ("按轮次（已修改）", True, "刘女士")
    assert row.amended is False and type(changed) is ReceptionRow
    with pytest.raises(TypeError, match="unknown field"):
        row.replace(colour="red")
