"""How answers travel (dashboard/delivery.py): fingerprinted files compressed and kept a year, `immutable`; callback
answers compressed and never kept; pages not compressed and never kept; the security headers on all of them."""

from __future__ import annotations

import gzip
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import brotli
import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from dashboard import delivery, ids
from tests.dash_requests import post, response_values
from tests.test_security import assert_secure_headers

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
YEAR_SEARCH = "?from=2022-01-01&to=2022-12-31"
# Every trace type plotly.js knows, as its figures name them ("bar", "scatter"): the search for the ones we use.
PLOTLY_TRACE_TYPES = {
    name.lower()
    for name in go.__all__
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
}
VERSIONED = re.compile(r"/v[\w-]+m[0-9a-fA-F]+/[^/]+$")  # a file in a folder named by its fingerprint
LONG_LIVED = re.compile(r"^(public|private), max-age=31536000, immutable$")


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def page_links(client) -> list[str]:
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', html)


def fetched(client, path: str, encoding: str):
    """A GET offering `encoding`, answered in full and closed (a file answer keeps its file open until then)."""
    response = client.get(path, headers={"Accept-Encoding": encoding})
    response.get_data()
    response.close()
    return response


@pytest.mark.parametrize(("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_dash_bundles_are_compressed_and_kept_a_year(client, app, page_links, encoding, decompress):
    bundle = next(link for link in page_links if "dash_renderer" in link)
    plain = fetched(client, bundle, "identity")
    response = fetched(client, bundle, encoding)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert decompress(response.get_data()) == plain.get_data()
    assert len(response.get_data()) < len(plain.get_data()) / 2
    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"  # behind sign-in
    assert "Content-Encoding" not in plain.headers
    assert_secure_headers(response, app)


def test_bundles_are_linked_in_versioned_folders_and_their_chunks_kept_a_year_too(client, page_links):
    """Dash's bundles load chunks named without a fingerprint from their own folder: the page links each bundle
    in a folder named by its fingerprint, so those chunks are kept as long as the bundle."""
    bundles = [link for link in page_links if link.startswith("/_dash-component-suites/")]
    assert bundles and all(VERSIONED.search(link) for link in bundles), bundles
    graph = next(link for link in bundles if link.endswith("/dash_core_components.js"))
    chunk = graph.rsplit("/", 1)[0] + "/async-graph.js"
    response = fetched(client, chunk, "identity")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    assert (
        response.get_data() == fetched(client, "/_dash-component-suites/dash/dcc/async-graph.js", "identity").get_data()
    )
    assert fetched(client, "/_dash-component-suites/dash/dcc/v1m1/nowhere.js", "identity").status_code == 404


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/_dash-component-suites/dash/dcc/v4_4_1m17/async-graph.js",
            "/_dash-component-suites/dash/dcc/async-graph.v4_4_1m17.js",
        ),
        (
            "/_dash-component-suites/dash/deps/v4_4_1m17/polyfill@7.12.1.min.js",
            "/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m17.12.1.min.js",
        ),
        ("/_dash-component-suites/dash/dcc/async-graph.js", "/_dash-component-suites/dash/dcc/async-graph.js"),
        ("/_dash-component-suites/dash/vx/file.js", "/_dash-component-suites/dash/vx/file.js"),
    ],
)
def test_a_versioned_folder_becomes_the_file_s_fingerprint(path, expected):
    assert delivery.unversioned(path) == expected


def test_our_assets_are_compressed_public_and_kept_a_year(client, app, page_links):
    stylesheet = next(link for link in page_links if "bootstrap" in link and "?m=" in link)
    script = next(link for link in page_links if link.startswith("/assets/stv-clientside.js?m="))
    icon = next(link for link in page_links if link.startswith("/assets/favicon.ico?m="))  # ours, not Plotly's
    answer = fetched(client, icon, "identity")
    assert answer.status_code == 200 and answer.get_data()[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in (stylesheet, script):
        response = fetched(client, path, "gzip, deflate, br")
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert int(response.headers["Content-Length"]) == len(response.get_data())
        assert_secure_headers(response, app)
    again = fetched(client, stylesheet, "gzip")  # the same file in another encoding: its own bytes
    assert again.headers["Content-Encoding"] == "gzip" and gzip.decompress(again.get_data()).startswith(b"@charset")


def test_a_file_without_fingerprint_is_revalidated_not_kept(app):
    client = app.server.test_client()  # the sign-in page's links have no fingerprint
    response = fetched(client, "/assets/app.css", "gzip")
    assert response.status_code == 200
    assert not LONG_LIVED.match(response.headers.get("Cache-Control", ""))
    assert "ETag" in response.headers


def test_a_compressed_file_is_compressed_once_per_worker():
    kept = delivery.AssetCompressionCache(limit=10)
    kept.set("br;/_dash-component-suites/a.v1m2.js", b"12345")
    kept.set("br;", b"never")  # an answer that is no fingerprinted file
    kept.set("gzip;/_dash-component-suites/b.v1m2.js", b"678901")  # over the limit: the oldest goes
    assert kept.get("br;") is None
    assert kept.get("br;/_dash-component-suites/a.v1m2.js") is None
    assert kept.get("gzip;/_dash-component-suites/b.v1m2.js") == b"678901"


def posted(client, app, output: str, values: dict, encoding: str | None = None):
    """A callback request as the browser sends it, offering `encoding` (None: the test client offers nothing)."""
    if encoding is None:
        return post(client, app, output, values)
    client.environ_base["HTTP_ACCEPT_ENCODING"] = encoding
    try:
        return post(client, app, output, values)
    finally:
        del client.environ_base["HTTP_ACCEPT_ENCODING"]


CARDS = f"{ids.page('overview', 'cards')}.children"


@pytest.mark.parametrize(("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_a_callback_answer_is_compressed_and_never_kept(client, app, encoding, decompress):
    values = {f"{ids.PAGE_QUERY}.data": YEAR_SEARCH}
    response = posted(client, app, CARDS, values, encoding)
    plain = posted(client, app, CARDS, values)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert decompress(response.get_data()) == plain.get_data()
    assert response_values(plain)[CARDS]
    for answer in (response, plain):
        assert answer.headers["Cache-Control"] == "private, no-store"
        assert_secure_headers(answer, app)


def test_a_callback_answer_says_the_server_s_time(client, app):
    """`Server-Timing: app;dur=<ms>`: what the browser benchmark reads to tell the server's time from the rest;
    within the time the request took as seen from outside."""
    started = time.perf_counter()
    response = posted(client, app, CARDS, {f"{ids.PAGE_QUERY}.data": YEAR_SEARCH + "&language=ar"})
    outside_ms = (time.perf_counter() - started) * 1000
    match = re.fullmatch(r"app;dur=(\d+\.\d)", response.headers.get("Server-Timing", ""))
    assert match, response.headers.get("Server-Timing")
    assert 0 < float(match.group(1)) <= outside_ms
    assert "Server-Timing" not in client.get("/login").headers  # pages and files: only callbacks say it


def test_pages_are_not_compressed_and_never_kept(client, app):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers  # HTML carries forms' tokens: never compressed (BREACH)
    assert response.headers["Cache-Control"] == "private, no-store"
    assert_secure_headers(response, app)


# --- Plotly's partial bundle --------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "assets" / f"plotly-{get_plotlyjs_version()}-cartesian.min.js"
SOURCES = [path for folder in ("dashboard", "callbacks", "layouts") for path in (ROOT / folder).rglob("*.py")]


def test_the_partial_bundle_is_plotly_s_own_version_and_loads_before_the_dutch_locale(page_links):
    """dcc.Graph uses the `window.Plotly` a script of assets/ defines, instead of fetching Plotly's full bundle:
    the same plotly.js version as the Python package's (a Plotly upgrade must bring the bundle along)."""
    assert BUNDLE.exists(), f"{BUNDLE.name} is missing: see assets/README.md, 'Refreshing'"
    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}" in BUNDLE.read_text(encoding="utf-8")[:200]
    scripts = [link.split("?")[0] for link in page_links if link.startswith("/assets/") and ".js" in link]
    assert scripts.index(f"/assets/{BUNDLE.name}") < scripts.index("/assets/plotly-locale-nl.js")
    assert not [link for link in page_links if "plotly.min.js" in link]


def test_the_partial_bundle_draws_every_kind_of_trace_our_charts_use():
    offered = set(re.findall(r'name:"([a-z0-9]+)",basePlotModule', BUNDLE.read_text(encoding="utf-8")))
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    used = {name.lower() for name in re.findall(r"\bgo\.([A-Z][a-z0-9]+)\(", code)} & PLOTLY_TRACE_TYPES
    used |= set(re.findall(r"\.add_([a-z0-9]+)\(", code)) & PLOTLY_TRACE_TYPES
    used |= set(re.findall(r"""["']type["']\s*:\s*["']([a-z0-9]+)["']""", code)) & PLOTLY_TRACE_TYPES
    assert {"bar", "scatter", "heatmap"} <= used  # the search finds them
    assert used <= offered, f"not in {BUNDLE.name}: {sorted(used - offered)}; take a larger bundle"
