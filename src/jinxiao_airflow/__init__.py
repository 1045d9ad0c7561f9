"""Airflow wiring shared by the DAG files: connections, variables, defaults (no logic here)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from airflow.sdk import Asset, BaseHook, Variable

MAILBOX_CONN_ID = "submission_mailbox"
WAREHOUSE_CONN_ID = "warehouse"


def _smtp():
    from jinxiao.mail.outbox import smtp_config_from_conn

    conn = _optional_connection(SMTP_CONN_ID)
    if conn is None:
        return None
    return smtp_config_from_conn(
        conn.conn_type, conn.host, conn.port, conn.login, conn.password, conn.extra_dejson
    )


def notify_failure(context) -> None:
    """on_failure_callback: tell ops which task failed, why, and where its log is."""
    from jinxiao.mail.alerts import send_alert

    ti = context.get("task_instance") or context.get("ti")
    exc = context.get("exception")
    dag_id = getattr(ti, "dag_id", "?")
    task_id = getattr(ti, "task_id", "?")
    send_alert(
        f"[jinxiao] 任务失败：{dag_id}.{task_id}",
        [
            f"DAG: {dag_id}",
            f"任务: {task_id}（第{getattr(ti, 'try_number', '?')}次尝试）",
            f"运行: {context.get('run_id')}",
            f"错误: {type(exc).__name__ if exc else ''}: {exc}",
            f"日志: {getattr(ti, 'log_url', '')}",
        ],
        _smtp(),
    )


def notify_run_failure(context) -> None:
    """DAG-level on_failure_callback: a run failed or ran past its dagrun_timeout."""
    from jinxiao.mail.alerts import send_alert

    dag_run = context.get("dag_run")
    send_alert(
        f"[jinxiao] 运行失败或超时：{getattr(dag_run, 'dag_id', '?')}",
        [
            f"运行 {getattr(dag_run, 'run_id', '?')} 失败或超过时限未结束。",
            f"原因: {context.get('reason') or context.get('exception') or '见任务日志'}",
        ],
        _smtp(),
    )


DEFAULT_ARGS = {
    "owner": "shanxi-commerce",
    "retries": 3,
    "retry_delay": dt.timedelta(minutes=1),
    "retry_exponential_backoff": True,
    "max_retry_delay": dt.timedelta(minutes=30),
    "on_failure_callback": notify_failure,
}
TAGS = ["jinxiao", "consumption-campaign"]
START = dt.datetime(2021, 4, 16, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class DagDefaults(TypedDict):
    # A TypedDict, not dict[str, object]: `**DAG_DEFAULTS` stays checked against @dag's keywords.
    start_date: dt.datetime
    catchup: bool
    max_active_runs: int
    default_args: dict[str, Any]


# What every DAG of the project shares; each adds its id, schedule, tags and docs.
DAG_DEFAULTS: DagDefaults = {
    "start_date": START,
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
}
# Intake's outlet: report DAGs regenerate their drafts when it updates.
SUBMISSIONS = Asset("jinxiao://warehouse/submission")


SMTP_CONN_ID = "smtp_default"


def _optional_connection(conn_id: str):
    """A connection that may be absent (no SMTP on the embedded default)."""
    try:
        return BaseHook.get_connection(conn_id)
    except Exception as exc:  # AirflowNotFoundException's home moved between 3.x releases
        if "isn't defined" in str(exc) or "not found" in str(exc).lower():
            return None
        raise


def settings():
    from jinxiao.jobs.settings import settings_from_connections

    return settings_from_connections(
        BaseHook.get_connection(MAILBOX_CONN_ID),
        BaseHook.get_connection(WAREHOUSE_CONN_ID),
        Variable.get("sender_registry", default=None),
        _optional_connection(SMTP_CONN_ID),
    )
