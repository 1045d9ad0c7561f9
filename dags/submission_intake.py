"""
### submission_intake

Starts within seconds of a delivery (the triggerer watches the `submission_mailbox`
connection: IMAP IDLE, or a Maildir listing; asset `jinxiao://mailbox/inbox`; mail arriving
together makes one run) and every 30 minutes as a safety net. Reads the mailbox, archives
every new message's raw bytes and records it in the `warehouse` before anything else, then
gives each recorded message exactly one outcome (accepted, superseded, rejected, ignored,
quarantined, duplicate): extract attachments, identify the city by the sender registry, parse,
normalise, validate with Great Expectations, load.

Reruns change nothing: messages are keyed by the SHA-256 of their bytes and their mailbox place.
When a run fails, the failing task's log names the message or connection; messages already
archived are processed by the next run (or by `nightly_consolidation`). What no retry heals
(a refused login or connection, a missing Maildir, a broken config or suite) fails at once and
says what to fix; timeouts, resets and a restarting database are retried with back-off. Ops get
one mail per failed run, with a link to the failing task's log.
"""

from __future__ import annotations

import datetime as dt

from airflow.sdk import AssetOrTimeSchedule, DeltaTriggerTimetable, dag, task

from jinxiao_airflow import DAG_DEFAULTS, INBOX, SUBMISSIONS, TAGS, fail_fast, settings


@dag(
    dag_id="submission_intake",
    # Mail wakes it (INBOX's watcher); the half-hour catches anything a watch missed (a
    # triggerer restart, a dropped IDLE connection).
    schedule=AssetOrTimeSchedule(
        timetable=DeltaTriggerTimetable(dt.timedelta(minutes=30)), assets=[INBOX]
    ),
    tags=TAGS,
    doc_md=__doc__,
    # A poll normally takes seconds; one still running after 20 minutes needs a person.
    # (A DeadlineAlert would say so without failing the run, but in Airflow 3.3.2 it breaks
    # dag.test() in DagRun.update_state, so the run times out and ops get the failure mail.)
    dagrun_timeout=dt.timedelta(minutes=20),
    **DAG_DEFAULTS,
)
def submission_intake():
    # multiple_outputs=True is what Airflow inferred from `-> dict` before it was said: each
    # count also shows under its own key in the XCom tab; downstream takes the whole dict.
    @task(multiple_outputs=True)
    def collect_mail(run_id: str | None = None) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from jinxiao.jobs.tasks import collect_mail as collect
        from jinxiao.warehouse.connection import IntakeBusy

        with fail_fast():
            try:
                report = collect(settings(), run_id or "manual")
            except IntakeBusy as exc:
                raise AirflowSkipException(str(exc)) from exc
        return {"seen": report.seen, "new": report.new}

    @task(multiple_outputs=True, outlets=[SUBMISSIONS])
    def process_messages(collected: dict, run_id: str | None = None) -> dict:
        from jinxiao.jobs.tasks import process_messages as process

        # InternalErrors is Unfixable: every message has its outcome already, and a retry
        # would only turn the task green.
        with fail_fast():
            outcomes = process(settings(), run_id or "manual")
        return {"collected": collected, "outcomes": outcomes}

    process_messages(collect_mail())


submission_intake()
