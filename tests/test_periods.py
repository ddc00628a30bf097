"""Brussels days, presets, comparison periods and report periods (dashboard/periods.py)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.periods import (
    last_complete_quarter,
    parse_report_period,
    preset_range,
    previous_period,
    utc_bounds,
    year_earlier,
)

TODAY = date(2026, 11, 23)


def test_utc_bounds_follow_brussels_days():
    start, end = utc_bounds(date(2022, 1, 1), date(2022, 12, 31))
    assert (start.isoformat(), end.isoformat()) == ("2021-12-31T23:00:00+00:00", "2022-12-31T23:00:00+00:00")
    summer = utc_bounds(date(2022, 7, 1), date(2022, 7, 1))
    assert summer[0].isoformat() == "2022-06-30T22:00:00+00:00"


def test_presets():
    assert preset_range("last-month", TODAY) == (date(2026, 10, 1), date(2026, 10, 31))
    assert preset_range("this-quarter", TODAY) == (date(2026, 10, 1), TODAY)
    assert preset_range("last-12-months", TODAY) == (date(2025, 12, 1), TODAY)
    assert preset_range("year-2022", TODAY) == (date(2022, 1, 1), date(2022, 12, 31))
    assert preset_range(None, TODAY) is None and preset_range("custom", TODAY) is None


def test_previous_period_and_year_earlier():
    assert previous_period(date(2026, 10, 1), date(2026, 10, 31)) == (date(2026, 9, 1), date(2026, 9, 30))
    assert previous_period(date(2026, 7, 1), date(2026, 9, 30)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert previous_period(date(2026, 11, 10), date(2026, 11, 23)) == (date(2026, 10, 27), date(2026, 11, 9))
    assert year_earlier(date(2024, 2, 29), date(2024, 2, 29)) == (date(2023, 2, 28), date(2023, 2, 28))
    assert year_earlier(date(2025, 2, 1), date(2025, 2, 28)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert year_earlier(date(2025, 12, 1), date(2026, 11, 23)) == (date(2024, 12, 1), date(2025, 11, 23))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-Q3", (date(2024, 7, 1), date(2024, 9, 30))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2024-Q5", None),
        ("2024-13", None),
        ("24-Q1", None),
        ("", None),
        (None, None),
        ("2024-Q3'--", None),
    ],
)
def test_report_periods(text, expected):
    assert parse_report_period(text) == expected


def test_last_complete_quarter():
    assert last_complete_quarter(date(2026, 11, 23)) == "2026-Q3"
    assert last_complete_quarter(date(2026, 2, 1)) == "2025-Q4"
