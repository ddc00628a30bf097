"""Counts of requests by annual-report bucket: for a slice, per month and modality, per language."""

from __future__ import annotations

from sqlalchemy import Select, case, func, literal_column, select

from dashboard.filters import Filters
from dashboard.metrics import STATUS_BUCKETS
from dashboard.schema import languages, requests
from queries._filters import filter_requests
from queries._time import brussels_month

MONTHLY_BUCKETS = ("answered", "completed", "not_completed", "unanswered", "in_progress")
LANGUAGE_BUCKETS = ("answered", "completed", "not_completed", "unanswered", "not_available", "no_show_client",
                    "no_show_interpreter")


def bucket_columns(names=tuple(STATUS_BUCKETS)) -> list:
    """`requests` and a 0-based sum per bucket, labelled with the bucket's name."""
    columns = [func.count().label("requests")]
    for name in names:
        in_bucket = case((requests.c.status.in_(STATUS_BUCKETS[name]), 1), else_=0)
        columns.append(func.coalesce(func.sum(in_bucket), 0).label(name))
    return columns


def select_status_counts(filters: Filters) -> Select:
    """One row: the number of requests in the slice, in total and per bucket."""
    return filter_requests(select(*bucket_columns()), filters)


def select_active_interpreters(filters: Filters) -> Select:
    """One value: distinct interpreters of completed requests in the slice."""
    statement = select(func.count(func.distinct(requests.c.interpreter_id)).label("active_interpreters"))
    return filter_requests(statement.where(requests.c.status == "completed"), filters)


def select_monthly(filters: Filters) -> Select:
    """Per Brussels month and modality: requests and the buckets of the monthly export."""
    month = brussels_month(requests.c.requested_at).label("month")
    statement = select(month, requests.c.modality, *bucket_columns(MONTHLY_BUCKETS))
    return filter_requests(statement, filters).group_by(literal_column("month"), requests.c.modality).order_by(
        literal_column("month"), requests.c.modality)


def select_by_language(filters: Filters) -> Select:
    """Per requested language: requests, buckets and active interpreters."""
    active = func.count(func.distinct(case((requests.c.status == "completed", requests.c.interpreter_id))))
    statement = (
        select(languages.c.code.label("language_code"), languages.c.name_nl, languages.c.name_en,
               *bucket_columns(LANGUAGE_BUCKETS), active.label("active_interpreters"))
        .join_from(requests, languages, languages.c.id == requests.c.language_id)
    )
    return filter_requests(statement, filters).group_by(languages.c.code, languages.c.name_nl, languages.c.name_en)
