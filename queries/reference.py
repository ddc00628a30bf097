"""The small reference tables the filters offer, and the cheap data-version probe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, func, literal, select

from dashboard.schema import UTC_TIMESTAMP, languages, regions, requests


def select_languages() -> Select:
    """Every language: id, code and both names."""
    return select(languages.c.id, languages.c.code, languages.c.name_nl, languages.c.name_en).order_by(languages.c.code)


def select_regions() -> Select:
    """Every region: id, code and name."""
    return select(regions.c.id, regions.c.code, regions.c.name).order_by(regions.c.code)


# An `updated_at` more than this beyond "now" is a data error (a wrong clock, a typo): the data version, the
# aggregate store's watermark and /data-quality ("changed in the future") all use `believed_until()`.
FUTURE_MARGIN = timedelta(hours=1)
# A change may be committed this long after the moment its `updated_at` names (a slow transaction): the version
# hashes the changes this close to the latest one, and the store re-reads the months changed since then.
LATE_COMMIT_MARGIN = timedelta(minutes=15)


def believed_until(now: datetime | None = None) -> datetime:
    """The latest `updated_at` taken as true: an hour past now (the later of `now` and the wall clock, to the
    minute, so that every worker and host draws the line alike)."""
    wall = datetime.now(UTC)
    moment = max(now, wall) if now is not None else wall
    return moment.replace(second=0, microsecond=0) + FUTURE_MARGIN


def select_data_version(ceiling: datetime) -> Select:
    """How many requests, the latest request id and the latest change up to `ceiling`: index look-ups.

    Each aggregate is its own scalar subquery: SQLite answers a lone count(), min() or max() from an index, but
    scans the table when one SELECT holds two.
    """
    latest = select(func.max(requests.c.updated_at)).where(requests.c.updated_at <= _moment(ceiling))
    return select(
        select(func.count()).select_from(requests).scalar_subquery().label("requests"),
        select(func.max(requests.c.id)).scalar_subquery().label("last_id"),
        latest.scalar_subquery().label("latest_change"),
    )


def select_recent_changes(since: datetime, ceiling: datetime) -> Select:
    """Id and `updated_at` of the requests changed from `since` up to `ceiling` (by the index on updated_at): what
    a late commit changes even when it moves neither the count, the latest id nor the latest change."""
    moment = requests.c.updated_at
    return (
        select(requests.c.id, moment)
        .where(moment >= _moment(since), moment <= _moment(ceiling))
        .order_by(requests.c.id, moment)
    )


def _moment(value: datetime):
    return literal(value, UTC_TIMESTAMP)


def select_period_bounds() -> Select:
    """The first and last request moments (index look-ups), for the years the period choice offers."""
    return select(
        select(func.min(requests.c.requested_at)).scalar_subquery(),
        select(func.max(requests.c.requested_at)).scalar_subquery(),
    )
