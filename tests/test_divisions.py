"""The project's county table (src/jinxiao/data/divisions.csv) against the shared reference."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from jinxiao.config import load_campaign
from jinxiao.normalise.values import counties_of, county_table

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / ".." / "shared" / "reference" / "shanxi_divisions.csv"


@pytest.fixture(scope="module")
def reference_rows() -> set[tuple[str, str, str, str]]:
    if not REFERENCE.parent.is_dir():
        pytest.skip(f"reference folder {REFERENCE.parent} is absent")
    with REFERENCE.open(encoding="utf-8", newline="") as f:
        return {
            (r["county_code"], r["county_name"], r["city_code"], r["city_name"])
            for r in csv.DictReader(f)
        }


def test_table_has_117_divisions_in_11_cities():
    rows = county_table()
    assert len(rows) == 117
    assert len({r[0] for r in rows}) == 117  # codes are unique
    assert len({(r[2], r[3]) for r in rows}) == 11


def test_table_matches_reference(reference_rows):
    rows = county_table()
    assert len(reference_rows) == 117
    assert {(code, name, city) for code, name, _, city in rows} == {
        (code, name, city) for code, name, _, city in reference_rows
    }
    assert set(rows) == reference_rows


def test_cities_are_the_campaign_cities():
    campaign = load_campaign()
    assert {(c.code, c.name) for c in campaign.cities} == {(r[2], r[3]) for r in county_table()}


def test_reference_kinds_and_names_shared_across_cities(reference_rows):
    # README of the reference: 26 districts, 11 county-level cities, 80 counties.
    kinds = Counter(
        "区" if name.endswith("区") else "市" if name.endswith("市") else "县"
        for _, name, _, _ in county_table()
    )
    assert kinds == {"区": 26, "市": 11, "县": 80}
    names = Counter(name for _, name, _, _ in county_table())
    assert names["城区"] == 2  # 阳泉市 and 晋城市: two divisions, never merged


@pytest.mark.parametrize(
    ("city", "count", "first"),
    [
        ("太原市", 10, "小店区"),
        ("阳泉", 5, "城区"),
        ("晋城市", 6, "城区"),
        ("吕梁市", 13, "离石区"),
    ],
)
def test_counties_of(city, count, first):
    names = counties_of(city)
    assert len(names) == count
    assert names[0] == first
