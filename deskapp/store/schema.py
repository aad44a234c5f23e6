"""Tables of the persistence foundation.

``metadata`` is shared: read-model tables (``deskapp/store/readmodels.py``) are declared on this same
MetaData so that one Alembic history covers them all. Every change to a table here or there needs a new
revision in ``deskapp/store/migrations/versions/`` (the migrations are the source of truth for the
database; this module must describe the same tables, which a test checks).

``journal`` is the truth (DESIGN.md): one row per fact, never updated or deleted (triggers refuse it),
``seq`` assigned by :class:`deskapp.store.journal.Journal` as head + 1, hash-chained.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "metadata",
    "journal",
    "meta",
    "office_lock",
    "SCHEMA_VERSION",
    "APP_MARKER",
    "SEQ_TYPE",
]

# Value of meta['schema_version'] written by the newest migration of this code (informative; the
# authoritative revision is alembic_version).
SCHEMA_VERSION = 5
# meta['app'] of every deskapp database (used to recognise one, e.g. before a restore).
APP_MARKER = "deskapp"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# BIGINT on PostgreSQL; on SQLite "INTEGER PRIMARY KEY" so that seq is the rowid (64-bit) and reading in
# seq order is a plain b-tree walk.
SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")

journal = Table(
    "journal",
    metadata,
    Column("seq", SEQ_TYPE, primary_key=True, autoincrement=False),
    # ISO 8601 text exactly as hashed (e.g. 2025-03-01T09:30:00+08:00)
    Column("at", Text, nullable=False),
    Column("station", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("kind", Text, nullable=False),
    # canonical JSON (deskapp.store.journal.canonical_json), exactly as hashed
    Column("payload", Text, nullable=False),
    Column("policy_version", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row per office (id=1 for the office of this database). Writers lock it with SELECT ... FOR UPDATE
# on PostgreSQL; on SQLite BEGIN IMMEDIATE already serialises writers.
office_lock = Table(
    "office_lock",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False, server_default=""),
)
