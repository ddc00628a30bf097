"""Callbacks of `/data-quality`: one card per check (count, what it means, its list to download) and a section
per check with its breakdown and the organisations concerned (links to their pages)."""

from __future__ import annotations

from datetime import datetime

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, dcc, html

from callbacks._common import normalised_search, render_page
from callbacks.regions import sector_name
from dashboard import ids
from dashboard.context import Context
from dashboard.filters import Filters, ParsedQuery
from dashboard.i18n import format_count, format_date, format_rate, t
from dashboard.periods import BRUSSELS
from dashboard.views import data_quality as views
from layouts._breadcrumbs import organisation_path
from layouts._charts_places import figure_bands
from layouts._components import card, download_links, note
from layouts._grid import grid_records, markdown_link
from queries.data_quality import CHECKS, STALE_AFTER_DAYS

NAME = "data-quality"
# Checks whose breakdown is an age band (a bar chart, with its x-axis title) rather than a list of kinds.
BAND_AXES = {"unvalidated": "data-quality-axis-days-closed", "stale_matched": "data-quality-axis-days-appointment"}
DETAIL_LABELS = {"unclosed": "organisation-status-{}", "out_of_order": "data-quality-rule-{}"}


def register(app: dash.Dash, context: Context) -> None:
    """Attach the data-quality page's callback to `app`."""

    @app.callback(
        output=[Output(ids.page(NAME, part), "children") for part in ("alerts", "downloads", "scope", "summary")]
        + [Output(ids.page(NAME, f"detail-{check}"), "children") for check in CHECKS]
        + [Output(ids.page(NAME, f"organisations-{check}"), "rowData") for check in CHECKS],
        inputs=[Input(ids.PAGE_QUERY, "data")],
    )
    def render_checks(search):
        def build(parsed: ParsedQuery):
            lang, filters = parsed.lang, parsed.filters
            now = context.settings.current_time()
            exports = normalised_search(parsed)
            summary = views.summary(context.data, filters, now)
            return (
                download_links(("data-quality",), exports, lang),
                scope(filters, now, lang),
                [summary_card(row, exports, lang) for _, row in summary.iterrows()],
                *(detail(context, filters, check, now, lang) for check in CHECKS),
                *(
                    organisation_rows(views.by_organisation(context.data, filters, check, now), exports, lang)
                    for check in CHECKS
                ),
            )

        return render_page(
            context, search, build, failed=(None, None, None, *(None,) * len(CHECKS), *([],) * len(CHECKS))
        )


def scope(filters: Filters, now: datetime, lang: str) -> str:
    """Which requests the checks looked at, and when ages were measured."""
    moment = views.measured_at(filters, now).astimezone(BRUSSELS)
    return t(
        "data-quality-scope",
        lang,
        start=format_date(filters.start, lang),
        end=format_date(filters.end, lang),
        now=f"{format_date(moment.date(), lang)} {moment:%H:%M}",
        days=STALE_AFTER_DAYS,
    )


def summary_card(row: pd.Series, search: str, lang: str) -> dbc.Col:
    """A check's count, what it counts, its share of the slice, its short definition and its list."""
    export = views.export_name(row.check)
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
        ),
    ]
    name, shown = t(f"data-quality-check-{row.check}", lang), format_count(row["count"], lang)
    card_id = ids.page(NAME, f"card-{row.check}")
    return card(name, shown, {"data-check": row.check}, below, card_id=card_id, size={}, class_name="dq-card")


def detail(context: Context, filters: Filters, check: str, now: datetime, lang: str):
    """A check's breakdown: requests per age band (a bar chart) or per status or broken rule (a table)."""
    if check in BAND_AXES:
        bands = views.by_detail(context.data, filters, check, now)
        return dcc.Graph(
            figure=figure_bands(bands, lang, BAND_AXES[check]),
            style={"height": "260px"},
            config={"locale": lang, "displaylogo": False},
        )
    if check in DETAIL_LABELS:
        return detail_table(views.by_detail(context.data, filters, check, now), DETAIL_LABELS[check], lang)
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


def organisation_rows(table: pd.DataFrame, search: str, lang: str) -> list[dict]:
    """The organisations concerned as a grid's rows, each a link to its page (keeping the filters)."""
    table = table.assign(
        link=[
            markdown_link(name, organisation_path(i) + (search or ""))
            for name, i in zip(table.organisation, table.organisation_id)
        ],
        sector_name=[sector_name(s if isinstance(s, str) else None, lang) for s in table.sector],
    )
    return grid_records(table[["link", "sector_name", "local_government", "region_code", "requests"]])
