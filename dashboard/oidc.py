"""Sign-in at the organisation's OpenID Connect provider (`STV_AUTH=oidc`, CONTRACT.md §5 and §7).

The flow: `/login` shows a button to `/oidc/login`, which redirects to the provider's authorization endpoint
(authorization code, PKCE S256, a state and a nonce: Authlib's Flask client keeps them with the code verifier in
the server-side session); the provider sends the browser back to `/oidc/callback`, which checks the state (and the
answer's `iss`, RFC 9207, when the provider sends it), exchanges the code with the client secret, and validates the
ID token: its signature against the provider's JWKS (fetched again for a key id it does not know), issuer,
audience (our client id), expiry and nonce. Who someone is: `preferred_username`, else `sub`.

Accounts: the provider says who someone is and which roles they hold; the state database says the rest.
- Roles come from the claim STV_OIDC_ROLES_CLAIM (default `roles`; a dotted path such as `realm_access.roles` reads
  a nested claim; a list, or a space- or comma-separated string), read from the ID token, or from the userinfo
  endpoint when the ID token does not carry that claim. Only the roles dashboard.access knows count; the rest are
  dropped.
- Every sign-in creates or updates the account row of that name in the state database: no password, the roles
  from the claim; its regions and organisation stay what an administrator set in /admin (or with
  `stv-dashboard user add NAME --role region --region ANT`). So administrators see provider accounts in /admin and
  can disable them; and since every request reads its account again from the state database (dashboard.auth
  `_current`), disabling or removing an account ends its session at its next request. A removed account comes back
  at its next sign-in at the provider: disabling is what keeps someone out.
- No session, but a page that says why (403, in the interface language, audited as `sign-in-failed`): no known
  role; a `region` role while the account has no regions, or `organisation` without an organisation (such a role is
  dropped when the account holds another usable one); a disabled account.

The provider down: nothing is fetched at start-up. Discovery is loaded at the first sign-in and, until it has
succeeded once, again at each next one; a provider that cannot be reached answers 503 with a clear page.

Sign-out: `/logout` (dashboard.auth) ends the session here, then redirects to the provider's
`end_session_endpoint` with `id_token_hint` and `post_logout_redirect_uri` = `/login?signed_out=1&lang=nl` (or
`en`): both must be registered at the provider. That redirect answers the sign-out form's POST, and browsers hold
a form's redirects to `form-action`: so the provider's origin is added there (dashboard.security.allow). The
sign-in needs nothing of the policy: it is a link and redirects; the provider's own form posts to the provider.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import flask
import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, Response, redirect, render_template_string, request, session
from joserfc.errors import JoseError

from dashboard import audit, security
from dashboard.access import ROLES, Account
from dashboard.auth import _home, _lang, _safe_next, sign_in_page
from dashboard.i18n import t
from dashboard.settings import OidcSettings, Settings
from dashboard.state import AccountError, StateDatabase

LOGIN_PATH = "/oidc/login"
CALLBACK_PATH = "/oidc/callback"
SCOPE = "openid profile"
TIMEOUT_SECONDS = 10  # for each request to the provider
NAME_CLAIMS = ("preferred_username", "sub")


class SignInRefused(Exception):
    """A sign-in that ends without a session: the text key shown, the HTTP status, and what the audit log says."""

    def __init__(self, key: str, status: int, reason: str, username: str | None = None):
        super().__init__(reason)
        self.key, self.status, self.reason, self.username = key, status, reason, username


def init_app(server: Flask, settings: Settings, state: StateDatabase) -> OidcSignIn:
    """The routes, the Authlib client and the provider's origin in `form-action` (after dashboard.security)."""
    sign_in = OidcSignIn(server, settings.oidc, state)
    server.register_blueprint(sign_in.blueprint())
    server.extensions["stv-oidc"] = sign_in
    security.allow(server, "form-action", _origin(settings.oidc.issuer))
    return sign_in


class OidcSignIn:
    """The dashboard as a client of one OpenID provider."""

    def __init__(self, server: Flask, settings: OidcSettings, state: StateDatabase):
        self.settings = settings
        self.state = state
        self.server = server
        self.client = OAuth(server).register(
            "provider",
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            server_metadata_url=settings.discovery_url,
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "default_timeout": TIMEOUT_SECONDS},
        )

    def blueprint(self) -> flask.Blueprint:
        blueprint = flask.Blueprint("oidc", __name__)
        blueprint.add_url_rule(LOGIN_PATH, "login", self.login, methods=["GET"])
        blueprint.add_url_rule(CALLBACK_PATH, "callback", self.callback, methods=["GET"])
        return blueprint

    # --- the provider's metadata --------------------------------------------------------------------------------

    def metadata(self) -> dict:
        """The provider's discovery document (loaded once; until then at every call), checked to be the issuer's."""
        metadata = self.client.load_server_metadata()
        if metadata.get("issuer") != self.settings.issuer:
            self.client.server_metadata.pop("_loaded_at", None)  # look again next time
            self.server.logger.error(
                "OpenID provider: the discovery document's issuer %r is not STV_OIDC_ISSUER", metadata.get("issuer")
            )
            raise SignInRefused("login-provider-unreachable", 503, "oidc: discovery names another issuer")
        end_session = metadata.get("end_session_endpoint")
        if end_session:
            security.allow(self.server, "form-action", _origin(end_session))
        return metadata

    # --- signing in ---------------------------------------------------------------------------------------------

    def login(self) -> Response:
        """Off to the provider, with a new state, nonce and code verifier kept in the session."""
        lang = _lang()
        redirect_uri = request.host_url.rstrip("/") + CALLBACK_PATH
        try:
            self._reachable(self.metadata)
            found = self.client.create_authorization_url(redirect_uri, ui_locales=lang)
        except SignInRefused as refused:
            return self._refused(refused, lang)
        self.client.save_authorize_data(
            redirect_uri=redirect_uri, next=_safe_next(request.args.get("next")), lang=lang, **found
        )
        return redirect(found["url"], 303)

    def callback(self) -> Response:
        """The provider's answer: a session for the account, or a page that says why not."""
        flow = self.client.framework.get_state_data(session, request.args.get("state") or "-") or {}
        lang = flow.get("lang") or _lang()
        try:
            claims, id_token = self._verified_claims(flow)
            account = self._account(_username(claims), claimed_roles(claims, self.settings.roles_claim))
        except SignInRefused as refused:
            if refused.username:  # someone the provider vouched for, refused here: no earlier session goes on
                session.pop("user", None)
            return self._refused(refused, lang)
        flask.current_app.extensions["stv-auth"].start_session(account, target=CALLBACK_PATH, parameters="oidc")
        session["id_token"] = id_token
        return redirect(flow.get("next") or _home(account, lang), 303)

    def _verified_claims(self, flow: dict) -> tuple[dict, str]:
        """The claims of the validated ID token (and of userinfo when the roles are there), and the ID token."""
        error = request.args.get("error")
        if error:
            raise SignInRefused("login-provider-failed", 400, f"oidc: the provider answered {error[:100]}")
        if not flow:
            raise SignInRefused("login-state-mismatch", 400, "oidc: unknown or used state")
        if request.args.get("iss", self.settings.issuer) != self.settings.issuer:
            raise SignInRefused("login-provider-failed", 400, "oidc: the answer names another issuer")
        token = self._reachable(lambda: self.client.authorize_access_token(claims_options=self._claims_options()))
        claims = dict(token.get("userinfo") or {})
        if not claims or "id_token" not in token:
            raise SignInRefused("login-provider-failed", 400, "oidc: the provider sent no ID token")
        if _claim(claims, self.settings.roles_claim) is None and self.metadata().get("userinfo_endpoint"):
            claims |= self._userinfo(token, claims["sub"])
        return claims, token["id_token"]

    def _claims_options(self) -> dict:
        return {
            "iss": {"essential": True, "value": self.settings.issuer},
            "aud": {"essential": True, "value": self.settings.client_id},
        }

    def _userinfo(self, token: dict, subject: str) -> dict:
        answer = dict(self._reachable(lambda: self.client.userinfo(token=token)))
        if answer.get("sub") != subject:
            raise SignInRefused("login-provider-failed", 400, "oidc: userinfo is about someone else")
        return {key: value for key, value in answer.items() if key not in ("sub", "iss", "aud")}

    def _reachable(self, call):
        """`call()`, with the provider unreachable or refusing turned into a refused sign-in."""
        try:
            return call()
        except requests.RequestException as error:
            self.server.logger.warning("OpenID provider cannot be reached: %s", type(error).__name__)
            raise SignInRefused("login-provider-unreachable", 503, "oidc: the provider cannot be reached") from error
        except OAuthError as error:
            raise SignInRefused("login-provider-failed", 400, f"oidc: {error.error}"[:200]) from error
        except JoseError as error:
            raise SignInRefused("login-provider-failed", 400, f"oidc: ID token refused ({error.error})") from error

    def _account(self, username: str, roles: list[str]) -> Account:
        """The account row of `username`, made or brought up to date with the provider's roles; see the module."""
        known = [role for role in ROLES if role in roles]
        if not known:
            raise SignInRefused("login-no-role", 403, f"oidc: no known role ({','.join(roles)[:200]})", username)
        stored = self.state.find(username)
        if stored is not None and stored.disabled:
            raise SignInRefused("login-disabled", 403, "oidc: account disabled", username)
        current = stored.account if stored is not None else Account(username, ())
        usable = [role for role in known if _has_scope(role, current)]
        if not usable:
            key = "login-no-region" if "region" in known else "login-no-organisation"
            raise SignInRefused(key, 403, f"oidc: {known[0]} role without its scope", username)
        if stored is None:
            try:
                self.state.add_account(username, usable)
            except AccountError:
                pass  # the same person signing in twice at once: the other request made it
        elif list(current.roles) != usable:
            self.state.update_account(username, roles=usable)
        account = self.state.enabled_account(username)
        if account is None:
            raise SignInRefused("login-disabled", 403, "oidc: account disabled", username)
        return account

    def _refused(self, refused: SignInRefused, lang: str) -> Response:
        audit.record("sign-in-failed", request.path, refused.reason, refused.username)
        page = render_template_string(
            REFUSED_PAGE,
            lang=lang,
            t=lambda key: t(key, lang),
            message=t(refused.key, lang),
            again="/login?" + urlencode({"lang": lang}),
        )
        return Response(page, status=refused.status, mimetype="text/html")

    # --- signing out (called by dashboard.auth's /logout, after the session ended here) -------------------------

    def end_session_url(self, id_token: str) -> str:
        """The provider's end-session URL that comes back to `/login?signed_out=1`; that page itself when the
        provider has no end-session endpoint or cannot be reached."""
        back = "/login?" + urlencode({"signed_out": "1", "lang": _lang()})
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except (requests.RequestException, SignInRefused):
            endpoint = None
        if not endpoint:
            return back
        url = request.host_url.rstrip("/") + back
        return self.client.create_logout_url(post_logout_redirect_uri=url, id_token_hint=id_token)["url"]


def claimed_roles(claims: dict, path: str) -> list[str]:
    """The roles in the claim at `path`: a list of strings, or one string of names separated by spaces or commas."""
    value = _claim(claims, path)
    if isinstance(value, str):
        return [role for role in re.split(r"[\s,]+", value) if role]
    if isinstance(value, list):
        return [role for role in value if isinstance(role, str)]
    return []


def _claim(claims: dict, path: str):
    """The claim named `path` (a name with dots, like a URL, as it stands), else the nested one it is a path to."""
    if path in claims:
        return claims[path]
    value = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _username(claims: dict) -> str:
    name = next((claims[claim] for claim in NAME_CLAIMS if isinstance(claims.get(claim), str) and claims[claim]), "")
    if not name or len(name) > 200 or any(c.isspace() for c in name):
        raise SignInRefused("login-provider-failed", 400, "oidc: no usable user name (preferred_username or sub)")
    return name


def _has_scope(role: str, account: Account) -> bool:
    """Whether the account's row gives `role` what it needs: regions for `region`, an organisation for
    `organisation`."""
    if role == "region":
        return bool(account.regions)
    if role == "organisation":
        return account.organisation_id is not None
    return True


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


REFUSED_PAGE = sign_in_page(
    """  <div class="alert alert-danger" role="alert" id="login-error">{{ message }}</div>
  <a class="btn btn-primary w-100" href="{{ again }}">{{ t('login-again') }}</a>
"""
)
