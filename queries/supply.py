"""Live supply and demand: open requests scheduled in a window, declared availability and bookings.

These read a few days of rows (open requests by `scheduled_start`, slots by `starts_at`: both indexed); the
interval arithmetic (merging overlapping slots, taking bookings out, splitting at Brussels midnight) is done in
`dashboard.views.supply_demand`, where it can be tested by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import Select, select

from dashboard import codes
from dashboard.filters import Filters
from dashboard.schema import (
    availability,
    interpreter_languages,
    interpreters,
    local_governments,
    organisations,
    regions,
    requests,
)
from queries._filters import filter_requests, interpreter_scope, language_ids, serves_regions

# Slots are read when they start at most this long before the window (it bounds the index range scanned for
# slots that began earlier and still run into it): a slot that started longer ago is not seen.
LONGEST_SLOT = timedelta(days=7)


def select_open_requests(filters: Filters, start: datetime, end: datetime) -> Select:
    """Open requests (pending, matched) scheduled in [start, end), of the slice's codes (the period and the
    interpreter kind do not apply: these requests are still to be served), with their organisation and region."""
    statement = (
        select(
            requests.c.id,
            requests.c.language_id,
            requests.c.modality,
            requests.c.service,
            requests.c.status,
            requests.c.requested_at,
            requests.c.scheduled_start,
            requests.c.duration_min,
            requests.c.interpreter_id,
            requests.c.organisation_id,
            organisations.c.name.label("organisation"),
            regions.c.code.label("region_code"),
        )
        .join_from(requests, organisations, organisations.c.id == requests.c.organisation_id)
        .join(local_governments, local_governments.c.id == organisations.c.local_government_id)
        .join(regions, regions.c.id == local_governments.c.region_id)
        .where(
            requests.c.status.in_(codes.IN_PROGRESS),
            requests.c.scheduled_start >= start,
            requests.c.scheduled_start < end,
        )
    )
    return filter_requests(statement, replace(filters, kind=()), period=False)


def select_bookings(start: datetime, end: datetime) -> Select:
    """Matched requests with an interpreter, starting in [start, end): the hours interpreters are taken."""
    return select(requests.c.interpreter_id, requests.c.scheduled_start, requests.c.duration_min).where(
        requests.c.status == "matched",
        requests.c.interpreter_id.is_not(None),
        requests.c.scheduled_start >= start,
        requests.c.scheduled_start < end,
    )


def select_slots(start: datetime, end: datetime) -> Select:
    """Availability slots that overlap [start, end)."""
    return select(availability.c.interpreter_id, availability.c.starts_at, availability.c.ends_at).where(
        availability.c.starts_at >= start - LONGEST_SLOT, availability.c.starts_at < end, availability.c.ends_at > start
    )


def select_interpreter_languages(filters: Filters) -> Select:
    """Interpreter × language with kind, region and register dates, of the chosen kinds and languages, in the
    chosen regions or without a region (those serve everywhere), and of the kinds that provide the chosen
    services: taalhulp volunteers serve taalhulp requests only, the other kinds the interpreter service."""
    statement = select(
        interpreters.c.id.label("interpreter_id"),
        interpreter_languages.c.language_id,
        interpreters.c.kind,
        interpreters.c.region_id,
        interpreters.c.registered_on,
        interpreters.c.left_on,
    ).join_from(interpreters, interpreter_languages, interpreter_languages.c.interpreter_id == interpreters.c.id)
    if filters.kind:
        statement = statement.where(interpreters.c.kind.in_(filters.kind))
    if filters.service and set(filters.service) != set(codes.SERVICES):
        taalhulp = interpreters.c.kind == "taalhulp"
        statement = statement.where(taalhulp if filters.service == ("taalhulp",) else ~taalhulp)
    if filters.language:
        statement = statement.where(interpreter_languages.c.language_id.in_(language_ids(filters.language)))
    if filters.region:
        statement = statement.where(serves_regions(filters.region))
    return statement.where(*interpreter_scope(filters.scope))
