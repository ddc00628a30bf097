"""Interpreter activity: active against registered interpreters per kind and language, hours interpreted per
interpreter (a distribution, no names), interpreters registered but inactive for six months, the kinds that served
each language, and the taalhulp invitation flow. Interpreters appear by id only."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
from layouts._charts import KIND_MIX_LIMIT
from layouts._charts_management import definition, definitions_list
from layouts._page import page_frame, page_lang

NAME = "interpreters"
GLOSSARY = (
    "registered_interpreters",
    "active_interpreters",
    "activity_rate",
    "hours_per_interpreter",
    "inactive_interpreters",
    "acceptance_rate",
    "response_rate",
    "median_response_hours",
)


def layout(query: dict) -> html.Div:
    """The page's skeleton; figures arrive from `callbacks.interpreters`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            _section("activity", lang),
            dcc.Loading(
                dbc.Row(
                    [
                        dbc.Col(_graph("activity-kinds", lang, 380), lg=5),
                        dbc.Col(html.Div(id=ids.page(NAME, "activity-languages")), lg=7),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-activity-def", lang),
            _section("hours", lang),
            dcc.Loading(
                dbc.Row(
                    [
                        dbc.Col([html.Div(id=ids.page(NAME, "hours-empty")), _graph("hours", lang, 380)], lg=8),
                        dbc.Col(html.Div(id=ids.page(NAME, "hours-table")), lg=4),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-hours-def", lang),
            _section("inactive", lang),
            dcc.Loading(
                html.Div(
                    [
                        html.P(id=ids.page(NAME, "inactive-window"), className="small mb-2"),
                        dbc.Row(
                            [
                                dbc.Col(_graph("inactive-kinds", lang, 300), lg=4),
                                dbc.Col(html.Div(id=ids.page(NAME, "inactive-languages")), lg=8),
                            ]
                        ),
                        html.H3(t("interpreters-inactive-list", lang), className="h6 mt-3"),
                        html.Div(id=ids.page(NAME, "inactive-list")),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-inactive-def", lang),
            _section("kind-mix", lang, limit=KIND_MIX_LIMIT),
            dcc.Loading(
                html.Div([html.Div(id=ids.page(NAME, "kind-mix-empty")), _graph("kind-mix", lang, 560)]), type="default"
            ),
            definition("interpreters-kind-mix-def", lang),
            _section("taalhulp", lang),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "taalhulp-cards"), className="row"),
                        html.Div(id=ids.page(NAME, "taalhulp-empty")),
                        _graph("taalhulp-monthly", lang, 380),
                        html.H3(t("interpreters-taalhulp-pools", lang), className="h6 mt-3"),
                        html.Div(id=ids.page(NAME, "taalhulp-pools")),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-taalhulp-def", lang),
            definitions_list(GLOSSARY, lang),
        ]
    )
    return page_frame(NAME, query, "interpreters-title", "interpreters-lead", body)


def _section(part: str, lang: str, **values) -> html.Div:
    return html.Div(
        [
            html.H2(t(f"interpreters-{part}-title", lang), className="h5 mt-4 mb-0"),
            html.P(t(f"interpreters-{part}-lead", lang, **values), className="text-muted small"),
        ]
    )


def _graph(part: str, lang: str, height: int) -> dcc.Graph:
    return dcc.Graph(
        id=ids.page(NAME, part), config={"locale": lang, "displaylogo": False}, style={"height": f"{height}px"}
    )


register("/interpreters", layout, order=50, nav_key="nav-interpreters", name=NAME)
