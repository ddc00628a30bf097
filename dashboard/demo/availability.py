"""The demo's availability slots: each interpreter declares the hours the matching model lets them take.

The matching model (dashboard.demo.activity) matches a request with probability min(1, k * capacity / demand) in
its bucket, so a bucket can take at most k * capacity requests a month: in hours, the sum over the bucket's
requests of k * (capacity per unit of demand) * the model's hard-case factor * the booked hours, as
`matching_pressure` gives them (`bucket_capacity_hours`). Each interpreter of the bucket gets the share the model
assigns them (their weight, `_assign`); a taalhulp helper gets an equal part of the hours their pool's helpers are
expected to accept (`helper_hours`). Every factor comes from the model's own functions, so that the future
availability follows the same scarcity as the history: a language short in history has few hours to spare.

The month's hours are spread over its days in proportion to when its appointments fall (the model's scheduled
starts by weekday). Day by day an interpreter's booked appointments lie inside what they declared; what is left of
their hours (carried to the next day while under an hour) is declared as free time around the bookings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.demo import calibration as cal
from dashboard.demo.activity import (
    DAY,
    Month,
    Supply,
    bucket_keys,
    helper_miss_probability,
    lead_hours,
    matching_pressure,
    taalhulp_pool_sizes,
    to_local,
    to_utc,
)

DAYS_BEFORE, DAYS_AFTER = 7, 29  # slots from a week before today to four weeks after
MIN_BLOCK_HOURS = 1.0  # nobody declares a few minutes: smaller remainders wait for the next day
# Nobody works longer days than this, whatever the model allows (at small scales calibration can leave k huge).
MAX_DAY_HOURS = 10.0
QUARTER = 0.25
# Where a day's free time begins (Brussels hour) and how often; it runs on past the bookings until DAY_END.
BLOCK_STARTS, BLOCK_START_P = (8, 9, 13), (0.5, 0.2, 0.3)
DAY_START, DAY_END = 8, 21
AD_HOC_LEAD_HOURS = 1.0  # booked less than this ahead: ad hoc (as outcomes.timeline has it)
DUPLICATE_SHARE = 0.03  # slots declared twice (the second an hour later, inside the first): counted once


def slot_days(now: np.datetime64) -> np.ndarray:
    """The Brussels days that get slots, around the day of `now` (UTC)."""
    today = to_local(np.array([now]))[0].astype("datetime64[D]")
    return np.arange(today - DAYS_BEFORE * DAY, today + DAYS_AFTER * DAY)


def months_of(days: np.ndarray) -> list[Month]:
    """The calendar months the days fall in, each with all of its demand (no "now" cuts it)."""
    first = sorted({(int(str(d)[:4]), int(str(d)[5:7])) for d in days.astype("datetime64[M]")})
    return [Month(year, month, np.datetime64("9999-12-31T00:00:00")) for year, month in first]


# --- the hours the model lets each interpreter take in a month ---------------------------------------------------


def model_hours(frame: pd.DataFrame, supply: Supply, month: Month, k: dict[str, float]) -> pd.Series:
    """Per interpreter id: the hours the matching model lets them take in `month`, given its demand `frame`."""
    parts = [_interpreter_hours(frame, supply, month, k), helper_hours(frame, supply)]
    return pd.concat(parts).groupby(level=0).sum()


def bucket_capacity_hours(frame: pd.DataFrame, supply: Supply, month: Month, k: dict[str, float]) -> pd.Series:
    """Per matching bucket (activity.bucket_keys): the hours its interpreters can take this month, by the model."""
    ratio, factor = matching_pressure(frame, supply, month)
    offered = frame.modality.map(k).to_numpy(float) * ratio * factor * _kept(frame) * _hours(frame)
    interpreting = (frame.service == "interpreter").to_numpy() & booked_ahead(frame)
    return pd.Series(offered[interpreting]).groupby(bucket_keys(frame).to_numpy()[interpreting]).sum()


def _interpreter_hours(frame, supply: Supply, month: Month, k) -> pd.Series:
    capacity = bucket_capacity_hours(frame, supply, month, k)
    shares = []
    for modality in codes.MODALITIES:
        eligible = supply.eligible(modality, month)
        eligible = eligible[eligible.weight > 0]
        keys = bucket_keys(eligible.assign(modality=modality)).to_numpy()
        weight = eligible.weight.to_numpy(float)
        share = weight / pd.Series(weight).groupby(keys).transform("sum").to_numpy()
        hours = share * capacity.reindex(keys).fillna(0.0).to_numpy()
        shares.append(pd.Series(hours, index=eligible.interpreter_id.to_numpy()))
    return pd.concat(shares).groupby(level=0).sum()


def helper_hours(frame: pd.DataFrame, supply: Supply) -> pd.Series:
    """Per taalhulp helper: an equal part of the hours their pool is expected to accept (up to MAX_INVITATIONS
    helpers invited in turn, each accepting with INVITATION_ACCEPT)."""
    taalhulp = (frame.service == "taalhulp").to_numpy()
    accepted = (1 - helper_miss_probability(taalhulp_pool_sizes(frame, supply))) * _kept(frame) * _hours(frame)
    pools = pd.Series(accepted[taalhulp]).groupby(
        [frame.local_government_id.to_numpy()[taalhulp], frame.language_id.to_numpy()[taalhulp]]
    )
    per_pool = pools.sum()
    helpers = supply.pairs[(supply.pairs.kind == "taalhulp") & (supply.pairs.capacity > 0)]
    index = pd.MultiIndex.from_arrays([helpers.local_government_id.astype(int), helpers.language_id.astype(int)])
    size = helpers.groupby(["local_government_id", "language_id"]).size().reindex(index).to_numpy()
    hours = per_pool.reindex(index).fillna(0.0).to_numpy() / size
    return pd.Series(hours, index=helpers.interpreter_id.to_numpy()).groupby(level=0).sum()


def booked_ahead(frame: pd.DataFrame) -> np.ndarray:
    """Whether each request is booked ahead rather than ad hoc: an ad hoc phone call is put through to whoever
    is on the line within minutes (DOMAIN §3, "no reservation needed"), never waits as an open request, so the
    hours it takes are not declared as slots either."""
    return lead_hours(frame) >= AD_HOC_LEAD_HOURS


def _kept(frame: pd.DataFrame) -> np.ndarray:
    """The share of each request that is not unanswered for another reason (those never reach an interpreter)."""
    return 1.0 - frame.modality.map(cal.OTHER_REASON_RATE).to_numpy(float)


def _hours(frame: pd.DataFrame) -> np.ndarray:
    return pd.to_numeric(frame.duration_min, errors="coerce").fillna(0).to_numpy(float) / 60


def weekday_shares(frame: pd.DataFrame) -> np.ndarray:
    """Share of the month's booked hours that start on each weekday (Monday first), in Brussels time."""
    start = to_local(frame.scheduled_start.to_numpy("datetime64[s]")).astype("datetime64[D]")
    hours = np.bincount(_weekday(start), weights=_hours(frame), minlength=7)
    return hours / hours.sum() if hours.sum() else np.full(7, 1 / 7)


def daily_hours(months: list[tuple[pd.DataFrame, Supply, Month]], k: dict[str, float], days) -> pd.DataFrame:
    """Per interpreter (rows) and day (columns): the hours the model lets them take that day."""
    columns = {}
    for frame, supply, month in months:
        hours, share = model_hours(frame, supply, month, k), weekday_shares(frame)
        weekdays_in_month = np.bincount(_weekday(np.arange(month.first_day, month.next_first_day)), minlength=7)
        for day in days[(days >= month.first_day) & (days < month.next_first_day)]:
            wd = _weekday(day)
            columns[day] = hours * share[wd] / weekdays_in_month[wd]
    return pd.DataFrame(columns).reindex(columns=days).fillna(0.0)


def _weekday(days):
    """0 for Monday ... 6 for Sunday (1970-01-05 was a Monday)."""
    return (np.asarray(days).astype("datetime64[D]").view("int64") - 4) % 7


# --- the slots --------------------------------------------------------------------------------------------------


def availability_slots(people: pd.DataFrame, hours: pd.DataFrame, bookings: pd.DataFrame, days, rng) -> pd.DataFrame:
    """Slots (id, interpreter_id, starts_at, ends_at in UTC) for `days`: each interpreter's bookings
    (interpreter_id, scheduled_start UTC, duration_min) inside them, and the rest of their `hours` (interpreter ×
    day, `daily_hours`) free around them, while they are in the register or pool (`people`)."""
    present = _present(people, days)
    booked = _local_bookings(bookings, days)
    rows = []
    by_day = {person: row for person, row in zip(hours.index, hours.reindex(columns=days).fillna(0.0).to_numpy())}
    for interpreter in sorted(set(by_day) | set(booked)):
        carry = 0.0
        own, mine = booked.get(interpreter, {}), by_day.get(interpreter, np.zeros(len(days)))
        for i, day in enumerate(days):
            if (interpreter, day) not in present:
                carry = 0.0
                continue
            taken = own.get(day, [])
            wanted = min(carry + mine[i], MAX_DAY_HOURS)
            free = wanted - sum(end - start for start, end in taken)
            declared = np.floor(free / QUARTER) * QUARTER if free >= MIN_BLOCK_HOURS else 0.0
            carry = free - declared  # below 0 when overbooked: those hours were taken from the coming days
            blocks = _free_blocks(taken, declared, rng.choice(BLOCK_STARTS, p=BLOCK_START_P)) if declared else []
            rows.extend((interpreter, day, start, end) for start, end in _union(taken + blocks))
    return _as_slots(rows, rng)


def _present(people: pd.DataFrame, days: np.ndarray) -> set:
    """(interpreter, day) pairs where the interpreter is in the register or pool: registered, not yet left."""
    registered = pd.to_datetime(people.registered_on).to_numpy().astype("datetime64[D]")
    left = pd.to_datetime(people.left_on).to_numpy().astype("datetime64[D]")
    found = set()
    for person, start, end in zip(people.id.to_numpy(int), registered, left):
        found.update((person, day) for day in days if start <= day and (np.isnat(end) or day < end))
    return found


def _local_bookings(bookings: pd.DataFrame, days: np.ndarray) -> dict[int, dict]:
    """Per interpreter and Brussels day: booked (start, end) in hours after that day's midnight."""
    start = to_local(bookings.scheduled_start.to_numpy("datetime64[s]"))
    day = start.astype("datetime64[D]")
    hour = (start - day.astype("datetime64[s]")).astype("int64") / 3600
    length = bookings.duration_min.to_numpy(float) / 60
    found: dict[int, dict] = {}
    keep = np.isin(day, days) & (length > 0)
    for person, d, h, n in zip(bookings.interpreter_id.to_numpy(int)[keep], day[keep], hour[keep], length[keep]):
        found.setdefault(person, {}).setdefault(d, []).append((h, h + n))
    return found


def _free_blocks(taken: list[tuple], hours: float, start: int) -> list[tuple]:
    """`hours` of free time from `start` on, around the bookings, up to DAY_END; then from DAY_START."""
    blocks = []
    for low, high in ((start, DAY_END), (DAY_START, start), (DAY_END, 24.0)):
        for gap_start, gap_end in _gaps(taken + blocks, low, high):
            take = min(hours, gap_end - gap_start)
            if take > 0:
                blocks.append((gap_start, gap_start + take))
                hours -= take
    return blocks


def _gaps(taken: list[tuple], low: float, high: float) -> list[tuple]:
    """The parts of [low, high) that no interval of `taken` covers."""
    gaps, cursor = [], low
    for start, end in _union(taken):
        if start > cursor:
            gaps.append((cursor, min(start, high)))
        cursor = max(cursor, end)
    if cursor < high:
        gaps.append((cursor, high))
    return [(s, e) for s, e in gaps if e > s]


def _union(intervals: list[tuple]) -> list[tuple]:
    merged: list[list] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]


def _as_slots(rows: list[tuple], rng) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["interpreter_id", "day", "start", "end"])
    midnight = frame.day.to_numpy("datetime64[D]").astype("datetime64[s]")
    starts = midnight + np.round(frame.start.to_numpy(float) * 3600).astype("timedelta64[s]")
    ends = midnight + np.round(frame.end.to_numpy(float) * 3600).astype("timedelta64[s]")
    slots = pd.DataFrame(
        {"interpreter_id": frame.interpreter_id.to_numpy(int), "starts_at": to_utc(starts), "ends_at": to_utc(ends)}
    )
    longer = slots[slots.ends_at - slots.starts_at > pd.Timedelta(hours=1)]
    twice = longer[rng.random(len(longer)) < DUPLICATE_SHARE]
    twice = twice.assign(starts_at=twice.starts_at + pd.Timedelta(hours=1))
    slots = pd.concat([slots, twice]).sort_values(["starts_at", "interpreter_id"], kind="stable")
    slots.insert(0, "id", np.arange(1, len(slots) + 1))
    return slots.reset_index(drop=True)
