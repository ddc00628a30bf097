"""No-shows and cancellations: which party let assigned appointments fall through, per month and per modality,
sector, region, language or organisation; the organisations with most failed appointments; the billable share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import code_name, format_count, t
from dashboard.views.no_shows import DIMENSIONS, MIN_ANSWERED, RATES
from layouts import register
from layouts._charts_management import (
    DIMENSION_CHART_LIMIT,
    PARTY_STYLE,
    definition,
    definitions_list,
    empty_note,
    name_key,
    rate_card,
    sized_grid,
)
from layouts._choices import choice
from layouts._components import chart
from layouts._grid import Column, markdown_link
from layouts._page import page_frame, page_lang

NAME = "no-shows"
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
DIMENSION = choice("dimension", "modality", DIMENSIONS, prop="active_tab")
DIMENSION_LABELS = {
    "modality": "modality",
    "sector": "sector",
    "region": "region",
    "language": "language",
    "organisation": "no-shows-organisation",
}


def layout(query: dict) -> html.Div:
    """The page's skeleton; figures arrive from `callbacks.no_shows`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            definition("no-shows-cards-def", lang),
            html.H2(t("no-shows-trend-title", lang), className="h5 mt-3"),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "trend-empty")),
                        chart(lang, ids.page(NAME, "trend"), style={"height": "440px"}),
                    ]
                ),
                type="default",
            ),
            definition("no-shows-trend-def", lang),
            html.H2(t("no-shows-dimension-title", lang), className="h5 mt-4"),
            dbc.Tabs(
                [dbc.Tab(label=t(DIMENSION_LABELS[d], lang), tab_id=d) for d in DIMENSIONS],
                id=DIMENSION.id(NAME),
                active_tab=DIMENSION.initial(query),
                className="mb-2 choice-dimension",
            ),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "dimension-empty")),
                        chart(lang, ids.page(NAME, "dimension-chart")),
                        html.Div(id=ids.page(NAME, "dimension-table")),
                    ]
                ),
                type="default",
            ),
            definition("no-shows-dimension-def", lang, limit=DIMENSION_CHART_LIMIT),
            html.H2(t("no-shows-organisations-title", lang), className="h5 mt-4"),
            html.P(
                t("no-shows-organisations-lead", lang, minimum=MIN_ANSWERED),
                className="text-muted small mb-2",
                id=ids.page(NAME, "threshold"),
            ),
            dcc.Loading(html.Div(id=ids.page(NAME, "organisations")), type="default"),
            definitions_list(("answered", *RATES), lang),
        ]
    )
    return page_frame(NAME, query, "no-shows-title", "no-shows-lead", body)


def cards(figures, lang: str) -> list:
    """How many answered requests the rates are over, and a card for each party's rate and the billable share."""
    note = html.Div(
        t("no-shows-answered-note", lang, answered=format_count(figures.answered, lang)),
        className="col-12 text-muted small mb-2 answered-note",
    )
    return [note, *(rate_card(NAME, rate, figures[rate], lang) for rate in CARD_RATES)]


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


ORGANISATIONS_GRID = ids.page(NAME, "organisations-grid")  # its rows on demand (callbacks.no_shows)
ORGANISATION_COLUMNS = (
    Column("link", "no-shows-organisation", "link", width=260, pinned=True),
    Column("sector_label", "sector", "text", width=150),
    *_count_and_rate_columns(True),
)


def organisation_rows(table, search: str, lang: str):
    """The organisations as the grid's rows: each linked to its page (keeping the page's filters), its sector named."""
    return table.assign(
        link=[
            markdown_link(name, f"/organisations/{oid}{search}")
            for oid, name in zip(table.organisation_id, table.organisation)
        ],
        sector_label=[code_name("sector", s, lang) for s in table.sector],
    )


def organisations_grid(table, lang: str):
    """Organisations over the volume threshold, most failed appointments first; the rows come on demand
    (`organisation_rows`, a block at a time)."""
    if table.empty:
        return empty_note(t("no-shows-organisations-empty", lang, minimum=MIN_ANSWERED))
    return sized_grid(
        ORGANISATIONS_GRID,
        table,
        ORGANISATION_COLUMNS,
        lang,
        sort=("not_completed", "desc"),
        tooltips={"link": "organisation", "sector_label": "sector_label"},
        on_demand=True,
    )


register("/no-shows", layout, order=40, nav_key="nav-no-shows", name=NAME)
