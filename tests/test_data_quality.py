"""The data-quality checks (dashboard/views/data_quality.py) find exactly the defects seeded in
tests/fixture_places.py and nothing on its clean twin, in SQLite and PostgreSQL; the exports list them."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date

import pytest
from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.views import data_quality as views
from queries.data_quality import CHECKS
from tests.conftest import DIALECTS
from tests.fixture_places import AS_OF, fill, fill_clean
from tests.support import acting_as

YEAR = Filters(date(2025, 1, 1), date(2025, 12, 31))
# The requests each check must find in 2025 (tests/fixture_places.py explains each).
SEEDED_2025 = {
    "unvalidated": [2, 7, 16],
    "unclosed": [7, 12],
    "out_of_order": [1, 3, 10, 11],
    "stale_matched": [9],
    "future_updated": [15],
}


def _data(url):
    database = Database(url)
    return database, DataAccess(database, Cache(Flask("test"), config={"CACHE_TYPE": "SimpleCache"}))


@pytest.fixture(params=DIALECTS)
def data(request, built_databases):
    database, access = _data(built_databases(request.param, "places", fill))
    yield access
    database.dispose()


@pytest.fixture(params=DIALECTS)
def clean(request, built_databases):
    database, access = _data(built_databases(request.param, "places_clean", fill_clean))
    yield access
    database.dispose()


def test_summary_counts_every_seeded_defect(data):
    table = views.summary(data, YEAR, AS_OF).set_index("check")
    assert list(table.index) == list(CHECKS)
    assert table["count"].to_dict() == {
        "no_sector": 1,
        "unvalidated": 3,
        "unclosed": 2,
        "out_of_order": 4,
        "stale_matched": 1,
        "future_updated": 1,
    }
    assert table.loc["no_sector", "unit"] == "organisations" and table.loc["no_sector", "requests"] == 3  # r5-r7
    assert (table.requests_in_slice == 16).all()
    assert table.loc["out_of_order", "share_rate"] == pytest.approx(4 / 16)


@pytest.mark.parametrize("check", list(SEEDED_2025))
def test_each_check_lists_exactly_the_seeded_requests(data, check):
    listed = views.defect_list(data, YEAR, check, AS_OF)
    assert list(listed.request_id) == SEEDED_2025[check]


def test_details_of_each_check(data):
    def details(check):
        return dict(zip(*views.by_detail(data, YEAR, check, AS_OF).T.values))

    # r16 closed 3 days before AS_OF; r2 (closed 2025-03-11) and r7 (no closing time: its appointment 2025-01-07)
    assert details("unvalidated") == {"0-7": 1, "8-30": 0, "31-90": 0, "91-365": 2, "366+": 0}
    unclosed = details("unclosed")
    assert (unclosed["completed"], unclosed["unanswered_other"], sum(unclosed.values())) == (1, 1, 2)
    # r10 breaks two rules and counts once, under the first
    assert details("out_of_order") == {
        "matched_before_requested": 1,
        "closed_before_requested": 1,
        "closed_before_matched": 1,
        "validated_before_closed": 1,
        "scheduled_before_requested": 0,  # the lead-time fixture has them (tests/test_lead_time.py)
    }
    assert details("stale_matched") == {"8-30": 0, "31-90": 0, "91-365": 1, "366+": 0}  # r9: 134 days


def test_organisations_concerned(data):
    no_sector = views.by_organisation(data, YEAR, "no_sector", AS_OF)
    assert list(no_sector.organisation) == ["CLB Mechelen"] and no_sector.requests.iloc[0] == 3
    assert no_sector.local_government.iloc[0] == "Mechelen" and no_sector.region_code.iloc[0] == "ANT"
    order = views.by_organisation(data, YEAR, "out_of_order", AS_OF)
    # r10 r11 (Basisschool Genk), r1 r3 (OCMW Mechelen): ties by name
    assert list(zip(order.organisation_id, order.requests)) == [(200, 2), (100, 2)]
    assert list(views.defect_list(data, YEAR, "no_sector", AS_OF).organisation_id) == [101]


def test_checks_follow_the_filters(data):
    limburg = replace(YEAR, region=("LIM",))
    assert views.summary(data, limburg, AS_OF).set_index("check")["count"].to_dict() == {
        "no_sector": 0,
        "unvalidated": 1,
        "unclosed": 1,
        "out_of_order": 2,
        "stale_matched": 0,
        "future_updated": 1,  # r15, Stad Genk
    }
    year_2026 = Filters(date(2026, 1, 1), date(2026, 12, 31))  # r14: 1 January 2026 in Brussels, never closed
    assert list(views.defect_list(data, year_2026, "unclosed", AS_OF).request_id) == [14]
    assert views.summary(data, year_2026, AS_OF).set_index("check").loc["unvalidated", "count"] == 0


def test_stale_depends_on_now(data):
    """r9's appointment (2025-07-09) is stale seven days later, not before."""
    from datetime import datetime

    assert (
        views.summary(data, YEAR, datetime(2025, 7, 16, 10, tzinfo=UTC))
        .set_index("check")
        .loc["stale_matched", "count"]
        == 1
    )
    assert (
        views.summary(data, YEAR, datetime(2025, 7, 15, 10, tzinfo=UTC))
        .set_index("check")
        .loc["stale_matched", "count"]
        == 0
    )


def test_an_empty_slice_has_empty_shares_not_nan(data):
    table = views.summary(data, Filters(date(2030, 1, 1), date(2030, 12, 31)), AS_OF)
    assert set(table.requests) == {0} and set(table.requests_in_slice) == {0}
    assert all(share is None for share in table.share_rate)  # shown as '–', never 'nan %'


def test_nothing_on_the_clean_fixture(clean):
    table = views.summary(clean, YEAR, AS_OF)
    assert table["count"].tolist() == [0] * len(CHECKS) and table.requests.tolist() == [0] * len(CHECKS)
    assert (table.requests_in_slice == 16).all()
    for check in CHECKS:
        assert views.defect_list(clean, YEAR, check, AS_OF).empty, check
        assert views.by_detail(clean, YEAR, check, AS_OF).n.sum() == 0, check


def test_measured_at_rounds_down_to_the_hour():
    from datetime import datetime

    assert views.measured_at(YEAR, datetime(2025, 11, 20, 9, 47, 12, tzinfo=UTC)) == AS_OF
    assert views.measured_at(YEAR) == datetime(2025, 12, 31, 23, tzinfo=UTC)  # Brussels midnight


# --- exports ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {"url": built_databases("sqlite", "places", fill), "now": AS_OF, "aggregates": False}


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_summary_export(client):
    rows = _rows(client.get("/export/data-quality.csv?from=2025-01-01&to=2025-12-31"))
    assert list(rows[0]) == list(views.SUMMARY_COLUMNS)
    assert {r["check"]: r["count"] for r in rows} == {
        "no_sector": "1",
        "unvalidated": "3",
        "unclosed": "2",
        "out_of_order": "4",
        "stale_matched": "1",
        "future_updated": "1",
    }
    assert {r["check"]: r["share_rate"] for r in rows}["unclosed"] == "0.125000"


def test_list_exports(client):
    rows = _rows(client.get("/export/dq-out-of-order.csv?from=2025-01-01&to=2025-12-31"))
    assert list(rows[0]) == [
        "request_id",
        "organisation_id",
        "organisation",
        "status",
        "modality",
        "requested_at",
        "scheduled_start",
        "matched_at",
        "closed_at",
        "validated_at",
        "updated_at",
        "detail",
    ]
    assert [(r["request_id"], r["detail"]) for r in rows] == [
        ("1", "validated_before_closed"),
        ("3", "matched_before_requested"),
        ("10", "closed_before_requested"),
        ("11", "closed_before_matched"),
    ]
    third = rows[2]
    assert (third["requested_at"], third["closed_at"]) == ("2025-02-03 09:00:00", "2025-02-03 08:00:00")
    stale = _rows(client.get("/export/dq-stale-matched.csv?from=2025-01-01&to=2025-12-31"))
    assert [(r["request_id"], r["closed_at"], r["detail"]) for r in stale] == [("9", "", "91-365")]
    organisations = _rows(client.get("/export/dq-no-sector.csv?from=2025-01-01&to=2025-12-31"))
    assert [(r["organisation_id"], r["requests"]) for r in organisations] == [("101", "3")]
    assert client.get("/export/dq-unclosed.xlsx?from=2025-01-01&to=2025-12-31").status_code == 200
    assert client.get("/export/dq-unclosed.csv?from=2025-13-01").status_code == 400


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_parts_render_in_both_languages(lang, built_databases):
    """Every check's card and section (a missing text would raise KeyError)."""
    from layouts import data_quality as parts

    database, access = _data(built_databases("sqlite", "places", fill))
    summary = views.summary(access, YEAR, AS_OF)
    with acting_as("manager"):
        cards = [parts.summary_card(row, "?lang=" + lang, lang) for _, row in summary.iterrows()]
    assert len(cards) == len(CHECKS) and "/export/dq-no-sector.csv?lang=" + lang in str(cards[0])
    for check in CHECKS:
        parts.detail(check, views.by_detail(access, YEAR, check, AS_OF), lang)
    rows = parts.organisation_rows(views.by_organisation(access, YEAR, "unclosed", AS_OF), "?lang=en", lang)
    assert list(rows.link) == [
        "[Basisschool Genk](/organisations/200?lang=en)",
        "[CLB Mechelen](/organisations/101?lang=en)",
    ]  # r12; r7
    # the year's first and last day, and ages measured at AS_OF (09:00 UTC) read in Brussels: 10:00
    first, last, measured = {
        "nl": ("01-01-2025", "31-12-2025", "20-11-2025 10:00"),
        "en": ("1 Jan 2025", "31 Dec 2025", "20 Nov 2025 10:00"),
    }[lang]
    scope = parts.scope(YEAR, views.measured_at(YEAR, AS_OF), lang)
    assert f"{first} " in scope and f" {last}" in scope and scope.rstrip(".").endswith(measured)
    database.dispose()


def test_the_pages_callback_shows_every_check_of_the_fixture(client, app):
    """Posted as the browser posts it: a card per check with its count, the breakdowns, the organisations
    concerned as links keeping the query, and ages measured at AS_OF (10:00 in Brussels)."""
    from dashboard import ids
    from tests.dash_requests import post, response_values, text_of

    search = "?from=2025-01-01&to=2025-12-31"
    response = post(client, app, "data-quality-summary.children", {f"{ids.PAGE_QUERY}.data": search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    answer = response_values(response)
    cards = {card["props"]["id"]: text_of(card) for card in _with_ids(answer["data-quality-summary.children"])}
    counts = {
        "no_sector": "1",
        "unvalidated": "3",
        "unclosed": "2",
        "out_of_order": "4",
        "stale_matched": "1",
        "future_updated": "1",
    }
    for check, count in counts.items():
        assert count in cards[f"data-quality-card-{check}"].split(), check
    assert f"/export/dq-unclosed.csv{search}" in str(answer["data-quality-summary.children"])
    assert answer["data-quality-scope.children"].rstrip(".").endswith("20-11-2025 10:00")
    grid = "data-quality-organisations-unclosed"  # its rows on demand, most requests first as it asks
    request = {"startRow": 0, "endRow": 50, "sortModel": [{"colId": "requests", "sort": "desc"}]}
    values = {f"{ids.PAGE_QUERY}.data": search, f"{grid}.getRowsRequest": request}
    rows = response_values(post(client, app, f"{grid}.getRowsResponse", values))[f"{grid}.getRowsResponse"]
    assert rows["rowCount"] == 2 and [row["link"] for row in rows["rowData"]] == [
        f"[Basisschool Genk](/organisations/200{search})",
        f"[CLB Mechelen](/organisations/101{search})",
    ]
    chart = answer["data-quality-detail-unvalidated.children"]["props"]["children"]  # layouts._components.chart
    bands = next(part for part in chart if part["type"] == "Graph")["props"]["figure"]["data"][0]
    assert _numbers(bands["y"]) == [1, 0, 0, 2, 0]  # r16; r2, r7
    assert answer["data-quality-detail-no_sector.children"] is None
    rules = answer["data-quality-detail-out_of_order.children"]["props"]["children"][1]["props"]["children"]
    assert [text_of(row["props"]["children"][1]) for row in rules] == ["1", "1", "1", "1", "0"]  # r10 once
    assert answer["data-quality-alerts.children"] is None


def _with_ids(tree):
    """Every component of a rendered tree (as JSON) that has an id."""
    if isinstance(tree, list):
        for item in tree:
            yield from _with_ids(item)
    elif isinstance(tree, dict):
        props = tree.get("props", {})
        if "id" in props:
            yield tree
        yield from _with_ids(props.get("children"))


def _numbers(values) -> list:
    """A figure's numbers as a response carries them: a list, or Plotly's typed array (base64)."""
    if isinstance(values, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)
