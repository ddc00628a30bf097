"""The overview's views (the board): headline figures, months, languages, the annual report and trends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from dashboard import codes
from dashboard.activity import register_activity
from dashboard.data import UNWATCHED_MAX_AGE, DataAccess
from dashboard.filters import Filters
from dashboard.metrics import OUTCOME_COUNTS, bucket_counts, compute_kpis, ratio
from dashboard.periods import comparison_periods, month_start, months_between
from dashboard.views import compared, first_request_year, with_language_names
from dashboard.views.interpreters import kind_mix
from queries.interpreters import select_registered_by_language, select_registered_interpreters
from queries.reference import select_languages

MONTHLY_BUCKETS = ("answered", "completed", "not_completed", "unanswered", "in_progress")
LANGUAGE_BUCKETS = (
    "answered",
    "completed",
    "not_completed",
    "unanswered",
    "not_available",
    "no_show_client",
    "no_show_interpreter",
)

LANGUAGE_COLUMNS = (
    "language_code",
    "language",
    "requests",
    "answered",
    "completed",
    "not_completed",
    "unanswered",
    "not_available",
    "shortage_rate",
    "no_show_client",
    "no_show_interpreter",
    "active_interpreters",
    "registered_interpreters",
)
MONTHLY_COLUMNS = ("month", "modality", "requests", *MONTHLY_BUCKETS)
# The rows of the annual report's table (2022 annual report, fig. 47), in its order.
ANNUAL_REPORT_ROWS = OUTCOME_COUNTS


def kpis(data: DataAccess, filters: Filters) -> dict[str, int | float | None]:
    """Every figure of CONTRACT §3 for the slice."""
    counts = bucket_counts(data.status_counts(filters)).iloc[0].to_dict()
    counts["active_interpreters"] = data.active_counts(filters).active_interpreters.iloc[0]
    counts["registered_interpreters"] = data.fetch(
        select_registered_interpreters, filters, max_age=UNWATCHED_MAX_AGE
    ).iloc[0, 0]
    counts |= register_activity(data, filters).iloc[0].to_dict()
    return compute_kpis(counts)


def kpi_comparisons(data: DataAccess, filters: Filters, today: date) -> tuple[dict, dict | None, dict | None]:
    """Every figure of CONTRACT §3 now, in the previous period and a year earlier (`views.compared`)."""
    return compared(lambda applied: kpis(data, applied), filters, today)


def kpi_table(figures: dict[str, int | float | None]) -> pd.DataFrame:
    """The `kpis` export: one row per figure."""
    return pd.DataFrame({"metric": list(figures), "value": list(figures.values())})


def monthly(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per month of the period and modality: requests and buckets, months without requests included as 0."""
    return monthly_table(data.status_counts(filters, ("month", "modality")), filters)


def monthly_table(by_status: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The `monthly` table from requests per month, modality and status (more keys are summed over)."""
    found = bucket_counts(by_status, ("month", "modality"), MONTHLY_BUCKETS)
    modalities = filters.modality or codes.MODALITIES
    grid = pd.MultiIndex.from_product(
        [months_between(filters.start, filters.end), modalities], names=["month", "modality"]
    )
    table = found.set_index(["month", "modality"]).reindex(grid, fill_value=0).reset_index()
    return table[list(MONTHLY_COLUMNS)].astype({c: "int64" for c in MONTHLY_COLUMNS[2:]})


def languages(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Per language: requests, outcomes, shortage rate, no-shows and interpreters; busiest first."""
    counts = bucket_counts(data.status_counts(filters, ("language_id",)), ("language_id",), LANGUAGE_BUCKETS)
    active = data.active_counts(filters, ("language_id",))
    registered = data.fetch(select_registered_by_language, filters, max_age=UNWATCHED_MAX_AGE)
    table = with_language_names(data, counts.merge(active, on="language_id", how="left"), lang)
    table = table.merge(registered, on="language_code", how="left")
    for column in ("active_interpreters", "registered_interpreters"):
        table[column] = table[column].fillna(0).astype("int64")
    table["shortage_rate"] = [ratio(n, d) for n, d in zip(table.not_available, table.requests)]
    table = table.sort_values(["requests", "language_code"], ascending=[False, True], kind="stable")
    return table[list(LANGUAGE_COLUMNS)].reset_index(drop=True)


def annual_report(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The annual report's table for the slice: one row per figure, one column per modality, then the total."""
    return annual_report_table(data.status_counts(filters, ("modality",)), filters)


def annual_report_table(by_status: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The `annual-report` table from requests per modality and status (more keys are summed over)."""
    by_modality = bucket_counts(by_status, ("modality",)).set_index("modality")
    modalities = filters.modality or codes.MODALITIES
    table = by_modality.reindex(list(modalities), fill_value=0)[list(ANNUAL_REPORT_ROWS)].T
    table["total"] = table.sum(axis=1)
    table.index.name = "figure"
    return table.reset_index().astype({c: "int64" for c in (*modalities, "total")})


def monthly_trend(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per month (all modalities together): requests, answered, completed, answer rate, rolling 12-month
    requests (empty until twelve months are in) and the same month a year earlier."""
    table = monthly(data, filters).groupby("month", as_index=False)[["requests", *MONTHLY_BUCKETS]].sum()
    table["answer_rate"] = [ratio(a, r - p) for a, r, p in zip(table.answered, table.requests, table.in_progress)]
    table["rolling_12_months"] = table.requests.rolling(12).sum()
    table["year_before"] = table.requests.shift(12)
    return table


def last_complete_month_end(today: date) -> date:
    """The last day of the last complete month: a month in progress would look like a drop on a trend."""
    return month_start(today) - timedelta(days=1)


def trends(data: DataAccess, filters: Filters, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `monthly_trend` and the `monthly` table of the slice from January of the first year with data (the
    period's start in an empty database) to the last complete month: the page's filters but not its period."""
    first = first_request_year(data)
    start = date(first, 1, 1) if first is not None else filters.start
    history = filters.with_period(start, last_complete_month_end(today))
    return monthly_trend(data, history), monthly(data, history)


def language_movers(data: DataAccess, filters: Filters, today: date, lang: str = "nl") -> pd.DataFrame:
    """Per language: requests now and in the same period a year earlier (like for like while the period runs:
    `periods.comparison_periods`), share of all requests now, and the change (count and relative; relative empty
    where there was nothing a year earlier, or nothing to compare: a period that has not begun). Busiest first."""
    now = languages(data, filters, lang)[["language_code", "language", "requests"]]
    periods = comparison_periods(filters.start, filters.end, today)
    before = languages(data, filters.with_period(*periods[1]), lang) if periods else now.iloc[:0]
    table = now.merge(
        before[["language_code", "requests"]].rename(columns={"requests": "requests_year_before"}),
        on="language_code",
        how="outer",
    )
    table["language"] = table.language.fillna(table.language_code)
    table[["requests", "requests_year_before"]] = table[["requests", "requests_year_before"]].fillna(0).astype("int64")
    total = int(table.requests.sum())
    table["share"] = [ratio(n, total) for n in table.requests]
    table["change"] = table.requests - table.requests_year_before
    table["relative_change"] = [ratio(c, b) for c, b in zip(table.change, table.requests_year_before)]
    return table.sort_values(["requests", "language_code"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


UKRAINE_LANGUAGES = ("uk", "ru", "pl", "ro")  # the Ukraine-related requests of the annual report (DOMAIN §5.6)
UKRAINE_SINCE = date(2022, 1, 1)


def ukraine(data: DataAccess, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ukrainian, Russian, Polish and Romanian in the slice (its language filter replaced by these four):
    requests per month and language, and completed requests per language and interpreter kind."""
    chosen = replace(filters, language=tuple(c for c in UKRAINE_LANGUAGES if c in _known_languages(data)))
    if not chosen.language:
        return pd.DataFrame(columns=["month", "language_code", "requests"]), pd.DataFrame(
            columns=["language_code", "kind", "completed"]
        )
    codes_by_id = data.fetch(select_languages).set_index("id").code
    by_month = bucket_counts(data.status_counts(chosen, ("month", "language_id")), ("month", "language_id"), ())
    by_month["language_code"] = by_month.language_id.map(codes_by_id)
    by_kind = kind_mix(data, chosen)
    return (
        by_month[["month", "language_code", "requests"]].reset_index(drop=True),
        by_kind[["language_code", "kind", "completed"]].reset_index(drop=True),
    )


def ukraine_to_date(data: DataAccess, filters: Filters, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`ukraine` from January 2022 to the last complete month (the slice's period set aside)."""
    return ukraine(data, filters.with_period(UKRAINE_SINCE, last_complete_month_end(today)))


def _known_languages(data: DataAccess) -> set[str]:
    return set(data.fetch(select_languages).code)


EXPORTS = {
    "kpis": lambda context, filters, lang: kpi_table(kpis(context.data, filters)),
    "languages": lambda context, filters, lang: languages(context.data, filters, lang),
    "monthly": lambda context, filters, lang: monthly(context.data, filters),
    "annual-report": lambda context, filters, lang: annual_report(context.data, filters),
}
