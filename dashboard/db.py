"""The one executor of SQL: a read-only connection to the operational database.

SQLite is opened with `mode=ro`; PostgreSQL sessions default to read-only transactions. Errors from the
database surface as `DatabaseUnavailable`, which pages and exports turn into a clear message.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pandas as pd
from sqlalchemy import Engine, Executable, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError


class DatabaseUnavailable(Exception):
    """The operational database could not be read (missing, unreachable, or broken)."""


def readonly_engine(url: str) -> Engine:
    """An engine that cannot write to the database at `url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = quote(str(Path(parsed.database or "").resolve()))  # '#' or '?' in a path must not end the URI
        return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", pool_pre_ping=False)
    return create_engine(
        parsed,
        pool_pre_ping=True,
        connect_args={"options": "-c default_transaction_read_only=on", "connect_timeout": 5},
    )


class Database:
    """Runs statements and returns small aggregated results as data frames."""

    def __init__(self, url: str):
        self.url = url
        self.engine = readonly_engine(url)

    def frame(self, statement: Executable) -> pd.DataFrame:
        """The rows of `statement` as a data frame (column names from the statement's labels)."""
        try:
            with self.engine.connect() as conn:
                result = conn.execute(statement)
                return pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        except (OperationalError, DBAPIError) as error:
            raise DatabaseUnavailable(str(error.orig or error).splitlines()[0]) from error

    def dispose(self) -> None:
        self.engine.dispose()
