"""The reader's side of remembered header mappings (issue 12): a mapping is data handed to
locate; it gives a column its unit only where the file names none, and only for the same
header (as the reader normalises headers) and field."""

from __future__ import annotations

from jinxiao.domain.models import HeaderMapping, Sheet, Workbook
from jinxiao.reading.locate import header_key, locate
from jinxiao.samples import files

YUAN = HeaderMapping(header_key("预计成交额"), "est_turnover", "元", "预计成交额")


def workbook(header: str, above: str | None = None) -> Workbook:
    rows = files.registry_rows("临汾市", 2)
    col = rows[2].index("预估成效（成交额等）")
    rows[2][col] = header
    if above is not None:
        rows[1] = [above, *rows[1][1:]]
    return Workbook("名录.xlsx", "xlsx", [Sheet("Sheet1", rows)])


def test_a_mapped_header_takes_the_remembered_unit_and_the_city_is_told():
    table = locate(workbook("预计 成交额"), "registry", (YUAN,))
    assert table.units["est_turnover"] == "元"
    # Shown as the reader shows headers (the stray space between Chinese characters dropped).
    assert "“预计成交额”列未写单位，按贵市此前确认的单位（元）读取。" in table.notices
    assert "est_turnover" not in locate(workbook("预计 成交额"), "registry").units


def test_the_file_s_own_unit_wins_over_a_mapping():
    table = locate(workbook("预计成交额（万元）"), "registry", (YUAN,))
    assert table.units["est_turnover"] == "万元"
    table = locate(workbook("预计成交额", above="单位：亿元"), "registry", (YUAN,))
    assert table.units["est_turnover"] == "亿元"
    assert not [n for n in table.notices if "此前确认" in n]


def test_a_mapping_for_another_header_or_field_is_not_used():
    other = HeaderMapping(header_key("预计成交额"), "actual_turnover", "元")
    assert "est_turnover" not in locate(workbook("预计成交额"), "registry", (other,)).units
    assert "est_turnover" not in locate(workbook("预估成交额"), "registry", (YUAN,)).units
