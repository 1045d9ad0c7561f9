"""Replies to the cities (receipts, rejections) and quarantine notices to ops, in Chinese.

A reply answers one message, threaded under it, and tells the clerk per file what happened,
which rows and columns (as the city wrote them) need a look, and what to do next. Nobody is
answered who did not write to us: unknown senders (ops is told instead), automatic mail
(auto-replies, bounces: answering them risks a mail loop) and a second copy of a message
already answered (same Message-ID).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email import errors
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy import Connection, Engine, text

from jinxiao.config import Campaign, Wording
from jinxiao.domain.labels import REASON_ZH
from jinxiao.domain.models import NormalisedTable, Problem
from jinxiao.domain.outcomes import MessageResult, SubmissionResult
from jinxiao.domain.times import as_time
from jinxiao.mail.outbox import enqueue, message_id_for
from jinxiao.warehouse.queries import report_sql

MAX_PROBLEMS_LISTED = 200
# What of a question's text ops read in the notice (the whole mail is in the archive).
MAX_QUESTION_CHARS = 2000
_REPLY_PREFIX = re.compile(r"^\s*((回复|答复|回覆|Re|RE|re|Aw|AW|Antw)\s*[:：]\s*)+")
_AUTOMATIC_SENDERS = ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply")
_NUMERALS = "一二三四五六七八九十"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CityTotals:
    """A city's registry figures as v_city_summary gives them."""

    city_name: str
    counties: int
    activities: int
    enterprises: int
    est_turnover_yi: float


@dataclass(frozen=True)
class CurrentFile:
    """The accepted (current) submission of a city and form, to name in a superseded reply."""

    form: str
    filename: str
    received_at: dt.datetime | None
    subject: str | None


@dataclass(frozen=True)
class FileHistory:
    """What an accepted file did to the city's record: the versions it replaced (so the reply
    says 以此为准) and whether the form's first accepted version came after the deadline."""

    replaced: tuple[CurrentFile, ...] = ()
    late: bool = False
    first_received: dt.datetime | None = None  # the form's first accepted version


def file_histories(
    conn: Connection, result: MessageResult, campaign: Campaign
) -> dict[int, FileHistory]:
    """Per accepted submission of a committed message (read inside its transaction)."""
    out: dict[int, FileHistory] = {}
    for sub in result.submissions:
        if sub.outcome != "accepted" or sub.submission_id is None or not sub.form:
            continue
        rows = conn.execute(
            text(
                "SELECT s.form, s.filename, s.received_at, m.subject FROM submission s "
                "JOIN message m ON m.message_key = s.message_key "
                "WHERE s.superseded_by = :id ORDER BY s.received_at, s.submission_id"
            ),
            {"id": sub.submission_id},
        ).all()
        first = conn.execute(
            text(
                "SELECT MIN(received_at) FROM submission WHERE city_name = :c AND form = :f "
                "AND outcome IN ('accepted', 'superseded')"
            ),
            {"c": result.city_name, "f": sub.form},
        ).scalar()
        spec = campaign.forms.get(sub.form)
        first_at = as_time(first)
        late = bool(spec and first_at and first_at > spec.deadline_end(campaign.tz))
        replaced = tuple(CurrentFile(r[0], r[1], as_time(r[2]), r[3]) for r in rows)
        out[sub.submission_id] = FileHistory(replaced, late, first_at)
    return out


def city_totals(conn: Connection, city_name: str) -> CityTotals | None:
    """The city's v_city_summary figures, from its own rows only (sql/reports/city_totals.sql):
    one per reply, so the cost must not grow with the other cities' or older rows."""
    row = conn.execute(text(report_sql("city_totals")), {"city": city_name}).first()
    if row is None:
        return None
    return CityTotals(city_name, int(row[0]), int(row[1]), int(row[2]), float(row[3] or 0))


def current_files(conn: Connection, city_name: str) -> dict[str, CurrentFile]:
    rows = conn.execute(
        text(
            "SELECT s.form, s.filename, s.received_at, m.subject FROM submission s "
            "JOIN message m ON m.message_key = s.message_key "
            "WHERE s.city_name = :c AND s.outcome = 'accepted' ORDER BY s.submission_id"
        ),
        {"c": city_name},
    ).all()
    return {r[0]: CurrentFile(r[0], r[1], as_time(r[2]), r[3]) for r in rows}


def reply_key(result: MessageResult) -> str:
    return f"reply:{result.message_key}"


def ops_key(result: MessageResult) -> str:
    return f"ops:{result.message_key}"


def reply_subject(original: str | None) -> str:
    """ "回复：" once, however many reply prefixes the original already carries."""
    base = _REPLY_PREFIX.sub("", original or "").strip()
    return f"回复：{base or '（无主题）'}"


def _when(value: dt.datetime | None, campaign: Campaign) -> str:
    if value is None:
        return "（时间不详）"
    local = value.astimezone(campaign.tz)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _form_title(form: str | None, campaign: Campaign) -> str | None:
    spec = campaign.forms.get(form or "")
    return spec.title if spec else None


def problem_line(p: Problem, sheet_word: str | None = None) -> str:
    """The finding with its Excel row and column, unless its text already starts with them;
    with `sheet_word` (工作表, or 表格 for Word), the row's sheet too, so every finding names
    sheet, Excel row and column as the held rows do."""
    msg = p.message_zh.strip()
    if sheet_word and p.sheet and p.excel_row and msg.startswith(f"第{p.excel_row}行"):
        msg = f"{sheet_word}“{p.sheet}”{msg}"
    placed = msg.startswith(
        tuple(f"{w}第{p.excel_row}行" for w in ("", f"工作表“{p.sheet}”", f"表格“{p.sheet}”"))
    )
    if p.excel_row and not placed:
        sheet = f"{sheet_word}“{p.sheet}”" if sheet_word and p.sheet else ""
        where = f"{sheet}第{p.excel_row}行" + (f"“{p.column}”" if p.column else "")
        return f"{where}：{msg}"
    if p.column and not p.excel_row and f"“{p.column}”" not in msg:
        return f"“{p.column}”列：{msg}"
    return msg


def _listed(
    problems: list[Problem], indent: str = "    ", sheet_word: str | None = None
) -> list[str]:
    shown = problems[:MAX_PROBLEMS_LISTED]
    lines = [f"{indent}{i}. {problem_line(p, sheet_word)}" for i, p in enumerate(shown, start=1)]
    if len(problems) > len(shown):
        lines.append(f"{indent}……另有{len(problems) - len(shown)}处，修改以上各处后请通查全表。")
    return lines


def _money(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _column_sum(sub: SubmissionResult, column: str) -> float | None:
    values = [] if sub.table is None else sub.table.column(column)
    # The normaliser writes int, float or None here; `v == v` drops a NaN.
    known = [float(v) for v in values if isinstance(v, int | float) and v == v]
    return sum(known) if known else None


def _rows_by_sheet(nt: NormalisedTable) -> dict[str, list[int]]:
    by_sheet: dict[str, list[int]] = {}
    for rec in nt.records:
        excel_row = rec["excel_row"]
        assert isinstance(excel_row, int)  # the normaliser copies SourceRow.excel_row, an int
        by_sheet.setdefault(str(rec["sheet"]), []).append(excel_row)
    return by_sheet


def _per_sheet(nt: NormalisedTable, rows_text: Callable[[list[int]], str], sep: str) -> str:
    """The taken rows as `rows_text` words them: 表格… for one sheet, else sheet by sheet."""
    by_sheet = _rows_by_sheet(nt)
    if len(by_sheet) == 1:
        (rows,) = by_sheet.values()
        return f"表格{rows_text(rows)}"
    word = nt.table.sheet_word
    return sep.join(f"{word}“{s}”{rows_text(r)}" for s, r in by_sheet.items())


def _row_spans(nt: NormalisedTable) -> str:
    """表格第4行至第11行, or 工作表“小店区”第4行至第9行、工作表“迎泽区”第4行至第7行."""
    return _per_sheet(nt, lambda rows: f"第{min(rows)}行至第{max(rows)}行", "、")


def _runs(rows: list[int]) -> str:
    """第4行、第7行至第9行: consecutive Excel rows as one span."""
    spans: list[tuple[int, int]] = []
    for r in sorted(rows):
        if spans and r == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    return "、".join(f"第{a}行" if a == b else f"第{a}行至第{b}行" for a, b in spans)


def _row_list(nt: NormalisedTable) -> str:
    """The taken rows exactly, sheet by sheet (a partly accepted table has gaps)."""
    return _per_sheet(nt, _runs, "；")


def _why(cell_problem: str, sheet: str, excel_row: int, column: str, word: str) -> str:
    """The finding without the place the line above already names, ending in 。."""
    text = cell_problem.strip()
    for lead in (f"{word}“{sheet}”第{excel_row}行“{column}”：", f"第{excel_row}行“{column}”："):
        if text.startswith(lead):
            text = text[len(lead) :]
            break
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _accepted_lines(sub: SubmissionResult) -> list[str]:
    if sub.table is None:
        n = len(sub.contacts)
        extra = f"，从中识别联系人{n}名（用于后续提醒）" if n else ""
        return [f"    结果：已收到并存档{extra}。"]
    rows = len(sub.table.records)
    span = f"（{_row_spans(sub.table)}）" if rows else ""
    if sub.held and rows:
        # Held rows sit between the taken ones: name the taken rows exactly.
        span = f"（{_row_list(sub.table)}）"
    if sub.held:
        lines = [
            f"    结果：部分采用，入库{rows}行数据{span}；"
            f"另有{len(sub.held)}行待核实，暂未入库，不计入任何汇总（见下）。"
        ]
    else:
        lines = [f"    结果：已采用，入库{rows}行数据{span}。"]
    figures = []
    if (v := _column_sum(sub, "enterprise_count")) is not None:
        figures.append(f"参与企业{_money(v)}家")
    if (v := _column_sum(sub, "actual_turnover_wan")) is not None:
        figures.append(f"实际成交额{_money(v)}万元")
    if (v := _column_sum(sub, "est_turnover_wan")) is not None:
        figures.append(f"预估成交{_money(v)}万元")
    if figures:
        lines.append(f"    本文件合计：{'，'.join(figures)}（按已填写的数值合计）。")
    return lines


def _held_lines(sub: SubmissionResult) -> list[str]:
    """Each held cell: where (sheet, Excel row, column), what the city typed, and why."""
    if not sub.held:
        return []
    word = sub.table.table.sheet_word if sub.table else "工作表"
    lines = [f"    待核实的{len(sub.held)}行（请逐项更正）："]
    n = 0
    for row in sub.held:
        for cell in row.cells:
            n += 1
            typed = f"“{cell.raw_value}”" if cell.raw_value else "（空白）"
            lines += [
                f"      {n}. {word}“{row.sheet}”第{row.excel_row}行，“{cell.column}”列，"
                f"填写内容：{typed}",
                f"         原因：{_why(cell.problem_zh, row.sheet, row.excel_row, cell.column, word)}",
            ]
    lines.append(
        "    请更正以上各行后重新发送完整表格（含本次已采用的各行）；"
        "收到更正后的表格后，将以新表格替代本文件。"
    )
    return lines


def _superseded_lines(
    sub: SubmissionResult, current: Mapping[str, CurrentFile], campaign
) -> list[str]:
    cur = current.get(sub.form or "")
    we = campaign.wording.we
    if cur is None:
        return [f"    结果：{we}已有该表更新的版本，本文件按旧版本存档，未采用。"]
    return [
        f"    结果：未采用。{we}现行采用的是{_when(cur.received_at, campaign)}收到的"
        f"“{cur.filename}”" + (f"（邮件主题：{cur.subject}）" if cur.subject else "") + "，",
        "    本文件发送时间早于该版本，按最后发送的版本为准。如需以本文件为准，请重新发送本文件。",
    ]


def _rejected_lines(sub: SubmissionResult) -> list[str]:
    reason = REASON_ZH.get(sub.reason_class or "", "未能采用")
    lines = [f"    结果：退回修改（{reason}），本文件的数据未入库。"]
    if sub.errors:
        lines.append("    需修改的问题：")
        word = sub.table.table.sheet_word if sub.table is not None else None
        lines += _listed(sub.errors, "      ", word)
    elif sub.reason_detail:
        lines.append(f"    问题：{sub.reason_detail}")
    return lines


# Findings for the province's staff only: a city is not told its mail was not vouched for
# (a forger would learn what passes) — the tracker shows it.
STAFF_ONLY = frozenset({"sender_unverified"})


def _warning_lines(sub: SubmissionResult) -> list[str]:
    """Every warning the README's table of checks promises (blank counts and amounts, units
    assumed, figures out of range or implausible), each naming sheet, Excel row and column."""
    warnings = [p for p in sub.warnings if p.code not in STAFF_ONLY]
    if not warnings:
        return []
    head = (
        f"    请核对以下{len(warnings)}条提示（不影响采用；如需更正，请修改后重新发送完整表格）："
        if sub.outcome == "accepted"
        else "    另请一并核对以下提示："
    )
    word = sub.table.table.sheet_word if sub.table is not None else None
    return [head, *_listed(warnings, "      ", word)]


def _history_lines(
    sub: SubmissionResult, history: FileHistory | None, campaign: Campaign, you: str
) -> list[str]:
    """逾期 and 以此为准: what this accepted file did to the city's record."""
    if history is None:
        return []
    lines = []
    if history.late and sub.form in campaign.forms:
        spec = campaign.forms[sub.form]
        first = f"{you}该表的首个版本" if history.replaced else "本文件"
        lines.append(
            f"    逾期：该表截止时间为{_day(spec.deadline)}24时，{first}于"
            f"{_when(history.first_received, campaign)}收到，已过截止时间；本文件已采用，"
            "报送情况记为逾期。"
        )
    for old in history.replaced:
        lines.append(
            f"    本文件替代{you}{_when(old.received_at, campaign)}发来的“{old.filename}”"
            "，以此为准；原文件的数据不再计入汇总。"
        )
    return lines


def _file_section(
    n: int,
    sub: SubmissionResult,
    campaign: Campaign,
    current: Mapping[str, CurrentFile],
    history: Mapping[int, FileHistory],
    you: str,
) -> list[str]:
    title = _form_title(sub.form, campaign)
    numeral = _NUMERALS[n - 1] if n <= len(_NUMERALS) else str(n)
    what = "邮件正文中粘贴的表格" if sub.attachment.in_body else f"附件“{sub.attachment.filename}”"
    lines = [f"{numeral}、{what}" + (f"（{title}）" if title else "")]
    if sub.outcome == "accepted":
        lines += _accepted_lines(sub)
        lines += _history_lines(sub, history.get(sub.submission_id or -1), campaign, you)
        lines += _held_lines(sub)
    elif sub.outcome == "superseded":
        lines += _superseded_lines(sub, current, campaign)
    elif sub.outcome == "rejected":
        lines += _rejected_lines(sub)
    elif sub.outcome == "duplicate":
        lines.append(f"    结果：重复文件，无需处理。{sub.reason_detail or ''}".rstrip())
    else:
        lines.append(f"    结果：未作为报送处理。{sub.reason_detail or ''}".rstrip())
    return lines + _warning_lines(sub)


def _what_next(result: MessageResult, we: str) -> list[str]:
    outcomes = {s.outcome for s in result.submissions}
    lines = []
    if "rejected" in outcomes:
        lines.append(
            "请按上述问题修改后，直接回复本邮件或另发新邮件，附上修改后的完整表格"
            f"（请勿只发修改的行）。{we}以最后收到的合格表格为准。"
        )
    elif any(s.held for s in result.submissions if s.outcome == "accepted"):
        lines.append(
            "请按上述说明更正待核实的行后，直接回复本邮件或另发新邮件，附上更正后的完整表格"
            f"（请勿只发修改的行）。{we}以最后收到的表格为准，更正后的表格将替代本次部分采用的表格。"
        )
    elif outcomes <= {"duplicate", "ignored"}:
        lines.append("本次无需任何操作。")
    elif any(s.warnings for s in result.submissions if s.outcome == "accepted"):
        lines.append("如核对后无需更正，无需回复。")
    return lines


def _totals_lines(result: MessageResult, totals: CityTotals | None, we: str) -> list[str]:
    registry_taken = any(
        s.outcome == "accepted" and s.form == "registry" for s in result.submissions
    )
    if totals is None or not registry_taken:
        return []
    held = sum(
        len(s.held) for s in result.submissions if s.outcome == "accepted" and s.form == "registry"
    )
    return [
        f"截至本回复，{totals.city_name}活动名录汇总（以{we}现行采用的表格计）："
        f"参加县区（市）{totals.counties}个，重点活动{totals.activities}场，"
        f"参与企业{totals.enterprises}家，预估成交{totals.est_turnover_yi:.2f}亿元。",
        "（参与企业、预估成交按已填写的数值合计；空白或“不详”不计入"
        + (f"；待核实的{held}行未计入" if held else "")
        + "。）",
    ]


def _is_automatic(result: MessageResult) -> bool:
    detail = result.reason_detail or ""
    sender = result.email.sender if result.email else ""
    local = sender.split("@", 1)[0].lower()
    return "自动回复" in detail or "退信" in detail or local in _AUTOMATIC_SENDERS


def _body(
    result: MessageResult,
    totals,
    campaign: Campaign,
    current,
    history: Mapping[int, FileHistory] | None = None,
) -> str:
    em = result.email
    city = result.city_name or ""
    subject = em.subject if em and em.subject else "（无主题）"
    lines = [
        f"{campaign.office_of(city)}：",
        "",
        f"{campaign.you(city)}{_when(result.received_at, campaign)}发来的邮件（主题：{subject}）已收到，"
        "处理结果如下。",
        "",
    ]
    if not result.submissions and not (em and em.attachments):
        lines += [
            "本邮件未发现附件，未作为报送处理。",
            "如需报送，请将表格文件（Excel或Word）作为附件发送，不要粘贴在正文中或只发网盘链接；"
            "可直接回复本邮件并添加附件。",
        ]
    elif not result.submissions:
        lines.append(f"处理结果：{result.reason_detail or '本邮件未作为报送处理。'}")
    else:
        for n, sub in enumerate(result.submissions, start=1):
            lines += _file_section(n, sub, campaign, current, history or {}, campaign.you(city))
            lines.append("")
        lines += _totals_lines(result, totals, campaign.wording.we)
        lines += _what_next(result, campaign.wording.we)
    lines += [
        "",
        "本邮件由报送系统自动发送。如有疑问，请直接回复本邮件。",
        "",
        campaign.organiser,
    ]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def clean_body(body: str) -> str:
    """The question as the clerk wrote it, without the quoted thread below it, cut short."""
    kept = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith(">") or line.strip().startswith(
            ("-----原始邮件-----", "---- 回复的原邮件")
        ):
            break
        kept.append(line.rstrip())
    text = "\n".join(kept).strip()
    return text if len(text) <= MAX_QUESTION_CHARS else text[:MAX_QUESTION_CHARS] + "……"


def _threaded(message: EmailMessage, em) -> None:
    if em is None or not em.message_id:
        return
    parent = f"<{em.message_id}>"
    message["In-Reply-To"] = parent
    chain = [f"<{r.strip('<>')}>" for r in em.references if r]
    message["References"] = " ".join([*chain, parent])


def _new_message(key: str, from_addr: str, now: dt.datetime | None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["Date"] = email.utils.format_datetime(now or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = f"<{message_id_for(key, from_addr)}>"
    msg["X-Jinxiao-Key"] = key
    # Ask vacation responders not to answer us (RFC 3834), so no mail loop starts.
    msg["Auto-Submitted"] = "auto-replied" if key.startswith("reply:") else "auto-generated"
    return msg


def wants_reply(result: MessageResult) -> bool:
    if result.email is None or not result.email.sender or result.outcome == "quarantined":
        return False
    if result.question:
        # A person asked something: a robot verdict would answer nothing (see compose_ack).
        return False
    if result.outcome == "duplicate" and not result.submissions:
        # The same message (same Message-ID) was answered when its first copy came in.
        return False
    if result.outcome == "ignored" and not result.submissions and _is_automatic(result):
        return False
    if result.outcome == "ignored" and result.city_name is None:
        # A newsletter or spam from an unregistered address: an answer would be backscatter
        # and tell the sender the address is read.
        return False
    return True


def compose_reply(
    result: MessageResult,
    city_totals: CityTotals | None,
    campaign: Campaign,
    from_addr: str,
    current: Mapping[str, CurrentFile] | None = None,
    now: dt.datetime | None = None,
    history: Mapping[int, FileHistory] | None = None,
) -> EmailMessage | None:
    """The reply to one processed message, or None when it gets none (see module doc).

    `current` names each form's accepted file, for files superseded on arrival; `history`
    (by submission_id) what each accepted file replaced and whether it came late.
    """
    if not wants_reply(result):
        return None
    em = result.email
    assert em is not None  # wants_reply is False for a result without an email
    msg = _new_message(reply_key(result), from_addr, now)
    try:
        msg["To"] = Address(em.sender_name or "", addr_spec=em.sender)
    except (ValueError, IndexError, errors.HeaderParseError):
        log.warning("no reply to %s: unusable sender address %r", result.message_key, em.sender)
        return None
    msg["Subject"] = reply_subject(em.subject)
    _threaded(msg, em)
    body = _body(result, city_totals, campaign, current or {}, history)
    msg.set_content(body, charset="utf-8", cte="base64")
    return msg


def ack_key(result: MessageResult, campaign: Campaign) -> str:
    """One acknowledgement per sender and campaign-local day of arrival: a clerk who writes
    three times in a morning (or in three threads) hears from the robot once; the next day's
    question is acknowledged again, as a person would."""
    sender = (result.email.sender if result.email else "").strip().lower()
    day = result.received_at.astimezone(campaign.tz).date().isoformat()
    return f"ack:{sender}:{day}"


def compose_ack(
    result: MessageResult, campaign: Campaign, from_addr: str, now: dt.datetime | None = None
) -> EmailMessage | None:
    """The short 已收到，将由工作人员回复 for a question, threaded under it."""
    em = result.email
    if em is None or not em.sender or not result.question:
        return None
    msg = _new_message(ack_key(result, campaign), from_addr, now)
    try:
        msg["To"] = Address(em.sender_name or "", addr_spec=em.sender)
    except (ValueError, IndexError, errors.HeaderParseError):
        return None
    msg["Subject"] = reply_subject(em.subject)
    _threaded(msg, em)
    lines = [
        f"{campaign.office_of(result.city_name or '')}：",
        "",
        f"{campaign.you(result.city_name or '')}{_when(result.received_at, campaign)}"
        f"发来的邮件（主题：{em.subject or '（无主题）'}）"
        "已收到，将由工作人员回复。",
        "",
        campaign.organiser,
    ]
    msg.set_content("\n".join(lines) + "\n", charset="utf-8", cte="base64")
    return msg


_OPS_LEAD = {
    "question": "以下邮件来自登记的报送邮箱，未附表格，不是报送，应为问询或说明，请工作人员回复；"
    "系统已向发件人发送“已收到，将由工作人员回复”（同一发件人每天一次）。",
    "unknown_sender": "以下邮件的发件人不在报送邮箱登记表中，已隔离存档，未入库，也未回复发件人。",
    "unauthenticated_sender": "以下邮件自称来自登记的报送邮箱，但收件服务器未能验证发件人身份"
    "（DMARC未通过或发件人地址可疑），已隔离存档，未入库，也未回复发件人。",
    "internal_error": "系统处理以下邮件时出错，邮件已存档，未入库，也未回复发件人；"
    "同批其他邮件照常处理。",
}
_OPS_TODO = {
    "question": "处理办法：阅读来信并直接回复发件人；回复后执行下面的命令，"
    "该邮件即从报送情况页的“待回复”中移除。",
    # {u}: the senders' level (市), {office}: their office (商务局): campaign.yaml `wording`.
    "unknown_sender": "处理办法：如确为某{u}{office}的报送邮箱，请将该地址加入发件人登记表"
    "（sender_registry，格式 city_name,email）后重新处理该邮件，或请该{u}改用已登记邮箱重新发送；"
    "如非报送邮件，无需处理。",
    "unauthenticated_sender": "处理办法：请电话向该{u}{office}核实是否发过此邮件；如确为该{u}所发，"
    "请该{u}检查其邮件系统的DKIM/SPF设置后重新发送。切勿直接采用隔离邮件中的数据。",
    "internal_error": "处理办法：查看该次运行 process_messages 任务日志中此存档键的错误，"
    "修复后执行下面的命令重新处理。",
}


def compose_ops_notice(
    result: MessageResult,
    ops_addr: str,
    from_addr: str | None = None,
    campaign: Campaign | None = None,
    now: dt.datetime | None = None,
) -> EmailMessage:
    """Tell ops a message from an unregistered sender was quarantined (it gets no reply)."""
    em = result.email
    sender = em.sender if em else "（无）"
    subject = em.subject if em else ""
    msg = _new_message(ops_key(result), from_addr or ops_addr, now)
    msg["To"] = ops_addr
    kind = "question" if result.question else result.reason_class or ""
    words = campaign.wording if campaign else Wording()
    if kind == "question":
        msg["Subject"] = f"【待回复】{result.city_name or ''}来信：{subject or '（无主题）'}"
    elif result.reason_class == "internal_error":
        msg["Subject"] = f"【系统错误】邮件未能处理：{sender}｜{subject or '（无主题）'}"
    elif result.reason_class == "unauthenticated_sender":
        msg["Subject"] = f"【隔离】发件人身份未通过验证：{sender}｜{subject or '（无主题）'}"
    else:
        msg["Subject"] = f"【隔离】未登记发件人来信：{sender}｜{subject or '（无主题）'}"
    received = (
        _when(result.received_at, campaign)
        if campaign
        else result.received_at.isoformat(timespec="minutes")
    )
    files = [f"  - {a.filename}（{a.size}字节）" for a in (em.attachments if em else ())]
    lines = [
        _OPS_LEAD.get(kind, _OPS_LEAD["unknown_sender"]),
        "",
        f"发件人：{(em.sender_name or '') if em else ''} <{sender}>".strip(),
        f"主题：{subject or '（无主题）'}",
        f"收件时间：{received}",
        f"Message-ID：{em.message_id if em and em.message_id else '（无）'}",
        f"存档键（message_key）：{result.message_key}",
        f"附件：{len(files)}个",
        *files,
        "",
        f"说明：{result.reason_detail or '发件人未登记。'}",
        "",
        _OPS_TODO.get(kind, _OPS_TODO["unknown_sender"]).format(u=words.unit, office=words.office),
    ]
    if kind == "question":
        lines.append(f"标记已回复：jinxiao answered {result.message_key}")
        if em and em.body_text:
            lines += ["", "来信正文：", clean_body(em.body_text)]
    if result.reason_class == "internal_error":
        lines.append(f"重新处理：jinxiao requeue {result.message_key}")
    msg.set_content("\n".join(lines) + "\n", charset="utf-8", cte="base64")
    return msg


def enqueue_for_result(
    conn: Connection,
    result: MessageResult,
    campaign: Campaign,
    from_addr: str,
    ops_addr: str | None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Compose and enqueue what one committed message calls for; the keys newly enqueued.

    Call it inside the transaction that commits the message (after its rows are written),
    or after that commit: the totals and current files are read through `conn`.
    """
    keys = []
    if result.question:
        return _enqueue_question(conn, result, campaign, from_addr, ops_addr, now)
    if result.reason_class == "internal_error" or result.outcome == "quarantined":
        # Ops hear of both; the city gets no robot verdict on mail the pipeline could not
        # judge, nor a forger a confirmation that the address is watched.
        if ops_addr:
            notice = compose_ops_notice(result, ops_addr, from_addr, campaign, now)
            if enqueue(conn, ops_key(result), notice, "ops_notice", message_key=result.message_key):
                keys.append(ops_key(result))
        return keys
    if not wants_reply(result):
        return keys
    totals = city_totals(conn, result.city_name) if result.city_name else None
    current = current_files(conn, result.city_name) if result.city_name else {}
    history = file_histories(conn, result, campaign) if result.city_name else {}
    reply = compose_reply(result, totals, campaign, from_addr, current, now, history)
    if reply is not None and enqueue(
        conn, reply_key(result), reply, "reply",
        message_key=result.message_key, city_name=result.city_name or "",
    ):  # fmt: skip
        keys.append(reply_key(result))
    return keys


def _enqueue_question(
    conn: Connection,
    result: MessageResult,
    campaign: Campaign,
    from_addr: str,
    ops_addr: str | None,
    now: dt.datetime | None,
) -> list[str]:
    """Ops hear of every question; the city gets the short acknowledgement once a day."""
    keys = []
    if ops_addr:
        notice = compose_ops_notice(result, ops_addr, from_addr, campaign, now)
        if enqueue(conn, ops_key(result), notice, "ops_notice", message_key=result.message_key):
            keys.append(ops_key(result))
    ack = compose_ack(result, campaign, from_addr, now)
    key = ack_key(result, campaign)
    if ack is not None and enqueue(
        conn, key, ack, "ack", message_key=result.message_key, city_name=result.city_name or ""
    ):
        keys.append(key)
    return keys


def enqueue_replies(
    engine: Engine,
    results: Iterable[MessageResult],
    campaign: Campaign,
    from_addr: str,
    ops_addr: str | None,
) -> list[str]:
    """`enqueue_for_result` for each committed result, one transaction each."""
    keys = []
    for result in results:
        with engine.begin() as conn:
            keys += enqueue_for_result(conn, result, campaign, from_addr, ops_addr)
    return keys
