"""Callbacks of /supply-demand: the live figures (again on every refresh tick) and the drill-down to one language.
Glue only: the figures come from `dashboard.views.supply_demand`, the parts from `layouts.supply_demand`."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.access import may_list_individuals
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.views import supply_demand as views
from layouts import supply_demand as page
from layouts._components import download_links

NAME = page.NAME
EXPORTS = ("supply-demand", "open-requests")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the page's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "cards": Output(ids.page(NAME, "cards"), "children"),
            "languages": Output(ids.page(NAME, "languages-grid"), "rowData"),
            "heatmap": Output(ids.page(NAME, "heatmap"), "children"),
            "drill_options": Output(page.DRILL.id(NAME), "options"),
            "situation": Output(ids.page(NAME, "situation"), "children"),
            "recent_note": Output(ids.page(NAME, "recent-note"), "children"),
            "stamp": Output(ids.page(NAME, "stamp"), "data"),
        },
        inputs={
            "search": Input(ids.PAGE_QUERY, "data"),
            "window": Input(page.WINDOW.id(NAME), "value"),
            "_tick": Input(ids.page(NAME, "refresh"), "n_intervals"),
        },
    )
    def render_live(search, window, _tick):
        """Demand, supply and the gap per language in the window, and per day over the next 14 days."""

        def build(parsed: ParsedQuery) -> dict:
            lang, now = parsed.lang, context.settings.current_time()
            table = views.by_language(context.data, parsed.filters, now, window, lang)
            return {
                "downloads": download_links(EXPORTS, parsed.search, lang),
                "cards": page.cards(table, lang),
                "languages": page.language_rows(table, lang),
                "heatmap": page.heatmap(views.gap_by_day(context.data, parsed.filters, now, lang), lang),
                "drill_options": page.drill_options(table),
                "situation": page.situation(now, lang),
                "recent_note": page.recent_note(views.recent_period(now), parsed.filters, lang),
                "stamp": page.stamp(lang),
            }

        failed = {"downloads": None, "cards": None, "languages": [], "heatmap": None, "drill_options": []}
        failed |= {"recent_note": None}
        return render(context, search, build, failed | {"alerts": None, "situation": None, "stamp": no_update})

    @app.callback(
        Output(page.DRILL.id(NAME), "value"),
        Input(ids.page(NAME, "languages-grid"), "cellClicked"),
        prevent_initial_call=True,
    )
    def choose_clicked_language(cell):
        """A click on a language's row opens it below (the grid's row id is the language code)."""
        code = (cell or {}).get("rowId")
        return code if code and page.DRILL.allows(code) else no_update

    drill_inputs = {"language": Input(page.DRILL.id(NAME), "value"), "_stamp": Input(ids.page(NAME, "stamp"), "data")}
    drill_state = {"search": State(ids.PAGE_QUERY, "data"), "window": State(page.WINDOW.id(NAME), "value")}

    @app.callback(Output(ids.page(NAME, "regions-grid"), "rowData"), inputs=drill_inputs, state=drill_state)
    def drill_down_regions(language, _stamp, search, window):
        """The chosen language's pending and free hours per region in the window."""
        if not language:
            return []

        def build(parsed: ParsedQuery) -> list[dict]:
            now, window_shown = context.settings.current_time(), window
            regions = views.by_region(context.data, parsed.filters, language, now, window_shown)
            return page.region_rows(regions, parsed.lang)

        return render(context, search, build, [])

    @app.callback(Output(ids.page(NAME, "requests-grid"), "rowData"), inputs=drill_inputs, state=drill_state)
    def drill_down_requests(language, _stamp, search, window):
        """The chosen language's open requests in the window: a list of individual requests, so the grid is left
        out of the board's page and this answers nothing to a board account (CONTRACT §7)."""
        if not language or not may_list_individuals():
            return []

        def build(parsed: ParsedQuery) -> list[dict]:
            now, window_shown = context.settings.current_time(), window
            requests = views.open_requests(context.data, parsed.filters, now, window_shown, language)
            return page.request_rows(requests, parsed.lang)

        return render(context, search, build, [])

    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="lastUpdated"),
        Output(ids.page(NAME, "updated"), "children"),
        Input(ids.page(NAME, "stamp"), "data"),
    )
