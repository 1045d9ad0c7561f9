"""Split a table's errors: a bad cell holds back its row, a bad file is rejected (issue 11).

An error about one row (an unreadable date or number, a county not of the city, a required
cell left blank) keeps that row out of every total, stored with its raw text, and the other
rows are taken. An error about the file as a whole (`scope` "file", or no row to pin it on)
rejects the file, and so does a table whose every row is held (nothing would be taken) or
another city's table (most of its rows name one other city's counties).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from jinxiao.domain.models import HeldCell, HeldRow, NormalisedTable, Problem, SourceRow
from jinxiao.normalise.table import raw_text
from jinxiao.normalise.values import county_table, match_counties

# Fields whose raw text a normalised record keeps under another name.
_RAW_KEYS = {"county": "county_raw", "period": "period_raw", "actual_period": "period_raw"}


@dataclass(frozen=True)
class RowSplit:
    taken: NormalisedTable  # the rows that go into the warehouse
    held: tuple[HeldRow, ...]  # in reading order
    file_errors: tuple[Problem, ...]  # errors that reject the file whatever its rows

    @property
    def rejects(self) -> bool:
        return bool(self.file_errors) or (bool(self.held) and not self.taken.records)


def _row_key(nt: NormalisedTable, p: Problem) -> tuple[str, int]:
    assert p.excel_row is not None  # only row errors are keyed
    return (p.sheet or nt.table.sheet, p.excel_row)


def holds_row(p: Problem) -> bool:
    return p.severity == "error" and p.scope == "row" and p.excel_row is not None


def _raw_value(row: SourceRow | None, record: dict[str, object], field: str | None) -> str | None:
    if field is None:
        return None
    if row is not None and field in row.cells:
        return raw_text(row.cells[field])
    value = record.get(_RAW_KEYS.get(field, f"{field}_raw"))
    return None if value is None else str(value)


def _raw_row(nt: NormalisedTable, row: SourceRow | None) -> dict[str, str]:
    """Every filled cell of the row under its header, so nothing the city wrote is lost."""
    if row is None:
        return {}
    out = {nt.header(f): t for f, v in row.cells.items() if (t := raw_text(v)) is not None}
    out.update({str(k): t for k, v in row.extra.items() if (t := raw_text(v)) is not None})
    return out


def _home_city(fragment: str, sender_city: str) -> str | None:
    """The one other city that has a county of this name (“平城区” -> 大同市), if any."""
    cities = {city for _code, _name, _city_code, city in county_table()} - {sender_city}
    homes = {city for city in cities if match_counties(fragment, city).names}
    return homes.pop() if len(homes) == 1 else None


def other_city_table(nt: NormalisedTable) -> Problem | None:
    """Another city's table sent by this one: most of its rows name that city's counties.
    That is the file's problem, not the rows': the city sent the wrong file."""
    homes: dict[str, list[str]] = {}
    for rec in nt.records:
        unknown = str(rec.get("county_unknown") or "")
        found = {h for f in unknown.split("、") if f and (h := _home_city(f, nt.city_name))}
        if len(found) == 1:
            homes.setdefault(found.pop(), []).append(unknown)
    if not homes or not nt.records:
        return None
    city, named = max(homes.items(), key=lambda kv: len(kv[1]))
    if 2 * len(named) <= len(nt.records):
        return None
    return Problem(
        "error",
        "other_city_table",
        f"表中{len(nt.records)}行活动有{len(named)}行所填县区属于{city}（如“{named[0]}”），"
        f"不是{nt.city_name}的县（市、区），似为误发了{city}的表格。请核对后发送{nt.city_name}的表格。",
        column=nt.header("county"),
        scope="file",
    )


def split_rows(nt: NormalisedTable, problems: Sequence[Problem]) -> RowSplit:
    """The table's rows minus the ones a row error names, those rows, and the file errors."""
    errors = [p for p in problems if p.severity == "error"]
    file_errors = tuple(p for p in errors if not holds_row(p))
    if (wrong := other_city_table(nt)) is not None:
        file_errors = (wrong, *file_errors)
    by_row: dict[tuple[str, int], list[Problem]] = {}
    for p in errors:
        if holds_row(p):
            by_row.setdefault(_row_key(nt, p), []).append(p)
    sources = {(r.sheet, r.excel_row): r for r in nt.table.rows}
    taken, held = [], []
    for rec in nt.records:
        key = (str(rec["sheet"]), int(str(rec["excel_row"])))
        found = by_row.get(key)
        if not found:
            taken.append(rec)
            continue
        src = sources.get(key)
        cells = tuple(
            HeldCell(p.column or "", _raw_value(src, rec, p.field), p.code, p.message_zh)
            for p in found
        )
        held.append(HeldRow(key[0], key[1], cells, _raw_row(nt, src)))
    return RowSplit(dataclasses.replace(nt, records=taken), tuple(held), file_errors)
