"""The query string of every page and export, parsed into filters and problems (dashboard/filters.py)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.filters import Filters, Vocabulary, parse_query, to_search

VOCABULARY = Vocabulary(regions=frozenset({"ANT", "LIM"}), languages=frozenset({"ar", "uk"}))
TODAY = date(2026, 11, 23)
LAST_12_COMPLETE_MONTHS = (date(2025, 11, 1), date(2026, 10, 31))  # the default period on TODAY


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
    assert (parsed.filters.start, parsed.filters.end) == LAST_12_COMPLETE_MONTHS
    assert parsed.filters.region == ("ANT",) and parsed.filters.language == ("ar",)


def test_to_before_from_uses_default_period():
    parsed = parse_query({"from": "2022-06-01", "to": "2022-01-01"}, VOCABULARY, TODAY)
    assert parsed.problems[0].parameter == "to" and parsed.filters.end == LAST_12_COMPLETE_MONTHS[1]


@pytest.mark.parametrize("text", ["20220101", "2022-W01-1", "2022-W01", "2022-001", "2022-1-1", "٢٠٢٢-٠١-٠١"])
@pytest.mark.parametrize("name", ["from", "to"])
def test_other_iso_forms_are_a_bad_date_naming_the_parameter(name, text):
    """Only YYYY-MM-DD, the form the page writes: 2022-W01-1 would otherwise be read as 3 January 2022."""
    parsed = parse_query({name: text}, VOCABULARY, TODAY)
    assert [(p.parameter, p.reason, p.value) for p in parsed.problems] == [(name, "bad-date", text)]
    assert (parsed.filters.start, parsed.filters.end) == LAST_12_COMPLETE_MONTHS


def test_a_calendar_date_is_read_and_written_back_as_it_was():
    parsed = parse_query("?from=2022-01-03&to=2022-01-09", VOCABULARY, TODAY)
    assert parsed.problems == () and (parsed.filters.start, parsed.filters.end) == (date(2022, 1, 3), date(2022, 1, 9))
    assert to_search(parsed.filters) == "?from=2022-01-03&to=2022-01-09"


def test_a_date_outside_the_supported_years_is_out_of_range():
    parsed = parse_query("?from=1999-12-31", VOCABULARY, TODAY)
    assert [(p.parameter, p.reason) for p in parsed.problems] == [("from", "out-of-range")]
