"""The rulebook: the office's customer attribution regulation as plain Python (stdlib only).

Nothing is loaded with the package itself: `deskapp.domain.Office`, `RuleError`, `POOL`, the command
classes... are imported on first use (PEP 562), so a light submodule (errors, roles, phone) costs only
itself. The window draws the board from a saved snapshot before any rule is needed (deskapp.app's fast
start); the command classes (deskapp.domain.commands, some forty dataclasses) load when a command is
first used. `from deskapp.domain import Office` and `from deskapp.domain import commands` work as before.
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

# name -> the submodule that defines it
_EXPORTS = {
    "Decision": "decision",
    "RuleError": "errors",
    "POOL": "model",
    "Office": "office",
    "Policy": "policy",
}
__all__ = ["commands", *_EXPORTS]


def __getattr__(name: str):
    """Office, Decision, RuleError, POOL, Policy from their submodules; the command classes from
    deskapp.domain.commands."""
    where = _EXPORTS.get(name)
    if where is not None:
        value = getattr(_importlib.import_module(f"{__name__}.{where}"), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if not name.startswith("__"):
        value = getattr(commands, name, None)
        if value is not None:
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
