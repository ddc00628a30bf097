"""Overview callbacks: headline figure cards and the monthly trend."""

from __future__ import annotations

from datetime import date, timedelta

import dash
import pandas as pd
from dash import Input, Output, no_update

from callbacks._common import headline_cards, normalised_search, render_page
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.i18n import language_name_column
from dashboard.periods import brussels_today, month_start
from dashboard.views import overview as views
from layouts._charts import (
    add_events,
    figure_answer_rate,
    figure_kind_mix,
    figure_language_lines,
    figure_monthly_requests,
    figure_outcome_trend,
    figure_rolling,
    figure_year_on_year,
)
from layouts._components import (
    download_links,
    empty_state,
    list_movers,
    table_annual_report,
    table_top_languages,
)
from queries.reference import select_languages, select_period_bounds

NAME = "overview"


def register(app: dash.Dash, context: Context) -> None:
    """Attach the overview's callbacks to `app`."""

    @app.callback(
        output=[
            Output(ids.page(NAME, "alerts"), "children"),
            Output(ids.page(NAME, "downloads"), "children"),
            Output(ids.page(NAME, "cards"), "children"),
            Output(ids.page(NAME, "annual"), "children"),
            Output(ids.page(NAME, "trend"), "figure"),
            Output(ids.page(NAME, "trend"), "style"),
            Output(ids.page(NAME, "trend-empty"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_overview(search):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            figures, cards = headline_cards(context, NAME, filters, lang)
            table = views.monthly(context.data, filters)
            annual = table_annual_report(views.annual_report(context.data, filters), lang)
            downloads = download_links(("kpis", "annual-report", "monthly"), normalised_search(parsed), lang)
            if figures["requests"] == 0:
                return downloads, cards, annual, {}, {"display": "none"}, empty_state(lang)
            return downloads, cards, annual, figure_monthly_requests(table, lang), {"height": "420px"}, None

        return render_page(context, search, build, failed=(None, None, None, no_update, {"display": "none"}, None))

    @app.callback(
        output=[Output(ids.page(NAME, "top-languages"), "children"), Output(ids.page(NAME, "movers"), "children")],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_languages(search):
        """The busiest languages of the period and the largest movers against a year earlier."""

        def build(parsed: ParsedQuery):
            movers = views.language_movers(context.data, parsed.filters, parsed.lang)
            if movers.requests.sum() == 0:
                return empty_state(parsed.lang), None
            return table_top_languages(movers, parsed.lang), list_movers(movers, parsed.lang)

        return render_page(context, search, build, failed=(None, None))[1:]

    @app.callback(
        output=[Output(ids.page(NAME, part), "figure") for part, _ in ids.OVERVIEW_UKRAINE_CHARTS],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_ukraine(search):
        """Ukraine-related languages from January 2022 to the last complete month, and who served them."""

        def build(parsed: ParsedQuery):
            lang = parsed.lang
            period = parsed.filters.with_period(date(2022, 1, 1), last_complete_month_end(context))
            by_month, by_kind = views.ukraine(context.data, period)
            names = language_names(context, lang)
            return (figure_language_lines(by_month, names, lang, context.events), figure_kind_mix(by_kind, names, lang))

        return render_page(context, search, build, failed=(no_update,) * 2)[1:]

    @app.callback(
        output=[Output(ids.page(NAME, part), "figure") for part, _ in ids.OVERVIEW_TREND_CHARTS],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_trends(search):
        """The trends from January of the first year with data to the last complete month, with the page's
        filters but not its period."""

        def build(parsed: ParsedQuery):
            lang = parsed.lang
            first, _ = context.data.fetch(select_period_bounds).iloc[0]
            start = date(pd.Timestamp(first).year, 1, 1) if first is not None else parsed.filters.start
            history = parsed.filters.with_period(start, last_complete_month_end(context))
            trend, by_modality = views.monthly_trend(context.data, history), views.monthly(context.data, history)
            events = context.events
            return (
                add_events(
                    figure_monthly_requests(by_modality, lang), events, lang, trend.month.min(), trend.month.max()
                ),
                figure_outcome_trend(trend, lang, events),
                figure_answer_rate(trend, lang, events, context.targets.get("answer_rate")),
                figure_rolling(trend, lang, events),
                figure_year_on_year(trend, lang),
            )

        return render_page(context, search, build, failed=(no_update,) * len(ids.OVERVIEW_TREND_CHARTS))[1:]


def last_complete_month_end(context: Context) -> date:
    """The last day of the last complete month: a month in progress would look like a drop on a trend."""
    return month_start(brussels_today(context.settings.current_time())) - timedelta(days=1)


def language_names(context: Context, lang: str) -> dict[str, str]:
    """Language code -> name in the interface language."""
    table = context.data.fetch(select_languages)
    return dict(zip(table.code, table[language_name_column(lang)]))
