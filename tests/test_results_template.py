"""Blank results workbooks: layout, pre-filled registry rows, drop-downs, and the parser reads them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from factories import seed_submission
from openpyxl import load_workbook

from jinxiao.config import load_campaign
from jinxiao.domain.models import Attachment
from jinxiao.normalise.values import counties_of, county_table
from jinxiao.reports.templates import (
    FIGURE_SHEET,
    FIRST_DATA_ROW,
    HEADER_ROW,
    write_results_templates,
)
from jinxiao.warehouse.connection import connect, migrate

CITY_FIGURES = load_campaign().tables.city_figures
RESULTS_HEADER = load_campaign().tables.results_header

CST = dt.timezone(dt.timedelta(hours=8))
EVIL = "=SUM(A1:A9)*0+1"
TAIYUAN_ROWS = [
    ("小店区", "2021年太原市“五一”美食节", "餐饮消费"),
    ("全市", "太原市政府电子消费券发放", "发放政府电子消费券"),
    ("迎泽区、小店区", EVIL, "夜经济"),
]


@pytest.fixture
def engine(sqlite_warehouse, campaign):
    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    when = dt.datetime(2021, 4, 22, 10, tzinfo=CST)
    with eng.begin() as conn:
        for key, outcome, rows in [("old", "superseded", [("小店区", "旧表活动", "其他")]),
                                   ("new", "accepted", TAIYUAN_ROWS)]:  # fmt: skip
            seed_submission(
                conn, key=key, city="太原市", form="registry", outcome=outcome, received=when,
                filename="太原名录.xlsx",
                rows=[{"counties": county, "name": name, "category": cat}
                      for county, name, cat in rows],
            )  # fmt: skip
    return eng


def _list_values(wb, formula: str) -> list[str]:
    """The cells a list validation's `'sheet'!$A$1:$A$n` formula points at."""
    m = re.fullmatch(r"'(.+)'!\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)", formula)
    assert m, formula
    ws = wb[m.group(1)]
    return [ws[f"{m.group(2)}{r}"].value for r in range(int(m.group(3)), int(m.group(5)) + 1)]


def _validation_for(ws, cell: str):
    return next(dv for dv in ws.data_validations.dataValidation if cell in dv.sqref)


def test_one_template_per_city_prefilled_with_current_registry(engine, campaign, tmp_path):
    paths = write_results_templates(engine, tmp_path, "results_may", load_campaign())
    assert [p.name for p in paths] == [
        f"jx2021_results_may_template_{c.name}.xlsx" for c in campaign.cities
    ]
    wb = load_workbook(paths[0])
    ws = wb.worksheets[0]
    assert ws["A1"].value == "表单：5月成效（请勿改动本行）"  # the clerk reads Chinese
    assert ws["L1"].value == "表单代码：results_may"  # the reader reads the code
    assert ws.column_dimensions["L"].hidden
    assert ws["A2"].value == "2021年全国消费促进月（5月）活动成效统计表"
    assert ws["A3"].value == "填报单位：太原市商务局"
    note = ws["A4"].value
    assert "万元" in note and "万人次" in note and "不要填0" in note
    # A long header is broken before its unit (“参与企业数量\n（家）”); the reader ignores the break.
    header = [c.value.replace("\n", "") for c in ws[HEADER_ROW] if c.value]
    assert tuple(header[: len(RESULTS_HEADER)]) == RESULTS_HEADER
    assert header[len(RESULTS_HEADER)] == "类别"
    rows = [
        (ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 10).value)
        for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 4)
    ]
    assert rows == [*TAIYUAN_ROWS, (None, None, None)]  # the superseded table is not used
    assert ws.cell(FIRST_DATA_ROW + 2, 2).data_type == "s"  # a formula-like name stays text
    assert ws.cell(FIRST_DATA_ROW, 5).number_format == "0.00"
    assert ws.cell(FIRST_DATA_ROW + 20, 4).number_format == "0"  # blank rows are formatted too


def test_dropdowns_list_the_citys_counties_and_the_categories(engine, campaign, tmp_path):
    paths = write_results_templates(engine, tmp_path, "results_may", load_campaign())
    for path, city in [(paths[0], "太原市"), (paths[2], "阳泉市")]:
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        county = _validation_for(ws, f"A{FIRST_DATA_ROW}")
        assert county.type == "list"
        assert _list_values(wb, county.formula1) == [*counties_of(city), "全市"]
        category = _validation_for(ws, f"J{FIRST_DATA_ROW}")
        assert _list_values(wb, category.formula1) == list(campaign.all_categories)
        assert wb[county.formula1.split("'")[1]].sheet_state == "hidden"
    assert "城区" in _list_values(load_workbook(paths[2]), county.formula1)


def test_city_figure_sheet_has_the_labels_the_parser_reads(engine, tmp_path):
    path = write_results_templates(engine, tmp_path, "results_year", load_campaign())[5]
    wb = load_workbook(path)
    assert wb.worksheets[0]["L1"].value == "表单代码：results_year"
    assert wb.worksheets[0]["A2"].value.endswith("全年活动成效统计表")
    ws = wb[FIGURE_SHEET]
    assert [ws.cell(r, 1).value for r in (3, 4)] == list(CITY_FIGURES)
    assert list(CITY_FIGURES.values()) == ["voucher_issued_wan", "voucher_redeemed_wan"]
    # 朔州 has no registry rows: only the formatted blank rows.
    assert wb.worksheets[0].cell(FIRST_DATA_ROW, 2).value is None


def test_unknown_form_is_refused(engine, tmp_path):
    with pytest.raises(ValueError, match="registry"):
        write_results_templates(engine, tmp_path, "registry", load_campaign())


def test_filled_template_is_read_back_by_the_intake_parser(engine, tmp_path):
    from jinxiao.reading.formats import read_workbook
    from jinxiao.reading.locate import detect_form, locate

    path = write_results_templates(engine, tmp_path, "results_may", load_campaign())[0]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for col, value in zip(range(3, 10), ["5月1日-5月5日", 55, 6200, 12.5, "/", "/", "新增"]):
        ws.cell(FIRST_DATA_ROW, col).value = value
    wb.save(path)
    att = Attachment(path.name, "application/vnd.ms-excel", path.read_bytes(), "2")
    book = read_workbook(att)
    assert detect_form(book) == "results_may"
    from jinxiao.reading.locate import decide_form

    # Found by the code in the hidden L1, not guessed from the title's words.
    assert decide_form(book).describe().endswith("模板标记“表单代码：results_may”")
    table = locate(book, "results_may")
    assert table.header_row == HEADER_ROW
    assert {"county", "activity_name", "actual_turnover", "footfall"} <= set(table.columns)
    first = table.rows[0]
    assert first.excel_row == FIRST_DATA_ROW
    assert first.cells["actual_turnover"] == 6200
    assert first.cells["activity_name"] == TAIYUAN_ROWS[0][1]


def test_number_cells_accept_only_numbers_not_below_zero_or_a_slash(engine, tmp_path):
    path = write_results_templates(engine, tmp_path, "results_may", load_campaign())[0]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    last = FIRST_DATA_ROW + 3 + 20 - 1  # three registry rows and the blank ones
    for col, header in zip("DEFGH", RESULTS_HEADER[3:8]):
        dv = _validation_for(ws, f"{col}{FIRST_DATA_ROW}")
        assert str(dv.sqref) == f"{col}{FIRST_DATA_ROW}:{col}{last}", header
        assert dv.type == "custom" and dv.errorStyle == "stop" and dv.showErrorMessage
        ref = f"{col}{FIRST_DATA_ROW}"
        assert dv.formula1.startswith(f'OR({ref}="/",AND(ISNUMBER({ref}),{ref}>=0')
        assert "不小于0" in dv.error and "“/”" in dv.error
    # 参与企业数量 is a count of firms: whole numbers only.
    assert (
        "INT(D6)" in _validation_for(ws, "D6").formula1
        and "整数" in _validation_for(ws, "D6").error
    )
    figures = wb[FIGURE_SHEET]
    assert "不小于0" in _validation_for(figures, "B3").error
    assert str(_validation_for(figures, "B3").sqref) == "B3:B4"


def test_header_and_marker_are_locked_the_table_is_not(engine, tmp_path):
    path = write_results_templates(engine, tmp_path, "results_may", load_campaign())[0]
    wb = load_workbook(path)
    for ws in (wb.worksheets[0], wb[FIGURE_SHEET]):
        assert ws.protection.sheet and not ws.protection.password, ws.title
    ws = wb.worksheets[0]
    assert not ws.protection.insertRows  # False = allowed: a city may add activity rows
    for cell in ("A1", "L1", "A2", "A4", *(f"{c}{HEADER_ROW}" for c in "ABCDEFGHIJ")):
        assert ws[cell].protection.locked, cell
    for r in (FIRST_DATA_ROW, FIRST_DATA_ROW + 22):
        for c in "ABCDEFGHIJ":
            assert not ws[f"{c}{r}"].protection.locked, f"{c}{r}"
    figures = wb[FIGURE_SHEET]
    assert figures["A3"].protection.locked and not figures["B3"].protection.locked


def test_sign_line_and_a4_page(engine, tmp_path):
    path = write_results_templates(engine, tmp_path, "results_may", load_campaign())[0]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    unit = {c.value: c for c in ws[3] if c.value}
    for label in ("填报人：", "联系电话：", "填报日期："):
        blank = ws.cell(3, unit[label].column + 1)
        assert blank.value is None and not blank.protection.locked, label
    for sheet in (ws, wb[FIGURE_SHEET]):
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"  # ten columns do not fit upright
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
