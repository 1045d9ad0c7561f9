"""Less noise for ops (issue 14, item 5): an unknown sender's mail without a table is
`ignored`; one with a table, attached or pasted into the body, is quarantined and ops hear.

The mails are built the way their senders' clients build them: a shop's HTML newsletter laid
out with tables, spam with an image or a PDF, a clerk writing from a personal address who
attaches the workbook, pastes it from Excel into a plain-text mail, or into an HTML mail.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import MailboxConfig, open_mailbox, write_maildir_message
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs import processor as intake
from jinxiao.mail.replies import enqueue_for_result
from jinxiao.reading.locate import table_in_text
from jinxiao.samples import files as f
from jinxiao.samples.mail import build_email
from jinxiao.warehouse.connection import WarehouseConfig, connect, open_warehouse

REGISTRY_HEADER = load_campaign().tables.registry_header
RESULTS_HEADER = load_campaign().tables.results_header

CST = dt.timezone(dt.timedelta(hours=8))
OPS = "ops@commerce.sx.example"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _mail(sender: str, subject: str, plain: str | None, html: str | None = None,
          files: tuple[tuple[str, str, bytes], ...] = ()) -> bytes:  # fmt: skip
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "xfc@commerce.sx.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(dt.datetime(2021, 4, 22, 9, 0, tzinfo=CST))
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    if plain is None:  # HTML only, as some webmail sends
        msg.set_content(html or "", subtype="html")
    else:
        msg.set_content(plain)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


NEWSLETTER_HTML = """<html><body><table width="600" cellpadding="0"><tr><td>
<table><tr><td><img src="cid:logo"></td><td>华润万家 五一焕新季</td></tr></table>
<table><tr><td>活动时间：4月30日—5月5日</td><td>活动地点：太原各门店</td></tr>
<tr><td>满200减30，会员积分翻倍</td><td>参与商家超过100家</td></tr></table>
</td></tr><tr><td>退订请点击此处</td></tr></table></body></html>"""


def _pasted_registry() -> str:
    rows = ["\t".join(REGISTRY_HEADER)]
    for r in f.registry_rows("长治市", 3, seed=5):
        rows.append("\t".join("" if v is None else str(v) for v in r))
    return "省厅：\n我局活动名录如下，附件发不出去，直接贴在正文：\n\n" + "\n".join(rows) + "\n"


def _html_results() -> str:
    head = "".join(f"<th>{h}</th>" for h in RESULTS_HEADER)
    row = "".join(f"<td>{v}</td>" for v in ("潞州区", "五一消费节", "5月1日-5月5日", "120",
                                            "860.5", "12.3", "50", "31.2", ""))  # fmt: skip
    return (
        f"<html><body><p>成效表如下：</p><table><tr>{head}</tr><tr>{row}</tr></table></body></html>"
    )


CASES = {
    # subject: (raw mail, outcome expected, ops notice expected)
    "华润万家五一焕新季": (
        _mail("news@crv-mart.example", "华润万家五一焕新季", "五一焕新季，满200减30。",
              NEWSLETTER_HTML, (("logo.png", "image/png", PNG),)),
        "ignored", False,
    ),
    "发票代开": (
        _mail("kf8899@spam.example", "发票代开", "各类发票代开，详见附件。",
              files=(("说明.pdf", "application/pdf", PDF),)),
        "ignored", False,
    ),
    "中奖通知": (_mail("win@lucky.example", "中奖通知", "恭喜您获得iPhone一部，点击领取。"),
                "ignored", False),
    "长治活动名录（附件）": (
        build_email("zhangsan@163.com", "长治活动名录（附件）",
                    [("名录.xlsx", f.xlsx_bytes(f.registry_rows("长治市", 3, seed=4)))]),
        "quarantined", True,
    ),
    "长治活动名录（正文）": (_mail("zhangsan@163.com", "长治活动名录（正文）", _pasted_registry()),
                          "quarantined", True),
    "长治成效统计": (_mail("lisi@qq.example", "长治成效统计", None, _html_results()),
                   "quarantined", True),
}  # fmt: skip


def test_unknown_senders_without_a_table_are_ignored_and_ops_hear_only_of_tables(
    tmp_path: Path, campaign
):
    root = tmp_path / "Maildir"
    for n, (raw, _outcome, _notice) in enumerate(CASES.values()):
        write_maildir_message(root, raw, delivered_at=dt.datetime(2021, 4, 22, 10, n, tzinfo=CST))
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    engine = open_warehouse(wh, campaign)
    archive = Archive(tmp_path / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(root))) as box:
        intake.collect(box, engine, archive, "t")

    def on_commit(conn, result) -> None:
        enqueue_for_result(conn, result, campaign, "xfc@commerce.sx.example", OPS)

    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    intake.process(engine, archive, registry, campaign, "t", on_commit=on_commit)

    with connect(wh).connect() as conn:
        outcomes = dict(conn.execute(text("SELECT subject, outcome FROM message")).all())
        noticed = {
            r[0]
            for r in conn.execute(
                text(
                    "SELECT m.subject FROM outbox o JOIN message m ON m.message_key = o.message_key"
                    " WHERE o.kind = 'ops_notice' AND o.rcpt_to = :ops"
                ),
                {"ops": OPS},
            )
        }
        replies = conn.execute(text("SELECT COUNT(*) FROM outbox WHERE kind = 'reply'")).scalar()
    assert outcomes == {s: c[1] for s, c in CASES.items()}
    assert noticed == {s for s, c in CASES.items() if c[2]}
    assert replies == 0  # nobody unknown gets a robot answer


def test_a_table_in_text_is_its_header_row_not_prose():
    assert table_in_text(_pasted_registry()) == "registry"
    flattened = "成效表如下：\n" + "".join(RESULTS_HEADER) + "\n潞州区五一消费节…"
    assert table_in_text(flattened) == "results_may"
    # A clerk's cover letter and a shop's offer name a column or three, never a header row.
    for prose in (
        "省厅：\n附件为我市重点活动名称、举办时间及参加县区，请查收。\n市商务局",
        "活动时间：4月30日—5月5日 活动地点：太原各门店 参与商家超过100家",
        "县里的活动很多，时间安排见通知。",
        "",
    ):
        assert table_in_text(prose) is None, prose
