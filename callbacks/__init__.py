"""Dash callbacks, one module per page (mirroring `layouts/`), each exposing `register(app, context)`; shared
helpers in `_*.py`."""

from __future__ import annotations

import dash

from callbacks._common import guard_callbacks
from dashboard.context import Context
from dashboard.modules import submodules


def register_all(app: dash.Dash, context: Context) -> None:
    """Attach every callback of the dashboard to `app`: each module here not starting with '_' registers its own;
    then every server callback gets its inputs checked and a page's answers kept (callbacks._common.guard_callbacks)."""
    for module in submodules(__name__, __path__):
        module.register(app, context)
    guard_callbacks(app, context)
