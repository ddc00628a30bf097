"""Report callbacks: the board report's sections for the period in the URL."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from callbacks._common import headline_cards, render_page
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery, query_values
from dashboard.i18n import format_date, t
from dashboard.periods import brussels_today, last_complete_quarter
from dashboard.report import report_query
from dashboard.views import overview as views
from layouts._charts import figure_monthly_requests
from layouts._components import error_alert, glossary, table_annual_report, table_top_languages
from layouts._page import page_lang

NAME = "report"


def register(app: dash.Dash, context: Context) -> None:
    """Attach the report's callbacks to `app`."""

    @app.callback(
        output=[Output(ids.page(NAME, "alerts"), "children"), Output(ids.page(NAME, "body"), "children")],
        inputs=[Input(ids.page(NAME, "query"), "data")],
    )
    def render_report(query):
        values = query_values(query or {})
        if not (values.get("period") or [""])[-1]:  # no period named: the last complete quarter
            values["period"] = [last_complete_quarter(brussels_today(context.settings.current_time()))]
        found = report_query(values)
        if found is None:
            return error_alert("report-bad-period", page_lang(values)), None
        report, period = found

        def build(parsed: ParsedQuery):
            return (_sections(context, parsed, period, values),)

        return render_page(context, report, build, failed=(None,))


def _sections(context: Context, parsed: ParsedQuery, period: str, values: dict) -> html.Div:
    lang, filters = parsed.lang, parsed.filters
    _, cards = headline_cards(context, NAME, filters, lang)
    movers = views.language_movers(context.data, filters, lang)
    downloads = "?" + urlencode([(k, v) for k, vs in values.items() for v in vs])
    span = f"{format_date(filters.start, lang)} – {format_date(filters.end, lang)}"
    return html.Div(
        [
            html.Section(
                [
                    html.Div(
                        [
                            html.H1(t("report-title", lang, period=period), className="h3"),
                            html.Div(
                                [
                                    html.A(
                                        t("report-pdf", lang),
                                        href=f"/report.pdf{downloads}",
                                        className="btn btn-sm btn-primary me-1",
                                    ),
                                    html.A(
                                        t("report-xlsx", lang),
                                        href=f"/report.xlsx{downloads}",
                                        className="btn btn-sm btn-outline-primary",
                                    ),
                                ],
                                className="no-print",
                            ),
                        ],
                        className="d-flex justify-content-between align-items-start",
                    ),
                    html.P(t("report-lead", lang, span=span), className="text-muted"),
                    dbc.Row(cards),
                ],
                className="report-section",
            ),
            html.Section(
                [
                    html.H2(t("overview-annual-title", lang), className="h5"),
                    table_annual_report(views.annual_report(context.data, filters), lang),
                ],
                className="report-section",
            ),
            html.Section(
                [
                    html.H2(t("overview-languages-title", lang), className="h5"),
                    table_top_languages(movers, lang, limit=15),
                ],
                className="report-section",
            ),
            html.Section(
                [
                    html.H2(t("overview-trend-title", lang), className="h5"),
                    dcc.Graph(
                        figure=figure_monthly_requests(views.monthly(context.data, filters), lang),
                        config={"locale": lang, "displaylogo": False, "staticPlot": True},
                        style={"height": "420px"},
                    ),
                ],
                className="report-section",
            ),
            html.Section(glossary(lang), className="report-section"),
        ]
    )
