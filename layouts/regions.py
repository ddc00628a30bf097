"""The drill-down: `/regions` (every region), `/regions/<code>` (a region's local governments) and
`/regions/<code>/<local government id>` (its organisations); each level shows its own figures and the same
figures for the places one level down, and `/regions` also how organisations differ within a sector and a region.

Only `/regions` is in the navigation.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import ids
from dashboard.i18n import t
from dashboard.metrics import is_rate
from dashboard.views.regions import CHILD_LEVEL, CONSISTENCY_METRICS, RATES, Place
from layouts import register
from layouts._breadcrumbs import LEVEL_PAGES, local_government_path, organisation_path, region_path
from layouts._charts_places import GRID_FIGURES, children_columns, figure_spread, layout_grid, sector_name
from layouts._choices import choice
from layouts._components import chart, figure_definitions
from layouts._grid import grid_records, markdown_link
from layouts._page import page_frame, page_lang

COLOUR = choice("colour", "answer_rate", RATES)
SPREAD = choice("spread", "requests", CONSISTENCY_METRICS)


def level_layout(level: str, query: dict, path: dict) -> html.Div:
    """A level's skeleton; `path` holds the place named in the URL. Figures arrive from `callbacks.regions`."""
    name, lang = LEVEL_PAGES[level], page_lang(query)
    child = CHILD_LEVEL[level]
    sections = [
        html.H2(id=ids.page(name, "heading"), className="h4 mb-1"),
        html.Div(id=ids.page(name, "notice")),
        dcc.Loading(html.Div(id=ids.page(name, "cards"), className="row"), type="default"),
        html.H3(t(f"regions-children-{child}", lang), className="h5 mt-3 mb-0"),
        html.P(t(f"regions-children-lead-{child}", lang), className="text-muted small mb-1"),
        dbc.RadioItems(
            id=COLOUR.id(name),
            value=COLOUR.initial(query),
            inline=True,
            className="small mb-1 choice-colour",
            options=[{"label": t(f"metric-{rate}", lang), "value": rate} for rate in RATES],
        ),
        dcc.Loading(
            html.Div(
                [
                    html.Div(id=ids.page(name, "chart-empty")),
                    chart(lang, ids.page(name, "chart")),
                ]
            ),
            type="default",
        ),
        layout_grid(ids.page(name, "table"), children_columns(child), lang, height=330 if level == "all" else 480),
        figure_definitions(GRID_FIGURES, lang),
        html.H3(t("regions-modalities-title", lang), className="h5 mt-3 mb-0"),
        html.P(t("regions-modalities-lead", lang), className="text-muted small"),
        dcc.Loading(html.Div(id=ids.page(name, "modalities")), type="default"),
    ]
    if level == "all":
        sections += consistency_section(name, query, lang)
    body = html.Div(
        [
            dcc.Store(id=ids.page(name, "place"), data=path),
            dcc.Location(id=ids.page(name, "go"), refresh="callback-nav"),
            html.Div(id=ids.page(name, "crumbs")),
            html.Div(id=ids.page(name, "missing")),
            html.Div(sections, id=ids.page(name, "content")),
        ]
    )
    return page_frame(name, query, "regions-title", "regions-lead", body)


def consistency_section(name: str, query: dict, lang: str) -> list:
    """How use and outcomes differ between organisations of one sector, and of one region."""
    options = [{"label": t(f"regions-spread-{metric}", lang), "value": metric} for metric in CONSISTENCY_METRICS]
    return [
        html.H3(t("regions-consistency-title", lang), className="h5 mt-4 mb-0"),
        html.P(t("regions-consistency-lead", lang), className="text-muted small mb-1"),
        dbc.RadioItems(
            id=SPREAD.id(name),
            value=SPREAD.initial(query),
            options=options,
            inline=True,
            className="small mb-2 choice-spread",
        ),
        dcc.Loading(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            chart(lang, ids.page(name, "spread-sector"), title=t("regions-spread-by-sector", lang)),
                        ],
                        lg=6,
                    ),
                    dbc.Col(
                        [
                            chart(lang, ids.page(name, "spread-region"), title=t("regions-spread-by-region", lang)),
                        ],
                        lg=6,
                    ),
                ]
            ),
            type="default",
        ),
        html.P(t("regions-consistency-note", lang), className="text-muted small"),
        dcc.Loading(html.Div(id=ids.page(name, "spread-table")), type="default"),
    ]


def with_hrefs(table: pd.DataFrame, place: Place, search: str) -> pd.DataFrame:
    """The children's table with the path of each child's page (keeping `search`) in column `href`."""
    child = CHILD_LEVEL[place.level]
    if child == "region":
        paths = [region_path(code) for code in table.code]
    elif child == "local_government":
        paths = [local_government_path(place.region_code, i) for i in table.id]
    else:
        paths = [organisation_path(i) for i in table.id]
    return table.assign(href=[path + (search or "") for path in paths])


def children_rows(table: pd.DataFrame, lang: str) -> list[dict]:
    """The children's figures (with their `href`) as the grid's rows, each name a link one level down."""
    table = table.assign(link=[markdown_link(n, h) for n, h in zip(table.name, table.href)])
    if "sector" in table:
        table = table.assign(sector_name=[sector_name(s, lang) for s in table.sector])
    return grid_records(table[[c for c in ("link", "sector_name", *GRID_FIGURES) if c in table]])


def figure_region_spread(spread: pd.DataFrame, regions: pd.DataFrame, metric: str, lang: str) -> go.Figure:
    """`metric` between organisations per region, the regions in name order (`regions`: their figures, by code);
    for a rate, each region taken as a whole as a diamond."""
    whole = regions[metric] if is_rate(metric) else None
    return figure_spread(spread, "region_code", metric, regions["name"].sort_values().to_dict(), lang, whole)


def layout(query: dict) -> html.Div:
    """`/regions`: every region."""
    return level_layout("all", query, {})


def region_layout(query: dict, region_code=None) -> html.Div:
    """`/regions/<code>`: one region and its local governments."""
    return level_layout("region", query, {"region_code": region_code})


def local_government_layout(query: dict, region_code=None, local_government_id=None) -> html.Div:
    """`/regions/<code>/<id>`: one local government and its organisations."""
    return level_layout(
        "local_government", query, {"region_code": region_code, "local_government_id": local_government_id}
    )


register("/regions", layout, order=60, nav_key="nav-regions", name=LEVEL_PAGES["all"])
register(
    "/regions/<region_code>/<local_government_id>",
    local_government_layout,
    order=61,
    name=LEVEL_PAGES["local_government"],
)
register("/regions/<region_code>", region_layout, order=62, name=LEVEL_PAGES["region"])
