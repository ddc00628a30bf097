"""The board report as an Excel workbook (openpyxl), to replace the Agency's hand-made quarterly file: one sheet
per table, named in the reader's language, each with a title row, a period row, column headers in the reader's
language (frozen), counts with a thousands separator and rates as percentages (Excel shows both in the reader's
own locale), and columns wide enough for what they hold. The values are those of `/export/*` (which keep the
contract's English column names for machines)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dashboard import codes
from dashboard.exports import _excel_value
from dashboard.i18n import format_date, t
from dashboard.metrics import is_rate
from dashboard.report import Report

COUNT_FORMAT, RATE_FORMAT = "#,##0", "0.0%"
HEADER_ROW = 5  # title, period, made, an empty row, then the headers
TITLE_FONT, HEADER_FONT = Font(bold=True, size=14), Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HEADER_BORDER = Border(bottom=Side(style="thin", color="333333"))
TEXT_COLUMNS = {"figure", "metric", "language_code", "language", "month", "modality", "definition"}
LINE_HEIGHT = 15  # points per line of a wrapped header
MAX_WIDTH = 70


def report_xlsx(report: Report) -> bytes:
    """The report's workbook as bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, table in _sheets(report).items():
        _write(workbook.create_sheet(t(key, report.lang)), table, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheets(report: Report) -> dict[str, pd.DataFrame]:
    """The tables by the text key of their sheet's name, in the workbook's order; columns still the contract's
    names (the headers are translated when written)."""
    lang = report.lang
    figures = pd.DataFrame(
        {
            "figure": [t(f"metric-{name}", lang) for name in report.figures],
            "value": list(report.figures.values()),
            "previous": list(report.figures_previous.values()),
            "year_ago": list(report.figures_year_ago.values()),
            "metric": list(report.figures),
        }
    )
    annual = report.annual.assign(figure=[t(f"metric-{name}", lang) for name in report.annual.figure])
    monthly = report.monthly.assign(modality=[t(f"modality-{m}", lang) for m in report.monthly.modality])
    definitions = pd.DataFrame(report.definitions, columns=["figure", "definition"])
    return {
        "report-sheet-kpis": figures,
        "report-sheet-annual": annual,
        "report-sheet-monthly": monthly,
        "report-sheet-languages": report.languages,
        "report-sheet-definitions": definitions,
    }


def header(column: str, lang: str) -> str:
    """A column's header in the reader's language."""
    keys = {
        "figure": "report-figure",
        "value": "report-value",
        "previous": "report-col-previous",
        "year_ago": "report-col-year",
        "metric": "report-col-code",
        "language_code": "report-col-language-code",
        "language": "language",
        "month": "axis-month",
        "modality": "modality",
        "total": "total",
        "definition": "report-col-definition",
    }
    if column in keys:
        return t(keys[column], lang)
    return t(f"modality-{column}" if column in codes.MODALITIES else f"metric-{column}", lang)


def _write(sheet, table: pd.DataFrame, report: Report) -> None:
    lang = report.lang
    span = f"{format_date(report.span[0], lang)} – {format_date(report.span[1], lang)}"
    made = t("report-made", lang, date=format_date(report.made, lang))
    if report.state == "running":
        made += ". " + t("report-running", lang, date=format_date(report.made, lang))
    sheet["A1"], sheet["A2"], sheet["A3"] = report.title, t("report-period-row", lang, span=span), made
    sheet["A1"].font = TITLE_FONT
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, header(column, lang))
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="left" if column in TEXT_COLUMNS else "right", wrap_text=True)
    levels = [report.level(f) for f in report.annual.figure] if "total" in table.columns else None
    for offset, row in enumerate(table.to_dict("records")):
        rate_row = is_rate(row.get("metric", ""))
        for index, (column, value) in enumerate(row.items(), start=1):
            cell = sheet.cell(HEADER_ROW + 1 + offset, index, _excel_value(value))
            if column in TEXT_COLUMNS:
                cell.alignment = Alignment(wrap_text=column == "definition", vertical="top", indent=0)
            elif isinstance(cell.value, int | float):
                cell.number_format = RATE_FORMAT if rate_row or is_rate(column) else COUNT_FORMAT
        if levels is not None:  # the annual report's hierarchy: answered under requests, completed under answered
            sheet.cell(HEADER_ROW + 1 + offset, 1).alignment = Alignment(indent=2 * levels[offset])
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2 if table.columns[0] in TEXT_COLUMNS else 1)
    _fit_widths(sheet, table, lang)


def _fit_widths(sheet, table: pd.DataFrame, lang: str) -> None:
    """Each column as wide as its longest shown value or header word (numbers with their separators), capped."""
    for index, column in enumerate(table.columns, start=1):
        shown = [_shown_length(value, column) for value in table[column]]
        words = [len(word) for word in header(column, lang).split()]
        width = max([*shown, *words, 6]) + 3
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width)
    lines = max(
        _lines(header(column, lang), sheet.column_dimensions[get_column_letter(i)].width - 2)
        for i, column in enumerate(table.columns, start=1)
    )
    sheet.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * lines  # Excel does not grow a row for wrapped text


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes, wrapped between words, in a column `width` characters wide."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _shown_length(value, column: str) -> int:
    """About how many characters Excel shows for a value in these formats."""
    if isinstance(value, str):
        return len(value)
    if value is None or value != value:
        return 0
    return len(f"{value:.1%}") if is_rate(column) or (isinstance(value, float) and value <= 1) else len(f"{value:,.0f}")
