"""`/admin` (admin accounts only): accounts added, changed, disabled and removed through the page's callbacks take
effect on the next request; the audit log's grid and CSV with their filters; the retention and its pruning; every
text in both languages. Callbacks are posted in-process (tests/dash_requests.py), as the browser posts them."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard import admin_export, ids
from dashboard.access import ROLES
from dashboard.audit import ACTIONS
from dashboard.i18n import MESSAGES
from dashboard.texts.admin import MESSAGES as ADMIN_MESSAGES
from queries.state import audit_log
from tests.dash_requests import post, response_values, server_callbacks, text_of
from tests.support import TEST_PASSWORD, sign_in, signed_in_client

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = "admin-accounts.rowData"
ALERT = "admin-accounts-alert.children"
AUDIT = "admin-audit.rowData"
RETENTION = "admin-retention-status.children"


@pytest.fixture(scope="module")
def app_config(built_databases):
    from tests.fixture_management import fill

    url = built_databases("sqlite", "management", fill)
    return {"url": url, "now": NOW, "aggregates": False, "forecast_background": False}


@pytest.fixture(scope="module")
def admin(app):
    return signed_in_client(app, "admin")


@pytest.fixture
def state(app):
    return app.server.extensions["stv-state"]


def _walk(tree):
    if isinstance(tree, dict):
        yield tree
        for value in tree.get("props", {}).values():
            yield from _walk(value)
    elif isinstance(tree, list):
        for item in tree:
            yield from _walk(item)


def _accounts(client, app, changed: str | None = None, lang: str = "en", **values) -> dict:
    """Post the accounts callback: `changed` ('id.property', without the 'admin-' prefix) is what was clicked."""
    given = {f"admin-{key.replace('_', '-')}": value for key, value in values.items()}
    given[f"{ids.PAGE_QUERY}.data"] = "?lang=en"
    given["admin-lang.data"] = lang
    changed_ids = [f"admin-{changed}"] if changed else [f"{ids.PAGE_QUERY}.data"]
    for item in changed_ids:
        given.setdefault(item, 1)
    response = post(client, app, ACCOUNTS, given, changed_ids)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def _add(client, app, name: str, role: str, regions=None, organisation=None, lang: str = "en") -> dict:
    return _accounts(
        client,
        app,
        "add-submit.n_clicks",
        lang,
        **{
            "add_name.value": name,
            "add_role.value": role,
            "add_regions.value": regions,
            "add_organisation.value": organisation,
        },
    )


def _on_selected(client, app, name: str, changed: str, **values) -> dict:
    values = {"accounts.selectedRows": [{"username": name}], **values}
    return _accounts(client, app, changed, **values)


def _password(answer: dict) -> str:
    codes = [node for node in _walk(answer[ALERT]) if "admin-password" in node.get("props", {}).get("className", "")]
    assert len(codes) == 1, text_of(answer[ALERT])
    return codes[0]["props"]["children"]


def _alert(answer: dict) -> tuple[str, str]:
    alert = answer[ALERT]
    return alert["props"]["color"], text_of(alert)


def _mounted(client, app, path: str) -> str:
    response = post(client, app, f"{ids.PAGE}.children", {f"{ids.ROUTE}.data": {"path": path}, f"{ids.URL}.search": ""})
    assert response.status_code == 200
    return response_values(response)[f"{ids.PAGE}.children"]["props"]["children"][1]["props"].get("className", "")


# --- accounts ---------------------------------------------------------------------------------------------------


def test_the_admin_page_opens_with_the_accounts_and_the_region_codes(admin, app):
    assert "page-admin" in _mounted(admin, app, "/admin")
    answer = _accounts(admin, app)
    names = {row["username"]: row for row in answer[ACCOUNTS]}
    assert {"manager", "admin", "region"} <= set(names)
    assert names["region"]["regions"] == "ANT" and names["region"]["sign_in"] == "local password"
    assert names["organisation"]["organisation"] == 1 and names["manager"]["disabled"] == "no"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", names["manager"]["created"])  # ISO: the grid shows the reader's format
    assert {option["value"] for option in answer["admin-add-regions.options"]} == {"ANT", "LIM"}
    assert answer[ALERT] is None


def test_an_added_account_signs_in_with_the_password_shown_once(admin, app, state):
    answer = _add(admin, app, "new-planner", "planner")
    color, text = _alert(answer)
    assert color == "success" and "new-planner" in text
    password = _password(answer)
    assert "new-planner" in {row["username"] for row in answer[ACCOUNTS]}
    assert answer["admin-add-name.value"] == ""  # the form is emptied
    assert sign_in(app.server.test_client(), "new-planner", password).status_code == 303
    assert sign_in(app.server.test_client(), "new-planner", TEST_PASSWORD).status_code == 401
    changes = state.audit(username="admin", action="account-change")
    assert changes[0]["target"] == "new-planner" and "change=add" in changes[0]["parameters"]
    assert "roles=planner" in changes[0]["parameters"]
    assert all(password not in str(row) for row in state.audit(limit=None))


def test_a_region_account_is_added_with_its_regions(admin, app, state):
    answer = _add(admin, app, "new-region", "region", regions=["LIM"])
    assert _alert(answer)[0] == "success"
    stored = state.find("new-region")
    assert stored.account.roles == ("region",) and stored.account.regions == ("LIM",)
    client = app.server.test_client()
    assert sign_in(client, "new-region", _password(answer)).status_code == 303
    assert "not-found" in _mounted(client, app, "/regions/ANT")
    assert "page-region" in _mounted(client, app, "/regions/LIM")


@pytest.mark.parametrize(
    ("name", "role", "regions", "organisation", "expected"),
    [
        ("manager", "planner", None, None, "exists already"),
        ("two words", "planner", None, None, "without spaces"),
        ("", "planner", None, None, "without spaces"),
        ("lonely-region", "region", [], None, "at least one region"),
        ("far-region", "region", ["ZZZ"], None, "from the database's list"),
        ("no-organisation", "organisation", None, None, "organisation id"),
        ("bad-organisation", "organisation", None, 2.5, "organisation id"),
        ("no-role", None, None, None, "choose a role"),
        ("forged-role", "emperor", None, None, "choose a role"),
    ],
)
def test_an_account_that_cannot_be_added_is_a_clear_alert(
    admin, app, state, name, role, regions, organisation, expected
):
    answer = _add(admin, app, name, role, regions, organisation)
    color, text = _alert(answer)
    assert color == "danger" and text.startswith("Not done:") and expected in text, text
    assert name == "manager" or state.find(name) is None


def test_an_alert_in_dutch(admin, app):
    color, text = _alert(_add(admin, app, "manager", "planner", lang="nl"))
    assert color == "danger" and "bestaat al" in text


def test_a_disabled_account_stops_at_once_and_an_enabled_one_signs_in_again(admin, app, state):
    state.add_account("to-disable", ("manager",), password=TEST_PASSWORD)
    client = signed_in_client(app, "to-disable")
    assert client.get("/export/kpis.csv?period=2022").status_code == 200
    answer = _on_selected(admin, app, "to-disable", "edit-toggle.n_clicks")
    assert _alert(answer) == ("success", "Account to-disable was disabled.")
    assert state.find("to-disable").disabled
    assert {row["username"]: row["disabled"] for row in answer[ACCOUNTS]}["to-disable"] == "yes"
    assert client.get("/export/kpis.csv?period=2022").status_code == 401  # the session's next request
    assert sign_in(app.server.test_client(), "to-disable").status_code == 401
    answer = _on_selected(admin, app, "to-disable", "edit-toggle.n_clicks")
    assert _alert(answer) == ("success", "Account to-disable was enabled.")
    assert sign_in(app.server.test_client(), "to-disable").status_code == 303
    parameters = [row["parameters"] for row in state.audit(username="admin", action="account-change")[:2]]
    assert parameters == ["change=enable", "change=disable"]


def test_a_removed_account_cannot_sign_in(admin, app, state):
    state.add_account("to-remove", ("planner",), password=TEST_PASSWORD)
    client = signed_in_client(app, "to-remove")
    answer = _on_selected(admin, app, "to-remove", "remove-confirm.submit_n_clicks")
    assert _alert(answer) == ("success", "Account to-remove was removed.")
    assert "to-remove" not in {row["username"] for row in answer[ACCOUNTS]}
    assert state.find("to-remove") is None
    assert client.get("/export/kpis.csv?period=2022").status_code == 401
    assert sign_in(app.server.test_client(), "to-remove").status_code == 401
    assert state.audit(username="admin", action="account-change")[0]["parameters"] == "change=remove"


def test_removing_asks_for_a_confirmation_first(admin, app):
    response = post(admin, app, "admin-remove-confirm.displayed", {"admin-edit-remove.n_clicks": 1})
    assert response_values(response) == {"admin-remove-confirm.displayed": True}
    response = post(
        admin,
        app,
        "admin-selected.children",
        {"admin-accounts.selectedRows": [{"username": "planner"}], "admin-lang.data": "en"},
    )
    values = response_values(response)
    assert values["admin-selected.children"] == "planner"
    assert values["admin-remove-confirm.message"] == "Remove account planner for good? This cannot be undone."
    assert values["admin-edit-roles.value"] == ["planner"] and values["admin-edit-remove.disabled"] is False


def test_the_admin_cannot_lock_themselves_out(admin, app, state):
    for changed in ("edit-toggle.n_clicks", "remove-confirm.submit_n_clicks"):
        color, text = _alert(_on_selected(admin, app, "admin", changed))
        assert color == "danger" and "your own account" in text
    color, text = _alert(_on_selected(admin, app, "admin", "edit-save.n_clicks", **{"edit_roles.value": ["manager"]}))
    assert color == "danger" and "administrator role" in text
    assert state.enabled_account("admin").roles == ("admin",)


def test_roles_and_regions_changed_take_effect_on_the_next_request(admin, app, state):
    state.add_account("mover", ("region",), ("ANT",), password=TEST_PASSWORD)
    client = signed_in_client(app, "mover")
    assert "page-region" in _mounted(client, app, "/regions/ANT")
    assert client.get("/export/open-requests.csv?period=2022").status_code == 200
    answer = _on_selected(
        admin, app, "mover", "edit-save.n_clicks", **{"edit_roles.value": ["region"], "edit_regions.value": ["LIM"]}
    )
    assert _alert(answer) == ("success", "The roles and regions of mover were saved.")
    assert "not-found" in _mounted(client, app, "/regions/ANT")
    assert "page-region" in _mounted(client, app, "/regions/LIM")
    answer = _on_selected(admin, app, "mover", "edit-save.n_clicks", **{"edit_roles.value": ["board"]})
    assert _alert(answer)[0] == "success"
    assert client.get("/export/open-requests.csv?period=2022").status_code == 403  # board: no individual lists
    assert "page-region" in _mounted(client, app, "/regions/ANT")  # no longer limited to a region
    last = state.audit(username="admin", action="account-change")[:2]
    assert [row["parameters"] for row in last] == ["change=change&roles=board&regions=", "change=change&regions=LIM"]
    answer = _on_selected(admin, app, "mover", "edit-save.n_clicks", **{"edit_roles.value": ["board"]})
    assert _alert(answer) == ("success", "There was nothing to change.")


def test_a_role_change_that_cannot_be_made_is_an_alert(admin, app, state):
    answer = _on_selected(admin, app, "planner", "edit-save.n_clicks", **{"edit_roles.value": ["region"]})
    assert _alert(answer)[0] == "danger" and "at least one region" in _alert(answer)[1]
    answer = _on_selected(admin, app, "nobody-at-all", "edit-save.n_clicks", **{"edit_roles.value": ["planner"]})
    assert _alert(answer) == ("danger", "Not done: there is no account named nobody-at-all")
    assert state.find("planner").account.roles == ("planner",)


# --- who may -----------------------------------------------------------------------------------------------------


def _admin_callback_outputs(app) -> list[str]:
    found = []
    for _, spec in server_callbacks(app):
        outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
        first = outputs[0]
        if isinstance(first.component_id, str) and first.component_id.startswith("admin-"):
            found.append(f"{first.component_id}.{first.component_property}")
    return found


def test_a_manager_posting_an_admin_callback_gets_403(client, app, state):
    outputs = _admin_callback_outputs(app)
    assert len(outputs) == 5
    for output in outputs:
        values = {"admin-add-submit.n_clicks": 1, "admin-add-name.value": "sneaky", "admin-add-role.value": "admin"}
        assert post(client, app, output, values).status_code == 403, output
    assert state.find("sneaky") is None
    assert "not-found" in _mounted(client, app, "/admin")


def test_the_audit_csv_is_for_admins_only(app, client):
    assert client.get("/admin/audit.csv").status_code == 403
    anonymous = app.server.test_client().get("/admin/audit.csv")
    assert anonymous.status_code == 401  # a script's download, like every export
    for role in ("board", "planner", "region", "organisation"):
        assert signed_in_client(app, role).get("/admin/audit.csv").status_code == 403


# --- the audit log ----------------------------------------------------------------------------------------------


def _csv(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _insert(state, at: datetime, username: str, action: str = "export", target: str = "/export/kpis.csv"):
    with state.engine.begin() as conn:
        conn.execute(
            audit_log.insert().values(at=at, username=username, action=action, target=target, parameters="", address="")
        )


def test_the_audit_csv_has_the_rows_newest_first_with_filters(admin, state):
    now = datetime.now(UTC)
    _insert(state, now - timedelta(days=3), "csv-person", "export", "/export/kpis.csv")
    _insert(state, now - timedelta(days=2), "csv-person", "report", "/report.pdf")
    _insert(state, now - timedelta(days=40), "csv-person", "export", "/export/monthly.csv")
    rows = _csv(admin.get("/admin/audit.csv?username=csv-person"))
    assert list(rows[0]) == list(admin_export.CSV_COLUMNS)
    assert [row["target"] for row in rows] == ["/report.pdf", "/export/kpis.csv", "/export/monthly.csv"]
    assert datetime.fromisoformat(rows[0]["at"]).tzinfo is not None
    exports = _csv(admin.get("/admin/audit.csv?username=csv-person&action=export"))
    assert [row["target"] for row in exports] == ["/export/kpis.csv", "/export/monthly.csv"]
    since = (now - timedelta(days=10)).date().isoformat()
    recent = _csv(admin.get(f"/admin/audit.csv?username=csv-person&since={since}"))
    assert [row["target"] for row in recent] == ["/report.pdf", "/export/kpis.csv"]
    assert admin.get("/admin/audit.csv?since=yesterday").status_code == 400
    assert admin.get("/admin/audit.csv?action=tea").status_code == 400
    everything = _csv(admin.get("/admin/audit.csv"))
    assert {"sign-in", "page-view", "export"} <= {row["action"] for row in everything}
    assert all(TEST_PASSWORD not in str(row) for row in everything)
    downloads = state.audit(username="admin", action="export")
    assert downloads[0]["target"] == "/admin/audit.csv"


def test_the_audit_grid_filters_and_links_its_csv(admin, app, state):
    _insert(state, datetime.now(UTC) - timedelta(days=1), "grid-person", "sign-in-failed", "/login")
    values = {
        "admin-audit-username.value": "grid-person",
        "admin-audit-action.value": "sign-in-failed",
        "admin-audit-since.value": None,
        "admin-lang.data": "nl",
    }
    answer = response_values(post(admin, app, AUDIT, values))
    assert [row["action"] for row in answer[AUDIT]] == ["mislukte aanmelding"]
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d:\d\d", answer[AUDIT][0]["at"])
    assert answer["admin-audit-csv.href"] == "/admin/audit.csv?username=grid-person&action=sign-in-failed"
    assert answer["admin-audit-note.children"] == "1 regels getoond."
    forged = response_values(
        post(admin, app, AUDIT, {"admin-audit-since.value": "13/45", "admin-audit-action.value": 7})
    )
    assert forged["admin-audit-csv.href"] == "/admin/audit.csv"
    assert "niet geldig" in text_of(forged["admin-audit-note.children"])


# --- retention --------------------------------------------------------------------------------------------------


def _retention(client, app, days=None, save: bool = True) -> dict:
    values = {"admin-retention-days.value": days, "admin-lang.data": "en", f"{ids.PAGE_QUERY}.data": "?lang=en"}
    changed = ["admin-retention-save.n_clicks"] if save else [f"{ids.PAGE_QUERY}.data"]
    if save:
        values["admin-retention-save.n_clicks"] = 1
    response = post(client, app, RETENTION, values, changed)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response_values(response)


def test_saving_the_retention_prunes_older_rows(admin, app, state):
    now = datetime.now(UTC)
    _insert(state, now - timedelta(days=400), "old-person")
    _insert(state, now - timedelta(days=20), "old-person")
    answer = _retention(admin, app, 30)
    assert text_of(answer[RETENTION]).startswith("Retention: 30 days.")
    assert state.retention_days() == 30 and state.setting("audit_retention_days") == "30"
    assert len(state.audit(username="old-person")) == 1
    change = state.audit(username="admin", action="setting-change")[0]
    assert change["target"] == "audit_retention_days" and change["parameters"].endswith("&to=30")
    for bad in (0, 2.5, "ten", None, 100_000):
        answer = _retention(admin, app, bad)
        assert "whole number of days" in text_of(answer[RETENTION])
    assert state.retention_days() == 30
    _retention(admin, app, 365)


def test_opening_the_page_prunes_once_a_day_at_most(admin, app, state):
    state.set_setting(admin_export.PRUNED_ON, "2000-01-01")
    now = datetime.now(UTC)
    _insert(state, now - timedelta(days=state.retention_days() + 5), "daily-person")
    answer = _retention(admin, app, save=False)
    assert answer["admin-retention-days.value"] == state.retention_days()
    assert state.audit(username="daily-person") == []
    assert state.setting(admin_export.PRUNED_ON) == now.date().isoformat() or now.hour == 23
    _insert(state, now - timedelta(days=state.retention_days() + 5), "daily-person")
    _retention(admin, app, save=False)  # the same day: not again
    assert len(state.audit(username="daily-person")) == 1
    tomorrow = now + timedelta(days=1)
    assert admin_export.prune_if_due(state, tomorrow) == 1
    assert admin_export.prune_if_due(state, tomorrow) is None


def test_the_retention_defaults_to_the_state_default():
    from dashboard.state import DEFAULT_RETENTION_DAYS, StateDatabase

    state = StateDatabase("sqlite://")
    state.create()
    assert state.retention_days() == DEFAULT_RETENTION_DAYS


# --- texts ------------------------------------------------------------------------------------------------------


def test_every_admin_text_in_both_languages():
    for key, (dutch, english) in ADMIN_MESSAGES.items():
        assert dutch.strip() and english.strip(), key
        assert set(re.findall(r"{(\w+)}", dutch)) == set(re.findall(r"{(\w+)}", english)), key
    used = set()
    for source in ("layouts/admin.py", "callbacks/admin.py"):
        used |= set(re.findall(r'"(admin-[a-z-]+)"', (ROOT / source).read_text()))
    used |= {f"admin-role-{role}" for role in ROLES} | {f"admin-action-{action}" for action in ACTIONS}
    assert used - set(MESSAGES) == set()
    assert set(ADMIN_MESSAGES) - used == set()  # none left over


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_is_in_the_reader_language(admin, app, lang):
    from layouts import admin as page

    tree = page.layout({"lang": lang}).to_plotly_json()
    title = "Beheer" if lang == "nl" else "Administration"
    assert title in str(tree)
    answer = _accounts(admin, app, lang=lang)
    roles = {row["username"]: row["roles"] for row in answer[ACCOUNTS]}
    assert roles["admin"] == ("beheerder" if lang == "nl" else "administrator")
