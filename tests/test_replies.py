"""Replies to cities and quarantine notices: composed from real results, committed to a real
warehouse, sent through a real SMTP server and read back as the city's mail client would."""

from __future__ import annotations

import datetime as dt
import hashlib
from email import message_from_string, policy
from email.message import EmailMessage

import pytest
from smtp_server import smtp_server_fixture  # noqa: F401 - provides `smtp_server`
from sqlalchemy import text

from jinxiao.domain.models import (
    FRAME_COLUMNS,
    Attachment,
    NormalisedTable,
    ParsedEmail,
    ParsedTable,
    Problem,
    RawMessage,
)
from jinxiao.domain.outcomes import MessageResult, SubmissionResult
from jinxiao.mail.outbox import SmtpConfig, message_id_for, send_pending
from jinxiao.mail.replies import (
    CityTotals,
    city_totals,
    compose_ops_notice,
    compose_reply,
    enqueue_replies,
    problem_line,
    reply_subject,
)
from jinxiao.normalise.values import county_table
from jinxiao.reading.locate import Contact
from jinxiao.warehouse import load
from jinxiao.warehouse.connection import connect, migrate

CST = dt.timezone(dt.timedelta(hours=8))
PROVINCE = "sxswt_xfcj@163.com"
OPS = "ops-jinxiao@sxswt.gov.cn"
TY_SENDER = "tysswj_scyxk@163.com"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CODES = {(name, city): code for code, name, _cc, city in county_table()}
REGISTRY_HEADERS = {
    "county": "参加县区",
    "activity_name": "重点活动名称",
    "period": "举办时间",
    "content": "活动内容（简要概述）",
    "enterprise_count": "参与企业数量（家）",
    "support_policy": "支持政策及优惠举措",
    "est_turnover": "预估成效（成交额等，万元）",
}


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _email(subject: str, msg_id: str, attachments=(), sender=TY_SENDER, refs=()) -> ParsedEmail:
    return ParsedEmail(
        message_id=msg_id,
        sender=sender,
        sender_name="太原市商务局市场运行科",
        subject=subject,
        date=dt.datetime(2021, 4, 22, 16, 35, 12, tzinfo=CST),
        references=tuple(refs),
        body_text="请查收。",
        attachments=tuple(attachments),
    )


def _attachment(filename: str, payload: bytes = b"PK\x03\x04 xlsx bytes") -> Attachment:
    return Attachment(filename, XLSX_TYPE, payload, "2")


def _registry_table(city: str, rows: list[tuple], problems=()) -> NormalisedTable:
    """rows: (excel_row, county, activity, enterprises, turnover_wan)."""
    records = []
    for excel_row, county, name, firms, wan in rows:
        rec = dict.fromkeys(FRAME_COLUMNS)
        rec.update(
            sheet="活动名录", excel_row=excel_row, county_names=county,
            county_codes=[CODES[(county, city)]], citywide=False, county_raw=county,
            county_unknown=[], activity_name=name, activity_name_raw=name,
            start_date=dt.date(2021, 5, 1), end_date=dt.date(2021, 5, 5),
            period_raw="5月1日-5月5日", enterprise_count=firms, enterprise_count_raw=str(firms),
            est_turnover_wan=wan, est_turnover_raw=f"{wan}万元", category="汽车、成品油促消费",
        )  # fmt: skip
        records.append(rec)
    table = ParsedTable(
        form="registry", sheet="活动名录", header_row=3, columns=REGISTRY_HEADERS,
        units={"est_turnover": "万元"}, rows=[], unit_name=f"填报单位：{city}商务局",
        summary_sentence=None,
    )  # fmt: skip
    return NormalisedTable(city, table, records, list(problems))


def _sub(filename: str, form: str | None, outcome: str, **kw) -> SubmissionResult:
    payload = filename.encode()
    return SubmissionResult(
        _attachment(filename, payload),
        hashlib.sha256(payload).hexdigest(),
        "/archive/x",
        form,
        outcome,
        **kw,
    )


def _result(key: str, em: ParsedEmail | None, city: str | None, subs=(), **kw) -> MessageResult:
    return MessageResult(
        message_key=key,
        email=em,
        received_at=em.date if em else dt.datetime(2021, 4, 22, 8, 0, tzinfo=dt.UTC),
        date_header="Thu, 22 Apr 2021 16:35:12 +0800",
        city_name=city,
        submissions=list(subs),
        **kw,
    )


@pytest.fixture
def engine(sqlite_warehouse, campaign):
    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    return eng


def _commit(engine, result: MessageResult) -> MessageResult:
    raw = f"Message-ID: <{result.email.message_id if result.email else 'x'}>\r\n\r\n".encode()
    load.record_arrival(
        engine,
        RawMessage(raw, "maildir:/srv/mail", result.message_key, result.received_at),
        result.message_key,
        "/archive/m.eml",
        "test",
    )
    return load.commit_message(engine, result, "test")


def _smtp(server) -> SmtpConfig:
    return SmtpConfig(server.host, server.port, None, None, False, False, PROVINCE, OPS)


def _body(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()


WARNINGS = [
    Problem(
        "warning",
        "turnover_approx",
        "第5行“预估成效（成交额等，万元）”：“约1.2亿”按12000万元计入，如不准确请改为具体数字。",
        5,
        "预估成效（成交额等，万元）",
    ),
    Problem("warning", "county_citywide", "“全市”视为全市范围，不计入县区数。", 7, "参加县区"),
]
TY_ROWS = [
    (4, "小店区", "小店区汽车消费节", 60, 3000.0),
    (5, "迎泽区", "迎泽区夜经济美食节", 80, 12000.0),
    (6, "小店区", "小店区家电以旧换新", 40, None),
]


def test_accepted_reply_lists_rows_warnings_and_city_totals(engine, campaign, smtp_server):
    subject = "回复：RE:太原市2021年全国消费促进月活动名录报送"
    em = _email(subject, "20210422163512.1234@163.com", refs=["earlier@sxswt.gov.cn"])
    table = _registry_table("太原市", TY_ROWS, WARNINGS)
    sub = _sub("附件2：太原市活动名录.xlsx", "registry", "accepted", table=table)
    sub.problems = list(WARNINGS)
    result = _commit(engine, _result(_key("ty1"), em, "太原市", [sub]))

    keys = enqueue_replies(engine, [result], campaign, PROVINCE, OPS)
    report = send_pending(engine, _smtp(smtp_server))

    assert keys == [f"reply:{_key('ty1')}"] and report.sent == keys
    (captured,) = smtp_server.messages
    assert captured.rcpt_tos == (TY_SENDER,)
    msg = captured.parsed()
    assert msg["Subject"] == "回复：太原市2021年全国消费促进月活动名录报送"
    assert msg["From"] == PROVINCE
    assert msg["To"].addresses[0].addr_spec == TY_SENDER
    assert msg["In-Reply-To"] == "<20210422163512.1234@163.com>"
    assert msg["References"].split() == [
        "<earlier@sxswt.gov.cn>",
        "<20210422163512.1234@163.com>",
    ]
    assert msg["Message-ID"] == f"<{message_id_for(keys[0], PROVINCE)}>"
    assert msg.get_content_charset() == "utf-8"
    body = _body(msg)
    assert body.startswith("太原市商务局：")
    assert "2021年4月22日 16:35" in body
    assert "附件“附件2：太原市活动名录.xlsx”（附件2 活动名录）" in body
    assert "已采用，入库3行数据（表格第4行至第6行）" in body
    assert "第5行“预估成效（成交额等，万元）”：“约1.2亿”按12000万元计入" in body
    assert "第7行“参加县区”：“全市”视为全市范围" in body
    # Totals from v_city_summary after this submission: 小店区 and 迎泽区; 40+60+80 firms.
    assert "参加县区（市）2个，重点活动3场，参与企业180家，预估成交1.50亿元" in body


def test_rejected_reply_names_each_error_and_what_to_do(engine, campaign):
    errors = [
        Problem(
            "error",
            "date_unparseable",
            "第8行“举办时间”：“五月上旬左右”无法识别为日期，请写成“5月1日-5月10日”的形式。",
            8,
            "举办时间",
        ),
        Problem("error", "county_unknown", "“清徐镇”不是太原市的县区。", 9, "参加县区"),
    ]
    bad = _sub("太原名录.xlsx", "registry", "rejected", reason_class="validation_failed")
    bad.reason_detail = "；".join(p.message_zh for p in errors)
    bad.problems = errors
    broken = _sub("联系人.xls", None, "rejected", reason_class="corrupt_file")
    broken.reason_detail = (
        "文件“联系人.xls”已损坏，无法打开。请确认文件能用Excel正常打开后重新发送。"
    )
    result = _result(_key("ty2"), _email("太原市活动名录", "a1@163.com"), "太原市", [bad, broken])
    result.settle_outcome()

    msg = compose_reply(result, None, campaign, PROVINCE)

    body = _body(msg)
    assert msg["Subject"] == "回复：太原市活动名录"
    assert "退回修改（数据校验未通过），本文件的数据未入库" in body
    assert "1. 第8行“举办时间”：“五月上旬左右”无法识别为日期" in body
    assert "2. 第9行“参加县区”：“清徐镇”不是太原市的县区。" in body
    assert "退回修改（文件损坏或无法打开）" in body
    assert "文件“联系人.xls”已损坏，无法打开" in body
    assert "直接回复本邮件或另发新邮件，附上修改后的完整表格" in body
    assert "活动名录汇总" not in body  # nothing was accepted, so no totals


def test_superseded_on_arrival_names_the_current_file(engine, campaign):
    newer = _sub("太原名录（修改稿）.xlsx", "registry", "accepted")
    newer.table = _registry_table("太原市", TY_ROWS[:1])
    em_new = _email("太原名录修改稿", "new@163.com")
    _commit(engine, _result(_key("new"), em_new, "太原市", [newer]))
    # An older version that arrives later (a delayed copy) must not replace the newer one.
    older = _sub("太原名录（初稿）.xlsx", "registry", "accepted")
    older.table = _registry_table("太原市", TY_ROWS)
    em_old = _email("太原名录初稿", "old@163.com")
    old_result = _result(_key("old"), em_old, "太原市", [older])
    old_result.received_at = dt.datetime(2021, 4, 21, 9, 5, tzinfo=CST)
    committed = _commit(engine, old_result)
    assert committed.outcome == "superseded"

    enqueue_replies(engine, [committed], campaign, PROVINCE, OPS)
    with engine.connect() as conn:
        raw = conn.execute(text("SELECT raw_message FROM outbox")).scalar_one()
    body = _body(message_from_string(raw, policy=policy.default))
    assert "我厅现行采用的是2021年4月22日 16:35收到的“太原名录（修改稿）.xlsx”" in body
    assert "（邮件主题：太原名录修改稿）" in body
    assert "如需以本文件为准，请重新发送本文件" in body


def test_duplicate_file_needs_no_action_and_repeated_message_gets_no_second_reply(campaign):
    dup = _sub("太原名录.xlsx", None, "duplicate")
    dup.reason_detail = (
        "与此前收到的文件“太原名录.xlsx”内容完全相同（当时结果：已采用），无需重复报送。"
    )
    result = _result(_key("d"), _email("再次报送名录", "d@163.com"), "太原市", [dup])
    result.settle_outcome()
    body = _body(compose_reply(result, None, campaign, PROVINCE))
    assert "重复文件，无需处理" in body and "本次无需任何操作" in body

    same_id = _result(
        _key("d2"), _email("再次报送名录", "d@163.com"), "太原市", outcome="duplicate"
    )
    assert compose_reply(same_id, None, campaign, PROVINCE) is None


def test_no_attachment_gets_told_and_automatic_mail_gets_nothing(campaign):
    plain = _result(
        _key("n"),
        _email("报送活动名录", "n@163.com"),
        "太原市",
        outcome="ignored",
        reason_detail="邮件没有附件，未作为报送处理。如需报送，请将表格作为附件发送。",
    )
    body = _body(compose_reply(plain, None, campaign, PROVINCE))
    assert "本邮件未发现附件" in body and "可直接回复本邮件并添加附件" in body
    # A message-level outcome for a message that did carry files reports its reason instead.
    odd = _result(
        _key("o"),
        _email("名录", "o@163.com", [_attachment("名录.xlsx")]),
        "太原市",
        outcome="rejected",
        reason_detail="邮件内容无法解析，请重新发送。",
    )
    odd_body = _body(compose_reply(odd, None, campaign, PROVINCE))
    assert "处理结果：邮件内容无法解析，请重新发送。" in odd_body and "未发现附件" not in odd_body

    auto = _result(
        _key("a"),
        _email("自动回复：报送活动名录", "a@163.com"),
        "太原市",
        outcome="ignored",
        reason_detail="自动回复或退信，不是报送邮件。",
    )
    assert compose_reply(auto, None, campaign, PROVINCE) is None


def test_quarantined_sender_gets_no_reply_and_ops_is_told(engine, campaign, smtp_server):
    stranger = "zhangsan1988@qq.com"
    em = _email("太原市活动名录", "q@qq.com", [_attachment("名录.xlsx")], sender=stranger)
    result = _result(
        _key("q"),
        em,
        None,
        outcome="quarantined",
        reason_detail=f"发件人{stranger}不在报送邮箱登记表中，邮件已隔离，未入库。",
    )
    _commit(engine, result)
    assert compose_reply(result, None, campaign, PROVINCE) is None

    keys = enqueue_replies(engine, [result], campaign, PROVINCE, OPS)
    send_pending(engine, _smtp(smtp_server))

    assert keys == [f"ops:{_key('q')}"]
    (captured,) = smtp_server.messages
    assert captured.rcpt_tos == (OPS,)
    msg = captured.parsed()
    assert msg["Subject"] == f"【隔离】未登记发件人来信：{stranger}｜太原市活动名录"
    body = _body(msg)
    assert stranger in body and "名录.xlsx" in body and _key("q") in body
    assert "sender_registry" in body


def test_enqueue_twice_sends_one_reply(engine, campaign, smtp_server):
    sub = _sub("名录.xlsx", "registry", "accepted", table=_registry_table("太原市", TY_ROWS))
    result = _commit(engine, _result(_key("t"), _email("名录", "t@163.com"), "太原市", [sub]))
    assert len(enqueue_replies(engine, [result], campaign, PROVINCE, OPS)) == 1
    assert enqueue_replies(engine, [result], campaign, PROVINCE, OPS) == []
    send_pending(engine, _smtp(smtp_server))
    send_pending(engine, _smtp(smtp_server))
    assert len(smtp_server.messages) == 1


def test_plan_reply_and_totals_object(campaign):
    plan = _sub("太原市消费促进月工作方案.docx", "plan", "accepted")
    plan.contacts = [Contact("王丽", "科长", "0351-4040123", "wangli@ty.gov.cn")]
    result = _result(_key("p"), _email("工作方案", "p@163.com"), "太原市", [plan])
    result.settle_outcome()
    totals = CityTotals("太原市", 2, 3, 180, 1.5)
    body = _body(compose_reply(result, totals, campaign, PROVINCE))
    assert "（工作方案、活动安排计划表、联系人名单）" in body
    assert "已收到并存档，从中识别联系人1名" in body
    assert "活动名录汇总" not in body  # totals are about the registry only


def test_reply_subject_and_problem_lines():
    assert reply_subject("回复：回复: RE:Re： 名录") == "回复：名录"
    assert reply_subject("") == "回复：（无主题）"
    assert problem_line(Problem("warning", "x", "数值偏大", 12, "参与企业数量")) == (
        "第12行“参与企业数量”：数值偏大"
    )
    already = Problem("error", "x", "第3行“举办时间”：无法识别", 3, "举办时间")
    assert problem_line(already) == "第3行“举办时间”：无法识别"


def test_message_id_is_deterministic_from_key(campaign):
    sub = _sub("名录.xlsx", "duplicate", "duplicate")
    result = _result(_key("m"), _email("名录", "m@163.com"), "太原市", [sub])
    result.settle_outcome()
    a = compose_reply(result, None, campaign, PROVINCE, now=dt.datetime(2021, 4, 22, tzinfo=dt.UTC))
    b = compose_reply(result, None, campaign, PROVINCE)
    assert (
        a["Message-ID"] == b["Message-ID"] == f"<{message_id_for('reply:' + _key('m'), PROVINCE)}>"
    )
    assert compose_ops_notice(result, OPS)["Message-ID"] != a["Message-ID"]


def test_city_totals_read_one_city_and_agree_with_v_city_summary(engine):
    """Replies read a city's totals from its current registry alone (flat with warehouse
    size); they must be the figures the analysts' view gives, superseded versions left out."""
    versions = [
        ("ty1", "太原市", TY_ROWS[:2], dt.datetime(2021, 4, 22, 8, 0, tzinfo=dt.UTC)),
        ("ty2", "太原市", TY_ROWS, dt.datetime(2021, 4, 23, 8, 0, tzinfo=dt.UTC)),
        ("yq1", "阳泉市", [(4, "城区", "城区夜市", 12, 250.5), (5, "郊区", "郊区采摘节", None, None)],
         dt.datetime(2021, 4, 22, 9, 0, tzinfo=dt.UTC)),
    ]  # fmt: skip
    for key, city, rows, when in versions:
        em = _email(f"{city}活动名录", f"{key}@example", sender=TY_SENDER)
        sub = _sub(f"{key}.xlsx", "registry", "accepted", table=_registry_table(city, rows))
        result = _result(_key(key), em, city, [sub])
        result.received_at = when
        _commit(engine, result)
    with engine.connect() as conn:
        view = {
            r[0]: (int(r[1]), int(r[2]), int(r[3]), float(r[4]))
            for r in conn.execute(
                text(
                    "SELECT city_name, counties, activities, enterprises, est_turnover_yi "
                    "FROM v_city_summary"
                )
            )
        }
        assert view["太原市"] == (2, 3, 180, 1.5) and view["阳泉市"] == (2, 2, 12, 0.02505)
        for city, figures in view.items():
            totals = city_totals(conn, city)
            assert totals is not None
            got = (totals.counties, totals.activities, totals.enterprises, totals.est_turnover_yi)
            assert got == figures, city
        assert city_totals(conn, "不存在市") is None


def test_a_question_gets_one_short_acknowledgement_per_sender_and_day(campaign):
    from jinxiao.mail.replies import ack_key, compose_ack, wants_reply

    def question(key: str, when: dt.datetime, sender: str = TY_SENDER) -> MessageResult:
        em = _email("请问模板何时下发", f"{key}@163.com", sender=sender)
        result = _result(_key(key), em, "太原市", outcome="ignored", question=True)
        result.received_at = when
        return result

    morning = question("q1", dt.datetime(2021, 4, 26, 8, 0, tzinfo=CST))
    evening = question("q2", dt.datetime(2021, 4, 26, 23, 30, tzinfo=CST), TY_SENDER.upper())
    next_day = question("q3", dt.datetime(2021, 4, 27, 0, 30, tzinfo=CST))
    # The day is the campaign's (Asia/Shanghai), the address case-blind.
    assert ack_key(morning, campaign) == ack_key(evening, campaign) == f"ack:{TY_SENDER}:2021-04-26"
    assert ack_key(next_day, campaign) == f"ack:{TY_SENDER}:2021-04-27"
    assert not wants_reply(morning)  # no robot verdict on a question
    ack = compose_ack(morning, campaign, PROVINCE)
    assert ack is not None and ack["In-Reply-To"] == "<q1@163.com>"
    assert ack["Subject"] == "回复：请问模板何时下发"
    assert "已收到，将由工作人员回复。" in _body(ack) and "未作为报送处理" not in _body(ack)
    not_a_question = _result(_key("n"), _email("x", "n@163.com"), "太原市", outcome="ignored")
    assert compose_ack(not_a_question, campaign, PROVINCE) is None


def test_problem_lines_name_the_sheet_when_asked():
    p = Problem("warning", "est_turnover_blank", "第6行“预估成效”未填写具体金额。", 6, "预估成效",
                "活动名录")  # fmt: skip
    assert problem_line(p, "工作表") == "工作表“活动名录”第6行“预估成效”未填写具体金额。"
    assert problem_line(p, "表格") == "表格“活动名录”第6行“预估成效”未填写具体金额。"
    assert problem_line(p) == "第6行“预估成效”未填写具体金额。"
