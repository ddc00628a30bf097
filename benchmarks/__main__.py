"""`python -m benchmarks` (`make bench`): time every query and view, uncached and cached, and print tables.

Progress goes to stderr, the Markdown tables to stdout. The exit code is 0 even when targets are missed: this
measures, it does not judge. Setup failures (a database that cannot be built) exit 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.databases import (
    BENCH_DIR,
    ROOT,
    DemoSpec,
    PostgresCluster,
    log_stderr,
    postgres_bin,
    read_loads,
    sqlite_demo,
)

DEFAULT_NOW = "2026-11-23T09:00:00Z"
CACHED_TARGET_MS = 20.0
NOT_FETCHED = " (no view fetches it)"


@dataclass(frozen=True)
class Target:
    label: str  # e.g. "SQLite, scale 1"
    uncached_ms: float


@dataclass
class Row:
    query: str
    scenario: str
    rows: int
    uncached: list[float] = field(default_factory=list)  # milliseconds, each timed run
    cached: list[float] = field(default_factory=list)
    error: str = ""
    fetched_by_views: bool = True

    @property
    def uncached_median(self) -> float:
        return statistics.median(self.uncached) if self.uncached else float("nan")

    @property
    def cached_median(self) -> float:
        return statistics.median(self.cached) if self.cached else float("nan")


@dataclass
class Report:
    title: str
    target: Target
    facts: list[str]
    runs: int  # uncached runs asked for; a slow case may have had fewer
    rows: list[Row] = field(default_factory=list)

    def misses(self) -> list[tuple[str, Row, float]]:
        """(which, row, median / target) for every median over its target."""
        found = []
        for row in self.rows:
            if row.error:
                continue
            if row.uncached_median > self.target.uncached_ms:
                found.append(("uncached", row, row.uncached_median / self.target.uncached_ms))
            if row.cached_median > CACHED_TARGET_MS:
                found.append(("cached", row, row.cached_median / CACHED_TARGET_MS))
        return found


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.chdir(ROOT)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops PostgreSQL
    spec_now = args.now
    reports: list[Report] = []
    started = time.perf_counter()
    log_stderr(f"load average at start: {_load()}")
    try:
        if not args.skip_sqlite:
            url = sqlite_demo(DemoSpec(args.sqlite_scale, args.seed, spec_now), log_stderr)
            reports.append(run_database(url, f"SQLite, scale {args.sqlite_scale:g}", Target("SQLite", 300.0), args))
            _print(reports[-1])
        if not args.skip_postgres:
            bin_dir = Path(args.pg_bin) if args.pg_bin else postgres_bin()
            if bin_dir is None or not (bin_dir / "initdb").exists():
                log_stderr("PostgreSQL server binaries not found (apt-get install postgresql); skipping PostgreSQL")
            else:
                cluster = PostgresCluster(bin_dir)
                try:
                    cluster.start()
                    url = cluster.demo(DemoSpec(args.scale, args.seed, spec_now))
                    reports.append(
                        run_database(url, f"PostgreSQL, scale {args.scale:g}", Target("PostgreSQL", 1000.0), args)
                    )
                    _print(reports[-1])
                finally:
                    cluster.stop()
    except KeyboardInterrupt:
        log_stderr("interrupted")
        return 130
    except RuntimeError as error:
        log_stderr(f"error: {error}")
        return 1
    _print_summary(reports)
    _save(reports, args)
    log_stderr(f"done in {time.perf_counter() - started:.0f} s; load average at end: {_load()}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time every query function and view of the dashboard, uncached (Database.frame) and cached "
        "(DataAccess.fetch), on the demo database in SQLite and in PostgreSQL. The databases are built "
        "once under var/bench and reused. Progress on stderr, Markdown tables on stdout.",
        epilog="Targets: uncached <= 300 ms on SQLite (demo scale), <= 1 s on PostgreSQL (scale 10); cached <= 20 ms. "
        "Misses are flagged and summarised; the exit code stays 0.",
    )
    parser.add_argument(
        "--runs", type=_positive_int, default=5, help="timed uncached runs per case, after one warm-up (default 5)"
    )
    parser.add_argument(
        "--cached-runs",
        type=_positive_int,
        default=20,
        help="timed cached runs per case, after one priming call (default 20)",
    )
    parser.add_argument(
        "--scale",
        type=_positive_float,
        default=10.0,
        help="demo volume for PostgreSQL (default 10; built once, many minutes)",
    )
    parser.add_argument("--sqlite-scale", type=_positive_float, default=1.0, help="demo volume for SQLite (default 1)")
    parser.add_argument("--seed", type=int, default=2022, help="demo seed (default 2022)")
    parser.add_argument(
        "--now", default=DEFAULT_NOW, help=f"STV_NOW for building the demo data (default {DEFAULT_NOW})"
    )
    parser.add_argument(
        "--case-budget",
        type=_positive_float,
        default=60.0,
        metavar="SECONDS",
        help="fewer uncached runs (at least 1) when a case's warm-up shows they would take longer "
        "than this (default 60); the table then shows the number of runs",
    )
    parser.add_argument("--skip-postgres", action="store_true", help="only SQLite")
    parser.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        action="append",
        help="only rows whose query or scenario contains TEXT (repeatable; any may match)",
    )
    parser.add_argument(
        "--cache",
        default="simple://",
        help="cache backend as in STV_CACHE_URL: simple:// (default), filesystem://PATH, redis://...",
    )
    parser.add_argument(
        "--no-store",
        action="store_true",
        help="do not build the dashboard's aggregate store and replica (views then read only the database)",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="time the views also with the aggregate store only and with the replica only",
    )
    parser.add_argument("--pg-bin", help="PostgreSQL server bin folder (default: newest /usr/lib/postgresql/*/bin)")
    return parser


def run_database(url: str, title: str, target: Target, args) -> Report:
    """Time every case on the database at `url`."""
    from flask import Flask
    from flask_caching import Cache

    from benchmarks.cases import SKIPPED, build_cases, make_replica, make_store
    from dashboard.cache import cache_config
    from dashboard.db import BACKGROUND_TIMEOUT_SECONDS, Database
    from dashboard.settings import Settings

    database = Database(url, timeout=BACKGROUND_TIMEOUT_SECONDS)  # scale-10 queries outlast the 20 s one
    config = cache_config(Settings(cache_url=args.cache, cache_dir=BENCH_DIR / "cache"))
    cache = Cache(Flask("bench"), config={**config, "CACHE_KEY_PREFIX": "bench:"})
    cache.clear()
    report = Report(title, target, _facts(database, url, config, args), args.runs)
    store, store_facts = (
        (None, ["aggregate store: not used (--no-store)"])
        if args.no_store
        else make_store(
            database, BENCH_DIR / "stores" / f"{re.sub(r'[^a-z0-9]+', '-', title.lower())}.sqlite", log_stderr
        )
    )
    report.facts += store_facts
    replica, replica_facts = (
        (None, ["replica: not used (--no-store)"])
        if args.no_store
        else make_replica(database, BENCH_DIR / "replicas" / re.sub(r"[^a-z0-9]+", "-", title.lower()), log_stderr)
    )
    report.facts += replica_facts
    cases = build_cases(database, cache, store, replica=replica, compare=args.compare)
    if SKIPPED:
        log_stderr(f"not timed (arguments other than `filters`, or not a statement): {', '.join(sorted(set(SKIPPED)))}")
    if args.only:
        cases = [c for c in cases if any(t.lower() in f"{c.query} {c.scenario}".lower() for t in args.only)]
    log_stderr(f"{title}: {len(cases)} cases, {args.runs} uncached + {args.cached_runs} cached runs each")
    for number, case in enumerate(cases, 1):
        row = Row(case.query, case.scenario, 0, fetched_by_views=case.fetched_by_views)
        try:
            started = time.perf_counter()
            row.rows = _size(case.uncached())  # warm-up (page cache, plan cache, compiled-statement cache)
            warm_up = time.perf_counter() - started
            # A very slow case gets fewer uncached runs (at least 1), so one query cannot take the whole run.
            runs = max(1, min(args.runs, int(args.case_budget / max(warm_up, 1e-3))))
            row.uncached = [_time(case.uncached) for _ in range(runs)]
            case.cached()  # priming: executes and stores
            row.cached = [_time(case.cached) for _ in range(args.cached_runs)]
        except Exception as error:  # noqa: BLE001 - one broken case must not stop the others
            row.error = f"{type(error).__name__}: {str(error).splitlines()[0][:120] if str(error) else ''}"
            log_stderr(f"{title} [{number}/{len(cases)}] {case.query} | {case.scenario}: ERROR {row.error}")
            report.rows.append(row)
            continue
        report.rows.append(row)
        log_stderr(
            f"{title} [{number}/{len(cases)}] {case.query} | {case.scenario}: rows {row.rows}, "
            f"uncached {_ms(row.uncached_median)} ms, cached {_ms(row.cached_median, 2)} ms"
        )
    for derived in (store, replica):
        if derived is not None and hasattr(derived, "dispose"):
            derived.dispose()
    database.dispose()
    return report


def _facts(database, url: str, config: dict, args) -> list[str]:
    from sqlalchemy import text

    with database.engine.connect() as conn:
        requests = conn.execute(text("SELECT count(*) FROM requests")).scalar_one()
        if database.engine.dialect.name == "sqlite":
            version = f"SQLite {sqlite3.sqlite_version}"
        else:
            version = conn.execute(text("SHOW server_version")).scalar_one().split()[0]
            version = f"PostgreSQL {version}"
    facts = [
        f"{version}, {requests:,} requests, seed {args.seed}, now {args.now}",
        f"uncached: Database.frame(builder(...)), 1 warm-up + median of {args.runs}; views on a cache that keeps "
        f"only the data-version probe",
        f"cached: DataAccess.fetch, 1 priming call + median of {args.cached_runs}; cache {config['CACHE_TYPE']}",
        f"code: {_code_state()}",
        f"load average {_load()}",
    ]
    name = url.rsplit("/", 1)[-1]
    for key, load in read_loads().items():
        if not key.endswith(":" + name):
            continue
        if "load_seconds" in load:
            facts.append(
                f"built {load['built']}: demo-db load {load['load_seconds']:,.0f} s, "
                f"VACUUM ANALYZE {load['vacuum_analyze_seconds']:,.0f} s, {load['size']}"
            )
        elif "seconds" in load:
            facts.append(
                f"built {load['built']}: demo-db {load['seconds']:,.0f} s (no ANALYZE, as `make run` builds it)"
            )
    return facts


def _print(report: Report) -> None:
    limit = report.target.uncached_ms
    out = [f"### {report.title}", ""]
    out += [f"- {fact}" for fact in report.facts]
    out += [
        f"- targets: uncached <= {_ms(limit)} ms, cached <= {CACHED_TARGET_MS:g} ms; "
        "uncached/target = uncached median / its target",
        "",
    ]
    out.append("| query | scenario | rows | uncached ms | uncached/target | cached ms | over target |")
    out.append("|---|---|--:|--:|--:|--:|---|")
    for row in report.rows:
        if row.error:
            out.append(f"| {row.query} | {row.scenario} | | | | | error: {row.error.replace('|', '/')} |")
            continue
        over = [name for name, miss, _ in report.misses() if miss is row]
        runs = "" if len(row.uncached) == report.runs else f" (n={len(row.uncached)})"
        out.append(
            f"| {row.query} | {row.scenario} | {row.rows:,} | {_ms(row.uncached_median)}{runs} | "
            f"{row.uncached_median / limit:.2f} | {_ms(row.cached_median, 2)} | "
            f"{' + '.join(f'**{name}**' for name in over)}{'' if row.fetched_by_views else NOT_FETCHED} |"
        )
    print("\n".join(out) + "\n", flush=True)


def _print_summary(reports: list[Report]) -> None:
    out = ["### Over target", ""]
    for report in reports:
        misses = sorted(report.misses(), key=lambda m: -m[2])
        errors = [row for row in report.rows if row.error]
        if errors:
            out.append(
                f"- {report.title}: {len(errors)} rows failed: "
                + "; ".join(f"{row.query} | {row.scenario}: {row.error}" for row in errors)
            )
        if not misses:
            out.append(f"- {report.title}: every median within target ({len(report.rows)} rows)")
            continue
        rows = len({id(row) for _, row, _ in misses})
        out.append(f"- {report.title}: {len(misses)} misses in {rows} of {len(report.rows)} rows")
        for which, row, factor in misses:
            value = row.uncached_median if which == "uncached" else row.cached_median
            out.append(
                f"  - {which} {row.query} | {row.scenario}: {_ms(value, 2 if which == 'cached' else 1)} ms "
                f"({factor:.1f}x target){'' if row.fetched_by_views else NOT_FETCHED}"
            )
    if not reports:
        out.append("- nothing was measured")
    print("\n".join(out) + "\n", flush=True)


def _save(reports: list[Report], args) -> None:
    """Every run's raw timings as JSON under var/bench/results, for comparing later runs."""
    folder = BENCH_DIR / "results"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{stamp}.json"
    payload = {
        "arguments": vars(args),
        "reports": [
            {
                "title": r.title,
                "uncached_target_ms": r.target.uncached_ms,
                "facts": r.facts,
                "rows": [asdict(row) for row in r.rows],
            }
            for r in reports
        ],
    }
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    log_stderr(f"raw timings: {path.relative_to(ROOT)}")


def _code_state() -> str:
    """The commit measured, and which files differed from it (others may be editing while this runs)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "diff", "--name-only", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{head}" + (f" + uncommitted changes in {len(changed)} files" if changed else "")


def _time(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _size(result) -> int:
    return 1 if isinstance(result, dict) else len(result)


def _ms(value: float, small_digits: int = 1) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.{small_digits}f}"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError("must be positive")
    return number


if __name__ == "__main__":
    sys.exit(main())
