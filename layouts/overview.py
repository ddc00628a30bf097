"""Overview for the board: headline figures of the period and the monthly trend by modality."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts._page import page_frame, page_lang

NAME = "overview"


def layout(**query) -> html.Div:
    """The overview skeleton; figures arrive from `callbacks.overview`."""
    lang = page_lang(query)
    body = html.Div([
        dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
        html.H2(t("overview-annual-title", lang), className="h5 mt-3"),
        dcc.Loading(html.Div(id=ids.page(NAME, "annual"), className="table-responsive"), type="default"),
        html.H2(t("overview-trend-title", lang), className="h5 mt-3"),
        dcc.Loading(html.Div([
            html.Div(id=ids.page(NAME, "trend-empty")),
            dcc.Graph(id=ids.page(NAME, "trend"), config={"locale": lang, "displaylogo": False},
                      style={"height": "420px"}),
        ]), type="default"),
    ])
    return page_frame(NAME, query, "overview-title", "overview-lead", body)


dash.register_page(__name__, path="/", name="Overview", order=0, nav_key="nav-overview", layout=layout)
