"""Every scenario file is the rulebook's contract: run each through the real runner (SQLite by default)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deskapp.services.scenario import run_file, run_files

HERE = Path(__file__).parent
FILES = sorted(HERE.glob("*.yaml"))
BAD = sorted((HERE.parent / "scenarios_bad").glob("*.yaml"))


def test_there_are_enough_scenarios():
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_passes(path, scenario_factory):
    services = []

    def factory():
        svc = scenario_factory()
        services.append(svc)
        svc.close = lambda: None  # keep it open: its records are verified below
        return svc

    report = run_file(path, factory)
    failures = [
        f"step {s.index} ({s.verb}): {e['key']} expected {e['expected']!r} got {e['actual']!r} {e.get('note', '')}"
        for s in report.steps
        if not s.ok
        for e in s.expectations
        if not e["ok"]
    ]
    assert report.status == "passed", "\n".join(failures) or report.error
    # What the scenario recorded proves itself: the chain holds and every read-model row matches a replay.
    from deskapp.services.persistence import verify

    for svc in services:
        result = verify(svc.engine)
        assert result.ok, result.message
        _rows_rebuild_the_records(svc)
        svc.engine.dispose()


def _rows_rebuild_the_records(svc):
    """The read models carry whole records: every customer, visit and follow-up comes back from its row,
    equal to what a replay of the journal holds; the store-backed lookups of the running office and of a
    restarted one (no replay) answer exactly like the replayed office's dictionaries."""
    from deskapp.domain import Office
    from deskapp.services.persistence import (
        PersistentOfficeService,
        customer_from_row,
        followup_from_row,
        replay,
        visit_from_row,
    )
    from deskapp.store import readmodels as rm
    from deskapp.store.engine import read_connection
    from deskapp.store.sql import rows_by_id

    replayed = Office()
    with read_connection(svc.engine) as conn:
        replay(conn, replayed)
        customers = rows_by_id(conn, rm.customers)
        visits = rows_by_id(conn, rm.visits)
        followups = rows_by_id(conn, rm.followups)
        phones = rows_by_id(conn, rm.customer_phones)
        refs = rows_by_id(conn, rm.customer_refs)
    assert {cid: customer_from_row(r) for cid, r in customers.items()} == replayed.customers
    assert {vid: visit_from_row(r) for vid, r in visits.items()} == replayed.visits
    assert {fid: followup_from_row(r) for fid, r in followups.items()} == replayed.followups_by_id
    assert {p: r["customer_id"] for p, r in phones.items()} == replayed.by_phone
    assert {ref: r["customer_id"] for ref, r in refs.items()} == replayed.by_ref
    restarted = PersistentOfficeService(engine=svc.engine, station="check")
    for office in (svc.office, restarted.office):
        assert {cid: office.customers[cid] for cid in replayed.customers} == replayed.customers
        assert {vid: office.visits[vid] for vid in replayed.visits} == replayed.visits
        assert {p: office.by_phone[p] for p in replayed.by_phone} == replayed.by_phone
        assert {r: office.by_ref[r] for r in replayed.by_ref} == replayed.by_ref
        for cid in replayed.customers:
            assert office.customer_visits.get(cid, []) == replayed.customer_visits.get(cid, [])
            assert office.followups_of.get(cid, []) == replayed.followups_of.get(cid, [])
            assert office.family_of_rev.get(cid, []) == replayed.family_of_rev.get(cid, [])
        assert list(office.customers.values()) == list(replayed.customers.values())
        assert len(office.visits) == len(replayed.visits)
        for kind in ("credits", "claims", "deals", "sanctions"):
            assert getattr(office, kind) == getattr(replayed, kind), kind
        assert [e for e in office.notice if e.status in ("open", "claimed")] == [
            e for e in replayed.notice if e.status in ("open", "claimed")]
        assert office.day == replayed.day and office.staff == replayed.staff and office.policy == replayed.policy


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_malformed_file_exits_2_naming_file_and_reason(path):
    out, err = io.StringIO(), io.StringIO()
    assert run_files([str(path)], out, err) == 2
    assert str(path) in err.getvalue()
    assert json.loads(out.getvalue())["status"] == "malformed"


def test_cli_exit_codes(tmp_path):
    good = FILES[0]
    failing = tmp_path / "fail.yaml"
    failing.write_text(
        "title: wrong on purpose\nstaff: {A: {name: 张三}, B: {name: 李四}}\nsteps:\n"
        "  - day: 2026-11-20\n  - sign_in: [A, B]\n  - check: {next_up: B}\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\nstaff: {A: {name: 张三}}\nsteps:\n  - day: 2026-11-20\n  - fly: A\n", encoding="utf-8")
    run = lambda *f: subprocess.run([sys.executable, "-m", "deskapp", "scenario", "run", *map(str, f)],  # noqa: E731
                                    capture_output=True, text=True)
    assert run(good).returncode == 0
    res = run(failing)
    assert res.returncode == 1 and "step 3" in res.stderr and "next_up" in res.stderr
    res = run(broken)
    assert res.returncode == 2 and "step 2" in res.stderr and "fly" in res.stderr


def test_every_scenario_decides_and_records_the_same_with_the_caches_dropped_after_every_command(monkeypatch):
    """The store-backed office drops its identity maps between commands once they grow: with that at
    every command, every scenario still passes and every row still matches a replay."""
    from deskapp.services import lazy
    from deskapp.services.persistence import scenario_service_factory, verify

    monkeypatch.setattr(lazy, "TRIM_ABOVE", 0)
    problems = []
    for path in FILES:
        services = []
        base = scenario_service_factory(None)

        def factory(base=base, services=services):
            svc = base()
            services.append(svc)
            svc.close = lambda: None
            return svc

        report = run_file(path, factory)
        if report.status != "passed":
            problems.append(f"{path.stem}: {report.status} {report.error or ''}")
        for svc in services:
            result = verify(svc.engine)
            if not result.ok:
                problems.append(f"{path.stem}: {result.message}")
            svc.engine.dispose()
            if getattr(svc, "cleanup", None):
                shutil.rmtree(svc.cleanup, ignore_errors=True)
    assert not problems, "\n".join(problems)
