"""The `stv-dashboard` command: serve, demo-db, simulate, user, token, subscription, send-due (CONTRACT.md §6)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from dashboard.access import ROLES
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
    serve.add_argument(
        "--workers",
        type=int,
        help="gunicorn worker processes, 4 threads each (default: one per core; one without STV_SECRET_KEY)",
    )
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

    user = commands.add_parser("user", help="local accounts: add, list, remove").add_subparsers(
        dest="action", required=True
    )
    add = user.add_parser("add", help="add an account (prints a generated password unless --password-stdin)")
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, choices=ROLES, help="repeat for several roles")
    add.add_argument("--region", action="append", default=[], help="a region code (region accounts; repeatable)")
    add.add_argument("--organisation", type=int, help="the organisation's id (organisation accounts)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=_user_add)
    user.add_parser("list", help="list the accounts").set_defaults(handler=_user_list)
    remove = user.add_parser("remove", help="remove an account (and its tokens)")
    remove.add_argument("name")
    remove.set_defaults(handler=_user_remove)

    token = commands.add_parser("token", help="API tokens for scripts").add_subparsers(dest="action", required=True)
    create = token.add_parser("create", help="print a new token for the account (last line)")
    create.add_argument("name")
    create.set_defaults(handler=_token_create)
    revoke = token.add_parser("revoke", help="revoke every token of the account")
    revoke.add_argument("name")
    revoke.set_defaults(handler=_token_revoke)
    _subscription_parsers(commands)
    return parser


def _subscription_parsers(commands) -> None:
    """`subscription add|list|remove` and `send-due` (CONTRACT.md §6 and §8)."""
    subscription = commands.add_parser("subscription", help="e-mail subscriptions: add, list, remove")
    actions = subscription.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="subscribe an account to the board report or to shortage alerts")
    add.add_argument("name")
    add.add_argument("kind", choices=("report", "alert"))
    add.add_argument("--every", choices=("month", "quarter"), help="report: every month or quarter")
    add.add_argument("--hours", help="alert: the shortfall over the next 7 days, in hours, that is reported")
    add.add_argument("--at", help="alert: the hour of the daily e-mail, HH:MM Brussels time")
    add.add_argument("--language", action="append", default=[], help="alert: only this language (repeatable)")
    add.add_argument("--region", action="append", default=[], help="alert: only this region (repeatable)")
    add.add_argument("--email", help="the account's e-mail address (needed once, unless the name is one)")
    add.add_argument("--lang", choices=("nl", "en"), help="the language of the account's e-mails (default nl)")
    add.set_defaults(handler=_subscription_add)
    listing = actions.add_parser("list", help="list the subscriptions (of one account) and their last sending")
    listing.add_argument("name", nargs="?")
    listing.set_defaults(handler=_subscription_list)
    remove = actions.add_parser("remove", help="remove a subscription by its id (see list)")
    remove.add_argument("id", type=int)
    remove.set_defaults(handler=_subscription_remove)
    send = commands.add_parser("send-due", help="send every subscription that is due, once (cron, systemd timer)")
    send.add_argument("--now", help="the moment to send for (ISO; default STV_NOW or the wall clock)")
    send.set_defaults(handler=_send_due)


def _subscription_context(settings: Settings):
    """The operational database behind subscriptions (codes, alerts, reports) as the app's callbacks see it."""
    from flask import Flask
    from flask_caching import Cache

    from dashboard.cache import cache_config
    from dashboard.context import Context
    from dashboard.data import DataAccess
    from dashboard.db import Database

    cache = Cache(Flask("stv-subscriptions"), config=cache_config(settings))
    return Context(settings, DataAccess(Database(settings.effective_database_url), cache))


@contextmanager
def _opened_state(settings: Settings):
    """The state database, closed afterwards (tests run the commands in their own process)."""
    state = _state(settings)
    try:
        yield state
    finally:
        state.dispose()


def _subscription_add(args, settings: Settings) -> int:
    with _opened_state(settings) as state:
        return _add_subscription(args, settings, state)


def _add_subscription(args, settings: Settings, state) -> int:
    from dashboard.db import DatabaseUnavailable
    from dashboard.subscriptions import describe, subscribe

    stored = state.find(args.name)
    if stored is None:
        raise UsageError(f"there is no account named '{args.name}'")
    context = _subscription_context(settings)
    try:
        added = subscribe(
            state,
            stored.account,
            context.vocabulary(),
            args.kind,
            settings.current_time(),
            every=args.every,
            hours=args.hours,
            at_time=args.at,
            languages=args.language,
            regions=args.region,
            address=args.email,
            lang=args.lang,
        )
    except DatabaseUnavailable as error:
        raise UsageError(f"the operational database cannot be read (to check the codes): {error}") from error
    finally:
        context.data.database.dispose()
    state.record("subscription", args.name, "stv-dashboard subscription add", f"added={added.id}")
    print(f"Subscription {added.id} added for '{args.name}' <{added.address}>: {args.kind}, {describe(added, 'en')}.")
    return 0


def _subscription_list(args, settings: Settings) -> int:
    from dashboard.subscriptions import describe

    with _opened_state(settings) as state:
        if args.name and state.find(args.name) is None:
            raise UsageError(f"there is no account named '{args.name}'")
        rows = [(found, next(iter(state.deliveries(found.id)), None)) for found in state.subscriptions(args.name)]
    for found, last in rows:
        status = f"{last['status']} {last['period']}" if last else "nothing sent yet"
        print(f"{found.id}\t{found.username}\t{found.address or '-'}\t{found.kind}\t{describe(found, 'en')}\t{status}")
    return 0


def _subscription_remove(args, settings: Settings) -> int:
    with _opened_state(settings) as state:
        owner = next((found.username for found in state.subscriptions() if found.id == args.id), None)
        if owner is None or not state.remove_subscription(args.id):
            raise UsageError(f"there is no subscription {args.id}")
        state.record("subscription", owner, "stv-dashboard subscription remove", f"removed={args.id}")
    print(f"Subscription {args.id} of '{owner}' removed.")
    return 0


def _send_due(args, settings: Settings) -> int:
    """Exit 0 when everything due went out (or nothing was due), 1 when the mail server could not be used or a
    message was refused (each said in one line on stderr)."""
    from dashboard.db import DatabaseUnavailable
    from dashboard.settings import parse_now
    from dashboard.subscriptions import send_due

    now = parse_now(args.now) if args.now else settings.current_time()
    context = _subscription_context(settings.with_overrides(now=now))
    try:
        with _opened_state(settings) as state:
            result = send_due(context, state, settings.secret_key or state.secret_key(), now)
    except DatabaseUnavailable as error:
        raise UsageError(f"the operational database cannot be read: {error}") from error
    finally:
        context.data.database.dispose()
    for line in result.sent:
        print(line)
    for line in result.failed:
        print(f"stv-dashboard: {line}", file=sys.stderr)
    if result.unavailable:
        rest = "the rest was not sent" if result.sent else "nothing was sent"
        print(f"stv-dashboard: error: {result.unavailable}; {rest}", file=sys.stderr)
    if not result.sent and not result.failed and not result.unavailable:
        print("nothing due")
    return 1 if result.unavailable or result.failed else 0


def _state(settings: Settings):
    from dashboard.state import StateDatabase

    state = StateDatabase(settings.effective_state_url)
    state.create()
    return state


def _user_add(args, settings: Settings) -> int:
    """With STV_AUTH=oidc and no --password-stdin the account has no password: it signs in at the provider, and
    this row gives it its regions or organisation (dashboard.oidc)."""
    from dashboard.state import generate_password

    at_provider = settings.auth == "oidc" and not args.password_stdin
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else generate_password()
    if not password:
        raise UsageError("the password read from standard input is empty")
    check_region_codes(settings, args.region)
    _state(settings).add_account(
        args.name, args.role, args.region, args.organisation, None if at_provider else password
    )
    print(f"Account '{args.name}' added ({', '.join(args.role)}).")
    if at_provider:
        print("It signs in at the identity provider (STV_AUTH=oidc): no password.")
    elif not args.password_stdin:
        print(f"Password (shown once): {password}")
    return 0


def check_region_codes(settings: Settings, codes: Sequence[str]) -> None:
    """Refuse region codes the operational database does not have (a typo would make an account that sees nothing)."""
    if not codes:
        return
    from dashboard.db import Database
    from queries.reference import select_regions

    database = Database(settings.effective_database_url)
    try:
        known = set(database.frame(select_regions()).code)
    finally:
        database.dispose()
    unknown = sorted(set(codes) - known)
    if unknown:
        raise UsageError(f"unknown region code(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")


def _user_list(args, settings: Settings) -> int:
    for stored in _state(settings).accounts():
        account = stored.account
        scope = ",".join(account.regions) or (str(account.organisation_id) if account.organisation_id else "")
        status = "disabled" if stored.disabled else ("local" if stored.has_password else "provider")
        print(f"{account.username}\t{','.join(account.roles)}\t{scope or '-'}\t{status}")
    return 0


def _user_remove(args, settings: Settings) -> int:
    if not _state(settings).remove_account(args.name):
        raise UsageError(f"there is no account named '{args.name}'")
    print(f"Account '{args.name}' removed.")
    return 0


def _token_create(args, settings: Settings) -> int:
    token = _state(settings).create_token(args.name)
    print(f"A new API token for '{args.name}' (shown once; send it as 'Authorization: Bearer <token>'):")
    print(token)
    return 0


def _token_revoke(args, settings: Settings) -> int:
    revoked = _state(settings).revoke_tokens(args.name)
    print(f"{revoked} token(s) of '{args.name}' revoked.")
    return 0


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
    from dashboard.serve import default_workers, serve

    workers = default_workers(settings) if args.workers is None else args.workers
    if workers < 1 or not 0 < args.port < 65536:
        raise UsageError("--workers must be at least 1 and --port between 1 and 65535")
    return serve(settings, host=args.host, port=args.port, workers=workers)


if __name__ == "__main__":
    sys.exit(main())
