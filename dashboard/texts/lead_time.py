"""Texts of the booking lead-time page (/lead-time)."""

from __future__ import annotations

MESSAGES = {
    "nav-lead-time": ("Boekingstermijn", "Lead time"),
    "view-lead-time": ("Per soort dienst en boekingstermijn", "Per modality and lead-time band"),
    "lead-time-title": ("Boekingstermijn", "Booking lead time"),
    "lead-time-lead": (
        "Hoe lang vóór de afspraak worden aanvragen gedaan, en hoeveel minder vaak vindt een late aanvraag een "
        "tolk? De aanbieders vragen tolken op afstand minstens 24 uur vooraf te boeken, video liefst 72 uur.",
        "How long before the appointment are requests made, and how much less often does a late request find an "
        "interpreter? The providers ask for remote interpreting to be booked at least 24 hours ahead, video "
        "preferably 72 hours.",
    ),
    "lead-time-band-lt24h": ("< 24 uur", "< 24 hours"),
    "lead-time-band-24-72h": ("24–72 uur", "24–72 hours"),
    "lead-time-band-3-7d": ("3–7 dagen", "3–7 days"),
    "lead-time-band-gt7d": ("7 dagen of meer", "7 days or more"),
    "lead-time-coverage": (
        "{with_lead_time} aanvragen met een boekingstermijn, waarvan {translations} vertalingen (termijn tot de "
        "deadline). Niet meegeteld: {no_start} zonder geplande start en {before_request} gepland vóór het moment "
        "van aanvragen (een registratiefout, ook op de pagina Datakwaliteit).",
        "{with_lead_time} requests with a lead time, of which {translations} translations (time to the due "
        "moment). Left out: {no_start} without a scheduled start and {before_request} scheduled before they were "
        "requested (a registration error, also on the Data quality page).",
    ),
    "lead-time-shares-title": (
        "Aandeel per boekingstermijn, per soort dienst, sector, regio en organisatie",
        "Share per lead-time band, by modality, sector, region and organisation",
    ),
    "lead-time-shares-def": (
        "Elke balk is 100 % van de aanvragen met een boekingstermijn. De grafiek toont de {limit} waarden met de "
        "meeste aanvragen, de tabel alle (klik op een kolomkop om te sorteren). Per sector, regio en organisatie "
        "tellen alleen tolkopdrachten (ter plaatse, telefoon, video); vertalingen, met hun termijn tot de "
        "deadline, staan apart in de indeling per soort dienst. Sector en regio zijn die van de aanvragende "
        "organisatie.",
        "Each bar is 100 % of the requests with a lead time. The chart shows the {limit} values with most "
        "requests, the table all of them (click a column header to sort). By sector, region and organisation "
        "only interpreting counts (on site, phone, video); translations, timed to their due moment, are shown "
        "apart in the breakdown by modality. Sector and region are those of the requesting organisation.",
    ),
    "lead-time-organisation": ("Organisatie", "Organisation"),
    "lead-time-cost-title": (
        "Wat laat boeken kost: beantwoord en tekort per boekingstermijn",
        "What booking late costs: answered and shortage per lead-time band",
    ),
    "lead-time-cost-def": (
        "Per soort dienst (rij) en boekingstermijn (kolom). Beantwoordingsgraad = beantwoord ÷ (aanvragen − in "
        "behandeling); tekortgraad = tolk of taal niet beschikbaar ÷ aanvragen. Een vak zonder aanvragen blijft "
        "leeg. Vertaling: termijn tot de deadline.",
        "Per modality (row) and lead-time band (column). Answer rate = answered ÷ (requests − in progress); "
        "shortage rate = interpreter or language not available ÷ requests. A cell without requests stays empty. "
        "Translation: time to the due moment.",
    ),
    "lead-time-cost-cell": ("{rate} van {requests} aanvragen", "{rate} of {requests} requests"),
    "lead-time-organisations-title": (
        "Organisaties die het vaakst te laat boeken",
        "Organisations that most often book too late",
    ),
    "lead-time-organisations-lead": (
        "Te laat = minder dan 24 uur vóór de afspraak aangevraagd, voor tolken ter plaatse en videotolken "
        "(telefoontolken gebeurt meestal meteen, zonder reservatie). Alleen organisaties met minstens {minimum} "
        "zulke aanvragen met een boekingstermijn in de selectie: bij minder zegt een aandeel weinig. Grootste "
        "aandeel te laat eerst; de laatste twee kolommen tonen wat het hen kost. Klik op een naam voor de "
        "organisatie.",
        "Too late = requested less than 24 hours before the appointment, for on-site and video interpreting "
        "(phone interpreting is mostly called at once, without a reservation). Only organisations with at least "
        "{minimum} such requests with a lead time in the slice: with fewer, a share says little. Largest share "
        "too late first; the last two columns show what it costs them. Click a name for the organisation.",
    ),
    "lead-time-organisations-empty": (
        "Geen organisatie heeft minstens {minimum} aanvragen ter plaatse of via video met een boekingstermijn in "
        "deze selectie.",
        "No organisation has at least {minimum} on-site or video requests with a lead time in this slice.",
    ),
    "lead-time-trend-title": ("Aandeel te laat geboekt per maand", "Share booked too late per month"),
    "lead-time-trend-def": (
        "Per maand van de aanvraagdag (Brusselse tijd), voor tolken ter plaatse en videotolken: aanvragen minder "
        "dan 24 uur vooraf ÷ aanvragen met een boekingstermijn. Een maand zonder aanvragen heeft geen punt.",
        "Per month of the request day (Brussels time), for on-site and video interpreting: requests made less "
        "than 24 hours ahead ÷ requests with a lead time. A month without requests has no point.",
    ),
    "lead-time-trend-empty": (
        "De 24-urenregel geldt voor tolken ter plaatse en videotolken: kies een van die soorten dienst om de "
        "trend te zien.",
        "The 24-hour rule applies to on-site and video interpreting: choose one of those modalities to see the trend.",
    ),
    "lead-time-empty": (
        "Geen aanvragen met een boekingstermijn in deze periode met deze filters.",
        "No requests with a lead time in this period with these filters.",
    ),
    "lead-time-axis-share": ("Aandeel van de aanvragen met een termijn", "Share of requests with a lead time"),
    "lead-time-axis-band": ("Boekingstermijn", "Lead time"),
    "lead-time-axis-late": ("Aandeel minder dan 24 uur vooraf", "Share made less than 24 hours ahead"),
    "lead-time-requests": ("Aanvragen met termijn", "Requests with a lead time"),
    "lead-time-late": ("Te laat (< 24 uur)", "Too late (< 24 hours)"),
    "lead-time-late_rate": ("Aandeel te laat", "Share too late"),
    "lead-time-late_answer_rate": ("Beantwoord, te laat geboekt", "Answered, booked too late"),
    "lead-time-on_time_answer_rate": ("Beantwoord, op tijd geboekt", "Answered, booked in time"),
    "lead-time-definitions": ("Wat de cijfers betekenen", "What the figures mean"),
    "lead-time-term-lead": ("Boekingstermijn", "Lead time"),
    "lead-time-def-lead": (
        "Geplande start − moment van aanvragen, in echte uren: een aanvraag over een wissel van zomer- naar "
        "wintertijd telt de uren zoals ze verliepen. Voor een vertaling is de geplande start de deadline. "
        "Banden: minder dan 24 uur, 24 tot 72 uur, 72 uur tot 7 dagen, 7 dagen (168 uur) of meer.",
        "Scheduled start − the moment of requesting, in real hours: a request across a change of summer and "
        "winter time counts the hours as they passed. For a translation the scheduled start is the due moment. "
        "Bands: under 24 hours, 24 to 72 hours, 72 hours to 7 days, 7 days (168 hours) or more.",
    ),
    "lead-time-term-late": ("Te laat geboekt", "Booked too late"),
    "lead-time-def-late": (
        "Minder dan 24 uur vooraf aangevraagd, voor tolken ter plaatse en videotolken.",
        "Requested less than 24 hours ahead, for on-site and video interpreting.",
    ),
    "lead-time-term-left-out": ("Niet meegeteld", "Left out"),
    "lead-time-def-left-out": (
        "Aanvragen zonder geplande start hebben geen termijn. Aanvragen gepland vóór het moment van aanvragen "
        "zijn een registratiefout: ze worden apart geteld en staan op de pagina Datakwaliteit.",
        "Requests without a scheduled start have no lead time. Requests scheduled before they were requested are "
        "a registration error: they are counted apart and listed on the Data quality page.",
    ),
    "lead-time-def-late_answer_rate": (
        "Beantwoordingsgraad van de aanvragen die minder dan 24 uur vooraf zijn gedaan.",
        "The answer rate of the requests made less than 24 hours ahead.",
    ),
    "lead-time-def-on_time_answer_rate": (
        "Beantwoordingsgraad van de aanvragen die minstens 24 uur vooraf zijn gedaan.",
        "The answer rate of the requests made at least 24 hours ahead.",
    ),
}
