"""Mail that wakes intake: the mailbox watch and the trigger the triggerer runs.

The watch reports new mailbox places only (so flag changes wake nobody), mail arriving close
together comes as one batch, and the trigger runs in asyncio as the triggerer runs it, on a
real Maildir and a real Dovecot (IMAP IDLE, and NOOP polling where IDLE is off).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
from dovecot import ImapAccount

from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.intake.watch import ImapWatch, MaildirWatch, wait_for_batch
from jinxiao.samples.mail import build_email


def _mail(i: int) -> bytes:
    return build_email(f"c{i}@163.com", f"第{i}封", [])


def _maildir(tmp_path):
    root = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True)
    return root


def _later(seconds: float, action) -> threading.Thread:
    def run() -> None:
        time.sleep(seconds)
        action()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_maildir_watch_counts_new_mail_only(tmp_path):
    root = _maildir(tmp_path)
    write_maildir_message(root, _mail(0))
    watch = MaildirWatch(MailboxConfig("maildir", path=str(root)), interval=0.05)
    assert watch.wait(0.2) == 0  # what was there at the start is not news
    write_maildir_message(root, _mail(1))
    write_maildir_message(root, _mail(2))
    assert watch.wait(1.0) == 2
    # Read and moved to cur/ with flags: the same message, not a new one.
    for path in (root / "new").iterdir():
        path.rename(root / "cur" / f"{path.name}:2,S")
    assert watch.wait(0.2) == 0


def test_mail_arriving_together_is_one_batch(tmp_path):
    root = _maildir(tmp_path)
    watch = MaildirWatch(MailboxConfig("maildir", path=str(root)), interval=0.05)
    threads = [_later(0.1 * i, lambda i=i: write_maildir_message(root, _mail(i))) for i in range(5)]
    started = time.monotonic()
    assert wait_for_batch(watch, timeout=5.0, settle=0.5) == 5
    assert time.monotonic() - started < 3.0
    for t in threads:
        t.join()
    assert wait_for_batch(watch, timeout=0.2, settle=0.5) == 0


def _imap_cfg(account: ImapAccount) -> MailboxConfig:
    return MailboxConfig(
        "imap", host=account.host, port=account.port, login=account.user,
        password=account.password,
    )  # fmt: skip


@pytest.mark.integration
@pytest.mark.parametrize("idle", [True, False], ids=["idle", "noop"])
def test_imap_watch_wakes_on_delivery(imap_account: ImapAccount, idle: bool):
    imap_account.append(_mail(0))
    watch = ImapWatch(_imap_cfg(imap_account), interval=0.2)
    assert watch.idle  # Dovecot offers IDLE
    watch.idle = idle
    try:
        assert watch.wait(0.5) == 0
        thread = _later(0.5, lambda: imap_account.append(_mail(1)))
        started = time.monotonic()
        assert watch.wait(20.0) == 1
        # IDLE answers on delivery; a NOOP poll within its interval.
        assert time.monotonic() - started < 5.0
        thread.join()
        flags = imap_account.flags()
        assert not any("\\Seen" in f for f in flags.values())  # examined, never read
    finally:
        watch.close()


@pytest.mark.integration  # imports Airflow's trigger machinery: seconds, not milliseconds
def test_the_trigger_fires_one_event_per_batch_in_asyncio(tmp_path, monkeypatch):
    from airflow.triggers.base import BaseEventTrigger

    from jinxiao_airflow.triggers import MailboxTrigger

    root = _maildir(tmp_path)
    monkeypatch.setenv(
        "AIRFLOW_CONN_SUBMISSION_MAILBOX",
        json.dumps({"conn_type": "maildir", "extra": {"path": str(root)}}),
    )
    trigger = MailboxTrigger("submission_mailbox", wait_seconds=0.5, settle_seconds=0.5)
    assert isinstance(trigger, BaseEventTrigger)
    classpath, kwargs = trigger.serialize()
    assert classpath == "jinxiao_airflow.triggers.MailboxTrigger"
    assert MailboxTrigger(**kwargs).serialize() == (classpath, kwargs)  # no secret in kwargs

    async def first_event():
        events = trigger.run()
        pending = asyncio.ensure_future(events.__anext__())
        await asyncio.sleep(1.0)  # the watch has listed the Maildir as it was
        for i in range(3):
            write_maildir_message(root, _mail(i))
        event = await asyncio.wait_for(pending, 15)
        await events.aclose()
        return event

    event = asyncio.run(first_event())
    assert event.payload == {"conn_id": "submission_mailbox", "arrived": 3}
