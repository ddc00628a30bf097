"""/lead-time in a real browser on the demo database: the figures shown equal the app's own (unit-tested) views on
the same database, in Dutch and English number formats; the breakdown choice, grids, charts and the download
work; no console or server errors."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from dashboard.filters import Filters
from dashboard.i18n import format_count, format_rate
from tests.browser import expect, save_screenshot, whole_page_in_view

pytestmark = pytest.mark.e2e

YEAR_2025 = "from=2025-01-01&to=2025-12-31"
SLICE_2025 = Filters(date(2025, 1, 1), date(2025, 12, 31))
SLICE_2025_ANT = Filters(date(2025, 1, 1), date(2025, 12, 31), region=("ANT",))


@pytest.fixture(scope="module")
def demo_data(demo_sqlite):
    """A DataAccess on the served demo database, for the figures the page should show."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database

    database = Database(f"sqlite:///{Path(demo_sqlite).resolve()}")
    yield DataAccess(database, Cache(Flask("e2e-lead-time"), config={"CACHE_TYPE": "SimpleCache"}))
    database.dispose()


def screenshot(page, name: str) -> None:
    """Every grid has drawn its rows (once in view), then a full-page screenshot."""
    with whole_page_in_view(page):
        grids = page.locator(".ag-root-wrapper")
        for index in range(grids.count()):
            expect()(grids.nth(index).locator(".ag-root")).not_to_have_class(re.compile(r"ag-delay-render"))
            expect()(grids.nth(index).locator(".ag-row").first).to_be_visible()
        save_screenshot(page, name)


def expect_heat_table(page, demo_data, filters: Filters, lang: str) -> None:
    from dashboard.views import lead_time

    table = lead_time.by_modality_and_band(demo_data, filters).set_index(["modality", "band"])
    assert table.requests.loc[("onsite", "lt24h")] > 100  # a real slice
    for modality, band in (("onsite", "lt24h"), ("onsite", "gt7d"), ("video", "24-72h")):
        cell = page.locator(f'.heat-answer_rate td[data-modality="{modality}"][data-band="{band}"]')
        expect()(cell).to_have_text(format_rate(table.answer_rate.loc[(modality, band)], lang))


def test_lead_time_page_in_dutch(browser_page, demo_data):
    from dashboard.views import lead_time

    page = browser_page.open(f"/lead-time?{YEAR_2025}")
    expect()(page.locator(".page-lead-time h1")).to_have_text("Boekingstermijn")
    expect()(page.locator("nav a", has_text="Boekingstermijn")).to_have_count(1)
    expect_heat_table(page, demo_data, SLICE_2025, "nl")
    excluded = lead_time.excluded(demo_data, SLICE_2025)
    expect()(page.locator("#lead-time-coverage")).to_contain_text(
        f"{format_count(excluded['with_lead_time'], 'nl')} aanvragen met een boekingstermijn"
    )
    organisations = lead_time.organisations(demo_data, SLICE_2025)
    grid = page.locator("#lead-time-organisations-grid")
    expect()(grid).to_contain_text(organisations.organisation.iloc[0])
    expect()(page.locator("#lead-time-threshold")).to_contain_text(f"minstens {lead_time.MIN_REQUESTS} zulke")
    href = grid.locator("a", has_text=organisations.organisation.iloc[0]).first.get_attribute("href")
    assert urlsplit(href).path == f"/organisations/{organisations.organisation_id.iloc[0]}"
    chart = page.locator("#lead-time-shares-chart")
    expect()(chart.locator(".legendtext", has_text="< 24 uur")).to_have_count(1)
    expect()(chart.locator(".ytick", has_text="Telefoontolken")).to_have_count(1)
    expect()(page.locator("#lead-time-trend .g-ytitle")).to_have_text("Aandeel minder dan 24 uur vooraf")
    expect()(page.locator(".glossary")).to_contain_text("Te laat geboekt")
    screenshot(page, "lead-time-nl")
    browser_page.assert_no_errors()


def test_lead_time_region_filter_in_english_sector_breakdown_and_download(browser_page, demo_data):
    from dashboard.views import lead_time

    page = browser_page.open(f"/lead-time?{YEAR_2025}&region=ANT&lang=en")
    expect()(page.locator(".page-lead-time h1")).to_have_text("Booking lead time")
    expect_heat_table(page, demo_data, SLICE_2025_ANT, "en")
    page.locator(".choice-breakdown").get_by_role("tab", name="Sector").click()
    sectors = lead_time.shares(demo_data, SLICE_2025_ANT, "sector", "en")
    grid = page.locator("#lead-time-shares-grid")
    expect()(grid).to_contain_text("Not filled in")
    row = grid.locator(".ag-center-cols-container .ag-row").first
    expect()(row.locator('[col-id="requests"]')).to_have_text(format_count(sectors.requests.iloc[0], "en"))
    expect()(row.locator('[col-id="share_lt24h_rate"]')).to_have_text(
        format_rate(sectors.share_lt24h_rate.iloc[0], "en")
    )
    assert "breakdown=sector" in page.url
    screenshot(page, "lead-time-en")

    page.locator(".downloads .dropdown-toggle").click()
    link = page.locator("a.export-lead-time-csv")
    expect()(link).to_be_visible()
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query) == {
        "from": ["2025-01-01"],
        "to": ["2025-12-31"],
        "region": ["ANT"],
        "lang": ["en"],
    }  # the page's own choice (breakdown) does not change the export
    answer = page.request.get(urljoin(page.url, href))
    assert answer.status == 200, answer.text()
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    expected = lead_time.by_modality_and_band(demo_data, SLICE_2025_ANT)
    assert [int(r["requests"]) for r in rows] == list(expected.requests)
    browser_page.assert_no_errors()
