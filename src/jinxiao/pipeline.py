"""Entry points the DAG tasks and the command line call; each opens what it needs."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import Engine, text

from jinxiao import intake, load
from jinxiao.archive import Archive
from jinxiao.config import Campaign, load_campaign
from jinxiao.identify import load_sender_registry
from jinxiao.mailbox import open_mailbox
from jinxiao.normalise_values import county_table
from jinxiao.settings import Settings
from jinxiao.warehouse import connect, migrate, to_db_time

log = logging.getLogger(__name__)


def open_warehouse(settings: Settings, campaign: Campaign | None = None) -> Engine:
    engine = connect(settings.warehouse)
    migrate(engine, campaign or load_campaign(), county_table())
    return engine


@dataclass(frozen=True)
class CollectReport:
    seen: int
    new: int


def collect_mail(settings: Settings, run_id: str) -> CollectReport:
    """Mailbox -> archive -> warehouse record, for every message not yet recorded."""
    engine = open_warehouse(settings)
    archive = Archive(settings.archive_dir)
    with open_mailbox(settings.mailbox) as mailbox:
        stats = intake.collect(mailbox, engine, archive, run_id)
    log.info("mailbox %s: %d messages, %d new", settings.mailbox.kind, stats.seen, stats.new)
    return CollectReport(stats.seen, stats.new)


def process_messages(settings: Settings, run_id: str) -> dict[str, int]:
    """Every recorded message without an outcome gets exactly one; returns outcome counts."""
    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    registry = load_sender_registry(settings.sender_registry, campaign)
    stats = intake.process(engine, Archive(settings.archive_dir), registry, campaign, run_id)
    if settings.mailbox.processed_folder:
        move_processed(settings, engine)
    return dict(stats.outcomes)


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


def consolidate(settings: Settings, as_of: dt.datetime) -> list[tuple[str, str, str]]:
    """Nightly: finish anything a crashed run left, then snapshot each city's status per form."""
    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    registry = load_sender_registry(settings.sender_registry, campaign)
    if load.pending_messages(engine):
        intake.process(engine, Archive(settings.archive_dir), registry, campaign, "nightly")
    with engine.begin() as conn:
        rows = conn.execute(
            text("SELECT city_name, form, status FROM v_city_status ORDER BY city_name, form")
        ).all()
        conn.execute(text("DELETE FROM city_status_snapshot WHERE as_of = :a"), {"a": as_of.date()})
        for city, form, status in rows:
            conn.execute(
                text(
                    "INSERT INTO city_status_snapshot (as_of, city_name, form, status, taken_at) "
                    "VALUES (:a, :c, :f, :s, :t)"
                ),
                {"a": as_of.date().isoformat(), "c": city, "f": form, "s": status,
                 "t": to_db_time(dt.datetime.now(dt.UTC))},
            )  # fmt: skip
    return [(r[0], r[1], r[2]) for r in rows]
