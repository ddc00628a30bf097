"""Texts of /shortages: bottleneck languages and the demand forecast."""

MESSAGES = {
    "sh-forecast-unscoped": (
        "De prognose geldt voor alle organisaties samen en valt dus buiten de regio's van uw account.",
        "The forecast covers every organisation together, so it lies outside your account's regions.",
    ),
    "nav-shortages": ("Knelpunttalen", "Shortages"),
    "sh-title": ("Knelpunttalen", "Shortage languages"),
    "sh-lead": (
        "Talen waarvoor aanvragen onbeantwoord blijven omdat er geen tolk is, in de gekozen periode, en de "
        "verwachte vraag voor de komende zes maanden.",
        "Languages whose requests go unanswered for lack of an interpreter, in the chosen period, and the "
        "expected demand for the next six months.",
    ),
    "sh-ranking-title": ("Rangschikking", "Ranking"),
    "sh-ranking-how": ("Hoe de rangschikking werkt", "How the ranking works"),
    "sh-ranking-explained": (
        "Bovenaan staat de taal met de meeste aanvragen die zonder tolk bleven ('niet beschikbaar') in de gekozen "
        "periode: waar het tekort de meeste mensen treft. Bij een gelijk aantal gaat de taal met de hogere "
        "tekortgraad voor, dan de taalcode. Naast de tekortgraad (niet beschikbaar ÷ aanvragen) staat het "
        "95 %-interval: bij weinig aanvragen is de graad onzeker, dus 5 op 5 betekent 57 % tot 100 %. Talen zonder "
        "aanvragen worden niet gerangschikt.",
        "At the top is the language with the most requests left without an interpreter ('not available') in the "
        "chosen period: where the shortage affects the most people. Equal numbers: the language with the higher "
        "shortage rate first, then the language code. Beside the shortage rate (not available ÷ requests) stands "
        "its 95 % interval: over a few requests the rate is uncertain, so 5 out of 5 means 57 % to 100 %. "
        "Languages without requests are not ranked.",
    ),
    "sh-recruitment-title": (
        "Wervingslijst: talen die niet aangeboden worden",
        "Recruitment list: languages not on offer",
    ),
    "sh-recruitment-lead": (
        "Talen waarvoor bijna geen aanvraag een tolk vindt: minstens {rate} bleef zonder tolk (bij minstens {count} "
        "aanvragen), of er staat geen tolk van de gekozen soorten in het register terwijl aanvragen zonder tolk "
        "bleven. Hier helpt geen betere planning, alleen tolken werven. Ze staan ook in de rangschikking, "
        "gemarkeerd.",
        "Languages for which almost no request finds an interpreter: at least {rate} were left without one (over at "
        "least {count} requests), or no interpreter of the chosen kinds is in the register while requests went "
        "without one. Better planning does not help here, only recruiting interpreters. They are in the ranking "
        "too, marked.",
    ),
    "sh-recruitment-empty": (
        "Geen talen die niet aangeboden worden in deze periode en selectie.",
        "No languages that are not on offer in this period and selection.",
    ),
    "sh-mark-not-on-offer": ("Geen aanbod", "Not on offer"),
    "sh-where-title": ("Waar het tekort zit", "Where the shortage is"),
    "sh-where-lead": (
        "Tekortgraad van de hoogst gerangschikte talen per regio (van de aanvragende organisatie) en per "
        "soort dienst. Grijs: geen aanvragen.",
        "Shortage rate of the highest-ranked languages per region (of the requesting organisation) and "
        "per modality. Grey: no requests.",
    ),
    "sh-by-region": ("Per regio", "Per region"),
    "sh-by-modality": ("Per soort dienst", "Per modality"),
    "sh-trend-title": ("Tekortgraad per maand", "Shortage rate per month"),
    "sh-trend-lead": (
        "De vijf hoogst gerangschikte talen. Een maand zonder aanvragen heeft geen graad (geen punt).",
        "The five highest-ranked languages. A month without requests has no rate (no point).",
    ),
    "sh-supply-title": ("Tolken: geregistreerd en actief", "Interpreters: registered and active"),
    "sh-supply-lead": (
        "De vijftien drukste talen: tolken in het register of een pool op de laatste dag van de periode, en zij die in "
        "de periode minstens één opdracht volbrachten. De tabel geeft ook de druk: aanvragen per "
        "actieve tolk.",
        "The fifteen busiest languages: interpreters in the register or a pool on the period's last day, and those who "
        "completed at least one assignment in the period. The table also gives the pressure: requests "
        "per active interpreter.",
    ),
    "sh-ukraine-title": ("Hoe Oekraïense vraag bediend werd", "How Ukrainian demand was served"),
    "sh-ukraine-lead": (
        "Volbrachte Oekraïense aanvragen per soort tolk, en of die tolk ook Russisch spreekt "
        "(Russisch werd vaak als alternatief aanvaard).",
        "Completed Ukrainian requests per interpreter kind, and whether that interpreter also speaks "
        "Russian (Russian was often accepted as an alternative).",
    ),
    "sh-ukraine-empty": (
        "Geen volbrachte Oekraïense aanvragen in deze selectie.",
        "No completed Ukrainian requests in this selection.",
    ),
    "sh-speaks-russian": ("Spreekt ook Russisch", "Also speaks Russian"),
    "sh-no-russian": ("Geen Russisch", "No Russian"),
    "sh-forecast-title": ("Verwachte vraag, komende zes maanden", "Expected demand, next six months"),
    "sh-forecast-lead": (
        "Voor de hele dienst (de filters gelden hier niet), per taal en voor de tien drukste talen ook per soort "
        "dienst. De methode per taal is die met de kleinste fout toen we de voorbije twaalf maanden 'voorspelden' "
        "(MASE: onder 1 is beter dan 'zelfde maand vorig jaar'). Capaciteit: aanvragen per maand die een tolk "
        "vonden of nog kunnen vinden (aanvragen − onbeantwoord), gemiddeld over de laatste zes volledige maanden. "
        "Verwacht tekort: verwachte vraag boven die capaciteit.",
        "For the whole service (the filters do not apply here), per language, and for the ten busiest languages "
        "also per modality. Each language's method is the one with the smallest error when we 'forecast' the past "
        "twelve months (MASE: below 1 beats 'same month last year'). Capacity: requests per month that found an "
        "interpreter or still may (requests − not answered), averaged over the last six complete months. "
        "Projected shortage: expected demand above that capacity.",
    ),
    "sh-forecast-language": ("Taal", "Language"),
    "sh-forecast-modality": ("Soort dienst", "Modality"),
    "sh-forecast-all-modalities": ("Alle samen", "All together"),
    "sh-forecast-computing": (
        "De verwachting wordt berekend (een à twee minuten); de pagina toont ze vanzelf.",
        "The forecast is being computed (a minute or two); the page shows it by itself.",
    ),
    "sh-forecast-failed": (
        "De verwachting kon niet berekend worden; ze wordt over enkele minuten opnieuw geprobeerd.",
        "The forecast could not be computed; it is tried again in a few minutes.",
    ),
    "sh-kind-note": (
        "De filter 'soort tolk' geldt hier voor de tolken (actief, geregistreerd), niet voor de aanvragen: "
        "een aanvraag zonder tolk heeft geen soort.",
        "The interpreter-kind filter applies to interpreters here (active, registered), not to requests: "
        "a request without an interpreter has no kind.",
    ),
    "sh-status-too-little-history": (
        "Te weinig geschiedenis voor een verwachting (minder dan 18 maanden).",
        "Too little history for a forecast (less than 18 months).",
    ),
    "sh-status-no-demand": (
        "Geen aanvragen in de geschiedenis: verwachting 0.",
        "No requests in the history: forecast 0.",
    ),
    "sh-method-seasonal-naive": ("Zelfde maand vorig jaar", "Same month last year"),
    "sh-method-ets": ("Exponentiële afvlakking", "Exponential smoothing"),
    "sh-method-croston-sba": ("Croston/SBA (onregelmatige vraag)", "Croston/SBA (intermittent demand)"),
    "sh-forecast-summary": (
        "Methode: {method}. Fout in de test (MASE): {mase} (zelfde maand vorig jaar: {naive}). "
        "Verwacht tekort over zes maanden: {gap} aanvragen.",
        "Method: {method}. Backtest error (MASE): {mase} (same month last year: {naive}). "
        "Projected shortage over six months: {gap} requests.",
    ),
    "sh-series-actual": ("Aanvragen", "Requests"),
    "sh-series-forecast": ("Verwachting", "Forecast"),
    "sh-series-interval": ("80 %-interval", "80 % interval"),
    "sh-series-capacity": ("Capaciteit", "Capacity"),
    "sh-forecast-table": ("Alle talen", "All languages"),
    "sh-col-rank": ("Rang", "Rank"),
    "sh-col-language": ("Taal", "Language"),
    "sh-col-requests": ("Aanvragen", "Requests"),
    "sh-col-not-available": ("Niet beschikbaar", "Not available"),
    "sh-col-shortage-rate": ("Tekortgraad", "Shortage rate"),
    "sh-col-rate-low": ("Ondergrens (95 %)", "Lower bound (95 %)"),
    "sh-col-rate-high": ("Bovengrens (95 %)", "Upper bound (95 %)"),
    "sh-col-on-offer": ("Aanbod", "On offer"),
    "sh-col-active": ("Actieve tolken", "Active interpreters"),
    "sh-col-registered": ("Geregistreerde tolken", "Registered interpreters"),
    "sh-col-activity": ("Activiteitsgraad", "Activity rate"),
    "sh-col-pressure": ("Aanvragen per actieve tolk", "Requests per active interpreter"),
    "sh-col-method": ("Methode", "Method"),
    "sh-col-mase": ("MASE", "MASE"),
    "sh-col-naive-mase": ("MASE vorig jaar", "MASE last year"),
    "sh-col-demand-6m": ("Verwacht, 6 maanden", "Expected, 6 months"),
    "sh-col-capacity-6m": ("Capaciteit, 6 maanden", "Capacity, 6 months"),
    "sh-col-gap-6m": ("Verwacht tekort", "Projected shortage"),
    "sh-col-status": ("Opmerking", "Note"),
    "sh-axis-shortage-rate": ("Tekortgraad (%)", "Shortage rate (%)"),
    "sh-axis-interpreters": ("Tolken (aantal)", "Interpreters (count)"),
    "sh-axis-completed": ("Volbrachte aanvragen (aantal)", "Completed requests (count)"),
    "sh-ranking-empty": (
        "Geen aanvragen in deze periode en selectie: niets te rangschikken.",
        "No requests in this period and selection: nothing to rank.",
    ),
    "view-shortages": ("Rangschikking knelpunttalen", "Shortage ranking"),
    "view-shortages-recruitment": (
        "Wervingslijst (talen niet aangeboden)",
        "Recruitment list (languages not on offer)",
    ),
    "view-shortages-by-region": ("Tekort per taal en regio", "Shortage per language and region"),
    "view-shortages-by-modality": ("Tekort per taal en soort dienst", "Shortage per language and modality"),
    "view-shortages-monthly": ("Tekort per taal en maand", "Shortage per language and month"),
    "view-shortage-forecast": ("Verwachting per taal", "Forecast per language"),
    "sh-term-rank": ("Rang", "Rank"),
    "sh-term-interval": ("95 %-interval", "95 % interval"),
    "sh-def-interval": (
        "Het Wilson-interval van de tekortgraad: de graden die met de aantallen verenigbaar zijn, met 95 % "
        "zekerheid. Smal bij veel aanvragen, breed bij weinig.",
        "The Wilson interval of the shortage rate: the rates consistent with the counts, with 95 % confidence. "
        "Narrow over many requests, wide over few.",
    ),
    "sh-term-pressure": ("Druk", "Pressure"),
    "sh-def-pressure": (
        "Aanvragen ÷ actieve tolken van die taal in de periode (leeg zonder actieve tolk).",
        "Requests ÷ active interpreters of that language in the period (empty without one).",
    ),
    "sh-term-forecast": ("Verwachting", "Forecast"),
}
