"""The figures of CONTRACT.md §3: which counts exist and how every rate is formed from them.

One place for the formulas: the overview cards, the `kpis` export and the reports all read them from here.
A rate whose denominator is 0 is None ("empty"), never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard import codes

# Counts per request bucket; each is the number of requests in the slice whose status is in the tuple.
STATUS_BUCKETS: dict[str, tuple[str, ...]] = {
    "answered": codes.ANSWERED,
    "completed": codes.COMPLETED,
    "not_completed": codes.NOT_COMPLETED,
    "unanswered": codes.UNANSWERED,
    "not_available": codes.NOT_AVAILABLE,
    "other_reason": codes.OTHER_REASON,
    "in_progress": codes.IN_PROGRESS,
    "no_show_client": ("no_show_client",),
    "no_show_interpreter": ("no_show_interpreter",),
    "cancelled_client_late": ("cancelled_client_late",),
}
REQUEST_COUNTS = ("requests", *STATUS_BUCKETS)
# The requests and their outcomes, in the order of the annual report (2022, fig. 47).
OUTCOME_COUNTS = REQUEST_COUNTS[:8]
INTERPRETER_COUNTS = ("active_interpreters", "registered_interpreters", "registered_in_period")
# The activity rate's numerator: the active interpreters who were in the register during the period
# (dashboard/activity.py). Not a figure of §3 itself, so not in the `kpis` export.
ACTIVE_IN_REGISTER = "active_in_register"


@dataclass(frozen=True)
class Rate:
    """numerator / denominator, both computed from the counts."""

    name: str
    numerator: str
    denominator: Callable[[Mapping[str, int]], int]


RATES: tuple[Rate, ...] = (
    Rate("answer_rate", "answered", lambda c: c["requests"] - c["in_progress"]),
    Rate("unmet_rate", "unanswered", lambda c: c["requests"]),
    Rate("shortage_rate", "not_available", lambda c: c["requests"]),
    Rate("completion_rate", "completed", lambda c: c["answered"]),
    Rate("non_completion_rate", "not_completed", lambda c: c["answered"]),
    Rate("fulfilment_rate", "completed", lambda c: c["requests"]),
    Rate("no_show_client_rate", "no_show_client", lambda c: c["answered"]),
    Rate("no_show_interpreter_rate", "no_show_interpreter", lambda c: c["answered"]),
    Rate("late_cancellation_rate", "cancelled_client_late", lambda c: c["answered"]),
    Rate("activity_rate", ACTIVE_IN_REGISTER, lambda c: c["registered_in_period"]),
)
RATE_NAMES = tuple(rate.name for rate in RATES)
assert all(name.endswith("_rate") for name in RATE_NAMES)  # the naming rule of `is_rate`
# The figures explained to readers (glossaries of the overview and the board report), in reading order.
GLOSSARY = (
    *OUTCOME_COUNTS,
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "non_completion_rate",
    "fulfilment_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "active_interpreters",
    "registered_interpreters",
    "registered_in_period",
    "activity_rate",
)
# Every figure of §3 in the order of the `kpis` export.
KPI_NAMES = (*REQUEST_COUNTS, *INTERPRETER_COUNTS, *RATE_NAMES)


def bucket_counts(
    by_status: pd.DataFrame, keys: Sequence[str] = (), buckets: Sequence[str] = tuple(STATUS_BUCKETS)
) -> pd.DataFrame:
    """From counts per status (columns: *keys, status, n) to `requests` and the buckets, per key.

    Without keys the result has one row (zeros for an empty slice).
    """
    counts = by_status.assign(n=by_status.n.astype("int64"))
    columns = {"requests": counts.n}
    for name in buckets:
        columns[name] = counts.n.where(counts.status.isin(STATUS_BUCKETS[name]), 0)
    wide = pd.concat([counts[list(keys)], pd.DataFrame(columns)], axis=1)
    if not keys:
        return wide.sum().to_frame().T.astype("int64")
    return wide.groupby(list(keys), as_index=False, dropna=False).sum()  # an empty key (no sector) is a row too


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None when the denominator is 0."""
    return None if not denominator else numerator / denominator


def rates_of(table: pd.DataFrame, rates: Mapping[str, tuple[str | pd.Series, str | pd.Series]]) -> pd.DataFrame:
    """`table` with a rate per row for each (name: (numerator, denominator)), each part a column's name or a
    Series on the table's index; a rate is `ratio` (None when its denominator is 0), kept as objects so that an
    empty rate stays None."""

    def column(part):
        return table[part] if isinstance(part, str) else part

    return table.assign(
        **{
            name: pd.Series([ratio(n, d) for n, d in zip(column(top), column(bottom))], index=table.index, dtype=object)
            for name, (top, bottom) in rates.items()
        }
    )


def compute_kpis(counts: Mapping[str, int]) -> dict[str, int | float | None]:
    """Every figure of §3 from the request and interpreter counts, and the activity rate's numerator (missing
    counts read as 0)."""
    full = {name: int(counts.get(name) or 0) for name in (*REQUEST_COUNTS, *INTERPRETER_COUNTS, ACTIVE_IN_REGISTER)}
    figures: dict[str, int | float | None] = {name: full[name] for name in (*REQUEST_COUNTS, *INTERPRETER_COUNTS)}
    for rate in RATES:
        figures[rate.name] = ratio(full[rate.numerator], rate.denominator(full))
    return figures


# Whether a figure going up is good news (True) or bad news (False) for the service; a figure not named here (a
# count, a share) moves without a verdict.
UP_IS_BETTER = {
    "answer_rate": True,
    "completion_rate": True,
    "fulfilment_rate": True,
    "activity_rate": True,
    "unmet_rate": False,
    "shortage_rate": False,
    "non_completion_rate": False,
    "no_show_client_rate": False,
    "no_show_interpreter_rate": False,
    "late_cancellation_rate": False,
}
STEADY = 0.05  # a change (in % or pp) up to this reads 0,0 with one decimal: no direction, so no verdict


def change_of(current: float | None, before: float | None, rate: bool) -> float | None:
    """The change a card shows: percentage points for a rate, the relative change in % for a count; None when
    either side is empty or a count had nothing to compare with."""
    if current is None or before is None or (not rate and not before):
        return None
    return (current - before) * 100 if rate else (current - before) / before * 100


def change_verdict(column: str, change: float | None) -> str:
    """Whether `change` (as `change_of` gives it) of figure `column` is "better", "worse" or "neither" (a figure
    without a good direction, no change to speak of, or nothing to compare)."""
    if column not in UP_IS_BETTER or change is None or abs(change) <= STEADY:
        return "neither"
    return "better" if (change > 0) == UP_IS_BETTER[column] else "worse"


# The fractions whose names do not end in `_rate`: a language's share, supply's coverage, the bounds of the
# shortage rate's interval.
FRACTION_COLUMNS = frozenset({"share", "coverage", "shortage_rate_low", "shortage_rate_high"})


def is_rate(name: str) -> bool:
    """Whether a figure or a table's column is a fraction (shown as a percentage, exported as a fraction): the
    one rule for cards, grids, charts, reports and exports. A rate's name ends in `_rate` (every rate of RATES
    does); FRACTION_COLUMNS names the others."""
    return name.endswith("_rate") or name in FRACTION_COLUMNS
