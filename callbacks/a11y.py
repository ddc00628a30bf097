"""The shell's accessibility and small-screen parts (issue 13): their words in the interface language (the skip
link, the footer's link to the accessibility statement, the dropdowns' own labels), the collapsible navigation
and filter panel, and the one-line summary of the active filters (all in the browser but the words)."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from dashboard import ids
from dashboard.context import Context
from dashboard.i18n import t

DROPDOWNS = [ids.FILTER_PRESET, *(ids.filter_input(name) for name in ids.FILTER_CODES)]
DROPDOWN_LABELS = {
    "select_all": "dropdown-select-all",
    "deselect_all": "dropdown-deselect-all",
    "selected_count": "dropdown-selected-count",
    "search": "dropdown-search",
    "clear_search": "dropdown-clear-search",
    "clear_selection": "dropdown-clear-selection",
    "no_options_found": "dropdown-no-options",
}

TEXTS = {
    "skip": Output(ids.SKIP_LINK, "children"),
    "statement": Output(ids.FOOTER_A11Y, "children"),
    "statement_href": Output(ids.FOOTER_A11Y, "href"),
    "toggle": Output(ids.NAV_TOGGLE, "aria-label"),
    "filters": Output(ids.FILTER_SECTION, "aria-label"),
    "labels": [Output(name, "labels") for name in DROPDOWNS],
    "none": Output(ids.FILTER_SUMMARY, "data-none"),
    "date_forms": [Output(name, "placeholder") for name in (ids.FILTER_FROM, ids.FILTER_TO)],
}


def register(app: dash.Dash, context: Context) -> None:
    """Attach the callbacks to `app`."""
    # drawn with the layout (callbacks.shell.first_paint); then whenever the route changes
    app.callback(output=TEXTS, inputs={"route": Input(ids.ROUTE, "data")}, prevent_initial_call=True)(translate_a11y)
    for toggle, collapse in ((ids.NAV_TOGGLE, ids.NAV_COLLAPSE), (ids.FILTER_TOGGLE, ids.FILTER_COLLAPSE)):
        app.clientside_callback(
            ClientsideFunction(namespace="stv", function_name="toggle"),
            Output(collapse, "is_open"),
            Output(toggle, "aria-expanded"),
            Input(toggle, "n_clicks"),
            State(collapse, "is_open"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="filterSummary"),
        Output(ids.FILTER_SUMMARY, "children"),
        Input(ids.FILTER_FROM, "value"),
        Input(ids.FILTER_TO, "value"),
        [Input(name, "value") for name in DROPDOWNS[1:]],
        [Input(name, "options") for name in DROPDOWNS[1:]],
        Input(ids.FILTER_SUMMARY, "data-none"),
    )


def translate_a11y(route) -> dict:
    """The words of the accessibility parts in the route's language."""
    lang = route.get("lang") if isinstance(route, dict) and route.get("lang") in ("nl", "en") else "nl"
    labels = {prop: t(key, lang) for prop, key in DROPDOWN_LABELS.items()}
    return {
        "skip": t("skip-to-content", lang),
        "statement": t("footer-accessibility", lang),
        "statement_href": f"/toegankelijkheid?lang={lang}",
        "toggle": t("nav-toggle", lang),
        "filters": t("filters", lang),
        "labels": [labels] * len(DROPDOWNS),
        "none": t("filters-summary-none", lang),
        "date_forms": [t("date-placeholder", lang)] * 2,
    }
