"""The demo season through the real pipeline: outcomes, replies over real SMTP, and the
results form filled in as a city would, round-tripped into the June 1 report."""

from __future__ import annotations

import datetime as dt
import email.header

import openpyxl
import pytest
from demo_season import processed_demo
from fastapi.testclient import TestClient
from smtp_server import smtp_server_fixture  # noqa: F401
from sqlalchemy import text

from jinxiao.config import load_campaign
from jinxiao.jobs.tasks import open_warehouse
from jinxiao.mail.outbox import SmtpConfig
from jinxiao.reports.build import generate_report
from jinxiao.tracker.app import TrackerSource, create_app

EXPECTED = {  # demo mail -> (message outcome, reply expected)
    "01-taiyuan-registry": ("accepted", True),
    "02-datong-registry-xls": ("accepted", True),
    "03-datong-wrong-table": ("rejected", True),
    "04-yangquan-registry": ("accepted", True),
    "05-changzhi-registry-csv": ("accepted", True),
    "06-jincheng-registry-docx": ("accepted", True),
    "07-shuozhou-held": ("accepted", True),  # partly: 2 rows held, superseded by 08
    "08-shuozhou-corrected": ("accepted", True),
    "09-jinzhong-first": ("accepted", True),  # superseded later; the reply went out then
    "10-jinzhong-update": ("accepted", True),
    "11-yuncheng-registry": ("accepted", True),
    "12-yuncheng-redelivered": ("duplicate", False),
    "13-yuncheng-resend": ("duplicate", True),
    "14-xinzhou-pdf": ("rejected", True),
    "15-xinzhou-zip": ("accepted", True),
    "16-linfen-forwarded": ("accepted", True),
    "17-linfen-plan": ("accepted", True),
    "18-lvliang-encrypted": ("rejected", True),
    "19-lvliang-blank": ("rejected", True),
    "20-unknown-sender": ("quarantined", False),
    "21-taiyuan-question": ("ignored", True),
    "22-datong-autoreply": ("ignored", False),
    "23-taiyuan-results-may": ("accepted", True),
    "24-jinzhong-results-may-held": ("accepted", True),  # partly: 2 rows held, still current
}


@pytest.fixture
def demo_run(tmp_path, sqlite_warehouse, smtp_server):
    smtp = SmtpConfig(smtp_server.host, smtp_server.port, None, None, False, False,
                      "xfc@commerce.sx.example", "ops@commerce.sx.example")  # fmt: skip
    settings = processed_demo(tmp_path, sqlite_warehouse, smtp)
    return settings, open_warehouse(settings)


def _subject(msg) -> str:
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def test_each_demo_mail_gets_its_outcome_and_the_right_reply_or_none(demo_run, smtp_server):
    _settings, engine = demo_run
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.source_ref, m.outcome, m.message_id, m.subject FROM mailbox_ref r "
                "JOIN message m ON m.message_key = r.message_key"
            )  # fmt: skip
        ).all()
    # Maildir names are "<delivery seconds>.M0P0.<demo name>": the demo name is the story.
    rows = [(r[0].split(".M0P0.", 1)[-1], *r[1:]) for r in rows]
    outcomes = {r[0]: r[1] for r in rows}
    assert outcomes == {name: want for name, (want, _reply) in EXPECTED.items()}
    sent = smtp_server.parsed()
    replies = {m["In-Reply-To"].strip("<>"): m for m in sent if m["In-Reply-To"]}
    for ref, _outcome, message_id, subject in rows:
        wants_reply = EXPECTED[ref][1]
        assert (message_id in replies) == wants_reply or ref == "12-yuncheng-redelivered", ref
        if wants_reply:
            reply = replies[message_id]
            assert _subject(reply).startswith("回复：") and subject in _subject(reply)
            assert message_id in reply["References"]
    shuozhou = next(
        m for mid, m in replies.items() if "朔州" in _subject(m) and "修改" not in _subject(m)
    )
    body = shuozhou.get_content()
    assert "结果：部分采用，入库3行数据" in body and "另有2行待核实" in body
    assert "工作表“Sheet1”第5行，“参加县区”列，填写内容：“开发区”" in body
    assert "工作表“Sheet1”第6行，“举办时间”列，填写内容：“另行通知”" in body
    assert "更正后的表格将替代本次部分采用的表格" in body
    # Issue 13: the question gets a person's answer (ops are told), not a robot verdict.
    by_subject = {_subject(m): m.get_content() for m in replies.values()}
    question = by_subject["回复：请问结果统计模板什么时候下发？"]
    assert "已收到，将由工作人员回复。" in question and "未作为报送处理" not in question
    assert any(m["To"] == "ops@commerce.sx.example" and "【待回复】太原市来信" in _subject(m)
               for m in sent)  # fmt: skip
    # Late, replaced, and each warning by sheet, Excel row and column.
    xinzhou = next(b for s, b in by_subject.items() if s.endswith("（表格）"))
    assert "逾期：该表截止时间为2021年4月23日24时，本文件于2021年4月24日 10:00收到" in xinzhou
    jinzhong = next(b for s, b in by_subject.items() if "晋中" in s and "更新版" in s)
    assert "本文件替代贵局2021年4月21日 10:00发来的" in jinzhong and "以此为准" in jinzhong
    shuozhou_fixed = next(b for s, b in by_subject.items() if "朔州" in s and "修改后" in s)
    assert "本文件替代贵局2021年4月22日 09:00发来的" in shuozhou_fixed
    assert "逾期" not in shuozhou_fixed  # its first version came on time
    taiyuan_may = next(b for s, b in by_subject.items() if "太原市消费促进月（5月）" in s)
    assert "工作表“活动成效”第10行“实际成交额（万元）”未填写具体金额" in taiyuan_may
    # An implausible row is a warning to the city, named by sheet, row and column (item 4/8).
    assert (
        "工作表“活动成效”第9行“实际成交额（万元）”：85家企业参与，实际成交额仅0.9万元"
        "（平均每家106元），请核实成交额是否按万元填写" in taiyuan_may
    )
    # 朔州's wrong county is answered with 朔州's own counties, not an example from 太原.
    assert "朔州市的县（市、区）为：朔城区、平鲁区" in body and "如“小店区”" not in body
    # The quarantined sender gets nothing; ops get a notice instead.
    assert not any("huarun" in (m["To"] or "") for m in sent)
    assert any(m["To"] == "ops@commerce.sx.example" and "huarun" in m.get_content() for m in sent)


def test_partly_accepted_results_hold_two_rows_until_corrected(demo_run, smtp_server):
    """晋中's results of May: 4 rows taken, the 2 with an unreadable cell held, in
    v_held_row, the reply, the tracker's count and the report, and in no total."""
    settings, engine = demo_run
    with engine.connect() as conn:
        held = conn.execute(
            text(
                "SELECT city_name, form, filename, sheet, excel_row, column_name, raw_value, "
                "problem_zh, source_message_id FROM v_held_row ORDER BY excel_row"
            )
        ).all()
        taken = conn.execute(
            text(
                "SELECT activities FROM v_results_city_summary "
                "WHERE city_name = '晋中市' AND form = 'results_may'"
            )
        ).scalar_one()
        outcome = conn.execute(
            text(
                "SELECT outcome, reason_class FROM v_submission WHERE filename LIKE '%晋中市（已填）%'"
            )
        ).one()
    # 朔州's held rows went with the table its correction superseded.
    assert [tuple(h[:7]) for h in held] == [
        ("晋中市", "results_may", "jx2021_results_may_template_晋中市（已填）.xlsx", "活动成效",
         8, "实际举办时间", "6月31日"),
        ("晋中市", "results_may", "jx2021_results_may_template_晋中市（已填）.xlsx", "活动成效",
         10, "实际成交额（万元）", "见附件"),
    ]  # fmt: skip
    assert "6月31日不存在" in held[0].problem_zh and "数据不在本表中" in held[1].problem_zh
    assert taken == 4 and tuple(outcome) == ("accepted", "rows_held")
    reply = next(
        m for m in smtp_server.parsed()
        if m["In-Reply-To"] and m["In-Reply-To"].strip("<>") == held[0].source_message_id
    )  # fmt: skip
    body = reply.get_content()
    assert "结果：部分采用，入库4行数据（表格第6行至第7行、第9行、第11行）" in body
    assert "工作表“活动成效”第10行，“实际成交额（万元）”列，填写内容：“见附件”" in body
    page = TestClient(create_app(lambda: TrackerSource(engine), campaign=load_campaign())).get(
        "/", params={"as_of": "2021-06-02"}
    )
    assert 'data-city="晋中市" data-form="results_may"' in page.text
    cell = page.text.split('data-city="晋中市" data-form="results_may"', 1)[1].split("</td>")[0]
    assert '<div class="held" data-held="2">2 行待核实</div>' in cell
    after = dt.datetime(2021, 6, 2, 12, tzinfo=dt.UTC)
    files = generate_report(
        engine, settings.output_dir, "june1", now=after, campaign=load_campaign()
    )
    ws = openpyxl.load_workbook(files.xlsx, data_only=True)["报送情况"]
    rows = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(1, ws.max_row + 1)}
    assert "5月成效2 行待核实" in rows["晋中市"]


def test_results_form_round_trips_into_the_june1_report(demo_run):
    settings, engine = demo_run
    with engine.connect() as conn:
        actual_wan = conn.execute(
            text(
                "SELECT SUM(actual_turnover_wan), COUNT(registry_activity_id), COUNT(*) "
                "FROM activity a JOIN submission s ON s.submission_id = a.submission_id "
                "WHERE s.outcome = 'accepted' AND s.form = 'results_may' "
                "AND s.city_name = '太原市'"
            )  # fmt: skip
        ).one()
        province_wan = conn.execute(
            text(
                "SELECT SUM(actual_turnover_wan) FROM v_results_current WHERE form = 'results_may'"
            )
        ).scalar_one()
        figures = dict(
            conn.execute(
                text("SELECT figure, value FROM city_figure WHERE city_name = '太原市'")
            ).all()
        )
    total, linked, rows = actual_wan
    assert rows == 8 and linked == 8  # every row tied to 太原's registry activity
    assert float(total) == pytest.approx(8200 + 3100 + 2600 + 0.9 + 4800 + 950 + 2100)
    # 晋中's four taken rows count; its two held rows do not.
    assert float(province_wan) == pytest.approx(float(total) + 3600 + 1900 + 2750 + 640)
    assert figures == {"voucher_issued_wan": 5000, "voucher_redeemed_wan": 4120.5}
    after = dt.datetime(2021, 6, 2, 12, tzinfo=dt.UTC)
    files = generate_report(
        engine, settings.output_dir, "june1", now=after, campaign=load_campaign()
    )
    ws = openpyxl.load_workbook(files.xlsx, data_only=True)["总体情况"]
    cells = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert cells["实际成交额"] == pytest.approx(float(province_wan) / 10000, abs=1e-4)
    assert cells["发放消费券"] == pytest.approx(5000)
    assert cells["核销消费券"] == pytest.approx(4120.5)
    assert files.draft is False
