"""The one executor of SQL: `Database` runs the statements built in `queries/`.

Two instances exist: the operational database, opened read-only (SQLite with `mode=ro`; PostgreSQL sessions in
read-only transactions), and the dashboard's aggregate store, a SQLite file of its own that it writes
(`Database.local`). Errors from a database surface as `DatabaseUnavailable`, which pages and exports turn into a
clear message.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from sqlalchemy import Connection, Engine, Executable, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError


class DatabaseUnavailable(Exception):
    """A database could not be read or written (missing, unreachable, or broken): the operational one or the store."""

    message_key = "database-unavailable"  # what pages and exports say (dashboard.i18n)


class QueryTimeout(DatabaseUnavailable):
    """A statement ran longer than STATEMENT_TIMEOUT_SECONDS and the database stopped it."""

    message_key = "query-timeout"


# The longest one statement may run on the operational database (issue 17). The slowest query measured here (the
# all-years monthly trend over 500 k requests in SQLite, shared/RECIPES.md) took 3.1 s, so 20 s cuts only a runaway
# (a century's period, a huge export) before it holds a worker for minutes. A constant: CONTRACT §5 names the
# settings. gunicorn's --timeout (dashboard.serve) lies above it.
STATEMENT_TIMEOUT_SECONDS = 20.0
TIMEOUT_MARKS = ("interrupted", "canceling statement due to statement timeout")


def readonly_engine(url: str, timeout: float = STATEMENT_TIMEOUT_SECONDS) -> Engine:
    """An engine that cannot write to the database at `url`, and stops a statement that runs over `timeout`
    seconds (PostgreSQL's statement_timeout; for SQLite a progress handler), raising QueryTimeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = quote(str(Path(parsed.database or "").resolve()))  # '#' or '?' in a path must not end the URI
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", pool_pre_ping=False)
        _limit_sqlite_statements(engine, timeout)
        return engine
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(timeout * 1000)}"
    return create_engine(parsed, pool_pre_ping=True, connect_args={"options": options, "connect_timeout": 5})


def _limit_sqlite_statements(engine: Engine, timeout: float) -> None:
    """SQLite has no statement timeout: a progress handler (called every 10,000 virtual-machine steps, a fraction
    of a millisecond) interrupts a statement, its fetching included, once it has run `timeout` seconds."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record) -> None:
        deadline = record.info["stv-deadline"] = [math.inf]
        dbapi_connection.set_progress_handler(lambda: time.monotonic() > deadline[0], 10_000)

    @event.listens_for(engine, "before_cursor_execute")
    def _start(connection, *_args) -> None:
        connection.info["stv-deadline"][0] = time.monotonic() + timeout


def local_engine(path: Path) -> Engine:
    """A writable SQLite file of the dashboard's own. WAL lets readers go on while the refresher writes; the busy
    timeout lets a second writer (another worker's refresher) wait rather than fail."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA busy_timeout=30000")


class Database:
    """Runs statements and returns their (small, aggregated) results as data frames; counts what it runs."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine or readonly_engine(url)
        self.executed = 0  # statements run so far: what tests and `benchmarks.render` count

    @classmethod
    def local(cls, path: Path) -> Database:
        """The writable SQLite file at `path` (the aggregate store)."""
        return cls(f"sqlite:///{path}", local_engine(path))

    def frame(self, statement: Executable) -> pd.DataFrame:
        """The rows of `statement` as a data frame (column names from the statement's labels)."""
        with self.transaction() as transaction:
            return transaction.frame(statement)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Statements in one transaction: one snapshot to read from, all or nothing when writing."""
        try:
            with self.engine.begin() as connection:
                yield Transaction(self, connection)
        except (OperationalError, DBAPIError) as error:
            message = str(error.orig or error).splitlines()[0]
            failure = QueryTimeout if message.startswith(TIMEOUT_MARKS) else DatabaseUnavailable
            raise failure(message) from error

    def create_tables(self, metadata: MetaData) -> None:
        """Create the tables and indexes of `metadata` that do not exist yet."""
        metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


class Transaction:
    """The statements of one `Database.transaction()`."""

    def __init__(self, database: Database, connection: Connection):
        self.database = database
        self.connection = connection

    def frame(self, statement: Executable) -> pd.DataFrame:
        """The rows of `statement` as a data frame."""
        result = self._execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def scalar(self, statement: Executable):
        """The first column of the first row of `statement` (None without rows)."""
        return self._execute(statement).scalar()

    def run(self, statement: Executable, rows: Sequence[dict] | None = None) -> None:
        """Run a statement that writes (once for each of `rows`, when given)."""
        self._execute(statement, rows)

    def _execute(self, statement: Executable, rows: Sequence[dict] | None = None):
        self.database.executed += 1
        return self.connection.execute(statement, rows) if rows is not None else self.connection.execute(statement)
