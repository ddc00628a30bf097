"""Texts of the administration page (`/admin`): accounts, the audit log and its retention."""

from __future__ import annotations

MESSAGES = {
    "admin-title": ("Beheer", "Administration"),
    "admin-lead": (
        "Accounts, het auditlogboek en hoe lang het bewaard blijft.",
        "Accounts, the audit log and how long it is kept.",
    ),
    # accounts
    "admin-accounts": ("Accounts", "Accounts"),
    "admin-accounts-help": (
        "Klik op een account om het te wijzigen, uit te schakelen of te verwijderen.",
        "Click an account to change, disable or remove it.",
    ),
    "admin-col-username": ("Naam", "Name"),
    "admin-col-roles": ("Rollen", "Roles"),
    "admin-col-regions": ("Regio's", "Regions"),
    "admin-col-organisation": ("Organisatie", "Organisation"),
    "admin-col-sign-in": ("Aanmelding", "Sign-in"),
    "admin-col-disabled": ("Uitgeschakeld", "Disabled"),
    "admin-col-created": ("Aangemaakt", "Created"),
    "admin-sign-in-local": ("lokaal wachtwoord", "local password"),
    "admin-sign-in-provider": ("identiteitsprovider", "identity provider"),
    "admin-yes": ("ja", "yes"),
    "admin-no": ("nee", "no"),
    "admin-no-accounts": ("Er zijn geen accounts.", "There are no accounts."),
    "admin-role-board": ("directie", "board"),
    "admin-role-planner": ("planner", "planner"),
    "admin-role-manager": ("manager", "manager"),
    "admin-role-region": ("regio", "region"),
    "admin-role-organisation": ("organisatie", "organisation"),
    "admin-role-admin": ("beheerder", "administrator"),
    # adding an account
    "admin-add": ("Account toevoegen", "Add an account"),
    "admin-field-username": ("Naam (zonder spaties)", "Name (no spaces)"),
    "admin-field-role": ("Rol", "Role"),
    "admin-field-roles": ("Rollen", "Roles"),
    "admin-field-regions": ("Regio's (voor de rol regio)", "Regions (for the region role)"),
    "admin-field-organisation": (
        "Organisatienummer (voor de rol organisatie)",
        "Organisation id (for the organisation role)",
    ),
    "admin-add-submit": ("Toevoegen", "Add"),
    "admin-added": (
        "Account {username} is toegevoegd. Het wachtwoord wordt maar één keer getoond; geef het veilig door:",
        "Account {username} was added. The password is shown this once only; pass it on safely:",
    ),
    "admin-added-provider": (
        "Account {username} is toegevoegd. Het meldt zich aan bij de identiteitsprovider, zonder wachtwoord hier.",
        "Account {username} was added. It signs in at the identity provider, without a password here.",
    ),
    # changing an account
    "admin-edit": ("Gekozen account", "Selected account"),
    "admin-edit-none": ("Kies eerst een account in de tabel.", "Choose an account in the table first."),
    "admin-edit-save": ("Rollen en regio's bewaren", "Save roles and regions"),
    "admin-disable": ("Uitschakelen", "Disable"),
    "admin-enable": ("Inschakelen", "Enable"),
    "admin-remove": ("Verwijderen", "Remove"),
    "admin-remove-confirm": (
        "Account {username} definitief verwijderen? Dit kan niet ongedaan worden gemaakt.",
        "Remove account {username} for good? This cannot be undone.",
    ),
    "admin-saved": (
        "De rollen en regio's van {username} zijn bewaard.",
        "The roles and regions of {username} were saved.",
    ),
    "admin-disabled": ("Account {username} is uitgeschakeld.", "Account {username} was disabled."),
    "admin-enabled": ("Account {username} is ingeschakeld.", "Account {username} was enabled."),
    "admin-removed": ("Account {username} is verwijderd.", "Account {username} was removed."),
    "admin-unchanged": ("Er was niets te wijzigen.", "There was nothing to change."),
    # errors
    "admin-error": ("Niet gelukt: {reason}", "Not done: {reason}"),
    "admin-error-name": (
        "een naam heeft 1 tot 200 tekens, zonder spaties",
        "a name is 1 to 200 characters without spaces",
    ),
    "admin-error-exists": (
        "er bestaat al een account met de naam {username}",
        "an account named {username} exists already",
    ),
    "admin-error-no-role": ("kies een rol", "choose a role"),
    "admin-error-region": (
        "een regio-account heeft minstens één regio nodig",
        "a region account needs at least one region",
    ),
    "admin-error-regions-unknown": (
        "kies regio's uit de lijst van de databank",
        "choose regions from the database's list",
    ),
    "admin-error-organisation": (
        "een organisatie-account heeft een organisatienummer nodig",
        "an organisation account needs an organisation id",
    ),
    "admin-error-unknown": ("er is geen account met de naam {username}", "there is no account named {username}"),
    "admin-error-yourself": (
        "u kunt uw eigen account niet uitschakelen of verwijderen",
        "you cannot disable or remove your own account",
    ),
    "admin-error-own-admin": (
        "u kunt uzelf de rol beheerder niet afnemen",
        "you cannot take the administrator role from yourself",
    ),
    "admin-error-other": ("{message}", "{message}"),
    # the audit log
    "admin-audit": ("Auditlogboek", "Audit log"),
    "admin-audit-help": (
        "De recentste {limit} regels, nieuwste eerst; de CSV bevat alle regels die aan de filters voldoen.",
        "The latest {limit} rows, newest first; the CSV holds every row that matches the filters.",
    ),
    "admin-audit-since": ("Vanaf", "Since"),
    "admin-audit-username": ("Account", "Account"),
    "admin-audit-username-placeholder": ("elke naam", "any name"),
    "admin-audit-action": ("Handeling", "Action"),
    "admin-audit-action-all": ("alle handelingen", "every action"),
    "admin-audit-csv": ("Download als CSV", "Download as CSV"),
    "admin-audit-count": ("{count} regels getoond.", "{count} rows shown."),
    "admin-audit-bad-since": (
        "Die datum is niet geldig; er is op geen datum gefilterd.",
        "That date is not valid; no date filter was applied.",
    ),
    "admin-col-at": ("Tijdstip", "When"),
    "admin-col-username-audit": ("Account", "Account"),
    "admin-col-action": ("Handeling", "Action"),
    "admin-col-target": ("Wat", "What"),
    "admin-col-parameters": ("Parameters", "Parameters"),
    "admin-col-address": ("Adres", "Address"),
    "admin-no-audit": ("Geen regels voor deze filters.", "No rows for these filters."),
    "admin-action-sign-in": ("aanmelding", "sign-in"),
    "admin-action-sign-in-failed": ("mislukte aanmelding", "failed sign-in"),
    "admin-action-sign-out": ("afmelding", "sign-out"),
    "admin-action-page-view": ("paginabezoek", "page view"),
    "admin-action-refused": ("geweigerd", "refused"),
    "admin-action-export": ("export", "export"),
    "admin-action-report": ("rapport", "report"),
    "admin-action-token-use": ("API-sleutel gebruikt", "API token used"),
    "admin-action-account-change": ("accountwijziging", "account change"),
    "admin-action-setting-change": ("instelling gewijzigd", "setting changed"),
    # retention
    "admin-retention": ("Bewaartermijn", "Retention"),
    "admin-retention-help": (
        "Regels van het auditlogboek ouder dan dit aantal dagen worden gewist: meteen bij het bewaren, en daarna "
        "hoogstens één keer per dag wanneer een beheerder deze pagina opent.",
        "Audit log rows older than this number of days are deleted: at once when it is saved, and after that at "
        "most once a day when an administrator opens this page.",
    ),
    "admin-retention-days": ("Dagen", "Days"),
    "admin-retention-save": ("Bewaren", "Save"),
    "admin-retention-saved": (
        "Bewaartermijn: {days} dagen. {deleted} oudere regels gewist.",
        "Retention: {days} days. {deleted} older rows deleted.",
    ),
    "admin-retention-bad": (
        "Een bewaartermijn is een geheel aantal dagen van {low} tot {high}.",
        "A retention is a whole number of days from {low} to {high}.",
    ),
    "admin-retention-current": (
        "Nu: {days} dagen; laatst opgeschoond op {pruned}.",
        "Now: {days} days; last pruned on {pruned}.",
    ),
    "admin-retention-never": ("nog nooit", "never"),
}
