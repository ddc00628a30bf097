"""Where a drill-down page stands: the paths of places, the breadcrumbs above a page, its heading, and "not
found".

Every link keeps the page's query string (filters and interface language), so going up or down keeps the slice.
"""

from __future__ import annotations

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.access import current_account, may_open
from dashboard.i18n import t

REGIONS_PATH = "/regions"
# The page name (prefix of its component ids) of each drill-down level.
LEVEL_PAGES = {
    "all": "regions",
    "region": "region",
    "local_government": "local-government",
    "organisation": "organisation",
}


def region_path(region_code: str) -> str:
    return f"{REGIONS_PATH}/{quote(str(region_code), safe='')}"


def local_government_path(region_code: str, local_government_id: int) -> str:
    return f"{region_path(region_code)}/{int(local_government_id)}"


def organisation_path(organisation_id: int) -> str:
    return f"/organisations/{int(organisation_id)}"


TRAIL_LEVELS = ("all", "region", "local_government", "organisation")  # the levels of place_trail, in order


def place_trail(place) -> list[tuple[str, str]]:
    """(label, path) from the top of the drill-down down to `place` (a `dashboard.views.regions.Place`); the top's
    label is a text key, the others are names from the database."""
    trail = [("regions-crumb-top", REGIONS_PATH)]
    if place.region_code is not None:
        trail.append((place.region_name, region_path(place.region_code)))
    if place.local_government_id is not None:
        trail.append((place.local_government_name, local_government_path(place.region_code, place.local_government_id)))
    if place.organisation_id is not None:
        trail.append((place.organisation_name, organisation_path(place.organisation_id)))
    return trail


def breadcrumbs(place, search: str, lang: str) -> dbc.Breadcrumb:
    """Regions › Antwerpen › Mechelen › OCMW Mechelen: every level a link (keeping `search`) but the last, and
    but those the account may not open (an organisation's account sees its organisation only)."""
    trail = place_trail(place)
    account = current_account()
    items = []
    for index, (label, path) in enumerate(trail):
        text = t(label, lang) if index == 0 else label
        linked = index < len(trail) - 1 and may_open(account, LEVEL_PAGES[TRAIL_LEVELS[index]])
        items.append({"label": text, "href": path + (search or "")} if linked else {"label": text, "active": True})
    return dbc.Breadcrumb(items=items, class_name="place-crumbs mb-2")


def not_found(message_key: str, search: str, lang: str, **values) -> html.Div:
    """What a drill-down page shows for a path that names no known place: what was not found, and the way back."""
    return html.Div(
        [
            html.H2(t("regions-not-found-title", lang), className="h4"),
            html.P(t(message_key, lang, **{name: str(value) for name, value in values.items()})),
            dcc.Link("← " + t("regions-back-to-top", lang), href=REGIONS_PATH + (search or "")),
        ],
        className="place-not-found alert alert-light",
    )


def missing_place(level: str, path, region, search: str, lang: str) -> html.Div:
    """The not-found message for a page of `level` whose path (its variables) names no known place: which part of
    it is unknown. `region`: the place of the path's region, or None when that is unknown too."""
    path = path if isinstance(path, dict) else {}
    if level == "organisation":
        return not_found("regions-not-found-organisation", search, lang, value=path.get("organisation_id"))
    if region is None:
        return not_found("regions-not-found-region", search, lang, value=path.get("region_code"))
    return not_found(
        "regions-not-found-local_government",
        search,
        lang,
        value=path.get("local_government_id"),
        region=region.region_name,
    )


def heading(place, lang: str) -> str:
    """The name of the place the page shows."""
    if place.level == "all":
        return t("regions-everywhere", lang)
    return {
        "region": place.region_name,
        "local_government": place.local_government_name,
        "organisation": place.organisation_name,
    }[place.level]
