"""The code holds no place name, year or slogan (issue 15): a campaign is its folder of config.

Reads every module of src/ and dags/ (not samples/, whose generator writes Shanxi's 2021 mail on
purpose, and not the data and campaign folders) and looks at its string and number literals,
docstrings left out (they explain with examples): no province or prefecture-level city of
data/divisions_cn.csv, full or short, no year 20xx, no campaign's slogan.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from jinxiao.jurisdiction import prefecture_names, province_names

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
SKIP = ("jinxiao/samples/", "jinxiao/campaigns/", "jinxiao/data/")
YEAR = re.compile(r"(?<![\d.])20\d{2}(?!\d)")
# Years that are not the campaign's: format names and standards.
NOT_CAMPAIGN_YEARS = ("officeDocument/2006/", "Excel 2003", "GB/T 9704-2012", "RFC 2047")
# Beijing time is China's clock, whichever province runs the campaign.
NOT_PLACES = ("北京时间",)


def _short(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name.removesuffix(suffix)
    return name


def _forbidden_words() -> set[str]:
    names = {*province_names(), *prefecture_names()}
    words = names | {_short(n) for n in names}
    for folder in (p for p in (SRC / "jinxiao" / "campaigns").iterdir() if p.is_dir()):
        data = yaml.safe_load((folder / "campaign.yaml").read_text(encoding="utf-8"))
        if slogan := data["campaign"].get("slogan"):
            words |= {slogan, *re.split(r"[·•]", slogan)}
        words.add(data["campaign"]["event"])
    return {w for w in words if len(w) >= 2}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def literal_hits(path: Path, words: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    hits = []
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _dated(node):
            hits.append(f"{path.relative_to(REPO)}:{node.lineno}: year {node.args[0].value}")  # type: ignore[attr-defined]
        if not isinstance(node, ast.Constant) or id(node) in docs:
            continue
        where = f"{path.relative_to(REPO)}:{node.lineno}"
        if isinstance(node.value, str):
            text = node.value
            for ok in (*NOT_CAMPAIGN_YEARS, *NOT_PLACES):
                text = text.replace(ok, "")
            if m := pattern.search(text):
                hits.append(f"{where}: place or slogan {m[0]!r} in {node.value[:60]!r}")
            elif m := YEAR.search(text):
                hits.append(f"{where}: year {m[0]!r} in {node.value[:60]!r}")
    return hits


def _dated(call: ast.Call) -> bool:
    """date(2021, …) / datetime(2021, …): a number is a year where it makes a date."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    first = call.args[0] if call.args else None
    return (
        name in ("date", "datetime")
        and isinstance(first, ast.Constant)
        and isinstance(first.value, int)
        and 2000 <= first.value <= 2099
    )


def _modules() -> list[Path]:
    return [
        p
        for p in sorted([*SRC.rglob("*.py"), *(REPO / "dags").rglob("*.py")])
        if not any(
            part in p.relative_to(SRC if p.is_relative_to(SRC) else REPO).as_posix()
            for part in SKIP
        )
    ]


def test_the_checker_finds_what_it_looks_for(tmp_path):
    words = _forbidden_words()
    assert {"山西省", "太原市", "太原", "郑州市", "济源市", "礼享生活·晋情消费"} <= words
    probe = SRC / "jinxiao" / "_probe_for_test.py"
    probe.write_text(
        '"""Docstrings may say 太原市 and 2021."""\nX = "山西省"\nY = dt.date(2021, 5, 1)\n'
        'Z = "2022年"\nW = 2000\n'
        'N = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"\n',
        encoding="utf-8",
    )
    try:
        hits = literal_hits(probe, words)
    finally:
        probe.unlink()
    assert [h.split(": ", 1)[1].split(" in ")[0] for h in hits] == [
        "place or slogan '山西省'", "year 2021", "year '2022'",
    ]  # fmt: skip


def test_no_place_name_year_or_slogan_in_the_code():
    words = _forbidden_words()
    assert any(p.parent.name == "dags" for p in _modules())
    hits = [h for p in _modules() for h in literal_hits(p, words)]
    assert not hits, "\n".join(hits)
