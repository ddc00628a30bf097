"""Interpreter activity callbacks: headline figures and activity per kind and language, hours per interpreter,
interpreters inactive for six months, the kind mix per language, and the taalhulp flow. Ids only, never names.
Glue only: the figures come from `dashboard.views.interpreters`, the parts from `layouts.interpreters`."""

from __future__ import annotations

import dash
from dash import Input, Output, no_update

from callbacks._common import render
from dashboard import ids
from dashboard.access import may_list_individuals
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.periods import running_month
from dashboard.views import interpreters as views
from layouts import interpreters as page
from layouts._charts import figure_kind_mix
from layouts._charts_management import (
    figure_activity_by_kind,
    figure_hours_histogram,
    figure_inactive_by_kind,
    figure_invitations_monthly,
    hours_table,
)
from layouts._components import HIDDEN, download_links, empty_state

NAME = page.NAME
EXPORTS = (
    "interpreter-activity",
    "interpreter-hours",
    "interpreters-inactive",
    "interpreter-kind-mix",
    "taalhulp-invitations",
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the interpreters page's callbacks to `app`."""

    @app.callback(
        output={
            "alerts": Output(ids.page(NAME, "alerts"), "children"),
            "downloads": Output(ids.page(NAME, "downloads"), "children"),
            "cards": Output(ids.page(NAME, "cards"), "children"),
            "kinds": Output(ids.page(NAME, "activity-kinds"), "figure"),
            "languages": Output(ids.page(NAME, "activity-languages"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_activity(search):
        """The headline cards, and registered against active interpreters per kind and per language."""

        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            return {
                "downloads": download_links(EXPORTS, parsed.search, lang),
                "cards": page.cards(views.headline(context.data, filters, context.today()).iloc[0], lang),
                "kinds": figure_activity_by_kind(views.activity_by_kind(context.data, filters), lang),
                "languages": page.activity_grid(views.activity_by_language(context.data, filters, lang), lang),
            }

        failed = {"downloads": None, "cards": None, "kinds": no_update, "languages": None}
        return render(context, search, build, failed | {"alerts": None})

    @app.callback(
        output={
            "hours": Output(ids.page(NAME, "hours"), "figure"),
            "hours_style": Output(ids.page(NAME, "hours"), "style"),
            "empty": Output(ids.page(NAME, "hours-empty"), "children"),
            "quantiles": Output(ids.page(NAME, "hours-table"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_hours(search):
        """The distribution of hours interpreted per interpreter, and its quantiles."""

        def build(parsed: ParsedQuery) -> dict:
            summary = views.hours_summary(context.data, parsed.filters)
            if summary.interpreters.iloc[0] == 0:
                empty = empty_state(parsed.lang, "interpreters-hours-empty")
                return {"hours": {}, "hours_style": HIDDEN, "empty": empty, "quantiles": None}
            histogram = figure_hours_histogram(views.hours_histogram(context.data, parsed.filters), parsed.lang)
            quantiles = hours_table(summary, parsed.lang)
            return {"hours": histogram, "hours_style": {"height": "380px"}, "empty": None, "quantiles": quantiles}

        failed = {"hours": no_update, "hours_style": HIDDEN, "empty": None, "quantiles": None}
        return render(context, search, build, failed)

    @app.callback(
        output={
            "window": Output(ids.page(NAME, "inactive-window"), "children"),
            "kinds": Output(ids.page(NAME, "inactive-kinds"), "figure"),
            "kinds_style": Output(ids.page(NAME, "inactive-kinds"), "style"),
            "languages": Output(ids.page(NAME, "inactive-languages"), "children"),
            "list": Output(ids.page(NAME, "inactive-list"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_inactive(search):
        """Who has been registered but without a completed request for six months."""

        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            window = page.inactive_window(*views.inactivity_window(filters, context.today()), lang)
            table = views.inactive(context.data, filters, context.today())
            if table.empty:
                empty = empty_state(lang, "interpreters-inactive-empty")
                return {"window": window, "kinds": {}, "kinds_style": HIDDEN, "languages": empty, "list": None}
            figure = figure_inactive_by_kind(table, lang)
            by_language = views.inactive_by_language(context.data, filters, context.today(), lang)
            return {
                "window": window,
                "kinds": figure,
                "kinds_style": {"height": f"{figure.layout.height}px"},
                "languages": page.inactive_language_grid(by_language, lang),
                "list": page.inactive_list_grid(table, lang) if may_list_individuals() else None,
            }

        failed = {"window": None, "kinds": no_update, "kinds_style": HIDDEN, "languages": None, "list": None}
        return render(context, search, build, failed)

    @app.callback(
        output={
            "mix": Output(ids.page(NAME, "kind-mix"), "figure"),
            "mix_style": Output(ids.page(NAME, "kind-mix"), "style"),
            "empty": Output(ids.page(NAME, "kind-mix-empty"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_kind_mix(search):
        """Which kinds of interpreter carried out each language's completed requests."""

        def build(parsed: ParsedQuery) -> dict:
            mix = views.kind_mix(context.data, parsed.filters, parsed.lang)
            if mix.empty:
                empty = empty_state(parsed.lang, "interpreters-completed-empty")
                return {"mix": {}, "mix_style": HIDDEN, "empty": empty}
            figure = figure_kind_mix(mix, None, parsed.lang)
            return {"mix": figure, "mix_style": {"height": f"{figure.layout.height}px"}, "empty": None}

        return render(context, search, build, {"mix": no_update, "mix_style": HIDDEN, "empty": None})

    @app.callback(
        output={
            "cards": Output(ids.page(NAME, "taalhulp-cards"), "children"),
            "monthly": Output(ids.page(NAME, "taalhulp-monthly"), "figure"),
            "monthly_style": Output(ids.page(NAME, "taalhulp-monthly"), "style"),
            "empty": Output(ids.page(NAME, "taalhulp-empty"), "children"),
            "pools": Output(ids.page(NAME, "taalhulp-pools"), "children"),
        },
        inputs={"search": Input(ids.PAGE_QUERY, "data")},
    )
    def render_taalhulp(search):
        """The taalhulp self-match flow: invitations, responses, acceptance and response time, per pool."""

        def build(parsed: ParsedQuery) -> dict:
            lang, filters = parsed.lang, parsed.filters
            flow = views.taalhulp_summary(context.data, filters).iloc[0]
            cards = page.taalhulp_cards(flow, lang)
            if flow.invitations == 0:
                empty = empty_state(lang, "interpreters-taalhulp-empty")
                return {"cards": cards, "monthly": {}, "monthly_style": HIDDEN, "empty": empty, "pools": None}
            return {
                "cards": cards,
                "monthly": figure_invitations_monthly(
                    views.taalhulp_monthly(context.data, filters),
                    lang,
                    running_month(filters.start, filters.end, context.today()),
                ),
                "monthly_style": {"height": "380px"},
                "empty": None,
                "pools": page.pool_grid(views.taalhulp_by_pool(context.data, filters), lang),
            }

        failed = {"cards": None, "monthly": no_update, "monthly_style": HIDDEN, "empty": None, "pools": None}
        return render(context, search, build, failed)
