"""Data quality: the checks of `queries.data_quality` over the slice (requests made in the period, with the
filters), as a summary, breakdowns per detail and per organisation, and lists for exports.

Ages are measured at `as_of`, "now" (the pages and exports pass `context.settings.current_time()`), rounded down
to the hour so that cached results serve a whole hour; without it, at the end of the period.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from dashboard import codes
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.metrics import bucket_counts, ratio
from dashboard.periods import local_midnight
from queries.data_quality import (
    AGE_BANDS,
    CHECKS,
    LIST_COLUMNS,
    ORDER_RULES,
    STALE_BANDS,
    select_defect_requests,
    select_defects,
)
from queries.data_quality import STALE_AFTER_DAYS as STALE_AFTER_DAYS  # for the pages' texts
from queries.places import select_local_governments, select_organisations
from queries.reference import believed_until

# What a check counts: organisations (without a sector) or requests.
UNITS = {check: "organisations" if check == "no_sector" else "requests" for check in CHECKS}
# The details of each check in reading order (every one shown, zeros included).
DETAILS = {
    "no_sector": (),
    "unvalidated": tuple(label for _, label in AGE_BANDS),
    "unclosed": codes.FINAL_STATUSES,
    "out_of_order": tuple(rule for rule, _, _ in ORDER_RULES),
    "stale_matched": tuple(label for _, label in STALE_BANDS),
    "future_updated": (),
}
SUMMARY_COLUMNS = ("check", "unit", "count", "requests", "requests_in_slice", "share_rate")
TIMESTAMPS = ("requested_at", "scheduled_start", "matched_at", "closed_at", "validated_at", "updated_at")


def measured_at(filters: Filters, as_of: datetime | None = None, check: str = "") -> datetime:
    """The moment ages are measured at: `as_of` (else the end of the period), rounded down to the hour; for
    `future_updated`, the latest `updated_at` believed then (`believed_until`, to the minute), as the data version
    draws the line."""
    moment = as_of or local_midnight(filters.end + timedelta(days=1))
    if check == "future_updated":
        return believed_until(moment)
    return moment.replace(minute=0, second=0, microsecond=0)


def defects(
    data: DataAccess, filters: Filters, check: str = "unvalidated", as_of: datetime | None = None
) -> pd.DataFrame:
    """Requests of the slice failing `check`, per organisation and detail: organisation_id, detail, n."""
    table = data.fetch(select_defects, filters, check, measured_at(filters, as_of, check))
    return table.astype({"organisation_id": "int64", "n": "int64"})


def summary(data: DataAccess, filters: Filters, as_of: datetime | None = None) -> pd.DataFrame:
    """One row per check: what it counts (unit), how many (organisations or requests), the requests concerned,
    all requests of the slice, and the share of the slice concerned (empty for an empty slice)."""
    in_slice = int(bucket_counts(data.status_counts(filters)).requests.iloc[0])
    rows = []
    for check in CHECKS:
        found = defects(data, filters, check, as_of)
        affected = int(found.n.sum())
        count = found.organisation_id.nunique() if UNITS[check] == "organisations" else affected
        rows.append((check, UNITS[check], count, affected, in_slice, ratio(affected, in_slice)))
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def by_detail(
    data: DataAccess, filters: Filters, check: str = "unvalidated", as_of: datetime | None = None
) -> pd.DataFrame:
    """Requests failing `check` per detail (age band, status or rule), every detail in order: detail, n."""
    counts = defects(data, filters, check, as_of).groupby("detail").n.sum()
    return counts.reindex(list(DETAILS[check]), fill_value=0).rename_axis("detail").reset_index().astype({"n": "int64"})


def by_organisation(
    data: DataAccess, filters: Filters, check: str = "unvalidated", as_of: datetime | None = None
) -> pd.DataFrame:
    """Requests failing `check` per organisation, most first: organisation_id, organisation, sector,
    local_government, region_code, requests."""
    counts = defects(data, filters, check, as_of).groupby("organisation_id", as_index=False).n.sum()
    table = _organisation_names(data).merge(counts.rename(columns={"n": "requests"}), on="organisation_id")
    return table.sort_values(["requests", "organisation"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def defect_list(
    data: DataAccess, filters: Filters, check: str = "unvalidated", as_of: datetime | None = None
) -> pd.DataFrame:
    """The requests failing `check`, by id, with their organisation, timestamps (UTC) and detail; for
    `no_sector`, the organisations (as `by_organisation`)."""
    if check == "no_sector":
        return by_organisation(data, filters, check, as_of)
    table = data.fetch(select_defect_requests, filters, check, measured_at(filters, as_of, check))
    for column in TIMESTAMPS:
        table[column] = pd.to_datetime(table[column], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S")
    names = _organisation_names(data)[["organisation_id", "organisation"]]
    table = table.rename(columns={"id": "request_id"}).merge(names, on="organisation_id", how="left")
    return table[["request_id", "organisation_id", "organisation", *LIST_COLUMNS[2:], "detail"]]


def _organisation_names(data: DataAccess) -> pd.DataFrame:
    organisations = data.fetch(select_organisations)
    local_governments = data.fetch(select_local_governments)[["id", "name"]].rename(
        columns={"id": "local_government_id", "name": "local_government"}
    )
    table = organisations.merge(local_governments, on="local_government_id").rename(
        columns={"id": "organisation_id", "name": "organisation"}
    )
    return table[["organisation_id", "organisation", "sector", "local_government", "region_code"]]


def export_name(check: str) -> str:
    """The export of a check's list: dq-no-sector, dq-unvalidated, …"""
    return "dq-" + check.replace("_", "-")


def _list_export(check: str):
    return lambda context, filters, lang: defect_list(context.data, filters, check, context.settings.current_time())


EXPORTS = {
    "data-quality": lambda context, filters, lang: summary(context.data, filters, context.settings.current_time()),
    **{export_name(check): _list_export(check) for check in CHECKS},
}
