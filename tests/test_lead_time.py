"""The lead-time page's figures against values worked out by hand (tests/fixture_lead_time.py: the table of every
request, its real hours and band), in SQLite and PostgreSQL; the export; the builders; the demo's short notice.

2022 in Brussels days: r1-r15 and r17 (r16 is 2023). Left out: r12 (no scheduled start), r13 (scheduled before it
was requested). With a lead time: 14, of which 2 translations (r14, r15).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from dashboard.filters import Filters
from dashboard.views import lead_time as views
from tests.conftest import DIALECTS
from tests.fixture_lead_time import fill
from tests.support import open_data, read_csv

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))
YEAR_2023 = Filters(date(2023, 1, 1), date(2023, 12, 31))
# (modality, band): requests, answered, not available, in progress, answer rate, shortage rate
EXPECTED_2022 = {
    ("onsite", "lt24h"): (3, 2, 1, 0, 2 / 3, 1 / 3),  # r1 not available; r3 (23.9997 h), r4 (DST, 23.5 h) completed
    ("onsite", "24-72h"): (2, 0, 2, 0, 0.0, 1.0),  # r2 (24 h exactly), r17 (1 January in Brussels)
    ("onsite", "3-7d"): (2, 0, 1, 1, 0.0, 1 / 2),  # r5 (DST, 72.5 h) language unavailable; r7 pending
    ("onsite", "gt7d"): (1, 1, 0, 0, 1.0, 0.0),  # r6 (168 h exactly), cancelled late: answered
    ("phone", "lt24h"): (1, 1, 0, 0, 1.0, 0.0),  # r11; r12 and r13 left out
    ("phone", "24-72h"): (0, 0, 0, 0, None, None),
    ("phone", "3-7d"): (0, 0, 0, 0, None, None),
    ("phone", "gt7d"): (0, 0, 0, 0, None, None),
    ("video", "lt24h"): (1, 1, 0, 0, 1.0, 0.0),  # r8
    ("video", "24-72h"): (1, 0, 1, 0, 0.0, 1.0),  # r9
    ("video", "3-7d"): (0, 0, 0, 0, None, None),
    ("video", "gt7d"): (1, 1, 0, 0, 1.0, 0.0),  # r10
    ("translation", "lt24h"): (0, 0, 0, 0, None, None),
    ("translation", "24-72h"): (1, 0, 0, 0, 0.0, 0.0),  # r15, other reason: unanswered, not "not available"
    ("translation", "3-7d"): (0, 0, 0, 0, None, None),
    ("translation", "gt7d"): (1, 1, 0, 0, 1.0, 0.0),  # r14
}


@pytest.fixture(scope="module", params=DIALECTS)
def data(request, built_databases):
    with open_data(built_databases(request.param, "lead-time", fill)) as access:
        yield access


def _rows(table) -> dict:
    return {
        (row.modality, row.band): (
            row.requests,
            row.answered,
            row.not_available,
            row.in_progress,
            row.answer_rate,
            row.shortage_rate,
        )
        for row in table.itertuples()
    }


def test_bands_and_rates_per_modality(data):
    table = views.by_modality_and_band(data, YEAR_2022)
    assert list(table.columns) == list(views.EXPORT_COLUMNS)
    assert list(zip(table.modality, table.band))[:4] == [("onsite", b) for b in ("lt24h", "24-72h", "3-7d", "gt7d")]
    found = _rows(table)
    assert list(found) == list(EXPECTED_2022)
    for key, expected in EXPECTED_2022.items():
        assert found[key] == pytest.approx(expected), key
    assert all(table.answer_rate[table.requests == 0].isna())  # empty, never 0


def test_what_is_left_out_is_counted(data):
    assert views.excluded(data, YEAR_2022) == {
        "no_start": 1,  # r12
        "before_request": 1,  # r13
        "with_lead_time": 14,
        "translations": 2,
    }
    assert views.by_modality_and_band(data, YEAR_2022).requests.sum() == 14


def test_a_request_across_dst_counts_real_hours(data):
    """r4 is 24.5 wall-clock hours in Brussels but 23.5 real ones (lt24h); r5 71.5 wall-clock, 72.5 real (3-7d)."""
    march = views.by_modality_and_band(data, Filters(date(2022, 3, 26), date(2022, 3, 26)))
    assert march.set_index(["modality", "band"]).requests.loc[("onsite", "lt24h")] == 1
    october = views.by_modality_and_band(data, Filters(date(2022, 10, 28), date(2022, 10, 28)))
    assert october.set_index(["modality", "band"]).requests.loc[("onsite", "3-7d")] == 1


def test_the_filters_and_another_year(data):
    video = views.by_modality_and_band(data, Filters(date(2022, 1, 1), date(2022, 12, 31), modality=("video",)))
    assert list(video.modality.unique()) == ["video"] and video.requests.tolist() == [1, 1, 0, 1]
    limburg = views.by_modality_and_band(data, Filters(date(2022, 1, 1), date(2022, 12, 31), region=("LIM",)))
    assert limburg.requests.sum() == 2  # r4, r5 (r12 and r13 left out)
    later = views.by_modality_and_band(data, YEAR_2023).set_index(["modality", "band"])
    assert later.requests.sum() == 1 and later.answer_rate.loc[("onsite", "lt24h")] == 1.0  # r16


def test_shares_by_modality_keep_translations_apart(data):
    table = views.shares(data, YEAR_2022, "modality", "en").set_index("value")
    assert table.requests.to_dict() == {"onsite": 8, "video": 3, "translation": 2, "phone": 1}
    onsite = table.loc["onsite"]
    assert (onsite.n_lt24h, onsite.n_24_72h, onsite.n_3_7d, onsite.n_gt7d) == (3, 2, 2, 1)
    assert onsite.share_lt24h_rate == pytest.approx(3 / 8) and onsite.label == "On-site interpreting"
    assert table.loc["translation"].share_gt7d_rate == pytest.approx(1 / 2)


def test_shares_by_sector_region_and_organisation_are_interpreting_only(data):
    sectors = views.shares(data, YEAR_2022, "sector", "nl").set_index("value")
    assert sectors.requests.to_dict() == {"welfare": 8, "": 2, "education": 2}  # r14 (translation) out
    welfare = sectors.loc["welfare"]  # r1 r3 r8 r11 | r2 r17 | r7 | r6
    assert (welfare.n_lt24h, welfare.n_24_72h, welfare.n_3_7d, welfare.n_gt7d) == (4, 2, 1, 1)
    assert sectors.loc[""].label == "Niet ingevuld" and sectors.loc["education"].share_lt24h_rate == 0.5
    regions = views.shares(data, YEAR_2022, "region", "nl").set_index("value")
    assert regions.requests.to_dict() == {"ANT": 10, "LIM": 2}
    organisations = views.shares(data, YEAR_2022, "organisation", "nl").set_index("value")
    assert organisations.requests.to_dict() == {"1": 8, "2": 2, "3": 2}


def test_monthly_share_booked_too_late(data):
    table = views.monthly_late(data, YEAR_2022).set_index(["month", "modality"])
    assert len(table) == 24  # every month, on site and video
    assert (table.loc[("2022-01", "onsite")].requests, table.loc[("2022-01", "onsite")].late_rate) == (1, 0.0)  # r17
    march = table.loc[("2022-03", "onsite")]  # r1 r3 r4 late, r2 (24 h) not
    assert (march.requests, march.late, march.late_rate) == (4, 3, 3 / 4)
    assert table.loc[("2022-05", "video")].late_rate == pytest.approx(1 / 3)  # r8 of r8 r9 r10
    assert table.loc[("2022-06", "onsite")].late_rate is None  # no requests: no point
    phone_only = views.monthly_late(data, Filters(date(2022, 1, 1), date(2022, 12, 31), modality=("phone",)))
    assert phone_only.empty  # the rule is about on-site and video


def test_organisations_that_book_too_late(data):
    table = views.organisations(data, YEAR_2022, minimum=1)
    assert list(table.columns) == list(views.ORGANISATION_COLUMNS)
    assert list(table.organisation_id) == [2, 1, 3]  # 1/2, 3/7, 0/2 booked under 24 h
    rows = table.set_index("organisation_id")
    # 1: on site r1 r2 r3 r6 r7 r17, video r8; late r1 r3 r8 (r3 r8 answered); in time r2 r6 r17 decided, r6 answered
    assert (rows.loc[1].requests, rows.loc[1].late) == (7, 3)
    assert (rows.loc[1].late_rate, rows.loc[1].late_answer_rate, rows.loc[1].on_time_answer_rate) == pytest.approx(
        (3 / 7, 2 / 3, 1 / 3)
    )
    assert (rows.loc[2].late_answer_rate, rows.loc[2].on_time_answer_rate) == (1.0, 0.0)  # r4 | r5
    assert rows.loc[3].late_answer_rate is None and rows.loc[3].sector == ""  # no late request: empty
    assert list(views.organisations(data, YEAR_2022, minimum=3).organisation_id) == [1]
    assert views.organisations(data, YEAR_2022).empty  # nobody has MIN_REQUESTS


def test_scheduled_before_requested_is_a_data_quality_finding(data):
    from datetime import UTC, datetime

    from dashboard.views import data_quality

    as_of = datetime(2023, 2, 1, tzinfo=UTC)
    details = data_quality.by_detail(data, YEAR_2022, "out_of_order", as_of).set_index("detail").n
    assert details["scheduled_before_requested"] == 1
    assert list(data_quality.defect_list(data, YEAR_2022, "out_of_order", as_of).request_id) == [13]


# --- the export, through the app -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {"url": built_databases("sqlite", "lead-time", fill)}


def test_lead_time_export(client):
    rows = read_csv(client.get("/export/lead-time.csv?from=2022-01-01&to=2022-12-31&lang=en"))
    assert list(rows[0]) == ["modality", "band", *views.COUNTS, "answer_rate", "shortage_rate"]
    assert len(rows) == 16
    onsite = rows[0]
    assert (onsite["modality"], onsite["band"], onsite["requests"], onsite["answer_rate"]) == (
        "onsite",
        "lt24h",
        "3",
        "0.666667",
    )
    assert rows[5]["answer_rate"] == "" and rows[5]["requests"] == "0"  # phone 24-72h: empty, not 0


def test_lead_time_export_names_a_bad_parameter(client):
    response = client.get("/export/lead-time.csv?modality=bus")
    assert response.status_code == 400 and "'modality'" in response.get_data(as_text=True)


def test_page_callbacks_draw_the_fixture(client, app):
    from dashboard import ids
    from tests.dash_requests import post, response_values

    body = {f"{ids.PAGE_QUERY}.data": "?from=2022-01-01&to=2022-12-31&lang=en"}
    answer = response_values(post(client, app, "lead-time-coverage.children", body))
    assert answer["lead-time-coverage.children"].startswith("14 requests with a lead time, of which 2 translations")
    assert "1 without a scheduled start and 1 scheduled before" in answer["lead-time-coverage.children"]
    assert "66,7 %" not in str(answer["lead-time-cost.children"]) and "66.7 %" in str(answer["lead-time-cost.children"])
    empty = response_values(
        post(client, app, "lead-time-coverage.children", {f"{ids.PAGE_QUERY}.data": "?from=2024-01-01&to=2024-12-31"})
    )
    assert "Geen aanvragen met een boekingstermijn" in str(empty["lead-time-cost.children"])


# --- builders --------------------------------------------------------------------------------------------------


def test_heat_table_reads_in_the_readers_format(data):
    from layouts.lead_time import cost_tables

    tables = cost_tables(views.by_modality_and_band(data, YEAR_2022), "nl")
    text = str(tables)
    assert "66,7 %" in text and "–" in text  # on site under 24 h; phone 24-72 h has no requests
    first = tables.children[0].children
    assert first.className.endswith("heat-answer_rate")


def test_band_share_figure_and_trend(data):
    from layouts.lead_time import figure_band_shares, figure_late_trend

    shares = figure_band_shares(views.shares(data, YEAR_2022, "modality", "en"), "en")
    assert [trace.name for trace in shares.data] == ["< 24 hours", "24–72 hours", "3–7 days", "7 days or more"]
    assert shares.layout.xaxis.tickformat == ".0%" and shares.layout.xaxis.title.text
    trend = figure_late_trend(views.monthly_late(data, YEAR_2022), "nl")
    assert [trace.name for trace in trend.data] == ["Tolken ter plaatse", "Videotolken"]
    assert trend.layout.yaxis.title.text == "Aandeel minder dan 24 uur vooraf" and trend.layout.separators == ",."
    assert not trend.layout.shapes  # a period that is over: no running month

    from dashboard.periods import running_month

    running = running_month(date(2022, 1, 1), date(2022, 12, 31), date(2022, 12, 3))
    marked = figure_late_trend(views.monthly_late(data, YEAR_2022), "nl", running)
    assert len(marked.layout.shapes) == 1 and "lopende maand" in marked.layout.annotations[0].text
    assert len(marked.data[0].x) == 12  # the running month's point is kept


def test_organisations_grid_states_the_minimum(data):
    from layouts.lead_time import organisations_grid

    assert organisations_grid(views.organisations(data, YEAR_2022), "", "en").children == (
        f"No organisation has at least {views.MIN_REQUESTS} on-site or video requests with a lead time in this slice."
    )
    grid = organisations_grid(views.organisations(data, YEAR_2022, minimum=1), "?lang=en", "en")
    assert grid.rowData[0]["link"] == "[Basisschool Genk](/organisations/2?lang=en)"


# --- the demo's matching model --------------------------------------------------------------------------------


def test_short_notice_factor_by_band():
    from dashboard.demo.activity import short_notice_factor
    from dashboard.demo.calibration import SHORT_NOTICE_CAPACITY

    hours = np.array([0.0, 23.99, 24.0, 71.9, 72.0, 167.9, 168.0, 500.0, np.nan])
    onsite = short_notice_factor(np.array(["onsite"] * len(hours)), hours)
    expected = [SHORT_NOTICE_CAPACITY["onsite"][band] for band in (0, 0, 1, 1, 2, 2, 3, 3)] + [1.0]
    assert onsite.tolist() == expected
    assert short_notice_factor(np.array(["phone", "onsite"]), np.array([2.0, 2.0])).tolist() == [
        SHORT_NOTICE_CAPACITY["phone"][0],
        SHORT_NOTICE_CAPACITY["onsite"][0],
    ]
    assert all(SHORT_NOTICE_CAPACITY["onsite"][i] < SHORT_NOTICE_CAPACITY["phone"][i] for i in range(3))
