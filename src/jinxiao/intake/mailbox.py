"""Read submissions from a Maildir folder or an IMAP server, byte for byte, changing nothing.

Reading never alters the mailbox: Maildir files are not renamed (no flags), IMAP bodies are
fetched with BODY.PEEK (no \\Seen). The only change is mark_processed, which moves a message
to `processed_folder` when one is configured, and which the caller invokes only after the
message's outcome is committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import imaplib
import json
import logging
import os
import re
import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from imap_tools import MailBox, MailBoxUnencrypted
from imap_tools.errors import MailboxFolderSelectError, MailboxLoginError
from imap_tools.utils import encode_folder

from jinxiao.config import truthy
from jinxiao.domain.errors import Unfixable
from jinxiao.domain.models import RawMessage
from jinxiao.intake.auth import AUTH_MODES, AuthMode, AuthPolicy

log = logging.getLogger(__name__)

FETCH_BATCH = 20  # messages per UID FETCH round trip
FETCH_BATCH_BYTES = 32 * 1024 * 1024  # ... and at most this many body bytes per batch
IMAP_TIMEOUT = 60.0  # seconds


class MailboxError(Exception):
    """The mailbox cannot be read; the message names the mailbox so ops can act.

    Plain MailboxError is what may heal (a timeout, a reset, a DNS server that did not
    answer): the task retries with back-off."""


class MailboxUnfixable(MailboxError, Unfixable):
    """A mailbox error no retry can heal (bad config, login refused, nothing listening):
    the task fails at once and says what to fix."""


def _connect_error(scheme: str, where: str, exc: BaseException) -> MailboxError:
    """Sort a failed connect into what a retry may heal and what needs a person."""
    if isinstance(exc, ConnectionRefusedError):
        # Nothing listens there: a wrong host or port, which no retry will fix.
        return MailboxUnfixable(
            f"{scheme} server {where} refused the connection: check host and port "
            f"of the submission_mailbox connection ({exc})"
        )
    if isinstance(exc, socket.gaierror) and exc.errno in (socket.EAI_NONAME, socket.EAI_FAIL):
        # The name does not exist (a typo); EAI_AGAIN, a resolver that did not answer, heals.
        return MailboxUnfixable(
            f"{scheme} host name of {where} does not resolve: check the host of the "
            f"submission_mailbox connection ({exc})"
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailboxUnfixable(
            f"{scheme} server {where} presented a certificate that does not verify: check the "
            f"host name (it must match the certificate) or the CA ({exc.verify_message})"
        )
    return MailboxError(f"cannot connect to {scheme} server {where}: {exc}")


@dataclass(frozen=True)
class MailboxConfig:
    kind: Literal["maildir", "imap"]
    path: str | None = None  # maildir root (has cur/ new/ tmp/)
    host: str | None = None
    port: int | None = None
    login: str | None = None
    password: str | None = None
    use_ssl: bool = False
    folder: str = "INBOX"
    processed_folder: str | None = None  # move here after outcome committed; None = leave
    # Sender authentication (CONTRACT §3): whose Authentication-Results to believe, and
    # what to do when it does not vouch for the sender.
    sender_auth: AuthMode | None = None  # None: "require" for IMAP, "warn" for a Maildir
    authserv_id: str | None = None
    auth_fallback: tuple[tuple[str, str], ...] = ()  # (domain, "dkim" | "spf"), sorted

    def policy(self) -> AuthPolicy:
        default: AuthMode = "require" if self.kind == "imap" else "warn"
        return AuthPolicy(
            mode=self.sender_auth or default,
            authserv_id=self.authserv_id,
            dkim_ok_domains=frozenset(d for d, m in self.auth_fallback if m == "dkim"),
            spf_ok_domains=frozenset(d for d, m in self.auth_fallback if m == "spf"),
        )


def _auth_settings(
    extra: dict[str, Any],
) -> tuple[AuthMode | None, str | None, tuple[tuple[str, str], ...]]:
    """sender_auth (None when unset: policy() picks by kind), authserv_id and auth_fallback
    of a connection's extra, checked: a typo here would silently switch authentication off
    or make every message fail it."""
    mode = str(extra.get("sender_auth") or "").strip().lower() or None
    if mode is not None and mode not in AUTH_MODES:
        raise MailboxUnfixable(
            f"mailbox extra.sender_auth is {extra.get('sender_auth')!r}; "
            f"use one of {', '.join(AUTH_MODES)}"
        )
    authserv_id = str(extra.get("authserv_id") or "").strip() or None
    raw = extra.get("auth_fallback") or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else {}
        except ValueError as exc:
            raise MailboxUnfixable(f"mailbox extra.auth_fallback is not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise MailboxUnfixable('mailbox extra.auth_fallback must map domain -> "dkim" or "spf"')
    fallback: list[tuple[str, str]] = []
    for domain, method in raw.items():
        d = str(domain).strip().rstrip(".").lower()
        m = str(method).strip().lower()
        if not d or m not in ("dkim", "spf"):
            raise MailboxUnfixable(
                f'mailbox extra.auth_fallback: {domain!r}: {method!r} (use "dkim" or "spf")'
            )
        fallback.append((d, m))
    return cast(AuthMode | None, mode), authserv_id, tuple(sorted(fallback))


def mailbox_config_from_conn(
    conn_type: str,
    host: str | None,
    port: int | str | None,
    login: str | None,
    password: str | None,
    extra: dict[str, Any] | str | None,
) -> MailboxConfig:
    """The MailboxConfig an Airflow connection describes.

    Maildir: {"conn_type": "fs", "extra": {"path": "/abs/maildir"}}.
    IMAP: {"conn_type": "imap"|"imaps", "host", "port", "login", "password",
    "extra": {"use_ssl": false, "folder": "INBOX", "processed_folder": "Processed"}};
    imaps or port 993 means SSL unless extra says otherwise.
    Both take "sender_auth" ("require" for IMAP, "warn" for a Maildir unless set),
    "authserv_id" and "auth_fallback" ({"city-domain.example": "dkim" | "spf"}).
    """
    if isinstance(extra, str):
        extra = json.loads(extra) if extra.strip() else {}
    extra = dict(extra or {})
    kind = (conn_type or "").strip().lower()
    processed = extra.get("processed_folder") or None
    if kind in ("fs", "file", "maildir"):
        path = extra.get("path") or host
        if not path:
            raise MailboxUnfixable("maildir connection has no extra.path")
        mode, authserv_id, fallback = _auth_settings(extra)
        return MailboxConfig(
            kind="maildir",
            path=str(path),
            processed_folder=processed,
            sender_auth=mode,
            authserv_id=authserv_id,
            auth_fallback=fallback,
        )
    if kind not in ("imap", "imaps"):
        raise MailboxUnfixable(
            f"unsupported mailbox connection type {conn_type!r} (fs, imap, imaps)"
        )
    if not host:
        raise MailboxUnfixable("IMAP connection has no host")
    mode, authserv_id, fallback = _auth_settings(extra)
    port_num = int(port) if port not in (None, "") else None
    if "use_ssl" in extra:
        use_ssl = truthy(extra["use_ssl"])
    else:
        use_ssl = kind == "imaps" or port_num == 993
    return MailboxConfig(
        kind="imap",
        host=host,
        port=port_num or (993 if use_ssl else 143),
        login=login,
        password=password,
        use_ssl=use_ssl,
        folder=extra.get("folder") or "INBOX",
        processed_folder=processed,
        sender_auth=mode,
        authserv_id=authserv_id,
        auth_fallback=fallback,
    )


class Mailbox(Protocol):
    def refs(self) -> list[str]: ...

    def fetch(self, refs: Iterable[str]) -> Iterator[RawMessage]: ...

    def mark_processed(self, ref: str) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Mailbox: ...

    def __exit__(self, *exc: object) -> None: ...


def open_mailbox(cfg: MailboxConfig) -> Mailbox:
    if cfg.kind == "maildir":
        return MaildirMailbox(cfg)
    if cfg.kind == "imap":
        return ImapMailbox(cfg)
    raise MailboxUnfixable(f"unknown mailbox kind {cfg.kind!r}")


# --- Maildir ---------------------------------------------------------------------------


def _maildir_ref(filename: str) -> str:
    # Flags live after ":2," and change when a mail client reads the file; the ref must not.
    return filename.split(":", 1)[0]


def write_maildir_message(
    root: Path, raw: bytes, name: str | None = None, delivered_at: dt.datetime | None = None
) -> str:
    """Deliver raw bytes into root/new/ via tmp/, as an MDA does; returns the source_ref.

    `delivered_at` (default now) becomes the name's leading seconds: the arrival time."""
    root = Path(root)
    for sub in ("tmp", "new", "cur"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    if name is None:
        digest = hashlib.sha256(raw).hexdigest()[:16]
        now = int(delivered_at.timestamp() * 10**9) if delivered_at else time.time_ns()
        # The Maildir convention: delivery seconds first, which is the arrival time read back.
        name = (
            f"{now // 10**9}.M{now // 1000 % 10**6}P{os.getpid()}Q{digest}.{socket.gethostname()}"
        )
    ref = _maildir_ref(name)
    tmp = root / "tmp" / name
    with open(tmp, "wb") as fh:
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / "new" / name)
    return ref


_DELIVERY_SECONDS = re.compile(r"^(\d{9,11})(?:\D|$)")


def maildir_delivery_time(filename: str, mtime: float) -> dt.datetime:
    """CONTRACT §2: a Maildir name starts with the delivery's Unix seconds (the MDA wrote
    them); the file's mtime only when it does not (a copy or a touch changes an mtime)."""
    m = _DELIVERY_SECONDS.match(filename)
    seconds = int(m.group(1)) if m else mtime
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


class MaildirMailbox:
    def __init__(self, cfg: MailboxConfig) -> None:
        if not cfg.path:
            raise MailboxUnfixable("maildir mailbox has no path")
        self.root = Path(cfg.path).resolve()
        if not (self.root / "new").is_dir() and not (self.root / "cur").is_dir():
            raise MailboxUnfixable(
                f"not a Maildir (no new/ or cur/): {self.root}: check extra.path of the "
                "submission_mailbox connection, or create the Maildir"
            )
        self.source = f"maildir:{self.root}"
        self.processed_folder = cfg.processed_folder
        self._listing: dict[str, Path] | None = None

    def __enter__(self) -> MaildirMailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _files(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for sub in ("new", "cur"):
            folder = self.root / sub
            if not folder.is_dir():
                continue
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file() and not entry.name.startswith("."):
                    found.setdefault(_maildir_ref(entry.name), Path(entry.path))
        return found

    def refs(self) -> list[str]:
        self._listing = self._files()
        return list(self._listing)

    def fetch(self, refs: Iterable[str]) -> Iterator[RawMessage]:
        # The folder is listed once per run (refs()), not once per fetched batch: listing a
        # big Maildir for every 50 messages made collecting quadratic.
        files = self._listing if self._listing is not None else self._files()
        for ref in refs:
            path = files.get(ref)
            try:
                if path is None:
                    raise FileNotFoundError(ref)
                raw, mtime = path.read_bytes(), path.stat().st_mtime
            except FileNotFoundError:
                # A mail client moved it new/ -> cur/ since the listing: list again, once.
                files = self._listing = self._files()
                path = files.get(ref)
                if path is None:
                    log.warning("%s: message %s is gone", self.source, ref)
                    continue
                raw, mtime = path.read_bytes(), path.stat().st_mtime
            yield RawMessage(
                raw=raw,
                source=self.source,
                source_ref=ref,
                arrived_at=maildir_delivery_time(path.name, mtime),
            )

    def _processed_root(self) -> Path:
        folder = self.processed_folder or ""
        # A bare name is a Maildir++ subfolder (what Dovecot shows as that IMAP folder).
        return Path(folder) if os.path.isabs(folder) else self.root / f".{folder}"

    def mark_processed(self, ref: str) -> None:
        if not self.processed_folder:
            return
        path = self._files().get(ref)
        if path is None:
            log.warning("%s: cannot move %s, it is gone", self.source, ref)
            return
        target = self._processed_root()
        for sub in ("tmp", "new", "cur"):
            (target / sub).mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, target / path.parent.name / path.name)
        except FileNotFoundError:
            # Moved since the listing: by a second intake moving the same committed mail
            # (moves run outside the intake lock), or by a mail client new/ -> cur/.
            log.warning(
                "%s: %s moved by someone else meanwhile; left where it went", self.source, ref
            )

    def close(self) -> None:
        pass


# --- IMAP ------------------------------------------------------------------------------

_UID_RE = re.compile(rb"\bUID (\d+)")
_INTERNALDATE_RE = re.compile(rb'INTERNALDATE "([^"]+)"')
_SIZE_RE = re.compile(rb"RFC822\.SIZE (\d+)")


def _internaldate(text: bytes) -> dt.datetime | None:
    m = _INTERNALDATE_RE.search(text)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None


def _fetch_items(data: list[Any]) -> Iterator[tuple[bytes, bytes | None]]:
    """(envelope text, literal) per message of an imaplib FETCH response.

    imaplib gives (b'1 (UID 5 BODY[] {n}', literal) followed by b')' or b' FLAGS (...))'
    when the server puts items after the literal, so both halves are joined for parsing.
    """
    head: bytes | None = None
    literal: bytes | None = None
    for item in data:
        if isinstance(item, tuple):
            if head is not None:
                yield head, literal
            head, literal = item[0], item[1]
        elif isinstance(item, bytes):
            if head is not None:
                yield head + b" " + item, literal
                head, literal = None, None
            else:
                yield item, None
    if head is not None:
        yield head, literal


class ImapMailbox:
    def __init__(self, cfg: MailboxConfig) -> None:
        if not cfg.host:
            raise MailboxUnfixable("IMAP mailbox has no host")
        self.cfg = cfg
        self.port = cfg.port or (993 if cfg.use_ssl else 143)
        self.where = f"{cfg.host}:{self.port}"
        self.source = f"imap:{self.where}/{cfg.folder}"
        self.client = self._connect()
        self.uidvalidity = self._select(cfg.folder)

    def __enter__(self) -> ImapMailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> MailBox | MailBoxUnencrypted:
        scheme = "IMAPS" if self.cfg.use_ssl else "IMAP"
        box: MailBox | MailBoxUnencrypted
        try:
            if self.cfg.use_ssl:
                box = MailBox(self.cfg.host, self.port, timeout=IMAP_TIMEOUT)
            else:
                box = MailBoxUnencrypted(self.cfg.host, self.port, timeout=IMAP_TIMEOUT)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise _connect_error(scheme, self.where, exc) from exc
        try:
            box.login(self.cfg.login or "", self.cfg.password or "", initial_folder=None)
        except MailboxLoginError as exc:
            raise MailboxUnfixable(
                f"{scheme} login as {self.cfg.login!r} on {self.where} was refused: {exc}"
            ) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailboxError(f"{scheme} server {self.where} failed during login: {exc}") from exc
        return box

    def _select(self, folder: str, readonly: bool = True) -> str:
        # EXAMINE while reading, so even \Recent stays as it was; mark_processed re-selects.
        try:
            self.client.folder.set(folder, readonly=readonly)
        except MailboxFolderSelectError as exc:
            # The server answered NO: the folder is not there (or not this user's).
            raise MailboxUnfixable(
                f"folder {folder!r} cannot be opened on {self.where} ({exc}): check extra.folder "
                "of the submission_mailbox connection"
            ) from exc
        except Exception as exc:
            raise MailboxError(f"cannot open folder {folder!r} on {self.where}: {exc}") from exc
        try:
            status = self.client.folder.status(folder, ["UIDVALIDITY"])
        except Exception as exc:
            raise MailboxError(f"cannot open folder {folder!r} on {self.where}: {exc}") from exc
        self.readonly = readonly
        return str(status["UIDVALIDITY"])

    def _uid_command(self, command: str, *args: str) -> list[Any]:
        """One UID command; failures (incl. a dropped connection) name the server."""
        try:
            typ, data = self.client.client.uid(command, *args)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailboxError(f"UID {command} on {self.where} failed: {exc}") from exc
        if typ != "OK":
            raise MailboxError(f"UID {command} on {self.where} failed: {data!r}")
        return data

    def refs(self) -> list[str]:
        data = self._uid_command("SEARCH", "ALL")
        uids = sorted({int(u) for u in (data[0] or b"").split()})
        return [f"{self.uidvalidity}:{uid}" for uid in uids]

    def _uids(self, refs: Iterable[str]) -> list[str]:
        uids: list[str] = []
        for ref in refs:
            validity, _, uid = ref.partition(":")
            if validity != self.uidvalidity or not uid.isdigit():
                # After a UIDVALIDITY change old UIDs name other messages (RFC 3501 2.3.1.1).
                log.warning(
                    "%s: stale ref %s (UIDVALIDITY is now %s)", self.source, ref, self.uidvalidity
                )
                continue
            uids.append(uid)
        return uids

    def _batches(self, uids: list[str]) -> Iterator[list[str]]:
        """UIDs grouped so each FETCH holds at most FETCH_BATCH messages / FETCH_BATCH_BYTES."""
        for start in range(0, len(uids), FETCH_BATCH):
            chunk = uids[start : start + FETCH_BATCH]
            data = self._uid_command("FETCH", ",".join(chunk), "(UID RFC822.SIZE)")
            sizes: dict[str, int] = {}
            for head, _lit in _fetch_items(data):
                uid_m, size_m = _UID_RE.search(head), _SIZE_RE.search(head)
                if uid_m and size_m:
                    sizes[uid_m.group(1).decode()] = int(size_m.group(1))
            batch: list[str] = []
            total = 0
            for uid in chunk:
                if uid not in sizes:
                    continue  # expunged meanwhile
                if batch and total + sizes[uid] > FETCH_BATCH_BYTES:
                    yield batch
                    batch, total = [], 0
                batch.append(uid)
                total += sizes[uid]
            if batch:
                yield batch

    def fetch(self, refs: Iterable[str]) -> Iterator[RawMessage]:
        for batch in self._batches(self._uids(refs)):
            # BODY.PEEK[] is the message exactly as stored, and leaves \Seen alone.
            data = self._uid_command("FETCH", ",".join(batch), "(UID INTERNALDATE BODY.PEEK[])")
            by_uid: dict[str, RawMessage] = {}
            for head, literal in _fetch_items(data):
                uid_m = _UID_RE.search(head)
                if uid_m is None or literal is None:
                    continue
                by_uid[uid_m.group(1).decode()] = RawMessage(
                    raw=literal,
                    source=self.source,
                    source_ref=f"{self.uidvalidity}:{uid_m.group(1).decode()}",
                    arrived_at=_internaldate(head),
                )
            del data
            for uid in batch:
                if uid in by_uid:
                    yield by_uid.pop(uid)

    def mark_processed(self, ref: str) -> None:
        target = self.cfg.processed_folder
        if not target:
            return
        uids = self._uids([ref])
        if not uids:
            return
        if self.readonly and self._select(self.cfg.folder, readonly=False) != self.uidvalidity:
            raise MailboxError(f"UIDVALIDITY of {self.source} changed; {ref} not moved")
        try:
            if not self.client.folder.exists(target):
                self.client.folder.create(target)
            self._move(uids[0], encode_folder(target))
        except MailboxError:
            raise
        except Exception as exc:
            raise MailboxError(f"cannot move {ref} to {target!r} on {self.where}: {exc}") from exc

    def _move(self, uid: str, folder: bytes) -> None:
        imap = self.client.client
        # imaplib passes bytes arguments through unencoded; typeshed types them as str only.
        typ, data = imap.uid("MOVE", uid, folder)  # type: ignore[arg-type]
        if typ == "OK":
            return
        # No MOVE (RFC 6851): copy, then delete only this UID; a plain EXPUNGE would also
        # remove messages someone else flagged \Deleted, so it needs UIDPLUS.
        log.info("%s: UID MOVE refused (%r), using COPY", self.source, data)
        typ, data = imap.uid("COPY", uid, folder)  # type: ignore[arg-type]  # as MOVE above
        if typ != "OK":
            raise MailboxError(f"UID COPY {uid} failed on {self.where}: {data!r}")
        imap.uid("STORE", uid, "+FLAGS.SILENT", "(\\Deleted)")
        typ, data = imap.capability()
        if typ == "OK" and b"UIDPLUS" in b" ".join(d for d in data if isinstance(d, bytes)):
            imap.uid("EXPUNGE", uid)

    def close(self) -> None:
        client, self.client = self.client, None  # type: ignore[assignment]
        if client is None:
            return
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass
