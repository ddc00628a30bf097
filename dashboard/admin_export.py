"""The administration's audit log outside the page: its filters (shared by `/admin`'s grid and the CSV), the CSV
download `GET /admin/audit.csv?since=YYYY-MM-DD&username=…&action=…`, and the pruning of old rows.

The CSV route is not public, so dashboard.auth's guard has already asked for a signed-in account before it runs;
it answers 403 unless that account holds the `admin` role. Its times are ISO 8601 in UTC, for scripts and
spreadsheets alike.

Pruning (`prune_if_due`) is kept simple, with no scheduler: the rows older than the retention are deleted when
an administrator saves the retention, and otherwise when an administrator opens `/admin`, at most once per
(UTC) day: the day of the last pruning is kept in the state database's setting `audit_pruned_on`, so several
workers prune once between them (give or take a race, which only deletes the same rows twice).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import flask
from flask import Flask, Response, request

from dashboard import audit
from dashboard.access import current_account
from dashboard.exports import text_cell
from dashboard.i18n import t
from dashboard.periods import BRUSSELS
from dashboard.state import StateDatabase

CSV_COLUMNS = ("at", "username", "action", "target", "parameters", "address")
GRID_LIMIT = 1000  # rows the page shows; the CSV has them all
PRUNED_ON = "audit_pruned_on"
RETENTION = "audit_retention_days"
RETENTION_RANGE = (1, 3650)


@dataclass(frozen=True)
class AuditFilters:
    """What the audit log is narrowed to: rows from the start of `since` (a day in Brussels), of one account name,
    of one action; `problem` names a given value that could not be used (None: all were usable)."""

    since: date | None = None
    username: str | None = None
    action: str | None = None
    problem: str | None = None

    @property
    def since_moment(self) -> datetime | None:
        if self.since is None:
            return None
        return datetime.combine(self.since, time(0), tzinfo=BRUSSELS).astimezone(UTC)


def audit_filters(since, username, action) -> AuditFilters:
    """The filters from the page's inputs or the CSV's query parameters (anything may be forged)."""
    problem = None
    day = None
    if isinstance(since, str) and since.strip():
        try:
            day = date.fromisoformat(since.strip()[:10])
        except ValueError:
            problem = "since"
    name = username.strip()[:200] if isinstance(username, str) and username.strip() else None
    chosen = action if isinstance(action, str) and action else None
    if chosen is not None and chosen not in audit.ACTIONS:
        problem, chosen = problem or "action", None
    return AuditFilters(day, name, chosen, problem)


def audit_rows(state: StateDatabase, filters: AuditFilters, limit: int | None = GRID_LIMIT) -> list[dict]:
    """The audit log's rows that match `filters`, newest first (at most `limit`; None: all)."""
    return state.audit(filters.since_moment, filters.username, filters.action, limit=limit)


def audit_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        at = row["at"].astimezone(UTC).isoformat(timespec="seconds")
        writer.writerow([at, *(text_cell(str(row[column] or "")) for column in CSV_COLUMNS[1:])])
    return out.getvalue()


def prune_if_due(state: StateDatabase, now: datetime | None = None) -> int | None:
    """Prune the audit log when it was not pruned yet on `now`'s (UTC) day; how many rows went (None: not due)."""
    now = now or datetime.now(UTC)
    today = now.astimezone(UTC).date().isoformat()
    if state.setting(PRUNED_ON) == today:
        return None
    deleted = state.prune_audit(now)
    state.set_setting(PRUNED_ON, today)
    return deleted


def save_retention(state: StateDatabase, days: int, now: datetime | None = None) -> int:
    """Keep `days` as the retention and prune at once; how many rows were deleted."""
    now = now or datetime.now(UTC)
    state.set_setting(RETENTION, str(days))
    deleted = state.prune_audit(now)
    state.set_setting(PRUNED_ON, now.astimezone(UTC).date().isoformat())
    return deleted


def init_app(server: Flask) -> None:
    """Add `GET /admin/audit.csv` to `server`."""

    @server.get("/admin/audit.csv")
    def audit_download() -> Response:
        account = current_account()
        if account is None or "admin" not in account.roles:
            return _text(t("forbidden", "en"), 403)
        filters = audit_filters(request.args.get("since"), request.args.get("username"), request.args.get("action"))
        if filters.problem is not None:
            value = request.args.get(filters.problem, "")
            return _text(
                f"Bad parameter: {filters.problem}={value!r} (since: YYYY-MM-DD; action: one of "
                f"{', '.join(audit.ACTIONS)})",
                400,
            )
        audit.record("export", request.path, request.query_string.decode("utf-8", "replace"))
        state = flask.current_app.extensions["stv-state"]
        body = audit_csv(audit_rows(state, filters, limit=None))
        return Response(
            body,
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
        )


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")
