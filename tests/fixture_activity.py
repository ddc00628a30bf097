"""A small operational database for the activity rate (CONTRACT §3): interpreters who leave and join within the
first quarter of 2023, and interpreters active while not in the register (data inconsistencies). Every figure is
worked out by hand in tests/test_activity.py.

The period is 1 January to 31 March 2023. Who is where (registered_on, left_on; languages; completed requests):
- 1 in training, 2020-01-01 → left 2023-02-15 (leaves mid-period); ar; completed ar in January.
- 2 in training, 2023-02-01 (joins mid-period); ar; completed ar in March.
- 3 in training, 2022-01-01 → left 2023-01-01 (left on the period's first day: gone); ar; completed ar in
  January all the same (inconsistent: active, not in the register).
- 4 in training, 2023-04-01 (joins after the period); ti; completed ti in March (inconsistent likewise).
- 5 certified, 2019-01-01; ar and ti; completed ti in February only.
- 6 certified, 2022-06-01 → left 2023-03-31 (left on the last day: in the register during the period, not at its
  end); ti; region LIM; nothing completed.
- 7 certified, 2018-01-01 → left 2022-12-31 (before the period); ar; nothing.
- 8 in training, 2023-03-31 (joins on the last day); ti; nothing.
- 9 certified, 2020-01-01, no region; speaks no language in the register; completed ar in February.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from tests.fixture_db import _request, as_dicts, create_and_fill

REGIONS = [(1, "ANT", "Provincie Antwerpen"), (2, "LIM", "Limburg")]
LOCAL_GOVERNMENTS = [(1, 1, "Mechelen", "12025")]
ORGANISATIONS = [(1, 1, "OCMW Mechelen", "welfare", True)]
LANGUAGES = [(1, "ar", "Arabisch", "Arabic"), (2, "ti", "Tigrinya", "Tigrinya")]
INTERPRETERS = [  # id, kind, region, local government, registered_on, left_on
    (1, "in_training", 1, None, date(2020, 1, 1), date(2023, 2, 15)),
    (2, "in_training", 1, None, date(2023, 2, 1), None),
    (3, "in_training", 1, None, date(2022, 1, 1), date(2023, 1, 1)),
    (4, "in_training", 1, None, date(2023, 4, 1), None),
    (5, "certified", 1, None, date(2019, 1, 1), None),
    (6, "certified", 2, None, date(2022, 6, 1), date(2023, 3, 31)),
    (7, "certified", 1, None, date(2018, 1, 1), date(2022, 12, 31)),
    (8, "in_training", 1, None, date(2023, 3, 31), None),
    (9, "certified", None, None, date(2020, 1, 1), None),
]
INTERPRETER_LANGUAGES = [(1, 1), (2, 1), (3, 1), (4, 2), (5, 1), (5, 2), (6, 2), (7, 1), (8, 2)]
REQUESTS = [  # id, organisation, language, modality, requested_at (UTC), status, interpreter
    (1, 1, 1, "onsite", "2023-01-10 09:00:00", "completed", 1),
    (2, 1, 1, "phone", "2023-03-20 09:00:00", "completed", 2),
    (3, 1, 1, "onsite", "2023-01-12 09:00:00", "completed", 3),
    (4, 1, 2, "video", "2023-03-05 09:00:00", "completed", 4),
    (5, 1, 2, "onsite", "2023-02-07 09:00:00", "completed", 5),
    (6, 1, 1, "phone", "2023-02-20 09:00:00", "completed", 9),
    (7, 1, 2, "onsite", "2023-02-21 09:00:00", "unanswered_no_interpreter", None),
    (8, 1, 1, "onsite", "2023-03-01 09:00:00", "no_show_client", 5),  # not completed: 5 is not active in ar
]


def fill(engine: Engine) -> None:
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
