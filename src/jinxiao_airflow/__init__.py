"""Airflow wiring shared by the DAG files: connections, variables, defaults, and the one place
that turns jinxiao's plain exceptions into Airflow's fail-now or retry (fail_fast) and mails
ops once per failed run (notify_run_failure). No business logic here."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import socket
from collections.abc import Callable, Iterator
from typing import Any, TypedDict

from airflow.sdk import Asset, BaseHook, Variable

log = logging.getLogger(__name__)
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


# The XCom a failing task leaves for the run's alert: what went wrong and whether it retried.
FAILURE_XCOM = "jinxiao_failure"
_NOT_RETRIED = (
    "不会重试：请按上面的错误修正设置或文件，然后在界面上清除该任务（Clear）或重新触发运行。"
)


@contextlib.contextmanager
def fail_fast() -> Iterator[None]:
    """Around a task's work: what no retry heals fails the task now, with what to fix.

    jinxiao raises plain exceptions (it has no Airflow import); those that are `Unfixable`
    (a refused login or connection, a missing Maildir, a broken config or suite) become
    AirflowFailException, so the scheduler does not retry them for minutes. Everything else
    (timeouts, resets, a restarting database, a resolver's hiccup) propagates and is retried
    with back-off. Either way the error is left in XCom for the run's one alert.
    """
    from airflow.sdk.exceptions import (
        AirflowFailException,
        AirflowNotFoundException,
        AirflowSkipException,
    )

    from jinxiao.domain.errors import Unfixable

    try:
        yield
    except AirflowSkipException:
        raise
    except (Unfixable, AirflowNotFoundException) as exc:
        # A missing connection or variable is a setting too: name it and stop.
        _leave_failure(exc, retried=False)
        raise AirflowFailException(f"{exc}\n{_NOT_RETRIED}") from exc
    except AirflowFailException as exc:
        _leave_failure(exc, retried=False)
        raise
    except Exception as exc:
        _leave_failure(exc, retried=True)
        raise


def _leave_failure(exc: BaseException, retried: bool) -> None:
    from airflow.sdk import get_current_context

    try:
        ti = get_current_context()["ti"]
        ti.xcom_push(
            FAILURE_XCOM,
            {"error": f"{type(exc).__name__}: {exc}"[:2000], "retried": retried},
        )
    except Exception:  # noqa: BLE001 - the alert then says "see the log"; the task still fails
        log.warning("could not record the failure for the run's alert", exc_info=True)


def notify_run_failure(context) -> None:
    """The DAG's on_failure_callback, and the only alert: one mail per failed run.

    It names the task that failed the run, its error (left by fail_fast) and a link to its
    log under [api] base_url. (A task-level callback as well would mail twice per failure.)
    """
    from jinxiao.mail.alerts import send_alert

    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    dag_id = getattr(ti, "dag_id", None) or getattr(dag_run, "dag_id", None) or "?"
    run_id = context.get("run_id") or getattr(dag_run, "run_id", "?")
    reason = str(context.get("reason") or "")
    timed_out = reason == "timed_out"
    task_id = getattr(ti, "task_id", None)
    failure = _failure_of(dag_id, run_id, task_id) if task_id and not timed_out else None
    subject = (
        f"[jinxiao] 运行超时：{dag_id}"
        if timed_out
        else f"[jinxiao] 运行失败：{dag_id}" + (f".{task_id}" if task_id else "")
    )
    lines = [f"DAG: {dag_id}", f"运行: {run_id}"]
    if timed_out:
        lines.append("运行超过时限（dagrun_timeout）仍未结束，已被停止。")
    if task_id:
        lines.append(f"任务: {task_id}（第{getattr(ti, 'try_number', '?')}次尝试）")
    if failure:
        lines.append(f"错误: {failure['error']}")
        lines.append(
            "处理: " + ("重试已用完，请查看日志。" if failure.get("retried") else _NOT_RETRIED)
        )
    elif not timed_out:
        lines.append(f"原因: {reason or '见任务日志'}")
    if task_id:
        lines.append(f"日志: {log_link(dag_id, run_id, task_id, getattr(ti, 'try_number', None))}")
    send_alert(subject, lines, _smtp())


def log_link(dag_id: str, run_id: str, task_id: str, try_number: int | None = None) -> str:
    """The task log's page in the UI, under [api] base_url (the address ops reach it at)."""
    from urllib.parse import quote

    from airflow.configuration import conf

    base = conf.get("api", "base_url", fallback=None) or (
        f"http://{socket.getfqdn()}:{conf.get('api', 'port', fallback='8080')}"
    )
    link = f"{base.rstrip('/')}/dags/{quote(dag_id)}/runs/{quote(run_id)}/tasks/{quote(task_id)}"
    return f"{link}?try_number={try_number}" if try_number else link


def _failure_of(dag_id: str, run_id: str, task_id: str) -> dict | None:
    """What fail_fast left for this task: through the task SDK where the callback runs under
    a supervisor (the dag-processor), else from the metadata database (dag.test())."""
    from airflow.sdk.execution_time import task_runner

    try:
        if hasattr(task_runner, "SUPERVISOR_COMMS"):
            from airflow.sdk.execution_time.xcom import XCom

            value = XCom.get_one(key=FAILURE_XCOM, dag_id=dag_id, task_id=task_id, run_id=run_id)
        else:
            from airflow.models.xcom import XComModel
            from airflow.utils.session import create_session

            with create_session() as session:
                row = session.scalars(
                    XComModel.get_many(
                        run_id=run_id, key=FAILURE_XCOM, task_ids=task_id, dag_ids=dag_id
                    )
                ).first()
                value = XComModel.deserialize_value(row) if row is not None else None
    except Exception:  # noqa: BLE001 - the alert goes out without the error text
        log.warning("could not read the failure of %s.%s", dag_id, task_id, exc_info=True)
        return None
    return value if isinstance(value, dict) and "error" in value else None


DEFAULT_ARGS = {
    "owner": "commerce-department",
    "retries": 3,
    "retry_delay": dt.timedelta(minutes=1),
    "retry_exponential_backoff": True,
    "max_retry_delay": dt.timedelta(minutes=30),
}
TAGS = ["jinxiao", "consumption-campaign"]
# Any past instant: catchup is off, and the campaign (its year, its dates) is config, not code.
START = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class DagDefaults(TypedDict):
    # A TypedDict, not dict[str, object]: `**DAG_DEFAULTS` stays checked against @dag's keywords.
    start_date: dt.datetime
    catchup: bool
    max_active_runs: int
    default_args: dict[str, Any]
    on_failure_callback: Callable[[Any], None]


# What every DAG of the project shares; each adds its id, schedule, tags and docs.
DAG_DEFAULTS: DagDefaults = {
    "start_date": START,
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
    # One alert per failed run, from the run (not from each task as well).
    "on_failure_callback": notify_run_failure,
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
