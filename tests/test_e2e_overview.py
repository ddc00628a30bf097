"""The overview page in a real browser: figures per slice, filters <-> URL, reload and back, language, bad links,
downloads. Expected figures come from the same demo database through the app's own (unit-tested) functions.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from dashboard.filters import Filters
from dashboard.i18n import format_count, format_rate
from dashboard.periods import default_range, format_typed_date
from tests.browser import TODAY, expect, save_screenshot

pytestmark = pytest.mark.e2e

CARD_METRICS = (
    "requests",
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "active_interpreters",
)
COUNTS = ("requests", "active_interpreters")

ANT_2022 = "/?from=2022-01-01&to=2022-12-31&region=ANT"
SLICE_ANT_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31), region=("ANT",))
SLICE_ANT_2022_PHONE = Filters(date(2022, 1, 1), date(2022, 12, 31), region=("ANT",), modality=("phone",))
SLICE_ANT_2021 = Filters(date(2021, 1, 1), date(2021, 12, 31), region=("ANT",))
SLICE_ANT_2022_H2 = Filters(date(2022, 7, 1), date(2022, 12, 31), region=("ANT",))

# Shapes of the reader's number formats, checked beside the exact values (which come from the app's formatter).
DUTCH_COUNT = re.compile(r"^\d{1,3}(\.\d{3})*$")
DUTCH_RATE = re.compile(r"^\d{1,3},\d %$")
ENGLISH_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$")
ENGLISH_RATE = re.compile(r"^\d{1,3}\.\d %$")


def shown(figures: dict, lang: str) -> dict[str, str]:
    """The card texts the figures should give in `lang`."""
    return {
        metric: format_count(figures[metric], lang) if metric in COUNTS else format_rate(figures[metric], lang)
        for metric in CARD_METRICS
    }


def expect_cards(page, figures: dict, lang: str = "nl") -> None:
    """Exactly the 8 cards, each showing its figure in the reader's format (waits for a re-render to finish)."""
    values = page.locator(".kpi-value")
    expect()(values).to_have_count(len(CARD_METRICS))
    texts = shown(figures, lang)
    for metric, text in texts.items():
        expect()(page.locator(f'.kpi-value[data-metric="{metric}"]')).to_have_text(text)
    assert [v.get_attribute("data-metric") for v in values.all()] == list(CARD_METRICS)
    count_shape, rate_shape = (DUTCH_COUNT, DUTCH_RATE) if lang == "nl" else (ENGLISH_COUNT, ENGLISH_RATE)
    for metric, text in texts.items():
        assert (count_shape if metric in COUNTS else rate_shape).match(text), (metric, text)


def expect_period_inputs(page, start: str, end: str, lang: str = "nl") -> None:
    """The date inputs show the period (ISO days, set from the URL by the shell, together with the dropdowns'
    options) as the page's language writes a day: 01-01-2022 (nl), 01/01/2022 (en)."""
    for locator, day in ((page.locator("#filter-from"), start), (page.locator("#filter-to"), end)):
        expect()(locator).to_have_value(format_typed_date(date.fromisoformat(day), lang))


def choose_option(page, dropdown_id: str, label: str, search: bool = True) -> None:
    """Pick `label` in a Dash 4 dcc.Dropdown as a user does: open it, type in its search box, click, close."""
    page.locator(f"#{dropdown_id}").click()
    if search:
        search_box = page.locator(".dash-dropdown-search")
        expect()(search_box).to_be_focused()
        page.keyboard.type(label[:6])
    options = page.locator(".dash-dropdown-content")  # its checkboxes or radios (assets/stv-a11y.js)
    # Click the option's label, as a user clicks its text (the text covers a radio's own input).
    options.locator("label").filter(has=page.get_by_label(label, exact=True)).click()
    if options.count():
        page.keyboard.press("Escape")  # a multi-select stays open; closing it commits the choice
    expect()(options).to_have_count(0)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def differ(a: dict, b: dict) -> None:
    """Guard: two slices a test tells apart must show different cards, or the test could not fail."""
    assert shown(a, "nl")["requests"] != shown(b, "nl")["requests"]


# --- 1. a link with filters shows that slice -------------------------------------------------------------------


def test_link_with_filters_shows_the_figures_of_that_slice(browser_page, expected_figures):
    scripts = []
    browser_page.page.on("request", lambda request: scripts.append(request.url) if ".js" in request.url else None)
    page = browser_page.open(ANT_2022)
    expect_cards(page, expected_figures(SLICE_ANT_2022), "nl")
    expect()(page.locator(".kpi-card .kpi-name").first).to_have_text("Aanvragen")
    expect()(page.locator(".page-overview h1")).to_have_text("Overzicht")
    expect_period_inputs(page, "2022-01-01", "2022-12-31")
    expect()(page.locator("#filter-year")).to_have_text("2022")
    expect()(page.locator(".problem-alert")).to_have_count(0)
    expect()(page.locator("#overview-trend .main-svg").first).to_be_visible()  # the monthly chart is drawn
    # ... by the partial bundle of assets/, not Plotly's full one (tests/test_delivery.py)
    assert [url for url in scripts if "cartesian.min.js" in url] and not [u for u in scripts if "plotly.min.js" in u]
    save_screenshot(page, "overview-nl")
    browser_page.assert_no_errors()


def test_region_filter_names_the_chosen_region(browser_page):
    """The region dropdown shows the region's name from the database, as it does a modality's label."""
    page = browser_page.open(ANT_2022)
    expect_period_inputs(page, "2022-01-01", "2022-12-31")
    expect()(page.locator("#filter-region")).to_have_text("Provincie Antwerpen")
    browser_page.assert_no_errors()


def open_ant_2022(browser_page, figures):
    """Open Antwerp 2022 and wait until its cards and period show."""
    page = browser_page.open(ANT_2022)
    expect_cards(page, figures)
    expect_period_inputs(page, "2022-01-01", "2022-12-31")
    return page


# --- 2. changing a filter in the bar rewrites the URL and the figures ------------------------------------------


def test_choosing_a_modality_adds_it_to_the_url_and_changes_the_figures(browser_page, expected_figures):
    before, after = expected_figures(SLICE_ANT_2022), expected_figures(SLICE_ANT_2022_PHONE)
    differ(before, after)
    page = open_ant_2022(browser_page, before)

    choose_option(page, "filter-modality", "Telefoontolken")

    expect()(page).to_have_url(re.compile(r"[?&]modality=phone(&|$)"))
    assert query_of(page.url) == {
        "from": ["2022-01-01"],
        "to": ["2022-12-31"],
        "region": ["ANT"],
        "modality": ["phone"],
    }
    expect_cards(page, after)
    expect()(page.locator("#filter-modality")).to_have_text("Telefoontolken")
    browser_page.assert_no_errors()


def test_choosing_a_year_sets_the_period_in_the_url_and_the_figures(browser_page, expected_figures):
    before, after = expected_figures(SLICE_ANT_2022), expected_figures(SLICE_ANT_2021)
    differ(before, after)
    page = open_ant_2022(browser_page, before)

    choose_option(page, "filter-year", "2021", search=False)

    expect()(page).to_have_url(re.compile(r"[?&]from=2021-01-01&to=2021-12-31(&|$)"))
    assert query_of(page.url) == {"from": ["2021-01-01"], "to": ["2021-12-31"], "region": ["ANT"]}
    expect_cards(page, after)
    expect_period_inputs(page, "2021-01-01", "2021-12-31")
    expect()(page.locator("#filter-year")).to_have_text("2021")
    browser_page.assert_no_errors()


def test_typing_a_start_date_sets_it_in_the_url_and_the_figures(browser_page, expected_figures):
    before, after = expected_figures(SLICE_ANT_2022), expected_figures(SLICE_ANT_2022_H2)
    differ(before, after)
    page = open_ant_2022(browser_page, before)

    start = page.locator("#filter-from")
    start.fill("01-07-2022")  # as a Dutch reader writes a day
    start.press("Enter")  # debounce=True: committed on Enter (or blur)

    expect()(page).to_have_url(re.compile(r"[?&]from=2022-07-01(&|$)"))
    assert query_of(page.url) == {"from": ["2022-07-01"], "to": ["2022-12-31"], "region": ["ANT"]}
    expect_cards(page, after)
    expect()(page.locator("#filter-preset")).to_have_text("Aangepast")
    browser_page.assert_no_errors()


# --- 3. reload and back ----------------------------------------------------------------------------------------


def test_reload_keeps_the_view_and_back_restores_the_previous_one(browser_page, expected_figures):
    before, after = expected_figures(SLICE_ANT_2022), expected_figures(SLICE_ANT_2022_PHONE)
    differ(before, after)
    page = open_ant_2022(browser_page, before)
    choose_option(page, "filter-modality", "Telefoontolken")
    expect()(page).to_have_url(re.compile(r"[?&]modality=phone(&|$)"))
    expect_cards(page, after)
    chosen_url = page.url

    page.reload()
    assert page.url == chosen_url
    expect_cards(page, after)
    expect_period_inputs(page, "2022-01-01", "2022-12-31")
    expect()(page.locator("#filter-year")).to_have_text("2022")
    expect()(page.locator("#filter-modality")).to_have_text("Telefoontolken")

    page.go_back()
    expect()(page).to_have_url(browser_page.server.url(ANT_2022))
    expect_cards(page, before)
    expect_period_inputs(page, "2022-01-01", "2022-12-31")
    expect()(page.locator("#filter-modality")).to_have_text("Alle")  # the placeholder: no modality chosen
    browser_page.assert_no_errors()


# --- 4. English --------------------------------------------------------------------------------------------------


def test_english_link_shows_english_labels_and_number_format(browser_page, expected_figures):
    page = browser_page.open(ANT_2022 + "&lang=en")
    figures = expected_figures(SLICE_ANT_2022)
    expect_cards(page, figures, "en")
    expect()(page.locator('.kpi-value[data-metric="requests"]')).not_to_have_text(format_count(figures["requests"]))
    names = page.locator(".kpi-card .kpi-name")
    expect()(names).to_have_text(
        [
            "Requests",
            "Answer rate",
            "Unmet demand",
            "Shortage rate",
            "Completion rate",
            "Client no-show rate",
            "Interpreter no-show rate",
            "Active interpreters",
        ]
    )
    expect()(page.locator(".page-overview h1")).to_have_text("Overview")
    expect()(page.locator("#filter-label-period")).to_have_text("Period")
    expect()(page.locator("#filter-year")).to_have_text("2022")
    expect()(page.locator("#shell-lang-switch")).to_have_text("Nederlands")
    expect()(page.locator(".downloads .dropdown-toggle")).to_have_text("Download")
    expect()(page.locator("#overview-trend .main-svg").first).to_be_visible()
    save_screenshot(page, "overview-en")
    browser_page.assert_no_errors()


def test_language_switch_keeps_the_filters(browser_page, expected_figures):
    figures = expected_figures(SLICE_ANT_2022)
    page = browser_page.open(ANT_2022)
    expect_cards(page, figures, "nl")
    switch = page.locator("#shell-lang-switch")
    expect()(switch).to_have_attribute("href", re.compile(r"from=2022-01-01.*lang=en"))

    switch.click()

    expect()(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
    assert query_of(page.url) == {"from": ["2022-01-01"], "to": ["2022-12-31"], "region": ["ANT"], "lang": ["en"]}
    expect_cards(page, figures, "en")
    expect()(page.locator(".kpi-card .kpi-name").first).to_have_text("Requests")
    expect()(switch).to_have_text("Nederlands")
    expect_period_inputs(page, "2022-01-01", "2022-12-31", "en")  # the days as an English reader writes them
    expect()(page.locator("#filter-from")).to_have_attribute("placeholder", "dd/mm/yyyy")
    start = page.locator("#filter-from")
    start.fill("01/07/2022")
    start.press("Enter")
    expect()(page).to_have_url(re.compile(r"[?&]from=2022-07-01(&|$)"))  # the URL stays ISO
    browser_page.assert_no_errors()


# --- 5. a bad link ---------------------------------------------------------------------------------------------


def test_malformed_parameters_are_named_and_defaults_shown(browser_page, expected_figures):
    page = browser_page.open("/?from=2022-13-45&region=NOPE")
    alert = page.locator(".problem-alert")
    expect()(alert).to_be_visible()
    expect()(alert).to_contain_text("'from'")
    expect()(alert).to_contain_text("2022-13-45")
    expect()(alert).to_contain_text("'region'")
    expect()(alert).to_contain_text("NOPE")
    start, end = default_range(TODAY)
    expect_cards(page, expected_figures(Filters(start, end)), "nl")
    expect_period_inputs(page, start.isoformat(), end.isoformat())
    browser_page.assert_no_errors()


# --- 6. downloads ----------------------------------------------------------------------------------------------


def test_csv_download_carries_the_page_filters(browser_page, expected_figures):
    figures = expected_figures(SLICE_ANT_2022)
    page = browser_page.open(ANT_2022)
    expect_cards(page, figures)
    page.locator(".downloads .dropdown-toggle").filter(has_text="Downloaden").click()
    link = page.locator("a.export-kpis-csv")
    expect()(link).to_be_visible()
    href = link.get_attribute("href")
    assert urlsplit(href).path == "/export/kpis.csv"
    query = query_of(href)
    assert query["from"] == ["2022-01-01"] and query["to"] == ["2022-12-31"] and query["region"] == ["ANT"], href

    answer = page.request.get(urljoin(page.url, href))
    assert answer.status == 200, answer.text()
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text())))
    assert rows[0] == ["metric", "value"]
    values = dict(rows[1:])
    assert values["requests"] == str(figures["requests"])
    assert float(values["answer_rate"]) == pytest.approx(figures["answer_rate"], abs=1e-6)
    browser_page.assert_no_errors()


# --- the board's view: comparisons, the annual-report table, trends with events ----------------------------------


def test_board_view_shows_comparisons_table_and_annotated_trends(browser_page, expected_figures):
    figures = expected_figures(SLICE_ANT_2022)
    page = open_ant_2022(browser_page, figures)
    answer_card = page.locator("#overview-kpi-answer_rate")
    expect()(answer_card).to_contain_text("t.o.v. vorige periode")
    expect()(answer_card).to_contain_text("Doel: minstens 85,0 %")
    table = page.locator(".annual-report")
    expect()(table.locator("tbody tr").first).to_contain_text(format_count(figures["requests"], "nl"))
    outcomes = page.locator("#overview-trend-outcomes")
    for label in ("Lockdown", "Videotolken in het vaste aanbod", "Oorlog in Oekraïne"):
        expect()(outcomes.locator(".annotation-text", has_text=label)).to_have_count(1)
    expect()(page.locator("#overview-trend-year-on-year .legendtext", has_text="2019")).to_have_count(1)
    modalities = page.locator("#overview-trend-modalities")
    expect()(modalities.locator(".legendtext", has_text="Videotolken")).to_have_count(1)
    expect()(modalities.locator(".annotation-text", has_text="Oorlog in Oekraïne")).to_have_count(1)
    expect()(page.locator(".top-languages tbody tr")).to_have_count(10)
    expect()(page.locator(".movers")).to_contain_text("Oekraïens")  # the 2022 surge, against 2021
    expect()(page.locator("#overview-ukraine-kinds .legendtext", has_text="Crisistolk")).to_have_count(1)
    expect()(page.locator("#overview-ukraine-requests .legendtext", has_text="Oekraïens")).to_have_count(1)
    browser_page.assert_no_errors()


# --- the board report ------------------------------------------------------------------------------------------


def test_board_report_page_is_printable_and_matches_the_figures(browser_page, expected_figures):
    figures = expected_figures(Filters(date(2022, 1, 1), date(2022, 12, 31)))
    page = browser_page.open("/report?period=2022")
    expect()(page.locator('.report-section .kpi-value[data-metric="requests"]')).to_have_text(
        format_count(figures["requests"], "nl")
    )
    expect()(page.locator('.report-section .kpi-value[data-metric="answer_rate"]')).to_have_text(
        format_rate(figures["answer_rate"], "nl")
    )
    expect()(page.locator(".navbar")).to_be_hidden()  # no navigation chrome
    expect()(page.locator(".filter-bar")).to_be_hidden()
    expect()(page.locator(".report-section")).to_have_count(5)
    expect()(page.locator(".glossary")).to_contain_text("Beantwoord ÷ (aanvragen − in behandeling).")
    assert "period=2022" in page.locator("a", has_text="PDF downloaden").get_attribute("href")
    page.emulate_media(media="print")
    expect()(page.locator("a", has_text="PDF downloaden")).to_be_hidden()
    browser_page.assert_no_errors()


def test_board_report_with_a_bad_period_says_so(browser_page):
    page = browser_page.open("/report?period=2022-Q9")
    expect()(page.locator(".error-alert")).to_contain_text("2024-Q3")
    browser_page.assert_no_errors()


def test_board_report_without_a_period_shows_the_last_complete_quarter(browser_page):
    page = browser_page.open("/report")
    expect()(page.locator(".report-section h1")).to_have_text("STV-rapport 2026-Q3")  # now: 23 November 2026
    page.locator("a", has_text="Terug naar het overzicht").click()
    expect()(page.locator(".kpi-value").first).to_be_visible()
    expect()(page.locator(".navbar")).to_be_visible()
    browser_page.assert_no_errors()
