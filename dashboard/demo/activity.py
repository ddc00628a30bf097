"""One month of requests: who asks, for which language and when; whether an interpreter is found; what happens.

Shortages are not flagged: a request is matched with probability min(1, k * capacity / demand) in its bucket
(language x region for on-site work, language x modality for remote work), where capacity is the summed
capacity of the interpreters registered that month, scaled down for requests made at short notice
(`short_notice_factor`). One factor `k` per modality is calibrated once so that 2022
reproduces the annual report's "not available" rates; every other year and language follows from supply and
demand. Taalhulp requests go through invitations to the local pool instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.demo import calibration as cal
from dashboard.demo.population import KIND_PRIORITY, Population

BRUSSELS = "Europe/Brussels"
MINUTE = np.timedelta64(1, "m")
HOUR = np.timedelta64(1, "h")
DAY = np.timedelta64(1, "D")
# Hour-of-day weights (0..23) of requests registered by organisations and matchers.
OFFICE_HOURS = np.array(
    [0, 0, 0, 0, 0, 0, 0, 0.2, 1.0, 1.4, 1.4, 1.2, 0.6, 1.1, 1.2, 1.0, 0.7, 0.3, 0.08, 0.05, 0.03, 0.01, 0, 0],
    dtype=float,
)
PHONE_HOURS_LONG = OFFICE_HOURS.copy()  # Monday, Tuesday, Thursday: phone service until 19:00
PHONE_HOURS_LONG[17:19] = [0.6, 0.45]
PHONE_HOURS = OFFICE_HOURS.copy()
PHONE_HOURS[17:] = 0
# Hour-of-day weights of the start of a booked appointment.
APPOINTMENT_HOURS = np.zeros(24)
APPOINTMENT_HOURS[8:17] = [0.6, 1.2, 1.2, 1.0, 0.3, 1.0, 1.1, 0.9, 0.4]


@dataclass(frozen=True)
class Month:
    """A calendar month in Brussels time, with the generator's view of "now"."""

    year: int
    month: int
    now: np.datetime64  # UTC, seconds

    @property
    def first_day(self) -> np.datetime64:
        return np.datetime64(f"{self.year:04d}-{self.month:02d}-01", "D")

    @property
    def next_first_day(self) -> np.datetime64:
        return (np.datetime64(f"{self.year:04d}-{self.month:02d}", "M") + 1).astype("datetime64[D]")

    def at_least(self, year_month: tuple[int, int]) -> bool:
        """Whether this month is `year_month` or later."""
        return (self.year, self.month) >= year_month


def to_utc(local: np.ndarray) -> np.ndarray:
    """Brussels wall-clock times (naive datetime64) to UTC (naive datetime64[s])."""
    index = pd.DatetimeIndex(local).tz_localize(
        BRUSSELS, ambiguous=np.ones(len(local), dtype=bool), nonexistent="shift_forward"
    )
    return index.tz_convert("UTC").tz_localize(None).to_numpy().astype("datetime64[s]")


def to_local(utc: np.ndarray) -> np.ndarray:
    """UTC (naive datetime64) to Brussels wall-clock time (naive datetime64[s])."""
    index = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(BRUSSELS).tz_localize(None)
    return index.to_numpy().astype("datetime64[s]")


def _times_of_day(rng, weights: np.ndarray, size: int) -> np.ndarray:
    hours = rng.choice(24, size=size, p=weights / weights.sum())
    return hours * 60 + rng.integers(0, 60, size)


# --- demand -----------------------------------------------------------------------------------------------------


def sample_demand(rng, world: Population, month: Month, counts: dict[str, int], lang_p: np.ndarray) -> pd.DataFrame:
    """The month's requests before any outcome: organisation, language, service and times (UTC)."""
    parts = [_sample_modality(rng, world, month, modality, n, lang_p) for modality, n in counts.items() if n > 0]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if frame.empty:
        return frame
    frame = frame[frame.requested_at <= month.now]
    return frame.sort_values("requested_at", kind="stable").reset_index(drop=True)


def _request_days(rng, month: Month, modality: str, size: int) -> np.ndarray:
    days = np.arange(month.first_day, month.next_first_day)
    weekday = (days.astype("datetime64[D]").view("int64") - 4) % 7  # 1970-01-05 was a Monday
    weights = np.array(cal.WEEKDAY_WEIGHTS)[weekday]
    if modality == "phone" and not month.at_least(cal.COMMERCIAL_FROM):
        weights = np.where(weekday >= 5, 0.0, weights)
    return rng.choice(days, size=size, p=weights / weights.sum())


def _sample_modality(rng, world, month: Month, modality: str, size: int, lang_p: np.ndarray) -> pd.DataFrame:
    orgs = world.organisations
    weights = orgs.weight.to_numpy(float) * _sector_season(orgs, month)
    taalhulp_possible = modality in ("onsite", "phone") and month.at_least(cal.TAALHULP_FROM)
    if not taalhulp_possible:
        weights = np.where(orgs.has_agreement, weights, 0.0)
    org_idx = rng.choice(len(orgs), size=size, p=weights / weights.sum())
    region_idx = orgs.region_id.to_numpy()[org_idx] - 1
    lang_idx = np.empty(size, dtype=int)
    for r in np.unique(region_idx):
        mask = region_idx == r
        lang_idx[mask] = rng.choice(lang_p.shape[1], size=mask.sum(), p=lang_p[r])
    service = _choose_service(rng, world, orgs, org_idx, lang_idx, taalhulp_possible)
    day = _request_days(rng, month, modality, size)
    weekday = (day.view("int64") - 4) % 7
    if modality == "phone":
        long_day = np.isin(weekday, (0, 1, 3))
        minutes = np.where(long_day, _times_of_day(rng, PHONE_HOURS_LONG, size), _times_of_day(rng, PHONE_HOURS, size))
    else:
        minutes = _times_of_day(rng, OFFICE_HOURS, size)
    requested_local = (
        day.astype("datetime64[s]") + minutes * MINUTE + rng.integers(0, 60, size).astype("timedelta64[s]")
    )
    sector = orgs.true_sector.to_numpy()[org_idx]
    scheduled_local, duration, evening = _schedule(rng, month, modality, requested_local, sector)
    return pd.DataFrame(
        {
            "organisation_id": orgs.id.to_numpy()[org_idx],
            "local_government_id": orgs.local_government_id.to_numpy()[org_idx],
            "region_id": region_idx + 1,
            "sector": sector,
            "language_id": world.languages.id.to_numpy()[lang_idx],
            "modality": modality,
            "service": service,
            "requested_at": to_utc(requested_local),
            "scheduled_start": to_utc(scheduled_local),
            "duration_min": duration,
            "evening": evening,
        }
    )


def _sector_season(orgs: pd.DataFrame, month: Month) -> np.ndarray:
    factor = np.ones(len(orgs))
    factor[orgs.true_sector.to_numpy() == "education"] = cal.EDUCATION_MONTH_FACTORS[month.month - 1]
    return factor


def _choose_service(rng, world, orgs, org_idx, lang_idx, taalhulp_possible: bool) -> np.ndarray:
    """Taalhulp where the organisation's local pool offers the language (always, without an agreement)."""
    service = np.full(len(org_idx), "interpreter", dtype=object)
    if not taalhulp_possible:
        return service
    pool_langs = _pool_languages(world)
    lg = orgs.local_government_id.to_numpy()[org_idx]
    lang_id = world.languages.id.to_numpy()[lang_idx]
    offered = np.fromiter(((g, lang) in pool_langs for g, lang in zip(lg, lang_id)), dtype=bool, count=len(lg))
    agreement = orgs.has_agreement.to_numpy(bool)[org_idx]
    wants = ~agreement | (rng.random(len(lg)) < cal.TAALHULP_SHARE_IN_POOL)
    service[offered & wants] = "taalhulp"
    # Without an agreement and without a helper for the language, the request still goes to the pool.
    service[~agreement] = "taalhulp"
    return service


def _pool_languages(world: Population) -> set[tuple[int, int]]:
    helpers = world.interpreters[world.interpreters.kind == "taalhulp"][["id", "local_government_id"]]
    pairs = helpers.merge(world.interpreter_languages, left_on="id", right_on="interpreter_id")
    return set(zip(pairs.local_government_id.astype(int), pairs.language_id.astype(int)))


def _schedule(rng, month: Month, modality: str, requested_local: np.ndarray, sector: np.ndarray):
    """Scheduled start (Brussels time), booked minutes and whether it is an evening appointment (the lead-time
    distributions of `calibration`: phone often at once, on site mostly days ahead, parent evenings planned)."""
    size = len(requested_local)
    day = requested_local.astype("datetime64[D]")
    u = rng.random(size)
    if modality == "phone":
        ad_hoc = u < cal.PHONE_AD_HOC_SHARE
        same_day = ~ad_hoc & (u < cal.PHONE_AD_HOC_SHARE + cal.PHONE_SAME_DAY_SHARE)
        lead = rng.integers(1, 11, size)
        minutes = _times_of_day(rng, PHONE_HOURS, size)
        start = _weekday(day + lead * DAY).astype("datetime64[s]") + minutes * MINUTE
        start = np.where(same_day, requested_local + rng.integers(60, 300, size) * MINUTE, start)
        start = np.where(ad_hoc, requested_local + rng.integers(1, 10, size) * MINUTE, start)
        duration = np.where(ad_hoc, rng.integers(8, 31, size), rng.choice([15, 20, 30, 45], size))
        return start, duration, np.zeros(size, dtype=bool)
    if modality == "translation":
        lead = np.where(u < cal.TRANSLATION_URGENT_SHARE, rng.integers(1, 3, size), rng.integers(5, 21, size))
        start = _weekday(day + lead * DAY).astype("datetime64[s]") + 17 * HOUR
        return start, np.full(size, None, dtype=object), np.zeros(size, dtype=bool)
    if modality == "video":
        urgent, short = cal.VIDEO_URGENT_SHARE, cal.VIDEO_SHORT_SHARE
        lead = np.clip(np.round(rng.lognormal(np.log(5), 0.6, size)), 3, 30).astype(int)
        duration = rng.choice([20, 30], size, p=[0.3, 0.7])
    else:
        urgent = pd.Series(sector).map(cal.ONSITE_URGENT_SHARE).fillna(cal.ONSITE_URGENT_DEFAULT).to_numpy(float)
        short = cal.ONSITE_SHORT_SHARE
        lead = np.clip(np.round(rng.lognormal(np.log(10), 0.6, size)), 3, 45).astype(int)
        duration = rng.choice([60, 90, 120, 180], size, p=[0.5, 0.25, 0.2, 0.05])
    lead = np.where(u < urgent + short, rng.integers(1, 3, size), lead)
    minutes = _times_of_day(rng, APPOINTMENT_HOURS, size)
    evening = np.zeros(size, dtype=bool)
    if modality == "onsite":
        peak = cal.EDUCATION_MONTH_FACTORS[month.month - 1] > 1.1
        evening = ((sector == "education") & peak & (rng.random(size) < 0.45)) | (
            (sector == "health") & (rng.random(size) < 0.10)
        )
        minutes = np.where(evening, rng.integers(17 * 60, 20 * 60, size) // 15 * 15, minutes)
        lead = np.where(evening & (sector == "education"), rng.integers(7, 22, size), lead)  # parent evenings
    start = _weekday(day + lead * DAY).astype("datetime64[s]") + minutes * MINUTE
    # Urgent: later the same day, two to six hours after the request.
    start = np.where(u < urgent, requested_local + rng.integers(120, 360, size) // 15 * 15 * MINUTE, start)
    return start, duration, evening


def _weekday(days: np.ndarray) -> np.ndarray:
    """Move Saturdays and Sundays to the next Monday."""
    weekday = (days.view("int64") - 4) % 7
    return days + np.where(weekday >= 5, 7 - weekday, 0) * DAY


# --- supply and matching ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Supply:
    """Interpreter-language pairs registered in one month, with what each may do."""

    pairs: pd.DataFrame  # interpreter_id, language_id, kind, region_id, local_government_id, capacity, weight
    offered_languages: frozenset[int]

    @classmethod
    def for_month(cls, world: Population, month: Month) -> Supply:
        people = world.interpreters
        start, end = month.first_day, month.next_first_day
        registered = pd.to_datetime(people.registered_on).to_numpy().astype("datetime64[D]")
        left = pd.to_datetime(people.left_on).to_numpy().astype("datetime64[D]")
        active = (registered < end) & (np.isnat(left) | (left > start))
        pairs = people[active].merge(world.interpreter_languages, left_on="id", right_on="interpreter_id")
        pairs = pairs.assign(weight=pairs.capacity * pairs.kind.map(KIND_PRIORITY))
        pairs = pairs[
            ["interpreter_id", "language_id", "kind", "region_id", "local_government_id", "capacity", "weight"]
        ]
        offered = frozenset(pairs.loc[pairs.kind != "taalhulp", "language_id"].astype(int))
        return cls(pairs, offered)

    def eligible(self, modality: str, month: Month) -> pd.DataFrame:
        """Pairs that may take work of `modality` this month."""
        pairs = self.pairs[self.pairs.kind != "taalhulp"]
        if modality == "onsite":
            excluded = ["commercial"] + (["crisis"] if month.at_least(cal.CRISIS_REMOTE_ONLY_FROM) else [])
            return pairs[~pairs.kind.isin(excluded)]
        if modality == "translation":
            return pairs[pairs.kind.isin(["certified", "sworn", "commercial"])]
        return pairs


def bucket_keys(frame: pd.DataFrame) -> pd.Series:
    """Matching bucket of each request: on-site work needs an interpreter of the region."""
    region = np.where(frame.modality == "onsite", frame.region_id, 0)
    return frame.modality + ":" + frame.language_id.astype(str) + ":" + pd.Series(region, index=frame.index).astype(str)


def matching_pressure(frame: pd.DataFrame, supply: Supply, month: Month) -> tuple[np.ndarray, np.ndarray]:
    """Per interpreter-service request: capacity per unit of demand in its bucket, and a factor for hard cases.

    The ratio is scaled by `short_notice_factor`: a request made shortly before its start meets only the
    capacity still free. The factor is 0 where the language is not on offer at all and 0.6 for evening
    appointments in health care (DOMAIN §6: evening consultations are hard to cover); taalhulp requests get
    ratio 0 (they use invitations).
    """
    ratio = np.zeros(len(frame))
    keys = bucket_keys(frame)
    other = frame.modality.map(cal.OTHER_REASON_RATE).to_numpy(float)
    for modality in codes.MODALITIES:
        mask = (frame.modality == modality).to_numpy() & (frame.service == "interpreter").to_numpy()
        if not mask.any():
            continue
        eligible = supply.eligible(modality, month)
        capacity = eligible.capacity.groupby(bucket_keys(eligible.assign(modality=modality))).sum()
        demand = pd.Series(1.0 - other[mask]).groupby(keys[mask].to_numpy()).sum()
        ratio[mask] = (capacity.reindex(demand.index).fillna(0.0) / demand).reindex(keys[mask].to_numpy()).to_numpy()
    ratio *= short_notice_factor(frame.modality.to_numpy(), lead_hours(frame))
    factor = np.where(frame.evening.to_numpy(bool) & (frame.sector == "health").to_numpy(), 0.6, 1.0)
    factor[~frame.language_id.isin(supply.offered_languages).to_numpy()] = 0.0
    return ratio, factor


def lead_hours(frame: pd.DataFrame) -> np.ndarray:
    """Booking lead time of each request in real hours: scheduled start − requested at (both UTC)."""
    lead = frame.scheduled_start.to_numpy("datetime64[s]") - frame.requested_at.to_numpy("datetime64[s]")
    return lead.astype("timedelta64[s]").astype(float) / 3600


def short_notice_factor(modality: np.ndarray, hours: np.ndarray) -> np.ndarray:
    """The share of capacity a request of `modality` made `hours` before its start can draw on
    (`calibration.SHORT_NOTICE_CAPACITY` per lead-time band of `codes.LEAD_TIME_BANDS`); 1 where the lead time
    is unknown. The matching model's capacity is multiplied by it: probability min(1, k × capacity × factor /
    demand)."""
    modality = np.asarray(modality)
    hours = np.asarray(hours, dtype=float)
    bounds = [bound for _, bound in codes.LEAD_TIME_BANDS if bound is not None]
    band = np.searchsorted(np.array(bounds, dtype=float), hours, side="right")
    factor = np.ones(len(hours))
    for name, by_band in cal.SHORT_NOTICE_CAPACITY.items():
        rows = modality == name
        factor[rows] = np.array(by_band)[band[rows]]
    factor[np.isnan(hours)] = 1.0
    return factor


def fill_probability(ratio: np.ndarray, factor: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Probability of a match: min(1, k * capacity / demand), times the hard-case factor."""
    return np.minimum(1.0, k * ratio) * factor


def taalhulp_pool_sizes(frame: pd.DataFrame, supply: Supply) -> np.ndarray:
    """Helpers in the organisation's pool who speak the language, per request."""
    helpers = supply.pairs[(supply.pairs.kind == "taalhulp") & (supply.pairs.capacity > 0)]
    sizes = helpers.groupby(["local_government_id", "language_id"]).size()
    index = pd.MultiIndex.from_arrays([frame.local_government_id, frame.language_id])
    return sizes.reindex(index).fillna(0).to_numpy(int)
