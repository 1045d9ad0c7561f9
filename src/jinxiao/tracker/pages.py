"""The tracker's HTML: Jinja2 templates in templates/, autoescaped, over the views of queries.py.

Every value a city or a mail client controls (activity text in messages, subjects, filenames,
sender names, reasons) reaches the page through `{{ }}`, which escapes it; the templates hold
no `|safe`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from jinxiao.config import Campaign
from jinxiao.domain.forms import FORMS
from jinxiao.domain.labels import (
    FORM_LABELS,
    REASON_ZH,
    SEVERITY_ZH,
    STATUS_LABELS,
    held_rows_label,
    outcome_label,
)
from jinxiao.tracker.queries import Cell, ProblemView, SubmissionView, UnfiledView
from jinxiao.tracker.questions import QuestionView
from jinxiao.tracker.queue import UNITS_TO_WAN, QueueItem, ResolutionView

# Cell colours per status (background, text); the legend on the page uses the same.
STATUS_COLOURS = {
    "on_time": ("#d9f2dd", "#1b5e20"),
    "late": ("#ffe8c2", "#8a4b00"),
    "missing": ("#f9d6d5", "#9b1c1c"),
    "rejected_pending": ("#eadcf8", "#5b2a86"),
    "not_due": ("#eceff1", "#455a64"),
}


def status_style(status: str) -> str:
    bg, fg = STATUS_COLOURS[status]
    return f"background:{bg};color:{fg}"


def city_form_href(base: str, city_name: str, form: str) -> str:
    return f"{base}/city/{quote(city_name)}/{quote(form)}"


def local_time(value: dt.datetime | None, tz: dt.tzinfo) -> str:
    return "—" if value is None else value.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def sender_text(s: SubmissionView) -> str:
    return f"{s.sender_name} <{s.sender}>" if s.sender_name else (s.sender or "—")


def card_reason(s: SubmissionView) -> str:
    if not (s.reason_class or s.reason_detail):
        return ""
    reason = REASON_ZH.get(s.reason_class or "", s.reason_class or "")
    return f"{reason}：{s.reason_detail}" if s.reason_detail else reason


def unfiled_reason(u: UnfiledView) -> str:
    reason = REASON_ZH.get(u.reason_class or "", "") or ""
    return f"{reason}{'：' if reason and u.reason_detail else ''}{u.reason_detail or ''}"


def errors_first(problems: Sequence[ProblemView]) -> list[ProblemView]:
    # Stable: within a severity, the reading order the warehouse stored them in.
    return sorted(problems, key=lambda p: p.severity != "error")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("jinxiao.tracker", "templates"),
        autoescape=select_autoescape(),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local_time"] = local_time
    env.globals.update(
        forms=FORMS, form_labels=FORM_LABELS, status_labels=STATUS_LABELS,
        severity_zh=SEVERITY_ZH, outcome_label=outcome_label, status_style=status_style,
        city_form_href=city_form_href, sender_text=sender_text, card_reason=card_reason,
        unfiled_reason=unfiled_reason, errors_first=errors_first,
        held_rows_label=held_rows_label,
    )  # fmt: skip
    return env


ENV = _environment()


def render_grid(
    cells: Sequence[Cell],
    unfiled_items: Sequence[UnfiledView],
    campaign: Campaign,
    as_of: dt.date,
    base: str = "",
    questions: Sequence[QuestionView] = (),
) -> str:
    """The city × form grid (rows in the campaign's city order), the questions waiting for an
    answer (待回复), then what fits no cell."""
    return ENV.get_template("grid.html").render(
        title="报送情况总览", base=base, campaign=campaign, tz=campaign.tz, as_of=as_of,
        by_key={(c.city_name, c.form): c for c in cells}, unfiled=unfiled_items,
        questions=questions,
    )  # fmt: skip


def render_city_form(
    city_name: str,
    form: str,
    cell: Cell | None,
    subs: Sequence[SubmissionView],
    campaign: Campaign,
    base: str = "",
) -> str:
    return ENV.get_template("city_form.html").render(
        title=f"{city_name} · {FORM_LABELS[form]}", base=base, campaign=campaign,
        tz=campaign.tz, form=form, cell=cell, subs=subs,
    )  # fmt: skip


# What the queue calls each kind of item and each resolution.
QUEUE_KIND_ZH = {"held": "暂缓入库的行", "unit": "单位系推定", "category": "类别系按规则推定"}
RESOLUTION_KIND_ZH = {
    "held_value": "填入核实值", "drop_row": "剔除该行", "confirm_reading": "确认识别结果",
    "change_reading": "更正识别结果", "send_back": "退回该市",
}  # fmt: skip
RESOLUTION_STATUS_ZH = {
    "active": "有效",
    "replaced": "已被再次核实替代",
    "obsolete": "已失效（文件已被更新报送替代）",
}


def render_queue(
    items: Sequence[QueueItem],
    resolutions: Sequence[ResolutionView],
    campaign: Campaign,
    city: str | None,
    base: str,
    viewer: object,
    csrf: str,
    done: str,
    counties: dict[str, list[str]],
    can_send_back: bool,
    mappings: Sequence[object] = (),
) -> str:
    """The 待核实 queue (overall or one city's), with edit controls only for editors, and the
    header mappings remembered for later files (removable by editors)."""
    by_city: dict[str, list[QueueItem]] = {}
    for item in items:
        by_city.setdefault(item.city_name, []).append(item)
    return ENV.get_template("queue.html").render(
        title=f"待核实 · {city}" if city else "待核实", base=base, campaign=campaign, city=city,
        by_city=by_city, total=len(items), resolutions=resolutions, viewer=viewer, csrf=csrf,
        done=done, counties=counties, units=list(UNITS_TO_WAN), can_send_back=can_send_back,
        kind_zh=QUEUE_KIND_ZH, resolution_kind_zh=RESOLUTION_KIND_ZH,
        resolution_status_zh=RESOLUTION_STATUS_ZH, mappings=mappings,
    )  # fmt: skip


def render_submission(s: SubmissionView, campaign: Campaign, base: str = "") -> str:
    return ENV.get_template("submission.html").render(
        title=f"报送文件 #{s.submission_id}", base=base, campaign=campaign, tz=campaign.tz, s=s
    )
