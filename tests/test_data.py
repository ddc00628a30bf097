"""The data access reads the data version once per Flask request, and probes it at most once per interval."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask_caching import Cache

from dashboard import data as data_module
from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.views import overview as views
from queries.reference import select_languages, select_regions
from tests.conftest import Clock

YEAR = Filters(date(2022, 1, 1), date(2022, 12, 31))
PROBE_STATEMENTS = 2  # the counts and latest change, then the changes near it (dashboard.data.probe_version)


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


def counted_probes(monkeypatch) -> list[str]:
    """The data versions probed from now on."""
    probes: list[str] = []
    probe = data_module.probe_version
    monkeypatch.setattr(data_module, "probe_version", lambda *args: probes.append(probe(*args)) or probes[-1])
    return probes


@pytest.fixture
def data(fixture_url):
    database = Database(fixture_url)
    yield DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), clock=Clock())
    database.dispose()


def test_the_data_version_is_read_once_per_request(data, monkeypatch):
    """Many fetches in one request: one look-up of the version and one probe, even when the probe interval
    passes meanwhile (without the request's memo, each fetch after that would probe again)."""
    app = data.cache.app  # a request of the app the cache is bound to
    reads, probes = cache_reads(data, monkeypatch), counted_probes(monkeypatch)
    with app.test_request_context("/_dash-update-component"):
        for builder in (select_regions, select_languages, select_regions):
            data.fetch(builder)
            data.clock.now += data.probe_seconds + 1
        views.kpis(data, YEAR)
    assert len(probes) == 1
    assert [kind for kind, _ in reads].count("version") == 1
    executed = data.database.executed
    with app.test_request_context("/_dash-update-component"):
        assert views.kpis(data, YEAR)["requests"] == 13
    assert len(probes) == 2 and probes[0] == probes[1]  # a new request after the interval probes once more,
    assert data.database.executed == executed + PROBE_STATEMENTS  # and the same version finds every result cached
    assert [kind for kind, _ in reads].count("version") == 2


def test_within_the_interval_the_next_request_probes_not(data):
    app = data.cache.app
    with app.test_request_context("/"):
        data.fetch(select_regions)
    executed = data.database.executed
    data.clock.now += data.probe_seconds - 1
    with app.test_request_context("/"):
        data.fetch(select_regions)
    assert data.database.executed == executed


def test_outside_a_request_the_interval_alone_decides(data):
    """Background work (forecasts) has no request: the version is probed again once the interval has passed."""
    data.fetch(select_regions)
    executed = data.database.executed
    data.clock.now += data.probe_seconds + 1
    data.fetch(select_regions)
    assert data.database.executed == executed + PROBE_STATEMENTS
