"""Brussels days, presets, comparison periods and report periods (dashboard/periods.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dashboard.i18n import t
from dashboard.periods import (
    RunningMonth,
    comparison_periods,
    default_range,
    format_typed_date,
    is_future,
    is_running,
    last_complete_quarter,
    parse_report_period,
    preset_range,
    previous_period,
    quarter_label,
    read_typed_date,
    running_month,
    utc_bounds,
    year_earlier,
)
from tests.dash_requests import post, response_values, text_of

TODAY = date(2026, 11, 23)


def test_utc_bounds_follow_brussels_days():
    start, end = utc_bounds(date(2022, 1, 1), date(2022, 12, 31))
    assert (start.isoformat(), end.isoformat()) == ("2021-12-31T23:00:00+00:00", "2022-12-31T23:00:00+00:00")
    summer = utc_bounds(date(2022, 7, 1), date(2022, 7, 1))
    assert summer[0].isoformat() == "2022-06-30T22:00:00+00:00"


def test_presets():
    assert preset_range("last-month", TODAY) == (date(2026, 10, 1), date(2026, 10, 31))
    assert preset_range("this-month", TODAY) == (date(2026, 11, 1), date(2026, 11, 30))
    assert preset_range("this-quarter", TODAY) == (date(2026, 10, 1), date(2026, 12, 31))
    assert preset_range("last-quarter", TODAY) == (date(2026, 7, 1), date(2026, 9, 30))
    assert preset_range("last-12-months", TODAY) == (date(2025, 11, 1), date(2026, 10, 31))
    assert default_range(TODAY) == preset_range("last-12-months", TODAY)
    assert preset_range("year-2022", TODAY) == (date(2022, 1, 1), date(2022, 12, 31))
    assert preset_range("quarter-2026-Q3", TODAY) == (date(2026, 7, 1), date(2026, 9, 30))
    assert preset_range(None, TODAY) is None and preset_range("custom", TODAY) is None


@pytest.mark.parametrize(
    "preset",
    [
        "year-99999",
        "year-1999",
        "year-2101",
        "year-",
        "year-20x6",
        "quarter-2026-Q5",
        "quarter-99999-Q1",
        "quarter-2026-05",
        "quarter-",
        "month-2026-01",
        2026,
        ["year-2026"],
    ],
)
def test_absurd_choices_are_no_period(preset):
    assert preset_range(preset, TODAY) is None


@pytest.mark.parametrize(
    "today, last_12, this_quarter, last_quarter, last_month",
    [
        # 1 January: the last twelve complete months are last year; last month and quarter are December's.
        (
            date(2027, 1, 1),
            ("2026-01-01", "2026-12-31"),
            ("2027-01-01", "2027-03-31"),
            ("2026-10-01", "2026-12-31"),
            ("2026-12-01", "2026-12-31"),
        ),
        # 31 December: December still runs, so it is not among the twelve complete months.
        (
            date(2026, 12, 31),
            ("2025-12-01", "2026-11-30"),
            ("2026-10-01", "2026-12-31"),
            ("2026-07-01", "2026-09-30"),
            ("2026-11-01", "2026-11-30"),
        ),
        # A quarter's last day (30 September) and the first day of the next one.
        (
            date(2026, 9, 30),
            ("2025-09-01", "2026-08-31"),
            ("2026-07-01", "2026-09-30"),
            ("2026-04-01", "2026-06-30"),
            ("2026-08-01", "2026-08-31"),
        ),
        (
            date(2026, 10, 1),
            ("2025-10-01", "2026-09-30"),
            ("2026-10-01", "2026-12-31"),
            ("2026-07-01", "2026-09-30"),
            ("2026-09-01", "2026-09-30"),
        ),
        # The days of the DST changes (29 March, 25 October 2026) are calendar days like any other.
        (
            date(2026, 3, 29),
            ("2025-03-01", "2026-02-28"),
            ("2026-01-01", "2026-03-31"),
            ("2025-10-01", "2025-12-31"),
            ("2026-02-01", "2026-02-28"),
        ),
        (
            date(2026, 10, 25),
            ("2025-10-01", "2026-09-30"),
            ("2026-10-01", "2026-12-31"),
            ("2026-07-01", "2026-09-30"),
            ("2026-09-01", "2026-09-30"),
        ),
        # A leap year's February.
        (
            date(2024, 3, 15),
            ("2023-03-01", "2024-02-29"),
            ("2024-01-01", "2024-03-31"),
            ("2023-10-01", "2023-12-31"),
            ("2024-02-01", "2024-02-29"),
        ),
    ],
)
def test_presets_on_the_edges_of_months_quarters_and_years(today, last_12, this_quarter, last_quarter, last_month):
    def iso(preset):
        return tuple(day.isoformat() for day in preset_range(preset, today))

    assert iso("last-12-months") == last_12
    assert iso("this-quarter") == this_quarter
    assert iso("last-quarter") == last_quarter
    assert iso("last-month") == last_month
    assert iso("this-month")[0] == f"{today:%Y-%m}-01"


def test_brussels_today_around_midnight_and_dst():
    from datetime import UTC, datetime

    from dashboard.periods import brussels_today

    assert brussels_today(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)  # winter: UTC+1
    assert brussels_today(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == date(2026, 3, 29)
    assert brussels_today(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)  # summer: UTC+2
    assert brussels_today(datetime(2026, 10, 24, 21, 59, tzinfo=UTC)) == date(2026, 10, 24)


def test_running_and_future_periods():
    today = date(2026, 12, 3)
    assert is_running(date(2026, 10, 1), date(2026, 12, 31), today)
    assert is_running(date(2026, 12, 1), today, today)  # today's day is not over
    assert not is_running(date(2026, 7, 1), date(2026, 9, 30), today)
    assert is_future(date(2027, 1, 1), today) and not is_future(today, today)
    assert running_month(date(2026, 1, 1), date(2026, 12, 31), today) == RunningMonth("2026-12", today)
    assert running_month(date(2025, 12, 1), date(2026, 11, 30), today) is None
    assert quarter_label(date(2026, 12, 3)) == "2026-Q4" and quarter_label(date(2026, 1, 1)) == "2026-Q1"


@pytest.mark.parametrize(
    "period, today, previous, year_ago",
    [
        # A complete quarter: the whole quarter before and the same quarter a year earlier.
        (("2026-07-01", "2026-09-30"), "2026-12-03", ("2026-04-01", "2026-06-30"), ("2025-07-01", "2025-09-30")),
        # The running quarter up to 3 December: the same days of the quarter before and of a year earlier.
        (("2026-10-01", "2026-12-31"), "2026-12-03", ("2026-07-01", "2026-09-03"), ("2025-10-01", "2025-12-03")),
        # The running month on its 31st: the month before is shorter, so all of it.
        (("2026-05-01", "2026-05-31"), "2026-05-31", ("2026-04-01", "2026-04-30"), ("2025-05-01", "2025-05-31")),
        # The running year, on 29 February of a leap year.
        (("2024-01-01", "2024-12-31"), "2024-02-29", ("2023-01-01", "2023-02-28"), ("2023-01-01", "2023-02-28")),
        # A running period of days (not whole months): as many days before.
        (("2026-11-20", "2026-12-10"), "2026-12-03", ("2026-10-30", "2026-11-12"), ("2025-11-20", "2025-12-03")),
        # Running on its first day: one day against one day.
        (("2026-10-01", "2026-12-31"), "2026-10-01", ("2026-07-01", "2026-07-01"), ("2025-10-01", "2025-10-01")),
    ],
)
def test_comparison_periods(period, today, previous, year_ago):
    start, end = (date.fromisoformat(day) for day in period)
    found = comparison_periods(start, end, date.fromisoformat(today))
    assert [tuple(day.isoformat() for day in part) for part in found] == [previous, year_ago]


def test_a_future_period_has_no_comparison():
    assert comparison_periods(date(2027, 1, 1), date(2027, 3, 31), date(2026, 12, 3)) is None


def test_previous_period_and_year_earlier():
    assert previous_period(date(2026, 10, 1), date(2026, 10, 31)) == (date(2026, 9, 1), date(2026, 9, 30))
    assert previous_period(date(2026, 7, 1), date(2026, 9, 30)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert previous_period(date(2026, 11, 10), date(2026, 11, 23)) == (date(2026, 10, 27), date(2026, 11, 9))
    assert year_earlier(date(2024, 2, 29), date(2024, 2, 29)) == (date(2023, 2, 28), date(2023, 2, 28))
    assert year_earlier(date(2025, 2, 1), date(2025, 2, 28)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert year_earlier(date(2025, 12, 1), date(2026, 11, 23)) == (date(2024, 12, 1), date(2025, 11, 23))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-Q3", (date(2024, 7, 1), date(2024, 9, 30))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2024-Q5", None),
        ("2024-13", None),
        ("24-Q1", None),
        ("", None),
        (None, None),
        ("2024-Q3'--", None),
    ],
)
def test_report_periods(text, expected):
    assert parse_report_period(text) == expected


def test_last_complete_quarter():
    assert last_complete_quarter(date(2026, 11, 23)) == "2026-Q3"
    assert last_complete_quarter(date(2026, 2, 1)) == "2025-Q4"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-12..2026-11", (date(2025, 12, 1), date(2026, 11, 30))),
        ("2024-02..2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2026-11..2025-12", None),  # backwards
        ("2026-Q1..2026-Q2", None),
        ("2026-13..2027-01", None),
        ("2026-01..", None),
    ],
)
def test_report_periods_of_whole_months(text, expected):
    assert parse_report_period(text) == expected


@pytest.mark.parametrize(
    "period, label",
    [
        (("2026-01-01", "2026-12-31"), "2026"),
        (("2026-07-01", "2026-09-30"), "2026-Q3"),
        (("2026-11-01", "2026-11-30"), "2026-11"),
        (("2025-12-01", "2026-11-30"), "2025-12..2026-11"),  # the last twelve complete months
        (("2026-02-01", "2026-04-30"), "2026-02..2026-04"),  # three months, but no quarter
        (("2026-11-10", "2026-11-30"), None),
    ],
)
def test_the_report_period_of_a_period(period, label):
    from dashboard.periods import report_period_of

    start, end = (date.fromisoformat(day) for day in period)
    assert report_period_of(start, end) == label
    if label:
        assert parse_report_period(label) == (start, end)


# --- the period bar and its note, posted in-process as the browser posts them -------------------------------------

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)  # "today" of the app below: 23 November 2026


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "now": NOW}


def _sync(client, app, changed: dict, search: str = "?from=2022-01-01&to=2022-12-31") -> dict:
    values = {"shell-url.search": search, **changed}
    response = post(client, app, "filter-quarter.value", values, list(changed) or ["shell-url.search"])
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_a_picked_quarter_sets_the_url_and_the_quick_choice_names_it(client, app):
    answer = _sync(client, app, {"filter-quarter.value": "quarter-2026-Q3"})
    assert answer["shell-url.search"] == "?from=2026-07-01&to=2026-09-30"
    assert answer["filter-preset.value"] == "last-quarter"
    assert answer.get("filter-year.value") is None  # no year: it stays empty


def test_the_pickers_offer_quarters_and_years_with_the_running_ones_marked(client, app):
    answer = _sync(client, app, {}, "?from=2026-01-01&to=2026-12-31&lang=en")
    quarters = [option["label"] for option in answer["filter-quarter.options"]]
    assert quarters[:2] == ["Q4 2026 (running)", "Q3 2026"] and len(quarters) == 12 and quarters[-1] == "Q1 2024"
    years = [option["label"] for option in answer["filter-year.options"]]
    assert years[0] == "2026 (running)" and years[-1] == "2021"  # the fixture's first request: 1 January 2022 (r10)
    quick = [option["label"] for option in answer["filter-preset.options"]]
    assert quick == [
        "Last 12 complete months",
        "This month",
        "Last month",
        "This quarter",
        "Last quarter",
        "Custom",
    ]
    assert answer["filter-year.value"] == "year-2026" and answer.get("filter-preset.value") is None


@pytest.mark.parametrize("forged", ["year-99999", "quarter-2026-Q9", "last-decade"])
def test_a_forged_choice_is_the_bad_parameter_alert_never_a_500(client, app, forged):
    answer = _sync(client, app, {"filter-year.value": forged})
    assert forged in text_of(answer["shell-alerts.children"]) and "'period'" in text_of(answer["shell-alerts.children"])
    assert "shell-url.search" not in answer  # the period stays as it was


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/", "?from=2026-10-01&to=2026-12-31", t("period-running", "nl", day="23-11-2026")),
        ("/no-shows", "?from=2027-01-01&to=2027-03-31&lang=en", t("period-future", "en", day="1 Jan 2027")),
        ("/regions/ANT", "?from=2026-11-01&to=2026-11-30", t("period-running", "nl", day="23-11-2026")),
        ("/", "?from=2026-07-01&to=2026-09-30", ""),  # complete
        ("/", "", ""),  # the default: the last twelve complete months
        ("/supply-demand", "?from=2026-10-01&to=2026-12-31", ""),  # live figures: no period to note
        ("/report", "?from=2026-10-01&to=2026-12-31", ""),  # the report notes its own period
    ],
)
def test_the_note_under_the_filter_bar(client, app, path, query, expected):
    lang = "en" if "lang=en" in query else "nl"
    values = {"shell-route.data": {"path": path, "lang": lang}, "shell-query.data": query}
    response = post(client, app, "shell-period-note.children", values)
    assert response.status_code == 200
    assert text_of(response_values(response)["shell-period-note.children"] or "") == expected


# --- the date inputs: the page's form in and out, the URL ISO (issue 13) ------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31-12-2025", date(2025, 12, 31)),
        ("31/12/2025", date(2025, 12, 31)),
        (" 1-2-2026 ", date(2026, 2, 1)),
        ("01.02.2026", date(2026, 2, 1)),
        ("2026-02-01", date(2026, 2, 1)),  # a pasted URL value
        ("31-02-2026", None),  # no such day
        ("12-31-2025", None),  # month first: no 31st month
        ("2026-2-1", None),
        ("gisteren", None),
        ("", None),
        (None, None),
        (20260201, None),
    ],
)
def test_a_typed_day_is_read_day_month_year(text, expected):
    assert read_typed_date(text) == expected


def test_a_day_is_written_in_the_form_of_the_page_language():
    assert format_typed_date(date(2025, 3, 7), "nl") == "07-03-2025"
    assert format_typed_date(date(2025, 3, 7), "en") == "07/03/2025"
    assert read_typed_date(format_typed_date(date(2025, 3, 7), "en")) == date(2025, 3, 7)


@pytest.mark.parametrize("lang, start, end", [("nl", "01-01-2022", "31-12-2022"), ("en", "01/01/2022", "31/12/2022")])
def test_the_date_inputs_show_the_urls_period_in_the_page_language(client, app, lang, start, end):
    answer = _sync(client, app, {}, f"?from=2022-01-01&to=2022-12-31&lang={lang}")
    assert (answer["filter-from.value"], answer["filter-to.value"]) == (start, end)


@pytest.mark.parametrize("lang, typed", [("nl", "01-07-2022"), ("en", "01/07/2022"), ("nl", "1-7-2022")])
def test_a_day_typed_in_the_page_language_sets_the_url_in_iso(client, app, lang, typed):
    search = "?from=2022-01-01&to=2022-12-31" + ("&lang=en" if lang == "en" else "")
    answer = _sync(client, app, {"filter-from.value": typed, "filter-to.value": "31-12-2022"}, search)
    assert answer["shell-url.search"] == search.replace("from=2022-01-01", "from=2022-07-01")
    shown = answer.get("filter-from.value", typed)  # left alone when it already reads as the page writes it
    assert shown == format_typed_date(date(2022, 7, 1), lang)
    assert "shell-alerts.children" not in answer or not answer["shell-alerts.children"]


@pytest.mark.parametrize("lang, typed, says", [("nl", "31-02-2022", "dd-mm-jjjj"), ("en", "next week", "dd/mm/yyyy")])
def test_a_typed_text_that_is_no_day_is_said_and_the_period_kept(client, app, lang, typed, says):
    search = "?from=2022-01-01&to=2022-12-31" + ("&lang=en" if lang == "en" else "")
    answer = _sync(client, app, {"filter-from.value": typed, "filter-to.value": "31-12-2022"}, search)
    alert = text_of(answer["shell-alerts.children"])
    assert typed in alert and says in alert
    assert "shell-url.search" not in answer  # the period stays as it was
    assert answer["filter-from.value"] == format_typed_date(date(2022, 1, 1), lang)  # the URL's day again
