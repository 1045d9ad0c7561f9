"""
### nightly_consolidation

Every night:

1. `reconcile` — processes any message a failed intake run left without an outcome, recomputes
   each city's status per form and deadline (`v_city_status`) and keeps a snapshot for the day
   (`city_status_snapshot`);
2. `write_templates` — the blank results workbooks per city (pre-filled with its registry);
3. `remind` — reminders before each deadline and overdue notices (each at most once), then
   sends the outbox through `smtp_default` (without it, mail waits in the `outbox` table);
4. `write_rollup` — the province roll-up (附件2 汇总) in the output folder;
5. `build_data_docs` — Great Expectations Data Docs over today's accepted rows, in
   `<output>/data_docs/index.html`.

When it fails, the failing task's log says which step and why; every step is safe to rerun.
"""

from __future__ import annotations

from airflow.sdk import dag, task
from airflow.timetables.trigger import CronTriggerTimetable

from jinxiao_airflow import DAG_DEFAULTS, TAGS, fail_fast, settings


def _as_of(logical_date):
    import datetime as dt

    return logical_date or dt.datetime.now(dt.UTC)


@dag(
    dag_id="nightly_consolidation",
    # 01:00 in Beijing, whatever the scheduler host's clock or zone.
    schedule=CronTriggerTimetable("0 1 * * *", timezone="Asia/Shanghai"),
    tags=TAGS,
    doc_md=__doc__,
    **DAG_DEFAULTS,
)
def nightly_consolidation():
    @task
    def reconcile(logical_date=None) -> int:
        from jinxiao.jobs.tasks import reconcile as run

        with fail_fast():
            return len(run(settings(), _as_of(logical_date)))

    @task
    def write_templates(_reconciled: int) -> list[str]:
        from jinxiao.jobs.tasks import write_templates as run

        with fail_fast():
            return run(settings())

    @task(multiple_outputs=True)
    def remind(_templates: list[str], logical_date=None) -> dict:
        from jinxiao.jobs.tasks import remind as run

        with fail_fast():
            return run(settings(), _as_of(logical_date))

    @task
    def write_rollup(_reconciled: int, logical_date=None) -> str:
        from jinxiao.jobs.tasks import write_rollup as run

        with fail_fast():
            return run(settings(), _as_of(logical_date))

    @task
    def build_data_docs(_reconciled: int) -> str:
        from jinxiao.jobs.tasks import build_data_docs as run

        with fail_fast():
            return run(settings())

    reconciled = reconcile()
    build_data_docs(reconciled)
    remind(write_templates(reconciled))
    write_rollup(reconciled)


nightly_consolidation()
