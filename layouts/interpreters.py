"""Interpreter activity: active against registered interpreters per kind and language, hours interpreted per
interpreter (a distribution, no names), interpreters registered but inactive for six months, the kinds that served
each language, and the taalhulp invitation flow. Interpreters appear by id only."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import codes, ids
from dashboard.i18n import format_count, format_date, format_rate, t
from layouts import register
from layouts._charts import KIND_MIX_LIMIT
from layouts._charts_management import definition, definitions_list, format_hours, rate_card, sized_grid, stat_card
from layouts._components import FIVE_CARDS, chart, empty_state
from layouts._grid import Column
from layouts._page import page_frame, page_lang

NAME = "interpreters"
GLOSSARY = (
    "registered_interpreters",
    "registered_in_period",
    "active_interpreters",
    "activity_rate",
    "hours_per_interpreter",
    "inactive_interpreters",
    "acceptance_rate",
    "response_rate",
    "median_response_hours",
)


def layout(query: dict) -> html.Div:
    """The page's skeleton; figures arrive from `callbacks.interpreters`."""
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            _section("activity", lang),
            dcc.Loading(
                dbc.Row(
                    [
                        dbc.Col(_graph("activity-kinds", lang, 380), lg=5),
                        dbc.Col(html.Div(id=ids.page(NAME, "activity-languages")), lg=7),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-activity-def", lang),
            _section("hours", lang),
            dcc.Loading(
                dbc.Row(
                    [
                        dbc.Col([html.Div(id=ids.page(NAME, "hours-empty")), _graph("hours", lang, 380)], lg=8),
                        dbc.Col(html.Div(id=ids.page(NAME, "hours-table")), lg=4),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-hours-def", lang),
            _section("inactive", lang),
            dcc.Loading(
                html.Div(
                    [
                        html.P(id=ids.page(NAME, "inactive-window"), className="small mb-2"),
                        dbc.Row(
                            [
                                dbc.Col(_graph("inactive-kinds", lang, 300), lg=4),
                                dbc.Col(html.Div(id=ids.page(NAME, "inactive-languages")), lg=8),
                            ]
                        ),
                        html.H3(t("interpreters-inactive-list", lang), className="h6 mt-3"),
                        html.Div(id=ids.page(NAME, "inactive-list")),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-inactive-def", lang),
            _section("kind-mix", lang, limit=KIND_MIX_LIMIT),
            dcc.Loading(
                html.Div([html.Div(id=ids.page(NAME, "kind-mix-empty")), _graph("kind-mix", lang, 560)]), type="default"
            ),
            definition("interpreters-kind-mix-def", lang),
            _section("taalhulp", lang),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ids.page(NAME, "taalhulp-cards"), className="row"),
                        html.Div(id=ids.page(NAME, "taalhulp-empty")),
                        _graph("taalhulp-monthly", lang, 380),
                        html.H3(t("interpreters-taalhulp-pools", lang), className="h6 mt-3"),
                        html.Div(id=ids.page(NAME, "taalhulp-pools")),
                    ]
                ),
                type="default",
            ),
            definition("interpreters-taalhulp-def", lang),
            definitions_list(GLOSSARY, lang),
        ]
    )
    return page_frame(NAME, query, "interpreters-title", "interpreters-lead", body)


def _section(part: str, lang: str, **values) -> html.Div:
    return html.Div(
        [
            html.H2(t(f"interpreters-{part}-title", lang), className="h5 mt-4 mb-0"),
            html.P(t(f"interpreters-{part}-lead", lang, **values), className="text-muted small"),
        ]
    )


def _graph(part: str, lang: str, height: int) -> html.Figure:
    return chart(lang, ids.page(NAME, part), style={"height": f"{height}px"})


def cards(figures, lang: str) -> list:
    """Registered, active, activity rate, inactive for six months and median hours per interpreter (a row of the
    `headline` view)."""
    return [
        _count_card("registered_interpreters", figures.registered_interpreters, lang),
        _count_card("active_interpreters", figures.active_interpreters, lang),
        _activity_card(figures, lang),
        _count_card("inactive_interpreters", figures.inactive_interpreters, lang),
        stat_card(NAME, "hours_per_interpreter", format_hours(figures.median_hours, lang), lang, size=FIVE_CARDS),
    ]


def _activity_card(figures, lang: str):
    """The activity rate, with the register it is counted over: those in it at some time within the period."""
    if figures.activity_rate is None:
        return rate_card(NAME, "activity_rate", None, lang, FIVE_CARDS)
    note = t("interpreters-activity-of", lang, count=format_count(figures.registered_in_period, lang))
    return stat_card(NAME, "activity_rate", format_rate(figures.activity_rate, lang), lang, note, FIVE_CARDS)


def _count_card(figure: str, count: int, lang: str):
    return stat_card(NAME, figure, format_count(count, lang), lang, size=FIVE_CARDS)


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


def inactive_window(reference: date, since: date, lang: str) -> str:
    """Which six months the inactive interpreters are inactive in (the `inactivity_window` view)."""
    return t(
        "interpreters-inactive-window", lang, since=format_date(since, lang), reference=format_date(reference, lang)
    )


def activity_grid(table, lang: str):
    """Registered (at the end, and during the period), active and activity rate per language, sortable."""
    if table.empty:
        return empty_state(lang, "interpreters-activity-empty")
    columns = [
        Column("language", "language", "text", width=180, pinned=True),
        Column("registered_interpreters", "metric-registered_interpreters", "count"),
        Column("registered_in_period", "metric-registered_in_period", "count"),
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


register("/interpreters", layout, order=50, nav_key="nav-interpreters", name=NAME)
