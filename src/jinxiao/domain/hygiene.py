"""What a sender wrote in a header, made safe to store, show and name files by.

Every header-derived value passes through here before it reaches SQL, the outbox or a file
name: a NUL byte breaks PostgreSQL text, a bare CR breaks the reply's headers, and a
9 KB Message-ID overflows an index row. The raw bytes stay in the archive untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from jinxiao.domain.models import Attachment, ParsedEmail

# Caps per value, in characters. RFC 5322 lines stop at 998 octets; real Message-IDs are
# under 100 characters, addresses under 254 (RFC 5321), subjects a line or two.
MAX_MESSAGE_ID = 250
MAX_ADDRESS = 254
MAX_NAME = 200
MAX_SUBJECT = 500
MAX_FILENAME = 200
MAX_REFERENCES = 50
MAX_DATE_HEADER = 200
MAX_BODY = 200_000

# A Date header outside these years is a typo or a forgery, never a campaign mail.
PLAUSIBLE_YEARS = (1990, 2100)

_SPACES = re.compile(r"\s+")


def _is_control(ch: str) -> bool:
    # Cc = C0/C1 controls (NUL, CR, LF, ESC...); Cf/Cs/Co: invisible format, surrogates, private.
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029\ufeff"


def clean_text(value: str | None, limit: int) -> str | None:
    """One line: control characters become spaces, runs of space one, at most `limit` chars."""
    if value is None:
        return None
    text = "".join(" " if _is_control(ch) else ch for ch in value)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text or None


def clean_body(value: str, limit: int = MAX_BODY) -> str:
    """Multi-line text: keeps line breaks and tabs, drops other controls, caps the length."""
    text = "".join(ch for ch in value if ch in "\n\t" or not _is_control(ch))
    return text[:limit]


def clean_filename(name: str) -> str:
    """A file name a city wrote: no controls, no path, at most MAX_FILENAME characters."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = clean_text(base, MAX_FILENAME) or "未命名文件"
    if len(base) > MAX_FILENAME and "." in base:
        # Keep the extension: it decides how the file is read.
        ext = base.rsplit(".", 1)[1][:10]
        cleaned = cleaned[: MAX_FILENAME - len(ext) - 2] + "…." + ext
    return cleaned


def plausible(when: dt.datetime | None) -> bool:
    return when is not None and PLAUSIBLE_YEARS[0] <= when.year <= PLAUSIBLE_YEARS[1]


def clean_email(parsed: ParsedEmail) -> ParsedEmail:
    """The parsed mail with every header-derived value cleaned and capped."""
    attachments = tuple(
        dataclasses.replace(a, filename=clean_filename(a.filename))
        if a.filename != clean_filename(a.filename)
        else a
        for a in parsed.attachments
    )
    references = tuple(
        r for r in (clean_text(x, MAX_MESSAGE_ID) for x in parsed.references[:MAX_REFERENCES]) if r
    )
    return dataclasses.replace(
        parsed,
        message_id=clean_text(parsed.message_id, MAX_MESSAGE_ID),
        sender=(clean_text(parsed.sender, MAX_ADDRESS) or "").replace(" ", ""),
        sender_name=clean_text(parsed.sender_name, MAX_NAME) or "",
        subject=clean_text(parsed.subject, MAX_SUBJECT) or "",
        date=parsed.date if plausible(parsed.date) else None,
        references=references,
        body_text=clean_body(parsed.body_text),
        attachments=attachments,
    )


def clean_attachment_suffix(att: Attachment) -> str:
    """The archive file's suffix: the extension's letters and digits only."""
    ext = att.filename.rsplit(".", 1)[1] if "." in att.filename else ""
    ext = re.sub(r"[^0-9A-Za-z]", "", ext)[:10]
    return f".{ext}" if ext else ".bin"
