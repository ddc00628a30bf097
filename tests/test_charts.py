"""The overview's chart builders (layouts/_charts.py), without Dash or a database."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.events import Event
from layouts._charts import figure_answer_rate, figure_outcome_trend, figure_year_on_year


def test_trend_figures_are_labelled_and_annotated():
    trend = pd.DataFrame(
        {
            "month": ["2022-02", "2022-03", "2023-02"],
            "requests": [10, 12, 11],
            "answered": [8, 9, 10],
            "completed": [7, 8, 9],
            "in_progress": [0, 0, 0],
            "answer_rate": [0.8, 0.75, None],
        }
    )
    events = [
        Event(date(2022, 3, 1), "Oorlog in Oekraïne", "War in Ukraine"),
        Event(date(2030, 1, 1), "Later", "Later"),
    ]
    figure = figure_outcome_trend(trend, "nl", events)
    assert [a.text for a in figure.layout.annotations] == ["Oorlog in Oekraïne"]  # only events within the range
    assert figure.layout.yaxis.title.text == "Aanvragen (aantal)" and figure.layout.separators == ",."
    assert figure_answer_rate(trend, "en", []).layout.yaxis.tickformat == ".0%"
    assert [trace.name for trace in figure_year_on_year(trend, "en").data] == ["2022", "2023"]
