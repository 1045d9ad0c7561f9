"""Warehouse rows for tests, inserted the way the loader leaves them (one place for the SQL).

Every function takes an Engine (one transaction of its own) or a Connection (the caller's),
fills the NOT NULL columns with plausible values, and takes any other column by keyword.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence

from sqlalchemy import Connection, Engine, text

from jinxiao.domain.times import to_db_time
from jinxiao.normalise.values import county_table

CST = dt.timezone(dt.timedelta(hours=8))
_KEYS = itertools.count(1)
WHEN = dt.datetime(2021, 4, 20, 10, tzinfo=CST)  # any time before the first deadline


@contextlib.contextmanager
def _connection(db: Engine | Connection) -> Iterator[Connection]:
    if isinstance(db, Engine):
        with db.begin() as conn:
            yield conn
    else:
        yield db


def _insert(conn: Connection, table: str, values: Mapping[str, object], returning: str = ""):
    # Column names come from this module and its callers' keywords, never from data.
    cols = ", ".join(values)
    params = ", ".join(f":{c}" for c in values)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({params})"
    result = conn.execute(text(sql + (f" RETURNING {returning}" if returning else "")), values)
    return result.scalar_one() if returning else None


@functools.cache
def _county_codes() -> dict[tuple[str, str], str]:
    # By city and name: 城区 is a county of 阳泉, 长治 and 晋城 alike.
    return {(city, name): code for code, name, _city_code, city in county_table()}


def seed_message(
    db: Engine | Connection,
    key: str | None = None,
    *,
    city: str | None = None,
    outcome: str | None = None,
    received: dt.datetime | None = WHEN,
    **columns: object,
) -> str:
    """A `message` row (outcome None: recorded, not processed yet); returns its message_key.

    The Message-ID defaults to `<key>@x`.
    """
    key = key or f"msg{next(_KEYS):05d}"
    at = to_db_time(received) if received else to_db_time(WHEN)
    values = {
        "message_key": key, "message_id": f"{key}@x", "archive_path": f"/archive/{key}.eml",
        "size_bytes": 2048, "source": "maildir:/m", "source_ref": key, "first_seen_at": at,
        "sender": "swj@example.cn", "received_at": to_db_time(received) if received else None,
        "city_name": city, "outcome": outcome, **columns,
    }  # fmt: skip
    with _connection(db) as conn:
        _insert(conn, "message", values)
    return key


def seed_submission(
    db: Engine | Connection,
    *,
    city: str,
    form: str,
    outcome: str = "accepted",
    received: dt.datetime = WHEN,
    key: str | None = None,
    rows: Sequence[Mapping[str, object]] = (),
    message: Mapping[str, object] | None = None,
    **columns: object,
) -> int:
    """A message with one attachment loaded as a submission of `form`; returns submission_id.

    `rows` are activities (keywords of `seed_activity`, `row` defaulting to 4, 5, ...);
    `message` overrides columns of the message row; other keywords are submission columns.
    """
    with _connection(db) as conn:
        key = seed_message(conn, key, city=city, outcome=outcome, received=received,
                           **(message or {}))  # fmt: skip
        at = to_db_time(received)
        values = {
            "message_key": key, "attachment_path": "2", "filename": f"{city}{form}.xlsx",
            "size_bytes": 9000, "sha256": key, "archive_path": "/archive/a.xlsx",
            "city_name": city, "form": form, "outcome": outcome, "received_at": at,
            "recorded_at": at, **columns,
        }  # fmt: skip
        sub = _insert(conn, "submission", values, returning="submission_id")
        for n, row in enumerate(rows, start=4):
            seed_activity(conn, sub, **{"row": n, **row})
    return sub


def seed_activity(
    db: Engine | Connection,
    submission_id: int,
    *,
    row: int,
    counties: str | None = None,
    name: str | None = None,
    **columns: object,
) -> int:
    """An activity of a submission (its city, form and message come from it); returns its id.

    `counties` is the county cell as the loader resolves it: "全市" is citywide, otherwise
    names joined by 、, each also an `activity_county` row; `name` is the activity name.
    """
    with _connection(db) as conn:
        key, city, form = conn.execute(
            text("SELECT message_key, city_name, form FROM submission WHERE submission_id = :s"),
            {"s": submission_id},
        ).one()
        citywide = counties == "全市"
        values: dict[str, object] = {
            "submission_id": submission_id, "message_key": key, "city_name": city,
            "form": form, "sheet": "Sheet1", "excel_row": row,
        }  # fmt: skip
        if counties is not None:
            values |= {"county_names": None if citywide else counties,
                       "citywide": int(citywide), "county_raw": counties}  # fmt: skip
        if name is not None:
            values |= {"activity_name": name, "activity_name_raw": name}
        aid = _insert(conn, "activity", values | columns, returning="activity_id")
        for county in [] if counties is None or citywide else counties.split("、"):
            _insert(conn, "activity_county", {
                "activity_id": aid, "county_code": _county_codes()[(city, county)],
                "county_name": county, "city_name": city,
            })  # fmt: skip
    return aid


def seed_figure(db: Engine | Connection, submission_id: int, figure: str, value: float) -> None:
    """A city-level figure of a results submission (e.g. voucher_issued_wan)."""
    with _connection(db) as conn:
        city, form = conn.execute(
            text("SELECT city_name, form FROM submission WHERE submission_id = :s"),
            {"s": submission_id},
        ).one()
        _insert(conn, "city_figure", {
            "submission_id": submission_id, "city_name": city, "form": form, "figure": figure,
            "value": value, "value_raw": str(value),
        })  # fmt: skip


def seed_contact(
    db: Engine | Connection, submission_id: int, name: str | None, email: str | None
) -> None:
    """A contact of a plan submission (联系人名单)."""
    with _connection(db) as conn:
        city = conn.execute(
            text("SELECT city_name FROM submission WHERE submission_id = :s"),
            {"s": submission_id},
        ).scalar_one()
        _insert(conn, "contact", {"submission_id": submission_id, "city_name": city,
                                  "name": name, "email": email})  # fmt: skip
