"""Bottleneck languages on the hand-made fixture (tests/fixture_db.py), in SQLite and PostgreSQL.

2022 in Brussels days: Arabic 9 requests (none "not available"), Ukrainian 3 (r4 not available), Tigrinya 1 (r6,
language not on offer); 'zz' has no requests.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import ids
from dashboard.exports import to_csv
from dashboard.filters import Filters
from dashboard.views import shortages
from tests import fixture_shortages
from tests.conftest import DIALECTS
from tests.dash_requests import post, response_values, text_of
from tests.support import open_data, read_csv

CONTRACT_COLUMNS = ["rank", "language_code", "language", "requests", "not_available", "shortage_rate"]  # §4

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def data(fixture_url):
    with open_data(fixture_url) as access:
        yield access


def test_wilson_interval_by_hand():
    # z = 1.959964, z² = 3.841459. At 100 % the bounds are 1 / (1 + z²/n) and 1: 1 of 1 gives 0.20655 and 1.
    assert shortages.wilson_interval(1, 1) == (pytest.approx(1 / (1 + shortages.Z_95**2)), 1.0)
    # 4 of 10: centre 0.4 + z²/20 = 0.592073, margin z·√(0.024 + z²/400) = 0.359289, scale 1 + z²/10 = 1.384146:
    # (0.592073 ∓ 0.359289) / 1.384146 = 0.168180 and 0.687326.
    assert shortages.wilson_interval(4, 10) == (pytest.approx(0.168180, abs=1e-5), pytest.approx(0.687326, abs=1e-5))
    # At 0 % the bounds are 0 and z² / (n + z²): 0 of 3 gives 3.841459 / 6.841459 = 0.561497.
    assert shortages.wilson_interval(0, 3) == (0.0, pytest.approx(0.561497, abs=1e-5))
    assert shortages.wilson_interval(4, 4)[1] == 1.0  # exactly, not 0.9999999999999999
    assert shortages.wilson_interval(0, 0) == (None, None)
    # Volume narrows it: the same 50 % over more requests.
    assert shortages.wilson_interval(500, 1000)[0] > shortages.wilson_interval(5, 10)[0]


def test_ranking_puts_the_known_bottleneck_first(data):
    table = shortages.ranking(data, YEAR_2022).set_index("language_code")
    assert list(table.index) == ["ti", "uk", "ar"]  # 'zz' has no requests: no rate, not ranked
    assert list(table["rank"]) == [1, 2, 3]
    assert table.loc["ti", "shortage_rate"] == 1.0
    assert table.loc["uk", "shortage_rate"] == pytest.approx(1 / 3)
    # 1 of 1: 1 / (1 + z²) = 0.20655 to 1; 1 of 3: 0.06149 to 0.79234 (see test_wilson_interval_by_hand).
    assert table.loc["ti", ["shortage_rate_low", "shortage_rate_high"]].tolist() == [
        pytest.approx(0.20655, abs=1e-5),
        1,
    ]
    assert table.loc["uk", "shortage_rate_low"] == pytest.approx(0.06149, abs=1e-5)
    assert table.loc["uk", "shortage_rate_high"] == pytest.approx(0.79234, abs=1e-5)
    # Tigrinya's only interpreter registered in 2023: nobody registered in 2022 with a request not available.
    assert table.not_on_offer.tolist() == [1, 0, 0]
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


def test_ties_go_to_the_higher_shortage_rate_then_the_code():
    table = pd.DataFrame(
        {
            "language_code": ["b", "a", "c", "d", "e"],
            "not_available": [3, 3, 3, 5, 0],
            "requests": [6, 6, 4, 50, 1],
            "shortage_rate": [0.5, 0.5, 0.75, 0.1, 0.0],
        }
    )
    # d: most not available whatever its rate; c: 3 at 75 %; a and b: 3 at 50 %, by code; e: none.
    assert list(shortages.rank_languages(table).language_code) == ["d", "c", "a", "b", "e"]
    assert list(shortages.rank_languages(table)["rank"]) == [1, 2, 3, 4, 5]


# --- the ranking on its own fixture (tests/fixture_shortages.py) ------------------------------------------------

YEAR_2025 = Filters(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(params=DIALECTS)
def ranking_data(request, built_databases):
    with open_data(built_databases(request.param, "shortage_ranking", fixture_shortages.fill)) as access:
        yield access


def test_the_most_requests_not_available_rank_first(ranking_data):
    table = shortages.ranking(ranking_data, YEAR_2025)
    assert list(table.language_code) == fixture_shortages.RANKED  # zz: no requests, not ranked
    assert list(table["rank"]) == list(range(1, 10))
    by_code = table.set_index("language_code")
    # The large language with 40 % (4 of 10) above the tiny one with 100 % (2 of 2).
    assert by_code.loc["ar", ["rank", "not_available", "shortage_rate"]].tolist() == [4, 4, 0.4]
    assert by_code.loc["lg", ["rank", "not_available", "shortage_rate"]].tolist() == [5, 2, 1.0]
    # 4 not available each: ps 100 %, ti 80 %, ar 40 %; 1 each at 50 %: ckb before hy; 0 each at 0 %: en before fr.
    assert list(table.language_code[1:4]) == ["ps", "ti", "ar"]
    assert list(table.language_code[5:]) == ["ckb", "hy", "en", "fr"]


def test_the_interval_beside_the_rate(ranking_data):
    table = shortages.ranking(ranking_data, YEAR_2025).set_index("language_code")
    bounds = table[["shortage_rate_low", "shortage_rate_high"]]
    # 9 of 10: centre 0.9 + z²/20 = 1.092073, margin z·√(0.009 + z²/400) = 0.267331, scale 1.384146:
    # 0.595849 and 0.982125.
    assert bounds.loc["so"].tolist() == [pytest.approx(0.595849, abs=1e-5), pytest.approx(0.982125, abs=1e-5)]
    assert bounds.loc["ar"].tolist() == [pytest.approx(0.168180, abs=1e-5), pytest.approx(0.687326, abs=1e-5)]
    # 2 of 2: 1 / (1 + z²/2) = 1 / 2.920730 = 0.342380, and 1; 0 of 3: 0 and z² / (3 + z²) = 0.561497.
    assert bounds.loc["lg"].tolist() == [pytest.approx(0.342380, abs=1e-5), 1.0]
    assert bounds.loc["fr"].tolist() == [0.0, pytest.approx(0.561497, abs=1e-5)]


def test_the_recruitment_list_holds_the_languages_not_on_offer(ranking_data):
    ranked = shortages.ranking(ranking_data, YEAR_2025)
    listed = shortages.recruitment_list(ranked)
    # so: 9 of 10, the 90 % threshold over 10 ≥ 5 requests; lg: nobody registered. Not ps (4 of 4, under 5
    # requests, someone registered) nor ti (80 %). They stay in the ranking, marked.
    assert list(listed.language_code) == fixture_shortages.NOT_ON_OFFER
    assert listed[["rank", "registered_interpreters"]].values.tolist() == [[1, 1], [5, 0]]
    assert list(ranked.language_code[ranked.not_on_offer == 1]) == fixture_shortages.NOT_ON_OFFER


def test_the_recruitment_list_reads_the_chosen_kinds(ranking_data):
    listed = shortages.recruitment_list(shortages.ranking(ranking_data, replace(YEAR_2025, kind=("crisis",))))
    # Only ti has a crisis interpreter: every other language with a request not available has nobody registered.
    assert list(listed.language_code) == ["so", "ps", "ar", "lg", "ckb", "hy"]


def test_the_ranking_export_on_the_fixture_exactly(ranking_data):
    rows = list(csv.reader(io.StringIO(to_csv(shortages.ranking(ranking_data, YEAR_2025, "en")))))
    assert rows[0][:8] == CONTRACT_COLUMNS + ["shortage_rate_low", "shortage_rate_high"]
    assert [row[:6] for row in rows[1:]] == [
        ["1", "so", "Somali", "10", "9", "0.900000"],
        ["2", "ps", "Pashto", "4", "4", "1.000000"],
        ["3", "ti", "Tigrinya", "5", "4", "0.800000"],
        ["4", "ar", "Arabic", "10", "4", "0.400000"],
        ["5", "lg", "Luganda", "2", "2", "1.000000"],
        ["6", "ckb", "Sorani", "2", "1", "0.500000"],
        ["7", "hy", "Armenian", "2", "1", "0.500000"],
        ["8", "en", "English", "1", "0", "0.000000"],
        ["9", "fr", "French", "3", "0", "0.000000"],
    ]
    # The bounds as fractions (see test_the_interval_beside_the_rate): so 9 of 10, ps 4 of 4.
    assert [row[6:8] for row in rows[1:3]] == [["0.595850", "0.982124"], ["0.510109", "1.000000"]]


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
    supply = graph_of(values["shortages-supply.children"])["figure"]["data"][0]
    assert supply["x"] == ["Arabisch", "Oekraïens", "Tigrinya"]  # the ranked languages with most requests first
    regions = graph_of(values["shortages-by-region.children"])["figure"]["data"][0]
    assert set(regions["x"]) == {"Provincie Antwerpen", "Limburg"}  # regions by their names
    assert graph_of(values["shortages-ukraine.children"])  # r3, completed by a crisis interpreter
    options = values[f"{LANGUAGE}.options"]
    assert [o["label"] for o in options] == ["Arabisch", "Oekraïens", "Tigrinya", "Zonder aanvragen"]  # by name
    # The forecast opens on the language with most requests not available (ti and uk: one each; ti ranks first).
    assert values[f"{LANGUAGE}.value"] == "ti"
    assert values["shortages-alerts.children"] is None


def test_the_page_lists_the_languages_not_on_offer_apart_and_marks_them(client, app):
    values = page_answer(client, app)
    # Tigrinya: 1 request, not available, nobody registered in 2022.
    assert [row["language_code"] for row in values["shortages-recruitment-grid.rowData"]] == ["ti"]
    marks = [row["on_offer"] for row in values["shortages-ranking-grid.rowData"]]
    assert marks == ["Geen aanbod", "", ""]


def test_the_forecast_language_stays_the_readers_while_it_is_offered(client, app):
    assert page_answer(client, app, chosen="uk")[f"{LANGUAGE}.value"] == "uk"
    for forged in ("nope", ["uk"], {"code": "uk"}, 7):
        assert page_answer(client, app, chosen=forged)[f"{LANGUAGE}.value"] == "ti"


def test_a_period_without_requests_ranks_nothing_and_draws_nothing(client, app):
    values = page_answer(client, app, "?from=2010-01-01&to=2010-12-31")
    assert values["shortages-ranking-grid.rowData"] == []
    assert values["shortages-recruitment-grid.rowData"] == []
    drawn = [values[f"shortages-{part}.children"] for part in ("by-region", "by-modality", "trend", "supply")]
    assert drawn == [None, None, None, None]
    assert text_of(values["shortages-ukraine.children"]) == "Geen volbrachte Oekraïense aanvragen in deze selectie."
    assert values[f"{LANGUAGE}.value"] == "ar"  # no ranking: the first language by name


def test_the_forecast_of_a_language_beside_its_requests(client, app):
    values = forecast_answer(client, app, "uk")
    actual, *_ = graph_of(values["shortages-forecast.children"])["figure"]["data"]
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


def test_the_ranking_export_first_columns_and_values(client):
    rows = read_csv(client.get(f"/export/shortages.csv?{SEARCH_2022[1:]}"))
    assert list(rows[0])[:8] == CONTRACT_COLUMNS + ["shortage_rate_low", "shortage_rate_high"]
    # ti and uk: 1 not available each, ti at the higher rate (1 of 1 against 1 of 3); ar: none of 9.
    assert [list(row.values())[:8] for row in rows] == [
        ["1", "ti", "Tigrinya", "1", "1", "1.000000", "0.206549", "1.000000"],
        ["2", "uk", "Oekraïens", "3", "1", "0.333333", "0.061492", "0.792340"],
        ["3", "ar", "Arabisch", "9", "0", "0.000000", "0.000000", "0.299145"],
    ]
    assert [row["not_on_offer"] for row in rows] == ["1", "0", "0"]


def test_the_recruitment_export(client):
    workbook = load_workbook(io.BytesIO(client.get(f"/export/shortages-recruitment.xlsx?{SEARCH_2022[1:]}").data))
    sheet = [[cell for cell in row] for row in workbook.active.iter_rows()]
    assert [cell.value for cell in sheet[0]][:6] == CONTRACT_COLUMNS
    assert [cell.value for cell in sheet[1]][:6] == [1, "ti", "Tigrinya", 1, 1, 1]
    assert [cell.number_format for cell in sheet[1][5:8]] == ["0.0%"] * 3  # the rate and its bounds


def graph_of(node) -> dict:
    """The props of the first Plotly graph in a callback's answer (a chart is layouts._components.chart's figure)."""
    if isinstance(node, dict):
        if node.get("type") == "Graph":
            return node["props"]
        found = [graph_of(value) for value in node.get("props", {}).values()]
    elif isinstance(node, list):
        found = [graph_of(item) for item in node]
    else:
        return {}
    return next((props for props in found if props), {})
