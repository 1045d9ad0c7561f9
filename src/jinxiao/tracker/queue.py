"""The province clerk's 待核实 queue: what the pipeline held back or was unsure of, per city.

What the warehouse records as uncertain, and so what the queue lists:
  - held rows (held_row / held_cell) of current files not yet made whole or dropped;
  - amounts whose unit was assumed (problem code money_unit_assumed: 未写单位，已按万元计);
  - categories decided by the rules alone with confidence below LOW_CATEGORY_CONFIDENCE.
Resolving an assumed unit may also remember it for the city's header (header_mapping), so
the city's next file with that header is read in it and never comes here.
Not recorded anywhere today, so not listed: a form decided without the template marker, a
table chosen among several, a column matched by a weak synonym (the reader only logs them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, text

from jinxiao.normalise.values import county_table

# Below this the rules' category is a guess worth a look (the demo's weakest is 0.593; most
# rule-decided rows score 0.63 and above).
LOW_CATEGORY_CONFIDENCE = 0.6
# What a clerk may choose for an amount whose unit the city did not write, and its factor to 万元.
UNITS_TO_WAN = {"万元": 1.0, "元": 0.0001, "亿元": 10000.0}
# The amounts a unit resolution may change (v_activity_resolved applies these two).
MONEY_FIELDS_BY_HEADER_WORD = {"预估": "est_turnover_wan", "实际": "actual_turnover_wan"}


# Words of a column's header -> the control for its value, checked in this order (成交额 is
# money before 企业 makes it a count).
_KIND_OF_COLUMN = (
    (("时间", "日期"), "date"),
    (("县区", "区县", "县（市、区）"), "county"),
    (("万元", "成交额", "销售额", "交易额", "消费券", "金额", "成效"), "money"),
    (("企业", "商家", "商户", "客流", "人次", "人数", "数量"), "number"),
)


@dataclass(frozen=True)
class QueueItem:
    """One thing to check: a held cell, an assumed unit or a rule-decided category."""

    kind: str  # held, unit, category
    city_name: str
    form: str
    submission_id: int
    filename: str
    sheet: str | None
    excel_row: int | None
    column_name: str | None
    raw_value: str | None  # the cell as the city wrote it
    read_as: str  # what the pipeline read
    why: str  # why it is unsure, in Chinese
    held_row_id: int | None = None
    activity_id: int | None = None
    problem_id: int | None = None
    code: str | None = None
    row_raw: dict[str, str] = field(default_factory=dict)  # the whole row as written
    sent_back: bool = False  # the clerk sent the file back; it waits for the city

    @property
    def key(self) -> str:
        # The form posts this back; the server looks the item up again (never trusts it).
        ident = self.held_row_id or self.activity_id or self.problem_id
        return f"{self.kind}:{ident}:{self.column_name or ''}"

    @property
    def input_kind(self) -> str:
        """Which control resolves a held cell: a date range, an amount, counties or text."""
        code = self.code or ""
        for prefix, kind in (("date", "date"), ("money", "money"), ("county", "county"),
                             ("count", "number"), ("number", "number")):  # fmt: skip
            if code.startswith(prefix):
                return kind
        # A cell refused whatever its column holds (见附表, #VALUE!): the column says what the
        # clerk enters in its place.
        column = self.column_name or ""
        for words, kind in _KIND_OF_COLUMN:
            if any(w in column for w in words):
                return kind
        return "text"


def _rows(engine: Engine, sql: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def _city_clause(city: str | None, column: str) -> str:
    return f" AND {column} = :city" if city else ""


def _sent_back(engine: Engine) -> set[int]:
    return {
        int(r["submission_id"])
        for r in _rows(
            engine,
            "SELECT DISTINCT submission_id FROM resolution WHERE kind = 'send_back' "
            "AND status = 'active'",
        )
    }


_HELD_SQL = """
SELECT h.held_row_id, h.city_name, h.form, h.submission_id, s.filename, h.sheet, h.excel_row,
       h.row_raw, c.column_name, c.raw_value, c.code, c.problem_zh
FROM held_row h
JOIN held_cell c ON c.held_row_id = h.held_row_id
JOIN submission s ON s.submission_id = h.submission_id
WHERE h.status = 'held' AND s.outcome = 'accepted'
  AND NOT EXISTS (SELECT 1 FROM resolved_row r WHERE r.held_row_id = h.held_row_id)
  AND NOT EXISTS (SELECT 1 FROM resolution d WHERE d.held_row_id = h.held_row_id
                  AND d.status = 'active' AND d.kind = 'drop_row')
  AND NOT EXISTS (SELECT 1 FROM resolution v WHERE v.held_row_id = h.held_row_id
                  AND v.status = 'active' AND v.kind = 'held_value'
                  AND v.column_name = c.column_name)
"""


def held_items(engine: Engine, city: str | None = None) -> list[QueueItem]:
    rows = _rows(
        engine,
        _HELD_SQL + _city_clause(city, "h.city_name") + " ORDER BY h.held_row_id, c.position",
        city=city,
    )
    sent = _sent_back(engine)
    return [
        QueueItem(
            "held", r["city_name"], r["form"], int(r["submission_id"]), r["filename"],
            r["sheet"], int(r["excel_row"]), r["column_name"], r["raw_value"],
            "未计入（该行暂缓入库）", r["problem_zh"], held_row_id=int(r["held_row_id"]),
            code=r["code"], row_raw=_json(r["row_raw"]),
            sent_back=int(r["submission_id"]) in sent,
        )
        for r in rows
    ]  # fmt: skip


def _json(value: object) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {str(k): str(v) for k, v in json.loads(str(value or "{}")).items()}


_UNIT_SQL = """
SELECT p.problem_id, s.city_name, s.form, s.submission_id, s.filename, p.sheet, p.excel_row,
       p.column_name, p.message_zh, a.activity_id, a.est_turnover_wan, a.est_turnover_raw,
       a.actual_turnover_wan, a.actual_turnover_raw
FROM problem p
JOIN submission s ON s.submission_id = p.submission_id
JOIN activity a ON a.submission_id = s.submission_id AND a.sheet = p.sheet
     AND a.excel_row = p.excel_row
WHERE p.code = 'money_unit_assumed' AND s.outcome = 'accepted'
  AND NOT EXISTS (SELECT 1 FROM resolution r WHERE r.status = 'active'
                  AND (r.problem_id = p.problem_id
                       OR (r.activity_id = a.activity_id AND r.kind = 'drop_row')))
"""


def money_field(column_name: str | None, form: str = "") -> str | None:
    """Which amount an assumed-unit warning is about, from its header (预估… or 实际…); a
    名录's only amount is the 预估成效 whatever its header says (预计成交额)."""
    for word, name in MONEY_FIELDS_BY_HEADER_WORD.items():
        if word in (column_name or ""):
            return name
    return "est_turnover_wan" if form == "registry" else None


def unit_items(engine: Engine, city: str | None = None) -> list[QueueItem]:
    rows = _rows(engine, _UNIT_SQL + _city_clause(city, "s.city_name") + " ORDER BY p.problem_id",
                 city=city)  # fmt: skip
    out = []
    for r in rows:
        name = money_field(r["column_name"], r["form"])
        if name is None:
            continue
        prefix = name.removesuffix("_wan")
        out.append(
            QueueItem(
                "unit", r["city_name"], r["form"], int(r["submission_id"]), r["filename"],
                r["sheet"], int(r["excel_row"]), r["column_name"], r[f"{prefix}_raw"],
                f"{_amount(r[name])}万元", r["message_zh"], activity_id=int(r["activity_id"]),
                problem_id=int(r["problem_id"]), code=name,
            )
        )  # fmt: skip
    return out


def _amount(value: object) -> str:
    return "—" if value is None else f"{float(str(value)):g}"


_CATEGORY_SQL = """
SELECT a.activity_id, a.city_name, a.form, s.submission_id, s.filename, a.sheet, a.excel_row,
       a.activity_name, a.category, a.category_confidence
FROM activity a
JOIN submission s ON s.submission_id = a.submission_id
WHERE s.outcome = 'accepted' AND a.category_source = 'rules'
  AND a.category_confidence < :low
  AND NOT EXISTS (SELECT 1 FROM resolution r WHERE r.activity_id = a.activity_id
                  AND r.status = 'active' AND r.kind <> 'send_back'
                  AND (r.field = 'category' OR r.kind = 'drop_row'))
"""


def category_items(engine: Engine, city: str | None = None) -> list[QueueItem]:
    rows = _rows(
        engine,
        _CATEGORY_SQL + _city_clause(city, "a.city_name") + " ORDER BY a.activity_id",
        low=LOW_CATEGORY_CONFIDENCE, city=city,
    )  # fmt: skip
    return [
        QueueItem(
            "category", r["city_name"], r["form"], int(r["submission_id"]), r["filename"],
            r["sheet"], int(r["excel_row"]), "活动名称", r["activity_name"], r["category"],
            f"表中未填类别，按规则归为“{r['category']}”，把握度{float(r['category_confidence']):.2f}"
            f"（低于{LOW_CATEGORY_CONFIDENCE}）",
            activity_id=int(r["activity_id"]), code="category",
        )
        for r in rows
    ]  # fmt: skip


def queue(engine: Engine, city: str | None = None) -> list[QueueItem]:
    """Everything waiting for the clerk, held rows first, in each city's reading order."""
    return [*held_items(engine, city), *unit_items(engine, city), *category_items(engine, city)]


def find_item(engine: Engine, key: str) -> QueueItem | None:
    """The queue item a form names, looked up again in the warehouse (still open, or None)."""
    return next((i for i in queue(engine) if i.key == key), None)


def city_counties(city_name: str) -> list[str]:
    """The city's own counties, for the county picker (never another city's)."""
    return [name for _code, name, _city_code, city in county_table() if city == city_name]


@dataclass(frozen=True)
class ResolutionView:
    resolution_id: int
    created_at: str
    created_by: str
    city_name: str
    filename: str
    sheet: str | None
    excel_row: int | None
    column_name: str | None
    raw_value: str | None
    kind: str
    new_value: str | None
    note: str | None
    status: str


def recent_resolutions(engine: Engine, city: str | None = None, limit: int = 50):
    """The latest resolutions (v_resolution), obsolete ones shown as such."""
    rows = _rows(
        engine,
        "SELECT resolution_id, created_at, created_by, city_name, filename, sheet, excel_row, "
        "column_name, raw_value, kind, new_value, note, status FROM v_resolution WHERE 1 = 1"
        + _city_clause(city, "city_name")
        + " ORDER BY resolution_id DESC LIMIT :n",
        city=city, n=limit,
    )  # fmt: skip
    return [
        ResolutionView(int(r["resolution_id"]), str(r["created_at"])[:16], r["created_by"],
                       r["city_name"], r["filename"], r["sheet"],
                       None if r["excel_row"] is None else int(r["excel_row"]),
                       r["column_name"], r["raw_value"], r["kind"], r["new_value"], r["note"],
                       r["status"])
        for r in rows
    ]  # fmt: skip
