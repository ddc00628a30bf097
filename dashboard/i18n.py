"""Every string the user reads, in Dutch and English, and numbers and dates in the reader's format.

`t(key, lang)` is the one translation helper. Dutch is the default: 66.218 and 79,5 %; English: 66,218 and
79.5 %. A missing key fails loudly in tests (KeyError), never silently shows a key to a user. Texts of one page
live in `dashboard/texts/<page>.py` and are merged in here; texts several pages share are below.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dashboard.metrics import STEADY, change_of
from dashboard.texts import page_messages

LANGS = ("nl", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # shell
    "app-title": ("STV-dashboard", "STV dashboard"),
    "switch-language": ("English", "Nederlands"),
    "nav-overview": ("Overzicht", "Overview"),
    "footer-source": (
        "Bron: operationele databank STV. Aanvragen tellen op hun aanvraagdag (Brusselse tijd).",
        "Source: STV operational database. Requests count on the day they were made (Brussels time).",
    ),
    "download": ("Downloaden", "Download"),
    "download-csv": ("CSV (komma-gescheiden)", "CSV (comma-separated)"),
    "download-xlsx": ("Excel-werkmap", "Excel workbook"),
    "view-kpis": ("Kerncijfers", "Headline figures"),
    "view-monthly": ("Per maand en soort dienst", "Per month and modality"),
    "view-languages": ("Per taal", "Per language"),
    "grid-no-rows": ("Geen rijen voor deze selectie.", "No rows for this selection."),
    "not-found-title": ("Pagina niet gevonden", "Page not found"),
    "not-found-text": (
        "Deze pagina bestaat niet. Kies een pagina in het menu.",
        "This page does not exist. Choose a page from the menu.",
    ),
    # filters
    "filters": ("Filters", "Filters"),
    "period": ("Periode", "Period"),
    "from": ("Van", "From"),
    "to": ("Tot en met", "To"),
    "region": ("Regio", "Region"),
    "language": ("Taal", "Language"),
    "modality": ("Soort dienst", "Modality"),
    "sector": ("Sector", "Sector"),
    "service": ("Dienst", "Service"),
    "kind": ("Soort tolk", "Interpreter kind"),
    "all": ("Alle", "All"),
    "reset-filters": ("Filters wissen", "Clear filters"),
    "preset-custom": ("Aangepast", "Custom"),
    "preset-this-month": ("Deze maand", "This month"),
    "preset-last-month": ("Vorige maand", "Last month"),
    "preset-this-quarter": ("Dit kwartaal", "This quarter"),
    "preset-last-12-months": ("Laatste 12 volledige maanden", "Last 12 complete months"),
    "preset-year": ("Jaar {year}", "Year {year}"),
    # problems with the query string
    "problem-intro": (
        "Niet alles in de link kon gebruikt worden; de standaardwaarde geldt voor:",
        "Part of the link could not be used; the default applies for:",
    ),
    "problem-bad-date": (
        "'{parameter}': '{value}' is geen datum (JJJJ-MM-DD)",
        "'{parameter}': '{value}' is not a date (YYYY-MM-DD)",
    ),
    "problem-out-of-range": (
        "'{parameter}': '{value}' ligt buiten 2000–2100",
        "'{parameter}': '{value}' lies outside 2000–2100",
    ),
    "problem-to-before-from": (
        "'{parameter}': '{value}' ligt vóór de begindatum",
        "'{parameter}': '{value}' lies before the start date",
    ),
    "problem-unknown-code": ("'{parameter}': '{value}' is onbekend", "'{parameter}': '{value}' is unknown"),
    "problem-outside-scope": (
        "'{parameter}': '{value}' valt buiten de regio's van uw account",
        "'{parameter}': '{value}' lies outside your account's regions",
    ),
    "problem-unknown-language": (
        "'{parameter}': '{value}' is geen interfacetaal (nl of en)",
        "'{parameter}': '{value}' is not an interface language (nl or en)",
    ),
    "database-unavailable": (
        "De databank is nu niet bereikbaar. Probeer het zo meteen opnieuw.",
        "The database cannot be reached right now. Please try again shortly.",
    ),
    "outage-banner": (
        "Databank onbereikbaar sinds {since}, cijfers van {figures} getoond.",
        "Database unreachable since {since}, figures from {figures} shown.",
    ),
    "outage-banner-no-figures": (
        "Databank onbereikbaar sinds {since}; er zijn nog geen cijfers om te tonen.",
        "Database unreachable since {since}; there are no figures to show yet.",
    ),
    # overview
    "overview-title": ("Overzicht", "Overview"),
    "overview-lead": (
        "Kerncijfers van de gekozen periode en de maandelijkse evolutie per soort dienst.",
        "Headline figures for the chosen period and the monthly trend per modality.",
    ),
    "overview-trend-title": ("Aanvragen per maand, per soort dienst", "Requests per month, by modality"),
    "overview-annual-title": (
        "Aanvragen en uitkomst per soort dienst (zoals in het jaarverslag)",
        "Requests and outcome by modality (as in the annual report)",
    ),
    "total": ("Totaal", "Total"),
    "share": ("Aandeel", "Share"),
    "report-title": ("STV-rapport {period}", "STV report {period}"),
    "report-lead": (
        "Sociaal Tolken en Vertalen, {span}. Aanvragen tellen op hun aanvraagdag (Brusselse tijd).",
        "Social Interpreting and Translation, {span}. Requests count on the day they were made (Brussels time).",
    ),
    "report-figure": ("Kerncijfer", "Figure"),
    "glossary-title": ("Wat de cijfers betekenen", "What the figures mean"),
    "report-pdf": ("PDF downloaden", "Download PDF"),
    "report-back": ("Terug naar het overzicht", "Back to the overview"),
    "report-xlsx": ("Excel downloaden", "Download Excel"),
    "report-print-hint": (
        "Afdrukken: elke sectie komt op een eigen pagina, zonder menu en filters.",
        "Printing: every section goes on a page of its own, without menu and filters.",
    ),
    "report-bad-period": (
        "De link noemt geen geldige periode: gebruik period=2024 (jaar), 2024-Q3 (kwartaal) of 2024-09 (maand).",
        "The link names no valid period: use period=2024 (year), 2024-Q3 (quarter) or 2024-09 (month).",
    ),
    "report-value": ("Waarde", "Value"),
    "overview-ukraine-title": (
        "Oekraïne: Oekraïens, Russisch, Pools en Roemeens sinds 2022",
        "Ukraine: Ukrainian, Russian, Polish and Romanian since 2022",
    ),
    "overview-ukraine-lead": (
        "Met dezelfde filters behalve taal, tot en met de laatste volledige maand. Rechts: wie "
        "de volbrachte opdrachten deed.",
        "With the same filters except language, up to the "
        "last complete month. Right: who carried out the completed assignments.",
    ),
    "chart-ukraine-requests": ("Aanvragen per maand", "Requests per month"),
    "chart-ukraine-kinds": ("Volbracht door welke soort tolk", "Completed by which kind of interpreter"),
    "axis-share-completed": ("Aandeel van de volbrachte opdrachten", "Share of completed assignments"),
    "overview-languages-title": (
        "Talen: de drukste en de grootste verschuivingen",
        "Languages: the busiest and the largest movers",
    ),
    "overview-languages-lead": (
        "Aandeel in alle aanvragen van de periode; verschuiving t.o.v. dezelfde periode een jaar eerder.",
        "Share of all requests in the period; change against the same period a year earlier.",
    ),
    "movers-up": ("Meer aanvragen dan een jaar eerder", "More requests than a year earlier"),
    "movers-down": ("Minder aanvragen dan een jaar eerder", "Fewer requests than a year earlier"),
    "overview-trends-title": ("Trends sinds 2019", "Trends since 2019"),
    "overview-trends-lead": (
        "Met dezelfde filters, over de hele geschiedenis tot en met de laatste volledige maand; "
        "de gekozen periode geldt hier niet.",
        "With the same filters, over the whole history up to the last complete month; "
        "the chosen period does not apply here.",
    ),
    "chart-outcomes": ("Aanvragen, beantwoord en volbracht per maand", "Requests, answered and completed per month"),
    "chart-modalities": ("Aanvragen per maand en soort dienst", "Requests per month and modality"),
    "chart-answer-rate": ("Beantwoordingsgraad per maand", "Answer rate per month"),
    "chart-rolling": ("Aanvragen over de laatste 12 maanden", "Requests over the last 12 months"),
    "chart-year-on-year": ("Aanvragen per maand, jaar naast jaar", "Requests per month, year beside year"),
    "rolling-12-months": ("Laatste 12 maanden", "Last 12 months"),
    "axis-answer-rate": ("Beantwoordingsgraad", "Answer rate"),
    "axis-requests-12m": ("Aanvragen in 12 maanden (aantal)", "Requests in 12 months (count)"),
    "axis-calendar-month": ("Kalendermaand", "Calendar month"),
    "view-annual-report": ("Jaarverslagtabel", "Annual-report table"),
    "axis-month": ("Maand", "Month"),
    "axis-requests": ("Aanvragen (aantal)", "Requests (count)"),
    "empty-period": (
        "Geen aanvragen in deze periode met deze filters.",
        "No requests in this period with these filters.",
    ),
    "rate-empty": ("leeg: geen noemer", "empty: nothing to divide by"),
    "vs-previous": ("t.o.v. vorige periode", "vs previous period"),
    "vs-year": ("t.o.v. een jaar eerder", "vs a year earlier"),
    "target-min": ("Doel: minstens {value}", "Target: at least {value}"),
    "target-max": ("Doel: hoogstens {value}", "Target: at most {value}"),
    "target-met": ("gehaald", "met"),
    "target-missed": ("niet gehaald", "missed"),
    # modalities, services, kinds, sectors
    "modality-onsite": ("Tolken ter plaatse", "On-site interpreting"),
    "modality-phone": ("Telefoontolken", "Telephone interpreting"),
    "modality-video": ("Videotolken", "Video interpreting"),
    "modality-translation": ("Sociaal vertalen", "Social translation"),
    "service-interpreter": ("Sociaal tolk/vertaler", "Social interpreter/translator"),
    "service-taalhulp": ("Taalhulp", "Language helper (taalhulp)"),
    "kind-certified": ("Gecertificeerd sociaal tolk", "Certified social interpreter"),
    "kind-sworn": ("Beëdigd tolk", "Sworn interpreter"),
    "kind-in_training": ("Tolk in opleiding", "Interpreter in training"),
    "kind-crisis": ("Crisistolk", "Crisis interpreter"),
    "kind-taalhulp": ("Taalhulp", "Language helper (taalhulp)"),
    "kind-commercial": ("Externe leverancier", "Commercial provider"),
    "sector-welfare": ("Welzijn", "Welfare"),
    "sector-public_services": ("Openbare dienstverlening", "Public services"),
    "sector-education": ("Onderwijs", "Education"),
    "sector-health": ("Gezondheid", "Health"),
    "sector-mental_health": ("Geestelijke gezondheidszorg", "Mental health"),
    "sector-asylum_reception": ("Asielopvang", "Asylum reception"),
    "sector-integration": ("Integratie en inburgering", "Integration"),
    "sector-work": ("Werk", "Work"),
    "sector-housing": ("Wonen", "Housing"),
    "sector-justice": ("Justitie", "Justice"),
    "sector-other": ("Andere", "Other"),
    "sector-none": ("Niet ingevuld", "Not filled in"),
    # figures (CONTRACT §3): name, then definition
    "metric-requests": ("Aanvragen", "Requests"),
    "def-requests": ("Alle aanvragen met een aanvraagdag in de periode.", "All requests made in the period."),
    "metric-answered": ("Beantwoord", "Answered"),
    "def-answered": (
        "Er werd een tolk of vertaler toegewezen: volbracht + niet volbracht.",
        "An interpreter or translator was assigned: completed + not completed.",
    ),
    "metric-completed": ("Volbracht", "Completed"),
    "def-completed": ("De opdracht werd uitgevoerd.", "The assignment was carried out."),
    "metric-not_completed": ("Niet volbracht", "Not completed"),
    "def-not_completed": (
        "Toegewezen maar niet uitgevoerd: tijdig of laat geannuleerd, of niet komen opdagen.",
        "Assigned but not carried out: cancelled in time or late, or a no-show.",
    ),
    "metric-unanswered": ("Niet beantwoord", "Not answered"),
    "def-unanswered": (
        "Geen tolk toegewezen: niet beschikbaar + andere reden.",
        "No interpreter assigned: not available + other reason.",
    ),
    "metric-not_available": ("Tolk/taal niet beschikbaar", "Interpreter/language not available"),
    "def-not_available": (
        "Geen tolk vrij, of de taal wordt niet aangeboden.",
        "No interpreter free, or the language is not on offer.",
    ),
    "metric-other_reason": ("Andere reden", "Other reason"),
    "def-other_reason": (
        "Verkeerde soort dienst gevraagd, of een andere reden.",
        "Wrong kind of service requested, or another reason.",
    ),
    "metric-in_progress": ("In behandeling", "In progress"),
    "def-in_progress": (
        "Nog open: zonder tolk (pending) of toegewezen maar nog niet afgesloten.",
        "Still open: without an interpreter yet, or assigned but not yet closed.",
    ),
    "metric-no_show_client": ("Cliënt niet opgedaagd", "Client no-show"),
    "def-no_show_client": ("De cliënt kwam niet opdagen.", "The client did not show up."),
    "metric-no_show_interpreter": ("Tolk niet opgedaagd", "Interpreter no-show"),
    "def-no_show_interpreter": ("De tolk kwam niet opdagen.", "The interpreter did not show up."),
    "metric-cancelled_client_late": ("Laat geannuleerd door klant", "Cancelled late by client"),
    "def-cancelled_client_late": (
        "De organisatie annuleerde laat (aanrekenbaar).",
        "The organisation cancelled late (billable).",
    ),
    "metric-active_interpreters": ("Actieve tolken", "Active interpreters"),
    "def-active_interpreters": (
        "Verschillende tolken met minstens één volbrachte opdracht in de selectie.",
        "Distinct interpreters with at least one completed assignment in the slice.",
    ),
    "metric-registered_interpreters": ("Geregistreerde tolken", "Registered interpreters"),
    "def-registered_interpreters": (
        "Tolken in register of pool op de laatste dag van de periode (van de gekozen soorten en talen).",
        "Interpreters in the register or a pool on the period's last day (of the chosen kinds and languages).",
    ),
    "metric-registered_in_period": ("In register tijdens periode", "In the register during the period"),
    "def-registered_in_period": (
        "Tolken die op enig moment in de periode in register of pool stonden: ingeschreven uiterlijk op de "
        "laatste dag en niet vertrokken vóór of op de eerste dag (van de gekozen soorten en talen).",
        "Interpreters in the register or a pool at some time within the period: registered by its last day and "
        "not left by its first (of the chosen kinds and languages).",
    ),
    "metric-answer_rate": ("Beantwoordingsgraad", "Answer rate"),
    "def-answer_rate": ("Beantwoord ÷ (aanvragen − in behandeling).", "Answered ÷ (requests − in progress)."),
    "metric-unmet_rate": ("Onbeantwoord", "Unmet demand"),
    "def-unmet_rate": ("Niet beantwoord ÷ aanvragen.", "Not answered ÷ requests."),
    "metric-shortage_rate": ("Tekortgraad", "Shortage rate"),
    "def-shortage_rate": (
        "Tolk/taal niet beschikbaar ÷ aanvragen: de knelpuntindicator.",
        "Interpreter/language not available ÷ requests: the bottleneck indicator.",
    ),
    "metric-completion_rate": ("Uitvoeringsgraad", "Completion rate"),
    "def-completion_rate": ("Volbracht ÷ beantwoord.", "Completed ÷ answered."),
    "metric-non_completion_rate": ("Niet volbracht (graad)", "Non-completion rate"),
    "def-non_completion_rate": ("Niet volbracht ÷ beantwoord.", "Not completed ÷ answered."),
    "metric-fulfilment_rate": ("Vervulde vraag", "Fulfilment rate"),
    "def-fulfilment_rate": ("Volbracht ÷ aanvragen.", "Completed ÷ requests."),
    "metric-no_show_client_rate": ("No-show cliënt", "Client no-show rate"),
    "def-no_show_client_rate": ("Cliënt niet opgedaagd ÷ beantwoord.", "Client no-shows ÷ answered."),
    "metric-no_show_interpreter_rate": ("No-show tolk", "Interpreter no-show rate"),
    "def-no_show_interpreter_rate": ("Tolk niet opgedaagd ÷ beantwoord.", "Interpreter no-shows ÷ answered."),
    "metric-late_cancellation_rate": ("Late annulaties", "Late cancellation rate"),
    "def-late_cancellation_rate": (
        "Laat geannuleerd door klant ÷ beantwoord.",
        "Late client cancellations ÷ answered.",
    ),
    "metric-activity_rate": ("Activiteitsgraad tolken", "Interpreter activity rate"),
    "def-activity_rate": (
        "Actieve tolken die tijdens de periode in het register stonden ÷ tolken die op enig moment in de periode "
        "in het register stonden; nooit meer dan 100 %.",
        "Active interpreters who were in the register during the period ÷ the interpreters in the register at "
        "some time in the period; never above 100 %.",
    ),
}

# What the interpreter-kind filter selects, per page (its help text): on the pages about requests, the requests an
# interpreter of the chosen kinds was assigned to (a request without an interpreter has no kind, so it drops out);
# on the pages about supply and interpreters, the interpreters of those kinds, the requests staying whole.
_KIND_ON_REQUESTS = (
    "Alleen aanvragen die aan een tolk van de gekozen soorten zijn toegewezen tellen mee; aanvragen zonder tolk "
    "(onbeantwoord, nog in behandeling) vallen weg. Tolkencijfers tellen de tolken van die soorten.",
    "Only requests assigned to an interpreter of the chosen kinds count; requests without an interpreter "
    "(unanswered, still pending) drop out. Interpreter figures count the interpreters of those kinds.",
)
KIND_HELP: dict[str, tuple[str, str]] = {
    "overview": _KIND_ON_REQUESTS,
    "report": _KIND_ON_REQUESTS,
    "no-shows": _KIND_ON_REQUESTS,
    "lead-time": _KIND_ON_REQUESTS,
    "regions": _KIND_ON_REQUESTS,
    "region": _KIND_ON_REQUESTS,
    "local-government": _KIND_ON_REQUESTS,
    "organisation": _KIND_ON_REQUESTS,
    "data-quality": _KIND_ON_REQUESTS,
    "shortages": (
        "Kiest de tolken (actief, geregistreerd) van de gekozen soorten; de aanvragen en hun tekort tellen "
        "volledig mee: een aanvraag zonder tolk heeft geen soort.",
        "Selects the interpreters (active, registered) of the chosen kinds; the requests and their shortage count "
        "in full: a request without an interpreter has no kind.",
    ),
    "supply-demand": (
        "Kiest het aanbod: de vrije uren van tolken van de gekozen soorten. De open aanvragen tellen volledig mee: "
        "ze hebben nog geen tolk.",
        "Selects the supply: the free hours of interpreters of the chosen kinds. Open requests count in full: they "
        "have no interpreter yet.",
    ),
    "interpreters": (
        "Kiest de tolken van de gekozen soorten: hun registratie, activiteit, uren en opdrachten; bij taalhulp de "
        "uitgenodigde helpers.",
        "Selects the interpreters of the chosen kinds: their registration, activity, hours and assignments; for "
        "taalhulp the invited helpers.",
    ),
}
MESSAGES.update({f"kind-help-{page}": texts for page, texts in KIND_HELP.items()})


def kind_meaning(page_name: str) -> str:
    """The text key that says what the interpreter-kind filter selects on page `page_name` (kind-help-<page>);
    a page without one is an error (KeyError), so that a new page must say it."""
    if page_name not in KIND_HELP:
        raise KeyError(f"page '{page_name}' does not say what the kind filter means (dashboard.i18n.KIND_HELP)")
    return f"kind-help-{page_name}"


for _key, _texts in page_messages().items():
    if _key in MESSAGES:
        raise ValueError(f"text '{_key}' is defined in dashboard.i18n and in dashboard.texts")
    MESSAGES[_key] = _texts


def t(key: str, lang: str = "nl", **values) -> str:
    """The text for `key` in `lang` ('nl' or 'en'), with {placeholders} filled from `values`."""
    text = MESSAGES[key][1 if lang == "en" else 0]
    return text.format(**values) if values else text


def code_name(field: str, code: str | None, lang: str = "nl") -> str:
    """The readable name of a code of CONTRACT §2 (`field`: modality, sector, kind or service); a sector not
    filled in (None or "") reads "Not filled in"."""
    if field == "sector" and not code:
        return t("sector-none", lang)
    return t(f"{field}-{code}", lang)


def language_name_column(lang: str) -> str:
    """The column of the `languages` table that holds a language's name in `lang` (name_en or name_nl)."""
    return "name_en" if lang == "en" else "name_nl"


def fixed(value: float, digits: int, lang: str) -> str:
    """`value` with `digits` decimals and the reader's marks (1.234,5 in Dutch, 1,234.5 in English), rounded half
    away from zero on its shortest decimal form: as the browser's Intl.NumberFormat rounds the grids and the
    charts' tables (assets/), so that a card and a table never differ. Python's own format rounds an exact half
    to even: 81.25 gave 81.2 on a card and 81.3 in the chart's table."""
    number = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{number:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "nl" else text


def format_count(value: int | float | None, lang: str = "nl") -> str:
    """A whole number with the reader's thousands separator: 66.218 (nl), 66,218 (en); '–' for none."""
    if value is None or value != value:
        return "–"
    return fixed(value, 0, lang)


def format_rate(value: float | None, lang: str = "nl", digits: int = 1) -> str:
    """A fraction as a percentage: 79,5 % (nl), 79.5 % (en); '–' for an empty rate (None or NaN)."""
    if value is None or value != value:
        return "–"
    return f"{fixed(value * 100, digits, lang)} %"


def format_change(current: float | None, before: float | None, rate: bool, lang: str = "nl") -> str:
    """A change with an arrow: percentage points for rates (▲ 2,3 pp), a relative change for counts (▼ 5,0 %);
    '–' when either side is empty or a count had nothing to compare with."""
    change = change_of(current, before, rate)
    if change is None:
        return "–"
    arrow = "▲" if change > STEADY else "▼" if change < -STEADY else "►"
    number = format_rate(abs(change) / 100, lang)[:-2]  # the reader's decimal mark, one decimal
    return f"{arrow} {number} {'pp' if rate else '%'}"


MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


MONTH_NAMES = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_month(day: date, lang: str = "nl") -> str:
    """The month of `day` in running text: 'december 2026' (nl), 'December 2026' (en)."""
    return f"{MONTH_NAMES[lang][day.month - 1]} {day.year}"


WEEKDAYS = {"nl": ("ma", "di", "wo", "do", "vr", "za", "zo"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def format_short_date(value: date, lang: str = "nl") -> str:
    """A day of this year in running text: '3 dec.' (nl), '3 Dec' (en)."""
    return f"{value.day} {MONTHS[lang][value.month - 1]}" + ("." if lang == "nl" else "")


def format_day(value: date, lang: str = "nl") -> str:
    """A day in a chart's axis: 'di 24 nov' (nl), 'Tue 24 Nov' (en)."""
    return f"{WEEKDAYS[lang][value.weekday()]} {value.day} {MONTHS[lang][value.month - 1]}"


def format_decimal(value: float | None, lang: str = "nl", digits: int = 2) -> str:
    """A plain number with `digits` decimals and the reader's marks: 1.234,57 (nl), 1,234.57 (en); '–' for none."""
    if value is None or value != value:  # None or NaN
        return "–"
    return fixed(value, digits, lang)


def format_date(value: date, lang: str = "nl") -> str:
    """A date as readers write it: 23-11-2026 (nl), 23 Nov 2026 (en)."""
    return f"{value:%d-%m-%Y}" if lang == "nl" else f"{value.day} {MONTHS['en'][value.month - 1]} {value.year}"


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` layout value: decimal mark, then thousands separator."""
    return ",." if lang == "nl" else ".,"
