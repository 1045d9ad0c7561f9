"""The submission tracker (报送情况跟踪): city × form grid and per-submission drill-down.

Queries over the warehouse and server-rendered HTML, plus a FastAPI app factory that the
Airflow plugin (plugins/jinxiao_tracker.py) mounts. Nothing here imports Airflow: the plugin
hands in how to get an engine and which auth dependencies to apply.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from sqlalchemy import Engine, text

from jinxiao.config import Campaign, load_campaign
from jinxiao.domain.forms import FORMS
from jinxiao.domain.labels import FORM_LABELS, REASON_ZH, SEVERITY_ZH, STATUS_LABELS, outcome_label
from jinxiao.domain.times import as_time
from jinxiao.warehouse.queries import status_rows

# Cell colours per status (background, text); the legend on the page uses the same.
STATUS_COLOURS = {
    "on_time": ("#d9f2dd", "#1b5e20"),
    "late": ("#ffe8c2", "#8a4b00"),
    "missing": ("#f9d6d5", "#9b1c1c"),
    "rejected_pending": ("#eadcf8", "#5b2a86"),
    "not_due": ("#eceff1", "#455a64"),
}
UNFILED_LIMIT = 100


# --- what the pages show ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    city_name: str
    form: str
    status: str  # a key of STATUS_LABELS
    deadline: dt.date
    first_received: dt.datetime | None
    submissions: int  # files recorded for this city and form, any outcome

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ProblemView:
    severity: str
    code: str
    sheet: str | None
    excel_row: int | None
    column_name: str | None
    message_zh: str


@dataclass(frozen=True)
class SubmissionView:
    submission_id: int
    message_key: str
    city_name: str | None
    form: str | None
    filename: str
    size_bytes: int
    outcome: str
    reason_class: str | None
    reason_detail: str | None
    received_at: dt.datetime | None
    sender: str | None
    sender_name: str | None
    subject: str | None
    rows_loaded: int
    sheet: str | None
    problems: tuple[ProblemView, ...]


@dataclass(frozen=True)
class UnfiledView:
    """A message or file that belongs to no grid cell (no city or no form identified)."""

    message_key: str
    submission_id: int | None
    received_at: dt.datetime | None
    sender: str | None
    subject: str | None
    city_name: str | None
    filename: str | None
    outcome: str | None
    reason_class: str | None
    reason_detail: str | None


# --- queries ------------------------------------------------------------------------------


def _rows(engine: Engine, sql: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def today(campaign: Campaign) -> dt.date:
    return dt.datetime.now(campaign.tz).date()


def grid(engine: Engine, as_of: dt.date) -> list[Cell]:
    """One cell per city and form, statuses as the reports label them (report_data)."""
    counts = {
        (r["city_name"], r["form"]): int(r["n"])
        for r in _rows(
            engine,
            "SELECT city_name, form, COUNT(*) AS n FROM submission "
            "WHERE city_name IS NOT NULL AND form IS NOT NULL GROUP BY city_name, form",
        )
    }
    return [
        Cell(s.city_name, s.form, s.status, s.deadline, s.first_received,
             counts.get((s.city_name, s.form), 0))
        for s in status_rows(engine, as_of)
    ]  # fmt: skip


_SUBMISSION_SQL = """
SELECT s.submission_id, s.message_key, s.city_name, s.form, s.filename, s.size_bytes,
       s.outcome, s.reason_class, s.reason_detail,
       COALESCE(s.received_at, m.received_at) AS received_at,
       m.sender, m.sender_name, m.subject, s.rows_loaded, s.sheet
FROM submission s JOIN message m ON m.message_key = s.message_key
"""


def _problems(engine: Engine, submission_ids: Sequence[int]) -> dict[int, list[ProblemView]]:
    out: dict[int, list[ProblemView]] = {i: [] for i in submission_ids}
    if not submission_ids:
        return out
    marks = ", ".join(f":p{i}" for i in range(len(submission_ids)))
    rows = _rows(
        engine,
        "SELECT submission_id, severity, code, sheet, excel_row, column_name, message_zh "
        f"FROM problem WHERE submission_id IN ({marks}) "
        # problem_id: stored in reading order, sheet by sheet (excel_row alone interleaves
        # the sheets of a merged table).
        "ORDER BY submission_id, CASE severity WHEN 'error' THEN 0 ELSE 1 END, problem_id",
        **{f"p{i}": sid for i, sid in enumerate(submission_ids)},
    )
    for r in rows:
        out[int(r["submission_id"])].append(
            ProblemView(r["severity"], r["code"], r["sheet"],
                        None if r["excel_row"] is None else int(r["excel_row"]),
                        r["column_name"], r["message_zh"])
        )  # fmt: skip
    return out


def _submission_views(engine: Engine, where: str, **params: Any) -> list[SubmissionView]:
    rows = _rows(engine, f"{_SUBMISSION_SQL} WHERE {where} "
                 "ORDER BY COALESCE(s.received_at, m.received_at) DESC, s.submission_id DESC",
                 **params)  # fmt: skip
    problems = _problems(engine, [int(r["submission_id"]) for r in rows])
    return [
        SubmissionView(
            submission_id=int(r["submission_id"]),
            message_key=r["message_key"],
            city_name=r["city_name"],
            form=r["form"],
            filename=r["filename"],
            size_bytes=int(r["size_bytes"] or 0),
            outcome=r["outcome"],
            reason_class=r["reason_class"],
            reason_detail=r["reason_detail"],
            received_at=as_time(r["received_at"]),
            sender=r["sender"],
            sender_name=r["sender_name"],
            subject=r["subject"],
            rows_loaded=int(r["rows_loaded"] or 0),
            sheet=r["sheet"],
            problems=tuple(problems[int(r["submission_id"])]),
        )
        for r in rows
    ]


def submissions_for(engine: Engine, city_name: str, form: str) -> list[SubmissionView]:
    """Every file recorded for a city and form, newest first."""
    return _submission_views(engine, "s.city_name = :c AND s.form = :f", c=city_name, f=form)


def submission(engine: Engine, submission_id: int) -> SubmissionView | None:
    found = _submission_views(engine, "s.submission_id = :i", i=submission_id)
    return found[0] if found else None


def unfiled(engine: Engine, limit: int = UNFILED_LIMIT) -> list[UnfiledView]:
    """Files with no city or form, and processed messages that produced no file, newest first."""
    files = _rows(
        engine,
        "SELECT s.message_key, s.submission_id, COALESCE(s.received_at, m.received_at) AS t, "
        "m.sender, m.subject, COALESCE(s.city_name, m.city_name) AS city_name, s.filename, "
        "s.outcome, s.reason_class, s.reason_detail "
        "FROM submission s JOIN message m ON m.message_key = s.message_key "
        "WHERE s.city_name IS NULL OR s.form IS NULL",
    )
    messages = _rows(
        engine,
        "SELECT m.message_key, NULL AS submission_id, m.received_at AS t, m.sender, m.subject, "
        "m.city_name, NULL AS filename, m.outcome, m.reason_class, m.reason_detail "
        "FROM message m WHERE m.outcome IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM submission s WHERE s.message_key = m.message_key)",
    )
    views = [
        UnfiledView(r["message_key"],
                    None if r["submission_id"] is None else int(r["submission_id"]),
                    as_time(r["t"]), r["sender"], r["subject"], r["city_name"], r["filename"],
                    r["outcome"], r["reason_class"], r["reason_detail"])
        for r in files + messages
    ]  # fmt: skip
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    views.sort(key=lambda v: v.received_at or epoch, reverse=True)
    return views[:limit]


def _within(path: Path, root: Path | None) -> bool:
    if root is None:
        return True
    return path.resolve().is_relative_to(root.resolve())


def message_archive_path(engine: Engine, message_key: str, root: Path | None = None) -> Path | None:
    """The archived .eml of a message, as recorded in the warehouse (never a path from a URL)."""
    rows = _rows(engine, "SELECT archive_path FROM message WHERE message_key = :k", k=message_key)
    if not rows:
        return None
    path = Path(rows[0]["archive_path"])
    return path if path.is_file() and _within(path, root) else None


def file_archive_path(
    engine: Engine, submission_id: int, root: Path | None = None
) -> tuple[Path, str] | None:
    """The archived file of a submission and the name the city gave it."""
    rows = _rows(
        engine,
        "SELECT archive_path, filename FROM submission WHERE submission_id = :i",
        i=submission_id,
    )
    if not rows:
        return None
    path = Path(rows[0]["archive_path"])
    if not (path.is_file() and _within(path, root)):
        return None
    return path, rows[0]["filename"]


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",
sans-serif;margin:24px;color:#212529;background:#fff}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
.muted{color:#6c757d;font-size:13px} a{color:#0b5cad}
table{border-collapse:collapse;margin-top:10px}
th,td{border:1px solid #ced4da;padding:6px 10px;font-size:14px;vertical-align:top}
th{background:#f1f3f5;text-align:left}
td.cell{min-width:150px;padding:0} td.cell a{display:block;padding:8px 10px;color:inherit;
text-decoration:none} td.cell a:hover{outline:2px solid #0b5cad}
.status{font-weight:600;font-size:15px} .sub{font-size:12px;opacity:.85}
.legend span{display:inline-block;padding:3px 10px;margin-right:6px;border-radius:3px;
font-size:13px}
.card{border:1px solid #ced4da;border-radius:4px;padding:12px 16px;margin:12px 0;max-width:1100px}
.card h3{margin:0 0 8px;font-size:16px} dl{display:grid;grid-template-columns:110px 1fr;
gap:4px 12px;margin:0} dt{color:#6c757d} dd{margin:0}
.problems{margin-top:0} .problems td{font-size:13px}
.o-accepted{color:#1b5e20;font-weight:600} .o-rejected{color:#9b1c1c;font-weight:600}
.o-superseded{color:#6c757d} .error{color:#9b1c1c} .warning{color:#8a4b00}
nav{margin-bottom:14px;font-size:14px} .nowrap{white-space:nowrap}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _time(value: dt.datetime | None, campaign: Campaign) -> str:
    return "—" if value is None else value.astimezone(campaign.tz).strftime("%Y-%m-%d %H:%M")


def _page(title: str, body: str, base: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<nav><a href="{_e(base)}/">报送情况总览</a></nav>{body}</body></html>'
    )


def _status_style(status: str) -> str:
    bg, fg = STATUS_COLOURS[status]
    return f"background:{bg};color:{fg}"


def city_form_href(base: str, city_name: str, form: str) -> str:
    return f"{base}/city/{quote(city_name)}/{quote(form)}"


def _legend() -> str:
    spans = "".join(
        f'<span style="{_status_style(code)}">{_e(label)}</span>'
        for code, label in STATUS_LABELS.items()
    )
    return f'<p class="legend">{spans}</p>'


def render_grid(
    cells: Sequence[Cell],
    unfiled_items: Sequence[UnfiledView],
    campaign: Campaign,
    as_of: dt.date,
    base: str = "",
) -> str:
    """The city × form grid (rows in the campaign's city order), then what fits no cell."""
    by_key = {(c.city_name, c.form): c for c in cells}
    head = "".join(
        f"<th>{_e(FORM_LABELS[f])}<br><span class='muted'>截止 "
        f"{_e(campaign.forms[f].deadline.isoformat())}</span></th>"
        for f in FORMS
    )
    rows = []
    for city in campaign.cities:
        tds = []
        for form in FORMS:
            cell = by_key.get((city.name, form))
            if cell is None:
                tds.append("<td>—</td>")
                continue
            when = (
                f"首次收到 {_time(cell.first_received, campaign)}"
                if cell.first_received
                else "尚未收到有效报送"
            )
            count = f" · 共{cell.submissions}份文件" if cell.submissions else ""
            tds.append(
                f'<td class="cell status-{cell.status}" style="{_status_style(cell.status)}" '
                f'data-city="{_e(city.name)}" data-form="{form}" data-status="{cell.status}">'
                f'<a href="{_e(city_form_href(base, city.name, form))}">'
                f'<div class="status">{_e(cell.label)}</div>'
                f'<div class="sub">{_e(when)}{_e(count)}</div></a></td>'
            )
        rows.append(f"<tr><th>{_e(city.name)}</th>{''.join(tds)}</tr>")
    note = "".join(
        f"<p class='muted'>{_e(FORM_LABELS[f])}：{_e(spec.deadline_note)}</p>"
        for f, spec in campaign.forms.items()
        if spec.deadline_note and f in FORM_LABELS
    )
    body = (
        f"<h1>{_e(campaign.name)} · 报送情况</h1>"
        f"<p class='muted'>{_e(campaign.organiser)} · 统计截至 {_e(as_of.isoformat())}"
        "（截止日当天 24 时前收到为按时；“退回待改”指最近一次报送被退回、尚未收到更正）</p>"
        f"<form method='get' class='muted'>按日期查看：<input type='date' name='as_of' "
        f"value='{_e(as_of.isoformat())}'> <button type='submit'>查看</button></form>"
        f"{_legend()}<table class='grid'><thead><tr><th>城市</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
        f"{_render_unfiled(unfiled_items, campaign, base)}"
    )
    return _page("报送情况总览", body, base)


def _render_unfiled(items: Sequence[UnfiledView], campaign: Campaign, base: str) -> str:
    if not items:
        return "<h2>未归入表格的邮件和文件</h2><p class='muted'>无。</p>"
    rows = []
    for u in items:
        links = [f'<a href="{_e(base)}/archive/message/{_e(u.message_key)}">原始邮件</a>']
        if u.submission_id is not None:
            links.insert(0, f'<a href="{_e(base)}/submission/{u.submission_id}">详情</a>')
        reason = REASON_ZH.get(u.reason_class or "", "") or ""
        detail = f"{reason}{'：' if reason and u.reason_detail else ''}{u.reason_detail or ''}"
        rows.append(
            f"<tr><td class='nowrap'>{_e(_time(u.received_at, campaign))}</td>"
            f"<td>{_e(u.sender)}</td>"
            f"<td>{_e(u.city_name or '未识别')}</td><td>{_e(u.subject)}</td>"
            f"<td>{_e(u.filename or '—')}</td><td>{_e(outcome_label(u.outcome, u.reason_class))}</td>"
            f"<td>{_e(detail)}</td><td>{' · '.join(links)}</td></tr>"
        )
    return (
        "<h2>未归入表格的邮件和文件</h2><p class='muted'>未能确定城市或表格类别的文件，"
        "以及没有产生报送文件的邮件（如发件人未登记而隔离、重复邮件）。</p>"
        "<table><thead><tr><th>收到时间</th><th>发件人</th><th>城市</th><th>邮件主题</th>"
        "<th>文件</th><th>处理结果</th><th>原因</th><th>查看</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _render_problems(problems: Sequence[ProblemView]) -> str:
    """Errors first, then warnings; the message already names row and column as the city wrote."""
    if not problems:
        return "无"
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    rows = "".join(
        f'<tr class="{_e(p.severity)}"><td>{_e(SEVERITY_ZH.get(p.severity, p.severity))}</td>'
        f"<td>{_e(p.sheet or '—')}</td><td>{_e(p.excel_row or '—')}</td>"
        f"<td>{_e(p.column_name or '—')}</td><td>{_e(p.message_zh)}</td></tr>"
        for p in ordered
    )
    return (
        "<table class='problems'><thead><tr><th>级别</th><th>工作表</th><th>行</th><th>列</th>"
        f"<th>说明</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def render_submission_card(s: SubmissionView, campaign: Campaign, base: str = "") -> str:
    sender = f"{s.sender_name} <{s.sender}>" if s.sender_name else (s.sender or "—")
    reason = ""
    if s.reason_class or s.reason_detail:
        reason = REASON_ZH.get(s.reason_class or "", s.reason_class or "")
        reason = f"{reason}：{s.reason_detail}" if s.reason_detail else reason
    form = FORM_LABELS.get(s.form or "", "未识别")
    return (
        f'<div class="card" id="submission-{s.submission_id}" data-outcome="{_e(s.outcome)}">'
        f'<h3><a href="{_e(base)}/submission/{s.submission_id}">{_e(s.filename)}</a></h3><dl>'
        f"<dt>收到时间</dt><dd>{_e(_time(s.received_at, campaign))}</dd>"
        f"<dt>发件人</dt><dd>{_e(sender)}</dd>"
        f"<dt>邮件主题</dt><dd>{_e(s.subject or '—')}</dd>"
        f"<dt>城市 / 表格</dt><dd>{_e(s.city_name or '未识别')} / {_e(form)}</dd>"
        f"<dt>文件名</dt><dd>{_e(s.filename)}（{s.size_bytes:,} 字节）</dd>"
        f'<dt>处理结果</dt><dd class="o-{_e(s.outcome)}">'
        f"{_e(outcome_label(s.outcome, s.reason_class))}</dd>"
        f"<dt>原因</dt><dd>{_e(reason or '—')}</dd>"
        f"<dt>入库行数</dt><dd>{s.rows_loaded}</dd>"
        f"<dt>错误和提示</dt><dd>{_render_problems(s.problems)}</dd>"
        f"<dt>下载</dt><dd>"
        f'<a href="{_e(base)}/archive/message/{_e(s.message_key)}">原始邮件（.eml）</a> · '
        f'<a href="{_e(base)}/archive/file/{s.submission_id}">附件原件</a></dd>'
        "</dl></div>"
    )


def render_city_form(
    city_name: str,
    form: str,
    cell: Cell | None,
    subs: Sequence[SubmissionView],
    campaign: Campaign,
    base: str = "",
) -> str:
    title = f"{city_name} · {FORM_LABELS[form]}"
    status = (
        f'<p><span class="legend"><span style="{_status_style(cell.status)}">'
        f"{_e(cell.label)}</span></span> 截止 {_e(cell.deadline.isoformat())}</p>"
        if cell
        else ""
    )
    cards = "".join(render_submission_card(s, campaign, base) for s in subs)
    body = (
        f"<h1>{_e(title)}</h1>{status}"
        f"<p class='muted'>{_e(campaign.forms[form].title)} · 共 {len(subs)} 份文件，最新的在前</p>"
        f"{cards or '<p>尚未收到该市此项报送。</p>'}"
    )
    return _page(title, body, base)


def render_submission(s: SubmissionView, campaign: Campaign, base: str = "") -> str:
    back = ""
    if s.city_name and s.form in FORM_LABELS:
        back = (
            f'<p><a href="{_e(city_form_href(base, s.city_name, s.form))}">'
            f"{_e(s.city_name)} · {_e(FORM_LABELS[s.form])} 的全部报送</a></p>"
        )
    body = f"<h1>报送文件 #{s.submission_id}</h1>{back}{render_submission_card(s, campaign, base)}"
    return _page(f"报送文件 #{s.submission_id}", body, base)


# --- the web app --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackerSource:
    """What the app reads: an engine and the archive root downloads must lie under."""

    engine: Engine
    archive_root: Path | None = None


def create_app(
    source: Callable[[], TrackerSource],
    dependencies: Sequence[Any] = (),
    campaign: Campaign | None = None,
) -> FastAPI:
    """The tracker as a FastAPI app; `source` is called per request (cache it if costly).

    `dependencies` (FastAPI Depends objects) guard every route: the plugin passes Airflow's
    authentication there.
    """
    camp = campaign or load_campaign()
    app = FastAPI(title="报送情况跟踪", dependencies=list(dependencies), docs_url=None,
                  redoc_url=None, openapi_url=None)  # fmt: skip

    def base(request: Request) -> str:
        # Links carry the mount prefix (e.g. /jinxiao), whatever Airflow mounted us under.
        return request.scope.get("root_path", "").rstrip("/")

    @app.get("/", response_class=HTMLResponse)
    def grid_page(request: Request, as_of: dt.date | None = None) -> str:
        src = source()
        day = as_of or today(camp)
        return render_grid(grid(src.engine, day), unfiled(src.engine), camp, day, base(request))

    @app.get("/city/{city_name}/{form}", response_class=HTMLResponse)
    def city_form_page(
        request: Request, city_name: str, form: str, as_of: dt.date | None = None
    ) -> str:
        if form not in FORMS or city_name not in {c.name for c in camp.cities}:
            raise HTTPException(404, "没有这个城市或表格")
        src = source()
        day = as_of or today(camp)
        cell = next(
            (c for c in grid(src.engine, day) if c.city_name == city_name and c.form == form),
            None,
        )
        subs = submissions_for(src.engine, city_name, form)
        return render_city_form(city_name, form, cell, subs, camp, base(request))

    @app.get("/submission/{submission_id}", response_class=HTMLResponse)
    def submission_page(request: Request, submission_id: int) -> str:
        found = submission(source().engine, submission_id)
        if found is None:
            raise HTTPException(404, "没有这份报送文件")
        return render_submission(found, camp, base(request))

    @app.get("/archive/message/{message_key}")
    def message_download(message_key: str) -> FileResponse:
        src = source()
        path = message_archive_path(src.engine, message_key, src.archive_root)
        if path is None:
            raise HTTPException(404, "没有这封邮件的存档")
        return FileResponse(path, media_type="message/rfc822", filename=f"{message_key}.eml")

    @app.get("/archive/file/{submission_id}")
    def file_download(submission_id: int) -> FileResponse:
        src = source()
        found = file_archive_path(src.engine, submission_id, src.archive_root)
        if found is None:
            raise HTTPException(404, "没有这份文件的存档")
        path, filename = found
        return FileResponse(path, media_type="application/octet-stream", filename=filename)

    return app
