"""Realistic .eml bytes for tests, written by hand so every header byte is under control.

Real clients put file names in headers in half a dozen ways (RFC 2231, RFC 2047 in quotes,
raw UTF-8, raw GBK from old Chinese clients); the stdlib generator refuses the raw ones, so
the bytes are assembled here. Lines end in CRLF, as on the wire and as IMAP serves them.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import io
import mimetypes
import urllib.parse
import zipfile
from typing import Literal

FilenameStyle = Literal[
    "rfc2231", "rfc2047_gbk", "raw_utf8", "raw_gbk", "rfc2231_continuations", "plain"
]
CRLF = b"\r\n"
DEFAULT_DATE = dt.datetime(2021, 4, 22, 16, 35, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
LONG_NAME = "附件2：太原市2021年全国消费促进月活动名录（盖章版）.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TYPES = {
    ".xlsx": XLSX_TYPE,
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".csv": "text/csv",
    ".zip": "application/zip",
    ".eml": "message/rfc822",
}


class _Default:
    pass


DEFAULT = _Default()


def content_type_for(filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return _TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _codec(charset: str) -> str:
    return "gb18030" if charset.lower() in ("gb2312", "gbk") else charset


def encoded_words(text: str, charset: str = "gbk", max_bytes: int = 30) -> bytes:
    """RFC 2047 B-words split on character boundaries, as Foxmail and Outlook write them."""
    words: list[bytes] = []
    chunk = b""
    for ch in text:
        b = ch.encode(_codec(charset))
        if chunk and len(chunk) + len(b) > max_bytes:
            words.append(chunk)
            chunk = b""
        chunk += b
    if chunk or not words:
        words.append(chunk)
    return b" ".join(b"=?" + charset.encode() + b"?B?" + base64.b64encode(w) + b"?=" for w in words)


def _header(name: str, value: bytes) -> bytes:
    return name.encode() + b": " + value + CRLF


def address(display: str, addr: str, charset: str = "gbk") -> bytes:
    if not display:
        return addr.encode()
    if display.isascii():
        return b'"' + display.encode() + b'" <' + addr.encode() + b">"
    return encoded_words(display, charset) + b" <" + addr.encode() + b">"


def _b64_lines(payload: bytes) -> bytes:
    text = base64.b64encode(payload)
    return CRLF.join(text[i : i + 76] for i in range(0, len(text), 76)) + CRLF


def _pct(data: bytes) -> str:
    return urllib.parse.quote_from_bytes(data, safe="")


def filename_params(
    filename: str, style: FilenameStyle, charset: str = "gbk"
) -> tuple[bytes, bytes]:
    """(Content-Type name param, Content-Disposition filename params) for one style."""
    cs = "utf-8" if charset.lower() in ("utf-8", "utf8") else charset
    if style == "plain":
        quoted = b'"' + filename.encode("utf-8") + b'"'
        return b"; name=" + quoted, b"; filename=" + quoted
    if style == "raw_utf8":
        quoted = b'"' + filename.encode("utf-8") + b'"'
        return b"; name=" + quoted, b"; filename=" + quoted
    if style == "raw_gbk":
        quoted = b'"' + filename.encode("gb18030") + b'"'
        return b"; name=" + quoted, b"; filename=" + quoted
    if style == "rfc2047_gbk":
        quoted = b'"' + encoded_words(filename, "gbk") + b'"'
        return b"; name=" + quoted, b"; filename=" + quoted
    encoded = _pct(filename.encode(_codec(cs)))
    if style == "rfc2231":
        value = f"{cs}''{encoded}".encode()
        return b"; name*=" + value, b"; filename*=" + value
    if style == "rfc2231_continuations":
        # Split only between %XX escapes so every section stays valid on its own.
        sections: list[str] = []
        current = f"{cs}''"
        i = 0
        while i < len(encoded):
            step = 3 if encoded[i] == "%" else 1
            if len(current) + step > 60:
                sections.append(current)
                current = ""
            current += encoded[i : i + step]
            i += step
        sections.append(current)
        disp = b"".join(
            f";{CRLF.decode()}\tfilename*{n}*={s}".encode() for n, s in enumerate(sections)
        )
        name = b"".join(f";{CRLF.decode()}\tname*{n}*={s}".encode() for n, s in enumerate(sections))
        return name, disp
    raise ValueError(style)


def attachment_part(
    filename: str,
    payload: bytes,
    style: FilenameStyle = "rfc2231",
    charset: str = "gbk",
    content_type: str | None = None,
    disposition: bool = True,
) -> bytes:
    name, disp = filename_params(filename, style, charset)
    ctype = (content_type or content_type_for(filename)).encode()
    head = b"Content-Type: " + ctype + name + CRLF
    if disposition:
        head += b"Content-Disposition: attachment" + disp + CRLF
    head += b"Content-Transfer-Encoding: base64" + CRLF
    return head + CRLF + _b64_lines(payload)


def text_part(body: str, charset: str = "gbk") -> bytes:
    return (
        f'Content-Type: text/plain; charset="{charset}"'.encode()
        + CRLF
        + b"Content-Transfer-Encoding: base64"
        + CRLF
        + CRLF
        + _b64_lines(body.encode(_codec(charset)))
    )


def multipart(parts: list[bytes], subtype: str = "mixed", seed: bytes = b"") -> tuple[bytes, bytes]:
    """(Content-Type header value, body) of a multipart holding already-built parts."""
    boundary = b"----=_NextPart_" + hashlib.sha1(seed + b"".join(parts)).hexdigest()[:24].encode()
    body = b"This is a multi-part message in MIME format." + CRLF + CRLF
    for part in parts:
        body += b"--" + boundary + CRLF + part + CRLF
    body += b"--" + boundary + b"--" + CRLF
    return b"multipart/" + subtype.encode() + b';\r\n\tboundary="' + boundary + b'"', body


def _date_value(date: dt.datetime | str) -> bytes:
    if isinstance(date, dt.datetime):
        return email.utils.format_datetime(date).encode()
    return date.encode("utf-8")


def _subject_value(subject: str, style: str, charset: str) -> bytes:
    if subject.isascii():
        return subject.encode()
    if style == "raw":
        return subject.encode(_codec(charset))
    return encoded_words(subject, charset, max_bytes=45)


def headers(
    sender: str,
    subject: str,
    *,
    sender_name: str = "",
    to: str = "sxswt_xfc@163.com",
    date: dt.datetime | str | None | _Default = DEFAULT,
    message_id: str | None | _Default = DEFAULT,
    charset: str = "gbk",
    subject_style: Literal["rfc2047", "raw"] = "rfc2047",
    extra_headers: dict[str, str] | None = None,
    seed: bytes = b"",
) -> bytes:
    out = _header("From", address(sender_name, sender, charset))
    out += _header("To", to.encode())
    out += _header("Subject", _subject_value(subject, subject_style, charset))
    if date is not None:
        out += _header("Date", _date_value(DEFAULT_DATE if isinstance(date, _Default) else date))
    if message_id is not None:
        if isinstance(message_id, _Default):
            digest = hashlib.sha1(sender.encode() + subject.encode() + seed).hexdigest()[:20]
            message_id = f"{digest}@{sender.rsplit('@', 1)[-1]}"
        out += _header("Message-ID", f"<{message_id}>".encode())
    for name, value in (extra_headers or {}).items():
        out += _header(name, value.encode("utf-8"))
    out += _header("X-Mailer", b"Foxmail 7.2.20.273[cn]")
    out += _header("MIME-Version", b"1.0")
    return out


def build_email(
    sender: str,
    subject: str,
    attachments: list[tuple[str, bytes]],
    *,
    sender_name: str = "",
    date: dt.datetime | str | None | _Default = DEFAULT,
    message_id: str | None | _Default = DEFAULT,
    filename_style: FilenameStyle = "rfc2231",
    body: str = "省厅：\n    附件为我市报送材料，请查收。\n\n市商务局 市场运行科",
    charset: str = "gbk",
    subject_style: Literal["rfc2047", "raw"] = "rfc2047",
    extra_headers: dict[str, str] | None = None,
) -> bytes:
    """A submission as a city's mail client sends it: text body plus attachments."""
    head = headers(
        sender,
        subject,
        sender_name=sender_name,
        date=date,
        message_id=message_id,
        charset=charset,
        subject_style=subject_style,
        extra_headers=extra_headers,
        seed=b"".join(name.encode() + data for name, data in attachments),
    )
    text = text_part(body.replace("\n", "\r\n"), charset)
    if not attachments:
        return head + text
    parts = [text] + [
        attachment_part(name, data, filename_style, charset) for name, data in attachments
    ]
    ctype, mp_body = multipart(parts, seed=head)
    return head + _header("Content-Type", ctype) + CRLF + mp_body


def forward(
    inner_eml: bytes,
    forwarder: str,
    subject: str,
    *,
    as_file: bool = False,
    date: dt.datetime | str | None | _Default = DEFAULT,
) -> bytes:
    """Forward as attachment: a message/rfc822 part (or, as_file, an .eml octet-stream)."""
    head = headers(forwarder, subject, date=date, seed=inner_eml)
    text = text_part("转发的邮件，请查收。".replace("\n", "\r\n"))
    if as_file:
        inner = attachment_part(
            "原邮件.eml", inner_eml, "rfc2231", "utf-8", content_type="application/octet-stream"
        )
    else:
        inner = (
            b"Content-Type: message/rfc822"
            + CRLF
            + b"Content-Transfer-Encoding: 8bit"
            + CRLF
            + b"Content-Disposition: attachment"
            + CRLF
            + CRLF
            + inner_eml
        )
    ctype, mp_body = multipart([text, inner], seed=head)
    return head + _header("Content-Type", ctype) + CRLF + mp_body


def make_xlsx(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    """A real .xlsx (openpyxl) holding the rows from A1."""
    from jinxiao.samples.files import xlsx_bytes

    return xlsx_bytes(rows, sheet=title)


class _RawNameInfo(zipfile.ZipInfo):
    """A ZipInfo that writes its name as given bytes without the UTF-8 flag (like WinRAR on
    Chinese Windows writes GBK); zipfile would otherwise force UTF-8 + flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's name
        return self.filename.encode("cp437"), self.flag_bits


def make_zip(members: list[tuple[str, bytes]], name_encoding: str = "gbk") -> bytes:
    """A zip whose member names are written in name_encoding; "utf-8" sets the UTF-8 flag,
    anything else writes raw bytes without it. Names ending in "/" are directories."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name_encoding.lower() in ("utf-8", "utf8"):
                info = zipfile.ZipInfo(name, date_time=(2021, 4, 22, 10, 0, 0))
            else:
                raw = name.encode(_codec(name_encoding))
                info = _RawNameInfo(raw.decode("cp437"), date_time=(2021, 4, 22, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name.endswith("/"):
                info.external_attr = 0o40775 << 16 | 0x10
            zf.writestr(info, data)
    return buf.getvalue()


def delivery_time(raw: bytes) -> dt.datetime:
    """When the province's mailbox received a sample mail: at its Date (a sample is
    delivered the moment it is sent, so its Date reads back as its arrival)."""
    from email.parser import BytesHeaderParser
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(BytesHeaderParser().parsebytes(raw)["Date"])


def stamped(raw: bytes, authserv_id: str, result: str = "pass") -> bytes:
    """The mail as the province's receiving server hands it on: with its own
    Authentication-Results on top, here a DMARC verdict on the From domain."""
    from email.parser import BytesHeaderParser
    from email.utils import parseaddr

    sender = parseaddr(str(BytesHeaderParser().parsebytes(raw)["From"]))[1]
    domain = sender.rsplit("@", 1)[-1]
    header = f"Authentication-Results: {authserv_id}; dmarc={result} header.from={domain}\r\n"
    return header.encode("ascii") + raw
