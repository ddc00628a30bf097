"""The floor pages of the browser benchmark: minimal Dash apps under the same gunicorn as the dashboard.

- `/`: one Plotly chart whose figure is cached. It is what any Dash page with a chart costs on this machine (Dash's
  and Plotly's JavaScript, one callback, one figure drawn): the dashboard's pages are measured as ratios to it, in
  the same run and browser, so the machine's speed cancels out (issue 12's targets).
- `/charts/`: the charts of the page just measured, and nothing else. The benchmark reads every chart a page drew
  (its figure, config and size) and writes them to the file named by STV_FLOOR_CHARTS; this page draws the same
  figures, each in a box of the same size, from one callback. What a page takes beyond it is the cost of our page
  (its shell, grids, controls, callbacks); what it takes itself is the cost of Plotly drawing those charts.

`gunicorn benchmarks.floor:server` (`benchmarks.serving.served_floor`).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, dcc, html

CHART = "floor-chart"


@cache
def figure() -> dict:
    """A year of monthly counts as bars, built once per worker (the chart is "cached")."""
    months = [f"2025-{month:02d}" for month in range(1, 13)]
    counts = [4100 + 37 * month * (month % 5) for month in range(1, 13)]
    return go.Figure(go.Bar(x=months, y=counts), layout={"title": "Requests per month"}).to_plotly_json()


app = Dash(__name__, title="Floor", assets_folder="floor-assets-none", serve_locally=True)
app.layout = html.Main([html.H1("Floor"), dcc.Graph(id=CHART)])


@app.callback(Output(CHART, "figure"), Input(CHART, "id"))
def draw(_id):
    return figure()


server = app.server


def page_charts() -> list[dict]:
    """The charts written by the benchmark for the page it measures now ([] before the first)."""
    path = os.environ.get("STV_FLOOR_CHARTS")
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")) if path else []
    except (OSError, ValueError):
        return []


def charts_layout() -> html.Main:
    """One graph per chart of the measured page, in a box of the size it had there (read at every page load)."""
    boxes = [
        html.Div(
            dcc.Graph(id={"type": CHART, "index": index}, config=chart["config"], style={"height": "100%"}),
            style={"width": f"{chart['width']}px", "height": f"{chart['height']}px"},
        )
        for index, chart in enumerate(page_charts())
    ]
    return html.Main([html.H1("Charts"), *boxes])


charts_app = Dash(
    __name__,
    server=server,
    url_base_pathname="/charts/",
    title="Charts",
    assets_folder="floor-assets-none",
    serve_locally=True,
)
charts_app.layout = charts_layout


@charts_app.callback(Output({"type": CHART, "index": ALL}, "figure"), Input({"type": CHART, "index": ALL}, "id"))
def draw_all(ids):
    charts = page_charts()
    return [charts[chart_id["index"]]["figure"] for chart_id in ids]
