"""The production set-up of the README, run for real: `stv-dashboard serve` with several gunicorn workers on
PostgreSQL (the operational database and the state database, which keeps the sessions) and Redis (cache, sign-in
throttle); a session made by one worker holds on the others, and forwarded headers count only when a proxy is
configured."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser import _stop, _wait_until_ready
from tests.services import free_port

pytestmark = pytest.mark.postgres
PASSWORD = "a production test password"
WORKERS = 3


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production(postgres_server, redis_url, built_databases, tmp_path_factory):
    """The served dashboard, as the README's production section sets it up (without the proxy in front)."""
    from tests.fixture_management import fill

    operational = built_databases("postgresql", "management", fill)
    state = postgres_server.rsplit("/", 1)[0] + "/production_state"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS production_state WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE production_state"))
    admin.dispose()
    folder = tmp_path_factory.mktemp("production")
    environment = {
        **os.environ,
        "STV_DATABASE_URL": operational,
        "STV_STATE_URL": state,
        "STV_CACHE_URL": redis_url,
        "STV_SECRET_KEY": "k" * 48,
        "STV_NOW": "2026-11-23T09:00:00Z",
        "STV_STORE_DIR": str(folder / "store"),
        "PYTHONUNBUFFERED": "1",
    }
    command = str(Path(sys.executable).parent / "stv-dashboard")
    subprocess.run(
        [command, "user", "add", "lea", "--role", "manager", "--password-stdin"],
        input=PASSWORD + "\n",
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [command, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(WORKERS)],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base + "/healthz", process, log_path)
        yield base, state, log_path
    finally:
        _stop(process)


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def _get(opener, url: str, **headers):
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=60) as answer:
            return answer.status, answer.read().decode(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def _sign_in(opener, base: str) -> int:
    _, page, _ = _get(opener, base + "/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": "lea", "password": PASSWORD, "csrf_token": token}).encode()
    try:
        with opener.open(urllib.request.Request(base + "/login", data=form), timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_session_holds_on_every_worker_and_the_state_is_shared(production):
    base, state, log_path = production
    opener = _opener()
    assert _sign_in(opener, base) == 303
    answers = [_get(opener, base + "/export/kpis.csv?from=2022-01-01&to=2022-12-31") for _ in range(4 * WORKERS)]
    assert {status for status, _, _ in answers} == {200}
    assert all(body.startswith("metric,value") for _, body, _ in answers)
    workers = set(re.findall(r"Booting worker with pid: (\d+)", log_path.read_text()))
    assert len(workers) == WORKERS
    engine = create_engine(state)
    with engine.connect() as conn:
        exports = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'export' AND username = 'lea'"))
        assert exports.scalar_one() == 4 * WORKERS
    engine.dispose()


def test_forwarded_headers_are_not_believed_without_a_configured_proxy(production):
    base, _, _ = production
    status, _, headers = _get(_opener(), base + "/healthz", **{"X-Forwarded-Proto": "https"})
    assert status == 200 and "Strict-Transport-Security" not in headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_anonymous_requests_get_the_sign_in(production):
    base, _, _ = production
    status, _, headers = _get(_opener(), base + "/no-shows")
    assert status == 303 and headers["Location"].startswith("/login?next=")
