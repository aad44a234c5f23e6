"""Read models derived from the journal in the same transaction: the visit book, customers, follow-ups.

Each row carries `seq`, the journal entry that last wrote it, so `deskapp verify` can name the entry a
changed row no longer matches. Search reads `customers` through indexes (phone, reversed phone for
tails, name, pinyin full and initials); the board reads today's `visits` by their `day` index.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text

from .schema import SEQ_TYPE, metadata

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False, server_default=""),
    Column("phone", String(20), nullable=False, server_default=""),
    Column("phone_rev", String(20), nullable=False, server_default=""),
    Column("phones", Text, nullable=False, server_default=""),
    Column("pinyin", String(80), nullable=False, server_default=""),
    Column("initials", String(20), nullable=False, server_default=""),
    Column("owner", String(40), nullable=True),
    Column("owner_rule", String(8), nullable=True),
    Column("source", String(24), nullable=False, server_default="walk_in"),
    Column("has_deal", Boolean, nullable=False, server_default="0"),
    Column("same_as", Text, nullable=False, server_default=""),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_customers_phone", customers.c.phone)
Index("ix_customers_phone_rev", customers.c.phone_rev)
Index("ix_customers_name", customers.c.name)
Index("ix_customers_pinyin", customers.c.pinyin)
Index("ix_customers_initials", customers.c.initials)

visits = Table(
    "visits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False),
    Column("day", String(10), nullable=False),
    Column("at", String(32), nullable=False),
    Column("receiver", String(40), nullable=True),
    Column("kind", String(12), nullable=False),
    Column("turn", String(10), nullable=False),
    Column("registered", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("amended", Boolean, nullable=False),
    Column("rules", Text, nullable=False, server_default=""),
    Column("explanation", Text, nullable=False, server_default=""),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_visits_day", visits.c.day)
Index("ix_visits_customer", visits.c.customer_id)

followups = Table(
    "followups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("who", String(40), nullable=False),
    Column("customer_id", Integer, nullable=False),
    Column("date", String(10), nullable=False),
    Column("amended", Boolean, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_followups_customer", followups.c.customer_id)

READ_MODELS = (customers, visits, followups)
