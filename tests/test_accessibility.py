"""dashboard.accessibility and callbacks.a11y: `<html lang>` in the interface language, one footer landmark, the
accessibility statement public in both languages, and the words of the shell's accessibility parts."""

from __future__ import annotations

import re

import pytest

from callbacks.a11y import DROPDOWNS, translate_a11y


@pytest.fixture(scope="module")
def app_config(fixture_sqlite):
    return {"url": fixture_sqlite, "aggregates": False}


@pytest.fixture
def anonymous(app):
    return app.server.test_client()


@pytest.mark.parametrize(("query", "lang"), [("", "nl"), ("?lang=en", "en"), ("?lang=nl", "nl"), ("?lang=xx", "nl")])
def test_a_page_names_its_interface_language_and_has_one_footer(client, query, lang):
    page = client.get("/no-shows" + query).get_data(as_text=True)
    assert re.search(r"<html[^>]*>", page).group(0) == f'<html lang="{lang}">'
    assert "<footer" not in page  # Dash's scripts no longer stand in a footer beside the shell's


def test_the_browsers_language_counts_when_the_link_names_none(client):
    page = client.get("/no-shows", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in page


@pytest.mark.parametrize(
    ("query", "lang", "title", "report"),
    [
        ("", "nl", "Toegankelijkheidsverklaring", "Een probleem melden"),
        ("?lang=en", "en", "Accessibility statement", "Report a problem"),
    ],
)
def test_the_statement_is_public_in_both_languages(anonymous, query, lang, title, report):
    answer = anonymous.get("/toegankelijkheid" + query, headers={"Accept-Language": "nl"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page and f'<h1 class="h3">{title}</h1>' in page
    assert report in page and "toegankelijkheid@stv.example" in page
    assert page.count("<main") == 1 and page.count("<footer") == 1 and 'class="skip-link"' in page


def test_the_shells_accessibility_words_follow_the_route():
    dutch, english = translate_a11y({"path": "/", "lang": "nl"}), translate_a11y({"path": "/", "lang": "en"})
    assert (dutch["skip"], english["skip"]) == ("Naar de inhoud", "Skip to content")
    assert (dutch["statement_href"], english["statement_href"]) == (
        "/toegankelijkheid?lang=nl",
        "/toegankelijkheid?lang=en",
    )
    assert len(dutch["labels"]) == len(DROPDOWNS)
    assert dutch["labels"][0]["select_all"] == "Alles kiezen" and english["labels"][0]["search"] == "Search"
    assert dutch["labels"][0]["selected_count"] == "{num_selected} gekozen"
    assert translate_a11y(None)["skip"] == "Naar de inhoud"
