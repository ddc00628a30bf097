"""The board report for one period (`/report?period=2024-Q3`, a month or a year): printable, one section per
page, without navigation; with the same report as PDF and Excel."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.filters import Filters
from dashboard.i18n import format_date, format_month, t
from dashboard.periods import add_months, quarter_label, quarter_start, report_period_of
from dashboard.report import Report
from layouts import register
from layouts._charts import figure_monthly_requests
from layouts._components import chart, glossary, table_annual_report, table_top_languages
from layouts._page import page_lang
from layouts._shell import quarter_name

NAME = "report"


PERIOD_PICKER = ids.page(NAME, "period")
QUARTERS, MONTHS = 12, 24  # what the report's own picker offers: three years of quarters, two of months


def layout(query: dict) -> html.Div:
    """The report skeleton: the way back (to the overview of the report's period), the report's own period
    picker; the sections arrive from `callbacks.report`."""
    lang = page_lang(query)
    back = "/?lang=en" if lang == "en" else "/"
    picker = html.Div(
        [
            html.Label(t("report-period", lang), htmlFor=PERIOD_PICKER, className="small me-2 mb-0"),
            dcc.Dropdown(id=PERIOD_PICKER, clearable=False, searchable=False, style={"minWidth": "16rem"}),
        ],
        className="d-flex align-items-center no-print",
    )
    return html.Div(
        [
            html.Div(
                [
                    html.A(
                        "← " + t("report-back", lang), id=ids.page(NAME, "back"), href=back, className="small no-print"
                    ),
                    picker,
                ],
                className="d-flex justify-content-between align-items-center flex-wrap gap-2 mt-2 mb-3",
            ),
            dcc.Store(id=ids.page(NAME, "query"), data=query),
            html.Div(id=ids.page(NAME, "alerts")),
            html.Div(id=ids.page(NAME, "notice")),
            dcc.Loading(html.Div(id=ids.page(NAME, "body")), type="default"),
            html.P(t("report-print-hint", lang), className="text-muted small no-print mt-3"),
        ],
        className="page-report",
    )


def period_options(today: date, lang: str, current: str) -> list[dict]:
    """The report's own period choices: the last QUARTERS quarters, then the last MONTHS months, newest first, the
    running ones marked "(lopend)"; a heading (not a choice) before each group; the `current` period first when it
    is none of them (a year, an older quarter: a dropdown shows no value it has no option for)."""
    quarters = [add_months(quarter_start(today), -3 * back) for back in range(QUARTERS)]
    months = [add_months(today, -back) for back in range(MONTHS)]
    offered = {quarter_label(start) for start in quarters} | {f"{start:%Y-%m}" for start in months}
    return [
        *([{"label": current, "value": current}] if current not in offered else []),
        {"label": t("report-quarters", lang), "value": "quarters", "disabled": True},
        *(_option(quarter_label(start), quarter_name(start, lang), start == quarters[0], lang) for start in quarters),
        {"label": t("report-months", lang), "value": "months", "disabled": True},
        *(_option(f"{start:%Y-%m}", format_month(start, lang), back == 0, lang) for back, start in enumerate(months)),
    ]


def _option(value: str, name: str, running: bool, lang: str) -> dict:
    return {"label": t("period-running-mark", lang, name=name) if running else name, "value": value}


def report_href(filters: Filters, lang: str) -> str | None:
    """The address of the board report of the filters' period (and their other filters), or None when the period
    is no report period (days rather than whole months)."""
    period = report_period_of(filters.start, filters.end)
    if period is None:
        return None
    pairs = [("period", period), *filters.query_pairs()[2:], *([("lang", lang)] if lang != "nl" else [])]
    return "/report?" + urlencode(pairs, safe=",.")


def back_href(query: dict[str, list[str]]) -> str:
    """The way back: the overview of the report's period and filters (`query`: the report's query with `from` and
    `to` in place of `period`)."""
    return "/?" + urlencode([(name, value) for name, values in query.items() for value in values], safe=",")


def sections(report: Report, values: dict, cards: list) -> html.Div:
    """The sections of the built `report` (`dashboard.report.build_report`; `values` the request's parameters, for
    the PDF and Excel links; `cards` its headline figures as cards): the headline cards, the annual report's table,
    the busiest languages, the requests by month and modality (the running month marked), and the glossary."""
    lang, monthly = report.lang, figure_monthly_requests(report.monthly, report.lang, report.running)
    return html.Div(
        [
            _headline(report.period, report.filters, values, cards, lang),
            _section("overview-annual-title", table_annual_report(report.annual, lang), lang),
            _section("overview-languages-title", table_top_languages(report.busiest, lang, limit=15), lang),
            _section("overview-trend-title", _static_chart(monthly, lang), lang),
            html.Section(glossary(lang), className="report-section"),
        ]
    )


def _headline(period: str, filters: Filters, values: dict, cards: list, lang: str) -> html.Section:
    """The title, the PDF and Excel of the same report, the span of the period and the headline cards."""
    downloads = "?" + urlencode([(k, v) for k, vs in values.items() for v in vs])
    span = f"{format_date(filters.start, lang)} – {format_date(filters.end, lang)}"
    links = html.Div(
        [
            html.A(t("report-pdf", lang), href=f"/report.pdf{downloads}", className="btn btn-sm btn-primary"),
            html.A(t("report-xlsx", lang), href=f"/report.xlsx{downloads}", className="btn btn-sm btn-outline-primary"),
        ],
        className="no-print d-flex flex-wrap gap-1",
    )
    return html.Section(
        [
            html.Div(  # on a phone the buttons go under the title rather than squeeze it into two lines
                [html.H1(t("report-title", lang, period=period), className="h3 mb-0"), links],
                className="d-flex justify-content-between align-items-start flex-wrap gap-2 mb-2",
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


register("/report", layout, order=80, nav_key="nav-report", name=NAME, uses_period=False)
