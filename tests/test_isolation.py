"""One bad or odd message never stops or fools the batch (issue 9): each ends in exactly one
outcome, a fault of the pipeline's is `internal_error` for that message alone, and the
mailbox's clock, not the sender's Date, orders the mail."""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing as mp
import warnings
import zipfile
from pathlib import Path

import pytest
from factories import seed_message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.domain.hygiene import clean_email, clean_text
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import MailboxConfig, open_mailbox, write_maildir_message
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs import processor as intake
from jinxiao.mail.replies import enqueue_for_result
from jinxiao.samples import files as f
from jinxiao.samples.mail import build_email
from jinxiao.warehouse import load
from jinxiao.warehouse.connection import (
    IntakeBusy,
    WarehouseConfig,
    connect,
    intake_lock,
    open_warehouse,
)

CST = dt.timezone(dt.timedelta(hours=8))
TY = "swj@taiyuan.sx.example"
DT = "swj@datong.sx.example"


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2021, month, day, hour, tzinfo=CST)


def _registry(city: str, seed: int = 0) -> bytes:
    return f.xlsx_bytes(f.registry_rows(city, 3, seed=seed))


def _deliver(root: Path, raw: bytes, when: dt.datetime) -> None:
    write_maildir_message(root, raw, delivered_at=when)


def _run(root: Path, wh: WarehouseConfig, campaign, on_commit=None) -> intake.IntakeStats:
    engine = open_warehouse(wh, campaign)
    archive = Archive(root.parent / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(root))) as box:
        intake.collect(box, engine, archive, "t")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    return intake.process(engine, archive, registry, campaign, "t", on_commit=on_commit)


def _outcomes(wh: WarehouseConfig) -> list[tuple]:
    with connect(wh).connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT subject, outcome, reason_class FROM message ORDER BY received_at, subject"
                )
            )
        ]


def _two_registries(tmp_path: Path) -> tuple[WarehouseConfig, Path]:
    """太原 and 大同 each send a clean registry, a day apart."""
    root = tmp_path / "Maildir"
    for sender, city, day in ((TY, "太原市", 20), (DT, "大同市", 21)):
        table = [("名录.xlsx", _registry(city))]
        _deliver(root, build_email(sender, f"{city}活动名录", table), _at(4, day))
    return WarehouseConfig("sqlite", path=str(tmp_path / "w.db")), root


def _hostile_headers() -> list[tuple[bytes, dt.datetime]]:
    """Mail that broke intake before: each must now get its ordinary outcome."""
    mails = []
    bare_cr = build_email(TY, "太原市活动名录", [("名录.xlsx", _registry("太原市", 1))])
    mails.append((bare_cr.replace(b"Subject: ", b"Subject: =?utf-8?q?a=0Db?= ", 1), _at(4, 20)))
    long_id = "<" + "x" * 9600 + "@taiyuan.sx.example>"
    mails.append(
        (
            build_email(
                DT, "大同市活动名录", [("名录.xlsx", _registry("大同市", 2))], message_id=long_id
            ),
            _at(4, 20, 11),
        )
    )
    nul = build_email(
        "swj@yangquan.sx.example", "阳泉市活动名录", [("名录.xlsx", _registry("阳泉市", 3))]
    )
    mails.append((nul.replace(b"\r\nDate: ", b"\r\nX-Junk: a\x00b\r\nDate: ", 1), _at(4, 20, 12)))
    year_9999 = build_email(
        "swj@changzhi.sx.example", "长治市活动名录", [("名录.xlsx", _registry("长治市", 4))]
    )
    head, _, body = year_9999.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"date:")]
    lines.append(b"Date: Fri, 31 Dec 9999 23:59:59 +0000")
    mails.append((b"\r\n".join(lines) + b"\r\n\r\n" + body, _at(4, 20, 13)))
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name we want
        zf.writestr("名录.xlsx", _registry("晋城市", 5))
        zf.writestr("名录.xlsx", _registry("晋城市", 6))
    twin = buf.getvalue()
    mails.append(
        (
            build_email("swj@jincheng.sx.example", "晋城市活动名录", [("材料.zip", twin)]),
            _at(4, 20, 14),
        )
    )
    return mails


@pytest.mark.integration  # a whole intake run
@pytest.mark.parametrize("warehouse", ["sqlite", "postgresql"])
def test_hostile_headers_get_their_ordinary_outcomes(tmp_path, campaign, warehouse, request):
    wh = (
        request.getfixturevalue("pg_warehouse")
        if warehouse == "postgresql"
        else WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    )
    root = tmp_path / "Maildir"
    for raw, when in _hostile_headers():
        _deliver(root, raw, when)
    stats = _run(root, wh, campaign)
    assert stats.processed == 5
    assert stats.internal_errors == []
    rows = _outcomes(wh)
    assert len(rows) == 5 and all(o is not None for _s, o, _r in rows)
    assert {o for _s, o, _r in rows} <= {"accepted", "rejected", "superseded"}
    with connect(wh).connect() as conn:
        subjects = [r[0] for r in conn.execute(text("SELECT subject FROM message"))]
        ids = [r[0] for r in conn.execute(text("SELECT message_id FROM message"))]
        dates = [r[0] for r in conn.execute(text("SELECT date_header FROM message"))]
    assert all("\r" not in s and "\x00" not in s for s in subjects)
    assert max(len(i or "") for i in ids) <= 250
    assert any(d and "9999" in d for d in dates)  # kept as written, not used as the time


def test_a_message_whose_commit_fails_is_internal_error_and_the_batch_goes_on(tmp_path, campaign):
    wh, root = _two_registries(tmp_path)
    notices = []

    def reply_hook(conn, result):
        if result.city_name == "太原市" and result.reason_class != "internal_error":
            raise RuntimeError("reply builder broke")  # a fault of ours, for this message only
        notices.extend(
            enqueue_for_result(conn, result, campaign, "xfc@commerce.sx.example", "ops@x.example")
        )

    stats = _run(root, wh, campaign, on_commit=reply_hook)
    assert stats.processed == 2 and len(stats.internal_errors) == 1
    rows = {s: (o, r) for s, o, r in _outcomes(wh)}
    assert rows["太原市活动名录"] == ("rejected", "internal_error")
    assert rows["大同市活动名录"] == ("accepted", None)
    engine = connect(wh)
    with engine.connect() as conn:
        # Nothing of the failed message was loaded; ops got a notice, the city no reply.
        loaded = conn.execute(
            text("SELECT COUNT(*) FROM activity WHERE city_name = '太原市'")
        ).scalar()
        kinds = conn.execute(text("SELECT kind, city_name FROM outbox ORDER BY kind")).all()
        detail = conn.execute(
            text("SELECT reason_detail FROM message WHERE reason_class = 'internal_error'")
        ).scalar()
    assert loaded == 0
    assert [k for k, _c in kinds] == ["ops_notice", "reply"]
    assert "RuntimeError: reply builder broke" in detail and "requeue" in detail

    # Fixed, it is processed again and accepted; a rerun changes nothing more.
    assert load.requeue(engine, stats.internal_errors[0][:12]) == stats.internal_errors
    again = _run(root, wh, campaign)
    assert again.processed == 1 and again.internal_errors == []
    assert {s: (o, r) for s, o, r in _outcomes(wh)}["太原市活动名录"] == ("accepted", None)
    assert _run(root, wh, campaign).processed == 0


def test_an_unreadable_archive_file_fails_only_its_message(tmp_path, campaign):
    wh, root = _two_registries(tmp_path)
    engine = open_warehouse(wh, campaign)
    archive = Archive(tmp_path / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(root))) as box:
        intake.collect(box, engine, archive, "t")
    first = load.pending_messages(engine)[0]
    Path(first.archive_path).unlink()  # the disk lost it: nothing to parse
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    stats = intake.process(engine, archive, registry, campaign, "t")
    assert stats.processed == 2 and stats.internal_errors == [first.message_key]
    outcomes = sorted(o for _s, o, _r in _outcomes(wh))
    assert outcomes == ["accepted", "rejected"]


@pytest.mark.integration  # a whole intake run
def test_arrival_not_the_date_header_decides_which_version_stands(tmp_path, campaign):
    """A mail written as of 12-31 but delivered first loses to the correction delivered after."""
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    root = tmp_path / "Maildir"
    early = build_email(
        TY, "太原市活动名录（旧）", [("旧.xlsx", _registry("太原市", 1))], date=_at(12, 31)
    )
    late = build_email(
        TY, "太原市活动名录（更正）", [("新.xlsx", _registry("太原市", 2))], date=_at(4, 22)
    )
    _deliver(root, early, _at(4, 21))
    _deliver(root, late, _at(4, 22))
    _run(root, wh, campaign)
    with connect(wh).connect() as conn:
        rows = dict(conn.execute(text("SELECT filename, outcome FROM submission")).all())
        codes = [r[0] for r in conn.execute(text("SELECT code FROM problem"))]
        received = conn.execute(
            text("SELECT received_at FROM message WHERE subject LIKE '%旧%'")
        ).scalar()
    assert rows == {"旧.xlsx": "superseded", "新.xlsx": "accepted"}
    assert "date_header_off" in codes
    assert str(received).startswith("2021-04-21")


def _hold_lock(path: str, ready, release) -> None:
    engine = connect(WarehouseConfig("sqlite", path=path))
    with intake_lock(engine, wait_seconds=0):
        ready.set()
        release.wait(20)


@pytest.mark.parametrize("warehouse", ["sqlite", "postgresql"])
def test_a_second_intake_waits_then_says_it_is_busy(tmp_path, warehouse, request, campaign):
    wh = (
        request.getfixturevalue("pg_warehouse")
        if warehouse == "postgresql"
        else WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    )
    engine = open_warehouse(wh, campaign)
    if warehouse == "sqlite":
        ctx = mp.get_context("fork")
        ready, release = ctx.Event(), ctx.Event()
        holder = ctx.Process(target=_hold_lock, args=(wh.path, ready, release))
        holder.start()
        assert ready.wait(20)
        try:
            with pytest.raises(IntakeBusy, match="intake already running"):
                with intake_lock(engine, wait_seconds=0.6):
                    pass
        finally:
            release.set()
            holder.join(20)
        # The holder is gone: the lock is free again.
        with intake_lock(engine, wait_seconds=5):
            pass
        return
    other = connect(wh)
    with intake_lock(other, wait_seconds=0):
        with pytest.raises(IntakeBusy, match=wh.database):
            with intake_lock(engine, wait_seconds=0.6):
                pass
    with intake_lock(engine, wait_seconds=0):
        pass


def test_a_killed_holder_leaves_no_lock_behind(tmp_path, campaign):
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    engine = open_warehouse(wh, campaign)
    ctx = mp.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(wh.path, ready, release))
    holder.start()
    assert ready.wait(20)
    holder.kill()
    holder.join(20)
    with intake_lock(engine, wait_seconds=2):
        pass


_header_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Lo", "Ll", "Zs", "Nd"]),
    max_size=3000,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@pytest.mark.integration  # a whole intake run
@given(subject=_header_text, name=_header_text, msgid=_header_text)
def test_any_header_text_reaches_the_warehouse_clean(
    tmp_path_factory, campaign, subject, name, msgid
):
    from jinxiao.domain.models import ParsedEmail
    from jinxiao.domain.outcomes import MessageResult

    raw = ParsedEmail(msgid, TY, name, subject, None, (msgid,), "正文\x00", ())
    email = clean_email(raw)
    for value in (email.subject, email.sender_name, email.message_id or ""):
        assert not any(ord(c) < 32 or c == "\x7f" for c in value)
    assert len(email.subject) <= 500 and len(email.message_id or "") <= 250
    wh = WarehouseConfig("sqlite", path=str(tmp_path_factory.mktemp("h") / "w.db"))
    engine = open_warehouse(wh, campaign)
    # Recorded by collect, not processed yet: no Message-ID, sender or time until commit.
    seed_message(engine, "k", received=None, message_id=None, sender=None, run_id="t")
    result = MessageResult("k", email, _at(4, 20), clean_text(subject, 200), "太原市")
    result.outcome, result.reason_detail = "ignored", "x"
    load.commit_message(engine, result, "t")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT subject FROM message WHERE message_key='k'")).scalar()
    assert stored == (email.subject or None) or stored == email.subject


def test_an_unknown_sender_is_quarantined_only_with_a_table(tmp_path, campaign):
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    root = tmp_path / "Maildir"
    _deliver(root, build_email("news@shop.example", "本周优惠", [], body="点击查看"), _at(4, 20))
    table = [("名录.xlsx", _registry("长治市"))]
    _deliver(root, build_email("zhangsan@163.com", "长治活动名录", table), _at(4, 21))
    _run(root, wh, campaign)
    assert {s: (o, r) for s, o, r in _outcomes(wh)} == {
        "本周优惠": ("ignored", None),
        "长治活动名录": ("quarantined", "unknown_sender"),
    }


def test_forged_senders_are_quarantined_under_require(tmp_path, campaign):
    from jinxiao.intake.auth import AuthPolicy

    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    root = tmp_path / "Maildir"
    ours = "mx.commerce.sx.example"

    def ar(result: str, domain: str = "taiyuan.sx.example") -> dict[str, str]:
        return {"Authentication-Results": f"{ours}; dmarc={result} header.from={domain}"}

    table = [("名录.xlsx", _registry("太原市"))]
    real = build_email(TY, "太原市活动名录", table, extra_headers=ar("pass"))
    forged = build_email(TY, "太原市活动名录（伪）", table, extra_headers=ar("fail"))
    named = build_email(
        "attacker@evil.example", "阳泉市活动名录", table, sender_name="swj@yangquan.sx.example"
    )
    _deliver(root, real, _at(4, 20))
    _deliver(root, forged, _at(4, 21))
    _deliver(root, named, _at(4, 22))
    engine = open_warehouse(wh, campaign)
    archive = Archive(tmp_path / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(root))) as box:
        intake.collect(box, engine, archive, "t")
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    policy = AuthPolicy(mode="require", authserv_id=ours)
    intake.process(engine, archive, registry, campaign, "t", policy=policy)
    got = {s: (o, r) for s, o, r in _outcomes(wh)}
    assert got["太原市活动名录"] == ("accepted", None)
    assert got["太原市活动名录（伪）"] == ("quarantined", "unauthenticated_sender")
    assert got["阳泉市活动名录"][0] == "quarantined"
    with engine.connect() as conn:
        cities = conn.execute(text("SELECT DISTINCT city_name FROM activity")).all()
    assert cities == [("太原市",)]


@pytest.mark.integration  # waits out a connection that never opens
def test_a_warehouse_that_cannot_be_opened_is_named(campaign):
    import socket

    from jinxiao.warehouse.connection import WarehouseUnavailable

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = WarehouseConfig(
        "postgresql", host="127.0.0.1", port=port, login="postgres", database="jx_nowhere"
    )
    with pytest.raises(
        WarehouseUnavailable, match=f"postgresql://postgres@127.0.0.1:{port}/jx_nowhere"
    ):
        open_warehouse(cfg, campaign)


def _plan_files(city: str, version: str) -> list[tuple[str, bytes]]:
    plan = f.docx_bytes(
        [f"{city}2021年消费促进月工作方案（{version}）", "一、活动时间：2021年5月1日至12月31日。"],
        [[["姓名", "单位", "职务", "联系电话", "邮箱"],
          ["王晓燕", f"{city}商务局", "科长", "0352-2021888", "wxy@datong.sx.example"]]],
    )  # fmt: skip
    schedule = f.docx_bytes(
        [f"{city}消费促进月活动安排（{version}）", "5月1日起开展汽车展销、美食节等活动。"], []
    )
    return [(f"{city}工作方案{version}.docx", plan), (f"{city}活动安排{version}.docx", schedule)]


def test_a_plan_in_several_files_stands_together_until_a_later_mail(tmp_path, campaign):
    """方案 and 活动安排 in one mail are both the plan; only the next mail's plan replaces them."""
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    root = tmp_path / "md"
    first = build_email(DT, "大同市工作方案", _plan_files("大同市", "一"), date=_at(4, 28))
    second = build_email(DT, "大同市工作方案（修改）", _plan_files("大同市", "二"), date=_at(4, 29))
    _deliver(root, first, _at(4, 28))
    _deliver(root, second, _at(4, 29))
    _run(root, wh, campaign)
    with connect(wh).connect() as conn:
        rows = conn.execute(
            text("SELECT filename, outcome FROM submission WHERE form = 'plan' ORDER BY filename")
        ).all()
        status = conn.execute(
            text("SELECT COUNT(*) FROM v_city_status WHERE city_name = '大同市' AND form = 'plan'")
        ).scalar()
    assert sorted(rows) == [
        ("大同市工作方案一.docx", "superseded"),
        ("大同市工作方案二.docx", "accepted"),
        ("大同市活动安排一.docx", "superseded"),
        ("大同市活动安排二.docx", "accepted"),
    ]
    assert status == 1  # one row per city and form, whatever the number of current files
