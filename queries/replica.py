"""The replica's statements: its tables, their columns, and what a sync reads.

The replica (`dashboard/replica.py`) is a DuckDB file holding copies of the operational tables. Any statement that
reads only those tables is run on it unchanged, compiled for DuckDB; the Brussels-time functions of
`queries/_time.py` and `queries/lead_time.py` get their DuckDB forms here.
"""

from __future__ import annotations

from datetime import datetime

import duckdb_engine
from sqlalchemy import Column, MetaData, Select, Table, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateTable
from sqlalchemy.sql.util import find_tables

from dashboard import schema
from queries._time import brussels_day, brussels_month
from queries.lead_time import hours_between

# Every table of the contract. The interpreters' tables, availability and invitations change without moving the data
# version: what is read from them with a maximum age (`DataAccess.fetch(..., max_age=...)`) is answered only by a
# copy made within that age (`dashboard/replica.py`).
REPLICATED = tuple(table.name for table in schema.metadata.sorted_tables)

replica_metadata = MetaData()
for _name in REPLICATED:  # the same columns and types, without keys, constraints or indexes (a column store)
    Table(_name, replica_metadata, *(Column(c.name, c.type) for c in schema.metadata.tables[_name].columns))
replica_state = Table("replica_state", replica_metadata, Column("key", schema.String), Column("value", schema.String))


def create_replica_tables() -> list[str]:
    """DuckDB: the statements that create the replica's tables in a new file."""
    dialect = duckdb_engine.Dialect()
    return [str(CreateTable(table).compile(dialect=dialect)) for table in replica_metadata.sorted_tables]


def reads_only_replicated(statement) -> bool:
    """Whether every table `statement` reads (subqueries included) is one the replica holds."""
    names = {table.name for table in find_tables(statement)}
    return bool(names) and names <= set(REPLICATED)


def select_all(name: str) -> Select:
    """Every row of operational table `name`, its columns in order."""
    return select(schema.metadata.tables[name])


def select_all_but_requests() -> list[tuple[str, Select]]:
    """(name, every row) of each replicated table but the requests: small tables, copied whole at every sync."""
    return [(name, select_all(name)) for name in REPLICATED if name != "requests"]


def select_changed_requests(since: datetime) -> Select:
    """The requests changed at or after `since` (their `updated_at`)."""
    return select(schema.requests).where(schema.requests.c.updated_at >= literal(since, schema.UTC_TIMESTAMP))


def select_request_count() -> Select:
    """How many requests there are: a replica with another count missed a deletion."""
    return select(func.count()).select_from(schema.requests)


def insert_frame(name: str) -> str:
    """DuckDB: append the rows of the registered data frame `frame` to replica table `name`."""
    columns = ", ".join(replica_metadata.tables[name].columns.keys())
    return f"INSERT INTO {name} ({columns}) SELECT {columns} FROM frame"  # names of the metadata, never input


def delete_rows(name: str) -> str:
    """DuckDB: remove the rows of replica table `name` whose id is in the registered data frame `frame`."""
    return f"DELETE FROM {replica_metadata.tables[name].name} WHERE id IN (SELECT id FROM frame)"


UTC_SESSION = "SET TimeZone = 'UTC'"  # DuckDB: moments read and returned in UTC, not in the server's own zone


def delete_all(name: str) -> str:
    """DuckDB: empty replica table `name`."""
    return f"DELETE FROM {replica_metadata.tables[name].name}"


def count_rows(name: str) -> str:
    """DuckDB: how many rows replica table `name` holds."""
    return f"SELECT count(*) FROM {replica_metadata.tables[name].name}"


def insert_state() -> str:
    """DuckDB: one (key, value) of the replica's state."""
    return "INSERT INTO replica_state (key, value) VALUES (?, ?)"


# --- Brussels time in DuckDB (its ICU extension is built into the Python package) --------------------------------


@compiles(brussels_month, "duckdb")
def _month_duckdb(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    return f"strftime(timezone('Europe/Brussels', {column}), '%Y-%m')"


@compiles(brussels_day, "duckdb")
def _day_duckdb(element, compiler, **kw):
    column = compiler.process(list(element.clauses)[0], **kw)
    return f"strftime(timezone('Europe/Brussels', {column}), '%Y-%m-%d')"


@compiles(hours_between, "duckdb")
def _hours_duckdb(element, compiler, **kw):
    earlier, later = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((epoch_ms({later}) - epoch_ms({earlier})) / 3600000.0)"
