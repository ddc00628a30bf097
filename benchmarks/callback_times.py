"""`python -m benchmarks.callback_times [--runs N] [--pages P...]`: the server time of every page callback that takes
the page's query, cold and warm, in-process (Flask's test client, no network), with the answer's size.

Issue 12's target: a warm callback (same query, data unchanged) answers in <= 20 ms. "cold" is the first request
of a fresh app (aggregate store caught up, query cache empty); "warm" the median of `--runs` requests after it.
Reads the SQLite demo database of `make bench` (`var/bench/demo.sqlite`, scale 1; `--url` for another), with
"now" fixed at its end. `--json-engine json` serialises figures and answers without orjson, for comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCH = "?from=2025-01-01&to=2025-12-31"
PAGES = ("overview", "shortages", "no-shows", "interpreters", "regions", "data-quality", "lead-time", "supply-demand")


def build_app(url: str, store_dir: Path | None, fit_forecast: bool):
    from benchmarks.render import signed_in
    from dashboard import create_app
    from dashboard.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="callback-times-"))
    settings = Settings(
        database_url=url,
        cache_url="simple://",
        now=datetime(2026, 11, 23, 9, tzinfo=UTC),
        store_dir=store_dir or folder / "store",
        state_url=f"sqlite:///{folder / 'state.sqlite'}",
    )
    app = create_app({"settings": settings, "forecast_background": not fit_forecast})
    data = app.server.extensions["stv"].data
    if data.store is not None:
        with app.server.test_request_context():
            assert data.store.wait_for(data.data_version(), timeout=900), "the aggregate store did not catch up"
    data.cache.clear()
    return app, signed_in(app)


def page_bodies(app, page: str) -> list[dict]:
    """The requests of every callback of `page` that takes the page's query (as input or state), the query set to
    SEARCH and every other value left empty (the callbacks' input checks give them their defaults)."""
    from dashboard import ids
    from tests.dash_requests import request_body, server_callbacks

    query = f"{ids.PAGE_QUERY}.data"
    bodies = []
    for key, spec in server_callbacks(app):
        declared = [f"{item['id']}.{item['property']}" for item in spec["inputs"] + spec["state"]]
        if query in declared and f"{page}-" in key:
            bodies.append(request_body(key, spec, {query: SEARCH}, [query]))
    return bodies


def time_page(app, client, page: str, runs: int) -> list[tuple[str, float, float, float, int]]:
    """(callback, cold ms, warm ms, warm CPU ms, answer bytes) per callback. The CPU time is the request's
    thread's own (SQLite runs in it too): on a loaded machine it stays near what the callback costs, when the
    wall time grows with whoever else runs."""
    rows = []
    for body in page_bodies(app, page):
        times, cpu, size = [], [], 0
        for _ in range(runs + 1):
            started, started_cpu = time.perf_counter(), time.thread_time()
            response = client.post("/_dash-update-component", json=body)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            size = len(response.get_data())
            assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
        rows.append((body["output"][:60], times[0], statistics.median(times[1:]), statistics.median(cpu[1:]), size))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'demo.sqlite'}")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json-engine", choices=("auto", "json", "orjson"), default="auto")
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--store-dir", type=Path, help="keep the aggregate store here between runs (default: anew)")
    parser.add_argument(
        "--fit-forecast",
        action="store_true",
        help="fit the demand forecast in the first request (minutes); by default it is fitted in the background and "
        "the forecast callback answers its 'being prepared' note, which is not kept",
    )
    args = parser.parse_args()
    import plotly.io

    plotly.io.json.config.default_engine = args.json_engine
    app, client = build_app(args.url, args.store_dir, args.fit_forecast)
    print(f"| callback | cold ms | warm ms (median of {args.runs}) | warm CPU ms | answer KiB |")
    print("|---|--:|--:|--:|--:|")
    warm = []
    for page in args.pages:
        for name, cold, median, cpu, size in time_page(app, client, page, args.runs):
            warm.append(cpu)
            print(f"| `{name}` | {cold:.0f} | {median:.1f} | {cpu:.1f} | {size / 1024:.1f} |", flush=True)
    print(
        json.dumps(
            {
                "callbacks": len(warm),
                "warm CPU median ms": round(statistics.median(warm), 1),
                "warm CPU max ms": round(max(warm), 1),
                "over 20 ms": sum(m > 20 for m in warm),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
