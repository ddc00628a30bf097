"""The served dashboard for the browser and load benchmarks: the real `stv-dashboard serve` (gunicorn) on the
benchmark's demo database, a signed-in account made for the benchmark, and the floor page under the same gunicorn.

Each run gets its own folder under `var/bench/served/<kind>-<time>/` (state database, server logs, the app's
file cache when no STV_CACHE_URL is given); the aggregate store is kept in `var/bench/served/store/` between
runs (it catches up incrementally, as in production), so that a run does not wait for a full build.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import redis

from benchmarks.databases import BENCH_DIR, ROOT, DemoSpec, Log, free_port, sqlite_demo

BENCH_NOW = "2026-11-23T09:00:00Z"  # the "now" the demo database was built for (as `python -m benchmarks`)
SERVED_DIR = BENCH_DIR / "served"
ACCOUNT = "bench-manager"
ACCOUNT_ROLES = ("manager", "admin")  # every page of the matrix opens, /admin too
# Up to `serve`'s preparations (the store catching up, the demand forecasts: minutes on a loaded machine the first
# time, when no seed of the forecasts is kept yet) and the workers' start.
STARTUP_SECONDS = int(os.environ.get("STV_BENCH_STARTUP_SECONDS") or 900)
# What `serve` put in the file cache before its workers started (the demand forecasts), kept from the first run and
# copied into each later run's empty cache: serve then finds its forecasts fitted instead of fitting them again.
SEED_CACHE = SERVED_DIR / "seed-cache"
WORKERS_LINE = re.compile(r"with (\d+) worker\(s\)")

FLOOR_CHARTS = "floor-charts.json"  # the charts the floor's /charts/ page draws (written by benchmarks.browser)


def demo_database(log: Log) -> Path:
    """The demo SQLite file (scale 1, seed 2022, the scale `demo-db` builds by default), built once when missing."""
    url = sqlite_demo(DemoSpec(1.0, 2022, BENCH_NOW), log)
    return Path(url.removeprefix("sqlite:///"))


def run_folder(kind: str) -> Path:
    folder = SERVED_DIR / f"{kind}-{datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Server:
    """A running gunicorn: its base URL, log and process; `workers` as it said it started them."""

    base_url: str
    log_path: Path
    process: subprocess.Popen
    workers: int | None = None

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def problems(self) -> list[str]:
        """Server errors in the log: tracebacks, worker timeouts and 5xx answers (access log lines)."""
        pattern = re.compile(r"Traceback|WORKER TIMEOUT|\[CRITICAL\]|HTTP/1\.[01]\" 5\d\d ")
        return [line for line in self.log_text().splitlines() if pattern.search(line)]


def dashboard_environment(folder: Path, database: Path, cache_url: str | None) -> dict[str, str]:
    """The settings of the served dashboard: the demo file by URL (so `serve` makes no demo accounts of its own),
    a state database in the run's folder, a fixed "now", a secret key (needed by several workers)."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "STV_DATABASE_URL": f"sqlite:///{database}",
        "STV_STATE_URL": f"sqlite:///{folder / 'state.sqlite'}",
        "STV_STORE_DIR": str(SERVED_DIR / "store"),
        "STV_NOW": BENCH_NOW,
        "STV_SECRET_KEY": secrets.token_urlsafe(48),
    }
    environment.pop("STV_CACHE_URL", None)
    if cache_url:
        environment["STV_CACHE_URL"] = cache_url
    return environment


def add_account(environment: dict[str, str], password: str) -> None:
    """The benchmark's account, made as an administrator makes one (`stv-dashboard user add --password-stdin`)."""
    roles = [option for role in ACCOUNT_ROLES for option in ("--role", role)]
    subprocess.run(
        [_stv_dashboard(), "user", "add", ACCOUNT, *roles, "--password-stdin"],
        input=password + "\n",
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def _stv_dashboard() -> str:
    return str(Path(sys.executable).with_name("stv-dashboard"))


@contextmanager
def served_dashboard(
    folder: Path, database: Path, log: Log, workers: int | None = None, cache_url: str | None = None
) -> Iterator[tuple[Server, str]]:
    """`stv-dashboard serve` on a free loopback port (serve's default workers unless `workers`); the server and
    the benchmark account's password. Without `cache_url`, a file cache in the run's folder (the app's default
    kind), holding at start only what serve prepares before its workers start (seeded: SEED_CACHE)."""
    if cache_url is None:
        cache = folder / "cache"
        if SEED_CACHE.is_dir():
            shutil.copytree(SEED_CACHE, cache)
        cache_url = f"filesystem://{cache}"
    environment = dashboard_environment(folder, database, cache_url)
    password = secrets.token_urlsafe(18)
    add_account(environment, password)
    port = free_port()
    command = [_stv_dashboard(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    log(f"serving the dashboard: {' '.join(command[1:])} (log {folder.relative_to(ROOT)}/dashboard.log)")
    with _process(command, f"http://127.0.0.1:{port}", folder / "dashboard.log", environment, log) as server:
        match = WORKERS_LINE.search(server.log_text())
        server.workers = int(match.group(1)) if match else workers
        if cache_url == f"filesystem://{folder / 'cache'}" and not SEED_CACHE.exists():
            shutil.copytree(folder / "cache", SEED_CACHE)
        yield server, password


@contextmanager
def served_floor(folder: Path, workers: int, log: Log) -> Iterator[Server]:
    """The floor pages (`benchmarks.floor`) under the same gunicorn command line as `serve` uses; the charts of
    its /charts/ page are read from `folder`/FLOOR_CHARTS."""
    from dashboard.serve import gunicorn_command

    port = free_port()
    command = gunicorn_command("127.0.0.1", port, workers)
    command[command.index("dashboard.wsgi:server")] = "benchmarks.floor:server"
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "STV_FLOOR_CHARTS": str(folder / FLOOR_CHARTS),
    }
    log(f"serving the floor page with {workers} worker(s) on port {port}")
    base_url = f"http://127.0.0.1:{port}"
    with _process(command, base_url, folder / "floor.log", environment, log, ready_path="/") as server:
        server.workers = workers
        yield server


@contextmanager
def _process(
    command: list[str], base_url: str, log_path: Path, environment: dict, log: Log, ready_path: str = "/login"
) -> Iterator[Server]:
    """Run `command` in the log's folder, its output in the log; yield once `ready_path` answers 200."""
    with log_path.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=log_path.parent,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = Server(base_url, log_path, process)
    try:
        started = time.monotonic()
        _wait_until_ready(server, ready_path)
        log(f"  ready at {base_url} after {time.monotonic() - started:.0f} s")
        yield server
    finally:
        stop(process)


def _wait_until_ready(server: Server, path: str) -> None:
    """Poll `path` with short timeouts until it answers 200; raise with the log's end if the server exits or never
    answers within STARTUP_SECONDS."""
    deadline = time.monotonic() + STARTUP_SECONDS
    pause = threading.Event()
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited with {server.process.returncode}:\n{_tail(server)}")
        try:
            with urllib.request.urlopen(server.url(path), timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        pause.wait(0.5)  # a poll interval; readiness is the 200 above
    raise RuntimeError(f"the server did not answer {path} within {STARTUP_SECONDS} s:\n{_tail(server)}")


def _tail(server: Server, lines: int = 25) -> str:
    return "\n".join(server.log_text().splitlines()[-lines:])


def stop(process: subprocess.Popen) -> None:
    """Stop a server we started (gunicorn stops its workers on SIGTERM), killing it if it does not stop."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


class RedisServer:
    """A private redis-server on a free loopback port (as tests/services.py starts one), without persistence but
    for a seed: `keep_seed()` saves what is in it once (serve's forecasts), and later servers start from it."""

    SEED = SERVED_DIR / "redis-seed"

    def __init__(self, binary: str | None = None):
        self.binary = binary or shutil.which("redis-server") or "/usr/bin/redis-server"
        self.folder = self.SEED
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> str:
        if not Path(self.binary).exists():
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.folder.mkdir(parents=True, exist_ok=True)
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [self.binary, *arguments, "--dir", str(self.folder), "--dbfilename", "seed.rdb"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if client.ping():
                    return self.url
            except redis.RedisError:
                threading.Event().wait(0.1)  # a poll interval; readiness is the PING above
        raise RuntimeError("redis-server did not answer PING within 60 s")

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5)

    def keep_seed(self) -> None:
        """Save the server's keys as the seed of later runs, unless a seed is there already."""
        if not (self.folder / "seed.rdb").exists():
            self.client().save()

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None
