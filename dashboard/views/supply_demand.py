"""Live supply and demand per language, for today, the next 7 and the next 14 Brussels days.

Demand: open requests (pending, matched) scheduled from now to the window's last midnight. Supply: the hours
interpreters declared free (availability slots; overlapping slots count once, a slot crossing midnight counts on
both days), from now on, on days they are in the register (registered on or before the day, not yet left), with
the hours they are booked (matched requests) taken out. An interpreter with several languages offers the same hours
to each of them: supply per language is what could go to that language, and does not add up across languages.

gap = pending hours − free hours (above 0: not enough free interpreter hours for what still waits);
coverage = free hours ÷ pending hours (empty when nothing is pending). regions_short names the regions of the
requesting organisations where a language's pending hours exceed the free hours of its interpreters there (and of
those without a region, who serve everywhere).

recent_shortage_rate is the language's shortage rate over the last RECENT_DAYS complete Brussels days (up to
yesterday), exactly as /shortages ranks it over those days (its `ranking`, the same filters): live coverage says
what the next days look like, the recent rate how often requests went without an interpreter lately.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from dashboard import codes
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.metrics import rates_of
from dashboard.periods import BRUSSELS, brussels_today, local_midnight
from dashboard.views import with_language_names
from dashboard.views.shortages import ranking
from queries.reference import select_regions
from queries.supply import select_bookings, select_interpreter_languages, select_open_requests, select_slots

WINDOWS = {"today": 1, "7d": 7, "14d": 14}  # Brussels calendar days, today included
RECENT_DAYS = 90  # the recent shortage rate covers this many complete days, up to yesterday
DEFAULT_WINDOW = "7d"
# The page refreshes this often; slots and the register are not seen by the data version, so their cached rows
# live no longer than this.
REFRESH_SECONDS = 30

LANGUAGE_COLUMNS = (
    "language_code",
    "language",
    "open_requests",
    "pending",
    "matched",
    "pending_hours",
    "open_hours",
    "without_duration",
    "median_wait_hours",
    "max_wait_hours",
    "available_interpreters",
    "booked_interpreters",
    "available_hours",
    "free_hours",
    *(f"free_hours_{kind}" for kind in codes.KINDS),
    "gap_hours",
    "coverage",
    "recent_shortage_rate",
    "regions_short",
)
OPEN_REQUEST_COLUMNS = (
    "request_id",
    "language_code",
    "organisation",
    "region_code",
    "modality",
    "status",
    "scheduled_start",
    "duration_min",
    "wait_hours",
)


@dataclass(frozen=True)
class Window:
    """From `now` to local midnight after the last of `days` (Brussels calendar days, today first)."""

    now: datetime
    days: tuple[date, ...]

    @property
    def end(self) -> datetime:
        return local_midnight(self.days[-1] + timedelta(days=1))

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The part of Brussels day `day` that is still to come: [max(now, midnight), next midnight)."""
        return max(self.now, local_midnight(day)), local_midnight(day + timedelta(days=1))


def live_window(now: datetime, window: str = DEFAULT_WINDOW) -> Window:
    """The window named `window` (today, 7d, 14d) as seen at `now` (UTC), taken to the minute: the page says
    "situation at 10:15", and a minute's figures can be computed once."""
    now = now.astimezone(UTC).replace(second=0, microsecond=0)
    today = brussels_today(now)
    return Window(now, tuple(today + timedelta(days=i) for i in range(WINDOWS[window])))


def recent_period(now: datetime) -> tuple[date, date]:
    """The last RECENT_DAYS complete Brussels days before the day of `now` (UTC): [first, yesterday]."""
    yesterday = brussels_today(now) - timedelta(days=1)
    return yesterday - timedelta(days=RECENT_DAYS - 1), yesterday


def recent_shortage(data: DataAccess, filters: Filters, now: datetime, lang: str = "nl") -> pd.DataFrame:
    """Per language with requests in the recent period (`recent_period`): its shortage rate there, from the
    /shortages ranking of that period with the same filters (language_code, recent_shortage_rate)."""
    ranked = ranking(data, filters.with_period(*recent_period(now)), lang)
    return ranked[["language_code", "shortage_rate"]].rename(columns={"shortage_rate": "recent_shortage_rate"})


# --- interval arithmetic on (start, end) pairs ---------------------------------------------------------------


def merge(intervals) -> list[tuple]:
    """The union of intervals as sorted, disjoint intervals (overlapping or touching slots become one)."""
    merged: list[list] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]


def clip(intervals, low, high) -> list[tuple]:
    """The parts of disjoint intervals inside [low, high)."""
    return [(max(s, low), min(e, high)) for s, e in intervals if s < high and e > low]


def subtract(intervals, cuts) -> list[tuple]:
    """Disjoint intervals minus the union of `cuts`."""
    result = []
    for start, end in intervals:
        for cut_start, cut_end in clip(merge(cuts), start, end):
            if cut_start > start:
                result.append((start, cut_start))
            start = max(start, cut_end)
        if start < end:
            result.append((start, end))
    return result


# --- supply -------------------------------------------------------------------------------------------------


def interpreter_day_hours(
    slots: pd.DataFrame, bookings: pd.DataFrame, registers: pd.DataFrame, window: Window
) -> pd.DataFrame:
    """Per interpreter and day of the window: hours available (declared, from now on) and free (not booked).
    `registers` holds each interpreter's registered_on and left_on; days outside the register are left out.
    Instants are epoch seconds here, and rows plain lists: this runs for thousands of slots on every refresh."""
    declared = _intervals_by_interpreter(slots.interpreter_id, slots.starts_at, slots.ends_at)
    taken = _intervals_by_interpreter(bookings.interpreter_id, bookings.start, bookings.end)
    in_register = _register_days(registers, window.days)
    bounds = [(day, *(moment.timestamp() for moment in window.day_bounds(day))) for day in window.days]
    rows = []
    for interpreter, intervals in declared.items():
        for day, low, high in bounds:
            available = clip(intervals, low, high) if (interpreter, day) in in_register else []
            if available:
                free = subtract(available, taken.get(interpreter, []))
                rows.append((interpreter, day, _seconds(available) / 3600, _seconds(free) / 3600))
    return pd.DataFrame(rows, columns=["interpreter_id", "day", "available_hours", "free_hours"])


def _intervals_by_interpreter(ids: pd.Series, starts: pd.Series, ends: pd.Series) -> dict[int, list[tuple]]:
    """Merged (start, end) epoch-second intervals per interpreter."""
    grouped: dict[int, list[tuple]] = {}
    for interpreter, start, end in zip(ids.tolist(), _epoch(starts), _epoch(ends)):
        grouped.setdefault(interpreter, []).append((start, end))
    return {interpreter: merge(intervals) for interpreter, intervals in grouped.items()}


def _epoch(column: pd.Series) -> list[float]:
    return (column.astype("datetime64[us, UTC]").astype("int64") / 1e6).tolist()


def _seconds(intervals) -> float:
    return sum(end - start for start, end in intervals)


def _register_days(registers: pd.DataFrame, days: tuple[date, ...]) -> set[tuple[int, date]]:
    """(interpreter, day) pairs where the interpreter is in the register: registered on or before the day and not
    yet left."""
    found = set()
    for row in registers.drop_duplicates("interpreter_id").itertuples():
        registered, left = _as_date(row.registered_on), None if pd.isna(row.left_on) else _as_date(row.left_on)
        found.update((row.interpreter_id, day) for day in days if registered <= day and (left is None or day < left))
    return found


def _as_date(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else pd.Timestamp(value).date()


def supply_rows(data: DataAccess, filters: Filters, window: Window) -> pd.DataFrame:
    """Per interpreter, language they speak and day: kind, available and free hours (an interpreter appears once
    for each of their languages)."""
    frames = _fetch_window(data, filters, window)
    speakers = frames["speakers"]
    per_interpreter = interpreter_day_hours(frames["slots"], frames["bookings"], speakers, window)
    return per_interpreter.merge(speakers[["interpreter_id", "language_id", "kind", "region_id"]], on="interpreter_id")


# --- demand -------------------------------------------------------------------------------------------------


def open_requests_in(data: DataAccess, filters: Filters, window: Window) -> pd.DataFrame:
    """The open requests scheduled from now to the window's end, with their Brussels day, booked hours and,
    for pending ones, hours waited since they were requested."""
    table = _fetch_window(data, filters, window)["open"]
    table = table[table.scheduled_start >= window.now].rename(columns={"id": "request_id"})
    table["day"] = table.scheduled_start.dt.tz_convert(BRUSSELS).dt.date
    table["hours"] = table.duration_min.fillna(0) / 60
    waited = (pd.Timestamp(window.now) - table.requested_at) / pd.Timedelta(hours=1)
    table["wait_hours"] = waited.where(table.status == "pending")
    return table


def _fetch_window(data: DataAccess, filters: Filters, window: Window) -> dict[str, pd.DataFrame]:
    """The rows behind a window, fetched for whole Brussels days (so the cache holds them while `now` moves) and
    with timestamps as UTC."""
    first, end = local_midnight(window.days[0]), window.end
    codes_only = filters.with_period(window.days[0], window.days[0])
    open_ = data.fetch(select_open_requests, codes_only, first, end)
    slots = data.fetch(select_slots, first, end, max_age=REFRESH_SECONDS)
    bookings = data.fetch(select_bookings, first - timedelta(days=1), end)
    bookings = bookings.assign(start=_utc(bookings.scheduled_start))
    bookings["end"] = bookings.start + pd.to_timedelta(bookings.duration_min.fillna(0), unit="min")
    return {
        "open": open_.assign(scheduled_start=_utc(open_.scheduled_start), requested_at=_utc(open_.requested_at)),
        "slots": slots.assign(starts_at=_utc(slots.starts_at), ends_at=_utc(slots.ends_at)),
        "bookings": bookings,
        "speakers": data.fetch(select_interpreter_languages, codes_only, max_age=REFRESH_SECONDS),
    }


def _utc(column: pd.Series) -> pd.Series:
    """Timestamps as UTC-aware (SQLite gives naive UTC, PostgreSQL aware values)."""
    return pd.to_datetime(column, utc=True)


# --- the views ----------------------------------------------------------------------------------------------


def by_language(
    data: DataAccess, filters: Filters, now: datetime | None = None, window: str = DEFAULT_WINDOW, lang: str = "nl"
) -> pd.DataFrame:
    """Per language with open requests or free hours in the window: demand, supply, gap and coverage; the
    largest gap first."""
    span = live_window(now or datetime.now(UTC), window)
    return data.remember(
        "supply_demand.by_language",
        (filters, span.now, window, lang),
        lambda: _by_language(data, filters, span, lang),
        max_age=REFRESH_SECONDS,
    )


def _by_language(data: DataAccess, filters: Filters, span: Window, lang: str) -> pd.DataFrame:
    open_, rows = open_requests_in(data, filters, span), supply_rows(data, filters, span)
    demand = _demand_per_language(open_)
    supply = _supply_per_language(rows)
    table = demand.merge(supply, on="language_id", how="outer")
    table = with_language_names(data, table, lang)
    table = table.merge(recent_shortage(data, filters, span.now, lang), on="language_code", how="left")
    rate = table.recent_shortage_rate.astype(object)
    table["recent_shortage_rate"] = rate.where(rate.notna(), None)  # an empty rate, as rates_of keeps it
    short = _regions_short(open_, rows, data.fetch(select_regions).set_index("id").code)
    table["regions_short"] = [short.get(language, "") for language in table.language_id]
    counts = [
        "open_requests",
        "pending",
        "matched",
        "without_duration",
        "available_interpreters",
        "booked_interpreters",
    ]
    table[counts] = table[counts].fillna(0).astype("int64")
    hour_columns = [c for c in LANGUAGE_COLUMNS if "hours" in c and "wait" not in c and c != "gap_hours"]
    table[hour_columns] = table.reindex(columns=hour_columns).fillna(0.0).astype(float)
    table["gap_hours"] = table.pending_hours - table.free_hours
    table = rates_of(table, {"coverage": ("free_hours", "pending_hours")})
    table = table.sort_values(["gap_hours", "pending", "language_code"], ascending=[False, False, True])
    return table[list(LANGUAGE_COLUMNS)].reset_index(drop=True)


def _regions_short(open_: pd.DataFrame, rows: pd.DataFrame, codes_by_id: pd.Series) -> dict[int, str]:
    """Per language: the regions (of the requesting organisations) where pending hours exceed the free hours of
    the language's interpreters of that region and of those without a region (who serve everywhere), worst first:
    'ANT, LIM'."""
    pending = open_[open_.status == "pending"].groupby(["language_id", "region_code"]).hours.sum()
    region_of = rows.region_id.map(codes_by_id).fillna("")
    free = rows.assign(region_code=region_of).groupby(["language_id", "region_code"]).free_hours.sum()
    found: dict[int, list[tuple[float, str]]] = {}
    for (language, region), hours in pending.items():
        gap = hours - free.get((language, region), 0.0) - free.get((language, ""), 0.0)
        if gap > 0:
            found.setdefault(language, []).append((-gap, region))
    return {language: ", ".join(region for _, region in sorted(gaps)) for language, gaps in found.items()}


def _demand_per_language(open_: pd.DataFrame) -> pd.DataFrame:
    pending = open_.status == "pending"
    frame = open_.assign(
        pending=pending,
        matched=~pending,
        pending_hours=open_.hours.where(pending, 0.0),
        without_duration=open_.duration_min.isna(),
        booked=open_.interpreter_id.where(~pending),
    )
    return frame.groupby("language_id", as_index=False).agg(
        open_requests=("request_id", "size"),
        pending=("pending", "sum"),
        matched=("matched", "sum"),
        pending_hours=("pending_hours", "sum"),
        open_hours=("hours", "sum"),
        without_duration=("without_duration", "sum"),
        median_wait_hours=("wait_hours", "median"),
        max_wait_hours=("wait_hours", "max"),
        booked_interpreters=("booked", "nunique"),
    )


def _supply_per_language(rows: pd.DataFrame) -> pd.DataFrame:
    totals = rows.groupby("language_id", as_index=False).agg(
        available_hours=("available_hours", "sum"),
        free_hours=("free_hours", "sum"),
        available_interpreters=("interpreter_id", "nunique"),
    )
    by_kind = rows.pivot_table(index="language_id", columns="kind", values="free_hours", aggfunc="sum")
    by_kind = by_kind.reindex(columns=list(codes.KINDS)).add_prefix("free_hours_").reset_index()
    return totals.merge(by_kind, on="language_id", how="left")


def gap_by_day(
    data: DataAccess, filters: Filters, now: datetime | None = None, lang: str = "nl", window: str = "14d"
) -> pd.DataFrame:
    """Per language and Brussels day of the window: pending hours, free hours and their gap (the heatmap), for
    the languages with anything pending or free; zero where a language has nothing that day."""
    span = live_window(now or datetime.now(UTC), window)
    return data.remember(
        "supply_demand.gap_by_day",
        (filters, span.now, window, lang),
        lambda: _gap_by_day(data, filters, span, lang),
        max_age=REFRESH_SECONDS,
    )


def _gap_by_day(data: DataAccess, filters: Filters, span: Window, lang: str) -> pd.DataFrame:
    open_ = open_requests_in(data, filters, span)
    pending = open_[open_.status == "pending"].groupby(["language_id", "day"]).hours.sum().rename("pending_hours")
    free = supply_rows(data, filters, span).groupby(["language_id", "day"]).free_hours.sum()
    languages = sorted(set(pending.index.get_level_values(0)) | set(free.index.get_level_values(0)))
    grid = pd.MultiIndex.from_product([languages, list(span.days)], names=["language_id", "day"])
    table = pd.concat([pending, free], axis=1).reindex(grid, fill_value=0.0).fillna(0.0).reset_index()
    table["gap_hours"] = table.pending_hours - table.free_hours
    table = with_language_names(data, table, lang)
    return table[["language_code", "language", "day", "pending_hours", "free_hours", "gap_hours"]]


def open_requests(
    data: DataAccess,
    filters: Filters,
    now: datetime | None = None,
    window: str = "14d",
    language_code: str | None = None,
) -> pd.DataFrame:
    """The open requests of the window (of one language, or all), soonest first: the drill-down list."""
    span = live_window(now or datetime.now(UTC), window)
    table = with_language_names(data, open_requests_in(data, filters, span))
    if language_code:
        table = table[table.language_code == language_code]
    table = table.sort_values(["scheduled_start", "request_id"])
    return table[list(OPEN_REQUEST_COLUMNS)].reset_index(drop=True)


def by_region(
    data: DataAccess, filters: Filters, language_code: str, now: datetime | None = None, window: str = DEFAULT_WINDOW
) -> pd.DataFrame:
    """For one language, per region (of the requesting organisation; of the interpreter for supply, "" = no
    region, serving everywhere): pending requests and hours, and free hours."""
    span = live_window(now or datetime.now(UTC), window)
    open_ = with_language_names(data, open_requests_in(data, filters, span))
    rows = with_language_names(data, supply_rows(data, filters, span))
    open_, rows = open_[open_.language_code == language_code], rows[rows.language_code == language_code]
    pending = (
        open_[open_.status == "pending"]
        .groupby("region_code")
        .agg(pending=("request_id", "size"), pending_hours=("hours", "sum"))
    )
    codes_by_id = data.fetch(select_regions).set_index("id").code
    free = (
        rows.assign(region_code=rows.region_id.map(codes_by_id).fillna(""))
        .groupby("region_code")
        .agg(free_hours=("free_hours", "sum"), available_interpreters=("interpreter_id", "nunique"))
    )
    table = pending.join(free, how="outer").fillna(0).reset_index()
    return (
        table.astype({"pending": "int64", "available_interpreters": "int64"})
        .sort_values(["pending_hours", "region_code"], ascending=[False, True])
        .reset_index(drop=True)
    )


def _export_now(context) -> datetime:
    return context.settings.current_time()


EXPORTS = {
    "supply-demand": lambda context, filters, lang: by_language(
        context.data, filters, _export_now(context), "14d", lang
    ),
    "open-requests": lambda context, filters, lang: open_requests(context.data, filters, _export_now(context)),
}
