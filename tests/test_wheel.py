"""The package installs as a wheel and works from anywhere: SQL, migrations, suites, the
default campaign and the tracker's templates travel inside it (importlib.resources)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "jinxiao"
UV = Path(sys.executable).parent / "uv"
# Folders of data, not code, that the package reads at run time.
DATA_FOLDERS = (
    "sql",
    "expectations",
    "campaigns",
    "data",
    "tracker/templates",
    "validate/assets",
    "samples/data",  # the demo's prebuilt .xls
)


def _run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    # Nothing that could lead Python back to the source tree (PYTHONPATH, the dev venv, our
    # own settings); the rest (index and proxy settings) is kept for the build's downloads.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
        and not k.startswith(("JINXIAO_", "AIRFLOW", "OUTPUT_DIR", "ARCHIVE_DIR"))
    }
    clean.update(PATH="/usr/bin:/bin", GX_ANALYTICS_ENABLED="False", **env)
    out = subprocess.run(cmd, cwd=cwd, env=clean, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"{cmd}: {out.stdout[-2000:]}\n{out.stderr[-4000:]}"
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Build from a copy, so the build leaves no build/ or egg-info in the checkout.
    src = tmp_path_factory.mktemp("src")
    shutil.copy(REPO / "pyproject.toml", src)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "src", src / "src", ignore=ignore)
    dist = tmp_path_factory.mktemp("dist")
    _run([str(UV), "build", "-q", "--wheel", "--out-dir", str(dist), str(src)], cwd=src)
    (built,) = dist.glob("jinxiao-*.whl")
    return built


def test_the_wheel_holds_every_data_file_of_the_package(wheel):
    members = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"jinxiao/{p.relative_to(PACKAGE).as_posix()}"
        for folder in DATA_FOLDERS
        for p in (PACKAGE / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    revisions = {
        f"jinxiao/{p.relative_to(PACKAGE).as_posix()}"
        for p in (PACKAGE / "warehouse" / "migrations").rglob("*")
        if p.is_file() and p.suffix in (".py", ".mako")
    }
    assert len(expected) > 40 and len(revisions) >= 3
    missing = (expected | revisions) - members
    assert not missing, f"not in the wheel: {sorted(missing)}"


def test_an_installed_wheel_inspects_a_sample_from_outside_the_repo(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([str(UV), "venv", "-q", "--python", sys.executable, str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        [str(UV), "pip", "install", "-q", "--python", str(python),
         "-r", str(REPO / "requirements.lock"), str(wheel)],
        cwd=tmp_path,
    )  # fmt: skip
    where = _run([str(python), "-c", "import jinxiao; print(jinxiao.__file__)"], cwd=tmp_path)
    assert where.stdout.strip().startswith(str(venv)), where.stdout
    assert str(REPO) not in where.stdout

    work = tmp_path / "elsewhere"
    work.mkdir()
    jinxiao = str(venv / "bin" / "jinxiao")
    _run([jinxiao, "demo", "--maildir", "md"], cwd=work)
    (sample,) = (work / "md" / "new").glob("*.01-taiyuan-registry")
    # inspect opens a throwaway SQLite warehouse: the migrations and views run from the wheel.
    report = json.loads(_run([jinxiao, "inspect", str(sample)], cwd=work).stdout)
    assert report["city"] == "太原市" and report["outcome"] == "accepted"
    (sub,) = report["submissions"]
    assert sub["outcome"] == "accepted" and sub["form"] == "registry" and len(sub["rows"]) > 3
    # "touches nothing": no var/, warehouse or archive appears where it ran.
    assert os.listdir(work) == ["md"]
