"""Raw RFC 5322 messages as the mail clients of city bureaus write them.

Built by hand rather than with email.generator so that the bytes are fixed for a seed
(boundaries, folding) and so that each client's quirks can be reproduced: Foxmail and Outlook
put RFC 2047 words inside filename parameters and label GBK text as GB2312, webmail uses
RFC 2231 and UTF-8, Outlook in rich-text mode sends winmail.dat.
"""

from __future__ import annotations

import base64
import datetime as dt
import struct
import zlib
from dataclasses import dataclass, field

PROVINCE = "xfc@commerce.sx.example"
PROVINCE_NAME = "山西省商务厅市场运行和消费促进处"
AUTHSERV = "mx.commerce.sx.example"
TZ = dt.timezone(dt.timedelta(hours=8))

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "png": "image/png",
    "msg": "application/vnd.ms-outlook",
    "dat": "application/ms-tnef",
}

CLIENTS = {
    "foxmail": "Foxmail 7.2.19.158[cn]",
    "outlook": "Microsoft Outlook 16.0",
    "webmail": "Coremail Webmail Server Version XT5.0.13 build 20210104(ab8f5f6e)",
    "wps": "WPS Mail 1.0",
}


@dataclass
class Attachment:
    filename: str
    data: bytes
    mime: str | None = None
    inline_cid: str | None = None


@dataclass
class Draft:
    sender: str
    sender_name: str
    subject: str
    body: str
    when: dt.datetime  # aware, Asia/Shanghai
    message_id: str
    client: str
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    inline: list[Attachment] = field(default_factory=list)
    to: str = PROVINCE
    to_name: str = PROVINCE_NAME
    in_reply_to: str | None = None
    boundary_seed: str = "0"


def _charset_for(text: str, client: str) -> tuple[str, str]:
    """(MIME label, Python codec): GB2312 when the text fits it, else GBK, UTF-8 on webmail."""
    if client == "webmail":
        return "utf-8", "utf-8"
    try:
        text.encode("gb2312")
        return "GB2312", "gb2312"
    except UnicodeEncodeError:
        try:
            text.encode("gbk")
            return "GBK", "gbk"
        except UnicodeEncodeError:
            return "GB18030", "gb18030"


def encoded_words(text: str, client: str) -> str:
    """RFC 2047 B-words, at most ~15 characters each, folded."""
    if text.isascii():
        return text
    label, codec = _charset_for(text, client)
    words = []
    for i in range(0, len(text), 15):
        chunk = base64.b64encode(text[i : i + 15].encode(codec)).decode()
        words.append(f"=?{label}?B?{chunk}?=")
    return "\r\n ".join(words)


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode().replace("\n", "\r\n")


def _rfc2231(name: str) -> str:
    from urllib.parse import quote

    return "UTF-8''" + quote(name, safe="")


def _attachment_part(att: Attachment, client: str) -> str:
    ext = att.filename.rsplit(".", 1)[-1].lower()
    mime = att.mime or MIME.get(ext, "application/octet-stream")
    if att.inline_cid:
        return (
            f'Content-Type: {mime}; name="{att.filename}"\r\n'
            "Content-Transfer-Encoding: base64\r\n"
            f"Content-ID: <{att.inline_cid}>\r\n"
            f'Content-Disposition: inline; filename="{att.filename}"\r\n\r\n' + _b64(att.data)
        )
    if client == "webmail" or att.filename.isascii():
        ct = (
            f'Content-Type: {mime}; name="{att.filename}"'
            if att.filename.isascii()
            else (f"Content-Type: {mime};\r\n name*={_rfc2231(att.filename)}")
        )
        cd = (
            f'Content-Disposition: attachment; filename="{att.filename}"'
            if att.filename.isascii()
            else f"Content-Disposition: attachment;\r\n filename*={_rfc2231(att.filename)}"
        )
    else:
        word = encoded_words(att.filename, client).replace("\r\n ", "")
        ct = f'Content-Type: {mime};\r\n\tname="{word}"'
        cd = f'Content-Disposition: attachment;\r\n\tfilename="{word}"'
    return f"{ct}\r\nContent-Transfer-Encoding: base64\r\n{cd}\r\n\r\n" + _b64(att.data)


def _text_part(subtype: str, text: str, client: str) -> str:
    label, codec = _charset_for(text, client)
    body = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(codec)
    return (
        f'Content-Type: text/{subtype}; charset="{label}"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + _b64(body)
    )


def _multipart(subtype: str, boundary: str, parts: list[str], extra: str = "") -> str:
    out = f'Content-Type: multipart/{subtype};{extra}\r\n\tboundary="{boundary}"\r\n\r\n'
    out += "This is a multi-part message in MIME format.\r\n\r\n"
    for part in parts:
        out += f"--{boundary}\r\n{part}\r\n"
    return out + f"--{boundary}--\r\n"


def render(draft: Draft) -> bytes:
    """The message as it lies in the province's Maildir (Received and auth headers on top)."""
    client = draft.client
    when = draft.when
    b = f"----=_NextPart_{draft.boundary_seed}"
    domain = draft.sender.split("@", 1)[1]
    date = when.strftime("%a, %d %b %Y %H:%M:%S +0800")
    received = (when - dt.timedelta(seconds=3)).strftime("%a, %d %b %Y %H:%M:%S +0800")

    body_parts = [_text_part("plain", draft.body, client)]
    if draft.html is not None:
        html_part = _text_part("html", draft.html, client)
        if draft.inline:
            html_part = _multipart(
                "related",
                b + "_rel",
                [html_part, *(_attachment_part(a, client) for a in draft.inline)],
                ' type="text/html";',
            )
        body_parts.append(html_part)
        body = _multipart("alternative", b + "_alt", body_parts)
    else:
        body = body_parts[0]
    if draft.attachments:
        body = _multipart(
            "mixed", b + "_mix", [body, *(_attachment_part(a, client) for a in draft.attachments)]
        )

    headers = [
        f"Return-Path: <{draft.sender}>",
        f"Received: from smtp.{domain} (smtp.{domain} [198.51.100.{len(domain) % 200 + 10}])\r\n"
        f"\tby {AUTHSERV} with ESMTPS id {draft.boundary_seed}\r\n\tfor <{draft.to}>; {received}",
        f"Authentication-Results: {AUTHSERV};\r\n\tspf=pass smtp.mailfrom={draft.sender};\r\n"
        f"\tdkim=pass header.d={domain};\r\n\tdmarc=pass header.from={domain}",
        f"Date: {date}",
        f'From: "{encoded_words(draft.sender_name, client)}" <{draft.sender}>',
        f'To: "{encoded_words(draft.to_name, client)}" <{draft.to}>',
        f"Subject: {encoded_words(draft.subject, client)}",
        f"Message-ID: <{draft.message_id}>",
    ]
    if draft.in_reply_to:
        headers.append(f"In-Reply-To: <{draft.in_reply_to}>")
        headers.append(f"References: <{draft.in_reply_to}>")
    headers.append(f"X-Mailer: {CLIENTS[client]}")
    if client == "outlook":
        headers.append("Thread-Index: AddBPz" + draft.boundary_seed.replace("-", "")[:16])
        headers.append("Content-Language: zh-cn")
    headers.append("MIME-Version: 1.0")
    return ("\r\n".join(headers) + "\r\n" + body).encode("ascii")


def png_bytes(width: int = 16, height: int = 8, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small valid PNG (the bureau's logo in a signature)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF standing in for a stamped scan (ASCII text, valid xref)."""
    text = "BT /F1 12 Tf 72 760 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode()),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
