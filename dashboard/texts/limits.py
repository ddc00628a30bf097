"""Texts of the limits and error answers (dashboard.payloads, dashboard.security, dashboard.exports)."""

from __future__ import annotations

MESSAGES = {
    "problem-malformed-input": (
        "'{parameter}': de waarde had een onbruikbare vorm",
        "'{parameter}': the value had an unusable shape",
    ),
    "problem-too-many-values": (
        "'{parameter}': meer dan {value} waarden",
        "'{parameter}': more than {value} values",
    ),
    "query-timeout": (
        "Deze vraag aan de databank duurde te lang en is afgebroken. Kies een kortere periode of minder filters.",
        "This question to the database took too long and was stopped. Choose a shorter period or fewer filters.",
    ),
    "error-title": ("Er ging iets mis", "Something went wrong"),
    "error-back": ("Naar het overzicht", "To the overview"),
    "error-400": ("Dit verzoek kon niet gelezen worden.", "This request could not be read."),
    "error-404": ("Deze pagina of dit bestand bestaat niet.", "This page or file does not exist."),
    "error-405": ("Deze methode is hier niet toegestaan.", "This method is not allowed here."),
    "error-413": (
        "Het verzoek is te groot: ten hoogste {limit} bytes.",
        "The request is too large: at most {limit} bytes.",
    ),
    "error-414": (
        "De link is te lang: ten hoogste {limit} tekens na het vraagteken.",
        "The link is too long: at most {limit} characters after the question mark.",
    ),
    "error-429": (
        "U hebt al {limit} grote downloads lopen. Probeer het over {seconds} seconden opnieuw.",
        "You already have {limit} large downloads running. Please try again in {seconds} seconds.",
    ),
    "error-500": (
        "Er ging iets mis bij het beantwoorden. Het is gemeld; probeer het opnieuw.",
        "Something went wrong while answering. It has been logged; please try again.",
    ),
    "error-callback": (
        "Dit verzoek kon niet beantwoord worden.",
        "This request could not be answered.",
    ),
    "export-too-many-rows": (
        "Deze export telt {rows} rijen, meer dan de {limit} die een download mag tellen. Kies een kortere periode "
        "of meer filters.",
        "This export has {rows} rows, more than the {limit} a download may hold. Choose a shorter period or more "
        "filters.",
    ),
}
