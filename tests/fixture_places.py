"""A small operational database for the drill-down and the data-quality checks, worked out by hand.

Places: Provincie Antwerpen (Mechelen: OCMW Mechelen, CLB Mechelen; Lier: Ziekenhuis [Lier]), Limburg (Genk:
Basisschool Genk, Stad Genk) and Brussel (Brussel: OCMW Brussel, without requests). Seventeen requests; in 2025
(Brussels days) sixteen: r7 at 2024-12-31 23:30 UTC is 1 January 2025 in Brussels, r14 at 2025-12-31 23:30 UTC is
1 January 2026. `fill_clean` writes them with every timestamp in order; `fill` (the default) seeds these defects:

- no sector: CLB Mechelen (org 101; requests r5, r6, r7 in 2025);
- completed, not validated: r2, r7, r16 (measured at AS_OF: r16 closed 3 days before, r2 and r7 91-365 days);
- outcome without a closing time: r7 (completed), r12 (unanswered_other), and r14 (in 2026, outside 2025);
- timestamps out of order: r1 validated before closed, r3 matched before requested, r10 closed before requested
  (and before matched: it counts once, under the first rule), r11 closed before matched;
- matched, never closed: r9 (scheduled 134 days before AS_OF); r17 is matched too, but its appointment is to come,
  and r13 is pending (not matched);
- changed in the future: r15 (updated_at in 2099, beyond any "now" plus an hour).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from tests.fixture_db import as_dicts, create_and_fill

AS_OF = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)

REGIONS = [(1, "ANT", "Provincie Antwerpen"), (2, "LIM", "Limburg"), (3, "BRU", "Brussel")]
LOCAL_GOVERNMENTS = [
    (10, 1, "Mechelen", "12025"),
    (11, 1, "Lier", "12021"),
    (20, 2, "Genk", "71016"),
    (30, 3, "Brussel", "21004"),
]
# id, local government, name, sector (clean), has agreement
ORGANISATIONS = [
    (100, 10, "OCMW Mechelen", "welfare", True),
    (101, 10, "CLB Mechelen", "education", False),
    (102, 11, "Ziekenhuis [Lier]", "health", True),
    (200, 20, "Basisschool Genk", "education", True),
    (201, 20, "Stad Genk", "public_services", False),
    (300, 30, "OCMW Brussel", "welfare", True),
]
LANGUAGES = [(1, "ar", "Arabisch", "Arabic"), (2, "uk", "Oekraïens", "Ukrainian")]
# id, organisation, language, modality, requested_at (UTC), status, days from request to appointment
REQUESTS = [
    (1, 100, 1, "onsite", "2025-03-03 09:00", "completed", 7),
    (2, 100, 1, "phone", "2025-03-04 09:00", "completed", 7),
    (3, 100, 2, "onsite", "2025-04-01 09:00", "no_show_client", 7),
    (4, 100, 1, "video", "2025-05-02 09:00", "cancelled_client_late", 7),
    (5, 101, 1, "onsite", "2025-06-02 09:00", "completed", 7),
    (6, 101, 2, "phone", "2025-06-03 09:00", "unanswered_no_interpreter", 7),
    (7, 101, 1, "onsite", "2024-12-31 23:30", "completed", 7),
    (8, 102, 1, "onsite", "2025-07-01 09:00", "no_show_interpreter", 7),
    (9, 102, 1, "onsite", "2025-07-02 09:00", "matched", 140),  # appointment 2025-11-19: not stale when clean
    (10, 200, 2, "onsite", "2025-02-03 09:00", "completed", 7),
    (11, 200, 2, "onsite", "2025-02-04 09:00", "no_show_client", 7),
    (12, 200, 1, "translation", "2025-09-01 09:00", "unanswered_other", 7),
    (13, 201, 1, "phone", "2025-10-01 09:00", "pending", 7),
    (14, 201, 1, "video", "2025-12-31 23:30", "completed", 7),
    (15, 201, 2, "phone", "2025-11-03 09:00", "cancelled_interpreter", 7),
    (16, 201, 1, "phone", "2025-11-17 09:00", "completed", 0),
    (17, 102, 1, "onsite", "2025-11-18 09:00", "matched", 7),
]
# The defects `fill` seeds: request id -> changed columns (None: emptied); organisation 101 loses its sector.
DEFECTS = {
    1: {"validated_at": "2025-03-10 10:00"},  # closed 2025-03-10 11:00
    2: {"validated_at": None},
    3: {"matched_at": "2025-03-31 09:00"},
    7: {"closed_at": None, "validated_at": None},
    9: {"scheduled_start": "2025-07-09 09:00"},
    10: {"closed_at": "2025-02-03 08:00"},
    11: {"closed_at": "2025-02-04 09:30"},
    12: {"closed_at": None},
    14: {"closed_at": None},
    15: {"updated_at": "2099-01-01 00:00"},  # changed in the future (a wrong clock)
    16: {"validated_at": None},
}
NO_SECTOR = 101

# Hand-computed figures for 2025 (Brussels days), no filters, per place.
EXPECTED_2025 = {
    # requests, answered, completed, not_completed, unanswered, in_progress
    "all": (16, 11, 6, 5, 2, 3),
    "ANT": (10, 7, 4, 3, 1, 2),
    "LIM": (6, 4, 2, 2, 1, 1),
    "BRU": (0, 0, 0, 0, 0, 0),
    "Mechelen": (7, 6, 4, 2, 1, 0),
    "Lier": (3, 1, 0, 1, 0, 2),
    "Genk": (6, 4, 2, 2, 1, 1),
    "Brussel": (0,) * 6,
    100: (4, 4, 2, 2, 0, 0),
    101: (3, 2, 2, 0, 1, 0),
    102: (3, 1, 0, 1, 0, 2),
    200: (3, 2, 1, 1, 1, 0),
    201: (3, 2, 1, 1, 0, 1),
    300: (0,) * 6,
}


def utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def fill(engine: Engine) -> None:
    """The places and requests with the seeded defects."""
    _fill(engine, defects=True)


def fill_clean(engine: Engine) -> None:
    """The same places and requests with none of the defects."""
    _fill(engine, defects=False)


def _fill(engine: Engine, defects: bool) -> None:
    organisations = [
        (i, lg, name, None if defects and i == NO_SECTOR else sector, agreement)
        for i, lg, name, sector, agreement in ORGANISATIONS
    ]
    rows = [_request(*r) for r in REQUESTS]
    if defects:
        for row in rows:
            row.update({name: utc(value) for name, value in DEFECTS.get(row["id"], {}).items()})
    create_and_fill(
        engine,
        regions=as_dicts("id code name", REGIONS),
        local_governments=as_dicts("id region_id name nis_code", LOCAL_GOVERNMENTS),
        organisations=as_dicts("id local_government_id name sector has_agreement", organisations),
        languages=as_dicts("id code name_nl name_en", LANGUAGES),
        interpreters=[{"id": 1, "kind": "certified", "region_id": 1, "registered_on": date(2020, 1, 1)}],
        requests=rows,
    )


def _request(id_, organisation, language, modality, requested, status, lead_days) -> dict:
    """A request whose timestamps are in order: matched an hour after the request, closed two hours after the
    appointment (an unanswered one two hours after the request), validated a day after closing."""
    moment = utc(requested)
    start = moment + timedelta(days=lead_days)
    matched = moment + timedelta(hours=1) if status not in ("pending", *_UNANSWERED) else None
    closed = (
        None
        if status in ("pending", "matched")
        else (moment + timedelta(hours=2) if status in _UNANSWERED else start + timedelta(hours=2))
    )
    validated = closed + timedelta(days=1) if status == "completed" else None
    return {
        "id": id_,
        "organisation_id": organisation,
        "language_id": language,
        "modality": modality,
        "service": "interpreter",
        "requested_at": moment,
        "scheduled_start": start,
        "duration_min": 60,
        "status": status,
        "interpreter_id": 1 if matched else None,
        "matched_at": matched,
        "closed_at": closed,
        "validated_at": validated,
        "updated_at": validated or closed or matched or moment,
    }


_UNANSWERED = (
    "unanswered_no_interpreter",
    "unanswered_language_unavailable",
    "unanswered_wrong_service",
    "unanswered_other",
)
