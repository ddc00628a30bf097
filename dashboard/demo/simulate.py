"""Keep a demo database moving: new requests arrive, pending ones get an interpreter or go unanswered,
matched ones are carried out or fall through, completed ones get validated. Statuses only move forward.

Each step is one short transaction, and SQLite runs in WAL mode, so a dashboard can read beside it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import Engine, create_engine, event, func, insert, or_, select, update

from dashboard.demo import calibration as cal
from dashboard.demo.activity import OFFICE_HOURS, to_local
from dashboard.schema import interpreter_languages, interpreters, invitations, organisations, requests

# How quickly a pending request finds an interpreter when one is free (mean, hours), and how close to the
# appointment matchers give up.
MEAN_MATCH_HOURS = 6.0
GIVE_UP_BEFORE = timedelta(hours=2)
MEAN_VALIDATION_DAYS = cal.VALIDATION_DAYS
# Only requests made within this many days are matched or closed: older ones still pending or matched are the
# seeded data-quality defects ("in progress long after the fact") and stay so, so that the figures of a period
# that closed longer ago never move (issue 17 item 7), as in the operational system.
LIVE_DAYS = 60


@dataclass
class StepReport:
    """What one step changed."""

    arrived: int = 0
    matched: int = 0
    unanswered: int = 0
    closed: int = 0
    validated: int = 0


def writable_engine(target: str) -> Engine:
    """An engine that may write to the demo database, waiting politely for readers."""
    url = target if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA busy_timeout=5000")

    return engine


class Simulator:
    """Advances the demo database to a given moment, one step at a time."""

    def __init__(self, engine: Engine, seed: int = 1):
        self.engine = engine
        self.rng = np.random.default_rng(seed)

    def step(self, previous: datetime, now: datetime) -> StepReport:
        """Everything that happens between `previous` and `now` (UTC), in one transaction."""
        report = StepReport()
        with self.engine.begin() as conn:
            report.arrived = self._arrivals(conn, previous, now)
            report.matched, report.unanswered = self._match(conn, previous, now)
            report.closed = self._close(conn, now)
            report.validated = self._validate(conn, previous, now)
        return report

    def _arrivals(self, conn, previous: datetime, now: datetime) -> int:
        """New requests at the pace of the last four weeks, shaped by the hour of day, copied from recent ones."""
        recent = conn.execute(
            select(
                requests.c.organisation_id,
                requests.c.language_id,
                requests.c.modality,
                requests.c.service,
                requests.c.requested_at,
                requests.c.scheduled_start,
                requests.c.duration_min,
            ).where(requests.c.requested_at >= now - timedelta(days=28), requests.c.requested_at < now)
        ).all()
        if not recent:
            return 0
        hour = _local_hour(now)
        per_hour = len(recent) / 28 / 24 * OFFICE_HOURS[hour] / OFFICE_HOURS.mean()
        count = int(self.rng.poisson(per_hour * (now - previous).total_seconds() / 3600))
        rows = []
        for template in (recent[i] for i in self.rng.integers(0, len(recent), count)):
            arrived = previous + (now - previous) * float(self.rng.random())
            lead = (
                (_aware(template.scheduled_start) - _aware(template.requested_at))
                if template.scheduled_start
                else timedelta(days=3)
            )
            rows.append(
                {
                    "organisation_id": template.organisation_id,
                    "language_id": template.language_id,
                    "modality": template.modality,
                    "service": template.service,
                    "requested_at": arrived,
                    "scheduled_start": arrived + lead,
                    "duration_min": template.duration_min,
                    "status": "pending",
                    "updated_at": arrived,
                }
            )
        if rows:
            conn.execute(insert(requests), rows)
        return len(rows)

    def _match(self, conn, previous: datetime, now: datetime) -> tuple[int, int]:
        """Pending requests: matched with a free interpreter of the language, or given up shortly before start."""
        pending = conn.execute(
            select(
                requests.c.id,
                requests.c.language_id,
                requests.c.service,
                requests.c.modality,
                requests.c.scheduled_start,
                organisations.c.local_government_id,
            )
            .join(organisations, organisations.c.id == requests.c.organisation_id)
            .where(
                requests.c.status == "pending",
                requests.c.requested_at <= now,
                requests.c.requested_at >= now - timedelta(days=LIVE_DAYS),
            )
        ).all()
        matched = unanswered = 0
        chance = 1 - np.exp(-(now - previous).total_seconds() / 3600 / MEAN_MATCH_HOURS)
        for row in pending:
            candidates = self._candidates(conn, row, now)
            start = _aware(row.scheduled_start) if row.scheduled_start else now + timedelta(days=7)
            if candidates and self.rng.random() < chance:
                interpreter_id = int(self.rng.choice(candidates))
                self._set(conn, row.id, now, status="matched", interpreter_id=interpreter_id, matched_at=now)
                if row.service == "taalhulp":
                    conn.execute(
                        insert(invitations).values(
                            request_id=row.id,
                            interpreter_id=interpreter_id,
                            sent_at=now,
                            responded_at=now,
                            response="accepted",
                        )
                    )
                matched += 1
            elif start - now <= GIVE_UP_BEFORE:
                status = (
                    "unanswered_no_interpreter"
                    if self._spoken(conn, row.language_id)
                    else "unanswered_language_unavailable"
                )
                self._set(conn, row.id, now, status=status, closed_at=now)
                unanswered += 1
        return matched, unanswered

    def _candidates(self, conn, row, now: datetime) -> list[int]:
        kind_ok = interpreters.c.kind == "taalhulp" if row.service == "taalhulp" else interpreters.c.kind != "taalhulp"
        query = (
            select(interpreters.c.id)
            .join(interpreter_languages, interpreter_languages.c.interpreter_id == interpreters.c.id)
            .where(
                interpreter_languages.c.language_id == row.language_id,
                kind_ok,
                interpreters.c.registered_on <= now.date(),
                or_(interpreters.c.left_on.is_(None), interpreters.c.left_on > now.date()),
            )
        )
        if row.service == "taalhulp":
            query = query.where(interpreters.c.local_government_id == row.local_government_id)
        return [r.id for r in conn.execute(query)]

    def _spoken(self, conn, language_id: int) -> bool:
        query = (
            select(func.count())
            .select_from(interpreter_languages)
            .where(interpreter_languages.c.language_id == language_id)
        )
        return conn.execute(query).scalar_one() > 0

    def _close(self, conn, now: datetime) -> int:
        """Matched requests whose appointment is over get their outcome."""
        due = conn.execute(
            select(requests.c.id, requests.c.modality, requests.c.scheduled_start, requests.c.duration_min).where(
                requests.c.status == "matched",
                requests.c.scheduled_start <= now,
                requests.c.requested_at >= now - timedelta(days=LIVE_DAYS),
            )
        ).all()
        closed = 0
        for row in due:
            ends = _aware(row.scheduled_start) + timedelta(minutes=row.duration_min or 0)
            if ends > now:
                continue
            status = "completed"
            if self.rng.random() < cal.NOT_COMPLETED_RATE[row.modality]:
                split = cal.NOT_COMPLETED_SPLIT[row.modality]
                weights = np.array(list(split.values()))
                status = str(self.rng.choice(list(split), p=weights / weights.sum()))
            actual = (
                int(max(5, round((row.duration_min or 0) * self.rng.normal(1, 0.15))))
                if status == "completed" and row.duration_min
                else None
            )
            self._set(conn, row.id, now, status=status, closed_at=now, actual_min=actual)
            closed += 1
        return closed

    def _validate(self, conn, previous: datetime, now: datetime) -> int:
        """Completed requests get validated by the requester after a few days."""
        chance = 1 - np.exp(-(now - previous).total_seconds() / 86400 / MEAN_VALIDATION_DAYS)
        waiting = conn.execute(
            select(requests.c.id).where(
                requests.c.status == "completed",
                requests.c.validated_at.is_(None),
                requests.c.closed_at >= now - timedelta(days=30),
            )
        ).all()
        chosen = [r.id for r in waiting if self.rng.random() < chance]
        if chosen:
            conn.execute(update(requests).where(requests.c.id.in_(chosen)).values(validated_at=now, updated_at=now))
        return len(chosen)

    @staticmethod
    def _set(conn, request_id: int, now: datetime, **values) -> None:
        conn.execute(update(requests).where(requests.c.id == request_id).values(updated_at=now, **values))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _local_hour(moment: datetime) -> int:
    local = to_local(np.array([np.datetime64(moment.astimezone(UTC).replace(tzinfo=None), "s")]))[0]
    return int(local.astype("datetime64[h]").view("int64") % 24)


def run(
    simulator: Simulator,
    start: datetime,
    speed: float,
    interval: float,
    steps: int | None,
    report: Callable[[datetime, StepReport], None],
) -> None:
    """Step every `interval` wall-clock seconds, the simulated clock running `speed` times as fast."""
    wall_start, previous, done = time.monotonic(), start, 0
    while steps is None or done < steps:
        time.sleep(interval)
        now = start + timedelta(seconds=(time.monotonic() - wall_start) * speed)
        report(now, simulator.step(previous, now))
        previous, done = now, done + 1
