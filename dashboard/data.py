"""Cached access to query results: the boundary where statements meet the cache.

Every entry's key holds the query's name, its arguments (hashable primitives) and the data version, a cheap
probe of the operational database (latest `updated_at` and request id) that is itself cached for
`probe_seconds`. A figure is therefore never older than that interval, and nobody needs a "force refresh".
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import pandas as pd
from flask_caching import Cache
from sqlalchemy import Select

from dashboard.db import Database
from queries.reference import select_data_version

VERSION_KEY = "data-version"


class DataAccess:
    """Runs query builders through the cache."""

    def __init__(self, database: Database, cache: Cache, probe_seconds: float = 10.0,
                 clock: Callable[[], float] = time.time):
        self.database = database
        self.cache = cache
        self.probe_seconds = probe_seconds
        self.clock = clock

    def fetch(self, builder: Callable[..., Select], *args) -> pd.DataFrame:
        """The result of `builder(*args)`, from the cache when the data have not changed since."""
        key = self._key(builder, args, self.data_version())
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        result = self.database.frame(builder(*args))
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
        self.cache.set(VERSION_KEY, (now, version))
        return version

    @staticmethod
    def _key(builder: Callable, args: tuple, version: str) -> str:
        parts = repr((builder.__module__, builder.__qualname__, [_plain(a) for a in args], version))
        return "q:" + hashlib.sha256(parts.encode()).hexdigest()


def _plain(value):
    """Hashable primitives for the key: filters by their normalised key."""
    return value.key() if hasattr(value, "key") else value
