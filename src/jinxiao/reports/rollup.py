"""The province roll-up of the cities' activity registries, in the official 附件2 layout.

Estimated turnover is written as a number in 万元 with the number format `General"万元"`, so
it reads “5000万元” like the cities' tables and still sums in Excel; unknown values are “/”.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine

from jinxiao.config import Campaign, Wording
from jinxiao.reports.figures import (
    city_rows,
    is_draft,
    province_summary,
    registry_gaps,
    report_stem,
)
from jinxiao.reports.xlsx import (
    FMT_INT,
    FMT_YI,
    GROUP_FILL,
    draft_mark,
    fit_rows,
    format_period,
    known,
    print_setup,
    put,
    put_header,
    put_note,
    put_row,
    put_title,
    registry_values,
    set_widths,
    stamp_properties,
    zh_date,
)
from jinxiao.warehouse.queries import RegistryActivity, registry_activities

FMT_WAN_UNIT = 'General"万元"'


def summary_sentence(campaign: Campaign, counties: int, activities: int, enterprises: int,
                     est_turnover_yi: float) -> str:  # fmt: skip
    """The notice's sentence, filled in (亿元 to at most 2 decimals, no trailing zeros)."""
    yi = f"{est_turnover_yi:.2f}".rstrip("0").rstrip(".")
    return (
        f"参加{campaign.year}年{campaign.event}活动的县区（市）{counties}个，重点活动{activities}场，"
        f"参与企业{enterprises}家，预估成交{yi}亿元。"
    )


def _activity_values(a: RegistryActivity, year: int) -> dict[str, object]:
    """The registry fields an activity has in the warehouse; the template picks its columns."""
    return {
        "county": a.county_names,
        "activity_name": a.activity_name,
        "period": format_period(a.start_date, a.end_date, a.period_raw, year),
        "content": a.content,
        "enterprise_count": a.enterprise_count,
        "support_policy": a.support_policy,
        "est_turnover": a.est_turnover_wan,
    }


_FORMATS = {"enterprise_count": FMT_INT, "est_turnover": FMT_WAN_UNIT}


def write_rollup(
    engine: Engine,
    output_dir: Path,
    as_of: dt.date,
    now: dt.datetime | None = None,
    *,
    campaign: Campaign,
) -> Path:
    """`<campaign>_rollup_<as_of>.xlsx`: every city's current registry rows, grouped by city
    in campaign order, with the province's summary sentence; 草稿 in the title until the
    registry deadline has passed."""
    now = now or dt.datetime.now(dt.UTC)
    draft = is_draft(campaign, "registry", now)
    prov = province_summary(engine)
    activities = registry_activities(engine)
    output_dir = Path(output_dir)
    # What the roll-up shows: the registry only (a results form arriving changes nothing here).
    registry = [(c.city_name, c.counties, c.activities, c.enterprises, c.est_turnover_yi)
                for c in city_rows(engine, "results_may")]  # fmt: skip
    key = _content_key(draft, prov, activities, registry)
    same = _latest_with_content(output_dir, campaign, as_of, key)
    if same is not None:
        # Nothing changed since that roll-up: a clerk gets no second file to compare by eye.
        return same
    w = campaign.wording
    columns = campaign.tables.registry.template  # 附件2 汇总 has the notice's own columns
    header = campaign.tables.registry_header
    width = len(header)
    formats = [_FORMATS.get(f) for f in columns]

    wb = Workbook()
    ws = wb.active
    ws.title = "附件2"
    put(ws, 1, 1, "附件2")
    title = f"{campaign.name}重点活动汇总表"
    put_title(ws, 2, f"{title}{draft_mark(draft)}", width, size=16)
    put(ws, 3, 1, f"填报单位：{campaign.organiser}")
    put(ws, 3, width - 1, f"数据截至：{zh_date(as_of)}")
    put_header(ws, 4, header)
    row = 4
    by_city: dict[str, list[RegistryActivity]] = {}
    for a in activities:
        by_city.setdefault(a.city_name, []).append(a)
    for city in campaign.cities:
        rows = by_city.get(city.name, [])
        row += 1
        count = f"{len(rows)}项" if rows else "未报送"  # no registry is not a registry of none
        cell = put(ws, row, 1, f"{city.name}（{count}）", bold=True)
        cell.fill = GROUP_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        for a in rows:
            row += 1
            values = _activity_values(a, campaign.year)
            put_row(ws, row, [values.get(f) for f in columns], formats)
    sentence = summary_sentence(
        campaign, prov.counties, prov.activities, prov.enterprises, prov.est_turnover_yi
    )
    put_note(ws, row + 2, sentence, width)
    put_note(
        ws,
        row + 3,
        f"注：1.本表由{w.each}报送并经审核采用的活动名录汇总生成，数据截至{zh_date(as_of)}；"
        f"2.预估成效单位为万元，“/”表示未填报或不详；3.县区数按{w.each}所列县级行政区去重后相加，"
        "“全市”范围的活动不计入县区数；4.参与企业、预估成交为已填报数之和。",
        width,
    )
    set_widths(ws, [16, 30, 20, 40, 12, 30, 16])
    fit_rows(ws, 5, row)
    ws.freeze_panes = "A5"
    print_setup(ws)
    cities = wb.create_sheet(f"分{w.unit}汇总")
    _city_sheet(cities, engine, as_of, prov, w)
    print_setup(cities)
    stamp_properties(wb, as_of, title)
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / f"{report_stem(campaign, 'rollup', as_of)}.xlsx"
    wb.save(path)
    meta = {"as_of": as_of.isoformat(), "draft": draft, "activities": len(activities),
            "content_sha256": key}  # fmt: skip
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


def _content_key(*parts: object) -> str:
    # Dataclasses of plain values: their repr is the content, in a stable order.
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _latest_with_content(
    output_dir: Path, campaign: Campaign, as_of: dt.date, key: str
) -> Path | None:
    """The newest earlier roll-up (by as-of date) when it has exactly this content."""
    prefix = report_stem(campaign, "rollup", as_of).removesuffix(as_of.isoformat())
    earlier = sorted(
        p for p in output_dir.glob(f"{prefix}*.json") if p.stem[len(prefix) :] < as_of.isoformat()
    )
    if not earlier:
        return None
    newest = earlier[-1]
    try:
        meta = json.loads(newest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    xlsx = newest.with_suffix(".xlsx")
    return xlsx if meta.get("content_sha256") == key and xlsx.exists() else None


def _city_sheet(ws, engine: Engine, as_of: dt.date, prov, w: Wording) -> None:
    header = [w.unit, "参加县区（个）", "重点活动（场）", "参与企业（家）", "预估成交额（亿元）"]
    fmts = [None, FMT_INT, FMT_INT, FMT_INT, FMT_YI]
    put_title(ws, 1, f"{w.each}活动名录汇总（数据截至{zh_date(as_of)}）", len(header))
    put_header(ws, 3, header)
    row = 3
    gaps = {g.city_name: g for g in registry_gaps(engine)}
    # The registry columns of v_city_summary; the results form does not matter here.
    cities = city_rows(engine, "results_may")
    for row, c in enumerate(cities, start=4):
        put_row(ws, row, [c.city_name, *registry_values(c, gaps.get(c.city_name))], fmts)
    ent = prov.activities - sum(g.unknown_enterprises for g in gaps.values())
    est = prov.activities - sum(g.unknown_est_turnover for g in gaps.values())
    total = [f"{w.whole}合计", prov.counties, prov.activities, known(prov.enterprises, ent),
             known(prov.est_turnover_yi, est)]  # fmt: skip
    put_row(ws, row + 1, total, fmts, bold=True)
    missing = sum(1 for c in cities if c.activities == 0)
    unknown_est = sum(g.unknown_est_turnover for g in gaps.values())
    left_out = [f"{missing}个{w.unit}未报送活动名录"] * bool(missing) + [
        f"{unknown_est}场活动未填报预估成交额"
    ] * bool(unknown_est)
    put_note(
        ws,
        row + 2,
        f"注：“未报送”表示该{w.unit}尚无被采用的活动名录，“/”表示未报送或未填报（不是0）；{w.whole}合计只计"
        "已填报的数据" + (f"，{'，'.join(left_out)}，均未计入。" if left_out else "。"),
        len(header),
    )
    set_widths(ws, [12, 14, 14, 14, 18])
