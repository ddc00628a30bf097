"""Settings from the environment and `.env`, and clear errors for bad values (dashboard/settings.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dashboard.settings import SettingsError, load_settings


def test_settings_from_environment(tmp_path):
    settings = load_settings(
        {
            "STV_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "STV_NOW": "2026-11-23T10:00:00+01:00",
            "STV_CACHE_URL": "redis://localhost:6379/0",
        },
        dotenv=None,
    )
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.now == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert load_settings({}, dotenv=None).effective_database_url == "sqlite:///var/demo.sqlite"
    env_file = tmp_path / ".env"
    env_file.write_text("# demo\nSTV_NOW='2026-01-01T00:00:00Z'\n")
    assert load_settings({}, dotenv=env_file).now == datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "name, value, fragment",
    [
        ("STV_NOW", "yesterday", "STV_NOW"),
        ("STV_DATABASE_URL", "mysql://x/y", "STV_DATABASE_URL"),
        ("STV_DATABASE_URL", "not a url", "STV_DATABASE_URL"),
        ("STV_CACHE_URL", "memcached://x", "STV_CACHE_URL"),
    ],
)
def test_bad_settings_are_named(name, value, fragment):
    with pytest.raises(SettingsError, match=fragment):
        load_settings({name: value}, dotenv=None)
