"""submission_intake end to end with dag.test(): Dovecot + PostgreSQL, and Maildir + SQLite.

Each runs the real DAG twice and checks that the second run changes nothing: not the
warehouse, not the outcomes, not the IMAP flags.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from jinxiao.intake.mailbox import write_maildir_message
from jinxiao.jobs.demo import demo_mails
from jinxiao.samples.mail import delivery_time, stamped
from jinxiao.warehouse.connection import connect

REPO = Path(__file__).resolve().parents[1]
# A cross-section of the demo: clean, partly accepted, quarantined, duplicate, forwarded,
# ignored.
PICK = [
    "01-taiyuan-registry",
    "07-shuozhou-held",
    "11-yuncheng-registry",
    "12-yuncheng-redelivered",
    "16-linfen-forwarded",
    "20-unknown-sender",
    "21-taiyuan-question",
    "04-yangquan-registry",
]
EXPECTED = {
    ("太原市", "registry", "accepted"),
    ("朔州市", "registry", "accepted"),
    ("运城市", "registry", "accepted"),
    ("运城市", None, "duplicate"),
    ("临汾市", "registry", "accepted"),
    (None, None, "quarantined"),
    ("太原市", None, "ignored"),
    ("阳泉市", "registry", "accepted"),
}
TABLES = [
    "message",
    "mailbox_ref",
    "submission",
    "activity",
    "activity_county",
    "problem",
    "outbox",
]


def _mails() -> list[tuple[str, bytes]]:
    by_name = {m.name: m for m in demo_mails()}
    return [(name, by_name[name].build()) for name in PICK]


def _warehouse_conn(cfg) -> str:
    if cfg.kind == "sqlite":
        return json.dumps({"conn_type": "sqlite", "host": cfg.path})
    return json.dumps(
        {"conn_type": "postgres", "host": cfg.host, "port": cfg.port, "login": cfg.login,
         "password": "", "schema": cfg.database}
    )  # fmt: skip


def _run_intake(monkeypatch, tmp_path: Path, mailbox_conn: str, warehouse) -> None:
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("AIRFLOW_CONN_SUBMISSION_MAILBOX", mailbox_conn)
    monkeypatch.setenv("AIRFLOW_CONN_WAREHOUSE", _warehouse_conn(warehouse))
    monkeypatch.setenv("AIRFLOW_VAR_SENDER_REGISTRY", str(REPO / "config" / "senders.csv"))
    monkeypatch.setenv("ARCHIVE_DIR", str(tmp_path / "archive"))
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path / "output"))
    dag = DagBag(dag_folder=str(REPO / "dags" / "submission_intake.py")).get_dag(
        "submission_intake"
    )
    run = dag.test()
    assert str(run.state).endswith("success"), f"submission_intake ended {run.state}"


def _snapshot(warehouse) -> tuple[dict[str, int], list[tuple]]:
    engine = connect(warehouse)
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in TABLES}
        rows = conn.execute(
            text(
                "SELECT city_name, form, outcome, reason_class, reason_detail, message_id "
                "FROM v_submission ORDER BY message_id, filename"
            )
        ).all()
    engine.dispose()
    return counts, [tuple(r) for r in rows]


def _check_views(warehouse) -> None:
    counts, rows = _snapshot(warehouse)
    assert {(r[0], r[1], r[2]) for r in rows} == EXPECTED
    assert counts["message"] == len(PICK)
    reasons = {r[0]: (r[3], r[4]) for r in rows if r[2] == "accepted"}
    assert reasons["朔州市"][0] == "rows_held"
    assert "开发区" in reasons["朔州市"][1] and "第5行" in reasons["朔州市"][1]
    engine = connect(warehouse)
    with engine.connect() as conn:
        cities = {
            r[0]: r[1]
            for r in conn.execute(text("SELECT city_name, activities FROM v_city_summary"))
        }
        status = dict(
            conn.execute(
                text("SELECT city_name, status FROM v_city_status WHERE form = 'registry'")
            ).all()
        )
        trace = conn.execute(
            text(
                "SELECT m.archive_path, s.filename, a.sheet, a.excel_row, a.activity_name_raw "
                "FROM activity a JOIN submission s ON s.submission_id = a.submission_id "
                "JOIN message m ON m.message_key = a.message_key "
                "WHERE a.city_name = '太原市' ORDER BY a.excel_row LIMIT 1"
            )
        ).one()
    engine.dispose()
    # 朔州: the 3 readable rows are taken, the 2 held ones are in no total.
    assert cities["太原市"] == 8 and cities["朔州市"] == 3 and cities["阳泉市"] == 7
    assert status["太原市"] == "on_time" and status["朔州市"] == "on_time"
    # Every loaded value traces back to the archived email, the file, the sheet and the row.
    assert Path(trace[0]).is_file() and trace[1].endswith(".xlsx") and trace[3] == 4


def test_intake_on_imap_and_postgresql(
    monkeypatch, tmp_path, airflow_db, imap_account, pg_warehouse
):
    # On IMAP senders must be vouched for (sender_auth defaults to require): each mail
    # carries the receiving server's own Authentication-Results, as in production.
    for _name, raw in _mails():
        imap_account.append(stamped(raw, "mx.test.example"), date=delivery_time(raw))
    flags_before = imap_account.flags()
    conn = json.dumps(
        {"conn_type": "imap", "host": imap_account.host, "port": imap_account.port,
         "login": imap_account.user, "password": imap_account.password,
         "extra": {"use_ssl": False, "folder": "INBOX", "authserv_id": "mx.test.example"}}
    )  # fmt: skip
    _run_intake(monkeypatch, tmp_path, conn, pg_warehouse)
    _check_views(pg_warehouse)
    first = _snapshot(pg_warehouse)
    assert imap_account.flags() == flags_before  # read with BODY.PEEK: no \\Seen

    _run_intake(monkeypatch, tmp_path, conn, pg_warehouse)
    assert _snapshot(pg_warehouse) == first
    assert imap_account.flags() == flags_before


def test_intake_on_maildir_and_sqlite(monkeypatch, tmp_path, airflow_db, sqlite_warehouse):
    maildir = tmp_path / "Maildir"
    for name, raw in _mails():
        write_maildir_message(maildir, raw, name=f"{int(delivery_time(raw).timestamp())}.{name}")
    listing = sorted(p.name for p in maildir.rglob("*") if p.is_file())
    conn = json.dumps({"conn_type": "fs", "extra": {"path": str(maildir)}})
    _run_intake(monkeypatch, tmp_path, conn, sqlite_warehouse)
    _check_views(sqlite_warehouse)
    first = _snapshot(sqlite_warehouse)
    engine = connect(sqlite_warehouse)
    with engine.connect() as c:
        metrics = c.execute(text("SELECT * FROM v_run_metrics")).mappings().one()
    engine.dispose()
    assert metrics["messages_seen"] == metrics["messages_new"] == len(PICK)
    assert metrics["accepted"] == 5 and metrics["quarantined"] == 1

    _run_intake(monkeypatch, tmp_path, conn, sqlite_warehouse)
    assert _snapshot(sqlite_warehouse) == first
    # Nothing renamed or flagged in the Maildir either.
    assert sorted(p.name for p in maildir.rglob("*") if p.is_file()) == listing


@pytest.mark.parametrize("late_copy", [False, True])
def test_crashed_run_leaves_messages_for_the_next(tmp_path, sqlite_warehouse, campaign, late_copy):
    """Archived and recorded but not processed (a crash): the next process() finishes them."""
    from jinxiao.config import DEFAULT_SENDER_REGISTRY
    from jinxiao.intake.archive import Archive
    from jinxiao.intake.mailbox import MailboxConfig, open_mailbox
    from jinxiao.intake.senders import load_sender_registry
    from jinxiao.jobs import processor as intake
    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse import load
    from jinxiao.warehouse.connection import migrate

    maildir = tmp_path / "Maildir"
    for name, raw in _mails()[:3]:
        write_maildir_message(maildir, raw, name=f"{int(delivery_time(raw).timestamp())}.{name}")
    engine = connect(sqlite_warehouse)
    migrate(engine, campaign, county_table())
    archive = Archive(tmp_path / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
        stats = intake.collect(mb, engine, archive, "run-1")
    assert stats.new == 3 and len(load.pending_messages(engine)) == 3
    if late_copy:  # the crashed run is followed by a poll that sees the same mail again
        with open_mailbox(MailboxConfig("maildir", path=str(maildir))) as mb:
            assert intake.collect(mb, engine, archive, "run-2").new == 0
    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    done = intake.process(engine, archive, registry, campaign, "run-3")
    assert done.processed == 3 and load.pending_messages(engine) == []
    with engine.connect() as conn:
        outcomes = conn.execute(text("SELECT COUNT(*) FROM message WHERE outcome IS NULL"))
        assert outcomes.scalar() == 0
