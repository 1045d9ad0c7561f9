"""The lexicon classifier of activity categories (issue 11 item 6) and the data it is judged on."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinxiao.config import load_campaign
from jinxiao.normalise.categories import DEFAULT_LEXICON, Lexicon, classify, load_lexicon
from tests.categories.dataset import load_rows, split_of
from tests.categories.score import accuracy, lexicon_predictor

NOTICE_ITEMS = Path(__file__).parent / "categories" / "notice_items.txt"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _cls(lexicon: Lexicon, name: str, content: str | None = None, policy: str | None = None):
    return classify(name, content, policy, None, lexicon)


# --- the labelled data -------------------------------------------------------------------------


def test_labelled_rows_cover_every_category_and_keep_the_hash_split() -> None:
    rows = load_rows()
    categories = load_campaign().all_categories
    assert len(rows) >= 200
    assert len({r.id for r in rows}) == len(rows)
    counts = Counter(r.label for r in rows)
    assert set(counts) == set(categories)
    assert min(counts.values()) >= 12
    # A row moved between halves by hand would show here.
    assert [r.split for r in rows] == [split_of(r.id) for r in rows]
    fit = sum(r.split == "fit" for r in rows)
    assert 0.4 < fit / len(rows) < 0.6


def test_holdout_accuracy_is_at_least_ninety_percent(lexicon: Lexicon) -> None:
    holdout = [r for r in load_rows() if r.split == "holdout"]
    assert accuracy(holdout, lexicon_predictor(lexicon)) >= 0.90


# --- the lexicon file ----------------------------------------------------------------------------


def test_lexicon_names_the_campaigns_categories_in_order(lexicon: Lexicon) -> None:
    assert lexicon.categories == load_campaign().all_categories
    assert lexicon.other == load_campaign().other_category


def test_every_term_cites_the_notice_verbatim_or_fit_rows_only() -> None:
    import yaml

    notice = NOTICE_ITEMS.read_text(encoding="utf-8")
    rows = {r.id: r for r in load_rows()}
    data = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    for entry in data["categories"]:
        for term, _weight, source in entry["terms"]:
            kind, _, rest = source.partition(":")
            if kind == "notice":
                quotes = re.findall(r"「(.+?)」", rest)
                assert quotes, (term, source)
                for quote in quotes:
                    assert quote in notice, (term, quote)
            else:
                assert kind == "fit", (term, source)
                ids = rest.split()
                assert ids, term
                for row_id in ids:
                    # Learning a term from a holdout row would make the holdout figure a lie.
                    assert rows[row_id].split == "fit", (term, row_id)
                    text = " ".join(
                        (
                            rows[row_id].activity_name,
                            rows[row_id].content,
                            rows[row_id].support_policy,
                        )
                    )
                    normalised = unicodedata.normalize("NFKC", text).casefold()
                    assert str(term).casefold() in normalised, (term, row_id)


def test_load_lexicon_refuses_a_term_under_two_categories(tmp_path: Path) -> None:
    text = DEFAULT_LEXICON.read_text(encoding="utf-8")
    # 夜市 under 餐饮 as well as under 夜经济: the file would no longer say which one wins.
    broken = text.replace(
        "      - [小吃, 2.5,", '      - [夜市, 2.5, "fit: a156"]\n      - [小吃, 2.5,'
    )
    assert broken != text
    path = tmp_path / "lexicon.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match="夜市"):
        load_lexicon(path)


# --- the city's own 类别 column ------------------------------------------------------------------


def test_the_citys_column_wins_over_the_rules(lexicon: Lexicon) -> None:
    # The rules alone would call this a car show.
    assert _cls(lexicon, "太原市五一汽车展销会").category == "汽车、成品油促消费"
    result = classify("太原市五一汽车展销会", None, None, "餐饮", lexicon)
    assert (result.category, result.source) == ("餐饮消费", "column")
    assert result.confidence >= 0.9


@pytest.mark.parametrize(
    ("cell", "category"),
    [
        ("网络消费", "网络消费"),
        ("（三）家电家具家装促消费活动", "家电家具家装"),
        ("（七）“夜经济”消费促进活动", "夜经济"),
        ("汽车、成品油促消费活动", "汽车、成品油促消费"),
        ("老字号商品消费促进活动", "老字号"),
        ("第十类", "农村消费"),
        ("（一）", "发放政府电子消费券"),
        (" 城市 商圈 ", "城市商圈"),
        ("其它", "其他"),
    ],
)
def test_column_synonyms_and_the_notices_item_titles(
    lexicon: Lexicon, cell: str, category: str
) -> None:
    result = classify("某某活动", None, None, cell, lexicon)
    assert (result.category, result.source) == (category, "column")


@pytest.mark.parametrize("cell", ["综合", "促消费", "（十一）", "", "   "])
def test_a_column_that_names_no_category_leaves_it_to_the_rules(
    lexicon: Lexicon, cell: str
) -> None:
    result = classify("临汾鼓楼夜市", None, None, cell, lexicon)
    assert (result.category, result.source) == ("夜经济", "rules")


# --- the rules -----------------------------------------------------------------------------------


def test_nothing_recognised_is_other_with_no_confidence(lexicon: Lexicon) -> None:
    result = _cls(lexicon, "孝义市系列活动", "结合本地实际开展活动", "企业让利")
    assert (result.category, result.source, result.confidence) == ("其他", "rules", 0.0)
    assert result.terms == ()


def test_a_voucher_only_in_the_policy_column_does_not_make_a_voucher_activity(
    lexicon: Lexicon,
) -> None:
    result = _cls(lexicon, "孝义市系列活动", None, "可使用政府消费券")
    assert (result.category, result.confidence) == ("其他", 0.0)
    assert _cls(lexicon, "孝义市消费券发放", None, None).category == "发放政府电子消费券"


def test_a_clear_name_is_more_confident_than_a_split_one(lexicon: Lexicon) -> None:
    clear = _cls(lexicon, "大同市家电以旧换新", "家电卖场开展以旧换新", None)
    split = _cls(lexicon, "大同市家电直播节", None, None)
    assert clear.category == split.category == "家电家具家装"
    assert 0.0 < split.confidence < clear.confidence <= 1.0


def test_the_longest_term_decides_between_the_notices_two_kinds_of_xiaxiang(
    lexicon: Lexicon,
) -> None:
    # Item 二 names 汽车下乡, item 十 names 汽车家电下乡.
    assert _cls(lexicon, "运城市汽车下乡巡展").category == "汽车、成品油促消费"
    assert _cls(lexicon, "运城市汽车家电下乡巡展").category == "农村消费"


def test_full_width_and_broken_words_read_like_the_plain_ones(lexicon: Lexicon) -> None:
    assert _cls(lexicon, "４Ｓ店 联合 让利").category == "汽车、成品油促消费"
    assert _cls(lexicon, "步 行\n街联合促销").category == "城市商圈"


# --- properties ----------------------------------------------------------------------------------

# Characters of the lexicon's own terms, so that generated text hits terms, not only misses them.
_LEXICON = load_lexicon()
_TERM_CHARS = sorted({ch for term in _LEXICON.terms for ch in term})
_LEXICON_CHARS = [*_TERM_CHARS, *"（）、 \n\t４Ｓ"]
_text = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet=st.sampled_from(_LEXICON_CHARS), max_size=60),
)


@settings(max_examples=300, deadline=None)
@given(name=_text, content=_text, policy=_text, cell=_text)
def test_classify_never_raises_and_stays_in_range(
    name: str | None, content: str | None, policy: str | None, cell: str | None
) -> None:
    lexicon = _LEXICON
    result = classify(name or "", content, policy, cell, lexicon)
    assert result.category in lexicon.categories
    assert result.source in ("column", "rules")
    assert 0.0 <= result.confidence <= 1.0
    assert classify(name or "", content, policy, cell, lexicon) == result


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet=st.sampled_from(_TERM_CHARS), min_size=1, max_size=8),
        min_size=1,
        max_size=6,
    )
)
def test_whitespace_between_characters_never_changes_the_category(words: list[str]) -> None:
    lexicon = _LEXICON
    joined = "".join(words)
    spaced = " ".join(words)
    assert _cls(lexicon, spaced).category == _cls(lexicon, joined).category


# --- as normalisation records it -------------------------------------------------------------


def test_assign_category_records_column_confirmed_or_rules() -> None:
    from jinxiao.normalise.categories import assign_category

    cat, source, confidence = assign_category("五一汽车展销会", "新车展销、以旧换新", None, None)
    assert (cat, source) == ("汽车、成品油促消费", "rules") and 0 < confidence < 1
    cat, source, confidence = assign_category("五一汽车展销会", None, None, "汽车")
    assert (cat, source, confidence) == ("汽车、成品油促消费", "confirmed", 0.95)
    cat, source, _ = assign_category("五一汽车展销会", None, None, "夜经济")
    assert (cat, source) == ("夜经济", "column")
    # Nothing to go on: 其他 by rule, with no confidence.
    assert assign_category("惠民活动", None, None, None) == ("其他", "rules", 0.0)
