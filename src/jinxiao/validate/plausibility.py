"""Cross-column plausibility warnings on a normalised table: the hook the reply reads.

The interface: `row_warnings(table, form)` returns warnings as `Problem`s (severity
"warning", a `code`, the Chinese `message_zh`, and the row's `sheet`, `excel_row`, `column`
and `field`), which the processor adds to the submission's findings. The reply then names
each one by sheet, Excel row and column (jinxiao.mail.replies) and the tracker lists it;
nothing else needs to change when checks are added here.

HOOK, NOT DONE HERE: the cross-column checks (turnover per enterprise, turnover against
footfall, a results figure far off its registry estimate) are issue 13 item 4, written by
the reports helper; until they land this returns no warning. The single-column checks
(blank counts and amounts, units assumed, figures out of range) are in expectations/ and
normalise/table.py and already reach the city.
"""

from __future__ import annotations

from jinxiao.domain.models import NormalisedTable, Problem


def row_warnings(table: NormalisedTable, form: str) -> list[Problem]:
    """Warnings about rows whose figures disagree with each other (see module doc)."""
    del table, form  # the hook's arguments, for the checks that will fill it
    return []
