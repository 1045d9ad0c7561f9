"""Tables grouped under heading rows (issue 15, the national level): cases and what they mean.

A province's 附件2 汇总 lists its activities under a heading row per prefecture (this project's
roll-up writes "太原市（8项）"; clerks write "一、太原市", "（三）阳泉市", "【长治市】", "晋城市：",
"朔州市 共5项"), and the county cells below name counties as a city would, bare: "城区" under
阳泉市 is 阳泉's 城区 (140302), under 晋城市 晋城's (140502). A city's own registry is sometimes
grouped by county the same way, with the county cell left blank under its heading.

`build_case(seed)` gives a table and, per data row, the county codes a careful reader takes
(() for 全市, the city-wide rows). Written from the notice's layout and the divisions table,
not from the reader. DEV_SEEDS to work with, HELD_SEEDS (seed % 5 in {1, 3}) scored once.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

DIVISIONS = Path(__file__).resolve().parents[2] / "src" / "jinxiao" / "data" / "divisions_cn.csv"
HEADER = ["参加县区", "重点活动名称", "举办时间", "活动内容（简要概述）", "参与企业数量",
          "支持政策及优惠举措", "预估成效（成交额等）"]  # fmt: skip
NOT_PREFECTURES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
ALL_SEEDS = tuple(range(40))
HELD_SEEDS = tuple(s for s in ALL_SEEDS if s % 5 in (1, 3))
DEV_SEEDS = tuple(s for s in ALL_SEEDS if s not in HELD_SEEDS)
# The provinces whose campaigns ship with the package (a city's own table needs its campaign).
CITY_CAMPAIGNS = {"山西省": "shanxi-2021", "河南省": "henan-2021"}

_ZH = "一二三四五六七八九十"


def _zh(n: int) -> str:
    return _ZH[n - 1] if n <= 10 else "十" + _ZH[n - 11]


HEADINGS = (
    lambda i, name, n: f"{name}（{n}项）",
    lambda i, name, n: f"{_zh(i)}、{name}",
    lambda i, name, n: f"（{_zh(i)}）{name}",
    lambda i, name, n: f"【{name}】",
    lambda i, name, n: f"{name}：",
    lambda i, name, n: f"{name} 共{n}项",
    lambda i, name, n: f"{i}.{name}",
    lambda i, name, n: f"{name}(共{n}个活动)",
)
ACTIVITIES = ("春季消费季", "美食文化节", "家电以旧换新", "夜间消费月", "汽车展销会", "电商直播节",
              "老字号嘉年华", "乡村消费节")  # fmt: skip


@dataclass(frozen=True)
class Row:
    place: str  # the county cell as written
    codes: tuple[str, ...]  # the county codes a careful reader takes; () for 全市


@dataclass(frozen=True)
class Case:
    seed: int
    level: str  # "province": a roll-up to the ministry; "city": a city's own registry
    sender: str  # the province (national campaign) or the city
    campaign: str  # the campaign folder the table is read in
    table: list[list[object]]
    rows: list[Row]  # the data rows, in order


def divisions() -> list[dict[str, str]]:
    with DIVISIONS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _province_case(rng: random.Random, seed: int, rows: list[dict[str, str]]) -> Case:
    by_province: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_province.setdefault(r["province_name"], []).append(r)
    # Provinces with a county name shared by two prefectures, half of the time.
    # A municipality (北京市 …) has no prefectures to head its groups.
    grouped = sorted(p for p, rs in by_province.items()
                     if len({r["city_name"] for r in rs} - set(NOT_PREFECTURES)) >= 2)  # fmt: skip
    shared = [p for p in grouped
              if len({r["county_name"] for r in by_province[p]}) < len(by_province[p])]  # fmt: skip
    province = rng.choice(shared if rng.random() < 0.6 else grouped)
    own = by_province[province]
    names = [r["county_name"] for r in own]
    prefectures: dict[str, list[dict[str, str]]] = {}
    for r in own:
        if r["city_name"] in NOT_PREFECTURES:
            continue
        prefectures.setdefault(r["city_name"], []).append(r)
    chosen = rng.sample(sorted(prefectures), min(len(prefectures), rng.randint(2, 5)))
    heading = rng.choice(HEADINGS)
    table: list[list[object]] = [[f"{province}重点活动汇总表"], HEADER]
    out: list[Row] = []
    for i, city in enumerate(chosen, 1):
        counties = prefectures[city]
        dup = [c for c in counties if names.count(c["county_name"]) > 1]
        n = rng.randint(1, 4)
        table.append([heading(i, city, n), *[None] * 6])
        for k in range(n):
            roll = rng.random()
            if dup and roll < 0.5:
                c = rng.choice(dup)
                place, codes = c["county_name"], (c["county_code"],)
            elif roll < 0.85:
                c = rng.choice(counties)
                place, codes = c["county_name"], (c["county_code"],)
                if rng.random() < 0.2:
                    place = city + place  # some clerks qualify the county themselves
            else:
                place, codes = "全市", ()
            table.append(_activity(rng, place, k))
            out.append(Row(place, codes))
    table.append([f"参加活动的县区（市）{len(out)}个，重点活动{len(out)}场。"])
    return Case(seed, "province", province, "national-2021", table, out)


def _city_case(rng: random.Random, seed: int, rows: list[dict[str, str]]) -> Case:
    province = rng.choice(sorted(CITY_CAMPAIGNS))
    cities: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        if r["province_name"] == province:
            key = r["city_name"] if r["city_name"] not in NOT_PREFECTURES else r["county_name"]
            cities.setdefault(key, []).append(r)
    city = rng.choice(sorted(c for c, rs in cities.items() if len(rs) >= 3))
    counties = rng.sample(cities[city], min(len(cities[city]), rng.randint(2, 4)))
    heading = rng.choice(HEADINGS)
    blank = rng.random() < 0.7  # the county cell left blank under its heading
    table: list[list[object]] = [[f"{city}重点活动名录"], [f"填报单位：{city}商务局"], HEADER]
    out: list[Row] = []
    for i, c in enumerate(counties, 1):
        n = rng.randint(1, 3)
        table.append([heading(i, c["county_name"], n), *[None] * 6])
        for k in range(n):
            place = None if blank else c["county_name"]
            table.append(_activity(rng, place, k))
            out.append(Row(place or "", (c["county_code"],)))
    return Case(seed, "city", city, CITY_CAMPAIGNS[province], table, out)


def _activity(rng: random.Random, place: str | None, k: int) -> list[object]:
    name = f"{rng.choice(('第一届', '2021年', '“五一”', ''))}{rng.choice(ACTIVITIES)}"
    return [place, name, f"5月{k + 1}日-5月{k + 10}日", "组织商户开展促销", rng.choice((20, 35, 80)),
            "满减优惠", rng.choice((300, 1200, "/"))]  # fmt: skip


def build_case(seed: int) -> Case:
    rng = random.Random(f"grouped-{seed}")
    rows = divisions()
    return (_province_case if seed % 2 == 0 else _city_case)(rng, seed, rows)
