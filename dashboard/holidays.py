"""Working days in Flanders: weekdays that are no public holiday (for subscriptions, CONTRACT.md §8: the board
report goes out on the first working day after its period closes).

The holidays are Belgium's ten legal public holidays and the Flemish Community's own day (11 July), the days
off of the Flemish public services STV belongs to. Three of them move with Easter (Western, Gregorian), computed
here with the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8): Easter Monday, Ascension Day
(Easter + 39 days) and Whit Monday (Easter + 50). A holiday on a Saturday or Sunday is not moved.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

FIXED = (  # (month, day, key of the name in dashboard/texts/subscriptions.py)
    (1, 1, "new-year"),
    (5, 1, "labour-day"),
    (7, 11, "flemish-community"),
    (7, 21, "national-day"),
    (8, 15, "assumption"),
    (11, 1, "all-saints"),
    (11, 11, "armistice"),
    (12, 25, "christmas"),
)
AFTER_EASTER = ((1, "easter-monday"), (39, "ascension"), (50, "whit-monday"))


def easter(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def holidays(year: int) -> dict[date, str]:
    """The Flemish public holidays of `year`: date -> name key."""
    found = {date(year, month, day): key for month, day, key in FIXED}
    sunday = easter(year)
    found.update({sunday + timedelta(days=offset): key for offset, key in AFTER_EASTER})
    return dict(sorted(found.items()))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and no public holiday."""
    return day.weekday() < 5 and day not in holidays(day.year)


def first_working_day_after(day: date) -> date:
    """The first working day after `day` (never `day` itself)."""
    candidate = day + timedelta(days=1)
    while not is_working_day(candidate):
        candidate += timedelta(days=1)
    return candidate
