"""The demo's prebuilt files are what their builders make today (no stale bytes ship)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from xls_files import DEMO_XLS, demo_xls

import jinxiao.samples.files as ff
from jinxiao.domain.models import Attachment
from jinxiao.reading.formats import read_workbook


def test_the_shipped_demo_xls_is_current():
    # If this fails, registry_rows or the writer changed: run `python tests/xls_files.py`.
    assert ff.DEMO_XLS == DEMO_XLS
    assert ff.demo_xls_bytes() == demo_xls()


def test_the_demo_xls_reads_as_the_registry_it_was_built_from():
    wb = read_workbook(
        Attachment("附件2 大同市.xls", "application/vnd.ms-excel", ff.demo_xls_bytes(), "2")
    )
    assert wb.kind == "xls"
    rows = wb.sheets[0].rows
    assert rows[2] == ff.header() and len(rows) == len(
        ff.registry_rows("大同市", 6, messy=True, seed=2)
    )


def test_the_demo_maildir_builds_without_xlwt(tmp_path):
    # xlwt is a dev dependency: `make run` on a runtime-only install must not import it.
    code = (
        "import sys; sys.modules['xlwt'] = None\n"
        "from pathlib import Path\n"
        "from jinxiao.jobs.demo import write_demo_maildir\n"
        f"print(write_demo_maildir(Path({str(tmp_path)!r})))\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 0 and any(tmp_path.rglob("*02-datong-registry-xls"))
