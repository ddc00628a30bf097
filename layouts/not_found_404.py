"""The page for a path that does not exist (`layouts.route` answers with it)."""

from __future__ import annotations

from dash import html

from dashboard.i18n import t
from layouts import register
from layouts._page import page_lang


def layout(query: dict) -> html.Div:
    """A clear message and the way back."""
    lang = page_lang(query)
    return html.Div(
        [html.H1(t("not-found-title", lang), className="h3"), html.P(t("not-found-text", lang))], className="not-found"
    )


register("/404", layout, order=99)
