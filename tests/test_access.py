"""The role matrix (CONTRACT.md §7): for every role, every page, export, report and page callback, what it gets:
opened or "not found" (pages), 200 or 403 (exports, reports, callbacks). One table, written out here by hand from
the contract, in SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from callbacks.shell import PAGE_HEADER
from dashboard import ids
from dashboard.views import export_views
from tests.conftest import DIALECTS
from tests.dash_requests import find_component, post, response_values, server_callbacks
from tests.support import TEST_ACCOUNTS, read_csv, signed_in_client

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
YEAR = "from=2022-01-01&to=2022-12-31"
# The management fixture: organisation 1 (and 3) in Mechelen (ANT), 2, 4 and 5 in Genk (LIM). The test accounts
# (tests/support.py): `region` covers ANT, `organisation` is organisation 1.
PAGES = {
    "/": "overview",
    "/supply-demand": "supply-demand",
    "/shortages": "shortages",
    "/no-shows": "no-shows",
    "/lead-time": "lead-time",
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
    "/subscriptions": "subscriptions",
    "/admin": "admin",
}
ANALYST_PAGES = set(PAGES) - {"/admin"}
OPENS = {
    "manager": ANALYST_PAGES,
    "planner": ANALYST_PAGES,
    "board": ANALYST_PAGES,
    "region": ANALYST_PAGES - {"/regions/LIM", "/regions/LIM/2", "/organisations/2"},
    "organisation": {"/organisations/1", "/report", "/subscriptions"},
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
    """The class of the page the router mounts at `path` (a page's frame; "not-found" for one refused)."""
    response = post(client, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": ""})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return _frame_class(response_values(response)[f"{ids.PAGE}.children"])


def _painted_class(client, path: str) -> str:
    """The class of the page drawn with the layout when the browser loads `path` (callbacks.shell.first_painted)."""
    response = client.get("/_dash-layout", headers={PAGE_HEADER: path})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return _frame_class(find_component(response.get_json(), ids.PAGE)["props"]["children"])


def _frame_class(mounted: dict) -> str:
    return mounted["props"]["children"][1]["props"].get("className", "")


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
@pytest.mark.parametrize("mounted_by", [_mounted_class, lambda client, app, path: _painted_class(client, path)])
def test_pages_open_or_are_not_found_by_role(clients, app, role, mounted_by):
    """Mounted by the router (a link followed) or drawn with the layout (a page loaded): the same pages open."""
    opened = {path for path in PAGES if "not-found" not in mounted_by(clients[role], app, path)}
    assert opened == OPENS[role]


def test_a_page_refused_is_audited_as_refused(clients, app):
    state = app.server.extensions["stv-state"]
    assert "not-found" in _mounted_class(clients["region"], app, "/regions/LIM")
    assert "not-found" not in _mounted_class(clients["region"], app, "/regions/ANT")
    newest, before = state.audit(username="region", limit=2)
    assert (newest["action"], newest["target"]) == ("page-view", "/regions/ANT")
    assert (before["action"], before["target"]) == ("refused", "/regions/LIM")


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
        read = spec["inputs"] + spec.get("state", [])  # a grid's rows callback reads the query as its state
        inputs = [f"{i['id']}.{i['property']}" for i in read if isinstance(i["id"], str)]
        if f"{ids.PAGE_QUERY}.data" in inputs:
            first = spec["output"][0] if isinstance(spec["output"], list) else spec["output"]
            if isinstance(first.component_id, str):
                outputs.append(f"{first.component_id}.{first.component_property}")
    return outputs


def test_the_navigation_shows_only_what_the_account_may_open(clients, app):
    for role, client in clients.items():
        response = post(client, app, f"{ids.NAV}.children", {f"{ids.ROUTE}.data": {"path": "/", "lang": "nl"}})
        values = response_values(response)
        bar = {item["props"]["children"]["props"]["href"] for item in values[f"{ids.NAV}.children"]}
        menu = {item["props"]["href"] for item in values[f"{ids.ACCOUNT_LINKS}.children"]}
        assert bar == {path for path in OPENS[role] if path in _NAV_PATHS}, role
        assert menu == {path for path in OPENS[role] if path in _ACCOUNT_PATHS}, role


# The bar's pages, and the account's own pages in its menu.
_ACCOUNT_PATHS = {"/subscriptions", "/admin"}


_NAV_PATHS = {
    "/",
    "/supply-demand",
    "/shortages",
    "/no-shows",
    "/lead-time",
    "/interpreters",
    "/regions",
    "/data-quality",
    "/report",
}


def test_the_board_gets_no_list_of_individual_interpreters_or_requests(clients, app):
    def inactive_list(role):
        response = post(
            clients[role], app, "interpreters-inactive-list.children", {f"{ids.PAGE_QUERY}.data": "?" + YEAR}
        )
        return response_values(response)["interpreters-inactive-list.children"]

    def defect_links(role):
        response = post(clients[role], app, "data-quality-summary.children", {f"{ids.PAGE_QUERY}.data": "?" + YEAR})
        return "/export/dq-" in str(response_values(response))

    def supply_demand_parts(role):
        response = post(clients[role], app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": "/supply-demand"}})
        return str(response_values(response))

    assert inactive_list("manager") is not None and inactive_list("board") is None
    assert defect_links("manager") and not defect_links("board")
    assert "supply-demand-requests-grid" in supply_demand_parts("manager")
    assert "supply-demand-requests-grid" not in supply_demand_parts("board")  # left out, not shown empty


def test_a_region_account_gets_no_forecast_of_every_organisation(clients, app):
    body = {f"{ids.PAGE_QUERY}.data": "?" + YEAR, "shortages-forecast-language.value": None}
    answer = response_values(post(clients["region"], app, "shortages-forecast.children", body))
    assert "buiten de regio's van uw account" in str(answer["shortages-forecast.children"])
    assert answer["shortages-forecast-grid.rowData"] == []


# The register's size is the one figure that differs: a manager's region filter leaves the register whole
# (CONTRACT.md §3: registered interpreters "of the selected kinds and languages"), a region account's register is
# its regions' interpreters and those without a region (§7); so is the activity rate drawn from it.
REGISTER_FIGURES = {"registered_interpreters", "registered_in_period", "activity_rate"}


@pytest.mark.parametrize("view", ["kpis", "languages", "monthly"])
def test_a_region_accounts_exports_equal_a_managers_with_its_region_filter(clients, view):
    regional = clients["region"].get(f"/export/{view}.csv?{YEAR}")
    managers = clients["manager"].get(f"/export/{view}.csv?{YEAR}&region=ANT")
    everywhere = clients["manager"].get(f"/export/{view}.csv?{YEAR}")
    assert regional.status_code == managers.status_code == 200
    assert _without_register(regional) == _without_register(managers) != _without_register(everywhere)
    assert clients["region"].get(f"/export/{view}.csv?{YEAR}&region=ANT").get_data() == regional.get_data()


def test_a_region_accounts_register_is_its_regions_and_those_without_one(clients):
    """The management fixture's register at the end of 2022 (tests/fixture_management.py INTERPRETERS)."""
    from tests.fixture_management import INTERPRETERS

    def registered(client) -> int:
        rows = read_csv(client.get(f"/export/kpis.csv?{YEAR}"))
        return int(next(row["value"] for row in rows if row["metric"] == "registered_interpreters"))

    in_register = [
        i for i in INTERPRETERS if i[4] <= date(2022, 12, 31) and (i[5] is None or i[5] > date(2022, 12, 31))
    ]
    assert registered(clients["manager"]) == len(in_register)
    assert registered(clients["region"]) == len([i for i in in_register if i[2] in (None, 1)])  # 1: ANT


def _without_register(response) -> list[dict]:
    rows = read_csv(response)
    if rows and "metric" in rows[0]:
        return [row for row in rows if row["metric"] not in REGISTER_FIGURES]
    return [{k: v for k, v in row.items() if k not in REGISTER_FIGURES} for row in rows]


@pytest.mark.parametrize("view", ["kpis", "languages", "monthly"])
def test_another_regions_export_is_forbidden_never_its_figures(clients, view):
    assert clients["region"].get(f"/export/{view}.csv?{YEAR}&region=LIM").status_code == 403
    assert clients["region"].get(f"/export/{view}.csv?{YEAR}&region=ANT,LIM").status_code == 403


def test_an_organisation_account_sees_its_own_figures_only(clients, app):
    own = clients["organisation"].get(f"/export/kpis.csv?{YEAR}").get_data(as_text=True)
    everywhere = clients["manager"].get(f"/export/kpis.csv?{YEAR}").get_data(as_text=True)
    assert own != everywhere
    # Its scope cannot be widened by a parameter, nor another organisation named.
    for query in ("&region=LIM", "&organisation_id=2", "&organisation=2"):
        answer = clients["organisation"].get(f"/export/kpis.csv?{YEAR}{query}")
        assert answer.status_code == 200
        assert _requests_of(answer.get_data(as_text=True)) <= _requests_of(own)
    # A forged callback of the organisation page with another organisation's path finds nothing.
    body = {f"{ids.PAGE_QUERY}.data": "?" + YEAR, "organisation-place.data": {"organisation_id": "2"}}
    answer = response_values(post(clients["organisation"], app, "organisation-cards.children", body))
    assert not answer.get("organisation-cards.children")


def _requests_of(csv_text: str) -> int:
    return int(next(line for line in csv_text.splitlines() if line.startswith("requests,")).split(",")[1])


def test_the_callback_guard_reads_every_page_a_request_names():
    from dashboard.access import callback_pages

    forged = {
        "output": "..admin-accounts.rowData...organisation-cards.children..",
        "outputs": [{"id": "organisation-cards", "property": "children"}],
    }
    assert callback_pages(forged) == {"admin", "organisation"}
    assert callback_pages({"output": "region-chart.figure", "outputs": {"id": "region-chart"}}) == {"region"}
    assert callback_pages({"output": "shell-nav.children", "outputs": {"id": "shell-nav"}}) == set()


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
def test_the_outage_banner_answers_every_signed_in_role_and_no_one_else(clients, app, role):
    """The shell's outage banner (callbacks/outage.py) says only whether the database can be reached: every
    account may ask, as for the navigation; without a session the callback endpoint answers 401."""
    values = {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": ""}
    response = post(clients[role], app, f"{ids.OUTAGE}.children", values)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response_values(response)[f"{ids.OUTAGE}.children"] is None
    assert post(app.server.test_client(), app, f"{ids.OUTAGE}.children", values).status_code == 401


# What each role may subscribe to (CONTRACT.md §8), on the page and the command line alike (both call
# dashboard.subscriptions.subscribe): the report for every data role, the alert for all but an organisation, nothing
# for an administrator alone; a region account's alert only within its regions.
SUBSCRIBES = {
    "manager": {"report", "alert"},
    "planner": {"report", "alert"},
    "board": {"report", "alert"},
    "region": {"report", "alert"},
    "organisation": {"report"},
    "admin": set(),
}


@pytest.mark.parametrize("role", TEST_ACCOUNTS)
def test_subscriptions_by_role_on_the_page(clients, app, role):
    from dashboard.subscriptions import SubscriptionError, subscribe

    state = app.server.extensions["stv-state"]
    account = state.find(role).account
    vocabulary = app.server.extensions["stv"].vocabulary()
    allowed = set()
    for kind, values in (("report", {"every": "month"}), ("alert", {"hours": 2, "at_time": "08:00"})):
        try:
            subscribe(state, account, vocabulary, kind, NOW, address=f"{role}@example.be", **values)
            allowed.add(kind)
        except SubscriptionError:
            pass
    assert allowed == SUBSCRIBES[role]
    body = {f"{ids.PAGE_QUERY}.data": "", "subscriptions-lang.data": "en"}
    response = post(clients[role], app, "subscriptions-list.children", body)
    assert response.status_code == (403 if role == "admin" else 200)
    if role != "admin":
        listed = response_values(response)
        assert str(listed).count("'remove'") == len(allowed)  # one stop button per subscription, its own only
        regions = [option["value"] for option in listed["subscriptions-regions.options"]]
        assert regions == (["ANT"] if role == "region" else ["ANT", "LIM"])
    for subscription in state.subscriptions(role):
        state.remove_subscription(subscription.id)


def test_a_region_account_cannot_subscribe_to_another_regions_alert(app):
    from dashboard.subscriptions import SubscriptionError, subscribe

    state = app.server.extensions["stv-state"]
    vocabulary = app.server.extensions["stv"].vocabulary()
    with pytest.raises(SubscriptionError, match="outside this account's regions: LIM"):
        subscribe(state, state.find("region").account, vocabulary, "alert", NOW, address="r@example.be", hours=1,
                  at_time="08:00", regions=["LIM"])  # fmt: skip
    assert state.subscriptions("region") == []


@pytest.mark.parametrize("role", ["organisation", "region", "manager"])
def test_a_subscribed_report_is_the_report_pdf_the_account_downloads(clients, app, role):
    """The e-mailed PDF is `/report.pdf` in the account's scope: an organisation's is its own organisation's."""
    from io import BytesIO

    from pypdf import PdfReader

    from dashboard.subscriptions import report_attachment

    def text(pdf: bytes) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)

    context = app.server.extensions["stv"]
    account = app.server.extensions["stv-state"].find(role).account
    mailed = report_attachment(context, account, "2022-Q4", "nl")
    downloaded = clients[role].get("/report.pdf?period=2022-Q4&lang=nl")
    assert mailed.filename == "stv-report-2022-Q4.pdf"
    assert text(mailed.content) == text(downloaded.get_data())
    if role != "manager":
        managers = clients["manager"].get("/report.pdf?period=2022-Q4&lang=nl").get_data()
        assert text(mailed.content) != text(managers)
