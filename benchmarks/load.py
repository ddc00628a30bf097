"""`python -m benchmarks.load`: 50 concurrent users against the served dashboard on loopback, bounded in time.

The real `stv-dashboard serve --workers 4` on the benchmark's demo database, with a private redis-server on a free
loopback port as STV_CACHE_URL (cache, sessions and sign-in counters shared by the workers). Chromium first opens
each page once, cold and after a filter change, and the callback requests it sent are kept with their bodies,
grouped in the waves the browser sent together (`benchmarks.browser`). Then locust, as a library in its own process
(`benchmarks.swarm`), starts --users users at --spawn-rate per second; each signs in through /login and replays a
random page's captured callbacks, wave by wave, with --think seconds between pages, for --seconds (default 60).
Reported per page and in total: requests, errors (an answer other than 200/204, or none), median and 95th
percentile; the target (issue 12) is 0 errors and p95 ≤ 1 s. About 2 minutes after the first run (which fits
the demand forecasts: several minutes on a loaded machine, then kept as a seed in var/bench/served/redis-seed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime

from benchmarks.browser import change_filter, filtered, launched_browser, new_context, open_page, page_urls, sign_in
from benchmarks.databases import BENCH_DIR, ROOT, log_stderr
from benchmarks.serving import RedisServer, demo_database, run_folder, served_dashboard

LAYOUT = "layout:"  # a wave's entry that is the page's layout, its URL after this (benchmarks.swarm.LAYOUT)
DEFAULT_PAGES = ("/", "/shortages", "/no-shows", "/interpreters", "/regions", "/data-quality", "/report")
P95_TARGET_MS = 1000


def waves(requests: Sequence[dict]) -> list[list[str]]:
    """Callback request bodies grouped as the browser sent them: a wave is the requests that started before every
    earlier one of the wave had answered."""
    grouped: list[list[str]] = []
    wave_end = None
    for request in sorted(requests, key=lambda r: r["start"]):
        if request.get("body") is None:
            continue
        if wave_end is None or request["start"] > wave_end:
            grouped.append([])
            wave_end = request["end"] if request["end"] is not None else request["start"]
        grouped[-1].append(request["body"])
        wave_end = max(wave_end, request["end"] or request["start"])
    return grouped


def capture(base_url: str, password: str, urls: dict[str, str], region: str) -> dict[str, list[list[list[str]]]]:
    """For each page, the callback waves of a cold visit (after the request for its layout) and of a filter
    change, as Chromium sent them."""
    from playwright.sync_api import sync_playwright

    scenarios = {}
    with sync_playwright() as playwright:
        browser = launched_browser(playwright)
        try:
            state = sign_in(browser, base_url, password)
            for path, url in urls.items():
                context = new_context(browser, state)
                try:
                    page = context.new_page()
                    cold = open_page(page, base_url + url)
                    change = change_filter(page, base_url + filtered(url, region))
                finally:
                    context.close()
                # A visit begins with its layout (callbacks.shell.first_painted: the shell drawn, the page mounted)
                opened = [[LAYOUT + url], *waves(cold.requests)] if cold.seconds is not None else []
                scenarios[path] = [found for found in (opened, waves(change.requests)) if found]
                log_stderr(f"  captured {url}: {[len(w) for w in scenarios[path][0]] if scenarios[path] else '-'}")
        finally:
            browser.close()
    return {path: found for path, found in scenarios.items() if found}


def swarm(base_url: str, password: str, scenarios_file, args) -> dict:
    """Run the users (`benchmarks.swarm`) in their own process; its statistics."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.swarm",
        "--host",
        base_url,
        "--password",
        password,
        "--scenarios",
        str(scenarios_file),
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--seconds",
        str(args.seconds),
        "--think",
        *(str(value) for value in args.think),
    ]
    limit = args.seconds + 900  # sign-ins first, then --seconds; this only bounds a hung process
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=limit)
    if result.returncode != 0:
        raise RuntimeError(f"the load run failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _ms(value) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _sign_in_line(entry: dict | None) -> str:
    if not entry:
        return "none"
    return f"{entry['requests']} posts, {entry['errors']} errors, median {_ms(entry['median_ms'])}"


def report(stats: dict, args, workers: int | None) -> list[str]:
    lines = [
        f"## Load benchmark: {args.users} users, {workers} workers, Redis, {args.seconds:g} s, "
        f"think {args.think[0]:g}–{args.think[1]:g} s\n",
        f"{stats['signed_in']} users signed in within {stats['signing_in_seconds']:g} s before the window "
        f"(sign-in: {_sign_in_line(stats['sign_ins'].get('/login'))}).\n",
        "| requests | count | errors | median | p95 | max |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for name, entry in stats["per_name"].items():
        if not entry["requests"]:  # the sign-in's rows, emptied when the window began
            continue
        lines.append(
            f"| {name} | {entry['requests']:,} | {entry['errors']:,} | {_ms(entry['median_ms'])} | "
            f"{_ms(entry['p95_ms'])} | {_ms(entry['max_ms'])} |"
        )
    total = stats["callbacks"]
    if total:
        lines.append(
            f"| **all (layouts and callbacks)** | **{total['requests']:,}** | **{total['errors']:,}** | "
            f"**{_ms(total['median_ms'])}** | **{_ms(total['p95_ms'])}** | {_ms(total['max_ms'])} |"
        )
        rate = total["requests"] / args.seconds
        met = total["errors"] == 0 and total["p95_ms"] is not None and total["p95_ms"] <= P95_TARGET_MS
        lines.append(
            f"\n{rate:.1f} callback requests per second. Target (issue 12): 0 errors and p95 ≤ {P95_TARGET_MS} ms: "
            f"{'met' if met else 'missed'}."
        )
    for error, count in stats["errors"].items():
        lines.append(f"- {count} × {error}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="users started per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the users run (default 60)")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--page", action="append", default=[], help=f"pages replayed (default {' '.join(DEFAULT_PAGES)})"
    )
    parser.add_argument(
        "--prepare-only", action="store_true", help="only start the server once (its Redis seed kept), then stop"
    )
    args = parser.parse_args(argv)
    if args.users < 1 or not 0 < args.seconds <= 3600 or args.workers < 1:
        parser.error("--users and --workers must be at least 1, --seconds between 0 and 3600")
    started = time.monotonic()
    database = demo_database(log_stderr)
    urls, region = page_urls(database, args.page or DEFAULT_PAGES)
    folder = run_folder("load")
    redis = RedisServer()
    cache_url = redis.start()
    try:
        with served_dashboard(folder, database, log_stderr, args.workers, cache_url) as (dashboard, password):
            redis.keep_seed()
            if args.prepare_only:
                log_stderr(f"load: prepared (seed in {redis.folder}) in {time.monotonic() - started:.0f} s")
                return 0
            log_stderr("load: capturing the pages' callback requests in Chromium")
            scenarios = capture(dashboard.base_url, password, urls, region)
            scenarios_file = folder / "scenarios.json"
            scenarios_file.write_text(json.dumps(scenarios), encoding="utf-8")
            log_stderr(f"load: {args.users} users for {args.seconds:g} s")
            stats = swarm(dashboard.base_url, password, scenarios_file, args)
            problems = dashboard.problems()
            workers = dashboard.workers
    finally:
        redis.stop()
    results = BENCH_DIR / "results"
    results.mkdir(parents=True, exist_ok=True)
    saved = results / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
    saved.write_text(json.dumps({"args": vars(args), "stats": stats}, indent=1) + "\n", encoding="utf-8")
    print("\n".join(report(stats, args, workers)))
    if problems:
        print(f"\nServer errors in the log ({len(problems)}): " + "; ".join(problems[:5]))
    log_stderr(f"load benchmark done in {time.monotonic() - started:.0f} s; raw results in {saved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
