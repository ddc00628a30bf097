"""Dash pages (one module per page, each calling `register_page`) and shared building blocks in `_*.py`."""

from __future__ import annotations

import importlib
import pkgutil


def load_pages() -> None:
    """Import every page module (each module here not starting with '_') so that it registers itself, after the
    Dash app exists, as Pages requires.

    The page modules are imported by name rather than found by Dash's folder scan, because `layouts/` sits beside
    the `dashboard` package and the scan would name them after their file path.
    """
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
