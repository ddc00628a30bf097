"""layouts._components: the one headline card, and the builders made from it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import pytest

from layouts._charts_management import rate_card, stat_card
from layouts._components import THREE_CARDS, card, figure_card


def _parts(column: dbc.Col) -> dict:
    body, *hover = column.children
    lines = [line for line in body.children.children if line is not None]
    return {
        "size": {k: getattr(column, k, None) for k in ("xs", "md", "lg")},
        "card_class": body.className,
        "card_id": getattr(body, "id", None),
        "name": lines[0].children,
        "value": lines[1].children,
        "value_class": lines[1].className,
        "below": [getattr(line, "children", None) for line in lines[2:]],
        "tooltip": [(tip.children, tip.target) for tip in hover],
    }


def test_a_card_without_definition_has_no_tooltip_and_no_id():
    parts = _parts(card("Wachtend", "12", {"data-figure": "sd-card-pending"}, size=THREE_CARDS))
    assert parts["card_class"] == "kpi-card h-100" and parts["card_id"] is None and parts["tooltip"] == []
    assert (parts["name"], parts["value"], parts["size"]) == ("Wachtend", "12", {"xs": 6, "md": 4, "lg": None})


def test_figure_and_stat_cards_are_the_same_card():
    overview = _parts(figure_card("overview", "answer_rate", None, "en", previous=False, year_ago=False))
    management = _parts(rate_card("no-shows", "no_show_client_rate", None, "en"))
    assert overview["card_class"] == management["card_class"] == "kpi-card h-100"
    assert overview["value_class"] == management["value_class"] == "kpi-value"
    assert (overview["card_id"], overview["tooltip"][0][1]) == ("overview-kpi-answer_rate",) * 2
    assert (management["card_id"], management["tooltip"][0][1]) == ("no-shows-kpi-no_show_client_rate",) * 2
    assert overview["value"] == management["value"] == "–"
    assert overview["below"] == management["below"] == ["empty: nothing to divide by"]
    counted = _parts(stat_card("interpreters", "registered_interpreters", "1,234", "en", note="of 2"))
    assert (counted["value"], counted["below"], counted["size"]["md"]) == ("1,234", ["of 2"], 3)
    assert isinstance(counted["tooltip"][0][0], str) and counted["tooltip"][0][0]


def test_one_definitions_list_for_the_glossary_the_drill_down_and_the_management_pages():
    from dashboard.metrics import GLOSSARY
    from layouts._charts_management import definitions_list
    from layouts._components import definitions, figure_definitions, glossary

    def terms(block) -> list[str]:
        listing = block.children[-1]  # after the heading, if any
        return [item.children for item in listing.children[::2]]

    assert terms(glossary("en"))[:2] == ["Requests", "Answered"] and len(terms(glossary("en"))) == len(GLOSSARY)
    assert str(figure_definitions(("requests",), "en")) == str(
        definitions(None, (("metric-requests", "def-requests"),), "en")
    )
    mixed = terms(definitions_list(("answered", "billable_rate"), "en"))
    assert mixed[0] == "Answered" and mixed[1] != "management-metric-billable_rate"


@pytest.mark.parametrize(
    "metric, change, verdict",
    [
        ("answer_rate", 2.0, "better"),
        ("answer_rate", -20.0, "worse"),
        ("completion_rate", 0.1, "better"),
        ("activity_rate", -1.0, "worse"),
        ("shortage_rate", 3.0, "worse"),
        ("shortage_rate", -3.0, "better"),
        ("unmet_rate", 1.0, "worse"),
        ("no_show_client_rate", 0.5, "worse"),
        ("no_show_interpreter_rate", -0.5, "better"),
        ("late_cancellation_rate", 0.2, "worse"),
        ("non_completion_rate", -0.2, "better"),
        ("answer_rate", 0.04, "neither"),  # reads "► 0,0 pp": no direction, no verdict
        ("answer_rate", None, "neither"),
        ("requests", 12.0, "neither"),  # more requests is neither good nor bad
        ("active_interpreters", -5.0, "neither"),
    ],
)
def test_change_verdict(metric, change, verdict):
    from dashboard.metrics import change_verdict

    assert change_verdict(metric, change) == verdict


def test_the_change_line_says_better_or_worse_in_words_and_colour():
    from layouts._components import change_line

    worse = change_line("answer_rate", 0.8, 1.0, "vs-previous", "nl")
    assert worse.children == "▼ 20,0 pp slechter t.o.v. vorige periode" and "change-worse" in worse.className
    better = change_line("shortage_rate", 0.1, 0.15, "vs-year", "en")
    assert better.children == "▼ 5.0 pp better vs a year earlier" and "change-better" in better.className
    count = change_line("requests", 5, 3, "vs-previous", "en")
    assert count.children == "▲ 66.7 % vs previous period" and "change-neither" in count.className
    nothing = change_line("answer_rate", 0.8, None, "vs-year", "nl")  # a period that has not begun
    assert nothing.children == "– t.o.v. een jaar eerder" and "change-neither" in nothing.className


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_verdict_colours_are_readable_on_white():
    """WCAG's contrast ratio of the change colours in assets/app.css against white: at least 4.5:1."""
    import re
    from pathlib import Path

    css = (Path(__file__).parents[1] / "assets" / "app.css").read_text()
    colours = dict(re.findall(r"--stv-(better|worse):\s*(#[0-9A-Fa-f]{6})", css))
    assert colours == {"better": "#0072B2", "worse": "#B04A00"}
    for colour in colours.values():
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5


def test_a_chart_has_its_title_a_text_alternative_and_show_as_table_in_the_readers_language():
    from dash import dcc, html

    from layouts._components import chart

    figure = chart("en", "some-chart", title="Requests per month", style={"height": "300px"})
    assert isinstance(figure, html.Figure) and "stv-chart" in figure.className
    caption, graph, summary, details = figure.children
    assert isinstance(caption, html.Figcaption) and caption.children == "Requests per month"
    assert isinstance(graph, dcc.Graph) and graph.id == "some-chart" and graph.style == {"height": "300px"}
    assert graph.config["modeBarButtons"] == [["toImage", "resetScale2d"]] and graph.config["locale"] == "en"
    assert "chart-summary" in summary.className
    assert isinstance(details, html.Details) and details.children[0].children == "Show as table"
    assert getattr(figure, "data-summary").startswith("Chart of {rows} points")
    dutch = chart("nl", figure={"data": []})
    assert dutch.children[2].children[0].children == "Toon als tabel" and not hasattr(dutch.children[0], "id")


def test_a_grid_column_is_never_narrower_than_its_headers_longest_word():
    from layouts._grid import DEFAULT_MIN_WIDTH, Column, ReadableHeaders, data_grid, header_min_width

    assert header_min_width("") == header_min_width("Taal") == DEFAULT_MIN_WIDTH
    assert header_min_width("Langste wachttijd") > header_min_width("Wachtend") > DEFAULT_MIN_WIDTH
    table = pd.DataFrame({"name": ["a"], "wait": [1.5]})
    columns = [Column("name", "region"), Column("wait", "col-median-wait", "number", width=60)]
    headers = ReadableHeaders(min_widths={"name": 40})
    for lang in ("nl", "en"):
        definitions = data_grid("g", table, columns, lang, headers=headers).columnDefs
        for definition in definitions:
            assert definition["minWidth"] >= header_min_width(definition["headerName"]), definition


# --- grids whose rows come on demand (layouts._grid.rows_on_demand, dashboard.payloads.rows_request) --------------


def test_rows_on_demand_sorts_as_the_grid_shows_and_slices_by_hand():
    import pandas as pd

    from layouts._grid import Column, rows_on_demand

    table = pd.DataFrame({"name": ["b", "a", "c", "d"], "rate": [0.5, None, 0.25, 0.5], "hidden": [1, 2, 3, 4]})
    columns = [Column("name", "language"), Column("rate", "metric-answer_rate", "rate")]

    def names(start, end, *order):
        request = {"startRow": start, "endRow": end, "sortModel": [{"colId": c, "sort": s} for c, s in order]}
        answer = rows_on_demand(table, columns, request)
        assert answer["rowCount"] == 4 and all(list(row) == ["name", "rate"] for row in answer["rowData"])
        return [row["name"] for row in answer["rowData"]]

    assert names(0, 50) == ["b", "a", "c", "d"]  # the table's order
    assert names(0, 50, ("rate", "desc")) == ["b", "d", "c", "a"]  # ties in the table's order, empty last
    assert names(0, 50, ("rate", "asc")) == ["c", "b", "d", "a"]
    assert names(0, 50, ("rate", "desc"), ("name", "desc")) == ["d", "b", "c", "a"]
    assert names(1, 3, ("name", "asc")) == ["b", "c"] and names(4, 50) == []
    assert names(0, 50, ("hidden", "desc")) == names(0, 50)  # a column the grid does not show sorts nothing


def test_a_request_for_rows_is_checked_before_use():
    from dashboard.payloads import Malformed, rows_request

    good = {"startRow": 0, "endRow": 50, "sortModel": [{"colId": "answered", "sort": "asc"}], "filterModel": {}}
    assert rows_request(good) == {"startRow": 0, "endRow": 50, "sortModel": [{"colId": "answered", "sort": "asc"}]}
    assert rows_request(None) is None
    for forged in (
        [],
        {"startRow": "0", "endRow": 50},
        {"startRow": 5, "endRow": 1},
        {"startRow": -1, "endRow": 1},
        {"startRow": True, "endRow": 1},
        {"startRow": 0, "endRow": 50, "sortModel": [{"colId": 1, "sort": "asc"}]},
        {"startRow": 0, "endRow": 50, "sortModel": [{"colId": "a", "sort": "sideways"}]},
        {"startRow": 0, "endRow": 50, "sortModel": "answered"},
    ):
        with pytest.raises(Malformed):
            rows_request(forged)
