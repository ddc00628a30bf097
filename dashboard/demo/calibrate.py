"""Calibrate the matching factor `k` per modality so that 2022 reproduces the annual report's shortage rates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import codes
from dashboard.demo import calibration as cal
from dashboard.demo.activity import fill_probability, helper_miss_probability, matching_pressure, taalhulp_pool_sizes

CALIBRATION_YEAR = 2022


def calibrate(months: list[tuple]) -> dict[str, float]:
    """`months`: (demand frame, supply, month) for every month of the calibration year. Returns k per modality.

    The expected number of "not available" requests falls as k grows, so bisection (on log k) finds the k whose
    expectation equals the report's rate times the year's requests, modality by modality.
    """
    parts = [_expectation_parts(frame, supply, month) for frame, supply, month in months]
    frame = pd.concat([p for p in parts], ignore_index=True)
    k = {}
    for modality in codes.MODALITIES:
        rows = frame[frame.modality == modality]
        target = cal.NOT_AVAILABLE_RATE[modality] * len(rows)
        low, high = -12.0, 12.0
        for _ in range(60):
            middle = (low + high) / 2
            if _expected_misses(rows, np.exp(middle)) > target:
                low = middle
            else:
                high = middle
        k[modality] = float(np.exp((low + high) / 2))
    return k


def _expectation_parts(frame, supply, month) -> pd.DataFrame:
    ratio, factor = matching_pressure(frame, supply, month)
    helper_miss = helper_miss_probability(taalhulp_pool_sizes(frame, supply))
    return pd.DataFrame(
        {
            "modality": frame.modality.to_numpy(),
            "taalhulp": (frame.service == "taalhulp").to_numpy(),
            "ratio": ratio,
            "factor": factor,
            "helper_miss": helper_miss,
            "kept": 1.0 - frame.modality.map(cal.OTHER_REASON_RATE).to_numpy(float),
        }
    )


def _expected_misses(rows: pd.DataFrame, k: float) -> float:
    miss = 1.0 - fill_probability(rows.ratio.to_numpy(), rows.factor.to_numpy(), k)
    miss = np.where(rows.taalhulp.to_numpy(), rows.helper_miss.to_numpy(), miss)
    return float((rows.kept.to_numpy() * miss).sum())
