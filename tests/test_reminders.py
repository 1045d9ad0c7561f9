"""Deadline reminders: due on deadline-3, deadline-1 and after the deadline, exactly once each
through repeated and skipped nights; none once accepted; one mail per city and day listing
every form due or overdue, to the plan's contacts and the registered mailbox."""

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
    """The form reminders (item keys) newly carried by the night's mails, run `times` times."""
    keys = []
    for _ in range(times):
        for r in enqueue_reminders(engine, campaign, day, REGISTRY, PROVINCE, template_for):
            keys += [i.key for i in r.items if i.new]
    return keys


def _outbox_keys(engine) -> list[str]:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT dedupe_key FROM outbox ORDER BY dedupe_key")).scalars().all()
        )


def _items(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT item_key, outbox_key FROM reminder_item ORDER BY item_key")
        ).all()
    return [tuple(r) for r in rows]


def _days(start: dt.date, end: dt.date):
    while start <= end:
        yield start
        start += dt.timedelta(days=1)


def _smtp(server) -> SmtpConfig:
    return SmtpConfig(server.host, server.port, None, None, False, False, PROVINCE, None)


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
    items = _items(engine)
    plan = [k for k, _mail in items if ":plan:" in k]
    assert plan == [
        f"remind:{c}:plan:{kind}"
        for c in ("大同市", "太原市", "阳泉市")
        for kind in ("before1:2021-04-29", "before3:2021-04-27", "overdue:2021-05-01")
    ]
    assert len(items) == 6 + 9  # no reminder twice, whatever the number of runs
    # One mail per city and day: 04-27's mail to 大同 carries the plan's reminder and lists
    # the overdue registry with it.
    mails = _outbox_keys(engine)
    assert len(mails) == len(set(mails)) == len({mail for _k, mail in items})
    assert ("remind:大同市:plan:before3:2021-04-27", "remind:大同市:2021-04-27") in items
    with engine.connect() as conn:
        subject = conn.execute(
            text("SELECT subject FROM outbox WHERE dedupe_key = 'remind:大同市:2021-04-27'")
        ).scalar_one()
    assert subject == (
        "【逾期提醒】大同市尚有2项材料未报送（1项已逾期）："
        "“附件2 活动名录”、“工作方案、活动安排计划表、联系人名单”"
    )


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


def test_one_mail_lists_every_form_due_to_contacts_and_registered_mailbox(
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

    assert {(r.city_name, r.forms) for r in due} == {
        ("太原市", ("registry",)),
        ("阳泉市", ("registry",)),
    }
    by_city = {r.city_name: r for r in due}
    # The plan's contacts first, then the city's registered mailboxes (senders.csv), once each.
    assert by_city["太原市"].recipients == (
        "wangli@ty.gov.cn", "liqiang@163.com", "taiyuan_shangwu@126.com", "tysswj_scyxk@163.com",
    )  # fmt: skip
    assert by_city["太原市"].recipients_from == "contacts+registry"
    assert by_city["阳泉市"].recipients == ("yqswj@163.com",)
    assert by_city["阳泉市"].recipients_from == "registry"

    enqueue_reminders(engine, three_cities, dt.date(2021, 4, 20), REGISTRY, PROVINCE)
    assert len(send_pending(engine, _smtp(smtp_server)).sent) == 2
    ty = next(m for m in smtp_server.messages if "wangli@ty.gov.cn" in m.rcpt_tos)
    assert ty.rcpt_tos == by_city["太原市"].recipients
    msg = ty.parsed()
    assert msg["Subject"] == "【报送提醒】请于2021年4月23日前报送“附件2 活动名录”（太原市）"
    assert msg["From"] == PROVINCE
    assert msg["Message-ID"] == f"<{message_id_for('remind:太原市:2021-04-20', PROVINCE)}>"
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("太原市商务局：")
    assert "一、“附件2 活动名录”：应于2021年4月23日（星期五）24时前报送，距截止还有3天" in body

    # 04-29: 阳泉's plan is due tomorrow and its registry overdue: one mail names both.
    enqueue_reminders(engine, three_cities, dt.date(2021, 4, 29), REGISTRY, PROVINCE)
    send_pending(engine, _smtp(smtp_server))
    yq = [m.parsed() for m in smtp_server.messages if m.rcpt_tos == ("yqswj@163.com",)]
    assert len(yq) == 2  # one on 04-20, one on 04-29
    text_ = yq[-1].get_body(("plain",)).get_content()
    assert "截至2021年4月29日，我厅尚未收到贵局合格的以下2项材料" in text_
    assert (
        "一、“附件2 活动名录”：应于2021年4月23日（星期五）24时前报送，已逾期，请尽快报送。" in text_
    )
    assert (
        "二、“工作方案、活动安排计划表、联系人名单”：应于2021年4月30日（星期五）24时前报送，"
        "距截止还有1天，请按时报送。"
    ) in text_


def test_plan_deadline_is_stated_plainly_and_overdue_wording(engine, three_cities, smtp_server):
    _accept(engine, "阳泉市", "registry")
    enqueue_reminders(engine, three_cities, dt.date(2021, 4, 29), REGISTRY, PROVINCE)
    enqueue_reminders(engine, three_cities, dt.date(2021, 5, 2), REGISTRY, PROVINCE)
    send_pending(engine, _smtp(smtp_server))
    by_subject = {m["Subject"]: m for m in smtp_server.parsed() if "阳泉" in m["Subject"]}

    before = by_subject[
        "【报送提醒】请于2021年4月30日前报送“工作方案、活动安排计划表、联系人名单”（阳泉市）"
    ]
    text_ = before.get_body(("plain",)).get_content()
    assert "2021年4月30日（星期五）24时前报送，距截止还有1天" in text_
    # The notice's 4月31日 is the province's slip: a reminder does not point it out.
    assert "4月31日" not in text_ and "不存在" not in text_
    overdue = by_subject[
        "【逾期提醒】阳泉市尚有1项材料未报送（1项已逾期）：“工作方案、活动安排计划表、联系人名单”"
    ]
    assert (
        "截至2021年5月2日，我厅尚未收到贵局合格的以下1项材料"
        in (body := overdue.get_body(("plain",)).get_content())
        and "已逾期，请尽快报送" in body
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
            text("SELECT raw_message FROM outbox WHERE dedupe_key = 'remind:阳泉市:2021-05-29'")
        ).scalar_one()
        other = conn.execute(
            text("SELECT raw_message FROM outbox WHERE dedupe_key = 'remind:大同市:2021-05-29'")
        ).scalar_one()
    msg = message_from_string(raw, policy=policy.default)
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == template.name
    assert att.get_content() == template.read_bytes()
    assert "统一格式的空白表格" in msg.get_body(("plain",)).get_content()
    assert list(message_from_string(other, policy=policy.default).iter_attachments()) == []


def test_a_per_form_reminder_sent_before_the_upgrade_is_not_sent_again(engine, three_cities):
    """Warehouses older than revision 0006 hold one outbox row per form reminder."""
    from email.message import EmailMessage

    from jinxiao.mail.outbox import enqueue

    old = EmailMessage()
    old["From"], old["To"], old["Subject"] = PROVINCE, "yqswj@163.com", "旧提醒"
    with engine.begin() as conn:
        enqueue(conn, "remind:阳泉市:registry:before3:2021-04-20", old, "reminder")
    assert _night(engine, three_cities, dt.date(2021, 4, 20)) == [
        "remind:太原市:registry:before3:2021-04-20",
        "remind:大同市:registry:before3:2021-04-20",
    ]


def test_reminders_on_postgresql(pg_warehouse, campaign, three_cities):
    engine = connect(pg_warehouse)
    migrate(engine, campaign, county_table())
    _accept(engine, "阳泉市", "registry", [("张华", "zhanghua@yq.gov.cn")])
    for day in (dt.date(2021, 4, 20), dt.date(2021, 4, 20), dt.date(2021, 4, 24)):
        _night(engine, three_cities, day)
    assert [k for k, _mail in _items(engine) if ":registry:" in k] == [
        "remind:大同市:registry:before3:2021-04-20",
        "remind:大同市:registry:overdue:2021-04-24",
        "remind:太原市:registry:before3:2021-04-20",
        "remind:太原市:registry:overdue:2021-04-24",
    ]
    assert _outbox_keys(engine) == [
        "remind:大同市:2021-04-20", "remind:大同市:2021-04-24",
        "remind:太原市:2021-04-20", "remind:太原市:2021-04-24",
    ]  # fmt: skip
    engine.dispose()
