"""WCAG 2.1 AA in Chromium (issue 13): axe-core finds nothing on any page, in Dutch and English, with a filter set,
with the download menu open and with a filter dropdown open; the sign-in page and the accessibility statement
likewise without a session.

With STV_AXE_REPORT=<file> the violations per page and rule are written there as a Markdown table (the before and
after tables of issue 13).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest

from dashboard.ids import FILTER_SUMMARY
from dashboard.state import StateDatabase
from dashboard.subscriptions import unsubscribe_token as subscription_token
from tests.a11y import (
    FILTERED,
    axe_source,
    axe_violations,
    describe,
    markdown_table,
    page_paths,
    wait_until_patched,
    wait_until_ready,
)
from tests.browser import expect, save_screenshot, whole_page_in_view

pytestmark = pytest.mark.e2e

LANGS = ("nl", "en")
# The not-found page is checked through an unknown path below.
SKIPPED = {"/404"}
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
    "/subscriptions",
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


@pytest.fixture
def unsubscribe_token(dashboard_server):
    """A valid unsubscribe link's token (a subscription of the board member's, removed afterwards), signed with the
    served dashboard's key, as a mail carries it."""
    state = StateDatabase(f"sqlite:///{dashboard_server.log_path.parent / 'state.sqlite'}")
    subscription = state.add_subscription("e2e-board", "alert", datetime.now(UTC), hours=1, at_time="08:00")
    try:
        yield subscription_token(state.secret_key(), subscription)
    finally:
        state.remove_subscription(subscription.id, nonce=subscription.nonce)
        state.dispose()


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_on_the_unsubscribe_pages(browser_page_as, axe, unsubscribe_token, lang):
    """The page a mail's link opens (confirm, with its form) and the one a used or forged link opens."""
    browser_page = browser_page_as(None)
    found = {}
    for state, token in (("confirm", unsubscribe_token), ("invalid", "forged")):
        page = browser_page.open(f"/unsubscribe?{urlencode({'token': token, 'lang': lang})}")
        page.wait_for_function("() => document.querySelector('h1') !== null")
        if state == "confirm":
            expect()(page.locator("form button[type=submit]")).to_be_visible()
        found[f"/unsubscribe {lang} {state}"] = _check(page, axe, f"/unsubscribe {lang} {state} (signed out)")
    _assert_clean(found)


def test_every_patched_dropdown_says_so(browser_page, paths):
    """assets/stv-a11y.js marks what it has patched (the axe checks wait for the marks): every filter dropdown
    is then one tab stop, named by its label, its focus stand-in out of the tab order."""
    page = browser_page.open(f"{paths['/regions']}?{FILTERED}&lang=en")
    wait_until_ready(page)
    wait_until_patched(page)
    states = page.evaluate(DROPDOWN_STATES)
    assert len(states) >= 9, states  # the period pickers and the six code filters
    for state in states:
        assert state["mark"] == "done" and state["tabIndex"] == 0 and state["standIn"] == -1, state
        assert state["labelledBy"].split()[0] == state["label"], state


DROPDOWN_STATES = """() => Array.from(document.querySelectorAll('button.dash-dropdown')).map((button) => {
    const label = document.querySelector(`label[for="${CSS.escape(button.id)}"]`);
    const stand = button.previousElementSibling;
    return {id: button.id, mark: button.dataset.stvA11y, tabIndex: button.tabIndex,
            standIn: stand && stand.classList.contains('dash-dropdown-focus-target') ? stand.tabIndex : -1,
            labelledBy: button.getAttribute('aria-labelledby') || '', label: label ? label.id : null};
})"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [1400, 390])
def test_no_axe_violations_with_the_account_menu_open(browser_page, axe, lang, width):
    """The account's menu open, in the bar and (on a phone) inside the opened menu."""
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    browser_page.open(f"/shortages?lang={lang}")
    wait_until_ready(page)
    if width < 1200:
        page.click("#shell-nav-toggle")
        # opened all the way (the collapse animates its height): a click during the animation may land elsewhere
        expect()(page.locator("#shell-nav-collapse")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.click("#shell-account .dropdown-toggle")
    expect()(page.locator("#shell-sign-out")).to_be_visible()
    with whole_page_in_view(page):  # AG Grid draws a grid once it has been in view
        found = _check(page, axe, f"/shortages {lang} {width} account menu")
    _assert_clean({f"account menu {lang} {width}": found})


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


# Every grid at phone width: header texts cut off with an ellipsis (a word wider than its column), and whether the
# first column stays in view once the grid is scrolled all the way right.
GRID_PROBLEMS = """async () => {
    const problems = [];
    const grids = Array.from(document.querySelectorAll('main .ag-root-wrapper'));
    for (const grid of grids) {
        const id = grid.parentElement.closest('[id]').id;
        for (const text of grid.querySelectorAll('.ag-header-cell-text')) {
            if (text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1) {
                problems.push(`grid ${id}: header '${text.textContent}' is cut off`);
            }
        }
        const api = dash_ag_grid.getApi(id);
        const columns = api.getAllDisplayedColumns();
        if (grid.dataset.stvPinned !== 'left') {
            problems.push(`grid ${id}: its first column is not pinned (${grid.dataset.stvPinned})`);
        }
        api.ensureColumnVisible(columns[columns.length - 1]);
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const box = grid.getBoundingClientRect();
        const first = grid.querySelector(`.ag-header-cell[col-id="${CSS.escape(columns[0].getColId())}"]`);
        const at = first && first.getBoundingClientRect();
        if (!at || at.left < box.left - 1 || at.right > box.right + 1 || at.width < 1) {
            problems.push(`grid ${id}: the first column is out of view after scrolling sideways `
                + `(${at && [at.left, at.right, at.width]} in ${[box.left, box.right]}, ${grid.dataset.stvPinned})`);
        } else if (at.width > box.width * 0.5 + 1) {
            problems.push(`grid ${id}: the pinned first column takes ${at.width} of ${box.width} px`);
        }
    }
    return {grids: grids.length, problems};
}"""
PINNED_MARKS = """() => Array.prototype.every.call(document.querySelectorAll('main .ag-root-wrapper'),
    (grid) => grid.dataset.stvPinned === 'left')"""
GRID_PAGES = {"/supply-demand", "/shortages", "/interpreters", "/regions", "/data-quality"}  # at least these


@pytest.mark.parametrize("route", ROUTES)
def test_on_a_phone_grid_headers_read_whole_and_the_first_column_stays_in_view(browser_page, paths, route):
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in LANGS:
        browser_page.open(f"{paths[route]}?{FILTERED}&lang={lang}")
        wait_until_ready(page)
        with whole_page_in_view(page):
            page.wait_for_function(PINNED_MARKS, polling=100)  # assets/stv-a11y.js has been over every grid
            found = page.evaluate(GRID_PROBLEMS)
        assert found["problems"] == [], f"{route} {lang}"
        assert found["grids"] or route not in GRID_PAGES, f"{route} has no grid any more: update GRID_PAGES"
    browser_page.assert_no_errors()


# --- desktops and small laptops ---------------------------------------------------------------------------------

# The navigation bar: the brand, every link and the account's button on one line inside the bar's container, or
# (below 1200 px) folded behind the menu button; and the page never wider than the window.
NAVBAR_LAYOUT = """() => {
    const bar = document.querySelector('.navbar');
    const inner = bar.querySelector('[class^=container]');
    const limit = inner.getBoundingClientRect().right - parseFloat(getComputedStyle(inner).paddingRight) + 1;
    const parts = Array.from(bar.querySelectorAll('.navbar-brand, .nav-link, .dropdown-toggle'))
        .filter((part) => part.getBoundingClientRect().width > 0);
    const tops = parts.map((part) => Math.round(part.getBoundingClientRect().top));
    return {
        folded: getComputedStyle(bar.querySelector('.navbar-toggler')).display !== 'none',
        rows: new Set(tops.map((top) => Math.round(top / 8))).size,
        outside: parts.filter((part) => part.getBoundingClientRect().right > limit).map((part) => part.textContent),
        pageWidth: document.documentElement.scrollWidth,
    };
}"""


FITS_THE_WINDOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("lang", LANGS)
def test_the_navigation_bar_is_one_line_from_1200_px_and_a_menu_below(browser_page, lang):
    page = browser_page.page
    browser_page.open(f"/shortages?lang={lang}")
    wait_until_ready(page)
    for width in (992, 1024, 1199, 1200, 1280, 1366, 1440, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        try:  # charts and grids follow the new width on their next resize event
            page.wait_for_function(FITS_THE_WINDOW, polling=100, timeout=10_000)
        except Exception:  # noqa: BLE001 - the layout below says what is too wide
            pass
        layout = page.evaluate(NAVBAR_LAYOUT)
        assert layout["folded"] == (width < 1200), f"{lang} {width}"
        assert layout["pageWidth"] == width, f"{lang} {width}: the page scrolls sideways"
        if not layout["folded"]:
            assert layout["rows"] == 1 and layout["outside"] == [], f"{lang} {width}: {layout}"
    browser_page.assert_no_errors()


def test_the_account_menu_holds_the_account_pages_and_signing_out(browser_page):
    page = browser_page.open("/?lang=en")
    wait_until_ready(page)
    expect()(page.locator("#shell-account .dropdown-toggle")).to_have_text("Signed in as e2e-manager")
    page.click("#shell-account .dropdown-toggle")
    expect()(page.locator("#shell-account .dropdown-menu")).to_be_visible()
    expect()(page.locator("#shell-account .dropdown-item")).to_have_text(["Subscriptions", "Sign out"])
    page.keyboard.press("Escape")
    expect()(page.locator("#shell-account .dropdown-menu")).to_be_hidden()
    page.locator("#shell-account .dropdown-toggle").click()
    page.locator("#shell-account-links a", has_text="Subscriptions").click()
    expect()(page).to_have_url(re.compile(r"/subscriptions\?lang=en$"))
    expect()(page.locator("#shell-account-links a.active")).to_have_attribute("aria-current", "page")
    browser_page.assert_no_errors()
