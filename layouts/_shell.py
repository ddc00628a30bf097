"""The frame every page stands in: navigation, the global filter bar, the page, the footer.

The shell's component tree is static; texts and options are filled in from the URL, which holds the filters, the
interface language (`lang`) and the pages' own choices: on a page's first load with the layout (`paint`, by
callbacks.shell.first_painted), afterwards by the shell's callbacks. The page itself is mounted into `ids.PAGE`
the same way, and by the router when the path or the language changes, never for a filter change.
"""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
import flask
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

import layouts
from dashboard import codes, ids
from dashboard.access import current_account
from dashboard.auth import csrf_token
from dashboard.i18n import t
from dashboard.periods import QUICK_PRESETS, add_months, quarter_label, quarter_start
from layouts._choices import CHOICES

DROPDOWN_PARAMETERS = ids.FILTER_CODES


def shell_layout() -> html.Div:
    """The app's layout."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.ROUTE),
            dcc.Store(id=ids.QUERY),
            dcc.Store(id=ids.CHOICE_RULES, data=choice_rules()),
            html.A(t("skip-to-content"), id=ids.SKIP_LINK, href=f"#{ids.PAGE}", className="skip-link"),
            html.Header(
                dbc.Navbar(
                    dbc.Container(
                        [
                            html.A(t("app-title"), id=ids.BRAND, href="/", className="navbar-brand"),
                            html.Button(
                                html.Span(className="navbar-toggler-icon"),
                                id=ids.NAV_TOGGLE,
                                n_clicks=0,
                                type="button",
                                className="navbar-toggler",
                                **{
                                    "aria-label": t("nav-toggle"),
                                    "aria-expanded": "false",
                                    "aria-controls": ids.NAV_COLLAPSE,
                                },
                            ),
                            dbc.Collapse(
                                [
                                    dbc.Nav(id=ids.NAV, navbar=True, className="me-auto"),
                                    dbc.Nav(
                                        [
                                            dbc.NavItem(
                                                html.A(
                                                    t("switch-language"),
                                                    id=ids.LANG_SWITCH,
                                                    href="?lang=en",
                                                    className="nav-link",
                                                )
                                            ),
                                            account_menu(),
                                        ],
                                        navbar=True,
                                    ),
                                ],
                                id=ids.NAV_COLLAPSE,
                                navbar=True,
                                is_open=False,
                            ),
                        ],
                        fluid="xxl",  # the whole width below 1400 px, where the page is narrower
                    ),
                    color="primary",
                    dark=True,
                    expand="xl",  # ten pages and the account: one line from 1200 px, the menu button below
                    className="mb-3",
                ),
                className="no-print",
            ),
            dbc.Container(
                [
                    html.Section(
                        [
                            filter_bar(),
                            html.Div(id=ids.PERIOD_NOTE, role="status", className="no-print"),
                            *outage_banner(),
                            html.Div(id=ids.ALERTS, role="status"),
                        ],
                        id=ids.FILTER_SECTION,
                        **{"aria-label": t("filters")},
                    ),
                    html.Main(id=ids.PAGE, className="page", tabIndex="-1"),
                    html.Footer(
                        [
                            html.Span(t("footer-source"), id=ids.FOOTER),
                            " · ",
                            html.A(t("footer-accessibility"), id=ids.FOOTER_A11Y, href="/toegankelijkheid"),
                        ],
                        className="footer text-muted small my-4",
                    ),
                ],
                fluid="xl",
            ),
        ],
        id=ids.SHELL,
    )


def paint(layout: Component, values: dict[tuple[str, str], object]) -> Component:
    """`layout` with each (component id, property) of `values` set on the component of that id (callbacks.shell's
    first paint); a property of an id the layout lacks is left out."""
    components = {c.id: c for c in components_of(layout) if isinstance(getattr(c, "id", None), str)}
    for (component_id, prop), value in values.items():
        component = components.get(component_id)
        if component is not None:
            setattr(component, prop, value)
    return layout


def components_of(tree) -> list[Component]:
    """Every component in `tree`, in any property that holds components (a dropdown menu's label too, which
    Dash's own traversal, through children only, leaves out)."""
    if isinstance(tree, list | tuple):
        return [found for item in tree for found in components_of(item)]
    if not isinstance(tree, Component):
        return []
    inner = [getattr(tree, name, None) for name in tree._prop_names]
    return [tree, *components_of([value for value in inner if isinstance(value, Component | list | tuple)])]


def outage_banner() -> tuple:
    """Where `callbacks.outage` says that the operational database cannot be reached (nothing otherwise), and the
    timer that asks again every probe interval while it does."""
    seconds = flask.current_app.extensions["stv"].data.probe_seconds
    return (
        html.Div(id=ids.OUTAGE, role="alert"),
        dcc.Interval(id=ids.OUTAGE_TICK, interval=int(seconds * 1000), disabled=True),
    )


def account_menu() -> dbc.DropdownMenu:
    """The account's menu, its button named after who is signed in: the account's own pages (filled in by
    `callbacks.shell`) and signing out, a form that posts the session's CSRF token to /logout."""
    account = current_account()
    name = account.username if account is not None else ""
    sign_out = html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=csrf_token()),
            html.Button(t("sign-out"), id=ids.SIGN_OUT, type="submit", className="dropdown-item"),
        ],
        action="/logout",
        method="POST",
    )
    return dbc.DropdownMenu(
        [html.Div(id=ids.ACCOUNT_LINKS), dbc.DropdownMenuItem(divider=True), sign_out],
        id=ids.ACCOUNT,
        label=[
            html.Span(t("signed-in-hint") + " ", id=ids.ACCOUNT_HINT, className="visually-hidden"),
            html.Span(name, id=ids.SIGNED_IN, className="account-name"),
        ],
        nav=True,
        in_navbar=True,
        align_end=True,
    )


def choice_rules() -> dict:
    """Each page choice's default and allowed values (None: any code), for `stv.choices` in the browser."""
    layouts.load_pages()
    return {name: {"default": c.default, "values": c.values} for name, c in CHOICES.items()}


def _labelled(name: str, control, width: int, help_text=None) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(
                t(name), id=ids.filter_label(name), htmlFor=_control_id(control), className="form-label small mb-1"
            ),
            control,
            help_text,
        ],
        xs=12,
        sm=6,
        lg=width,
        className="mb-2",
    )


def _help(name: str):
    """The kind filter's note: what it selects on this page (requests served by that kind, or interpreters)."""
    if name != "kind":
        return None
    return html.Small(id=ids.KIND_HELP, className="form-text text-muted d-block text-truncate")  # all of it on hover


def _date_input(control_id: str) -> dcc.Input:
    """A day typed in the page's form (31-12-2025 in Dutch, 31/12/2025 in English), committed on Enter or on
    leaving the field: a native date input shows the browser's form, not the page's language (issue 13)."""
    return dcc.Input(
        id=control_id,
        type="text",
        debounce=True,
        placeholder=t("date-placeholder"),
        autoComplete="off",
        maxLength=10,
        className="form-control",
    )


def _control_id(control) -> str:
    return control.id if isinstance(control.id, str) else ""


# The period pickers: (label's text key, id, width on large screens).
PERIOD_PICKERS = (
    ("period", ids.FILTER_PRESET, 3),
    ("period-quarter", ids.FILTER_QUARTER, 2),
    ("period-year", ids.FILTER_YEAR, 2),
)
QUARTERS_OFFERED = 12  # the running quarter and the eleven before: three years of board meetings


def filter_bar() -> dbc.Card:
    """Period (a quick choice, a quarter, a year, or dates) and the six code filters, all mirrored in the URL: each
    picker shows the dates when they are its choice (the quick one "Custom" when none is)."""
    period = [
        _labelled(name, dcc.Dropdown(id=control, clearable=False, searchable=False, placeholder=t("period-choose")), w)
        for name, control, w in PERIOD_PICKERS
    ]
    period += [
        _labelled(name, _date_input(control), 2) for name, control in (("from", ids.FILTER_FROM), ("to", ids.FILTER_TO))
    ]
    codes = [
        _labelled(name, dcc.Dropdown(id=ids.filter_input(name), multi=True, placeholder=t("all")), 2, _help(name))
        for name in DROPDOWN_PARAMETERS
    ]
    reset = html.A(t("reset-filters"), id=ids.FILTER_RESET, href="/", className="small")
    toggle = html.Button(
        [
            html.Span(t("filters"), className="fw-semibold me-2"),
            html.Span(id=ids.FILTER_SUMMARY, className="small", **{"data-none": t("filters-summary-none")}),
        ],
        id=ids.FILTER_TOGGLE,
        n_clicks=0,
        type="button",
        className="filter-toggle btn btn-link text-start text-decoration-none p-0 w-100",
        **{"aria-expanded": "false", "aria-controls": ids.FILTER_COLLAPSE},
    )
    return dbc.Card(
        dbc.CardBody(
            [
                toggle,
                dbc.Collapse(
                    [
                        dbc.Row(period + [dbc.Col(reset, lg=1, className="align-self-end mb-3")], className="g-2"),
                        dbc.Row(codes, className="g-2"),
                    ],
                    id=ids.FILTER_COLLAPSE,
                    is_open=False,
                    className="filter-collapse",
                ),
            ]
        ),
        className="filter-bar mb-3 no-print",
    )


def preset_options(lang: str) -> list[dict]:
    """The quick period choices, and "Custom" (what typed dates show; not a choice itself)."""
    options = [{"label": t(f"preset-{p}", lang), "value": p} for p in QUICK_PRESETS]
    return options + [{"label": t("preset-custom", lang), "value": "custom", "disabled": True}]


def quarter_options(today: date, lang: str) -> list[dict]:
    """The running quarter and the ones before it (QUARTERS_OFFERED), newest first, the running one marked."""
    first = quarter_start(today)
    starts = [add_months(first, -3 * back) for back in range(QUARTERS_OFFERED)]
    return [
        {
            "label": _running_mark(quarter_name(start, lang), start == first, lang),
            "value": f"quarter-{quarter_label(start)}",
        }
        for start in starts
    ]


def year_options(first_year: int, today: date, lang: str) -> list[dict]:
    """Every year from this one (marked as running) back to `first_year`."""
    return [
        {"label": _running_mark(str(year), year == today.year, lang), "value": f"year-{year}"}
        for year in range(today.year, min(first_year, today.year) - 1, -1)
    ]


def quarter_name(start: date, lang: str) -> str:
    """A quarter as readers name it: "K3 2026" (nl), "Q3 2026" (en)."""
    return t("quarter-name", lang, quarter=(start.month - 1) // 3 + 1, year=start.year)


def _running_mark(name: str, running: bool, lang: str) -> str:
    return t("period-running-mark", lang, name=name) if running else name


def code_options(languages: pd.DataFrame, regions: pd.DataFrame, lang: str) -> list[list[dict]]:
    """Options of the six code filters, labelled in `lang`, in the order of ids.FILTER_CODES: `languages` and
    `regions` as `views.language_names` and `views.region_names` give them."""
    language_options = sorted(
        (
            {"label": f"{row.language} ({row.language_code})", "value": row.language_code}
            for row in languages.itertuples()
        ),
        key=lambda o: o["label"].lower(),
    )
    return [
        [{"label": row.region, "value": row.region_code} for row in regions.itertuples()],
        language_options,
        [{"label": t(f"modality-{m}", lang), "value": m} for m in codes.MODALITIES],
        [{"label": t(f"sector-{s}", lang), "value": s} for s in codes.SECTORS],
        [{"label": t(f"service-{s}", lang), "value": s} for s in codes.SERVICES],
        [{"label": t(f"kind-{k}", lang), "value": k} for k in codes.KINDS],
    ]
