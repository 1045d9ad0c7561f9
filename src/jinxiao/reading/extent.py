"""How big each sheet of a workbook really is, found without loading it.

The readers allocate a sheet densely, from A1 to its last value: python-calamine asks for
549 GB (and aborts the process) for a 9 KB xlsx with values in A1 and XFD1048576. So before
any reader sees a workbook, its sheets are scanned here with a streaming parser that keeps
nothing but a few counters, and a sheet whose rectangle is over the budget is refused.

Only cells holding something count (a value, an inline string, a formula): a cell with
nothing but a style is what WPS writes down whole columns, and no reader allocates it.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

import olefile

_CHUNK = 64 * 1024
_REF_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Hostile(Exception):
    """XML with a DTD or entity declarations: no spreadsheet writer produces one."""


@dataclass(frozen=True)
class Extent:
    """One sheet's rectangle from A1 to its farthest value (rows x cols), as far as scanned."""

    sheet: str
    rows: int
    cols: int
    declared: str | None  # the <dimension ref> (or BIFF DIMENSIONS) the file states

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    @property
    def far_corner(self) -> str:
        return f"{column_letters(self.cols)}{self.rows}" if self.rows and self.cols else "A1"


def column_letters(col: int) -> str:
    """1 -> A, 16384 -> XFD."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Over(Exception):
    """The scan stops here: the sheet is already over the budget."""


# --------------------------------------------------------------------------- xlsx


@dataclass
class _Scan:
    """Where the slow pass is in the sheet XML, and the farthest cell with content so far."""

    row: int = 0
    col: int = 0
    cell: tuple[int, int] | None = None
    rows: int = 0
    cols: int = 0


def _safe_parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs and entity declarations (billion laughs, XXE)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> int:  # expat's handlers are typed to return an int
        raise Hostile("DTD or entity declaration in a spreadsheet part")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def _feed(parser: expat.XMLParserType, fh: IO[bytes]) -> None:
    while chunk := fh.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _xml_starts(zf: zipfile.ZipFile, part: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of a small part (workbook.xml, its rels), local names."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = _safe_parser()
    parser.StartElementHandler = lambda name, attrs: found.append((_local(name), attrs))
    with zf.open(part) as fh:
        _feed(parser, fh)
    return found


def _xlsx_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip part) of every worksheet, in the workbook's order."""
    names = set(zf.namelist())
    sheets: list[tuple[str, str]] = []
    if "xl/workbook.xml" in names and "xl/_rels/workbook.xml.rels" in names:
        targets = {
            a.get("Id"): a.get("Target", "")
            for tag, a in _xml_starts(zf, "xl/_rels/workbook.xml.rels")
            if tag == "Relationship"
        }
        for tag, a in _xml_starts(zf, "xl/workbook.xml"):
            if tag != "sheet":
                continue
            rid = (
                a.get(f"{_REL_NS} id")
                or a.get("r:id")
                or next((v for k, v in a.items() if k.endswith(":id")), None)
            )
            target = (targets.get(rid) or "").replace("\\", "/")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part in names:
                sheets.append((a.get("name", part), part))
    if "xl/workbook.bin" in names and "xl/_rels/workbook.bin.rels" in names:
        sheets += _xlsb_parts(zf, names)
    listed = {part for _, part in sheets}
    # Parts no relationship names (or a workbook.bin): scanned too, named by their file.
    for part in sorted(names - listed):
        if re.fullmatch(r"xl/worksheets/[^/]+\.(xml|bin)", part):
            sheets.append((part.rsplit("/", 1)[-1].rsplit(".", 1)[0], part))
    return sheets


_BRT_BUNDLE_SH = 156


def _wide_string(body: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at `at`: u32 character count, UTF-16; and the offset after it."""
    (n,) = struct.unpack_from("<I", body, at)
    end = at + 4 + 2 * n
    return body[at + 4 : end].decode("utf-16-le", "replace"), end


def _xlsb_parts(zf: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(sheet name, part) of an .xlsb's worksheets, from workbook.bin's BrtBundleSh records."""
    targets = {
        a.get("Id"): a.get("Target", "")
        for tag, a in _xml_starts(zf, "xl/_rels/workbook.bin.rels")
        if tag == "Relationship"
    }
    out = []
    with zf.open("xl/workbook.bin") as fh:
        for rtype, body in _records_xlsb(fh, keep=2048):
            if rtype != _BRT_BUNDLE_SH or len(body) < 12:
                continue
            try:
                rid, at = _wide_string(body, 8)
                name, _ = _wide_string(body, at)
            except struct.error:
                continue
            target = (targets.get(rid) or "").replace("\\", "/")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part in names:
                out.append((name, part))
    return out


def _scan_sheet_xml(fh: IO[bytes], sheet: str, limit: int) -> Extent:
    state = _Scan()
    declared: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "c":
            m = _REF_RE.match(attrs.get("r", ""))
            if m:
                state.col, state.row = _column_number(m.group(1)), int(m.group(2))
            else:
                state.col += 1
            state.cell = (state.row, state.col)
        elif tag in ("v", "is", "f"):
            if state.cell is not None:
                row, col = state.cell
                state.cell = None
                if row > state.rows or col > state.cols:
                    state.rows, state.cols = max(state.rows, row), max(state.cols, col)
                    if state.rows * state.cols > limit:
                        raise _Over
        elif tag == "row":
            r = attrs.get("r", "")
            state.row = int(r) if r.isdigit() and len(r) <= 7 else state.row + 1
            state.col, state.cell = 0, None
        elif tag == "dimension":
            declared.append(attrs.get("ref", ""))

    parser = _safe_parser()
    parser.StartElementHandler = start
    try:
        _feed(parser, fh)
    except _Over:
        pass
    return Extent(sheet, state.rows, state.cols, declared[0] if declared else None)


# Cells as Excel, WPS and openpyxl write them, r= first: counted with bytes.count and one
# regex, at C speed (a Python callback per cell cost 8 us: 3 s for a 20,000-row sheet). A
# cell written otherwise sends the sheet to the full parser. `[^>/]*>` skips self-closing
# cells, which hold nothing (no attribute of a cell contains a slash).
_CELL_RE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
_DIMENSION_RE = re.compile(rb'<(?:[\w.-]+:)?dimension\s[^>]*?\bref="([^"]*)"')


def _scan_sheet_fast(fh: IO[bytes], sheet: str, limit: int) -> Extent | None:
    """The extent from cell references; None when some cell has no r= (position implied)."""
    rows = cols = 0
    declared: str | None = None
    carry = b""
    while True:
        chunk = fh.read(_CHUNK)
        data = carry + chunk
        cut = data.rfind(b"<") if chunk else len(data)
        data, carry = data[:cut], data[cut:]
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise Hostile("DTD or entity declaration in a spreadsheet part")
        if declared is None and (m := _DIMENSION_RE.search(data)):
            declared = m.group(1).decode("ascii", "replace")
        tags = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        if tags != data.count(b'<c r="') or b":c " in data or b":c>" in data:
            return None
        cells = _CELL_RE.findall(data)
        if cells:
            rows = max(rows, *map(int, {r for _, r in cells}))
            cols = max(cols, *map(_column_number, {c.decode() for c, _ in cells}))
            if rows * cols > limit:
                break
        if not chunk:
            break
    return Extent(sheet, rows, cols, declared)


def _records_xlsb(fh: IO[bytes], keep: int = 16) -> Iterator[tuple[int, bytes]]:
    """(record type, body) of a BIFF12 stream, read a chunk at a time; each body is cut to
    its first `keep` bytes (the fields the scans read are at the start)."""
    buf = b""
    pos = 0
    eof = False

    def need(n: int) -> bool:
        nonlocal buf, pos, eof
        while len(buf) - pos < n and not eof:
            chunk = fh.read(max(_CHUNK, n))
            eof = not chunk
            buf = buf[pos:] + chunk
            pos = 0
        return len(buf) - pos >= n

    def varint(max_bytes: int) -> int | None:
        nonlocal pos
        value = 0
        for i in range(max_bytes):
            if not need(1):
                return None
            byte = buf[pos]
            pos += 1
            value |= (byte & 0x7F) << (7 * i)
            if not byte & 0x80:
                break
        return value

    while True:
        rtype = varint(2)
        size = varint(4)
        if rtype is None or size is None or not need(size):
            return
        body = buf[pos : pos + min(size, keep)]
        pos += size
        yield rtype, body


def _scan_sheet_bin(fh: IO[bytes], sheet: str, limit: int) -> Extent:
    rows = cols = row = 0
    declared = None
    for rtype, body in _records_xlsb(fh):
        if rtype == 0 and len(body) >= 4:  # BrtRowHdr
            row = struct.unpack_from("<I", body)[0] + 1
        elif 2 <= rtype <= 11 and len(body) >= 4:  # BrtCellRk .. BrtFmlaError (not Blank)
            col = struct.unpack_from("<I", body)[0] + 1
            rows, cols = max(rows, row), max(cols, col)
            if rows * cols > limit:
                break
        elif rtype == 148 and len(body) >= 16:  # BrtWsDim
            r0, r1, c0, c1 = struct.unpack_from("<4I", body)
            declared = f"{column_letters(c0 + 1)}{r0 + 1}:{column_letters(c1 + 1)}{r1 + 1}"
    return Extent(sheet, rows, cols, declared)


def xlsx_extents(payload: bytes, limit: int) -> list[Extent]:
    """Every worksheet's extent; a scan stops once a sheet is over `limit` cells."""
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        out = []
        for sheet, part in _xlsx_parts(zf):
            scan: Callable[[IO[bytes], str, int], Extent]
            scan = _scan_sheet_bin if part.endswith(".bin") else _scan_sheet_xml
            fast = None
            if part.endswith(".xml"):
                with zf.open(part) as fh:
                    fast = _scan_sheet_fast(fh, sheet, limit)
            if fast is None:
                with zf.open(part) as fh:
                    fast = scan(fh, sheet, limit)
            out.append(fast)
            if out[-1].cells > limit:
                break
        return out


# --------------------------------------------------------------------------- xls (BIFF8)

_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
# NUMBER RK LABELSST LABEL BOOLERR FORMULA RSTRING: row u16, col u16 first.
_BIFF_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}
_MULRK = 0x00BD  # row, first col, ..., last col (u16 at the end)


@dataclass
class _BiffSheet:
    sheet: str
    rows: int = 0
    cols: int = 0
    declared: str | None = None

    def extent(self) -> Extent:
        return Extent(self.sheet, self.rows, self.cols, self.declared)


def _biff_cell(rtype: int, body: bytes, size: int) -> tuple[int, int] | None:
    """(row, last column) of a cell record, 0-based; None for any other record."""
    if rtype in _BIFF_CELLS and len(body) >= 4:
        row, col = struct.unpack_from("<HH", body)
        return row, col
    if rtype == _MULRK and len(body) >= 6:
        return struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, size - 2)[0]
    return None


def _biff_dimensions(body: bytes) -> str | None:
    r0, r1, c0, c1 = struct.unpack_from("<IIHH", body)
    if r1 > r0 and c1 > c0:
        return f"{column_letters(c0 + 1)}{r0 + 1}:{column_letters(c1)}{r1}"
    return None


def _boundsheet(body: bytes) -> tuple[int, str]:
    """(stream offset of the sheet's BOF, its name) of a BOUNDSHEET record."""
    offset, cch, high = struct.unpack_from("<I", body)[0], body[6], body[7] & 1
    raw = body[8 : 8 + cch * (2 if high else 1)]
    return offset, raw.decode("utf-16-le" if high else "latin-1", "replace")


def _workbook_stream(payload: bytes) -> bytes | None:
    try:
        with olefile.OleFileIO(payload) as ole:
            stream = next(
                (s for s in ("Workbook", "Book", "workbook", "book") if ole.exists(s)), None
            )
            return ole.openstream(stream).read() if stream else b""
    except Exception:  # noqa: BLE001 - a damaged container is the reader's to report
        return None


def _biff_records(data: bytes) -> Iterator[tuple[int, int, int, bytes]]:
    """(position, record type, size, body) of every BIFF record in the stream."""
    pos = 0
    while pos + 4 <= len(data):
        rtype, size = struct.unpack_from("<HH", data, pos)
        yield pos, rtype, size, data[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _sheet_record(current: _BiffSheet, rtype: int, size: int, body: bytes, limit: int) -> bool:
    """Count one record of a worksheet's substream; True once the sheet is over `limit`."""
    if rtype == _DIMENSIONS and len(body) >= 12:
        current.declared = _biff_dimensions(body) or current.declared
        return False
    cell = _biff_cell(rtype, body, size)
    if cell is None:
        return False
    current.rows = max(current.rows, cell[0] + 1)
    current.cols = max(current.cols, cell[1] + 1)
    return current.rows * current.cols > limit


def xls_extents(payload: bytes, limit: int) -> list[Extent]:
    """Every worksheet's extent in an OLE2 .xls; [] when the stream cannot be found."""
    data = _workbook_stream(payload)
    if data is None:
        return []
    names: dict[int, str] = {}
    out: list[Extent] = []
    current: _BiffSheet | None = None
    depth = 0
    for pos, rtype, size, body in _biff_records(data):
        if rtype == _BOF:
            depth += 1
            if depth == 1 and pos in names:
                current = _BiffSheet(names[pos])
        elif rtype == _EOF:
            depth = max(depth - 1, 0)
            if depth == 0 and current is not None:
                out.append(current.extent())
                if out[-1].cells > limit:
                    return out
                current = None
        elif rtype == _BOUNDSHEET and len(body) >= 8:
            offset, name = _boundsheet(body)
            names[offset] = name
        elif (
            current is not None and depth == 1 and _sheet_record(current, rtype, size, body, limit)
        ):
            out.append(Extent(current.sheet, current.rows, current.cols, None))
            return out
    return out


# --------------------------------------------------------------------------- error values

# python-calamine reads an Excel error value (#VALUE!, a broken formula's cached result) as an
# empty cell, so a cell the clerk must fix would pass as "not filled in". They are found here
# in the file itself and put back into the grid by the reader.
ErrorCells = dict[str, dict[tuple[int, int], str]]  # sheet -> (row, col), 0-based -> "#VALUE!"

# [MS-XLS] 2.5.90 BErr / [MS-XLSB] 2.5.97.2: the error codes of BIFF8 and BIFF12 alike.
_ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!"}
_ERROR_CODES |= {0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_BOOLERR, _FORMULA = 0x0205, 0x0006
_XML_CELL_RE = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_ATTR_RE = re.compile(rb'\b(r|t)="([^"]*)"')
_VALUE_RE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)</")


def _xml_error_cells(fh: IO[bytes]) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    carry = b""
    while True:
        chunk = fh.read(_CHUNK)
        data = carry + chunk
        # Cells do not nest: everything before the last cell's start tag is whole cells.
        cut = max(data.rfind(b"<c "), data.rfind(b":c ")) if chunk else len(data)
        cut = len(data) if cut < 0 else cut
        data, carry = data[:cut], data[cut:]
        if b't="e"' in data:
            for m in _XML_CELL_RE.finditer(data):
                attrs = dict(_ATTR_RE.findall(m.group(1)))
                ref = _REF_RE.match(attrs.get(b"r", b"").decode("ascii", "replace"))
                value = _VALUE_RE.search(m.group(2) or b"")
                if attrs.get(b"t") == b"e" and ref and value:
                    cell = (int(ref.group(2)) - 1, _column_number(ref.group(1)) - 1)
                    found[cell] = value.group(1).decode("utf-8", "replace").strip()
        if not chunk:
            return found


def _bin_error_cells(fh: IO[bytes]) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    row = 0
    for rtype, body in _records_xlsb(fh):
        if rtype == 0 and len(body) >= 4:  # BrtRowHdr
            row = struct.unpack_from("<I", body)[0]
        elif rtype in (3, 11) and len(body) >= 9:  # BrtCellError, BrtFmlaError
            col = struct.unpack_from("<I", body)[0]
            found[(row, col)] = _ERROR_CODES.get(body[8], "#VALUE!")
    return found


def _biff_error(rtype: int, body: bytes) -> tuple[int, int, str] | None:
    """(row, col, error text) of a BOOLERR or FORMULA record holding an error value."""
    if rtype == _BOOLERR and len(body) >= 8 and body[7] == 1:
        row, col = struct.unpack_from("<HH", body)
        return row, col, _ERROR_CODES.get(body[6], "#VALUE!")
    # FORMULA: the cached result's last two bytes are 0xFFFF for a non-number, byte 0 its kind.
    if rtype == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
        row, col = struct.unpack_from("<HH", body)
        return row, col, _ERROR_CODES.get(body[8], "#VALUE!")
    return None


def _xls_error_cells(payload: bytes) -> ErrorCells:
    data = _workbook_stream(payload)
    names: dict[int, str] = {}
    out: ErrorCells = {}
    sheet: str | None = None
    depth = 0
    for pos, rtype, _size, body in _biff_records(data or b""):
        if rtype == _BOF:
            depth += 1
            sheet = names.get(pos) if depth == 1 else sheet
        elif rtype == _EOF:
            depth = max(depth - 1, 0)
            sheet = None if depth == 0 else sheet
        elif rtype == _BOUNDSHEET and len(body) >= 8:
            offset, name = _boundsheet(body)
            names[offset] = name
        elif sheet is not None and depth == 1 and (err := _biff_error(rtype, body)):
            out.setdefault(sheet, {})[(err[0], err[1])] = err[2]
    return out


def error_cells(payload: bytes) -> ErrorCells:
    """The error-valued cells of every sheet of an xlsx, xlsb or xls ({} when there are none)."""
    if payload.startswith(b"\xd0\xcf\x11\xe0"):
        return _xls_error_cells(payload)
    out: ErrorCells = {}
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        for sheet, part in _xlsx_parts(zf):
            with zf.open(part) as fh:
                found = _bin_error_cells(fh) if part.endswith(".bin") else _xml_error_cells(fh)
            if found:
                out[sheet] = found
    return out
