"""Drill-down callbacks for `/regions`, `/regions/<code>` and `/regions/<code>/<id>`: the place's figures, its
children's table and chart (a click on a bar goes one level down), figures per modality, and on `/regions` the
spread between organisations. Glue only: the figures come from `dashboard.views.regions`, the parts from
`layouts.regions` and `layouts._charts_places`."""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from callbacks._common import as_given, render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.views import regions as views
from dashboard.views.regions import CHILD_LEVEL
from layouts import regions as page
from layouts._breadcrumbs import LEVEL_PAGES, missing_place
from layouts._charts_places import (
    PLACE_PARTS,
    clicked_href,
    figure_children,
    figure_spread,
    missing_parts,
    place_parts,
    quantile_table,
    sector_labels,
)
from layouts._components import HIDDEN, empty_state


def register(app: dash.Dash, context: Context) -> None:
    """Attach the drill-down's callbacks to `app`: the same three for each level, and the spread on `/regions`."""
    for level in CHILD_LEVEL:  # every level with places below it
        _register_level(app, context, level, LEVEL_PAGES[level])
    _register_consistency(app, context, LEVEL_PAGES["all"])


def _register_level(app: dash.Dash, context: Context, level: str, name: str) -> None:
    @app.callback(
        output={
            "alerts": Output(ids.page(name, "alerts"), "children"),
            **{key: Output(ids.page(name, part), prop) for key, (part, prop) in PLACE_PARTS.items()},
            "table": Output(ids.page(name, "table"), "rowData"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
        state={"path": State(ids.page(name, "place"), "data")},
    )
    def render_level(search, path):
        """The place's own parts and its children's rows; for a path naming no known place, which part is not."""

        def build(parsed: ParsedQuery) -> dict:
            lang, filters, data = parsed.lang, parsed.filters, context.data
            place = views.find_place(data, level, path, filters.scope)
            if place is None:
                region = views.find_place(data, "region", path, filters.scope)
                return missing_parts(missing_place(level, path, region, as_given(search), lang)) | {"table": []}
            shown = place_parts(
                name, views.place_view(data, filters, place, context.today()), context.targets, parsed.search, lang
            )
            children = page.with_hrefs(views.children(data, filters, place), place, parsed.search)
            return shown | {"table": page.children_rows(children, lang)}

        return render(context, search, build, missing_parts() | {"table": [], "alerts": None})

    @app.callback(
        output={
            "chart": Output(ids.page(name, "chart"), "figure"),
            "chart_style": Output(ids.page(name, "chart"), "style"),
            "empty": Output(ids.page(name, "chart-empty"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data"), "rate": Input(page.COLOUR.id(name), "value")},
        state={"path": State(ids.page(name, "place"), "data")},
    )
    def render_chart(search, rate, path):
        """Requests per child, coloured by the chosen rate."""

        def build(parsed: ParsedQuery) -> dict:
            place = views.find_place(context.data, level, path, parsed.filters.scope)
            if place is None:
                return {"chart": no_update, "chart_style": HIDDEN, "empty": None}
            table = page.with_hrefs(views.children(context.data, parsed.filters, place), place, parsed.search)
            if table.requests.sum() == 0:
                return {"chart": no_update, "chart_style": HIDDEN, "empty": empty_state(parsed.lang)}
            return {"chart": figure_children(table, rate, parsed.lang), "chart_style": {}, "empty": None}

        return render(context, search, build, {"chart": no_update, "chart_style": HIDDEN, "empty": None})

    @app.callback(
        output={"href": Output(ids.page(name, "go"), "href")},
        inputs={"click": Input(ids.page(name, "chart"), "clickData")},
        prevent_initial_call=True,
    )
    def follow_bar(click):
        """A click on a child's bar opens the child's page (its href travels in the bar's customdata)."""
        return {"href": clicked_href(click) or no_update}


def _register_consistency(app: dash.Dash, context: Context, name: str) -> None:
    @app.callback(
        output={
            "by_sector": Output(ids.page(name, "spread-sector"), "figure"),
            "by_region": Output(ids.page(name, "spread-region"), "figure"),
            "quantiles": Output(ids.page(name, "spread-table"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data"), "metric": Input(page.SPREAD.id(name), "value")},
    )
    def render_consistency(search, metric):
        """The spread of a figure between organisations, per sector and per region."""

        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            spread = views.organisation_spread(context.data, filters)
            regions = views.children(context.data, filters).set_index("code")
            sectors = sector_labels(lang)
            return {
                "by_sector": figure_spread(spread, "sector", metric, sectors, lang),
                "by_region": page.figure_region_spread(spread, regions, metric, lang),
                "quantiles": quantile_table(
                    views.spread_quantiles(spread, "sector", metric), "sector", sectors, metric, lang
                ),
            }

        return render(context, search, build, {"by_sector": no_update, "by_region": no_update, "quantiles": None})
