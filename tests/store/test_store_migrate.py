"""Schema: migrations in code, newer/foreign databases refused, schema.py == migrations."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, select, text

from deskapp.store import schema
from deskapp.store.engine import make_engine, sqlite_path
from deskapp.store.errors import StoreError
from deskapp.store.migrate import check_schema, head_revision, known_revisions, open_store, upgrade


def test_upgrade_from_empty_and_again(db_url):
    engine = make_engine(db_url)
    try:
        assert check_schema(engine).state == "empty"
        st = upgrade(engine)
        assert st.state == "current" and st.current == (head_revision(),)
        assert upgrade(engine).state == "current"  # idempotent
        with engine.connect() as conn:
            meta = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).all())
            assert meta["app"] == "deskapp"
            assert int(meta["schema_version"]) >= 1
            assert len(meta["office_id"]) == 32
            assert conn.execute(select(schema.office_lock.c.id)).scalars().all() == [1]
    finally:
        engine.dispose()


def test_open_store_migrates(db_url):
    engine = open_store(db_url)
    try:
        assert check_schema(engine).state == "current"
    finally:
        engine.dispose()


def test_newer_schema_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(StoreError) as ei:
        check_schema(engine)
    assert ei.value.code == "db_newer_schema"
    with pytest.raises(StoreError) as ei:
        upgrade(engine)
    assert ei.value.code == "db_newer_schema"
    url = engine.url.render_as_string(hide_password=False)
    with pytest.raises(StoreError) as ei:
        open_store(url)
    assert ei.value.code == "db_newer_schema"
    assert "新版本" in ei.value.message_zh


def test_foreign_database_is_refused(tmp_path):
    p = tmp_path / "other-app.sqlite3"
    db = sqlite3.connect(p)
    db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as ei:
        open_store(f"sqlite:///{p}")
    assert ei.value.code == "db_foreign"


def _diff_table(d) -> str | None:
    """Table name of one compare_metadata() difference."""
    if isinstance(d, list):  # modify_* come grouped
        d = d[0]
    op, rest = d[0], d[1:]
    if op in ("add_table", "remove_table"):
        return rest[0].name
    if op in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        return rest[0].table.name
    if op in ("add_fk", "remove_fk"):
        return rest[0].parent.name
    # add_column/remove_column/modify_*: (schema, table, ...)
    return rest[1] if len(rest) > 1 and isinstance(rest[1], str) else None


MY_TABLES = {"journal", "meta", "office_lock"}


def _my_diffs(conn, md):
    ctx = MigrationContext.configure(conn, opts={"compare_type": True})
    return [d for d in compare_metadata(ctx, md) if _diff_table(d) in MY_TABLES]


def test_schema_module_matches_migrations(engine):
    """schema.py describes exactly what the migrations create (for the store's own tables)."""
    with engine.connect() as conn:
        assert _my_diffs(conn, schema.metadata) == []
        # and the comparison does see a difference when there is one
        md = MetaData()
        for t in schema.metadata.sorted_tables:
            if t.name in MY_TABLES:
                t.to_metadata(md)
        md.tables["meta"].append_column(Column("extra", Integer))
        assert [_diff_table(d) for d in _my_diffs(conn, md)] == ["meta"]


def test_known_revisions():
    assert head_revision() in known_revisions()
    assert "0001" in known_revisions()


def test_sqlite_journal_seq_is_the_rowid(sqlite_engine):
    """seq is an INTEGER PRIMARY KEY (rowid alias): walking in seq order is a plain b-tree scan."""
    db = sqlite3.connect(sqlite_path(sqlite_engine))
    try:
        plan = " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM journal ORDER BY seq"))
    finally:
        db.close()
    assert "SCAN journal" in plan and "INDEX" not in plan.upper()


def test_a_database_of_the_previous_version_is_upgraded_and_its_office_re_derived(db_url):
    """Down to 0004 with records in it (0005's downgrade), then opened by this version: 0005 rebuilds
    customer_phones and the indexes with their rows, the missing saved state is derived from the journal."""
    import datetime as dt

    from alembic import command

    from deskapp.domain import commands as c
    from deskapp.services import queries
    from deskapp.services.persistence import PersistentOfficeService, verify
    from deskapp.store.migrate import alembic_config

    t0 = dt.datetime(2026, 11, 20, 9, 0)
    svc = PersistentOfficeService(db_url)
    for k, n in [("A", "张三"), ("B", "李四")]:
        svc.handle(c.AddStaff(k, n, actor="__system__"), t0)
    svc.handle(c.OpenDay(t0.date()), t0)
    svc.handle(c.SignIn(("A", "B")), t0)
    svc.handle(c.Arrive(c.Answers(True), name="刘备", phone="13800001111"), t0)
    board = queries.board(svc.office)
    with svc.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    svc.close()
    again = PersistentOfficeService(db_url)
    assert queries.board(again.office) == board
    assert again.office.by_phone["13800001111"] == again.office.by_ref["刘备"]
    assert [h.name for h in again.search("1111")] == ["刘备"]
    assert verify(again.engine).ok
    again.close()


def test_the_quick_head_read_from_the_files_is_alembics_head():
    from deskapp.store.migrate import quick_head

    assert quick_head() == head_revision()


def test_opening_a_current_database_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'o.sqlite3'}"
    open_store(url).dispose()
    code = ("import sys; from deskapp.store.migrate import open_store; open_store(sys.argv[1]).dispose(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
