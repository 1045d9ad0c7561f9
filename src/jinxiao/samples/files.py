"""Builders of realistic submission files, as bytes, in every format a city sends.

Importable without pytest: the demo generator and other tests use these too.

Legacy .xls is the exception: it is written by xlwt, a dev dependency, in tests/xls_files.py.
The demo's one .xls is prebuilt there and shipped as samples/data/datong_registry.xls
(`demo_xls_bytes`), so `make run` needs no writer for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import openpyxl
from openpyxl.utils.cell import range_boundaries

from jinxiao.config import PACKAGE_DIR, load_campaign

# --------------------------------------------------------------------------- xlsx / xlsm


_PINNED_TIME = (2021, 4, 20, 8, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pinned(ooxml: bytes) -> bytes:
    """An .xlsx/.docx with its save time fixed (zip entries and docProps/core.xml), so the same
    call always gives the same bytes: openpyxl and python-docx stamp the time of saving."""
    src = zipfile.ZipFile(io.BytesIO(ooxml))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>2021-04-20T08:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, _PINNED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    merges: Iterable[str] = (),
    extra_sheets_before: Iterable[str] = (),
    extra_sheets_after: Iterable[str] = (),
    hidden_sheets: Iterable[str] = (),
    date_cells: Mapping[str, dt.date | dt.datetime] | None = None,
    number_formats: Mapping[str, str] | None = None,
    more_sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
) -> bytes:
    """An .xlsx whose data sheet `sheet` holds `rows` from A1.

    `more_sheets` are further sheets with rows of their own (one sheet per county),
    written after the data sheet.

    `merges` are Excel ranges ("A4:A6"); as in Excel, only the top-left cell keeps a value.
    `extra_sheets_*` are empty sheets around the data sheet; `hidden_sheets` names sheets
    (extra or the data sheet) to hide. `date_cells` writes real Excel date cells ("C4": date).
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in extra_sheets_before:
        wb.create_sheet(name)
    ws = wb.create_sheet(sheet)
    for name in extra_sheets_after:
        wb.create_sheet(name)
    _write_rows(ws, rows)
    for name, more in (more_sheets or {}).items():
        _write_rows(wb.create_sheet(name), more)
    for ref, day in (date_cells or {}).items():
        ws[ref] = day
        ws[ref].number_format = "yyyy/m/d" if not isinstance(day, dt.datetime) else "yyyy/m/d h:mm"
    for ref, fmt in (number_formats or {}).items():
        ws[ref].number_format = fmt
    for rng in merges:
        _clear_merged_tail(ws, rng)
        ws.merge_cells(rng)
    for name in hidden_sheets:
        wb[name].sheet_state = "hidden"
    # The first visible sheet must be active or Excel complains; openpyxl does not fix it.
    wb.active = next(i for i, s in enumerate(wb.worksheets) if s.sheet_state == "visible")
    buf = io.BytesIO()
    wb.save(buf)
    return pinned(buf.getvalue())


def _write_rows(ws, rows: Sequence[Sequence[object]]) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)


def _clear_merged_tail(ws, rng: str) -> None:
    min_col, min_row, max_col, max_row = range_boundaries(rng)
    for r in range(min_row, max_row + 1):
        for c in range(min_col, max_col + 1):
            if (r, c) != (min_row, min_col):
                ws.cell(r, c).value = None


def xlsm_bytes(rows: Sequence[Sequence[object]], **kwargs) -> bytes:
    """A macro-enabled workbook: the xlsx with the xlsm content type and a vbaProject part."""
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows, **kwargs)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            dst.writestr(info, data)
        # An (empty) OLE container where Excel keeps the macros; readers must ignore it.
        vba = zipfile.ZipInfo("xl/vbaProject.bin", _PINNED_TIME)
        vba.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(vba, cfb_bytes({"PROJECT": b'ID="{00000000}"\r\n'}))
    return out.getvalue()


def encrypted_xlsx_bytes(rows: Sequence[Sequence[object]], password: str = "123") -> bytes:
    """The xlsx of `rows` encrypted with an open password (ECMA-376 agile, as Excel 2010+)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes(rows))).encrypt(password, out)
    return out.getvalue()


# --------------------------------------------------------------------------- CFB (OLE2)

_ENDOFCHAIN, _FREESECT, _FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SECTOR = 512


def cfb_bytes(streams: Mapping[str, bytes]) -> bytes:
    """A version-3 compound file holding `streams` in its root storage.

    Every stream is padded to 4096 bytes (as Excel pads its Workbook stream) so that no
    mini stream is needed; padding is recorded in the stream size, which readers tolerate
    because the BIFF/Word content says where it ends.
    """
    items = [(name, data.ljust(4096, b"\0")) for name, data in streams.items()]
    # Entries in CFB order (length, then upper-case) chained as right siblings: a legal,
    # if unbalanced, tree that every reader walks.
    items.sort(key=lambda it: (len(it[0]), it[0].upper()))
    n_dir = (len(items) + 1 + 3) // 4
    data_sectors = [(len(d) + _SECTOR - 1) // _SECTOR for _, d in items]
    n_fat = 1
    while (n_fat + n_dir + sum(data_sectors)) > n_fat * 128:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("cfb_bytes: streams too large for a header-only DIFAT")
    fat = [_FATSECT] * n_fat
    dir_start = len(fat)
    fat += [*range(dir_start + 1, dir_start + n_dir), _ENDOFCHAIN]
    starts = []
    for count in data_sectors:
        start = len(fat)
        starts.append(start)
        fat += [*range(start + 1, start + count), _ENDOFCHAIN]
    fat += [_FREESECT] * (n_fat * 128 - len(fat))

    entries = [_dir_entry("Root Entry", 5, child=1 if items else _NOSTREAM)]
    for i, ((name, data), start) in enumerate(zip(items, starts), start=1):
        right = i + 1 if i < len(items) else _NOSTREAM
        entries.append(_dir_entry(name, 2, right=right, start=start, size=len(data)))
    # Unused directory slots must be empty entries with NOSTREAM links.
    entries += [_dir_entry("", 0)] * (n_dir * 4 - len(entries))
    directory = b"".join(entries)

    difat = list(range(n_fat)) + [_FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        n_fat,
        dir_start,
        0,
        4096,
        _ENDOFCHAIN,
        0,
        _ENDOFCHAIN,
        0,
    ) + struct.pack("<109I", *difat)
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for _, data in items:
        body += data.ljust(((len(data) + _SECTOR - 1) // _SECTOR) * _SECTOR, b"\0")
    return header + body


def _dir_entry(
    name: str,
    kind: int,
    *,
    left: int = _NOSTREAM,
    right: int = _NOSTREAM,
    child: int = _NOSTREAM,
    start: int = _ENDOFCHAIN,
    size: int = 0,
) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        raw,
        len(raw),
        kind,
        1,  # black
        left,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start if kind else 0,
        size,
        0,
    )


# --------------------------------------------------------------------------- xls (prebuilt)

DEMO_XLS = PACKAGE_DIR / "samples" / "data" / "datong_registry.xls"


def demo_xls_bytes() -> bytes:
    """大同's registry as an old Excel saves it (messy cells): the demo's legacy .xls.

    Built by xlwt in tests/xls_files.py (`python tests/xls_files.py` rebuilds it from
    `registry_rows("大同市", 6, messy=True, seed=2)`; a test checks it is current).
    """
    return DEMO_XLS.read_bytes()


# --------------------------------------------------------------------------- csv


def csv_bytes(
    rows: Sequence[Sequence[object]], encoding: str = "gbk", delimiter: str = ","
) -> bytes:
    """A CSV as Excel's 另存为CSV writes it: CRLF lines, the given encoding (gbk by default)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


# --------------------------------------------------------------------------- docx


def docx_bytes(
    paragraphs: Iterable[str] = (),
    tables: Sequence[Sequence[Sequence[str | None]]] = (),
    merges: Iterable[tuple[int, str]] = (),
) -> bytes:
    """A Word document: paragraphs first, then `tables` (grids of text).

    `merges` are (table index, Excel-style range), e.g. (0, "A2:A4") merges a county cell
    down three rows (vMerge) and (0, "A1:G1") a title across (gridSpan); only the top-left
    cell's text is kept, as in Word.
    """
    import docx

    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    made = []
    for grid in tables:
        n_cols = max((len(r) for r in grid), default=1)
        table = doc.add_table(rows=len(grid), cols=n_cols)
        table.style = "Table Grid"
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value:
                    table.cell(r, c).text = str(value)
        made.append(table)
    for index, rng in merges:
        table = made[index]
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        origin = table.cell(min_row - 1, min_col - 1)
        for r in range(min_row - 1, max_row):
            for c in range(min_col - 1, max_col):
                if (r, c) != (min_row - 1, min_col - 1):
                    table.cell(r, c).text = ""
        merged = origin.merge(table.cell(max_row - 1, max_col - 1))
        # Word keeps one paragraph per merged cell; drop the empty ones as Word users do.
        for para in merged.paragraphs[1:]:
            if not para.text:
                para._p.getparent().remove(para._p)
    buf = io.BytesIO()
    doc.save(buf)
    return pinned(buf.getvalue())


# --------------------------------------------------------------------------- zip


class _GbkZipInfo(zipfile.ZipInfo):
    """A member name stored as raw GBK bytes without the UTF-8 flag (bit 11).

    That is what Windows' built-in "发送到压缩文件夹" and old WinRAR/360压缩 write on a
    Chinese system; zipfile would otherwise write UTF-8 and set the flag.
    """

    __slots__ = ()

    def _encodeFilenameFlags(self):  # noqa: N802 - overrides zipfile's private hook
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_bytes(members: Mapping[str, bytes], gbk_names: bool = True) -> bytes:
    """A .zip of `members`; with `gbk_names` the names are GBK bytes and the flag is clear."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = (_GbkZipInfo if gbk_names else zipfile.ZipInfo)(name, (2021, 4, 22, 16, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


# --------------------------------------------------------------------------- other formats

PDF_BYTES = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4f30000000049454e44ae426082"
)
JPEG_BYTES = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
RAR_BYTES = b"Rar!\x1a\x07\x01\x00" + bytes(32)
SEVEN_Z_BYTES = b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24)


def wps_et_bytes() -> bytes:
    """A WPS 表格 .et as WPS 2019 saves it by default: an OLE file without a Workbook stream."""
    return cfb_bytes({"ETExtData": b"\x00" * 64, "\x05SummaryInformation": b"\xfe\xff"})


def doc_bytes() -> bytes:
    """An old Word 97-2003 .doc: an OLE file whose main stream is WordDocument."""
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + b"\0" * 60
    return cfb_bytes({"WordDocument": fib, "1Table": b"\0" * 64})


def html_xls_bytes(rows: Sequence[Sequence[object]], encoding: str = "gbk") -> bytes:
    """An "xls" exported by a web system: an HTML table, often GBK, with a meta charset."""
    cells = "".join(
        "<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in row) + "</tr>\n"
        for row in rows
    )
    charset = "gb2312" if encoding == "gbk" else encoding
    return (
        f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
        f"<body><table border=1>\n{cells}</table></body></html>"
    ).encode(encoding)


# --------------------------------------------------------------------------- 附件2 tables

TITLE = "山西省2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录"
NOTE = "注：此表由各市商务局填写，请于2021年4月23日前报送。如表格相应空间不够，可自行添加行数。"

# (category word, activity name pattern, content, policy) — {c} is the county's short name.
_ACTIVITIES = [
    (
        "汽车",
        "{c}2021春季汽车展销会",
        "组织区域内4S店集中展销，开展试驾、团购活动",
        "购车补贴3000元/辆",
    ),
    ("餐饮", "“晋味{c}”美食节", "组织老字号餐饮企业推出特色菜品和套餐", "满100减20餐饮券"),
    ("家电", "{c}家电家居以旧换新月", "家电卖场联合厂家开展以旧换新", "以旧换新补贴最高500元"),
    ("夜经济", "{c}“夜太美”夜间消费季", "打造夜市街区，延长商业营业时间", "夜间停车免费"),
    ("网络", "{c}电商直播带货节", "组织本地企业开展直播带货，推广特色农产品", "直播平台流量扶持"),
    ("老字号", "{c}老字号嘉年华", "老字号企业集中展示展销", "老字号产品九折优惠"),
    ("消费券", "{c}电子消费券发放活动", "通过云闪付平台分批发放电子消费券", "发放消费券200万元"),
    ("商圈", "{c}商圈购物节", "重点商圈商场联动开展满减促销", "满300减50"),
    ("农村", "{c}农产品进城消费节", "组织合作社和农户开展农副产品展销", "免收摊位费"),
    ("节假日", "“五一”{c}欢乐购", "节假日期间商场超市联合促销", "商家让利10%"),
]
_PERIODS = ["5月1日-5月31日", "5月1日-5月5日", "5月15日-5月20日", "5月1日-6月30日", "5月"]
_MESSY_PERIODS = ["2021.5.1—5.5", "5.1-5.31", "2021年5月1日至5日", "五一期间", "5月中旬", "全年"]


def counties_of(city: str) -> list[str]:
    """County-level division names of `city` ("太原" or "太原市"), from the project's table."""
    from jinxiao.normalise.values import counties_of as table_counties

    return table_counties(city if city.endswith("市") else city + "市")


def header() -> list[str]:
    """The campaign's 附件2 columns, in the template's order (forms.yaml, as the roll-up)."""
    return list(load_campaign().tables.registry_header)


def _short(county: str) -> str:
    return county[:-1] if len(county) > 2 and county[-1] in "区县市" else county


def registry_rows(city: str, n: int, messy: bool = False, seed: int = 0) -> list[list[object]]:
    """A city's 附件2 as the template lays it out: title, 填报单位, header, n rows, sentence, 注.

    With `messy`, cells take the forms clerks really type: short and multiple county names,
    全市, odd date spellings, "约50家"/"50余家"/"/", 亿元 amounts, stray spaces and newlines.
    """
    rng = random.Random(f"{city}:{n}:{seed}:{messy}")
    city_name = city if city.endswith("市") else city + "市"
    counties = counties_of(city_name)
    rows: list[list[object]] = [
        [TITLE, None, None, None, None, None, None],
        [f"填报单位：{city_name}商务局（盖章）", None, None, None, None, None, None],
        list[object](header()),
    ]
    used, enterprises, turnover = set(), 0, 0
    for i in range(n):
        county = counties[i % len(counties)]
        _, name, content, policy = _ACTIVITIES[(i + seed) % len(_ACTIVITIES)]
        count = rng.choice([20, 30, 50, 80, 100, 150])
        wan = rng.choice([500, 800, 1000, 2000, 5000, 12000])
        county_cell: object = county
        period: object = rng.choice(_PERIODS)
        count_cell: object = f"约{count}家"
        money_cell: object = f"{wan}万元"
        if messy:
            county_cell = rng.choice([county, _short(county), f"{city_name}{county}", county])
            if i % 7 == 3:
                county_cell = "全市"
            elif i % 5 == 4 and len(counties) > 1:
                county_cell = f"{county}、{counties[(i + 1) % len(counties)]}"
            period = rng.choice(_PERIODS + _MESSY_PERIODS)
            count_cell = rng.choice([f"约{count}家", f"{count}余家", count, f"{count}+", "/"])
            money_cell = rng.choice(
                [f"{wan}万元", f"{wan / 10000:g}亿元", f"约{wan / 10000:g}亿", wan, "不详"]
            )
            if rng.random() < 0.2:
                money_cell = f" {money_cell}\n"
        if county_cell != "全市":
            used.update(str(county_cell).split("、"))
        enterprises += count
        turnover += wan
        activity = name.format(c=_short(county) if county_cell != "全市" else city_name[:-1])
        rows.append([county_cell, activity, period, content, count_cell, policy, money_cell])
    rows.append(
        [
            f"参加2021年全国消费促进月活动的县区（市）{len(used)}个，重点活动{n}场，"
            f"参与企业{enterprises}家，预估成交{turnover / 10000:g}亿元。",
            None,
            None,
            None,
            None,
            None,
            None,
        ]
    )
    rows.append([NOTE, None, None, None, None, None, None])
    return rows


def registry_merges(n_rows: int) -> list[str]:
    """The merges a city's template usually has: title and 填报单位 across, sentence and 注."""
    last = 3 + n_rows
    return ["A1:G1", "A2:G2", f"A{last + 1}:G{last + 1}", f"A{last + 2}:G{last + 2}"]
