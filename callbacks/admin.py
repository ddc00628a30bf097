"""Callbacks of `/admin` (admin accounts only: dashboard.auth refuses them to anyone else, every output id starts
with "admin-"). Plain callbacks, not `_common.render`: the page takes no filters, only its language.

- `accounts`: the accounts grid, read when the page is mounted and after each change made here (add, save roles
  and regions, disable or enable, remove after the confirmation); every change is recorded in the audit log as
  "account-change" with what changed, never a password. A generated password is shown once, in the alert.
- `selected`: the chosen account's roles, regions and organisation in the form, and which buttons apply.
- `retention`: the retention setting; saving it prunes at once; opening the page prunes once a day at most
  (dashboard.admin_export.prune_if_due).
- `audit_log`: the audit log's newest rows with the filters, and the CSV link with the same filters.

`GET /admin/audit.csv` is added to the server here too (dashboard.admin_export.init_app).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import dash
import flask
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard import admin_export, audit, ids
from dashboard.access import ROLES, current_account
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.i18n import LANGS, format_count, format_date, t
from dashboard.state import AccountError, StateDatabase, generate_password
from dashboard.views import region_names
from layouts import admin as page

NAME = page.NAME
part = page.part


def _state() -> StateDatabase:
    return flask.current_app.extensions["stv-state"]


def _lang(lang) -> str:
    return lang if lang in LANGS else "nl"


def register(app: dash.Dash, context: Context) -> None:
    """Attach the admin page's callbacks to `app`, and its CSV download to the server."""
    admin_export.init_app(app.server)

    def region_codes() -> list[dict]:
        try:
            return page.region_options(region_names(context.data))
        except DatabaseUnavailable:
            return []

    @app.callback(
        output={
            "rows": Output(part("accounts"), "rowData"),
            "alert": Output(part("accounts-alert"), "children"),
            "edit_regions": Output(part("edit-regions"), "options"),
            "add_regions": Output(part("add-regions"), "options"),
            "version": Output(part("version"), "data"),
            "add_name": Output(part("add-name"), "value"),
        },
        inputs={
            "query": Input(ids.PAGE_QUERY, "data"),
            "add": Input(part("add-submit"), "n_clicks"),
            "save": Input(part("edit-save"), "n_clicks"),
            "toggle": Input(part("edit-toggle"), "n_clicks"),
            "remove": Input(part("remove-confirm"), "submit_n_clicks"),
        },
        state={
            "lang": State(part("lang"), "data"),
            "version": State(part("version"), "data"),
            "name": State(part("add-name"), "value"),
            "role": State(part("add-role"), "value"),
            "regions": State(part("add-regions"), "value"),
            "organisation": State(part("add-organisation"), "value"),
            "selected": State(part("accounts"), "selectedRows"),
            "edit_roles": State(part("edit-roles"), "value"),
            "edit_regions_value": State(part("edit-regions"), "value"),
            "edit_organisation": State(part("edit-organisation"), "value"),
        },
    )
    def accounts(query, add, save, toggle, remove, lang, version, **form):
        lang = _lang(lang)
        options = region_codes()
        known = {option["value"] for option in options}
        trigger = dash.ctx.triggered_id
        state = _state()
        name = dash.no_update
        if trigger == part("add-submit"):
            alert = add_account(state, form, known, lang, at_provider=context.settings.auth == "oidc")
            name = "" if alert.color == "success" else dash.no_update
        elif trigger in (part("edit-save"), part("edit-toggle"), part("remove-confirm")):
            alert = change_account(state, trigger, form, known, lang)
        else:
            alert = None
        version = (version if isinstance(version, int) else 0) + (alert is not None)
        return {
            "rows": page.account_rows(state.accounts(), lang),
            "alert": alert,
            "edit_regions": options,
            "add_regions": options,
            "version": version,
            "add_name": name,
        }

    @app.callback(
        output={
            "selected": Output(part("selected"), "children"),
            "roles": Output(part("edit-roles"), "value"),
            "regions": Output(part("edit-regions"), "value"),
            "organisation": Output(part("edit-organisation"), "value"),
            "toggle": Output(part("edit-toggle"), "children"),
            "save_disabled": Output(part("edit-save"), "disabled"),
            "toggle_disabled": Output(part("edit-toggle"), "disabled"),
            "remove_disabled": Output(part("edit-remove"), "disabled"),
            "confirm": Output(part("remove-confirm"), "message"),
        },
        inputs={"selected": Input(part("accounts"), "selectedRows"), "rows": Input(part("accounts"), "rowData")},
        state={"lang": State(part("lang"), "data")},
    )
    def selected(selected, rows, lang):
        lang = _lang(lang)
        username = _selected_name(selected)
        stored = _state().find(username) if username else None
        if stored is None:
            return {
                "selected": t("admin-edit-none", lang),
                "roles": [],
                "regions": [],
                "organisation": None,
                "toggle": t("admin-disable", lang),
                "save_disabled": True,
                "toggle_disabled": True,
                "remove_disabled": True,
                "confirm": "",
            }
        account = stored.account
        return {
            "selected": account.username,
            "roles": list(account.roles),
            "regions": list(account.regions),
            "organisation": account.organisation_id,
            "toggle": t("admin-enable" if stored.disabled else "admin-disable", lang),
            "save_disabled": False,
            "toggle_disabled": False,
            "remove_disabled": False,
            "confirm": t("admin-remove-confirm", lang, username=account.username),
        }

    @app.callback(
        Output(part("remove-confirm"), "displayed"),
        Input(part("edit-remove"), "n_clicks"),
        prevent_initial_call=True,
    )
    def confirm_removal(clicks):
        if not clicks:
            raise PreventUpdate
        return True

    @app.callback(
        output={
            "days": Output(part("retention-days"), "value"),
            "status": Output(part("retention-status"), "children"),
            "version": Output(part("audit-version"), "data"),
        },
        inputs={"query": Input(ids.PAGE_QUERY, "data"), "save": Input(part("retention-save"), "n_clicks")},
        state={"lang": State(part("lang"), "data"), "days": State(part("retention-days"), "value")},
    )
    def retention(query, save, lang, days):
        lang, state = _lang(lang), _state()
        if dash.ctx.triggered_id != part("retention-save"):
            admin_export.prune_if_due(state)
            return {"days": state.retention_days(), "status": current_retention(state, lang), "version": 0}
        low, high = admin_export.RETENTION_RANGE
        if not isinstance(days, int | float) or isinstance(days, bool) or days != int(days) or not low <= days <= high:
            alert = page.message("danger", "admin-retention-bad", lang, low=low, high=high)
            return {"days": dash.no_update, "status": alert, "version": dash.no_update}
        before = state.retention_days()
        deleted = admin_export.save_retention(state, int(days))
        audit.record("setting-change", admin_export.RETENTION, urlencode({"from": before, "to": int(days)}))
        alert = page.message(
            "success",
            "admin-retention-saved",
            lang,
            days=format_count(int(days), lang),
            deleted=format_count(deleted, lang),
        )
        return {"days": int(days), "status": alert, "version": save or 1}

    @app.callback(
        output={
            "rows": Output(part("audit"), "rowData"),
            "note": Output(part("audit-note"), "children"),
            "href": Output(part("audit-csv"), "href"),
        },
        inputs={
            "query": Input(ids.PAGE_QUERY, "data"),
            "since": Input(part("audit-since"), "value"),
            "username": Input(part("audit-username"), "value"),
            "action": Input(part("audit-action"), "value"),
            "version": Input(part("version"), "data"),
            "settings_version": Input(part("audit-version"), "data"),
        },
        state={"lang": State(part("lang"), "data")},
    )
    def audit_log(query, since, username, action, version, settings_version, lang):
        lang = _lang(lang)
        filters = admin_export.audit_filters(since, username, action)
        rows = admin_export.audit_rows(_state(), filters)
        note = t("admin-audit-count", lang, count=format_count(len(rows), lang))
        if filters.problem == "since":
            note = [note, " ", t("admin-audit-bad-since", lang)]
        given = {
            "since": filters.since.isoformat() if filters.since else None,
            "username": filters.username,
            "action": filters.action,
        }
        search = urlencode({key: value for key, value in given.items() if value})
        return {
            "rows": page.audit_grid_rows(rows, lang),
            "note": note,
            "href": "/admin/audit.csv" + (f"?{search}" if search else ""),
        }


def current_retention(state: StateDatabase, lang: str) -> str:
    pruned = state.setting(admin_export.PRUNED_ON)
    try:
        shown = format_date(date.fromisoformat(pruned), lang) if pruned else None
    except ValueError:
        shown = None
    return t(
        "admin-retention-current",
        lang,
        days=format_count(state.retention_days(), lang),
        pruned=shown or t("admin-retention-never", lang),
    )


def _selected_name(selected) -> str | None:
    if isinstance(selected, list) and selected and isinstance(selected[0], dict):
        name = selected[0].get("username")
        return name if isinstance(name, str) and name else None
    return None


def _organisation(value) -> int | None | bool:
    """An organisation id from the form: an int, None when empty, False when not a whole positive number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value) or value < 1:
        return False
    return int(value)


def _regions(value) -> list[str]:
    return sorted({code for code in value if isinstance(code, str)}) if isinstance(value, list) else []


def _problem(roles: list[str], regions: list[str], organisation, known: set[str]) -> str | None:
    """The text key of what is wrong with roles, regions and organisation, or None."""
    if not roles or any(role not in ROLES for role in roles):
        return "admin-error-no-role"
    if organisation is False:
        return "admin-error-organisation"
    if "region" in roles and not regions:
        return "admin-error-region"
    if known and any(code not in known for code in regions):
        return "admin-error-regions-unknown"
    if "organisation" in roles and organisation is None:
        return "admin-error-organisation"
    return None


def add_account(state: StateDatabase, form: dict, known: set[str], lang: str, at_provider: bool = False):
    """Add the account of the form with a generated password (shown once in the answer); `at_provider`
    (STV_AUTH=oidc): without a password, it signs in at the provider and this row holds its scope."""
    name = form["name"].strip() if isinstance(form["name"], str) else ""
    role = form["role"] if isinstance(form["role"], str) else None
    roles = [role] if role else []
    regions = _regions(form["regions"]) if role == "region" else []
    organisation = _organisation(form["organisation"]) if role == "organisation" else None
    if not name or len(name) > 200 or any(c.isspace() for c in name):
        return page.error("admin-error-name", lang)
    problem = _problem(roles, regions, organisation, known)
    if problem:
        return page.error(problem, lang)
    if state.find(name) is not None:
        return page.error("admin-error-exists", lang, username=name)
    password = None if at_provider else generate_password()
    try:
        state.add_account(name, roles, regions, organisation, password)
    except AccountError as error:
        return page.error("admin-error-other", lang, message=str(error))
    audit.record("account-change", name, _change("add", roles=roles, regions=regions, organisation=organisation))
    if password is None:
        return page.message("success", "admin-added-provider", lang, username=name)
    shown = html.Code(
        password,
        className="admin-password d-inline-block mt-2 px-2 py-1 rounded bg-white text-dark fs-5 user-select-all",
    )
    return page.message("success", "admin-added", lang, extra=shown, username=name)


def change_account(state: StateDatabase, trigger: str, form: dict, known: set[str], lang: str):
    """Save roles and regions, disable or enable, or remove the account selected in the grid."""
    username = _selected_name(form["selected"])
    stored = state.find(username) if username else None
    if stored is None:
        return page.error("admin-error-unknown", lang, username=username or "–")
    me = current_account()
    yourself = me is not None and me.username == stored.account.username
    if trigger == part("remove-confirm"):
        if yourself:
            return page.error("admin-error-yourself", lang)
        if not state.remove_account(username):
            return page.error("admin-error-unknown", lang, username=username)
        audit.record("account-change", username, _change("remove"))
        return page.message("success", "admin-removed", lang, username=username)
    if trigger == part("edit-toggle"):
        if yourself:
            return page.error("admin-error-yourself", lang)
        disabled = not stored.disabled
        state.update_account(username, disabled=disabled)
        audit.record("account-change", username, _change("disable" if disabled else "enable"))
        return page.message("success", "admin-disabled" if disabled else "admin-enabled", lang, username=username)
    roles = [role for role in ROLES if isinstance(form["edit_roles"], list) and role in form["edit_roles"]]
    regions = _regions(form["edit_regions_value"])
    organisation = _organisation(form["edit_organisation"])
    problem = _problem(roles, regions, organisation, known)
    if problem:
        return page.error(problem, lang)
    if yourself and "admin" not in roles:
        return page.error("admin-error-own-admin", lang)
    before = stored.account
    changed = {
        key: value
        for key, value, old in (
            ("roles", roles, [role for role in ROLES if role in before.roles]),
            ("regions", regions, sorted(before.regions)),
            ("organisation_id", organisation, before.organisation_id),
        )
        if value != old
    }
    if not changed:
        return page.message("success", "admin-unchanged", lang)
    try:
        state.update_account(username, **changed)
    except AccountError as error:
        return page.error("admin-error-other", lang, message=str(error))
    shown = {("organisation" if key == "organisation_id" else key): value for key, value in changed.items()}
    audit.record("account-change", username, _change("change", **shown))
    return page.message("success", "admin-saved", lang, username=username)


def _change(change: str, **values) -> str:
    """What changed, as the audit log's parameters (a query string): never a password."""
    pairs = {"change": change}
    for key, value in values.items():
        pairs[key] = ",".join(value) if isinstance(value, list | tuple) else ("" if value is None else str(value))
    return urlencode(pairs)
