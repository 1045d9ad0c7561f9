"""Reader processes change how fast a batch goes, never what it decides; a reader that dies
costs the one message or file it was on, which is never parsed or read again here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import MailboxConfig, open_mailbox, write_maildir_message
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs import processor as intake
from jinxiao.jobs.demo import deliver, demo_mails
from jinxiao.normalise.values import county_table
from jinxiao.samples import mail
from jinxiao.warehouse import load
from jinxiao.warehouse.connection import WarehouseConfig, connect, migrate

# What a run decided, without ids and times that differ between any two runs.
_DECIDED = {
    "messages": "SELECT message_key, city_name, outcome, reason_class, reason_detail "
    "FROM message ORDER BY message_key",
    "submissions": "SELECT message_key, filename, form, outcome, reason_class, reason_detail, "
    "sheet, header_row, rows_loaded FROM submission ORDER BY message_key, filename",
    "activities": "SELECT message_key, sheet, excel_row, county_names, activity_name, start_date, "
    "end_date, enterprise_count, est_turnover_wan, category FROM activity "
    "ORDER BY message_key, excel_row",
    "problems": "SELECT message_key, severity, code, excel_row, message_zh FROM problem "
    "ORDER BY message_key, excel_row, code, message_zh",
}
_PARENT = os.getpid()
_REAL_READ_FRONT = intake.read_front
_REAL_READ_SUBMISSION = intake.read_submission
# The one message / file whose reader dies (a season's file the others do not depend on).
_DOOMED = "jinzhong"


def _front_dying_in_a_worker(path: str) -> intake.Front:
    front = _REAL_READ_FRONT(path)
    if os.getpid() == _PARENT:
        raise AssertionError("a message was parsed in the parent")
    if _DOOMED in front.email.sender:
        os._exit(1)  # what the OOM killer does to a reader
    return front


def _read_dying_in_a_worker(job: intake.ReadJob):
    if os.getpid() == _PARENT:
        raise AssertionError("a file was read in the parent")
    if _DOOMED in job.sub.attachment.filename or "晋中" in job.sub.attachment.filename:
        os.abort()  # what a native reader's panic does
    return _REAL_READ_SUBMISSION(job)


@pytest.fixture(scope="module")
def maildir(tmp_path_factory) -> Path:
    """The demo season, plus the same unreadable file sent twice in one batch."""
    root = tmp_path_factory.mktemp("season") / "Maildir"
    mails = demo_mails()
    for m in mails:
        deliver(root, m)
    broken = b"PK\x03\x04 not really a workbook" * 20
    for i in range(2):
        raw = mail.build_email(
            "swj@changzhi.sx.example", f"长治市活动名录{i}", [("附件2 长治市.xlsx", broken)]
        )
        write_maildir_message(root, raw, name=f"30-changzhi-broken-{i}")
    assert len(mails) + 2 >= intake.PARALLEL_MIN
    return root


def _run(root: Path, maildir: Path, campaign) -> dict[str, list[tuple]]:
    root.mkdir()
    engine = connect(WarehouseConfig("sqlite", path=str(root / "w.db")))
    migrate(engine, campaign, county_table())
    archive = Archive(root / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
        intake.collect(mb, engine, archive, "t")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    intake.process(engine, archive, registry, campaign, "t")
    with engine.connect() as conn:
        decided = {k: [tuple(r) for r in conn.execute(text(q))] for k, q in _DECIDED.items()}
    engine.dispose()
    return decided


@pytest.fixture(scope="module")
def inline(tmp_path_factory, maildir, campaign) -> dict[str, list[tuple]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(intake, "PARALLEL_MIN", 10**6)
        with intake.readers_for(100) as readers:
            assert len(readers._readers) == 1
        decided = _run(tmp_path_factory.mktemp("inline") / "run", maildir, campaign)
    assert len(decided["messages"]) == len(demo_mails()) + 2
    assert {m[2] for m in decided["messages"]} >= {"accepted", "rejected", "duplicate"}
    assert len(decided["activities"]) > 50
    return decided


@pytest.fixture
def two_workers(monkeypatch):
    # Two readers even on a one-CPU runner: the pool is what is under test.
    monkeypatch.setattr(intake, "usable_cpus", lambda: 2)
    with intake.readers_for(intake.PARALLEL_MIN) as readers:
        assert len(readers._readers) == 2


def test_the_season_ends_the_same_inline_and_over_worker_processes(
    tmp_path, maildir, campaign, inline, two_workers
):
    over_pool = _run(tmp_path / "pool", maildir, campaign)
    for key in _DECIDED:
        assert over_pool[key] == inline[key], key
    dup = [s for s in inline["submissions"] if s[3] == "duplicate" and "长治" in s[1]]
    # The first copy's verdict is committed before the second copy's message, which names it,
    # whatever the executor (and as a rerun after a crash does: tests/test_sigkill.py).
    assert [s[5] for s in dup] == [
        "与此前收到的文件“附件2 长治市.xlsx”内容完全相同（当时结果：退回修改），无需重复报送。"
    ]


def test_a_reader_that_dies_parsing_a_message_fails_that_message_alone(
    tmp_path, maildir, campaign, inline, two_workers, monkeypatch, caplog
):
    monkeypatch.setattr(intake, "read_front", _front_dying_in_a_worker)
    decided = _run(tmp_path / "pool", maildir, campaign)
    assert "a reader process failed" in caplog.text
    doomed = {m[0] for m in inline["messages"] if m[1] == "晋中市"}
    assert doomed and len(doomed) < len(inline["messages"]) / 3
    for key in _DECIDED:
        rest = [r for r in decided[key] if r[0] not in doomed]
        assert rest == [r for r in inline[key] if r[0] not in doomed], key
    for key, outcome, reason, detail in (m[0:1] + m[2:] for m in decided["messages"]):
        if key in doomed:
            assert (outcome, reason) == ("rejected", "internal_error")
            assert "解析邮件" in detail and "不要求发件单位重发" in detail


def test_a_reader_that_dies_on_a_file_rejects_that_file_alone(
    tmp_path, maildir, campaign, inline, two_workers, monkeypatch, caplog
):
    monkeypatch.setattr(intake, "read_submission", _read_dying_in_a_worker)
    decided = _run(tmp_path / "pool", maildir, campaign)
    assert "killed by SIGABRT" in caplog.text
    doomed = {s[0] for s in inline["submissions"] if "晋中" in s[1]}
    assert doomed and len(doomed) < len(inline["messages"]) / 3
    for key in _DECIDED:
        rest = [r for r in decided[key] if r[0] not in doomed]
        assert rest == [r for r in inline[key] if r[0] not in doomed], key
    lost = [s for s in decided["submissions"] if s[0] in doomed]
    read = [s for s in lost if s[3] not in ("duplicate", "ignored")]
    assert read and all(s[4] == "corrupt_file" and "另存为.xlsx" in s[5] for s in read)
    assert not any(a[0] in doomed for a in decided["activities"])


def test_files_are_on_disk_before_the_warehouse_points_at_them(
    tmp_path, maildir, campaign, monkeypatch
):
    checked: list[str] = []
    archive = Archive(tmp_path / "archive")

    def synced_first(real):
        def call(*args, **kwargs):
            assert archive.unsynced == [], f"{real.__name__} before Archive.sync()"
            checked.append(real.__name__)
            return real(*args, **kwargs)

        return call

    for fn in ("record_arrivals", "commit_message"):
        monkeypatch.setattr(load, fn, synced_first(getattr(load, fn)))
    engine = connect(WarehouseConfig("sqlite", path=str(tmp_path / "w.db")))
    migrate(engine, campaign, county_table())
    with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
        intake.collect(mb, engine, archive, "t")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    intake.process(engine, archive, registry, campaign, "t")
    assert "record_arrivals" in checked and checked.count("commit_message") >= 20
