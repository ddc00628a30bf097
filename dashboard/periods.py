"""Periods as Brussels calendar days (CONTRACT.md §3), and their UTC bounds for querying.

A request counts on the Brussels day that contains its `requested_at`; a period [start, end] of local dates
therefore covers the UTC instants from local midnight of `start` to local midnight after `end`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dashboard.i18n import format_date, t

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


def quarter_end(day: date) -> date:
    return month_end(add_months(quarter_start(day), 2))


def quarter_label(day: date) -> str:
    """The quarter of `day` as 'YYYY-Qn' (the report's period, the quarter picker's value after 'quarter-')."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


# The years a period may lie in: the bounds of a date in the query string (dashboard.filters) and of the pickers.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
QUICK_PRESETS = ("last-12-months", "this-month", "last-month", "this-quarter", "last-quarter")


def preset_range(preset: str | None, today: date) -> tuple[date, date] | None:
    """The [start, end] of a period choice: a quick one (QUICK_PRESETS), `quarter-YYYY-Qn` or `year-YYYY`; None
    for anything else (also a year outside EARLIEST..LATEST). Months and quarters are whole, to their end even
    while they run; "last-12-months" is the last twelve complete months."""
    if not isinstance(preset, str):
        return None
    quick = {
        "this-month": lambda: (month_start(today), month_end(today)),
        "last-month": lambda: (add_months(today, -1), month_start(today) - timedelta(days=1)),
        "this-quarter": lambda: (quarter_start(today), quarter_end(today)),
        "last-quarter": lambda: (add_months(quarter_start(today), -3), quarter_start(today) - timedelta(days=1)),
        "last-12-months": lambda: (add_months(today, -12), month_start(today) - timedelta(days=1)),
    }
    if preset in quick:
        return quick[preset]()
    kind, _, rest = preset.partition("-")
    if (kind, len(rest), rest[4:6]) in (("quarter", 7, "-Q"), ("year", 4, "")):
        return _within_years(parse_report_period(rest))
    return None


def _within_years(period: tuple[date, date] | None) -> tuple[date, date] | None:
    return period if period and EARLIEST <= period[0] and period[1] <= LATEST else None


def default_range(today: date) -> tuple[date, date]:
    """The period a page shows when the URL names none: the last twelve complete months."""
    return preset_range("last-12-months", today)


def is_future(start: date, today: date) -> bool:
    """Whether a period starting on `start` has not begun on `today`: nothing to count or compare yet."""
    return start > today


def is_running(start: date, end: date, today: date) -> bool:
    """Whether `today` lies within [start, end]: the period is still running and its figures are not final."""
    return start <= today <= end


@dataclass(frozen=True)
class RunningMonth:
    """The month still running within a period: in a monthly trend its bar is short and its rates still lack the
    outcomes to come."""

    month: str  # 'YYYY-MM'
    through: date  # today: the last day it counts


def running_month(start: date, end: date, today: date) -> RunningMonth | None:
    """The month of `today` when the period [start, end] is still running, else None."""
    return RunningMonth(f"{today:%Y-%m}", today) if is_running(start, end, today) else None


def comparison_periods(start: date, end: date, today: date) -> tuple[tuple[date, date], tuple[date, date]] | None:
    """What a period's figures are compared with: (the previous period, the same period a year earlier); None for
    a period that has not begun. A running period is compared like for like: its days up to `today` against as
    many days from the start of the previous period and from a year earlier (this quarter to 3 December against
    1 July to 3 September and 1 October to 3 December a year before)."""
    if is_future(start, today):
        return None
    if not is_running(start, end, today):
        return previous_period(start, end), year_earlier(start, end)
    before = previous_period(start, end)[0]
    months = _whole_months(start, end)
    last = _add_months_keeping_day(today, -months) if months else before + (today - start)
    return (before, min(last, start - timedelta(days=1))), (_year_back(start), _year_back(today))


def _whole_months(start: date, end: date) -> int:
    """The number of months of a period of whole months, else 0."""
    if start.day != 1 or end != month_end(end):
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _add_months_keeping_day(day: date, months: int) -> date:
    """The same day of the month `months` later, or that month's last day when it is shorter (31 May -> 30 April)."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, month_end(first).day))


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


# A day as a person types it in the period bar (issue 13): day, month, year (31-12-2025, 31/12/2025, 31.12.2025,
# 1-2-2026), or the URL's ISO form (2025-12-31), which a pasted link or an older bookmark carries.
TYPED_DAY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
TYPED_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
TYPED_FORMS = {"nl": "%d-%m-%Y", "en": "%d/%m/%Y"}


def read_typed_date(text) -> date | None:
    """The calendar day a date input holds, or None when it holds no (real) day."""
    text = text.strip() if isinstance(text, str) else ""
    try:
        if match := TYPED_DAY.fullmatch(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := TYPED_ISO_DAY.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # 31-02-2026
        return None
    return None


def format_typed_date(day: date, lang: str) -> str:
    """A day as the period bar's input shows it: 31-12-2025 (nl), 31/12/2025 (en)."""
    return day.strftime(TYPED_FORMS.get(lang, TYPED_FORMS["nl"]))


def parse_report_period(text: str | None) -> tuple[date, date] | None:
    """A report period: 'YYYY' (a year), 'YYYY-Qn' (a quarter), 'YYYY-MM' (a month) or 'YYYY-MM..YYYY-MM' (whole
    months, the first to the last); None if malformed."""
    text = (text or "").strip()
    first, dots, last = text.partition("..")
    if dots:
        months = [_month_of(part) for part in (first, last)]
        return (months[0][0], months[1][1]) if all(months) and months[0] <= months[1] else None
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


def _month_of(text: str) -> tuple[date, date] | None:
    bounds = parse_report_period(text) if len(text) == 7 and text[4] == "-" and text[5:].isdigit() else None
    return bounds


def report_period_of(start: date, end: date) -> str | None:
    """The report period that is [start, end]: a year, a quarter, a month or a run of whole months ('YYYY-MM..YYYY-MM');
    None for a period of days (the report counts whole months)."""
    months = _whole_months(start, end)
    if not months:
        return None
    named = {12: f"{start.year}", 3: quarter_label(start), 1: f"{start:%Y-%m}"}.get(months)
    if named and parse_report_period(named) == (start, end):
        return named
    return f"{start:%Y-%m}..{end:%Y-%m}"


def last_complete_quarter(today: date) -> str:
    """The quarter before the one `today` is in, as 'YYYY-Qn'."""
    return quarter_label(add_months(quarter_start(today), -3))


def period_notice(start: date, end: date, today: date, lang: str) -> tuple[str, str] | None:
    """What a reader must know about the period [start, end] on `today`: ("future", the message) when it has not
    begun, ("running", the note) while it runs, None when it is complete."""
    if is_future(start, today):
        return "future", t("period-future", lang, day=format_date(start, lang))
    if is_running(start, end, today):
        return "running", t("period-running", lang, day=format_date(today, lang))
    return None
