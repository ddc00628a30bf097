"""Cached access to query results: the boundary where statements meet the cache and the aggregate store.

Every entry's key holds the database's identity, the query's name, its arguments (hashable primitives) and the
data version, a cheap probe of the operational database (latest `updated_at` and request id) that is itself
cached for `probe_seconds` and read once per Flask request. A figure is therefore never older than that interval,
and nobody needs a "force refresh". Which months the aggregate store answers is `dashboard/routing.py`; it is
read only when it holds exactly that data version, otherwise (and for the days around its months) the
operational database answers. A cache that fails (Redis down) is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

import pandas as pd
from flask import g, has_request_context
from flask_caching import Cache
from sqlalchemy import Select

from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.routing import Route, route_active, route_counts
from queries.reference import select_data_version, select_languages, select_regions
from queries.requests import select_active_ids, select_status_counts
from queries.store import select_stored_active, select_stored_counts

log = logging.getLogger(__name__)


# Tables the data version does not watch (interpreters, their languages, availability, invitations): what is read
# from them is cached for at most this long (`fetch(..., max_age=UNWATCHED_MAX_AGE)`).
UNWATCHED_MAX_AGE = 300


def probe_version(database: Database) -> str:
    """The data version of the operational database: latest change and latest request id."""
    row = database.frame(select_data_version()).iloc[0]
    return f"{row.iloc[0]}|{row.iloc[1]}"


class DataAccess:
    """Runs query builders through the cache, and reads whole months from the aggregate store when it can."""

    def __init__(
        self,
        database: Database,
        cache: Cache,
        probe_seconds: float = 10.0,
        clock: Callable[[], float] = time.time,
        store=None,
    ):
        self.database = database
        self.cache = cache
        self.probe_seconds = probe_seconds
        self.clock = clock
        self.store = store
        self.identity = hashlib.sha256(database.url.encode()).hexdigest()[:12]

    def fetch(self, builder: Callable[..., Select], *args, max_age: float | None = None) -> pd.DataFrame:
        """The result of `builder(*args)`, from the cache when the data have not changed since. `max_age`
        (seconds) bounds the entry's age too, for tables whose changes the data version does not see
        (availability, interpreters)."""
        return self.remember(builder, args, lambda: self.database.frame(builder(*args)), max_age)

    def remember(self, name, args: tuple, compute: Callable[[], pd.DataFrame], max_age: float | None = None):
        """A result derived in Python (`compute()`), cached like query results: under `name`, `args` and the data
        version, and for at most `max_age` seconds when given."""
        period = () if max_age is None else (int(self.clock() // max_age),)
        return self._memo(name, args + period, compute)

    def status_counts(self, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Requests per status (and `keys`) in the slice."""

        def stored(version: str, months: tuple[str, str]) -> pd.DataFrame | None:
            regions = self._ids(select_regions, filters.region)
            languages = self._ids(select_languages, filters.language)
            return self.store.read(version, select_stored_counts(filters, *months, keys, regions, languages))

        route = route_counts(filters, keys, self.store is not None)
        parts = self._combine("counts", route, filters, keys, stored, select_status_counts)
        return pd.concat(parts, ignore_index=True).groupby([*keys, "status"], as_index=False, dropna=False).n.sum()

    def active_counts(self, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Distinct interpreters of completed requests (column `active_interpreters`), per `keys`."""
        ids = self.active_ids(filters, keys)
        if not keys:
            return pd.DataFrame({"active_interpreters": [len(ids)]})
        return ids.groupby(list(keys), as_index=False).size().rename(columns={"size": "active_interpreters"})

    def active_ids(self, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Distinct (keys, interpreter_id) of completed requests in the slice: a union of interpreter ids, so that
        whole months from the store and days around them combine exactly."""

        def stored(version: str, months: tuple[str, str]) -> pd.DataFrame | None:
            languages = self._ids(select_languages, filters.language)
            return self.store.read(version, select_stored_active(filters, *months, keys, languages))

        route = route_active(filters, keys, self.store is not None)
        ids = pd.concat(self._combine("active", route, filters, keys, stored, select_active_ids), ignore_index=True)
        return ids.drop_duplicates().reset_index(drop=True)

    def _combine(self, name: str, route: Route, filters: Filters, keys, stored, builder) -> list[pd.DataFrame]:
        """The parts of a slice along `route`: the store's months by `stored(version, months)` (cached), the days by
        `builder(filters, keys)` on the operational database. A store behind the data version (None) is not
        cached: the operational database answers for its months meanwhile."""
        parts = []
        if route.months is not None:
            version = self.data_version()
            months = route.months
            part = self._memo(f"store-{name}", (filters, months, keys), lambda: stored(version, months), version)
            if part is None:
                route = Route.database_only(filters)
            else:
                parts.append(part)
        return parts + [self.fetch(builder, filters.with_period(a, b), keys) for a, b in route.days]

    def _ids(self, builder: Callable[[], Select], codes: tuple[str, ...]) -> list[int]:
        table = self.fetch(builder)
        return [int(i) for i in table.loc[table.code.isin(codes), "id"]]

    def _memo(self, function, args: tuple, compute: Callable[[], pd.DataFrame | None], version: str | None = None):
        key = self._key(function, args, version or self.data_version())
        cached = self.cache_get(key)
        if cached is not None:
            return cached
        result = compute()
        if result is not None:
            self.cache_set(key, result)
        return result

    def data_version(self) -> str:
        """The data version: read once per Flask request (and kept for the rest of it, so that every figure of
        one answer is of one version), and probed at most once every `probe_seconds`."""
        if not has_request_context():
            return self._recent_version()
        versions = g.setdefault("stv_data_versions", {})
        if self not in versions:
            versions[self] = self._recent_version()
        return versions[self]

    def _recent_version(self) -> str:
        """The data version probed within the last `probe_seconds` (a fresh probe otherwise, which also nudges
        the store to sync to it)."""
        entry = self.cache_get(self._version_key)
        now = self.clock()
        if entry is not None and now - entry[0] < self.probe_seconds:
            return entry[1]
        version = probe_version(self.database)
        if self.store is not None:
            self.store.request_sync(version)
        self.cache_set(self._version_key, (now, version))
        return version

    @property
    def _version_key(self) -> str:
        return f"data-version:{self.identity}"

    def _key(self, function, args: tuple, version: str) -> str:
        name = function if isinstance(function, str) else f"{function.__module__}.{function.__qualname__}"
        parts = repr((self.identity, name, [_plain(a) for a in args], version))
        return "q:" + hashlib.sha256(parts.encode()).hexdigest()

    def cache_get(self, key: str):
        """The cached value under `key`, or None (also when the cache is down)."""
        try:
            return self.cache.get(key)
        except Exception:  # noqa: BLE001 - a broken cache must not break a page
            log.warning("cache unavailable; computing without it", exc_info=True)
            return None

    def cache_set(self, key: str, value, timeout: int | None = None) -> None:
        """Keep `value` under `key` (for `timeout` seconds, or the cache's default; silently not when the
        cache is down)."""
        try:
            self.cache.set(key, value, timeout=timeout)
        except Exception:  # noqa: BLE001 - a broken cache must not break a page
            log.warning("cache unavailable; result not kept", exc_info=True)


def _plain(value):
    """Hashable primitives for the key: filters by their normalised key."""
    return value.key() if hasattr(value, "key") else value
