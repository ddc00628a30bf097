"""Overview for the board: headline figures of the period and the monthly trend by modality."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
from layouts._components import glossary
from layouts._page import page_frame, page_lang

NAME = "overview"


def layout(query: dict) -> html.Div:
    """The overview skeleton; figures arrive from `callbacks.overview`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            html.H2(t("overview-annual-title", lang), className="h5 mt-3"),
            dcc.Loading(html.Div(id=ids.page(NAME, "annual"), className="table-responsive"), type="default"),
            html.H2(t("overview-languages-title", lang), className="h5 mt-3 mb-0"),
            html.P(t("overview-languages-lead", lang), className="text-muted small"),
            dcc.Loading(
                dbc.Row(
                    [dbc.Col(id=ids.page(NAME, "top-languages"), lg=7), dbc.Col(id=ids.page(NAME, "movers"), lg=5)]
                ),
                type="default",
            ),
            html.H2(t("overview-trend-title", lang), className="h5 mt-3"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        dcc.Graph(
                            id=ids.page(NAME, "trend"),
                            config={"locale": lang, "displaylogo": False},
                            style={"height": "420px"},
                        ),
                    ]
                ),
                type="default",
            ),
            html.H2(t("overview-trends-title", lang), className="h4 mt-4 mb-0"),
            html.P(t("overview-trends-lead", lang), className="text-muted small"),
            dbc.Row(
                [
                    dbc.Col(_chart(part, t(title, lang), lang), lg=12 if index == 0 else 6, className="mb-3")
                    for index, (part, title) in enumerate(ids.OVERVIEW_TREND_CHARTS)
                ]
            ),
            html.H2(t("overview-ukraine-title", lang), className="h4 mt-4 mb-0"),
            html.P(t("overview-ukraine-lead", lang), className="text-muted small"),
            dbc.Row(
                [
                    dbc.Col(_chart(part, t(title, lang), lang), lg=6, className="mb-3")
                    for part, title in ids.OVERVIEW_UKRAINE_CHARTS
                ]
            ),
            glossary(lang),
        ]
    )
    return page_frame(NAME, query, "overview-title", "overview-lead", body)


def _chart(part: str, title: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.H3(title, className="h6"),
            dcc.Loading(
                dcc.Graph(
                    id=ids.page(NAME, part), config={"locale": lang, "displaylogo": False}, style={"height": "340px"}
                ),
                type="default",
            ),
        ]
    )


register("/", layout, order=0, nav_key="nav-overview", name=NAME)
