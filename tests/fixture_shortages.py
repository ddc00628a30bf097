"""A small operational database for the bottleneck ranking (CONTRACT §4, `shortages`), worked out by hand.

Every request is in 2025 (Brussels days), at one organisation. Per language: requests, not available (NA):

| code | requests | NA | shortage rate | registered interpreters (end of 2025) | rank |
|---|---|---|---|---|---|
| so  | 10 | 9 | 90 %  | 1 certified | 1 (most NA) |
| ps  |  4 | 4 | 100 % | 1 certified | 2 (4 NA; the highest rate of the three) |
| ti  |  5 | 4 | 80 %  | 1 crisis    | 3 |
| ar  | 10 | 4 | 40 %  | 1 certified | 4 (the large language: above lg's 100 %) |
| lg  |  2 | 2 | 100 % | none        | 5 (the tiny language) |
| ckb |  2 | 1 | 50 %  | 1 certified | 6 (ties hy: NA and rate; the code decides) |
| hy  |  2 | 1 | 50 %  | 1 certified | 7 |
| en  |  1 | 0 | 0 %   | 1 certified | 8 (ties fr at 0 NA and 0 %) |
| fr  |  3 | 0 | 0 %   | 1 certified | 9 |
| zz  |  0 | – | –     | none        | not ranked |

Not on offer (views.shortages.not_on_offer): so (9 of 10 = 90 %, the threshold, over at least 5 requests) and lg
(nobody registered, 2 NA). Not ps (100 % but 4 requests, and someone registered) nor ti (80 %). With the kind filter
`crisis`, only ti has someone registered: every other language with NA is on the list.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from tests.fixture_db import as_dicts, create_and_fill

YEAR_START = datetime(2025, 2, 3, 9, 0, tzinfo=UTC)
# code, Dutch name, English name, requests, not available, kind of its one interpreter (None: nobody registered)
LANGUAGES = [
    ("so", "Somali", "Somali", 10, 9, "certified"),
    ("ps", "Pasjtoe", "Pashto", 4, 4, "certified"),
    ("ti", "Tigrinya", "Tigrinya", 5, 4, "crisis"),
    ("ar", "Arabisch", "Arabic", 10, 4, "certified"),
    ("lg", "Luganda", "Luganda", 2, 2, None),
    ("ckb", "Sorani", "Sorani", 2, 1, "certified"),
    ("hy", "Armeens", "Armenian", 2, 1, "certified"),
    ("en", "Engels", "English", 1, 0, "certified"),
    ("fr", "Frans", "French", 3, 0, "certified"),
    ("zz", "Zonder aanvragen", "Without requests", 0, 0, None),
]
RANKED = ["so", "ps", "ti", "ar", "lg", "ckb", "hy", "en", "fr"]
NOT_ON_OFFER = ["so", "lg"]


def fill(engine: Engine) -> None:
    """One interpreter per language that has one; requests completed by it or left without an interpreter."""
    interpreters, spoken, requests = [], [], []
    for language_id, (_code, _nl, _en, total, unavailable, kind) in enumerate(LANGUAGES, start=1):
        interpreter = language_id if kind else None
        if kind:
            interpreters.append((interpreter, kind, 1, date(2020, 1, 1)))
            spoken.append((interpreter, language_id))
        for number in range(total):
            missing = number < unavailable
            requests.append(_request(len(requests) + 1, language_id, None if missing else interpreter, missing))
    create_and_fill(
        engine,
        regions=as_dicts("id code name", [(1, "ANT", "Provincie Antwerpen")]),
        local_governments=as_dicts("id region_id name nis_code", [(1, 1, "Mechelen", "12025")]),
        organisations=as_dicts("id local_government_id name sector has_agreement", [(1, 1, "OCMW", "welfare", True)]),
        languages=as_dicts("id code name_nl name_en", [(i, *row[:3]) for i, row in enumerate(LANGUAGES, start=1)]),
        interpreters=as_dicts("id kind region_id registered_on", interpreters),
        interpreter_languages=as_dicts("interpreter_id language_id", spoken),
        requests=requests,
    )


def _request(id_: int, language_id: int, interpreter: int | None, unavailable: bool) -> dict:
    """A request a day after the previous one (all within 2025): completed, or left without an interpreter (the
    odd ones of those because the language is not on offer, both count as not available)."""
    moment = YEAR_START + timedelta(days=id_)
    status = (
        ("unanswered_language_unavailable" if id_ % 2 else "unanswered_no_interpreter") if unavailable else "completed"
    )
    return {
        "id": id_,
        "organisation_id": 1,
        "language_id": language_id,
        "modality": "onsite",
        "service": "interpreter",
        "requested_at": moment,
        "scheduled_start": moment + timedelta(days=3),
        "duration_min": 60,
        "status": status,
        "interpreter_id": interpreter,
        "matched_at": moment + timedelta(hours=1) if interpreter else None,
        "closed_at": moment + timedelta(days=3, hours=2),
        "updated_at": moment + timedelta(days=3, hours=2),
    }
