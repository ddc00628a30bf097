"""Callbacks of /shortages: the period's bottleneck figures, and the forecast (computed off the request path)."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from callbacks._common import normalised_search, render_page
from dashboard import codes, ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.forecasting import ALL_MODALITIES, ForecastFailed
from dashboard.i18n import format_count, format_decimal, language_name_column, t
from dashboard.views import shortages
from layouts._charts_planning import (
    figure_active_registered,
    figure_forecast,
    figure_rate_heatmap,
    figure_served_by,
    figure_shortage_trend,
)
from layouts._components import download_links, empty_state
from layouts._grid import grid_records
from layouts.shortages import FORECAST_LANGUAGE, FORECAST_MODALITY
from queries.reference import select_languages, select_regions

NAME = "shortages"
TOP_WHERE, TOP_TREND, TOP_SUPPLY = 12, 5, 15
EXPORTS = ("shortages", "shortages-by-region", "shortages-by-modality", "shortages-monthly", "shortage-forecast")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the page's callbacks to `app`."""

    @app.callback(
        output=[
            Output(ids.page(NAME, "alerts"), "children"),
            Output(ids.page(NAME, "downloads"), "children"),
            Output(ids.page(NAME, "ranking-grid"), "rowData"),
        ]
        + [
            Output(ids.page(NAME, part), "children")
            for part in ("by-region", "by-modality", "trend", "supply", "ukraine")
        ]
        + [
            Output(FORECAST_LANGUAGE.id(NAME), "options"),
            Output(FORECAST_LANGUAGE.id(NAME), "value"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
        state=[State(FORECAST_LANGUAGE.id(NAME), "value")],
    )
    def render_shortages(search, chosen_language):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            ranked = shortages.ranking(context.data, filters, lang)
            downloads = download_links(EXPORTS, normalised_search(parsed), lang)
            options = _language_options(context, lang)
            largest = ranked.sort_values("not_available", ascending=False, kind="stable")  # most requests lost
            first = largest.language_code.iloc[0] if len(ranked) else (options[0]["value"] if options else None)
            if chosen_language in {option["value"] for option in options}:  # the reader's choice (or the URL's) stays
                first = chosen_language
            if ranked.empty:
                return downloads, [], None, None, None, None, _ukraine(context, filters, lang), options, first
            return (
                downloads,
                grid_records(ranked),
                *_where(context, filters, ranked, lang),
                _trend(context, filters, ranked, lang),
                _graph(figure_active_registered(ranked.nlargest(TOP_SUPPLY, "requests"), lang), lang),
                _ukraine(context, filters, lang),
                options,
                first,
            )

        return render_page(context, search, build, failed=(None, [], None, None, None, None, None, [], None))

    @app.callback(
        output=[
            Output(ids.page(NAME, "forecast"), "children"),
            Output(ids.page(NAME, "forecast-grid"), "rowData"),
            Output(FORECAST_MODALITY.id(NAME), "options"),
            Output(ids.page(NAME, "forecast-poll"), "disabled"),
        ],
        inputs=[
            Input(FORECAST_LANGUAGE.id(NAME), "value"),
            Input(FORECAST_MODALITY.id(NAME), "value"),
            Input(ids.page(NAME, "forecast-poll"), "n_intervals"),
        ],
        state=[State(ids.PAGE_QUERY, "data")],
    )
    def render_forecast(language_code, modality, _poll, search):
        def build(parsed: ParsedQuery):
            lang, now = parsed.lang, context.settings.current_time()
            history = context.forecaster.history(now)
            try:
                table = context.forecaster.table_for(history)
            except ForecastFailed:
                return _note("sh-forecast-failed", lang), [], no_update, True
            if table is None:
                return _note("sh-forecast-computing", lang), [], no_update, False
            modalities = _modality_options(table, language_code, lang)
            chosen = modality if modality in [o["value"] for o in modalities] else ALL_MODALITIES
            return (
                _forecast_view(context, table, history, language_code, chosen, lang),
                _forecast_table(context, table, lang),
                modalities,
                True,
            )

        return render_page(context, search, build, failed=(None, [], no_update, True))[1:]


def _note(key: str, lang: str) -> html.Div:
    return html.Div(t(key, lang), className="empty-state text-muted")


def _graph(figure, lang: str) -> dcc.Graph:
    return dcc.Graph(figure=figure, config={"locale": lang, "displaylogo": False})


def _language_options(context: Context, lang: str) -> list[dict]:
    names = context.data.fetch(select_languages)
    column = language_name_column(lang)
    return [{"label": row[column], "value": row.code} for _, row in names.sort_values(column).iterrows()]


def _where(context: Context, filters, ranked: pd.DataFrame, lang: str) -> tuple:
    order = list(ranked.language.head(TOP_WHERE))
    regions = context.data.fetch(select_regions)
    region_labels = dict(zip(regions.code, regions.name))
    modality_labels = {m: t(f"modality-{m}", lang) for m in codes.MODALITIES}
    by_region = shortages.shortage_by(context.data, filters, "region_id", lang)
    by_modality = shortages.shortage_by(context.data, filters, "modality", lang)
    return (
        _graph(
            figure_rate_heatmap(by_region[by_region.language.isin(order)], "region_code", region_labels, order, lang),
            lang,
        ),
        _graph(
            figure_rate_heatmap(
                by_modality[by_modality.language.isin(order)], "modality", modality_labels, order, lang
            ),
            lang,
        ),
    )


def _trend(context: Context, filters, ranked: pd.DataFrame, lang: str) -> dcc.Graph:
    top = list(ranked.language_code.head(TOP_TREND))
    monthly = shortages.monthly_shortage(context.data, filters, lang)
    return _graph(figure_shortage_trend(monthly[monthly.language_code.isin(top)], top, lang), lang)


def _ukraine(context: Context, filters, lang: str):
    served = shortages.ukrainian_served_by(context.data, filters)
    if served.empty:
        return empty_state(lang, "sh-ukraine-empty")
    return _graph(figure_served_by(served, lang), lang)


def _modality_options(table: pd.DataFrame, language_code: str | None, lang: str) -> list[dict]:
    present = set(table.loc[table.language_code == language_code, "modality"])
    return [{"label": t("sh-forecast-all-modalities", lang), "value": ALL_MODALITIES}] + [
        {"label": t(f"modality-{m}", lang), "value": m} for m in codes.MODALITIES if m in present
    ]


def _forecast_view(
    context: Context, table: pd.DataFrame, history: pd.DataFrame, language_code: str | None, modality: str, lang: str
) -> html.Div:
    rows = table[(table.language_code == language_code) & (table.modality == modality)]
    if rows.empty or rows.status.iloc[0] != "ok":
        status = rows.status.iloc[0] if len(rows) else "too-little-history"
        return _note(f"sh-status-{status}", lang)
    ids_by_code = context.data.fetch(select_languages).set_index("code").id
    mine = history[history.language_id == ids_by_code.get(language_code)]
    if modality:
        mine = mine[mine.modality == modality]
    series = mine.groupby("month").requests.sum()
    first = rows.iloc[0]
    summary = t(
        "sh-forecast-summary",
        lang,
        method=t(f"sh-method-{first.method}", lang),
        mase=format_decimal(first.mase, lang),
        naive=format_decimal(first.naive_mase, lang),
        gap=format_count(rows.gap.sum(), lang),
    )
    return html.Div(
        [_graph(figure_forecast(series, rows, lang), lang), html.P(summary, className="small forecast-summary")]
    )


def _forecast_table(context: Context, table: pd.DataFrame, lang: str) -> list[dict]:
    summary = shortages.forecast_summary(table, context.data.fetch(select_languages), lang)
    summary["method_name"] = [t(f"sh-method-{m}", lang) if isinstance(m, str) else "" for m in summary.method]
    summary["note"] = ["" if s == "ok" else t(f"sh-status-{s}", lang) for s in summary.status]
    return grid_records(summary.drop(columns=["method", "status"]))
