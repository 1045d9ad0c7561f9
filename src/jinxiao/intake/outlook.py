"""The files inside Outlook's own containers: TNEF winmail.dat and a saved mail (.msg).

Outlook in rich-text mode wraps every file of a mail in one winmail.dat (application/ms-tnef);
a clerk forwarding a county's mail often attaches it as the .msg Outlook saved. Either way
the table the city meant is inside. Only the parsing lives here: `mime` charges the members
to the message's budget, names them and opens them again when they are containers too.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import extract_msg
import olefile
import tnefparse
from extract_msg.enums import AttachmentType, ErrorBehavior

log = logging.getLogger(__name__)

TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# A winmail.dat is read into memory whole by tnefparse, which copies the rest of the file at
# every attribute: a real one has a few dozen attributes, so thousands mean a crafted file.
MAX_TNEF_ATTRIBUTES = 5000
_MAPI_ATTACH_LONG_FILENAME = 0x3707
_MAPI_DISPLAY_NAME = 0x3001
_MAPI_ATTACH_EXTENSION = 0x3703
_ATT_DATA = "__substg1.0_37010102"  # PR_ATTACH_DATA_BIN


@dataclass(frozen=True)
class Member:
    """A file found inside a container: its name as the sender's Outlook stored it."""

    name: str
    data: bytes


class TooBig(Exception):
    """The container's files, as its directory declares them, are over the allowance."""


def is_tnef(payload: bytes) -> bool:
    return payload.startswith(TNEF_SIGNATURE)


def is_msg(payload: bytes) -> bool:
    """An OLE compound file laid out as an Outlook message ([MS-OXMSG])."""
    if not payload.startswith(_CFB_MAGIC):
        return False
    try:
        with olefile.OleFileIO(payload) as ole:
            # PR_MESSAGE_CLASS, in Unicode or 8-bit: every message has one.
            has_class = ole.exists("__substg1.0_001A001F") or ole.exists("__substg1.0_001A001E")
            return bool(ole.exists("__properties_version1.0") and has_class)
    except Exception:  # noqa: BLE001 - not a compound file we can open: not a .msg either
        return False


# --- TNEF ------------------------------------------------------------------------------------


def _check_tnef_frame(payload: bytes) -> None:
    """Walk the attribute headers (level, id, length) alone: a file cut short in transit, or
    one of thousands of attributes, raises ValueError before tnefparse copies anything."""
    offset, count = 6, 0
    while offset < len(payload):
        if offset + 11 > len(payload):
            break  # a few bytes of padding after the last attribute, as some writers leave
        offset += 11 + int.from_bytes(payload[offset + 5 : offset + 9], "little")
        count += 1
        if offset > len(payload):
            raise ValueError(f"TNEF attribute {count} runs past the end")
        if count > MAX_TNEF_ATTRIBUTES:
            raise ValueError(f"more than {MAX_TNEF_ATTRIBUTES} TNEF attributes")


def _text(value: object, codepage: str | None) -> str:
    """A TNEF name: tnefparse gives a str, a one-item list or raw bytes in the OEM code page."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, bytes):
        value = _decode_oem(value, codepage)
    return str(value).replace("\x00", "").strip()


def _decode_oem(data: bytes, codepage: str | None) -> str:
    for codec in (codepage or "cp936", "utf-8"):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _tnef_name(att: tnefparse.tnef.TNEFAttachment, codepage: str | None, n: int) -> str:
    # The Unicode long name first: the title is the 8.3 name ("附件2~1.XLS") in recent Outlook.
    props = {p.name: p.data for p in att.mapi_attrs}
    long_name = _text(props.get(_MAPI_ATTACH_LONG_FILENAME, ""), codepage)
    title = _text(att._name, codepage)
    display = _text(props.get(_MAPI_DISPLAY_NAME, ""), codepage)
    ext = _text(props.get(_MAPI_ATTACH_EXTENSION, ""), codepage)
    for name in (long_name, display if "." in display else "", title):
        if name:
            return name
    return f"附件{n}{ext}"


def tnef_members(payload: bytes) -> list[Member]:
    """The files of a winmail.dat, in order; a file embedded as a message is left out (its
    own files are what a city would mean, and Outlook never puts a table there)."""
    _check_tnef_frame(payload)
    tnef = tnefparse.TNEF(payload, do_checksum=False)
    out = []
    for n, att in enumerate(tnef.attachments, start=1):
        data = att.data if isinstance(att.data, bytes) else b""
        if data and not hasattr(att, "embed"):
            out.append(Member(_tnef_name(att, tnef.codepage, n), data))
    return out


# --- .msg ------------------------------------------------------------------------------------

_ATTACH_STORAGE = re.compile(r"^__attach_version1\.0_#[0-9a-f]{8}$", re.I)


def _declared_bytes(payload: bytes) -> tuple[int, int]:
    """(largest, total) size of the attachment data streams, embedded messages included, as
    the compound file's directory states them (what reading them will allocate)."""
    with olefile.OleFileIO(payload) as ole:
        sizes = [
            ole.get_size(path)
            for path in ole.listdir(streams=True, storages=False)
            if path[-1].upper() == _ATT_DATA.upper()
            and len(path) >= 2
            and _ATTACH_STORAGE.match(path[-2])
        ]
    return max(sizes, default=0), sum(sizes)


def msg_members(payload: bytes, max_member: int, max_total: int) -> list[Member]:
    """The files attached to a saved Outlook mail; an attached mail comes back as its own
    .msg bytes (the caller opens it one level deeper). Raises TooBig before reading a byte
    of data when the declared sizes are over the allowances."""
    largest, total = _declared_bytes(payload)
    if largest > max_member or total > max_total:
        raise TooBig(f"declared {total} bytes (largest {largest})")
    msg = extract_msg.openMsg(payload, errorBehavior=ErrorBehavior.SUPPRESS_ALL)
    out = []
    try:
        # Only a message class with attachments has the attribute (a contact card has none).
        attachments: list[Any] = list(getattr(msg, "attachments", []))
        for n, att in enumerate(attachments, start=1):
            name = att.longFilename or att.shortFilename or att.displayName or ""
            name = name.replace("\x00", "").strip()
            if att.type == AttachmentType.DATA and isinstance(att.data, bytes):
                out.append(Member(name or f"附件{n}{att.extension or ''}", att.data))
            elif att.type == AttachmentType.MSG:
                inner = att.data.exportBytes()
                subject = (att.data.subject or "").strip()
                out.append(Member(name or f"{subject or f'附件{n}'}.msg", inner))
    finally:
        msg.close()
    return out
