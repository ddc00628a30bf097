"""The slowly changing part of the demo world: regions, local governments, organisations, languages, interpreters.

Everything here is drawn from one seeded generator, so the same seed gives the same world.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dashboard.demo import calibration as cal
from dashboard.demo import reference as ref

# Relative capacity of an active interpreter of each kind, and how readily matchers pick that kind
# (certified first, as the decree of 2013 asks; DOMAIN §1.4).
KIND_CAPACITY = {"certified": 3.0, "sworn": 2.0, "in_training": 1.0, "crisis": 1.0, "commercial": 2.5, "taalhulp": 1.0}
KIND_PRIORITY = {"certified": 1.0, "sworn": 0.7, "in_training": 0.8, "crisis": 0.9, "commercial": 0.3, "taalhulp": 1.0}
# Share of registered interpreters who take (almost) no assignments (DOMAIN §5.4: register is not supply).
INACTIVE_SHARE = {
    "certified": 0.35,
    "sworn": 0.3,
    "in_training": 0.3,
    "crisis": 0.35,
    "commercial": 0.1,
    "taalhulp": 0.3,
}


@dataclass(frozen=True)
class Population:
    """The demo world as small data frames, in the shape of the contract's tables plus generator-only columns."""

    regions: pd.DataFrame  # id, code, name, weight
    local_governments: pd.DataFrame  # id, region_id, name, nis_code, weight, has_pool
    organisations: pd.DataFrame  # id, local_government_id, name, sector, has_agreement, region_id, true_sector, weight
    languages: pd.DataFrame  # id, code, name_nl, name_en, share, register, others
    interpreters: pd.DataFrame  # id, kind, region_id, local_government_id, registered_on, left_on, capacity
    interpreter_languages: pd.DataFrame  # interpreter_id, language_id


def build_population(rng: np.random.Generator, scale: float) -> Population:
    """Draw the demo world; interpreter numbers grow with `scale` so that rates stay calibrated."""
    regions = pd.DataFrame(
        [(i + 1, code, name, weight) for i, (code, name, weight) in enumerate(ref.REGIONS)],
        columns=["id", "code", "name", "weight"],
    )
    local_governments = _local_governments(rng, regions)
    organisations = _organisations(rng, local_governments)
    languages = pd.DataFrame(
        [
            (i + 1, lang.code, lang.name_nl, lang.name_en, lang.share, lang.register, lang.others)
            for i, lang in enumerate(ref.LANGUAGES)
        ],
        columns=["id", "code", "name_nl", "name_en", "share", "register", "others"],
    )
    interpreters, interpreter_languages = _interpreters(rng, scale, regions, local_governments, languages)
    return Population(regions, local_governments, organisations, languages, interpreters, interpreter_languages)


def _local_governments(rng: np.random.Generator, regions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    region_ids = dict(zip(regions.code, regions.id))
    for code, entries in ref.LOCAL_GOVERNMENTS.items():
        for name, weight, nis in entries:
            rows.append((len(rows) + 1, region_ids[code], name, nis, float(weight)))
    frame = pd.DataFrame(rows, columns=["id", "region_id", "name", "nis_code", "weight"])
    frame["has_pool"] = rng.random(len(frame)) < cal.TAALHULP_POOL_SHARE_OF_LGS
    return frame


def _organisations(rng: np.random.Generator, local_governments: pd.DataFrame) -> pd.DataFrame:
    sectors = list(ref.SECTOR_WEIGHTS)
    sector_p = np.array([ref.SECTOR_WEIGHTS[s] for s in sectors])
    rows = []
    for lg in local_governments.itertuples():
        count = max(3, int(round(lg.weight * ref.ORGANISATIONS_PER_WEIGHT * rng.uniform(0.7, 1.3))))
        used: set[str] = set()
        for sector in rng.choice(sectors, size=count, p=sector_p / sector_p.sum()):
            patterns = ref.ORGANISATION_PATTERNS[sector]
            name = patterns[rng.integers(len(patterns))].format(lg=lg.name)
            suffix = 2
            base = name
            while name in used:
                name, suffix = f"{base} ({suffix})", suffix + 1
            used.add(name)
            rows.append((len(rows) + 1, lg.id, name, str(sector), lg.region_id))
    frame = pd.DataFrame(rows, columns=["id", "local_government_id", "name", "true_sector", "region_id"])
    sector_weight = frame.true_sector.map(ref.SECTOR_WEIGHTS) / frame.true_sector.map(
        frame.true_sector.value_counts(normalize=True)
    )
    lg_weight = frame.local_government_id.map(local_governments.set_index("id").weight)
    # Use intensity differs strongly between organisations of one sector ("arbitrary use", DOMAIN §6.2).
    frame["weight"] = sector_weight * np.sqrt(lg_weight) * rng.lognormal(0.0, 1.2, len(frame))
    frame["sector"] = frame.true_sector.where(rng.random(len(frame)) >= ref.EMPTY_SECTOR_SHARE, None)
    in_pool = frame.local_government_id.map(local_governments.set_index("id").has_pool)
    frame["has_agreement"] = ~(in_pool & (rng.random(len(frame)) < 0.15))
    return frame


def _interpreters(rng, scale, regions, local_governments, languages):
    """Interpreters of every kind with their languages; see the module constants for their behaviour."""
    people: list[tuple] = []  # kind, region_id, local_government_id, registered_on, left_on, language ids
    lang_ids = dict(zip(languages.code, languages.id))
    region_p = regions.weight.to_numpy(float) / regions.weight.sum()

    def add(kind, language_ids, registered_on, left_on=None, region_id=None, lg_id=None):
        if region_id is None and lg_id is None:
            region_id = int(rng.choice(regions.id, p=region_p))
        people.append((kind, region_id, lg_id, registered_on, left_on, tuple(language_ids)))

    for lang in languages.itertuples():
        _certified(rng, scale, lang, add)
        _others(rng, scale, lang, add)
    _ukraine_response(rng, scale, lang_ids, add)
    _taalhulp_pools(rng, scale, local_governments, languages, add)

    frame = pd.DataFrame(
        people, columns=["kind", "region_id", "local_government_id", "registered_on", "left_on", "language_ids"]
    )
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    base = frame.kind.map(KIND_CAPACITY).to_numpy(float)
    inactive = rng.random(len(frame)) < frame.kind.map(INACTIVE_SHARE).to_numpy(float)
    frame["capacity"] = np.where(inactive, 0.0, base * rng.lognormal(0.0, 0.7, len(frame)))
    pairs = frame[["id", "language_ids"]].explode("language_ids")
    interpreter_languages = pd.DataFrame(
        {"interpreter_id": pairs.id.to_numpy(int), "language_id": pairs.language_ids.to_numpy(int)}
    ).drop_duplicates()
    return frame.drop(columns="language_ids"), interpreter_languages


def _random_dates(rng, start: date, end: date, size: int) -> list[date]:
    days = (end - start).days
    return [date.fromordinal(start.toordinal() + int(d)) for d in rng.integers(0, max(days, 1), size)]


def _certified(rng, scale, lang, add) -> None:
    """The register: exactly `lang.register` certified interpreters registered on 31 December 2022."""
    present = int(round(lang.register * scale))
    end_2022 = date(2022, 12, 31)
    for registered in _random_dates(rng, date(2008, 1, 1), end_2022, present):
        left = None
        if rng.random() < 0.15:
            left = _random_dates(rng, date(2023, 1, 2), date(2026, 10, 1), 1)[0]
        add("certified", [lang.id], registered, left)
    for _ in range(int(round(lang.register * 0.3 * scale))):  # left before the end of 2022
        registered = _random_dates(rng, date(2008, 1, 1), date(2021, 6, 1), 1)[0]
        left = _random_dates(rng, max(registered, date(2015, 1, 1)), end_2022, 1)[0]
        add("certified", [lang.id], registered, left)
    for registered in _random_dates(rng, date(2023, 1, 1), date(2026, 9, 30), int(round(lang.register * 0.4 * scale))):
        add("certified", [lang.id], registered)  # newly certified since 2023 (65 passed in 2022, DOMAIN §5.5)


def _others(rng, scale, lang, add) -> None:
    """Sworn interpreters, interpreters in training and the commercial provider for the language."""
    for _ in range(int(round(lang.others * scale))):
        kind = rng.choice(["sworn", "in_training", "commercial"], p=[0.3, 0.5, 0.2])
        start = date(2022, 10, 1) if kind == "commercial" else date(2016, 1, 1)
        registered = _random_dates(rng, start, date(2025, 12, 31), 1)[0]
        left = None
        if kind == "in_training":  # a training track ends after about two years
            left = date.fromordinal(registered.toordinal() + int(rng.integers(300, 900)))
        add(str(kind), [lang.id], registered, left)


def _ukraine_response(rng, scale, lang_ids, add) -> None:
    """DOMAIN §5.6: 54 crisis interpreters, 8 sworn, 12 in training for Ukrainian; Global Talk for uk and ru."""
    uk, ru = lang_ids["uk"], lang_ids["ru"]
    for _ in range(int(round(54 * scale))):
        registered = _random_dates(rng, date(2022, 3, 10), date(2022, 7, 1), 1)[0]
        left = _random_dates(rng, date(2023, 3, 1), date(2025, 6, 1), 1)[0] if rng.random() < 0.4 else None
        add("crisis", [uk, ru] if rng.random() < 0.6 else [uk], registered, left)
    for _ in range(int(round(8 * scale))):
        add("sworn", [uk, ru], _random_dates(rng, date(2022, 4, 1), date(2022, 9, 1), 1)[0])
    for _ in range(int(round(12 * scale))):
        registered = _random_dates(rng, date(2022, 4, 1), date(2022, 8, 1), 1)[0]
        add("in_training", [uk], registered, date.fromordinal(registered.toordinal() + int(rng.integers(400, 800))))
    for _ in range(int(round(20 * scale))):
        add("commercial", [uk, ru] if rng.random() < 0.5 else [uk], date(2022, 10, 1))


def _taalhulp_pools(rng, scale, local_governments, languages, add) -> None:
    """Volunteer language helpers in the pools of some local governments, each with one or two languages."""
    pool_codes = [c for c in ref.TAALHULP_LANGUAGES]
    shares = languages.set_index("code").loc[pool_codes, "share"].to_numpy(float) + 1.0
    pool_lang_ids = languages.set_index("code").loc[pool_codes, "id"].to_numpy(int)
    for lg in local_governments[local_governments.has_pool].itertuples():
        for _ in range(int(round(rng.integers(4, 14) * np.sqrt(lg.weight) * scale))):
            count = 1 + int(rng.random() < 0.35)
            spoken = rng.choice(pool_lang_ids, size=count, replace=False, p=shares / shares.sum())
            registered = _random_dates(rng, date(2020, 9, 1), date(2026, 6, 1), 1)[0]
            left = _random_dates(rng, registered, date(2026, 11, 1), 1)[0] if rng.random() < 0.25 else None
            add("taalhulp", [int(s) for s in spoken], registered, left, region_id=lg.region_id, lg_id=lg.id)
