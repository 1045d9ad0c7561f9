"""Content-addressed archive of raw messages and their files: written before anything else.

Files are written to a temporary name and renamed into place (a crash leaves no half file
under a real name), then made durable in one step per batch by `sync()`, which callers run
before the warehouse records any of them. One filesystem sync per batch instead of an fsync
per file: the same guarantee at a fraction of the cost (PostgreSQL's
recovery_init_sync_method=syncfs makes the same trade).

The archive may also live in object storage (`s3://bucket/prefix`, any fsspec URL):
`ObjectArchive` keeps the same keys and rules there, so workers on different hosts share it
without a shared disk. `open_archive` picks by the location; `read_archived` reads what a
warehouse row's `archive_path` names, local path or URL.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def _syncfs():
    """libc's syncfs(2) (Linux), or None where there is none."""
    name = ctypes.util.find_library("c")
    try:
        func = ctypes.CDLL(name, use_errno=True).syncfs
    except (OSError, AttributeError, TypeError):
        return None
    func.argtypes = [ctypes.c_int]
    return func


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _parents_up_to(path: Path, root: Path) -> list[Path]:
    """path's directories from its own up to and including root."""
    out = []
    for parent in path.parents:
        out.append(parent)
        if parent == root:
            break
    return out


@dataclass(frozen=True)
class Archive:
    root: Path
    # Files put since the last sync(): not yet known to be on disk.
    unsynced: list[Path] = field(default_factory=list, compare=False, repr=False)

    def path_for(self, digest: str, suffix: str) -> Path:
        # Two levels of fan-out keep directories small for years of mail.
        return self.root / digest[:2] / digest[2:4] / f"{digest}{suffix}"

    def put(self, data: bytes, suffix: str = ".eml") -> tuple[str, Path]:
        """Store bytes under their SHA-256; storing the same bytes again is a no-op.

        The file is durable only after `sync()`.
        """
        digest = sha256(data)
        target = self.path_for(digest, suffix)
        # A file cut short by a crash before its sync has the wrong size: write it again.
        # One already there may be from a run that died before its sync: sync it too.
        if target.exists() and target.stat().st_size == len(data):
            self.unsynced.append(target)
            return digest, target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            # A full disk (ENOSPC) or a kill mid-write: leave no half file behind.
            tmp.unlink(missing_ok=True)
            raise
        self.unsynced.append(target)
        return digest, target

    def sync(self) -> None:
        """Make every file put since the last sync durable: contents, names, directories."""
        if not self.unsynced:
            return
        func = _syncfs()
        fd = os.open(self.root, os.O_RDONLY)
        try:
            if func is not None and func(fd) == 0:
                self.unsynced.clear()
                return
        finally:
            os.close(fd)
        if func is not None:
            log.warning("syncfs failed (errno %s); syncing file by file", ctypes.get_errno())
        self.sync_each()

    def sync_each(self) -> None:
        """fsync each unsynced file and the directories up to the root (where syncfs is
        missing or fails): the fan-out directories may be new as well."""
        directories: dict[Path, None] = {}
        for path in dict.fromkeys(self.unsynced):
            _fsync_path(path)
            directories.update(dict.fromkeys(_parents_up_to(path, self.root)))
        for directory in directories:
            _fsync_path(directory)
        self.unsynced.clear()

    def clean_orphans(self) -> int:
        """Remove temp files a killed run left (call it holding the intake lock: no writer
        is busy then). Returns how many were removed."""
        if not self.root.is_dir():
            return 0
        removed = 0
        for tmp in self.root.glob("*/*/.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
        if removed:
            log.warning(
                "archive %s: removed %d temp files of an interrupted run", self.root, removed
            )
        return removed

    def get(self, digest: str, suffix: str = ".eml") -> bytes:
        return self.path_for(digest, suffix).read_bytes()


class ArchiveStore(Protocol):
    """What intake needs of an archive, on a local disk or in object storage."""

    def put(self, data: bytes, suffix: str = ".eml") -> tuple[str, Path | str]: ...
    def sync(self) -> None: ...
    def clean_orphans(self) -> int: ...
    def get(self, digest: str, suffix: str = ".eml") -> bytes: ...


def is_url(location: str | Path) -> bool:
    """An fsspec URL other than a plain path (file:// is a path too)."""
    text = str(location)
    return "://" in text and not text.startswith("file://")


def _local(location: str | Path) -> Path:
    text = str(location)
    return Path(text.removeprefix("file://"))


@dataclass(frozen=True)
class ObjectArchive:
    """The archive in object storage: same keys, same rules, no local disk.

    An object store's PUT is atomic (an object is there whole or not at all) and durable
    when it returns, so there are no temp names and `sync()` has nothing left to do: the
    guarantee "stored before the warehouse records it" holds as soon as `put` returns.
    An object already there with the right size is never written again.
    """

    url: str

    @functools.cached_property
    def _fs(self):
        import fsspec

        fs, _ = fsspec.core.url_to_fs(self.url)
        return fs

    def url_for(self, digest: str, suffix: str) -> str:
        return f"{self.url.rstrip('/')}/{digest[:2]}/{digest[2:4]}/{digest}{suffix}"

    def put(self, data: bytes, suffix: str = ".eml") -> tuple[str, str]:
        digest = sha256(data)
        target = self.url_for(digest, suffix)
        if self._size(target) != len(data):
            self._fs.pipe_file(target, data)
        return digest, target

    def _size(self, target: str) -> int | None:
        try:
            return int(self._fs.info(target)["size"])
        except FileNotFoundError:
            return None

    def sync(self) -> None:
        """Nothing to do: every put was durable when it returned."""

    def clean_orphans(self) -> int:
        """Nothing to do: a killed PUT leaves no object behind."""
        return 0

    def get(self, digest: str, suffix: str = ".eml") -> bytes:
        return bytes(self._fs.cat_file(self.url_for(digest, suffix)))


def open_archive(location: str | Path) -> Archive | ObjectArchive:
    """The archive at a local path (or file:// URL) or an object-storage URL (s3://...)."""
    if is_url(location):
        return ObjectArchive(str(location))
    return Archive(_local(location))


def read_archived(location: str) -> bytes:
    """The bytes a warehouse row's archive_path names (a local path or a URL)."""
    if is_url(location):
        import fsspec

        with fsspec.open(location, "rb") as fh:
            return fh.read()
    return _local(location).read_bytes()
