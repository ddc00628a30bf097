"""The replica gives exactly the operational figures, in SQLite and PostgreSQL, follows changes (updates, inserts,
deletions), answers only for the data version it holds and only what reads the tables it holds, and a damaged or
replaced file never breaks an answer."""

from __future__ import annotations

import inspect
import shutil
import time
from datetime import date

import pandas as pd
import pytest
from flask import Flask
from flask_caching import Cache
from sqlalchemy import create_engine, select, text

from dashboard import schema, views
from dashboard.data import DataAccess, probe_version
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.replica import Replica
from queries._order import in_stable_order
from queries.interpreters import select_registered_interpreters
from queries.requests import select_status_counts
from queries.state import accounts

FILTERS = [
    Filters(date(2022, 1, 1), date(2022, 12, 31)),
    Filters(date(2021, 12, 15), date(2022, 4, 10), region=("ANT",)),
    Filters(date(2022, 3, 31), date(2022, 4, 1), language=("ar", "uk")),
    Filters(date(2019, 1, 1), date(2026, 12, 31), modality=("phone",), sector=("welfare",)),
]


def view_functions():
    """Every view called as `view(data, filters)` (its other arguments defaulted)."""
    for module in views.view_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            parameters = list(inspect.signature(function).parameters.values())
            if (
                function.__module__ == module.__name__
                and not name.startswith("_")
                and [p.name for p in parameters[:2]] == ["data", "filters"]
                and all(p.default is not p.empty for p in parameters[2:])
            ):
                yield f"{module.__name__.rpartition('.')[2]}.{name}", function


@pytest.fixture
def replicas(tmp_path):
    """`make(url)`: (the operational database, its replica synced inline to the current version); closed after."""
    made = []

    def make(url: str, **options):
        database = Database(url)
        replica = Replica(tmp_path / "replica", "test", database, background=False, **options)
        replica.sync(probe_version(database))
        made.extend([replica, database])
        return database, replica

    yield make
    for thing in made:
        thing.dispose()


def _access(database: Database, replica: Replica | None = None) -> DataAccess:
    return DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), replica=replica)


def _answer(view, data, filters):
    try:
        return view(data, filters)
    except Exception as error:  # noqa: BLE001 - a view that refuses a slice must refuse it alike on both
        return f"{type(error).__name__}: {error}"


def _assert_same(ours, theirs, where: str) -> None:
    if isinstance(theirs, pd.DataFrame):
        pd.testing.assert_frame_equal(_utc(ours), _utc(theirs), obj=where)
    elif isinstance(theirs, tuple | list):
        assert len(ours) == len(theirs), where
        for a, b in zip(ours, theirs, strict=True):
            _assert_same(a, b, where)
    else:
        assert ours == theirs, where


@pytest.fixture(params=[(n, d) for n in ("fixture", "management") for d in ("sqlite", "postgresql")], ids=str)
def hand_computed_url(request, built_databases):
    """The hand-computed fixture (tests/fixture_db.py) and the management fixture, in SQLite and PostgreSQL."""
    name, dialect = request.param
    if name == "fixture":
        return request.getfixturevalue("fixture_sqlite" if dialect == "sqlite" else "fixture_postgres")
    from tests.fixture_management import fill

    return built_databases(dialect, "management", fill)


def test_every_view_gives_the_same_figures_from_the_replica(replicas, hand_computed_url):
    """Every view, on both hand-computed fixtures, in both dialects: the same frames, values and types."""
    database, replica = replicas(hand_computed_url)
    direct, replicated = _access(database), _access(database, replica)
    answered, cases = 0, 0
    for name, view in view_functions():
        for filters in FILTERS:
            before = replica_reads(replica)
            _assert_same(_answer(view, replicated, filters), _answer(view, direct, filters), f"{name} {filters}")
            answered, cases = answered + (replica_reads(replica) > before), cases + 1
    assert answered > cases / 4  # the replica answered (what another view read already comes from the cache)


def replica_reads(replica: Replica) -> int:
    reader = replica._reader
    return 0 if reader is None else reader.database.executed


def test_what_reads_other_tables_or_another_version_is_not_answered(replicas, fixture_sqlite):
    database, replica = replicas(fixture_sqlite)
    version = probe_version(database)
    counts = select_status_counts(FILTERS[0])
    assert replica.frame(version, counts).n.sum() == database.frame(counts).n.sum() > 0
    assert replica.frame(version, select(accounts)) is None  # the state database's, not the contract's
    assert replica.frame("another version", counts) is None
    assert replica.state_for(version) == "current"
    assert replica.state_for("another version") == "syncing"


@pytest.fixture
def changing_url(tmp_path, fixture_sqlite, request):
    """A copy of the fixture database that a test may change (SQLite, or PostgreSQL when asked)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        target = tmp_path / "changing.sqlite"
        shutil.copyfile(fixture_sqlite.removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    url = request.getfixturevalue("postgres_url")
    from tests.fixture_db import build_fixture

    engine = create_engine(url)
    build_fixture(engine)
    engine.dispose()
    return url


def _write(url: str, statement: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


CHANGES = {
    "an update": "UPDATE requests SET status = 'cancelled_client_late', updated_at = '2026-11-01 10:00:00' "
    "WHERE id = 1",
    "an insert": "INSERT INTO requests (id, organisation_id, language_id, modality, service, requested_at, status, "
    "updated_at) SELECT 900, organisation_id, language_id, modality, service, requested_at, 'pending', "
    "'2026-11-01 10:00:00' FROM requests WHERE id = 1",
    "a deletion": "DELETE FROM requests WHERE id = 2",
    "a late commit": "UPDATE requests SET status = 'no_show_client', "
    "updated_at = (SELECT max(updated_at) FROM requests) WHERE id = 3",
}


@pytest.mark.parametrize("changing_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("change", list(CHANGES))
def test_the_replica_follows_each_change(replicas, changing_url, change):
    """After a change and a sync to the new version, the replica's counts are the operational database's again.
    A deletion is caught by the count; a late commit (an updated_at no later than the watermark) by the margin."""
    database, replica = replicas(changing_url)
    statement = select_status_counts(Filters(date(2019, 1, 1), date(2026, 12, 31)), ("language_id",))
    before = database.frame(statement)
    _write(changing_url, CHANGES[change])
    version = probe_version(database)
    replica.sync(version)
    ours, theirs = _sorted(replica.frame(version, statement)), _sorted(database.frame(statement))
    assert not theirs.equals(_sorted(before))  # the change moved a figure
    pd.testing.assert_frame_equal(ours, theirs)


def _utc(frame: pd.DataFrame) -> pd.DataFrame:
    """Moments as UTC: SQLite's are naive UTC, PostgreSQL's say Etc/UTC and the replica's UTC (the same instants)."""
    moments = [name for name, dtype in frame.dtypes.items() if dtype.kind == "M"]
    return frame.assign(**{name: pd.to_datetime(frame[name], utc=True) for name in moments})


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["language_id", "status"]).reset_index(drop=True)


def test_readers_keep_their_generation_and_move_to_the_next(replicas, fixture_sqlite, tmp_path):
    """A worker goes on reading its file while syncs write the next ones (even once it is removed); another worker
    opens the newest, and answers once that holds its version. At most two files stay."""
    database, replica = replicas(fixture_sqlite)
    version = probe_version(database)
    counts = select_status_counts(FILTERS[0])
    first = replica.frame(version, counts)
    kept = replica._reader.path
    for _ in range(3):
        replica.sync(None)  # forget the version: each sync writes a generation holding none
    pd.testing.assert_frame_equal(replica.frame(version, counts), first)
    assert replica._reader.path == kept and not kept.exists()
    assert len(list((tmp_path / "replica").glob("*.duckdb"))) == 2
    other = Replica(tmp_path / "replica", "test", database, background=False)
    try:
        assert other.frame(version, counts) is None and other.state_for(version) == "syncing"
        replica.sync(version)
        pd.testing.assert_frame_equal(other.frame(version, counts), first)
        assert other._reader.path != kept
    finally:
        other.dispose()


def test_a_damaged_generation_leaves_the_answer_to_the_operational_database(replicas, fixture_sqlite, tmp_path):
    database, replica = replicas(fixture_sqlite)
    version = probe_version(database)
    (tmp_path / "replica" / f"{replica.prefix}{10**20}.duckdb").write_bytes(b"not a database")
    data = _access(database, replica)
    counts = data.fetch(select_status_counts, FILTERS[0])
    assert counts.n.sum() == database.frame(select_status_counts(FILTERS[0])).n.sum()
    assert replica.frame(version, select_status_counts(FILTERS[0])) is None
    assert data.health()["replica"] == "syncing"


def test_what_is_read_with_a_maximum_age_needs_a_copy_of_its_slot(replicas, fixture_sqlite):
    """What the data version does not watch is read with max_age: the replica answers it only with a copy made
    within the current slot of that age (as the cache's entry is kept for that slot), else the database does."""
    database, replica = replicas(fixture_sqlite)
    statement = select_registered_interpreters(FILTERS[0])
    now = time.time()
    for moment, source in ((now, "replica"), (now + 600, "database")):
        cache = Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"})
        data = DataAccess(database, cache, replica=replica, clock=lambda moment=moment: moment)
        before = replica_reads(replica)
        assert data.fetch(select_registered_interpreters, FILTERS[0], max_age=300).equals(database.frame(statement))
        assert (replica_reads(replica) > before) == (source == "replica"), source


@pytest.mark.parametrize("changing_url", ["sqlite"], indirect=True)
def test_a_new_slot_brings_a_new_copy_of_the_unwatched_tables(replicas, changing_url):
    """An interpreter registered moves no data version; the replica's next slot copies it all the same."""
    database, replica = replicas(changing_url, refresh_seconds=1e-6)
    version = probe_version(database)
    statement = select_registered_interpreters(FILTERS[0])
    _write(changing_url, "INSERT INTO interpreters (id, kind, registered_on) VALUES (900, 'certified', '2022-01-05')")
    assert probe_version(database) == version
    replica.sync(version)
    pd.testing.assert_frame_equal(replica.frame(version, statement), database.frame(statement))
    assert replica.frame(version, statement).equals(database.frame(statement))


def test_the_replica_copies_every_column_of_its_tables(replicas, fixture_sqlite):
    """The replica's rows are the operational rows: every column, timestamps in UTC."""
    database, replica = replicas(fixture_sqlite)
    version = probe_version(database)
    statement = select(schema.requests).order_by(schema.requests.c.id)
    ours, theirs = replica.frame(version, statement), database.frame(statement)
    timestamps = [c.name for c in schema.requests.columns if isinstance(c.type, schema.DateTime)]
    for name in timestamps:  # SQLite's are naive UTC, the replica's say UTC
        ours[name], theirs[name] = (pd.to_datetime(frame[name], utc=True) for frame in (ours, theirs))
    pd.testing.assert_frame_equal(ours, theirs)


@pytest.mark.parametrize("with_replica", [True, False])
def test_grouped_rows_come_in_the_order_of_their_groups(replicas, fixture_url, with_replica):
    """PostgreSQL and DuckDB return groups in any order from run to run; what a view reads comes ordered by its
    groups, as SQLite gives them, unless the statement names its own order."""
    database, replica = replicas(fixture_url)
    grouped = select_status_counts(FILTERS[0], ("language_id",))
    assert "ORDER BY" in str(in_stable_order(grouped)) and "ORDER BY" not in str(grouped)
    ordered = grouped.order_by(schema.requests.c.status.desc())
    assert in_stable_order(ordered) is ordered
    data = _access(database, replica if with_replica else None)
    rows = data.fetch(select_status_counts, FILTERS[0], ("language_id",))
    assert list(rows.itertuples(index=False)) == sorted(rows.itertuples(index=False))
