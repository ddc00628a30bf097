"""The shell's and the filter bar's ids, and the rule for page ids: `page(name, part)` is "<page>-<part>"."""

from __future__ import annotations

import json

from dashboard.filters import MULTI_VALUE

SHELL = "shell"
URL = "shell-url"
ROUTE = "shell-route"  # {"path", "lang", ...}: what the mounted page depends on (set in the browser)
QUERY = "shell-query"  # the filters and interface language as a normalised query string, once validated
ALERTS = "shell-alerts"
OUTAGE = "shell-outage"  # the banner while the operational database cannot be reached (callbacks.outage)
OUTAGE_TICK = "shell-outage-tick"  # asks again every probe interval, so the banner comes and goes by itself
PAGE = "shell-page"
CHOICE_RULES = "shell-choice-rules"  # every page choice's default and allowed values, for the browser
PAGE_QUERY = "page-query"  # the mounted page's copy of QUERY: its callbacks' input (callbacks.shell)
NAV = "shell-nav"
BRAND = "shell-brand"
LANG_SWITCH = "shell-lang-switch"
SIGN_OUT = "shell-sign-out"
SIGNED_IN = "shell-signed-in"
ACCOUNT = "shell-account"  # the account's menu: its own pages (layouts.Page.menu) and signing out
ACCOUNT_HINT = "shell-account-hint"  # "Signed in as", for screen readers, before the name on the menu's button
ACCOUNT_LINKS = "shell-account-links"
FOOTER = "shell-footer"
FILTER_PRESET = "filter-preset"  # the quick period choices
FILTER_QUARTER = "filter-quarter"
FILTER_YEAR = "filter-year"
PERIOD_PICKERS = (FILTER_PRESET, FILTER_QUARTER, FILTER_YEAR)
PERIOD_NOTE = "shell-period-note"  # under the filter bar: the period still runs, or has not begun
FILTER_FROM = "filter-from"
FILTER_TO = "filter-to"
FILTER_RESET = "filter-reset"
KIND_HELP = "filter-kind-help"  # under the interpreter-kind filter: what it selects on this page
FILTER_CODES = MULTI_VALUE  # the code filters, in the filter bar's order
# accessibility and small screens (callbacks.a11y)
SKIP_LINK = "shell-skip-link"
NAV_TOGGLE = "shell-nav-toggle"
NAV_COLLAPSE = "shell-nav-collapse"
FILTER_TOGGLE = "filter-toggle"
FILTER_SECTION = "filter-section"  # the filter bar and the alerts about the link: a landmark
FILTER_SUMMARY = "filter-summary"
FILTER_COLLAPSE = "filter-collapse"
FOOTER_A11Y = "shell-footer-accessibility"


def filter_input(name: str) -> str:
    """The id of the filter bar's input for parameter `name`."""
    return f"filter-{name}"


def filter_label(name: str) -> str:
    """The id of the label above the filter bar's input for `name`."""
    return f"filter-label-{name}"


def page(page_name: str, part: str) -> str:
    """The id of a part of a page, e.g. page('overview', 'cards') == 'overview-cards'."""
    return f"{page_name}-{part}"


def choice(page_name: str, parameter: str, prop: str = "value") -> dict:
    """The id of a page-local choice's control (layouts._choices): the shell keeps its `prop` in the URL."""
    return {"page": page_name, "choice": parameter, "prop": prop}


def dom_id(component_id: str | dict) -> str:
    """The id the browser sees (what a label's `html_for` names): a dict id as Dash writes it, keys sorted."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def nav_link(path: str) -> dict:
    """The id of the navigation's link to `path` (its href keeps the filters)."""
    return {"nav": path}


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
