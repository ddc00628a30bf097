"""The demo's availability slots (dashboard/demo/availability.py), on small hand-made inputs.

Each interpreter declares the hours the matching model lets them take: in a bucket, k * capacity * the booked
hours of its requests, shared by the model's weights; their bookings lie inside what they declare, the rest is free.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.demo import availability as av
from dashboard.demo.activity import Month, Supply, to_utc
from dashboard.periods import BRUSSELS
from dashboard.views.supply_demand import merge, subtract

NOVEMBER = Month(2026, 11, np.datetime64("9999-12-31T00:00:00"))
K = {"onsite": 2.0, "phone": 10.0, "video": 1.0, "translation": 5.0}
WEEKS_AHEAD = 24 * 14  # hours: past every short-notice band


def supply_of(*people) -> Supply:
    """(interpreter, kind, capacity, region) pairs, all speaking language 1."""
    from dashboard.demo.population import KIND_PRIORITY

    pairs = pd.DataFrame(
        [(i, 1, kind, region, None, capacity, capacity * KIND_PRIORITY[kind]) for i, kind, capacity, region in people],
        columns=["interpreter_id", "language_id", "kind", "region_id", "local_government_id", "capacity", "weight"],
    )
    return Supply(pairs, frozenset({1}))


def requests(*rows) -> pd.DataFrame:
    """(modality, minutes booked, hours booked ahead) requests for language 1 in region 1, on 2 Nov 2026."""
    requested = np.datetime64("2026-11-02T08:00:00")
    return pd.DataFrame(
        {
            "modality": [m for m, _, _ in rows],
            "service": "interpreter",
            "language_id": 1,
            "region_id": 1,
            "local_government_id": 1,
            "sector": "welfare",
            "evening": False,
            "duration_min": [minutes for _, minutes, _ in rows],
            "requested_at": requested,
            "scheduled_start": [requested + np.timedelta64(int(ahead * 60), "m") for _, _, ahead in rows],
        }
    )


def test_interpreters_take_k_times_capacity_times_the_booked_hours_shared_by_the_models_weights():
    # On site, region 1: four requests of an hour, booked weeks ahead (the short-notice factor is 1).
    # Capacity 1 + 3 = 4 over a demand of 4 * (1 - other) gives k * capacity / demand per request; summed over
    # the requests (each kept with 1 - other) the bucket can take k * 4 * 1 h = 8 h, shared by weight
    # (capacity * priority 1.0): 2 h and 6 h.
    frame = requests(*[("onsite", 60, WEEKS_AHEAD)] * 4)
    supply = supply_of((1, "certified", 1.0, 1), (2, "certified", 3.0, 1))
    hours = av.model_hours(frame, supply, NOVEMBER, K)
    assert hours.to_dict() == pytest.approx({1: 2.0, 2: 6.0})


def test_ad_hoc_phone_calls_and_translations_take_no_declared_hours():
    # Two phone requests share capacity 2 (k * capacity / demand = 10 * 2 / 2 each): the call put through within
    # minutes (ad hoc, served on the line) takes its share there; the appointment booked weeks ahead, 30 min,
    # takes 10 * 2 / 2 * 0.5 h = 5 h of declared time. A translation has no booked length: no hours.
    frame = requests(("phone", 20, 0.1), ("translation", None, 120), ("phone", 30, WEEKS_AHEAD))
    hours = av.model_hours(frame, supply_of((1, "sworn", 2.0, 1)), NOVEMBER, K)
    assert hours.to_dict() == pytest.approx({1: 5.0})


def test_a_scarce_bucket_is_shared_so_that_each_is_fully_used():
    # Ten requests of 2 h against capacity 1: the model matches k * 1 = 2 of them; the interpreter may take
    # 2 * 2 h = 4 h, not the 20 h asked: what is left unanswered finds no hours in the slots either.
    frame = requests(*[("onsite", 120, WEEKS_AHEAD)] * 10)
    hours = av.model_hours(frame, supply_of((1, "certified", 1.0, 1)), NOVEMBER, K)
    assert hours.to_dict() == pytest.approx({1: 4.0})
    assert av.bucket_capacity_hours(frame, supply_of((1, "certified", 1.0, 1)), NOVEMBER, K).sum() == (
        pytest.approx(4.0)
    )


def test_short_notice_work_gets_the_capacity_the_model_gives_it():
    # The model scales capacity for requests made at short notice (activity.short_notice_factor): an on-site
    # request two days ahead can draw on that share of k * capacity / demand, and so on its hours.
    from dashboard.demo.activity import short_notice_factor

    frame = requests(("onsite", 60, 48), ("onsite", 60, WEEKS_AHEAD))
    hours = av.model_hours(frame, supply_of((1, "certified", 1.0, 1)), NOVEMBER, K)
    share = short_notice_factor(np.array(["onsite"]), np.array([48.0]))[0]
    assert share < 1
    # Capacity 1 over a demand of 2 kept requests: each k * 1 / 2 = 1 h at full notice.
    assert hours.to_dict() == pytest.approx({1: share * 1.0 + 1.0})


DAYS = np.arange(np.datetime64("2026-11-23"), np.datetime64("2026-11-26"))  # Monday to Wednesday
PEOPLE = pd.DataFrame({"id": [1, 2], "registered_on": ["2020-01-01", "2026-11-24"], "left_on": [None, None]})


def slots_for(hours: dict, bookings: list[tuple]) -> pd.DataFrame:
    """The slots of interpreters with `hours` a day (Monday to Wednesday) and `bookings` (interpreter, Brussels
    start, minutes)."""
    booked = pd.DataFrame(bookings, columns=["interpreter_id", "scheduled_start", "duration_min"])
    booked["scheduled_start"] = to_utc(booked.scheduled_start.to_numpy("datetime64[s]"))
    table = pd.DataFrame(hours, index=DAYS).T  # interpreter × day
    return av.availability_slots(PEOPLE, table, booked, DAYS, np.random.default_rng(1))


def _epoch(moment) -> float:
    return pd.Timestamp(moment).tz_localize("UTC").timestamp() if pd.Timestamp(moment).tz is None else moment


def hours_on(slots: pd.DataFrame, bookings: list[tuple], interpreter: int, day: int) -> tuple[float, float]:
    """(declared, free) hours of `interpreter` on `day` November, as /supply-demand counts them: overlapping
    slots once, the bookings taken out."""
    start = pd.to_datetime(slots.starts_at)
    mine = slots[
        (slots.interpreter_id == interpreter) & (start.dt.tz_localize("UTC").dt.tz_convert(BRUSSELS).dt.day == day)
    ]
    declared = merge((_epoch(a), _epoch(b)) for a, b in zip(mine.starts_at, mine.ends_at))
    cuts = []
    for who, local_start, minutes in bookings:
        if who == interpreter:
            begin = _epoch(to_utc(np.array([np.datetime64(local_start)]))[0])
            cuts.append((begin, begin + minutes * 60))
    total = sum(e - s for s, e in declared) / 3600
    return total, sum(e - s for s, e in subtract(declared, cuts)) / 3600


def test_bookings_lie_inside_the_slots_and_the_rest_of_the_hours_is_free():
    # Interpreter 1 may take 3 h a day. Monday: booked 10:00-11:30 (Brussels), declared 3 h of which 1.5 h free.
    # Tuesday: 0.5 h, under an hour, so carried; Wednesday: 3 h + 0.5 h = 3.5 h free.
    bookings = [(1, "2026-11-23T10:00:00", 90)]
    slots = slots_for({1: [3.0, 0.5, 3.0]}, bookings)
    assert hours_on(slots, bookings, 1, 23) == (3.0, 1.5)
    assert hours_on(slots, bookings, 1, 24) == (0.0, 0.0)
    assert hours_on(slots, bookings, 1, 25) == (3.5, 3.5)


def test_an_overbooked_day_takes_its_hours_from_the_next_and_nobody_declares_before_joining():
    # Interpreter 1 may take 2 h a day but is booked 3 h on Monday: nothing free then, and Tuesday's 2 h less the
    # hour overbooked leave 1 h. Interpreter 2 joins on Tuesday: Monday's 4 h are not declared.
    bookings = [(1, "2026-11-23T09:00:00", 180)]
    slots = slots_for({1: [2.0, 2.0, 0.0], 2: [4.0, 4.0, 0.0]}, bookings)
    assert hours_on(slots, bookings, 1, 23) == (3.0, 0.0)
    assert hours_on(slots, bookings, 1, 24) == (1.0, 1.0)
    assert hours_on(slots, bookings, 2, 23) == (0.0, 0.0)
    assert hours_on(slots, bookings, 2, 24) == (4.0, 4.0)


def test_nobody_declares_a_longer_day_than_max_day_hours():
    slots = slots_for({1: [30.0, 0.0, 0.0]}, [])
    assert hours_on(slots, [], 1, 23) == (av.MAX_DAY_HOURS, av.MAX_DAY_HOURS)
