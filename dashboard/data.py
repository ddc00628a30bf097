"""Cached access to query results: the boundary where statements meet the cache.

Every entry's key holds the query's name, its arguments (hashable primitives) and the data version, a cheap
probe of the operational database (latest `updated_at` and request id) that is itself cached for
`probe_seconds`. A figure is therefore never older than that interval, and nobody needs a "force refresh".
When the version moves, the aggregate store (if any) is synced first, so no key of a new version ever holds
counts from before it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import pandas as pd
from flask_caching import Cache
from sqlalchemy import Select

from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.periods import split_by_months
from queries.reference import select_data_version, select_languages, select_regions
from queries.rollup import can_count_active
from queries.requests import select_active_ids, select_status_counts

VERSION_KEY = "data-version"


class DataAccess:
    """Runs query builders through the cache."""

    def __init__(self, database: Database, cache: Cache, probe_seconds: float = 10.0,
                 clock: Callable[[], float] = time.time, store=None):
        self.database = database
        self.cache = cache
        self.probe_seconds = probe_seconds
        self.clock = clock
        self.store = store

    def fetch(self, builder: Callable[..., Select], *args) -> pd.DataFrame:
        """The result of `builder(*args)`, from the cache when the data have not changed since."""
        return self._memo(builder, args, lambda: self.database.frame(builder(*args)))

    def status_counts(self, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Requests per status (and `keys`) in the slice: whole months from the aggregate store when there is
        one, the days around them (or everything, without a store) from the operational database."""
        whole, edges = split_by_months(filters.start, filters.end)
        if whole and self.store is None:
            edges, whole = [(filters.start, filters.end)], None
        parts = [self.fetch(select_status_counts, filters.with_period(a, b), keys) for a, b in edges]
        if whole:
            parts.append(self._memo(self.store.counts, (filters, whole, keys), lambda: self.store.counts(
                filters, *whole, keys, self._ids(select_regions, filters.region),
                self._ids(select_languages, filters.language))))
        counts = pd.concat(parts, ignore_index=True)
        return counts.groupby([*keys, "status"], as_index=False, dropna=False).n.sum()

    def active_counts(self, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
        """Distinct interpreters of completed requests (column `active_interpreters`), per `keys`.

        A union of interpreter ids: from the store for whole months where it holds the filters used, from the
        operational database for the rest.
        """
        whole, edges = split_by_months(filters.start, filters.end)
        if not whole or self.store is None or not can_count_active(filters, keys):
            edges, whole = [(filters.start, filters.end)], None
        parts = [self.fetch(select_active_ids, filters.with_period(a, b), keys) for a, b in edges]
        if whole:
            parts.append(self._memo(self.store.active, (filters, whole, keys), lambda: self.store.active(
                filters, *whole, keys, self._ids(select_languages, filters.language))))
        ids = pd.concat(parts, ignore_index=True).drop_duplicates()
        if not keys:
            return pd.DataFrame({"active_interpreters": [len(ids)]})
        return ids.groupby(list(keys), as_index=False).size().rename(columns={"size": "active_interpreters"})

    def _ids(self, builder: Callable[[], Select], codes: tuple[str, ...]) -> list[int]:
        table = self.fetch(builder)
        return [int(i) for i in table.loc[table.code.isin(codes), "id"]]

    def _memo(self, function: Callable, args: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        key = self._key(function, args, self.data_version())
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        result = compute()
        self.cache.set(key, result)
        return result

    def data_version(self) -> str:
        """The data version, probed at most once every `probe_seconds`."""
        entry = self.cache.get(VERSION_KEY)
        now = self.clock()
        if entry is not None and now - entry[0] < self.probe_seconds:
            return entry[1]
        row = self.database.frame(select_data_version()).iloc[0]
        version = f"{row.iloc[0]}|{row.iloc[1]}"
        if self.store is not None and (entry is None or entry[1] != version):
            self.store.sync()
        self.cache.set(VERSION_KEY, (now, version))
        return version

    @staticmethod
    def _key(builder: Callable, args: tuple, version: str) -> str:
        parts = repr((builder.__module__, builder.__qualname__, [_plain(a) for a in args], version))
        return "q:" + hashlib.sha256(parts.encode()).hexdigest()


def _plain(value):
    """Hashable primitives for the key: filters by their normalised key."""
    return value.key() if hasattr(value, "key") else value
