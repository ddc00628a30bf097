"""The role matrix (CONTRACT.md §7): for every role, every page, export, report and page callback, what it gets:
opened or "not found" (pages), 200 or 403 (exports, reports, callbacks). One table, written out here by hand from
the contract, in SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dashboard import ids
from dashboard.views import export_views
from tests.conftest import DIALECTS
from tests.dash_requests import post, response_values, server_callbacks
from tests.support import TEST_ACCOUNTS, signed_in_client

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
YEAR = "from=2022-01-01&to=2022-12-31"
# The management fixture: organisation 1 (and 3) in Mechelen (ANT), 2, 4 and 5 in Genk (LIM). The test accounts
# (tests/support.py): `region` covers ANT, `organisation` is organisation 1.
PAGES = {
    "/": "overview",
    "/supply-demand": "supply-demand",
    "/shortages": "shortages",
    "/no-shows": "no-shows",
    "/interpreters": "interpreters",
    "/regions": "regions",
    "/regions/ANT": "region",
    "/regions/LIM": "region",
    "/regions/ANT/1": "local-government",
    "/regions/LIM/2": "local-government",
    "/organisations/1": "organisation",
    "/organisations/2": "organisation",
    "/data-quality": "data-quality",
    "/report": "report",
    "/admin": "admin",
}
ANALYST_PAGES = set(PAGES) - {"/admin"}
OPENS = {
    "manager": ANALYST_PAGES,
    "planner": ANALYST_PAGES,
    "board": ANALYST_PAGES,
    "region": ANALYST_PAGES - {"/regions/LIM", "/regions/LIM/2", "/organisations/2"},
    "organisation": {"/organisations/1", "/report"},
    "admin": {"/admin"},
}
INDIVIDUAL_LISTS = {"open-requests", "interpreter-hours", "interpreters-inactive"}  # and every dq-… list
ORGANISATION_EXPORTS = {"kpis", "languages", "monthly", "annual-report", "no-shows", "no-shows-monthly"}


def exports_allowed(role: str, view: str) -> bool:
    if role in ("manager", "planner"):
        return True
    if role == "region":
        return view != "shortage-forecast"  # a forecast over every organisation
    if role == "board":
        return view not in INDIVIDUAL_LISTS and not view.startswith("dq-")
    if role == "organisation":
        return view in ORGANISATION_EXPORTS
    return False


@pytest.fixture(scope="module", params=DIALECTS)
def app_config(request, built_databases):
    from tests.fixture_management import fill

    url = built_databases(request.param, "management", fill)
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def clients(app):
    return {role: signed_in_client(app, role) for role in TEST_ACCOUNTS}


def _mounted_class(client, app, path: str) -> str:
    response = post(client, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": ""})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    frame = response_values(response)[f"{ids.PAGE}.children"]["props"]["children"][1]
    return frame["props"].get("className", "")


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
def test_pages_open_or_are_not_found_by_role(clients, app, role):
    opened = {path for path in PAGES if "not-found" not in _mounted_class(clients[role], app, path)}
    assert opened == OPENS[role]


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
def test_exports_answer_200_or_403_by_role(clients, role):
    for view in export_views():
        status = clients[role].get(f"/export/{view}.csv?{YEAR}").status_code
        assert (status == 403) == (not exports_allowed(role, view)), (view, status)
        assert status in (200, 403, 503), (view, status)  # 503: the forecast is still being made


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_reports_by_role(clients, role, fmt):
    status = clients[role].get(f"/report.{fmt}?period=2022").status_code
    assert status == (403 if role == "admin" else 200)


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
def test_page_callbacks_answer_403_for_a_page_the_role_may_not_open(clients, app, role):
    names = {name for path, name in PAGES.items() if path in OPENS[role]}
    for output in _one_output_per_page_callback(app):
        page = output.split(".")[0]
        response = post(clients[role], app, output, {f"{ids.PAGE_QUERY}.data": "?" + YEAR})
        assert (response.status_code == 403) == (_owner(page) not in names), (output, response.status_code)


def _owner(component_id: str) -> str:
    """The page a part's id belongs to: the longest page name it starts with ('region-…' is not 'regions-…')."""
    every = sorted(set(PAGES.values()), key=len, reverse=True)
    return next(name for name in every if component_id == name or component_id.startswith(name + "-"))


def _one_output_per_page_callback(app) -> list[str]:
    outputs = []
    for _, spec in server_callbacks(app):
        inputs = [f"{i['id']}.{i['property']}" for i in spec["inputs"] if isinstance(i["id"], str)]
        if f"{ids.PAGE_QUERY}.data" in inputs:
            first = spec["output"][0] if isinstance(spec["output"], list) else spec["output"]
            if isinstance(first.component_id, str):
                outputs.append(f"{first.component_id}.{first.component_property}")
    return outputs


def test_the_navigation_shows_only_what_the_account_may_open(clients, app):
    for role, client in clients.items():
        response = post(client, app, f"{ids.NAV}.children", {f"{ids.ROUTE}.data": {"path": "/", "lang": "nl"}})
        links = {
            item["props"]["children"]["props"]["href"] for item in response_values(response)[f"{ids.NAV}.children"]
        }
        assert links == {path for path in OPENS[role] if path in _NAV_PATHS}, role


_NAV_PATHS = {"/", "/supply-demand", "/shortages", "/no-shows", "/interpreters", "/regions", "/data-quality"}


def test_the_board_gets_no_list_of_individual_interpreters_or_requests(clients, app):
    def inactive_list(role):
        response = post(
            clients[role], app, "interpreters-inactive-list.children", {f"{ids.PAGE_QUERY}.data": "?" + YEAR}
        )
        return response_values(response)["interpreters-inactive-list.children"]

    def defect_links(role):
        response = post(clients[role], app, "data-quality-summary.children", {f"{ids.PAGE_QUERY}.data": "?" + YEAR})
        return "/export/dq-" in str(response_values(response))

    assert inactive_list("manager") is not None and inactive_list("board") is None
    assert defect_links("manager") and not defect_links("board")


def test_a_region_account_gets_no_forecast_of_every_organisation(clients, app):
    body = {f"{ids.PAGE_QUERY}.data": "?" + YEAR, "shortages-forecast-language.value": None}
    answer = response_values(post(clients["region"], app, "shortages-forecast.children", body))
    assert "buiten de regio's van uw account" in str(answer["shortages-forecast.children"])
    assert answer["shortages-forecast-grid.rowData"] == []
