"""Every server callback, fuzzed through the real callback endpoint (`POST /_dash-update-component`) with the
component shapes of tests/fuzz_shapes.py: never a 5xx, never a traceback in the answer, a link from click data
only ever inside the app, and a malformed page query answered with the page's bad-parameter alert.

Each callback is posted by an account that may open its page (an admin for the administration's), so that the
answers come from the callback itself, not from the role guard (tests/test_access.py covers that)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import ids
from dashboard.payloads import internal_path
from tests.dash_requests import dom_id, outputs_of, post, request_body, response_values, server_callbacks, text_of
from tests.fuzz_shapes import Tally, assert_no_server_error, component_value, fuzz_settings

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TALLY = Tally("callbacks")


@pytest.fixture(scope="module")
def app_config(built_databases):
    """The management fixture in SQLite, "now" fixed, figures straight from SQL."""
    from tests.fixture_management import fill

    url = built_databases("sqlite", "management", fill)
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def clients(app):
    from tests.support import signed_in_client

    yield {role: signed_in_client(app, role) for role in ("manager", "admin")}
    TALLY.write()


def _callbacks():
    """(output key, spec) of every server callback of a freshly built app (the same for every app)."""
    from dashboard import create_app
    from dashboard.settings import Settings

    settings = Settings(database_url="sqlite:///unused.sqlite", cache_url="simple://", state_url="sqlite://")
    app = create_app({"settings": settings, "aggregates": False, "forecast_background": False})
    return list(server_callbacks(app))


CALLBACKS = _callbacks()


@pytest.mark.parametrize("key", [key for key, _ in CALLBACKS], ids=[outputs_of(s)[0] for _, s in CALLBACKS])
@fuzz_settings()
@given(data=st.data())
def test_every_callback_answers_forged_inputs_without_a_server_error(clients, app, key, data):
    spec = app.callback_map[key]
    declared = spec["inputs"] + spec["state"]
    values = {
        f"{dom_id(item['id'])}.{item['property']}": data.draw(
            component_value(dom_id(item["id"]), item["property"]), label=f"{item['id']}.{item['property']}"
        )
        for item in declared
    }
    inputs = [f"{dom_id(item['id'])}.{item['property']}" for item in spec["inputs"]]
    changed = data.draw(st.lists(st.sampled_from(inputs), max_size=len(inputs), unique=True), label="changed")
    client = clients["admin" if outputs_of(spec)[0].startswith("admin-") else "manager"]
    response = client.post("/_dash-update-component", json=request_body(key, spec, values, changed))
    TALLY.count(response.status_code)
    assert_no_server_error(response, key)
    if response.status_code == 200:
        for name, value in response_values(response).items():
            if name.endswith(".href") and value is not None:
                assert internal_path(value) == value, (name, value)


@fuzz_settings()
@given(body=st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=3)))
def test_a_body_that_is_no_callback_request_is_a_400(clients, body):
    response = clients["manager"].post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    TALLY.count(response.status_code)
    assert response.status_code == 400
    assert response.get_json()["status"] == 400


def test_broken_json_is_a_400_with_a_message(clients):
    response = clients["manager"].post("/_dash-update-component", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "Dit verzoek kon niet gelezen worden."


@pytest.mark.parametrize(
    "click",
    [
        {"points": [{"customdata": ["x", "//evil.example/"]}]},
        {"points": [{"customdata": ["x", "/\\evil.example/"]}]},
        {"points": [{"customdata": ["x", "https://evil.example/"]}]},
        {"points": [{"customdata": ["x", "/\tregions"]}]},
        {"points": [{"customdata": ["x"]}]},
        {"points": "ANT"},
        ["points"],
        "points",
        7,
    ],
)
def test_a_forged_chart_click_never_links_off_the_app(clients, app, click):
    response = post(clients["manager"], app, "regions-go.href", {"regions-chart.clickData": click})
    assert response.status_code == 200
    assert response_values(response) == {}


def test_a_chart_click_on_a_bar_opens_its_page(clients, app):
    click = {"points": [{"customdata": ["ANT", "/regions/ANT?from=2022-01-01"]}]}
    response = post(clients["manager"], app, "regions-go.href", {"regions-chart.clickData": click})
    assert response_values(response) == {"regions-go.href": "/regions/ANT?from=2022-01-01"}


@pytest.mark.parametrize("query", [12345, ["?from=2022-01-01"], {"from": {"nested": 1}}, "?" + "x" * 5000])
def test_a_malformed_page_query_draws_the_defaults_with_the_bad_parameter_alert(clients, app, query):
    response = post(clients["manager"], app, "regions-alerts.children", {f"{ids.PAGE_QUERY}.data": query})
    assert response.status_code == 200
    answer = response_values(response)
    assert "'query': de waarde had een onbruikbare vorm" in text_of(answer["regions-alerts.children"])
    assert answer["regions-table.rowData"], "the page's defaults are drawn"


def test_a_well_formed_page_query_has_no_alert(clients, app):
    response = post(clients["manager"], app, "regions-alerts.children", {f"{ids.PAGE_QUERY}.data": "?lang=en"})
    assert response_values(response)["regions-alerts.children"] is None


def test_a_forged_window_is_the_default_window(clients, app):
    """A page choice's malformed value reaches the callback as the choice's default (layouts._choices)."""
    forged = {f"{ids.PAGE_QUERY}.data": "", '{"choice":"window","page":"supply-demand","prop":"value"}.value': [1]}
    plain = {f"{ids.PAGE_QUERY}.data": ""}
    client = clients["manager"]
    answers = [response_values(post(client, app, "supply-demand-cards.children", v)) for v in (forged, plain)]
    assert answers[0]["supply-demand-cards.children"] == answers[1]["supply-demand-cards.children"]
    assert "'window'" in text_of(answers[0]["supply-demand-alerts.children"])


def test_a_callback_that_raises_answers_400_and_logs_one_line(clients, app, caplog):
    """A request Dash itself cannot run (an output no callback has): 400, a short JSON message, one log line."""
    body = {"output": "nothing.children", "outputs": {"id": "nothing", "property": "children"}, "inputs": []}
    with caplog.at_level("ERROR"):
        response = clients["manager"].post("/_dash-update-component", json=body)
    assert response.status_code == 400
    assert response.get_json() == {"error": "Dit verzoek kon niet beantwoord worden.", "status": 400}
    lines = [record for record in caplog.records if record.name == app.server.logger.name]
    assert len(lines) == 1 and "\n" not in lines[0].getMessage()
    assert "KeyError" in lines[0].getMessage() and "nothing.children" in lines[0].getMessage()
