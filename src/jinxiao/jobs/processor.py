"""The intake core: mailbox -> archive -> extract -> identify -> parse -> normalise -> validate -> load.

`collect` copies new mail into the archive and the warehouse; `process` turns every recorded
message without an outcome into exactly one outcome. Both are safe to rerun.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.domain.forms import CITY_FIGURES, RESULTS_FORMS
from jinxiao.domain.labels import OUTCOME_ZH
from jinxiao.domain.models import FileProblem, ParsedEmail, Problem, Workbook
from jinxiao.domain.outcomes import MessageResult, SubmissionResult
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import Mailbox
from jinxiao.intake.mime import extract, is_automatic
from jinxiao.intake.senders import SenderRegistry, other_city_warning
from jinxiao.normalise.table import normalise_table, raw_text
from jinxiao.normalise.values import NormaliseError, parse_money
from jinxiao.reading.formats import read_workbook, sniff_format
from jinxiao.reading.locate import detect_form, extract_contacts, locate
from jinxiao.validate.suites import SUITE_OF_FORM, validate_tables
from jinxiao.warehouse import load
from jinxiao.warehouse.load import OnCommit

log = logging.getLogger(__name__)

TABLE_FORMATS = {"xlsx", "xls", "csv", "docx", "html"}
# Files that travel beside a table (a stamped scan, a logo) and are kept but not read.
COMPANION_FORMATS = {"pdf", "image"}
FETCH_BATCH = 50
# Forking workers costs ~0.1 s; below this many messages one process is faster.
PARALLEL_MIN = 16
MAX_WORKERS = 4
MAX_ERRORS_IN_DETAIL = 20


@dataclass
class IntakeStats:
    seen: int = 0
    new: int = 0
    processed: int = 0
    outcomes: Counter = field(default_factory=Counter)
    results: list[MessageResult] = field(default_factory=list)


def collect(mailbox: Mailbox, engine: Engine, archive: Archive, run_id: str) -> IntakeStats:
    """Archive and record every message not seen before at its mailbox place."""
    stats = IntakeStats()
    refs = mailbox.refs()
    stats.seen = len(refs)
    source = getattr(mailbox, "source", None)
    known = load.known_refs(engine, source) if source else set()
    todo = [r for r in refs if r not in known]
    for start in range(0, len(todo), FETCH_BATCH):
        arrived = []
        for msg in mailbox.fetch(todo[start : start + FETCH_BATCH]):
            digest, path = archive.put(msg.raw, ".eml")
            arrived.append((msg, digest, str(path)))
        archive.sync()  # on disk before the warehouse knows of them
        stats.new += load.record_arrivals(engine, arrived, run_id)
    return stats


def received_time(parsed: ParsedEmail, arrived_at: dt.datetime | None) -> dt.datetime:
    """CONTRACT §2: the Date header, else the mailbox's arrival time, else now."""
    return parsed.date or arrived_at or dt.datetime.now(dt.UTC)


def _date_header(raw: bytes) -> str | None:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        if line[:5].lower() == b"date:":
            return line[5:].decode("latin-1").strip()
    return None


@dataclass
class Front:
    """What triage needs of one message's bytes; made in a worker for big batches."""

    email: ParsedEmail
    automatic: bool
    date_header: str | None

    @classmethod
    def of(cls, raw: bytes) -> Front:
        return cls(extract(raw), is_automatic(raw), _date_header(raw))


def read_front(archive_path: str) -> Front:
    return Front.of(Path(archive_path).read_bytes())


class InlineExecutor(Executor):
    """Runs each call at once in this process: small batches, where forking costs more."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - handed to the caller via the future
            future.set_exception(exc)
        return future


def usable_cpus() -> int:
    """The CPUs this process may run on (affinity and cpusets, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def executor_for(messages: int) -> Iterator[Executor]:
    """Worker processes over the machine's cores for a big batch, else this process."""
    workers = min(usable_cpus(), MAX_WORKERS)
    if messages < PARALLEL_MIN or workers < 2:
        yield InlineExecutor()
        return
    # fork: workers start in milliseconds with the modules and config already loaded.
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        yield pool


class Processor:
    """Decides each pending message's outcome; one GX call per form for the whole batch.

    The CPU-heavy steps (parsing mail, reading files) go to `executor`; file reads are
    submitted as triage finds them, so workers read while this process triages the rest.
    """

    def __init__(
        self, engine: Engine, archive: Archive, registry: SenderRegistry, campaign: Campaign
    ) -> None:
        self.engine = engine
        self.archive = archive
        self.registry = registry
        self.campaign = campaign
        # What this batch has already taken, so a copy within one batch is a duplicate too.
        self.batch_ids: dict[str, str] = {}
        self.batch_files: dict[tuple[str, str], SubmissionResult] = {}
        self.executor: Executor = InlineExecutor()
        self.reads: list[tuple[ReadJob, Future]] = []

    def message_seen(self, message_id: str | None, message_key: str) -> str | None:
        if message_id and message_id in self.batch_ids:
            return self.batch_ids[message_id]
        found = load.message_id_seen(self.engine, message_id, message_key)
        if message_id:
            self.batch_ids.setdefault(message_id, message_key)
        return found

    def file_seen(self, city_name: str, digest: str) -> tuple[str, str | None] | None:
        """(filename, outcome) of an earlier copy; outcome None for one in this batch, whose
        verdict is not known yet (whether its read already ran depends on the executor)."""
        if earlier := self.batch_files.get((city_name, digest)):
            return earlier.attachment.filename, None
        return load.same_file_seen(self.engine, city_name, digest)

    def triage(self, pending: load.PendingMessage, front: Front) -> MessageResult:
        parsed = front.email
        result = MessageResult(
            message_key=pending.message_key,
            email=parsed,
            received_at=received_time(parsed, pending.arrived_at),
            date_header=front.date_header,
            city_name=self.registry.city_of(parsed.sender),
        )
        if front.automatic:
            result.outcome, result.reason_detail = "ignored", "自动回复或退信，不是报送邮件。"
        elif result.city_name is None:
            result.outcome, result.reason_class = "quarantined", "unknown_sender"
            result.reason_detail = (
                f"发件人{parsed.sender or '（无地址）'}不在报送邮箱登记表中，邮件已隔离，未入库。"
            )
        elif dup := self.message_seen(parsed.message_id, pending.message_key):
            result.outcome, result.duplicate_of = "duplicate", dup
            result.reason_detail = "同一封邮件（Message-ID相同）此前已收到并处理，无需处理。"
        elif not parsed.attachments:
            result.outcome = "ignored"
            result.reason_detail = "邮件没有附件，未作为报送处理。如需报送，请将表格作为附件发送。"
        else:
            result.submissions = self.files(result, parsed)
        return result

    def files(self, result: MessageResult, parsed: ParsedEmail) -> list[SubmissionResult]:
        formats = [sniff_format(a.payload, a.filename) for a in parsed.attachments]
        has_table = any(f in TABLE_FORMATS for f in formats)
        subs = []
        for att, fmt in zip(parsed.attachments, formats, strict=True):
            digest, path = self.archive.put(att.payload, Path(att.filename).suffix[:10] or ".bin")
            sub = SubmissionResult(att, digest, str(path), None, "pending")
            if has_table and fmt in COMPANION_FORMATS:
                sub.outcome = "ignored"
                sub.reason_detail = "随表格一并发送的扫描件或图片，已存档，不作数据读取。"
            elif seen := self.file_seen(result.city_name, digest):
                sub.outcome = "duplicate"
                # An earlier copy in this same batch has no verdict yet: say nothing about it.
                earlier = f"（当时结果：{OUTCOME_ZH[seen[1]]}）" if seen[1] in OUTCOME_ZH else ""
                sub.reason_detail = (
                    f"与此前收到的文件“{seen[0]}”内容完全相同{earlier}，无需重复报送。"
                )
            else:
                job = ReadJob(
                    sub, result.city_name, parsed.subject, parsed.body_text, self.campaign
                )
                self.reads.append((job, self._submit(read_submission, job)))
                self.batch_files[(result.city_name, digest)] = sub
            subs.append(sub)
        return subs

    def _submit(self, fn, arg) -> Future:
        try:
            return self.executor.submit(fn, arg)
        except BrokenProcessPool:
            self._lose_pool()
            return self.executor.submit(fn, arg)

    def _lose_pool(self) -> None:
        # A worker died (killed for memory, say): finish the batch here rather than leave
        # it stuck; a file that kills this process too fails the run, which says so.
        log.warning("a worker process died; reading the rest of the batch in this process")
        self.executor = InlineExecutor()

    def read_pending(self) -> None:
        """Wait for the file reads triage submitted; each comes back as a filled-in copy."""
        reads, self.reads = self.reads, []
        for job, future in reads:
            try:
                filled = future.result()
            except BrokenProcessPool:
                self._lose_pool()
                filled = read_submission(job)
            if filled is not job.sub:
                job.sub.__dict__.update(filled.__dict__)

    def validate(self, results: list[MessageResult]) -> None:
        """One GX validation per suite over every table of the batch, then the verdicts."""
        self.read_pending()
        waiting = [s for r in results for s in r.submissions if s.outcome == "validating"]
        for suite in sorted(set(SUITE_OF_FORM.values())):
            subs = [s for s in waiting if SUITE_OF_FORM[s.form] == suite]
            if not subs:
                continue
            found = validate_tables([s.table for s in subs], suite, self.campaign)
            for i, sub in enumerate(subs):
                sub.problems.extend(found[i])
        for sub in waiting:
            sheets = {name: i for i, name in enumerate(sub.table.sheets)}
            sub.problems.sort(
                key=lambda p: (sheets.get(p.sheet, 0), p.excel_row or 0, p.severity != "error")
            )
            if sub.errors:
                sub.outcome, sub.reason_class = "rejected", "validation_failed"
                shown = sub.errors[:MAX_ERRORS_IN_DETAIL]
                more = len(sub.errors) - len(shown)
                sub.reason_detail = "；".join(p.message_zh for p in shown) + (
                    f"；另有{more}处错误。" if more else ""
                )
            else:
                sub.outcome = "accepted"

    def run(
        self, pending: list[load.PendingMessage], run_id: str, on_commit: OnCommit | None = None
    ) -> list[MessageResult]:
        try:
            with executor_for(len(pending)) as self.executor:
                results = self._decide(pending)
        finally:
            self.executor, self.reads = InlineExecutor(), []
        self.archive.sync()  # the files' copies, before any submission row points at them
        committed = []
        for result in sorted(results, key=lambda r: r.received_at):
            committed.append(load.commit_message(self.engine, result, run_id, on_commit))
        return committed

    def _decide(self, pending: list[load.PendingMessage]) -> list[MessageResult]:
        paths = [p.archive_path for p in pending]
        try:
            fronts = list(self.executor.map(read_front, paths, chunksize=8))
        except BrokenProcessPool:
            self._lose_pool()
            fronts = [read_front(path) for path in paths]
        # Earlier mail first, so "again" and "later" mean what the cities' Date headers say;
        # ties keep the order the mailbox held them in.
        order = sorted(
            range(len(pending)),
            key=lambda i: (received_time(fronts[i].email, pending[i].arrived_at), i),
        )
        results = [self.triage(pending[i], fronts[i]) for i in order]
        self.validate(results)
        return results


@dataclass
class ReadJob:
    sub: SubmissionResult
    city_name: str
    subject: str
    body: str
    campaign: Campaign


def read_submission(job: ReadJob) -> SubmissionResult:
    """One file from bytes to a normalised table or a reason; never raises."""
    sub, campaign = job.sub, job.campaign
    try:
        wb = read_workbook(sub.attachment)
        form = detect_form(wb, job.subject, job.body)
        if form is None:
            # Reporting against the registry template names the columns that are missing.
            locate(wb, "registry")
            raise FileProblem("wrong_template", "无法识别表格类型，请使用附件2模板填写。")
        sub.form = form
        if form == "plan":
            sub.contacts = extract_contacts(wb)
            sub.outcome = "accepted"
            return sub
        table = locate(wb, form)
        sub.table = normalise_table(table, job.city_name, campaign)
        sub.problems.extend(Problem("warning", "table_read", n) for n in table.notices)
        sub.problems.extend(sub.table.problems)
        if form in RESULTS_FORMS:
            sub.figures = city_figures(wb)
        warning = other_city_warning(job.city_name, job.subject, table.unit_name, campaign)
        if warning:
            sub.problems.append(Problem("warning", "other_city_named", warning))
        sub.outcome = "validating"
    except FileProblem as fp:
        sub.outcome, sub.reason_class, sub.reason_detail = (
            "rejected",
            fp.reason_class,
            fp.detail_zh,
        )
    except Exception:
        # A file no reader anticipated must still end in an outcome, not stall the mailbox.
        log.exception("unexpected error reading %s", sub.attachment.filename)
        sub.outcome, sub.reason_class = "rejected", "corrupt_file"
        sub.reason_detail = (
            f"文件“{sub.attachment.filename}”无法读取（系统内部错误已记录，省商务厅将人工核对）。"
            "请确认文件能用Excel正常打开后重新发送。"
        )
    return sub


def city_figures(wb: Workbook) -> list[tuple[str, float | None, str | None]]:
    """City-level figures of a results form (the 全市汇总 sheet): label cell, value to its right."""
    found: dict[str, tuple[str, float | None, str | None]] = {}
    for sheet in wb.sheets:
        for row in sheet.rows:
            for i, cell in enumerate(row[:-1]):
                code = CITY_FIGURES.get(raw_text(cell) or "")
                if code and code not in found:
                    raw = raw_text(row[i + 1])
                    try:
                        value = parse_money(row[i + 1], "万元").value
                    except NormaliseError:
                        value = None
                    found[code] = (code, None if value is None else float(value), raw)
    return list(found.values())


def process(
    engine: Engine,
    archive: Archive,
    registry: SenderRegistry,
    campaign: Campaign,
    run_id: str,
    batch_size: int = 500,
    on_commit: OnCommit | None = None,
) -> IntakeStats:
    """Give every recorded message without an outcome exactly one outcome.

    `on_commit(conn, result)` runs inside each message's transaction (replies are enqueued
    there, so an outcome is never committed without the reply it calls for).
    """
    stats = IntakeStats()
    processor = Processor(engine, archive, registry, campaign)
    while pending := load.pending_messages(engine)[:batch_size]:
        for result in processor.run(pending, run_id, on_commit):
            stats.processed += 1
            stats.outcomes[result.outcome] += 1
            stats.results.append(result)
    return stats
