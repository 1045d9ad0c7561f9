"""Data Docs are built from the warehouse's current rows, warnings shown, into the output folder."""

from __future__ import annotations

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.mailbox import MailboxConfig
from jinxiao.jobs.demo import deliver, demo_mails
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.validate.data_docs import build_data_docs


def test_data_docs_from_demo_rows(tmp_path, sqlite_warehouse, campaign):
    maildir = tmp_path / "Maildir"
    wanted = {"01-taiyuan-registry", "04-yangquan-registry", "23-taiyuan-results-may"}
    for mail in demo_mails():
        if mail.name in wanted:
            deliver(maildir, mail)
    settings = Settings(MailboxConfig("maildir", path=str(maildir)), sqlite_warehouse,
                        DEFAULT_SENDER_REGISTRY, tmp_path / "out", tmp_path / "archive")  # fmt: skip
    collect_mail(settings, "t")
    assert process_messages(settings, "t") == {"accepted": 3}
    index = build_data_docs(open_warehouse(settings), campaign, tmp_path / "out" / "docs")
    html = index.read_text(encoding="utf-8")
    assert index.is_file() and "registry" in html and "results" in html
    pages = list((tmp_path / "out" / "docs" / "validations").rglob("*.html"))
    assert len(pages) == 2
    # The page renders the suite's rules over the 15 current registry rows.
    registry_page = next(p for p in pages if "registry" in str(p)).read_text(encoding="utf-8")
    assert registry_page.count("values must never be null") >= 4
    assert "activity_name" in registry_page and "est_turnover_wan" in registry_page
