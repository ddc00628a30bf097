"""`simulate` moves statuses forward only and keeps the counting identities."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from dashboard import codes
from dashboard.demo.build import DemoOptions, build_demo
from dashboard.demo.simulate import Simulator, writable_engine
from tests.conftest import DEMO_NOW

# Over many steps a pending request may pass through `matched` to any final status; nothing goes back.
FORWARD = {
    "pending": {"pending", "matched", *codes.FINAL_STATUSES},
    "matched": {"matched", *codes.ANSWERED},
    **{final: {final} for final in codes.FINAL_STATUSES},
}


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    """A small demo database before and after twelve simulated hours in 36 steps."""
    path = tmp_path_factory.mktemp("sim") / "sim.sqlite"
    build_demo(str(path), DemoOptions(seed=11, scale=0.2, now=DEMO_NOW))
    before = _snapshot(path)
    simulator = Simulator(writable_engine(str(path)), seed=3)
    reports, moment = [], DEMO_NOW
    for _ in range(36):
        reports.append(simulator.step(moment, moment + timedelta(minutes=20)))
        moment += timedelta(minutes=20)
    simulator.engine.dispose()
    return before, _snapshot(path), reports, path


def _snapshot(path):
    with sqlite3.connect(path) as conn:
        return {row[0]: row[1:] for row in conn.execute("SELECT id, status, updated_at FROM requests")}


def test_statuses_only_move_forward(simulated):
    before, after, _, _ = simulated
    moves = {(before[i][0], after[i][0]) for i in before}
    assert all(new in FORWARD[old] for old, new in moves)
    assert ("pending", "matched") in moves and any(old == "matched" and new != "matched" for old, new in moves)


def test_every_step_did_something_and_stamped_updated_at(simulated):
    before, after, reports, _ = simulated
    assert sum(r.arrived for r in reports) > 10 and sum(r.closed for r in reports) > 10
    changed = [i for i in before if before[i] != after[i]]
    assert changed and all(after[i][1] > before[i][1] for i in changed)
    assert len(after) == len(before) + sum(r.arrived for r in reports)


def test_counting_identity_holds(simulated):
    *_, path = simulated
    with sqlite3.connect(path) as conn:
        counts = dict(conn.execute("SELECT status, count(*) FROM requests GROUP BY status").fetchall())
    total = sum(counts.values())
    answered = sum(counts.get(s, 0) for s in codes.ANSWERED)
    unanswered = sum(counts.get(s, 0) for s in codes.UNANSWERED)
    in_progress = sum(counts.get(s, 0) for s in codes.IN_PROGRESS)
    assert set(counts) <= set(codes.STATUSES)
    assert total == answered + unanswered + in_progress


def test_new_requests_are_pending_with_consistent_times(simulated):
    before, _, _, path = simulated
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            f"SELECT status, requested_at, updated_at, matched_at, closed_at FROM requests WHERE id > {max(before)}"
        ).fetchall()
    assert rows
    for status, requested, updated, matched, _closed in rows:
        assert updated >= requested and (matched is None or matched >= requested)
        assert status in ("pending", "matched", *codes.FINAL_STATUSES)
