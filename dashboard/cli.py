"""The `stv-dashboard` command: serve, demo-db, simulate (CONTRACT.md section 6)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

from dashboard.settings import Settings, SettingsError, load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code. Errors are one clear line on stderr, never a traceback."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        return args.handler(args, settings)
    except (SettingsError, UsageError, ValueError) as error:
        print(f"stv-dashboard: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


class UsageError(Exception):
    """A command-line value the command cannot use."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stv-dashboard", description="STV analytics and monitoring dashboard")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--workers", type=int, default=1, help="gunicorn worker processes (4 threads each)")
    serve.set_defaults(handler=_serve)

    demo = commands.add_parser("demo-db", help="write a demo operational database")
    demo.add_argument("--out", help="a new SQLite file, or the URL of an empty database (default: the demo path)")
    demo.add_argument("--seed", type=int, default=2022)
    demo.add_argument("--scale", type=float, default=1.0, help="volume multiplier (10 gives ten times the requests)")
    demo.set_defaults(handler=_demo_db)

    simulate = commands.add_parser("simulate", help="keep a demo database moving in real time")
    simulate.add_argument("--database", help="SQLite file or URL (default: STV_DATABASE_URL or the demo path)")
    simulate.add_argument("--speed", type=float, default=1.0, help="simulated seconds per wall-clock second")
    simulate.add_argument("--interval", type=float, default=2.0, help="wall-clock seconds between steps")
    simulate.add_argument("--steps", type=int, help="stop after this many steps (default: run until stopped)")
    simulate.add_argument("--seed", type=int, default=1)
    simulate.set_defaults(handler=_simulate)
    return parser


def _demo_db(args, settings: Settings) -> int:
    from dashboard.demo.build import DemoOptions, build_demo
    from dashboard.demo.writer import DemoTargetError

    if not args.scale > 0:
        raise UsageError(f"--scale must be a positive number, not {args.scale}")
    target = args.out or str(settings.demo_path)
    options = DemoOptions(seed=args.seed, scale=args.scale, now=settings.current_time())
    print(
        f"writing demo database to {target} (seed {args.seed}, scale {args.scale:g}, now "
        f"{options.now.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
    )
    try:
        summary = build_demo(target, options, progress=lambda line: print(f"  {line}", flush=True))
    except DemoTargetError as error:
        raise UsageError(str(error)) from error
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from error
    print(
        f"done: {summary.requests:,} requests, {summary.interpreters:,} interpreters, "
        f"{summary.organisations:,} organisations in {summary.seconds:.1f} s"
    )
    return 0


def _simulate(args, settings: Settings) -> int:
    from dashboard.demo.simulate import Simulator, run, writable_engine

    if not args.speed > 0 or not args.interval > 0:
        raise UsageError("--speed and --interval must be positive")
    target = args.database or settings.database_url or str(settings.demo_path)
    if "://" not in target and not Path(target).is_file():
        raise UsageError(f"no demo database at {target}; make one with: stv-dashboard demo-db --out {target}")
    simulator = Simulator(writable_engine(target), seed=args.seed)
    print(f"simulating on {target} at {args.speed:g}x; stop with Ctrl-C", flush=True)

    def report(now, step):
        print(
            f"{now:%Y-%m-%d %H:%M:%S} UTC  +{step.arrived} new, {step.matched} matched, "
            f"{step.unanswered} unanswered, {step.closed} closed, {step.validated} validated",
            flush=True,
        )

    run(simulator, settings.current_time(), args.speed, args.interval, args.steps, report)
    return 0


def _serve(args, settings: Settings) -> int:
    from dashboard.serve import serve

    if args.workers < 1 or not 0 < args.port < 65536:
        raise UsageError("--workers must be at least 1 and --port between 1 and 65535")
    return serve(settings, host=args.host, port=args.port, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main())
