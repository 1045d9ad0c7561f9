"""Where a run reads and writes: built from Airflow connections or from plain values.

ARCHIVE_DIR and OUTPUT_DIR are a local path (the default, under ./var) or an object-storage
URL (`s3://bucket/prefix`, any fsspec URL; credentials and endpoint from the environment as
fsspec and botocore read them: AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL, ...). With URLs, workers
on different hosts share the archive and the outputs without a shared disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jinxiao.config import default_sender_registry
from jinxiao.intake.archive import is_url
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
    # Object storage in place of archive_dir / output_dir (None: those local folders).
    archive_url: str | None = None
    output_url: str | None = None


def _location(variable: str, default: Path) -> tuple[Path, str | None]:
    """A folder setting's local path, and its URL when it names object storage (then the
    local path is only where a task stages its files)."""
    value = os.environ.get(variable) or ""
    if is_url(value):
        return default, value.rstrip("/")
    return Path(value.removeprefix("file://") or default), None


def output_dir() -> Path:
    return _location("OUTPUT_DIR", var_dir() / "output")[0]


def archive_dir() -> Path:
    return _location("ARCHIVE_DIR", var_dir() / "archive")[0]


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
        archive_url=_location("ARCHIVE_DIR", archive_dir())[1],
        output_url=_location("OUTPUT_DIR", output_dir())[1],
    )  # fmt: skip
