"""The June 1 and year-end report workbooks, and the cell helpers every generated workbook uses.

Cells hold the queried numbers unrounded (number formats do the rounding), text cells are
always strings (never formulas), and nothing time-dependent is written besides the as-of
date, so the same warehouse gives the same cell values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from jinxiao.domain.labels import FORM_LABELS, STATUS_LABELS, held_rows_label
from jinxiao.reports.figures import REPORT_KINDS, CityRow, RegistryGapRow, ReportData
from jinxiao.warehouse.queries import StatusRow

UNKNOWN = "/"  # CONTRACT §2: unknown is shown as “/”, never as 0
NOT_REPORTED = "未报送"  # the city sent no accepted form: every figure of it is unknown
BLANK_WORDS = (UNKNOWN, NOT_REPORTED)
FMT_INT = "0"
FMT_WAN = "#,##0.00"
FMT_YI = "#,##0.00"

CHART_HEIGHT_CM = 7.5  # a table of a dozen rows and one chart fit a landscape A4 page
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_LEAD = ("=", "+", "-", "@")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


# --- cell helpers (shared by rollup and results_template) ---------------------------------


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    number_format: str | None = None,
    *,
    bold: bool = False,
    border: bool = False,
) -> Cell:
    """Write one value; text from cities can never become a formula, an error or bad XML."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)[:32767]
        cell.value = value
        # openpyxl turns "=..." into a formula and "#N/A" into an error; a string it stays.
        cell.data_type = "s"
        if value.startswith(_FORMULA_LEAD):
            cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
    elif isinstance(value, Decimal):
        cell.value = float(value)
    else:
        cell.value = value
    if number_format and not isinstance(value, str):
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    if border:
        cell.border = BORDER
    return cell


def put_row(
    ws: Worksheet,
    row: int,
    values: Sequence[object],
    formats: Sequence[str | None] | None = None,
    *,
    bold: bool = False,
    start_col: int = 1,
) -> None:
    formats = formats or [None] * len(values)
    for i, (v, f) in enumerate(zip(values, formats)):
        cell = put(ws, row, start_col + i, UNKNOWN if v is None else v, f, bold=bold, border=True)
        # “/” and 未报送 stand where a number would: centred, so they read as a blank figure.
        cell.alignment = CENTER if v is None or v in BLANK_WORDS else WRAP


def put_header(ws: Worksheet, row: int, labels: Sequence[str], start_col: int = 1) -> None:
    for i, label in enumerate(labels):
        cell = put(ws, row, start_col + i, label, bold=True, border=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER


def put_title(ws: Worksheet, row: int, text: str, width: int, size: int = 14) -> None:
    cell = put(ws, row, 1, text)
    cell.font = Font(bold=True, size=size)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 28


def put_note(ws: Worksheet, row: int, text: str, width: int) -> None:
    cell = put(ws, row, 1, text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(size=9)
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = max(18, 15 * (len(text) // (width * 9) + 1))


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def fit_rows(ws: Worksheet, first: int, last: int) -> None:
    """Rows tall enough for their wrapped text (LibreOffice and Excel do not grow a row that
    openpyxl wrote; a long activity name would print over the row below)."""
    merged = {c for rng in ws.merged_cells.ranges for row in rng.cells for c in row}
    for r in range(first, last + 1):
        lines = 1
        for cell in ws[r]:
            if cell.value is None or (cell.row, cell.column) in merged:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            lines = max(lines, -(-_text_units(cell.value) // max(1, int(width) - 1)))
        if lines > 1:
            ws.row_dimensions[r].height = _HEADER_LINE_PT * lines + 2


# Column width units an A4 page holds across at 100% between 1.5 cm margins (Excel's units
# are about one Latin character; a Chinese one takes two).
_A4_PORTRAIT_UNITS = 95
_HEADER_LINE_PT = 15


def _text_units(value: object) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def printed_widths(ws: Worksheet) -> list[float]:
    """Each column's width on paper: a hidden column (the template's form code, a chart's
    copy of its figures) takes none."""
    return [
        0 if (dim := ws.column_dimensions[get_column_letter(c)]).hidden else (dim.width or 8.43)
        for c in range(1, (ws.max_column or 1) + 1)
    ]


def print_setup(ws: Worksheet) -> None:
    """A4, one page wide, the header row repeated on every page and tall enough to show a
    wrapped header whole; landscape only when the columns do not fit across a portrait page.

    The header is the first row put_header styled; a sheet without one gets no print titles.
    """
    widths = printed_widths(ws)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # Excel's “normal” margins (openpyxl's default is an inch top and bottom) and the page
    # number in the footer, so a sheet of several pages is put back in order.
    ws.page_margins = PageMargins(left=0.7, right=0.7, top=0.75, bottom=0.75, header=0.3,
                                  footer=0.3)  # fmt: skip
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    ws.page_setup.orientation = "landscape" if sum(widths) > _A4_PORTRAIT_UNITS else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    header = next((row[0].row for row in ws.iter_rows() if row[0].fill == HEADER_FILL), None)
    if header is None:
        return
    ws.print_title_rows = f"{header}:{header}"
    for cell in ws[header]:
        # “预估成交额（亿元）” in a narrow column wraps as “预估成交额（亿元” over “）”: break
        # before the unit instead, as a clerk would.
        text = cell.value
        too_wide = _text_units(text) > int(widths[cell.column - 1]) - 1
        shown = widths[cell.column - 1]  # a hidden column's header names a chart's series
        if isinstance(text, str) and shown and too_wide and "（" in text[1:] and "\n" not in text:
            cell.value = text.replace("（", "\n（", 1)
    lines = max(
        sum(
            -(-max(1, _text_units(part)) // max(1, int(widths[cell.column - 1]) - 1))
            for part in str(cell.value).split("\n")
        )
        for cell in ws[header]
        if cell.value is not None and widths[cell.column - 1]  # a hidden column prints nothing
    )
    ws.row_dimensions[header].height = max(ws.row_dimensions[header].height or 0,
                                           _HEADER_LINE_PT * lines + 6)  # fmt: skip


def zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def format_period(start: dt.date | None, end: dt.date | None, raw: str | None, year: int) -> str:
    """“5月1日-5月31日” from ISO dates (year shown only outside the campaign year)."""
    if start is None:
        return raw or UNKNOWN

    def one(d: dt.date) -> str:
        return zh_date(d) if d.year != year else f"{d.month}月{d.day}日"

    if end is None or end == start:
        return one(start)
    return f"{one(start)}-{one(end)}"


def draft_mark(draft: bool) -> str:
    return "（草稿）" if draft else ""


# --- the report ---------------------------------------------------------------------------


def report_title(data: ReportData) -> str:
    c = data.campaign
    if data.kind.code == "june1":
        return f"{c.year}年{c.event}活动情况统计"
    return f"{c.name}全年情况统计"


def _sheet_head(ws: Worksheet, data: ReportData, heading: str, width: int) -> int:
    """Title, as-of line; returns the row the table starts on."""
    put_title(ws, 1, f"{report_title(data)}——{heading}{draft_mark(data.draft)}", width)
    note = f"数据截至{zh_date(data.as_of)}；来源：{data.campaign.organiser}消费促进活动数据库"
    if data.draft:
        deadline = data.campaign.forms[data.results_form].deadline
        note += f"；{FORM_LABELS[data.results_form]}报送截止日期为{zh_date(deadline)}，本表为草稿"
    put_note(ws, 2, note, width)
    return 4


def _overview(ws: Worksheet, data: ReportData) -> None:
    w = data.campaign.wording
    start = _sheet_head(ws, data, "总体情况", 4)
    p, r = data.province, data.results
    label = FORM_LABELS[data.results_form]
    registry, results = province_values(data)
    rows: list[tuple[str, object, str, str, str]] = [
        ("参与市", p.cities, "个", FMT_INT, "活动名录已采用的市"),
        ("参加县区（市）", p.counties, "个", FMT_INT, f"{w.each}名录所列县级行政区去重后相加"),
        ("重点活动", p.activities, "场", FMT_INT, "活动名录行数"),
        ("参与企业", registry[2], "家", FMT_INT, "已填报数量之和"),
        ("预估成交额", registry[3], "亿元", FMT_YI, "活动名录预估成效之和"),
        (f"报送{label}的市", r.cities_reported, "个", FMT_INT, f"{label}已采用的市"),
        ("成效统计活动", r.activities, "场", FMT_INT, f"{label}行数"),
        ("成效统计参与企业", r.enterprises, "家", FMT_INT, "已填报数量之和"),
        ("实际成交额", results[1], "亿元", FMT_YI, "已填报实际成交额之和"),
        ("客流量", results[2], "万人次", FMT_WAN, "已填报客流量之和"),
        ("发放消费券", results[3], "万元", FMT_WAN, f"{w.each}全市总额；未填总额的按活动合计"),
        ("核销消费券", results[4], "万元", FMT_WAN, f"{w.each}全市总额；未填总额的按活动合计"),
        ("未填报实际成交额的活动", r.unknown_turnover, "场", FMT_INT, "填“/”或空白"),
        ("未填报客流量的活动", r.unknown_footfall, "场", FMT_INT, "填“/”或空白"),
    ]  # fmt: skip
    put_header(ws, start, ["指标", "数值", "单位", "口径"])
    for i, (name, value, unit, fmt, basis) in enumerate(rows, start=start + 1):
        put_row(ws, i, [name, value, unit, basis], [None, fmt, None, None])
    put_note(ws, start + len(rows) + 2, province_note(data), 4)
    set_widths(ws, [26, 16, 10, 44])


_CITY_HEADER = [
    "市",
    "参加县区（个）",
    "重点活动（场）",
    "参与企业（家）",
    "预估成交额（亿元）",
    "成效统计活动（场）",
    "实际成交额（亿元）",
    "客流量（万人次）",
    "发放消费券（万元）",
    "核销消费券（万元）",
    "未填实际成交额（场）",
    "待核实（行）",
]
_CITY_FORMATS = [None, FMT_INT, FMT_INT, FMT_INT, FMT_YI, FMT_INT, FMT_YI, FMT_WAN, FMT_WAN,
                 FMT_WAN, FMT_INT, FMT_INT]  # fmt: skip


def known(value: object, rows_known: int) -> object:
    """A sum over rows, or None (shown “/”) when not one of them gave the figure."""
    return value if rows_known > 0 else None


def registry_values(c: CityRow, gap: RegistryGapRow | None) -> list[object]:
    """A city's 参加县区, 重点活动, 参与企业, 预估成交额（亿元）: 未报送 without a registry."""
    if c.activities == 0:
        return [NOT_REPORTED, None, None, None]
    ent = c.activities - (gap.unknown_enterprises if gap else 0)
    est = c.activities - (gap.unknown_est_turnover if gap else 0)
    return [c.counties, c.activities, known(c.enterprises, ent), known(c.est_turnover_yi, est)]


def results_values(c: CityRow) -> list[object]:
    """成效活动, 实际成交额（亿元）, 客流量, 发放/核销消费券: 未报送 without a results form."""
    if not c.reported:
        return [NOT_REPORTED, None, None, None, None]
    n = c.results_activities
    return [n, known(c.actual_turnover_yi, n - c.unknown_turnover),
            known(c.footfall_wan, n - c.unknown_footfall), c.voucher_issued_wan,
            c.voucher_redeemed_wan]  # fmt: skip


def province_values(data: ReportData) -> tuple[list[object], list[object]]:
    """The 全省合计 row's registry and results parts: sums of what is known, “/” for none."""
    p, r = data.province, data.results
    gaps = data.registry_gaps
    ent = p.activities - sum(g.unknown_enterprises for g in gaps)
    est = p.activities - sum(g.unknown_est_turnover for g in gaps)
    registry = [p.counties, p.activities, known(p.enterprises, ent), known(p.est_turnover_yi, est)]
    if not r.cities_reported:
        return registry, [r.activities, None, None, None, None]
    results = [r.activities, known(r.actual_turnover_yi, r.activities - r.unknown_turnover),
               known(r.footfall_wan, r.activities - r.unknown_footfall), r.voucher_issued_wan,
               r.voucher_redeemed_wan]  # fmt: skip
    return registry, results


def province_note(data: ReportData) -> str:
    """Under every table with a 全省合计 row: what “/” means and what the sums leave out."""
    w = data.campaign.wording
    label = FORM_LABELS[data.results_form]
    no_registry = sum(1 for c in data.cities if c.activities == 0)
    no_results = sum(1 for c in data.cities if not c.reported)
    r, gaps = data.results, data.registry_gaps
    left_out = [
        f"{no_registry}个市未报送活动名录" if no_registry else "",
        f"{no_results}个市未报送{label}" if no_results else "",
        f"活动名录中{n}场未填报预估成交额"
        if (n := sum(g.unknown_est_turnover for g in gaps))
        else "",
        f"{label}中{r.unknown_turnover}场未填报实际成交额" if r.unknown_turnover else "",
        f"{r.unknown_footfall}场未填报客流量" if r.unknown_footfall else "",
    ]
    text = f"注：“未报送”表示该{w.unit}尚无被采用的报表，“/”表示未报送或未填报（不是0）；{w.whole}合计只计已填报的数据"
    parts = [x for x in left_out if x]
    return text + (f"，{'，'.join(parts)}，均未计入。" if parts else "。")


def _cities(ws: Worksheet, data: ReportData) -> None:
    w = data.campaign.wording
    start = _sheet_head(ws, data, f"分{w.unit}情况", len(_CITY_HEADER))
    put_header(ws, start, [w.unit, *_CITY_HEADER[1:]])
    row = start
    gaps = {g.city_name: g for g in data.registry_gaps}
    for row, c in enumerate(data.cities, start=start + 1):
        # A city without an accepted form has unknown figures (“未报送”, “/”), not zeros.
        unknown = c.unknown_turnover if c.reported else None
        # Rows held back (a cell unreadable, a county not the city's) are in no figure here.
        values = [c.city_name, *registry_values(c, gaps.get(c.city_name)), *results_values(c),
                  unknown, data.held_rows(c.city_name)]  # fmt: skip
        put_row(ws, row, values, _CITY_FORMATS)
    registry, results = province_values(data)
    total = [f"{w.whole}合计", *registry, *results, data.results.unknown_turnover,
             sum(data.held_rows(c.city_name) for c in data.cities)]  # fmt: skip
    put_row(ws, row + 1, total, _CITY_FORMATS, bold=True)
    put_note(ws, row + 2, province_note(data), len(_CITY_HEADER))
    set_widths(ws, [12, *[13] * (len(_CITY_HEADER) - 1)])
    ws.freeze_panes = ws.cell(row=start + 1, column=2)
    if data.cities:
        chart = _bar_chart(
            ws, f"{w.each}预估与实际成交额（亿元）", "亿元", cats=(1, start + 1, row),
            series=[(5, start, row), (7, start, row)],
        )  # fmt: skip
        place_chart(ws, chart, row + 4)


# What a landscape A4 page holds down at Excel's normal margins (21 cm less 2 × 1.9 cm and
# the footer), in points.
_PAGE_HEIGHT_PT = 15.8 / 2.54 * 72
_CHART_ROW_PT = 15  # the rows a chart is anchored over are default height


def place_chart(ws: Worksheet, chart: BarChart | LineChart, anchor_row: int) -> int:
    """Put the chart at A`anchor_row`, starting a new printed page first when it would not fit
    under what is above it on the page: a chart cut across two pages is unreadable. Returns
    the first row below the chart (what follows goes there, not on a page of empty rows)."""
    breaks = [b.id for b in ws.row_breaks.brk if b.id is not None and b.id < anchor_row]
    top = max(breaks, default=0)
    above = sum(ws.row_dimensions[r].height or 15 for r in range(top + 1, anchor_row))
    chart_pt = chart.height / 2.54 * 72 + _CHART_ROW_PT
    # A sheet wider than the page is printed smaller (fit to one page wide), its chart too;
    # the scale LibreOffice picks was measured on the rendered pages, not derived.
    columns = sum(printed_widths(ws))
    scale = min(1.0, _A4_PORTRAIT_UNITS / columns)
    if (above + chart_pt) * scale > _PAGE_HEIGHT_PT and anchor_row - 1 > top:
        ws.row_breaks.append(Break(id=anchor_row - 1))
    ws.add_chart(chart, f"A{anchor_row}")
    return anchor_row + math.ceil(chart.height / 2.54 * 72 / _CHART_ROW_PT) + 1


def _plot_copy(ws: Worksheet, col: int, first: int, last: int) -> int:
    """A hidden copy of a column's figures for a chart, with every unknown (“/”, 未报送) left
    empty: a chart draws text as 0, an empty cell as nothing (a gap in a line, no bar).
    Returns the copy's column; row `first` (the header) names the series."""
    plot = ws.max_column + 1
    put(ws, first, plot, f"{ws.cell(row=first, column=col).value}（作图用）")
    for r in range(first + 1, last + 1):
        value = ws.cell(row=r, column=col).value
        if isinstance(value, int | float) and not isinstance(value, bool):
            put(ws, r, plot, value, ws.cell(row=r, column=col).number_format)
    ws.column_dimensions[get_column_letter(plot)].hidden = True
    return plot


def _plot_labels(ws: Worksheet, col: int, first: int, last: int, plots: list[int]) -> int:
    """A hidden copy of the category names, “（未填报）” after a category with no known
    figure in any series, so an empty slot on the chart says why it is empty."""
    labels = ws.max_column + 1
    for r in range(first, last + 1):
        name = ws.cell(row=r, column=col).value
        blank = all(ws.cell(row=r, column=p).value is None for p in plots)
        put(ws, r, labels, f"{name}（未填报）" if blank else name)
    ws.column_dimensions[get_column_letter(labels)].hidden = True
    return labels


def _bar_chart(
    ws: Worksheet,
    title: str,
    y_title: str,
    cats: tuple[int, int, int],
    series: list[tuple[int, int, int]],
) -> BarChart:
    """A clustered column chart; cats/series are (column, first_row, last_row), series
    ranges start at their header row so the header names the series. It plots hidden
    copies of the columns in which unknown figures are empty, never 0 (`_plot_copy`)."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.height, chart.width = CHART_HEIGHT_CM, 22
    chart.visible_cells_only = False  # plot the hidden copies
    plots = [_plot_copy(ws, col, first, last) for col, first, last in series]
    for plot, (col, first, last) in zip(plots, series, strict=True):
        chart.add_data(Reference(ws, min_col=plot, min_row=first + 1, max_row=last))
        # The legend names the table's column, not its hidden copy.
        chart.series[-1].tx = SeriesLabel(v=str(ws.cell(row=first, column=col).value))
    col, first, last = cats
    labels = _plot_labels(ws, col, first, last, plots)
    chart.set_categories(Reference(ws, min_col=labels, min_row=first, max_row=last))
    # openpyxl hides axes unless told otherwise; LibreOffice and Excel both honour this.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _categories(ws: Worksheet, data: ReportData) -> None:
    header = ["类别", "重点活动（场）", "预估成交额（亿元）", "成效统计活动（场）",
              "实际成交额（亿元）", "客流量（万人次）"]  # fmt: skip
    fmts = [None, FMT_INT, FMT_YI, FMT_INT, FMT_YI, FMT_WAN]
    start = _sheet_head(ws, data, "分类情况", len(header))
    put_header(ws, start, header)
    row = start
    for row, c in enumerate(data.categories, start=start + 1):
        # A category without activities has no turnover to sum: “/”, not 0.
        values = [c.category, c.registry_activities,
                  known(c.est_turnover_yi, c.registry_activities - c.unknown_est_turnover),
                  c.results_activities,
                  known(c.actual_turnover_yi, c.results_activities - c.unknown_turnover),
                  known(c.footfall_wan, c.results_activities - c.unknown_footfall)]  # fmt: skip
        put_row(ws, row, values, fmts)
    by_rule, total = data.categories_by_rule
    note = "注：“/”表示该类别没有活动或均未填报，不是0。"
    if by_rule:
        note += f"{total}场重点活动中{by_rule}场未填写类别，由系统按规则归类。"
    put_note(ws, row + 2, note, len(header))
    set_widths(ws, [22, 14, 16, 16, 16, 16])
    chart = _bar_chart(
        ws, "各类别预估与实际成交额（亿元）", "亿元", cats=(1, start + 1, row),
        series=[(3, start, row), (5, start, row)],
    )  # fmt: skip
    place_chart(ws, chart, row + 4)


def _top(ws: Worksheet, data: ReportData) -> None:
    header = ["排名", "市", "参加县区", "重点活动名称", "类别", "实际举办时间",
              "参与企业数量（家）", "实际成交额（万元）", "客流量（万人次）"]  # fmt: skip
    fmts = [FMT_INT, None, None, None, None, None, FMT_INT, FMT_WAN, FMT_WAN]
    start = _sheet_head(ws, data, f"重点活动（按实际成交额前{len(data.top) or 20}名）", 9)
    put_header(ws, start, header)
    year = data.campaign.year
    for i, a in enumerate(data.top, start=1):
        values = [i, a.city_name, a.county_names, a.activity_name, a.category,
                  format_period(a.start_date, a.end_date, a.period_raw, year),
                  a.enterprise_count, a.actual_turnover_wan, a.footfall_wan]  # fmt: skip
        put_row(ws, start + i, values, fmts)
    if not data.top:
        put(ws, start + 1, 1, f"尚无已填报实际成交额的{FORM_LABELS[data.results_form]}数据。")
    if data.flagged:
        put_note(ws, start + max(1, len(data.top)) + 2,
                 f"注：{len(data.flagged)}场活动各项数据明显不符（如成交额与参与企业数、客流量不相称），"
                 "待核实，未列入排名，见“数据缺口”表。", len(header))  # fmt: skip
    set_widths(ws, [6, 10, 18, 36, 16, 20, 12, 14, 14])
    fit_rows(ws, start + 1, start + len(data.top))


def local_time(value: dt.datetime | None, data: ReportData) -> str | None:
    if value is None:
        return None
    return value.astimezone(data.campaign.tz).strftime("%Y-%m-%d %H:%M")


def _status(ws: Worksheet, data: ReportData) -> None:
    w = data.campaign.wording
    forms = [f for f in data.forms if f in data.campaign.forms]
    width = 2 + 2 * len(forms)
    start = _sheet_head(ws, data, "报送情况", width)
    header = ["市"]
    for f in forms:
        header += [f"{FORM_LABELS[f]}状态", f"{FORM_LABELS[f]}首次报送时间"]
    put_header(ws, start, [*header, "待核实"])
    by_city: dict[str, dict[str, StatusRow]] = {}
    for s in data.statuses:
        by_city.setdefault(s.city_name, {})[s.form] = s
    row = start
    for row, (city, per_form) in enumerate(by_city.items(), start=start + 1):
        values: list[object] = [city]
        for f in forms:
            got = per_form.get(f)
            values += [got.label, local_time(got.first_received, data) or ""] if got else ["", ""]
        put_row(ws, row, [*values, held_text(data, city, forms)])
    # Tally per form, the numbers the narrative quotes.
    tally_at = row + 2
    labels = list(STATUS_LABELS)
    put_header(ws, tally_at, ["表单", "截止日期", *STATUS_LABELS.values()])
    for i, f in enumerate(forms, start=tally_at + 1):
        counts = [sum(1 for s in data.statuses if s.form == f and s.status == k) for k in labels]
        deadline = data.campaign.forms[f].deadline.isoformat()
        put_row(ws, i, [FORM_LABELS[f], deadline, *counts], [None, None, *[FMT_INT] * 5])
    note_at = tally_at + len(forms) + 2
    put_note(
        ws,
        note_at,
        "注：按时/逾期以首次被采用的报送时间与截止日期（北京时间当日24时前）比较；"
        "退回待改＝最近一次报送被退回且其后无被采用的报送；未到期＝截止日期晚于数据截至日期且尚未报送；"
        f"待核实＝现行采用的表格中因单元格无法识别或县区不属于本{w.unit}而暂未计入任何数据的行，待该{w.unit}更正。",
        width,
    )
    set_widths(ws, [10, *[12, 17] * len(forms), 24])
    ws.freeze_panes = ws.cell(row=start + 1, column=2)


def held_text(data: ReportData, city: str, forms: Sequence[str]) -> str:
    """“活动名录2 行待核实”, per form with held rows; empty when none."""
    parts = [
        f"{FORM_LABELS[f]}{held_rows_label(n)}" for f in forms if (n := data.held_rows(city, (f,)))
    ]
    return "；".join(parts)


def _gaps(ws: Worksheet, data: ReportData) -> None:
    header = ["市", "名录活动（场）", "未填预估成交额（场）", "未填参与企业数（场）",
              "举办时间不详（场）", "成效统计活动（场）", "未填实际成交额（场）",
              "未填客流量（场）", "未能对应名录的成效活动（场）"]  # fmt: skip
    start = _sheet_head(ws, data, "数据缺口", len(header))
    put_header(ws, start, header)
    results = {c.city_name: c for c in data.cities}
    for row, g in enumerate(data.registry_gaps, start=start + 1):
        c = results.get(g.city_name)
        registry = ([g.activities, g.unknown_est_turnover, g.unknown_enterprises, g.unknown_dates]
                    if g.activities else [NOT_REPORTED, None, None, None])  # fmt: skip
        got = ([c.results_activities, c.unknown_turnover, c.unknown_footfall, c.unlinked]
               if c and c.reported else [NOT_REPORTED, None, None, None])  # fmt: skip
        values = [g.city_name, *registry, *got]
        put_row(ws, row, values, [None, *[FMT_INT] * 8])
    _flagged(ws, data, start + len(data.registry_gaps) + 2, len(header))
    set_widths(ws, [10, *[14] * 8])


FLAGGED_HEADING = "数据存疑的活动"


def _flagged(ws: Worksheet, data: ReportData, at: int, width: int) -> None:
    """Rows whose figures disagree with each other: named here, left out of every ranking."""
    w = data.campaign.wording
    label = FORM_LABELS[data.results_form]
    if not data.flagged:
        put(ws, at, 1, f"{FLAGGED_HEADING}：{label}中未发现各项数据明显不符的活动。")
        return
    put(ws, at, 1, f"{FLAGGED_HEADING}（{len(data.flagged)}场，未列入重点活动排名，待{w.each}核实）",
        bold=True)  # fmt: skip
    header = ["市", "工作表", "行号", "参加县区", "重点活动名称", "存疑情况"]
    put_header(ws, at + 1, header)
    for row, f in enumerate(data.flagged, start=at + 2):
        put_row(ws, row, [f.city_name, f.sheet or "", f.excel_row, f.county_names, f.activity_name,
                          "；".join(f.problems)], [None, None, FMT_INT, None, None, None])  # fmt: skip
        # The reason spans the rest of the row: it is the sentence a clerk acts on.
        ws.merge_cells(start_row=row, start_column=6, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 15 * (len("；".join(f.problems)) // 28 + 1) + 4
    ws.merge_cells(start_row=at + 1, start_column=6, end_row=at + 1, end_column=width)


PERIOD_LABELS = {
    "month": "消费促进月（5月）",
    "after": "6月—12月",
    "before": "5月前",
    "unknown": "举办时间不详",
}


def _periods(ws: Worksheet, data: ReportData) -> None:
    w = data.campaign.wording
    header = ["阶段", "活动（场）", "参与企业（家）", "实际成交额（万元）", "客流量（万人次）",
              "未填实际成交额（场）"]  # fmt: skip
    fmts = [None, FMT_INT, FMT_INT, FMT_WAN, FMT_WAN, FMT_INT]
    start = _sheet_head(ws, data, "阶段对比", len(header))
    put_header(ws, start, header)
    for row, p in enumerate(data.periods, start=start + 1):
        # A stage whose rows all left a figure blank has an unknown sum (“/”), not 0.
        values = [PERIOD_LABELS[p.period], p.activities,
                  known(p.enterprises, p.activities - p.unknown_enterprises),
                  known(p.actual_turnover_wan, p.activities - p.unknown_turnover),
                  known(p.footfall_wan, p.activities - p.unknown_footfall),
                  p.unknown_turnover]  # fmt: skip
        put_row(ws, row, values, fmts)
    may = FORM_LABELS[REPORT_KINDS["june1"].results_form]
    put_note(
        ws,
        start + len(data.periods) + 2,
        f"注：消费促进月为{w.each}{may}表（未报送{may}的{w.unit}取其{FORM_LABELS[data.results_form]}表中"
        f"5月开展的活动）；其余阶段按{FORM_LABELS[data.results_form]}表各活动的实际开始日期划分；"
        "成交额为已填报数之和，“/”表示均未填报。",
        len(header),
    )
    set_widths(ws, [20, 12, 14, 18, 16, 16])


def month_label(month: str | None) -> str:
    if month is None:
        return "时间不详"
    year, m = month.split("-")
    return f"{year}年{int(m)}月"


def _months(ws: Worksheet, data: ReportData) -> None:
    w = data.campaign.wording
    header = ["月份", "名录计划活动（场）", "名录预估成交额（万元）", "成效统计活动（场）",
              "实际成交额（万元）", "客流量（万人次）"]  # fmt: skip
    fmts = [None, FMT_INT, FMT_WAN, FMT_INT, FMT_WAN, FMT_WAN]
    start = _sheet_head(ws, data, "月度趋势", len(header))
    put_header(ws, start, header)
    row = start
    for row, m in enumerate(data.months, start=start + 1):
        # A month without a known figure reads “/” (the line chart leaves a gap there).
        values = [month_label(m.month), m.registry_activities,
                  known(m.est_turnover_wan, m.registry_activities - m.unknown_est_turnover),
                  m.results_activities,
                  known(m.actual_turnover_wan, m.results_activities - m.unknown_turnover),
                  known(m.footfall_wan, m.results_activities - m.unknown_footfall)]  # fmt: skip
        put_row(ws, row, values, fmts)
    put_note(ws, row + 2, f"注：“/”表示该月没有活动或均未填报，不是0；5月为{w.each}5月成效表的数据。",
             len(header))  # fmt: skip
    set_widths(ws, [14, 16, 20, 16, 18, 16])
    if data.months:
        chart = LineChart()
        chart.title = "按活动开始月份的实际成交额（万元）"
        chart.y_axis.title = "万元"
        chart.height, chart.width = CHART_HEIGHT_CM - 1, 22  # shares a page with the table
        plot = _plot_copy(ws, 5, start, row)  # 实际成交额, unknown months a gap in the line
        chart.visible_cells_only = False  # plot the hidden column
        chart.add_data(Reference(ws, min_col=plot, min_row=start + 1, max_row=row))
        chart.series[-1].tx = SeriesLabel(v=header[4])
        for line in chart.series:
            line.smooth = False  # a smoothed line dips below 0 between months
            line.marker.symbol = "circle"  # a month between two gaps is a point, not nothing
        chart.set_categories(Reference(ws, min_col=1, min_row=start + 1, max_row=row))
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        below = place_chart(ws, chart, row + 4)
        bars = _bar_chart(
            ws, "按活动开始月份的活动场次", "场", cats=(1, start + 1, row),
            series=[(2, start, row), (4, start, row)],
        )  # fmt: skip
        place_chart(ws, bars, below + 1)


def write_report_xlsx(data: ReportData, path: Path) -> Path:
    """The report workbook: 总体情况, 分市情况, 分类情况, 重点活动, 报送情况, 数据缺口
    (+ 阶段对比, 月度趋势 for the year-end report)."""
    wb = Workbook()
    per_city = f"分{data.campaign.wording.unit}情况"
    sheets = [("总体情况", _overview), (per_city, _cities), ("分类情况", _categories),
              ("重点活动", _top), ("报送情况", _status), ("数据缺口", _gaps)]  # fmt: skip
    if data.kind.code == "year_end":
        sheets += [("阶段对比", _periods), ("月度趋势", _months)]
    wb.remove(wb.active)
    for name, build in sheets:
        ws = wb.create_sheet(name)
        build(ws, data)
        print_setup(ws)
    stamp_properties(wb, data.as_of, report_title(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def stamp_properties(wb: Workbook, as_of: dt.date, title: str) -> None:
    """Document properties from the as-of date rather than the clock."""
    when = dt.datetime.combine(as_of, dt.time())
    wb.properties.title = title
    wb.properties.creator = "jinxiao"
    wb.properties.created = when
    wb.properties.modified = when
