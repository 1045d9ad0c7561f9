"""The tracker as a person sees it: `airflow api-server` with the plugin, opened in Chromium.

Needs /usr/bin/chromium (Debian package `chromium`): skipped without it, failed in CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from demo_season import processed_demo
from fastapi.testclient import TestClient
from test_tracker import AS_OF, build_warehouse, cell_statuses

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
]  # fmt: skip
START_TIMEOUT = 45.0


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is required in CI (apt-get install chromium)")
    pytest.skip("chromium is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(root: Path, seeded) -> dict[str, str]:
    wh = seeded.settings.warehouse
    return {
        **os.environ,
        "AIRFLOW_CONN_WAREHOUSE": json.dumps({"conn_type": "sqlite", "host": wh.path}),
        "AIRFLOW_CONN_SUBMISSION_MAILBOX": json.dumps(
            {"conn_type": "fs", "extra": {"path": seeded.settings.mailbox.path}}
        ),
        "ARCHIVE_DIR": str(seeded.settings.archive_dir),
        "AIRFLOW__CORE__AUTH_MANAGER": (
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
        ),
        # Every request is an admin: the page is reachable without a login form.
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
    }


def wait_until_up(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"api-server exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"api-server not up after {START_TIMEOUT}s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def api_server(root: Path, env: dict[str, str]) -> Iterator[str]:
    """`airflow api-server` with the plugin on a free port, in `env` (server_env's, or a
    test's own: its warehouse, users and passwords)."""
    port = free_port()
    log = root / "api-server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "airflow", "api-server",
             "-H", "127.0.0.1", "-p", str(port), "-w", "1"],
            env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(proc, f"{base}/api/v2/monitor/health", log)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def server(airflow_db, tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("tracker_web")
    with api_server(root, server_env(root, build_warehouse(root))) as base:
        yield base, root


def chromium(root: Path, *args: str) -> subprocess.CompletedProcess:
    profile = root / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_grid_renders_in_chromium(server, tmp_path):
    base, root = server
    url = f"{base}/jinxiao/?as_of={AS_OF}"
    dom = chromium(root, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    page = dom.stdout.decode()
    statuses = cell_statuses(page)
    assert len(statuses) == 44
    assert statuses[("太原市", "registry")] == "on_time"
    assert statuses[("阳泉市", "registry")] == "late"
    assert statuses[("晋城市", "registry")] == "rejected_pending"
    assert statuses[("吕梁市", "registry")] == "missing"
    assert statuses[("临汾市", "results_year")] == "not_due"
    for city in ("太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市",
                 "忻州市", "临汾市", "吕梁市"):  # fmt: skip
        assert f"<th>{city}</th>" in page
    for label in ("按时", "逾期", "未报送", "退回待改", "未到期"):
        assert label in page

    shot = tmp_path / "tracker.png"
    done = chromium(root, f"--screenshot={shot}", url)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    if (REPO / "var").is_dir():
        (REPO / "var" / "screenshots").mkdir(exist_ok=True)
        shutil.copyfile(shot, REPO / "var" / "screenshots" / "tracker.png")


def test_drill_down_renders_in_chromium(server):
    base, root = server
    dom = chromium(root, "--dump-dom", f"{base}/jinxiao/city/{quote('晋城市')}/registry")
    page = dom.stdout.decode()
    assert "晋城市 · 活动名录" in page
    assert "退回修改" in page and "“火星区”不是晋城市的县（市、区）" in page
    assert re.search(r'href="/jinxiao/archive/file/\d+"', page)


def test_plugin_is_in_the_ui_nav(server):
    base, _ = server
    with urllib.request.urlopen(f"{base}/api/v2/plugins", timeout=10) as resp:
        plugins = json.load(resp)["plugins"]
    (ours,) = [p for p in plugins if p["name"] == "jinxiao_tracker"]
    assert ours["fastapi_apps"][0]["url_prefix"] == "/jinxiao"
    (view,) = ours["external_views"]
    assert view["href"] == "/jinxiao/" and view["destination"] == "nav"


def test_tracker_requires_an_airflow_login(airflow_db, tmp_path, monkeypatch):
    """Without all-admins, the plugin's routes answer 401 unless a valid Airflow JWT is sent."""
    seeded = build_warehouse(tmp_path)
    for key, value in server_env(tmp_path, seeded).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "False")
    from airflow.api_fastapi.app import create_app, get_auth_manager
    from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser

    with TestClient(create_app("core")) as client:
        assert client.get("/jinxiao/").status_code == 401
        assert client.get("/jinxiao/archive/file/1").status_code == 401
        token = get_auth_manager().generate_jwt(
            SimpleAuthManagerUser(username="admin", role="admin")
        )
        page = client.get("/jinxiao/", params={"as_of": AS_OF}, cookies={"_token": token})
        assert page.status_code == 200
        assert cell_statuses(page.text)[("太原市", "registry")] == "on_time"


def test_demo_mailbox_state_renders_in_chromium(airflow_db, tmp_path):
    """The tracker over the `make run` demo season, as ops would open it on 2 June."""
    require_chromium()
    settings = processed_demo(tmp_path)
    with api_server(tmp_path, server_env(tmp_path, SimpleNamespace(settings=settings))) as base:
        dom = chromium(tmp_path, "--dump-dom", f"{base}/jinxiao/?as_of=2021-06-02")
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    statuses = cell_statuses(dom.stdout.decode())
    assert statuses[("太原市", "registry")] == "on_time"
    assert statuses[("太原市", "results_may")] == "on_time"
    # Partly accepted on time (2 rows held), then corrected late: on time.
    assert statuses[("朔州市", "registry")] == "on_time"
    assert statuses[("忻州市", "registry")] == "late"
    assert statuses[("吕梁市", "registry")] == "rejected_pending"  # encrypted, then blank
    assert statuses[("临汾市", "plan")] == "on_time"
    assert statuses[("大同市", "results_may")] == "missing"
    assert statuses[("太原市", "results_year")] == "not_due"
    # 晋中's results of May are partly accepted: the cell says how many rows wait.
    assert '<div class="held" data-held="2">2 行待核实</div>' in dom.stdout.decode()
