"""Settings of CONTRACT.md section 5, parsed once, with explicit types and clear errors for bad values.

Sources, strongest first: the process environment, then a `.env` file in the working folder (no command-line
option sets them: `serve`, `demo-db` and `simulate` take only their own options).
Nothing here runs at import time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DEMO_PATH = Path("var") / "demo.sqlite"
DEFAULT_CACHE_DIR = Path("var") / "cache"
DEFAULT_STORE_DIR = Path("var") / "store"  # never the cache's folder: a file cache trims what it finds there
DEFAULT_STATE_PATH = Path("var") / "state.sqlite"
CACHE_SCHEMES = ("redis", "rediss", "simple", "filesystem", "null")
AUTH_MODES = ("local", "oidc")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")  # where an http (not https) issuer is accepted: tests


class SettingsError(ValueError):
    """A setting has a value the dashboard cannot use; the message names the setting."""


@dataclass(frozen=True)
class OidcSettings:
    """Sign-in at an OpenID Connect provider (STV_AUTH=oidc): the issuer, the dashboard's client at it, and the
    claim of the ID token that carries the roles (a dotted path such as `realm_access.roles` reads a nested one)."""

    issuer: str
    client_id: str
    client_secret: str
    roles_claim: str = "roles"

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Settings:
    """The dashboard's configuration. `database_url` None means: the demo database at `demo_path`."""

    database_url: str | None = None
    cache_url: str | None = None
    now: datetime | None = None
    demo_path: Path = DEFAULT_DEMO_PATH
    cache_dir: Path = DEFAULT_CACHE_DIR
    store_dir: Path = DEFAULT_STORE_DIR
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers count; 0: none
    state_url: str | None = None  # None: a SQLite file beside the demo database's folder (var/state.sqlite)
    auth: str = "local"
    secret_key: str | None = None  # None: generated once, kept in the state database (one worker: `serve`'s default)
    idle_minutes: int = 30
    session_hours: int = 8
    oidc: OidcSettings | None = None  # set exactly when auth is "oidc"
    smtp_url: str | None = None  # smtp://[user:password@]host:port or smtps://…; None: subscriptions cannot send
    mail_from: str | None = None  # the From address of subscription e-mails
    public_url: str = "http://127.0.0.1:8050"  # the dashboard's address as readers open it (links in e-mails)

    @property
    def effective_state_url(self) -> str:
        return self.state_url or f"sqlite:///{self.demo_path.parent / DEFAULT_STATE_PATH.name}"

    @property
    def uses_demo_database(self) -> bool:
        return self.database_url is None

    @property
    def effective_database_url(self) -> str:
        """The SQLAlchemy URL to read from."""
        return self.database_url or f"sqlite:///{self.demo_path}"

    def current_time(self) -> datetime:
        """ "Now" in UTC: STV_NOW when set, else the wall clock; then a page's answer that read it is kept only
        until the data version's next probe (dashboard.output_cache)."""
        if self.now is None:
            from dashboard import output_cache

            output_cache.reads_clock()
        return self.clock_time()

    def clock_time(self) -> datetime:
        """ "Now" as `current_time`, for what needs only its day (the output cache's keys hold the day)."""
        return self.now or datetime.now(UTC)

    def with_overrides(self, **values) -> Settings:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def load_settings(environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
    """Read STV_DATABASE_URL, STV_CACHE_URL and STV_NOW (and STV_DEMO_PATH, STV_STORE_DIR, STV_TRUSTED_PROXIES)
    from the environment and `.env`."""
    values = dict(read_dotenv(dotenv)) if dotenv is not None else {}
    values.update(os.environ if environ is None else environ)
    settings = Settings(
        database_url=parse_database_url(values.get("STV_DATABASE_URL")),
        cache_url=parse_cache_url(values.get("STV_CACHE_URL")),
        now=parse_now(values.get("STV_NOW")),
        trusted_proxies=parse_trusted_proxies(values.get("STV_TRUSTED_PROXIES")),
    )
    if values.get("STV_DEMO_PATH"):
        settings = settings.with_overrides(demo_path=Path(values["STV_DEMO_PATH"]))
    if values.get("STV_STORE_DIR"):
        settings = settings.with_overrides(store_dir=Path(values["STV_STORE_DIR"]))
    settings = settings.with_overrides(**mail_settings(values))
    return settings.with_overrides(**access_settings(values, settings.effective_database_url))


def mail_settings(values: Mapping[str, str]) -> dict:
    """STV_SMTP_URL, STV_MAIL_FROM and STV_PUBLIC_URL (subscriptions, CONTRACT.md §5 and §8)."""
    smtp = (values.get("STV_SMTP_URL") or "").strip() or None
    if smtp is not None:
        parts = urlsplit(smtp)
        try:
            port = parts.port
        except ValueError:
            port = -1
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname or port == -1 or parts.path not in ("", "/"):
            raise SettingsError(f"STV_SMTP_URL must be smtp://[user:password@]host:port or smtps://…: {_hide(smtp)!r}")
    sender = (values.get("STV_MAIL_FROM") or "").strip() or None
    if sender is not None and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+|.*<[^@\s<>]+@[^@\s<>]+>", sender):
        raise SettingsError(f"STV_MAIL_FROM must be an e-mail address (e.g. dashboard@stv.example.be): {sender!r}")
    public = (values.get("STV_PUBLIC_URL") or "").strip().rstrip("/") or None
    if public is not None:
        parts = urlsplit(public)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise SettingsError(
                f"STV_PUBLIC_URL must be the dashboard's http(s) address, e.g. https://stv.example.be: {public!r}"
            )
    return {"smtp_url": smtp, "mail_from": sender, "public_url": public}


def _hide(url: str) -> str:
    """A URL without its password, for a message."""
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":…@") if parts.password else url


def access_settings(values: Mapping[str, str], database_url: str) -> dict:
    """STV_STATE_URL, STV_AUTH (and with oidc its STV_OIDC_* settings), STV_SECRET_KEY, STV_SESSION_IDLE_MINUTES
    and STV_SESSION_HOURS."""
    state_url = parse_state_url(values.get("STV_STATE_URL"), database_url)
    auth = values.get("STV_AUTH") or "local"
    if auth not in AUTH_MODES:
        raise SettingsError(f"STV_AUTH must be one of {', '.join(AUTH_MODES)} (sign-in cannot be turned off): {auth!r}")
    secret = values.get("STV_SECRET_KEY") or None
    if secret is not None and len(secret) < 32:
        raise SettingsError(
            "STV_SECRET_KEY must be at least 32 characters (e.g. python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(48))')"
        )
    return {
        "state_url": state_url,
        "auth": auth,
        "oidc": parse_oidc(values) if auth == "oidc" else None,
        "secret_key": secret,
        "idle_minutes": _minutes("STV_SESSION_IDLE_MINUTES", values.get("STV_SESSION_IDLE_MINUTES"), 30),
        "session_hours": _minutes("STV_SESSION_HOURS", values.get("STV_SESSION_HOURS"), 8),
    }


def parse_oidc(values: Mapping[str, str]) -> OidcSettings:
    """STV_OIDC_ISSUER (https, or http on loopback), STV_OIDC_CLIENT_ID, STV_OIDC_CLIENT_SECRET (all required) and
    STV_OIDC_ROLES_CLAIM (default `roles`)."""
    required = ("STV_OIDC_ISSUER", "STV_OIDC_CLIENT_ID", "STV_OIDC_CLIENT_SECRET")
    missing = [name for name in required if not (values.get(name) or "").strip()]
    if missing:
        raise SettingsError(f"STV_AUTH=oidc needs {', '.join(missing)} (the provider and the dashboard's client there)")
    issuer = values["STV_OIDC_ISSUER"].strip()
    parts = urlsplit(issuer)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
    if not secure or not parts.hostname or parts.query or parts.fragment:
        raise SettingsError(
            f"STV_OIDC_ISSUER must be the provider's https URL, without query or fragment (its 'issuer'): {issuer!r}"
        )
    claim = (values.get("STV_OIDC_ROLES_CLAIM") or "roles").strip()
    if any(not part for part in claim.split(".")) or any(c.isspace() for c in claim):
        raise SettingsError(
            f"STV_OIDC_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles: {claim!r}"
        )
    return OidcSettings(
        issuer=issuer,
        client_id=values["STV_OIDC_CLIENT_ID"].strip(),
        client_secret=values["STV_OIDC_CLIENT_SECRET"].strip(),
        roles_claim=claim,
    )


def parse_state_url(value: str | None, database_url: str) -> str | None:
    """The state database's SQLAlchemy URL (None: the default file), never the operational database's."""
    if not value:
        return None
    try:
        url = make_url(value)
    except ArgumentError as error:
        raise SettingsError(f"STV_STATE_URL is not a database URL: {value!r}") from error
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise SettingsError(f"STV_STATE_URL: only sqlite and postgresql are supported, not {url.drivername!r}")
    if url == make_url(database_url):
        raise SettingsError("STV_STATE_URL must not be the operational database (STV_DATABASE_URL): it is only read")
    return value


def _minutes(name: str, value: str | None, default: int) -> int:
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise SettingsError(f"{name} must be a whole number above 0: {value!r}")
    return int(value)


def read_dotenv(path: Path) -> list[tuple[str, str]]:
    """KEY=VALUE lines of a `.env` file (comments and blank lines skipped, surrounding quotes removed)."""
    if not path.is_file():
        return []
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        pairs.append((key.strip().removeprefix("export ").strip(), value.strip().strip("'\"")))
    return pairs


def parse_database_url(value: str | None) -> str | None:
    """A SQLAlchemy URL, or None for the demo database."""
    if not value:
        return None
    try:
        url = make_url(value)
    except ArgumentError as error:
        raise SettingsError(f"STV_DATABASE_URL is not a database URL: {value!r}") from error
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise SettingsError(f"STV_DATABASE_URL: only sqlite and postgresql are supported, not {url.drivername!r}")
    return value


def parse_cache_url(value: str | None) -> str | None:
    """A cache URL: redis://…, or simple:// (in-process), filesystem://PATH, null://; None for the default."""
    if not value:
        return None
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in CACHE_SCHEMES:
        raise SettingsError(
            f"STV_CACHE_URL must start with one of {', '.join(s + '://' for s in CACHE_SCHEMES)}: {value!r}"
        )
    return value


def parse_now(value: str | None) -> datetime | None:
    """An ISO timestamp; without a zone it is read as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise SettingsError(f"STV_NOW is not an ISO timestamp (e.g. 2026-11-23T09:00:00Z): {value!r}") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_trusted_proxies(value: str | None) -> int:
    """How many reverse proxies stand in front (their X-Forwarded-* headers are believed); 0 or unset: none."""
    if not value:
        return 0
    try:
        count = int(value.strip())
    except ValueError:
        count = -1
    if not 0 <= count <= 10:
        raise SettingsError(
            f"STV_TRUSTED_PROXIES must be the number of reverse proxies in front of the dashboard (0 to 10): {value!r}"
        )
    return count
