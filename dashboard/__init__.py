"""The STV dashboard: `create_app` is the one place that knows every part and binds them together."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

from dashboard.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
PROBE_SECONDS = 10.0


def create_app(test_config: dict | None = None) -> Dash:
    """Build the Dash app: settings, read-only database, cache, pages, callbacks and exports.

    `test_config` may hold `settings` (a Settings), `probe_seconds` and `clock` (for the data-version probe),
    `aggregates` (False: no aggregate store and no replica), `forecast_background` (False: forecasts computed
    when asked),
    `state` (a dashboard.state.StateDatabase) and `auth_clock` (seconds, for session time-outs).
    Nothing is read from the database here: the first request does that (and builds the aggregate store if
    `stv-dashboard serve` has not done so already).
    """
    from callbacks import register_all
    from callbacks.shell import first_painted
    from dashboard import accessibility, delivery, exports, security, subscriptions
    from dashboard.auth import Auth, default_clock
    from dashboard.cache import cache, init_cache
    from dashboard.context import Context
    from dashboard.data import DataAccess
    from dashboard.db import Database
    from dashboard.events import load_events
    from dashboard.forecasting import Forecaster
    from dashboard.i18n import t
    from dashboard.replica import Replica
    from dashboard.state import StateDatabase
    from dashboard.store import AggregateStore, database_key, store_path
    from dashboard.targets import load_targets

    config = test_config or {}
    settings: Settings = config.get("settings") or load_settings()
    app = Dash(
        __name__,
        assets_folder=str(ROOT / "assets"),
        title=t("app-title"),
        update_title=None,
        serve_locally=True,
        # Pages are mounted by the shell's router, so most callbacks' ids are absent at first; tests/test_shell.py
        # checks every callback's ids against the shell and all pages (what a validation layout would do, without
        # sending every page's skeleton with every page load).
        suppress_callback_exceptions=True,
    )
    init_cache(app.server, settings)
    state = config.get("state") or StateDatabase(settings.effective_state_url)
    state.create()
    Auth(app.server, state, settings, clock=config.get("auth_clock", default_clock))
    database = Database(settings.effective_database_url)
    aggregates = config.get("aggregates", True)
    url = settings.effective_database_url
    store = AggregateStore(store_path(settings.store_dir, url), database) if aggregates else None
    replica = Replica(settings.store_dir, database_key(url), database) if aggregates else None
    data = DataAccess(
        database,
        cache,
        probe_seconds=config.get("probe_seconds", PROBE_SECONDS),
        store=store,
        replica=replica,
        now=settings.current_time,
        **({"clock": config["clock"]} if "clock" in config else {}),
    )
    forecaster = Forecaster(data, background=config.get("forecast_background", True))
    context = Context(settings, data, targets=load_targets(), events=load_events(), forecaster=forecaster)
    app.layout = first_painted(context)  # the shell, with the page being loaded drawn in it
    register_all(app, context)
    exports.init_app(app.server, context)
    subscriptions.init_app(app.server, state)
    app.server.extensions["stv"] = context
    security.init_app(app, settings)  # its script hashes cover every callback registered above
    accessibility.init_app(app)  # after security: it wraps the page that security made
    delivery.init_app(app)  # compression and Cache-Control, beside the security headers
    if settings.auth == "oidc":  # after security: it adds the provider's origin to the policy's form-action
        from dashboard import oidc

        oidc.init_app(app.server, settings, state)
    return app
