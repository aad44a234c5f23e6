"""`deskapp --smoke` (deskapp.smoke.run_smoke) from source, in a fresh process as the built app runs it.

The PyInstaller build itself is not run here: CI runs .ci/build-app, which builds the bundle and runs the
same smoke check with the built executable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMOKE = "from deskapp.smoke import run_smoke; raise SystemExit(run_smoke())"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DESKAPP_CACHE_DIR=str(tmp_path / "cache"),  # compiled translations
        TMPDIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    env.pop("DESKAPP_DB_URL", None)  # the smoke's own throwaway SQLite file, never a configured database
    return env


def test_smoke_opens_the_window_on_a_demo_office(tmp_path):
    proc = subprocess.run([sys.executable, "-c", SMOKE], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("smoke OK")), None)
    assert line is not None, proc.stdout + proc.stderr
    n = int(line.rsplit(",", 1)[1].split()[0])
    assert n > 0, line
    # nothing of the throwaway office is left behind
    assert not list(tmp_path.glob("deskapp-smoke-*"))


def test_smoke_reports_a_failure_with_a_non_zero_exit(tmp_path):
    bad = "from deskapp.smoke import run_smoke; raise SystemExit(run_smoke('mysql://nobody@localhost/x'))"
    proc = subprocess.run([sys.executable, "-c", bad], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert proc.returncode != 0
    assert "smoke FAILED" in proc.stderr
    assert "smoke OK" not in proc.stdout
