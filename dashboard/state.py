"""The dashboard's own database (STV_STATE_URL): accounts with Argon2 password hashes, API tokens (kept as hashes),
the audit log, the signed-in sessions, settings the dashboard keeps for itself (the generated secret key, the
audit retention), and subscriptions with their deliveries (CONTRACT.md §8).

It is the only database the dashboard writes; the operational database is opened read-only (dashboard.db).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from dashboard.access import ROLES, Account
from queries import state as statements

TOKEN_PREFIX = "stv_"
DEFAULT_RETENTION_DAYS = 365
_HASHER = PasswordHasher()
# Verified when the name is unknown, so that an unknown name costs the same time as a wrong password.
_UNKNOWN_NAME_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """An account cannot be added or changed as asked; the message says why."""


@dataclass(frozen=True)
class Subscription:
    """A subscription row with its account's name and e-mail settings (address None: not set yet)."""

    id: int
    username: str
    kind: str  # report or alert
    every: str | None  # report: month or quarter
    hours: float | None  # alert: shortfall threshold over the next 7 days
    at_time: str | None  # alert: HH:MM, Brussels
    languages: tuple[str, ...]
    regions: tuple[str, ...]
    nonce: str
    created_at: datetime
    address: str | None
    lang: str


@dataclass(frozen=True)
class StoredAccount:
    """An account row: what dashboard.access needs, and whether it may sign in."""

    account: Account
    disabled: bool
    has_password: bool
    created_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def generate_password() -> str:
    """A password to print once: 16 characters of letters and digits (about 95 bits)."""
    return secrets.token_urlsafe(12)


# How far short of its new expiry a session's stored expiry may be before a request writes it again.
SESSION_WRITE_SLACK = timedelta(seconds=60)


class StateDatabase:
    """Accounts, tokens, the audit log and settings in the state database at `url`."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        self._sessions_read = threading.local()  # the session row this thread read last (save_session)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    def create(self) -> None:
        """Create the tables that are missing (idempotent; `serve` and the `user` commands call it), and the
        folder of a SQLite file (a fresh clone has no `var/`)."""
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        statements.state_metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    # --- accounts -----------------------------------------------------------------------------------------------

    def add_account(
        self,
        username: str,
        roles: Sequence[str],
        regions: Sequence[str] = (),
        organisation_id: int | None = None,
        password: str | None = None,
    ) -> None:
        """Add an account; `password` None makes one that signs in at the identity provider only."""
        username = username.strip()
        _check_account(username, roles, regions, organisation_id)
        hashed = _HASHER.hash(password) if password is not None else None
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    statements.insert_account(
                        username, ",".join(roles), ",".join(regions), organisation_id, hashed, _now()
                    )
                )
        except IntegrityError as error:
            raise AccountError(f"an account named '{username}' exists already") from error

    def update_account(self, username: str, **values) -> bool:
        """Change roles, regions, organisation, password or disabled; False when there is no such account."""
        if "roles" in values or "regions" in values or "organisation_id" in values:
            current = self.find(username)
            if current is None:
                return False
            merged = {
                "roles": current.account.roles,
                "regions": current.account.regions,
                "organisation_id": current.account.organisation_id,
            } | {k: values[k] for k in ("roles", "regions", "organisation_id") if k in values}
            _check_account(username, merged["roles"], merged["regions"], merged["organisation_id"])
        row = {k: (",".join(v) if k in ("roles", "regions") else v) for k, v in values.items() if k != "password"}
        if "password" in values:
            row["password_hash"] = _HASHER.hash(values["password"])
        with self.engine.begin() as conn:
            return conn.execute(statements.update_account(username, **row)).rowcount == 1

    def remove_account(self, username: str) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(statements.delete_account(username)).rowcount == 1

    def find(self, username: str) -> StoredAccount | None:
        with self.engine.connect() as conn:
            row = conn.execute(statements.select_account(username)).mappings().first()
        return _stored(row) if row else None

    def accounts(self) -> list[StoredAccount]:
        with self.engine.connect() as conn:
            return [_stored(row) for row in conn.execute(statements.select_accounts()).mappings()]

    def has_accounts(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(statements.count_accounts()).scalar_one() > 0

    def authenticate(self, username: str, password: str) -> Account | None:
        """The account when the name and password match an enabled account, else None, in about the same time
        whether the name is unknown, the password wrong or the account disabled."""
        with self.engine.connect() as conn:
            row = conn.execute(statements.select_account(username.strip())).mappings().first()
        stored_hash = row["password_hash"] if row and row["password_hash"] else _UNKNOWN_NAME_HASH
        try:
            _HASHER.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row["password_hash"] is None or row["disabled"]:
            return None
        if _HASHER.check_needs_rehash(stored_hash):
            self.update_account(row["username"], password=password)
        return _stored(row).account

    def enabled_account(self, username: str) -> Account | None:
        """The account as it is now, when it exists and is not disabled (checked on every request, so that a
        disabled or changed account takes effect at once)."""
        stored = self.find(username)
        return stored.account if stored is not None and not stored.disabled else None

    # --- API tokens ---------------------------------------------------------------------------------------------

    def create_token(self, username: str) -> str:
        """A new token for the account; only its hash is kept, so it is shown this once."""
        with self.engine.begin() as conn:
            row = conn.execute(statements.select_account(username)).mappings().first()
            if row is None:
                raise AccountError(f"there is no account named '{username}'")
            token = TOKEN_PREFIX + secrets.token_urlsafe(32)
            conn.execute(statements.insert_token(row["id"], hash_token(token), _now()))
        return token

    def revoke_tokens(self, username: str) -> int:
        """Revoke every token of the account; how many were revoked."""
        with self.engine.begin() as conn:
            row = conn.execute(statements.select_account(username)).mappings().first()
            if row is None:
                raise AccountError(f"there is no account named '{username}'")
            return conn.execute(statements.revoke_tokens(row["id"], _now())).rowcount

    def token_account(self, token: str) -> Account | None:
        """The enabled account of a token that is not revoked."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(statements.select_token_account(hash_token(token))).mappings().first()
        return _stored(row).account if row is not None and not row["disabled"] else None

    # --- the audit log ------------------------------------------------------------------------------------------

    def record(self, action: str, username: str | None, target: str = "", parameters: str = "", address: str = ""):
        """Add a row to the audit log."""
        with self.engine.begin() as conn:
            conn.execute(
                statements.insert_audit(
                    at=_now(),
                    username=(username or "")[:200] or None,
                    action=action,
                    target=target[:500],
                    parameters=parameters[:4000],
                    address=address[:100],
                )
            )

    def audit(
        self,
        since: datetime | None = None,
        username: str | None = None,
        action: str | None = None,
        limit: int | None = 1000,
    ):
        """The audit log's rows (dicts), newest first: at most `limit` (None: all)."""
        with self.engine.connect() as conn:
            rows = conn.execute(statements.select_audit(since, username, action, limit)).mappings().all()
        return [dict(row) | {"at": _aware(row["at"])} for row in rows]

    def prune_audit(self, now: datetime | None = None) -> int:
        """Delete the audit rows older than the retention; how many were deleted."""
        cutoff = (now or _now()) - timedelta(days=self.retention_days())
        with self.engine.begin() as conn:
            return conn.execute(statements.delete_audit_before(cutoff)).rowcount

    def retention_days(self) -> int:
        value = self.setting("audit_retention_days")
        return int(value) if value and value.isdigit() else DEFAULT_RETENTION_DAYS

    # --- sessions -----------------------------------------------------------------------------------------------

    def session(self, key: str) -> str | None:
        """The stored contents (JSON text) of the session `key`, None when there is none or it has expired."""
        with self.engine.connect() as conn:
            row = conn.execute(statements.select_session(key, _now())).one_or_none()
        if row is None:
            return None
        self._sessions_read.last = (key, row.data, _aware(row.expires_at))
        return row.data

    def save_session(self, key: str, data: str, seconds: float) -> None:
        """Store a session's contents for `seconds`; a new session's row clears away the expired ones.

        Every request saves its session (its idle time starts again), but a session that this thread has just read
        unchanged, and whose stored expiry is less than `SESSION_WRITE_SLACK` short of the new one, is not written:
        a page's ten callbacks would otherwise be ten writes to the state database, which several workers share.
        The idle limit then holds to within that slack."""
        now = _now()
        expires_at = now + timedelta(seconds=seconds)
        read = getattr(self._sessions_read, "last", None)
        self._sessions_read.last = None
        if read is not None and read[:2] == (key, data) and read[2] > expires_at - SESSION_WRITE_SLACK:
            return
        with self.engine.begin() as conn:
            if conn.execute(statements.update_session(key, data, expires_at)).rowcount:
                return
            conn.execute(statements.delete_expired_sessions(now))
        try:
            with self.engine.begin() as conn:
                conn.execute(statements.insert_session(key, data, expires_at))
        except IntegrityError:  # two requests of one new session at once: the other inserted it
            with self.engine.begin() as conn:
                conn.execute(statements.update_session(key, data, expires_at))

    def delete_session(self, key: str) -> None:
        self._sessions_read.last = None
        with self.engine.begin() as conn:
            conn.execute(statements.delete_session(key))

    # --- settings -----------------------------------------------------------------------------------------------

    def setting(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(statements.select_setting(name)).scalar_one_or_none()

    def set_setting(self, name: str, value: str) -> None:
        with self.engine.begin() as conn:
            if conn.execute(statements.update_setting(name, value)).rowcount == 0:
                conn.execute(statements.insert_setting(name, value))

    def secret_key(self) -> str:
        """The generated key that signs sessions when STV_SECRET_KEY is not set (one worker): made once, kept."""
        existing = self.setting("secret_key")
        if existing:
            return existing
        try:
            with self.engine.begin() as conn:
                conn.execute(statements.insert_setting("secret_key", secrets.token_urlsafe(48)))
        except IntegrityError:
            pass  # another process made it first
        return self.setting("secret_key")

    # --- subscriptions (dashboard.subscriptions decides what may be subscribed and when it is due) ------------------

    def recipient(self, username: str) -> tuple[str, str] | None:
        """The account's e-mail address and language for subscriptions, when set."""
        with self.engine.connect() as conn:
            row = conn.execute(statements.select_recipient(self._account_id(conn, username))).mappings().first()
        return (row["address"], row["lang"]) if row else None

    def set_recipient(self, username: str, address: str, lang: str) -> None:
        """Set the account's e-mail address and language for subscriptions."""
        with self.engine.begin() as conn:
            account_id = self._account_id(conn, username)
            if conn.execute(statements.update_recipient(account_id, address, lang)).rowcount == 0:
                conn.execute(statements.insert_recipient(account_id, address, lang))

    def add_subscription(self, username: str, kind: str, now: datetime, **values) -> Subscription:
        """Store a subscription of the account (`values`: every, hours, at_time, languages, regions)."""
        row = {
            "kind": kind,
            "every": values.get("every"),
            "hours": values.get("hours"),
            "at_time": values.get("at_time"),
            "languages": ",".join(values.get("languages", ())),
            "regions": ",".join(values.get("regions", ())),
            "nonce": secrets.token_hex(16),
            "created_at": now,
        }
        with self.engine.begin() as conn:
            row["account_id"] = self._account_id(conn, username)
            new_id = conn.execute(statements.insert_subscription(**row)).inserted_primary_key[0]
        return next(found for found in self.subscriptions(username) if found.id == new_id)

    def subscriptions(self, username: str | None = None) -> list[Subscription]:
        """The subscriptions of one account, or of all, by account and id."""
        with self.engine.connect() as conn:
            return [_subscription(row) for row in conn.execute(statements.select_subscriptions(username)).mappings()]

    def remove_subscription(self, subscription_id: int, username: str | None = None, nonce: str | None = None) -> bool:
        """Delete a subscription (of `username` only, or the one whose link carries `nonce`); False: none such."""
        with self.engine.begin() as conn:
            account_id = self._account_id(conn, username) if username is not None else None
            statement = statements.delete_subscription(subscription_id, account_id, nonce)
            return conn.execute(statement).rowcount == 1

    def claim(self, subscription_id: int, period: str, now: datetime, by: str) -> bool:
        """Claim the sending of a subscription's period: True for exactly one caller, however many ask at once; a
        failed send is claimed again once its retry time has come."""
        try:
            with self.engine.begin() as conn:
                conn.execute(statements.insert_claim(subscription_id, period, now, by))
            return True
        except IntegrityError:
            with self.engine.begin() as conn:
                return conn.execute(statements.reclaim_failed(subscription_id, period, now, by)).rowcount == 1

    def finish_delivery(self, subscription_id: int, period: str, **values) -> None:
        """Record how a claimed send ended (status sent or failed, sent_at, retry_at, error, detail)."""
        with self.engine.begin() as conn:
            conn.execute(statements.finish_delivery(subscription_id, period, **values))

    def mark_interrupted(self, before: datetime) -> int:
        """Claims left 'sending' before `before` (their process stopped): 'interrupted', never sent again."""
        with self.engine.begin() as conn:
            return conn.execute(statements.mark_interrupted(before)).rowcount

    def deliveries(self, subscription_id: int | None = None, since_period: str | None = None) -> list[dict]:
        """Deliveries (dicts), newest period first."""
        with self.engine.connect() as conn:
            rows = conn.execute(statements.select_deliveries(subscription_id, since_period)).mappings().all()
        return [
            dict(row) | {k: _aware(row[k]) if row[k] else None for k in ("claimed_at", "sent_at", "retry_at")}
            for row in rows
        ]

    @staticmethod
    def _account_id(conn, username: str) -> int:
        row = conn.execute(statements.select_account(username)).mappings().first()
        if row is None:
            raise AccountError(f"there is no account named '{username}'")
        return row["id"]


def _check_account(username: str, roles: Sequence[str], regions: Sequence[str], organisation_id) -> None:
    if not username or len(username) > 200 or any(c.isspace() for c in username):
        raise AccountError("a name is 1 to 200 characters without spaces")
    unknown = [role for role in roles if role not in ROLES]
    if not roles or unknown:
        raise AccountError(
            f"roles must be some of {', '.join(ROLES)}" + (f" (not {', '.join(unknown)})" * bool(unknown))
        )
    if "region" in roles and not regions:
        raise AccountError("a region account needs at least one --region")
    if "organisation" in roles and organisation_id is None:
        raise AccountError("an organisation account needs --organisation")


def _stored(row) -> StoredAccount:
    account = Account(
        username=row["username"],
        roles=tuple(role for role in row["roles"].split(",") if role),
        regions=tuple(code for code in (row["regions"] or "").split(",") if code),
        organisation_id=row["organisation_id"],
    )
    return StoredAccount(account, bool(row["disabled"]), row["password_hash"] is not None, _aware(row["created_at"]))


def _subscription(row) -> Subscription:
    return Subscription(
        id=row["id"],
        username=row["username"],
        kind=row["kind"],
        every=row["every"],
        hours=row["hours"],
        at_time=row["at_time"],
        languages=tuple(code for code in row["languages"].split(",") if code),
        regions=tuple(code for code in row["regions"].split(",") if code),
        nonce=row["nonce"],
        created_at=_aware(row["created_at"]),
        address=row["address"],
        lang=row["lang"] or "nl",
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _sqlite_pragmas(connection, _record) -> None:
    """Several workers write the audit log: wait for a lock rather than fail at once."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
