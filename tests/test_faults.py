"""Faults (issue 17 items 5 and 6), in the app itself with a clock the test moves: the operational database away
and back (a SQLite file moved away; a PostgreSQL server stopped), Redis away and back, a planted pickle, and a WAL
database read without a `-wal` or `-shm` file appearing beside it.

While the database is away every page's banner says since when, pages keep the figures they had (from the
cache), exports, reports and /healthz answer 503 with `Retry-After`; the first probe after its return ends it
all; each outage and each return is one log line. The probe interval is the test clock's: moving it on by one
interval is what "within one probe interval" means here (tests/test_live.py measures it in seconds on a served
copy with two workers).
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboard import ids
from dashboard.cache import JsonSerializer
from tests.conftest import Clock
from tests.dash_requests import post, response_values, text_of
from tests.fixture_management import fill
from tests.services import PostgresServer, RedisServer, postgres_bin, require
from tests.support import bearer, sign_in, signed_in_client

PROBE = 10.0
YEAR = "from=2025-01-01&to=2025-12-31"
CARDS = "no-shows-cards.children"  # a page callback whose figures the cache keeps
OTHER_YEAR = "?from=2024-01-01&to=2024-12-31"  # a slice never asked before the outage: nothing cached for it


# --- the parts that go away -----------------------------------------------------------------------------------


class MovedAway:
    """A SQLite operational database whose file is moved away and put back."""

    def __init__(self, folder: Path):
        self.path = folder / "operational.sqlite"
        engine = create_engine(f"sqlite:///{self.path}")
        fill(engine)
        engine.dispose()
        self.url = f"sqlite:///{self.path}"

    def take_away(self) -> None:
        self.path.rename(self.path.with_suffix(".away"))

    def bring_back(self) -> None:
        self.path.with_suffix(".away").rename(self.path)


class Stopped:
    """A PostgreSQL operational database whose server is stopped and started again."""

    def __init__(self, server: PostgresServer):
        self.server = server
        admin_url = server.start()
        name = f"faults_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.url = admin_url.rsplit("/", 1)[0] + "/" + name
        engine = create_engine(self.url)
        fill(engine)
        engine.dispose()

    def take_away(self) -> None:
        self.server.pause()

    def bring_back(self) -> None:
        self.server.resume()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def operational(request, tmp_path):
    """The operational database, in SQLite or PostgreSQL (a server of this test's own, so that stopping it
    leaves the suite's server alone)."""
    if request.param == "sqlite":
        yield MovedAway(tmp_path)
        return
    bin_dir = postgres_bin()
    require(bin_dir is not None, "a PostgreSQL server (apt-get install postgresql)")
    server = PostgresServer(bin_dir)
    try:
        yield Stopped(server)
    finally:
        server.stop()


@pytest.fixture
def own_redis():
    """A Redis server of this test's own, to stop and start again."""
    binary = shutil.which("redis-server")
    require(binary is not None, "a Redis server (apt-get install redis-server)")
    server = RedisServer(binary)
    url = server.start()
    yield server, url
    server.stop()


# --- what a reader sees ---------------------------------------------------------------------------------------


def _banner(client, app, lang: str = "nl") -> tuple[str, bool]:
    """The outage banner's text on a page (and whether its timer is off)."""
    search = "?lang=en" if lang == "en" else ""
    response = post(client, app, f"{ids.OUTAGE}.children", {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    values = response_values(response)
    return text_of(values[f"{ids.OUTAGE}.children"]), values[f"{ids.OUTAGE_TICK}.disabled"]


def _cards(client, app, search: str = "?" + YEAR):
    response = post(client, app, CARDS, {f"{ids.PAGE_QUERY}.data": search})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def _records(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


@pytest.fixture
def closing():
    """`closing(app)`: the app, its operational database's connections closed after the test."""
    apps = []
    yield lambda app: apps.append(app) or app
    for app in apps:
        app.server.extensions["stv"].data.database.dispose()


def test_the_operational_database_away_and_back(operational, make_app, closing, caplog):
    clock = Clock()
    app = closing(
        make_app(operational.url, clock=clock, probe_seconds=PROBE, aggregates=False, forecast_background=False)
    )
    client, script = signed_in_client(app), app.server.test_client()
    token = bearer(app)
    caplog.set_level(logging.INFO, logger="dashboard.outages")

    before = _cards(client, app)
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).status_code == 200
    assert _banner(client, app) == ("", True)

    operational.take_away()
    clock.now += PROBE  # the next probe interval: its probe fails
    export = script.get(f"/export/kpis.csv?{YEAR}", headers=token)
    assert (export.status_code, export.headers.get("Retry-After")) == (503, "10")
    report = script.get("/report.xlsx?period=2025", headers=token)
    assert (report.status_code, report.headers.get("Retry-After")) == (503, "10")
    health = script.get("/healthz")
    assert (health.status_code, health.headers.get("Retry-After")) == (503, "10")
    assert health.get_json() == {
        "status": "unavailable",
        "database": "unreachable",
        "cache": "ok",
        "store": "off",
        "replica": "off",
    }
    nl, timer_off = _banner(client, app)
    assert nl.startswith("Databank onbereikbaar sinds ") and ", cijfers van " in nl and not timer_off
    en, _ = _banner(client, app, "en")
    assert en.startswith("Database unreachable since ") and ", figures from " in en
    assert _cards(client, app) == before  # the figures of before, from the cache
    uncached = _cards(client, app, OTHER_YEAR)  # nothing cached: the page's own message, never a 500
    assert "De databank is nu niet bereikbaar" in text_of(list(uncached.values()))
    clock.now += PROBE  # still away at the next probe: no second line
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).status_code == 503
    assert len(_records(caplog, "operational database unreachable since")) == 1

    operational.bring_back()
    clock.now += PROBE  # back: the first probe after its return ends the outage
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).status_code == 200
    assert script.get("/healthz").get_json()["database"] == "ok"
    assert _banner(client, app) == ("", True)
    assert _cards(client, app, OTHER_YEAR) != uncached
    assert len(_records(caplog, "operational database reachable again")) == 1
    assert len(_records(caplog, "operational database unreachable since")) == 1


def test_a_query_that_fails_between_two_probes_starts_the_outage_at_once(operational, make_app, closing, caplog):
    """The database goes away within a probe interval: the first query that fails (an uncached export) ends in
    503, and from then on /healthz and the banner say so too, without waiting for the next probe."""
    clock = Clock()
    app = closing(
        make_app(operational.url, clock=clock, probe_seconds=PROBE, aggregates=False, forecast_background=False)
    )
    client, script = signed_in_client(app), app.server.test_client()
    token = bearer(app)
    caplog.set_level(logging.INFO, logger="dashboard.outages")
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).status_code == 200
    assert script.get("/healthz").status_code == 200

    operational.take_away()  # the probe slot's version was read: only a query can notice
    assert script.get(f"/export/kpis.csv?{OTHER_YEAR}", headers=token).status_code == 503
    health = script.get("/healthz")
    assert (health.status_code, health.get_json()["database"]) == (503, "unreachable")
    assert _banner(client, app)[0].startswith("Databank onbereikbaar sinds ")
    assert len(_records(caplog, "operational database unreachable since")) == 1

    operational.bring_back()
    clock.now += PROBE
    assert script.get("/healthz").status_code == 200
    assert len(_records(caplog, "operational database reachable again")) == 1


def test_before_any_figure_was_read_the_banner_says_there_are_none(tmp_path, make_app):
    operational = MovedAway(tmp_path)
    operational.take_away()
    app = make_app(operational.url, clock=Clock(), aggregates=False, forecast_background=False)
    client = signed_in_client(app)
    nl, _ = _banner(client, app)
    assert nl.startswith("Databank onbereikbaar sinds ") and "nog geen cijfers" in nl
    assert "De databank is nu niet bereikbaar" in text_of(list(_cards(client, app).values()))


def test_redis_away_and_back(own_redis, tmp_path, make_app, caplog):
    """Figures are computed uncached while Redis is away (with one warning in the log, not one per call), and
    the cache is used again one probe interval after it returns (one line). Sessions live in the state database:
    a signed-in user stays signed in through the outage, and signing in (and out) works during it."""
    server, url = own_redis
    clock = Clock()
    operational = MovedAway(tmp_path)
    app = make_app(
        operational.url, cache_url=url, clock=clock, probe_seconds=PROBE, aggregates=False, forecast_background=False
    )
    script, token = app.server.test_client(), bearer(app)
    caplog.set_level(logging.INFO, logger="dashboard.outages")
    cached = script.get(f"/export/kpis.csv?{YEAR}", headers=token).get_data()
    data = app.server.extensions["stv"].data
    executed = data.database.executed
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).get_data() == cached
    assert data.database.executed == executed  # from Redis
    before = signed_in_client(app, "planner")
    assert before.get(f"/export/kpis.csv?{YEAR}").get_data() == cached

    server.pause()
    for _ in range(5):
        answer = script.get(f"/export/kpis.csv?{YEAR}", headers=token)
        assert (answer.status_code, answer.get_data()) == (200, cached)  # computed again, the same figures
    assert data.database.executed > executed
    assert script.get("/healthz").get_json()["cache"] == "unreachable"
    assert len(_records(caplog, "cache unreachable")) == 1
    still = before.get(f"/export/kpis.csv?{YEAR}")
    assert (still.status_code, still.get_data()) == (200, cached), "signed out by the Redis outage"
    assert before.get("/no-shows").status_code == 200
    fresh = signed_in_client(app, "manager")  # the form, its CSRF check and the throttle, with Redis away
    assert fresh.get(f"/export/kpis.csv?{YEAR}").get_data() == cached
    assert _signs_out(fresh) and fresh.get(f"/export/kpis.csv?{YEAR}").status_code == 401
    guesser = app.server.test_client()
    assert [sign_in(guesser, "board", "wrong").status_code for _ in range(6)] == [401] * 5 + [429]  # still throttled
    assert not [r for r in caplog.records if r.exc_info]  # no tracebacks

    server.start()
    clock.now += PROBE
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).get_data() == cached
    executed = data.database.executed
    assert script.get(f"/export/kpis.csv?{YEAR}", headers=token).get_data() == cached
    assert data.database.executed == executed  # cached in Redis again
    assert script.get("/healthz").get_json()["cache"] == "ok"
    assert len(_records(caplog, "cache reachable again")) == 1
    assert before.get(f"/export/kpis.csv?{YEAR}").status_code == 200  # still the session from before the outage


def _signs_out(client) -> bool:
    """Sign out with the page's form (its CSRF token from the layout); True when it redirected as it does."""
    from tests.test_auth import _layout_csrf

    token = _layout_csrf(client.get("/_dash-layout").get_json())
    return client.post("/logout", data={"csrf_token": token}).status_code == 303


class _Planted:
    """What an attacker who can write to Redis would plant: a pickle that runs code when loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_the_cache_and_the_sessions_load_no_pickles(own_redis, tmp_path, make_app):
    _, url = own_redis
    marker = tmp_path / "code-ran"
    planted = pickle.dumps(_Planted(marker))
    assert JsonSerializer().loads(b"!" + planted) is None  # cachelib's own form of a pickle
    assert JsonSerializer().loads(planted) is None
    app = make_app(MovedAway(tmp_path).url, cache_url=url, aggregates=False, forecast_background=False)
    backend = app.server.extensions["cache"][next(iter(app.server.extensions["cache"]))]
    backend._write_client.set("stv:planted", b"!" + planted)
    assert backend.get("planted") is None
    client = signed_in_client(app)
    assert client.get("/").status_code == 200
    sid = client.get_cookie("stv_session").value
    state = app.server.extensions["stv-state"]
    state.save_session(f"stv-session:{sid}", planted.decode("latin-1"), 600)  # sessions: the state database
    answer = client.get("/")  # the planted session is no session: sign in again
    assert answer.status_code in (302, 303) and answer.location.startswith("/login")
    assert not marker.exists()


def test_a_wal_database_read_leaves_no_files_beside_it(tmp_path, make_app):
    """A database in WAL mode, read through several pages' data (an export each) with no writer at work: no
    `-wal` or `-shm` file appears. A writer that starts is seen at the next read (its files are its own)."""
    path = MovedAway(tmp_path).path
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # the writer's files went with it
    app = make_app(f"sqlite:///{path}", aggregates=False, forecast_background=False)
    script, token = app.server.test_client(), bearer(app)
    for view in ("kpis", "languages", "monthly", "data-quality", "regions"):
        assert script.get(f"/export/{view}.csv?{YEAR}", headers=token).status_code == 200, view
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]

    database = app.server.extensions["stv"].data.database
    first = text("SELECT status FROM requests WHERE id = 1")
    writer = sqlite3.connect(path)  # a writer starts (stv-dashboard simulate): the reader is seen to follow it
    writer.execute("UPDATE requests SET status = 'cancelled_service' WHERE id = 1")
    writer.commit()
    assert database.frame(first).iloc[0, 0] == "cancelled_service"
    writer.close()
