"""customer_refs, hot_state, hot_records, customers.last_visit, day_tallies: no journal replay at start-up
or for the daily report

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

A database written before this revision has none of these rows: the service notices that the saved
state is missing and re-derives every read model from the journal once (persistence.rebuild).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("customers") as t:
        t.add_column(sa.Column("last_visit", sa.String(32), nullable=True))
    op.create_table(
        "customer_refs",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_refs"),
        sqlite_with_rowid=False,
    )
    # customer_phones keyed by the phone itself (SQLite: WITHOUT ROWID, one b-tree instead of a table plus
    # the primary key's index): rebuilt with its rows
    op.create_table(
        "customer_phones_new",
        sa.Column("id", sa.String(20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_phones_new"),
        sqlite_with_rowid=False,
    )
    op.execute("INSERT INTO customer_phones_new (id, customer_id, seq) SELECT id, customer_id, seq FROM customer_phones")
    op.drop_index("ix_customer_phones_customer", table_name="customer_phones")
    op.drop_table("customer_phones")
    op.rename_table("customer_phones_new", "customer_phones")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE customer_phones RENAME CONSTRAINT pk_customer_phones_new TO pk_customer_phones")
    # (its customer_id index is not re-created: nothing looks phones up by customer)
    op.drop_index("ix_customers_family_of", table_name="customers")
    op.create_index("ix_customers_family_of", "customers", ["family_of"],
                    sqlite_where=sa.text("family_of IS NOT NULL"), postgresql_where=sa.text("family_of IS NOT NULL"))
    op.create_table(
        "hot_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hot_state"),
    )
    op.create_table(
        "hot_records",
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.String(10), nullable=True),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "id", name="pk_hot_records"),
    )
    op.create_index("ix_hot_records_live", "hot_records", ["kind", "live", "day"])
    op.create_table(
        "day_tallies",
        sa.Column("id", sa.String(60), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("who", sa.String(40), nullable=False),
        sa.Column("skips_credit", sa.Integer(), nullable=False),
        sa.Column("skips_plain", sa.Integer(), nullable=False),
        sa.Column("earned", sa.Integer(), nullable=False),
        sa.Column("seq", SEQ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_day_tallies"),
    )
    op.create_index("ix_day_tallies_day", "day_tallies", ["day"])
    # Every index on customers costs each new customer a b-tree write: these two are no longer read (an
    # exact phone is found through phone_rev, names and aliases through customer_refs).
    op.drop_index("ix_customers_phone", table_name="customers")
    op.drop_index("ix_customers_alias", table_name="customers")
    op.create_index("ix_followups_date", "followups", ["date"])
    op.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.create_index("ix_customer_phones_customer", "customer_phones", ["customer_id"])
    op.drop_index("ix_followups_date", table_name="followups")
    op.create_index("ix_customers_alias", "customers", ["alias"])
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.drop_index("ix_day_tallies_day", table_name="day_tallies")
    op.drop_table("day_tallies")
    op.drop_index("ix_hot_records_live", table_name="hot_records")
    op.drop_table("hot_records")
    op.drop_table("hot_state")
    op.drop_table("customer_refs")
    with op.batch_alter_table("customers") as t:
        t.drop_column("last_visit")
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
