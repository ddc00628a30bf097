"""Build a demo operational database: the world, then every month from January 2019 up to "now".

Deterministic for a seed: each month draws from its own seeded generators, so a month's data does not depend
on how many months were drawn before it, and memory stays bounded by one month at any scale.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from dashboard.demo import availability, plan
from dashboard.demo import calibrate as calibration_step
from dashboard.demo.activity import DAY, Month, Supply, sample_demand, to_local
from dashboard.demo.outcomes import cut_at_now, cut_invitations, decide, future_updates, timeline
from dashboard.demo.population import Population, build_population
from dashboard.demo.writer import open_target

FIRST_YEAR = 2019
# Streams of random numbers, one per purpose, so that changing one part leaves the others' draws alone.
WORLD, DEMAND, OUTCOMES, TIMES, AVAILABILITY, FUTURE = range(6)


@dataclass(frozen=True)
class DemoOptions:
    """What to build: the seed, the volume multiplier and the moment the data stops (UTC)."""

    seed: int = 2022
    scale: float = 1.0
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def now64(self) -> np.datetime64:
        return np.datetime64(self.now.astimezone(UTC).replace(tzinfo=None), "s")


@dataclass
class DemoSummary:
    """What was written, for the command line to report."""

    requests: int = 0
    interpreters: int = 0
    organisations: int = 0
    seconds: float = 0.0


def build_demo(target: str, options: DemoOptions, progress: Callable[[str], None] = lambda _: None) -> DemoSummary:
    """Write a complete demo database to `target` (a new SQLite path or an empty database's URL)."""
    started = time.perf_counter()
    world = build_population(np.random.default_rng([options.seed, WORLD]), options.scale)
    k = calibration_step.calibrate(
        [
            _demand(world, options, month)
            for month in _months(options)
            if month.year == calibration_step.CALIBRATION_YEAR
        ]
    )
    progress(f"calibrated matching factors: {', '.join(f'{m} {v:.3g}' for m, v in k.items())}")
    summary = DemoSummary(interpreters=len(world.interpreters), organisations=len(world.organisations))
    with open_target(target) as writer:
        _write_world(writer, world)
        next_request, next_invitation = 1, 1
        days, bookings = availability.slot_days(options.now64), []
        for month in _months(options):
            requests, invitations = _month_requests(world, options, month, k)
            bookings.append(_bookings_in(requests, days))
            requests.insert(0, "id", np.arange(next_request, next_request + len(requests)))
            invitations = invitations.assign(request_id=invitations.row.to_numpy(int) + next_request)
            invitations.insert(0, "id", np.arange(next_invitation, next_invitation + len(invitations)))
            writer.write("requests", requests)
            writer.write("invitations", invitations)
            next_request += len(requests)
            next_invitation += len(invitations)
            if month.month == 12:
                progress(f"{month.year}: {next_request - 1:,} requests so far")
        writer.write("availability", _availability(world, options, k, bookings, days))
    summary.requests = next_request - 1
    summary.seconds = time.perf_counter() - started
    return summary


def _months(options: DemoOptions) -> list[Month]:
    last = pd.Timestamp(to_local(np.array([options.now64]))[0])
    return [
        Month(year, month, options.now64)
        for year in range(FIRST_YEAR, last.year + 1)
        for month in range(1, 13)
        if (year, month) <= (last.year, last.month)
    ]


def _demand(world: Population, options: DemoOptions, month: Month):
    counts = {m: int(c[month.month - 1]) for m, c in plan.monthly_counts(month.year, options.scale).items()}
    lang_p = plan.language_probabilities(
        world.languages, world.regions, month.year, month.month, sum(counts.values()) / options.scale
    )
    frame = sample_demand(_rng(options, DEMAND, month), world, month, counts, lang_p)
    return frame, Supply.for_month(world, month), month


def _month_requests(world: Population, options: DemoOptions, month: Month, k: dict[str, float]):
    frame, supply, _ = _demand(world, options, month)
    if frame.empty:
        return pd.DataFrame(), pd.DataFrame(columns=["row"])
    status, interpreter, invitations = decide(_rng(options, OUTCOMES, month), frame, supply, month, k)
    times_rng = _rng(options, TIMES, month)
    times = timeline(times_rng, frame, status, invitations)
    requests = future_updates(
        _rng(options, FUTURE, month), cut_at_now(times_rng, frame, status, interpreter, times, month.now), month.now
    )
    return requests, cut_invitations(invitations, month.now)


def _rng(options: DemoOptions, stream: int, month: Month | None = None) -> np.random.Generator:
    return np.random.default_rng([options.seed, stream] + ([month.year, month.month] if month else []))


def _bookings_in(requests: pd.DataFrame, days: np.ndarray) -> pd.DataFrame:
    """The month's requests booked ahead with an interpreter and a length that start around the slots' days."""
    columns = ["interpreter_id", "scheduled_start", "duration_min"]
    if requests.empty:
        return pd.DataFrame(columns=columns)
    start = requests.scheduled_start.to_numpy("datetime64[s]")
    near = (start >= (days[0] - DAY).astype("datetime64[s]")) & (start < (days[-1] + 2 * DAY).astype("datetime64[s]"))
    booked = near & availability.booked_ahead(requests) & requests.interpreter_id.notna().to_numpy()
    return requests.loc[booked & requests.duration_min.notna().to_numpy(), columns]


def _availability(world: Population, options: DemoOptions, k, bookings: list[pd.DataFrame], days) -> pd.DataFrame:
    """The slots of `days`: the hours the matching model lets each interpreter take, with their bookings inside."""
    hours = availability.daily_hours(
        [_demand(world, options, month) for month in availability.months_of(days)], k, days
    )
    booked = pd.concat(bookings, ignore_index=True)
    return availability.availability_slots(world.interpreters, hours, booked, days, _rng(options, AVAILABILITY))


def _write_world(writer, world: Population) -> None:
    writer.write("regions", world.regions)
    writer.write("local_governments", world.local_governments)
    writer.write("organisations", world.organisations)
    writer.write("languages", world.languages)
    writer.write("interpreters", world.interpreters)
    writer.write("interpreter_languages", world.interpreter_languages)
