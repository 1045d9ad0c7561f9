"""Score the reader on the grouped-table cases: per data row, the county codes it takes.

One subprocess per campaign (the campaign is process-wide config), each reading its cases
through jinxiao.reading.locate and jinxiao.normalise.table, as intake does after extraction.

    python tests/grouped/grouped_score.py --seeds dev [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from grouped_cases import ALL_SEEDS, DEV_SEEDS, HELD_SEEDS, build_case  # noqa: E402

REPO = HERE.parents[1]


def read(seeds: list[int]) -> dict[int, list[list[str]] | str]:
    """In this process (its JINXIAO_CAMPAIGN): seed -> codes per row read, or the error."""
    from jinxiao.config import load_campaign
    from jinxiao.domain.models import FileProblem, Sheet, Workbook
    from jinxiao.normalise.table import normalise_table
    from jinxiao.reading.locate import locate

    out: dict[int, list[list[str]] | str] = {}
    for seed in seeds:
        case = build_case(seed)
        wb = Workbook(f"{case.sender}活动名录.xlsx", "xlsx", [Sheet("Sheet1", case.table)], "")
        try:
            nt = normalise_table(locate(wb, "registry"), case.sender, load_campaign())
        except FileProblem as exc:
            out[seed] = f"{exc.reason_class}: {exc.detail_zh}"
            continue
        out[seed] = [list(r["county_codes"]) for r in nt.records]
    return out


def score(seeds: list[int], verbose: bool = False) -> tuple[int, int]:
    by_campaign: dict[str, list[int]] = {}
    for seed in seeds:
        by_campaign.setdefault(build_case(seed).campaign, []).append(seed)
    got: dict[int, list[list[str]] | str] = {}
    for campaign, group in by_campaign.items():
        env = {**os.environ, "JINXIAO_CAMPAIGN": campaign, "PYTHONPATH": str(REPO / "src")}
        proc = subprocess.run(
            [sys.executable, __file__, "--read", ",".join(map(str, group))],
            env=env, capture_output=True, text=True, timeout=600, check=True,
        )  # fmt: skip
        got |= {int(k): v for k, v in json.loads(proc.stdout.splitlines()[-1]).items()}
    right = total = 0
    for seed in seeds:
        case = build_case(seed)
        want = [sorted(r.codes) for r in case.rows]
        have = got[seed]
        total += len(want)
        if isinstance(have, str):
            ok = 0
        else:
            ok = sum(sorted(h) == w for h, w in zip(have, want, strict=False))
            ok -= max(0, len(have) - len(want))  # rows nobody wrote count against
        right += max(ok, 0)
        if verbose:
            print(f"seed {seed:2} {case.level:8} {case.sender:8} {max(ok, 0)}/{len(want)}")
            if isinstance(have, str) or ok < len(want):
                for r, h in zip(case.rows, have if not isinstance(have, str) else [], strict=False):
                    if sorted(h) != sorted(r.codes):
                        print(f"    {r.place!r}: want {sorted(r.codes)} got {sorted(h)}")
                if isinstance(have, str):
                    print("   ", have)
    return right, total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="dev")
    ap.add_argument("--read")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if args.read:
        print(json.dumps(read([int(s) for s in args.read.split(",")]), ensure_ascii=False))
        return
    named = {"dev": DEV_SEEDS, "held": HELD_SEEDS, "all": ALL_SEEDS}
    seeds = list(named.get(args.seeds) or [int(s) for s in args.seeds.split(",")])
    right, total = score(seeds, args.verbose)
    print(f"rows right: {right}/{total} ({100 * right / max(total, 1):.1f}%)")


if __name__ == "__main__":
    main()
