"""What ops see: run metrics in the warehouse, and alert mail that does not need the warehouse."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage

from sqlalchemy import Engine, text

from jinxiao.domain.times import to_db_time
from jinxiao.mail.outbox import SmtpConfig, open_smtp

log = logging.getLogger(__name__)
OUTCOME_COLUMNS = ("accepted", "superseded", "rejected", "ignored", "quarantined", "duplicate")


def record_step(
    engine: Engine,
    run_id: str,
    dag_id: str,
    step: str,
    started_at: dt.datetime,
    seconds: float,
    *,
    seen: int | None = None,
    new: int | None = None,
    outcomes: dict[str, int] | None = None,
) -> None:
    """One row per run and step; a retried step overwrites its own row."""
    counts = {k: int((outcomes or {}).get(k, 0)) for k in OUTCOME_COLUMNS}
    with engine.begin() as conn:
        conn.execute(
            text("DELETE FROM run_metrics WHERE run_id = :r AND dag_id = :d AND step = :s"),
            {"r": run_id, "d": dag_id, "s": step},
        )
        conn.execute(
            text(
                "INSERT INTO run_metrics (run_id, dag_id, step, started_at, seconds, "
                "messages_seen, messages_new, " + ", ".join(OUTCOME_COLUMNS) + ") VALUES "
                "(:r, :d, :s, :t, :sec, :seen, :new, "
                + ", ".join(f":{k}" for k in OUTCOME_COLUMNS)
                + ")"
            ),
            {"r": run_id, "d": dag_id, "s": step, "t": to_db_time(started_at),
             "sec": round(seconds, 3), "seen": seen, "new": new, **counts},
        )  # fmt: skip


def compose_alert(subject: str, lines: list[str], smtp: SmtpConfig) -> EmailMessage | None:
    if not smtp.ops_addr:
        return None
    msg = EmailMessage()
    msg["From"] = smtp.from_addr
    msg["To"] = smtp.ops_addr
    msg["Subject"] = subject
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content("\n".join(lines) + "\n", charset="utf-8")
    return msg


def send_alert(subject: str, lines: list[str], smtp: SmtpConfig | None) -> bool:
    """Mail ops straight away (the warehouse may be what failed); False when not sent."""
    if smtp is None:
        log.error("ops alert (no smtp_default to send it): %s\n%s", subject, "\n".join(lines))
        return False
    msg = compose_alert(subject, lines, smtp)
    if msg is None:
        log.error("ops alert (no ops_email configured): %s", subject)
        return False
    try:
        with open_smtp(smtp) as client:
            client.send_message(msg)
    except (OSError, smtplib.SMTPException):
        log.exception("could not mail ops about: %s", subject)
        return False
    return True
