"""Read models derived from the journal in the same transaction: the visit book, customers, follow-ups.

Each row carries `seq`, the journal entry that last wrote it, so `deskapp verify` can name the entry a
changed row no longer matches. Search reads `customers` through indexes (phone, reversed phone for
tails, name, pinyin full and initials); the board reads today's `visits` by their `day` index.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, LargeBinary, String, Table, Text

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
    # 0004: the rest of the customer's state, so a customer can be rebuilt from its row
    Column("alias", String(80), nullable=True),
    Column("owner_since", String(32), nullable=True),
    Column("family_of", Integer, nullable=True),
    Column("relation", String(10), nullable=True),
    Column("referred_by", Integer, nullable=True),
    Column("competitor", Boolean, nullable=False, server_default="0"),
    Column("created", String(32), nullable=True),
    # 0005: when the customer was last received (the latest visit recorded), shown by every search hit
    Column("last_visit", String(32), nullable=True),
)
# 0005: partial, so a customer without a family link costs no write here
Index("ix_customers_family_of", customers.c.family_of, sqlite_where=customers.c.family_of.isnot(None),
      postgresql_where=customers.c.family_of.isnot(None))
Index("ix_customers_owner", customers.c.owner)
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
    # 0004: the rest of the visit's state (the R2 answers among it)
    Column("first_visit", Boolean, nullable=True),
    Column("contacted_by", String(40), nullable=True),
    Column("names", String(40), nullable=True),
    Column("source", String(24), nullable=False, server_default="walk_in"),
    Column("pending_owner", String(40), nullable=True),
    Column("on_behalf_of", String(40), nullable=True),
    Column("assist", String(40), nullable=True),
    Column("refused_by", Text, nullable=False, server_default=""),
    Column("corrections", Text, nullable=False, server_default="[]"),
    Column("explanation_en", Text, nullable=False, server_default=""),
    Column("ended", String(32), nullable=True),
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
    Column("note", Text, nullable=False, server_default=""),  # 0004
    Column("corrections", Text, nullable=False, server_default="[]"),  # 0004
)
Index("ix_followups_customer", followups.c.customer_id)

customer_phones = Table(
    "customer_phones",  # every number a customer is known by (a confirmed new phone is added, R2 / mechanics 21)
    metadata,
    Column("id", String(20), primary_key=True),  # the normalised phone
    Column("customer_id", Integer, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
    sqlite_with_rowid=False,  # 0005: the phone is the b-tree's key (one b-tree to write, not a table + its index)
)


credits = Table(
    "credits",  # make-up credits held now (R4, R2, R12, R20; R6 by hand)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("holder", String(40), nullable=False),
    Column("rule", String(8), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("earned", String(32), nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
)

notice_entries = Table(
    "notice_entries",  # the daily claim notice (R20)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("date", String(10), nullable=False),
    Column("customer_id", Integer, nullable=False),
    Column("visit_id", Integer, nullable=False),
    Column("receiver", String(40), nullable=True),
    Column("status", String(12), nullable=False),
    Column("claimant", String(40), nullable=True),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_notice_entries_date", notice_entries.c.date)

claims = Table(
    "claims",  # claims against the notice (R20) and disputes (R16, R17, R22), with their rulings (R32)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(8), nullable=False),
    Column("customer_id", Integer, nullable=False),
    Column("claimant", String(40), nullable=False),
    Column("same_as", Integer, nullable=True),
    Column("at", String(32), nullable=False),
    Column("status", String(8), nullable=False),
    Column("against", String(40), nullable=True),
    Column("proposed", String(40), nullable=True),
    Column("decision", String(40), nullable=True),
    Column("reason", Text, nullable=False, server_default=""),
    Column("ruled_by", String(40), nullable=True),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_claims_status", claims.c.status)

deals = Table(
    "deals",  # performance credit and commission split (R16, R22)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False),
    Column("closer", String(40), nullable=True),
    Column("contract_name", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("credit", String(40), nullable=True),
    Column("split", Text, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_deals_customer", deals.c.customer_id)

sanctions = Table(
    "sanctions",  # R18 suspensions, R28 absences, R33 fines
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("who", String(40), nullable=False),
    Column("rule", String(8), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("days", Integer, nullable=True),
    Column("yuan", Integer, nullable=True),
    Column("at", String(32), nullable=False),
    Column("start", String(10), nullable=True),
    Column("end", String(10), nullable=True),
    Column("seq", SEQ_TYPE, nullable=False),
)

rotation = Table(
    "rotation",  # today's rotation, in order; rewritten whole by every command (a handful of rows)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # position, 0-based
    Column("day", String(10), nullable=False),
    Column("staff", String(40), nullable=False),
    Column("at_pointer", Boolean, nullable=False),
    Column("stepped_out", String(10), nullable=True),
    Column("owes_turn", Integer, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
)

READ_MODELS = (customers, customer_phones, visits, followups, credits, notice_entries, claims, deals, sanctions, rotation)

# 0005: what lets the service start without replaying the journal (deskapp.services.hotstate)
customer_refs = Table(
    "customer_refs",  # a customer's name or alias -> the customer it points at (the latest wins)
    metadata,
    Column("id", Text, primary_key=True),
    Column("customer_id", Integer, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
    sqlite_with_rowid=False,
)

hot_state = Table(
    "hot_state",  # the office's in-memory state after journal entry `seq` (1), its staff list (2), the board (3)
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", SEQ_TYPE, nullable=False),
    Column("blob", LargeBinary, nullable=False),
)

hot_records = Table(
    "hot_records",  # credits held, notice entries, claims, deals, sanctions as the rules hold them
    metadata,
    Column("kind", String(12), primary_key=True),
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("day", String(10), nullable=True),
    Column("live", Boolean, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
    Column("blob", LargeBinary, nullable=False),
)
Index("ix_hot_records_live", hot_records.c.kind, hot_records.c.live, hot_records.c.day)

day_tallies = Table(
    "day_tallies",  # per day and consultant, what only the decisions tell: skips and make-up credits earned
    metadata,
    Column("id", String(60), primary_key=True),  # "<day>|<staff key>"
    Column("day", String(10), nullable=False),
    Column("who", String(40), nullable=False),
    Column("skips_credit", Integer, nullable=False),
    Column("skips_plain", Integer, nullable=False),
    Column("earned", Integer, nullable=False),
    Column("seq", SEQ_TYPE, nullable=False),
)
Index("ix_day_tallies_day", day_tallies.c.day)
Index("ix_followups_date", followups.c.date)

READ_MODELS = READ_MODELS + (customer_refs, day_tallies)
HOT_TABLES = (hot_state, hot_records)
