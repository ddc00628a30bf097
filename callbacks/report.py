"""Report callbacks: the board report's sections for the period in the URL, its way back and its own period
picker. Glue only: the figures come from `dashboard.views.overview`, the sections from `layouts.report` (the cards
from `layouts.overview`)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import dash
from dash import Input, Output, State, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery, query_values
from dashboard.periods import last_complete_quarter, running_month
from dashboard.report import report_query
from dashboard.views import overview as views
from layouts import report as page
from layouts._components import error_alert, period_alert
from layouts._page import page_lang
from layouts.overview import headline_cards

NAME = page.NAME


def register(app: dash.Dash, context: Context) -> None:
    """Attach the report's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "notice": Output(ids.page(NAME, "notice"), "children"),
            "body": Output(ids.page(NAME, "body"), "children"),
            "back": Output(ids.page(NAME, "back"), "href"),
            "period": Output(page.PERIOD_PICKER, "value"),
            "options": Output(page.PERIOD_PICKER, "options"),
        },
        inputs={"query": Input(ids.page(NAME, "query"), "data")},
    )
    def render_report(query):
        """The report of the URL's period (the last complete quarter when it names none): a note while the period
        runs, and for a period that has not begun the message instead of sections of zeros."""
        values = with_period(report_values(query), context)
        today, lang = context.today(), page_lang(values)
        period = values["period"][-1]
        picker = {"period": period, "options": page.period_options(today, lang, period)}
        found = report_query(values)
        if found is None:
            alert = error_alert("report-bad-period", lang)
            return {"alerts": alert, "notice": None, "body": None, "back": no_update} | picker
        report, period = found

        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            shown = {"notice": period_alert(filters.start, filters.end, today, lang), "back": page.back_href(report)}
            if filters.start > today:  # nothing to count: the message alone, not sections of zeros and -100 %
                return shown | {"body": None}
            body = page.sections(
                period,
                filters,
                values,
                lang,
                cards=headline_cards(NAME, views.kpi_comparisons(context.data, filters, today), context.targets, lang),
                annual=views.annual_report(context.data, filters),
                movers=views.language_movers(context.data, filters, today, lang),
                monthly=views.monthly(context.data, filters),
                running=running_month(filters.start, filters.end, today),
            )
            return shown | {"body": body}

        failed = {"alerts": None, "notice": None, "body": None, "back": no_update}
        return render(context, report, build, failed) | picker

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(page.PERIOD_PICKER, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def choose_period(period, search):
        """The picked period into the URL (which mounts the report anew); the rest of the query stays."""
        values = report_values(query_values(search if isinstance(search, str) else ""))
        if not isinstance(period, str) or period == with_period(dict(values), context)["period"][-1]:
            return no_update
        kept = [(name, value) for name, given in values.items() if name != "period" for value in given]
        return "?" + urlencode([("period", period), *kept], safe=",.")


def with_period(values: dict[str, list[str]], context: Context) -> dict[str, list[str]]:
    """The report's parameters with `period`: the named one, or the last complete quarter when none is named."""
    if not (values.get("period") or [""])[-1]:
        values["period"] = [last_complete_quarter(context.today())]
    return values


def report_values(query) -> dict[str, list[str]]:
    """The report's parameters as the page's store holds them (the URL's query); a forged payload that is no
    mapping, and any value that is no string, count as not given."""
    values = query_values(query) if isinstance(query, Mapping) else {}
    return {name: [v for v in given if isinstance(v, str)] for name, given in values.items()}
