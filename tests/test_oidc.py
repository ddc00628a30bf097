"""Sign-in at an OpenID Connect provider (STV_AUTH=oidc, dashboard.oidc) against a real one: npm's oidc-provider,
started by tests/oidc.py. The dashboard runs in-process (Flask's test client); the provider's side of the browser
is `ProviderBrowser`; one Chromium test does the whole round in a browser."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from dashboard.auth import _login_signer
from dashboard.settings import SettingsError, load_settings
from tests.browser import CONTEXT_OPTIONS, _wrapped_page, expect, sign_out_with_the_menu
from tests.oidc import ProviderBrowser, path_of, running_provider
from tests.services import free_port
from tests.support import TEST_PASSWORD
from tests.test_access import OPENS, _mounted_class, exports_allowed

NOW_ISO = "2026-11-23T09:00:00Z"
YEAR = "from=2022-01-01&to=2022-12-31"
COMPLETE = {
    "STV_AUTH": "oidc",
    "STV_OIDC_ISSUER": "https://login.example.be/realms/stv",
    "STV_OIDC_CLIENT_ID": "stv-dashboard",
    "STV_OIDC_CLIENT_SECRET": "s3cret",
}
# The provider's accounts are called oidc-<role> (tests/oidc_provider/provider.mjs); the region's and the
# organisation's scope is kept by the dashboard, set as an administrator would.
ROLES = ("board", "planner", "manager", "region", "organisation", "admin")
HOMES = {"organisation": "/organisations/1", "admin": "/admin"}


# --- settings ---------------------------------------------------------------------------------------------------


def test_complete_oidc_settings_are_read():
    settings = load_settings(COMPLETE | {"STV_OIDC_ROLES_CLAIM": "realm_access.roles"}, dotenv=None)
    assert settings.auth == "oidc"
    assert settings.oidc.issuer == "https://login.example.be/realms/stv"
    assert settings.oidc.discovery_url == "https://login.example.be/realms/stv/.well-known/openid-configuration"
    assert (settings.oidc.client_id, settings.oidc.roles_claim) == ("stv-dashboard", "realm_access.roles")
    assert load_settings(COMPLETE, dotenv=None).oidc.roles_claim == "roles"
    assert load_settings({}, dotenv=None).oidc is None


@pytest.mark.parametrize("missing", ["STV_OIDC_ISSUER", "STV_OIDC_CLIENT_ID", "STV_OIDC_CLIENT_SECRET"])
def test_a_missing_oidc_setting_is_named(missing):
    with pytest.raises(SettingsError, match=missing):
        load_settings({k: v for k, v in COMPLETE.items() if k != missing}, dotenv=None)
    with pytest.raises(SettingsError, match=missing):
        load_settings(COMPLETE | {missing: "  "}, dotenv=None)


@pytest.mark.parametrize(
    "name, value",
    [
        ("STV_OIDC_ISSUER", "http://login.example.be"),  # plain http beyond loopback
        ("STV_OIDC_ISSUER", "login.example.be"),
        ("STV_OIDC_ISSUER", "https://login.example.be/?realm=stv"),
        ("STV_OIDC_ROLES_CLAIM", "realm_access..roles"),
        ("STV_OIDC_ROLES_CLAIM", "my roles"),
    ],
)
def test_a_bad_oidc_setting_is_named(name, value):
    with pytest.raises(SettingsError, match=name):
        load_settings(COMPLETE | {name: value}, dotenv=None)


def test_the_roles_claim_may_be_a_list_a_string_or_nested():
    from dashboard.oidc import claimed_roles

    assert claimed_roles({"roles": ["board", 3, "manager"]}, "roles") == ["board", "manager"]
    assert claimed_roles({"roles": "board planner,manager"}, "roles") == ["board", "planner", "manager"]
    assert claimed_roles({"realm_access": {"roles": ["region"]}}, "realm_access.roles") == ["region"]
    assert claimed_roles({"https://stv.example/roles": ["admin"]}, "https://stv.example/roles") == ["admin"]
    assert claimed_roles({"roles": {"board": True}}, "roles") == []
    assert claimed_roles({}, "realm_access.roles") == []


# --- the app, signed in at the provider -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases, oidc_provider):
    from tests.fixture_management import fill

    url = built_databases("sqlite", "management", fill)
    settings = {"auth": "oidc", "oidc": oidc_provider.settings()}
    return {"url": url, "aggregates": False, "forecast_background": False, "settings": settings}


@pytest.fixture
def state(app):
    """The state database, with the scope an administrator gave the region's and the organisation's accounts."""
    state = app.server.extensions["stv-state"]
    for name, roles, regions, organisation in (
        ("oidc-region", ["region"], ["ANT"], None),
        ("oidc-organisation", ["organisation"], [], 1),
    ):
        if state.find(name) is None:
            state.add_account(name, roles, regions, organisation)
    return state


@pytest.fixture
def browser_at_provider(oidc_provider):
    """A browser's cookies at the provider (its session there), new for each test."""
    browser = ProviderBrowser(oidc_provider)
    yield browser
    browser.http.close()


def start(client, query: str = "") -> str:
    """`/oidc/login`: the provider's authorization URL it redirects to."""
    response = client.get("/oidc/login" + (f"?{query}" if query else ""))
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"]


def provider_sign_in(client, browser: ProviderBrowser, username: str, query: str = ""):
    """The whole sign-in: to the provider, its form, and the dashboard's answer to the way back."""
    back = browser.sign_in(start(client, query), username)
    assert back.startswith("http://localhost/oidc/callback?"), back
    return client.get(path_of(back))


def test_the_authorization_request_uses_pkce_state_and_nonce(app, oidc_provider):
    url = start(app.server.test_client(), "lang=en")
    assert url.startswith(oidc_provider.issuer + "/auth?")
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["response_type"] == ["code"] and "openid" in query["scope"][0].split()
    assert query["state"][0] and query["nonce"][0] and query["ui_locales"] == ["en"]
    assert query["redirect_uri"] == ["http://localhost/oidc/callback"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lands_on_its_home_and_sees_what_the_role_matrix_says(app, state, browser_at_provider, role):
    client = app.server.test_client()
    response = provider_sign_in(client, browser_at_provider, f"oidc-{role}")
    assert response.status_code == 303 and response.headers["Location"] == HOMES.get(role, "/")
    assert client.get(response.headers["Location"]).status_code == 200
    from tests.test_access import PAGES

    opened = {path for path in PAGES if "not-found" not in _mounted_class(client, app, path)}
    assert opened == OPENS[role]
    for view in ("kpis", "open-requests", "shortage-forecast"):
        status = client.get(f"/export/{view}.csv?{YEAR}").status_code
        assert (status == 403) == (not exports_allowed(role, view)), (view, status)
    assert state.find(f"oidc-{role}").account.roles == (role,)
    assert not state.find(f"oidc-{role}").has_password


def test_several_roles_keep_the_known_ones(app, state, browser_at_provider):
    client = app.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "oidc-several").status_code == 303  # board, auditor, manager
    assert state.find("oidc-several").account.roles == ("board", "manager")
    assert client.get("/export/open-requests.csv?" + YEAR).status_code == 200  # the manager's view


def test_roles_only_in_userinfo_are_read_there(app, state, browser_at_provider):
    client = app.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "userinfo-planner").status_code == 303
    assert state.find("userinfo-planner").account.roles == ("planner",)


def test_a_nested_roles_claim(make_app, app_config, oidc_provider, browser_at_provider):
    nested = make_app(
        app_config["url"],
        aggregates=False,
        settings={"auth": "oidc", "oidc": oidc_provider.settings(roles_claim="realm_access.roles")},
    )
    client = nested.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "oidc-planner").headers["Location"] == "/"
    assert nested.server.extensions["stv-state"].find("oidc-planner").account.roles == ("planner",)


@pytest.mark.parametrize("username", ["oidc-unknown-role", "oidc-no-role"])
def test_a_token_without_a_known_role_gets_no_access(app, state, browser_at_provider, username):
    client = app.server.test_client()
    response = provider_sign_in(client, browser_at_provider, username, "lang=en")
    assert response.status_code == 403
    assert "Your account has no role in the dashboard" in response.get_data(as_text=True)
    assert client.get("/").status_code == 303
    assert client.get("/export/kpis.csv?" + YEAR).status_code == 401
    assert client.post("/_dash-update-component", json={}).status_code == 401
    assert state.find(username) is None
    failed = state.audit(username=username, action="sign-in-failed")
    assert failed and failed[0]["target"] == "/oidc/callback" and "no known role" in failed[0]["parameters"]


def test_a_region_role_without_regions_gets_no_access_until_they_are_set(app, state, browser_at_provider):
    state.remove_account("oidc-region")
    client = app.server.test_client()
    response = provider_sign_in(client, browser_at_provider, "oidc-region")
    assert response.status_code == 403
    assert "nog geen regio" in response.get_data(as_text=True)
    assert client.get("/").status_code == 303
    state.add_account("oidc-region", ["region"], ["LIM"])  # the administrator sets them
    assert provider_sign_in(client, browser_at_provider, "oidc-region").status_code == 303
    assert client.get("/export/kpis.csv?" + YEAR + "&region=ANT").status_code == 403
    assert client.get("/export/kpis.csv?" + YEAR + "&region=LIM").status_code == 200
    state.update_account("oidc-region", regions=["ANT"])


def test_an_organisation_role_without_an_organisation_gets_no_access(app, state, browser_at_provider):
    state.remove_account("oidc-organisation")
    response = provider_sign_in(app.server.test_client(), browser_at_provider, "oidc-organisation", "lang=en")
    assert response.status_code == 403 and "no organisation yet" in response.get_data(as_text=True)


def test_an_administrator_adds_a_provider_account_without_a_password(app, state, oidc_provider):
    from tests.test_admin import ALERT, _add, _alert, _walk

    admin = app.server.test_client()
    assert provider_sign_in(admin, ProviderBrowser(oidc_provider), "oidc-admin").headers["Location"] == "/admin"
    state.remove_account("oidc-organisation")
    answer = _add(admin, app, "oidc-organisation", "organisation", organisation=1)
    color, text = _alert(answer)
    assert color == "success" and "signs in at the identity provider" in text
    assert not [node for node in _walk(answer[ALERT]) if "admin-password" in node["props"].get("className", "")]
    assert not state.find("oidc-organisation").has_password
    organisation = app.server.test_client()
    landed = provider_sign_in(organisation, ProviderBrowser(oidc_provider), "oidc-organisation")
    assert landed.headers["Location"] == "/organisations/1"


def test_a_disabled_account_is_stopped_at_its_next_request(app, state, browser_at_provider):
    client = app.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "oidc-leaver").status_code == 303
    assert client.get("/").status_code == 200
    state.update_account("oidc-leaver", disabled=True)  # as /admin does
    assert client.get("/").status_code == 303
    assert client.get("/export/kpis.csv?" + YEAR).status_code == 401
    again = provider_sign_in(client, browser_at_provider, "oidc-leaver")  # the provider's session is still on
    assert again.status_code == 403 and "uitgeschakeld" in again.get_data(as_text=True)
    assert client.get("/").status_code == 303
    state.update_account("oidc-leaver", disabled=False)


def test_a_removed_account_is_stopped_at_its_next_request(app, state, browser_at_provider):
    client = app.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "oidc-leaver").status_code == 303
    assert state.remove_account("oidc-leaver")
    assert client.get("/").status_code == 303


def test_roles_follow_the_provider_and_the_scope_stays_the_administrators(app, state, browser_at_provider):
    state.update_account("oidc-region", roles=["board"], regions=["ANT"])  # changed here; the provider says region
    assert provider_sign_in(app.server.test_client(), browser_at_provider, "oidc-region").status_code == 303
    stored = state.find("oidc-region").account
    assert (stored.roles, stored.regions) == (("region",), ("ANT",))


# --- bad answers ------------------------------------------------------------------------------------------------


def _callback_of(app, browser, username="oidc-planner"):
    """A client that has started signing in, and the provider's way back (not yet followed)."""
    client = app.server.test_client()
    return client, browser.sign_in(start(client), username)


def _refused(response, status: int, text: str) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code == status, body
    assert text in body and "Traceback" not in body
    assert response.mimetype == "text/html"


def test_a_forged_or_missing_state_is_refused_clearly(app, state, browser_at_provider):
    client, back = _callback_of(app, browser_at_provider)
    query = parse_qs(urlsplit(back).query)
    forged = urlencode({"code": query["code"][0], "state": "forged", "iss": query["iss"][0]})
    _refused(client.get("/oidc/callback?" + forged), 400, "Deze aanmelding is verlopen")
    _refused(client.get("/oidc/callback?code=" + query["code"][0]), 400, "Deze aanmelding is verlopen")
    _refused(app.server.test_client().get(path_of(back)), 400, "Deze aanmelding is verlopen")  # another browser
    assert client.get("/").status_code == 303
    assert any("state" in row["parameters"] for row in state.audit(action="sign-in-failed"))


def test_an_error_from_the_provider_is_refused_clearly(app, state):
    client = app.server.test_client()
    url = start(client, "lang=en")
    state_value = parse_qs(urlsplit(url).query)["state"][0]
    answer = client.get("/oidc/callback?" + urlencode({"error": "access_denied", "state": state_value}))
    _refused(answer, 400, "Signing in at the identity provider did not succeed")
    assert any("access_denied" in row["parameters"] for row in state.audit(action="sign-in-failed"))


def test_a_replayed_code_is_refused(app, browser_at_provider):
    client, back = _callback_of(app, browser_at_provider)
    assert client.get(path_of(back)).status_code == 303
    _refused(client.get(path_of(back)), 400, "Deze aanmelding is verlopen")  # its state is used up
    # The same code with a state of a new sign-in: the provider refuses it (used, and not this verifier's).
    code = parse_qs(urlsplit(back).query)["code"][0]
    fresh = parse_qs(urlsplit(start(client)).query)["state"][0]
    _refused(client.get("/oidc/callback?" + urlencode({"code": code, "state": fresh})), 400, "niet gelukt")


def test_an_answer_naming_another_issuer_is_refused(app, browser_at_provider):
    client, back = _callback_of(app, browser_at_provider)
    query = {key: values[0] for key, values in parse_qs(urlsplit(back).query).items()}
    _refused(client.get("/oidc/callback?" + urlencode(query | {"iss": "https://evil.example"})), 400, "niet gelukt")


def test_the_app_starts_with_the_provider_down_and_signs_in_once_it_is_up(make_app, app_config, tmp_path):
    from dashboard.settings import OidcSettings
    from tests.oidc import CLIENT_ID, CLIENT_SECRET

    port = free_port()
    settings = OidcSettings(issuer=f"http://127.0.0.1:{port}", client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    later = make_app(app_config["url"], aggregates=False, settings={"auth": "oidc", "oidc": settings})
    client = later.server.test_client()
    assert client.get("/login").status_code == 200
    _refused(client.get("/oidc/login"), 503, "niet bereikbaar")
    with running_provider(tmp_path, port, "http://127.0.0.1:1") as provider:
        browser = ProviderBrowser(provider)
        back = browser.sign_in(start(client), "oidc-manager")
        assert client.get(path_of(back)).headers["Location"] == "/"
        stopped_at = path_of(browser.sign_in(start(client), "oidc-manager"))  # signed in there still
    _refused(client.get(stopped_at), 503, "niet bereikbaar")  # the code cannot be exchanged: the provider is gone


def test_a_discovery_document_of_another_issuer_is_refused(make_app, app_config, oidc_provider):
    wrong = oidc_provider.settings(issuer=oidc_provider.issuer.replace("127.0.0.1", "localhost"))
    other = make_app(app_config["url"], aggregates=False, settings={"auth": "oidc", "oidc": wrong})
    _refused(other.server.test_client().get("/oidc/login"), 503, "niet bereikbaar")


# --- signing out, the audit log, the policy ---------------------------------------------------------------------


def _sign_out(client):
    from tests.test_auth import _layout_csrf

    token = _layout_csrf(client.get("/_dash-layout").get_json())
    return client.post("/logout", data={"csrf_token": token}, headers={"Accept-Language": "en"})


def test_sign_out_ends_the_session_here_and_at_the_provider(app, state, browser_at_provider, oidc_provider):
    client = app.server.test_client()
    assert provider_sign_in(client, browser_at_provider, "oidc-manager").status_code == 303
    assert browser_at_provider.follow(start(app.server.test_client())), "the provider's session is on"
    answer = _sign_out(client)
    assert answer.status_code == 303
    end_session = answer.headers["Location"]
    assert end_session.startswith(oidc_provider.issuer + "/session/end?")
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == ["http://localhost/login?signed_out=1&lang=en"]
    assert query["id_token_hint"][0].count(".") == 2
    assert client.get("/").status_code == 303  # ended here at once
    back = browser_at_provider.confirm_sign_out(end_session)
    assert back.startswith("http://localhost/login?signed_out=1&lang=en")
    assert "You are signed out." in client.get(path_of(back)).get_data(as_text=True)
    assert not browser_at_provider.follow(start(client)), "signed out at the provider: its form again"
    assert 'action="/interaction/' in browser_at_provider.last_page
    assert state.audit(username="oidc-manager", action="sign-out")


def test_the_audit_log_says_oidc(app, state, browser_at_provider):
    assert provider_sign_in(app.server.test_client(), browser_at_provider, "oidc-planner").status_code == 303
    rows = state.audit(username="oidc-planner", action="sign-in")
    assert rows and (rows[0]["target"], rows[0]["parameters"]) == ("/oidc/callback", "oidc")
    everything = str(state.audit(limit=None))
    assert "PROVIDER_PASSWORD" not in everything and "a provider test password" not in everything


def test_the_policy_lets_the_sign_out_form_go_on_to_the_provider_only(app, oidc_provider):
    policy = app.server.test_client().get("/login").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["form-action"] == f"'self' {oidc_provider.issuer}"
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"


def test_the_sign_in_form_of_local_accounts_is_not_offered(app):
    page = app.server.test_client().get("/login?next=/shortages").get_data(as_text=True)
    assert 'href="/oidc/login?lang=nl&amp;next=%2Fshortages"' in page and 'name="password"' not in page
    client = app.server.test_client()
    client.get("/login")
    nonce = client.get_cookie("stv_login_csrf", path="/login").value
    with app.server.app_context():
        token = _login_signer().sign(nonce).decode()  # the form's token, though no form shows it
    answer = client.post("/login", data={"username": "manager", "password": TEST_PASSWORD, "csrf_token": token})
    assert answer.status_code == 404 and client.get("/").status_code == 303


# --- in Chromium ------------------------------------------------------------------------------------------------


@pytest.mark.e2e
def test_sign_in_and_sign_out_at_the_provider_in_chromium(browser, oidc_dashboard_server):
    context = browser.new_context(**CONTEXT_OPTIONS)
    try:
        wrapped = _wrapped_page(context, oidc_dashboard_server)
        page = wrapped.open("/no-shows")
        expect()(page).to_have_url(oidc_dashboard_server.url("/login?next=%2Fno-shows"))
        page.click("text=Aanmelden bij uw organisatie")
        page.fill("#username", "oidc-manager")
        page.fill("#password", "a provider test password, never a real one")
        page.click("button[type=submit]")
        expect()(page).to_have_url(oidc_dashboard_server.url("/no-shows"))
        expect()(page.locator("#shell-signed-in")).to_have_text("oidc-manager")
        sign_out_with_the_menu(page)
        page.click("text=Yes, sign me out")  # the provider's page
        expect()(page.locator("[role=status]")).to_have_text("U bent afgemeld.")
        page.goto(oidc_dashboard_server.url("/"))
        page.click("text=Aanmelden bij uw organisatie")
        expect()(page.locator("#username")).to_be_visible()  # signed out at the provider too: its form again
        wrapped.assert_no_errors()
    finally:
        context.close()
