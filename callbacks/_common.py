"""What page callbacks share: reading the page's query and turning failures into messages."""

from __future__ import annotations

from collections.abc import Callable

from dash.exceptions import PreventUpdate

from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import ParsedQuery, query_values
from layouts._components import error_alert
from layouts._page import page_lang


def render(context: Context, search, build: Callable[[ParsedQuery], dict], failed: dict) -> dict:
    """The named outputs `build(parsed)` gives for the page's query, or `failed` when the database cannot be
    read; with the page's alert (`alerts`: the failure, or nothing) when `failed` names it.

    Before the shell has validated the URL (`ids.PAGE_QUERY` still empty) there is nothing to draw yet. The query
    string's own problems are the shell's to show (`ids.ALERTS`), once."""
    if search is None:
        raise PreventUpdate
    try:
        outputs = build(context.parse(search))
        return {"alerts": None, **outputs} if "alerts" in failed else outputs
    except DatabaseUnavailable:
        alert = error_alert("database-unavailable", _lang_of(search))
        return {**failed, "alerts": alert} if "alerts" in failed else failed


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
