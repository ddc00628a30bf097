"""Bottleneck (shortage) languages for planners: ranking, where, trend, interpreters, Ukraine, and the forecast."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import codes, ids
from dashboard.forecasting import ALL_MODALITIES
from dashboard.i18n import format_count, format_decimal, format_rate, t
from dashboard.periods import RunningMonth
from dashboard.views.shortages import NOT_ON_OFFER_MIN_REQUESTS, NOT_ON_OFFER_RATE
from layouts import register
from layouts._charts_planning import (
    figure_active_registered,
    figure_forecast,
    figure_rate_heatmap,
    figure_served_by,
    figure_shortage_trend,
)
from layouts._choices import choice
from layouts._components import definitions, empty_state, graph_config
from layouts._grid import Column, ReadableHeaders, data_grid, grid_records
from layouts._page import page_frame, page_lang

NAME = "shortages"
TOP_WHERE, TOP_TREND, TOP_SUPPLY = 12, 5, 15  # languages in the heatmaps, the trend and the interpreters' chart
FORECAST_POLL_SECONDS = 5  # while the forecast is computed in the background
RANKING_GRID = (
    Column("rank", "sh-col-rank", "count", width=80, pinned=True),
    Column("language", "sh-col-language", width=160),
    Column("not_available", "sh-col-not-available", "count"),
    Column("requests", "sh-col-requests", "count"),
    Column("shortage_rate", "sh-col-shortage-rate", "rate"),
    Column("shortage_rate_low", "sh-col-rate-low", "rate"),
    Column("shortage_rate_high", "sh-col-rate-high", "rate"),
    Column("on_offer", "sh-col-on-offer", width=125),
    Column("active_interpreters", "sh-col-active", "count"),
    Column("registered_interpreters", "sh-col-registered", "count"),
    Column("activity_rate", "sh-col-activity", "rate"),
    Column("supply_pressure", "sh-col-pressure", "number"),
)
# Headers wrap between words only, and the twelve columns fit a laptop's width.
RANKING_HEADERS = ReadableHeaders(
    min_widths={"rank": 70, "active_interpreters": 115, "registered_interpreters": 115}, number_width=95
)
RECRUITMENT_GRID = (
    Column("language", "sh-col-language", width=170, pinned=True),
    Column("not_available", "sh-col-not-available", "count"),
    Column("requests", "sh-col-requests", "count"),
    Column("shortage_rate", "sh-col-shortage-rate", "rate"),
    Column("registered_interpreters", "sh-col-registered", "count"),
    Column("rank", "sh-col-rank", "count", width=90),
)
FORECAST_GRID = (
    Column("language", "sh-col-language", width=170, pinned=True),
    Column("gap_6m", "sh-col-gap-6m", "count"),
    Column("demand_6m", "sh-col-demand-6m", "count"),
    Column("capacity_6m", "sh-col-capacity-6m", "count"),
    Column("method_name", "sh-col-method", width=240),
    Column("mase", "sh-col-mase", "decimal"),
    Column("naive_mase", "sh-col-naive-mase", "decimal"),
    Column("note", "sh-col-status", width=260),
)
DEFINITIONS = (
    ("metric-shortage_rate", "def-shortage_rate"),
    ("sh-term-rank", "sh-ranking-explained"),
    ("sh-term-interval", "sh-def-interval"),
    ("metric-activity_rate", "def-activity_rate"),
    ("sh-term-pressure", "sh-def-pressure"),
    ("sh-term-forecast", "sh-forecast-lead"),
)

FORECAST_LANGUAGE = choice("forecast-language", None)  # a language code; the forecast says when it has none
FORECAST_MODALITY = choice("forecast-modality", ALL_MODALITIES, (ALL_MODALITIES, *codes.MODALITIES))


def layout(query: dict) -> html.Div:
    """The skeleton; figures arrive from `callbacks.shortages`."""
    lang = page_lang(query)
    body = html.Div(
        [
            html.H2(t("sh-ranking-title", lang), className="h5"),
            html.P(t("sh-kind-note", lang), className="small text-muted"),
            _grid("ranking-grid", RANKING_GRID, lang, "sh-ranking-empty", headers=RANKING_HEADERS),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H3(t("sh-ranking-how", lang), className="h6"),
                        html.P(t("sh-ranking-explained", lang), className="small mb-0"),
                    ]
                ),
                className="bg-light mt-2",
            ),
            _recruitment(lang),
            _section(
                "sh-where-title",
                "sh-where-lead",
                lang,
                dbc.Row(
                    [
                        dbc.Col([html.H3(t("sh-by-region", lang), className="h6"), _graph("by-region", lang)], lg=6),
                        dbc.Col(
                            [html.H3(t("sh-by-modality", lang), className="h6"), _graph("by-modality", lang)], lg=6
                        ),
                    ]
                ),
            ),
            _section("sh-trend-title", "sh-trend-lead", lang, _graph("trend", lang)),
            _section("sh-supply-title", "sh-supply-lead", lang, _graph("supply", lang)),
            _section("sh-ukraine-title", "sh-ukraine-lead", lang, _graph("ukraine", lang)),
            _section("sh-forecast-title", "sh-forecast-lead", lang, _forecast(query, lang)),
            definitions("glossary-title", DEFINITIONS, lang),
        ]
    )
    return page_frame(NAME, query, "sh-title", "sh-lead", body)


def _section(title_key: str, lead_key: str, lang: str, content, **values) -> html.Div:
    return html.Div(
        [
            html.H2(t(title_key, lang), className="h5 mt-4 mb-0"),
            html.P(t(lead_key, lang, **values), className="text-muted small"),
            content,
        ]
    )


def _recruitment(lang: str) -> html.Div:
    """The languages effectively not on offer, apart from the ranking, with the rule that puts them here."""
    return _section(
        "sh-recruitment-title",
        "sh-recruitment-lead",
        lang,
        _grid("recruitment-grid", RECRUITMENT_GRID, lang, "sh-recruitment-empty", height=320),
        rate=format_rate(float(NOT_ON_OFFER_RATE), lang, digits=0),
        count=format_count(NOT_ON_OFFER_MIN_REQUESTS, lang),
    )


def _graph(part: str, lang: str):
    return dcc.Loading(html.Div(id=ids.page(NAME, part)), type="default")


def _grid(
    part: str,
    columns: tuple[Column, ...],
    lang: str,
    empty_key: str,
    height: int = 420,
    headers: ReadableHeaders | None = None,
):
    """A grid in the layout from the start (its rows arrive from callbacks): a grid created later inside a
    loading area can measure itself wrongly and stay blank."""
    return data_grid(
        ids.page(NAME, part),
        pd.DataFrame(columns=[c.field for c in columns]),
        columns,
        lang,
        height=height,
        empty_key=empty_key,
        headers=headers,
    )


def _forecast(query: dict, lang: str) -> html.Div:
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            FORECAST_LANGUAGE.label(NAME, t("sh-forecast-language", lang)),
                            FORECAST_LANGUAGE.dropdown(NAME, query, clearable=False),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        [
                            FORECAST_MODALITY.label(NAME, t("sh-forecast-modality", lang)),
                            FORECAST_MODALITY.dropdown(NAME, query, clearable=False),
                        ],
                        md=4,
                    ),
                ],
                className="mb-2",
            ),
            dcc.Interval(id=ids.page(NAME, "forecast-poll"), interval=FORECAST_POLL_SECONDS * 1000, disabled=True),
            dcc.Loading(html.Div(id=ids.page(NAME, "forecast")), type="default"),
            html.H3(t("sh-forecast-table", lang), className="h6 mt-3"),
            _grid("forecast-grid", FORECAST_GRID, lang, "sh-forecast-computing"),
        ]
    )


# --- the parts the callbacks fill (`callbacks.shortages`) ---------------------------------------------------------


def note(key: str, lang: str) -> html.Div:
    """A short message where a figure would be (the forecast is being computed, or has none)."""
    return html.Div(t(key, lang), className="empty-state text-muted")


def graph(figure, lang: str) -> dcc.Graph:
    return dcc.Graph(figure=figure, config=graph_config(lang))


def ranking_rows(ranked: pd.DataFrame, lang: str) -> list[dict]:
    """The ranking grid's rows: a language not on offer marked (it is on the recruitment list too)."""
    mark = t("sh-mark-not-on-offer", lang)
    return grid_records(ranked.assign(on_offer=[mark if absent else "" for absent in ranked.not_on_offer]))


def _top(table: pd.DataFrame, ranked: pd.DataFrame, count: int) -> tuple[pd.DataFrame, list[str]]:
    """The rows of `table` of the `count` first-ranked languages, and those languages' names in ranking order."""
    order = list(ranked.language.head(count))
    return table[table.language.isin(order)], order


def by_region(table: pd.DataFrame, regions: pd.DataFrame, ranked: pd.DataFrame, lang: str) -> dcc.Graph:
    """The shortage rate per region of the first-ranked languages (`regions`: region_code and its name)."""
    rows, order = _top(table, ranked, TOP_WHERE)
    labels = dict(zip(regions.region_code, regions.region))
    return graph(figure_rate_heatmap(rows, "region_code", labels, order, lang), lang)


def by_modality(table: pd.DataFrame, ranked: pd.DataFrame, lang: str) -> dcc.Graph:
    """The shortage rate per modality of the first-ranked languages."""
    rows, order = _top(table, ranked, TOP_WHERE)
    labels = {modality: t(f"modality-{modality}", lang) for modality in codes.MODALITIES}
    return graph(figure_rate_heatmap(rows, "modality", labels, order, lang), lang)


def trend(monthly: pd.DataFrame, ranked: pd.DataFrame, lang: str, running: RunningMonth | None = None) -> dcc.Graph:
    """The monthly shortage rate of the first-ranked languages, the `running` month marked and left out."""
    top = list(ranked.language_code.head(TOP_TREND))
    return graph(figure_shortage_trend(monthly[monthly.language_code.isin(top)], top, lang, running), lang)


def supply(ranked: pd.DataFrame, lang: str) -> dcc.Graph:
    """Registered and active interpreters of the ranked languages with most requests."""
    return graph(figure_active_registered(ranked.nlargest(TOP_SUPPLY, "requests"), lang), lang)


def ukraine(served: pd.DataFrame, lang: str):
    """Who served the Ukrainian requests, or a note that none were completed."""
    if served.empty:
        return empty_state(lang, "sh-ukraine-empty")
    return graph(figure_served_by(served, lang), lang)


def language_options(names: pd.DataFrame) -> list[dict]:
    """Every language (`names`: language_code and its name, language) for the forecast's choice, by name."""
    return [{"label": row.language, "value": row.language_code} for row in names.sort_values("language").itertuples()]


def forecast_language(chosen, options: list[dict], first: str | None) -> str | None:
    """The forecast's language: the reader's (or the URL's) while it is among the `options`, else `first`, else the
    first option."""
    offered = [option["value"] for option in options]
    if isinstance(chosen, str) and chosen in offered:
        return chosen
    return first if first is not None else next(iter(offered), None)


def modality_options(modalities: list[str], lang: str) -> list[dict]:
    """All modalities together, then each one forecast on its own."""
    everything = {"label": t("sh-forecast-all-modalities", lang), "value": ALL_MODALITIES}
    return [everything, *({"label": t(f"modality-{m}", lang), "value": m} for m in modalities)]


def forecast(series: pd.Series, rows: pd.DataFrame, lang: str) -> html.Div:
    """The actual requests, the forecast and the capacity, and a sentence on the method and the shortage."""
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
        [graph(figure_forecast(series, rows, lang), lang), html.P(summary, className="small forecast-summary")]
    )


def forecast_rows(summary: pd.DataFrame, lang: str) -> list[dict]:
    """The forecast grid's rows: the method named, and a note where a language has no forecast."""
    summary = summary.assign(
        method_name=[t(f"sh-method-{m}", lang) if isinstance(m, str) else "" for m in summary.method],
        note=["" if s == "ok" else t(f"sh-status-{s}", lang) for s in summary.status],
    )
    return grid_records(summary.drop(columns=["method", "status"]))


register("/shortages", layout, order=20, nav_key="nav-shortages", name=NAME)
