"""The dashboard's own database (STV_STATE_URL, never the operational one): accounts, API tokens, the audit log
and a few settings of its own. Tables and every statement on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)

state_metadata = MetaData()

accounts = Table(
    "accounts",
    state_metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("roles", String(200), nullable=False),  # comma-separated (dashboard.access.ROLES)
    Column("regions", String(200), nullable=False, default=""),  # comma-separated region codes
    Column("organisation_id", Integer, nullable=True),
    Column("password_hash", String(200), nullable=True),  # Argon2; None: signs in at the identity provider only
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
api_tokens = Table(
    "api_tokens",
    state_metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token: it is random and long
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)
audit_log = Table(
    "audit_log",
    state_metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(200), nullable=True),  # as given, also for a failed sign-in
    Column("action", String(40), nullable=False),  # dashboard.audit.ACTIONS
    Column("target", String(500), nullable=False, default=""),  # the page, export or report
    Column("parameters", Text, nullable=False, default=""),  # the query string
    Column("address", String(100), nullable=False, default=""),
)
Index("ix_audit_log_at", audit_log.c.at)
state_settings = Table(
    "state_settings",
    state_metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)


def select_account(username: str) -> Select:
    return select(accounts).where(accounts.c.username == username)


def select_accounts() -> Select:
    return select(accounts).order_by(accounts.c.username)


def insert_account(username: str, roles: str, regions: str, organisation_id, password_hash, at: datetime):
    return insert(accounts).values(
        username=username,
        roles=roles,
        regions=regions,
        organisation_id=organisation_id,
        password_hash=password_hash,
        disabled=False,
        created_at=at,
    )


def update_account(username: str, **values):
    return update(accounts).where(accounts.c.username == username).values(**values)


def delete_account(username: str):
    return delete(accounts).where(accounts.c.username == username)


def count_accounts() -> Select:
    return select(func.count()).select_from(accounts)


def insert_token(account_id: int, token_hash: str, at: datetime):
    return insert(api_tokens).values(account_id=account_id, token_hash=token_hash, created_at=at)


def select_token_account(token_hash: str) -> Select:
    """The account of a token that is not revoked."""
    return (
        select(accounts)
        .join(api_tokens, api_tokens.c.account_id == accounts.c.id)
        .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
    )


def revoke_tokens(account_id: int, at: datetime):
    return (
        update(api_tokens)
        .where(api_tokens.c.account_id == account_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=at)
    )


def insert_audit(**values):
    return insert(audit_log).values(**values)


def select_audit(since: datetime | None = None, username: str | None = None, action: str | None = None, limit=1000):
    """The audit log, newest first, narrowed to what is given."""
    statement = select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)
    if since is not None:
        statement = statement.where(audit_log.c.at >= since)
    if username:
        statement = statement.where(audit_log.c.username == username)
    if action:
        statement = statement.where(audit_log.c.action == action)
    return statement


def delete_audit_before(moment: datetime):
    return delete(audit_log).where(audit_log.c.at < moment)


def select_setting(name: str) -> Select:
    return select(state_settings.c.value).where(state_settings.c.name == name)


def insert_setting(name: str, value: str):
    return insert(state_settings).values(name=name, value=value)


def update_setting(name: str, value: str):
    return update(state_settings).where(state_settings.c.name == name).values(value=value)
