"""Link a results row to the registry activity it reports on, by a tolerant name match.

Cities retype names between the registry and the results form (“2021年太原市‘五一’美食节”
vs “五一美食节”), so names are compared after removing what does not tell activities apart:
spaces, punctuation, brackets and quotes, the year and a leading province/city name.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

MIN_RATIO = 0.8

# Brackets, quotes and punctuation, full- and half-width (after NFKC most become ASCII).
_NOISE = re.compile(
    r"[\s\"'`“”‘’「」『』《》〈〉【】〔〕\[\](){}<>·•・,，。.、:：;；!！?？\-—–―~～_/\\|#*+]"
)
_YEAR = re.compile(r"(?:19|20)\d{2}(?:年度|年)?")


@functools.cache
def _place_prefixes() -> tuple[str, ...]:
    """Province and city names, full and short, longest first so 太原市 wins over 太原."""
    from jinxiao.config import load_campaign

    c = load_campaign()
    names = {
        c.province,
        c.province_short,
        *(x.name for x in c.cities),
        *(x.short for x in c.cities),
    }
    return tuple(sorted(names, key=len, reverse=True))


def normalise_name(name: str, prefixes: Iterable[str] | None = None) -> str:
    """The part of an activity name that tells it apart from the city's other activities."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    text = _NOISE.sub("", text)
    text = _YEAR.sub("", text)
    stripped = True
    while stripped:  # “山西省太原市…” loses both
        stripped = False
        for p in prefixes if prefixes is not None else _place_prefixes():
            if p and text.startswith(p) and len(text) > len(p):
                text = text[len(p) :]
                stripped = True
                break
    return text


def _as_written(name: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def match_registry_activity(candidates: list[tuple[int, str]], name: str) -> int | None:
    """The id of the one candidate whose name matches `name`, or None.

    An exact match after normalising wins; otherwise the best difflib ratio ≥ 0.8 wins when
    no other candidate reaches the same ratio. Two candidates equally good (e.g. the same
    activity listed twice) give None: a wrong link is worse than none.
    """
    target = normalise_name(name)
    if not target:
        return None
    normed = [(cid, normalise_name(cname)) for cid, cname in candidates if cname]
    exact = {cid for cid, n in normed if n == target}
    if len(exact) > 1:
        # 汽车家电下乡 beside 2021年汽车家电下乡: the one written the same way is the one meant.
        exact &= {cid for cid, cname in candidates if _as_written(cname) == _as_written(name)}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    best_ratio, best_ids = 0.0, set()
    for cid, n in normed:
        if not n:
            continue
        ratio = difflib.SequenceMatcher(None, target, n, autojunk=False).ratio()
        if ratio > best_ratio + 1e-9:
            best_ratio, best_ids = ratio, {cid}
        elif abs(ratio - best_ratio) <= 1e-9:
            best_ids.add(cid)
    if best_ratio >= MIN_RATIO and len(best_ids) == 1:
        return best_ids.pop()
    return None


def names_no_county(rec: dict[str, object]) -> bool:
    """A results row that says nothing of where it was held (no column, or a blank cell)."""
    return not rec.get("county_raw") and not rec.get("county_codes") and not rec.get("citywide")


def inherit_counties(
    rec: dict[str, object], codes: list[str], names: str | None, citywide: bool
) -> None:
    """Give a results row that names no county the counties of its registry activity."""
    rec["county_codes"] = list(codes)
    rec["county_names"] = names
    rec["citywide"] = citywide
