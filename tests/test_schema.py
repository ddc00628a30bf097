"""The schema is CONTRACT.md sections 1-2, to the letter, in SQLite and in a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from dashboard import codes, schema

# CONTRACT.md section 1, written out by hand: table -> columns (name: nullable).
CONTRACT_TABLES = {
    "regions": {"id": False, "code": False, "name": False},
    "local_governments": {"id": False, "region_id": False, "name": False, "nis_code": True},
    "organisations": {"id": False, "local_government_id": False, "name": False, "sector": True, "has_agreement": False},
    "languages": {"id": False, "code": False, "name_nl": False, "name_en": False},
    "interpreters": {
        "id": False,
        "kind": False,
        "region_id": True,
        "local_government_id": True,
        "registered_on": False,
        "left_on": True,
    },
    "interpreter_languages": {"interpreter_id": False, "language_id": False},
    "availability": {"id": False, "interpreter_id": False, "starts_at": False, "ends_at": False},
    "requests": {
        "id": False,
        "organisation_id": False,
        "language_id": False,
        "modality": False,
        "service": False,
        "requested_at": False,
        "scheduled_start": True,
        "duration_min": True,
        "status": False,
        "interpreter_id": True,
        "matched_at": True,
        "closed_at": True,
        "validated_at": True,
        "actual_min": True,
        "evaluation": True,
        "updated_at": False,
    },
    "invitations": {
        "id": False,
        "request_id": False,
        "interpreter_id": False,
        "sent_at": False,
        "responded_at": True,
        "response": True,
    },
}
CONTRACT_INDEXES = {
    ("requests", "requested_at"),
    ("requests", "status"),
    ("requests", "language_id"),
    ("requests", "organisation_id"),
    ("requests", "interpreter_id"),
    ("requests", "updated_at"),
    ("requests", "scheduled_start"),
    ("availability", "starts_at"),
}
CONTRACT_STATUSES = {
    "pending",
    "matched",
    "completed",
    "cancelled_client_timely",
    "cancelled_client_late",
    "cancelled_interpreter",
    "cancelled_service",
    "no_show_client",
    "no_show_interpreter",
    "unanswered_no_interpreter",
    "unanswered_language_unavailable",
    "unanswered_wrong_service",
    "unanswered_other",
}


def test_codes_are_the_contracts():
    assert set(codes.STATUSES) == CONTRACT_STATUSES
    assert set(codes.ANSWERED) | set(codes.UNANSWERED) | set(codes.IN_PROGRESS) == CONTRACT_STATUSES
    assert len(codes.NOT_COMPLETED) == 6 and set(codes.NOT_AVAILABLE) | set(codes.OTHER_REASON) == set(codes.UNANSWERED)
    assert codes.MODALITIES == ("onsite", "phone", "video", "translation")
    assert set(codes.KINDS) == {"certified", "sworn", "in_training", "crisis", "taalhulp", "commercial"}
    assert len(codes.SECTORS) == 11 and "not_filled_in" not in codes.SECTORS


def _check_schema(engine) -> None:
    schema.create_schema(engine)
    found = inspect(engine)
    assert set(found.get_table_names()) == set(CONTRACT_TABLES)
    for table, columns in CONTRACT_TABLES.items():
        actual = {c["name"]: c["nullable"] for c in found.get_columns(table)}
        assert actual == columns, table
    indexes = {(table, tuple(ix["column_names"])[0]) for table in CONTRACT_TABLES for ix in found.get_indexes(table)}
    assert CONTRACT_INDEXES <= indexes
    assert found.get_pk_constraint("interpreter_languages")["constrained_columns"] == ["interpreter_id", "language_id"]
    assert {u["column_names"][0] for u in found.get_unique_constraints("regions")} | {
        ix["column_names"][0] for ix in found.get_indexes("regions") if ix["unique"]
    } >= {"code"}


def _check_codes_enforced(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO regions (id, code, name) VALUES (1, 'ANT', 'Provincie Antwerpen')"))
        conn.execute(text("INSERT INTO local_governments (id, region_id, name) VALUES (1, 1, 'Mechelen')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organisations (id, local_government_id, name, sector, has_agreement) "
                "VALUES (1, 1, 'X', 'not-a-sector', true)"
            )
        )


def test_schema_in_sqlite(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'schema.sqlite'}")
    _check_schema(engine)
    _check_codes_enforced(engine)


@pytest.mark.postgres
def test_schema_in_postgresql(postgres_url):
    engine = create_engine(postgres_url)
    _check_schema(engine)
    _check_codes_enforced(engine)
    with engine.connect() as conn:
        kinds = dict(
            conn.execute(
                text("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'requests'")
            ).all()
        )
    assert kinds["requested_at"] == "timestamp with time zone"
    engine.dispose()


def test_sqlite_timestamps_are_contract_text(tmp_path):
    from datetime import datetime

    engine = create_engine(f"sqlite:///{tmp_path / 't.sqlite'}")
    schema.create_schema(engine)
    with engine.begin() as conn:
        conn.execute(
            schema.availability.insert().values(
                id=1,
                interpreter_id=1,
                starts_at=datetime(2022, 12, 31, 23, 30, tzinfo=UTC),
                ends_at=datetime(2023, 1, 1, 1, 0, 5, 123456, tzinfo=UTC),
            )
        )
        stored = conn.execute(text("SELECT starts_at, ends_at FROM availability")).one()
    assert tuple(stored) == ("2022-12-31 23:30:00", "2023-01-01 01:00:05")
