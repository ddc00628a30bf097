"""`python -m benchmarks.exports` (also run by `make bench`): how an export's writing grows with its rows.

Times `dashboard.exports.to_csv` and `to_xlsx` on a synthetic table shaped like the `languages` export (CONTRACT §4:
codes, names, eleven counts and a rate; rates formatted as percentages in Excel), median of `--runs`, and prints a
Markdown table with the time per 1,000 rows: linear writing keeps that column flat. Writing only: the query that
fills an export is timed by `python -m benchmarks`.

Measured on this 2-core machine (December 2026, median of 3), before and after issue 17 item 3:

| rows | CSV before | Excel before | CSV after | Excel after |
|--:|--:|--:|--:|--:|
(filled in by the commit that made the writers linear; see benchmarks/README.md)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence

import numpy as np
import pandas as pd

DEFAULT_ROWS = (1_000, 2_000, 4_000)
COUNTS = (
    "requests",
    "answered",
    "completed",
    "not_completed",
    "unanswered",
    "not_available",
    "no_show_client",
    "no_show_interpreter",
    "active_interpreters",
    "registered_interpreters",
    "in_progress",
)


def synthetic_table(rows: int, seed: int = 17) -> pd.DataFrame:
    """`rows` rows like the `languages` export's, with an undefined rate now and then."""
    generator = np.random.default_rng(seed)
    table = pd.DataFrame(
        {
            "language_code": [f"l{i:06d}" for i in range(rows)],
            "language": [f"Language {i}" for i in range(rows)],
            **{name: generator.integers(0, 5_000, rows) for name in COUNTS},
        }
    )
    rate = table.not_available / table.requests.where(table.requests > 0)
    table["shortage_rate"] = rate.where(generator.random(rows) > 0.05)
    return table


def time_writers(rows: Sequence[int], runs: int) -> list[dict]:
    """Median seconds of each writer for each row count."""
    from dashboard.exports import to_csv, to_xlsx

    results = []
    for count in rows:
        table = synthetic_table(count)
        row = {"rows": count}
        for name, write in (("csv", to_csv), ("xlsx", lambda frame: to_xlsx(frame, "languages"))):
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                write(table)
                timings.append(time.perf_counter() - started)
            row[name] = statistics.median(timings)
        results.append(row)
        print(f"  {count:,} rows: csv {row['csv']:.3f} s, xlsx {row['xlsx']:.3f} s", file=sys.stderr, flush=True)
    return results


def markdown(results: list[dict]) -> str:
    """The timings as a Markdown table, with seconds per 1,000 rows (flat when writing is linear)."""
    lines = [
        "| rows | CSV s | CSV s / 1,000 rows | Excel s | Excel s / 1,000 rows |",
        "|--:|--:|--:|--:|--:|",
    ]
    for row in results:
        per = 1_000 / row["rows"]
        lines.append(
            f"| {row['rows']:,} | {row['csv']:.3f} | {row['csv'] * per:.3f} | {row['xlsx']:.3f} | "
            f"{row['xlsx'] * per:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exports", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(DEFAULT_ROWS), help="row counts (1000 2000 4000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per writer and row count (default 3)")
    args = parser.parse_args(argv)
    print("## Export writing (dashboard.exports)\n")
    print(markdown(time_writers(args.rows, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
