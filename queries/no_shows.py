"""Look-ups of the no-shows page. Its counts are request counts per status (`queries.requests.select_status_counts`,
through `DataAccess.status_counts`, with the keys month, modality, sector, region_id, language_id or
organisation_id); only the names of organisations are read here."""

from __future__ import annotations

from sqlalchemy import Select, select

from dashboard.schema import local_governments, organisations, regions


def select_organisations() -> Select:
    """Every organisation: id, name, sector (empty when not filled in) and the code of its region."""
    return (
        select(organisations.c.id, organisations.c.name, organisations.c.sector, regions.c.code.label("region_code"))
        .join_from(organisations, local_governments, local_governments.c.id == organisations.c.local_government_id)
        .join(regions, regions.c.id == local_governments.c.region_id)
        .order_by(organisations.c.id)
    )
