"""A small operational database whose figures are worked out by hand (see EXPECTED_2022 and the tests).

Requests of 2022 in Brussels time: 13. Two edge cases at the year's ends: r10 at 2021-12-31 23:30 UTC is
1 January 2022 in Brussels (counts in 2022), r9 at 2022-12-31 23:30 UTC is 1 January 2023 (does not).
r15 at 2022-03-31 22:30 UTC is 1 April in Brussels (summer time, UTC+2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert

from dashboard import schema


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


REGIONS = [(1, "ANT", "Provincie Antwerpen"), (2, "LIM", "Limburg"), (3, "BRU", "Brussel")]
LOCAL_GOVERNMENTS = [(1, 1, "Mechelen", "12025"), (2, 2, "Genk", None)]
ORGANISATIONS = [
    (1, 1, "OCMW Mechelen", "welfare", True),
    (2, 2, "Basisschool Genk", "education", True),
    (3, 1, "Vzw zonder sector", None, False),
]
LANGUAGES = [
    (1, "ar", "Arabisch", "Arabic"),
    (2, "uk", "Oekraïens", "Ukrainian"),
    (3, "ti", "Tigrinya", "Tigrinya"),
    (4, "zz", "Zonder aanvragen", "Without requests"),
]
INTERPRETERS = [  # id, kind, region, local government, registered_on, left_on
    (1, "certified", 1, None, date(2020, 1, 1), None),
    (2, "crisis", None, None, date(2022, 3, 15), None),
    (3, "certified", 1, None, date(2019, 5, 1), date(2022, 6, 30)),
    (4, "taalhulp", 1, 1, date(2023, 1, 1), None),
    (5, "certified", 2, None, date(2023, 5, 1), date(2023, 12, 31)),
]
INTERPRETER_LANGUAGES = [(1, 1), (2, 2), (3, 1), (4, 1), (5, 3)]
# id, organisation, language, modality, requested_at (UTC), status, interpreter
REQUESTS = [
    (1, 1, 1, "onsite", "2022-03-01 10:00:00", "completed", 1),
    (2, 1, 1, "phone", "2022-03-02 09:00:00", "completed", 1),
    (3, 2, 2, "phone", "2022-04-10 08:00:00", "completed", 2),
    (4, 2, 2, "onsite", "2022-05-05 12:00:00", "unanswered_no_interpreter", None),
    (5, 3, 1, "onsite", "2022-06-01 07:00:00", "no_show_client", 3),
    (6, 1, 3, "video", "2022-07-01 09:00:00", "unanswered_language_unavailable", None),
    (7, 2, 1, "translation", "2022-08-01 09:00:00", "cancelled_client_late", 1),
    (8, 1, 1, "onsite", "2022-09-01 09:00:00", "unanswered_other", None),
    (9, 1, 1, "phone", "2022-12-31 23:30:00", "completed", 1),
    (10, 1, 1, "phone", "2021-12-31 23:30:00", "completed", 1),
    (11, 2, 2, "video", "2022-10-01 09:00:00", "pending", None),
    (12, 1, 1, "phone", "2022-11-01 09:00:00", "matched", 1),
    (13, 1, 1, "onsite", "2022-06-15 09:00:00", "no_show_interpreter", 3),
    (14, 2, 3, "onsite", "2023-03-01 09:00:00", "completed", 5),
    (15, 3, 1, "phone", "2022-03-31 22:30:00", "cancelled_client_timely", 1),
]

# Hand-computed figures for 2022 (Brussels) without filters.
EXPECTED_2022 = {
    "requests": 13,
    "answered": 8,
    "completed": 4,
    "not_completed": 4,
    "unanswered": 3,
    "not_available": 2,
    "other_reason": 1,
    "in_progress": 2,
    "no_show_client": 1,
    "no_show_interpreter": 1,
    "cancelled_client_late": 1,
    "active_interpreters": 2,
    "registered_interpreters": 2,  # 1 and 2 (3 left on 30 June 2022, 4 and 5 registered in 2023)
    "registered_in_period": 3,  # 1, 2 and 3: in the register at some time in 2022
    "answer_rate": 8 / 11,
    "unmet_rate": 3 / 13,
    "shortage_rate": 2 / 13,
    "completion_rate": 4 / 8,
    "non_completion_rate": 4 / 8,
    "fulfilment_rate": 4 / 13,
    "no_show_client_rate": 1 / 8,
    "no_show_interpreter_rate": 1 / 8,
    "late_cancellation_rate": 1 / 8,
    "activity_rate": 2 / 3,  # active and in the register: 1 (r1 r2 r10) and 2 (r3), of 1, 2 and 3
}


def build_fixture(engine: Engine) -> None:
    """Create the contract's tables and fill them with the rows above."""
    create_and_fill(
        engine,
        regions=as_dicts("id code name", REGIONS),
        local_governments=as_dicts("id region_id name nis_code", LOCAL_GOVERNMENTS),
        organisations=as_dicts("id local_government_id name sector has_agreement", ORGANISATIONS),
        languages=as_dicts("id code name_nl name_en", LANGUAGES),
        interpreters=as_dicts("id kind region_id local_government_id registered_on left_on", INTERPRETERS),
        interpreter_languages=as_dicts("interpreter_id language_id", INTERPRETER_LANGUAGES),
        requests=[_request(*r) for r in REQUESTS],
    )


# --- shared by the fixture modules ---------------------------------------------------------------------------


def as_dicts(columns: str, rows) -> list[dict]:
    """Rows written as tuples, as dicts for `columns` (names separated by spaces)."""
    names = columns.split()
    return [dict(zip(names, row, strict=True)) for row in rows]


def create_and_fill(engine: Engine, **rows: list[dict]) -> None:
    """Create the contract's tables and insert `rows` (table name -> list of dicts), parents before children."""
    schema.create_schema(engine)
    with engine.begin() as conn:
        for table in schema.metadata.sorted_tables:
            if rows.get(table.name):
                conn.execute(insert(table), rows[table.name])


def _request(id_, organisation, language, modality, requested, status, interpreter) -> dict:
    moment = utc(requested)
    return {
        "id": id_,
        "organisation_id": organisation,
        "language_id": language,
        "modality": modality,
        "service": "interpreter",
        "requested_at": moment,
        "scheduled_start": moment,
        "duration_min": 60,
        "status": status,
        "interpreter_id": interpreter,
        "updated_at": moment,
        "matched_at": moment if interpreter else None,
    }
