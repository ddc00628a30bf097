"""Shell callbacks: the router, the texts of the interface language, and the URL <-> filters and page choices.

The flow of a filter change is one server round trip and then the page's own callbacks:
1. `sync_url` (server) reads the changed input, validates the filters once against the vocabulary, writes the URL
   and the normalised query string into `ids.QUERY`;
2. the browser copies it into the mounted page's `ids.PAGE_QUERY`, and the page's callbacks, which take that store
   as input, compute what changed.
The page is not re-mounted for a filter change: `mount_page` follows `ids.ROUTE`, which the browser derives from
the path and the interface language only, so tabs and other choices on the page stay as they are.

On a page's first load none of these runs: the browser names the page in its request for the layout, and
`first_painted` draws the shell as they would set it (the same functions: `synced`, `shell_texts`,
`mounted_page`, `period_note`, and the accessibility texts and outage banner of their modules), so the first
paint waits only for the page's own callbacks. Hence `prevent_initial_call` on each; a client that names no page
gets the bare shell, and dcc.Location, finding no address in it, hands the browser's to these callbacks as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import flask
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

import layouts
from callbacks import a11y, outage
from callbacks._common import rejected_problems
from dashboard import audit, ids, views
from dashboard.access import current_account, current_scope, may_open
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import EVERYTHING, UI_LANGUAGES, Filters, Problem, period_of, query_values
from dashboard.i18n import KIND_HELP, kind_meaning, t
from dashboard.periods import QUICK_PRESETS, format_typed_date, preset_range, quarter_label, read_typed_date
from dashboard.security import MAX_QUERY_STRING
from dashboard.views.regions import find_place, within_scope
from layouts._breadcrumbs import LEVEL_PAGES
from layouts._choices import CHOICES
from layouts._components import period_alert, problems_alert
from layouts._shell import code_options, paint, preset_options, quarter_options, shell_layout, year_options

CODE_INPUTS = [ids.filter_input(name) for name in ids.FILTER_CODES]
LABELS = ("period", "period-quarter", "period-year", "from", "to", *ids.FILTER_CODES)
CHOICE_PROPS = ("value", "active_tab")  # the properties of page-choice controls (layouts._choices)
PLACE_LEVELS = {name: level for level, name in LEVEL_PAGES.items()}  # drill-down page name -> its level

SHELL_TEXTS = {
    "brand": Output(ids.BRAND, "children"),
    "switch": Output(ids.LANG_SWITCH, "children"),
    "sign_out": Output(ids.SIGN_OUT, "children"),
    "signed_in_hint": Output(ids.ACCOUNT_HINT, "children"),
    "account_links": Output(ids.ACCOUNT_LINKS, "children"),
    "footer": Output(ids.FOOTER, "children"),
    "reset": Output(ids.FILTER_RESET, "children"),
    "labels": [Output(ids.filter_label(name), "children") for name in LABELS],
    "placeholders": [Output(name, "placeholder") for name in CODE_INPUTS],
    "choose": [Output(name, "placeholder") for name in ids.PERIOD_PICKERS],
    "nav": Output(ids.NAV, "children"),
    "mode": Output(ids.SHELL, "className"),
    "kind_help": Output(ids.KIND_HELP, "children"),
    "kind_help_title": Output(ids.KIND_HELP, "title"),
}


# The request for the page's layout says which page is being loaded (assets/stv-clientside.js): its path and query
# string, exactly as the browser's address has them.
PAGE_HEADER = "X-STV-Page"
# The filter bar's values as the bare shell holds them: the five period inputs empty, no code chosen.
BAR_ON_LOAD = (None, None, None, None, None, [None] * len(CODE_INPUTS))
MAX_ADDRESS = 2 * MAX_QUERY_STRING  # (a longer address gets the 414 page before any layout is asked for)


def first_painted(context: Context) -> Callable[[], html.Div]:
    """The app's layout function: the shell, and when the request for it names the page being loaded, in the state
    the shell's callbacks would give it, that page mounted. The first paint then waits only for the page's own
    callbacks (issue 12: one wave of them, not three); without the header (another client), the shell's
    callbacks draw it as the browser's address comes in, as before."""

    def layout() -> html.Div:
        shell = shell_layout()
        address = loaded_address(flask.request.headers.get(PAGE_HEADER)) if flask.has_request_context() else None
        if address is None:
            return shell
        try:
            return paint(shell, first_paint(context, *address))
        except DatabaseUnavailable:  # (the filter bar's choices come from the database) its callbacks say so
            return shell

    return layout


def loaded_address(header: str | None) -> tuple[str, str] | None:
    """(pathname, search) of the page being loaded, as the header names it; None for none or a malformed one."""
    if not header or len(header) > MAX_ADDRESS or not header.startswith("/") or header.startswith("//"):
        return None
    pathname, mark, query = header.partition("?")
    return pathname, (mark + query if query else "")


def first_paint(context: Context, pathname: str, search: str) -> dict[tuple[str, str], object]:
    """Each shell property the shell's callbacks would set on loading the page at `pathname` with `search`:
    the address (as dcc.Location takes it from the browser), the route (as `stv.route` derives it), the filter
    bar and query (`synced`), the texts, the mounted page, the period note and the outage banner."""
    route = {
        "path": pathname or "/",
        "lang": _lang_of(search),
        "period": (query_values(search).get("period") or [""])[-1],
    }
    sync = synced(context, search, BAR_ON_LOAD, None)
    query = sync["query"] if sync["query"] is not no_update else None
    values = {(ids.URL, "pathname"): pathname, (ids.URL, "search"): search, (ids.ROUTE, "data"): route}
    for outputs, answer in (
        (SYNC_OUTPUTS, sync),
        (SHELL_TEXTS, shell_texts(route)),
        (a11y.TEXTS, a11y.translate_a11y(route)),
        (Output(ids.PAGE, "children"), mounted_page(context, route, search)),
        (Output(ids.PERIOD_NOTE, "children"), period_note(context, route, query)),
        (outage.OUTPUTS, outage.outage_state(context, search)),
    ):
        values |= _assigned(outputs, answer)
    return values


def _assigned(outputs, answer) -> dict[tuple[str, str], object]:
    """(component id, property) -> value of a callback's `answer` to `outputs` (as declared: one Output, a
    sequence of them, or a mapping of names to either), leaving out what it does not update."""
    if isinstance(outputs, Output):
        pairs = [(outputs, answer)]
    elif isinstance(outputs, dict):
        return {key: value for name in outputs for key, value in _assigned(outputs[name], answer[name]).items()}
    else:
        pairs = list(zip(outputs, answer, strict=True))
    return {
        (output.component_id, output.component_property): value for output, value in pairs if value is not no_update
    }


def _choices(prop: str) -> dict:
    return {"page": ALL, "choice": ALL, "prop": prop}


def register(app: dash.Dash, context: Context) -> None:
    """Attach the shell's callbacks to `app`."""
    _register_router(app, context)
    _register_texts(app)
    _register_sync(app, context)
    _register_period_note(app, context)


def _register_period_note(app: dash.Dash, context: Context) -> None:
    @app.callback(
        Output(ids.PERIOD_NOTE, "children"),
        Input(ids.ROUTE, "data"),
        Input(ids.QUERY, "data"),
        prevent_initial_call=True,  # drawn with the layout (first_paint)
    )
    def note_period(route, query):
        return period_note(context, route, query)


def period_note(context: Context, route, query):
    """Under the filter bar of a page that counts within the period: that the period still runs (and through which
    day it counts), or that it has not begun; nothing for a complete period."""
    path = route.get("path") if isinstance(route, dict) else None
    page, _ = layouts.route(path if isinstance(path, str) else "/", current_account())
    if not page.uses_period:
        return None
    start, end = period_of(query, context.today())
    return period_alert(start, end, context.today(), _route_lang(route))


def _register_router(app: dash.Dash, context: Context) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="route"),
        Output(ids.ROUTE, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.ROUTE, "data"),
    )

    @app.callback(
        Output(ids.PAGE, "children"),
        Input(ids.ROUTE, "data"),
        State(ids.URL, "search"),
        prevent_initial_call=True,  # drawn with the layout (first_paint)
    )
    def mount_page(route, search):
        if route is None:  # not set yet (the browser's route), or malformed (dashboard.payloads)
            raise PreventUpdate
        return mounted_page(context, route, search)

    # A filter change reaches the mounted page without a round trip: the shell's validated query becomes the page's.
    # It also runs when a page is mounted, and must then answer (not "no update"), or Dash would hold back the
    # page's callbacks, which wait for it.
    app.clientside_callback(
        "function (query, shown) { return query || shown; }",
        Output(ids.PAGE_QUERY, "data"),
        Input(ids.QUERY, "data"),
        State(ids.PAGE_QUERY, "data"),
    )

    # A page's choices (layouts._choices) and the URL, kept in step in the browser: a changed control writes its
    # parameter into the URL; back and forward set the controls from it. The page's callbacks check the values.
    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="choices"),
        Output(ids.URL, "search", allow_duplicate=True),
        [Output(_choices(prop), prop) for prop in CHOICE_PROPS],
        Input(ids.URL, "search"),
        [Input(_choices(prop), prop) for prop in CHOICE_PROPS],
        State(ids.CHOICE_RULES, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction(namespace="stv", function_name="links"),
        Output(ids.nav_link(ALL), "href"),
        Output(ids.LANG_SWITCH, "href"),
        Output(ids.FILTER_RESET, "href"),
        Input(ids.QUERY, "data"),
        Input(ids.NAV, "children"),
        Input(ids.ACCOUNT_LINKS, "children"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )


def mounted_page(context: Context, route: dict, search) -> html.Div:
    """The page at the route's path, with the filters of the URL in its query store (`ids.PAGE_QUERY`): the page's
    callbacks take that store as input, so they run when the page is mounted and when it changes."""
    search = search or ""
    page, variables = layouts.match(route["path"])
    allowed = may_open(current_account(), page.name) and _place_within_scope(context, page.name, variables)
    audit.record("page-view" if allowed else "refused", route["path"], search)
    if not allowed:  # what the account may not open looks like a page that does not exist (CONTRACT §7)
        page, variables = layouts.not_found()
    return html.Div(
        [
            dcc.Store(id=ids.PAGE_QUERY, data=_normalised(context, search)),
            page.layout(query_values(search), **variables),
        ]
    )


def _register_texts(app: dash.Dash) -> None:
    # drawn with the layout (first_paint); then whenever the route changes
    app.callback(output=SHELL_TEXTS, inputs={"route": Input(ids.ROUTE, "data")}, prevent_initial_call=True)(shell_texts)


def shell_texts(route) -> dict:
    """The shell's words in the route's language, the navigation with the current page marked, and no chrome
    on the printable report."""
    lang, path = _route_lang(route), (route or {}).get("path") if isinstance(route, dict) else "/"
    return {
        "brand": t("app-title", lang),
        "switch": t("switch-language", lang),
        "sign_out": t("sign-out", lang),
        "signed_in_hint": t("signed-in-hint", lang) + " ",
        "footer": t("footer-source", lang),
        "reset": t("reset-filters", lang),
        "mode": "report-mode" if isinstance(path, str) and path.startswith("/report") else "",
        "kind_help": _kind_help(path, lang),
        "kind_help_title": _kind_help(path, lang),
        "labels": [t(name, lang) for name in LABELS],
        "placeholders": [t("all", lang)] * len(CODE_INPUTS),
        "choose": [t("period-choose", lang)] * len(ids.PERIOD_PICKERS),
        "nav": [
            dbc.NavItem(dbc.NavLink(t(page.nav_key, lang), id=ids.nav_link(page.path), href=page.path, active=active))
            for page, active in _navigation("main", path)
        ],
        "account_links": [
            html.A(
                t(page.nav_key, lang),
                id=ids.nav_link(page.path),
                href=page.path,
                className="dropdown-item active" if active else "dropdown-item",
                **({"aria-current": "page"} if active else {}),
            )
            for page, active in _navigation("account", path)
        ],
    }


def _navigation(menu: str, path) -> list[tuple[layouts.Page, bool]]:
    """The pages of `menu` the signed-in account may open, each with whether the current `path` lies within it."""
    current = path if isinstance(path, str) else "/"
    return [(page, _is_within(current, page.path)) for page in layouts.navigation(current_account(), menu)]


FILTER_BAR = {
    "preset": ids.FILTER_PRESET,
    "quarter": ids.FILTER_QUARTER,
    "year": ids.FILTER_YEAR,
    "start": ids.FILTER_FROM,
    "end": ids.FILTER_TO,
}
SYNC_OUTPUTS = {
    "search": Output(ids.URL, "search"),
    "query": Output(ids.QUERY, "data"),
    "alerts": Output(ids.ALERTS, "children"),
    **{name: Output(component, "value") for name, component in FILTER_BAR.items()},
    "codes": [Output(name, "value") for name in CODE_INPUTS],
    "preset_options": Output(ids.FILTER_PRESET, "options"),
    "quarter_options": Output(ids.FILTER_QUARTER, "options"),
    "year_options": Output(ids.FILTER_YEAR, "options"),
    "code_options": [Output(name, "options") for name in CODE_INPUTS],
}


def _register_sync(app: dash.Dash, context: Context) -> None:
    inputs = {
        "search": Input(ids.URL, "search"),
        **{name: Input(component, "value") for name, component in FILTER_BAR.items()},
        "codes": [Input(name, "value") for name in CODE_INPUTS],
    }

    @app.callback(
        output=SYNC_OUTPUTS,
        inputs=inputs,
        state={"shown": State(ids.QUERY, "data")},
        prevent_initial_call=True,  # drawn with the layout (first_paint)
    )
    def sync_url(search, preset, quarter, year, start, end, codes, shown):
        return synced(context, search, (preset, quarter, year, start, end, codes), shown, ctx.triggered_id)


def synced(context: Context, search, bar: tuple, shown, trigger=None) -> dict:
    """The URL is the truth: it sets the filter bar (`bar`: its values now) on load and on back and forward; a
    changed input (`trigger`) rewrites it. The filters are validated here, once, and handed to the page as
    `ids.QUERY` (`shown`: what it holds now); the page's own choices stay in the URL as they are (`stv.choices` in
    the browser keeps them and their controls in step)."""
    preset, quarter, year, start, end, codes = bar
    search = search or ""
    unchanged = {name: no_update for name in SYNC_OUTPUTS}
    unchanged |= {"codes": [no_update] * len(CODE_INPUTS), "code_options": [no_update] * len(CODE_INPUTS)}
    today = context.today()
    values = query_values(search)
    from_url = trigger in (None, ids.URL)
    picked = {ids.FILTER_PRESET: preset, ids.FILTER_QUARTER: quarter, ids.FILTER_YEAR: year}.get(trigger)
    bar_problems = ()
    if not from_url:
        values, bar_problems = _bar_values(values, picked, start, end, codes, today)
    try:
        parsed = context.parse(values)
    except DatabaseUnavailable:  # the page's callbacks say so; the URL stays as it is
        return unchanged | {"query": search if search != shown else no_update}
    normalised = parsed.search
    chosen, choice_problems = _choices_of(query_values(search))
    new_search = normalised + _choice_suffix(chosen)
    shown_lang = None if shown is None else _lang_of(shown)
    result = unchanged | {
        "search": no_update if from_url or new_search == search else new_search,
        "query": normalised if normalised != shown else no_update,
        "alerts": problems_alert(
            (*parsed.problems, *choice_problems, *bar_problems, *rejected_problems()), parsed.lang
        ),
        **_bar_outputs(parsed.filters, today, bar, parsed.lang),
    }
    if parsed.lang != shown_lang:  # options travel with values: a dropdown drops a value it has no option for
        result |= _options(context, parsed.lang, today)
    return result


def _place_within_scope(context: Context, page_name: str | None, variables: dict) -> bool:
    """Whether the drill-down page's place (if it is one) lies within the account's scope: another region's or
    organisation's page is "not found" (its figures would be empty anyway: the queries apply the scope)."""
    level = PLACE_LEVELS.get(page_name)
    if level is None:
        return True
    try:
        place = find_place(context.data, level, variables, EVERYTHING)
    except DatabaseUnavailable:  # the page says so; it has nothing to show
        return True
    return place is None or within_scope(place, current_scope())


def _normalised(context: Context, search: str) -> str:
    """The URL's filters as the shell writes them into `ids.QUERY` (the raw string if the database is down: the
    page's callbacks then say so)."""
    try:
        parsed = context.parse(search)
    except DatabaseUnavailable:
        return search
    return parsed.search


def _choices_of(values: dict) -> tuple[dict, list]:
    """Every declared page choice's value in the query string (its default where missing or not allowed)."""
    chosen, problems = {}, []
    for name, declared in CHOICES.items():
        chosen[name], problem = declared.read(values)
        if problem and name in values:
            problems.append(problem)
    return chosen, problems


def _choice_suffix(chosen: dict) -> str:
    pairs = [(name, value) for name, value in chosen.items() if value not in (None, "", CHOICES[name].default)]
    return ("&" + urlencode(pairs, safe=",")) if pairs else ""


def _bar_values(values: dict, picked, start, end, chosen_codes, today: date) -> tuple[dict, tuple[Problem, ...]]:
    """The query values with the filter bar's inputs in place of the URL's (`picked`: the value of the period
    picker that changed, if one did), and the problem of a picked value that is no period (a forged one: a year
    far out); an unusable date keeps the URL's."""
    period = preset_range(picked, today)
    problems = (
        (Problem("period", "unknown-code", str(picked)),) if picked not in (None, "custom") and not period else ()
    )
    if period is None:
        period = (_date_or(start, values.get("from")), _date_or(end, values.get("to")))
        problems += _typed_problems({"from": start, "to": end})
    updated = dict(values)
    if all(period) and period[0] <= period[1]:
        updated |= {"from": [period[0].isoformat()], "to": [period[1].isoformat()]}
    for name, value in zip(ids.FILTER_CODES, chosen_codes):
        updated[name] = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    return updated, problems


def _date_or(value, fallback: list[str] | None) -> date | None:
    """The typed day (in the page's form, or ISO), else the URL's."""
    typed = read_typed_date(value)
    if typed:
        return typed
    for candidate in (fallback or [])[-1:]:
        try:
            return date.fromisoformat(candidate)
        except (TypeError, ValueError):
            continue
    return None


def _typed_problems(typed: dict) -> tuple[Problem, ...]:
    """A typed text that is no day: said, with the form to use (the input then shows the URL's day again)."""
    return tuple(
        Problem(name, "typed-date", text.strip())
        for name, text in typed.items()
        if isinstance(text, str) and text.strip() and read_typed_date(text) is None
    )


def _bar_outputs(filters: Filters, today: date, current: tuple, lang: str) -> dict:
    """The filter bar's values for `filters`, leaving alone the inputs that already show them: each period picker
    shows the period when it is one of its choices; the quick one "Custom" when no picker has it; the date inputs
    the days in the page's form (31-12-2025, 31/12/2025)."""
    preset, quarter, year, start, end, chosen_codes = current
    codes_now = [sorted(map(str, value)) if isinstance(value, list) else [] for value in chosen_codes]
    pickers = {
        "quarter": _offered_quarter(filters, today),
        "year": _choice_of(filters, today, f"year-{filters.start.year}"),
    }
    quick = preset_of(filters, today)
    if quick == "custom" and any(pickers.values()):
        quick = None  # the quarter or year picker shows it
    return {
        "preset": _unless_equal(quick, preset),
        "quarter": _unless_equal(pickers["quarter"], quarter),
        "year": _unless_equal(pickers["year"], year),
        "start": _unless_equal(format_typed_date(filters.start, lang), start),
        "end": _unless_equal(format_typed_date(filters.end, lang), end),
        "codes": [_unless_equal(list(getattr(filters, name)), now) for name, now in zip(ids.FILTER_CODES, codes_now)],
    }


def _unless_equal(value, current):
    return no_update if value == current else value


def _options(context: Context, lang: str, today: date) -> dict:
    """The filter bar's choices in `lang`: quick periods, recent quarters, years back to the first year with
    requests, and the codes."""
    first_year = views.first_request_year(context.data) or today.year
    return {
        "preset_options": preset_options(lang),
        "quarter_options": quarter_options(today, lang),
        "year_options": year_options(first_year, today, lang),
        "code_options": code_options(views.language_names(context.data, lang), _region_choices(context), lang),
    }


def _region_choices(context: Context):
    """The regions the filter offers: those of the account's scope (every region for an unscoped account)."""
    regions, scope = views.region_names(context.data), current_scope()
    return regions[regions.region_code.isin(scope.regions)] if scope.regions else regions


def _kind_help(path, lang: str) -> str:
    """What the interpreter-kind filter selects on the page at `path` (nothing on a page without filters)."""
    page, _ = layouts.route(path if isinstance(path, str) else "/", current_account())
    return t(kind_meaning(page.name), lang) if page.name in KIND_HELP else ""


def _is_within(pathname: str, path: str) -> bool:
    """Whether the page at `pathname` is the page at `path` or one below it (/regions/ANT/12 under /regions)."""
    return pathname == path or (path != "/" and pathname.startswith(path + "/"))


def _lang_of(search) -> str:
    value = (query_values(search).get("lang") or ["nl"])[-1]
    return value if value in UI_LANGUAGES else "nl"


def _route_lang(route) -> str:
    lang = route.get("lang") if isinstance(route, dict) else None
    return lang if lang in UI_LANGUAGES else "nl"


def preset_of(filters: Filters, today: date) -> str:
    """The quick choice whose period the filters have, or 'custom'."""
    return next((p for p in QUICK_PRESETS if _choice_of(filters, today, p)), "custom")


def _offered_quarter(filters: Filters, today: date) -> str | None:
    """The quarter picker's choice for the filters: their quarter when they are one it offers, else None."""
    choice = _choice_of(filters, today, f"quarter-{quarter_label(filters.start)}")
    return choice if choice in {option["value"] for option in quarter_options(today, "nl")} else None


def _choice_of(filters: Filters, today: date, choice: str) -> str | None:
    """`choice` when it is the filters' period, else None (the picker then shows no choice)."""
    return choice if preset_range(choice, today) == (filters.start, filters.end) else None
