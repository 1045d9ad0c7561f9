"""The province clerk's resolutions (issue 12): recorded as an overlay, applied by the views.

A resolution is one row of `resolution` (sql/070_resolution.sql): who, when, which file, sheet,
row and column, what the city wrote, what the clerk decided. Nothing the city sent is edited.
The views (sql/090_activity_resolved.sql) apply drops and category changes directly; a held
row the clerk gives values for is made whole here, once, by reading the archived file again
with the clerk's text in the held cells and checking the row as intake does (normalise, the
form's suite, the row-hold rule). The result is `resolved_row`, which the views count while
the file is current. `reapply` rebuilds every such row (idempotent) and marks the resolutions
of superseded files obsolete; reruns and nightly_consolidation call it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from jinxiao.config import Campaign
from jinxiao.domain.models import (
    Attachment,
    HeaderMapping,
    NormalisedTable,
    ParsedTable,
    Problem,
)
from jinxiao.domain.times import to_db_time
from jinxiao.intake.archive import read_archived
from jinxiao.normalise.table import normalise_table
from jinxiao.reading.formats import read_workbook
from jinxiao.reading.locate import locate
from jinxiao.validate.holds import holds_row
from jinxiao.validate.suites import SUITE_OF_FORM, validate_tables
from jinxiao.warehouse.header_mappings import Remember, mappings_read_with, remember
from jinxiao.warehouse.link_results import match_registry_activity
from jinxiao.warehouse.load import current_registry_activities

# What a clerk may do (resolution.kind).
KINDS = ("held_value", "drop_row", "confirm_reading", "change_reading", "send_back")

_ROW_COLUMNS = (
    "county_names", "citywide", "county_raw", "activity_name", "start_date", "end_date",
    "period_raw", "content", "enterprise_count", "support_policy", "est_turnover_wan",
    "category", "category_source", "category_confidence", "actual_turnover_wan",
    "footfall_wan", "voucher_issued_wan", "voucher_redeemed_wan", "remark",
    "registry_activity_id",
)  # fmt: skip


@dataclass(frozen=True)
class NewResolution:
    """What the clerk decided about one file, row or cell."""

    created_by: str
    submission_id: int
    kind: str
    sheet: str | None = None
    excel_row: int | None = None
    column_name: str | None = None
    raw_value: str | None = None
    field: str | None = None
    new_value: str | None = None
    note: str | None = None
    held_row_id: int | None = None
    activity_id: int | None = None
    problem_id: int | None = None
    # A column's meaning to read the city's later files by (header_mapping), stored with it.
    remember: Remember | None = None


@dataclass(frozen=True)
class Applied:
    resolution_id: int
    counted: bool  # the held row now counts in the views
    remaining: tuple[str, ...] = ()  # what still keeps it out, in Chinese


def record(engine: Engine, new: NewResolution, campaign: Campaign) -> Applied:
    """Store a resolution (replacing the clerk's earlier one on the same target) and apply it."""
    if new.kind not in KINDS:
        raise ValueError(f"unknown resolution kind {new.kind!r}")
    with engine.begin() as conn:
        sub = conn.execute(
            text("SELECT message_key, city_name, form FROM submission WHERE submission_id = :s"),
            {"s": new.submission_id},
        ).one()
        _replace_earlier(conn, new)
        rid = int(
            conn.execute(
                text(
                    "INSERT INTO resolution (created_at, created_by, submission_id, message_key, "
                    "city_name, form, sheet, excel_row, column_name, raw_value, kind, field, "
                    "new_value, note, status, held_row_id, activity_id, problem_id) VALUES "
                    "(:at, :by, :s, :k, :c, :f, :sheet, :row, :col, :raw, :kind, :field, :new, "
                    ":note, 'active', :h, :a, :p) RETURNING resolution_id"
                ),
                {
                    "at": to_db_time(dt.datetime.now(dt.UTC), precise=True),
                    "by": new.created_by, "s": new.submission_id, "k": sub[0], "c": sub[1],
                    "f": sub[2], "sheet": new.sheet, "row": new.excel_row,
                    "col": new.column_name, "raw": new.raw_value, "kind": new.kind,
                    "field": new.field, "new": new.new_value, "note": new.note,
                    "h": new.held_row_id, "a": new.activity_id, "p": new.problem_id,
                },
            ).scalar_one()
        )  # fmt: skip
        if new.remember is not None:
            remember(conn, new.remember, city=sub[1], form=sub[2], by=new.created_by,
                     resolution_id=rid, submission_id=new.submission_id)  # fmt: skip
        if new.kind == "held_value" and new.held_row_id is not None:
            remaining = rebuild_row(conn, new.held_row_id, campaign)
            return Applied(rid, not remaining, remaining)
    return Applied(rid, False)


def _replace_earlier(conn: Connection, new: NewResolution) -> None:
    """A second decision on the same cell, row or reading replaces the first (kept for audit)."""
    if new.held_row_id is not None:
        target, value = "held_row_id", new.held_row_id
    elif new.activity_id is not None:
        target, value = "activity_id", new.activity_id
    elif new.problem_id is not None:
        target, value = "problem_id", new.problem_id
    else:
        return
    same_cell = (
        "" if new.kind == "drop_row"
        else " AND COALESCE(column_name, '') = :col AND COALESCE(field, '') = :field"
    )  # fmt: skip
    conn.execute(
        text(
            f"UPDATE resolution SET status = 'replaced' WHERE {target} = :v AND status = 'active' "
            f"AND kind <> 'send_back'{same_cell}"
        ),
        {"v": value, "col": new.column_name or "", "field": new.field or ""},
    )


def _read_table(
    archive_path: str, filename: str, form: str, mappings: tuple[HeaderMapping, ...] = ()
) -> ParsedTable:
    # The file was read the same way when it was accepted, so it is known to parse.
    payload = read_archived(archive_path)  # a local path or an object-storage URL
    wb = read_workbook(Attachment(filename, "application/octet-stream", payload, "1"))
    return locate(wb, form, mappings)  # type: ignore[arg-type]


def _fields_by_header(table: ParsedTable) -> dict[str, str]:
    return {header: field for field, header in table.columns.items()}


def rebuild_row(conn: Connection, held_row_id: int, campaign: Campaign) -> tuple[str, ...]:
    """Make a held row whole from the clerk's active values; () when it now counts, else the
    problems that still hold it (and it stays out of every view)."""
    conn.execute(text("DELETE FROM resolved_row_county WHERE held_row_id = :h"), {"h": held_row_id})
    conn.execute(text("DELETE FROM resolved_row WHERE held_row_id = :h"), {"h": held_row_id})
    held = conn.execute(
        text(
            "SELECT h.submission_id, h.message_key, h.city_name, h.form, h.sheet, h.excel_row, "
            "s.archive_path, s.filename FROM held_row h JOIN submission s "
            "ON s.submission_id = h.submission_id WHERE h.held_row_id = :h"
        ),
        {"h": held_row_id},
    ).one()
    values: dict[str, str] = dict(
        conn.execute(
            text(
                "SELECT column_name, new_value FROM resolution WHERE held_row_id = :h "
                "AND kind = 'held_value' AND status = 'active' ORDER BY resolution_id"
            ),
            {"h": held_row_id},
        ).all()
    )
    table = _read_table(held.archive_path, held.filename, held.form,
                        mappings_read_with(conn, held.submission_id))  # fmt: skip
    fields = _fields_by_header(table)
    rows = [r for r in table.rows if (r.sheet, r.excel_row) == (held.sheet, held.excel_row)]
    if not rows:
        return (f"文件中已找不到{held.sheet}第{held.excel_row}行。",)
    cells = dict(rows[0].cells)
    for header, value in values.items():
        if header in fields:
            cells[fields[header]] = value
    one = dataclasses.replace(table, rows=[dataclasses.replace(rows[0], cells=cells)])
    nt = normalise_table(one, held.city_name, campaign)
    # The *_raw columns keep what the city wrote, not the clerk's text.
    as_sent = normalise_table(dataclasses.replace(table, rows=rows[:1]), held.city_name, campaign)
    for rec, sent in zip(nt.records, as_sent.records, strict=True):
        rec.update({k: v for k, v in sent.items() if k.endswith("_raw")})
    problems = [*nt.problems, *validate_tables([nt], SUITE_OF_FORM[held.form], campaign)[0]]
    still = tuple(p.message_zh for p in problems if holds_row(p) or _file_error(p))
    if still or not nt.records:
        return still or ("该行没有可采用的数据。",)
    _insert_row(conn, held_row_id, held, nt)
    return ()


def _file_error(p: Problem) -> bool:
    return p.severity == "error" and not holds_row(p)


def _insert_row(conn: Connection, held_row_id: int, held, nt: NormalisedTable) -> None:
    rec = dict(nt.records[0])
    if held.form != "registry" and rec.get("activity_name"):
        candidates = current_registry_activities(conn, held.city_name)
        rec["registry_activity_id"] = match_registry_activity(candidates, str(rec["activity_name"]))
    params = {c: _plain(rec.get(c)) for c in _ROW_COLUMNS}
    cols = ", ".join(_ROW_COLUMNS)
    marks = ", ".join(f":{c}" for c in _ROW_COLUMNS)
    conn.execute(
        text(
            "INSERT INTO resolved_row (held_row_id, submission_id, message_key, city_name, form, "
            f"sheet, excel_row, {cols}) VALUES (:h, :s, :k, :city, :form, :sheet, :row, {marks})"
        ),
        params
        | {"h": held_row_id, "s": held.submission_id, "k": held.message_key,
           "city": held.city_name, "form": held.form, "sheet": held.sheet,
           "row": held.excel_row},
    )  # fmt: skip
    codes = [str(c) for c in rec.get("county_codes") or []]  # type: ignore[attr-defined]
    names = str(rec.get("county_names") or "").split("、")
    for code, name in zip(codes, names, strict=False):
        conn.execute(
            text(
                "INSERT INTO resolved_row_county (held_row_id, county_code, county_name, "
                "city_name) VALUES (:h, :c, :n, :city) ON CONFLICT DO NOTHING"
            ),
            {"h": held_row_id, "c": code, "n": name, "city": held.city_name},
        )


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def obsolete_superseded(conn: Connection) -> int:
    """Resolutions of files no longer current: shown as obsolete, applied nowhere."""
    result = conn.execute(
        text(
            "UPDATE resolution SET status = 'obsolete' WHERE status = 'active' AND submission_id "
            "IN (SELECT submission_id FROM submission WHERE outcome <> 'accepted')"
        )
    )
    return int(result.rowcount or 0)


def reapply(engine: Engine, campaign: Campaign) -> int:
    """Mark superseded files' resolutions obsolete and rebuild every resolved row; how many
    held rows count. Safe to run any number of times."""
    with engine.begin() as conn:
        obsolete_superseded(conn)
        held_ids = [
            int(r[0])
            for r in conn.execute(
                text(
                    "SELECT DISTINCT held_row_id FROM resolution WHERE kind = 'held_value' "
                    "AND status = 'active' AND held_row_id IS NOT NULL ORDER BY held_row_id"
                )
            )
        ]
        return sum(not rebuild_row(conn, h, campaign) for h in held_ids)
