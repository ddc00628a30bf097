"""The shapes Dash components send to the server's callbacks, checked in one place (issue 17, item 1).

`guard(spec_items)` gives, for a callback's declared inputs and states (`{"id", "property"}` items of Dash's
callback map), a function that checks the values a request brings, in order: a value of the wrong type, shape or
size is replaced by its default before the callback sees it, and its name is kept for the request
(`rejected()`), so that the page's callbacks show the bad-parameter alert (callbacks._common.render). The checks
go by component and property:

- a page choice (`ids.choice(...)`): a value the choice allows (layouts._choices), else its default;
- a store (`data`): the query stores hold a query string, the route a mapping of path and language, a place's
  store its path variables (short codes and numbers), the report's query a string or a mapping of strings;
- click data (`clickData`, `hoverData`, `selectedData`): a mapping whose `points` is a short list of mappings;
- an AG Grid cell click (`cellClicked`): a mapping of scalars; rows (`rowData`, `selectedRows`): a list of mappings;
  a request for rows (`getRowsRequest`): a range of whole numbers and a sort model;
- dropdown values (`value`): a scalar or a list of at most `MAX_VALUES` scalars (the cap of a filter
  parameter, dashboard.filters); counters (`n_clicks`, `n_intervals`): whole numbers from 0;
- a date (`date`, `start_date`, `end_date`): an ISO day; texts (`search`, `pathname`, `href`, `active_tab`): at
  most `MAX_TEXT` characters.
Anything else: JSON of bounded size (`MAX_ITEMS` items, `MAX_DEPTH` levels).

The codes themselves (is 'xx' a language?) and the scope (may this account see organisation 12?) are the filters'
and the queries' (dashboard.filters, queries._filters): a well-shaped value reaches them as before.

`internal_path(href)` is the one check for links built from what a browser sent: a path inside the app or None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from urllib.parse import unquote, urlsplit

import flask

from dashboard.filters import MAX_VALUES

MAX_TEXT = 4096  # characters: the query-string limit (dashboard.security.MAX_QUERY_STRING)
MAX_ITEMS = 10_000  # items in any list or mapping (a grid's rows)
MAX_DEPTH = 12  # levels of nesting (a component tree sent back as state)
MAX_POINTS = 1_000  # points of one chart click or selection
MAX_CODE = 200  # characters of a dropdown's single value or a code
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SCALARS = (str, int, float, bool, type(None))
REJECTED_KEY = "stv_rejected_inputs"


class Malformed(ValueError):
    """A value that does not have the shape its component sends."""


def _require(condition: bool) -> None:
    if not condition:
        raise Malformed


def _scalar(value, limit: int = MAX_CODE):
    _require(isinstance(value, SCALARS) and (not isinstance(value, str) or len(value) <= limit))
    return value


def text(value, limit: int = MAX_TEXT):
    """None or a string of at most `limit` characters."""
    _require(value is None or (isinstance(value, str) and len(value) <= limit))
    return value


def count(value):
    """None or a whole number from 0 (a button's clicks, an interval's ticks)."""
    _require(value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0))
    return value


def dropdown(value):
    """None, one scalar, or a list of at most MAX_VALUES scalars (a multi-select dropdown)."""
    if isinstance(value, list):
        _require(len(value) <= MAX_VALUES)
        return [_scalar(item) for item in value]
    return _scalar(value)


def iso_day(value):
    """None or a day written YYYY-MM-DD (a date picker's)."""
    if value is None:
        return None
    _require(isinstance(value, str) and ISO_DAY.fullmatch(value[:10]) is not None)
    try:
        date.fromisoformat(value[:10])
    except ValueError as error:
        raise Malformed from error
    return value


def json_value(value, depth: int = 0):
    """Any JSON value of bounded size: the fallback for properties without a shape of their own."""
    _require(depth <= MAX_DEPTH)
    if isinstance(value, list):
        _require(len(value) <= MAX_ITEMS)
        return [json_value(item, depth + 1) for item in value]
    if isinstance(value, dict):
        _require(len(value) <= MAX_ITEMS and all(isinstance(key, str) for key in value))
        return {key: json_value(item, depth + 1) for key, item in value.items()}
    return _scalar(value, MAX_TEXT * 4)


def _mapping(value, limit: int = MAX_ITEMS) -> dict:
    _require(isinstance(value, dict) and len(value) <= limit)
    return json_value(value)


def click_data(value):
    """None or a chart click: a mapping whose `points` is a list of at most MAX_POINTS mappings."""
    if value is None:
        return None
    clicked = _mapping(value)
    points = clicked.get("points")
    _require(isinstance(points, list) and len(points) <= MAX_POINTS and all(isinstance(p, dict) for p in points))
    return clicked


def cell_clicked(value):
    """None or an AG Grid cell click: a mapping of scalars (`rowId`, `colId`, `value`, `rowIndex`, ...)."""
    if value is None:
        return None
    _require(isinstance(value, dict) and len(value) <= 32)
    return {key: _scalar(item, MAX_TEXT) if key != "value" else json_value(item) for key, item in value.items()}


def rows(value):
    """None or a grid's rows: a list of mappings."""
    if value is None:
        return None
    _require(isinstance(value, list) and len(value) <= MAX_ITEMS and all(isinstance(row, dict) for row in value))
    return json_value(value)


def rows_request(value):
    """None or an AG Grid's request for rows (`getRowsRequest`): whole numbers `startRow` <= `endRow` and a
    `sortModel` of at most 16 {colId, sort: asc|desc}; its other keys (filterModel, context) are not read."""
    if value is None:
        return None
    _require(isinstance(value, dict) and len(value) <= 16)
    start, end = value.get("startRow"), value.get("endRow")
    _require(all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 10**9 for n in (start, end)))
    _require(start <= end)
    order = value.get("sortModel") or []
    _require(isinstance(order, list) and len(order) <= 16)
    _require(
        all(isinstance(s, dict) and isinstance(s.get("colId"), str) and s.get("sort") in ("asc", "desc") for s in order)
    )
    return {
        "startRow": start,
        "endRow": end,
        "sortModel": [{"colId": s["colId"][:MAX_CODE], "sort": s["sort"]} for s in order],
    }


def route(value):
    """None or the shell's route: a mapping with the page's `path` (a path inside the app) and its `lang`."""
    if value is None:
        return None
    found = _mapping(value, 16)
    _require(isinstance(found.get("path"), str) and internal_path(found["path"]) is not None)
    _require(all(isinstance(item, SCALARS) for item in found.values()))
    return found


def place(value):
    """None or a drill-down page's path variables: at most a few short codes or numbers."""
    if value is None:
        return None
    found = _mapping(value, 8)
    _require(all(isinstance(item, str | int | type(None)) and len(str(item)) <= 64 for item in found.values()))
    return found


def query(value):
    """A page's query: a query string, or (the report's) a mapping of parameter -> string or list of strings."""
    if isinstance(value, dict):
        _require(len(value) <= 64)
        return {key: _strings(item) for key, item in value.items()}
    return text(value)


def _strings(value):
    """A string or a list of 1 to MAX_VALUES strings (a parameter of `filters.query_values`: never an empty list)."""
    items = value if isinstance(value, list) else [value]
    _require(0 < len(items) <= MAX_VALUES and all(isinstance(i, str) and len(i) <= MAX_TEXT for i in items))
    return value


PROPERTY_SHAPES: dict[str, Callable] = {
    "clickData": click_data,
    "hoverData": click_data,
    "selectedData": click_data,
    "cellClicked": cell_clicked,
    "rowData": rows,
    "selectedRows": rows,
    "getRowsRequest": rows_request,
    "n_clicks": count,
    "n_intervals": count,
    "submit_n_clicks": count,
    "value": dropdown,
    "date": iso_day,
    "start_date": iso_day,
    "end_date": iso_day,
    "search": text,
    "pathname": text,
    "href": text,
    "active_tab": text,
}
# Stores by the last part of their id (dashboard.ids): the shell's and the pages'.
STORE_SHAPES: dict[str, Callable] = {"route": route, "query": query, "place": place}


def shape_of(component_id, prop: str) -> tuple[Callable, object]:
    """The check for `prop` of the component `component_id`, and the value that replaces a malformed one."""
    if isinstance(component_id, dict) and "choice" in component_id:
        return _choice_shape(component_id["choice"])
    if prop == "data" and isinstance(component_id, str):
        part = component_id.rsplit("-", 1)[-1]
        return STORE_SHAPES.get(part, json_value), "" if part == "query" else None  # "": the page's defaults
    return PROPERTY_SHAPES.get(prop, json_value), None


def _choice_shape(parameter) -> tuple[Callable, object]:
    from layouts._choices import CHOICES

    declared = CHOICES.get(parameter) if isinstance(parameter, str) else None
    if declared is None:
        return dropdown, None

    def allowed(value):
        _require(declared.allows(value))
        return declared.default if value in (None, "") else value

    return allowed, declared.default


def guard(declared: list[dict]) -> Callable[[tuple], list]:
    """The check of a callback's argument list, for its declared inputs then states (Dash's callback map items):
    each argument checked by its component's shape (a pattern-matching input's list, item by item)."""
    items = [{"id": _component_id(item["id"]), "property": item["property"]} for item in declared]
    checks = [(item, *shape_of(item["id"], item["property"])) for item in items]

    def check(args: tuple) -> list:
        checked = []
        for (item, shape, default), value in zip(checks, args):
            if _is_pattern(item["id"]):
                values = value if isinstance(value, list) and len(value) <= MAX_ITEMS else []
                checked.append([_checked(item, shape, default, one) for one in values])
            else:
                checked.append(_checked(item, shape, default, value))
        return checked + list(args[len(checks) :])

    return check


def _component_id(component_id):
    """A component's id as the page declares it: Dash's callback map writes a dict id as JSON."""
    return json.loads(component_id) if isinstance(component_id, str) and component_id.startswith("{") else component_id


def _is_pattern(component_id) -> bool:
    return isinstance(component_id, dict) and any(isinstance(v, list) for v in component_id.values())


def _checked(item: dict, shape: Callable, default, value):
    try:
        return shape(value)
    except (Malformed, RecursionError):
        _reject(item)
        return default


def _reject(item: dict) -> None:
    if flask.has_request_context():
        flask.g.setdefault(REJECTED_KEY, []).append(input_name(item["id"], item["property"]))


def rejected() -> list[str]:
    """The names of the inputs of this request that were malformed and replaced by their defaults."""
    return list(flask.g.get(REJECTED_KEY, [])) if flask.has_request_context() else []


def input_name(component_id, prop: str) -> str:
    """How the alert names an input: a page choice by its query parameter, another component by the last part of
    its id (a filter by its parameter, 'filter-region' -> 'region'; a store by its part, 'page-query' -> 'query')."""
    if isinstance(component_id, dict) and isinstance(component_id.get("choice"), str):
        return component_id["choice"]
    return component_id.rsplit("-", 1)[-1] if isinstance(component_id, str) else prop


def internal_path(href) -> str | None:
    """`href` when it is a path inside this app ('/regions/ANT?from=…'), else None: no scheme, no host, no
    '//' or '/\\' (which browsers read as another host), no control characters or spaces (which a browser skips,
    to read '//host'), in the path also percent-encoded (a query string may hold an encoded one: it is data). The
    one check of such links (chart clicks, the sign-in's `next`)."""
    if not isinstance(href, str) or not href.startswith("/") or href.startswith("//") or len(href) > MAX_TEXT:
        return None
    path = href.split("?", 1)[0].split("#", 1)[0]
    if any(ord(c) < 33 or ord(c) == 127 or c == "\\" for c in href + unquote(path)):
        return None
    parts = urlsplit(href)
    return href if not parts.scheme and not parts.netloc else None
