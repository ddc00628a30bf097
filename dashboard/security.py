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

`GET /healthz` answers `{"status": "ok", ...}` (200) or `{"status": "unavailable", ...}` (503, `Retry-After`) from
the data-version probe of the operational database (index look-ups, probed at most every 10 s, shared with the
pages), with the state of each part: `database` (`ok`, `unreachable`), `cache` (`ok`, `unreachable`), `store`
(`current`, `syncing`, `off`, `unreachable`); nothing else: no counts, no versions. It needs no session: sign-in
must keep it open (`PUBLIC_PATHS`), like the assets, so that a load balancer or systemd can ask it.
"""

from __future__ import annotations

import re

from dash import Dash
from flask import Flask, Response, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

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

    health_check(server, app)


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
