"""Texts of the interpreter activity page (/interpreters), and the names and definitions of its figures
(`management-metric-*`, `management-def-*`, read through layouts._charts_management.name_key)."""

from __future__ import annotations

MESSAGES = {
    "nav-interpreters": ("Tolken", "Interpreters"),
    "view-interpreter-activity": (
        "Actieve en geregistreerde tolken per soort en taal",
        "Active and registered interpreters per kind and language",
    ),
    "view-interpreter-hours": ("Uren per tolk (tolknummer, geen namen)", "Hours per interpreter (id, no names)"),
    "view-interpreters-inactive": (
        "Zes maanden inactieve tolken (tolknummer)",
        "Interpreters inactive for six months (id)",
    ),
    "view-interpreter-kind-mix": ("Volbracht per taal en soort tolk", "Completed per language and interpreter kind"),
    "view-taalhulp-invitations": ("Taalhulp-uitnodigingen per pool", "Taalhulp invitations per pool"),
    "interpreters-title": ("Tolken", "Interpreters"),
    "interpreters-lead": (
        "Wie in register en pools staat, wie werkte en hoeveel, en hoe taalhulpen op uitnodigingen "
        "reageren. Tolken alleen met hun nummer.",
        "Who is in the register and pools, who worked and how much, and how language helpers "
        "respond to invitations. Interpreters by id only.",
    ),
    # activity
    "interpreters-activity-title": ("Actief tegenover geregistreerd", "Active against registered"),
    "interpreters-activity-lead": (
        "Links per soort tolk: actief tegenover wie tijdens de periode in het register stond (het percentage naast "
        "de balk is de activiteitsgraad); rechts per taal.",
        "Left per interpreter kind: active against those in the register during the period (the percentage beside "
        "the bar is the activity rate); right per language.",
    ),
    "interpreters-activity-def": (
        "Geregistreerd: in register of pool op de laatste dag van de periode. In register "
        "tijdens periode: op enig moment in de periode (alleen de filters soort tolk en taal "
        "gelden voor beide). Actief: minstens één volbrachte opdracht in de selectie (alle "
        "filters). Activiteitsgraad: de actieven die tijdens de periode in het register "
        "stonden ÷ wie tijdens de periode in het register stond, dus nooit boven 100 %; wie "
        "werkte maar toen niet in het register stond (een fout in de gegevens) telt niet mee. "
        "Per taal telt een tolk als geregistreerd in elke taal die hij spreekt en als actief "
        "in de talen van zijn volbrachte opdrachten.",
        "Registered: in the register or a pool on the period's last day. In the register "
        "during the period: at some time within it (only the kind and language filters apply "
        "to both). Active: at least one completed assignment in the slice (all filters). "
        "Activity rate: the active interpreters who were in the register during the period ÷ "
        "those in the register during the period, so never above 100 %; someone who worked "
        "while not in the register (a data inconsistency) does not count. Per language, an "
        "interpreter counts as registered in every language they speak and as active in the "
        "languages of their completed assignments.",
    ),
    "interpreters-activity-of": ("van {count} in register tijdens periode", "of {count} in the register in the period"),
    "interpreters-activity-empty": (
        "Geen geregistreerde of actieve tolken met deze filters.",
        "No registered or active interpreters with these filters.",
    ),
    # hours
    "interpreters-hours-title": ("Uren getolkt per tolk", "Hours interpreted per interpreter"),
    "interpreters-hours-lead": (
        "Hoeveel tolken hoeveel uren werkten in de selectie, per soort tolk gestapeld: een "
        "verdeling, geen rangschikking.",
        "How many interpreters worked how many hours in the slice, stacked by kind: a distribution, not a ranking.",
    ),
    "interpreters-hours-def": (
        "Uren = som over de volbrachte opdrachten van de werkelijke duur, of de geboekte duur "
        "waar geen werkelijke duur geregistreerd is. Opdrachten zonder enige duur (meestal "
        "vertalingen) tellen niet mee; tolken zonder enige duur staan niet in de verdeling. "
        "Percentielen interpoleren lineair tussen de twee dichtste waarden.",
        "Hours = the sum over completed assignments of the actual length, or the booked "
        "length where no actual length was recorded. Assignments without any length (mostly "
        "translations) add nothing; interpreters without any length are left out of the "
        "distribution. Percentiles interpolate linearly between the two nearest values.",
    ),
    "interpreters-hours-empty": (
        "Geen volbrachte opdrachten met een duur in deze selectie.",
        "No completed assignments with a length in this slice.",
    ),
    "interpreters-axis-hours": (
        "Uren getolkt in de periode (per tolk)",
        "Hours interpreted in the period (per interpreter)",
    ),
    "interpreters-hours-interpreters": ("Tolken met uren", "Interpreters with hours"),
    "interpreters-hours-total_hours": ("Uren samen", "Hours in total"),
    "interpreters-hours-mean_hours": ("Gemiddelde per tolk", "Mean per interpreter"),
    "interpreters-hours-p10_hours": ("10e percentiel", "10th percentile"),
    "interpreters-hours-p25_hours": ("25e percentiel", "25th percentile"),
    "interpreters-hours-median_hours": ("Mediaan", "Median"),
    "interpreters-hours-p75_hours": ("75e percentiel", "75th percentile"),
    "interpreters-hours-p90_hours": ("90e percentiel", "90th percentile"),
    "interpreters-hours-max_hours": ("Hoogste", "Highest"),
    # inactive
    "interpreters-inactive-title": (
        "Geregistreerd maar zes maanden inactief",
        "Registered but inactive for six months",
    ),
    "interpreters-inactive-lead": (
        "Tolken die in register of pool staan maar al zes maanden geen opdracht "
        "volbrachten: per soort, per taal en per tolknummer.",
        "Interpreters in the register or a pool without a completed assignment for six "
        "months: per kind, per language and by interpreter id.",
    ),
    "interpreters-inactive-window": (
        "Geen volbrachte opdracht aangevraagd van {since} tot en met {reference}.",
        "No completed assignment requested from {since} to {reference}.",
    ),
    "interpreters-inactive-def": (
        "Geregistreerd op de referentiedag (de laatste dag van de periode, of vandaag als "
        "de periode verder loopt), al geregistreerd op de eerste dag van de zes maanden, "
        "en zonder volbrachte opdracht (in welke taal, regio of soort dienst ook) "
        "aangevraagd in die zes maanden. Alleen de filters soort tolk en taal gelden. Een "
        "tolk met twee talen telt in beide talen.",
        "Registered on the reference day (the period's last day, or today when the period "
        "runs on), already registered on the first day of the six months, and without a "
        "completed assignment (in any language, region or modality) requested in those six "
        "months. Only the kind and language filters apply. An interpreter with two "
        "languages counts in both.",
    ),
    "interpreters-inactive-empty": (
        "Geen tolken die zes maanden inactief zijn met deze filters.",
        "No interpreters inactive for six months with these filters.",
    ),
    "interpreters-inactive-list": ("Per tolk (nummer, geen naam)", "Per interpreter (id, no name)"),
    "interpreters-id": ("Tolknummer", "Interpreter id"),
    "interpreters-languages": ("Talen", "Languages"),
    "interpreters-registered-on": ("Geregistreerd sinds", "Registered since"),
    "interpreters-last-completed": ("Laatste volbrachte opdracht", "Last completed assignment"),
    "interpreters-never": ("nooit", "never"),
    # kind mix
    "interpreters-kind-mix-title": (
        "Welke soort tolk elke taal bediende",
        "Which kind of interpreter served each language",
    ),
    "interpreters-kind-mix-lead": (
        "De {limit} talen met de meeste volbrachte opdrachten in de selectie.",
        "The {limit} languages with most completed assignments in the slice.",
    ),
    "interpreters-kind-mix-def": (
        "Aandeel van de volbrachte opdrachten van een taal dat elke soort tolk uitvoerde "
        "(de soort van de tolk die de opdracht deed). De export bevat alle talen.",
        "Share of a language's completed assignments each kind of interpreter carried out "
        "(the kind of the interpreter who did it). The export holds every language.",
    ),
    "interpreters-completed-empty": (
        "Geen volbrachte opdrachten in deze selectie.",
        "No completed assignments in this slice.",
    ),
    # taalhulp
    "interpreters-taalhulp-title": ("Taalhulp: uitnodigingen aan vrijwilligers", "Taalhulp: invitations to volunteers"),
    "interpreters-taalhulp-lead": (
        "Taalhulpvragen gaan als uitnodiging naar de vrijwilligers van de lokale pool, "
        "een na een, tot er één aanvaardt.",
        "Taalhulp requests go as invitations to the volunteers of the local pool, one after "
        "the other, until one accepts.",
    ),
    "interpreters-taalhulp-def": (
        "Uitnodigingen verstuurd op de dagen van de periode (Brusselse tijd) voor aanvragen "
        "in de selectie; de filter soort tolk kiest de soort van de uitgenodigde. Geen "
        "antwoord: (nog) geen antwoord geregistreerd, ook recente uitnodigingen die nog "
        "beantwoord kunnen worden. Pool: de gemeente van de uitgenodigde taalhulp.",
        "Invitations sent on the period's days (Brussels time) for requests in the slice; "
        "the kind filter selects the kind of the invited helper. No response: no response "
        "recorded (yet), including recent invitations that may still be answered. Pool: the "
        "local government of the invited helper.",
    ),
    "interpreters-taalhulp-empty": (
        "Geen uitnodigingen in deze periode met deze filters.",
        "No invitations in this period with these filters.",
    ),
    "interpreters-taalhulp-counts": (
        "{accepted} aanvaard, {refused} geweigerd, {no_response} zonder antwoord",
        "{accepted} accepted, {refused} refused, {no_response} without response",
    ),
    "interpreters-taalhulp-pools": ("Per pool (gemeente)", "Per pool (local government)"),
    "interpreters-pool": ("Pool (gemeente)", "Pool (local government)"),
    "interpreters-no-pool": ("Zonder pool", "Without a pool"),
    "interpreters-flow-accepted": ("Aanvaard", "Accepted"),
    "interpreters-flow-refused": ("Geweigerd", "Refused"),
    "interpreters-flow-no_response": ("Geen antwoord", "No response"),
    "interpreters-axis-invitations": ("Uitnodigingen (aantal)", "Invitations (count)"),
    # figures of this page (names and definitions)
    "management-metric-inactive_interpreters": ("Zes maanden inactief", "Inactive for six months"),
    "management-def-inactive_interpreters": (
        "Geregistreerde tolken zonder volbrachte opdracht in de zes maanden tot de referentiedag.",
        "Registered interpreters without a completed assignment in the six months up to the reference day.",
    ),
    "management-metric-hours_per_interpreter": ("Uren per tolk (mediaan)", "Hours per interpreter (median)"),
    "management-def-hours_per_interpreter": (
        "Mediaan over de actieve tolken van de uren die elk tolkte (werkelijke duur, anders de geboekte).",
        "Median over the active interpreters of the hours each interpreted (actual length, else the booked one).",
    ),
    "management-metric-invitations": ("Uitnodigingen", "Invitations"),
    "management-def-invitations": (
        "Uitnodigingen aan taalhulpen verstuurd in de periode.",
        "Invitations sent to language helpers in the period.",
    ),
    "management-metric-acceptance_rate": ("Aanvaardingsgraad", "Acceptance rate"),
    "management-def-acceptance_rate": (
        "Aanvaard ÷ beantwoorde uitnodigingen (aanvaard + geweigerd).",
        "Accepted ÷ answered invitations (accepted + refused).",
    ),
    "management-metric-response_rate": ("Antwoordgraad", "Response rate"),
    "management-def-response_rate": ("Beantwoorde ÷ verstuurde uitnodigingen.", "Answered ÷ sent invitations."),
    "management-metric-median_response_hours": ("Antwoordtijd (mediaan, uren)", "Response time (median, hours)"),
    "management-def-median_response_hours": (
        "Mediaan van de tijd tussen versturen en antwoord, in uren, over de beantwoorde uitnodigingen.",
        "Median time from sending to response, in hours, over the answered invitations.",
    ),
}
