"""read models carry the whole customer, visit and follow-up; customer_phones

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("customers") as t:
        t.add_column(sa.Column("alias", sa.String(80), nullable=True))
        t.add_column(sa.Column("owner_since", sa.String(32), nullable=True))
        t.add_column(sa.Column("family_of", sa.Integer(), nullable=True))
        t.add_column(sa.Column("relation", sa.String(10), nullable=True))
        t.add_column(sa.Column("referred_by", sa.Integer(), nullable=True))
        t.add_column(sa.Column("competitor", sa.Boolean(), nullable=False, server_default="0"))
        t.add_column(sa.Column("created", sa.String(32), nullable=True))
    op.create_index("ix_customers_alias", "customers", ["alias"])
    op.create_index("ix_customers_family_of", "customers", ["family_of"])
    op.create_index("ix_customers_owner", "customers", ["owner"])
    with op.batch_alter_table("visits") as t:
        t.add_column(sa.Column("first_visit", sa.Boolean(), nullable=True))
        t.add_column(sa.Column("contacted_by", sa.String(40), nullable=True))
        t.add_column(sa.Column("names", sa.String(40), nullable=True))
        t.add_column(sa.Column("source", sa.String(24), nullable=False, server_default="walk_in"))
        t.add_column(sa.Column("pending_owner", sa.String(40), nullable=True))
        t.add_column(sa.Column("on_behalf_of", sa.String(40), nullable=True))
        t.add_column(sa.Column("assist", sa.String(40), nullable=True))
        t.add_column(sa.Column("refused_by", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("corrections", sa.Text(), nullable=False, server_default="[]"))
        t.add_column(sa.Column("explanation_en", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("ended", sa.String(32), nullable=True))
    with op.batch_alter_table("followups") as t:
        t.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("corrections", sa.Text(), nullable=False, server_default="[]"))
    op.create_table(
        "customer_phones",
        sa.Column("id", sa.String(20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_phones"),
    )
    op.create_index("ix_customer_phones_customer", "customer_phones", ["customer_id"])
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("customer_phones")
    op.drop_index("ix_customers_owner", "customers")
    op.drop_index("ix_customers_family_of", "customers")
    op.drop_index("ix_customers_alias", "customers")
    with op.batch_alter_table("followups") as t:
        for c in ("corrections", "note"):
            t.drop_column(c)
    with op.batch_alter_table("visits") as t:
        for c in ("ended", "explanation_en", "corrections", "refused_by", "assist", "on_behalf_of", "pending_owner",
                  "source", "names", "contacted_by", "first_visit"):
            t.drop_column(c)
    with op.batch_alter_table("customers") as t:
        for c in ("created", "competitor", "referred_by", "relation", "family_of", "owner_since", "alias"):
            t.drop_column(c)
