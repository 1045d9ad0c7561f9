"""Ops: run metrics per step in v_run_metrics, and alert mail sent without the warehouse."""

from __future__ import annotations

import datetime as dt

from smtp_server import smtp_server_fixture  # noqa: F401
from sqlalchemy import text

from jinxiao.mail.alerts import record_step, send_alert
from jinxiao.mail.outbox import SmtpConfig
from jinxiao.normalise.values import county_table
from jinxiao.warehouse.connection import connect, migrate


def test_run_metrics_view_sums_steps_and_a_retry_overwrites(any_warehouse, campaign):
    engine = connect(any_warehouse)
    migrate(engine, campaign, county_table())
    t0 = dt.datetime(2021, 4, 23, 2, 0, tzinfo=dt.UTC)
    record_step(engine, "r1", "submission_intake", "collect", t0, 1.5, seen=12, new=5)
    record_step(engine, "r1", "submission_intake", "process", t0, 9.0, outcomes={"accepted": 1})
    # The process step retried: its row is replaced, not added.
    record_step(engine, "r1", "submission_intake", "process", t0, 4.25,
                outcomes={"accepted": 3, "rejected": 1, "quarantined": 1})  # fmt: skip
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM v_run_metrics")).mappings().one()
    assert (row["messages_seen"], row["messages_new"]) == (12, 5)
    assert (row["accepted"], row["rejected"], row["quarantined"], row["duplicate"]) == (3, 1, 1, 0)
    assert float(row["collect_seconds"]) == 1.5 and float(row["process_seconds"]) == 4.25
    assert float(row["total_seconds"]) == 5.75


def test_alert_goes_to_ops_over_real_smtp(smtp_server):
    smtp = SmtpConfig(smtp_server.host, smtp_server.port, None, None, False, False,
                      "xfc@commerce.sx.example", "ops@commerce.sx.example")  # fmt: skip
    assert send_alert("[jinxiao] 任务失败：submission_intake.collect_mail",
                      ["错误: MailboxError: 127.0.0.1:1 refused"], smtp)  # fmt: skip
    (msg,) = smtp_server.parsed()
    assert msg["To"] == "ops@commerce.sx.example"
    assert "submission_intake.collect_mail" in msg["Subject"]
    assert "127.0.0.1:1 refused" in msg.get_content()


def test_alert_without_smtp_is_logged_not_raised(caplog):
    assert send_alert("[jinxiao] 运行失败", ["原因"], None) is False
    assert "运行失败" in caplog.text
