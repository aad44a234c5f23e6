"""read models: customers, visits, followups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("name", sa.Text(), nullable=False, server_default=""),
        sa.Column("phone", sa.String(20), nullable=False, server_default=""),
        sa.Column("phone_rev", sa.String(20), nullable=False, server_default=""),
        sa.Column("phones", sa.Text(), nullable=False, server_default=""),
        sa.Column("pinyin", sa.String(80), nullable=False, server_default=""),
        sa.Column("initials", sa.String(20), nullable=False, server_default=""),
        sa.Column("owner", sa.String(40), nullable=True),
        sa.Column("owner_rule", sa.String(8), nullable=True),
        sa.Column("source", sa.String(24), nullable=False, server_default="walk_in"),
        sa.Column("has_deal", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("same_as", sa.Text(), nullable=False, server_default=""),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
    )
    for col in ("phone", "phone_rev", "name", "pinyin", "initials"):
        op.create_index(f"ix_customers_{col}", "customers", [col])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("receiver", sa.String(40), nullable=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("turn", sa.String(10), nullable=False),
        sa.Column("registered", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("amended", sa.Boolean(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False, server_default=""),
        sa.Column("explanation", sa.Text(), nullable=False, server_default=""),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
    )
    op.create_index("ix_visits_day", "visits", ["day"])
    op.create_index("ix_visits_customer", "visits", ["customer_id"])
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("who", sa.String(40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("amended", sa.Boolean(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_followups"),
    )
    op.create_index("ix_followups_customer", "followups", ["customer_id"])
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("followups")
    op.drop_table("visits")
    op.drop_table("customers")
