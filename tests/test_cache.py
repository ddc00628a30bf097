"""Cache at the query boundary: repeated calls hit the cache; a data change shows after the probe interval."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask_caching import Cache
from sqlalchemy import create_engine, event, text

from dashboard.cache import cache_config
from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.settings import Settings
from dashboard.views import overview as views
from tests.conftest import Clock
from tests.services import free_port

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def copy_url(fixture_sqlite, tmp_path):
    path = tmp_path / "copy.sqlite"
    shutil.copy(fixture_sqlite.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


def _counting(database: Database) -> list[str]:
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def test_second_call_is_served_from_the_cache(copy_url):
    database = Database(copy_url)
    executed = _counting(database)
    data = DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), clock=Clock())
    first = views.kpis(data, YEAR_2022)
    count = len(executed)
    assert views.kpis(data, YEAR_2022) == first
    assert len(executed) == count  # neither the probe nor the queries ran again
    views.kpis(data, YEAR_2022.with_period(date(2022, 1, 1), date(2022, 6, 30)))
    assert len(executed) > count  # other filters, other key


def test_a_change_shows_after_the_probe_interval(copy_url):
    clock = Clock()
    data = DataAccess(
        Database(copy_url), Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), probe_seconds=10, clock=clock
    )
    assert views.kpis(data, YEAR_2022)["completed"] == 4
    writer = create_engine(copy_url)
    with writer.begin() as conn:  # r11: pending -> completed, as the operational system would record it
        conn.execute(
            text(
                "UPDATE requests SET status = 'completed', interpreter_id = 2, "
                "updated_at = '2026-11-23 10:00:00' WHERE id = 11"
            )
        )
    writer.dispose()
    clock.now += 5
    assert views.kpis(data, YEAR_2022)["completed"] == 4  # within the probe interval: the cached figure
    clock.now += 6
    assert views.kpis(data, YEAR_2022)["completed"] == 5  # after it: the new one


def test_cache_backends_from_settings(tmp_path):
    assert cache_config(Settings(cache_url="redis://127.0.0.1:6379/0"))["CACHE_TYPE"] == "RedisCache"
    assert cache_config(Settings(cache_url="simple://"))["CACHE_TYPE"] == "SimpleCache"
    on_disk = cache_config(Settings(cache_dir=tmp_path))
    assert (on_disk["CACHE_TYPE"], on_disk["CACHE_DIR"]) == ("FileSystemCache", str(tmp_path))


@pytest.mark.parametrize("backend", ["filesystem", "redis"])
def test_cache_is_shared_between_app_instances(copy_url, tmp_path, request, backend):
    """Two processes' worth of DataAccess on one cache: the second reads what the first computed."""
    settings = (
        Settings(cache_dir=tmp_path / "cache")
        if backend == "filesystem"
        else Settings(cache_url=request.getfixturevalue("redis_url"))
    )
    config = cache_config(settings)
    first = DataAccess(Database(copy_url), Cache(Flask("a"), config=config), clock=Clock())
    expected = views.kpis(first, YEAR_2022)
    database = Database(copy_url)
    executed = _counting(database)
    second = DataAccess(database, Cache(Flask("b"), config=config), clock=Clock())
    assert views.kpis(second, YEAR_2022) == expected and executed == []
    for access in (first, second):
        if backend == "redis":
            access.cache.cache._write_client.close()


def test_two_databases_never_share_entries(fixture_sqlite, copy_url, tmp_path):
    """One cache for two databases (say staging and production): each gets its own figures."""
    config = cache_config(Settings(cache_dir=tmp_path / "shared-cache"))
    writer = create_engine(copy_url)
    with writer.begin() as conn:
        conn.execute(text("UPDATE requests SET status = 'completed', updated_at = '2026-11-23 10:00:00' WHERE id = 12"))
    writer.dispose()
    original = DataAccess(Database(fixture_sqlite), Cache(Flask("a"), config=config), clock=Clock())
    changed = DataAccess(Database(copy_url), Cache(Flask("b"), config=config), clock=Clock())
    assert views.kpis(original, YEAR_2022)["completed"] == 4
    assert views.kpis(changed, YEAR_2022)["completed"] == 5


def test_a_broken_cache_is_skipped(copy_url):
    """Redis down: figures are computed without the cache rather than failing."""
    config = cache_config(Settings(cache_url=f"redis://127.0.0.1:{free_port()}/0"))
    data = DataAccess(Database(copy_url), Cache(Flask("a"), config=config), clock=Clock())
    assert views.kpis(data, YEAR_2022)["requests"] == 13


def test_now_setting_is_utc():
    settings = Settings(now=datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert settings.current_time().isoformat() == "2026-11-23T09:00:00+00:00"


def test_the_cache_keeps_frames_exactly_as_json_not_pickles():
    """Issue 17 item 5: values are stored as JSON data (never a pickle, which runs code when loaded); a frame
    comes back with its dtypes, index and values exactly, a tuple as a tuple, and what is not data is refused."""
    from decimal import Decimal

    import numpy as np
    import pandas as pd

    from dashboard.cache import JsonSerializer

    codec = JsonSerializer()
    frame = pd.DataFrame(
        {
            "n": [1, 2, 3],
            "rate": [0.1, np.nan, 1 / 3],
            "code": ["x", None, "z"],
            "at": pd.to_datetime(
                ["2022-01-01 10:00", None, "2022-03-01 00:00:00.123456789"], utc=True, format="ISO8601"
            ),
            "flag": [True, False, True],
            "maybe": pd.array([1, None, 3], dtype="Int64"),
            "mixed": [date(2022, 1, 1), None, Decimal("1.50")],
            "band": pd.Categorical(["p", "q", "p"], categories=["q", "p"], ordered=True),
            "text": pd.Series(["u", "v", None], dtype="str"),
        }
    )
    for value in (frame, frame.set_index("n"), frame.set_index(["n", "code"]), frame.iloc[0:0], pd.DataFrame()):
        encoded = codec.dumps(value)
        assert b"\x80" not in encoded[:2]  # not a pickle: JSON text
        pd.testing.assert_frame_equal(codec.loads(encoded), value, check_exact=True)
    series = pd.Series([1.0, 2.0], index=["a", "b"], name="n")
    pd.testing.assert_series_equal(codec.loads(codec.dumps(series)), series)
    for value in ({"x": (1, "a"), 3: [1.5, None]}, (1000.0, "v|1"), "text", 7, 2**70, None):
        assert codec.loads(codec.dumps(value)) == value
    with pytest.raises(TypeError):
        codec.dumps(object())
