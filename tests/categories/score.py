"""Accuracy of today's keyword rules and of the lexicon classifier on the labelled rows.

    PYTHONPATH=src python -m tests.categories.score             # fit and holdout, confusions
    PYTHONPATH=src python -m tests.categories.score --fit-only  # while building the lexicon

--fit-only exists so the lexicon can be worked on without looking at the holdout half.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable

from jinxiao.normalise.categories import Lexicon, classify, load_lexicon
from jinxiao.normalise.values import categorise
from tests.categories.dataset import Row, load_rows

Predict = Callable[[Row], str]


def today(row: Row) -> str:
    return categorise(row.activity_name, row.content or None, None)[0]


def lexicon_predictor(lexicon: Lexicon) -> Predict:
    def predict(row: Row) -> str:
        return classify(
            row.activity_name, row.content or None, row.support_policy or None, None, lexicon
        ).category

    return predict


def accuracy(rows: list[Row], predict: Predict) -> float:
    return sum(predict(r) == r.label for r in rows) / len(rows)


def recall_by_label(rows: list[Row], predict: Predict) -> dict[str, tuple[int, int]]:
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter(r.label for r in rows)
    for r in rows:
        hit[r.label] += predict(r) == r.label
    return {label: (hit[label], total[label]) for label in sorted(total)}


def microseconds_per_row(rows: list[Row], lexicon: Lexicon, repeat: int = 5) -> tuple[float, float]:
    """(best, median) of `repeat` timed passes over all rows: the machine is shared, so the best
    pass is the cost of classify and the median shows how much the neighbours add."""
    args = [(r.activity_name, r.content or None, r.support_policy or None) for r in rows]
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(10):
            for name, content, policy in args:
                classify(name, content, policy, None, lexicon)
        passes.append((time.perf_counter() - start) / (10 * len(args)) * 1e6)
    return min(passes), statistics.median(passes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fit-only", action="store_true", help="never read the holdout rows")
    args = parser.parse_args()

    rows = load_rows()
    halves = {"fit": [r for r in rows if r.split == "fit"]}
    if not args.fit_only:
        halves["holdout"] = [r for r in rows if r.split == "holdout"]
    lexicon = load_lexicon()
    predictors = {"today's categorise": today, "lexicon classify": lexicon_predictor(lexicon)}

    for half, subset in halves.items():
        for label, predict in predictors.items():
            acc = accuracy(subset, predict)
            print(f"{half:8} {label:20} {acc:6.1%}  ({len(subset)} rows)")

    shown = "holdout" if "holdout" in halves else "fit"
    subset = halves[shown]
    print(f"\nper-category recall on {shown} (today | lexicon):")
    old = recall_by_label(subset, today)
    new = recall_by_label(subset, predictors["lexicon classify"])
    for label in new:
        (oh, ot), (nh, nt) = old[label], new[label]
        print(f"  {label:12} {oh:2}/{ot:<2} {oh / ot:6.1%} | {nh:2}/{nt:<2} {nh / nt:6.1%}")

    print(f"\nconfusions of the lexicon classifier on {shown}:")
    predict = predictors["lexicon classify"]
    for r in subset:
        if (got := predict(r)) != r.label:
            print(f"  {r.id} {r.activity_name} — labelled {r.label}, got {got}")

    best, median = microseconds_per_row(rows, lexicon)
    print(f"\nclassify: {best:.1f} µs per row (best of 5 passes; median {median:.1f} µs)")


if __name__ == "__main__":
    main()
