"""Live data and faults on a served copy (issue 17 items 0, 5 and 7): `stv-dashboard serve --workers 2` on a demo
database, with a shared cache folder, as production serves it on one host.

- With `stv-dashboard simulate` writing beside it, every export read shows every change made at least one probe
  interval (plus a few seconds for a loaded machine) before the read, no figure ever goes back, the identities
  hold in every answer, and a period that closed long ago never moves.
- A worker killed under load: no 5xx, and gunicorn puts a new worker in its place.
- The database file moved away and put back: 503 with Retry-After while it is away, answers again within one
  probe interval of its return, one log line for the outage and one for the return (two workers).
Every wait polls a condition with a deadline; the times measured are printed (`pytest -s`) for the closing note.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.browser import DashboardServer, _add_accounts, _stop
from tests.services import free_port

BRUSSELS = ZoneInfo("Europe/Brussels")
PROBE = 10.0  # the served dashboard's probe interval (dashboard.PROBE_SECONDS)
SLACK = 20.0  # a loaded 2-core machine's answer time on top of it (CI shares its cores)
LIVE_SECONDS = 75  # how long the simulation runs beside the server
SPEED = 120  # simulated seconds per wall-clock second: 2.5 hours of a working morning in 75 s
POLL = 0.5  # seconds between two looks at a condition (never a synchronisation)
WORKERS = 2
STARTUP_SECONDS = 300


def _office_morning() -> datetime:
    """Ten o'clock in Brussels on a weekday at least three days ago: the demo's "now", where simulate starts, so
    that its timestamps (running at SPEED) stay in the past of the wall clock and the morning is busy."""
    day = (datetime.now(UTC) - timedelta(days=3)).astimezone(BRUSSELS).date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=BRUSSELS).astimezone(UTC)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The served dashboard (two workers) on a fresh demo database, a manager's API token and the paths."""
    from dashboard.demo.build import DemoOptions, build_demo

    folder = tmp_path_factory.mktemp("live")
    database = folder / "demo.sqlite"
    now = _office_morning()
    build_demo(str(database), DemoOptions(seed=5, scale=0.1, now=now))
    port = free_port()
    environment = {
        **os.environ,
        "STV_DATABASE_URL": f"sqlite:///{database}",
        "STV_STATE_URL": f"sqlite:///{folder / 'state.sqlite'}",
        "STV_CACHE_URL": f"filesystem://{folder / 'cache'}",
        "STV_STORE_DIR": str(folder / "store"),
        "STV_SECRET_KEY": "a test key for the live tests, never a real one",
        "PYTHONUNBUFFERED": "1",
    }
    environment.pop("STV_NOW", None)
    _add_accounts(environment)
    token = subprocess.run(
        [str(Path(sys.executable).parent / "stv-dashboard"), "token", "create", "e2e-manager"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[-1]
    log_path = folder / "server.log"
    with _served(port, log_path, environment, folder) as server:
        yield {"server": server, "token": token, "database": database, "now": now, "environment": environment}


@contextmanager
def _served(port: int, log_path: Path, environment: dict, folder: Path) -> Iterator[DashboardServer]:
    """What `stv-dashboard serve --workers 2` runs: its aggregate step, then its own gunicorn command
    (`dashboard.serve.gunicorn_command`), without its forecast step (the forecasts are computed in the workers'
    background instead: before the start they take many minutes on a loaded 2-core machine)."""
    from dashboard.serve import gunicorn_command, prepare_aggregates
    from dashboard.settings import Settings

    prepare_aggregates(
        Settings(
            database_url=environment["STV_DATABASE_URL"],
            store_dir=Path(environment["STV_STORE_DIR"]),
            state_url=environment["STV_STATE_URL"],
        )
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            gunicorn_command("127.0.0.1", port, WORKERS),
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        server = DashboardServer(f"http://127.0.0.1:{port}", log_path, process)
        _wait_for(lambda: server.assert_running() or _answers(server.url("/login")), STARTUP_SECONDS, "the start")
        yield server
    finally:
        _stop(process)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status == 200
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return False


def _get(live, path: str, timeout: float = 60) -> tuple[int, dict, str]:
    request = urllib.request.Request(live["server"].url(path), headers={"Authorization": f"Bearer {live['token']}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _kpis(live, query: str) -> dict[str, str]:
    status, _, body = _get(live, f"/export/kpis.csv?{query}")
    assert status == 200, body[:300]
    return {row["metric"]: row["value"] for row in csv.DictReader(io.StringIO(body))}


def _identities_hold(kpis: dict[str, str]) -> None:
    counts = {name: int(kpis[name]) for name in ("requests", "answered", "unanswered", "in_progress")}
    assert counts["requests"] == counts["answered"] + counts["unanswered"] + counts["in_progress"], counts


def _monthly_identities_hold(live, query: str) -> None:
    status, _, body = _get(live, f"/export/monthly.csv?{query}")
    assert status == 200, body[:300]
    for row in csv.DictReader(io.StringIO(body)):
        values = {k: int(row[k]) for k in ("requests", "answered", "unanswered", "in_progress")}
        assert values["requests"] == values["answered"] + values["unanswered"] + values["in_progress"], row


def _truth(database: Path, start: datetime, end: datetime) -> tuple[int, int]:
    """Requests made in [start, end) and those with a final outcome, read from the database itself."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        fmt = "%Y-%m-%d %H:%M:%S"
        return conn.execute(
            "SELECT count(*), coalesce(sum(status NOT IN ('pending', 'matched')), 0) FROM requests "
            "WHERE requested_at >= ? AND requested_at < ?",
            (start.strftime(fmt), end.strftime(fmt)),
        ).fetchone()


def _wait_for(condition, seconds: float, what: str):
    """Poll `condition()` until it gives something true, at most `seconds`; that value and the time it took."""
    started = time.monotonic()
    pause = threading.Event()
    while time.monotonic() - started < seconds:
        value = condition()
        if value:
            return value, time.monotonic() - started
        pause.wait(POLL)
    pytest.fail(f"{what}: not within {seconds:.0f} s")


def test_figures_follow_simulate_and_never_go_back(live):
    """Item 0 and 7: simulate beside two workers."""
    now = live["now"]
    day = now.astimezone(BRUSSELS).date()
    first = day - timedelta(days=30)  # the last month's requests: new ones arrive, recent ones get their outcome
    live_query = f"from={first}&to={day}"
    start = datetime(first.year, first.month, first.day, tzinfo=BRUSSELS).astimezone(UTC)
    end = datetime(day.year, day.month, day.day, tzinfo=BRUSSELS).astimezone(UTC) + timedelta(days=1)
    closed_query = f"from={day.year - 2}-01-01&to={day.year - 2}-12-31"
    closed = _kpis(live, closed_query)
    _identities_hold(closed)
    environment = {**live["environment"], "STV_NOW": now.strftime("%Y-%m-%dT%H:%M:%SZ")}
    simulate_log = live["server"].log_path.with_name("simulate.log")
    with simulate_log.open("wb") as log:
        simulate = subprocess.Popen(
            [str(Path(sys.executable).parent / "stv-dashboard"), "simulate", "--database", str(live["database"])]
            + ["--speed", str(SPEED), "--interval", "1"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    truths: list[tuple[float, int, int]] = []  # (when read, requests, final)
    seen = (0, 0)
    lags: list[float] = []
    pending: list[tuple[float, int, int]] = []  # truths not yet shown by the dashboard
    try:
        deadline = time.monotonic() + LIVE_SECONDS
        pause = threading.Event()
        while time.monotonic() < deadline:
            assert simulate.poll() is None, simulate_log.read_text()
            truth_at = time.monotonic()
            requests, final = _truth(live["database"], start, end)
            truths.append((truth_at, requests, final))
            pending.append((truth_at, requests, final))
            read_at = time.monotonic()
            kpis = _kpis(live, live_query)
            _identities_hold(kpis)
            shown = (int(kpis["requests"]), int(kpis["answered"]) + int(kpis["unanswered"]))
            assert shown[0] >= seen[0] and shown[1] >= seen[1], f"a figure went back: {seen} -> {shown}"
            seen = shown
            for truth in list(pending):
                if shown[0] >= truth[1] and shown[1] >= truth[2]:
                    lags.append(time.monotonic() - truth[0])
                    pending.remove(truth)
                else:
                    assert read_at - truth[0] <= PROBE + SLACK, (
                        f"a change read {read_at - truth[0]:.1f} s ago is not shown: {truth[1:]} vs {shown}"
                    )
            assert _kpis(live, closed_query) == closed, "a figure of a closed period moved"
            _monthly_identities_hold(live, f"from={day - timedelta(days=60)}&to={day}")
            pause.wait(POLL)
    finally:
        simulate.send_signal(signal.SIGINT)
        try:
            simulate.wait(timeout=30)
        except subprocess.TimeoutExpired:  # the test fails, but leaves no simulator writing behind it
            simulate.kill()
            simulate.wait()
            raise
    changes = truths[-1][1] - truths[0][1] + truths[-1][2] - truths[0][2]
    assert changes > 0, "the simulation changed nothing: the test saw no change to follow"
    _wait_for(lambda: not pending or _kpis(live, live_query)["requests"] == str(truths[-1][1]), PROBE + SLACK, "last")
    print(f"\nlive: {len(truths)} reads, {changes} changes, lag until shown max {max(lags or [0]):.1f} s")
    assert not live["server"].problems_since(0), live["server"].problems_since(0)


def _posted(live, path: str, size: int, chunked: bool = True, raw: bytes | None = None) -> tuple[int | None, str]:
    """POST `size` bytes to `path` as a plain client does: with Content-Length, or `Transfer-Encoding: chunked` in
    64 KiB chunks (`raw`: these bytes as the chunked body, however broken); the answer's status and text (None:
    no answer, e.g. the connection reset while the body was still being sent)."""
    server = live["server"].base_url.removeprefix("http://")
    connection = http.client.HTTPConnection(*server.split(":"), timeout=60)
    piece = b"0" * 65_536
    try:
        connection.putrequest("POST", path)
        framing = {"Transfer-Encoding": "chunked"} if chunked else {"Content-Length": str(size)}
        for name, value in {**framing, "Content-Type": "application/json"}.items():
            connection.putheader(name, value)
        connection.endheaders()
        if raw is not None:
            connection.send(raw)
        for start in range(0, size if raw is None else 0, len(piece)):
            part = piece[: min(len(piece), size - start)]
            connection.send(f"{len(part):x}\r\n".encode() + part + b"\r\n" if chunked else part)
        if chunked and raw is None:
            connection.send(b"0\r\n\r\n")
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return None, ""
    finally:
        connection.close()


def test_a_body_over_the_limit_is_413_from_the_served_app(live):
    """Issue 17: a body without Content-Length (chunked) is held to the same limit on every route, Dash's too,
    with the app's message; one within the limit is read whole and goes on to sign-in (401 without a session);
    the client of a 20 MB body, with Content-Length or without, reads its 413 (it had no answer: a reset)."""
    from dashboard.security import MAX_BODY_BYTES

    server = live["server"]
    offset = server.log_size()
    for path in ("/_dash-update-component", "/login", "/", "/export/kpis.csv", "/_dash-layout"):
        for chunked in (True, False):
            status, body = _posted(live, path, 20 * MAX_BODY_BYTES, chunked)
            assert status == 413, (path, chunked, status, body[:200])
            assert "ten hoogste 1.048.576 bytes" in body, (path, body[:200])
    assert _posted(live, "/_dash-update-component", MAX_BODY_BYTES)[0] == 401
    assert _posted(live, "/_dash-update-component", 0, raw=b"zz\r\nnot a chunk\r\n")[0] == 400
    assert _get(live, "/healthz")[0] == 200  # the workers serve on
    assert not server.problems_since(offset), server.problems_since(offset)


def _workers(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def test_a_worker_killed_under_load(live):
    """Eight clients asking at once; one worker is killed with SIGKILL: no answer is a 5xx, a new worker
    takes its place, and every request after that is answered."""
    server = live["server"]
    master = server.process.pid
    workers, _ = _wait_for(lambda: _workers(master) if len(_workers(master)) == 2 else None, 60, "two workers")
    offset = server.log_size()
    statuses: list[int | str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(index: int) -> None:
        paths = ("/export/kpis.csv?from=2024-01-01&to=2024-12-31", "/healthz", "/export/languages.csv")
        for n in range(200):  # bounded
            if stop.is_set():
                return
            try:
                status = _get(live, paths[(index + n) % len(paths)], timeout=30)[0]
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError) as error:
                status = type(error).__name__
            with lock:
                statuses.append(status)

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(client, i) for i in range(8)]
        _wait_for(lambda: len(statuses) >= 20, 120, "load")
        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        replaced, took = _wait_for(
            lambda: (_workers(master) - {victim}) if len(_workers(master) - {victim}) == 2 else None, 60, "a new worker"
        )
        after = len(statuses)
        _wait_for(lambda: len(statuses) >= after + 20, 120, "answers after the new worker")
        stop.set()
        for future in futures:
            future.result()
    failures = [s for s in statuses if not isinstance(s, int)]
    print(
        f"\nworker killed: {len(statuses)} requests, {len(failures)} cut off ({set(failures)}), "
        f"new worker in {took:.1f} s"
    )
    assert not [s for s in statuses if isinstance(s, int) and s >= 500], statuses
    assert all(isinstance(s, int) for s in statuses[after:]), statuses[after:]
    assert time.monotonic() - killed_at > 0 and victim not in replaced
    assert "WORKER TIMEOUT" not in server.log_since(offset)


def test_the_database_file_away_and_back(live, browser):
    """Also in Chromium: the banner on a page opened while the database is away, gone by itself after its return
    (the shell's timer asks again while it shows)."""
    from tests.browser import CONTEXT_OPTIONS, expect, save_screenshot, sign_in_with_the_form

    server, database = live["server"], live["database"]
    context = browser.new_context(**CONTEXT_OPTIONS)
    page = context.new_page()
    sign_in_with_the_form(page, server.base_url, "e2e-manager")
    page.goto(server.url("/no-shows?from=2024-01-01&to=2024-12-31"))
    expect()(page.locator(".answered-note")).to_be_visible()
    offset = server.log_size()
    assert _get(live, "/healthz")[0] == 200
    database.rename(database.with_suffix(".away"))
    try:
        (status, headers, _), noticed = _wait_for(
            lambda: (answer := _get(live, "/export/kpis.csv?from=2024-01-01&to=2024-12-31"))[0] == 503 and answer,
            PROBE + SLACK,
            "503 while the database is away",
        )
        assert headers.get("Retry-After") == "10"
        health = _get(live, "/healthz")
        assert health[0] == 503 and '"database":"unreachable"' in health[2].replace(" ", "")
        page.goto(server.url("/no-shows?from=2024-01-01&to=2024-12-31"))
        expect()(page.locator(".outage-banner")).to_contain_text("Databank onbereikbaar sinds")
        expect()(page.locator(".outage-banner")).to_contain_text("cijfers van")
        expect()(page.locator(".answered-note")).to_be_visible()  # the figures of before, from the cache
        save_screenshot(page, "outage-banner")
    finally:
        database.with_suffix(".away").rename(database)
    _, recovered = _wait_for(lambda: _get(live, "/healthz")[0] == 200, PROBE + SLACK, "healthz after the return")
    assert _get(live, "/export/kpis.csv?from=2024-01-01&to=2024-12-31")[0] == 200
    expect()(page.locator(".outage-banner")).to_have_count(0)  # gone without a reload
    context.close()
    log = server.log_since(offset)
    print(f"\ndatabase away: noticed in {noticed:.1f} s, recovered {recovered:.1f} s after its return")
    assert log.count("operational database unreachable since") == 1, log[-2000:]
    assert log.count("operational database reachable again") == 1, log[-2000:]
