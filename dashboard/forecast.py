"""Demand forecasts on monthly request counts (issue 5): pure maths, no database, no cache.

One entry point, `forecast_series(series)`, takes the monthly counts of one language (and modality) and returns a
`Forecast` for the next `HORIZON` months. The caller (a background precompute keyed on the data version) stores the
results; nothing here runs on the request path.

Choices, so the page can explain them:
- History starts at the first month with a request: leading empty months are months before the language was
  offered, not months of zero demand. Months missing from the input (or NaN) are filled with 0.
- Fewer than `MIN_HISTORY` months of history: status "too-little-history", no numbers. A series without any
  request: status "no-demand", forecast 0 without interval.
- Intermittent demand: average demand interval ADI = months / months with a request >= 1.32 (the Syntetos-Boylan
  cut-off; equivalently at least ~24 % empty months). Candidates: seasonal naive and Croston/SBA. Otherwise
  seasonal naive and exponential smoothing (ETS).
- The method is chosen by a rolling-origin backtest on MASE (see `backtest`); ties go to the simpler method,
  seasonal naive. A method whose fit fails is skipped and named in `Forecast.failed`.
- Intervals are `INTERVAL` (80 %) prediction intervals; Croston/SBA has none. Counts cannot be negative: points
  and bounds are clipped at 0.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd

HORIZON = 6  # months ahead
PERIOD = 12  # months in a season
INTERVAL = 0.8  # coverage of the prediction intervals
MIN_TRAIN = 12  # months a model is fitted on at the first backtest origin: one full season
BACKTEST_ORIGINS = 12  # the last twelve months are each forecast from every origin up to HORIZON months before
MIN_HISTORY = MIN_TRAIN + HORIZON  # a season to fit on plus six backtest origins, so the chosen error is not luck
ADI_CUTOFF = 1.32  # Syntetos & Boylan (2005): average demand interval from which demand counts as intermittent
CROSTON_ALPHA = 0.1  # fixed, within the 0.05-0.2 range Syntetos & Boylan recommend; no grid search on few demands

SEASONAL_NAIVE, ETS, CROSTON_SBA = "seasonal-naive", "ets", "croston-sba"
OK, TOO_LITTLE_HISTORY, NO_DEMAND = "ok", "too-little-history", "no-demand"


class Prediction(NamedTuple):
    """Point forecasts and, when the method has them, the bounds of the `INTERVAL` prediction interval."""

    point: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None


class FitFailed(Exception):
    """A model could not be fitted (numerical trouble); the caller falls back to another method."""


@dataclass(frozen=True)
class Forecast:
    """The forecast of one series; plain values only, so it pickles and serialises to JSON.

    `months`, `point`, `lower`, `upper` run in parallel (`lower`/`upper` are None without interval).
    `backtest_mase` holds the mean MASE of every candidate (None when undefined: a constant history), `mase` the
    chosen method's, to be shown beside the forecast. `failed` names methods whose fit failed.
    """

    status: str
    history_months: int
    method: str | None = None
    intermittent: bool | None = None
    months: tuple[str, ...] = ()
    point: tuple[float, ...] = ()
    lower: tuple[float, ...] | None = None
    upper: tuple[float, ...] | None = None
    backtest_mase: dict[str, float | None] = field(default_factory=dict)
    mase: float | None = None
    failed: tuple[str, ...] = ()


# --- methods ------------------------------------------------------------------------------------------------------


def seasonal_naive(history: Sequence[float], horizon: int = HORIZON) -> Prediction:
    """Each month as it was a season (12 months) earlier; with less than a season, the last value (naive).

    Interval: normal, with the root mean square of the in-sample residuals y[t] - y[t-lag] as sigma, widened by
    sqrt(seasons ahead) as in Hyndman & Athanasopoulos, FPP3 §5.5. No residuals (exactly one season): no interval.
    """
    values = np.asarray(history, dtype=float)
    lag = PERIOD if len(values) >= PERIOD else 1
    steps = np.arange(horizon)
    point = values[-lag:][steps % lag]
    residuals = values[lag:] - values[:-lag]
    if not len(residuals):
        return Prediction(point)
    spread = _z() * np.sqrt(np.mean(residuals**2)) * np.sqrt(steps // lag + 1)
    return Prediction(point, np.maximum(point - spread, 0), point + spread)


def ets(history: Sequence[float], horizon: int = HORIZON) -> Prediction:
    """Exponential smoothing (statsmodels ETSModel): additive error, damped additive trend, additive season.

    The season is modelled from two full seasons on (24 months), as the heuristic initialisation needs them.
    Damped trend: one model that does not run away over six months (Gardner & McKenzie), fitted once per origin.
    Heuristic initial states (Hyndman et al. 2008, §2.6) instead of estimated ones: ~20 times faster (a few ms per
    fit instead of ~120 ms), which keeps the backtest of a language well under a second.
    Raises FitFailed on numerical trouble or non-finite output.
    """
    table = _ets_prediction(np.asarray(history, dtype=float), horizon)[["mean", "pi_lower", "pi_upper"]].to_numpy()
    if not np.isfinite(table).all():
        raise FitFailed("non-finite forecast")
    point, lower, upper = np.maximum(table, 0).T
    return Prediction(point, lower, upper)


def _ets_prediction(values: np.ndarray, horizon: int) -> pd.DataFrame:
    """Fit the ETS model and return statsmodels' summary frame (mean, pi_lower, pi_upper) for the next months."""
    # Imported here: statsmodels and scipy take ~1 s to import, which pages using only the helpers below should not pay.
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    seasonal = len(values) >= 2 * PERIOD
    # statsmodels' prediction needs a pandas series; a monthly PeriodIndex (any start) avoids frequency warnings.
    endog = pd.Series(values, index=pd.period_range("2000-01", periods=len(values), freq="M"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow/invalid values in the likelihood search
        try:
            model = ETSModel(
                endog,
                error="add",
                trend="add",
                damped_trend=True,
                seasonal="add" if seasonal else None,
                seasonal_periods=PERIOD if seasonal else None,
                initialization_method="heuristic",
            )
            prediction = model.fit(disp=False).get_prediction(start=len(values), end=len(values) + horizon - 1)
            return prediction.summary_frame(alpha=1 - INTERVAL)
        except (ValueError, np.linalg.LinAlgError, ArithmeticError) as error:
            raise FitFailed(str(error)) from error


def croston_sba(history: Sequence[float], horizon: int = HORIZON, alpha: float = CROSTON_ALPHA) -> Prediction:
    """Croston's method with the Syntetos-Boylan bias correction: (1 - alpha/2) * size / interval, flat.

    Demand sizes z and intervals p between demands are smoothed separately, updated only in months with demand.
    Start: z = the first demand, p = the months up to and including it. No interval (none in closed form).
    """
    values = np.asarray(history, dtype=float)
    demands = np.flatnonzero(values)
    if not len(demands):
        return Prediction(np.zeros(horizon))
    size, interval = values[demands[0]], demands[0] + 1.0
    for previous, current in zip(demands[:-1], demands[1:]):
        size += alpha * (values[current] - size)
        interval += alpha * (current - previous - interval)
    return Prediction(np.full(horizon, (1 - alpha / 2) * size / interval))


METHODS: dict[str, Callable[[Sequence[float], int], Prediction]] = {
    SEASONAL_NAIVE: seasonal_naive,
    ETS: ets,
    CROSTON_SBA: croston_sba,
}


def _z() -> float:
    """The standard normal quantile of the upper bound of a central `INTERVAL` interval (1.2816 for 80 %)."""
    return NormalDist().inv_cdf((1 + INTERVAL) / 2)


# --- selection ----------------------------------------------------------------------------------------------------


def is_intermittent(history: Sequence[float]) -> bool:
    """Average demand interval (months per month with demand) at or above the Syntetos-Boylan cut-off 1.32."""
    values = np.asarray(history, dtype=float)
    demands = np.count_nonzero(values)
    return bool(demands == 0 or len(values) / demands >= ADI_CUTOFF)


def mase(actual: Sequence[float], forecast: Sequence[float], train: Sequence[float]) -> float | None:
    """Mean absolute scaled error: the forecast's MAE over the in-sample MAE of the seasonal naive method.

    The scale uses lag 12 when the training data hold more than a season, else lag 1 (naive). A zero scale
    (a constant training series) makes the MASE undefined: None, like an empty rate, never a division by zero.
    """
    train = np.asarray(train, dtype=float)
    lag = PERIOD if len(train) > PERIOD else 1
    scale = np.mean(np.abs(train[lag:] - train[:-lag])) if len(train) > lag else 0.0
    if not scale:
        return None
    return float(np.mean(np.abs(np.asarray(actual, dtype=float) - np.asarray(forecast, dtype=float))) / scale)


def backtest(history: Sequence[float], method: str, horizon: int = HORIZON) -> float | None:
    """Mean MASE of `method` over rolling origins: refitted at each of the last `BACKTEST_ORIGINS` months.

    From each origin (at least `MIN_TRAIN` months of training data) the method forecasts up to `horizon` months,
    as far as the history reaches; each origin's MASE is scaled on its own training data. Origins with an
    undefined MASE are left out; None when none is defined. Raises FitFailed when a fit fails.
    """
    values = np.asarray(history, dtype=float)
    scores = []
    for origin in range(max(MIN_TRAIN, len(values) - BACKTEST_ORIGINS), len(values)):
        actual = values[origin : origin + horizon]
        score = mase(actual, METHODS[method](values[:origin], len(actual)).point, values[:origin])
        if score is not None:
            scores.append(score)
    return float(np.mean(scores)) if scores else None


def rank_methods(scores: Mapping[str, float | None]) -> list[str]:
    """Methods from best to worst mean MASE; undefined scores last; ties keep the given (simplest-first) order."""
    return sorted(scores, key=lambda name: (scores[name] is None, scores[name] or 0.0))


# --- entry point --------------------------------------------------------------------------------------------------


def monthly_history(series: pd.Series) -> pd.Series:
    """The counts on a sorted, contiguous monthly PeriodIndex; missing months and NaN read as 0.

    Labels are 'YYYY-MM' strings (or monthly Periods). Raises ValueError for other labels, duplicate months or
    negative counts: those are caller bugs, not data situations.
    """
    months = pd.to_datetime([str(label) for label in series.index], format="%Y-%m").to_period("M")
    if months.has_duplicates:
        raise ValueError("duplicate months in the series")
    counts = pd.Series(pd.to_numeric(series.to_numpy()), index=months, dtype=float).fillna(0.0)
    if (counts < 0).any():
        raise ValueError("negative counts in the series")
    if counts.empty:
        return counts
    return counts.sort_index().reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0.0)


def forecast_series(series: pd.Series, horizon: int = HORIZON) -> Forecast:
    """Forecast the next `horizon` months of a monthly count series (index 'YYYY-MM'), method chosen by backtest."""
    counts = monthly_history(series)
    values = counts.to_numpy()
    demands = np.flatnonzero(values)
    if not len(demands):
        if counts.empty:
            return Forecast(TOO_LITTLE_HISTORY, 0)
        return Forecast(NO_DEMAND, 0, months=_months_after(counts.index[-1], horizon), point=(0.0,) * horizon)
    history = values[demands[0] :]
    if len(history) < MIN_HISTORY:
        return Forecast(TOO_LITTLE_HISTORY, len(history))
    return _chosen_forecast(history, _months_after(counts.index[-1], horizon), horizon)


def _chosen_forecast(history: np.ndarray, months: tuple[str, ...], horizon: int) -> Forecast:
    """Backtest the candidates, then fit the best one that does not fail on the whole history."""
    intermittent = is_intermittent(history)
    candidates = (SEASONAL_NAIVE, CROSTON_SBA if intermittent else ETS)
    scores, failed = {}, []
    for name in candidates:
        try:
            scores[name] = backtest(history, name, horizon)
        except FitFailed:
            failed.append(name)
    for name in rank_methods(scores):
        try:
            prediction = METHODS[name](history, horizon)
        except FitFailed:
            failed.append(name)
            continue
        return Forecast(
            OK, len(history), name, intermittent, months, *_plain(prediction), scores, scores[name], tuple(failed)
        )
    raise AssertionError("seasonal naive cannot fail")


def _months_after(last: pd.Period, horizon: int) -> tuple[str, ...]:
    return tuple((last + step).strftime("%Y-%m") for step in range(1, horizon + 1))


def _plain(prediction: Prediction) -> tuple:
    """The prediction as tuples of Python floats (point, lower, upper), None for a missing interval."""
    return tuple(None if part is None else tuple(float(v) for v in part) for part in prediction)


# --- outputs ------------------------------------------------------------------------------------------------------


FRAME_COLUMNS = ("month", "status", "method", "point", "lower", "upper", "mase", "history_months")


def forecast_frame(results: Mapping[tuple, Forecast], keys: Sequence[str]) -> pd.DataFrame:
    """A tidy table for exports: one row per key and forecast month; one row without month for a status only.

    `results` maps the caller's key tuples (e.g. (language, modality)) to forecasts; `keys` names their parts.
    """
    rows = []
    for key, result in results.items():
        base = dict(zip(keys, key)) | {
            "status": result.status,
            "method": result.method,
            "mase": result.mase,
            "history_months": result.history_months,
        }
        if not result.months:
            rows.append(base | {"month": None, "point": None, "lower": None, "upper": None})
        for i, month in enumerate(result.months):
            rows.append(
                base
                | {
                    "month": month,
                    "point": result.point[i],
                    "lower": result.lower[i] if result.lower else None,
                    "upper": result.upper[i] if result.upper else None,
                }
            )
    return pd.DataFrame(rows, columns=[*keys, *FRAME_COLUMNS])
