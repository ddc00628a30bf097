"""What is timed: every query builder and every view, for each scenario (a slice of the data).

Query builders (`select_*` in the `queries` package) and views (functions of the `dashboard/views/` modules taking
`(data, filters)`) are found at run time, so the list follows the code. A case runs once uncached or cached:
- a query builder: uncached is `Database.frame(builder(*args))`, cached is `DataAccess.fetch(builder, *args)`;
- a view: uncached runs it on a DataAccess whose cache keeps only the data-version probe
  (so every query executes, as on a cache miss within the probe interval), cached runs it on a primed cache.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import queries
from dashboard import data as data_module
from dashboard import views
from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters
from queries.reference import select_data_version


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

MODULE_ORDER = ("queries.requests", "queries.interpreters", "queries.reference")
SKIPPED: list[str] = []  # builders whose arguments the benchmark cannot supply (reported, not timed)


def query_builders() -> tuple[list[Callable], list[Callable]]:
    """Every public `select_*` function of the `queries` package, found at run time (names change as the code
    does): (builders that take the filters, builders that take nothing), in module and source order."""
    modules = [
        importlib.import_module(f"queries.{info.name}")
        for info in pkgutil.iter_modules(queries.__path__)
        if not info.name.startswith("_")
    ]
    modules.sort(key=lambda m: (MODULE_ORDER.index(m.__name__) if m.__name__ in MODULE_ORDER else 99, m.__name__))
    filtered, plain = [], []
    for module in modules:
        functions = [
            f
            for name, f in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("select_") and f.__module__ == module.__name__
        ]
        for function in sorted(functions, key=lambda f: f.__code__.co_firstlineno):
            signature = inspect.signature(function)
            required = [p for p in signature.parameters.values() if p.default is p.empty]
            returns = signature.return_annotation
            if returns is not signature.empty and str(getattr(returns, "__name__", returns)) != "Select":
                SKIPPED.append(f"{module.__name__}.{function.__name__}{signature}")
            elif not required:
                plain.append(function)
            elif [p.name for p in required] == ["filters"]:
                filtered.append(function)
            else:
                SKIPPED.append(f"{module.__name__}.{function.__name__}{signature}")
    return filtered, plain


def view_functions() -> list[tuple[str, Callable]]:
    """Every function of the dashboard/views modules called as `view(data, filters, ...)` (the rest defaulted),
    named `view <module>.<function>`, in module and source order."""
    found = []
    for module in views.view_modules():
        short = module.__name__.rpartition(".")[2]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if [p.name for p in parameters[:2]] == ["data", "filters"] and all(
                p.default is not p.empty for p in parameters[2:]
            ):
                found.append((short, function.__code__.co_firstlineno, f"view {short}.{name}", function))
    return [(name, function) for _, _, name, function in sorted(found, key=lambda item: item[:2])]


@dataclass(frozen=True)
class Case:
    """One row of the table: run it uncached against `Database`, cached through `DataAccess`."""

    query: str
    scenario: str
    uncached: Callable[[], object]
    cached: Callable[[], object]
    fetched_by_views: bool = True  # False: a statement no view fetches (store builds, probes, callbacks)


class VersionOnlyCache:
    """A cache that remembers the data-version probe and nothing else: every query result misses."""

    def __init__(self):
        self.entries: dict = {}

    def get(self, key):
        return self.entries.get(key)

    def set(self, key, value, timeout=None):
        if str(key).startswith("data-version"):
            self.entries[key] = value
        return True

    def add(self, key, value, timeout=None):
        if key in self.entries:
            return False
        return self.set(key, value, timeout)

    @property
    def cache(self):
        """The backend, as `dashboard.cache.add_once` asks a Flask-Caching `Cache` for it."""
        return self


def make_store(database: Database, path: Path, log) -> tuple[object | None, list[str]]:
    """The dashboard's aggregate store for `database` at `path`, built from scratch (timed), when the code has one;
    (store or None, lines for the report). The build and the timed syncs block; later syncs run in the background
    as in the app. (In the foreground, a data version that moves during the run, as the demo's rows dated in the
    future do when the clock reaches them, made one view's answer wait for a whole sync: 95 s at scale 10.)"""
    try:
        from dashboard.store import AggregateStore
    except ImportError:
        return None, ["aggregate store: none in this version of the code"]
    if "store" not in inspect.signature(DataAccess).parameters:
        return None, ["aggregate store: DataAccess takes none"]
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    try:
        options = {}  # its later syncs run in the background, as in the app: a timed view never waits for one
        takes_version = "version" in inspect.signature(AggregateStore.sync).parameters
        version = _probe(database) if takes_version else None
        log(f"aggregate store: full build into {path.name}")
        started = time.perf_counter()
        store = AggregateStore(path, database, **options)
        sync = (lambda: store.sync(version)) if takes_version else store.sync
        sync()
        build = time.perf_counter() - started
        again, incremental = [], []
        for _ in range(3):
            again.append(_seconds(sync) * 1000)
            if takes_version:  # forget the version, so that the next sync re-reads what changed (nothing new)
                store.sync(None)
                incremental.append(_seconds(sync) * 1000)
    except Exception as error:  # noqa: BLE001 - the views are then timed without a store
        log(f"aggregate store: failed ({type(error).__name__}: {error}); views without a store only")
        return None, [f"aggregate store: build failed ({type(error).__name__})"]
    size = sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 2**20
    line = (
        f"aggregate store (dashboard/store.py): full build {build:,.1f} s, {size:.1f} MiB; sync at the same "
        f"version {statistics.median(again):,.1f} ms"
        + (f"; incremental sync with nothing new {statistics.median(incremental):,.0f} ms" if incremental else "")
        + " (medians of 3)"
    )
    log(line)
    return store, [line]


def make_replica(database: Database, folder: Path, log) -> tuple[object | None, list[str]]:
    """The dashboard's replica of `database` in `folder`, built from scratch (timed), when the code has one;
    (replica or None, lines for the report). Its first copy is timed in the foreground; afterwards it refreshes
    in the background as in the app (a new copy every 5-minute slot, for what the data version does not watch), so
    no timed view waits for a copy."""
    try:
        from dashboard.replica import Replica
    except ImportError:
        return None, ["replica: none in this version of the code"]
    shutil.rmtree(folder, ignore_errors=True)
    try:
        version = _probe(database)
        log(f"replica: full copy into {folder.name}/")
        replica = Replica(folder, "bench", database)
        build = _seconds(lambda: replica.sync(version))
        again, incremental = [], []
        for _ in range(3):
            again.append(_seconds(lambda: replica.sync(version)) * 1000)
            replica.sync(None)  # forget the version: the next sync copies what changed (nothing new)
            incremental.append(_seconds(lambda: replica.sync(version)) * 1000)
    except Exception as error:  # noqa: BLE001 - the views are then timed without a replica
        log(f"replica: failed ({type(error).__name__}: {error}); views without a replica only")
        return None, [f"replica: build failed ({type(error).__name__})"]
    newest = max(folder.glob("*.duckdb"), key=lambda path: path.stat().st_mtime)
    line = (
        f"replica (dashboard/replica.py): full copy {build:,.1f} s, {newest.stat().st_size / 2**20:.1f} MiB; sync "
        f"at the same version {statistics.median(again):,.1f} ms; incremental sync with nothing new "
        f"{statistics.median(incremental):,.0f} ms (medians of 3)"
    )
    log(line)
    return replica, [line]


def _probe(database: Database) -> str:
    """The data version as DataAccess computes it."""
    if hasattr(data_module, "probe_version"):
        return data_module.probe_version(database)
    row = database.frame(select_data_version()).iloc[0]
    return f"{row.iloc[0]}|{row.iloc[1]}"


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def record_fetches(database: Database, store=None, scenarios=SCENARIOS, **derived) -> dict[str, set[tuple]]:
    """What the views fetch: builder name -> the argument tuples after `filters` (e.g. `keys`) they pass.

    Every view runs once per scenario, on one whole month so that it is cheap, with the store (if any) and
    without, through a DataAccess that notes each `fetch`.
    """
    calls: dict[str, set[tuple]] = {}

    class Recording(DataAccess):
        def fetch(self, builder, *args):
            extra = args[1:] if args and isinstance(args[0], Filters) else args
            calls.setdefault(builder.__name__, set()).add(extra)
            return super().fetch(builder, *args)

    recorders = [Recording(database, VersionOnlyCache())]
    if store is not None:
        recorders.append(Recording(database, VersionOnlyCache(), store=store, **derived))
    for recorder in recorders:
        for _, view in view_functions():
            for scenario in scenarios:
                try:
                    view(recorder, scenario.filters.with_period(date(2026, 10, 1), date(2026, 10, 31)))
                except Exception:  # noqa: BLE001,S112 - the timed run reports the error
                    continue
    return calls


def build_cases(
    database: Database, cache, store=None, scenarios=SCENARIOS, replica=None, compare: bool = False
) -> list[Case]:
    """Every query and view × scenario (queries without filters once); views as the app reads them (with the
    aggregate store and the replica, when there are) and reading only the database ("(no store)"); with
    `compare`, also with the store only and with the replica only. A builder is timed with no extra arguments and
    with each set of extra arguments (e.g. `keys`) the views pass it; builders no view fetches are marked."""
    filtered, plain = query_builders()
    derived = {} if replica is None else {"replica": replica}
    used = record_fetches(database, store, scenarios, **derived)
    data = DataAccess(database, cache)  # the app's probe interval (10 s) is DataAccess's default
    cases = [
        Case(builder.__name__, "-", _frame(database, builder), _fetch(data, builder), builder.__name__ in used)
        for builder in plain
    ]
    for builder in filtered:
        parameters = list(inspect.signature(builder).parameters.values())[1:]
        defaults = tuple(p.default for p in parameters)
        extras = [()] + sorted(
            extra for extra in used.get(builder.__name__, ()) if extra and extra != defaults[: len(extra)]
        )
        for extra in extras:
            name = builder.__name__ + "".join(f" {p.name}={_label(v)}" for p, v in zip(parameters, extra))
            for scenario in scenarios:
                cases.append(
                    Case(
                        name,
                        scenario.name,
                        _frame(database, builder, scenario.filters, *extra),
                        _fetch(data, builder, scenario.filters, *extra),
                        builder.__name__ in used,
                    )
                )
    variants = [("", DataAccess(database, cache), DataAccess(database, VersionOnlyCache()))]
    if store is not None or replica is not None:
        both = {"store": store, **derived}
        variants = [
            ("", DataAccess(database, cache, **both), DataAccess(database, VersionOnlyCache(), **both)),
            (" (no store)", data, DataAccess(database, VersionOnlyCache())),
        ]
        if compare and store is not None and replica is not None:
            for suffix, only in ((" (store only)", {"store": store}), (" (replica only)", derived)):
                variants.append(
                    (suffix, DataAccess(database, cache, **only), DataAccess(database, VersionOnlyCache(), **only))
                )
    for suffix, warm, cold in variants:
        for name, view in view_functions():
            for scenario in scenarios:
                cases.append(
                    Case(
                        name + suffix,
                        scenario.name,
                        _view(view, cold, scenario.filters),
                        _view(view, warm, scenario.filters),
                    )
                )
    return cases


def _label(value) -> str:
    if isinstance(value, tuple | list):
        return ",".join(str(v) for v in value)
    return str(value)


def _frame(database: Database, builder, *args):
    return lambda: database.frame(builder(*args))


def _fetch(data: DataAccess, builder, *args):
    return lambda: data.fetch(builder, *args)


def _view(view, data: DataAccess, filters: Filters):
    return lambda: view(data, filters)
