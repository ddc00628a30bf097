"""Texts of accessibility (issue 13): the skip link, the charts' text alternatives and tables, the components'
internals (dropdowns, grids), the phone's collapsed panels, and the accessibility statement (`/toegankelijkheid`)."""

from __future__ import annotations

MESSAGES = {
    "skip-to-content": ("Naar de inhoud", "Skip to content"),
    "nav-label": ("Hoofdmenu", "Main menu"),
    "nav-toggle": ("Menu", "Menu"),
    "filters-toggle": ("Filters tonen of verbergen", "Show or hide the filters"),
    "filters-summary-none": ("geen filters", "no filters"),
    "footer-accessibility": ("Toegankelijkheid", "Accessibility"),
    # the period bar's date inputs (dashboard.periods.read_typed_date)
    "date-placeholder": ("dd-mm-jjjj", "dd/mm/yyyy"),
    "problem-typed-date": (
        "'{value}' is geen datum: typ de dag als dd-mm-jjjj, bijvoorbeeld 31-12-2025",
        "'{value}' is not a date: type the day as dd/mm/yyyy, for example 31/12/2025",
    ),
    "figure": ("Cijfer", "Figure"),
    # charts
    "chart-show-table": ("Toon als tabel", "Show as table"),
    "chart-summary": (
        "Grafiek met {rows} punten, van {first} tot {last}; reeksen: {series}. De cijfers staan in de tabel "
        "onder de grafiek.",
        "Chart of {rows} points, from {first} to {last}; series: {series}. The numbers are in the table below "
        "the chart.",
    ),
    "chart-empty": (
        "Deze grafiek heeft geen gegevens voor deze selectie.",
        "This chart has no data for this selection.",
    ),
    # dropdowns (dcc.Dropdown `labels`)
    "dropdown-select-all": ("Alles kiezen", "Select all"),
    "dropdown-deselect-all": ("Niets kiezen", "Deselect all"),
    "dropdown-selected-count": ("{num_selected} gekozen", "{num_selected} selected"),
    "dropdown-search": ("Zoeken", "Search"),
    "dropdown-clear-search": ("Zoektekst wissen", "Clear search"),
    "dropdown-clear-selection": ("Keuze wissen", "Clear selection"),
    "dropdown-no-options": ("Niets gevonden", "Nothing found"),
    # the accessibility statement
    "a11y-title": ("Toegankelijkheidsverklaring", "Accessibility statement"),
    "a11y-lead": (
        "Het STV-dashboard wil voor iedereen bruikbaar zijn, ook met een toetsenbord, een schermlezer, vergroting "
        "of een telefoon. Deze verklaring volgt de Europese webtoegankelijkheidsrichtlijn (2016/2102) en de norm "
        "EN 301 549 (WCAG 2.1, niveau AA).",
        "The STV dashboard aims to be usable by everyone, also with a keyboard, a screen reader, magnification or a "
        "phone. This statement follows the European web accessibility directive (2016/2102) and the standard "
        "EN 301 549 (WCAG 2.1, level AA).",
    ),
    "a11y-status-title": ("Status", "Status"),
    "a11y-status": (
        "Gedeeltelijk conform WCAG 2.1 AA. Elke pagina wordt bij elke wijziging automatisch getest met axe-core, "
        "in het Nederlands en het Engels, en met het toetsenbord; die tests vinden geen fouten. Een volledige "
        "handmatige audit is nog niet gebeurd.",
        "Partially conformant with WCAG 2.1 AA. Every page is tested automatically with axe-core on every change, "
        "in Dutch and in English, and with the keyboard; those tests find no errors. A full manual audit has not "
        "been done yet.",
    ),
    "a11y-features-title": ("Wat u kunt verwachten", "What you can expect"),
    "a11y-feature-keyboard": (
        "Alles werkt met het toetsenbord; een link 'Naar de inhoud' slaat het menu en de filters over.",
        "Everything works with the keyboard; a 'Skip to content' link skips the menu and the filters.",
    ),
    "a11y-feature-tables": (
        "Elke grafiek heeft een titel, een korte beschrijving en 'Toon als tabel' met dezelfde cijfers.",
        "Every chart has a title, a short description and 'Show as table' with the same numbers.",
    ),
    "a11y-feature-colours": (
        "Kleuren zijn te onderscheiden bij kleurenblindheid en hebben genoeg contrast.",
        "Colours can be told apart with colour blindness and have enough contrast.",
    ),
    "a11y-feature-phone": (
        "Op een telefoon klappen het menu en de filters in; tabellen schuiven opzij met de eerste kolom vast.",
        "On a phone the menu and the filters fold away; tables scroll sideways with the first column fixed.",
    ),
    "a11y-limits-title": ("Bekende beperkingen", "Known limits"),
    "a11y-limit-charts": (
        "Een grafiek zelf is voor een schermlezer een afbeelding: gebruik 'Toon als tabel' voor de cijfers.",
        "A chart itself is an image to a screen reader: use 'Show as table' for its numbers.",
    ),
    "a11y-limit-dates": (
        "De datumvelden van de periode tonen de datum in het formaat van uw browser, niet altijd in de taal van "
        "het dashboard.",
        "The period's date fields show the date in your browser's format, not always in the dashboard's language.",
    ),
    "a11y-limit-pdf": (
        "Het PDF-rapport is nog niet getagd voor schermlezers; het Excel-bestand bevat dezelfde cijfers.",
        "The PDF report is not yet tagged for screen readers; the Excel file holds the same figures.",
    ),
    "a11y-report-title": ("Een probleem melden", "Report a problem"),
    "a11y-report": (
        "Loopt u ergens vast? Mail toegankelijkheid@stv.example met de pagina (de link), wat u probeerde en welk "
        "hulpmiddel u gebruikt. U krijgt binnen vijf werkdagen antwoord. Bent u niet tevreden met het antwoord, "
        "dan kunt u terecht bij de Vlaamse Ombudsdienst.",
        "Stuck somewhere? Mail toegankelijkheid@stv.example with the page (its link), what you tried and which "
        "assistive technology you use. You get an answer within five working days. If you are not satisfied with "
        "the answer, you can turn to the Flemish Ombudsman.",
    ),
    "a11y-date": ("Opgesteld op 3 december 2026.", "Drawn up on 3 December 2026."),
    "a11y-back": ("Naar het dashboard", "To the dashboard"),
}

# AG Grid's own words (its `localeText` keys) that our grids show: the column menu, sorting, loading and the
# labels it gives screen readers. English is AG Grid's own.
GRID_WORDS = {
    "loadingOoo": ("Laden…", "Loading..."),
    "pinColumn": ("Kolom vastzetten", "Pin Column"),
    "pinLeft": ("Links vastzetten", "Pin Left"),
    "pinRight": ("Rechts vastzetten", "Pin Right"),
    "noPin": ("Niet vastzetten", "No Pin"),
    "autosizeThiscolumn": ("Breedte van deze kolom aanpassen", "Autosize This Column"),
    "autosizeAllColumns": ("Breedte van alle kolommen aanpassen", "Autosize All Columns"),
    "resetColumns": ("Kolommen herstellen", "Reset Columns"),
    "sortAscending": ("Oplopend sorteren", "Sort Ascending"),
    "sortDescending": ("Aflopend sorteren", "Sort Descending"),
    "sortUnSort": ("Sortering wissen", "Clear Sort"),
    "columnMenu": ("Kolommenu", "Column Menu"),
    "ariaLabelColumnMenu": ("Kolommenu", "Column Menu"),
    "ariaLabelGrid": ("Tabel", "Grid"),
    "ariaSortableColumn": ("Druk op Enter om te sorteren", "Press ENTER to sort"),
    "ariaMenuColumn": ("Druk op Alt+pijl omlaag voor het kolommenu", "Press ALT DOWN to open column menu"),
    "ariaRowSelect": ("Druk op spatie om deze rij te kiezen", "Press SPACE to select this row"),
    "ariaColumn": ("Kolom", "Column"),
    "ariaRow": ("Rij", "Row"),
    "ariaAscending": ("oplopend", "ascending"),
    "ariaDescending": ("aflopend", "descending"),
    "ariaNone": ("geen", "none"),
    "ariaSearch": ("Zoeken", "Search"),
    "ariaHidden": ("verborgen", "hidden"),
    "ariaVisible": ("zichtbaar", "visible"),
    "ariaColumnGroup": ("Kolomgroep", "Column Group"),
    "ariaLabelDialog": ("Dialoogvenster", "Dialog"),
    "ariaLabelTooltip": ("Tooltip", "Tooltip"),
    "ariaPageSizeSelectorLabel": ("Rijen per pagina", "Page Size"),
    "page": ("Pagina", "Page"),
    "of": ("van", "of"),
    "to": ("tot", "to"),
    "more": ("meer", "More"),
    "nextPage": ("Volgende pagina", "Next Page"),
    "lastPage": ("Laatste pagina", "Last Page"),
    "firstPage": ("Eerste pagina", "First Page"),
    "previousPage": ("Vorige pagina", "Previous Page"),
}
MESSAGES |= {f"grid-word-{key}": words for key, words in GRID_WORDS.items()}
