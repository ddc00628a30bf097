"""Page texts: one module per page (named after it), each with a `MESSAGES` dict of key -> (Dutch, English).

Texts shared by several pages (shell, filters, figures and their definitions) stay in `dashboard.i18n`, which merges
these in; `dashboard.i18n.t` is the only way to read them.
"""

from __future__ import annotations

from dashboard.modules import submodules


def page_messages() -> dict[str, tuple[str, str]]:
    """Every page module's `MESSAGES`, merged; a key defined twice is an error."""
    found: dict[str, tuple[str, str]] = {}
    for module in submodules(__name__, __path__):
        for key, texts in module.MESSAGES.items():
            if key in found:
                raise ValueError(f"text '{key}' is defined twice (again in {module.__name__})")
            found[key] = texts
    return found
