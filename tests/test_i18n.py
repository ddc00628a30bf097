"""The translation helper and the reader's number and date formats (dashboard/i18n.py)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.i18n import MESSAGES, format_change, format_count, format_date, format_rate, t


def test_reader_formats():
    assert (format_count(66218, "nl"), format_count(66218, "en")) == ("66.218", "66,218")
    assert (format_rate(0.795, "nl"), format_rate(0.795, "en")) == ("79,5 %", "79.5 %")
    assert format_rate(12.3456, "nl") == "1.234,6 %" and format_rate(None, "nl") == "–"
    assert (format_date(date(2026, 11, 3), "nl"), format_date(date(2026, 11, 3), "en")) == ("03-11-2026", "3 Nov 2026")


def test_every_message_in_both_languages():
    assert all(nl.strip() and en.strip() for nl, en in MESSAGES.values())
    assert t("preset-year", "en", year=2022) == "Year 2022"
    with pytest.raises(KeyError):
        t("no-such-key")


def test_format_change():
    assert format_change(0.8, 0.75, rate=True, lang="nl") == "▲ 5,0 pp"
    assert format_change(90, 100, rate=False, lang="en") == "▼ 10.0 %"
    assert format_change(5, 0, rate=False) == "–" and format_change(None, 0.5, rate=True) == "–"
    assert format_change(0.5, 0.5, rate=True) == "► 0,0 pp"
