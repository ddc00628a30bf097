"""`/data-quality`: gaps and inconsistencies in the registered data, each with its count, what it means, and
links to the requests or organisations concerned."""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.access import may_list_individuals
from dashboard.filters import Filters
from dashboard.i18n import format_count, format_date, format_rate, t
from dashboard.periods import BRUSSELS
from dashboard.views.data_quality import CHECKS, STALE_AFTER_DAYS, export_name
from layouts import register
from layouts._breadcrumbs import organisation_path
from layouts._charts_places import defect_columns, figure_bands, layout_grid, sector_name
from layouts._components import card, chart, note
from layouts._grid import markdown_link
from layouts._page import page_frame, page_lang

NAME = "data-quality"
# Checks whose breakdown is an age band (a bar chart, with its x-axis title) rather than a list of kinds.
BAND_AXES = {"unvalidated": "data-quality-axis-days-closed", "stale_matched": "data-quality-axis-days-appointment"}
DETAIL_LABELS = {"unclosed": "organisation-status-{}", "out_of_order": "data-quality-rule-{}"}


def layout(query: dict) -> html.Div:
    """The page's skeleton: a card per check, then a section per check; counts, breakdowns and rows arrive from
    `callbacks.data_quality`."""
    lang = page_lang(query)
    body = html.Div(
        [
            html.P(id=ids.page(NAME, "scope"), className="small mb-2"),
            dcc.Loading(
                html.Div(id=ids.page(NAME, "summary"), className="row row-cols-1 row-cols-md-3 row-cols-xl-6"),
                type="default",
            ),
            *(check_section(check, lang) for check in CHECKS),
            dcc.Store(id=GRIDS, data=[organisations_grid(check) for check in CHECKS]),
        ]
    )
    return page_frame(NAME, query, "data-quality-title", "data-quality-lead", body)


def check_section(check: str, lang: str) -> html.Section:
    """A check: what it means, its breakdown (age bands, statuses or rules), and the organisations concerned."""
    return html.Section(
        [
            html.H2(t(f"data-quality-check-{check}", lang), className="h5 mt-4 mb-0"),
            html.P(t(f"data-quality-def-{check}", lang, days=STALE_AFTER_DAYS), className="small text-muted mb-2"),
            dcc.Loading(
                html.Div(id=ids.page(NAME, f"detail-{check}"), **{"data-scroll-into-view": check}), type="default"
            ),
            html.H3(t("data-quality-by-organisation", lang), className="h6 mt-2"),
            layout_grid(
                organisations_grid(check),
                defect_columns(check),
                lang,
                height=320,
                empty_key="data-quality-none",
                definitions_on_hover=False,
                on_demand=True,
            ),
        ],
        className=f"dq-section dq-section-{check}",
    )


def scope(filters: Filters, measured: datetime, lang: str) -> str:
    """Which requests the checks looked at (those made in the period), and when ages were `measured`
    (`views.data_quality.measured_at`)."""
    moment = measured.astimezone(BRUSSELS)
    return t(
        "data-quality-scope",
        lang,
        start=format_date(filters.start, lang),
        end=format_date(filters.end, lang),
        now=f"{format_date(moment.date(), lang)} {moment:%H:%M}",
        days=STALE_AFTER_DAYS,
    )


def summary_cards(summary: pd.DataFrame, search: str, lang: str) -> list:
    """A card per check of `summary` (`views.data_quality.summary`), its list keeping `search`."""
    return [summary_card(row, search, lang) for _, row in summary.iterrows()]


def summary_card(row: pd.Series, search: str, lang: str) -> dbc.Col:
    """A check's count, what it counts, its share of the slice, its short definition and its list."""
    export = export_name(row.check)
    share = t(
        f"data-quality-share-{row.unit}",
        lang,
        share=format_rate(row.share_rate, lang),
        requests=format_count(row.requests, lang),
    )
    below = [
        note(t(f"data-quality-unit-{row.unit}", lang)),
        note(share),
        html.P(
            t(f"data-quality-short-{row.check}", lang, days=STALE_AFTER_DAYS),
            className="small text-muted mt-2 mb-1",
        ),
        html.Div(
            [
                t("data-quality-list", lang),
                " ",
                html.A(t("download-csv", lang), href=f"/export/{export}.csv{search}", className=f"export-{export}-csv"),
                " · ",
                html.A(t("download-xlsx", lang), href=f"/export/{export}.xlsx{search}"),
            ],
            className="small",
        )
        if may_list_individuals()
        else None,
    ]
    name, shown = t(f"data-quality-check-{row.check}", lang), format_count(row["count"], lang)
    card_id = ids.page(NAME, f"card-{row.check}")
    return card(name, shown, {"data-check": row.check}, below, card_id=card_id, size={}, class_name="dq-card")


def detail(check: str, table: pd.DataFrame, lang: str):
    """A check's breakdown (`table`: `views.data_quality.by_detail`): requests per age band (a bar chart) or per
    status or broken rule (a table); nothing for a check without one."""
    if check in BAND_AXES:
        return chart(lang, figure=figure_bands(table, lang, BAND_AXES[check]), style={"height": "260px"})
    if check in DETAIL_LABELS:
        return detail_table(table, DETAIL_LABELS[check], lang)
    return None


def detail_table(table: pd.DataFrame, label_pattern: str, lang: str) -> html.Table:
    """Requests per kind of defect (a status or a broken rule)."""
    rows = [
        html.Tr(
            [
                html.Td(t(label_pattern.format(row.detail), lang)),
                html.Td(format_count(row.n, lang), className="text-end"),
            ]
        )
        for _, row in table.iterrows()
    ]
    header = html.Thead(
        html.Tr([html.Th(t("data-quality-kind", lang)), html.Th(t("metric-requests", lang), className="text-end")])
    )
    return html.Table([header, html.Tbody(rows)], className="table table-sm w-auto dq-detail")


GRIDS = ids.page(NAME, "grids")  # the ids of the grids whose rows come on demand: asked again for a new query


def organisations_grid(check: str) -> str:
    """The id of a check's grid of organisations (its rows on demand: callbacks.data_quality)."""
    return ids.page(NAME, f"organisations-{check}")


def organisation_rows(table: pd.DataFrame, search: str, lang: str) -> pd.DataFrame:
    """The organisations concerned as a grid's rows, each a link to its page (keeping the filters)."""
    return table.assign(
        link=[
            markdown_link(name, organisation_path(i) + (search or ""))
            for name, i in zip(table.organisation, table.organisation_id)
        ],
        sector_name=[sector_name(s, lang) for s in table.sector],
    )


register("/data-quality", layout, order=70, nav_key="nav-data-quality", name=NAME)
