"""Shell callbacks: texts in the interface language, navigation that keeps the filters, filters <-> URL."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, ctx, no_update

from dashboard import codes, ids
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import Filters, parse_query, query_values, to_search
from dashboard.i18n import language_name_column, t
from dashboard.periods import brussels_today, preset_range
from queries.reference import select_languages, select_period_bounds, select_regions

CODE_INPUTS = [ids.filter_input(name) for name in ids.FILTER_CODES]
LABELS = ("period", "from", "to", *ids.FILTER_CODES)
QUICK_PRESETS = ("last-12-months", "this-month", "last-month", "this-quarter")


def register(app: dash.Dash, context: Context) -> None:
    """Attach the shell's callbacks to `app`."""

    translated = [
        Output(ids.LANG, "data"),
        Output(ids.BRAND, "children"),
        Output(ids.LANG_SWITCH, "children"),
        Output(ids.FOOTER, "children"),
        Output(ids.FILTER_RESET, "children"),
        *[Output(ids.filter_label(name), "children") for name in LABELS],
        *[Output(name, "placeholder") for name in CODE_INPUTS],
    ]

    @app.callback(output=translated, inputs=[Input(ids.URL, "search")], state=[State(ids.LANG, "data")])
    def translate_shell(search, shown_lang):
        lang = _lang_of(search)
        if lang == shown_lang:
            return [no_update] * len(translated)
        return [
            lang,
            t("app-title", lang),
            t("switch-language", lang),
            t("footer-source", lang),
            t("reset-filters", lang),
            *[t(name, lang) for name in LABELS],
            *[t("all", lang)] * len(CODE_INPUTS),
        ]

    @app.callback(
        Output(ids.NAV, "children"),
        Output(ids.LANG_SWITCH, "href"),
        Output(ids.FILTER_RESET, "href"),
        Output(ids.SHELL, "className"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )
    def navigation(pathname, search):
        """Links that keep the filters, the language switch, and no chrome on the printable report."""
        lang = _lang_of(search)
        links = [
            dbc.NavItem(
                dbc.NavLink(
                    t(page["nav_key"], lang),
                    href=page["path"] + (search or ""),
                    active=_is_within(pathname, page["path"]),
                )
            )
            for page in sorted(dash.page_registry.values(), key=lambda p: p["order"])
            if page.get("nav_key")
        ]
        other = "en" if lang == "nl" else "nl"
        kept = [(k, v) for k, values in query_values(search).items() if k != "lang" for v in values]
        switch = "?" + urlencode([*kept, ("lang", other)], safe=",")
        report_mode = "report-mode" if (pathname or "").startswith("/report") else ""
        return links, (pathname or "/") + switch, (pathname or "/") + ("?lang=en" if lang == "en" else ""), report_mode

    # Options travel with values: a dropdown drops a value that is not among its options yet.
    synced = [
        Output(ids.URL, "search"),
        Output(ids.FILTER_PRESET, "value"),
        Output(ids.FILTER_FROM, "value"),
        Output(ids.FILTER_TO, "value"),
        *[Output(name, "value") for name in CODE_INPUTS],
        Output(ids.FILTER_PRESET, "options"),
        *[Output(name, "options") for name in CODE_INPUTS],
    ]

    @app.callback(
        output=synced,
        inputs=[
            Input(ids.URL, "search"),
            Input(ids.FILTER_PRESET, "value"),
            Input(ids.FILTER_FROM, "value"),
            Input(ids.FILTER_TO, "value"),
            *[Input(name, "value") for name in CODE_INPUTS],
        ],
    )
    def sync_filters(search, preset, start, end, *chosen):
        """The URL is the truth: it sets the inputs on load and on back/forward; the inputs rewrite it."""
        today = brussels_today(context.settings.current_time())
        try:
            vocabulary = context.vocabulary()
        except DatabaseUnavailable:
            raise dash.exceptions.PreventUpdate from None
        if ctx.triggered_id in (None, ids.URL):
            lang = _lang_of(search)
            filters = parse_query(search, vocabulary, today).filters
            return [
                no_update,
                preset_of(filters, today),
                filters.start.isoformat(),
                filters.end.isoformat(),
                *[list(getattr(filters, name)) for name in ids.FILTER_CODES],
                preset_options(context, lang),
                *code_options(context, lang),
            ]
        current = parse_query(search, vocabulary, today).filters
        filters = _from_inputs(current, preset, start, end, chosen, today, ctx.triggered_id)
        new_search = to_search(filters, _lang_of(search))
        return [
            new_search if new_search != search else no_update,
            preset_of(filters, today),
            filters.start.isoformat(),
            filters.end.isoformat(),
            *[no_update] * (len(synced) - 4),
        ]


def _is_within(pathname: str | None, path: str) -> bool:
    """Whether the page at `pathname` is the page at `path` or one below it (/regions/ANT/12 under /regions)."""
    pathname = pathname or "/"
    return pathname == path or (path != "/" and pathname.startswith(path + "/"))


def _lang_of(search) -> str:
    value = (query_values(search).get("lang") or ["nl"])[-1]
    return value if value in ("nl", "en") else "nl"


def _from_inputs(current: Filters, preset, start, end, chosen, today: date, trigger) -> Filters:
    """Filters from the bar's inputs; an unusable date keeps the current one."""
    period = (preset_range(preset, today) if trigger == ids.FILTER_PRESET else None) or (
        _date_or(start, current.start),
        _date_or(end, current.end),
    )
    if period[1] < period[0]:
        period = (current.start, current.end)
    values = {name: tuple(sorted(value or ())) for name, value in zip(ids.FILTER_CODES, chosen)}
    return Filters(period[0], period[1], **values)


def _date_or(value, fallback: date) -> date:
    try:
        return date.fromisoformat(value) if value else fallback
    except ValueError:
        return fallback


def preset_of(filters: Filters, today: date) -> str:
    """The quick choice whose period the filters have, or 'custom'."""
    for preset in (*QUICK_PRESETS, *(f"year-{y}" for y in range(filters.start.year, filters.end.year + 1))):
        if preset_range(preset, today) == (filters.start, filters.end):
            return preset
    return "custom"


def preset_options(context: Context, lang: str) -> list[dict]:
    """Quick period choices: recent periods, then every year with data."""
    options = [{"label": t(f"preset-{p}", lang), "value": p} for p in QUICK_PRESETS]
    first = context.data.fetch(select_period_bounds).iloc[0, 0]
    today = brussels_today(context.settings.current_time())
    first_year = today.year if first is None or pd.isna(first) else pd.Timestamp(first).year
    options += [
        {"label": t("preset-year", lang, year=y), "value": f"year-{y}"} for y in range(today.year, first_year - 1, -1)
    ]
    return options + [{"label": t("preset-custom", lang), "value": "custom", "disabled": True}]


def code_options(context: Context, lang: str) -> list[list[dict]]:
    """Options of the six code filters, labelled in the interface language, in the order of ids.FILTER_CODES."""
    languages = context.data.fetch(select_languages)
    name = language_name_column(lang)
    language_options = sorted(
        ({"label": f"{row[name]} ({row.code})", "value": row.code} for _, row in languages.iterrows()),
        key=lambda o: o["label"].lower(),
    )
    regions = context.data.fetch(select_regions)
    return [
        [{"label": row["name"], "value": row["code"]} for _, row in regions.iterrows()],
        language_options,
        [{"label": t(f"modality-{m}", lang), "value": m} for m in codes.MODALITIES],
        [{"label": t(f"sector-{s}", lang), "value": s} for s in codes.SECTORS],
        [{"label": t(f"service-{s}", lang), "value": s} for s in codes.SERVICES],
        [{"label": t(f"kind-{k}", lang), "value": k} for k in codes.KINDS],
    ]
