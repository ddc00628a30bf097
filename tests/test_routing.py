"""Store routing: whole months from the aggregate store, the days around them from the operational database, and
an explicit "the store cannot answer this" that costs no cache look-up (tests/fixture_db.py, hand-computed)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.routing import Route, route_active, route_counts
from dashboard.store import AggregateStore
from dashboard.views import no_shows
from tests.test_data import cache_reads

PERIOD = (date(2022, 1, 1), date(2022, 12, 31))
YEAR = Filters(*PERIOD)
ACROSS = Filters(date(2021, 12, 15), date(2022, 4, 10))


def test_whole_months_from_the_store_and_the_days_around_them_from_the_database():
    assert route_counts(ACROSS, (), has_store=True) == Route(
        ("2022-01", "2022-03"), ((date(2021, 12, 15), date(2021, 12, 31)), (date(2022, 4, 1), date(2022, 4, 10)))
    )
    assert route_counts(YEAR, ("month", "modality"), has_store=True) == Route(("2022-01", "2022-12"), ())


@pytest.mark.parametrize(
    "filters, keys, has_store",
    [
        (YEAR, ("organisation_id",), True),  # the store keeps no organisations
        (YEAR, (), False),  # no store
        (Filters(date(2022, 3, 2), date(2022, 3, 30)), (), True),  # no whole month
    ],
)
def test_what_the_store_cannot_answer_goes_to_the_database_whole(filters, keys, has_store):
    assert route_counts(filters, keys, has_store) == Route(None, ((filters.start, filters.end),))


def test_active_interpreters_only_by_language_and_modality():
    arabic, antwerp = Filters(*PERIOD, language=("ar",)), Filters(*PERIOD, region=("ANT",))
    assert route_active(arabic, ("language_id",), True).months == ("2022-01", "2022-12")
    assert route_active(antwerp, (), True).months is None
    assert route_active(YEAR, ("month",), True).months is None


@pytest.fixture
def stored(fixture_url, tmp_path):
    """A data access on the fixture database with an aggregate store syncing inline."""
    database = Database(fixture_url)
    store = AggregateStore(tmp_path / "store.sqlite", database, background=False)
    yield DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), store=store)
    store.dispose()
    database.dispose()


def test_a_second_call_per_organisation_is_a_cache_hit(stored, monkeypatch):
    """Per organisation the store cannot answer: the first call reads the operational database, the second finds
    everything in the cache (before, the store's part was looked up in vain on every call)."""
    first = no_shows.organisations(stored, YEAR, minimum=1)
    # 2022 answered per organisation: 1 (r1 r2 r10 completed, r13 no-show) 4, 2 (r3, r7 late) 2, 3 (r5 r15) 2
    assert list(first.organisation_id) == [3, 2, 1]
    assert list(first.not_completed) == [2, 1, 1] and list(first.answered) == [2, 2, 4]
    reads = cache_reads(stored, monkeypatch)
    executed = (stored.database.executed, stored.store.database.executed)
    again = no_shows.organisations(stored, YEAR, minimum=1)
    assert again.equals(first)
    assert (stored.database.executed, stored.store.database.executed) == executed  # no statement on either
    assert reads and all(found for _, found in reads)  # every look-up a hit
