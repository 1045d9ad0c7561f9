"""Blank results workbooks (results_may / results_year), one per city, for the cities to fill.

The layout is the contract the intake parser reads back (see the constants below): the form
marker in A1 of the first sheet, the header row, and the labels of the 全市汇总 sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.domain.forms import MARKER_PREFIX, RESULTS_FORMS, TableSpec
from jinxiao.domain.labels import FORM_LABELS
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
# The figures' cells: a whole number of firms, amounts in 万元 and 万人次 to two places.
_FIELD_FORMATS = {
    "enterprise_count": "0", "actual_turnover": "0.00", "footfall": "0.00",
    "voucher_issued": "0.00", "voucher_redeemed": "0.00",
}  # fmt: skip


def _number_formats(spec: TableSpec) -> dict[int, str]:
    """Column number -> format, for the figure columns of the form's template (forms.yaml)."""
    return {i: _FIELD_FORMATS[f] for i, f in enumerate(spec.template, 1) if f in _FIELD_FORMATS}


# The reader finds the form by the code in row 1 (表单代码：results_may); the clerk sees the
# form's Chinese name in A1 and the code sits in this hidden column past the table.
MARKER_COLUMN = 12  # L
DATA_ROW_HEIGHT = 30  # two lines of a wrapped activity name
# 填报人/联系电话/填报日期 on the unit row: label, then an unlocked cell to write in.
SIGN_FIELDS = ((4, "填报人："), (6, "联系电话："), (8, "填报日期："))
NUMBER_ERROR = "请填写不小于0的数字（不要带单位或文字）；不详的填“/”。"
INTEGER_ERROR = "请填写不小于0的整数（家数，不要带“余”“约”等字）；不详的填“/”。"
_UNLOCKED = Protection(locked=False)
_UNDERLINE = Border(bottom=Side(style="thin", color="808080"))

FIGURE_HEADER = ("指标", "数值", "备注")

INSTRUCTION = (
    "填报说明：1.金额单位为万元，客流量单位为万人次，请填数字；不详的填“/”，不要填0。"
    "2.已列出本{unit}活动名录中的活动，请勿修改活动名称；名录外新增的活动在下方空行续填。"
    "3.参加县区可从下拉列表选择，多个县区用“、”分隔，全市范围的填“全市”。"
    "4.实际举办时间如“{year}年5月1日-5月5日”。5.全市消费券总额填在“全市汇总”工作表。"
    "6.表头和第1行已锁定，请勿改动；名录外活动较多时可插入行。"
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
    spec = campaign.tables.specs[form]
    last_row = _write_data_sheet(ws, campaign, form, city_name, rows)
    _add_dropdowns(ws, county_ref, category_ref, last_row, len(spec.template))
    _add_number_checks(ws, FIRST_DATA_ROW, last_row, _number_formats(spec))
    _protect(ws)
    figures = wb.create_sheet(FIGURE_SHEET, 1)
    _write_figure_sheet(figures, campaign, form, city_name)
    _protect(figures)
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
    spec = campaign.tables.specs[form]
    formats = _number_formats(spec)
    header = [*spec.header, CATEGORY_HEADER]
    width = len(header)
    shown = put(ws, 1, 1, f"表单：{FORM_LABELS[form]}（请勿改动本行）")
    shown.font = Font(size=9, color="808080")
    put(ws, 1, MARKER_COLUMN, f"{MARKER_PREFIX}{form}")
    ws.column_dimensions[get_column_letter(MARKER_COLUMN)].hidden = True
    put_title(ws, TITLE_ROW, form_title(campaign, form), width, size=16)
    put(ws, UNIT_ROW, 1, f"填报单位：{campaign.office_of(city_name)}")
    for col, label in SIGN_FIELDS:
        put(ws, UNIT_ROW, col, label).alignment = Alignment(horizontal="right")
        blank = ws.cell(row=UNIT_ROW, column=col + 1)
        blank.border, blank.protection = _UNDERLINE, _UNLOCKED
    put_note(
        ws, NOTE_ROW, INSTRUCTION.format(year=campaign.year, unit=campaign.wording.unit), width
    )
    ws.row_dimensions[NOTE_ROW].height = 48
    put_header(ws, HEADER_ROW, header)
    last_row = FIRST_DATA_ROW + len(rows) + BLANK_ROWS - 1
    for r in range(FIRST_DATA_ROW, last_row + 1):
        for c in range(1, width + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BORDER
            cell.alignment = WRAP
            cell.protection = _UNLOCKED  # the sheet is protected; the table is not
            if c in formats:
                cell.number_format = formats[c]
        ws.row_dimensions[r].height = DATA_ROW_HEIGHT
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


def _add_dropdowns(
    ws: Worksheet, county_ref: str, category_ref: str, last_row: int, columns: int
) -> None:
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
    column = get_column_letter(columns + 1)  # the 类别 column after the template's
    category.add(f"{column}{FIRST_DATA_ROW}:{column}{last_row}")
    ws.add_data_validation(county)
    ws.add_data_validation(category)


def _add_number_checks(ws: Worksheet, first: int, last: int, formats: dict[int, str]) -> None:
    """Excel refuses a figure that is not a number ≥ 0 (or “/”), with a message in Chinese.

    A custom formula, because the “/” the instructions ask for must pass too; Excel moves the
    relative reference (D6) along the range.
    """
    for col, number_format in formats.items():
        letter = get_column_letter(col)
        ref = f"{letter}{first}"
        whole = number_format == "0"
        check = f"AND(ISNUMBER({ref}),{ref}>=0" + (f",{ref}=INT({ref}))" if whole else ")")
        dv = DataValidation(type="custom", formula1=f'OR({ref}="/",{check})', allow_blank=True)
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = "数值有误"
        dv.error = INTEGER_ERROR if whole else NUMBER_ERROR
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)


def _protect(ws: Worksheet) -> None:
    """Header, marker and labels locked; no password, so a clerk who must can unprotect it.

    Rows may still be inserted (activities not listed) and columns widened.
    """
    ws.protection.sheet = True
    ws.protection.insertRows = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_figure_sheet(ws: Worksheet, campaign: Campaign, form: str, city_name: str) -> None:
    put_title(ws, 1, f"{city_name}{form_title(campaign, form)}——全市汇总", 3, size=14)
    put_header(ws, 2, FIGURE_HEADER)
    figures = campaign.tables.city_figures
    for r, label in enumerate(figures, start=3):
        put(ws, r, 1, label, border=True).alignment = WRAP
        value = ws.cell(row=r, column=2)
        value.number_format = "0.00"
        value.border = BORDER
        value.protection = _UNLOCKED
        remark = ws.cell(row=r, column=3)
        remark.border, remark.protection = BORDER, _UNLOCKED
    first = 3
    _add_number_checks(ws, first, first + len(figures) - 1, {2: "0.00"})
    put_note(
        ws,
        3 + len(figures) + 1,
        "说明：填写本期全市（含市、县两级）发放和核销的政府消费券总额，不限于“活动成效”表所列"
        "活动；单位万元；未发放的填0，不详的填“/”。",
        3,
    )
    set_widths(ws, [30, 16, 30])
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
    print_setup(ws)
