"""Every component id, once. Values are prefixed by where they live (shell, filter, page)."""

from __future__ import annotations

from dashboard.filters import MULTI_VALUE

SHELL = "shell"
URL = "shell-url"
LANG = "shell-lang"
NAV = "shell-nav"
BRAND = "shell-brand"
LANG_SWITCH = "shell-lang-switch"
FOOTER = "shell-footer"
FILTER_PRESET = "filter-preset"
FILTER_FROM = "filter-from"
FILTER_TO = "filter-to"
FILTER_RESET = "filter-reset"
FILTER_CODES = MULTI_VALUE  # the code filters, in the filter bar's order


def filter_input(name: str) -> str:
    """The id of the filter bar's input for parameter `name`."""
    return f"filter-{name}"


def filter_label(name: str) -> str:
    """The id of the label above the filter bar's input for `name`."""
    return f"filter-label-{name}"


def page(page_name: str, part: str) -> str:
    """The id of a part of a page, e.g. page('overview', 'cards') == 'overview-cards'."""
    return f"{page_name}-{part}"


def kpi_card(page_name: str, metric: str) -> str:
    """The id of a figure card (its tooltip targets it)."""
    return f"{page_name}-kpi-{metric}"


# The overview's trend charts: (part of the page id, title key).
OVERVIEW_UKRAINE_CHARTS = (("ukraine-requests", "chart-ukraine-requests"), ("ukraine-kinds", "chart-ukraine-kinds"))
OVERVIEW_TREND_CHARTS = (
    ("trend-modalities", "chart-modalities"),
    ("trend-outcomes", "chart-outcomes"),
    ("trend-answer-rate", "chart-answer-rate"),
    ("trend-rolling", "chart-rolling"),
    ("trend-year-on-year", "chart-year-on-year"),
)
