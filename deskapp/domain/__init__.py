"""The rulebook: the office's customer attribution regulation as plain Python (stdlib only).

The command classes (deskapp.domain.commands, some forty dataclasses) are loaded when a command is first
used, not with the package: the window draws the board from the saved state before anyone acts
(deskapp.app's fast start). `deskapp.domain.Arrive` and `from deskapp.domain import commands` work as
before.
"""

import importlib as _importlib
import importlib.util as _util
import sys as _sys


def _lazy_module(name: str):
    """`name` imported on first attribute access (importlib.util.LazyLoader); a loader that cannot be
    deferred imports it at once."""
    if name in _sys.modules:
        return _sys.modules[name]
    spec = _util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return _importlib.import_module(name)
    spec.loader = _util.LazyLoader(spec.loader)
    module = _util.module_from_spec(spec)
    _sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


commands = _lazy_module(__name__ + ".commands")

from .decision import Decision  # noqa: E402,F401
from .errors import RuleError  # noqa: E402,F401
from .model import POOL  # noqa: E402,F401
from .office import Office  # noqa: E402,F401
from .policy import Policy  # noqa: E402,F401


def __getattr__(name: str):
    """The command classes, re-exported from deskapp.domain.commands."""
    if not name.startswith("__"):
        value = getattr(commands, name, None)
        if value is not None:
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
