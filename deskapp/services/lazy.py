"""Store-backed collections behind the rulebook's lookups, so the office never holds its whole history.

The rules read ``office.customers[cid]``, ``office.by_phone.get(phone)``, ``office.customer_visits.get(cid,
[])`` and so on. On a persistent office those attributes are the mappings below: a lookup goes to the read
models' indexes once, then the record stays in an identity map (one object per record while it is cached),
so the rules mutate it in place exactly as they do on a plain dict. Writes land in the cache; the service
writes the rows in the same transaction (the office's dirty sets) and may drop the caches between commands
(``trim``), since every row is then in the database.

Stdlib only (plus a DB-API connection handed in by the service): nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator

from deskapp.services.rows import customer_from_row, followup_from_row, visit_from_row

_MISSING = object()
TRIM_ABOVE = 20_000  # cached records kept between commands before the caches are dropped


class Source:
    """Runs read-model queries on the current transaction's connection, or on a short-lived one.

    `conn` is set by the service while a command runs (an SQLAlchemy Connection inside the office lock);
    otherwise each query borrows a pooled connection. SQL is written with ``?`` placeholders.
    """

    def __init__(self, engine):
        self.engine = engine
        self.conn = None
        self.pyformat = engine.dialect.paramstyle != "qmark"  # psycopg takes %s where SQLite takes ?

    def query(self, sql: str, params: tuple = ()) -> list[dict]:
        if self.pyformat:
            sql = sql.replace("?", "%s")
        if self.conn is not None:
            return _run(self.conn.connection.dbapi_connection, sql, params)
        with self.engine.connect() as conn:
            return _run(conn.connection.dbapi_connection, sql, params)


def _run(dbapi_conn, sql: str, params: tuple) -> list[dict]:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


class LazyMap:
    """A dict-like identity map in front of a loader; only what the rules touch is ever in memory."""

    def __init__(self, load: Callable[[object], object]):
        self._load = load
        self._cache: dict = {}
        self._new: set = set()  # keys set here and not yet written to the store

    # ---- the dict protocol the domain uses
    def _get(self, key):
        try:
            return self._cache[key]
        except KeyError:
            pass
        value = self._load(key)
        if value is not _MISSING:
            self._cache[key] = value
        return value

    def __getitem__(self, key):
        value = self._get(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._get(key)
        return default if value is _MISSING else value

    def __contains__(self, key) -> bool:
        return self._get(key) is not _MISSING

    def __setitem__(self, key, value) -> None:
        if key not in self._cache:
            self._new.add(key)
        self._cache[key] = value

    def setdefault(self, key, default):
        value = self._get(key)
        if value is _MISSING:
            self[key] = default
            return default
        return value

    def __bool__(self) -> bool:
        raise TypeError("a store-backed mapping has no cheap truth value: test a key with `in`")

    # ---- bookkeeping
    def flushed(self) -> None:
        """The rows of everything set here are written (same transaction)."""
        self._new.clear()

    def drop_cache(self) -> None:
        self._cache.clear()
        self._new.clear()

    def cached(self) -> int:
        return len(self._cache)

    def fork(self):
        """A shallow copy (the preview's undo point): its own cache dict, the same records."""
        new = copy.copy(self)
        new._cache = dict(self._cache)
        new._new = set(self._new)
        return new

    def __deepcopy__(self, memo):
        new = copy.copy(self)
        new._cache = copy.deepcopy(self._cache, memo)
        new._new = set(self._new)
        return new


class RecordMap(LazyMap):
    """customers / visits / follow-ups by id, with whole-table iteration for reports and exports.

    Iterating reads the table in id order and yields the cached object where there is one (records
    read only for the iteration are not kept); records created in this transaction and not yet written
    come last.
    """

    def __init__(self, load, scan: Callable[[], Iterator], count: Callable[[], int]):
        super().__init__(load)
        self._scan = scan
        self._count = count

    def values(self):
        seen = set()
        for rec in self._scan():
            seen.add(rec.id)
            yield self._cache.get(rec.id, rec)
        for key in sorted(self._new):
            if key not in seen:
                yield self._cache[key]

    def __iter__(self):
        return (rec.id for rec in self.values())

    def keys(self):
        return iter(self)

    def items(self):
        return ((rec.id, rec) for rec in self.values())

    def __len__(self) -> int:
        return self._count() + len(self._new)

    def __bool__(self) -> bool:
        return len(self) > 0

    def select(self, rows: Iterator, match: Callable, key: Callable) -> list:
        """Records built from `rows` (a query's), each the cached object where there is one, plus the
        records created in this transaction that `match`; sorted by `key`."""
        out = {}
        for rec in rows:
            cached = self._cache.get(rec.id)
            if cached is None or match(cached):
                out[rec.id] = cached or rec
        for k in self._new:
            rec = self._cache[k]
            if match(rec):
                out[rec.id] = rec
        return sorted(out.values(), key=key)


class LazyFollowUps:
    """`office.followups` (every follow-up, in order) over the follow-ups table."""

    def __init__(self, office):
        self._office = office

    def append(self, rec) -> None:  # the record is in followups_by_id already (ClaimsMixin)
        self._office.followups_by_id[rec.id] = rec

    def __iter__(self):
        return iter(self._office.followups_by_id.values())

    def __len__(self) -> int:
        return len(self._office.followups_by_id)

    def fork(self):
        return self

    def __deepcopy__(self, memo):
        return self


class StoreQueries:
    """The office's queries over its whole record (deskapp.domain.state: owned_by, visits_between...),
    answered from the read models' indexes. Records already held are handed out as those objects, and
    the ones this transaction created and has not written yet are included."""

    def __init__(self, query, office):
        self._q = query
        self._office = office

    def __deepcopy__(self, memo):  # an undo point of the office (Office.preview) keeps the same store
        return self

    def owned_by(self, key: str) -> list:
        customers = self._office.customers  # the office's current map (a preview swaps in a fork)
        ids = {r["id"] for r in self._q("SELECT id FROM customers WHERE owner = ?", (key,))}
        ids |= {cid for cid, cust in customers._cache.items() if cust.owner == key}
        return [cust for cust in (customers[cid] for cid in sorted(ids)) if cust.owner == key]

    def visits_between(self, start, end) -> list:
        rows = self._q("SELECT * FROM visits WHERE day >= ? AND day <= ?", (start.isoformat(), end.isoformat()))
        return self._office.visits.select(map(visit_from_row, rows), lambda v: start <= v.at.date() <= end,
                                          lambda v: (v.at, v.id))

    def followups_between(self, start, end) -> list:
        rows = self._q("SELECT * FROM followups WHERE date >= ? AND date <= ?", (start.isoformat(), end.isoformat()))
        return self._office.followups_by_id.select(map(followup_from_row, rows), lambda f: start <= f.date <= end,
                                                   lambda f: (f.date, f.id))

    def record_span(self):
        row = self._q("SELECT min(d) AS lo, max(d) AS hi FROM (SELECT min(day) AS d FROM visits UNION ALL "
                      "SELECT max(day) FROM visits UNION ALL SELECT min(date) FROM followups UNION ALL "
                      "SELECT max(date) FROM followups) AS s")[0]
        office = self._office
        days = [dt.date.fromisoformat(d) for d in (row["lo"], row["hi"]) if d]
        days += [office.visits._cache[k].at.date() for k in office.visits._new]
        days += [office.followups_by_id._cache[k].date for k in office.followups_by_id._new]
        return (min(days), max(days)) if days else None

    def created_at(self, when, owner: str) -> list:
        rows = self._q("SELECT * FROM customers WHERE owner = ? AND created = ?", (owner, when.isoformat()))
        return self._office.customers.select(map(customer_from_row, rows),
                                             lambda c: c.created == when and c.owner == owner, lambda c: c.id)

    def notice_on(self, date) -> list:
        """The day's entries as the store has them (the office holds only today's and open ones)."""
        from deskapp.domain.model import NoticeEntry

        return [NoticeEntry(r["id"], dt.date.fromisoformat(r["date"]), r["customer_id"], r["visit_id"], r["receiver"],
                            r["status"], r["claimant"])
                for r in self._q("SELECT * FROM notice_entries WHERE date = ? ORDER BY id", (date.isoformat(),))]


LAZY_ATTRS = ("store", "customers", "by_phone", "by_ref", "visits", "customer_visits", "followups", "followups_of",
              "followups_by_id", "family_of_rev")


def attach(office, source: Source, seed: dict | None = None) -> None:
    """Put the store-backed collections on `office` (seeded with records already loaded: `seed` maps an
    attribute name to a dict)."""
    q = source.query

    def one(sql, build):
        def load(key):
            rows = q(sql, (key,))
            return build(rows[0]) if rows else _MISSING
        return load

    def scan(sql, build):
        def run():
            for row in q(sql):
                yield build(row)
        return run

    def count(table):
        return lambda: q(f"SELECT count(*) AS n FROM {table}")[0]["n"]

    customers = RecordMap(one("SELECT * FROM customers WHERE id = ?", customer_from_row),
                          scan("SELECT * FROM customers ORDER BY id", customer_from_row), count("customers"))

    def load_visit(vid):
        active = office._active.get(vid)  # a reception in progress is one object in both places
        if active is not None:
            return active
        rows = q("SELECT * FROM visits WHERE id = ?", (vid,))
        return visit_from_row(rows[0]) if rows else _MISSING

    visits = RecordMap(load_visit, scan("SELECT * FROM visits ORDER BY id", visit_from_row), count("visits"))

    def unwritten_customer(cid) -> bool:  # created by this command: nothing of it is in the store yet
        return cid in office.customers._new

    def ids_of(sql):
        def load(key):
            if unwritten_customer(key):
                return _MISSING
            ids = [r["id"] for r in q(sql, (key,))]
            return ids if ids else _MISSING
        return load

    followups_by_id = RecordMap(one("SELECT * FROM followups WHERE id = ?", followup_from_row),
                                scan("SELECT * FROM followups ORDER BY id", followup_from_row), count("followups"))

    def load_followups_of(cid):
        if unwritten_customer(cid):
            return _MISSING
        rows = q("SELECT * FROM followups WHERE customer_id = ? ORDER BY id", (cid,))
        if not rows:
            return _MISSING
        out = []
        cache = office.followups_by_id._cache  # one object per follow-up in both maps
        for row in rows:
            rec = cache.get(row["id"])
            if rec is None:
                rec = followup_from_row(row)
                cache[rec.id] = rec
            out.append(rec)
        return out

    def column(sql, name):
        def load(key):
            rows = q(sql, (key,))
            return rows[0][name] if rows else _MISSING
        return load

    office.store = StoreQueries(q, office)
    office.customers = customers
    office.visits = visits
    office.followups_by_id = followups_by_id
    office.followups = LazyFollowUps(office)
    office.followups_of = LazyMap(load_followups_of)
    office.by_phone = LazyMap(column("SELECT customer_id FROM customer_phones WHERE id = ?", "customer_id"))
    office.by_ref = LazyMap(column("SELECT customer_id FROM customer_refs WHERE id = ?", "customer_id"))
    office.customer_visits = LazyMap(ids_of("SELECT id FROM visits WHERE customer_id = ? ORDER BY id"))
    office.family_of_rev = LazyMap(ids_of("SELECT id FROM customers WHERE family_of = ? ORDER BY id"))
    for name, records in (seed or {}).items():
        getattr(office, name)._cache.update(records)
    _pin_active(office)


def _pin_active(office) -> None:
    """The receptions in progress are the objects the rules mutate (through `office._active` as well as
    through `office.visits`): the visits map must hand out those very objects, never a copy read from
    the store."""
    office.visits._cache.update(office._active)


def is_lazy(office) -> bool:
    return isinstance(office.customers, LazyMap)


def flushed(office) -> None:
    """After the rows of a command are written: nothing in the caches is new any more."""
    for name in LAZY_ATTRS:
        value = getattr(office, name)
        if isinstance(value, LazyMap):
            value.flushed()


def trim(office, above: int | None = None) -> bool:
    """Drop the caches when they hold more than `above` records (default TRIM_ABOVE; only between
    commands, after a commit or a flush: every record is then in the store). Returns whether they were
    dropped."""
    above = TRIM_ABOVE if above is None else above
    maps = [getattr(office, name) for name in LAZY_ATTRS if isinstance(getattr(office, name), LazyMap)]
    if sum(m.cached() for m in maps) <= above:
        return False
    for m in maps:
        m.drop_cache()
    _pin_active(office)
    return True
