"""Booking lead time in SQL: scheduled_start − requested_at in real hours, and its band (CONTRACT §4 `lead-time`).

Both columns are UTC instants, so their difference is the real time between them whatever the clocks in Brussels
did meanwhile (a request across a DST change counts 23 or 25 wall-clock hours as what they were). PostgreSQL
subtracts timestamps exactly. SQLite has no timestamp type: its julianday() is a double whose last bits are
about 40 µs, so the difference is rounded to the millisecond first, which makes exactly 24 h read as 24, not as
23.99999999 (then under 24 h).

A request without a scheduled start has band `none`; one scheduled before it was requested (a registration
error) has band `before`: neither is a lead time, and both are counted apart (`OUTSIDE_BANDS`).
"""

from __future__ import annotations

from sqlalchemy import Float, case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from dashboard.codes import LEAD_TIME_BANDS
from dashboard.schema import requests

NO_START, BEFORE_REQUEST = "none", "before"
OUTSIDE_BANDS = (NO_START, BEFORE_REQUEST)


class hours_between(FunctionElement):  # noqa: N801 - used like an SQL function
    """Real hours from the first UTC timestamp column to the second (negative when the second is earlier)."""

    type = Float()
    name = "hours_between"
    inherit_cache = True


@compiles(hours_between, "postgresql")
def _hours_postgresql(element, compiler, **kw):
    earlier, later = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({later}) - ({earlier})) / 3600.0)"


@compiles(hours_between, "sqlite")
def _hours_sqlite(element, compiler, **kw):
    earlier, later = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(round((julianday({later}) - julianday({earlier})) * 86400000.0) / 3600000.0)"


def lead_hours():
    """The booking lead time of a request in real hours (NULL without a scheduled start)."""
    return hours_between(requests.c.requested_at, requests.c.scheduled_start)


def lead_band():
    """The request's lead-time band code (codes.LEAD_TIME_BANDS), `none` without a scheduled start, `before`
    when it was scheduled before it was requested."""
    hours = lead_hours()
    whens = [(requests.c.scheduled_start.is_(None), NO_START), (hours < 0, BEFORE_REQUEST)]
    whens += [(hours < bound, band) for band, bound in LEAD_TIME_BANDS if bound is not None]
    return case(*whens, else_=LEAD_TIME_BANDS[-1][0])
