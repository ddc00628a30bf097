"""The users of `python -m benchmarks.load`, run with locust as a library in a process of their own (locust patches
the standard library with gevent when imported, which Playwright and the benchmark's servers must not see).

`python -m benchmarks.swarm --host URL --password P --scenarios FILE --users 50 --seconds 60` prints one JSON
object: the statistics per request name (the sign-in and each page's callbacks) and in total.

Each user signs in through the form at /login (at most SIGN_INS_AT_ONCE at a time: the app counts every attempt
per name and address before it checks the password, and 50 at once would pass its limit). Once every user is
signed in (or after SIGN_IN_SECONDS) the statistics start afresh and the timed window begins: each user replays,
again and again after a pause of `--think` seconds, one page's callback requests as Chromium sent them
(`benchmarks.load` captures them): wave by wave, the requests of a wave at once, as the browser sends them. At the
window's end each user finishes the page it is replaying (at most STOP_SECONDS) and stops.
"""

from __future__ import annotations

import gevent.monkey  # first: locust would patch later with warnings

gevent.monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import gevent  # noqa: E402
from gevent.event import Event  # noqa: E402
from gevent.lock import Semaphore  # noqa: E402
from gevent.pool import Group  # noqa: E402
from locust import FastHttpUser, between, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.stats import StatsEntry  # noqa: E402

CALLBACK_PATH = "/_dash-update-component"
LAYOUT = "layout:"  # a wave's entry that is the page's layout, its URL after this (benchmarks.load.LAYOUT)
PAGE_HEADER = "X-STV-Page"  # callbacks.shell.PAGE_HEADER (not imported, as ACCOUNT below)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ACCOUNT = "bench-manager"  # benchmarks.serving.ACCOUNT (not imported: this process stays free of the app)
MAX_REQUESTS = 500_000  # a bound on the count besides the time
SIGN_INS_AT_ONCE = 4  # below the app's 5 failed attempts per name and address: attempts are counted before checks
SIGN_IN_SECONDS = 600  # the window starts after this even if some users are still signing in
STOP_SECONDS = 30  # at the window's end, how long a user may take to finish the page it replays
ALL_SIGNED_IN = Event()
SIGNED_IN = []  # one entry per user that has signed in (a counter the greenlets share)


class DashboardUser(FastHttpUser):
    """A signed-in person opening pages (their layouts and callbacks only: the assets are the browser benchmark's)."""

    abstract = True  # made concrete by `user_class` with the run's settings
    password = ""
    scenarios: dict[str, list[list[list[str]]]] = {}  # page -> scenarios -> waves -> request bodies
    sign_in_lock = Semaphore(SIGN_INS_AT_ONCE)
    users = 0  # how many will sign in: the window starts when all have

    def on_start(self):
        with self.sign_in_lock:
            self._sign_in()
        SIGNED_IN.append(self)
        if len(SIGNED_IN) >= self.users:
            ALL_SIGNED_IN.set()
        ALL_SIGNED_IN.wait(timeout=SIGN_IN_SECONDS)

    def _sign_in(self) -> None:
        with self.client.get("/login", name="/login (form)", catch_response=True) as form:
            found = CSRF.search(form.text or "")
            if not found:
                form.failure(f"no CSRF token in the form (HTTP {form.status_code})")
                return
        body = urlencode({"username": ACCOUNT, "password": self.password, "csrf_token": found.group(1)})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(
            "/login", data=body, headers=headers, name="/login", allow_redirects=False, catch_response=True
        ) as answer:
            if answer.status_code != 303:
                answer.failure(f"sign-in answered HTTP {answer.status_code}")

    def replay(self) -> None:
        page = random.choice(sorted(self.scenarios))
        for wave in random.choice(self.scenarios[page]):
            group = Group()
            for body in wave:
                group.spawn(self._callback, page, body)
            group.join()

    def _callback(self, page: str, body: str) -> None:
        if body.startswith(LAYOUT):
            self._layout(page, body.removeprefix(LAYOUT))
            return
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        with self.client.post(
            CALLBACK_PATH, data=body, headers=headers, name=f"callbacks of {page}", catch_response=True
        ) as answer:
            if answer.status_code not in (200, 204):  # 0: no answer (the connection's error says why)
                reason = f": {type(answer.error).__name__} {answer.error}"[:160] if answer.error else ""
                answer.failure(f"HTTP {answer.status_code}{reason}")

    def _layout(self, page: str, url: str) -> None:
        """The page's layout, as the browser asks for it on opening `url` (the shell drawn, the page mounted)."""
        with self.client.get(
            "/_dash-layout", headers={PAGE_HEADER: url}, name=f"layout of {page}", catch_response=True
        ) as answer:
            if answer.status_code != 200:
                reason = f": {type(answer.error).__name__} {answer.error}"[:160] if answer.error else ""
                answer.failure(f"HTTP {answer.status_code}{reason}")


def user_class(password: str, scenarios: dict, think: tuple[float, float], users: int) -> type[DashboardUser]:
    """The concrete user of this run (locust's settings are class attributes)."""

    class User(DashboardUser):
        abstract = False
        wait_time = between(*think)

        @task
        def open_page(self):
            self.replay()

    User.password, User.scenarios, User.users = password, scenarios, users
    return User


def summary(entry) -> dict:
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "median_ms": entry.median_response_time if entry.num_requests else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
        "max_ms": entry.max_response_time if entry.num_requests else None,
        "mean_ms": round(entry.avg_response_time, 1) if entry.num_requests else None,
    }


def run(host: str, user: type, users: int, spawn_rate: float, seconds: float) -> dict:
    environment = Environment(user_classes=[user], host=host, events=events, stop_timeout=STOP_SECONDS)
    runner = environment.create_local_runner()

    def bounded(**_kwargs):
        if environment.stats.total.num_requests >= MAX_REQUESTS:
            gevent.spawn(runner.quit)

    environment.events.request.add_listener(bounded)
    started = time.monotonic()
    runner.start(users, spawn_rate=spawn_rate)
    ALL_SIGNED_IN.wait(timeout=SIGN_IN_SECONDS + users / spawn_rate)
    signing_in = time.monotonic() - started
    sign_ins = {name: summary(entry) for (name, _method), entry in environment.stats.entries.items()}
    environment.stats.reset_all()
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    stats = environment.stats
    pages = [
        entry for name, entry in sorted(stats.entries.items()) if name[0].startswith(("callbacks of", "layout of"))
    ]
    merged = StatsEntry(stats, "all (layouts and callbacks)", None) if pages else None
    for entry in pages:
        merged.extend(entry)
    errors = {f"{error.name}: {error.error}": error.occurrences for error in stats.errors.values()}
    return {
        "per_name": {name: summary(entry) for (name, _method), entry in sorted(stats.entries.items())},
        "callbacks": summary(merged) if merged else None,
        "errors": errors,
        "seconds": seconds,
        "users": users,
        "signed_in": len(SIGNED_IN),
        "sign_ins": sign_ins,
        "signing_in_seconds": round(signing_in, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.swarm", description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--scenarios", required=True, help="JSON: page -> scenarios -> waves -> request bodies")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    with open(args.scenarios, encoding="utf-8") as source:
        scenarios = json.load(source)
    user = user_class(args.password, scenarios, tuple(args.think), args.users)
    print(json.dumps(run(args.host, user, args.users, args.spawn_rate, args.seconds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
