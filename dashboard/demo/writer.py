"""Write demo data in bulk to a new SQLite file or an empty PostgreSQL database, all or nothing.

SQLite is written to a temporary file beside the target and renamed into place at the end; PostgreSQL is
written in one transaction (COPY). On any failure nothing is left behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection, make_url

from dashboard import schema


class DemoTargetError(Exception):
    """The demo database cannot be written where asked (exists, not writable, not empty)."""


def is_url(target: str) -> bool:
    """Whether `target` is a SQLAlchemy URL rather than a file path."""
    return "://" in target


@contextmanager
def open_target(target: str) -> Iterator[BulkWriter]:
    """A writer on a fresh database at `target` (a SQLite path or a database URL), committed on success."""
    if is_url(target):
        with _postgresql(target) as writer:
            yield writer
    else:
        with _sqlite(Path(target)) as writer:
            yield writer


@contextmanager
def _sqlite(path: Path) -> Iterator[BulkWriter]:
    if path.exists():
        raise DemoTargetError(f"{path} already exists; remove it or choose another --out")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DemoTargetError(f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise DemoTargetError(f"folder {folder} is not writable")
    partial = folder / f".{path.name}.partial-{os.getpid()}"
    partial.touch(exist_ok=False)  # fails early, with the system's reason, where the folder refuses files
    engine = create_engine(f"sqlite:///{partial}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=OFF")
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            schema.create_schema(conn)
            yield BulkWriter(conn)
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")  # planner statistics, as a maintained operational database has
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # readers beside `simulate`
        engine.dispose()
        os.replace(partial, path)
    except BaseException:
        engine.dispose()
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def _postgresql(url: str) -> Iterator[BulkWriter]:
    engine = create_engine(make_url(url))
    try:
        with engine.begin() as conn:
            existing = set(inspect(conn).get_table_names()) & set(schema.metadata.tables)
            if existing:
                raise DemoTargetError(f"the database already has tables {sorted(existing)}; use an empty one")
            schema.create_schema(conn)
            yield BulkWriter(conn)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()


class BulkWriter:
    """Appends rows of data frames to the contract's tables on one open transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.postgresql = conn.dialect.name == "postgresql"

    def write(self, table: str, frame: pd.DataFrame) -> None:
        """Insert the columns of `frame` named as in `table`; NaT/NaN/None become NULL."""
        columns = [c.name for c in schema.metadata.tables[table].columns if c.name in frame.columns]
        if frame.empty:
            return
        values = [self._column(frame[name], schema.metadata.tables[table].c[name]) for name in columns]
        rows = list(zip(*values))
        raw = self.conn.connection.driver_connection
        if self.postgresql:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def _column(self, series: pd.Series, column) -> list:
        type_name = type(column.type).__name__.lower()
        if pd.api.types.is_datetime64_any_dtype(series):
            values = series.to_numpy("datetime64[s]")
            text = np.char.replace(np.datetime_as_string(values, unit="s"), "T", " ")
            if self.postgresql:
                text = np.char.add(text, "+00")
            return [None if missing else t for missing, t in zip(np.isnat(values).tolist(), text.tolist())]
        if type_name == "boolean":
            return [bool(v) if self.postgresql else int(bool(v)) for v in series]
        if type_name == "date":
            return [None if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d") for v in series]
        if type_name == "integer":
            return [None if pd.isna(v) else int(v) for v in series]
        return [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in series]
