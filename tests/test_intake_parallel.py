"""Worker processes change how fast a batch goes, never what it decides."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import text

from jinxiao import intake
from jinxiao.archive import Archive
from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.demo import demo_mails
from jinxiao.identify import load_sender_registry
from jinxiao.mailbox import MailboxConfig, open_mailbox, write_maildir_message
from jinxiao.normalise_values import county_table
from jinxiao.warehouse import WarehouseConfig, connect, migrate

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


def _run(root, maildir, campaign) -> dict[str, list[tuple]]:
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


def test_the_demo_season_ends_the_same_inline_and_over_worker_processes(
    tmp_path, campaign, monkeypatch
):
    maildir = tmp_path / "Maildir"
    mails = demo_mails()
    for mail in mails:
        write_maildir_message(maildir, mail.build(), name=mail.name)
    assert len(mails) >= intake.PARALLEL_MIN
    with intake.executor_for(len(mails)) as executor:
        assert isinstance(executor, ProcessPoolExecutor)

    (tmp_path / "pool").mkdir()
    over_pool = _run(tmp_path / "pool", maildir, campaign)
    monkeypatch.setattr(intake, "PARALLEL_MIN", len(mails) + 1)
    with intake.executor_for(len(mails)) as executor:
        assert isinstance(executor, intake.InlineExecutor)
    (tmp_path / "inline").mkdir()
    inline = _run(tmp_path / "inline", maildir, campaign)

    assert len(inline["messages"]) == len(mails)
    assert {m[2] for m in inline["messages"]} >= {"accepted", "rejected", "duplicate"}
    assert len(inline["activities"]) > 50
    for key in _DECIDED:
        assert over_pool[key] == inline[key], key
