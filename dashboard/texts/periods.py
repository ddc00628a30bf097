"""Texts of the period bar's pickers, of a period that is still running or has not begun, and of the verdict on a
change (better or worse for that figure)."""

from __future__ import annotations

MESSAGES = {
    "period-quarter": ("Kwartaal", "Quarter"),
    "period-year": ("Jaar", "Year"),
    "period-choose": ("Kies…", "Choose…"),
    "preset-last-quarter": ("Vorig kwartaal", "Last quarter"),
    "quarter-name": ("K{quarter} {year}", "Q{quarter} {year}"),
    "period-running-mark": ("{name} (lopend)", "{name} (running)"),
    "period-running": (
        "Deze periode loopt nog: de cijfers tellen t/m {day} en zijn nog niet definitief. Ze worden vergeleken "
        "met dezelfde dagen van de vorige periode en van een jaar eerder.",
        "This period is still running: the figures count through {day} and are not final. They are compared "
        "with the same days of the previous period and of a year earlier.",
    ),
    "period-future": (
        "Deze periode begint pas op {day}: er is nog niets te tellen of te vergelijken. Kies een periode die al "
        "begonnen is.",
        "This period does not begin until {day}: there is nothing to count or compare yet. Choose a period that "
        "has begun.",
    ),
    "running-month": ("lopende maand, t/m {day}", "running month, through {day}"),
    "running-month-no-rate": (
        "lopende maand, t/m {day}: graad volgt nog",
        "running month, through {day}: rate still to come",
    ),
    "change-better": ("beter", "better"),
    "change-worse": ("slechter", "worse"),
    "nav-report": ("Rapport", "Report"),
    "report-download": ("Rapport van deze periode", "Report of this period"),
    "report-period": ("Periode van het rapport", "Report period"),
    "report-months": ("Maanden", "Months"),
    "report-quarters": ("Kwartalen", "Quarters"),
}
