"""Request counts by status: for a slice, per month and modality, per language.

SQL only counts per status (one cheap GROUP BY); `dashboard.metrics.bucket_counts` turns statuses into the
annual report's buckets, in one place.
"""

from __future__ import annotations

from sqlalchemy import Select, func, literal_column, select

from dashboard.filters import Filters
from dashboard.schema import interpreters, local_governments, organisations, requests
from queries._filters import COMPLETED, filter_requests
from queries._time import brussels_month
from queries.lead_time import lead_band

N = func.count().label("n")
KEYS = {
    "month": lambda: brussels_month(requests.c.requested_at),
    "modality": lambda: requests.c.modality,
    "language_id": lambda: requests.c.language_id,
    "service": lambda: requests.c.service,
    "kind": lambda: interpreters.c.kind,
    "organisation_id": lambda: requests.c.organisation_id,
    "sector": lambda: organisations.c.sector,
    "local_government_id": lambda: organisations.c.local_government_id,
    "region_id": lambda: local_governments.c.region_id,
    "lead_band": lead_band,
}
ORGANISATION_KEYS = {"sector", "local_government_id", "region_id"}


def select_status_counts(filters: Filters, keys: tuple[str, ...] = ()) -> Select:
    """Requests in the slice per status, and per each of `keys`: month, modality, language_id, service, kind (of
    the interpreter who took it, empty for requests without one), organisation_id, sector (empty when not filled
    in), local_government_id and region_id (of the organisation), lead_band (queries.lead_time)."""
    statement = select(*_key_columns(keys), requests.c.status, N).select_from(_requests_joined(keys))
    statement = filter_requests(statement, filters)
    return statement.group_by(*(literal_column(key) for key in keys), requests.c.status)


def select_active_ids(filters: Filters, keys: tuple[str, ...] = ()) -> Select:
    """Distinct interpreter ids (and keys) of completed requests in the slice."""
    statement = (
        select(*_key_columns(keys), requests.c.interpreter_id)
        .select_from(_requests_joined(keys))
        .where(COMPLETED, requests.c.interpreter_id.is_not(None))
        .distinct()
    )
    return filter_requests(statement, filters)


def _key_columns(keys: tuple[str, ...]) -> list:
    return [KEYS[key]().label(key) for key in keys]


def _requests_joined(keys: tuple[str, ...]):
    """`requests` with the tables the keys need: the interpreter for kind, the organisation (and its local
    government) for sector and places."""
    joined = requests
    if "kind" in keys:
        joined = joined.outerjoin(interpreters, interpreters.c.id == requests.c.interpreter_id)
    if ORGANISATION_KEYS & set(keys):
        joined = joined.join(organisations, organisations.c.id == requests.c.organisation_id)
    if "region_id" in keys:
        joined = joined.join(local_governments, local_governments.c.id == organisations.c.local_government_id)
    return joined
