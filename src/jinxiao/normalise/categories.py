"""Put an activity into one of the notice's ten categories (or 其他) from what the city wrote.

The city's own 类别 cell wins when it names a category; otherwise a weighted lexicon
(data/category_lexicon.yaml, built from the notice's descriptions) reads the activity's name,
content and support policy. `classify` is pure and does no I/O; `load_lexicon` reads the file.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import yaml

from jinxiao.config import DATA_DIR, load_campaign

DEFAULT_LEXICON = DATA_DIR / "category_lexicon.yaml"

Source = Literal["column", "rules"]
# What the warehouse records: the city's 类别 cell (`column`), that cell and the lexicon agreeing
# (`confirmed`), or the lexicon alone (`rules`, which the reports call 按规则归类).
RecordedSource = Literal["column", "confirmed", "rules"]

_CN_DIGITS = "一二三四五六七八九十"
# A 类别 cell that is only the notice's item number: "（三）", "第三类", "三、", "三".
_ORDINAL_ONLY = re.compile(
    rf"^(?:[（(]([{_CN_DIGITS}]+)[)）]|第([{_CN_DIGITS}]+)[类项]?|([{_CN_DIGITS}]+)[、.．]?)$"
)
# The same number in front of a name: "（三）家电家具家装促消费活动", "3.家电".
_ORDINAL_PREFIX = re.compile(
    rf"^(?:[（(][{_CN_DIGITS}\d]+[)）]|第?[{_CN_DIGITS}]+[、.．]|\d+[、.．])"
)
# Punctuation and quotes a city puts around or inside a category's name.
_GIVEN_NOISE = re.compile(r"[\s、,，·.。:：;；\"'“”‘’「」《》<>\-—_/|]+")


@dataclass(frozen=True)
class Classification:
    category: str
    source: Source
    # 1.0: the city's own column named the category; otherwise how clearly the lexicon decided
    # (0 when nothing matched and the row fell to 其他).
    confidence: float
    # The lexicon terms that decided it, for a reviewer; empty for the column source.
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    categories: tuple[str, ...]  # in the notice's order, 其他 last
    other: str
    field_weights: tuple[float, float, float]  # name, content, policy
    min_score: float
    pattern: re.Pattern[str]
    # matched text -> (index into categories, weight)
    terms: dict[str, tuple[int, float]]
    # normalised 类别 cell -> category
    given: Mapping[str, str]
    given_suffixes: tuple[str, ...]
    by_item: Mapping[str, str]  # the notice's item number (一..十) -> category


def _norm(text: str) -> str:
    # NFKC folds full-width letters, digits and "＋" that Excel users type; casefold makes 4S
    # and 4s one; whitespace goes because cities break cells in the middle of words.
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _norm_given(text: str) -> str:
    return _GIVEN_NOISE.sub("", _norm(text))


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of words, longest first at each position, in one pass per field."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # Greedy optional: the longer word is tried before falling back to the shorter one.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def load_lexicon(path: Path = DEFAULT_LEXICON) -> Lexicon:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    other = str(data["other"])
    entries = data["categories"]
    categories = tuple(str(e["name"]) for e in entries)
    if other not in categories or categories[-1] != other:
        raise ValueError(f"lexicon: {other} must be the last category")
    if len(set(categories)) != len(categories):
        raise ValueError("lexicon: a category is listed twice")

    terms: dict[str, tuple[int, float]] = {}
    given: dict[str, str] = {}
    by_item: dict[str, str] = {}
    for index, entry in enumerate(entries):
        name = categories[index]
        if "item" in entry:
            by_item[str(entry["item"])] = name
        for raw in (name, *entry.get("given", ())):
            key = _norm_given(str(raw))
            if given.setdefault(key, name) != name:
                raise ValueError(f"lexicon: 类别 synonym {raw!r} names two categories")
        for term, weight, _source in entry["terms"]:
            key = _norm(str(term))
            if not key or float(weight) <= 0:
                raise ValueError(f"lexicon: bad term {term!r} ({weight}) under {name}")
            if key in terms:
                raise ValueError(f"lexicon: term {term!r} is listed twice")
            terms[key] = (index, float(weight))

    weights = data["field_weights"]
    return Lexicon(
        categories=categories,
        other=other,
        field_weights=(float(weights["name"]), float(weights["content"]), float(weights["policy"])),
        min_score=float(data["min_score"]),
        pattern=re.compile(_trie_regex(sorted(terms))),
        terms=terms,
        given=MappingProxyType(given),
        given_suffixes=tuple(
            sorted((_norm_given(s) for s in data.get("given_suffixes", ())), key=len, reverse=True)
        ),
        by_item=MappingProxyType(by_item),
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """The campaign's lexicon (its folder's, else the shared one), read once per process."""
    return load_lexicon(load_campaign().data_file(DEFAULT_LEXICON.name))


def assign_category(
    name: str, content: str | None, policy: str | None, given: str | None
) -> tuple[str, RecordedSource, float]:
    """(category, source, confidence) of one row, as the warehouse records it."""
    lexicon = default_lexicon()
    found = classify(name, content, policy, given, lexicon)
    if found.source == "rules":
        return found.category, "rules", found.confidence
    by_rules = classify(name, content, policy, None, lexicon)
    source: RecordedSource = "confirmed" if by_rules.category == found.category else "column"
    return found.category, source, found.confidence


def _from_column(given: str, lexicon: Lexicon) -> tuple[str, float] | None:
    text = _norm(given)
    if match := _ORDINAL_ONLY.match(text):
        item = next(g for g in match.groups() if g)
        return (lexicon.by_item[item], 0.95) if item in lexicon.by_item else None
    text = _norm_given(_ORDINAL_PREFIX.sub("", text))
    if not text:
        return None
    if text in lexicon.given:
        exact = _norm_given(lexicon.given[text]) == text
        return lexicon.given[text], 1.0 if exact else 0.95
    for suffix in lexicon.given_suffixes:
        stem = text.removesuffix(suffix)
        if stem != text and stem in lexicon.given:
            return lexicon.given[stem], 0.95
    return None


def classify(
    name: str,
    content: str | None,
    policy: str | None,
    given: str | None,
    lexicon: Lexicon,
) -> Classification:
    """The category of one registry row: the city's 类别 column when it names one, else rules."""
    if given and (found := _from_column(given, lexicon)) is not None:
        return Classification(found[0], "column", found[1])

    scores: dict[int, float] = {}
    name_scores: dict[int, float] = {}
    hits: dict[int, list[str]] = {}
    terms = lexicon.terms
    for field, (text, field_weight) in enumerate(
        zip((name, content, policy), lexicon.field_weights)
    ):
        if not text:
            continue
        # The strongest term per category and field: a food row that lists 美食、小吃、烧烤 is
        # no more 餐饮 than one that says 美食 once.
        best: dict[int, float] = {}
        for term in lexicon.pattern.findall(_norm(text)):
            index, weight = terms[term]
            if weight > best.get(index, 0.0):
                best[index] = weight
            hits.setdefault(index, []).append(term)
        for index, weight in best.items():
            scores[index] = scores.get(index, 0.0) + field_weight * weight
        if field == 0:
            name_scores = {i: field_weight * w for i, w in best.items()}

    if not scores:
        return Classification(lexicon.other, "rules", 0.0)
    # Ties go to the name, then to the notice's order.
    top = max(scores, key=lambda i: (scores[i], name_scores.get(i, 0.0), -i))
    if scores[top] < lexicon.min_score:
        return Classification(lexicon.other, "rules", 0.0)
    runner_up = max((s for i, s in scores.items() if i != top), default=0.0)
    margin = (scores[top] - runner_up) / scores[top]
    strength = 1.0 - math.exp(-scores[top] / 5.0)
    confidence = round(strength * (0.5 + 0.5 * margin), 3)
    return Classification(
        lexicon.categories[top], "rules", confidence, tuple(dict.fromkeys(hits[top]))
    )
