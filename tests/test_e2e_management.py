"""The management pages (/no-shows, /interpreters) in a real browser on the demo database: the figures shown equal
the app's own (unit-tested) views on the same database, in Dutch and English number formats; a filter in the URL
shows that slice; the breakdown choice, grids, charts and downloads work; no console or server errors.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from dashboard.filters import Filters
from dashboard.i18n import format_count, format_date, format_rate
from tests.browser import TODAY, expect, save_screenshot, whole_page_in_view

pytestmark = pytest.mark.e2e

YEAR_2025 = "from=2025-01-01&to=2025-12-31"
SLICE_2025 = Filters(date(2025, 1, 1), date(2025, 12, 31))
SLICE_2025_ANT = Filters(date(2025, 1, 1), date(2025, 12, 31), region=("ANT",))
SLICE_2025_AR = Filters(date(2025, 1, 1), date(2025, 12, 31), language=("ar",))
NO_SHOW_CARDS = (
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "timely_cancellation_rate",
    "interpreter_cancellation_rate",
    "service_cancellation_rate",
    "non_completion_rate",
    "billable_rate",
)
DUTCH_RATE = re.compile(r"^\d{1,3},\d %$")
ENGLISH_RATE = re.compile(r"^\d{1,3}\.\d %$")
DUTCH_COUNT = re.compile(r"^\d{1,3}(\.\d{3})*$")
ENGLISH_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$")


@pytest.fixture(scope="module")
def demo_data(demo_sqlite):
    """A DataAccess on the served demo database, for the figures the pages should show."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database

    database = Database(f"sqlite:///{Path(demo_sqlite).resolve()}")
    yield DataAccess(database, Cache(Flask("e2e-management"), config={"CACHE_TYPE": "SimpleCache"}))
    database.dispose()


def screenshot(page, name: str) -> None:
    """Every grid has drawn its rows (once in view), then a full-page screenshot."""
    with whole_page_in_view(page):
        grids = page.locator(".ag-root-wrapper")
        for index in range(grids.count()):
            expect()(grids.nth(index).locator(".ag-root")).not_to_have_class(re.compile(r"ag-delay-render"))
            expect()(grids.nth(index).locator(".ag-row").first).to_be_visible()
        save_screenshot(page, name)


def expect_card(page, metric: str, text: str) -> None:
    expect()(page.locator(f'.kpi-value[data-metric="{metric}"]')).to_have_text(text)


# --- /no-shows ---------------------------------------------------------------------------------------------------


def expect_no_show_cards(page, demo_data, filters: Filters, lang: str) -> None:
    from dashboard.views import no_shows

    row = no_shows.summary(demo_data, filters).iloc[0]
    assert row.answered > 1000  # a real slice, not an empty one
    for metric in NO_SHOW_CARDS:
        text = format_rate(row[metric], lang)
        assert (DUTCH_RATE if lang == "nl" else ENGLISH_RATE).match(text), (metric, text)
        expect_card(page, metric, text)
    expect()(page.locator(".answered-note")).to_contain_text(format_count(row.answered, lang))


def test_no_shows_page_in_dutch(browser_page, demo_data):
    from dashboard.views import no_shows

    page = browser_page.open(f"/no-shows?{YEAR_2025}")
    expect()(page.locator(".page-no-shows h1")).to_have_text("No-shows en annulaties")
    expect_no_show_cards(page, demo_data, SLICE_2025, "nl")
    trend = page.locator("#no-shows-trend")
    expect()(trend.locator(".legendtext", has_text="Tijdige annulaties")).to_have_count(1)
    expect()(trend.locator(".g-ytitle")).to_have_text("Aandeel van de beantwoorde aanvragen")
    chart = page.locator("#no-shows-dimension-chart")
    expect()(chart.locator(".ytick", has_text="Telefoontolken")).to_have_count(1)
    modalities = no_shows.by_dimension(demo_data, SLICE_2025, "modality", "nl")
    first = page.locator("#no-shows-dimension-grid .ag-center-cols-container .ag-row").first
    expect()(first.locator('[col-id="answered"]')).to_have_text(format_count(modalities.answered.iloc[0], "nl"))
    expect()(first.locator('[col-id="no_show_client_rate"]')).to_have_text(
        format_rate(modalities.no_show_client_rate.iloc[0], "nl")
    )
    expect()(page.locator("#no-shows-dimension-grid")).to_contain_text("Tolken ter plaatse")
    organisations = no_shows.organisations(demo_data, SLICE_2025)
    grid = page.locator("#no-shows-organisations-grid")
    expect()(grid).to_contain_text(organisations.organisation.iloc[0])
    expect()(page.locator("#no-shows-threshold")).to_contain_text("minstens 30 beantwoorde aanvragen")
    link = grid.locator("a", has_text=organisations.organisation.iloc[0]).first
    href = link.get_attribute("href")
    assert urlsplit(href).path == f"/organisations/{organisations.organisation_id.iloc[0]}"
    assert parse_qs(urlsplit(href).query) == {"from": ["2025-01-01"], "to": ["2025-12-31"]}
    expect()(page.locator(".glossary")).to_contain_text("Aanrekenbaar aandeel")
    screenshot(page, "no-shows-nl")
    browser_page.assert_no_errors()


def test_the_organisations_grid_brings_its_rows_on_demand_sorted_as_shown(browser_page, demo_data):
    """The grid holds the first block only; scrolled to its end it shows every organisation; sorted by a header,
    the server's order is the grid's."""
    from dashboard.views import no_shows

    organisations = no_shows.organisations(demo_data, SLICE_2025)
    assert len(organisations) > 100  # more than two blocks of ROWS_PER_BLOCK
    page = browser_page.open(f"/no-shows?{YEAR_2025}")
    grid = page.locator("#no-shows-organisations-grid")
    # the first block has come: the grid knows how many rows there are (it holds only that block)
    counted = """(n) => { try {
        return dash_ag_grid.getApi('no-shows-organisations-grid').getDisplayedRowCount() === n;
    } catch (notYet) { return false; } }"""
    page.wait_for_function(counted, arg=len(organisations), polling=100)

    def expect_last(name: str) -> None:  # scrolled to the end: the last block asked for and drawn
        page.evaluate(
            "(n) => dash_ag_grid.getApi('no-shows-organisations-grid').ensureIndexVisible(n - 1)", len(organisations)
        )
        last = grid.locator(f'.ag-pinned-left-cols-container .ag-row[row-index="{len(organisations) - 1}"]')
        expect()(last).to_have_text(name)

    expect_last(organisations.organisation.iloc[-1])  # most failed first: the least failed last
    page.evaluate("() => dash_ag_grid.getApi('no-shows-organisations-grid').ensureIndexVisible(0)")
    grid.locator('.ag-header-cell[col-id="answered"] .ag-header-cell-label').click()  # ascending
    by_answered = organisations.sort_values("answered", kind="stable")
    first = grid.locator('.ag-pinned-left-cols-container .ag-row[row-index="0"]')
    expect()(first).to_have_text(by_answered.organisation.iloc[0])
    expect_last(by_answered.organisation.iloc[-1])
    browser_page.assert_no_errors()


def test_no_shows_region_filter_in_english_and_sector_breakdown(browser_page, demo_data):
    from dashboard.views import no_shows

    page = browser_page.open(f"/no-shows?{YEAR_2025}&region=ANT&lang=en")
    expect()(page.locator(".page-no-shows h1")).to_have_text("No-shows and cancellations")
    expect()(page.locator("#filter-region")).to_have_text("Provincie Antwerpen")
    whole, antwerp = (
        no_shows.summary(demo_data, SLICE_2025).iloc[0],
        no_shows.summary(demo_data, SLICE_2025_ANT).iloc[0],
    )
    assert format_rate(whole.no_show_client_rate, "en") != format_rate(antwerp.no_show_client_rate, "en")
    expect_no_show_cards(page, demo_data, SLICE_2025_ANT, "en")

    page.locator(".choice-dimension").get_by_role("tab", name="Sector").click()

    sectors = no_shows.by_dimension(demo_data, SLICE_2025_ANT, "sector", "en")
    grid = page.locator("#no-shows-dimension-grid")
    expect()(grid).to_contain_text("Not filled in")
    expect()(page.locator("#no-shows-dimension-chart .ytick", has_text=sectors.label.iloc[0])).to_have_count(1)
    first = sectors.iloc[0]
    row = grid.locator(".ag-center-cols-container .ag-row").first
    expect()(row.locator('[col-id="answered"]')).to_have_text(format_count(first.answered, "en"))
    screenshot(page, "no-shows-en")
    browser_page.assert_no_errors()


def test_no_show_organisations_download_carries_the_filters(browser_page, demo_data):
    from dashboard.views import no_shows

    page = browser_page.open(f"/no-shows?{YEAR_2025}&region=ANT")
    expect_no_show_cards(page, demo_data, SLICE_2025_ANT, "nl")
    page.locator(".downloads .dropdown-toggle").click()
    link = page.locator("a.export-no-show-organisations-csv")
    expect()(link).to_be_visible()
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query) == {"from": ["2025-01-01"], "to": ["2025-12-31"], "region": ["ANT"]}
    answer = page.request.get(urljoin(page.url, href))
    assert answer.status == 200, answer.text()
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    expected = no_shows.organisations(demo_data, SLICE_2025_ANT)
    assert [int(r["organisation_id"]) for r in rows] == list(expected.organisation_id)
    assert all(int(r["answered"]) >= no_shows.MIN_ANSWERED for r in rows)
    browser_page.assert_no_errors()


# --- /interpreters -----------------------------------------------------------------------------------------------


def expect_interpreter_cards(page, demo_data, filters: Filters, lang: str) -> None:
    from dashboard.views import interpreters
    from layouts._charts_management import format_hours

    row = interpreters.headline(demo_data, filters, TODAY).iloc[0]
    assert row.registered_interpreters > 50 and row.active_interpreters > 10
    count_shape = DUTCH_COUNT if lang == "nl" else ENGLISH_COUNT
    for metric in ("registered_interpreters", "active_interpreters", "inactive_interpreters"):
        text = format_count(row[metric], lang)
        assert count_shape.match(text), (metric, text)
        expect_card(page, metric, text)
    expect_card(page, "activity_rate", format_rate(row.activity_rate, lang))
    expect_card(page, "hours_per_interpreter", format_hours(row.median_hours, lang))


def test_interpreters_page_in_dutch(browser_page, demo_data):
    from dashboard.views import interpreters
    from layouts._charts_management import format_hours

    page = browser_page.open(f"/interpreters?{YEAR_2025}")
    expect()(page.locator(".page-interpreters h1")).to_have_text("Tolken")
    expect_interpreter_cards(page, demo_data, SLICE_2025, "nl")
    summary = interpreters.hours_summary(demo_data, SLICE_2025).iloc[0]
    expect()(page.locator('.hours-quantiles [data-figure="median_hours"]')).to_have_text(
        format_hours(summary.median_hours, "nl")
    )
    expect()(page.locator('.hours-quantiles [data-figure="interpreters"]')).to_have_text(
        format_count(summary.interpreters, "nl")
    )
    expect()(page.locator("#interpreters-hours .g-xtitle")).to_have_text("Uren getolkt in de periode (per tolk)")
    expect()(page.locator("#interpreters-activity-kinds .legendtext", has_text="Actieve tolken")).to_have_count(1)
    expect()(page.locator("#interpreters-inactive-window")).to_contain_text("31-12-2025")
    expect()(page.locator("#interpreters-kind-mix .legendtext", has_text="Taalhulp")).to_have_count(1)
    flow = interpreters.taalhulp_summary(demo_data, SLICE_2025).iloc[0]
    expect_card(page, "invitations", format_count(flow.invitations, "nl"))
    expect_card(page, "acceptance_rate", format_rate(flow.acceptance_rate, "nl"))
    expect_card(page, "median_response_hours", format_hours(flow.median_response_hours, "nl"))
    pools = interpreters.taalhulp_by_pool(demo_data, SLICE_2025)
    expect()(page.locator("#interpreters-pool-grid")).to_contain_text(pools.local_government.iloc[0])
    inactive = interpreters.inactive(demo_data, SLICE_2025, TODAY)
    longest = min(d for d in inactive.last_completed if d is not None)  # the grid's first row: longest inactive
    first = page.locator("#interpreters-inactive-grid .ag-center-cols-container .ag-row").first
    expect()(first.locator('[col-id="last"]')).to_have_text(format_date(longest, "nl"))
    expect()(page.locator(".glossary")).to_contain_text("Aanvaardingsgraad")
    screenshot(page, "interpreters-nl")
    browser_page.assert_no_errors()


def test_interpreters_language_filter_in_english(browser_page, demo_data):
    from dashboard.views import interpreters

    page = browser_page.open(f"/interpreters?{YEAR_2025}&language=ar&lang=en")
    expect()(page.locator(".page-interpreters h1")).to_have_text("Interpreters")
    whole = interpreters.headline(demo_data, SLICE_2025, TODAY).iloc[0]
    arabic = interpreters.headline(demo_data, SLICE_2025_AR, TODAY).iloc[0]
    assert whole.registered_interpreters != arabic.registered_interpreters
    expect_interpreter_cards(page, demo_data, SLICE_2025_AR, "en")
    expect()(page.locator("#interpreters-activity-grid")).to_contain_text("Arabic")
    expect()(page.locator("#interpreters-inactive-window")).to_contain_text("31 Dec 2025")
    expect()(page.locator("#interpreters-hours .g-ytitle")).to_have_text("Interpreters (count)")
    expect()(page.locator("#interpreters-taalhulp-monthly .legendtext", has_text="Acceptance rate")).to_have_count(1)
    screenshot(page, "interpreters-en")
    browser_page.assert_no_errors()


def test_navigation_reaches_both_pages_keeping_the_filters(browser_page):
    page = browser_page.open(f"/?{YEAR_2025}&region=ANT")
    page.locator(".navbar a", has_text="No-shows").click()
    expect()(page).to_have_url(re.compile(r"/no-shows\?from=2025-01-01&to=2025-12-31&region=ANT$"))
    expect()(page.locator(".page-no-shows h1")).to_be_visible()
    page.locator(".navbar a", has_text="Tolken").click()
    expect()(page).to_have_url(re.compile(r"/interpreters\?from=2025-01-01&to=2025-12-31&region=ANT$"))
    expect()(page.locator('.kpi-value[data-metric="registered_interpreters"]')).to_be_visible()
    browser_page.assert_no_errors()
