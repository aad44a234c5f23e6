"""deskapp's performance budgets (DESIGN.md "Performance budgets"), each against its floor, in one run.

    python tests/bench/run_bench.py [--size N] [--pg URL] [--repeat R] [--timeout S] [--only ROWS]

Prints one line per budget row::

    name  ours  floor  ratio  budget  PASS/FAIL

"ours" and "floor" are medians of repeated runs measured in the same run, interleaved where they can
be (a warm-up run of each is discarded; when one run of "ours" takes longer than --slow seconds, only
one more is measured). Every "ours" measurement runs in a child process killed after --timeout
seconds: the row then reads "timeout" and FAIL.

Rows
- startup: spawn -> interactive board (deskapp.app.start_gui: the board drawn before the service opens,
  processEvents until the board model has rows; offscreen), whole process; floor: a bare QApplication +
  QMainWindow with one QTableWidget, spawn -> shown. The discarded warm-up run is the first start on the
  copy: it draws from the saved office state and, once live, saves the board for the next start, so the
  measured runs are a desk re-opened on the state it closed with (the normal start of a day). A few
  more runs with the saved board deleted first (a start after a crash, or after another station wrote)
  are printed under "details".
- peak memory: ru_maxrss of that app process (budget < 400 MB; the floor process is shown for scale).
- check-in: PersistentOfficeService.handle(Arrive(first visit, fresh phone)) on the N-customer
  database, the median of --checkins (200, a busy day) after 10 discarded (the Finish that frees the
  consultant again is timed apart, shown under "details", as are the first 30 measured: right after the
  open, SQLite's write-ahead log grows with every commit until its first checkpoint);
  floor: BEGIN IMMEDIATE; one INSERT; COMMIT on a file with the same pragmas (WAL, synchronous=FULL),
  interleaved with ours.
- search (phone tail 4 digits, name prefix 1 character, pinyin initials 2 letters): service.search(text)
  (limit 50); floor: the same indexed range query (LIMIT 50) by hand with sqlite3; budget ≤ 2× and
  ours < 30 ms.
- claim notice: deskapp.reports.claim_notice.render of 200 rows; floor: the same 6-column table in bare
  reportlab platypus with the same TTF registered (both embed a subset).
- verify: `deskapp verify` (persistence.verify(full=False): the hash chain on every core + the saved
  state at the head) over the N-entry journal; `deskapp verify --full` (a replay compared with every
  row) is printed for information; floor: SHA-256 (hashlib, one
  loop, one core) of the same canonical entry messages, the bytes prepared outside the timing.
- with --pg URL: the check-in and search rows again on PostgreSQL (the same data copied into a fresh
  database on that server, dropped afterwards unless --keep).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MARK = "@@"  # worker result lines: '@@ {json}'
MB = 1024 * 1024

PHONE_TAIL_TEXTS = 8
NAME_TEXTS = ("王", "李", "张", "陈", "林", "周", "贺", "汤")
INITIALS_TEXTS = ("wj", "zl", "lx", "cy", "hm", "sh", "zw", "lj")


# ============================================================================ helpers (both sides)

def emit(**kw) -> None:
    print(MARK + " " + json.dumps(kw, ensure_ascii=False), flush=True)


def med(xs):
    return statistics.median(xs) if xs else None


def forget_saved_board(url: str) -> None:
    """Delete the board the desk saved for the next start (hot_state row 3, deskapp.services.board_snapshot)."""
    from deskapp.services.board_snapshot import ROW_ID, sqlite_file

    db = sqlite3.connect(str(sqlite_file(url)))
    try:
        db.execute("DELETE FROM hot_state WHERE id = ?", (ROW_ID,))
        db.commit()
    finally:
        db.close()


def child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if extra:
        env.update(extra)
    return env


# ============================================================================ workers (child side)

def sqlite_url(path) -> str:
    return "sqlite:///" + str(Path(path).resolve())


def _fresh_phones(rng: random.Random, exists, n: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        p = rng.choice(("136", "159", "177", "186", "199")) + f"{rng.randrange(10**8):08d}"
        if p in seen or exists(p):
            continue
        seen.add(p)
        out.append(p)
    return out


def worker_service(args) -> None:
    """check-in and search rows against one database (SQLite work copy, or PostgreSQL URL)."""
    import datetime as dt

    from deskapp.domain import commands as c
    from deskapp.services.persistence import PersistentOfficeService

    info = json.loads(Path(args.info).read_text(encoding="utf-8"))
    url = args.url
    is_pg = not url.startswith("sqlite")
    t = time.perf_counter()
    service = PersistentOfficeService(url)
    emit(kind="service_open", seconds=time.perf_counter() - t, head=service.head,
         customers=len(service.office.customers))

    # ---------------------------------------------------------------- floor connections
    if is_pg:
        import psycopg

        from deskapp.store.engine import resolve_url

        pg_url = resolve_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        fconn = psycopg.connect(pg_url, autocommit=True)
        fconn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, at text, payload text)")

        def floor_commit(payload: str) -> None:
            with fconn.transaction():
                fconn.execute("INSERT INTO bench_floor (at, payload) VALUES (%s, %s)", ("x", payload))

        def exists(phone: str) -> bool:
            return fconn.execute("SELECT 1 FROM customer_phones WHERE id = %s", (phone,)).fetchone() is not None

        def floor_query(sql: str, params) -> list:
            return fconn.execute(sql.replace("?", "%s"), params).fetchall()

        def plan(sql: str, params) -> str:
            rows = fconn.execute("EXPLAIN " + sql.replace("?", "%s"), params).fetchall()
            return " | ".join(r[0].strip() for r in rows)
    else:
        db_path = Path(url[len("sqlite:///"):])
        floor_db = db_path.with_name("floor-commit.sqlite3")
        fw = sqlite3.connect(str(floor_db), isolation_level=None)
        fw.execute("PRAGMA busy_timeout=30000")
        fw.execute("PRAGMA foreign_keys=ON")
        fw.execute("PRAGMA journal_mode=WAL")
        fw.execute("PRAGMA synchronous=FULL")
        fw.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, at TEXT, payload TEXT)")
        fr = sqlite3.connect(str(db_path), isolation_level=None)  # the floor's reader on the big DB
        fr.execute("PRAGMA busy_timeout=30000")

        def floor_commit(payload: str) -> None:
            fw.execute("BEGIN IMMEDIATE")
            fw.execute("INSERT INTO bench_floor (at, payload) VALUES (?, ?)", ("x", payload))
            fw.execute("COMMIT")

        def exists(phone: str) -> bool:
            return fr.execute("SELECT 1 FROM customer_phones WHERE id = ?", (phone,)).fetchone() is not None

        def floor_query(sql: str, params) -> list:
            return fr.execute(sql, params).fetchall()

        def plan(sql: str, params) -> str:
            return " | ".join(r[-1] for r in fr.execute("EXPLAIN QUERY PLAN " + sql, params))

    rng = random.Random(7)
    # ---------------------------------------------------------------- check-in
    if "checkin" in args.rows:
        n = args.checkins
        warm = 10  # the pinyin dictionaries, the first page reads
        phones = _fresh_phones(rng, exists, n + warm)
        start = max(dt.datetime.fromisoformat(info["last_at"]),
                    dt.datetime.combine(dt.date.fromisoformat(info["today"]), dt.time(12, 0)))
        start = max(start, service.office.now) + dt.timedelta(minutes=1)
        payload = "x" * 1000  # about one check-in's journal entry
        ours, floor, finish = [], [], []
        for i, phone in enumerate(phones):
            now = start + dt.timedelta(seconds=20 * i)
            t = time.perf_counter()
            floor_commit(payload)
            f = time.perf_counter() - t
            t = time.perf_counter()
            d = service.handle(c.Arrive(c.Answers(first_visit=True, contacted_by=None), f"测试{i}", phone), now)
            o = time.perf_counter() - t
            t = time.perf_counter()
            service.handle(c.Finish(phone), now + dt.timedelta(seconds=10))
            fi = time.perf_counter() - t
            if i >= warm:
                ours.append(o)
                floor.append(f)
                finish.append(fi)
            if i == 0 and not d.receiver:
                emit(kind="note", text=f"check-in went to the waiting list: {d.explanation_en}")
        emit(kind="checkin", ours=ours, floor=floor, finish=finish)

    # ---------------------------------------------------------------- search
    if "search" in args.rows:
        tails = []
        ids = [rng.randrange(1, info["customers"]) for _ in range(PHONE_TAIL_TEXTS * 4)]
        for cid in ids:
            row = floor_query("SELECT phone FROM customers WHERE id >= ? ORDER BY id LIMIT 1", (cid,))
            if row and row[0][0][-4:] not in tails:
                tails.append(row[0][0][-4:])
            if len(tails) == PHONE_TAIL_TEXTS:
                break
        cols = "id, name, phone, owner"
        hi = "\uffff"
        kinds = {
            "phone tail (4 digits)": (tails, lambda q: (
                f"SELECT {cols} FROM customers WHERE phone_rev >= ? AND phone_rev < ? LIMIT 50",
                (q[::-1], q[::-1] + hi))),
            "name prefix (1 char)": (list(NAME_TEXTS), lambda q: (
                f"SELECT {cols} FROM customers WHERE name >= ? AND name < ? LIMIT 50", (q, q + hi))),
            "pinyin initials (2 letters)": (list(INITIALS_TEXTS), lambda q: (
                f"SELECT {cols} FROM customers WHERE initials >= ? AND initials < ? LIMIT 50", (q, q + hi))),
        }
        for name, (texts, make) in kinds.items():
            ours, floor, hits = [], [], []
            for rnd in range(args.search_rounds + 1):  # round 0: warm-up
                for q in texts:
                    sql, params = make(q)
                    t = time.perf_counter()
                    got = floor_query(sql, params)
                    f = time.perf_counter() - t
                    t = time.perf_counter()
                    res = service.search(q)
                    o = time.perf_counter() - t
                    if rnd:
                        ours.append(o)
                        floor.append(f)
                        hits.append((len(res), len(got)))
            sql, params = make(texts[0])
            emit(kind="search", name=name, ours=ours, floor=floor, texts=texts,
                 hits=[h for h in hits[: len(texts)]], plan=plan(sql, params))
    close = getattr(service, "close", None)
    if callable(close):
        close()


def worker_notice(args) -> None:
    import datetime as dt

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from deskapp.reports import claim_notice
    from deskapp.reports.fonts import font_path
    from deskapp.reports.model import ClaimNotice, NoticeRow

    sys.path.insert(0, str(HERE))
    from generate import STAFF, People

    rng = random.Random(3)
    people = People(rng)
    names = [n for _, n, role, _ in STAFF if role in ("consultant", "team_leader")]
    rows = []
    t = dt.datetime(2025, 6, 2, 9, 0)
    for _ in range(200):
        t += dt.timedelta(seconds=rng.randint(60, 150))
        rows.append(NoticeRow(t.strftime("%H:%M"), people.name(), people.phone(), rng.choice(names),
                              "已有人认领，待裁决" if rng.random() < 0.03 else ""))
    notice = ClaimNotice("翠湖天地售楼处", dt.date(2025, 6, 2), "09:00", "18:00", tuple(rows),
                         printed_at=dt.datetime(2025, 6, 2, 9, 5))

    floor_font = "BenchFloorCJK"
    pdfmetrics.registerFont(TTFont(floor_font, str(font_path()), subfontIndex=0))
    widths = (42, 66, 100, 110, 84, 493 - 402)

    def floor_render(path: Path) -> None:
        data = [["序号", "来访时间", "客户姓名", "联系电话", "接待人员", "认领人签名"]]
        for i, r in enumerate(rows, start=1):
            data.append([str(i), r.time, r.customer_name, r.phone[:3] + "****" + r.phone[-4:], r.receiver_name,
                         r.claim_note])
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), floor_font, 14, 18),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ]))
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=20 * mm, bottomMargin=20 * mm)
        doc.build([table])

    tmp = Path(tempfile.mkdtemp(prefix="deskapp-bench-notice-"))
    ours, floor = [], []
    try:
        for i in range(args.repeat + 1):
            t = time.perf_counter()
            floor_render(tmp / f"floor-{i}.pdf")
            f = time.perf_counter() - t
            t = time.perf_counter()
            claim_notice.render(notice, tmp / f"ours-{i}.pdf")
            o = time.perf_counter() - t
            if i:
                ours.append(o)
                floor.append(f)
        sizes = {"ours_bytes": (tmp / "ours-1.pdf").stat().st_size, "floor_bytes": (tmp / "floor-1.pdf").stat().st_size}
        emit(kind="notice", ours=ours, floor=floor, **sizes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def worker_verify_floor(args) -> None:
    """SHA-256 of every entry's canonical message, bytes built outside the timing (chunked)."""
    import hashlib

    from deskapp.store.journal import entry_message

    db = sqlite3.connect(str(args.db), isolation_level=None)
    runs = []
    for i in range(args.repeat + 1):
        total = 0.0
        n = 0
        last = None
        cur = db.execute("SELECT seq, at, station, actor, kind, payload, policy_version, prev_hash, hash "
                         "FROM journal ORDER BY seq")
        while True:
            rows = cur.fetchmany(50_000)
            if not rows:
                break
            msgs = [entry_message(prev, seq, at, st, ac, k, p, pv).encode("utf-8")
                    for seq, at, st, ac, k, p, pv, prev, _h in rows]
            sha = hashlib.sha256
            t = time.perf_counter()
            for m in msgs:
                last = sha(m).hexdigest()
            total += time.perf_counter() - t
            n += len(msgs)
            if last != rows[-1][8]:
                raise SystemExit("floor: recomputed hash differs from the stored one")
        if i:
            runs.append(total)
        if i == 0 and total > args.slow:
            break
    emit(kind="verify_floor", floor=runs or [total], entries=n)


def worker_verify_chain(args) -> None:
    from deskapp.services.persistence import verify
    from deskapp.store.migrate import open_store

    engine = open_store(sqlite_url(args.db))
    runs = []
    for i in range(args.repeat + 1):
        t = time.perf_counter()
        r = verify(engine, full=False)  # what `deskapp verify` runs
        el = time.perf_counter() - t
        if not r.ok:
            raise SystemExit(f"verify failed: {r.message}")
        if i:
            runs.append(el)
        else:
            emit(kind="progress", row="verify_chain", warmup=el)
        if el > args.slow and len(runs) >= 1:
            break
    emit(kind="verify_chain", ours=runs, entries=r.count)


def worker_verify_full(args) -> None:
    import resource

    from deskapp.services.persistence import verify
    from deskapp.store.migrate import open_store

    engine = open_store(sqlite_url(args.db))
    runs = []
    for i in range(args.repeat + 1):
        t = time.perf_counter()
        r = verify(engine, full=True)
        el = time.perf_counter() - t
        if not r.ok:
            raise SystemExit(f"verify failed: {r.message}")
        if i:
            runs.append(el)
        else:
            emit(kind="progress", row="verify_full", warmup=el)
        if el > args.slow and len(runs) >= 1:
            break
    emit(kind="verify_full", ours=runs, entries=r.count,
         maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


WORKERS = {"service": worker_service, "notice": worker_notice, "verify_floor": worker_verify_floor,
           "verify_chain": worker_verify_chain, "verify_full": worker_verify_full}


# ============================================================================ parent side

class Timeout(Exception):
    pass


def run_child(cmd: list[str], timeout: float, on_line=None, log=None, env=None) -> tuple[float, list[str]]:
    """Run cmd; collect stdout lines; on_line(line, elapsed) may return True to stop waiting (the child is
    then killed). Returns (elapsed to stop or exit, lines). Raises Timeout after `timeout` s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log or subprocess.DEVNULL, text=True,
                            env=env or child_env(), cwd=str(ROOT), start_new_session=True, bufsize=1)
    q: queue.Queue = queue.Queue()

    def reader():
        for line in proc.stdout:
            q.put((time.perf_counter(), line.rstrip("\n")))
        q.put((time.perf_counter(), None))

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    lines: list[str] = []
    end = None
    try:
        while True:
            left = timeout - (time.perf_counter() - t0)
            if left <= 0:
                raise Timeout()
            try:
                when, line = q.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if line is None:
                proc.wait()
                end = when
                break
            lines.append(line)
            if on_line is not None and on_line(line, when - t0):
                end = when
                break
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    if proc.returncode not in (0, None, -9) and end is not None and not any(x.startswith(("READY", MARK)) for x in lines):
        raise RuntimeError(f"{cmd[1:3]} exited with {proc.returncode}")
    return end - t0, lines


class Bench:
    def __init__(self, args):
        self.args = args
        self.results: list[dict] = []  # table rows
        self.details: list[str] = []
        self.workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="deskapp-bench-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = open(self.workdir / "children.log", "a", encoding="utf-8")
        self.py = sys.executable

    def say(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def row(self, name, ours, floor, unit, budget, ok, note="", ratio=None):
        if ratio is None and isinstance(ours, (int, float)) and isinstance(floor, (int, float)) and floor:
            ratio = ours / floor
        r = {"name": name, "ours": ours, "floor": floor, "unit": unit, "ratio": ratio, "budget": budget,
             "result": "INFO" if ok is None else "PASS" if ok else "FAIL", "note": note}
        self.results.append(r)
        self.say("  " + format_row(r))

    def worker(self, kind: str, extra: list[str], timeout: float) -> list[dict]:
        cmd = [self.py, str(Path(__file__).resolve()), "--worker", kind, "--repeat", str(self.args.repeat),
               "--slow", str(self.args.slow), *extra]
        out: list[dict] = []

        def on_line(line, _el):
            if line.startswith(MARK):
                out.append(json.loads(line[len(MARK):]))
                if out[-1].get("kind") == "progress":
                    self.say(f"    {out[-1]}")
            return False

        try:
            run_child(cmd, timeout, on_line, log=self.log)
        except Timeout:
            out.append({"kind": "timeout"})
        except RuntimeError as e:
            out.append({"kind": "error", "text": str(e)})
        if out and out[-1]["kind"] in ("timeout", "error"):
            self.say(f"    {kind}: {out[-1]['kind']}; last lines of the children's stderr:")
            self.log.flush()
            tail = (self.workdir / "children.log").read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            for line in tail:
                self.say("      " + line)
        return out

    # ------------------------------------------------------------------ rows
    def startup(self, url: str) -> None:
        a = self.args
        env = child_env({"XDG_CONFIG_HOME": str(self.workdir / "config")})
        # compiled modules (__pycache__, git-ignored), as an installed app has them (a wheel or the
        # PyInstaller bundle): the discarded warm-up run writes what is missing
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_cmd = [self.py, str(HERE / "startup_app.py"), url]
        floor_cmd = [self.py, str(HERE / "startup_floor.py")]

        def once(cmd):
            res = {}

            def on_line(line, el):
                if line.startswith("BOARD"):  # the board is drawn with today's rows: the user can see it
                    res["board_s"] = el
                    return False
                if line.startswith("READY"):  # the live service is attached (what the memory row measures)
                    parts = line.split(" ", 3)
                    res.update(seconds=el, rss_kb=int(parts[1]), rows=int(parts[2]),
                               phases=json.loads(parts[3]) if len(parts) > 3 else {})
                    return True
                return False

            run_child(cmd, a.timeout, on_line, log=self.log, env=env)
            if "seconds" not in res:
                raise RuntimeError("no READY line")
            res.setdefault("board_s", res["seconds"])  # the floor draws its table and is ready at once
            return res

        ours, floor = [], []
        try:
            for i in range(a.repeat + 1):
                f = once(floor_cmd)
                o = once(app_cmd)
                self.say(f"    startup run {i}{' (warm-up)' if i == 0 else ''}: ours {o['board_s']:.3f} s "
                         f"(live {o['seconds']:.2f} s), floor {f['seconds']:.3f} s, phases {fmt_phases(o['phases'])}")
                if i:
                    ours.append(o)
                    floor.append(f)
                if o["seconds"] > a.slow and len(ours) >= 1:
                    break
        except Timeout:
            self.row("start to interactive board", "timeout", med([f["seconds"] for f in floor]) if floor else None,
                     "s", "≤1.5×", False, f"> {a.timeout:.0f} s")
            self.row("peak RSS, app with DB open", "timeout", None, "MB", "<400 MB", False)
            return
        except RuntimeError as e:
            self.row("start to interactive board", "error", None, "s", "≤1.5×", False, str(e))
            return
        o_s, f_s = med([x["board_s"] for x in ours]), med([x["seconds"] for x in floor])
        live = med([x["seconds"] for x in ours])
        self.row("start to interactive board", o_s, f_s, "s", "≤1.5×", o_s / f_s <= 1.5,
                 f"n={len(ours)}; live service attached at {live:.2f} s")
        o_m, f_m = max(x["rss_kb"] for x in ours) / 1024, max(x["rss_kb"] for x in floor) / 1024
        self.row("peak RSS, app with DB open", o_m, f_m, "MB", "<400 MB", o_m < 400, "floor: bare Qt window")
        ph = {k: med([x["phases"].get(k, 0) for x in ours]) for k in ours[0]["phases"]}
        self.details.append("startup phases (median, in-process): " + fmt_phases(ph))
        try:
            cold = []
            for _ in range(max(3, a.repeat // 2)):
                forget_saved_board(url)
                cold.append(once(app_cmd)["board_s"])
            self.details.append(
                f"start without a saved board (after a crash, or another station wrote since; the board drawn "
                f"from the saved office state): {med(cold) * 1000:.1f} ms, {med(cold) / f_s:.2f}x the floor")
        except (Timeout, RuntimeError) as e:
            self.details.append(f"start without a saved board: {e!r}")

    def service_rows(self, url: str, info_file: Path, label: str) -> None:
        a = self.args
        rows = ",".join(r for r in ("checkin", "search") if r in a.only)
        res = self.worker("service", ["--url", url, "--info", str(info_file), "--rows", rows,
                                      "--checkins", str(a.checkins), "--search-rounds", str(a.search_rounds)],
                          a.timeout * 2)
        by = {}
        for r in res:
            by.setdefault(r["kind"], []).append(r)
        if "service_open" in by:
            so = by["service_open"][0]
            self.details.append(f"{label}: PersistentOfficeService(url) opened in {so['seconds']:.2f} s "
                                f"(head {so['head']:,}, {so['customers']:,} customers in memory)")
        for n in by.get("note", []):
            self.details.append(f"{label}: {n['text']}")
        failed = "timeout" if "timeout" in by else ("error" if "error" in by else None)
        if "checkin" in a.only:
            if "checkin" in by:
                r = by["checkin"][0]
                o, f = med(r["ours"]) * 1000, med(r["floor"]) * 1000
                self.row(f"check-in, durable commit ({label})", o, f, "ms", "≤3×", o / f <= 3, f"n={len(r['ours'])}")
                self.details.append(f"{label}: Finish after each check-in: median {med(r['finish']) * 1000:.1f} ms; "
                                    f"check-in p90 {pct(r['ours'], 90) * 1000:.1f} ms, floor p90 "
                                    f"{pct(r['floor'], 90) * 1000:.1f} ms")
                if label == "SQLite" and len(r["ours"]) > EARLY:
                    eo, ef = med(r["ours"][:EARLY]) * 1000, med(r["floor"][:EARLY]) * 1000
                    self.details.append(
                        f"{label}: the first {EARLY} measured check-ins (the write-ahead log still growing: every "
                        f"commit lengthens the file): median {eo:.2f} ms, floor {ef:.2f} ms, {eo / ef:.2f}×")
            else:
                self.row(f"check-in, durable commit ({label})", failed or "missing", None, "ms", "≤3×", False,
                         "service did not open in time" if "service_open" not in by else "")
        if "search" in a.only:
            got = {r["name"]: r for r in by.get("search", [])}
            for name in ("phone tail (4 digits)", "name prefix (1 char)", "pinyin initials (2 letters)"):
                if name in got:
                    r = got[name]
                    o, f = med(r["ours"]) * 1000, med(r["floor"]) * 1000
                    self.row(f"search {name} ({label})", o, f, "ms", "≤2×, <30 ms", o / f <= 2 and o < 30,
                             f"p90 {pct(r['ours'], 90) * 1000:.1f} ms")
                    self.details.append(f"{label} search {name}: texts {r['texts']}; hits ours/floor "
                                        f"{r['hits']}; floor plan: {r['plan']}")
                else:
                    self.row(f"search {name} ({label})", failed or "missing", None, "ms", "≤2×, <30 ms", False)

    def notice(self) -> None:
        res = self.worker("notice", [], self.args.timeout)
        r = next((x for x in res if x["kind"] == "notice"), None)
        if r is None:
            self.row("claim notice, 200 rows, CJK embedded", res[-1]["kind"] if res else "error", None, "ms",
                     "≤1.5×", False)
            return
        o, f = med(r["ours"]) * 1000, med(r["floor"]) * 1000
        self.row("claim notice, 200 rows, CJK embedded", o, f, "ms", "≤1.5×", o / f <= 1.5,
                 f"PDF {r['ours_bytes'] // 1024} KB vs {r['floor_bytes'] // 1024} KB")

    def verify(self, db: Path) -> None:
        a = self.args
        fl = self.worker("verify_floor", ["--db", str(db)], a.timeout)
        fr = next((x for x in fl if x["kind"] == "verify_floor"), None)
        f = med(fr["floor"]) if fr else None
        if fr:
            self.details.append(f"verify floor: hashlib over {fr['entries']:,} messages, one core: {f:.2f} s")
        for kind, name in (("verify_chain", "deskapp verify"), ("verify_full", "deskapp verify --full (info)")):
            if kind == "verify_chain" and "verify_chain" not in a.only:
                continue
            if kind == "verify_full" and "verify_full" not in a.only:
                continue
            res = self.worker(kind, ["--db", str(db)], a.timeout)
            r = next((x for x in res if x["kind"] == kind), None)
            if r is None:
                self.row(f"{name} ({a.size:,})", res[-1]["kind"] if res else "error", f, "s", "≤3×", False,
                         f"> {a.timeout:.0f} s" if res and res[-1]["kind"] == "timeout" else "")
                continue
            o = med(r["ours"])
            note = f"n={len(r['ours'])}"
            if kind == "verify_full":
                note += f", peak RSS {r['maxrss_mb']:.0f} MB"
            if kind == "verify_full":  # a replay of the whole journal: reported, not a budget row
                self.row(f"{name} ({r['entries']:,} entries)", o, f, "s", "—", None, note)
                continue
            self.row(f"{name} ({r['entries']:,} entries)", o, f, "s", "≤3×", f is not None and o / f <= 3, note)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def fmt_phases(ph: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in ph.items())


def fmt_val(v, unit):
    if isinstance(v, str) or v is None:
        return v or "—"
    if unit == "ms":
        return f"{v:.2f} ms" if v < 100 else f"{v:.0f} ms"
    if unit == "s":
        return f"{v:.2f} s" if v >= 1 else f"{v * 1000:.1f} ms"
    if unit == "MB":
        return f"{v:.0f} MB"
    return str(v)


def format_row(r) -> str:
    ratio = f"{r['ratio']:.2f}×" if isinstance(r.get("ratio"), (int, float)) else "—"
    return (f"{r['name']:<48} {fmt_val(r['ours'], r['unit']):>11} {fmt_val(r['floor'], r['unit']):>10} "
            f"{ratio:>9}  {r['budget']:<12} {r['result']}" + (f"   ({r['note']})" if r.get("note") else ""))


# ------------------------------------------------------------------ PostgreSQL copy

def load_into_pg(src: Path, server_url: str, log) -> str:
    """A fresh database on the server of `server_url` with the schema (open_store) and src's rows."""
    import psycopg

    from deskapp.store import readmodels as rm
    from deskapp.store.engine import resolve_url
    from deskapp.store.migrate import open_store

    url = fresh_pg_database(server_url)  # own helper: the product's moves around
    engine = open_store(url)
    engine.dispose()
    plain = resolve_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    lite = sqlite3.connect(str(src))
    # every table the service reads: the journal, the read models and the saved office state
    tables = {"journal": None, **{t.name: t for t in rm.READ_MODELS + rm.HOT_TABLES}}
    with psycopg.connect(plain) as pg:
        idx = pg.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                         "('customers','visits','followups') AND indexname NOT LIKE 'pk_%'").fetchall()
        for name, _ in idx:
            pg.execute(f'DROP INDEX "{name}"')
        for table, sa_table in tables.items():
            cols = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            bools = {c.name for c in sa_table.columns if c.type.python_type is bool} if sa_table is not None else set()
            bi = [i for i, c in enumerate(cols) if c in bools]
            t = time.perf_counter()
            quoted = ", ".join(f'"{c}"' for c in cols)  # sanctions has a column named "end"
            with pg.cursor().copy(f'COPY "{table}" ({quoted}) FROM STDIN') as cp:
                cur = lite.execute(f'SELECT {quoted} FROM "{table}"')
                while True:
                    rows = cur.fetchmany(20_000)
                    if not rows:
                        break
                    for row in rows:
                        if bi:
                            row = list(row)
                            for i in bi:
                                row[i] = bool(row[i])
                        cp.write_row(row)
            print(f"  pg copy {table}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
        for _, ddl in idx:
            pg.execute(ddl)
        pg.commit()
        pg.autocommit = True
        pg.execute("ANALYZE")
    lite.close()
    return url


def fresh_pg_database(server_url: str) -> str:
    """CREATE DATABASE deskapp_bench_<random> on the server of `server_url`; returns its URL."""
    import uuid

    import psycopg

    from deskapp.store.engine import resolve_url

    u = resolve_url(server_url)
    name = f"deskapp_bench_{uuid.uuid4().hex[:12]}"
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return u.set(database=name).render_as_string(hide_password=False)


def drop_pg(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    name = u.database
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ------------------------------------------------------------------ main

CHECKINS = 200  # a busy day's check-ins at one desk
EARLY = 30  # the first measured ones, shown apart: SQLite's write-ahead log still growing after the open
ALL_ROWS = ("startup", "checkin", "search", "notice", "verify_chain", "verify_full")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="deskapp performance budgets vs floors (DESIGN.md)")
    ap.add_argument("--size", type=int, default=1_000_000, help="customers in the database (default 1,000,000)")
    ap.add_argument("--db", help="use this SQLite database (made by generate.py) instead of the cached one")
    ap.add_argument("--pg", help="also run check-in and search on this PostgreSQL server (URL of any database on it)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory and the PostgreSQL database")
    ap.add_argument("--repeat", type=int, default=5, help="measured runs per row after the warm-up (default 5)")
    ap.add_argument("--checkins", type=int, default=CHECKINS, help=f"measured check-ins (default {CHECKINS})")
    ap.add_argument("--search-rounds", type=int, default=10, help="rounds over the search texts (default 10)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before 'ours' counts as a timeout (600)")
    ap.add_argument("--slow", type=float, default=30,
                    help="a run slower than this many seconds is measured only once after the warm-up (30)")
    ap.add_argument("--only", default=",".join(ALL_ROWS), help=f"comma list of rows: {','.join(ALL_ROWS)}")
    ap.add_argument("--workdir", help="where the work copy of the database goes (default: a temp dir)")
    ap.add_argument("--json", help="also write the results here as JSON")
    # worker mode (internal)
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--info", help=argparse.SUPPRESS)
    ap.add_argument("--rows", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        WORKERS[args.worker](args)
        return 0
    args.only = {x.strip() for x in args.only.split(",") if x.strip()}

    sys.path.insert(0, str(HERE))
    import generate

    t = time.perf_counter()
    src = Path(args.db) if args.db else generate.ensure(args.size)
    info = generate.load_info(src)
    args.size = info["customers"]
    gen_note = f"database {src} ({info['file_bytes'] / 1e6:.0f} MB; generated in {info['gen_seconds']} s)"
    bench = Bench(args)
    bench.say(f"deskapp bench: {info['customers']:,} customers, {info['entries']:,} journal entries; {gen_note}")
    work = bench.workdir / "bench.sqlite3"
    t = time.perf_counter()
    shutil.copyfile(src, work)
    bench.say(f"work copy {work} ({time.perf_counter() - t:.1f} s); children's stderr: {bench.workdir / 'children.log'}")
    url = sqlite_url(work)
    pg_url = None
    try:
        if "startup" in args.only:
            bench.say("startup ...")
            bench.startup(url)
        if args.only & {"verify_chain", "verify_full"}:
            bench.say("verify ...")
            bench.verify(work)
        if "notice" in args.only:
            bench.say("claim notice ...")
            bench.notice()
        if args.only & {"checkin", "search"}:
            bench.say("check-in and search (SQLite) ...")
            bench.service_rows(url, info_path_of(src), "SQLite")
        if args.pg and args.only & {"checkin", "search"}:
            bench.say("loading the database into PostgreSQL ...")
            t = time.perf_counter()
            try:
                pg_url = load_into_pg(src, args.pg, bench.log)
            except Exception as e:  # noqa: BLE001 - reported as the PostgreSQL rows' failure
                bench.row("PostgreSQL rows", "error", None, "ms", "—", False, f"loading failed: {e!r}")
            else:
                bench.details.append(f"PostgreSQL copy loaded in {time.perf_counter() - t:.0f} s")
                bench.say("check-in and search (PostgreSQL) ...")
                bench.service_rows(pg_url, info_path_of(src), "PostgreSQL")
    finally:
        if pg_url and not args.keep:
            try:
                drop_pg(pg_url)
            except Exception as e:  # noqa: BLE001
                bench.say(f"could not drop {pg_url}: {e}")
        bench.log.close()
        if not args.keep:
            shutil.rmtree(bench.workdir, ignore_errors=True)

    print()
    print(f"deskapp performance budgets — {info['customers']:,} customers, {info['entries']:,} journal entries "
          f"(medians; ratio = ours / floor)")
    print(f"{'name':<48} {'ours':>11} {'floor':>10} {'ratio':>9}  {'budget':<12} result")
    for r in bench.results:
        print(format_row(r))
    print()
    for d in bench.details:
        print("  " + d)
    n_fail = sum(r["result"] == "FAIL" for r in bench.results)
    n_info = sum(r["result"] == "INFO" for r in bench.results)
    print(f"\n{len(bench.results) - n_fail - n_info} PASS, {n_fail} FAIL" + (f", {n_info} for information" if n_info else ""))
    if args.json:
        Path(args.json).write_text(json.dumps({"info": info, "rows": bench.results, "details": bench.details},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if n_fail else 0


def info_path_of(db: Path) -> Path:
    return db.with_suffix(".json")


if __name__ == "__main__":
    raise SystemExit(main())
