"""`python -m benchmarks.browser`: every page drawn in headless Chromium, cold, warm and after a filter change.

The real `stv-dashboard serve` (gunicorn, serve's default workers unless --workers) serves the benchmark's demo
database (var/bench/demo.sqlite); beside it the floor page (`benchmarks.floor`: a minimal Dash app with one cached
Plotly chart) runs under the same gunicorn command line. Playwright drives Debian's Chromium, signed in through
/login as an account made for the run (manager and admin, so that every page of `layouts.PAGES` opens;
drill-down paths get the busiest organisation's ids).

A page is drawn when every callback has answered, nothing is loading and the browser has done the work their answers
started (React's render, Plotly's drawing): no `/_dash-update-component` request in flight (counted by a wrapper
around `window.fetch`, until the body is read), no `[data-dash-is-loading="true"]`, and no busy main thread (a
BUSY_GAP_MS gap between two ticks of a TICK_MS timer), for QUIET_MS in a row; its time is the moment that quiet
began, from the navigation's start (performance.now()). Before commit e28eaf8 the busy main thread did not count:
the last answer's charts were drawn after the page's time, so a page of eight charts took no longer than one.
Per page and run, in a new browser context (an empty browser cache):
- cold: the first visit; warm: the same URL again in the same context (the browser's cache as a person has it);
- filter change: the URL gains `region=<code>` as a link or the filter bar writes it (pushState), no reload.
Before the measured runs one unmeasured pass visits every page once (cold and filter change), so that every
measured run finds the server's cache filled as a second visitor does; that pass's cold time is shown as
"first visit" (empty server cache). Callbacks, their payload (decoded JSON size) and the bytes on the wire
(Resource Timing's transferSize: compressed size plus headers, 0 from the browser's cache) come from the page.
Medians over --runs (default 3). About 15 minutes for every page with 3 runs on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.databases import BENCH_DIR, Log, log_stderr
from benchmarks.serving import ACCOUNT, FLOOR_CHARTS, demo_database, run_folder, served_dashboard, served_floor
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # one set of flags for the suite and the benchmarks

CONTEXT_OPTIONS = {"viewport": {"width": 1400, "height": 1000}, "locale": "nl-BE"}
QUIET_MS = 600  # nothing in flight, nothing loading and an idle main thread for this long: the page is drawn
TICK_MS, BUSY_GAP_MS = 15, 40  # a tick that comes this late found the main thread busy (rendering, drawing)
TIMEOUT_MS = 120_000  # one measurement gives up after this (shown as "–")
CALLBACK_PATH = "/_dash-update-component"
KIB = 1024
ASSET_SUFFIXES = (".js", ".css", ".map", ".woff", ".woff2", ".ttf", ".png", ".svg", ".ico", ".jpg", ".webp")

# Targets of issue 12 (ratios to the floor measured in the same run).
WARM_RATIO, COLD_RATIO = 1.5, 2.0
PAYLOAD_LIMIT = 100 * KIB
WARM_SERVER_MS = 20  # a warm callback's server time (its answer kept by the output cache)
COLD_ASSETS_LIMIT = 1.5e6

# Runs in every document before the page's scripts: counts callback requests in flight and notes when the page
# became quiet (no request in flight, nothing loading); keeps each request's body and its start and end.
INIT_SCRIPT = """
(() => {
  performance.setResourceTimingBufferSize(5000);
  const state = {pending: 0, started: 0, requests: [], idleSince: null, lastTick: performance.now()};
  window.__stvBench = state;
  const check = () => {
    const loading = document.querySelector('[data-dash-is-loading="true"], ._dash-loading');
    const idle = state.pending === 0 && !loading;
    if (!idle) state.idleSince = null;
    else if (state.idleSince === null) state.idleSince = performance.now();
  };
  state.check = check;
  const tick = () => {
    const now = performance.now();
    if (now - state.lastTick > BUSY_GAP_MS) state.idleSince = null;  // the main thread was busy until now
    state.lastTick = now;
    check();
  };
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('/_dash-update-component')) return original(input, init);
    const body = init && typeof init.body === 'string' ? init.body : null;
    const request = {start: performance.now(), end: null, body};
    state.requests.push(request);
    state.pending += 1; state.started += 1; state.idleSince = null;
    const done = () => { if (request.end === null) { request.end = performance.now(); state.pending -= 1; check(); } };
    const answer = original(input, init);
    answer.then((response) => response.clone().arrayBuffer().then(done, done), done);
    return answer;
  };
  setInterval(tick, TICK_MS);
})();
""".replace("BUSY_GAP_MS", str(BUSY_GAP_MS)).replace("TICK_MS", str(TICK_MS))

# Quiet for QUIET_MS after more than `after` callback requests and after the moment `since`.
QUIET_CONDITION = """([quiet, after, since]) => {
  const s = window.__stvBench;
  if (!s || !document.body) return false;
  s.check();
  const quietFor = s.idleSince === null ? -1 : performance.now() - s.idleSince;
  return s.started > after && s.idleSince !== null && s.idleSince >= since && quietFor >= quiet && {at: s.idleSince};
}"""

READ_RESOURCES = """([since, until]) => {
  const entries = performance.getEntriesByType('resource').filter((e) => e.startTime >= since && e.startTime <= until);
  const nav = performance.getEntriesByType('navigation')[0];
  const server = (e) => {
    const found = (e.serverTiming || []).find((t) => t.name === 'app');
    return found ? found.duration : null;
  };
  const pick = (e) => ({name: e.name, transfer: e.transferSize, decoded: e.decodedBodySize, server: server(e)});
  const resources = entries.map(pick);
  if (nav && since === 0) resources.push(pick(nav));
  return {resources, requests: window.__stvBench.requests};
}"""

# Every chart the page drew: the figure Plotly was given, the graph's config (without its functions) and its size.
READ_CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((graph) => {
  const box = graph.getBoundingClientRect();
  const skip = (key, value) => typeof value === 'function' || ['locales', 'dictionaries'].includes(key)
    || key[0] === '_'
  const config = JSON.parse(JSON.stringify(graph._context || {}, (key, value) => skip(key, value) ? undefined : value));
  const figure = {data: graph.data, layout: graph.layout};
  return {figure, config, width: Math.round(box.width), height: Math.round(box.height)};
})"""

# A filter change as a link or the filter bar makes it: the URL's query changes without a reload.
CHANGE_URL = """(href) => {
  const since = performance.now();
  window.__stvBench.idleSince = null;
  window.history.pushState({}, '', href);
  window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
  return since;
}"""


@dataclass
class Visit:
    """One measurement: seconds until drawn (None: not drawn within TIMEOUT_MS) and what went over the wire."""

    seconds: float | None
    callbacks: int = 0
    payload: int = 0  # decoded bytes of every callback answer
    largest: int = 0  # the largest callback answer, decoded
    callback_wire: int = 0
    assets_wire: int = 0  # static files (scripts, styles, fonts, images) on the wire
    assets_decoded: int = 0
    page_wire: int = 0  # the document, _dash-layout and _dash-dependencies on the wire (never cached: not assets)
    server_ms: float = 0  # the slowest callback answer's server time (its Server-Timing, dashboard.delivery)
    assets_fetched: list[str] = field(default_factory=list, repr=False)  # assets that went over the wire (a 304 too)
    requests: list[dict] = field(default_factory=list, repr=False)  # the callback requests (bodies, start, end)


@dataclass
class PageResult:
    path: str
    url: str
    first: Visit | None = None
    cold: list[Visit] = field(default_factory=list)
    warm: list[Visit] = field(default_factory=list)
    change: list[Visit] = field(default_factory=list)
    charts: list[Visit] = field(default_factory=list)  # its charts alone, warm (the floor's /charts/)
    chart_count: int = 0


def measure_visit(page, since: float, after: int) -> Visit:
    """Wait until the page is quiet (after `after` callback requests, from performance.now() `since`) and read
    what it loaded since then."""
    try:
        quiet = page.wait_for_function(QUIET_CONDITION, arg=[QUIET_MS, after, since], timeout=TIMEOUT_MS, polling=50)
        drawn_at = quiet.json_value()["at"]  # read with the condition: a later callback (a timer) may start now
    except Exception as error:  # noqa: BLE001 - a timeout or a closed page: this measurement is lost, not the run
        log_stderr(f"    not drawn within {TIMEOUT_MS / 1000:.0f} s: {str(error).splitlines()[0]}")
        return Visit(None)
    found = page.evaluate(READ_RESOURCES, [since, drawn_at])
    kinds = {"callback": [], "asset": [], "page": []}
    for resource in found["resources"]:
        kinds[_kind(urlsplit(resource["name"]).path)].append(resource)
    callbacks, assets, page_data = kinds["callback"], kinds["asset"], kinds["page"]
    requests = [r for r in found["requests"] if since <= r["start"] <= drawn_at]
    return Visit(
        seconds=(drawn_at - since) / 1000,
        callbacks=len(callbacks),
        payload=sum(r["decoded"] for r in callbacks),
        largest=max((r["decoded"] for r in callbacks), default=0),
        callback_wire=sum(r["transfer"] for r in callbacks),
        assets_wire=sum(r["transfer"] for r in assets),
        assets_decoded=sum(r["decoded"] for r in assets),
        page_wire=sum(r["transfer"] for r in page_data),
        server_ms=max((r["server"] or 0 for r in callbacks), default=0),
        assets_fetched=sorted({urlsplit(r["name"]).path for r in assets if r["transfer"] > 0}),
        requests=requests,
    )


def _kind(path: str) -> str:
    """A callback; an asset (a static file: scripts, styles, fonts, images, Dash's component suites and the app's
    assets/ folder); or the page's own data (the document, `_dash-layout`, `_dash-dependencies`, `_reload-hash`)."""
    if path.endswith(CALLBACK_PATH):
        return "callback"
    static = path.startswith(("/assets/", "/_dash-component-suites/")) or path.endswith(ASSET_SUFFIXES)
    return "asset" if static else "page"


def open_page(page, url: str) -> Visit:
    """Navigate to `url` and measure until drawn (from the navigation's start)."""
    try:
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    except Exception as error:  # noqa: BLE001
        log_stderr(f"    navigation failed: {str(error).splitlines()[0]}")
        return Visit(None)
    return measure_visit(page, 0, -1)  # (a page drawn with its layout may send no callback at all)


def change_filter(page, url: str) -> Visit:
    """Change the page's URL to `url` in place (a filter change) and measure until drawn again."""
    started = page.evaluate("() => window.__stvBench.started")
    since = page.evaluate(CHANGE_URL, url)
    return measure_visit(page, since, started)


def new_context(browser, storage_state: dict | None):
    context = browser.new_context(**CONTEXT_OPTIONS, storage_state=storage_state)
    context.add_init_script(INIT_SCRIPT)
    return context


def sign_in(browser, base_url: str, password: str) -> dict:
    """The cookies of a session signed in through the form at /login."""
    context = browser.new_context(**CONTEXT_OPTIONS)
    page = context.new_page()
    page.goto(base_url + "/login", timeout=TIMEOUT_MS)
    page.fill("#username", ACCOUNT)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url, timeout=TIMEOUT_MS)
    state = context.storage_state()
    context.close()
    return state


def page_urls(database: Path, only: Sequence[str] = ()) -> tuple[dict[str, str], str]:
    """Every page of `layouts.PAGES` with its drill-down variables filled from the database (the busiest
    organisation, its local government and region), and the region code used for the filter change."""
    import layouts
    from dashboard.db import Database
    from queries.places import select_busiest_organisation, select_organisations

    layouts.load_pages()
    db = Database(f"sqlite:///{database}")
    try:
        busiest = db.frame(select_busiest_organisation()).iloc[0]
        organisations = db.frame(select_organisations()).set_index("id")
    finally:
        db.dispose()
    organisation = int(busiest.organisation_id)
    variables = {
        "region_code": str(busiest.region_code),
        "organisation_id": str(organisation),
        "local_government_id": str(int(organisations.loc[organisation, "local_government_id"])),
    }
    urls = {}
    for page in sorted(layouts.PAGES.values(), key=lambda page: (page.order, page.path)):
        path = page.path
        for name, value in variables.items():
            path = path.replace(f"<{name}>", value)
        if not only or page.path in only or path in only:
            urls[page.path] = path
    return urls, variables["region_code"]


def filtered(url: str, region: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}region={region}"


def measure_pages(
    browser, servers: tuple[str, str, Path], state: dict, urls: dict[str, str], region: str, runs: int, log: Log
):
    """The results of every page and of the floor: one unmeasured pass (the server's cache filled), then `runs`
    measured ones, each starting with the floor (so that it sees the same moment of a shared machine); after each
    measured page its charts alone (the floor's /charts/, from `charts_file`)."""
    base_url, floor_url, charts_file = servers
    results = {path: PageResult(path, url) for path, url in urls.items()}
    floor = PageResult("floor", "/")
    for run in range(runs + 1):
        log(f"browser: {'first pass (empty server cache)' if run == 0 else f'run {run} of {runs}'}")
        if run:
            measure_floor(browser, floor_url, floor, log)
        for result in results.values():
            cold, warm, change, charts = visit_page(browser, state, base_url, result.url, region, warm=run > 0)
            if run == 0:
                result.first = cold
                log(f"  {result.url}: first visit {_short(cold)}, filter change {_short(change)}")
                continue
            result.cold.append(cold)
            result.warm.append(warm)
            result.change.append(change)
            result.chart_count = len(charts)
            result.charts.append(measure_charts(browser, floor_url, charts, charts_file))
            log(
                f"  {result.url}: cold {_short(cold)}, warm {_short(warm)}, filter change {_short(change)}, "
                f"its {len(charts)} chart(s) alone {_short(result.charts[-1])}"
            )
    return list(results.values()), floor


def visit_page(browser, state: dict, base_url: str, url: str, region: str, warm: bool) -> tuple:
    """Cold, warm (unless not `warm`: None) and filter change of one page in a new context, and the charts it drew
    on the warm visit (READ_CHARTS); a measurement that fails is lost (Visit(None)), not the run."""
    cold = later = change = Visit(None)
    charts = []
    context = new_context(browser, state)
    try:
        page = context.new_page()
        cold = open_page(page, base_url + url)
        later = open_page(page, base_url + url) if warm else None
        charts = page.evaluate(READ_CHARTS) if later and later.seconds else []
        change = change_filter(page, base_url + filtered(url, region)) if cold.seconds else Visit(None)
    except Exception as error:  # noqa: BLE001 - a crashed page or browser error: said, and the run goes on
        log_stderr(f"    {url}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    finally:
        context.close()
    return cold, later, change, charts


def measure_floor(browser, base_url: str, result: PageResult, log: Log) -> None:
    """One cold and one warm visit of the floor page, added to `result`."""
    context = new_context(browser, None)
    try:
        page = context.new_page()
        result.cold.append(open_page(page, base_url + "/"))
        result.warm.append(open_page(page, base_url + "/"))
    finally:
        context.close()
    log(f"  floor: cold {_short(result.cold[-1])}, warm {_short(result.warm[-1])}")


def measure_charts(browser, base_url: str, charts: list[dict], charts_file: Path) -> Visit:
    """A warm visit of the floor's /charts/ drawing `charts` (none: no visit, Visit(None))."""
    if not charts:
        return Visit(None)
    charts_file.write_text(json.dumps(charts), encoding="utf-8")
    context = new_context(browser, None)
    try:
        page = context.new_page()
        open_page(page, base_url + "/charts/")
        return open_page(page, base_url + "/charts/")
    except Exception as error:  # noqa: BLE001 - as in visit_page: this measurement is lost, not the run
        log_stderr(f"    /charts/: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        return Visit(None)
    finally:
        context.close()


def _short(visit: Visit | None) -> str:
    return "-" if visit is None or visit.seconds is None else f"{visit.seconds:.2f} s"


def median_visit(visits: Sequence[Visit | None]) -> Visit:
    """The medians of the measured values (visits not drawn left out); seconds None when none was drawn."""
    drawn = [visit for visit in visits if visit is not None and visit.seconds is not None]
    if not drawn:
        return Visit(None)

    def middle(name: str) -> float:
        return statistics.median(getattr(visit, name) for visit in drawn)

    names = (
        "seconds",
        "callbacks",
        "payload",
        "largest",
        "callback_wire",
        "assets_wire",
        "assets_decoded",
        "page_wire",
        "server_ms",
    )
    return Visit(**{name: middle(name) for name in names})


def launched_browser(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# --- the report -------------------------------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _kib(value: float | None) -> str:
    return "–" if value is None else f"{value / KIB:,.0f} KiB"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1e6:.2f} MB"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _ratio(value: float | None, floor: float | None) -> str:
    return "–" if value is None or not floor else f"{value / floor:.2f}×"


def table(results: Sequence[PageResult], floor: PageResult) -> list[str]:
    """The Markdown table of the medians, the floor first."""
    floor_cold, floor_warm = median_visit(floor.cold), median_visit(floor.warm)
    lines = [
        "| page | first visit (empty server cache) | cold | warm (second visit) | filter change | callbacks "
        "| callback payload (cold) | largest callback | assets cold (wire / decoded) | assets warm (wire) "
        "| slowest callback, server time (warm) | cold / floor | warm / floor | charts | its charts alone (warm) "
        "| warm / its charts |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        f"| floor (minimal Dash page, one chart) | – | {_seconds(floor_cold.seconds)} | "
        f"{_seconds(floor_warm.seconds)} | – | {floor_cold.callbacks:g} | {_kib(floor_cold.payload)} | "
        f"{_kib(floor_cold.largest)} | {_mb(floor_cold.assets_wire)} / {_mb(floor_cold.assets_decoded)} | "
        f"{_mb(floor_warm.assets_wire)} | – | 1.00× | 1.00× | 1 | – | – |",
    ]
    for result in results:
        cold, warm, change = median_visit(result.cold), median_visit(result.warm), median_visit(result.change)
        charts = median_visit(result.charts)
        first = result.first.seconds if result.first else None
        lines.append(
            f"| `{result.url}` | {_seconds(first)} | {_seconds(cold.seconds)} | {_seconds(warm.seconds)} | "
            f"{_seconds(change.seconds)} | {cold.callbacks:g} | {_kib(cold.payload)} | {_kib(cold.largest)} | "
            f"{_mb(cold.assets_wire)} / {_mb(cold.assets_decoded)} | {_mb(warm.assets_wire)} | "
            f"{_ms(warm.server_ms if warm.seconds else None)} | "
            f"{_ratio(cold.seconds, floor_cold.seconds)} | {_ratio(warm.seconds, floor_warm.seconds)} | "
            f"{result.chart_count} | {_seconds(charts.seconds)} | {_ratio(warm.seconds, charts.seconds)} |"
        )
    return lines


def verdicts(results: Sequence[PageResult], floor: PageResult) -> list[str]:
    """One line per target of issue 12: met, or the pages that miss it."""
    floor_cold, floor_warm = median_visit(floor.cold).seconds, median_visit(floor.warm).seconds
    medians = {r.url: (median_visit(r.cold), median_visit(r.warm), median_visit(r.change)) for r in results}

    def over(limit, value) -> list[str]:
        return [url for url, visits in medians.items() if value(*visits) is None or value(*visits) > limit]

    def ratio(seconds, floor_seconds):
        return None if seconds is None or not floor_seconds else seconds / floor_seconds

    checks = [
        (f"warm ≤ {WARM_RATIO}× floor", over(WARM_RATIO, lambda c, w, f: ratio(w.seconds, floor_warm))),
        (f"cold ≤ {COLD_RATIO}× floor", over(COLD_RATIO, lambda c, w, f: ratio(c.seconds, floor_cold))),
        (
            "no callback payload > 100 KiB (cold and filter change)",
            over(PAYLOAD_LIMIT, lambda c, w, f: max(c.largest, f.largest) if c.seconds else None),
        ),
        (
            f"every warm callback ≤ {WARM_SERVER_MS} ms of server time",
            over(WARM_SERVER_MS, lambda c, w, f: w.server_ms if w.seconds else None),
        ),
        ("cold assets ≤ 1.5 MB on the wire", over(COLD_ASSETS_LIMIT, lambda c, w, f: c.assets_wire or None)),
        ("warm assets 0 bytes on the wire", over(0, lambda c, w, f: w.assets_wire if w.seconds else None)),
    ]
    lines = [f"- {name}: {_verdict(missing, len(medians))}" for name, missing in checks]
    charted = {r.url: (median_visit(r.warm).seconds, median_visit(r.charts).seconds) for r in results if r.chart_count}
    beyond = [url for url, (warm, charts) in charted.items() if (ratio(warm, charts) or float("inf")) > WARM_RATIO]
    lines.append(
        f"- (not a target: what a page adds to drawing its charts) warm ≤ {WARM_RATIO}× its charts alone: "
        f"{_verdict(beyond, len(charted))}"
    )
    return lines


def _verdict(missing: Sequence[str], total: int) -> str:
    return "met" if not missing else f"missed by {len(missing)} of {total}: " + ", ".join(missing)


def save(results: Sequence[PageResult], floor: PageResult, meta: dict) -> Path:
    folder = BENCH_DIR / "results"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"browser-{datetime.now():%Y%m%d-%H%M%S}.json"
    payload = {"meta": meta, "floor": asdict(floor), "pages": [asdict(result) for result in results]}
    path.write_text(json.dumps(payload, indent=1, default=str) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs per page (medians; default 3)")
    parser.add_argument("--page", action="append", default=[], help="only this path of layouts.PAGES (repeatable)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: serve's default)")
    parser.add_argument("--cache-url", help="STV_CACHE_URL for the served dashboard (default: the app's default)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    database = demo_database(log_stderr)
    urls, region = page_urls(database, args.page)
    if not urls:
        parser.error(f"no page of layouts.PAGES matches {args.page}")
    folder = run_folder("browser")
    with served_dashboard(folder, database, log_stderr, args.workers, args.cache_url) as (dashboard, password):
        with served_floor(folder, dashboard.workers or 1, log_stderr) as floor_server, sync_playwright() as pw:
            browser = launched_browser(pw)
            try:
                state = sign_in(browser, dashboard.base_url, password)
                servers = (dashboard.base_url, floor_server.base_url, folder / FLOOR_CHARTS)
                results, floor = measure_pages(browser, servers, state, urls, region, args.runs, log_stderr)
            finally:
                browser.close()
        problems = dashboard.problems()
    meta = {
        "runs": args.runs,
        "workers": dashboard.workers,
        "cache_url": args.cache_url,
        "seconds": round(time.monotonic() - started),
        "load": _load_average(),
    }
    path = save(results, floor, meta)
    print(
        f"## Browser benchmark: {len(results)} pages, medians of {args.runs} run(s), {dashboard.workers} worker(s), "
        f"load average {meta['load']}\n"
    )
    print("\n".join(table(results, floor)))
    print("\nTargets (issue 12):")
    print("\n".join(verdicts(results, floor)))
    if problems:
        print(f"\nServer errors in the log ({len(problems)}): " + "; ".join(problems[:5]))
    log_stderr(f"browser benchmark done in {meta['seconds']} s; raw results in {path}")
    return 0


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
