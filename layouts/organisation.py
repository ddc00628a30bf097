"""`/organisations/<id>`: one organisation's own statistics (requests, outcomes per modality, no-shows and
cancellations per party, languages, the monthly trend), the bottom of the drill-down. Not in the navigation."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from dashboard.views.regions import Place
from layouts import register
from layouts._breadcrumbs import LEVEL_PAGES
from layouts._charts_places import format_value, language_columns, layout_grid, sector_name
from layouts._components import chart
from layouts._grid import grid_records
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
                        chart(lang, ids.page(NAME, "trend"), style={"height": "360px"}),
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


def facts(place: Place, lang: str) -> str:
    """Sector, cooperation agreement, local government and region of the organisation, in one line."""
    agreement = t("organisation-agreement-yes" if place.has_agreement else "organisation-agreement-no", lang)
    return " · ".join(
        (
            f"{t('sector', lang)}: {sector_name(place.sector, lang)}",
            agreement,
            f"{place.local_government_name}, {place.region_name}",
        )
    )


def parties_table(table: pd.DataFrame, lang: str) -> html.Table:
    """Assigned requests not carried out, per party and status: count and share of the answered requests."""
    header = html.Thead(
        html.Tr(
            [
                html.Th(t("organisation-party", lang)),
                html.Th(t("organisation-status", lang)),
                html.Th(t("organisation-count", lang), className="text-end"),
                html.Th(
                    t("organisation-share", lang), className="text-end", title=t("organisation-share-definition", lang)
                ),
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(t(f"organisation-party-{row.party}", lang)),
                html.Td(t(f"organisation-status-{row.status}", lang)),
                html.Td(format_value("count", row["count"], lang), className="text-end"),
                html.Td(format_value("share_rate", row.share_rate, lang), className="text-end"),
            ]
        )
        for _, row in table.iterrows()
    ]
    return html.Table([header, html.Tbody(rows)], className="table table-sm table-hover parties-table")


def language_rows(table: pd.DataFrame) -> list[dict]:
    """Every language the organisation asked for in the slice, as the languages grid's rows."""
    return grid_records(table[[c.field for c in language_columns()]])


register("/organisations/<organisation_id>", layout, order=63, name=NAME)
