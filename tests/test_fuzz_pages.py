"""Every page and every export, fuzzed with malformed query strings (tests/fuzz_shapes.py) in-process: the page
itself, the router mounting it, its callbacks with that query as their store, and each export in both formats and
the report's downloads. Never a 5xx, never a traceback; an export answers 200 or 400 (a bad parameter, too many
rows) or 414 (too long), nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given

from dashboard import ids
from dashboard.exports import VIEWS
from tests.dash_requests import outputs_of, post, server_callbacks
from tests.fuzz_shapes import Tally, assert_no_server_error, fuzz_settings, query_strings

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PAGES = (
    "/",
    "/supply-demand",
    "/shortages",
    "/no-shows",
    "/interpreters",
    "/regions",
    "/regions/ANT",
    "/regions/ANT/1",
    "/organisations/1",
    "/data-quality",
    "/report",
)
EXPORT_STATUSES = {200, 400, 414}
TALLY = Tally("pages-and-exports")


@pytest.fixture(scope="module")
def app_config(built_databases):
    """The management fixture in SQLite, "now" fixed, forecasts computed when asked."""
    from tests.fixture_management import fill

    url = built_databases("sqlite", "management", fill)
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def tallied(client):
    yield client
    TALLY.write()


def _page_outputs(app) -> list[str]:
    """One output of each server callback that takes the page query store as input."""
    found = []
    for _, spec in server_callbacks(app):
        if any(item["id"] == ids.PAGE_QUERY for item in spec["inputs"]):
            found.append(outputs_of(spec)[0])
    return found


def _get(client, url: str):
    response = client.get(url, headers={"Accept": "text/html"})
    TALLY.count(response.status_code)
    assert_no_server_error(response, url)
    return response


@pytest.mark.parametrize("path", PAGES)
@fuzz_settings(default=6)
@given(query=query_strings())
def test_every_page_and_its_callbacks_answer_a_malformed_query(tallied, app, path, query):
    search = query if query.startswith("?") or not query else "?" + query
    assert _get(tallied, path + search).status_code in (200, 414)
    mounted = post(
        tallied, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": search}
    )
    TALLY.count(mounted.status_code)
    assert_no_server_error(mounted, f"mount {path}")
    for output in _page_outputs(app):
        if output.startswith(_page_name(path) + "-"):
            response = post(tallied, app, output, {f"{ids.PAGE_QUERY}.data": search})
            TALLY.count(response.status_code)
            assert_no_server_error(response, output)


def _page_name(path: str) -> str:
    import layouts

    return layouts.match(path)[0].name


@pytest.mark.parametrize("view", sorted(VIEWS))
@fuzz_settings(default=3)
@given(query=query_strings())
def test_every_export_answers_a_malformed_query(tallied, view, query):
    for fmt in ("csv", "xlsx"):
        response = _get(tallied, f"/export/{view}.{fmt}?{query.lstrip('?')}")
        assert response.status_code in EXPORT_STATUSES, (view, fmt, response.status_code)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@fuzz_settings(default=3)
@given(query=query_strings())
def test_the_report_downloads_answer_a_malformed_query(tallied, fmt, query):
    response = _get(tallied, f"/report.{fmt}?{query.lstrip('?')}")
    assert response.status_code in EXPORT_STATUSES, (fmt, response.status_code)
