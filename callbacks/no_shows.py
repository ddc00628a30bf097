"""No-shows callbacks: the slice's rates, the monthly trend, the organisations with most failed appointments,
and the breakdown by the chosen dimension."""

from __future__ import annotations

import dash
from dash import Input, Output, html, no_update

from callbacks._common import HIDDEN, normalised_search, render_page
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.i18n import code_name, format_count, t
from dashboard.views import no_shows as views
from layouts._charts_management import (
    PARTY_STYLE,
    empty_note,
    figure_party_by_dimension,
    figure_party_trend,
    name_key,
    rate_card,
    sized_grid,
)
from layouts._components import download_links, empty_state
from layouts._grid import Column, markdown_link
from layouts.no_shows import DIMENSION

NAME = "no-shows"
EXPORTS = ("no-shows", "no-shows-monthly", "no-show-organisations")
CARD_RATES = (
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "timely_cancellation_rate",
    "interpreter_cancellation_rate",
    "service_cancellation_rate",
    "non_completion_rate",
    "billable_rate",
)


def register(app: dash.Dash, context: Context) -> None:
    """Attach the no-shows page's callbacks to `app`."""

    @app.callback(
        output=[
            Output(ids.page(NAME, "alerts"), "children"),
            Output(ids.page(NAME, "downloads"), "children"),
            Output(ids.page(NAME, "cards"), "children"),
            Output(ids.page(NAME, "trend"), "figure"),
            Output(ids.page(NAME, "trend"), "style"),
            Output(ids.page(NAME, "trend-empty"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_no_shows(search):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            downloads = download_links(EXPORTS, normalised_search(parsed), lang)
            figures = views.summary(context.data, filters).iloc[0]
            cards = [
                html.Div(
                    t("no-shows-answered-note", lang, answered=format_count(figures.answered, lang)),
                    className="col-12 text-muted small mb-2 answered-note",
                )
            ]
            cards += [rate_card(NAME, rate, figures[rate], lang) for rate in CARD_RATES]
            if figures.answered == 0:
                return downloads, cards, {}, HIDDEN, empty_state(lang, "no-shows-empty")
            trend = figure_party_trend(views.monthly(context.data, filters), lang)
            return downloads, cards, trend, {"height": "440px"}, None

        return render_page(context, search, build, failed=(None, None, no_update, HIDDEN, None))

    @app.callback(output=Output(ids.page(NAME, "organisations"), "children"), inputs=[Input(ids.PAGE_QUERY, "data")])
    def render_organisations(search):
        """The organisations over the volume threshold, most failed first (a query of its own: per organisation
        the counts come from the operational database, so the cards do not wait for it)."""

        def build(parsed: ParsedQuery):
            table = views.organisations(context.data, parsed.filters)
            return (organisations_grid(table, normalised_search(parsed), parsed.lang),)

        return render_page(context, search, build, failed=(None,))[1]

    @app.callback(
        output=[
            Output(ids.page(NAME, "dimension-chart"), "figure"),
            Output(ids.page(NAME, "dimension-chart"), "style"),
            Output(ids.page(NAME, "dimension-empty"), "children"),
            Output(ids.page(NAME, "dimension-table"), "children"),
        ],
        inputs=[Input(ids.PAGE_QUERY, "data"), Input(DIMENSION.id(NAME), "active_tab")],
    )
    def render_dimension(search, dimension):
        """Counts and rates per value of the chosen dimension: a chart of the largest, a grid of all."""
        dimension = dimension if dimension in views.DIMENSIONS else "modality"

        def build(parsed: ParsedQuery):
            table = views.by_dimension(context.data, parsed.filters, dimension, parsed.lang)
            if table.empty:
                return {}, HIDDEN, empty_state(parsed.lang, "no-shows-empty"), None
            chart = figure_party_by_dimension(table, parsed.lang)
            return chart, {"height": f"{chart.layout.height}px"}, None, dimension_grid(table, dimension, parsed.lang)

        return render_page(context, search, build, failed=(no_update, HIDDEN, None, None))[1:]


def _count_and_rate_columns(failed_count: bool) -> list[Column]:
    """Answered, (failed,) the non-completion rate, each party's rate and the billable share."""
    columns = [Column("answered", "metric-answered", "count")]
    if failed_count:
        columns.append(Column("not_completed", "no-shows-failed", "count"))
    columns.append(Column("non_completion_rate", "metric-non_completion_rate", "rate"))
    columns += [Column(rate, name_key(rate), "rate") for _, rate, _, _ in PARTY_STYLE]
    return columns + [Column("billable_rate", name_key("billable_rate"), "rate")]


def dimension_grid(table, dimension: str, lang: str):
    """All values of the dimension with answered requests, sortable; most answered first."""
    label = "no-shows-organisation" if dimension == "organisation" else dimension
    columns = [Column("label", label, "text", width=160, pinned=True), *_count_and_rate_columns(False)]
    return sized_grid(
        ids.page(NAME, "dimension-grid"), table, columns, lang, sort=("answered", "desc"), tooltips={"label": "label"}
    )


def organisations_grid(table, search: str, lang: str):
    """Organisations over the volume threshold, most failed appointments first, each linked to its page (keeping
    the page's filters)."""
    if table.empty:
        return empty_note(t("no-shows-organisations-empty", lang, minimum=views.MIN_ANSWERED))
    table = table.assign(
        link=[
            markdown_link(name, f"/organisations/{oid}{search}")
            for oid, name in zip(table.organisation_id, table.organisation)
        ],
        sector_label=[code_name("sector", s, lang) for s in table.sector],
    )
    columns = [
        Column("link", "no-shows-organisation", "link", width=260, pinned=True),
        Column("sector_label", "sector", "text", width=150),
        *_count_and_rate_columns(True),
    ]
    return sized_grid(
        ids.page(NAME, "organisations-grid"),
        table,
        columns,
        lang,
        sort=("not_completed", "desc"),
        tooltips={"link": "organisation", "sector_label": "sector_label"},
    )
