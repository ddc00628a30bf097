"""Events annotated on trend lines, read from `dashboard/config/events.toml` (anyone may add to it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

EVENTS_FILE = Path(__file__).parent / "config" / "events.toml"


@dataclass(frozen=True)
class Event:
    """Something that happened on `day`, with a label per interface language."""

    day: date
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


def load_events(path: Path = EVENTS_FILE) -> list[Event]:
    """The events in date order; a clear error naming the entry that lacks a date or a label."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("event", [])
    events = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry.get("date"), date) or not entry.get("nl") or not entry.get("en"):
            raise ValueError(f'{path}: event {number} needs date = YYYY-MM-DD, nl = "…" and en = "…"')
        events.append(Event(entry["date"], entry["nl"], entry["en"]))
    return sorted(events, key=lambda e: e.day)
