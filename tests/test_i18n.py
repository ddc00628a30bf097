"""dashboard.i18n: what the interpreter-kind filter means on each page."""

from __future__ import annotations

import sys

import pytest

from dashboard.i18n import MESSAGES, kind_meaning, t
from layouts._breadcrumbs import LEVEL_PAGES


def _page_names() -> set[str]:
    """The NAME of every page module, and the drill-down's levels (one module serves three of them)."""
    from dashboard import create_app

    create_app()  # imports the page modules, as Pages requires an app first
    names = {
        module.NAME for name, module in sys.modules.items() if name.startswith("layouts.") and hasattr(module, "NAME")
    }
    return names | set(LEVEL_PAGES.values())


def test_every_page_says_what_the_kind_filter_means(tmp_path, monkeypatch):
    monkeypatch.setenv("STV_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite'}")
    monkeypatch.setenv("STV_STATE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    pages = _page_names()
    assert {"overview", "no-shows", "shortages", "supply-demand", "interpreters", "organisation"} <= pages
    for page in pages:
        key = kind_meaning(page)
        assert key == f"kind-help-{page}" and key in MESSAGES
        assert t(key, "nl") and t(key, "en") and t(key, "nl") != t(key, "en")


def test_requests_or_interpreters_one_meaning_per_page():
    assert t(kind_meaning("overview"), "en").startswith("Only requests assigned to an interpreter")
    assert t(kind_meaning("no-shows"), "en") == t(kind_meaning("organisation"), "en")
    assert t(kind_meaning("shortages"), "en").startswith("Selects the interpreters")
    assert "Open requests count in full" in t(kind_meaning("supply-demand"), "en")


def test_a_page_without_a_meaning_is_an_error():
    with pytest.raises(KeyError):
        kind_meaning("nowhere")


def test_the_name_of_a_code_and_of_a_sector_not_filled_in():
    from dashboard.i18n import code_name

    assert code_name("modality", "onsite", "en") == "On-site interpreting"
    assert code_name("kind", "crisis", "nl") == "Crisistolk"
    assert code_name("sector", None, "en") == code_name("sector", "", "en") == "Not filled in"
    assert code_name("sector", "", "nl") == "Niet ingevuld"
    with pytest.raises(KeyError):
        code_name("modality", "carrier-pigeon", "en")
