"""A small operational database for the management pages (/no-shows, /interpreters), every figure worked out by hand
in tests/test_no_shows.py and tests/test_interpreters.py.

2022 (Brussels days) holds the detailed rows: every not-completed status, each dimension, hours with and without
an actual length, the six-month inactivity edge and the taalhulp invitations. 2023 holds two bulk organisations
around the volume threshold of the "most failed" table (30 answered requests): one at it, one just under it.

Edges on purpose:
- r7 (2021-12-31 23:30 UTC) and r21 (23:00 UTC) are 1 January 2022 in Brussels; r18 (2022-12-31 23:30 UTC) is
  1 January 2023; r15 (2022-12-31 22:30 UTC) is still 31 December 2022.
- r6 (2022-06-29 21:30 UTC) is 29 June in Brussels, r19 (22:30 UTC) 30 June: one day outside and inside the six
  months up to 31 December 2022 (from 30 June).
- invitation 6 (2021-12-31 23:30 UTC) is sent on 1 January 2022 in Brussels; invitation 7 (2022-12-31 23:30 UTC) on
  1 January 2023, though its request is of 2022.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from dashboard import schema


def utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


REGIONS = [(1, "ANT", "Provincie Antwerpen"), (2, "LIM", "Limburg")]
LOCAL_GOVERNMENTS = [(1, 1, "Mechelen", "12025"), (2, 2, "Genk", None)]
ORGANISATIONS = [  # id, local government, name, sector, has_agreement
    (1, 1, "OCMW Mechelen", "welfare", True),
    (2, 2, "Basisschool [Genk]", "education", True),  # brackets: a markdown link must escape them
    (3, 1, "Vzw zonder sector", None, False),
    (4, 2, "Ziekenhuis op de drempel", "health", True),
    (5, 2, "Ziekenhuis net eronder", "health", True),
]
LANGUAGES = [(1, "ar", "Arabisch", "Arabic"), (2, "uk", "Oekraïens", "Ukrainian"), (3, "ti", "Tigrinya", "Tigrinya")]
INTERPRETERS = [  # id, kind, region, local government (a taalhulp's pool), registered_on, left_on
    (1, "certified", 1, None, date(2020, 1, 1), None),
    (2, "crisis", None, None, date(2022, 3, 15), None),
    (3, "certified", 1, None, date(2019, 5, 1), date(2022, 6, 30)),  # left on the day: not registered at 2022's end
    (4, "taalhulp", 1, 1, date(2021, 1, 1), None),
    (5, "taalhulp", 2, 2, date(2021, 6, 1), None),
    (6, "certified", 2, None, date(2018, 1, 1), None),  # never completes anything
    (7, "sworn", 1, None, date(2022, 7, 1), None),  # registered a day after the six months of 2022's end began
    (8, "taalhulp", 1, 1, date(2023, 1, 1), None),  # not yet registered in 2022
    (9, "sworn", 2, None, date(2022, 6, 30), None),  # registered on the six months' first day
]
INTERPRETER_LANGUAGES = [(1, 1), (2, 2), (3, 1), (4, 1), (5, 1), (5, 2), (6, 3), (7, 1), (8, 1), (9, 3)]
REQUESTS = [
    # id, organisation, language, modality, service, requested_at (UTC), status, interpreter, duration_min, actual_min
    (1, 1, 1, "onsite", "interpreter", "2022-01-10 09:00:00", "completed", 1, 60, 90),
    (2, 1, 1, "phone", "interpreter", "2022-02-10 09:00:00", "completed", 1, 30, None),
    (3, 2, 2, "onsite", "interpreter", "2022-03-20 09:00:00", "completed", 2, 120, 100),
    (4, 2, 2, "video", "interpreter", "2022-04-05 09:00:00", "completed", 2, 60, None),
    (5, 3, 1, "translation", "interpreter", "2022-05-05 09:00:00", "completed", 1, None, None),
    (6, 1, 1, "onsite", "taalhulp", "2022-06-29 21:30:00", "completed", 4, 90, 75),
    (7, 3, 1, "translation", "interpreter", "2021-12-31 23:30:00", "completed", 3, None, None),
    (8, 1, 1, "onsite", "interpreter", "2022-01-20 09:00:00", "no_show_client", 1, 60, None),
    (9, 2, 2, "onsite", "interpreter", "2022-03-01 09:00:00", "no_show_client", 2, 60, None),
    (10, 1, 1, "phone", "interpreter", "2022-07-01 09:00:00", "no_show_interpreter", 1, 30, None),
    (11, 1, 1, "onsite", "interpreter", "2022-08-01 09:00:00", "cancelled_client_late", 1, 60, None),
    (12, 3, 3, "video", "interpreter", "2022-09-01 09:00:00", "cancelled_client_late", 1, 60, None),
    (13, 2, 2, "phone", "interpreter", "2022-10-01 09:00:00", "cancelled_client_timely", 2, 30, None),
    (14, 1, 1, "onsite", "interpreter", "2022-11-01 09:00:00", "cancelled_interpreter", 1, 60, None),
    (15, 2, 2, "onsite", "interpreter", "2022-12-31 22:30:00", "cancelled_service", 2, 60, None),
    (16, 1, 1, "onsite", "interpreter", "2022-05-01 09:00:00", "unanswered_no_interpreter", None, 60, None),
    (17, 2, 2, "phone", "interpreter", "2022-12-15 09:00:00", "pending", None, 30, None),
    (18, 1, 1, "onsite", "interpreter", "2022-12-31 23:30:00", "completed", 1, 60, 60),
    (19, 1, 1, "onsite", "taalhulp", "2022-06-29 22:30:00", "completed", 5, 90, None),
    (20, 1, 1, "onsite", "taalhulp", "2022-09-10 09:30:00", "unanswered_no_interpreter", None, 60, None),
    (21, 1, 1, "onsite", "taalhulp", "2021-12-31 23:00:00", "unanswered_other", None, 60, None),
]
# 2023: organisation 4 with exactly 30 answered (25 completed, 5 client no-shows); organisation 5 with 29 answered
# (20 completed, 9 timely cancellations) and 3 unanswered, so 32 requests but under the threshold.
BULK = (
    [(4, "completed")] * 25
    + [(4, "no_show_client")] * 5
    + [(5, "completed")] * 20
    + [(5, "cancelled_client_timely")] * 9
    + [(5, "unanswered_no_interpreter")] * 3
)
INVITATIONS = [  # id, request, helper, sent_at (UTC), responded_at, response
    (1, 6, 5, "2022-06-29 21:40:00", "2022-06-29 23:40:00", "refused"),  # 2 h
    (2, 6, 4, "2022-06-30 00:00:00", "2022-06-30 04:00:00", "accepted"),  # 4 h
    (3, 19, 5, "2022-06-29 23:00:00", "2022-06-30 09:00:00", "accepted"),  # 10 h
    (4, 20, 4, "2022-09-10 10:00:00", None, None),
    (5, 20, 5, "2022-09-12 10:00:00", "2022-09-12 11:00:00", "refused"),  # 1 h
    (6, 21, 4, "2021-12-31 23:30:00", None, None),  # 1 January 2022 in Brussels
    (7, 21, 5, "2022-12-31 23:30:00", "2023-01-01 08:00:00", "refused"),  # 1 January 2023 in Brussels
]


def bulk_requests() -> list[tuple]:
    """The 2023 rows: one a day from 1 February 2023, ids from 100, Arabic by phone, interpreter 1 where assigned."""
    rows = []
    for index, (organisation, status) in enumerate(BULK):
        moment = (datetime(2023, 2, 1, 9) + timedelta(days=index)).strftime("%Y-%m-%d %H:%M:%S")
        interpreter = None if status.startswith("unanswered") else 1
        rows.append((100 + index, organisation, 1, "phone", "interpreter", moment, status, interpreter, 30, 30))
    return rows


def fill(engine: Engine) -> None:
    """Create the contract's tables and fill them with the rows above."""
    schema.create_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(schema.regions), [dict(zip(("id", "code", "name"), r)) for r in REGIONS])
        conn.execute(
            insert(schema.local_governments),
            [dict(zip(("id", "region_id", "name", "nis_code"), r)) for r in LOCAL_GOVERNMENTS],
        )
        conn.execute(
            insert(schema.organisations),
            [dict(zip(("id", "local_government_id", "name", "sector", "has_agreement"), r)) for r in ORGANISATIONS],
        )
        conn.execute(insert(schema.languages), [dict(zip(("id", "code", "name_nl", "name_en"), r)) for r in LANGUAGES])
        conn.execute(
            insert(schema.interpreters),
            [
                dict(zip(("id", "kind", "region_id", "local_government_id", "registered_on", "left_on"), r))
                for r in INTERPRETERS
            ],
        )
        conn.execute(
            insert(schema.interpreter_languages),
            [{"interpreter_id": i, "language_id": lang} for i, lang in INTERPRETER_LANGUAGES],
        )
        conn.execute(insert(schema.requests), [_request(*r) for r in REQUESTS + bulk_requests()])
        conn.execute(
            insert(schema.invitations),
            [
                {
                    "id": i,
                    "request_id": r,
                    "interpreter_id": h,
                    "sent_at": utc(sent),
                    "responded_at": utc(answered),
                    "response": response,
                }
                for i, r, h, sent, answered, response in INVITATIONS
            ],
        )


def _request(id_, organisation, language, modality, service, requested, status, interpreter, duration, actual):
    moment = utc(requested)
    return {
        "id": id_,
        "organisation_id": organisation,
        "language_id": language,
        "modality": modality,
        "service": service,
        "requested_at": moment,
        "scheduled_start": moment + timedelta(days=3),
        "duration_min": duration,
        "status": status,
        "interpreter_id": interpreter,
        "updated_at": moment,
        "matched_at": moment if interpreter else None,
        "actual_min": actual,
    }
