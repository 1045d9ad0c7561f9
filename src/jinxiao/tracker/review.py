"""The 待核实 queue's pages and the clerk's POSTs (issue 12), added to the tracker app.

Reading is for every signed-in user; writing for a Viewer with can_edit (the plugin decides
from Airflow's auth manager). Every POST carries a CSRF token bound to the user (HMAC of the
user name under the app's secret) and, when the browser sends an Origin, must come from the
tracker's own host: a page elsewhere cannot make a signed-in clerk's browser resolve anything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.normalise.values import NormaliseError, parse_money
from jinxiao.tracker.queue import (
    UNITS_TO_WAN,
    QueueItem,
    city_counties,
    find_item,
    queue,
    recent_resolutions,
)
from jinxiao.warehouse import header_mappings
from jinxiao.warehouse.header_mappings import Remember
from jinxiao.warehouse.resolutions import NewResolution, record


@dataclass(frozen=True)
class Viewer:
    """Who is looking, and whether their role may resolve (see README, ops)."""

    name: str
    can_edit: bool


def read_only() -> Viewer:
    # Without an identity from the host app nobody may write.
    return Viewer("anonymous", False)


# send_back(engine, submission_id, note): queue the reply to the city (jinxiao.mail.send_back).
SendBack = Callable[[Engine, int, str], object]


def csrf_token(secret: bytes, viewer: Viewer) -> str:
    return hmac.new(secret, f"queue:{viewer.name}".encode(), hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def add_review_routes(
    app: FastAPI,
    engine_of: Callable[[], Engine],
    campaign: Campaign,
    viewer: Callable[..., Viewer] | None,
    *,
    send_back: SendBack | None = None,
    secret: bytes | None = None,
) -> None:
    """GET /queue (overall), /queue/{city}; POST /queue/resolve."""
    from jinxiao.tracker.pages import render_queue

    key = secret or secrets.token_bytes(32)
    who = viewer or read_only
    cities = {c.name for c in campaign.cities}

    def page(request: Request, me: Viewer, city: str | None) -> str:
        engine = engine_of()
        return render_queue(
            queue(engine, city), recent_resolutions(engine, city), campaign, city,
            request.scope.get("root_path", "").rstrip("/"), me,
            csrf_token(key, me) if me.can_edit else "", request.query_params.get("done", ""),
            {c: city_counties(c) for c in cities}, send_back is not None,
            header_mappings.listed(engine, city),
        )  # fmt: skip

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, me: Viewer = Depends(who)) -> str:  # noqa: B008
        return page(request, me, None)

    @app.get("/queue/{city_name}", response_class=HTMLResponse)
    def city_queue_page(request: Request, city_name: str, me: Viewer = Depends(who)) -> str:  # noqa: B008
        if city_name not in cities:
            raise HTTPException(404, "没有这个城市")
        return page(request, me, city_name)

    @app.post("/queue/resolve")
    async def resolve(request: Request, me: Viewer = Depends(who)) -> RedirectResponse:  # noqa: B008
        form = await request.form()
        check_write(request, me, str(form.get("csrf", "")), key)
        engine = engine_of()
        item = find_item(engine, str(form.get("item", "")))
        if item is None:
            raise HTTPException(409, "该项已处理或已被更新的报送替代，请刷新页面")
        done = _apply(engine, item, form, me, campaign, send_back)
        return _back(request, form, cities, done)

    add_mapping_routes(app, engine_of, who, key, cities)


def check_write(request: Request, me: Viewer, token: str, key: bytes) -> None:
    """Only an editor, only with their token, only from the tracker's own pages."""
    if not me.can_edit:
        raise HTTPException(403, "您的角色只能查看，不能核实修改")
    if not (_same_origin(request) and hmac.compare_digest(token, csrf_token(key, me))):
        raise HTTPException(403, "表单已失效或来自其他网站，请刷新页面后重试")


def add_mapping_routes(
    app: FastAPI,
    engine_of: Callable[[], Engine],
    who: Callable[..., Viewer],
    key: bytes,
    cities: set[str],
) -> None:
    """POST /queue/mapping/remove: later files of the city are read without the mapping."""

    @app.post("/queue/mapping/remove")
    async def remove_mapping(request: Request, me: Viewer = Depends(who)) -> RedirectResponse:  # noqa: B008
        form = await request.form()
        check_write(request, me, str(form.get("csrf", "")), key)
        try:
            mapping_id = int(str(form.get("mapping", "")))
        except ValueError as err:
            raise HTTPException(400, "无法执行该操作") from err
        if not header_mappings.remove(engine_of(), mapping_id, me.name):
            raise HTTPException(409, "该表头对应关系已删除，请刷新页面")
        return _back(request, form, cities, "已删除该表头对应关系，该市以后的报送按表格本身读取。")


def _back(request: Request, form, cities: set[str], done: str) -> RedirectResponse:
    back = str(form.get("back") or "")
    base = request.scope.get("root_path", "").rstrip("/")
    where = f"{base}/queue/{quote(back)}" if back in cities else f"{base}/queue"
    return RedirectResponse(f"{where}?{urlencode({'done': done})}", status_code=303)


def _field(form, name: str) -> str:
    return str(form.get(name) or "").strip()


def held_value(item: QueueItem, form) -> str:
    """The clerk's entry as text the pipeline's own parsers read (a date range, an amount
    with its unit, the city's counties), so the row is checked as intake checks it."""
    kind = item.input_kind
    if kind == "date":
        start, end = _field(form, "start"), _field(form, "end") or _field(form, "start")
        if not start:
            raise HTTPException(400, "请选择开始日期")
        return f"{start}至{end}"
    if kind == "money":
        amount, unit = _field(form, "amount"), _field(form, "unit") or "万元"
        if not amount or unit not in UNITS_TO_WAN:
            raise HTTPException(400, "请填写金额并选择单位")
        return f"{amount}{unit}"
    if kind == "county":
        own = set(city_counties(item.city_name))
        chosen = [c for c in form.getlist("county") if c in own]
        if not chosen:
            raise HTTPException(400, "请选择本市的县（市、区）")
        return "、".join(chosen)
    value = _field(form, "value")
    if not value:
        raise HTTPException(400, "请填写内容")
    return value


def _reading_value(item: QueueItem, form, campaign: Campaign) -> tuple[str, str]:
    """(field, new value) of a changed reading: a category, or an amount in 万元 under the
    unit the clerk chose for what the city wrote."""
    if item.kind == "category":
        category = _field(form, "category")
        if category not in campaign.all_categories:
            raise HTTPException(400, "请选择活动类别")
        return "category", category
    unit = _field(form, "unit")
    if unit not in UNITS_TO_WAN:
        raise HTTPException(400, "请选择单位")
    try:
        amount = parse_money(item.raw_value, unit).value
    except NormaliseError as err:
        raise HTTPException(400, err.message_zh) from err
    if amount is None:
        raise HTTPException(400, "原表该格没有数字")
    return str(item.code), f"{float(amount):g}"


def remembered_unit(item: QueueItem, form, unit: str) -> Remember | None:
    """The column's unit to read the city's later files by, when the clerk left the box
    以后按此读取该市同名表头 ticked (an assumed-unit item only: it is about the column)."""
    if item.kind != "unit" or not item.column_name or not _field(form, "remember"):
        return None
    return Remember(item.column_name, str(item.code).removesuffix("_wan"), unit)


def _told(new: NewResolution) -> str:
    if new.remember is None:
        return ""
    return f"该市以后报送的“{new.remember.header_text}”列按{new.remember.unit}读取。"


def _apply(engine, item: QueueItem, form, me: Viewer, campaign: Campaign, send_back) -> str:
    action, note = _field(form, "action"), _field(form, "note") or None
    where = NewResolution(
        created_by=me.name, submission_id=item.submission_id, kind=action, sheet=item.sheet,
        excel_row=item.excel_row, column_name=item.column_name, raw_value=item.raw_value,
        held_row_id=item.held_row_id, activity_id=item.activity_id, problem_id=item.problem_id,
        note=note,
    )  # fmt: skip
    place = f"{item.city_name}《{item.filename}》{item.sheet}第{item.excel_row}行"
    if action == "value" and item.kind == "held":
        value = held_value(item, form)
        applied = record(engine, replace(where, kind="held_value", new_value=value), campaign)
        if applied.counted:
            return f"{place}已按核实的值计入汇总。"
        return f"{place}已记录；该行尚未计入：{'；'.join(applied.remaining)}"
    if action == "confirm" and item.kind in ("unit", "category"):
        field = "category" if item.kind == "category" else item.code
        confirmed = replace(where, kind="confirm_reading", field=field, new_value=item.read_as,
                            remember=remembered_unit(item, form, "万元"))  # fmt: skip
        record(engine, confirmed, campaign)
        return f"{place}：已确认“{item.read_as}”。{_told(confirmed)}"
    if action == "change" and item.kind in ("unit", "category"):
        field, value = _reading_value(item, form, campaign)
        changed = replace(where, kind="change_reading", field=field, new_value=value,
                          remember=remembered_unit(item, form, _field(form, "unit")))  # fmt: skip
        record(engine, changed, campaign)
        return f"{place}：已改为“{value}{'' if field == 'category' else '万元'}”。{_told(changed)}"
    if action == "drop":
        record(engine, replace(where, kind="drop_row"), campaign)
        return f"{place}：已剔除，不计入汇总。"
    if action == "send_back" and send_back is not None:
        if not note:
            raise HTTPException(400, "请写明退回说明")
        record(engine, replace(where, kind="send_back"), campaign)
        send_back(engine, item.submission_id, note)
        return f"{item.city_name}《{item.filename}》已退回该市，回复邮件已排入发件箱。"
    raise HTTPException(400, "无法执行该操作")
