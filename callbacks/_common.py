"""What page callbacks share: their inputs checked before they run (`guard_callbacks`), reading the page's query,
and turning failures into messages."""

from __future__ import annotations

import functools
from collections.abc import Callable

import dash
import pandas as pd
from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids, output_cache, payloads
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import ParsedQuery, Problem, query_values
from dashboard.output_cache import OutputCache
from layouts._components import error_alert, problems_alert
from layouts._grid import rows_on_demand
from layouts._page import page_lang


def guard_callbacks(app: dash.Dash, context: Context) -> None:
    """Every server callback of `app` gets its inputs and states checked by their components' shapes
    (dashboard.payloads) before it runs: a malformed value arrives as its default. Then its answer may come from
    the output cache (dashboard.output_cache: a page's figures, kept for the same inputs, account scope and data
    version). Called once, by `callbacks.register_all`, after every module has registered its callbacks. What
    still raises is answered by dashboard.security (400, one log line)."""
    outputs = OutputCache(context)
    for name, spec in app.callback_map.items():
        function = spec.get("callback")
        if function is not None and not getattr(function, "stv_guarded", False):
            kept = outputs.wrap(name, spec, function)
            spec["callback"] = _guarded(kept, payloads.guard(spec["inputs"] + spec["state"]))


def _guarded(function: Callable, check: Callable[[tuple], list]) -> Callable:
    @functools.wraps(function)
    def run(*args, **kwargs):
        return function(*check(args), **kwargs)

    run.stv_guarded = True
    return run


def render(context: Context, search, build: Callable[[ParsedQuery], dict], failed: dict) -> dict:
    """The named outputs `build(parsed)` gives for the page's query, or `failed` when the database cannot be
    read; with the page's alert (`alerts`: the failure, or nothing) when `failed` names it. The answer of a
    callback that comes here is a page's figures: kept by the output cache, unless it is `failed`.

    Before the shell has validated the URL (`ids.PAGE_QUERY` still empty) there is nothing to draw yet. The query
    string's own problems are the shell's to show (`ids.ALERTS`), once; the callback's malformed inputs (now their
    defaults) are this alert's."""
    if search is None:
        raise PreventUpdate
    output_cache.page_output()
    try:
        outputs = build(context.parse(search))
        alert = problems_alert(rejected_problems(), _lang_of(search))
        return {"alerts": alert, **outputs} if "alerts" in failed else outputs
    except DatabaseUnavailable as error:
        output_cache.not_kept()
        alert = error_alert(error.message_key, _lang_of(search))
        return {**failed, "alerts": alert} if "alerts" in failed else failed


def register_rows(
    app: dash.Dash, context: Context, grid: str, rows_of: Callable[[ParsedQuery], pd.DataFrame], columns
) -> None:
    """The rows callback of a grid whose rows come on demand (layouts._grid, `on_demand`): the block its request
    asks for of `rows_of(parsed)` (the grid's table for the page's query), sorted as the grid shows it."""

    @app.callback(
        output={"rows": Output(grid, "getRowsResponse")},
        inputs={"request": Input(grid, "getRowsRequest")},
        state={"search": State(ids.PAGE_QUERY, "data")},
        prevent_initial_call=True,  # (no request yet as the grid mounts: it sends its first once it is drawn)
    )
    def grid_rows(request, search):
        if request is None:  # none yet, or a forged one (dashboard.payloads.rows_request)
            raise PreventUpdate
        return render(
            context,
            search,
            lambda parsed: {"rows": rows_on_demand(rows_of(parsed), columns, request)},
            {"rows": no_update},
        )


def rejected_problems() -> tuple[Problem, ...]:
    """The inputs of this request that were malformed (dashboard.payloads: now their defaults), as problems for the
    bad-parameter alert."""
    return tuple(Problem(name, "malformed-input", "") for name in dict.fromkeys(payloads.rejected()))


def _lang_of(search) -> str:
    """The interface language of a page's query (a string, or the report's mapping); Dutch for a forged one."""
    try:
        return page_lang(query_values(search))
    except (TypeError, AttributeError, ValueError):
        return "nl"


def as_given(search) -> str:
    """The page's query string as the URL gave it (for a way back that keeps what the reader had); a forged
    payload that is no string gives none."""
    return search if isinstance(search, str) else ""
