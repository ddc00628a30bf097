"""How answers travel (issue 12, "bytes"): compressed, and cached by the browser only where that is safe.

- Compression (Flask-Compress): JavaScript, CSS, JSON (callback answers, Dash's layout and dependencies), SVG and
  plain text, with Brotli, gzip or zstd as the browser offers (browsers offer Brotli and zstd over https only, so
  on plain http it is gzip). HTML pages are left as they are: they are small, and a page that carries a form's
  CSRF token beside text the URL chose is what BREACH-style attacks compress. The compressed bytes of a
  fingerprinted file are kept in the worker (`AssetCompressionCache`): Plotly's bundle alone is 4.8 MB, compressed
  once per worker and algorithm instead of once per visitor.
- Caching: a fingerprinted file is the same bytes for ever (Dash names its bundles
  `…/name.v<version>m<mtime>.js`, and links our assets/ as `/assets/file?m=<mtime>`; a change of the file changes
  the link), so it is kept for a year and marked `immutable` (no revalidation on reload): `public` for assets/
  (open to all, sign-in keeps them so), `private` for Dash's bundles (served to signed-in readers only). Dash's
  own answer for its bundles already says `max-age=31536000`; this adds `immutable` and who may keep it. Every
  other answer that says nothing itself (pages, callback answers, Dash's layout: per account) gets
  `private, no-store`: no shared cache, and no copy on disk, keeps one account's figures for another.

- Versioned folders: Dash's bundles load the rest of their code later, as chunks named without a fingerprint
  (`…/dcc/async-graph.js`, AG Grid's `async-community.js`), in the folder of the bundle's own URL. So the page
  links each bundle with its fingerprint as a folder (`…/dcc/v4_4_1m1796589532/dash_core_components.js`), its
  chunks come from that folder too, and `VersionedFolders` hands Dash every such path with the fingerprint back in
  the file's name (`…/dcc/async-graph.v4_4_1m1796589532.js`): kept a year like the bundle, so a warm visit sends
  nothing at all; a new release of the package is a new folder.
- Timing: every callback answer says how long the server took to make it (`Server-Timing: app;dur=<ms>`, from the
  request's first check to its answer, before compression), so that a browser's Resource Timing (and the browser
  benchmark, benchmarks/browser.py) tells the server's time from the network's and the page's own.

The security headers (dashboard.security) are added beside these, untouched: that module's after-request sets
only its own headers.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict

from dash import Dash
from dash.fingerprint import cache_regex, check_fingerprint
from flask import Request, Response, g, request
from flask_compress import Compress

from dashboard.security import CALLBACK_PATH

YEAR_SECONDS = 31_536_000
ASSETS = "/assets/"
COMPONENT_SUITES = "/_dash-component-suites/"
NOT_KEPT = "private, no-store"
COMPRESSED_TYPES = [
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "application/json",
    "image/svg+xml",
]
ALGORITHMS = ["br", "zstd", "gzip"]  # the first the browser accepts at its highest quality
STARTED = "stv_started"  # flask.g: perf_counter() when the request's first check began
CACHED_BYTES = 64 * 1024 * 1024  # compressed fingerprinted files kept per worker (all of them: about 4 MB a kind)


# A fingerprinted bundle's link in the page: the folder, the file's first name, its fingerprint, the rest.
BUNDLE_LINK = re.compile(r'(src="[^"]*/_dash-component-suites/[^"]*/)([^/."]+)\.(v[\w-]+m[0-9a-fA-F]+)\.([^/"]+")')


def init_app(app: Dash) -> None:
    """Versioned folders, compression and the Cache-Control of every answer."""
    server = app.server
    interpolate_index = app.interpolate_index

    def index_with_versioned_folders(**parts) -> str:
        parts["scripts"] = BUNDLE_LINK.sub(r"\1\3/\2.\4", parts.get("scripts", ""))
        return interpolate_index(**parts)

    app.interpolate_index = index_with_versioned_folders
    server.wsgi_app = VersionedFolders(server.wsgi_app)
    server.config.update(
        COMPRESS_MIMETYPES=COMPRESSED_TYPES,
        COMPRESS_ALGORITHM=ALGORITHMS,
        COMPRESS_CACHE_BACKEND=AssetCompressionCache,
        COMPRESS_CACHE_KEY=compression_key,
    )
    # Flask runs after-request functions last registered first: Compress is registered first so that it runs after
    # `cache_control` has read the whole file into the answer (a streamed file would be compressed anew each time).
    Compress(server)
    server.after_request(cache_control)
    server.before_request_funcs.setdefault(None, []).insert(0, _note_start)
    server.after_request(server_timing)  # (registered last: runs first, before compression)


def _note_start() -> None:
    setattr(g, STARTED, time.perf_counter())


def server_timing(response: Response) -> Response:
    """A callback answer's `Server-Timing`: the milliseconds from the request's first check to this answer."""
    started = g.get(STARTED)
    if started is not None and request.path.endswith(CALLBACK_PATH):
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


class VersionedFolders:
    """WSGI middleware: a component-suite path with a fingerprint as a folder (`…/dcc/v4_4_1m17…/async-graph.js`)
    goes on to Dash with the fingerprint in the file's name (`…/dcc/async-graph.v4_4_1m17….js`), which Dash serves
    as the file itself."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(COMPONENT_SUITES):
            environ["PATH_INFO"] = unversioned(path)
        return self.wsgi_app(environ, start_response)


def unversioned(path: str) -> str:
    """`path` with its fingerprint folder (the last folder, when it is one) moved into the file's name."""
    *folders, folder, name = path.split("/")
    if not cache_regex.match(folder) or "." not in name:
        return path
    first, rest = name.split(".", 1)
    return "/".join([*folders, f"{first}.{folder}.{rest}"])


def fingerprinted(req: Request) -> bool:
    """Whether the request names a file by a fingerprint that changes with its contents."""
    if req.path.startswith(COMPONENT_SUITES):
        return check_fingerprint(req.path.rsplit("/", 1)[-1])[1]
    return req.path.startswith(ASSETS) and "m" in req.args


def cache_control(response: Response) -> Response:
    """A year and `immutable` for a fingerprinted file that was found; `private, no-store` for any answer that
    does not say how it may be kept. A file of assets/ is read into the answer here (they are small), so that
    Flask-Compress compresses it whole: its streaming path would neither keep the result nor close the file."""
    if request.path.startswith(ASSETS) and response.is_streamed and response.status_code == 200:
        response.direct_passthrough = False
        response.set_data(response.get_data())  # (the file is closed with the answer: Werkzeug's call_on_close)
    if fingerprinted(request) and response.status_code == 200:
        who = "public" if request.path.startswith(ASSETS) else "private"
        response.headers["Cache-Control"] = f"{who}, max-age={YEAR_SECONDS}, immutable"
    elif not request.path.startswith((ASSETS, COMPONENT_SUITES)) and request.path != "/_favicon.ico":
        response.headers.setdefault("Cache-Control", NOT_KEPT)  # (files without fingerprint: revalidated by ETag)
    return response


def compression_key(req: Request) -> str:
    """The key of a compressed answer kept for reuse: the fingerprinted path; '' (not kept) for anything else."""
    return req.full_path if fingerprinted(req) else ""


class AssetCompressionCache:
    """Flask-Compress's cache of compressed bytes, holding fingerprinted files only (whose bytes never change under
    one key), least recently used out first beyond CACHED_BYTES. Flask-Compress asks it about every answer it
    compresses: keys of other answers (empty after the algorithm's name) are neither looked up nor kept."""

    def __init__(self, limit: int = CACHED_BYTES):
        self.limit = limit
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";") or len(value) > self.limit:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = value
            self._size += len(value)
            while self._size > self.limit:
                _, old = self._entries.popitem(last=False)
                self._size -= len(old)
