"""The demo database: calibrated on the 2022 annual report (DOMAIN.md §5), deterministic, safe to write."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from dashboard.demo.build import DemoOptions, build_demo
from tests.conftest import DEMO_NOW

# 2022 in Brussels time, as UTC text bounds (CET is UTC+1 on both ends).
YEAR_2022 = ("2021-12-31 23:00:00", "2022-12-31 23:00:00")
# DOMAIN §5.1 (annual report 2022, fig. 47): requests, answered, completed, not answered, not available.
REPORT_2022 = {
    "onsite": (22360, 14108, 9264, 8240, 7601),
    "phone": (33692, 30159, 27048, 3533, 2956),
    "video": (8604, 6888, 4650, 1715, 1192),
    "translation": (1562, 1492, 1478, 52, 44),
}
ANSWERED = (
    "completed",
    "cancelled_client_timely",
    "cancelled_client_late",
    "cancelled_interpreter",
    "cancelled_service",
    "no_show_client",
    "no_show_interpreter",
)
FIGURES_2022 = f"""
    SELECT modality, count(*),
           sum(status IN ({", ".join(f"'{s}'" for s in ANSWERED)})),
           sum(status = 'completed'),
           sum(status LIKE 'unanswered%'),
           sum(status IN ('unanswered_no_interpreter', 'unanswered_language_unavailable'))
    FROM requests WHERE requested_at >= ? AND requested_at < ? GROUP BY modality"""


@pytest.fixture(scope="module")
def db(demo_sqlite):
    connection = sqlite3.connect(demo_sqlite)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def figures_2022(db):
    return {row[0]: row[1:] for row in db.execute(FIGURES_2022, YEAR_2022)}


def test_2022_totals_within_two_percent_of_the_annual_report(figures_2022):
    for i, name in enumerate(("requests", "answered", "completed", "not answered", "not available")):
        ours = sum(f[i] for f in figures_2022.values())
        report = sum(r[i] for r in REPORT_2022.values())
        assert abs(ours - report) <= 0.02 * report, name


@pytest.mark.parametrize("modality", REPORT_2022)
def test_2022_rates_per_modality(figures_2022, modality):
    requests, answered, completed, unanswered, not_available = figures_2022[modality]
    report = REPORT_2022[modality]
    assert requests == report[0]
    rates = (answered / requests, unanswered / requests, not_available / requests, 1 - completed / answered)
    expected = (report[1] / report[0], report[3] / report[0], report[4] / report[0], 1 - report[2] / report[1])
    for ours, theirs in zip(rates, expected):
        assert ours == pytest.approx(theirs, abs=0.01)


def test_yearly_totals_and_growth(db):
    def year(y):
        return db.execute(
            "SELECT count(*) FROM requests WHERE requested_at >= ? AND requested_at < ?",
            (f"{y - 1}-12-31 23:00:00", f"{y}-12-31 23:00:00"),
        ).fetchone()[0]

    assert (year(2020), year(2021), year(2022)) == (38621, 55965, 66218)
    assert 1.0 < year(2023) / year(2022) < 1.1 and 1.0 < year(2025) / year(2024) < 1.1


def test_top_language_shares_2022(db):
    total = db.execute(
        "SELECT count(*) FROM requests WHERE requested_at >= ? AND requested_at < ?", YEAR_2022
    ).fetchone()[0]
    shares = dict(
        db.execute(
            "SELECT l.code, count(*) FROM requests r JOIN languages l ON l.id = r.language_id "
            "WHERE requested_at >= ? AND requested_at < ? GROUP BY l.code",
            YEAR_2022,
        ).fetchall()
    )
    for code, percent in (("ar", 23), ("ru", 9), ("tr", 8)):
        assert abs(100 * shares[code] / total - percent) <= 2, code


def test_register_at_end_of_2022(db):
    certified = db.execute(
        "SELECT count(*) FROM interpreters WHERE kind = 'certified' AND registered_on <= "
        "'2022-12-31' AND (left_on IS NULL OR left_on > '2022-12-31')"
    ).fetchone()[0]
    assert abs(certified - 593) <= 0.05 * 593
    inactive = db.execute("""SELECT count(*) FROM interpreters i WHERE kind = 'certified'
        AND registered_on <= '2022-12-31' AND (left_on IS NULL OR left_on > '2022-12-31')
        AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.interpreter_id = i.id AND r.status = 'completed'
                        AND r.requested_at >= '2021-12-31 23:00:00' AND r.requested_at < '2022-12-31 23:00:00')
    """).fetchone()[0]
    assert 0.2 < inactive / certified < 0.6  # many registered, not active


def test_ukraine_surge_from_march_2022_served_by_crisis_interpreters(db):
    monthly = dict(
        db.execute("""SELECT substr(requested_at, 1, 7), count(*) FROM requests r
        JOIN languages l ON l.id = r.language_id WHERE l.code = 'uk' AND requested_at < '2022-12-01'
        AND requested_at >= '2021-12-01' GROUP BY 1""").fetchall()
    )
    assert monthly.get("2022-01", 0) < 20 and monthly["2022-04"] > 150
    kinds = dict(
        db.execute(
            """SELECT i.kind, count(*) FROM requests r JOIN languages l ON l.id = r.language_id
        JOIN interpreters i ON i.id = r.interpreter_id WHERE l.code = 'uk' AND r.status = 'completed'
        AND requested_at >= ? AND requested_at < ? GROUP BY i.kind""",
            YEAR_2022,
        ).fetchall()
    )
    assert 0.45 < kinds["crisis"] / sum(kinds.values()) < 0.8


def test_shortage_languages_emerge_from_supply(db):
    """Tigrinya (2 certificates) is short far more often than Spanish (59), without any flag in the data."""

    def shortage(code):
        total, short = db.execute(
            """SELECT count(*), sum(status IN ('unanswered_no_interpreter',
            'unanswered_language_unavailable')) FROM requests r JOIN languages l ON l.id = r.language_id
            WHERE l.code = ? AND requested_at >= ? AND requested_at < ?""",
            (code, *YEAR_2022),
        ).fetchone()
        return short / total

    assert shortage("ti") > 2 * shortage("es")
    unavailable = {
        row[0]
        for row in db.execute("""SELECT DISTINCT l.code FROM requests r
        JOIN languages l ON l.id = r.language_id WHERE status = 'unanswered_language_unavailable'""")
    }
    assert {"inh", "lg"} <= unavailable and "ar" not in unavailable


def test_sectors_partly_empty_and_use_uneven(db):
    empty, total = db.execute("SELECT sum(sector IS NULL), count(*) FROM organisations").fetchone()
    assert 0.10 <= empty / total <= 0.15
    per_org = sorted(
        n
        for (n,) in db.execute("""SELECT count(*) FROM requests r JOIN organisations o
        ON o.id = r.organisation_id WHERE o.sector = 'welfare' GROUP BY o.id""")
    )
    assert per_org[int(len(per_org) * 0.9)] > 5 * per_org[int(len(per_org) * 0.1)]  # "arbitrary use"


def test_live_state_at_now(db):
    now = DEMO_NOW.strftime("%Y-%m-%d %H:%M:%S")
    assert db.execute("SELECT max(requested_at) <= ?, max(updated_at) <= ? FROM requests", (now, now)).fetchone() == (
        1,
        1,
    )
    open_future = dict(
        db.execute(
            "SELECT status, count(*) FROM requests WHERE scheduled_start > ? "
            "AND status IN ('pending', 'matched') GROUP BY status",
            (now,),
        ).fetchall()
    )
    assert open_future["pending"] > 50 and open_future["matched"] > 200
    # Long past requests are closed, apart from the few seeded stale ones (2022: 31 in progress in the report).
    stale = db.execute(
        "SELECT count(*) FROM requests WHERE status IN ('pending', 'matched') "
        "AND requested_at >= ? AND requested_at < ?",
        YEAR_2022,
    ).fetchone()[0]
    assert 5 <= stale <= 80
    slots = db.execute("SELECT min(starts_at), max(starts_at), count(*) FROM availability").fetchone()
    assert slots[0] < now < slots[1] and slots[1] > "2026-12-18"


def test_timestamps_consistent(db):
    """updated_at is the last thing that happened; matched requests have an interpreter; final ones a close."""
    bad = db.execute("""SELECT count(*) FROM requests WHERE updated_at < requested_at
        OR updated_at < coalesce(closed_at, requested_at) OR updated_at < coalesce(validated_at, requested_at)
        OR (status = 'matched' AND (interpreter_id IS NULL OR matched_at IS NULL))
        OR (status = 'pending' AND (interpreter_id IS NOT NULL OR closed_at IS NOT NULL))""").fetchone()[0]
    assert bad == 0
    missing_close = db.execute(
        "SELECT count(*) FROM requests WHERE status NOT IN ('pending', 'matched') AND closed_at IS NULL"
    ).fetchone()[0]
    out_of_order = db.execute("SELECT count(*) FROM requests WHERE matched_at < requested_at").fetchone()[0]
    assert 0 < missing_close < 2000 and 0 < out_of_order < 500  # seeded data-quality defects, few


def test_taalhulp_invitations(db):
    responses = dict(db.execute("SELECT coalesce(response, 'none'), count(*) FROM invitations GROUP BY 1").fetchall())
    assert responses["accepted"] > responses["refused"] > responses["none"] > 0
    wrong_pool = db.execute("""SELECT count(*) FROM invitations v JOIN requests r ON r.id = v.request_id
        JOIN organisations o ON o.id = r.organisation_id JOIN interpreters i ON i.id = v.interpreter_id
        WHERE i.kind != 'taalhulp' OR i.local_government_id != o.local_government_id""").fetchone()[0]
    assert wrong_pool == 0


def _fingerprint(path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        for table in (
            "organisations",
            "interpreters",
            "interpreter_languages",
            "requests",
            "invitations",
            "availability",
        ):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def test_same_seed_same_database(tmp_path):
    options = DemoOptions(seed=7, scale=0.05, now=DEMO_NOW)
    build_demo(str(tmp_path / "a.sqlite"), options)
    build_demo(str(tmp_path / "b.sqlite"), options)
    build_demo(str(tmp_path / "c.sqlite"), DemoOptions(seed=8, scale=0.05, now=DEMO_NOW))
    assert _fingerprint(tmp_path / "a.sqlite") == _fingerprint(tmp_path / "b.sqlite")
    assert _fingerprint(tmp_path / "a.sqlite") != _fingerprint(tmp_path / "c.sqlite")


def test_scale_multiplies_volume(tmp_path):
    small, large = tmp_path / "s.sqlite", tmp_path / "l.sqlite"
    build_demo(str(small), DemoOptions(seed=3, scale=0.02, now=DEMO_NOW))
    build_demo(str(large), DemoOptions(seed=3, scale=0.06, now=DEMO_NOW))
    count = lambda p: sqlite3.connect(p).execute("SELECT count(*) FROM requests").fetchone()[0]  # noqa: E731
    assert count(large) / count(small) == pytest.approx(3, rel=0.02)


@pytest.mark.postgres
def test_postgresql_gets_the_same_data(tmp_path, postgres_url):
    options = DemoOptions(seed=5, scale=0.03, now=DEMO_NOW)
    build_demo(str(tmp_path / "same.sqlite"), options)
    build_demo(postgres_url, options)
    query = "SELECT modality, status, count(*), count(interpreter_id) FROM requests GROUP BY 1, 2 ORDER BY 1, 2"
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        in_postgres = [tuple(r) for r in conn.execute(text(query))]
        moment = conn.execute(text("SELECT requested_at FROM requests WHERE id = 1")).scalar_one()
    engine.dispose()
    with sqlite3.connect(tmp_path / "same.sqlite") as conn:
        assert in_postgres == conn.execute(query).fetchall()
        assert (
            moment.strftime("%Y-%m-%d %H:%M:%S")
            == conn.execute("SELECT requested_at FROM requests WHERE id = 1").fetchone()[0]
        )


def test_annual_report_2022_satisfies_the_identities(demo_sqlite, tmp_path):
    from datetime import date

    from flask import Flask
    from flask_caching import Cache

    from dashboard.data import DataAccess
    from dashboard.db import Database
    from dashboard.filters import Filters
    from dashboard.views import overview as views

    database = Database(f"sqlite:///{demo_sqlite}")
    data = DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}))
    table = views.annual_report(data, Filters(date(2022, 1, 1), date(2022, 12, 31))).set_index("figure")
    database.dispose()
    for column in table.columns:
        c = table[column]
        assert c.requests == c.answered + c.unanswered + c.in_progress
        assert c.answered == c.completed + c.not_completed
        assert c.unanswered == c.not_available + c.other_reason
    assert table.loc["requests"].to_dict() == {
        "onsite": 22360,
        "phone": 33692,
        "video": 8604,
        "translation": 1562,
        "total": 66218,
    }


def test_short_notice_finds_an_interpreter_less_often(demo_sqlite):
    """2022 through the lead-time view: per modality, the answer rate under 24 hours is below that of requests
    made 72 hours or more ahead, most on site; phone is mostly same-day, on site mostly days ahead."""
    from dashboard.filters import Filters
    from dashboard.views.lead_time import by_modality_and_band
    from tests.support import open_data

    with open_data(f"sqlite:///{demo_sqlite}") as data:
        table = by_modality_and_band(data, Filters(date(2022, 1, 1), date(2022, 12, 31)))
    late = table[table.band == "lt24h"].set_index("modality")
    ahead = table[table.band.isin(["3-7d", "gt7d"])].groupby("modality")[["requests", "answered", "in_progress"]].sum()
    ahead_rate = ahead.answered / (ahead.requests - ahead.in_progress)
    late_rate = late.answered / (late.requests - late.in_progress)
    assert late_rate.onsite < ahead_rate.onsite - 0.15
    assert late_rate.video < ahead_rate.video - 0.1
    assert late_rate.phone < ahead_rate.phone
    share_late = late.requests / table.groupby("modality").requests.sum()
    assert share_late.phone > 0.6 and 0.05 < share_late.onsite < 0.2 and share_late.video < 0.25
