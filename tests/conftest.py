"""Shared fixtures: a real PostgreSQL server, databases built to the contract, a fixed "now"."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from tests.services import PostgresServer, RedisServer, postgres_bin, require

# Browser-test fixtures (tests/browser.py) as a plugin: one definition, so one served dashboard for every e2e module;
# the test OpenID provider (tests/oidc.py) likewise.
pytest_plugins = ("tests.browser", "tests.oidc", "tests.smtp")

# The moment the test demo databases stop: a Monday morning in Brussels.
DEMO_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of a throwaway PostgreSQL server's maintenance database."""
    bin_dir = postgres_bin()
    require(bin_dir is not None, "a PostgreSQL server (apt-get install postgresql)")
    server = PostgresServer(bin_dir)
    try:
        url = server.start()
    except Exception as error:  # noqa: BLE001 - reported as a skip or a CI failure
        server.stop()
        require(False, f"a PostgreSQL server that starts ({error})")
    yield url
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the test server, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory):
    """A full demo database at scale 1 (built once per test session, about half a minute)."""
    from dashboard.demo.build import DemoOptions, build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(str(path), DemoOptions(seed=2022, scale=1.0, now=DEMO_NOW))
    return path


@pytest.fixture(scope="session")
def built_databases(tmp_path_factory, request):
    """`build(dialect, name, fill)`: the URL of a database named `name` in 'sqlite' (a file) or 'postgresql' (on
    the test server), filled once per session by `fill(engine)`. Test modules build their own fixtures with it."""
    built: dict[tuple[str, str], str] = {}

    def build(dialect: str, name: str, fill) -> str:
        if (dialect, name) not in built:
            if dialect == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp(name) / (name + '.sqlite')}"
            else:
                server = request.getfixturevalue("postgres_server")
                admin = create_engine(server, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                admin.dispose()
                url = server.rsplit("/", 1)[0] + "/" + name
            engine = create_engine(url)
            fill(engine)
            engine.dispose()
            built[dialect, name] = url
        return built[dialect, name]

    return build


@pytest.fixture(scope="session")
def make_app(tmp_path_factory):
    """`make_app(url, now=DEMO_NOW, cache_url="simple://", **options)`: the whole dashboard (`create_app`) on the
    database at `url`, "now" fixed, its cache, aggregate store and state database (with the accounts of
    tests/support.py TEST_ACCOUNTS) in fresh temporary folders; `options` are create_app's own (`aggregates`,
    `forecast_background`, ...), and `settings`, a dict of Settings fields. The one way the tests build an app."""
    from dashboard import create_app
    from dashboard.settings import Settings
    from dashboard.state import StateDatabase
    from tests.support import add_test_accounts

    def make(url: str, *, now: datetime = DEMO_NOW, cache_url: str = "simple://", **options):
        state_folder = tmp_path_factory.mktemp("state")
        settings = Settings(
            database_url=url,
            cache_url=cache_url,
            now=now,
            cache_dir=tmp_path_factory.mktemp("cache"),
            store_dir=tmp_path_factory.mktemp("store"),
            state_url=f"sqlite:///{state_folder / 'state.sqlite'}",
            **options.pop("settings", {}),
        )
        state = StateDatabase(settings.effective_state_url)
        state.create()
        add_test_accounts(state)
        return create_app({"settings": settings, "state": state, **options})

    return make


@pytest.fixture(scope="module")
def app_config():
    """What a module's `app` is built from: `make_app`'s arguments. A module that uses `app` or `client`
    overrides this fixture (at least with `url`)."""
    pytest.fail("this test module uses `app` or `client`: define an `app_config` fixture (make_app's arguments)")


@pytest.fixture(scope="module")
def app(make_app, app_config):
    """The dashboard on the module's database (`app_config`), one per test module; its database closed after."""
    built = make_app(**app_config)
    yield built
    built.server.extensions["stv"].data.database.dispose()
    built.server.extensions["stv-state"].dispose()


@pytest.fixture(scope="module")
def client(app):
    """A Flask test client of `app`, signed in as a manager: pages, exports and reports as a browser or a script
    asks for them."""
    from tests.support import signed_in_client

    return signed_in_client(app, "manager")


# Parametrise a fixture over both databases: `@pytest.fixture(params=DIALECTS)`, then `request.param`.
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DIALECTS)
def management_url(request, built_databases):
    """The management fixture (tests/fixture_management.py), once in SQLite and once in PostgreSQL."""
    from tests.fixture_management import fill

    return built_databases(request.param, "management", fill)


@pytest.fixture
def management_data(management_url):
    """A DataAccess on the management fixture."""
    from tests.support import open_data

    with open_data(management_url) as access:
        yield access


@pytest.fixture(scope="session")
def fixture_sqlite(built_databases):
    """The hand-computed fixture database in SQLite (a file URL)."""
    from tests.fixture_db import build_fixture

    return built_databases("sqlite", "fixture", build_fixture)


@pytest.fixture(scope="session")
def fixture_postgres(built_databases):
    """The hand-computed fixture database in PostgreSQL (a URL)."""
    from tests.fixture_db import build_fixture

    return built_databases("postgresql", "fixture", build_fixture)


@pytest.fixture(params=DIALECTS)
def fixture_url(request):
    """The fixture database, once in SQLite and once in PostgreSQL."""
    return request.getfixturevalue("fixture_sqlite" if request.param == "sqlite" else "fixture_postgres")


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a throwaway Redis server."""
    binary = shutil.which("redis-server")
    require(binary is not None, "a Redis server (apt-get install redis-server)")
    server = RedisServer(binary)
    try:
        yield server.start()
    finally:
        server.stop()


class Clock:
    """Time that moves only when a test says so (for the data-version probe)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()
