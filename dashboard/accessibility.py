"""Accessibility on the server's side (issue 13): `<html lang>` of every Dash page in the interface language of the
URL, and the accessibility statement at `/toegankelijkheid`, which the EU directive 2016/2102 wants public: it
needs no session (dashboard.auth lets `PUBLIC_PATHS` through).

The browser's side (the chart tables, the toolbar's one tab stop, `lang` after a language switch) is
assets/stv-a11y.js.
"""

from __future__ import annotations

from dash import Dash
from flask import render_template_string, request

from dashboard.i18n import LANGS, t

STATEMENT_PATH = "/toegankelijkheid"
PUBLIC_PATHS = (STATEMENT_PATH,)


def init_app(app: Dash) -> None:
    """Bind both to `app` (after dashboard.security, whose index hook this one wraps)."""
    interpolate_index = app.interpolate_index

    def index_with_lang(**parts) -> str:
        html = interpolate_index(**parts)
        html = html.replace("<html>", f'<html lang="{request_lang()}">', 1)
        # Dash's page holds its scripts in a <footer>: a second footer landmark beside the shell's own
        return html.replace("<footer>", '<div class="dash-scripts">', 1).replace("</footer>", "</div>", 1)

    app.interpolate_index = index_with_lang
    app.server.add_url_rule(STATEMENT_PATH, "accessibility", statement, methods=["GET"])


def request_lang() -> str:
    """The interface language the request names (`lang=`), else the browser's preference, else Dutch."""
    named = request.args.getlist("lang")
    if named and named[-1] in LANGS:
        return named[-1]
    return request.accept_languages.best_match(LANGS, default="nl") or "nl"


FEATURES = ("a11y-feature-keyboard", "a11y-feature-tables", "a11y-feature-colours", "a11y-feature-phone")
LIMITS = ("a11y-limit-charts", "a11y-limit-dates", "a11y-limit-pdf")


def statement() -> str:
    """The accessibility statement in the request's language."""
    lang = request_lang()
    other = "en" if lang == "nl" else "nl"
    return render_template_string(
        STATEMENT_PAGE,
        lang=lang,
        other=other,
        t=lambda key: t(key, lang),
        other_label=t("switch-language", lang),
        features=FEATURES,
        limits=LIMITS,
    )


STATEMENT_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('a11y-title') }} · {{ t('app-title') }}</title>
<link rel="stylesheet" href="/assets/00-bootstrap-flatly.min.css">
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/assets/favicon.ico">
</head>
<body>
<a class="skip-link" href="#content">{{ t('skip-to-content') }}</a>
<header class="navbar navbar-dark bg-primary mb-3">
  <div class="container">
    <a class="navbar-brand" href="/?lang={{ lang }}">{{ t('app-title') }}</a>
    <a class="nav-link text-white" href="?lang={{ other }}" lang="{{ other }}">{{ other_label }}</a>
  </div>
</header>
<main id="content" class="container statement" tabindex="-1" style="max-width: 48rem">
  <h1 class="h3">{{ t('a11y-title') }}</h1>
  <p>{{ t('a11y-lead') }}</p>
  <h2 class="h5">{{ t('a11y-status-title') }}</h2>
  <p>{{ t('a11y-status') }}</p>
  <h2 class="h5">{{ t('a11y-features-title') }}</h2>
  <ul>{% for key in features %}<li>{{ t(key) }}</li>{% endfor %}</ul>
  <h2 class="h5">{{ t('a11y-limits-title') }}</h2>
  <ul>{% for key in limits %}<li>{{ t(key) }}</li>{% endfor %}</ul>
  <h2 class="h5">{{ t('a11y-report-title') }}</h2>
  <p>{{ t('a11y-report') }}</p>
  <p class="text-muted small">{{ t('a11y-date') }}</p>
  <p><a href="/?lang={{ lang }}">{{ t('a11y-back') }}</a></p>
</main>
<footer class="container text-muted small my-4">{{ t('footer-source') }}</footer>
</body>
</html>
"""
