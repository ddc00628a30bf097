"""Store routing: which whole months of a slice the aggregate store answers, and which days the operational database.

The store answers the whole Brussels months inside the period, and only when its tables hold every dimension the
filters and keys use (`queries.store.rollup_for` for counts, `can_count_active` for active interpreters); the days
before the first and after the last whole month come from the operational database. When the store cannot answer
(no store, no whole month in the period, or a dimension it does not keep, such as the organisation), the route
says so up front and the whole period goes to the operational database: nothing is looked up in the cache for a
store result that can never be there. That the store may be behind the data version is found only on reading it
(`AggregateStore.counts` returns None), and then `Route.database_only` answers instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.filters import Filters
from dashboard.periods import split_by_months
from queries.store import can_count_active, rollup_for


@dataclass(frozen=True)
class Route:
    """Where a slice's figures come from: `months` (first, last `YYYY-MM`) from the store, or None when the store
    cannot answer; `days` (first, last date ranges) from the operational database."""

    months: tuple[str, str] | None
    days: tuple[tuple[date, date], ...]

    @staticmethod
    def database_only(filters: Filters) -> Route:
        """The whole period from the operational database."""
        return Route(None, ((filters.start, filters.end),))


def route(filters: Filters, store_keeps_it: bool) -> Route:
    """The store's whole months and the operational database's days, when the store keeps what the slice needs."""
    months, edges = split_by_months(filters.start, filters.end)
    if months is None or not store_keeps_it:
        return Route.database_only(filters)
    return Route(months, tuple(edges))


def route_counts(filters: Filters, keys: Sequence[str], has_store: bool) -> Route:
    """The route of requests per status (and `keys`)."""
    return route(filters, has_store and rollup_for(filters, keys) is not None)


def route_active(filters: Filters, keys: Sequence[str], has_store: bool) -> Route:
    """The route of the active interpreters (and `keys`)."""
    return route(filters, has_store and can_count_active(filters, keys))
