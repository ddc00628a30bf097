"""The page for a path that does not exist (Dash Pages shows the module named not_found_404)."""

from __future__ import annotations

import dash
from dash import html

from dashboard.i18n import t
from layouts._page import page_lang


def layout(**query) -> html.Div:
    """A clear message and the way back."""
    lang = page_lang(query)
    return html.Div(
        [html.H1(t("not-found-title", lang), className="h3"), html.P(t("not-found-text", lang))], className="not-found"
    )


dash.register_page(__name__, path="/404", name="Not found", order=99, layout=layout)
