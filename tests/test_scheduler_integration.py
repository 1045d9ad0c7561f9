"""submission_intake the way production runs it: scheduler, dag-processor and api-server.

`dags test` runs tasks in-process; this starts the real components as separate processes on a
PostgreSQL metadata database (LocalExecutor), unpauses and triggers the DAG through the
authenticated REST API, waits for the scheduler to run it, and reads the warehouse views.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from conftest import fresh_pg_database
from smtp_server import smtp_server_fixture  # noqa: F401
from sqlalchemy import text

from jinxiao.intake.mailbox import write_maildir_message
from jinxiao.samples.files import registry_merges, registry_rows, xlsx_bytes
from jinxiao.samples.mail import build_email
from jinxiao.warehouse.connection import WarehouseConfig, connect

REPO = Path(__file__).resolve().parents[1]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
DAG_ID = "submission_intake"
USER, PASSWORD = "ops", "intake-test-password"
RUN_TIMEOUT = 240.0
SUBJECT = "关于报送2021年全国消费促进月活动情况的函"
ATTACHMENT = "附件2：{}2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx"
TAIYUAN_ROWS = 6


# --------------------------------------------------------------------------- inputs


def _registry(city: str, n: int, seed: int) -> bytes:
    return xlsx_bytes(registry_rows(city, n, seed=seed), merges=registry_merges(n))


def _write_mailbox(root: Path) -> None:
    """太原's registry from its registered address, and a perfect table from a stranger."""
    taiyuan = build_email(
        "swj@taiyuan.sx.example",
        f"太原市{SUBJECT}",
        [(ATTACHMENT.format("太原市"), _registry("太原市", TAIYUAN_ROWS, seed=1))],
        sender_name="太原市商务局",
        date="Wed, 21 Apr 2021 09:30:00 +0800",
    )
    stranger = build_email(
        "market@huarun-wanjia.example",
        "华润万家五一促销活动报名表",
        [("活动名录.xlsx", _registry("太原市", 3, seed=11))],
        date="Thu, 22 Apr 2021 13:00:00 +0800",
    )
    write_maildir_message(root, taiyuan, "1619000000.taiyuan.mx")
    write_maildir_message(root, stranger, "1619060000.stranger.mx")


# --------------------------------------------------------------------------- Airflow cluster


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_url(database: str, driver: str = "psycopg") -> str:
    host = os.environ.get("PGHOST_TEST", "127.0.0.1")
    port = os.environ.get("PGPORT_TEST", "5432")
    user = os.environ.get("PGUSER_TEST", "postgres")
    return f"postgresql+{driver}://{user}@{host}:{port}/{database}"


@pytest.fixture
def metadata_db() -> Iterator[str]:
    """A fresh PostgreSQL database for Airflow's metadata, dropped afterwards."""
    with fresh_pg_database("jx_airflow") as name:
        yield _pg_url(name)


def _warehouse_conn(cfg: WarehouseConfig) -> str:
    return json.dumps(
        {"conn_type": "postgres", "host": cfg.host, "port": cfg.port, "login": cfg.login,
         "password": "", "schema": cfg.database}
    )  # fmt: skip


def _airflow_env(home: Path, metadata_url: str, api_port: int, warehouse: WarehouseConfig) -> dict:
    """The whole environment of every Airflow process: nothing inherited from the test run.

    conftest.py points os.environ's AIRFLOW_HOME at the session's SQLite home; a child that
    saw it (or any other AIRFLOW__*) would run on the wrong metadata database.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    passwords = home / "passwords.json"
    passwords.write_text(json.dumps({USER: PASSWORD}))
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url,
            # Airflow would derive asyncpg for the async engine; psycopg 3 does both.
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": metadata_url,
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
            # Every process must sign and check task tokens with the same secret.
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
            "AIRFLOW__API__SECRET_KEY": secrets.token_hex(32),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__API__WORKERS": "1",
            # Other test runs on this machine may hold the default log-server port.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
            # Short loops so the test waits seconds, not minutes, for each hand-over.
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW__SCHEDULER__JOB_HEARTBEAT_SEC": "1",
            # Unpausing would also start the 30-minute schedule's latest run, and the manual
            # run would queue behind it (max_active_runs=1): only the triggered run, please.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "2",
            "AIRFLOW__DAG_PROCESSOR__PRINT_STATS_INTERVAL": "600",
            "AIRFLOW_CONN_SUBMISSION_MAILBOX": json.dumps(
                {"conn_type": "fs", "extra": {"path": str(home.parent / "maildir")}}
            ),
            "AIRFLOW_CONN_WAREHOUSE": _warehouse_conn(warehouse),
            "AIRFLOW_VAR_SENDER_REGISTRY": str(REPO / "config" / "senders.csv"),
            "ARCHIVE_DIR": str(home.parent / "archive"),
            "OUTPUT_DIR": str(home.parent / "output"),
            "GX_ANALYTICS_ENABLED": "False",
        }
    )
    return env


@dataclass
class Cluster:
    home: Path
    env: dict
    api: str
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    outputs: list = field(default_factory=list)

    def log(self, name: str) -> Path:
        return self.home / f"{name}.out"

    def start(self, name: str, *args: str) -> None:
        out = self.log(name).open("wb")
        self.outputs.append(out)
        # Own process group: the component's children (task runners, uvicorn) die with it.
        self.procs[name] = subprocess.Popen(
            [AIRFLOW, *args], env=self.env, cwd=self.home, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise AssertionError(
                    f"airflow {name} exited with {proc.returncode}\n{self.diagnostics()}"
                )

    def stop(self) -> None:
        for proc in self.procs.values():
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
        for out in self.outputs:
            out.close()

    def diagnostics(self, lines: int = 60) -> str:
        parts = [
            f"--- {self.log(n).name} (tail) ---\n{_tail(self.log(n), lines)}" for n in self.procs
        ]
        for task_log in sorted((self.home / "logs").rglob("*.log")):
            if task_log.stat().st_size == 0:  # the dag-processor's per-file logs, mostly
                continue
            parts.append(
                f"--- task log {task_log.relative_to(self.home)} ---\n{_tail(task_log, 80)}"
            )
        return "\n".join(parts)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def _tail(path: Path, lines: int) -> str:
    if not path.exists():
        return "(missing)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _start_cluster(tmp_path: Path, metadata_db: str, warehouse: WarehouseConfig,
                   **extra_env: str) -> Cluster:  # fmt: skip
    home = tmp_path / "airflow"
    home.mkdir()
    _write_mailbox(tmp_path / "maildir")
    port = _free_port()
    env = {**_airflow_env(home, metadata_db, port, warehouse), **extra_env}
    c = Cluster(home, env, f"http://127.0.0.1:{port}")
    migrate = subprocess.run(
        [AIRFLOW, "db", "migrate"], env=c.env, cwd=home, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
    try:
        c.start("api-server", "api-server", "--port", str(port), "--host", "127.0.0.1")
        c.start("scheduler", "scheduler")
        c.start("dag-processor", "dag-processor")
    except BaseException:
        c.stop()
        raise
    return c


@pytest.fixture
def cluster(tmp_path: Path, metadata_db: str, pg_warehouse: WarehouseConfig) -> Iterator[Cluster]:
    c = _start_cluster(tmp_path, metadata_db, pg_warehouse)
    try:
        yield c
    finally:
        c.stop()


# --------------------------------------------------------------------------- REST API


def _wait(cluster: Cluster, what: str, timeout: float, probe) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cluster.check_alive()
        result = probe()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(
        f"timed out after {timeout:.0f}s waiting for {what}\n{cluster.diagnostics()}"
    )


def _client(cluster: Cluster) -> httpx.Client:
    def healthy() -> bool:
        try:
            return httpx.get(f"{cluster.api}/api/v2/monitor/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    _wait(cluster, "the api-server", 90, healthy)
    resp = httpx.post(
        f"{cluster.api}/auth/token", json={"username": USER, "password": PASSWORD}, timeout=30
    )
    assert resp.status_code == 201, resp.text
    token = resp.json()["access_token"]
    return httpx.Client(
        base_url=f"{cluster.api}/api/v2", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def _run_dag(cluster: Cluster, api: httpx.Client) -> dict:
    _wait(cluster, f"the dag-processor to parse {DAG_ID}", 90,
          lambda: api.get(f"/dags/{DAG_ID}").status_code == 200)  # fmt: skip
    resp = api.patch(f"/dags/{DAG_ID}", json={"is_paused": False})
    assert resp.status_code == 200 and resp.json()["is_paused"] is False, resp.text
    resp = api.post(f"/dags/{DAG_ID}/dagRuns", json={"logical_date": None, "conf": {}})
    assert resp.status_code == 200, resp.text
    run_id = resp.json()["dag_run_id"]

    def finished() -> dict | None:
        run = api.get(f"/dags/{DAG_ID}/dagRuns/{run_id}").json()
        if run["state"] in ("success", "failed"):
            return run
        # The DAG retries for minutes; the first failed try is all the test needs to know.
        tis = api.get(f"/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances").json()["task_instances"]
        bad = [t["task_id"] for t in tis if t["state"] in ("up_for_retry", "failed")]
        if bad:
            raise AssertionError(f"task(s) {bad} failed in {run_id}\n{cluster.diagnostics()}")
        return None

    run = _wait(cluster, f"{DAG_ID} run {run_id}", RUN_TIMEOUT, finished)
    assert run["state"] == "success", f"{run_id} ended {run['state']}\n{cluster.diagnostics()}"
    assert run["run_type"] == "manual"
    return run


# --------------------------------------------------------------------------- the test


def test_scheduler_runs_intake_into_warehouse(cluster: Cluster, pg_warehouse: WarehouseConfig):
    started = time.monotonic()
    with _client(cluster) as api:
        run = _run_dag(cluster, api)
        tis = api.get(f"/dags/{DAG_ID}/dagRuns/{run['dag_run_id']}/taskInstances").json()
    print(f"submission_intake ran through the scheduler in {time.monotonic() - started:.1f}s")
    states = {t["task_id"]: t["state"] for t in tis["task_instances"]}
    assert {"collect_mail", "process_messages"} <= set(states), states
    assert set(states.values()) == {"success"}, states

    engine = connect(pg_warehouse)
    with engine.connect() as conn:
        submissions = conn.execute(
            text("SELECT city_name, form, outcome, sender FROM v_submission ORDER BY sender")
        ).all()
        activities = conn.execute(
            text("SELECT city_name, COUNT(*) FROM v_activity_current GROUP BY city_name")
        ).all()
        messages = conn.execute(text("SELECT COUNT(*) FROM message")).scalar()
    engine.dispose()

    by_sender = {r.sender: (r.city_name, r.form, r.outcome) for r in submissions}
    assert len(submissions) == 2, submissions
    assert by_sender == {
        "swj@taiyuan.sx.example": ("太原市", "registry", "accepted"),
        "market@huarun-wanjia.example": (None, None, "quarantined"),
    }, submissions
    assert messages == 2
    assert dict(activities) == {"太原市": TAIYUAN_ROWS}
    assert any(p.suffix == ".eml" for p in (cluster.home.parent / "archive").rglob("*"))


def test_a_closed_imap_port_fails_at_once_and_the_dag_processor_sends_one_alert(
    tmp_path: Path, metadata_db: str, pg_warehouse: WarehouseConfig, smtp_server
):
    """As production runs it: the task fails on its first try, and the run's one alert
    (the DAG callback, run by the dag-processor) carries the task's error and log link."""
    closed = _free_port()
    base_url = "http://airflow.commerce.sx.example"
    c = _start_cluster(
        tmp_path, metadata_db, pg_warehouse,
        AIRFLOW__API__BASE_URL=base_url,
        AIRFLOW_CONN_SUBMISSION_MAILBOX=json.dumps(
            {"conn_type": "imap", "host": "127.0.0.1", "port": closed, "login": "swj",
             "password": "x", "extra": {"use_ssl": False}}),
        AIRFLOW_CONN_SMTP_DEFAULT=json.dumps(
            {"conn_type": "smtp", "host": smtp_server.host, "port": smtp_server.port,
             "extra": {"from_email": "xfc@commerce.sx.example", "ops_email": "ops@x.example",
                       "disable_ssl": True, "disable_tls": True}}),
    )  # fmt: skip
    try:
        with _client(c) as api:
            _wait(c, f"the dag-processor to parse {DAG_ID}", 90,
                  lambda: api.get(f"/dags/{DAG_ID}").status_code == 200)  # fmt: skip
            assert api.patch(f"/dags/{DAG_ID}", json={"is_paused": False}).status_code == 200
            resp = api.post(f"/dags/{DAG_ID}/dagRuns", json={"logical_date": None, "conf": {}})
            run_id = resp.json()["dag_run_id"]
            started = time.monotonic()
            run = _wait(c, "the run to fail", RUN_TIMEOUT, lambda: (
                r if (r := api.get(f"/dags/{DAG_ID}/dagRuns/{run_id}").json())["state"]
                in ("success", "failed") else None))  # fmt: skip
            failed_after = time.monotonic() - started
            tis = api.get(f"/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances").json()
            _wait(c, "the alert", 90, lambda: smtp_server.messages)
            time.sleep(5)  # a second alert, if any, would have come by now
    finally:
        c.stop()
    print(f"closed IMAP port under the scheduler: failed {failed_after:.1f}s after the trigger, "
          f"{len(smtp_server.messages)} alert(s)")  # fmt: skip
    assert run["state"] == "failed"
    states = {t["task_id"]: (t["state"], t["try_number"]) for t in tis["task_instances"]}
    assert states["collect_mail"] == ("failed", 1), states
    (alert,) = smtp_server.parsed()
    body = alert.get_content()
    assert f"127.0.0.1:{closed} refused the connection: check host and port" in body, body
    assert (
        f"日志: {base_url}/dags/{DAG_ID}/runs/" in body
        and "tasks/collect_mail?try_number=1" in body
    )
