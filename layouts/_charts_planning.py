"""Figure builders of the planners' pages (/supply-demand, /shortages): tables in, Plotly figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import format_day, t
from dashboard.periods import RunningMonth
from layouts._charts import base_layout, mark_running_month, without_running_month

# Diverging and colour-blind safe: Okabe-Ito blue (room to spare) through white to orange/vermillion (shortfall).
GAP_SCALE = [[0.0, "#0072B2"], [0.5, "#ffffff"], [0.75, "#E69F00"], [1.0, "#D55E00"]]
HEATMAP_LANGUAGES = 20


def figure_gap_heatmap(table: pd.DataFrame, lang: str, limit: int = HEATMAP_LANGUAGES) -> go.Figure:
    """Language × day coloured by the shortfall (pending − free hours), the worst languages on top; white is 0."""
    totals = table.groupby("language").gap_hours.sum().sort_values(ascending=False)
    chosen = list(totals.head(limit).index)
    grid = (
        table[table.language.isin(chosen)]
        .pivot_table(index="language", columns="day", values="gap_hours", aggfunc="sum")
        .reindex(chosen[::-1])
    )
    days = list(grid.columns)
    bound = max(1.0, float(abs(grid.to_numpy()).max()))
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[format_day(day, lang) for day in days],
            y=list(grid.index),
            colorscale=GAP_SCALE,
            zmin=-bound,
            zmax=bound,
            zmid=0,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": t("axis-gap-hours", lang)}},
            hovertemplate="%{y} · %{x}<br>" + t("col-gap-hours", lang) + ": %{z:,.1f}<extra></extra>",
        )
    )
    layout = base_layout(lang, t("language", lang), t("axis-day", lang))
    layout["yaxis"] |= {"rangemode": "normal", "tickformat": None, "automargin": True}
    layout["hovermode"] = "closest"
    figure.update_layout(**layout, height=max(320, 24 * len(chosen) + 120))
    return figure


def figure_rate_heatmap(
    table: pd.DataFrame, column: str, labels: dict[str, str], order: list[str], lang: str
) -> go.Figure:
    """Shortage rate per language (rows, in ranking `order`) and `column` (regions or modalities, named by
    `labels`); cells without requests stay empty (grey)."""
    grid = table.pivot_table(index="language", columns=column, values="shortage_rate", aggfunc="first")
    grid = grid.reindex(index=order[::-1], columns=[c for c in labels if c in grid.columns])
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float) * 100,
            x=[labels[c] for c in grid.columns],
            y=list(grid.index),
            zmin=0,
            colorscale=[[0, "#ffffff"], [0.5, "#E69F00"], [1, "#D55E00"]],
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": t("sh-axis-shortage-rate", lang)}, "ticksuffix": " %"},
            hovertemplate="%{y} · %{x}<br>%{z:.1f} %<extra></extra>",
        )
    )
    layout = base_layout(lang, "", "")
    layout["yaxis"] |= {"rangemode": "normal", "tickformat": None, "automargin": True}
    layout |= {"hovermode": "closest", "plot_bgcolor": "#d9d9d9"}
    figure.update_layout(**layout, height=max(300, 26 * len(order) + 110))
    return figure


TREND_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
TREND_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")


def figure_shortage_trend(
    monthly: pd.DataFrame, codes: list[str], lang: str, running: RunningMonth | None = None
) -> go.Figure:
    """Monthly shortage rate of the languages `codes`, one line each (colour and dash, for colour-blind readers);
    the `running` month marked and left out (its requests still wait for an interpreter)."""
    figure = go.Figure()
    monthly = without_running_month(monthly, running)
    for index, code in enumerate(codes):
        rows = monthly[monthly.language_code == code]
        figure.add_scatter(
            x=pd.to_datetime(rows.month + "-01"),
            y=rows.shortage_rate,
            mode="lines+markers",
            name=rows.language.iloc[0] if len(rows) else code,
            line={"color": TREND_COLOURS[index % 5], "dash": TREND_DASHES[index % 5]},
            hovertemplate="%{y:.1%}",
        )
    layout = base_layout(lang, t("sh-axis-shortage-rate", lang), t("axis-month", lang))
    layout["yaxis"] |= {"tickformat": ".0%", "rangemode": "tozero"}
    figure.update_layout(**layout)
    return mark_running_month(figure, running, lang, rates=True)


def figure_active_registered(ranking: pd.DataFrame, lang: str) -> go.Figure:
    """Registered and active interpreters of the given languages, side by side."""
    figure = go.Figure()
    for column, key, colour in (
        ("registered_interpreters", "sh-col-registered", "#56B4E9"),
        ("active_interpreters", "sh-col-active", "#0072B2"),
    ):
        figure.add_bar(
            x=ranking.language, y=ranking[column], name=t(key, lang), marker_color=colour, hovertemplate="%{y:,d}"
        )
    figure.update_layout(barmode="group", **base_layout(lang, t("sh-axis-interpreters", lang), t("language", lang)))
    return figure


def figure_served_by(table: pd.DataFrame, lang: str) -> go.Figure:
    """Completed Ukrainian requests per interpreter kind, stacked by whether the interpreter also speaks Russian."""
    figure = go.Figure()
    kinds = list(table.groupby("kind").completed.sum().sort_values(ascending=False).index)
    for speaks, key, colour in ((True, "sh-speaks-russian", "#D55E00"), (False, "sh-no-russian", "#0072B2")):
        rows = table[table.speaks_russian == speaks].set_index("kind").reindex(kinds)
        figure.add_bar(
            x=[t(f"kind-{k}", lang) for k in kinds],
            y=rows.completed.fillna(0),
            name=t(key, lang),
            marker_color=colour,
            hovertemplate="%{y:,d}",
        )
    figure.update_layout(barmode="stack", **base_layout(lang, t("sh-axis-completed", lang), t("kind", lang)))
    return figure


def figure_forecast(history: pd.Series, forecast: pd.DataFrame, lang: str) -> go.Figure:
    """The last three years of monthly requests, the forecast with its interval band, and the capacity."""
    figure = go.Figure()
    recent = history.tail(36)
    figure.add_scatter(
        x=pd.to_datetime(recent.index + "-01"),
        y=recent.to_numpy(),
        mode="lines",
        name=t("sh-series-actual", lang),
        line={"color": "#000000"},
        hovertemplate="%{y:,d}",
    )
    months = pd.to_datetime(forecast.month + "-01")
    if forecast.upper.notna().any():
        figure.add_scatter(
            x=list(months) + list(months[::-1]),
            y=list(forecast.upper) + list(forecast.lower[::-1]),
            fill="toself",
            mode="none",
            fillcolor="rgba(0,114,178,0.18)",
            name=t("sh-series-interval", lang),
            hoverinfo="skip",
        )
    figure.add_scatter(
        x=months,
        y=forecast.point,
        mode="lines+markers",
        name=t("sh-series-forecast", lang),
        line={"color": "#0072B2", "dash": "dash"},
        hovertemplate="%{y:,.0f}",
    )
    figure.add_scatter(
        x=months,
        y=forecast.capacity,
        mode="lines",
        name=t("sh-series-capacity", lang),
        line={"color": "#D55E00", "dash": "dot"},
        hovertemplate="%{y:,.0f}",
    )
    figure.update_layout(**base_layout(lang, t("axis-requests", lang), t("axis-month", lang)))
    return figure
