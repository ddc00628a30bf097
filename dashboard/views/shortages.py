"""Bottleneck languages over a period: a ranking, where and how they fall short, supply pressure, and how Ukrainian
demand was served.

The ranking (CONTRACT §4, `shortages`) puts first the language with the most requests left without an interpreter
(`not_available`): the requests a planner could still win by recruiting. Ties go to the higher shortage rate
(not available ÷ requests, CONTRACT §3), then the language code. The rate is shown with its 95 % Wilson interval,
so that a rate over a few requests reads as the guess it is. Languages without requests have no rate and are not
ranked.

Languages effectively not on offer (nearly every request unanswered, or nobody registered to take one) are a
different problem: not a shortage to ease but a language to recruit for. They stay in the ranking, marked, and
are listed apart as the recruitment list.

The interpreter-kind filter applies to interpreters (active, registered), not to requests: a request that found no
interpreter has no kind, so filtering requests by kind would hide every shortage.
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import pandas as pd

from dashboard import codes
from dashboard.activity import rate_parts_by_language
from dashboard.data import UNWATCHED_MAX_AGE, DataAccess
from dashboard.filters import Filters
from dashboard.forecasting import ALL_MODALITIES
from dashboard.metrics import bucket_counts, rates_of
from dashboard.views import NotReady, language_names, with_language_names
from dashboard.views.overview import languages
from queries.interpreters import select_registered_by_language
from queries.reference import select_languages, select_regions
from queries.shortages import select_served_by

Z_95 = 1.959964
# Effectively not on offer: at least this shortage rate over at least this many requests (fewer requests prove
# nothing), or no interpreter of the slice's kinds registered while requests went without one.
NOT_ON_OFFER_RATE = Fraction(9, 10)  # a fraction, so that the comparison is exact
NOT_ON_OFFER_MIN_REQUESTS = 5
RANKING_COLUMNS = (
    "rank",
    "language_code",
    "language",
    "requests",
    "not_available",
    "shortage_rate",
    "shortage_rate_low",
    "shortage_rate_high",
    "not_on_offer",
    "active_interpreters",
    "registered_interpreters",
    "activity_rate",
    "supply_pressure",
)
RECRUITMENT_COLUMNS = (*RANKING_COLUMNS[: RANKING_COLUMNS.index("not_on_offer")], "registered_interpreters")


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float | None, float | None]:
    """The Wilson score interval (lower, upper) of successes/trials; both empty without trials. Unlike the
    normal approximation it stays within 0-1 and is not empty at 0 % or 100 %; there its bound is 0 or 1
    exactly (the formula gives them only up to rounding)."""
    if not trials:
        return None, None
    p = successes / trials
    centre = p + z * z / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    scale = 1 + z * z / trials
    low = 0.0 if successes == 0 else (centre - margin) / scale
    high = 1.0 if successes == trials else (centre + margin) / scale
    return low, high


def ranking(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Languages with requests in the slice, ranked by requests not available (see `rank_languages`), with the
    shortage rate's 95 % interval, whether the language is effectively not on offer, and its interpreters:
    activity rate of CONTRACT §3 (dashboard.activity), supply pressure = requests per active interpreter."""
    table = languages(data, _demand(filters), lang)
    table = table[table.requests > 0].copy()
    if filters.kind:
        table = (
            table.drop(columns=["active_interpreters", "registered_interpreters"])
            .merge(_interpreters_by_language(data, filters), on="language_code", how="left")
            .fillna({"active_interpreters": 0, "registered_interpreters": 0})
            .astype({"active_interpreters": "int64", "registered_interpreters": "int64"})
        )
    table = rates_of(
        table,
        {
            "activity_rate": rate_parts_by_language(data, filters, table.language_code),
            "supply_pressure": ("requests", "active_interpreters"),
        },
    )
    table = with_interval(table)
    table = table.assign(not_on_offer=not_on_offer(table).astype("int64"))  # 1 or 0: CSV and Excel write it alike
    return rank_languages(table)[list(RANKING_COLUMNS)]


def with_interval(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with the 95 % Wilson interval of its shortage rate: shortage_rate_low and shortage_rate_high."""
    bounds = [wilson_interval(n, r) for n, r in zip(table.not_available, table.requests)]
    low, high = zip(*bounds) if bounds else ((), ())
    return table.assign(
        shortage_rate_low=pd.Series(low, index=table.index, dtype=object),
        shortage_rate_high=pd.Series(high, index=table.index, dtype=object),
    )


def not_on_offer(table: pd.DataFrame) -> pd.Series:
    """Per language, whether it is effectively not on offer (NOT_ON_OFFER_RATE over NOT_ON_OFFER_MIN_REQUESTS, or
    requests not available with nobody registered): a language to recruit for, not a shortage to ease."""
    rate = NOT_ON_OFFER_RATE
    nearly_all = (table.requests >= NOT_ON_OFFER_MIN_REQUESTS) & (
        table.not_available * rate.denominator >= table.requests * rate.numerator
    )
    nobody = (table.registered_interpreters == 0) & (table.not_available > 0)
    return (nearly_all | nobody).astype(bool)


def recruitment_list(ranked: pd.DataFrame) -> pd.DataFrame:
    """The ranked languages that are effectively not on offer, in ranking order, with their place in it."""
    return ranked[ranked.not_on_offer == 1][list(RECRUITMENT_COLUMNS)].reset_index(drop=True)


def _demand(filters: Filters) -> Filters:
    """The slice of requests: the kind filter does not apply to them (see the module's docstring)."""
    return replace(filters, kind=())


def _interpreters_by_language(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per language code: active and registered interpreters of the chosen kinds."""
    codes_by_id = data.fetch(select_languages).set_index("id").code
    active = data.active_counts(filters, ("language_id",))
    active = active.assign(language_code=active.language_id.map(codes_by_id))[["language_code", "active_interpreters"]]
    registered = data.fetch(select_registered_by_language, filters, max_age=UNWATCHED_MAX_AGE)
    return active.merge(registered, on="language_code", how="outer")


def rank_languages(table: pd.DataFrame) -> pd.DataFrame:
    """Sorted by requests not available, ties by the higher shortage rate, then by language code (CONTRACT §4);
    numbered from 1."""
    table = (
        table.assign(_rate=pd.to_numeric(table.shortage_rate, errors="coerce"))
        .sort_values(["not_available", "_rate", "language_code"], ascending=[False, False, True], kind="stable")
        .drop(columns="_rate")
        .reset_index(drop=True)
    )
    return table.assign(rank=range(1, len(table) + 1))


def shortage_by(data: DataAccess, filters: Filters, key: str, lang: str = "nl") -> pd.DataFrame:
    """Per language and `key` (region_id or modality): requests, not available and the shortage rate; regions
    as their codes."""
    counts = bucket_counts(
        data.status_counts(_demand(filters), ("language_id", key)), ("language_id", key), ("not_available",)
    )
    counts = with_language_names(data, counts[counts.requests > 0], lang)
    if key == "region_id":
        counts["region_id"] = counts.region_id.map(data.fetch(select_regions).set_index("id").code)
        counts = counts.rename(columns={"region_id": "region_code"})
    return (
        rates_of(counts, {"shortage_rate": ("not_available", "requests")})
        .drop(columns="language_id")
        .reset_index(drop=True)
    )


def monthly_shortage(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """Per month and language: requests, not available and the shortage rate (months without requests of a
    language are left out: their rate is empty)."""
    counts = bucket_counts(
        data.status_counts(_demand(filters), ("month", "language_id")), ("month", "language_id"), ("not_available",)
    )
    counts = rates_of(with_language_names(data, counts, lang), {"shortage_rate": ("not_available", "requests")})
    return counts.drop(columns="language_id").sort_values(["language_code", "month"]).reset_index(drop=True)


def ukrainian_served_by(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Completed Ukrainian requests per interpreter kind, split by whether the interpreter also speaks Russian,
    with each row's share of all completed Ukrainian requests."""
    table = data.fetch(select_served_by, filters, "uk", "ru")
    table = table.assign(also_speaks=table.also_speaks.astype(bool)).rename(columns={"also_speaks": "speaks_russian"})
    total = int(table.completed.sum())
    table = rates_of(table, {"share": ("completed", pd.Series(total, index=table.index))})
    return table.sort_values(["completed", "kind"], ascending=[False, True]).reset_index(drop=True)


EXPORTS = {
    "shortages": lambda context, filters, lang: ranking(context.data, filters, lang),
    "shortages-recruitment": lambda context, filters, lang: recruitment_list(ranking(context.data, filters, lang)),
    "shortages-by-region": lambda context, filters, lang: shortage_by(context.data, filters, "region_id", lang),
    "shortages-by-modality": lambda context, filters, lang: shortage_by(context.data, filters, "modality", lang),
    "shortages-monthly": lambda context, filters, lang: monthly_shortage(context.data, filters, lang),
    "shortage-forecast": lambda context, filters, lang: forecast_export(context),
}


def forecast_export(context) -> pd.DataFrame:
    """The forecast table, or NotReady while it is first computed (it is never computed within a request)."""
    table = context.forecaster.table(context.settings.current_time())
    if table is None:
        raise NotReady("The forecast is being prepared; try again in a few minutes.")
    return table


def most_unavailable(ranked: pd.DataFrame) -> str | None:
    """The code of the first-ranked language (the most requests not available); none without a ranking: the
    language the forecast shows first."""
    return None if ranked.empty else ranked.language_code.iloc[0]


def forecast_modalities(forecasts: pd.DataFrame, language_code: str | None) -> list[str]:
    """The modalities (in code order) forecast on their own for the language: the busiest languages have them."""
    present = set(forecasts.loc[forecasts.language_code == language_code, "modality"])
    return [modality for modality in codes.MODALITIES if modality in present]


def forecast_of(forecasts: pd.DataFrame, language_code: str | None, modality: str) -> pd.DataFrame:
    """The forecast months of one language and modality (ALL_MODALITIES: all together)."""
    return forecasts[(forecasts.language_code == language_code) & (forecasts.modality == modality)]


def forecast_status(rows: pd.DataFrame) -> str:
    """'ok', or why there is no forecast for these rows (from `forecast_of`; none at all: too little history)."""
    return rows.status.iloc[0] if len(rows) else "too-little-history"


def monthly_requests(
    data: DataAccess, history: pd.DataFrame, language_code: str | None, modality: str = ALL_MODALITIES
) -> pd.Series:
    """Requests per month (YYYY-MM) of one language and modality (ALL_MODALITIES: all) in the forecaster's
    history: the actual series beside its forecast."""
    ids_by_code = language_names(data).set_index("language_code").language_id
    mine = history[history.language_id == ids_by_code.get(language_code)]
    if modality:
        mine = mine[mine.modality == modality]
    return mine.groupby("month").requests.sum()


def forecast_summary(forecasts: pd.DataFrame, data: DataAccess, lang: str = "nl") -> pd.DataFrame:
    """Per language (all modalities together): status, method, backtest errors, and over the six forecast months
    the expected demand, the capacity and the projected shortage; the largest projected shortage first."""
    rows = forecasts[forecasts.modality == ALL_MODALITIES]
    summary = rows.groupby("language_code", as_index=False).agg(
        status=("status", "first"),
        method=("method", "first"),
        mase=("mase", "first"),
        naive_mase=("naive_mase", "first"),
        demand_6m=("point", "sum"),
        capacity=("capacity", "first"),
        gap_6m=("gap", "sum"),
        months=("month", "count"),
    )
    summary["capacity_6m"] = summary.capacity * summary.months
    summary = with_language_names(data, summary, lang, on="language_code")
    for column in ("demand_6m", "gap_6m", "capacity_6m"):
        summary[column] = summary[column].where(summary.months > 0)
    return summary.sort_values(
        ["gap_6m", "demand_6m", "language_code"], ascending=[False, False, True], na_position="last"
    ).reset_index(drop=True)
