"""
### nightly_consolidation

Every night: processes any message a failed intake run left without an outcome, then
recomputes each city's status per form and deadline (`v_city_status`) and keeps a snapshot
(`city_status_snapshot`) for the day.
"""

from __future__ import annotations

from airflow.sdk import dag, task

from jinxiao_airflow import DEFAULT_ARGS, START, TAGS, settings


@dag(
    dag_id="nightly_consolidation",
    schedule="0 1 * * *",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    tags=TAGS,
    default_args=DEFAULT_ARGS,
    doc_md=__doc__,
)
def nightly_consolidation():
    @task
    def reconcile(logical_date=None) -> list:
        import datetime as dt

        from jinxiao.pipeline import consolidate

        return consolidate(settings(), logical_date or dt.datetime.now(dt.UTC))

    reconcile()


nightly_consolidation()
