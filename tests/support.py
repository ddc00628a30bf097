"""Helpers the test modules share: a cached data access on a test database, and reading a CSV export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database


@contextmanager
def open_data(url: str) -> Iterator[DataAccess]:
    """A DataAccess on `url` with an in-process cache; the database is closed afterwards."""
    database = Database(url)
    try:
        yield DataAccess(database, Cache(Flask("test"), config={"CACHE_TYPE": "SimpleCache"}))
    finally:
        database.dispose()


def read_csv(response) -> list[dict]:
    """The rows of a CSV export, after checking it is one."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


# --- accounts and signing in ------------------------------------------------------------------------------------

TEST_PASSWORD = "a test password, never a real one"
# The accounts every test app has (`conftest.make_app`): name -> (roles, regions, organisation id).
TEST_ACCOUNTS = {
    "manager": (("manager",), (), None),
    "planner": (("planner",), (), None),
    "board": (("board",), (), None),
    "region": (("region",), ("ANT",), None),
    "organisation": (("organisation",), (), 1),
    "admin": (("admin",), (), None),
}


def add_test_accounts(state) -> None:
    """The accounts of TEST_ACCOUNTS, all with TEST_PASSWORD."""
    for name, (roles, regions, organisation) in TEST_ACCOUNTS.items():
        state.add_account(name, roles, regions, organisation, TEST_PASSWORD)


def csrf_of(html: str) -> str:
    """The CSRF token of a form on the page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client, username: str, password: str = TEST_PASSWORD, **request):
    """Sign in with the form, as a browser does; the response to the POST (`request`: more arguments of both
    requests, e.g. `environ_base`)."""
    token = csrf_of(client.get("/login", **request).get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token}, **request)


def signed_in_client(app, username: str = "manager"):
    """A new test client of `app`, signed in as `username` (one of TEST_ACCOUNTS)."""
    client = app.server.test_client()
    response = sign_in(client, username)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def bearer(app, username: str = "manager") -> dict:
    """Request headers with a new API token of `username`, as a script sends them."""
    token = app.server.extensions["stv-state"].create_token(username)
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def acting_as(role: str = "manager") -> Iterator[None]:
    """A request of an account of `role` (TEST_ACCOUNTS), for builders that show what the account may open."""
    import flask

    from dashboard.access import Account

    roles, regions, organisation = TEST_ACCOUNTS[role]
    with Flask("test").test_request_context():
        flask.g.account = Account(role, roles, regions, organisation)
        yield
