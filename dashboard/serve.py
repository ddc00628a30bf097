"""`stv-dashboard serve`: make sure the database is there, then serve (gunicorn for more than one worker)."""

from __future__ import annotations

import os
import shutil
import sys

from dashboard.settings import Settings


def ensure_demo_database(settings: Settings) -> None:
    """Build the demo database on first start, before any worker exists (workers must not race to write)."""
    if not settings.uses_demo_database or settings.demo_path.exists():
        return
    from dashboard.demo.build import DemoOptions, build_demo

    settings.demo_path.parent.mkdir(parents=True, exist_ok=True)
    print(f"First start: building the demo database at {settings.demo_path} (about half a minute)…", flush=True)
    summary = build_demo(str(settings.demo_path), DemoOptions(now=settings.current_time()),
                         progress=lambda line: print(f"  {line}", flush=True))
    print(f"Demo database ready: {summary.requests:,} requests.", flush=True)


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Serve until stopped; returns the exit code."""
    ensure_demo_database(settings)
    print(f"Serving the STV dashboard at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    if workers > 1:
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        os.execv(gunicorn, [gunicorn, "dashboard.wsgi:server", "--workers", str(workers), "--bind", f"{host}:{port}",
                            "--no-control-socket", "--graceful-timeout", "10", "--timeout", "120"])
    from dashboard import create_app

    create_app({"settings": settings}).run(host=host, port=port, debug=False)
    return 0
