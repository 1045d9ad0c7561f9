"""The province clerk sends a file back to its city from the 待核实 queue (issue 12).

The mail goes through the outbox like every reply: threaded to the city's message, in Chinese,
naming the file and each row still held (sheet, Excel row, column, what was written, why),
with the clerk's note saying what to do.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy import Engine, text

from jinxiao.config import Campaign
from jinxiao.mail.outbox import enqueue, message_id_for
from jinxiao.mail.replies import reply_subject


def _held_lines(conn, submission_id: int) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT h.sheet, h.excel_row, c.column_name, c.raw_value, c.problem_zh "
            "FROM held_row h JOIN held_cell c ON c.held_row_id = h.held_row_id "
            "WHERE h.submission_id = :s AND h.status = 'held' ORDER BY h.held_row_id, c.position"
        ),
        {"s": submission_id},
    ).all()
    return [
        f"  - 工作表“{sheet}”第{row}行“{col}”填写“{raw if raw is not None else '（空白）'}”：{why}"
        for sheet, row, col, raw, why in rows
    ]


def compose_send_back(
    engine: Engine, submission_id: int, note: str, campaign: Campaign, from_addr: str
) -> tuple[str, EmailMessage]:
    """(outbox key, the mail) returning a file to the city that sent it."""
    with engine.connect() as conn:
        sub = conn.execute(
            text(
                "SELECT s.filename, s.city_name, m.sender, m.sender_name, m.subject, "
                "m.message_id, (SELECT COUNT(*) FROM resolution r WHERE r.submission_id = "
                "s.submission_id AND r.kind = 'send_back') AS n "
                "FROM submission s JOIN message m ON m.message_key = s.message_key "
                "WHERE s.submission_id = :s"
            ),
            {"s": submission_id},
        ).one()
        held = _held_lines(conn, submission_id)
    key = f"reply:sendback:{submission_id}:{sub.n}"
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = Address(sub.sender_name or "", addr_spec=sub.sender)
    msg["Subject"] = reply_subject(sub.subject)
    msg["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    msg["Message-ID"] = f"<{message_id_for(key, from_addr)}>"
    msg["X-Jinxiao-Key"] = key
    msg["Auto-Submitted"] = "auto-replied"
    if sub.message_id:
        msg["In-Reply-To"] = msg["References"] = f"<{sub.message_id}>"
    lines = [
        f"{campaign.office_of(sub.city_name)}：",
        "",
        f"你{campaign.wording.unit}报送的《{sub.filename}》经{campaign.organiser}核实，需要更正后重新发送：",
        "",
        note,
        "",
        *(["待更正的行（暂未计入汇总）：", *held, ""] if held else []),
        "请按上述说明修改该文件后回复本邮件，发送修改后的完整表格；新文件收到后将替代原文件。",
        "",
        campaign.organiser,
    ]
    msg.set_content("\n".join(lines) + "\n", charset="utf-8", cte="base64")
    return key, msg


def queue_send_back(
    engine: Engine, submission_id: int, note: str, campaign: Campaign, from_addr: str
) -> str:
    """Compose and enqueue the send-back mail; its outbox key."""
    key, msg = compose_send_back(engine, submission_id, note, campaign, from_addr)
    with engine.begin() as conn:
        city = conn.execute(
            text("SELECT message_key, city_name, form FROM submission WHERE submission_id = :s"),
            {"s": submission_id},
        ).one()
        enqueue(conn, key, msg, "reply", message_key=city[0], city_name=city[1], form=city[2])
    return key
