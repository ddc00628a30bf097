"""`GET /export/<view>.csv|.xlsx` (CONTRACT.md §4): the data behind a view, with the pages' parameters.

Numbers are plain whatever the interface language: counts without separators, rates as fractions, an undefined
rate empty. A bad parameter gets HTTP 400 naming it; an unreadable database 503; never a traceback.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pandas as pd
from flask import Blueprint, Flask, Response, request
from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard import audit
from dashboard.access import current_account, may_download_report, may_export
from dashboard.context import Context
from dashboard.db import DatabaseUnavailable
from dashboard.filters import query_values
from dashboard.i18n import t
from dashboard.metrics import is_rate
from dashboard.views import NotReady, export_views

VIEWS = export_views()
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RATE_DIGITS = 6


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
        except DatabaseUnavailable:
            return unavailable(context)
        except NotReady as error:
            return _text(str(error), 503)
        body = to_csv(table) if fmt == "csv" else to_xlsx(table, view)
        return Response(
            body, mimetype=FORMATS[fmt], headers={"Content-Disposition": f'attachment; filename="{view}.{fmt}"'}
        )

    @blueprint.get("/report.<fmt>")
    def report(fmt: str) -> Response:
        from dashboard.report import SHEETS, report_pdf, report_query, report_tables

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
            if fmt == "pdf":
                body, mimetype = report_pdf(context.data, parsed.filters, period, parsed.lang), "application/pdf"
            else:
                tables = report_tables(context.data, parsed.filters, parsed.lang)
                body, mimetype = workbook_bytes({name: tables[name] for name in SHEETS}), FORMATS["xlsx"]
        except DatabaseUnavailable:
            return unavailable(context)
        return Response(
            body,
            mimetype=mimetype,
            headers={"Content-Disposition": f'attachment; filename="stv-report-{period}.{fmt}"'},
        )

    server.register_blueprint(blueprint)


def unavailable(context: Context) -> Response:
    """503 while the operational database cannot be read, with `Retry-After`: the probe interval, within which a
    returned database is noticed. A download is never served from the figures of before the outage."""
    response = _text(t("database-unavailable", "en"), 503)
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
    """UTF-8 CSV with a header row; numbers plain, rates as fractions, empty rates empty."""
    rates = _rate_cells(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for index, row in table.iterrows():
        writer.writerow([_plain(row[c], bool(rates.at[index, c])) for c in table.columns])
    return out.getvalue()


def to_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    """A workbook with one sheet: the same values as numbers, rates formatted as percentages."""
    return workbook_bytes({sheet: table})


def workbook_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table, in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
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
    rates = _rate_cells(table)
    worksheet.append(list(table.columns))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for index, row in table.iterrows():
        values = [_excel_value(v) for v in row]
        worksheet.append(values)
        for column, cell in zip(table.columns, worksheet[worksheet.max_row]):
            if rates.at[index, column] and cell.value is not None:
                cell.number_format = "0.0%"
    worksheet.freeze_panes = "A2"
