"""The errors a user can meet, for the window to show in their language: the rulebook's and the store's."""

from deskapp.domain.errors import RuleError  # noqa: F401
from deskapp.store.errors import StoreError  # noqa: F401
