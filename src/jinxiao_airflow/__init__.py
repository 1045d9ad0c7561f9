"""Airflow wiring shared by the DAG files: connections, variables, defaults (no logic here)."""

from __future__ import annotations

import datetime as dt

from airflow.sdk import BaseHook, Variable

MAILBOX_CONN_ID = "submission_mailbox"
WAREHOUSE_CONN_ID = "warehouse"

DEFAULT_ARGS = {
    "owner": "shanxi-commerce",
    "retries": 3,
    "retry_delay": dt.timedelta(minutes=1),
    "retry_exponential_backoff": True,
    "max_retry_delay": dt.timedelta(minutes=30),
}
TAGS = ["jinxiao", "consumption-campaign"]
START = dt.datetime(2021, 4, 16, tzinfo=dt.timezone(dt.timedelta(hours=8)))


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
    from jinxiao.settings import settings_from_connections

    return settings_from_connections(
        BaseHook.get_connection(MAILBOX_CONN_ID),
        BaseHook.get_connection(WAREHOUSE_CONN_ID),
        Variable.get("sender_registry", default=None),
        _optional_connection(SMTP_CONN_ID),
    )
