"""The interpreters page's figures against values worked out by hand (tests/fixture_management.py), in SQLite and in
PostgreSQL; its exports' columns; its builders; its callbacks, posted in-process as the browser posts them.

2022 in Brussels days. Completed requests and who did them: interpreter 1 (certified) r1 r2 r5; 2 (crisis) r3 r4;
3 (certified, left 30 June 2022) r7; 4 (taalhulp, pool Mechelen) r6 (29 June); 5 (taalhulp, pool Genk) r19
(30 June). Registered on 31 December 2022: 1, 2, 4, 5, 6, 7, 9 (3 has left, 8 registers in 2023).
Who speaks what: 1 ar; 2 uk; 3 ar; 4 ar; 5 ar+uk; 6 ti; 7 ar; 8 ar; 9 ti.
"""

from __future__ import annotations

import base64
import json
from datetime import date

import numpy as np
import pytest

from dashboard import ids
from dashboard.db import DatabaseUnavailable
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.views import interpreters as views
from tests.dash_requests import post, response_values, text_of
from tests.fixture_management import fill
from tests.support import read_csv

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))
LATER = date(2026, 11, 23)  # "today" well after the period: the period's end is the reference day


@pytest.fixture
def data(management_data):
    return management_data


# --- active against registered ----------------------------------------------------------------------------------


def test_activity_per_kind(data):
    table = views.activity_by_kind(data, YEAR_2022).set_index("kind")
    assert list(table.index) == ["certified", "sworn", "crisis", "taalhulp"]  # the contract's order; no others
    assert table.registered_interpreters.to_dict() == {"certified": 2, "sworn": 2, "crisis": 1, "taalhulp": 2}
    # certified: 1 and 3 completed (3 has left, but was active in the slice); sworn 7 and 9 did nothing
    assert table.active_interpreters.to_dict() == {"certified": 2, "sworn": 0, "crisis": 1, "taalhulp": 2}
    # in the register at some time in 2022: certified 1, 3 (left 30 June) and 6; 8 (taalhulp) joins in 2023
    assert table.registered_in_period.to_dict() == {"certified": 3, "sworn": 2, "crisis": 1, "taalhulp": 2}
    assert table.active_in_register.to_dict() == {"certified": 2, "sworn": 0, "crisis": 1, "taalhulp": 2}
    assert table.activity_rate.to_dict() == {"certified": 2 / 3, "sworn": 0.0, "crisis": 1.0, "taalhulp": 1.0}


def test_activity_per_language(data):
    table = views.activity_by_language(data, YEAR_2022, "en").set_index("language_code")
    assert list(table.index) == ["ar", "ti", "uk"]  # most registered first, then by code
    assert table.registered_interpreters.to_dict() == {"ar": 4, "ti": 2, "uk": 2}  # ar: 1, 4, 5, 7
    assert table.active_interpreters.to_dict() == {"ar": 4, "ti": 0, "uk": 1}  # ar: 1, 3, 4, 5; uk: 2
    assert table.registered_in_period.to_dict() == {"ar": 5, "ti": 2, "uk": 2}  # ar: 1, 3 (left 30 June), 4, 5, 7
    assert table.activity_rate.to_dict() == {"ar": 4 / 5, "ti": 0.0, "uk": 0.5}
    assert table.loc["uk"].language == "Ukrainian"


def test_headline_figures(data):
    row = views.headline(data, YEAR_2022, LATER).iloc[0]
    assert (row.registered_interpreters, row.active_interpreters) == (7, 5)
    assert row.registered_in_period == 8  # the 7 and 3, who left on 30 June
    assert row.activity_rate == pytest.approx(5 / 8)  # 1 to 5 were active, all in the register
    assert row.inactive_interpreters == 5  # 1, 2, 4, 6, 9 (see the inactivity tests)
    assert row.median_hours == pytest.approx(1.75)


def test_kind_and_language_filters_on_activity(data):
    taalhulp = views.activity_by_kind(data, Filters(date(2022, 1, 1), date(2022, 12, 31), kind=("taalhulp",)))
    assert taalhulp.to_dict("records") == [
        {
            "kind": "taalhulp",
            "registered_interpreters": 2,
            "active_interpreters": 2,
            "registered_in_period": 2,
            "active_in_register": 2,
            "activity_rate": 1.0,
        }
    ]
    ukrainian = views.activity_by_kind(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("uk",)))
    # speakers of uk registered: 2 (crisis) and 5 (taalhulp); active in uk requests: 2 only
    assert ukrainian.set_index("kind").active_interpreters.to_dict() == {"crisis": 1, "taalhulp": 0}
    assert ukrainian.set_index("kind").registered_interpreters.to_dict() == {"crisis": 1, "taalhulp": 1}
    assert ukrainian.set_index("kind").activity_rate.to_dict() == {"crisis": 1.0, "taalhulp": 0.0}


# --- hours per interpreter ---------------------------------------------------------------------------------------


def test_hours_use_the_actual_length_else_the_booked_one(data):
    table = views.hours_per_interpreter(data, YEAR_2022).set_index("interpreter_id")
    assert list(table.index) == [1, 2, 3, 4, 5]
    # 1: r1 actual 90 + r2 booked 30 (no actual) + r5 a translation without length = 120 min
    assert (
        table.loc[1].hours,
        table.loc[1].completed,
        table.loc[1].booked_length_used,
        table.loc[1].without_length,
    ) == (2.0, 3, 1, 1)
    assert table.loc[2].hours == pytest.approx(160 / 60)  # r3 actual 100 (booked 120) + r4 booked 60
    assert table.loc[3].hours is None  # r7 only: a translation without any length
    assert table.loc[4].hours == 1.25  # r6 actual 75 (booked 90)
    assert (table.loc[5].hours, table.loc[5].booked_length_used) == (1.5, 1)  # r19 booked 90
    assert "name" not in " ".join(table.columns)


def test_hours_distribution_and_quantiles(data):
    row = views.hours_summary(data, YEAR_2022).iloc[0]
    # hours of the four interpreters with a length, sorted: 1.25, 1.5, 2.0, 2.6667 (linear interpolation)
    assert row.interpreters == 4 and row.without_any_length == 1
    assert row.total_hours == pytest.approx(445 / 60)
    assert row.mean_hours == pytest.approx(445 / 60 / 4)
    assert row.p10_hours == pytest.approx(1.25 + 0.3 * 0.25)
    assert row.p25_hours == pytest.approx(1.25 + 0.75 * 0.25)
    assert row.median_hours == pytest.approx((1.5 + 2.0) / 2)
    assert row.p75_hours == pytest.approx(2.0 + 0.25 * (160 / 60 - 2.0))
    assert row.p90_hours == pytest.approx(2.0 + 0.7 * (160 / 60 - 2.0))
    assert row.max_hours == pytest.approx(160 / 60)
    assert (row.booked_length_used, row.without_length) == (3, 2)  # r2 r4 r19 | r5 r7
    histogram = views.hours_histogram(data, YEAR_2022)
    assert histogram.to_dict("records") == [
        {"bin_start": 1.0, "bin_end": 2.0, "kind": "taalhulp", "interpreters": 2},
        {"bin_start": 2.0, "bin_end": 3.0, "kind": "certified", "interpreters": 1},
        {"bin_start": 2.0, "bin_end": 3.0, "kind": "crisis", "interpreters": 1},
    ]


def test_bin_width_keeps_at_most_25_bins():
    assert [views.bin_width(x) for x in (0.5, 24.9, 25, 120, 600, 30_000)] == [1, 1, 2, 5, 25, 2000]


def test_empty_hours(data):
    row = views.hours_summary(data, Filters(date(2030, 1, 1), date(2030, 12, 31))).iloc[0]
    assert row.interpreters == 0 and row.median_hours is None
    assert views.hours_histogram(data, Filters(date(2030, 1, 1), date(2030, 12, 31))).empty


# --- inactive for six months -------------------------------------------------------------------------------------


def test_inactivity_window():
    assert views.inactivity_window(YEAR_2022, LATER) == (date(2022, 12, 31), date(2022, 6, 30))
    assert views.inactivity_window(Filters(date(2022, 1, 1), date(2023, 6, 30)), date(2022, 12, 31)) == (
        date(2022, 12, 31),
        date(2022, 6, 30),
    )  # the period runs on past today: today is the reference
    assert views.inactivity_window(Filters(date(2022, 1, 1), date(2022, 8, 31)), LATER)[1] == date(2022, 2, 28)


def test_inactive_for_six_months(data):
    table = views.inactive(data, YEAR_2022, LATER).set_index("interpreter_id")
    # window: Brussels days 30 June to 31 December 2022. 5 completed r19 on 30 June (inside); 4 completed r6 on
    # 29 June (one day outside); 7 registered on 1 July (too recent); 9 registered on 30 June (in); 3 has left;
    # 1's r18 is 1 January 2023 (after the reference day).
    assert list(table.index) == [1, 2, 4, 6, 9]
    assert table.kind.to_dict() == {1: "certified", 2: "crisis", 4: "taalhulp", 6: "certified", 9: "sworn"}
    assert table.last_completed.to_dict() == {
        1: date(2022, 5, 5),
        2: date(2022, 4, 5),
        4: date(2022, 6, 29),
        6: None,
        9: None,
    }
    assert table.languages.to_dict() == {1: "ar", 2: "uk", 4: "ar", 6: "ti", 9: "ti"}
    assert table.loc[9].registered_on == date(2022, 6, 30)


def test_one_day_earlier_the_edge_moves(data):
    # reference 29 December: the window starts on 29 June, so 4 (r6, 29 June) is active and 9 (registered on 30
    # June) is too recent
    table = views.inactive(data, Filters(date(2022, 1, 1), date(2022, 12, 29)), LATER)
    assert list(table.interpreter_id) == [1, 2, 6]


def test_today_caps_the_reference_day(data):
    capped = views.inactive(data, Filters(date(2022, 1, 1), date(2023, 6, 30)), date(2022, 12, 31))
    assert list(capped.interpreter_id) == [1, 2, 4, 6, 9]


def test_inactive_filters_and_per_language(data):
    assert list(
        views.inactive(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("uk",)), LATER).interpreter_id
    ) == [2]  # 5 speaks uk too, but is active
    assert list(
        views.inactive(data, Filters(date(2022, 1, 1), date(2022, 12, 31), kind=("taalhulp",)), LATER).interpreter_id
    ) == [4]
    only_uk = views.inactive_by_language(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("uk",)), LATER)
    assert only_uk.to_dict("records") == [{"language_code": "uk", "language": "Oekraïens", "crisis": 1, "total": 1}]
    table = views.inactive_by_language(data, YEAR_2022, LATER, "en")
    assert table.to_dict("records") == [
        {
            "language_code": "ar",
            "language": "Arabic",
            "certified": 1,
            "sworn": 0,
            "crisis": 0,
            "taalhulp": 1,
            "total": 2,
        },
        {
            "language_code": "ti",
            "language": "Tigrinya",
            "certified": 1,
            "sworn": 1,
            "crisis": 0,
            "taalhulp": 0,
            "total": 2,
        },
        {
            "language_code": "uk",
            "language": "Ukrainian",
            "certified": 0,
            "sworn": 0,
            "crisis": 1,
            "taalhulp": 0,
            "total": 1,
        },
    ]


# --- who served each language -----------------------------------------------------------------------------------


def test_kind_mix(data):
    table = views.kind_mix(data, YEAR_2022, "nl")
    # ar: certified 1 (r1 r2 r5) and 3 (r7) = 4, taalhulp 4 (r6) and 5 (r19) = 2; uk: crisis 2 (r3 r4)
    assert [(r.language_code, r.kind, r.completed) for r in table.itertuples()] == [
        ("ar", "certified", 4),
        ("ar", "taalhulp", 2),
        ("uk", "crisis", 2),
    ]
    assert list(table.share) == pytest.approx([4 / 6, 2 / 6, 1.0])
    assert table.language.iloc[0] == "Arabisch"


# --- the taalhulp flow --------------------------------------------------------------------------------------------


def test_taalhulp_flow(data):
    row = views.taalhulp_summary(data, YEAR_2022).iloc[0]
    # invitations 1-6 (6 is sent on 1 January 2022 in Brussels; 7 on 1 January 2023): responded 1 2 3 5;
    # accepted 2 3; refused 1 5; no response 4 6; response times 2, 4, 10, 1 hours
    assert (row.invitations, row.responded, row.accepted, row.refused, row.no_response) == (6, 4, 2, 2, 2)
    assert (row.requests_invited, row.requests_accepted) == (4, 2)  # r6 r19 r20 r21 | r6 r19
    assert row.acceptance_rate == 2 / 4 and row.response_rate == pytest.approx(4 / 6)
    assert row.median_response_hours == pytest.approx((2 + 4) / 2)


def test_taalhulp_per_pool(data):
    table = views.taalhulp_by_pool(data, YEAR_2022)
    genk, mechelen = table.to_dict("records")  # Genk (helper 5): 1 2 h refused, 3 10 h accepted, 5 1 h refused
    assert (genk["local_government"], genk["region_code"], genk["invitations"], genk["accepted"], genk["refused"]) == (
        "Genk",
        "LIM",
        3,
        1,
        2,
    )
    assert genk["acceptance_rate"] == pytest.approx(1 / 3) and genk["median_response_hours"] == 2.0
    # Mechelen (helper 4): 2 accepted after 4 h, 4 and 6 without response
    assert (
        mechelen["invitations"],
        mechelen["no_response"],
        mechelen["acceptance_rate"],
        mechelen["median_response_hours"],
    ) == (3, 2, 1.0, 4.0)


def test_taalhulp_monthly_and_filters(data):
    table = views.taalhulp_monthly(data, YEAR_2022).set_index("month")
    assert len(table) == 12 and table.invitations.sum() == 6
    assert table.invitations[["2022-01", "2022-06", "2022-09"]].tolist() == [1, 3, 2]
    assert table.loc["2022-06"].acceptance_rate == pytest.approx(2 / 3)
    assert table.loc["2022-09"].acceptance_rate == 0.0 and table.loc["2022-02"].acceptance_rate is None
    period_only = views.taalhulp_summary(data, Filters(date(2023, 1, 1), date(2023, 1, 31))).iloc[0]
    assert period_only.invitations == 1  # invitation 7: the period applies to sent_at, not to its 2022 request
    assert (
        views.taalhulp_summary(data, Filters(date(2022, 1, 1), date(2022, 12, 31), kind=("certified",)))
        .iloc[0]
        .invitations
        == 0
    )  # the kind filter selects the invited helper's kind
    assert (
        views.taalhulp_summary(data, Filters(date(2022, 1, 1), date(2022, 12, 31), region=("LIM",))).iloc[0].invitations
        == 0
    )  # every invitation is for a request of OCMW Mechelen (ANT)
    empty = views.taalhulp_summary(data, Filters(date(2030, 1, 1), date(2030, 1, 31))).iloc[0]
    assert empty.invitations == 0 and empty.acceptance_rate is None and empty.median_response_hours is None


# --- exports, through the app ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {"url": built_databases("sqlite", "management", fill)}


YEAR = "from=2022-01-01&to=2022-12-31"


def test_interpreter_activity_export(client):
    rows = read_csv(client.get(f"/export/interpreter-activity.csv?{YEAR}&lang=en"))
    assert list(rows[0]) == list(views.ACTIVITY_COLUMNS)
    assert [
        (
            r["group"],
            r["code"],
            r["registered_interpreters"],
            r["registered_in_period"],
            r["active_interpreters"],
            r["activity_rate"],
        )
        for r in rows
    ] == [
        ("kind", "certified", "2", "3", "2", "0.666667"),  # 1, 3 active of 1, 3 (left 30 June 2022), 6
        ("kind", "sworn", "2", "2", "0", "0.000000"),
        ("kind", "crisis", "1", "1", "1", "1.000000"),
        ("kind", "taalhulp", "2", "2", "2", "1.000000"),
        ("language", "ar", "4", "5", "4", "0.800000"),  # 1, 3, 4, 5 active of 1, 3, 4, 5, 7
        ("language", "ti", "2", "2", "0", "0.000000"),
        ("language", "uk", "2", "2", "1", "0.500000"),
    ]
    assert rows[0]["label"] == "Certified social interpreter"


def test_interpreter_hours_export_has_ids_and_no_names(client):
    rows = read_csv(client.get(f"/export/interpreter-hours.csv?{YEAR}"))
    assert list(rows[0]) == list(views.HOURS_COLUMNS)
    assert [(r["interpreter_id"], r["hours"]) for r in rows] == [
        ("1", "2"),
        ("2", "2.6666666666666665"),
        ("3", ""),
        ("4", "1.25"),
        ("5", "1.5"),
    ]


def test_interpreters_inactive_export(client):
    rows = read_csv(client.get(f"/export/interpreters-inactive.csv?{YEAR}"))
    assert list(rows[0]) == list(views.INACTIVE_COLUMNS)
    assert [(r["interpreter_id"], r["kind"], r["last_completed"]) for r in rows] == [
        ("1", "certified", "2022-05-05"),
        ("2", "crisis", "2022-04-05"),
        ("4", "taalhulp", "2022-06-29"),
        ("6", "certified", ""),
        ("9", "sworn", ""),
    ]


def test_kind_mix_and_taalhulp_exports(client):
    mix = read_csv(client.get(f"/export/interpreter-kind-mix.csv?{YEAR}"))
    assert list(mix[0]) == list(views.KIND_MIX_COLUMNS)
    assert [(r["language_code"], r["kind"], r["completed"]) for r in mix] == [
        ("ar", "certified", "4"),
        ("ar", "taalhulp", "2"),
        ("uk", "crisis", "2"),
    ]
    pools = read_csv(client.get(f"/export/taalhulp-invitations.csv?{YEAR}"))
    assert list(pools[0]) == list(views.POOL_COLUMNS)
    assert [
        (r["local_government"], r["invitations"], r["acceptance_rate"], r["median_response_hours"]) for r in pools
    ] == [("Genk", "3", "0.333333", "2"), ("Mechelen", "3", "1.000000", "4")]


# --- builders --------------------------------------------------------------------------------------------------


def test_hours_histogram_figure(data):
    from layouts._charts_management import figure_hours_histogram

    figure = figure_hours_histogram(views.hours_histogram(data, YEAR_2022), "en")
    assert [trace.name for trace in figure.data] == [
        "Certified social interpreter",
        "Crisis interpreter",
        "Language helper (taalhulp)",
    ]
    assert list(figure.data[2].x) == [1.5] and list(figure.data[2].y) == [2]  # bin [1, 2), centred
    assert figure.layout.xaxis.title.text == "Hours interpreted in the period (per interpreter)"
    assert figure.layout.yaxis.title.text == "Interpreters (count)" and figure.layout.separators == ".,"


def test_hours_table_in_both_languages(data):
    from layouts._charts_management import format_hours, hours_table

    assert (format_hours(1234.56, "nl"), format_hours(1234.56, "en"), format_hours(None, "nl")) == (
        "1.234,6",
        "1,234.6",
        "–",
    )
    table = hours_table(views.hours_summary(data, YEAR_2022), "nl")
    cells = {
        row.children[1].to_plotly_json()["props"]["data-figure"]: row.children[1].children
        for row in table.children.children
    }
    assert cells["median_hours"] == "1,8" and cells["interpreters"] == "4"


def test_one_kind_mix_figure_for_the_overview_and_the_interpreters_page():
    import pandas as pd

    from layouts._charts import figure_kind_mix

    counts = pd.DataFrame(
        {"language_code": ["uk", "uk", "ru"], "kind": ["crisis", "certified", "certified"], "completed": [1, 3, 6]}
    )
    by_names = figure_kind_mix(counts, {"uk": "Oekraïens", "ru": "Russisch"}, "nl")
    by_column = figure_kind_mix(counts.assign(language=["Oekraïens", "Oekraïens", "Russisch"]), None, "nl")
    assert by_names.to_dict() == by_column.to_dict()
    bars = {bar.name: dict(zip(bar.y, bar.x)) for bar in by_names.data}
    assert list(bars) == ["Gecertificeerd sociaal tolk", "Crisistolk"]  # the contract's order of kinds
    assert bars["Gecertificeerd sociaal tolk"] == {"Oekraïens": 0.75, "Russisch": 1.0}
    assert bars["Crisistolk"] == {"Oekraïens": 0.25}
    assert list(by_names.layout.yaxis.categoryarray) == ["Oekraïens", "Russisch"]  # busiest (6) on top
    assert list(figure_kind_mix(counts, {}, "nl", limit=1).layout.yaxis.categoryarray) == ["ru"]


# --- callbacks, in process (posted as the browser posts them) ----------------------------------------------------

QUERY_2022 = "?" + YEAR
NOTHING = QUERY_2022 + "&kind=sworn&language=uk"  # no sworn interpreter speaks Ukrainian
HIDDEN = {"display": "none"}


def _answer(client, app, output: str, search: str) -> dict:
    response = post(client, app, output, {f"{ids.PAGE_QUERY}.data": search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def _shown(tree) -> dict:
    """Each card's value as shown, by the figure it names (`data-metric`)."""
    if isinstance(tree, list):
        return {metric: value for item in tree for metric, value in _shown(item).items()}
    if not isinstance(tree, dict):
        return {}
    props = tree.get("props", {})
    if "data-metric" in props:
        return {props["data-metric"]: props["children"]}
    return _shown(props.get("children"))


def _figures(table) -> dict:
    """Each figure of the hours table as shown, by its name (`data-figure`)."""
    rows = table["props"]["children"]["props"]["children"]
    return {
        value["props"]["data-figure"]: value["props"]["children"] for _, value in (r["props"]["children"] for r in rows)
    }


def _rows(grid, *fields) -> list[tuple]:
    return [tuple(row[field] for field in fields) for row in grid["props"]["rowData"]]


def _array(values) -> list:
    """A trace's values as the answer carries them: a list, or typed (base64) as Plotly sends numeric arrays."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _bars(figure) -> dict:
    """trace name -> {category: value} of a figure's horizontal bars."""
    return {bar["name"]: dict(zip(_array(bar["y"]), _array(bar["x"]))) for bar in figure["data"]}


def test_activity_callback_shows_the_headline_and_activity(client, app):
    values = _answer(client, app, "interpreters-cards.children", QUERY_2022)
    assert values["interpreters-alerts.children"] is None
    assert _shown(values["interpreters-cards.children"]) == {
        "registered_interpreters": "7",
        "active_interpreters": "5",
        "activity_rate": "62,5 %",  # 5 ÷ 8: the 5 active of the 8 in the register at some time in 2022
        "inactive_interpreters": "5",
        "hours_per_interpreter": "1,8",  # the median of 1.25, 1.5, 2.0 and 2.67 hours
    }
    assert f"/export/interpreter-hours.csv?{YEAR}" in json.dumps(values["interpreters-downloads.children"])
    bars = _bars(values["interpreters-activity-kinds.figure"])
    assert bars["Actieve tolken"] == {
        "Taalhulp": 2,
        "Crisistolk": 1,
        "Beëdigd tolk": 0,
        "Gecertificeerd sociaal tolk": 2,
    }
    # the grey bars are the rate's denominator: in the register at some time in 2022 (certified 1, 3 and 6)
    assert bars["In register tijdens periode"]["Beëdigd tolk"] == 2
    assert bars["In register tijdens periode"]["Gecertificeerd sociaal tolk"] == 3
    languages = values["interpreters-activity-languages.children"]
    assert _rows(languages, "language", "registered_interpreters", "active_interpreters") == [
        ("Arabisch", 4, 4),
        ("Tigrinya", 2, 0),
        ("Oekraïens", 2, 1),
    ]
    english = _answer(client, app, "interpreters-cards.children", QUERY_2022 + "&lang=en")
    assert _shown(english["interpreters-cards.children"])["activity_rate"] == "62.5 %"
    assert "Active interpreters" in _bars(english["interpreters-activity-kinds.figure"])


def test_hours_callback_shows_the_distribution_and_its_quantiles(client, app):
    values = _answer(client, app, "interpreters-hours.figure", QUERY_2022)
    histogram = values["interpreters-hours.figure"]
    assert {bar["name"]: _array(bar["y"]) for bar in histogram["data"]} == {
        "Gecertificeerd sociaal tolk": [1],
        "Crisistolk": [1],
        "Taalhulp": [2],
    }
    assert values["interpreters-hours.style"] == {"height": "380px"}
    assert values["interpreters-hours-empty.children"] is None
    quantiles = _figures(values["interpreters-hours-table.children"])
    assert (quantiles["interpreters"], quantiles["median_hours"], quantiles["max_hours"]) == ("4", "1,8", "2,7")


def test_inactive_callback_shows_the_window_kinds_languages_and_ids(client, app):
    values = _answer(client, app, "interpreters-inactive-window.children", QUERY_2022)
    window = values["interpreters-inactive-window.children"]
    assert "30-06-2022" in window and "31-12-2022" in window
    figure = values["interpreters-inactive-kinds.figure"]
    (bar,) = figure["data"]
    assert dict(zip(bar["y"], _array(bar["x"]))) == {
        "Taalhulp": 1,
        "Crisistolk": 1,
        "Beëdigd tolk": 1,
        "Gecertificeerd sociaal tolk": 2,  # 1 and 6
    }
    assert values["interpreters-inactive-kinds.style"] == {"height": f"{figure['layout']['height']}px"}
    by_language = values["interpreters-inactive-languages.children"]
    assert _rows(by_language, "language", "certified", "total") == [
        ("Arabisch", 1, 2),
        ("Tigrinya", 1, 2),
        ("Oekraïens", 0, 1),
    ]
    listed = values["interpreters-inactive-list.children"]
    assert _rows(listed, "interpreter_id", "last") == [
        (1, "2022-05-05"),
        (2, "2022-04-05"),
        (4, "2022-06-29"),
        (6, "nooit"),
        (9, "nooit"),
    ]


def test_kind_mix_callback_shows_who_served_each_language(client, app):
    values = _answer(client, app, "interpreters-kind-mix.figure", QUERY_2022)
    bars = _bars(values["interpreters-kind-mix.figure"])
    assert bars["Gecertificeerd sociaal tolk"] == {"Arabisch": pytest.approx(4 / 6)}
    assert bars["Taalhulp"] == {"Arabisch": pytest.approx(2 / 6)}
    assert bars["Crisistolk"] == {"Oekraïens": 1.0}
    height = values["interpreters-kind-mix.figure"]["layout"]["height"]
    assert values["interpreters-kind-mix.style"] == {"height": f"{height}px"}
    assert values["interpreters-kind-mix-empty.children"] is None


def test_taalhulp_callback_shows_the_flow_per_month_and_pool(client, app):
    values = _answer(client, app, "interpreters-taalhulp-cards.children", QUERY_2022)
    cards = values["interpreters-taalhulp-cards.children"]
    assert _shown(cards) == {
        "invitations": "6",
        "acceptance_rate": "50,0 %",  # 2 accepted ÷ 4 answered
        "response_rate": "66,7 %",  # 4 answered ÷ 6
        "median_response_hours": "3,0",  # of 1, 2, 4 and 10 hours
    }
    assert "2 aanvaard, 2 geweigerd, 2 zonder antwoord" in text_of(cards)
    monthly = {trace["name"]: _array(trace["y"]) for trace in values["interpreters-taalhulp-monthly.figure"]["data"]}
    assert sum(monthly["Aanvaard"]) == 2 and monthly["Aanvaard"][5] == 2  # both in June
    assert values["interpreters-taalhulp-monthly.style"] == {"height": "380px"}
    pools = values["interpreters-taalhulp-pools.children"]
    assert _rows(pools, "pool", "invitations", "accepted") == [("Genk", 3, 1), ("Mechelen", 3, 1)]


def test_every_callback_says_why_a_slice_is_empty(client, app):
    activity = _answer(client, app, "interpreters-cards.children", NOTHING)
    assert _shown(activity["interpreters-cards.children"])["registered_interpreters"] == "0"
    assert text_of(activity["interpreters-activity-languages.children"]) == t("interpreters-activity-empty", "nl")
    for output, part, key in (
        ("interpreters-hours.figure", "hours-empty", "interpreters-hours-empty"),
        ("interpreters-inactive-kinds.figure", "inactive-languages", "interpreters-inactive-empty"),
        ("interpreters-kind-mix.figure", "kind-mix-empty", "interpreters-completed-empty"),
        ("interpreters-taalhulp-monthly.figure", "taalhulp-empty", "interpreters-taalhulp-empty"),
    ):
        values = _answer(client, app, output, NOTHING)
        assert values[output] == {} and values[output.replace(".figure", ".style")] == HIDDEN
        assert text_of(values[f"interpreters-{part}.children"]) == t(key, "nl")
    taalhulp = _answer(client, app, "interpreters-taalhulp-cards.children", NOTHING)
    assert _shown(taalhulp["interpreters-taalhulp-cards.children"])["invitations"] == "0"


ALERT = object()  # the page's alert: the database failure, in the reader's language
FAILED = {  # what each callback answers when the database cannot be read: a figure keeps what it had (no_update)
    "headline": {
        "interpreters-alerts.children": ALERT,
        "interpreters-downloads.children": None,
        "interpreters-cards.children": None,
        "interpreters-activity-languages.children": None,
    },
    "hours_summary": {
        "interpreters-hours.style": HIDDEN,
        "interpreters-hours-empty.children": None,
        "interpreters-hours-table.children": None,
    },
    "inactive": {
        "interpreters-inactive-window.children": None,
        "interpreters-inactive-kinds.style": HIDDEN,
        "interpreters-inactive-languages.children": None,
        "interpreters-inactive-list.children": None,
    },
    "kind_mix": {"interpreters-kind-mix.style": HIDDEN, "interpreters-kind-mix-empty.children": None},
    "taalhulp_summary": {
        "interpreters-taalhulp-cards.children": None,
        "interpreters-taalhulp-monthly.style": HIDDEN,
        "interpreters-taalhulp-empty.children": None,
        "interpreters-taalhulp-pools.children": None,
    },
}


@pytest.mark.parametrize("view", FAILED)
def test_a_database_failure_empties_the_parts_and_only_the_activity_callback_says_so(client, app, monkeypatch, view):
    def unavailable(*args, **kwargs):
        raise DatabaseUnavailable("down")

    monkeypatch.setattr(views, view, unavailable)  # the one view of its callback that every answer needs
    app.server.extensions["stv"].data.cache.clear()  # an earlier test's answer would be served whole (output cache)
    expected = FAILED[view]
    posted = [output for output, value in expected.items() if value is not ALERT][0]
    values = _answer(client, app, posted, QUERY_2022 + "&lang=en")
    if ALERT in expected.values():
        assert text_of(values.pop("interpreters-alerts.children")) == t("database-unavailable", "en")
    assert values == {output: value for output, value in expected.items() if value is not ALERT}


def test_the_page_explains_the_register_during_the_period(app):
    from layouts import interpreters as page

    with app.server.test_request_context("/interpreters"):
        text = str(page.layout({"lang": ["en"]}))
    assert "In the register during the period" in text and "at some time within the period" in text
