"""The labelled activity rows and the fixed split that keeps the holdout half honest."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

LABELLED = Path(__file__).with_name("labelled.csv")
COLUMNS = ("id", "activity_name", "content", "support_policy", "label", "split", "why")


@dataclass(frozen=True)
class Row:
    id: str
    activity_name: str
    content: str
    support_policy: str
    label: str
    split: str
    why: str


def split_of(row_id: str) -> str:
    # A hash of the id alone, so nobody (including whoever wrote the rules) can choose which
    # rows end up in the holdout half.
    return "fit" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] % 2 == 0 else "holdout"


def load_rows(path: Path = LABELLED) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Row(**{c: r[c] for c in COLUMNS}) for r in csv.DictReader(f)]
