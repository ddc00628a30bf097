"""The audit log (CONTRACT.md §7): who signed in (or failed to), signed out, viewed a page or downloaded an export or
a report, was refused a page, export or callback, when, and with which parameters. Rows go to the state database
(dashboard.state); passwords and tokens never do: only names, paths and query strings are written.
"""

from __future__ import annotations

import flask

ACTIONS = (
    "sign-in",
    "sign-in-failed",
    "sign-out",
    "page-view",
    "refused",
    "export",
    "report",
    "token-use",
    "account-change",
    "setting-change",
    "subscription",  # a subscription added or removed (on /subscriptions, the command line or its e-mail's link)
    "mail",  # a subscription's e-mail sent (dashboard.subscriptions)
)


def record(action: str, target: str = "", parameters: str = "", username: str | None = None) -> None:
    """Add a row for the request being served: by `username`, or the signed-in account's."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    state = flask.current_app.extensions["stv-state"]
    if username is None:
        account = flask.g.get("account")
        username = account.username if account is not None else None
    state.record(action, username, target, parameters, flask.request.remote_addr or "")


def record_refusal(response):
    """An `after_request` hook: a 403 to a signed-in account (an export, a report, a callback it may not use) is
    audited, as a forbidden page is by the router."""
    if response.status_code == 403 and flask.g.get("account") is not None:
        record("refused", flask.request.path, flask.request.query_string.decode("utf-8", "replace"))
    return response
