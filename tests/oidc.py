"""A real OpenID provider for the tests (issue 16): npm's `oidc-provider` (tests/oidc_provider/provider.mjs) on a
free loopback port, a stand-in for the provider's side of a browser (`ProviderBrowser`), and a dashboard served
with `STV_AUTH=oidc` for the Chromium test.

tests/conftest.py loads this module as a plugin. Without Node the tests that need the provider skip; under CI=true
that is a failure (tests/services.py `require`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.browser import STV_NOW, _stop, served_dashboard
from tests.services import free_port, require

FOLDER = Path(__file__).parent / "oidc_provider"
STARTUP_SECONDS = 60
CLIENT_ID = "stv-dashboard-test"
CLIENT_SECRET = "a test client secret, never a real one"
PROVIDER_PASSWORD = "a provider test password, never a real one"
TEST_CLIENT_BASE = "http://localhost"  # where Flask's test client says it is


@dataclass
class OidcProvider:
    """The running provider: its issuer and the client the dashboards use, and its log."""

    issuer: str
    process: subprocess.Popen
    log_path: Path
    served_base: str  # the base URL the served dashboard (oidc_dashboard_server) is registered with

    def settings(self, **changes):
        """OidcSettings for a dashboard signing in here."""
        from dashboard.settings import OidcSettings

        values = {"issuer": self.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET} | changes
        return OidcSettings(**values)

    def environment(self) -> dict:
        return {
            "STV_AUTH": "oidc",
            "STV_OIDC_ISSUER": self.issuer,
            "STV_OIDC_CLIENT_ID": CLIENT_ID,
            "STV_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        }


def _registered_uris(bases: list[str]) -> tuple[str, str]:
    redirects = " ".join(f"{base}/oidc/callback" for base in bases)
    signed_out = " ".join(f"{base}/login?signed_out=1&lang={lang}" for base in bases for lang in ("nl", "en"))
    return redirects, signed_out


def _install(npm: str) -> None:
    """`npm ci` from the committed package-lock.json, when node_modules is missing."""
    if (FOLDER / "node_modules" / "oidc-provider").is_dir():
        return
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"], cwd=FOLDER, capture_output=True, text=True, timeout=600
    )
    require(result.returncode == 0, f"the test provider's npm packages (npm ci failed: {result.stderr[-500:]})")


def _wait_for_discovery(issuer: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll the discovery document until it names the issuer; fail with the log if the provider exits or never
    answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    pause = threading.Event()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the test OpenID provider exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            answer = requests.get(issuer + "/.well-known/openid-configuration", timeout=2)
            if answer.status_code == 200 and answer.json().get("issuer") == issuer:
                return
        except requests.RequestException:
            pass
        pause.wait(0.1)  # poll interval, not synchronisation: readiness is the document above
    pytest.fail(f"the test OpenID provider did not answer within {STARTUP_SECONDS} s:\n{log_path.read_text()}")


@contextmanager
def running_provider(folder: Path, port: int, served_base: str) -> Iterator[OidcProvider]:
    """The provider on `port`, its log in `folder`, with the test client's and `served_base`'s URIs registered;
    stopped afterwards."""
    node, npm = shutil.which("node"), shutil.which("npm")
    require(node is not None and npm is not None, "Node.js and npm (apt-get install nodejs npm)")
    _install(npm)
    redirects, signed_out = _registered_uris([TEST_CLIENT_BASE, served_base])
    log_path = folder / "provider.log"
    environment = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": redirects,
        "OIDC_POST_LOGOUT_REDIRECT_URIS": signed_out,
        "OIDC_PASSWORD": PROVIDER_PASSWORD,
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [node, "provider.mjs"], cwd=FOLDER, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_for_discovery(issuer, process, log_path)
        yield OidcProvider(issuer, process, log_path, served_base)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Iterator[OidcProvider]:
    """The test provider for the whole session, on a free port."""
    folder = tmp_path_factory.mktemp("oidc-provider")
    with running_provider(folder, free_port(), f"http://127.0.0.1:{free_port()}") as provider:
        yield provider


# --- the browser's side at the provider -------------------------------------------------------------------------


@dataclass
class ProviderBrowser:
    """What a browser does at the provider, with its own cookies there (its session at the provider)."""

    provider: OidcProvider
    http: requests.Session = field(default_factory=requests.Session)
    last_page: str = ""

    def follow(self, url: str) -> str:
        """Follow redirects while they stay at the provider; the URL that leaves it, or '' when a page of the
        provider is shown (kept in `last_page`)."""
        for _ in range(20):
            if not url.startswith(self.provider.issuer + "/"):
                return url
            answer = self.http.get(url, allow_redirects=False, timeout=10)
            if answer.status_code not in (301, 302, 303, 307, 308):
                self.last_page = answer.text
                return ""
            url = urljoin(url, answer.headers["Location"])
        raise AssertionError("the provider redirected too often")

    def sign_in(self, authorization_url: str, username: str, password: str = PROVIDER_PASSWORD) -> str:
        """Through the provider's sign-in form (unless its session is still on); where it sends the browser back."""
        back = self.follow(authorization_url)
        if back:
            return back
        action = re.search(r'<form method="post" action="([^"]+)"', self.last_page)
        assert action, f"no sign-in form at the provider:\n{self.last_page[:500]}"
        answer = self.http.post(
            urljoin(self.provider.issuer, action.group(1)),
            data={"username": username, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 303, answer.text[:500]
        back = self.follow(urljoin(self.provider.issuer, answer.headers["Location"]))
        assert back, f"the provider did not send the browser back:\n{self.last_page[:500]}"
        return back

    def confirm_sign_out(self, end_session_url: str) -> str:
        """The provider's "sign out?" page, answered yes; where it sends the browser back."""
        assert not self.follow(end_session_url), "the provider showed no sign-out page"
        form = re.search(r'<form[^>]*action="([^"]+)"', self.last_page)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', self.last_page)
        assert form and xsrf, self.last_page[:500]
        answer = self.http.post(
            urljoin(self.provider.issuer, form.group(1)),
            data={"xsrf": xsrf.group(1), "logout": "yes"},
            allow_redirects=False,
            timeout=10,
        )
        return self.follow(urljoin(self.provider.issuer, answer.headers["Location"]))


def path_of(url: str) -> str:
    """The path and query of a URL on the dashboard, as the Flask test client asks for it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- a dashboard served with STV_AUTH=oidc, for Chromium --------------------------------------------------------


@pytest.fixture(scope="session")
def oidc_dashboard_server(oidc_provider, fixture_sqlite, tmp_path_factory):
    """`stv-dashboard serve` with STV_AUTH=oidc on the port the provider knows, on the small fixture database."""
    port = urlsplit(oidc_provider.served_base).port
    log_path = tmp_path_factory.mktemp("oidc-server") / "server.log"
    environment = {
        **os.environ,
        **oidc_provider.environment(),
        "STV_DATABASE_URL": fixture_sqlite,
        "STV_STATE_URL": f"sqlite:///{log_path.parent / 'state.sqlite'}",
        "STV_NOW": STV_NOW,
        "STV_CACHE_URL": "simple://",
        "PYTHONUNBUFFERED": "1",
    }
    with served_dashboard(oidc_provider.served_base, port, log_path, environment) as server:
        yield server
