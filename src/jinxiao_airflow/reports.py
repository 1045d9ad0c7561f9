"""The two report DAGs differ only in which report they write; this builds either."""

from __future__ import annotations

from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable, Param, dag, task

from jinxiao_airflow import DAG_DEFAULTS, SUBMISSIONS, TAGS, fail_fast, settings


def report_dag(report: str, dag_id: str, doc_md: str):
    """A DAG that writes `report` on its days and whenever intake lands new data.

    The report days live in config/campaign.yaml; reading it here would be I/O at parse
    time, so the DAG wakes daily at 09:00 and its first task checks the day against the config.
    """

    @dag(
        dag_id=dag_id,
        schedule=AssetOrTimeSchedule(
            timetable=CronTriggerTimetable("0 9 * * *", timezone="Asia/Shanghai"),
            assets=[SUBMISSIONS],
        ),
        tags=[*TAGS, "report"],
        doc_md=doc_md,
        **DAG_DEFAULTS,
        params={
            # Empty: the campaign's own day (campaign.yaml reports.*_as_of), read by the task;
            # a date here would be one campaign's year in every campaign's DAG.
            "as_of": Param(
                None,
                type=["null", "string"],
                format="date",
                description="数据截至日期（YYYY-MM-DD）；留空为本活动配置的截至日期",
            )
        },
    )
    def build():
        @task.short_circuit
        def due(dag_run=None, logical_date=None) -> bool:
            from jinxiao.jobs.tasks import report_is_due

            run_type = getattr(dag_run.run_type, "value", dag_run.run_type) if dag_run else None
            # Manual and asset-triggered runs always write (a draft until the deadline passed).
            return run_type != "scheduled" or report_is_due(report, logical_date)

        @task(multiple_outputs=True, outlets=[Asset(f"jinxiao://reports/{report}")])
        def write_report(params: dict | None = None) -> dict:
            from jinxiao.jobs.tasks import run_report

            with fail_fast():
                return run_report(settings(), report, (params or {}).get("as_of"))

        @task
        def write_rollup(params: dict | None = None) -> str:
            from jinxiao.jobs.tasks import run_rollup

            with fail_fast():
                return run_rollup(settings(), report, (params or {}).get("as_of"))

        gate = due()
        gate >> [write_report(), write_rollup()]

    return build()
