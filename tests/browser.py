"""Browser-test fixtures: the dashboard served as a subprocess on the demo database, Debian's Chromium driven by
Playwright (../shared/RECIPES.md, "Browser tests"), and the figures the pages should show, computed with the app's
own (separately unit-tested) functions.

tests/conftest.py loads this module as a plugin, so every e2e module shares one served dashboard and browser.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import DEMO_NOW
from tests.services import free_port, require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Two minutes on a quiet machine (RECIPES.md); a shared, loaded one may allow more (STV_TEST_STARTUP_SECONDS).
STARTUP_SECONDS = int(os.environ.get("STV_TEST_STARTUP_SECONDS") or 120)
EXPECT_TIMEOUT_MS = 60_000
STV_NOW = DEMO_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
TODAY = DEMO_NOW.astimezone(ZoneInfo("Europe/Brussels")).date()  # "today" of the served app
# A server-side failure in the log: a traceback, a logged exception or error, or an HTTP 5xx in an access line.
SERVER_PROBLEM = re.compile(
    r"Traceback|Exception|\bError\b|\[ERROR\]|\[CRITICAL\]|WORKER TIMEOUT"
    r"|HTTP/1\.[01]\" 5\d\d "
)


# --- the app under test -----------------------------------------------------------------------------------------


@dataclass
class DashboardServer:
    """A running `stv-dashboard serve`: its base URL and its log (stdout and stderr together)."""

    base_url: str
    log_path: Path
    process: subprocess.Popen

    def url(self, path_and_query: str = "/") -> str:
        return self.base_url + path_and_query

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")

    def problems_since(self, offset: int) -> list[str]:
        """Log lines since `offset` that show a server error: a traceback or an HTTP 5xx answer."""
        return [line for line in self.log_since(offset).splitlines() if SERVER_PROBLEM.search(line)]

    def assert_running(self) -> None:
        """Fail clearly (with the log's end) when the server is gone, rather than with a refused connection."""
        if self.process.poll() is not None:
            tail = "\n".join(self.log_since(0).splitlines()[-20:])
            pytest.fail(
                f"the dashboard server (pid {self.process.pid}) has exited with {self.process.returncode} "
                f"(a negative code is the signal that stopped it):\n{tail}",
                pytrace=False,
            )


# The served dashboard's accounts: name -> (role, its `user add` options), all with E2E_PASSWORD.
E2E_ACCOUNTS = {
    "e2e-manager": ("manager", []),
    "e2e-board": ("board", []),
    "e2e-region": ("region", ["--region", "ANT"]),
    "e2e-organisation": ("organisation", ["--organisation", "1"]),
    "e2e-admin": ("admin", []),
}
E2E_PASSWORD = "an e2e password, never a real one"


def _add_accounts(environment: dict) -> None:
    """The accounts, made with the command an administrator uses (`stv-dashboard user add --password-stdin`)."""
    command = str(Path(sys.executable).parent / "stv-dashboard")
    for name, (role, options) in E2E_ACCOUNTS.items():
        subprocess.run(
            [command, "user", "add", name, "--role", role, *options, "--password-stdin"],
            input=E2E_PASSWORD + "\n",
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )


def _wait_until_ready(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll `url` (short timeouts) until it answers 200; fail with the server log if it exits or never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    pause = threading.Event()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"stv-dashboard serve exited with {process.returncode}:\n{log_path.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        pause.wait(0.25)  # poll interval, not synchronisation: readiness is the 200 above
    pytest.fail(
        f"stv-dashboard serve did not answer {url} within {STARTUP_SECONDS} s:\n{log_path.read_text()}", pytrace=False
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@contextmanager
def served_dashboard(base_url: str, port: int, log_path: Path, environment: dict) -> Iterator[DashboardServer]:
    """`stv-dashboard serve` on `port` with `environment`, its output in `log_path`; ready when `/login` answers."""
    command = [str(Path(sys.executable).parent / "stv-dashboard"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=log_path.parent,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_until_ready(base_url + "/login", process, log_path)
        yield DashboardServer(base_url, log_path, process)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def dashboard_server(demo_sqlite, tmp_path_factory) -> Iterator[DashboardServer]:
    """`stv-dashboard serve` on a free loopback port, reading the session's demo database, "now" fixed."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("e2e-server") / "server.log"
    environment = {
        **os.environ,
        "STV_DATABASE_URL": f"sqlite:///{Path(demo_sqlite).resolve()}",
        "STV_STATE_URL": f"sqlite:///{log_path.parent / 'state.sqlite'}",
        "STV_NOW": STV_NOW,
        "STV_CACHE_URL": "simple://",
        "PYTHONUNBUFFERED": "1",
    }
    _add_accounts(environment)
    database_bytes = hashlib.sha256(Path(demo_sqlite).read_bytes()).hexdigest()
    with served_dashboard(f"http://127.0.0.1:{port}", port, log_path, environment) as server:
        yield server
    assert hashlib.sha256(Path(demo_sqlite).read_bytes()).hexdigest() == database_bytes, (
        "the served dashboard wrote to the operational database"
    )


# --- the browser ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the session."""
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        require(False, "the playwright Python package (pip install -e '.[test]')")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class BrowserPage:
    """A fresh page in its own context, with the console errors and uncaught exceptions it has seen so far."""

    page: object
    server: DashboardServer
    errors: list[str] = field(default_factory=list)
    log_offset: int = 0

    def open(self, path_and_query: str):
        self.server.assert_running()
        self.page.goto(self.server.url(path_and_query))
        return self.page

    def assert_no_errors(self) -> None:
        """No console error, no uncaught exception in the page, and no traceback or 5xx in the server log."""
        self.server.assert_running()
        server_problems = self.server.problems_since(self.log_offset)
        assert not self.errors, "errors in the browser console:\n" + "\n".join(self.errors)
        assert not server_problems, "errors in the server log:\n" + "\n".join(server_problems)


CONTEXT_OPTIONS = {"viewport": {"width": 1400, "height": 1000}, "locale": "nl-BE", "accept_downloads": True}


def sign_in_with_the_form(page, base_url: str, name: str, password: str = E2E_PASSWORD) -> None:
    """Sign in as a person does: the form at /login, then wait to have left it."""
    page.goto(base_url + "/login")
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def sign_out_with_the_menu(page) -> None:
    """Sign out as a person does: open the account's menu (its button bears the account's name), then "Sign out"."""
    page.click("#shell-account .dropdown-toggle")
    page.click("#shell-sign-out")


@pytest.fixture(scope="session")
def signed_in_states(browser, dashboard_server):
    """`state(name)`: the cookies of a session signed in as `name` (signed in once per test session)."""
    states: dict[str, dict] = {}

    def state(name: str) -> dict:
        if name not in states:
            context = browser.new_context(**CONTEXT_OPTIONS)
            context.set_default_timeout(EXPECT_TIMEOUT_MS)
            sign_in_with_the_form(context.new_page(), dashboard_server.base_url, name)
            states[name] = context.storage_state()
            context.close()
        return states[name]

    return state


@pytest.fixture
def browser_page(browser_page_as):
    """A fresh context and page per test, signed in as a manager; console errors and page errors are collected on
    `.errors`."""
    return browser_page_as("e2e-manager")


@pytest.fixture
def browser_page_as(browser, dashboard_server, signed_in_states):
    """`browser_page_as(name)`: a fresh context and page signed in as `name` (None: not signed in)."""
    contexts = []

    def open_as(name: str | None):
        state = signed_in_states(name) if name else None
        context = browser.new_context(**CONTEXT_OPTIONS, storage_state=state)
        contexts.append(context)
        return _wrapped_page(context, dashboard_server)

    yield open_as
    for context in contexts:
        context.close()


def _wrapped_page(context, dashboard_server) -> BrowserPage:
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    context.set_default_navigation_timeout(EXPECT_TIMEOUT_MS)
    page = context.new_page()
    wrapped = BrowserPage(page, dashboard_server, log_offset=dashboard_server.log_size())
    page.on(
        "console",
        lambda message: (
            wrapped.errors.append(f"console.{message.type}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: wrapped.errors.append(f"uncaught: {error}"))
    return wrapped


def expect():
    """Playwright's `expect` (imported when a browser test runs, so that the suite loads without Playwright)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


@contextmanager
def whole_page_in_view(page) -> Iterator[None]:
    """AG Grid draws a grid only once it has been in view: make the viewport as tall as the page and wait until
    every grid has drawn (a first row, or its no-rows message); the viewport is restored afterwards."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": page.evaluate("document.body.scrollHeight")})
    try:
        for grid in page.locator(".ag-root-wrapper").all():
            grid.locator(".ag-row, .ag-overlay-no-rows-center").first.wait_for()
        yield
    finally:
        page.set_viewport_size(size)


def save_screenshot(page, name: str) -> Path | None:
    """A full-page screenshot in $STV_SCREENSHOTS (when set), for people to look at; never an assertion."""
    folder = os.environ.get("STV_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    with whole_page_in_view(page):
        page.screenshot(path=str(path), full_page=True)
    return path


# --- what the pages should show ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def expected_figures(demo_sqlite):
    """`expected_figures(filters)`: the figures of a slice, computed from the same database with the app's functions."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database
    from dashboard.views import overview as views

    cache = Cache(Flask("e2e-expected"), config={"CACHE_TYPE": "SimpleCache"})
    database = Database(f"sqlite:///{Path(demo_sqlite).resolve()}")
    data = DataAccess(database, cache)
    computed: dict = {}

    def figures(filters) -> dict:
        if filters.key() not in computed:
            computed[filters.key()] = views.kpis(data, filters)
        return computed[filters.key()]

    yield figures
    database.dispose()
