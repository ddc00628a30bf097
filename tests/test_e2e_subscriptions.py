"""`/subscriptions` in Chromium, as the issue's "done when" says: a planner subscribes to the shortage alert in the
interface, `send-due` runs, and the alert that arrives at the (real, loopback) SMTP server names the languages
and regions short in the next 7 days, with a link that opens that view; the planner then stops it on the page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.browser import STV_NOW, expect, save_screenshot
from tests.smtp import text_part

pytestmark = pytest.mark.e2e


def test_a_planner_subscribes_to_the_alert_receives_it_and_stops_it(browser_page_as, smtp_server, demo_sqlite):
    smtp_server.received.clear()
    browser = browser_page_as("e2e-planner")
    page = browser.open("/subscriptions?lang=en")
    expect()(page.locator("h1")).to_have_text("Subscriptions")
    expect()(page.locator(".page-subscriptions .empty-state")).to_have_text(
        "You have no subscriptions yet. Add one below."
    )
    page.fill("#subscriptions-address", "planner@example.be")
    page.get_by_label("Shortage alert").check()
    expect()(page.locator("#subscriptions-alert-fields")).to_be_visible()
    page.fill("#subscriptions-hours", "0")
    page.fill("#subscriptions-at", "07:00")
    page.click("#subscriptions-submit")
    expect()(page.locator("#subscriptions-feedback")).to_contain_text(
        "Subscription added: more than 0.0 hours short in the next 7 days, daily at 07:00."
    )
    expect()(page.locator(".subscriptions-table tbody tr")).to_have_count(1)
    expect()(page.locator(".subscriptions-table tbody")).to_contain_text("Nothing sent yet")
    save_screenshot(page, "subscriptions-added")
    _shoot(page, "subscriptions-added")

    message = _send_due(browser.server, smtp_server, f"sqlite:///{Path(demo_sqlite).resolve()}")
    text = text_part(message)
    assert message["To"] == "planner@example.be"
    assert message["Subject"].startswith("Interpreter shortfall in the next 7 days: ")
    link = next(line for line in text.splitlines() if "/supply-demand?language=" in line and "drill=" in line)
    assert link.startswith(browser.server.url("/supply-demand?"))
    page.goto(link)
    language = link.split("drill=", 1)[1].split("&", 1)[0]
    expect()(page.locator("#supply-demand-drill-title, .page-supply-demand h1").first).to_be_visible()
    assert f"language={language}" in page.url

    page = browser.open("/subscriptions?lang=en")
    expect()(page.locator(".subscriptions-table tbody")).to_contain_text("Sent on")
    _shoot(page, "subscriptions-sent")
    page.get_by_role("button", name="Stop").click()
    expect()(page.locator("#subscriptions-feedback")).to_have_text("Subscription stopped.")
    expect()(page.locator(".page-subscriptions .empty-state")).to_be_visible()
    browser.assert_no_errors()


def _send_due(server, smtp_server, database_url: str):
    """`send-due` at the served "now", on the server's own state database, to the test SMTP server."""
    from dashboard.cli import _subscription_context
    from dashboard.settings import Settings
    from dashboard.state import StateDatabase
    from dashboard.subscriptions import send_due

    now = datetime.fromisoformat(STV_NOW.replace("Z", "+00:00")).astimezone(UTC)
    state = StateDatabase(f"sqlite:///{Path(server.log_path).parent / 'state.sqlite'}")
    settings = Settings(
        database_url=database_url,
        cache_url="simple://",
        now=now,
        smtp_url=smtp_server.url,
        mail_from="dashboard@stv.example.be",
        public_url=server.base_url,
    )
    context = _subscription_context(settings)
    try:
        result = send_due(context, state, state.secret_key(), now)
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
