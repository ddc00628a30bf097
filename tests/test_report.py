"""The board report: PDF pages and text, workbook sheets equal to the exports, bad periods refused."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW}


def test_pdf_has_a_page_per_section_with_the_figures(client):
    response = client.get("/report.pdf?period=2022-Q2")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert len(pages) == 5
    assert "Wat de cijfers betekenen" in pages[4].extract_text() and "Beantwoord ÷" in pages[4].extract_text()
    first = pages[0].extract_text()
    assert "STV-rapport 2022-Q2" in first and "01-04-2022 – 30-06-2022" in first
    lines = first.split("\n")
    answer = lines.index("Beantwoordingsgraad")  # Q2 against Q1 2022 and Q2 2021, worked out in test_overview
    assert lines[answer + 1 : answer + 4] == ["80,0 %", "-20,0 pp", "–"]
    assert not {"▲", "▼", "►"} & set(first)
    assert "Tolken ter plaatse" in pages[1].extract_text()


def test_workbook_equals_the_exports(client):
    response = client.get("/report.xlsx?period=2022&lang=en")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["kpis", "annual-report", "monthly", "languages"]
    exported = {
        r["metric"]: r["value"]
        for r in csv.DictReader(
            io.StringIO(client.get("/export/kpis.csv?from=2022-01-01&to=2022-12-31").get_data(as_text=True))
        )
    }
    in_workbook = {row[0].value: row[1].value for row in workbook["kpis"].iter_rows(min_row=2)}
    for name, value in exported.items():
        assert (
            (in_workbook[name] is None) if value == "" else in_workbook[name] == pytest.approx(float(value), abs=1e-6)
        )
    assert workbook["annual-report"]["F2"].value == 13  # total requests


@pytest.mark.parametrize("query", ["period=2022-Q5", "period=", "", "period=2022&region=NOPE"])
def test_bad_report_parameters_get_400(client, query):
    response = client.get(f"/report.pdf?{query}")
    assert response.status_code == 400 and "Bad parameter" in response.get_data(as_text=True)
