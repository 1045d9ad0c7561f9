"""The raw archive: content-addressed, rewritten when cut short, durable after sync()."""

from __future__ import annotations

import hashlib

from jinxiao.intake import archive as archive_mod
from jinxiao.intake.archive import Archive


def test_put_stores_bytes_under_their_sha256_and_sync_clears_the_pending_list(tmp_path):
    arc = Archive(tmp_path / "a")
    raw = "From: swj@taiyuan.sx.example\r\n\r\n附件2".encode()
    digest, path = arc.put(raw, ".eml")
    assert digest == hashlib.sha256(raw).hexdigest()
    assert path == tmp_path / "a" / digest[:2] / digest[2:4] / f"{digest}.eml"
    assert arc.get(digest) == raw
    assert arc.unsynced == [path]
    arc.sync()
    assert arc.unsynced == []
    assert not list(path.parent.glob(".*.tmp"))


def test_same_bytes_again_write_nothing_new_but_are_synced_again(tmp_path):
    arc = Archive(tmp_path)
    _, path = arc.put(b"x" * 100)
    arc.sync()
    mtime = path.stat().st_mtime_ns
    assert arc.put(b"x" * 100) == (hashlib.sha256(b"x" * 100).hexdigest(), path)
    assert path.stat().st_mtime_ns == mtime
    # It may be left by a run that died before its sync(): the rerun syncs it.
    assert arc.unsynced == [path]


def test_a_copy_cut_short_by_a_crash_is_written_again(tmp_path):
    arc = Archive(tmp_path)
    data = b"PK\x03\x04" + bytes(range(256)) * 40
    digest, path = arc.put(data, ".xlsx")
    path.write_bytes(data[:100])  # what a power cut before sync() can leave behind
    assert arc.put(data, ".xlsx") == (digest, path)
    assert path.read_bytes() == data


def test_without_syncfs_each_file_and_directory_is_fsynced(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync = archive_mod.os.fsync

    def fsync(fd: int) -> None:
        synced.append(archive_mod.os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(archive_mod, "_syncfs", lambda: None)  # a platform without syncfs
    monkeypatch.setattr(archive_mod.os, "fsync", fsync)
    arc = Archive(tmp_path / "archive")
    _, one = arc.put(b"one")
    _, two = arc.put(b"two")
    arc.sync()
    # The files, their directories, and the fan-out directories made for them up to the root.
    dirs = {one.parent, one.parent.parent, two.parent, two.parent.parent, arc.root}
    assert {str(one), str(two), *map(str, dirs)} <= set(synced)
    assert arc.unsynced == []


def test_syncfs_is_found_on_linux():
    # The machines this runs on are Linux; losing syncfs would silently fall back to
    # an fsync per file.
    assert callable(archive_mod._syncfs())
