"""No-shows and cancellations: which party let assigned appointments fall through, per month and per modality,
sector, region, language or organisation; the organisations with most failed appointments; the billable share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from dashboard.views.no_shows import DIMENSIONS, MIN_ANSWERED, RATES
from layouts import register
from layouts._charts_management import DIMENSION_CHART_LIMIT, definition, definitions_list
from layouts._choices import choice
from layouts._page import page_frame, page_lang

NAME = "no-shows"
DIMENSION = choice("dimension", "modality", DIMENSIONS, prop="active_tab")
DIMENSION_LABELS = {
    "modality": "modality",
    "sector": "sector",
    "region": "region",
    "language": "language",
    "organisation": "no-shows-organisation",
}


def layout(query: dict) -> html.Div:
    """The page's skeleton; figures arrive from `callbacks.no_shows`."""
    lang = page_lang(query)
    graph_config = {"locale": lang, "displaylogo": False}
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            definition("no-shows-cards-def", lang),
            html.H2(t("no-shows-trend-title", lang), className="h5 mt-3"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        dcc.Graph(id=ids.page(NAME, "trend"), config=graph_config, style={"height": "440px"}),
                    ]
                ),
                type="default",
            ),
            definition("no-shows-trend-def", lang),
            html.H2(t("no-shows-dimension-title", lang), className="h5 mt-4"),
            dbc.Tabs(
                [dbc.Tab(label=t(DIMENSION_LABELS[d], lang), tab_id=d) for d in DIMENSIONS],
                id=DIMENSION.id(NAME),
                active_tab=DIMENSION.initial(query),
                className="mb-2 choice-dimension",
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "dimension-empty")),
                        dcc.Graph(id=ids.page(NAME, "dimension-chart"), config=graph_config),
                        html.Div(id=ids.page(NAME, "dimension-table")),
                    ]
                ),
                type="default",
            ),
            definition("no-shows-dimension-def", lang, limit=DIMENSION_CHART_LIMIT),
            html.H2(t("no-shows-organisations-title", lang), className="h5 mt-4"),
            html.P(
                t("no-shows-organisations-lead", lang, minimum=MIN_ANSWERED),
                className="text-muted small mb-2",
                id=ids.page(NAME, "threshold"),
            ),
            dcc.Loading(html.Div(id=ids.page(NAME, "organisations")), type="default"),
            definitions_list(("answered", *RATES), lang),
        ]
    )
    return page_frame(NAME, query, "no-shows-title", "no-shows-lead", body)


register("/no-shows", layout, order=40, nav_key="nav-no-shows", name=NAME)
