"""The WHERE clauses every request query shares: period (Brussels days) and the filter codes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select

from dashboard.filters import Filters, Scope
from dashboard.periods import utc_bounds
from dashboard.schema import (
    interpreter_languages,
    interpreters,
    languages,
    local_governments,
    organisations,
    regions,
    requests,
)

# status = 'completed', written so that SQLite does not pick the status index (about two thirds of all requests are
# completed) over the period's index on requested_at: on the demo data a month took 132 ms that way, 8 ms this way.
COMPLETED = requests.c.status.concat("") == "completed"


def filter_requests(statement: Select, filters: Filters, period: bool = True) -> Select:
    """Restrict a statement over `requests` to the slice: its period and every chosen code.

    Region and sector are resolved to organisation ids in a subquery, and language codes to ids, so that the
    requests table is filtered on its own indexed columns. Kinds select requests served by such interpreters.
    """
    conditions = []
    if period:
        start, end = utc_bounds(filters.start, filters.end)
        conditions += [requests.c.requested_at >= start, requests.c.requested_at < end]
    if filters.modality:
        conditions.append(requests.c.modality.in_(filters.modality))
    if filters.service:
        conditions.append(requests.c.service.in_(filters.service))
    if filters.language:
        conditions.append(requests.c.language_id.in_(language_ids(filters.language)))
    if filters.region or filters.sector:
        # "+ 0" keeps SQLite (the operational database is read-only, so maybe never ANALYZEd) from walking the
        # organisation index over every request of the region, all years long, instead of the period's
        # requested_at range (a year of one local government: 149 ms -> 30 ms on the demo database).
        conditions.append((requests.c.organisation_id + 0).in_(organisation_ids(filters)))
    if filters.kind:
        conditions.append(
            requests.c.interpreter_id.in_(select(interpreters.c.id).where(interpreters.c.kind.in_(filters.kind)))
        )
    return statement.where(*conditions, *scope_conditions(filters.scope))


def scope_conditions(scope: Scope) -> list:
    """The account's scope (dashboard.filters.Scope) on `requests`, whatever else the filters say: a page that
    replaces the region filter by its place (the drill-down) still never reads outside it."""
    conditions = []
    if scope.organisation is not None:
        conditions.append(requests.c.organisation_id == scope.organisation)
    if scope.regions:
        conditions.append(requests.c.organisation_id.in_(organisation_ids(Filters(date.min, date.min, scope.regions))))
    return conditions


def interpreter_scope(scope: Scope) -> list:
    """The account's scope on `interpreters`: those of its regions and those without a region (who serve
    everywhere); an organisation's account sees no interpreter."""
    if scope.organisation is not None:
        return [interpreters.c.id.is_(None)]
    return [serves_regions(scope.regions)] if scope.regions else []


def serves_regions(region_codes: tuple[str, ...]):
    """The condition on `interpreters`: of one of these regions, or without a region (they serve everywhere)."""
    chosen = select(regions.c.id).where(regions.c.code.in_(region_codes))
    return interpreters.c.region_id.is_(None) | interpreters.c.region_id.in_(chosen)


def language_ids(language_codes: tuple[str, ...]) -> Select:
    """Ids of the languages with these codes."""
    return select(languages.c.id).where(languages.c.code.in_(language_codes))


def speaks(language_codes: tuple[str, ...]):
    """The condition on `interpreters`: speaks one of the languages with these codes."""
    return interpreters.c.id.in_(
        select(interpreter_languages.c.interpreter_id).where(
            interpreter_languages.c.language_id.in_(language_ids(language_codes))
        )
    )


def organisation_ids(filters: Filters) -> Select:
    """Ids of the organisations in the chosen regions and sectors."""
    statement = select(organisations.c.id)
    if filters.region:
        statement = (
            statement.join(local_governments, local_governments.c.id == organisations.c.local_government_id)
            .join(regions, regions.c.id == local_governments.c.region_id)
            .where(regions.c.code.in_(filters.region))
        )
    if filters.sector:
        statement = statement.where(organisations.c.sector.in_(filters.sector))
    return statement
