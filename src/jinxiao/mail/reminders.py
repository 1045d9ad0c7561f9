"""Deadline reminders and overdue notices for cities that have not sent a form yet.

Each reminder has a scheduled day (deadline - N for N in reminder_days_before; deadline +
overdue_after_days for the overdue notice) and a dedupe key naming that day, so it goes out
once: on its day, or on the first run after it when a night was skipped. When several
before-deadline reminders are due at once (nights skipped), only the latest one goes; the
older ones would say the same thing with a stale count of days.
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
class Reminder:
    key: str  # "remind:<city>:<form>:<kind>:<scheduled day>"
    city_name: str
    form: str
    kind: str  # "before3", "before1" ... or "overdue"
    scheduled: dt.date
    deadline: dt.date
    recipients: tuple[str, ...]
    recipients_from: str  # "contacts" (plan submission) or "registry"
    attachment: Path | None = None

    @property
    def overdue(self) -> bool:
        return self.kind == "overdue"


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


def due_reminders(
    engine: Engine,
    campaign: Campaign,
    today: dt.date,
    registry: SenderRegistry,
    template_for: TemplateFor | None = None,
) -> list[Reminder]:
    """Reminders due today and not yet enqueued, for every city and form not accepted yet."""
    due: list[Reminder] = []
    with engine.connect() as conn:
        accepted = _accepted(conn)
        sent = known_keys(conn, "remind:")
        for city in campaign.cities:
            todo = []
            for spec in campaign.forms.values():
                if (city.name, spec.code) in accepted:
                    continue
                got = _due_kind(spec, campaign, today)
                if got and reminder_key(city.name, spec.code, got[0], got[1]) not in sent:
                    todo.append((spec, *got))
            if not todo:
                continue
            recipients, source = contact_addresses(conn, city.name), "contacts"
            if not recipients:
                recipients, source = registry.addresses_of(city.name), "registry"
            if not recipients:
                log.warning("no address to remind %s; add it to the sender registry", city.name)
                continue
            for spec, kind, scheduled in todo:
                due.append(
                    Reminder(
                        key=reminder_key(city.name, spec.code, kind, scheduled),
                        city_name=city.name, form=spec.code, kind=kind,
                        scheduled=scheduled, deadline=spec.deadline,
                        recipients=tuple(recipients), recipients_from=source,
                        attachment=template_for(city.name, spec.code) if template_for else None,
                    )
                )  # fmt: skip
    return due


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


_WEEKDAY = "一二三四五六日"


def _deadline_text(spec: FormSpec) -> str:
    return f"{_day(spec.deadline)}（星期{_WEEKDAY[spec.deadline.weekday()]}）24时前"


def _subject(r: Reminder, spec: FormSpec) -> str:
    if r.overdue:
        return f"【逾期提醒】{r.city_name}尚未报送“{spec.title}”（截止{_day(spec.deadline)}）"
    return f"【报送提醒】请于{_day(spec.deadline)}前报送“{spec.title}”（{r.city_name}）"


def _body(r: Reminder, spec: FormSpec, campaign: Campaign, today: dt.date) -> str:
    lines = [f"{r.city_name}商务局：", ""]
    if r.overdue:
        lines.append(
            f"按我厅通知（{campaign.notice}）要求，“{spec.title}”应于{_deadline_text(spec)}报送。"
            f"截至{_day(today)}，我厅尚未收到贵局合格的{spec.title}，已逾期，请尽快报送。"
        )
    else:
        left = (r.deadline - today).days
        when = "今天" if left == 0 else f"还有{left}天"
        lines.append(
            f"按我厅通知（{campaign.notice}）要求，“{spec.title}”应于{_deadline_text(spec)}报送，"
            f"距截止{when}。截至{_day(today)}，我厅尚未收到贵局合格的{spec.title}，请按时报送。"
        )
    if spec.deadline_note:
        lines.append(spec.deadline_note)
    lines += [
        "",
        f"报送方式：将表格作为附件发送至本邮箱，邮件主题请注明“{r.city_name}”和“{spec.title}”。",
    ]
    if r.attachment is not None:
        lines.append(
            f"附件“{r.attachment.name}”为统一格式的空白表格，请按表填写后报送，勿改动表头。"
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
    """One city's reminder for one form, with the blank template attached when given."""
    spec = campaign.forms[reminder.form]
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = ", ".join(reminder.recipients)
    msg["Subject"] = _subject(reminder, spec)
    msg["Date"] = email.utils.format_datetime(now or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = f"<{message_id_for(reminder.key, from_addr)}>"
    msg["X-Jinxiao-Key"] = reminder.key
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(_body(reminder, spec, campaign, today), charset="utf-8", cte="base64")
    if reminder.attachment is not None:
        path = reminder.attachment
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
    """Compose and enqueue every reminder due today; the ones newly enqueued."""
    done = []
    for reminder in due_reminders(engine, campaign, today, registry, template_for):
        msg = compose_reminder(reminder, campaign, from_addr, today)
        with engine.begin() as conn:
            kind = "overdue" if reminder.overdue else "reminder"
            if enqueue(
                conn, reminder.key, msg, kind, city_name=reminder.city_name, form=reminder.form
            ):
                done.append(reminder)
    return done
