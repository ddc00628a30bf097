"""Forecasts off the request path (dashboard/forecasting.py) on the hand-made fixture: the history they rest on,
"too little history" for every language of a young database, the background thread and the cache."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pandas as pd
import pytest

from dashboard.forecasting import COLUMNS, Forecaster, ForecastFailed, capacities, fit_all, with_capacity
from tests.support import open_data

APRIL_2023 = datetime(2023, 4, 15, 9, 0, tzinfo=UTC)  # complete months: January 2022 to March 2023


@pytest.fixture
def data(fixture_url):
    with open_data(fixture_url) as access:
        yield access


def test_history_holds_complete_brussels_months(data):
    history = Forecaster(data, background=False).history(APRIL_2023)
    assert int(history.requests.sum()) == 15  # every request, r10 (31 Dec 23:30 UTC) in January 2022
    assert (history.month.min(), history.month.max()) == ("2022-01", "2023-03")
    march_2022 = history[history.month == "2022-03"]
    assert int(march_2022.requests.sum()) == 2 and int(march_2022.served.sum()) == 2  # r1, r2 (r15 is April)
    september = history[history.month == "2022-09"]  # r8: unanswered (other reason), so not served
    assert (int(september.requests.sum()), int(september.served.sum())) == (1, 0)
    assert set(history.last_month) == {"2023-03"}


def test_young_database_gives_too_little_history_not_an_error(data):
    table = Forecaster(data, background=False).table(APRIL_2023)
    totals = table[table.modality == ""]
    assert set(totals.language_code) == {"ar", "uk", "ti"}
    assert set(totals.status) == {"too-little-history"}
    assert totals.point.isna().all()


def test_no_complete_month_gives_an_empty_history(data):
    history = Forecaster(data, background=False).history(datetime(2022, 1, 10, tzinfo=UTC))
    assert history.empty


def test_background_computation_is_cached_and_read_at_once(data):
    forecaster = Forecaster(data)
    go, done = threading.Event(), threading.Event()
    original = forecaster._fit

    def held_fit(key, history):  # the fit waits for the test, so "still computing" is observed for sure
        go.wait(60)
        original(key, history)
        done.set()

    forecaster._fit = held_fit
    assert forecaster.table(APRIL_2023) is None  # started in the background: the page says so
    go.set()
    assert done.wait(60)
    assert forecaster.table(APRIL_2023) is not None  # now from the cache


def history_of(months: int, requests: int, served: int, quiet_from: int | None = None) -> pd.DataFrame:
    """A synthetic history: one language (ar) on phone and on site, `requests` a month each (0 from month
    `quiet_from` on), `served` of them served."""
    labels = list(pd.period_range("2023-01", periods=months, freq="M").strftime("%Y-%m"))
    rows = [
        {
            "month": m,
            "language_id": 1,
            "language_code": "ar",
            "modality": modality,
            "requests": requests,
            "served": served,
            "last_month": labels[-1],
        }
        for i, m in enumerate(labels)
        for modality in ("phone", "onsite")
        if quiet_from is None or i < quiet_from
    ]
    return pd.DataFrame(rows)


def test_forecast_per_language_and_modality_with_capacity():
    history = history_of(36, 20, 15)
    table = with_capacity(fit_all(history), history)
    total = table[table.modality == ""]
    assert len(total) == 6 and set(table.modality) == {"", "phone", "onsite"}
    assert total.point.tolist() == pytest.approx([40.0] * 6)  # a flat 40 a month: every method says 40
    assert total.capacity.iloc[0] == 30.0  # served per month over the last six months
    assert total.gap.tolist() == pytest.approx([10.0] * 6)


def test_a_language_gone_quiet_is_forecast_from_the_last_complete_month():
    history = history_of(36, 20, 15, quiet_from=34)  # nothing in the last two complete months
    table = with_capacity(fit_all(history), history)
    total = table[table.modality == ""]
    assert total.month.iloc[0] == "2026-01"  # the month after the last complete month (2025-12), not after 2025-10
    assert total.capacity.iloc[0] == pytest.approx(30.0 * 4 / 6)  # two quiet months of six count as 0


def served(language: str, months: dict[str, int], last_month: str) -> pd.DataFrame:
    """A history of phone requests of one language, `served` per month as given (requests the same)."""
    return pd.DataFrame(
        [
            {"month": m, "language_id": 1, "language_code": language, "modality": "phone", "requests": n}
            | {"served": n, "last_month": last_month}
            for m, n in months.items()
        ]
    )


def test_capacity_is_the_mean_of_the_last_six_months_by_hand():
    # ar, last 6 complete months (March 2025 missing, so 0): 4, 0, 6, 8, 10, 2 -> 30 / 6 = 5; January's 100 is older.
    # uk, first requested in May: 3 months of 3 -> 3 (the mean over the months since it was first requested)
    ar = {"2025-01": 100, "2025-02": 4, "2025-04": 6, "2025-05": 8, "2025-06": 10, "2025-07": 2}
    history = pd.concat(
        [
            served("ar", ar, "2025-07"),
            served("uk", dict.fromkeys(("2025-05", "2025-06"), 3) | {"2025-07": 3}, "2025-07"),
        ]
    )
    assert capacities(history) == {("ar", ""): 5.0, ("ar", "phone"): 5.0, ("uk", ""): 3.0, ("uk", "phone"): 3.0}


def test_projected_shortage_by_hand():
    # ar: capacity 11 (one month served 11); demand 10, 12 -> gap 0, 1; at the upper bound 13, 16 -> 2, 5.
    # uk: no history, so no capacity: the gap is the whole demand; without an interval no upper gap.
    months = ["2026-12", "2027-01"]
    fits = pd.DataFrame(
        {
            "language_code": ["ar", "ar", "uk", "uk"],
            "modality": "",
            "month": months * 2,
            "point": [10.0, 12.0, 3.0, 4.0],
        }
        | {"upper": [13.0, 16.0, None, None]}
    ).reindex(columns=[c for c in COLUMNS if c not in ("capacity", "gap", "gap_upper")])
    table = with_capacity(fits, served("ar", {"2026-11": 11}, "2026-11")).set_index(["language_code", "month"])
    assert table.capacity.tolist() == [11.0, 11.0, 0.0, 0.0]
    assert table.gap.tolist() == [0.0, 1.0, 3.0, 4.0]
    assert table.gap_upper.tolist()[:2] == [2.0, 5.0] and table.gap_upper.iloc[2:].isna().all()


def test_a_failed_fit_is_said_and_not_retried_at_once(data, monkeypatch):
    import dashboard.forecasting as forecasting

    calls = []

    def failing(history):
        calls.append(1)
        raise ValueError("no luck")

    monkeypatch.setattr(forecasting, "fit_all", failing)
    forecaster = Forecaster(data, background=False)
    for _ in range(2):
        with pytest.raises(ForecastFailed, match="no luck"):
            forecaster.table(APRIL_2023)
    assert len(calls) == 1  # remembered for FAILURE_SECONDS, not refitted at every poll


def test_outcomes_recorded_later_do_not_refit(data):
    forecaster = Forecaster(data, background=False)
    history = forecaster.history(APRIL_2023)
    changed = history.assign(served=0)  # outcomes change, demand does not
    assert forecaster._key(history) == forecaster._key(changed)
    assert forecaster._key(history) != forecaster._key(history.assign(requests=history.requests + 1))
