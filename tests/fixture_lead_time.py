"""A small operational database for booking lead time (tests/test_lead_time.py), every figure worked out by hand.

Organisations: 1 OCMW Mechelen (welfare, ANT), 2 Basisschool Genk (education, LIM), 3 no sector (Mechelen, ANT).
Lead time = scheduled_start − requested_at in real hours; times below are UTC.

| r | org | modality | requested (UTC) | scheduled (UTC) | real hours | band | status |
|---|---|---|---|---|---|---|---|
| 1 | 1 | onsite | 2022-03-01 09:00 | 2022-03-01 13:00 | 4 | lt24h | not available |
| 2 | 1 | onsite | 2022-03-02 09:00 | 2022-03-03 09:00 | 24 exactly | 24-72h | not available |
| 3 | 1 | onsite | 2022-03-02 09:00 | 2022-03-03 08:59:59 | 23.9997 | lt24h | completed |
| 4 | 2 | onsite | 2022-03-26 10:00 | 2022-03-27 09:30 | 23.5 (wall clock 24.5: spring DST) | lt24h | completed |
| 5 | 2 | onsite | 2022-10-28 10:00 | 2022-10-31 10:30 | 72.5 (wall clock 71.5: autumn DST) | 3-7d | no language |
| 6 | 1 | onsite | 2022-04-01 08:00 | 2022-04-08 08:00 | 168 exactly | gt7d | cancelled late (answered) |
| 7 | 1 | onsite | 2022-04-01 08:00 | 2022-04-05 08:00 | 96 | 3-7d | pending |
| 8 | 1 | video | 2022-05-02 08:00 | 2022-05-02 10:00 | 2 | lt24h | completed |
| 9 | 3 | video | 2022-05-02 08:00 | 2022-05-04 08:00 | 48 | 24-72h | not available |
| 10 | 3 | video | 2022-05-03 08:00 | 2022-05-20 08:00 | 408 | gt7d | completed |
| 11 | 1 | phone | 2022-06-01 09:00 | 2022-06-01 09:05 | 0.083 | lt24h | completed |
| 12 | 2 | phone | 2022-06-01 09:00 | none | – | left out (no start) | completed |
| 13 | 2 | phone | 2022-06-10 09:00 | 2022-06-09 09:00 | −24 | left out (before) | completed |
| 14 | 3 | translation | 2022-07-01 08:00 | 2022-07-15 15:00 | 343 | gt7d | completed |
| 15 | 1 | translation | 2022-07-04 08:00 | 2022-07-05 15:00 | 31 | 24-72h | other reason |
| 16 | 1 | onsite | 2023-01-10 09:00 | 2023-01-10 11:00 | 2 | lt24h (2023) | completed |
| 17 | 1 | onsite | 2021-12-31 23:30 (1 Jan in Brussels) | 2022-01-03 08:00 | 56.5 | 24-72h | not available |
"""

from __future__ import annotations

from sqlalchemy import Engine

from tests.fixture_db import LANGUAGES, LOCAL_GOVERNMENTS, ORGANISATIONS, REGIONS, as_dicts, create_and_fill, utc

REQUESTS = [  # id, organisation, modality, requested_at, scheduled_start, status
    (1, 1, "onsite", "2022-03-01 09:00:00", "2022-03-01 13:00:00", "unanswered_no_interpreter"),
    (2, 1, "onsite", "2022-03-02 09:00:00", "2022-03-03 09:00:00", "unanswered_no_interpreter"),
    (3, 1, "onsite", "2022-03-02 09:00:00", "2022-03-03 08:59:59", "completed"),
    (4, 2, "onsite", "2022-03-26 10:00:00", "2022-03-27 09:30:00", "completed"),
    (5, 2, "onsite", "2022-10-28 10:00:00", "2022-10-31 10:30:00", "unanswered_language_unavailable"),
    (6, 1, "onsite", "2022-04-01 08:00:00", "2022-04-08 08:00:00", "cancelled_client_late"),
    (7, 1, "onsite", "2022-04-01 08:00:00", "2022-04-05 08:00:00", "pending"),
    (8, 1, "video", "2022-05-02 08:00:00", "2022-05-02 10:00:00", "completed"),
    (9, 3, "video", "2022-05-02 08:00:00", "2022-05-04 08:00:00", "unanswered_no_interpreter"),
    (10, 3, "video", "2022-05-03 08:00:00", "2022-05-20 08:00:00", "completed"),
    (11, 1, "phone", "2022-06-01 09:00:00", "2022-06-01 09:05:00", "completed"),
    (12, 2, "phone", "2022-06-01 09:00:00", None, "completed"),
    (13, 2, "phone", "2022-06-10 09:00:00", "2022-06-09 09:00:00", "completed"),
    (14, 3, "translation", "2022-07-01 08:00:00", "2022-07-15 15:00:00", "completed"),
    (15, 1, "translation", "2022-07-04 08:00:00", "2022-07-05 15:00:00", "unanswered_other"),
    (16, 1, "onsite", "2023-01-10 09:00:00", "2023-01-10 11:00:00", "completed"),
    (17, 1, "onsite", "2021-12-31 23:30:00", "2022-01-03 08:00:00", "unanswered_no_interpreter"),
]


def fill(engine: Engine) -> None:
    """Create the contract's tables and fill them with this fixture."""
    create_and_fill(
        engine,
        regions=as_dicts("id code name", REGIONS),
        local_governments=as_dicts("id region_id name nis_code", LOCAL_GOVERNMENTS),
        organisations=as_dicts("id local_government_id name sector has_agreement", ORGANISATIONS),
        languages=as_dicts("id code name_nl name_en", LANGUAGES),
        requests=[_request(*row) for row in REQUESTS],
    )


def _request(id_, organisation, modality, requested, scheduled, status) -> dict:
    moment = utc(requested)
    return {
        "id": id_,
        "organisation_id": organisation,
        "language_id": 1,
        "modality": modality,
        "service": "interpreter",
        "requested_at": moment,
        "scheduled_start": utc(scheduled) if scheduled else None,
        "duration_min": 60,
        "status": status,
        "updated_at": moment,
    }
