"""Interpreter activity callbacks: headline figures and activity per kind and language, hours per interpreter,
interpreters inactive for six months, the kind mix per language, and the taalhulp flow. Ids only, never names."""

from __future__ import annotations

from datetime import date

import dash
from dash import Input, Output, no_update

from callbacks._common import HIDDEN, normalised_search, render_page
from dashboard import codes, ids
from dashboard.context import Context
from dashboard.filters import Filters, ParsedQuery
from dashboard.i18n import format_count, format_date, t
from dashboard.periods import brussels_today
from dashboard.views import interpreters as views
from layouts._charts import figure_kind_mix
from layouts._charts_management import (
    figure_activity_by_kind,
    figure_hours_histogram,
    figure_inactive_by_kind,
    figure_invitations_monthly,
    format_hours,
    hours_table,
    rate_card,
    sized_grid,
    stat_card,
)
from layouts._components import FIVE_CARDS, download_links, empty_state
from layouts._grid import Column

NAME = "interpreters"
EXPORTS = (
    "interpreter-activity",
    "interpreter-hours",
    "interpreters-inactive",
    "interpreter-kind-mix",
    "taalhulp-invitations",
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the interpreters page's callbacks to `app`."""

    def today() -> date:
        return brussels_today(context.settings.current_time())

    @app.callback(
        output=[
            Output(ids.page(NAME, "alerts"), "children"),
            Output(ids.page(NAME, "downloads"), "children"),
            Output(ids.page(NAME, "cards"), "children"),
            Output(ids.page(NAME, "activity-kinds"), "figure"),
            Output(ids.page(NAME, "activity-languages"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_activity(search):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            kinds = views.activity_by_kind(context.data, filters)
            cards = headline_cards(context, filters, today(), lang)
            languages = views.activity_by_language(context.data, filters, lang)
            return (
                download_links(EXPORTS, normalised_search(parsed), lang),
                cards,
                figure_activity_by_kind(kinds, lang),
                activity_grid(languages, lang),
            )

        return render_page(context, search, build, failed=(None, None, no_update, None))

    @app.callback(
        output=[
            Output(ids.page(NAME, "hours"), "figure"),
            Output(ids.page(NAME, "hours"), "style"),
            Output(ids.page(NAME, "hours-empty"), "children"),
            Output(ids.page(NAME, "hours-table"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_hours(search):
        """The distribution of hours interpreted per interpreter, and its quantiles."""

        def build(parsed: ParsedQuery):
            summary = views.hours_summary(context.data, parsed.filters)
            if summary.interpreters.iloc[0] == 0:
                return {}, HIDDEN, empty_state(parsed.lang, "interpreters-hours-empty"), None
            histogram = views.hours_histogram(context.data, parsed.filters)
            return (
                figure_hours_histogram(histogram, parsed.lang),
                {"height": "380px"},
                None,
                hours_table(summary, parsed.lang),
            )

        return render_page(context, search, build, failed=(no_update, HIDDEN, None, None))[1:]

    @app.callback(
        output=[
            Output(ids.page(NAME, "inactive-window"), "children"),
            Output(ids.page(NAME, "inactive-kinds"), "figure"),
            Output(ids.page(NAME, "inactive-kinds"), "style"),
            Output(ids.page(NAME, "inactive-languages"), "children"),
            Output(ids.page(NAME, "inactive-list"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_inactive(search):
        """Who has been registered but without a completed request for six months."""

        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            reference, since = views.inactivity_window(filters, today())
            window = t(
                "interpreters-inactive-window",
                lang,
                since=format_date(since, lang),
                reference=format_date(reference, lang),
            )
            table = views.inactive(context.data, filters, today())
            if table.empty:
                return window, {}, HIDDEN, empty_state(lang, "interpreters-inactive-empty"), None
            figure = figure_inactive_by_kind(table, lang)
            by_language = views.inactive_by_language(context.data, filters, today(), lang)
            return (
                window,
                figure,
                {"height": f"{figure.layout.height}px"},
                inactive_language_grid(by_language, lang),
                inactive_list_grid(table, lang),
            )

        return render_page(context, search, build, failed=(None, no_update, HIDDEN, None, None))[1:]

    @app.callback(
        output=[
            Output(ids.page(NAME, "kind-mix"), "figure"),
            Output(ids.page(NAME, "kind-mix"), "style"),
            Output(ids.page(NAME, "kind-mix-empty"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_kind_mix(search):
        """Which kinds of interpreter carried out each language's completed requests."""

        def build(parsed: ParsedQuery):
            mix = views.kind_mix(context.data, parsed.filters, parsed.lang)
            if mix.empty:
                return {}, HIDDEN, empty_state(parsed.lang, "interpreters-completed-empty")
            figure = figure_kind_mix(mix, None, parsed.lang)
            return figure, {"height": f"{figure.layout.height}px"}, None

        return render_page(context, search, build, failed=(no_update, HIDDEN, None))[1:]

    @app.callback(
        output=[
            Output(ids.page(NAME, "taalhulp-cards"), "children"),
            Output(ids.page(NAME, "taalhulp-monthly"), "figure"),
            Output(ids.page(NAME, "taalhulp-monthly"), "style"),
            Output(ids.page(NAME, "taalhulp-empty"), "children"),
            Output(ids.page(NAME, "taalhulp-pools"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_taalhulp(search):
        """The taalhulp self-match flow: invitations, responses, acceptance and response time, per pool."""

        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            flow = views.taalhulp_summary(context.data, filters).iloc[0]
            cards = taalhulp_cards(flow, lang)
            if flow.invitations == 0:
                return cards, {}, HIDDEN, empty_state(lang, "interpreters-taalhulp-empty"), None
            monthly = views.taalhulp_monthly(context.data, filters)
            pools = views.taalhulp_by_pool(context.data, filters)
            return cards, figure_invitations_monthly(monthly, lang), {"height": "380px"}, None, pool_grid(pools, lang)

        return render_page(context, search, build, failed=(None, no_update, HIDDEN, None, None))[1:]


def headline_cards(context: Context, filters: Filters, today: date, lang: str) -> list:
    """Registered, active, activity rate, inactive for six months and median hours per interpreter."""
    figures = views.headline(context.data, filters, today).iloc[0]
    return [
        stat_card(
            NAME, "registered_interpreters", format_count(figures.registered_interpreters, lang), lang, size=FIVE_CARDS
        ),
        stat_card(NAME, "active_interpreters", format_count(figures.active_interpreters, lang), lang, size=FIVE_CARDS),
        rate_card(NAME, "activity_rate", figures.activity_rate, lang, FIVE_CARDS),
        stat_card(
            NAME, "inactive_interpreters", format_count(figures.inactive_interpreters, lang), lang, size=FIVE_CARDS
        ),
        stat_card(NAME, "hours_per_interpreter", format_hours(figures.median_hours, lang), lang, size=FIVE_CARDS),
    ]


def taalhulp_cards(flow, lang: str) -> list:
    """Invitations, acceptance rate, response rate and median response time, with the counts behind them."""
    note = t(
        "interpreters-taalhulp-counts",
        lang,
        accepted=format_count(flow.accepted, lang),
        refused=format_count(flow.refused, lang),
        no_response=format_count(flow.no_response, lang),
    )
    return [
        stat_card(NAME, "invitations", format_count(flow.invitations, lang), lang, note),
        rate_card(NAME, "acceptance_rate", flow.acceptance_rate, lang),
        rate_card(NAME, "response_rate", flow.response_rate, lang),
        stat_card(NAME, "median_response_hours", format_hours(flow.median_response_hours, lang), lang),
    ]


def activity_grid(table, lang: str):
    """Registered, active and activity rate per language, sortable."""
    if table.empty:
        return empty_state(lang, "interpreters-activity-empty")
    columns = [
        Column("language", "language", "text", width=180, pinned=True),
        Column("registered_interpreters", "metric-registered_interpreters", "count"),
        Column("active_interpreters", "metric-active_interpreters", "count"),
        Column("activity_rate", "metric-activity_rate", "rate"),
    ]
    return sized_grid(
        ids.page(NAME, "activity-grid"),
        table,
        columns,
        lang,
        sort=("registered_interpreters", "desc"),
        max_height=380,
        tooltips={"language": "language"},
    )


def inactive_language_grid(table, lang: str):
    """Inactive interpreters per language they speak, one column per kind and the total."""
    kinds = [k for k in codes.KINDS if k in table.columns]
    columns = [
        Column("language", "language", "text", width=170, pinned=True),
        *[Column(k, f"kind-{k}", "count") for k in kinds],
        Column("total", "total", "count"),
    ]
    return sized_grid(
        ids.page(NAME, "inactive-language-grid"),
        table,
        columns,
        lang,
        sort=("total", "desc"),
        max_height=320,
        tooltips={"language": "language"},
    )


def inactive_list_grid(table, lang: str):
    """Each inactive interpreter by id (never a name): kind, languages, registration and last completed day."""
    shown = table.assign(
        kind_label=[t(f"kind-{k}", lang) for k in table.kind],
        registered=[d.isoformat() for d in table.registered_on],
        last=[d.isoformat() if d else t("interpreters-never", lang) for d in table.last_completed],
    )
    columns = [
        Column("interpreter_id", "interpreters-id", "text", width=110),
        Column("kind_label", "kind", "text"),
        Column("languages", "interpreters-languages", "text"),
        Column("registered", "interpreters-registered-on", "date", width=150),
        Column("last", "interpreters-last-completed", "date", width=170),
    ]
    return sized_grid(ids.page(NAME, "inactive-grid"), shown, columns, lang, sort=("last", "asc"), max_height=340)


def pool_grid(table, lang: str):
    """The taalhulp flow per pool (local government of the invited helper), sortable."""
    shown = table.assign(pool=[name or t("interpreters-no-pool", lang) for name in table.local_government])
    columns = [
        Column("pool", "interpreters-pool", "text", width=180, pinned=True),
        Column("invitations", "management-metric-invitations", "count"),
        Column("accepted", "interpreters-flow-accepted", "count"),
        Column("refused", "interpreters-flow-refused", "count"),
        Column("no_response", "interpreters-flow-no_response", "count"),
        Column("acceptance_rate", "management-metric-acceptance_rate", "rate"),
        Column("median_response_hours", "management-metric-median_response_hours", "number"),
    ]
    return sized_grid(ids.page(NAME, "pool-grid"), shown, columns, lang, sort=("invitations", "desc"), max_height=340)
