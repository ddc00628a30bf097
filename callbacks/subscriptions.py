"""Callbacks of `/subscriptions` (every output id starts with "subscriptions-": the callback guard lets only the
accounts that may open the page run them). Plain callbacks, not `_common.render`: the page takes no filters.

- `render_subscriptions`: the account's subscriptions with their last sending, the mail server's state, the code
  choices of the form (regions: only the account's own) and its address; read on mounting and after each change.
- `change_subscriptions`: add (dashboard.subscriptions.subscribe checks it) or stop one of the account's own;
  each change is a "subscription" row in the audit log.
- `show_fields`: the report's or the alert's fields, by the kind chosen.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import flask
from dash import ALL, Input, Output, State
from dash.exceptions import PreventUpdate

from dashboard import audit, ids
from dashboard.access import current_account
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.i18n import LANGS, language_name_column, t
from dashboard.state import StateDatabase
from dashboard.subscriptions import SubscriptionError, describe, last_mail_failure, subscribe
from layouts import subscriptions as page
from layouts._components import error_alert
from queries.reference import select_languages, select_regions

part = page.part


def _state() -> StateDatabase:
    return flask.current_app.extensions["stv-state"]


def _lang(lang) -> str:
    return lang if lang in LANGS else "nl"


def register(app: dash.Dash, context: Context) -> None:
    """Attach the subscriptions page's callbacks to `app`."""

    @app.callback(
        output={
            "list": Output(part("list"), "children"),
            "status": Output(part("mail-status"), "children"),
            "languages": Output(part("languages"), "options"),
            "regions": Output(part("regions"), "options"),
            "address": Output(part("address"), "value"),
        },
        inputs={"query": Input(ids.PAGE_QUERY, "data"), "version": Input(part("version"), "data")},
        state={"lang": State(part("lang"), "data")},
    )
    def render_subscriptions(query, version, lang):
        lang, account, state = _lang(lang), current_account(), _state()
        rows = [(s, next(iter(state.deliveries(s.id)), None)) for s in state.subscriptions(account.username)]
        known = state.recipient(account.username)
        try:
            languages, regions = code_options(context, account, lang)
        except DatabaseUnavailable:
            languages, regions = [], []
        return {
            "list": page.subscription_table(rows, lang),
            "status": mail_status(context, state, lang),
            "languages": languages,
            "regions": regions,
            "address": known[0] if known else (account.username if "@" in account.username else ""),
        }

    @app.callback(
        output={"version": Output(part("version"), "data"), "feedback": Output(part("feedback"), "children")},
        inputs={"submit": Input(part("submit"), "n_clicks"), "remove": Input(page.remove_button_id(ALL), "n_clicks")},
        state={
            "lang": State(part("lang"), "data"),
            "version": State(part("version"), "data"),
            "address": State(part("address"), "value"),
            "mail_lang": State(part("mail-lang"), "value"),
            "kind": State(part("kind"), "value"),
            "every": State(part("every"), "value"),
            "hours": State(part("hours"), "value"),
            "at_time": State(part("at"), "value"),
            "languages": State(part("languages"), "value"),
            "regions": State(part("regions"), "value"),
        },
        prevent_initial_call=True,
    )
    def change_subscriptions(submit, remove, lang, version, **form):
        trigger = dash.ctx.triggered_id
        if not dash.ctx.triggered or not dash.ctx.triggered[0].get("value"):
            raise PreventUpdate  # a stop button just drawn, not pressed
        lang = _lang(lang)
        if isinstance(trigger, dict) and "remove" in trigger:
            feedback = remove_subscription(trigger["remove"], lang)
        else:
            feedback = add_subscription(context, form, lang)
        return {"version": (version if isinstance(version, int) else 0) + 1, "feedback": feedback}

    @app.callback(
        output={
            "report": Output(part("report-fields"), "style"),
            "alert": Output(part("alert-fields"), "style"),
        },
        inputs={"kind": Input(part("kind"), "value")},
    )
    def show_fields(kind):
        hidden = {"display": "none"}
        return {"report": hidden if kind == "alert" else {}, "alert": {} if kind == "alert" else hidden}


def code_options(context: Context, account, lang: str) -> tuple[list[dict], list[dict]]:
    """The languages of the operational database, by name, and the regions the account may choose."""
    languages = context.data.fetch(select_languages)
    column = language_name_column(lang)
    language_options = sorted(
        (
            {"label": f"{row[column] or row['code']} ({row['code']})", "value": row["code"]}
            for _, row in languages.iterrows()
        ),
        key=lambda option: option["label"].casefold(),
    )
    regions = context.data.fetch(select_regions)
    scope = account.scope.regions
    region_options = [
        {"label": f"{row['name']} ({row['code']})", "value": row["code"]}
        for _, row in regions.sort_values("code").iterrows()
        if not scope or row["code"] in scope
    ]
    return language_options, region_options


def mail_status(context: Context, state: StateDatabase, lang: str):
    """A warning when no mail server is set, or when the last run could not use it."""
    if not context.settings.smtp_url:
        return dbc.Alert(t("subscriptions-no-smtp", lang), color="info")
    failure = last_mail_failure(state)
    if failure is None:
        return None
    from datetime import datetime

    at = page.moment(datetime.fromisoformat(failure["at"]), lang)
    return dbc.Alert(t("subscriptions-mail-failure", lang, at=at, error=failure["error"]), color="warning")


def add_subscription(context: Context, form: dict, lang: str) -> dbc.Alert:
    account = current_account()
    try:
        added = subscribe(
            _state(),
            account,
            context.vocabulary(),
            form.get("kind"),
            context.settings.current_time(),
            every=form.get("every"),
            hours=form.get("hours"),
            at_time=form.get("at_time"),
            languages=_codes(form.get("languages")),
            regions=_codes(form.get("regions")),
            address=form.get("address") if isinstance(form.get("address"), str) else None,
            lang=form.get("mail_lang") if isinstance(form.get("mail_lang"), str) else None,
        )
    except SubscriptionError as error:
        return dbc.Alert(error.text(lang), color="danger")
    except DatabaseUnavailable:
        return error_alert("database-unavailable", lang)
    audit.record("subscription", "/subscriptions", urlencode({"added": added.id, "kind": added.kind}))
    return dbc.Alert(t("subscriptions-added", lang, what=describe(added, lang)), color="success")


def _codes(value) -> list[str]:
    """The codes of a multi-select dropdown's value: a list, or one value (which Dash sends for a single choice);
    anything that is not a code is dropped."""
    values = value if isinstance(value, list) else [value]
    return [code for code in values if isinstance(code, str)]


def remove_subscription(subscription_id, lang: str) -> dbc.Alert | None:
    """Stop one of the account's own subscriptions (another's id removes nothing)."""
    account = current_account()
    if not isinstance(subscription_id, int) or not _state().remove_subscription(subscription_id, account.username):
        raise PreventUpdate
    audit.record("subscription", "/subscriptions", urlencode({"removed": subscription_id}))
    return dbc.Alert(t("subscriptions-removed", lang), color="success")
