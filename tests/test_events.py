"""The events file (dashboard/events.py, dashboard/config/events.toml)."""

from __future__ import annotations

import pytest

from dashboard.events import load_events


def test_events_file_is_valid_and_errors_are_clear(tmp_path):
    events = load_events()
    assert [e.day for e in events] == sorted(e.day for e in events) and events[0].label("en") == "Lockdown"
    bad = tmp_path / "events.toml"
    bad.write_text('[[event]]\ndate = 2022-03-01\nnl = "Oorlog"\n')
    with pytest.raises(ValueError, match="event 1"):
        load_events(bad)
