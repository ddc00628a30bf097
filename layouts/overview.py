"""Overview for the board: headline figures of the period and the monthly trend by modality."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
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
    CORE_FIGURES,
    compared_cards,
    empty_state,
    glossary,
    graph_config,
    list_movers,
    table_top_languages,
)
from layouts._page import page_frame, page_lang

NAME = "overview"
CARD_METRICS = (*CORE_FIGURES, "active_interpreters")
TREND_HEIGHT = {"height": "420px"}


def layout(query: dict) -> html.Div:
    """The overview skeleton; figures arrive from `callbacks.overview`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            html.H2(t("overview-annual-title", lang), className="h5 mt-3"),
            dcc.Loading(html.Div(id=ids.page(NAME, "annual"), className="table-responsive"), type="default"),
            html.H2(t("overview-languages-title", lang), className="h5 mt-3 mb-0"),
            html.P(t("overview-languages-lead", lang), className="text-muted small"),
            dcc.Loading(
                dbc.Row(
                    [dbc.Col(id=ids.page(NAME, "top-languages"), lg=7), dbc.Col(id=ids.page(NAME, "movers"), lg=5)]
                ),
                type="default",
            ),
            html.H2(t("overview-trend-title", lang), className="h5 mt-3"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        dcc.Graph(
                            id=ids.page(NAME, "trend"),
                            config=graph_config(lang),
                            style=TREND_HEIGHT,
                        ),
                    ]
                ),
                type="default",
            ),
            html.H2(t("overview-trends-title", lang), className="h4 mt-4 mb-0"),
            html.P(t("overview-trends-lead", lang), className="text-muted small"),
            dbc.Row(
                [
                    dbc.Col(_chart(part, t(title, lang), lang), lg=12 if index == 0 else 6, className="mb-3")
                    for index, (part, title) in enumerate(ids.OVERVIEW_TREND_CHARTS)
                ]
            ),
            html.H2(t("overview-ukraine-title", lang), className="h4 mt-4 mb-0"),
            html.P(t("overview-ukraine-lead", lang), className="text-muted small"),
            dbc.Row(
                [
                    dbc.Col(_chart(part, t(title, lang), lang), lg=6, className="mb-3")
                    for part, title in ids.OVERVIEW_UKRAINE_CHARTS
                ]
            ),
            glossary(lang),
        ]
    )
    return page_frame(NAME, query, "overview-title", "overview-lead", body)


def _chart(part: str, title: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.H3(title, className="h6"),
            dcc.Loading(
                dcc.Graph(id=ids.page(NAME, part), config=graph_config(lang), style={"height": "340px"}),
                type="default",
            ),
        ]
    )


def headline_cards(page_name: str, comparisons: tuple[dict, dict, dict], targets: dict, lang: str) -> list:
    """A card for each headline figure (`CARD_METRICS`) of the period, with its change against the previous
    period and a year earlier (`comparisons`: the figures of the three) and its target where `targets` sets one."""
    return compared_cards(page_name, CARD_METRICS, comparisons, targets, lang)


def busiest_languages(movers, lang: str) -> dict:
    """The busiest languages and the largest movers (or why there are none): the named outputs of the part."""
    if movers.requests.sum() == 0:
        return {"top_languages": empty_state(lang), "movers": None}
    return {"top_languages": table_top_languages(movers, lang), "movers": list_movers(movers, lang)}


def ukraine_figures(by_month, by_kind, language_names, events, lang: str) -> dict:
    """The Ukraine charts by part (`ids.OVERVIEW_UKRAINE_CHARTS`), from `views.ukraine_to_date`; the languages
    named as `views.language_names` gives them."""
    names = dict(zip(language_names.language_code, language_names.language))
    return {
        "ukraine-requests": figure_language_lines(by_month, names, lang, events),
        "ukraine-kinds": figure_kind_mix(by_kind, names, lang),
    }


def trend_figures(trend, by_modality, events, answer_target, lang: str) -> dict:
    """The trend charts by part (`ids.OVERVIEW_TREND_CHARTS`), from `views.trends`: the events marked on the
    charts over time, the answer rate's target on its chart."""
    modalities = add_events(
        figure_monthly_requests(by_modality, lang), events, lang, trend.month.min(), trend.month.max()
    )
    return {
        "trend-modalities": modalities,
        "trend-outcomes": figure_outcome_trend(trend, lang, events),
        "trend-answer-rate": figure_answer_rate(trend, lang, events, answer_target),
        "trend-rolling": figure_rolling(trend, lang, events),
        "trend-year-on-year": figure_year_on_year(trend, lang),
    }


register("/", layout, order=0, nav_key="nav-overview", name=NAME)
