"""The Flemish holiday calendar (dashboard/holidays.py): Easter against an independent implementation
(python-dateutil's, a pandas dependency) and dates looked up by hand, the holidays of two years written out, and the
first working day after a period in the cases that matter (weekends, holidays on Mondays, runs of them)."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.easter import EASTER_WESTERN
from dateutil.easter import easter as dateutil_easter

from dashboard.holidays import easter, first_working_day_after, holidays, is_working_day


def test_easter_agrees_with_dateutil_for_three_centuries():
    assert all(easter(year) == dateutil_easter(year, EASTER_WESTERN) for year in range(1900, 2200))


@pytest.mark.parametrize(
    "year, sunday",
    [(2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter_on_known_dates(year, sunday):
    assert easter(year) == sunday


def test_the_holidays_of_2024_and_2026():
    assert holidays(2024) == {
        date(2024, 1, 1): "new-year",
        date(2024, 4, 1): "easter-monday",
        date(2024, 5, 1): "labour-day",
        date(2024, 5, 9): "ascension",
        date(2024, 5, 20): "whit-monday",
        date(2024, 7, 11): "flemish-community",
        date(2024, 7, 21): "national-day",
        date(2024, 8, 15): "assumption",
        date(2024, 11, 1): "all-saints",
        date(2024, 11, 11): "armistice",
        date(2024, 12, 25): "christmas",
    }
    assert sorted(holidays(2026))[:5] == [
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 25)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "period_end, first",
    [
        (date(2024, 3, 31), date(2024, 4, 2)),  # Q1 2024 closes on Easter Sunday; Easter Monday is off
        (date(2022, 12, 31), date(2023, 1, 2)),  # a Saturday, New Year on the Sunday: Monday
        (date(2025, 12, 31), date(2026, 1, 2)),  # New Year on a Thursday: Friday 2 January works
        (date(2026, 9, 30), date(2026, 10, 1)),  # an ordinary Thursday
        (date(2026, 10, 31), date(2026, 11, 2)),  # a Saturday, All Saints on the Sunday: Monday
        (date(2027, 4, 30), date(2027, 5, 3)),  # Friday; 1 May on Saturday: Monday
        (date(2020, 4, 30), date(2020, 5, 4)),  # Thursday; Labour Day Friday, then the weekend
        (date(2026, 7, 10), date(2026, 7, 13)),  # Friday; 11 July on Saturday
        (date(2029, 7, 10), date(2029, 7, 12)),  # Tuesday; 11 July on Wednesday
    ],
)
def test_first_working_day_after(period_end, first):
    assert first_working_day_after(period_end) == first


def test_working_days():
    assert is_working_day(date(2026, 12, 3))  # a Thursday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas, a Friday
    assert not is_working_day(date(2026, 5, 14))  # Ascension Day
