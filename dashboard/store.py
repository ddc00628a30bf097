"""The dashboard's own aggregate store: exact monthly counts in a SQLite file of its own (never the cache's folder).

Counts per Brussels month x region x sector x language x modality x service x interpreter kind x status, two
narrow rollups of them, and who was active each month, answer long periods in milliseconds. Partial months at
the edges of a period are read from the operational database, so figures stay exact to the day.

Correctness does not depend on timing: the store records the data version it was synced to, and readers use it only
when that is the version they are answering for; otherwise they compute from the operational database. Syncing runs
in a background thread (one refresher at a time across workers, by a file lock: `dashboard/refresher.py`), so no
request waits for it. A sync recomputes the months whose requests changed since the last watermark (minus a margin
for late commits). The watermark is the latest `updated_at` up to an hour past now
(`queries.reference.believed_until`), so that a row dated in the future cannot hold it still. A full rebuild runs
when the store is new or empty, when the organisations' regions and sectors or the interpreters' kinds changed, and
at least every `REBUILD_SECONDS`, which also heals what `updated_at` cannot show (deleted requests, corrected
request dates).

The store's tables and statements are in `queries/store.py`; both databases are run through `dashboard.db.Database`.
Which slices the store can answer, and which days around its months the operational database adds, is
`dashboard/routing.py`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from dashboard.db import BACKGROUND_TIMEOUT_SECONDS, Database, DatabaseUnavailable
from dashboard.periods import month_end, utc_bounds
from dashboard.refresher import Refreshed
from queries.reference import LATE_COMMIT_MARGIN, believed_until
from queries.store import (
    ROLLUPS,
    delete_months,
    delete_state,
    insert_rows,
    monthly_active,
    monthly_counts,
    narrow_rollup_inserts,
    select_activity,
    select_changed_months,
    select_dimensions,
    select_latest_change,
    select_rollup,
    select_state,
    select_synced_version,
    store_metadata,
    store_state,
)

log = logging.getLogger(__name__)
WATERMARK_MARGIN = LATE_COMMIT_MARGIN  # a change committed late may carry an older updated_at
REBUILD_SECONDS = 3600


class AggregateStore(Refreshed):
    """Monthly counts derived from one operational database."""

    def __init__(self, path: Path, source: Database, background: bool = True):
        super().__init__(path.with_suffix(".lock"), background)
        self.path = path
        self.source = source
        path.parent.mkdir(parents=True, exist_ok=True)
        self.database = Database.local(path)
        self.database.create_tables(store_metadata)

    # --- reading --------------------------------------------------------------------------------------------

    def read(self, version: str, statement) -> pd.DataFrame | None:
        """The rows of `statement` (from `queries/store.py`) on the store; None unless it holds data `version`."""
        with self.database.transaction() as transaction:  # one snapshot: the state and the counts agree
            if transaction.scalar(select_synced_version()) != version:
                return None
            return transaction.frame(statement)

    def state_for(self, version: str | None) -> str:
        """'current' when the store holds data `version`, 'syncing' when not yet, 'unreachable' when its file
        cannot be read."""
        try:
            synced = self.database.frame(select_synced_version())
        except DatabaseUnavailable:
            return "unreachable"
        return "current" if len(synced) and synced.iloc[0, 0] == version else "syncing"

    def synced_version(self) -> str | None:
        return self._state().get("version")

    # --- syncing ----------------------------------------------------------------------------------------------

    def _read(self, statement) -> pd.DataFrame:
        """The rows of `statement` on the operational database, with the background statement timeout: a rollup
        holds no request, and cutting it at the request limit would leave the store behind for good."""
        return self.source.frame(statement, timeout=BACKGROUND_TIMEOUT_SECONDS)

    def _sync(self, version: str | None) -> None:
        """Bring the store up to date (under the lock); `version` is the data version it then holds."""
        state = self._state()
        if version is not None and state.get("version") == version:
            return
        mark = self._read(select_latest_change(believed_until())).iloc[0, 0]
        dimensions = self._fingerprint()
        state.setdefault("rebuilt_at", state.get("rebuilt_at") or "0")
        stale = time.time() - float(state["rebuilt_at"]) > REBUILD_SECONDS
        if stale or not state.get("watermark") or state.get("dimensions") != dimensions:
            self._replace(self._read(select_rollup()), self._read(select_activity()), None)
            state["rebuilt_at"] = str(time.time())
        else:
            since = datetime.fromisoformat(state["watermark"]) - WATERMARK_MARGIN
            for month in self._read(select_changed_months(since)).month:
                first = date.fromisoformat(month + "-01")
                bounds = utc_bounds(first, month_end(first))
                self._replace(self._read(select_rollup(*bounds)), self._read(select_activity(*bounds)), [month])
        self._write_state(
            version=version or "", watermark=watermark_text(mark), dimensions=dimensions, rebuilt_at=state["rebuilt_at"]
        )

    def _replace(self, rows: pd.DataFrame, active: pd.DataFrame, months: list[str] | None) -> None:
        """Put `rows` and `active` in place of `months` (None: everything), and derive the narrow rollups."""
        with self.database.transaction() as transaction:
            for table in (*ROLLUPS, monthly_active):
                transaction.run(delete_months(table, months))
            for table, frame in ((monthly_counts, rows), (monthly_active, active)):
                if not frame.empty:
                    transaction.run(
                        insert_rows(table), frame.astype(object).where(frame.notna(), None).to_dict("records")
                    )
            for statement in narrow_rollup_inserts(months):
                transaction.run(statement)

    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for statement in select_dimensions():
            digest.update(self._read(statement).to_csv(index=False).encode())
        return digest.hexdigest()

    def _state(self) -> dict[str, str]:
        return dict(self.database.frame(select_state()).itertuples(index=False))

    def _write_state(self, **values: str) -> None:
        with self.database.transaction() as transaction:
            transaction.run(delete_state())
            transaction.run(insert_rows(store_state), [{"key": k, "value": v} for k, v in values.items()])

    def dispose(self) -> None:
        self.database.dispose()


def watermark_text(moment) -> str:
    """A watermark as ISO text in UTC ('' when the source has no requests)."""
    if moment is None or pd.isna(moment):
        return ""
    moment = pd.Timestamp(moment).to_pydatetime()
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


STORE_SCHEMA = 3  # raise when the store's tables or indexes change: a new file is then built from scratch


def store_path(store_dir: Path, database_url: str) -> Path:
    """Where the store of a database lives: one file per database URL (and store schema) in the store folder."""
    return store_dir / f"aggregates-v{STORE_SCHEMA}-{database_key(database_url)}.sqlite"


def database_key(database_url: str) -> str:
    """A short identity of a database URL, for file names and cache keys."""
    return hashlib.sha256(database_url.encode()).hexdigest()[:12]
