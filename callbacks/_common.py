"""What page callbacks share: reading the page's query and turning failures into messages."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import ParsedQuery, query_values, to_search
from layouts._components import error_alert, problems_alert
from layouts._page import page_lang


def render_page(context: Context, search: str, build: Callable[[ParsedQuery], tuple], failed: tuple) -> tuple:
    """(alerts, *build(parsed)) for a page's query string; on a database failure (alert, *failed)."""
    try:
        parsed = context.parse(search)
        return (problems_alert(parsed.problems, parsed.lang), *build(parsed))
    except DatabaseUnavailable:
        lang = page_lang(query_values(search))
        return (error_alert("database-unavailable", lang), *failed)


def normalised_search(parsed: ParsedQuery) -> str:
    """The query string of the filters actually applied (problems dropped), for export links."""
    return to_search(parsed.filters, parsed.lang)
