"""The DAGs on a real distributed deployment: CeleryExecutor on Redis, two workers that share
nothing local, the archive and outputs on S3 (moto's server on loopback).

scheduler, dag-processor, api-server and triggerer run against a PostgreSQL metadata
database; two Celery workers, each with its own AIRFLOW_HOME, working folder, var folder,
log server and host name (as if on two hosts), take tasks from Redis (a private db number
and a queue of this run's own). The mailbox is IMAP (Dovecot), the warehouse PostgreSQL.
submission_intake, nightly_consolidation and report_june1 are triggered through the REST
API. Then: tasks ran on both workers, the archive is in the bucket (and nowhere on the
workers' disks), and the warehouse, the outbox and the reports equal those of a plain run
of the same task functions on the same mail with local folders.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from airflow_cluster import _free_port, _wait, client, start_deployment, wait_for_dags
from conftest import fresh_pg_database
from dovecot import ImapAccount
from s3_server import s3_endpoint_fixture, s3_server_fixture  # noqa: F401
from sqlalchemy import text
from test_scheduler_integration import _pg_url

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.mailbox import MailboxConfig
from jinxiao.jobs import tasks
from jinxiao.jobs.demo import demo_mails
from jinxiao.jobs.settings import Settings
from jinxiao.samples.mail import delivery_time
from jinxiao.warehouse.connection import WarehouseConfig, connect

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]
PICK = [
    "01-taiyuan-registry", "07-shuozhou-held", "11-yuncheng-registry", "12-yuncheng-redelivered",
    "16-linfen-forwarded", "20-unknown-sender", "21-taiyuan-question", "04-yangquan-registry",
]  # fmt: skip
AS_OF = "2021-06-01"
HOSTS = ("host-a", "host-b")
REDIS_DB = "11"  # this test's own db on the machine's Redis (127.0.0.1:6379)
RUN_TIMEOUT = 420.0
# Columns that differ between any two runs by nature: ids, clocks, run ids, archive places.
VOLATILE = re.compile(r"(_at|_path|run_id|^submission_id|^activity_id|^outbox_id|_time)$")
VIEWS = ["v_submission", "v_activity_current", "v_city_status", "v_province_summary"]


def _imap_conn(account: ImapAccount) -> dict:
    return {"conn_type": "imap", "host": account.host, "port": account.port,
            "login": account.user, "password": account.password, "extra": {"use_ssl": False}}  # fmt: skip


def _warehouse_conn(cfg: WarehouseConfig) -> str:
    return json.dumps({"conn_type": "postgres", "host": cfg.host, "port": cfg.port,
                       "login": cfg.login, "password": "", "schema": cfg.database})  # fmt: skip


def _trigger(api, dag_id: str, conf: dict) -> str:
    assert api.patch(f"/dags/{dag_id}", json={"is_paused": False}).status_code == 200
    resp = api.post(f"/dags/{dag_id}/dagRuns", json={"logical_date": None, "conf": conf})
    assert resp.status_code == 200, resp.text
    return resp.json()["dag_run_id"]


def _finish(d, api, dag_id: str, run_id: str) -> list[dict]:
    def done():
        run = api.get(f"/dags/{dag_id}/dagRuns/{run_id}").json()
        tis = api.get(f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances").json()["task_instances"]
        bad = [t["task_id"] for t in tis if t["state"] in ("up_for_retry", "failed")]
        if bad:
            raise AssertionError(f"{dag_id}: {bad} failed\n{d.diagnostics()}")
        return tis if run["state"] in ("success", "failed") else None

    tis = _wait(d, f"{dag_id} {run_id}", RUN_TIMEOUT, done)
    assert isinstance(tis, list)
    return tis


def _rows(warehouse: WarehouseConfig) -> dict[str, list]:
    engine = connect(warehouse)
    out: dict[str, list] = {}
    with engine.connect() as conn:
        for view in VIEWS:
            result = conn.execute(text(f"SELECT * FROM {view}"))
            keep = [i for i, c in enumerate(result.keys()) if not VOLATILE.search(c)]
            out[view] = sorted(repr(tuple(r[i] for i in keep)) for r in result)
        out["outbox"] = sorted(
            repr(tuple(r))
            for r in conn.execute(
                text("SELECT dedupe_key, kind, city_name, form, rcpt_to, subject FROM outbox")
            )
        )
    engine.dispose()
    return out


def _xlsx_values(data: bytes) -> dict:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def _report_files(files: dict[str, bytes]) -> dict[str, object]:
    """What a report is: sheet values, sidecar JSON, a docx being there (its zip stamps time)."""
    out: dict[str, object] = {}
    for name, data in files.items():
        if name.startswith(("data_docs/", "templates/")):
            continue
        if name.endswith(".xlsx"):
            out[name] = _xlsx_values(data)
        elif name.endswith(".json"):
            out[name] = json.loads(data)
        else:
            out[name] = len(data) > 0
    return out


def _plain_run(root: Path, account: ImapAccount, warehouse: WarehouseConfig) -> dict[str, bytes]:
    """The same task functions the DAGs call, in this process, on local folders."""
    settings = Settings(
        mailbox=MailboxConfig("imap", host=account.host, port=account.port, login=account.user,
                              password=account.password),
        warehouse=warehouse, sender_registry=DEFAULT_SENDER_REGISTRY,
        output_dir=root / "output", archive_dir=root / "archive",
    )  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    tasks.collect_mail(settings, "plain")
    tasks.process_messages(settings, "plain")
    tasks.reconcile(settings, now)
    tasks.write_templates(settings)
    tasks.remind(settings, now)
    tasks.write_rollup(settings, now)
    tasks.build_data_docs(settings)
    tasks.run_report(settings, "june1", AS_OF)
    tasks.run_rollup(settings, "june1", AS_OF)
    out = root / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_celery_workers_share_nothing_local_and_match_a_plain_run(
    tmp_path: Path, imap_account: ImapAccount, s3_server, pg_warehouse: WarehouseConfig
):
    by_name = {m.name: m for m in demo_mails()}
    for name in PICK:
        raw = by_name[name].build()
        imap_account.append(raw, date=delivery_time(raw))
    queue = f"jx-{uuid.uuid4().hex[:8]}"
    src = str(REPO / "src")
    with fresh_pg_database("jx_dist_meta") as meta, fresh_pg_database("jx_plain") as plain_db:
        env = {
            **s3_server.env,
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + _pg_url(meta),
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,
            "AIRFLOW_CONN_SUBMISSION_MAILBOX": json.dumps(_imap_conn(imap_account)),
            "AIRFLOW_CONN_WAREHOUSE": _warehouse_conn(pg_warehouse),
            "ARCHIVE_DIR": s3_server.url("archive"),
            "OUTPUT_DIR": s3_server.url("output"),
            "JINXIAO_REPORT_PDF": "off",
            "PYTHONPATH": os.pathsep.join([src, str(REPO / "tests")]),
        }
        d = start_deployment(tmp_path / "control", _pg_url(meta), pg_warehouse, env)
        try:
            for host in HOSTS:
                folder = tmp_path / host
                worker_env = {
                    **d.env,
                    "AIRFLOW_HOME": str(folder / "airflow"),
                    "JINXIAO_VAR_DIR": str(folder / "var"),
                    "JINXIAO_TEST_HOST": host,
                    "AIRFLOW__CORE__HOSTNAME_CALLABLE": "cluster_host.hostname",
                    "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
                }
                d.start_in(f"worker-{host}", folder, worker_env, "celery", "worker",
                           "--concurrency", "1", "--queues", queue,
                           "--celery-hostname", f"worker@{host}")  # fmt: skip
            with client(d) as api:
                ids = ["submission_intake", "nightly_consolidation", "report_june1"]
                wait_for_dags(d, api, ids)
                tis = _finish(d, api, ids[0], _trigger(api, ids[0], {}))
                tis += _finish(d, api, ids[1], _trigger(api, ids[1], {}))
                tis += _finish(d, api, ids[2], _trigger(api, ids[2], {"as_of": AS_OF}))
        finally:
            d.stop()
        states = {(t["dag_id"], t["task_id"]): t["state"] for t in tis}
        assert set(states.values()) == {"success"}, states
        hosts = {t["hostname"] for t in tis}
        assert hosts == set(HOSTS), hosts
        assert {t["queue"] for t in tis} == {queue}

        fs = s3_server.fs()
        archived = fs.find(s3_server.url("archive"))
        assert sum(p.endswith(".eml") for p in archived) == len(PICK)
        for host in HOSTS:
            assert not list((tmp_path / host).rglob("*.eml")), f"{host} kept mail on its disk"
        prefix = s3_server.url("output").removeprefix("s3://")
        remote = {
            p[len(prefix) + 1 :]: bytes(fs.cat_file(p)) for p in fs.find(s3_server.url("output"))
        }

        plain = WarehouseConfig("postgresql", host=pg_warehouse.host, port=pg_warehouse.port,
                                login=pg_warehouse.login, database=plain_db)  # fmt: skip
        local = _plain_run(tmp_path / "plain", imap_account, plain)
        assert _rows(pg_warehouse) == _rows(plain)
        assert _rows(plain)["v_submission"] and _rows(plain)["outbox"]
        assert sorted(remote) == sorted(local)
        assert _report_files(remote) == _report_files(local)
        assert any(n.endswith(f"june1_{AS_OF}.xlsx") for n in remote), sorted(remote)
