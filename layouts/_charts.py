"""Pure figure builders: tables in, Plotly figures out; no Dash, no database."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import codes
from dashboard.i18n import format_short_date, plotly_separators, t
from dashboard.periods import RunningMonth

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Its orange, sky blue, yellow and grey are
# below 3:1 against white (2.3, 2.3, 1.3 and 2.9:1), too faint for a chart's marks (WCAG 1.4.11): every chart uses
# the same hues darkened to at least 3:1 (orange #B07800 3.8, sky blue #2A88C8 3.9, yellow #8A7D00 4.2, grey
# #767676 4.5); blue 5.2, bluish green 3.4, vermilion 3.9 and reddish purple 3.1 stay as they are.
MODALITY_COLOURS = {"onsite": "#0072B2", "phone": "#B07800", "video": "#009E73", "translation": "#CC79A7"}


def base_layout(lang: str, y_title: str, x_title: str) -> dict:
    """Layout every chart shares: reader's number format, labelled axes, legend on top, quiet background."""
    return {
        "separators": plotly_separators(lang),
        "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
        "legend": {"orientation": "h", "y": 1.12, "x": 0},
        "plot_bgcolor": "white",
        "yaxis": {"title": {"text": y_title}, "gridcolor": "#e5e5e5", "rangemode": "tozero", "tickformat": ",d"},
        "xaxis": {"title": {"text": x_title}},
        "hovermode": "x unified",
    }


def month_axis(figure: go.Figure) -> go.Figure:
    """A monthly trend's time axis: months as "jan 2025", as many as fit the chart's width (Plotly picks every
    month on a wide screen, every second or third on a phone). A tick forced on every month was turned on its side
    and cut off at 390 px; every month stays in the tooltip and in the chart's table. The labels stand a little
    below the axis, clear of the lowest value's label ("0%") that Plotly centres on it."""
    return figure.update_xaxes(tickformat="%b %Y", ticklabelstandoff=6)


RUNNING_BAND = "#7f7f7f"  # grey: the running month is neither good nor bad news, only not over


def mark_running_month(figure: go.Figure, running: RunningMonth | None, lang: str, rates: bool = False) -> go.Figure:
    """A grey band over the `running` month of a monthly trend, labelled "lopende maand, t/m 3 dec."; a chart of
    `rates` has left that month's point out (`without_running_month`) and its label says the rate is to come."""
    if running is None:
        return figure
    middle = pd.Timestamp(running.month + "-01")
    key = "running-month-no-rate" if rates else "running-month"
    figure.add_vrect(
        x0=middle - pd.Timedelta(days=15),
        x1=middle + pd.Timedelta(days=15),
        fillcolor=RUNNING_BAND,
        opacity=0.18,
        layer="below",
        line_width=0,
        annotation_text=t(key, lang, day=format_short_date(running.through, lang)),
        annotation_position="top right",
        annotation_font={"size": 11, "color": "#4d4d4d"},
        name="running-month",
    )
    return figure


def without_running_month(table: pd.DataFrame, running: RunningMonth | None) -> pd.DataFrame:
    """A monthly table without the running month's row: its rates still lack the outcomes to come."""
    return table if running is None else table[table.month != running.month]


def figure_monthly_requests(table: pd.DataFrame, lang: str, running: RunningMonth | None = None) -> go.Figure:
    """Stacked monthly requests per modality, from the `monthly` view, the `running` month marked."""
    figure = go.Figure()
    for modality in codes.MODALITIES:
        rows = table[table.modality == modality]
        if rows.empty:
            continue
        figure.add_bar(
            x=pd.to_datetime(rows.month + "-01"),
            y=rows.requests,
            name=t(f"modality-{modality}", lang),
            marker_color=MODALITY_COLOURS[modality],
            hovertemplate="%{y:,d}<extra>" + t(f"modality-{modality}", lang) + "</extra>",
        )
    figure.update_layout(barmode="stack", **base_layout(lang, t("axis-requests", lang), t("axis-month", lang)))
    month_axis(figure)
    return mark_running_month(figure, running, lang)


SERIES_COLOURS = {
    "requests": "#000000",
    "answered": "#0072B2",
    "completed": "#009E73",
    "rolling_12_months": "#0072B2",
    "answer_rate": "#0072B2",
}
SERIES_DASHES = {"requests": "solid", "answered": "dash", "completed": "dot"}


def add_events(figure: go.Figure, events, lang: str, first: str, last: str) -> go.Figure:
    """Dotted vertical lines with a label for the events between months `first` and `last` ('YYYY-MM')."""
    shown = [event for event in events if first <= f"{event.day:%Y-%m}" <= last]
    for index, event in enumerate(shown):
        figure.add_shape(
            type="line",
            x0=event.day,
            x1=event.day,
            yref="paper",
            y0=0,
            y1=1,
            line={"color": "#555555", "dash": "dot", "width": 1},
        )
        figure.add_annotation(
            x=event.day,
            yref="paper",
            y=1 - 0.09 * (index % 3),
            text=event.label(lang),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 10, "color": "#333333"},
            bgcolor="rgba(255,255,255,0.85)",
        )  # staggered, so that close events stay readable
    return figure


def _months(table: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(table.month + "-01")


def figure_outcome_trend(trend: pd.DataFrame, lang: str, events) -> go.Figure:
    """Requests, answered and completed per month, with events."""
    figure = go.Figure()
    for series in ("requests", "answered", "completed"):
        figure.add_scatter(
            x=_months(trend),
            y=trend[series],
            mode="lines",
            name=t(f"metric-{series}", lang),
            line={"color": SERIES_COLOURS[series], "dash": SERIES_DASHES[series]},
        )
    figure.update_layout(**base_layout(lang, t("axis-requests", lang), t("axis-month", lang)))
    return add_events(figure, events, lang, trend.month.min(), trend.month.max())


def figure_answer_rate(trend: pd.DataFrame, lang: str, events, target=None) -> go.Figure:
    """The monthly answer rate, with its target as a dashed line."""
    figure = go.Figure()
    figure.add_scatter(
        x=_months(trend),
        y=trend.answer_rate,
        mode="lines",
        name=t("metric-answer_rate", lang),
        line={"color": SERIES_COLOURS["answer_rate"]},
        connectgaps=False,
    )
    if target is not None:
        figure.add_hline(y=target.value, line={"color": "#D55E00", "dash": "dash", "width": 1})
        figure.add_annotation(
            xref="paper",
            x=1,
            y=target.value,
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            text=t(f"target-{target.direction}", lang, value=f"{target.value:.0%}"),
            font={"size": 11, "color": "#D55E00"},
        )
    layout = base_layout(lang, t("axis-answer-rate", lang), t("axis-month", lang))
    layout["yaxis"].update(tickformat=".0%", rangemode="normal", range=[0, 1])
    figure.update_layout(**layout)
    return add_events(figure, events, lang, trend.month.min(), trend.month.max())


def figure_rolling(trend: pd.DataFrame, lang: str, events) -> go.Figure:
    """Requests over the last twelve months, month by month (smooths seasons away)."""
    figure = go.Figure()
    figure.add_scatter(
        x=_months(trend),
        y=trend.rolling_12_months,
        mode="lines",
        name=t("rolling-12-months", lang),
        line={"color": SERIES_COLOURS["rolling_12_months"]},
    )
    figure.update_layout(**base_layout(lang, t("axis-requests-12m", lang), t("axis-month", lang)))
    return add_events(figure, events, lang, trend.month.min(), trend.month.max())


def figure_year_on_year(trend: pd.DataFrame, lang: str) -> go.Figure:
    """Requests per calendar month, one line per year, so that years can be laid side by side."""
    from dashboard.i18n import MONTHS

    figure = go.Figure()
    years = sorted({m[:4] for m in trend.month})
    palette = ["#767676", "#2A88C8", "#B07800", "#009E73", "#8A7D00", "#0072B2", "#D55E00", "#CC79A7"]
    for index, year in enumerate(years):
        rows = trend[trend.month.str.startswith(year)]
        newest = index == len(years) - 1
        figure.add_scatter(
            x=[MONTHS[lang][int(m[5:]) - 1] for m in rows.month],
            y=rows.requests,
            mode="lines+markers",
            name=year,
            line={"color": palette[index % len(palette)], "width": 3 if newest else 1.5},
        )
    layout = base_layout(lang, t("axis-requests", lang), t("axis-calendar-month", lang))
    layout["hovermode"] = "closest"
    figure.update_layout(**layout)
    return figure


LANGUAGE_COLOURS = {"uk": "#0072B2", "ru": "#D55E00", "pl": "#009E73", "ro": "#CC79A7"}
KIND_COLOURS = {
    "certified": "#0072B2",
    "sworn": "#2A88C8",
    "in_training": "#009E73",
    "crisis": "#B07800",
    "taalhulp": "#CC79A7",
    "commercial": "#767676",
}


def figure_language_lines(by_month: pd.DataFrame, names: dict[str, str], lang: str, events=()) -> go.Figure:
    """Requests per month, one line per language code (names: code -> label)."""
    figure = go.Figure()
    for code, rows in by_month.groupby("language_code", sort=False):
        figure.add_scatter(
            x=_months(rows),
            y=rows.requests,
            mode="lines",
            name=names.get(code, code),
            line={"color": LANGUAGE_COLOURS.get(code, "#555555")},
        )
    figure.update_layout(**base_layout(lang, t("axis-requests", lang), t("axis-month", lang)))
    if not by_month.empty:
        add_events(figure, events, lang, by_month.month.min(), by_month.month.max())
    return figure


KIND_MIX_LIMIT = 15


def figure_kind_mix(
    by_kind: pd.DataFrame, names: dict[str, str] | None, lang: str, limit: int = KIND_MIX_LIMIT
) -> go.Figure:
    """Per language (the `limit` with most completed requests, busiest on top), the share of its completed
    requests each kind of interpreter carried out (stacked to 100 %). `by_kind`: language_code, kind, completed
    (and language, the name, unless `names` maps codes to names)."""
    totals = by_kind.groupby("language_code").completed.sum().sort_index().sort_values(ascending=False, kind="stable")
    busiest = list(totals.index[:limit])
    shown = by_kind[by_kind.language_code.isin(busiest)]
    named = names if names is not None else dict(zip(shown.language_code, shown.language))
    order = [named.get(c, c) for c in busiest][::-1]
    figure = go.Figure()
    for kind in codes.KINDS:
        rows = shown[shown.kind == kind]
        if rows.empty:
            continue
        figure.add_bar(
            y=[named.get(c, c) for c in rows.language_code],
            x=rows.completed.to_numpy() / totals.loc[rows.language_code].to_numpy(),
            orientation="h",
            name=t(f"kind-{kind}", lang),
            marker_color=KIND_COLOURS[kind],
            customdata=rows.completed,
            hovertemplate="%{x:.1%} (%{customdata:,d})",
        )
    height = max(340, 26 * len(busiest) + 200)
    layout = stacked_shares_layout(lang, t("axis-share-completed", lang), height, bottom=110)
    layout["xaxis"]["range"] = [0, 1]
    layout["yaxis"].update(categoryorder="array", categoryarray=order)
    figure.update_layout(height=height, **layout)
    return figure


LEGEND_BELOW_AXIS_PX = 52  # the tick labels and the axis title


def stacked_shares_layout(lang: str, x_title: str, height: int, bottom: int) -> dict:
    """The layout of horizontal bars stacked from shares, in a figure `height` pixels tall: a percentage axis, the
    names on the left, one tooltip per bar, and the legend below the axis title (six kinds or parties would cover
    the bars on top), in `bottom` pixels of margin. The legend's place is in pixels below the plot (Plotly counts
    in the plot's height): a short chart of one bar had it over the axis title."""
    layout = base_layout(lang, "", x_title)
    layout["xaxis"].update(tickformat=".0%")
    layout["yaxis"].update(tickformat=None, rangemode=None, automargin=True)
    layout["hovermode"] = "y unified"
    plot_height = max(height - layout["margin"]["t"] - bottom, 1)
    layout["legend"] = {
        "orientation": "h",
        "y": -LEGEND_BELOW_AXIS_PX / plot_height,
        "x": 0,
        "yanchor": "top",
        "traceorder": "normal",
    }
    layout["margin"] = {**layout["margin"], "b": bottom}
    return {"barmode": "stack", **layout}
