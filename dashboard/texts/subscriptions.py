"""Texts of `/subscriptions`, of the subscription e-mails and of the unsubscribe page."""

from __future__ import annotations

MESSAGES = {
    "admin-action-subscription": ("Abonnement gewijzigd", "Subscription changed"),
    "admin-action-mail": ("E-mail verstuurd", "E-mail sent"),
    # the page
    "nav-subscriptions": ("Abonnementen", "Subscriptions"),
    "subscriptions-title": ("Abonnementen", "Subscriptions"),
    "subscriptions-lead": (
        "Laat het rapport voor de raad van bestuur en tekortmeldingen naar uw mailbox sturen.",
        "Have the board report and shortage alerts sent to your mailbox.",
    ),
    "subscriptions-yours": ("Uw abonnementen", "Your subscriptions"),
    "subscriptions-none": (
        "U hebt nog geen abonnementen. Voeg er hieronder een toe.",
        "You have no subscriptions yet. Add one below.",
    ),
    "subscriptions-none-allowed": (
        "Uw account heeft geen rol met cijfers: er is niets om op te abonneren.",
        "Your account has no role with figures: there is nothing to subscribe to.",
    ),
    "subscriptions-col-what": ("Wat", "What"),
    "subscriptions-col-when": ("Wanneer", "When"),
    "subscriptions-col-last": ("Laatste verzending", "Last sent"),
    "subscriptions-col-remove": ("Stopzetten", "Stop"),
    "subscriptions-remove": ("Stopzetten", "Stop"),
    "subscriptions-kind-report": ("Rapport voor de raad van bestuur (PDF)", "Board report (PDF)"),
    "subscriptions-kind-alert": ("Tekortmelding", "Shortage alert"),
    "subscriptions-when-report": (
        "Op de eerste werkdag na afloop van de periode",
        "On the first working day after the period closes",
    ),
    "subscriptions-when-alert": ("Elke dag om {at} als er iets te melden is", "Every day at {at} when there is news"),
    "subscriptions-every-month": ("elke maand", "every month"),
    "subscriptions-every-quarter": ("elk kwartaal", "every quarter"),
    "subscriptions-alert-describe": (
        "tekort van meer dan {hours} uur in de komende 7 dagen, dagelijks om {at}",
        "more than {hours} hours short in the next 7 days, daily at {at}",
    ),
    "subscriptions-status-never": ("Nog niets verstuurd", "Nothing sent yet"),
    "subscriptions-status-sent": ("Verstuurd op {at} ({period})", "Sent on {at} ({period})"),
    "subscriptions-status-sending": ("Wordt verstuurd ({period})", "Being sent ({period})"),
    "subscriptions-status-failed": (
        "Mislukt op {at} ({period}, poging {attempts}): {error}. Nieuwe poging vanaf {retry}.",
        "Failed on {at} ({period}, attempt {attempts}): {error}. Tried again from {retry}.",
    ),
    "subscriptions-status-interrupted": (
        "Onderbroken op {at} ({period}): niet opnieuw verstuurd, om geen dubbele e-mail te sturen.",
        "Interrupted on {at} ({period}): not sent again, so as not to send it twice.",
    ),
    "subscriptions-mail-failure": (
        "De mailserver kon op {at} niet gebruikt worden: {error}. Wat klaarstaat, wordt bij de volgende ronde "
        "verstuurd.",
        "The mail server could not be used on {at}: {error}. What is due goes out at the next round.",
    ),
    "subscriptions-no-smtp": (
        "Er is geen mailserver ingesteld (STV_SMTP_URL): abonnementen worden pas verstuurd als die er is.",
        "No mail server is set (STV_SMTP_URL): subscriptions are sent once there is one.",
    ),
    "subscriptions-add": ("Abonnement toevoegen", "Add a subscription"),
    "subscriptions-field-address": ("E-mailadres", "E-mail address"),
    "subscriptions-field-lang": ("Taal van de e-mails", "Language of the e-mails"),
    "subscriptions-field-kind": ("Soort", "Kind"),
    "subscriptions-field-every": ("Periode", "Period"),
    "subscriptions-field-hours": ("Tekort groter dan (uren, komende 7 dagen)", "Shortfall above (hours, next 7 days)"),
    "subscriptions-field-at": ("Uur (Brusselse tijd, UU:MM)", "Hour (Brussels time, HH:MM)"),
    "subscriptions-field-languages": ("Alleen deze talen (leeg: alle)", "Only these languages (empty: all)"),
    "subscriptions-field-regions": ("Alleen deze regio's (leeg: alle)", "Only these regions (empty: all)"),
    "subscriptions-submit": ("Abonneren", "Subscribe"),
    "subscriptions-added": ("Abonnement toegevoegd: {what}.", "Subscription added: {what}."),
    "subscriptions-removed": ("Abonnement stopgezet.", "Subscription stopped."),
    "subscriptions-lang-nl": ("Nederlands", "Dutch"),
    "subscriptions-lang-en": ("Engels", "English"),
    "subscriptions-alert-help": (
        "Een taal die tekort blijft, wordt pas opnieuw gemeld als het tekort groter wordt, of na een week. Zonder "
        "tekort boven de drempel komt er geen e-mail.",
        "A language that stays short is reported again only when the shortfall grows, or after a week. Without a "
        "shortfall above the threshold no e-mail is sent.",
    ),
    # what cannot be subscribed
    "subscriptions-error-role": (
        "Dit account heeft geen rol met cijfers en kan zich nergens op abonneren.",
        "This account has no role with figures and cannot subscribe to anything.",
    ),
    "subscriptions-error-organisation": (
        "Een organisatie-account kan zich alleen op het rapport van de eigen organisatie abonneren.",
        "An organisation account can subscribe to its own organisation's report only.",
    ),
    "subscriptions-error-address": ("'{value}' is geen e-mailadres", "'{value}' is not an e-mail address"),
    "subscriptions-error-lang": ("'{value}' is geen taal (nl of en)", "'{value}' is not a language (nl or en)"),
    "subscriptions-error-every": (
        "de periode is month of quarter, niet '{value}'",
        "every is month or quarter, not '{value}'",
    ),
    "subscriptions-error-hours": (
        "het aantal uren is een getal van 0 tot 10000, niet '{value}'",
        "hours is a number from 0 to 10000, not '{value}'",
    ),
    "subscriptions-error-at": (
        "het uur is UU:MM (bv. 08:00), niet '{value}'",
        "the hour is HH:MM (e.g. 08:00), not '{value}'",
    ),
    "subscriptions-error-code": ("onbekende code(s): {value}", "unknown code(s): {value}"),
    "subscriptions-error-scope": (
        "buiten de regio's van dit account: {value}",
        "outside this account's regions: {value}",
    ),
    # the e-mails
    "subscriptions-mail-hello": ("Beste {name},", "Dear {name},"),
    "subscriptions-mail-open": ("Openen in het dashboard", "Open in the dashboard"),
    "subscriptions-mail-report-subject": (
        "STV-rapport voor de raad van bestuur: {period}",
        "STV board report: {period}",
    ),
    "subscriptions-mail-report-lead": (
        "In de bijlage vindt u het rapport voor de raad van bestuur over {period} ({span}) als PDF.",
        "Attached is the board report for {period} ({span}) as a PDF.",
    ),
    "subscriptions-mail-report-online": ("Hetzelfde rapport in het dashboard:", "The same report in the dashboard:"),
    "subscriptions-mail-alert-subject": (
        "Tolkentekort de komende 7 dagen: {languages}",
        "Interpreter shortfall in the next 7 days: {languages}",
    ),
    "subscriptions-mail-alert-lead": (
        "Voor deze talen zijn er de komende 7 dagen (vanaf {day}) meer dan {hours} uur te weinig vrije tolkuren "
        "voor de aanvragen die nog wachten:",
        "These languages lack more than {hours} free interpreter hours for the requests still waiting in the next "
        "7 days (from {day}):",
    ),
    "subscriptions-mail-alert-line": (
        "{language}: {gap} uur tekort ({pending} uur wacht, {free} uur vrij).",
        "{language}: {gap} hours short ({pending} hours waiting, {free} hours free).",
    ),
    "subscriptions-mail-alert-regions": ("Tekort in: {regions}.", "Short in: {regions}."),
    "subscriptions-mail-alert-all": (
        "Al deze talen samen in het dashboard:",
        "All of these languages in the dashboard:",
    ),
    "subscriptions-mail-why-report": (
        "U krijgt deze e-mail omdat u geabonneerd bent op het rapport ({what}).",
        "You receive this e-mail because you subscribed to the report ({what}).",
    ),
    "subscriptions-mail-why-alert": (
        "U krijgt deze e-mail omdat u geabonneerd bent op tekortmeldingen ({what}).",
        "You receive this e-mail because you subscribed to shortage alerts ({what}).",
    ),
    "subscriptions-mail-manage": ("Uw abonnementen beheren:", "Manage your subscriptions:"),
    "subscriptions-mail-unsubscribe": (
        "Dit abonnement stopzetten (zonder aan te melden):",
        "Stop this subscription (no sign-in needed):",
    ),
    # the unsubscribe page
    "subscriptions-unsubscribe-title": ("Abonnement stopzetten", "Stop a subscription"),
    "subscriptions-unsubscribe-confirm": (
        "Wilt u dit abonnement stopzetten: {what}?",
        "Do you want to stop this subscription: {what}?",
    ),
    "subscriptions-unsubscribe-button": ("Stopzetten", "Stop it"),
    "subscriptions-unsubscribe-done": (
        "Het abonnement is stopgezet: {what}.",
        "The subscription has been stopped: {what}.",
    ),
    "subscriptions-unsubscribe-invalid": (
        "Deze link is niet geldig, of het abonnement is al stopgezet. Er is niets gewijzigd.",
        "This link is not valid, or the subscription has already been stopped. Nothing was changed.",
    ),
}
