"""Callbacks of /supply-demand: the live figures (again on every refresh tick) and the drill-down to one language."""

from __future__ import annotations

import dash
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, no_update

from callbacks._common import normalised_search, render_page
from dashboard import codes, ids
from dashboard.context import Context
from dashboard.filters import ParsedQuery
from dashboard.i18n import format_count, format_date, format_decimal, t
from dashboard.periods import BRUSSELS
from dashboard.views import supply_demand as live
from layouts._charts_planning import figure_gap_heatmap
from layouts._components import THREE_CARDS, card, download_links, empty_state
from layouts._grid import LOCALES, grid_records
from layouts.supply_demand import DRILL, WINDOW

NAME = "supply-demand"


def register(app: dash.Dash, context: Context) -> None:
    """Attach the page's callbacks to `app`."""

    @app.callback(
        output=[
            Output(ids.page(NAME, "alerts"), "children"),
            Output(ids.page(NAME, "downloads"), "children"),
            Output(ids.page(NAME, "cards"), "children"),
            Output(ids.page(NAME, "languages-grid"), "rowData"),
            Output(ids.page(NAME, "heatmap"), "children"),
            Output(DRILL.id(NAME), "options"),
            Output(ids.page(NAME, "situation"), "children"),
            Output(ids.page(NAME, "stamp"), "data"),
        ],
        inputs=[
            Input(ids.PAGE_QUERY, "data"),
            Input(WINDOW.id(NAME), "value"),
            Input(ids.page(NAME, "refresh"), "n_intervals"),
        ],
    )
    def render_live(search, window, _tick):
        def build(parsed: ParsedQuery):
            lang, now = parsed.lang, context.settings.current_time()
            table = live.by_language(context.data, parsed.filters, now, window or live.DEFAULT_WINDOW, lang)
            days = live.gap_by_day(context.data, parsed.filters, now, lang)
            options = [{"label": row.language, "value": row.language_code} for row in table.itertuples()]
            situation = t("sd-situation", lang, moment=_moment(now, lang))
            return (
                _downloads(parsed),
                _cards(table, lang),
                grid_records(_with_kind_mix(table, lang)),
                _heatmap(days, lang),
                options,
                situation,
                _stamp(lang),
            )

        return render_page(context, search, build, failed=(None, None, [], None, [], None, no_update))

    @app.callback(
        Output(DRILL.id(NAME), "value"),
        Input(ids.page(NAME, "languages-grid"), "cellClicked"),
        prevent_initial_call=True,
    )
    def choose_clicked_language(cell):
        return (cell or {}).get("rowId") or no_update

    @app.callback(
        [Output(ids.page(NAME, "regions-grid"), "rowData"), Output(ids.page(NAME, "requests-grid"), "rowData")],
        inputs=[Input(DRILL.id(NAME), "value"), Input(ids.page(NAME, "stamp"), "data")],
        state=[State(ids.PAGE_QUERY, "data"), State(WINDOW.id(NAME), "value")],
    )
    def drill_down(language_code, _stamp, search, window):
        if not language_code:
            return [], []

        def build(parsed: ParsedQuery):
            now, lang = context.settings.current_time(), parsed.lang
            regions = live.by_region(context.data, parsed.filters, language_code, now, window or live.DEFAULT_WINDOW)
            requests = live.open_requests(
                context.data, parsed.filters, now, window or live.DEFAULT_WINDOW, language_code
            )
            return _drill(regions, requests, lang)

        return render_page(context, search, build, failed=([], []))[1:]

    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="lastUpdated"),
        Output(ids.page(NAME, "updated"), "children"),
        Input(ids.page(NAME, "stamp"), "data"),
    )


def _stamp(lang: str) -> dict:
    """What the browser needs to say when these figures arrived: its own clock, in the reader's words."""
    return {"template": t("sd-updated", lang, time="{time}"), "locale": LOCALES[lang]}


def _moment(now, lang: str) -> str:
    local = now.astimezone(BRUSSELS)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def _downloads(parsed: ParsedQuery):
    return download_links(("supply-demand", "open-requests"), normalised_search(parsed), parsed.lang)


def _cards(table: pd.DataFrame, lang: str) -> list:
    figures = (
        ("sd-card-pending", format_count(table.pending.sum(), lang)),
        ("sd-card-pending-hours", format_count(table.pending_hours.sum(), lang)),
        ("sd-card-short-languages", format_count((table.gap_hours > 0).sum(), lang)),
    )
    return [card(t(key, lang), value, {"data-figure": key}, size=THREE_CARDS) for key, value in figures]


def _with_kind_mix(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A readable column of free hours per interpreter kind: 'Gecertificeerd sociaal tolk 5,0 u · …'."""
    unit = t("sd-hours-short", lang)
    mixes = []
    for row in table.itertuples():
        parts = [
            f"{t(f'kind-{kind}', lang)} {format_decimal(getattr(row, f'free_hours_{kind}'), lang, 1)} {unit}"
            for kind in codes.KINDS
            if getattr(row, f"free_hours_{kind}") > 0
        ]
        mixes.append(" · ".join(parts))
    return table.assign(free_by_kind=mixes)


def _heatmap(days: pd.DataFrame, lang: str):
    if days.empty:
        return empty_state(lang, "sd-heatmap-empty")
    return dcc.Graph(figure=figure_gap_heatmap(days, lang), config={"locale": lang, "displaylogo": False})


def _drill(regions: pd.DataFrame, requests: pd.DataFrame, lang: str) -> tuple[list, list]:
    """The rows of the drill-down grids: regions (named, "" = no region) and requests with readable values."""
    regions = regions.assign(region=regions.region_code.replace("", t("sd-no-region", lang)))
    requests = requests.assign(
        scheduled=requests.scheduled_start.map(lambda moment: _moment(moment.to_pydatetime(), lang)),
        modality_name=requests.modality.map(lambda m: t(f"modality-{m}", lang)),
        status_name=requests.status.map(lambda s: t(f"status-{s}", lang)),
        request_id=requests.request_id.astype(str),
    )
    return grid_records(regions), grid_records(requests.drop(columns=["scheduled_start"]))
