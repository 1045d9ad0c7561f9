"""How codes read to a clerk: outcomes, reasons, statuses and forms, in Chinese, once."""

from __future__ import annotations

OUTCOME_ZH = {
    "accepted": "已采用",
    "superseded": "已被更新版本替代",
    "rejected": "退回修改",
    "ignored": "未作为报送处理",
    "quarantined": "已隔离",
    "duplicate": "重复",
}
# reason_class (CONTRACT §3) -> what it means, for replies, the tracker and notices.
REASON_ZH = {
    "corrupt_file": "文件损坏或无法打开",
    "wrong_template": "不是规定的表格模板",
    "encrypted": "文件设有密码，无法读取",
    "unsupported_format": "文件格式无法读取",
    "validation_failed": "数据校验未通过",
    "internal_error": "系统处理出错，待工作人员核对",
    "unknown_sender": "发件人未登记",
    "unauthenticated_sender": "发件人身份未通过验证",
    # On an accepted submission: the rows that could be read are taken, the others held.
    "rows_held": "部分行待核实，未计入汇总",
}
PARTLY_ACCEPTED_ZH = "部分采用"
# Status codes of the 报送情况 table. not_due: nothing arrived and the deadline is after
# the as-of date, so the city is not (yet) missing anything.
STATUS_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "未报送",
    "rejected_pending": "退回待改",
    "not_due": "未到期",
}
FORM_LABELS = {
    "registry": "活动名录",
    "plan": "工作方案",
    "results_may": "5月成效",
    "results_year": "全年成效",
}
SEVERITY_ZH = {"error": "错误", "warning": "提示"}


def outcome_label(outcome: str | None, reason_class: str | None = None) -> str:
    """已采用, 待处理 before any outcome, 已隔离（发件人未登记） with the quarantine's reason,
    部分采用（部分行待核实，未计入汇总） for an accepted submission with held rows."""
    if outcome is None:
        return "待处理"
    label = OUTCOME_ZH.get(outcome, outcome)
    if outcome == "accepted" and reason_class == "rows_held":
        return f"{PARTLY_ACCEPTED_ZH}（{REASON_ZH[reason_class]}）"
    if outcome == "quarantined" and reason_class in REASON_ZH:
        return f"{label}（{REASON_ZH[reason_class]}）"
    return label


def held_rows_label(n: int) -> str:
    """What the tracker and the reports show for a city's held rows: “2 行待核实”."""
    return f"{n} 行待核实"
