"""The small reference tables the filters offer, and the cheap data-version probe."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from dashboard.schema import languages, regions, requests


def select_languages() -> Select:
    """Every language: id, code and both names."""
    return select(languages.c.id, languages.c.code, languages.c.name_nl, languages.c.name_en).order_by(languages.c.code)


def select_regions() -> Select:
    """Every region: id, code and name."""
    return select(regions.c.id, regions.c.code, regions.c.name).order_by(regions.c.code)


def select_data_version() -> Select:
    """The latest change and the latest request id: two index look-ups, so cheap at any size.

    Each aggregate is its own scalar subquery: SQLite answers a lone min() or max() from the index, but scans
    the table when one SELECT holds two.
    """
    return select(
        select(func.max(requests.c.updated_at)).scalar_subquery(), select(func.max(requests.c.id)).scalar_subquery()
    )


def select_period_bounds() -> Select:
    """The first and last request moments (index look-ups), for the years the period choice offers."""
    return select(
        select(func.min(requests.c.requested_at)).scalar_subquery(),
        select(func.max(requests.c.requested_at)).scalar_subquery(),
    )
