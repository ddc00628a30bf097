"""The shell in a real browser: a filter change keeps the page mounted (its tab stays chosen), the page's choices
live in the URL (a reload or a copied link opens the same view), and a filter change costs one round trip to the
shell and then one request per page callback whose output changed."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import expect
from tests.test_e2e_overview import choose_option

pytestmark = pytest.mark.e2e

YEAR_2025 = "from=2025-01-01&to=2025-12-31"
ACTIVE = re.compile(r"\bactive\b")  # the chosen tab (dbc.Tabs marks it by class, not by aria-selected)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _region_tab_shows(page, region_names: list[str]) -> None:
    """The breakdown grid lists exactly these regions."""
    labels = page.locator("#no-shows-dimension-grid .ag-pinned-left-cols-container .ag-row [col-id='label']")
    expect()(labels).to_have_text(region_names)


def _outputs(outputs) -> list[str]:
    """'id.property' of every output a callback request asks for (pattern-matching ones as their JSON id)."""
    if isinstance(outputs, dict):
        component = outputs["id"]
        return [f"{component if isinstance(component, str) else json.dumps(component)}.{outputs['property']}"]
    return [name for item in outputs for name in _outputs(item)]


def test_the_chosen_tab_survives_a_filter_change_and_a_reload(browser_page):
    page = browser_page.open(f"/no-shows?{YEAR_2025}")
    tabs = page.locator(".choice-dimension")
    tabs.get_by_role("tab", name="Regio").click()
    expect()(tabs.get_by_role("tab", name="Regio")).to_have_class(ACTIVE)
    page.wait_for_url(lambda url: _query(url).get("dimension") == ["region"])
    expect()(page.locator("#no-shows-dimension-grid .ag-row").first).to_be_visible()

    choose_option(page, "filter-region", "Limburg")

    page.wait_for_url(lambda url: _query(url).get("region") == ["LIM"])
    assert _query(page.url)["dimension"] == ["region"]
    expect()(tabs.get_by_role("tab", name="Regio")).to_have_class(ACTIVE)
    _region_tab_shows(page, ["Limburg"])

    page.reload()
    expect()(page.locator(".choice-dimension").get_by_role("tab", name="Regio")).to_have_class(ACTIVE)
    _region_tab_shows(page, ["Limburg"])
    expect()(page.locator("#filter-region")).to_contain_text("Limburg")
    browser_page.assert_no_errors()


def test_back_restores_the_previous_tab(browser_page):
    page = browser_page.open(f"/no-shows?{YEAR_2025}&dimension=sector")
    tabs = page.locator(".choice-dimension")
    expect()(tabs.get_by_role("tab", name="Sector")).to_have_class(ACTIVE)
    tabs.get_by_role("tab", name="Taal").click()
    page.wait_for_url(lambda url: _query(url).get("dimension") == ["language"])
    page.go_back()
    page.wait_for_url(lambda url: _query(url).get("dimension") == ["sector"])
    expect()(tabs.get_by_role("tab", name="Sector")).to_have_class(ACTIVE)
    browser_page.assert_no_errors()


def test_an_unknown_tab_in_the_url_is_named_and_the_default_shown(browser_page):
    page = browser_page.open(f"/no-shows?{YEAR_2025}&dimension=nope")
    alert = page.locator(".problem-alert")
    expect()(alert).to_contain_text("'dimension'")
    expect()(alert).to_contain_text("nope")
    expect()(page.locator(".choice-dimension").get_by_role("tab", name="Soort dienst")).to_have_class(ACTIVE)
    expect()(page.locator("#no-shows-dimension-grid .ag-row").first).to_be_visible()
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    # the page settled without taking the reader's link apart: the URL and the alert still name the bad tab
    assert _query(page.url)["dimension"] == ["nope"]
    expect()(alert).to_contain_text("'dimension'")
    browser_page.assert_no_errors()


def test_a_filter_change_costs_two_shell_requests_and_one_per_page_output(browser_page):
    """Measured on /no-shows: the shell's request for the filters and its note on the period (which also follows the
    route, so it cannot ride on the first), then one request for each of the page's three callbacks, each output
    once, and the new organisations grid's request for its first block of rows (rows on demand); nothing re-mounts
    the page (the router is not asked)."""
    page = browser_page.open(f"/no-shows?{YEAR_2025}")
    expect()(page.locator(".answered-note")).to_be_visible()
    expect()(page.locator("#no-shows-dimension-grid .ag-row").first).to_be_visible()
    expect()(page.locator("#no-shows-organisations .ag-row").first).to_be_visible()
    before = page.locator(".answered-note").inner_text()
    sent: list[list[str]] = []

    def record(request) -> None:
        if request.method == "POST" and "/_dash-update-component" in request.url:
            outputs = _outputs(json.loads(request.post_data)["outputs"])
            if "shell-outage.children" not in outputs:  # the outage banner's own question (callbacks/outage.py)
                sent.append(outputs)

    page.on("request", record)
    with page.expect_response(lambda r: "/_dash-update-component" in r.url):
        choose_option(page, "filter-region", "Limburg")
    expect()(page.locator(".answered-note")).not_to_have_text(before)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    page.remove_listener("request", record)

    rows = ["no-shows-organisations-grid.getRowsResponse"]
    # The new grid asks for its first block of 50 rows; AG Grid asks twice for a new infinite grid's first block.
    assert 1 <= sent.count(rows) <= 2, sent
    sent = [request for request in sent if request != rows]
    flattened = [output for request in sent for output in request]
    assert len(sent) == 5, sent
    assert "shell-url.search" in sent[0] and ["shell-period-note.children"] in sent
    assert "shell-page.children" not in flattened  # the page was not re-mounted
    assert len(flattened) == len(set(flattened)), "an output was computed twice"
    browser_page.assert_no_errors()


def _callbacks_of_a_load(browser_page, path: str, without_header: bool = False) -> list[list[str]]:
    """The outputs of every callback request the page sends while it loads, until nothing is loading; with
    `without_header`, the request for the layout goes out as another client would send it (no page named)."""
    page = browser_page.page
    sent: list[list[str]] = []
    page.on(
        "request",
        lambda request: (
            sent.append(_outputs(json.loads(request.post_data)["outputs"]))
            if request.method == "POST" and "/_dash-update-component" in request.url
            else None
        ),
    )
    if without_header:

        def unnamed(route) -> None:
            headers = {k: v for k, v in route.request.headers.items() if k.lower() != "x-stv-page"}
            route.continue_(headers=headers)

        page.route("**/_dash-layout", unnamed)
    browser_page.open(path)
    expect()(page.locator("#no-shows-cards .kpi-value").first).to_be_visible()
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"], ._dash-loading')")
    return sent


def test_a_page_loaded_sends_only_its_own_callbacks(browser_page):
    """The page is drawn with the layout (callbacks.shell.first_painted): its callbacks go out in one wave,
    without the shell's (the filters, the texts, the router), and the shell is in the page's language."""
    sent = _callbacks_of_a_load(browser_page, f"/no-shows?{YEAR_2025}&lang=en")
    flattened = [output for request in sent for output in request]
    assert not [output for output in flattened if output.startswith(("shell-", "filter-"))], flattened
    assert "no-shows-cards.children" in flattened
    page = browser_page.page
    expect()(page.locator("#shell-brand")).to_have_text("STV dashboard")
    expect()(page.locator("#shell-nav .nav-link.active")).to_have_text("No-shows")
    expect()(page.locator("#filter-from")).to_have_value("01/01/2025")
    browser_page.assert_no_errors()


def test_a_client_that_names_no_page_gets_it_drawn_by_the_shell(browser_page):
    """Without the header the layout is the bare shell: its callbacks route, translate and mount as before."""
    sent = _callbacks_of_a_load(browser_page, f"/no-shows?{YEAR_2025}&lang=en", without_header=True)
    flattened = [output for request in sent for output in request]
    assert "shell-page.children" in flattened and "shell-query.data" in flattened
    page = browser_page.page
    expect()(page.locator("#shell-nav .nav-link.active")).to_have_text("No-shows")
    expect()(page.locator("#filter-from")).to_have_value("01/01/2025")
    browser_page.assert_no_errors()
