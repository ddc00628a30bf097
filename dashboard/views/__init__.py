"""The data behind each view, as plain tables: what the pages draw and the exports return (CONTRACT.md §4).

One module per page. A module offers its exports in `EXPORTS`, a dict of export name to a function
`(context, filters, lang) -> DataFrame`; `export_views()` gathers them for `GET /export/<name>.csv|.xlsx`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd

from dashboard.filters import Filters
from dashboard.i18n import language_name_column
from dashboard.modules import submodules
from dashboard.periods import comparison_periods
from queries.reference import select_languages, select_period_bounds, select_regions


class NotReady(Exception):
    """A view's data are still being prepared, or could not be: the export answers 503 with this message."""


def view_modules() -> list:
    """Every module of this package, imported, in name order."""
    return submodules(__name__, __path__)


Figures = TypeVar("Figures")


def compared(
    figures: Callable[[Filters], Figures], filters: Filters, today: date
) -> tuple[Figures, Figures | None, Figures | None]:
    """`figures(filters)` now, in the previous period and in the same period a year earlier, as
    `periods.comparison_periods` chooses them on `today` (like for like while the period runs): what a headline
    card compares its value with. A period that has not begun has nothing to compare: None, None."""
    periods = comparison_periods(filters.start, filters.end, today)
    if periods is None:
        return figures(filters), None, None
    before, year_ago = periods
    return figures(filters), figures(filters.with_period(*before)), figures(filters.with_period(*year_ago))


def language_names(data, lang: str = "nl") -> pd.DataFrame:
    """Every language: language_id, language_code and language (its name in `lang`)."""
    languages = data.fetch(select_languages)
    return pd.DataFrame(
        {
            "language_id": languages.id,
            "language_code": languages.code,
            "language": languages[language_name_column(lang)],
        }
    )


def region_names(data) -> pd.DataFrame:
    """Every region: region_code and region (its name)."""
    regions = data.fetch(select_regions)
    return pd.DataFrame({"region_code": regions.code, "region": regions["name"]})


def first_request_year(data) -> int | None:
    """The year of the first request (None in an empty database): the first year the period choice offers."""
    first = data.fetch(select_period_bounds).iloc[0, 0]
    return None if first is None or pd.isna(first) else pd.Timestamp(first).year


def with_language_names(data, table: pd.DataFrame, lang: str = "nl", on: str = "language_id") -> pd.DataFrame:
    """`table` with language_id, language_code and language (the name in `lang`; the code where it has none) of
    each row's language, found by its column `on` (language_id or language_code)."""
    names = language_names(data, lang).set_index(on)
    table = table.assign(**{column: table[on].map(names[column]) for column in names.columns})
    return table.assign(language=table.language.fillna(table.language_code))


def export_views() -> dict[str, Callable[..., pd.DataFrame]]:
    """Export name -> function (context, filters, lang) -> table, from every module's `EXPORTS`."""
    found: dict[str, Callable[..., pd.DataFrame]] = {}
    for module in view_modules():
        for name, view in getattr(module, "EXPORTS", {}).items():
            if name in found:
                raise ValueError(f"export '{name}' is defined twice (again in {module.__name__})")
            found[name] = view
    return found
