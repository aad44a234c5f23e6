"""The use-case entry point: every command from the GUI, the CLI or a scenario goes through `handle`."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from deskapp.domain import Decision, Office
from deskapp.domain.commands import Command


class JournalSink(Protocol):
    """Where facts go once the rulebook accepted them (the store's journal)."""

    def record(self, cmd: Command, decision: Decision, now: dt.datetime, station: str) -> None: ...


class OfficeService:
    """Runs commands against one office; a refused command changes and records nothing."""

    def __init__(self, office: Office | None = None, sink: JournalSink | None = None, station: str = "desk-1"):
        self.office = office or Office()
        self.sink = sink
        self.station = station

    def handle(self, cmd: Command, now: dt.datetime) -> Decision:
        if self.sink is None:
            return self.office.execute(cmd, now)
        return self.sink.run(self.office, cmd, now, self.station)
