"""Texts of /supply-demand: live supply and demand per language."""

MESSAGES = {
    "nav-supply-demand": ("Vraag en aanbod", "Supply and demand"),
    "sd-title": ("Vraag en aanbod per taal, nu", "Supply and demand per language, now"),
    "sd-lead": (
        "Open aanvragen tegenover vrije uren van tolken, voor vandaag en de komende 7 en 14 dagen. "
        "De grootste tekorten staan bovenaan.",
        "Open requests against interpreters' free hours, for today and the next 7 and 14 days. "
        "The largest shortfalls come first.",
    ),
    "sd-window": ("Venster", "Window"),
    "sd-hours-short": ("u", "h"),
    "sd-window-today": ("Vandaag", "Today"),
    "sd-window-7d": ("Komende 7 dagen", "Next 7 days"),
    "sd-window-14d": ("Komende 14 dagen", "Next 14 days"),
    "sd-updated": ("Bijgewerkt om {time}", "Last updated at {time}"),
    "sd-refresh-note": ("Ververst elke {seconds} seconden vanzelf.", "Refreshes by itself every {seconds} seconds."),
    "sd-situation": ("Toestand op {moment}", "Situation at {moment}"),
    "sd-filter-note": (
        "Regio, sector, dienst en soort dienst beperken de vraag; regio, soort tolk en dienst beperken "
        "het aanbod (tolken zonder regio tellen overal mee; taalhulpen bedienen de dienst taalhulp, de "
        "andere soorten de tolkdienst). De periode geldt hier niet.",
        "Region, sector, service and modality limit demand; region, interpreter kind and service limit "
        "supply (interpreters without a region count everywhere; taalhulp volunteers serve the taalhulp "
        "service, the other kinds the interpreter service). The period does not apply here.",
    ),
    "sd-card-pending": ("Wachtende aanvragen", "Pending requests"),
    "sd-card-pending-hours": ("Wachtende uren", "Pending hours"),
    "sd-card-short-languages": ("Talen met tekort", "Languages short"),
    "sd-table-title": ("Per taal", "Per language"),
    "sd-heatmap-title": ("Tekort per taal en dag (komende 14 dagen)", "Shortfall per language and day (next 14 days)"),
    "sd-heatmap-lead": (
        "Wachtende uren min vrije uren per dag. Oranje: te weinig vrije uren; blauw: ruimte over. "
        "De talen met het grootste tekort over 14 dagen staan bovenaan.",
        "Pending hours minus free hours per day. Orange: too few free hours; blue: room to spare. "
        "The languages with the largest shortfall over 14 days come first.",
    ),
    "sd-heatmap-empty": (
        "Geen open aanvragen en geen vrije uren in de komende 14 dagen voor deze selectie.",
        "No open requests and no free hours in the next 14 days for this selection.",
    ),
    "sd-table-empty": (
        "Geen open aanvragen en geen vrije tolkuren in dit venster voor deze selectie.",
        "No open requests and no free interpreter hours in this window for this selection.",
    ),
    "sd-drill-title": ("Open aanvragen van één taal", "Open requests of one language"),
    "sd-drill-lead": (
        "Kies een taal (of klik op een rij in de tabel) om de aanvragen en de regio's te zien.",
        "Choose a language (or click a row of the table) to see its requests and regions.",
    ),
    "sd-drill-choose": ("Kies een taal", "Choose a language"),
    "sd-drill-regions": ("Per regio", "Per region"),
    "sd-drill-requests": ("Aanvragen, eerstvolgende eerst", "Requests, soonest first"),
    "sd-no-region": ("Zonder regio (overal)", "No region (everywhere)"),
    "axis-day": ("Dag", "Day"),
    "axis-gap-hours": ("Tekort (uren)", "Shortfall (hours)"),
    "col-language": ("Taal", "Language"),
    "col-pending": ("Wachtend", "Pending"),
    "col-matched": ("Toegewezen", "Matched"),
    "col-pending-hours": ("Wachtende uren", "Pending hours"),
    "col-free-by-kind": ("Vrije uren per soort tolk", "Free hours by interpreter kind"),
    "col-median-wait": ("Mediane wachttijd (u)", "Median wait (h)"),
    "col-max-wait": ("Langste wachttijd (u)", "Longest wait (h)"),
    "col-available-interpreters": ("Tolken met uren", "Interpreters with hours"),
    "col-booked-interpreters": ("Tolken toegewezen", "Interpreters matched"),
    "col-free-hours": ("Vrije uren", "Free hours"),
    "col-gap-hours": ("Tekort (uren)", "Shortfall (hours)"),
    "col-coverage": ("Dekking", "Coverage"),
    "col-surplus-hours": ("Overschot (uren)", "Surplus (hours)"),
    "col-recent-shortage": ("Tekort, laatste 90 dagen", "Shortage, last 90 days"),
    "sd-recent-note": (
        "Naast de dekking van nu: het tekortpercentage van elke taal (aanvragen zonder beschikbare tolk ÷ "
        "alle aanvragen) over de laatste {days} volledige dagen, van {start} tot en met {end}, zoals "
        "Knelpunttalen het telt.",
        "Beside today's coverage: each language's shortage rate (requests without an available interpreter ÷ "
        "all requests) over the last {days} complete days, {start} to {end} inclusive, as Shortage languages "
        "counts it.",
    ),
    "sd-recent-link": (
        "Knelpunttalen over deze dagen →",
        "Shortage languages over these days →",
    ),
    "sd-coverage-over": ("meer dan {cap}×", "more than {cap}×"),
    "sd-coverage-under": ("minder dan {floor}×", "less than {floor}×"),
    "col-regions-short": ("Tekort in regio", "Short in region"),
    "col-region": ("Regio", "Region"),
    "col-request": ("Aanvraag", "Request"),
    "col-organisation": ("Organisatie", "Organisation"),
    "col-modality": ("Soort dienst", "Modality"),
    "col-status": ("Status", "Status"),
    "col-scheduled": ("Gepland (Brusselse tijd)", "Scheduled (Brussels time)"),
    "col-duration": ("Duur (min)", "Duration (min)"),
    "col-wait": ("Wacht al (u)", "Waiting (h)"),
    "status-pending": ("wachtend", "pending"),
    "status-matched": ("toegewezen", "matched"),
    "view-supply-demand": ("Vraag en aanbod per taal (14 dagen)", "Supply and demand per language (14 days)"),
    "view-open-requests": ("Open aanvragen (14 dagen)", "Open requests (14 days)"),
    "sd-definitions": ("Wat de cijfers betekenen", "What the figures mean"),
    "sd-term-demand": ("Vraag", "Demand"),
    "sd-def-demand": (
        "Open aanvragen (wachtend of toegewezen) met een gepland begin vanaf nu tot het einde van het "
        "venster (Brusselse kalenderdagen). Uren = geboekte duur; vertalingen zonder duur tellen als "
        "aanvraag maar zonder uren. Wachttijd: uren sinds de aanvraag, voor wachtende aanvragen.",
        "Open requests (pending or matched) with a scheduled start from now to the end of the window "
        "(Brussels calendar days). Hours = booked duration; translations without a duration count as "
        "requests without hours. Waiting: hours since the request, for pending requests.",
    ),
    "sd-term-supply": ("Aanbod", "Supply"),
    "sd-def-supply": (
        "Uren die tolken als vrij opgaven (overlappende blokken één keer; een blok over middernacht telt "
        "op beide dagen), vanaf nu, op dagen dat ze in het register of de pool staan. Vrije uren = die "
        "uren min hun toewijzingen. Een tolk met meerdere talen telt bij elke taal mee: tel de talen "
        "niet op.",
        "Hours interpreters declared free (overlapping slots once; a slot past midnight counts on both "
        "days), from now on, on days they are in the register or pool. Free hours = those hours minus "
        "their assignments. An interpreter with several languages counts for each: do not add "
        "languages up.",
    ),
    "sd-term-gap": ("Tekort en dekking", "Shortfall and coverage"),
    "sd-def-gap": (
        "Tekort = wachtende uren − vrije uren, waar er te weinig vrije uren zijn; overschot = vrije uren "
        "− wachtende uren, waar er meer vrije uren zijn dan wat wacht. Dekking = vrije uren ÷ wachtende "
        "uren, als veelvoud: 2,3× is 2,3 keer zoveel vrije als wachtende uren, boven 10× staat “meer "
        "dan 10×” (de export geeft de exacte waarde); leeg als niets wacht. Tekort in regio: de regio's "
        "van de aanvragende organisaties waar de wachtende uren de vrije uren van de tolken van die regio "
        "(en van tolken zonder regio) overtreffen, de grootste eerst.",
        "Shortfall = pending hours − free hours, where there are too few free hours; surplus = free hours "
        "− pending hours, where more hours are free than wait. Coverage = free hours ÷ pending hours, as a "
        "multiple: 2.3× is 2.3 times as many free as pending hours; above 10× it reads “more than 10×” "
        "(the export holds the exact value); empty when nothing is pending. Short in region: the regions "
        "of the requesting organisations where pending hours exceed the free hours of that region's "
        "interpreters (and of interpreters without a region), the largest first.",
    ),
}
