"""Request counts by status: for a slice, per month and modality, per language.

SQL only counts per status (one cheap GROUP BY); `dashboard.metrics.bucket_counts` turns statuses into the
annual report's buckets, in one place.
"""

from __future__ import annotations

from sqlalchemy import Select, func, literal_column, select

from dashboard.filters import Filters
from dashboard.schema import interpreters, requests
from queries._filters import filter_requests
from queries._time import brussels_month

N = func.count().label("n")
KEYS = {"month": lambda: brussels_month(requests.c.requested_at), "modality": lambda: requests.c.modality,
        "language_id": lambda: requests.c.language_id, "service": lambda: requests.c.service,
        "kind": lambda: interpreters.c.kind}


def select_status_counts(filters: Filters, keys: tuple[str, ...] = ()) -> Select:
    """Requests in the slice per status, and per each of `keys` (month, modality, language_id, service, and
    kind: the kind of the interpreter who took it, empty for requests without one)."""
    key_columns = [KEYS[key]().label(key) for key in keys]
    statement = select(*key_columns, requests.c.status, N)
    if "kind" in keys:
        statement = statement.select_from(
            requests.outerjoin(interpreters, interpreters.c.id == requests.c.interpreter_id))
    statement = filter_requests(statement, filters)
    return statement.group_by(*(literal_column(key) for key in keys), requests.c.status)


def select_active_ids(filters: Filters, keys: tuple[str, ...] = ()) -> Select:
    """Distinct interpreter ids (and keys) of completed requests in the slice."""
    statement = select(*(KEYS[key]().label(key) for key in keys), requests.c.interpreter_id).where(
        requests.c.status == "completed", requests.c.interpreter_id.is_not(None)).distinct()
    return filter_requests(statement, filters)
