"""The rulebook: the office's customer attribution regulation as plain Python (stdlib only)."""

from .commands import *  # noqa: F401,F403
from .decision import Decision  # noqa: F401
from .errors import RuleError  # noqa: F401
from .model import POOL  # noqa: F401
from .office import Office  # noqa: F401
from .policy import Policy  # noqa: F401
