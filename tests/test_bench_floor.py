"""The browser benchmark's floor pages: /charts/ draws exactly the charts written for it, in boxes of their size."""

import json

from benchmarks import floor

CHARTS = [
    {
        "figure": {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}},
        "config": {},
        "width": 640,
        "height": 450,
    },
    {
        "figure": {"data": [{"type": "scatter", "y": [3, 4]}], "layout": {"title": {"text": "t"}}},
        "config": {"locale": "nl"},
        "width": 300,
        "height": 200,
    },
]


def graphs(node):
    """Every dcc.Graph of a layout (as JSON), depth first."""
    if isinstance(node, dict):
        if node.get("type") == "Graph":
            yield node
        for value in node.values():
            yield from graphs(value)
    elif isinstance(node, list):
        for value in node:
            yield from graphs(value)


def test_the_charts_page_draws_the_charts_written_for_it(tmp_path, monkeypatch):
    path = tmp_path / "charts.json"
    path.write_text(json.dumps(CHARTS), encoding="utf-8")
    monkeypatch.setenv("STV_FLOOR_CHARTS", str(path))
    client = floor.server.test_client()
    layout = client.get("/charts/_dash-layout").get_json()
    found = list(graphs(layout))
    assert [g["props"]["id"] for g in found] == [{"type": floor.CHART, "index": 0}, {"type": floor.CHART, "index": 1}]
    assert [g["props"]["config"] for g in found] == [{}, {"locale": "nl"}]
    assert '"width": "300px", "height": "200px"' in json.dumps(layout)
    chart_ids = [{"type": floor.CHART, "index": i} for i in range(2)]
    body = {
        "output": client.get("/charts/_dash-dependencies").get_json()[0]["output"],
        "outputs": [{"id": chart_id, "property": "figure"} for chart_id in chart_ids],
        "inputs": [[{"id": chart_id, "property": "id", "value": chart_id} for chart_id in chart_ids]],
        "changedPropIds": [],
    }
    answer = client.post("/charts/_dash-update-component", json=body)
    assert answer.status_code == 200
    figures = [
        answer.get_json()["response"][json.dumps({"index": i, "type": floor.CHART}, separators=(",", ":"))]
        for i in range(2)
    ]
    assert [f["figure"] for f in figures] == [chart["figure"] for chart in CHARTS]


def test_the_charts_page_is_empty_before_the_first_page(monkeypatch, tmp_path):
    monkeypatch.setenv("STV_FLOOR_CHARTS", str(tmp_path / "missing.json"))
    layout = floor.server.test_client().get("/charts/_dash-layout").get_json()
    assert list(graphs(layout)) == []
