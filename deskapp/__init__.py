"""轮接台 deskapp: a sales office's customer attribution regulation, run at the front desk."""

from __future__ import annotations

import sys
from pathlib import Path

__version__ = "0.1.0"  # pyproject.toml reads it from here


def resources_dir() -> Path:
    """The shipped resources (fonts with their licence, icons).

    In a PyInstaller bundle: <bundle>/resources; from a source checkout (or an editable install): the
    repository's top-level resources/; from an installed wheel: deskapp/resources inside the package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    here = Path(__file__).resolve().parent
    checkout = here.parent / "resources"
    if (checkout / "fonts").is_dir():
        return checkout
    return here / "resources"
