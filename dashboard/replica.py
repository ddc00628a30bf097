"""The replica: a DuckDB copy of the operational tables the data version watches, for the statements that scan them.

A column store scans the requests of every year in tens of milliseconds, where SQLite and PostgreSQL take seconds
at scale; and since the replica holds the same tables (`queries/replica.py`), any statement that reads only them
runs on it unchanged, exact to the day: no rollup to keep, no months to route.

Files are never changed once written. A sync writes a new generation (`replica-…-<time>.duckdb`): a full copy, or a
copy of the newest file with the requests changed since its watermark put in place of theirs, then renames it into
place; readers open the newest generation read-only and keep it while it holds the data version they answer for.
So one process writes while every worker reads, which one DuckDB file does not allow otherwise. A generation
records the data version it was synced to, and is read only for that version: otherwise the operational database
answers. A full copy runs when there is none, when the request count does not match (a deletion), and at least every
`REBUILD_SECONDS` (a correction that `updated_at` does not show).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine

from dashboard.data import UNWATCHED_MAX_AGE
from dashboard.db import BACKGROUND_TIMEOUT_SECONDS, Database, DatabaseUnavailable, rows_frame
from dashboard.refresher import Refreshed
from dashboard.store import REBUILD_SECONDS, watermark_text
from queries.reference import LATE_COMMIT_MARGIN, believed_until
from queries.replica import (
    REPLICATED,
    UTC_SESSION,
    count_rows,
    create_replica_tables,
    delete_all,
    delete_rows,
    insert_frame,
    insert_state,
    reads_only_replicated,
    replica_state,
    select_all,
    select_all_but_requests,
    select_changed_requests,
    select_request_count,
)
from queries.store import select_latest_change

log = logging.getLogger(__name__)
REPLICA_SCHEMA = 1  # raise when the replicated tables change: older generations are then ignored
CHUNK_ROWS = 100_000  # rows fetched from the operational database at a time (bounded memory at scale)
READER_THREADS = 2  # DuckDB's threads per worker process for one statement
READER_MEMORY = "1GB"  # and its memory (DuckDB's default is 80 % of the machine, in each worker)


class Replica(Refreshed):
    """DuckDB generations of one operational database's watched tables, in `folder`."""

    def __init__(
        self,
        folder: Path,
        name: str,
        source: Database,
        background: bool = True,
        rebuild_seconds: float = REBUILD_SECONDS,
        refresh_seconds: float = UNWATCHED_MAX_AGE,
    ):
        """`name`: a short identity of the source database (`dashboard.store.database_key`). A full copy at least
        every `rebuild_seconds`; a new copy in every `refresh_seconds` slot of the clock, even when the data version
        has not moved, for the tables it does not watch (interpreters, availability, invitations)."""
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(folder / f"replica-v{REPLICA_SCHEMA}-{name}.lock", background)
        self.folder = folder
        self.prefix = f"replica-v{REPLICA_SCHEMA}-{name}-"
        self.source = source
        self.rebuild_seconds = rebuild_seconds
        self.refresh_seconds = refresh_seconds
        self._reader: _Generation | None = None
        self._lock = threading.Lock()

    # --- reading --------------------------------------------------------------------------------------------

    def frame(self, version: str, statement, copied_since: float | None = None) -> pd.DataFrame | None:
        """The rows of `statement` on the replica; None when it reads a table the replica does not hold, or when
        no generation holds data `version` (copied at `copied_since` or later, when given: for what the data
        version does not watch). The operational database then answers."""
        if not reads_only_replicated(statement):
            return None
        generation = self._generation_for(version, copied_since)
        if generation is None:
            return None
        try:
            return generation.database.frame(statement)
        except DatabaseUnavailable as error:  # a damaged file: the operational database answers
            log.warning("replica %s could not answer (%s)", generation.path.name, error)
            return None

    def state_for(self, version: str | None) -> str:
        """'current' when a generation holds data `version`, 'syncing' when not yet."""
        return "current" if version is not None and self._generation_for(version) is not None else "syncing"

    def synced_version(self) -> str | None:
        newest = self._newest()
        return None if newest is None else _Generation.read_state(newest).get("version")

    def _generation_for(self, version: str, copied_since: float | None = None) -> _Generation | None:
        reader = self._reader
        if reader is not None and reader.holds(version, copied_since):
            return reader
        with self._lock:
            newest = self._newest()
            if newest is None:
                return None
            if self._reader is None or self._reader.path != newest:
                previous, self._reader = self._reader, _Generation(newest)
                if previous is not None:
                    previous.dispose()  # connections still answering close as they are returned
            return self._reader if self._reader.holds(version, copied_since) else None

    def _generations(self) -> list[Path]:
        """The complete generations, oldest first (a file being written has another name)."""
        stamped = [(path.stem.removeprefix(self.prefix), path) for path in self.folder.glob(f"{self.prefix}*.duckdb")]
        return [path for stamp, path in sorted((int(s), p) for s, p in stamped if s.isdigit())]

    def _newest(self) -> Path | None:
        generations = self._generations()
        return generations[-1] if generations else None

    # --- syncing (under the lock: dashboard/refresher.py) ---------------------------------------------------

    def _sync(self, version: str | None) -> None:
        newest = self._newest()
        state = _Generation.read_state(newest) if newest is not None else {}
        if version is not None and state.get("version") == version and self._fresh(state):
            return
        copied_at = time.time()
        mark = self._read(select_latest_change(believed_until())).iloc[0, 0]
        building = self.folder / f"{self.prefix}building.tmp"
        building.unlink(missing_ok=True)
        rebuilt_at = state.get("rebuilt_at", "0")
        if newest is None or not state.get("watermark") or time.time() - float(rebuilt_at) >= self.rebuild_seconds:
            rebuilt_at = self._copy_all(building)
        else:
            shutil.copyfile(newest, building)
            since = datetime.fromisoformat(state["watermark"]) - LATE_COMMIT_MARGIN
            if not self._copy_changes(building, since):
                building.unlink()
                rebuilt_at = self._copy_all(building)
        with _writable(building) as connection:
            connection.execute(delete_all("replica_state"))
            values = {
                "version": version or "",
                "watermark": watermark_text(mark),
                "rebuilt_at": rebuilt_at,
                "copied_at": str(copied_at),
            }
            connection.executemany(insert_state(), list(values.items()))
        final = self.folder / f"{self.prefix}{time.time_ns()}.duckdb"
        os.replace(building, final)
        for old in self._generations()[:-2]:  # the one before stays for readers still on it
            old.unlink(missing_ok=True)

    def _copy_all(self, path: Path) -> str:
        """Copy every replicated table into a new file at `path`; the time of the copy."""
        started = time.time()
        with _writable(path) as connection:
            for statement in create_replica_tables():
                connection.execute(statement)
            for name in REPLICATED:
                self._copy(connection, name, select_all(name))
        return str(started)

    def _copy_changes(self, path: Path, since: datetime) -> bool:
        """Put the requests changed since `since`, and the reference tables afresh, into the copy at `path`;
        whether its requests then number as many as the operational database's (else a deletion was missed)."""
        with _writable(path) as connection:
            for name, statement in select_all_but_requests():
                connection.execute(delete_all(name))  # small tables: copied whole
                self._copy(connection, name, statement)
            for chunk in self._chunks(select_changed_requests(since)):
                _run_on_frame(connection, delete_rows("requests"), chunk)
                _run_on_frame(connection, insert_frame("requests"), chunk)
            copied = connection.execute(count_rows("requests")).fetchone()[0]
        return copied == self._read(select_request_count()).iloc[0, 0]

    def _copy(self, connection: duckdb.DuckDBPyConnection, name: str, statement) -> None:
        """Append the rows of `statement` (on the operational database) to replica table `name`."""
        for chunk in self._chunks(statement):
            _run_on_frame(connection, insert_frame(name), chunk)

    def _fresh(self, state: dict[str, str]) -> bool:
        """Whether the generation of `state` was copied in the current `refresh_seconds` slot of the clock (the
        slots of DataAccess's entries read with that maximum age)."""
        return float(state.get("copied_at") or 0) >= time.time() // self.refresh_seconds * self.refresh_seconds

    def _chunks(self, statement):
        """The rows of `statement` on the operational database, as data frames of at most CHUNK_ROWS rows, read in
        one transaction with the background statement timeout."""
        with self.source.transaction(timeout=BACKGROUND_TIMEOUT_SECONDS) as transaction:
            result = transaction.connection.execution_options(stream_results=True).execute(statement)
            columns = list(result.keys())
            for rows in result.partitions(CHUNK_ROWS):
                yield rows_frame(rows, columns)

    def _read(self, statement) -> pd.DataFrame:
        return self.source.frame(statement, timeout=BACKGROUND_TIMEOUT_SECONDS)

    def dispose(self) -> None:
        if self._reader is not None:
            self._reader.dispose()


class _Generation:
    """One replica file, opened read-only, and the data version it holds."""

    def __init__(self, path: Path):
        self.path = path
        state = self.read_state(path)
        self.version = state.get("version")
        self.copied_at = float(state.get("copied_at") or 0)
        self.database = Database(f"duckdb:///{path}", _reader_engine(path))

    def holds(self, version: str, copied_since: float | None) -> bool:
        return self.version == version and (copied_since is None or self.copied_at >= copied_since)

    @staticmethod
    def read_state(path: Path) -> dict[str, str]:
        try:
            with duckdb.connect(str(path), read_only=True) as connection:
                return dict(connection.execute(str(select(replica_state.c.key, replica_state.c.value))).fetchall())
        except duckdb.Error:
            return {}

    def dispose(self) -> None:
        self.database.dispose()


def _reader_engine(path: Path) -> Engine:
    config = {"threads": READER_THREADS, "memory_limit": READER_MEMORY}
    engine = create_engine(f"duckdb:///{path}", connect_args={"read_only": True, "config": config})
    event.listen(engine, "connect", _utc_session)
    return engine


def _utc_session(dbapi_connection, _record) -> None:
    """Timestamps come back, and naive ones are read, in UTC (not in the server's own zone). Set after connecting:
    DuckDB loads its time-zone support (ICU) only then."""
    dbapi_connection.execute(UTC_SESSION)


class _writable:
    """A DuckDB connection to a file being built, in UTC, checkpointed and closed at the end."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.connection = duckdb.connect(str(self.path))
        self.connection.execute(UTC_SESSION)
        return self.connection

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.connection.execute("CHECKPOINT")
        finally:
            self.connection.close()


def _run_on_frame(connection: duckdb.DuckDBPyConnection, statement: str, frame: pd.DataFrame) -> None:
    """Run `statement`, which reads the data frame `frame` by that name."""
    connection.register("frame", frame)
    try:
        connection.execute(statement)
    finally:
        connection.unregister("frame")
