"""How answers travel, in a real browser (dashboard/delivery.py): on a second visit every script, style, font and
image comes from the browser's cache without asking the server (not even a 304), the chunks Dash's bundles load
later (graph, dropdown, AG Grid) included."""

from __future__ import annotations

import pytest

from tests.browser import expect

pytestmark = pytest.mark.e2e

STATIC = ("/assets/", "/_dash-component-suites/")
READ_STATIC = """(prefixes) => performance.getEntriesByType('resource')
  .filter((e) => prefixes.some((p) => new URL(e.name).pathname.startsWith(p)))
  .map((e) => ({path: new URL(e.name).pathname, transfer: e.transferSize}))"""


def _drawn(page) -> None:
    expect()(page.locator("#no-shows-organisations .ag-row").first).to_be_visible()
    expect()(page.locator("#no-shows-trend .main-svg").first).to_be_visible()
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"], ._dash-loading')")


def test_a_second_visit_loads_nothing_static_from_the_server(browser_page):
    page = browser_page.open("/no-shows?from=2025-01-01&to=2025-12-31")
    _drawn(page)
    first = page.evaluate(READ_STATIC, list(STATIC))
    chunks = [entry["path"] for entry in first if "/async-" in entry["path"]]
    assert any(path.endswith("/async-graph.js") for path in chunks), chunks
    assert any(path.endswith("/async-community.js") for path in chunks), chunks  # AG Grid's
    browser_page.open("/no-shows?from=2025-01-01&to=2025-12-31")
    _drawn(page)
    again = page.evaluate(READ_STATIC, list(STATIC))
    assert {entry["path"] for entry in again} >= set(chunks)
    assert [entry for entry in again if entry["transfer"] > 0] == []
    browser_page.assert_no_errors()
