"""Lead-time callbacks: what the figures cover, the cost of booking late per band and modality, the monthly share
booked too late, the organisations that most often book too late, and the band shares of the chosen breakdown.
Glue only: the figures come from `dashboard.views.lead_time`, the parts from `layouts.lead_time`."""

from __future__ import annotations

import dash
from dash import Input, Output, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import running_month
from dashboard.views import lead_time as views
from layouts import lead_time as page
from layouts._components import HIDDEN, download_links, empty_state

NAME = page.NAME
EXPORTS = ("lead-time",)
TREND_STYLE = {"height": "400px"}


def render_summary(context: Context, search) -> dict:
    """The coverage note, the heat-tables and the monthly trend (empty states that say why)."""

    def build(parsed: ParsedQuery) -> dict:
        lang, filters = parsed.lang, parsed.filters
        excluded = views.excluded(context.data, filters)
        shown = {
            "downloads": download_links(EXPORTS, parsed.search, lang),
            "coverage": page.coverage_note(excluded, lang),
        }
        if excluded["with_lead_time"] == 0:
            empty = empty_state(lang, "lead-time-empty")
            return shown | {
                "cost": empty,
                "trend": {},
                "trend_style": HIDDEN,
                "trend_empty": empty_state(lang, "lead-time-empty"),
            }
        shown["cost"] = page.cost_tables(views.by_modality_and_band(context.data, filters), lang)
        monthly = views.monthly_late(context.data, filters)
        if monthly.empty:
            key = "lead-time-trend-empty" if filters.modality else "lead-time-empty"
            return shown | {"trend": {}, "trend_style": HIDDEN, "trend_empty": empty_state(lang, key)}
        if monthly.requests.sum() == 0:
            return shown | {"trend": {}, "trend_style": HIDDEN, "trend_empty": empty_state(lang, "lead-time-empty")}
        trend = page.figure_late_trend(monthly, lang, running_month(filters.start, filters.end, context.today()))
        return shown | {"trend": trend, "trend_style": TREND_STYLE, "trend_empty": None}

    failed = {"downloads": None, "coverage": None, "cost": None, "trend": no_update, "trend_style": HIDDEN}
    return render(context, search, build, failed | {"trend_empty": None, "alerts": None})


def render_organisations(context: Context, search) -> dict:
    """The organisations over the volume threshold, the largest share booked too late first."""

    def build(parsed: ParsedQuery) -> dict:
        table = views.organisations(context.data, parsed.filters)
        return {"organisations": page.organisations_grid(table, parsed.search, parsed.lang)}

    return render(context, search, build, {"organisations": None})


def render_shares(context: Context, search, dimension) -> dict:
    """The band shares per value of the chosen breakdown: a chart of the largest, a grid of all."""
    dimension = dimension if dimension in views.DIMENSIONS else page.BREAKDOWN.default  # a forged tab

    def build(parsed: ParsedQuery) -> dict:
        table = views.shares(context.data, parsed.filters, dimension, parsed.lang)
        if table.empty:
            return {
                "chart": {},
                "chart_style": HIDDEN,
                "empty": empty_state(parsed.lang, "lead-time-empty"),
                "grid": None,
            }
        chart = page.figure_band_shares(table, parsed.lang)
        grid = page.shares_grid(table, dimension, parsed.lang)
        return {"chart": chart, "chart_style": {"height": f"{chart.layout.height}px"}, "empty": None, "grid": grid}

    return render(context, search, build, {"chart": no_update, "chart_style": HIDDEN, "empty": None, "grid": None})


QUERY = {"search": Input(ids.PAGE_QUERY, "data")}
CALLBACKS = (
    (
        render_summary,
        {
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "coverage": Output(ids.page(NAME, "coverage"), "children"),
            "cost": Output(ids.page(NAME, "cost"), "children"),
            "trend": Output(ids.page(NAME, "trend"), "figure"),
            "trend_style": Output(ids.page(NAME, "trend"), "style"),
            "trend_empty": Output(ids.page(NAME, "trend-empty"), "children"),
        },
        QUERY,
    ),
    (render_organisations, {"organisations": Output(ids.page(NAME, "organisations"), "children")}, QUERY),
    (
        render_shares,
        {
            "chart": Output(ids.page(NAME, "shares-chart"), "figure"),
            "chart_style": Output(ids.page(NAME, "shares-chart"), "style"),
            "empty": Output(ids.page(NAME, "shares-empty"), "children"),
            "grid": Output(ids.page(NAME, "shares-table"), "children"),
        },
        QUERY | {"dimension": Input(page.BREAKDOWN.id(NAME), "active_tab")},
    ),
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the lead-time page's callbacks to `app` (module-level functions, each given the context)."""
    for function, outputs, inputs in CALLBACKS:
        app.callback(output=outputs, inputs=inputs)(_bound(function, context))


def _bound(function, context: Context):
    def callback(**inputs):
        return function(context, **inputs)

    callback.__name__ = function.__name__
    return callback
