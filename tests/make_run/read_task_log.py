"""Read a task log of the newest run of a DAG through Airflow's REST API (in-process app).

Run with the AIRFLOW_HOME `make run` used; writes the API's answer as JSON to <out> (stdout
carries Airflow's own logging).
Usage: read_task_log.py <dag_id> <task_id> <out>
"""

import json
import sys
from pathlib import Path
from urllib.parse import quote

from airflow.api_fastapi.app import create_app
from fastapi.testclient import TestClient

dag_id, task_id, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
client = TestClient(create_app("core"))
runs = client.get(f"/api/v2/dags/{dag_id}/dagRuns", params={"order_by": "-start_date"})
runs.raise_for_status()
run_id = runs.json()["dag_runs"][0]["dag_run_id"]
url = f"/api/v2/dags/{dag_id}/dagRuns/{quote(run_id)}/taskInstances/{task_id}/logs/1"
resp = client.get(url, params={"full_content": "true"}, headers={"Accept": "application/json"})
resp.raise_for_status()
out.write_text(json.dumps(resp.json(), ensure_ascii=False), encoding="utf-8")
