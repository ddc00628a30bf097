"""Overview callbacks: headline figure cards, the annual report's table, the busiest languages, the monthly trend,
the trends over the years and the Ukraine-related languages. Glue only: the figures come from
`dashboard.views.overview`, the parts from `layouts.overview`."""

from __future__ import annotations

import dash
from dash import Input, Output, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import running_month
from dashboard.views import language_names
from dashboard.views import overview as views
from layouts import overview as page
from layouts._charts import figure_monthly_requests
from layouts._components import HIDDEN, download_links, empty_state, table_annual_report
from layouts.report import report_href

NAME = page.NAME
EXPORTS = ("kpis", "annual-report", "monthly")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the overview's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "cards": Output(ids.page(NAME, "cards"), "children"),
            "annual": Output(ids.page(NAME, "annual"), "children"),
            "trend": Output(ids.page(NAME, "trend"), "figure"),
            "trend_style": Output(ids.page(NAME, "trend"), "style"),
            "trend_empty": Output(ids.page(NAME, "trend-empty"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_overview(search):
        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            comparisons = views.kpi_comparisons(context.data, filters, context.today())
            shown = {
                "downloads": download_links(EXPORTS, parsed.search, lang, report=report_href(filters, lang)),
                "cards": page.headline_cards(NAME, comparisons, context.targets, lang),
                "annual": table_annual_report(views.annual_report(context.data, filters), lang),
            }
            if comparisons[0]["requests"] == 0:
                return shown | {"trend": {}, "trend_style": HIDDEN, "trend_empty": empty_state(lang)}
            trend = figure_monthly_requests(
                views.monthly(context.data, filters), lang, running_month(filters.start, filters.end, context.today())
            )
            return shown | {"trend": trend, "trend_style": page.TREND_HEIGHT, "trend_empty": None}

        failed = {"downloads": None, "cards": None, "annual": None, "trend": no_update, "trend_style": HIDDEN}
        return render(context, search, build, failed | {"trend_empty": None, "alerts": None})

    @app.callback(
        output={
            "top_languages": Output(ids.page(NAME, "top-languages"), "children"),
            "movers": Output(ids.page(NAME, "movers"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_languages(search):
        """The busiest languages of the period and the largest movers against a year earlier."""

        def build(parsed: ParsedQuery) -> dict:
            return page.busiest_languages(
                views.language_movers(context.data, parsed.filters, context.today(), parsed.lang), parsed.lang
            )

        return render(context, search, build, {"top_languages": None, "movers": None})

    @app.callback(
        output={part: Output(ids.page(NAME, part), "figure") for part, _ in ids.OVERVIEW_UKRAINE_CHARTS},
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_ukraine(search):
        """Ukraine-related languages from January 2022 to the last complete month, and who served them."""

        def build(parsed: ParsedQuery) -> dict:
            by_month, by_kind = views.ukraine_to_date(context.data, parsed.filters, context.today())
            names = language_names(context.data, parsed.lang)
            return page.ukraine_figures(by_month, by_kind, names, context.events, parsed.lang)

        return render(context, search, build, {part: no_update for part, _ in ids.OVERVIEW_UKRAINE_CHARTS})

    @app.callback(
        output={part: Output(ids.page(NAME, part), "figure") for part, _ in ids.OVERVIEW_TREND_CHARTS},
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_trends(search):
        """The trends from January of the first year with data to the last complete month, with the page's
        filters but not its period."""

        def build(parsed: ParsedQuery) -> dict:
            trend, by_modality = views.trends(context.data, parsed.filters, context.today())
            answer_target = context.targets.get("answer_rate")
            return page.trend_figures(trend, by_modality, context.events, answer_target, parsed.lang)

        return render(context, search, build, {part: no_update for part, _ in ids.OVERVIEW_TREND_CHARTS})
