"""Figure builders of the planners' pages (/supply-demand, /shortages): tables in, Plotly figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import MONTHS, t
from layouts._charts import base_layout

# Diverging and colour-blind safe: Okabe-Ito blue (room to spare) through white to orange/vermillion (shortfall).
GAP_SCALE = [[0.0, "#0072B2"], [0.5, "#ffffff"], [0.75, "#E69F00"], [1.0, "#D55E00"]]
HEATMAP_LANGUAGES = 20


def figure_gap_heatmap(table: pd.DataFrame, lang: str, limit: int = HEATMAP_LANGUAGES) -> go.Figure:
    """Language × day coloured by the shortfall (pending − free hours), the worst languages on top; white is 0."""
    totals = table.groupby("language").gap_hours.sum().sort_values(ascending=False)
    chosen = list(totals.head(limit).index)
    grid = table[table.language.isin(chosen)].pivot_table(index="language", columns="day", values="gap_hours",
                                                          aggfunc="sum").reindex(chosen[::-1])
    days = list(grid.columns)
    bound = max(1.0, float(abs(grid.to_numpy()).max()))
    figure = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[_day_label(day, lang) for day in days], y=list(grid.index), colorscale=GAP_SCALE,
        zmin=-bound, zmax=bound, zmid=0, xgap=1, ygap=1,
        colorbar={"title": {"text": t("axis-gap-hours", lang)}},
        hovertemplate="%{y} · %{x}<br>" + t("col-gap-hours", lang) + ": %{z:,.1f}<extra></extra>",
    ))
    layout = base_layout(lang, t("language", lang), t("axis-day", lang))
    layout["yaxis"] |= {"rangemode": "normal", "tickformat": None, "automargin": True}
    layout["hovermode"] = "closest"
    figure.update_layout(**layout, height=max(320, 24 * len(chosen) + 120))
    return figure


def _day_label(day, lang: str) -> str:
    weekday = ("ma di wo do vr za zo" if lang == "nl" else "Mon Tue Wed Thu Fri Sat Sun").split()[day.weekday()]
    return f"{weekday} {day.day} {MONTHS[lang][day.month - 1]}"

