"""`stv-dashboard serve`: make sure the database is there, then hand over to gunicorn."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dashboard.db import STATEMENT_TIMEOUT_SECONDS
from dashboard.settings import Settings

# A page sends its callbacks at once (6 to 9), and a browser opens at most 6 connections to a host: 4 threads in each
# of one worker per core take them all, while the GIL lets one thread per worker compute at a time. Threads help
# where a callback waits (database, Redis); processes are what run the CPU-bound ones (figures, JSON) side by side.
THREADS_PER_WORKER = 4
# gunicorn's --timeout restarts a worker whose main loop has not answered for that long. With threads a request
# that runs long does not count (its thread runs beside the loop): what bounds a request's queries is the
# database's statement timeout (dashboard.db); this one is three such statements, so that a worker that hangs is
# replaced and one that merely boots slowly on a loaded machine (imports, the app) is not.
WORKER_TIMEOUT_SECONDS = int(3 * STATEMENT_TIMEOUT_SECONDS)
# gunicorn's longest request line (its maximum): above the app's own query-string limit (dashboard.security), so
# that a link that is too long gets the app's 414 page, not gunicorn's bare 400, up to this length.
REQUEST_LINE_LIMIT = 8190


def cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or taskset's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_workers(settings: Settings) -> int:
    """`serve`'s workers when `--workers` is not given: one per core, sharing the cache (files under var/cache, or
    Redis) and the aggregate store. Without STV_SECRET_KEY one (CONTRACT.md §5: several workers need the key; the
    one worker generates its own), and `serve` says how to get more."""
    if settings.secret_key:
        return cores()
    if cores() > 1:
        print(
            f"Note: serving with one worker; set STV_SECRET_KEY to serve with one per core ({cores()}).",
            flush=True,
        )
    return 1


def ensure_demo_database(settings: Settings) -> None:
    """Build the demo database on first start, before any worker exists (workers must not race to write)."""
    if not settings.uses_demo_database or settings.demo_path.exists():
        return
    from dashboard.demo.build import DemoOptions, build_demo

    settings.demo_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"First start: building the demo database at {settings.demo_path} (about half a minute)…", flush=True)
    summary = build_demo(
        str(settings.demo_path),
        DemoOptions(now=settings.current_time()),
        progress=lambda line: print(f"  {line}", flush=True),
    )
    print(f"Demo database ready: {summary.requests:,} requests.", flush=True)


def prepare_aggregates(settings: Settings) -> None:
    """Build or refresh the aggregate store and the replica once, before the workers start, so no first visitor
    waits for them."""
    from dashboard.data import probe_version
    from dashboard.db import Database, DatabaseUnavailable
    from dashboard.replica import Replica
    from dashboard.store import AggregateStore, database_key, store_path

    url = settings.effective_database_url
    database = Database(url)
    try:
        version = probe_version(database)
        for derived in (
            AggregateStore(store_path(settings.store_dir, url), database),
            Replica(settings.store_dir, database_key(url), database),
        ):
            derived.sync(version)
            derived.dispose()
    except DatabaseUnavailable as error:
        print(f"The database cannot be read yet ({error}); the dashboard will say so and retry.", flush=True)
    except OSError as error:
        raise ValueError(
            f"cannot keep the aggregate store in {settings.store_dir}: {error.strerror or error}"
        ) from error
    finally:
        database.dispose()


def prepare_forecasts(settings: Settings) -> None:
    """Compute the demand forecasts once before the workers start, when the workers share the cache (files or
    Redis): the first visitor of /shortages then sees them at once. Later ones are computed in the background."""
    if (settings.cache_url or "").startswith(("simple://", "null://")):
        return
    from dashboard import create_app
    from dashboard.db import DatabaseUnavailable
    from dashboard.forecasting import ForecastFailed

    app = create_app({"settings": settings, "forecast_background": False})
    with app.server.app_context():
        try:
            app.server.extensions["stv"].forecaster.table(settings.current_time(), wait=True)
        except DatabaseUnavailable:
            pass  # the aggregate step has said so already
        except ForecastFailed as error:
            print(f"The demand forecast could not be computed ({error}); the page will say so.", flush=True)


# An idle kept-alive connection stays open this long. gunicorn's default (2 s) is shorter than a reader's pause
# between two clicks, so browsers and proxies often sent their next request into a connection being closed (the load
# benchmark counted these as errors without an answer); idle connections cost no thread in gunicorn's gthread worker.
KEEP_ALIVE_SECONDS = 30


def gunicorn_command(host: str, port: int, workers: int, trusted_proxies: int = 0) -> list[str]:
    """The gunicorn command line that serves `dashboard.wsgi:server`. gunicorn believes the scheme headers
    (`X-Forwarded-Proto`) of no peer unless proxies are trusted (STV_TRUSTED_PROXIES); then, like the app's
    ProxyFix, of the peer in front, which must be the proxy alone (bind to loopback or a private address)."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    return [
        gunicorn,
        "dashboard.wsgi:server",
        "--workers",
        str(workers),
        "--threads",
        str(THREADS_PER_WORKER),
        "--bind",
        f"{host}:{port}",
        "--no-control-socket",
        "--graceful-timeout",
        "10",
        "--timeout",
        str(WORKER_TIMEOUT_SECONDS),
        "--keep-alive",
        str(KEEP_ALIVE_SECONDS),
        "--limit-request-line",
        str(REQUEST_LINE_LIMIT),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "*" if trusted_proxies else "",
    ]


DEMO_ROLES = ("manager", "planner", "board", "region", "organisation", "admin")


def prepare_state(settings: Settings, workers: int) -> None:
    """The state database's tables; on the demo database, one account per role the first time (their generated
    passwords printed once, here, and kept nowhere else)."""
    from dashboard.state import StateDatabase, generate_password

    if workers > 1 and not settings.secret_key:
        raise ValueError("STV_SECRET_KEY must be set when more than one worker serves (they share the sessions)")
    if workers > 1 and not (settings.cache_url or "").startswith(("redis://", "rediss://")):
        print(
            "Note: without STV_CACHE_URL=redis://… each worker counts failed sign-ins by itself (the limits are "
            "per worker), and the cache stays on this host's disk.",
            flush=True,
        )
    state = StateDatabase(settings.effective_state_url)
    try:
        state.create()
        if not settings.uses_demo_database or state.has_accounts():
            return
        region, organisation = _demo_scope(settings)
        print("First start: demo accounts, one per role (passwords shown once):", flush=True)
        for role in DEMO_ROLES:
            password = generate_password()
            name = f"demo-{role}"
            regions = (region,) if role == "region" else ()
            organisation_id = organisation if role == "organisation" else None
            state.add_account(name, (role,), regions, organisation_id, password)
            scope = f" {region}" if regions else (f" {organisation_id}" if organisation_id else "")
            print(f"  {name:<18} {password}   ({role}{scope})", flush=True)
        print("Add accounts with: .venv/bin/stv-dashboard user add NAME --role ROLE", flush=True)
    finally:
        state.dispose()


def _demo_scope(settings: Settings) -> tuple[str, int]:
    """The demo's region account's region and organisation account's organisation: the busiest of each."""
    from dashboard.db import Database
    from queries.places import select_busiest_organisation

    database = Database(settings.effective_database_url)
    try:
        row = database.frame(select_busiest_organisation()).iloc[0]
    finally:
        database.dispose()
    return str(row.region_code), int(row.organisation_id)


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Serve until stopped (replaces this process with gunicorn, which reads the same settings)."""
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    ensure_demo_database(settings)
    prepare_state(settings, workers)
    prepare_aggregates(settings)
    print("Preparing the demand forecasts…", flush=True)
    prepare_forecasts(settings)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # forecasts run beside requests: one core each, steadier
    if settings.uses_demo_database:
        os.environ["STV_DEMO_PATH"] = str(settings.demo_path)
    print(f"Serving the STV dashboard at http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)", flush=True)
    command = gunicorn_command(host, port, workers, settings.trusted_proxies)
    os.execv(command[0], command)
    return 0  # not reached
