"""Benchmark database: N customers and ~1.05·N journal entries, exactly what deskapp would have written.

Every fact goes through the rulebook (``Office().execute(cmd, now)``): a few staff, years of
paper-era registrations imported with ``HistoricalVisit`` (≈5 % of them a returning visit of a known
customer), then today: the day opened, rest days, sign-ins and a morning of check-ins (``Arrive`` /
``Finish``), some receptions still in progress. Each accepted command becomes one journal entry
computed exactly as ``Journal.append`` computes it (canonical payload, ``entry_hash`` chained from 64
zeros) and the read-model rows that ``deskapp.services.persistence.write_read_models`` writes for
that command (the product's own function, run against :class:`ReadModelSink`) — only the writing is
done in bulk (one transaction, ``executemany``, last write of each row wins; read-model indexes
dropped during the load and re-created from their own DDL). The schema is created by ``deskapp.store.migrate.open_store``, the file ends in
WAL mode. ``deskapp verify`` therefore passes on it (``--verify`` checks that).

Usage::

    python tests/bench/generate.py --size 1000000            # prints the cached file's path
    python tests/bench/generate.py --size 2000 --verify      # generate and run deskapp's full verify
    python tests/bench/generate.py --size 5000 --out x.sqlite3

Cached as ``$DESKAPP_BENCH_CACHE`` (default ``~/.cache/deskapp-bench/``) /
``bench-n<N>-s<seed>-g<generator version>-r<schema revision>.sqlite3`` with a ``.json`` beside it
(counts, today's date, the time of the last entry, how long the generation took).
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deskapp.domain import Office  # noqa: E402
from deskapp.domain import commands as c  # noqa: E402
from deskapp.services.persistence import COMMAND_KIND, decision_summary  # noqa: E402
from deskapp.store.journal import ZERO_HASH, canonical_at, canonical_json, entry_hash  # noqa: E402

GEN_VERSION = 12
DEFAULT_SEED = 1
TODAY = dt.date(2025, 6, 2)  # a Monday; fixed so that a cached database is the same on any day
HISTORY_DAYS = 3 * 365
REPEAT_FRACTION = 0.05  # share of history entries that are a known customer's return visit
TODAY_ARRIVALS = 40
STATION = "desk-1"
SYSTEM = "__system__"
DESK, SUP = "desk", "sup"
BATCH = 20_000

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_WEIGHTS = tuple(100.0 / (i + 4) for i in range(len(SURNAMES)))  # 王/李/张/刘/陈 dominate
GIVEN_COMMON = tuple(
    "伟 强 磊 军 勇 杰 涛 斌 超 鹏 浩 宇 凯 健 俊 帆 峰 刚 亮 辉 芳 娜 敏 静 丽 艳 娟 霞 婷 雪 莉 琳 洁 倩 颖 "
    "建国 建华 建军 志强 志明 志刚 国强 国庆 海涛 海波 文博 文杰 晓东 晓明 晓峰 俊杰 浩然 宇航 子豪 子轩 "
    "梓豪 皓轩 一鸣 天宇 明轩 家豪 嘉伟 振华 立新 永刚 永强 红军 卫东 德华 学军 春生 金龙 成刚 志伟 建平 "
    "秀英 秀兰 桂英 丽娟 丽华 丽萍 玉兰 玉梅 淑珍 淑华 春梅 海燕 晓燕 晓丽 晓红 雪梅 红梅 美玲 美华 慧敏 "
    "佳怡 思琪 欣怡 雨涵 梓涵 诗涵 子涵 可馨 雅琪 婉婷 静怡 梦瑶 晓雯 佳慧 嘉怡 若曦 雨萱 紫涵 文静 秀珍".split()
)
# Characters common in given names: two of them make the long tail of names a visit book shows.
GIVEN_CHARS = (
    "伟强磊军勇杰涛斌超鹏浩宇凯健俊帆峰刚亮辉芳娜敏静丽艳娟霞婷雪莉琳洁倩颖明华国建志文晓海春秀玉桂英兰梅红燕"
    "丹平立新永德金荣云飞家嘉子梓思雨欣佳怡诗涵博轩泽睿晨阳一天成宏振兴光辰瑞祥福安宁和顺利达庆龙凤"
)
MOBILE_PREFIXES = tuple(
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 158 159 166 "
    "170 171 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 195 198 199".split()
)
# key, name, role, team: the consultants first (four teams of six, the first of each leads it)
STAFF: tuple[tuple[str, str, str, str | None], ...] = tuple(
    (f"c{i:02d}", n, "team_leader" if (i - 1) % 6 == 0 else "consultant", f"T{(i - 1) // 6 + 1}")
    for i, n in enumerate(
        ("张晓峰", "李婷", "王浩然", "刘思琪", "陈志强", "杨雪", "赵子豪", "黄佳怡", "吴建国", "周敏", "孙宇航", "林晓燕",
         "郑凯", "梁静怡", "谢文博", "宋雨涵", "唐俊杰", "许丽娟", "韩天宇", "冯梦瑶", "邓建华", "曹欣怡", "彭志刚", "曾若曦"),
        start=1)
) + (
    (DESK, "许静", "receptionist", None),
    (SUP, "郭振华", "supervisor", None),
    ("salesmgr", "何俊", "sales_manager", None),
    ("sitemgr", "马立新", "site_manager", None),
    ("projmgr", "罗文斌", "project_manager", None),
)
CONSULTANTS = tuple(k for k, _, role, _ in STAFF if role in ("consultant", "team_leader"))
OFFICE_NAME = "翠湖天地售楼处"


def cache_dir() -> Path:
    return Path(os.environ.get("DESKAPP_BENCH_CACHE") or Path.home() / ".cache" / "deskapp-bench")


def schema_revision() -> str:
    from deskapp.store.migrate import head_revision

    return head_revision()


def cached_path(size: int, seed: int = DEFAULT_SEED, directory: Path | None = None) -> Path:
    d = directory or cache_dir()
    return d / f"bench-n{size}-s{seed}-g{GEN_VERSION}-r{schema_revision()}.sqlite3"


def info_path(db: Path) -> Path:
    return db.with_suffix(".json")


def load_info(db: Path) -> dict:
    return json.loads(info_path(db).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------- people

class People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.phones: set[str] = set()

    def phone(self) -> str:
        rng = self.rng
        while True:
            p = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def name(self) -> str:
        rng = self.rng
        sur = rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
        r = rng.random()
        if r < 0.04:  # gave only a surname at the desk
            return sur + ("女士" if rng.random() < 0.5 else "先生")
        if r < 0.55:
            return sur + rng.choice(GIVEN_COMMON)
        if r < 0.62:
            return sur + rng.choice(GIVEN_CHARS)
        return sur + rng.choice(GIVEN_CHARS) + rng.choice(GIVEN_CHARS)


# --------------------------------------------------------------------------------------- commands

def _history_times(rng: random.Random, total: int, first_day: dt.date, days: int):
    """`total` strictly increasing times spread over `days` working days (09:00-18:00)."""
    per_day = [0] * days
    for i in range(total):
        per_day[i * days // total] += 1
    for day_i, count in enumerate(per_day):
        if not count:
            continue
        base = dt.datetime.combine(first_day + dt.timedelta(days=day_i), dt.time(9, 0))
        step = 9 * 3600 / count
        for j in range(count):
            yield base + dt.timedelta(seconds=int(j * step + rng.random() * step * 0.9))


def commands(size: int, seed: int = DEFAULT_SEED, today: dt.date = TODAY):
    """Yield (command, now) in time order: setup, history, today. `size` customers in all."""
    rng = random.Random(seed)
    people = People(rng)
    t0 = dt.datetime.combine(today - dt.timedelta(days=HISTORY_DAYS + 10), dt.time(8, 0))
    for key, name, role, team in STAFF:
        yield c.AddStaff(key, name, role, team, actor=SYSTEM), t0
    yield c.SetOfficeInfo(OFFICE_NAME, "09:00", "18:00", actor=SYSTEM), t0

    new_today = min(TODAY_ARRIVALS, max(size // 10, 1))
    n_new = size - new_today
    n_repeat = int(n_new * REPEAT_FRACTION)
    total = n_new + n_repeat
    first_day = today - dt.timedelta(days=HISTORY_DAYS)
    known: list[tuple[str, str, str]] = []  # (name, phone, first receiver)
    left_new, left_repeat = n_new, n_repeat
    for at in _history_times(rng, total, first_day, HISTORY_DAYS):
        if known and left_repeat and rng.random() * (left_new + left_repeat) < left_repeat:
            left_repeat -= 1
            name, phone, owner = known[rng.randrange(len(known))]
            receiver = owner if rng.random() < 0.7 else rng.choice(CONSULTANTS)
        else:
            left_new -= 1
            name, phone, receiver = people.name(), people.phone(), rng.choice(CONSULTANTS)
            known.append((name, phone, receiver))
        yield c.HistoricalVisit(name, phone, at, receiver, actor=SYSTEM), at

    # today: open, rest days, sign-ins, a morning of check-ins (some still in progress)
    def at(h, m, s=0):
        return dt.datetime.combine(today, dt.time(h, m, s))

    yield c.OpenDay(today, actor=DESK), at(8, 0)
    cons = list(CONSULTANTS)
    resting = rng.sample(cons, 3)
    for i, k in enumerate(resting):
        yield c.Rest(k, actor=SUP), at(8, 2, i)
    working = [k for k in cons if k not in resting]
    rng.shuffle(working)
    t = at(8, 10)
    for k in working:
        t += dt.timedelta(seconds=rng.randint(20, 90))
        yield c.SignIn((k,), actor=k), t
    events: list = []
    for i in range(new_today):
        when = at(9, 0) + dt.timedelta(minutes=4 * i, seconds=rng.randint(0, 200))
        heapq.heappush(events, (when, 1, i, "arrive", people.name(), people.phone()))
    while events:
        when, _, i, what, name, phone = heapq.heappop(events)
        if what == "arrive":
            yield c.Arrive(c.Answers(first_visit=True, contacted_by=None), name, phone), when
            if i < new_today - 6:  # the last six are still being received
                heapq.heappush(events, (when + dt.timedelta(minutes=rng.randint(25, 70)), 0, i, "finish", name, phone))
        else:
            yield c.Finish(phone), when


# --------------------------------------------------------------------------------------- writing

class ReadModelSink:
    """Where ``persistence.write_read_models(out, ...)`` (and ``write_hot_state``) put their rows while
    generating: the final state of every row (by primary key, last write wins), written in bulk at each
    flush. The product's own function decides which rows each command writes (the same function the
    service and ``verify`` use); this only changes how they reach the file.
    """

    KEYS = {"hot_records": ("kind", "id")}  # tables whose primary key is not `id`

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.pending: dict[str, dict] = {}  # table -> key -> row (None: deleted)
        self._sql: dict[tuple, str] = {}
        self.tallies: dict[str, dict] = {}  # every day tally so far (a handful of rows per day)

    def upsert(self, table, rows) -> None:
        if rows:
            p = self.pending.setdefault(table.name, {})
            cols = self.KEYS.get(table.name)
            for r in rows:
                p[tuple(r[c] for c in cols) if cols else r["id"]] = r

    def delete(self, table, ids) -> None:
        p = self.pending.setdefault(table.name, {})
        for i in ids:
            p[i] = None

    def delete_records(self, kind: str, ids) -> None:
        p = self.pending.setdefault("hot_records", {})
        for i in ids:
            p[(kind, i)] = None

    def add_tallies(self, rows) -> None:
        from deskapp.services.persistence import sum_tallies

        sum_tallies(self.tallies, rows)
        p = self.pending.setdefault("day_tallies", {})
        for r in rows:
            p[r["id"]] = self.tallies[r["id"]]

    def flush(self) -> None:
        db = self.db
        for table, rows in self.pending.items():
            gone = [i if isinstance(i, tuple) else (i,) for i, r in rows.items() if r is None]
            if gone:
                where = " AND ".join(f"{c} = ?" for c in self.KEYS.get(table, ("id",)))
                db.executemany(f'DELETE FROM "{table}" WHERE {where}', gone)
            live = [r for r in rows.values() if r is not None]
            by_cols: dict[tuple, list] = {}
            for r in live:
                by_cols.setdefault(tuple(r), []).append(tuple(r.values()))
            for cols, values in by_cols.items():
                key = (table, cols)
                if key not in self._sql:
                    self._sql[key] = (f'INSERT OR REPLACE INTO "{table}" ({", ".join(cols)}) '
                                      f'VALUES ({", ".join("?" * len(cols))})')
                db.executemany(self._sql[key], values)
        self.pending = {}


def generate(path: str | os.PathLike, size: int, seed: int = DEFAULT_SEED, today: dt.date = TODAY,
             progress: bool = True) -> dict:
    """Write the benchmark database at `path` (replaced if present); returns its info dict."""
    from deskapp.services.persistence import RotationTracker, write_hot_state, write_read_models
    from deskapp.store import readmodels as rm
    from deskapp.store.engine import sqlite_url
    from deskapp.store.migrate import open_store

    if size < 200:
        raise ValueError("size must be at least 200")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()
    started = time.perf_counter()
    engine = open_store(sqlite_url(path))  # the schema, exactly as the app creates it
    engine.dispose()

    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    db.execute("PRAGMA temp_store=MEMORY")
    rm_tables = tuple(t.name for t in rm.READ_MODELS + rm.HOT_TABLES)
    index_ddl = [r for r in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(rm_tables))})", rm_tables)]
    db.execute("BEGIN")
    for name, _ in index_ddl:  # re-created from the same DDL after the load
        db.execute(f'DROP INDEX "{name}"')

    office = Office()
    j_sql = ("INSERT INTO journal (seq, at, station, actor, kind, payload, policy_version, prev_hash, hash) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    journal_rows: list[tuple] = []
    sink = ReadModelSink(db)

    prev = ZERO_HASH
    seq = 0
    last_at = None
    rotation = RotationTracker()
    tick = time.perf_counter()
    for cmd, now in commands(size, seed, today):
        decision = office.execute(cmd, now)  # a RuleError here is a generator bug: let it raise
        seq += 1
        # == Journal.append(conn, at=now, station, actor=cmd.actor or "desk", kind=COMMAND_KIND,
        #      payload={"command": ..., "decision": decision_summary(decision)}, policy_version=...)
        at_s = canonical_at(now)
        actor = cmd.actor or "desk"
        payload_json = canonical_json({"command": cmd.to_dict(), "decision": decision_summary(decision)})
        pv = int(decision.policy_version)
        h = entry_hash(prev, seq, at_s, STATION, actor, COMMAND_KIND, payload_json, pv)
        journal_rows.append((seq, at_s, STATION, actor, COMMAND_KIND, payload_json, pv, prev, h))
        prev = h
        last_at = now
        # the product's own writer, with its rule for today's rotation rows
        write_read_models(sink, office, seq, rotation, decision)
        if len(journal_rows) >= BATCH:
            db.executemany(j_sql, journal_rows)
            journal_rows.clear()
            sink.flush()
            if progress and time.perf_counter() - tick > 10:
                tick = time.perf_counter()
                print(f"  generate: {seq:,} entries, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    write_hot_state(sink, office, seq)  # what the service starts from (no replay)
    db.executemany(j_sql, journal_rows)
    sink.flush()
    t_rows = time.perf_counter()
    for _, ddl in index_ddl:
        db.execute(ddl)
    db.execute("COMMIT")
    t_index = time.perf_counter() - t_rows
    db.execute("PRAGMA journal_mode=WAL")
    n_customers = db.execute("SELECT count(*) FROM customers").fetchone()[0]
    n_visits = db.execute("SELECT count(*) FROM visits").fetchone()[0]
    db.close()
    info = {
        "size": size, "seed": seed, "generator": GEN_VERSION, "schema": schema_revision(),
        "entries": seq, "customers": n_customers, "visits": n_visits, "today": today.isoformat(),
        "last_at": last_at.isoformat(), "head_hash": prev, "station": STATION,
        "consultants": list(CONSULTANTS), "office_name": OFFICE_NAME,
        "gen_seconds": round(time.perf_counter() - started, 1), "index_seconds": round(t_index, 1),
        "file_bytes": path.stat().st_size,
    }
    if n_customers != size:
        raise RuntimeError(f"generated {n_customers} customers, wanted {size}")
    info_path(path).write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def ensure(size: int, seed: int = DEFAULT_SEED, directory: Path | None = None, progress: bool = True) -> Path:
    """The cached database for `size` (generated on first use; atomic rename so a crash leaves none)."""
    path = cached_path(size, seed, directory)
    if path.exists() and info_path(path).exists():
        return path
    tmp = path.with_name(path.stem + ".tmp.sqlite3")
    if progress:
        print(f"generating {size:,} customers into {path} ...", file=sys.stderr)
    info = generate(tmp, size, seed, progress=progress)
    info_path(tmp).rename(info_path(path))
    tmp.rename(path)
    for suffix in ("-wal", "-shm"):
        p = Path(str(tmp) + suffix)
        if p.exists():
            p.unlink()
    if progress:
        print(f"generated {info['entries']:,} journal entries, {info['customers']:,} customers in "
              f"{info['gen_seconds']} s ({info['file_bytes'] / 1e6:.0f} MB)", file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="customers (default 1,000,000)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", help="write here instead of the cache (always regenerated)")
    ap.add_argument("--cache-dir", help="cache directory (default $DESKAPP_BENCH_CACHE or ~/.cache/deskapp-bench)")
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    ap.add_argument("--verify", action="store_true", help="run deskapp's full verify (chain + read models) on it")
    args = ap.parse_args(argv)
    if args.out:
        info = generate(args.out, args.size, args.seed)
        path = Path(args.out)
        print(f"generated in {info['gen_seconds']} s: {info['entries']:,} entries", file=sys.stderr)
    else:
        directory = Path(args.cache_dir) if args.cache_dir else None
        if args.force:
            p = cached_path(args.size, args.seed, directory)
            for q in (p, info_path(p)):
                if q.exists():
                    q.unlink()
        path = ensure(args.size, args.seed, directory)
    if args.verify:
        from deskapp.services.persistence import verify
        from deskapp.store.engine import sqlite_url
        from deskapp.store.migrate import open_store

        engine = open_store(sqlite_url(path))
        t = time.perf_counter()
        report = verify(engine)
        engine.dispose()
        print(f"verify: {report.message} ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
        if not report.ok:
            return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
