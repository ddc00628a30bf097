"""The data access probes the data version at most once per interval."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from queries.reference import select_regions
from tests.conftest import Clock

YEAR = Filters(date(2022, 1, 1), date(2022, 12, 31))


def cache_reads(data: DataAccess, monkeypatch) -> list[tuple[str, bool]]:
    """(kind, found) of every cache read of `data` from now on; kind 'version' for the data version's entry, else
    'result'."""
    reads: list[tuple[str, bool]] = []
    read = data.cache_get

    def counted(key):
        value = read(key)
        reads.append(("version" if key.startswith("data-version") else "result", value is not None))
        return value

    monkeypatch.setattr(data, "cache_get", counted)
    return reads


@pytest.fixture
def data(fixture_url):
    database = Database(fixture_url)
    yield DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), clock=Clock())
    database.dispose()


def test_outside_a_request_the_interval_alone_decides(data):
    """Background work (forecasts) has no request: the version is probed again once the interval has passed."""
    data.fetch(select_regions)
    executed = data.database.executed
    data.clock.now += data.probe_seconds + 1
    data.fetch(select_regions)
    assert data.database.executed == executed + 1
