"""Exports (CONTRACT.md §4): columns and values, 400 for bad parameters, never a 500, and no writes."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import codes
from dashboard.exports import VIEWS
from dashboard.metrics import is_rate
from tests.conftest import DEMO_NOW
from tests.fixture_db import EXPECTED_2022
from tests.support import bearer, read_csv, signed_in_client

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
YEAR = "from=2022-01-01&to=2022-12-31"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def fixture_file(fixture_sqlite):
    path = Path(fixture_sqlite.removeprefix("sqlite:///"))
    before = _digest(path)
    yield path
    assert _digest(path) == before, "the dashboard wrote to the operational database"


@pytest.fixture(scope="module")
def app_config(fixture_file):
    return {"url": f"sqlite:///{fixture_file}", "now": NOW}


def test_kpisread_csv(client):
    rows = read_csv(client.get(f"/export/kpis.csv?{YEAR}"))
    assert [r["metric"] for r in rows][:3] == ["requests", "answered", "completed"]
    values = {r["metric"]: r["value"] for r in rows}
    assert set(values) == set(EXPECTED_2022)
    assert values["requests"] == "13" and values["answer_rate"] == "0.727273"
    for name, expected in EXPECTED_2022.items():
        assert float(values[name]) == pytest.approx(expected, abs=1e-6), name


def test_empty_rate_is_empty_and_numbers_plain_in_any_language(client):
    rows = read_csv(client.get(f"/export/kpis.csv?{YEAR}&language=zz&lang=nl"))
    values = {r["metric"]: r["value"] for r in rows}
    assert values["requests"] == "0" and values["answer_rate"] == "" and values["activity_rate"] == ""


def test_languagesread_csv(client):
    response = client.get(f"/export/languages.csv?{YEAR}&lang=en")
    header = response.get_data(as_text=True).splitlines()[0].split(",")
    assert header == [
        "language_code",
        "language",
        "requests",
        "answered",
        "completed",
        "not_completed",
        "unanswered",
        "not_available",
        "shortage_rate",
        "no_show_client",
        "no_show_interpreter",
        "active_interpreters",
        "registered_interpreters",
    ]
    rows = {r["language_code"]: r for r in read_csv(response)}
    assert rows["uk"]["language"] == "Ukrainian" and rows["uk"]["shortage_rate"] == "0.333333"
    assert (rows["ar"]["requests"], rows["ar"]["registered_interpreters"]) == ("9", "1")


def test_monthlyread_csv(client):
    rows = read_csv(client.get(f"/export/monthly.csv?{YEAR}&modality=phone"))
    assert list(rows[0]) == [
        "month",
        "modality",
        "requests",
        "answered",
        "completed",
        "not_completed",
        "unanswered",
        "in_progress",
    ]
    by_month = {r["month"]: r for r in rows}
    assert len(rows) == 12 and by_month["2022-04"]["requests"] == "2" and by_month["2022-12"]["requests"] == "0"


def test_xlsx_holds_the_same_numbers(client):
    response = client.get(f"/export/kpis.xlsx?{YEAR}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert values["requests"].value == 13
    assert values["answer_rate"].value == pytest.approx(8 / 11) and values["answer_rate"].number_format == "0.0%"


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("from=2022-13-01", "from"),
        ("from=2022-06-01&to=2022-01-01", "to"),
        ("region=XYZ", "region"),
        ("language=qq", "language"),
        ("region=ANT';DROP TABLE requests;--", "region"),
        ("modality=onsite%00", "modality"),
        ("lang=fr", "lang"),
        ("from=99999-01-01", "from"),
    ],
)
def test_bad_parameters_get_400_naming_them(client, query, parameter):
    response = client.get(f"/export/kpis.csv?{query}")
    assert response.status_code == 400
    assert f"'{parameter}'" in response.get_data(as_text=True)


@pytest.mark.parametrize("name, text", [("from", "20220101"), ("from", "2022-W01-1"), ("to", "2022-W52-7")])
def test_other_iso_date_forms_get_400_with_the_form_to_use(client, name, text):
    response = client.get(f"/export/kpis.csv?{name}={text}")
    assert response.status_code == 400
    assert f"'{name}': '{text}' is not a date (YYYY-MM-DD)" in response.get_data(as_text=True)
    assert read_csv(client.get(f"/export/kpis.csv?{name}=2022-01-03"))[0]["metric"] == "requests"


def test_unknown_view_is_404_not_500(client):
    assert client.get("/export/nothing.csv").status_code == 404
    assert client.get("/export/kpis.pdf").status_code == 404


def test_redis_down_still_answers(fixture_file, make_app):
    from tests.services import free_port

    app = make_app(f"sqlite:///{fixture_file}", now=NOW, cache_url=f"redis://127.0.0.1:{free_port()}/0")
    # The session store is Redis too: a script's token still gets its export.
    response = app.server.test_client().get(f"/export/kpis.csv?{YEAR}", headers=bearer(app))
    assert response.status_code == 200 and "requests,13" in response.get_data(as_text=True)


def test_broken_database_gives_503_not_500(tmp_path, make_app):
    client = signed_in_client(make_app(f"sqlite:///{tmp_path / 'missing.sqlite'}", now=NOW))
    response = client.get(f"/export/kpis.csv?{YEAR}")
    assert response.status_code == 503 and "database" in response.get_data(as_text=True)
    assert not (tmp_path / "missing.sqlite").exists()


@pytest.fixture(scope="module")
def april_2023_client(fixture_file, make_app):
    """The app in April 2023 (the fixture's months then make a forecast history), forecasts computed when asked."""
    april = datetime(2023, 4, 15, 9, 0, tzinfo=UTC)
    return signed_in_client(
        make_app(f"sqlite:///{fixture_file}", now=april, aggregates=False, forecast_background=False)
    )


def _same_cell(text: str, value) -> bool:
    """Whether a CSV field and a workbook cell hold the same value (rates: the CSV's six decimals; moments: UTC)."""
    if value is None:
        return text == ""
    if isinstance(value, int | float):
        return text != "" and float(text) == pytest.approx(value, abs=5e-7)
    if isinstance(value, datetime):
        moment = pd.Timestamp(text)
        return (moment.tz_convert(UTC).tz_localize(None) if moment.tzinfo else moment) == pd.Timestamp(value)
    return str(value) == text


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_export_answers_in_both_formats(april_2023_client, view):
    """Each page's export, on a small database: a CSV with a header row, and a workbook with the same header and
    the same values row by row; never a 500."""
    answers = {fmt: april_2023_client.get(f"/export/{view}.{fmt}?{YEAR}") for fmt in ("csv", "xlsx")}
    for answer in answers.values():
        assert answer.status_code == 200, answer.data[:300]
    rows = list(csv.reader(io.StringIO(answers["csv"].get_data(as_text=True))))
    assert rows and rows[0] and all(rows[0])  # a header row, every column named
    sheet = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(answers["xlsx"].data)).active.iter_rows()]
    assert sheet[0] == rows[0] and len(sheet) == len(rows)
    wrong = [
        (line, column, text, value)
        for line, (texts, values) in enumerate(zip(rows[1:], sheet[1:]), start=2)
        for column, text, value in zip(rows[0], texts, values, strict=True)
        if not _same_cell(text, value)
    ]
    assert wrong == []


# --- every export: a rate is a rate -------------------------------------------------------------------------------

# Columns that hold non-whole numbers and are not fractions: hours, requests per interpreter, forecast figures.
NOT_FRACTIONS = frozenset(
    {
        "hours",
        "median_response_hours",
        "pending_hours",
        "open_hours",
        "median_wait_hours",
        "max_wait_hours",
        "available_hours",
        "free_hours",
        *(f"free_hours_{kind}" for kind in codes.KINDS),
        "gap_hours",
        "wait_hours",
        "supply_pressure",
        "point",
        "lower",
        "upper",
        "mase",
        "naive_mase",
        "capacity",
        "gap",
        "gap_upper",
    }
)
DEMO_QUARTER = "from=2025-04-01&to=2025-06-30"


@pytest.fixture(scope="module")
def demo_client(demo_sqlite, make_app):
    return signed_in_client(make_app(f"sqlite:///{demo_sqlite}", now=DEMO_NOW, forecast_background=False))


def _fractional(text: str) -> bool:
    """Whether a CSV cell is a number that is not whole."""
    try:
        return not float(text).is_integer()
    except ValueError:
        return False


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_rate_of_every_export_is_a_fraction_in_csv_and_a_percentage_in_excel(demo_client, view):
    """CONTRACT §4: in CSV a rate is a fraction with a decimal point (or empty), in Excel a number formatted as a
    percentage; nothing else is. A column of fractions that `metrics.is_rate` does not know fails here, unless it
    is declared a plain number (NOT_FRACTIONS)."""
    rows = read_csv(demo_client.get(f"/export/{view}.csv?{DEMO_QUARTER}"))
    sheet = load_workbook(io.BytesIO(demo_client.get(f"/export/{view}.xlsx?{DEMO_QUARTER}").data)).active
    header = [cell.value for cell in sheet[1]]
    cells = list(sheet.iter_rows(min_row=2))
    assert rows and header == list(rows[0]) and len(cells) == len(rows), view
    for index, name in enumerate(header):
        for row, cell in zip(rows, (line[index] for line in cells)):
            rate = is_rate(row["metric"]) if (view, name) == ("kpis", "value") else is_rate(name)
            text = row[name]
            if rate:
                assert text == "" or re.fullmatch(r"-?\d+\.\d{6}", text), (view, name, text)
                assert (cell.value is None) == (text == ""), (view, name)
                assert cell.value is None or cell.number_format == "0.0%", (view, name, cell.number_format)
                assert cell.value is None or cell.value == pytest.approx(float(text), abs=1e-6), (view, name)
            else:
                assert not _fractional(text) or name in NOT_FRACTIONS, (view, name, text)
                assert cell.number_format != "0.0%", (view, name)


def test_the_fractions_not_named_rate_are_rates():
    assert all(
        is_rate(name)
        for name in ("share", "coverage", "shortage_rate_low", "shortage_rate_high", "share_rate", "activity_rate")
    )
    assert not any(is_rate(name) for name in ("requests", "supply_pressure", "gap_hours", "rank"))
