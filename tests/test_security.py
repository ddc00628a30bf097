"""Secure by default (dashboard/security.py): the headers on every kind of answer, HSTS on https only and behind a
trusted proxy only when configured, `/healthz`, STV_TRUSTED_PROXIES, dev tools off and no versions in the page."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from dashboard import ids, security
from dashboard.serve import gunicorn_command
from dashboard.settings import Settings, SettingsError, load_settings, parse_trusted_proxies
from tests.dash_requests import post, response_values
from tests.support import signed_in_client

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
YEAR = "from=2022-01-01&to=2022-12-31"
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
FIXED = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW, "aggregates": False, "forecast_background": False}


def policy_of(response) -> dict[str, list[str]]:
    """The Content-Security-Policy of a response, directive -> sources."""
    text = response.headers["Content-Security-Policy"]
    directives = [part.split() for part in text.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


def assert_secure_headers(response, app) -> None:
    """The fixed headers, and a policy that runs Dash's inline scripts by hash and allows no eval."""
    for name, value in FIXED.items():
        assert response.headers.get(name) == value, (name, response.headers.get(name))
    policy = policy_of(response)
    scripts = policy.pop("script-src")
    assert policy == EXPECTED_POLICY
    assert scripts[0] == "'self'" and set(scripts[1:]) == set(app.csp_hashes()) and scripts[1:]
    assert "'unsafe-eval'" not in scripts and "'unsafe-inline'" not in scripts
    assert "Strict-Transport-Security" not in response.headers  # plain http
    assert not re.search(r"\d", response.headers.get("Server", "")), response.headers.get("Server")


def get(client, path: str, **options):
    """A GET answered in full and closed (a file answer keeps its file open until then)."""
    response = client.get(path, **options)
    response.get_data()
    response.close()
    return response


def _callback_mount(client, app, path: str):
    return post(client, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": ""})


def test_a_page_an_asset_and_the_scripts_carry_the_headers(client, app):
    page = client.get("/")
    assert page.status_code == 200
    assert_secure_headers(page, app)
    asset = get(client, "/assets/app.css")
    assert asset.status_code == 200 and asset.mimetype == "text/css"
    assert_secure_headers(asset, app)
    bundle_path = re.search(r'src="(/_dash-component-suites/[^"]+)"', page.get_data(as_text=True)).group(1)
    bundle = get(client, bundle_path)
    assert bundle.status_code == 200
    assert_secure_headers(bundle, app)


def test_the_inline_scripts_of_the_page_are_the_hashed_ones(client, app):
    """Every inline script the page runs has its hash in the policy (the config is JSON data, never run)."""
    import base64
    import hashlib

    html = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)  # IE's, a comment elsewhere
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, flags=re.S)
    run = [body for attributes, body in inline if "application/json" not in attributes]
    assert run, "Dash starts its renderer with an inline script"
    allowed = set(policy_of(client.get("/"))["script-src"])
    for body in run:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:80]


def test_exports_and_reports_carry_the_headers(client, app):
    export = client.get(f"/export/kpis.csv?{YEAR}")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    assert_secure_headers(export, app)
    bad = client.get("/export/kpis.csv?from=yesterday")
    assert bad.status_code == 400
    assert_secure_headers(bad, app)
    workbook = client.get("/report.xlsx?period=2022")
    assert workbook.status_code == 200
    assert_secure_headers(workbook, app)


def test_a_callback_carries_the_headers(client, app):
    response = _callback_mount(client, app, "/")
    assert response.status_code == 200
    assert response_values(response)[f"{ids.PAGE}.children"]
    assert_secure_headers(response, app)


def test_not_found_and_errors_carry_the_headers_and_no_traceback(client, app):
    missing = get(client, "/assets/no-such-file.css")
    assert missing.status_code == 404
    assert_secure_headers(missing, app)
    unknown_export = client.get("/export/nothing.csv")
    assert unknown_export.status_code == 404
    assert_secure_headers(unknown_export, app)
    # A callback that does not exist: Dash raises, the app answers 400 (dashboard.security.error_pages).
    error = client.post("/_dash-update-component", json={"output": "nothing.children", "inputs": [], "state": []})
    assert error.status_code == 400
    assert_secure_headers(error, app)
    body = error.get_data(as_text=True)
    assert "Traceback" not in body and 'File "' not in body and "KeyError" not in body
    broken_bundle = get(client, "/_dash-component-suites/no-such-package/x.js")
    assert broken_bundle.status_code == 404
    assert_secure_headers(broken_bundle, app)
    assert "Traceback" not in broken_bundle.get_data(as_text=True)


def test_hsts_on_https_only(client):
    assert client.get("/healthz", base_url="https://dashboard.example").headers["Strict-Transport-Security"] == (
        "max-age=31536000"
    )
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    # Without trusted proxies, a client's own X-Forwarded-Proto counts for nothing.
    spoofed = client.get("/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert "Strict-Transport-Security" not in spoofed.headers


def test_a_view_may_set_its_own_policy(app):
    """The headers are defaults: a response that names its own (a future sign-in page, say) keeps it."""
    from flask import Response

    with app.server.test_request_context("/"):
        response = Response("x", headers={"Content-Security-Policy": "default-src 'none'"})
        response = app.server.process_response(response)
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_set_up_may_allow_a_source(make_app, fixture_sqlite):
    app = make_app(fixture_sqlite, aggregates=False, forecast_background=False)
    try:
        security.allow(app.server, "form-action", "https://login.example")
        security.allow(app.server, "form-action", "https://login.example", "'self'")
        policy = policy_of(get(app.server.test_client(), "/healthz"))
        assert policy["form-action"] == ["'self'", "https://login.example"]
        assert policy["script-src"][0] == "'self'" and len(policy["script-src"]) > 1
    finally:
        app.server.extensions["stv"].data.database.dispose()
    assert "https://login.example" not in security.STATIC_POLICY["form-action"]  # one app's, not every app's


@pytest.fixture
def proxied_app(fixture_sqlite, tmp_path):
    """The dashboard behind one trusted reverse proxy (STV_TRUSTED_PROXIES=1)."""
    from dashboard import create_app

    settings = Settings(
        database_url=fixture_sqlite,
        cache_url="simple://",
        now=NOW,
        cache_dir=tmp_path / "cache",
        store_dir=tmp_path / "store",
        state_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
        trusted_proxies=1,
    )
    app = create_app({"settings": settings, "aggregates": False, "forecast_background": False})
    yield app
    app.server.extensions["stv"].data.database.dispose()


def test_hsts_behind_a_trusted_proxy_only_when_it_says_https(proxied_app):
    client = proxied_app.server.test_client()
    behind = client.get("/healthz", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert behind.status_code == 200
    assert behind.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get("/healthz", headers={"X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.9"})
    assert "Strict-Transport-Security" not in plain.headers
    # Two hops claimed, one trusted: the proxy's own (last) value decides.
    chained = client.get(
        "/healthz", headers={"X-Forwarded-Proto": "https, http", "X-Forwarded-For": "1.2.3.4, 5.6.7.8"}
    )
    assert "Strict-Transport-Security" not in chained.headers


def test_the_trusted_proxy_gives_the_client_address(proxied_app):
    server = proxied_app.server
    seen = {}

    @server.before_request
    def remember():  # registered before the first request of this fresh app
        from flask import request

        seen["remote"] = request.remote_addr

    server.test_client().get(
        "/healthz", headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert seen["remote"] == "203.0.113.9"


def test_healthz_answers_without_a_session_and_says_nothing_else(app):
    client = app.server.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "store": "off",
        "replica": "off",
    }  # no data
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert client.post("/healthz").status_code == 405


def test_healthz_is_public_for_sign_in():
    assert security.HEALTH_PATH == "/healthz" and security.HEALTH_PATH in security.PUBLIC_PATHS


def test_healthz_answers_503_when_the_database_cannot_be_read(make_app, tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'missing.sqlite'}", aggregates=False, forecast_background=False)
    try:
        response = app.server.test_client().get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {
            "status": "unavailable",
            "database": "unreachable",
            "cache": "ok",
            "store": "off",
            "replica": "off",
        }
        assert response.headers["Retry-After"] == "10"
        assert response.headers["Cache-Control"] == "no-store"
        assert_secure_headers(response, app)
    finally:
        app.server.extensions["stv"].data.database.dispose()
    assert not (tmp_path / "missing.sqlite").exists(), "the probe must not create the database"


def test_the_page_config_names_no_versions(client):
    import sys

    import dash
    import plotly

    html = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html).group(1))
    assert not set(security.VERSION_KEYS) & set(config)
    assert config["ui"] is False and config["props_check"] is False and "hot_reload" not in config
    assert sys.version not in html and f'"{plotly.__version__}"' not in html
    favicon = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', html).group(1)
    assert dash.__version__ not in favicon


def test_dev_tools_stay_off_whatever_dash_variables_say(make_app, fixture_sqlite, monkeypatch):
    for name in ("DASH_DEBUG", "DASH_UI", "DASH_HOT_RELOAD", "DASH_PROPS_CHECK", "DASH_SERVE_DEV_BUNDLES"):
        monkeypatch.setenv(name, "true")
    monkeypatch.setenv("DASH_PRUNE_ERRORS", "false")
    app = make_app(fixture_sqlite, aggregates=False, forecast_background=False)
    try:
        tools = app._dev_tools
        assert not (tools.ui or tools.hot_reload or tools.props_check or tools.serve_dev_bundles)
        assert app.server.debug is False
        html = signed_in_client(app).get("/").get_data(as_text=True)
        assert '"ui":false' in html and '"hot_reload"' not in html and ".dev.js" not in html
    finally:
        app.server.extensions["stv"].data.database.dispose()


# --- STV_TRUSTED_PROXIES and gunicorn ---------------------------------------------------------------------------


def test_trusted_proxies_setting():
    assert load_settings({}, dotenv=None).trusted_proxies == 0
    assert load_settings({"STV_TRUSTED_PROXIES": "2"}, dotenv=None).trusted_proxies == 2
    assert parse_trusted_proxies(" 1 ") == 1
    assert parse_trusted_proxies("") == 0 and parse_trusted_proxies(None) == 0


@pytest.mark.parametrize("value", ["-1", "yes", "1.5", "11", "127.0.0.1"])
def test_bad_trusted_proxies_are_named(value):
    with pytest.raises(SettingsError, match="STV_TRUSTED_PROXIES"):
        load_settings({"STV_TRUSTED_PROXIES": value}, dotenv=None)


def test_gunicorn_trusts_forwarded_headers_only_when_configured():
    def allowed(command: list[str]) -> str:
        return command[command.index("--forwarded-allow-ips") + 1]

    assert allowed(gunicorn_command("127.0.0.1", 8050, 1)) == ""
    assert allowed(gunicorn_command("127.0.0.1", 8050, 1, trusted_proxies=0)) == ""
    assert allowed(gunicorn_command("127.0.0.1", 8050, 2, trusted_proxies=1)) == "*"
