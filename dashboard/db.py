"""The one executor of SQL: `Database` runs the statements built in `queries/`.

Two instances exist: the operational database, opened read-only (SQLite with `mode=ro`, or `immutable=1` where no
writer is at work, so that a WAL file gets no `-wal`/`-shm` beside it; PostgreSQL sessions in read-only
transactions), and the dashboard's aggregate store, a SQLite file of its own that it writes
(`Database.local`). Errors from a database surface as `DatabaseUnavailable`, which pages and exports turn into a
clear message.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from sqlalchemy import Connection, Engine, Executable, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError


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
# Background work that holds no request (the aggregate store's rollups) may run longer: a full rollup at scale 1
# took over 20 s on this machine under load, and cutting it left the store behind for good.
BACKGROUND_TIMEOUT_SECONDS = 900.0
TIMEOUT_MARKS = ("interrupted", "canceling statement due to statement timeout")


def readonly_engine(url: str, timeout: float = STATEMENT_TIMEOUT_SECONDS) -> Engine:
    """An engine that cannot write to the database at `url`, and stops a statement that runs over `timeout`
    seconds (PostgreSQL's statement_timeout; for SQLite a progress handler), raising QueryTimeout. SQLite:
    `readonly_sqlite_engine`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = readonly_sqlite_engine(Path(parsed.database or "").resolve())
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
        connection.info["stv-deadline"][0] = time.monotonic() + connection.info.get("stv-timeout", timeout)


def readonly_sqlite_engine(path: Path) -> Engine:
    """A read-only engine on the SQLite file at `path` that leaves nothing beside it, and notices when the file is
    moved away or replaced (each checkout compares the file with the one the connection opened: a connection to a
    file that is gone is dropped, and a new one fails, so the outage shows; a file put back is opened afresh).

    SQLite opens a WAL database read-only (`mode=ro`) only with its `-wal` and `-shm` files, which it creates
    and, being read-only, never removes. Where no `-wal` file exists no writer is at work, so the file cannot change
    underneath the connection: it is opened `immutable=1`, which needs neither file; the connection is dropped at
    its next checkout when a `-wal` file appears (a writer started, e.g. `stv-dashboard simulate`) or the file's
    size or modification time moved. With a writer at work the files are the writer's and are there anyway:
    `mode=ro` then reads beside it, as SQLite's locking requires (an immutable reader would not see its commits and
    might read a page a checkpoint is rewriting). A database in rollback-journal mode is always `mode=ro`: a
    writer changes that file in place, and a reader of it makes no extra files."""
    engine = create_engine(f"sqlite:///{path}", creator=lambda: _open_readonly(path), pool_pre_ping=False)
    event.listen(engine, "checkout", _drop_if_file_changed)
    return engine


class _ReadOnlyConnection(sqlite3.Connection):
    """A read-only SQLite connection that remembers which file it opened (`opened`) and whether as immutable."""

    path: Path
    opened: tuple[int, int, int, int] | None
    immutable: bool


def _open_readonly(path: Path) -> sqlite3.Connection:
    immutable = _is_wal(path) and not Path(f"{path}-wal").exists()
    opened = _file_identity(path)
    uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")  # quote: '#', '?' in a path
    connection = sqlite3.connect(uri, uri=True, factory=_ReadOnlyConnection, check_same_thread=False)
    connection.path, connection.opened, connection.immutable = path, opened, immutable
    return connection


def _drop_if_file_changed(dbapi_connection, _record, _proxy) -> None:
    """At checkout: a connection whose file was moved away, replaced, or (immutable) is being written is dropped."""
    if not isinstance(dbapi_connection, _ReadOnlyConnection):
        return
    now = _file_identity(dbapi_connection.path)
    if now is None or now[:2] != dbapi_connection.opened[:2]:
        raise DisconnectionError("the database file was moved away or replaced")
    if dbapi_connection.immutable and (now != dbapi_connection.opened or Path(f"{dbapi_connection.path}-wal").exists()):
        raise DisconnectionError("a writer changed the database file")


def _file_identity(path: Path) -> tuple[int, int, int, int] | None:
    """(device, inode, size, modification time) of the file, or None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _is_wal(path: Path) -> bool:
    """Whether the SQLite file is in WAL mode (its header's read and write versions are 2)."""
    try:
        with open(path, "rb") as file:
            header = file.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18:20] == b"\x02\x02"


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

    def __init__(self, url: str, engine: Engine | None = None, timeout: float = STATEMENT_TIMEOUT_SECONDS):
        """`timeout`: the statement timeout of the read-only engine made here; a batch job that answers no
        request (the benchmark runner) passes BACKGROUND_TIMEOUT_SECONDS."""
        self.url = url
        self.engine = engine or readonly_engine(url, timeout)
        self.executed = 0  # statements run so far: what tests and `benchmarks.render` count

    @classmethod
    def local(cls, path: Path) -> Database:
        """The writable SQLite file at `path` (the aggregate store)."""
        return cls(f"sqlite:///{path}", local_engine(path))

    def frame(self, statement: Executable, timeout: float | None = None) -> pd.DataFrame:
        """The rows of `statement` as a data frame (column names from the statement's labels)."""
        with self.transaction(timeout) as transaction:
            return transaction.frame(statement)

    @contextmanager
    def transaction(self, timeout: float | None = None) -> Iterator[Transaction]:
        """Statements in one transaction: one snapshot to read from, all or nothing when writing. `timeout`
        replaces the statement timeout for this transaction only (background work: BACKGROUND_TIMEOUT_SECONDS)."""
        try:
            with self.engine.begin() as connection, _statement_timeout(connection, timeout):
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


@contextmanager
def _statement_timeout(connection: Connection, timeout: float | None) -> Iterator[None]:
    """Within one transaction, statements may run `timeout` seconds (None: the engine's own limit)."""
    if timeout is None:
        yield
        return
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
        yield
        return
    connection.info["stv-timeout"] = timeout
    try:
        yield
    finally:
        connection.info.pop("stv-timeout", None)


def rows_frame(rows, columns: list[str]) -> pd.DataFrame:
    """A data frame of result rows. Plain tuples, not SQLAlchemy's Row: pandas asks each row for a `dtype`, and a
    Row answers a missing attribute by raising through its key lookup, about 10 µs a row (0.6 s for 60,000 rows
    against 0.05 s)."""
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


class Transaction:
    """The statements of one `Database.transaction()`."""

    def __init__(self, database: Database, connection: Connection):
        self.database = database
        self.connection = connection

    def frame(self, statement: Executable) -> pd.DataFrame:
        """The rows of `statement` as a data frame."""
        result = self._execute(statement)
        return rows_frame(result.fetchall(), list(result.keys()))

    def scalar(self, statement: Executable):
        """The first column of the first row of `statement` (None without rows)."""
        return self._execute(statement).scalar()

    def run(self, statement: Executable, rows: Sequence[dict] | None = None) -> None:
        """Run a statement that writes (once for each of `rows`, when given)."""
        self._execute(statement, rows)

    def _execute(self, statement: Executable, rows: Sequence[dict] | None = None):
        self.database.executed += 1
        return self.connection.execute(statement, rows) if rows is not None else self.connection.execute(statement)
