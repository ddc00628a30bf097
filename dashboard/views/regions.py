"""The drill-down from region to local government to organisation, and the regional consistency view.

A `Place` is where a page stands: everything (`/regions`), a region, a local government or an organisation. Its
figures and its children's figures come from the same counts per status, so the children add up to the place.

The path wins over the filter bar: on a region's page the region filter is replaced by that region, on a local
government's page by the local government, and on an organisation's page region and sector filters are set
aside (the organisation is what they would select). `overridden` names the filters set aside, for a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from dashboard import codes
from dashboard.data import DataAccess
from dashboard.filters import Filters, Scope
from dashboard.metrics import RATES as METRIC_RATES
from dashboard.metrics import bucket_counts, compute_kpis, rates_of
from dashboard.views import compared, with_language_names
from dashboard.views.overview import annual_report_table, monthly_table
from queries.places import (
    select_local_government_counts,
    select_local_governments,
    select_organisation_counts,
    select_organisations,
)
from queries.reference import select_regions

CHILD_LEVEL = {"all": "region", "region": "local_government", "local_government": "organisation"}
CHILD_KEY = {"region": "region_id", "local_government": "local_government_id", "organisation": "organisation_id"}
COUNTS = (
    "requests",
    "answered",
    "completed",
    "not_completed",
    "unanswered",
    "in_progress",
    "no_show_client",
    "no_show_interpreter",
    "cancelled_client_late",
)
RATES = ("answer_rate", "no_show_client_rate", "no_show_interpreter_rate", "late_cancellation_rate")
FIGURES = (*COUNTS, *RATES)
RATE_DEFINITIONS = {rate.name: rate for rate in METRIC_RATES}
# Rates between organisations are only compared where their denominator holds at least this many requests: a
# rate over three requests says little about an organisation.
MIN_DENOMINATOR = 20
CONSISTENCY_METRICS = ("requests", *RATES)
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
PROFILE_KEYS = ("month", "modality", "language_id")
# The keys of the one query per period below the region level (see `place_counts`).
LEVEL_KEYS = {"local_government": ("organisation_id", "modality"), "organisation": PROFILE_KEYS}


@dataclass(frozen=True)
class Place:
    """Where a drill-down page stands, with the names of it and of the places above it."""

    level: str = "all"
    region_id: int | None = None
    region_code: str | None = None
    region_name: str | None = None
    local_government_id: int | None = None
    local_government_name: str | None = None
    organisation_id: int | None = None
    organisation_name: str | None = None
    sector: str | None = None
    has_agreement: bool | None = None


EVERYWHERE = Place()


# --- finding places from the path ---------------------------------------------------------------------------------


def find_region(data: DataAccess, code: str | None) -> Place | None:
    """The region with this code, or None (also for a code that is no string)."""
    if not isinstance(code, str):
        return None
    regions = data.fetch(select_regions)
    found = regions[regions.code == code]
    if found.empty:
        return None
    row = found.iloc[0]
    return Place("region", int(row.id), row.code, row["name"])


def find_local_government(data: DataAccess, region_code: str | None, local_government_id) -> Place | None:
    """The local government with this id in the region with this code, or None (also for a non-numeric id or
    a local government of another region)."""
    region, number = find_region(data, region_code), _number(local_government_id)
    if region is None or number is None:
        return None
    members = data.fetch(select_local_governments)
    found = members[(members.id == number) & (members.region_id == region.region_id)]
    if found.empty:
        return None
    return replace(
        region, level="local_government", local_government_id=number, local_government_name=found.iloc[0]["name"]
    )


def find_organisation(data: DataAccess, organisation_id) -> Place | None:
    """The organisation with this id, with its local government and region, or None."""
    number = _number(organisation_id)
    organisations = data.fetch(select_organisations)
    found = organisations[organisations.id == number] if number is not None else organisations.iloc[0:0]
    if found.empty:
        return None
    row = found.iloc[0]
    local_government = find_local_government(data, row.region_code, int(row.local_government_id))
    return replace(
        local_government,
        level="organisation",
        organisation_id=number,
        organisation_name=row["name"],
        sector=row.sector if isinstance(row.sector, str) else None,
        has_agreement=bool(row.has_agreement),
    )


def find_place(data: DataAccess, level: str, path: dict, scope: Scope) -> Place | None:
    """The place a page's path names (`path`: the path template's variables), or None when it names none (also
    for a forged path that is no mapping) or one outside the account's `scope` (so a forged path in a callback
    finds nothing either)."""
    place = _named_place(data, level, path)
    return place if place is not None and within_scope(place, scope) else None


def _named_place(data: DataAccess, level: str, path) -> Place | None:
    path = path if isinstance(path, dict) else {}
    if level == "all":
        return EVERYWHERE
    if level == "region":
        return find_region(data, path.get("region_code"))
    if level == "local_government":
        return find_local_government(data, path.get("region_code"), path.get("local_government_id"))
    return find_organisation(data, path.get("organisation_id"))


def _number(text) -> int | None:
    """A positive whole number written in plain digits, else None."""
    text = str(text) if text is not None else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


# --- the filters at a place -------------------------------------------------------------------------------------


def place_filters(filters: Filters, place: Place) -> Filters:
    """The filters as they apply at `place`: the path replaces the region (and for an organisation the sector)."""
    if place.level == "region":
        return replace(filters, region=(place.region_code,))
    if place.level == "local_government":
        return replace(filters, region=())
    if place.level == "organisation":
        return replace(filters, region=(), sector=())
    return filters


def overridden(filters: Filters, place: Place) -> tuple[str, ...]:
    """The filters the path sets aside because they would exclude the place: 'region' and/or 'sector'."""
    found = []
    if place.level != "all" and filters.region and place.region_code not in filters.region:
        found.append("region")
    if place.level == "organisation" and filters.sector and place.sector not in filters.sector:
        found.append("sector")
    return tuple(found)


def set_aside(data: DataAccess, filters: Filters, place: Place) -> dict[str, tuple[str, ...]]:
    """The filters the path sets aside (`overridden`), each with what it had chosen: the regions' names (the
    code of one it does not know), the sectors' codes."""
    found = overridden(filters, place)
    chosen = {}
    if "region" in found:
        regions = data.fetch(select_regions)
        names = dict(zip(regions.code, regions["name"]))
        chosen["region"] = tuple(names.get(code, code) for code in filters.region)
    if "sector" in found:
        chosen["sector"] = tuple(filters.sector)
    return chosen


def export_filters(filters: Filters, place: Place) -> Filters:
    """The filters of the export of the place's children: exports take filters only, so the path's region goes
    in as the region filter (below the region level the export holds the whole region's organisations)."""
    filters = place_filters(filters, place)
    return replace(filters, region=(place.region_code,)) if place.region_code is not None else filters


def place_counts(data: DataAccess, filters: Filters, place: Place, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Requests per status (and `keys`) in the slice at `place`.

    Below the region level the operational database answers, by the organisations' index: one query per
    period with the level's keys (LEVEL_KEYS) serves every table of the page, summed here to the keys asked.
    """
    applied = place_filters(filters, place)
    if place.level not in LEVEL_KEYS:
        return data.status_counts(applied, keys)
    builder, place_id = (
        (select_local_government_counts, place.local_government_id)
        if place.level == "local_government"
        else (select_organisation_counts, place.organisation_id)
    )
    level_keys = LEVEL_KEYS[place.level]
    if not set(keys) <= set(level_keys):
        return data.fetch(builder, applied, place_id, keys)
    counts = data.fetch(builder, applied, place_id, level_keys)
    return counts.groupby([*keys, "status"], as_index=False, dropna=False).n.sum()


# --- views --------------------------------------------------------------------------------------------------------


def place_figures(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> dict[str, int | float | None]:
    """The counts and rates of CONTRACT §3 for requests at `place` (interpreter figures are not counted here)."""
    return compute_kpis(bucket_counts(place_counts(data, filters, place)).iloc[0].to_dict())


def place_comparisons(
    data: DataAccess, filters: Filters, today: date, place: Place = EVERYWHERE
) -> tuple[dict, dict | None, dict | None]:
    """The place's figures now, in the previous period and a year earlier (`views.compared`)."""
    return compared(lambda applied: place_figures(data, applied, place), filters, today)


def children(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> pd.DataFrame:
    """One row per place one level down (all of them, zeros included; organisations of the chosen sectors):
    id, name, the counts and rates of FIGURES. Busiest first."""
    level = CHILD_LEVEL[place.level]
    key = CHILD_KEY[level]
    counts = _by_id(bucket_counts(place_counts(data, filters, place, (key,)), (key,)), key)
    members = _members(data, place_filters(filters, place), place, level)
    table = counts.reindex(members.id, fill_value=0).reset_index(names="id")
    table = members[["id", "name", *_member_columns(level)]].merge(with_rates(table), on="id")
    return table.sort_values(["requests", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _by_id(counts: pd.DataFrame, key: str) -> pd.DataFrame:
    """Counts indexed by the integer id in column `key` (the aggregate store may return ids as floats)."""
    return counts.set_index(counts[key].astype("int64")).drop(columns=key)


def _members(data: DataAccess, filters: Filters, place: Place, level: str) -> pd.DataFrame:
    """The places of `level` under `place` that the filters keep."""
    if level == "region":
        members = data.fetch(select_regions)
        return members[members.code.isin(filters.region)] if filters.region else members
    if level == "local_government":
        members = data.fetch(select_local_governments)
        return members[members.region_id == place.region_id]
    members = data.fetch(select_organisations)
    members = members[members.local_government_id == place.local_government_id]
    return members[members.sector.isin(filters.sector)] if filters.sector else members


def _member_columns(level: str) -> tuple[str, ...]:
    return {"region": ("code",), "local_government": ("nis_code",), "organisation": ("sector",)}[level]


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """`counts` (requests and the buckets, per row) with the rates of RATES as metrics defines them, each empty
    (None) on a zero denominator."""
    return rates_of(
        counts, {name: (RATE_DEFINITIONS[name].numerator, RATE_DEFINITIONS[name].denominator(counts)) for name in RATES}
    )


def place_modalities(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> pd.DataFrame:
    """Per modality (each one of the slice, zeros included): the counts and rates of FIGURES."""
    counts = bucket_counts(place_counts(data, filters, place, ("modality",)), ("modality",)).set_index("modality")
    table = counts.reindex(list(filters.modality or codes.MODALITIES), fill_value=0).reset_index(names="modality")
    return with_rates(table)[["modality", *FIGURES]]


@dataclass(frozen=True, eq=False)
class PlaceView:
    """What every place's page shows of the place itself (see `place_view`)."""

    place: Place
    compared: tuple[dict, dict | None, dict | None]  # its figures now, in the previous period and a year earlier
    set_aside: dict[str, tuple[str, ...]]  # the filters its path sets aside, with what they had chosen
    modalities: pd.DataFrame  # its figures per modality
    export_filters: Filters  # the filters of its children's export


def place_view(data: DataAccess, filters: Filters, place: Place, today: date) -> PlaceView:
    """The place's figures (compared), the filters its path sets aside, its modalities and its export's filters."""
    return PlaceView(
        place,
        place_comparisons(data, filters, today, place),
        set_aside(data, filters, place),
        place_modalities(data, filters, place),
        export_filters(filters, place),
    )


# --- an organisation's own statistics -----------------------------------------------------------------------------


def _profile(data: DataAccess, filters: Filters, place: Place) -> pd.DataFrame:
    """Counts per month, modality, language and status, for the tables of an organisation's page."""
    return place_counts(data, filters, place, PROFILE_KEYS)


def place_monthly(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> pd.DataFrame:
    """Per month of the period and modality: requests, answered, completed, not completed, unanswered, in
    progress (months without requests as 0), as the overview's `monthly` view."""
    return monthly_table(_profile(data, filters, place), filters)


def place_outcomes(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> pd.DataFrame:
    """The annual report's table at the place: one row per figure, one column per modality, then the total."""
    return annual_report_table(_profile(data, filters, place), filters)


def place_parties(data: DataAccess, filters: Filters, place: Place = EVERYWHERE) -> pd.DataFrame:
    """Assigned requests not carried out, per status and the party that caused it: party, status, count, and
    the count as a share of the answered requests (empty when none was answered)."""
    counts = _profile(data, filters, place).groupby("status").n.sum()
    answered = int(counts.reindex(list(codes.ANSWERED), fill_value=0).sum())
    statuses = [(party, status) for party in codes.PARTIES for status in codes.party_statuses(party)]
    rows = [(party, status, int(counts.get(status, 0))) for party, status in statuses]
    table = pd.DataFrame(rows, columns=["party", "status", "count"])
    return rates_of(table, {"share_rate": ("count", pd.Series(answered, index=table.index))})


def place_languages(data: DataAccess, filters: Filters, place: Place = EVERYWHERE, lang: str = "nl") -> pd.DataFrame:
    """Per language with requests at the place: code, name, the counts and rates of FIGURES; busiest first."""
    counts = bucket_counts(_profile(data, filters, place), ("language_id",))
    table = with_language_names(data, with_rates(counts), lang)
    table = table.sort_values(["requests", "language_code"], ascending=[False, True], kind="stable")
    return table[["language_code", "language", *FIGURES]].reset_index(drop=True)


# --- regional consistency -----------------------------------------------------------------------------------------


def organisation_spread(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """Per organisation with requests in the slice: id, name, sector, region code, the counts and rates of
    FIGURES; a rate is left empty where its denominator is below MIN_DENOMINATOR."""
    counts = bucket_counts(data.status_counts(filters, ("organisation_id",)), ("organisation_id",))
    counts = counts[counts.requests > 0]
    table = with_rates(counts).rename(columns={"organisation_id": "id"})
    for rate in RATES:
        table[rate] = table[rate].where(RATE_DEFINITIONS[rate].denominator(table) >= MIN_DENOMINATOR, None)
    organisations = data.fetch(select_organisations)[["id", "name", "sector", "region_code"]]
    return organisations.merge(table, on="id")[["id", "name", "sector", "region_code", *FIGURES]]


def spread_quantiles(spread: pd.DataFrame, by: str, metric: str) -> pd.DataFrame:
    """Per value of `by` (sector or region_code; an empty sector as None): the number of organisations with a
    value of `metric`, and its quantiles p10, p25, median, p75, p90 between them."""
    columns = [by, "organisations", *(_quantile_name(q) for q in QUANTILES)]
    rows = []
    for group, values in spread.assign(group=spread[by].fillna("")).groupby("group", sort=True)[metric]:
        values = values.dropna().astype("float64")
        if not values.empty:
            rows.append([group or None, len(values), *(float(values.quantile(q)) for q in QUANTILES)])
    return pd.DataFrame(rows, columns=columns)


WHISKER_IQR = 1.5  # Tukey's fences: a whisker reaches the furthest value within 1.5 box lengths of its box


@dataclass(frozen=True)
class Box:
    """One group's box of a spread chart, computed here so that the chart draws the quartiles of the table beside
    it (pandas' linear quantiles, as spread_quantiles) and sends only the points it draws, the outliers."""

    q1: float
    median: float
    q3: float
    lower_fence: float  # the smallest value at or above q1 - 1.5 IQR
    upper_fence: float  # the largest value at or below q3 + 1.5 IQR
    outliers: pd.DataFrame  # the rows of the values beyond the fences


def spread_box(rows: pd.DataFrame, metric: str) -> Box | None:
    """The box of `metric` between `rows` (one organisation each); None when none of them has a value."""
    rows = rows.dropna(subset=[metric])
    if rows.empty:
        return None
    values = rows[metric].astype("float64")
    q1, median, q3 = (float(values.quantile(q)) for q in (0.25, 0.5, 0.75))
    reach = WHISKER_IQR * (q3 - q1)
    inside = values.between(q1 - reach, q3 + reach)
    return Box(q1, median, q3, float(values[inside].min()), float(values[inside].max()), rows[~inside])


def _quantile_name(q: float) -> str:
    return "median" if q == 0.5 else f"p{round(q * 100)}"


# --- exports ------------------------------------------------------------------------------------------------------


def regions_table(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The `regions` export: per region (of the region filter), code, name, counts and rates."""
    table = children(data, filters, EVERYWHERE).rename(columns={"code": "region_code", "name": "region"})
    return table[["region_code", "region", *FIGURES]]


def local_governments_table(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The `local-governments` export: per local government (of the region filter), its region, counts, rates."""
    counts = bucket_counts(data.status_counts(filters, ("local_government_id",)), ("local_government_id",))
    members = data.fetch(select_local_governments)
    if filters.region:
        members = members[members.region_code.isin(filters.region)]
    table = with_rates(_by_id(counts, "local_government_id").reindex(members.id, fill_value=0).reset_index(names="id"))
    table = members.merge(table, on="id").rename(columns={"id": "local_government_id", "name": "local_government"})
    table = table.sort_values(["region_code", "local_government"], kind="stable")
    return table[["region_code", "local_government_id", "local_government", "nis_code", *FIGURES]].reset_index(
        drop=True
    )


def organisations_table(data: DataAccess, filters: Filters) -> pd.DataFrame:
    """The `organisations` export: per organisation (of the region and sector filters), its local government and
    region, counts and rates."""
    counts = bucket_counts(data.status_counts(filters, ("organisation_id",)), ("organisation_id",))
    members = data.fetch(select_organisations)
    if filters.region:
        members = members[members.region_code.isin(filters.region)]
    if filters.sector:
        members = members[members.sector.isin(filters.sector)]
    table = with_rates(_by_id(counts, "organisation_id").reindex(members.id, fill_value=0).reset_index(names="id"))
    names = data.fetch(select_local_governments)[["id", "name"]].rename(
        columns={"id": "local_government_id", "name": "local_government"}
    )
    table = (
        members.merge(table, on="id")
        .merge(names, on="local_government_id")
        .rename(columns={"id": "organisation_id", "name": "organisation"})
    )
    table = table.sort_values(["region_code", "local_government", "organisation"], kind="stable")
    return table[
        [
            "region_code",
            "local_government_id",
            "local_government",
            "organisation_id",
            "organisation",
            "sector",
            *FIGURES,
        ]
    ].reset_index(drop=True)


EXPORTS = {
    "regions": lambda context, filters, lang: regions_table(context.data, filters),
    "local-governments": lambda context, filters, lang: local_governments_table(context.data, filters),
    "organisations": lambda context, filters, lang: organisations_table(context.data, filters),
}


def within_scope(place: Place, scope: Scope) -> bool:
    """Whether an account of `scope` may open the drill-down page of `place`: an organisation's account its own
    organisation only, a region account the places of its regions (and the list of regions, which shows only
    those)."""
    if scope.organisation is not None:
        return place.level == "organisation" and place.organisation_id == scope.organisation
    if scope.regions:
        return place.level == "all" or place.region_code in scope.regions
    return True
