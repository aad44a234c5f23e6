"""journal, meta, office_lock; append-only triggers

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
    "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END",
    "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
    "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END",
)

PG_TRIGGERS = (
    """
    CREATE OR REPLACE FUNCTION deskapp_journal_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'journal is append-only (% refused)', TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
    "FOR EACH ROW EXECUTE FUNCTION deskapp_journal_append_only()",
    "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
    "FOR EACH ROW EXECUTE FUNCTION deskapp_journal_append_only()",
    "CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal "
    "FOR EACH STATEMENT EXECUTE FUNCTION deskapp_journal_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False,
                  autoincrement=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("station", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_journal"),
        sa.UniqueConstraint("hash", name="uq_journal_hash"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "office_lock",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("name", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_office_lock"),
    )

    bind = op.get_bind()
    statements = SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else PG_TRIGGERS
    for stmt in statements:
        op.execute(stmt)

    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(meta, [
        {"key": "app", "value": "deskapp"},
        {"key": "schema_version", "value": "1"},
        {"key": "office_id", "value": uuid.uuid4().hex},
    ])
    office_lock = sa.table("office_lock", sa.column("id", sa.Integer), sa.column("name", sa.Text))
    op.bulk_insert(office_lock, [{"id": 1, "name": ""}])


def downgrade() -> None:
    bind = op.get_bind()
    # The journal is the truth: never drop one that holds facts.
    if bind.execute(sa.text("SELECT count(*) FROM journal")).scalar():
        raise RuntimeError("refusing to downgrade below 0001: the journal is not empty")
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS journal_no_update")
        op.execute("DROP TRIGGER IF EXISTS journal_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS journal_no_update ON journal")
        op.execute("DROP TRIGGER IF EXISTS journal_no_delete ON journal")
        op.execute("DROP TRIGGER IF EXISTS journal_no_truncate ON journal")
        op.execute("DROP FUNCTION IF EXISTS deskapp_journal_append_only()")
    op.drop_table("office_lock")
    op.drop_table("meta")
    op.drop_table("journal")
