"""Deadline reminders: due on deadline-3, deadline-1 and after the deadline, exactly once each
through repeated and skipped nights; none once accepted; contacts before the registry."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from email import message_from_string, policy
from pathlib import Path

import pytest
from factories import seed_contact, seed_submission
from smtp_server import smtp_server_fixture  # noqa: F401 - provides `smtp_server`
from sqlalchemy import text

from jinxiao.intake.senders import SenderRegistry
from jinxiao.mail.outbox import SmtpConfig, message_id_for, send_pending
from jinxiao.mail.reminders import due_reminders, enqueue_reminders
from jinxiao.normalise.values import county_table
from jinxiao.samples.mail import make_xlsx
from jinxiao.warehouse.connection import connect, migrate

PROVINCE = "sxswt_xfcj@163.com"
CST = dt.timezone(dt.timedelta(hours=8))
REGISTRY = SenderRegistry(
    {
        "tysswj_scyxk@163.com": "太原市",
        "taiyuan_shangwu@126.com": "太原市",
        "dtsw_ltk@126.com": "大同市",
        "yqswj@163.com": "阳泉市",
    }
)
ALL = ("太原市", "大同市", "阳泉市")


@pytest.fixture
def engine(sqlite_warehouse, campaign):
    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    return eng


@pytest.fixture
def three_cities(campaign):
    """The campaign narrowed to three cities, so the expected keys stay readable."""
    return replace(campaign, cities=tuple(c for c in campaign.cities if c.name in ALL))


def _accept(engine, city: str, form: str, contacts: list[tuple[str, str | None]] = ()) -> None:
    key = hashlib.sha256(f"{city}{form}".encode()).hexdigest()
    at = dt.datetime(2021, 4, 21, 10, 0, tzinfo=CST)
    with engine.begin() as conn:
        sub = seed_submission(conn, key=key, city=city, form=form, received=at,
                              filename="方案.docx")  # fmt: skip
        for name, addr in contacts:
            seed_contact(conn, sub, name, addr)


def _night(engine, campaign, day: dt.date, times: int = 2, template_for=None) -> list[str]:
    keys = []
    for _ in range(times):
        keys += [
            r.key
            for r in enqueue_reminders(engine, campaign, day, REGISTRY, PROVINCE, template_for)
        ]
    return keys


def _outbox_keys(engine) -> list[str]:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT dedupe_key FROM outbox ORDER BY dedupe_key")).scalars().all()
        )


def _days(start: dt.date, end: dt.date):
    while start <= end:
        yield start
        start += dt.timedelta(days=1)


def test_nightly_runs_send_each_reminder_once_on_its_day(engine, three_cities):
    _accept(engine, "太原市", "registry")
    by_day = {
        day: _night(engine, three_cities, day)
        for day in _days(dt.date(2021, 4, 15), dt.date(2021, 5, 3))
    }

    assert by_day[dt.date(2021, 4, 19)] == []
    assert by_day[dt.date(2021, 4, 20)] == [
        "remind:大同市:registry:before3:2021-04-20",
        "remind:阳泉市:registry:before3:2021-04-20",
    ]
    assert by_day[dt.date(2021, 4, 21)] == []
    assert by_day[dt.date(2021, 4, 22)] == [
        "remind:大同市:registry:before1:2021-04-22",
        "remind:阳泉市:registry:before1:2021-04-22",
    ]
    assert by_day[dt.date(2021, 4, 23)] == []  # the deadline day itself: nothing new
    assert by_day[dt.date(2021, 4, 24)] == [
        "remind:大同市:registry:overdue:2021-04-24",
        "remind:阳泉市:registry:overdue:2021-04-24",
    ]
    plan = [k for k in _outbox_keys(engine) if ":plan:" in k]
    assert plan == [
        f"remind:{c}:plan:{kind}"
        for c in ("大同市", "太原市", "阳泉市")
        for kind in ("before1:2021-04-29", "before3:2021-04-27", "overdue:2021-05-01")
    ]
    assert len(_outbox_keys(engine)) == 6 + 9  # no key twice, whatever the number of runs


def test_skipped_nights_send_the_latest_due_reminder_once(engine, three_cities):
    # Nothing ran from 04-19 to 04-21: on 04-22 only the 1-day reminder goes, not both.
    assert [k for k in _night(engine, three_cities, dt.date(2021, 4, 22)) if "大同" in k] == [
        "remind:大同市:registry:before1:2021-04-22"
    ]
    # Nothing ran on 04-24: the overdue notice goes on the first run after, once.
    assert _night(engine, three_cities, dt.date(2021, 4, 23)) == []
    late = _night(engine, three_cities, dt.date(2021, 4, 26))
    assert "remind:大同市:registry:overdue:2021-04-24" in late
    assert _night(engine, three_cities, dt.date(2021, 4, 27)) == [
        f"remind:{c}:plan:before3:2021-04-27" for c in ("太原市", "大同市", "阳泉市")
    ]
    # A 3-day reminder skipped by one night still goes out, the day after.
    assert "remind:阳泉市:results_may:before3:2021-05-29" in _night(
        engine, three_cities, dt.date(2021, 5, 30)
    )


def test_accepted_city_gets_none_and_contacts_come_before_the_registry(
    engine, three_cities, smtp_server
):
    _accept(engine, "大同市", "registry")
    _accept(
        engine,
        "太原市",
        "plan",
        [
            ("王丽", "wangli@ty.gov.cn"),
            ("李强", "LiQiang@163.com；wangli@ty.gov.cn"),
            ("赵敏", None),
        ],
    )
    due = due_reminders(engine, three_cities, dt.date(2021, 4, 20), REGISTRY)

    assert {(r.city_name, r.form) for r in due} == {("太原市", "registry"), ("阳泉市", "registry")}
    by_city = {r.city_name: r for r in due}
    assert by_city["太原市"].recipients == ("wangli@ty.gov.cn", "liqiang@163.com")
    assert by_city["太原市"].recipients_from == "contacts"
    assert by_city["阳泉市"].recipients == ("yqswj@163.com",)
    assert by_city["阳泉市"].recipients_from == "registry"

    enqueue_reminders(engine, three_cities, dt.date(2021, 4, 20), REGISTRY, PROVINCE)
    cfg = SmtpConfig(smtp_server.host, smtp_server.port, None, None, False, False, PROVINCE, None)
    assert len(send_pending(engine, cfg).sent) == 2
    ty = next(m for m in smtp_server.messages if "wangli@ty.gov.cn" in m.rcpt_tos)
    assert ty.rcpt_tos == ("wangli@ty.gov.cn", "liqiang@163.com")
    msg = ty.parsed()
    assert msg["Subject"] == "【报送提醒】请于2021年4月23日前报送“附件2 活动名录”（太原市）"
    assert msg["From"] == PROVINCE
    key = "remind:太原市:registry:before3:2021-04-20"
    assert msg["Message-ID"] == f"<{message_id_for(key, PROVINCE)}>"
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("太原市商务局：")
    assert "2021年4月23日（星期五）24时前报送，距截止还有3天" in body


def test_plan_reminder_explains_april_31_and_overdue_wording(engine, three_cities, smtp_server):
    enqueue_reminders(engine, three_cities, dt.date(2021, 4, 29), REGISTRY, PROVINCE)
    enqueue_reminders(engine, three_cities, dt.date(2021, 5, 2), REGISTRY, PROVINCE)
    cfg = SmtpConfig(smtp_server.host, smtp_server.port, None, None, False, False, PROVINCE, None)
    send_pending(engine, cfg)
    by_subject = {m["Subject"]: m for m in smtp_server.parsed() if "阳泉" in m["Subject"]}

    before = by_subject[
        "【报送提醒】请于2021年4月30日前报送“工作方案、活动安排计划表、联系人名单”（阳泉市）"
    ]
    text_ = before.get_body(("plain",)).get_content()
    assert "通知原文为“4月31日前”，该日期不存在，按2021年4月30日执行。" in text_
    assert "距截止还有1天" in text_
    overdue = by_subject[
        "【逾期提醒】阳泉市尚未报送“工作方案、活动安排计划表、联系人名单”（截止2021年4月30日）"
    ]
    assert (
        "截至2021年5月2日，我厅尚未收到贵局合格的工作方案、活动安排计划表、联系人名单，已逾期"
        in (overdue.get_body(("plain",)).get_content())
    )


def test_results_reminder_carries_the_blank_template(engine, three_cities, tmp_path: Path):
    template = tmp_path / "消费促进月活动成效统计表（阳泉市）.xlsx"
    template.write_bytes(make_xlsx([["参加县区", "重点活动名称", "实际举办时间"]]))

    def template_for(city: str, form: str) -> Path | None:
        return template if form.startswith("results") and city == "阳泉市" else None

    keys = _night(engine, three_cities, dt.date(2021, 5, 29), 1, template_for)
    assert "remind:阳泉市:results_may:before3:2021-05-29" in keys
    with engine.connect() as conn:
        raw = conn.execute(
            text("SELECT raw_message FROM outbox WHERE dedupe_key LIKE 'remind:阳泉市:results%'")
        ).scalar_one()
        other = conn.execute(
            text("SELECT raw_message FROM outbox WHERE dedupe_key LIKE 'remind:大同市:results%'")
        ).scalar_one()
    msg = message_from_string(raw, policy=policy.default)
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == template.name
    assert att.get_content() == template.read_bytes()
    assert "为统一格式的空白表格" in msg.get_body(("plain",)).get_content()
    assert list(message_from_string(other, policy=policy.default).iter_attachments()) == []


def test_reminders_on_postgresql(pg_warehouse, campaign, three_cities):
    engine = connect(pg_warehouse)
    migrate(engine, campaign, county_table())
    _accept(engine, "阳泉市", "registry", [("张华", "zhanghua@yq.gov.cn")])
    for day in (dt.date(2021, 4, 20), dt.date(2021, 4, 20), dt.date(2021, 4, 24)):
        _night(engine, three_cities, day)
    assert [k for k in _outbox_keys(engine) if ":registry:" in k] == [
        "remind:大同市:registry:before3:2021-04-20",
        "remind:大同市:registry:overdue:2021-04-24",
        "remind:太原市:registry:before3:2021-04-20",
        "remind:太原市:registry:overdue:2021-04-24",
    ]
    engine.dispose()
