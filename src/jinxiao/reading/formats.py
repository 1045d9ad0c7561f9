"""Turn one attachment into a Workbook of raw grids, or say in Chinese why it cannot be read.

Cities rename files freely (an .xls that is really .xlsx, an "xlsx" that is an HTML export
or a CSV), so the format comes from the bytes first and the extension second.

Every reader error becomes a FileProblem: a file is a city's mistake to fix, not a crash.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import PurePosixPath

import docx
import msoffcrypto
import olefile  # a dependency of msoffcrypto-tool
import pyxlsb
import xlrd
from docx.table import _Cell
from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from jinxiao.domain.budget import Budget
from jinxiao.domain.models import Attachment, FileProblem, Sheet, Workbook
from jinxiao.reading.extent import (
    ErrorCells,
    Extent,
    Hostile,
    error_cells,
    xls_extents,
    xlsx_extents,
)

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # an xlsx that inflates beyond this is a zip bomb
MAX_ROWS = 100_000
MAX_COLS = 2_000

SUPPORTED = "系统只能读取Excel表格（.xlsx/.xls）、CSV或Word（.docx）文件中的表格"
SEND_TEMPLATE = "请按附件2模板填写Excel后重新发送。"
ENCRYPTED = "文件设置了打开密码，系统无法读取。请取消密码后重新发送。"

_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_EXT_KIND = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx", ".xlsb": "xlsx",
    ".xls": "xls", ".xlt": "xls",
    ".csv": "csv", ".txt": "csv",
    ".docx": "docx", ".docm": "docx",
    ".doc": "doc", ".dot": "doc",
    ".et": "wps", ".ett": "wps", ".wps": "wps", ".wpt": "wps", ".dps": "wps", ".dpt": "wps",
    ".pdf": "pdf", ".zip": "zip", ".rar": "rar", ".7z": "rar",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".webp": "image",
    ".htm": "html", ".html": "html",
}  # fmt: skip
_READABLE = {"xlsx", "xls", "csv", "docx", "html"}


def _ext(filename: str) -> str:
    return PurePosixPath(filename.replace("\\", "/")).suffix.lower()


# --------------------------------------------------------------------------- sniffing


def sniff_format(payload: bytes, filename: str) -> str:
    """The file's real format: xlsx xls csv docx pdf zip image wps doc rar html unknown."""
    ext_kind = _EXT_KIND.get(_ext(filename), "unknown")
    head = payload[:1024]
    if not payload:
        return "unknown"
    if payload.startswith(_CFB_MAGIC):
        return _sniff_cfb(payload, filename)
    if payload.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(payload, ext_kind)
    if b"%PDF-" in head:
        return "pdf"
    if _is_image(head):
        return "image"
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")):
        return "rar"
    text = _decode_text(payload[:65536], final=len(payload) <= 65536)
    if text is None:
        return "unknown"
    lead = text[0].lstrip("\ufeff \t\r\n")[:512].lower()
    if lead.startswith("<?xml") and "<html" not in text[0][:4096].lower():
        return "unknown"  # Excel 2003 XML ("<Table>") and the like: read_workbook explains
    if lead.startswith(("<!doctype html", "<html", "<table", "<meta")) or (
        lead.startswith("<") and "<table" in text[0].lower()
    ):
        return "html"
    return "csv"


def _is_image(head: bytes) -> bool:
    return (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
        or head.startswith((b"II*\x00", b"MM\x00*"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[:2] == b"BM" and len(head) >= 26 and head[6:10] == b"\0\0\0\0")
    )


def _cfb_streams(payload: bytes) -> set[str] | None:
    """Lower-cased stream names of an OLE2 compound file, or None when it will not open."""
    try:
        with olefile.OleFileIO(payload) as ole:
            return {"/".join(parts).lower() for parts in ole.listdir(streams=True)}
    except Exception:  # noqa: BLE001 - a damaged container is judged by its extension
        return None


def _sniff_cfb(payload: bytes, filename: str) -> str:
    ext = _ext(filename)
    ext_kind = _EXT_KIND.get(ext, "unknown")
    streams = _cfb_streams(payload)
    if streams is None:
        return ext_kind if ext_kind in {"xls", "doc", "wps"} else "unknown"
    if {"encryptioninfo", "encryptedpackage"} <= streams:
        # A password-protected xlsx/docx: OOXML inside an OLE envelope.
        return "docx" if ext_kind in {"docx", "doc"} else "xlsx"
    if streams & {"workbook", "book"}:
        return "xls"  # WPS can save BIFF under .et; readable, so it is an xls
    if ext_kind == "wps":
        return "wps"
    if "worddocument" in streams:
        return "doc"
    return "unknown"


def _sniff_zip(payload: bytes, ext_kind: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:80] if "mimetype" in names else b""
    except Exception:  # noqa: BLE001 - truncated: look at the local headers that survive
        if b"xl/" in payload[:65536]:
            return "xlsx"
        if b"word/" in payload[:65536]:
            return "docx"
        return ext_kind if ext_kind in {"xlsx", "docx"} else "zip"
    if names & {"xl/workbook.xml", "xl/workbook.bin"}:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if mimetype or "ppt/presentation.xml" in names:
        return "unknown"  # OpenDocument, PowerPoint: read_workbook explains
    return "zip"


def _decode_text(payload: bytes, final: bool = True) -> tuple[str, str] | None:
    """(text, encoding) when the bytes are text: UTF-8 (BOM or not), UTF-16 with BOM, GB18030."""
    if payload.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]  # Excel's "Unicode 文本" (tab separated)
    else:
        # GB18030 is a superset of GBK and GB2312, what Excel on Chinese Windows writes.
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(payload, final=final)
        except (UnicodeDecodeError, ValueError):
            continue
        if _looks_textual(text):
            return text, encoding
    return None


def _looks_textual(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\x7f")
    return "\x00" not in sample and controls <= len(sample) // 100


# --------------------------------------------------------------------------- entry point


def read_workbook(att: Attachment, budget: Budget | None = None) -> Workbook:
    """Every sheet (or CSV / Word table / HTML table) of `att` as raw grids.

    `budget` bounds the cells a sheet or an HTML file may lay out (the message's, or the
    default limits). Raises FileProblem(reason_class, detail_zh): encrypted,
    unsupported_format, corrupt_file.
    """
    # A table pasted into the body has no file name the clerk would know.
    name = "邮件正文中粘贴的表格" if att.in_body else (att.filename or "（无文件名）")
    budget = Budget() if budget is None else budget
    if att.refused:
        raise FileProblem("corrupt_file", att.refused)
    payload = att.payload
    if not payload:
        raise FileProblem(
            "corrupt_file",
            f"附件“{name}”是空文件（0字节），没有可读取的内容。请确认附件上传完整后重新发送。",
        )
    if len(payload) > MAX_BYTES:
        raise FileProblem(
            "unsupported_format",
            f"附件“{name}”大小为{len(payload) / 1024 / 1024:.1f}MB，超过系统可读取的50MB上限。"
            "报送表格通常不超过1MB，请删除表格中的图片和多余工作表后重新发送。",
        )
    kind = sniff_format(payload, name)
    if kind not in _READABLE:
        raise _not_readable(kind, payload, name)
    try:
        _check_encryption(payload, name)
        return _READERS[kind](payload, name, budget)
    except FileProblem:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - pyo3 panics derive from BaseException
        log.info("cannot read %s as %s: %r", name, kind, exc)
        raise FileProblem("corrupt_file", _corrupt_detail(name, kind)) from exc


def _corrupt_detail(name: str, kind: str) -> str:
    what = {"docx": "Word文件", "csv": "CSV文件", "html": "网页格式表格"}.get(kind, "Excel文件")
    return (
        f"附件“{name}”已损坏或不完整，无法作为{what}读取。"
        "请确认该文件在本机能正常打开，重新保存后再发送（不要发送正在编辑中的临时文件）。"
    )


def _not_readable(kind: str, payload: bytes, name: str) -> FileProblem:
    ext_kind = _EXT_KIND.get(_ext(name), "unknown")
    if kind == "unknown" and ext_kind in _READABLE:
        if (
            payload.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<?xml")
            and b"spreadsheet" in (payload[:4096])
        ):
            return FileProblem(
                "unsupported_format",
                f"附件“{name}”是“XML表格（Excel 2003 XML）”格式，{SUPPORTED}。"
                "请在Excel中“另存为”Excel工作簿（.xlsx）后重新发送。",
            )
        return FileProblem("corrupt_file", _corrupt_detail(name, ext_kind))
    what, todo = _UNSUPPORTED.get(kind, _UNSUPPORTED["unknown"])
    return FileProblem("unsupported_format", f"收到的附件“{name}”是{what}，{SUPPORTED}，{todo}")


_UNSUPPORTED: dict[str, tuple[str, str]] = {
    "pdf": ("PDF文件", SEND_TEMPLATE),
    "image": ("图片文件", "无法从图片或扫描件中读取数据，" + SEND_TEMPLATE),
    "wps": (
        "WPS专用格式文件（.et/.wps/.dps）",
        "请在WPS中“另存为”Excel工作簿（.xlsx）或Word文档（.docx）后重新发送。",
    ),
    "doc": (
        "旧版Word文件（.doc）",
        "请在Word或WPS中“另存为”.docx格式后重新发送；名录表请按附件2模板填写Excel。",
    ),
    "rar": ("RAR/7z压缩包", "无法解压该格式，请直接发送Excel文件，或改用ZIP格式压缩后重新发送。"),
    "zip": ("ZIP压缩包", "其中没有找到可读取的表格，请直接将Excel文件作为附件重新发送。"),
    "unknown": ("无法识别的文件格式", SEND_TEMPLATE),
}


def _check_encryption(payload: bytes, name: str) -> None:
    if not payload.startswith(_CFB_MAGIC):
        return  # a plain zip or text file cannot carry an open password
    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(payload)).is_encrypted()
    except Exception:  # noqa: BLE001 - a container msoffcrypto cannot parse: let the reader judge
        streams = _cfb_streams(payload) or set()
        encrypted = "encryptioninfo" in streams
    if encrypted:
        raise FileProblem("encrypted", f"附件“{name}”：{ENCRYPTED}")


# --------------------------------------------------------------------------- cell values


def _cell(value: object) -> object:
    """A reader's value in the Sheet vocabulary: '' is None, integral floats are ints."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)  # a time of day or duration has no place in the forms: keep its text
    return value


def _guard(name: str, sheet: str, n_rows: int, n_cols: int) -> None:
    if n_rows > MAX_ROWS or n_cols > MAX_COLS:
        raise FileProblem(
            "unsupported_format",
            f"附件“{name}”的工作表“{sheet}”有{n_rows}行、{n_cols}列数据，超过系统可读取的上限"
            f"（{MAX_ROWS}行、{MAX_COLS}列）。请只保留报送表格本身，删除多余的行列后重新发送。",
        )


def _fill_merges(grid: list[list[object]], ranges: Iterable[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the top-left value, as the clerk sees it on screen.

    Ranges are 0-based inclusive (first_row, first_col, last_row, last_col), clipped to the
    grid: a merge reaching past the data adds no rows a reader would want.
    """
    for r0, c0, r1, c1 in ranges:
        if r0 >= len(grid) or r0 > r1 or c0 > c1 or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def _trim(grid: list[list[object]]) -> list[list[object]]:
    """Drop trailing rows with no value (row numbers of the others are unchanged)."""
    end = len(grid)
    while end and all(v is None for v in grid[end - 1]):
        end -= 1
    return grid[:end]


# --------------------------------------------------------------------------- Excel


def _read_excel(payload: bytes, name: str, budget: Budget) -> Workbook:
    kind = "xls" if payload.startswith(_CFB_MAGIC) else "xlsx"
    if kind == "xlsx":
        _check_zip_size(payload, name)
        try:
            extents = xlsx_extents(payload, budget.sheet_cells)
        except (Hostile, ValueError) as exc:  # expat's errors are ValueErrors
            log.info("xlsx %s refused before reading: %r", name, exc)
            raise FileProblem("corrupt_file", _corrupt_detail(name, kind)) from exc
        _check_extents(extents, name, budget)
        try:
            return Workbook(name, kind, _calamine_sheets(payload, name, _errors(payload)))
        except FileProblem:
            raise
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - pyo3 panics derive from BaseException
            if not _is_xlsb(payload):
                raise
            # calamine refuses a whole .xlsb over its styles part (one without cell formats,
            # as some converters write); pyxlsb reads cells without looking at styles.
            log.info("calamine could not read %s (%r); trying pyxlsb", name, exc)
            return Workbook(name, kind, _pyxlsb_sheets(payload, name))
    _check_extents(xls_extents(payload, budget.sheet_cells), name, budget)
    try:
        return Workbook(name, kind, _calamine_sheets(payload, name, _errors(payload)))
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - xlrd reads old BIFF (Excel 5/95) calamine does not
        log.info("calamine could not read %s (%r); trying xlrd", name, exc)
        return Workbook(name, kind, _xlrd_sheets(payload, name))


def _check_extents(extents: list[Extent], name: str, budget: Budget) -> None:
    """Refuse a sheet whose A1-to-last-value rectangle the readers would allocate densely."""
    for ext in extents:
        if ext.cells > budget.sheet_cells:
            span = f"声明范围{ext.declared}，" if ext.declared else ""
            raise FileProblem(
                "corrupt_file",
                f"附件“{name}”的工作表“{ext.sheet}”表格范围过大（{span}"
                f"数据延伸到单元格{ext.far_corner}），超过系统可读取的上限"
                f"（{budget.sheet_cells}个单元格）。请删除空白行列（或远处误填的单元格）"
                "后另存为.xlsx重新发送。",
            )


def _check_zip_size(payload: bytes, name: str) -> None:
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        if sum(i.file_size for i in zf.infolist()) > MAX_UNZIPPED_BYTES:
            raise FileProblem(
                "unsupported_format",
                f"附件“{name}”解压后超过500MB，系统无法读取。请只保留报送表格后重新发送。",
            )


def _errors(payload: bytes) -> ErrorCells:
    try:
        return error_cells(payload)
    except Exception:  # noqa: BLE001 - a damaged part is the cell reader's to report
        return {}


def _calamine_sheets(payload: bytes, name: str, errors: ErrorCells) -> list[Sheet]:
    # python-calamine (Rust) rather than openpyxl: several times faster on the large,
    # formatted workbooks cities send, reads .xls/.xlsx/.xlsb alike, and reports merges.
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(payload))
    except PasswordError as exc:
        raise FileProblem("encrypted", f"附件“{name}”：{ENCRYPTED}") from exc
    visible, hidden = [], []
    with book:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                sheet = Sheet(meta.name, [])  # a chart sheet holds no cells
            else:
                sheet = _calamine_sheet(
                    book.get_sheet_by_name(meta.name), name, errors.get(meta.name, {})
                )
            if meta.visible == SheetVisibleEnum.Visible:
                visible.append(sheet)
            else:
                hidden.append(dataclasses.replace(sheet, hidden=True))
    # Hidden sheets go last so the first data found is visible.
    return visible + hidden


def _calamine_sheet(sheet: CalamineSheet, name: str, errors: dict[tuple[int, int], str]) -> Sheet:
    if sheet.end is None and not errors:
        return Sheet(sheet.name, [])
    if sheet.end is not None:
        _guard(name, sheet.name, sheet.end[0] + 1, sheet.end[1] + 1)
    grid = [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    _put_errors(grid, errors)
    ranges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ()]
    _fill_merges(grid, ranges)
    return Sheet(sheet.name, _trim(grid))


def _put_errors(grid: list[list[object]], errors: dict[tuple[int, int], str]) -> None:
    """Error values back where calamine left the cell empty (the grid grows to reach them)."""
    for (r, c), text in errors.items():
        if r >= MAX_ROWS or c >= MAX_COLS:
            continue
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        row.extend([None] * (c + 1 - len(row)))
        if row[c] is None:
            row[c] = text


def _xlrd_sheets(payload: bytes, name: str) -> list[Sheet]:
    try:
        book = xlrd.open_workbook(file_contents=payload, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise FileProblem("encrypted", f"附件“{name}”：{ENCRYPTED}") from exc
        # formatting_info (needed for merges) is stricter; values alone may still come out.
        book = xlrd.open_workbook(file_contents=payload, on_demand=True)
    visible, hidden = [], []
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        _guard(name, sh.name, sh.nrows, sh.ncols)
        grid = [[_xlrd_cell(sh.cell(r, c), book.datemode) for c in range(sh.ncols)]
                for r in range(sh.nrows)]  # fmt: skip
        _fill_merges(grid, [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells])
        if sh.visibility == 0:
            visible.append(Sheet(sh.name, _trim(grid)))
        else:
            hidden.append(Sheet(sh.name, _trim(grid), hidden=True))
    return visible + hidden


def _is_xlsb(payload: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as zf:
            return "xl/workbook.bin" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _pyxlsb_sheets(payload: bytes, name: str) -> list[Sheet]:
    """Every sheet's values, for the .xlsb files calamine cannot open.

    pyxlsb knows no number formats, merges or hidden sheets: a date comes out as its Excel
    serial number (the normaliser then asks the city to write it as a date) and merged
    cells keep their value in the top-left cell only.
    """
    sheets = []
    with pyxlsb.open_workbook(io.BytesIO(payload)) as book:
        for index, sheet_name in enumerate(book.sheets, start=1):
            with book.get_sheet(index) as sh:
                dim = sh.dimension
                # pyxlsb lays every row out as wide as the declared dimension.
                if dim is not None:
                    _guard(name, sheet_name, dim.r + dim.h, dim.c + dim.w)
                cells: dict[tuple[int, int], object] = {}
                for row in sh.rows(sparse=True):
                    for cell in row:
                        if cell.v is not None and cell.v != "":
                            cells[(cell.r, cell.c)] = _cell(cell.v)
            n_rows = max((r for r, _ in cells), default=-1) + 1
            n_cols = max((c for _, c in cells), default=-1) + 1
            _guard(name, sheet_name, n_rows, n_cols)
            grid = [[cells.get((r, c)) for c in range(n_cols)] for r in range(n_rows)]
            sheets.append(Sheet(sheet_name, grid))
    return sheets


def _xlrd_cell(cell: xlrd.sheet.Cell, datemode: int) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        value = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        return value.date() if value.time() == dt.time() else value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value)
    return _cell(cell.value)


# --------------------------------------------------------------------------- CSV

_DELIMITERS = [",", "\t", ";", "|"]


def _read_csv(payload: bytes, name: str, budget: Budget) -> Workbook:
    text = _whole_text(payload, name, "csv")
    lines = text.splitlines()
    if lines and re.fullmatch(r"sep=.", lines[0].strip()):
        # Excel's "sep=;" hint line is not shown in Excel; dropping it keeps row numbers.
        delimiter, text = lines[0].strip()[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = _guess_delimiter(lines[:50])
    _guard(name, name, len(lines), 0)
    rows: list[list[object]] = [
        [v if v != "" else None for v in row]
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
    _guard(name, name, len(rows), max((len(r) for r in rows), default=0))
    stem = PurePosixPath(name.replace("\\", "/")).stem or "Sheet1"
    return Workbook(name, "csv", [Sheet(stem, _trim(rows))])


def _whole_text(payload: bytes, name: str, kind: str) -> str:
    """The decoded file; a stray bad byte past the sniffed head becomes U+FFFD, not a reject."""
    decoded = _decode_text(payload)
    if decoded is not None:
        return decoded[0]
    head = _decode_text(payload[:65536], final=False)
    if head is None:
        raise FileProblem("corrupt_file", _corrupt_detail(name, kind))
    return payload.decode(head[1], errors="replace")


def _guess_delimiter(lines: list[str]) -> str:
    """The delimiter splitting most lines into the same number of fields.

    The Chinese comma "，" is only a last resort: activity descriptions are full of it.
    """
    lines = [ln for ln in lines if ln.strip()]
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        counts = [len(next(csv.reader([ln], delimiter=delim))) - 1 for ln in lines]
        common = max(set(counts), key=counts.count) if counts else 0
        score = (counts.count(common) if common else 0, sum(counts))
        if score > best_score:
            best, best_score = delim, score
    if best_score == (0, 0) and any("，" in ln for ln in lines):
        return "，"
    return best


# --------------------------------------------------------------------------- Word


def _read_docx(payload: bytes, name: str, budget: Budget) -> Workbook:
    _check_zip_size(payload, name)
    document = docx.Document(io.BytesIO(payload))
    sheets = []
    for index, table in enumerate(document.tables, start=1):
        grid: list[list[object]] = []
        for tr in table._tbl.tr_lst:
            row: list[object] = [None] * tr.grid_before
            for tc in tr.tc_lst:
                span = tc.grid_span
                if tc.vMerge == "continue":
                    # A vertically merged cell shows the value of the cell above it.
                    above = grid[-1] if grid else []
                    col = len(row)
                    values = [above[c] if c < len(above) else None for c in range(col, col + span)]
                else:
                    # Trailing empty paragraphs (left by Word when merging) are invisible.
                    values = [_Cell(tc, table).text.rstrip("\n") or None] * span
                row.extend(values)
            grid.append(row)
        _guard(name, f"表{index}", len(grid), max((len(r) for r in grid), default=0))
        sheets.append(Sheet(f"表{index}", _trim(grid), in_document=True))
    text = "\n".join(p.text for p in document.paragraphs)
    return Workbook(name, "docx", sheets, text=text)


# --------------------------------------------------------------------------- HTML


class _TableParser(HTMLParser):
    """Collects <table> grids, honouring rowspan/colspan the way a browser lays them out."""

    def __init__(self, max_cells: int) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[object]]] = []
        self._stack: list[dict] = []
        # Cells laid out so far in all tables, spans expanded: a few bytes of markup with
        # colspan=1000 rowspan=1000 is a million cells.
        self.cells = 0
        self.max_cells = max_cells

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append({"grid": [], "row": None, "cell": None, "spans": {}})
            return
        if not self._stack:
            return
        t = self._stack[-1]
        if tag == "tr":
            self._end_row(t)
            t["row"] = []
        elif tag in ("td", "th"):
            self._end_cell(t)
            if t["row"] is None:
                t["row"] = []
            a = dict(attrs)
            t["cell"] = {
                "text": [],
                "rows": _span(a.get("rowspan")),
                "cols": _span(a.get("colspan")),
            }
        elif tag == "br" and t["cell"] is not None:
            t["cell"]["text"].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        t = self._stack[-1]
        if tag in ("td", "th"):
            self._end_cell(t)
        elif tag == "tr":
            self._end_row(t)
        elif tag == "table":
            self._end_row(t)
            self.tables.append(self._stack.pop()["grid"])

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"]["text"].append(data)

    def close(self) -> None:
        super().close()
        while self._stack:
            self.handle_endtag("table")

    def _end_cell(self, t: dict) -> None:
        cell, t["cell"] = t["cell"], None
        if cell is None:
            return
        row, spans = t["row"], t["spans"]
        self._skip_spanned(row, spans)
        text = re.sub(r"[ \t\r\n\xa0]+", " ", "".join(cell["text"])).strip() or None
        self._charge(cell["cols"])
        for _ in range(cell["cols"]):
            if cell["rows"] > 1:
                spans[len(row)] = (cell["rows"] - 1, text)
            row.append(text)
            self._skip_spanned(row, spans)

    def _end_row(self, t: dict) -> None:
        self._end_cell(t)
        if t["row"] is not None:
            self._skip_spanned(t["row"], t["spans"], to_end=True)
            t["grid"].append(t["row"])
            t["row"] = None

    def _charge(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.max_cells:
            raise _TooManyCells

    def _skip_spanned(self, row: list, spans: dict, to_end: bool = False) -> None:
        """Fill the columns still covered by a rowspan from a row above."""
        # The last spanned column, once: max() on every step made a wide table quadratic
        # (spans only lose their last key as the row passes it, which ends the loop anyway).
        last = max(spans) if to_end and spans else -1
        while len(row) in spans or len(row) <= last:
            self._charge(1)
            left, text = spans.get(len(row), (0, None))
            if left:
                row.append(text)
                if left == 1:
                    del spans[len(row) - 1]
                else:
                    spans[len(row) - 1] = (left - 1, text)
            else:
                row.append(None)


class _TooManyCells(Exception):
    """The HTML file's tables lay out more cells than the budget."""


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(digits.group(1)), 1000)) if digits else 1


def _read_html(payload: bytes, name: str, budget: Budget) -> Workbook:
    head = payload[:4096].decode("ascii", errors="ignore")
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", head, re.I)
    text = None
    if charset and not payload.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE)):
        encoding = charset.group(1).lower()
        encoding = "gb18030" if encoding in {"gb2312", "gbk", "gb18030"} else encoding
        try:
            text = payload.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = _whole_text(payload, name, "html")
    parser = _TableParser(budget.html_cells)
    try:
        parser.feed(text)
        parser.close()
    except _TooManyCells:
        raise FileProblem(
            "corrupt_file",
            f"附件“{name}”（网页格式表格）的合并单元格展开后超过{budget.html_cells}个单元格，"
            "系统无法读取。请在Excel中打开后另存为.xlsx（Excel工作簿），删除空白行列后重新发送。",
        ) from None
    sheets = []
    for index, grid in enumerate(parser.tables, start=1):
        _guard(name, f"表{index}", len(grid), max((len(r) for r in grid), default=0))
        sheets.append(Sheet(f"表{index}", _trim(grid)))
    return Workbook(name, "html", sheets)


_READERS: dict[str, Callable[[bytes, str, Budget], Workbook]] = {
    "xlsx": _read_excel,
    "xls": _read_excel,
    "csv": _read_csv,
    "docx": _read_docx,
    "html": _read_html,
}
