"""dashboard.views: what every view shares (the language names)."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import language_name_column
from dashboard.views import language_names, with_language_names


class Languages:
    """A data access that knows only the languages table."""

    def fetch(self, builder, *args, **kwargs):
        assert builder.__name__ == "select_languages"
        return pd.DataFrame(
            {
                "id": [1, 2],
                "code": ["ar", "uk"],
                "name_nl": ["Arabisch", "Oekraïens"],
                "name_en": ["Arabic", "Ukrainian"],
            }
        )


def test_the_name_column_of_each_interface_language():
    assert (language_name_column("nl"), language_name_column("en")) == ("name_nl", "name_en")


def test_language_names_in_the_readers_language():
    assert list(language_names(Languages(), "en").language) == ["Arabic", "Ukrainian"]
    assert list(language_names(Languages(), "nl").language) == ["Arabisch", "Oekraïens"]


def test_with_language_names_by_id_or_code_and_the_code_for_an_unknown_language():
    table = pd.DataFrame({"language_id": [2, 1, 9], "n": [5, 6, 7]})
    named = with_language_names(Languages(), table, "nl")
    assert list(named.language_code.fillna("?")) == ["uk", "ar", "?"]
    assert list(named.language.fillna("?")) == ["Oekraïens", "Arabisch", "?"]
    by_code = with_language_names(Languages(), pd.DataFrame({"language_code": ["uk"]}), "en", on="language_code")
    assert (by_code.language_id.iloc[0], by_code.language.iloc[0]) == (2, "Ukrainian")


def test_compared_gives_now_the_previous_period_and_a_year_earlier():
    from datetime import date

    from dashboard.filters import Filters
    from dashboard.views import compared

    march = Filters(date(2024, 3, 1), date(2024, 3, 31), region=("ANT",))
    periods = compared(lambda f: (f.start, f.end, f.region), march, date(2024, 11, 23))
    assert periods == (
        (date(2024, 3, 1), date(2024, 3, 31), ("ANT",)),
        (date(2024, 2, 1), date(2024, 2, 29), ("ANT",)),  # a whole month: the whole month before
        (date(2023, 3, 1), date(2023, 3, 31), ("ANT",)),
    )
    running = compared(lambda f: (f.start, f.end), march, date(2024, 3, 10))  # like for like: ten days each
    assert running[1:] == ((date(2024, 2, 1), date(2024, 2, 10)), (date(2023, 3, 1), date(2023, 3, 10)))
    assert compared(lambda f: (f.start, f.end), march, date(2024, 2, 29)) == ((march.start, march.end), None, None)
