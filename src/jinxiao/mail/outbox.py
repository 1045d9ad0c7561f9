"""The outbox: mail to send is written to the warehouse first, then sent by `send_pending`.

Writing first means a reply is decided in the same place as the outcome it reports, and a
send that fails is retried by the next run instead of being lost.

Delivery is at-least-once, with a window of one message. One run sends at a time (it holds
the warehouse's outbox lock, see connection.outbox_lock). Each row is claimed (status
'sending', attempts + 1) in its own transaction right before its SMTP transaction and marked
'sent' right after the server accepted it. A row still 'sending' when a run takes the lock
was claimed by a run that died (the lock went with it), so it is taken again at once: if
that run died before the server accepted the mail, the city gets it now, not never; if it
died between the acceptance and the mark, the city gets the same mail twice. Both copies
carry the same Message-ID (derived from the dedupe key, see `message_id_for`), so ops can
spot the repeat in the server log or the recipient's mailbox, and many clients fold the two.
A row claimed by a run that is still alive is never taken by another run.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

from sqlalchemy import Connection, Engine, text

from jinxiao.config import truthy
from jinxiao.domain.errors import ConfigError
from jinxiao.domain.times import as_time, to_db_time
from jinxiao.warehouse.connection import OutboxBusy, outbox_lock

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# How long a run waits for another one that is sending, before it leaves the outbox to it.
SENDER_WAIT_SECONDS = 120.0


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    login: str | None
    password: str | None
    use_ssl: bool
    starttls: bool
    from_addr: str
    ops_addr: str | None
    timeout: float = 30.0


def smtp_config_from_conn(
    conn_type: str | None,
    host: str | None,
    port: int | None,
    login: str | None,
    password: str | None,
    extra: dict | str | None,
) -> SmtpConfig:
    """Map the Airflow connection `smtp_default` to an SmtpConfig.

    Extra fields follow the Airflow SMTP provider: `from_email`, `disable_ssl`, `disable_tls`,
    `timeout`; plus `ops_email`, where quarantine notices go. As in the provider, SSL and
    STARTTLS are on unless disabled; with SSL on, STARTTLS is not attempted on top of it.
    """
    if isinstance(extra, str):
        extra = json.loads(extra) if extra.strip() else {}
    extra = extra or {}
    if conn_type and conn_type.lower() not in ("smtp", "email"):
        raise ConfigError(f"smtp connection type {conn_type!r} is not smtp")
    from_addr = extra.get("from_email") or login
    if not from_addr or "@" not in from_addr:
        raise ConfigError("smtp connection needs extra.from_email (the province mailbox address)")
    use_ssl = not truthy(extra.get("disable_ssl", False))
    return SmtpConfig(
        host=host or "localhost",
        port=int(port or (465 if use_ssl else 25)),
        login=login or None,
        password=password or None,
        use_ssl=use_ssl,
        starttls=not use_ssl and not truthy(extra.get("disable_tls", False)),
        from_addr=from_addr,
        ops_addr=extra.get("ops_email") or None,
        timeout=float(extra.get("timeout", 30)),
    )


def message_id_for(key: str, from_addr: str) -> str:
    """Message-ID (without <>) derived from the dedupe key: a retried send repeats it."""
    domain = from_addr.rsplit("@", 1)[-1].strip(">") or "localhost"
    return f"jx-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{domain}"


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    values = [str(v) for h in headers for v in message.get_all(h, [])]
    return [addr for _name, addr in email.utils.getaddresses(values) if addr]


def enqueue(
    conn: Connection, key: str, message: EmailMessage, kind: str | None = None, **about: str
) -> bool:
    """Store a mail to send under `key`; False (and nothing written) when the key exists.

    `kind` defaults to the key's prefix ("reply", "remind"...); `about` may name message_key,
    city_name and form, for people reading the table.
    """
    kind = kind or key.split(":", 1)[0]
    rcpt = _addresses(message, "To", "Cc", "Bcc")
    if not rcpt:
        raise ValueError(f"{key}: message has no recipient")
    # The stored copy is what goes on the wire: Bcc is an envelope matter only.
    del message["Bcc"]
    raw = message.as_bytes(policy=SMTP_POLICY).decode("ascii")
    mail_from = _addresses(message, "From")[0]
    msg_id = str(message["Message-ID"] or "").strip().strip("<>")
    result = conn.execute(
        text(
            "INSERT INTO outbox (dedupe_key, kind, message_key, city_name, form, mail_from, "
            "rcpt_to, subject, smtp_message_id, raw_message, status, attempts, created_at) "
            "VALUES (:key, :kind, :mk, :city, :form, :frm, :to, :subj, :mid, :raw, 'pending', 0, "
            ":now) ON CONFLICT (dedupe_key) DO NOTHING"
        ),
        {
            "key": key, "kind": kind, "mk": about.get("message_key"),
            "city": about.get("city_name"), "form": about.get("form"), "frm": mail_from,
            "to": ", ".join(rcpt), "subj": str(message["Subject"] or ""), "mid": msg_id,
            "raw": raw, "now": to_db_time(dt.datetime.now(dt.UTC)),
        },
    )  # fmt: skip
    return result.rowcount == 1


def known_keys(conn: Connection, prefix: str) -> set[str]:
    rows = conn.execute(
        text("SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE :p"), {"p": prefix + "%"}
    )
    return {r[0] for r in rows}


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)  # dedupe keys
    retry: list[str] = field(default_factory=list)  # left pending after a temporary failure
    failed: list[tuple[str, str]] = field(default_factory=list)  # (key, error), given up
    connect_error: str | None = None  # the server could not be reached; nothing was claimed

    @property
    def ok(self) -> bool:
        return not self.failed and self.connect_error is None


@dataclass(frozen=True)
class _Row:
    outbox_id: int
    key: str
    mail_from: str
    rcpt_to: list[str]
    raw: str
    attempts: int


def open_smtp(cfg: SmtpConfig) -> smtplib.SMTP:
    if cfg.use_ssl:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            cfg.host, cfg.port, timeout=cfg.timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        if cfg.starttls:
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
    if cfg.login and cfg.password:
        client.login(cfg.login, cfg.password)
    return client


def _candidates(engine: Engine) -> list[tuple[int, str]]:
    # Called holding the outbox lock: a row 'sending' now is a dead run's claim.
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT outbox_id, status FROM outbox WHERE status IN ('pending', 'sending') "
                "ORDER BY outbox_id"
            )
        )
        return [(r[0], r[1]) for r in rows]


def _claim(engine: Engine, outbox_id: int, now: dt.datetime) -> _Row | None:
    """Take one row for this run; None when it is no longer waiting to go."""
    with engine.begin() as conn:
        taken = conn.execute(
            text(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = :now "
                "WHERE outbox_id = :id AND status IN ('pending', 'sending')"
            ),
            {"id": outbox_id, "now": to_db_time(now)},
        ).rowcount
        if taken != 1:
            return None
        r = conn.execute(
            text(
                "SELECT outbox_id, dedupe_key, mail_from, rcpt_to, raw_message, attempts "
                "FROM outbox WHERE outbox_id = :id"
            ),
            {"id": outbox_id},
        ).one()
    rcpt = [a.strip() for a in r[3].split(",") if a.strip()]
    return _Row(r[0], r[1], r[2], rcpt, r[4], r[5])


def _finish(engine: Engine, row: _Row, status: str, error: str | None) -> None:
    sent_at = to_db_time(dt.datetime.now(dt.UTC)) if status == "sent" else None
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE outbox SET status = :s, last_error = :e, sent_at = :t WHERE outbox_id = :id"
            ),
            {"s": status, "e": error, "t": sent_at, "id": row.outbox_id},
        )


def _is_permanent(exc: Exception) -> bool:
    """5xx refusals will not change on retry; 4xx and broken connections may."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
            for addr, (code, msg) in exc.recipients.items()
        )
    code = getattr(exc, "smtp_code", None)
    msg = getattr(exc, "smtp_error", None)
    if code is not None:
        detail = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
        return f"{code} {detail}"
    return f"{type(exc).__name__}: {exc}"


def send_pending(
    engine: Engine,
    smtp: SmtpConfig,
    max_attempts: int = MAX_ATTEMPTS,
    limit: int | None = None,
    wait_seconds: float = SENDER_WAIT_SECONDS,
) -> SendReport:
    """Send every pending row once; temporary failures stay pending until `max_attempts`.

    Another run sending for longer than `wait_seconds`: nothing is sent, the rows wait."""
    try:
        with outbox_lock(engine, wait_seconds):
            return _send_locked(engine, smtp, max_attempts, limit)
    except OutboxBusy as exc:
        log.warning("%s; leaving the outbox to it", exc)
        return SendReport()


def _send_locked(
    engine: Engine, smtp: SmtpConfig, max_attempts: int, limit: int | None
) -> SendReport:
    report = SendReport()
    now = dt.datetime.now(dt.UTC)
    ids = _candidates(engine)[:limit]
    if not ids:
        return report
    try:
        client: smtplib.SMTP | None = open_smtp(smtp)  # None once a send broke it
    except (OSError, smtplib.SMTPException) as exc:
        # Nothing claimed: an unreachable server costs no attempts.
        report.connect_error = _describe(exc)
        log.warning("SMTP %s:%s unreachable: %s", smtp.host, smtp.port, report.connect_error)
        return report
    try:
        for outbox_id, status in ids:
            if client is None:
                break
            row = _claim(engine, outbox_id, now)
            if row is None:
                continue
            if status == "sending":
                log.warning(
                    "outbox %s: a run died while sending it; sending again (same Message-ID), "
                    "the recipient may get it twice",
                    row.key,
                )
            log.info("step=sending key=%s attempt=%d", row.key, row.attempts)
            client = _send_one(engine, client, smtp, row, max_attempts, report)
    finally:
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                pass
    return report


def _send_one(
    engine: Engine,
    client: smtplib.SMTP,
    smtp: SmtpConfig,
    row: _Row,
    max_attempts: int,
    report: SendReport,
) -> smtplib.SMTP | None:
    """One SMTP transaction; returns the client to go on with, or None when it broke."""
    try:
        refused = client.sendmail(row.mail_from, row.rcpt_to, row.raw.encode("ascii"))
    except (OSError, smtplib.SMTPException) as exc:
        error = _describe(exc)
        # SMTPException is an OSError too; only a non-protocol OSError means a dead socket.
        broken = isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(
            exc, smtplib.SMTPException
        )
        if _is_permanent(exc) or row.attempts >= max_attempts:
            _finish(engine, row, "failed", error)
            report.failed.append((row.key, error))
            log.error("outbox %s failed after %d attempts: %s", row.key, row.attempts, error)
        else:
            _finish(engine, row, "pending", error)
            report.retry.append(row.key)
            log.warning("outbox %s: attempt %d: %s", row.key, row.attempts, error)
        if broken:
            return None
        try:
            client.rset()
        except (OSError, smtplib.SMTPException):
            return None
        return client
    # Some recipients refused while others took it: sent, with the refusals on record.
    note = "; ".join(f"{a}: {c} {m!r}" for a, (c, m) in refused.items()) if refused else None
    _finish(engine, row, "sent", note)
    log.info("step=sent key=%s", row.key)
    report.sent.append(row.key)
    return client


def outbox_status(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT status, COUNT(*) FROM outbox GROUP BY status"))
        return {r[0]: int(r[1]) for r in rows}


def oldest_unsent(engine: Engine) -> dt.datetime | None:
    """When the oldest mail still waiting to go out was enqueued (None: nothing waits)."""
    with engine.connect() as conn:
        value = conn.execute(
            text("SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')")
        ).scalar()
    return as_time(value)
