"""Dash callbacks, one module per page (mirroring `layouts/`), each exposing `register(app, context)`; shared
helpers in `_*.py`."""

from __future__ import annotations

import importlib
import pkgutil

import dash

from dashboard.context import Context


def register_all(app: dash.Dash, context: Context) -> None:
    """Attach every callback of the dashboard to `app`: each module here not starting with '_' registers its own."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}").register(app, context)
