"""Waiting for mail: block until the mailbox holds a message it did not hold before.

What Airflow's triggerer runs (through jinxiao_airflow.triggers) so intake starts within
seconds of a delivery instead of at the next half-hour: a Maildir is polled (a directory
listing a second is cheap); an IMAP folder is watched with IDLE (RFC 2177), or polled with
NOOP where the server has no IDLE. Either way "new" means a mailbox place (ref) not listed
before, exactly as collect_mail counts them, so flag changes or deletions wake nobody.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from jinxiao.intake.mailbox import ImapMailbox, MailboxConfig, MaildirMailbox

log = logging.getLogger(__name__)

# How often a Maildir is listed, and how often IMAP is polled where IDLE is missing.
POLL_SECONDS = 1.0
# IDLE is renewed well inside the 29 minutes RFC 2177 lets a server wait before it may
# drop an idle client; a shorter wait also notices a dead connection sooner.
IDLE_SECONDS = 60.0


class MailboxWatch(Protocol):
    def wait(self, timeout: float) -> int: ...
    def close(self) -> None: ...


class MaildirWatch:
    """A Maildir's new/ and cur/ listed every `interval` seconds."""

    def __init__(self, cfg: MailboxConfig, interval: float = POLL_SECONDS) -> None:
        self.mailbox = MaildirMailbox(cfg)
        self.interval = interval
        self.known = set(self.mailbox.refs())

    def wait(self, timeout: float) -> int:
        """How many messages arrived, waiting up to `timeout` seconds for the first."""
        deadline = time.monotonic() + timeout
        while True:
            now = set(self.mailbox.refs())
            arrived, self.known = len(now - self.known), now
            if arrived or time.monotonic() >= deadline:
                return arrived
            time.sleep(min(self.interval, max(0.0, deadline - time.monotonic())))

    def close(self) -> None:
        self.mailbox.close()


class ImapWatch:
    """An IMAP folder, examined read-only (no flag changes), woken by IDLE or NOOP polls."""

    def __init__(self, cfg: MailboxConfig, interval: float = POLL_SECONDS) -> None:
        self.mailbox = ImapMailbox(cfg)
        self.interval = interval
        typ, data = self.mailbox.client.client.capability()
        words = b" ".join(d for d in data if isinstance(d, bytes)).upper().split()
        self.idle = typ == "OK" and b"IDLE" in words
        self.known = set(self.mailbox.refs())
        log.info("watching %s with %s", self.mailbox.source, "IDLE" if self.idle else "NOOP")

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while True:
            left = max(0.0, deadline - time.monotonic())
            if self.idle:
                self.mailbox.client.idle.wait(timeout=min(left, IDLE_SECONDS))
            else:
                time.sleep(min(self.interval, left))
                self.mailbox.client.client.noop()
            now = set(self.mailbox.refs())
            arrived, self.known = len(now - self.known), now
            if arrived or time.monotonic() >= deadline:
                return arrived

    def close(self) -> None:
        self.mailbox.close()


def open_watch(cfg: MailboxConfig) -> MailboxWatch:
    if cfg.kind == "imap":
        return ImapWatch(cfg)
    return MaildirWatch(cfg)


def wait_for_batch(watch: MailboxWatch, timeout: float, settle: float) -> int:
    """Messages that arrived within `timeout`; once one has, keep taking more until the
    mailbox has been quiet for `settle` seconds, so mail arriving together makes one run."""
    arrived = watch.wait(timeout)
    while arrived:
        more = watch.wait(settle)
        if not more:
            break
        arrived += more
    return arrived
