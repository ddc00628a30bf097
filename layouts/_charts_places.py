"""Pure builders of the drill-down and data-quality pages: tables in, Plotly figures and components out; and the
parts every place's page (a region, a local government, an organisation) shows of the place itself."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard import codes
from dashboard.filters import Filters, to_search
from dashboard.i18n import code_name, format_count, format_decimal, format_rate, t
from dashboard.metrics import is_rate
from dashboard.payloads import internal_path
from dashboard.views.regions import RATES, Place, PlaceView, spread_box
from layouts._breadcrumbs import breadcrumbs, heading
from layouts._charts import base_layout
from layouts._components import CORE_FIGURES, HIDDEN, compared_cards, download_links
from layouts._grid import Column, ReadableHeaders, data_grid, is_numeric

# A sequential scale readable with the common colour-vision deficiencies (and in grey print).
RATE_SCALE = "Cividis"
EMPTY_RATE_COLOUR = "#BBBBBB"
BOX_COLOUR = "#0072B2"
WHOLE_COLOUR = "#D55E00"
BAR_COLOUR = "#0072B2"
CHART_LIMIT = 25
# The figures of a drill-down grid; the rates right after the requests, so that they stay in view on a narrow
# screen (the grid scrolls sideways for the rest).
GRID_FIGURES = (
    "requests",
    "answer_rate",
    "no_show_client_rate",
    "no_show_interpreter_rate",
    "late_cancellation_rate",
    "answered",
    "completed",
    "not_completed",
    "unanswered",
)


def format_value(name: str, value, lang: str) -> str:
    """A cell in the reader's format: a rate as a percentage, anything else as a count; '–' when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return format_rate(value, lang) if is_rate(name) else format_count(value, lang)


def figure_children(table: pd.DataFrame, rate: str, lang: str, limit: int = CHART_LIMIT) -> go.Figure:
    """Requests per child place (the `limit` busiest, busiest on top), each bar coloured by `rate`; a bar's
    customdata holds (rate as text, the child's `href`), so that a click can follow it."""
    shown = table.nlargest(limit, "requests", keep="first").iloc[::-1]
    figure = go.Figure()
    rated = shown[shown[rate].notna()]
    unrated = shown[shown[rate].isna()]
    hover = (
        "<b>%{y}</b><br>"
        + t("axis-requests", lang)
        + ": %{x:,d}<br>"
        + t(f"metric-{rate}", lang)
        + ": %{customdata[0]}<extra></extra>"
    )
    if not rated.empty:
        figure.add_bar(
            y=rated.name,
            x=rated.requests,
            orientation="h",
            hovertemplate=hover,
            showlegend=False,
            customdata=list(zip((format_rate(v, lang) for v in rated[rate]), rated.href)),
            marker={
                "color": rated[rate],
                "colorscale": RATE_SCALE,
                **_colour_range(rated[rate]),
                "colorbar": {
                    "title": {"text": t(f"metric-{rate}", lang), "side": "right"},
                    "tickformat": ".0%",
                    "thickness": 14,
                },
            },
        )
    if not unrated.empty:
        figure.add_bar(
            y=unrated.name,
            x=unrated.requests,
            orientation="h",
            hovertemplate=hover,
            name=t("regions-rate-empty", lang),
            marker_color=EMPTY_RATE_COLOUR,
            customdata=[("–", href) for href in unrated.href],
        )
    layout = base_layout(lang, "", t("axis-requests", lang))
    layout["yaxis"].update(
        tickformat=None,
        rangemode=None,
        automargin=True,
        type="category",
        categoryorder="array",
        categoryarray=list(shown.name),
    )
    layout["xaxis"].update(tickformat=",d", rangemode="tozero")
    layout.update(
        hovermode="closest",
        height=max(260, 90 + 26 * len(shown)),
        barmode="overlay",
        margin={"l": 10, "r": 10, "t": 30, "b": 50},
    )
    figure.update_layout(**layout)
    return figure


def clicked_href(click) -> str | None:
    """The page of the bar a click on `figure_children` chose (its customdata's href), or None: also for a
    click without one or a target off this site (the click's shape is checked by dashboard.payloads)."""
    points = (click or {}).get("points") or [{}]
    data = points[0].get("customdata")
    return internal_path(data[1]) if isinstance(data, list) and len(data) > 1 else None


def _colour_range(values: pd.Series) -> dict:
    """The colour scale spans the rates shown (at least one percentage point), so that differences stand out;
    the colour bar says which rates its ends are."""
    low, high = float(values.min()), float(values.max())
    middle = (low + high) / 2
    return {"cmin": min(low, middle - 0.005), "cmax": max(high, middle + 0.005)}


# A box's statistics in its table's order (assets/stv-a11y.js), each with its column's name: the quartiles as the
# quantile table beside the chart names them.
BOX_STATISTICS = {
    "lowerfence": "regions-box-lowerfence",
    "q1": "regions-quantile-p25",
    "median": "regions-quantile-median",
    "q3": "regions-quantile-p75",
    "upperfence": "regions-box-upperfence",
}


def figure_spread(
    spread: pd.DataFrame, by: str, metric: str, labels: dict, lang: str, whole: pd.Series | None = None
) -> go.Figure:
    """One horizontal box per group (`by`, named by `labels`) of `metric` between organisations: the box holds
    the middle half, the line the median, the whiskers reach Tukey's fences and dots are the organisations beyond
    them (hover names them). The statistics come from `spread_box`, the points drawn are the outliers only.
    `whole`: the group's value taken as a whole, drawn as a diamond."""
    figure = go.Figure()
    value = "%{x:.1%}" if is_rate(metric) else "%{x:,d}"
    boxes = {g: spread_box(spread[spread[by].fillna("") == g], metric) for g in labels}
    groups = [g for g, box in boxes.items() if box is not None]
    for group in groups:
        box = boxes[group]
        figure.add_box(
            y=[labels[group]],
            q1=[box.q1],
            median=[box.median],
            q3=[box.q3],
            lowerfence=[box.lower_fence],
            upperfence=[box.upper_fence],
            name=labels[group],
            marker_color=BOX_COLOUR,
            line_width=1.5,
            showlegend=False,
            orientation="h",
        )
    outliers = [(labels[g], row) for g in groups for row in boxes[g].outliers.itertuples()]
    if outliers:
        figure.add_scatter(
            x=[getattr(row, metric) for _, row in outliers],
            y=[group for group, _ in outliers],
            text=[row.name for _, row in outliers],
            mode="markers",
            marker={"color": BOX_COLOUR, "size": 6},
            name=t("regions-spread-outliers", lang),
            showlegend=False,
            hovertemplate="%{text}: " + value + "<extra></extra>",
        )
    if whole is not None:
        shown = [g for g in groups if g in whole.index and pd.notna(whole[g])]
        figure.add_scatter(
            x=[whole[g] for g in shown],
            y=[labels[g] for g in shown],
            mode="markers",
            marker={"symbol": "diamond", "size": 11, "color": WHOLE_COLOUR},
            name=t("regions-spread-whole", lang),
            hovertemplate="%{x:.1%}<extra></extra>",
        )
    layout = base_layout(lang, "", t(f"regions-axis-{metric}", lang))
    layout["yaxis"].update(tickformat=None, rangemode=None, automargin=True, autorange="reversed")
    if is_rate(metric):
        layout["xaxis"].update(tickformat=".0%", hoverformat=".1%", rangemode="tozero")
    else:
        layout["xaxis"].update(type="log", tickformat=",d", hoverformat=",.1f")
    layout["meta"] = {"box_columns": [t(key, lang) for key in BOX_STATISTICS.values()]}
    layout.update(
        hovermode="closest", height=max(280, 80 + 34 * len(groups)), margin={"l": 10, "r": 10, "t": 40, "b": 50}
    )
    figure.update_layout(**layout)
    return figure


def figure_bands(table: pd.DataFrame, lang: str, x_title_key: str) -> go.Figure:
    """Requests per age band (columns detail, n), in the table's order."""
    figure = go.Figure(
        go.Bar(
            x=[t(f"data-quality-band-{d}", lang) for d in table.detail],
            y=table.n,
            marker_color=BAR_COLOUR,
            hovertemplate="%{x}: %{y:,d}<extra></extra>",
        )
    )
    layout = base_layout(lang, t("axis-requests", lang), t(x_title_key, lang))
    layout.update(hovermode="closest", height=260, margin={"l": 60, "r": 10, "t": 20, "b": 50})
    figure.update_layout(**layout)
    return figure


def figures_table(
    table: pd.DataFrame, label_column: str, labels: dict | None, columns: Sequence[str], lang: str, class_name: str = ""
) -> dbc.Table:
    """A compact table: one row per item (its label from `labels`, else the value), one column per figure
    (metric names as headers with their definitions on hover), in the reader's number format."""
    header = html.Thead(
        html.Tr(
            [html.Th(t(label_column, lang), scope="col")]
            + [html.Th(t(f"metric-{c}", lang), title=t(f"def-{c}", lang), className="text-end") for c in columns]
        )
    )
    rows = [
        html.Tr(
            [html.Th((labels or {}).get(row[label_column], row[label_column]), className="fw-normal")]
            + [html.Td(format_value(c, row[c], lang), className="text-end") for c in columns]
        )
        for _, row in table.iterrows()
    ]
    return dbc.Table(
        [header, html.Tbody(rows)],
        size="sm",
        hover=True,
        responsive=True,
        className=f"figures-table {class_name}".strip(),
    )


def quantile_table(quantiles: pd.DataFrame, by: str, labels: dict, metric: str, lang: str) -> dbc.Table:
    """Per group: the organisations compared and the quantiles of `metric` between them."""
    names = ("p10", "p25", "median", "p75", "p90")
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"regions-group-{by}", lang)),
                html.Th(t("regions-organisations-count", lang), className="text-end"),
            ]
            + [html.Th(t(f"regions-quantile-{n}", lang), className="text-end") for n in names]
        )
    )
    rate = is_rate(metric)
    order = {group: index for index, group in enumerate(labels)}
    quantiles = quantiles.assign(group=[g if isinstance(g, str) else "" for g in quantiles[by]])
    quantiles = quantiles.sort_values("group", key=lambda groups: groups.map(order), kind="stable")
    rows = [
        html.Tr(
            [
                html.Th(labels.get(row.group, row.group), className="fw-normal"),
                html.Td(format_count(row.organisations, lang), className="text-end"),
            ]
            + [
                html.Td(format_rate(row[n], lang) if rate else format_decimal(row[n], lang, 1), className="text-end")
                for n in names
            ]
        )
        for _, row in quantiles.iterrows()
    ]
    return dbc.Table([header, html.Tbody(rows)], size="sm", hover=True, responsive=True, className="quantile-table")


# Narrowest widths (px) at which a grid column's header stays readable (headers wrap between words only).
MIN_WIDTHS = {
    "answer_rate": 170,
    "sector_name": 120,
    "requests": 130,
    "answered": 115,
    "completed": 105,
    "unanswered": 110,
    "no_show_client_rate": 110,
    "late_cancellation_rate": 115,
}


def children_columns(child: str) -> list[Column]:
    """The columns of a drill-down grid whose rows are places of level `child`: the name (a link one level
    down), for organisations their sector, and GRID_FIGURES."""
    columns = [Column("link", f"regions-col-{child}", "link", width=200, pinned=True)]
    if child == "organisation":
        columns.append(Column("sector_name", "sector", "text"))
    return columns + [Column(f, f"metric-{f}", "rate" if is_rate(f) else "count") for f in GRID_FIGURES]


LANGUAGE_FIGURES = (
    "requests",
    "answered",
    "completed",
    "unanswered",
    "no_show_client",
    "no_show_interpreter",
    "answer_rate",
    "no_show_client_rate",
)


def language_columns() -> list[Column]:
    """The columns of an organisation's languages grid."""
    return [Column("language", "language", "text", width=200, pinned=True)] + [
        Column(f, f"metric-{f}", "rate" if is_rate(f) else "count") for f in LANGUAGE_FIGURES
    ]


def defect_columns(check: str) -> list[Column]:
    """The columns of a data-quality check's grid of organisations (no sector column for the organisations
    without one)."""
    columns = [Column("link", "data-quality-col-organisation", "link", width=320, pinned=True)]
    if check != "no_sector":
        columns.append(Column("sector_name", "sector", "text"))
    return columns + [
        Column("local_government", "data-quality-col-local-government", "text"),
        Column("region_code", "region", "text", width=90),
        Column("requests", "data-quality-col-requests", "count", width=140),
    ]


def layout_grid(
    grid_id: str,
    columns: Sequence[Column],
    lang: str,
    height: int,
    empty_key: str = "grid-no-rows",
    definitions_on_hover: bool = True,
    on_demand: bool = False,
):
    """A grid for a page's layout, without rows (they arrive from callbacks as rowData, or on demand a block at a
    time: a grid created later inside a loading area can measure itself wrongly and stay blank), sorted by
    requests, most first; columns no narrower than their header needs, each figure's definition on its header
    (when asked), and no filter buttons (sorting is what these short tables need), which leaves the header's
    width to its text."""
    tips = {c.field: t(f"def-{c.field}", lang) for c in columns if definitions_on_hover and is_numeric(c)}
    return data_grid(
        grid_id,
        pd.DataFrame(columns=[c.field for c in columns]),
        columns,
        lang,
        height=height,
        sort=("requests", "desc"),
        empty_key=empty_key,
        headers=ReadableHeaders(min_widths=MIN_WIDTHS, header_tooltips=tips, buttons=False),
        on_demand=on_demand,
    )


# --- what every place's page shows of the place ---------------------------------------------------------------

# The parts every place's page shows of the place: output name -> (part of the page's component ids, property).
PLACE_PARTS = {
    "downloads": ("downloads", "children"),
    "crumbs": ("crumbs", "children"),
    "missing": ("missing", "children"),
    "content": ("content", "style"),
    "heading": ("heading", "children"),
    "notice": ("notice", "children"),
    "cards": ("cards", "children"),
    "modalities": ("modalities", "children"),
}
PLACE_CARDS = (*CORE_FIGURES, "late_cancellation_rate")
MODALITY_FIGURES = (
    "requests",
    "answered",
    "completed",
    "no_show_client",
    "no_show_interpreter",
    "cancelled_client_late",
    *RATES,
)
# The export of each level's children (exports take the filters only: the path's region goes in as a filter).
OWN_ORGANISATION_EXPORTS = ("kpis", "monthly", "languages", "no-shows-monthly")
LEVEL_EXPORTS = {
    "all": "regions",
    "region": "local-governments",
    "local_government": "organisations",
    "organisation": "organisations",
}


def place_parts(name: str, shown: PlaceView, targets: dict, search: str, lang: str) -> dict:
    """The PLACE_PARTS of page `name` for the place `shown` (`search`: the page's query string, which its links
    keep; `targets`: the figures' targets, for the cards)."""
    place = shown.place
    return {
        "downloads": export_links(place, shown.export_filters, lang),
        "crumbs": breadcrumbs(place, search, lang),
        "missing": None,
        "content": {},
        "heading": heading(place, lang),
        "notice": notice(shown.set_aside, place, lang),
        "cards": place_cards(name, shown.compared, targets, lang),
        "modalities": modality_table(shown.modalities, lang),
    }


def missing_parts(message=None) -> dict:
    """The PLACE_PARTS of a page whose path names no known place (`message` says which part of it is unknown),
    or whose figures could not be read (no message): the place's content out of sight."""
    return dict.fromkeys(PLACE_PARTS) | {"missing": message, "content": HIDDEN}


def export_links(place: Place, filters: Filters, lang: str):
    """Downloads of the children's table with `filters` (`views.regions.export_filters`: the path's region
    travels as the region filter). Below the region level the file holds the organisations of the whole region:
    its title says so. An organisation's account gets its own figures instead (its scope narrows every export)."""
    if filters.scope.organisation is not None:  # an organisation's own statistics
        return download_links(OWN_ORGANISATION_EXPORTS, to_search(filters, lang), lang)
    export = LEVEL_EXPORTS[place.level]
    titles = (
        {export: t("regions-download-region-organisations", lang, region=place.region_name)}
        if place.level in ("local_government", "organisation")
        else None
    )
    return download_links((export,), to_search(filters, lang), lang, titles)


def notice(set_aside: dict[str, tuple[str, ...]], place: Place, lang: str):
    """A note naming the filters the path sets aside (the path wins) and what they had chosen, or nothing."""
    if not set_aside:
        return None
    lines = []
    if "region" in set_aside:
        chosen = ", ".join(set_aside["region"])
        lines.append(t("regions-notice-region", lang, chosen=chosen, place=place.region_name))
    if "sector" in set_aside:
        chosen = ", ".join(t(f"sector-{code}", lang) for code in set_aside["sector"])
        lines.append(t("regions-notice-sector", lang, chosen=chosen, sector=sector_name(place.sector, lang)))
    return dbc.Alert(" ".join(lines), color="info", className="place-notice small py-2")


def place_cards(name: str, compared: tuple[dict, dict, dict], targets: dict, lang: str) -> list:
    """The place's headline figures, with changes against the previous period and a year earlier (`compared`)."""
    return compared_cards(name, PLACE_CARDS, compared, targets, lang)


def modality_table(table: pd.DataFrame, lang: str) -> dbc.Table:
    """Figures per modality at the place."""
    labels = {m: t(f"modality-{m}", lang) for m in codes.MODALITIES}
    return figures_table(table, "modality", labels, MODALITY_FIGURES, lang, "modality-table")


def sector_name(sector, lang: str) -> str:
    """A sector's name; not filled in (also for a code that is no sector)."""
    return code_name("sector", sector if sector in codes.SECTORS else None, lang)


def sector_labels(lang: str) -> dict[str, str]:
    """Sector code -> name, and "" (not filled in) last."""
    return {code: code_name("sector", code, lang) for code in (*codes.SECTORS, "")}
