"""Tolerant matching of a results row's activity name to the city's registry activities."""

from __future__ import annotations

from jinxiao.warehouse.link_results import match_registry_activity, normalise_name

REGISTRY = [
    (11, "2021年太原市“五一”美食节"),
    (12, "太原市政府电子消费券发放"),
    (13, "【夜经济】钟楼街夜市消费季"),
    (14, "迎泽区家电以旧换新活动"),
    (15, "小店区家电以旧换新活动"),
]


def test_normalise_drops_year_city_brackets_and_punctuation():
    assert normalise_name("2021年太原市“五一”美食节") == "五一美食节"
    assert normalise_name(" 山西省太原市 （五一） 美食节 ") == "五一美食节"
    assert normalise_name("【夜经济】钟楼街夜市消费季") == "夜经济钟楼街夜市消费季"
    assert normalise_name("ＡＢＣ　购物节") == "abc购物节"  # full-width letters and spaces
    assert normalise_name("太原") == "太原"  # a name that is only a city keeps it


def test_retyped_names_match_their_registry_activity():
    assert match_registry_activity(REGISTRY, "五一美食节") == 11
    assert match_registry_activity(REGISTRY, "太原 “五一” 美食节（2021）") == 11
    assert match_registry_activity(REGISTRY, "政府电子消费券发放") == 12
    assert match_registry_activity(REGISTRY, "夜经济·钟楼街夜市消费季活动") == 13


def test_ambiguous_or_distant_names_do_not_match():
    # Equally close to 迎泽区… and 小店区…: no guess.
    assert match_registry_activity(REGISTRY, "家电以旧换新活动") is None
    assert match_registry_activity(REGISTRY, "汽车下乡展销会") is None
    assert match_registry_activity(REGISTRY, "") is None
    assert match_registry_activity([], "五一美食节") is None
    # The same activity listed twice in the registry: no unique best.
    assert match_registry_activity([(1, "美食节"), (2, "美食节 ")], "美食节") is None


def test_exact_match_beats_a_close_one():
    cands = [(1, "迎泽区家电以旧换新活动"), (2, "迎泽区家电以旧换新活动二")]
    assert match_registry_activity(cands, "迎泽区家电以旧换新活动") == 1
    assert match_registry_activity(cands, "迎泽区 家电以旧换新活动（二）") == 2
