"""Page texts: one module per page (named after it), each with a `MESSAGES` dict of key -> (Dutch, English).

Texts shared by several pages (shell, filters, figures and their definitions) stay in `dashboard.i18n`, which merges
these in; `dashboard.i18n.t` is the only way to read them.
"""

from __future__ import annotations

import importlib
import pkgutil


def page_messages() -> dict[str, tuple[str, str]]:
    """Every page module's `MESSAGES`, merged; a key defined twice is an error."""
    found: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in found:
                raise ValueError(f"text '{key}' is defined twice (again in {module.__name__})")
            found[key] = texts
    return found
