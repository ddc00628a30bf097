"""Callbacks of `/organisations/<id>`: the organisation's own figures, outcomes per modality, no-shows and
cancellations per party, the monthly trend, modalities and languages. Glue only: the figures come from
`dashboard.views.regions`, the parts from `layouts.organisation` and `layouts._charts_places`."""

from __future__ import annotations

import dash
from dash import Input, Output, State, no_update

from callbacks._common import as_given, render
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import running_month
from dashboard.views import regions as views
from layouts import organisation as page
from layouts._breadcrumbs import missing_place
from layouts._charts import figure_monthly_requests
from layouts._charts_places import PLACE_PARTS, missing_parts, place_parts
from layouts._components import HIDDEN, empty_state, table_annual_report

NAME = page.NAME
# The organisation's own parts when there is none to show.
NO_ORGANISATION = {
    "facts": None,
    "outcomes": None,
    "parties": None,
    "trend": no_update,
    "trend_style": HIDDEN,
    "trend_empty": None,
    "languages": [],
}


def register(app: dash.Dash, context: Context) -> None:
    """Attach the organisation page's callback to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            **{key: Output(ids.page(NAME, part), prop) for key, (part, prop) in PLACE_PARTS.items()},
            "facts": Output(ids.page(NAME, "facts"), "children"),
            "outcomes": Output(ids.page(NAME, "outcomes"), "children"),
            "parties": Output(ids.page(NAME, "parties"), "children"),
            "trend": Output(ids.page(NAME, "trend"), "figure"),
            "trend_style": Output(ids.page(NAME, "trend"), "style"),
            "trend_empty": Output(ids.page(NAME, "trend-empty"), "children"),
            "languages": Output(ids.page(NAME, "language-table"), "rowData"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
        state={"path": State(ids.page(NAME, "place"), "data")},
    )
    def render_organisation(search, path):
        def build(parsed: ParsedQuery) -> dict:
            lang, filters, data = parsed.lang, parsed.filters, context.data
            place = views.find_place(data, "organisation", path, filters.scope)
            if place is None:
                message = missing_place("organisation", path, None, as_given(search), lang)
                return missing_parts(message) | NO_ORGANISATION
            shown = place_parts(
                NAME, views.place_view(data, filters, place, context.today()), context.targets, parsed.search, lang
            )
            if views.place_figures(data, filters, place)["requests"]:
                running = running_month(filters.start, filters.end, context.today())
                trend = figure_monthly_requests(views.place_monthly(data, filters, place), lang, running)
                shown |= {"trend": trend, "trend_style": {"height": "360px"}, "trend_empty": None}
            else:
                shown |= {"trend": no_update, "trend_style": HIDDEN, "trend_empty": empty_state(lang)}
            return shown | {
                "facts": page.facts(place, lang),
                "outcomes": table_annual_report(views.place_outcomes(data, filters, place), lang),
                "parties": page.parties_table(views.place_parties(data, filters, place), lang),
                "languages": page.language_rows(views.place_languages(data, filters, place, lang)),
            }

        return render(context, search, build, missing_parts() | NO_ORGANISATION | {"alerts": None})
