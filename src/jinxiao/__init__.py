"""Submissions pipeline for a consumption-promotion campaign (no Airflow import).

The folders are the flow, and imports go only from a later stage to an earlier one
(import-linter checks it in `make test`):

    domain -> config -> intake | reading -> normalise -> validate -> warehouse
           -> mail | reports | tracker -> samples -> jobs -> cli

mailbox -> archive -> extract -> identify (intake) -> read (reading) -> normalise -> validate
-> load (warehouse) -> views -> replies (mail), reports, tracker.
"""
