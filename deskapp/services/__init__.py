"""Use cases and queries over the rulebook and the store."""
