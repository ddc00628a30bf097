"""Texts of sign-in and sign-out (dashboard.auth)."""

from __future__ import annotations

MESSAGES = {
    "login-title": ("Aanmelden", "Sign in"),
    "login-lead": (
        "Meld u aan met uw account van het STV-dashboard.",
        "Sign in with your STV dashboard account.",
    ),
    "login-username": ("Gebruikersnaam", "User name"),
    "login-password": ("Wachtwoord", "Password"),
    "login-submit": ("Aanmelden", "Sign in"),
    "login-oidc": ("Aanmelden bij uw organisatie", "Sign in at your organisation"),
    "login-failed": (
        "De gebruikersnaam of het wachtwoord klopt niet.",
        "The user name or the password is not right.",
    ),
    "login-throttled": (
        "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw.",
        "Too many failed attempts. Please try again in {minutes} minutes.",
    ),
    "login-expired": (
        "Uw sessie is verlopen. Meld u opnieuw aan.",
        "Your session has expired. Please sign in again.",
    ),
    "login-signed-out": ("U bent afgemeld.", "You are signed out."),
    "login-form-expired": (
        "Het formulier was verlopen. Probeer het opnieuw.",
        "The form had expired. Please try again.",
    ),
    "login-no-role": (
        "Uw account heeft geen rol in het dashboard. Vraag de beheerder om toegang.",
        "Your account has no role in the dashboard. Ask the administrator for access.",
    ),
    "login-provider-failed": (
        "Aanmelden bij de identiteitsprovider is niet gelukt. Probeer het opnieuw.",
        "Signing in at the identity provider did not succeed. Please try again.",
    ),
    "login-no-region": (
        "Uw account heeft de rol regio, maar nog geen regio's. Vraag de beheerder uw regio's in te stellen.",
        "Your account has the region role but no regions yet. Ask the administrator to set your regions.",
    ),
    "login-no-organisation": (
        "Uw account heeft de rol organisatie, maar nog geen organisatie. Vraag de beheerder die in te stellen.",
        "Your account has the organisation role but no organisation yet. Ask the administrator to set it.",
    ),
    "login-disabled": (
        "Uw account in het dashboard is uitgeschakeld. Vraag de beheerder om toegang.",
        "Your dashboard account is disabled. Ask the administrator for access.",
    ),
    "login-state-mismatch": (
        "Deze aanmelding is verlopen of niet in deze browser begonnen. Meld u opnieuw aan.",
        "This sign-in has expired or was not started in this browser. Please sign in again.",
    ),
    "login-provider-unreachable": (
        "De identiteitsprovider is nu niet bereikbaar. Probeer het over enkele minuten opnieuw.",
        "The identity provider cannot be reached right now. Please try again in a few minutes.",
    ),
    "login-again": ("Opnieuw aanmelden", "Sign in again"),
    "sign-out": ("Afmelden", "Sign out"),
    "signed-in-as": ("Aangemeld als {name}", "Signed in as {name}"),
    "signed-in-hint": ("Aangemeld als", "Signed in as"),
    "unauthorised": ("Meld u eerst aan.", "Please sign in first."),
    "forbidden": ("Uw account heeft hier geen toegang toe.", "Your account has no access to this."),
}
