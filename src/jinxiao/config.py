"""The campaign config (campaigns/<name>/campaign.yaml) and the package data the pipeline reads.

SQL, suites and the default campaign ship inside the package (importlib.resources), so an
installed wheel works from any directory; the repo's top-level sql/, expectations/ and config/
are links into src/jinxiao for people who look for them there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from jinxiao.domain.errors import ConfigError
from jinxiao.domain.forms import (
    ACTIVITY_FIELDS,
    CITY_FIGURE_CODES,
    CONTACT_FIELDS,
    FORMS,
    TABLE_FORMS,
    FieldSpec,
    FormTables,
    TableSpec,
)
from jinxiao.jurisdiction import JurisdictionError, campaign_divisions


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
# The campaign used when JINXIAO_CAMPAIGN / JINXIAO_CONFIG name none: campaigns/default.txt.
DEFAULT_CAMPAIGN_DIR = CAMPAIGNS_DIR / (CAMPAIGNS_DIR / "default.txt").read_text("utf-8").strip()
DEFAULT_CONFIG = DEFAULT_CAMPAIGN_DIR / "campaign.yaml"
DEFAULT_SENDER_REGISTRY = DEFAULT_CAMPAIGN_DIR / "senders.csv"
# The campaign folder's files besides campaign.yaml; a file the folder lacks is the package's
# shared one in data/ (the notice's categories are the national campaign's).
SENDERS_FILE = "senders.csv"
HOLIDAYS_FILE = "holidays.yaml"
ALIASES_FILE = "county_aliases.csv"
TABLES_FILE = "forms.yaml"


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
class Wording:
    """How the mail and reports name the campaign's levels (campaign.yaml `wording`): a
    province's campaign writes to its cities' 商务局 as 我厅; the ministry's to the provinces'
    商务厅 as 我司. The defaults are a province's."""

    whole: str = "全省"  # the campaign's whole area: 全省合计
    unit: str = "市"  # one sender's level: 该市, 本市, 某市
    each: str = "各市"  # all of them
    office: str = "商务局"  # a sender's office after its name, unless the city says otherwise
    we: str = "我厅"  # how the organiser's mail refers to itself


@dataclass(frozen=True)
class City:
    code: str
    name: str
    office: str = ""  # its office when not the campaign's (上海市商务委员会)

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
    # The forms' tables (forms.yaml): header texts, template columns, required columns.
    tables: FormTables
    # 主送机关 of the reports (the office they go up to); None leaves the line out.
    report_addressee: str | None = None
    # Cross-column checks of results rows; None (no `checks` in the yaml) checks nothing.
    plausibility: PlausibilityLimits | None = None
    # The campaign's slogan as the notice writes it (the templates' and reports' titles).
    slogan: str = ""
    # The national event the campaign is part of (the reports' and templates' titles).
    event: str = ""
    # The folder campaign.yaml is in: senders.csv, holidays.yaml, county_aliases.csv beside it.
    folder: Path = DEFAULT_CAMPAIGN_DIR
    # The demo mailbox of `make run`: "generic" (built from the cities) or a scenario in samples/.
    demo: str = "generic"
    wording: Wording = Wording()

    @property
    def province_short(self) -> str:
        """山西省 -> 山西: how names and subjects abbreviate the province."""
        for suffix in ("省", "市", "自治区"):
            if self.province.endswith(suffix) and len(self.province) > len(suffix) + 1:
                return self.province.removesuffix(suffix)
        return self.province

    def data_file(self, name: str) -> Path:
        """The campaign folder's `name`, else the package's shared data/`name`."""
        own = self.folder / name
        return own if own.is_file() else DATA_DIR / name

    @property
    def sender_registry(self) -> Path:
        return self.folder / SENDERS_FILE

    def office_of(self, city_name: str) -> str:
        """太原市 -> 太原市商务局: whom the campaign's mail to a sender is addressed to."""
        try:
            office = self.city(city_name).office
        except KeyError:
            office = ""
        return f"{city_name}{office or self.wording.office}"

    def you(self, city_name: str) -> str:
        """贵局 / 贵厅 / 贵委: how a letter to the sender's office addresses it."""
        office = self.office_of(city_name)
        return "贵委" if office.endswith("委员会") else f"贵{office[-1:] or '局'}"

    def city(self, name: str) -> City:
        for c in self.cities:
            if name in (c.name, c.short):
                return c
        raise KeyError(name)

    @property
    def all_categories(self) -> tuple[str, ...]:
        return (*self.categories, self.other_category)


def campaign_path(name_or_path: str) -> Path:
    """campaign.yaml of a JINXIAO_CAMPAIGN value: a folder name under campaigns/, a folder, or
    the yaml file itself."""
    given = Path(name_or_path)
    if given.suffix in (".yaml", ".yml"):
        return given
    if given.is_dir():
        return given / "campaign.yaml"
    return CAMPAIGNS_DIR / name_or_path / "campaign.yaml"


def config_path() -> Path:
    """JINXIAO_CONFIG (a campaign.yaml), else JINXIAO_CAMPAIGN, else the packaged default."""
    if explicit := os.environ.get("JINXIAO_CONFIG"):
        return Path(explicit)
    if name := os.environ.get("JINXIAO_CAMPAIGN"):
        return campaign_path(name)
    return DEFAULT_CONFIG


def default_sender_registry() -> Path:
    """senders.csv beside the configured campaign.yaml."""
    return config_path().parent / SENDERS_FILE


@functools.cache
def load_campaign(path: Path | None = None) -> Campaign:
    """The campaign of `path` (default: JINXIAO_CONFIG or the packaged one).

    Raises ConfigError naming the file and the key when it cannot be used: a broken config
    fails the task at once instead of being retried.
    """
    where = path or config_path()
    with _config_errors("campaign config", where, "a value has the wrong form: "):
        campaign = _campaign(yaml.safe_load(where.read_text(encoding="utf-8")), where.parent)
        _check(campaign)
    return campaign


@contextlib.contextmanager
def _config_errors(what: str, where: Path, wrong_form: str = "") -> Iterator[None]:
    """What goes wrong reading a config file, as a ConfigError naming the file and the key."""
    try:
        yield
    except ConfigError:
        raise  # a file beside campaign.yaml (forms.yaml) names itself
    except JurisdictionError as exc:
        raise ConfigError(f"{what} {where}: {exc}: fix the cities list") from exc
    except OSError as exc:
        raise ConfigError(f"{what} {where} cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{what} {where} is not valid YAML: {exc}") from exc
    except KeyError as exc:
        raise ConfigError(f"{what} {where} lacks the key {exc}: add it") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{what} {where}: {wrong_form}{exc}") from exc


def _tables_of(folder: Path) -> FormTables:
    """forms.yaml of the campaign folder, else the package's; a broken one is a ConfigError
    naming the file and the key."""
    own = folder / TABLES_FILE
    where = own if own.is_file() else DATA_DIR / TABLES_FILE
    with _config_errors("forms file", where):
        return load_form_tables(yaml.safe_load(where.read_text(encoding="utf-8")))


def _words(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(str(v).strip() for v in value):
        raise ValueError(f"{key} must be a list of texts, not {value!r}")
    return tuple(str(v) for v in value)


def _table(code: str, t: dict, known: tuple[str, ...]) -> TableSpec:
    fields = []
    for name, f in t["fields"].items():
        if name not in known:
            raise ValueError(
                f"tables.{code}.fields.{name} is not a field the warehouse stores "
                f"({', '.join(known)})"
            )
        label = str(f.get("label") or "").strip()
        if not label:
            raise ValueError(f"tables.{code}.fields.{name}.label is empty")
        synonyms = _words(f.get("synonyms"), f"tables.{code}.fields.{name}.synonyms")
        fields.append(FieldSpec(name, label, synonyms, str(f.get("header") or "")))
    spec = TableSpec(
        label=str(t["name"]),
        fields=tuple(fields),
        required=_words(t["required"], f"tables.{code}.required"),
        template=_words(t["template"], f"tables.{code}.template"),
    )
    for key in ("required", "template"):
        unknown = [f for f in getattr(spec, key) if f not in t["fields"]]
        if unknown:
            raise ValueError(f"tables.{code}.{key}: {', '.join(unknown)} not in its fields")
    return spec


def load_form_tables(data: dict) -> FormTables:
    """A forms.yaml's content as the reader uses it; ValueError/KeyError name the key."""
    tables = data["tables"]
    figures = {str(k): str(v) for k, v in data["city_figures"].items()}
    if bad := [v for v in figures.values() if v not in CITY_FIGURE_CODES]:
        raise ValueError(
            f"city_figures: {', '.join(bad)} not one of {', '.join(CITY_FIGURE_CODES)}"
        )
    return FormTables(
        specs={code: _table(code, tables[code], ACTIVITY_FIELDS) for code in TABLE_FORMS},
        contacts=_table("contacts", tables["contacts"], CONTACT_FIELDS),
        results_marks=_words(data["marks"]["results"], "marks.results"),
        registry_marks=_words(data["marks"]["registry"], "marks.registry"),
        may_words=_words(data["words"]["may"], "words.may"),
        plan_words=_words(data["words"]["plan"], "words.plan"),
        results_words=_words(data["words"]["results"], "words.results"),
        registry_words=_words(data["words"]["registry"], "words.registry"),
        header_stems=_words(data["header_stems"], "header_stems"),
        city_figures=figures,
    )


def _form(code: str, f: dict) -> FormSpec:
    if code not in FORMS:
        raise ValueError(f"forms: {code!r} is not a form ({', '.join(FORMS)})")
    if not isinstance(f.get("deadline"), dt.date):
        raise ValueError(
            f"forms.{code}.deadline must be a date (YYYY-MM-DD), not {f.get('deadline')!r}"
        )
    if not str(f.get("title") or "").strip():
        raise ValueError(f"forms.{code}.title is empty")
    return FormSpec(code, f["title"], f["deadline"], f.get("deadline_note"))


def _check(campaign: Campaign) -> None:
    """What load_campaign refuses: a form missing, a city the divisions do not know."""
    missing = [f for f in FORMS if f not in campaign.forms]
    if missing:
        raise ValueError(f"forms: {', '.join(missing)} missing")
    if not campaign.cities:
        raise ValueError("cities: the list is empty")
    codes = [c.code for c in campaign.cities]
    names = [c.name for c in campaign.cities]
    if len(set(codes)) < len(codes) or len(set(names)) < len(names):
        raise ValueError("cities: a code or a name is listed twice")
    campaign_divisions(campaign.province, tuple((c.code, c.name) for c in campaign.cities))


def _campaign(data: dict, folder: Path = DEFAULT_CAMPAIGN_DIR) -> Campaign:
    c = data["campaign"]
    forms = {code: _form(code, f) for code, f in data["forms"].items()}
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
        cities=tuple(
            City(str(x["code"]), x["name"], str(x.get("office") or "")) for x in data["cities"]
        ),
        categories=tuple(data["categories"]),
        other_category=data["other_category"],
        reminder_days_before=tuple(data["reminders"]["days_before"]),
        overdue_after_days=int(data["reminders"]["overdue_after_days"]),
        june1_as_of=data["reports"]["june1_as_of"],
        year_end_as_of=data["reports"]["year_end_as_of"],
        mail_from=data["mail"]["from"],
        mail_ops=data["mail"].get("ops"),
        tables=_tables_of(folder),
        report_addressee=data["reports"].get("addressee"),
        slogan=str(c.get("slogan") or ""),
        event=str(c["event"]),
        folder=folder,
        demo=str(data.get("demo") or "generic"),
        plausibility=_limits(data.get("checks")),
        wording=Wording(**{str(k): str(v) for k, v in (data.get("wording") or {}).items()}),
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
