"""No-shows and cancellations (issue 6.1): which party let an assigned appointment fall through, for the slice,
per month and per modality, sector, region, language and organisation; the organisations with most failed
appointments; the billable share.

Every rate here has the answered requests (completed + the six not-completed statuses) as its denominator, as
CONTRACT §3 defines the client and interpreter no-show rates and the late-cancellation rate; the timely client,
interpreter and service cancellation rates follow the same rule, so that the six rates add up to the
non-completion rate. The billable share is (completed + cancelled late by the client) ÷ answered: what the client
organisation pays for. A rate whose denominator is 0 is empty (None), never 0.

A failed appointment is one of the six not-completed statuses. Organisations enter the "most failed" table only
with at least `MIN_ANSWERED` answered requests in the slice: below that a rate says little.
"""

from __future__ import annotations

import pandas as pd

from dashboard import codes
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.i18n import code_name
from dashboard.metrics import bucket_counts, rates_of
from dashboard.periods import months_between
from dashboard.views import language_names
from queries.places import select_organisations
from queries.reference import select_regions

# Each not-completed status and the name of its rate (codes.NOT_COMPLETED_PARTIES), in the page's order.
PARTIES = {status: fallthrough.rate for status, fallthrough in codes.NOT_COMPLETED_PARTIES.items()}
COUNTS = ("answered", "completed", "not_completed", *PARTIES)
RATES = (*PARTIES.values(), "non_completion_rate", "billable_rate")
# The page's dimension choice -> the status-count key behind it.
DIMENSIONS = {
    "modality": "modality",
    "sector": "sector",
    "region": "region_id",
    "language": "language_id",
    "organisation": "organisation_id",
}
MIN_ANSWERED = 30  # answered requests an organisation needs in the slice to enter the "most failed" table
NOT_FILLED_IN = ""  # the value of a sector that was not filled in (NULL in the database)

DIMENSION_COLUMNS = ("dimension", "value", "label", *COUNTS, *RATES)
ORGANISATION_COLUMNS = ("organisation_id", "organisation", "sector", "region_code", *COUNTS, *RATES)
MONTHLY_COLUMNS = ("month", *COUNTS, *RATES)


def party_counts(by_status: pd.DataFrame, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """From requests per status (columns *keys, status, n) to answered, completed, not completed and the count
    of each of the six not-completed statuses, per key; one row without keys (zeros for an empty slice). A key
    value that is empty (a sector not filled in) becomes `NOT_FILLED_IN`, so that it keeps its row."""
    grouping = list(keys) or ["slice"]
    counts = by_status.assign(slice=0)
    for key in grouping:
        if counts[key].isna().any():
            counts[key] = counts[key].astype(object).where(counts[key].notna(), NOT_FILLED_IN)
    table = bucket_counts(counts, grouping, ("answered", "completed", "not_completed"))
    parties = pd.DataFrame({status: counts.n.astype("int64").where(counts.status == status, 0) for status in PARTIES})
    table = table.merge(
        pd.concat([counts[grouping], parties], axis=1).groupby(grouping, as_index=False).sum(), on=grouping, how="left"
    )
    if not keys:
        table = table.drop(columns="slice") if len(table) else pd.DataFrame([dict.fromkeys(COUNTS, 0)])
    return table[[*keys, *COUNTS]].astype({c: "int64" for c in COUNTS}).reset_index(drop=True)


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """`counts` (from `party_counts`) with each party's rate, the non-completion rate and the billable share."""
    rates = {rate: (status, "answered") for status, rate in PARTIES.items()}
    rates["non_completion_rate"] = ("not_completed", "answered")
    rates["billable_rate"] = (counts.completed + counts.cancelled_client_late, "answered")
    return rates_of(counts, rates)


def summary(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The slice in one row: answered, completed, not completed, each party's count and every rate."""
    return with_rates(party_counts(data.status_counts(filters)))[list(COUNTS + RATES)]


def monthly(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per Brussels month of the period: counts and rates; months without answered requests have empty rates."""
    table = party_counts(data.status_counts(filters, ("month",)), ("month",)).set_index("month")
    table = table.reindex(months_between(filters.start, filters.end), fill_value=0).rename_axis("month")
    return with_rates(table.reset_index())[list(MONTHLY_COLUMNS)]


def by_dimension(data: DataAccess, filters: Filters, dimension: str = "modality", lang: str = "nl") -> pd.DataFrame:
    """Per value of `dimension` (a key of DIMENSIONS) with answered requests: its code (`value`; an organisation's
    id, empty for a sector not filled in), its name in `lang`, counts and rates; most answered first."""
    key = DIMENSIONS[dimension]
    table = party_counts(data.status_counts(filters, (key,)), (key,))
    table = table[table.answered > 0]
    values, labels = dimension_names(data, dimension, table[key], lang)
    table = with_rates(table.assign(dimension=dimension, value=values, label=labels))
    table = table.sort_values(["answered", "label"], ascending=[False, True], kind="stable")
    return table[list(DIMENSION_COLUMNS)].reset_index(drop=True)


def dimension_names(data: DataAccess, dimension: str, keys: pd.Series, lang: str) -> tuple[list, list]:
    """The code and the readable name of each key value of `dimension`."""
    if dimension == "modality":
        return list(keys), [code_name("modality", m, lang) for m in keys]
    if dimension == "sector":
        return list(keys), [code_name("sector", s, lang) for s in keys]
    if dimension == "region":
        regions = data.fetch(select_regions)
        return _looked_up(keys, regions.id, regions.code), _looked_up(keys, regions.id, regions["name"])
    if dimension == "language":
        languages = language_names(data, lang)
        return _looked_up(keys, languages.language_id, languages.language_code), _looked_up(
            keys, languages.language_id, languages.language
        )
    organisations = data.fetch(select_organisations)
    return [str(int(k)) for k in keys], _looked_up(keys, organisations.id, organisations["name"])


def _looked_up(keys: pd.Series, ids: pd.Series, values: pd.Series) -> list:
    """The value of each key by id; the key itself (as text) where the id is unknown."""
    found = dict(zip(ids, values))
    return [found.get(k, str(k)) for k in keys]


def all_dimensions(data: DataAccess, filters: Filters, lang: str = "nl") -> pd.DataFrame:
    """`by_dimension` for every dimension, one under the other (the `no-shows` export)."""
    return pd.concat([by_dimension(data, filters, dimension, lang) for dimension in DIMENSIONS], ignore_index=True)


def organisations(data: DataAccess, filters: Filters, minimum: int = MIN_ANSWERED) -> pd.DataFrame:
    """Organisations with at least `minimum` answered requests in the slice, most failed appointments (not
    completed) first, then highest non-completion rate: id, name, sector, region, counts and rates."""
    table = party_counts(data.status_counts(filters, ("organisation_id",)), ("organisation_id",))
    table = table[table.answered >= minimum].astype({"organisation_id": "int64"})
    names = data.fetch(select_organisations).rename(columns={"id": "organisation_id", "name": "organisation"})
    table = with_rates(table.merge(names.astype({"organisation_id": "int64"}), on="organisation_id", how="left"))
    table["sector"] = table.sector.astype(object).where(table.sector.notna(), NOT_FILLED_IN)
    table = table.sort_values(
        ["not_completed", "non_completion_rate", "organisation_id"],
        ascending=[False, False, True],
        kind="stable",
        na_position="last",
    )
    return table[list(ORGANISATION_COLUMNS)].reset_index(drop=True)


EXPORTS = {
    "no-shows": lambda context, filters, lang: all_dimensions(context.data, filters, lang),
    "no-shows-monthly": lambda context, filters, lang: monthly(context.data, filters),
    "no-show-organisations": lambda context, filters, lang: organisations(context.data, filters),
}
