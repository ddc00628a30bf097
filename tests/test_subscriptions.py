"""Subscriptions (dashboard/subscriptions.py, CONTRACT.md §8), with a real SMTP server (tests/smtp.py) and the
command line run as cron runs it.

Alerts are checked on the supply fixture (tests/fixture_supply.py), whose figures tests/test_supply_demand.py works
out by hand. On Monday 23 November 2026 at 10:00 Brussels (09:00 UTC), over the next 7 days:
- Tigrinya (ti): 2 h pending (r4, LIM) against 0.5 free hour (interpreter 4, ANT): 1.5 h short, in LIM;
- Arabic (ar): 2.5 h pending, 5.5 h free; Ukrainian and Russian have more free hours than pending: not short.
A day later (24 Nov, 09:00 UTC) today's free hours have passed and r1 with them:
- ti: r4's 2 h against nothing free in the window (interpreter 4's next slot is on 1 December): 2.0 h short, worse;
- ar: r6 (1 h, LIM) and r7 (0.5 h, ANT) against nothing free (interpreter 1's slots were on the 23rd, 3 has left,
  5 joins on 1 December): 1.5 h short, in LIM and ANT (LIM first: the larger gap).
For a region account of ANT only the requests of ANT organisations count: ti's demand (LIM) falls away, and on the
23rd Arabic in ANT (r1 1.5 h) has 5.5 free hours: nothing is short.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs

import pytest
from pypdf import PdfReader

from dashboard.state import StateDatabase
from dashboard.subscriptions import (
    Shortfall,
    SubscriptionError,
    read_unsubscribe_token,
    subscribe,
    unsubscribe_token,
    worth_reporting,
)
from tests.conftest import DIALECTS
from tests.fixture_supply import NOW, build_supply_fixture
from tests.services import free_port
from tests.smtp import attachments, html_part, text_part

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path("/work/shots/subscriptions")
SENDER = "dashboard@stv.example.be"
PUBLIC = "https://stv.example.be"


@pytest.fixture(params=DIALECTS)
def supply_url(request, built_databases):
    return built_databases(request.param, "supply", build_supply_fixture)


@pytest.fixture
def state_url(tmp_path):
    return f"sqlite:///{tmp_path / 'state.sqlite'}"


@pytest.fixture
def state(state_url):
    database = StateDatabase(state_url)
    database.create()
    for name, roles, regions, organisation in (
        ("anna", ("planner",), (), None),
        ("bert", ("board",), (), None),
        ("rita", ("region",), ("ANT",), None),
        ("olga", ("organisation",), (), 1),
        ("adam", ("admin",), (), None),
    ):
        database.add_account(name, roles, regions, organisation, "a test password, never a real one")
    yield database
    database.dispose()


def cli(*args, env: dict, cwd: Path, now: str | None = None) -> subprocess.CompletedProcess:
    """`stv-dashboard …` with only the environment given, in this process (the command's `main`, as the console
    script calls it; a fresh process costs seconds of imports each time): its exit code and output."""
    from dashboard.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    with mock.patch.dict(os.environ, _env(env, now), clear=True), redirect_stdout(out), redirect_stderr(err):
        os.chdir(cwd)
        try:
            code = main(list(args))
        finally:
            os.chdir(previous)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def cli_process(*args, env: dict, cwd: Path) -> subprocess.Popen:
    """`stv-dashboard …` started as cron starts it: a new process with only the environment given."""
    return subprocess.Popen(_command(*args), env=_env(env, None), cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def _command(*args) -> list[str]:
    return [sys.executable, "-m", "dashboard.cli", *args]


def _env(env: dict, now: str | None) -> dict:
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "STV_CACHE_URL": "simple://", **env} | (
        {"STV_NOW": now} if now else {}
    )


@pytest.fixture
def env(supply_url, state_url, smtp_server):
    smtp_server.received.clear()
    return {
        "STV_DATABASE_URL": supply_url,
        "STV_STATE_URL": state_url,
        "STV_SMTP_URL": smtp_server.url,
        "STV_MAIL_FROM": SENDER,
        "STV_PUBLIC_URL": PUBLIC,
        "STV_SECRET_KEY": "a test secret key that is long enough to sign sessions",
    }


def _save(message, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name).write_bytes(message.as_bytes())


# --- the board report ------------------------------------------------------------------------------------------


def test_a_quarterly_report_goes_out_once_on_the_first_working_day_after_the_quarter(env, state, smtp_server, tmp_path):
    """Q1 2024 closes on Sunday 31 March, Easter; Monday 1 April is Easter Monday: the report goes on Tuesday 2
    April."""
    added = cli("subscription", "add", "anna", "report", "--every", "quarter", "--email", "anna@example.be",
                "--lang", "en", env=env, cwd=tmp_path, now="2024-03-20T10:00:00Z")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Subscription 1 added for 'anna' <anna@example.be>: report, every quarter." in added.stdout

    easter_monday = cli("send-due", "--now", "2024-04-01T08:00:00Z", env=env, cwd=tmp_path)
    assert (easter_monday.returncode, easter_monday.stdout) == (0, "nothing due\n")
    assert smtp_server.received.messages == []

    first = cli("send-due", "--now", "2024-04-02T06:30:00Z", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "sent report 2024-Q1 to anna <anna@example.be>\n"
    again = cli("send-due", "--now", "2024-04-02T06:45:00Z", env=env, cwd=tmp_path)
    later = cli("send-due", "--now", "2024-05-15T06:45:00Z", env=env, cwd=tmp_path)
    assert (again.returncode, again.stdout, later.stdout) == (0, "nothing due\n", "nothing due\n")

    [message] = smtp_server.received.messages
    assert smtp_server.received.recipients == [["anna@example.be"]]
    assert (message["From"], message["To"]) == (SENDER, "anna@example.be")
    assert message["Subject"] == "STV board report: 2024-Q1"
    assert message["Content-Language"] == "en" and message["Auto-Submitted"] == "auto-generated"
    [(filename, kind, pdf)] = attachments(message)
    assert (filename, kind) == ("stv-report-2024-Q1.pdf", "application/pdf")
    assert "STV report Q1 2024" in PdfReader(BytesIO(pdf)).pages[0].extract_text()
    text = text_part(message)
    assert "Attached is the board report for 2024-Q1 (1 Jan 2024 – 31 Mar 2024) as a PDF." in text
    assert f"{PUBLIC}/report?period=2024-Q1&lang=en" in text
    assert f"{PUBLIC}/report?period=2024-Q1&amp;lang=en" in html_part(message)
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{PUBLIC}/unsubscribe?token=") and unsubscribe in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    _save(message, "report-mail.eml")

    [delivery] = state.deliveries()
    assert (delivery["period"], delivery["status"], delivery["attempts"]) == ("2024-Q1", "sent", 1)
    [row] = state.audit(action="mail")
    assert (row["username"], row["target"]) == ("anna", "/subscriptions/1")
    assert parse_qs(row["parameters"])["period"] == ["2024-Q1"]


def test_a_subscription_made_after_the_sending_day_waits_for_the_next_period(env, state, smtp_server, tmp_path):
    cli("subscription", "add", "anna", "report", "--every", "month", "--email", "anna@example.be",
        env=env, cwd=tmp_path, now="2024-04-03T10:00:00Z")  # fmt: skip
    assert cli("send-due", "--now", "2024-04-03T11:00:00Z", env=env, cwd=tmp_path).stdout == "nothing due\n"
    # April closes on Tuesday 30 April; 1 May is Labour Day: May's first working day after it is Thursday 2 May.
    assert cli("send-due", "--now", "2024-05-01T11:00:00Z", env=env, cwd=tmp_path).stdout == "nothing due\n"
    sent = cli("send-due", "--now", "2024-05-02T11:00:00Z", env=env, cwd=tmp_path)
    assert sent.stdout == "sent report 2024-04 to anna <anna@example.be>\n"
    [message] = smtp_server.received.messages
    assert message["Subject"] == "STV-rapport voor de raad van bestuur: 2024-04"  # the account's language: Dutch


# --- the SMTP server down, or refusing ---------------------------------------------------------------------------


def test_smtp_down_exits_non_zero_with_one_line_marks_nothing_and_the_next_run_sends(env, state, smtp_server, tmp_path):
    cli("subscription", "add", "anna", "report", "--every", "quarter", "--email", "anna@example.be",
        env=env, cwd=tmp_path, now="2024-03-20T10:00:00Z")  # fmt: skip
    closed = f"smtp://127.0.0.1:{free_port()}"
    process = cli_process("send-due", "--now", "2024-04-02T06:30:00Z", env=env | {"STV_SMTP_URL": closed}, cwd=tmp_path)
    down = subprocess.CompletedProcess(process.args, None, *process.communicate(timeout=300))
    down.returncode = process.returncode
    assert down.returncode == 1
    assert (
        down.stderr
        == f"stv-dashboard: error: cannot use the SMTP server {closed}: Connection refused; nothing was sent\n"
    )
    assert down.stdout == "" and "Traceback" not in down.stderr
    assert state.deliveries() == []
    failure = json.loads(state.setting("mail_failure"))
    assert failure["error"] == f"cannot use the SMTP server {closed}: Connection refused"

    back = cli("send-due", "--now", "2024-04-02T06:31:00Z", env=env, cwd=tmp_path)
    assert (back.returncode, back.stdout) == (0, "sent report 2024-Q1 to anna <anna@example.be>\n")
    assert len(smtp_server.received.messages) == 1
    assert state.setting("mail_failure") == ""


def test_a_refused_message_is_retried_with_back_off(env, state, smtp_server, tmp_path):
    cli("subscription", "add", "anna", "report", "--every", "quarter", "--email", "gone@example.be",
        env=env, cwd=tmp_path, now="2024-03-20T10:00:00Z")  # fmt: skip
    smtp_server.received.refuse.add("gone@example.be")
    refused = cli("send-due", "--now", "2024-04-02T06:30:00Z", env=env, cwd=tmp_path)
    assert refused.returncode == 1
    assert "failed report 2024-Q1 to anna: gone@example.be: 550 5.1.1 no such mailbox here" in refused.stderr
    assert "(retry from 2024-04-02 06:35 UTC)" in refused.stderr
    [delivery] = state.deliveries()
    assert (delivery["status"], delivery["attempts"]) == ("failed", 1)
    assert delivery["retry_at"] == datetime(2024, 4, 2, 6, 35, tzinfo=UTC)
    # Before the retry time nothing is tried; after it the second attempt waits 15 minutes more.
    assert cli("send-due", "--now", "2024-04-02T06:34:00Z", env=env, cwd=tmp_path).stdout == "nothing due\n"
    second = cli("send-due", "--now", "2024-04-02T06:36:00Z", env=env, cwd=tmp_path)
    assert "(retry from 2024-04-02 06:51 UTC)" in second.stderr
    smtp_server.received.refuse.clear()
    third = cli("send-due", "--now", "2024-04-02T06:52:00Z", env=env, cwd=tmp_path)
    assert third.stdout == "sent report 2024-Q1 to anna <gone@example.be>\n"
    [delivery] = state.deliveries()
    assert (delivery["status"], delivery["attempts"], delivery["error"]) == ("sent", 3, None)
    assert len(smtp_server.received.messages) == 1


# --- two at once, and a crash ----------------------------------------------------------------------------------


@pytest.fixture(params=DIALECTS)
def shared_state_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite'}"
    return request.getfixturevalue("postgres_url")


def test_two_send_due_started_together_send_each_message_once(env, shared_state_url, smtp_server, tmp_path):
    env = env | {"STV_STATE_URL": shared_state_url}
    shared = StateDatabase(shared_state_url)
    shared.create()
    names = [f"reader{n}" for n in range(6)]
    for name in names:
        shared.add_account(name, ("planner",), password="a test password, never a real one")
    for name in names:
        every = "quarter" if name < "reader3" else "month"
        assert cli("subscription", "add", name, "report", "--every", every, "--email", f"{name}@example.be",
                   env=env, cwd=tmp_path, now="2024-03-20T10:00:00Z").returncode == 0  # fmt: skip
    run_env = _env(env, None)
    runs = [
        subprocess.Popen(
            _command("send-due", "--now", "2024-04-02T06:30:00Z"),
            env=run_env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    sent_lines = sorted(line for out, _ in outputs for line in out.splitlines() if line.startswith("sent"))
    assert len(sent_lines) == 6, outputs
    assert sorted(r[0] for r in smtp_server.received.recipients) == sorted(f"{n}@example.be" for n in names)
    assert {(d["period"], d["status"]) for d in shared.deliveries()} == {("2024-Q1", "sent"), ("2024-03", "sent")}
    assert len(shared.deliveries()) == 6
    shared.dispose()


def test_a_claim_left_by_a_crash_is_never_sent_again(env, state, smtp_server, tmp_path):
    cli("subscription", "add", "anna", "report", "--every", "quarter", "--email", "anna@example.be",
        env=env, cwd=tmp_path, now="2024-03-20T10:00:00Z")  # fmt: skip
    [subscription] = state.subscriptions()
    # A send-due claimed the quarter at 06:30 and stopped before it could say how the sending ended.
    assert state.claim(subscription.id, "2024-Q1", datetime(2024, 4, 2, 6, 30, tzinfo=UTC), "crashed:1")
    assert cli("send-due", "--now", "2024-04-02T06:40:00Z", env=env, cwd=tmp_path).stdout == "nothing due\n"
    assert cli("send-due", "--now", "2024-04-02T07:30:00Z", env=env, cwd=tmp_path).stdout == "nothing due\n"
    assert smtp_server.received.messages == []
    [delivery] = state.deliveries()
    assert delivery["status"] == "interrupted"  # after 30 minutes: shown to the account, not sent twice


# --- the shortage alert ----------------------------------------------------------------------------------------


def test_the_alert_names_the_languages_above_the_threshold_and_reports_them_again_when_worse(
    env, state, smtp_server, tmp_path
):
    at = NOW.isoformat()
    for name, hours in (("anna", "1"), ("bert", "2")):
        added = cli("subscription", "add", name, "alert", "--hours", hours, "--at", "08:00",
                    "--email", f"{name}@example.be", "--lang", "en", env=env, cwd=tmp_path, now=at)  # fmt: skip
        assert added.returncode == 0, added.stderr
    early = cli(
        "send-due", "--now", (NOW - timedelta(hours=2)).isoformat(), env=env, cwd=tmp_path
    )  # 08:00 is 07:00 UTC
    assert early.stdout == "nothing due\n"

    first = cli("send-due", "--now", at, env=env, cwd=tmp_path)
    assert first.stdout == "sent alert 2026-11-23 to anna <anna@example.be>\n"  # bert's 2 h: ti's 1.5 h is below
    [message] = smtp_server.received.messages
    assert message["Subject"] == "Interpreter shortfall in the next 7 days: Tigrinya"
    text = text_part(message)
    assert "Tigrinya: 1.5 hours short (2.0 hours waiting, 0.5 hours free). Short in: LIM." in text
    assert f"{PUBLIC}/supply-demand?language=ti&window=7d&drill=ti&lang=en" in text
    assert "Arabic" not in text and "Ukrainian" not in text
    _save(message, "alert-mail.eml")
    assert cli("send-due", "--now", (NOW + timedelta(hours=5)).isoformat(), env=env, cwd=tmp_path).stdout == (
        "nothing due\n"
    )

    next_day = cli("send-due", "--now", (NOW + timedelta(days=1)).isoformat(), env=env, cwd=tmp_path)
    # bert again nothing: ti's 2.0 h is not above 2 h.
    assert next_day.stdout == "sent alert 2026-11-24 to anna <anna@example.be>\n"
    assert smtp_server.received.recipients == [["anna@example.be"], ["anna@example.be"]]
    anna = text_part(smtp_server.received.messages[1])
    assert "Tigrinya: 2.0 hours short (2.0 hours waiting, 0.0 hours free). Short in: LIM." in anna  # worse
    assert "Arabic: 1.5 hours short (1.5 hours waiting, 0.0 hours free). Short in: LIM, ANT." in anna  # new
    assert f"{PUBLIC}/supply-demand?language=ti,ar&window=7d&lang=en" in anna
    assert json.loads(state.deliveries()[0]["detail"]) == {"ti": 2.0, "ar": 1.5}


def test_nothing_is_sent_when_nothing_crosses_and_a_region_account_sees_only_its_regions(
    env, state, smtp_server, tmp_path
):
    at = NOW.isoformat()
    for name in ("anna", "rita"):
        cli("subscription", "add", name, "alert", "--hours", "0", "--at", "07:00", "--email", f"{name}@example.be",
            env=env, cwd=tmp_path, now=at)  # fmt: skip
    sent = cli("send-due", "--now", at, env=env, cwd=tmp_path)
    assert sent.stdout == "sent alert 2026-11-23 to anna <anna@example.be>\n"  # rita's ANT is not short
    [message] = smtp_server.received.messages
    assert message["Subject"] == "Tolkentekort de komende 7 dagen: Tigrinya"
    assert "Tigrinya: 1,5 uur tekort (2,0 uur wacht, 0,5 uur vrij). Tekort in: LIM." in text_part(message)
    assert [d["subscription_id"] for d in state.deliveries()] == [1]  # nothing claimed for rita


def test_a_language_still_short_is_reported_again_only_when_worse_or_after_a_week():
    ti = Shortfall("ti", "Tigrinya", 1.5, 2.0, 0.5, "LIM")
    ar = Shortfall("ar", "Arabisch", 1.0, 1.0, 0.0, "ANT")
    earlier = [
        {"status": "failed", "detail": ""},
        {"status": "sent", "detail": json.dumps({"ti": 1.5})},  # yesterday
        {"status": "sent", "detail": json.dumps({"ti": 1.0, "ar": 3.0})},  # the day before
    ]
    assert worth_reporting([ti, ar], earlier) == []  # ti as yesterday; ar smaller than reported
    worse = Shortfall("ti", "Tigrinya", 1.75, 2.0, 0.25, "LIM")
    assert worth_reporting([worse, ar], earlier) == [worse]
    assert worth_reporting([ti, ar], []) == [ti, ar]  # nothing reported in the last six days: both again


# --- what each role may subscribe to ---------------------------------------------------------------------------


def test_what_each_role_may_subscribe_to(state):
    from dashboard.filters import Vocabulary

    vocabulary = Vocabulary(regions=frozenset({"ANT", "LIM"}), languages=frozenset({"ar", "ti"}))
    now = NOW

    def account(name):
        return state.find(name).account

    def attempt(name, kind, **values):
        values.setdefault("address", f"{name}@example.be")
        return subscribe(state, account(name), vocabulary, kind, now, **values)

    assert attempt("bert", "report", every="month").kind == "report"
    assert attempt("bert", "alert", hours=3, at_time="08:00").kind == "alert"
    assert attempt("olga", "report", every="quarter").kind == "report"
    with pytest.raises(SubscriptionError, match="own organisation's report only"):
        attempt("olga", "alert", hours=3, at_time="08:00")
    with pytest.raises(SubscriptionError, match="no role with figures"):
        attempt("adam", "report", every="month")
    assert attempt("rita", "alert", hours=3, at_time="08:00", regions=["ANT"]).regions == ("ANT",)
    with pytest.raises(SubscriptionError, match="outside this account's regions: LIM"):
        attempt("rita", "alert", hours=3, at_time="08:00", regions=["LIM"])
    for values, message in (
        ({"every": "week"}, "every is month or quarter"),
        ({"every": "month", "address": "not-an-address"}, "is not an e-mail address"),
    ):
        with pytest.raises(SubscriptionError, match=message):
            attempt("anna", "report", **values)
    for values, message in (
        ({"hours": "-1", "at_time": "08:00"}, "hours is a number"),
        ({"hours": "x", "at_time": "08:00"}, "hours is a number"),
        ({"hours": "2", "at_time": "8u"}, "the hour is HH:MM"),
        ({"hours": "2", "at_time": "24:00"}, "the hour is HH:MM"),
        ({"hours": "2", "at_time": "08:00", "languages": ["xx"]}, "unknown code"),
    ):
        with pytest.raises(SubscriptionError, match=message):
            attempt("anna", "alert", **values)
    assert [s.username for s in state.subscriptions()] == ["bert", "bert", "olga", "rita"]


def test_the_command_line_refuses_clearly(env, state, tmp_path):
    for args, message in (
        (("subscription", "add", "olga", "alert", "--hours", "2", "--at", "08:00", "--email", "o@example.be"),
         "An organisation account can subscribe to its own organisation's report only."),
        (("subscription", "add", "adam", "report", "--every", "month", "--email", "a@example.be"),
         "This account has no role with figures"),
        (("subscription", "add", "nobody", "report", "--every", "month"), "there is no account named 'nobody'"),
        (("subscription", "add", "anna", "report", "--every", "month"), "'anna' is not an e-mail address"),
        (("subscription", "remove", "99"), "there is no subscription 99"),
    ):  # fmt: skip
        result = cli(*args, env=env, cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result
    assert state.subscriptions() == []
    gone = env | {"STV_DATABASE_URL": f"sqlite:///{tmp_path / 'missing.sqlite'}"}
    result = cli("subscription", "add", "anna", "report", "--every", "month", "--email", "a@example.be", env=gone,
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2 and "the operational database cannot be read" in result.stderr
    state.add_subscription("anna", "alert", NOW, hours=1, at_time="08:00")
    state.set_recipient("anna", "anna@example.be", "nl")
    result = cli("send-due", "--now", NOW.isoformat(), env=gone, cwd=tmp_path)
    assert result.returncode == 2 and "the operational database cannot be read" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and state.deliveries() == []


def test_subscription_list_and_remove(env, state, tmp_path):
    cli("subscription", "add", "anna", "alert", "--hours", "4", "--at", "07:30", "--language", "ti", "--email",
        "anna@example.be", env=env, cwd=tmp_path)  # fmt: skip
    cli(
        "subscription", "add", "bert", "report", "--every", "month", "--email", "bert@example.be", env=env, cwd=tmp_path
    )
    listed = cli("subscription", "list", env=env, cwd=tmp_path).stdout.splitlines()
    assert listed == [
        "1\tanna\tanna@example.be\talert\tmore than 4.0 hours short in the next 7 days, daily at 07:30 (ti)\t"
        "nothing sent yet",
        "2\tbert\tbert@example.be\treport\tevery month\tnothing sent yet",
    ]
    assert cli("subscription", "list", "bert", env=env, cwd=tmp_path).stdout.startswith("2\tbert")
    removed = cli("subscription", "remove", "1", env=env, cwd=tmp_path)
    assert removed.stdout == "Subscription 1 of 'anna' removed.\n"
    assert [s.id for s in state.subscriptions()] == [2]
    assert [row["parameters"] for row in state.audit(action="subscription")] == ["removed=1", "added=2", "added=1"]


# --- the unsubscribe link --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_config(built_databases):
    url = built_databases("sqlite", "supply", build_supply_fixture)
    settings = {"smtp_url": "smtp://127.0.0.1:25", "mail_from": SENDER}
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False, "settings": settings}


def test_the_page_shows_a_failed_sending_and_a_mail_server_that_could_not_be_used(app):
    from dashboard.filters import Vocabulary
    from tests.dash_requests import post, response_values, text_of
    from tests.support import signed_in_client

    state = app.server.extensions["stv-state"]
    vocabulary = Vocabulary(regions=frozenset({"ANT"}), languages=frozenset({"ti"}))
    mine = subscribe(state, state.find("board").account, vocabulary, "report", NOW, every="quarter",
                     address="b@example.be")  # fmt: skip
    at = datetime(2026, 10, 1, 6, 30, tzinfo=UTC)
    assert state.claim(mine.id, "2026-Q3", at, "test:1")
    state.finish_delivery(mine.id, "2026-Q3", status="failed", retry_at=at + timedelta(minutes=5),
                          error="b@example.be: 550 5.1.1 no such mailbox here")  # fmt: skip
    state.set_setting("mail_failure", json.dumps({"at": at.isoformat(), "error": "cannot use the SMTP server"}))
    client = signed_in_client(app, "board")
    for lang, failed, server in (
        ("nl", "Mislukt op 01-10-2026 08:30 (2026-Q3, poging 1): b@example.be: 550 5.1.1 no such mailbox here. "
               "Nieuwe poging vanaf 01-10-2026 08:35.", "De mailserver kon op 01-10-2026 08:30 niet gebruikt worden"),
        ("en", "Failed on 1 Oct 2026 08:30 (2026-Q3, attempt 1): b@example.be: 550 5.1.1 no such mailbox here. "
               "Tried again from 1 Oct 2026 08:35.", "The mail server could not be used on 1 Oct 2026 08:30"),
    ):  # fmt: skip
        answer = post(
            client, app, "subscriptions-list.children", {"page-query.data": "", "subscriptions-lang.data": lang}
        )
        values = response_values(answer)
        assert failed in text_of(values["subscriptions-list.children"])
        assert server in text_of(values["subscriptions-mail-status.children"])
    state.set_setting("mail_failure", "")
    state.remove_subscription(mine.id)


def test_the_unsubscribe_link_stops_the_subscription_without_signing_in_and_a_forged_one_does_nothing(app):
    state = app.server.extensions["stv-state"]
    planner = state.find("planner").account
    from dashboard.filters import Vocabulary

    vocabulary = Vocabulary(regions=frozenset({"ANT"}), languages=frozenset({"ti"}))
    mine = subscribe(state, planner, vocabulary, "report", NOW, every="month", address="p@example.be", lang="en")
    other = subscribe(state, planner, vocabulary, "alert", NOW, hours=2, at_time="08:00")
    token = unsubscribe_token(app.server.secret_key, mine)
    assert read_unsubscribe_token(app.server.secret_key, token) == (mine.id, mine.nonce)
    browser = app.server.test_client()  # not signed in

    for forged in (
        unsubscribe_token("another key, as an attacker would have to guess it", mine),
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "",
        unsubscribe_token(app.server.secret_key, _with(mine, nonce="0" * 32)),  # a re-used id, an old link
    ):
        for method in (browser.get, browser.post):
            answer = method("/unsubscribe", query_string={"token": forged, "lang": "en"})
            assert answer.status_code == 400
            assert "This link is not valid" in answer.get_data(as_text=True)
    assert [s.id for s in state.subscriptions("planner")] == [mine.id, other.id]

    confirm = browser.get("/unsubscribe", query_string={"token": token, "lang": "en"})
    assert confirm.status_code == 200
    assert "<title>Stop a subscription · STV dashboard</title>" in confirm.get_data(as_text=True)
    assert "Do you want to stop this subscription: every month?" in confirm.get_data(as_text=True)
    assert [s.id for s in state.subscriptions("planner")] == [mine.id, other.id]  # a link scanner's GET: nothing

    done = browser.post("/unsubscribe", data={"token": token, "lang": "en"})
    assert done.status_code == 200 and "The subscription has been stopped" in done.get_data(as_text=True)
    assert [s.id for s in state.subscriptions("planner")] == [other.id]
    assert browser.post("/unsubscribe", data={"token": token}).status_code == 400  # used: nothing more
    [row] = state.audit(action="subscription", limit=1)
    assert (row["username"], row["target"]) == ("planner", "/unsubscribe")
    # One-click (RFC 8058): the mail client posts to the List-Unsubscribe address itself.
    other_token = unsubscribe_token(app.server.secret_key, other)
    one_click = browser.post(f"/unsubscribe?token={other_token}", data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and state.subscriptions("planner") == []


def _with(subscription, **values):
    from dataclasses import replace

    return replace(subscription, **values)


def test_mail_settings_are_checked():
    from dashboard.settings import SettingsError, load_settings

    good = load_settings({"STV_SMTP_URL": "smtps://u:p%40ss@mail.example.be:465", "STV_MAIL_FROM": SENDER,
                          "STV_PUBLIC_URL": "https://stv.example.be/"}, dotenv=None)  # fmt: skip
    assert (good.smtp_url, good.mail_from, good.public_url) == (
        "smtps://u:p%40ss@mail.example.be:465", SENDER, "https://stv.example.be"
    )  # fmt: skip
    for name, value in (
        ("STV_SMTP_URL", "http://mail.example.be"),
        ("STV_SMTP_URL", "smtp://mail.example.be:notaport"),
        ("STV_MAIL_FROM", "dashboard"),
        ("STV_PUBLIC_URL", "stv.example.be"),
    ):
        with pytest.raises(SettingsError, match=name):
            load_settings({name: value}, dotenv=None)
    with pytest.raises(SettingsError) as error:
        load_settings({"STV_SMTP_URL": "ftp://u:secret@x"}, dotenv=None)
    assert "secret" not in str(error.value)


def test_the_page_stops_only_the_accounts_own_subscriptions(app):
    """A stop button's id names a subscription: a forged one of another account's stops nothing."""
    from dashboard.filters import Vocabulary
    from dashboard.ids import dom_id  # as the browser writes a dict id (compact JSON, keys sorted)
    from tests.dash_requests import request_body, response_values, server_callbacks
    from tests.support import signed_in_client

    state = app.server.extensions["stv-state"]
    vocabulary = Vocabulary(regions=frozenset({"ANT"}), languages=frozenset({"ti"}))
    boards = subscribe(state, state.find("board").account, vocabulary, "report", NOW, every="month",
                       address="b@example.be")  # fmt: skip
    planners = subscribe(state, state.find("planner").account, vocabulary, "report", NOW, every="month",
                         address="p@example.be")  # fmt: skip
    client = signed_in_client(app, "planner")
    key, spec = next((k, s) for k, s in server_callbacks(app) if "subscriptions-feedback.children" in k)

    def press(subscription_id: int):
        button = {"page": "subscriptions", "remove": subscription_id}
        body = request_body(key, spec, {"subscriptions-lang.data": "en", "subscriptions-version.data": 3}, [])
        body["inputs"][1] = [{"id": button, "property": "n_clicks", "value": 1}]
        body["changedPropIds"] = [f"{dom_id(button)}.n_clicks"]
        return client.post("/_dash-update-component", json=body)

    assert press(boards.id).status_code == 204  # not the planner's: nothing happens
    assert [s.id for s in state.subscriptions("board")] == [boards.id]
    pressed = press(planners.id)
    answer = response_values(pressed)
    assert "subscriptions-version.data" in answer, pressed.get_data(as_text=True)[:800]
    assert answer["subscriptions-version.data"] == 4
    assert "Subscription stopped." in str(answer["subscriptions-feedback.children"])
    assert state.subscriptions("planner") == []
    state.remove_subscription(boards.id)


def test_every_subscriptions_text_in_both_languages_and_used():
    import re

    from dashboard.i18n import MESSAGES
    from dashboard.subscriptions import EVERY, KINDS
    from dashboard.texts.subscriptions import MESSAGES as OWN

    for key, (dutch, english) in OWN.items():
        assert dutch.strip() and english.strip(), key
        assert set(re.findall(r"{(\w+)}", dutch)) == set(re.findall(r"{(\w+)}", english)), key
    used = {"admin-action-subscription", "admin-action-mail", "nav-subscriptions"}
    for source in ("dashboard/subscriptions.py", "layouts/subscriptions.py", "callbacks/subscriptions.py"):
        used |= set(re.findall(r'["\'](subscriptions-[a-z-]+[a-z])["\']', (ROOT / source).read_text()))
    used |= {f"subscriptions-kind-{kind}" for kind in KINDS} | {f"subscriptions-every-{e}" for e in EVERY}
    used -= {"subscriptions-every", "subscriptions-kind", "subscriptions-lang"}  # prefixes of the options below
    used |= {f"subscriptions-mail-why-{kind}" for kind in KINDS} | {f"subscriptions-lang-{c}" for c in ("nl", "en")}
    used |= {f"subscriptions-col-{name}" for name in ("what", "when", "last", "remove")}
    used |= {f"subscriptions-status-{s}" for s in ("never", "sent", "sending", "failed", "interrupted")}
    used |= {f"subscriptions-when-{kind}" for kind in KINDS}
    assert used - set(MESSAGES) == set()
    assert set(OWN) - used == set()
