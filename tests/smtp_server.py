"""A real SMTP server for tests (pytest fixture `smtp_server`): aiosmtpd on 127.0.0.1.

Captures each accepted message as the raw bytes that crossed the wire, with its envelope.
`fail_next(n)` makes the next n DATA commands answer "451 try later" (a temporary refusal);
`refuse(addr)` makes RCPT TO <addr> answer 550 (a permanent one).

Import the fixture into a test module:
`from smtp_server import smtp_server_fixture  # noqa: F401`, then ask for `smtp_server`.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

TEMPORARY = "451 4.3.0 Try again later"
PERMANENT = "550 5.1.1 No such user"


@dataclass(frozen=True)
class Captured:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes

    def parsed(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)


@dataclass
class _Handler:
    messages: list[Captured] = field(default_factory=list)
    failures_left: int = 0
    refused: set[str] = field(default_factory=set)
    data_commands: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return PERMANENT
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.failures_left > 0:
            self.failures_left -= 1
            return TEMPORARY
        self.messages.append(
            Captured(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.original_content))
        )
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: _Handler

    @property
    def messages(self) -> list[Captured]:
        return self.handler.messages

    def parsed(self) -> list[EmailMessage]:
        return [m.parsed() for m in self.messages]

    def fail_next(self, n: int = 1) -> None:
        self.handler.failures_left = n

    def refuse(self, address: str) -> None:
        self.handler.refused.add(address.lower())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def smtp_capture() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on a free loopback port that keeps every accepted mail."""
    handler = _Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, handler)
    finally:
        controller.stop()


@pytest.fixture(name="smtp_server")
def smtp_server_fixture() -> Iterator[SmtpServer]:
    with smtp_capture() as server:
        yield server
