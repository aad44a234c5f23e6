"""The use-case entry point: every command from the GUI, the CLI or a scenario goes through `handle`."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Iterator

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

    @contextlib.contextmanager
    def bulk(self) -> Iterator[OfficeService]:
        """Many commands as one (demo data, imports, the first-run set-up): all land, or none.

        In memory: on any error the office goes back to a copy taken before. (The persistent service
        runs them in one transaction and reloads what was committed.)
        """
        saved = copy.deepcopy(self.office)
        try:
            yield self
        except BaseException:
            self.office = saved
            raise
