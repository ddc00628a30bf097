"""Live supply and demand on a hand-made situation (tests/fixture_supply.py), in SQLite and PostgreSQL.

The hand computations are in the comments; see the fixture's docstring for the slots and the windows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from dashboard import ids
from dashboard.filters import Filters
from dashboard.views import supply_demand as live
from tests.conftest import DIALECTS
from tests.dash_requests import dom_id, post, response_values, text_of
from tests.fixture_supply import NOW, build_supply_fixture
from tests.support import open_data, signed_in_client

SLICE = Filters(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture(params=DIALECTS)
def data(request, built_databases):
    url = built_databases(request.param, "supply", build_supply_fixture)
    with open_data(url) as access:
        yield access


def rows(table):
    return {row.language_code: row for row in table.itertuples()}


def test_seven_days_per_language(data):
    table = live.by_language(data, SLICE, NOW, "7d")
    # ti: 2 h pending (r4) against 0.5 free hour (interpreter 4, 09:30-10:00 today, after r13): gap +1.5.
    # ar: pending r1 1.5 h + r6 1 h = 2.5 h; free 5.5 h (interpreter 1: slots 10-14 and 12-16 are 6 h together,
    #     minus the 13-14 booking = 5 h; interpreter 4: 0.5 h); gap -3. uk: 1 h pending, 5 h free (interpreter 2:
    #     3 + 3 h around midnight minus a 1 h Russian booking); ru: nothing pending, the same 5 h.
    assert list(table.language_code) == ["ti", "ar", "uk", "ru"]
    ar, uk, ti, ru = (rows(table)[code] for code in ("ar", "uk", "ti", "ru"))
    assert (ar.open_requests, ar.pending, ar.matched) == (3, 2, 1)  # r1, r6 pending; r2 matched
    assert (ar.pending_hours, ar.open_hours) == (2.5, 3.5)
    assert (ar.available_hours, ar.free_hours, ar.gap_hours) == (7.0, 5.5, -3.0)
    assert ar.coverage == pytest.approx(5.5 / 2.5)
    assert (ar.median_wait_hours, ar.max_wait_hours) == (36.25, 72.0)  # r1 waited 72 h, r6 0.5 h
    assert (ar.available_interpreters, ar.booked_interpreters) == (2, 1)  # 1 and 4 (3 left, 5 not yet in)
    assert (ar.free_hours_certified, ar.free_hours_sworn) == (5.0, 0.5)
    assert (uk.pending, uk.pending_hours, uk.without_duration) == (2, 1.0, 1)  # r11: a translation, no duration
    assert (uk.available_hours, uk.free_hours, uk.free_hours_crisis, uk.gap_hours) == (6.0, 5.0, 5.0, -4.0)
    assert (uk.median_wait_hours, uk.max_wait_hours) == (36.0, 48.0)
    assert (ti.gap_hours, ti.coverage) == (1.5, 0.25)
    assert (ru.pending, ru.matched, ru.booked_interpreters, ru.gap_hours) == (0, 1, 1, -5.0)
    assert pd.isna(ru.coverage)  # nothing pending: no coverage to speak of (an empty rate)
    # ti: r4 (LIM, 2 h) against interpreter 4 of ANT only: short in LIM. ar: r6 (LIM, 1 h), no Arabic interpreter
    # of LIM free (3 left) nor without a region: short in LIM; ANT's 1.5 h against 5.5 free h there is covered.
    assert (ti.regions_short, ar.regions_short, uk.regions_short) == ("LIM", "LIM", "")
    assert ar.free_hours_in_training == 0.0


def test_today_counts_only_what_is_still_to_come(data):
    table = live.by_language(data, SLICE, NOW, "today")
    # r12 and r13 (08:00) and interpreter 4's 07:00-09:00 are past; r1 and r2 are still to come today.
    assert list(table.language_code) == ["ti", "ar"]
    ar = rows(table)["ar"]
    assert (ar.open_requests, ar.pending_hours, ar.free_hours, ar.gap_hours) == (2, 1.5, 5.5, -4.0)


def test_fourteen_days(data):
    table = live.by_language(data, SLICE, NOW, "14d")
    # ar adds r7 (30 Nov 00:30 in Brussels) and the slots of interpreter 4 (1 Dec, 4 h) and 5 (2 Dec, 2 h, in
    # the pool since 1 Dec): pending 3.0 h, free 11.5 h. ti adds r5 and interpreter 4's 1 Dec: 3 h against 4.5 h.
    assert list(table.language_code) == ["ti", "uk", "ru", "ar"]
    ar, ti = rows(table)["ar"], rows(table)["ti"]
    assert (ar.pending_hours, ar.available_hours, ar.free_hours, ar.gap_hours) == (3.0, 13.0, 11.5, -8.5)
    assert ar.free_hours_taalhulp == 2.0
    assert (ti.pending_hours, ti.free_hours, ti.gap_hours) == (3.0, 4.5, -1.5)


def test_region_filter_limits_demand_to_its_organisations_and_supply_to_its_interpreters(data):
    table = live.by_language(data, replace(SLICE, region=("ANT",)), NOW, "7d")
    # Demand of OCMW Mechelen only (r1, r2, r10); interpreters of ANT or without a region (1, 2, 4, 5).
    assert list(table.language_code) == ["ti", "ar", "ru", "uk"]
    assert rows(table)["ar"].pending_hours == 1.5
    assert rows(table)["uk"].pending == 0


def test_the_window_moves_with_now(data):
    later = NOW + timedelta(days=1, hours=14)  # Tuesday 24 Nov, 23:00 UTC = Wednesday 00:00 in Brussels
    table = live.by_language(data, SLICE, later, "today")
    # Wednesday 25 Nov: interpreter 2's 3 h after midnight (free), r4 (ti, 2 h) at 08:00 UTC.
    assert rows(table)["uk"].free_hours == 3.0
    assert rows(table)["ti"].pending_hours == 2.0
    assert "ar" not in rows(table)


@pytest.mark.parametrize(
    "intervals, expected",
    [
        ([(1, 3), (2, 5), (7, 8)], [(1, 5), (7, 8)]),
        ([(1, 2), (2, 3)], [(1, 3)]),
        ([(4, 4)], []),
    ],
)
def test_merge(intervals, expected):
    assert live.merge(intervals) == expected


def test_subtract_and_clip():
    assert live.subtract([(0, 10)], [(2, 3), (2.5, 4), (9, 12)]) == [(0, 2), (4, 9)]
    assert live.clip([(0, 5), (6, 9)], 4, 7) == [(4, 5), (6, 7)]


def test_live_window_uses_brussels_days():
    window = live.live_window(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "today")
    assert window.days == (date(2026, 3, 29),)  # 00:30 in Brussels on the night summer time begins
    assert window.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # a 23-hour day


def test_gap_by_day_splits_at_brussels_midnight(data):
    table = live.gap_by_day(data, SLICE, NOW)
    cell = {(r.language_code, r.day): r for r in table.itertuples()}
    assert len(table) == 4 * 14  # ar, uk, ti, ru × 14 days
    # Interpreter 2's slot from 24 Nov 20:00 to 25 Nov 02:00 UTC: 3 h on the 24th (1 h booked), 3 h on the 25th.
    assert (cell["uk", date(2026, 11, 24)].free_hours, cell["uk", date(2026, 11, 25)].free_hours) == (2.0, 3.0)
    assert cell["uk", date(2026, 11, 24)].gap_hours == -1.0  # r3 (1 h) pending that evening
    assert cell["ar", date(2026, 11, 30)].pending_hours == 0.5  # r7: 29 Nov 23:30 UTC is 30 Nov in Brussels
    assert cell["ti", date(2026, 12, 1)].gap_hours == -4.0


def test_open_requests_of_a_language_soonest_first(data):
    table = live.open_requests(data, SLICE, NOW, "14d", "ar")
    assert list(table.request_id) == [1, 2, 6, 7]  # not r8 (past), r9 (cancelled), r12 (earlier today)
    first = table.iloc[0]
    assert (first.organisation, first.region_code, first.modality, first.wait_hours) == (
        "OCMW Mechelen",
        "ANT",
        "onsite",
        72.0,
    )
    assert pd.isna(table.iloc[1].wait_hours)  # matched: no longer waiting


def test_by_region_for_a_language(data):
    table = live.by_region(data, SLICE, "ar", NOW, "7d").set_index("region_code")
    # Pending Arabic: r1 (ANT, 1.5 h), r6 (LIM, 1 h). Free Arabic hours: interpreters 1 and 4 of ANT (5.5 h).
    assert table.loc["ANT", ["pending", "pending_hours", "free_hours"]].tolist() == [1, 1.5, 5.5]
    assert table.loc["LIM", ["pending", "pending_hours", "free_hours"]].tolist() == [1, 1.0, 0.0]


def test_the_service_chooses_the_kinds_that_supply_it(data):
    taalhulp = live.by_language(data, replace(SLICE, service=("taalhulp",)), NOW, "14d")
    # No taalhulp request is open; only interpreter 5 (taalhulp, from 1 Dec) offers hours: 2 h on 2 Dec.
    assert rows(taalhulp)["ar"].free_hours == 2.0 and rows(taalhulp)["ar"].pending == 0
    interpreting = live.by_language(data, replace(SLICE, service=("interpreter",)), NOW, "14d")
    assert rows(interpreting)["ar"].free_hours == 9.5  # 11.5 h without the taalhulp volunteer's 2 h


def test_slots_are_read_again_after_the_refresh_interval(data):
    calls = []
    original = data.database.frame
    data.database.frame = lambda statement: calls.append(1) or original(statement)
    from dashboard.data import UNWATCHED_MAX_AGE

    # At the start of a period of the register's cache (the recent shortage rate reads it, cached for
    # UNWATCHED_MAX_AGE), so that the refresh interval below does not also end that one.
    now = data.clock() // UNWATCHED_MAX_AGE * UNWATCHED_MAX_AGE
    data.probe_seconds = 10**9  # the data version stays as it is
    data.clock = lambda: now
    live.by_language(data, SLICE, NOW, "7d")
    first = len(calls)
    live.by_language(data, SLICE, NOW, "7d")
    assert len(calls) == first  # within the interval: all from the cache
    data.clock = lambda: now + live.REFRESH_SECONDS
    live.by_language(data, SLICE, NOW, "7d")
    assert len(calls) == first + 2  # slots and the register read again; requests still cached


def test_open_requests_export_in_excel_has_moments_in_utc(built_databases, make_app):
    from io import BytesIO

    from openpyxl import load_workbook

    url = built_databases("sqlite", "supply", build_supply_fixture)
    client = signed_in_client(make_app(url, now=NOW, aggregates=False))
    response = client.get("/export/open-requests.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]]))
    assert first["request_id"] == 1
    assert first["scheduled_start"] == datetime(2026, 11, 23, 12, 0)  # r1, UTC


# --- the page's callbacks, posted as the browser posts them (tests/dash_requests.py) ---------------------------

QUERY = f"{ids.PAGE_QUERY}.data"
WINDOW = f"{ids.dom_id(ids.choice('supply-demand', 'window'))}.value"
DRILL = f"{ids.dom_id(ids.choice('supply-demand', 'drill'))}.value"
DRILL_OUTPUT = f"{dom_id(ids.choice('supply-demand', 'drill'))}.value"  # as the callback map names an output


@pytest.fixture(scope="module", params=DIALECTS)
def app_config(request, built_databases):
    return {"url": built_databases(request.param, "supply", build_supply_fixture), "now": NOW, "aggregates": False}


def live_answer(client, app, search: str = "", window=None) -> dict:
    response = post(client, app, "supply-demand-cards.children", {QUERY: search, WINDOW: window})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_the_live_cards_and_grid_show_the_fixture(client, app):
    values = live_answer(client, app)
    # Seven days: pending ar 2 (r1, r6), uk 2 (r3, r11), ti 1 (r4); 2.5 + 1 + 2 = 5.5 hours; only ti is short.
    assert text_of(values["supply-demand-cards.children"]).split() == [
        *("Wachtende", "aanvragen", "5"),
        *("Wachtende", "uren", "6"),
        *("Talen", "met", "tekort", "1"),
    ]
    rows = values["supply-demand-languages-grid.rowData"]
    assert [row["language_code"] for row in rows] == ["ti", "ar", "uk", "ru"]
    assert rows[1]["free_by_kind"] == "Gecertificeerd sociaal tolk 5,0 u · Beëdigd tolk 0,5 u"
    # The gap as shortfall or surplus, never a negative shortfall; coverage in words, its number kept for sorting:
    # ti 2 h pending, 0.5 h free: short 1.5 h; ar 2.5 h against 5.5 h: 3 h over, 5.5 ÷ 2.5 = 2.2×; ru nothing
    # pending, 5 h free: 5 h over, no coverage.
    ti, ar, ru = rows[0], rows[1], rows[3]
    assert (ti["shortfall_hours"], ti["surplus_hours"]) == (1.5, None)
    assert (ar["shortfall_hours"], ar["surplus_hours"], ar["coverage_shown"]) == (None, 3.0, "2,2×")
    assert ar["coverage"] == pytest.approx(2.2)
    assert (ru["shortfall_hours"], ru["surplus_hours"], ru["coverage"], ru["coverage_shown"]) == (None, 5.0, None, "–")
    drill = f"{ids.dom_id(ids.choice('supply-demand', 'drill'))}.options"
    assert values[drill][0] == {"label": "Tigrinya", "value": "ti"}
    assert values["supply-demand-situation.children"] == "Toestand op 23-11-2026 10:00"
    assert values["supply-demand-stamp.data"] == {"template": "Bijgewerkt om {time}", "locale": "nl-BE"}
    assert values["supply-demand-heatmap.children"]["props"]["className"].startswith("stv-chart")
    assert values["supply-demand-alerts.children"] is None


def test_the_window_chooses_the_days_and_a_forged_one_is_the_default(client, app):
    today = live_answer(client, app, "?lang=en", "today")
    assert [row["language_code"] for row in today["supply-demand-languages-grid.rowData"]] == ["ti", "ar"]
    # r1 (ar, 1.5 h) is the one pending request still to come today; ti has 0.5 free hour and nothing pending.
    assert text_of(today["supply-demand-cards.children"]) == "Pending requests 1 Pending hours 2 Languages short 0"
    seven_days = live_answer(client, app, "?lang=en", "7d")
    alerts = "supply-demand-alerts.children"
    for forged in ("nope", ["7d"], {"window": "7d"}, 14):
        answer = live_answer(client, app, "?lang=en", forged)
        # The default window answers, and the page says which part of the request it could not use.
        assert {**answer, alerts: None} == seven_days
        assert answer[alerts] is None or "'window'" in text_of(answer[alerts])


def test_the_drill_down_lists_a_languages_regions_and_open_requests(client, app):
    body = {QUERY: "", WINDOW: "7d", DRILL: "ar"}
    values = response_values(post(client, app, "supply-demand-regions-grid.rowData", body))
    values |= response_values(post(client, app, "supply-demand-requests-grid.rowData", body))
    regions = {row["region"]: row for row in values["supply-demand-regions-grid.rowData"]}
    assert (regions["ANT"]["pending_hours"], regions["ANT"]["free_hours"]) == (1.5, 5.5)
    assert (regions["LIM"]["pending_hours"], regions["LIM"]["free_hours"]) == (1.0, 0.0)
    requests = values["supply-demand-requests-grid.rowData"]
    assert [row["request_id"] for row in requests] == ["1", "2", "6"]  # r7 (30 Nov in Brussels) only in 14 days
    assert (requests[0]["scheduled"], requests[0]["status_name"]) == ("23-11-2026 13:00", "wachtend")


def test_the_board_gets_the_drill_downs_regions_but_no_individual_requests(client, app):
    body = {QUERY: "", WINDOW: "7d", DRILL: "ar"}
    board = signed_in_client(app, "board")
    for who, expected in ((client, ["1", "2", "6"]), (board, [])):
        answer = response_values(post(who, app, "supply-demand-requests-grid.rowData", body))
        assert [row["request_id"] for row in answer["supply-demand-requests-grid.rowData"]] == expected
    regions = response_values(post(board, app, "supply-demand-regions-grid.rowData", body))
    assert len(regions["supply-demand-regions-grid.rowData"]) == 2


@pytest.mark.parametrize("forged", [None, "", "nope", ["ar"], {"code": "ar"}])
def test_a_drill_down_without_a_language_it_knows_is_empty(client, app, forged):
    for grid in ("regions", "requests"):
        response = post(client, app, f"supply-demand-{grid}-grid.rowData", {QUERY: "", WINDOW: "7d", DRILL: forged})
        assert response.status_code == 200
        assert response_values(response) == {f"supply-demand-{grid}-grid.rowData": []}


def test_a_click_on_a_row_opens_its_language(client, app):
    cell = "supply-demand-languages-grid.cellClicked"
    response = post(client, app, DRILL_OUTPUT, {cell: {"rowId": "uk", "colId": "language"}})
    assert response_values(response) == {f"{ids.dom_id(ids.choice('supply-demand', 'drill'))}.value": "uk"}
    for forged in (None, {}, {"rowId": None}, ["uk"], {"rowId": ["uk"]}, {"rowId": "a b"}):
        assert response_values(post(client, app, DRILL_OUTPUT, {cell: forged})) == {}  # the drill-down stays


def test_coverage_reads_as_a_capped_multiple():
    from layouts.supply_demand import format_coverage

    assert [format_coverage(v, "nl") for v in (2331.0, 10.5, 10.0, 2.2, 0.01, 0.0, None, float("nan"))] == [
        "meer dan 10×",  # 233.100 % in the old display
        "meer dan 10×",
        "10,0×",
        "2,2×",
        "minder dan 0,1×",
        "0,0×",  # free hours none, something pending
        "–",
        "–",
    ]
    assert [format_coverage(v, "en") for v in (2331.0, 2.2)] == ["more than 10×", "2.2×"]


def test_a_gap_splits_into_shortfall_and_surplus():
    from layouts.supply_demand import shortfall_and_surplus

    shortfall, surplus = shortfall_and_surplus(pd.Series([1.5, -3.0, 0.0]))
    assert shortfall.tolist()[0] == 1.5 and shortfall.isna().tolist() == [False, True, True]
    assert surplus.tolist()[1] == 3.0 and surplus.isna().tolist() == [True, False, True]


# --- the recent shortage rate beside the live coverage (the fixture's HISTORY) -------------------------------


def test_the_recent_period_is_the_last_ninety_complete_brussels_days():
    assert live.recent_period(NOW) == (date(2026, 8, 25), date(2026, 11, 22))
    # 23 Nov 23:30 UTC is already 24 Nov in Brussels: the 23rd is then complete and the last day of the period.
    assert live.recent_period(datetime(2026, 11, 23, 23, 30, tzinfo=UTC)) == (date(2026, 8, 26), date(2026, 11, 23))


def test_each_language_shows_its_recent_shortage_rate(data):
    table = rows(live.by_language(data, SLICE, NOW, "7d"))
    # ti 3 of 5 not available; ar 1 of 8 (h5 on the first day; h6 the day before, h8 today left out); uk 0 of 2.
    assert table["ti"].recent_shortage_rate == pytest.approx(3 / 5)
    assert table["ar"].recent_shortage_rate == pytest.approx(1 / 8)
    assert (table["uk"].recent_shortage_rate, table["ru"].recent_shortage_rate) == (0.0, 0.0)


def test_the_recent_rate_is_the_shortage_rankings_own(data):
    from dashboard.views.shortages import ranking

    ranked = ranking(data, SLICE.with_period(*live.recent_period(NOW))).set_index("language_code")
    table = live.by_language(data, SLICE, NOW, "14d").set_index("language_code")
    for code in ("ti", "ar", "uk", "ru"):
        assert table.loc[code, "recent_shortage_rate"] == ranked.loc[code, "shortage_rate"]


def test_the_recent_rate_follows_the_region_filter(data):
    table = rows(live.by_language(data, replace(SLICE, region=("ANT",)), NOW, "7d"))
    # Organisation 1 (ANT) only: ti r5, h2, h4 (1 of 3); ar r1, r2, r7, r8, r9, r13, h5 (1 of 7).
    assert table["ti"].recent_shortage_rate == pytest.approx(1 / 3)
    assert table["ar"].recent_shortage_rate == pytest.approx(1 / 7)


def test_a_language_without_recent_requests_has_an_empty_rate(data):
    # Only the taalhulp service: no taalhulp request at all, so no recent rate for ar (its free hours do show).
    table = rows(live.by_language(data, replace(SLICE, service=("taalhulp",)), NOW, "14d"))
    assert table["ar"].recent_shortage_rate is None


def test_the_export_has_the_recent_rate_as_a_fraction(client):
    from tests.support import read_csv

    exported = {row["language_code"]: row for row in read_csv(client.get("/export/supply-demand.csv"))}
    rates = {code: exported[code]["recent_shortage_rate"] for code in ("ti", "ar", "uk")}
    assert {code: float(value) for code, value in rates.items()} == {"ti": 0.6, "ar": 0.125, "uk": 0.0}
    assert all("." in value for value in rates.values())  # a fraction with a decimal point, not a percentage


def test_the_page_names_the_recent_days_and_links_to_shortages_over_them(client, app):
    values = live_answer(client, app, "?lang=en&region=ANT")
    grid = {row["language_code"]: row for row in values["supply-demand-languages-grid.rowData"]}
    assert grid["ti"]["recent_shortage_rate"] == pytest.approx(1 / 3)
    note = values["supply-demand-recent-note.children"]
    assert text_of(note).startswith("Beside today's coverage: each language's shortage rate")
    assert "over the last 90 complete days, 25 Aug 2026 to 22 Nov 2026 inclusive" in text_of(note)
    link = note[1]["props"]
    assert link["href"] == "/shortages?from=2026-08-25&to=2026-11-22&region=ANT&lang=en"
    dutch = text_of(live_answer(client, app)["supply-demand-recent-note.children"])
    assert "van 25-08-2026 tot en met 22-11-2026" in dutch and "Knelpunttalen over deze dagen" in dutch


# --- the demo: future availability follows the same scarcity as history -----------------------------------------


def test_on_the_demo_languages_short_in_history_have_no_surplus_in_the_next_seven_days(demo_sqlite):
    """Issue 11: Tigrinya read 11× coverage on /supply-demand beside a 44 % shortage rate on /shortages, because
    the demo's slots ignored the matching model's scarcity. Its slots now hold the hours the model lets each
    interpreter take, so the languages short lately are short in the coming days too."""
    from tests.conftest import DEMO_NOW

    with open_data(f"sqlite:///{demo_sqlite}") as demo:
        table = live.by_language(demo, SLICE, DEMO_NOW, "7d").set_index("language_code")
    recent = pd.to_numeric(table.recent_shortage_rate)
    short, served = table[recent >= 0.25], table[recent < 0.05]
    assert len(short) >= 10 and short.pending_hours.sum() > 20
    assert short.free_hours.sum() < short.pending_hours.sum()
    assert served.free_hours.sum() > 10 * served.pending_hours.sum()  # where history went well, there is room
    assert recent["ti"] >= 0.25 and table.loc["ti", "coverage"] < 1  # issue 11's example: short then and now
