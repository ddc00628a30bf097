"""The board report: the overview's figures for one period (`period=2024-Q3`, `2024-09` or `2024`), as a PDF
(one page per section) and as an Excel workbook (one sheet per table). Same views, so the same figures as the
dashboard and its exports for the same filters."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard.data import DataAccess
from dashboard.filters import Filters
from dashboard.i18n import format_change, format_count, format_date, format_rate, t
from dashboard.metrics import GLOSSARY, KPI_NAMES, is_rate
from dashboard.periods import parse_report_period
from dashboard.views import overview as views

SHEETS = ("kpis", "annual-report", "monthly", "languages")


def report_tables(data: DataAccess, filters: Filters, lang: str) -> dict[str, pd.DataFrame]:
    """The report's tables, named as the export views they equal."""
    return {
        "kpis": views.kpi_table(views.kpis(data, filters)),
        "annual-report": views.annual_report(data, filters),
        "monthly": views.monthly(data, filters),
        "languages": views.languages(data, filters, lang),
    }


def report_pdf(data: DataAccess, filters: Filters, period: str, lang: str, today: date) -> bytes:
    """The report as a PDF: headline figures (compared as `views.compared` does on `today`), the annual-report
    table, languages, months; a page each."""
    styles = getSampleStyleSheet()
    figures, previous, year_ago = views.kpi_comparisons(data, filters, today)
    previous, year_ago = previous or {}, year_ago or {}  # a period that has not begun: nothing to compare
    span = f"{format_date(filters.start, lang)} – {format_date(filters.end, lang)}"
    story = [
        Paragraph(t("report-title", lang, period=period), styles["Title"]),
        Paragraph(t("report-lead", lang, span=span), styles["Normal"]),
        Spacer(1, 0.5 * cm),
        _table(
            [[t("report-figure", lang), t("report-value", lang), t("vs-previous", lang), t("vs-year", lang)]]
            + [
                [
                    t(f"metric-{name}", lang),
                    _shown(name, figures[name], lang),
                    _signed(format_change(figures[name], previous.get(name), is_rate(name), lang)),
                    _signed(format_change(figures[name], year_ago.get(name), is_rate(name), lang)),
                ]
                for name in KPI_NAMES
            ]
        ),
    ]
    annual = views.annual_report(data, filters)
    story += [
        PageBreak(),
        Paragraph(t("overview-annual-title", lang), styles["Heading2"]),
        _table(
            [[""] + [t(f"modality-{m}", lang) if m != "total" else t("total", lang) for m in annual.columns[1:]]]
            + [
                [t(f"metric-{row[0]}", lang)] + [format_count(v, lang) for v in row[1:]]
                for row in annual.itertuples(index=False)
            ]
        ),
    ]
    languages = views.languages(data, filters, lang).head(25)
    story += [
        PageBreak(),
        Paragraph(t("view-languages", lang), styles["Heading2"]),
        _table(
            [
                [
                    t("language", lang),
                    t("metric-requests", lang),
                    t("metric-shortage_rate", lang),
                    t("metric-active_interpreters", lang),
                    t("metric-registered_interpreters", lang),
                ]
            ]
            + [
                [
                    row.language,
                    format_count(row.requests, lang),
                    format_rate(row.shortage_rate, lang),
                    format_count(row.active_interpreters, lang),
                    format_count(row.registered_interpreters, lang),
                ]
                for row in languages.itertuples()
            ]
        ),
    ]
    monthly = views.monthly(data, filters).groupby("month", as_index=False).sum(numeric_only=True)
    story += [
        PageBreak(),
        Paragraph(t("view-monthly", lang), styles["Heading2"]),
        _table(
            [
                [
                    t("axis-month", lang),
                    t("metric-requests", lang),
                    t("metric-answered", lang),
                    t("metric-completed", lang),
                    t("metric-unanswered", lang),
                ]
            ]
            + [
                [
                    row.month,
                    *(format_count(getattr(row, c), lang) for c in ("requests", "answered", "completed", "unanswered")),
                ]
                for row in monthly.itertuples()
            ]
        ),
    ]
    story += [
        PageBreak(),
        Paragraph(t("glossary-title", lang), styles["Heading2"]),
        _table(
            [[t("report-figure", lang), ""]]
            + [[t(f"metric-{name}", lang), Paragraph(t(f"def-{name}", lang), styles["BodyText"])] for name in GLOSSARY],
            widths=(5 * cm, 12 * cm),
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, title=t("report-title", lang, period=period), leftMargin=2 * cm, rightMargin=2 * cm
    ).build(story)
    return buffer.getvalue()


def _signed(change: str) -> str:
    """A change with a sign instead of an arrow: the PDF's standard fonts have no arrow glyphs."""
    return change.replace("▲ ", "+").replace("▼ ", "-").replace("► ", "")


def _shown(name: str, value, lang: str) -> str:
    return format_rate(value, lang) if is_rate(name) else format_count(value, lang)


def _table(rows: list[list], widths=None) -> Table:
    table = Table(rows, repeatRows=1, hAlign="LEFT", colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
            ]
        )
    )
    return table


def report_query(args: dict[str, list[str]]) -> tuple[dict[str, list[str]], str] | None:
    """The query of a report request with `period` turned into `from` and `to`; None for a bad period."""
    period = (args.get("period") or [""])[-1]
    bounds = parse_report_period(period)
    if bounds is None:
        return None
    query = {k: v for k, v in args.items() if k not in ("period", "from", "to")}
    query.update({"from": [bounds[0].isoformat()], "to": [bounds[1].isoformat()]})
    return query, period
