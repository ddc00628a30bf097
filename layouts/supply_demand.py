"""Live supply and demand per language for planners: today, the next 7 and the next 14 days."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import codes, ids
from dashboard.access import may_list_individuals
from dashboard.filters import to_search
from dashboard.i18n import format_count, format_date, format_decimal, t
from dashboard.periods import BRUSSELS
from dashboard.views.supply_demand import DEFAULT_WINDOW, RECENT_DAYS, WINDOWS
from layouts import register
from layouts._charts_planning import figure_gap_heatmap
from layouts._choices import choice
from layouts._components import THREE_CARDS, card, definitions, empty_state, graph_config
from layouts._grid import LOCALES, Column, data_grid, grid_records
from layouts._page import page_frame, page_lang

NAME = "supply-demand"
REFRESH_SECONDS = 30  # the page asks for fresh figures this often; the data-version probe (10 s) is shorter
LANGUAGE_GRID = (
    Column("language", "col-language", pinned=True, width=170),
    Column("shortfall_hours", "col-gap-hours", "number", width=110),
    Column("surplus_hours", "col-surplus-hours", "number", width=120),
    Column("regions_short", "col-regions-short", width=150),
    Column("coverage", "col-coverage", "shown", width=130),
    Column("recent_shortage_rate", "col-recent-shortage", "rate", width=150),
    Column("pending", "col-pending", "count"),
    Column("pending_hours", "col-pending-hours", "number"),
    Column("matched", "col-matched", "count"),
    Column("free_hours", "col-free-hours", "number"),
    Column("available_interpreters", "col-available-interpreters", "count"),
    Column("booked_interpreters", "col-booked-interpreters", "count"),
    Column("median_wait_hours", "col-median-wait", "number"),
    Column("max_wait_hours", "col-max-wait", "number"),
    Column("free_by_kind", "col-free-by-kind", width=320),
)
REGION_GRID = (
    Column("region", "col-region"),
    Column("pending", "col-pending", "count"),
    Column("pending_hours", "col-pending-hours", "number"),
    Column("free_hours", "col-free-hours", "number"),
    Column("available_interpreters", "col-available-interpreters", "count"),
)
REQUEST_GRID = (
    Column("request_id", "col-request", "text", width=100),
    Column("scheduled", "col-scheduled"),
    Column("organisation", "col-organisation"),
    Column("region_code", "col-region", width=90),
    Column("modality_name", "col-modality"),
    Column("status_name", "col-status", width=110),
    Column("duration_min", "col-duration", "count", width=110),
    Column("wait_hours", "col-wait", "number"),
)
DEFINITIONS = (("sd-term-demand", "sd-def-demand"), ("sd-term-supply", "sd-def-supply"), ("sd-term-gap", "sd-def-gap"))

WINDOW = choice("window", DEFAULT_WINDOW, WINDOWS)
DRILL = choice("drill", None)  # a language code; the drill-down shows nothing for one without open requests


def layout(query: dict) -> html.Div:
    """The skeleton; figures arrive from `callbacks.supply_demand`, again every REFRESH_SECONDS."""
    lang = page_lang(query)
    controls = html.Div(
        [
            html.Div(
                [
                    WINDOW.label(NAME, t("sd-window", lang), className="me-2 mb-0"),
                    dbc.RadioItems(
                        id=WINDOW.id(NAME),
                        value=WINDOW.initial(query),
                        inline=True,
                        className="choice-window",
                        options=[{"label": t(f"sd-window-{w}", lang), "value": w} for w in WINDOWS],
                    ),
                ],
                className="d-flex align-items-center",
                role="radiogroup",
                **{"aria-label": t("sd-window", lang)},
            ),
            html.Div(
                [
                    html.Span(id=ids.page(NAME, "updated"), className="fw-semibold"),
                    " · ",
                    html.Span(t("sd-refresh-note", lang, seconds=REFRESH_SECONDS)),
                    html.Span(id=ids.page(NAME, "situation"), className="ms-1"),
                ],
                className="small text-muted",
                role="status",
                **{"aria-live": "polite"},
            ),
            dcc.Interval(id=ids.page(NAME, "refresh"), interval=REFRESH_SECONDS * 1000),
            dcc.Store(id=ids.page(NAME, "stamp")),
        ],
        className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2",
    )
    body = html.Div(
        [
            controls,
            html.P(t("sd-filter-note", lang), className="small text-muted"),
            dcc.Loading(html.Div(id=ids.page(NAME, "cards"), className="row"), type="default"),
            html.H2(t("sd-table-title", lang), className="h5 mt-2"),
            html.P(id=ids.page(NAME, "recent-note"), className="small text-muted mb-1"),
            dcc.Loading(_language_grid(lang), type="default"),
            html.H2(t("sd-heatmap-title", lang), className="h5 mt-4 mb-0"),
            html.P(t("sd-heatmap-lead", lang), className="text-muted small"),
            dcc.Loading(html.Div(id=ids.page(NAME, "heatmap")), type="default"),
            html.H2(t("sd-drill-title", lang), className="h5 mt-4 mb-0"),
            html.P(t("sd-drill-lead", lang), className="text-muted small"),
            DRILL.label(NAME, t("sd-drill-choose", lang), className="visually-hidden"),
            DRILL.dropdown(
                NAME,
                query,
                placeholder=t("sd-drill-choose", lang),
                clearable=True,
                className="choice-drill",
                style={"maxWidth": "360px"},
            ),
            _drill_grids(lang),
            definitions("sd-definitions", DEFINITIONS, lang),
        ]
    )
    return page_frame(NAME, query, "sd-title", "sd-lead", body)


def _drill_grids(lang: str) -> dbc.Row:
    """The drill-down's regions and, for an account that may see individual requests (not the board), its open
    requests."""
    regions = [html.H3(t("sd-drill-regions", lang), className="h6"), _grid("regions-grid", REGION_GRID, lang, 260)]
    if not may_list_individuals():
        return dbc.Row(dbc.Col(regions, lg=6), className="mt-2")
    requests = [html.H3(t("sd-drill-requests", lang), className="h6"), _grid("requests-grid", REQUEST_GRID, lang, 360)]
    return dbc.Row([dbc.Col(regions, lg=4), dbc.Col(requests, lg=8)], className="mt-2")


def _language_grid(lang: str):
    """Rows arrive with each refresh, sorted by shortfall (worst first; a click on a header sorts by that column);
    clicking a row opens that language below."""
    grid = _grid("languages-grid", LANGUAGE_GRID, lang, 460, "sd-table-empty")
    grid.getRowId = "params.data.language_code"
    return grid


def _grid(part: str, columns: tuple[Column, ...], lang: str, height: int, empty_key: str = "sd-drill-lead"):
    """A grid in the layout from the start (its rows come from callbacks): one created later inside a loading
    area can measure itself wrongly and stay blank."""
    return data_grid(
        ids.page(NAME, part),
        pd.DataFrame(columns=[c.field for c in columns]),
        columns,
        lang,
        height=height,
        empty_key=empty_key,
    )


# --- the parts the callbacks fill (`callbacks.supply_demand`) -----------------------------------------------------


def stamp(lang: str) -> dict:
    """What the browser needs to say when these figures arrived: its own clock, in the reader's words."""
    return {"template": t("sd-updated", lang, time="{time}"), "locale": LOCALES[lang]}


def situation(now, lang: str) -> str:
    """'Toestand op 23-11-2026 10:00': the moment the figures are of, in Brussels."""
    return t("sd-situation", lang, moment=_moment(now, lang))


def _moment(now, lang: str) -> str:
    local = now.astimezone(BRUSSELS)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def cards(table: pd.DataFrame, lang: str) -> list:
    """Pending requests and hours, and how many languages lack free hours, over all languages of `table`."""
    figures = (
        ("sd-card-pending", format_count(table.pending.sum(), lang)),
        ("sd-card-pending-hours", format_count(table.pending_hours.sum(), lang)),
        ("sd-card-short-languages", format_count((table.gap_hours > 0).sum(), lang)),
    )
    return [card(t(key, lang), value, {"data-figure": key}, size=THREE_CARDS) for key, value in figures]


COVERAGE_CAP = 10  # above this, "more than 10×": 233.100 % tells a planner nothing more


def format_coverage(value: float | None, lang: str) -> str:
    """Coverage (free ÷ pending hours) as a readable multiple: '2,3×' (nl), 'more than 10×' above COVERAGE_CAP,
    'less than 0,1×' where one decimal would read 0; '–' when nothing is pending."""
    if value is None or value != value:
        return "–"
    if value > COVERAGE_CAP:
        return t("sd-coverage-over", lang, cap=COVERAGE_CAP)
    if 0 < value < 0.05:
        return t("sd-coverage-under", lang, floor=format_decimal(0.1, lang, 1))
    return f"{format_decimal(value, lang, 1)}×"


def shortfall_and_surplus(gap_hours: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The gap (pending − free hours) in two columns of positive hours: the shortfall where it is above 0, the
    surplus (free − pending) where it is below; empty otherwise, so a surplus never reads as a negative
    shortfall."""
    return gap_hours.where(gap_hours > 0), (-gap_hours).where(gap_hours < 0)


def language_rows(table: pd.DataFrame, lang: str) -> list[dict]:
    """The languages grid's rows, with the gap as shortfall or surplus, the coverage in words
    (`coverage_shown`) and a readable column of free hours per interpreter kind:
    'Gecertificeerd sociaal tolk 5,0 u · …'. The export keeps the exact numbers (the view's table)."""
    unit = t("sd-hours-short", lang)
    mixes = []
    for row in table.itertuples():
        parts = [
            f"{t(f'kind-{kind}', lang)} {format_decimal(getattr(row, f'free_hours_{kind}'), lang, 1)} {unit}"
            for kind in codes.KINDS
            if getattr(row, f"free_hours_{kind}") > 0
        ]
        mixes.append(" · ".join(parts))
    shortfall, surplus = shortfall_and_surplus(table.gap_hours)
    return grid_records(
        table.assign(
            free_by_kind=mixes,
            shortfall_hours=shortfall,
            surplus_hours=surplus,
            coverage_shown=[format_coverage(value, lang) for value in table.coverage],
        )
    )


def recent_note(period: tuple, filters, lang: str) -> list:
    """What the recent shortage rate covers, its dates in words, and a link to /shortages over those days with
    the page's other filters."""
    start, end = period
    href = "/shortages" + to_search(filters.with_period(start, end), lang)
    days = {"start": format_date(start, lang), "end": format_date(end, lang), "days": RECENT_DAYS}
    return [
        t("sd-recent-note", lang, **days) + " ",
        dcc.Link(t("sd-recent-link", lang, **days), href=href, className="sd-recent-link"),
    ]


def drill_options(table: pd.DataFrame) -> list[dict]:
    """The languages of the table (in its order, the largest gap first) for the drill-down's choice."""
    return [{"label": row.language, "value": row.language_code} for row in table.itertuples()]


def heatmap(days: pd.DataFrame, lang: str):
    """The gap per language and day, or a note that nothing is pending or free."""
    if days.empty:
        return empty_state(lang, "sd-heatmap-empty")
    return dcc.Graph(figure=figure_gap_heatmap(days, lang), config=graph_config(lang))


def region_rows(regions: pd.DataFrame, lang: str) -> list[dict]:
    """The drill-down's regions, "" (interpreters without a region) named."""
    return grid_records(regions.assign(region=regions.region_code.replace("", t("sd-no-region", lang))))


def request_rows(requests: pd.DataFrame, lang: str) -> list[dict]:
    """The drill-down's open requests with readable moments, modalities and statuses."""
    requests = requests.assign(
        scheduled=requests.scheduled_start.map(lambda moment: _moment(moment.to_pydatetime(), lang)),
        modality_name=requests.modality.map(lambda m: t(f"modality-{m}", lang)),
        status_name=requests.status.map(lambda s: t(f"status-{s}", lang)),
        request_id=requests.request_id.astype(str),
    )
    return grid_records(requests.drop(columns=["scheduled_start"]))


register("/supply-demand", layout, order=10, nav_key="nav-supply-demand", name=NAME, uses_period=False)
