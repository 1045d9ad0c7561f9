"""Queries every output shares (reports, templates, the tracker): SQL in sql/reports/*.sql.

Rows come back as plain dicts with one numeric type on both warehouses, or as the small
dataclasses below, so a report and the tracker never disagree about a city's status.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, text

from jinxiao.config import SQL_DIR
from jinxiao.domain.labels import STATUS_LABELS
from jinxiao.domain.times import as_date, as_time

REPORT_SQL_DIR = SQL_DIR / "reports"


@dataclass(frozen=True)
class StatusRow:
    city_name: str
    form: str
    deadline: dt.date
    status: str  # a key of STATUS_LABELS
    first_received: dt.datetime | None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RegistryActivity:
    activity_id: int
    city_name: str
    county_names: str | None
    activity_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    period_raw: str | None
    content: str | None
    enterprise_count: int | None
    support_policy: str | None
    est_turnover_wan: float | None
    category: str


@functools.cache
def report_sql(name: str) -> str:
    """The query text without its comment lines (text() would read “:form” in them as binds)."""
    sql = (REPORT_SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))


def query(engine: Engine, name: str, **params: object) -> list[dict]:
    """Rows of sql/reports/<name>.sql as dicts, with NUMERIC values as float."""
    with engine.connect() as conn:
        rows = conn.execute(text(report_sql(name)), params).mappings().all()
    return [{k: _plain(v) for k, v in r.items()} for r in rows]


def _plain(value: object) -> object:
    # PostgreSQL NUMERIC arrives as Decimal, SQLite REAL as float: one type for the writers.
    if isinstance(value, Decimal):
        return float(value)
    return value


def _opt_float(value: float | None) -> float | None:  # a NUMERIC/REAL column (after _plain)
    return None if value is None else float(value)


def status_rows(engine: Engine, as_of: dt.date) -> list[StatusRow]:
    out = []
    for r in query(engine, "submission_status"):
        deadline = as_date(r["deadline"])
        assert deadline is not None  # form_deadline.deadline is NOT NULL
        status = r["status"]
        if r["latest_outcome"] == "rejected":
            status = "rejected_pending"
        elif status == "missing" and deadline > as_of:
            status = "not_due"
        out.append(
            StatusRow(r["city_name"], r["form"], deadline, status, as_time(r["first_received"]))
        )
    return out


def registry_activities(engine: Engine, city_name: str | None = None) -> list[RegistryActivity]:
    """Current registry activities (all cities, or one), in city order and the city's row order."""
    return [
        RegistryActivity(
            activity_id=int(r["activity_id"]),
            city_name=r["city_name"],
            county_names=r["county_names"],
            activity_name=r["activity_name"],
            start_date=as_date(r["start_date"]),
            end_date=as_date(r["end_date"]),
            period_raw=r["period_raw"],
            content=r["content"],
            enterprise_count=None if r["enterprise_count"] is None else int(r["enterprise_count"]),
            support_policy=r["support_policy"],
            est_turnover_wan=_opt_float(r["est_turnover_wan"]),
            category=r["category"],
        )
        for r in query(engine, "registry_activities")
        if city_name is None or r["city_name"] == city_name
    ]


def city_counties(engine: Engine, city_name: str) -> list[str]:
    return [r["county_name"] for r in query(engine, "city_counties", city=city_name)]


def held_counts(engine: Engine) -> dict[tuple[str, str], int]:
    """(city, form) -> rows held back from that current submission (sql/reports/held_rows.sql)."""
    return {(r["city_name"], r["form"]): int(r["held_rows"]) for r in query(engine, "held_rows")}
