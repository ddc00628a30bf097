"""No-shows callbacks: the slice's rates, the monthly trend, the organisations with most failed appointments,
and the breakdown by the chosen dimension. Glue only: the figures come from `dashboard.views.no_shows`, the parts
from `layouts.no_shows`."""

from __future__ import annotations

import dash
from dash import Input, Output, no_update

from callbacks._common import register_rows, render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import running_month
from dashboard.views import no_shows as views
from layouts import no_shows as page
from layouts._charts_management import figure_party_by_dimension, figure_party_trend
from layouts._components import HIDDEN, download_links, empty_state

NAME = page.NAME
EXPORTS = ("no-shows", "no-shows-monthly", "no-show-organisations")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the no-shows page's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "cards": Output(ids.page(NAME, "cards"), "children"),
            "trend": Output(ids.page(NAME, "trend"), "figure"),
            "trend_style": Output(ids.page(NAME, "trend"), "style"),
            "trend_empty": Output(ids.page(NAME, "trend-empty"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_no_shows(search):
        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            figures = views.summary(context.data, filters).iloc[0]
            shown = {"downloads": download_links(EXPORTS, parsed.search, lang), "cards": page.cards(figures, lang)}
            if figures.answered == 0:
                return shown | {"trend": {}, "trend_style": HIDDEN, "trend_empty": empty_state(lang, "no-shows-empty")}
            trend = figure_party_trend(
                views.monthly(context.data, filters), lang, running_month(filters.start, filters.end, context.today())
            )
            return shown | {"trend": trend, "trend_style": {"height": "440px"}, "trend_empty": None}

        failed = {"downloads": None, "cards": None, "trend": no_update, "trend_style": HIDDEN, "trend_empty": None}
        return render(context, search, build, failed | {"alerts": None})

    @app.callback(
        output={"organisations": Output(ids.page(NAME, "organisations"), "children")},
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_organisations(search):
        """The organisations over the volume threshold, most failed first (a query of its own: per organisation
        the counts come from the operational database, so the cards do not wait for it)."""

        def build(parsed: ParsedQuery) -> dict:
            table = views.organisations(context.data, parsed.filters)
            return {"organisations": page.organisations_grid(table, parsed.lang)}

        return render(context, search, build, {"organisations": None})

    register_rows(
        app,
        context,
        page.ORGANISATIONS_GRID,
        lambda parsed: page.organisation_rows(
            views.organisations(context.data, parsed.filters), parsed.search, parsed.lang
        ),
        page.ORGANISATION_COLUMNS,
    )

    @app.callback(
        output={
            "chart": Output(ids.page(NAME, "dimension-chart"), "figure"),
            "chart_style": Output(ids.page(NAME, "dimension-chart"), "style"),
            "empty": Output(ids.page(NAME, "dimension-empty"), "children"),
            "grid": Output(ids.page(NAME, "dimension-table"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data"), "dimension": Input(page.DIMENSION.id(NAME), "active_tab")},
    )
    def render_dimension(search, dimension):
        """Counts and rates per value of the chosen dimension: a chart of the largest, a grid of all."""
        dimension = dimension if dimension in views.DIMENSIONS else page.DIMENSION.default  # a forged tab

        def build(parsed: ParsedQuery) -> dict:
            table = views.by_dimension(context.data, parsed.filters, dimension, parsed.lang)
            if table.empty:
                return {
                    "chart": {},
                    "chart_style": HIDDEN,
                    "empty": empty_state(parsed.lang, "no-shows-empty"),
                    "grid": None,
                }
            chart = figure_party_by_dimension(table, parsed.lang)
            grid = page.dimension_grid(table, dimension, parsed.lang)
            return {"chart": chart, "chart_style": {"height": f"{chart.layout.height}px"}, "empty": None, "grid": grid}

        return render(context, search, build, {"chart": no_update, "chart_style": HIDDEN, "empty": None, "grid": None})
