"""Live supply and demand per language for planners: today, the next 7 and the next 14 days."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from dashboard.views.supply_demand import DEFAULT_WINDOW, WINDOWS
from layouts._components import definitions
from layouts._page import page_frame, page_lang

NAME = "supply-demand"
REFRESH_SECONDS = 30  # the page asks for fresh figures this often; the data-version probe (10 s) is shorter
DEFINITIONS = (("sd-term-demand", "sd-def-demand"), ("sd-term-supply", "sd-def-supply"),
               ("sd-term-gap", "sd-def-gap"))


def layout(**query) -> html.Div:
    """The skeleton; figures arrive from `callbacks.supply_demand`, again every REFRESH_SECONDS."""
    lang = page_lang(query)
    controls = html.Div([
        dbc.RadioItems(id=ids.page(NAME, "window"), value=DEFAULT_WINDOW, inline=True,
                       options=[{"label": t(f"sd-window-{w}", lang), "value": w} for w in WINDOWS]),
        html.Div([html.Span(id=ids.page(NAME, "updated"), className="fw-semibold"), " · ",
                  html.Span(t("sd-refresh-note", lang, seconds=REFRESH_SECONDS)),
                  html.Span(id=ids.page(NAME, "situation"), className="ms-1")],
                 className="small text-muted", role="status", **{"aria-live": "polite"}),
        dcc.Interval(id=ids.page(NAME, "refresh"), interval=REFRESH_SECONDS * 1000),
        dcc.Store(id=ids.page(NAME, "stamp")),
    ], className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2")
    body = html.Div([
        controls,
        html.P(t("sd-filter-note", lang), className="small text-muted"),
        dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
        html.H2(t("sd-table-title", lang), className="h5 mt-2"),
        dcc.Loading(html.Div(id=ids.page(NAME, "table")), type="default"),
        html.H2(t("sd-heatmap-title", lang), className="h5 mt-4 mb-0"),
        html.P(t("sd-heatmap-lead", lang), className="text-muted small"),
        dcc.Loading(html.Div(id=ids.page(NAME, "heatmap")), type="default"),
        html.H2(t("sd-drill-title", lang), className="h5 mt-4 mb-0"),
        html.P(t("sd-drill-lead", lang), className="text-muted small"),
        dcc.Dropdown(id=ids.page(NAME, "language"), placeholder=t("sd-drill-choose", lang), clearable=True,
                     style={"maxWidth": "360px"}),
        dcc.Loading(html.Div(id=ids.page(NAME, "drill"), className="mt-2"), type="default"),
        definitions("sd-definitions", DEFINITIONS, lang),
    ])
    return page_frame(NAME, query, "sd-title", "sd-lead", body)


dash.register_page(__name__, path="/supply-demand", name="Supply and demand", order=10,
                   nav_key="nav-supply-demand", layout=layout)
