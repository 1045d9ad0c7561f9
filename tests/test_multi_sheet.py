"""A city that gives each county its own sheet: every sheet's rows land, each traceable to
its sheet and row, and the reply names the sheet wherever a row is meant."""

from __future__ import annotations

from email import message_from_string, policy

from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.inspect import inspect_email
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.samples import files, mail

SENDER = "swj@taiyuan.sx.example"
TITLE_ROWS = [[files.TITLE], ["填报单位：太原市商务局（盖章）"]]


def _row(county: str, name: str, firms: str = "约50家") -> list[object]:
    return [county, name, "5月1日-5月31日", "促销让利", firms, "满减", "800万元"]


XIAODIAN = [
    _row("小店区", "小店区汽车展销季"),
    _row("小店区", "亲贤商圈购物节"),
]
YINGZE = [
    _row("迎泽区", "柳巷夜经济消费季"),
    _row("迎泽区", "钟楼街老字号节", "30余家"),
]


def _xlsx(yingze: list[list[object]]) -> bytes:
    return files.xlsx_bytes(
        [*TITLE_ROWS, files.header(), *XIAODIAN],
        sheet="小店区",
        more_sheets={"迎泽区": [*TITLE_ROWS, files.header(), *yingze]},
    )


def _run(tmp_path, warehouse, yingze: list[list[object]]):
    maildir = tmp_path / "Maildir"
    raw = mail.build_email(
        SENDER, "太原市活动名录（分县区）", [("附件2 太原市.xlsx", _xlsx(yingze))]
    )
    write_maildir_message(maildir, raw, name="ty-sheets")
    settings = Settings(MailboxConfig("maildir", path=str(maildir)), warehouse,
                        DEFAULT_SENDER_REGISTRY, tmp_path / "out", tmp_path / "archive")  # fmt: skip
    collect_mail(settings, "t")
    process_messages(settings, "t")
    engine = open_warehouse(settings)
    with engine.connect() as conn:
        raw_reply = conn.execute(text("SELECT raw_message FROM outbox")).scalar_one()
    reply = message_from_string(raw_reply, policy=policy.default)
    return engine, reply.get_body(("plain",)).get_content()


def test_each_county_sheet_is_loaded_with_its_own_rows_and_counties(tmp_path, any_warehouse):
    engine, reply = _run(tmp_path, any_warehouse, YINGZE)
    with engine.connect() as conn:
        outcome = conn.execute(text("SELECT outcome FROM message")).scalar_one()
        rows = conn.execute(
            text(
                "SELECT a.sheet, a.excel_row, a.activity_name, c.county_name FROM activity a "
                "JOIN activity_county c ON c.activity_id = a.activity_id "
                "ORDER BY a.activity_id"
            )
        ).all()
    assert outcome == "accepted"
    # Both sheets have rows 4 and 5: the county of each is still its own.
    assert [tuple(r) for r in rows] == [
        ("小店区", 4, "小店区汽车展销季", "小店区"),
        ("小店区", 5, "亲贤商圈购物节", "小店区"),
        ("迎泽区", 4, "柳巷夜经济消费季", "迎泽区"),
        ("迎泽区", 5, "钟楼街老字号节", "迎泽区"),
    ]
    assert "入库4行数据（工作表“小店区”第4行至第5行、工作表“迎泽区”第4行至第5行）" in reply
    assert "已合并工作表“迎泽区”第4行至第5行的2行数据" in reply


def test_an_error_on_the_second_sheet_names_that_sheet(tmp_path, sqlite_warehouse):
    bad = [YINGZE[0], _row("开发区", "钟楼街老字号节")]
    engine, reply = _run(tmp_path, sqlite_warehouse, bad)
    with engine.connect() as conn:
        outcome, reason, detail = conn.execute(
            text("SELECT outcome, reason_class, reason_detail FROM message")
        ).one()
        problem = conn.execute(
            text("SELECT sheet, excel_row, message_zh FROM problem WHERE severity = 'error'")
        ).one()
        loaded = conn.execute(text("SELECT sheet, excel_row FROM activity")).all()
        held = conn.execute(text("SELECT sheet, excel_row, raw_value FROM v_held_row")).one()
    # The bad row alone is held; the other three rows of both sheets are taken.
    assert (outcome, reason) == ("accepted", "rows_held")
    assert sorted(map(tuple, loaded)) == [("小店区", 4), ("小店区", 5), ("迎泽区", 4)]
    assert tuple(held) == ("迎泽区", 5, "开发区")
    assert problem.sheet == "迎泽区" and problem.excel_row == 5
    assert problem.message_zh.startswith("工作表“迎泽区”第5行“参加县区”中的“开发区”")
    assert "工作表“迎泽区”第5行“参加县区”中的“开发区”" in detail
    assert "工作表“迎泽区”第5行，“参加县区”列，填写内容：“开发区”" in reply
    assert "入库3行数据（工作表“小店区”第4行至第5行；工作表“迎泽区”第4行）" in reply


def test_a_word_file_with_a_table_per_county_names_its_tables_not_sheets(tmp_path):
    def table(rows: list[list[object]]) -> list[list[str | None]]:
        return [files.header(), *([None if v is None else str(v) for v in r] for r in rows)]

    payload = files.docx_bytes(
        ["太原市2021年全国消费促进月重点活动名录"],
        [table(XIAODIAN), table([YINGZE[0], _row("开发区", "钟楼街老字号节")])],
    )
    raw = mail.build_email(SENDER, "太原市活动名录", [("太原市活动名录.docx", payload)])
    got = inspect_email(raw)
    assert (got["outcome"], got["reason_class"]) == ("accepted", "rows_held")
    (sub,) = got["submissions"]
    assert sub["form"] == "registry"
    assert any(e.startswith("表格“表2”第3行“参加县区”中的“开发区”") for e in sub["errors"])
    assert [(h["sheet"], h["excel_row"]) for h in sub["held"]] == [("表2", 3)]
    assert "已合并表格“表2”第2行至第3行的2行数据。" in sub["warnings"]
