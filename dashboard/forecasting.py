"""Demand forecasts off the request path: fitted in a background thread, kept in the cache, read at once.

The fits rest on the monthly requests of complete months only, from the first whole month to the month before
today (Brussels). Their cache key is a digest of exactly those counts (and `FORECAST_VERSION`), so they are refitted
when demand behind them changes (a new complete month, a corrected request), not at every outcome recorded. While a
refit runs the page shows the last fitted table, or says it is being prepared; a failure is remembered for a while
and said, not retried at every poll. `stv-dashboard serve` fits before the workers start when they share the cache.

What is forecast: requests per language for the whole service (the page's filters do not apply), and per language
and modality for the `BUSIEST` busiest languages. Capacity, computed when the table is read: the mean monthly
requests that found an interpreter or may still (requests − unanswered) over the last six complete months. The
projected shortage is forecast demand above it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pandas as pd

from dashboard import forecast as maths
from dashboard import output_cache
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.metrics import bucket_counts
from dashboard.periods import add_months, brussels_today, month_end, month_start
from dashboard.views import NotReady
from queries.reference import select_languages, select_period_bounds

log = logging.getLogger(__name__)
FORECAST_VERSION = 2  # part of the cache key: raise it when the maths or the table's columns change
BUSIEST = 10  # languages also forecast per modality
ALL_MODALITIES = ""  # the modality value of a language's total
FAILURE_SECONDS = 600  # a failed fit is said for this long before it is tried again
COLUMNS = (
    "language_code",
    "modality",
    "month",
    "status",
    "method",
    "point",
    "lower",
    "upper",
    "mase",
    "naive_mase",
    "history_months",
    "capacity",
    "gap",
    "gap_upper",
)
HISTORY_COLUMNS = ["month", "language_id", "language_code", "modality", "requests", "served", "last_month"]


class ForecastFailed(NotReady):
    """The forecast could not be computed; the page and the export say so (and it is tried again later)."""


class Forecaster:
    """Forecasts per language (and modality), fitted once per history and shared through the cache."""

    def __init__(self, data: DataAccess, background: bool = True):
        self.data = data
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="forecast") if background else None
        self._wanted: str | None = None  # the key of the current history: older queued fits are skipped
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def table(self, now: datetime, wait: bool = False) -> pd.DataFrame | None:
        """Forecasts with capacity and projected shortage, for the history up to the month before `now`."""
        return self.table_for(self.history(now), wait)

    def table_for(self, history: pd.DataFrame, wait: bool = False) -> pd.DataFrame | None:
        """Forecasts for `history` (from `history()`). While the fit for it runs: the last fitted table, or None
        if there is none yet. `wait` fits here when needed (start-up). Raises ForecastFailed when the last fit
        for this history failed."""
        key = self._key(history)
        fits = self.data.cache_get(key)
        if fits is None:
            if wait:
                self._fit(key, history)
            else:
                self._start(key, history)
            fits = self.data.cache_get(key) if self._executor is None or wait else None
        if isinstance(fits, str) or fits is None:  # failed a while ago, or being fitted: a page's answer for now
            output_cache.not_kept()
        if isinstance(fits, str):
            raise ForecastFailed(fits)
        if fits is None:
            fits = self.data.cache_get(self._latest_key)  # the previous fit, while this one runs
        return None if fits is None else with_capacity(fits, history)

    def history(self, now: datetime) -> pd.DataFrame:
        """Requests, and requests served or in progress, per complete month, language and modality, from the
        first whole month with requests (a first request after the 1st starts an incomplete month)."""
        first = self.data.fetch(select_period_bounds).iloc[0, 0]
        last_month = add_months(month_start(brussels_today(now)), -1)
        if first is None or pd.isna(first):
            return pd.DataFrame(columns=HISTORY_COLUMNS)
        first_day = pd.Timestamp(first).date()
        start = first_day if first_day.day == 1 else add_months(first_day, 1)
        if start > last_month:
            return pd.DataFrame(columns=HISTORY_COLUMNS)
        keys = ("month", "language_id", "modality")
        counts = bucket_counts(
            self.data.status_counts(Filters(start, month_end(last_month)), keys), keys, ("unanswered",)
        )
        counts["served"] = counts.requests - counts.unanswered
        counts["language_code"] = counts.language_id.map(self.data.fetch(select_languages).set_index("id").code)
        return counts.assign(last_month=f"{last_month:%Y-%m}")[HISTORY_COLUMNS]

    def _key(self, history: pd.DataFrame) -> str:
        demand = history[["month", "language_id", "modality", "requests"]].to_csv(index=False)
        last = history.last_month.iloc[0] if len(history) else ""
        digest = hashlib.sha256(f"{FORECAST_VERSION}|{last}|{demand}".encode()).hexdigest()
        return f"forecast:{self.data.identity}:{digest}"

    @property
    def _latest_key(self) -> str:
        return f"forecast-latest:{self.data.identity}:{FORECAST_VERSION}"

    def _start(self, key: str, history: pd.DataFrame) -> None:
        with self._lock:
            self._wanted = key
            if key in self._running:
                return
            self._running.add(key)
        if self._executor is None:
            self._fit(key, history)
        else:
            self._executor.submit(self._fit, key, history)

    def _fit(self, key: str, history: pd.DataFrame) -> None:
        try:
            if self._executor is not None and self._wanted not in (None, key):
                return  # a newer history is waiting: this one is already out of date
            fits = fit_all(history)
            self.data.cache_set(key, fits)
            self.data.cache_set(self._latest_key, fits)
        except Exception as error:  # noqa: BLE001 - a failed fit must not take the page down; the page says so
            log.exception("forecast computation failed")
            self.data.cache_set(key, f"{type(error).__name__}: {error}", timeout=FAILURE_SECONDS)
        finally:
            with self._lock:
                self._running.discard(key)


def fit_all(history: pd.DataFrame) -> pd.DataFrame:
    """Forecasts per language (modality ''), and per language and modality for the busiest languages; each
    series runs to the last complete month (months without requests are 0)."""
    last_month = history.last_month.iloc[0] if len(history) else None
    busiest = history.groupby("language_code").requests.sum().nlargest(BUSIEST).index
    parts = [_fit_rows(rows, code, ALL_MODALITIES, last_month) for code, rows in history.groupby("language_code")]
    parts += [
        _fit_rows(rows, code, modality, last_month)
        for (code, modality), rows in history[history.language_code.isin(busiest)].groupby(
            ["language_code", "modality"]
        )
    ]
    columns = [c for c in COLUMNS if c not in ("capacity", "gap", "gap_upper")]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def _fit_rows(rows: pd.DataFrame, language_code: str, modality: str, last_month: str) -> pd.DataFrame:
    result = maths.forecast_series(_to_last_month(rows.groupby("month").requests.sum(), last_month))
    table = maths.forecast_frame({(language_code, modality): result}, ("language_code", "modality"))
    table["naive_mase"] = result.backtest_mase.get(maths.SEASONAL_NAIVE)
    return table


def _to_last_month(series: pd.Series, last_month: str) -> pd.Series:
    """A monthly series extended with zeros to `last_month` (a language can go quiet before it)."""
    months = pd.period_range(series.index.min(), last_month, freq="M").strftime("%Y-%m")
    return series.reindex(months, fill_value=0)


def with_capacity(fits: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The fitted forecasts with capacity (mean monthly requests served or in progress, last six complete
    months) and the projected shortage: forecast above capacity, at the point and at the interval's upper bound."""
    if fits.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    capacity = capacities(history)
    table = fits.assign(capacity=[capacity.get(k, 0.0) for k in zip(fits.language_code, fits.modality)])
    table["gap"] = (table.point - table.capacity).clip(lower=0)
    table["gap_upper"] = (table.upper - table.capacity).clip(lower=0)
    return table[list(COLUMNS)]


def capacities(history: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Per (language, modality; '' for all): requests served per month, the mean over the last `HORIZON`
    complete months, or over fewer when the language was first requested more recently; a month without
    requests counts as 0. Every series at once, in pandas: this runs whenever the page shows a forecast."""
    both = pd.concat([history.assign(modality=ALL_MODALITIES), history])  # rows: months with requests
    monthly = both.groupby(["language_code", "modality", "month"], as_index=False).served.sum()
    last = history.last_month.iloc[0] if len(history) else None
    monthly["age"] = _month_number(pd.Series([last] * len(monthly), dtype=object)) - _month_number(monthly.month)
    keys = ["language_code", "modality"]
    recent = monthly[monthly.age < maths.HORIZON].groupby(keys).served.sum()
    months = (monthly.groupby(keys).age.max() + 1).clip(upper=maths.HORIZON)
    return (recent.reindex(months.index, fill_value=0) / months).to_dict()


def _month_number(months: pd.Series) -> pd.Series:
    return months.str[:4].astype(int) * 12 + months.str[5:7].astype(int)
