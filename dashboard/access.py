"""Who may open what (CONTRACT.md §7): the roles, the signed-in account of a request, and one table of which role
may open which page, export and report. The router, the export routes and the navigation all ask here.

Scope (which organisations an account's figures cover) is not decided here but in the filters: the account's
`Scope` is folded into every parsed query (`dashboard.filters.parse_query`) and applied by the request queries
(`queries._filters.scope_conditions`), so that no view can forget it.
"""

from __future__ import annotations

from dataclasses import dataclass

import flask

from dashboard.filters import EVERYTHING, Scope

NOTHING = Scope(organisation=-1)  # no organisation has this id
ROLES = ("board", "planner", "manager", "region", "organisation", "admin")
# An account with several roles (from an identity provider) works with the widest of its data roles.
DATA_ROLES = ("manager", "planner", "region", "board", "organisation")

ANALYSTS = frozenset({"board", "planner", "manager", "region"})
STAFF = frozenset({"planner", "manager", "region"})  # may see lists of individual requests and interpreters
# Which roles open each page (by its name, layouts.Page.name). A page not named here opens for nobody.
PAGE_ROLES = {
    "overview": ANALYSTS,
    "supply-demand": ANALYSTS,
    "shortages": ANALYSTS,
    "no-shows": ANALYSTS,
    "lead-time": ANALYSTS,
    "interpreters": ANALYSTS,
    "regions": ANALYSTS,
    "region": ANALYSTS,
    "local-government": ANALYSTS,
    "organisation": ANALYSTS | {"organisation"},
    "data-quality": ANALYSTS,
    "report": ANALYSTS | {"organisation"},
    "admin": frozenset({"admin"}),
}
_PAGE_PREFIXES = tuple(PAGE_ROLES)
# Exports that list individual requests or interpreters: never for `board` (CONTRACT.md §7).
INDIVIDUAL_EXPORTS_PREFIXES = ("open-requests", "interpreter-hours", "interpreters-inactive", "dq-")
# Exports of figures no account scope can narrow (demand forecast over every organisation): unscoped accounts only.
UNSCOPED_EXPORTS = frozenset({"shortage-forecast"})
# What an organisation's own statistics may be exported as.
ORGANISATION_EXPORTS = frozenset({"kpis", "languages", "monthly", "annual-report", "no-shows", "no-shows-monthly"})


@dataclass(frozen=True)
class Account:
    """A signed-in person or script: the name, the data role (or None: `admin` only) and the scope's codes."""

    username: str
    roles: tuple[str, ...]
    regions: tuple[str, ...] = ()
    organisation_id: int | None = None

    @property
    def role(self) -> str | None:
        """The data role the account works with (the widest it holds), or None for an `admin` alone."""
        return next((role for role in DATA_ROLES if role in self.roles), None)

    @property
    def scope(self) -> Scope:
        if self.role == "organisation":
            return Scope(organisation=self.organisation_id) if self.organisation_id is not None else NOTHING
        if self.role == "region":
            return Scope(regions=tuple(sorted(self.regions)) or ("-",))  # a region account without regions sees nothing
        return EVERYTHING if self.role is not None else NOTHING  # `admin` alone: accounts, no figures

    @property
    def sees_individuals(self) -> bool:
        """Whether lists of individual requests and interpreters are shown (not to `board`)."""
        return self.role in STAFF


def may_open(account: Account | None, page_name: str | None) -> bool:
    """Whether `account` may open the page called `page_name` (None: the "not found" page, open to all)."""
    if page_name is None:
        return True
    if account is None:
        return False
    allowed = PAGE_ROLES.get(page_name, frozenset())
    return any(role in allowed for role in account.roles)


def may_export(account: Account | None, view: str) -> bool:
    """Whether `account` may download the export `view`."""
    if account is None or account.role is None:
        return False
    if account.role == "organisation":
        return view in ORGANISATION_EXPORTS
    if view in UNSCOPED_EXPORTS and not account.scope.unlimited:
        return False
    return account.sees_individuals or not view.startswith(INDIVIDUAL_EXPORTS_PREFIXES)


def may_download_report(account: Account | None) -> bool:
    return may_open(account, "report")


def callback_pages(body) -> set[str]:
    """The pages whose parts a callback request (the JSON of `POST /_dash-update-component`) would update: a
    part's id starts with its page's name (dashboard.ids.page; pattern ids name it under "page"). Both the
    callback's name (`output`, which Dash runs by) and its `outputs` are read. The shell's own outputs belong to
    no page."""
    if not isinstance(body, dict):
        return set()
    outputs = body.get("outputs")
    components = [o.get("id") for o in (outputs if isinstance(outputs, list) else [outputs]) if isinstance(o, dict)]
    name = body.get("output")
    if isinstance(name, str):
        components += [part.strip(".").rsplit(".", 1)[0] for part in name.split("...") if part.strip(".")]
    pages = set()
    for component in components:
        if isinstance(component, dict):
            component = component.get("page")
        if isinstance(component, str):
            owners = [page for page in _PAGE_PREFIXES if component == page or component.startswith(page + "-")]
            pages |= {max(owners, key=len)} if owners else set()
    return pages


def may_update(account: Account | None, body) -> bool:
    """Whether `account` may run the callback request `body`: it may open every page whose parts it updates."""
    return account is not None and all(may_open(account, page) for page in callback_pages(body))


def home_path(account: Account) -> str:
    """Where an account lands after signing in: its organisation's page, the administration, or the overview."""
    if account.role == "organisation":
        return f"/organisations/{account.organisation_id}"
    if account.role is None:
        return "/admin"
    return "/"


def current_account() -> Account | None:
    """The account of the request being served (set by dashboard.auth), or None outside a request or signed out."""
    if not flask.has_request_context():
        return None
    return flask.g.get("account")


def may_list_individuals() -> bool:
    """Whether the request's account is shown lists of individual requests and interpreters (not `board`)."""
    account = current_account()
    return account is not None and account.sees_individuals


def current_scope() -> Scope:
    """The scope of the request's account. Outside a request (start-up, background forecasts, the command line)
    everything; inside a request without an account nothing (dashboard.auth answers such requests before any
    figure is read, so this only keeps a mistake there from showing data)."""
    if not flask.has_request_context():
        return EVERYTHING
    account = current_account()
    return account.scope if account is not None else NOTHING
