"""Content-addressed archive of raw messages and their files: written before anything else."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Archive:
    root: Path

    def path_for(self, digest: str, suffix: str) -> Path:
        # Two levels of fan-out keep directories small for years of mail.
        return self.root / digest[:2] / digest[2:4] / f"{digest}{suffix}"

    def put(self, data: bytes, suffix: str = ".eml") -> tuple[str, Path]:
        """Store bytes under their SHA-256; storing the same bytes again is a no-op."""
        digest = sha256(data)
        target = self.path_for(digest, suffix)
        if target.exists() and target.stat().st_size == len(data):
            return digest, target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # rename is atomic: a crash leaves either no file or the whole file.
        os.replace(tmp, target)
        return digest, target

    def get(self, digest: str, suffix: str = ".eml") -> bytes:
        return self.path_for(digest, suffix).read_bytes()
