"""Callbacks of `/data-quality`: one card per check (count, what it means, its list to download) and a section
per check with its breakdown and the organisations concerned (links to their pages). Glue only: the figures come
from `dashboard.views.data_quality`, the parts from `layouts.data_quality`."""

from __future__ import annotations

import dash
from dash import Input, Output

from callbacks._common import render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.views import data_quality as views
from layouts import data_quality as page
from layouts._components import download_links

NAME = page.NAME


def register(app: dash.Dash, context: Context) -> None:
    """Attach the data-quality page's callback to `app`."""

    @app.callback(
        output={
            **{part: Output(ids.page(NAME, part), "children") for part in ("alerts", "downloads", "scope", "summary")},
            **{f"detail_{c}": Output(ids.page(NAME, f"detail-{c}"), "children") for c in views.CHECKS},
            **{f"organisations_{c}": Output(ids.page(NAME, f"organisations-{c}"), "rowData") for c in views.CHECKS},
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
                organisations = views.by_organisation(data, filters, check, now)
                shown[f"organisations_{check}"] = page.organisation_rows(organisations, parsed.search, lang)
            return shown

        failed = {"downloads": None, "scope": None, "summary": None}
        failed |= {f"detail_{check}": None for check in views.CHECKS}
        failed |= {f"organisations_{check}": [] for check in views.CHECKS}
        return render(context, search, build, failed | {"alerts": None})
