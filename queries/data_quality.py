"""Data-quality checks on the registered requests: which requests (or organisations) break a rule.

Every check looks at the requests of the slice (`filter_requests`: made in the period, with the filters), so the
status and requested_at indexes narrow the scan. One condition per check, used both to count (per organisation
and a detail: an age band, a status or the rule broken) and to list the requests for an export.

- `no_sector`: requests of organisations whose sector is not filled in (counted as organisations on the page).
- `unvalidated`: completed and not validated; detail: days since the outcome was recorded (closing time, else
  the appointment, else the request), in bands.
- `unclosed`: an outcome (answered or not answered) without a closing time; detail: the status.
- `out_of_order`: timestamps in an impossible order; detail: the first rule of `ORDER_RULES` the request breaks.
- `stale_matched`: matched (an interpreter assigned) but never closed although the appointment (else the
  request) started more than `STALE_AFTER_DAYS` days ago; detail: days since then, in bands.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, literal_column, null, or_, select

from dashboard import codes
from dashboard.filters import Filters
from dashboard.schema import UTC_TIMESTAMP, organisations, requests
from queries._filters import filter_requests

CHECKS = ("no_sector", "unvalidated", "unclosed", "out_of_order", "stale_matched")
STALE_AFTER_DAYS = 7
# Age bands in days: (upper bound in whole days, label); the last band has no upper bound.
AGE_BANDS = ((7, "0-7"), (30, "8-30"), (90, "31-90"), (365, "91-365"), (None, "366+"))
STALE_BANDS = ((30, "8-30"), (90, "31-90"), (365, "91-365"), (None, "366+"))
# Rules of time order (earlier, later): a request breaking one has `later` before `earlier`.
ORDER_RULES = (
    ("matched_before_requested", "requested_at", "matched_at"),
    ("closed_before_requested", "requested_at", "closed_at"),
    ("closed_before_matched", "matched_at", "closed_at"),
    ("validated_before_closed", "closed_at", "validated_at"),
    ("scheduled_before_requested", "requested_at", "scheduled_start"),  # no lead time (/lead-time leaves it out)
)
LIST_COLUMNS = (
    "id",
    "organisation_id",
    "status",
    "modality",
    "requested_at",
    "scheduled_start",
    "matched_at",
    "closed_at",
    "validated_at",
)


def select_defects(filters: Filters, check: str, as_of: datetime) -> Select:
    """Requests of the slice failing `check`, counted per organisation and detail (columns organisation_id,
    detail, n); ages are measured at `as_of` (UTC)."""
    detail = _detail(check, as_of).label("detail")
    statement = select(requests.c.organisation_id, detail, func.count().label("n")).where(_condition(check, as_of))
    return filter_requests(statement, filters).group_by(requests.c.organisation_id, literal_column("detail"))


def select_defect_requests(filters: Filters, check: str, as_of: datetime) -> Select:
    """The requests of the slice failing `check`, one row each with their timestamps and detail, by id."""
    statement = select(*(requests.c[name] for name in LIST_COLUMNS), _detail(check, as_of).label("detail")).where(
        _condition(check, as_of)
    )
    return filter_requests(statement, filters).order_by(requests.c.id)


def _condition(check: str, as_of: datetime) -> ColumnElement:
    if check == "no_sector":
        return requests.c.organisation_id.in_(select(organisations.c.id).where(organisations.c.sector.is_(None)))
    if check == "unvalidated":
        return and_(requests.c.status == "completed", requests.c.validated_at.is_(None))
    if check == "unclosed":
        # "not in progress" rather than "in the final statuses": the same requests (the contract knows no other
        # status), but SQLite then narrows by period instead of walking the status index.
        return and_(requests.c.status.not_in(codes.IN_PROGRESS), requests.c.closed_at.is_(None))
    if check == "out_of_order":
        return or_(*(requests.c[later] < requests.c[earlier] for _, earlier, later in ORDER_RULES))
    if check == "stale_matched":
        return and_(requests.c.status == "matched", _appointment() < _moment(as_of - timedelta(days=STALE_AFTER_DAYS)))
    raise ValueError(f"unknown data-quality check '{check}'")


def _detail(check: str, as_of: datetime) -> ColumnElement:
    if check == "unvalidated":
        return _age_band(func.coalesce(requests.c.closed_at, _appointment()), as_of, AGE_BANDS)
    if check == "unclosed":
        return requests.c.status
    if check == "out_of_order":
        return case(*((requests.c[later] < requests.c[earlier], rule) for rule, earlier, later in ORDER_RULES))
    if check == "stale_matched":
        return _age_band(_appointment(), as_of, STALE_BANDS)
    return null()


def _appointment() -> ColumnElement:
    """When the request was to be carried out: its scheduled start, else the moment it was made."""
    return func.coalesce(requests.c.scheduled_start, requests.c.requested_at, type_=UTC_TIMESTAMP)


def _age_band(moment: ColumnElement, as_of: datetime, bands) -> ColumnElement:
    """The band of whole days between `moment` and `as_of` (bound timestamps, so any dialect compares them)."""
    # `days` whole days old at most: younger than days + 1 (7 days and 5 hours is 7 whole days, in "0–7")
    whens = [(moment >= _moment(as_of - timedelta(days=days + 1)), label) for days, label in bands if days is not None]
    return case(*whens, else_=bands[-1][1])


def _moment(value: datetime) -> ColumnElement:
    return literal(value, UTC_TIMESTAMP)
