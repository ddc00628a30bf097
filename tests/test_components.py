"""layouts._components: the one headline card, and the builders made from it."""

from __future__ import annotations

import dash_bootstrap_components as dbc

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
