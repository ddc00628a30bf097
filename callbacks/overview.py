"""Overview callbacks: headline figure cards and the monthly trend."""

from __future__ import annotations

import dash
from dash import Input, Output, no_update

from callbacks._common import normalised_search, render_page
from dashboard import ids, views
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import previous_period, year_earlier
from dashboard.targets import load_targets
from layouts._charts import figure_monthly_requests
from layouts._components import download_links, empty_state, figure_card, table_annual_report

NAME = "overview"
CARD_METRICS = ("requests", "answer_rate", "unmet_rate", "shortage_rate", "completion_rate", "no_show_client_rate",
                "no_show_interpreter_rate", "active_interpreters")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the overview's callbacks to `app`."""

    @app.callback(
        output=[Output(ids.page(NAME, "alerts"), "children"), Output(ids.page(NAME, "downloads"), "children"),
                Output(ids.page(NAME, "cards"), "children"), Output(ids.page(NAME, "annual"), "children"),
                Output(ids.page(NAME, "trend"), "figure"),
                Output(ids.page(NAME, "trend"), "style"), Output(ids.page(NAME, "trend-empty"), "children")],
        inputs=[Input(ids.page(NAME, "query"), "data")],
    )
    def render_overview(search):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            figures = views.kpis(context.data, filters)
            previous = views.kpis(context.data, filters.with_period(*previous_period(filters.start, filters.end)))
            year_ago = views.kpis(context.data, filters.with_period(*year_earlier(filters.start, filters.end)))
            targets = load_targets()
            cards = [figure_card(NAME, metric, figures[metric], lang, previous[metric], year_ago[metric],
                                 targets.get(metric)) for metric in CARD_METRICS]
            table = views.monthly(context.data, filters)
            annual = table_annual_report(views.annual_report(context.data, filters), lang)
            downloads = download_links(("kpis", "annual-report", "monthly"), normalised_search(parsed), lang)
            if figures["requests"] == 0:
                return downloads, cards, annual, {}, {"display": "none"}, empty_state(lang)
            return downloads, cards, annual, figure_monthly_requests(table, lang), {"height": "420px"}, None

        return render_page(context, search, build, failed=(None, None, None, no_update, {"display": "none"}, None))
