"""The numbers behind the reports: SQL in sql/reports/*.sql, results as plain dataclasses.

Every figure a report shows comes from one of these queries over the warehouse views, so an
analyst can reproduce any cell with the same SQL. Nothing here formats or writes files.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, text

from jinxiao.config import SQL_DIR, Campaign, load_campaign
from jinxiao.warehouse import WarehouseConfig, connect, migrate

REPORT_SQL_DIR = SQL_DIR / "reports"

# Status codes of the 报送情况 table and their labels. not_due: nothing arrived and the
# deadline is after the report's as-of date, so the city is not (yet) missing anything.
STATUS_LABELS = {
    "on_time": "按时",
    "late": "逾期",
    "missing": "未报送",
    "rejected_pending": "退回待改",
    "not_due": "未到期",
}
FORM_LABELS = {
    "registry": "活动名录",
    "plan": "工作方案",
    "results_may": "5月成效",
    "results_year": "全年成效",
}


@dataclass(frozen=True)
class ReportKind:
    code: str  # "june1" / "year_end": the file name part and the DAG's suffix
    results_form: str  # which results form the report is about
    as_of_attr: str  # Campaign attribute holding the default as-of date


REPORT_KINDS = {
    "june1": ReportKind("june1", "results_may", "june1_as_of"),
    "year_end": ReportKind("year_end", "results_year", "year_end_as_of"),
}


def report_is_due(report: str, when: dt.datetime | None, campaign: Campaign | None = None) -> bool:
    """A scheduled run writes on the as-of day (a draft) and the day after the deadline (final)."""
    campaign = campaign or load_campaign()
    kind = REPORT_KINDS[report]
    day = (when or dt.datetime.now(dt.UTC)).astimezone(campaign.tz).date()
    as_of = getattr(campaign, kind.as_of_attr)
    final = campaign.forms[kind.results_form].deadline + dt.timedelta(days=1)
    return day in (as_of, final)


@dataclass(frozen=True)
class ProvinceSummary:
    cities: int
    counties: int
    activities: int
    enterprises: int
    est_turnover_yi: float


@dataclass(frozen=True)
class ResultsTotals:
    cities_reported: int
    activities: int
    counties: int
    enterprises: int
    actual_turnover_wan: float
    actual_turnover_yi: float
    footfall_wan: float
    voucher_issued_wan: float
    voucher_redeemed_wan: float
    unknown_turnover: int
    unknown_footfall: int
    unlinked: int


@dataclass(frozen=True)
class CityRow:
    city_name: str
    counties: int
    activities: int
    enterprises: int
    est_turnover_yi: float
    reported: bool  # an accepted results form exists
    results_activities: int
    results_enterprises: int
    actual_turnover_wan: float
    actual_turnover_yi: float
    footfall_wan: float
    voucher_issued_wan: float
    voucher_redeemed_wan: float
    unknown_turnover: int
    unknown_footfall: int
    unlinked: int


@dataclass(frozen=True)
class CategoryRow:
    category: str
    registry_activities: int
    est_turnover_yi: float
    results_activities: int
    actual_turnover_yi: float
    footfall_wan: float


@dataclass(frozen=True)
class ActivityRow:
    city_name: str
    county_names: str | None
    activity_name: str | None
    category: str
    start_date: dt.date | None
    end_date: dt.date | None
    period_raw: str | None
    enterprise_count: int | None
    actual_turnover_wan: float | None
    footfall_wan: float | None


@dataclass(frozen=True)
class Standout:
    source: str  # "results" (actual turnover) or "registry" (estimated turnover)
    category: str
    city_name: str
    county_names: str | None
    activity_name: str | None
    turnover_wan: float


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
class MonthRow:
    month: str | None  # "YYYY-MM"; None = start date unknown
    registry_activities: int
    est_turnover_wan: float
    results_activities: int
    results_enterprises: int
    actual_turnover_wan: float
    footfall_wan: float


@dataclass(frozen=True)
class PeriodRow:
    period: str  # "before" "month" "after" "unknown"
    activities: int
    enterprises: int
    actual_turnover_wan: float
    footfall_wan: float


@dataclass(frozen=True)
class RegistryGapRow:
    city_name: str
    activities: int
    unknown_est_turnover: int
    unknown_enterprises: int
    unknown_dates: int


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


@dataclass(frozen=True)
class ReportData:
    kind: ReportKind
    campaign: Campaign
    as_of: dt.date
    draft: bool  # generated before the results form's deadline had passed
    province: ProvinceSummary
    results: ResultsTotals
    cities: list[CityRow]
    categories: list[CategoryRow]
    top: list[ActivityRow]
    standouts: list[Standout]
    statuses: list[StatusRow]
    months: list[MonthRow]
    periods: list[PeriodRow]
    registry_gaps: list[RegistryGapRow]
    forms: tuple[str, ...] = field(default=("registry", "plan", "results_may", "results_year"))

    @property
    def results_form(self) -> str:
        return self.kind.results_form


# --- plumbing -----------------------------------------------------------------------------


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


def _int(value: object) -> int:
    return int(value or 0)


def _float(value: object) -> float:
    return float(value or 0)


def _opt_float(value: object) -> float | None:
    return None if value is None else float(value)


def as_date(value: object) -> dt.date | None:
    """DATE columns: date objects on PostgreSQL, ISO text on SQLite."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_time(value: object) -> dt.datetime | None:
    """Timestamp columns: aware datetimes on PostgreSQL, UTC text on SQLite."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(str(value))


def is_draft(campaign: Campaign, form: str, now: dt.datetime) -> bool:
    """A report is a draft while cities may still send the form it is about."""
    return now < campaign.forms[form].deadline_end(campaign.tz)


def report_stem(campaign: Campaign, report: str, as_of: dt.date) -> str:
    """`<campaign>_<report>_<as_of>`, e.g. jx2021_june1_2021-06-01 (no draft marker)."""
    return f"{campaign.code}_{report}_{as_of.isoformat()}"


# --- the queries --------------------------------------------------------------------------


def province_summary(engine: Engine) -> ProvinceSummary:
    r = query(engine, "province_summary")[0]
    return ProvinceSummary(
        _int(r["cities"]),
        _int(r["counties"]),
        _int(r["activities"]),
        _int(r["enterprises"]),
        _float(r["est_turnover_yi"]),
    )


def results_totals(engine: Engine, form: str) -> ResultsTotals:
    r = query(engine, "results_totals", form=form)[0]
    return ResultsTotals(
        cities_reported=_int(r["cities_reported"]),
        activities=_int(r["activities"]),
        counties=_int(r["counties"]),
        enterprises=_int(r["enterprises"]),
        actual_turnover_wan=_float(r["actual_turnover_wan"]),
        actual_turnover_yi=_float(r["actual_turnover_yi"]),
        footfall_wan=_float(r["footfall_wan"]),
        voucher_issued_wan=_float(r["voucher_issued_wan"]),
        voucher_redeemed_wan=_float(r["voucher_redeemed_wan"]),
        unknown_turnover=_int(r["unknown_turnover"]),
        unknown_footfall=_int(r["unknown_footfall"]),
        unlinked=_int(r["unlinked"]),
    )


def city_rows(engine: Engine, form: str) -> list[CityRow]:
    return [
        CityRow(
            city_name=r["city_name"],
            counties=_int(r["counties"]),
            activities=_int(r["activities"]),
            enterprises=_int(r["enterprises"]),
            est_turnover_yi=_float(r["est_turnover_yi"]),
            reported=bool(r["reported"]),
            results_activities=_int(r["results_activities"]),
            results_enterprises=_int(r["results_enterprises"]),
            actual_turnover_wan=_float(r["actual_turnover_wan"]),
            actual_turnover_yi=_float(r["actual_turnover_yi"]),
            footfall_wan=_float(r["footfall_wan"]),
            voucher_issued_wan=_float(r["voucher_issued_wan"]),
            voucher_redeemed_wan=_float(r["voucher_redeemed_wan"]),
            unknown_turnover=_int(r["unknown_turnover"]),
            unknown_footfall=_int(r["unknown_footfall"]),
            unlinked=_int(r["unlinked"]),
        )
        for r in query(engine, "city_summary", form=form)
    ]


def category_rows(engine: Engine, campaign: Campaign, form: str) -> list[CategoryRow]:
    """The notice's categories in its order, then 其他; a label outside the list counts as 其他."""
    totals: dict[str, list[float]] = {c: [0, 0.0, 0, 0.0, 0.0] for c in campaign.all_categories}
    for r in query(engine, "category_summary", form=form):
        key = r["category"] if r["category"] in totals else campaign.other_category
        acc = totals[key]
        acc[0] += _int(r["registry_activities"])
        acc[1] += _float(r["est_turnover_yi"])
        acc[2] += _int(r["results_activities"])
        acc[3] += _float(r["actual_turnover_yi"])
        acc[4] += _float(r["footfall_wan"])
    return [CategoryRow(cat, int(a[0]), a[1], int(a[2]), a[3], a[4]) for cat, a in totals.items()]


def top_activities(engine: Engine, form: str, limit: int = 20) -> list[ActivityRow]:
    return [
        ActivityRow(
            city_name=r["city_name"],
            county_names=r["county_names"],
            activity_name=r["activity_name"],
            category=r["category"],
            start_date=as_date(r["start_date"]),
            end_date=as_date(r["end_date"]),
            period_raw=r["period_raw"],
            enterprise_count=None if r["enterprise_count"] is None else int(r["enterprise_count"]),
            actual_turnover_wan=_opt_float(r["actual_turnover_wan"]),
            footfall_wan=_opt_float(r["footfall_wan"]),
        )
        for r in query(engine, "top_activities", form=form, limit=limit)
    ]


def standouts(engine: Engine, form: str) -> list[Standout]:
    return [
        Standout(
            r["source"],
            r["category"],
            r["city_name"],
            r["county_names"],
            r["activity_name"],
            _float(r["turnover_wan"]),
        )
        for r in query(engine, "category_standouts", form=form)
    ]


def status_rows(engine: Engine, as_of: dt.date) -> list[StatusRow]:
    out = []
    for r in query(engine, "submission_status"):
        deadline = as_date(r["deadline"])
        status = r["status"]
        if r["latest_outcome"] == "rejected":
            status = "rejected_pending"
        elif status == "missing" and deadline > as_of:
            status = "not_due"
        out.append(
            StatusRow(r["city_name"], r["form"], deadline, status, as_time(r["first_received"]))
        )
    return out


def month_rows(engine: Engine, campaign: Campaign, form: str) -> list[MonthRow]:
    """Every campaign month (zeros included), other months that occur, then unknown dates."""
    plan = {r["month"]: r for r in query(engine, "monthly_registry")}
    done = {r["month"]: r for r in query(engine, "monthly_results", form=form)}
    months = {
        f"{campaign.year}-{m:02d}" for m in range(campaign.start.month, campaign.end.month + 1)
    }
    known = sorted(months | {m for m in (*plan, *done) if m is not None})
    keys: list[str | None] = [*known, *([None] if None in plan or None in done else [])]
    rows = []
    for m in keys:
        p, d = plan.get(m, {}), done.get(m, {})
        rows.append(
            MonthRow(
                month=m,
                registry_activities=_int(p.get("activities")),
                est_turnover_wan=_float(p.get("est_turnover_wan")),
                results_activities=_int(d.get("activities")),
                results_enterprises=_int(d.get("enterprises")),
                actual_turnover_wan=_float(d.get("actual_turnover_wan")),
                footfall_wan=_float(d.get("footfall_wan")),
            )
        )
    return rows


def period_rows(engine: Engine, campaign: Campaign, form: str) -> list[PeriodRow]:
    got = {
        r["period"]: r
        for r in query(
            engine, "period_split", form=form, month=campaign.month_start.isoformat()[:7]
        )
    }
    rows = []
    for period in ("month", "after", "before", "unknown"):
        r = got.get(period)
        if r is None and period in ("before", "unknown"):
            continue  # only shown when such rows exist
        r = r or {}
        rows.append(
            PeriodRow(
                period,
                _int(r.get("activities")),
                _int(r.get("enterprises")),
                _float(r.get("actual_turnover_wan")),
                _float(r.get("footfall_wan")),
            )
        )
    return rows


def registry_gaps(engine: Engine) -> list[RegistryGapRow]:
    return [
        RegistryGapRow(
            r["city_name"],
            _int(r["activities"]),
            _int(r["unknown_est_turnover"]),
            _int(r["unknown_enterprises"]),
            _int(r["unknown_dates"]),
        )
        for r in query(engine, "registry_gaps")
    ]


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


# --- one report's data --------------------------------------------------------------------


def default_as_of(campaign: Campaign, report: str) -> dt.date:
    return getattr(campaign, REPORT_KINDS[report].as_of_attr)


def gather(
    engine: Engine,
    report: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    campaign: Campaign | None = None,
) -> ReportData:
    """All numbers of one report. `now` decides only the draft flag (defaults to the clock)."""
    campaign = campaign or load_campaign()
    kind = REPORT_KINDS[report]
    as_of = as_of or default_as_of(campaign, report)
    now = now or dt.datetime.now(dt.UTC)
    form = kind.results_form
    return ReportData(
        kind=kind,
        campaign=campaign,
        as_of=as_of,
        draft=is_draft(campaign, form, now),
        province=province_summary(engine),
        results=results_totals(engine, form),
        cities=city_rows(engine, form),
        categories=category_rows(engine, campaign, form),
        top=top_activities(engine, form),
        standouts=standouts(engine, form),
        statuses=status_rows(engine, as_of),
        months=month_rows(engine, campaign, form),
        periods=period_rows(engine, campaign, form),
        registry_gaps=registry_gaps(engine),
    )


@dataclass(frozen=True)
class ReportFiles:
    xlsx: Path
    docx: Path
    pdf: Path | None
    manifest: Path
    draft: bool


def generate_report(
    engine: Engine,
    output_dir: Path,
    report: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    campaign: Campaign | None = None,
) -> ReportFiles:
    """Write `<campaign>_<report>_<as_of>`.xlsx/.docx (+.pdf when soffice exists, + .json)."""
    import json

    from jinxiao.report_docx import convert_to_pdf, write_report_docx
    from jinxiao.report_xlsx import write_report_xlsx

    data = gather(engine, report, as_of, now, campaign)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(data.campaign, report, data.as_of)
    xlsx = write_report_xlsx(data, output_dir / f"{stem}.xlsx")
    docx = write_report_docx(data, output_dir / f"{stem}.docx")
    pdf = convert_to_pdf(docx)
    manifest = output_dir / f"{stem}.json"
    # The sidecar says whether these files are a draft; the file names never change, so a
    # final run overwrites the draft in place.
    manifest.write_text(
        json.dumps(
            {
                "campaign": data.campaign.code,
                "report": report,
                "as_of": data.as_of.isoformat(),
                "form": data.results_form,
                "deadline": data.campaign.forms[data.results_form].deadline.isoformat(),
                "draft": data.draft,
                "files": [p.name for p in (xlsx, docx, pdf) if p is not None],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return ReportFiles(xlsx, docx, pdf, manifest, data.draft)


# --- entry points for the DAG tasks and the command line ----------------------------------


def open_engine(warehouse: WarehouseConfig, campaign: Campaign | None = None) -> Engine:
    """Connect and make sure tables and views (incl. sql/095_report_views.sql) are current."""
    from jinxiao.normalise_values import county_table

    engine = connect(warehouse)
    migrate(engine, campaign or load_campaign(), county_table())
    return engine


def parse_as_of(value: object, campaign: Campaign, report: str) -> dt.date:
    """A DAG param or CLI argument (“2021-06-01”, a date, or empty for the campaign default)."""
    if value in (None, ""):
        return default_as_of(campaign, report)
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])


def run_report(
    warehouse: WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> dict:
    """One report's files for a DAG task; returns what it wrote (names, draft flag)."""
    campaign = load_campaign()
    day = parse_as_of(as_of, campaign, report)
    engine = open_engine(warehouse, campaign)
    try:
        files = generate_report(engine, Path(output_dir), report, day, campaign=campaign)
    finally:
        engine.dispose()
    written = [files.xlsx, files.docx, files.pdf, files.manifest]
    return {"as_of": day.isoformat(), "draft": files.draft,
            "files": [str(p) for p in written if p is not None]}  # fmt: skip


def run_rollup(
    warehouse: WarehouseConfig, output_dir: Path, report: str, as_of: object = None
) -> str:
    from jinxiao.rollup import write_rollup

    campaign = load_campaign()
    day = parse_as_of(as_of, campaign, report)
    engine = open_engine(warehouse, campaign)
    try:
        return str(write_rollup(engine, Path(output_dir), day, campaign=campaign))
    finally:
        engine.dispose()


def run_results_templates(warehouse: WarehouseConfig, output_dir: Path, form: str) -> list[str]:
    """The cities' blank results workbooks (for a CLI command or a DAG task)."""
    from jinxiao.results_template import write_results_templates

    campaign = load_campaign()
    engine = open_engine(warehouse, campaign)
    try:
        return [str(p) for p in write_results_templates(engine, Path(output_dir), form, campaign)]
    finally:
        engine.dispose()
