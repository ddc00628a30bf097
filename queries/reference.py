"""The small reference tables the filters offer, and the cheap data-version probe."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from dashboard.schema import languages, regions, requests


def select_languages() -> Select:
    """Every language: id, code and both names."""
    return select(languages.c.id, languages.c.code, languages.c.name_nl, languages.c.name_en).order_by(
        languages.c.code)


def select_regions() -> Select:
    """Every region: code and name."""
    return select(regions.c.code, regions.c.name).order_by(regions.c.code)


def select_data_version() -> Select:
    """The latest change and the latest request id: both index look-ups, so cheap at any size."""
    return select(func.max(requests.c.updated_at), func.max(requests.c.id))


def select_period_bounds() -> Select:
    """The first and last request moments (index look-ups), for the years the period choice offers."""
    return select(func.min(requests.c.requested_at), func.max(requests.c.requested_at))
