"""read_workbook / sniff_format on real files of every format a city sends."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xls_files import globals_records, xls_bytes

import jinxiao.samples.files as ff
from jinxiao.domain.budget import MAX_READ_ADDRESS_SPACE, MAX_READ_SECONDS
from jinxiao.domain.models import Attachment, FileProblem, Workbook
from jinxiao.reading.formats import _xlrd_sheets, read_workbook, sniff_format
from jinxiao.reading.sandbox import Failure, read_in_child

ROWS = ff.registry_rows("太原", 6)
HEADER_ROW = 2  # rows[2] is Excel row 3: title, 填报单位, header


def att(payload: bytes, filename: str) -> Attachment:
    return Attachment(filename, "application/octet-stream", payload, "2")


def read(payload: bytes, filename: str) -> Workbook:
    return read_workbook(att(payload, filename))


def problem(payload: bytes, filename: str) -> FileProblem:
    with pytest.raises(FileProblem) as info:
        read(payload, filename)
    return info.value


def data_sheet(wb: Workbook):
    return next(s for s in wb.sheets if s.rows)


# --------------------------------------------------------------------------- xlsx


def test_empty_first_sheet_is_kept_and_data_found_on_second():
    wb = read(ff.xlsx_bytes(ROWS, sheet="名录", extra_sheets_before=["封面"]), "太原市.xlsx")
    assert wb.kind == "xlsx" and wb.filename == "太原市.xlsx"
    assert [s.name for s in wb.sheets] == ["封面", "名录"]
    assert wb.sheets[0].rows == []
    rows = wb.sheets[1].rows
    assert rows[HEADER_ROW] == ff.header()
    assert rows[HEADER_ROW + 1][:2] == ["小店区", "小店2021春季汽车展销会"]
    assert rows[-1][0].startswith("注：")
    assert len(rows) == len(ROWS)


def test_data_not_starting_at_a1_keeps_excel_row_numbers():
    rows = [[None] * 3, [None] * 3, [None, None, "参加县区"], [None, None, "小店区"]]
    sheet = data_sheet(read(ff.xlsx_bytes(rows), "a.xlsx"))
    assert sheet.rows[2][2] == "参加县区" and sheet.rows[3][2] == "小店区"
    assert sheet.rows[0] == [None, None, None]


def test_merged_county_cells_are_filled_down_and_banners_across():
    rows = [list(r) for r in ROWS]
    merges = ["A4:A6", *ff.registry_merges(6)]
    sheet = data_sheet(read(ff.xlsx_bytes(rows, merges=merges), "太原.xlsx"))
    assert [sheet.rows[i][0] for i in (3, 4, 5, 6)] == ["小店区", "小店区", "小店区", "尖草坪区"]
    assert sheet.rows[0] == [ff.TITLE] * 7
    assert sheet.rows[1][6] == "填报单位：太原市商务局（盖章）"
    # Only the merged column is filled; the activities stay their own.
    assert sheet.rows[4][1] == ROWS[4][1]


def test_excel_date_cells_and_numbers_keep_their_types():
    rows = [list(r) for r in ROWS]
    rows[3][4], rows[4][4], rows[5][6] = 50, 0.5, 5000.0
    dates = {"C4": dt.date(2021, 5, 1), "C5": dt.datetime(2021, 5, 1, 9, 30)}
    sheet = data_sheet(read(ff.xlsx_bytes(rows, date_cells=dates), "a.xlsx"))
    assert sheet.rows[3][2] == dt.date(2021, 5, 1)
    assert sheet.rows[4][2] == dt.datetime(2021, 5, 1, 9, 30)
    assert sheet.rows[3][4] == 50 and type(sheet.rows[3][4]) is int
    assert sheet.rows[4][4] == 0.5
    assert sheet.rows[5][6] == 5000 and type(sheet.rows[5][6]) is int
    assert sheet.rows[3][5] == ROWS[3][5]  # text stays text


def test_hidden_sheets_come_last():
    payload = ff.xlsx_bytes(
        ROWS, sheet="名录", extra_sheets_before=["旧版"], hidden_sheets=["旧版"]
    )
    assert [s.name for s in read(payload, "a.xlsx").sheets] == ["名录", "旧版"]


def test_xlsm_is_read_like_xlsx():
    payload = ff.xlsm_bytes(ROWS)
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(payload)).read("[Content_Types].xml")
    wb = read(payload, "名录.xlsm")
    assert wb.kind == "xlsx" and data_sheet(wb).rows[HEADER_ROW] == ff.header()


# --------------------------------------------------------------------------- xls


def test_xls_values_dates_merges_and_hidden_sheet():
    rows = [list(r) for r in ff.registry_rows("大同", 5)]
    rows[3][2], rows[3][4] = dt.date(2021, 5, 1), 80
    payload = xls_bytes(
        rows, sheet="附件2", merges=["A4:A5"], extra_sheets_before=["说明"], hidden_sheets=["说明"]
    )
    wb = read(payload, "大同市活动名录.xls")
    assert wb.kind == "xls"
    assert [s.name for s in wb.sheets] == ["附件2", "说明"]
    sheet = wb.sheets[0]
    assert sheet.rows[HEADER_ROW] == ff.header()
    assert sheet.rows[3][2] == dt.date(2021, 5, 1)
    assert sheet.rows[3][4] == 80 and type(sheet.rows[3][4]) is int
    assert sheet.rows[4][0] == sheet.rows[3][0] == rows[3][0]


def test_xls_with_many_strings_spans_sst_continue_records():
    rows = ff.registry_rows("运城", 300, messy=True)
    sheet = data_sheet(read(xls_bytes(rows), "运城.xls"))
    assert len(sheet.rows) == len(rows)
    assert sheet.rows[-3][1] == rows[-3][1]
    assert sheet.rows[-1][0] == ff.NOTE


def test_xls_whose_strings_overflow_one_sst_record_reads_every_string():
    # Registry rows repeat their words; 800 distinct activity names (~30 KB of UTF-16) do
    # not fit one SST record, so the writer continues it in CONTINUE records.
    rows = [list(r) for r in ff.registry_rows("运城", 3)]
    names = [f"运城市第{n}届“晋情消费”系列促销活动暨夜经济消费季（第{n}站）" for n in range(800)]
    counties = ff.counties_of("运城市")
    rows[3:3] = [[counties[n % len(counties)], name] for n, name in enumerate(names)]
    payload = xls_bytes(rows)
    stream = olefile.OleFileIO(io.BytesIO(payload)).openstream("Workbook").read()
    types = [rtype for _pos, rtype, _len in globals_records(stream)]
    assert types[types.index(0x00FC) + 1] == 0x003C  # SST, then CONTINUE
    sheet = data_sheet(read(payload, "运城.xls"))
    assert [r[1] for r in sheet.rows[3 : 3 + len(names)]] == names


def test_xlrd_fallback_reads_the_same_grid_as_calamine():
    rows = [list(r) for r in ROWS]
    rows[4][2] = dt.date(2021, 5, 3)
    payload = xls_bytes(rows, merges=["A4:A6", "A1:G1"])
    assert [s.rows for s in _xlrd_sheets(payload, "a.xls")] == [
        s.rows for s in read(payload, "a.xls").sheets
    ]


def test_wps_saved_biff_under_et_extension_is_read():
    wb = read(xls_bytes(ROWS), "名录.et")
    assert wb.kind == "xls" and data_sheet(wb).rows[HEADER_ROW] == ff.header()


# --------------------------------------------------------------------------- renamed files


@pytest.mark.parametrize(
    ("payload", "filename", "kind"),
    [
        (xls_bytes(ROWS), "名录.xlsx", "xls"),
        (ff.xlsx_bytes(ROWS), "名录.xls", "xlsx"),
        (ff.csv_bytes(ROWS, "gbk"), "名录.xlsx", "csv"),
        (ff.html_xls_bytes(ROWS), "系统导出.xls", "html"),
        (ff.docx_bytes(tables=[ROWS]), "名录.doc", "docx"),
    ],
)
def test_format_comes_from_bytes_not_extension(payload, filename, kind):
    assert sniff_format(payload, filename) == kind
    wb = read(payload, filename)
    assert wb.kind == kind
    assert data_sheet(wb).rows[HEADER_ROW] == ff.header()


def test_html_export_keeps_rowspan_and_colspan_layout():
    html = (
        "<html><head><meta charset='gbk'></head><body><table>"
        "<tr><td colspan=3>标题</td></tr>"
        "<tr><td>参加县区</td><td>重点活动名称</td><td>举办时间</td></tr>"
        "<tr><td rowspan=2>平城区</td><td>美食节</td><td>5月1日</td></tr>"
        "<tr><td>车展</td><td>5月2日</td></tr></table></body></html>"
    ).encode("gbk")
    rows = read(html, "导出.xls").sheets[0].rows
    assert rows == [
        ["标题"] * 3,
        ["参加县区", "重点活动名称", "举办时间"],
        ["平城区", "美食节", "5月1日"],
        ["平城区", "车展", "5月2日"],
    ]


# --------------------------------------------------------------------------- csv


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_encodings(encoding):
    rows = [list(r) for r in ROWS]
    rows[4][0] = "榆次区"  # GB18030-only text would fail a GBK decoder; this is in both
    wb = read(ff.csv_bytes(rows, encoding), "晋中市名录.csv")
    sheet = wb.sheets[0]
    assert wb.kind == "csv" and sheet.name == "晋中市名录"
    assert sheet.rows[0][0] == ff.TITLE and sheet.rows[0][1] is None
    assert sheet.rows[HEADER_ROW] == ff.header()
    assert sheet.rows[4][0] == "榆次区"
    assert sheet.rows[HEADER_ROW + 1][3] == ROWS[HEADER_ROW + 1][3]  # commas inside quotes


def test_csv_gb18030_only_characters():
    rows = [["参加县区", "活动"], ["小店区", "㐀䶵 夜市"]]  # CJK Ext-A: not in GBK
    sheet = read(ff.csv_bytes(rows, "gb18030"), "a.csv").sheets[0]
    assert sheet.rows[1] == ["小店区", "㐀䶵 夜市"]


def test_tab_separated_unicode_text_and_semicolon_with_sep_hint():
    tsv = read(ff.csv_bytes(ROWS, "utf-16", delimiter="\t"), "名录.txt").sheets[0]
    assert tsv.rows[HEADER_ROW] == ff.header()
    semi = b"sep=;\r\n" + ff.csv_bytes(ROWS, "gbk", delimiter=";")
    sheet = read(semi, "名录.csv").sheets[0]
    assert sheet.rows[HEADER_ROW] == ff.header() and sheet.rows[0][0] == ff.TITLE


def test_csv_with_one_stray_byte_late_in_the_file_is_still_read():
    payload = ff.csv_bytes(ROWS * 400, "utf-8") + b"\xff,\xfe\r\n"
    sheet = read(payload, "a.csv").sheets[0]
    assert sheet.rows[HEADER_ROW] == ff.header() and sheet.rows[-1] == ["\ufffd", "\ufffd"]


def test_excel_2003_xml_is_explained():
    payload = (
        b'<?xml version="1.0"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        b"<Worksheet><Table><Row><Cell><Data>x</Data></Cell></Row></Table></Worksheet></Workbook>"
    )
    p = problem(payload, "名录.xls")
    assert p.reason_class == "unsupported_format" and "Excel 2003 XML" in p.detail_zh


def test_csv_delimiter_is_guessed():
    sheet = read(ff.csv_bytes(ROWS, "utf-8", delimiter=";"), "a.csv").sheets[0]
    assert sheet.rows[HEADER_ROW] == ff.header()


# --------------------------------------------------------------------------- docx


def test_docx_tables_with_merged_cells_and_paragraph_text():
    table = [list(r) for r in ROWS[2:8]]
    payload = ff.docx_bytes(
        ["太原市2021年消费促进月工作方案", "一、活动安排"],
        [table, [["联系人", "电话"], ["王磊", "0351-1234567"]]],
        merges=[(0, "A2:A4"), (0, "E5:F5")],
    )
    wb = read(payload, "工作方案.docx")
    assert wb.kind == "docx"
    assert [s.name for s in wb.sheets] == ["表1", "表2"]
    rows = wb.sheets[0].rows
    assert rows[0] == ff.header()
    assert [r[0] for r in rows[1:5]] == ["小店区", "小店区", "小店区", table[4][0]]
    assert rows[4][4] == rows[4][5] == table[4][4]
    assert wb.sheets[1].rows[1] == ["王磊", "0351-1234567"]
    assert "工作方案" in wb.text and "一、活动安排" in wb.text


# --------------------------------------------------------------------------- problems


def test_encrypted_xlsx():
    payload = ff.encrypted_xlsx_bytes(ROWS, password="123")
    assert sniff_format(payload, "名录.xlsx") == "xlsx"
    p = problem(payload, "名录.xlsx")
    assert p.reason_class == "encrypted"
    assert "打开密码" in p.detail_zh and "名录.xlsx" in p.detail_zh


def test_encrypted_xls_filepass():
    p = problem(xls_bytes(ROWS, encrypted=True), "名录.xls")
    assert p.reason_class == "encrypted" and "取消密码" in p.detail_zh


@pytest.mark.parametrize(
    ("payload", "filename", "kind", "words"),
    [
        (ff.PDF_BYTES, "名录（盖章）.pdf", "pdf", "PDF文件"),
        (ff.PNG_BYTES, "截图.png", "image", "图片"),
        (ff.JPEG_BYTES, "扫描件.jpg", "image", "图片"),
        (ff.wps_et_bytes(), "名录.et", "wps", "WPS"),
        (ff.RAR_BYTES, "名录.rar", "rar", "RAR"),
        (ff.SEVEN_Z_BYTES, "名录.7z", "rar", "7z"),
        (ff.doc_bytes(), "工作方案.doc", "doc", "旧版Word"),
        (ff.zip_bytes({"说明.txt": b"x"}), "附件.zip", "zip", "ZIP"),
    ],
)
def test_unsupported_formats_say_what_and_what_to_send(payload, filename, kind, words):
    assert sniff_format(payload, filename) == kind
    p = problem(payload, filename)
    assert p.reason_class == "unsupported_format"
    assert words in p.detail_zh and filename in p.detail_zh
    assert "Excel" in p.detail_zh and "重新发送" in p.detail_zh


def test_pdf_renamed_xlsx_is_still_a_pdf():
    assert problem(ff.PDF_BYTES, "名录.xlsx").reason_class == "unsupported_format"


@pytest.mark.parametrize("filename", ["名录.xlsx", "名录.xls", "名录.docx"])
def test_truncated_files_are_corrupt(filename):
    full = {
        ".xlsx": ff.xlsx_bytes(ROWS),
        ".xls": xls_bytes(ROWS),
        ".docx": ff.docx_bytes(tables=[ROWS]),
    }[filename[filename.rindex(".") :]]
    p = problem(full[: len(full) // 2], filename)
    assert p.reason_class == "corrupt_file"
    assert filename in p.detail_zh and "损坏" in p.detail_zh


def test_empty_bytes_are_corrupt():
    p = problem(b"", "名录.xlsx")
    assert p.reason_class == "corrupt_file" and "空文件" in p.detail_zh


def test_garbage_named_xlsx_is_corrupt_and_named_bin_unsupported():
    junk = bytes(range(256)) * 8
    assert problem(junk, "名录.xlsx").reason_class == "corrupt_file"
    assert problem(junk, "名录.bin").reason_class == "unsupported_format"


def test_size_and_row_guards():
    big = problem(b"PK\x03\x04" + bytes(50 * 1024 * 1024), "名录.xlsx")
    assert big.reason_class == "unsupported_format" and "50MB" in big.detail_zh
    many = ("参加县区,活动\r\n" + "小店区,夜市\r\n" * 100_001).encode("gbk")
    p = problem(many, "名录.csv")
    assert p.reason_class == "unsupported_format" and "100000行" in p.detail_zh


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b"\xef\xbb\xbf<!DOCTYPE html><html><table></table></html>", "html"),
        (b"GIF89a" + bytes(20), "image"),
        (b"  %PDF-1.7", "pdf"),
        (b"\x00\x01\x02\x03" * 10, "unknown"),
        (b"", "unknown"),
    ],
)
def test_sniff_format_magic(payload, kind):
    assert sniff_format(payload, "x.xlsx") == kind


# --------------------------------------------------------------------------- factory sanity


def test_zip_bytes_writes_raw_gbk_names_without_utf8_flag():
    payload = ff.zip_bytes({"太原市活动名录.xlsx": b"x"})
    local_flags, name_len = (
        struct.unpack("<H", payload[6:8])[0],
        struct.unpack("<H", payload[26:28])[0],
    )
    assert local_flags & 0x800 == 0
    assert payload[30 : 30 + name_len] == "太原市活动名录.xlsx".encode("gbk")
    info = zipfile.ZipFile(io.BytesIO(payload)).infolist()[0]
    assert info.flag_bits & 0x800 == 0
    assert info.filename.encode("cp437").decode("gbk") == "太原市活动名录.xlsx"


@pytest.mark.parametrize(
    "city", ["太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁"]
)
def test_registry_rows_follow_the_template(city):
    rows = ff.registry_rows(city, 8, messy=True, seed=3)
    assert rows[0][0] == ff.TITLE and rows[2] == ff.header()
    assert rows[1][0] == f"填报单位：{city}市商务局（盖章）"
    assert re.fullmatch(
        r"参加2021年.*县区（市）\d+个，重点活动8场，参与企业\d+家，预估成交[\d.]+亿元。",
        rows[-2][0],
    )
    assert rows[-1][0].startswith("注：") and len(rows) == 8 + 5
    assert ff.counties_of(city)


# --------------------------------------------------------------------------- robustness

_XLSX = ff.xlsx_bytes(ROWS, merges=["A4:A6"])
_XLS = xls_bytes(ROWS, merges=["A4:A6"])
_DOCX = ff.docx_bytes(["方案"], [ROWS[2:6]])
_NAMES = st.sampled_from(
    ["名录.xlsx", "名录.xls", "名录.csv", "名录.docx", "名录.et", "a.pdf", "无扩展名", "b.zip"]
)


def _outcome(payload: bytes, filename: str) -> None:
    # In a child, as the intake reads: a native abort inside a parser (calamine has aborted on
    # a corrupted .xls here) kills the child, which the intake turns into corrupt_file; in
    # this process it would end the test run.
    try:
        wb = read_in_child(
            read_workbook, att(payload, filename), address_space_bytes=MAX_READ_ADDRESS_SPACE,
            seconds=MAX_READ_SECONDS,
        )  # fmt: skip
    except FileProblem as fp:
        assert fp.reason_class in {"corrupt_file", "encrypted", "unsupported_format"}
        assert fp.detail_zh
        return
    if isinstance(wb, Failure):
        problem = wb.problem(filename)
        assert problem.reason_class == "corrupt_file" and problem.detail_zh
        return
    assert isinstance(wb, Workbook)
    for sheet in wb.sheets:
        assert all(isinstance(row, list) for row in sheet.rows)


_fuzz = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fuzz
@given(st.binary(max_size=2048), _NAMES)
def test_random_bytes_never_escape(payload, filename):
    _outcome(payload, filename)


@_fuzz
@given(st.sampled_from([_XLSX, _XLS, _DOCX]), st.floats(0, 1), _NAMES)
def test_truncations_never_escape(full, cut, filename):
    _outcome(full[: int(len(full) * cut)], filename)


@_fuzz
@given(
    st.sampled_from([_XLSX, _XLS, _DOCX]),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    _NAMES,
)
def test_corrupted_bytes_never_escape(full, flips, filename):
    data = bytearray(full)
    for where, value in flips:
        data[min(int(len(data) * where), len(data) - 1)] = value
    _outcome(bytes(data), filename)
