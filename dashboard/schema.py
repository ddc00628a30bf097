"""The operational database's tables as SQLAlchemy Core metadata, exactly to CONTRACT.md sections 1-2.

The dashboard only reads these tables; `create_schema` exists for the demo database and the tests.
Timestamps are UTC: `timestamp with time zone` in PostgreSQL, text `YYYY-MM-DD HH:MM:SS` in SQLite.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine

from dashboard import codes

UTC_TIMESTAMP = DateTime(timezone=True).with_variant(
    sqlite.DATETIME(
        storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d",
        regexp=r"(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)(?:\.(\d+))?",
    ),
    "sqlite",
)

metadata = MetaData()


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A CHECK constraint that keeps `column` within the contract's codes (NULL allowed)."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=f"ck_{column}_code")


regions = Table(
    "regions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(3), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
)

local_governments = Table(
    "local_governments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("region_id", Integer, ForeignKey("regions.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("nis_code", String(5), nullable=True),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("local_government_id", Integer, ForeignKey("local_governments.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("sector", String(20), nullable=True),
    Column("has_agreement", Boolean, nullable=False),
    _one_of("sector", codes.SECTORS),
)

languages = Table(
    "languages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("name_nl", String(100), nullable=False),
    Column("name_en", String(100), nullable=False),
)

interpreters = Table(
    "interpreters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(12), nullable=False),
    Column("region_id", Integer, ForeignKey("regions.id"), nullable=True),
    Column("local_government_id", Integer, ForeignKey("local_governments.id"), nullable=True),
    Column("registered_on", Date, nullable=False),
    Column("left_on", Date, nullable=True),
    _one_of("kind", codes.KINDS),
)

interpreter_languages = Table(
    "interpreter_languages",
    metadata,
    Column("interpreter_id", Integer, ForeignKey("interpreters.id"), primary_key=True),
    Column("language_id", Integer, ForeignKey("languages.id"), primary_key=True),
)

availability = Table(
    "availability",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("interpreter_id", Integer, ForeignKey("interpreters.id"), nullable=False),
    Column("starts_at", UTC_TIMESTAMP, nullable=False),
    Column("ends_at", UTC_TIMESTAMP, nullable=False),
    Index("ix_availability_starts_at", "starts_at"),
)

requests = Table(
    "requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False),
    Column("language_id", Integer, ForeignKey("languages.id"), nullable=False),
    Column("modality", String(12), nullable=False),
    Column("service", String(12), nullable=False),
    Column("requested_at", UTC_TIMESTAMP, nullable=False),
    Column("scheduled_start", UTC_TIMESTAMP, nullable=True),
    Column("duration_min", Integer, nullable=True),
    Column("status", String(32), nullable=False),
    Column("interpreter_id", Integer, ForeignKey("interpreters.id"), nullable=True),
    Column("matched_at", UTC_TIMESTAMP, nullable=True),
    Column("closed_at", UTC_TIMESTAMP, nullable=True),
    Column("validated_at", UTC_TIMESTAMP, nullable=True),
    Column("actual_min", Integer, nullable=True),
    Column("evaluation", Integer, nullable=True),
    Column("updated_at", UTC_TIMESTAMP, nullable=False),
    _one_of("modality", codes.MODALITIES),
    _one_of("service", codes.SERVICES),
    _one_of("status", codes.STATUSES),
    CheckConstraint("evaluation BETWEEN 1 AND 5", name="ck_evaluation_range"),
    Index("ix_requests_requested_at", "requested_at"),
    Index("ix_requests_status", "status"),
    Index("ix_requests_language_id", "language_id"),
    Index("ix_requests_organisation_id", "organisation_id"),
    Index("ix_requests_interpreter_id", "interpreter_id"),
    Index("ix_requests_updated_at", "updated_at"),
    Index("ix_requests_scheduled_start", "scheduled_start"),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("request_id", Integer, ForeignKey("requests.id"), nullable=False),
    Column("interpreter_id", Integer, ForeignKey("interpreters.id"), nullable=False),
    Column("sent_at", UTC_TIMESTAMP, nullable=False),
    Column("responded_at", UTC_TIMESTAMP, nullable=True),
    Column("response", String(8), nullable=True),
    _one_of("response", codes.INVITATION_RESPONSES),
)


def create_schema(engine: Engine) -> None:
    """Create every table and index of the contract (for demo databases and tests only)."""
    metadata.create_all(engine)
