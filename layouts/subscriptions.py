"""`/subscriptions`: the signed-in account's e-mail subscriptions (CONTRACT.md §8): the list with each one's last
sending (or its failure), a button to stop each, and a form to add the board report or a shortage alert.

The page takes no filters (the filter bar is hidden above it: assets/app.css). Its skeleton is built here from the
account alone; `callbacks.subscriptions` fills the list and the code choices and makes every change."""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.access import current_account
from dashboard.i18n import LANGS, format_date, t
from dashboard.periods import BRUSSELS
from dashboard.state import Subscription
from dashboard.subscriptions import EVERY, describe, kinds_for
from layouts import register
from layouts._components import empty_state
from layouts._page import page_frame, page_lang

NAME = "subscriptions"
TAKES_FILTERS = False
DEFAULT_HOURS = 4
DEFAULT_AT = "08:00"
CONTROL = "form-control"


def part(name: str) -> str:
    return ids.page(NAME, name)


def remove_button_id(subscription_id: int) -> dict:
    """The id of the stop button of one subscription (its page named, so the callback guard knows it)."""
    return {"page": NAME, "remove": subscription_id}


def layout(query: dict) -> html.Div:
    lang = page_lang(query)
    account = current_account()
    kinds = kinds_for(account) if account is not None else ()
    body = html.Div(
        [
            dcc.Store(id=part("lang"), data=lang),
            dcc.Store(id=part("version"), data=0),  # a change made here: the list is read again
            html.Div(id=part("mail-status")),
            html.Section(
                [
                    html.H2(t("subscriptions-yours", lang), className="h5"),
                    html.Div(id=part("feedback"), role="status"),
                    dcc.Loading(html.Div(id=part("list")), type="dot"),
                ],
                className="mb-4",
            ),
            add_form(kinds, lang) if kinds else empty_state(lang, "subscriptions-none-allowed"),
        ]
    )
    return page_frame(NAME, query, "subscriptions-title", "subscriptions-lead", body)


def _field(label_key: str, control, lang: str, width: int = 3, help_key: str | None = None) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(t(label_key, lang), htmlFor=ids.dom_id(control.id), className="form-label small mb-1"),
            control,
            html.Div(t(help_key, lang), className="form-text") if help_key else None,
        ],
        xs=12,
        md=width,
        className="mb-2",
    )


def _options(prefix: str, values, lang: str) -> list[dict]:
    return [{"label": t(f"{prefix}-{value}", lang), "value": value} for value in values]


def add_form(kinds: tuple[str, ...], lang: str) -> html.Section:
    """The form to add a subscription: whom to mail and in which language, what, and the alert's choices."""
    radios = {"inline": True, "className": "mt-1"}
    report = dbc.Row(
        _field(
            "subscriptions-field-every",
            dbc.RadioItems(
                id=part("every"),
                options=_options("subscriptions-every", EVERY, lang),
                value="quarter",
                **radios,
            ),
            lang,
            6,
        ),
        id=part("report-fields"),
    )
    alert = dbc.Row(
        [
            _field(
                "subscriptions-field-hours",
                dcc.Input(
                    id=part("hours"), type="number", min=0, step=0.5, value=DEFAULT_HOURS, className="form-control"
                ),
                lang,
                3,
            ),
            _field(
                "subscriptions-field-at",
                dcc.Input(id=part("at"), type="text", value=DEFAULT_AT, maxLength=5, className="form-control"),
                lang,
                2,
            ),
            _field("subscriptions-field-languages", dcc.Dropdown(id=part("languages"), multi=True), lang, 4),
            _field("subscriptions-field-regions", dcc.Dropdown(id=part("regions"), multi=True), lang, 3),
            html.P(t("subscriptions-alert-help", lang), className="small text-muted mb-2"),
        ],
        id=part("alert-fields"),
        className="g-2",
        style={"display": "none"},
    )
    return html.Section(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2(t("subscriptions-add", lang), className="h5"),
                    dbc.Row(
                        [
                            _field(
                                "subscriptions-field-address",
                                dcc.Input(id=part("address"), type="email", maxLength=320, className="form-control"),
                                lang,
                                4,
                            ),
                            _field(
                                "subscriptions-field-lang",
                                dbc.RadioItems(
                                    id=part("mail-lang"),
                                    options=[
                                        {"label": t(f"subscriptions-lang-{code}", lang), "value": code}
                                        for code in LANGS
                                    ],
                                    value=lang,
                                    **radios,
                                ),
                                lang,
                                3,
                            ),
                            _field(
                                "subscriptions-field-kind",
                                dbc.RadioItems(
                                    id=part("kind"),
                                    options=[
                                        {"label": t(f"subscriptions-kind-{kind}", lang), "value": kind}
                                        for kind in kinds
                                    ],
                                    value=kinds[0],
                                    **radios,
                                ),
                                lang,
                                5,
                            ),
                        ],
                        className="g-2",
                    ),
                    report,
                    alert,
                    dbc.Button(t("subscriptions-submit", lang), id=part("submit"), color="primary", className="mt-2"),
                ]
            )
        ),
        className="mb-4",
    )


def subscription_table(rows: list[tuple[Subscription, dict | None]], lang: str):
    """The account's subscriptions with their last sending, or an empty state saying there are none."""
    if not rows:
        return empty_state(lang, "subscriptions-none")
    head = html.Thead(
        html.Tr([html.Th(t(f"subscriptions-col-{name}", lang)) for name in ("what", "when", "last", "remove")])
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td([html.Strong(t(f"subscriptions-kind-{s.kind}", lang)), html.Br(), describe(s, lang)]),
                    html.Td(_when(s, lang)),
                    html.Td(status_text(last, lang), className=_status_class(last)),
                    html.Td(
                        dbc.Button(
                            t("subscriptions-remove", lang),
                            id=remove_button_id(s.id),
                            color="danger",
                            outline=True,
                            size="sm",
                        )
                    ),
                ]
            )
            for s, last in rows
        ]
    )
    return dbc.Table([head, body], className="subscriptions-table align-middle", hover=True, responsive=True)


def _when(subscription: Subscription, lang: str) -> str:
    if subscription.kind == "report":
        return t("subscriptions-when-report", lang)
    return t("subscriptions-when-alert", lang, at=subscription.at_time)


def status_text(delivery: dict | None, lang: str) -> str:
    """The last sending of a subscription as the reader reads it (moments in Brussels time)."""
    if delivery is None:
        return t("subscriptions-status-never", lang)
    status = delivery["status"]
    values = {"period": delivery["period"], "attempts": delivery["attempts"], "error": delivery["error"] or ""}
    values["at"] = moment(delivery["sent_at"] or delivery["claimed_at"], lang)
    values["retry"] = moment(delivery["retry_at"], lang) if delivery["retry_at"] else ""
    return t(f"subscriptions-status-{status}", lang, **values)


def _status_class(delivery: dict | None) -> str:
    status = delivery["status"] if delivery else None
    return {"failed": "text-danger", "interrupted": "text-warning"}.get(status, "")


def moment(value: datetime, lang: str) -> str:
    """A moment as the reader writes it, in Brussels time: 02-04-2024 08:30 (nl), 2 Apr 2024 08:30 (en)."""
    local = value.astimezone(BRUSSELS)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


register("/subscriptions", layout, order=80, nav_key="nav-subscriptions", name=NAME, menu="account")
