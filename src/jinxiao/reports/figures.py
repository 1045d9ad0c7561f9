"""The numbers behind the reports: SQL in sql/reports/*.sql, results as plain dataclasses.

Every figure a report shows comes from one of these queries over the warehouse views, so an
analyst can reproduce any cell with the same SQL. Nothing here formats or writes files (reports.build does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine

from jinxiao.config import Campaign
from jinxiao.domain.times import as_date
from jinxiao.validate.crosscheck import RowFigures, implausible
from jinxiao.warehouse.queries import StatusRow, held_counts, query, status_rows


@dataclass(frozen=True)
class ReportKind:
    code: str  # "june1" / "year_end": the file name part and the DAG's suffix
    results_form: str  # which results form the report is about
    as_of_attr: str  # Campaign attribute holding the default as-of date


REPORT_KINDS = {
    "june1": ReportKind("june1", "results_may", "june1_as_of"),
    "year_end": ReportKind("year_end", "results_year", "year_end_as_of"),
}


def report_is_due(report: str, when: dt.datetime | None, campaign: Campaign) -> bool:
    """A scheduled run writes on the as-of day (a draft) and the day after the deadline (final)."""
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
    # Rows that left the figure blank: a sum over only such rows is unknown, not 0.
    unknown_est_turnover: int = 0
    unknown_turnover: int = 0
    unknown_footfall: int = 0


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
class FlaggedRow:
    """A results row whose figures disagree with each other: listed, never praised."""

    activity_id: int
    city_name: str
    sheet: str | None
    excel_row: int | None
    county_names: str | None
    activity_name: str | None
    actual_turnover_wan: float | None
    problems: tuple[str, ...]  # the checks' Chinese messages


@dataclass(frozen=True)
class Standout:
    source: str  # "results" (actual turnover) or "registry" (estimated turnover)
    category: str
    city_name: str
    county_names: str | None
    activity_name: str | None
    turnover_wan: float


@dataclass(frozen=True)
class MonthRow:
    month: str | None  # "YYYY-MM"; None = start date unknown
    registry_activities: int
    est_turnover_wan: float
    results_activities: int
    results_enterprises: int
    actual_turnover_wan: float
    footfall_wan: float
    # Rows that left the figure blank: a month whose rows all did has an unknown sum.
    unknown_est_turnover: int = 0
    unknown_turnover: int = 0
    unknown_footfall: int = 0


@dataclass(frozen=True)
class PeriodRow:
    period: str  # "before" "month" "after" "unknown"
    activities: int
    enterprises: int
    actual_turnover_wan: float
    footfall_wan: float
    unknown_turnover: int = 0  # rows without an actual turnover: the sum is of the others
    unknown_enterprises: int = 0
    unknown_footfall: int = 0


@dataclass(frozen=True)
class RegistryGapRow:
    city_name: str
    activities: int
    unknown_est_turnover: int
    unknown_enterprises: int
    unknown_dates: int


@dataclass(frozen=True)
class HeldCount:
    """Rows held back from a city's current submission of a form: in none of the figures."""

    city_name: str
    form: str
    rows: int


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
    held: tuple[HeldCount, ...] = ()
    flagged: tuple[FlaggedRow, ...] = ()
    # Registry activities whose category the rules assigned (the city gave none), of all.
    categories_by_rule: tuple[int, int] = (0, 0)
    forms: tuple[str, ...] = field(default=("registry", "plan", "results_may", "results_year"))

    @property
    def results_form(self) -> str:
        return self.kind.results_form

    def held_rows(self, city_name: str, forms: tuple[str, ...] | None = None) -> int:
        """Held rows of a city in `forms` (default: the registry and this report's form)."""
        wanted = forms or ("registry", self.results_form)
        return sum(h.rows for h in self.held if h.city_name == city_name and h.form in wanted)


# --- plumbing -----------------------------------------------------------------------------
# Report rows hold SQL numbers: int or float (NUMERIC arrives as float, see query), or NULL.


def _int(value: float | None) -> int:
    return int(value or 0)


def _float(value: float | None) -> float:
    return float(value or 0)


def _opt_float(value: float | None) -> float | None:
    return None if value is None else float(value)


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
    keys = ("registry_activities", "est_turnover_yi", "results_activities", "actual_turnover_yi",
            "footfall_wan", "unknown_est_turnover", "unknown_turnover", "unknown_footfall")  # fmt: skip
    totals = {c: dict.fromkeys(keys, 0.0) for c in campaign.all_categories}
    for r in query(engine, "category_summary", form=form):
        acc = totals[r["category"] if r["category"] in totals else campaign.other_category]
        for k in keys:
            acc[k] += _float(r[k])
    return [
        CategoryRow(
            cat,
            int(a["registry_activities"]),
            a["est_turnover_yi"],
            int(a["results_activities"]),
            a["actual_turnover_yi"],
            a["footfall_wan"],
            int(a["unknown_est_turnover"]),
            int(a["unknown_turnover"]),
            int(a["unknown_footfall"]),
        )  # fmt: skip
        for cat, a in totals.items()
    ]


def categories_by_rule(engine: Engine) -> tuple[int, int]:
    """(activities categorised by rule, all activities) of the current registry."""
    counts = {r["source"]: _int(r["activities"]) for r in query(engine, "category_sources")}
    return counts.get("rules", 0), sum(counts.values())


def flagged_rows(engine: Engine, campaign: Campaign, form: str) -> tuple[FlaggedRow, ...]:
    """The results rows of `form` that fail a cross-column check (campaign `checks`)."""
    limits = campaign.plausibility
    if limits is None:
        return ()
    out = []
    for r in query(engine, "results_checks", form=form):
        figures = RowFigures(
            enterprise_count=_opt_float(r["enterprise_count"]),
            actual_turnover_wan=_opt_float(r["actual_turnover_wan"]),
            footfall_wan=_opt_float(r["footfall_wan"]),
            voucher_issued_wan=_opt_float(r["voucher_issued_wan"]),
            voucher_redeemed_wan=_opt_float(r["voucher_redeemed_wan"]),
            est_turnover_wan=_opt_float(r["est_turnover_wan"]),
        )
        if found := implausible(figures, limits):
            out.append(
                FlaggedRow(
                    activity_id=int(r["activity_id"]),
                    city_name=r["city_name"],
                    sheet=r["sheet"],
                    excel_row=None if r["excel_row"] is None else int(r["excel_row"]),
                    county_names=r["county_names"],
                    activity_name=r["activity_name"],
                    actual_turnover_wan=figures.actual_turnover_wan,
                    problems=tuple(f.message_zh for f in found),
                )
            )
    return tuple(out)


def top_activities(
    engine: Engine, form: str, limit: int = 20, skip: frozenset[int] = frozenset()
) -> list[ActivityRow]:
    """The largest known actual turnovers, leaving out the rows in `skip` (flagged ones)."""
    rows = query(engine, "top_activities", form=form, limit=limit + len(skip))
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
        for r in rows
        if int(r["activity_id"]) not in skip
    ][:limit]


def standouts(engine: Engine, form: str, skip: frozenset[int] = frozenset()) -> list[Standout]:
    """Per source and category the largest activity not in `skip` (flagged results rows)."""
    out: dict[tuple[str, str], Standout] = {}
    for r in query(engine, "category_standouts", form=form, depth=len(skip) + 1):
        key = (r["source"], r["category"])
        if key in out or (r["source"] == "results" and int(r["activity_id"]) in skip):
            continue
        out[key] = Standout(
            r["source"],
            r["category"],
            r["city_name"],
            r["county_names"],
            r["activity_name"],
            _float(r["turnover_wan"]),
        )
    return list(out.values())


def _stage_params(campaign: Campaign, form: str) -> dict[str, str]:
    """The promotion month is the May results' (the June 1 report's form), whatever `form` is."""
    return {
        "form": form,
        "may_form": REPORT_KINDS["june1"].results_form,
        "month": campaign.month_start.isoformat()[:7],
    }


def month_rows(engine: Engine, campaign: Campaign, form: str) -> list[MonthRow]:
    """Every campaign month (zeros included), other months that occur, then unknown dates."""
    plan = {r["month"]: r for r in query(engine, "monthly_registry")}
    done = {
        r["month"]: r for r in query(engine, "monthly_results", **_stage_params(campaign, form))
    }
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
                unknown_est_turnover=_int(p.get("unknown_est_turnover")),
                unknown_turnover=_int(d.get("unknown_turnover")),
                unknown_footfall=_int(d.get("unknown_footfall")),
            )
        )
    return rows


def period_rows(engine: Engine, campaign: Campaign, form: str) -> list[PeriodRow]:
    got = {r["period"]: r for r in query(engine, "period_split", **_stage_params(campaign, form))}
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
                _int(r.get("unknown_turnover")),
                _int(r.get("unknown_enterprises")),
                _int(r.get("unknown_footfall")),
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


def held_rows(engine: Engine, campaign: Campaign) -> tuple[HeldCount, ...]:
    """Every city's held rows per form, in the campaign's city order."""
    counts = held_counts(engine)
    order = {c.name: i for i, c in enumerate(campaign.cities)}
    return tuple(
        HeldCount(city, form, n)
        for (city, form), n in sorted(
            counts.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0])
        )
    )


# --- one report's data --------------------------------------------------------------------


def default_as_of(campaign: Campaign, report: str) -> dt.date:
    return getattr(campaign, REPORT_KINDS[report].as_of_attr)


def gather(
    engine: Engine,
    report: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    *,
    campaign: Campaign,
) -> ReportData:
    """All numbers of one report. `now` decides only the draft flag (defaults to the clock)."""
    kind = REPORT_KINDS[report]
    as_of = as_of or default_as_of(campaign, report)
    now = now or dt.datetime.now(dt.UTC)
    form = kind.results_form
    flagged = flagged_rows(engine, campaign, form)
    skip = frozenset(f.activity_id for f in flagged)
    return ReportData(
        kind=kind,
        campaign=campaign,
        as_of=as_of,
        draft=is_draft(campaign, form, now),
        province=province_summary(engine),
        results=results_totals(engine, form),
        cities=city_rows(engine, form),
        categories=category_rows(engine, campaign, form),
        top=top_activities(engine, form, skip=skip),
        standouts=standouts(engine, form, skip=skip),
        statuses=status_rows(engine, as_of),
        months=month_rows(engine, campaign, form),
        periods=period_rows(engine, campaign, form),
        registry_gaps=registry_gaps(engine),
        held=held_rows(engine, campaign),
        flagged=flagged,
        categories_by_rule=categories_by_rule(engine),
    )
