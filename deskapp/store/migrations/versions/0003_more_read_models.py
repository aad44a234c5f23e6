"""read models: credits, claim notice, claims and disputes, deals, sanctions, today's rotation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id():
    return sa.Column("id", sa.Integer(), nullable=False, autoincrement=False)


def upgrade() -> None:
    op.create_table(
        "credits", _id(),
        sa.Column("holder", sa.String(40), nullable=False),
        sa.Column("rule", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("earned", sa.String(32), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_credits"),
    )
    op.create_table(
        "notice_entries", _id(),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("receiver", sa.String(40), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("claimant", sa.String(40), nullable=True),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_notice_entries"),
    )
    op.create_index("ix_notice_entries_date", "notice_entries", ["date"])
    op.create_table(
        "claims", _id(),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("claimant", sa.String(40), nullable=False),
        sa.Column("same_as", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("against", sa.String(40), nullable=True),
        sa.Column("proposed", sa.String(40), nullable=True),
        sa.Column("decision", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("ruled_by", sa.String(40), nullable=True),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    op.create_index("ix_claims_status", "claims", ["status"])
    op.create_table(
        "deals", _id(),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("closer", sa.String(40), nullable=True),
        sa.Column("contract_name", sa.Text(), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("credit", sa.String(40), nullable=True),
        sa.Column("split", sa.Text(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deals"),
    )
    op.create_index("ix_deals_customer", "deals", ["customer_id"])
    op.create_table(
        "sanctions", _id(),
        sa.Column("who", sa.String(40), nullable=False),
        sa.Column("rule", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("yuan", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("start", sa.String(10), nullable=True),
        sa.Column("end", sa.String(10), nullable=True),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sanctions"),
    )
    op.create_table(
        "rotation", _id(),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("staff", sa.String(40), nullable=False),
        sa.Column("at_pointer", sa.Boolean(), nullable=False),
        sa.Column("stepped_out", sa.String(10), nullable=True),
        sa.Column("owes_turn", sa.Integer(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rotation"),
    )
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    for table in ("rotation", "sanctions", "deals", "claims", "notice_entries", "credits"):
        op.drop_table(table)
