"""Periods in a real browser (issue 11 items 4-6): the period pickers write the URL and show the period they hold,
a running period is noted and its month marked in the trends, a future period gets a message instead of figures,
in Dutch and in English; the board report is found from the menu and keeps its period. The served app's "today"
is 23 November 2026 (tests.browser.TODAY)."""

from __future__ import annotations

import pytest

from tests.browser import TODAY, expect, save_screenshot
from tests.test_e2e_overview import choose_option, expect_period_inputs, query_of

pytestmark = pytest.mark.e2e

assert TODAY.isoformat() == "2026-11-23"  # the dates below are worked out for this day
RUNNING_YEAR = "from=2026-01-01&to=2026-12-31"
RUNNING_QUARTER = "from=2026-10-01&to=2026-12-31"
FUTURE_QUARTER = "from=2027-01-01&to=2027-03-31"


def test_the_pickers_set_the_url_and_show_the_period_they_hold(browser_page):
    page = browser_page.open("/?from=2025-01-01&to=2025-12-31")
    expect()(page.locator("#filter-year")).to_have_text("2025")
    expect()(page.locator("#filter-quarter")).to_have_text("Kies…")

    choose_option(page, "filter-quarter", "K3 2026", search=False)
    page.wait_for_url(lambda url: _period_of(url) == ("2026-07-01", "2026-09-30"))
    expect()(page.locator("#filter-preset")).to_have_text("Vorig kwartaal")  # Q3 is last quarter on 23 November
    expect()(page.locator("#filter-year")).to_have_text("Kies…")
    expect_period_inputs(page, "2026-07-01", "2026-09-30")

    choose_option(page, "filter-preset", "Dit kwartaal", search=False)
    page.wait_for_url(lambda url: _period_of(url) == ("2026-10-01", "2026-12-31"))
    expect()(page.locator("#filter-quarter")).to_have_text("K4 2026 (lopend)")

    choose_option(page, "filter-preset", "Laatste 12 volledige maanden", search=False)
    page.wait_for_url(lambda url: _period_of(url) == ("2025-11-01", "2026-10-31"))

    choose_option(page, "filter-year", "2026 (lopend)", search=False)
    page.wait_for_url(lambda url: _period_of(url) == ("2026-01-01", "2026-12-31"))
    expect()(page.locator("#filter-preset")).to_have_text("Kies…")

    start = page.locator("#filter-from")
    start.fill("03-02-2026")
    start.press("Enter")
    page.wait_for_url(lambda url: _period_of(url) == ("2026-02-03", "2026-12-31"))
    expect()(page.locator("#filter-preset")).to_have_text("Aangepast")
    expect()(page.locator("#filter-year")).to_have_text("Kies…")
    browser_page.assert_no_errors()


def _period_of(url: str) -> tuple[str | None, str | None]:
    query = query_of(url)
    return (query.get("from") or [None])[-1], (query.get("to") or [None])[-1]


@pytest.mark.parametrize(
    "lang, note, band",
    [
        ("nl", "Deze periode loopt nog: de cijfers tellen t/m 23-11-2026", "lopende maand, t/m 23 nov."),
        ("en", "This period is still running: the figures count through 23 Nov 2026", "running month, through 23 Nov"),
    ],
)
def test_a_running_period_is_noted_and_its_month_marked_in_the_trends(browser_page, lang, note, band):
    page = browser_page.open(f"/?{RUNNING_QUARTER}&lang={lang}")
    expect()(page.locator(".period-notice")).to_contain_text(note)
    trend = page.locator("#overview-trend")
    expect()(trend.locator(".annotation-text", has_text=band)).to_have_count(1)
    save_screenshot(page, f"overview-running-quarter-{lang}")

    page = browser_page.open(f"/no-shows?{RUNNING_QUARTER}&lang={lang}")
    expect()(page.locator(".period-notice")).to_contain_text(note)
    rates = page.locator("#no-shows-trend")
    expect()(rates.locator(".annotation-text")).to_contain_text(band + (": graad volgt nog" if lang == "nl" else ""))
    save_screenshot(page, f"no-shows-running-quarter-{lang}")

    page = browser_page.open(f"/supply-demand?{RUNNING_QUARTER}&lang={lang}")  # live: no period to note
    expect()(page.locator("#shell-page .page-supply-demand")).to_have_count(1)
    expect()(page.locator(".period-notice")).to_have_count(0)
    browser_page.assert_no_errors()


@pytest.mark.parametrize(
    "lang, message, nothing",
    [
        ("nl", "Deze periode begint pas op 01-01-2027", "– t.o.v. vorige periode"),
        ("en", "This period does not begin until 1 Jan 2027", "– vs previous period"),
    ],
)
def test_a_future_period_gets_a_message_and_no_comparison(browser_page, lang, message, nothing):
    page = browser_page.open(f"/?{FUTURE_QUARTER}&lang={lang}")
    expect()(page.locator(".period-future")).to_contain_text(message)
    expect()(page.locator("#overview-kpi-answer_rate .kpi-change-previous")).to_have_text(nothing)

    page = browser_page.open(f"/report?period=2027-Q1&lang={lang}")
    expect()(page.locator(".period-future")).to_contain_text(message)
    expect()(page.locator(".kpi-card")).to_have_count(0)
    browser_page.assert_no_errors()


def test_the_report_is_in_the_menu_has_its_own_picker_and_leads_back_to_its_period(browser_page):
    page = browser_page.open(f"/?{RUNNING_QUARTER}")
    expect()(page.locator(".period-notice")).to_be_visible()  # the shell has read the URL
    expect()(page.locator("#overview-kpi-requests")).to_be_visible()  # the overview has drawn its figures
    page.locator(".downloads .dropdown-toggle").click()
    page.locator("a.report-link").click()
    page.wait_for_url(lambda url: "/report" in url and query_of(url).get("period") == ["2026-Q4"])
    expect()(page.locator(".page-report h1")).to_contain_text("STV-rapport 2026-Q4")
    expect()(page.locator(".period-notice")).to_contain_text("t/m 23-11-2026")
    expect()(page.locator("#report-period")).to_have_text("K4 2026 (lopend)")
    save_screenshot(page, "report-running-quarter-nl")

    choose_option(page, "report-period", "K3 2026", search=False)
    page.wait_for_url(lambda url: query_of(url).get("period") == ["2026-Q3"])
    expect()(page.locator(".page-report h1")).to_contain_text("STV-rapport 2026-Q3")
    expect()(page.locator(".period-notice")).to_have_count(0)

    page.locator("#report-back").click()
    page.wait_for_url(lambda url: _period_of(url) == ("2026-07-01", "2026-09-30") and "/report" not in url)
    expect()(page.locator("#filter-preset")).to_have_text("Vorig kwartaal")

    page.locator("#shell-nav a", has_text="Rapport").click()
    page.wait_for_url(lambda url: "/report" in url)
    expect()(page.locator(".page-report h1")).to_contain_text("STV-rapport")
    browser_page.assert_no_errors()


def test_the_report_of_a_running_quarter_in_english(browser_page):
    page = browser_page.open("/report?period=2026-Q4&lang=en")
    expect()(page.locator(".period-notice")).to_contain_text("through 23 Nov 2026")
    expect()(page.locator(".kpi-card").first).to_be_visible()
    save_screenshot(page, "report-running-quarter-en")
    browser_page.assert_no_errors()
