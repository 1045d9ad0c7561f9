"""Cell values as cities write them -> warehouse values (CONTRACT §2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinxiao.config import load_campaign
from jinxiao.domain.models import Amount, DateRange
from jinxiao.normalise.values import (
    HOLIDAYS,
    NormaliseError,
    categorise,
    chinese_to_int,
    match_counties,
    money_unit_assumed,
    parse_count,
    parse_date_range,
    parse_money,
    parse_quantity,
)

D = Decimal
BLANKS = ["/", "—", "——", "-", "－", "不详", "无", "暂无", "", None, "   ", "\u3000", float("nan")]


# --------------------------------------------------------------------------------------------
# Money


@pytest.mark.parametrize(
    ("raw", "header_unit", "value", "approx"),
    [
        ("5000万元", None, D(5000), False),
        ("0.5亿元", None, D(5000), False),
        ("约1.2亿", None, D(12000), True),
        ("5000万元以上", None, D(5000), True),
        ("预计成交额3000万元", None, D(3000), False),
        ("成交额约2.5亿元", None, D(25000), True),
        ("3,000", "万元", D(3000), False),
        ("3，000", "万元", D(3000), False),  # full-width comma
        ("１２００", "万元", D(1200), False),  # full-width digits
        ("2", "亿元", D(20000), False),
        ("300000", "元", D(30), False),
        ("5000万元", "亿元", D(5000), False),  # the cell's own unit wins over the header's
        (3000, "万元", D(3000), False),
        (1.5, "亿元", D(15000), False),
        (2500.0, None, D(2500), False),
        (500000, "（元）", D(50), False),
        ("三千万元", None, D(3000), False),
        ("十余万元", None, D(10), True),
        ("1亿多元", None, D(10000), True),
        ("500元", None, D("0.05"), False),
        ("1000-2000万元", None, D(1000), True),
        ("带动就业200人，实现销售额3000万元", None, D(3000), False),
        ("3000左右", "万元", D(3000), True),
        ("0", "万元", D(0), False),
        ("预计带动消费约8000万元，其中线上2000万元", None, D(8000), True),
        ("5千万", None, D(5000), False),
    ],
)
def test_parse_money(raw, header_unit, value, approx):
    assert parse_money(raw, header_unit) == Amount(value, approx)


@pytest.mark.parametrize("raw", BLANKS)
def test_money_blanks_are_unknown_not_zero(raw):
    assert parse_money(raw, "万元") == Amount(None)
    assert money_unit_assumed(raw, None) is False


@pytest.mark.parametrize(
    ("raw", "header_unit", "assumed"),
    [
        ("3000", None, True),
        (3000, None, True),
        ("3000", "家", True),  # a header unit that is no money unit names nothing
        ("3000", "万元", False),
        (3000, "亿元", False),
        ("3000万元", None, False),
        ("0.3亿", None, False),
        ("带动消费", None, False),  # unparseable: the error says it, not this warning
    ],
)
def test_money_unit_assumed(raw, header_unit, assumed):
    assert money_unit_assumed(raw, header_unit) is assumed


def test_bare_money_without_any_unit_is_wan():
    assert parse_money("3000", None) == Amount(D(3000))


@pytest.mark.parametrize(
    "raw", ["带动消费", "增长20%", "2021年", "带动就业200人", "客流量10万人次", True, -5]
)
def test_money_errors(raw):
    with pytest.raises(NormaliseError) as exc:
        parse_money(raw, "万元")
    assert exc.value.code == "money_unparseable"
    assert f"“{raw}”" in exc.value.message_zh
    assert "5000万元" in exc.value.message_zh


# --------------------------------------------------------------------------------------------
# Counts


@pytest.mark.parametrize(
    ("raw", "value", "approx"),
    [
        ("约50家", 50, True),
        ("50余家", 50, True),
        ("100+", 100, True),
        ("三十家", 30, False),
        ("二十余家", 20, True),
        ("一百二十", 120, False),
        ("1,200家", 1200, False),
        (50.0, 50, False),
        (50, 50, False),
        ("0", 0, False),
        (0, 0, False),
        ("30-50家", 30, True),
        ("30～50家", 30, True),
        ("50家左右", 50, True),
        ("十余家", 10, True),
        ("上百家", 100, True),
        ("参与企业86家", 86, False),
        ("共120家，其中限上企业20家", 120, False),
        ("1.2万家", 12000, False),
        ("２５", 25, False),
    ],
)
def test_parse_count(raw, value, approx):
    assert parse_count(raw) == Amount(D(value), approx)


@pytest.mark.parametrize("raw", BLANKS)
def test_count_blanks_are_unknown_not_zero(raw):
    assert parse_count(raw) == Amount(None)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("很多", "count_unparseable"),
        ("全市重点商贸企业", "count_unparseable"),
        ("数十家", "count_vague"),
        ("若干", "count_vague"),
        ("50.5", "count_not_integer"),
        (12.5, "count_not_integer"),
        ("20%", "count_unparseable"),
        (-3, "count_unparseable"),
    ],
)
def test_count_errors(raw, code):
    with pytest.raises(NormaliseError) as exc:
        parse_count(raw)
    assert exc.value.code == code
    assert f"“{raw}”" in exc.value.message_zh


# --------------------------------------------------------------------------------------------
# Quantities


@pytest.mark.parametrize(
    ("raw", "header_unit", "value", "approx"),
    [
        ("12万人次", None, D(12), False),
        ("120000人次", None, D(12), False),
        (12, "万人次", D(12), False),
        ("12", "万人次", D(12), False),
        (120000, "人次", D(12), False),
        ("约5万人", None, D(5), True),
        ("8.5", None, D("8.5"), False),
        ("3000人次", "万人次", D("0.3"), False),
    ],
)
def test_parse_quantity(raw, header_unit, value, approx):
    assert parse_quantity(raw, header_unit) == Amount(value, approx)


def test_quantity_blanks_and_errors():
    assert parse_quantity("—", "万人次") == Amount(None)
    with pytest.raises(NormaliseError) as exc:
        parse_quantity("人气火爆", "万人次")
    assert exc.value.code == "quantity_unparseable"
    assert "人气火爆" in exc.value.message_zh and "万人次" in exc.value.message_zh


# --------------------------------------------------------------------------------------------
# Dates


def d(month: int, day: int, year: int = 2021) -> dt.date:
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("5月1日-5月31日", d(5, 1), d(5, 31)),
        ("2021.5.1—5.5", d(5, 1), d(5, 5)),
        ("2021年5月1日至5日", d(5, 1), d(5, 5)),
        ("5.1-5.31", d(5, 1), d(5, 31)),
        ("5月1日—10日", d(5, 1), d(5, 10)),
        ("2021/5/1", d(5, 1), d(5, 1)),
        ("2021-05-01", d(5, 1), d(5, 1)),
        ("2021-05-01 00:00:00", d(5, 1), d(5, 1)),
        # A column formatted mm-dd and pasted as text.
        ("05-01至05-05", d(5, 1), d(5, 5)),
        ("04-30至05-05", d(4, 30), d(5, 5)),
        ("05-01—05-31", d(5, 1), d(5, 31)),
        ("10-01", d(10, 1), d(10, 1)),
        # A holiday word beside another written in digits (each word is found in turn).
        ("双11双12", d(11, 11), d(12, 12)),
        ("五一618", d(5, 1), d(6, 18)),
        ("五一520期间", d(5, 1), d(5, 20)),
        ("5月", d(5, 1), d(5, 31)),
        ("5月-10月", d(5, 1), d(10, 31)),
        ("5-12月", d(5, 1), d(12, 31)),
        ("5月中旬", d(5, 11), d(5, 20)),
        ("5月上旬", d(5, 1), d(5, 10)),
        ("5月下旬", d(5, 21), d(5, 31)),
        ("6月下旬", d(6, 21), d(6, 30)),
        ("6月中下旬", d(6, 11), d(6, 30)),
        ("五月初", d(5, 1), d(5, 10)),
        ("5月底", d(5, 21), d(5, 31)),
        ("全年", d(5, 1), d(12, 31)),
        ("2021年全年", d(5, 1), d(12, 31)),
        ("常态化", d(5, 1), d(12, 31)),
        ("下半年", d(7, 1), d(12, 31)),
        ("2021年5月", d(5, 1), d(5, 31)),
        ("5月份", d(5, 1), d(5, 31)),
        ("2021年5月-12月", d(5, 1), d(12, 31)),
        ("五月一日至五月五日", d(5, 1), d(5, 5)),
        ("二〇二一年五月一日", d(5, 1), d(5, 1)),
        ("5月1-5日", d(5, 1), d(5, 5)),
        ("2021.05.01-2021.05.31", d(5, 1), d(5, 31)),
        ("2021年5月1日-2021年5月31日", d(5, 1), d(5, 31)),
        ("5月1日-6月30日", d(5, 1), d(6, 30)),
        ("5月1日—5月31日（每周末）", d(5, 1), d(5, 31)),
        ("5月1日(周六)9:00", d(5, 1), d(5, 1)),
        ("2021年5月1日起至5月31日", d(5, 1), d(5, 31)),
        (" 5月1日 - 5月31日 ", d(5, 1), d(5, 31)),
        ("5月1日至年底", d(5, 1), d(12, 31)),
        ("5月1日至国庆", d(5, 1), d(10, 7)),
        ("五一至端午", d(5, 1), d(6, 14)),
        ("5月1日、6月1日", d(5, 1), d(6, 1)),
        ("5月1日-5日、6月12日-14日", d(5, 1), d(6, 14)),
        ("11.11", d(11, 11), d(11, 11)),
        ("12月", d(12, 1), d(12, 31)),
        # holidays of 2021
        ("五一期间", d(5, 1), d(5, 5)),
        ("五一劳动节期间", d(5, 1), d(5, 5)),
        ("“五一”假期", d(5, 1), d(5, 5)),
        ("劳动节", d(5, 1), d(5, 5)),
        ("母亲节", d(5, 9), d(5, 9)),
        ("端午节", d(6, 12), d(6, 14)),
        ("618期间", d(6, 1), d(6, 18)),
        ("七夕", d(8, 14), d(8, 14)),
        ("中秋", d(9, 19), d(9, 21)),
        ("国庆期间", d(10, 1), d(10, 7)),
        ("十一黄金周", d(10, 1), d(10, 7)),
        ("中秋国庆双节", d(9, 19), d(10, 7)),
        ("双十一", d(11, 11), d(11, 11)),
        ("双12", d(12, 12), d(12, 12)),
        ("元旦", d(1, 1, 2022), d(1, 3, 2022)),
        ("暑期", d(7, 1), d(8, 31)),
        # Excel cells
        (dt.datetime(2021, 5, 1, 9, 30), d(5, 1), d(5, 1)),
        (dt.date(2021, 6, 1), d(6, 1), d(6, 1)),
        (44317, d(5, 1), d(5, 1)),
        (44317.375, d(5, 1), d(5, 1)),
        (44561, d(12, 31), d(12, 31)),
        (5.1, d(5, 1), d(5, 1)),  # "5.1" that Excel kept as a number
    ],
)
def test_parse_date_range(raw, start, end):
    assert parse_date_range(raw) == DateRange(start, end)


def test_year_less_dates_take_the_year_given():
    assert parse_date_range("5月1日-5日", 2022) == DateRange(d(5, 1, 2022), d(5, 5, 2022))
    assert parse_date_range("2021年5月1日", 2022) == DateRange(d(5, 1), d(5, 1))


def test_open_ended_ranges_keep_the_side_written():
    assert parse_date_range("5月1日起") == DateRange(d(5, 1), None)
    assert parse_date_range("5月31日前") == DateRange(None, d(5, 31))
    assert parse_date_range("至年底") == DateRange(None, d(12, 31))


@pytest.mark.parametrize("raw", BLANKS + ["待定"])
def test_date_blanks(raw):
    assert parse_date_range(raw) == DateRange(None, None)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("近期", "date_unparseable"),
        ("另行通知", "date_unparseable"),
        ("5", "date_unparseable"),
        ("1-5日", "date_unparseable"),
        ("05-01-05-31", "date_unparseable"),  # which dash is the range? ask the city
        ("10-12", "date_unparseable"),  # October 12th, or days 10 to 12?
        ("6月1-3、10-15", "date_unparseable"),  # a day range after a month is no mm-dd
        ("5月1日-10日、11-12", "date_unparseable"),
        ("5.20-5.1", "date_end_before_start"),
        ("5月31日-5月1日", "date_end_before_start"),
        ("2月30日", "date_invalid"),
        ("13月", "date_invalid"),
        (True, "date_unparseable"),
        (dt.time(9, 0), "date_unparseable"),
    ],
)
def test_date_errors(raw, code):
    with pytest.raises(NormaliseError) as exc:
        parse_date_range(raw)
    assert exc.value.code == code
    assert f"“{raw}”" in exc.value.message_zh
    assert "5月1日-5月31日" in exc.value.message_zh


def test_date_error_message_reads_as_the_brief_asks():
    with pytest.raises(NormaliseError) as exc:
        parse_date_range("近期")
    assert exc.value.message_zh == (
        "无法识别的日期“近期”，请填写如“5月1日-5月31日”或“2021年5月1日”"
    )
    assert str(exc.value) == exc.value.message_zh
    assert isinstance(exc.value, ValueError)


def test_holiday_without_a_table_for_the_year_is_an_error_not_a_guess():
    assert 2023 not in HOLIDAYS
    with pytest.raises(NormaliseError) as exc:
        parse_date_range("端午节", 2023)
    assert exc.value.code == "date_holiday_unknown_year"


def test_holiday_table_lies_in_its_year_or_the_next_new_year():
    for names, start, end in HOLIDAYS[2021]:
        assert start <= end, names
        assert start.year == 2021 or names == ("元旦",) or names == ("春节",)


# --------------------------------------------------------------------------------------------
# Counties


@pytest.mark.parametrize(
    ("raw", "city", "names", "citywide", "unknown"),
    [
        ("太原市小店区", "太原市", ("小店区",), False, ()),
        ("小店", "太原市", ("小店区",), False, ()),
        ("小店区", "太原", ("小店区",), False, ()),
        ("山西省太原市小店区", "太原市", ("小店区",), False, ()),
        ("小店区、迎泽区", "太原市", ("小店区", "迎泽区"), False, ()),
        ("小店，迎泽 杏花岭/万柏林；晋源区", "太原市",
         ("小店区", "迎泽区", "杏花岭区", "万柏林区", "晋源区"), False, ()),
        ("小店区和迎泽区", "太原市", ("小店区", "迎泽区"), False, ()),
        ("小店区迎泽区", "太原市", ("小店区", "迎泽区"), False, ()),
        ("和顺县及左权县", "晋中市", ("和顺县", "左权县"), False, ()),
        ("和顺", "晋中市", ("和顺县",), False, ()),
        ("小店区、小店", "太原市", ("小店区",), False, ()),
        ("全市", "太原市", (), True, ()),
        ("市本级", "大同市", (), True, ()),
        ("全市范围", "朔州市", (), True, ()),
        ("市区", "太原市", (), True, ()),
        ("太原市区", "太原市", (), True, ()),
        ("各县（市、区）", "大同市", (), True, ()),
        ("全市各县（市、区）", "忻州市", (), True, ()),
        ("晋中市", "晋中市", (), True, ()),
        ("市本级、小店区等", "太原市", ("小店区",), True, ()),
        ("城区", "阳泉市", ("城区",), False, ()),
        ("城区", "晋城市", ("城区",), False, ()),
        ("晋城市城区、泽州县", "晋城市", ("城区", "泽州县"), False, ()),
        ("郊区、矿区", "阳泉市", ("郊区", "矿区"), False, ()),
        ("城区", "太原市", (), False, ("城区",)),
        ("阳曲", "太原市", ("阳曲县",), False, ()),
        ("古交", "太原市", ("古交市",), False, ()),
        ("太谷县", "晋中市", ("太谷区",), False, ()),
        ("太谷", "晋中市", ("太谷区",), False, ()),
        ("平遥", "晋中市", ("平遥县",), False, ()),
        ("平遥县城", "晋中市", ("平遥县",), False, ()),
        ("介休市区", "晋中市", ("介休市",), False, ()),
        ("怀仁县", "朔州市", ("怀仁市",), False, ()),
        ("大同县", "大同市", ("云州区",), False, ()),
        ("长治县、潞城市", "长治市", ("上党区", "潞城区"), False, ()),
        ("盂县", "阳泉市", ("盂县",), False, ()),
        ("盂", "阳泉市", (), False, ("盂",)),  # one-character stems are not guessed
        ("平遥古城", "晋中市", (), False, ("平遥古城",)),
        ("小店区", "晋中市", (), False, ("小店区",)),  # a county of another city
        ("全市、柳巷商圈", "太原市", (), True, ("柳巷商圈",)),
    ],
)  # fmt: skip
def test_match_counties(raw, city, names, citywide, unknown):
    match = match_counties(raw, city)
    assert (match.names, match.citywide, match.unknown) == (names, citywide, unknown)
    assert len(match.codes) == len(match.names)


def test_same_name_in_two_cities_gives_two_codes():
    yangquan = match_counties("城区", "阳泉市")
    jincheng = match_counties("城区", "晋城市")
    assert yangquan.codes == ("140302",)
    assert jincheng.codes == ("140502",)


@pytest.mark.parametrize("raw", BLANKS)
def test_blank_county_cell_names_nothing(raw):
    match = match_counties(raw, "太原市")
    assert (match.names, match.codes, match.citywide, match.unknown) == ((), (), False, ())


def test_unknown_city_is_an_error():
    with pytest.raises(NormaliseError) as exc:
        match_counties("小店区", "北京市")
    assert exc.value.code == "city_unknown"


# --------------------------------------------------------------------------------------------
# Categories

ACTIVITIES = [
    ("太原市2021年汽车博览会", "汽车、成品油促消费"),
    ("晋城市“夜上黄城”夜经济消费季", "夜经济"),
    ("平遥古城老字号嘉年华", "老字号"),
    ("云冈美食节", "餐饮消费"),
    ("运城市家电以旧换新补贴活动", "家电家具家装"),
    ("忻州市电商直播带货节", "网络消费"),
    ("大同市发放电子消费券", "发放政府电子消费券"),
    ("太原市消费券发放暨餐饮消费季", "发放政府电子消费券"),
    ("太原市数字人民币红包发放", "发放政府电子消费券"),
    ("柳巷商圈五一购物节", "城市商圈"),
    ("长治市电商进农村暨农产品直播带货", "农村消费"),
    ("阳泉市“五一”黄金周促销", "节假日消费"),
    ("晋中市家居建材节", "家电家具家装"),
    ("朔州市成品油促销活动", "汽车、成品油促消费"),
    ("中石化加油站加油满减", "汽车、成品油促消费"),
    ("临汾市新能源汽车下乡", "汽车、成品油促消费"),
    ("吕梁市中秋国庆促消费", "节假日消费"),
    ("太原市钟楼街步行街开街仪式", "城市商圈"),
    ("山西老字号美食嘉年华", "老字号"),
    ("大同市深夜食堂", "夜经济"),
    ("运城市乡村大集", "农村消费"),
    ("忻州市“双品网购节”", "网络消费"),
    ("晋城市万达广场周年庆", "节假日消费"),
    ("介休市面食文化节", "餐饮消费"),
    ("长治市上党火锅节", "餐饮消费"),
    ("阳泉市不夜城夜市", "夜经济"),
    ("晋中市618年中大促", "网络消费"),
    ("临汾市双十一网络购物节", "网络消费"),
    ("朔州市购物中心店庆", "城市商圈"),
    ("孝义市端午节促销", "节假日消费"),
    ("汾阳杏花村酒文化美食节", "餐饮消费"),
    ("太原市2021年全国消费促进月启动仪式", "其他"),
]


@pytest.mark.parametrize(("name", "category"), ACTIVITIES)
def test_categorise_by_rules(name, category):
    expected_source = "default" if category == "其他" else "rules"
    assert categorise(name, None, None) == (category, expected_source)


def test_rules_read_the_content_when_the_name_says_nothing():
    assert categorise("惠民乐购活动", "组织商户发放餐饮消费券", None) == (
        "发放政府电子消费券",
        "rules",
    )
    assert categorise("惠民乐购活动", "组织重点商场开展满减", "") == ("城市商圈", "rules")


def test_the_name_beats_the_content():
    assert categorise("云冈美食节", "线上直播同步开展，发放优惠", None) == ("餐饮消费", "rules")


@pytest.mark.parametrize(
    ("given", "category"),
    [
        ("汽车促消费", "汽车、成品油促消费"),
        ("汽车、成品油促消费", "汽车、成品油促消费"),
        ("汽车，成品油促消费", "汽车、成品油促消费"),
        ("夜间经济", "夜经济"),
        ("  夜经济 ", "夜经济"),
        ("电子消费券", "发放政府电子消费券"),
        ("家电", "家电家具家装"),
        ("家居", "家电家具家装"),
        ("餐饮消费", "餐饮消费"),
        ("老字号", "老字号"),
        ("商圈", "城市商圈"),
        ("农村", "农村消费"),
        ("节假日", "节假日消费"),
        ("其他", "其他"),
        ("其它", "其他"),
        ("汽车消费季", "汽车、成品油促消费"),  # through the keyword rules
    ],
)
def test_given_category_is_matched_tolerantly(given, category):
    assert categorise("某某活动", None, given) == (category, "given")


def test_unrecognised_given_category_falls_back_to_rules():
    assert categorise("云冈美食节", None, "文旅融合") == ("餐饮消费", "rules")
    assert categorise("启动仪式", None, "文旅融合") == ("其他", "default")


def test_every_category_is_reachable_and_known():
    campaign = load_campaign()
    found = {categorise(name, None, None)[0] for name, _ in ACTIVITIES}
    assert found == set(campaign.all_categories)


# --------------------------------------------------------------------------------------------
# Chinese numerals and the parsers' promise: a value or a NormaliseError, nothing else


@pytest.mark.parametrize(
    ("text", "value"),
    [("三十", 30), ("一百二十", 120), ("三千五百万", 35_000_000), ("二〇二一", 2021), ("十", 10)],
)
def test_chinese_to_int(text, value):
    assert chinese_to_int(text) == value


cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-—~/年月日号至到约余多万亿元家人次上中下旬五一国庆", max_size=25),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
)


@settings(max_examples=300, deadline=None)
@given(raw=cell_values, unit=st.sampled_from([None, "万元", "亿元", "元", "家", "", "万人次"]))
def test_parsers_raise_only_normalise_error(raw, unit):
    for parse in (
        lambda: parse_money(raw, unit),
        lambda: parse_count(raw),
        lambda: parse_quantity(raw, unit),
        lambda: parse_date_range(raw),
    ):
        try:
            result = parse()
        except NormaliseError as exc:
            assert exc.code and exc.message_zh
        else:
            assert isinstance(result, Amount | DateRange)
    money_unit_assumed(raw, unit)  # never raises


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(st.none(), st.text(max_size=60), st.integers()))
def test_match_counties_never_raises_and_loses_nothing(raw):
    match = match_counties(raw, "晋中市")
    assert len(match.names) == len(match.codes)
    assert set(match.names) <= set(
        ["榆次区", "太谷区", "榆社县", "左权县", "和顺县", "昔阳县", "寿阳县", "祁县", "平遥县"]
        + ["灵石县", "介休市"]
    )


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(max_size=30),
    content=st.none() | st.text(max_size=30),
    given_=st.none() | st.text(max_size=10),
)
def test_categorise_always_names_a_known_category(name, content, given_):
    category, source = categorise(name, content, given_)
    assert category in load_campaign().all_categories
    assert source in ("given", "rules", "default")
