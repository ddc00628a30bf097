"""Dash pages (one module per page, each calling `register_page`) and shared building blocks in `_*.py`."""

from __future__ import annotations

import importlib

PAGE_MODULES = ("layouts.overview", "layouts.report", "layouts.not_found_404")


def load_pages() -> None:
    """Import every page module so that it registers itself (after the Dash app exists, as Pages requires).

    The page modules are imported by name rather than found by Dash's folder scan, because `layouts/` sits beside
    the `dashboard` package and the scan would name them after their file path.
    """
    for name in PAGE_MODULES:
        importlib.import_module(name)
