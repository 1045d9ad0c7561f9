"""Raw message bytes -> ParsedEmail: headers, body text and every attached file.

Mail from Chinese government offices names files in every way there is: RFC 2231 (with
continuations, in GBK or UTF-8), RFC 2047 inside quotes, raw UTF-8 and raw 8-bit GBK bytes.
So header values are decoded here from their original bytes (the compat32 parser keeps them
as surrogate escapes) instead of trusting any library's guess.

Attachment paths: leaf parts of a message are numbered 1.. in document order (the body text
counts), so a typical submission's first file is "2". A forwarded message's files are under
"<n>/fwd/"; zip members are "<n>/<zip name>!<member path>", and so are the files inside an
Outlook winmail.dat or an attached .msg ("2/winmail.dat!附件2.xlsx"). A table pasted into the
HTML body is kept aside as `body_table` (path: the HTML part's number) for a mail with no file.

Nothing here may raise on bad input: a broken header yields an empty field, a broken part is
skipped or kept as it is, and the later stages decide what that means.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import dataclasses
import datetime as dt
import email
import email.errors
import email.policy
import email.utils
import html
import io
import logging
import mimetypes
import posixpath
import quopri
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import TypeVar

from jinxiao.config import load_campaign
from jinxiao.domain.budget import MAX_NESTING, Budget, BudgetExceeded
from jinxiao.domain.hygiene import clean_filename
from jinxiao.domain.models import BODY_TABLE_FILENAME, Attachment, ParsedEmail
from jinxiao.intake.outlook import TooBig, is_msg, is_tnef, msg_members, tnef_members

T = TypeVar("T")

log = logging.getLogger(__name__)

MAX_ZIP_MEMBER = 50 * 1024 * 1024  # bytes, per member: the reader refuses bigger files anyway
MAX_ZIP_RATIO = 200  # uncompressed / compressed beyond this smells of a zip bomb
MAX_DEPTH = MAX_NESTING  # forwards of forwards, zips in zips
# Members are inflated this much at a time, so a lying header costs one chunk, not the lie.
_ZIP_CHUNK = 1024 * 1024

_EXTRA_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".csv": "text/csv",
    ".et": "application/vnd.ms-excel",  # WPS spreadsheet
    ".wps": "application/msword",
    ".zip": "application/zip",
    ".rar": "application/vnd.rar",
    ".7z": "application/x-7z-compressed",
    ".pdf": "application/pdf",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
    ".xlsb": "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
}
# Labels some clients write that Python does not know, or knows as a narrower charset.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
    "ascii": "utf-8",  # mislabelled UTF-8 is more common than real 7-bit text
    "us-ascii": "utf-8",
    "unknown-8bit": "",
    "x-unknown": "",
}
_EW_RE = re.compile(rb"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_EW_GAP_RE = re.compile(rb"\?=[ \t\r\n]+=\?")
_MSGID_RE = re.compile(r"<([^<>\s]+)>")
_TAG_RE = re.compile(r"<[^>]*>")
_DROP_RE = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_RE = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h\d)\b[^>]*>", re.I)
_PARAM_NAME_RE = re.compile(r"^([a-z0-9_.\-]+?)(?:\*(\d+))?(\*)?$")


# --- decoding primitives ---------------------------------------------------------------


def _codec(label: str | None) -> str | None:
    """A Python codec for a MIME charset label, or None when unknown/absent."""
    if not label:
        return None
    key = label.strip().strip('"').lower().split("*", 1)[0]  # RFC 2231 "charset*lang"
    key = _CHARSET_ALIASES.get(key, key)
    if not key:
        return None
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def smart_decode(data: bytes, charset: str | None = None) -> str:
    """Decode with the declared charset when it works, else UTF-8 (strict), else GB18030.

    UTF-8 strict goes first because GB18030 accepts almost any byte string, whereas real
    GBK text is almost never valid UTF-8.
    """
    codec = _codec(charset)
    if codec:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _to_bytes(value: object) -> bytes:
    """The original bytes of a header value as the compat32 parser stored it."""
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        value = str(value)
    # Parsed bytes live in a str as ASCII plus surrogate escapes; the round trip is exact.
    return value.encode("utf-8", errors="surrogateescape")


def _unfold(data: bytes) -> bytes:
    return re.sub(rb"\r?\n(?=[ \t])", b"", data).replace(b"\r", b"").replace(b"\n", b"")


def _ew_payload(encoding: bytes, text: bytes) -> bytes:
    if encoding in (b"b", b"B"):
        text = text.rstrip(b"=")
        text += b"=" * (-len(text) % 4)
        try:
            return base64.b64decode(text)
        except (binascii.Error, ValueError):
            return b""
    return quopri.decodestring(text.replace(b"_", b" "), header=False)


def _decode_encoded_words(data: bytes) -> str:
    """RFC 2047, leniently: words split mid-character are joined before decoding."""
    if b"=?" not in data:
        return smart_decode(data)
    # Whitespace between adjacent encoded words is not text (RFC 2047 §6.2).
    data = _EW_GAP_RE.sub(b"?==?", data)
    out: list[str] = []
    pos = 0
    pending = b""
    pending_cs: bytes | None = None

    def flush() -> None:
        nonlocal pending, pending_cs
        if pending_cs is not None:
            out.append(smart_decode(pending, pending_cs.decode("ascii", "replace")))
        pending, pending_cs = b"", None

    for m in _EW_RE.finditer(data):
        if m.start() > pos:
            flush()
            out.append(smart_decode(data[pos : m.start()]))
        charset = m.group(1).lower()
        if pending_cs is not None and charset != pending_cs:
            flush()
        pending_cs = charset
        pending += _ew_payload(m.group(2), m.group(3))
        pos = m.end()
    flush()
    if pos < len(data):
        out.append(smart_decode(data[pos:]))
    return "".join(out)


def decode_header_value(value: object) -> str:
    """Any header value (raw 8-bit, RFC 2047, plain) -> text, never raising."""
    try:
        if value is None:
            return ""
        text = _decode_encoded_words(_unfold(_to_bytes(value)))
        return " ".join(text.split()) if "\n" in text or "\t" in text else text.strip()
    except Exception:  # noqa: BLE001 - a header must never stop the message
        log.debug("undecodable header %r", value, exc_info=True)
        return ""


# --- headers ---------------------------------------------------------------------------


def _raw_header(msg: Message, name: str) -> str | None:
    lname = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == lname:
            return value if isinstance(value, str) else str(value)
    return None


def _raw_headers(msg: Message, name: str) -> list[str]:
    lname = name.lower()
    return [str(v) for k, v in msg.raw_items() if k.lower() == lname]


def _split_params(data: bytes) -> list[bytes]:
    """Split a structured header on ';' outside quotes.

    A backslash escapes only after an ASCII byte: in GBK, 0x5C is a valid trail byte.
    """
    pieces: list[bytes] = []
    cur = bytearray()
    quoted = False
    i = 0
    while i < len(data):
        c = data[i]
        if c == 0x5C and quoted and i + 1 < len(data) and (i == 0 or data[i - 1] < 0x80):
            cur += data[i : i + 2]
            i += 2
            continue
        if c == 0x22:
            quoted = not quoted
        elif c == 0x3B and not quoted:
            pieces.append(bytes(cur))
            cur = bytearray()
            i += 1
            continue
        cur.append(c)
        i += 1
    pieces.append(bytes(cur))
    return pieces


def _unquote(value: bytes) -> bytes:
    value = value.strip()
    if len(value) >= 2 and value[:1] == b'"' and value[-1:] == b'"':
        value = value[1:-1]
        out = bytearray()
        i = 0
        while i < len(value):
            if value[i] == 0x5C and i + 1 < len(value) and (i == 0 or value[i - 1] < 0x80):
                out.append(value[i + 1])
                i += 2
            else:
                out.append(value[i])
                i += 1
        return bytes(out)
    return value.strip(b'"')


def _pct_decode(data: bytes) -> bytes:
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def header_params(value: object) -> tuple[str, dict[str, str]]:
    """(main value lower-cased, {param: decoded text}) of Content-Type/-Disposition.

    RFC 2231 (name*=, name*0*=, name*1=...) wins over a plain name= of the same param, as
    the RFC says and as Outlook relies on (it sends both).
    """
    data = _unfold(_to_bytes(value))
    pieces = _split_params(data)
    main = pieces[0].strip().decode("ascii", "replace").lower()
    plain: dict[str, bytes] = {}
    sections: dict[str, dict[int, tuple[bytes, bool]]] = {}
    for piece in pieces[1:]:
        if b"=" not in piece:
            continue
        raw_name, raw_val = piece.split(b"=", 1)
        name = raw_name.strip().decode("ascii", "replace").lower()
        m = _PARAM_NAME_RE.match(name)
        if not m:
            continue
        base, index, star = m.group(1), m.group(2), m.group(3)
        val = _unquote(raw_val)
        if index is None and not star:
            plain.setdefault(base, val)
        else:
            sections.setdefault(base, {})[int(index or 0)] = (val, bool(star))
    params = {name: _decode_encoded_words(val) for name, val in plain.items()}
    for name, secs in sections.items():
        decoded = _join_rfc2231(secs)
        if decoded:
            params[name] = decoded
    return main, params


def _join_rfc2231(secs: dict[int, tuple[bytes, bool]]) -> str:
    charset: str | None = None
    buf = b""
    for i in sorted(secs):
        val, encoded = secs[i]
        if encoded:
            if i == sorted(secs)[0] and val.count(b"'") >= 2:
                cs, _lang, val = val.split(b"'", 2)
                charset = cs.decode("ascii", "replace") or None
            val = _pct_decode(val)
        buf += val
    text = smart_decode(buf, charset)
    # Some clients put an RFC 2047 word inside an RFC 2231 value; undo that too.
    return _decode_encoded_words(text.encode("utf-8")) if "=?" in text else text


def _message_id(value: str | None) -> str | None:
    if not value:
        return None
    text = decode_header_value(value)
    m = _MSGID_RE.search(text)
    ident = m.group(1) if m else text.strip().strip("<>").strip()
    return ident or None


def _references(msg: Message) -> tuple[str, ...]:
    ids: list[str] = []
    for name in ("In-Reply-To", "References"):
        for value in _raw_headers(msg, name):
            text = decode_header_value(value)
            found = _MSGID_RE.findall(text) or text.split()
            for ident in found:
                ident = ident.strip("<>,")
                if ident and ident not in ids:
                    ids.append(ident)
    return tuple(ids)


# A From header longer than this is no city's; parsing it would only cost time.
MAX_FROM_CHARS = 2000


@dataclasses.dataclass(frozen=True)
class SenderField:
    """What the From header says, read strictly (the registry is keyed by this address)."""

    address: str  # the real (angle-bracketed or bare) address, lower-cased; "" when none
    name: str  # the display name, decoded
    problem: str | None = None  # Chinese: why the From cannot be taken at face value


@dataclasses.dataclass
class _Mailbox:
    outside: list[str] = dataclasses.field(default_factory=list)  # text outside <...>
    angles: list[str] = dataclasses.field(default_factory=list)  # each <...>'s content


def _split_mailboxes(text: str) -> tuple[list[_Mailbox], bool]:
    """Top-level mailboxes of an address list, and whether quotes, comments and angle
    brackets were balanced. Quotes and comments are kept in `outside` for the name."""
    boxes, box = [], _Mailbox()
    angle: list[str] | None = None
    quoted, depth, balanced = False, 0, True
    i = 0
    while i < len(text):
        c = text[i]
        sink = angle if angle is not None and not depth else box.outside
        if c == "\\" and (quoted or depth) and i + 1 < len(text):
            sink.append(text[i : i + 2])
            i += 2
            continue
        if quoted:
            quoted = c != '"'
        elif depth:
            depth += {"(": 1, ")": -1}.get(c, 0)
        elif c == '"':
            quoted = True
        elif c == "(":
            depth = 1
            sink = box.outside
        elif c == "<":
            balanced = balanced and angle is None
            angle = []
            i += 1
            continue
        elif c == ">":
            if angle is None:
                balanced = False
            else:
                box.angles.append("".join(angle))
                angle = None
            i += 1
            continue
        elif c == "," and angle is None:
            boxes.append(box)
            box = _Mailbox()
            i += 1
            continue
        sink.append(c)
        i += 1
    if angle is not None:  # "Name <a@b.c": keep the address, but it is malformed
        box.angles.append("".join(angle))
    balanced = balanced and angle is None and not quoted and not depth
    boxes.append(box)
    return [b for b in boxes if "".join(b.outside).strip() or b.angles], balanced


def _addr_spec(text: str) -> str | None:
    """The one valid address headerregistry finds in `text`, or None."""
    try:
        header = email.policy.default.header_factory("From", text)
        addresses = header.addresses
        # A named group ("Team: a@b.c;") is no mailbox; From may hold only mailboxes.
        grouped = any(g.display_name is not None for g in header.groups)
    except Exception:  # noqa: BLE001 - the modern parser has its own corner cases
        return None
    if (
        grouped
        or len(addresses) != 1
        or any(isinstance(d, email.errors.InvalidHeaderDefect) for d in header.defects)
    ):
        return None
    addr = addresses[0]
    spec = addr.addr_spec
    if not addr.username or not addr.domain or not spec.isprintable() or " " in addr.domain:
        return None
    return spec.lower()


def _looks_like_address(token: str) -> bool:
    local, at, domain = token.rpartition("@")
    return bool(at and local and "." in domain.strip("."))


# Characters that separate words in a display name, so "张三<swj@x.cn>" still shows the address.
_NAME_SEPARATORS = str.maketrans({c: " " for c in "<>\"'()[],;:：，；《》「」"})


def _addresses_in(name: str) -> list[str]:
    """Address-looking words in a display name; full-width ＠ and dots are normalised."""
    text = unicodedata.normalize("NFKC", name).translate(_NAME_SEPARATORS)
    return [t.strip(".").lower() for t in text.split() if _looks_like_address(t.strip("."))]


def _shown(text: str) -> str:
    """A header's text fit to quote in the tracker: printable, bounded."""
    clean = "".join(c if c.isprintable() else "\ufffd" for c in text)
    return clean if len(clean) <= 120 else clean[:120] + "…"


def parse_from(values: list[str]) -> SenderField:
    """The From header fields of a message (raw, as compat32 keeps them), read strictly.

    The address is the one in angle brackets (or the bare one), never text from the display
    name; several addresses, an address-looking display name that is not the address, or a
    header that does not parse are reported in `problem`. Never raises.
    """
    if not values:
        return SenderField("", "")
    texts = [
        " ".join(smart_decode(_unfold(_to_bytes(v))).split()) for v in values
    ]  # 8-bit GBK decodes to non-ASCII only, so the structure is unchanged
    if any(len(t) > MAX_FROM_CHARS for t in texts):
        return SenderField(
            "", "", f"发件人（From）字段过长（{max(map(len, texts))}个字符），无法解析"
        )
    boxes: list[_Mailbox] = []
    balanced = True
    for text in texts:
        found, ok = _split_mailboxes(text)
        boxes.extend(found)
        balanced = balanced and ok
    addresses: list[str | None] = []
    name = ""
    for b in boxes:
        outside = "".join(b.outside).strip()
        if b.angles:
            addresses.extend(_addr_spec(f"<{inner}>") for inner in b.angles)
            box_name = decode_header_value(email.utils.unquote(outside)).strip().strip('"')
        else:
            addresses.append(_addr_spec(outside))
            box_name = decode_header_value(email.utils.parseaddr(outside)[0]).strip()
        name = name or box_name
    valid = [a for a in addresses if a]
    shown = _shown(" / ".join(texts))
    if not valid:
        return SenderField("", name, f"发件人（From）字段无法解析：“{shown}”")
    address = valid[0]
    if len(texts) > 1:
        problem = f"邮件有{len(texts)}个发件人（From）字段：“{shown}”"
    elif len(addresses) > 1:
        problem = f"发件人（From）字段含{len(addresses)}个地址：“{shown}”"
    elif not balanced:
        problem = f"发件人（From）字段格式不规范（引号、括号或尖括号不成对）：“{shown}”"
    elif any(a != address for a in _addresses_in(name)):
        problem = f"发件人显示名“{_shown(name)}”写的是另一个邮箱地址，实际发件地址是{address}"
    else:
        problem = None
    return SenderField(address, name, problem)


def _sender(msg: Message) -> SenderField:
    return parse_from(_raw_headers(msg, "From"))


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(decode_header_value(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:  # "-0000": the time is UTC, its zone merely unknown
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


# --- parts -----------------------------------------------------------------------------


def _payload_bytes(part: Message) -> bytes:
    """The decoded body of a leaf part; undecodable transfer encodings give the raw bytes."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return _to_bytes(raw)
    return b""


def _content_type(part: Message) -> tuple[str, dict[str, str]]:
    raw = _raw_header(part, "Content-Type")
    if raw is None:
        return part.get_content_type(), {}
    main, params = header_params(raw)
    main = main.split()[0] if main.split() else ""
    if "/" not in main:
        main = part.get_default_type()
    return main, params


def _filename(part: Message) -> tuple[str | None, bool]:
    """(file name or None, disposition says attachment)."""
    disp_raw = _raw_header(part, "Content-Disposition")
    disp, dparams = header_params(disp_raw) if disp_raw is not None else ("", {})
    _ctype, cparams = _content_type(part)
    name = dparams.get("filename") or cparams.get("name") or dparams.get("name")
    if name:
        # Windows clients sometimes send the whole local path.
        name = re.split(r"[\\/]", name.replace("\x00", ""))[-1].strip()
        name = " ".join(name.split())
    return name or None, disp.startswith("attachment")


def guess_content_type(filename: str) -> str:
    ext = posixpath.splitext(filename.lower())[1]
    return _EXTRA_TYPES.get(ext) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _html_to_text(markup: str) -> str:
    text = _DROP_RE.sub("", markup)
    text = _BLOCK_RE.sub("\n", text)
    text = html.unescape(_TAG_RE.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines()).strip()


_TABLE_START_RE = re.compile(r"<table\b", re.I)
_SPACES_RE = re.compile(r"[\s\u3000]+")
# Only the start of each table is looked at: the header is there, and a body of megabytes
# of markup is not scanned whole before anyone knows it is a form.
_TABLE_HEAD_CHARS = 20_000
_MAX_TABLES_LOOKED_AT = 50


def _header_stems() -> tuple[str, ...]:
    return load_campaign().tables.header_stems


def _looks_like_form_table(markup: str) -> bool:
    """A <table> whose first rows have "活动" and three of the forms' header words."""
    for n, m in enumerate(_TABLE_START_RE.finditer(markup)):
        if n >= _MAX_TABLES_LOOKED_AT:
            break
        head = markup[m.start() : m.start() + _TABLE_HEAD_CHARS]
        text = _SPACES_RE.sub("", html.unescape(_TAG_RE.sub("", head)).replace("\xa0", ""))
        if "活动" in text and sum(stem in text for stem in _header_stems()) >= 3:
            return True
    return False


def _body_table(leaves: list[Message]) -> Attachment | None:
    """The mail's HTML body as a file to read, when it holds a table that looks like one of
    the forms' (Outlook and Foxmail keep a table pasted from Excel as HTML).

    The body is re-encoded as UTF-8 with a BOM: its MIME charset is the one to trust, and the
    reader then ignores the <meta charset> Outlook copies from the source sheet.
    """
    for n, part in enumerate(leaves, start=1):
        name, is_attachment = _filename(part)
        ctype, params = _content_type(part)
        if name or is_attachment or ctype != "text/html":
            continue
        markup = smart_decode(_payload_bytes(part), params.get("charset"))
        if not _looks_like_form_table(markup):
            return None
        payload = codecs.BOM_UTF8 + markup.encode("utf-8", errors="replace")
        return Attachment(BODY_TABLE_FILENAME, "text/html", payload, str(n), in_body=True)
    return None


def _body_text(leaves: list[Message]) -> str:
    html_text = None
    for part in leaves:
        name, is_attachment = _filename(part)
        if name or is_attachment:
            continue
        ctype, params = _content_type(part)
        if ctype == "text/plain":
            return smart_decode(_payload_bytes(part), params.get("charset"))
        if ctype == "text/html" and html_text is None:
            html_text = _html_to_text(smart_decode(_payload_bytes(part), params.get("charset")))
    return html_text or ""


def _leaves(msg: Message) -> list[Message]:
    """Non-multipart parts in document order; a message/rfc822 part is a leaf here."""
    out: list[Message] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        payload = part.get_payload()
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            stack.extend(reversed([p for p in payload if isinstance(p, Message)]))
        else:
            out.append(part)
    return out


def _decode_cte(part: Message, data: bytes) -> bytes:
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte == "base64":
        return _ew_payload(b"b", b"".join(data.split()))
    if cte == "quoted-printable":
        return quopri.decodestring(data)
    return data


def _inner_message(part: Message, ctype: str, filename: str | None) -> Message | None:
    """The forwarded message held by a part, when it is one."""
    if ctype == "message/rfc822":
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            inner = payload[0]
            body = inner.get_payload()
            # A base64 message/rfc822 part (forbidden, but seen) parses as a header-less
            # message whose body is the base64 text.
            if not inner.keys() and isinstance(body, str):
                return _parse(_decode_cte(part, _to_bytes(body)))
            return inner
        if isinstance(payload, str) and payload.strip():
            return _parse(_decode_cte(part, _to_bytes(payload)))
        return None
    if filename and filename.lower().endswith(".eml"):
        data = _payload_bytes(part)
        return _parse(data) if data else None
    return None


def _attachments(
    msg: Message, prefix: str, depth: int, budget: Budget | None = None
) -> list[Attachment]:
    """The files of msg; `budget` is the whole message's (a new one for a top-level call)."""
    budget = Budget() if budget is None else budget
    found: list[Attachment] = []
    for n, part in enumerate(_leaves(msg), start=1):
        path = f"{prefix}{n}"
        try:
            found.extend(_part_attachments(part, path, depth, budget))
        except Exception:  # noqa: BLE001 - one broken part must not hide the others
            log.warning("skipping unreadable part %s", path, exc_info=True)
    return found


def _part_attachments(part: Message, path: str, depth: int, budget: Budget) -> list[Attachment]:
    ctype, _params = _content_type(part)
    filename, is_attachment = _filename(part)
    if budget.may_nest(depth):
        inner = _inner_message(part, ctype, filename)
        if inner is not None:
            return _attachments(inner, f"{path}/fwd/", depth + 1, budget)
    if not filename and not is_attachment:
        return []
    if not filename:
        ext = _EXTRA_TYPES_BY_TYPE.get(ctype) or mimetypes.guess_extension(ctype) or ".bin"
        filename = f"附件{path.rsplit('/', 1)[-1]}{ext}"
    payload = _payload_bytes(part)
    if ctype in ("application/octet-stream", "application/x-download", "") or "/" not in ctype:
        ctype = guess_content_type(filename)
    att = Attachment(filename=filename, content_type=ctype, payload=payload, path=path)
    return expand_container(att, depth, budget)


def expand_container(att: Attachment, depth: int, budget: Budget) -> list[Attachment]:
    """A zip's, a winmail.dat's or a .msg's files (their containers opened in turn), or
    [att] when it is none of those."""
    if att.filename.lower().endswith(".zip"):
        return expand_zip(att, depth, budget)
    if is_tnef(att.payload):
        return _expand_outlook(att, "tnef", depth, budget)
    if is_msg(att.payload):
        return _expand_outlook(att, "msg", depth, budget)
    return [att]


_EXTRA_TYPES_BY_TYPE = {v: k for k, v in reversed(_EXTRA_TYPES.items())}


# --- zip -------------------------------------------------------------------------------


def _unicode_path_extra(extra: bytes) -> str | None:
    """The Info-ZIP Unicode Path field (0x7075), which some zippers add beside a GBK name."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack("<HH", extra[i : i + 4])
        body = extra[i + 4 : i + 4 + size]
        if tag == 0x7075 and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        i += 4 + size
    return None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author saw it.

    With the UTF-8 flag, zipfile already decoded it; without, zipfile used cp437, whose
    bytes round-trip exactly, so we re-decode them (Chinese Windows writes GBK, no flag).
    """
    if info.flag_bits & 0x800:
        name = info.filename
    else:
        name = _unicode_path_extra(info.extra) or smart_decode(info.filename.encode("cp437"))
    return name.replace("\\", "/")


def _is_junk(name: str) -> bool:
    base = posixpath.basename(name)
    return (
        name.endswith("/")
        or name.startswith("__MACOSX/")
        or "/__MACOSX/" in name
        or base.startswith("._")
        or base in ("", ".DS_Store", "Thumbs.db", "desktop.ini")
    )


def _read_capped(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, budget: Budget
) -> bytes | None:
    """Member bytes, or None when it is bigger than cap (declared sizes can lie).

    Inflated chunk by chunk and charged to the message's budget as it goes, so a member
    over either limit stops within one chunk (BudgetExceeded for the budget).
    """
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as fh:
        while chunk := fh.read(min(_ZIP_CHUNK, cap + 1 - size)):
            budget.charge_bytes(len(chunk))
            size += len(chunk)
            if size > cap:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def _refused(att: Attachment, why: str) -> Attachment:
    return dataclasses.replace(
        att,
        refused=f"压缩包“{att.filename}”{why}，系统未解压。"
        "请不要压缩，直接将Excel表格（.xlsx）作为邮件附件重新发送。",
    )


def _too_big(budget: Budget) -> str:
    return f"解压后过大（每封邮件的压缩包合计解压上限为{budget.expanded_bytes // 2**20}MB）"


def expand_zip(att: Attachment, depth: int = 0, budget: Budget | None = None) -> list[Attachment]:
    """The zip's members as Attachments, or [att] itself when it is corrupt, encrypted or
    empty (the parse stage then names the problem), or [att] marked `refused` when it would
    unpack past the message's budget or nesting limit."""
    budget = Budget() if budget is None else budget
    if not budget.may_nest(depth):
        return [_refused(att, "中嵌套的压缩包层数过多")]
    try:
        with zipfile.ZipFile(io.BytesIO(att.payload)) as zf:
            infos = [i for i in zf.infolist() if not _is_junk(zip_member_name(i))]
            declared = sum(i.file_size for i in infos)
            if not infos or any(i.flag_bits & 0x1 for i in infos):
                return [att]
            if (
                any(i.file_size > MAX_ZIP_MEMBER for i in infos)
                or declared > budget.bytes_left
                or declared > MAX_ZIP_RATIO * max(len(att.payload), 1) + 1024 * 1024
            ):
                return [_refused(att, _too_big(budget))]
            members: list[Attachment] = []
            for info in infos:
                data = _read_capped(zf, info, MAX_ZIP_MEMBER, budget)
                if data is None:
                    return [_refused(att, _too_big(budget))]
                name = zip_member_name(info)
                member = Attachment(
                    filename=posixpath.basename(name),
                    content_type=guess_content_type(name),
                    payload=data,
                    path=f"{att.path}/{att.filename}!{name}",
                )
                members.extend(expand_container(member, depth + 1, budget))
            return members
    except BudgetExceeded:
        log.info("zip %s not expanded: the message's unpacking budget is spent", att.path)
        return [_refused(att, _too_big(budget))]
    except Exception:  # noqa: BLE001 - BadZipFile, CRC errors, truncation, zlib errors...
        log.info("zip %s not expanded (corrupt)", att.path, exc_info=True)
        return [att]


# --- Outlook containers ----------------------------------------------------------------


def _outlook_refused(att: Attachment, kind: str, why: str) -> Attachment:
    if kind == "tnef":
        what = "Outlook以RTF（多信息文本）格式发信时生成的winmail.dat"
        todo = "请在Outlook中将邮件格式改为HTML（“设置文本格式”→“HTML”），直接附上Excel表格（.xlsx）重新发送。"
    else:
        what = "作为附件转发的Outlook邮件（.msg）"
        todo = "请将其中的Excel表格（.xlsx）另存后，直接作为邮件附件重新发送。"
    return dataclasses.replace(
        att, refused=f"附件“{att.filename}”是{what}，{why}，系统无法从中取出表格。{todo}"
    )


def _expand_outlook(att: Attachment, kind: str, depth: int, budget: Budget) -> list[Attachment]:
    """The files of a winmail.dat or .msg, like a zip's members: the message's nesting and
    unpacked-bytes budget apply, names are cleaned; a container holding no file gives []."""
    if not budget.may_nest(depth):
        return [_outlook_refused(att, kind, "嵌套层数过多")]
    too_big = f"其中的文件过大（每封邮件解出的文件合计上限为{budget.expanded_bytes // 2**20}MB）"
    try:
        if kind == "tnef":
            found = tnef_members(att.payload)
        else:
            found = msg_members(att.payload, MAX_ZIP_MEMBER, budget.bytes_left)
    except TooBig:
        return [_outlook_refused(att, kind, too_big)]
    except Exception:  # noqa: BLE001 - a damaged container: the city is told to resend
        log.info("%s %s not expanded (corrupt)", kind, att.path, exc_info=True)
        return [_outlook_refused(att, kind, "已损坏或不完整")]
    out: list[Attachment] = []
    try:
        for member in found:
            if len(member.data) > MAX_ZIP_MEMBER:
                return [_outlook_refused(att, kind, too_big)]
            budget.charge_bytes(len(member.data))
            name = clean_filename(member.name)
            inner = Attachment(
                filename=name,
                content_type=guess_content_type(name),
                payload=member.data,
                path=f"{att.path}/{att.filename}!{name}",
            )
            out.extend(expand_container(inner, depth + 1, budget))
    except BudgetExceeded:
        return [_outlook_refused(att, kind, too_big)]
    return out


# --- entry points ----------------------------------------------------------------------


_BARE_CR = re.compile(rb"\r(?!\n)")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def _parse(raw: bytes) -> Message:
    # A bare CR in a header ends the header section for the parser, which then loses every
    # header after it and the attachments with them: inside the header block it is a space.
    end = _HEADER_END.search(raw)
    cut = end.start() if end else len(raw)
    if b"\r" in raw[:cut]:
        raw = _BARE_CR.sub(b" ", raw[:cut]) + raw[cut:]
    return email.message_from_bytes(raw, policy=compat32)


def extract(raw: bytes) -> ParsedEmail:
    """Everything the pipeline needs from one message. Never raises."""
    try:
        msg = _parse(raw)
        parsed = _extract_message(msg)
    except Exception:  # noqa: BLE001 - e.g. RecursionError on absurd nesting
        log.warning("message could not be parsed; treating it as empty", exc_info=True)
        parsed = None
    return parsed or ParsedEmail(
        message_id=None,
        sender="",
        sender_name="",
        subject="",
        date=None,
        references=(),
        body_text="",
        attachments=(),
    )


def _safe(fn: Callable[[], T], default: T) -> T:
    # One unreadable header must not cost the others.
    try:
        return fn()
    except Exception:  # noqa: BLE001
        log.debug("field extraction failed", exc_info=True)
        return default


def _extract_message(msg: Message) -> ParsedEmail:
    sender = _safe(lambda: _sender(msg), SenderField("", "", "发件人（From）字段无法解析"))
    leaves: list[Message] = _safe(lambda: _leaves(msg), [])
    return ParsedEmail(
        message_id=_safe(lambda: _message_id(_raw_header(msg, "Message-ID")), None),
        sender=sender.address,
        sender_name=sender.name,
        sender_problem=sender.problem,
        subject=_safe(lambda: decode_header_value(_raw_header(msg, "Subject")), ""),
        date=_safe(lambda: _date(_raw_header(msg, "Date")), None),
        references=_safe(lambda: _references(msg), ()),
        body_text=_safe(lambda: _body_text(leaves), ""),
        attachments=tuple(_safe(lambda: _attachments(msg, "", 0), [])),
        body_table=_safe(lambda: _body_table(leaves), None),
    )


def forwarded_messages(raw: bytes) -> list[ParsedEmail]:
    """The messages forwarded inside this one (outermost first), for identification when
    a city's mail reaches the mailbox through someone else."""
    out: list[ParsedEmail] = []
    try:
        _collect_forwarded(_parse(raw), "", 0, out)
    except Exception:  # noqa: BLE001
        log.debug("forwarded messages unreadable", exc_info=True)
    return out


def _collect_forwarded(msg: Message, prefix: str, depth: int, out: list[ParsedEmail]) -> None:
    if depth >= MAX_DEPTH:
        return
    for n, part in enumerate(_leaves(msg), start=1):
        ctype, _ = _content_type(part)
        inner = _inner_message(part, ctype, _filename(part)[0])
        if inner is None:
            continue
        parsed = _extract_message(inner)
        path = f"{prefix}{n}/fwd/"
        # Paths are relative to the outer message, so fix them up.
        out.append(
            dataclasses.replace(parsed, attachments=tuple(_attachments(inner, path, depth + 1)))
        )
        _collect_forwarded(inner, path, depth + 1, out)


_AUTO_SUBJECT_RE = re.compile(
    r"自动回复|自动答复|退信|系统退信|无法投递|投递失败|auto[\s-]?reply|automatic reply|autoreply|"
    r"out of (the )?office|undeliverable|undelivered mail|delivery status notification|"
    r"delivery failure|mail delivery failed|returned mail",
    re.I,
)
_AUTO_SENDER_RE = re.compile(r"^(mailer-daemon|postmaster|no-?reply|mail-?daemon)@", re.I)


def is_automatic(raw: bytes) -> bool:
    """True for bounces, out-of-office replies and other machine mail intake should ignore."""
    try:
        msg = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
        auto = decode_header_value(_raw_header(msg, "Auto-Submitted")).lower()
        if auto and auto != "no":
            return True
        if any(
            _raw_header(msg, h) is not None
            for h in ("X-Autoreply", "X-Autorespond", "X-Failed-Recipients")
        ):
            return True
        precedence = decode_header_value(_raw_header(msg, "Precedence")).lower()
        if precedence in ("bulk", "junk", "auto_reply", "auto-reply"):
            return True
        if "multipart/report" in decode_header_value(_raw_header(msg, "Content-Type")).lower():
            return True
        if decode_header_value(_raw_header(msg, "Return-Path")).strip() == "<>":
            return True
        if _AUTO_SENDER_RE.match(_sender(msg).address):
            return True
        return bool(_AUTO_SUBJECT_RE.search(decode_header_value(_raw_header(msg, "Subject"))))
    except Exception:  # noqa: BLE001
        return False
