"""Callback requests as the browser sends them (`POST /_dash-update-component`), built from the app's own callback
map, so that the glue between components and views is tested in-process, without Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator


def dom_id(component_id) -> str:
    return component_id if isinstance(component_id, str) else json.dumps(component_id, sort_keys=True)


def server_callbacks(app) -> Iterator[tuple[str, dict]]:
    """(output key, spec) of every callback that runs on the server."""
    for key, spec in app.callback_map.items():
        if spec.get("callback") is not None:
            yield key, spec


def _outputs(spec) -> list:
    output = spec["output"]
    return output if isinstance(output, list) else [output]


def outputs_of(spec) -> list[str]:
    """'id.property' of each output."""
    return [f"{dom_id(o.component_id)}.{o.component_property}" for o in _outputs(spec)]


def request_body(key: str, spec: dict, values: dict, changed: list[str]) -> dict:
    """The body of a request for the callback `key`: `values` maps 'id.property' to a value (others are None)."""
    outputs = [{"id": o.component_id, "property": o.component_property} for o in _outputs(spec)]

    def with_values(items):
        return [{**item, "value": values.get(f"{dom_id(item['id'])}.{item['property']}")} for item in items]

    return {
        "output": key,
        "outputs": outputs if isinstance(spec["output"], list) else outputs[0],
        "inputs": with_values(spec["inputs"]),
        "state": with_values(spec["state"]),
        "changedPropIds": changed,
    }


def post(client, app, output_id: str, values: dict, changed: list[str] | None = None):
    """Post the callback whose outputs include `output_id` ('id.property'); returns the Flask response."""
    for key, spec in server_callbacks(app):
        if output_id in outputs_of(spec):
            body = request_body(key, spec, values, changed if changed is not None else list(values))
            return client.post("/_dash-update-component", json=body)
    raise KeyError(output_id)


def response_values(response) -> dict:
    """'id.property' -> value of a callback's answer (empty when it changed nothing)."""
    if response.status_code == 204:
        return {}
    payload = response.get_json()["response"]
    return {f"{cid}.{prop}": value for cid, props in payload.items() for prop, value in props.items()}


def find_component(tree, component_id: str) -> dict | None:
    """The component of `component_id` in a component tree as JSON (a layout, a callback's children), or None."""
    if isinstance(tree, list):
        return next((found for item in tree if (found := find_component(item, component_id)) is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == component_id:
        return tree
    return next((found for value in props.values() if (found := find_component(value, component_id)) is not None), None)


def text_of(tree) -> str:
    """All the text in a rendered component tree (as JSON, the way a response carries it)."""
    if isinstance(tree, str | int | float):
        return str(tree)
    if isinstance(tree, list):
        return " ".join(text_of(item) for item in tree)
    if isinstance(tree, dict):
        props = tree.get("props", tree)
        return text_of(props.get("children")) if isinstance(props, dict) else ""
    return ""
