"""Forecasts off the request path (dashboard/forecasting.py) on the hand-made fixture: the history they rest on,
"too little history" for every language of a young database, the background thread and the cache."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pandas as pd
import pytest
from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.forecasting import Forecaster, forecast_table

APRIL_2023 = datetime(2023, 4, 15, 9, 0, tzinfo=timezone.utc)  # complete months: January 2022 to March 2023


@pytest.fixture
def data(fixture_url):
    database = Database(fixture_url)
    yield DataAccess(database, Cache(Flask("test"), config={"CACHE_TYPE": "SimpleCache"}))
    database.dispose()


def test_history_holds_complete_brussels_months(data):
    history = Forecaster(data, background=False).history(APRIL_2023)
    assert int(history.requests.sum()) == 15  # every request, r10 (31 Dec 23:30 UTC) in January 2022
    assert (history.month.min(), history.month.max()) == ("2022-01", "2023-03")
    march_2022 = history[history.month == "2022-03"]
    assert int(march_2022.requests.sum()) == 2 and int(march_2022.answered.sum()) == 2  # r1, r2 (r15 is April)


def test_young_database_gives_too_little_history_not_an_error(data):
    table = Forecaster(data, background=False).table(APRIL_2023)
    totals = table[table.modality == ""]
    assert set(totals.language_code) == {"ar", "uk", "ti"}
    assert set(totals.status) == {"too-little-history"}
    assert totals.point.isna().all()


def test_no_complete_month_gives_an_empty_history(data):
    history = Forecaster(data, background=False).history(datetime(2022, 1, 10, tzinfo=timezone.utc))
    assert history.empty


def test_background_computation_is_cached_and_read_at_once(data):
    forecaster = Forecaster(data)
    done = threading.Event()
    original = forecaster._compute
    forecaster._compute = lambda key, history: (original(key, history), done.set())[0]
    assert forecaster.table(APRIL_2023) is None  # started in the background: the page says so
    assert done.wait(60)
    assert forecaster.table(APRIL_2023) is not None  # now from the cache


def test_forecast_table_per_language_and_modality_with_capacity():
    months = pd.period_range("2023-01", periods=36, freq="M").strftime("%Y-%m")
    history = pd.DataFrame({"month": list(months) * 2, "language_id": 1, "modality": ["phone"] * 36 + ["onsite"] * 36,
                            "requests": 20, "answered": 15})
    table = forecast_table(history, pd.DataFrame({"id": [1], "code": ["ar"]}))
    total = table[table.modality == ""]
    assert len(total) == 6 and set(table.modality) == {"", "phone", "onsite"}
    assert total.point.tolist() == pytest.approx([40.0] * 6)  # a flat 40 a month: every method says 40
    assert total.capacity.iloc[0] == 30.0  # answered per month over the last six months
    assert total.gap.tolist() == pytest.approx([10.0] * 6)
