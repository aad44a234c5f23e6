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
