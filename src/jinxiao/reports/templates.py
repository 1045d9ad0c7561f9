"""Blank results workbooks (results_may / results_year), one per city, for the cities to fill.

The layout is the contract the intake parser reads back (see the constants below): the form
marker in A1 of the first sheet, the header row, and the labels of the 全市汇总 sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.domain.forms import CITY_FIGURES, MARKER_PREFIX, RESULTS_FORMS, RESULTS_HEADER
from jinxiao.reports.xlsx import (
    BORDER,
    WRAP,
    print_setup,
    put,
    put_header,
    put_note,
    put_title,
    set_widths,
)
from jinxiao.warehouse.queries import city_counties, registry_activities

CITYWIDE = "全市"

DATA_SHEET = "活动成效"
FIGURE_SHEET = "全市汇总"
LISTS_SHEET = "下拉选项"  # hidden: the drop-down lists

TITLE_ROW, UNIT_ROW, NOTE_ROW, HEADER_ROW = 2, 3, 4, 5
FIRST_DATA_ROW = HEADER_ROW + 1
BLANK_ROWS = 20  # empty, formatted rows below the pre-filled ones for activities not listed

CATEGORY_HEADER = "类别"
_NUMBER_FORMATS = {4: "0", 5: "0.00", 6: "0.00", 7: "0.00", 8: "0.00"}  # columns D..H

FIGURE_HEADER = ("指标", "数值", "备注")

INSTRUCTION = (
    "填报说明：1.金额单位为万元，客流量单位为万人次，请填数字；不详的填“/”，不要填0。"
    "2.已列出本市活动名录中的活动，请勿修改活动名称；名录外新增的活动在下方空行续填。"
    "3.参加县区可从下拉列表选择，多个县区用“、”分隔，全市范围的填“全市”。"
    "4.实际举办时间如“{year}年5月1日-5月5日”。5.全市消费券总额填在“全市汇总”工作表。"
    "6.请勿改动第1行的表单代码和表头。"
)


def form_title(campaign: Campaign, form: str) -> str:
    if form == "results_may":
        return f"{campaign.year}年{campaign.event}（5月）活动成效统计表"
    return f"{campaign.year}年“{campaign.slogan}”促消费系列活动全年活动成效统计表"


def template_filename(campaign: Campaign, form: str, city_name: str) -> str:
    return f"{campaign.code}_{form}_template_{city_name}.xlsx"


def write_results_templates(
    engine: Engine, output_dir: Path, form: str, campaign: Campaign
) -> list[Path]:
    """One workbook per city (campaign order), pre-filled with its current registry activities."""
    if form not in RESULTS_FORMS:
        raise ValueError(f"no results template for form {form!r}; use one of {RESULTS_FORMS}")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    activities = registry_activities(engine)
    paths = []
    for city in campaign.cities:
        rows = [(a.county_names, a.activity_name, a.category) for a in activities
                if a.city_name == city.name]  # fmt: skip
        wb = build_template(campaign, form, city.name, city_counties(engine, city.name), rows)
        path = output_dir / template_filename(campaign, form, city.name)
        wb.save(path)
        paths.append(path)
    return paths


def build_template(
    campaign: Campaign,
    form: str,
    city_name: str,
    counties: list[str],
    rows: Sequence[tuple[str | None, str | None, str | None]],
) -> Workbook:
    """The workbook for one city; rows are (county_names, activity_name, category)."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    county_ref, category_ref = _write_lists(lists, counties, campaign.all_categories)
    lists.sheet_state = "hidden"
    last_row = _write_data_sheet(ws, campaign, form, city_name, rows)
    _add_dropdowns(ws, county_ref, category_ref, last_row)
    _write_figure_sheet(wb.create_sheet(FIGURE_SHEET, 1), campaign, form, city_name)
    wb.properties.title = form_title(campaign, form)
    wb.properties.creator = campaign.organiser
    return wb


def _write_lists(ws: Worksheet, counties: list[str], categories: tuple[str, ...]):
    """Lists live on a hidden sheet: an inline list is limited to 255 characters."""
    county_items = [*counties, CITYWIDE]
    for i, name in enumerate(county_items, start=1):
        put(ws, i, 1, name)
    for i, name in enumerate(categories, start=1):
        put(ws, i, 2, name)
    county_ref = f"'{LISTS_SHEET}'!$A$1:$A${len(county_items)}"
    category_ref = f"'{LISTS_SHEET}'!$B$1:$B${len(categories)}"
    return county_ref, category_ref


def _write_data_sheet(
    ws: Worksheet,
    campaign: Campaign,
    form: str,
    city_name: str,
    rows: Sequence[tuple[str | None, str | None, str | None]],
) -> int:
    header = [*RESULTS_HEADER, CATEGORY_HEADER]
    width = len(header)
    marker = put(ws, 1, 1, f"{MARKER_PREFIX}{form}")
    marker.font = Font(size=9, color="808080")
    put_title(ws, TITLE_ROW, form_title(campaign, form), width, size=16)
    put(ws, UNIT_ROW, 1, f"填报单位：{city_name}商务局")
    put_note(ws, NOTE_ROW, INSTRUCTION.format(year=campaign.year), width)
    ws.row_dimensions[NOTE_ROW].height = 48
    put_header(ws, HEADER_ROW, header)
    last_row = FIRST_DATA_ROW + len(rows) + BLANK_ROWS - 1
    for r in range(FIRST_DATA_ROW, last_row + 1):
        for c in range(1, width + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BORDER
            cell.alignment = WRAP
            if c in _NUMBER_FORMATS:
                cell.number_format = _NUMBER_FORMATS[c]
    for r, (county, name, category) in enumerate(rows, start=FIRST_DATA_ROW):
        if county:
            put(ws, r, 1, county)
        if name:
            put(ws, r, 2, name)
        if category:
            put(ws, r, width, category)
    set_widths(ws, [18, 34, 22, 12, 14, 13, 14, 14, 20, 18])
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
    print_setup(ws)
    return last_row


def _add_dropdowns(ws: Worksheet, county_ref: str, category_ref: str, last_row: int) -> None:
    # No error alert on counties: a cell may name several (“小店区、迎泽区”).
    county = DataValidation(type="list", formula1=county_ref, allow_blank=True)
    county.showErrorMessage = False
    county.promptTitle = "参加县区"
    county.prompt = "从列表选择，多个县区用“、”分隔"
    county.showInputMessage = True
    county.add(f"A{FIRST_DATA_ROW}:A{last_row}")
    category = DataValidation(type="list", formula1=category_ref, allow_blank=True)
    category.showErrorMessage = True
    category.errorStyle = "warning"
    category.error = "请从列表中选择活动类别"
    column = chr(ord("A") + len(RESULTS_HEADER))
    category.add(f"{column}{FIRST_DATA_ROW}:{column}{last_row}")
    ws.add_data_validation(county)
    ws.add_data_validation(category)


def _write_figure_sheet(ws: Worksheet, campaign: Campaign, form: str, city_name: str) -> None:
    put_title(ws, 1, f"{city_name}{form_title(campaign, form)}——全市汇总", 3, size=14)
    put_header(ws, 2, FIGURE_HEADER)
    for r, label in enumerate(CITY_FIGURES, start=3):
        put(ws, r, 1, label, border=True).alignment = WRAP
        value = ws.cell(row=r, column=2)
        value.number_format = "0.00"
        value.border = BORDER
        ws.cell(row=r, column=3).border = BORDER
    put_note(
        ws,
        3 + len(CITY_FIGURES) + 1,
        "说明：填写本期全市（含市、县两级）发放和核销的政府消费券总额，不限于“活动成效”表所列"
        "活动；单位万元；未发放的填0，不详的填“/”。",
        3,
    )
    set_widths(ws, [30, 16, 30])
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    print_setup(ws)
