"""`python -m benchmarks.render`: what one render of a page costs in database statements and cache look-ups.

A render is the page's callbacks that take its query (the wave a filter change starts), each posted to
`/_dash-update-component` as its own request, as a browser sends them. The page is rendered twice with the same
query: first on an empty cache (after the aggregate store has caught up), then again, as the next visitor or
another worker on a shared cache sees it. Counted per render: statements on the operational database and on the
aggregate store, data-version probes, cache look-ups and cache misses.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks.databases import DemoSpec, log_stderr, sqlite_demo
from dashboard import ids

DEFAULT_SEARCH = "?from=2025-01-01&to=2025-12-31"


class CountingCache:
    """A cache that counts look-ups and misses (and data-version look-ups apart), passing everything on."""

    def __init__(self, cache, counts: Counter):
        self.cache, self.counts = cache, counts

    def get(self, key):
        value = self.cache.get(key)
        kind = "version" if str(key).startswith("data-version") else "result"
        self.counts[f"cache {kind} look-ups"] += 1
        self.counts[f"cache {kind} misses"] += value is None
        return value

    def set(self, key, value, timeout=None):
        return self.cache.set(key, value, timeout=timeout)


def page_callbacks(app, page: str) -> list[dict]:
    """The request bodies of every callback of `page` that takes the page's query, other inputs left empty."""
    bodies = []
    for output, spec in app.callback_map.items():
        inputs = spec["inputs"]
        if not any(i["id"] == ids.PAGE_QUERY and i["property"] == "data" for i in inputs):
            continue
        if f"{page}-" not in output:  # every page's callbacks take the query: keep this page's
            continue
        outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
        bodies.append(
            {
                "output": output,
                "outputs": [{"id": o.component_id, "property": o.component_property} for o in outputs]
                if isinstance(spec["output"], list)
                else {"id": outputs[0].component_id, "property": outputs[0].component_property},
                "inputs": [{**i, "value": None} for i in inputs],
                "changedPropIds": [f"{ids.PAGE_QUERY}.data"],
                "state": [],
            }
        )
    return bodies


def signed_in(app):
    """A test client signed in with the form, as a manager (an account made for the benchmark)."""
    password = secrets.token_urlsafe(16)
    app.server.extensions["stv-state"].add_account("benchmark", ("manager",), password=password)
    client = app.server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    answer = client.post("/login", data={"username": "benchmark", "password": password, "csrf_token": token})
    assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
    return client


def measure(url: str, page: str, search: str, renders: int = 2) -> list[Counter]:
    """The counts of `renders` renders of `page` with `search` on the database at `url`."""
    from dashboard import create_app
    from dashboard.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="render-"))
    state_url = f"sqlite:///{folder / 'state.sqlite'}"
    app = create_app(
        {"settings": Settings(database_url=url, cache_url="simple://", store_dir=folder, state_url=state_url)}
    )
    data = app.server.extensions["stv"].data
    if data.store is not None:  # let the store catch up first, so that the renders read it as in production
        assert data.store.wait_for(data.data_version(), timeout=600), "the aggregate store did not catch up"
    data.cache.clear()
    counts = Counter()
    data.cache = CountingCache(data.cache, counts)
    executors = {"operational statements": data.database}
    if data.store is not None:
        executors["store statements"] = data.store.database
    bodies = page_callbacks(app, page)
    client = signed_in(app)
    results = []
    for _ in range(renders):
        counts.clear()
        executed = {name: executor.executed for name, executor in executors.items()}
        for body in bodies:
            body = json.loads(json.dumps(body))
            for i in body["inputs"]:
                if i["id"] == ids.PAGE_QUERY:
                    i["value"] = search
            response = client.post("/_dash-update-component", json=body)
            assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]
        statements = {name: executor.executed - executed[name] for name, executor in executors.items()}
        results.append(Counter({"callback requests": len(bodies), **statements, **counts}))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.render", description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="no-shows", help="the page's id prefix (default no-shows)")
    parser.add_argument("--search", default=DEFAULT_SEARCH, help=f"the query string (default {DEFAULT_SEARCH})")
    parser.add_argument("--url", help="database URL (default: the SQLite demo database of `make bench`)")
    args = parser.parse_args(argv)
    url = args.url or sqlite_demo(DemoSpec(1.0, 2022, "2026-11-23T09:00:00Z"), log_stderr)
    names = ["first render (empty cache)", "second render (same query)"]
    for name, counts in zip(names, measure(url, args.page, args.search)):
        print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
