"""The board report for one period (`/report?period=2024-Q3`, a month or a year): printable, one section per
page, without navigation; with the same report as PDF and Excel."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from layouts import register
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


register("/report", layout, order=90, name=NAME)
