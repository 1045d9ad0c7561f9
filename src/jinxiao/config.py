"""The campaign config (campaigns/<name>/campaign.yaml) and the package data the pipeline reads.

SQL, suites and the default campaign ship inside the package (importlib.resources), so an
installed wheel works from any directory; the repo's top-level sql/, expectations/ and config/
are links into src/jinxiao for people who look for them there.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from jinxiao.domain.errors import ConfigError


def _package_dir() -> Path:
    # A wheel installs as plain files; a zipped install (zipimport) is not supported because
    # SQLite, GX and openpyxl all want real paths.
    root = resources.files("jinxiao")
    if not isinstance(root, Path):
        raise RuntimeError(f"jinxiao must be installed as files, not {type(root).__name__}")
    return root


PACKAGE_DIR = _package_dir()
SQL_DIR = PACKAGE_DIR / "sql"
EXPECTATIONS_DIR = PACKAGE_DIR / "expectations"
DATA_DIR = PACKAGE_DIR / "data"
CAMPAIGNS_DIR = PACKAGE_DIR / "campaigns"
DEFAULT_CAMPAIGN_DIR = CAMPAIGNS_DIR / "shanxi-2021"
DEFAULT_CONFIG = DEFAULT_CAMPAIGN_DIR / "campaign.yaml"
DEFAULT_SENDER_REGISTRY = DEFAULT_CAMPAIGN_DIR / "senders.csv"


@dataclass(frozen=True)
class FormSpec:
    code: str
    title: str
    deadline: dt.date
    deadline_note: str | None

    def deadline_end(self, tz: ZoneInfo) -> dt.datetime:
        """End of the deadline day (23:59:59) in the campaign's time zone."""
        return dt.datetime.combine(self.deadline, dt.time(23, 59, 59), tzinfo=tz)


@dataclass(frozen=True)
class PlausibilityLimits:
    """Where a results row's figures stop agreeing with each other (campaign.yaml `checks`).

    A row outside them is a warning to the city and a 数据缺口 entry in the reports, never a
    report's standout (jinxiao.validate.crosscheck).
    """

    min_turnover_per_enterprise_wan: float  # actual turnover ÷ enterprises below this
    min_yuan_per_visit: float  # turnover (元) ÷ footfall (人次) below this
    max_yuan_per_visit: float  # … or above this
    max_redeemed_share: float  # redeemed ÷ issued vouchers above this
    max_estimate_factor: float  # actual and registry estimate this many times apart


@dataclass(frozen=True)
class City:
    code: str
    name: str

    @property
    def short(self) -> str:
        return self.name.removesuffix("市")


@dataclass(frozen=True)
class Campaign:
    code: str
    name: str
    notice: str
    province: str
    organiser: str
    year: int
    tz: ZoneInfo
    start: dt.date
    end: dt.date
    month_start: dt.date
    month_end: dt.date
    forms: dict[str, FormSpec]
    cities: tuple[City, ...]
    categories: tuple[str, ...]
    other_category: str
    reminder_days_before: tuple[int, ...]
    overdue_after_days: int
    june1_as_of: dt.date
    year_end_as_of: dt.date
    mail_from: str
    mail_ops: str | None
    # 主送机关 of the reports (the office they go up to); None leaves the line out.
    report_addressee: str | None = None
    # Cross-column checks of results rows; None (no `checks` in the yaml) checks nothing.
    plausibility: PlausibilityLimits | None = None

    def city(self, name: str) -> City:
        for c in self.cities:
            if name in (c.name, c.short):
                return c
        raise KeyError(name)

    @property
    def all_categories(self) -> tuple[str, ...]:
        return (*self.categories, self.other_category)


def config_path() -> Path:
    return Path(os.environ.get("JINXIAO_CONFIG", DEFAULT_CONFIG))


@functools.cache
def load_campaign(path: Path | None = None) -> Campaign:
    """The campaign of `path` (default: JINXIAO_CONFIG or the packaged one).

    Raises ConfigError naming the file and the key when it cannot be used: a broken config
    fails the task at once instead of being retried.
    """
    where = path or config_path()
    try:
        return _campaign(yaml.safe_load(where.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ConfigError(f"campaign config {where} cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"campaign config {where} is not valid YAML: {exc}") from exc
    except KeyError as exc:
        raise ConfigError(f"campaign config {where} lacks the key {exc}: add it") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"campaign config {where}: a value has the wrong form: {exc}") from exc


def _campaign(data: dict) -> Campaign:
    c = data["campaign"]
    forms = {
        code: FormSpec(code, f["title"], f["deadline"], f.get("deadline_note"))
        for code, f in data["forms"].items()
    }
    return Campaign(
        code=c["code"],
        name=c["name"],
        notice=c["notice"],
        province=c["province"],
        organiser=c["organiser"],
        year=int(c["year"]),
        tz=ZoneInfo(c["timezone"]),
        start=c["start"],
        end=c["end"],
        month_start=c["promotion_month"]["start"],
        month_end=c["promotion_month"]["end"],
        forms=forms,
        cities=tuple(City(str(x["code"]), x["name"]) for x in data["cities"]),
        categories=tuple(data["categories"]),
        other_category=data["other_category"],
        reminder_days_before=tuple(data["reminders"]["days_before"]),
        overdue_after_days=int(data["reminders"]["overdue_after_days"]),
        june1_as_of=data["reports"]["june1_as_of"],
        year_end_as_of=data["reports"]["year_end_as_of"],
        mail_from=data["mail"]["from"],
        mail_ops=data["mail"].get("ops"),
        report_addressee=data["reports"].get("addressee"),
        plausibility=_limits(data.get("checks")),
    )


def _limits(checks: dict | None) -> PlausibilityLimits | None:
    if checks is None:
        return None
    return PlausibilityLimits(
        min_turnover_per_enterprise_wan=float(checks["min_turnover_per_enterprise_wan"]),
        min_yuan_per_visit=float(checks["min_yuan_per_visit"]),
        max_yuan_per_visit=float(checks["max_yuan_per_visit"]),
        max_redeemed_share=float(checks["max_redeemed_share"]),
        max_estimate_factor=float(checks["max_estimate_factor"]),
    )


def truthy(value: object) -> bool:
    """A connection extra's flag as JSON or env text writes it ("false" must not read as True)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
