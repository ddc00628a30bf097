"""The planners' pages in a real browser: /supply-demand (live, refreshing, drill-down) and /shortages (ranking and
forecast). Expected figures come from the same demo database through the app's own (unit-tested) functions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.filters import Filters
from dashboard.i18n import format_count
from tests.browser import expect, save_screenshot
from tests.conftest import DEMO_NOW

pytestmark = pytest.mark.e2e

YEAR_2025 = "?from=2025-01-01&to=2025-12-31"
FORECAST_WAIT_MS = 180_000  # the first forecast is computed in the server's background thread


@pytest.fixture(scope="module")
def planning_data(demo_sqlite):
    """A DataAccess on the served demo database, to compute what the pages should show."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database

    database = Database(f"sqlite:///{Path(demo_sqlite).resolve()}")
    yield DataAccess(database, Cache(Flask("e2e-planning"), config={"CACHE_TYPE": "SimpleCache"}))
    database.dispose()


def any_filters() -> Filters:
    return Filters(date(2026, 11, 1), date(2026, 11, 23))


def test_supply_demand_shows_the_live_figures_worst_language_first(browser_page, planning_data):
    from dashboard.views import supply_demand as live

    expected = live.by_language(planning_data, any_filters(), DEMO_NOW, "7d", "nl")
    assert expected.pending.sum() > 0 and (expected.gap_hours > 0).any()  # the demo has open requests and gaps
    page = browser_page.open("/supply-demand")
    expect()(page.locator('[data-figure="sd-card-pending"]')).to_have_text(format_count(expected.pending.sum()))
    expect()(page.locator('[data-figure="sd-card-short-languages"]')).to_have_text(
        format_count((expected.gap_hours > 0).sum())
    )
    first_row = page.locator("#supply-demand-languages-grid .ag-center-cols-container .ag-row[row-index='0']")
    expect()(
        page.locator("#supply-demand-languages-grid .ag-pinned-left-cols-container .ag-row[row-index='0']")
    ).to_have_text(expected.language.iloc[0])
    expect()(first_row.locator('[col-id="pending"]')).to_have_text(format_count(expected.pending.iloc[0]))
    expect()(page.locator("#supply-demand-heatmap .main-svg").first).to_be_visible()
    expect()(page.locator("#supply-demand-situation")).to_have_text("Toestand op 23-11-2026 10:00")
    save_screenshot(page, "supply-demand-nl")
    browser_page.assert_no_errors()


def test_supply_demand_refreshes_by_itself(browser_page):
    """The page asks for fresh figures every 30 s: with the browser's clock moved on 31 s, 'last updated' moves."""
    browser_page.page.clock.install()
    page = browser_page.open("/supply-demand?lang=en")
    updated = page.locator("#supply-demand-updated")
    expect()(updated).to_have_text(_updated_pattern())
    # Plotly.js loads on its own with a 30 s timeout of the page's clock: moving the clock on before it has
    # loaded would fire that timeout. A drawn chart means it has loaded.
    expect()(page.locator("#supply-demand-heatmap .main-svg").first).to_be_visible()
    before = updated.text_content()
    browser_page.page.clock.fast_forward("00:31")
    expect()(updated).not_to_have_text(before)
    expect()(updated).to_have_text(_updated_pattern())
    browser_page.assert_no_errors()


def _updated_pattern():
    import re

    return re.compile(r"^Last updated at \d{2}:\d{2}:\d{2}$")


def test_clicking_a_language_opens_its_open_requests(browser_page, planning_data):
    from dashboard.views import supply_demand as live

    expected = live.by_language(planning_data, any_filters(), DEMO_NOW, "7d", "nl")
    code, name = expected.language_code.iloc[0], expected.language.iloc[0]
    requests = live.open_requests(planning_data, any_filters(), DEMO_NOW, "7d", code)
    page = browser_page.open("/supply-demand")
    page.locator("#supply-demand-languages-grid .ag-pinned-left-cols-container .ag-row[row-index='0']").click()
    expect()(page.locator(".choice-drill")).to_contain_text(name)
    assert len(requests) > 0
    expect()(
        page.locator(
            "#supply-demand-requests-grid .ag-center-cols-container .ag-row[row-index='0'] [col-id='request_id']"
        )
    ).to_have_text(str(requests.request_id.iloc[0]))
    browser_page.assert_no_errors()


def test_shortages_ranking_and_forecast(browser_page, planning_data):
    from dashboard.views import shortages

    filters = Filters(date(2025, 1, 1), date(2025, 12, 31))
    ranked = shortages.ranking(planning_data, filters, "en")
    page = browser_page.open("/shortages" + YEAR_2025 + "&lang=en")
    expect()(
        page.locator("#shortages-ranking-grid .ag-center-cols-container .ag-row[row-index='0'] [col-id='language']")
    ).to_have_text(ranked.language.iloc[0])
    expect()(
        page.locator(
            "#shortages-ranking-grid .ag-center-cols-container .ag-row[row-index='0'] [col-id='not_available']"
        )
    ).to_have_text(format_count(ranked.not_available.iloc[0], "en"))
    for part in ("by-region", "by-modality", "trend", "supply", "ukraine"):
        expect()(page.locator(f"#shortages-{part} .main-svg").first).to_be_visible()
    summary = page.locator(".forecast-summary")
    expect()(summary).to_contain_text("Backtest error (MASE)", timeout=FORECAST_WAIT_MS)
    expect()(page.locator("#shortages-forecast .main-svg").first).to_be_visible()
    expect()(page.locator("#shortages-forecast-grid .ag-center-cols-container .ag-row").first).to_be_visible()
    save_screenshot(page, "shortages-en")
    browser_page.assert_no_errors()
