"""Periods as Brussels calendar days (CONTRACT.md §3), and their UTC bounds for querying.

A request counts on the Brussels day that contains its `requested_at`; a period [start, end] of local dates
therefore covers the UTC instants from local midnight of `start` to local midnight after `end`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC [from, to) covering the Brussels days `start` to `end` inclusive."""
    return local_midnight(start), local_midnight(end + timedelta(days=1))


def local_midnight(day: date) -> datetime:
    """The UTC instant at which `day` starts in Brussels."""
    return datetime(day.year, day.month, day.day, tzinfo=BRUSSELS).astimezone(UTC)


def brussels_today(now: datetime) -> date:
    """The Brussels calendar day of the UTC instant `now`."""
    return now.astimezone(BRUSSELS).date()


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def preset_range(preset: str | None, today: date) -> tuple[date, date] | None:
    """The [start, end] of a quick choice: this-month, last-month, this-quarter, last-12-months, year-YYYY."""
    if preset == "this-month":
        return month_start(today), today
    if preset == "last-month":
        start = add_months(today, -1)
        return start, month_end(start)
    if preset == "this-quarter":
        return quarter_start(today), today
    if preset == "last-12-months":
        return add_months(today, -11), today
    if preset and preset.startswith("year-") and preset[5:].isdigit():
        year = int(preset[5:])
        return date(year, 1, 1), date(year, 12, 31)
    return None


def default_range(today: date) -> tuple[date, date]:
    """The period a page shows when the URL names none: the last twelve months, this month included."""
    return preset_range("last-12-months", today)


def months_between(start: date, end: date) -> list[str]:
    """Every month label 'YYYY-MM' from the month of `start` to the month of `end`."""
    labels, current = [], month_start(start)
    while current <= end:
        labels.append(f"{current:%Y-%m}")
        current = add_months(current, 1)
    return labels


def split_by_months(start: date, end: date) -> tuple[tuple[str, str] | None, list[tuple[date, date]]]:
    """The whole months within [start, end] as ('YYYY-MM', 'YYYY-MM'), and the leftover day ranges."""
    first = start if start.day == 1 else add_months(start, 1)
    last = month_start(end) if end == month_end(end) else add_months(end, -1)
    if first > last:
        return None, [(start, end)]
    edges = []
    if start < first:
        edges.append((start, first - timedelta(days=1)))
    if end > month_end(last):
        edges.append((month_end(last) + timedelta(days=1), end))
    return (f"{first:%Y-%m}", f"{last:%Y-%m}"), edges


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period just before: as many whole months when the period is whole months, else as many days."""
    whole, edges = split_by_months(start, end)
    if whole and not edges:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        first = add_months(start, -months)
        return first, start - timedelta(days=1)
    length = end - start + timedelta(days=1)
    return start - length, start - timedelta(days=1)


def year_earlier(start: date, end: date) -> tuple[date, date]:
    """The same dates a year before; a month's last day stays a month's last day (29 February <-> 28th)."""
    first, last = _year_back(start), _year_back(end)
    return first, month_end(last) if end == month_end(end) else last


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def parse_report_period(text: str | None) -> tuple[date, date] | None:
    """A report period: 'YYYY' (a year), 'YYYY-Qn' (a quarter) or 'YYYY-MM' (a month); None if malformed."""
    text = (text or "").strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if len(text) == 7 and text[4:6] in ("-Q", "-q") and text[6] in "1234" and text[:4].isdigit():
            first = date(int(text[:4]), 3 * int(text[6]) - 2, 1)
            return first, month_end(add_months(first, 2))
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            first = date(int(text[:4]), int(text[5:]), 1)
            return first, month_end(first)
    except ValueError:
        return None
    return None


def last_complete_quarter(today: date) -> str:
    """The quarter before the one `today` is in, as 'YYYY-Qn'."""
    start = add_months(quarter_start(today), -3)
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
