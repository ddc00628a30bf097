"""The board report as a PDF (reportlab): a cover with the period, the date made and the headline figures with
their targets; the trend and modality charts (dashboard.report_charts); the annual report's table with its
hierarchy; the busiest languages; what the figures mean. "pagina n van N" in every footer. About three A4 pages:
sections follow each other and a page breaks only where a section would not fit.

`report_pdf(report)` is the public entry: the download route and the e-mailed subscriptions both call it with a
built `dashboard.report.Report`.
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard.i18n import code_name, format_change, format_count, format_date, format_month, format_rate, t
from dashboard.metrics import is_rate
from dashboard.report import Headline, Report
from dashboard.report_charts import COLOURS, INK, modality_chart, trend_chart

MARGIN = 1.8 * cm
WIDTH = A4[0] - 2 * MARGIN
GOOD, BAD, MUTED = COLOURS["answered"], COLOURS["unanswered"], colors.HexColor("#666666")
LIGHT = colors.HexColor("#f2f2f2")

STYLES = {
    "org": ParagraphStyle("org", fontName="Helvetica-Bold", fontSize=9, textColor=GOOD, spaceAfter=4),
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=22, leading=26, textColor=INK),
    "lead": ParagraphStyle("lead", fontName="Helvetica", fontSize=10, leading=14, textColor=INK),
    "note": ParagraphStyle(
        "note",
        fontName="Helvetica",
        fontSize=9,
        leading=12,
        textColor=INK,
        backColor=colors.HexColor("#fff4e0"),
        borderColor=COLOURS["in_progress"],
        borderWidth=0.8,
        borderPadding=5,
        spaceBefore=6,
        spaceAfter=6,
    ),
    "h2": ParagraphStyle(
        "h2", fontName="Helvetica-Bold", fontSize=12.5, leading=16, textColor=INK, spaceBefore=12, spaceAfter=4
    ),
    "small": ParagraphStyle("small", fontName="Helvetica", fontSize=7.5, leading=9.5, textColor=MUTED),
    "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=10.5, textColor=INK),
    "cell-right": ParagraphStyle(
        "cell-right", fontName="Helvetica", fontSize=8.5, leading=10.5, textColor=INK, alignment=TA_RIGHT
    ),
    "term": ParagraphStyle("term", fontName="Helvetica-Bold", fontSize=8, leading=10, textColor=INK),
    "definition": ParagraphStyle("definition", fontName="Helvetica", fontSize=8, leading=10, textColor=INK),
}


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=report.title,
        author=t("report-org", report.lang),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.5 * cm,
        bottomMargin=1.6 * cm,
    )
    document.build(_story(report), canvasmaker=_numbered_canvas(report))
    return buffer.getvalue()


def _story(report: Report) -> list:
    lang = report.lang
    return [
        *_cover(report),
        *_section(
            t("view-kpis", lang),
            _headline_table(report),
            Spacer(1, 3),
            Paragraph(
                t(
                    "report-compared",
                    lang,
                    previous=_dates(report.previous, lang),
                    year=_dates(report.year_ago, lang),
                ),
                STYLES["small"],
            ),
        ),
        *_section(
            t("report-trend-title", lang),
            trend_chart(report.trend, report.running and report.running.month, lang, WIDTH, 6.6 * cm),
            Paragraph(_trend_note(report), STYLES["small"]),
        ),
        *_section(t("report-modality-title", lang), modality_chart(report.annual, lang, WIDTH, 4.6 * cm)),
        *_section(t("overview-annual-title", lang), _annual_table(report)),
        *_section(t("report-languages-title", lang), _languages_table(report)),
        *_section(t("glossary-title", lang), _definitions_table(report)),
    ]


def _cover(report: Report) -> list:
    lang = report.lang
    lines = [
        Paragraph(t("report-org", lang).upper(), STYLES["org"]),
        Paragraph(report.title, STYLES["title"]),
        Spacer(1, 4),
        Paragraph(
            "<br/>".join(
                [
                    _dates(report.span, lang),
                    t("report-made", lang, date=format_date(report.made, lang)),
                    *([t("report-selection", lang, selection=s)] if (s := _selection(report)) else []),
                ]
            ),
            STYLES["lead"],
        ),
    ]
    if report.state == "running":
        lines.append(Paragraph(t("report-running", lang, date=format_date(report.made, lang)), STYLES["note"]))
    return lines


def _section(title: str, *content) -> list:
    """A heading kept with its content on one page (a page breaks before it when the section would not fit)."""
    return [CondPageBreak(3 * cm), KeepTogether([Paragraph(title, STYLES["h2"]), *content])]


def _headline_table(report: Report) -> Table:
    lang = report.lang
    header = [
        t("report-figure", lang),
        t("report-value", lang),
        t("report-col-target", lang),
        t("report-col-status", lang),
        t("vs-previous", lang),
        t("vs-year", lang),
    ]
    rows = [[_cell(h, bold=True, right=i > 0 and i != 3) for i, h in enumerate(header)]]
    rows += [
        [
            _cell(t(f"metric-{h.name}", lang)),
            _cell(_shown(h.name, h.value, lang), bold=True, right=True),
            _cell(_target(h, lang), right=True),
            _status(h, lang),
            _change(h, h.previous, lang),
            _change(h, h.year_ago, lang),
        ]
        for h in report.headlines
    ]
    widths = (4.0 * cm, 1.8 * cm, 3.0 * cm, 2.8 * cm, 2.9 * cm, 2.9 * cm)
    return _table(rows, widths)


def _annual_table(report: Report) -> Table:
    """Figures by modality, indented by their place in the hierarchy (requests > answered > completed …)."""
    lang, annual = report.lang, report.annual
    modalities = [c for c in annual.columns if c not in ("figure", "total")]
    rows = [
        [_cell("", bold=True)]
        + [_cell(t(f"modality-{m}", lang), bold=True, right=True) for m in modalities]
        + [_cell(t("total", lang), bold=True, right=True)]
    ]
    for row in annual.itertuples(index=False):
        level = report.level(row.figure)
        rows.append(
            [_cell(t(f"metric-{row.figure}", lang), bold=level < 2, indent=level)]
            + [_cell(format_count(v, lang), bold=level == 0, right=True) for v in row[1:]]
        )
    table = _table(rows, (4.6 * cm, *[(WIDTH - 4.6 * cm) / (len(modalities) + 1)] * (len(modalities) + 1)))
    table.setStyle(TableStyle([("LINEABOVE", (0, 2), (-1, 2), 0.4, MUTED)]))  # below the requests, their split
    return table


def _languages_table(report: Report) -> Table | Paragraph:
    lang, busiest = report.lang, report.busiest
    if busiest.empty:
        return Paragraph(t("report-empty", lang), STYLES["cell"])
    header = [
        t("language", lang),
        t("metric-requests", lang),
        t("share", lang),
        t("report-col-requests-year", lang),
        t("report-col-change", lang),
        t("metric-shortage_rate", lang),
    ]
    rows = [[_cell(h, bold=True, right=i > 0) for i, h in enumerate(header)]]
    rows += [
        [
            _cell(row.language),
            _cell(format_count(row.requests, lang), right=True),
            _cell(format_rate(row.share, lang), right=True),
            _cell(format_count(row.requests_year_before, lang), right=True),
            _cell(_signed(format_change(row.requests, row.requests_year_before, False, lang)), right=True),
            _cell(format_rate(row.shortage_rate, lang), right=True),
        ]
        for row in busiest.itertuples()
    ]
    return _table(rows, (4.9 * cm, 2.3 * cm, 2.1 * cm, 3.2 * cm, 2.3 * cm, 3.0 * cm))


def _definitions_table(report: Report) -> Table:
    rows = [
        [Paragraph(term, STYLES["term"]), Paragraph(text, STYLES["definition"])] for term, text in report.definitions
    ]
    table = Table(rows, colWidths=(4.6 * cm, WIDTH - 4.6 * cm), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.HexColor("#dddddd")),
            ]
        )
    )
    return table


def _table(rows: list[list], widths) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _cell(text: str, *, bold: bool = False, right: bool = False, indent: int = 0, colour=None) -> Paragraph:
    style = STYLES["cell-right" if right else "cell"]
    if indent:
        style = ParagraphStyle(f"{style.name}-{indent}", parent=style, leftIndent=12 * indent)
    text = _escape(text)
    if colour is not None:
        text = f'<font color="{colour.hexval().replace("0x", "#")}">{text}</font>'
    return Paragraph(f"<b>{text}</b>" if bold else text, style)


def _status(headline: Headline, lang: str):
    """Met or missed, as a word, a tick or a cross, and colour (blue or vermilion); grey without a target."""
    met = headline.met
    if met is None:
        word = t("report-no-target" if headline.target is None else "report-no-value", lang)
        return _cell(word, colour=MUTED)
    colour = GOOD if met else BAD
    word = _cell(t("target-met" if met else "target-missed", lang), bold=True, colour=colour)
    mark = Table([[_mark(met, colour), word]], colWidths=(11, None), hAlign="LEFT")
    mark.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return mark


def _mark(met: bool, colour) -> Drawing:
    """A tick or a cross, drawn (the standard PDF fonts have neither glyph, and a symbol font is not embedded)."""
    mark = Drawing(8, 8)
    strokes = [(0.5, 4, 3, 1), (3, 1, 7.5, 7.5)] if met else [(1, 1, 7, 7), (1, 7, 7, 1)]
    for x1, y1, x2, y2 in strokes:
        mark.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=1.6, strokeLineCap=1))
    return mark


def _change(headline: Headline, before, lang: str) -> Paragraph:
    """The change with its sign, and 'better' or 'worse' in colour where the figure has a good direction."""
    text = _signed(format_change(headline.value, before, is_rate(headline.name), lang))
    verdict = headline.verdict(before)
    if verdict == "neither":
        return _cell(text, right=True)
    word = t(f"change-{verdict}", lang)
    return _cell(f"{text} {word}", right=True, colour=GOOD if verdict == "better" else BAD)


def _target(headline: Headline, lang: str) -> str:
    if headline.target is None:
        return "–"
    key = "report-at-least" if headline.target.direction == "min" else "report-at-most"
    return t(key, lang, value=format_rate(headline.target.value, lang))


def _trend_note(report: Report) -> str:
    lang = report.lang
    notes = [t("report-trend-note", lang)]
    if report.running:
        notes.append("* " + t("report-running-month", lang, month=format_month(report.running.through, lang)))
    return _escape(" ".join(notes))


def _selection(report: Report) -> str:
    """The filters and the account's scope that narrow the report, in words; '' when it covers everything."""
    filters, lang = report.filters, report.lang
    parts = []
    for field in ("modality", "sector", "service", "kind"):
        parts += [code_name(field, code, lang) for code in getattr(filters, field)]
    parts += list(filters.region) + list(filters.language)
    if filters.scope.regions:
        parts.append(t("report-scope", lang, regions=", ".join(filters.scope.regions)))
    if filters.scope.organisation is not None:
        parts.append(t("report-scope-organisation", lang, organisation=filters.scope.organisation))
    return ", ".join(parts)


def _dates(span, lang: str) -> str:
    return f"{format_date(span[0], lang)} – {format_date(span[1], lang)}"


def _shown(name: str, value, lang: str) -> str:
    return format_rate(value, lang) if is_rate(name) else format_count(value, lang)


def _signed(change: str) -> str:
    """A change with a sign instead of an arrow: the PDF's standard fonts have no arrow glyphs."""
    return change.replace("▲ ", "+").replace("▼ ", "-").replace("► ", "±")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered_canvas(report: Report):
    """A canvas class that writes, once every page is known, the report's title and "pagina n van N" below each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont("Helvetica", 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(colors.HexColor("#cccccc"))
            self.line(MARGIN, 1.15 * cm, A4[0] - MARGIN, 1.15 * cm)
            self.drawString(MARGIN, 0.8 * cm, f"{report.title} · {t('report-org', report.lang)}")
            self.drawRightString(
                A4[0] - MARGIN, 0.8 * cm, t("report-page", report.lang, n=self._pageNumber, total=total)
            )
            self.restoreState()

    return NumberedCanvas
