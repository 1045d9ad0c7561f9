"""Figures of one results row that disagree with each other (issue 13 item 4).

One function, `implausible`, over plain numbers, so every reader of a row asks the same
question: the reply (a warning to the city, via `table_warnings` on a normalised table) and
the reports (the 数据缺口 list, and no 首位 for such a row, via jinxiao.reports.figures). The
limits are campaign data (campaign.yaml `checks`, config.PlausibilityLimits).

A row like 85 家企业、20 万人次、0.9 万元 is almost always a 元 written under a 万元 header:
the checks say so in the message and leave the figure as the city wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jinxiao.config import PlausibilityLimits
from jinxiao.domain.models import NormalisedTable, Problem


@dataclass(frozen=True)
class RowFigures:
    """A results row's figures in the warehouse's units (万元, 万人次, 家); None = unknown."""

    enterprise_count: float | None = None
    actual_turnover_wan: float | None = None
    footfall_wan: float | None = None
    voucher_issued_wan: float | None = None
    voucher_redeemed_wan: float | None = None
    est_turnover_wan: float | None = None  # the linked registry activity's estimate


@dataclass(frozen=True)
class Implausible:
    check: str  # turnover_per_enterprise / turnover_per_visit / redeemed_over_issued / off_estimate
    field: str  # the figure to look at first (a FRAME_COLUMNS key)
    message_zh: str  # what disagrees and what to check, for a clerk


def _num(value: float) -> str:
    """12.50 -> 12.5, 5000.0 -> 5000, 105.88 -> 106, 0.0453 -> 0.045: as a clerk writes it
    (whole numbers from 100 up, two significant digits below 1)."""
    if abs(value) >= 100:
        return str(round(value))
    digits = 2 if abs(value) >= 1 else max(2, 1 - int(f"{abs(value):e}".split("e")[1]))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text or "0"


def implausible(row: RowFigures, limits: PlausibilityLimits) -> tuple[Implausible, ...]:
    """Every check the row fails; a check whose figures are unknown (None) or zero is skipped."""
    out: list[Implausible] = []
    turnover, firms, visits = row.actual_turnover_wan, row.enterprise_count, row.footfall_wan
    if turnover is not None and firms and turnover < firms * limits.min_turnover_per_enterprise_wan:
        out.append(
            Implausible(
                "turnover_per_enterprise",
                "actual_turnover_wan",
                f"{_num(firms)}家企业参与，实际成交额仅{_num(turnover)}万元（平均每家"
                f"{_num(turnover * 10000 / firms)}元），请核实成交额是否按万元填写",
            )
        )
    if turnover and visits:
        per_visit = turnover / visits  # 万元 ÷ 万人次 = 元 per visit
        if per_visit < limits.min_yuan_per_visit:
            out.append(
                Implausible(
                    "turnover_per_visit",
                    "actual_turnover_wan",
                    f"客流量{_num(visits)}万人次，实际成交额仅{_num(turnover)}万元（人均"
                    f"{_num(per_visit)}元），请核实成交额和客流量的单位",
                )
            )
        elif per_visit > limits.max_yuan_per_visit:
            out.append(
                Implausible(
                    "turnover_per_visit",
                    "footfall_wan",
                    f"实际成交额{_num(turnover)}万元、客流量{_num(visits)}万人次，人均"
                    f"{_num(per_visit)}元，明显偏高，请核实客流量是否按万人次填写",
                )
            )
    issued, redeemed = row.voucher_issued_wan, row.voucher_redeemed_wan
    if issued is not None and redeemed and redeemed > issued * limits.max_redeemed_share:
        out.append(
            Implausible(
                "redeemed_over_issued",
                "voucher_redeemed_wan",
                f"核销消费券{_num(redeemed)}万元，多于发放的{_num(issued)}万元，请核实",
            )
        )
    est, factor = row.est_turnover_wan, limits.max_estimate_factor
    if turnover and est and (turnover > est * factor or turnover * factor < est):
        out.append(
            Implausible(
                "off_estimate",
                "actual_turnover_wan",
                f"实际成交额{_num(turnover)}万元与活动名录预估的{_num(est)}万元相差"
                f"{_num(factor)}倍以上，请核实单位（万元）",
            )
        )
    return tuple(out)


def _figure(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def record_figures(
    record: Mapping[str, object], est_turnover_wan: float | None = None
) -> RowFigures:
    """A normalised record's figures (FRAME_COLUMNS keys)."""
    return RowFigures(
        enterprise_count=_figure(record.get("enterprise_count")),
        actual_turnover_wan=_figure(record.get("actual_turnover_wan")),
        footfall_wan=_figure(record.get("footfall_wan")),
        voucher_issued_wan=_figure(record.get("voucher_issued_wan")),
        voucher_redeemed_wan=_figure(record.get("voucher_redeemed_wan")),
        est_turnover_wan=est_turnover_wan,
    )


def table_warnings(
    table: NormalisedTable,
    limits: PlausibilityLimits | None,
    estimates: Mapping[int, float] | None = None,
) -> list[Problem]:
    """Warnings (severity "warning") naming each failing row by sheet and Excel row.

    `estimates` maps an Excel row to its registry activity's estimate where the caller has
    linked the rows already; without it the off-estimate check cannot run.
    """
    if limits is None:
        return []
    out = []
    # Redeemed over issued is already an error of the results suite (expectations/): the
    # city gets that message once, from there.
    for rec in table.records:
        row = rec.get("excel_row")
        excel_row = row if isinstance(row, int) else None
        est = (estimates or {}).get(excel_row) if excel_row is not None else None
        for found in implausible(record_figures(rec, est), limits):
            if found.check == "redeemed_over_issued":
                continue
            sheet = rec.get("sheet")
            out.append(
                Problem(
                    "warning",
                    f"implausible_{found.check}",
                    found.message_zh,
                    excel_row=excel_row,
                    # The form's field is the record's key without its unit.
                    column=table.header(found.field.removesuffix("_wan")),
                    sheet=sheet if isinstance(sheet, str) else None,
                    field=found.field.removesuffix("_wan"),
                )
            )
    return out
