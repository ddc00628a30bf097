"""Cached access to query results: the boundary where statements meet the cache and the aggregate store.

Every entry's key holds the database's identity, the query's name, its arguments (hashable primitives) and the
data version, a cheap probe of the operational database (`probe_version`: the number of requests, the latest id,
the latest `updated_at` that is not more than an hour in the future, and a digest of the changes committed within
15 minutes of it), probed once per `probe_seconds` slot of the clock for every worker sharing the cache, and read
once per Flask request. A figure is therefore never older than that interval, every worker serves the same one,
and nobody needs a "force refresh". Which months the aggregate store answers is `dashboard/routing.py`; it is
read only when it holds exactly that data version, otherwise (and for the days around its months) the
operational database answers. A cache that fails (Redis down) is skipped, and a database that cannot be read
leaves the figures of the last version read on show (`dashboard/outages.py`).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from flask import g, has_request_context
from flask_caching import Cache
from sqlalchemy import Select

from dashboard import outages, output_cache
from dashboard.cache import add_once
from dashboard.db import Database, DatabaseUnavailable, QueryTimeout
from dashboard.filters import Filters
from dashboard.outages import CacheHealth, Outage
from dashboard.routing import Route, route_active, route_counts
from queries._order import in_stable_order
from queries.reference import (
    LATE_COMMIT_MARGIN,
    believed_until,
    select_data_version,
    select_languages,
    select_recent_changes,
    select_regions,
)
from queries.requests import select_active_ids, select_status_counts
from queries.store import select_stored_active, select_stored_counts

log = logging.getLogger(__name__)


# Tables the data version does not watch (interpreters, their languages, availability, invitations): what is read
# from them is cached for at most this long (`fetch(..., max_age=UNWATCHED_MAX_AGE)`).
UNWATCHED_MAX_AGE = 300


def probe_version(database: Database, now: datetime | None = None) -> str:
    """The data version of the operational database: how many requests, the latest id, the latest change that is
    not in the future (`believed_until`) and a digest of the changes within `LATE_COMMIT_MARGIN` of it.

    The count moves on an insert or a delete, the latest change on an ordinary update; the digest on a change
    committed late with an older `updated_at` (it moves none of the others). A row dated beyond the ceiling (a
    data error, counted on /data-quality) is left out, so it cannot freeze the version. Two index look-ups and a
    short range of the updated_at index, in one transaction (one snapshot in SQLite)."""
    ceiling = believed_until(now)
    with database.transaction() as transaction:
        count, last_id, latest = transaction.frame(select_data_version(ceiling)).iloc[0]
        recent = (
            transaction.frame(select_recent_changes(_utc(latest) - LATE_COMMIT_MARGIN, ceiling))
            if latest is not None and not pd.isna(latest)
            else None
        )
    digest = "" if recent is None else hashlib.sha256(recent.to_csv(index=False).encode()).hexdigest()[:16]
    return f"{count}|{last_id}|{latest}|{digest}"


def _utc(moment) -> datetime:
    moment = pd.Timestamp(moment).to_pydatetime()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class DataAccess:
    """Runs query builders through the cache, and reads whole months from the aggregate store when it can."""

    def __init__(
        self,
        database: Database,
        cache: Cache,
        probe_seconds: float = 10.0,
        clock: Callable[[], float] = time.time,
        store=None,
        now: Callable[[], datetime] | None = None,
        replica=None,
    ):
        self.database = database
        self.cache = cache
        self.probe_seconds = probe_seconds
        self.clock = clock
        self.store = store
        self.replica = replica
        self.now = now or (lambda: datetime.now(UTC))
        self.identity = hashlib.sha256(database.url.encode()).hexdigest()[:12]
        self.cache_health = CacheHealth(probe_seconds, clock)
        self._local: dict[str, object] = {}  # the shared entries of the version and outages, while the cache is down
        self._lock = threading.Lock()
        self._outage: Outage | None = None

    def fetch(self, builder: Callable[..., Select], *args, max_age: float | None = None) -> pd.DataFrame:
        """The result of `builder(*args)`, from the cache when the data have not changed since. `max_age`
        (seconds) bounds the entry's age too, for tables whose changes the data version does not see
        (availability, interpreters)."""
        return self.remember(builder, args, lambda: self._read(builder(*args), max_age), max_age)

    def _read(self, statement: Select, max_age: float | None = None) -> pd.DataFrame:
        """`statement` on the replica when it holds the data version (and, with `max_age`, was copied within the
        current slot of that age), else on the operational database. A failure to reach that starts the outage at
        once rather than at the next probe, so that /healthz, the banner and the exports agree with what this
        answer met (a statement stopped for taking too long is no outage)."""
        statement = in_stable_order(statement)
        if self.replica is not None:
            answer = self._from_replica(statement, max_age)
            if answer is not None:
                return answer
        try:
            return self.database.frame(statement)
        except QueryTimeout:
            raise
        except DatabaseUnavailable as error:
            self._noticed_unreachable(error)
            raise

    def _from_replica(self, statement: Select, max_age: float | None) -> pd.DataFrame | None:
        try:
            version = self.data_version()
        except DatabaseUnavailable:
            return None  # no version read yet: the operational database's error is the one to show
        copied_since = None if max_age is None else self.clock() // max_age * max_age
        return self.replica.frame(version, statement, copied_since)

    def _noticed_unreachable(self, error: DatabaseUnavailable) -> None:
        """A query failed between two probes: the probe slot's entry becomes the failure (the next slot probes
        afresh, which ends the outage if the database answers again)."""
        entry = {"up": False, "at": time.time(), "error": str(error)}
        self._shared_set(self._slot_key(), entry, timeout=int(self.probe_seconds * 3) + 1)
        self._after_probe(entry)
        try:
            self._settle(entry)
        except DatabaseUnavailable:
            pass  # nothing read before: the caller's error says so

    def remember(self, name, args: tuple, compute: Callable[[], pd.DataFrame], max_age: float | None = None):
        """A result derived in Python (`compute()`), cached like query results: under `name`, `args` and the data
        version, and for at most `max_age` seconds when given."""
        period = () if max_age is None else (int(self.clock() // max_age),)
        if max_age is not None:  # a page's answer built on it holds as long as this entry: to its slot's end
            output_cache.keep_until((period[0] + 1) * max_age)
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
        one answer is of one version), and probed at most once every `probe_seconds`. While the operational
        database cannot be read, the last version read (so cached figures of it are served); DatabaseUnavailable
        when there is none."""
        if not has_request_context():
            return self._recent_version()
        versions = g.setdefault("stv_data_versions", {})
        if self not in versions:
            versions[self] = self._recent_version()
        return versions[self]

    def outage(self) -> Outage | None:
        """The outage of the operational database going on (as of this request's version), or None."""
        try:
            self.data_version()
        except DatabaseUnavailable:
            pass
        return self._outage

    def health(self) -> dict[str, str]:
        """The state of the parts, for monitoring (no data): `database` ok or unreachable, `cache` ok or
        unreachable, `store` current (holds this data version), syncing, off (none) or unreachable, `replica`
        current, syncing or off."""
        outage = self.outage()
        cache = "ok" if self.cache_health.down_since is None else "unreachable"
        try:
            version = self.data_version()
        except DatabaseUnavailable:
            version = None  # nothing read yet
        store = "off" if self.store is None else self.store.state_for(version)
        replica = "off" if self.replica is None else self.replica.state_for(version)
        return {"database": "unreachable" if outage else "ok", "cache": cache, "store": store, "replica": replica}

    def _recent_version(self) -> str:
        """The version of the current probe slot: one probe per `probe_seconds` slot of the clock, shared by every
        worker and host on the cache (the first to add its result wins and all serve that), so none serves an
        older version than another for longer than an instant."""
        key = self._slot_key()
        entry = self._shared_get(key)
        if entry is None:
            entry = self._probe()
            if self._shared_add(key, entry, timeout=int(self.probe_seconds * 3) + 1):
                self._after_probe(entry)
            else:
                entry = self._shared_get(key) or entry
        return self._settle(entry)

    def _slot_key(self) -> str:
        return f"data-version:{self.identity}:{int(self.clock() // self.probe_seconds)}"

    def _probe(self) -> dict:
        try:
            version = probe_version(self.database, self.now())
        except DatabaseUnavailable as error:
            return {"up": False, "at": time.time(), "error": str(error)}
        for derived in (self.store, self.replica):
            if derived is not None:
                derived.request_sync(version)  # nudge the store and the replica to sync to it
        return {"up": True, "at": time.time(), "version": version}

    def _after_probe(self, entry: dict) -> None:
        """The prober of a slot keeps the last good version, and starts or ends the outage (its log line)."""
        if entry["up"]:
            self._shared_set(self._key_of("good"), {"version": entry["version"], "at": entry["at"]})
            started = self._shared_get(self._key_of("outage"))
            if started is not None:
                outages.database_back(started["since"], self._shared_delete(self._key_of("outage")))
        else:
            first = self._shared_add(self._key_of("outage"), {"since": entry["at"]}, timeout=None)
            outages.database_down(entry["at"], entry["error"], first)

    def _settle(self, entry: dict) -> str:
        if entry["up"]:
            self._outage = None
            return entry["version"]
        started = self._shared_get(self._key_of("outage")) or {"since": entry["at"]}
        good = self._shared_get(self._key_of("good"))
        self._outage = Outage(started["since"], None if good is None else good["at"])
        if good is None:
            raise DatabaseUnavailable(entry["error"])
        return good["version"]

    def _key_of(self, name: str) -> str:
        return f"data-{name}:{self.identity}"

    # --- the shared cache, with a process-local stand-in while it is down -----------------------------------

    def _shared_get(self, key: str):
        value = self.cache_get(key)
        return value if value is not None or self.cache_health.down_since is None else self._local.get(key)

    def _shared_add(self, key: str, value, timeout: int | None) -> bool:
        """Keep `value` under `key` unless something is there already; whether it was kept."""
        if self.cache_health.usable:
            try:
                added = add_once(self.cache, key, value, timeout)
            except Exception as error:  # noqa: BLE001
                self.cache_health.failed(error)
            else:
                self.cache_health.answered()
                return bool(added)
        with self._lock:
            if key.startswith("data-version:"):  # only the current slot's entry is worth keeping
                for old in [k for k in self._local if k.startswith("data-version:") and k != key]:
                    del self._local[old]
            if key in self._local:
                return False
            self._local[key] = value
            return True

    def _shared_set(self, key: str, value, timeout: int | None = None) -> None:
        self._local[key] = value
        self.cache_set(key, value, timeout)

    def _shared_delete(self, key: str) -> bool:
        """Remove `key`; whether this call removed it."""
        local = self._local.pop(key, None) is not None
        if self.cache_health.usable:
            try:
                deleted = self.cache.delete(key)
            except Exception as error:  # noqa: BLE001
                self.cache_health.failed(error)
            else:
                self.cache_health.answered()
                return bool(deleted)
        return local

    def _key(self, function, args: tuple, version: str) -> str:
        name = function if isinstance(function, str) else f"{function.__module__}.{function.__qualname__}"
        parts = repr((self.identity, name, [_plain(a) for a in args], version))
        return "q:" + hashlib.sha256(parts.encode()).hexdigest()

    def cache_get(self, key: str):
        """The cached value under `key`, or None (also when the cache is down: dashboard.outages)."""
        if not self.cache_health.usable:
            return None
        try:
            value = self.cache.get(key)
        except Exception as error:  # noqa: BLE001 - a broken cache must not break a page
            self.cache_health.failed(error)
            return None
        self.cache_health.answered()
        return value

    def cache_set(self, key: str, value, timeout: int | None = None) -> None:
        """Keep `value` under `key` (for `timeout` seconds, or the cache's default; not when the cache is down)."""
        if not self.cache_health.usable:
            return
        try:
            self.cache.set(key, value, timeout=timeout)
        except TypeError:
            raise  # a value the cache cannot hold as data (dashboard.cache): a bug, not an outage
        except Exception as error:  # noqa: BLE001 - a broken cache must not break a page
            self.cache_health.failed(error)
            return
        self.cache_health.answered()


def _plain(value):
    """Hashable primitives for the key: filters by their normalised key."""
    return value.key() if hasattr(value, "key") else value
