"""Bottleneck languages on the hand-made fixture (tests/fixture_db.py), in SQLite and PostgreSQL.

2022 in Brussels days: Arabic 9 requests (none "not available"), Ukrainian 3 (r4 not available), Tigrinya 1 (r6,
language not on offer); 'zz' has no requests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from dashboard import ids
from dashboard.filters import Filters
from dashboard.views import shortages
from tests.dash_requests import post, response_values, text_of
from tests.support import open_data

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def data(fixture_url):
    with open_data(fixture_url) as access:
        yield access


def test_wilson_lower_bound_by_hand():
    # 1 of 1: (1 + z²/2 - z·sqrt(z²/4)) / (1 + z²) = 1 / (1 + z²) = 0.20655 with z = 1.96.
    assert shortages.wilson_lower(1, 1) == pytest.approx(1 / (1 + shortages.Z_95**2))
    assert shortages.wilson_lower(1, 3) == pytest.approx(0.06149, abs=1e-5)
    assert shortages.wilson_lower(0, 9) == 0.0
    assert shortages.wilson_lower(0, 0) is None
    # Volume counts: the same 50 % rate ranks higher with more requests behind it.
    assert shortages.wilson_lower(500, 1000) > shortages.wilson_lower(5, 10) > shortages.wilson_lower(1, 2)


def test_ranking_puts_the_known_bottleneck_first(data):
    table = shortages.ranking(data, YEAR_2022).set_index("language_code")
    assert list(table.index) == ["ti", "uk", "ar"]  # 'zz' has no requests: no rate, not ranked
    assert list(table["rank"]) == [1, 2, 3]
    assert table.loc["ti", "shortage_rate"] == 1.0
    assert table.loc["uk", "shortage_rate"] == pytest.approx(1 / 3)
    assert table.loc["ti", "shortage_score"] == pytest.approx(0.20655, abs=1e-5)
    # Supply pressure = requests per active interpreter: Arabic 9 requests, interpreter 1 active; Tigrinya none.
    assert table.loc["ar", "supply_pressure"] == 9.0
    assert table.loc["uk", "supply_pressure"] == 3.0
    assert pd.isna(table.loc["ti", "supply_pressure"])
    # Activity rate = active among those in the register during 2022 / those in it (CONTRACT §3): Arabic 1/2
    # (1 and 3, who left in June, were in it; 4 joined in 2023; 3 completed nothing); Tigrinya's only interpreter
    # registered in 2023: no rate.
    assert table.loc["ar", "activity_rate"] == 0.5
    assert pd.isna(table.loc["ti", "activity_rate"])


def test_kind_filter_applies_to_interpreters_not_to_requests(data):
    table = shortages.ranking(data, replace(YEAR_2022, kind=("crisis",))).set_index("language_code")
    # Requests as without the filter (ti's unanswered request has no interpreter, hence no kind) ...
    assert list(table.index) == ["ti", "uk", "ar"]
    assert table.loc["ti", "not_available"] == 1
    # ... interpreters of that kind only: interpreter 2 (crisis, Ukrainian), active with r3; none for Arabic.
    assert table.loc["uk", ["active_interpreters", "registered_interpreters"]].tolist() == [1, 1]
    assert table.loc["ar", ["active_interpreters", "registered_interpreters"]].tolist() == [0, 0]
    assert pd.isna(table.loc["ar", "activity_rate"])


def test_ties_go_to_more_requests_not_available_then_the_code():
    table = pd.DataFrame(
        {"language_code": ["b", "a", "c", "d"], "shortage_score": [0.2, 0.2, 0.2, None], "not_available": [3, 3, 5, 0]}
    )
    assert list(shortages.rank_languages(table).language_code) == ["c", "a", "b", "d"]


def test_shortage_by_region_and_modality(data):
    regions = shortages.shortage_by(data, YEAR_2022, "region_id").set_index(["language_code", "region_code"])
    assert regions.loc[("uk", "LIM"), ["requests", "not_available"]].tolist() == [3, 1]  # all at Basisschool Genk
    assert regions.loc[("ti", "ANT"), "shortage_rate"] == 1.0
    modalities = shortages.shortage_by(data, YEAR_2022, "modality").set_index(["language_code", "modality"])
    assert modalities.loc[("uk", "onsite"), "shortage_rate"] == 1.0  # r4
    assert modalities.loc[("uk", "phone"), "shortage_rate"] == 0.0  # r3


def test_monthly_shortage(data):
    table = shortages.monthly_shortage(data, YEAR_2022).set_index(["language_code", "month"])
    assert table.loc[("ti", "2022-07"), "shortage_rate"] == 1.0
    assert table.loc[("uk", "2022-05"), ["requests", "not_available"]].tolist() == [1, 1]
    assert ("ar", "2022-02") not in table.index  # no requests that month: no rate rather than 0


def test_ukrainian_served_by(data):
    table = shortages.ukrainian_served_by(data, YEAR_2022)
    # r3: completed by interpreter 2, a crisis interpreter who does not speak Russian in this fixture.
    assert table.to_dict("records") == [{"kind": "crisis", "speaks_russian": False, "completed": 1, "share": 1.0}]


# --- the page's callbacks, posted as the browser posts them (tests/dash_requests.py) ---------------------------

QUERY = f"{ids.PAGE_QUERY}.data"
SEARCH_2022 = "?from=2022-01-01&to=2022-12-31"
LANGUAGE = ids.dom_id(ids.choice("shortages", "forecast-language"))
MODALITY = ids.dom_id(ids.choice("shortages", "forecast-modality"))


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    """The hand-made fixture; the forecast fitted within the request (no background thread)."""
    return {"url": fixture_sqlite, "aggregates": False, "forecast_background": False}


def page_answer(client, app, search: str = SEARCH_2022, chosen=None) -> dict:
    response = post(client, app, "shortages-ranking-grid.rowData", {QUERY: search, f"{LANGUAGE}.value": chosen})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def forecast_answer(client, app, language, modality="") -> dict:
    values = {QUERY: SEARCH_2022, f"{LANGUAGE}.value": language, f"{MODALITY}.value": modality}
    response = post(client, app, "shortages-forecast.children", values)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_the_page_ranks_the_fixtures_languages_and_draws_them(client, app):
    values = page_answer(client, app)
    assert [row["language_code"] for row in values["shortages-ranking-grid.rowData"]] == ["ti", "uk", "ar"]
    supply = values["shortages-supply.children"]["props"]["figure"]["data"][0]
    assert supply["x"] == ["Arabisch", "Oekraïens", "Tigrinya"]  # the ranked languages with most requests first
    regions = values["shortages-by-region.children"]["props"]["figure"]["data"][0]
    assert set(regions["x"]) == {"Provincie Antwerpen", "Limburg"}  # regions by their names
    assert values["shortages-ukraine.children"]["type"] == "Graph"  # r3, completed by a crisis interpreter
    options = values[f"{LANGUAGE}.options"]
    assert [o["label"] for o in options] == ["Arabisch", "Oekraïens", "Tigrinya", "Zonder aanvragen"]  # by name
    # The forecast opens on the language with most requests not available (ti and uk: one each; ti ranks first).
    assert values[f"{LANGUAGE}.value"] == "ti"
    assert values["shortages-alerts.children"] is None


def test_the_forecast_language_stays_the_readers_while_it_is_offered(client, app):
    assert page_answer(client, app, chosen="uk")[f"{LANGUAGE}.value"] == "uk"
    for forged in ("nope", ["uk"], {"code": "uk"}, 7):
        assert page_answer(client, app, chosen=forged)[f"{LANGUAGE}.value"] == "ti"


def test_a_period_without_requests_ranks_nothing_and_draws_nothing(client, app):
    values = page_answer(client, app, "?from=2010-01-01&to=2010-12-31")
    assert values["shortages-ranking-grid.rowData"] == []
    drawn = [values[f"shortages-{part}.children"] for part in ("by-region", "by-modality", "trend", "supply")]
    assert drawn == [None, None, None, None]
    assert text_of(values["shortages-ukraine.children"]) == "Geen volbrachte Oekraïense aanvragen in deze selectie."
    assert values[f"{LANGUAGE}.value"] == "ar"  # no ranking: the first language by name


def test_the_forecast_of_a_language_beside_its_requests(client, app):
    values = forecast_answer(client, app, "uk")
    actual, *_ = values["shortages-forecast.children"]["props"]["children"][0]["props"]["figure"]["data"]
    assert actual["x"] == [f"2022-{month}-01T00:00:00.000000" for month in ("04", "05", "10")]  # r3, r4, r11
    assert "MASE" in text_of(values["shortages-forecast.children"])
    modalities = [option["value"] for option in values[f"{MODALITY}.options"]]
    assert modalities == ["", "onsite", "phone", "video"]  # all together, then those forecast on their own
    assert {row["language"] for row in values["shortages-forecast-grid.rowData"]} >= {"Arabisch", "Oekraïens"}
    assert values["shortages-forecast-poll.disabled"] is True
    # A modality the language has no forecast for shows all together.
    assert forecast_answer(client, app, "uk", "translation") == values


@pytest.mark.parametrize("forged", [None, "nope", ["uk"], {"code": "uk"}, 7])
def test_a_forecast_language_it_cannot_show_says_why(client, app, forged):
    values = forecast_answer(client, app, forged, modality=["onsite"])
    assert "Te weinig geschiedenis" in text_of(values["shortages-forecast.children"])
    assert values["shortages-forecast-grid.rowData"]  # every language's summary all the same
