"""Mailbox readers: Maildir on disk and IMAP against a real (throwaway) Dovecot."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import socket
from pathlib import Path

import pytest
from dovecot import ImapAccount

from jinxiao.intake.mailbox import (
    MailboxConfig,
    MailboxError,
    mailbox_config_from_conn,
    open_mailbox,
    write_maildir_message,
)
from jinxiao.intake.mime import extract
from jinxiao.samples.mail import LONG_NAME, build_email, make_xlsx

XLSX = make_xlsx([["参加县区", "重点活动名称"], ["城区", "消费券发放"]])


def _messages() -> list[bytes]:
    return [
        build_email("yq@163.com", "阳泉市活动名录", [(LONG_NAME, XLSX)], filename_style="raw_gbk"),
        build_email("dt@163.com", "大同市活动名录", [("名录.xlsx", XLSX)], charset="utf-8"),
        build_email("lf@163.com", "临汾市工作方案", [], date=None, message_id=None),
    ]


def _tree(root: Path) -> dict[str, tuple[bytes, float]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- Maildir ---------------------------------------------------------------------------


def test_maildir_lists_and_fetches_exact_bytes_without_touching_files(tmp_path: Path) -> None:
    root = tmp_path / "Maildir"
    raws = _messages()
    refs = [
        write_maildir_message(root, raws[0], "1619080512.M1P1.intake"),
        write_maildir_message(root, raws[1], "1619080513.M2P1.intake"),
    ]
    # A message a mail client has already read: in cur/ with flags after ":2,".
    (root / "cur" / "1619080514.M3P1.intake:2,S").write_bytes(raws[2])
    stamp = dt.datetime(2021, 4, 22, 8, 0, tzinfo=dt.UTC).timestamp()
    os.utime(root / "cur" / "1619080514.M3P1.intake:2,S", (stamp, stamp))
    before = _tree(root)

    with open_mailbox(MailboxConfig(kind="maildir", path=str(root))) as box:
        listed = box.refs()
        fetched = list(box.fetch(listed))

    assert refs == ["1619080512.M1P1.intake", "1619080513.M2P1.intake"]
    assert sorted(listed) == sorted([*refs, "1619080514.M3P1.intake"])
    by_ref = {m.source_ref: m for m in fetched}
    assert by_ref[refs[0]].raw == raws[0]
    assert by_ref[refs[1]].raw == raws[1]
    read = by_ref["1619080514.M3P1.intake"]
    assert read.raw == raws[2]
    # CONTRACT §2: the delivery seconds in the name, not the mtime (which a copy changes).
    assert read.arrived_at == dt.datetime.fromtimestamp(1619080514, tz=dt.UTC)
    assert read.arrived_at != dt.datetime(2021, 4, 22, 8, 0, tzinfo=dt.UTC)
    assert read.source == f"maildir:{root.resolve()}"
    assert _tree(root) == before  # nothing renamed, moved or flagged
    assert not list((root / "tmp").iterdir())


def test_maildir_mark_processed_moves_only_when_configured(tmp_path: Path) -> None:
    root = tmp_path / "Maildir"
    ref = write_maildir_message(root, _messages()[0], "1619080512.M1P1.intake")

    with open_mailbox(MailboxConfig(kind="maildir", path=str(root))) as box:
        box.mark_processed(ref)
        assert box.refs() == [ref]

    cfg = MailboxConfig(kind="maildir", path=str(root), processed_folder="Processed")
    with open_mailbox(cfg) as box:
        box.mark_processed(ref)
        assert box.refs() == []
    assert (root / ".Processed" / "new" / "1619080512.M1P1.intake").read_bytes() == _messages()[0]


def test_maildir_fetch_skips_a_vanished_message(tmp_path: Path) -> None:
    root = tmp_path / "Maildir"
    ref = write_maildir_message(root, b"Subject: x\r\n\r\nbody\r\n")
    with open_mailbox(MailboxConfig(kind="maildir", path=str(root))) as box:
        assert [m.raw for m in box.fetch([ref, "no-such-ref"])] == [b"Subject: x\r\n\r\nbody\r\n"]


def test_not_a_maildir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MailboxError, match="not a Maildir"):
        open_mailbox(MailboxConfig(kind="maildir", path=str(tmp_path)))


# --- connection parsing ----------------------------------------------------------------


def test_config_from_connections() -> None:
    fs = mailbox_config_from_conn("fs", None, None, None, None, {"path": "/data/Maildir"})
    assert fs == MailboxConfig(kind="maildir", path="/data/Maildir")

    imaps = mailbox_config_from_conn("imap", "imap.163.com", 993, "u", "p", '{"folder": "收件"}')
    assert (imaps.use_ssl, imaps.port, imaps.folder) == (True, 993, "收件")

    plain = mailbox_config_from_conn(
        "imap",
        "mail.sxswt.gov.cn",
        "143",
        "u",
        "p",
        {"use_ssl": "false", "processed_folder": "Processed"},
    )
    assert (plain.use_ssl, plain.port, plain.processed_folder) == (False, 143, "Processed")
    assert mailbox_config_from_conn("imaps", "h", None, "u", "p", {}).port == 993

    with pytest.raises(MailboxError, match="unsupported"):
        mailbox_config_from_conn("pop3", "h", 110, "u", "p", {})


# --- IMAP (real Dovecot) ---------------------------------------------------------------


def _imap_cfg(account: ImapAccount, processed: str | None = None) -> MailboxConfig:
    return MailboxConfig(
        kind="imap",
        host=account.host,
        port=account.port,
        login=account.user,
        password=account.password,
        processed_folder=processed,
    )


def test_imap_fetch_is_exact_and_leaves_flags_alone(imap_account: ImapAccount) -> None:
    raws = _messages()
    arrived = dt.datetime(2021, 4, 22, 16, 40, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for raw in raws:
        imap_account.append(raw, date=arrived)
    assert LONG_NAME.encode("gbk") in raws[0]  # a raw 8-bit GBK header really went over the wire
    flags_before = imap_account.flags()

    with open_mailbox(_imap_cfg(imap_account)) as box:
        refs = box.refs()
        validity = box.uidvalidity
        fetched = list(box.fetch(refs))

    assert refs == [f"{validity}:1", f"{validity}:2", f"{validity}:3"]
    assert int(validity) > 0
    assert [m.raw for m in fetched] == raws  # byte for byte, in order
    assert [m.source_ref for m in fetched] == refs
    assert all(m.arrived_at == arrived for m in fetched)
    assert fetched[0].source == f"imap:{imap_account.host}:{imap_account.port}/INBOX"
    assert extract(fetched[0].raw).attachments[0].filename == LONG_NAME
    flags_after = imap_account.flags()
    assert flags_after == flags_before
    assert not any("\\Seen" in f for f in flags_after.values())


def test_imap_fetch_in_several_batches(
    imap_account: ImapAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinxiao.intake.mailbox as mailbox

    monkeypatch.setattr(mailbox, "FETCH_BATCH", 2)
    monkeypatch.setattr(mailbox, "FETCH_BATCH_BYTES", 1)  # forces one message per FETCH
    raws = [build_email(f"c{i}@163.com", f"第{i}封", []) for i in range(5)]
    for raw in raws:
        imap_account.append(raw)
    with open_mailbox(_imap_cfg(imap_account)) as box:
        refs = box.refs()
        assert [m.raw for m in box.fetch(refs[1:])] == raws[1:]
        assert list(box.fetch([f"{int(box.uidvalidity) + 1}:1"])) == []  # stale UIDVALIDITY


def test_imap_mark_processed_moves_after_commit(imap_account: ImapAccount) -> None:
    raws = _messages()
    for raw in raws:
        imap_account.append(raw)

    with open_mailbox(_imap_cfg(imap_account)) as box:
        refs = box.refs()
        box.mark_processed(refs[0])  # no processed_folder: nothing moves
        assert box.refs() == refs

    with open_mailbox(_imap_cfg(imap_account, processed="已处理")) as box:
        box.mark_processed(refs[0])
        box.mark_processed(refs[2])
        assert box.refs() == [refs[1]]

    assert "&XfJZBHQG-" in imap_account.folders()  # 已处理, IMAP modified UTF-7
    with open_mailbox(dataclasses.replace(_imap_cfg(imap_account), folder="已处理")) as done:
        assert [m.raw for m in done.fetch(done.refs())] == [raws[0], raws[2]]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wrong_port_names_host_and_port() -> None:
    port = _closed_port()
    cfg = MailboxConfig(kind="imap", host="127.0.0.1", port=port, login="u", password="p")
    with pytest.raises(MailboxError, match=f"127.0.0.1:{port}"):
        open_mailbox(cfg)


def test_wrong_password_is_a_clear_error(imap_account: ImapAccount) -> None:
    cfg = MailboxConfig(
        kind="imap",
        host=imap_account.host,
        port=imap_account.port,
        login=imap_account.user,
        password="wrong",
    )
    with pytest.raises(MailboxError, match=f"login as '{imap_account.user}'.*refused"):
        open_mailbox(cfg)


def test_maildir_arrival_is_the_mtime_only_when_the_name_has_no_delivery_seconds(tmp_path):
    from jinxiao.intake.mailbox import maildir_delivery_time

    mtime = dt.datetime(2021, 5, 3, 1, 2, 3, tzinfo=dt.UTC).timestamp()
    assert maildir_delivery_time("1619080514.M3P1.host:2,S", mtime) == dt.datetime.fromtimestamp(
        1619080514, tz=dt.UTC
    )
    for name in ("21-taiyuan-question", "msg.eml", "12345.short"):
        assert maildir_delivery_time(name, mtime).timestamp() == mtime


def test_what_no_retry_can_fix_fails_at_once_and_says_what_to_fix(tmp_path):
    import socket
    import time

    from jinxiao.intake.mailbox import MailboxUnfixable

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    cfg = MailboxConfig(kind="imap", host="127.0.0.1", port=port, use_ssl=False)
    with pytest.raises(MailboxUnfixable, match=f"127.0.0.1:{port} refused the connection"):
        with open_mailbox(cfg):
            pass
    assert time.monotonic() - started < 5
    with pytest.raises(MailboxUnfixable, match="not a Maildir"):
        open_mailbox(MailboxConfig(kind="maildir", path=str(tmp_path / "nowhere")))
