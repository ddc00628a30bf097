"""Shared building blocks of pages: figure cards, alerts, download links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.access import current_account, may_export, may_open
from dashboard.filters import Problem
from dashboard.i18n import format_change, format_count, format_rate, t
from dashboard.metrics import GLOSSARY, OUTCOME_LEVELS, change_of, change_verdict, is_rate
from dashboard.periods import period_notice

CARD_SIZE = {"xs": 6, "md": 3}  # four cards on a row
THREE_CARDS = {"xs": 6, "md": 4}
FIVE_CARDS = {"xs": 6, "md": 4, "lg": True}  # five cards on one row from large screens on


def card(
    name: str,
    shown: str,
    value_data: dict,
    below: Sequence = (),
    card_id: str | None = None,
    tooltip: str | None = None,
    size: dict = CARD_SIZE,
    class_name: str = "",
) -> dbc.Col:
    """The one headline card: a figure's name, its value already formatted (`value_data`: the value's data-*
    attribute naming the figure, for tests), what goes `below` it, and `tooltip` (its definition) on hover."""
    lines = [html.Div(name, className="kpi-name"), html.Div(shown, className="kpi-value", **value_data), *below]
    body = dbc.Card(
        dbc.CardBody(lines), className=f"kpi-card h-100 {class_name}".strip(), **({"id": card_id} if card_id else {})
    )
    hover = [dbc.Tooltip(tooltip, target=card_id, placement="bottom")] if tooltip and card_id else []
    return dbc.Col([body, *hover], className="mb-3", **size)


def note(text: str | None) -> html.Div | None:
    """A card's note under its value (why it is empty, what it counts), or nothing."""
    return html.Div(text, className="kpi-note") if text else None


def figure_card(page_name: str, metric: str, value, lang: str, previous=None, year_ago=None, target=None) -> dbc.Col:
    """A headline figure of CONTRACT §3: name, value in the reader's format, definition on hover, and (when given)
    the change against the previous period and a year earlier, and its target with whether it is met."""
    rate = is_rate(metric)
    shown = format_rate(value, lang) if rate else format_count(value, lang)
    below = [note(t("rate-empty", lang) if value is None else None)]
    for key, before, part in (("vs-previous", previous, "previous"), ("vs-year", year_ago, "year")):
        if before is not False:
            below.append(change_line(metric, value, before, key, lang, f"kpi-change kpi-change-{part}"))
    if target is not None:
        below.append(_target_badge(target, value, lang))
    return card(
        t(f"metric-{metric}", lang),
        shown,
        {"data-metric": metric},
        below,
        card_id=ids.kpi_card(page_name, metric),
        tooltip=t(f"def-{metric}", lang),
    )


def compared_cards(page_name: str, metrics: Sequence[str], compared: tuple, targets: dict, lang: str) -> list:
    """A `figure_card` for each of `metrics`, with its change against the previous period and a year earlier
    (`compared`: the figures now and of the two, as `views.compared` gives them; None where there is nothing to
    compare, a period that has not begun: "–") and its target where `targets` sets one."""
    now, previous, year_ago = compared
    return [
        figure_card(
            page_name,
            metric,
            now[metric],
            lang,
            (previous or {}).get(metric),
            (year_ago or {}).get(metric),
            targets.get(metric),
        )
        for metric in metrics
    ]


def change_line(metric: str, value, before, against_key: str, lang: str, class_name: str = "kpi-change") -> html.Div:
    """The one change line: arrow and change, whether that is better or worse for `metric` (the word always
    there, the colour only beside it), and what it is compared with: "▼ 20,0 pp slechter t.o.v. vorige periode"."""
    change = change_of(value, before, is_rate(metric))
    verdict = change_verdict(metric, change)
    word = "" if verdict == "neither" else f" {t(f'change-{verdict}', lang)}"
    return html.Div(
        f"{format_change(value, before, is_rate(metric), lang)}{word} {t(against_key, lang)}",
        className=f"{class_name} change-{verdict}",
        **{"data-verdict": verdict},
    )


def _target_badge(target, value, lang: str) -> html.Div:
    met = target.met(value)
    goal = t(f"target-{target.direction}", lang, value=format_rate(target.value, lang))
    if met is None:
        return html.Div(goal, className="kpi-target text-muted")
    verdict = ("✓ " + t("target-met", lang)) if met else ("✗ " + t("target-missed", lang))
    return html.Div(
        [goal, " · ", html.Strong(verdict)], className=f"kpi-target {'target-met' if met else 'target-missed'}"
    )


def period_alert(start: date, end: date, today: date, lang: str):
    """The note on a period that is still running (through which day it counts) or the message on one that has
    not begun (`periods.period_notice`), or nothing for a complete period."""
    notice = period_notice(start, end, today, lang)
    if notice is None:
        return None
    kind, text = notice
    return dbc.Alert(text, color="light", className=f"period-notice period-{kind} small py-2 mb-3")


def problems_alert(problems: tuple[Problem, ...], lang: str):
    """An alert naming each query-string parameter that could not be used, or nothing."""
    if not problems:
        return None
    items = [html.Li(t(f"problem-{p.reason}", lang, parameter=p.parameter, value=p.value)) for p in problems]
    return dbc.Alert(
        [html.Div(t("problem-intro", lang)), html.Ul(items, className="mb-0")],
        color="warning",
        className="problem-alert",
    )


# The headline figures every figure-card row starts with (the overview's and each place's): volume, the answer,
# its shortfall and the outcome.
CORE_FIGURES = (
    "requests",
    "answer_rate",
    "unmet_rate",
    "shortage_rate",
    "completion_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
)


def graph_config(lang: str, **extra) -> dict:
    """The chart toolbar of every chart: in the reader's language, only PNG download and zoom reset (one tab stop:
    assets/stv-a11y.js), and nothing that sends the chart's data elsewhere (Plotly's cloud)."""
    return {
        "locale": lang,
        "displaylogo": False,
        "showLink": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtons": [["toImage", "resetScale2d"]],
        "toImageButtonOptions": {"format": "png", "filename": "stv-dashboard", "scale": 2},
        **extra,
    }


def chart(
    lang: str,
    graph_id: str | dict | None = None,
    figure=None,
    title: str | None = None,
    style: dict | None = None,
    **config,
) -> html.Figure:
    """The one chart: a Plotly graph (`graph_id` for a callback to fill, or a `figure`) under its `title`, with a
    short text alternative and "show as table", the chart's own numbers in a table a keyboard reaches. The text
    and the table are drawn in the browser from the data Plotly drew (assets/stv-a11y.js)."""
    graph = dcc.Graph(
        config=graph_config(lang, **config),
        **({"id": graph_id} if graph_id is not None else {}),
        **({"figure": figure} if figure is not None else {}),
        **({"style": style} if style else {}),
    )
    details = html.Details(
        [
            html.Summary(t("chart-show-table", lang), className="small"),
            html.Div(className="chart-table-holder table-responsive"),
        ],
        className="chart-data no-print",
    )
    caption = [html.Figcaption(title, className="chart-title h6")] if title else []
    return html.Figure(
        [*caption, graph, html.P(className="chart-summary visually-hidden"), details],
        className="stv-chart mb-2",
        **{"data-summary": t("chart-summary", lang), "data-empty": t("chart-empty", lang), "data-caption": title or ""},
    )


HIDDEN = {"display": "none"}  # the style of a part kept out of sight (a chart with nothing to show)


def error_alert(message_key: str, lang: str) -> dbc.Alert:
    """A clear message in place of a figure that could not be computed."""
    return dbc.Alert(t(message_key, lang), color="danger", className="error-alert")


def empty_state(lang: str, key: str = "empty-period") -> html.Div:
    """What a chart shows when the slice is empty, saying why."""
    return html.Div(t(key, lang), className="empty-state text-muted")


def menu_heading(text: str) -> html.H2:
    """A heading in the download menu: a real heading of the level below the page title (dbc's header item is a
    bare role=heading without its level)."""
    return html.H2(text, className="dropdown-header mb-0")


def download_links(
    views: tuple[str, ...],
    search: str,
    lang: str,
    titles: dict[str, str] | None = None,
    report: str | None = None,
) -> html.Div:
    """A "Download" menu with the CSV and Excel export of each view the account may download, with the page's
    query string; each view headed by its `titles` entry (text already in `lang`, saying what the file holds) or
    else its name; first the board `report` of the page's period (its address) when the account may open it.
    None when the account may download none of them."""
    items = []
    if report and may_open(current_account(), "report"):
        items += [
            menu_heading(t("nav-report", lang)),
            dbc.DropdownMenuItem(t("report-download", lang), href=report, className="report-link"),
        ]
    for view in (view for view in views if may_export(current_account(), view)):
        title = (titles or {}).get(view) or t(f"view-{view}", lang)
        items.append(menu_heading(title))
        for fmt in ("csv", "xlsx"):
            items.append(
                dbc.DropdownMenuItem(
                    t(f"download-{fmt}", lang),
                    href=f"/export/{view}.{fmt}{search}",
                    external_link=True,
                    className=f"export-{view}-{fmt}",
                )
            )
    if not items:  # nothing the account may download
        return None
    return dbc.DropdownMenu(
        items, label=t("download", lang), color="primary", size="sm", align_end=True, className="downloads"
    )


def table_annual_report(table, lang: str) -> dbc.Table:
    """The annual report's table (fig. 47 of the 2022 report): figures by modality, with the total last."""
    modalities = [c for c in table.columns if c not in ("figure", "total")]
    header = html.Thead(
        html.Tr(
            [html.Th(html.Span(t("figure", lang), className="visually-hidden"))]
            + [html.Th(t(f"modality-{m}", lang), className="text-end") for m in modalities]
            + [html.Th(t("total", lang), className="text-end")]
        )
    )
    indented = {figure for figure, level in OUTCOME_LEVELS.items() if level == 2}
    rows = [
        html.Tr(
            [
                html.Th(
                    t(f"metric-{row.figure}", lang),
                    className="ps-4 fw-normal" if row.figure in indented else "",
                    title=t(f"def-{row.figure}", lang),
                )
            ]
            + [html.Td(format_count(row[c], lang), className="text-end") for c in (*modalities, "total")]
        )
        for _, row in table.iterrows()
    ]
    return dbc.Table([header, html.Tbody(rows)], bordered=False, hover=True, size="sm", className="annual-report")


def table_top_languages(movers, lang: str, limit: int = 10) -> dbc.Table:
    """The busiest languages: requests, share of all requests, and the change against a year earlier."""
    header = html.Thead(
        html.Tr(
            [
                html.Th(t("language", lang)),
                html.Th(t("metric-requests", lang), className="text-end"),
                html.Th(t("share", lang), className="text-end"),
                html.Th(t("vs-year", lang), className="text-end"),
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(row.language),
                html.Td(format_count(row.requests, lang), className="text-end"),
                html.Td(format_rate(row.share, lang), className="text-end"),
                html.Td(format_change(row.requests, row.requests_year_before, False, lang), className="text-end"),
            ]
        )
        for row in movers.head(limit).itertuples()
    ]
    return dbc.Table([header, html.Tbody(rows)], size="sm", hover=True, className="top-languages")


def list_movers(movers, lang: str, count: int = 3) -> html.Div:
    """The languages whose requests rose and fell most against a year earlier (in requests)."""

    def items(rows):
        return html.Ul(
            [
                html.Li(
                    f"{row.language}: {'+' if row.change > 0 else ''}{format_count(row.change, lang)} "
                    f"({format_change(row.requests, row.requests_year_before, False, lang)})"
                )
                for row in rows.itertuples()
            ],
            className="mb-2",
        )

    rising = movers[movers.change > 0].nlargest(count, "change")
    falling = movers[movers.change < 0].nsmallest(count, "change")
    return html.Div(
        [
            html.H3(t("movers-up", lang), className="h6"),
            items(rising),
            html.H3(t("movers-down", lang), className="h6"),
            items(falling),
        ],
        className="movers",
    )


def glossary(lang: str) -> html.Div:
    """Every figure with its definition in plain words, as the annual report uses them."""
    return figure_definitions(GLOSSARY, lang, "glossary-title")


def figure_definitions(
    figures: Sequence[str],
    lang: str,
    title_key: str | None = None,
    name_key: Callable[[str], str] = lambda figure: f"metric-{figure}",
    definition_key: Callable[[str], str] = lambda figure: f"def-{figure}",
) -> html.Div:
    """`definitions` of figures: each figure's name (text key `name_key(figure)`) and its definition."""
    return definitions(title_key, tuple((name_key(f), definition_key(f)) for f in figures), lang)


def definitions(title_key: str | None, items: tuple[tuple[str, str], ...], lang: str) -> html.Div:
    """The one "what the figures mean" list: (term key, definition key) pairs beside the figures; without
    `title_key` no heading (the definitions of one table, beneath it)."""
    rows = []
    for term, definition in items:
        rows += [html.Dt(t(term, lang), className="col-sm-3"), html.Dd(t(definition, lang), className="col-sm-9")]
    heading = [html.H2(t(title_key, lang), className="h5")] if title_key else []
    return html.Div([*heading, html.Dl(rows, className="row small glossary")], className="definitions mt-3")
