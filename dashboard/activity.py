"""The activity rate of CONTRACT §3, in one place: the active interpreters who were in the register during the
period ÷ the interpreters in the register at some time within it (`registered_in_period`), so never above 100 %.

Both parts are sets of interpreter ids. Who was in the register comes from the operational database's
`interpreters` (small, cached); who was active comes from `DataAccess.active_ids`, which may read whole months
from the aggregate store. Intersecting the two sets here gives the same figures whichever database answered.

An interpreter active in the slice but not in the register during the period (registered after it, left before
it, of another kind, or not speaking the request's language: a data inconsistency) counts as active
(`active_interpreters`) but not in the rate's numerator (`active_in_register`).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.data import UNWATCHED_MAX_AGE, DataAccess
from dashboard.filters import Filters
from dashboard.metrics import rates_of
from queries.interpreters import select_register_in_period
from queries.reference import select_languages

KEYS = ("kind", "language_id")
COLUMNS = ("registered_in_period", "active_in_register")


def register_activity(data: DataAccess, filters: Filters, key: str | None = None) -> pd.DataFrame:
    """`registered_in_period` and `active_in_register` for the slice, per `key` (`kind` or `language_id`; one
    row without). Per language, an interpreter is in the register in every language they speak and active in the
    languages of their completed requests."""
    assert key is None or key in KEYS, key
    register = data.fetch(select_register_in_period, filters, max_age=UNWATCHED_MAX_AGE)
    keys = [key] if key else []
    members = register[[*keys, "interpreter_id"]].dropna().drop_duplicates()
    members = members.astype({c: "int64" for c in members.columns if c != "kind"})
    active = _active(data, filters, key)
    members = members.assign(active=members.merge(active, how="left", indicator=True)._merge.eq("both").to_numpy())
    counts = (
        members.assign(slice=0)
        .groupby(key or "slice")
        .agg(registered_in_period=("interpreter_id", "size"), active_in_register=("active", "sum"))
    )
    if not key:
        return counts.reindex([0], fill_value=0).astype("int64").reset_index(drop=True)
    return counts.astype("int64").reset_index()


def _active(data: DataAccess, filters: Filters, key: str | None) -> pd.DataFrame:
    """(key, interpreter_id) of the active interpreters, keyed by the request's language where asked. The kind
    filter is left to the register (an interpreter's kind is theirs, not the request's): the same ids in the
    intersection, and a slice the aggregate store can answer."""
    keys = ("language_id",) if key == "language_id" else ()
    active = data.active_ids(replace(filters, kind=()), keys)
    return active.astype({column: "int64" for column in active.columns})


def with_activity_rate(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (with the COLUMNS) with `activity_rate`: active_in_register ÷ registered_in_period (empty at 0)."""
    return rates_of(table, {"activity_rate": ("active_in_register", "registered_in_period")})


def rate_parts_by_language(data: DataAccess, filters: Filters, codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(active_in_register, registered_in_period) of each language code in `codes` (0 where none), on its index:
    the activity rate's parts for a table of languages, as `rates_of` takes them."""
    ids = data.fetch(select_languages).set_index("code").id
    counts = register_activity(data, filters, "language_id").set_index("language_id")
    parts = [codes.map(ids).map(counts[column]).fillna(0).astype("int64") for column in reversed(COLUMNS)]
    return parts[0], parts[1]
