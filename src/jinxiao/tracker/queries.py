"""What the tracker shows, read from the warehouse: the city × form grid, submissions, unfiled mail.

Plain dataclasses over SQL; pages.py renders them and app.py serves them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from jinxiao.config import Campaign
from jinxiao.domain.labels import STATUS_LABELS, held_rows_label
from jinxiao.domain.times import as_time
from jinxiao.intake.archive import is_url, read_archived
from jinxiao.warehouse.queries import held_counts, status_rows

UNFILED_LIMIT = 100


# --- what the pages show ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    city_name: str
    form: str
    status: str  # a key of STATUS_LABELS
    deadline: dt.date
    first_received: dt.datetime | None
    submissions: int  # files recorded for this city and form, any outcome
    held_rows: int = 0  # rows of the current submission waiting for the city's correction

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def held_label(self) -> str:
        return held_rows_label(self.held_rows) if self.held_rows else ""


@dataclass(frozen=True)
class ProblemView:
    severity: str
    code: str
    sheet: str | None
    excel_row: int | None
    column_name: str | None
    message_zh: str


@dataclass(frozen=True)
class HeldView:
    """One cell of a held row (held_cell), as v_held_row shows it."""

    sheet: str
    excel_row: int
    status: str  # held, or superseded once a later table replaced the submission
    column_name: str
    raw_value: str | None
    problem_zh: str


@dataclass(frozen=True)
class SubmissionView:
    submission_id: int
    message_key: str
    city_name: str | None
    form: str | None
    filename: str
    size_bytes: int
    outcome: str
    reason_class: str | None
    reason_detail: str | None
    received_at: dt.datetime | None
    sender: str | None
    sender_name: str | None
    subject: str | None
    rows_loaded: int
    sheet: str | None
    problems: tuple[ProblemView, ...]
    held: tuple[HeldView, ...] = ()

    @property
    def held_rows(self) -> int:
        return len({(h.sheet, h.excel_row) for h in self.held})


@dataclass(frozen=True)
class UnfiledView:
    """A message or file that belongs to no grid cell (no city or no form identified)."""

    message_key: str
    submission_id: int | None
    received_at: dt.datetime | None
    sender: str | None
    subject: str | None
    city_name: str | None
    filename: str | None
    outcome: str | None
    reason_class: str | None
    reason_detail: str | None


# --- queries ------------------------------------------------------------------------------


def _rows(engine: Engine, sql: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def today(campaign: Campaign) -> dt.date:
    return dt.datetime.now(campaign.tz).date()


def grid(engine: Engine, as_of: dt.date) -> list[Cell]:
    """One cell per city and form, statuses as the reports label them (report_data)."""
    counts = {
        (r["city_name"], r["form"]): int(r["n"])
        for r in _rows(
            engine,
            "SELECT city_name, form, COUNT(*) AS n FROM submission "
            "WHERE city_name IS NOT NULL AND form IS NOT NULL GROUP BY city_name, form",
        )
    }
    held = held_counts(engine)
    return [
        Cell(s.city_name, s.form, s.status, s.deadline, s.first_received,
             counts.get((s.city_name, s.form), 0), held.get((s.city_name, s.form), 0))
        for s in status_rows(engine, as_of)
    ]  # fmt: skip


_SUBMISSION_SQL = """
SELECT s.submission_id, s.message_key, s.city_name, s.form, s.filename, s.size_bytes,
       s.outcome, s.reason_class, s.reason_detail,
       COALESCE(s.received_at, m.received_at) AS received_at,
       m.sender, m.sender_name, m.subject, s.rows_loaded, s.sheet
FROM submission s JOIN message m ON m.message_key = s.message_key
"""


def _problems(engine: Engine, submission_ids: Sequence[int]) -> dict[int, list[ProblemView]]:
    out: dict[int, list[ProblemView]] = {i: [] for i in submission_ids}
    if not submission_ids:
        return out
    marks = ", ".join(f":p{i}" for i in range(len(submission_ids)))
    rows = _rows(
        engine,
        "SELECT submission_id, severity, code, sheet, excel_row, column_name, message_zh "
        f"FROM problem WHERE submission_id IN ({marks}) "
        # problem_id: stored in reading order, sheet by sheet (excel_row alone interleaves
        # the sheets of a merged table).
        "ORDER BY submission_id, CASE severity WHEN 'error' THEN 0 ELSE 1 END, problem_id",
        **{f"p{i}": sid for i, sid in enumerate(submission_ids)},
    )
    for r in rows:
        out[int(r["submission_id"])].append(
            ProblemView(r["severity"], r["code"], r["sheet"],
                        None if r["excel_row"] is None else int(r["excel_row"]),
                        r["column_name"], r["message_zh"])
        )  # fmt: skip
    return out


def _held(engine: Engine, submission_ids: Sequence[int]) -> dict[int, list[HeldView]]:
    out: dict[int, list[HeldView]] = {i: [] for i in submission_ids}
    if not submission_ids:
        return out
    marks = ", ".join(f":p{i}" for i in range(len(submission_ids)))
    rows = _rows(
        engine,
        "SELECT h.submission_id, h.sheet, h.excel_row, h.status, c.column_name, c.raw_value, "
        "c.problem_zh FROM held_row h JOIN held_cell c ON c.held_row_id = h.held_row_id "
        f"WHERE h.submission_id IN ({marks}) ORDER BY h.held_row_id, c.position",
        **{f"p{i}": sid for i, sid in enumerate(submission_ids)},
    )
    for r in rows:
        out[int(r["submission_id"])].append(
            HeldView(r["sheet"], int(r["excel_row"]), r["status"], r["column_name"],
                     r["raw_value"], r["problem_zh"])
        )  # fmt: skip
    return out


def _submission_views(engine: Engine, where: str, **params: Any) -> list[SubmissionView]:
    rows = _rows(engine, f"{_SUBMISSION_SQL} WHERE {where} "
                 "ORDER BY COALESCE(s.received_at, m.received_at) DESC, s.submission_id DESC",
                 **params)  # fmt: skip
    ids = [int(r["submission_id"]) for r in rows]
    problems, held = _problems(engine, ids), _held(engine, ids)
    return [
        SubmissionView(
            submission_id=int(r["submission_id"]),
            message_key=r["message_key"],
            city_name=r["city_name"],
            form=r["form"],
            filename=r["filename"],
            size_bytes=int(r["size_bytes"] or 0),
            outcome=r["outcome"],
            reason_class=r["reason_class"],
            reason_detail=r["reason_detail"],
            received_at=as_time(r["received_at"]),
            sender=r["sender"],
            sender_name=r["sender_name"],
            subject=r["subject"],
            rows_loaded=int(r["rows_loaded"] or 0),
            sheet=r["sheet"],
            problems=tuple(problems[int(r["submission_id"])]),
            held=tuple(held[int(r["submission_id"])]),
        )
        for r in rows
    ]


def submissions_for(engine: Engine, city_name: str, form: str) -> list[SubmissionView]:
    """Every file recorded for a city and form, newest first."""
    return _submission_views(engine, "s.city_name = :c AND s.form = :f", c=city_name, f=form)


def submission(engine: Engine, submission_id: int) -> SubmissionView | None:
    found = _submission_views(engine, "s.submission_id = :i", i=submission_id)
    return found[0] if found else None


def unfiled(engine: Engine, limit: int = UNFILED_LIMIT) -> list[UnfiledView]:
    """Files with no city or form, and processed messages that produced no file, newest first."""
    files = _rows(
        engine,
        "SELECT s.message_key, s.submission_id, COALESCE(s.received_at, m.received_at) AS t, "
        "m.sender, m.subject, COALESCE(s.city_name, m.city_name) AS city_name, s.filename, "
        "s.outcome, s.reason_class, s.reason_detail "
        "FROM submission s JOIN message m ON m.message_key = s.message_key "
        "WHERE s.city_name IS NULL OR s.form IS NULL",
    )
    messages = _rows(
        engine,
        "SELECT m.message_key, NULL AS submission_id, m.received_at AS t, m.sender, m.subject, "
        "m.city_name, NULL AS filename, m.outcome, m.reason_class, m.reason_detail "
        "FROM message m WHERE m.outcome IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM submission s WHERE s.message_key = m.message_key) "
        # A question is listed under 待回复, not as a mail that filed nothing.
        "AND NOT EXISTS (SELECT 1 FROM question q WHERE q.message_key = m.message_key)",
    )
    views = [
        UnfiledView(r["message_key"],
                    None if r["submission_id"] is None else int(r["submission_id"]),
                    as_time(r["t"]), r["sender"], r["subject"], r["city_name"], r["filename"],
                    r["outcome"], r["reason_class"], r["reason_detail"])
        for r in files + messages
    ]  # fmt: skip
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    views.sort(key=lambda v: v.received_at or epoch, reverse=True)
    return views[:limit]


def _archived(location: str, root: Path | str | None) -> bytes | None:
    """The bytes at a warehouse row's archive location, if it lies under the archive root (a
    local folder or an object-storage URL) and is there; never a location from a request."""
    if is_url(location):
        prefix = str(root).rstrip("/") + "/" if root is not None else ""
        if root is not None and not (is_url(root) and location.startswith(prefix)):
            return None
    else:
        path = Path(location)
        if root is not None and (
            is_url(root) or not path.resolve().is_relative_to(Path(root).resolve())
        ):
            return None
        if not path.is_file():
            return None
    try:
        return read_archived(location)
    except FileNotFoundError:
        return None


def message_archive(
    engine: Engine, message_key: str, root: Path | str | None = None
) -> bytes | None:
    """The archived .eml of a message, as recorded in the warehouse."""
    rows = _rows(engine, "SELECT archive_path FROM message WHERE message_key = :k", k=message_key)
    return _archived(rows[0]["archive_path"], root) if rows else None


def file_archive(
    engine: Engine, submission_id: int, root: Path | str | None = None
) -> tuple[bytes, str] | None:
    """The archived file of a submission and the name the city gave it."""
    rows = _rows(
        engine,
        "SELECT archive_path, filename FROM submission WHERE submission_id = :i",
        i=submission_id,
    )
    data = _archived(rows[0]["archive_path"], root) if rows else None
    return None if data is None else (data, rows[0]["filename"])
