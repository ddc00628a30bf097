"""Report callbacks: the board report's sections for the period in the URL. Glue only: the figures come from
`dashboard.report.build_report` (as the PDF's and the workbook's), the sections from `layouts.report` (the cards
from `layouts.overview`)."""

from __future__ import annotations

from collections.abc import Mapping

import dash
from dash import Input, Output

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery, query_values
from dashboard.periods import last_complete_quarter
from dashboard.report import build_report, report_query
from layouts import report as page
from layouts._components import error_alert
from layouts._page import page_lang
from layouts.overview import headline_cards

NAME = page.NAME


def register(app: dash.Dash, context: Context) -> None:
    """Attach the report's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "body": Output(ids.page(NAME, "body"), "children"),
        },
        inputs={"query": Input(ids.page(NAME, "query"), "data")},
    )
    def render_report(query):
        values = report_values(query)
        if not (values.get("period") or [""])[-1]:  # no period named: the last complete quarter
            values["period"] = [last_complete_quarter(context.today())]
        found = report_query(values)
        if found is None:
            return {"alerts": error_alert("report-bad-period", page_lang(values)), "body": None}
        report, period = found

        def build(parsed: ParsedQuery) -> dict:
            built = build_report(
                context.data, parsed.filters, parsed.lang, context.today(), targets=context.targets, period=period
            )
            comparisons = (built.figures, built.figures_previous, built.figures_year_ago)
            cards = headline_cards(NAME, comparisons, context.targets, parsed.lang)
            return {"body": page.sections(built, values, cards)}

        return render(context, report, build, {"alerts": None, "body": None})


def report_values(query) -> dict[str, list[str]]:
    """The report's parameters as the page's store holds them (the URL's query); a forged payload that is no
    mapping, and any value that is no string, count as not given."""
    values = query_values(query) if isinstance(query, Mapping) else {}
    return {name: [v for v in given if isinstance(v, str)] for name, given in values.items()}
