"""The data behind each view, as plain tables: what the pages draw and the exports return (CONTRACT.md §4).

One module per page. A module offers its exports in `EXPORTS`, a dict of export name to a function
`(context, filters, lang) -> DataFrame`; `export_views()` gathers them for `GET /export/<name>.csv|.xlsx`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.modules import submodules


class NotReady(Exception):
    """A view's data are still being prepared, or could not be: the export answers 503 with this message."""


def view_modules() -> list:
    """Every module of this package, imported, in name order."""
    return submodules(__name__, __path__)


def export_views() -> dict[str, Callable[..., pd.DataFrame]]:
    """Export name -> function (context, filters, lang) -> table, from every module's `EXPORTS`."""
    found: dict[str, Callable[..., pd.DataFrame]] = {}
    for module in view_modules():
        for name, view in getattr(module, "EXPORTS", {}).items():
            if name in found:
                raise ValueError(f"export '{name}' is defined twice (again in {module.__name__})")
            found[name] = view
    return found
