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

from dashboard.demo import calibrate as calibration_step
from dashboard.demo import plan
from dashboard.demo.activity import DAY, HOUR, Month, Supply, sample_demand, to_local, to_utc
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
        for month in _months(options):
            requests, invitations = _month_requests(world, options, month, k)
            requests.insert(0, "id", np.arange(next_request, next_request + len(requests)))
            invitations = invitations.assign(request_id=invitations.row.to_numpy(int) + next_request)
            invitations.insert(0, "id", np.arange(next_invitation, next_invitation + len(invitations)))
            writer.write("requests", requests)
            writer.write("invitations", invitations)
            next_request += len(requests)
            next_invitation += len(invitations)
            if month.month == 12:
                progress(f"{month.year}: {next_request - 1:,} requests so far")
        writer.write("availability", availability_slots(world, options))
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


def _rng(options: DemoOptions, stream: int, month: Month) -> np.random.Generator:
    return np.random.default_rng([options.seed, stream, month.year, month.month])


def _write_world(writer, world: Population) -> None:
    writer.write("regions", world.regions)
    writer.write("local_governments", world.local_governments)
    writer.write("organisations", world.organisations)
    writer.write("languages", world.languages)
    writer.write("interpreters", world.interpreters)
    writer.write("interpreter_languages", world.interpreter_languages)


# Declared free time: (start hour, length in hours) in Brussels time; the last crosses midnight.
SLOT_SHAPES = ((8, 4), (13, 4), (8, 9), (17, 4), (20, 6))
SLOT_CHANCE = {"certified": 0.45, "sworn": 0.3, "in_training": 0.35, "crisis": 0.25, "commercial": 0.6, "taalhulp": 0.2}


def availability_slots(world: Population, options: DemoOptions) -> pd.DataFrame:
    """Slots declared free from a week before now to four weeks after: scarce where interpreters are scarce."""
    rng = np.random.default_rng([options.seed, AVAILABILITY])
    today = to_local(np.array([options.now64]))[0].astype("datetime64[D]")
    days = np.arange(today - 7 * DAY, today + 29 * DAY)
    people = world.interpreters
    registered = pd.to_datetime(people.registered_on).to_numpy().astype("datetime64[D]")
    left = pd.to_datetime(people.left_on).to_numpy().astype("datetime64[D]")
    present = (registered <= today) & (np.isnat(left) | (left > today))
    willing = (people.capacity > 0).to_numpy() | (rng.random(len(people)) < 0.2)
    chosen = people[present & willing]
    grid_person = np.repeat(np.arange(len(chosen)), len(days))
    grid_day = np.tile(days, len(chosen))
    kind = chosen.kind.to_numpy()[grid_person]
    weekend = ((grid_day.view("int64") - 4) % 7) >= 5
    chance = pd.Series(kind).map(SLOT_CHANCE).to_numpy(float) * np.where(weekend & (kind != "commercial"), 0.15, 1.0)
    keep = rng.random(len(grid_day)) < chance
    shape = np.where(
        kind[keep] == "commercial",
        rng.choice([2, 3, 4], keep.sum()),
        rng.choice([0, 1, 2, 3], keep.sum(), p=[0.35, 0.3, 0.25, 0.1]),
    )
    start_hour = np.array([s for s, _ in SLOT_SHAPES])[shape]
    length = np.array([n for _, n in SLOT_SHAPES])[shape]
    starts = grid_day[keep].astype("datetime64[s]") + start_hour * HOUR
    slots = pd.DataFrame(
        {
            "interpreter_id": chosen.id.to_numpy()[grid_person[keep]],
            "starts_at": to_utc(starts),
            "ends_at": to_utc(starts + length * HOUR),
        }
    )
    overlap = slots.sample(frac=0.03, random_state=options.seed)  # declared twice, an hour apart
    overlap = overlap.assign(
        starts_at=overlap.starts_at + pd.Timedelta(hours=1), ends_at=overlap.ends_at + pd.Timedelta(hours=1)
    )
    slots = pd.concat([slots, overlap]).sort_values(["starts_at", "interpreter_id"], kind="stable")
    slots.insert(0, "id", np.arange(1, len(slots) + 1))
    return slots
