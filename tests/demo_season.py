"""The `make run` demo season delivered to a Maildir and processed once: the starting point of
the tracker, review-queue and end-to-end tests."""

from __future__ import annotations

from pathlib import Path

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.mailbox import MailboxConfig
from jinxiao.jobs.demo import deliver, demo_mails
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, process_messages
from jinxiao.mail.outbox import SmtpConfig
from jinxiao.warehouse.connection import WarehouseConfig


def processed_demo(
    root: Path, warehouse: WarehouseConfig | None = None, smtp: SmtpConfig | None = None
) -> Settings:
    """Deliver every demo mail under `root`, run intake on them, and return the settings
    (SQLite in `root` unless another warehouse is given)."""
    maildir = root / "Maildir"
    for mail in demo_mails():
        deliver(maildir, mail)
    settings = Settings(
        MailboxConfig("maildir", path=str(maildir)),
        warehouse or WarehouseConfig("sqlite", path=str(root / "warehouse.db")),
        DEFAULT_SENDER_REGISTRY, root / "out", root / "archive", smtp,
    )  # fmt: skip
    collect_mail(settings, "demo")
    process_messages(settings, "demo")
    return settings
