"""Writes the binary files of tests/clients (see README.md): run it to rebuild them.

    PYTHONPATH=$PWD/src /work/main/.venv/bin/python tests/clients/make_files.py

Every file is byte-reproducible (fixed times, fixed keys), so a rebuild leaves git clean.
The layouts follow the Microsoft specifications the mail clients implement: [MS-OXTNEF] for
winmail.dat, [MS-OXMSG] over [MS-CFB] for .msg (written with extract-msg's own OLE writer,
not this project's), [MS-XLSB] for the .xlsb. No third-party sample file is copied here.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import quopri
import struct
import zipfile
from pathlib import Path

from compressed_rtf import compress
from extract_msg.ole_writer import OleWriter

from jinxiao.samples import files

HERE = Path(__file__).resolve().parent
PINNED = dt.datetime(2021, 4, 22, 16, 35, 12)

# The tables inside the containers: the official 附件2 as two cities filled it.
LINFEN_ROWS = files.registry_rows("临汾", 4, messy=True, seed=11)
YUNCHENG_ROWS = files.registry_rows("运城", 3, messy=False, seed=5)
JINZHONG_ROWS = files.registry_rows("晋中", 3, messy=True, seed=3)
LINFEN_XLSX = "附件2：临汾市2021年全国消费促进月活动名录.xlsx"
YUNCHENG_XLSX = "附件2：运城市消费促进月重点活动名录（盐湖区报）.xlsx"


def registry_xlsx(rows: list[list[object]]) -> bytes:
    return files.xlsx_bytes(rows, merges=files.registry_merges(len(rows) - 5))


# --- TNEF ([MS-OXTNEF]) ----------------------------------------------------------------------

_LVL_MESSAGE, _LVL_ATTACHMENT = 0x01, 0x02
PT_SHORT, PT_LONG, PT_BOOLEAN, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_BINARY = (
    0x0002,
    0x0003,
    0x000B,
    0x001E,
    0x001F,
    0x0040,
    0x0102,
)


def _attr(level: int, attr_id: int, data: bytes) -> bytes:
    # The checksum is the sum of the data bytes, modulo 65536 ([MS-OXTNEF] 2.1.3.1).
    return (
        struct.pack("<BII", level, attr_id, len(data))
        + data
        + struct.pack("<H", sum(data) & 0xFFFF)
    )


def _dtr(when: dt.datetime) -> bytes:
    # A TNEF date: seven WORDs, the last the day of the week (Sunday = 0).
    return struct.pack(
        "<7H",
        when.year,
        when.month,
        when.day,
        when.hour,
        when.minute,
        when.second,
        (when.weekday() + 1) % 7,
    )


def _filetime(when: dt.datetime) -> bytes:
    delta = when - dt.datetime(1601, 1, 1)
    return struct.pack("<Q", (delta.days * 86400 + delta.seconds) * 10_000_000)


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def _prop(ptype: int, pid: int, value: object, codepage: str = "gbk") -> bytes:
    """One MAPI property as attMAPIProps/attAttachment encode it ([MS-OXTNEF] 2.1.3.4)."""
    head = struct.pack("<HH", ptype, pid)
    if ptype in (PT_SHORT, PT_BOOLEAN):
        return head + struct.pack("<h", int(value)) + b"\0\0"  # padded to 4 bytes
    if ptype == PT_LONG:
        return head + struct.pack("<I", int(value) & 0xFFFFFFFF)
    if ptype == PT_SYSTIME:
        assert isinstance(value, dt.datetime)
        return head + _filetime(value)
    if ptype == PT_UNICODE:
        data = str(value).encode("utf-16-le") + b"\0\0"
    elif ptype == PT_STRING8:
        data = str(value).encode(codepage) + b"\0"
    else:
        assert isinstance(value, bytes)
        data = value
    return head + struct.pack("<II", 1, len(data)) + _pad4(data)


def _props(*props: bytes) -> bytes:
    return struct.pack("<I", len(props)) + b"".join(props)


def tnef_bytes(subject: str, body: str, attached: list[tuple[str, str, bytes, str]]) -> bytes:
    """winmail.dat as Outlook 2016 (Chinese Windows, rich-text mail) writes it.

    `attached` holds (long name, 8.3 name, bytes, MIME type). Outlook writes the title in the
    OEM code page (936), the long name as Unicode and the display name again in 936.
    """
    out = struct.pack("<IH", 0x223E9F78, 0x5A3C)  # signature, legacy key
    out += _attr(_LVL_MESSAGE, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += _attr(_LVL_MESSAGE, 0x00069007, struct.pack("<II", 936, 0))  # attOemCodepage
    out += _attr(_LVL_MESSAGE, 0x00078008, b"IPM.Note\0")  # attMessageClass
    out += _attr(_LVL_MESSAGE, 0x0004800D, struct.pack("<H", 2))  # attPriority: normal
    out += _attr(_LVL_MESSAGE, 0x00018004, subject.encode("gbk") + b"\0")  # attSubject
    out += _attr(_LVL_MESSAGE, 0x00038005, _dtr(PINNED))  # attDateSent
    out += _attr(_LVL_MESSAGE, 0x00038006, _dtr(PINNED))  # attDateRecd
    out += _attr(_LVL_MESSAGE, 0x00068007, b"\x20\x00")  # attMessageStatus
    out += _attr(_LVL_MESSAGE, 0x00018009, b"00000000D2C4A1F0E59B46A8\0")  # attMessageID
    out += _attr(_LVL_MESSAGE, 0x00038020, _dtr(PINNED))  # attDateModified
    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}"
        r"\viewkind4\uc1\pard\lang2052\f0\fs21 " + body.replace("\n", r"\par ") + r"\par}"
    ).encode("gbk")
    out += _attr(
        _LVL_MESSAGE,
        0x00069003,  # attMAPIProps
        _props(
            _prop(PT_LONG, 0x3FDE, 936),  # PR_INTERNET_CPID
            _prop(PT_LONG, 0x3FF1, 2052),  # PR_MESSAGE_LOCALE_ID
            _prop(PT_BOOLEAN, 0x0E1F, 1),  # PR_RTF_IN_SYNC
            _prop(PT_STRING8, 0x1000, body.replace("\n", "\r\n")),  # PR_BODY
            _prop(PT_BINARY, 0x1009, compress(rtf)),  # PR_RTF_COMPRESSED
            _prop(PT_SYSTIME, 0x3007, PINNED),  # PR_CREATION_TIME
        ),
    )
    for n, (long_name, short_name, data, mime) in enumerate(attached):
        rend = struct.pack("<HIhhI", 1, 0xFFFFFFFF, -1, -1, 0)  # a file, not rendered in text
        out += _attr(_LVL_ATTACHMENT, 0x00069002, rend)  # attAttachRendData
        out += _attr(
            _LVL_ATTACHMENT, 0x00018010, short_name.encode("gbk") + b"\0"
        )  # attAttachTitle
        out += _attr(_LVL_ATTACHMENT, 0x00038012, _dtr(PINNED))  # attAttachCreateDate
        out += _attr(_LVL_ATTACHMENT, 0x00038013, _dtr(PINNED))  # attAttachModifyDate
        out += _attr(_LVL_ATTACHMENT, 0x0006800F, data)  # attAttachData
        ext = "." + long_name.rsplit(".", 1)[1]
        out += _attr(
            _LVL_ATTACHMENT,
            0x00069005,  # attAttachment
            _props(
                _prop(PT_LONG, 0x0E20, len(data)),  # PR_ATTACH_SIZE
                _prop(PT_LONG, 0x0E21, n),  # PR_ATTACH_NUM
                _prop(PT_STRING8, 0x3001, long_name),  # PR_DISPLAY_NAME
                _prop(PT_STRING8, 0x3703, ext),  # PR_ATTACH_EXTENSION
                _prop(PT_STRING8, 0x3704, short_name),  # PR_ATTACH_FILENAME
                _prop(PT_LONG, 0x3705, 1),  # PR_ATTACH_METHOD: by value
                _prop(PT_UNICODE, 0x3707, long_name),  # PR_ATTACH_LONG_FILENAME
                _prop(PT_LONG, 0x370B, -1),  # PR_RENDERING_POSITION
                _prop(PT_STRING8, 0x370E, mime),  # PR_ATTACH_MIME_TAG
                _prop(PT_LONG, 0x3714, 0),  # PR_ATTACH_FLAGS
                _prop(PT_BOOLEAN, 0x7FFE, 0),  # PR_ATTACHMENT_HIDDEN
                _prop(PT_SYSTIME, 0x3008, PINNED),  # PR_LAST_MODIFICATION_TIME
            ),
        )
    return out


# --- Outlook .msg ([MS-OXMSG]) ---------------------------------------------------------------


def _substg(tag: int) -> str:
    return f"__substg1.0_{tag:08X}"


def _msg_props(header: bytes, fixed: list[tuple[int, bytes]], strings: dict[int, bytes]) -> bytes:
    """The __properties_version1.0 stream: 16 bytes a property ([MS-OXMSG] 2.4.2)."""
    out = header
    for tag, value in fixed:
        out += struct.pack("<II", tag, 6) + value.ljust(8, b"\0")
    for tag, data in strings.items():
        size = len(data) + (2 if tag & 0xFFFF == PT_UNICODE else 0)
        out += struct.pack("<IIII", tag, 6, size, 0)
    return out


def msg_bytes(
    subject: str, sender: str, sender_name: str, body: str, attached: list[tuple[str, bytes, str]]
) -> bytes:
    """A received mail saved from Outlook ("另存为" .msg): Unicode properties, one recipient,
    files attached by value."""

    def uni(text: str) -> bytes:
        return text.encode("utf-16-le")

    writer = OleWriter(rootClsid=bytes.fromhex("0b0d020000000000c000000000000046"))
    top = {
        0x001A001F: uni("IPM.Note"),
        0x0037001F: uni(subject),
        0x0E1D001F: uni(subject),  # PR_NORMALIZED_SUBJECT
        0x1000001F: uni(body.replace("\n", "\r\n")),
        0x0C1A001F: uni(sender_name),  # PR_SENDER_NAME
        0x0C1E001F: uni("SMTP"),
        0x0C1F001F: uni(sender),  # PR_SENDER_EMAIL_ADDRESS
        0x0042001F: uni(sender_name),  # PR_SENT_REPRESENTING_NAME
        0x0065001F: uni(sender),
        0x0E04001F: uni("运城市商务局"),  # PR_DISPLAY_TO
        0x1035001F: uni("<20210421093512.4F2A@yanhu.example>"),  # PR_INTERNET_MESSAGE_ID
    }
    fixed = [
        (0x0E070003, struct.pack("<I", 0x11)),  # PR_MESSAGE_FLAGS: read, has attachments
        (0x00390040, _filetime(PINNED - dt.timedelta(days=1))),  # PR_CLIENT_SUBMIT_TIME
        (0x0E060040, _filetime(PINNED - dt.timedelta(days=1))),  # PR_MESSAGE_DELIVERY_TIME
        (0x3FDE0003, struct.pack("<I", 936)),  # PR_INTERNET_CPID
        (0x3FF10003, struct.pack("<I", 2052)),  # PR_MESSAGE_LOCALE_ID
    ]
    n = len(attached)
    header = b"\0" * 8 + struct.pack("<IIII", 1, n, 1, n) + b"\0" * 8
    writer.addEntry("__nameid_version1.0", storage=True)
    for tag in (0x00020102, 0x00030102, 0x00040102):
        writer.addEntry(f"__nameid_version1.0/{_substg(tag)}", b"")
    writer.addEntry("__properties_version1.0", _msg_props(header, fixed, top))
    for tag, data in top.items():
        writer.addEntry(_substg(tag), data)
    recip = "__recip_version1.0_#00000000"
    recip_strings = {
        0x3001001F: uni("运城市商务局"),
        0x3002001F: uni("SMTP"),
        0x3003001F: uni("swj@yuncheng.sx.example"),
        0x39FE001F: uni("swj@yuncheng.sx.example"),
    }
    writer.addEntry(recip, storage=True)
    writer.addEntry(
        f"{recip}/__properties_version1.0",
        _msg_props(b"\0" * 8, [(0x0C150003, struct.pack("<I", 1))], recip_strings),
    )
    for tag, data in recip_strings.items():
        writer.addEntry(f"{recip}/{_substg(tag)}", data)
    for i, (name, data, mime) in enumerate(attached):
        att = f"__attach_version1.0_#{i:08X}"
        strings = {
            0x3001001F: uni(name),  # PR_DISPLAY_NAME
            0x3703001F: uni("." + name.rsplit(".", 1)[1]),  # PR_ATTACH_EXTENSION
            0x3704001F: uni(name[:6] + "~1." + name.rsplit(".", 1)[1][:3]),  # PR_ATTACH_FILENAME
            0x3707001F: uni(name),  # PR_ATTACH_LONG_FILENAME
            0x370E001F: uni(mime),  # PR_ATTACH_MIME_TAG
            0x37010102: data,  # PR_ATTACH_DATA_BIN
        }
        att_fixed = [
            (0x37050003, struct.pack("<I", 1)),  # PR_ATTACH_METHOD: by value
            (0x0E210003, struct.pack("<I", i)),  # PR_ATTACH_NUM
            (0x0E200003, struct.pack("<I", len(data))),  # PR_ATTACH_SIZE
            (0x370B0003, struct.pack("<i", -1)),  # PR_RENDERING_POSITION
        ]
        writer.addEntry(att, storage=True)
        writer.addEntry(f"{att}/__properties_version1.0", _msg_props(b"\0" * 8, att_fixed, strings))
        for tag, value in strings.items():
            writer.addEntry(f"{att}/{_substg(tag)}", value)
    out = HERE / ".msg.tmp"
    writer.write(out)
    data = out.read_bytes()
    out.unlink()
    return data


# --- .xlsb ([MS-XLSB]) -----------------------------------------------------------------------


def _rec(rtype: int, data: bytes = b"") -> bytes:
    head = bytes([rtype]) if rtype < 0x80 else bytes([(rtype & 0x7F) | 0x80, rtype >> 7])
    size, enc = len(data), bytearray()
    while True:
        byte, size = size & 0x7F, size >> 7
        enc.append(byte | (0x80 if size else 0))
        if not size:
            break
    return head + bytes(enc) + data


def _wstr(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _excel_serial(day: dt.date) -> float:
    return float((day - dt.date(1899, 12, 30)).days)


def xlsb_bytes(rows: list[list[object]], merges: list[tuple[int, int, int, int]]) -> bytes:
    """One sheet "Sheet1" as Excel 2016 lays out an .xlsb: shared strings, a styles part whose
    second cell format is a date (built-in format 14), row headers, merged ranges."""
    strings: list[str] = []
    index: dict[str, int] = {}
    n_cols = max(len(r) for r in rows)
    sheet = _rec(0x81)  # BrtBeginSheet
    sheet += _rec(0x94, struct.pack("<4I", 0, len(rows) - 1, 0, n_cols - 1))  # BrtWsDim
    sheet += _rec(0x91)  # BrtBeginSheetData
    for r, row in enumerate(rows):
        sheet += _rec(0x00, struct.pack("<IIH3BI2I", r, 0, 300, 0, 0, 0, 1, 0, n_cols - 1))
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet += _rec(0x05, struct.pack("<IId", c, 1, _excel_serial(value)))  # BrtCellReal
            elif isinstance(value, int | float):
                sheet += _rec(0x05, struct.pack("<IId", c, 0, float(value)))
            else:
                text = str(value)
                if text not in index:
                    index[text] = len(strings)
                    strings.append(text)
                sheet += _rec(0x07, struct.pack("<III", c, 0, index[text]))  # BrtCellIsst
    sheet += _rec(0x92)  # BrtEndSheetData
    if merges:
        sheet += _rec(0xB1, struct.pack("<I", len(merges)))  # BrtBeginMergeCells
        for r0, r1, c0, c1 in merges:
            sheet += _rec(0xB0, struct.pack("<4I", r0, r1, c0, c1))  # BrtMergeCell
        sheet += _rec(0xB2)
    sheet += _rec(0x82)  # BrtEndSheet
    sst = _rec(0x9F, struct.pack("<II", len(strings), len(strings)))  # BrtBeginSst
    for text in strings:
        sst += _rec(0x13, b"\0" + _wstr(text))  # BrtSSTItem, plain
    sst += _rec(0xA0)
    font = struct.pack("<HHHHBBBB", 220, 0, 400, 0, 0, 0, 134, 0) + struct.pack(
        "<BBBB", 0x05, 1, 0, 0
    )
    font += b"\0" * 4 + _wstr("宋体")
    xf = struct.pack("<HHHHHBBHH", 0xFFFF, 0, 0, 0, 0, 0, 0, 0, 0)
    date_xf = struct.pack("<HHHHHBBHH", 0, 14, 0, 0, 0, 0, 0, 0, 0)
    styles = (
        _rec(0x116)  # BrtBeginStyleSheet
        + _rec(0x263, struct.pack("<I", 1)) + _rec(0x2B, font) + _rec(0x264)  # fonts
        + _rec(0x25B, struct.pack("<I", 1)) + _rec(0x2D, struct.pack("<I", 0) + b"\0" * 64) + _rec(0x25C)
        + _rec(0x265, struct.pack("<I", 1)) + _rec(0x2E, b"\0" * 51) + _rec(0x266)  # borders
        + _rec(0x272, struct.pack("<I", 1)) + _rec(0x2F, xf) + _rec(0x273)  # cell style XFs
        + _rec(0x269, struct.pack("<I", 2)) + _rec(0x2F, struct.pack("<HHHHHBBHH", 0, 0, 0, 0, 0, 0, 0, 0, 0))
        + _rec(0x2F, date_xf) + _rec(0x26A)  # cell XFs: general, date
        + _rec(0x117)
    )  # fmt: skip
    book = (
        _rec(0x83)  # BrtBeginBook
        + _rec(0x80, b"\0" * 16 + _wstr("xl") + _wstr("7") + _wstr("7") + _wstr("20325"))
        + _rec(0x99, struct.pack("<II", 0x00010000, 164526) + _wstr("ThisWorkbook"))  # BrtWbProp
        + _rec(0x8F)  # BrtBeginBundleShs
        + _rec(0x9C, struct.pack("<II", 0, 1) + _wstr("rId1") + _wstr("Sheet1"))  # BrtBundleSh
        + _rec(0x90)
        + _rec(0x84)
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
            '<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>'
            '<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.bin"/>'
            "</Relationships>"
        ),
        "xl/_rels/workbook.bin.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.bin"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.bin"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.bin"/>'
            "</Relationships>"
        ),
        "xl/workbook.bin": book,
        "xl/worksheets/sheet1.bin": sheet,
        "xl/styles.bin": styles,
        "xl/sharedStrings.bin": sst,
    }
    out = HERE / ".xlsb.tmp"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=PINNED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    blob = out.read_bytes()
    out.unlink()
    return blob


def jinzhong_xlsb() -> bytes:
    """晋中's 附件2 as a clerk saved it from Excel in binary format, one period a real date."""
    rows = [list(r) for r in JINZHONG_ROWS]
    rows[3][2] = dt.date(2021, 5, 1)  # a date cell, formatted 2021/5/1
    last = len(rows) - 1
    merges = [(0, 0, 0, 6), (1, 1, 0, 6), (last - 1, last - 1, 0, 6), (last, last, 0, 6)]
    return xlsb_bytes(rows, merges)


# --- mails as the clients write them ---------------------------------------------------------

CRLF = "\r\n"
TO = "sxswt_xfc@163.com"


def _b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return CRLF.join(text[i : i + 76] for i in range(0, len(text), 76))


def _ew(text: str, charset: str = "gb2312") -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode('gb18030')).decode()}?="


def _outlook_head(
    sender: str, name: str, subject: str, msgid: str, boundary: str, kind: str
) -> str:
    return CRLF.join(
        [
            f"From: {_ew(name)} <{sender}>",
            f"To: {TO}",
            f"Subject: {_ew(subject)}",
            "Date: Thu, 22 Apr 2021 16:35:12 +0800",
            f"Message-ID: <{msgid}>",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/{kind};{CRLF}\tboundary="{boundary}"',
            "X-Mailer: Microsoft Outlook 16.0",
            "Thread-Index: AdczUyYnZc3pXlWxTUu0Qz4Ln+0ZjA==",
            "Content-Language: zh-cn",
            "",
            "This is a multi-part message in MIME format.",
            "",
        ]
    )


def _qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset)).decode("ascii")


def winmail_eml(winmail: bytes) -> bytes:
    """Outlook in rich-text mode: a plain-text part and everything else inside winmail.dat."""
    b = "----=_NextPart_000_0007_01D7375A.8F2E3C40"
    body = "省厅：\n    附件为我市2021年全国消费促进月重点活动名录，请查收。\n\n临汾市商务局 市场运行科\n"
    parts = [
        _outlook_head(
            "swj@linfen.sx.example", "临汾市商务局", "临汾市2021年消费促进月活动名录",
            "000701d7375a$8f2e3c40$ad6eb4c0$@linfen.sx.example", b, "mixed",
        ),
        f"--{b}",
        'Content-Type: text/plain;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        _qp(body, "gb2312"),
        f"--{b}",
        "Content-Type: application/ms-tnef;\r\n\tname=\"winmail.dat\"",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment;\r\n\tfilename=\"winmail.dat\"",
        "",
        _b64(winmail),
        "",
        f"--{b}--",
        "",
    ]  # fmt: skip
    return CRLF.join(parts).encode("ascii")


def msg_eml(msg: bytes) -> bytes:
    """运城's clerk forwards the county's mail as the .msg Outlook saved, in an HTML mail."""
    b1 = "----=_NextPart_000_0012_01D7375B.1C0D9A20"
    b2 = "----=_NextPart_001_0013_01D7375B.1C0D9A20"
    text = "省厅：\n    转发盐湖区报送的活动名录（见附件邮件），请查收。\n\n运城市商务局\n"
    markup = (
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head>'
        "<body lang=ZH-CN><div class=WordSection1><p class=MsoNormal>省厅：<o:p></o:p></p>"
        "<p class=MsoNormal>&nbsp;&nbsp;&nbsp; 转发盐湖区报送的活动名录（见附件邮件），请查收。"
        "<o:p></o:p></p><p class=MsoNormal>运城市商务局<o:p></o:p></p></div></body></html>"
    )
    name = "转发：盐湖区消费促进月重点活动名录.msg"
    parts = [
        _outlook_head(
            "swj@yuncheng.sx.example", "运城市商务局", "运城市活动名录（转盐湖区）",
            "001201d7375b$1c0d9a20$541ccc60$@yuncheng.sx.example", b1, "mixed",
        ),
        f"--{b1}",
        f'Content-Type: multipart/alternative;\r\n\tboundary="{b2}"',
        "",
        "",
        f"--{b2}",
        'Content-Type: text/plain;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64(text.replace("\n", "\r\n").encode("gb2312")),
        "",
        f"--{b2}",
        'Content-Type: text/html;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        _qp(markup, "gb2312"),
        "",
        f"--{b2}--",
        "",
        f"--{b1}",
        f'Content-Type: application/octet-stream;\r\n\tname="{_ew(name)}"',
        "Content-Transfer-Encoding: base64",
        f'Content-Disposition: attachment;\r\n\tfilename="{_ew(name)}"',
        "",
        _b64(msg),
        "",
        f"--{b1}--",
        "",
    ]  # fmt: skip
    return CRLF.join(parts).encode("ascii")


_MSO_STYLE = """<style><!--
/* Font Definitions */
@font-face
\t{font-family:宋体;
\tpanose-1:2 1 6 0 3 1 1 1 1 1;}
@font-face
\t{font-family:等线;
\tpanose-1:2 1 6 0 3 1 1 1 1 1;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{margin:0cm;
\ttext-align:justify;
\ttext-justify:inter-ideograph;
\tfont-size:10.5pt;
\tfont-family:等线;}
span.EmailStyle17
\t{mso-style-type:personal-compose;
\tfont-family:等线;
\tcolor:windowtext;}
.MsoChpDefault
\t{mso-style-type:export-only;
\tfont-family:等线;}
@page WordSection1
\t{size:612.0pt 792.0pt;
\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1
\t{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->"""


def _mso_cell(text: object, width: int, extra: str = "", bold: bool = False) -> str:
    value = html.escape(str(text)).replace("\n", "<br>") if text is not None else ""
    inner = f"<span style='font-size:10.0pt;font-family:宋体;color:black'>{value}"
    inner += (
        "<span lang=EN-US><o:p></o:p></span></span>"
        if value
        else "<span lang=EN-US><o:p>&nbsp;</o:p></span></span>"
    )
    if bold:
        inner = f"<b>{inner}</b>"
    style = (
        f"width:{width}.0pt;border:solid windowtext 1.0pt;border-top:none;"
        "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:27.0pt"
    )
    return (
        f"<td width={width * 4 // 3} {extra}valign=top style='{style}'>"
        f"<p class=MsoNormal align=center style='text-align:center'>{inner}</p></td>"
    )


def outlook_table_html(rows: list[list[object]], county_spans: dict[int, int]) -> str:
    """A table copied from Excel and pasted into Outlook 2016, as Word's HTML writes it:
    MsoNormalTable, every cell a <p class=MsoNormal> with <o:p>, nbsp in empty cells, the
    county column merged over its activities (rowspan), title and note across (colspan)."""
    widths = [60, 120, 80, 160, 60, 120, 80]
    out = [
        "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=907 "
        "style='width:680.0pt;margin-left:-.1pt;border-collapse:collapse;"
        "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
    ]
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cells = [c for c in row]
        out.append(f"<tr style='mso-yfti-irow:{r};height:27.0pt'>")
        if len([c for c in cells if c is not None]) == 1 and cells[0] is not None and r != 2:
            out.append(_mso_cell(cells[0], sum(widths), "colspan=7 ", bold=r == 0))
            out.append("</tr>")
            continue
        for c, value in enumerate(cells):
            if (r, c) in covered:
                continue
            extra = ""
            if c == 0 and r in county_spans:
                span = county_spans[r]
                extra = f"rowspan={span} "
                covered.update((r + k, 0) for k in range(1, span))
            out.append(_mso_cell(value, widths[c], extra, bold=r == 2))
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def outlook_body_eml(rows: list[list[object]], county_spans: dict[int, int], png: bytes) -> bytes:
    """长治's clerk pastes the filled table into an Outlook mail and attaches nothing; the
    signature carries the bureau's logo as an inline image (multipart/related)."""
    b1 = "----=_NextPart_000_0021_01D7375C.4A1B2C30"
    b2 = "----=_NextPart_001_0022_01D7375C.4A1B2C30"
    b3 = "----=_NextPart_002_0023_01D7375C.4A1B2C30"
    table = outlook_table_html(rows, county_spans)
    markup = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
        'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=gb2312">'
        '<meta name=Generator content="Microsoft Word 15 (filtered medium)">'
        f'{_MSO_STYLE}</head><body lang=ZH-CN link="#0563C1" vlink="#954F72" '
        "style='text-justify-trim:punctuation'><div class=WordSection1>"
        "<p class=MsoNormal>省厅：<span lang=EN-US><o:p></o:p></span></p>"
        "<p class=MsoNormal><span lang=EN-US>&nbsp;&nbsp;&nbsp; </span>我市活动名录如下（附件上传失败，直接贴在正文中），请审阅。"
        "<span lang=EN-US><o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
        f"{table}"
        "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
        "<p class=MsoNormal>长治市商务局 市场运行科<span lang=EN-US><o:p></o:p></span></p>"
        "<p class=MsoNormal><span lang=EN-US><img width=120 height=40 style='width:1.25in;height:.4166in' "
        'id="图片_x0020_1" src="cid:image001.png@01D7375C.4A0E5F10" alt="logo"><o:p></o:p></span></p>'
        "</div></body></html>"
    )
    text = "省厅：\n    我市活动名录如下（附件上传失败，直接贴在正文中），请审阅。\n\n"
    text += "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    text += "\n\n长治市商务局 市场运行科\n"
    parts = [
        _outlook_head(
            "swj@changzhi.sx.example", "长治市商务局", "长治市2021年消费促进月活动名录（正文）",
            "002101d7375c$4a1b2c30$de515190$@changzhi.sx.example", b1, "related",
        ),
        f"--{b1}",
        f'Content-Type: multipart/alternative;\r\n\tboundary="{b2}"',
        "",
        "",
        f"--{b2}",
        'Content-Type: text/plain;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64(text.replace("\n", "\r\n").encode("gb18030")),
        "",
        f"--{b2}",
        'Content-Type: text/html;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: quoted-printable",
        "",
        _qp(markup, "gb18030"),
        "",
        f"--{b2}--",
        "",
        f"--{b1}",
        'Content-Type: image/png;\r\n\tname="image001.png"',
        "Content-Transfer-Encoding: base64",
        "Content-ID: <image001.png@01D7375C.4A0E5F10>",
        "",
        _b64(png),
        "",
        f"--{b1}--",
        "",
    ]  # fmt: skip
    del b3
    return CRLF.join(parts).encode("ascii")


def foxmail_body_eml(rows: list[list[object]]) -> bytes:
    """阳泉's clerk pastes the table into Foxmail (GBK, base64), signature in a table of its own."""
    boundary = "----=_001_NextPart472551245482_=----"
    cells = "".join(
        "<tr>"
        + "".join(
            f'<td style="border:1px solid #000;padding:2px 4px">{"" if v is None else html.escape(str(v))}</td>'
            for v in row
        )
        + "</tr>"
        for row in rows
    )
    markup = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=GBK">'
        '<style>body { line-height: 1.5; }body { font-size: 14px; font-family: "Microsoft YaHei UI"; '
        "color: rgb(0, 0, 0); line-height: 1.5; }</style></head><body>\r\n"
        "<div><span></span>省厅领导：</div><div>&nbsp; &nbsp; 您好！我市重点活动名录如下：</div>"
        '<div><table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;'
        f'width:100%;font-size:12px"><tbody>{cells}</tbody></table></div>'
        '<div><br></div><hr style="width: 210px; height: 1px;" color="#b5c4df" size="1" align="left">'
        '<div><table style="font-size:12px;color:#666"><tr><td>阳泉市商务局 市场运行科</td></tr>'
        "<tr><td>电话：0353-2021423&nbsp;&nbsp;传真：0353-2021424</td></tr></table></div>"
        "</body></html>"
    )
    text = "省厅领导：\n    您好！我市重点活动名录如下：\n" + "\n".join(
        " ".join("" if v is None else str(v) for v in row) for row in rows
    )
    parts = [
        f'From: "{_ew("阳泉市商务局", "GBK")}" <swj@yangquan.sx.example>',
        f'To: "{_ew("省商务厅消费促进处", "GBK")}" <{TO}>',
        f"Subject: {_ew('阳泉市消费促进月重点活动名录', 'GBK')}",
        "Date: Thu, 22 Apr 2021 17:02:44 +0800",
        "X-Priority: 3",
        "X-GUID: 7A3C1E2B-5D4F-4A6B-9C8D-0E1F2A3B4C5D",
        "X-Has-Attach: no",
        "X-Mailer: Foxmail 7.2.20.273[cn]",
        "Mime-Version: 1.0",
        "Message-ID: <202104221702440516237@yangquan.sx.example>",
        f'Content-Type: multipart/alternative;{CRLF}\tboundary="{boundary}"',
        "",
        "This is a multi-part message in MIME format.",
        "",
        f"--{boundary}",
        'Content-Type: text/plain;\r\n\tcharset="GBK"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64(text.replace("\n", "\r\n").encode("gbk")),
        "",
        f"--{boundary}",
        'Content-Type: text/html;\r\n\tcharset="GBK"',
        "Content-Transfer-Encoding: base64",
        "",
        _b64(markup.encode("gbk")),
        "",
        f"--{boundary}--",
        "",
    ]
    return CRLF.join(parts).encode("ascii")


CHANGZHI_ROWS = files.registry_rows("长治", 5, messy=True, seed=7)
YANGQUAN_ROWS = files.registry_rows("阳泉", 3, messy=False, seed=2)


def changzhi_rows_and_spans() -> tuple[list[list[object]], dict[int, int]]:
    """长治's rows with each county written once over its activities (a merged cell)."""
    rows = [list(r) for r in CHANGZHI_ROWS]
    rows[4][0] = rows[3][0]  # two activities of one county: one merged cell in Excel
    return rows, {3: 2}


def main() -> None:
    png = files.PNG_BYTES
    winmail = tnef_bytes(
        "临汾市2021年消费促进月活动名录",
        "省厅：\n    附件为我市2021年全国消费促进月重点活动名录，请查收。\n\n临汾市商务局 市场运行科",
        [
            (LINFEN_XLSX, "附件2~1.XLS", registry_xlsx(LINFEN_ROWS), files_type("xlsx")),
            ("image001.png", "IMAGE001.PNG", png, "image/png"),
        ],
    )
    (HERE / "winmail.dat").write_bytes(winmail)
    (HERE / "outlook-winmail.eml").write_bytes(winmail_eml(winmail))
    msg = msg_bytes(
        "转发：盐湖区消费促进月重点活动名录",
        "yhsw@yanhu.example",
        "盐湖区商务局",
        "市局：\n    附件为盐湖区重点活动名录，请审核。\n\n盐湖区商务局",
        [(YUNCHENG_XLSX, registry_xlsx(YUNCHENG_ROWS), files_type("xlsx"))],
    )
    (HERE / "yanhu-forward.msg").write_bytes(msg)
    (HERE / "outlook-msg.eml").write_bytes(msg_eml(msg))
    (HERE / "jinzhong-registry.xlsb").write_bytes(jinzhong_xlsb())
    rows, spans = changzhi_rows_and_spans()
    (HERE / "outlook-body-table.eml").write_bytes(outlook_body_eml(rows, spans, png))
    (HERE / "foxmail-body-table.eml").write_bytes(foxmail_body_eml(YANGQUAN_ROWS))


def files_type(ext: str) -> str:
    return {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[ext]


if __name__ == "__main__":
    main()
