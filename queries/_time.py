"""Brussels calendar months and days of UTC timestamps, in SQL, for SQLite and PostgreSQL alike.

PostgreSQL converts with its time-zone database. SQLite has none, so the EU rule is written out: summer time
(UTC+2) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (in force
since 1996). For months a shortcut is exact: a UTC instant can fall in the next Brussels month only in the last
two hours of a month's last day, and on 31 March summer time has always begun while on 31 October it has always
ended, so the offset follows from the UTC month alone.
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class brussels_month(FunctionElement):  # noqa: N801 - used like an SQL function
    """'YYYY-MM' of the Brussels month containing a UTC timestamp column."""

    type = String()
    name = "brussels_month"
    inherit_cache = True


class brussels_day(FunctionElement):  # noqa: N801 - used like an SQL function
    """'YYYY-MM-DD' of the Brussels calendar day containing a UTC timestamp column."""

    type = String()
    name = "brussels_day"
    inherit_cache = True


@compiles(brussels_month, "postgresql")
def _month_postgresql(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    return f"to_char(({column}) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM')"


@compiles(brussels_day, "postgresql")
def _day_postgresql(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    return f"to_char(({column}) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD')"


@compiles(brussels_month, "sqlite")
def _month_sqlite(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    return (
        f"strftime('%Y-%m', {column}, CASE WHEN substr({column}, 6, 2) BETWEEN '03' AND '09' "
        f"THEN '+2 hours' ELSE '+1 hours' END)"
    )


@compiles(brussels_day, "sqlite")
def _day_sqlite(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    year = f"substr({column}, 1, 4)"
    summer_starts = f"date({year} || '-04-01', 'weekday 0', '-7 days') || ' 01:00:00'"
    summer_ends = f"date({year} || '-11-01', 'weekday 0', '-7 days') || ' 01:00:00'"
    return (
        f"date({column}, CASE WHEN {column} >= {summer_starts} AND {column} < {summer_ends} "
        f"THEN '+2 hours' ELSE '+1 hours' END)"
    )
