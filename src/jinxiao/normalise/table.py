"""Normalise a located table's rows to warehouse values (CONTRACT §2), keeping every raw text.

Per-cell problems (a date nobody can read, a county not in the city) are found here, where
the raw text is at hand; rules across rows and columns are the Great Expectations suites'.
An error here is about one cell, so it holds back its row only (validate.holds).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from jinxiao.config import Campaign
from jinxiao.domain.models import NormalisedTable, ParsedTable, Problem, SourceRow
from jinxiao.normalise.categories import assign_category
from jinxiao.normalise.values import (
    NormaliseError,
    excel_error,
    match_counties,
    money_unit_assumed,
    parse_count,
    parse_date_range,
    parse_money,
    parse_quantity,
)

MONEY_FIELDS = {
    "est_turnover": "est_turnover_wan",
    "actual_turnover": "actual_turnover_wan",
    "voucher_issued": "voucher_issued_wan",
    "voucher_redeemed": "voucher_redeemed_wan",
}


# Cells kept as text, where an error value is reported by _RowNormaliser.text_errors: the name
# identifies the row, so it holds it; the others feed no figure, so they only warn.
_TEXT_FIELDS = ("activity_name", "content", "support_policy", "category", "remark")


def raw_text(value: object) -> str | None:
    """The cell as text, the way a clerk would read it back (dates as YYYY-MM-DD)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def clean_text(value: object) -> str | None:
    text = raw_text(value)
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()
    return text or None


def _text_cell(value: object) -> str | None:
    """A text cell's content; an Excel error value (warned about) is no content."""
    return None if excel_error(value) is not None else clean_text(value)


def _decimal_or_none(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _period_raw(cells: dict[str, object], period_field: str) -> str | None:
    """The period as written; two columns (开始时间 | 结束时间) joined by 至."""
    parts = [raw_text(cells.get(f)) for f in (period_field, "period_end")]
    return "至".join(p for p in parts if p) or None


class _RowNormaliser:
    """Normalises one row and collects its problems against the table's own header texts."""

    def __init__(self, nt: NormalisedTable, campaign: Campaign, sent: dt.date | None) -> None:
        self.nt = nt
        self.campaign = campaign
        self.sent = sent

    def problem(self, row: SourceRow, field_name: str, err: NormaliseError, severity="error"):
        self.nt.problems.append(
            Problem(
                severity=severity,
                code=err.code,
                message_zh=f"{self.nt.place(row.sheet, row.excel_row)}“{self.nt.header(field_name)}”："
                f"{err.message_zh}",
                excel_row=row.excel_row,
                column=self.nt.header(field_name),
                sheet=row.sheet,
                field=field_name,
            )
        )

    def warn(self, row: SourceRow, field_name: str, code: str, text: str) -> None:
        self.nt.problems.append(
            Problem(
                "warning",
                code,
                f"{self.nt.place(row.sheet, row.excel_row)}“{self.nt.header(field_name)}”：{text}",
                row.excel_row,
                self.nt.header(field_name),
                row.sheet,
                field_name,
            )
        )

    def money(self, row: SourceRow, field_name: str) -> float | None:
        raw = row.cells.get(field_name)
        unit = self.nt.table.units.get(field_name)
        try:
            amount = parse_money(raw, unit)
        except NormaliseError as err:
            # 预估成效（成交额等） invites prose ("带动消费明显"): keep it, count it as unknown.
            # A formula's error value or a 见附表 is no prose: the figure is to be put here.
            if field_name == "est_turnover" and err.code not in ("cell_formula_error",
                                                                 "value_elsewhere"):  # fmt: skip
                self.warn(
                    row, field_name, err.code, f"{err.message_zh}（已保留原文，汇总时按未知处理）"
                )
            else:
                self.problem(row, field_name, err)
            return None
        if amount.value is not None and money_unit_assumed(raw, unit):
            self.warn(
                row, field_name, "money_unit_assumed", f"“{raw_text(raw)}”未写单位，已按万元计。"
            )
        return _decimal_or_none(amount.value)

    def count(self, row: SourceRow, field_name: str) -> int | None:
        try:
            value = parse_count(row.cells.get(field_name)).value
        except NormaliseError as err:
            self.problem(row, field_name, err)
            return None
        return None if value is None else int(value)

    def quantity(self, row: SourceRow, field_name: str) -> float | None:
        try:
            amount = parse_quantity(row.cells.get(field_name), self.nt.table.units.get(field_name))
        except NormaliseError as err:
            self.problem(row, field_name, err)
            return None
        return _decimal_or_none(amount.value)

    def _range(self, row: SourceRow, field_name: str) -> tuple[dt.date | None, dt.date | None]:
        try:
            rng = parse_date_range(
                row.cells.get(field_name),
                self.campaign.year,
                (self.campaign.start, self.campaign.end),
                self.sent,
            )
        except NormaliseError as err:
            self.problem(row, field_name, err)
            return None, None
        return rng.start, rng.end

    def period(self, row: SourceRow, field_name: str) -> tuple[dt.date | None, dt.date | None]:
        start, end = self._range(row, field_name)
        if raw_text(row.cells.get("period_end")) is None:
            return start, end
        # 开始时间 | 结束时间 in two columns: the first one's start, the second one's end.
        end_start, end_end = self._range(row, "period_end")
        return start or end_start, end_end or end

    def text_errors(self, row: SourceRow) -> None:
        """An Excel error value in the name holds the row as in a number cell (the number,
        date and county readers refuse it themselves); in a text that feeds no figure it warns."""
        for field_name in _TEXT_FIELDS:
            if (err := excel_error(row.cells.get(field_name))) is None:
                continue
            if field_name == "activity_name":
                self.problem(row, field_name, err)
            else:
                self.warn(row, field_name, err.code, f"{err.message_zh}（已按未填写处理）")

    def counties(self, row: SourceRow) -> dict[str, object]:
        if (err := excel_error(row.cells.get("county"))) is not None:
            self.problem(row, "county", err)
            return {"county_names": None, "county_codes": [], "citywide": False,
                    "county_raw": raw_text(row.cells.get("county")), "county_unknown": None}  # fmt: skip
        match = match_counties(row.cells.get("county"), self.nt.city_name, row.group)
        return {
            "county_names": "、".join(match.names) or None,
            "county_codes": list(match.codes),
            "citywide": bool(match.citywide),
            "county_raw": raw_text(row.cells.get("county")),
            "county_unknown": "、".join(match.unknown) or None,
        }

    def normalise(self, row: SourceRow) -> dict[str, object]:
        cells = row.cells
        self.text_errors(row)
        period_field = "period" if "period" in self.nt.table.columns else "actual_period"
        start, end = self.period(row, period_field)
        name = clean_text(cells.get("activity_name"))
        content = _text_cell(cells.get("content"))
        policy = _text_cell(cells.get("support_policy"))
        category, source, confidence = assign_category(
            name or "", content, policy, _text_cell(cells.get("category"))
        )
        out: dict[str, object] = {
            "sheet": row.sheet,
            "excel_row": row.excel_row,
            **self.counties(row),
            "activity_name": name,
            "activity_name_raw": raw_text(cells.get("activity_name")),
            "start_date": start,
            "end_date": end,
            "period_raw": _period_raw(cells, period_field),
            "content": content,
            "enterprise_count": self.count(row, "enterprise_count"),
            "enterprise_count_raw": raw_text(cells.get("enterprise_count")),
            "support_policy": policy,
            "category": category,
            "category_raw": raw_text(cells.get("category")),
            "category_source": source,
            "category_confidence": confidence,
            "footfall_wan": self.quantity(row, "footfall") if "footfall" in cells else None,
            "footfall_raw": raw_text(cells.get("footfall")),
            "remark": _text_cell(cells.get("remark")),
            "extra": json.dumps(
                {k: raw_text(v) for k, v in row.extra.items() if raw_text(v) is not None},
                ensure_ascii=False,
            ),
        }
        for src, dst in MONEY_FIELDS.items():
            out[dst] = self.money(row, src) if src in cells else None
            out[src + "_raw"] = raw_text(cells.get(src))
        return out


def normalise_table(
    table: ParsedTable, city_name: str, campaign: Campaign, sent: dt.date | None = None
) -> NormalisedTable:
    """`sent`: the day the mail was sent, the start of a 即日起… period (open without it)."""
    nt = NormalisedTable(city_name, table, [])
    rower = _RowNormaliser(nt, campaign, sent)
    nt.records = [rower.normalise(row) for row in table.rows]
    nt.problems.extend(summary_problems(nt))
    return nt


_SENTENCE_NUMBERS = {
    "counties": r"县区[^0-9_]*?([0-9]+)\s*个",
    "activities": r"重点活动\s*([0-9]+)\s*场",
    "enterprises": r"参与企业\s*([0-9]+)\s*家",
    "est_turnover_yi": r"预估成交\s*([0-9]+(?:\.[0-9]+)?)\s*亿",
}


def parse_summary_sentence(sentence: str | None) -> dict[str, Decimal]:
    """The figures the city wrote in its 参加…县区…个 sentence; blanks of the template are absent."""
    found: dict[str, Decimal] = {}
    if not sentence:
        return found
    text = sentence.replace(" ", "").replace("\u3000", "")
    for key, pattern in _SENTENCE_NUMBERS.items():
        m = re.search(pattern, text)
        if m:
            found[key] = Decimal(m.group(1))
    return found


def table_totals(nt: NormalisedTable) -> dict[str, Decimal]:
    """CONTRACT §2 totals of one city's rows: distinct counties, rows, sums of known values."""
    # Record values are typed `object`; counties() writes a list, count()/money() int/float/None.
    codes = {c for codes in nt.column("county_codes") if isinstance(codes, list) for c in codes}
    known = [x for x in nt.column("enterprise_count") if isinstance(x, int | float) and x == x]
    wan = [x for x in nt.column("est_turnover_wan") if isinstance(x, int | float) and x == x]
    return {
        "counties": Decimal(len(codes)),
        "activities": Decimal(len(nt.records)),
        "enterprises": Decimal(int(sum(known))),
        "est_turnover_yi": Decimal(str(round(sum(wan) / 1e4, 4))),
    }


_SENTENCE_LABELS = {
    "counties": ("县区", "个"),
    "activities": ("重点活动", "场"),
    "enterprises": ("参与企业", "家"),
    "est_turnover_yi": ("预估成交", "亿元"),
}


def _differences(stated: dict[str, Decimal], computed: dict[str, Decimal]) -> list[str]:
    diffs = []
    for key, value in stated.items():
        tolerance = Decimal("0.01") if key == "est_turnover_yi" else Decimal(0)
        if abs(value - computed[key]) > tolerance:
            label, unit = _SENTENCE_LABELS[key]
            diffs.append(f"{label}写{value}{unit}，按表中各行计算为{computed[key]}{unit}")
    return diffs


def summary_problems(nt: NormalisedTable) -> list[Problem]:
    """Warn where the city's own summary sentence disagrees with its rows (kept, never used)."""
    if nt.table.form != "registry":
        return []
    stated = parse_summary_sentence(nt.table.summary_sentence)
    if not stated:
        return []
    computed = table_totals(nt)
    if len(nt.sheets) > 1:
        # Sheets merged: the sentence may sum its own sheet only, which is no mismatch.
        own = [r for r in nt.records if r["sheet"] == nt.table.sheet]
        sheet_only = NormalisedTable(nt.city_name, nt.table, own)
        if not _differences(stated, table_totals(sheet_only)):
            return []
    diffs = _differences(stated, computed)
    if not diffs:
        return []
    return [
        Problem(
            "warning",
            "summary_mismatch",
            "表下合计语句与表中数据不一致：" + "；".join(diffs) + "。汇总以表中各行为准。",
        )
    ]
