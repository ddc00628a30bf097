"""Places of the drill-down (region, local government, organisation): their names, and request counts restricted
to one local government or one organisation.

Counts per region or for one region need nothing here: `select_status_counts` with the region filter (or the
`region_id` key) does that, and the aggregate store serves it for whole months.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select

from dashboard.filters import Filters
from dashboard.schema import local_governments, organisations, regions, requests
from queries.requests import select_status_counts


def select_local_governments() -> Select:
    """Every local government: id, name, NIS code, and its region's id and code."""
    return (
        select(
            local_governments.c.id,
            local_governments.c.name,
            local_governments.c.nis_code,
            local_governments.c.region_id,
            regions.c.code.label("region_code"),
        )
        .join_from(local_governments, regions, regions.c.id == local_governments.c.region_id)
        .order_by(local_governments.c.id)
    )


def select_organisations() -> Select:
    """Every organisation: id, name, sector, agreement, and its local government's and region's ids and code."""
    return (
        select(
            organisations.c.id,
            organisations.c.name,
            organisations.c.sector,
            organisations.c.has_agreement,
            organisations.c.local_government_id,
            local_governments.c.region_id,
            regions.c.code.label("region_code"),
        )
        .join_from(organisations, local_governments, local_governments.c.id == organisations.c.local_government_id)
        .join(regions, regions.c.id == local_governments.c.region_id)
        .order_by(organisations.c.id)
    )


def select_local_government_counts(filters: Filters, local_government_id: int, keys: tuple[str, ...] = ()) -> Select:
    """Requests per status (and `keys`) in the slice, made by the organisations of one local government."""
    members = select(organisations.c.id).where(organisations.c.local_government_id == local_government_id)
    return select_status_counts(filters, keys).where(requests.c.organisation_id.in_(members))


def select_organisation_counts(filters: Filters, organisation_id: int, keys: tuple[str, ...] = ()) -> Select:
    """Requests per status (and `keys`) in the slice, made by one organisation."""
    return select_status_counts(filters, keys).where(requests.c.organisation_id == organisation_id)


def select_busiest_organisation() -> Select:
    """The organisation with the most requests (the lowest id among equals), with its region's code."""
    return (
        select(requests.c.organisation_id, regions.c.code.label("region_code"))
        .join(organisations, organisations.c.id == requests.c.organisation_id)
        .join(local_governments, local_governments.c.id == organisations.c.local_government_id)
        .join(regions, regions.c.id == local_governments.c.region_id)
        .group_by(requests.c.organisation_id, regions.c.code)
        .order_by(func.count().desc(), requests.c.organisation_id)
        .limit(1)
    )
