"""Booking lead time: how far ahead requests are made per modality, sector, region and organisation; the answer
and shortage rates per band and modality (what booking late costs); the organisations that most often book too
late; the monthly share booked too late."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import code_name, format_count, format_rate, t
from dashboard.periods import RunningMonth
from dashboard.views.lead_time import BANDS, DIMENSIONS, MIN_REQUESTS, RULE_MODALITIES, SHARE_COLUMNS, field
from layouts import register
from layouts._charts import MODALITY_COLOURS, base_layout, mark_running_month, month_axis, stacked_shares_layout
from layouts._charts_management import DIMENSION_CHART_LIMIT, definition, empty_note, sized_grid
from layouts._choices import choice
from layouts._components import chart, definitions
from layouts._grid import Column, markdown_link
from layouts._page import page_frame, page_lang

NAME = "lead-time"
BREAKDOWN = choice("breakdown", "modality", DIMENSIONS, prop="active_tab")
BREAKDOWN_LABELS = {
    "modality": "modality",
    "sector": "sector",
    "region": "region",
    "organisation": "lead-time-organisation",
}
# Okabe-Ito, from the shortest lead time (vermilion) to the longest (blue): ordered and colour-blind safe.
BAND_COLOURS = dict(zip(BANDS, ("#D55E00", "#E69F00", "#56B4E9", "#0072B2")))
# The heat-table's scales: white to a light tint, so that the dark figures stay readable on every cell.
HEAT = {"answer_rate": (255, 255, 255, 107, 174, 214), "shortage_rate": (255, 255, 255, 253, 174, 107)}
MODALITY_DASHES = {"onsite": "solid", "video": "dash"}
GLOSSARY = (
    ("lead-time-term-lead", "lead-time-def-lead"),
    ("lead-time-term-late", "lead-time-def-late"),
    ("metric-answer_rate", "def-answer_rate"),
    ("metric-shortage_rate", "def-shortage_rate"),
    ("lead-time-late_answer_rate", "lead-time-def-late_answer_rate"),
    ("lead-time-on_time_answer_rate", "lead-time-def-on_time_answer_rate"),
    ("lead-time-term-left-out", "lead-time-def-left-out"),
)


def band_name(band: str, lang: str) -> str:
    """A band's label: '< 24 uur', '24–72 hours', …"""
    return t(f"lead-time-band-{band}", lang)


def layout(query: dict) -> html.Div:
    """The page's skeleton; figures arrive from `callbacks.lead_time`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "coverage"), className="text-muted small mb-2"), type="default"),
            html.H2(t("lead-time-cost-title", lang), className="h5 mt-2"),
            dcc.Loading(html.Div(id=ids.page(NAME, "cost")), type="default"),
            definition("lead-time-cost-def", lang),
            html.H2(t("lead-time-organisations-title", lang), className="h5 mt-4"),
            html.P(
                t("lead-time-organisations-lead", lang, minimum=MIN_REQUESTS),
                className="text-muted small mb-2",
                id=ids.page(NAME, "threshold"),
            ),
            dcc.Loading(html.Div(id=ids.page(NAME, "organisations")), type="default"),
            html.H2(t("lead-time-shares-title", lang), className="h5 mt-4"),
            dbc.Tabs(
                [dbc.Tab(label=t(BREAKDOWN_LABELS[d], lang), tab_id=d) for d in DIMENSIONS],
                id=BREAKDOWN.id(NAME),
                active_tab=BREAKDOWN.initial(query),
                className="mb-2 choice-breakdown",
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "shares-empty")),
                        chart(lang, ids.page(NAME, "shares-chart")),
                        html.Div(id=ids.page(NAME, "shares-table")),
                    ]
                ),
                type="default",
            ),
            definition("lead-time-shares-def", lang, limit=DIMENSION_CHART_LIMIT),
            html.H2(t("lead-time-trend-title", lang), className="h5 mt-4"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        chart(lang, ids.page(NAME, "trend"), style={"height": "400px"}),
                    ]
                ),
                type="default",
            ),
            definition("lead-time-trend-def", lang),
            definitions("lead-time-definitions", GLOSSARY, lang),
        ]
    )
    return page_frame(NAME, query, "lead-time-title", "lead-time-lead", body)


def coverage_note(excluded: dict[str, int], lang: str) -> str:
    """What the figures cover and what they leave out (no scheduled start, scheduled before requested)."""
    return t("lead-time-coverage", lang, **{name: format_count(n, lang) for name, n in excluded.items()})


def _tint(rate: float | None, scale: tuple[int, ...]) -> str | None:
    if rate is None or pd.isna(rate):
        return None
    low, high = scale[:3], scale[3:]
    return "rgb({},{},{})".format(*(round(a + (b - a) * float(rate)) for a, b in zip(low, high)))


def heat_table(table: pd.DataFrame, rate: str, lang: str) -> dbc.Table:
    """One rate of the `lead-time` view as a table: a row per modality, a column per band, each cell the rate
    (tinted by it) with the requests it is over on hover; an empty rate reads '–'."""
    head = html.Thead(
        html.Tr([html.Th(t("modality", lang))] + [html.Th(band_name(b, lang), className="text-end") for b in BANDS])
    )
    rows = []
    for modality, cells in table.groupby("modality", sort=False):
        cells = cells.set_index("band")
        row = [html.Th(code_name("modality", modality, lang), className="fw-normal")]
        for band in BANDS:
            value, requests = cells.at[band, rate], int(cells.at[band, "requests"])
            shown = format_rate(value, lang)
            row.append(
                html.Td(
                    shown,
                    className="text-end",
                    style={"backgroundColor": _tint(value, HEAT[rate])},
                    title=t("lead-time-cost-cell", lang, rate=shown, requests=format_count(requests, lang)),
                    **{"data-modality": modality, "data-band": band},
                )
            )
        rows.append(html.Tr(row))
    caption = html.Caption(t(f"metric-{rate}", lang), className="caption-top fw-semibold text-body")
    return dbc.Table([caption, head, html.Tbody(rows)], size="sm", bordered=True, className=f"heat-table heat-{rate}")


def cost_tables(table: pd.DataFrame, lang: str) -> dbc.Row:
    """The answer rate and the shortage rate per modality and band, side by side."""
    return dbc.Row([dbc.Col(heat_table(table, rate, lang), lg=6) for rate in ("answer_rate", "shortage_rate")])


def figure_band_shares(table: pd.DataFrame, lang: str, limit: int = DIMENSION_CHART_LIMIT) -> go.Figure:
    """Per value of a breakdown (the `limit` with most requests), the share of each band stacked to 100 %."""
    shown = table.head(limit).iloc[::-1]  # most requests on top
    figure = go.Figure()
    for band in BANDS:
        figure.add_bar(
            y=shown.label,
            x=shown[SHARE_COLUMNS[band]].astype(float),
            orientation="h",
            name=band_name(band, lang),
            marker_color=BAND_COLOURS[band],
            customdata=shown[f"n_{field(band)}"],
            hovertemplate="%{x:.1%} (%{customdata:,d})",
        )
    height = max(260, 28 * len(shown) + 170)
    layout = stacked_shares_layout(lang, t("lead-time-axis-share", lang), height, bottom=110)
    layout["xaxis"]["range"] = [0, 1]
    figure.update_layout(height=height, **layout)
    return figure


def shares_grid(table: pd.DataFrame, dimension: str, lang: str):
    """Every value of the breakdown with requests: the requests and each band's share; most requests first."""
    label = "lead-time-organisation" if dimension == "organisation" else dimension
    columns = [
        Column("label", label, "text", width=180, pinned=True),
        Column("requests", "lead-time-requests", "count"),
        *(Column(SHARE_COLUMNS[b], f"lead-time-band-{b}", "rate") for b in BANDS),
    ]
    return sized_grid(
        ids.page(NAME, "shares-grid"), table, columns, lang, sort=("requests", "desc"), tooltips={"label": "label"}
    )


def figure_late_trend(monthly: pd.DataFrame, lang: str, running: RunningMonth | None = None) -> go.Figure:
    """The share booked under 24 hours per month, a line per modality of the rule; the `running` month marked (its
    point kept: a lead time is known when the request is made, no outcome is awaited)."""
    figure = go.Figure()
    for modality in RULE_MODALITIES:
        rows = monthly[monthly.modality == modality]
        if rows.empty:
            continue
        figure.add_scatter(
            x=pd.to_datetime(rows.month + "-01"),
            y=rows.late_rate.astype(float),
            mode="lines+markers",
            name=code_name("modality", modality, lang),
            line={"color": MODALITY_COLOURS[modality], "dash": MODALITY_DASHES[modality]},
            marker={"size": 5},
            customdata=list(zip(rows.late, rows.requests)),
            hovertemplate="%{y:.1%} (%{customdata[0]:,d} / %{customdata[1]:,d})",
        )
    layout = base_layout(lang, t("lead-time-axis-late", lang), t("axis-month", lang))
    layout["yaxis"].update(tickformat=".0%", rangemode="tozero")
    figure.update_layout(**layout)
    month_axis(figure)
    return mark_running_month(figure, running, lang)


def organisations_grid(table: pd.DataFrame, search: str, lang: str):
    """Organisations over the volume threshold, the largest share booked too late first, each linked to its page
    (keeping the page's filters), with the answer rate of their late and their timely requests."""
    if table.empty:
        return empty_note(t("lead-time-organisations-empty", lang, minimum=MIN_REQUESTS))
    table = table.assign(
        link=[
            markdown_link(name, f"/organisations/{oid}{search}")
            for oid, name in zip(table.organisation_id, table.organisation)
        ],
        sector_label=[code_name("sector", s, lang) for s in table.sector],
    )
    columns = [
        Column("link", "lead-time-organisation", "link", width=260, pinned=True),
        Column("sector_label", "sector", "text", width=150),
        Column("requests", "lead-time-requests", "count"),
        Column("late", "lead-time-late", "count"),
        Column("late_rate", "lead-time-late_rate", "rate"),
        Column("late_answer_rate", "lead-time-late_answer_rate", "rate"),
        Column("on_time_answer_rate", "lead-time-on_time_answer_rate", "rate"),
    ]
    return sized_grid(
        ids.page(NAME, "organisations-grid"),
        table,
        columns,
        lang,
        sort=("late_rate", "desc"),
        tooltips={"link": "organisation", "sector_label": "sector_label"},
    )


register("/lead-time", layout, order=45, nav_key="nav-lead-time", name=NAME)
