"""A real Airflow deployment on loopback for tests and benchmarks, built on the scheduler
test's pieces (tests/test_scheduler_integration.py): scheduler, dag-processor, api-server,
and as asked a triggerer and Celery workers, each process with its own environment and
working folder when it stands for another host.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from test_scheduler_integration import AIRFLOW, Cluster, _airflow_env, _client, _free_port, _wait

from jinxiao.warehouse.connection import WarehouseConfig

__all__ = ["AIRFLOW", "Deployment", "_free_port", "_wait", "client", "start_deployment"]


@dataclass
class Deployment(Cluster):
    def start_in(self, name: str, cwd: Path, env: dict, *args: str) -> None:
        """A component with its own folder and environment (another host, as it were)."""
        cwd.mkdir(parents=True, exist_ok=True)
        out = self.log(name).open("wb")
        self.outputs.append(out)
        self.procs[name] = subprocess.Popen(
            [AIRFLOW, *args], env=env, cwd=cwd, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def start_deployment(
    root: Path,
    metadata_url: str,
    warehouse: WarehouseConfig,
    extra_env: dict[str, str],
    components: tuple[str, ...] = ("api-server", "scheduler", "dag-processor", "triggerer"),
) -> Deployment:
    home = root / "airflow"
    home.mkdir(parents=True)
    port = _free_port()
    env = {**_airflow_env(home, metadata_url, port, warehouse), **extra_env}
    d = Deployment(home, env, f"http://127.0.0.1:{port}")
    migrate = subprocess.run(
        [AIRFLOW, "db", "migrate"], env=env, cwd=home, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
    try:
        for name in components:
            if name == "api-server":
                d.start(name, "api-server", "--port", str(port), "--host", "127.0.0.1")
            else:
                d.start(name, name)
    except BaseException:
        d.stop()
        raise
    return d


def client(d: Deployment, timeout: float = 300.0) -> httpx.Client:
    """The REST API with a token, once the api-server answers (minutes on a loaded machine)."""

    def healthy() -> bool:
        try:
            return httpx.get(f"{d.api}/api/v2/monitor/health", timeout=10).status_code == 200
        except httpx.TransportError:
            return False

    _wait(d, "the api-server", timeout, healthy)
    return _client(d)


def wait_for_dags(d: Deployment, api: httpx.Client, dag_ids: list[str]) -> None:
    for dag_id in dag_ids:
        _wait(d, f"the dag-processor to parse {dag_id}", 180,
              lambda dag_id=dag_id: api.get(f"/dags/{dag_id}").status_code == 200)  # fmt: skip


def poll(what: str, timeout: float, probe: Callable[[], object], every: float = 0.25) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := probe():
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
