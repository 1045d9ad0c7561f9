"""
### report_june1

The June 1 report on the national 消费促进月 (May): writes under the output folder
`<campaign>_june1_<as_of>.xlsx` (总体情况, 分市情况, 分类情况, 重点活动, 报送情况, 数据缺口, with
charts), the Word narrative `.docx` (+ `.pdf` when LibreOffice is installed), a `.json` sidecar
with the `draft` flag, and the 附件2 roll-up `<campaign>_rollup_<as_of>.xlsx`.

Runs on the as-of date from the campaign's `campaign.yaml` (`reports.june1_as_of`) (09:00
Asia/Shanghai; the DAG wakes daily and its first task skips other days; a draft because the
results_may deadline is the end of that day), again the morning after the deadline (final), and
whenever intake updates the warehouse (asset `jinxiao://warehouse/submission`). Trigger by hand
with `{"as_of": "YYYY-MM-DD"}` (empty: the campaign's day); files of the same as-of date are
overwritten, so a rerun is harmless. Every figure is a query in `sql/reports/`.
"""

from __future__ import annotations

from jinxiao_airflow.reports import report_dag

report_june1 = report_dag("june1", "report_june1", __doc__)
