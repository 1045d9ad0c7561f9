"""Values as the two warehouses hand them back, made equal (PostgreSQL types, SQLite text)."""

from __future__ import annotations

import datetime as dt


def as_time(value: object) -> dt.datetime | None:
    """Timestamp columns: aware datetimes on PostgreSQL, UTC ISO text on SQLite."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def as_date(value: object) -> dt.date | None:
    """DATE columns: date objects on PostgreSQL, ISO text on SQLite."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def to_db_time(value: dt.datetime | None, precise: bool = False) -> str | None:
    """UTC text both dialects compare correctly (SQLite compares it as a string).

    `precise` keeps microseconds, for times that order events within one run.
    """
    if value is None:
        return None
    fmt = "%Y-%m-%d %H:%M:%S.%f+00:00" if precise else "%Y-%m-%d %H:%M:%S+00:00"
    return value.astimezone(dt.UTC).strftime(fmt)
