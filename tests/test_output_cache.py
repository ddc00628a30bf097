"""Page callbacks' answers kept whole (dashboard/output_cache.py): the second identical call neither queries nor
builds a figure; another scope, role or language, another data version, a query's max_age running out or a
malformed input each get their own answer."""

from __future__ import annotations

from datetime import UTC, datetime

import plotly.graph_objects as go
import pytest

from dashboard import ids, output_cache
from tests.conftest import Clock
from tests.dash_requests import post, response_values, text_of
from tests.support import signed_in_client

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
SEARCH = "?from=2022-01-01&to=2022-12-31"
QUERY = f"{ids.PAGE_QUERY}.data"
CARDS = f"{ids.page('overview', 'cards')}.children"
TREND = f"{ids.page('overview', 'trend')}.figure"


@pytest.fixture(scope="module")
def clock():
    return Clock()


@pytest.fixture(scope="module")
def app_config(fixture_sqlite, clock):
    return {"url": fixture_sqlite, "now": NOW, "aggregates": False, "forecast_background": False, "clock": clock}


@pytest.fixture
def work(app, monkeypatch):
    """Counts of what answering costs: look-ups of query results (cached or not) and figures built."""
    counts = {"queries": 0, "figures": 0}
    data = app.server.extensions["stv"].data
    memo, figure_init = data._memo, go.Figure.__init__

    def counted_memo(*args, **kwargs):
        counts["queries"] += 1
        return memo(*args, **kwargs)

    def counted_figure(self, *args, **kwargs):
        counts["figures"] += 1
        figure_init(self, *args, **kwargs)

    monkeypatch.setattr(data, "_memo", counted_memo)
    monkeypatch.setattr(go.Figure, "__init__", counted_figure)
    return counts


def answer(client, app, search: str = SEARCH, output: str = CARDS) -> dict:
    response = post(client, app, output, {QUERY: search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_the_second_identical_call_neither_queries_nor_builds(app, work):
    client = signed_in_client(app, "manager")
    search = SEARCH + "&modality=onsite"  # a query no other test of this module asks
    first = answer(client, app, search, TREND)
    assert work["queries"] > 0 and work["figures"] > 0
    work.update(queries=0, figures=0)
    assert answer(client, app, search, TREND) == first
    assert work == {"queries": 0, "figures": 0}
    assert answer(signed_in_client(app, "planner"), app, search, TREND)  # another role: its own answer
    assert work["queries"] > 0


def test_a_worker_serves_what_another_kept_on_its_first_call(make_app, fixture_sqlite, clock, tmp_path, work):
    """Two workers (two apps) sharing a file cache, as `serve` runs them: the second serves the first one's kept
    answer without drawing it again, on its very first call of that callback."""
    shared = f"filesystem://{tmp_path / 'cache'}"
    options = {"now": NOW, "aggregates": False, "forecast_background": False, "clock": clock, "cache_url": shared}
    first, second = make_app(fixture_sqlite, **options), make_app(fixture_sqlite, **options)
    search = SEARCH + "&modality=video"
    kept = answer(signed_in_client(first, "manager"), first, search, TREND)
    assert work["figures"] > 0
    work.update(figures=0)
    assert answer(signed_in_client(second, "manager"), second, search, TREND) == kept
    assert work["figures"] == 0


def test_another_scope_gets_its_own_answer(app, work):
    manager = answer(signed_in_client(app, "manager"), app)
    work.update(queries=0)
    region = answer(signed_in_client(app, "region"), app)  # an account of region ANT
    assert work["queries"] > 0
    assert text_of(region[CARDS]) != text_of(manager[CARDS])
    work.update(queries=0)
    assert answer(signed_in_client(app, "region"), app) == region  # the same scope again: kept
    assert work["queries"] == 0


def test_another_language_gets_its_own_answer(app, work):
    client = signed_in_client(app, "manager")
    dutch = answer(client, app)
    work.update(queries=0)
    english = answer(client, app, SEARCH + "&lang=en")
    assert work["queries"] > 0
    assert text_of(english[CARDS]) != text_of(dutch[CARDS])


def test_a_new_data_version_is_drawn_anew(app, work, monkeypatch):
    client = signed_in_client(app, "manager")
    before = answer(client, app)
    data = app.server.extensions["stv"].data
    monkeypatch.setattr(data, "data_version", lambda: "another version")
    work.update(queries=0)
    assert answer(client, app) == before  # the same data under another version: the same figures, computed anew
    assert work["queries"] > 0


def test_an_answer_built_on_a_max_age_query_ends_with_its_slot(app, work, clock):
    """The overview's cards count registered interpreters, read with max_age (the data version does not watch
    that table): the kept cards end when that query's slot does."""
    client = signed_in_client(app, "manager")
    answer(client, app)
    work.update(queries=0)
    answer(client, app)
    assert work["queries"] == 0
    clock.now += 300  # UNWATCHED_MAX_AGE: the next slot
    answer(client, app)
    assert work["queries"] > 0


def test_a_malformed_input_is_answered_with_its_alert_never_kept(app):
    client = signed_in_client(app, "manager")
    alerts = ids.page("supply-demand", "alerts")
    forged = {QUERY: SEARCH, '{"choice":"window","page":"supply-demand","prop":"value"}.value': [1]}

    def alert_of(values) -> str:
        response = post(client, app, f"{alerts}.children", values)
        return text_of(response_values(response)[f"{alerts}.children"])

    assert alert_of(forged)
    assert not alert_of({QUERY: SEARCH})  # the default window: kept answers have no alert
    assert alert_of(forged)  # not the kept answer of the default


def test_a_failed_or_unfinished_answer_is_not_kept(app):
    with app.server.test_request_context():
        from flask import g

        g.stv_output = record = {"page": False, "kept": True, "until": float("inf"), "clock": False}
        output_cache.page_output()
        output_cache.keep_until(2000.0)
        output_cache.keep_until(3000.0)
        output_cache.reads_clock()
        output_cache.not_kept()
        assert record == {"page": True, "kept": False, "until": 2000.0, "clock": True}
    output_cache.not_kept()  # outside a request: nothing to say it to, no error
