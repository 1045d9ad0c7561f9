"""What processing decided for a message and each of its files, before it is committed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jinxiao.domain.models import Attachment, HeldRow, NormalisedTable, ParsedEmail, Problem

# Which file outcome speaks for the whole message when a message carries several files.
_MESSAGE_PRECEDENCE = ("accepted", "superseded", "rejected", "duplicate", "ignored")
# reason_class of an accepted submission some of whose rows are held (partly accepted).
ROWS_HELD = "rows_held"


@dataclass
class SubmissionResult:
    attachment: Attachment
    sha256: str
    archive_path: str
    form: str | None
    outcome: str
    reason_class: str | None = None
    reason_detail: str | None = None
    table: NormalisedTable | None = None
    contacts: list = field(default_factory=list)
    figures: list[tuple[str, float | None, str | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    submission_id: int | None = None
    # Rows kept out of `table` (and every total) until the city corrects them: an accepted
    # submission with held rows has reason_class "rows_held".
    held: list[HeldRow] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class MessageResult:
    message_key: str
    email: ParsedEmail | None
    received_at: dt.datetime
    date_header: str | None
    city_name: str | None
    outcome: str | None = None
    reason_class: str | None = None
    reason_detail: str | None = None
    submissions: list[SubmissionResult] = field(default_factory=list)
    # A registered city's mail with no table that is no auto-reply: "ignored" for v_submission
    # (CONTRACT: reason_class NULL), but a question staff answer (table question, 待回复).
    question: bool = False

    def settle_outcome(self) -> None:
        """Message outcome from its files' outcomes, unless decided at message level already."""
        if self.outcome is not None or not self.submissions:
            if self.outcome is None:
                self.outcome = "ignored"
            return
        for wanted in _MESSAGE_PRECEDENCE:
            found = [s for s in self.submissions if s.outcome == wanted]
            if found:
                # A message partly accepted in any of its files says so (rows_held).
                sub = next((s for s in found if s.reason_class == ROWS_HELD), found[0])
                self.outcome = wanted
                self.reason_class = sub.reason_class
                self.reason_detail = sub.reason_detail
                return
