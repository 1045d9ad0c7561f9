"""A campaign's jurisdiction: its province, prefecture cities and their county-level divisions,
taken from the all-China table (data/divisions_cn.csv, GB/T 2260 codes, docs/divisions.md).

A campaign names its cities by code; their counties, and the former names cities may still
write, come from the table, so another province needs only its campaign.yaml. A city given
by a county-level code (济源市 419001, a 省直辖县级行政区划) is a city of one division.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

NATIONAL_DIVISIONS = Path(__file__).resolve().parent / "data" / "divisions_cn.csv"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    city_code: str
    city_name: str
    province_code: str
    province_name: str
    former_names: tuple[str, ...]


@functools.cache
def national_divisions(path: Path = NATIONAL_DIVISIONS) -> tuple[Division, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            Division(
                r["county_code"], r["county_name"], r["city_code"], r["city_name"],
                r["province_code"], r["province_name"],
                tuple(n for n in (r["former_names"] or "").split("；") if n),
            )
            for r in csv.DictReader(f)
        )  # fmt: skip


# The table's city_name where a county has no prefecture (a municipality's districts, a
# province's directly administered cities): words of the table, not places.
MUNICIPAL_GROUPS = ("市辖区", "县")
DIRECTLY_GOVERNED = ("省直辖县级行政区划", "自治区直辖县级行政区划")
NOT_PLACE_NAMES = MUNICIPAL_GROUPS + DIRECTLY_GOVERNED


def province_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(d.province_name for d in national_divisions()))


def prefecture_names() -> tuple[str, ...]:
    """Names of the prefecture-level units: the table's cities, and the county-level cities a
    province governs directly (济源市), not the groups 市辖区/县/直辖 themselves."""
    names = [
        d.name if d.city_name in DIRECTLY_GOVERNED else d.city_name
        for d in national_divisions()
        if d.city_name not in MUNICIPAL_GROUPS
    ]
    return tuple(dict.fromkeys(names))


# The province of a national campaign (the ministry's): its cities are the provinces.
NATION = "全国"


class JurisdictionError(ValueError):
    """A campaign's city that the divisions table does not have as written (for ops)."""


def city_divisions(province: str, city_code: str, city_name: str) -> tuple[Division, ...]:
    """The county-level divisions of one campaign city, renamed to the campaign's city name.

    Raises JurisdictionError when the code is not a city (or county-level city) of `province`
    in the table, or the table calls it otherwise.
    """
    rows = national_divisions()
    table_name: str | None
    if len(city_code) == 2:
        # A national campaign's "city" is a province: all its county-level divisions.
        own = [d for d in rows if d.province_code == city_code]
        if own and own[0].province_name != city_name:
            raise JurisdictionError(
                f"province code {city_code} is {own[0].province_name}, not {city_name}"
            )
        if own and province != NATION:
            raise JurisdictionError(
                f"{city_name} ({city_code}) is a province: only a campaign of {NATION} has those"
            )
        province = own[0].province_name if own else province
        table_name = city_name
    elif len(city_code) == 6:
        own = [d for d in rows if d.code == city_code]
        table_name = own[0].name if own else None
    else:
        own = [d for d in rows if d.city_code == city_code]
        table_name = own[0].city_name if own else None
    if not own:
        raise JurisdictionError(
            f"city {city_name} ({city_code}): no such code in {NATIONAL_DIVISIONS.name}"
        )
    if own[0].province_name != province:
        raise JurisdictionError(
            f"city {city_name} ({city_code}) is in {own[0].province_name}, not {province}"
        )
    if table_name != city_name:
        raise JurisdictionError(
            f"city code {city_code} is {table_name} in {NATIONAL_DIVISIONS.name}, not {city_name}"
        )
    return tuple(
        Division(d.code, d.name, city_code, city_name, d.province_code, d.province_name,
                 d.former_names)
        for d in own
    )  # fmt: skip


def campaign_divisions(province: str, cities: tuple[tuple[str, str], ...]) -> tuple[Division, ...]:
    """All divisions of the campaign's (code, name) cities, in the cities' order."""
    return tuple(d for code, name in cities for d in city_divisions(province, code, name))
