"""Hypothesis strategies for what a browser, or someone forging its requests, sends to the dashboard: component
values of the right shape with hostile contents, and values of any shape at all (tests/test_fuzz_*.py).

`STV_FUZZ_EXAMPLES` raises the examples per target (default `DEFAULT_EXAMPLES`); `STV_FUZZ_REPORT=PATH` writes the
requests and statuses counted to PATH as JSON, for a closing note."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DEFAULT_EXAMPLES = 12
PARAMETERS = (
    "from",
    "to",
    "region",
    "language",
    "modality",
    "sector",
    "service",
    "kind",
    "lang",
    "period",
    "window",
    "colour",
    "spread",
    "drill",
    "dimension",
    "forecast-language",
    "forecast-modality",
    "next",
)
HOSTILE_TEXTS = (
    "",
    "2022-01-01",
    "2022-12-31",
    "2022-13-45",
    "20220101",
    "2022-W01-1",
    "99999-01-01",
    "0000-01-01",
    "1999-12-31",
    "2101-01-01",
    "year-99999",
    "year-2022",
    "2024-Q9",
    "ANT",
    "NOPE",
    "nl",
    "en",
    "xx",
    "'; DROP TABLE requests; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "..%2f..%2f",
    "//evil.example/",
    "/\\evil.example/",
    "javascript:alert(1)",
    "\x00",
    "ü" * 40,
    "9" * 40,
    "x" * 300,
)
HOSTILE_PATHS = (
    "/",
    "/supply-demand",
    "/shortages",
    "/no-shows",
    "/interpreters",
    "/regions",
    "/regions/ANT",
    "/regions/ANT/1",
    "/regions/NOPE/999999999999999999999",
    "/organisations/1",
    "/organisations/-1",
    "/organisations/99999999999999999999999",
    "/data-quality",
    "/report",
    "/admin",
    "/nope",
    "//evil.example/",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=40),
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6),
    max_leaves=30,
)
texts = st.sampled_from(HOSTILE_TEXTS) | st.text(max_size=60)
many_values = st.lists(texts, min_size=150, max_size=260)


@st.composite
def query_strings(draw) -> str:
    """A query string of the pages' parameters (and others) with hostile values, some repeated, some very many."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(PARAMETERS) | st.text(max_size=8), texts), max_size=8))
    if draw(st.booleans()):
        pairs.append((draw(st.sampled_from(PARAMETERS)), ",".join(draw(many_values))))
    text = "&".join(f"{quote(name, safe='')}={quote(value, safe=',')}" for name, value in pairs)
    return ("?" if draw(st.booleans()) else "") + text


def click_data() -> st.SearchStrategy:
    """A chart click: points with customdata that may hold hostile links."""
    customdata = st.lists(scalars | st.sampled_from(HOSTILE_PATHS), max_size=4)
    point = st.fixed_dictionaries(
        {}, optional={"customdata": customdata | anything, "x": scalars, "y": scalars, "pointIndex": scalars}
    )
    return st.fixed_dictionaries({"points": st.lists(point, max_size=3) | anything})


def cell_clicked() -> st.SearchStrategy:
    """An AG Grid cell click."""
    return st.fixed_dictionaries(
        {}, optional={"rowId": texts | scalars, "colId": texts, "value": anything, "rowIndex": scalars}
    )


def rows_request() -> st.SearchStrategy:
    """An AG Grid's request for a block of rows (a grid whose rows come on demand)."""
    sort = st.fixed_dictionaries(
        {
            "colId": texts | st.sampled_from(("answered", "link", "not_completed")),
            "sort": texts | st.sampled_from(("asc", "desc")),
        }
    )
    return st.fixed_dictionaries(
        {"startRow": scalars | st.integers(0, 10**6), "endRow": scalars | st.integers(0, 10**6)},
        optional={"sortModel": st.lists(sort, max_size=3) | anything, "filterModel": anything},
    )


SHAPES = {
    "clickData": click_data(),
    "getRowsRequest": rows_request(),
    "cellClicked": cell_clicked(),
    "value": texts | st.lists(texts, max_size=5) | many_values | scalars,
    "active_tab": texts,
    "search": query_strings(),
    "n_clicks": scalars,
    "n_intervals": scalars,
    "submit_n_clicks": scalars,
    "rowData": st.lists(st.dictionaries(st.sampled_from(("username", "name", "roles", "id")), anything), max_size=4),
    "selectedRows": st.lists(st.dictionaries(st.sampled_from(("username", "name", "roles")), anything), max_size=3),
}
STORES = {
    "query": query_strings() | st.dictionaries(st.sampled_from(PARAMETERS), texts | st.lists(texts, max_size=3)),
    "route": st.fixed_dictionaries(
        {"path": st.sampled_from(HOSTILE_PATHS) | texts, "lang": st.sampled_from(("nl", "en", "xx")) | scalars}
    ),
    "place": st.dictionaries(
        st.sampled_from(("region_code", "local_government_id", "organisation_id")), texts | scalars, max_size=3
    ),
}


def component_value(component_id: str, prop: str) -> st.SearchStrategy:
    """Values for `prop` of a component: its shape with hostile contents, or anything at all."""
    if prop == "data":
        shaped = STORES.get(component_id.rsplit("-", 1)[-1], anything)
    else:
        shaped = SHAPES.get(prop, anything)
    return st.one_of(shaped, shaped, anything)  # twice the weight for the shape: deeper into the callbacks


def fuzz_settings(default: int = DEFAULT_EXAMPLES):
    """Bounded runs: `STV_FUZZ_EXAMPLES` examples per target (else `default`), no deadline (a loaded machine), no
    example database left behind."""
    return settings(
        max_examples=int(os.environ.get("STV_FUZZ_EXAMPLES", default)),
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


class Tally:
    """Requests and statuses counted across a fuzz module, written to `STV_FUZZ_REPORT` when set."""

    def __init__(self, name: str):
        self.name = name
        self.statuses: Counter[int] = Counter()

    def count(self, status: int) -> None:
        self.statuses[status] += 1

    def write(self) -> None:
        target = os.environ.get("STV_FUZZ_REPORT")
        if not target:
            return
        path = Path(target)
        found = json.loads(path.read_text()) if path.exists() else {}
        found[self.name] = {"requests": sum(self.statuses.values()), "statuses": dict(sorted(self.statuses.items()))}
        path.write_text(json.dumps(found, indent=2))


def assert_no_server_error(response, what: str) -> None:
    """No 5xx and nothing of a traceback in the body (a text one: a workbook or a PDF is data)."""
    textual = response.mimetype.startswith("text/") or response.mimetype == "application/json"
    body = response.get_data(as_text=True) if textual else ""
    assert response.status_code < 500, (what, response.status_code, body[:300])
    for mark in ("Traceback", 'File "', "/site-packages/", "Error:"):
        assert mark not in body, (what, mark, body[:300])
