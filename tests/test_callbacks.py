"""Every page's callbacks posted in-process to `/_dash-update-component`, as the browser posts them: the router
mounts each page (path variables from the path only), the shell validates the URL once, each page callback
answers for a valid query with the figures of the fixture, and a forged payload gets an answer, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dashboard import ids
from tests.conftest import DIALECTS
from tests.dash_requests import outputs_of, post, response_values, server_callbacks, text_of

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
YEAR_2022 = "?from=2022-01-01&to=2022-12-31"
PAGE_PATHS = {
    "/": "overview",
    "/supply-demand": "supply-demand",
    "/shortages": "shortages",
    "/no-shows": "no-shows",
    "/interpreters": "interpreters",
    "/regions": "regions",
    "/regions/ANT": "region",
    "/regions/ANT/1": "local-government",
    "/organisations/1": "organisation",
    "/data-quality": "data-quality",
    "/subscriptions": "subscriptions",
}
FORGED = [12345, {"from": "2022-01-01"}, ["?from=2022-01-01"], "?from=2022-13-45&region=NOPE", "?" + "x" * 5000]


@pytest.fixture(scope="module", params=DIALECTS)
def app_config(request, built_databases):
    """The management fixture, "now" fixed, no aggregate store (figures straight from SQL)."""
    from tests.fixture_management import fill

    url = built_databases(request.param, "management", fill)
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False}


def _mount(client, app, path: str, search: str = "") -> dict:
    response = post(
        client, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": search}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)[f"{ids.PAGE}.children"]


def _page_callbacks(app, page_name: str) -> list[str]:
    """One output of each server callback that takes the page's query and draws on page `page_name`."""
    found = []
    for _, spec in server_callbacks(app):
        inputs = [f"{i['id']}.{i['property']}" for i in spec["inputs"] if isinstance(i["id"], str)]
        outputs = outputs_of(spec)
        if f"{ids.PAGE_QUERY}.data" in inputs and all(_on_page(o, page_name) for o in outputs):
            found.append(outputs[0])
    return found


# Parts a callback draws (not in any layout) that another callback reads: a grid whose rows come on demand.
DRAWN_BY_CALLBACKS = {"no-shows-organisations-grid"}


def test_every_callback_id_is_in_the_shell_or_a_page(make_app, tmp_path):
    """What Dash's validation layout would check, for the pages the router mounts."""
    import layouts
    from layouts._shell import shell_layout

    app = make_app(f"sqlite:///{tmp_path / 'unused.sqlite'}", aggregates=False, forecast_background=False)
    layouts.load_pages()
    with app.server.test_request_context():  # the shell shows who is signed in; a manager sees every part
        import flask

        from dashboard.access import Account

        flask.g.account = Account("manager", ("manager",))
        trees = [shell_layout().to_plotly_json()]
        for page in layouts.PAGES.values():
            variables = dict.fromkeys(page.match(page.path) or {}, "1")
            trees.append(page.layout({}, **variables).to_plotly_json())
    present = set()

    def walk(node):
        if hasattr(node, "to_plotly_json"):
            node = node.to_plotly_json()
        if isinstance(node, dict):
            props = node.get("props", {})
            if "id" in props:
                present.add(ids.dom_id(props["id"]))
            for value in props.values():
                walk(value)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    walk(trees)
    present.add(ids.PAGE_QUERY)  # the router puts it beside the page it mounts
    present |= DRAWN_BY_CALLBACKS
    named = set()
    for _, spec in app.callback_map.items():
        outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
        named |= {item["id"] for item in [*spec["inputs"], *spec["state"]]}
        named |= {output.component_id_str() for output in outputs}
    wildcards = {name for name in named if '["ALL"]' in name}
    assert wildcards  # the page choices and the navigation's links
    assert named - wildcards - present == set()


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_the_router_mounts_every_page_with_its_query(client, app, path):
    page = _mount(client, app, path, YEAR_2022 + "&lang=en")
    store, frame = page["props"]["children"]
    assert store["props"] == {"id": ids.PAGE_QUERY, "data": YEAR_2022 + "&lang=en"}
    assert f"page-{PAGE_PATHS[path]}" in frame["props"]["className"]


def test_a_path_variable_is_never_taken_from_the_query_string(client, app):
    page = _mount(client, app, "/organisations/1", "?organisation_id=2&region_code=LIM")
    place = [c for c in _walk(page) if c.get("props", {}).get("id") == "organisation-place"]
    assert place[0]["props"]["data"] == {"organisation_id": "1"}


def test_an_unknown_path_mounts_not_found(client, app):
    page = _mount(client, app, "/nowhere/at/all")
    assert _has_class(page, "not-found")


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_callback_answers_for_a_valid_query(client, app, path):
    callbacks = _page_callbacks(app, PAGE_PATHS[path])
    assert callbacks, f"no callback takes the query of {path}"
    for output in callbacks:
        response = post(client, app, output, {f"{ids.PAGE_QUERY}.data": YEAR_2022})
        assert response.status_code == 200, (output, response.get_data(as_text=True)[:300])
        assert response_values(response), output


@pytest.mark.parametrize("forged", FORGED, ids=["number", "mapping", "list", "bad codes", "very long"])
def test_a_forged_query_never_gets_a_server_error(client, app, forged):
    for path, page_name in PAGE_PATHS.items():
        for output in _page_callbacks(app, page_name):
            response = post(client, app, output, {f"{ids.PAGE_QUERY}.data": forged})
            assert response.status_code in (200, 204), (path, output, response.get_data(as_text=True)[:300])


def test_no_shows_cards_show_the_fixture_rates(client, app):
    """2022 in the management fixture: 16 answered, 2 client no-shows (12,5 %), billable (8 + 2) / 16 = 62,5 %."""
    response = post(client, app, "no-shows-cards.children", {f"{ids.PAGE_QUERY}.data": YEAR_2022})
    cards = text_of(response_values(response)["no-shows-cards.children"])
    assert "16" in cards.split()
    assert "12,5 %" in cards and "62,5 %" in cards
    english = post(client, app, "no-shows-cards.children", {f"{ids.PAGE_QUERY}.data": YEAR_2022 + "&lang=en"})
    assert "12.5 %" in text_of(response_values(english)["no-shows-cards.children"])


def test_the_shell_validates_the_url_once_and_names_what_it_set_aside(client, app):
    response = post(client, app, f"{ids.QUERY}.data", {f"{ids.URL}.search": YEAR_2022 + "&region=NOPE&lang=en"})
    values = response_values(response)
    assert values[f"{ids.QUERY}.data"] == YEAR_2022 + "&lang=en"
    alert = text_of(values[f"{ids.ALERTS}.children"])
    assert "'region'" in alert and "NOPE" in alert
    regions = [{"label": "Provincie Antwerpen", "value": "ANT"}, {"label": "Limburg", "value": "LIM"}]
    assert values[f"{ids.filter_input('region')}.options"] == regions  # options come with the first answer
    languages = [option["label"] for option in values[f"{ids.filter_input('language')}.options"]]
    assert languages == ["Arabic (ar)", "Tigrinya (ti)", "Ukrainian (uk)"]  # in English, by name


def test_a_filter_input_rewrites_the_url_and_keeps_the_page_choices(client, app):
    search = YEAR_2022 + "&dimension=region"
    response = post(
        client,
        app,
        f"{ids.QUERY}.data",
        {
            f"{ids.URL}.search": search,
            f"{ids.FILTER_FROM}.value": "2022-01-01",
            f"{ids.FILTER_TO}.value": "2022-12-31",
            f"{ids.filter_input('region')}.value": ["LIM"],
        },
        changed=[f"{ids.filter_input('region')}.value"],
    )
    values = response_values(response)
    assert values[f"{ids.URL}.search"] == YEAR_2022 + "&region=LIM&dimension=region"
    assert values[f"{ids.QUERY}.data"] == YEAR_2022 + "&region=LIM"


def test_a_forged_filter_input_is_validated_like_the_url(client, app):
    response = post(
        client,
        app,
        f"{ids.QUERY}.data",
        {f"{ids.URL}.search": YEAR_2022, f"{ids.filter_input('region')}.value": ["LIM", "NOPE", 7]},
        changed=[f"{ids.filter_input('region')}.value"],
    )
    values = response_values(response)
    assert values[f"{ids.QUERY}.data"] == YEAR_2022 + "&region=LIM"
    assert "NOPE" in text_of(values[f"{ids.ALERTS}.children"])


def _on_page(output: str, page_name: str) -> bool:
    return output.startswith(f"{page_name}-") or f'"page": "{page_name}"' in output


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.get("props", {}).values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _has_class(node, name: str) -> bool:
    return any(name in str(n.get("props", {}).get("className", "")) for n in _walk(node))


def test_the_kind_filter_says_what_it_selects_on_each_page(client, app):
    def help_on(path: str) -> str:
        route = {f"{ids.ROUTE}.data": {"path": path, "lang": "en"}}
        return response_values(post(client, app, f"{ids.KIND_HELP}.children", route))[f"{ids.KIND_HELP}.children"]

    assert help_on("/no-shows").startswith("Only requests assigned to an interpreter")
    assert help_on("/shortages").startswith("Selects the interpreters")
    assert help_on("/regions/ANT/1") == help_on("/no-shows")
    assert help_on("/nowhere") == ""


def test_every_chart_toolbar_is_in_the_readers_language_and_never_offers_the_cloud(client, app):
    """The charts of every page's skeleton (those drawn by a callback use the same layouts._components.graph_config)."""
    mounted = [_mount(client, app, path, "?lang=en") for path in PAGE_PATHS]
    graphs = [node for page in mounted for node in _walk(page) if node.get("type") == "Graph"]
    assert len(graphs) > len(PAGE_PATHS)
    for graph in graphs:
        config = graph["props"]["config"]
        assert config["locale"] == "en" and config["displaylogo"] is False
        assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
        assert config["showLink"] is False and config["modeBarButtons"] == [["toImage", "resetScale2d"]]
