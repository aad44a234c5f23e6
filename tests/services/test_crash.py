"""A process killed with SIGKILL in the middle of a stream of check-ins loses nothing it acknowledged."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from deskapp.domain import commands as c
from deskapp.services.persistence import PersistentOfficeService, verify

CHILD = r"""
import datetime as dt, sys
from deskapp.domain import commands as c
from deskapp.services.persistence import PersistentOfficeService
svc = PersistentOfficeService(sys.argv[1], station="crash")
ack = open(sys.argv[2], "a", buffering=1)
t = dt.datetime(2026, 11, 20, 9, 0)
for i in range(100000):
    name = f"客{i}"
    svc.handle(c.Arrive(c.Answers(True), name=name, phone=str(13100000000 + i)), t)
    svc.handle(c.Finish(name), t)
    ack.write(name + "\n")  # written only after the commit returned
"""


def test_sigkill_mid_stream_leaves_a_verified_database_with_every_acknowledged_check_in(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    svc = PersistentOfficeService(url)
    t = dt.datetime(2026, 11, 20, 8, 0)
    for k, n in [("A", "张三"), ("B", "李四")]:
        svc.handle(c.AddStaff(k, n, actor="__system__"), t)
    svc.handle(c.OpenDay(t.date()), t)
    svc.handle(c.SignIn(("A", "B")), t)
    svc.close()
    ack = tmp_path / "ack.txt"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(ack)], env=env)
    deadline = time.time() + 60
    while time.time() < deadline and (not ack.exists() or len(ack.read_text().splitlines()) < 40):
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    acked = ack.read_text().splitlines()
    assert len(acked) >= 40
    again = PersistentOfficeService(url)
    assert verify(again.engine).ok
    names = {cust.name for cust in again.office.customers.values()}
    assert set(acked) <= names
