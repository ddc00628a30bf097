"""Sign-in and sessions (CONTRACT.md §7): nothing but `/login`, `/healthz` and the assets without a signed-in account.

- Sessions are kept on the server, in the state database (Flask-Session over `StateSessions`); the cookie holds a
  random id only, HttpOnly, SameSite=Lax, Secure when the request came over https. The state database, not the
  cache: every request reads the account from it already (so it is shared by every worker and host, and a request
  cannot be served without it anyway), while Redis is a cache the app must do without when it is away (issue 17:
  a Redis outage signed everyone out and stopped sign-in). A session costs a primary-key read and write per
  request; expired rows go when a new session is stored. A session ends after `idle_minutes` without a
  request and `session_hours` after signing in, whichever comes first.
- `STV_AUTH=local`: a form (`GET/POST /login`) with a CSRF token, Argon2 hashes in the state database, the same
  answer for an unknown name and a wrong password, and failed attempts throttled per name and per address.
- `STV_AUTH=oidc`: dashboard.oidc signs in at the organisation's provider and calls `start_session` here.
- Without a session a page redirects to `/login?next=…`; the callback endpoint, an export or a report answers 401.
  `Authorization: Bearer <token>` (dashboard.state API tokens) is taken on exports and report downloads only.
- Every request's account is read again from the state database, so a disabled account stops at once.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from collections.abc import Callable
from urllib.parse import urlencode

import flask
from cachelib import BaseCache
from flask import Flask, Response, redirect, render_template_string, request, session
from flask.sessions import SessionInterface
from flask_session import Session
from itsdangerous import BadSignature, TimestampSigner
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.exc import SQLAlchemyError

from dashboard import accessibility, audit, security, subscriptions
from dashboard.access import Account, home_path, may_update
from dashboard.cache import REDIS_TIMEOUTS, JsonSerializer
from dashboard.filters import UI_LANGUAGES
from dashboard.i18n import t
from dashboard.payloads import internal_path
from dashboard.settings import Settings
from dashboard.state import SESSION_WRITE_SLACK, StateDatabase

PUBLIC_PATHS = frozenset(
    {
        "/login",
        "/oidc/login",
        "/oidc/callback",
        "/_favicon.ico",
        *security.PUBLIC_PATHS,
        *accessibility.PUBLIC_PATHS,
        *subscriptions.PUBLIC_PATHS,
    }
)
PUBLIC_PREFIXES = ("/assets/",)
TOKEN_PREFIXES = ("/export/", "/report.pdf", "/report.xlsx")  # where a script may use a Bearer token
API_PREFIXES = ("/_dash-", "/_reload-hash", "/export/", "/report.", "/admin/audit.csv")  # 401, not redirected
# Failed sign-ins, counted three ways: guessing one name from one address stops after 5; from many addresses
# after 50 (a wide attack locks the name out, a stranger's five wrong tries from elsewhere do not); one address
# trying many names after 30.
FAILED_PER_NAME_AND_ADDRESS = parse("5 per 15 minutes")
FAILED_PER_NAME = parse("50 per 15 minutes")
FAILED_PER_ADDRESS = parse("30 per 15 minutes")
THROTTLE_MINUTES = 15
LOGIN_CSRF_COOKIE = "stv_login_csrf"
LOGIN_CSRF_SECONDS = 2 * 3600  # a sign-in form left open longer asks again
LOGIN_NONCE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
STORE_ERRORS = (SQLAlchemyError, OSError)


class Auth:
    """The sign-in of one app: sessions, the guard in front of every request, `/login` and `/logout`."""

    def __init__(self, server: Flask, state: StateDatabase, settings: Settings, clock: Callable[[], float]):
        self.state = state
        self.settings = settings
        self.clock = clock
        url, options = _throttle_storage(settings)
        self.limiter = MovingWindowRateLimiter(storage_from_string(url, **options))
        self.fallback = MovingWindowRateLimiter(storage_from_string("memory://"))  # this worker's, Redis away
        server.secret_key = settings.secret_key or state.secret_key()
        server.config.update(_session_config(settings, state))
        Session(server)
        # Secure cookies whenever the request itself is https (directly or through a trusted proxy).
        server.session_interface.get_cookie_secure = lambda app: request.is_secure
        server.session_interface = ServerSessions(server.session_interface)
        server.before_request(self.guard)
        server.after_request(audit.record_refusal)
        server.register_blueprint(self._blueprint())
        server.extensions["stv-state"] = state
        server.extensions["stv-auth"] = self

    # --- the guard ----------------------------------------------------------------------------------------------

    def guard(self) -> Response | None:
        """Let public paths through; find the request's account (session, or token where allowed); else answer
        401 for the endpoints of scripts and the browser's requests, or redirect a page to the sign-in."""
        path = request.path
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        account = self._session_account() or self._token_account(path)
        if account is None:
            if path.startswith(API_PREFIXES):
                return _text(t("unauthorised", _lang()), 401)
            expired = session.pop("expired", False)
            query = {"next": request.full_path.rstrip("?")} | ({"expired": "1"} if expired else {})
            return redirect("/login?" + urlencode(query), 303)
        flask.g.account = account
        if request.method == "POST" and request.headers.get("Sec-Fetch-Site") == "cross-site":
            return _text(t("forbidden", _lang()), 403)  # SameSite=Lax stops this already; said once more
        if path == "/_dash-update-component" and not may_update(account, request.get_json(silent=True)):
            return _text(t("forbidden", _lang()), 403)  # a page's callback the account may not open
        return None

    def _session_account(self) -> Account | None:
        username = session.get("user")
        if not username:
            return None
        now = self.clock()
        idle = now - session.get("seen_at", 0) > self.settings.idle_minutes * 60
        too_old = now - session.get("signed_in_at", 0) > self.settings.session_hours * 3600
        account = None if idle or too_old else self._current(username)
        if account is None:
            session.clear()
            session["expired"] = idle or too_old
            return None
        if now - session.get("seen_at", 0) >= SESSION_WRITE_SLACK.total_seconds():
            session["seen_at"] = now  # to the minute: an unchanged session is not written again (StateDatabase)
        return account

    def _current(self, username: str) -> Account | None:
        """The account as it is now in the state database (dashboard.oidc keeps a row for every provider account
        too), so that disabling or removing it ends its session at once."""
        return self.state.enabled_account(username)

    def _token_account(self, path: str) -> Account | None:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer ") or not path.startswith(TOKEN_PREFIXES):
            return None
        account = self.state.token_account(header.removeprefix("Bearer ").strip())
        if account is not None:
            audit.record("token-use", path, request.query_string.decode("utf-8", "replace"), account.username)
        return account

    # --- signing in and out -------------------------------------------------------------------------------------

    def start_session(self, account: Account, target: str = "/login", parameters: str = "") -> None:
        """A new session (a new id: never the one from before signing in) for `account`; `target` and
        `parameters` are the audit row's (dashboard.oidc: its callback, "oidc")."""
        session["regenerating"] = True  # Flask-Session regenerates only a session that holds something
        flask.current_app.session_interface.regenerate(session)
        session.clear()
        now = self.clock()
        session.update(user=account.username, signed_in_at=now, seen_at=now, csrf=secrets.token_urlsafe(32))
        audit.record("sign-in", target, parameters, account.username)

    def _blueprint(self) -> flask.Blueprint:
        blueprint = flask.Blueprint("auth", __name__)
        blueprint.add_url_rule("/login", "login", self.login, methods=["GET", "POST"])
        blueprint.add_url_rule("/logout", "logout", self.logout, methods=["POST"])
        return blueprint

    def login(self) -> Response:
        lang = _lang()
        next_path = _safe_next(request.values.get("next"))
        if request.method == "GET":
            account = self._session_account()
            if account is not None:
                return redirect(next_path or _home(account, lang), 303)
            notice = "login-expired" if request.args.get("expired") else None
            notice = "login-signed-out" if request.args.get("signed_out") else notice
            return self._form(lang, next_path, notice=notice)
        if not _login_csrf_ok(request.form.get("csrf_token")):
            return self._form(lang, next_path, error="login-form-expired", status=400)
        if self.settings.auth != "local":
            return self._form(lang, next_path, status=404)
        username = request.form.get("username", "").strip()[:200]
        attempts = self._attempts(username)
        # Every attempt is counted before the password is checked (an atomic hit: attempts sent at the same time
        # cannot all slip under the limit); a successful one clears the counts again.
        if not all([self._throttle("hit", limit, key) for limit, key in attempts]):
            audit.record("sign-in-failed", "/login", "throttled", self._audited_name(username))
            return self._form(lang, next_path, error="login-throttled", status=429)
        account = self.state.authenticate(username, request.form.get("password", ""))
        if account is None:
            audit.record("sign-in-failed", "/login", "", self._audited_name(username))
            return self._form(lang, next_path, error="login-failed", status=401)
        for limit, key in attempts:
            self._throttle("clear", limit, key)
        self.start_session(account)
        return redirect(next_path or _home(account, lang), 303)

    def _audited_name(self, username: str) -> str | None:
        """The name of a failed sign-in as the audit log keeps it: an account's name, or nothing when no account
        has it (people type their password into the name field; it must not land in the log)."""
        return username if username and self.state.find(username) is not None else None

    @staticmethod
    def _attempts(username: str) -> tuple:
        """The failed-attempt counters a sign-in counts against."""
        name, address = username.casefold(), request.remote_addr or ""
        return (
            (FAILED_PER_NAME_AND_ADDRESS, ("name-address", name, address)),
            (FAILED_PER_NAME, ("name", name)),
            (FAILED_PER_ADDRESS, ("address", address)),
        )

    def _throttle(self, operation: str, limit, key) -> bool:
        """`operation` (hit or clear) on the counter; while its storage (Redis) is down, on this worker's own
        counters instead: sign-in stays possible, and throttled per worker."""
        try:
            return getattr(self.limiter, operation)(limit, *key)
        except Exception:  # noqa: BLE001 - any storage failure; logged, not shown
            flask.current_app.logger.warning("sign-in throttling in Redis unavailable: this worker counts alone")
            return getattr(self.fallback, operation)(limit, *key)

    def logout(self) -> Response:
        account = self._session_account()
        if account is not None and not _csrf_ok(request.form.get("csrf_token")):
            return _text(t("login-form-expired", _lang()), 400)
        provider_logout = flask.current_app.extensions.get("stv-oidc")
        if account is not None:
            audit.record("sign-out", "/logout", "", account.username)
        id_token = session.get("id_token")
        session.clear()
        if provider_logout is not None and id_token:
            return redirect(provider_logout.end_session_url(id_token), 303)
        return redirect("/login?" + urlencode({"signed_out": "1", "lang": _lang()}), 303)

    def _form(self, lang: str, next_path: str | None, error=None, notice=None, status=200) -> Response:
        nonce = _login_nonce()
        page = render_template_string(
            LOGIN_PAGE,
            lang=lang,
            t=lambda key, **values: t(key, lang, **values),
            next=next_path or "",
            csrf=_login_signer().sign(nonce).decode(),
            error=t(error, lang, minutes=THROTTLE_MINUTES) if error else None,
            notice=t(notice, lang) if notice else None,
            local=self.settings.auth == "local",
            username=request.form.get("username", "")[:200] if request.method == "POST" else "",
            other_lang="en" if lang == "nl" else "nl",
            other_query=urlencode({"lang": "en" if lang == "nl" else "nl", "next": next_path or "/"}),
            provider_query=urlencode({"lang": lang, "next": next_path or "/"}),
        )
        response = Response(page, status=status, mimetype="text/html")
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            nonce,
            max_age=LOGIN_CSRF_SECONDS,
            path="/login",
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
        return response


class ServerSessions(SessionInterface):
    """Flask-Session's server-side sessions, with two guarantees it does not give by itself:
    - a session ended elsewhere stays ended: a request that was under way while its session was signed out (or
      replaced on signing in) would otherwise write the old session back when it answers, and sign the browser
      in again; a session read from the store is saved only while the store still holds it;
    - a session store that cannot be reached (the state database down) makes the request signed out rather than
      an error:
      pages ask to sign in, scripts with a token keep working."""

    def __init__(self, inner: SessionInterface):
        self.inner = inner

    def __getattr__(self, name):  # session_class, … of the wrapped interface
        return getattr(self.inner, name)

    def open_session(self, app, request):
        try:
            session = self.inner.open_session(app, request)
        except STORE_ERRORS:
            app.logger.warning("the session store cannot be reached: the request is served signed out")
            return self.inner.session_class(sid=self.inner._generate_sid(self.inner.sid_length), permanent=True)
        session.from_store = bool(session)  # what a new session (or one just made on signing in) is not
        return session

    def regenerate(self, session) -> None:
        """A new id for the session (on signing in): the old one is deleted, the new one not stored yet."""
        self.inner.regenerate(session)
        session.from_store = False

    def save_session(self, app, session, response):
        try:
            if getattr(session, "from_store", False) and session and not self._still_stored(session):
                return  # signed out (or replaced) meanwhile: do not bring it back
            self.inner.save_session(app, session, response)
        except STORE_ERRORS:
            app.logger.warning("the session store cannot be reached: the session was not saved")

    def _still_stored(self, session) -> bool:
        return self.inner._retrieve_session_data(self.inner._get_store_id(session.sid)) is not None


def _home(account: Account, lang: str) -> str:
    """The account's landing page, in the language the sign-in was in."""
    return home_path(account) + ("?lang=en" if lang == "en" else "")


def csrf_token() -> str:
    """The session's CSRF token, for forms the dashboard's pages post (the sign-out button)."""
    return session.get("csrf", "")


def _csrf_ok(given: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and given and hmac.compare_digest(expected, given))


def _login_signer() -> TimestampSigner:
    return TimestampSigner(flask.current_app.secret_key, salt="stv-login-csrf")


def _login_nonce() -> str:
    """The sign-in form's cookie value: the browser's own when it has one (two tabs of the form, or a form shown
    again, keep working), else a new random one."""
    given = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return given if LOGIN_NONCE.fullmatch(given) else secrets.token_urlsafe(32)


def _login_csrf_ok(given: str | None) -> bool:
    """The sign-in form's CSRF check, a signed double submit: the form carries the cookie's random value signed
    with the app's key. Nothing is stored on the server for a visitor who only opens the form, so a flood of
    anonymous `GET /login` cannot fill (and prune) the session store; a cookie planted by another site cannot be
    matched without the key."""
    nonce = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not nonce or not given:
        return False
    try:
        signed = _login_signer().unsign(given, max_age=LOGIN_CSRF_SECONDS)
    except BadSignature:
        return False
    return hmac.compare_digest(signed, nonce.encode())


def _safe_next(value: str | None) -> str | None:
    """A path on this site to go on to after signing in; anything else (another host, a scheme, a control
    character or space that a browser would skip to read '//host') is dropped (dashboard.payloads.internal_path)."""
    path = internal_path(value)
    return path if path is not None and not path.startswith("/login") else None


def _lang() -> str:
    lang = request.values.get("lang")
    if lang in UI_LANGUAGES:
        return lang
    return request.accept_languages.best_match(UI_LANGUAGES, default="nl") or "nl"


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _session_config(settings: Settings, state: StateDatabase) -> dict:
    return {
        "SESSION_PERMANENT": True,
        "PERMANENT_SESSION_LIFETIME": settings.idle_minutes * 60,
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_NAME": "stv_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_KEY_PREFIX": "stv-session:",
        "SESSION_TYPE": "cachelib",
        "SESSION_CACHELIB": StateSessions(state),
    }


class StateSessions(BaseCache):
    """The sessions' storage for Flask-Session (its cachelib interface): rows of the state database, the contents
    as JSON (never pickles); a row that is not this JSON is no session."""

    def __init__(self, state: StateDatabase):
        super().__init__()
        self.state = state
        self.serializer = JsonSerializer()

    def get(self, key: str) -> dict | None:
        stored = self.state.session(key)
        data = self.serializer.loads(stored.encode()) if stored is not None else None
        return data if isinstance(data, dict) else None

    def set(self, key: str, value: dict, timeout: float | None = None) -> bool:
        self.state.save_session(key, self.serializer.dumps(value).decode(), timeout or 3600)
        return True

    def delete(self, key: str) -> bool:
        self.state.delete_session(key)
        return True


def _throttle_storage(settings: Settings) -> tuple[str, dict]:
    """The failed-attempt counters' storage (URL, options): Redis, with its short time-outs, when the cache is."""
    url = settings.cache_url or ""
    return (url, dict(REDIS_TIMEOUTS)) if url.startswith(("redis://", "rediss://")) else ("memory://", {})


def default_clock() -> float:
    return time.time()


def sign_in_page(main: str) -> str:
    """A page of the sign-in (the form here, dashboard.oidc's refusals): the title and the styles around `main`, a
    Jinja template that may use `lang` and `t`."""
    return SIGN_IN_FRAME.replace("{main}", main)


SIGN_IN_FRAME = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title | default(t('login-title')) }} · {{ t('app-title') }}</title>
<link rel="stylesheet" href="/assets/00-bootstrap-flatly.min.css">
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/assets/favicon.ico">
</head>
<body>
<main class="container" style="max-width: 26rem">
  <h1 class="h3 mt-5 mb-2">{{ t('app-title') }}</h1>
{main}</main>
</body>
</html>
"""

LOGIN_PAGE = sign_in_page(
    """  <p class="text-muted">{{ t('login-lead') }}</p>
  {% if notice %}<div class="alert alert-info" role="status">{{ notice }}</div>{% endif %}
  {% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>{% endif %}
  {% if local %}
  <form method="post" action="/login" novalidate>
    <input type="hidden" name="csrf_token" value="{{ csrf }}">
    <input type="hidden" name="next" value="{{ next }}">
    <input type="hidden" name="lang" value="{{ lang }}">
    <div class="mb-3">
      <label class="form-label" for="username">{{ t('login-username') }}</label>
      <input class="form-control" id="username" name="username" autocomplete="username" required
             value="{{ username }}" {% if not username %}autofocus{% endif %}
             {% if error %}aria-describedby="login-error"{% endif %}>
    </div>
    <div class="mb-3">
      <label class="form-label" for="password">{{ t('login-password') }}</label>
      <input class="form-control" id="password" name="password" type="password" autocomplete="current-password"
             required {% if username %}autofocus{% endif %}>
    </div>
    <button class="btn btn-primary w-100" type="submit">{{ t('login-submit') }}</button>
  </form>
  {% else %}
  <a class="btn btn-primary w-100" href="/oidc/login?{{ provider_query }}">{{ t('login-oidc') }}</a>
  {% endif %}
  <p class="mt-4">
    <a href="/login?{{ other_query }}" lang="{{ other_lang }}">{{ 'English' if lang == 'nl' else 'Nederlands' }}</a>
  </p>
"""
)
