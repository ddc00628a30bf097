"""What page callbacks share: reading the page's query and turning failures into messages."""

from __future__ import annotations

from collections.abc import Callable

from dash.exceptions import PreventUpdate

from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import ParsedQuery, query_values
from dashboard.views import overview as views
from layouts._components import error_alert
from layouts._page import page_lang


def render_page(context: Context, search: str, build: Callable[[ParsedQuery], tuple], failed: tuple) -> tuple:
    """(alerts, *build(parsed)) for a page's query string; on a database failure (alert, *failed).

    Before the shell has validated the URL (`ids.QUERY` still empty) there is nothing to draw yet."""
    if search is None:
        raise PreventUpdate
    try:
        parsed = context.parse(search)
        return (None, *build(parsed))
    except DatabaseUnavailable:
        return (error_alert("database-unavailable", _lang_of(search)), *failed)


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
    return page_lang(query_values(search)) if isinstance(search, str) else "nl"


def normalised_search(parsed: ParsedQuery) -> str:
    """The query string of the filters actually applied (problems dropped), for export links."""
    return parsed.search


def as_given(search) -> str:
    """The page's query string as the URL gave it (for a way back that keeps what the reader had); a forged
    payload that is no string gives none."""
    return search if isinstance(search, str) else ""


HIDDEN = {"display": "none"}  # the style of an output kept out of sight (a chart with nothing to show)
CARD_METRICS = (
    "requests",
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "active_interpreters",
)


def headline_cards(context: Context, page_name: str, filters, lang: str) -> tuple[dict, list]:
    """The period's figures and their cards, with changes against the previous period and a year earlier."""
    from layouts._components import figure_card

    figures, previous, year_ago = views.kpi_comparisons(context.data, filters)
    cards = [
        figure_card(
            page_name, metric, figures[metric], lang, previous[metric], year_ago[metric], context.targets.get(metric)
        )
        for metric in CARD_METRICS
    ]
    return figures, cards
