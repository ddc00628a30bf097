"""Page-local choices (a tab, a window, a colour, a selected language) kept in the query string beside the filters.

A page declares each choice once (`choice(...)`) and gives its control the id `ids.choice(...)`; the shell's URL
callback writes the control's value into the query string and sets the control from it on load and on back and
forward, so a copied link opens the same view. A filter change does not touch them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc

from dashboard import ids
from dashboard.filters import MULTI_VALUE, Problem


@dataclass(frozen=True)
class Choice:
    """A page-local choice: its query parameter, its default, and the values it may take (None: any code, which the
    page's callback checks against its data)."""

    parameter: str
    default: str | None
    values: tuple[str, ...] | None = None
    prop: str = "value"  # the control's property: "value", or "active_tab" for tabs

    def allows(self, value) -> bool:
        if value is None or value == "":
            return True
        if not isinstance(value, str):
            return False
        return CODE.fullmatch(value) is not None if self.values is None else value in self.values

    def read(self, query: Mapping) -> tuple[str | None, Problem | None]:
        """The value named in `query` (a mapping of parameter -> list of values), or the default, and a problem
        when the named value is not one the choice may take."""
        raw = list(query.get(self.parameter) or [])
        if not raw or raw[-1] == "":
            return self.default, None
        if self.allows(raw[-1]):
            return raw[-1], None
        return self.default, Problem(self.parameter, "unknown-code", raw[-1])

    def initial(self, query: Mapping) -> str | None:
        """The value the control starts with when its page is mounted."""
        return self.read(query)[0]

    def id(self, page_name: str) -> dict:
        return ids.choice(page_name, self.parameter, self.prop)

    def label(self, page_name: str, text: str, **props) -> dbc.Label:
        """A label that names this choice's control."""
        return dbc.Label(text, html_for=ids.dom_id(self.id(page_name)), **props)

    def dropdown(self, page_name: str, query: Mapping, **props) -> dcc.Dropdown:
        """A dropdown for this choice, starting at the URL's value (kept among its options until the page's
        callback brings the real ones: a dropdown would drop a value it has no option for, and the URL with it)."""
        value = self.initial(query)
        options = [] if value in (None, "") else [{"label": value, "value": value}]
        return dcc.Dropdown(id=self.id(page_name), value=value, options=options, **props)


CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")  # what a free choice (a language code) may look like
CHOICES: dict[str, Choice] = {}
RESERVED = frozenset((*MULTI_VALUE, "from", "to", "lang", "period"))


def choice(parameter: str, default: str | None, values=None, prop: str = "value") -> Choice:
    """Declare a page-local choice (once per parameter; pages that share a parameter share its declaration)."""
    if parameter in RESERVED:
        raise ValueError(f"page choice {parameter!r} would shadow a filter")
    declared = Choice(parameter, default, tuple(values) if values is not None else None, prop)
    existing = CHOICES.setdefault(parameter, declared)
    if existing != declared:
        raise ValueError(f"page choice {parameter!r} is declared twice, differently")
    return declared
