"""`GET /export/<view>.csv|.xlsx` (CONTRACT.md §4): the data behind a view, with the pages' parameters.

Numbers are plain whatever the interface language: counts without separators, rates as fractions, an undefined
rate empty. A bad parameter gets HTTP 400 naming it; an unreadable database 503; never a traceback.

Bounded work (issue 17, item 3): both writers take linear time (CSV column by column in one pass, Excel in
openpyxl's write-only mode, which streams rows to the file instead of keeping a cell object each); an export of more
than `ROW_LIMIT` rows is refused with a message (400) before it is written; and one account runs at most
`DOWNLOADS_AT_ONCE` exports and reports at once (`DownloadSlots`: counted in Redis when the cache is Redis, so
across workers and hosts, else in this process), a further one answered 429 with Retry-After.
"""

from __future__ import annotations

import csv
import functools
import io
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pandas as pd
import redis
from flask import Blueprint, Flask, Response, request
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dashboard import audit
from dashboard.access import current_account, may_download_report, may_export
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import query_values
from dashboard.i18n import format_count, t
from dashboard.metrics import is_rate
from dashboard.periods import period_notice
from dashboard.views import NotReady, export_views

VIEWS = export_views()
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RATE_DIGITS = 6
# Rows one export may hold. Excel's own limit is 1,048,576; ours, a fifth of it, bounds what one request writes:
# writing is linear (benchmarks/exports.py), 20,000 rows of the `languages` export's width measured at 1.77 MB and
# 105 s as Excel (5.5 s as CSV) on this 2-core machine under a load of 23, so 200,000 rows make a workbook of about
# 18 MB. A larger slice is refused with its row count, to be narrowed.
ROW_LIMIT = 200_000
DOWNLOADS_AT_ONCE = 2  # exports and reports one account runs at once (issue 17: eight at once stalled every page)
RETRY_AFTER_SECONDS = 10
NOT_READY_RETRY_SECONDS = 60  # a forecast takes a minute or two to compute
SLOT_SECONDS = 300  # a slot in Redis frees itself after this, should its worker die while holding it
DOWNLOAD_ENDPOINTS = ("exports.export", "exports.report")


def init_app(server: Flask, context: Context) -> None:
    """Register the export route on the Flask server."""
    blueprint = Blueprint("exports", __name__)

    @blueprint.get("/export/<path:filename>")
    def export(filename: str) -> Response:
        view, _, fmt = filename.rpartition(".")
        if view not in VIEWS or fmt not in FORMATS:
            return _text(f"Unknown export '{filename}'. Views: {', '.join(VIEWS)}; formats: .csv, .xlsx.", 404)
        query = request.query_string.decode("utf-8", "replace")
        if not may_export(current_account(), view):
            return _forbidden()
        audit.record("export", f"/export/{filename}", query)
        if context.data.outage() is not None:
            return unavailable(context)
        try:
            parsed = context.parse(query)
            if parsed.problems:
                return _bad_parameters(parsed.problems)
            table = VIEWS[view](context, parsed.filters, parsed.lang)
        except DatabaseUnavailable as error:
            return unavailable(context, error)
        except NotReady as error:  # a forecast still being computed in the background: ask again later
            response = _text(str(error), 503)
            response.headers["Retry-After"] = str(NOT_READY_RETRY_SECONDS)
            return response
        if len(table) > ROW_LIMIT:
            return _text(
                t(
                    "export-too-many-rows",
                    "en",
                    rows=format_count(len(table), "en"),
                    limit=format_count(ROW_LIMIT, "en"),
                ),
                400,
            )
        body = to_csv(table) if fmt == "csv" else to_xlsx(table, view)
        return Response(
            body, content_type=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{view}.{fmt}"'}
        )

    @blueprint.get("/report.<fmt>")
    def report(fmt: str) -> Response:
        from dashboard.report import build_report, report_query
        from dashboard.report_pdf import report_pdf
        from dashboard.report_xlsx import report_xlsx

        if fmt not in ("pdf", "xlsx"):
            return _text("Unknown report format. Use /report.pdf or /report.xlsx.", 404)
        if not may_download_report(current_account()):
            return _forbidden()
        audit.record("report", f"/report.{fmt}", request.query_string.decode("utf-8", "replace"))
        found = report_query(query_values(request.query_string.decode("utf-8", "replace")))
        if found is None:
            return _text(
                "Bad parameter: 'period' must be a year (2024), a quarter (2024-Q3) or a month (2024-09).", 400
            )
        query, period = found
        if context.data.outage() is not None:
            return unavailable(context)
        try:
            parsed = context.parse(query)
            if parsed.problems:
                return _bad_parameters(parsed.problems)
            today = context.today()
            notice = period_notice(parsed.filters.start, parsed.filters.end, today, parsed.lang)
            if notice and notice[0] == "future":  # a report of nothing would read as zeros and -100 %
                return _text(notice[1], 400)
            built = build_report(
                context.data, parsed.filters, parsed.lang, today, targets=context.targets, period=period
            )
            body = report_pdf(built) if fmt == "pdf" else report_xlsx(built)
            mimetype = "application/pdf" if fmt == "pdf" else FORMATS["xlsx"]
        except DatabaseUnavailable as error:
            return unavailable(context, error)
        return Response(
            body,
            mimetype=mimetype,
            headers={"Content-Disposition": f'attachment; filename="stv-report-{period}.{fmt}"'},
        )

    server.register_blueprint(blueprint)
    slots = server.extensions["stv-downloads"] = DownloadSlots(DOWNLOADS_AT_ONCE, context.settings.cache_url)
    for endpoint in DOWNLOAD_ENDPOINTS:
        server.view_functions[endpoint] = slots.limited(server.view_functions[endpoint])


class DownloadSlots:
    """At most `limit` downloads at once per account: counted in Redis when `cache_url` is Redis (every worker and
    host shares the count; if Redis cannot be reached, this process counts alone), else in this process."""

    def __init__(self, limit: int, cache_url: str | None):
        self.limit = limit
        self.lock = threading.Lock()
        self.running: Counter[str] = Counter()
        url = cache_url or ""
        self.redis = redis.Redis.from_url(url, socket_timeout=2) if url.startswith(("redis://", "rediss://")) else None

    def limited(self, view: Callable) -> Callable:
        """`view` answering 429 (Retry-After) while the request's account already runs `limit` downloads."""

        @functools.wraps(view)
        def run(*args, **kwargs):
            account = current_account()
            if account is None:
                return view(*args, **kwargs)
            with self.slot(account.username) as taken:
                if not taken:
                    return _too_many()
                return view(*args, **kwargs)

        return run

    @contextmanager
    def slot(self, username: str) -> Iterator[bool]:
        """Whether a slot was free for `username` (held until the block ends)."""
        shared = self._take_shared(username)
        with self.lock:
            taken = shared is not False and self.running[username] < self.limit
            self.running[username] += taken
        if shared and not taken:
            self._give_shared(username)
        try:
            yield taken
        finally:
            if taken:
                with self.lock:
                    self.running[username] -= 1
                if shared:
                    self._give_shared(username)

    def _key(self, username: str) -> str:
        return f"stv:downloads:{username}"

    def _take_shared(self, username: str) -> bool | None:
        """True: a shared slot taken; False: none free; None: no shared count (no Redis, or unreachable)."""
        if self.redis is None:
            return None
        try:
            running = self.redis.incr(self._key(username))
            self.redis.expire(self._key(username), SLOT_SECONDS)
        except redis.RedisError:
            return None
        if running > self.limit:
            self._give_shared(username)
            return False
        return True

    def _give_shared(self, username: str) -> None:
        try:
            self.redis.decr(self._key(username))
        except redis.RedisError:
            pass  # the key expires by itself


def _too_many() -> Response:
    from dashboard.security import error_response

    response = error_response(429, limit=DOWNLOADS_AT_ONCE, seconds=RETRY_AFTER_SECONDS)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def unavailable(context: Context, error: DatabaseUnavailable | None = None) -> Response:
    """503 while the operational database cannot be read (or a statement was cut: its own message), with
    `Retry-After`: the probe interval, within which a returned database is noticed. A download is never served
    from the figures of before an outage."""
    key = error.message_key if error is not None else DatabaseUnavailable.message_key
    response = _text(t(key, "en"), 503)
    response.headers["Retry-After"] = str(retry_after(context.data.probe_seconds))
    return response


def retry_after(probe_seconds: float) -> int:
    """Seconds after which to ask again: one probe interval (at least one second)."""
    return max(1, round(probe_seconds))


def _bad_parameters(problems) -> Response:
    """HTTP 400 naming every parameter that could not be used; 403 when one asks for what the account may not see
    (a region outside its scope)."""
    if any(problem.reason == "outside-scope" for problem in problems):
        return _forbidden()
    return _text(
        "Bad parameter: "
        + "; ".join(t(f"problem-{p.reason}", "en", parameter=p.parameter, value=p.value) for p in problems),
        400,
    )


def _forbidden() -> Response:
    return _text(t("forbidden", "en"), 403)


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _rate_cells(table: pd.DataFrame) -> pd.DataFrame:
    """True where a cell holds a rate: rate columns, and the value of a rate row in the `kpis` table."""
    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    for column in table.columns:
        mask[column] = is_rate(column)
    if {"metric", "value"} <= set(table.columns):
        mask["value"] = table.metric.map(is_rate)
    return mask


def _plain(value, rate: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if rate:
        return f"{value:.{RATE_DIGITS}f}"
    if isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    return text_cell(value) if isinstance(value, str) else str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """A text for a CSV cell that a spreadsheet will not run as a formula (a name typed at the sign-in, an
    organisation's name): one starting like a formula gets a leading apostrophe (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table: pd.DataFrame) -> str:
    """UTF-8 CSV with a header row; numbers plain, rates as fractions, empty rates empty. One pass, column by
    column: linear in the rows."""
    rates = _rate_cells(table)
    cells = [
        [_plain(value, rate) for value, rate in zip(table[column].tolist(), rates[column].tolist())]
        for column in table.columns
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(zip(*cells))
    return out.getvalue()


def to_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    """A workbook with one sheet: the same values as numbers, rates formatted as percentages."""
    return workbook_bytes({sheet: table})


def workbook_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in order, written in openpyxl's write-only mode (rows streamed out,
    linear in the rows)."""
    workbook = Workbook(write_only=True)
    for name, table in tables.items():
        _write_sheet(workbook.create_sheet(name), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(value):
    """A cell value Excel can hold: empty for NaN, plain numbers, and moments as UTC without a time zone (Excel
    has none)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value.item() if hasattr(value, "item") else value


def _write_sheet(worksheet, table: pd.DataFrame) -> None:
    """The header in bold, frozen, then a row per row of `table`, rate cells formatted as percentages."""
    worksheet.freeze_panes = "A2"
    worksheet.append([_styled(worksheet, name, font=Font(bold=True)) for name in table.columns])
    rates = _rate_cells(table).to_numpy()
    for values, rate_row in zip(table.itertuples(index=False, name=None), rates):
        cells = map(_excel_value, values)
        worksheet.append(
            [
                _styled(worksheet, v, number_format="0.0%") if rate and v is not None else v
                for v, rate in zip(cells, rate_row)
            ]
        )


def _styled(worksheet, value, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell
