"""Rows in one order, whichever engine answers."""

from __future__ import annotations

from sqlalchemy import Select


def in_stable_order(statement):
    """`statement`, its grouped rows in the order of their groups when it names no order of its own. PostgreSQL
    (hash aggregates) and DuckDB (parallel ones) return groups in any order, run to run; SQLite in the order of
    their keys. So a view's rows, and an export's, are the same in all three."""
    if isinstance(statement, Select) and statement._group_by_clauses and not statement._order_by_clauses:
        return statement.order_by(*statement._group_by_clauses)  # (SQLAlchemy keeps no public accessor of them)
    return statement
