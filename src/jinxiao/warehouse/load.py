"""Write to the warehouse: messages as they arrive, and each message's results in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from jinxiao.domain.forms import RESULTS_FORMS
from jinxiao.domain.models import Problem, RawMessage
from jinxiao.domain.outcomes import MessageResult, SubmissionResult
from jinxiao.domain.times import as_time, to_db_time
from jinxiao.warehouse.link_results import (
    inherit_counties,
    match_registry_activity,
    names_no_county,
)

log = logging.getLogger(__name__)
OnCommit = Callable[[Connection, MessageResult], object]


@dataclass(frozen=True)
class PendingMessage:
    message_key: str
    archive_path: str
    source: str
    source_ref: str
    arrived_at: dt.datetime | None


def known_refs(engine: Engine, source: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT source_ref FROM mailbox_ref WHERE source = :s"), {"s": source}
        )
        return {r[0] for r in rows}


def record_arrival(
    engine: Engine, msg: RawMessage, digest: str, archive_path: str, run_id: str
) -> bool:
    """Record a message right after its bytes are archived; False when the bytes were known."""
    return record_arrivals(engine, [(msg, digest, archive_path)], run_id) == 1


def record_arrivals(engine: Engine, arrived: list[tuple[RawMessage, str, str]], run_id: str) -> int:
    """Record archived messages (message, digest, archive path) in one transaction.

    One transaction per fetched batch, not per message: the bytes are already archived, so
    a crash before the commit only means the batch is fetched and recorded again.
    Returns how many were new bytes.
    """
    new = 0
    with engine.begin() as conn:
        for msg, digest, archive_path in arrived:
            now = to_db_time(dt.datetime.now(dt.UTC), precise=True)  # keeps the mailbox's order
            exists = conn.execute(
                text("SELECT 1 FROM message WHERE message_key = :k"), {"k": digest}
            ).first()
            if not exists:
                new += 1
                conn.execute(
                    text(
                        "INSERT INTO message (message_key, archive_path, size_bytes, source, "
                        "source_ref, arrived_at, first_seen_at, run_id) VALUES "
                        "(:k, :p, :n, :s, :r, :a, :f, :run)"
                    ),
                    {
                        "k": digest, "p": archive_path, "n": len(msg.raw), "s": msg.source,
                        "r": msg.source_ref, "a": to_db_time(msg.arrived_at), "f": now,
                        "run": run_id,
                    },
                )  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO mailbox_ref (source, source_ref, message_key) "
                    "VALUES (:s, :r, :k) ON CONFLICT (source, source_ref) DO NOTHING"
                ),
                {"s": msg.source, "r": msg.source_ref, "k": digest},
            )
    return new


def pending_messages(engine: Engine, limit: int | None = None) -> list[PendingMessage]:
    """Messages recorded but without an outcome: new ones, or ones a crashed run left; the
    first `limit` of them (a batch), not every one of a big backlog again for each batch."""
    sql = (
        "SELECT message_key, archive_path, source, source_ref, arrived_at FROM message "
        "WHERE outcome IS NULL ORDER BY first_seen_at, message_key"
    )
    with engine.connect() as conn:
        if limit is None:
            rows = conn.execute(text(sql)).all()
        else:
            rows = conn.execute(text(sql + " LIMIT :n"), {"n": limit}).all()
    return [PendingMessage(r[0], r[1], r[2], r[3], as_time(r[4])) for r in rows]


def count_pending(engine: Engine) -> int:
    """How many recorded messages wait for an outcome (for the run's progress lines)."""
    with engine.connect() as conn:
        return int(
            conn.execute(text("SELECT COUNT(*) FROM message WHERE outcome IS NULL")).scalar() or 0
        )


def message_id_seen(engine: Engine, message_id: str | None, message_key: str) -> str | None:
    """The key of an earlier, processed message with the same Message-ID, if any."""
    if not message_id:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT message_key FROM message WHERE message_id = :m AND message_key <> :k "
                "AND outcome IS NOT NULL ORDER BY processed_at LIMIT 1"
            ),
            {"m": message_id, "k": message_key},
        ).first()
    return row[0] if row else None


def same_file_seen(engine: Engine, city_name: str, sha: str) -> tuple[str, str] | None:
    """(filename, outcome) of an earlier submission of the same bytes by the same city."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT filename, outcome FROM submission WHERE city_name = :c AND sha256 = :h "
                "AND outcome <> 'duplicate' ORDER BY submission_id LIMIT 1"
            ),
            {"c": city_name, "h": sha},
        ).first()
    return (row[0], row[1]) if row else None


def current_registry_activities(conn: Connection, city_name: str) -> list[tuple[int, str]]:
    """(activity_id, name) of the city's accepted registry, for linking results rows."""
    rows = conn.execute(
        text(
            "SELECT a.activity_id, a.activity_name FROM activity a JOIN submission s "
            "ON s.submission_id = a.submission_id WHERE s.outcome = 'accepted' "
            "AND s.form = 'registry' AND a.city_name = :c AND a.activity_name IS NOT NULL "
            "ORDER BY a.activity_id"
        ),
        {"c": city_name},
    ).all()
    return [(int(r[0]), r[1]) for r in rows]


def registry_counties(conn: Connection, activity_id: int) -> tuple[list[str], str | None, bool]:
    """(codes, names joined by 、, citywide) of a registry activity, for a results row that
    names no county of its own."""
    pairs = conn.execute(
        text(
            "SELECT county_code, county_name FROM activity_county WHERE activity_id = :a "
            "ORDER BY county_code"
        ),
        {"a": activity_id},
    ).all()
    citywide = conn.execute(
        text("SELECT citywide FROM activity WHERE activity_id = :a"), {"a": activity_id}
    ).scalar_one()
    names = "、".join(str(n) for _, n in pairs) or None
    return [str(c) for c, _ in pairs], names, bool(citywide)


def link_to_registry(conn: Connection, sub: SubmissionResult, city_name: str) -> None:
    """Tie each results row to the city's current registry activity; new ones are warned.

    Done at load, inside the message's transaction, so a registry committed earlier in the
    same run (mail is committed in Date order) is already there to link to.
    """
    table = sub.table
    assert table is not None, "only a read table is linked"
    candidates = current_registry_activities(conn, city_name)
    for rec in table.records:
        name, row, sheet = rec["activity_name"], int(str(rec["excel_row"])), str(rec["sheet"])
        found = match_registry_activity(candidates, str(name)) if name else None
        rec["registry_activity_id"] = found
        if found is not None and names_no_county(rec):
            inherit_counties(rec, *registry_counties(conn, found))
        if name and found is None:
            sub.problems.append(
                Problem(
                    "warning",
                    "activity_not_in_registry",
                    f"{table.place(sheet, row)}“{name}”未在{table.city_name}活动名录中找到，已作为新增活动记录。",
                    row,
                    table.header("activity_name"),
                    sheet,
                )
            )


def _insert_returning_id(conn: Connection, sql: str, params: dict) -> int:
    return int(conn.execute(text(sql + " RETURNING submission_id"), params).scalar_one())


# A work plan is often several files in one mail (方案.docx, 活动安排表.xlsx, 联系人表):
# they stand together, and only a later mail's plan replaces them.
_FORMS_OF_SEVERAL_FILES = ("plan",)


def _supersede(
    conn: Connection, sub_id: int, city: str, form: str, received: str, message_key: str
) -> str:
    """Keep one accepted submission per city and form: the one received last (for a plan,
    the files of the mail received last)."""
    same_mail = form in _FORMS_OF_SEVERAL_FILES
    rows = conn.execute(
        text(
            "SELECT submission_id, received_at FROM submission WHERE city_name = :c "
            "AND form = :f AND outcome = 'accepted' AND submission_id <> :id"
            + (" AND message_key <> :k" if same_mail else "")
        ),
        {"c": city, "f": form, "id": sub_id, "k": message_key},
    ).all()
    outcome = "accepted"
    for other_id, other_received in rows:
        if (to_db_time(as_time(other_received)) or "") <= received:
            conn.execute(
                text(
                    "UPDATE submission SET outcome = 'superseded', superseded_by = :n "
                    "WHERE submission_id = :o"
                ),
                {"n": sub_id, "o": other_id},
            )
            _supersede_held(conn, other_id)
        else:
            outcome = "superseded"
            conn.execute(
                text(
                    "UPDATE submission SET outcome = 'superseded', superseded_by = :o "
                    "WHERE submission_id = :n"
                ),
                {"n": sub_id, "o": other_id},
            )
            _supersede_held(conn, sub_id)
    return outcome


_ACTIVITY_COLUMNS = [
    "county_names", "citywide", "county_raw", "activity_name", "activity_name_raw",
    "start_date", "end_date", "period_raw", "content", "enterprise_count",
    "enterprise_count_raw", "support_policy", "est_turnover_wan", "est_turnover_raw",
    "category", "category_raw", "category_source", "category_confidence",
    "actual_turnover_wan", "actual_turnover_raw",
    "footfall_wan", "footfall_raw", "voucher_issued_wan", "voucher_issued_raw",
    "voucher_redeemed_wan", "voucher_redeemed_raw", "remark", "registry_activity_id", "extra",
]  # fmt: skip


def _py(value: object) -> object:
    """pandas/numpy scalars to plain Python for the DB driver; NaN to NULL."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _activity_insert(dialect: str):
    cols = ", ".join(_ACTIVITY_COLUMNS)
    vals = ", ".join(f":{c}" for c in _ACTIVITY_COLUMNS)
    if dialect == "postgresql":
        vals = vals.replace(":extra", "CAST(:extra AS JSONB)")
    return text(
        "INSERT INTO activity (submission_id, message_key, city_name, form, sheet, "
        f"excel_row, {cols}) VALUES (:sub, :key, :city, :form, :sheet, :row, {vals})"
    )


_ACTIVITY_INSERT = {d: _activity_insert(d) for d in ("sqlite", "postgresql")}
_COUNTY_INSERT = text(
    "INSERT INTO activity_county (activity_id, county_code, county_name, city_name) "
    "VALUES (:a, :c, :n, :city) ON CONFLICT DO NOTHING"
)
_ACTIVITY_IDS = text("SELECT sheet, excel_row, activity_id FROM activity WHERE submission_id = :s")


def _codes(value: object) -> list[str]:
    return [str(c) for c in value] if isinstance(value, list | tuple) else []


def _insert_activities(conn: Connection, sub_id: int, msg_key: str, sub: SubmissionResult) -> int:
    """All rows of a submission in one executemany; (sheet, Excel row) is unique."""
    nt = sub.table
    assert nt is not None, "only a read table has rows"
    records = nt.records
    if not records:
        return 0
    params = [
        {c: _py(rec.get(c)) for c in _ACTIVITY_COLUMNS}
        | {"sub": sub_id, "key": msg_key, "city": nt.city_name, "form": sub.form,
           "sheet": rec["sheet"], "row": int(str(rec["excel_row"]))}
        for rec in records
    ]  # fmt: skip
    conn.execute(_ACTIVITY_INSERT[conn.dialect.name], params)
    ids = {(s, int(r)): a for s, r, a in conn.execute(_ACTIVITY_IDS, {"s": sub_id}).all()}
    counties = [
        {
            "a": ids[rec["sheet"], int(str(rec["excel_row"]))],
            "c": code,
            "n": name,
            "city": nt.city_name,
        }
        for rec in records
        for code, name in zip(
            _codes(rec["county_codes"]), str(rec["county_names"] or "").split("、"), strict=False
        )
    ]
    if counties:
        conn.execute(_COUNTY_INSERT, counties)
    return len(records)


def _insert_problems(conn: Connection, sub_id: int | None, msg_key: str, sub: SubmissionResult):
    for p in sub.problems:
        conn.execute(
            text(
                "INSERT INTO problem (submission_id, message_key, severity, code, sheet, "
                "excel_row, column_name, message_zh) VALUES (:s, :k, :sev, :code, :sheet, "
                ":row, :col, :msg)"
            ),
            {
                "s": sub_id, "k": msg_key, "sev": p.severity, "code": p.code,
                "sheet": p.sheet or (sub.table.table.sheet if sub.table else None),
                "row": p.excel_row, "col": p.column, "msg": p.message_zh,
            },
        )  # fmt: skip


def _held_insert(dialect: str):
    raw = "CAST(:raw AS JSONB)" if dialect == "postgresql" else ":raw"
    return text(
        "INSERT INTO held_row (submission_id, message_key, city_name, form, sheet, excel_row, "
        f"status, row_raw) VALUES (:s, :k, :city, :form, :sheet, :row, 'held', {raw}) "
        "RETURNING held_row_id"
    )


_HELD_INSERT = {d: _held_insert(d) for d in ("sqlite", "postgresql")}
_HELD_CELL_INSERT = text(
    "INSERT INTO held_cell (held_row_id, position, column_name, raw_value, code, problem_zh) "
    "VALUES (:h, :p, :col, :raw, :code, :msg)"
)


def _insert_held(conn: Connection, sub_id: int, msg_key: str, city: str, sub: SubmissionResult):
    """The rows held back from an accepted file, with their raw text (sql/040_held_rows.sql)."""
    for row in sub.held:
        held_id = conn.execute(
            _HELD_INSERT[conn.dialect.name],
            {"s": sub_id, "k": msg_key, "city": city, "form": sub.form, "sheet": row.sheet,
             "row": row.excel_row, "raw": json.dumps(row.raw, ensure_ascii=False)},
        ).scalar_one()  # fmt: skip
        conn.execute(
            _HELD_CELL_INSERT,
            [
                {"h": held_id, "p": i, "col": c.column, "raw": c.raw_value, "code": c.code,
                 "msg": c.problem_zh}
                for i, c in enumerate(row.cells, start=1)
            ],
        )  # fmt: skip


def _supersede_held(conn: Connection, sub_id: int) -> None:
    # A superseded table's held rows wait for nothing any more: the newer table answers them.
    conn.execute(
        text("UPDATE held_row SET status = 'superseded' WHERE submission_id = :s"), {"s": sub_id}
    )
    # The clerk's resolutions of that table go with it: shown as obsolete, applied nowhere.
    conn.execute(
        text("UPDATE resolution SET status = 'obsolete' WHERE submission_id = :s "
             "AND status = 'active'"),
        {"s": sub_id},
    )  # fmt: skip


def _insert_contacts(conn: Connection, sub_id: int, city: str, sub: SubmissionResult) -> None:
    for c in sub.contacts:
        conn.execute(
            text(
                "INSERT INTO contact (submission_id, city_name, name, title, phone, email, unit, "
                "sheet, excel_row) VALUES (:s, :city, :n, :t, :p, :e, :u, :sh, :r)"
            ),
            {
                "s": sub_id, "city": city, "n": c.name, "t": c.title, "p": c.phone,
                "e": c.email, "u": c.unit, "sh": c.sheet, "r": c.excel_row,
            },
        )  # fmt: skip


def _insert_figures(conn: Connection, sub_id: int, city: str, sub: SubmissionResult) -> None:
    for figure, value, raw in sub.figures:
        conn.execute(
            text(
                "INSERT INTO city_figure (submission_id, city_name, form, figure, value, "
                "value_raw) VALUES (:s, :c, :f, :fig, :v, :raw)"
            ),
            {"s": sub_id, "c": city, "f": sub.form, "fig": figure, "v": value, "raw": raw},
        )


def commit_message(
    engine: Engine, result: MessageResult, run_id: str, on_commit: OnCommit | None = None
) -> MessageResult:
    """Everything a message produced, in one transaction; returns the final outcomes."""
    now = to_db_time(dt.datetime.now(dt.UTC))
    received = to_db_time(result.received_at)
    email = result.email
    with engine.begin() as conn:
        for sub in result.submissions:
            sub_id = _insert_returning_id(
                conn,
                "INSERT INTO submission (message_key, attachment_path, filename, content_type, "
                "size_bytes, sha256, archive_path, city_name, form, outcome, reason_class, "
                "reason_detail, received_at, sheet, header_row, unit_name, summary_sentence, "
                "recorded_at) VALUES (:k, :path, :fn, :ct, :n, :sha, :ap, :city, :form, :o, "
                ":rc, :rd, :rcv, :sheet, :hr, :unit, :sent, :now)",
                {
                    "k": result.message_key, "path": sub.attachment.path,
                    "fn": sub.attachment.filename, "ct": sub.attachment.content_type,
                    "n": sub.attachment.size, "sha": sub.sha256, "ap": sub.archive_path,
                    "city": result.city_name, "form": sub.form, "o": sub.outcome,
                    "rc": sub.reason_class, "rd": sub.reason_detail, "rcv": received,
                    "sheet": sub.table.table.sheet if sub.table else None,
                    "hr": sub.table.table.header_row if sub.table else None,
                    "unit": sub.table.table.unit_name if sub.table else None,
                    "sent": sub.table.table.summary_sentence if sub.table else None,
                    "now": now,
                },
            )  # fmt: skip
            sub.submission_id = sub_id
            if sub.outcome == "accepted":
                # Only a registered city's file, read into a form, is ever accepted.
                assert result.city_name and sub.form and received, "accepted without a city"
                if sub.table is not None and sub.form in RESULTS_FORMS:
                    link_to_registry(conn, sub, result.city_name)
                if sub.table is not None:
                    rows = _insert_activities(conn, sub_id, result.message_key, sub)
                    conn.execute(
                        text("UPDATE submission SET rows_loaded = :n WHERE submission_id = :s"),
                        {"n": rows, "s": sub_id},
                    )
                _insert_held(conn, sub_id, result.message_key, result.city_name, sub)
                _insert_contacts(conn, sub_id, result.city_name, sub)
                _insert_figures(conn, sub_id, result.city_name, sub)
                sub.outcome = _supersede(
                    conn, sub_id, result.city_name, sub.form, received, result.message_key
                )
            _insert_problems(conn, sub_id, result.message_key, sub)
        result.settle_outcome()
        conn.execute(
            text(
                "UPDATE message SET message_id = :mid, sender = :snd, sender_name = :sn, "
                "subject = :subj, date_header = :dh, received_at = :rcv, city_name = :city, "
                "outcome = :o, reason_class = :rc, reason_detail = :rd, processed_at = :now, "
                "run_id = :run WHERE message_key = :k"
            ),
            {
                "mid": email.message_id if email else None,
                "snd": email.sender if email else None,
                "sn": email.sender_name if email else None,
                "subj": email.subject if email else None,
                "dh": result.date_header, "rcv": received, "city": result.city_name,
                "o": result.outcome, "rc": result.reason_class, "rd": result.reason_detail,
                "now": now, "run": run_id, "k": result.message_key,
            },
        )  # fmt: skip
        if result.question and result.city_name and email is not None:
            conn.execute(
                text(
                    "INSERT INTO question (message_key, city_name, sender, subject, received_at) "
                    "VALUES (:k, :c, :s, :subj, :rcv) ON CONFLICT (message_key) DO NOTHING"
                ),
                {"k": result.message_key, "c": result.city_name, "s": email.sender,
                 "subj": email.subject, "rcv": received},
            )  # fmt: skip
        if on_commit is not None:
            on_commit(conn, result)
    return result


def commit_internal_error(
    engine: Engine, result: MessageResult, run_id: str, on_commit: OnCommit | None = None
) -> MessageResult:
    """Record that the pipeline failed on a message, in a fresh transaction of its own.

    Only the message row changes (its raw bytes stay archived); `on_commit` may enqueue the
    ops notice, and if even that fails the outcome is still recorded, without the notice.
    """
    email = result.email
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE message SET message_id = :mid, sender = :snd, subject = :subj, "
                "received_at = :rcv, city_name = :city, outcome = :o, reason_class = :rc, "
                "reason_detail = :rd, processed_at = :now, run_id = :run WHERE message_key = :k"
            ),
            {
                "mid": email.message_id if email else None,
                "snd": email.sender if email else None,
                "subj": email.subject if email else None,
                "rcv": to_db_time(result.received_at), "city": result.city_name,
                "o": result.outcome, "rc": result.reason_class, "rd": result.reason_detail,
                "now": to_db_time(dt.datetime.now(dt.UTC)), "run": run_id,
                "k": result.message_key,
            },
        )  # fmt: skip
        if on_commit is not None:
            try:
                with conn.begin_nested():
                    on_commit(conn, result)
            except Exception:
                log.exception("no ops notice for message %s", result.message_key)
    return result


def requeue(engine: Engine, key: str) -> list[str]:
    """Clear the outcome of messages the pipeline failed on (by message_key, a unique prefix
    of it, or Message-ID) so the next intake processes them again; returns their keys.

    Only `internal_error` messages: any other outcome is the city's to change by resending.
    """
    with engine.begin() as conn:
        rows = conn.execute(
            text(
                "SELECT message_key FROM message WHERE reason_class = 'internal_error' "
                "AND (message_key LIKE :prefix OR message_id = :mid)"
            ),
            {"prefix": f"{key}%", "mid": key.strip("<>")},
        ).all()
        keys = [r[0] for r in rows]
        for k in keys:
            # A message whose every file failed has rejected submissions and their problems;
            # none of them loaded rows (only accepted files do).
            conn.execute(text("DELETE FROM problem WHERE message_key = :k"), {"k": k})
            conn.execute(
                text(
                    "DELETE FROM held_cell WHERE held_row_id IN "
                    "(SELECT held_row_id FROM held_row WHERE message_key = :k)"
                ),
                {"k": k},
            )
            conn.execute(text("DELETE FROM held_row WHERE message_key = :k"), {"k": k})
            conn.execute(text("DELETE FROM submission WHERE message_key = :k"), {"k": k})
            conn.execute(
                text(
                    "UPDATE message SET outcome = NULL, reason_class = NULL, reason_detail = NULL, "
                    "processed_at = NULL WHERE message_key = :k"
                ),
                {"k": k},
            )
    return keys
