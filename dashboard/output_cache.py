"""Page callbacks' answers kept whole (issue 12: a warm callback in <= 20 ms of server time).

The query cache (dashboard.data) keeps query results; a page callback still reshaped them, built its figures and
grids and serialised them to JSON on every call (35-350 ms a page with every query cached). `OutputCache.wrap`,
applied to every server callback in one place (callbacks._common.guard_callbacks), keeps the JSON answer itself,
in the same cache (Redis or files: every worker shares it), under a key of everything the answer may depend on:

- the callback and its checked inputs and states (the page's normalised query: filters and the interface
  language), and the outputs asked for; a timer's `n_intervals` is a trigger, not a value, and is left out;
- the account's roles and scope (dashboard.access: which organisations it sees, whether it sees individuals):
  one scope's answer is never served to another;
- the data version (the same probe as the query cache), the day of "now", the database's identity, and the
  code (a digest of the dashboard's sources and Dash's and Plotly's versions: a new release draws anew).

Which answers are kept: those computed through `callbacks._common.render` (`page_output()`: a page's figures),
unless something said otherwise while computing (`not_kept()`: the database failed, a forecast is still being
fitted), and not for a request with malformed inputs (their alert is of that request). An answer lives as long
as what it was made of: a query read with `max_age` (tables the data version does not watch) bounds it to the
end of that query's slot (`keep_until`), and reading the wall clock (`reads_clock`: Settings.current_time
without STV_NOW) to the end of the data version's probe slot, as fresh as a query result. Callbacks never
computed through `render` (the shell, administration, subscriptions) are looked up once per worker: once one has
answered only without a page's figures it is not looked up again. (The other way round, looking up only what this
worker had kept itself, each worker drew every page callback once more although another had kept its answer.)
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from pathlib import Path

import flask

RECORD = "stv_output"  # flask.g: what the answer being computed depends on
SOURCES = ("dashboard", "callbacks", "layouts", "queries")
ROOT = Path(__file__).resolve().parent.parent


# --- what an answer depends on, said while it is computed (no-ops outside a wrapped callback) -------------------


def _record() -> dict | None:
    return flask.g.get(RECORD) if flask.has_request_context() else None


def page_output() -> None:
    """The answer being computed is a page's figures: it may be kept."""
    record = _record()
    if record is not None:
        record["page"] = True


def not_kept() -> None:
    """The answer being computed must not be kept (a failure shown, something still being prepared)."""
    record = _record()
    if record is not None:
        record["kept"] = False


def keep_until(moment: float) -> None:
    """The answer being computed holds only until `moment` (on the data access's clock)."""
    record = _record()
    if record is not None:
        record["until"] = min(record["until"], moment)


def reads_clock() -> None:
    """The answer being computed read the wall clock: it holds until the data version's next probe."""
    record = _record()
    if record is not None:
        record["clock"] = True


# --- the cache ---------------------------------------------------------------------------------------------------


class OutputCache:
    """Keeps page callbacks' JSON answers in the data access's cache (see the module's docstring)."""

    def __init__(self, context):
        self.context = context
        self.data = context.data
        self._pages: set[str] = set()  # callbacks seen answering a page's figures: always looked up
        self._others: set[str] = set()  # callbacks seen answering only something else: not looked up
        self._code: str | None = None

    def wrap(self, name: str, spec: dict, function: Callable) -> Callable:
        """`function` (Dash's wrapper of the callback `name`, answering JSON text) with its answers kept."""
        ticks = {i for i, item in enumerate(spec["inputs"] + spec["state"]) if item["property"] == "n_intervals"}

        def run(*args, **kwargs):
            # Callbacks seen answering other than a page's figures (the shell, administration) are not looked up
            # again, nor their keys made (a data-version read): after their first call they cost nothing more.
            skipped = name in self._others and name not in self._pages
            key = None if skipped else self._key(name, args, kwargs, ticks)
            if key is not None:
                entry = self.data.cache_get(key)
                if entry is not None and self.data.clock() < entry["until"]:
                    return entry["answer"]
            record = {"page": False, "kept": True, "until": math.inf, "clock": False}
            if flask.has_request_context():
                setattr(flask.g, RECORD, record)  # (one callback per request: Dash's dispatch)
            try:
                answer = function(*args, **kwargs)
            finally:
                if flask.has_request_context():
                    flask.g.pop(RECORD, None)
            (self._pages if record["page"] else self._others).add(name)
            if record["page"] and record["kept"] and isinstance(answer, str) and key is not None:
                self._keep(key, answer, record)
            return answer

        return run

    def _keep(self, key: str, answer: str, record: dict) -> None:
        until = record["until"]
        if record["clock"]:
            probe = self.data.probe_seconds
            until = min(until, (self.data.clock() // probe + 1) * probe)
        left = until - self.data.clock()
        if left <= 0:
            return
        timeout = None if math.isinf(left) else math.ceil(left) + 1
        self.data.cache_set(key, {"answer": answer, "until": until}, timeout)

    def _key(self, name: str, args: tuple, kwargs: dict, ticks: set[int]) -> str | None:
        """The entry's key, or None when this request's answer is not to be looked up or kept: outside a request,
        with malformed inputs (dashboard.payloads), or before any data version could be read."""
        from dashboard import payloads
        from dashboard.access import current_account
        from dashboard.db import DatabaseUnavailable

        if not flask.has_request_context() or payloads.rejected():
            return None
        try:
            version = self.data.data_version()
        except DatabaseUnavailable:
            return None
        account = current_account()
        who = None if account is None else (sorted(account.roles), repr(account.scope), account.sees_individuals)
        values = [None if i in ticks else value for i, value in enumerate(args)]
        parts = [self.data.identity, self.code(), name, values, kwargs.get("outputs_list"), who, version]
        parts.append(self.context.today().isoformat())
        text = json.dumps(parts, sort_keys=True, default=repr, separators=(",", ":"))
        return "out:" + hashlib.sha256(text.encode()).hexdigest()

    def code(self) -> str:
        """A digest of the code that draws the answers: the dashboard's sources and Dash's and Plotly's versions."""
        if self._code is None:
            import dash
            import plotly

            digest = hashlib.sha256(f"{dash.__version__}|{plotly.__version__}".encode())
            for package in SOURCES:
                for path in sorted((ROOT / package).rglob("*")):
                    if path.is_file() and "__pycache__" not in path.parts:
                        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
            self._code = digest.hexdigest()[:16]
        return self._code
