"""Drill-down callbacks for `/regions`, `/regions/<code>` and `/regions/<code>/<id>`: the place's figures, its
children's table and chart (a click on a bar goes one level down), figures per modality, and on `/regions` the
spread between organisations. Helpers the organisation's page shares are here too."""

from __future__ import annotations

from dataclasses import replace

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, no_update

from callbacks._common import HIDDEN, as_given, normalised_search, render_page
from dashboard import codes, ids
from dashboard.context import Context
from dashboard.filters import Filters, ParsedQuery, to_search
from dashboard.i18n import code_name, t
from dashboard.metrics import is_rate
from dashboard.views import regions as views
from dashboard.views.regions import CHILD_LEVEL, Place
from layouts._breadcrumbs import (
    LEVEL_PAGES,
    breadcrumbs,
    local_government_path,
    not_found,
    organisation_path,
    region_path,
)
from layouts._charts_places import (
    GRID_FIGURES,
    figure_children,
    figure_spread,
    figures_table,
    quantile_table,
)
from layouts._components import download_links, empty_state, figure_card
from layouts._grid import grid_records, markdown_link
from layouts.regions import COLOUR, SPREAD
from queries.reference import select_regions

# The export of each level's children (exports take the filters only: the path's region goes in as a filter).
LEVEL_EXPORTS = {
    "all": "regions",
    "region": "local-governments",
    "local_government": "organisations",
    "organisation": "organisations",
}
PLACE_CARDS = (
    "requests",
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
)
MODALITY_FIGURES = (
    "requests",
    "answered",
    "completed",
    "no_show_client",
    "no_show_interpreter",
    "cancelled_client_late",
    *views.RATES,
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the drill-down's callbacks to `app`: the same three for each level, and the spread on `/regions`."""
    for level in CHILD_LEVEL:  # every level with places below it
        _register_level(app, context, level, LEVEL_PAGES[level])
    _register_consistency(app, context, LEVEL_PAGES["all"])


def _register_level(app: dash.Dash, context: Context, level: str, name: str) -> None:
    @app.callback(
        output=[
            Output(ids.page(name, part), prop)
            for part, prop in (
                ("alerts", "children"),
                ("downloads", "children"),
                ("crumbs", "children"),
                ("missing", "children"),
                ("content", "style"),
                ("heading", "children"),
                ("notice", "children"),
                ("cards", "children"),
                ("table", "rowData"),
                ("modalities", "children"),
            )
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
        state=[State(ids.page(name, "place"), "data")],
    )
    def render_level(search, path):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            place = views.find_place(context.data, level, path)
            if place is None:
                return (
                    None,
                    None,
                    missing_place(context, level, path, as_given(search), lang),
                    HIDDEN,
                    None,
                    None,
                    None,
                    [],
                    None,
                )
            table = with_hrefs(views.children(context.data, filters, place), place, normalised_search(parsed))
            modalities = views.place_modalities(context.data, filters, place)
            return (
                export_links(parsed, place),
                breadcrumbs(place, normalised_search(parsed), lang),
                None,
                {},
                heading(place, lang),
                notice(filters, place, context, lang),
                place_cards(context, name, filters, place, lang),
                children_rows(table, lang),
                modality_table(modalities, lang),
            )

        return render_page(context, search, build, failed=(None, None, None, HIDDEN, None, None, None, [], None))

    @app.callback(
        output=[
            Output(ids.page(name, "chart"), "figure"),
            Output(ids.page(name, "chart"), "style"),
            Output(ids.page(name, "chart-empty"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data"), Input(COLOUR.id(name), "value")],
        state=[State(ids.page(name, "place"), "data")],
    )
    def render_chart(search, rate, path):
        """Requests per child, coloured by the chosen rate."""

        def build(parsed: ParsedQuery):
            place = views.find_place(context.data, level, path)
            if place is None:
                return no_update, HIDDEN, None
            table = with_hrefs(views.children(context.data, parsed.filters, place), place, normalised_search(parsed))
            if table.requests.sum() == 0:
                return no_update, HIDDEN, empty_state(parsed.lang)
            chosen = rate if rate in views.RATES else "answer_rate"  # a forged value must not raise
            return figure_children(table, chosen, parsed.lang), {}, None

        return render_page(context, search, build, failed=(no_update, HIDDEN, None))[1:]

    @app.callback(
        Output(ids.page(name, "go"), "href"), Input(ids.page(name, "chart"), "clickData"), prevent_initial_call=True
    )
    def follow_bar(click):
        """A click on a child's bar opens the child's page (its href travels in the bar's customdata)."""
        points = (click or {}).get("points") or [{}]
        target = (points[0].get("customdata") or [None, None])[1]
        return target if isinstance(target, str) and target.startswith("/") else no_update


def _register_consistency(app: dash.Dash, context: Context, name: str) -> None:
    @app.callback(
        output=[
            Output(ids.page(name, "spread-sector"), "figure"),
            Output(ids.page(name, "spread-region"), "figure"),
            Output(ids.page(name, "spread-table"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data"), Input(SPREAD.id(name), "value")],
    )
    def render_consistency(search, metric):
        """The spread of a figure between organisations, per sector and per region."""

        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            metric_name = metric if metric in views.CONSISTENCY_METRICS else "requests"
            spread = views.organisation_spread(context.data, filters)
            sectors = sector_labels(lang)
            regions = views.children(context.data, filters).set_index("code")
            whole = regions[metric_name] if is_rate(metric_name) else None
            quantiles = views.spread_quantiles(spread, "sector", metric_name)
            return (
                figure_spread(spread, "sector", metric_name, sectors, lang),
                figure_spread(spread, "region_code", metric_name, regions["name"].sort_values().to_dict(), lang, whole),
                quantile_table(quantiles, "sector", sectors, metric_name, lang),
            )

        return render_page(context, search, build, failed=(no_update, no_update, None))[1:]


# --- shared with the organisation's page ---------------------------------------------------------------------------


def missing_place(context: Context, level: str, path: dict, search: str, lang: str):
    """The not-found message for a path naming no known place: which part of it is unknown."""
    path = path or {}
    if level == "organisation":
        return not_found("regions-not-found-organisation", search, lang, value=path.get("organisation_id"))
    region = views.find_region(context.data, path.get("region_code"))
    if region is None:
        return not_found("regions-not-found-region", search, lang, value=path.get("region_code"))
    return not_found(
        "regions-not-found-local_government",
        search,
        lang,
        value=path.get("local_government_id"),
        region=region.region_name,
    )


def heading(place: Place, lang: str) -> str:
    """The name of the place the page shows."""
    if place.level == "all":
        return t("regions-everywhere", lang)
    return {
        "region": place.region_name,
        "local_government": place.local_government_name,
        "organisation": place.organisation_name,
    }[place.level]


def notice(filters: Filters, place: Place, context: Context, lang: str):
    """A note naming the filters the path sets aside (the path wins), or nothing."""
    found = views.overridden(filters, place)
    if not found:
        return None
    regions = context.data.fetch(select_regions)
    names = dict(zip(regions.code, regions["name"]))
    lines = []
    if "region" in found:
        chosen = ", ".join(names.get(code, code) for code in filters.region)
        lines.append(t("regions-notice-region", lang, chosen=chosen, place=place.region_name))
    if "sector" in found:
        chosen = ", ".join(t(f"sector-{code}", lang) for code in filters.sector)
        lines.append(t("regions-notice-sector", lang, chosen=chosen, sector=sector_name(place.sector, lang)))
    return dbc.Alert(" ".join(lines), color="info", className="place-notice small py-2")


def place_cards(context: Context, name: str, filters: Filters, place: Place, lang: str) -> list:
    """The place's headline figures, with changes against the previous period and a year earlier."""
    now, previous, year_ago = views.place_comparisons(context.data, filters, place)
    return [
        figure_card(name, metric, now[metric], lang, previous[metric], year_ago[metric], context.targets.get(metric))
        for metric in PLACE_CARDS
    ]


def export_links(parsed: ParsedQuery, place: Place):
    """Downloads of the children's table; the path's region travels as the export's region filter. Exports take
    filters only, so below the region level the file holds the organisations of the whole region: its title
    says so."""
    filters = views.place_filters(parsed.filters, place)
    if place.region_code is not None:
        filters = replace(filters, region=(place.region_code,))
    export = LEVEL_EXPORTS[place.level]
    titles = (
        {export: t("regions-download-region-organisations", parsed.lang, region=place.region_name)}
        if place.level in ("local_government", "organisation")
        else None
    )
    return download_links((export,), to_search(filters, parsed.lang), parsed.lang, titles)


def sector_name(sector: str | None, lang: str) -> str:
    return code_name("sector", sector if sector in codes.SECTORS else None, lang)


def sector_labels(lang: str) -> dict[str, str]:
    """Sector code -> name, and "" (not filled in) last."""
    return {code: code_name("sector", code, lang) for code in (*codes.SECTORS, "")}


def modality_table(table: pd.DataFrame, lang: str):
    """Figures per modality at the place."""
    labels = {m: t(f"modality-{m}", lang) for m in codes.MODALITIES}
    return figures_table(table, "modality", labels, MODALITY_FIGURES, lang, "modality-table")


# --- children -------------------------------------------------------------------------------------------------------


def with_hrefs(table: pd.DataFrame, place: Place, search: str) -> pd.DataFrame:
    """The children's table with the path of each child's page (keeping `search`) in column `href`."""
    child = CHILD_LEVEL[place.level]
    if child == "region":
        paths = [region_path(code) for code in table.code]
    elif child == "local_government":
        paths = [local_government_path(place.region_code, i) for i in table.id]
    else:
        paths = [organisation_path(i) for i in table.id]
    return table.assign(href=[path + (search or "") for path in paths])


def children_rows(table: pd.DataFrame, lang: str) -> list[dict]:
    """The children's figures as the grid's rows, each name a link one level down."""
    table = table.assign(link=[markdown_link(n, h) for n, h in zip(table.name, table.href)])
    if "sector" in table:
        table = table.assign(sector_name=[sector_name(s if isinstance(s, str) else None, lang) for s in table.sector])
    return grid_records(table[[c for c in ("link", "sector_name", *GRID_FIGURES) if c in table]])
