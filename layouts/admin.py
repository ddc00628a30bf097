"""`/admin`, for `admin` accounts only (dashboard.access.PAGE_ROLES): the accounts (add, change roles and regions,
disable or enable, remove), the audit log with its filters and CSV download, and the audit log's retention.

The page takes no filters: its skeleton is built here without reading anything, and `callbacks.admin` fills it
(and makes every change) when it is mounted."""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.access import ROLES
from dashboard.admin_export import GRID_LIMIT, RETENTION_RANGE
from dashboard.audit import ACTIONS
from dashboard.i18n import format_date, t
from dashboard.periods import BRUSSELS
from dashboard.state import StoredAccount
from layouts import register
from layouts._grid import Column, ReadableHeaders, data_grid
from layouts._page import page_frame, page_lang

NAME = "admin"
TAKES_FILTERS = False  # the filter bar is hidden above it (assets/app.css), so it says nothing of a kind
ACCOUNT_COLUMNS = (
    Column("username", "admin-col-username", pinned=True),
    Column("roles", "admin-col-roles"),
    Column("regions", "admin-col-regions"),
    Column("organisation", "admin-col-organisation", kind="count", width=130),
    Column("sign_in", "admin-col-sign-in"),
    Column("disabled", "admin-col-disabled", width=130),
    Column("created", "admin-col-created", kind="date", width=140),
)
AUDIT_COLUMNS = (
    Column("at", "admin-col-at", width=170),
    Column("username", "admin-col-username-audit"),
    Column("action", "admin-col-action"),
    Column("target", "admin-col-target"),
    Column("parameters", "admin-col-parameters"),
    Column("address", "admin-col-address", width=130),
)


def part(name: str) -> str:
    return ids.page(NAME, name)


def layout(query: dict) -> html.Div:
    lang = page_lang(query)
    body = html.Div(
        [
            dcc.Store(id=part("lang"), data=lang),
            # A change of accounts (version) or of the retention (audit-version): the audit log is read again.
            dcc.Store(id=part("version"), data=0),
            dcc.Store(id=part("audit-version"), data=0),
            accounts_section(lang),
            audit_section(lang),
            retention_section(lang),
        ]
    )
    return page_frame(NAME, query, "admin-title", "admin-lead", body)


def _field(label_key: str, control, lang: str, width: int = 3) -> dbc.Col:
    return dbc.Col(
        [html.Label(t(label_key, lang), htmlFor=control.id, className="form-label small mb-1"), control],
        xs=12,
        md=width,
        className="mb-2",
    )


def role_options(lang: str) -> list[dict]:
    return [{"label": t(f"admin-role-{role}", lang), "value": role} for role in ROLES]


def accounts_section(lang: str) -> html.Section:
    grid = data_grid(
        part("accounts"),
        pd.DataFrame(columns=[c.field for c in ACCOUNT_COLUMNS]),
        ACCOUNT_COLUMNS,
        lang,
        height=320,
        empty_key="admin-no-accounts",
    )
    grid.dashGridOptions |= {"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}}
    grid.getRowId = "params.data.username"
    edit = dbc.Card(
        dbc.CardBody(
            [
                html.H3(t("admin-edit", lang), className="h6"),
                html.P(t("admin-edit-none", lang), id=part("selected"), className="fw-bold"),
                dbc.Row(
                    [
                        _field(
                            "admin-field-roles",
                            dcc.Dropdown(id=part("edit-roles"), multi=True, options=role_options(lang)),
                            lang,
                            4,
                        ),
                        _field("admin-field-regions", dcc.Dropdown(id=part("edit-regions"), multi=True), lang, 4),
                        _field(
                            "admin-field-organisation",
                            dcc.Input(
                                id=part("edit-organisation"), type="number", min=1, step=1, className="form-control"
                            ),
                            lang,
                            4,
                        ),
                    ],
                    className="g-2",
                ),
                html.Div(
                    [
                        dbc.Button(
                            t("admin-edit-save", lang), id=part("edit-save"), color="primary", size="sm", disabled=True
                        ),
                        dbc.Button(
                            t("admin-disable", lang),
                            id=part("edit-toggle"),
                            color="warning",
                            size="sm",
                            outline=True,
                            disabled=True,
                        ),
                        dbc.Button(
                            t("admin-remove", lang),
                            id=part("edit-remove"),
                            color="danger",
                            size="sm",
                            outline=True,
                            disabled=True,
                        ),
                    ],
                    className="d-flex gap-2",
                ),
                dcc.ConfirmDialog(id=part("remove-confirm")),
            ]
        ),
        className="mb-3",
    )
    add = dbc.Card(
        dbc.CardBody(
            [
                html.H3(t("admin-add", lang), className="h6"),
                dbc.Row(
                    [
                        _field(
                            "admin-field-username",
                            dcc.Input(
                                id=part("add-name"),
                                type="text",
                                maxLength=200,
                                autoComplete="off",
                                className="form-control",
                            ),
                            lang,
                        ),
                        _field(
                            "admin-field-role",
                            dcc.Dropdown(id=part("add-role"), options=role_options(lang), clearable=False),
                            lang,
                            2,
                        ),
                        _field("admin-field-regions", dcc.Dropdown(id=part("add-regions"), multi=True), lang),
                        _field(
                            "admin-field-organisation",
                            dcc.Input(
                                id=part("add-organisation"), type="number", min=1, step=1, className="form-control"
                            ),
                            lang,
                            3,
                        ),
                        dbc.Col(
                            dbc.Button(t("admin-add-submit", lang), id=part("add-submit"), color="primary"),
                            xs=12,
                            md=1,
                            className="mb-2 align-self-end",
                        ),
                    ],
                    className="g-2",
                ),
            ]
        ),
        className="mb-3",
    )
    return html.Section(
        [
            html.H2(t("admin-accounts", lang), className="h5"),
            html.P(t("admin-accounts-help", lang), className="small text-muted mb-2"),
            html.Div(id=part("accounts-alert"), role="status"),
            grid,
            html.Div(className="mb-3"),
            edit,
            add,
        ],
        className="admin-accounts mb-4",
    )


def audit_section(lang: str) -> html.Section:
    actions = [{"label": t(f"admin-action-{action}", lang), "value": action} for action in ACTIONS]
    grid = data_grid(
        part("audit"),
        pd.DataFrame(columns=[c.field for c in AUDIT_COLUMNS]),
        AUDIT_COLUMNS,
        lang,
        height=420,
        empty_key="admin-no-audit",
        headers=ReadableHeaders(cell_tooltips={"target": "target", "parameters": "parameters"}),  # all of it on hover
    )
    grid.columnDefs[0]["sortable"] = False  # shown in the reader's format; the rows come newest first
    return html.Section(
        [
            html.H2(t("admin-audit", lang), className="h5"),
            html.P(t("admin-audit-help", lang, limit=GRID_LIMIT), className="small text-muted mb-2"),
            dbc.Row(
                [
                    _field(
                        "admin-audit-since",
                        dcc.Input(id=part("audit-since"), type="date", debounce=True, className="form-control"),
                        lang,
                        2,
                    ),
                    _field(
                        "admin-audit-username",
                        dcc.Input(
                            id=part("audit-username"),
                            type="text",
                            debounce=True,
                            maxLength=200,
                            placeholder=t("admin-audit-username-placeholder", lang),
                            className="form-control",
                        ),
                        lang,
                    ),
                    _field(
                        "admin-audit-action",
                        dcc.Dropdown(
                            id=part("audit-action"), options=actions, placeholder=t("admin-audit-action-all", lang)
                        ),
                        lang,
                    ),
                    dbc.Col(
                        html.A(
                            t("admin-audit-csv", lang),
                            id=part("audit-csv"),
                            href="/admin/audit.csv",
                            className="btn btn-outline-primary",
                        ),
                        xs=12,
                        md=2,
                        className="mb-2 align-self-end",
                    ),
                ],
                className="g-2",
            ),
            html.P(id=part("audit-note"), className="small mb-1", role="status"),
            grid,
        ],
        className="admin-audit mb-4",
    )


def retention_section(lang: str) -> html.Section:
    low, high = RETENTION_RANGE
    return html.Section(
        [
            html.H2(t("admin-retention", lang), className="h5"),
            html.P(t("admin-retention-help", lang), className="small text-muted mb-2"),
            dbc.Row(
                [
                    _field(
                        "admin-retention-days",
                        dcc.Input(
                            id=part("retention-days"),
                            type="number",
                            min=low,
                            max=high,
                            step=1,
                            className="form-control",
                        ),
                        lang,
                        2,
                    ),
                    dbc.Col(
                        dbc.Button(t("admin-retention-save", lang), id=part("retention-save"), color="primary"),
                        xs=12,
                        md=2,
                        className="mb-2 align-self-end",
                    ),
                ],
                className="g-2",
            ),
            html.Div(id=part("retention-status"), role="status"),
        ],
        className="admin-retention mb-4",
    )


# --- what the callbacks fill in -----------------------------------------------------------------------------------


def account_rows(accounts: list[StoredAccount], lang: str) -> list[dict]:
    """The accounts grid's rows: roles in the reader's language, the creation day as an ISO date (the grid shows it
    in the reader's format)."""
    return [
        {
            "username": stored.account.username,
            "roles": ", ".join(t(f"admin-role-{role}", lang) for role in stored.account.roles),
            "regions": ", ".join(stored.account.regions),
            "organisation": stored.account.organisation_id,
            "sign_in": t("admin-sign-in-local" if stored.has_password else "admin-sign-in-provider", lang),
            "disabled": t("admin-yes" if stored.disabled else "admin-no", lang),
            "created": stored.created_at.astimezone(BRUSSELS).date().isoformat(),
        }
        for stored in accounts
    ]


def audit_grid_rows(rows: list[dict], lang: str) -> list[dict]:
    """The audit grid's rows: the moment in Brussels time in the reader's format, the action named."""
    return [
        {
            "at": format_moment(row["at"], lang),
            "username": row["username"] or "",
            "action": t(f"admin-action-{row['action']}", lang) if row["action"] in ACTIONS else row["action"],
            "target": row["target"],
            "parameters": row["parameters"],
            "address": row["address"],
        }
        for row in rows
    ]


def format_moment(moment: datetime, lang: str) -> str:
    local = moment.astimezone(BRUSSELS)
    return f"{format_date(local.date(), lang)} {local:%H:%M:%S}"


def region_options(regions: pd.DataFrame) -> list[dict]:
    """The region codes of the database (views.region_names), labelled with their names."""
    return [{"label": f"{row.region_code} – {row.region}", "value": row.region_code} for row in regions.itertuples()]


def message(kind: str, key: str, lang: str, extra=None, **values) -> dbc.Alert:
    """An alert: `kind` success or danger; `extra` (e.g. the generated password) below the text."""
    children = [html.Div(t(key, lang, **values))] + ([extra] if extra is not None else [])
    return dbc.Alert(children, color=kind, className=f"admin-{kind}", dismissable=True)


def error(reason_key: str, lang: str, **values) -> dbc.Alert:
    return message("danger", "admin-error", lang, reason=t(reason_key, lang, **values))


register("/admin", layout, order=90, nav_key="admin-title", name=NAME, uses_period=False, menu="account")
