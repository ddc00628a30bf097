"""Pure figure builders: tables in, Plotly figures out; no Dash, no database."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import codes
from dashboard.i18n import plotly_separators, t

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
MODALITY_COLOURS = {"onsite": "#0072B2", "phone": "#E69F00", "video": "#009E73", "translation": "#CC79A7"}


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


def figure_monthly_requests(table: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked monthly requests per modality, from the `monthly` view."""
    figure = go.Figure()
    for modality in codes.MODALITIES:
        rows = table[table.modality == modality]
        if rows.empty:
            continue
        figure.add_bar(
            x=pd.to_datetime(rows.month + "-01"), y=rows.requests, name=t(f"modality-{modality}", lang),
            marker_color=MODALITY_COLOURS[modality],
            hovertemplate="%{y:,d}<extra>" + t(f"modality-{modality}", lang) + "</extra>",
        )
    figure.update_layout(barmode="stack", **base_layout(lang, t("axis-requests", lang), t("axis-month", lang)))
    figure.update_xaxes(dtick="M1" if table.month.nunique() <= 14 else None, tickformat="%b %Y")
    return figure
