"""The overview's figures (dashboard/views/overview.py) against values worked out by hand (tests/fixture_db.py), in
SQLite and in PostgreSQL."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime

import numpy
import pytest

from dashboard import ids
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.views import overview as views
from tests.dash_requests import post, response_values, text_of
from tests.fixture_db import EXPECTED_2022
from tests.support import open_data

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def data(fixture_url):
    with open_data(fixture_url) as access:
        yield access


def test_every_figure_of_2022(data):
    figures = views.kpis(data, YEAR_2022)
    assert figures.keys() == EXPECTED_2022.keys()
    for name, expected in EXPECTED_2022.items():
        assert figures[name] == pytest.approx(expected), name


def test_the_identity_holds(data):
    figures = views.kpis(data, YEAR_2022)
    assert figures["requests"] == figures["answered"] + figures["unanswered"] + figures["in_progress"]
    assert figures["unanswered"] == figures["not_available"] + figures["other_reason"]


def test_brussels_new_year_belongs_to_the_next_year(data):
    figures_2023 = views.kpis(data, Filters(date(2023, 1, 1), date(2023, 12, 31)))
    assert figures_2023["requests"] == 2  # r9 (2022-12-31 23:30 UTC) and r14
    first_day = views.kpis(data, Filters(date(2022, 1, 1), date(2022, 1, 1)))
    assert first_day["requests"] == 1 and first_day["completed"] == 1  # r10 (2021-12-31 23:30 UTC)


def test_region_filter(data):
    figures = views.kpis(data, Filters(date(2022, 1, 1), date(2022, 12, 31), region=("ANT",)))
    assert (
        figures["requests"],
        figures["answered"],
        figures["completed"],
        figures["unanswered"],
        figures["not_available"],
        figures["in_progress"],
    ) == (9, 6, 3, 2, 1, 1)
    assert figures["answer_rate"] == pytest.approx(6 / 8)
    assert figures["registered_interpreters"] == 2  # the contract counts registration by kind and language only


def test_kind_filter(data):
    figures = views.kpis(data, Filters(date(2022, 1, 1), date(2022, 12, 31), kind=("crisis",)))
    assert (
        figures["requests"],
        figures["completed"],
        figures["active_interpreters"],
        figures["registered_interpreters"],
    ) == (1, 1, 1, 1)


def test_sector_and_modality_filters(data):
    welfare_onsite = views.kpis(
        data, Filters(date(2022, 1, 1), date(2022, 12, 31), sector=("welfare",), modality=("onsite",))
    )
    assert (welfare_onsite["requests"], welfare_onsite["completed"], welfare_onsite["unanswered"]) == (3, 1, 1)


def test_zero_denominator_gives_empty_rates(data):
    figures = views.kpis(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("zz",)))
    assert figures["requests"] == 0 and figures["registered_interpreters"] == 0
    for rate in (
        "answer_rate",
        "unmet_rate",
        "shortage_rate",
        "completion_rate",
        "fulfilment_rate",
        "no_show_client_rate",
        "activity_rate",
    ):
        assert figures[rate] is None, rate


def test_monthly_by_brussels_month(data):
    table = views.monthly(data, YEAR_2022).set_index(["month", "modality"])
    assert len(table) == 12 * 4
    assert table.loc[("2022-01", "phone")].requests == 1  # r10, 2021-12-31 23:30 UTC
    april_phone = table.loc[("2022-04", "phone")]  # r3 and r15 (2022-03-31 22:30 UTC)
    assert (april_phone.requests, april_phone.answered, april_phone.completed, april_phone.not_completed) == (
        2,
        2,
        1,
        1,
    )
    assert table.loc[("2022-03", "phone")].requests == 1
    june_onsite = table.loc[("2022-06", "onsite")]
    assert (june_onsite.requests, june_onsite.not_completed) == (2, 2)
    assert table.loc[("2022-10", "video")].in_progress == 1
    assert table.loc[("2022-12", "phone")].requests == 0  # r9 is in January 2023
    assert table.requests.sum() == 13


def test_by_language(data):
    table = views.languages(data, YEAR_2022, lang="en").set_index("language_code")
    assert list(table.index) == ["ar", "uk", "ti"]  # busiest first; zz has no requests
    ar, uk, ti = table.loc["ar"], table.loc["uk"], table.loc["ti"]
    assert (ar.requests, ar.answered, ar.completed, ar.not_completed, ar.unanswered, ar.not_available) == (
        9,
        7,
        3,
        4,
        1,
        0,
    )
    assert (ar.no_show_client, ar.no_show_interpreter, ar.active_interpreters, ar.registered_interpreters) == (
        1,
        1,
        1,
        1,
    )
    assert ar.shortage_rate == 0.0 and ar.language == "Arabic"
    assert (uk.requests, uk.not_available, uk.active_interpreters, uk.registered_interpreters) == (3, 1, 1, 1)
    assert uk.shortage_rate == pytest.approx(1 / 3)
    assert (ti.requests, ti.registered_interpreters, ti.shortage_rate) == (1, 0, 1.0)


def test_selected_language_without_requests(data):
    table = views.languages(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("zz",)))
    assert table.empty


def test_annual_report_table(data):
    table = views.annual_report(data, YEAR_2022).set_index("figure")
    assert list(table.columns) == ["onsite", "phone", "video", "translation", "total"]
    assert table.total.to_dict() == {
        "requests": 13,
        "answered": 8,
        "completed": 4,
        "not_completed": 4,
        "unanswered": 3,
        "not_available": 2,
        "other_reason": 1,
        "in_progress": 2,
    }
    assert table.onsite.to_dict() == {
        "requests": 5,
        "answered": 3,
        "completed": 1,
        "not_completed": 2,
        "unanswered": 2,
        "not_available": 1,
        "other_reason": 1,
        "in_progress": 0,
    }
    assert table.loc["requests"].to_dict() == {"onsite": 5, "phone": 5, "video": 2, "translation": 1, "total": 13}
    assert table.loc["in_progress", "video"] == 1 and table.loc["in_progress", "phone"] == 1


def test_the_trends_end_with_the_last_complete_month():
    assert views.last_complete_month_end(date(2026, 11, 23)) == date(2026, 10, 31)
    assert views.last_complete_month_end(date(2024, 3, 1)) == date(2024, 2, 29)


def test_the_trends_from_january_of_the_first_year_with_data(data):
    trend, by_modality = views.trends(data, YEAR_2022, today=date(2023, 2, 10))
    assert (trend.month.min(), trend.month.max()) == ("2021-01", "2023-01")  # r10 is 2021-12-31 in UTC
    assert trend.requests.sum() == by_modality.requests.sum() == 14  # all but r14 (March 2023)


def _texts(component) -> list[str]:
    """Every string in a Dash component tree."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    return [text for child in (children if isinstance(children, list) else [children]) for text in _texts(child)]


def test_changes_against_previous_period_and_a_year_earlier(data):
    from dashboard.periods import previous_period, year_earlier
    from dashboard.targets import Target
    from layouts._components import figure_card

    q2 = Filters(date(2022, 4, 1), date(2022, 6, 30))
    now = views.kpis(data, q2)
    before = views.kpis(data, q2.with_period(*previous_period(q2.start, q2.end)))  # Q1 2022: r10, r1, r2
    year_ago = views.kpis(data, q2.with_period(*year_earlier(q2.start, q2.end)))  # Q2 2021: nothing
    assert (now["requests"], before["requests"], year_ago["requests"]) == (5, 3, 0)
    assert (now["answer_rate"], before["answer_rate"], year_ago["answer_rate"]) == (0.8, 1.0, None)
    card = _texts(
        figure_card(
            "t",
            "answer_rate",
            now["answer_rate"],
            "nl",
            before["answer_rate"],
            year_ago["answer_rate"],
            Target(0.85, "min"),
        )
    )
    assert "80,0 %" in card and "▼ 20,0 pp slechter t.o.v. vorige periode" in card
    assert "– t.o.v. een jaar eerder" in card
    assert "Doel: minstens 85,0 %" in card and "✗ niet gehaald" in card
    requests_card = _texts(figure_card("t", "requests", 5, "en", 3, 0))
    assert "▲ 66.7 % vs previous period" in requests_card and "– vs a year earlier" in requests_card


def test_language_movers(data):
    q2 = Filters(date(2023, 1, 1), date(2023, 12, 31))  # 2023: r9 (ar, 1 Jan) and r14 (ti); 2022 as above
    table = views.language_movers(data, q2, date(2026, 11, 23), "en").set_index("language_code")
    assert table.loc["ar"].requests == 1 and table.loc["ar"].requests_year_before == 9
    assert table.loc["ar"].change == -8 and table.loc["ar"].relative_change == pytest.approx(-8 / 9)
    assert table.loc["ti"].share == 0.5 and table.loc["uk"].requests == 0 and table.loc["uk"].share == 0.0
    empty = views.language_movers(data, Filters(date(2030, 1, 1), date(2030, 12, 31)), date(2031, 1, 1))
    assert empty.empty


def test_ukraine_view(data):
    by_month, by_kind = views.ukraine(data, Filters(date(2022, 1, 1), date(2022, 12, 31), language=("ar",)))
    assert set(by_month.language_code) == {"uk"}  # the fixture's only one of the four; the ar filter is replaced
    assert by_month.set_index("month").requests.to_dict() == {"2022-04": 1, "2022-05": 1, "2022-10": 1}
    assert by_kind.to_dict("records") == [{"language_code": "uk", "kind": "crisis", "completed": 1}]


# The page's callbacks, posted in-process as the browser posts them (tests/dash_requests.py), on the SQLite fixture.
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)  # the last complete month: October 2026
Q2_2022 = "?from=2022-04-01&to=2022-06-30"


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW}


def _answer(client, app, output: str, search) -> dict:
    response = post(client, app, output, {f"{ids.PAGE_QUERY}.data": search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def _numbers(array) -> list:
    """A figure's array as the answer carries it: a list, or Plotly's typed array (base64 `bdata` and `dtype`)."""
    if isinstance(array, dict):
        return numpy.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def _by_month(trace) -> dict[str, float]:
    return {x[:7]: y for x, y in zip(trace["x"], _numbers(trace["y"]))}


def test_the_cards_annual_table_and_trend_of_the_period(client, app):
    answer = _answer(client, app, "overview-cards.children", Q2_2022)
    cards = text_of(answer["overview-cards.children"])  # Q2 against Q1 2022 and Q2 2021, as worked out above
    assert "80,0 %" in cards and "▼ 20,0 pp slechter t.o.v. vorige periode" in cards
    assert "– t.o.v. een jaar eerder" in cards
    assert "Aanvragen 3 2 0 0 5" in text_of(answer["overview-annual.children"])  # r4, r5, r13 on site; r3, r15
    assert f"/export/kpis.csv{Q2_2022}" in json.dumps(answer["overview-downloads.children"])
    assert answer["overview-trend.style"] == {"height": "420px"} and answer["overview-trend-empty.children"] is None
    bars = {bar["name"]: sum(_numbers(bar["y"])) for bar in answer["overview-trend.figure"]["data"]}
    assert (bars["Tolken ter plaatse"], bars["Telefoontolken"], bars["Videotolken"]) == (3, 2, 0)
    assert answer["overview-alerts.children"] is None


def test_an_empty_period_hides_the_trend_and_says_why(client, app):
    answer = _answer(client, app, "overview-trend.figure", "?from=2030-01-01&to=2030-12-31&lang=en")
    assert answer["overview-trend.style"] == {"display": "none"} and answer["overview-trend.figure"] == {}
    assert text_of(answer["overview-trend-empty.children"]) == t("empty-period", "en")
    languages = _answer(client, app, "overview-top-languages.children", "?from=2030-01-01&to=2030-12-31&lang=en")
    assert text_of(languages["overview-top-languages.children"]) == t("empty-period", "en")
    assert languages["overview-movers.children"] is None


def test_the_busiest_languages_and_the_movers(client, app):
    answer = _answer(client, app, "overview-movers.children", "?from=2023-01-01&to=2023-12-31&lang=en")
    rows = text_of(answer["overview-top-languages.children"])
    assert "Arabic 1 50.0 %" in rows and "Tigrinya 1 50.0 %" in rows  # r9 and r14
    assert "Arabic: -8" in text_of(answer["overview-movers.children"])  # 1 request in 2023, 9 in 2022


def test_the_ukraine_charts_from_january_2022_whatever_the_period(client, app):
    answer = _answer(client, app, "overview-ukraine-requests.figure", Q2_2022 + "&lang=en")
    lines = answer["overview-ukraine-requests.figure"]["data"]
    assert [line["name"] for line in lines] == ["Ukrainian"]
    assert _by_month(lines[0]) == {"2022-04": 1, "2022-05": 1, "2022-10": 1}  # r11 is outside the period
    kinds = answer["overview-ukraine-kinds.figure"]["data"]
    assert [(bar["name"], bar["y"], _numbers(bar["x"])) for bar in kinds] == [
        ("Crisis interpreter", ["Ukrainian"], [1.0])
    ]


def test_the_trends_run_to_the_last_complete_month_with_the_filters_but_not_the_period(client, app):
    answer = _answer(client, app, "overview-trend-outcomes.figure", Q2_2022 + "&modality=phone")
    assert set(answer) == {f"overview-{part}.figure" for part, _ in ids.OVERVIEW_TREND_CHARTS}
    requests = _by_month(answer["overview-trend-outcomes.figure"]["data"][0])
    assert (min(requests), max(requests)) == ("2021-01", "2026-10")  # first year with data to last complete month
    assert sum(requests.values()) == 6 and requests["2023-01"] == 1  # every phone request (r9 in January 2023)
    target = app.server.extensions["stv"].targets["answer_rate"].value
    assert target in [shape["y0"] for shape in answer["overview-trend-answer-rate.figure"]["layout"]["shapes"]]


def test_a_running_period_is_compared_with_the_same_days(data):
    """The second half of 2022 on 1 November 2022 (r6, r7, r8, r11, r12 so far; r9 is 1 January 2023 in Brussels):
    against 1 January - 1 May (r10, r1, r2, r15 on 1 April in Brussels, r3; r4 on 5 May is later) and 1 July -
    1 November 2021 (nothing); once complete, against the whole first half (eight requests)."""
    half = Filters(date(2022, 7, 1), date(2022, 12, 31))
    now, before, year_ago = views.kpi_comparisons(data, half, date(2022, 11, 1))
    assert (now["requests"], before["requests"], year_ago["requests"]) == (5, 5, 0)
    assert before["completed"] == 4 and before["answer_rate"] == 1.0  # r10, r1, r2, r3 completed; r15 cancelled
    assert views.kpi_comparisons(data, half, date(2023, 1, 2))[1]["requests"] == 8
    assert views.kpi_comparisons(data, half, date(2022, 6, 30))[1:] == (None, None)  # not begun: nothing


def test_the_busiest_languages_of_a_future_period_have_no_change(data):
    movers = views.language_movers(data, Filters(date(2023, 1, 1), date(2023, 12, 31)), date(2022, 12, 1), "en")
    assert movers.empty or (movers.requests_year_before == 0).all()
