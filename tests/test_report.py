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

from dashboard.filters import Filters
from dashboard.i18n import format_date, t
from dashboard.report import build_report
from dashboard.report_xlsx import header
from dashboard.targets import load_targets
from tests.dash_requests import post, response_values, text_of
from tests.support import open_data, signed_in_client

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW}


# The fixture's second quarter of 2022 (tests/fixture_db.py), worked out by hand: r3 (phone, completed), r4 (on
# site, no interpreter), r5 (on site, client no-show), r13 (on site, interpreter no-show), r15 (phone, cancelled in
# time; 1 April in Brussels). 5 requests, 4 answered, 1 completed, 3 not completed, 1 not available: answer rate
# 80 % (target at least 85 %: missed), shortage rate 20 % (at most 12 %: missed), completion rate 25 %. The first
# quarter (r1, r2, r10: all completed) answered 100 %; the second quarter of 2021 had nothing. Arabic has 3 of the
# 5 requests (60 %), Ukrainian 2 with 1 not available (50 %). The region account (ANT) sees r5, r13 and r15 only.
Q2_FIGURES_NL = [
    ["Aanvragen", "5", "–", "geen doel", "+66,7 %", "–"],
    ["Beantwoordingsgraad", "80,0 %", "minstens 85,0 %", "niet gehaald", "-20,0 pp slechter", "–"],
    ["Tekortgraad", "20,0 %", "hoogstens 12,0 %", "niet gehaald", "+20,0 pp slechter", "–"],
    ["Uitvoeringsgraad", "25,0 %", "minstens 85,0 %", "niet gehaald", "-75,0 pp slechter", "–"],
]


def _pdf(client, query: str, **kwargs) -> list[str]:
    response = client.get(f"/report.pdf?{query}", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def _line_after(text: str, first: str, count: int) -> list[str]:
    """The `count` table cells that pypdf reads after the line `first` (a cell a line, in reading order)."""
    lines = [line.strip() for line in text.split("\n")]
    at = lines.index(first)
    return lines[at : at + count]


def test_pdf_cover_holds_the_period_the_date_made_and_the_figures_with_targets(client):
    reader = _pdf(client, "period=2022-Q2")
    first = reader.pages[0].extract_text()
    assert "STV-rapport 2e kwartaal 2022" in first and "01-04-2022 – 30-06-2022" in first
    assert "Gemaakt op 23-11-2026" in first and "loopt nog" not in first
    for row in Q2_FIGURES_NL:
        cells = _line_after(first, row[0], 12)
        assert [c for c in cells if c][: len(row)] == row, cells
    assert "01-01-2022 – 31-03-2022 (vorige periode)" in first
    assert not {"▲", "▼", "►"} & set(first)
    assert reader.metadata.title == "STV-rapport 2e kwartaal 2022"


def test_pdf_has_about_three_numbered_pages_with_every_section(client):
    reader = _pdf(client, "period=2022-Q2")
    texts = [page.extract_text() for page in reader.pages]
    assert 2 <= len(texts) <= 4
    for number, text in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in text
    whole = "\n".join(texts)
    for heading in (
        "Aanvragen per maand en hun uitkomst",
        "Aanvragen per soort dienst en hun uitkomst",
        "Aanvragen en uitkomst per soort dienst (zoals in het jaarverslag)",
        "Drukste talen",
        "Wat de cijfers betekenen",
    ):
        assert heading in whole
    assert "Beantwoord ÷" in whole  # a definition
    flowing = " ".join(whole.split())  # pypdf reads a table's cells a line each
    assert "Arabisch 3 60,0 % 0 – 0,0 %" in flowing and "Oekraïens 2 40,0 % 0 – 50,0 %" in flowing
    assert "Tolken ter plaatse" in whole


def _fills(page) -> set[str]:
    """The fill colours a page's drawing operators set (reportlab writes 'r g b rg')."""
    content = page.get_contents().get_data().decode("latin-1")
    return set(re.findall(r"([\d.]+ [\d.]+ [\d.]+) rg", content))


def test_pdf_draws_the_charts_in_the_outcome_colours(client):
    reader = _pdf(client, "period=2022-Q2")
    fills = set().union(*(_fills(page) for page in reader.pages))
    blue, vermilion = "0 .447059 .698039", ".835294 .368627 0"  # #0072B2 and #D55E00 (Okabe-Ito)
    assert {blue, vermilion} <= fills
    bars = sum(page.get_contents().get_data().count(b" re") for page in reader.pages)
    assert bars > 30  # the bars of both charts, the legends' keys and the tables' row shading


def test_pdf_in_english(client):
    reader = _pdf(client, "period=2022-Q2&lang=en")
    first = reader.pages[0].extract_text()
    assert "STV report Q2 2022" in first and "Made on 23 Nov 2026" in first
    cells = _line_after(first, "Answer rate", 12)
    assert [c for c in cells if c][:5] == [
        "Answer rate",
        "80.0 %",
        "at least 85.0 %",
        "missed",
        "-20.0 pp worse",
    ]
    assert f"page 1 of {len(reader.pages)}" in first


def test_a_running_period_says_so_and_is_compared_day_for_day(client):
    first = _pdf(client, "period=2026-Q4").pages[0].extract_text()  # NOW is 23 November 2026
    flowing = " ".join(first.split())
    assert "Deze periode loopt nog: de cijfers gaan tot en met 23-11-2026" in flowing
    assert "Vergeleken met 01-07-2026 – 23-08-2026 (vorige periode) en 01-10-2025 – 23-11-2025" in flowing


def test_the_report_holds_the_figures_in_sqlite_and_postgresql(fixture_url):
    with open_data(fixture_url) as data:
        report = build_report(
            data, Filters(date(2022, 4, 1), date(2022, 6, 30)), "en", date(2026, 11, 23), targets=load_targets()
        )
    headlines = {h.name: h for h in report.headlines}
    assert (headlines["requests"].value, headlines["requests"].previous, headlines["requests"].year_ago) == (5, 3, 0)
    answer = headlines["answer_rate"]
    assert (answer.value, answer.previous, answer.year_ago, answer.met) == (0.8, 1.0, None, False)
    assert answer.verdict(answer.previous) == "worse" and answer.verdict(answer.year_ago) == "neither"
    assert headlines["unmet_rate"].met is None and headlines["unmet_rate"].verdict(0.0) == "worse"
    assert report.annual.set_index("figure").total.to_dict() == {
        "requests": 5, "answered": 4, "completed": 1, "not_completed": 3,
        "unanswered": 1, "not_available": 1, "other_reason": 0, "in_progress": 0,
    }  # fmt: skip
    assert [report.level(f) for f in report.annual.figure] == [0, 1, 2, 2, 1, 2, 2, 1]
    trend = report.trend.set_index("month")
    assert list(trend.index) == [f"2021-{m:02}" for m in range(7, 13)] + [f"2022-{m:02}" for m in range(1, 7)]
    assert trend.requests["2022-03"] == 2 and trend.requests["2022-04"] == 2 and trend.requests["2022-01"] == 1
    assert list(trend.in_period) == [False] * 9 + [True] * 3 and report.running is None
    busiest = report.busiest.set_index("language_code")
    assert busiest.requests.to_dict() == {"ar": 3, "uk": 2} and busiest.share["ar"] == pytest.approx(0.6)
    assert busiest.shortage_rate["uk"] == 0.5 and report.state == "complete"


def test_the_trend_marks_the_running_month(fixture_url):
    with open_data(fixture_url) as data:
        report = build_report(data, Filters(date(2023, 3, 1), date(2023, 3, 31)), "nl", date(2023, 3, 20))
    assert report.state == "running" and report.running.month == "2023-03"
    assert report.trend.month.iloc[-1] == "2023-03" and report.trend.requests.iloc[-1] == 1  # r14


def _exported(client, view: str, query: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get(f"/export/{view}.csv?{query}").get_data(as_text=True))))


def _sheet_rows(sheet) -> list[list]:
    """The table of a report sheet: its header row (5) and the rows below it."""
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]


def _same(cell, exported: str) -> bool:
    return (
        cell is None if exported == "" else cell == pytest.approx(float(exported), abs=1e-6)
    )  # CSV rates have six decimals


@pytest.mark.parametrize(
    "lang, sheets, headers",
    [
        (
            "nl",
            ["Kerncijfers", "Jaarverslag", "Per maand", "Per taal", "Definities"],
            ["Kerncijfer", "Waarde", "Vorige periode", "Een jaar eerder", "Code"],
        ),
        (
            "en",
            ["Headline figures", "Annual report", "Per month", "Per language", "Definitions"],
            ["Figure", "Value", "Previous period", "A year earlier", "Code"],
        ),
    ],
)
def test_workbook_speaks_the_readers_language_with_the_numbers_of_the_exports(client, lang, sheets, headers):
    response = client.get(f"/report.xlsx?period=2022&lang={lang}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == sheets
    kpis, annual, monthly, languages = (workbook[name] for name in sheets[:4])
    assert kpis["A1"].value == t("report-title", lang, period="2022")
    assert kpis["A2"].value == t(
        "report-period-row",
        lang,
        span=f"{format_date(date(2022, 1, 1), lang)} – {format_date(date(2022, 12, 31), lang)}",
    )
    rows = _sheet_rows(kpis)
    assert rows[0] == headers
    period = "from=2022-01-01&to=2022-12-31"
    exported = _exported(client, "kpis", period)
    assert [row[4] for row in rows[1:]] == [r["metric"] for r in exported]
    assert all(_same(row[1], r["value"]) for row, r in zip(rows[1:], exported))
    assert [row[0] for row in rows[1:3]] == [t("metric-requests", lang), t("metric-answered", lang)]
    # the other sheets: the export's rows, its columns' headers in the reader's language
    for sheet, view, text_columns in (
        (annual, "annual-report", 1),
        (monthly, "monthly", 2),
        (languages, "languages", 2),
    ):
        rows, table = _sheet_rows(sheet), _exported(client, view, period)
        assert rows[0] == [header(column, lang) for column in table[0]]
        assert len(rows) == len(table) + 1
        for row, exported_row in zip(rows[1:], table):
            assert all(_same(c, v) for c, v in list(zip(row, exported_row.values()))[text_columns:])
    assert annual["F6"].value == 13 and annual["A6"].value == t("metric-requests", lang)  # the year's requests
    assert annual["A7"].alignment.indent == 2 and annual["A8"].alignment.indent == 4  # answered, completed
    rate = next(row for row in kpis.iter_rows(min_row=6) if row[4].value == "answer_rate")
    count = next(row for row in kpis.iter_rows(min_row=6) if row[4].value == "requests")
    assert rate[1].number_format == "0.0%" and count[1].number_format == "#,##0"
    assert languages["I6"].number_format == "0.0%" and languages["C6"].number_format == "#,##0"  # shortage, requests
    assert kpis.freeze_panes == "B6" and monthly.freeze_panes == "B6"
    assert kpis.column_dimensions["A"].width >= max(len(str(row[0].value)) for row in kpis.iter_rows(min_row=5))


def test_a_region_accounts_report_holds_only_its_region(app):
    client = signed_in_client(app, "region")  # ANT: r5, r13 and r15 of the second quarter
    text = "\n".join(page.extract_text() for page in _pdf(client, "period=2022-Q2").pages)
    assert _line_after(text, "Aanvragen", 2) == ["Aanvragen", "3"]
    assert "Arabisch 3 100,0 %" in " ".join(text.split()) and "Oekraïens" not in text
    assert "alleen de organisaties van ANT" in text
    workbook = load_workbook(io.BytesIO(client.get("/report.xlsx?period=2022-Q2").data))
    assert workbook["Kerncijfers"]["B6"].value == 3
    assert client.get("/report.pdf?period=2022-Q2&region=LIM").status_code == 403


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


# Printing the report page from the browser (assets/print.css): Chromium itself prints it.

PRINTED_WIDTH_PX = 182 / 25.4 * 96  # A4 less the page's margins (14 mm each side), in CSS pixels


@pytest.mark.e2e
def test_printing_the_report_draws_every_chart_and_keeps_text_in_its_cards(browser_page):
    from tests.browser import expect

    page = browser_page.open("/report?period=2025-Q3")
    expect()(page.locator(".report-section .js-plotly-plot .main-svg").first).to_be_attached()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(PRINTED_WIDTH_PX), "height": 1100})
    expect()(page.locator(".navbar")).to_be_hidden()
    expect()(page.locator("a", has_text="PDF downloaden")).to_be_hidden()
    measured = page.evaluate(
        """() => ({
            charts: [...document.querySelectorAll('.page-report .js-plotly-plot')].map(plot => ({
                drawn: plot.querySelector('.main-svg').getBoundingClientRect().right,
                page: document.querySelector('.page-report').getBoundingClientRect().right,
                bars: plot.querySelectorAll('.point').length,
            })),
            cards: [...document.querySelectorAll('.page-report .kpi-card')].map(card => ({
                overflow: card.scrollWidth - card.clientWidth,
                text: card.innerText,
            })),
        })"""
    )
    assert measured["charts"], "the report shows a chart"
    for chart in measured["charts"]:
        assert chart["drawn"] <= chart["page"] + 1 and chart["bars"] > 0, chart
    assert len(measured["cards"]) >= 8 and all(card["overflow"] <= 0 for card in measured["cards"]), measured["cards"]
    printed = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(" ".join(p.extract_text().split()) for p in printed.pages)
    assert "STV-rapport 2025-Q3" in text and "Wat de cijfers betekenen" in text
    assert "Terug naar het overzicht" not in text and "Overzicht" not in text.split("STV-rapport")[0]
    browser_page.assert_no_errors()


def test_a_period_without_requests_says_why_in_every_part(client):
    reader = _pdf(client, "period=2019-Q1")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.count(t("report-empty", "nl")) == 3  # the trend, the modalities, the languages
    assert "Beantwoordingsgraad – minstens 85,0 % geen cijfer" in text
    workbook = load_workbook(io.BytesIO(client.get("/report.xlsx?period=2019-Q1").data))
    assert workbook["Kerncijfers"]["B6"].value == 0 and workbook["Per taal"].max_row == 5  # headers, no rows


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
