"""The activity rate of CONTRACT §3 on tests/fixture_activity.py, in SQLite and PostgreSQL: over the interpreters in
the register at some time within the period (`registered_in_period`), never above 100 %; the same with and without
the aggregate store; exported in `kpis`.

The first quarter of 2023 (see the fixture's docstring for who is where):
- registered at the period's end: 2, 5, 8, 9 (1 left 15 Feb, 3 on 1 Jan, 6 on 31 Mar, 7 in 2022; 4 joins 1 Apr);
- in the register during it: 1, 2, 5, 6, 8, 9 (3 left on the first day, 7 before it, 4 joins after it);
- active: 1, 2, 3, 4, 5, 9; of them in the register during the period: 1, 2, 5, 9.
The old rate (active ÷ registered at the end) was 6 ÷ 4 = 150 %, in training 4 ÷ 2 = 200 %.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from flask import Flask
from flask_caching import Cache

from dashboard.data import DataAccess
from dashboard.db import Database
from dashboard.filters import Filters, Scope
from dashboard.store import AggregateStore
from dashboard.views import interpreters, overview
from tests.conftest import DIALECTS
from tests.fixture_activity import fill
from tests.support import open_data, read_csv

Q1 = Filters(date(2023, 1, 1), date(2023, 3, 31))


@pytest.fixture(params=DIALECTS)
def activity_url(request, built_databases):
    return built_databases(request.param, "activity", fill)


@pytest.fixture
def access(tmp_path):
    """Make data accesses on a URL, with or without an aggregate store syncing inline; closed after the test."""
    made = []

    def make(url, with_store=False):
        database = Database(url)
        store = (
            AggregateStore(tmp_path / f"store-{len(made)}.sqlite", database, background=False) if with_store else None
        )
        made.extend([database] + ([store] if store else []))
        return DataAccess(database, Cache(Flask("t"), config={"CACHE_TYPE": "SimpleCache"}), store=store)

    yield make
    for thing in made:
        thing.dispose()


@pytest.fixture
def data(activity_url):
    with open_data(activity_url) as access:
        yield access


def test_the_rate_is_over_the_register_during_the_period(data):
    figures = overview.kpis(data, Q1)
    assert figures["registered_interpreters"] == 4  # 2, 5, 8, 9
    assert figures["registered_in_period"] == 6  # 1, 2, 5, 6, 8, 9
    assert figures["active_interpreters"] == 6  # 1, 2, 3, 4, 5, 9
    assert figures["activity_rate"] == pytest.approx(4 / 6)  # 1, 2, 5, 9 were in the register


def test_per_kind(data):
    table = interpreters.activity_by_kind(data, Q1).set_index("kind")
    assert list(table.index) == ["certified", "in_training"]  # the contract's order
    # certified: at the end 5, 9; during 5, 6 (left on the last day), 9; active 5, 9
    # in training: at the end 2, 8; during 1 (left mid-period), 2 (joined mid-period), 8 (joined on the last day);
    # active 1, 2, 3 (left on the first day), 4 (joins after the period): only 1 and 2 count
    assert table.registered_interpreters.to_dict() == {"certified": 2, "in_training": 2}
    assert table.registered_in_period.to_dict() == {"certified": 3, "in_training": 3}
    assert table.active_interpreters.to_dict() == {"certified": 2, "in_training": 4}
    assert table.active_in_register.to_dict() == {"certified": 2, "in_training": 2}
    assert table.activity_rate.to_dict() == pytest.approx({"certified": 2 / 3, "in_training": 2 / 3})


def test_per_language(data):
    table = interpreters.activity_by_language(data, Q1, "en").set_index("language_code")
    # ar: speakers 1, 2, 3, 5, 7; during the period 1, 2, 5; at the end 2, 5; active in ar 1, 2, 3, 9 (9 speaks no
    # language in the register, 3 had left): 1 and 2 count (5 worked in ti only)
    # ti: speakers 4, 5, 6, 8; during 5, 6, 8; at the end 5, 8; active in ti 4 (joins later), 5: 5 counts
    assert table.registered_interpreters.to_dict() == {"ar": 2, "ti": 2}
    assert table.registered_in_period.to_dict() == {"ar": 3, "ti": 3}
    assert table.active_interpreters.to_dict() == {"ar": 4, "ti": 2}
    assert table.activity_rate.to_dict() == pytest.approx({"ar": 2 / 3, "ti": 1 / 3})


def test_with_kind_and_language_filters(data):
    training = overview.kpis(data, replace(Q1, kind=("in_training",)))
    assert (training["registered_in_period"], training["active_interpreters"]) == (3, 4)  # 1, 2, 8 | 1, 2, 3, 4
    assert training["activity_rate"] == pytest.approx(2 / 3)
    arabic = overview.kpis(data, replace(Q1, language=("ar",)))
    assert (arabic["registered_in_period"], arabic["active_interpreters"]) == (3, 4)  # 1, 2, 5 | 1, 2, 3, 9
    assert arabic["activity_rate"] == pytest.approx(2 / 3)
    tigrinya_trainees = overview.kpis(data, replace(Q1, kind=("in_training",), language=("ti",)))
    assert (tigrinya_trainees["registered_in_period"], tigrinya_trainees["activity_rate"]) == (1, 0.0)  # 8; 4 out


def test_a_region_accounts_register_during_the_period(data):
    """Scope (CONTRACT §7): its regions' interpreters and those without a region; 6 (LIM) is left out."""
    antwerp = overview.kpis(data, replace(Q1, region=("ANT",), scope=Scope(regions=("ANT",))))
    assert antwerp["registered_in_period"] == 5  # 1, 2, 5, 8, 9
    assert antwerp["activity_rate"] == pytest.approx(4 / 5)


@pytest.mark.parametrize(
    "period",
    [
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 1, 11), date(2023, 3, 20)),
        (date(2022, 1, 1), date(2023, 12, 31)),
    ],
)
@pytest.mark.parametrize("chosen", [{}, {"kind": ("in_training",)}, {"language": ("ar",)}])
def test_never_above_100_and_the_store_agrees(access, activity_url, period, chosen):
    filters = Filters(*period, **chosen)
    direct, stored = access(activity_url), access(activity_url, with_store=True)
    assert overview.kpis(stored, filters) == overview.kpis(direct, filters)
    for view in (interpreters.activity_by_kind, interpreters.activity_by_language):
        ours, theirs = view(stored, filters), view(direct, filters)
        assert ours.to_dict("records") == theirs.to_dict("records")
        assert all(rate is None or 0 <= rate <= 1 for rate in ours.activity_rate)
    assert 0 <= overview.kpis(direct, filters)["activity_rate"] <= 1


def test_a_store_that_answers_whole_months(access, activity_url):
    """Over 2023, whole months the store answers: 4 (joins 1 April) is in the register during the year too."""
    year = Filters(date(2023, 1, 1), date(2023, 12, 31))
    figures = overview.kpis(access(activity_url, with_store=True), year)
    assert figures["registered_in_period"] == 7  # 1, 2, 4, 5, 6, 8, 9
    assert figures["activity_rate"] == pytest.approx(5 / 7)  # 1, 2, 4, 5, 9 (3 had left)


@pytest.fixture(scope="module")
def app_config(built_databases):
    return {"url": built_databases("sqlite", "activity", fill)}


def test_kpis_export_holds_registered_in_period(client):
    rows = read_csv(client.get("/export/kpis.csv?from=2023-01-01&to=2023-03-31"))
    values = {row["metric"]: row["value"] for row in rows}
    assert (values["registered_interpreters"], values["registered_in_period"]) == ("4", "6")
    assert values["activity_rate"] == "0.666667"
    names = [row["metric"] for row in rows]
    assert names.index("registered_in_period") == names.index("registered_interpreters") + 1


def test_interpreter_activity_export_holds_registered_in_period(client):
    rows = read_csv(client.get("/export/interpreter-activity.csv?from=2023-01-01&to=2023-03-31&kind=in_training"))
    assert [(r["code"], r["registered_in_period"], r["active_in_register"], r["activity_rate"]) for r in rows] == [
        ("in_training", "3", "2", "0.666667"),
        ("ar", "2", "2", "1.000000"),  # trainees speaking ar during the period: 1, 2 (3 had left); both active
        ("ti", "1", "0", "0.000000"),  # 8; 4 joins later
    ]
