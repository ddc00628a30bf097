"""The dashboard's own aggregate store: exact monthly counts in a SQLite file beside the cache.

Counts per Brussels month x region x sector x language x modality x service x interpreter kind x status are
far fewer rows than requests, so long periods (the board's trends since 2019) answer in milliseconds. The store
is refreshed incrementally: only the months whose requests changed since the last watermark (`updated_at`) are
recomputed, and everything is rebuilt when the organisations' regions and sectors or the interpreters' kinds
change. Partial months at the edges of a period are read from the operational database, so figures stay exact
to the day. The operational database is only read.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, delete, event, func, insert, select

from dashboard.db import Database
from dashboard.filters import Filters
from dashboard.periods import month_end, utc_bounds
from dashboard.schema import requests
from queries.rollup import (
    ROLLUPS,
    monthly_active,
    monthly_counts,
    select_activity,
    select_changed_months,
    select_narrow_rollups,
    select_stored_active,
    select_dimensions,
    select_rollup,
    select_stored_counts,
    store_metadata,
    store_state,
)


class AggregateStore:
    """Monthly counts derived from one operational database, kept in step with it by `sync`."""

    def __init__(self, path: Path, source: Database):
        self.path = path
        self.source = source
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(f"sqlite:///{path}")
        event.listen(self.engine, "connect", _sqlite_pragmas)
        store_metadata.create_all(self.engine)

    def sync(self) -> None:
        """Bring the store up to date: rebuild when new or when dimensions changed, else the changed months."""
        with self._exclusive():
            state = self._state()
            mark = self.source.frame(select(func.max(requests.c.updated_at))).iloc[0, 0]
            dimensions = self._fingerprint()
            if state.get("dimensions") != dimensions or "watermark" not in state:
                self._replace(self.source.frame(select_rollup()), self.source.frame(select_activity()), months=None)
            elif state["watermark"]:
                since = datetime.fromisoformat(state["watermark"])
                for month in self.source.frame(select_changed_months(since)).month:
                    first = date.fromisoformat(month + "-01")
                    bounds = utc_bounds(first, month_end(first))
                    self._replace(self.source.frame(select_rollup(*bounds)), self.source.frame(select_activity(*bounds)),
                                  months=[month])
            self._write_state(watermark=_iso(mark), dimensions=dimensions)

    def counts(self, filters: Filters, first_month: str, last_month: str, keys: Sequence[str],
               region_ids: Sequence[int], language_ids: Sequence[int]) -> pd.DataFrame:
        """Requests per status (and keys) for whole months, from the store."""
        statement = select_stored_counts(filters, first_month, last_month, keys, region_ids, language_ids)
        with self.engine.connect() as conn:
            result = conn.execute(statement)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def active(self, filters: Filters, first_month: str, last_month: str, keys: Sequence[str],
               language_ids: Sequence[int]) -> pd.DataFrame:
        """Distinct active interpreter ids (and keys) in whole months, from the store."""
        with self.engine.connect() as conn:
            result = conn.execute(select_stored_active(filters, first_month, last_month, keys, language_ids))
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def _replace(self, rows: pd.DataFrame, active: pd.DataFrame, months: list[str] | None) -> None:
        """Put `rows` and `active` in place of `months` (None: everything), and derive the narrow rollups."""
        with self.engine.begin() as conn:
            for table in (*ROLLUPS, monthly_active):
                conn.execute(delete(table) if months is None else delete(table).where(table.c.month.in_(months)))
            for table, frame in ((monthly_counts, rows), (monthly_active, active)):
                if not frame.empty:
                    conn.execute(insert(table), frame.astype(object).where(frame.notna(), None).to_dict("records"))
            for statement in select_narrow_rollups(months):
                conn.execute(statement)

    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for statement in select_dimensions():
            digest.update(self.source.frame(statement).to_csv(index=False).encode())
        return digest.hexdigest()

    def _state(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(store_state.c.key, store_state.c.value)).all())

    def _write_state(self, **values: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(store_state))
            conn.execute(insert(store_state), [{"key": k, "value": v} for k, v in values.items()])

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One refresher at a time, across threads and worker processes."""
        with open(self.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA busy_timeout=30000")


def _iso(moment) -> str:
    """A watermark as ISO text in UTC ('' when the source has no requests)."""
    if moment is None or pd.isna(moment):
        return ""
    moment = pd.Timestamp(moment).to_pydatetime()
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat()


def store_path(cache_dir: Path, database_url: str) -> Path:
    """Where the store of a database lives: one file per database URL under the cache folder."""
    return cache_dir / f"aggregates-{hashlib.sha256(database_url.encode()).hexdigest()[:12]}.sqlite"
