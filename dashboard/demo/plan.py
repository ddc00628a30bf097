"""How many requests each month gets, per modality, and which languages they ask for.

Yearly totals come from `calibration.MODALITY_TOTALS`; months share them by seasonality (and the 2020 lockdown),
rounded so that every year's total is exact. Language mixes vary by region and carry the Ukraine surge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.demo import calibration as cal
from dashboard.demo import reference as ref


def yearly_totals(year: int) -> dict[str, float]:
    """Requests per modality in `year` (before scaling); before the first known year, that year's totals."""
    if year < min(cal.MODALITY_TOTALS):
        return yearly_totals(min(cal.MODALITY_TOTALS))
    if year in cal.MODALITY_TOTALS:
        return dict(cal.MODALITY_TOTALS[year])
    previous = yearly_totals(year - 1)
    return {m: previous[m] * cal.GROWTH_AFTER_2022[m] for m in codes.MODALITIES}


def _month_weights(year: int, modality: str) -> np.ndarray:
    weights = np.array(cal.MONTH_WEIGHTS, dtype=float)
    if year == 2020:
        for month, factors in cal.LOCKDOWN_2020.items():
            weights[month - 1] *= factors.get(modality, 1.0)
    if modality == "video":
        first = (cal.VIDEO_START[0] - year) * 12 + cal.VIDEO_START[1] - 1
        weights[: max(0, min(12, first))] = 0.0
    return weights


def _largest_remainder(total: float, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum to round(total)."""
    if weights.sum() == 0:
        return np.zeros(len(weights), dtype=int)
    exact = weights / weights.sum() * round(total)
    counts = np.floor(exact).astype(int)
    shortfall = int(round(total)) - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:shortfall]] += 1
    return counts


def monthly_counts(year: int, scale: float) -> dict[str, np.ndarray]:
    """Requests per modality for each month of `year`: an array of 12 counts per modality.

    Within a year the months lean towards the neighbouring years' levels, so growth shows as a slope rather
    than a step every January; the year's total stays exact.
    """
    totals, before, after = yearly_totals(year), yearly_totals(year - 1), yearly_totals(year + 1)
    counts = {}
    for modality in codes.MODALITIES:
        weights = _month_weights(year, modality)
        growth = (after[modality] / before[modality]) ** 0.5 if before.get(modality) and weights.all() else 1.0
        weights = weights * growth ** ((np.arange(12) - 5.5) / 12)
        counts[modality] = _largest_remainder(totals[modality] * scale, weights)
    return counts


def surge_counts(year: int, month: int) -> dict[str, float]:
    """Extra requests of the Ukraine surge in a month, per language code (before scaling)."""
    if (year, month) < cal.UKRAINE_START:
        return {}
    if year == 2022:
        share = cal.UKRAINE_SURGE_MONTHS_2022[month - 3]
    else:
        share = cal.UKRAINE_SURGE_LATER.get(year, cal.UKRAINE_SURGE_LATER[max(cal.UKRAINE_SURGE_LATER)]) / 12
    return {code: count * share for code, count in ref.UKRAINE_SURGE_2022.items()}


def language_probabilities(
    languages: pd.DataFrame, regions: pd.DataFrame, year: int, month: int, month_total: float
) -> np.ndarray:
    """P(language | region) for a month: a regions x languages matrix whose rows sum to 1.

    The base mix (reference shares, tilted by region) fills what the Ukraine surge leaves of the month's volume.
    """
    codes_ = languages.code.tolist()
    base = languages.share.to_numpy(float)
    region_p = regions.weight.to_numpy(float) / regions.weight.sum()
    factors = np.ones((len(regions), len(codes_)))
    for code, by_region in ref.REGIONAL_LANGUAGE_FACTORS.items():
        column = np.array([by_region.get(r, 1.0) for r in regions.code])
        factors[:, codes_.index(code)] = column / (region_p @ column)  # keep the overall share
    mix = base * factors
    mix /= mix.sum(axis=1, keepdims=True)
    surge = np.zeros(len(codes_))
    for code, count in surge_counts(year, month).items():
        surge[codes_.index(code)] = count
    surge_share = surge / month_total if month_total else surge * 0
    surge_share *= min(1.0, 0.5 / surge_share.sum()) if surge_share.sum() > 0.5 else 1.0
    return mix * (1.0 - surge_share.sum()) + surge_share
