"""The databases the benchmark reads: a demo SQLite file and a PostgreSQL cluster, both kept under var/bench.

Building them is slow (scale 10 into PostgreSQL takes many minutes), so each is built once and reused:
- SQLite: `var/bench/demo.sqlite` (scale 1, seed 2022), written by `stv-dashboard demo-db` when missing.
- PostgreSQL: a cluster in `var/bench/pg` (owned by `postgres` when we are root), started on a free loopback port
  for the run and stopped at its end. Each demo database is loaded into `<name>_loading`, vacuumed and analysed,
  then renamed to `<name>`: a database under its final name is complete. Load times go to `var/bench/loads.json`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
LOADS_FILE = BENCH_DIR / "loads.json"

Log = Callable[[str], None]


def log_stderr(line: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {line}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class DemoSpec:
    """Which demo database: volume multiplier, seed and the fixed "now" (STV_NOW)."""

    scale: float
    seed: int
    now: str

    @property
    def tag(self) -> str:
        return f"scale{self.scale:g}_seed{self.seed}".replace(".", "_")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo(spec: DemoSpec, out: str, log: Log) -> float:
    """Run `stv-dashboard demo-db` into `out` (a path or URL), its output to stderr; the seconds it took."""
    command = [
        sys.executable,
        "-m",
        "dashboard.cli",
        "demo-db",
        "--out",
        out,
        "--scale",
        f"{spec.scale:g}",
        "--seed",
        str(spec.seed),
    ]
    env = {**os.environ, "STV_NOW": spec.now}
    log(f"building demo database: {' '.join(command[1:])}")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        log(f"  demo-db | {line.rstrip()}")
    if process.wait() != 0:
        raise RuntimeError(f"demo-db failed with exit code {process.returncode}")
    return time.perf_counter() - started


def record_load(name: str, facts: dict) -> None:
    loads = read_loads()
    loads[name] = facts
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    LOADS_FILE.write_text(json.dumps(loads, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_loads() -> dict:
    try:
        return json.loads(LOADS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def sqlite_demo(spec: DemoSpec, log: Log) -> str:
    """The URL of the SQLite demo database for `spec`, built first when missing."""
    name = "demo.sqlite" if (spec.scale, spec.seed) == (1.0, 2022) else f"demo-{spec.tag}.sqlite"
    path = BENCH_DIR / name
    if path.exists():
        log(f"SQLite: reusing {path.relative_to(ROOT)}")
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        seconds = build_demo(spec, str(path), log)
        record_load(
            f"sqlite:{name}",
            {"seconds": round(seconds, 1), "scale": spec.scale, "seed": spec.seed, "now": spec.now, "built": _stamp()},
        )
        log(f"SQLite: built {path.relative_to(ROOT)} in {seconds:.0f} s")
    return f"sqlite:///{path}"


class PostgresCluster:
    """A PostgreSQL cluster kept in `folder` between runs, started on a free loopback port."""

    def __init__(self, bin_dir: Path, folder: Path = BENCH_DIR / "pg", log: Log = log_stderr):
        self.bin_dir = bin_dir
        self.folder = folder
        self.data = folder / "data"
        self.log = log
        self.port: int | None = None
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> str:
        """Create the cluster if needed, start it; the URL of its `postgres` database."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self.log(f"PostgreSQL: initdb {self.data.relative_to(ROOT)}")
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        if self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0:
            self.log("PostgreSQL: a server from an earlier run is still up; stopping it first")
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.port = free_port()
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_wal_size=4GB"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "120",
            "start",
            "-o",
            options,
        )
        self.log(f"PostgreSQL: started on port {self.port} ({self.bin_dir.parent.name})")
        return self.admin_url()

    def stop(self) -> None:
        if self.port is None:
            return
        result = self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "120", "stop", check=False)
        self.log("PostgreSQL: stopped" if result.returncode == 0 else f"PostgreSQL: stop failed: {result.stderr}")
        self.port = None

    def demo(self, spec: DemoSpec) -> str:
        """The URL of the complete demo database for `spec`, loaded (once) when missing."""
        name = f"stv_demo_{spec.tag}"
        loading = f"{name}_loading"
        admin = create_engine(self.admin_url(), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                names = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
                if name in names:
                    self.log(f"PostgreSQL: reusing database {name}")
                    return self.admin_url(name)
                if loading in names:
                    self.log(f"PostgreSQL: dropping the unfinished {loading}")
                    conn.execute(text(f'DROP DATABASE "{loading}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{loading}"'))
            load_seconds = build_demo(spec, self.admin_url(loading), self.log)
            self.log(f"PostgreSQL: loaded in {load_seconds:.0f} s; VACUUM ANALYZE")
            started = time.perf_counter()
            target = create_engine(self.admin_url(loading), isolation_level="AUTOCOMMIT")
            try:
                with target.connect() as conn:
                    conn.execute(text("VACUUM (ANALYZE)"))
                    requests = conn.execute(text("SELECT count(*) FROM requests")).scalar_one()
                    size = conn.execute(
                        text("SELECT pg_size_pretty(pg_database_size(current_database()))")
                    ).scalar_one()
            finally:
                target.dispose()
            analyse_seconds = time.perf_counter() - started
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{loading}" RENAME TO "{name}"'))
            record_load(
                f"postgresql:{name}",
                {
                    "load_seconds": round(load_seconds, 1),
                    "vacuum_analyze_seconds": round(analyse_seconds, 1),
                    "requests": requests,
                    "size": size,
                    "scale": spec.scale,
                    "seed": spec.seed,
                    "now": spec.now,
                    "built": _stamp(),
                },
            )
            self.log(
                f"PostgreSQL: {name} ready ({requests:,} requests, {size}); "
                f"load {load_seconds:.0f} s + VACUUM ANALYZE {analyse_seconds:.0f} s"
            )
            return self.admin_url(name)
        finally:
            admin.dispose()


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, if any."""
    folders = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()],
    )
    return folders[-1] if folders and (folders[-1] / "initdb").exists() else None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
