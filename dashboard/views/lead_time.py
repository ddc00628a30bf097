"""Booking lead time (issue 15): how far ahead requests are made, and what booking late costs in answered
requests.

Lead time = scheduled_start − requested_at in real hours (`queries.lead_time`), in the bands of
`codes.LEAD_TIME_BANDS`: under 24 h, 24–72 h, 3–7 days, a week or more. For a translation the scheduled start is
the due moment, so translations are shown apart: a row of their own per modality, and left out of the breakdowns
by sector, region and organisation, which are about interpreting. Requests without a scheduled start, and those
scheduled before they were requested (a data error, also on /data-quality), have no lead time: they are left out
of every figure here and counted apart (`excluded`).

Rates are CONTRACT §3's over the requests of a band: answer_rate = answered ÷ (requests − in progress),
shortage_rate = not available ÷ requests; a rate over nothing is empty (None).

"Booked too late" is under 24 hours ahead, for on-site and video interpreting (`RULE_MODALITIES`): the providers
ask for video and reserved phone calls at least 24 hours ahead (72 preferred for video), and on site needs it most;
phone is mostly called on the spot, without a reservation, so its short lead times are no breach of a rule.
Organisations enter the "books too late" table with at least `MIN_REQUESTS` such requests in the slice.
"""

from __future__ import annotations

import pandas as pd

from dashboard import codes
from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.metrics import bucket_counts, rates_of
from dashboard.periods import months_between
from dashboard.views.no_shows import NOT_FILLED_IN, dimension_names
from queries.lead_time import BEFORE_REQUEST, NO_START
from queries.places import select_organisations

BANDS = codes.LEAD_TIME_BAND_CODES
LATE_BAND = BANDS[0]
RULE_MODALITIES = ("onsite", "video")
INTERPRETING = tuple(m for m in codes.MODALITIES if m != "translation")
MIN_REQUESTS = 30  # on-site and video requests an organisation needs in the slice to enter the "too late" table
COUNTS = ("requests", "answered", "not_available", "in_progress")
RATES = {"answer_rate": ("answered", "decided"), "shortage_rate": ("not_available", "requests")}
DIMENSIONS = {"modality": "modality", "sector": "sector", "region": "region_id", "organisation": "organisation_id"}
EXPORT_COLUMNS = ("modality", "band", *COUNTS, *RATES)


def field(band: str) -> str:
    """A band's code as a column name part (no '-', which grid fields and attribute access dislike)."""
    return band.replace("-", "_")


SHARE_COLUMNS = {band: f"share_{field(band)}_rate" for band in BANDS}
ORGANISATION_COLUMNS = (
    "organisation_id",
    "organisation",
    "sector",
    "region_code",
    "requests",
    "late",
    "late_rate",
    "late_answer_rate",
    "on_time_answer_rate",
)


def band_counts(data: DataAccess, filters: Filters, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per lead-time band (and `keys`): requests, answered, not available, in progress and the requests decided
    (requests − in progress), for every request of the slice, the bands `none` and `before` included."""
    by_status = data.status_counts(filters, ("lead_band", *keys))
    table = bucket_counts(by_status, ["lead_band", *keys], ("answered", "not_available", "in_progress"))
    table = table.rename(columns={"lead_band": "band"})
    return table.assign(decided=table.requests - table.in_progress)


def excluded(data: DataAccess, filters: Filters) -> dict[str, int]:
    """What the figures leave out and what they cover: requests without a scheduled start (`no_start`), scheduled
    before they were requested (`before_request`), and with a lead time (`with_lead_time`, of which
    `translations`)."""
    table = band_counts(data, filters, ("modality",))
    in_bands = table[table.band.isin(BANDS)]
    return {
        "no_start": int(table.requests[table.band == NO_START].sum()),
        "before_request": int(table.requests[table.band == BEFORE_REQUEST].sum()),
        "with_lead_time": int(in_bands.requests.sum()),
        "translations": int(in_bands.requests[in_bands.modality == "translation"].sum()),
    }


def by_modality_and_band(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The `lead-time` export: one row per modality (those chosen, else all) and band, every band even when empty:
    requests, answered, not available, in progress, answer rate and shortage rate."""
    table = band_counts(data, filters, ("modality",))
    modalities = filters.modality or codes.MODALITIES
    grid = pd.MultiIndex.from_product([modalities, BANDS], names=["modality", "band"])
    table = table.set_index(["modality", "band"])[[*COUNTS, "decided"]].reindex(grid, fill_value=0).reset_index()
    return rates_of(table, RATES)[list(EXPORT_COLUMNS)]


def shares(data: DataAccess, filters: Filters, dimension: str = "modality", lang: str = "nl") -> pd.DataFrame:
    """Per value of `dimension` (a key of DIMENSIONS) with requests that have a lead time: its code (`value`),
    name in `lang`, the requests, each band's count (`n_<band>`) and share of them; most requests first. Only
    interpreting unless the dimension is the modality (translations then are a row of their own)."""
    key = DIMENSIONS[dimension]
    table = band_counts(data, filters, (key,) if key == "modality" else (key, "modality"))
    table = table[table.band.isin(BANDS)]
    if key != "modality":
        table = table[table.modality.isin(INTERPRETING)]
    if key == "sector":
        table = table.assign(sector=table.sector.astype(object).where(table.sector.notna(), NOT_FILLED_IN))
    wide = table.pivot_table(index=key, columns="band", values="requests", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(BANDS), fill_value=0).rename(columns=lambda b: f"n_{field(b)}")
    wide = wide.assign(requests=wide.sum(axis=1)).reset_index()
    values, labels = dimension_names(data, dimension, wide[key], lang)
    wide = wide.assign(dimension=dimension, value=values, label=labels)
    wide = rates_of(wide, {SHARE_COLUMNS[b]: (f"n_{field(b)}", "requests") for b in BANDS})
    wide = wide.sort_values(["requests", "label"], ascending=[False, True], kind="stable")
    columns = ["dimension", "value", "label", "requests", *(f"n_{field(b)}" for b in BANDS), *SHARE_COLUMNS.values()]
    return wide[columns].reset_index(drop=True)


def monthly_late(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per Brussels month of the period and modality of the rule (those chosen): requests with a lead time, those
    booked under 24 h (`late`) and their share (`late_rate`, empty for a month without requests)."""
    modalities = [m for m in RULE_MODALITIES if not filters.modality or m in filters.modality]
    table = band_counts(data, filters, ("month", "modality"))
    table = table[table.band.isin(BANDS) & table.modality.isin(modalities)]
    table = table.assign(late=table.requests.where(table.band == LATE_BAND, 0))
    table = table.groupby(["month", "modality"])[["requests", "late"]].sum()
    grid = pd.MultiIndex.from_product([months_between(filters.start, filters.end), modalities])
    table = table.reindex(grid.set_names(["month", "modality"]), fill_value=0).reset_index()
    return rates_of(table.astype({"requests": "int64", "late": "int64"}), {"late_rate": ("late", "requests")})


def organisations(data: DataAccess, filters: Filters, minimum: int = MIN_REQUESTS) -> pd.DataFrame:
    """Organisations with at least `minimum` on-site and video requests with a lead time in the slice, the largest
    share booked under 24 h first (then the most such requests): requests, late, late_rate, and the answer rate
    of their late requests and of the others."""
    table = band_counts(data, filters, ("organisation_id", "modality"))
    table = table[table.band.isin(BANDS) & table.modality.isin(RULE_MODALITIES)]
    late = table.band == LATE_BAND
    parts = {"late": table[late], "on_time": table[~late]}
    sums = {
        name: part.groupby("organisation_id")[["requests", "answered", "decided"]].sum() for name, part in parts.items()
    }
    merged = sums["late"].add_prefix("late_").join(sums["on_time"].add_prefix("on_time_"), how="outer").fillna(0)
    merged = merged.astype("int64").reset_index()
    merged = merged.assign(requests=merged.late_requests + merged.on_time_requests, late=merged.late_requests)
    merged = merged[merged.requests >= minimum].astype({"organisation_id": "int64"})
    merged = rates_of(
        merged,
        {
            "late_rate": ("late", "requests"),
            "late_answer_rate": ("late_answered", "late_decided"),
            "on_time_answer_rate": ("on_time_answered", "on_time_decided"),
        },
    )
    names = data.fetch(select_organisations).rename(columns={"id": "organisation_id", "name": "organisation"})
    merged = merged.merge(names.astype({"organisation_id": "int64"}), on="organisation_id", how="left")
    merged["sector"] = merged.sector.astype(object).where(merged.sector.notna(), NOT_FILLED_IN)
    merged = merged.sort_values(
        ["late_rate", "late", "organisation_id"], ascending=[False, False, True], kind="stable", na_position="last"
    )
    return merged[list(ORGANISATION_COLUMNS)].reset_index(drop=True)


EXPORTS = {"lead-time": lambda context, filters, lang: by_modality_and_band(context.data, filters)}
