"""The board report for one period (`/report?period=2024-Q3`, a month or a year): printable, one section per
page, without navigation; with the same report as PDF and Excel."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.filters import Filters
from dashboard.i18n import format_date, t
from layouts import register
from layouts._charts import figure_monthly_requests
from layouts._components import chart, glossary, table_annual_report, table_top_languages
from layouts._page import page_lang

NAME = "report"


def layout(query: dict) -> html.Div:
    """The report skeleton; sections arrive from `callbacks.report`."""
    lang = page_lang(query)
    back = "/?lang=en" if lang == "en" else "/"
    return html.Div(
        [
            html.A("← " + t("report-back", lang), href=back, className="small no-print d-inline-block mt-2 mb-2"),
            dcc.Store(id=ids.page(NAME, "query"), data=query),
            html.Div(id=ids.page(NAME, "alerts")),
            dcc.Loading(html.Div(id=ids.page(NAME, "body")), type="default"),
            html.P(t("report-print-hint", lang), className="text-muted small no-print mt-3"),
        ],
        className="page-report",
    )


def sections(period: str, filters: Filters, values: dict, lang: str, *, cards, annual, movers, monthly) -> html.Div:
    """The report's sections for `period` (`filters` its slice, `values` the request's parameters, for the PDF and
    Excel links): the headline `cards`, the `annual` report's table, the busiest languages (from `movers`), the
    `monthly` requests by modality, and the glossary."""
    return html.Div(
        [
            _headline(period, filters, values, cards, lang),
            _section("overview-annual-title", table_annual_report(annual, lang), lang),
            _section("overview-languages-title", table_top_languages(movers, lang, limit=15), lang),
            _section("overview-trend-title", _static_chart(figure_monthly_requests(monthly, lang), lang), lang),
            html.Section(glossary(lang), className="report-section"),
        ]
    )


def _headline(period: str, filters: Filters, values: dict, cards: list, lang: str) -> html.Section:
    """The title, the PDF and Excel of the same report, the span of the period and the headline cards."""
    downloads = "?" + urlencode([(k, v) for k, vs in values.items() for v in vs])
    span = f"{format_date(filters.start, lang)} – {format_date(filters.end, lang)}"
    links = html.Div(
        [
            html.A(t("report-pdf", lang), href=f"/report.pdf{downloads}", className="btn btn-sm btn-primary me-1"),
            html.A(t("report-xlsx", lang), href=f"/report.xlsx{downloads}", className="btn btn-sm btn-outline-primary"),
        ],
        className="no-print",
    )
    return html.Section(
        [
            html.Div(
                [html.H1(t("report-title", lang, period=period), className="h3"), links],
                className="d-flex justify-content-between align-items-start",
            ),
            html.P(t("report-lead", lang, span=span), className="text-muted"),
            dbc.Row(cards),
        ],
        className="report-section",
    )


def _section(title_key: str, content, lang: str) -> html.Section:
    return html.Section([html.H2(t(title_key, lang), className="h5"), content], className="report-section")


def _static_chart(figure, lang: str) -> html.Figure:
    return chart(lang, figure=figure, style={"height": "420px"}, staticPlot=True)


register("/report", layout, order=90, name=NAME)
