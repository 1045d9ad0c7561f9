"""The one line between failures a retry can heal and failures that need a person.

A timeout, a reset connection, a database restarting or a DNS server that did not answer
may be gone in a minute: those stay ordinary exceptions and the scheduler retries them with
back-off. A wrong host or port, a refused login, a missing Maildir or a broken config file
stays broken however often it is tried: those raise `Unfixable`, whose message says what to
fix, and the DAG layer fails the task at once (jinxiao_airflow.fail_fast).
"""

from __future__ import annotations


class Unfixable(Exception):
    """No retry can heal this; the message names the setting or file and what to change."""


class ConfigError(Unfixable, ValueError):
    """A config file (campaign, sender registry, suite) cannot be used as it is."""
