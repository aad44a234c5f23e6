"""Shared fixtures."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def scenario_factory(tmp_path):
    """A throwaway office per scenario: SQLite-backed when the persistence layer is present."""
    try:
        from deskapp.services.persistence import scenario_service_factory
    except ImportError:
        return None
    return scenario_service_factory(None, workdir=tmp_path)


# PySide6 can crash while the interpreter tears down Qt objects at exit ("bool_dealloc ... refcount
# error", after every test has passed). Leave the process with pytest's own status once everything
# has been reported, without running the interpreter's finaliser over Qt's objects.
_EXIT_STATUS = {"code": None}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["code"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if _EXIT_STATUS["code"] is not None and "PySide6" in __import__("sys").modules:
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["code"])
