"""The command line (dashboard/cli.py), run as a user runs it: `demo-db` refuses what it cannot do, with a clear
message and no traceback, and writes a database when it can."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest


def _cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "STV_NOW": "2026-11-23T09:00:00Z"},
        timeout=600,
    )


def test_cli_refuses_an_existing_database(tmp_path):
    existing = tmp_path / "there.sqlite"
    existing.write_bytes(b"precious")
    result = _cli("demo-db", "--out", str(existing))
    assert result.returncode == 2
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert existing.read_bytes() == b"precious"


@pytest.mark.parametrize(
    "out, message", [("/nonexistent-folder/demo.sqlite", "does not exist"), ("/proc/demo.sqlite", "cannot write")]
)
def test_cli_refuses_an_unwritable_place(tmp_path, out, message):
    result = _cli("demo-db", "--out", out)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("scale", ["-1", "0", "nan"])
def test_cli_refuses_a_bad_scale(tmp_path, scale):
    result = _cli("demo-db", "--out", str(tmp_path / "x.sqlite"), "--scale", scale)
    assert result.returncode == 2 and "--scale" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_a_small_database(tmp_path):
    result = _cli("demo-db", "--out", str(tmp_path / "ok.sqlite"), "--scale", "0.02")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["ok.sqlite"]  # no partial file left
    with sqlite3.connect(tmp_path / "ok.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_serve_refuses_several_workers_without_a_secret_and_says_what_redis_would_share(tmp_path, capsys):
    from dashboard.serve import prepare_state
    from dashboard.settings import Settings

    settings = Settings(database_url="sqlite:///unused.sqlite", state_url=f"sqlite:///{tmp_path / 'state.sqlite'}")
    with pytest.raises(ValueError, match="STV_SECRET_KEY must be set"):
        prepare_state(settings, workers=2)
    prepare_state(settings.with_overrides(secret_key="k" * 40), workers=2)
    assert "each worker counts failed sign-ins by itself" in capsys.readouterr().out
    redis_settings = settings.with_overrides(secret_key="k" * 40, cache_url="redis://cache.internal:6379/0")
    prepare_state(redis_settings, workers=2)
    assert "per worker" not in capsys.readouterr().out


def test_user_add_with_oidc_makes_an_account_without_a_password(tmp_path):
    """With STV_AUTH=oidc an account is signed in by the provider: `user add` keeps its scope, no password."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),  # this checkout's dashboard, where another is installed
        "STV_STATE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}",
        "STV_AUTH": "oidc",
        "STV_OIDC_ISSUER": "https://login.example.be",
        "STV_OIDC_CLIENT_ID": "stv",
        "STV_OIDC_CLIENT_SECRET": "s3cret",
    }
    command = [sys.executable, "-m", "dashboard.cli", "user"]
    added = subprocess.run(
        [*command, "add", "anna", "--role", "organisation", "--organisation", "7"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert "identity provider" in added.stdout and "Password" not in added.stdout
    listed = subprocess.run([*command, "list"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert listed.stdout.split() == ["anna", "organisation", "7", "provider"]


def test_serve_defaults_to_one_worker_per_core_with_a_secret_and_to_one_without(monkeypatch, capsys):
    from dashboard import serve
    from dashboard.settings import Settings

    monkeypatch.setattr(serve.os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert serve.cores() == 3
    assert serve.default_workers(Settings(secret_key="k" * 40)) == 3
    assert capsys.readouterr().out == ""
    assert serve.default_workers(Settings()) == 1  # CONTRACT §5: several workers need STV_SECRET_KEY
    assert "set STV_SECRET_KEY to serve with one per core (3)" in capsys.readouterr().out
