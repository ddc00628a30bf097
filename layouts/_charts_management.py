"""Figure builders and small components of the management pages (/no-shows, /interpreters): tables in, Plotly
figures or Dash components out; no database. Colours are Okabe-Ito (layouts._charts), readable with the common
colour-vision deficiencies; lines differ by dash as well as colour.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard import codes, ids
from dashboard.i18n import MESSAGES, format_count, format_decimal, format_rate, t
from dashboard.periods import RunningMonth
from layouts._charts import (
    KIND_COLOURS,
    base_layout,
    mark_running_month,
    month_axis,
    stacked_shares_layout,
    without_running_month,
)
from layouts._components import CARD_SIZE, card, figure_definitions
from layouts._components import note as card_note
from layouts._grid import ReadableHeaders, data_grid

# The colour and dash of each not-completed status (codes.NOT_COMPLETED_PARTIES gives the order and the rate).
PARTY_COLOURS = {
    "no_show_client": ("#D55E00", "solid"),
    "no_show_interpreter": ("#0072B2", "solid"),
    "cancelled_client_late": ("#B07800", "dash"),
    "cancelled_client_timely": ("#2A88C8", "dash"),
    "cancelled_interpreter": ("#009E73", "dot"),
    "cancelled_service": ("#CC79A7", "dot"),
}
assert set(PARTY_COLOURS) == set(codes.NOT_COMPLETED_PARTIES)
# (status, rate, colour, dash) for each not-completed status, in the page's order.
PARTY_STYLE = tuple(
    (status, fallthrough.rate, *PARTY_COLOURS[status]) for status, fallthrough in codes.NOT_COMPLETED_PARTIES.items()
)
# Rates whose names and definitions the dashboard already has (dashboard.i18n, `metric-*` and `def-*`).
SHARED_FIGURES = {
    "answered",
    "completed",
    "not_completed",
    "no_show_client",
    "no_show_interpreter",
    "cancelled_client_late",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "non_completion_rate",
    "registered_interpreters",
    "registered_in_period",
    "active_interpreters",
    "activity_rate",
}
FLOW_COLOURS = {"accepted": "#009E73", "refused": "#D55E00", "no_response": "#767676"}
DIMENSION_CHART_LIMIT = 15
GRID_HEADER, GRID_ROW = 70, 42  # pixels of a grid's (wrapped) header and of one row
NUMBER_COLUMN_WIDTH, SORT_ARROW_WIDTH = 124, 20


def name_key(figure: str) -> str:
    """The text key of a figure's name: the shared one where it exists, else this area's."""
    return f"metric-{figure}" if figure in SHARED_FIGURES else f"management-metric-{figure}"


def definition_key(figure: str) -> str:
    """The text key of a figure's definition."""
    return f"def-{figure}" if figure in SHARED_FIGURES else f"management-def-{figure}"


def format_hours(value: float | None, lang: str) -> str:
    """Hours with one decimal in the reader's format: 1.234,5 (nl), 1,234.5 (en); '–' for none."""
    return "–" if value is None or pd.isna(value) else format_decimal(value, lang, 1)


# --- small components ---------------------------------------------------------------------------------------------


def stat_card(
    page_name: str, figure: str, shown: str, lang: str, note: str | None = None, size: dict = CARD_SIZE
) -> dbc.Col:
    """A headline figure of this area already formatted (`shown`), with its name and definition (`card`)."""
    return card(
        t(name_key(figure), lang),
        shown,
        {"data-metric": figure},
        [card_note(note)],
        card_id=ids.kpi_card(page_name, figure),
        tooltip=t(definition_key(figure), lang),
        size=size,
    )


def rate_card(page_name: str, figure: str, value: float | None, lang: str, size: dict = CARD_SIZE) -> dbc.Col:
    """A card for a rate: the percentage, and why it is empty when it is."""
    return stat_card(
        page_name, figure, format_rate(value, lang), lang, t("rate-empty", lang) if value is None else None, size
    )


def definition(key: str, lang: str, **values) -> html.P:
    """The short "what this means" under a chart or table."""
    return html.P(t(key, lang, **values), className="text-muted small definition mt-1")


def definitions_list(figures: tuple[str, ...], lang: str, title_key: str = "management-definitions") -> html.Div:
    """Every figure of a page with its definition, as a glossary at the page's foot."""
    return figure_definitions(figures, lang, title_key, name_key, definition_key)


def empty_note(text: str) -> html.Div:
    """An empty state whose text is already formatted (it names a threshold or a date)."""
    return html.Div(text, className="empty-state text-muted")


def sized_grid(
    grid_id: str,
    table: pd.DataFrame,
    columns,
    lang: str,
    sort: tuple[str, str] | None = None,
    max_height: int = 420,
    tooltips: dict[str, str] | None = None,
    on_demand: bool = False,
):
    """A sortable grid (layouts._grid.data_grid) no taller than its rows need, numeric columns wide enough for
    their wrapped headers (a long word such as 'cancellation' must not break), each figure's definition on its
    header, and `tooltips` (field -> field shown on hover) for names that may be cut off; `on_demand`: its rows
    come a block at a time from the page's rows callback."""
    height = max(120, min(max_height, GRID_HEADER + GRID_ROW * len(table) + 4))
    header_tooltips = {
        c.field: t(definition_key(c.field), lang) for c in columns if definition_key(c.field) in MESSAGES
    }
    headers = ReadableHeaders(
        number_width=NUMBER_COLUMN_WIDTH,
        sort_arrow=SORT_ARROW_WIDTH,
        header_tooltips=header_tooltips,
        cell_tooltips=tooltips or {},
    )
    return data_grid(grid_id, table, columns, lang, height=height, sort=sort, headers=headers, on_demand=on_demand)


def hours_table(summary: pd.DataFrame, lang: str) -> dbc.Table:
    """The distribution of hours per interpreter: count, total, mean, quantiles and maximum."""
    row = summary.iloc[0]
    lines = [("interpreters", format_count(row.interpreters, lang))]
    lines += [
        (name, format_hours(row[name], lang))
        for name in (
            "total_hours",
            "mean_hours",
            "p10_hours",
            "p25_hours",
            "median_hours",
            "p75_hours",
            "p90_hours",
            "max_hours",
        )
    ]
    body = [
        html.Tr(
            [
                html.Th(t(f"interpreters-hours-{name}", lang), className="fw-normal"),
                html.Td(value, className="text-end", **{"data-figure": name}),
            ]
        )
        for name, value in lines
    ]
    return dbc.Table(html.Tbody(body), size="sm", hover=True, className="hours-quantiles mb-1")


# --- no-shows -----------------------------------------------------------------------------------------------------


def _percent_axis(layout: dict, axis: str = "yaxis") -> dict:
    layout[axis].update(tickformat=".0%", rangemode="tozero")
    return layout


def figure_party_trend(monthly: pd.DataFrame, lang: str, running: RunningMonth | None = None) -> go.Figure:
    """Each party's rate per month (lines), from the no-shows `monthly` view; the `running` month marked and its
    rates left out (its outcomes are still to come)."""
    figure = go.Figure()
    monthly = without_running_month(monthly, running)
    months = pd.to_datetime(monthly.month + "-01")
    for status, rate, colour, dash in PARTY_STYLE:
        figure.add_scatter(
            x=months,
            y=monthly[rate].astype(float),
            mode="lines+markers",
            name=t(name_key(rate), lang),
            line={"color": colour, "dash": dash},
            marker={"size": 5},
            customdata=monthly[status],
            hovertemplate="%{y:.1%} (%{customdata:,d})",
        )
    layout = _percent_axis(base_layout(lang, t("management-axis-share-answered", lang), t("axis-month", lang)))
    layout["legend"] = {"orientation": "h", "y": -0.22, "x": 0}
    layout["margin"] = {**layout["margin"], "b": 110}
    figure.update_layout(**layout)
    month_axis(figure)
    return mark_running_month(figure, running, lang, rates=True)


def figure_party_by_dimension(table: pd.DataFrame, lang: str, limit: int = DIMENSION_CHART_LIMIT) -> go.Figure:
    """Per value of a dimension (the `limit` with most answered requests), each party's rate stacked: the bar's
    length is the non-completion rate."""
    shown = table.head(limit).iloc[::-1]  # most answered on top
    figure = go.Figure()
    for status, rate, colour, _ in PARTY_STYLE:
        figure.add_bar(
            y=shown.label,
            x=shown[rate].astype(float),
            orientation="h",
            name=t(name_key(rate), lang),
            marker_color=colour,
            customdata=shown[status],
            hovertemplate="%{x:.1%} (%{customdata:,d})",
        )
    height = max(320, 28 * len(shown) + 200)
    layout = stacked_shares_layout(lang, t("management-axis-share-answered", lang), height, bottom=120)
    figure.update_layout(height=height, **layout)
    return figure


# --- interpreters -------------------------------------------------------------------------------------------------


def figure_activity_by_kind(table: pd.DataFrame, lang: str) -> go.Figure:
    """Interpreters in the register during the period (the activity rate's denominator) and active ones per kind
    (bars side by side, the contract's order from the top), the activity rate beside the active bar."""
    shown = table.iloc[::-1]
    labels = [t(f"kind-{k}", lang) for k in shown.kind]
    figure = go.Figure()
    figure.add_bar(
        y=labels,
        x=shown.active_interpreters,
        orientation="h",
        name=t("metric-active_interpreters", lang),
        marker_color="#0072B2",
        text=[format_rate(r, lang, 0) for r in shown.activity_rate],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{x:,d} (%{text})",
    )
    figure.add_bar(
        y=labels,
        x=shown.registered_in_period,
        orientation="h",
        name=t("metric-registered_in_period", lang),
        marker_color="#8A8A8A",
        hovertemplate="%{x:,d}",
    )
    layout = base_layout(lang, "", t("management-axis-interpreters", lang))
    layout["xaxis"].update(tickformat=",d", rangemode="tozero")
    layout["yaxis"].update(tickformat=None, rangemode=None, automargin=True)
    layout["hovermode"] = "y unified"
    layout["legend"]["traceorder"] = "reversed"  # registered first, as the bars read from the top
    layout["margin"] = {**layout["margin"], "r": 50}
    figure.update_layout(barmode="group", **layout)
    return figure


def figure_hours_histogram(histogram: pd.DataFrame, lang: str) -> go.Figure:
    """Interpreters per bin of hours interpreted, stacked by kind (from `hours_histogram`)."""
    figure = go.Figure()
    width = float((histogram.bin_end - histogram.bin_start).iloc[0]) if len(histogram) else 1.0
    for kind in codes.KINDS:
        rows = histogram[histogram.kind == kind]
        if rows.empty:
            continue
        figure.add_bar(
            x=rows.bin_start.astype(float) + width / 2,
            y=rows.interpreters,
            width=width,
            name=t(f"kind-{kind}", lang),
            marker_color=KIND_COLOURS[kind],
            marker_line_width=0.5,
            marker_line_color="white",
            customdata=list(zip(rows.bin_start.astype(float), rows.bin_end.astype(float))),
            hovertemplate="%{customdata[0]:,.0f}–%{customdata[1]:,.0f} " + t("sd-hours-short", lang) + ": %{y:,d}",
        )
    layout = base_layout(lang, t("management-axis-interpreters", lang), t("interpreters-axis-hours", lang))
    layout["xaxis"].update(rangemode="tozero", tickformat=",.0f")
    layout["bargap"] = 0
    layout["hovermode"] = "closest"
    layout["legend"] = {"orientation": "h", "y": -0.22, "x": 0, "yanchor": "top", "traceorder": "normal"}
    layout["margin"] = {**layout["margin"], "t": 20, "b": 120}  # six kinds' legend below the axis title
    figure.update_layout(barmode="stack", **layout)
    return figure


def figure_inactive_by_kind(table: pd.DataFrame, lang: str) -> go.Figure:
    """Interpreters inactive for six months per kind (horizontal bars)."""
    counts = table.kind.value_counts()
    kinds = [k for k in codes.KINDS if k in counts.index][::-1]
    figure = go.Figure(
        go.Bar(
            y=[t(f"kind-{k}", lang) for k in kinds],
            x=[int(counts[k]) for k in kinds],
            orientation="h",
            marker_color=[KIND_COLOURS[k] for k in kinds],
            hovertemplate="%{x:,d}<extra></extra>",
            showlegend=False,
        )
    )
    layout = base_layout(lang, "", t("management-axis-interpreters", lang))
    layout["xaxis"].update(tickformat=",d", rangemode="tozero")
    layout["yaxis"].update(tickformat=None, rangemode=None, automargin=True)
    layout["hovermode"] = "closest"
    figure.update_layout(height=max(220, 45 * len(kinds) + 110), **layout)
    return figure


def figure_invitations_monthly(monthly: pd.DataFrame, lang: str, running: RunningMonth | None = None) -> go.Figure:
    """Invitations per month by response (stacked bars) and the acceptance rate (line, right axis); the `running`
    month marked, its rate left out (answers to its invitations are still to come)."""
    figure = go.Figure()
    months = pd.to_datetime(monthly.month + "-01")
    for part, colour in FLOW_COLOURS.items():
        figure.add_bar(
            x=months,
            y=monthly[part],
            name=t(f"interpreters-flow-{part}", lang),
            marker_color=colour,
            hovertemplate="%{y:,d}",
        )
    rated = without_running_month(monthly, running)
    figure.add_scatter(
        x=pd.to_datetime(rated.month + "-01"),
        y=rated.acceptance_rate.astype(float),
        yaxis="y2",
        mode="lines+markers",
        name=t("management-metric-acceptance_rate", lang),
        line={"color": "#0072B2"},
        hovertemplate="%{y:.1%}",
    )
    layout = base_layout(lang, t("interpreters-axis-invitations", lang), t("axis-month", lang))
    layout["yaxis2"] = {
        "title": {"text": t("management-metric-acceptance_rate", lang)},
        "overlaying": "y",
        "side": "right",
        "tickformat": ".0%",
        "range": [0, 1],
        "dtick": 0.2,
        "showgrid": False,
    }
    layout["margin"] = {**layout["margin"], "r": 70}
    layout["legend"]["traceorder"] = "normal"
    figure.update_layout(barmode="stack", **layout)
    month_axis(figure)
    return mark_running_month(figure, running, lang, rates=True)
