"""Settings, filters, periods and the translation helper."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dashboard.filters import Filters, Vocabulary, parse_query, to_search
from dashboard.i18n import MESSAGES, format_count, format_date, format_rate, t
from dashboard.periods import preset_range, utc_bounds
from dashboard.settings import SettingsError, load_settings

VOCABULARY = Vocabulary(regions=frozenset({"ANT", "LIM"}), languages=frozenset({"ar", "uk"}))
TODAY = date(2026, 11, 23)


def test_reader_formats():
    assert (format_count(66218, "nl"), format_count(66218, "en")) == ("66.218", "66,218")
    assert (format_rate(0.795, "nl"), format_rate(0.795, "en")) == ("79,5 %", "79.5 %")
    assert format_rate(12.3456, "nl") == "1.234,6 %" and format_rate(None, "nl") == "–"
    assert (format_date(date(2026, 11, 3), "nl"), format_date(date(2026, 11, 3), "en")) == ("03-11-2026", "3 Nov 2026")


def test_every_message_in_both_languages():
    assert all(nl.strip() and en.strip() for nl, en in MESSAGES.values())
    assert t("preset-year", "en", year=2022) == "Year 2022"
    with pytest.raises(KeyError):
        t("no-such-key")


def test_settings_from_environment(tmp_path):
    settings = load_settings(
        {
            "STV_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "STV_NOW": "2026-11-23T10:00:00+01:00",
            "STV_CACHE_URL": "redis://localhost:6379/0",
        },
        dotenv=None,
    )
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.now == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert load_settings({}, dotenv=None).effective_database_url == "sqlite:///var/demo.sqlite"
    env_file = tmp_path / ".env"
    env_file.write_text("# demo\nSTV_NOW='2026-01-01T00:00:00Z'\n")
    assert load_settings({}, dotenv=env_file).now == datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "name, value, fragment",
    [
        ("STV_NOW", "yesterday", "STV_NOW"),
        ("STV_DATABASE_URL", "mysql://x/y", "STV_DATABASE_URL"),
        ("STV_DATABASE_URL", "not a url", "STV_DATABASE_URL"),
        ("STV_CACHE_URL", "memcached://x", "STV_CACHE_URL"),
    ],
)
def test_bad_settings_are_named(name, value, fragment):
    with pytest.raises(SettingsError, match=fragment):
        load_settings({name: value}, dotenv=None)


def test_parse_query_repeated_and_comma_values():
    parsed = parse_query("?from=2022-01-01&to=2022-12-31&region=LIM&region=ANT,LIM&lang=en", VOCABULARY, TODAY)
    assert parsed.filters == Filters(date(2022, 1, 1), date(2022, 12, 31), region=("ANT", "LIM"))
    assert parsed.lang == "en" and parsed.problems == ()
    assert to_search(parsed.filters, "en") == "?from=2022-01-01&to=2022-12-31&region=ANT,LIM&lang=en"


def test_parse_query_problems_fall_back_to_defaults():
    parsed = parse_query("?from=2022-02-30&region=ANT,XX&language=ar", VOCABULARY, TODAY)
    assert [(p.parameter, p.reason, p.value) for p in parsed.problems] == [
        ("from", "bad-date", "2022-02-30"),
        ("region", "unknown-code", "XX"),
    ]
    assert (parsed.filters.start, parsed.filters.end) == (date(2025, 12, 1), TODAY)
    assert parsed.filters.region == ("ANT",) and parsed.filters.language == ("ar",)


def test_to_before_from_uses_default_period():
    parsed = parse_query({"from": "2022-06-01", "to": "2022-01-01"}, VOCABULARY, TODAY)
    assert parsed.problems[0].parameter == "to" and parsed.filters.end == TODAY


def test_utc_bounds_follow_brussels_days():
    start, end = utc_bounds(date(2022, 1, 1), date(2022, 12, 31))
    assert (start.isoformat(), end.isoformat()) == ("2021-12-31T23:00:00+00:00", "2022-12-31T23:00:00+00:00")
    summer = utc_bounds(date(2022, 7, 1), date(2022, 7, 1))
    assert summer[0].isoformat() == "2022-06-30T22:00:00+00:00"


def test_presets():
    assert preset_range("last-month", TODAY) == (date(2026, 10, 1), date(2026, 10, 31))
    assert preset_range("this-quarter", TODAY) == (date(2026, 10, 1), TODAY)
    assert preset_range("last-12-months", TODAY) == (date(2025, 12, 1), TODAY)
    assert preset_range("year-2022", TODAY) == (date(2022, 1, 1), date(2022, 12, 31))
    assert preset_range(None, TODAY) is None and preset_range("custom", TODAY) is None


def test_previous_period_and_year_earlier():
    from dashboard.periods import previous_period, year_earlier

    assert previous_period(date(2026, 10, 1), date(2026, 10, 31)) == (date(2026, 9, 1), date(2026, 9, 30))
    assert previous_period(date(2026, 7, 1), date(2026, 9, 30)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert previous_period(date(2026, 11, 10), date(2026, 11, 23)) == (date(2026, 10, 27), date(2026, 11, 9))
    assert year_earlier(date(2024, 2, 29), date(2024, 2, 29)) == (date(2023, 2, 28), date(2023, 2, 28))
    assert year_earlier(date(2025, 2, 1), date(2025, 2, 28)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert year_earlier(date(2025, 12, 1), date(2026, 11, 23)) == (date(2024, 12, 1), date(2025, 11, 23))


def test_format_change():
    from dashboard.i18n import format_change

    assert format_change(0.8, 0.75, rate=True, lang="nl") == "▲ 5,0 pp"
    assert format_change(90, 100, rate=False, lang="en") == "▼ 10.0 %"
    assert format_change(5, 0, rate=False) == "–" and format_change(None, 0.5, rate=True) == "–"
    assert format_change(0.5, 0.5, rate=True) == "► 0,0 pp"


def test_targets_file_is_valid_and_errors_are_clear(tmp_path):
    from dashboard.targets import load_targets

    targets = load_targets()
    assert targets["answer_rate"].met(0.9) and not targets["shortage_rate"].met(0.2)
    bad = tmp_path / "targets.toml"
    bad.write_text('[answer_rat]\ntarget = 0.8\ndirection = "min"\n')
    with pytest.raises(ValueError, match="answer_rat"):
        load_targets(bad)


def test_events_file_is_valid_and_errors_are_clear(tmp_path):
    from dashboard.events import load_events

    events = load_events()
    assert [e.day for e in events] == sorted(e.day for e in events) and events[0].label("en") == "Lockdown"
    bad = tmp_path / "events.toml"
    bad.write_text('[[event]]\ndate = 2022-03-01\nnl = "Oorlog"\n')
    with pytest.raises(ValueError, match="event 1"):
        load_events(bad)


def test_trend_figures_are_labelled_and_annotated():
    import pandas as pd

    from dashboard.events import Event
    from layouts._charts import figure_answer_rate, figure_outcome_trend, figure_year_on_year

    trend = pd.DataFrame(
        {
            "month": ["2022-02", "2022-03", "2023-02"],
            "requests": [10, 12, 11],
            "answered": [8, 9, 10],
            "completed": [7, 8, 9],
            "in_progress": [0, 0, 0],
            "answer_rate": [0.8, 0.75, None],
        }
    )
    events = [
        Event(date(2022, 3, 1), "Oorlog in Oekraïne", "War in Ukraine"),
        Event(date(2030, 1, 1), "Later", "Later"),
    ]
    figure = figure_outcome_trend(trend, "nl", events)
    assert [a.text for a in figure.layout.annotations] == ["Oorlog in Oekraïne"]  # only events within the range
    assert figure.layout.yaxis.title.text == "Aanvragen (aantal)" and figure.layout.separators == ",."
    assert figure_answer_rate(trend, "en", []).layout.yaxis.tickformat == ".0%"
    assert [trace.name for trace in figure_year_on_year(trend, "en").data] == ["2022", "2023"]


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
    from dashboard.periods import parse_report_period

    assert parse_report_period(text) == expected


def test_last_complete_quarter():
    from dashboard.periods import last_complete_quarter

    assert last_complete_quarter(date(2026, 11, 23)) == "2026-Q3"
    assert last_complete_quarter(date(2026, 2, 1)) == "2025-Q4"
