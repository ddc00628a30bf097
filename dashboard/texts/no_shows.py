"""Texts of the no-shows page (/no-shows), and the figure names, definitions and axes the management pages
(/no-shows, /interpreters) share (`management-*`)."""

from __future__ import annotations

MESSAGES = {
    "nav-no-shows": ("No-shows", "No-shows"),
    "view-no-shows": (
        "Per indeling (soort dienst, sector, regio, taal, organisatie)",
        "Per breakdown (modality, sector, region, language, organisation)",
    ),
    "view-no-shows-monthly": ("No-shows en annulaties per maand", "No-shows and cancellations per month"),
    "view-no-show-organisations": (
        "Organisaties met de meeste niet-volbrachte opdrachten",
        "Organisations with most failed appointments",
    ),
    "no-shows-title": ("No-shows en annulaties", "No-shows and cancellations"),
    "no-shows-lead": (
        "Wie liet een toegewezen opdracht niet doorgaan? Elke graad is een aandeel van de beantwoorde "
        "aanvragen in de gekozen periode, met de gekozen filters.",
        "Who let an assigned appointment fall through? Every rate is a share of the answered requests "
        "in the chosen period, with the chosen filters.",
    ),
    "no-shows-answered-note": (
        "Graden over {answered} beantwoorde aanvragen (volbracht + niet volbracht).",
        "Rates over {answered} answered requests (completed + not completed).",
    ),
    "no-shows-cards-def": (
        "De zes graden per partij tellen samen op tot de graad 'niet volbracht'. Beweeg over een "
        "kaart voor de definitie.",
        "The six rates per party add up to the non-completion rate. Hover over a card for its definition.",
    ),
    "no-shows-trend-title": ("No-show- en annulatiegraden per maand", "No-show and cancellation rates per month"),
    "no-shows-trend-def": (
        "Per maand van de aanvraagdag (Brusselse tijd): het aantal van elke status ÷ de beantwoorde "
        "aanvragen van die maand. Een maand zonder beantwoorde aanvragen heeft geen punt.",
        "Per month of the request day (Brussels time): the count of each status ÷ the answered "
        "requests of that month. A month without answered requests has no point.",
    ),
    "no-shows-dimension-title": (
        "Per soort dienst, sector, regio, taal en organisatie",
        "By modality, sector, region, language and organisation",
    ),
    "no-shows-dimension-def": (
        "De grafiek toont de {limit} waarden met de meeste beantwoorde aanvragen; de lengte van "
        "een balk is de graad 'niet volbracht'. De tabel toont alle waarden met beantwoorde "
        "aanvragen; klik op een kolomkop om te sorteren. Sector en regio zijn die van de "
        "aanvragende organisatie.",
        "The chart shows the {limit} values with most answered requests; a bar's length is the "
        "non-completion rate. The table shows every value with answered requests; click a "
        "column header to sort. Sector and region are those of the requesting organisation.",
    ),
    "no-shows-organisation": ("Organisatie", "Organisation"),
    "no-shows-failed": ("Niet volbracht", "Failed"),
    "no-shows-empty": (
        "Geen beantwoorde aanvragen in deze periode met deze filters.",
        "No answered requests in this period with these filters.",
    ),
    "no-shows-organisations-title": (
        "Organisaties met de meeste niet-volbrachte opdrachten",
        "Organisations with most failed appointments",
    ),
    "no-shows-organisations-lead": (
        "Niet volbracht = geannuleerd (tijdig of laat, door klant, tolk of dienst) of "
        "niet opgedaagd. Alleen organisaties met minstens {minimum} beantwoorde "
        "aanvragen in de selectie: bij minder zegt een graad weinig. Meeste niet-"
        "volbrachte eerst; klik op een naam voor de organisatie.",
        "Failed = cancelled (in time or late, by the client, the interpreter or the "
        "service) or a no-show. Only organisations with at least {minimum} answered "
        "requests in the slice: with fewer, a rate says little. Most failed first; click "
        "a name for the organisation.",
    ),
    "no-shows-organisations-empty": (
        "Geen organisatie heeft minstens {minimum} beantwoorde aanvragen in deze selectie.",
        "No organisation has at least {minimum} answered requests in this slice.",
    ),
    # figures the management pages add to the shared ones (dashboard.i18n metric-*/def-*)
    "management-definitions": ("Wat de cijfers betekenen", "What the figures mean"),
    "management-axis-share-answered": ("Aandeel van de beantwoorde aanvragen", "Share of answered requests"),
    "management-axis-interpreters": ("Tolken (aantal)", "Interpreters (count)"),
    "management-metric-timely_cancellation_rate": ("Tijdige annulaties", "Timely cancellation rate"),
    "management-def-timely_cancellation_rate": (
        "Tijdig geannuleerd door de klantorganisatie (niet aanrekenbaar) ÷ beantwoord.",
        "Cancelled in time by the client organisation (not billable) ÷ answered.",
    ),
    "management-metric-interpreter_cancellation_rate": ("Annulaties door tolk", "Interpreter cancellation rate"),
    "management-def-interpreter_cancellation_rate": (
        "Geannuleerd door de tolk ÷ beantwoord.",
        "Cancelled by the interpreter ÷ answered.",
    ),
    "management-metric-service_cancellation_rate": ("Annulaties door de dienst", "Service cancellation rate"),
    "management-def-service_cancellation_rate": (
        "Geannuleerd door STV zelf ÷ beantwoord.",
        "Cancelled by STV itself ÷ answered.",
    ),
    "management-metric-billable_rate": ("Aanrekenbaar aandeel", "Billable share"),
    "management-def-billable_rate": (
        "(Volbracht + laat geannuleerd door klant) ÷ beantwoord: wat de klant betaalt.",
        "(Completed + cancelled late by the client) ÷ answered: what the client pays for.",
    ),
}
