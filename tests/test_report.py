"""The board report: PDF pages and text, workbook sheets equal to the exports, bad periods refused."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from urllib.parse import parse_qs

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.i18n import format_date, t
from tests.dash_requests import post, response_values, text_of

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


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_of_a_period_not_begun_is_refused_in_the_readers_language(client, fmt, lang):
    response = client.get(f"/report.{fmt}?period=2027-Q1&lang={lang}")  # NOW is 23 November 2026
    assert response.status_code == 400
    assert response.get_data(as_text=True).strip() == t("period-future", lang, day=format_date(date(2027, 1, 1), lang))
    assert client.get(f"/report.{fmt}?period=2026-Q4&lang={lang}").status_code == 200  # running: a report so far


@pytest.mark.parametrize("query", ["period=2022-Q5", "period=", "", "period=2022&region=NOPE"])
def test_bad_report_parameters_get_400(client, query):
    response = client.get(f"/report.pdf?{query}")
    assert response.status_code == 400 and "Bad parameter" in response.get_data(as_text=True)


# The report page's callback, posted in-process as the browser posts it (the page's own store holds the URL's query).


def _report(client, app, query) -> dict:
    response = post(client, app, "report-body.children", {"report-query.data": query})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_the_report_page_has_the_sections_of_the_period(client, app):
    answer = _report(client, app, {"period": ["2022-Q2"], "lang": ["en"]})
    assert answer["report-alerts.children"] is None
    body = text_of(answer["report-body.children"])
    assert t("report-title", "en", period="2022-Q2") in body
    assert f"{format_date(date(2022, 4, 1), 'en')} – {format_date(date(2022, 6, 30), 'en')}" in body
    assert "80.0 %" in body and "▼ 20.0 pp worse vs previous period" in body  # worked out in test_overview
    assert "Requests 3 2 0 0 5" in body  # the annual report's table: on site, phone, video, translation, total
    assert "Arabic 3 60.0 %" in body and t("glossary-title", "en") in body
    links = re.findall(r'"href": "(/report[^"?]*)\?([^"]*)"', json.dumps(answer["report-body.children"]))
    assert [(path, parse_qs(query)) for path, query in links] == [
        ("/report.pdf", {"period": ["2022-Q2"], "lang": ["en"]}),
        ("/report.xlsx", {"period": ["2022-Q2"], "lang": ["en"]}),
    ]


def test_without_a_period_the_report_is_of_the_last_complete_quarter(client, app):
    body = text_of(_report(client, app, {"lang": ["en"]})["report-body.children"])
    assert t("report-title", "en", period="2026-Q3") in body  # NOW is in November 2026


@pytest.mark.parametrize("query", [{"period": ["2022-Q5"]}, {"period": ["22-Q1"], "lang": ["en"]}])
def test_a_bad_period_gets_an_alert_and_no_sections(client, app, query):
    answer = _report(client, app, query)
    assert text_of(answer["report-alerts.children"]) == t("report-bad-period", (query.get("lang") or ["nl"])[0])
    assert answer["report-body.children"] is None


@pytest.mark.parametrize(
    "forged", [12345, "?period=2022-Q2", ["period", "2022-Q2"], {"period": [2022]}, {"period": {"a": 1}}, None]
)
def test_a_forged_report_query_counts_as_no_period(client, app, forged):
    answer = _report(client, app, forged)
    assert t("report-title", "nl", period="2026-Q3") in text_of(answer["report-body.children"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_page_of_a_future_period_says_so_instead_of_zeros(client, app, lang):
    answer = _report(client, app, {"period": ["2027-Q1"], "lang": [lang]})
    assert text_of(answer["report-notice.children"]) == t(
        "period-future", lang, day=format_date(date(2027, 1, 1), lang)
    )
    assert answer["report-body.children"] is None and answer["report-period.value"] == "2027-Q1"


def test_the_report_page_of_a_running_quarter_notes_it_and_leads_back_to_its_period(client, app):
    answer = _report(client, app, {"period": ["2026-Q4"], "region": ["ANT"]})
    assert text_of(answer["report-notice.children"]) == t("period-running", "nl", day="23-11-2026")
    assert t("report-title", "nl", period="2026-Q4") in text_of(answer["report-body.children"])
    assert answer["report-back.href"] == "/?region=ANT&from=2026-10-01&to=2026-12-31"
    labels = [option["label"] for option in answer["report-period.options"]]
    assert labels[:3] == ["Kwartalen", "K4 2026 (lopend)", "K3 2026"]
    assert "november 2026 (lopend)" in labels and "oktober 2026" in labels


def test_the_report_picker_writes_the_period_into_the_url(client, app):
    def chosen(period, search):
        response = post(
            client,
            app,
            "shell-url.search",
            {"report-period.value": period, "shell-url.search": search},
            ["report-period.value"],
        )
        return response_values(response).get("shell-url.search")

    assert chosen("2026-10", "?period=2026-Q3&lang=en&region=ANT") == "?period=2026-10&lang=en&region=ANT"
    assert chosen("2026-Q3", "?lang=en") is None  # the default (the last complete quarter): the URL stays
    assert chosen("2026-Q3", "?period=2026-Q3") is None


def test_the_overviews_download_menu_holds_the_report_of_its_period(client, app):
    from dashboard.filters import Filters
    from layouts.report import report_href

    assert report_href(Filters(date(2025, 12, 1), date(2026, 11, 30), language=("ar",)), "en") == (
        "/report?period=2025-12..2026-11&language=ar&lang=en"
    )
    assert report_href(Filters(date(2026, 11, 2), date(2026, 11, 30)), "nl") is None  # days, not whole months
    body = text_of(_report(client, app, {"period": ["2025-12..2026-11"]})["report-body.children"])
    assert t("report-title", "nl", period="2025-12..2026-11") in body
