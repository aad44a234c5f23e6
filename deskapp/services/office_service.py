"""The use-case entry point: every command from the GUI, the CLI or a scenario goes through `handle`."""

from __future__ import annotations

import datetime as dt

from deskapp.domain import Decision, Office
from deskapp.domain.commands import Command


class OfficeService:
    """Runs commands against one office kept in memory; a refused command changes nothing.

    deskapp.services.persistence.PersistentOfficeService is the same service over a database.
    """

    def __init__(self, office: Office | None = None, station: str = "desk-1"):
        self.office = office or Office()
        self.station = station

    def handle(self, cmd: Command, now: dt.datetime) -> Decision:
        return self.office.execute(cmd, now)
