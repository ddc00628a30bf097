"""The dashboard's own database (STV_STATE_URL, never the operational one): accounts, API tokens, the audit log
and a few settings of its own. Tables and every statement on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
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
# Signed-in sessions (dashboard.auth): the cookie holds the random id, this table its contents as JSON.
sessions = Table(
    "sessions",
    state_metadata,
    Column("id", String(200), primary_key=True),  # Flask-Session's key: its prefix and the random session id
    Column("data", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
Index("ix_sessions_expires_at", sessions.c.expires_at)


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


# --- subscriptions (CONTRACT.md §8; dashboard.subscriptions) ----------------------------------------------------

mail_recipients = Table(
    "mail_recipients",
    state_metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("address", String(320), nullable=False),
    Column("lang", String(2), nullable=False),  # the account's language for e-mails: nl or en
)
subscriptions = Table(
    "subscriptions",
    state_metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # report or alert
    Column("every", String(10), nullable=True),  # report: month or quarter
    Column("hours", Float, nullable=True),  # alert: the shortfall over the next 7 days that is reported
    Column("at_time", String(5), nullable=True),  # alert: HH:MM, Brussels time
    Column("languages", String(500), nullable=False, default=""),  # alert: comma-separated codes; "" all
    Column("regions", String(200), nullable=False, default=""),  # alert: comma-separated codes; "" all in scope
    Column("nonce", String(32), nullable=False),  # in the unsubscribe link: a reused id cannot be unsubscribed
    Column("created_at", DateTime(timezone=True), nullable=False),
)
# One row per subscription and period (a month, a quarter, an alert's Brussels day): inserting it is the claim
# that makes one process the sender, so a message goes out once however many send-due run.
deliveries = Table(
    "deliveries",
    state_metadata,
    Column("id", Integer, primary_key=True),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("period", String(10), nullable=False),  # 2026-Q3, 2026-11 or 2026-11-23
    Column("status", String(12), nullable=False),  # sending, sent, failed, interrupted
    Column("attempts", Integer, nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(200), nullable=False),  # host and process id
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("retry_at", DateTime(timezone=True), nullable=True),  # failed: not before then
    Column("error", Text, nullable=True),
    Column("detail", Text, nullable=False, default=""),  # alert: JSON {language code: shortfall hours} sent
    UniqueConstraint("subscription_id", "period", name="uq_deliveries_subscription_period"),
)


def select_recipient(account_id: int) -> Select:
    return select(mail_recipients).where(mail_recipients.c.account_id == account_id)


def insert_recipient(account_id: int, address: str, lang: str):
    return insert(mail_recipients).values(account_id=account_id, address=address, lang=lang)


def update_recipient(account_id: int, address: str, lang: str):
    return update(mail_recipients).where(mail_recipients.c.account_id == account_id).values(address=address, lang=lang)


def insert_subscription(**values):
    return insert(subscriptions).values(**values)


def select_subscriptions(username: str | None = None) -> Select:
    """Subscriptions with their account's name and e-mail settings, by account and id."""
    statement = (
        select(
            subscriptions,
            accounts.c.username,
            mail_recipients.c.address,
            mail_recipients.c.lang,
        )
        .join(accounts, accounts.c.id == subscriptions.c.account_id)
        .outerjoin(mail_recipients, mail_recipients.c.account_id == subscriptions.c.account_id)
        .order_by(accounts.c.username, subscriptions.c.id)
    )
    return statement.where(accounts.c.username == username) if username else statement


def select_subscription(subscription_id: int) -> Select:
    return select(subscriptions).where(subscriptions.c.id == subscription_id)


def delete_subscription(subscription_id: int, account_id: int | None = None, nonce: str | None = None):
    """Delete a subscription: of that account, or the one whose unsubscribe link carries `nonce`."""
    statement = delete(subscriptions).where(subscriptions.c.id == subscription_id)
    if account_id is not None:
        statement = statement.where(subscriptions.c.account_id == account_id)
    if nonce is not None:
        statement = statement.where(subscriptions.c.nonce == nonce)
    return statement


def insert_claim(subscription_id: int, period: str, at: datetime, by: str):
    return insert(deliveries).values(
        subscription_id=subscription_id, period=period, status="sending", attempts=1, claimed_at=at, claimed_by=by
    )


def reclaim_failed(subscription_id: int, period: str, at: datetime, by: str):
    """Take over a failed delivery whose retry time has come (one process wins: the row changes once)."""
    return (
        update(deliveries)
        .where(
            deliveries.c.subscription_id == subscription_id,
            deliveries.c.period == period,
            deliveries.c.status == "failed",
            deliveries.c.retry_at <= at,
        )
        .values(status="sending", attempts=deliveries.c.attempts + 1, claimed_at=at, claimed_by=by)
    )


def finish_delivery(subscription_id: int, period: str, **values):
    return (
        update(deliveries)
        .where(deliveries.c.subscription_id == subscription_id, deliveries.c.period == period)
        .values(**values)
    )


def mark_interrupted(before: datetime):
    """Claims still 'sending' since before `before`: their process stopped; whether the message left is unknown."""
    return (
        update(deliveries)
        .where(deliveries.c.status == "sending", deliveries.c.claimed_at < before)
        .values(status="interrupted", error="interrupted")
    )


def select_deliveries(subscription_id: int | None = None, since_period: str | None = None) -> Select:
    """Deliveries, newest period first: of one subscription (from `since_period` on), or all."""
    statement = select(deliveries).order_by(deliveries.c.period.desc(), deliveries.c.id.desc())
    if subscription_id is not None:
        statement = statement.where(deliveries.c.subscription_id == subscription_id)
    if since_period is not None:
        statement = statement.where(deliveries.c.period >= since_period)
    return statement


def select_session(key: str, now: datetime) -> Select:
    return select(sessions.c.data, sessions.c.expires_at).where(sessions.c.id == key, sessions.c.expires_at > now)


def update_session(key: str, data: str, expires_at: datetime):
    return update(sessions).where(sessions.c.id == key).values(data=data, expires_at=expires_at)


def insert_session(key: str, data: str, expires_at: datetime):
    return insert(sessions).values(id=key, data=data, expires_at=expires_at)


def delete_session(key: str):
    return delete(sessions).where(sessions.c.id == key)


def delete_expired_sessions(now: datetime):
    return delete(sessions).where(sessions.c.expires_at <= now)
