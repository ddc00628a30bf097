"""A page drawn with its layout (callbacks.shell.first_painted): the request for the layout names the page being
loaded, and the shell comes back in the state its callbacks would give it, that page mounted in it; a request
without the header, or with a malformed one, gets the bare shell, which its callbacks then draw as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dash import no_update

from callbacks import shell
from callbacks.shell import PAGE_HEADER, loaded_address
from dashboard import ids
from dashboard.i18n import t
from tests.dash_requests import find_component, post, response_values, text_of
from tests.support import signed_in_client

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
YEAR = "?from=2022-01-01&to=2022-12-31"


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def manager(app):
    return signed_in_client(app, "manager")


def layout_for(client, address: str | None) -> dict:
    headers = {PAGE_HEADER: address} if address is not None else {}
    response = client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def prop(layout: dict, component_id: str, name: str):
    component = find_component(layout, component_id)
    assert component is not None, component_id
    return component["props"].get(name)


def test_the_page_loaded_is_drawn_in_the_layout_in_its_language(manager):
    layout = layout_for(manager, f"/no-shows{YEAR}&region=ANT&lang=en")
    assert prop(layout, ids.URL, "pathname") == "/no-shows"
    assert prop(layout, ids.URL, "search") == f"{YEAR}&region=ANT&lang=en"
    assert prop(layout, ids.ROUTE, "data") == {"path": "/no-shows", "lang": "en", "period": ""}
    query = prop(layout, ids.QUERY, "data")
    assert query == "?from=2022-01-01&to=2022-12-31&region=ANT&lang=en"
    assert prop(layout, ids.PAGE_QUERY, "data") == query  # the mounted page's own store: its callbacks' input
    assert find_component(layout, ids.page("no-shows", "cards")) is not None
    assert prop(layout, ids.filter_input("region"), "value") == ["ANT"]
    assert text_of(find_component(layout, ids.BRAND)) == t("app-title", "en")
    active = [link for link in prop(layout, ids.NAV, "children") if link["props"]["children"]["props"]["active"]]
    assert [link["props"]["children"]["props"]["href"] for link in active] == ["/no-shows"]


def test_the_drawn_shell_is_what_its_callbacks_answer(app, manager):
    """The layout's shell properties equal the answers its callbacks give for the same address: one logic."""
    address = f"{YEAR}&language=ar"
    layout = layout_for(manager, f"/shortages{address}")
    synced = response_values(post(manager, app, f"{ids.QUERY}.data", {f"{ids.URL}.search": address}))
    route = {"path": "/shortages", "lang": "nl", "period": ""}
    texts = response_values(post(manager, app, f"{ids.BRAND}.children", {f"{ids.ROUTE}.data": route}))
    for key, value in (synced | texts).items():
        component_id, name = key.rsplit(".", 1)
        if not component_id.startswith("{"):  # (a pattern-matching id: none of the shell's painted ones)
            assert prop(layout, component_id, name) == value, key


def test_every_property_painted_has_its_component_in_the_shell(app, manager):
    from layouts._shell import components_of, shell_layout

    context = app.server.extensions["stv"]
    with app.server.test_request_context():
        from flask import g

        g.account = None
        values = shell.first_paint(context, "/", YEAR)
        layout = shell_layout()
        present = {c.id for c in components_of(layout) if isinstance(getattr(c, "id", None), str)}
    assert {component_id for component_id, _ in values} <= present
    assert no_update not in values.values()


@pytest.mark.parametrize(
    "header",
    [None, "", "no-shows", "//evil.example/no-shows", "/" + "x" * 9000, "https://evil.example/"],
)
def test_without_a_usable_header_the_bare_shell_comes(manager, header):
    layout = layout_for(manager, header)
    assert prop(layout, ids.PAGE, "children") is None  # its callbacks mount the page, as the address comes in
    assert prop(layout, ids.ROUTE, "data") is None


def test_a_database_failing_while_the_shell_is_drawn_gives_the_bare_shell(manager, monkeypatch):
    from dashboard.db import DatabaseUnavailable

    def failing(*_args):
        raise DatabaseUnavailable("gone")

    monkeypatch.setattr(shell, "first_paint", failing)
    layout = layout_for(manager, f"/no-shows{YEAR}")
    assert prop(layout, ids.PAGE, "children") is None and prop(layout, ids.ROUTE, "data") is None


def test_a_malformed_query_is_drawn_with_its_alert(manager):
    assert not text_of(find_component(layout_for(manager, f"/no-shows{YEAR}"), ids.ALERTS))
    layout = layout_for(manager, "/no-shows?from=2022-13-45&region=XX")
    assert text_of(find_component(layout, ids.ALERTS))  # the bad-link alert, as the shell's callback gives it
    assert find_component(layout, ids.page("no-shows", "cards")) is not None  # the page is still drawn


def test_an_unknown_page_is_drawn_as_not_found(manager):
    layout = layout_for(manager, "/nowhere")
    assert "not-found" in prop(layout, ids.PAGE, "children")["props"]["children"][1]["props"]["className"]


def test_the_layout_is_asked_for_without_a_session_only_at_the_sign_in(app):
    response = app.server.test_client().get("/_dash-layout", headers={PAGE_HEADER: "/no-shows"})
    assert response.status_code in (302, 303, 401), response.status_code


@pytest.mark.parametrize(
    ("header", "address"),
    [
        ("/", ("/", "")),
        ("/no-shows?", ("/no-shows", "")),
        ("/no-shows?lang=en&a=b?c", ("/no-shows", "?lang=en&a=b?c")),
        ("/regions/ANT/12", ("/regions/ANT/12", "")),
        ("regions", None),
        ("//host/x", None),
    ],
)
def test_the_address_is_read_as_the_browser_has_it(header, address):
    assert loaded_address(header) == address
