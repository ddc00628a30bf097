"""The frame of a page: an alert area (for what the page's own callbacks could not read), title and lead text."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.i18n import LANGS, t


def page_lang(query: dict) -> str:
    """The interface language named in a page's query parameters (Dutch unless 'en')."""
    value = query.get("lang")
    value = value[-1] if isinstance(value, list) else value
    return value if value in LANGS else "nl"


def page_frame(name: str, query: dict, title_key: str, lead_key: str, body) -> html.Div:
    """A page: title, lead and `body`; its callbacks read the filters from the shell's query store (`ids.QUERY`)."""
    lang = page_lang(query)
    return html.Div(
        [
            html.Div(id=ids.page(name, "alerts")),
            html.Div(
                [
                    html.Div(
                        [
                            html.H1(t(title_key, lang), className="h3 mb-1"),
                            html.P(t(lead_key, lang), className="text-muted mb-0"),
                        ]
                    ),
                    html.Div(id=ids.page(name, "downloads"), className="no-print"),
                ],
                className="d-flex justify-content-between align-items-end flex-wrap gap-2 mb-3",
            ),
            body,
        ],
        className=f"page-{name}",
    )
