"""The drill-down (dashboard/views/regions.py) against tests/fixture_places.py, in SQLite and PostgreSQL: every
level's figures by hand, children adding up to their parent, places not found, the path winning over the filter
bar, the regional spread, and the exports' columns."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from dashboard.filters import EVERYTHING, Filters
from dashboard.settings import Settings
from dashboard.views import regions as views
from tests.conftest import DIALECTS
from tests.fixture_places import EXPECTED_2025, fill
from tests.support import acting_as, open_data

YEAR = Filters(date(2025, 1, 1), date(2025, 12, 31))
FIGURES = ("requests", "answered", "completed", "not_completed", "unanswered", "in_progress")
COUNTS = (
    "requests",
    "answered",
    "completed",
    "not_completed",
    "unanswered",
    "in_progress",
    "no_show_client",
    "no_show_interpreter",
    "cancelled_client_late",
)


@pytest.fixture(params=DIALECTS)
def places_url(request, built_databases):
    return built_databases(request.param, "places", fill)


@pytest.fixture
def data(places_url):
    with open_data(places_url) as access:
        yield access


def figures_of(row) -> tuple:
    return tuple(int(row[name]) for name in FIGURES)


def place(data, level: str, **path) -> views.Place:
    found = views.find_place(data, level, path, EVERYTHING)
    assert found is not None, path
    return found


# --- figures per level, by hand ---------------------------------------------------------------------------------


def test_every_region_by_hand(data):
    table = views.children(data, YEAR).set_index("code")
    assert list(table.index) == ["ANT", "LIM", "BRU"]  # busiest first; Brussel without requests is listed as 0
    for code in ("ANT", "LIM", "BRU"):
        assert figures_of(table.loc[code]) == EXPECTED_2025[code], code
    ant = table.loc["ANT"]
    assert ant.answer_rate == pytest.approx(7 / 8)  # answered 7 / (10 requests - 2 in progress)
    assert ant.no_show_client_rate == pytest.approx(1 / 7)  # r3 of 7 answered
    assert ant.no_show_interpreter_rate == pytest.approx(1 / 7)  # r8
    assert ant.late_cancellation_rate == pytest.approx(1 / 7)  # r4
    assert table.loc["LIM"].answer_rate == pytest.approx(4 / 5)  # 4 / (6 - 1)
    assert table.loc["BRU"][["answer_rate", "no_show_client_rate"]].isna().all()  # nothing to divide by: empty


def test_a_region_and_its_local_governments_by_hand(data):
    antwerp = place(data, "region", region_code="ANT")
    assert (antwerp.region_name, antwerp.region_id) == ("Provincie Antwerpen", 1)
    table = views.children(data, YEAR, antwerp).set_index("name")
    assert list(table.index) == ["Mechelen", "Lier"]
    assert figures_of(table.loc["Mechelen"]) == EXPECTED_2025["Mechelen"]
    assert figures_of(table.loc["Lier"]) == EXPECTED_2025["Lier"]
    assert table.loc["Mechelen"].answer_rate == pytest.approx(6 / 7)  # 6 answered of 7, none in progress
    assert table.loc["Mechelen"].late_cancellation_rate == pytest.approx(1 / 6)
    assert table.loc["Lier"].answer_rate == pytest.approx(1.0)  # 1 / (3 - 2 in progress)
    assert table.loc["Mechelen"].nis_code == "12025"


def test_a_local_government_and_its_organisations_by_hand(data):
    mechelen = place(data, "local_government", region_code="ANT", local_government_id="10")
    table = views.children(data, YEAR, mechelen).set_index("id")
    assert list(table.index) == [100, 101]
    assert figures_of(table.loc[100]) == EXPECTED_2025[100]
    assert figures_of(table.loc[101]) == EXPECTED_2025[101]  # r7 (2024-12-31 23:30 UTC) is 1 January 2025
    assert table.loc[100].no_show_client_rate == pytest.approx(1 / 4)
    assert table.loc[101].answer_rate == pytest.approx(2 / 3)
    assert pd.isna(table.loc[101].sector)  # the seeded defect: not filled in


def test_an_organisation_by_hand(data):
    genk = place(data, "organisation", organisation_id="201")
    assert (genk.organisation_name, genk.local_government_name, genk.region_code, genk.sector, genk.has_agreement) == (
        "Stad Genk",
        "Genk",
        "LIM",
        "public_services",
        False,
    )
    figures = views.place_figures(data, YEAR, genk)
    assert tuple(figures[name] for name in FIGURES) == EXPECTED_2025[201]  # r14 is 1 January 2026 in Brussels
    assert figures["answer_rate"] == pytest.approx(1.0)  # 2 answered / (3 - 1 pending)
    parties = views.place_parties(data, YEAR, genk).set_index("status")
    assert parties.loc["cancelled_interpreter", "count"] == 1 and parties.loc["no_show_client", "count"] == 0
    assert parties.loc["cancelled_interpreter", "share_rate"] == pytest.approx(1 / 2)
    assert list(parties.party.unique()) == ["client", "interpreter", "service"]
    monthly = views.place_monthly(data, YEAR, genk).set_index(["month", "modality"])
    assert len(monthly) == 12 * 4 and monthly.requests.sum() == 3
    assert monthly.loc[("2025-11", "phone")].requests == 2  # r15 and r16
    assert monthly.loc[("2025-10", "phone")].in_progress == 1  # r13
    languages = views.place_languages(data, YEAR, genk, "en").set_index("language_code")
    assert list(languages.index) == ["ar", "uk"] and languages.loc["ar", "language"] == "Arabic"
    assert (languages.loc["ar"].requests, languages.loc["uk"].requests) == (2, 1)
    outcomes = views.place_outcomes(data, YEAR, genk).set_index("figure")
    assert outcomes.loc["requests", "phone"] == 3 and outcomes.loc["requests", "total"] == 3
    assert outcomes.loc["in_progress", "phone"] == 1


def test_modalities_at_a_place(data):
    antwerp = place(data, "region", region_code="ANT")
    table = views.place_modalities(data, YEAR, antwerp).set_index("modality")
    assert list(table.index) == ["onsite", "phone", "video", "translation"]
    # onsite r1 r3 r5 r7 r8 r9 r17; phone r2 r6; video r4; no translation
    assert list(table.requests) == [7, 2, 1, 0]
    assert table.loc["onsite"].no_show_client == 1 and table.loc["video"].late_cancellation_rate == 1.0
    assert pd.isna(table.loc["translation"].answer_rate)


# --- children add up to their parent ----------------------------------------------------------------------------


SLICES = [
    YEAR,
    Filters(date(2025, 2, 1), date(2025, 6, 30)),
    replace(YEAR, modality=("onsite",)),
    replace(YEAR, language=("uk",)),
    replace(YEAR, sector=("welfare", "education")),
]


@pytest.mark.parametrize("filters", SLICES, ids=["year", "feb-jun", "onsite", "uk", "two-sectors"])
def test_children_add_up_to_their_parent_at_every_level(data, filters):
    levels = [
        views.EVERYWHERE,
        place(data, "region", region_code="ANT"),
        place(data, "region", region_code="LIM"),
        place(data, "local_government", region_code="ANT", local_government_id="10"),
        place(data, "local_government", region_code="LIM", local_government_id="20"),
    ]
    for parent in levels:
        figures = views.place_figures(data, filters, parent)
        summed = views.children(data, filters, parent)[list(COUNTS)].sum()
        assert {name: int(summed[name]) for name in COUNTS} == {name: figures[name] for name in COUNTS}, parent
    regions = views.children(data, filters)
    assert int(regions.requests.sum()) == views.place_figures(data, filters)["requests"]


def test_a_regions_figures_are_its_row_one_level_up(data):
    for code in ("ANT", "LIM", "BRU"):
        row = views.children(data, YEAR).set_index("code").loc[code]
        assert tuple(
            views.place_figures(data, YEAR, place(data, "region", region_code=code))[n] for n in FIGURES
        ) == figures_of(row)


# --- the path against the filter bar, and places that do not exist -------------------------------------------------


def test_the_path_wins_over_the_region_filter(data):
    antwerp = place(data, "region", region_code="ANT")
    elsewhere = replace(YEAR, region=("LIM",))
    assert views.place_figures(data, elsewhere, antwerp)["requests"] == 10
    assert views.overridden(elsewhere, antwerp) == ("region",)
    assert views.overridden(replace(YEAR, region=("ANT", "LIM")), antwerp) == ()
    stad_genk = place(data, "organisation", organisation_id="201")
    chosen = replace(YEAR, region=("ANT",), sector=("welfare",))
    assert views.overridden(chosen, stad_genk) == ("region", "sector")
    assert views.place_figures(data, chosen, stad_genk)["requests"] == 3
    clb = place(data, "organisation", organisation_id="101")  # no sector: a sector filter sets it aside
    assert clb.sector is None and views.overridden(replace(YEAR, sector=("education",)), clb) == ("sector",)


def test_the_sector_filter_chooses_organisations_of_a_local_government(data):
    mechelen = place(data, "local_government", region_code="ANT", local_government_id="10")
    welfare = views.children(data, replace(YEAR, sector=("welfare",)), mechelen)
    assert list(welfare.id) == [100] and welfare.requests.iloc[0] == 4
    assert views.place_figures(data, replace(YEAR, sector=("welfare",)), mechelen)["requests"] == 4


@pytest.mark.parametrize(
    "level, path",
    [
        ("region", {"region_code": "XYZ"}),
        ("region", {"region_code": "ant"}),  # codes are as the database has them
        ("region", {"region_code": None}),
        ("local_government", {"region_code": "ANT", "local_government_id": "20"}),  # Genk lies in Limburg
        ("local_government", {"region_code": "ANT", "local_government_id": "99"}),
        ("local_government", {"region_code": "ANT", "local_government_id": "abc"}),
        ("local_government", {"region_code": "ANT", "local_government_id": "-10"}),
        ("local_government", {"region_code": "ANT", "local_government_id": "1e1"}),
        ("local_government", {"region_code": "XYZ", "local_government_id": "10"}),
        ("organisation", {"organisation_id": "999"}),
        ("organisation", {"organisation_id": "12a"}),
        ("organisation", {"organisation_id": "１００"}),  # full-width digits are not a plain number
        ("organisation", {"organisation_id": ""}),
        ("organisation", {}),
    ],
)
def test_unknown_places_are_not_found(data, level, path):
    assert views.find_place(data, level, path, EVERYTHING) is None


def test_known_places_with_their_trail(data):
    from layouts._breadcrumbs import place_trail

    lier = place(data, "local_government", region_code="ANT", local_government_id="11")
    assert place_trail(lier) == [
        ("regions-crumb-top", "/regions"),
        ("Provincie Antwerpen", "/regions/ANT"),
        ("Lier", "/regions/ANT/11"),
    ]
    hospital = place(data, "organisation", organisation_id="102")
    assert place_trail(hospital)[-1] == ("Ziekenhuis [Lier]", "/organisations/102")
    assert place_trail(views.EVERYWHERE) == [("regions-crumb-top", "/regions")]


@pytest.mark.parametrize(
    "lang, title", [("nl", "Organisaties van Provincie Antwerpen"), ("en", "Organisations of Provincie Antwerpen")]
)
def test_a_places_download_says_it_holds_the_regions_organisations(data, lang, title):
    """Exports take filters only: below the region level the file holds every organisation of the region, and
    the menu's heading says so (on a region's page it keeps the view's name)."""
    from layouts._charts_places import export_links

    def menu_of(found):
        with acting_as("manager"):
            return export_links(found, views.export_filters(YEAR, found), lang)

    for found in (
        place(data, "local_government", region_code="ANT", local_government_id="11"),
        place(data, "organisation", organisation_id="102"),
    ):
        menu = menu_of(found)
        assert menu.children[0].children == title
        assert "region=ANT" in menu.children[1].href and "/export/organisations.csv" in menu.children[1].href
    region = menu_of(place(data, "region", region_code="ANT"))
    assert region.children[0].children == ("Per lokaal bestuur" if lang == "nl" else "Per local government")


# --- the spread between organisations ----------------------------------------------------------------------------


def test_organisation_spread_leaves_small_rates_empty(data):
    spread = views.organisation_spread(data, YEAR).set_index("id")
    assert sorted(spread.index) == [100, 101, 102, 200, 201]  # OCMW Brussel has no requests
    assert spread.loc[100].requests == 4 and spread.loc[102].region_code == "ANT"
    assert spread[list(views.RATES)].isna().all().all()  # every denominator is below MIN_DENOMINATOR (20)


def test_spread_quantiles_by_hand():
    spread = pd.DataFrame(
        {
            "sector": ["health", "health", "health", None],
            "requests": [1, 2, 10, 5],
            "answer_rate": [0.5, None, 1.0, 0.8],
        }
    )
    requests = views.spread_quantiles(spread, "sector", "requests").set_index("sector", drop=False)
    assert requests.loc["health"].organisations == 3 and requests.loc["health", "median"] == 2.0
    assert requests.loc["health"].p25 == pytest.approx(1.5)  # linear between 1 and 2
    assert pd.isna(requests.iloc[0].sector) and requests.iloc[0]["median"] == 5.0  # not filled in comes first
    rates = views.spread_quantiles(spread, "sector", "answer_rate").set_index("organisations")
    assert rates.loc[2, "median"] == pytest.approx(0.75)  # health: 0.5 and 1.0 (one empty rate left out)


def test_a_spread_box_by_hand():
    """Quartiles as pandas' linear quantiles (spread_quantiles' too), whiskers at Tukey's fences, the rest outliers:
    1, 2, 3, 4, 100 have q1 2, median 3, q3 4; the fences lie at -1 and 7, so the whiskers reach 1 and 4."""
    rows = pd.DataFrame({"name": list("abcdef"), "requests": [3, 1, 100, 4, 2, None]})
    box = views.spread_box(rows, "requests")
    assert (box.q1, box.median, box.q3, box.lower_fence, box.upper_fence) == (2.0, 3.0, 4.0, 1.0, 4.0)
    assert list(box.outliers.name) == ["c"]  # the empty value is no point at all
    one = views.spread_box(rows.head(1), "requests")
    assert (one.q1, one.median, one.q3, one.lower_fence, one.upper_fence) == (3.0,) * 5 and one.outliers.empty
    two = views.spread_box(rows.iloc[[1, 2]], "requests")  # 1 and 100: q1 25.75, q3 75.25, both within the fences
    assert (two.lower_fence, two.upper_fence, two.q1, two.q3) == (1.0, 100.0, 25.75, 75.25) and two.outliers.empty
    assert views.spread_box(rows.tail(1), "requests") is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_spread_chart_draws_the_table_s_quartiles_and_only_the_outliers(lang):
    from layouts._charts_places import figure_spread

    spread = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D", "E", "F"],
            "sector": ["health", "health", "health", "health", "health", "welfare"],
            "requests": [1, 2, 3, 4, 100, 7],
        }
    )
    figure = figure_spread(spread, "sector", "requests", {"health": "Gezondheid", "welfare": "Welzijn"}, lang)
    boxes = [trace for trace in figure.data if trace.type == "box"]
    quartiles = views.spread_quantiles(spread, "sector", "requests").set_index("sector")
    assert [box.y[0] for box in boxes] == ["Gezondheid", "Welzijn"]
    assert (boxes[0].q1[0], boxes[0].median[0], boxes[0].q3[0]) == tuple(
        quartiles.loc["health", ["p25", "median", "p75"]]
    )
    assert (boxes[0].lowerfence[0], boxes[0].upperfence[0]) == (1.0, 4.0)
    assert all(box.x is None for box in boxes)  # no sample points sent
    (points,) = [trace for trace in figure.data if trace.type == "scatter"]
    assert list(points.text) == ["E"] and list(points.x) == [100] and list(points.y) == ["Gezondheid"]
    assert len(figure.layout.meta["box_columns"]) == 5  # the chart's table (assets/stv-a11y.js)


# --- pure builders ------------------------------------------------------------------------------------------------


def test_grid_links_escape_brackets_and_keep_the_query():
    from layouts._grid import markdown_link
    from layouts.regions import with_hrefs

    lier = views.Place("local_government", 1, "ANT", "Provincie Antwerpen", 11, "Lier")
    table = with_hrefs(pd.DataFrame({"id": [102], "name": ["Ziekenhuis [Lier]"]}), lier, "?from=2025-01-01&lang=en")
    assert table.href.iloc[0] == "/organisations/102?from=2025-01-01&lang=en"
    assert (
        markdown_link("Ziekenhuis [Lier]", table.href.iloc[0])
        == "[Ziekenhuis \\[Lier\\]](/organisations/102?from=2025-01-01&lang=en)"
    )
    antwerp = views.Place("region", 1, "ANT", "Provincie Antwerpen")
    assert with_hrefs(pd.DataFrame({"id": [10], "name": ["Mechelen"]}), antwerp, "").href.iloc[0] == "/regions/ANT/10"


def test_children_chart_carries_links_and_handles_empty_rates():
    from layouts._charts_places import figure_children

    table = pd.DataFrame(
        {"name": ["A", "B", "C"], "requests": [5, 3, 0], "answer_rate": [0.8, None, None], "href": ["/a", "/b", "/c"]}
    )
    figure = figure_children(table, "answer_rate", "nl")
    rated, unrated = figure.data
    assert list(rated.y) == ["A"] and rated.customdata[0][1] == "/a" and rated.customdata[0][0] == "80,0 %"
    assert list(unrated.y) == ["C", "B"] and unrated.marker.color == "#BBBBBB"


# --- exports ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {
        "url": built_databases("sqlite", "places", fill),
        "now": datetime(2025, 11, 20, 9, tzinfo=UTC),
        "aggregates": False,
    }


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_regions_export(client):
    rows = _rows(client.get("/export/regions.csv?from=2025-01-01&to=2025-12-31"))
    assert list(rows[0]) == ["region_code", "region", *views.FIGURES]
    by_code = {row["region_code"]: row for row in rows}
    assert (by_code["ANT"]["requests"], by_code["ANT"]["answer_rate"]) == ("10", "0.875000")
    assert by_code["BRU"]["requests"] == "0" and by_code["BRU"]["answer_rate"] == ""


def test_local_governments_export_takes_the_region_filter(client):
    rows = _rows(client.get("/export/local-governments.csv?from=2025-01-01&to=2025-12-31&region=ANT"))
    assert list(rows[0])[:4] == ["region_code", "local_government_id", "local_government", "nis_code"]
    assert [(r["local_government"], r["requests"]) for r in rows] == [("Lier", "3"), ("Mechelen", "7")]


def test_organisations_export(client):
    rows = _rows(client.get("/export/organisations.csv?from=2025-01-01&to=2025-12-31&lang=en"))
    assert list(rows[0])[:6] == [
        "region_code",
        "local_government_id",
        "local_government",
        "organisation_id",
        "organisation",
        "sector",
    ]
    by_id = {row["organisation_id"]: row for row in rows}
    assert len(rows) == 6 and by_id["300"]["requests"] == "0" and by_id["101"]["sector"] == ""
    assert sum(int(r["requests"]) for r in rows) == 16
    assert client.get("/export/organisations.csv?region=NOPE").status_code == 400


# --- the pages' callbacks, posted as the browser posts them ------------------------------------------------------

SEARCH_2025 = "?from=2025-01-01&to=2025-12-31"


def _answer(client, app, output: str, search, **values) -> dict:
    """The answer of the callback drawing `output`, for the page's query `search` and other inputs or states
    (`values`: 'id.property' -> value)."""
    from dashboard import ids
    from tests.dash_requests import post, response_values

    response = post(client, app, output, {f"{ids.PAGE_QUERY}.data": search, **values}, [f"{ids.PAGE_QUERY}.data"])
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_a_regions_page_shows_its_figures_and_its_children(client, app):
    """Provincie Antwerpen in 2025: 10 requests, answer rate 7/8; Mechelen (7) then Lier (3), each a link one
    level down keeping the query."""
    from tests.dash_requests import text_of

    answer = _answer(client, app, "region-cards.children", SEARCH_2025, **{"region-place.data": {"region_code": "ANT"}})
    cards = text_of(answer["region-cards.children"])
    assert "10" in cards.split() and "87,5 %" in cards
    assert answer["region-heading.children"] == "Provincie Antwerpen"
    assert answer["region-content.style"] == {} and answer["region-missing.children"] is None
    assert [(row["link"], row["requests"]) for row in answer["region-table.rowData"]] == [
        (f"[Mechelen](/regions/ANT/10{SEARCH_2025})", 7),
        (f"[Lier](/regions/ANT/11{SEARCH_2025})", 3),
    ]
    assert "region=ANT" in str(answer["region-downloads.children"])
    assert answer["region-notice.children"] is None


def test_the_path_wins_over_the_region_filter_and_says_so(client, app):
    from tests.dash_requests import text_of

    path = {"region-place.data": {"region_code": "ANT"}}
    answer = _answer(client, app, "region-cards.children", SEARCH_2025 + "&region=LIM", **path)
    notice = text_of(answer["region-notice.children"])
    assert "Limburg" in notice and "Provincie Antwerpen" in notice
    assert "10" in text_of(answer["region-cards.children"]).split()  # Antwerp's figures, not Limburg's


@pytest.mark.parametrize(
    "path, named",
    [
        ({"region_code": "ANT", "local_government_id": "99"}, ["99", "Provincie Antwerpen"]),
        ({"region_code": "NOPE", "local_government_id": "10"}, ["NOPE"]),
        (["ANT", "10"], []),  # forged: no mapping
        ({"region_code": ["ANT"], "local_government_id": "10"}, []),  # forged: a code that is no string
        ("ANT", []),
    ],
)
def test_a_path_naming_no_place_shows_what_is_unknown(client, app, path, named):
    from tests.dash_requests import text_of

    answer = _answer(
        client, app, "local-government-cards.children", SEARCH_2025, **{"local-government-place.data": path}
    )
    missing = text_of(answer["local-government-missing.children"])
    assert missing and all(part in missing for part in named)
    assert answer["local-government-content.style"] == {"display": "none"}
    assert answer["local-government-table.rowData"] == [] and answer["local-government-cards.children"] is None


def test_the_childrens_chart_links_its_bars_and_takes_only_known_rates(client, app):
    path = {"region-place.data": {"region_code": "ANT"}}

    def chart(rate):
        return _answer(client, app, "region-chart.figure", SEARCH_2025, **path, **{"region-colour.value": rate})

    answer = chart("no_show_client_rate")
    (bars,) = answer["region-chart.figure"]["data"]
    assert list(bars["y"]) == ["Lier", "Mechelen"]  # busiest on top
    assert [href for _, href in bars["customdata"]] == [
        f"/regions/ANT/11{SEARCH_2025}",
        f"/regions/ANT/10{SEARCH_2025}",
    ]
    assert answer["region-chart.style"] == {} and answer["region-chart-empty.children"] is None
    assert chart("bogus") == chart(["answer_rate"]) == chart("answer_rate")  # a forged rate: the default
    empty = _answer(client, app, "region-chart.figure", "?from=2030-01-01&to=2030-01-31", **path)
    assert empty["region-chart.style"] == {"display": "none"} and empty["region-chart-empty.children"]


def test_a_click_on_a_bar_opens_its_page_and_a_forged_one_nothing(client, app):
    from tests.dash_requests import post, response_values

    def follow(click):
        response = post(client, app, "regions-go.href", {"regions-chart.clickData": click})
        assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
        return response_values(response).get("regions-go.href")

    assert follow({"points": [{"customdata": ["87,5 %", "/regions/ANT?lang=en"]}]}) == "/regions/ANT?lang=en"
    for forged in (
        {"points": [{"customdata": ["x", "//elsewhere.example"]}]},
        {"points": [{"customdata": ["x", "https://elsewhere.example"]}]},
        {"points": "x"},
        {"points": [["x"]]},
        ["x"],
        "x",
    ):
        assert follow(forged) is None, forged


def test_the_spread_takes_only_known_figures(client, app):
    def spread(metric):
        return _answer(client, app, "regions-spread-sector.figure", SEARCH_2025, **{"regions-spread.value": metric})

    requests = spread("requests")
    assert {box["name"] for box in requests["regions-spread-sector.figure"]["data"]} >= {"Welzijn", "Onderwijs"}
    assert spread("bogus") == spread({"x": 1}) == requests
    assert "regions-spread-table.children" in spread("answer_rate")


def test_an_organisations_page_shows_its_own_figures(client, app):
    """Ziekenhuis [Lier] in 2025: 3 requests (r8, r9, r17), its trend, its facts and its one language."""
    from tests.dash_requests import text_of

    answer = _answer(
        client,
        app,
        "organisation-cards.children",
        SEARCH_2025,
        **{"organisation-place.data": {"organisation_id": "102"}},
    )
    assert answer["organisation-heading.children"] == "Ziekenhuis [Lier]"
    assert "Lier, Provincie Antwerpen" in answer["organisation-facts.children"]
    assert "3" in text_of(answer["organisation-cards.children"]).split()
    assert answer["organisation-trend.style"] == {"height": "360px"} and answer["organisation-trend.figure"]["data"]
    assert [row["language"] for row in answer["organisation-language-table.rowData"]] == ["Arabisch"]
    quiet = _answer(
        client,
        app,
        "organisation-cards.children",
        SEARCH_2025,
        **{"organisation-place.data": {"organisation_id": "300"}},
    )
    assert quiet["organisation-trend.style"] == {"display": "none"} and quiet["organisation-trend-empty.children"]
    unknown = _answer(
        client, app, "organisation-cards.children", SEARCH_2025, **{"organisation-place.data": {"organisation_id": [1]}}
    )
    assert "organisation-trend.figure" not in unknown  # no_update: the figure stays as it was
    assert unknown["organisation-content.style"] == {"display": "none"} and unknown["organisation-missing.children"]


# --- every part of the pages renders in both languages ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_parts_render_in_both_languages(data, lang):
    """The builders the callbacks call, at every level, for a found and a missing place (a missing text would
    raise KeyError)."""
    from dashboard.context import Context
    from layouts import _breadcrumbs, _charts_places
    from layouts import regions as parts
    from layouts._charts_places import children_columns, figure_spread, quantile_table, sector_labels

    context = Context(Settings(now=datetime(2025, 11, 20, 9, tzinfo=UTC)), data)
    chosen = replace(YEAR, region=("LIM",), sector=("welfare",))
    for level, path in (
        ("all", {}),
        ("region", {"region_code": "ANT"}),
        ("local_government", {"region_code": "ANT", "local_government_id": "10"}),
        ("organisation", {"organisation_id": "101"}),
    ):
        found = views.find_place(data, level, path, EVERYTHING)
        assert _breadcrumbs.heading(found, lang)
        compared = views.place_comparisons(data, chosen, context.today(), found)
        cards = _charts_places.place_cards("test", compared, context.targets, lang)
        assert len(cards) == len(_charts_places.PLACE_CARDS)
        _charts_places.modality_table(views.place_modalities(data, chosen, found), lang)
        if level != "all":
            set_aside = views.set_aside(data, chosen, found)
            assert _charts_places.notice(set_aside, found, lang) is not None  # LIM is not where these places are
        if level != "organisation":
            table = parts.with_hrefs(views.children(data, chosen, found), found, "")
            rows = parts.children_rows(table, lang)
            columns = [c.field for c in children_columns(views.CHILD_LEVEL[level])]
            assert rows and all(list(row) == columns for row in rows)  # the rows fill the layout's grid
        missing_path = {"region_code": "ANT", "local_government_id": "x", "organisation_id": "x"}
        region = views.find_place(data, "region", missing_path, EVERYTHING)
        missing = _breadcrumbs.missing_place(level, missing_path, region, "", lang)
        assert "x" in str(missing) or level == "all"
    spread = views.organisation_spread(data, YEAR)
    for metric in views.CONSISTENCY_METRICS:
        figure_spread(spread, "sector", metric, sector_labels(lang), lang)
        quantile_table(views.spread_quantiles(spread, "sector", metric), "sector", sector_labels(lang), metric, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_organisation_parts_render_in_both_languages(data, lang):
    from layouts import organisation as parts

    clb = views.find_place(data, "organisation", {"organisation_id": "101"}, EVERYTHING)
    assert "Mechelen, Provincie Antwerpen" in parts.facts(clb, lang)
    table = parts.parties_table(views.place_parties(data, YEAR, clb), lang)
    assert len(table.children[1].children) == 6
    rows = parts.language_rows(views.place_languages(data, YEAR, clb, lang))
    assert [row["language"] for row in rows] == (
        ["Arabisch", "Oekraïens"] if lang == "nl" else ["Arabic", "Ukrainian"]
    )  # r5 r7, r6


def _components(component):
    """A Dash component and everything inside it."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _components(child)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_layouts_render_in_both_languages(client, lang):
    """The page skeletons, with and without path variables: each titled in the chosen language (Dutch without
    one) and holding the place its path names."""
    from dash import dcc, html

    from dashboard.i18n import t
    from layouts import data_quality, organisation, regions

    query = {"lang": [lang]}
    pages = [  # (page, its language, title key, the place it holds or None for a page without one)
        (regions.layout(query), lang, "regions-title", {}),
        (regions.region_layout(query, region_code="ANT"), lang, "regions-title", {"region_code": "ANT"}),
        (
            regions.local_government_layout(query, region_code="ANT", local_government_id="10"),
            lang,
            "regions-title",
            {"region_code": "ANT", "local_government_id": "10"},
        ),
        (regions.region_layout({}), "nl", "regions-title", {"region_code": None}),
        (organisation.layout(query, organisation_id="5"), lang, "regions-title", {"organisation_id": "5"}),
        (organisation.layout({}), "nl", "regions-title", {"organisation_id": None}),
        (data_quality.layout(query), lang, "data-quality-title", None),
    ]
    for page, page_lang, title, place in pages:
        parts = list(_components(page))
        assert [c.children for c in parts if isinstance(c, html.H1)] == [t(title, page_lang)]
        places = [c.data for c in parts if isinstance(c, dcc.Store) and str(c.id).endswith("-place")]
        assert places == ([] if place is None else [place])


def test_everywhere_the_monthly_and_annual_tables_are_the_overviews(data):
    from dashboard.views import overview

    pd.testing.assert_frame_equal(views.place_monthly(data, YEAR), overview.monthly(data, YEAR))
    pd.testing.assert_frame_equal(views.place_outcomes(data, YEAR), overview.annual_report(data, YEAR))
    totals = views.place_outcomes(data, YEAR).set_index("figure").total
    figures = ("requests", "answered", "completed", "not_completed", "unanswered", "in_progress")
    assert tuple(totals[list(figures)]) == EXPECTED_2025["all"]
