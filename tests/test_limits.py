"""Bounded work per request (issue 17, items 2-4): the size limits of a request, the cap on values per parameter,
the statement timeout of the operational database (SQLite and PostgreSQL), the export row limit and the number
of downloads one account runs at once; every refusal with the app's error page and a message."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from dashboard import exports, ids
from dashboard.db import Database, QueryTimeout, readonly_engine
from dashboard.security import DRAIN_BYTES, MAX_BODY_BYTES, MAX_QUERY_STRING
from tests.conftest import DIALECTS
from tests.dash_requests import post, response_values, text_of
from tests.support import signed_in_client

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
YEAR = "from=2022-01-01&to=2022-12-31"
HTML = {"Accept": "text/html,application/xhtml+xml"}
# A statement that runs for minutes in SQLite unless it is interrupted: a billion-row recursive count.
SLOW = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(30)",
}
SECONDS_LONG = {  # over the fixture's 0.5 s, far under two minutes
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000) "
    "SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(1.5)",
}


@pytest.fixture(scope="module")
def app_config(built_databases):
    from tests.fixture_management import fill

    return {"url": built_databases("sqlite", "management", fill), "now": NOW, "aggregates": False}


def test_a_query_string_over_the_limit_is_414_with_the_error_page(client):
    response = client.get("/?" + "a" * (MAX_QUERY_STRING + 1), headers=HTML)
    assert response.status_code == 414
    page = response.get_data(as_text=True)
    assert "<title>Er ging iets mis · STV-dashboard</title>" in page
    assert "De link is te lang: ten hoogste 4.096 tekens na het vraagteken." in page
    english = client.get("/?lang=en&" + "a" * MAX_QUERY_STRING, headers=HTML).get_data(as_text=True)
    assert "The link is too long: at most 4,096 characters after the question mark." in english


def test_a_query_string_at_the_limit_is_served(client):
    assert client.get("/?" + "a" * MAX_QUERY_STRING, headers=HTML).status_code == 200


def test_an_export_with_a_query_string_over_the_limit_is_414_as_text(client):
    response = client.get(f"/export/kpis.csv?{YEAR}&region=" + "A" * MAX_QUERY_STRING)
    assert response.status_code == 414
    assert response.mimetype == "text/plain"


def test_the_limits_come_before_sign_in(app):
    """Without a session, an oversized request is refused for its size, not redirected to the sign-in."""
    anonymous = app.server.test_client()
    assert anonymous.get("/?" + "a" * (MAX_QUERY_STRING + 1)).status_code == 414
    oversized = anonymous.post("/_dash-update-component", data=b"0" * (MAX_BODY_BYTES + 1))
    assert oversized.status_code == 413


def test_a_body_over_the_limit_is_413_with_a_message(client):
    response = client.post("/_dash-update-component", data=b"[" * (MAX_BODY_BYTES + 1), content_type="application/json")
    assert response.status_code == 413
    assert response.get_json() == {"error": "Het verzoek is te groot: ten hoogste 1.048.576 bytes.", "status": 413}


def test_json_nested_too_deep_to_decode_is_400(client):
    response = client.post("/_dash-update-component", data=b"[" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["status"] == 400


def test_unknown_and_traversing_component_paths_are_404_with_the_error_page(client):
    for path in (
        "/_dash-component-suites/dash/dash.py",
        "/_dash-component-suites/dash/..%2f..%2fsettings.py",
        "/_dash-component-suites/dash/../../dashboard/settings.py",
        "/_dash-component-suites/no-such-package/x.js",
        "/_dash-component-suites/dash/deps/nothing.v1_0_0m1.js",
    ):
        response = client.get(path, headers=HTML)
        assert response.status_code == 404, path
        assert "Deze pagina of dit bestand bestaat niet." in response.get_data(as_text=True), path


def test_too_many_values_of_one_parameter_are_one_problem(client, app):
    many = ",".join(["ANT"] * 201)
    export = client.get(f"/export/kpis.csv?{YEAR}&region={many}")
    assert export.status_code == 400
    assert export.get_data(as_text=True) == "Bad parameter: 'region': more than 200 values\n"
    response = post(client, app, f"{ids.ALERTS}.children", {f"{ids.URL}.search": f"?region={many}"})
    assert "'region': meer dan 200 waarden" in text_of(response_values(response)[f"{ids.ALERTS}.children"])
    assert client.get(f"/export/kpis.csv?{YEAR}&region=" + ",".join(["ANT"] * 200)).status_code == 200


@pytest.fixture(params=DIALECTS)
def slow_database(request):
    """(dialect, a Database on the fixture whose statements may run 0.5 s)."""
    url = request.getfixturevalue("fixture_sqlite" if request.param == "sqlite" else "fixture_postgres")
    database = Database(url, readonly_engine(url, timeout=0.5))
    yield request.param, database
    database.dispose()


def test_a_slow_statement_is_cut_by_the_statement_timeout(slow_database):
    dialect, database = slow_database
    with pytest.raises(QueryTimeout) as cut:
        database.frame(text(SLOW[dialect]))
    assert cut.value.message_key == "query-timeout"
    assert database.frame(text("SELECT 1 AS one")).one.tolist() == [1], "the connection serves the next statement"


def test_background_work_runs_past_the_request_limit_and_only_in_its_own_transaction(slow_database):
    """The aggregate store's rollups hold no request: their transaction lifts the limit, and the next request's
    statement is cut again on the same (pooled) connection."""
    dialect, database = slow_database
    slow = text(SECONDS_LONG[dialect])
    with pytest.raises(QueryTimeout):
        database.frame(slow)
    assert len(database.frame(slow, timeout=120)) == 1
    with pytest.raises(QueryTimeout):
        database.frame(slow)


def test_a_page_says_clearly_that_its_question_took_too_long(slow_database, app):
    """What a page's callback shows when a statement is cut (callbacks._common.render)."""
    from callbacks._common import render

    dialect, database = slow_database
    context = app.server.extensions["stv"]

    def build(_parsed):
        database.frame(text(SLOW[dialect]))
        return {"cards": "never"}

    with app.server.test_request_context():
        shown = render(context, "?lang=en", build, {"cards": None, "alerts": None})
    assert shown["cards"] is None
    assert shown["alerts"].children == (
        "This question to the database took too long and was stopped. Choose a shorter period or fewer filters."
    )


def test_an_export_over_the_row_limit_is_refused_politely(client, monkeypatch):
    monkeypatch.setattr(exports, "ROW_LIMIT", 3)
    response = client.get(f"/export/monthly.csv?{YEAR}")
    assert response.status_code == 400
    assert "more than the 3 a download may hold" in response.get_data(as_text=True)
    assert client.get(f"/export/kpis.csv?{YEAR}").status_code == 400  # kpis has more than 3 rows too
    monkeypatch.setattr(exports, "ROW_LIMIT", 200_000)
    assert client.get(f"/export/monthly.csv?{YEAR}").status_code == 200


def test_a_third_download_at_once_is_429_with_retry_after(app):
    """Two downloads of one account held open (their slots taken as the export route takes them): a third
    answers 429; another account is not held back; once one ends, the next is served."""
    client, other = signed_in_client(app, "manager"), signed_in_client(app, "planner")
    slots = app.server.extensions["stv-downloads"]
    with slots.slot("manager") as first, slots.slot("manager") as second:
        assert first and second
        refused = client.get(f"/export/kpis.csv?{YEAR}")
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "10"
        assert (
            refused.get_data(as_text=True)
            == "U hebt al 2 grote downloads lopen. Probeer het over 10 seconden opnieuw.\n"
        )
        assert other.get(f"/export/kpis.csv?{YEAR}").status_code == 200
    assert client.get(f"/export/kpis.csv?{YEAR}").status_code == 200


def test_the_download_slots_are_shared_through_redis(redis_url):
    """Two workers (two DownloadSlots on one Redis) count one account's downloads together."""
    one, two = exports.DownloadSlots(2, redis_url), exports.DownloadSlots(2, redis_url)
    with one.slot("anna") as first, two.slot("anna") as second:
        assert first and second
        with one.slot("anna") as third, two.slot("anna") as fourth:
            assert not third and not fourth
        with two.slot("bert") as other:
            assert other
    with two.slot("anna") as again:
        assert again


def test_the_slots_count_alone_when_redis_is_away():
    slots = exports.DownloadSlots(1, "redis://127.0.0.1:9/0")  # nothing listens on the discard port
    with slots.slot("anna") as first:
        assert first
        with slots.slot("anna") as second:
            assert not second


class _Endless(io.RawIOBase):
    """A chunked body that never ends, counting what was read of it."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"0" * len(buffer)
        self.read_bytes += len(buffer)
        return len(buffer)


def _streamed(client, path: str, body) -> object:
    """A POST whose body comes without Content-Length, as gunicorn hands on a chunked one."""
    return client.post(
        path,
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input": body, "wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
    )


def test_a_chunked_body_over_the_limit_is_413_having_read_a_bounded_amount(client):
    for path in ("/_dash-update-component", "/login", "/", "/export/kpis.csv"):
        endless = _Endless()
        response = _streamed(client, path, endless)
        assert response.status_code == 413, path
        # the limit + 1 kept, then at most DRAIN_BYTES read and dropped piece by piece, so the client gets its 413
        assert MAX_BODY_BYTES < endless.read_bytes <= MAX_BODY_BYTES + 1 + DRAIN_BYTES, (path, endless.read_bytes)
    english = _streamed(client, "/_dash-update-component?lang=en", _Endless()).get_json()
    assert english == {"error": "The request is too large: at most 1,048,576 bytes.", "status": 413}


def test_a_chunked_body_within_the_limit_reaches_the_callback(client, app):
    """The same callback request with and without Content-Length gets the same answer."""
    from tests.dash_requests import outputs_of, request_body, server_callbacks

    output = f"{ids.ALERTS}.children"
    key, spec = next((k, s) for k, s in server_callbacks(app) if output in outputs_of(s))
    values = {f"{ids.URL}.search": "?region=NOPE"}
    body = json.dumps(request_body(key, spec, values, list(values))).encode()
    framed = client.post("/_dash-update-component", data=body, content_type="application/json")
    chunked = _streamed(client, "/_dash-update-component", io.BytesIO(body))
    assert framed.status_code == chunked.status_code == 200
    assert chunked.get_data() == framed.get_data()
    assert "NOPE" in text_of(response_values(chunked)[output])


class _BrokenChunks(io.RawIOBase):
    """What gunicorn's reader does with broken chunking: an error of its own, no OSError."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise RuntimeError("Invalid chunk size: 'zz'")


def test_a_body_with_broken_chunking_is_400(client):
    response = _streamed(client, "/_dash-update-component", _BrokenChunks())
    assert response.status_code == 400
    assert response.get_json()["status"] == 400
