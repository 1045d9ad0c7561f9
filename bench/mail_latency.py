"""Delivery to reply queued, on the real scheduler (issue 16).

Starts api-server, scheduler, dag-processor and triggerer (LocalExecutor, PostgreSQL
metadata and warehouse) with the mailbox watcher on a Maildir, unpauses submission_intake,
then delivers N registry mails one by one (each after the previous one's reply is queued)
and times, for each, delivery -> dag run created -> reply in the outbox.

    PYTHONPATH=src:tests python bench/mail_latency.py --mails 20

Figures go in bench/README.md. Not a test: timings depend on the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from airflow_cluster import client, poll, start_deployment, wait_for_dags  # noqa: E402
from conftest import fresh_pg_database  # noqa: E402
from sqlalchemy import text  # noqa: E402
from test_scheduler_integration import _pg_url  # noqa: E402

from jinxiao.config import load_campaign  # noqa: E402
from jinxiao.intake.mailbox import write_maildir_message  # noqa: E402
from jinxiao.samples.files import registry_merges, registry_rows, xlsx_bytes  # noqa: E402
from jinxiao.samples.mail import build_email  # noqa: E402
from jinxiao.warehouse.connection import WarehouseConfig, connect  # noqa: E402

DAG_ID = "submission_intake"
SENDERS = {
    "太原市": "swj@taiyuan.sx.example", "大同市": "swj@datong.sx.example",
    "阳泉市": "swj@yangquan.sx.example", "长治市": "swj@changzhi.sx.example",
    "晋城市": "swj@jincheng.sx.example", "朔州市": "swj@shuozhou.sx.example",
    "晋中市": "swj@jinzhong.sx.example", "运城市": "swj@yuncheng.sx.example",
    "忻州市": "swj@xinzhou.sx.example", "临汾市": "swj@linfen.sx.example",
}  # fmt: skip


def mail(i: int) -> bytes:
    city = list(SENDERS)[i % len(SENDERS)]
    rows = 4 + i % 5
    attachment = xlsx_bytes(registry_rows(city, rows, seed=100 + i), merges=registry_merges(rows))
    return build_email(
        SENDERS[city], f"{city}报送活动名录（第{i + 1}次）",
        [(f"附件2：{city}活动名录.xlsx", attachment)], sender_name=f"{city}商务局",
    )  # fmt: skip


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=20)
    parser.add_argument(
        "--gap", type=float, default=2.0, help="seconds between reply and next mail"
    )
    args = parser.parse_args()
    load_campaign()
    with (
        tempfile.TemporaryDirectory(prefix="jx-latency-") as tmp,
        fresh_pg_database("jx_bench_meta") as meta,
        fresh_pg_database("jx_bench_wh") as wh,
    ):
        root = Path(tmp)
        maildir = root / "maildir"
        for sub in ("new", "cur", "tmp"):
            (maildir / sub).mkdir(parents=True)
        warehouse = WarehouseConfig("postgresql", host="127.0.0.1", port=5432,
                                    login="postgres", database=wh)  # fmt: skip
        d = start_deployment(root, _pg_url(meta), warehouse, {
            # The asset and the half-hour both need the scheduler's own scheduling.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "True",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "JINXIAO_REPORT_PDF": "off",
        })  # fmt: skip
        engine = connect(warehouse)
        rows = []
        try:
            with client(d) as api:
                wait_for_dags(d, api, [DAG_ID])
                api.patch(f"/dags/{DAG_ID}", json={"is_paused": False}).raise_for_status()

                def idle() -> bool:
                    runs = api.get(f"/dags/{DAG_ID}/dagRuns").json()["dag_runs"]
                    return bool(runs) and all(r["state"] in ("success", "failed") for r in runs)

                # Unpausing starts the half-hour schedule's first run; let it finish, and give
                # the triggerer time to pick up the watcher.
                poll("the first scheduled run", 300, idle, every=1)
                time.sleep(10)
                for i in range(args.mails):
                    raw = mail(i)
                    key = hashlib.sha256(raw).hexdigest()
                    before = {
                        r["dag_run_id"]
                        for r in api.get(f"/dags/{DAG_ID}/dagRuns").json()["dag_runs"]
                    }
                    sent = dt.datetime.now(dt.UTC)
                    t0 = time.monotonic()
                    write_maildir_message(maildir, raw, f"{int(time.time())}.bench{i}.mx")

                    def reply(key: str = key) -> bool:
                        with engine.connect() as conn:
                            return bool(conn.execute(
                                text("SELECT 1 FROM outbox WHERE message_key = :k"), {"k": key}
                            ).first())  # fmt: skip

                    poll(f"the reply to mail {i + 1}", 600, reply)
                    queued = time.monotonic() - t0
                    runs = api.get(f"/dags/{DAG_ID}/dagRuns").json()["dag_runs"]
                    new = [r for r in runs if r["dag_run_id"] not in before]
                    created = None
                    if new:
                        q = min(
                            dt.datetime.fromisoformat(r["queued_at"]) for r in new if r["queued_at"]
                        )
                        created = (q - sent).total_seconds()
                    rows.append((queued, created, [r["run_type"] for r in new]))
                    print(
                        f"mail {i + 1:2d}: run queued after {created if created is None else round(created, 1)} s, "
                        f"reply queued after {queued:.1f} s ({[r['run_type'] for r in new]})",
                        flush=True,
                    )
                    time.sleep(args.gap)
        finally:
            engine.dispose()
            d.stop()
    latencies = [r[0] for r in rows]
    starts = [r[1] for r in rows if r[1] is not None]
    print(
        f"\n{len(rows)} mails: delivery->reply queued p50 {statistics.median(latencies):.1f} s, "
        f"p95 {pct(latencies, 0.95):.1f} s, max {max(latencies):.1f} s; "
        f"delivery->run queued p50 {statistics.median(starts):.1f} s, p95 {pct(starts, 0.95):.1f} s"
    )


if __name__ == "__main__":
    main()
