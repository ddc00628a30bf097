"""The demand forecast maths (dashboard/forecast.py), on hand-worked and synthetic monthly series."""

from __future__ import annotations

import dataclasses
import json
import pickle

import numpy as np
import pandas as pd
import pytest

from dashboard import forecast
from dashboard.forecast import (
    CROSTON_SBA,
    ETS,
    NO_DEMAND,
    OK,
    SEASONAL_NAIVE,
    TOO_LITTLE_HISTORY,
    FitFailed,
    Forecast,
    backtest,
    croston_sba,
    forecast_frame,
    forecast_series,
    is_intermittent,
    mase,
    monthly_history,
    rank_methods,
    seasonal_naive,
)

Z80 = 1.2815515655446004  # standard normal quantile 0.9: the upper bound of a central 80 % interval


def monthly(values, start="2018-01"):
    """A count series indexed by 'YYYY-MM' labels from `start`."""
    months = pd.period_range(start, periods=len(values), freq="M").strftime("%Y-%m")
    return pd.Series(np.asarray(values), index=list(months))


def test_seasonal_naive_repeats_the_month_a_year_before():
    # 24 months: 1..12, then 3..14 (each month 2 more than a year before) -> the next months repeat 3, 4, ...
    history = list(range(1, 13)) + list(range(3, 15))
    result = seasonal_naive(history, 6)
    assert result.point.tolist() == [3, 4, 5, 6, 7, 8]
    # every residual y[t] - y[t-12] is 2: sigma = 2, one season ahead at most -> spread 1.2816 * 2
    assert result.upper.tolist() == pytest.approx([p + 2 * Z80 for p in [3, 4, 5, 6, 7, 8]])
    assert result.lower.tolist() == pytest.approx([p - 2 * Z80 for p in [3, 4, 5, 6, 7, 8]])


def test_seasonal_naive_with_less_than_a_season_repeats_the_last_value():
    # residuals of the naive method: 2, -1 -> sigma = sqrt((4 + 1) / 2); h months ahead widens by sqrt(h)
    result = seasonal_naive([4, 6, 5], 3)
    assert result.point.tolist() == [5, 5, 5]
    sigma = np.sqrt(2.5)
    assert result.upper.tolist() == pytest.approx([5 + Z80 * sigma * np.sqrt(h) for h in (1, 2, 3)])
    assert result.lower.tolist() == pytest.approx([max(0.0, 5 - Z80 * sigma * np.sqrt(h)) for h in (1, 2, 3)])


def test_mase_by_hand():
    # 4 training months (< a season): naive scale = mean(|2-1|, |3-2|, |5-3|) = 4/3; MAE(|6-5|, |4-5|) = 1
    assert mase([6, 4], [5, 5], [1, 2, 3, 5]) == pytest.approx(0.75)
    # 13 training months 0..12: seasonal scale = |12 - 0| = 12; MAE = 6 -> 0.5
    assert mase([20], [14], list(range(13))) == pytest.approx(0.5)
    # a constant training series has no scale: undefined, not a division by zero
    assert mase([3], [2], [5, 5, 5]) is None


def test_backtest_by_hand():
    # y = 0..17, 18 months: origins 12..17. At origin 12 (12 training months) seasonal naive forecasts y[0..5]
    # against 12..17: MAE 12, naive scale 1 -> MASE 12. From origin 13 on, every forecast is 12 too low and the
    # seasonal scale is 12 -> MASE 1 at origins 13..17. Mean: (12 + 5 * 1) / 6.
    assert backtest(list(range(18)), SEASONAL_NAIVE) == pytest.approx(17 / 6)


def test_croston_sba_by_hand():
    # demands 3 (month 0), 2 (month 3), 4 (month 5); alpha 0.1. Start: size 3, interval 1 (months up to month 0).
    # month 3: size 3 + 0.1 * (2 - 3) = 2.9,    interval 1 + 0.1 * (3 - 1) = 1.2
    # month 5: size 2.9 + 0.1 * (4 - 2.9) = 3.01, interval 1.2 + 0.1 * (2 - 1.2) = 1.28
    # SBA: (1 - 0.1 / 2) * 3.01 / 1.28 = 0.95 * 2.3515625 = 2.233984375, flat, no interval
    result = croston_sba([3, 0, 0, 2, 0, 4], 6)
    assert result.point.tolist() == pytest.approx([2.233984375] * 6)
    assert result.lower is None and result.upper is None


def test_intermittency_cut_off():
    # average demand interval: 4 months / 3 with demand = 1.33 >= 1.32; 5 / 4 = 1.25 below
    assert is_intermittent([1, 1, 1, 0]) and not is_intermittent([1, 1, 1, 1, 0])


def test_ties_go_to_the_simpler_method():
    assert rank_methods({SEASONAL_NAIVE: 0.8, ETS: 0.8}) == [SEASONAL_NAIVE, ETS]
    assert rank_methods({SEASONAL_NAIVE: 0.9, ETS: 0.5}) == [ETS, SEASONAL_NAIVE]
    assert rank_methods({SEASONAL_NAIVE: None, ETS: None}) == [SEASONAL_NAIVE, ETS]


def test_seasonal_series_beats_seasonal_naive():
    # 84 months of level 50, trend +0.5 a month, seasonal swing +-15 and noise sd 2
    rng = np.random.default_rng(3)
    t = np.arange(90)
    pattern = 50 + 0.5 * t + 15 * np.sin(2 * np.pi * t / 12)
    result = forecast_series(monthly(np.round(pattern[:84] + rng.normal(0, 2, 84)).astype(int)))
    assert (result.status, result.method, result.intermittent, result.history_months) == (OK, ETS, False, 84)
    assert result.mase == result.backtest_mase[ETS] < 0.5 * result.backtest_mase[SEASONAL_NAIVE]
    assert result.months == ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06")
    assert np.allclose(result.point, pattern[84:], rtol=0.08)
    assert all(0 <= low <= point <= up for low, point, up in zip(result.lower, result.point, result.upper))
    assert result.failed == ()


def test_intermittent_series_gets_croston_sba():
    # 60 months, a request in about one month in four (1-3 requests)
    rng = np.random.default_rng(3)
    values = rng.binomial(1, 0.25, 60) * rng.integers(1, 4, 60)
    values[0] = 2
    result = forecast_series(monthly(values))
    assert (result.status, result.method, result.intermittent) == (OK, CROSTON_SBA, True)
    assert result.mase == result.backtest_mase[CROSTON_SBA] < result.backtest_mase[SEASONAL_NAIVE]
    assert result.point == pytest.approx(tuple(croston_sba(values, 6).point)) and result.point[0] > 0
    assert result.lower is None and result.upper is None


def test_two_months_is_too_little_history():
    result = forecast_series(monthly([4, 7], start="2026-09"))
    assert result == Forecast(TOO_LITTLE_HISTORY, 2)
    assert (result.months, result.point, result.lower, result.method) == ((), (), None, None)
    assert forecast_series(pd.Series([], dtype="int64")) == Forecast(TOO_LITTLE_HISTORY, 0)


def test_history_starts_at_the_first_request():
    # 30 empty months before the language was first asked for, then 17 months: still too little history
    assert forecast_series(monthly([0] * 30 + [5] * 17)).status == TOO_LITTLE_HISTORY
    assert forecast_series(monthly([0] * 30 + [5, 6] * 9)).history_months == 18


def test_all_zero_series_forecasts_no_demand():
    result = forecast_series(monthly([0] * 40))
    assert (result.status, result.method, result.point, result.lower) == (NO_DEMAND, None, (0.0,) * 6, None)
    assert result.months[0] == "2021-05"


def test_constant_series_has_no_backtest_error():
    # the MASE scale is 0 at every origin: no error is shown, the simplest method is kept
    result = forecast_series(monthly([5] * 30))
    assert (result.method, result.mase, result.backtest_mase) == (
        SEASONAL_NAIVE,
        None,
        {SEASONAL_NAIVE: None, ETS: None},
    )
    assert result.point == (5.0,) * 6


def test_missing_months_are_filled_with_zero():
    series = pd.Series([3, 1, 2.0, np.nan], index=["2024-04", "2024-01", "2024-02", "2024-05"])
    filled = monthly_history(series)
    assert filled.index.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert filled.tolist() == [1, 2, 0, 3, 0]


@pytest.mark.parametrize(
    "series",
    [
        pd.Series([1, 2], index=["2024-01", "2024-01"]),
        pd.Series([1, -2], index=["2024-01", "2024-02"]),
        pd.Series([1], index=["January"]),
    ],
)
def test_bad_series_are_rejected(series):
    with pytest.raises(ValueError):
        monthly_history(series)


def test_failed_fit_falls_back(monkeypatch):
    def failing(history, horizon):
        raise FitFailed("singular")

    monkeypatch.setitem(forecast.METHODS, ETS, failing)
    result = forecast_series(monthly(np.arange(30) % 12 + 10))
    assert (result.status, result.method, result.failed, list(result.backtest_mase)) == (
        OK,
        SEASONAL_NAIVE,
        (ETS,),
        [SEASONAL_NAIVE],
    )


def test_forecast_is_plain_data():
    result = forecast_series(monthly(np.arange(30) % 12 + 10))
    assert pickle.loads(pickle.dumps(result)) == result
    assert json.loads(json.dumps(dataclasses.asdict(result)))["months"][0] == "2020-07"


def test_forecast_frame_is_tidy():
    ok = Forecast(
        OK,
        30,
        SEASONAL_NAIVE,
        False,
        ("2026-12", "2027-01"),
        (4.0, 5.0),
        (1.0, 2.0),
        (7.0, 8.0),
        {SEASONAL_NAIVE: 0.9},
        0.9,
    )
    frame = forecast_frame(
        {("ar", "onsite"): ok, ("uk", "phone"): Forecast(TOO_LITTLE_HISTORY, 2)}, ("language", "modality")
    )
    assert frame.columns.tolist() == [
        "language",
        "modality",
        "month",
        "status",
        "method",
        "point",
        "lower",
        "upper",
        "mase",
        "history_months",
    ]
    assert frame.language.tolist() == ["ar", "ar", "uk"]
    assert frame.point.tolist()[:2] == [4.0, 5.0] and frame.upper.tolist()[:2] == [7.0, 8.0]
    assert frame.status.tolist()[2] == TOO_LITTLE_HISTORY and pd.isna(frame.month.iloc[2])
