"""A real SMTP server for the tests (aiosmtpd on loopback, a free port), as a pytest plugin: `smtp_server` gives
its URL and the messages it received, each parsed (headers, text and HTML parts, attachments)."""

from __future__ import annotations

import email
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from tests.services import free_port


@dataclass
class Received:
    """What the server accepted: messages in order (and their envelopes' recipients); `refuse` lists addresses
    whose RCPT TO it answers 550."""

    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content, policy=default))
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.recipients.clear()
            self.refuse.clear()


@dataclass
class SmtpServer:
    url: str
    received: Received


@pytest.fixture(scope="session")
def smtp_server():
    """An SMTP server on 127.0.0.1 for the session; tests `clear()` its messages first."""
    received = Received()
    port = free_port()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    yield SmtpServer(f"smtp://127.0.0.1:{port}", received)
    controller.stop()


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def attachments(message: EmailMessage) -> list[tuple[str, str, bytes]]:
    """(filename, content type, bytes) of each attachment."""
    return [(part.get_filename(), part.get_content_type(), part.get_content()) for part in message.iter_attachments()]
