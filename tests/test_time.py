"""The Brussels day and month of a UTC moment (queries/_time.py), against the tz database, in SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from dashboard.schema import UTC_TIMESTAMP
from queries._time import brussels_day, brussels_month


def _moments() -> list[datetime]:
    """Instants around every DST change and month end of 2019-2027, plus an hourly sweep of a few days."""
    moments = []
    for year in range(2019, 2028):
        for month in range(1, 13):
            first = datetime(year, month, 1, tzinfo=UTC)
            moments += [first + timedelta(minutes=m) for m in (-150, -121, -120, -119, -61, -60, -59, -1, 0, 1)]
        for day in (25, 26, 27, 28, 29, 30, 31):
            for month in (3, 10):
                base = datetime(year, month, day, tzinfo=UTC)
                moments += [base + timedelta(minutes=m) for m in (0, 59, 60, 61, 119, 120, 1320, 1380, 1410)]
    return moments


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def moments_engine(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'moments.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = create_engine(url)
    yield engine
    engine.dispose()


def test_brussels_day_and_month_match_the_tz_database(moments_engine):
    metadata = MetaData()
    table = Table("moments", metadata, Column("id", Integer, primary_key=True), Column("at", UTC_TIMESTAMP))
    metadata.create_all(moments_engine)
    moments = _moments()
    with moments_engine.begin() as conn:
        conn.execute(insert(table), [{"id": i, "at": m} for i, m in enumerate(moments)])
        rows = conn.execute(
            select(table.c.id, brussels_day(table.c.at), brussels_month(table.c.at)).order_by(table.c.id)
        ).all()
    brussels = ZoneInfo("Europe/Brussels")
    wrong = [
        (moments[i], day, month)
        for i, day, month in rows
        if (day, month) != (f"{moments[i].astimezone(brussels):%Y-%m-%d}", f"{moments[i].astimezone(brussels):%Y-%m}")
    ]
    assert len(rows) > 1500 and wrong == []
