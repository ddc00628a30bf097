"""The drill-down and data-quality pages in a real browser, on the demo database: region -> local government ->
organisation by clicks with the URL and breadcrumbs following and the filters kept, back, a bar click, places that
do not exist, the path winning over the filter bar, English, and the data-quality checks with their lists.
Expected figures come from the same database through the app's own (unit-tested) views.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.filters import Filters
from dashboard.i18n import format_count, format_rate
from dashboard.periods import default_range
from tests.browser import TODAY, expect, save_screenshot
from tests.conftest import DEMO_NOW

pytestmark = pytest.mark.e2e

QUARTER = "from=2026-07-01&to=2026-09-30"
SLICE = Filters(date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture(scope="module")
def demo_data(demo_sqlite):
    """The app's data access on the served demo database, for the figures the pages should show."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database

    database = Database(f"sqlite:///{Path(demo_sqlite).resolve()}")
    yield DataAccess(database, Cache(Flask("e2e-regions"), config={"CACHE_TYPE": "SimpleCache"}))
    database.dispose()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def expect_requests_card(page, name: str, value: int, lang: str = "nl") -> None:
    expect()(page.locator(f"#{name}-kpi-requests .kpi-value")).to_have_text(format_count(value, lang))


def expect_crumbs(page, labels: list[str]) -> None:
    expect()(page.locator(".place-crumbs .breadcrumb-item")).to_have_text(labels)


def click_grid_link(page, grid_id: str, text: str | None = None):
    """Click a name in a drill-down grid (the first, the busiest, when `text` is None); returns its text."""
    links = page.locator(f"#{grid_id} a")
    link = links.filter(has_text=re.compile(rf"^{re.escape(text)}$")) if text else links.first
    expect()(link).to_be_visible()
    name = link.inner_text()
    link.click()
    return name


# --- the drill-down by clicks ----------------------------------------------------------------------------------


def test_region_to_local_government_to_organisation_by_clicks_and_back(browser_page, demo_data):
    from dashboard.views import regions as views

    limburg = views.find_region(demo_data, "LIM")
    genk_row = views.children(demo_data, SLICE, limburg).set_index("name").loc["Genk"]
    genk = views.find_local_government(demo_data, "LIM", int(genk_row.id))
    busiest = views.children(demo_data, SLICE, genk).iloc[0]

    page = browser_page.open(f"/regions?{QUARTER}")
    expect_requests_card(page, "regions", views.place_figures(demo_data, SLICE)["requests"])
    expect_crumbs(page, ["Alle regio's"])
    save_screenshot(page, "regions-nl")

    click_grid_link(page, "regions-table", "Limburg")
    expect()(page).to_have_url(re.compile(rf"/regions/LIM\?{QUARTER}$"))
    expect()(page.locator("#region-heading")).to_have_text("Limburg")
    expect_crumbs(page, ["Alle regio's", "Limburg"])
    expect_requests_card(page, "region", views.place_figures(demo_data, SLICE, limburg)["requests"])
    no_shows = views.place_figures(demo_data, SLICE, limburg)["no_show_client_rate"]
    expect()(page.locator("#region-kpi-no_show_client_rate .kpi-value")).to_have_text(format_rate(no_shows, "nl"))
    save_screenshot(page, "region-nl")

    click_grid_link(page, "region-table", "Genk")
    expect()(page).to_have_url(re.compile(rf"/regions/LIM/{int(genk_row.id)}\?{QUARTER}$"))
    expect_crumbs(page, ["Alle regio's", "Limburg", "Genk"])
    expect_requests_card(page, "local-government", int(genk_row.requests))  # the row one level up
    save_screenshot(page, "local-government-nl")

    name = click_grid_link(page, "local-government-table")
    assert name == busiest["name"]
    expect()(page).to_have_url(re.compile(rf"/organisations/{int(busiest.id)}\?{QUARTER}$"))
    expect()(page.locator("#organisation-heading")).to_have_text(busiest["name"])
    expect_crumbs(page, ["Alle regio's", "Limburg", "Genk", busiest["name"]])
    expect_requests_card(page, "organisation", int(busiest.requests))
    expect()(page.locator(".modality-table tbody tr")).to_have_count(4)  # the modality behind the figures
    expect()(page.locator(".parties-table")).to_contain_text("Cliënt niet opgedaagd")
    expect()(page.locator("#organisation-trend .main-svg").first).to_be_visible()
    save_screenshot(page, "organisation-nl")

    page.go_back()
    expect()(page).to_have_url(re.compile(rf"/regions/LIM/{int(genk_row.id)}\?{QUARTER}$"))
    expect_crumbs(page, ["Alle regio's", "Limburg", "Genk"])
    page.go_back()
    expect()(page).to_have_url(re.compile(rf"/regions/LIM\?{QUARTER}$"))
    expect()(page.locator("#region-heading")).to_have_text("Limburg")
    browser_page.assert_no_errors()


def test_breadcrumbs_and_bars_navigate_within_the_app(browser_page, demo_data):
    from dashboard.views import regions as views

    busiest_place = views.children(demo_data, SLICE, views.find_region(demo_data, "LIM")).iloc[0]
    local_government = views.find_local_government(demo_data, "LIM", int(busiest_place.id))
    organisation = views.children(demo_data, SLICE, local_government).iloc[0]
    page = browser_page.open(f"/organisations/{int(organisation.id)}?{QUARTER}")
    expect()(page.locator("#organisation-heading")).to_have_text(organisation["name"])
    page.locator(".place-crumbs a", has_text="Limburg").click()
    expect()(page).to_have_url(re.compile(rf"/regions/LIM\?{QUARTER}$"))
    expect()(page.locator("#region-heading")).to_have_text("Limburg")
    page.locator(".place-crumbs a", has_text="Alle regio's").click()
    expect()(page).to_have_url(re.compile(rf"/regions\?{QUARTER}$"))

    bar = page.locator("#regions-chart .bars .point").last  # the busiest region is on top, drawn last
    expect()(bar).to_be_visible()
    bar.click(force=True)
    busiest = views.children(demo_data, SLICE).iloc[0]
    expect()(page).to_have_url(re.compile(rf"/regions/{busiest.code}\?{QUARTER}$"))
    expect()(page.locator("#region-heading")).to_have_text(busiest["name"])
    assert query_of(page.url) == {"from": ["2026-07-01"], "to": ["2026-09-30"]}
    browser_page.assert_no_errors()


def test_filters_stay_in_the_url_and_the_path_wins(browser_page, demo_data):
    from dashboard.views import regions as views

    antwerp = views.find_region(demo_data, "ANT")
    chosen = replace(SLICE, region=("LIM",), modality=("onsite",))
    page = browser_page.open(f"/regions/ANT?{QUARTER}&region=LIM&modality=onsite")
    expect()(page.locator(".place-notice")).to_contain_text("Limburg")
    expect()(page.locator(".place-notice")).to_contain_text("Provincie Antwerpen")
    expect_requests_card(page, "region", views.place_figures(demo_data, chosen, antwerp)["requests"])
    first = page.locator("#region-table a").first
    expect()(first).to_have_attribute("href", re.compile(r"region=LIM.*modality=onsite|modality=onsite.*region=LIM"))
    page.locator(".downloads .dropdown-toggle").click()
    export = page.locator("a.export-local-governments-csv")
    expect()(export).to_be_visible()
    assert query_of(export.get_attribute("href"))["region"] == ["ANT"]  # the export follows the path
    answer = page.request.get(browser_page.server.url(export.get_attribute("href")))
    assert answer.status == 200 and answer.text().startswith("region_code,local_government_id")
    browser_page.assert_no_errors()


# --- places that do not exist ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, message",
    [
        ("/regions/XYZ", "Er is geen regio met code 'XYZ'."),
        ("/regions/ANT/abc", "Provincie Antwerpen heeft geen lokaal bestuur met nummer 'abc'."),
        ("/regions/ANT/{genk}", "Provincie Antwerpen heeft geen lokaal bestuur met nummer '{genk}'."),
        ("/organisations/999999?lang=en", "There is no organisation with number '999999'."),
    ],
)
def test_unknown_places_show_not_found(browser_page, demo_data, path, message):
    from dashboard.views import regions as views

    genk = str(
        int(views.children(demo_data, SLICE, views.find_region(demo_data, "LIM")).set_index("name").loc["Genk"].id)
    )  # Genk lies in Limburg, not in Antwerp
    page = browser_page.open(path.format(genk=genk))
    missing = page.locator(".place-not-found")
    expect()(missing).to_contain_text(message.format(genk=genk))
    expect()(
        page.locator(".page-region, .page-local-government, .page-organisation").locator("[id$='-content']")
    ).to_be_hidden()
    link = missing.locator("a")
    expect()(link).to_have_attribute("href", re.compile(r"^/regions(\?lang=en)?$"))
    link.click()
    expect()(page).to_have_url(re.compile(r"/regions(\?lang=en)?$"))
    expect()(page.locator("#regions-heading")).to_be_visible()
    browser_page.assert_no_errors()


# --- English --------------------------------------------------------------------------------------------------


def test_english_drill_down(browser_page, demo_data):
    from dashboard.views import regions as views

    page = browser_page.open(f"/regions/LIM?{QUARTER}&lang=en")
    limburg = views.find_region(demo_data, "LIM")
    expect_requests_card(page, "region", views.place_figures(demo_data, SLICE, limburg)["requests"], "en")
    expect_crumbs(page, ["All regions", "Limburg"])
    expect()(page.locator(".page-region h1")).to_have_text("From region to organisation")
    expect()(page.locator("#region-table .ag-header-cell-text").first).to_have_text("Local government")
    save_screenshot(page, "region-en")
    name = click_grid_link(page, "region-table")
    expect()(page).to_have_url(re.compile(r"lang=en"))
    expect_crumbs(page, ["All regions", "Limburg", name])
    click_grid_link(page, "local-government-table")
    expect()(page.locator(".parties-table")).to_contain_text("Client did not show up")
    save_screenshot(page, "organisation-en")
    page.goto(browser_page.server.url(f"/regions?{QUARTER}&lang=en"))
    expect()(page.locator("#regions-spread-sector .main-svg").first).to_be_visible()
    page.locator(".choice-spread label", has_text="Client no-show rate").click()
    expect()(page.locator("#regions-spread-sector .xtitle")).to_have_text("Client no-show rate per organisation")
    save_screenshot(page, "regions-en")
    browser_page.assert_no_errors()


# --- data quality ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_data_quality_counts_and_lists(browser_page, demo_data, lang):
    from dashboard.views import data_quality as views

    summary = views.summary(demo_data, Filters(*default_range(TODAY)), DEMO_NOW).set_index("check")
    page = browser_page.open("/data-quality" + ("?lang=en" if lang == "en" else ""))
    for check, row in summary.iterrows():
        expect()(page.locator(f'.kpi-value[data-check="{check}"]')).to_have_text(format_count(row["count"], lang))
    assert summary["count"].min() > 0, "the demo data seed every defect"
    expect()(page.locator(".dq-section")).to_have_count(len(summary))
    link = page.locator("a.export-dq-out-of-order-csv")
    answer = page.request.get(browser_page.server.url(link.get_attribute("href")))
    assert answer.status == 200
    lines = answer.text().splitlines()
    assert lines[0].startswith("request_id,organisation_id") and len(lines) == summary.loc["out_of_order", "count"] + 1
    first = page.locator(".dq-section-no_sector a").first
    expect()(first).to_have_attribute("href", re.compile(r"^/organisations/\d+"))
    # AG Grid draws its rows once in view: for the screenshot, a window as tall as the page.
    page.set_viewport_size({"width": 1400, "height": page.evaluate("document.documentElement.scrollHeight")})
    expect()(page.locator(".dq-section-stale_matched .ag-row").first).to_be_visible()
    save_screenshot(page, f"data-quality-{lang}")
    browser_page.assert_no_errors()


def test_the_spread_chart_s_table_holds_the_quartiles_the_page_computes(browser_page, demo_data):
    """The box plot of answer rates between a region's organisations: "show as table" gives each region's 25 %,
    median and 75 % as the view computes them (and the page's quantile table shows), as the cards write rates."""
    from dashboard.views import regions as views

    page = browser_page.open(f"/regions?{QUARTER}&spread=answer_rate&lang=en")
    chart = page.locator("figure.stv-chart:has(#regions-spread-region)")
    expect()(chart.locator(".main-svg").first).to_be_visible()
    chart.locator("summary").click()
    rows = chart.locator("table.chart-table tbody tr")
    spread = views.organisation_spread(demo_data, SLICE)
    names = views.children(demo_data, SLICE).set_index("code")["name"]
    quartiles = views.spread_quantiles(spread, "region_code", "answer_rate").set_index("region_code")
    expect()(rows).to_have_count(len(quartiles))
    for code, row in quartiles.iterrows():
        cells = chart.locator("table.chart-table tbody tr", has=page.locator("th", has_text=names[code]))
        expected = ["–"] + [format_rate(row[name], "en") for name in ("p25", "median", "p75")] + ["–"]
        shown = cells.locator("td").all_inner_texts()
        assert shown[1:4] == expected[1:4], code
    browser_page.assert_no_errors()


def test_data_quality_lists_bring_their_rows_on_demand_and_follow_a_new_filter(browser_page, demo_data):
    """The grids of /data-quality stay in the page: a filter change (here a link within the app to region=LIM,
    without reloading) makes them ask for their rows again, the new slice's organisations."""
    from dashboard.views import data_quality as views

    whole = Filters(*default_range(TODAY))
    grid = "data-quality-organisations-unvalidated"
    counted = """([id, n]) => { try { return dash_ag_grid.getApi(id).getDisplayedRowCount() === n; }
        catch (notYet) { return false; } }"""
    before = len(views.by_organisation(demo_data, whole, "unvalidated", DEMO_NOW))
    after = len(views.by_organisation(demo_data, replace(whole, region=("LIM",)), "unvalidated", DEMO_NOW))
    assert before > 50 and 0 < after < before  # more than a block, and a filter that tells them apart
    asked: list[dict] = []  # each rows request's own ask (AG Grid's block), None for a call without one
    browser_page.page.on(
        "request",
        lambda request: (
            asked.append(json.loads(request.post_data)["inputs"][0].get("value"))
            if request.method == "POST" and "getRowsResponse" in (request.post_data or "")
            else None
        ),
    )
    page = browser_page.open("/data-quality")
    page.wait_for_function(counted, arg=[grid, before], polling=100)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    assert len(asked) >= 6 and None not in asked, asked  # no rows callback runs before its grid asks
    page.evaluate(  # as a link within the app does: the URL changes, the page stays
        """() => { history.pushState({}, '', '/data-quality?region=LIM');
            window.dispatchEvent(new PopStateEvent('popstate')); }"""
    )
    page.wait_for_function(counted, arg=[grid, after], polling=100)
    names = views.by_organisation(demo_data, replace(whole, region=("LIM",)), "unvalidated", DEMO_NOW)
    first = page.locator(f"#{grid} .ag-pinned-left-cols-container .ag-row[row-index='0']")
    expect()(first).to_have_text(names.sort_values("requests", ascending=False, kind="stable").organisation.iloc[0])
    browser_page.assert_no_errors()
