"""The translation helper and the reader's number and date formats (dashboard/i18n.py)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from dashboard.i18n import (
    MESSAGES,
    format_change,
    format_count,
    format_date,
    format_decimal,
    format_rate,
    kind_meaning,
    t,
)
from layouts._breadcrumbs import LEVEL_PAGES


def test_reader_formats():
    assert (format_count(66218, "nl"), format_count(66218, "en")) == ("66.218", "66,218")
    assert (format_rate(0.795, "nl"), format_rate(0.795, "en")) == ("79,5 %", "79.5 %")
    assert format_rate(12.3456, "nl") == "1.234,6 %" and format_rate(None, "nl") == "–"
    assert (format_date(date(2026, 11, 3), "nl"), format_date(date(2026, 11, 3), "en")) == ("03-11-2026", "3 Nov 2026")


def test_every_message_in_both_languages():
    assert all(nl.strip() and en.strip() for nl, en in MESSAGES.values())
    assert t("preset-year", "en", year=2022) == "Year 2022"
    with pytest.raises(KeyError):
        t("no-such-key")


def test_format_change():
    assert format_change(0.8, 0.75, rate=True, lang="nl") == "▲ 5,0 pp"
    assert format_change(90, 100, rate=False, lang="en") == "▼ 10.0 %"
    assert format_change(5, 0, rate=False) == "–" and format_change(None, 0.5, rate=True) == "–"
    assert format_change(0.5, 0.5, rate=True) == "► 0,0 pp"


def _page_names() -> set[str]:
    """The NAME of every page module that shows the filter bar (not `TAKES_FILTERS = False`: /admin), and the
    drill-down's levels (one module serves three of them)."""
    from dashboard import create_app

    create_app()  # imports the page modules, as Pages requires an app first
    names = {
        module.NAME
        for name, module in sys.modules.items()
        if name.startswith("layouts.") and hasattr(module, "NAME") and getattr(module, "TAKES_FILTERS", True)
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


def test_an_exact_half_rounds_away_from_zero_as_the_browser_rounds():
    """Cards (here) and grids and chart tables (Intl.NumberFormat in assets/) round the same way: an exact half up,
    on the number's shortest decimal form, where Python's format rounds to even (81.25 -> 81.2) or by the binary
    value (1.005 -> 1.00)."""
    assert format_rate(0.8125, "en") == "81.3 %" and format_rate(0.8125, "nl") == "81,3 %"
    assert format_rate(0.8124, "nl") == "81,2 %" and format_rate(-0.0125, "en") == "-1.3 %"
    assert format_decimal(1.005, "en") == "1.01" and format_decimal(1234.5, "nl", 0) == "1.235"
    assert (
        format_count(2.5, "nl") == "3"
        and format_count(66218, "nl") == "66.218"
        and format_count(3.5e6, "en") == "3,500,000"
    )
