"""WCAG 2.1 AA in Chromium (issue 13): axe-core finds nothing on any page, in Dutch and English, with a filter set,
with the download menu open and with a filter dropdown open; the sign-in page and the accessibility statement
likewise without a session.

With STV_AXE_REPORT=<file> the violations per page and rule are written there as a Markdown table (the before and
after tables of issue 13).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.ids import FILTER_SUMMARY
from tests.a11y import FILTERED, axe_source, axe_violations, describe, markdown_table, page_paths, wait_until_ready
from tests.browser import expect, save_screenshot, whole_page_in_view

pytestmark = pytest.mark.e2e

LANGS = ("nl", "en")
# The not-found page is checked through an unknown path below. /subscriptions (merged after this harness) has not
# had its axe check yet: listed here so that the gap stays visible (issue 13).
SKIPPED = {"/404", "/subscriptions"}
RESULTS: dict[str, list[dict]] = {}
ROUTES = [
    "/",
    "/supply-demand",
    "/shortages",
    "/lead-time",
    "/no-shows",
    "/interpreters",
    "/regions",
    "/regions/<region_code>",
    "/regions/<region_code>/<local_government_id>",
    "/organisations/<organisation_id>",
    "/data-quality",
    "/report",
]


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    target = os.environ.get("STV_AXE_REPORT")
    if target:
        Path(target).write_text(markdown_table(RESULTS) + "\n", encoding="utf-8")


def _check(page, axe, state: str) -> list[dict]:
    violations = axe_violations(page, axe)
    RESULTS[state] = violations
    return violations


def _open_download_menu(page) -> bool:
    toggle = page.locator(".downloads .dropdown-toggle")
    if not toggle.count():
        return False
    toggle.first.click()
    expect()(page.locator(".downloads .dropdown-menu.show")).to_be_visible()
    return True


def _open_dropdown(page) -> bool:
    dropdown = page.locator("#filter-region")
    if not dropdown.is_visible():
        return False
    dropdown.click()
    expect()(page.locator(".dash-dropdown-content")).to_be_visible()
    return True


def _all_states(browser_page, axe, path: str, lang: str) -> dict[str, list[dict]]:
    page = browser_page.page
    found = {}
    browser_page.open(f"{path}?{FILTERED}&lang={lang}")
    wait_until_ready(page)
    with whole_page_in_view(page):  # AG Grid draws a grid once it has been in view, as a reader scrolls to it
        found[f"{path} {lang}"] = _check(page, axe, f"{path} {lang}")
        if _open_download_menu(page):
            found[f"{path} {lang} download menu"] = _check(page, axe, f"{path} {lang} download menu")
            page.keyboard.press("Escape")
        if _open_dropdown(page):
            found[f"{path} {lang} dropdown"] = _check(page, axe, f"{path} {lang} dropdown")
            page.keyboard.press("Escape")
    return found


def _assert_clean(found: dict[str, list[dict]]) -> None:
    problems = {state: violations for state, violations in found.items() if violations}
    assert not problems, "\n".join(f"{state}:\n{describe(v)}" for state, v in problems.items())


@pytest.fixture(scope="module")
def paths(demo_sqlite):
    return page_paths(demo_sqlite)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("route", ROUTES)
def test_no_axe_violations_on_a_page(browser_page, axe, paths, route, lang):
    assert route in paths, f"{route} is no longer a page: update this list"
    _assert_clean(_all_states(browser_page, axe, paths[route], lang))
    browser_page.assert_no_errors()


def test_every_page_is_checked(paths):
    checked = set(ROUTES) | {"/admin"} | SKIPPED
    assert set(paths) == checked, "a page without an axe check"


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_in_the_administration(browser_page_as, axe, lang):
    _assert_clean(_all_states(browser_page_as("e2e-admin"), axe, "/admin", lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/login", "/toegankelijkheid"])
def test_no_axe_violations_without_a_session(browser_page_as, axe, path, lang):
    browser_page = browser_page_as(None)
    page = browser_page.open(f"{path}?lang={lang}")
    page.wait_for_function("() => document.querySelector('h1') !== null")
    _assert_clean({f"{path} {lang}": _check(page, axe, f"{path} {lang} (signed out)")})


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_on_the_not_found_page(browser_page, axe, lang):
    page = browser_page.open(f"/no-such-page?lang={lang}")
    wait_until_ready(page)
    _assert_clean({f"404 {lang}": _check(page, axe, f"/404 {lang}")})


# --- phones and tablets -----------------------------------------------------------------------------------------

WIDTHS = (390, 768, 1440)
# Cards whose text spills out of their box, and tables that cut columns off (neither scrolling nor fitting);
# every grid's displayed columns against its column definitions.
LAYOUT_PROBLEMS = """() => {
    const problems = [];
    for (const card of document.querySelectorAll('.kpi-card')) {
        if (card.scrollWidth > card.clientWidth + 1 || card.scrollHeight > card.clientHeight + 1) {
            problems.push(`card '${card.innerText.split('\\n')[0]}' overflows its box`);
        }
    }
    for (const table of document.querySelectorAll('main table')) {
        const box = table.getBoundingClientRect();
        let scroller = table.parentElement;
        while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
            scroller = scroller.parentElement;
        }
        if (!scroller && box.right > document.documentElement.clientWidth + 1) {
            problems.push(`table '${(table.innerText || '').slice(0, 40)}' is cut off at the right`);
        }
    }
    for (const grid of document.querySelectorAll('main .ag-root-wrapper')) {
        const id = grid.closest('[id]') && grid.closest('[id]').id;
        let api = null;
        try { api = dash_ag_grid.getApi(id); } catch (error) { problems.push(`grid ${id}: ${error}`); }
        if (api) {
            const defined = api.getColumnDefs().length;
            const shown = api.getAllDisplayedColumns().length;
            if (shown !== defined) {
                problems.push(`grid ${id} shows ${shown} of its ${defined} columns`);
            }
        }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
        problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    return problems;
}"""


@pytest.mark.parametrize("route", ROUTES)
def test_on_a_phone_cards_keep_their_text_and_tables_their_columns(browser_page, paths, route):
    page = browser_page.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
        browser_page.open(f"{paths[route]}?{FILTERED}")
        wait_until_ready(page)
        name = route.strip("/").replace("/", "-").replace("<", "").replace(">", "") or "overview"
        save_screenshot(page, f"a11y/{name}-{width}")
        if width == 390:
            assert page.evaluate(LAYOUT_PROBLEMS) == [], f"{route} at {width} px"
            expect()(page.locator(".navbar-collapse")).to_be_hidden()  # the menu is folded behind its button
            expect()(page.locator(".filter-collapse")).to_be_hidden()  # the filters behind their summary
            expect()(page.locator(f"#{FILTER_SUMMARY}")).to_contain_text("Tolken ter plaatse")
    browser_page.assert_no_errors()
