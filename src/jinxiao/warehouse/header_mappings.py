"""Remembered header mappings (issue 12): what a city's header means, as the province clerk
confirmed it in the 待核实 queue (sql/076_header_mapping.sql).

Recorded with the clerk's resolution, in its transaction; the processor hands a city's active
mappings to the reader as data, so the next file with the same header is read that way.
Removing one keeps the row (inactive, who and when) for the audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from jinxiao.domain.models import HeaderMapping
from jinxiao.domain.times import to_db_time
from jinxiao.reading.locate import header_key


@dataclass(frozen=True)
class Remember:
    """The header meaning a clerk's resolution asks to remember for the file's city and form."""

    header_text: str
    field: str | None
    unit: str | None


def _now() -> str | None:
    return to_db_time(dt.datetime.now(dt.UTC), precise=True)


def remember(
    conn: Connection,
    new: Remember,
    *,
    city: str,
    form: str,
    by: str,
    resolution_id: int,
    submission_id: int,
) -> int:
    """Store the mapping; an earlier active one for the same city, form and header is retired."""
    norm = header_key(new.header_text)
    conn.execute(
        text(
            "UPDATE header_mapping SET active = 0, removed_at = :at, removed_by = :by "
            "WHERE city_name = :c AND form = :f AND header_norm = :n AND active = 1"
        ),
        {"at": _now(), "by": by, "c": city, "f": form, "n": norm},
    )
    return int(
        conn.execute(
            text(
                "INSERT INTO header_mapping (city_name, form, header_text, header_norm, field, "
                "unit, created_at, created_by, resolution_id, submission_id, active) VALUES "
                "(:c, :f, :t, :n, :field, :unit, :at, :by, :r, :s, 1) "
                "RETURNING header_mapping_id"
            ),
            {"c": city, "f": form, "t": new.header_text, "n": norm, "field": new.field,
             "unit": new.unit, "at": _now(), "by": by, "r": resolution_id, "s": submission_id},
        ).scalar_one()
    )  # fmt: skip


def active_mappings(engine: Engine, city: str) -> dict[str, tuple[HeaderMapping, ...]]:
    """The city's active mappings by form, as the reader takes them."""
    by_form: dict[str, list[HeaderMapping]] = {}
    with engine.connect() as conn:
        for r in conn.execute(
            text(
                "SELECT form, header_norm, field, unit, header_text FROM header_mapping "
                "WHERE city_name = :c AND active = 1 ORDER BY header_mapping_id"
            ),
            {"c": city},
        ):
            by_form.setdefault(r.form, []).append(
                HeaderMapping(r.header_norm, r.field, r.unit, r.header_text)
            )
    return {f: tuple(ms) for f, ms in by_form.items()}


def mappings_read_with(conn: Connection, submission_id: int) -> tuple[HeaderMapping, ...]:
    """The mappings the file was read with at intake (made before it was recorded and not
    removed by then): a held row made whole reads its file again the same way."""
    return tuple(
        HeaderMapping(r.header_norm, r.field, r.unit, r.header_text)
        for r in conn.execute(
            text(
                "SELECT m.header_norm, m.field, m.unit, m.header_text FROM header_mapping m "
                "JOIN submission s ON s.city_name = m.city_name AND s.form = m.form "
                "WHERE s.submission_id = :s AND m.created_at < s.recorded_at "
                "AND (m.removed_at IS NULL OR m.removed_at > s.recorded_at) "
                "ORDER BY m.header_mapping_id"
            ),
            {"s": submission_id},
        )
    )


def remove(engine: Engine, mapping_id: int, by: str) -> bool:
    """Stop reading later files by the mapping; False when it was not active."""
    with engine.begin() as conn:
        done = conn.execute(
            text(
                "UPDATE header_mapping SET active = 0, removed_at = :at, removed_by = :by "
                "WHERE header_mapping_id = :i AND active = 1"
            ),
            {"at": _now(), "by": by, "i": mapping_id},
        )
        return bool(done.rowcount)


@dataclass(frozen=True)
class MappingView:
    header_mapping_id: int
    city_name: str
    form: str
    header_text: str
    field: str | None
    unit: str | None
    created_at: str
    created_by: str


def listed(engine: Engine, city: str | None = None) -> list[MappingView]:
    """The active mappings, for the tracker (one city's, or all)."""
    where = " AND city_name = :c" if city else ""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT header_mapping_id, city_name, form, header_text, field, unit, created_at, "
                f"created_by FROM header_mapping WHERE active = 1{where} "
                "ORDER BY city_name, header_mapping_id"
            ),
            {"c": city},
        ).all()
    return [
        MappingView(int(r[0]), r[1], r[2], r[3], r[4], r[5], str(r[6])[:16], r[7]) for r in rows
    ]
