"""`/subscriptions` in Chromium, as the issue's "done when" says: a planner subscribes to the shortage alert in the
interface, `send-due` runs, and the alert that arrives at the (real, loopback) SMTP server names the languages
and regions short in the next 7 days, with a link that opens that view; the planner then stops it on the page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.state import StateDatabase
from tests.browser import (
    CONTEXT_OPTIONS,
    E2E_PASSWORD,
    BrowserPage,
    expect,
    save_screenshot,
    served_dashboard,
    sign_in_with_the_form,
)
from tests.fixture_supply import NOW, build_supply_fixture
from tests.services import free_port
from tests.smtp import text_part

pytestmark = pytest.mark.e2e
PLANNER = "e2e-planner"


@pytest.fixture(scope="module")
def supply_server(built_databases, tmp_path_factory):
    """`stv-dashboard serve` on the supply fixture (small: it starts quickly), "now" its Monday morning, with a
    planner's account; yields the server, the operational and the state database's URLs."""
    url = built_databases("sqlite", "supply", build_supply_fixture)
    folder = tmp_path_factory.mktemp("e2e-subscriptions")
    state_url = f"sqlite:///{folder / 'state.sqlite'}"
    state = StateDatabase(state_url)
    state.create()
    state.add_account(PLANNER, ("planner",), password=E2E_PASSWORD)
    state.dispose()
    environment = {
        **os.environ,
        "STV_DATABASE_URL": url,
        "STV_STATE_URL": state_url,
        "STV_NOW": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "STV_CACHE_URL": "simple://",
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    with served_dashboard(f"http://127.0.0.1:{port}", port, folder / "server.log", environment) as server:
        yield server, url, state_url


def test_a_planner_subscribes_to_the_alert_receives_it_and_stops_it(browser, supply_server, smtp_server):
    server, database_url, state_url = supply_server
    smtp_server.received.clear()
    context = browser.new_context(**CONTEXT_OPTIONS)
    context.set_default_timeout(60_000)
    browser_page = BrowserPage(context.new_page(), server, log_offset=server.log_size())
    page = browser_page.page
    page.on("console", lambda m: browser_page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: browser_page.errors.append(f"uncaught: {error}"))
    sign_in_with_the_form(page, server.base_url, PLANNER)

    page = browser_page.open("/subscriptions?lang=en")
    expect()(page.locator("h1")).to_have_text("Subscriptions")
    expect()(page.locator(".page-subscriptions .empty-state")).to_have_text(
        "You have no subscriptions yet. Add one below."
    )
    page.fill("#subscriptions-address", "planner@example.be")
    page.get_by_label("Shortage alert").check()
    expect()(page.locator("#subscriptions-alert-fields")).to_be_visible()
    page.fill("#subscriptions-hours", "1")
    page.fill("#subscriptions-at", "07:00")
    page.click("#subscriptions-submit")
    expect()(page.locator("#subscriptions-feedback")).to_contain_text(
        "Subscription added: more than 1.0 hours short in the next 7 days, daily at 07:00."
    )
    expect()(page.locator(".subscriptions-table tbody tr")).to_have_count(1)
    expect()(page.locator(".subscriptions-table tbody")).to_contain_text("Nothing sent yet")
    save_screenshot(page, "subscriptions-added")
    _shoot(page, "subscriptions-added")

    message = _send_due(server, smtp_server, database_url, state_url)
    text = text_part(message)
    assert (message["To"], message["Subject"]) == (
        "planner@example.be",
        "Interpreter shortfall in the next 7 days: Tigrinya",
    )
    assert "Tigrinya: 1.5 hours short (2.0 hours waiting, 0.5 hours free). Short in: LIM." in text
    link = server.url("/supply-demand?language=ti&window=7d&drill=ti&lang=en")
    assert link in text
    page.goto(link)
    expect()(page.locator(".page-supply-demand")).to_contain_text("Tigrinya")
    _shoot(page, "alert-link-opens")

    page = browser_page.open("/subscriptions?lang=en")
    expect()(page.locator(".subscriptions-table tbody")).to_contain_text("Sent on 23 Nov 2026 10:00 (2026-11-23)")
    _shoot(page, "subscriptions-sent")
    page.get_by_role("button", name="Stop").click()
    expect()(page.locator("#subscriptions-feedback")).to_have_text("Subscription stopped.")
    expect()(page.locator(".page-subscriptions .empty-state")).to_be_visible()
    browser_page.assert_no_errors()
    context.close()


def _send_due(server, smtp_server, database_url: str, state_url: str):
    """`send-due` at the served "now", on the server's own state database, to the test SMTP server."""
    from dashboard.cli import _subscription_context
    from dashboard.settings import Settings
    from dashboard.subscriptions import send_due

    state = StateDatabase(state_url)
    settings = Settings(
        database_url=database_url,
        cache_url="simple://",
        now=NOW,
        smtp_url=smtp_server.url,
        mail_from="dashboard@stv.example.be",
        public_url=server.base_url,
    )
    context = _subscription_context(settings)
    try:
        result = send_due(context, state, state.secret_key(), NOW)
    finally:
        context.data.database.dispose()
        state.dispose()
    assert result.unavailable is None and result.failed == [] and len(result.sent) == 1, result
    [message] = smtp_server.received.messages
    return message


def _shoot(page, name: str) -> None:
    folder = Path("/work/shots/subscriptions")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
