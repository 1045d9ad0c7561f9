"""Where a run reads and writes: built from Airflow connections or from plain values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jinxiao.config import default_sender_registry
from jinxiao.intake.mailbox import MailboxConfig, mailbox_config_from_conn
from jinxiao.mail.outbox import SmtpConfig, smtp_config_from_conn
from jinxiao.warehouse.connection import WarehouseConfig, warehouse_config_from_conn


def var_dir() -> Path:
    """Where outputs go unless OUTPUT_DIR / ARCHIVE_DIR say otherwise: ./var of the caller."""
    return Path(os.environ.get("JINXIAO_VAR_DIR") or Path.cwd() / "var")


@dataclass(frozen=True)
class Settings:
    mailbox: MailboxConfig
    warehouse: WarehouseConfig
    sender_registry: Path
    output_dir: Path
    archive_dir: Path
    smtp: SmtpConfig | None = None  # None: replies and reminders wait in the outbox
    # How long an intake waits for another one holding the warehouse's lock.
    lock_wait_seconds: float = 300.0


def output_dir() -> Path:
    return Path(os.environ.get("OUTPUT_DIR") or var_dir() / "output")


def archive_dir() -> Path:
    return Path(os.environ.get("ARCHIVE_DIR") or var_dir() / "archive")


def settings_from_connections(
    mailbox_conn, warehouse_conn, sender_registry: str | None, smtp_conn=None
) -> Settings:
    """Duck-typed connections (Airflow's Connection, or anything with the same attributes)."""
    smtp = (
        smtp_config_from_conn(
            smtp_conn.conn_type, smtp_conn.host, smtp_conn.port, smtp_conn.login,
            smtp_conn.password, smtp_conn.extra_dejson,
        )
        if smtp_conn is not None
        else None
    )  # fmt: skip
    return Settings(
        mailbox=mailbox_config_from_conn(
            mailbox_conn.conn_type, mailbox_conn.host, mailbox_conn.port, mailbox_conn.login,
            mailbox_conn.password, mailbox_conn.extra_dejson,
        ),
        warehouse=warehouse_config_from_conn(
            warehouse_conn.conn_type, warehouse_conn.host, warehouse_conn.port,
            warehouse_conn.login, warehouse_conn.password, warehouse_conn.schema,
        ),
        sender_registry=Path(sender_registry) if sender_registry else default_sender_registry(),
        output_dir=output_dir(),
        archive_dir=archive_dir(),
        smtp=smtp,
    )  # fmt: skip
