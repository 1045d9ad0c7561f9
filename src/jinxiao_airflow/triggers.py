"""The mailbox watcher the triggerer runs: an event on the asset `jinxiao://mailbox/inbox`
whenever mail arrives, which starts submission_intake within seconds (see that DAG).

Only the connection's id is in the trigger's kwargs (they are stored in the metadata
database); the connection itself is read in the triggerer. The blocking wait runs in a
thread; a dropped or refused connection is retried with back-off, never ending the watch
(the DAG's 30-minute schedule covers any gap).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

log = logging.getLogger(__name__)


class MailboxTrigger(BaseEventTrigger):
    def __init__(
        self, conn_id: str, wait_seconds: float = 30.0, settle_seconds: float = 3.0
    ) -> None:
        super().__init__()
        self.conn_id = conn_id
        self.wait_seconds = wait_seconds
        self.settle_seconds = settle_seconds

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {
                "conn_id": self.conn_id,
                "wait_seconds": self.wait_seconds,
                "settle_seconds": self.settle_seconds,
            },
        )

    async def _open(self):
        from airflow.sdk import BaseHook

        from jinxiao.intake.mailbox import mailbox_config_from_conn
        from jinxiao.intake.watch import open_watch

        conn = await BaseHook.aget_connection(self.conn_id)
        cfg = mailbox_config_from_conn(
            conn.conn_type, conn.host, conn.port, conn.login, conn.password, conn.extra_dejson
        )
        return await asyncio.to_thread(open_watch, cfg)

    async def run(self) -> AsyncIterator[TriggerEvent]:
        from jinxiao.intake.watch import wait_for_batch

        backoff = 1.0
        while True:
            watch = None
            try:
                watch = await self._open()
                backoff = 1.0
                while True:
                    arrived = await asyncio.to_thread(
                        wait_for_batch, watch, self.wait_seconds, self.settle_seconds
                    )
                    if arrived:
                        log.info("%d new message(s) in %s", arrived, self.conn_id)
                        yield TriggerEvent({"conn_id": self.conn_id, "arrived": arrived})
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the watch goes on; the schedule is the net
                log.warning("mailbox watch on %s failed; retrying", self.conn_id, exc_info=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
            finally:
                if watch is not None:
                    await asyncio.to_thread(watch.close)
