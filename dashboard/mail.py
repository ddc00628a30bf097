"""Sending e-mail for subscriptions: the SMTP connection of STV_SMTP_URL (CONTRACT.md §5) and the messages
(plain text and HTML alternatives, attachments, the unsubscribe headers of RFC 2369 and RFC 8058).

`smtp://host:port` speaks SMTP and upgrades to TLS (STARTTLS) whenever the server offers it; `smtps://` is SMTP
over TLS from the start. A user and password in the
URL log in. Any failure to reach or use the server is a `MailUnavailable` with one clear line.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 30


class MailUnavailable(Exception):
    """The SMTP server cannot be reached or refuses us; the message says which and why, in one line."""


class MessageRefused(Exception):
    """The server refused one message (a recipient, its size): the others may still go."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "pdf"


@dataclass(frozen=True)
class Mail:
    """One e-mail as subscriptions write it: to one reader, text and HTML, attachments, its unsubscribe link."""

    to: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    lang: str
    attachments: tuple[Attachment, ...] = ()


def build_message(mail: Mail, sender: str, now: datetime) -> EmailMessage:
    """The MIME message: multipart/alternative (text, then HTML) inside multipart/mixed when something is attached."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> "))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to it
    message["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    for attachment in mail.attachments:
        message.add_attachment(
            attachment.content, maintype=attachment.maintype, subtype=attachment.subtype, filename=attachment.filename
        )
    message["Content-Language"] = mail.lang  # after the content: setting it clears the Content-* headers
    return message


class Mailer:
    """One SMTP session for a run of send-due: `with Mailer(url) as mailer: mailer.send(message)`."""

    def __init__(self, url: str | None):
        if not url:
            raise MailUnavailable("STV_SMTP_URL is not set: subscriptions cannot be sent")
        parts = urlsplit(url)
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname or ""
        self.port = parts.port or (465 if self.tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else ""
        self.where = f"{parts.scheme}://{self.host}:{self.port}"
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        try:
            if self.tls:
                self.smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS)
            else:
                self.smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
                self.smtp.ehlo()
                if self.smtp.has_extn("starttls"):
                    self.smtp.starttls(context=ssl.create_default_context())
                    self.smtp.ehlo()
            if self.user:
                self.smtp.login(self.user, self.password)
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise MailUnavailable(f"cannot use the SMTP server {self.where}: {_reason(error)}") from error
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        """Send one message; MessageRefused when the server refuses it, MailUnavailable when the connection fails."""
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
            raise MessageRefused(_reason(error)) from error
        except (OSError, smtplib.SMTPException) as error:
            raise MailUnavailable(f"the SMTP server {self.where} failed: {_reason(error)}") from error

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


def _reason(error: Exception) -> str:
    """One line: the SMTP reply (code and text) or the system's reason."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{who}: {code} {text.decode(errors='replace')}" for who, (code, text) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        return f"{error.smtp_code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
