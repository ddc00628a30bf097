"""`/organisations/<id>`: one organisation's own statistics (requests, outcomes per modality, no-shows and
cancellations per party, languages, the monthly trend), the bottom of the drill-down. Not in the navigation."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
from layouts._breadcrumbs import LEVEL_PAGES
from layouts._charts_places import language_columns, layout_grid
from layouts._page import page_frame, page_lang

NAME = LEVEL_PAGES["organisation"]


def layout(query: dict, organisation_id=None) -> html.Div:
    """The organisation's skeleton; figures arrive from `callbacks.organisation`."""
    lang = page_lang(query)

    def section(title_key: str, lead_key: str, part: str) -> list:
        return [
            html.H3(t(title_key, lang), className="h5 mt-3 mb-0"),
            html.P(t(lead_key, lang), className="text-muted small mb-1"),
            dcc.Loading(html.Div(id=ids.page(NAME, part)), type="default"),
        ]

    content = html.Div(
        [
            html.H2(id=ids.page(NAME, "heading"), className="h4 mb-1"),
            html.P(id=ids.page(NAME, "facts"), className="text-muted small mb-2"),
            html.Div(id=ids.page(NAME, "notice")),
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            dbc.Row(
                [
                    dbc.Col(section("organisation-outcomes-title", "organisation-outcomes-lead", "outcomes"), lg=7),
                    dbc.Col(section("organisation-parties-title", "organisation-parties-lead", "parties"), lg=5),
                ]
            ),
            html.H3(t("organisation-trend-title", lang), className="h5 mt-3 mb-0"),
            html.P(t("organisation-trend-lead", lang), className="text-muted small mb-1"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        dcc.Graph(
                            id=ids.page(NAME, "trend"),
                            config={"locale": lang, "displaylogo": False},
                            style={"height": "360px"},
                        ),
                    ]
                ),
                type="default",
            ),
            *section("regions-modalities-title", "regions-modalities-lead", "modalities"),
            html.H3(t("organisation-languages-title", lang), className="h5 mt-3 mb-0"),
            html.P(t("organisation-languages-lead", lang), className="text-muted small mb-1"),
            layout_grid(ids.page(NAME, "language-table"), language_columns(), lang, height=420),
        ],
        id=ids.page(NAME, "content"),
    )
    body = html.Div(
        [
            dcc.Store(id=ids.page(NAME, "place"), data={"organisation_id": organisation_id}),
            html.Div(id=ids.page(NAME, "crumbs")),
            html.Div(id=ids.page(NAME, "missing")),
            content,
        ]
    )
    return page_frame(NAME, query, "regions-title", "regions-lead", body)


register("/organisations/<organisation_id>", layout, order=63, name=NAME)
