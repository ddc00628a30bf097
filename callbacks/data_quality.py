"""Callbacks of `/data-quality`: one card per check (count, what it means, its list to download) and a section
per check with its breakdown and the organisations concerned (links to their pages). Glue only: the figures come
from `dashboard.views.data_quality`, the parts from `layouts.data_quality`."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State

from callbacks._common import register_rows, render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.views import data_quality as views
from layouts import data_quality as page
from layouts._charts_places import defect_columns
from layouts._components import download_links

NAME = page.NAME


def register(app: dash.Dash, context: Context) -> None:
    """Attach the data-quality page's callback to `app`."""

    @app.callback(
        output={
            **{part: Output(ids.page(NAME, part), "children") for part in ("alerts", "downloads", "scope", "summary")},
            **{f"detail_{c}": Output(ids.page(NAME, f"detail-{c}"), "children") for c in views.CHECKS},
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_checks(search):
        def build(parsed: ParsedQuery) -> dict:
            lang, filters, data = parsed.lang, parsed.filters, context.data
            now = context.settings.current_time()
            shown = {
                "downloads": download_links(("data-quality",), parsed.search, lang),
                "scope": page.scope(filters, views.measured_at(filters, now), lang),
                "summary": page.summary_cards(views.summary(data, filters, now), parsed.search, lang),
            }
            for check in views.CHECKS:
                shown[f"detail_{check}"] = page.detail(check, views.by_detail(data, filters, check, now), lang)
            return shown

        failed = {"downloads": None, "scope": None, "summary": None}
        failed |= {f"detail_{check}": None for check in views.CHECKS}
        return render(context, search, build, failed | {"alerts": None})

    for check in views.CHECKS:
        register_rows(app, context, page.organisations_grid(check), _rows_of(context, check), defect_columns(check))

    # A new query: the grids, which stay in the page with the blocks they hold, ask for their rows again.
    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="askRowsAgain"),
        Output(page.GRIDS, "data"),
        Input(ids.PAGE_QUERY, "data"),
        State(page.GRIDS, "data"),
    )


def _rows_of(context: Context, check: str):
    """The organisations concerned by `check` for a page's query, as its grid's rows."""

    def rows(parsed: ParsedQuery):
        table = views.by_organisation(context.data, parsed.filters, check, context.settings.current_time())
        return page.organisation_rows(table, parsed.search, parsed.lang)

    return rows
