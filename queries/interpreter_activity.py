"""Interpreter activity beyond the overview's counts: registered interpreters per kind, minutes interpreted per
interpreter, interpreters without a completed request for a while, and who speaks which language.

Interpreters appear by id only: the operational database holds no names, and nothing here makes any up.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, case, func, select

from dashboard.filters import Filters
from dashboard.periods import utc_bounds
from dashboard.schema import interpreter_languages, interpreters, languages, requests
from queries._filters import COMPLETED, filter_requests, speaks
from queries.interpreters import registered_at_end


def select_registered_by_kind(filters: Filters) -> Select:
    """Per kind: registered interpreters at the period's end (CONTRACT §3), speaking a chosen language where one
    is chosen."""
    conditions = registered_at_end(filters)
    if filters.language:
        conditions.append(speaks(filters.language))
    return (
        select(interpreters.c.kind, func.count().label("registered_interpreters"))
        .where(*conditions)
        .group_by(interpreters.c.kind)
    )


def select_interpreter_minutes(filters: Filters) -> Select:
    """Per interpreter (id and kind) with a completed request in the slice: completed requests, minutes (the
    actual length, or the booked length where no actual one was recorded), how many used the booked length, and
    how many had neither (they add no minutes)."""
    length = func.coalesce(requests.c.actual_min, requests.c.duration_min)
    booked_only = and_(requests.c.actual_min.is_(None), requests.c.duration_min.is_not(None))
    statement = (
        select(
            requests.c.interpreter_id,
            interpreters.c.kind,
            func.count().label("completed"),
            func.sum(length).label("minutes"),
            func.sum(case((booked_only, 1), else_=0)).label("booked_length_used"),
            func.sum(case((length.is_(None), 1), else_=0)).label("without_length"),
        )
        .join_from(requests, interpreters, interpreters.c.id == requests.c.interpreter_id)
        .where(COMPLETED)
        .group_by(requests.c.interpreter_id, interpreters.c.kind)
    )
    return filter_requests(statement, filters)


def select_inactive_interpreters(filters: Filters, reference: date, since: date) -> Select:
    """Interpreters registered on `reference` (of the chosen kinds and languages) who were registered by `since`
    and have no completed request made on the Brussels days `since` to `reference`: id, kind, registration date and
    the moment of the last completed request made before the end of `reference` (empty: never)."""
    window_start, _ = utc_bounds(since, reference)
    _, window_end = utc_bounds(reference, reference)
    recent = select(requests.c.interpreter_id).where(
        COMPLETED,
        requests.c.interpreter_id.is_not(None),
        requests.c.requested_at >= window_start,
        requests.c.requested_at < window_end,
    )
    last = (
        select(func.max(requests.c.requested_at))
        .where(requests.c.interpreter_id == interpreters.c.id, COMPLETED, requests.c.requested_at < window_end)
        .scalar_subquery()
    )
    conditions = registered_at_end(filters.with_period(filters.start, reference))
    conditions += [interpreters.c.registered_on <= since, interpreters.c.id.not_in(recent)]
    if filters.language:
        conditions.append(speaks(filters.language))
    return (
        select(
            interpreters.c.id.label("interpreter_id"),
            interpreters.c.kind,
            interpreters.c.registered_on,
            last.label("last_completed_at"),
        )
        .where(*conditions)
        .order_by(interpreters.c.id)
    )


def select_interpreter_languages() -> Select:
    """Every (interpreter id, language code) pair of the register."""
    return (
        select(interpreter_languages.c.interpreter_id, languages.c.code.label("language_code"))
        .join_from(interpreter_languages, languages, languages.c.id == interpreter_languages.c.language_id)
        .order_by(interpreter_languages.c.interpreter_id, languages.c.code)
    )
