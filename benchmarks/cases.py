"""What is timed: every query builder and every view, for each scenario (a slice of the data).

A case knows how to run once uncached and once cached:
- a query builder: uncached is `Database.frame(builder(*args))`, cached is `DataAccess.fetch(builder, *args)`;
- a view (dashboard/views.py): uncached runs it on a DataAccess whose cache keeps only the data-version probe
  (so every query executes, as on a cache miss within the probe interval), cached runs it on a primed cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dashboard import views
from dashboard.data import VERSION_KEY, DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from queries import interpreters, reference, requests


@dataclass(frozen=True)
class Scenario:
    name: str
    filters: Filters


YEAR = (date(2025, 1, 1), date(2025, 12, 31))
SCENARIOS = (
    Scenario("year 2025", Filters(*YEAR)),
    Scenario("2025 region=ANT", Filters(*YEAR, region=("ANT",))),
    Scenario("2025 language=ar", Filters(*YEAR, language=("ar",))),
    Scenario("2025 onsite+health", Filters(*YEAR, modality=("onsite",), sector=("health",))),
    Scenario("all years 2019-01..2026-11", Filters(date(2019, 1, 1), date(2026, 11, 30))),
    Scenario("month 2026-10", Filters(date(2026, 10, 1), date(2026, 10, 31))),
)

FILTERED_QUERIES = (
    requests.select_status_counts,
    requests.select_active_interpreters,
    requests.select_monthly,
    requests.select_by_language,
    interpreters.select_registered_interpreters,
    interpreters.select_registered_by_language,
)
PLAIN_QUERIES = (
    reference.select_languages,
    reference.select_regions,
    reference.select_data_version,
    reference.select_period_bounds,
)
VIEWS: tuple[tuple[str, Callable], ...] = (
    ("view kpis", views.kpis),
    ("view monthly", views.monthly),
    ("view languages", lambda data, filters: views.languages(data, filters, "nl")),
)


@dataclass(frozen=True)
class Case:
    """One row of the table: run it uncached against `Database`, cached through `DataAccess`."""

    query: str
    scenario: str
    uncached: Callable[[], object]
    cached: Callable[[], object]


class VersionOnlyCache:
    """A cache that remembers the data-version probe and nothing else: every query result misses."""

    def __init__(self):
        self.entries: dict = {}

    def get(self, key):
        return self.entries.get(key)

    def set(self, key, value, timeout=None):
        if key == VERSION_KEY:
            self.entries[key] = value
        return True


def build_cases(database: Database, data: DataAccess, scenarios=SCENARIOS) -> list[Case]:
    """Every query and view × scenario (plain reference queries once)."""
    cold = DataAccess(database, VersionOnlyCache(), probe_seconds=data.probe_seconds)
    cases = [Case(builder.__name__, "-", _frame(database, builder), _fetch(data, builder)) for builder in PLAIN_QUERIES]
    for builder in FILTERED_QUERIES:
        for scenario in scenarios:
            cases.append(Case(builder.__name__, scenario.name, _frame(database, builder, scenario.filters),
                              _fetch(data, builder, scenario.filters)))
    for name, view in VIEWS:
        for scenario in scenarios:
            cases.append(Case(name, scenario.name, _view(view, cold, scenario.filters),
                              _view(view, data, scenario.filters)))
    return cases


def _frame(database: Database, builder, *args):
    return lambda: database.frame(builder(*args))


def _fetch(data: DataAccess, builder, *args):
    return lambda: data.fetch(builder, *args)


def _view(view, data: DataAccess, filters: Filters):
    return lambda: view(data, filters)
