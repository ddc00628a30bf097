"""Demand forecasts off the request path: computed in a background thread, kept in the cache, read at once.

The forecasts rest on complete months only, from the first request to the month before today (Brussels). Their
cache key is a digest of exactly that history, so they are recomputed when the data behind them change (a new
complete month, a corrected request), not at every new request of the current month. While a computation runs,
the page says so and asks again; `stv-dashboard serve` starts one before the workers take requests.

What is forecast: requests per language (whatever the page's filters: the whole service), and per language and
modality for the `BUSIEST` busiest languages. Capacity is what the interpreters of that language handled: the mean
monthly answered requests of the last six complete months. The projected shortage is forecast demand above it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pandas as pd

from dashboard import forecast as maths
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.metrics import bucket_counts
from dashboard.periods import add_months, brussels_today, month_end, month_start
from queries.reference import select_languages, select_period_bounds

log = logging.getLogger(__name__)
BUSIEST = 10  # languages also forecast per modality
ALL_MODALITIES = ""  # the modality value of a language's total
COLUMNS = ("language_code", "modality", "month", "status", "method", "point", "lower", "upper", "mase",
           "naive_mase", "history_months", "capacity", "gap", "gap_upper")


class Forecaster:
    """Forecasts per language (and modality), precomputed once per history and shared through the cache."""

    def __init__(self, data: DataAccess, background: bool = True):
        self.data = data
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="forecast") if background else None
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def table(self, now: datetime, wait: bool = False) -> pd.DataFrame | None:
        """The forecasts for the history up to the last complete month before `now`; None while they are
        computed in the background (unless `wait`: then computed here, for exports and start-up)."""
        history = self.history(now)
        key = "forecast:" + self.data.identity + ":" + hashlib.sha256(
            history.to_csv(index=False).encode()).hexdigest()
        found = self.data.cache_get(key)
        if found is None and wait:
            return self._compute(key, history)
        if found is None:
            self._start(key, history)
            found = self.data.cache_get(key)  # computed in the foreground when there is no background thread
        return found

    def history(self, now: datetime) -> pd.DataFrame:
        """Requests and answered requests per complete month, language and modality."""
        first = self.data.fetch(select_period_bounds).iloc[0, 0]
        last_month = add_months(month_start(brussels_today(now)), -1)
        if first is None or pd.isna(first) or month_start(pd.Timestamp(first).date()) > last_month:
            return pd.DataFrame(columns=["month", "language_id", "modality", "requests", "answered"])
        filters = Filters(month_start(pd.Timestamp(first).date()), month_end(last_month))
        keys = ("month", "language_id", "modality")
        return bucket_counts(self.data.status_counts(filters, keys), keys, ("answered",))

    def _start(self, key: str, history: pd.DataFrame) -> None:
        with self._lock:
            if key in self._running:
                return
            self._running.add(key)
        if self._executor is None:
            self._compute(key, history)
        else:
            self._executor.submit(self._compute, key, history)

    def _compute(self, key: str, history: pd.DataFrame) -> pd.DataFrame | None:
        try:
            table = forecast_table(history, self.data.fetch(select_languages))
            self.data.cache_set(key, table)
            return table
        except Exception:  # noqa: BLE001 - a failed forecast must not take the page down; the page says so
            log.exception("forecast computation failed")
            return None
        finally:
            with self._lock:
                self._running.discard(key)


def forecast_table(history: pd.DataFrame, languages: pd.DataFrame) -> pd.DataFrame:
    """Forecasts with capacity and projected shortage per language (modality ''), and per language and modality
    for the busiest languages."""
    codes = languages.set_index("id").code
    history = history.assign(language_code=history.language_id.map(codes))
    busiest = history.groupby("language_code").requests.sum().nlargest(BUSIEST).index
    parts = [_forecast_rows(rows, code, ALL_MODALITIES) for code, rows in history.groupby("language_code")]
    parts += [_forecast_rows(rows, code, modality) for (code, modality), rows
              in history[history.language_code.isin(busiest)].groupby(["language_code", "modality"])]
    return pd.concat(parts, ignore_index=True)[list(COLUMNS)] if parts else pd.DataFrame(columns=list(COLUMNS))


def _forecast_rows(rows: pd.DataFrame, language_code: str, modality: str) -> pd.DataFrame:
    monthly = rows.groupby("month")[["requests", "answered"]].sum()
    result = maths.forecast_series(monthly.requests)
    table = maths.forecast_frame({(language_code, modality): result}, ("language_code", "modality"))
    table["naive_mase"] = result.backtest_mase.get(maths.SEASONAL_NAIVE)
    table["capacity"] = maths.recent_capacity(monthly.answered)
    if result.months:
        shortage = maths.projected_shortage(result, table.capacity.iloc[0])
        table["gap"], table["gap_upper"] = shortage.gap.to_numpy(), shortage.gap_upper.to_numpy()
    else:
        table["gap"], table["gap_upper"] = None, None
    return table
