"""The no-shows page's figures against values worked out by hand (tests/fixture_management.py), in SQLite and in
PostgreSQL; its exports' columns; its builders.

2022 in Brussels days: 20 requests (r1-r17, r19-r21; r18 is 2023). Answered = 16: completed r1-r7 and r19 (8);
not completed 8: client no-shows r8 r9, interpreter no-show r10, late client cancellations r11 r12, timely client
cancellation r13, interpreter cancellation r14, service cancellation r15. Not in any denominator: unanswered r16
r20 r21, pending r17.
"""

from __future__ import annotations

import io
from datetime import date

import pytest

from dashboard.filters import Filters
from dashboard.views import no_shows as views
from tests.dash_requests import post, response_values
from tests.fixture_management import fill
from tests.support import read_csv

YEAR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31))
YEAR_2023 = Filters(date(2023, 1, 1), date(2023, 12, 31))
RATE_NAMES = (
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "timely_cancellation_rate",
    "interpreter_cancellation_rate",
    "service_cancellation_rate",
    "non_completion_rate",
    "billable_rate",
)


@pytest.fixture
def data(management_data):
    return management_data


def _rates(row) -> dict:
    return {name: row[name] for name in RATE_NAMES}


def test_every_party_rate_of_2022(data):
    row = views.summary(data, YEAR_2022).iloc[0]
    assert (row.answered, row.completed, row.not_completed) == (16, 8, 8)
    assert (
        row.no_show_client,
        row.no_show_interpreter,
        row.cancelled_client_late,
        row.cancelled_client_timely,
        row.cancelled_interpreter,
        row.cancelled_service,
    ) == (2, 1, 2, 1, 1, 1)
    assert _rates(row) == pytest.approx(
        {
            "no_show_client_rate": 2 / 16,
            "no_show_interpreter_rate": 1 / 16,
            "late_cancellation_rate": 2 / 16,
            "timely_cancellation_rate": 1 / 16,
            "interpreter_cancellation_rate": 1 / 16,
            "service_cancellation_rate": 1 / 16,
            "non_completion_rate": 8 / 16,  # = the six rates added up
            "billable_rate": (8 + 2) / 16,  # completed + late client cancellations
        }
    )


def test_contract_rates_agree_with_the_overview(data):
    from dashboard.views.overview import kpis

    figures, row = kpis(data, YEAR_2022), views.summary(data, YEAR_2022).iloc[0]
    for name in ("no_show_client_rate", "no_show_interpreter_rate", "late_cancellation_rate", "non_completion_rate"):
        assert row[name] == pytest.approx(figures[name]), name


def test_empty_slice_gives_empty_rates(data):
    row = views.summary(data, Filters(date(2022, 12, 1), date(2022, 12, 31), language=("ti",))).iloc[0]
    assert row.answered == 0
    assert all(row[name] is None for name in RATE_NAMES)
    assert views.by_dimension(data, Filters(date(2022, 12, 1), date(2022, 12, 31), language=("ti",))).empty


def test_by_modality(data):
    table = views.by_dimension(data, YEAR_2022, "modality", "en").set_index("value")
    assert list(table.index) == ["onsite", "phone", "translation", "video"]  # most answered first, then by name
    onsite = table.loc["onsite"]  # r1 r3 r6 r19 completed; r8 r9 client no-shows; r11 late; r14; r15
    assert (onsite.label, onsite.answered, onsite.completed, onsite.not_completed) == ("On-site interpreting", 9, 4, 5)
    assert _rates(onsite) == pytest.approx(
        {
            "no_show_client_rate": 2 / 9,
            "no_show_interpreter_rate": 0.0,
            "late_cancellation_rate": 1 / 9,
            "timely_cancellation_rate": 0.0,
            "interpreter_cancellation_rate": 1 / 9,
            "service_cancellation_rate": 1 / 9,
            "non_completion_rate": 5 / 9,
            "billable_rate": (4 + 1) / 9,
        }
    )
    phone = table.loc["phone"]  # r2 completed, r10 interpreter no-show, r13 timely; r17 pending left out
    assert (phone.answered, phone.no_show_interpreter_rate, phone.timely_cancellation_rate) == (3, 1 / 3, 1 / 3)
    assert table.loc["video"].late_cancellation_rate == 1 / 2  # r4 completed, r12 late
    assert (table.loc["translation"].answered, table.loc["translation"].billable_rate) == (2, 1.0)  # r5, r7
    assert table.answered.sum() == 16


def test_by_sector_keeps_not_filled_in(data):
    table = views.by_dimension(data, YEAR_2022, "sector", "nl").set_index("value")
    assert table.answered.to_dict() == {"welfare": 8, "education": 5, "": 3}
    missing = table.loc[""]  # organisation 3 (no sector): r5 r7 completed, r12 late
    assert (missing.label, missing.late_cancellation_rate, missing.billable_rate) == ("Niet ingevuld", 1 / 3, 1.0)
    assert table.loc["education"].service_cancellation_rate == pytest.approx(1 / 5)  # r15


def test_by_region_language_and_organisation(data):
    regions = views.by_dimension(data, YEAR_2022, "region", "nl").set_index("value")
    assert regions.answered.to_dict() == {"ANT": 11, "LIM": 5}  # organisations 1 and 3 | 2
    assert regions.loc["ANT"].label == "Provincie Antwerpen"
    assert regions.loc["ANT"].no_show_client_rate == pytest.approx(1 / 11)  # r8 (r9 is Genk)
    languages = views.by_dimension(data, YEAR_2022, "language", "en").set_index("value")
    assert languages.answered.to_dict() == {"ar": 10, "uk": 5, "ti": 1}
    assert (languages.loc["ti"].label, languages.loc["ti"].late_cancellation_rate) == ("Tigrinya", 1.0)
    assert languages.loc["ar"].non_completion_rate == pytest.approx(4 / 10)  # r8 r10 r11 r14
    organisations = views.by_dimension(data, YEAR_2022, "organisation").set_index("value")
    assert organisations.answered.to_dict() == {"1": 8, "2": 5, "3": 3}
    assert organisations.loc["2"].label == "Basisschool [Genk]"


def test_monthly_by_brussels_month(data):
    table = views.monthly(data, Filters(date(2021, 12, 1), date(2022, 12, 31))).set_index("month")
    assert len(table) == 13
    december_2021 = table.loc["2021-12"]  # r7 and r21 are 1 January 2022 in Brussels
    assert december_2021.answered == 0 and december_2021.no_show_client_rate is None
    january = table.loc["2022-01"]  # r1, r7 completed; r8 client no-show
    assert (january.answered, january.no_show_client_rate) == (3, pytest.approx(1 / 3))
    assert table.loc["2022-06"].answered == 2  # r6 (29 June) and r19 (30 June)
    assert table.loc["2022-12"].service_cancellation_rate == 1.0  # r15 (31 Dec 23:30 Brussels); r17 pending
    assert table.answered.sum() == 16


def test_organisation_at_the_threshold_is_in_and_one_under_it_out(data):
    assert views.MIN_ANSWERED == 30
    table = views.organisations(data, YEAR_2023)
    # organisation 4: 30 answered (in); organisation 5: 29 answered and 3 unanswered (out); organisation 1: r18
    assert list(table.organisation_id) == [4]
    row = table.iloc[0]
    assert (row.organisation, row.sector, row.region_code) == ("Ziekenhuis op de drempel", "health", "LIM")
    assert (row.answered, row.not_completed, row.no_show_client) == (30, 5, 5)
    assert row.non_completion_rate == pytest.approx(5 / 30) and row.billable_rate == pytest.approx(25 / 30)
    lower = views.organisations(data, YEAR_2023, minimum=29)  # now 5 is in, and it failed most (9 against 5)
    assert list(lower.organisation_id) == [5, 4]
    assert lower.iloc[0].timely_cancellation_rate == pytest.approx(9 / 29)


def test_most_failed_first_with_a_small_threshold(data):
    assert list(views.organisations(data, YEAR_2022, minimum=5).organisation_id) == [1, 2]  # 4 and 3 failed
    assert list(views.organisations(data, YEAR_2022, minimum=6).organisation_id) == [1]  # 2 has 5 answered
    table = views.organisations(data, YEAR_2022, minimum=3)
    assert list(table.organisation_id) == [1, 2, 3] and table.iloc[2].sector == ""


def test_all_dimensions_stacks_every_breakdown(data):
    table = views.all_dimensions(data, YEAR_2022, "en")
    assert list(table.columns) == list(views.DIMENSION_COLUMNS)
    assert table.groupby("dimension", sort=False).answered.sum().to_dict() == {
        "modality": 16,
        "sector": 16,
        "region": 16,
        "language": 16,
        "organisation": 16,
    }


# --- exports, through the app ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {"url": built_databases("sqlite", "management", fill)}


def test_no_shows_export(client):
    rows = read_csv(client.get("/export/no-shows.csv?from=2022-01-01&to=2022-12-31&lang=en"))
    assert list(rows[0]) == list(views.DIMENSION_COLUMNS)
    onsite = next(r for r in rows if r["dimension"] == "modality" and r["value"] == "onsite")
    assert onsite["answered"] == "9" and onsite["no_show_client_rate"] == "0.222222"
    assert onsite["label"] == "On-site interpreting" and onsite["billable_rate"] == "0.555556"
    unfilled = next(r for r in rows if r["dimension"] == "sector" and r["value"] == "")
    assert unfilled["label"] == "Not filled in" and unfilled["answered"] == "3"


def test_no_show_organisations_export(client):
    rows = read_csv(client.get("/export/no-show-organisations.csv?from=2023-01-01&to=2023-12-31"))
    assert list(rows[0]) == list(views.ORGANISATION_COLUMNS)
    assert [(r["organisation_id"], r["answered"], r["not_completed"], r["non_completion_rate"]) for r in rows] == [
        ("4", "30", "5", "0.166667")
    ]


def test_no_shows_monthly_export(client):
    response = client.get("/export/no-shows-monthly.xlsx?from=2021-12-01&to=2022-01-31")
    assert response.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    assert header == list(views.MONTHLY_COLUMNS)
    december, january = ({h: c.value for h, c in zip(header, row)} for row in sheet.iter_rows(min_row=2))
    assert december["month"] == "2021-12" and december["no_show_client_rate"] is None
    assert january["no_show_client_rate"] == pytest.approx(1 / 3)
    assert sheet.cell(row=3, column=header.index("no_show_client_rate") + 1).number_format == "0.0%"


def test_export_names_a_bad_parameter(client):
    response = client.get("/export/no-shows.csv?from=2022-13-01")
    assert response.status_code == 400 and "'from'" in response.get_data(as_text=True)


# --- builders --------------------------------------------------------------------------------------------------


def test_party_trend_figure_has_one_line_per_party_and_a_percent_axis(data):
    from layouts._charts_management import figure_party_trend

    figure = figure_party_trend(views.monthly(data, YEAR_2022), "nl")
    assert [trace.name for trace in figure.data] == [
        "No-show cliënt",
        "No-show tolk",
        "Late annulaties",
        "Tijdige annulaties",
        "Annulaties door tolk",
        "Annulaties door de dienst",
    ]
    assert figure.layout.yaxis.tickformat == ".0%" and figure.layout.separators == ",."
    assert figure.layout.yaxis.title.text == "Aandeel van de beantwoorde aanvragen"
    assert list(figure.data[0].y)[0] == pytest.approx(1 / 3)  # January's client no-shows


def test_organisation_links_keep_the_query_and_escape_names(data):
    from layouts._grid import rows_on_demand
    from layouts.no_shows import ORGANISATION_COLUMNS, organisation_rows, organisations_grid

    table = views.organisations(data, YEAR_2022, minimum=5)
    rows = organisation_rows(table, "?from=2022-01-01&to=2022-12-31", "en")
    answer = rows_on_demand(rows, ORGANISATION_COLUMNS, {"startRow": 0, "endRow": 50, "sortModel": []})
    assert [row["link"] for row in answer["rowData"]] == [
        "[OCMW Mechelen](/organisations/1?from=2022-01-01&to=2022-12-31)",
        "[Basisschool \\[Genk\\]](/organisations/2?from=2022-01-01&to=2022-12-31)",
    ]
    assert answer["rowCount"] == 2
    grid = organisations_grid(table, "en")  # the rows come on demand: none in the grid itself
    assert grid.rowModelType == "infinite" and not hasattr(grid, "rowData")
    empty = organisations_grid(views.organisations(data, YEAR_2022), "en")
    assert empty.children == "No organisation has at least 30 answered requests in this slice."


def test_the_organisations_grid_asks_for_its_rows(client, app):
    """The rows callback answers the block the grid asked for, with the number of rows (organisation 4 alone in
    2023, see the export above); a malformed request (dashboard.payloads) changes nothing."""

    def rows(request):
        values = {"page-query.data": "?from=2023-01-01&to=2023-12-31", f"{GRID}.getRowsRequest": request}
        return response_values(post(client, app, f"{GRID}.getRowsResponse", values))[f"{GRID}.getRowsResponse"]

    first = rows({"startRow": 0, "endRow": 50, "sortModel": [{"colId": "answered", "sort": "asc"}]})
    assert first["rowCount"] == 1 and [row["answered"] for row in first["rowData"]] == [30]
    assert first["rowData"][0]["link"].endswith("(/organisations/4?from=2023-01-01&to=2023-12-31)")
    assert rows({"startRow": 1, "endRow": 50, "sortModel": []}) == {"rowData": [], "rowCount": 1}
    forged = {"page-query.data": "?from=2023-01-01", f"{GRID}.getRowsRequest": {"startRow": "x", "endRow": 2}}
    assert post(client, app, f"{GRID}.getRowsResponse", forged).status_code == 204  # nothing to answer


GRID = "no-shows-organisations-grid"


def test_one_definition_of_the_parties():
    """The no-shows views, the charts and the organisation page's parties all read codes.NOT_COMPLETED_PARTIES."""
    from dashboard import codes
    from dashboard.views import regions
    from layouts._charts_management import PARTY_STYLE

    assert views.RATES[:6] == tuple(f.rate for f in codes.NOT_COMPLETED_PARTIES.values()) == RATE_NAMES[:6]
    assert [status for status, *_ in PARTY_STYLE] == list(codes.NOT_COMPLETED_PARTIES)
    assert [rate for _, rate, *_ in PARTY_STYLE] == list(RATE_NAMES[:6])
    assert codes.party_statuses("client") == ("cancelled_client_timely", "cancelled_client_late", "no_show_client")
    assert codes.party_statuses("interpreter") == ("cancelled_interpreter", "no_show_interpreter")
    assert codes.party_statuses("service") == ("cancelled_service",)
    assert "PARTIES" not in vars(regions)
