"""The keyboard alone (issue 13): from the skip link to a filter, change it, reach a chart's table and read a value
there that agrees with the figures of the slice; the chart's toolbar is one tab stop."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.filters import Filters
from tests.a11y import wait_until_ready
from tests.browser import expect
from tests.test_e2e_overview import query_of

pytestmark = pytest.mark.e2e

YEAR_2022 = "from=2022-01-01&to=2022-12-31"
SLICE_2022_PHONE = Filters(date(2022, 1, 1), date(2022, 12, 31), modality=("phone",))
TAB_LIMIT = 120  # more tab stops than a page has: a focus that never arrives fails rather than loops


def focused(page) -> dict:
    """What has the keyboard's focus: its id, tag, classes and text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {id: e.id, tag: e.tagName.toLowerCase(), cls: e.className && String(e.className),
                text: (e.innerText || e.value || '').trim().slice(0, 80),
                inside: (sel) => false}; }"""
    )


def tab_until(page, selector: str) -> int:
    """Press Tab until the focused element matches `selector` (or sits inside it); the presses it took."""
    for presses in range(1, TAB_LIMIT + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.closest(s) !== null", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}; the focus is on {focused(page)}")


def test_skip_link_filter_and_a_charts_table_by_keyboard(browser_page, expected_figures):
    page = browser_page.open(f"/?{YEAR_2022}")
    wait_until_ready(page)

    # the first tab stop is the skip link, which shows when it has the focus
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect()(skip).to_be_focused()
    expect()(skip).to_have_text("Naar de inhoud")
    assert skip.bounding_box()["y"] >= 0, "the focused skip link is out of sight"

    # on to the modality filter, open it, choose "Telefoon" with the keyboard, close it
    tab_until(page, "#filter-modality")
    page.keyboard.press("Enter")
    expect()(page.locator(".dash-dropdown-content")).to_be_visible()
    expect()(page.locator(".dash-dropdown-content .dash-dropdown-search")).to_be_focused()  # typing goes there
    page.keyboard.type("Telef")
    options = page.locator(".dash-dropdown-content .dash-dropdown-option")
    expect()(options).to_have_count(1)  # the search has filtered the options before the arrow moves
    expect()(options).to_contain_text("Telefoontolken")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: query_of(url).get("modality") == ["phone"])
    wait_until_ready(page)

    # back to the top; the skip link takes the focus past the menu and the filters, into the page
    page.keyboard.press("Shift+Tab")
    page.locator(".skip-link").focus()
    page.keyboard.press("Enter")
    expect()(page.locator("main")).to_be_focused()

    # the monthly requests chart: its "show as table", opened with Enter
    tab_until(page, "figure.stv-chart:has(#overview-trend) summary")
    page.keyboard.press("Enter")
    table = page.locator("figure.stv-chart:has(#overview-trend) table.chart-table")
    expect()(table).to_be_visible()

    # a value read there: the year's months of phone requests add up to the slice's requests card
    cells = table.locator("tbody td").all_inner_texts()
    total = sum(int(cell.replace(".", "")) for cell in cells if cell != "–")
    assert total == expected_figures(SLICE_2022_PHONE)["requests"]
    assert table.locator("tbody tr").count() == 12
    browser_page.assert_no_errors()


def test_a_charts_toolbar_is_one_tab_stop_with_arrows_inside(browser_page):
    page = browser_page.open(f"/?{YEAR_2022}")
    wait_until_ready(page)
    chart = page.locator("figure.stv-chart:has(#overview-trend)")
    expect()(chart.locator(".modebar-btn").first).to_be_attached()
    buttons = chart.locator(".modebar-btn")
    assert buttons.count() == 2, "only PNG download and reset"
    labels = [buttons.nth(i).get_attribute("data-title") for i in range(2)]
    assert labels == ["Download de grafiek als PNG", "Assen herstellen"]
    tabbable = page.evaluate(
        "() => [...document.querySelectorAll('#overview-trend .modebar-btn')].filter(b => b.tabIndex >= 0).length"
    )
    assert tabbable == 1
    buttons.first.focus()
    page.keyboard.press("ArrowRight")
    expect()(buttons.nth(1)).to_be_focused()
    browser_page.assert_no_errors()
