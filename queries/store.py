"""The aggregate store's tables and every statement about it: building monthly counts from the operational
database, finding what changed, writing the counts and the store's state, and reading them back.

`dashboard/store.py` runs these through the one executor (`dashboard.db.Database`); `dashboard/routing.py` asks
`rollup_for` and `can_count_active` whether the store can answer a slice at all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    Column,
    Delete,
    Index,
    Insert,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
)

from dashboard.filters import Filters
from dashboard.schema import UTC_TIMESTAMP, interpreters, local_governments, organisations, requests
from queries._time import brussels_month

store_metadata = MetaData()
FULL_DIMENSIONS = ("region_id", "sector", "language_id", "modality", "service", "kind")


def _counts_table(name: str, dimensions: tuple[str, ...]) -> Table:
    types = {
        "region_id": Integer,
        "sector": String(20),
        "language_id": Integer,
        "modality": String(12),
        "service": String(12),
        "kind": String(12),
    }
    return Table(
        name,
        store_metadata,
        Column("month", String(7), nullable=False),
        *(Column(d, types[d]) for d in dimensions),
        Column("status", String(32), nullable=False),
        Column("n", Integer, nullable=False),
        Index(f"ix_{name}_month", "month"),
    )


monthly_counts = _counts_table("monthly_counts", FULL_DIMENSIONS)
Index("ix_monthly_counts_region_month", monthly_counts.c.region_id, monthly_counts.c.month)  # region filters
Index("ix_monthly_counts_language_month", monthly_counts.c.language_id, monthly_counts.c.month)  # language filters
# Narrow rollups of the full one, smallest first: a query reads the first whose dimensions it needs no more than.
ROLLUPS = (
    _counts_table("monthly_counts_by_modality", ("modality",)),
    _counts_table("monthly_counts_by_language", ("language_id", "modality")),
    monthly_counts,
)
FILTER_DIMENSIONS = {
    "region": "region_id",
    "language": "language_id",
    "modality": "modality",
    "sector": "sector",
    "service": "service",
    "kind": "kind",
}
# Who carried out a completed request, per month, language and modality: distinct counts cannot be summed from
# counts, so active interpreters are counted as a union of these ids (and those of the days around them).
monthly_active = Table(
    "monthly_active",
    store_metadata,
    Column("month", String(7), nullable=False),
    Column("language_id", Integer),
    Column("modality", String(12)),
    Column("interpreter_id", Integer, nullable=False),
    Index("ix_monthly_active_covering", "month", "language_id", "modality", "interpreter_id"),
)
ACTIVE_FILTERS = ("language", "modality")
store_state = Table(
    "store_state", store_metadata, Column("key", String(40), primary_key=True), Column("value", String(200))
)


def rollup_for(filters: Filters, keys: Sequence[str]) -> Table | None:
    """The smallest rollup holding every dimension the filters and keys use (None: no rollup has them all, e.g.
    per organisation)."""
    if not within_scope(filters):
        return None
    needed = {FILTER_DIMENSIONS[name] for name in FILTER_DIMENSIONS if getattr(filters, name)} | set(keys)
    return next((table for table in ROLLUPS if needed <= set(table.c.keys())), None)


def within_scope(filters: Filters) -> bool:
    """Whether the filters alone keep to the account's scope, so the store (which knows nothing of accounts) may
    answer: no organisation scope, and a region filter inside the regions of the scope."""
    scope = filters.scope
    if scope.organisation is not None:
        return False
    return not scope.regions or (bool(filters.region) and set(filters.region) <= set(scope.regions))


def narrow_rollup_inserts(months: Sequence[str] | None) -> list:
    """INSERT … SELECT statements that fill the narrow rollups from the full one (for `months`, or all)."""
    statements = []
    for table in ROLLUPS[:-1]:
        dimensions = [monthly_counts.c[d] for d in table.c.keys() if d not in ("n",)]
        source = select(*dimensions, func.sum(monthly_counts.c.n)).group_by(*dimensions)
        if months is not None:
            source = source.where(monthly_counts.c.month.in_(months))
        statements.append(table.insert().from_select(list(table.c.keys()), source))
    return statements


def select_rollup(start: datetime | None = None, end: datetime | None = None) -> Select:
    """Monthly counts per region, sector, language, modality, service, interpreter kind and status, from the
    operational tables; only requests made in [start, end) (UTC) when given."""
    dimensions = (
        local_governments.c.region_id,
        organisations.c.sector,
        requests.c.language_id,
        requests.c.modality,
        requests.c.service,
        interpreters.c.kind,
        requests.c.status,
    )
    statement = (
        select(brussels_month(requests.c.requested_at).label("month"), *dimensions, func.count().label("n"))
        .join_from(requests, organisations, organisations.c.id == requests.c.organisation_id)
        .join(local_governments, local_governments.c.id == organisations.c.local_government_id)
        .outerjoin(interpreters, interpreters.c.id == requests.c.interpreter_id)
        .group_by(literal_column("month"), *dimensions)
    )
    if start is not None:
        statement = statement.where(requests.c.requested_at >= start, requests.c.requested_at < end)
    return statement


def select_activity(start: datetime | None = None, end: datetime | None = None) -> Select:
    """Distinct (month, language, modality, interpreter) of completed requests, in [start, end) when given."""
    statement = (
        select(
            brussels_month(requests.c.requested_at).label("month"),
            requests.c.language_id,
            requests.c.modality,
            requests.c.interpreter_id,
        )
        .where(requests.c.status == "completed", requests.c.interpreter_id.is_not(None))
        .distinct()
    )
    if start is not None:
        statement = statement.where(requests.c.requested_at >= start, requests.c.requested_at < end)
    return statement


def can_count_active(filters: Filters, keys: Sequence[str]) -> bool:
    """Whether `monthly_active` holds what these filters and keys need."""
    other = [n for n in FILTER_DIMENSIONS if getattr(filters, n) and n not in ACTIVE_FILTERS]
    return not other and filters.scope.unlimited and set(keys) <= {"language_id"}


def select_stored_active(
    filters: Filters, first_month: str, last_month: str, keys: Sequence[str], language_ids: Sequence[int]
) -> Select:
    """Distinct interpreter ids (and keys) active in whole months [first_month, last_month]."""
    statement = (
        select(*(monthly_active.c[k] for k in keys), monthly_active.c.interpreter_id)
        .where(monthly_active.c.month >= first_month, monthly_active.c.month <= last_month)
        .distinct()
    )
    if filters.language:
        statement = statement.where(monthly_active.c.language_id.in_(language_ids))
    if filters.modality:
        statement = statement.where(monthly_active.c.modality.in_(filters.modality))
    return statement


def select_changed_months(since: datetime) -> Select:
    """Brussels months of the requests changed at or after `since` (by the index on updated_at)."""
    return (
        select(brussels_month(requests.c.requested_at).label("month")).where(requests.c.updated_at >= since).distinct()
    )


def select_dimensions() -> list[Select]:
    """What the store copies from the small tables (region and sector of organisations, interpreter kinds)."""
    return [
        select(organisations.c.id, organisations.c.sector, local_governments.c.region_id)
        .join_from(organisations, local_governments, local_governments.c.id == organisations.c.local_government_id)
        .order_by(organisations.c.id),
        select(interpreters.c.id, interpreters.c.kind).order_by(interpreters.c.id),
    ]


def select_stored_counts(
    filters: Filters,
    first_month: str,
    last_month: str,
    keys: Sequence[str],
    region_ids: Sequence[int],
    language_ids: Sequence[int],
) -> Select:
    """Counts per status (and `keys`) from the store for whole months [first_month, last_month]."""
    table = rollup_for(filters, keys)
    key_columns = [table.c[key] for key in keys]
    statement = select(*key_columns, table.c.status, func.sum(table.c.n).label("n")).where(
        table.c.month >= first_month, table.c.month <= last_month
    )
    chosen = {"region": region_ids, "language": language_ids}
    for name, column in FILTER_DIMENSIONS.items():
        if getattr(filters, name):
            statement = statement.where(table.c[column].in_(chosen.get(name, getattr(filters, name))))
    return statement.group_by(*key_columns, table.c.status)


def select_latest_change(ceiling: datetime) -> Select:
    """The latest `updated_at` of the operational requests up to `ceiling` (later ones are data errors): the
    watermark a sync reaches."""
    return select(func.max(requests.c.updated_at)).where(requests.c.updated_at <= literal(ceiling, UTC_TIMESTAMP))


def select_state() -> Select:
    """The store's state: key and value (data version, watermark, dimensions fingerprint, time of the last rebuild)."""
    return select(store_state.c.key, store_state.c.value)


def select_synced_version() -> Select:
    """The data version the store was last synced to."""
    return select(store_state.c.value).where(store_state.c.key == "version")


def delete_state() -> Delete:
    """Forget the store's state (before writing the new one)."""
    return delete(store_state)


def delete_months(table: Table, months: Sequence[str] | None) -> Delete:
    """The rows of `table` for `months` (None: every row)."""
    return delete(table) if months is None else delete(table).where(table.c.month.in_(months))


def insert_rows(table: Table) -> Insert:
    """Rows of `table` (run with the rows as dictionaries; the state's as `{"key": …, "value": …}`)."""
    return insert(table)
