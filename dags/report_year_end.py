"""
### report_year_end

The year-end report on the whole campaign (its start .. end in campaign.yaml): writes under the output
folder `<campaign>_year_end_<as_of>.xlsx` (the June 1 sheets for the results_year form, plus
阶段对比 May vs June–December and 月度趋势 by activity start month, with charts), the Word
narrative `.docx` (+ `.pdf` when LibreOffice is installed), a `.json` sidecar with the `draft`
flag, and the 附件2 roll-up `<campaign>_rollup_<as_of>.xlsx`.

Runs on the as-of date from the campaign's `campaign.yaml` (`reports.year_end_as_of`) (09:00
Asia/Shanghai; the DAG wakes daily and its first task skips other days; a draft because the
results_year deadline is the end of that day), again the morning after the deadline (final), and
whenever intake updates the warehouse (asset `jinxiao://warehouse/submission`). Trigger by hand
with `{"as_of": "YYYY-MM-DD"}` (empty: the campaign's day); files of the same as-of date are
overwritten.
"""

from __future__ import annotations

from jinxiao_airflow.reports import report_dag

report_year_end = report_dag("year_end", "report_year_end", __doc__)
