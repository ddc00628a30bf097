"""Request counts by status: for a slice, per month and modality, per language.

SQL only counts per status (one cheap GROUP BY); `dashboard.metrics.bucket_counts` turns statuses into the
annual report's buckets, in one place.
"""

from __future__ import annotations

from sqlalchemy import Select, func, literal_column, select

from dashboard.filters import Filters
from dashboard.schema import requests
from queries._filters import filter_requests
from queries._time import brussels_month

N = func.count().label("n")


def select_status_counts(filters: Filters) -> Select:
    """Requests in the slice per status."""
    return filter_requests(select(requests.c.status, N), filters).group_by(requests.c.status)


def select_active_interpreters(filters: Filters) -> Select:
    """One value: distinct interpreters of completed requests in the slice."""
    statement = select(func.count(func.distinct(requests.c.interpreter_id)).label("active_interpreters"))
    return filter_requests(statement.where(requests.c.status == "completed"), filters)


def select_monthly_status_counts(filters: Filters) -> Select:
    """Requests per Brussels month, modality and status."""
    month = brussels_month(requests.c.requested_at).label("month")
    statement = select(month, requests.c.modality, requests.c.status, N)
    return filter_requests(statement, filters).group_by(literal_column("month"), requests.c.modality,
                                                        requests.c.status)


def select_language_status_counts(filters: Filters) -> Select:
    """Requests per language id and status."""
    statement = select(requests.c.language_id, requests.c.status, N)
    return filter_requests(statement, filters).group_by(requests.c.language_id, requests.c.status)


def select_active_by_language(filters: Filters) -> Select:
    """Distinct interpreters of completed requests, per language id."""
    statement = select(requests.c.language_id,
                       func.count(func.distinct(requests.c.interpreter_id)).label("active_interpreters"))
    return filter_requests(statement.where(requests.c.status == "completed"), filters).group_by(
        requests.c.language_id)
