"""The Content-Security-Policy in a real browser (dashboard/security.py): every page of the registry loads under it
in Chromium, served by gunicorn as `stv-dashboard serve` serves it, with no `securitypolicyviolation` event and no
console error, and draws its chart; the policy is in force (an `eval` is refused); the served headers carry no
version and gunicorn believes no `X-Forwarded-Proto` unless proxies are trusted."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.request
from pathlib import Path

import pytest

import layouts
from tests.browser import expect, whole_page_in_view

pytestmark = pytest.mark.e2e

layouts.load_pages()
PAGE_PATHS = sorted(page.path for page in layouts.PAGES.values())
# Records every violation of the policy, from the first script on (an init script runs before the page's own).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
    `${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`));
"""
BUSIEST = """
SELECT regions.code, local_governments.id, organisations.id FROM requests
JOIN organisations ON organisations.id = requests.organisation_id
JOIN local_governments ON local_governments.id = organisations.local_government_id
JOIN regions ON regions.id = local_governments.region_id
GROUP BY organisations.id ORDER BY count(*) DESC, organisations.id LIMIT 1
"""


@pytest.fixture(scope="module")
def path_variables(demo_sqlite) -> dict[str, str]:
    """Real values for the registry's path variables: the busiest organisation, its local government and region."""
    database = sqlite3.connect(f"file:{Path(demo_sqlite).resolve()}?mode=ro", uri=True)
    try:
        region_code, local_government_id, organisation_id = database.execute(BUSIEST).fetchone()
    finally:
        database.close()
    return {
        "region_code": region_code,
        "local_government_id": str(local_government_id),
        "organisation_id": str(organisation_id),
    }


def concrete(path: str, variables: dict[str, str]) -> str:
    return re.sub(r"<([a-z_]+)>", lambda match: variables[match.group(1)], path)


def served_headers(server, path: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(server.url(path), headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.status, answer.headers


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_runs_under_the_policy(browser_page_as, path_variables, path):
    browser_page = browser_page_as("e2e-admin" if path == "/admin" else "e2e-manager")  # /admin: for admins only
    page = browser_page.page
    page.add_init_script(LISTEN)
    browser_page.server.assert_running()
    response = page.goto(browser_page.server.url(concrete(path, path_variables)))
    policy = response.header_value("content-security-policy") or ""
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy, policy
    if path == layouts.NOT_FOUND_PATH:
        expect()(page.locator(".not-found")).to_be_visible()
    elif path == "/admin":  # no chart there: its grids
        expect()(page.locator("#admin-accounts .ag-row").first).to_be_visible()
        with whole_page_in_view(page):
            pass
    elif path == "/subscriptions":  # no chart there: the account's list, or the state saying it has none
        expect()(page.locator("#subscriptions-list .empty-state, #subscriptions-list table").first).to_be_visible()
    else:
        expect()(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()  # a chart is drawn
        with whole_page_in_view(page):  # and every grid, which injects its styles as it draws
            pass
    assert page.evaluate("window.__violations") == []
    browser_page.assert_no_errors()


def test_the_policy_is_in_force(browser_page):
    """Not a policy that the browser ignores: an inline script that is not Dash's and a string run as code (what
    `unsafe-eval` would allow) are refused, and the listener of the test above hears both."""
    page = browser_page.page
    page.add_init_script(LISTEN)
    page.goto(browser_page.server.url("/"))
    expect()(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__inline = true";
            document.head.appendChild(script);
            setTimeout("window.__evaluated = true", 0);
        }"""
    )
    expect()(page.locator("#react-entry-point")).to_be_visible()
    page.wait_for_function("() => window.__violations.length >= 2")
    directives = {v.split()[0] for v in page.evaluate("window.__violations")}
    assert directives == {"script-src-elem", "script-src"}, directives
    assert page.evaluate("[window.__inline, window.__evaluated]") == [None, None]


def test_the_chart_downloads_as_png_under_the_policy(browser_page):
    """Plotly's PNG goes through a blob: image (img-src), and the toolbar's download still gives a file."""
    page = browser_page.page
    page.add_init_script(LISTEN)
    page.goto(browser_page.server.url("/?lang=en"))
    chart = page.locator(".js-plotly-plot").first
    expect()(chart.locator(".main-svg").first).to_be_visible()
    chart.hover()
    with page.expect_download() as download:
        chart.locator(".modebar-btn[data-title*='PNG' i]").first.click()
    assert download.value.suggested_filename.endswith(".png")
    assert page.evaluate("window.__violations") == []
    browser_page.assert_no_errors()


def test_the_served_headers_name_no_version_and_trust_no_proxy(dashboard_server):
    status, headers = served_headers(dashboard_server, "/")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert not re.search(r"\d", headers.get("Server", "")), headers.get("Server")
    # gunicorn's default would believe X-Forwarded-Proto from loopback; `serve` tells it to believe no one.
    status, headers = served_headers(dashboard_server, "/healthz", {"X-Forwarded-Proto": "https"})
    assert status == 200 and "Strict-Transport-Security" not in headers
    with urllib.request.urlopen(dashboard_server.url("/healthz"), timeout=60) as answer:
        assert json.load(answer) == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "store": "current",
            "replica": "current",
        }
