"""`make run` as ops see it afterwards: every task of its DAG runs left a log the UI reads.

Runs scripts/run.sh (the demo season on the embedded default) into a temporary var folder,
then reads task logs back through Airflow's REST API, as the UI's log view does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import run_sh

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def make_run(tmp_path_factory) -> Path:
    var = tmp_path_factory.mktemp("var")
    run_sh.make_run(var)
    return var


def _task_log(var: Path, dag_id: str, task_id: str, tmp_path: Path) -> list[dict]:
    answer = tmp_path / f"{task_id}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        AIRFLOW_HOME=str(var / "airflow"),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        # The UI's own login is not under test here; the log endpoint is.
        AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="True",
    )
    out = subprocess.run(
        [sys.executable, str(REPO / "tests" / "make_run" / "read_task_log.py"), dag_id, task_id,
         str(answer)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(answer.read_text(encoding="utf-8"))["content"]


def test_the_intake_task_log_reads_through_the_rest_api(make_run, tmp_path):
    events = _task_log(make_run, "submission_intake", "process_messages", tmp_path)
    texts = [str(e.get("event", "")) for e in events]
    # The log is the task's own file, not "Could not read served logs".
    assert any("task_id=process_messages" in t and t.endswith(".log") for t in texts[:3])
    assert not any("Could not read served logs" in t for t in texts)
    summary = [t for t in texts if t.startswith("outcomes {")]
    assert len(summary) == 1 and "'accepted':" in summary[0]
    # One line per message while the run goes: "[n/N] city form file → outcome …".
    progress = [t for t in texts if t.startswith("[") and "→" in t]
    assert len(progress) >= 20, texts[:40]
    assert not any("Skipping registering function" in t for t in texts)


def test_every_task_of_the_run_left_a_log_and_the_run_logs_are_at_info(make_run, tmp_path):
    logs = sorted((make_run / "airflow" / "logs").rglob("attempt=1.log"))
    tasks = {(p.parts[-4], p.parts[-2]) for p in logs}
    for dag in ("submission_intake", "nightly_consolidation", "report_june1", "report_year_end"):
        assert any(d == f"dag_id={dag}" for d, _ in tasks), dag
    assert ("dag_id=submission_intake", "task_id=collect_mail") in tasks
    collect = _task_log(make_run, "submission_intake", "collect_mail", tmp_path)
    assert any(str(e.get("event", "")).startswith("mailbox ") for e in collect)
    run_log = (make_run / "logs" / "submission_intake.log").read_text(encoding="utf-8")
    assert "[info" in run_log
