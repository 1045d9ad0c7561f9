"""More byte writers for the second unseen corpus (cases2.py): Excel binary workbooks (.xlsb),
password-protected .xlsx (ECMA-376 agile encryption, as Excel 2010+ writes it), and .xlsx with
hidden columns. Deterministic like writers.py: the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile

from writers import PINNED, ExcelError, Grid, pin_zip, xlsx_bytes

# --- .xlsx with hidden columns / sheets -------------------------------------------------------


def xlsx_hidden(
    grids: list[Grid],
    hidden_cols: dict[str, tuple[int, ...]] | None = None,
    hidden_sheets: tuple[str, ...] = (),
) -> bytes:
    """xlsx_bytes, then the named columns (1-based) hidden the way a clerk hides them."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    data = xlsx_bytes(grids, hidden=hidden_sheets)
    if not hidden_cols:
        return data
    wb = load_workbook(io.BytesIO(data))
    for sheet, cols in hidden_cols.items():
        ws = wb[sheet]
        for c in cols:
            ws.column_dimensions[get_column_letter(c)].hidden = True
    wb.properties.created = PINNED
    wb.properties.modified = PINNED
    buf = io.BytesIO()
    wb.save(buf)
    return pin_zip(buf.getvalue())


# --- password-protected .xlsx ----------------------------------------------------------------


def encrypted_xlsx(plain: bytes, password: str, seed: str) -> bytes:
    """The workbook as Excel saves it with 文件 → 用密码进行加密: a compound file holding
    EncryptionInfo and EncryptedPackage. msoffcrypto draws its salts and key from `secrets`;
    they are drawn here from a seeded generator so that the bytes are reproducible."""
    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    class _Pinned(dt.datetime):  # the container stamps its directory entries with now()
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> _Pinned:  # type: ignore[override]
            return cls(2021, 5, 31, 18, 0, 0)

    rng = random.Random(f"encrypt-{seed}")
    original, clock = agile._random_buffer, container.datetime
    agile._random_buffer = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    container.datetime = _Pinned  # type: ignore[misc]
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    finally:
        agile._random_buffer, container.datetime = original, clock
    return out.getvalue()


# --- .xlsb (BIFF12) --------------------------------------------------------------------------

_ERR = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D}
_ERR["#NUM!"], _ERR["#N/A"] = 0x24, 0x2A


def _rec(rid: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: the id as Excel stores it (1 or 2 bytes), a 7-bit varint length."""
    head = bytes([rid]) if rid < 0x80 else bytes([rid & 0xFF, rid >> 8])
    n, size = len(data), b""
    while True:
        byte = n & 0x7F
        n >>= 7
        size += bytes([byte | (0x80 if n else 0)])
        if not n:
            break
    return head + size + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _serial(value: dt.date) -> float:
    return float((value - dt.date(1899, 12, 30)).days)


def xlsb_bytes(grids: list[Grid]) -> bytes:
    """An Excel binary workbook: workbook.bin, one sheetN.bin per grid, sharedStrings.bin.
    Merges are not written (BrtMergeCell is optional); dates are serial numbers."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def sst(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    sheets: list[bytes] = []
    for grid in grids:
        ncols = max((len(r) for r in grid.rows), default=1)
        nrows = max(len(grid.rows), 1)
        body = _rec(0x0181)  # BrtBeginSheet
        body += _rec(0x0194, struct.pack("<IIII", 0, nrows - 1, 0, ncols - 1))  # BrtWsDim
        body += _rec(0x0191)  # BrtBeginSheetData
        for r, row in enumerate(grid.rows):
            cells = b""
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                head = struct.pack("<II", c, 0)
                if isinstance(value, ExcelError):
                    cells += _rec(0x0003, head + bytes([_ERR[value.code]]))  # BrtCellError
                elif isinstance(value, bool):
                    cells += _rec(0x0004, head + bytes([int(value)]))
                elif isinstance(value, int | float):
                    cells += _rec(0x0005, head + struct.pack("<d", float(value)))  # BrtCellReal
                elif isinstance(value, dt.date):
                    cells += _rec(0x0005, head + struct.pack("<d", _serial(value)))
                else:
                    cells += _rec(0x0007, head + struct.pack("<I", sst(str(value))))  # BrtCellIsst
            if cells:
                # BrtRowHdr: rw, ixfe, miyRw, flags, ccolspan (0: no span hints)
                body += _rec(0x0000, struct.pack("<IIHBHI", r, 0, 300, 0, 0, 0)) + cells
        body += _rec(0x0192)  # BrtEndSheetData
        body += _rec(0x0182)  # BrtEndSheet
        sheets.append(body)

    book = _rec(0x0183) + _rec(0x018F)  # BrtBeginBook, BrtBeginBundleShs
    for i, grid in enumerate(grids, start=1):
        book += _rec(0x019C, struct.pack("<II", 0, i) + _wide(f"rId{i}") + _wide(grid.name))
    book += _rec(0x0190) + _rec(0x0184)
    sst_bin = _rec(0x019F, struct.pack("<II", len(strings), len(strings)))
    for text in strings:
        sst_bin += _rec(0x0013, b"\0" + _wide(text))
    sst_bin += _rec(0x01A0)

    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.bin" '
            'ContentType="application/vnd.ms-excel.worksheet"/>'
            for i in range(1, len(grids) + 1)
        )
        + '<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.bin"/>'
            for i in range(1, len(grids) + 1)
        )
        + f'<Relationship Id="rId{len(grids) + 1}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.bin"/>'
        "</Relationships>"
    )
    parts: list[tuple[str, bytes]] = [
        ("[Content_Types].xml", ct.encode()),
        ("_rels/.rels", rels.encode()),
        ("xl/workbook.bin", book),
        ("xl/_rels/workbook.bin.rels", wb_rels.encode()),
        *((f"xl/worksheets/sheet{i}.bin", s) for i, s in enumerate(sheets, start=1)),
        ("xl/sharedStrings.bin", sst_bin),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=PINNED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
    return out.getvalue()
