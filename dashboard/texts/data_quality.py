"""Texts of the data-quality page (`/data-quality`)."""

from __future__ import annotations

MESSAGES = {
    "nav-data-quality": ("Datakwaliteit", "Data quality"),
    "view-data-quality": ("Samenvatting van de controles", "Summary of the checks"),
    "data-quality-title": ("Datakwaliteit", "Data quality"),
    "data-quality-lead": (
        "Gaten en tegenstrijdigheden in de geregistreerde gegevens, met wat ze betekenen en waar ze zitten.",
        "Gaps and inconsistencies in the registered data, what they mean and where they are.",
    ),
    "data-quality-scope": (
        "Gecontroleerd: de aanvragen met een aanvraagdag van {start} tot en met {end}, met de "
        "gekozen filters (kies een langere periode voor oudere fouten). Leeftijden gemeten op "
        "{now}.",
        "Checked: the requests made from {start} to {end}, with the chosen filters "
        "(choose a longer period for older defects). Ages measured at {now}.",
    ),
    "data-quality-share-organisations": (
        "met {requests} aanvragen, {share} van de selectie",
        "with {requests} requests, {share} of the slice",
    ),
    "data-quality-share-requests": ("{share} van de aanvragen in de selectie", "{share} of the requests in the slice"),
    "data-quality-unit-organisations": ("organisaties", "organisations"),
    "data-quality-unit-requests": ("aanvragen", "requests"),
    "data-quality-list": ("Lijst:", "List:"),
    "data-quality-by-organisation": (
        "Per organisatie (klik voor haar cijfers)",
        "Per organisation (click for its figures)",
    ),
    "data-quality-none": ("Niets gevonden in deze selectie.", "Nothing found in this slice."),
    "data-quality-kind": ("Soort", "Kind"),
    "data-quality-col-organisation": ("Organisatie", "Organisation"),
    "data-quality-col-local-government": ("Lokaal bestuur", "Local government"),
    "data-quality-col-requests": ("Aanvragen", "Requests"),
    "data-quality-axis-days-closed": ("Dagen sinds de afsluiting", "Days since closing"),
    "data-quality-axis-days-appointment": ("Dagen sinds de geplande start", "Days since the scheduled start"),
    "data-quality-band-0-7": ("0–7", "0–7"),
    "data-quality-band-8-30": ("8–30", "8–30"),
    "data-quality-band-31-90": ("31–90", "31–90"),
    "data-quality-band-91-365": ("91–365", "91–365"),
    "data-quality-band-366+": ("meer dan 365", "over 365"),
    # the checks: name, short definition (card), full definition (section)
    "data-quality-check-no_sector": ("Organisaties zonder sector", "Organisations without a sector"),
    "data-quality-short-no_sector": (
        "Sector niet ingevuld; ze vallen weg uit elk sectorfilter.",
        "Sector not filled in; they drop out of every sector filter.",
    ),
    "data-quality-def-no_sector": (
        "Organisaties met minstens één aanvraag in de selectie waarvan de sector leeg is. Hun aanvragen tellen mee "
        "in alle totalen, maar in geen enkele sector. Het aantal aanvragen staat op de kaart.",
        "Organisations with at least one request in the slice whose sector is empty. Their requests count in every "
        "total, but in no sector. The number of requests is on the card.",
    ),
    "data-quality-check-unvalidated": ("Volbracht, niet gevalideerd", "Completed, not validated"),
    "data-quality-short-unvalidated": (
        "De achterstand van validaties, met hun leeftijd hieronder.",
        "The validation backlog, with its age below.",
    ),
    "data-quality-def-unvalidated": (
        "Aanvragen met uitkomst volbracht zonder validatiemoment. Leeftijd: dagen sinds de afsluiting (zonder "
        "afsluiting: sinds de geplande start, anders de aanvraag). Een paar dagen is gewoon: de aanvrager valideert "
        "na de opdracht; de oudere banden zijn de achterstand.",
        "Requests completed without a validation time. Age: days since closing (without a closing time: since the "
        "scheduled start, else the request). A few days is normal: the requester validates after the assignment; "
        "the older bands are the backlog.",
    ),
    "data-quality-check-unclosed": ("Uitkomst zonder afsluitmoment", "Outcome without a closing time"),
    "data-quality-short-unclosed": (
        "Een uitkomst staat geregistreerd, maar niet wanneer.",
        "An outcome is registered, but not when.",
    ),
    "data-quality-def-unclosed": (
        "Aanvragen met een definitieve uitkomst (beantwoord of niet beantwoord) zonder afsluitmoment, per uitkomst.",
        "Requests with a final outcome (answered or not answered) without a closing time, per outcome.",
    ),
    "data-quality-check-out_of_order": ("Tijdstippen in de verkeerde volgorde", "Timestamps out of order"),
    "data-quality-short-out_of_order": (
        "Toegewezen vóór de aanvraag, afgesloten vóór de toewijzing, …",
        "Matched before the request, closed before the match, …",
    ),
    "data-quality-def-out_of_order": (
        "Aanvragen waarvan een tijdstip vóór een eerder hoort te liggen. Een aanvraag telt één keer, bij de eerste "
        "regel die ze breekt.",
        "Requests with a timestamp before one that must come earlier. A request counts once, under the first rule "
        "it breaks.",
    ),
    "data-quality-rule-matched_before_requested": ("Toegewezen vóór de aanvraag", "Matched before the request"),
    "data-quality-rule-closed_before_requested": ("Afgesloten vóór de aanvraag", "Closed before the request"),
    "data-quality-rule-closed_before_matched": ("Afgesloten vóór de toewijzing", "Closed before the match"),
    "data-quality-rule-validated_before_closed": ("Gevalideerd vóór de afsluiting", "Validated before closing"),
    "data-quality-rule-scheduled_before_requested": ("Gepland vóór de aanvraag", "Scheduled before the request"),
    "data-quality-check-stale_matched": ("Toegewezen, nooit afgesloten", "Matched, never closed"),
    "data-quality-short-stale_matched": (
        "Geplande start meer dan {days} dagen geleden, nog altijd open.",
        "Scheduled start more than {days} days ago, still open.",
    ),
    "data-quality-def-stale_matched": (
        "Aanvragen met een toegewezen tolk en zonder uitkomst, waarvan de geplande start (zonder planning: de "
        "aanvraag) meer dan {days} dagen voor nu ligt. Ze tellen als 'in behandeling' en drukken de cijfers.",
        "Requests with an interpreter assigned and no outcome whose scheduled start (without one: the request) "
        "lies more than {days} days before now. They count as 'in progress' and distort the figures.",
    ),
}
