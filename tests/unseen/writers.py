"""Byte writers for the unseen corpus: xlsx, xls, docx, HTML, TNEF winmail.dat, Outlook .msg.

Every writer is deterministic: the same grid gives the same bytes (zip entry times and the
Office core properties are pinned, CFB directory times are zero), because the corpus is
compared byte for byte across runs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from html import escape

PINNED = dt.datetime(2021, 4, 20, 9, 30, 0)


@dataclass(frozen=True)
class ExcelError:
    """A cell holding an Excel error value such as #VALUE! (a broken formula's cached result)."""

    code: str


@dataclass
class Grid:
    """One sheet (or one Word/HTML table): rows of cell values, 1-based merges (r1, c1, r2, c2)."""

    name: str
    rows: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    date_format: str = "yyyy/m/d"


# --- zip-based Office files -----------------------------------------------------------------

_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pin_zip(data: bytes, when: dt.datetime = PINNED) -> bytes:
    """Rewrite an OOXML zip with fixed entry times and fixed created/modified properties."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            pinned = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            dst.writestr(pinned, body)
    return out.getvalue()


def xlsx_bytes(grids: list[Grid], hidden: tuple[str, ...] = ()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="center")
    for grid in grids:
        ws = wb.create_sheet(grid.name)
        for r, row in enumerate(grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, ExcelError):
                    cell.value = value.code
                else:
                    cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = grid.date_format
                cell.alignment = wrap
        for r1, c1, r2, c2 in grid.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for c, w in grid.widths.items():
            ws.column_dimensions[get_column_letter(c)].width = w
        if grid.name in hidden:
            ws.sheet_state = "hidden"
    wb.properties.creator = "Administrator"
    wb.properties.created = PINNED
    buf = io.BytesIO()
    wb.save(buf)
    return pin_zip(buf.getvalue())


def xls_bytes(grids: list[Grid]) -> bytes:
    """A BIFF8 .xls via xlwt (the format older WPS/Excel installs still save by default)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    plain = xlwt.easyxf("alignment: wrap on, vert centre")
    date_style = xlwt.easyxf("alignment: wrap on", num_format_str="yyyy/m/d")
    for grid in grids:
        ws = wb.add_sheet(grid.name, cell_overwrite_ok=True)
        merged_tails = set()
        for r1, c1, r2, c2 in grid.merges:
            first = grid.rows[r1 - 1][c1 - 1] if c1 - 1 < len(grid.rows[r1 - 1]) else None
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, _xls_value(first), plain)
            merged_tails.update(
                (r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)
            )
            merged_tails.add((r1, c1))
        for r, row in enumerate(grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                if (r, c) in merged_tails or value is None or value == "":
                    continue
                if isinstance(value, ExcelError):
                    # By its BIFF code: xlwt's own table maps "#VALUE!" to #NUM!'s code (36).
                    ws.row(r - 1).set_cell_error(c - 1, _BIFF_ERROR[value.code])
                elif isinstance(value, dt.date):
                    ws.write(r - 1, c - 1, value, date_style)
                else:
                    ws.write(r - 1, c - 1, value, plain)
        for c, w in grid.widths.items():
            ws.col(c - 1).width = int(w * 256)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_BIFF_ERROR = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D}
_BIFF_ERROR.update({"#NUM!": 0x24, "#N/A": 0x2A})


def _xls_value(value: object) -> object:
    return "" if value is None or isinstance(value, ExcelError) else value


@dataclass(frozen=True)
class Para:
    text: str
    style: str | None = None  # a python-docx built-in style name, e.g. "Heading 1"
    bold: bool = False
    center: bool = False


def docx_bytes(blocks: list[Para | Grid]) -> bytes:
    """A Word document of paragraphs and tables; a Grid's merges become merged table cells."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for block in blocks:
        if isinstance(block, Para):
            p = doc.add_paragraph(style=block.style) if block.style else doc.add_paragraph()
            run = p.add_run(block.text)
            run.bold = block.bold
            if block.center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        ncols = max(len(r) for r in block.rows)
        table = doc.add_table(rows=len(block.rows), cols=ncols)
        table.style = "Table Grid"
        covered = set()
        for r1, c1, r2, c2 in block.merges:
            covered.update(
                (r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)
            )
        for r, row in enumerate(block.rows, start=1):
            for c in range(1, ncols + 1):
                value = row[c - 1] if c - 1 < len(row) else None
                if (r, c) in covered or value is None:
                    continue
                table.cell(r - 1, c - 1).text = _docx_text(value)
        for r1, c1, r2, c2 in block.merges:
            table.cell(r1 - 1, c1 - 1).merge(table.cell(r2 - 1, c2 - 1))
    doc.core_properties.author = "Administrator"
    doc.core_properties.created = PINNED
    doc.core_properties.modified = PINNED
    buf = io.BytesIO()
    doc.save(buf)
    return pin_zip(buf.getvalue())


def _docx_text(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, ExcelError):
        return value.code
    return str(value)


def html_table(grid: Grid) -> str:
    """A table as Excel puts it on the clipboard and a mail client pastes it into a message."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered = set()
    for r1, c1, r2, c2 in grid.merges:
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered.update(
            (r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)
        )
    ncols = max(len(r) for r in grid.rows)
    out = [
        '<table border="0" cellpadding="0" cellspacing="0" width="960" '
        'style="border-collapse:collapse;width:720pt">'
    ]
    for r, row in enumerate(grid.rows, start=1):
        out.append(' <tr height="36" style="height:27.0pt">')
        for c in range(1, ncols + 1):
            if (r, c) in covered:
                continue
            value = row[c - 1] if c - 1 < len(row) else None
            rs, cs = spans.get((r, c), (1, 1))
            attrs = ' class="xl65"'
            if rs > 1:
                attrs += f' rowspan="{rs}"'
            if cs > 1:
                attrs += f' colspan="{cs}"'
            if isinstance(value, int | float) and not isinstance(value, bool):
                attrs += f' x:num="{value}"'
            text = "" if value is None else escape(_docx_text(value))
            text = text.replace("\xa0", "&nbsp;") or "&nbsp;"
            out.append(f"  <td{attrs}>{text}</td>")
        out.append(" </tr>")
    out.append("</table>")
    return "\n".join(out)


# --- TNEF (winmail.dat) --------------------------------------------------------------------

_TNEF_SIGNATURE = 0x223E9F78
_LVL_MESSAGE, _LVL_ATTACHMENT = 0x01, 0x02


def _tnef_attr(level: int, attr_id: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)


def _mapi_unicode(prop_id: int, text: str) -> bytes:
    body = text.encode("utf-16-le") + b"\0\0"
    pad = (-len(body)) % 4
    return struct.pack("<HHII", 0x001F, prop_id, 1, len(body)) + body + b"\0" * pad


def _mapi_long(prop_id: int, value: int) -> bytes:
    return struct.pack("<HHI", 0x0003, prop_id, value)


def tnef_bytes(subject: str, files: list[tuple[str, bytes]], codepage: int = 936) -> bytes:
    """winmail.dat as Outlook writes it for rich-text mail: each file with its OEM-codepage
    title and its Unicode long file name in the attachment's MAPI properties."""
    enc = f"cp{codepage}"
    out = struct.pack("<IH", _TNEF_SIGNATURE, 0x0001)
    out += _tnef_attr(_LVL_MESSAGE, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += _tnef_attr(_LVL_MESSAGE, 0x00069007, struct.pack("<II", codepage, 0))  # attOemCodepage
    out += _tnef_attr(_LVL_MESSAGE, 0x00078008, b"IPM.Microsoft Mail.Note\0")  # attMessageClass
    out += _tnef_attr(_LVL_MESSAGE, 0x00018004, subject.encode(enc, "replace") + b"\0")
    for name, data in files:
        rend = struct.pack("<HIHHI", 0x0001, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0)
        out += _tnef_attr(_LVL_ATTACHMENT, 0x00069002, rend)  # attAttachRendData
        out += _tnef_attr(_LVL_ATTACHMENT, 0x00018010, name.encode(enc, "replace") + b"\0")
        out += _tnef_attr(_LVL_ATTACHMENT, 0x0006800F, data)  # attAttachData
        props = (
            struct.pack("<I", 3)
            + _mapi_long(0x3705, 1)  # PR_ATTACH_METHOD = ATTACH_BY_VALUE
            + _mapi_unicode(0x3707, name)  # PR_ATTACH_LONG_FILENAME
            + _mapi_unicode(0x3704, name)  # PR_ATTACH_FILENAME
        )
        out += _tnef_attr(_LVL_ATTACHMENT, 0x00069005, props)  # attAttachment
    return out


# --- Compound File Binary + Outlook .msg -----------------------------------------------------

_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    start: int = _END
    size: int = 0


def _cfb_key(entry: _Entry) -> tuple[int, str]:
    return (len(entry.name), entry.name.upper())


def _tree(entries: list[_Entry]) -> int:
    """Link siblings as a balanced binary search tree in CFB order; returns the root's id."""
    if not entries:
        return _NOSTREAM
    mid = len(entries) // 2
    node = entries[mid]
    node.left = _tree(entries[:mid])
    node.right = _tree(entries[mid + 1 :])
    return node.sid


def cfb_bytes(tree: dict[str, object]) -> bytes:
    """A version-3 compound file from a nested dict: bytes are streams, dicts are storages."""
    root = _Entry("Root Entry", 5)

    def build(parent: _Entry, items: dict[str, object]) -> None:
        for name, value in items.items():
            if isinstance(value, dict):
                e = _Entry(name, 1)
                build(e, value)
            else:
                assert isinstance(value, bytes)
                e = _Entry(name, 2, data=value)
            parent.children.append(e)

    build(root, tree)
    flat: list[_Entry] = []

    def number(e: _Entry) -> None:
        e.sid = len(flat)
        flat.append(e)
        for ch in e.children:
            number(ch)

    number(root)
    for e in flat:
        e.children.sort(key=_cfb_key)
        e.child = _tree(e.children)

    # Small streams live in the mini stream (64-byte sectors) kept in the root's chain.
    mini = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for e in flat:
        if e.kind != 2:
            continue
        e.size = len(e.data)
        if e.size == 0:
            e.start = _END
        elif e.size < _CUTOFF:
            n = -(-e.size // _MINI)
            e.start = len(minifat)
            minifat.extend(range(e.start + 1, e.start + n))
            minifat.append(_END)
            mini += e.data + b"\0" * (n * _MINI - e.size)
        else:
            big.append(e)

    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(data: bytes) -> int:
        if not data:
            return _END
        n = -(-len(data) // _SECTOR)
        first = len(sectors)
        padded = data + b"\0" * (n * _SECTOR - len(data))
        for i in range(n):
            sectors.append(padded[i * _SECTOR : (i + 1) * _SECTOR])
            fat.append(first + i + 1 if i < n - 1 else _END)
        return first

    for e in big:
        e.start = chain(e.data)
    root.start = chain(bytes(mini)) if mini else _END
    root.size = len(mini)
    minifat_bytes = b"".join(struct.pack("<I", x) for x in minifat)
    if minifat:
        minifat_bytes += b"\xff" * ((-len(minifat_bytes)) % _SECTOR)
    first_minifat = chain(minifat_bytes) if minifat else _END
    n_minifat = len(minifat_bytes) // _SECTOR

    dir_bytes = b"".join(_dir_entry(e) for e in flat)
    dir_bytes += _dir_entry(None) * ((-len(flat)) % 4)
    first_dir = chain(dir_bytes)

    # The FAT describes itself too: grow it until its own sectors fit.
    n_fat = 1
    while (len(fat) + n_fat) > n_fat * (_SECTOR // 4):
        n_fat += 1
    fat_start = len(sectors)
    fat.extend([_FATSECT] * n_fat)
    fat.extend([_FREE] * (n_fat * (_SECTOR // 4) - len(fat)))
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    for i in range(n_fat):
        sectors.append(fat_bytes[i * _SECTOR : (i + 1) * _SECTOR])
    assert n_fat <= 109

    difat = [fat_start + i for i in range(n_fat)] + [_FREE] * (109 - n_fat)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII", 0, n_fat, first_dir, 0, _CUTOFF, first_minifat, n_minifat, _END, 0
        )
        + b"".join(struct.pack("<I", x) for x in difat)
    )
    assert len(header) == _SECTOR
    return header + b"".join(sectors)


def _dir_entry(e: _Entry | None) -> bytes:
    if e is None:
        return (
            b"\0" * 64
            + struct.pack("<HBBIII", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM)
            + (b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", 0, 0))
        )
    name = e.name.encode("utf-16-le") + b"\0\0"
    assert len(name) <= 64
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(name), e.kind, 1, e.left, e.right, e.child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modified time: zero keeps the bytes reproducible
        + struct.pack("<IQ", e.start if e.kind != 1 else 0, e.size)
    )


_PT_LONG, _PT_BOOL, _PT_UNICODE, _PT_BINARY, _PT_TIME = 0x0003, 0x000B, 0x001F, 0x0102, 0x0040


def _props_stream(
    header: bytes, fixed: list[tuple[int, int, bytes]], var: dict[int, bytes]
) -> bytes:
    """A __properties_version1.0 stream: fixed values inline, variable ones by size."""
    out = header
    for tag, _flags, value in fixed:
        out += struct.pack("<II", tag, 0x06) + value.ljust(8, b"\0")
    for tag, data in var.items():
        ptype = tag & 0xFFFF
        size = len(data) + (2 if ptype == _PT_UNICODE else 0)
        out += struct.pack("<IIII", tag, 0x06, size, 0)
    return out


def _filetime(when: dt.datetime) -> bytes:
    epoch = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
    return struct.pack("<Q", int((when - epoch).total_seconds() * 10_000_000))


def msg_bytes(
    *,
    subject: str,
    sender_name: str,
    sender_email: str,
    to_email: str,
    body: str,
    sent: dt.datetime,
    headers: str,
    files: list[tuple[str, bytes, str]],
) -> bytes:
    """An Outlook .msg ([MS-OXMSG]): message properties, one recipient, attachments by value."""

    def uni(text: str) -> bytes:
        return text.encode("utf-16-le")

    def substg(tag: int) -> str:
        return f"__substg1.0_{tag:08X}"

    top_var = {
        0x001A001F: uni("IPM.Note"),
        0x0037001F: uni(subject),
        0x0E1D001F: uni(subject),  # PR_NORMALIZED_SUBJECT
        0x1000001F: uni(body),
        0x0C1A001F: uni(sender_name),
        0x0C1F001F: uni(sender_email),
        0x0C1E001F: uni("SMTP"),
        0x0042001F: uni(sender_name),
        0x0065001F: uni(sender_email),
        0x0E04001F: uni(to_email),  # PR_DISPLAY_TO
        0x007D001F: uni(headers),  # PR_TRANSPORT_MESSAGE_HEADERS
    }
    top_fixed = [
        (0x0E070003, 6, struct.pack("<I", 0x01 | (0x10 if files else 0))),  # PR_MESSAGE_FLAGS
        (0x00390040, 6, _filetime(sent)),  # PR_CLIENT_SUBMIT_TIME
        (0x0E060040, 6, _filetime(sent)),  # PR_MESSAGE_DELIVERY_TIME
        (0x3FDE0003, 6, struct.pack("<I", 65001)),  # PR_INTERNET_CPID
    ]
    header = b"\0" * 8 + struct.pack("<IIII", 1, len(files), 1, len(files)) + b"\0" * 8
    tree: dict[str, object] = {
        "__nameid_version1.0": {
            substg(0x00020102): b"",
            substg(0x00030102): b"",
            substg(0x00040102): b"",
        },
        "__properties_version1.0": _props_stream(header, top_fixed, top_var),
    }
    for tag, data in top_var.items():
        tree[substg(tag)] = data
    recip_var = {
        0x3001001F: uni(to_email),
        0x3003001F: uni(to_email),
        0x3002001F: uni("SMTP"),
        0x39FE001F: uni(to_email),
    }
    recip_fixed = [(0x0C150003, 6, struct.pack("<I", 1))]  # PR_RECIPIENT_TYPE = To
    recip: dict[str, object] = {
        "__properties_version1.0": _props_stream(b"\0" * 8, recip_fixed, recip_var)
    }
    for tag, data in recip_var.items():
        recip[substg(tag)] = data
    tree["__recip_version1.0_#00000000"] = recip
    for n, (name, data, mime) in enumerate(files):
        att_var = {
            0x3707001F: uni(name),  # PR_ATTACH_LONG_FILENAME
            0x3704001F: uni(name),  # PR_ATTACH_FILENAME
            0x3001001F: uni(name),  # PR_DISPLAY_NAME
            0x370E001F: uni(mime),  # PR_ATTACH_MIME_TAG
            0x37010102: data,  # PR_ATTACH_DATA_BIN
        }
        att_fixed = [
            (0x37050003, 6, struct.pack("<I", 1)),  # PR_ATTACH_METHOD = by value
            (0x0E210003, 6, struct.pack("<I", n)),  # PR_ATTACH_NUM
        ]
        att: dict[str, object] = {
            "__properties_version1.0": _props_stream(b"\0" * 8, att_fixed, att_var)
        }
        for tag, value in att_var.items():
            att[substg(tag)] = value
        tree[f"__attach_version1.0_#{n:08X}"] = att
    return cfb_bytes(tree)
