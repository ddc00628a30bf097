"""Callbacks of /shortages: the period's bottleneck figures, and the forecast (computed off the request path). Glue
only: the figures come from `dashboard.views.shortages`, the parts from `layouts.shortages`."""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import Filters, ParsedQuery
from dashboard.forecasting import ALL_MODALITIES, ForecastFailed
from dashboard.periods import running_month
from dashboard.views import language_names, region_names
from dashboard.views import shortages as views
from layouts import shortages as page
from layouts._components import download_links
from layouts._grid import grid_records

NAME = page.NAME
EXPORTS = (
    "shortages",
    "shortages-recruitment",
    "shortages-by-region",
    "shortages-by-modality",
    "shortages-monthly",
    "shortage-forecast",
)
FIGURES = ("by_region", "by_modality", "trend", "supply")  # the parts drawn from the ranking (none without it)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the page's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "ranking": Output(ids.page(NAME, "ranking-grid"), "rowData"),
            "recruitment": Output(ids.page(NAME, "recruitment-grid"), "rowData"),
            "by_region": Output(ids.page(NAME, "by-region"), "children"),
            "by_modality": Output(ids.page(NAME, "by-modality"), "children"),
            "trend": Output(ids.page(NAME, "trend"), "children"),
            "supply": Output(ids.page(NAME, "supply"), "children"),
            "ukraine": Output(ids.page(NAME, "ukraine"), "children"),
            "languages": Output(page.FORECAST_LANGUAGE.id(NAME), "options"),
            "language": Output(page.FORECAST_LANGUAGE.id(NAME), "value"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
        state={"chosen": State(page.FORECAST_LANGUAGE.id(NAME), "value")},
    )
    def render_shortages(search, chosen):
        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            ranked = views.ranking(context.data, filters, lang)
            options = page.language_options(language_names(context.data, lang))
            shown = {
                "downloads": download_links(EXPORTS, parsed.search, lang),
                "ranking": page.ranking_rows(ranked, lang),
                "recruitment": grid_records(views.recruitment_list(ranked)),
                "ukraine": page.ukraine(views.ukrainian_served_by(context.data, filters), lang),
                "languages": options,
                "language": page.forecast_language(chosen, options, views.most_unavailable(ranked)),
            }
            if ranked.empty:
                return shown | dict.fromkeys(FIGURES)
            return shown | _figures(context, filters, ranked, lang)

        failed = {"downloads": None, "ranking": [], "recruitment": [], **dict.fromkeys(FIGURES), "ukraine": None}
        return render(context, search, build, failed | {"alerts": None, "languages": [], "language": None})

    @app.callback(
        output={
            "forecast": Output(ids.page(NAME, "forecast"), "children"),
            "rows": Output(ids.page(NAME, "forecast-grid"), "rowData"),
            "modalities": Output(page.FORECAST_MODALITY.id(NAME), "options"),
            "poll_off": Output(ids.page(NAME, "forecast-poll"), "disabled"),
        },
        inputs={
            "language": Input(page.FORECAST_LANGUAGE.id(NAME), "value"),
            "modality": Input(page.FORECAST_MODALITY.id(NAME), "value"),
            "_poll": Input(ids.page(NAME, "forecast-poll"), "n_intervals"),
        },
        state={"search": State(ids.PAGE_QUERY, "data")},
    )
    def render_forecast(language, modality, _poll, search):
        """The chosen language's forecast and every language's summary; while the forecast is being computed in
        the background, a note, and the poll asks again."""

        def build(parsed: ParsedQuery) -> dict:
            lang = parsed.lang
            if not parsed.filters.scope.unlimited:  # the forecast covers every organisation: not an account's scope
                return without | {"forecast": page.note("sh-forecast-unscoped", lang)}
            history = context.forecaster.history(context.settings.current_time())
            try:
                table = context.forecaster.table_for(history)
            except ForecastFailed:
                return without | {"forecast": page.note("sh-forecast-failed", lang)}
            if table is None:  # the first fit is running: ask again
                return without | {"forecast": page.note("sh-forecast-computing", lang), "poll_off": False}
            modalities = views.forecast_modalities(table, language)
            chosen = modality if modality in modalities else ALL_MODALITIES
            return {
                "forecast": _forecast(context, table, history, language, chosen, lang),
                "rows": page.forecast_rows(views.forecast_summary(table, context.data, lang), lang),
                "modalities": page.modality_options(modalities, lang),
                "poll_off": True,
            }

        without = {"forecast": None, "rows": [], "modalities": no_update, "poll_off": True}  # no forecast to show
        return render(context, search, build, without)


def _figures(context: Context, filters: Filters, ranked, lang: str) -> dict:
    """The parts drawn from the ranking: where the first-ranked languages fall short, their trend, their
    interpreters."""
    return {
        "by_region": page.by_region(
            views.shortage_by(context.data, filters, "region_id", lang), region_names(context.data), ranked, lang
        ),
        "by_modality": page.by_modality(views.shortage_by(context.data, filters, "modality", lang), ranked, lang),
        "trend": page.trend(
            views.monthly_shortage(context.data, filters, lang),
            ranked,
            lang,
            running_month(filters.start, filters.end, context.today()),
        ),
        "supply": page.supply(ranked, lang),
    }


def _forecast(context: Context, table, history, language: str | None, modality: str, lang: str):
    """The forecast of one language and modality beside its actual requests, or why there is none."""
    rows = views.forecast_of(table, language, modality)
    status = views.forecast_status(rows)
    if status != "ok":
        return page.note(f"sh-status-{status}", lang)
    return page.forecast(views.monthly_requests(context.data, history, language, modality), rows, lang)
