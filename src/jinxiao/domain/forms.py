"""The four forms and the columns of their tables: defined here once, read by every stage.

The registry columns are the notice's 附件2 (CONTRACT §1); the results columns are the
project's own template, which the readers, the template writer and the roll-up all share.
"""

from __future__ import annotations

FORMS = ("registry", "plan", "results_may", "results_year")
RESULTS_FORMS = ("results_may", "results_year")

# A1 of a workbook this project generated: "表单代码：results_may".
MARKER_PREFIX = "表单代码："

# Canonical field -> the official header text, in the template's column order.
REGISTRY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("county", "参加县区"),
    ("activity_name", "重点活动名称"),
    ("period", "举办时间"),
    ("content", "活动内容（简要概述）"),
    ("enterprise_count", "参与企业数量"),
    ("support_policy", "支持政策及优惠举措"),
    ("est_turnover", "预估成效（成交额等）"),
)
RESULTS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("county", "参加县区"),
    ("activity_name", "重点活动名称"),
    ("actual_period", "实际举办时间"),
    ("enterprise_count", "参与企业数量（家）"),
    ("actual_turnover", "实际成交额（万元）"),
    ("footfall", "客流量（万人次）"),
    ("voucher_issued", "发放消费券（万元）"),
    ("voucher_redeemed", "核销消费券（万元）"),
    ("remark", "备注"),
)
# Words of those headers a clerk keeps when retyping them ("县区", "活动名称", "成交额"): a
# table in a mail's body with several of them is a form's table, not a signature's layout.
FORM_HEADER_STEMS = (
    "县区", "活动名称", "时间", "活动内容", "企业", "政策", "成效", "成交额", "客流", "消费券",
)  # fmt: skip
REGISTRY_HEADER = tuple(label for _, label in REGISTRY_COLUMNS)
RESULTS_HEADER = tuple(label for _, label in RESULTS_COLUMNS)
COLUMN_LABEL = dict(REGISTRY_COLUMNS) | dict(RESULTS_COLUMNS)

# The results template's 全市汇总 sheet: label in column A, value in column B.
CITY_FIGURES = {
    "全市发放消费券总额（万元）": "voucher_issued_wan",
    "全市核销消费券总额（万元）": "voucher_redeemed_wan",
}
