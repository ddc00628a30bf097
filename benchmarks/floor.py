"""The floor page of the browser benchmark: a minimal Dash app with one Plotly chart whose figure is cached.

It is what any Dash page with a chart costs on this machine (Dash's and Plotly's JavaScript, one callback, one
figure drawn), served by the same gunicorn command line as the dashboard (`benchmarks.serving.served_floor`):
the dashboard's pages are measured as ratios to it, in the same run and browser, so the machine's speed cancels
out. `gunicorn benchmarks.floor:server`.
"""

from __future__ import annotations

from functools import cache

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html


@cache
def figure() -> dict:
    """A year of monthly counts as bars, built once per worker (the chart is "cached")."""
    months = [f"2025-{month:02d}" for month in range(1, 13)]
    counts = [4100 + 37 * month * (month % 5) for month in range(1, 13)]
    return go.Figure(go.Bar(x=months, y=counts), layout={"title": "Requests per month"}).to_plotly_json()


app = Dash(__name__, title="Floor", assets_folder="floor-assets-none", serve_locally=True)
app.layout = html.Main([html.H1("Floor"), dcc.Graph(id="floor-chart")])


@app.callback(Output("floor-chart", "figure"), Input("floor-chart", "id"))
def draw(_id):
    return figure()


server = app.server
