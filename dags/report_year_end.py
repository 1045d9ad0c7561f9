"""
### report_year_end

The year-end report on the whole campaign (2021-05-01 .. 2021-12-31): writes under the output
folder `<campaign>_year_end_<as_of>.xlsx` (the June 1 sheets for the results_year form, plus
阶段对比 May vs June–December and 月度趋势 by activity start month, with charts), the Word
narrative `.docx` (+ `.pdf` when LibreOffice is installed), a `.json` sidecar with the `draft`
flag, and the 附件2 roll-up `<campaign>_rollup_<as_of>.xlsx`.

Runs on the as-of date from `config/campaign.yaml` (09:00 Asia/Shanghai, a draft because the
results_year deadline is the end of that day), again the morning after the deadline (final),
and whenever intake updates the warehouse (asset `jinxiao://warehouse/submission`). Trigger by
hand with `{"as_of": "2021-12-31"}`; files of the same as-of date are overwritten.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import Asset, AssetOrTimeSchedule, MultipleCronTriggerTimetable, Param, dag, task

from jinxiao.config import load_campaign
from jinxiao_airflow import DEFAULT_ARGS, START, TAGS, settings

REPORT = "year_end"
SUBMISSIONS = Asset("jinxiao://warehouse/submission")
OUTPUT = Asset(f"jinxiao://reports/{REPORT}")

_campaign = load_campaign()
_as_of = _campaign.year_end_as_of
_final = _campaign.forms["results_year"].deadline + dt.timedelta(days=1)
_tz = str(_campaign.tz)


@dag(
    dag_id="report_year_end",
    schedule=AssetOrTimeSchedule(
        # Month/day crons: Airflow 3.3's EventsTimetable cannot be serialised inside an
        # AssetOrTimeSchedule; the campaign config is per year, so the yearly repeat is moot.
        timetable=MultipleCronTriggerTimetable(
            *(f"0 9 {d.day} {d.month} *" for d in (_as_of, _final)), timezone=_tz
        ),
        assets=[SUBMISSIONS],
    ),
    start_date=START,
    catchup=False,
    max_active_runs=1,
    tags=[*TAGS, "report"],
    default_args=DEFAULT_ARGS,
    doc_md=__doc__,
    params={
        "as_of": Param(_as_of.isoformat(), type="string", format="date", description="数据截至日期")
    },
)
def report_year_end():
    @task(outlets=[OUTPUT])
    def write_report(params: dict | None = None) -> dict:
        from jinxiao.report_data import run_report

        s = settings()
        return run_report(s.warehouse, s.output_dir, REPORT, (params or {}).get("as_of"))

    @task
    def write_rollup(params: dict | None = None) -> str:
        from jinxiao.report_data import run_rollup

        s = settings()
        return run_rollup(s.warehouse, s.output_dir, REPORT, (params or {}).get("as_of"))

    write_report()
    write_rollup()


report_year_end()
