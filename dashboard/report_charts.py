"""The board report's charts, drawn on the server with reportlab.graphics: vector drawings that go into the PDF as
they are, without a browser. (Plotly's image export through kaleido needs a Chromium on the server and took
2.5–11 s per report here, flaky under load; these take milliseconds.)

Colours are Okabe-Ito (safe for colour-blind readers) and every series is named in a legend; both axes are labelled.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors

from dashboard import codes
from dashboard.i18n import MONTHS, format_count, t

# The outcome of a request, as the annual report splits it: answered, not answered, in progress.
OUTCOMES = ("answered", "unanswered", "in_progress")
COLOURS = {
    "answered": colors.HexColor("#0072B2"),  # blue
    "unanswered": colors.HexColor("#D55E00"),  # vermilion
    "in_progress": colors.HexColor("#E69F00"),  # orange
}
# The same colours, faded, for the trend's months before the period.
FADED = {name: colors.Color(c.red, c.green, c.blue, alpha=0.35) for name, c in COLOURS.items()}
FONT, BOLD = "Helvetica", "Helvetica-Bold"
INK = colors.HexColor("#333333")


def trend_chart(trend, running_month: str | None, lang: str, width: float, height: float) -> Drawing:
    """Requests per month, stacked by outcome: the months of the period in full colour, the months before them
    faded, the month still in progress marked with an asterisk (`trend`: `Report.trend`)."""
    drawing = Drawing(width, height)
    if trend.empty:
        drawing.add(
            String(width / 2, height / 2, t("report-empty", lang), fontName=FONT, fontSize=9, textAnchor="middle")
        )
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 48, 46, width - 60, height - 82
    chart.data = [[int(v) for v in trend[name]] for name in OUTCOMES]
    chart.categoryAxis.categoryNames = [_month_label(m, lang, m == running_month) for m in trend.month]
    chart.categoryAxis.style = "stacked"
    _style_axes(chart, lang)
    chart.categoryAxis.labels.angle = 0 if len(trend) <= 13 else 45
    for row, name in enumerate(OUTCOMES):
        chart.bars[row].fillColor = COLOURS[name]
        chart.bars[row].strokeColor = None
        for column, in_period in enumerate(trend.in_period):
            if not in_period:
                chart.bars[(row, column)].fillColor = FADED[name]
    chart.barSpacing, chart.groupSpacing = 0, 6
    _scale(chart, max(int(trend[list(OUTCOMES)].sum(axis=1).max()), 0))
    drawing.add(chart)
    _say_when_empty(drawing, chart, lang)
    drawing.add(_axis_title(t("metric-requests", lang), 10, chart.y + chart.height / 2, angle=90))
    drawing.add(_axis_title(t("axis-month", lang), chart.x + chart.width / 2, 6))
    drawing.add(_legend(lang, chart.x, height - 8))
    return drawing


def modality_chart(annual, lang: str, width: float, height: float) -> Drawing:
    """Requests per modality, stacked by outcome, with each modality's total at the end of its bar
    (`annual`: `Report.annual`, the annual report's table)."""
    modalities = [c for c in annual.columns if c in codes.MODALITIES]
    rows = annual.set_index("figure")
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    label_room = 118
    chart.x, chart.y, chart.width, chart.height = label_room, 40, width - label_room - 50, height - 74
    chart.data = [[int(rows.at[name, m]) for m in reversed(modalities)] for name in OUTCOMES]
    chart.categoryAxis.categoryNames = [t(f"modality-{m}", lang) for m in reversed(modalities)]
    chart.categoryAxis.style = "stacked"
    _style_axes(chart, lang)
    totals = [int(rows.at["requests", m]) for m in reversed(modalities)]
    _scale(chart, max(totals) * 1.15)
    for row, name in enumerate(OUTCOMES):
        chart.bars[row].fillColor = COLOURS[name]
        chart.bars[row].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 8
    drawing.add(chart)
    drawing.add(_totals(chart, totals, lang))
    _say_when_empty(drawing, chart, lang)
    drawing.add(_axis_title(t("metric-requests", lang), chart.x + chart.width / 2, 6))
    drawing.add(_legend(lang, chart.x, height - 8))
    return drawing


def _style_axes(chart, lang: str) -> None:
    """Small grey labels, thousands in the reader's format, a light grid along the value axis, from zero."""
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = FONT, 7, INK
        axis.strokeColor = colors.HexColor("#999999")
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    chart.valueAxis.labelTextFormat = lambda value: format_count(value, lang)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.5


def _totals(chart: HorizontalBarChart, totals: list[int], lang: str) -> Group:
    """Each bar's total, just right of it."""
    group = Group()
    step = chart.height / len(totals)
    for index, total in enumerate(totals):
        x = chart.x + chart.width * total / chart.valueAxis.valueMax + 4
        group.add(String(x, chart.y + step * (index + 0.5) - 3, format_count(total, lang), fontName=BOLD, fontSize=8))
    return group


def _say_when_empty(drawing: Drawing, chart, lang: str) -> None:
    """An empty chart says why: no requests in the period and selection."""
    if not any(value for series in chart.data for value in series):
        x, y = chart.x + chart.width / 2, chart.y + chart.height / 2
        drawing.add(
            String(x, y, t("report-empty", lang), fontName=FONT, fontSize=9, fillColor=INK, textAnchor="middle")
        )


def _scale(chart, top: float) -> None:
    """The value axis from 0 to a round number at or above `top`, in four or five whole steps."""
    top = chart.valueAxis.valueMax = nice_ceiling(top)
    chart.valueAxis.valueStep = next((top / n for n in (5, 4, 3, 2) if _round_step(top / n)), top / 2) if top > 1 else 1


def _round_step(step: float) -> bool:
    """Whether a step between gridlines reads well: a whole 1, 1.5, 2, 2.5, 3, 4 or 5 times a power of ten."""
    if not step.is_integer():
        return False
    power = 10 ** (len(str(int(step))) - 1)
    return step / power in (1, 1.5, 2, 2.5, 3, 4, 5)


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least `value`: 1
    for nothing, whole numbers below ten."""
    if value <= 1:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    steps = (1, 2, 3, 4, 5, 6, 8, 10) if power == 1 else (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(step * power for step in steps if step * power >= value)


def _legend(lang: str, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax, legend.dx, legend.dy = 110, 8, 8
    legend.fontName, legend.fontSize, legend.fillColor = FONT, 8, INK
    legend.strokeColor = None
    legend.colorNamePairs = [(COLOURS[name], t(f"metric-{name}", lang)) for name in OUTCOMES]
    return legend


def _axis_title(text: str, x: float, y: float, angle: int = 0) -> Group:
    label = String(0, 0, text, fontName=FONT, fontSize=8, fillColor=INK, textAnchor="middle")
    group = Group(label)
    group.translate(x, y)
    group.rotate(angle)
    return group


def _month_label(month: str, lang: str, running: bool) -> str:
    """'okt 25' for 2025-10; with an asterisk while the month runs."""
    year, number = month.split("-")
    return f"{MONTHS[lang][int(number) - 1]} {year[2:]}" + ("*" if running else "")
