"""Shared building blocks of pages: figure cards, alerts, download links."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.filters import Problem
from dashboard.i18n import format_count, format_rate, t
from dashboard.metrics import is_rate


def figure_card(page_name: str, metric: str, value, lang: str) -> dbc.Col:
    """A headline figure with its name, its value in the reader's format and its definition on hover."""
    card_id = ids.kpi_card(page_name, metric)
    shown = format_rate(value, lang) if is_rate(metric) else format_count(value, lang)
    body = dbc.Card(dbc.CardBody([
        html.Div(t(f"metric-{metric}", lang), className="kpi-name"),
        html.Div(shown, className="kpi-value", **{"data-metric": metric}),
        html.Div(t("rate-empty", lang), className="kpi-note") if value is None else None,
    ]), id=card_id, className="kpi-card h-100")
    return dbc.Col([body, dbc.Tooltip(t(f"def-{metric}", lang), target=card_id, placement="bottom")],
                   xs=6, md=3, className="mb-3")


def problems_alert(problems: tuple[Problem, ...], lang: str):
    """An alert naming each query-string parameter that could not be used, or nothing."""
    if not problems:
        return None
    items = [html.Li(t(f"problem-{p.reason}", lang, parameter=p.parameter, value=p.value)) for p in problems]
    return dbc.Alert([html.Div(t("problem-intro", lang)), html.Ul(items, className="mb-0")], color="warning",
                     className="problem-alert")


def error_alert(message_key: str, lang: str) -> dbc.Alert:
    """A clear message in place of a figure that could not be computed."""
    return dbc.Alert(t(message_key, lang), color="danger", className="error-alert")


def empty_state(lang: str, key: str = "empty-period") -> html.Div:
    """What a chart shows when the slice is empty, saying why."""
    return html.Div(t(key, lang), className="empty-state text-muted")


def download_links(views: tuple[str, ...], search: str, lang: str) -> html.Div:
    """A "Download" menu with the CSV and Excel export of each view, with the page's query string."""
    items = []
    for view in views:
        items.append(dbc.DropdownMenuItem(t(f"view-{view}", lang), header=True))
        for fmt in ("csv", "xlsx"):
            items.append(dbc.DropdownMenuItem(t(f"download-{fmt}", lang), href=f"/export/{view}.{fmt}{search}",
                                              external_link=True, className=f"export-{view}-{fmt}"))
    return dbc.DropdownMenu(items, label=t("download", lang), color="primary", size="sm", align_end=True,
                            className="downloads")
