"""Callbacks of `/organisations/<id>`: the organisation's own figures, outcomes per modality, no-shows and
cancellations per party, the monthly trend, modalities and languages."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, html, no_update

from callbacks._common import HIDDEN, as_given, normalised_search, render_page
from callbacks.regions import (
    export_links,
    heading,
    missing_place,
    modality_table,
    notice,
    place_cards,
    sector_name,
)
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.i18n import t
from dashboard.views import regions as views
from dashboard.views.regions import Place
from layouts._breadcrumbs import LEVEL_PAGES, breadcrumbs
from layouts._charts import figure_monthly_requests
from layouts._charts_places import format_value, language_columns
from layouts._components import empty_state, table_annual_report
from layouts._grid import grid_records

NAME = LEVEL_PAGES["organisation"]
PARTS = (
    ("alerts", "children"),
    ("downloads", "children"),
    ("crumbs", "children"),
    ("missing", "children"),
    ("content", "style"),
    ("heading", "children"),
    ("facts", "children"),
    ("notice", "children"),
    ("cards", "children"),
    ("outcomes", "children"),
    ("parties", "children"),
    ("trend", "figure"),
    ("trend", "style"),
    ("trend-empty", "children"),
    ("modalities", "children"),
    ("language-table", "rowData"),
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the organisation page's callback to `app`."""

    @app.callback(
        output=[Output(ids.page(NAME, part), prop) for part, prop in PARTS],
        inputs=[Input(ids.PAGE_QUERY, "data")],
        state=[State(ids.page(NAME, "place"), "data")],
    )
    def render_organisation(search, path):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            place = views.find_place(context.data, "organisation", path)
            if place is None:
                return (
                    None,
                    None,
                    missing_place(context, "organisation", path, as_given(search), lang),
                    HIDDEN,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    no_update,
                    HIDDEN,
                    None,
                    None,
                    [],
                )
            data = context.data
            figures = views.place_figures(data, filters, place)
            trend = (
                (figure_monthly_requests(views.place_monthly(data, filters, place), lang), {"height": "360px"}, None)
                if figures["requests"]
                else (no_update, HIDDEN, empty_state(lang))
            )
            return (
                export_links(parsed, place),
                breadcrumbs(place, normalised_search(parsed), lang),
                None,
                {},
                heading(place, lang),
                facts(place, lang),
                notice(filters, place, context, lang),
                place_cards(context, NAME, filters, place, lang),
                table_annual_report(views.place_outcomes(data, filters, place), lang),
                parties_table(views.place_parties(data, filters, place), lang),
                *trend,
                modality_table(views.place_modalities(data, filters, place), lang),
                language_rows(views.place_languages(data, filters, place, lang)),
            )

        failed = (None, None, None, HIDDEN, None, None, None, None, None, None, no_update, HIDDEN, None, None, [])
        return render_page(context, search, build, failed)


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
