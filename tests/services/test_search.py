"""Search answers through indexes (EXPLAIN), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import text

from deskapp.domain import commands as c
from deskapp.services.persistence import PersistentOfficeService
from deskapp.store.sql import explain_sql, search_sql

T0 = dt.datetime(2026, 11, 20, 9, 0)


def _office(url):
    svc = PersistentOfficeService(url)
    for k, n in [("A", "张三"), ("B", "李四")]:
        svc.handle(c.AddStaff(k, n, actor="__system__"), T0)
    svc.handle(c.OpenDay(T0.date()), T0)
    svc.handle(c.SignIn(("A", "B")), T0)
    for i, name in enumerate(["张三丰", "李女士", "王五", "张小凡"]):
        svc.handle(c.Arrive(c.Answers(True), name=name, phone=str(13800001110 + i)), T0)
        svc.handle(c.Finish(name), T0)
    return svc


@pytest.fixture
def svc(tmp_path):
    return _office(f"sqlite:///{tmp_path / 'o.sqlite3'}")


def test_search_by_phone_tail_name_and_pinyin_initials(svc):
    assert [h.name for h in svc.search("1111")] == ["李女士"]
    assert {h.name for h in svc.search("张")} == {"张三丰", "张小凡"}
    assert [h.name for h in svc.search("zsf")] == ["张三丰"]
    assert {h.name for h in svc.search("zhang")} == {"张三丰", "张小凡"}
    hit = svc.search("13800001111")[0]
    assert (hit.owner, hit.owner_name, hit.matched_by) == ("B", "李四", "phone")


@pytest.mark.parametrize("query,index", [("1111", "ix_customers_phone_rev"), ("13800001111", "ix_customers_phone_rev"),
                                         ("张", "ix_customers_name"), ("zs", "ix_customers_initials")])
def test_sqlite_search_uses_the_index(svc, query, index):
    plans = []
    with svc.engine.connect() as conn:
        plan = explain_sql(conn, *search_sql(query))
        assert "USING INDEX" in plan and "SCAN customers" not in plan, plan  # no arm scans the table
        plans.append(plan)
    assert any(index in p for p in plans), plans


@pytest.mark.pg
def test_postgresql_search_uses_the_index():
    url = os.environ.get("DESKAPP_TEST_PG_URL") or pytest.fail("DESKAPP_TEST_PG_URL is not set (run ./test.sh)")
    from deskapp.store.sql import fresh_pg_database as fresh_database

    svc = _office(fresh_database(url))
    assert [h.name for h in svc.search("zsf")] == ["张三丰"]
    with svc.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        for query in ("1111", "zs", "张"):
            plan = explain_sql(conn, *search_sql(query))
            assert "Index" in plan and "Seq Scan" not in plan, plan
    svc.close()


def test_the_board_reads_todays_visits_by_the_day_index(svc):
    with svc.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN SELECT * FROM visits WHERE day = '2026-11-20'")))
    assert "ix_visits_day" in plan


def test_typing_a_number_from_its_start_also_finds_it(svc):
    from deskapp.services.queries import find_customers

    assert len(find_customers(svc, "1380000111")) == 4  # prefix, as typed at check-in: all four numbers
    assert [h.name for h in find_customers(svc, "1111")] == ["李女士"]  # tail
    assert find_customers(svc, "  ") == []


def test_latin_names_are_found_by_their_letters_in_any_case(svc):
    svc.handle(c.Arrive(c.Answers(True), name="Tom Li", phone="13900002222"), T0)
    assert [h.name for h in svc.search("tom")] == ["Tom Li"]
    assert [h.name for h in svc.search("TL")] == ["Tom Li"]
    assert [h.name for h in svc.search("Tom")] == ["Tom Li"]
