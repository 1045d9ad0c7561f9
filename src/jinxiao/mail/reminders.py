"""Deadline reminders and overdue notices for cities that have not sent a form yet.

Each form's reminder has a scheduled day (deadline - N for N in reminder_days_before;
deadline + overdue_after_days for the overdue notice) and an item key naming that day, so it
goes out once: on its day, or on the first run after it when a night was skipped. When
several before-deadline reminders of a form are due at once (nights skipped), only the latest
one goes; the older ones would say the same thing with a stale count of days.

A city gets at most one mail a day (issue 13): when any form's reminder is due, the day's
mail lists every form of the city still due soon or overdue, and records the reminders it
carried in reminder_item. It goes to the contacts of the city's plan and to the city's
registered mailbox (senders.csv) alike.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from jinxiao.config import Campaign, FormSpec
from jinxiao.intake.senders import SenderRegistry
from jinxiao.mail.outbox import enqueue, known_keys, message_id_for

log = logging.getLogger(__name__)

TemplateFor = Callable[[str, str], Path | None]


@dataclass(frozen=True)
class ReminderItem:
    """One form in a city's reminder mail."""

    key: str  # "remind:<city>:<form>:<kind>:<scheduled day>"
    form: str
    kind: str  # "before3", "before1" ... or "overdue"
    scheduled: dt.date
    deadline: dt.date
    new: bool  # this mail is the form's reminder (False: listed again, still outstanding)
    attachment: Path | None = None

    @property
    def overdue(self) -> bool:
        return self.kind == "overdue"


@dataclass(frozen=True)
class Reminder:
    """A city's reminder mail of one day, listing every form due soon or overdue."""

    key: str  # "remind:<city>:<day>"
    city_name: str
    day: dt.date
    items: tuple[ReminderItem, ...]
    recipients: tuple[str, ...]
    recipients_from: str  # "contacts+registry", "contacts" (plan submission) or "registry"

    @property
    def overdue(self) -> bool:
        return any(i.overdue for i in self.items)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(i.form for i in self.items)


def mail_key(city: str, day: dt.date) -> str:
    return f"remind:{city}:{day.isoformat()}"


def reminder_key(city: str, form: str, kind: str, scheduled: dt.date) -> str:
    return f"remind:{city}:{form}:{kind}:{scheduled.isoformat()}"


def _due_kind(spec: FormSpec, campaign: Campaign, today: dt.date) -> tuple[str, dt.date] | None:
    """The one reminder of a form due today, if any: (kind, scheduled day)."""
    overdue_on = spec.deadline + dt.timedelta(days=campaign.overdue_after_days)
    if today >= overdue_on:
        return "overdue", overdue_on
    if today > spec.deadline:
        return None
    started = [n for n in campaign.reminder_days_before if spec.deadline - dt.timedelta(n) <= today]
    if not started:
        return None
    n = min(started)
    return f"before{n}", spec.deadline - dt.timedelta(days=n)


def _accepted(conn: Connection) -> set[tuple[str, str]]:
    rows = conn.execute(
        text("SELECT DISTINCT city_name, form FROM submission WHERE outcome = 'accepted'")
    )
    return {(r[0], r[1]) for r in rows}


def contact_addresses(conn: Connection, city_name: str) -> list[str]:
    """E-mail addresses of the contacts in the city's accepted plan submission."""
    rows = conn.execute(
        text(
            "SELECT c.email FROM contact c JOIN submission s ON s.submission_id = c.submission_id "
            "WHERE s.city_name = :c AND s.form = 'plan' AND s.outcome = 'accepted' "
            "AND c.email IS NOT NULL ORDER BY c.contact_id"
        ),
        {"c": city_name},
    )
    found: list[str] = []
    for (value,) in rows:
        for _name, addr in email.utils.getaddresses([value.replace("；", ",").replace(";", ",")]):
            addr = addr.strip().lower()
            if "@" in addr and addr not in found:
                found.append(addr)
    return found


def _sent_items(conn: Connection) -> set[str]:
    """Form reminders already sent: reminder_item, plus the outbox keys of the one-mail-per-form
    reminders of warehouses older than revision 0006 (same key shape)."""
    items = set(conn.execute(text("SELECT item_key FROM reminder_item")).scalars())
    return items | {k for k in known_keys(conn, "remind:") if k.count(":") == 4}


def recipients_of(
    conn: Connection, city_name: str, registry: SenderRegistry
) -> tuple[list[str], str]:
    """The plan's contacts and the city's registered mailbox, contacts first, each once."""
    contacts = contact_addresses(conn, city_name)
    registered = [a for a in registry.addresses_of(city_name) if a not in contacts]
    source = "+".join(n for n, found in (("contacts", contacts), ("registry", registered)) if found)
    return contacts + registered, source


def due_reminders(
    engine: Engine,
    campaign: Campaign,
    today: dt.date,
    registry: SenderRegistry,
    template_for: TemplateFor | None = None,
) -> list[Reminder]:
    """Each city's mail of the day, when one of its forms not accepted yet has a reminder due
    and not sent yet; the mail lists all its forms due soon or overdue."""
    due: list[Reminder] = []
    with engine.connect() as conn:
        accepted = _accepted(conn)
        sent = _sent_items(conn)
        mailed = known_keys(conn, "remind:")
        for city in campaign.cities:
            if mail_key(city.name, today) in mailed:
                continue
            items = []
            for spec in campaign.forms.values():
                got = _due_kind(spec, campaign, today)
                if (city.name, spec.code) in accepted or got is None:
                    continue
                key = reminder_key(city.name, spec.code, got[0], got[1])
                attachment = template_for(city.name, spec.code) if template_for else None
                items.append(
                    ReminderItem(key, spec.code, got[0], got[1], spec.deadline,
                                 key not in sent, attachment)
                )  # fmt: skip
            if not any(i.new for i in items):
                continue
            recipients, source = recipients_of(conn, city.name, registry)
            if not recipients:
                log.warning("no address to remind %s; add it to the sender registry", city.name)
                continue
            # Overdue forms first: they are what the city must act on now.
            items.sort(key=lambda i: (not i.overdue, i.deadline))
            due.append(
                Reminder(mail_key(city.name, today), city.name, today, tuple(items),
                         tuple(recipients), source)
            )  # fmt: skip
    return due


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


_WEEKDAY = "一二三四五六日"


def _deadline_text(spec: FormSpec) -> str:
    # The deadline plainly, as the campaign data has it (the plan's is 4月30日): a reminder
    # is no place to discuss the notice's wording.
    return f"{_day(spec.deadline)}（星期{_WEEKDAY[spec.deadline.weekday()]}）24时"


def _subject(r: Reminder, campaign: Campaign) -> str:
    titles = "、".join(f"“{campaign.forms[i.form].title}”" for i in r.items)
    if r.overdue:
        late = sum(1 for i in r.items if i.overdue)
        return (
            f"【逾期提醒】{r.city_name}尚有{len(r.items)}项材料未报送（{late}项已逾期）：{titles}"
        )
    if len(r.items) == 1:
        spec = campaign.forms[r.items[0].form]
        return f"【报送提醒】请于{_day(spec.deadline)}前报送{titles}（{r.city_name}）"
    return f"【报送提醒】{r.city_name}尚有{len(r.items)}项材料待报送：{titles}"


def _item_line(n: int, item: ReminderItem, spec: FormSpec, today: dt.date) -> str:
    numeral = "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
    if item.overdue:
        state = "已逾期，请尽快报送"
    else:
        left = (item.deadline - today).days
        state = ("今天截止" if left == 0 else f"距截止还有{left}天") + "，请按时报送"
    return f"{numeral}、“{spec.title}”：应于{_deadline_text(spec)}前报送，{state}。"


def _body(r: Reminder, campaign: Campaign, today: dt.date) -> str:
    we = campaign.wording.we
    lines = [
        f"{campaign.office_of(r.city_name)}：",
        "",
        f"按{we}通知（{campaign.notice}）要求，截至{_day(today)}，"
        f"{we}尚未收到{campaign.you(r.city_name)}合格的以下{len(r.items)}项材料：",
        "",
    ]
    for n, item in enumerate(r.items, start=1):
        lines.append(_item_line(n, item, campaign.forms[item.form], today))
    lines += [
        "",
        f"报送方式：将表格作为附件发送至本邮箱，邮件主题请注明“{r.city_name}”和材料名称。",
    ]
    for item in r.items:
        if item.attachment is not None:
            lines.append(
                f"附件“{item.attachment.name}”为“{campaign.forms[item.form].title}”统一格式的"
                "空白表格，请按表填写后报送，勿改动表头。"
            )
    lines += [
        "如已报送但被退回，请按退回邮件所列问题修改后重新发送；如近一日内已报送，请忽略本提醒。",
        "",
        "本邮件由报送系统自动发送。如有疑问，请直接回复本邮件。",
        "",
        campaign.organiser,
    ]
    return "\n".join(lines) + "\n"


def compose_reminder(
    reminder: Reminder,
    campaign: Campaign,
    from_addr: str,
    today: dt.date,
    now: dt.datetime | None = None,
) -> EmailMessage:
    """One city's reminder of the day, with each listed form's blank template attached."""
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = ", ".join(reminder.recipients)
    msg["Subject"] = _subject(reminder, campaign)
    msg["Date"] = email.utils.format_datetime(now or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = f"<{message_id_for(reminder.key, from_addr)}>"
    msg["X-Jinxiao-Key"] = reminder.key
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(_body(reminder, campaign, today), charset="utf-8", cte="base64")
    for path in dict.fromkeys(i.attachment for i in reminder.items if i.attachment is not None):
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    return msg


def enqueue_reminders(
    engine: Engine,
    campaign: Campaign,
    today: dt.date,
    registry: SenderRegistry,
    from_addr: str,
    template_for: TemplateFor | None = None,
) -> list[Reminder]:
    """Compose and enqueue each city's reminder mail due today; the ones newly enqueued."""
    done = []
    for reminder in due_reminders(engine, campaign, today, registry, template_for):
        msg = compose_reminder(reminder, campaign, from_addr, today)
        kind = "overdue" if reminder.overdue else "reminder"
        form = reminder.forms[0] if len(reminder.forms) == 1 else None
        with engine.begin() as conn:
            if not enqueue(conn, reminder.key, msg, kind, city_name=reminder.city_name,
                           **({"form": form} if form else {})):  # fmt: skip
                continue
            for item in reminder.items:
                if item.new:
                    conn.execute(
                        text(
                            "INSERT INTO reminder_item (item_key, outbox_key, city_name, form, "
                            "kind, scheduled) VALUES (:k, :o, :c, :f, :kind, :d) "
                            "ON CONFLICT (item_key) DO NOTHING"
                        ),
                        {"k": item.key, "o": reminder.key, "c": reminder.city_name,
                         "f": item.form, "kind": item.kind, "d": item.scheduled},
                    )  # fmt: skip
            done.append(reminder)
    return done
