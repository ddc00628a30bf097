"""Dash callbacks, one module per page (mirroring `layouts/`), each exposing `register(app, context)`."""

from __future__ import annotations

import dash

from callbacks import overview, report, shell
from dashboard.context import Context


def register_all(app: dash.Dash, context: Context) -> None:
    """Attach every callback of the dashboard to `app`."""
    for module in (shell, overview, report):
        module.register(app, context)
