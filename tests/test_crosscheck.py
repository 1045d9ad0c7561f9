"""Cross-column checks of a results row (issue 13 item 4): the one function reply and reports use."""

from __future__ import annotations

import dataclasses

from jinxiao.domain.models import NormalisedTable, ParsedTable
from jinxiao.validate.crosscheck import RowFigures, implausible, table_warnings


def _checks(row: RowFigures, campaign) -> list[str]:
    return [f.check for f in implausible(row, campaign.plausibility)]


def test_the_notices_slip_fails_per_enterprise_and_per_visit(campaign):
    # 85 家企业、20 万人次、0.9 万元: a 元 figure under the 万元 header.
    found = implausible(
        RowFigures(enterprise_count=85, actual_turnover_wan=0.9, footfall_wan=20),
        campaign.plausibility,
    )
    assert [f.check for f in found] == ["turnover_per_enterprise", "turnover_per_visit"]
    assert "85家企业参与，实际成交额仅0.9万元（平均每家106元）" in found[0].message_zh
    assert "人均0.045元" in found[1].message_zh and found[1].field == "actual_turnover_wan"


def test_plausible_rows_and_unknown_figures_pass(campaign):
    assert _checks(RowFigures(55, 6200, 12.5, 3000, 2500, 5000), campaign) == []
    assert _checks(RowFigures(None, None, None), campaign) == []
    assert _checks(RowFigures(enterprise_count=30, actual_turnover_wan=None), campaign) == []
    assert _checks(RowFigures(enterprise_count=0, actual_turnover_wan=0.5), campaign) == []


def test_each_check_on_its_own(campaign):
    visits_in_renci = RowFigures(actual_turnover_wan=4100, footfall_wan=0.1)  # 41 万元 per visit
    assert _checks(visits_in_renci, campaign) == ["turnover_per_visit"]
    assert implausible(visits_in_renci, campaign.plausibility)[0].field == "footfall_wan"
    assert _checks(RowFigures(voucher_issued_wan=100, voucher_redeemed_wan=120), campaign) == [
        "redeemed_over_issued"
    ]
    assert _checks(RowFigures(actual_turnover_wan=410000, est_turnover_wan=3000), campaign) == [
        "off_estimate"
    ]
    assert _checks(RowFigures(actual_turnover_wan=40, est_turnover_wan=3000), campaign) == []
    assert _checks(RowFigures(actual_turnover_wan=20, est_turnover_wan=3000 * 100), campaign) == [
        "off_estimate"
    ]


def test_limits_are_the_campaigns(campaign):
    loose = dataclasses.replace(campaign.plausibility, min_turnover_per_enterprise_wan=0.001,
                                min_yuan_per_visit=0.01)  # fmt: skip
    row = RowFigures(enterprise_count=85, actual_turnover_wan=0.9, footfall_wan=20)
    assert implausible(row, loose) == ()
    assert table_warnings(NormalisedTable("太原市", _parsed(), []), None) == []


def _parsed() -> ParsedTable:
    return ParsedTable("results_may", "活动成效", 5, {}, {}, [], None, None)


def test_table_warnings_name_sheet_and_row(campaign):
    records = [
        {"sheet": "活动成效", "excel_row": 6, "enterprise_count": 56, "actual_turnover_wan": 8200,
         "footfall_wan": 35.5},
        {"sheet": "活动成效", "excel_row": 9, "enterprise_count": 85, "actual_turnover_wan": 0.9,
         "footfall_wan": 20},
    ]  # fmt: skip
    got = table_warnings(NormalisedTable("太原市", _parsed(), records), campaign.plausibility,
                         estimates={6: 5})  # fmt: skip
    assert [(p.excel_row, p.code) for p in got] == [
        (6, "implausible_off_estimate"),
        (9, "implausible_turnover_per_enterprise"),
        (9, "implausible_turnover_per_visit"),
    ]
    assert all(p.severity == "warning" and p.sheet == "活动成效" for p in got)
    # Redeemed over issued is the results suite's error already: not warned twice.
    twice = [{"sheet": "活动成效", "excel_row": 7, "voucher_issued_wan": 10,
              "voucher_redeemed_wan": 20}]  # fmt: skip
    assert table_warnings(NormalisedTable("太原市", _parsed(), twice), campaign.plausibility) == []
