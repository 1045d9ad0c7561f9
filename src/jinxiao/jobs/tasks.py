"""Entry points the DAG tasks and the command line call; each opens what it needs."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from jinxiao.config import Campaign, load_campaign
from jinxiao.domain.errors import Unfixable
from jinxiao.domain.times import to_db_time
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import open_mailbox
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs import processor as intake
from jinxiao.jobs.settings import Settings
from jinxiao.mail import alerts as ops
from jinxiao.mail import outbox, reminders, replies
from jinxiao.validate.suites import check_suites
from jinxiao.warehouse import connection, load, resolutions

log = logging.getLogger(__name__)
INTAKE = "submission_intake"


def open_warehouse(settings: Settings, campaign: Campaign | None = None) -> Engine:
    return connection.open_warehouse(settings.warehouse, campaign or load_campaign())


@dataclass(frozen=True)
class CollectReport:
    seen: int
    new: int


def collect_mail(settings: Settings, run_id: str) -> CollectReport:
    """Mailbox -> archive -> warehouse record, for every message not yet recorded."""
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    engine = open_warehouse(settings)
    archive = Archive(settings.archive_dir)
    with connection.intake_lock(engine, settings.lock_wait_seconds):
        archive.clean_orphans()
        with open_mailbox(settings.mailbox) as mailbox:
            stats = intake.collect(mailbox, engine, archive, run_id)
    log.info("mailbox %s: %d messages, %d new", settings.mailbox.kind, stats.seen, stats.new)
    ops.record_step(engine, run_id, INTAKE, "collect", started, time.perf_counter() - clock,
                    seen=stats.seen, new=stats.new)  # fmt: skip
    return CollectReport(stats.seen, stats.new)


def mail_addresses(settings: Settings, campaign: Campaign) -> tuple[str, str | None]:
    if settings.smtp is not None:
        return settings.smtp.from_addr, settings.smtp.ops_addr or campaign.mail_ops
    return campaign.mail_from, campaign.mail_ops


def reply_hook(settings: Settings, campaign: Campaign):
    """Enqueue each message's reply inside the transaction that commits its outcome."""
    from_addr, ops_addr = mail_addresses(settings, campaign)

    def on_commit(conn, result) -> None:
        replies.enqueue_for_result(conn, result, campaign, from_addr, ops_addr)

    return on_commit


def send_mail(settings: Settings, engine: Engine) -> dict[str, object]:
    """Send what the outbox holds; without smtp_default it waits there for a later run."""
    if settings.smtp is None:
        waiting = outbox.outbox_status(engine)
        log.warning("no smtp_default connection: outbox left as is: %s", waiting)
        return {"sent": 0, "waiting": waiting}
    report = outbox.send_pending(engine, settings.smtp)
    if report.connect_error or report.failed:
        log.error("mail not delivered: %s", report)
    oldest = outbox.oldest_unsent(engine)
    if oldest is not None and dt.datetime.now(dt.UTC) - oldest > MAIL_STUCK_AFTER:
        waiting = outbox.outbox_status(engine)
        why = report.connect_error or "; ".join(e for _k, e in report.failed[:3]) or "见日志"
        ops.send_alert(
            "[jinxiao] 回复邮件超过1小时未能发出",
            [f"待发邮件：{waiting}", f"最早一封入队于 {oldest.isoformat(timespec='minutes')}",
             f"SMTP: {settings.smtp.host}:{settings.smtp.port}", f"错误: {why}"],
            settings.smtp,
        )  # fmt: skip
        raise MailStuck(f"outbox has mail waiting since {oldest:%Y-%m-%d %H:%M}Z: {why}")
    return {"sent": report.sent, "retry": report.retry, "failed": report.failed,
            "connect_error": report.connect_error}  # fmt: skip


def process_messages(settings: Settings, run_id: str) -> dict[str, int]:
    """Every recorded message without an outcome gets exactly one; returns outcome counts."""
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    campaign = load_campaign()
    # A broken suite fails here, before any message is given an internal_error for it.
    check_suites(campaign)
    engine = open_warehouse(settings, campaign)
    registry = load_sender_registry(settings.sender_registry, campaign)
    with connection.intake_lock(engine, settings.lock_wait_seconds):
        stats = intake.process(
            engine, Archive(settings.archive_dir), registry, campaign, run_id,
            on_commit=reply_hook(settings, campaign), policy=settings.mailbox.policy(),
        )  # fmt: skip
    log.info("step=processed messages=%d", stats.processed)
    if settings.mailbox.processed_folder:
        move_processed(settings, engine)
    stuck: MailStuck | None = None
    try:
        sent: dict[str, object] = send_mail(settings, engine)
    except MailStuck as exc:
        stuck, sent = exc, {"stuck": str(exc)}
    ops.record_step(engine, run_id, INTAKE, "process", started, time.perf_counter() - clock,
                    outcomes=dict(stats.outcomes))  # fmt: skip
    log.info("outcomes %s; mail %s", dict(stats.outcomes), sent)
    # Every message has its outcome by now; these only make the task say what needs a person.
    if stats.internal_errors:
        raise InternalErrors(stats.internal_errors)
    if stuck is not None:
        raise stuck
    return dict(stats.outcomes)


# Mail the cities wait for: past this, ops hear of it and the task turns red.
MAIL_STUCK_AFTER = dt.timedelta(hours=1)


class MailStuck(RuntimeError):
    """Replies have waited in the outbox for over MAIL_STUCK_AFTER: SMTP keeps failing."""


class InternalErrors(Unfixable, RuntimeError):
    """The batch is through, but the pipeline failed on some messages: ops must look."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        shown = ", ".join(k[:16] for k in keys[:10])
        super().__init__(
            f"{len(keys)} message(s) ended in internal_error (archived, not loaded; ops notified): "
            f"{shown}{' …' if len(keys) > 10 else ''}. Fix, then `jinxiao requeue <key>`."
        )


def move_processed(settings: Settings, engine: Engine) -> None:
    """Move messages whose outcome is committed out of the inbox (IMAP with a processed folder)."""
    with engine.connect() as conn:
        refs = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT r.source_ref FROM mailbox_ref r JOIN message m "
                    "ON m.message_key = r.message_key WHERE m.outcome IS NOT NULL"
                )
            )
        ]
    with open_mailbox(settings.mailbox) as mailbox:
        present = set(mailbox.refs())
        for ref in refs:
            if ref in present:
                mailbox.mark_processed(ref)
                log.info("step=moved ref=%s folder=%s", ref, settings.mailbox.processed_folder)


def reconcile(settings: Settings, as_of: dt.datetime) -> list[tuple[str, str, str]]:
    """Finish anything a crashed intake left, then snapshot each city's status per form."""
    campaign = load_campaign()
    check_suites(campaign)
    engine = open_warehouse(settings, campaign)
    registry = load_sender_registry(settings.sender_registry, campaign)
    if load.pending_messages(engine):
        intake.process(
            engine, Archive(settings.archive_dir), registry, campaign, "nightly",
            on_commit=reply_hook(settings, campaign), policy=settings.mailbox.policy(),
        )  # fmt: skip
    # The province clerk's resolutions, applied again from their own table (idempotent).
    resolutions.reapply(engine, campaign)
    day = as_of.astimezone(campaign.tz).date().isoformat()
    with engine.begin() as conn:
        rows = conn.execute(
            text("SELECT city_name, form, status FROM v_city_status ORDER BY city_name, form")
        ).all()
        conn.execute(text("DELETE FROM city_status_snapshot WHERE as_of = :a"), {"a": day})
        for city, form, status in rows:
            conn.execute(
                text(
                    "INSERT INTO city_status_snapshot (as_of, city_name, form, status, taken_at) "
                    "VALUES (:a, :c, :f, :s, :t)"
                ),
                {"a": day, "c": city, "f": form, "s": status,
                 "t": to_db_time(dt.datetime.now(dt.UTC))},
            )  # fmt: skip
    return [(r[0], r[1], r[2]) for r in rows]


def templates_dir(settings: Settings) -> Path:
    return settings.output_dir / "templates"


def write_templates(settings: Settings) -> list[str]:
    """The blank results workbooks, per city, pre-filled with its current registry."""
    from jinxiao.domain.forms import RESULTS_FORMS
    from jinxiao.reports.templates import write_results_templates

    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    paths = []
    for form in sorted(RESULTS_FORMS):
        paths += write_results_templates(engine, templates_dir(settings), form, campaign)
    return [str(p) for p in paths]


def remind(settings: Settings, as_of: dt.datetime) -> dict[str, object]:
    """Enqueue the reminders due on the campaign-local day of `as_of`, then send the outbox."""
    from jinxiao.reports.templates import template_filename

    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    registry = load_sender_registry(settings.sender_registry, campaign)
    from_addr, _ = mail_addresses(settings, campaign)

    def template_for(city: str, form: str) -> Path | None:
        path = templates_dir(settings) / template_filename(campaign, form, city)
        return path if form.startswith("results") and path.exists() else None

    today = as_of.astimezone(campaign.tz).date()
    queued = reminders.enqueue_reminders(engine, campaign, today, registry, from_addr, template_for)
    return {"reminders": len(queued), **send_mail(settings, engine)}


def write_rollup(settings: Settings, as_of: dt.datetime) -> str:
    from jinxiao.reports import rollup

    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    return str(
        rollup.write_rollup(
            engine, settings.output_dir, as_of.astimezone(campaign.tz).date(), campaign=campaign
        )
    )


def build_data_docs(settings: Settings) -> str:
    from jinxiao.validate.data_docs import build_data_docs as build

    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    return str(build(engine, campaign, settings.output_dir / "data_docs"))


def parse_as_of(value: object, campaign: Campaign, report: str) -> dt.date:
    """A DAG param or CLI argument (“2021-06-01”, a date, or empty for the campaign default)."""
    from jinxiao.reports.figures import default_as_of

    if value in (None, ""):
        return default_as_of(campaign, report)
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def report_is_due(report: str, when: dt.datetime | None) -> bool:
    from jinxiao.reports.figures import report_is_due as due

    return due(report, when, load_campaign())


@contextlib.contextmanager
def _report_warehouse(
    warehouse: connection.WarehouseConfig, report: str, as_of: object
) -> Iterator[tuple[Campaign, dt.date, Engine]]:
    """The campaign, the as-of day and an open warehouse, for a report task."""
    campaign = load_campaign()
    day = parse_as_of(as_of, campaign, report)
    engine = connection.open_warehouse(warehouse, campaign)
    try:
        yield campaign, day, engine
    finally:
        engine.dispose()


def run_report(
    warehouse: connection.WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> dict:
    """One report's files for a DAG task; returns what it wrote (names, draft flag)."""
    from jinxiao.reports.build import generate_report

    with _report_warehouse(warehouse, report, as_of) as (campaign, day, engine):
        files = generate_report(engine, Path(output_dir), report, day, campaign=campaign)
    written = [files.xlsx, files.docx, files.pdf, files.manifest]
    return {"as_of": day.isoformat(), "draft": files.draft,
            "files": [str(p) for p in written if p is not None]}  # fmt: skip


def run_rollup(
    warehouse: connection.WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> str:
    from jinxiao.reports.rollup import write_rollup as write

    with _report_warehouse(warehouse, report, as_of) as (campaign, day, engine):
        return str(write(engine, Path(output_dir), day, campaign=campaign))
