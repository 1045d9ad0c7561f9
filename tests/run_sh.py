"""`make run` (scripts/run.sh) in a subprocess, as tests of whole runs start it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_run(var: Path, **env: str) -> str:
    """scripts/run.sh into `var` (JINXIAO_VAR_DIR), with none of this process's Airflow or
    jinxiao settings; `env` adds some. Returns its stdout; fails the test when it fails."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "JINXIAO_"))}
    clean.pop("OUTPUT_DIR", None)
    clean.pop("ARCHIVE_DIR", None)
    clean.update(JINXIAO_VAR_DIR=str(var), **env)
    out = subprocess.run(
        ["bash", str(REPO / "scripts" / "run.sh")],
        cwd=REPO, env=clean, capture_output=True, text=True, timeout=1500,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert "== Province (v_province_summary)" in out.stdout
    return out.stdout
