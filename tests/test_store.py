"""The aggregate store gives exactly the operational figures, and follows changes incrementally."""

from __future__ import annotations

import shutil
from datetime import date
from itertools import product

import pytest
from flask import Flask
from flask_caching import Cache
from sqlalchemy import create_engine, text

from dashboard import views
from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.store import AggregateStore

PERIODS = [(date(2022, 1, 1), date(2022, 12, 31)), (date(2021, 12, 15), date(2022, 4, 10)),
           (date(2022, 3, 31), date(2022, 4, 1)), (date(2019, 1, 1), date(2026, 12, 31))]
SLICES = [{}, {"region": ("ANT",)}, {"language": ("ar", "uk")}, {"modality": ("phone",), "sector": ("welfare",)},
          {"kind": ("certified",)}, {"service": ("taalhulp",)}, {"language": ("zz",)}]


@pytest.fixture
def access():
    """Make data accesses (with or without a store); their connections are closed after the test."""
    made = []

    def make(url, store_folder=None, clock=None):
        database = Database(url)
        store = AggregateStore(store_folder / "store.sqlite", database) if store_folder else None
        made.extend([database] + ([store.engine] if store else []))
        return DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), store=store,
                          **({"clock": clock} if clock else {}))

    yield make
    for thing in made:
        thing.dispose()


@pytest.mark.parametrize("period, chosen", list(product(PERIODS, SLICES)))
def test_store_matches_the_operational_database(access, fixture_url, tmp_path, period, chosen):
    filters = Filters(*period, **chosen)
    direct, stored = access(fixture_url), access(fixture_url, tmp_path)
    assert views.kpis(stored, filters) == views.kpis(direct, filters)
    assert views.monthly(stored, filters).equals(views.monthly(direct, filters))
    assert views.languages(stored, filters).equals(views.languages(direct, filters))


def test_store_matches_on_demo_data(access, tmp_path_factory):
    from dashboard.demo.build import DemoOptions, build_demo
    from tests.conftest import DEMO_NOW

    path = tmp_path_factory.mktemp("store-demo") / "demo.sqlite"
    build_demo(str(path), DemoOptions(seed=4, scale=0.05, now=DEMO_NOW))
    url = f"sqlite:///{path}"
    direct, stored = access(url), access(url, tmp_path_factory.mktemp("store"))
    for filters in (Filters(date(2019, 1, 1), date(2026, 11, 23)), Filters(date(2022, 2, 14), date(2024, 7, 3),
                                                                           region=("LIM",), kind=("crisis",))):
        assert views.kpis(stored, filters) == views.kpis(direct, filters)
        assert views.monthly(stored, filters).equals(views.monthly(direct, filters))


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_store_follows_changes(access, fixture_sqlite, tmp_path):
    source = tmp_path / "source.sqlite"
    shutil.copy(fixture_sqlite.removeprefix("sqlite:///"), source)
    url, clock = f"sqlite:///{source}", Clock()
    stored = access(url, tmp_path, clock)
    year = Filters(date(2022, 1, 1), date(2022, 12, 31))
    assert views.kpis(stored, year)["completed"] == 4
    writer = create_engine(url)
    with writer.begin() as conn:  # an outcome recorded: r12 matched -> completed
        conn.execute(text("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 10:00:00' "
                          "WHERE id = 12"))
    clock.now += 60
    assert views.kpis(stored, year)["completed"] == 5
    with writer.begin() as conn:  # a dimension changes without touching requests: OCMW Mechelen moves to Limburg
        conn.execute(text("UPDATE local_governments SET region_id = 2 WHERE id = 1"))
        conn.execute(text("UPDATE requests SET updated_at = '2026-11-23 10:05:00' WHERE id = 1"))
    writer.dispose()
    clock.now += 60
    limburg = Filters(date(2022, 1, 1), date(2022, 12, 31), region=("LIM",))
    assert views.kpis(stored, limburg) == views.kpis(access(url), limburg)
