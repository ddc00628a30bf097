"""Texts of the drill-down pages: `/regions`, a region, a local government, an organisation."""

from __future__ import annotations

MESSAGES = {
    "nav-regions": ("Regio's", "Regions"),
    "view-regions": ("Per regio", "Per region"),
    "view-local-governments": ("Per lokaal bestuur", "Per local government"),
    "view-organisations": ("Per organisatie", "Per organisation"),
    "regions-download-region-organisations": ("Organisaties van {region}", "Organisations of {region}"),
    "regions-title": ("Van regio naar organisatie", "From region to organisation"),
    "regions-lead": (
        "Kies een regio, dan een lokaal bestuur, dan een organisatie: elk niveau toont zijn eigen "
        "cijfers en dezelfde cijfers voor het niveau eronder.",
        "Choose a region, then a local government, then an organisation: every level shows its own "
        "figures and the same figures for the level below.",
    ),
    "regions-crumb-top": ("Alle regio's", "All regions"),
    "regions-everywhere": ("Vlaanderen en Brussel", "Flanders and Brussels"),
    "regions-children-region": ("Per regio", "Per region"),
    "regions-children-local_government": ("Per lokaal bestuur", "Per local government"),
    "regions-children-organisation": ("Per organisatie", "Per organisation"),
    "regions-children-lead-region": (
        "Aanvragen per regio (van de organisatie die aanvroeg), gekleurd volgens het gekozen percentage. Klik op "
        "een balk of een naam om die regio te openen. Samen tellen de regio's op tot het totaal hierboven.",
        "Requests per region (of the requesting organisation), coloured by the chosen rate. Click a bar or a name "
        "to open that region. Together the regions add up to the total above.",
    ),
    "regions-children-lead-local_government": (
        "Aanvragen per lokaal bestuur (de gemeente van de organisatie), gekleurd volgens het gekozen percentage. "
        "Klik op een balk of een naam om het lokaal bestuur te openen. Samen tellen ze op tot de regio.",
        "Requests per local government (the municipality of the organisation), coloured by the chosen rate. Click "
        "a bar or a name to open it. Together they add up to the region.",
    ),
    "regions-children-lead-organisation": (
        "Aanvragen per organisatie in dit lokaal bestuur (de grafiek toont de 25 drukste, de tabel alle), "
        "gekleurd volgens het gekozen percentage. Klik op een balk of een naam voor de cijfers van de organisatie.",
        "Requests per organisation in this local government (the chart shows the 25 busiest, the table all), "
        "coloured by the chosen rate. Click a bar or a name for the organisation's own figures.",
    ),
    "regions-col-region": ("Regio", "Region"),
    "regions-col-local_government": ("Lokaal bestuur", "Local government"),
    "regions-col-organisation": ("Organisatie", "Organisation"),
    "regions-rate-empty": ("Percentage leeg (niets om door te delen)", "Rate empty (nothing to divide by)"),
    "regions-modalities-title": ("Per soort dienst", "Per modality"),
    "regions-modalities-lead": (
        "Dezelfde cijfers per soort dienst: waar de no-shows en annulaties vallen.",
        "The same figures per modality: where the no-shows and cancellations fall.",
    ),
    "regions-notice-region": (
        "Het regiofilter ({chosen}) geldt niet op deze pagina: ze toont {place}, zoals de link zegt.",
        "The region filter ({chosen}) does not apply on this page: it shows {place}, as the link says.",
    ),
    "regions-notice-sector": (
        "Het sectorfilter ({chosen}) geldt niet voor één organisatie; haar sector: {sector}.",
        "The sector filter ({chosen}) does not apply to a single organisation; its sector: {sector}.",
    ),
    "regions-not-found-title": ("Niet gevonden", "Not found"),
    "regions-not-found-region": ("Er is geen regio met code '{value}'.", "There is no region with code '{value}'."),
    "regions-not-found-local_government": (
        "{region} heeft geen lokaal bestuur met nummer '{value}'.",
        "{region} has no local government with number '{value}'.",
    ),
    "regions-not-found-organisation": (
        "Er is geen organisatie met nummer '{value}'.",
        "There is no organisation with number '{value}'.",
    ),
    "regions-back-to-top": ("Naar alle regio's", "To all regions"),
    # consistency between organisations
    "regions-consistency-title": (
        "Hoe verschillen organisaties van dezelfde sector, en regio's?",
        "How do organisations of one sector, and regions, differ?",
    ),
    "regions-consistency-lead": (
        "Elke doos toont de spreiding tussen organisaties: de middelste helft van de organisaties valt in de doos, "
        "de streep is de mediaan, punten zijn uitschieters (beweeg erover voor de naam). Kies het cijfer:",
        "Each box shows the spread between organisations: the middle half of them falls inside the box, the line "
        "is the median, dots are outliers (hover for the name). Choose the figure:",
    ),
    "regions-consistency-note": (
        "Alleen organisaties met aanvragen in de selectie. Een percentage telt pas mee vanaf 20 aanvragen in de "
        "noemer (beantwoord, of aanvragen min in behandeling): over een handvol aanvragen zegt het weinig. De ruit "
        "is de regio als geheel.",
        "Only organisations with requests in the slice. A rate counts from 20 requests in its denominator "
        "(answered, or requests minus in progress): over a handful of requests it says little. The diamond is the "
        "region as a whole.",
    ),
    "regions-spread-requests": ("Aanvragen per organisatie", "Requests per organisation"),
    "regions-spread-answer_rate": ("Beantwoordingsgraad", "Answer rate"),
    "regions-spread-no_show_client_rate": ("No-show cliënt", "Client no-show rate"),
    "regions-spread-no_show_interpreter_rate": ("No-show tolk", "Interpreter no-show rate"),
    "regions-spread-late_cancellation_rate": ("Late annulaties", "Late cancellation rate"),
    "regions-spread-by-sector": ("Tussen organisaties van dezelfde sector", "Between organisations of one sector"),
    "regions-spread-by-region": ("Tussen organisaties van dezelfde regio", "Between organisations of one region"),
    "regions-spread-whole": ("Regio als geheel", "Region as a whole"),
    "regions-spread-outliers": ("Uitschieters", "Outliers"),
    "regions-box-lowerfence": ("Ondergrens", "Lower fence"),
    "regions-box-upperfence": ("Bovengrens", "Upper fence"),
    "regions-axis-requests": (
        "Aanvragen per organisatie (log. schaal)",
        "Requests per organisation (log scale)",
    ),
    "regions-axis-answer_rate": ("Beantwoordingsgraad per organisatie", "Answer rate per organisation"),
    "regions-axis-no_show_client_rate": ("No-show cliënt per organisatie", "Client no-show rate per organisation"),
    "regions-axis-no_show_interpreter_rate": (
        "No-show tolk per organisatie",
        "Interpreter no-show rate per organisation",
    ),
    "regions-axis-late_cancellation_rate": (
        "Late annulaties per organisatie",
        "Late cancellation rate per organisation",
    ),
    "regions-group-sector": ("Sector", "Sector"),
    "regions-group-region_code": ("Regio", "Region"),
    "regions-organisations-count": ("Organisaties", "Organisations"),
    "regions-quantile-p10": ("10 %", "10%"),
    "regions-quantile-p25": ("25 %", "25%"),
    "regions-quantile-median": ("Mediaan", "Median"),
    "regions-quantile-p75": ("75 %", "75%"),
    "regions-quantile-p90": ("90 %", "90%"),
    # an organisation's page
    "organisation-agreement-yes": ("Met samenwerkingsovereenkomst", "With a cooperation agreement"),
    "organisation-agreement-no": ("Zonder samenwerkingsovereenkomst", "Without a cooperation agreement"),
    "organisation-outcomes-title": ("Aanvragen en uitkomst per soort dienst", "Requests and outcome by modality"),
    "organisation-outcomes-lead": (
        "Zoals in het jaarverslag; beweeg over een rij voor de definitie.",
        "As in the annual report; hover over a row for its definition.",
    ),
    "organisation-parties-title": ("Niet volbracht: door wie?", "Not completed: because of whom?"),
    "organisation-parties-lead": (
        "Toegewezen opdrachten die niet doorgingen, per partij; aandeel = aantal ÷ beantwoord.",
        "Assigned requests that did not go ahead, per party; share = count ÷ answered.",
    ),
    "organisation-trend-title": ("Aanvragen per maand, per soort dienst", "Requests per month, by modality"),
    "organisation-trend-lead": ("In de gekozen periode.", "In the chosen period."),
    "organisation-languages-title": ("Talen", "Languages"),
    "organisation-languages-lead": (
        "Elke taal die de organisatie in de periode vroeg, de drukste eerst.",
        "Every language the organisation asked for in the period, busiest first.",
    ),
    "organisation-party": ("Partij", "Party"),
    "organisation-status": ("Uitkomst", "Outcome"),
    "organisation-count": ("Aantal", "Count"),
    "organisation-share": ("Aandeel", "Share"),
    "organisation-share-definition": ("Aantal ÷ beantwoorde aanvragen.", "Count ÷ answered requests."),
    "organisation-party-client": ("Klant", "Client"),
    "organisation-party-interpreter": ("Tolk", "Interpreter"),
    "organisation-party-service": ("STV", "STV"),
    "organisation-status-pending": ("Nog zonder tolk", "No interpreter yet"),
    "organisation-status-matched": ("Toegewezen, nog niet afgesloten", "Assigned, not yet closed"),
    "organisation-status-completed": ("Volbracht", "Completed"),
    "organisation-status-cancelled_client_timely": (
        "Tijdig geannuleerd door de klant",
        "Cancelled in time by the client",
    ),
    "organisation-status-cancelled_client_late": ("Laat geannuleerd door de klant", "Cancelled late by the client"),
    "organisation-status-cancelled_interpreter": ("Geannuleerd door de tolk", "Cancelled by the interpreter"),
    "organisation-status-cancelled_service": ("Geannuleerd door STV", "Cancelled by STV"),
    "organisation-status-no_show_client": ("Cliënt niet opgedaagd", "Client did not show up"),
    "organisation-status-no_show_interpreter": ("Tolk niet opgedaagd", "Interpreter did not show up"),
    "organisation-status-unanswered_no_interpreter": ("Geen tolk beschikbaar", "No interpreter available"),
    "organisation-status-unanswered_language_unavailable": ("Taal niet aangeboden", "Language not on offer"),
    "organisation-status-unanswered_wrong_service": ("Verkeerde dienst gevraagd", "Wrong service requested"),
    "organisation-status-unanswered_other": ("Andere reden", "Other reason"),
}
