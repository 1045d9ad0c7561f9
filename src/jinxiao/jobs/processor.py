"""The intake core: mailbox -> archive -> extract -> identify -> parse -> normalise -> validate -> load.

`collect` copies new mail into the archive and the warehouse; `process` turns every recorded
message without an outcome into exactly one outcome. Both are safe to rerun.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.domain.budget import MAX_READ_ADDRESS_SPACE, MAX_READ_SECONDS
from jinxiao.domain.forms import RESULTS_FORMS
from jinxiao.domain.hygiene import (
    MAX_DATE_HEADER,
    clean_attachment_suffix,
    clean_email,
    clean_text,
    plausible,
)
from jinxiao.domain.labels import OUTCOME_ZH
from jinxiao.domain.models import (
    Attachment,
    FileProblem,
    HeaderMapping,
    ParsedEmail,
    Problem,
    Workbook,
)
from jinxiao.domain.outcomes import ROWS_HELD, MessageResult, SubmissionResult
from jinxiao.intake.archive import ArchiveStore, read_archived
from jinxiao.intake.auth import AuthPolicy, header_block
from jinxiao.intake.mailbox import Mailbox
from jinxiao.intake.mime import extract, is_automatic
from jinxiao.intake.senders import SenderRegistry, other_city_warning, sender_verdict
from jinxiao.normalise.table import normalise_table, raw_text
from jinxiao.normalise.values import NormaliseError, parse_money
from jinxiao.reading.formats import read_workbook, sniff_format
from jinxiao.reading.locate import detect_form, extract_contacts, locate, table_in_text
from jinxiao.reading.sandbox import Call, Failure, SandboxPool, call_in_child
from jinxiao.validate.holds import split_rows
from jinxiao.validate.plausibility import row_warnings
from jinxiao.validate.suites import SUITE_OF_FORM, drop_shadowed_blanks, validate_tables
from jinxiao.warehouse import header_mappings, load
from jinxiao.warehouse.load import OnCommit

log = logging.getLogger(__name__)

TABLE_FORMATS = {"xlsx", "xls", "csv", "docx", "html"}
# Files that travel beside a table (a stamped scan, a logo) and are kept but not read.
COMPANION_FORMATS = {"pdf", "image"}
FETCH_BATCH = 50
# Below this many messages one reader process does: more would only fork for nothing.
PARALLEL_MIN = 16
MAX_WORKERS = 4
MAX_ERRORS_IN_DETAIL = 20
# A warn-mode submission whose sender the mailbox's server did not vouch for.
SENDER_UNVERIFIED = "sender_unverified"
# A table read from the mail body: the city is told, so the next time it attaches the file.
BODY_TABLE = "body_table"
BODY_TABLE_ZH = (
    "本邮件未附表格文件，系统读取了邮件正文中粘贴的表格。正文中的表格可能丢失合并单元格和"
    "数字格式，请核对入库数据；今后请将Excel表格（.xlsx）作为邮件附件发送。"
)
# v_submission's reason_detail of a question (a registered city's mail without a table).
QUESTION_ZH = "来信未附表格（问询或说明），不是报送，已转工作人员回复。"
# A Date header further than this from the mailbox's arrival time is noted (CONTRACT §2).
DATE_TOLERANCE = dt.timedelta(days=1)


@dataclass
class IntakeStats:
    seen: int = 0
    new: int = 0
    processed: int = 0
    outcomes: Counter = field(default_factory=Counter)
    # Keys of messages the pipeline itself failed on (CONTRACT §3 internal_error): the task
    # reports failure once the batch is through, so ops see red while nothing waits.
    internal_errors: list[str] = field(default_factory=list)


def collect(mailbox: Mailbox, engine: Engine, archive: ArchiveStore, run_id: str) -> IntakeStats:
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
        log.info("step=archived messages=%d", len(arrived))
        new = load.record_arrivals(engine, arrived, run_id)
        log.info("step=recorded messages=%d new=%d", len(arrived), new)
        stats.new += new
    return stats


def received_time(parsed: ParsedEmail, arrived_at: dt.datetime | None) -> dt.datetime:
    """CONTRACT §2: the mailbox's arrival time; the Date header only when the mailbox gives
    none (and only a plausible one: a sender can write any date); else now."""
    if arrived_at is not None:
        return arrived_at
    if plausible(parsed.date):
        assert parsed.date is not None
        return parsed.date
    return dt.datetime.now(dt.UTC)


def date_notes(
    parsed: ParsedEmail, date_header: str | None, arrived_at: dt.datetime | None
) -> list[Problem]:
    """What the submission notes about a Date header the mailbox's clock contradicts."""
    if date_header and parsed.date is None:
        return [
            Problem(
                "warning",
                "date_header_unusable",
                f"邮件的发送时间（Date）“{clean_text(date_header, 60)}”无法识别或不合理，"
                "已按报送邮箱的收件时间计。",
            )
        ]
    if parsed.date is not None and arrived_at is not None:
        off = abs(parsed.date - arrived_at)
        if off > DATE_TOLERANCE:
            return [
                Problem(
                    "warning",
                    "date_header_off",
                    f"邮件写明的发送时间（{parsed.date.isoformat(timespec='minutes')}）与报送邮箱"
                    f"收到的时间相差{off.days}天以上，以收件时间为准。",
                )
            ]
    return []


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
    raw_headers: bytes = b""  # the header block: Authentication-Results are read from it

    @classmethod
    def of(cls, raw: bytes) -> Front:
        header = _date_header(raw)
        return cls(
            clean_email(extract(raw)),
            is_automatic(raw),
            clean_text(header, MAX_DATE_HEADER),
            header_block(raw),
        )


def read_front(archive_path: str) -> Front:
    return Front.of(read_archived(archive_path))


def usable_cpus() -> int:
    """The CPUs this process may run on (affinity and cpusets, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def readers_for(messages: int) -> Iterator[SandboxPool]:
    """Sandboxed reader processes over the machine's cores for a big batch, else one.

    They parse the mail and read the files: every byte a sender chose is handled there, under
    a memory ceiling and a clock per call, never in this process."""
    readers = min(usable_cpus(), MAX_WORKERS) if messages >= PARALLEL_MIN else 1
    with SandboxPool(
        readers, address_space_bytes=MAX_READ_ADDRESS_SPACE, seconds=MAX_READ_SECONDS
    ) as pool:
        yield pool


class OneOffReaders:
    """Outside a run (inspect, tests of triage): each call in its own forked child."""

    def submit(self, fn: Callable, arg: object) -> Call:
        return call_in_child(
            fn, arg, address_space_bytes=MAX_READ_ADDRESS_SPACE, seconds=MAX_READ_SECONDS
        )


class Processor:
    """Decides each pending message's outcome; one GX call per form for the whole batch.

    The CPU-heavy steps that touch the sender's bytes (parsing mail, reading files) go to
    sandboxed reader processes; file reads are submitted as triage finds them, so readers
    read while this process triages the rest.
    """

    def __init__(
        self,
        engine: Engine,
        archive: ArchiveStore,
        registry: SenderRegistry,
        campaign: Campaign,
        policy: AuthPolicy | None = None,
    ) -> None:
        self.engine = engine
        # Who vouches for a sender (CONTRACT §3); without a mailbox policy, nobody is asked.
        self.policy = policy or AuthPolicy(mode="off")
        self.archive = archive
        self.registry = registry
        self.campaign = campaign
        # What this batch has already taken, so a copy within one batch is a duplicate too.
        self.batch_ids: dict[str, str] = {}
        self.batch_files: dict[tuple[str, str], SubmissionResult] = {}
        self.readers: SandboxPool | OneOffReaders = OneOffReaders()
        self.reads: list[tuple[ReadJob, Call]] = []
        # For the progress lines: messages committed so far of the `total` pending at start.
        self.done = 0
        self.total = 0
        self.decide_ms_each = 0.0
        self.mappings: dict[str, dict[str, tuple[HeaderMapping, ...]]] = {}

    def message_seen(self, message_id: str | None, message_key: str) -> str | None:
        if message_id and message_id in self.batch_ids:
            return self.batch_ids[message_id]
        found = load.message_id_seen(self.engine, message_id, message_key)
        if message_id:
            self.batch_ids.setdefault(message_id, message_key)
        return found

    def city_mappings(self, city_name: str) -> dict[str, tuple[HeaderMapping, ...]]:
        """The city's remembered header meanings, read once per run (they are data the
        province clerk adds in the tracker; a file read after that gets them)."""
        if city_name not in self.mappings:
            self.mappings[city_name] = header_mappings.active_mappings(self.engine, city_name)
        return self.mappings[city_name]

    def file_seen(self, city_name: str, digest: str) -> tuple[str, str | None] | None:
        """(filename, outcome) of an earlier copy; outcome None for one in this batch, whose
        verdict is not known yet (whether its read already ran depends on the readers)."""
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
            city_name=None,
        )
        verdict = sender_verdict(parsed, front.raw_headers, self.registry, self.policy)
        result.city_name = verdict.city_name
        if verdict.outcome is not None or verdict.flag:
            log.warning("message %s: %s", pending.message_key, verdict.log_detail)
        if front.automatic:
            result.outcome, result.reason_detail = "ignored", "自动回复或退信，不是报送邮件。"
        elif verdict.outcome == ("quarantined", "unknown_sender") and not carries_table(parsed):
            # Newsletters and spam: nothing a city could have meant to submit (CONTRACT §3).
            result.outcome = "ignored"
            result.reason_detail = "发件人未登记，且邮件不含表格，未作为报送处理。"
        elif verdict.outcome is not None:
            result.outcome, result.reason_class = verdict.outcome
            result.reason_detail = verdict.reason_detail
        elif self.message_seen(parsed.message_id, pending.message_key):
            result.outcome = "duplicate"
            result.reason_detail = "同一封邮件（Message-ID相同）此前已收到并处理，无需处理。"
        elif not parsed.attachments and not carries_table(parsed):
            # A question or a note, not a failed submission: staff answer it (issue 13).
            result.outcome, result.question = "ignored", True
            result.reason_detail = QUESTION_ZH
        elif not parsed.attachments and parsed.body_table is None:
            result.outcome = "ignored"
            result.reason_detail = "邮件没有附件，未作为报送处理。如需报送，请将表格作为附件发送。"
        else:
            notes = date_notes(parsed, front.date_header, pending.arrived_at)
            if verdict.flag:
                # warn mode: loaded, but the tracker shows the sender was not vouched for.
                notes.append(Problem("warning", SENDER_UNVERIFIED, verdict.flag))
            result.submissions = self.files(result, parsed, notes)
        log.info("step=triaged key=%s files=%d", pending.message_key, len(result.submissions))
        return result

    def files(
        self, result: MessageResult, parsed: ParsedEmail, notes: list[Problem]
    ) -> list[SubmissionResult]:
        """Each file's submission; the notes go on each before its read is sent off (the
        read may run in another process and come back as a copy)."""
        city = result.city_name
        assert city is not None, "only a registered sender's files are read"
        attachments = files_to_read(parsed)
        formats = [sniff_format(a.payload, a.filename) for a in attachments]
        has_table = any(f in TABLE_FORMATS for f in formats)
        subs = []
        for att, fmt in zip(unique_paths(attachments), formats, strict=True):
            digest, path = self.archive.put(att.payload, clean_attachment_suffix(att))
            sub = SubmissionResult(att, digest, str(path), None, "pending", problems=list(notes))
            if att.in_body:
                sub.problems.append(Problem("warning", BODY_TABLE, BODY_TABLE_ZH))
            if has_table and fmt in COMPANION_FORMATS:
                sub.outcome = "ignored"
                sub.reason_detail = "随表格一并发送的扫描件或图片，已存档，不作数据读取。"
            elif seen := self.file_seen(city, digest):
                sub.outcome = "duplicate"
                # Reworded at commit (_settle_duplicates), once the earlier copy has its verdict.
                sub.reason_detail = duplicate_detail(*seen)
            else:
                # The campaign's calendar day: 即日起 in a cell starts on it.
                sent = result.received_at.astimezone(self.campaign.tz).date()
                job = ReadJob(sub, city, parsed.subject, parsed.body_text, self.campaign, sent,
                              self.city_mappings(city))  # fmt: skip
                self.reads.append((job, self.readers.submit(read_submission, job)))
                self.batch_files[(city, digest)] = sub
            subs.append(sub)
        return subs

    def read_pending(self) -> None:
        """Wait for the file reads triage submitted; each comes back as a filled-in copy, or
        as a Failure (its reader died, ran out of memory or overran): the file is rejected
        and never read again, here or anywhere."""
        reads, self.reads = self.reads, []
        for job, call in reads:
            try:
                filled = call.result()
            except Exception as exc:  # read_submission never raises; a pickling fault can
                log.exception("reading %s", job.sub.attachment.filename)
                fail_submission(job.sub, "read", exc)
                continue
            if isinstance(filled, Failure):
                reject_unreadable(job.sub, filled)
            elif filled is not job.sub:
                job.sub.__dict__.update(filled.__dict__)

    def validate(self, results: list[MessageResult]) -> None:
        """One GX validation per suite over every table of the batch, then the verdicts."""
        self.read_pending()
        waiting = [s for r in results for s in r.submissions if s.outcome == "validating"]
        for suite in sorted(set(SUITE_OF_FORM.values())):
            subs = [s for s in waiting if SUITE_OF_FORM[s.form or ""] == suite]
            if subs:
                self._validate_suite(suite, subs)
        for sub in waiting:
            if sub.outcome != "validating":
                continue
            try:
                self._verdict(sub)
            except Exception as exc:
                log.exception("verdict failed for %s", sub.attachment.filename)
                fail_submission(sub, "validate", exc)

    def _validate_suite(self, suite: str, subs: list[SubmissionResult]) -> None:
        tables = [s.table for s in subs]
        try:
            assert all(t is not None for t in tables)
            found = validate_tables(tables, suite, self.campaign)  # type: ignore[arg-type]
        except Exception:
            # One table that breaks the batch must not fail the others: validate each alone.
            log.exception("batch validation of %d tables failed; validating one by one", len(subs))
            for sub in subs:
                try:
                    assert sub.table is not None
                    sub.problems.extend(validate_tables([sub.table], suite, self.campaign)[0])
                except Exception as exc:
                    log.exception("validation failed for %s", sub.attachment.filename)
                    fail_submission(sub, "validate", exc)
            return
        for i, sub in enumerate(subs):
            sub.problems.extend(found[i])

    def _verdict(self, sub: SubmissionResult) -> None:
        assert sub.table is not None
        sub.problems.extend(row_warnings(sub.table, sub.form or "", self.campaign.plausibility))
        sub.problems = drop_shadowed_blanks(sub.problems)
        sheets = {name: i for i, name in enumerate(sub.table.sheets)}
        sub.problems.sort(
            key=lambda p: (sheets.get(p.sheet or "", 0), p.excel_row or 0, p.severity != "error")
        )
        split = split_rows(sub.table, sub.problems)
        if split.rejects:
            # What the split found about the file itself (another city's table) goes first.
            sub.problems[:0] = [p for p in split.file_errors if p not in sub.problems]
            sub.outcome, sub.reason_class = "rejected", "validation_failed"
            # Every row held is a table with nothing to take: the city hears of all of them.
            lead = "" if split.file_errors else "表中各行均有需更正之处，没有可采用的数据："
            sub.reason_detail = lead + _listed_detail([p.message_zh for p in sub.errors])
        elif split.held:
            sub.table, sub.held = split.taken, list(split.held)
            # The city's summary sentence counts the held rows too: it is checked again
            # against the corrected table, not against what is left of this one.
            sub.problems = [p for p in sub.problems if p.code != "summary_mismatch"]
            sub.outcome, sub.reason_class = "accepted", ROWS_HELD
            cells = [c.problem_zh for row in split.held for c in row.cells]
            sub.reason_detail = f"{len(split.held)}行待核实，未计入汇总：" + _listed_detail(cells)
        else:
            sub.outcome = "accepted"

    def run(
        self, pending: list[load.PendingMessage], run_id: str, on_commit: OnCommit | None = None
    ) -> list[MessageResult]:
        # What an earlier batch took is committed now: the warehouse answers for it, and
        # holding its files (payloads, tables) would grow memory with the whole run.
        self.batch_ids.clear()
        self.batch_files.clear()
        started = time.monotonic()
        try:
            with readers_for(len(pending)) as self.readers:
                results = self._decide(pending)
        finally:
            self.readers, self.reads = OneOffReaders(), []
            self.batch_files.clear()
        # Messages are read and validated as a batch: each gets its share of that time.
        self.decide_ms_each = (time.monotonic() - started) / max(1, len(pending))
        self.archive.sync()  # the files' copies, before any submission row points at them
        log.info("step=decided messages=%d", len(results))
        committed = []
        for result in sorted(results, key=_arrival):
            started = time.monotonic()
            committed.append(done := self._commit(result, run_id, on_commit))
            self.done += 1
            # What ops read in the task log while a long run goes (the step= lines are for
            # machines: tests/test_sigkill.py and whoever tails the CLI).
            log.info(
                "[%d/%d] %s (%d ms)", self.done, self.total or self.done, progress_line(done),
                (time.monotonic() - started + self.decide_ms_each) * 1000,
            )  # fmt: skip
        return committed

    def _commit(
        self, result: MessageResult, run_id: str, on_commit: OnCommit | None
    ) -> MessageResult:
        """One message's transaction; if it fails, the message alone ends in internal_error."""
        try:
            self._settle_duplicates(result)
            committed = load.commit_message(self.engine, result, run_id, on_commit)
            log.info("step=committed key=%s outcome=%s", result.message_key, committed.outcome)
            return committed
        except Exception as exc:
            log.exception("commit failed for message %s", result.message_key)
            # A fresh result: the failed one may hold what broke the transaction.
            failed = MessageResult(
                result.message_key, result.email, result.received_at, None, result.city_name
            )
            fail_message(failed, "commit", exc)
            committed = load.commit_internal_error(self.engine, failed, run_id, on_commit)
            log.info("step=committed key=%s outcome=%s", result.message_key, committed.outcome)
            return committed

    def _settle_duplicates(self, result: MessageResult) -> None:
        """Word each duplicate file's reason from what is committed when its message commits.

        Triage finds the earlier copy, but an earlier copy in the same batch has no verdict
        yet then, while a run restarted after a crash finds it committed: the same file read
        "（当时结果：已采用）" after a crash and nothing in a clean run. Messages commit in
        arrival order, so by now the earlier copy's verdict is in the warehouse either way.
        """
        city = result.city_name
        for sub in result.submissions:
            if sub.outcome == "duplicate" and city is not None:
                seen = load.same_file_seen(self.engine, city, sub.sha256)
                if seen is not None:
                    sub.reason_detail = duplicate_detail(*seen)

    def _fronts(self, pending: list[load.PendingMessage]) -> list[Front | BaseException]:
        """Each message's parsed front, or why parsing it failed (only that one's): an
        exception it raised, or its reader dying, running out of memory or overrunning. A
        message that kills its reader is not parsed again here: it would kill this process."""
        calls = [self.readers.submit(read_front, p.archive_path) for p in pending]
        fronts: list[Front | BaseException] = []
        for p, call in zip(pending, calls, strict=True):
            try:
                front = call.result()
            except Exception as exc:
                fronts.append(exc)
                continue
            if isinstance(front, Failure):
                log.error("parsing message %s: %s", p.message_key, front)
                fronts.append(UnparsableMessage(front.detail))
            else:
                fronts.append(front)
        return fronts

    def _decide(self, pending: list[load.PendingMessage]) -> list[MessageResult]:
        fronts = self._fronts(pending)
        # Earlier arrivals first, so "again" and "later" follow the mailbox's clock; ties keep
        # the order the mailbox held them in.
        order = sorted(range(len(pending)), key=lambda i: (_front_time(pending[i], fronts[i]), i))
        results = []
        for i in order:
            front, item = fronts[i], pending[i]
            if isinstance(front, BaseException):
                log.error("message %s could not be parsed: %s", item.message_key, front)
                results.append(fail_message(_bare_result(item), "parse", front))
                continue
            try:
                results.append(self.triage(item, front))
            except Exception as exc:
                log.exception("triage failed for message %s", item.message_key)
                results.append(fail_message(_bare_result(item, front.email), "triage", exc))
        self.validate(results)
        return results


def _listed_detail(texts: list[str]) -> str:
    shown = texts[:MAX_ERRORS_IN_DETAIL]
    more = len(texts) - len(shown)
    body = "；".join(t.rstrip("。；") for t in shown)
    return body + (f"；另有{more}处错误。" if more else "。")


class UnparsableMessage(Exception):
    """Parsing the message killed its reader, ran out of memory or overran."""


def _front_time(item: load.PendingMessage, front: Front | BaseException) -> dt.datetime:
    if isinstance(front, BaseException):
        return item.arrived_at or dt.datetime.now(dt.UTC)
    return received_time(front.email, item.arrived_at)


def _bare_result(item: load.PendingMessage, email: ParsedEmail | None = None) -> MessageResult:
    when = received_time(email, item.arrived_at) if email else item.arrived_at
    return MessageResult(item.message_key, email, when or dt.datetime.now(dt.UTC), None, None)


def _arrival(result: MessageResult) -> dt.datetime:
    return result.received_at


def progress_line(result: MessageResult) -> str:
    """“太原市 registry 附件2….xlsx → accepted, 13 rows” for one message, as ops read it."""
    who = result.city_name or (result.email.sender if result.email else "?")
    if not result.submissions:
        detail = f" ({result.reason_class})" if result.reason_class else ""
        return f"{who} → {result.outcome}{detail}"
    files = []
    for sub in result.submissions:
        rows = len(sub.table.records) if sub.table is not None else 0
        held = f", {len(sub.held)} held" if sub.held else ""
        why = f" ({sub.reason_class})" if sub.reason_class and not sub.held else ""
        name = sub.attachment.filename
        short = name if len(name) <= 24 else name[:22] + "…"
        files.append(f"{sub.form or '-'} {short} → {sub.outcome}{why}, {rows} rows{held}")
    return f"{who} " + "; ".join(files)


def duplicate_detail(filename: str, outcome: str | None) -> str:
    """Why a file is a duplicate; `outcome` None: the earlier copy has no verdict yet."""
    earlier = f"（当时结果：{OUTCOME_ZH[outcome]}）" if outcome and outcome in OUTCOME_ZH else ""
    return f"与此前收到的文件“{filename}”内容完全相同{earlier}，无需重复报送。"


def carries_table(parsed: ParsedEmail) -> bool:
    """A table attached, pasted into the body as HTML (body_table), or as text: what a city
    could have meant to submit."""
    if any(sniff_format(a.payload, a.filename) in TABLE_FORMATS for a in files_to_read(parsed)):
        return True
    return table_in_text(parsed.body_text) is not None


def files_to_read(parsed: ParsedEmail) -> tuple[Attachment, ...]:
    """The mail's files; a table pasted into its body comes first when none of them is a
    table (a signature logo beside it is then the body's companion, not a wrong file)."""
    if parsed.body_table is None or any(
        sniff_format(a.payload, a.filename) in TABLE_FORMATS for a in parsed.attachments
    ):
        return parsed.attachments
    return (parsed.body_table, *parsed.attachments)


def unique_paths(attachments: tuple[Attachment, ...]) -> list[Attachment]:
    """Two zip members may share a name: the second is "…!a.xlsx#2", so each row is its own."""
    seen: Counter[str] = Counter()
    out = []
    for att in attachments:
        seen[att.path] += 1
        n = seen[att.path]
        out.append(att if n == 1 else dataclasses.replace(att, path=f"{att.path}#{n}"))
    return out


@dataclass
class ReadJob:
    sub: SubmissionResult
    city_name: str
    subject: str
    body: str
    campaign: Campaign
    # The day the mail was sent (else arrived), in the campaign's time zone: weighs results of
    # May against the year, and is the start of a 即日起… period.
    sent: dt.date | None = None
    # The city's remembered header meanings by form (header_mapping), for the reader.
    mappings: dict[str, tuple[HeaderMapping, ...]] = field(default_factory=dict)


def reject_unreadable(sub: SubmissionResult, failure: Failure) -> None:
    """A file whose read killed its reader, ran out of memory or overran: corrupt_file."""
    log.error("reading %s: %s", sub.attachment.filename, failure)
    problem = failure.problem(sub.attachment.filename)
    sub.outcome, sub.reason_class, sub.reason_detail = (
        "rejected",
        problem.reason_class,
        problem.detail_zh,
    )


def read_submission(job: ReadJob) -> SubmissionResult:
    """One file from bytes to a normalised table or a reason; never raises."""
    sub, campaign = job.sub, job.campaign
    try:
        wb = read_workbook(sub.attachment)
        month = (campaign.month_start, campaign.month_end)
        form = detect_form(wb, job.subject, job.body, received_at=job.sent, promotion_month=month)
        if form is None:
            # Reporting against the registry template names the columns that are missing.
            locate(wb, "registry")
            raise FileProblem("wrong_template", "无法识别表格类型，请使用附件2模板填写。")
        sub.form = form
        if form == "plan":
            sub.contacts = extract_contacts(wb)
            sub.outcome = "accepted"
            return sub
        table = locate(wb, form, job.mappings.get(form, ()))
        sub.table = normalise_table(table, job.city_name, campaign, job.sent)
        sub.problems.extend(Problem("warning", "table_read", n) for n in table.notices)
        sub.problems.extend(sub.table.problems)
        if form in RESULTS_FORMS:
            sub.figures = city_figures(wb, campaign.tables.city_figures)
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
    except Exception as exc:
        # A file no reader anticipated must still end in an outcome, not stall the mailbox;
        # the fault is the pipeline's, so ops hear of it and the city gets no verdict.
        log.exception("unexpected error reading %s", sub.attachment.filename)
        fail_submission(sub, "read", exc)
    return sub


STAGE_ZH = {
    "parse": "解析邮件",
    "triage": "识别发件人和附件",
    "read": "读取附件",
    "validate": "校验数据",
    "commit": "入库",
}


def error_text(exc: BaseException) -> str:
    return clean_text(f"{type(exc).__name__}: {exc}", 300) or type(exc).__name__


def internal_detail(stage: str, exc: BaseException) -> str:
    return (
        f"系统在{STAGE_ZH.get(stage, stage)}时出错（{error_text(exc)}）。原始邮件已存档，"
        "运维人员修复后用 jinxiao requeue 重新处理；不要求发件单位重发。"
    )


def fail_submission(sub: SubmissionResult, stage: str, exc: BaseException) -> None:
    sub.outcome, sub.reason_class = "rejected", "internal_error"
    sub.reason_detail = internal_detail(stage, exc)
    sub.table = None


def fail_message(result: MessageResult, stage: str, exc: BaseException) -> MessageResult:
    """The message's outcome when the pipeline itself failed on it: nothing of it is loaded."""
    result.outcome, result.reason_class = "rejected", "internal_error"
    result.reason_detail = internal_detail(stage, exc)
    result.submissions = []
    return result


def had_internal_error(result: MessageResult) -> bool:
    return result.reason_class == "internal_error" or any(
        s.reason_class == "internal_error" for s in result.submissions
    )


def city_figures(
    wb: Workbook, labels: dict[str, str]
) -> list[tuple[str, float | None, str | None]]:
    """City-level figures of a results form (the 全市汇总 sheet): label cell, value to its right;
    `labels`: the forms.yaml's label -> figure code."""
    found: dict[str, tuple[str, float | None, str | None]] = {}
    for sheet in wb.sheets:
        for row in sheet.rows:
            for i, cell in enumerate(row[:-1]):
                code = labels.get(raw_text(cell) or "")
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
    archive: ArchiveStore,
    registry: SenderRegistry,
    campaign: Campaign,
    run_id: str,
    batch_size: int = 500,
    on_commit: OnCommit | None = None,
    policy: AuthPolicy | None = None,
) -> IntakeStats:
    """Give every recorded message without an outcome exactly one outcome.

    `on_commit(conn, result)` runs inside each message's transaction (replies are enqueued
    there, so an outcome is never committed without the reply it calls for).
    """
    stats = IntakeStats()
    processor = Processor(engine, archive, registry, campaign, policy)
    processor.total = load.count_pending(engine)
    while pending := load.pending_messages(engine, batch_size):
        for result in processor.run(pending, run_id, on_commit):
            stats.processed += 1
            stats.outcomes[result.outcome] += 1
            if had_internal_error(result):
                stats.internal_errors.append(result.message_key)
    return stats
