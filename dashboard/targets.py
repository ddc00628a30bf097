"""Targets for headline figures, read from `dashboard/config/targets.toml` (documented there, in Dutch and
English, for whoever keeps them)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard.metrics import RATE_NAMES

TARGETS_FILE = Path(__file__).parent / "config" / "targets.toml"


@dataclass(frozen=True)
class Target:
    """A figure should be at least (`min`) or at most (`max`) `value`."""

    value: float
    direction: str

    def met(self, figure: float | None) -> bool | None:
        """Whether `figure` meets the target; None for an empty figure."""
        if figure is None:
            return None
        return figure >= self.value if self.direction == "min" else figure <= self.value


def load_targets(path: Path = TARGETS_FILE) -> dict[str, Target]:
    """The targets per figure name; a clear error for a figure or direction the file should not name."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    targets = {}
    for name, entry in raw.items():
        if name not in RATE_NAMES:
            raise ValueError(f"{path}: [{name}] is not a rate of CONTRACT.md §3")
        if entry.get("direction") not in ("min", "max") or not isinstance(entry.get("target"), int | float):
            raise ValueError(f'{path}: [{name}] needs target = <fraction> and direction = "min" or "max"')
        targets[name] = Target(float(entry["target"]), entry["direction"])
    return targets
