"""Subscriptions (CONTRACT.md §8): what an account may subscribe to, when each is due, the e-mails, and sending them
exactly once (`stv-dashboard send-due`).

- A board report of every month or quarter: due from the first working day (dashboard.holidays) after the period
  closes, for periods that close after the subscription was made; the PDF of `/report.pdf`, in the account's scope
  (an organisation account: its own organisation's report).
- A shortage alert: due every Brussels day from its hour (HH:MM) on; it lists the languages whose shortfall over
  the next 7 days (dashboard.views.supply_demand, the same figures as `/supply-demand`, in the account's scope and
  the subscription's languages and regions) exceeds its hours. A language reported in the last six days is
  reported again only when its shortfall has grown; nothing is sent when nothing is left to report.
- Sending: each (subscription, period) is claimed by inserting its delivery row (unique) before the message is
  built, so several send-due at once send it once. A claim still "sending" after STALE_CLAIM was left by a process
  that stopped: whether its message left is unknown, so it is marked "interrupted" and never sent again. A message
  the server refuses is retried with back-off (RETRY_MINUTES); a server that cannot be reached stops the run before
  anything is claimed, and is shown on `/subscriptions`.
- Every message sent is a row in the audit log ("mail"); every e-mail has an unsubscribe link signed with the
  session key (itsdangerous), which works without signing in (UNSUBSCRIBE_PATH).
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

import flask
from itsdangerous import BadSignature, URLSafeSerializer

from dashboard.access import Account
from dashboard.db import DatabaseUnavailable
from dashboard.filters import Vocabulary, parse_query
from dashboard.holidays import first_working_day_after
from dashboard.i18n import LANGS, format_date, format_decimal, t
from dashboard.mail import Attachment, Mail, Mailer, MailUnavailable, MessageRefused, build_message
from dashboard.periods import BRUSSELS, add_months, brussels_today, month_end, quarter_start
from dashboard.state import StateDatabase, Subscription

UNSUBSCRIBE_PATH = "/unsubscribe"
PUBLIC_PATHS = (UNSUBSCRIBE_PATH,)  # answered without a session (dashboard.auth)
KINDS = ("report", "alert")
EVERY = ("month", "quarter")
ALERT_WINDOW = "7d"
REPEAT_DAYS = 7  # a language still short is reported again after this many days even when not worse
STALE_CLAIM = timedelta(minutes=30)
RETRY_MINUTES = (5, 15, 60, 180, 360)  # after the 1st, 2nd, … failure; then every 6 hours
MAIL_FAILURE = "mail_failure"  # state setting: JSON {"at", "error"} of the last run the server failed, or ""
AT_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
MAX_HOURS = 10_000


class SubscriptionError(ValueError):
    """A subscription that cannot be made as asked: a text key (dashboard/texts/subscriptions.py) and its values;
    str() is the English text (the command line's)."""

    def __init__(self, key: str, **values):
        super().__init__(t(key, "en", **values))
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


# --- what may be subscribed -----------------------------------------------------------------------------------


def kinds_for(account: Account) -> tuple[str, ...]:
    """What the account may subscribe to: nothing without a data role, the report only for an organisation."""
    if account.role is None:
        return ()
    return ("report",) if account.role == "organisation" else KINDS


def subscribe(
    state: StateDatabase, account: Account, vocabulary: Vocabulary, kind: str, now: datetime, **values
) -> Subscription:
    """Check and store a subscription of `account` (`values`: every; hours, at_time, languages, regions; address
    and lang set the account's e-mail settings, and must be given when it has none)."""
    address, lang = _recipient(state, account, values.get("address"), values.get("lang"))
    if kind not in kinds_for(account):
        raise SubscriptionError(
            "subscriptions-error-organisation" if kinds_for(account) else "subscriptions-error-role"
        )
    fields = _report_fields(values) if kind == "report" else _alert_fields(account, vocabulary, values)
    state.set_recipient(account.username, address, lang)
    return state.add_subscription(account.username, kind, now, **fields)


def _recipient(state: StateDatabase, account: Account, address: str | None, lang: str | None) -> tuple[str, str]:
    known = state.recipient(account.username)
    address = (address or "").strip() or (known[0] if known else "") or account.username
    if not ADDRESS.fullmatch(address) or len(address) > 320:
        raise SubscriptionError("subscriptions-error-address", value=address)
    lang = lang or (known[1] if known else "nl")
    if lang not in LANGS:
        raise SubscriptionError("subscriptions-error-lang", value=lang)
    return address, lang


def _report_fields(values: dict) -> dict:
    if values.get("every") not in EVERY:
        raise SubscriptionError("subscriptions-error-every", value=str(values.get("every")))
    return {"every": values["every"]}


def _alert_fields(account: Account, vocabulary: Vocabulary, values: dict) -> dict:
    try:
        hours = float(values.get("hours"))
    except (TypeError, ValueError):
        hours = -1.0
    if not 0 <= hours <= MAX_HOURS:
        raise SubscriptionError("subscriptions-error-hours", value=str(values.get("hours")))
    at_time = str(values.get("at_time") or "")
    if not AT_TIME.fullmatch(at_time):
        raise SubscriptionError("subscriptions-error-at", value=at_time)
    languages = sorted(set(values.get("languages") or ()))
    regions = sorted(set(values.get("regions") or ()))
    unknown = [code for code in languages if code not in vocabulary.languages]
    unknown += [code for code in regions if code not in vocabulary.regions]
    if unknown:
        raise SubscriptionError("subscriptions-error-code", value=", ".join(unknown))
    outside = [code for code in regions if account.scope.regions and code not in account.scope.regions]
    if outside:
        raise SubscriptionError("subscriptions-error-scope", value=", ".join(outside))
    return {"hours": hours, "at_time": at_time, "languages": languages, "regions": regions}


# --- when a subscription is due --------------------------------------------------------------------------------


def closed_period(every: str, today: date) -> tuple[str, date, date]:
    """The last month or quarter that closed before `today`: its key ('2024-03', '2024-Q1'), first and last day."""
    if every == "month":
        start = add_months(today, -1)
        return f"{start:%Y-%m}", start, month_end(start)
    start = add_months(quarter_start(today), -3)
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}", start, month_end(add_months(start, 2))


def report_due(subscription: Subscription, today: date) -> str | None:
    """The report period due on `today`: from the first working day after it closed, if that is not before the
    subscription was made."""
    key, _, last = closed_period(subscription.every, today)
    send_on = first_working_day_after(last)
    made = brussels_today(subscription.created_at)
    return key if send_on <= today and send_on >= made else None


def alert_due(subscription: Subscription, now: datetime) -> str | None:
    """The alert's Brussels day when its hour has come."""
    local = now.astimezone(BRUSSELS)
    return local.date().isoformat() if local.time() >= time.fromisoformat(subscription.at_time) else None


@dataclass(frozen=True)
class Shortfall:
    """A language short over the next 7 days: its code, name, hours short, pending and free, and where."""

    code: str
    name: str
    gap_hours: float
    pending_hours: float
    free_hours: float
    regions: str  # 'LIM, ANT': where it is short, worst first


def shortfalls(context, account: Account, subscription: Subscription, now: datetime) -> list[Shortfall]:
    """The languages whose shortfall over the next 7 days exceeds the subscription's hours, in the account's scope
    and the subscription's languages and regions, the largest first."""
    from dashboard.views import supply_demand

    parsed = parse_query(_alert_query(subscription), context.vocabulary(), brussels_today(now), account.scope)
    table = supply_demand.by_language(context.data, parsed.filters, now, ALERT_WINDOW, subscription.lang)
    short = table[table.gap_hours > subscription.hours]
    return [
        Shortfall(row.language_code, row.language, row.gap_hours, row.pending_hours, row.free_hours, row.regions_short)
        for row in short.itertuples()
    ]


def _alert_query(subscription: Subscription) -> str:
    pairs = [("language", ",".join(subscription.languages)), ("region", ",".join(subscription.regions))]
    return urlencode([(name, value) for name, value in pairs if value], safe=",")


def worth_reporting(found: list[Shortfall], earlier: list[dict]) -> list[Shortfall]:
    """The shortfalls not reported in the last days (`earlier`: those deliveries, newest first), or grown since."""
    last: dict[str, float] = {}
    for delivery in earlier:
        if delivery["status"] == "sent" and delivery["detail"]:
            for code, gap in json.loads(delivery["detail"]).items():
                last.setdefault(code, gap)
    return [item for item in found if item.code not in last or item.gap_hours > last[item.code] + 1e-9]


# --- the e-mails -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A message to send: the subscription, its period, its account, and (alerts) what it reports."""

    subscription: Subscription
    period: str
    account: Account
    shortfalls: tuple[Shortfall, ...] = ()


def unsubscribe_token(secret: str, subscription: Subscription) -> str:
    return _serializer(secret).dumps([subscription.id, subscription.nonce])


def read_unsubscribe_token(secret: str, token: str) -> tuple[int, str] | None:
    """The subscription id and nonce a token carries, or None when it was not signed with `secret`."""
    try:
        found = _serializer(secret).loads(token or "")
    except BadSignature:
        return None
    valid = isinstance(found, list) and len(found) == 2 and isinstance(found[0], int) and isinstance(found[1], str)
    return (found[0], found[1]) if valid else None


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="stv-unsubscribe")


def report_attachment(context, account: Account, period: str, lang: str) -> Attachment:
    """The board report of `period` for `account` (its scope), as `/report.pdf` makes it."""
    from dashboard.report import build_report, report_query
    from dashboard.report_pdf import report_pdf

    query, period = report_query({"period": [period], "lang": [lang]})
    parsed = parse_query(urlencode([(k, v[-1]) for k, v in query.items()]), context.vocabulary(), context.today(),
                         account.scope)  # fmt: skip
    built = build_report(context.data, parsed.filters, lang, context.today(), targets=context.targets, period=period)
    pdf = report_pdf(built)
    return Attachment(f"stv-report-{period}.pdf", pdf)


def compose(context, due: Due, secret: str, now: datetime) -> Mail:
    """The e-mail of a due subscription, in its account's language."""
    subscription, lang = due.subscription, due.subscription.lang
    base = context.settings.public_url
    unsubscribe = f"{base}{UNSUBSCRIBE_PATH}?" + urlencode(
        {"token": unsubscribe_token(secret, subscription), "lang": lang}
    )
    content = _report_content if subscription.kind == "report" else _alert_content
    subject, paragraphs, attachments = content(context, due, base, now)
    footer = [
        (t(f"subscriptions-mail-why-{subscription.kind}", lang, what=describe(subscription, lang)), None),
        (t("subscriptions-mail-manage", lang), f"{base}/subscriptions?lang={lang}"),
        (t("subscriptions-mail-unsubscribe", lang), unsubscribe),
    ]
    greeting = (t("subscriptions-mail-hello", lang, name=due.account.username), None)
    return Mail(
        to=subscription.address,
        subject=subject,
        text=_text([greeting, *paragraphs], footer),
        html=_html(subject, [greeting, *paragraphs], footer, lang),
        unsubscribe_url=unsubscribe,
        lang=lang,
        attachments=attachments,
    )


def _report_content(context, due: Due, base: str, now: datetime):
    from dashboard.periods import parse_report_period

    lang, period = due.subscription.lang, due.period
    first, last = parse_report_period(period)
    span = f"{format_date(first, lang)} – {format_date(last, lang)}"
    paragraphs = [
        (t("subscriptions-mail-report-lead", lang, period=period, span=span), None),
        (t("subscriptions-mail-report-online", lang), f"{base}/report?" + urlencode({"period": period, "lang": lang})),
    ]
    attachment = report_attachment(context, due.account, period, lang)
    return t("subscriptions-mail-report-subject", lang, period=period), paragraphs, (attachment,)


def _alert_content(context, due: Due, base: str, now: datetime):
    subscription, lang = due.subscription, due.subscription.lang
    hours = format_decimal(subscription.hours, lang, 1)
    names = ", ".join(item.name for item in due.shortfalls)
    paragraphs = [
        (t("subscriptions-mail-alert-lead", lang, hours=hours, day=format_date(brussels_today(now), lang)), None)
    ]
    for item in due.shortfalls:
        line = t(
            "subscriptions-mail-alert-line",
            lang,
            language=item.name,
            gap=format_decimal(item.gap_hours, lang, 1),
            pending=format_decimal(item.pending_hours, lang, 1),
            free=format_decimal(item.free_hours, lang, 1),
        )
        if item.regions:
            line += " " + t("subscriptions-mail-alert-regions", lang, regions=item.regions)
        paragraphs.append((line, supply_demand_link(base, subscription, lang, item.code)))
    codes = [item.code for item in due.shortfalls]
    if len(codes) > 1:
        paragraphs.append(
            (t("subscriptions-mail-alert-all", lang), supply_demand_link(base, subscription, lang, *codes))
        )
    return t("subscriptions-mail-alert-subject", lang, languages=names), paragraphs, ()


def supply_demand_link(base: str, subscription: Subscription, lang: str, *codes: str) -> str:
    """`/supply-demand` with the alert's figures: its languages (one opened in the drill-down), regions, 7 days."""
    pairs = [("language", ",".join(codes))]
    pairs += [("region", ",".join(subscription.regions))] if subscription.regions else []
    pairs += [("window", ALERT_WINDOW)] + ([("drill", codes[0])] if len(codes) == 1 else [])
    pairs += [("lang", lang)] if lang != "nl" else []
    return f"{base}/supply-demand?" + urlencode(pairs, safe=",")


def describe(subscription: Subscription, lang: str) -> str:
    """What a subscription sends, in a few words: 'every quarter' or 'more than 4 h short, daily at 08:00 (ar, ti)'."""
    if subscription.kind == "report":
        return t(f"subscriptions-every-{subscription.every}", lang)
    text = t(
        "subscriptions-alert-describe", lang, hours=format_decimal(subscription.hours, lang, 1), at=subscription.at_time
    )
    codes = [*subscription.languages, *subscription.regions]
    return text + (f" ({', '.join(codes)})" if codes else "")


def _text(paragraphs, footer) -> str:
    def block(items):
        return "\n\n".join(text + (f"\n{link}" if link else "") for text, link in items)

    return block(paragraphs) + "\n\n-- \n" + block(footer) + "\n"


def _html(title: str, paragraphs, footer, lang: str) -> str:
    def paragraph(text: str, link: str | None, small: bool) -> str:
        shown = link if small else t("subscriptions-mail-open", lang)
        anchor = f'<br><a href="{html.escape(link)}">{html.escape(shown)}</a>' if link else ""
        style = ' style="color:#555;font-size:small"' if small else ""
        return f"<p{style}>{html.escape(text)}{anchor}</p>"

    body = "".join(paragraph(text, link, False) for text, link in paragraphs)
    notes = "".join(paragraph(text, link, True) for text, link in footer)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f'<body style="font-family:sans-serif">{body}<hr>{notes}</body></html>'
    )


# --- sending ---------------------------------------------------------------------------------------------------


@dataclass
class RunResult:
    """What a run of send-due did: lines of what was sent and failed, and the server's failure (None: usable)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unavailable: str | None = None


def due_messages(context, state: StateDatabase, now: datetime) -> list[Due]:
    """Every subscription's period that is due at `now` and not yet sent (nor being sent, nor failed with its retry
    time still to come); alerts only when there is something to report."""
    today, found = brussels_today(now), []
    for subscription in state.subscriptions():
        stored = state.find(subscription.username)
        if stored is None or stored.disabled or subscription.kind not in kinds_for(stored.account):
            continue
        due = report_due(subscription, today) if subscription.kind == "report" else alert_due(subscription, now)
        if due is None or not _open(state, subscription, due, now):
            continue
        if subscription.kind == "report":
            found.append(Due(subscription, due, stored.account))
            continue
        earlier = state.deliveries(subscription.id, since_period=(today - timedelta(days=REPEAT_DAYS - 1)).isoformat())
        items = worth_reporting(shortfalls(context, stored.account, subscription, now), earlier)
        if items:
            found.append(Due(subscription, due, stored.account, tuple(items)))
    return found


def _open(state: StateDatabase, subscription: Subscription, period: str, now: datetime) -> bool:
    """Whether nothing blocks sending this period: no delivery yet, or a failed one whose retry time has come."""
    rows = [row for row in state.deliveries(subscription.id, since_period=period) if row["period"] == period]
    return not rows or (rows[0]["status"] == "failed" and rows[0]["retry_at"] <= now)


def send_due(context, state: StateDatabase, secret: str, now: datetime) -> RunResult:
    """Send every due message once (see the module's docstring); the server's failure in `unavailable`."""
    state.mark_interrupted(now - STALE_CLAIM)
    result = RunResult()
    due = due_messages(context, state, now)
    if not due:
        return result
    try:
        if not context.settings.mail_from:
            raise MailUnavailable("STV_MAIL_FROM is not set: subscriptions cannot be sent")
        with Mailer(context.settings.smtp_url) as mailer:
            for item in due:
                _send_one(context, state, mailer, item, secret, now, result)
    except MailUnavailable as error:
        result.unavailable = str(error)
        state.set_setting(MAIL_FAILURE, json.dumps({"at": now.isoformat(), "error": str(error)}))
        return result
    state.set_setting(MAIL_FAILURE, "")
    return result


def _send_one(context, state, mailer: Mailer, due: Due, secret: str, now: datetime, result: RunResult) -> None:
    subscription, period = due.subscription, due.period
    if not state.claim(subscription.id, period, now, _claimant()):
        return  # another send-due has it
    attempts = _attempts(state, subscription.id, period)
    try:
        message = build_message(compose(context, due, secret, now), context.settings.mail_from, now)
    except DatabaseUnavailable as error:  # the report could not be read: nothing left, so it may be tried again
        _failed(state, due, now, attempts, f"the operational database cannot be read: {error}", result)
        return
    try:
        mailer.send(message)
    except MessageRefused as error:
        _failed(state, due, now, attempts, str(error), result)
        return
    except MailUnavailable as error:
        _failed(state, due, now, 0, str(error), result)  # not the message's fault: the next run tries again
        raise
    detail = json.dumps({item.code: item.gap_hours for item in due.shortfalls}) if due.shortfalls else ""
    state.finish_delivery(subscription.id, period, status="sent", sent_at=now, retry_at=None, error=None, detail=detail)
    state.record("mail", subscription.username, f"/subscriptions/{subscription.id}",
                 urlencode({"kind": subscription.kind, "period": period, "to": subscription.address,
                            "subject": message["Subject"]}))  # fmt: skip
    result.sent.append(f"sent {subscription.kind} {period} to {subscription.username} <{subscription.address}>")


def _failed(state, due: Due, now: datetime, attempts: int, error: str, result: RunResult) -> None:
    wait = RETRY_MINUTES[min(attempts, len(RETRY_MINUTES)) - 1] if attempts else 0
    retry = now + timedelta(minutes=wait)
    state.finish_delivery(due.subscription.id, due.period, status="failed", retry_at=retry, error=error[:1000])
    result.failed.append(
        f"failed {due.subscription.kind} {due.period} to {due.subscription.username}: {error} "
        f"(retry from {retry:%Y-%m-%d %H:%M} UTC)"
    )


def _attempts(state: StateDatabase, subscription_id: int, period: str) -> int:
    rows = [row for row in state.deliveries(subscription_id, since_period=period) if row["period"] == period]
    return rows[0]["attempts"] if rows else 1


def _claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def last_mail_failure(state: StateDatabase) -> dict | None:
    """The last run's failure to use the SMTP server ({"at", "error"}), or None when the last run could send."""
    value = state.setting(MAIL_FAILURE)
    return json.loads(value) if value else None


# --- the unsubscribe link --------------------------------------------------------------------------------------


def init_app(server: flask.Flask, state: StateDatabase) -> None:
    """`GET /unsubscribe?token=…` asks to confirm (a mail scanner that follows links unsubscribes no one);
    `POST` ends the subscription (also RFC 8058's one-click POST from a mail client). No sign-in: the signed token
    is the authority. A forged or used token changes nothing and says so."""

    @server.route(UNSUBSCRIBE_PATH, methods=["GET", "POST"])
    def unsubscribe() -> flask.Response:
        lang = flask.request.values.get("lang") if flask.request.values.get("lang") in LANGS else "nl"
        token = flask.request.values.get("token", "")
        found = read_unsubscribe_token(server.secret_key, token)
        subscription = _subscription_of(state, found)
        if subscription is None:
            return _page(lang, "subscriptions-unsubscribe-invalid", status=400)
        if flask.request.method == "GET":
            return _page(lang, "subscriptions-unsubscribe-confirm", what=describe(subscription, lang), token=token)
        state.remove_subscription(subscription.id, nonce=subscription.nonce)
        removed = urlencode({"removed": subscription.id, "by": "link"})
        state.record("subscription", subscription.username, UNSUBSCRIBE_PATH, removed, flask.request.remote_addr or "")
        return _page(lang, "subscriptions-unsubscribe-done", what=describe(subscription, lang))


def _subscription_of(state: StateDatabase, found: tuple[int, str] | None) -> Subscription | None:
    if found is None:
        return None
    return next((s for s in state.subscriptions() if s.id == found[0] and s.nonce == found[1]), None)


UNSUBSCRIBE_MAIN = """  <h2 class="h5">{{ t('subscriptions-unsubscribe-title') }}</h2>
  <p>{{ message }}</p>
  {% if token %}
  <form method="post" action="/unsubscribe">
    <input type="hidden" name="token" value="{{ token }}">
    <input type="hidden" name="lang" value="{{ lang }}">
    <button class="btn btn-primary" type="submit">{{ t('subscriptions-unsubscribe-button') }}</button>
  </form>
  {% endif %}
  <p class="mt-3"><a href="/subscriptions?lang={{ lang }}">{{ t('subscriptions-title') }}</a></p>
"""


def _page(lang: str, key: str, status: int = 200, token: str | None = None, **values) -> flask.Response:
    from dashboard.auth import sign_in_page

    page = flask.render_template_string(
        sign_in_page(UNSUBSCRIBE_MAIN),
        lang=lang,
        t=lambda name, **more: t(name, lang, **more),
        message=t(key, lang, **values),
        token=token,
        title=t("subscriptions-unsubscribe-title", lang),
    )
    return flask.Response(page, status=status, mimetype="text/html")
