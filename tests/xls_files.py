"""Legacy .xls (BIFF8, Excel 97-2003) files for the tests, written by xlwt.

xlwt is a dev dependency: the runtime only reads .xls (python-calamine, xlrd), so the writer
lives with the tests. The demo's one .xls is built here once and kept in the package
(`python tests/xls_files.py` rebuilds it; tests/test_demo_files.py checks it is current).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlwt
from openpyxl.utils.cell import range_boundaries
from xlwt.CompoundDoc import XlsDoc

REPO = Path(__file__).resolve().parents[1]
DEMO_XLS = REPO / "src" / "jinxiao" / "samples" / "data" / "datong_registry.xls"

# Built-in number format 14 (M/D/YY) is the locale's short date: a date cell for every reader.
_DATE = xlwt.easyxf(num_format_str="M/D/YY")
_PLAIN = xlwt.easyxf("")

_BOF, _EOF, _BOUNDSHEET, _EXTSST, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x00FF, 0x002F


def xls_bytes(
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    merges: Iterable[str] = (),
    extra_sheets_before: Iterable[str] = (),
    hidden_sheets: Iterable[str] = (),
    encrypted: bool = False,
) -> bytes:
    """A BIFF8 .xls with `rows` on sheet `sheet`; dates become date cells.

    `merges` are A1 ranges; as in Excel, a merged range keeps only its top-left cell's value.
    `encrypted` adds the FILEPASS record an open password puts in the workbook globals
    (cell data is left readable: the record alone is what readers must react to).
    """
    hidden = set(hidden_sheets)
    names = [*extra_sheets_before, sheet]
    wb = xlwt.Workbook(encoding="utf-8")
    for name in names:
        ws = wb.add_sheet(name)
        ws.visibility = int(name in hidden)
        if name == sheet:
            _write_grid(ws, rows, list(merges))
    wb.active_sheet = names.index(sheet)  # Excel never opens on a hidden sheet
    stream = wb.get_biff_data()
    if encrypted:
        stream = _with_filepass(stream)
    out = io.BytesIO()
    XlsDoc().save(out, stream)
    return out.getvalue()


def _write_grid(ws, rows: Sequence[Sequence[object]], merges: list[str]) -> None:
    covered: set[tuple[int, int]] = set()
    for rng in merges:
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        r1, c1 = min_row - 1, min_col - 1
        first = rows[r1][c1] if r1 < len(rows) and c1 < len(rows[r1]) else None
        value, style = _cell(first)
        ws.write_merge(r1, max_row - 1, c1, max_col - 1, "" if value is None else value, style)
        covered |= {(r, c) for r in range(r1, max_row) for c in range(c1, max_col)}
    for r, row in enumerate(rows):
        for c, raw in enumerate(row):
            value, style = _cell(raw)
            if value is not None and (r, c) not in covered:
                ws.write(r, c, value, style)


def _cell(value: object) -> tuple[object, xlwt.XFStyle]:
    """What xlwt writes for a grid value: None for an empty cell, str for anything else odd."""
    if value is None or value == "":
        return None, _PLAIN
    if isinstance(value, dt.date):  # datetime too: a serial with a fraction
        return value, _DATE
    if isinstance(value, bool | int | float):
        return value, _PLAIN
    return str(value), _PLAIN


def globals_records(stream: bytes):
    """(offset, type, length) of each record of a Workbook stream's globals, up to its EOF."""
    pos = 0
    while pos < len(stream):
        rtype, length = struct.unpack_from("<HH", stream, pos)
        yield pos, rtype, length
        if rtype == _EOF:
            return
        pos += 4 + length


def _with_filepass(stream: bytes) -> bytes:
    """`stream` with an RC4 FILEPASS record right after the globals BOF (MS-XLS 2.4.117).

    Everything after it moves, so the absolute stream offsets xlwt wrote (each BOUNDSHEET's
    sheet position, each EXTSST bucket's SST position) move with it.
    """
    # RC4 header (version 1.1): salt, encrypted verifier and its hash. Their values do not
    # matter to a reader that only needs to know the workbook is protected.
    body = struct.pack("<HHH", 1, 1, 1) + bytes(range(48))
    filepass = struct.pack("<HH", _FILEPASS, len(body)) + body
    shift = len(filepass)
    out = bytearray(stream)
    for pos, rtype, length in globals_records(stream):
        if rtype == _BOUNDSHEET:
            (offset,) = struct.unpack_from("<I", stream, pos + 4)
            struct.pack_into("<I", out, pos + 4, offset + shift)
        elif rtype == _EXTSST:
            for bucket in range(pos + 6, pos + 4 + length, 8):
                (offset,) = struct.unpack_from("<I", stream, bucket)
                struct.pack_into("<I", out, bucket, offset + shift)
    bof_rtype, bof_len = struct.unpack_from("<HH", stream, 0)
    assert bof_rtype == _BOF
    return bytes(out[: 4 + bof_len]) + filepass + bytes(out[4 + bof_len :])


def demo_xls() -> bytes:
    """The .xls 大同 sends in the demo (jobs/demo.py): a messy registry, as a clerk's old Excel
    saves it."""
    from jinxiao.samples.files import registry_rows

    return xls_bytes(registry_rows("大同市", 6, messy=True, seed=2))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    DEMO_XLS.parent.mkdir(parents=True, exist_ok=True)
    DEMO_XLS.write_bytes(demo_xls())
    print(f"wrote {DEMO_XLS.relative_to(REPO)}")
