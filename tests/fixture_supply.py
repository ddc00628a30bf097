"""A small live situation whose supply and demand are worked out by hand (tests/test_supply_demand.py).

Now is Monday 23 November 2026, 09:00 UTC (10:00 in Brussels, winter time, UTC+1). Brussels days start at 23:00 UTC
the evening before. Windows: today = [23 Nov 09:00, 23 Nov 23:00) UTC; 7 days to 29 Nov 23:00 UTC; 14 days to
6 Dec 23:00 UTC.

Interpreters and their slots (UTC):
- 1 certified, ANT, Arabic: 23 Nov 10:00–14:00 and 12:00–16:00 (overlapping: 6 h together); booked 13:00–14:00.
- 2 crisis, no region, Ukrainian and Russian: 24 Nov 20:00 – 25 Nov 02:00 (crossing Brussels midnight at 23:00:
  3 h on 24 Nov and 3 h on 25 Nov); booked 24 Nov 22:00–23:00 (Russian).
- 3 certified, LIM, Arabic, left on 20 Nov 2026: a slot on 24 Nov 08:00–12:00 that must not count.
- 4 sworn, ANT, Arabic and Tigrinya: 23 Nov 07:00–10:00 (only 09:00–10:00 is still to come: 1 h, of which
  09:00–09:30 is booked by r13, which began at 08:00: 0.5 h free) and 1 Dec 08:00–12:00 (4 h, 14-day window only).
- 5 taalhulp, ANT, Arabic, registered on 1 Dec 2026: 24 Nov 10:00–12:00 (not yet in the pool: ignored) and
  2 Dec 10:00–12:00 (2 h, 14-day window).

History for the recent shortage rate (the last 90 complete Brussels days: 25 Aug to 22 Nov 2026; today, 23 Nov,
is not complete): the closed requests h1–h9 of HISTORY beside the open ones above. In the period:
- ti: r5 (pending, 21 Nov) and h1–h4: 5 requests, 3 not available (h1, h2 no interpreter, h3 language
  unavailable; h4 completed): 3/5 = 60 %. In ANT (organisation 1) only r5, h2, h4: 1/3.
- ar: r1, r2, r7, r8, r9, r13 (18–22 Nov) and h5 (25 Aug 00:30 in Brussels, the first day) and h7 (22 Nov 23:30,
  the last, unanswered for another reason): 8 requests, 1 not available (h5): 1/8 = 12,5 %. Left out: h6 (24 Aug
  23:30 in Brussels, a day too early), h8 (23 Nov 00:30, today), r6 and r12 (today). In ANT: r1, r2, r7, r8,
  r9, r13, h5: 1/7.
- uk: r3, r11: 0/2 (h9, 1 July, is too early). ru: r10: 0/1. zz: no requests, so no rate.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from tests.fixture_db import as_dicts, create_and_fill

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

REGIONS = [(1, "ANT", "Provincie Antwerpen"), (2, "LIM", "Limburg")]
LOCAL_GOVERNMENTS = [(1, 1, "Mechelen", "12025"), (2, 2, "Genk", "71016")]
ORGANISATIONS = [(1, 1, "OCMW Mechelen", "welfare", True), (2, 2, "Ziekenhuis Genk", "health", True)]
LANGUAGES = [
    (1, "ar", "Arabisch", "Arabic"),
    (2, "uk", "Oekraïens", "Ukrainian"),
    (3, "ti", "Tigrinya", "Tigrinya"),
    (4, "ru", "Russisch", "Russian"),
    (5, "zz", "Zonder vraag", "Without demand"),
]
INTERPRETERS = [  # id, kind, region, registered_on, left_on
    (1, "certified", 1, date(2020, 1, 1), None),
    (2, "crisis", None, date(2022, 3, 15), None),
    (3, "certified", 2, date(2019, 5, 1), date(2026, 11, 20)),
    (4, "sworn", 1, date(2021, 1, 1), None),
    (5, "taalhulp", 1, date(2026, 12, 1), None),
]
INTERPRETER_LANGUAGES = [(1, 1), (2, 2), (2, 4), (3, 1), (4, 1), (4, 3), (5, 1)]
SLOTS = [  # interpreter, starts_at, ends_at (UTC)
    (1, "2026-11-23 10:00:00", "2026-11-23 14:00:00"),
    (1, "2026-11-23 12:00:00", "2026-11-23 16:00:00"),
    (2, "2026-11-24 20:00:00", "2026-11-25 02:00:00"),
    (3, "2026-11-24 08:00:00", "2026-11-24 12:00:00"),
    (4, "2026-11-23 07:00:00", "2026-11-23 10:00:00"),
    (4, "2026-12-01 08:00:00", "2026-12-01 12:00:00"),
    (5, "2026-11-24 10:00:00", "2026-11-24 12:00:00"),
    (5, "2026-12-02 10:00:00", "2026-12-02 12:00:00"),
]
# id, organisation, language, modality, status, requested_at, scheduled_start, duration_min, interpreter
REQUESTS = [
    (1, 1, 1, "onsite", "pending", "2026-11-20 09:00:00", "2026-11-23 12:00:00", 90, None),
    (2, 1, 1, "onsite", "matched", "2026-11-19 09:00:00", "2026-11-23 13:00:00", 60, 1),
    (3, 2, 2, "phone", "pending", "2026-11-22 09:00:00", "2026-11-24 21:30:00", 60, None),
    (4, 2, 3, "onsite", "pending", "2026-11-23 08:00:00", "2026-11-25 08:00:00", 120, None),
    (5, 1, 3, "video", "pending", "2026-11-21 09:00:00", "2026-12-02 09:00:00", 60, None),
    (6, 2, 1, "onsite", "pending", "2026-11-23 08:30:00", "2026-11-29 22:30:00", 60, None),  # 29 Nov 23:30 local
    (7, 1, 1, "phone", "pending", "2026-11-22 09:00:00", "2026-11-29 23:30:00", 30, None),  # 30 Nov 00:30 local
    (8, 1, 1, "onsite", "pending", "2026-11-18 09:00:00", "2026-11-22 10:00:00", 60, None),  # already past
    (9, 1, 1, "onsite", "cancelled_client_timely", "2026-11-18 09:00:00", "2026-11-24 10:00:00", 60, None),
    (10, 1, 4, "phone", "matched", "2026-11-20 09:00:00", "2026-11-24 22:00:00", 60, 2),
    (11, 2, 2, "translation", "pending", "2026-11-21 09:00:00", "2026-11-26 10:00:00", None, None),
    (12, 1, 1, "onsite", "pending", "2026-11-23 07:00:00", "2026-11-23 08:00:00", 60, None),  # earlier today
    (13, 1, 1, "onsite", "matched", "2026-11-20 07:00:00", "2026-11-23 08:00:00", 90, 4),  # runs into the window
]
HISTORY = [  # closed requests (ids 101-109 = h1-h9), all scheduled a day after they were requested
    (101, 2, 3, "onsite", "unanswered_no_interpreter", "2026-09-10 09:00:00", "2026-09-11 09:00:00", 60, None),
    (102, 1, 3, "video", "unanswered_no_interpreter", "2026-10-05 09:00:00", "2026-10-06 09:00:00", 30, None),
    (103, 2, 3, "onsite", "unanswered_language_unavailable", "2026-11-02 09:00:00", "2026-11-03 09:00:00", 60, None),
    (104, 1, 3, "onsite", "completed", "2026-10-20 09:00:00", "2026-10-21 09:00:00", 60, 4),
    (105, 1, 1, "onsite", "unanswered_no_interpreter", "2026-08-24 22:30:00", "2026-08-25 22:30:00", 60, None),
    (106, 1, 1, "onsite", "unanswered_no_interpreter", "2026-08-24 21:30:00", "2026-08-25 21:30:00", 60, None),
    (107, 2, 1, "phone", "unanswered_other", "2026-11-22 22:30:00", "2026-11-23 22:30:00", 30, None),
    (108, 1, 1, "onsite", "unanswered_no_interpreter", "2026-11-22 23:30:00", "2026-11-23 23:30:00", 60, None),
    (109, 2, 2, "onsite", "unanswered_no_interpreter", "2026-07-01 09:00:00", "2026-07-02 09:00:00", 60, None),
]


def build_supply_fixture(engine: Engine) -> None:
    """Create the contract's tables and fill them with the rows above."""
    create_and_fill(
        engine,
        regions=as_dicts("id code name", REGIONS),
        local_governments=as_dicts("id region_id name nis_code", LOCAL_GOVERNMENTS),
        organisations=as_dicts("id local_government_id name sector has_agreement", ORGANISATIONS),
        languages=as_dicts("id code name_nl name_en", LANGUAGES),
        interpreters=as_dicts("id kind region_id registered_on left_on", INTERPRETERS),
        interpreter_languages=as_dicts("interpreter_id language_id", INTERPRETER_LANGUAGES),
        availability=[
            {"id": n, "interpreter_id": i, "starts_at": _utc(a), "ends_at": _utc(b)}
            for n, (i, a, b) in enumerate(SLOTS, start=1)
        ],
        requests=[_request(*r) for r in REQUESTS + HISTORY],
    )


def _request(id_, organisation, language, modality, status, requested, scheduled, duration, interpreter) -> dict:
    return {
        "id": id_,
        "organisation_id": organisation,
        "language_id": language,
        "modality": modality,
        "service": "interpreter",
        "requested_at": _utc(requested),
        "scheduled_start": _utc(scheduled),
        "duration_min": duration,
        "status": status,
        "interpreter_id": interpreter,
        "matched_at": _utc(requested) if interpreter else None,
        "updated_at": _utc(requested),
    }


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
