"""The outbox against a real SMTP server: exactly once across reruns, retries after 451,
give-up after a cap or a 550, a dead run's claim taken over (one sender at a time), and the
Airflow connection."""

from __future__ import annotations

import datetime as dt
import email.utils
from email.message import EmailMessage

import pytest
from smtp_server import smtp_server_fixture  # noqa: F401 - provides `smtp_server`
from sqlalchemy import text

from jinxiao.domain.times import to_db_time
from jinxiao.mail.outbox import (
    SmtpConfig,
    enqueue,
    message_id_for,
    outbox_status,
    send_pending,
    smtp_config_from_conn,
)
from jinxiao.normalise.values import county_table
from jinxiao.warehouse.connection import connect, migrate, outbox_lock

PROVINCE = "sxswt_xfcj@163.com"
CITIES = {"太原市": "tysswj_scyxk@163.com", "大同市": "dtsw_ltk@126.com", "阳泉市": "yqswj@163.com"}


def _engine(cfg, campaign):
    eng = connect(cfg)
    migrate(eng, campaign, county_table())
    return eng


def _mail(key: str, city: str, to: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = PROVINCE
    msg["To"] = to
    msg["Subject"] = f"【报送提醒】请于2021年4月23日前报送“附件2 活动名录”（{city}）"
    msg["Date"] = email.utils.format_datetime(dt.datetime(2021, 4, 20, 8, 0, tzinfo=dt.UTC))
    msg["Message-ID"] = f"<{message_id_for(key, PROVINCE)}>"
    msg.set_content(f"{city}商务局：\n\n请按时报送活动名录。\n", charset="utf-8", cte="base64")
    return msg


def _fill(engine) -> list[str]:
    keys = []
    with engine.begin() as conn:
        for city, addr in CITIES.items():
            key = f"remind:{city}:registry:before3:2021-04-20"
            assert enqueue(conn, key, _mail(key, city, addr), city_name=city, form="registry")
            keys.append(key)
    return keys


def _smtp(server) -> SmtpConfig:
    return SmtpConfig(server.host, server.port, None, None, False, False, PROVINCE, None)


def _rows(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT dedupe_key, status, attempts, last_error, sent_at, kind FROM outbox")
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def test_each_row_is_sent_exactly_once_across_two_runs(sqlite_warehouse, campaign, smtp_server):
    engine = _engine(sqlite_warehouse, campaign)
    keys = _fill(engine)

    first = send_pending(engine, _smtp(smtp_server))
    second = send_pending(engine, _smtp(smtp_server))

    assert first.sent == keys and first.ok
    assert second.sent == [] and second.retry == [] and second.failed == []
    assert [m.rcpt_tos for m in smtp_server.messages] == [(a,) for a in CITIES.values()]
    parsed = smtp_server.parsed()
    assert parsed[0]["Subject"] == "【报送提醒】请于2021年4月23日前报送“附件2 活动名录”（太原市）"
    assert parsed[1].get_body(("plain",)).get_content().startswith("大同市商务局：")
    assert parsed[0]["Message-ID"] == f"<{message_id_for(keys[0], PROVINCE)}>"
    rows = _rows(engine)
    assert all(r[0] == "sent" and r[1] == 1 and r[3] for r in rows.values())
    assert rows[keys[0]][4] == "remind"  # kind defaults to the key's prefix


def test_enqueue_twice_is_a_no_op(sqlite_warehouse, campaign):
    engine = _engine(sqlite_warehouse, campaign)
    key = "reply:3f7a9c"
    with engine.begin() as conn:
        assert enqueue(conn, key, _mail(key, "太原市", CITIES["太原市"]), "reply")
        changed = _mail(key, "太原市", "other@163.com")
        assert not enqueue(conn, key, changed, "reply")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT rcpt_to FROM outbox")).scalars().all() == [
            CITIES["太原市"]
        ]


def test_temporary_refusal_is_retried_next_run(sqlite_warehouse, campaign, smtp_server):
    engine = _engine(sqlite_warehouse, campaign)
    keys = _fill(engine)
    smtp_server.fail_next(1)

    first = send_pending(engine, _smtp(smtp_server))

    assert first.retry == keys[:1] and first.sent == keys[1:]
    status, attempts, error, sent_at, _ = _rows(engine)[keys[0]]
    assert (status, attempts, sent_at) == ("pending", 1, None)
    assert error.startswith("451") and "Try again later" in error

    second = send_pending(engine, _smtp(smtp_server))

    assert second.sent == keys[:1]
    assert _rows(engine)[keys[0]][:3] == ("sent", 2, None)
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == sorted(CITIES.values())


def test_attempts_are_capped_then_failed(sqlite_warehouse, campaign, smtp_server):
    engine = _engine(sqlite_warehouse, campaign)
    key = "reply:abc"
    with engine.begin() as conn:
        enqueue(conn, key, _mail(key, "太原市", CITIES["太原市"]))
    smtp_server.fail_next(10)

    assert send_pending(engine, _smtp(smtp_server), max_attempts=2).retry == [key]
    report = send_pending(engine, _smtp(smtp_server), max_attempts=2)
    third = send_pending(engine, _smtp(smtp_server), max_attempts=2)

    assert [k for k, _ in report.failed] == [key] and not report.ok
    assert third.sent == third.retry == third.failed == []
    assert _rows(engine)[key][:2] == ("failed", 2)
    assert smtp_server.handler.data_commands == 2 and smtp_server.messages == []


def test_permanent_refusal_fails_at_once(sqlite_warehouse, campaign, smtp_server):
    engine = _engine(sqlite_warehouse, campaign)
    keys = _fill(engine)
    smtp_server.refuse(CITIES["大同市"])

    report = send_pending(engine, _smtp(smtp_server))

    assert report.sent == [keys[0], keys[2]]
    assert report.failed[0][0] == keys[1] and report.failed[0][1].startswith(
        "dtsw_ltk@126.com: 550"
    )
    assert outbox_status(engine) == {"sent": 2, "failed": 1}


def test_dead_runs_claim_is_taken_over_at_once_but_a_live_sender_is_left_alone(
    sqlite_warehouse, campaign, smtp_server
):
    engine = _engine(sqlite_warehouse, campaign)
    keys = _fill(engine)
    # A run claimed the first row a moment ago and died before the server took it.
    just_now = to_db_time(dt.datetime.now(dt.UTC))
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE outbox SET status = 'sending', attempts = 1, claimed_at = :c "
                "WHERE dedupe_key = :k"
            ),
            {"c": just_now, "k": keys[0]},
        )

    # While another run is sending (it holds the outbox lock), this one touches nothing.
    with outbox_lock(engine, wait_seconds=0):
        busy = send_pending(engine, _smtp(smtp_server), wait_seconds=0.6)
    assert busy.sent == [] and smtp_server.messages == []
    assert _rows(engine)[keys[0]][:2] == ("sending", 1)

    # No sender alive: the claim is a dead run's, taken again now, not half an hour later.
    report = send_pending(engine, _smtp(smtp_server))

    assert report.sent == keys
    assert _rows(engine)[keys[0]][:2] == ("sent", 2)
    # The resend repeats the Message-ID, so a double delivery is recognisable.
    assert smtp_server.parsed()[0]["Message-ID"] == f"<{message_id_for(keys[0], PROVINCE)}>"


def test_unreachable_server_costs_no_attempt(sqlite_warehouse, campaign, smtp_server):
    engine = _engine(sqlite_warehouse, campaign)
    keys = _fill(engine)
    dead = SmtpConfig("127.0.0.1", 1, None, None, False, False, PROVINCE, None, timeout=2)

    report = send_pending(engine, dead)

    assert report.connect_error and not report.ok and report.sent == []
    assert all(r[:2] == ("pending", 0) for r in _rows(engine).values())
    assert send_pending(engine, _smtp(smtp_server)).sent == keys


def test_smtp_config_follows_the_airflow_provider_extras():
    ssl_cfg = smtp_config_from_conn(
        "smtp", "smtp.163.com", 465, "sxswt_xfcj@163.com", "authcode",
        {"from_email": PROVINCE, "ops_email": "ops@sxswt.gov.cn", "timeout": 20},
    )  # fmt: skip
    assert ssl_cfg == SmtpConfig(
        "smtp.163.com", 465, "sxswt_xfcj@163.com", "authcode", True, False, PROVINCE,
        "ops@sxswt.gov.cn", 20.0,
    )  # fmt: skip
    plain = smtp_config_from_conn(
        "smtp", "127.0.0.1", 1025, None, None,
        '{"from_email": "jx@example.org", "disable_ssl": "true", "disable_tls": true}',
    )  # fmt: skip
    assert (plain.use_ssl, plain.starttls, plain.login, plain.ops_addr) == (
        False, False, None, None,
    )  # fmt: skip
    starttls = smtp_config_from_conn(
        "smtp", "mail.sxswt.gov.cn", 587, "u", "p",
        {"from_email": PROVINCE, "disable_ssl": True, "disable_tls": "false"},
    )  # fmt: skip
    assert (starttls.use_ssl, starttls.starttls) == (False, True)
    with pytest.raises(ValueError, match="from_email"):
        smtp_config_from_conn("smtp", "h", 25, None, None, {})


def test_exactly_once_on_postgresql(pg_warehouse, campaign, smtp_server):
    engine = _engine(pg_warehouse, campaign)
    keys = _fill(engine)
    smtp_server.fail_next(1)

    first = send_pending(engine, _smtp(smtp_server))
    second = send_pending(engine, _smtp(smtp_server))
    third = send_pending(engine, _smtp(smtp_server))

    assert first.retry == keys[:1] and first.sent == keys[1:]
    assert second.sent == keys[:1] and third.sent == []
    assert len(smtp_server.messages) == 3
    assert outbox_status(engine) == {"sent": 3}
    engine.dispose()
