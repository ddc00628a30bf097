"""Sign-in and each role's view in Chromium: the form, a wrong password, the way back after signing in, signing
out, and what the navigation and the region filter offer a region's, an organisation's and the board's account."""

from __future__ import annotations

import pytest

from tests.browser import E2E_PASSWORD, expect, sign_in_with_the_form, sign_out_with_the_menu

pytestmark = pytest.mark.e2e


def test_sign_in_goes_on_to_the_page_asked_for_and_sign_out_ends_it(browser_page_as):
    browser = browser_page_as(None)
    page = browser.open("/no-shows?from=2025-01-01&to=2025-12-31")
    expect()(page).to_have_url(browser.server.url("/login?next=%2Fno-shows%3Ffrom%3D2025-01-01%26to%3D2025-12-31"))
    expect()(page.locator("label[for=username]")).to_have_text("Gebruikersnaam")
    page.fill("#username", "e2e-manager")
    page.fill("#password", E2E_PASSWORD)
    page.click("button[type=submit]")
    expect()(page).to_have_url(browser.server.url("/no-shows?from=2025-01-01&to=2025-12-31"))
    expect()(page.locator("#shell-signed-in")).to_have_text("e2e-manager")
    sign_out_with_the_menu(page)
    expect()(page.locator("[role=status]")).to_have_text("U bent afgemeld.")
    page.goto(browser.server.url("/no-shows"))
    expect()(page).to_have_url(browser.server.url("/login?next=%2Fno-shows"))
    browser.assert_no_errors()


def test_a_wrong_password_says_so_and_keeps_the_name(browser_page_as):
    browser = browser_page_as(None)
    page = browser.open("/login?lang=en")
    page.fill("#username", "e2e-board")
    page.fill("#password", "not it")
    page.click("button[type=submit]")
    expect()(page.locator("[role=alert]")).to_have_text("The user name or the password is not right.")
    expect()(page.locator("#username")).to_have_value("e2e-board")
    expect()(page.locator("#password")).to_be_focused()


def test_the_board_sees_every_page_in_the_navigation_but_no_lists_of_people(browser_page_as):
    browser = browser_page_as("e2e-board")
    page = browser.open("/")
    nav = page.locator("#shell-nav a")
    expect()(nav).to_have_count(len(_navigation("board")))  # every page with a place in it (layouts.navigation)
    answer = page.request.get(browser.server.url("/export/open-requests.csv"))
    assert answer.status == 403
    browser.assert_no_errors()


def test_a_region_account_filters_within_its_region(browser_page_as):
    browser = browser_page_as("e2e-region")
    page = browser.open("/no-shows")
    # Its filters hold its region: the navigation's links carry it to the next page.
    expect()(page.locator("#shell-nav a[href^='/shortages']")).to_have_attribute("href", "/shortages?region=ANT")
    page.goto(browser.server.url("/regions/LIM"))
    expect()(page.locator(".not-found")).to_be_visible()
    browser.assert_no_errors()


def test_an_organisation_account_lands_on_its_own_page_and_nowhere_else(browser_page_as, dashboard_server):
    browser = browser_page_as(None)
    page = browser.page
    sign_in_with_the_form(page, dashboard_server.base_url, "e2e-organisation")
    expect()(page).to_have_url(dashboard_server.url("/organisations/1"))
    nav = page.locator("#shell-nav a")  # only what it may open: its report, and its subscriptions in its menu
    paths = [item.path for item in _navigation("organisation", organisation_id=1)]
    assert "/" not in paths
    expect()(nav).to_have_count(len(paths))
    expect()(page.locator("#shell-account-links a")).to_have_text(["Abonnementen"])
    page.goto(dashboard_server.url("/organisations/2"))
    expect()(page.locator(".not-found")).to_be_visible()
    page.goto(dashboard_server.url("/"))
    expect()(page.locator(".not-found")).to_be_visible()
    browser.assert_no_errors()


def _navigation(role: str, **scope):
    """The pages the navigation shows an account of `role` (the served dashboard builds it the same way)."""
    import layouts
    from dashboard.access import Account

    return layouts.navigation(Account(f"e2e-{role}", (role,), **scope), "main")
