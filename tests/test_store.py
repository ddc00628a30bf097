"""The aggregate store gives exactly the operational figures, follows changes, and is used only when current."""

from __future__ import annotations

import shutil
from datetime import date
from itertools import product

import pytest
from flask import Flask
from flask_caching import Cache
from sqlalchemy import create_engine, event, text

from dashboard import store as store_module
from dashboard.data import DataAccess, probe_version
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.store import AggregateStore
from dashboard.views import overview as views
from queries.store import select_stored_counts
from tests.conftest import Clock

PERIODS = [
    (date(2022, 1, 1), date(2022, 12, 31)),
    (date(2021, 12, 15), date(2022, 4, 10)),
    (date(2022, 3, 31), date(2022, 4, 1)),
    (date(2019, 1, 1), date(2026, 12, 31)),
]
SLICES = [
    {},
    {"region": ("ANT",)},
    {"language": ("ar", "uk")},
    {"modality": ("phone",), "sector": ("welfare",)},
    {"kind": ("certified",)},
    {"service": ("taalhulp",)},
    {"language": ("zz",)},
]
YEAR = Filters(date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def access(tmp_path):
    """Make data accesses (with or without a store syncing inline); connections are closed after the test."""
    made = []

    def make(url, with_store=False, clock=None, background=False):
        database = Database(url)
        store = (
            AggregateStore(tmp_path / f"store-{len(made)}.sqlite", database, background=background)
            if with_store
            else None
        )
        made.extend([database] + ([store] if store else []))
        return DataAccess(
            database,
            Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}),
            store=store,
            **({"clock": clock} if clock else {}),
        )

    yield make
    for thing in made:
        thing.dispose()


def _statements(database: Database) -> list[str]:
    executed: list[str] = []
    event.listen(database.engine, "before_cursor_execute", lambda *args: executed.append(args[2]))
    return executed


@pytest.mark.parametrize("period, chosen", list(product(PERIODS, SLICES)))
def test_store_matches_the_operational_database(access, fixture_url, period, chosen):
    filters = Filters(*period, **chosen)
    direct, stored = access(fixture_url), access(fixture_url, with_store=True)
    assert views.kpis(stored, filters) == views.kpis(direct, filters)
    assert views.monthly(stored, filters).equals(views.monthly(direct, filters))
    assert views.languages(stored, filters).equals(views.languages(direct, filters))
    for ours, theirs in zip(views.ukraine(stored, filters), views.ukraine(direct, filters)):
        assert _records(ours) == _records(theirs)


def _records(frame) -> list[dict]:
    return frame.astype(str).sort_values(list(frame.columns)).to_dict("records")


def test_whole_months_are_read_from_the_store(access, fixture_sqlite):
    stored = access(fixture_sqlite, with_store=True)
    stored.data_version()  # syncs the store
    executed = _statements(stored.database)
    views.monthly(stored, YEAR)
    assert not [s for s in executed if "GROUP BY" in s.upper()]  # no counting in the operational database


def test_store_matches_on_demo_data(access, tmp_path_factory):
    from dashboard.demo.build import DemoOptions, build_demo
    from tests.conftest import DEMO_NOW

    path = tmp_path_factory.mktemp("store-demo") / "demo.sqlite"
    build_demo(str(path), DemoOptions(seed=4, scale=0.05, now=DEMO_NOW))
    url = f"sqlite:///{path}"
    direct, stored = access(url), access(url, with_store=True)
    for filters in (
        Filters(date(2019, 1, 1), date(2026, 11, 23)),
        Filters(date(2022, 2, 14), date(2024, 7, 3), region=("LIM",), kind=("crisis",)),
    ):
        assert views.kpis(stored, filters) == views.kpis(direct, filters)
        assert views.monthly(stored, filters).equals(views.monthly(direct, filters))


@pytest.fixture
def source(fixture_sqlite, tmp_path):
    """A writable copy of the fixture database: (url, a function that runs SQL on it)."""
    path = tmp_path / "source.sqlite"
    shutil.copy(fixture_sqlite.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"

    def run(sql: str) -> None:
        engine = create_engine(url)
        with engine.begin() as conn:
            for statement in sql.split(";"):
                conn.execute(text(statement))
        engine.dispose()

    return url, run


def test_store_follows_changes(access, source):
    url, run = source
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    assert views.kpis(stored, YEAR)["completed"] == 4
    run("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 10:00:00' WHERE id = 12")
    clock.now += 60
    assert views.kpis(stored, YEAR)["completed"] == 5
    # committed late with an older updated_at: still within the watermark's margin
    run(
        "UPDATE requests SET status = 'completed', updated_at = '2026-11-23 09:55:00' WHERE id = 11;"
        "UPDATE requests SET updated_at = '2026-11-23 10:01:00' WHERE id = 14"
    )
    clock.now += 60
    assert views.kpis(stored, YEAR)["completed"] == 6


def test_dimension_change_rebuilds(access, source):
    url, run = source
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    limburg = Filters(date(2022, 1, 1), date(2022, 12, 31), region=("LIM",))
    before = views.kpis(stored, limburg)
    run(
        "UPDATE local_governments SET region_id = 2 WHERE id = 1;"
        "UPDATE requests SET updated_at = '2026-11-23 10:05:00' WHERE id = 1"
    )
    clock.now += 60
    after = views.kpis(stored, limburg)
    assert after == views.kpis(access(url), limburg) and after["requests"] > before["requests"]


def test_a_store_first_built_on_an_empty_database_fills_later(access, source):
    url, run = source
    run("ALTER TABLE requests RENAME TO requests_kept;CREATE TABLE requests AS SELECT * FROM requests_kept WHERE 0")
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    assert views.kpis(stored, YEAR)["requests"] == 0
    run("INSERT INTO requests SELECT * FROM requests_kept")
    clock.now += 60
    assert views.kpis(stored, YEAR)["requests"] == 13


def test_rebuild_heals_what_updated_at_cannot_show(access, source, monkeypatch):
    url, run = source
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    assert views.kpis(stored, YEAR)["requests"] == 13
    run(
        "DELETE FROM requests WHERE id = 2;"  # a deleted request leaves no updated_at behind
        "UPDATE requests SET updated_at = '2026-11-23 11:00:00' WHERE id = 14"
    )
    monkeypatch.setattr(store_module, "REBUILD_SECONDS", 0)
    clock.now += 60
    assert views.kpis(stored, YEAR)["requests"] == 12


def test_a_stale_store_is_not_used(access, source):
    """Between a change and the store catching up, figures come from the operational database."""
    url, run = source
    stored = access(url, with_store=True)
    stored.data_version()
    run("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 10:00:00' WHERE id = 12")
    version = probe_version(stored.database)
    assert stored.store.read(version, select_stored_counts(YEAR, "2022-01", "2022-12", (), [], [])) is None


def test_background_sync_catches_up(access, source):
    url, run = source
    stored = access(url, with_store=True, background=True)
    version = stored.data_version()
    assert stored.store.wait_for(version, timeout=60)
    assert stored.store.read(version, select_stored_counts(YEAR, "2022-01", "2022-12", (), [], [])).n.sum() == 13


def test_a_row_dated_in_the_future_freezes_neither_the_version_nor_the_store(access, source):
    """Issue 17 item 0: one `updated_at` a day ahead (a data error) held max(updated_at), so no later change moved
    the version or the store's watermark. Beyond an hour past now it is left out: later changes show."""
    url, run = source
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    run("UPDATE requests SET updated_at = '2099-01-01 00:00:00' WHERE id = 1")
    clock.now += 60
    assert views.kpis(stored, YEAR)["completed"] == 4
    run("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 10:00:00' WHERE id = 12")
    clock.now += 60
    assert views.kpis(stored, YEAR) == views.kpis(access(url), YEAR)
    assert views.kpis(stored, YEAR)["completed"] == 5


def test_a_late_commit_alone_moves_the_version(access, source):
    """A change committed late with an older `updated_at` moves neither the count, the latest id nor the latest
    change: the digest of the changes near the latest one does, and the store re-reads its month."""
    url, run = source
    clock = Clock()
    stored = access(url, with_store=True, clock=clock)
    run("UPDATE requests SET updated_at = '2026-11-23 10:00:00' WHERE id = 14")
    clock.now += 60
    assert views.kpis(stored, YEAR)["completed"] == 4
    version = probe_version(stored.database)
    run("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 09:50:00' WHERE id = 12")
    assert probe_version(stored.database) != version
    clock.now += 60
    assert views.kpis(stored, YEAR)["completed"] == 5
    run("DELETE FROM requests WHERE id = 13")  # a delete moves the count
    assert probe_version(stored.database) != version
