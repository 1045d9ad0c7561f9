"""Mail a city clerk reads once and knows what to do (issue 13, items 7-11), through the real
pipeline: a Maildir, the processor, the outbox and a real SMTP server.

7. a question is answered by a person: ops are told, the city hears "已收到" once a day,
   the tracker lists it under 待回复; auto-replies stay ignored;
8. every warning reaches the city, naming sheet, Excel row and column;
9. a wrong county is answered with the city's own counties;
11. a reply says 逾期, which version it replaces (以此为准) and which rows are held.
"""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from smtp_server import smtp_server_fixture  # noqa: F401 - provides `smtp_server`
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.domain.models import Problem
from jinxiao.intake.archive import Archive
from jinxiao.intake.mailbox import MailboxConfig, open_mailbox, write_maildir_message
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs import processor as intake
from jinxiao.mail.outbox import SmtpConfig, send_pending
from jinxiao.mail.replies import enqueue_for_result
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.tracker.questions import mark_answered, open_questions
from jinxiao.warehouse.connection import WarehouseConfig, open_warehouse

CST = dt.timezone(dt.timedelta(hours=8))
PROVINCE = "xfc@commerce.sx.example"
OPS = "ops@commerce.sx.example"
TAIYUAN = "swj@taiyuan.sx.example"
SHUOZHOU = "swj@shuozhou.sx.example"
XINZHOU = "swj@xinzhou.sx.example"
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
HEADER = ["参加县区", "重点活动名称", "举办时间", "活动内容（简要概述）", "参与企业数量",
          "支持政策及优惠举措", "预估成效（成交额等）"]  # fmt: skip


def _mail(sender: str, subject: str, when: dt.datetime, body: str = "省厅：\n请查收。",
          files: tuple[tuple[str, bytes], ...] = (), headers: dict[str, str] | None = None,
          ) -> bytes:  # fmt: skip
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, PROVINCE, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    for name, data in files:
        msg.add_attachment(data, maintype=XLSX[0], subtype=XLSX[1], filename=name)
    return msg.as_bytes()


def _registry(rows: list[list[object]], title: str = "朔州市") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["附件2"])
    ws.append([f"{title}2021年全国消费促进月活动名录"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


SHUOZHOU_ROWS = [
    ["朔城区", "汽车节", "5月1日-5月5日", "车展", None, "补贴", "5000万元"],  # row 4: blank count
    ["怀仁市", "夜市", "5月1日-5月31日", "夜市", "30", "补贴", "/"],  # row 5: "/" amount
    ["应县", "家电节", "5月1日-5月5日", "家电", "40", "补贴", "3000"],  # row 6: no unit
    ["右玉县", "美食节", "5月1日-5月5日", "餐饮", "20", "补贴", "90000000万元"],  # 7: outlier
    ["小店区", "美食节2", "5月1日-5月5日", "餐饮", "20", "补贴", "900万元"],  # 8: 太原's county
]


def _run(tmp_path: Path, campaign, mails: list[tuple[bytes, dt.datetime]]):
    root = tmp_path / "Maildir"
    for raw, when in mails:
        write_maildir_message(root, raw, delivered_at=when)
    wh = WarehouseConfig("sqlite", path=str(tmp_path / "w.db"))
    engine = open_warehouse(wh, campaign)
    archive = Archive(tmp_path / "archive")
    with open_mailbox(MailboxConfig("maildir", path=str(root))) as box:
        intake.collect(box, engine, archive, "t")

    def on_commit(conn, result) -> None:
        enqueue_for_result(conn, result, campaign, PROVINCE, OPS)

    registry = load_sender_registry(DEFAULT_SENDER_REGISTRY, campaign)
    intake.process(engine, archive, registry, campaign, "t", on_commit=on_commit)
    return engine


def _sent(engine, smtp_server):
    cfg = SmtpConfig(smtp_server.host, smtp_server.port, None, None, False, False, PROVINCE, OPS)
    report = send_pending(engine, cfg)
    assert report.ok
    return [m.parsed() for m in smtp_server.messages]


def _text(msg) -> str:
    return msg.get_body(("plain",)).get_content()


@pytest.mark.integration  # a whole intake run, with SMTP
def test_a_question_is_answered_by_a_person_and_auto_replies_stay_ignored(
    tmp_path, campaign, smtp_server
):
    day1 = dt.datetime(2021, 4, 26, 10, 0, tzinfo=CST)
    day2 = dt.datetime(2021, 4, 27, 9, 0, tzinfo=CST)
    mails = [
        (_mail(TAIYUAN, "请问结果统计模板什么时候下发？", day1,
               "省厅：\n    请问5月成效统计模板什么时候下发？谢谢。\n> 旧邮件引用"), day1),
        # A second question the same morning, in another thread: no second robot mail.
        (_mail(TAIYUAN, "关于县区名称的问题", day1 + dt.timedelta(hours=1)),
         day1 + dt.timedelta(hours=1)),
        (_mail(TAIYUAN, "再问模板", day2), day2),
        # Machine mail from a registered address: no question, no answer, no notice.
        (_mail(TAIYUAN, "自动回复：我已休假", day1, headers={"Auto-Submitted": "auto-replied"}),
         day1 + dt.timedelta(minutes=5)),
        (_mail(TAIYUAN, "Out of office", day1, headers={"X-Autoreply": "yes"}),
         day1 + dt.timedelta(minutes=6)),
        (_mail(TAIYUAN, "自动回复：收到", day1), day1 + dt.timedelta(minutes=7)),
    ]  # fmt: skip
    engine = _run(tmp_path, campaign, mails)
    sent = _sent(engine, smtp_server)

    with engine.connect() as conn:
        outcomes = dict(conn.execute(text("SELECT subject, outcome FROM message")).all())
        questions = conn.execute(text("SELECT subject FROM question ORDER BY received_at")).all()
        shown = conn.execute(
            text("SELECT outcome, reason_class, reason_detail FROM v_submission "
                 "WHERE city_name = '太原市'")
        ).all()  # fmt: skip
    assert set(outcomes.values()) == {"ignored"}
    assert [q[0] for q in questions] == ["请问结果统计模板什么时候下发？", "关于县区名称的问题",
                                         "再问模板"]  # fmt: skip
    # CONTRACT §3: ignored carries no reason_class; the detail says what happened.
    assert {r[1] for r in shown} == {None}
    to_city = [m for m in sent if m["To"].addresses[0].addr_spec == TAIYUAN]
    to_ops = [m for m in sent if m["To"] == OPS]
    # One acknowledgement per sender and day (04-26 and 04-27), threaded, nothing else.
    assert [str(m["Subject"]) for m in to_city] == [
        "回复：请问结果统计模板什么时候下发？", "回复：再问模板",
    ]  # fmt: skip
    for m in to_city:
        assert "已收到，将由工作人员回复。" in _text(m)
        assert "未作为报送处理" not in _text(m) and m["In-Reply-To"]
    assert sorted(str(m["Subject"]) for m in to_ops) == sorted(
        f"【待回复】太原市来信：{q[0]}" for q in questions
    )
    first = next(m for m in to_ops if "模板什么时候" in str(m["Subject"]))
    assert "请问5月成效统计模板什么时候下发？谢谢。" in _text(first)
    assert "旧邮件引用" not in _text(first) and "jinxiao answered " in _text(first)

    # The tracker's 待回复 lists the three until staff mark one answered.
    app = create_app(lambda: TrackerSource(engine), campaign=campaign)
    page = TestClient(app).get("/", params={"as_of": "2021-04-28"}).text
    assert '待回复<span class="muted">（3）</span>' in page
    assert page.count("data-question=") == 3 and "关于县区名称的问题" in page
    key = open_questions(engine)[0].message_key
    assert mark_answered(engine, key[:12], "王丽") == [key]
    assert mark_answered(engine, key) == []  # answered already
    page = TestClient(app).get("/", params={"as_of": "2021-04-28"}).text
    waiting = page.split('id="questions"', 1)[1].split("未归入表格的邮件和文件", 1)[0]
    assert waiting.count("data-question=") == 2 and "请问结果统计模板" not in waiting


@pytest.mark.integration  # a whole intake run, with SMTP
def test_every_warning_reaches_the_city_with_sheet_row_and_column(
    tmp_path, campaign, smtp_server, monkeypatch
):
    # The plausibility hook's interface: a warning it returns is listed like the others.
    def implausible(table, form):
        return [Problem("warning", "turnover_per_enterprise",
                        "第5行“参与企业数量”为“30”，与成交额对照明显偏离，请核实。",
                        5, "参与企业数量", "Sheet1", "enterprise_count")]  # fmt: skip

    monkeypatch.setattr(intake, "row_warnings", implausible)
    when = dt.datetime(2021, 4, 22, 9, 0, tzinfo=CST)
    raw = _mail(SHUOZHOU, "朔州市活动名录", when, files=(("名录.xlsx", _registry(SHUOZHOU_ROWS)),))
    engine = _run(tmp_path, campaign, [(raw, when)])
    (reply,) = _sent(engine, smtp_server)
    body = _text(reply)

    assert "结果：部分采用，入库4行数据" in body and "另有1行待核实" in body
    for line in (
        "工作表“Sheet1”第4行“参与企业数量”未填写具体数字（空白、“/”“不详”等），汇总时按未知处理",
        "工作表“Sheet1”第5行“预估成效（成交额等）”未填写具体金额",
        "工作表“Sheet1”第5行“参与企业数量”为“30”，与成交额对照明显偏离，请核实。",
        "工作表“Sheet1”第6行“预估成效（成交额等）”：“3000”未写单位，已按万元计。",
        "工作表“Sheet1”第7行“预估成效（成交额等）”为“90000000万元”，折合超过50亿元",
    ):
        assert line in body, line
    assert "请核对以下5条提示" in body
    # Item 9: the wrong county is answered with 朔州's own counties, not 太原's 小店区.
    assert (
        "“小店区”不是朔州市的县（市、区）。朔州市的县（市、区）为：朔城区、平鲁区、山阴县、应县、"
        "右玉县、怀仁市，请从中填写" in body
    )
    assert "如“小店区”" not in body


@pytest.mark.integration  # a whole intake run, with SMTP
def test_replies_say_late_which_version_they_replace_and_held_rows(tmp_path, campaign, smtp_server):
    on_time = dt.datetime(2021, 4, 22, 9, 0, tzinfo=CST)
    corrected_at = dt.datetime(2021, 4, 25, 10, 0, tzinfo=CST)  # after 04-23, but a correction
    late = dt.datetime(2021, 4, 24, 10, 0, tzinfo=CST)
    good_rows = [r[:4] + ["30", "补贴", "900万元"] for r in SHUOZHOU_ROWS[:4]]
    xz_rows = [["忻府区", "汽车节", "5月1日-5月5日", "车展", "30", "补贴", "900万元"]]
    mails = [
        (_mail(SHUOZHOU, "朔州市活动名录", on_time,
               files=(("名录.xlsx", _registry(SHUOZHOU_ROWS)),)), on_time),
        (_mail(SHUOZHOU, "朔州市活动名录（修改后）", corrected_at,
               files=(("名录（修改后）.xlsx", _registry(good_rows)),)), corrected_at),
        (_mail(XINZHOU, "忻州市活动名录", late,
               files=(("忻州名录.xlsx", _registry(xz_rows, "忻州市")),)), late),
    ]  # fmt: skip
    engine = _run(tmp_path, campaign, mails)
    replies = {str(m["Subject"]): _text(m) for m in _sent(engine, smtp_server)}

    first = replies["回复：朔州市活动名录"]
    assert "结果：部分采用" in first and "待核实的1行（请逐项更正）" in first
    assert "逾期" not in first and "替代" not in first.split("待核实")[0]
    corrected = replies["回复：朔州市活动名录（修改后）"]
    assert (
        "本文件替代贵局2021年4月22日 09:00发来的“名录.xlsx”，以此为准；原文件的数据不再计入汇总。"
        in corrected
    )
    # 朔州's first version came on time: a correction after the deadline is not late.
    assert "逾期" not in corrected
    xinzhou = replies["回复：忻州市活动名录"]
    assert (
        "逾期：该表截止时间为2021年4月23日24时，本文件于2021年4月24日 10:00收到，已过截止时间；"
        "本文件已采用，报送情况记为逾期。"
    ) in xinzhou
    with engine.connect() as conn:
        status = dict(
            conn.execute(
                text("SELECT city_name, status FROM v_city_status WHERE form = 'registry' "
                     "AND city_name IN ('朔州市', '忻州市')")
            ).all()
        )  # fmt: skip
    assert status == {"朔州市": "on_time", "忻州市": "late"}  # the reply agrees with the view


@pytest.mark.parametrize("automatic", ["Auto-Submitted", "X-Autoreply"])
def test_an_auto_reply_with_no_table_is_not_a_question(tmp_path, campaign, automatic):
    when = dt.datetime(2021, 4, 26, 10, 0, tzinfo=CST)
    raw = _mail(TAIYUAN, "Re: 报送提醒", when, headers={automatic: "auto-replied"})
    engine = _run(tmp_path, campaign, [(raw, when)])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM question")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar() == 0


def test_a_blank_warning_gives_way_to_the_finding_on_the_same_cell():
    from jinxiao.validate.suites import city_params, drop_shadowed_blanks

    unreadable = Problem("error", "number_unparseable", "第10行“实际成交额”：无法识别的金额“见附件”",
                         10, "实际成交额", "活动成效", "actual_turnover")  # fmt: skip
    blank_same = Problem("warning", "actual_turnover_blank", "第10行“实际成交额”未填写具体金额",
                         10, "实际成交额", "活动成效", "actual_turnover")  # fmt: skip
    blank_other = Problem("warning", "actual_turnover_blank", "第11行“实际成交额”未填写具体金额",
                          11, "实际成交额", "活动成效", "actual_turnover")  # fmt: skip
    kept = drop_shadowed_blanks([unreadable, blank_same, blank_other])
    assert kept == [unreadable, blank_other]
    assert city_params("朔州市") == {
        "city": "朔州市", "city_counties": "朔城区、平鲁区、山阴县、应县、右玉县、怀仁市",
    }  # fmt: skip
