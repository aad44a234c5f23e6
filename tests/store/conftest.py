"""Fixtures for the store: a fresh SQLite file per test, a fresh PostgreSQL database per test.

PostgreSQL tests need DESKAPP_TEST_PG_URL (``eval "$(bash .ci/pg-start)"`` starts a throwaway server and
exports it). Without it a ``pg`` test FAILS — it is never skipped silently.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from deskapp.store.engine import make_engine, sqlite_url
from deskapp.store.migrate import upgrade

PG_ENV = "DESKAPP_TEST_PG_URL"


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.fail(
            f"{PG_ENV} is not set: PostgreSQL tests need a server. Start one with\n"
            f'    eval "$(bash .ci/pg-start)"\n'
            f"(it exports {PG_ENV}), then run the tests again.",
            pytrace=False,
        )
    return url


def _psycopg_url(url: str):
    u = make_url(url)
    return u.set(drivername="postgresql+psycopg")


@pytest.fixture
def sqlite_db_url(tmp_path) -> str:
    """URL of a fresh (not yet created) SQLite file."""
    return sqlite_url(tmp_path / "deskapp.sqlite3")


@pytest.fixture
def sqlite_engine(sqlite_db_url):
    """Engine on a fresh SQLite file with the schema at head."""
    engine = make_engine(sqlite_db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_db_url():
    """URL (postgresql://...) of a fresh, empty database on the test server; dropped afterwards."""
    base = _psycopg_url(pg_admin_url())
    name = f"deskapp_t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # a server that is down is a failure too, with the reason
        admin.dispose()
        pytest.fail(f"cannot create a test database on {base.render_as_string()}: {exc}", pytrace=False)
    try:
        yield base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_engine(pg_db_url):
    """Engine on a fresh PostgreSQL database with the schema at head."""
    engine = make_engine(pg_db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend, request) -> str:
    """URL of a fresh empty database of either kind (parametrised: sqlite, pg)."""
    return request.getfixturevalue("sqlite_db_url" if backend == "sqlite" else "pg_db_url")


@pytest.fixture
def engine(backend, request):
    """Engine with the schema at head on either kind of database (parametrised: sqlite, pg)."""
    return request.getfixturevalue("sqlite_engine" if backend == "sqlite" else "pg_engine")
