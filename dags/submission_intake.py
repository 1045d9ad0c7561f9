"""
### submission_intake

Polls the `submission_mailbox` connection, archives every new message's raw bytes and records
it in the `warehouse` before anything else, then gives each recorded message exactly one outcome
(accepted, superseded, rejected, ignored, quarantined, duplicate): extract attachments, identify
the city by the sender registry, parse, normalise, validate with Great Expectations, load.

Reruns change nothing: messages are keyed by the SHA-256 of their bytes and their mailbox place.
When a run fails, the failing task's log names the message or connection; messages already
archived are processed by the next run (or by `nightly_consolidation`).
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import dag, task

from jinxiao_airflow import DAG_DEFAULTS, SUBMISSIONS, TAGS, notify_run_failure, settings


@dag(
    dag_id="submission_intake",
    schedule=dt.timedelta(minutes=30),
    tags=TAGS,
    doc_md=__doc__,
    # A poll normally takes seconds; one still running after 20 minutes needs a person.
    # (A DeadlineAlert would say so without failing the run, but in Airflow 3.3.2 it breaks
    # dag.test() in DagRun.update_state, so the run times out and ops get the failure mail.)
    dagrun_timeout=dt.timedelta(minutes=20),
    on_failure_callback=notify_run_failure,
    **DAG_DEFAULTS,
)
def submission_intake():
    # multiple_outputs=True is what Airflow inferred from `-> dict` before it was said: each
    # count also shows under its own key in the XCom tab; downstream takes the whole dict.
    @task(multiple_outputs=True)
    def collect_mail(run_id: str | None = None) -> dict:
        from airflow.exceptions import AirflowFailException, AirflowSkipException

        from jinxiao.intake.mailbox import MailboxUnfixable
        from jinxiao.jobs.tasks import collect_mail as collect
        from jinxiao.warehouse.connection import IntakeBusy

        try:
            report = collect(settings(), run_id or "manual")
        except IntakeBusy as exc:
            raise AirflowSkipException(str(exc)) from exc
        except MailboxUnfixable as exc:
            # A wrong host, port, path or password: retrying for 13 minutes fixes none.
            raise AirflowFailException(str(exc)) from exc
        return {"seen": report.seen, "new": report.new}

    @task(multiple_outputs=True, outlets=[SUBMISSIONS])
    def process_messages(collected: dict, run_id: str | None = None) -> dict:
        from airflow.exceptions import AirflowFailException

        from jinxiao.jobs.tasks import InternalErrors
        from jinxiao.jobs.tasks import process_messages as process

        try:
            outcomes = process(settings(), run_id or "manual")
        except InternalErrors as exc:
            # Every message has its outcome already: a retry would only turn the task green.
            raise AirflowFailException(str(exc)) from exc
        return {"collected": collected, "outcomes": outcomes}

    process_messages(collect_mail())


submission_intake()
