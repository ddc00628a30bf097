"""Helpers the test modules share: a cached data access on a test database, and the app's exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

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


def export_client(url: str, tmp_path_factory, now: datetime, **config):
    """A Flask test client of the whole app on `url`, "now" fixed, cache and store in temporary folders; `config`
    adds to create_app's test configuration."""
    from dashboard import create_app
    from dashboard.settings import Settings

    settings = Settings(
        database_url=url,
        cache_url="simple://",
        now=now,
        cache_dir=tmp_path_factory.mktemp("cache"),
        store_dir=tmp_path_factory.mktemp("store"),
    )
    return create_app({"settings": settings, **config}).server.test_client()


def read_csv(response) -> list[dict]:
    """The rows of a CSV export, after checking it is one."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
