"""The archive and the output folder of a run, wherever Settings says they are.

Local folders are used in place. With object storage (Settings.archive_url / output_url) the
archive is read and written there directly, and a task writes its outputs into a private
staging folder that is uploaded when the task ends: the next task may run on another host, so
nothing a task leaves may stay on its local disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinxiao.intake.archive import Archive, ObjectArchive, open_archive
from jinxiao.jobs.settings import Settings

log = logging.getLogger(__name__)


def archive_of(settings: Settings) -> Archive | ObjectArchive:
    return open_archive(settings.archive_url or settings.archive_dir)


@dataclass
class Outputs:
    """A task's output folder: `dir` to write into; `location` names a written file where
    others find it (its URL in object storage, else its path)."""

    dir: Path
    url: str | None = None
    fetched: dict[str, str] = field(default_factory=dict)  # relative path -> sha256

    def location(self, path: Path | str) -> str:
        if self.url is None:
            return str(path)
        return f"{self.url}/{Path(path).relative_to(self.dir).as_posix()}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def outputs(settings: Settings, needs: Sequence[str] = ()) -> Iterator[Outputs]:
    """The output folder for one task. With object storage: a staging folder holding the
    files matching `needs` (globs relative to the output URL: what the task reads of earlier
    tasks' files), and on success every new or changed file is uploaded."""
    if settings.output_url is None:
        yield Outputs(settings.output_dir)
        return
    import fsspec

    fs, root = fsspec.core.url_to_fs(settings.output_url)
    root = root.rstrip("/")
    with tempfile.TemporaryDirectory(prefix="jinxiao-output-") as tmp:
        staged = Outputs(Path(tmp), settings.output_url)
        for pattern in needs:
            for remote in fs.glob(f"{root}/{pattern}"):
                rel = remote[len(root) :].lstrip("/")
                data = bytes(fs.cat_file(remote))
                target = staged.dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                staged.fetched[rel] = _digest(data)
        yield staged
        uploaded = 0
        for path in sorted(p for p in staged.dir.rglob("*") if p.is_file()):
            rel = path.relative_to(staged.dir).as_posix()
            data = path.read_bytes()
            if staged.fetched.get(rel) != _digest(data):
                fs.pipe_file(f"{root}/{rel}", data)
                uploaded += 1
        log.info("outputs: %d file(s) uploaded to %s", uploaded, settings.output_url)
