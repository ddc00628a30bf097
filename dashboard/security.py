"""Secure by default (issue 16, item 6): response headers, trusted proxies, the health check, no dev tools.

`init_app(app, settings)` is called once by the factory, after every callback is registered.

Headers on every response (pages, assets, callbacks, exports, reports, errors), unless a view set its own:
- `Content-Security-Policy` (below), `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
  `X-Frame-Options: DENY` (for browsers older than `frame-ancestors`);
- `Strict-Transport-Security: max-age=31536000` only on a secure request: https itself, or `X-Forwarded-Proto:
  https` from a trusted proxy (`STV_TRUSTED_PROXIES`). No `includeSubDomains`: the dashboard's host name says
  nothing about its neighbours.

The Content-Security-Policy, measured in Debian's Chromium on every page of the registry with a chart drawn
(tests/test_e2e_security.py listens for `securitypolicyviolation` and console errors):
- `default-src 'self'`: everything is served by the app itself (assets/README.md), nothing from a CDN; it also
  covers `connect-src` (the callbacks), `font-src` and `worker-src`.
- `script-src 'self'` plus the sha256 hashes of Dash's inline scripts (`app.csp_hashes()`: the renderer's start,
  and any inline clientside callback), computed per response so that a callback added later is covered too.
  Dash's page config is `<script type="application/json">`, data that the browser never runs. No
  `'unsafe-eval'`: Dash's renderer, dcc, dash-bootstrap-components, dash-ag-grid (our value formatters are
  `{"function": ...}` strings, which dash-ag-grid parses itself) and Plotly's SVG charts run without it.
- `style-src 'self' 'unsafe-inline'`: measured with `style-src 'self'` alone, every page logs dozens of refused
  `<style>` elements: Dash's renderer and dcc insert their components' CSS as `<style>` at run time, AG Grid its
  theme (some 26 elements per page with a grid), Plotly its mode-bar and hover rules, and Plotly sets `style`
  attributes too; the grids lose their layout. Their contents vary, so hashes cannot list them. Inline styles run no
  script, and `script-src` stays strict.
- `img-src 'self' data: blob:`: "download as PNG" draws the chart's SVG through a `blob:` image (refused under
  `img-src 'self'`, measured: no download), and gives a `data:` PNG; Bootstrap's form controls draw their marks
  as `data:` SVG.
- `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`, `frame-ancestors 'none'`.
Set-up code may widen a directive for one app with `allow(server, directive, *sources)` (sign-in at an OpenID
provider whose sign-out answers a form with a redirect there needs that origin in `form-action`).

No version banner: Dash's page config (`_dash-config`) carries the Dash, Plotly and full Python versions for its
dev tools' version check; outside the dev tools they are removed from it (the renderer reads them only there), and
so is the `?v=<Dash version>` of Dash's favicon link. gunicorn says `Server: gunicorn`, without a version;
Werkzeug's `Server: Werkzeug/…` comes only from its development server, which `stv-dashboard serve` never runs.
The file names of Dash's bundles keep their version fingerprint: it is Dash's cache-busting, and the bundles name
their versions in their text anyway.

Dev tools: off however Dash's `DASH_*` variables are set (no dev-tools UI, no hot reload, no props check, no
tracebacks in answers: an error in a callback is a bare HTTP 500, its traceback only in the server log).
Development is `app.run(debug=True)` on a factory-built app, which turns them on again for that process alone.

Bounded requests (issue 17, items 2 and 4), checked before sign-in looks at a request: a query string over
`MAX_QUERY_STRING` characters answers 414, a body whose Content-Length is over `MAX_BODY_BYTES` 413 (Flask's
MAX_CONTENT_LENGTH set too). A body without Content-Length (`Transfer-Encoding: chunked`: gunicorn sets
`wsgi.input_terminated` and passes it on) is read by `BoundedBody` in front of the app, at most MAX_BODY_BYTES + 1
bytes: over the limit every route answers 413 (a route that never reads its body too), under it the app sees the
body with its Content-Length. The rest of an oversized body (up to 32 MiB) is read and thrown away in small pieces
before the 413 goes out, so that a client still sending gets the answer rather than a reset connection (memory
stays at one piece; gunicorn's --timeout bounds the time).
Every error answers with the app's error page (`error_response`: HTML for a browser's page, JSON for the callback
endpoint, text for scripts), never a traceback: an unknown or malformed path under
`/_dash-component-suites/` 404, broken JSON 400, and an exception in a callback (after dashboard.payloads has
checked its inputs) 400 with one log line naming the callback and the line that raised. gunicorn's own limit on a
request line (dashboard.serve) lies above MAX_QUERY_STRING, so the app is the one that answers.

`GET /healthz` answers `{"status": "ok", ...}` (200) or `{"status": "unavailable", ...}` (503, `Retry-After`) from
the data-version probe of the operational database (index look-ups, probed at most every 10 s, shared with the
pages), with the state of each part: `database` (`ok`, `unreachable`), `cache` (`ok`, `unreachable`), `store`
(`current`, `syncing`, `off`, `unreachable`); nothing else: no counts, no versions. It needs no session: sign-in
must keep it open (`PUBLIC_PATHS`), like the assets, so that a load balancer or systemd can ask it.
"""

from __future__ import annotations

import io
import re
import traceback

import flask
from dash import Dash
from dash.exceptions import DependencyException, InvalidResourceError
from flask import Flask, Response, abort, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.db import DatabaseUnavailable
from dashboard.filters import UI_LANGUAGES
from dashboard.i18n import format_count, t
from dashboard.settings import Settings

HEALTH_PATH = "/healthz"
PUBLIC_PATHS = (HEALTH_PATH,)  # answered without a session, whatever sign-in decides for the rest
HSTS = "max-age=31536000"
# Keys of Dash's page config that only its dev tools read: the version check's versions and where it asks.
VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url")
FAVICON_VERSION = re.compile(r"\?v=[^\"'&]*")  # Dash's own favicon is `_favicon.ico?v=<Dash version>`
POLICY_KEY = "stv-content-security-policy"  # the app's policy in `server.extensions`: directive -> sources
STATIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # + the hashes of Dash's inline scripts
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
MAX_QUERY_STRING = 4096  # characters after '?': a page's link with every filter set is under 1,000
MAX_BODY_BYTES = 1_048_576  # a callback request of the admin grid's 10,000 rows stays under it
CALLBACK_PATH = "/_dash-update-component"
COMPONENT_SUITES = "/_dash-component-suites/"
SCRIPT_PREFIXES = ("/export/", "/report.", "/admin/audit.csv", "/healthz")  # answered as text to scripts
FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def init_app(app: Dash, settings: Settings) -> None:
    """Dev tools off, versions out of the page config, trusted proxies, the headers and `/healthz`."""
    dev_tools_off(app)
    hide_versions(app)
    server = app.server
    if settings.trusted_proxies:
        count = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count)

    server.extensions[POLICY_KEY] = {name: list(sources) for name, sources in STATIC_POLICY.items()}

    @server.after_request
    def add_headers(response: Response) -> Response:
        for name, value in security_headers(app, request.is_secure).items():
            response.headers.setdefault(name, value)
        return response

    bounded_requests(server)
    error_pages(server)
    health_check(server, app)


def bounded_requests(server: Flask) -> None:
    """414 for a query string over MAX_QUERY_STRING characters, 413 for a body over MAX_BODY_BYTES: checked first,
    before sign-in (which reads a callback's body to see which page it updates)."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    server.wsgi_app = BoundedBody(server.wsgi_app, MAX_BODY_BYTES)
    server.before_request_funcs.setdefault(None, []).insert(0, _within_limits)


class BoundedBody:
    """WSGI middleware: a body that comes without Content-Length (chunked) is read here, `limit` + 1 bytes at
    most; one over the limit is marked for `_within_limits` (413), one within it is handed on as a body with its
    Content-Length, so that every route and Dash's endpoints see the same request as with the header.
    An oversized body (either kind) is read on and thrown away in small pieces, up to DRAIN_BYTES, before the 413:
    a client still sending when gunicorn closes the connection gets a reset instead of the answer (measured: a
    20 MB body had no answer at all)."""

    def __init__(self, wsgi_app, limit: int):
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ, start_response):
        stream = environ["wsgi.input"]
        declared = _declared_length(environ)
        if declared is not None and declared > self.limit:
            _discard(stream, min(declared, DRAIN_BYTES))  # never past its Content-Length: a socket would block
        elif _streamed(environ):
            try:
                body = stream.read(self.limit + 1)
            except Exception:  # noqa: BLE001 - the server's own error for broken chunking (gunicorn's are no OSError)
                environ[BROKEN] = True
                body = b""
            if len(body) > self.limit:
                environ[OVERSIZED] = True
                _discard(stream, DRAIN_BYTES)
                body = b""
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING", None)  # Werkzeug ignores a Content-Length beside chunked
        return self.wsgi_app(environ, start_response)


OVERSIZED = "stv.body-over-limit"  # the environ keys BoundedBody sets
BROKEN = "stv.body-broken"
DRAIN_BYTES = 32 * 1_048_576  # an oversized body read and thrown away so that its client reads the 413
DRAIN_PIECE = 65_536


def _declared_length(environ) -> int | None:
    value = environ.get("CONTENT_LENGTH", "")
    return int(value) if value.isdigit() else None


def _discard(stream, at_most: int) -> None:
    """Read and drop up to `at_most` bytes of `stream`, a piece at a time (memory stays at one piece)."""
    left = at_most
    while left > 0:
        try:
            piece = stream.read(min(DRAIN_PIECE, left))
        except Exception:  # noqa: BLE001 - the client went away, or its chunking is broken: nothing more to read
            return
        if not piece:
            return
        left -= len(piece)


def _streamed(environ) -> bool:
    """A request whose body has no Content-Length but is there to read: chunked, which the server terminates."""
    if environ.get("CONTENT_LENGTH"):
        return False
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    terminated = bool(environ.get("wsgi.input_terminated")) and environ.get("REQUEST_METHOD") in BODY_METHODS
    return chunked or terminated


BODY_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))


def _within_limits() -> None:
    if len(request.query_string) > MAX_QUERY_STRING:
        abort(414)
    if request.environ.get(OVERSIZED) or (request.content_length or 0) > MAX_BODY_BYTES:
        abort(413)
    if request.environ.get(BROKEN):
        abort(400)


def error_pages(server: Flask) -> None:
    """Every error as the app's error page: HTTP errors with their status, Dash's unknown resources 404, an
    exception in a callback 400 (503 when the database cannot be read), any other 500; one log line each."""
    server.register_error_handler(HTTPException, lambda error: error_response(error.code or 500))
    server.register_error_handler(InvalidResourceError, lambda _error: error_response(404))
    server.register_error_handler(DependencyException, lambda _error: error_response(404))
    server.register_error_handler(Exception, _unexpected)


def _unexpected(error: Exception) -> Response:
    if request.path.startswith(COMPONENT_SUITES):  # a path Dash cannot resolve to one of its files
        return error_response(404)
    if request.path == CALLBACK_PATH:
        status, key = (503, error.message_key) if isinstance(error, DatabaseUnavailable) else (400, "error-callback")
    else:
        status, key = 500, "error-500"
    name = _callback_name() if request.path == CALLBACK_PATH else ""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "?"
    message = str(error).replace("\n", " ")[:300]
    request_line = f"{request.method} {request.path} {name[:200]}".rstrip()
    flask.current_app.logger.error(
        "%s answered %d: %s: %s at %s", request_line, status, type(error).__name__, message, where
    )
    return error_response(status, key)


def _callback_name() -> str:
    """The callback a request named (its `output`), for the log line; '' for a body that is no callback request
    (also one nested too deep to decode, which may be why this request failed)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return ""
    return body["output"] if isinstance(body, dict) and isinstance(body.get("output"), str) else ""


def error_response(status: int, key: str | None = None, **values) -> Response:
    """The app's answer for an error: its page (HTML) to a browser's page request, JSON `{"error", "status"}` to
    Dash's endpoints, text to scripts; the message (`key` with `values`) in the reader's language (`lang`, else
    Accept-Language)."""
    lang = _reader_lang()
    key = key or (
        f"error-{status}" if f"error-{status}" in _ERROR_KEYS else "error-400" if status < 500 else "error-500"
    )
    message = t(key, lang, **(_limit_values(key) | values))
    path = request.path
    if path.startswith("/_dash-") and not path.startswith(COMPONENT_SUITES):
        response = jsonify(error=message, status=status)
    elif path.startswith(SCRIPT_PREFIXES) or not request.accept_mimetypes.accept_html:
        response = Response(message + "\n", mimetype="text/plain")
    else:
        from dashboard.auth import sign_in_page

        page = render_template_string(
            sign_in_page(ERROR_MAIN),
            lang=lang,
            t=lambda k, **v: t(k, lang, **v),
            title=t("error-title", lang),
            message=message,
            status=status,
        )
        response = Response(page, mimetype="text/html")
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


_ERROR_KEYS = frozenset(("error-400", "error-404", "error-405", "error-413", "error-414", "error-429", "error-500"))
ERROR_MAIN = """  <div class="alert alert-warning" role="alert" id="error-message">
    <strong>{{ status }}</strong> · {{ message }}
  </div>
  <p><a href="/{{ '?lang=en' if lang == 'en' else '' }}">{{ t('error-back') }}</a></p>
"""


def _limit_values(key: str) -> dict:
    if key == "error-413":
        return {"limit": format_count(MAX_BODY_BYTES, _reader_lang())}
    if key == "error-414":
        return {"limit": format_count(MAX_QUERY_STRING, _reader_lang())}
    return {}


def _reader_lang() -> str:
    """The interface language of the request: its `lang` parameter (never read from a body), else the browser's."""
    lang = request.args.get("lang")
    if lang in UI_LANGUAGES:
        return lang
    return request.accept_languages.best_match(UI_LANGUAGES, default="nl") or "nl"


def allow(server: Flask, directive: str, *sources: str) -> None:
    """Add `sources` to a directive of the app's policy, at set-up: e.g. the OpenID provider's origin to
    `form-action` when a sign-out form's answer redirects there (browsers hold form-action to that redirect)."""
    known = server.extensions[POLICY_KEY].setdefault(directive, [])
    for source in sources:
        if source not in known:
            known.append(source)


def content_security_policy(app: Dash) -> str:
    """The policy's text: the app's sources, and the hashes of Dash's inline scripts in `script-src`."""
    policy = {name: list(sources) for name, sources in app.server.extensions[POLICY_KEY].items()}
    policy["script-src"] += app.csp_hashes()
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def security_headers(app: Dash, secure: bool) -> dict[str, str]:
    """The headers every response carries; HSTS only on a secure request."""
    headers = {"Content-Security-Policy": content_security_policy(app), **FIXED_HEADERS}
    if secure:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def dev_tools_off(app: Dash) -> None:
    """Every dev tool off, whatever `DASH_DEBUG`, `DASH_UI`, `DASH_HOT_RELOAD` ... say (arguments win over them)."""
    app.enable_dev_tools(
        debug=False,
        dev_tools_ui=False,
        dev_tools_props_check=False,
        dev_tools_serve_dev_bundles=False,
        dev_tools_hot_reload=False,
        dev_tools_silence_routes_logging=False,
        dev_tools_disable_version_check=True,
        dev_tools_prune_errors=True,
        dev_tools_validate_callbacks=False,
    )
    app.server.debug = False


def hide_versions(app: Dash) -> None:
    """Dash's page config without the versions, unless the dev-tools UI (their only reader) is on; Dash's favicon
    without its `?v=<Dash version>`."""
    config, interpolate_index = app._config, app.interpolate_index  # Dash's own: the `_dash-config` dict, the page

    def without_versions() -> dict:
        values = config()
        if not app._dev_tools.ui:
            for key in VERSION_KEYS:
                values.pop(key, None)
        return values

    def index_without_versions(**parts) -> str:
        parts["favicon"] = FAVICON_VERSION.sub("", parts.get("favicon", ""))
        return interpolate_index(**parts)

    app._config = without_versions
    app.interpolate_index = index_without_versions


def health_check(server: Flask, app: Dash) -> None:
    """`GET /healthz`: 200 ok, or 503 (with `Retry-After`) when the operational database cannot be read; the
    state of the database, the cache and the aggregate store (`DataAccess.health`), never any data."""

    def healthz() -> tuple[Response, int]:
        data = server.extensions["stv"].data
        parts = data.health()
        if parts["database"] != "ok":
            response = _no_store(jsonify(status="unavailable", **parts))
            response.headers["Retry-After"] = str(max(1, round(data.probe_seconds)))
            return response, 503
        return _no_store(jsonify(status="ok", **parts)), 200

    server.add_url_rule(HEALTH_PATH, "healthz", healthz, methods=["GET"])


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
