"""The hostile probe of issue 17, bounded: a served copy of the demo database on loopback, and malformed or hostile
requests at it for a fixed time, counted per target as the issue's table does (requests, 2xx, 4xx, 5xx, no answer).

    PYTHONPATH=. .venv/bin/python -m benchmarks.probe --seconds 600 [--url http://127.0.0.1:PORT --token TOKEN]

Without `--url` it builds a demo database (scale 0.1) in a temporary folder and serves it as `stv-dashboard serve
--workers 2` does (tests/test_live.py's `_served`), signs in with the form and makes an API token. Targets, a third
of the time each, `--clients` at once:
- `/_dash-update-component`: every server callback with forged inputs (tests/fuzz_shapes.py's strategies), broken
  and nested JSON, oversized bodies with and without Content-Length (chunked);
- pages with malformed query strings, and paths under `/_dash-component-suites/` that traverse or do not exist;
- exports (CSV and Excel) and the report's downloads over wide periods (2000-2100) and malformed queries.
Every request goes to 127.0.0.1 only and waits at most `--answer-seconds` (180) for its answer. The server's log
lines of each 5xx are printed after the table. Needs the test dependencies (hypothesis)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.dash_requests import dom_id, request_body, server_callbacks
from tests.fuzz_shapes import HOSTILE_PATHS, component_value, query_strings

TARGETS = ("callbacks", "pages", "exports")
WIDE = ("from=2000-01-01&to=2100-12-31", "from=1900-01-01&to=2999-12-31", "from=2000-01-01&to=2100-12-31&lang=en")
SUITE_PATHS = (
    "/_dash-component-suites/dash/dash.py",
    "/_dash-component-suites/dash/..%2f..%2fsettings.py",
    "/_dash-component-suites/dash/../../dashboard/settings.py",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/etc/passwd",
    "/_dash-component-suites/no-such-package/x.js",
    "/_dash-component-suites/dash/deps/nothing.v1_0_0m1.js",
    "/_dash-component-suites/dash/dcc/dash_core_components.v9_9_9m1.js",
    "/_dash-component-suites/..%2f..%2f..%2fetc%2fpasswd",
    "/assets/../dashboard/settings.py",
    "/assets/%2e%2e/pyproject.toml",
)
EXPORT_PATHS = ("/report.pdf", "/report.xlsx")
LIMIT = 1_048_576  # dashboard.security.MAX_BODY_BYTES


class Tally:
    """Statuses per target, thread-safe; "none" for a request without an answer in time, "retry" for a 503 that
    says when to ask again (`Retry-After`: a forecast still being computed); every 5xx and unanswered request kept
    for the report."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: dict[str, Counter] = {target: Counter() for target in TARGETS}
        self.problems: list[str] = []

    def add(self, target: str, answer: Answer) -> None:
        kind = "none" if answer.status is None else f"{answer.status // 100}xx"
        with self.lock:
            self.counts[target][kind] += 1
            self.counts[target]["requests"] += 1
            if answer.status == 503 and answer.retry_after:
                self.counts[target]["retry"] += 1
            if answer.status is None or answer.status >= 500:
                self.problems.append(f"{answer.status} after {answer.seconds:.0f} s: {answer.request[:400]}")

    def table(self) -> str:
        lines = [
            "| target | requests | 2xx | 4xx | 5xx | of which 503 with Retry-After | no answer |",
            "|---|--:|--:|--:|--:|--:|--:|",
        ]
        for target, counts in self.counts.items():
            cells = [counts[k] for k in ("requests", "2xx", "4xx", "5xx", "retry", "none")]
            lines.append(f"| {target} | " + " | ".join(f"{c:,}" for c in cells) + " |")
        return "\n".join(lines)


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer in time, or the connection broke
    retry_after: str | None
    seconds: float
    request: str  # method, path and the body's start, for the report


class Client:
    """Raw HTTP/1.1 to the served dashboard (no path normalising), with the session cookie or the token."""

    def __init__(self, base: str, cookie: str, token: str, answer_seconds: float):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        assert self.host in ("127.0.0.1", "localhost", "::1"), "the probe only targets loopback"
        self.cookie, self.token, self.answer_seconds = cookie, token, answer_seconds

    def send(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, chunked=False):
        """The answer (its status None when none came in time, or the connection broke)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.answer_seconds)
        headers = {"Cookie": f"stv_session={self.cookie}", **(headers or {})}
        started = time.monotonic()
        status, retry_after = None, None
        try:
            if chunked:
                connection.putrequest(method, path)
                for name, value in (headers | {"Transfer-Encoding": "chunked"}).items():
                    connection.putheader(name, value)
                connection.endheaders()
                _send_chunks(connection, body or b"", raw=chunked == "raw")
            else:
                connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            status, retry_after = answer.status, answer.getheader("Retry-After")
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        shown = f"{method} {path} {(body or b'')[:300].decode('utf-8', 'replace')}"
        return Answer(status, retry_after, time.monotonic() - started, shown)

    def get(self, path: str, token: bool = False):
        headers = {"Accept": "text/html"} | ({"Authorization": f"Bearer {self.token}"} if token else {})
        return self.send("GET", path, headers=headers)

    def callback(self, body: bytes, chunked: bool = False):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        return self.send("POST", "/_dash-update-component", body, headers, chunked)


def _send_chunks(connection, body: bytes, raw: bool) -> None:
    """The body in 64 KiB chunks, or as it is (`raw`: broken chunking); a server that answers before the end may
    close the connection: its answer is still read."""
    try:
        if raw:
            connection.send(body)
            return
        for start in range(0, len(body), 65536):
            piece = body[start : start + 65536]
            connection.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        connection.send(b"0\r\n\r\n")
    except OSError:
        pass


def _callbacks() -> list[tuple[str, dict]]:
    """Every server callback (key, spec) of a freshly built app, as tests/test_fuzz_callbacks.py finds them."""
    from dashboard import create_app
    from dashboard.settings import Settings

    settings_ = Settings(database_url="sqlite:///unused.sqlite", cache_url="simple://", state_url="sqlite://")
    app = create_app({"settings": settings_, "aggregates": False, "forecast_background": False})
    return [(key, app.callback_map[key]) for key, _ in server_callbacks(app)]


def _batch(size: int) -> Callable:
    """Hypothesis settings for one batch of `size` examples (`_until` starts batches until the time is up); every
    choice is drawn by Hypothesis (a choice of its own would make its generation inconsistent); no shrinking, no
    example database."""
    return settings(
        max_examples=size,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def probe_callbacks(client: Client, tally: Tally, until: float, callbacks: list) -> None:
    """Forged inputs for random callbacks; one request in ten malformed as a whole (body, JSON, size)."""

    @_batch(50)
    @given(data=st.data())
    def one(data):
        if data.draw(st.integers(0, 9)) == 0:
            tally.add("callbacks", _malformed_callback(client, data.draw(st.integers(0, 6))))
            return
        key, spec = data.draw(st.sampled_from(callbacks))
        declared = spec["inputs"] + spec["state"]
        values = {
            f"{dom_id(i['id'])}.{i['property']}": data.draw(component_value(dom_id(i["id"]), i["property"]))
            for i in declared
        }
        inputs = [f"{dom_id(i['id'])}.{i['property']}" for i in spec["inputs"]]
        changed = data.draw(st.lists(st.sampled_from(inputs), max_size=len(inputs), unique=True))
        body = json.dumps(request_body(key, spec, values, changed), default=str).encode()
        tally.add("callbacks", client.callback(body))

    _until(one, until)


def _malformed_callback(client: Client, kind: int):
    if kind == 0:
        return client.callback(b"{not json")
    if kind == 1:
        return client.callback(b"[" * 100_000)
    if kind == 2:
        return client.callback(b"0" * (LIMIT + 1))
    if kind == 3:
        return client.callback(b"0" * (LIMIT * 20), chunked=True)
    if kind == 4:
        return client.callback(json.dumps({"output": "x", "inputs": [], "changedPropIds": []}).encode(), chunked=True)
    if kind == 5:
        return client.callback(b"zz\r\nnot a chunk\r\n", chunked="raw")
    return client.callback(json.dumps({"output": None, "outputs": 5, "inputs": "x"}).encode())


def probe_pages(client: Client, tally: Tally, until: float) -> None:
    @_batch(50)
    @given(query=query_strings(), suite=st.sampled_from(SUITE_PATHS), page=st.sampled_from(HOSTILE_PATHS))
    def one(query, suite, page):
        tally.add("pages", client.get(suite))
        tally.add("pages", client.get(page + (query if query.startswith("?") or not query else "?" + query)))

    _until(one, until)


def probe_exports(client: Client, tally: Tally, until: float, views: list[str]) -> None:
    targets = [*(f"/export/{v}.{f}" for v in views for f in ("csv", "xlsx")), *EXPORT_PATHS]

    @_batch(10)
    @given(target=st.sampled_from(targets), query=query_strings(), wide=st.sampled_from(WIDE), token=st.booleans())
    def one(target, query, wide, token):
        tally.add("exports", client.get(f"{target}?{wide}", token=token))
        tally.add("exports", client.get(f"{target}?{query.lstrip('?')}", token=not token))

    _until(one, until)


def _until(run: Callable[[], None], until: float) -> None:
    """Batches of examples until the time is up."""
    while time.monotonic() < until:
        run()


# --- the served copy -------------------------------------------------------------------------------------------


@contextmanager
def served_demo(folder: Path) -> Iterator[tuple[str, str, Path]]:
    """A demo database (scale 0.1) served by two gunicorn workers on a free loopback port: (base URL, API token
    of a manager, the server's log)."""
    from dashboard.demo.build import DemoOptions, build_demo
    from dashboard.serve import gunicorn_command, prepare_aggregates
    from dashboard.settings import Settings
    from tests.browser import _add_accounts, _stop
    from tests.services import free_port

    database = folder / "demo.sqlite"
    build_demo(str(database), DemoOptions(seed=5, scale=0.1, now=datetime(2026, 11, 23, 9, 0, tzinfo=UTC)))
    environment = {
        **os.environ,
        "STV_DATABASE_URL": f"sqlite:///{database}",
        "STV_STATE_URL": f"sqlite:///{folder / 'state.sqlite'}",
        "STV_CACHE_URL": f"filesystem://{folder / 'cache'}",
        "STV_STORE_DIR": str(folder / "store"),
        "STV_SECRET_KEY": "a key for the hostile probe only, never a real one",
        "STV_NOW": "2026-11-23T09:00:00Z",
    }
    _add_accounts(environment)
    command = str(Path(sys.executable).parent / "stv-dashboard")
    token = subprocess.run(
        [command, "token", "create", "e2e-manager"], env=environment, check=True, capture_output=True, text=True
    ).stdout.splitlines()[-1]
    prepare_aggregates(
        Settings(
            database_url=environment["STV_DATABASE_URL"],
            store_dir=folder / "store",
            state_url=environment["STV_STATE_URL"],
        )
    )
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            gunicorn_command("127.0.0.1", port, 2), cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until(lambda: _status(base, "/login") == 200, 300)
        yield base, token, log_path
    finally:
        _stop(process)


def _status(base: str, path: str) -> int | None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline, pause = time.monotonic() + seconds, threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the served dashboard did not start in time")
        pause.wait(0.5)


def sign_in(base: str, name: str = "e2e-manager") -> str:
    """The session cookie of `name`, signed in with the form as a browser does."""
    import requests

    from tests.browser import E2E_PASSWORD
    from tests.support import csrf_of

    browser = requests.Session()
    form = browser.get(base + "/login", timeout=60)
    answer = browser.post(
        base + "/login",
        data={"username": name, "password": E2E_PASSWORD, "csrf_token": csrf_of(form.text)},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 303, answer.status_code
    return browser.cookies["stv_session"]


def run(base: str, token: str, seconds: float, clients: int, answer_seconds: float, targets=TARGETS) -> Tally:
    from dashboard.exports import VIEWS

    tally, callbacks = Tally(), _callbacks()
    cookie = sign_in(base)
    share = seconds / len(targets)
    started = time.monotonic()
    client = Client(base, cookie, token, answer_seconds)
    views = sorted(VIEWS)
    for number, target in enumerate(targets, 1):
        until = started + share * number
        work, extra = {
            "callbacks": (probe_callbacks, (callbacks,)),
            "pages": (probe_pages, ()),
            "exports": (probe_exports, (views,)),
        }[target]
        with ThreadPoolExecutor(clients) as pool:
            for future in [pool.submit(work, client, tally, until, *extra) for _ in range(clients)]:
                future.result()
        print(f"{target}: {tally.counts[target]['requests']} requests", file=sys.stderr)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="the whole probe's time (shared by the targets)")
    parser.add_argument("--clients", type=int, default=4, help="requests under way at once")
    parser.add_argument("--answer-seconds", type=float, default=180, help="wait for one answer at most")
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS), help="what to probe")
    parser.add_argument("--url", help="a dashboard served on loopback already (else a demo copy is served)")
    parser.add_argument("--token", help="with --url: a manager's API token")
    parser.add_argument("--log", help="with --url: its server log, for the 5xx lines")
    args = parser.parse_args(argv)
    if args.url:
        tally = run(args.url, args.token or "", args.seconds, args.clients, args.answer_seconds, args.targets)
        _report(tally, Path(args.log) if args.log else None)
        return 0
    with tempfile.TemporaryDirectory(prefix="stv-probe-") as folder, served_demo(Path(folder)) as served:
        base, token, log_path = served
        tally = run(base, token, args.seconds, args.clients, args.answer_seconds, args.targets)
        _report(tally, log_path)
    return 0


def _report(tally: Tally, log_path: Path | None) -> None:
    print(tally.table())
    print(f"\n{len(tally.problems)} requests answered 5xx or not at all:")
    for line in tally.problems[:40]:
        print("  " + line)
    if log_path is None:
        return
    lines = log_path.read_text(errors="replace").splitlines()
    problems = [line for line in lines if '" 5' in line or "answered 5" in line or "Traceback" in line]
    print(f"\nserver log: {len(problems)} lines of a 5xx or a traceback")
    for line in problems[:40]:
        print("  " + line[:300])


if __name__ == "__main__":
    sys.exit(main())
