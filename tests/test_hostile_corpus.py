"""Issue 9: one bad or forged message must never stop or fool the pipeline.

The seeded hostile corpus (tests/hostile/corpus.py: zip bombs, forged senders, absurd headers
and sheets) goes through the whole intake in a child process under a 2 GiB address-space limit
(tests/hostile/run_corpus.py), then the warehouse is read. These tests state what the intake
must do; on the code of the day they were written they fail, and the pipeline is being fixed
to pass them. `cd tests && PYTHONPATH=../src python -m hostile.run_corpus --twice --isolate`
prints the same findings as a table, and each case alone.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from conftest import PG, fresh_pg_database
from hostile.corpus import AUTHSERV_ID, CASE_NAMES, RESTORED_AT, write_corpus
from hostile.run_corpus import RSS_BUDGET, Report, rerun_changes, run

pytestmark = pytest.mark.integration

GENERATION_BUDGET = 30.0  # seconds
SIZE_BUDGET = 60 * 2**20  # bytes on disk


@pytest.fixture(scope="module")
def sqlite_runs(tmp_path_factory) -> tuple[Report, Report]:
    """The corpus through one intake into SQLite, then a second intake over the same mailbox."""
    work = tmp_path_factory.mktemp("hostile")
    cases = write_corpus(work / "maildir", seed=0)
    first = run(work / "maildir", work, work / "warehouse.db", cases=cases)
    second = run(work / "maildir", work, work / "warehouse.db", cases=cases, tag="rerun")
    return first, second


def _digests(maildir: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((maildir / "new").iterdir())
    }


def test_corpus_is_small_fast_seeded_and_delivered_as_the_server_does(tmp_path):
    started = time.monotonic()
    cases = write_corpus(tmp_path / "a", seed=0)
    took = time.monotonic() - started
    write_corpus(tmp_path / "b", seed=0)
    assert took < GENERATION_BUDGET, f"generation took {took:.1f} s"
    files = list((tmp_path / "a" / "new").iterdir())
    size = sum(p.stat().st_size for p in files)
    assert size < SIZE_BUDGET, f"corpus is {size / 2**20:.1f} MiB"
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b"), "same seed, different bytes"
    assert [c.name for c in cases] == list(CASE_NAMES)
    mails = [mail for c in cases for mail in c.mails]
    assert sorted(p.name for p in files) == sorted(mail.file for mail in mails)
    for mail in mails:
        path = tmp_path / "a" / "new" / mail.file
        assert int(mail.file.split(".", 1)[0]) == int(mail.delivered.timestamp())
        # Only the name tells the arrival: the mtime is the (later) restore from backup.
        assert path.stat().st_mtime == RESTORED_AT.timestamp() != mail.delivered.timestamp()
        if mail.legitimate:
            head = path.read_bytes().split(b"\r\n\r\n", 1)[0]
            first = re.search(rb"^Authentication-Results: ([^;]+);", head, re.M)
            assert first and first.group(1).decode() == AUTHSERV_ID, mail.file
            assert b"dmarc=pass" in head.split(b"Received:", 1)[0], mail.file


def test_intake_finishes_with_a_clean_exit(sqlite_runs):
    first, _ = sqlite_runs
    child = first.child
    assert child.clean, (
        f"intake {'timed out' if child.rc is None else f'exited {child.rc}'} after "
        f"{child.seconds:.0f} s:\n{child.stderr}"
    )


def test_every_message_has_exactly_one_outcome(sqlite_runs):
    first, _ = sqlite_runs
    assert first.snapshot.error is None, first.snapshot.error
    wrong = [f"{r.case} {r.mail.file}: {r.messages} messages, outcome {r.outcome}"
             for r in first.results if not r.one_outcome]  # fmt: skip
    assert not wrong, "\n".join(wrong)
    assert first.snapshot.view_rows == first.snapshot.view_expected


def test_peak_memory_stays_under_a_gibibyte(sqlite_runs):
    first, _ = sqlite_runs
    assert first.child.peak_rss < RSS_BUDGET, f"peak RSS {first.child.peak_rss / 2**20:.0f} MiB"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_ends_as_expected(sqlite_runs, case):
    first, _ = sqlite_runs
    mine = [r for r in first.results if r.case == case]
    assert mine, f"case {case} has no messages"
    wrong = [f"{r.mail.file}: expected {sorted(r.mail.expect, key=str)}, got {r.outcome} "
             f"(rows {list(r.rows)})" for r in mine if not r.outcome_ok]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_legitimate_mail_is_accepted(sqlite_runs):
    first, _ = sqlite_runs
    legit = [r for r in first.results if r.mail.legitimate]
    assert len(legit) >= 10
    wrong = [f"{r.case} {r.mail.file}: {r.outcome}" for r in legit
             if r.outcome != ("accepted", None)]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_received_at_is_the_delivery_time(sqlite_runs):
    """CONTRACT §2: for a Maildir, the leading Unix seconds of the file name."""
    first, _ = sqlite_runs
    wrong = [
        f"{r.case} {r.mail.file}: received_at {r.received_at}, delivered {r.mail.delivered}"
        for r in first.results
        if not r.received_ok
    ]
    assert not wrong, "\n".join(wrong)


def test_recorded_sender_is_the_from_mailbox(sqlite_runs):
    first, _ = sqlite_runs
    wrong = [f"{r.case} {r.mail.file}: sender {r.sender!r}, expected {r.mail.sender!r}"
             for r in first.results if not r.sender_ok]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_nothing_leaks_and_no_zip_member_escapes(sqlite_runs):
    first, _ = sqlite_runs
    assert not first.snapshot.leaks, first.snapshot.leaks
    assert not first.escaped, first.escaped


def test_a_second_run_changes_nothing(sqlite_runs):
    first, second = sqlite_runs
    changes = rerun_changes(first, second)
    assert not changes, "\n".join(changes)


def test_postgresql_run_meets_every_check(tmp_path):
    """The same corpus on PostgreSQL, where NUL bytes and 9 KB index keys are refused."""
    cases = write_corpus(tmp_path / "maildir", seed=0)
    with fresh_pg_database("jx_hostile") as name:
        url = f"postgresql://{PG['login']}@{PG['host']}:{PG['port']}/{name}"
        report = run(tmp_path / "maildir", tmp_path, url, cases=cases)
    failures = report.failures()
    assert not failures, "\n".join(failures)
