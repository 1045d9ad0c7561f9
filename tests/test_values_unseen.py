"""Cells as clerks write them in 2021 registries and results, written before the readers were
changed for them (issue 11 item 3).

The cases are split by a fixed rule, every third one HELD: the readers were improved looking
only at FIT failures, and HELD was measured once at the end. `python tests/test_values_unseen.py`
prints both scores. A case the readers still do not read is marked in UNREAD with the reason, as
a strict xfail: reading it later turns the mark into a failure, so the list stays true.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import chinese_calendar
import cn2an
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jinxiao.config import HOLIDAYS_FILE, load_campaign
from jinxiao.domain.models import Amount, DateRange
from jinxiao.normalise.values import (
    NormaliseError,
    chinese_to_int,
    excel_error,
    parse_count,
    parse_date_range,
    parse_money,
    parse_quantity,
)

D = Decimal


def d(month: int, day: int, year: int = 2021) -> dt.date:
    return dt.date(year, month, day)


# (cell, start, end) in a 2021 registry.
DATES: list[tuple[str, dt.date | None, dt.date | None]] = [
    ("20210501", d(5, 1), d(5, 1)),
    ("20210501-20210507", d(5, 1), d(5, 7)),
    ("2021-05-01", d(5, 1), d(5, 1)),
    ("2021/5/1", d(5, 1), d(5, 1)),
    ("2021.5.1", d(5, 1), d(5, 1)),
    ("2021.05.01-05.07", d(5, 1), d(5, 7)),
    ("2021/05/01-2021/05/31", d(5, 1), d(5, 31)),
    ("2021-05-01~2021-05-07", d(5, 1), d(5, 7)),
    ("5月1日～5月7日", d(5, 1), d(5, 7)),
    ("5月1日—5月7日", d(5, 1), d(5, 7)),
    ("5月1日–7日", d(5, 1), d(5, 7)),
    ("5月1日到5月10日", d(5, 1), d(5, 10)),
    ("5月1日至10日", d(5, 1), d(5, 10)),
    ("5月1日--5月7日", d(5, 1), d(5, 7)),
    ("2021年5月1日~2021年5月31日", d(5, 1), d(5, 31)),
    ("6月上旬", d(6, 1), d(6, 10)),
    ("7月中旬", d(7, 11), d(7, 20)),
    ("9月下旬", d(9, 21), d(9, 30)),
    ("5月初", d(5, 1), d(5, 10)),
    ("6月底", d(6, 21), d(6, 30)),
    ("5月中", d(5, 11), d(5, 20)),
    ("5月上旬至6月下旬", d(5, 1), d(6, 30)),
    ("5月中下旬", d(5, 11), d(5, 31)),
    ("即日起至5月31日", None, d(5, 31)),
    ("即日起至6月30日", None, d(6, 30)),
    ("5月1日起", d(5, 1), None),
    ("自5月1日起", d(5, 1), None),
    ("从5月1日开始", d(5, 1), None),
    ("5月1日起至5月31日止", d(5, 1), d(5, 31)),
    ("自2021年5月1日至2021年5月31日", d(5, 1), d(5, 31)),
    ("5月1日-5日，6月1日-3日", d(5, 1), d(6, 3)),
    ("5月1日-5月5日；10月1日-10月7日", d(5, 1), d(10, 7)),
    ("5.1-5.5、10.1-10.7", d(5, 1), d(10, 7)),
    ("5月1日—5月5日、5月20日、6月18日", d(5, 1), d(6, 18)),
    ("元旦期间", d(1, 1, 2022), d(1, 3, 2022)),
    ("春节期间", d(1, 31, 2022), d(2, 6, 2022)),
    ("清明节", d(4, 3), d(4, 5)),
    ("清明期间", d(4, 3), d(4, 5)),
    ("劳动节期间", d(5, 1), d(5, 5)),
    ("五一小长假", d(5, 1), d(5, 5)),
    ("端午节期间", d(6, 12), d(6, 14)),
    ("端午假期", d(6, 12), d(6, 14)),
    ("中秋节", d(9, 19), d(9, 21)),
    ("国庆节期间", d(10, 1), d(10, 7)),
    ("国庆黄金周", d(10, 1), d(10, 7)),
    ("中秋、国庆", d(9, 19), d(10, 7)),
    ("五一、端午", d(5, 1), d(6, 14)),
    ("五一至国庆", d(5, 1), d(10, 7)),
    ("2021年五一期间", d(5, 1), d(5, 5)),
    ("国庆节前后", d(10, 1), d(10, 7)),
    ("5月1日", d(5, 1), d(5, 1)),
    ("5月1号", d(5, 1), d(5, 1)),
    ("5月1号-5月7号", d(5, 1), d(5, 7)),
    ("5/1-5/7", d(5, 1), d(5, 7)),
    ("5/1", d(5, 1), d(5, 1)),
    ("05.01-05.31", d(5, 1), d(5, 31)),
    ("2021年5月1日—5月31日", d(5, 1), d(5, 31)),
    ("2021年5月—6月", d(5, 1), d(6, 30)),
    ("2021年5-6月", d(5, 1), d(6, 30)),
    ("5-6月份", d(5, 1), d(6, 30)),
    ("2021年5月至12月", d(5, 1), d(12, 31)),
    ("5月至年底", d(5, 1), d(12, 31)),
    ("2021.5.1-2021.12.31", d(5, 1), d(12, 31)),
    ("2021.5-2021.12", d(5, 1), d(12, 31)),
    ("2021年05月01日", d(5, 1), d(5, 1)),
    ("2021年5月1日 9:00-21:00", d(5, 1), d(5, 1)),
    ("5月1日（星期六）", d(5, 1), d(5, 1)),
    ("5月1日-5月31日（每周六、日）", d(5, 1), d(5, 31)),
    ("5月1日至5月31日期间", d(5, 1), d(5, 31)),
    ("5月全月", d(5, 1), d(5, 31)),
    ("5月1日-6月30日，共61天", d(5, 1), d(6, 30)),
    ("6月1日-18日（618购物节）", d(6, 1), d(6, 18)),
    ("五月中旬", d(5, 11), d(5, 20)),
    ("六月上旬", d(6, 1), d(6, 10)),
    ("十月一日至七日", d(10, 1), d(10, 7)),
    ("2021年10月1日-7日", d(10, 1), d(10, 7)),
    ("10.1-10.7", d(10, 1), d(10, 7)),
    ("10月1日~7日", d(10, 1), d(10, 7)),
    ("2021.10.01—2021.10.07", d(10, 1), d(10, 7)),
    ("20211001-20211007", d(10, 1), d(10, 7)),
    ("2021-10-01至2021-10-07", d(10, 1), d(10, 7)),
    ("2021/10/1-2021/10/7", d(10, 1), d(10, 7)),
    ("5月1日-5月31日、6月1日-6月30日、7月1日-7月31日", d(5, 1), d(7, 31)),
    ("五一前后", d(5, 1), d(5, 5)),
    ("5月1日-5月3日，5月8日-5月9日", d(5, 1), d(5, 9)),
    ("2021年5月1日起", d(5, 1), None),
    ("截至2021年12月31日", None, d(12, 31)),
    ("12月31日前", None, d(12, 31)),
    ("5月20日（520）", d(5, 20), d(5, 20)),
    ("5月—12月", d(5, 1), d(12, 31)),
    ("2021年第二季度", d(4, 1), d(6, 30)),
    ("第三季度", d(7, 1), d(9, 30)),
    ("四季度", d(10, 1), d(12, 31)),
    ("5月1日-5月5日（五一期间）", d(5, 1), d(5, 5)),
    ("5月1日\u00a0-\u00a05月5日", d(5, 1), d(5, 5)),
    ("5月1日\u3000至\u30005月5日", d(5, 1), d(5, 5)),
    ("２０２１年５月１日", d(5, 1), d(5, 1)),
    ("5月1日至6月", d(5, 1), d(6, 30)),
    ("国庆中秋期间", d(9, 19), d(10, 7)),
    ("5月下旬至6月上旬", d(5, 21), d(6, 10)),
    ("双十一期间", d(11, 11), d(11, 11)),
    ("5月1-3日、5月15-16日", d(5, 1), d(5, 16)),
    ("5.1—5.3，5.15—5.16", d(5, 1), d(5, 16)),
    ("5月1日至5月5日、国庆期间", d(5, 1), d(10, 7)),
    ("即日起-12月31日", None, d(12, 31)),
    ("5月1日开始", d(5, 1), None),
    ("2021年4月30日-5月5日", d(4, 30), d(5, 5)),
    ("4月下旬-5月上旬", d(4, 21), d(5, 10)),
    ("7月、8月", d(7, 1), d(8, 31)),
    ("2021年5月上旬", d(5, 1), d(5, 10)),
    ("2021年6月中旬至下旬", d(6, 11), d(6, 30)),
    ("5月中旬到月底", d(5, 11), d(5, 31)),
    ("6月1日至月底", d(6, 1), d(6, 30)),
    ("5月1日-5月31日（暂定）", d(5, 1), d(5, 31)),
    ("2021年5月1日－5月31日", d(5, 1), d(5, 31)),
    ("五月", d(5, 1), d(5, 31)),
    ("2021年5月1日-2021年5月1日", d(5, 1), d(5, 1)),
    ("5月1日—3日、10月1日—7日", d(5, 1), d(10, 7)),
    ("2021年5月1日、5月2日", d(5, 1), d(5, 2)),
    ("2021年5月1日~5月5日", d(5, 1), d(5, 5)),
    # Added with the second corpus (after the split above was fixed: appended, so no case
    # changed sides).
    ("5月初至6月底", d(5, 1), d(6, 30)),
    ("国庆七天长假", d(10, 1), d(10, 7)),
    ("五一5天小长假", d(5, 1), d(5, 5)),
    ("5月1日至10日，连续10天", d(5, 1), d(5, 10)),
    ("5月1日-5月31日 每天10：00至22：00", d(5, 1), d(5, 31)),
    ("5月1日 9:00—5月3日 21:00", d(5, 1), d(5, 3)),
    ("端午三天假期", d(6, 12), d(6, 14)),
]

# (parser, cell, header unit, value, approximate): money in 万元, counts, footfall in 万人次.
NUMBERS: list[tuple[str, str, str | None, Decimal, bool]] = [
    ("money", "５０", "万元", D(50), False),
    ("money", "1,200", "万元", D(1200), False),
    ("money", "1，200万元", None, D(1200), False),
    ("money", "5千万元", None, D(5000), False),
    ("money", "约5000万元", None, D(5000), True),
    ("money", "超5000万元", None, D(5000), True),
    ("money", "逾3亿元", None, D(30000), True),
    ("money", "近2000万元", None, D(2000), True),
    ("money", "1000万元以上", None, D(1000), True),
    ("money", "2000+", "万元", D(2000), True),
    ("money", "2000万+", None, D(2000), True),
    ("money", "1\u00a0200", "万元", D(1200), False),
    ("money", "\u3000300万元\u3000", None, D(300), False),
    ("money", "三千五百万元", None, D(3500), False),
    ("money", "一亿二千万元", None, D(12000), False),
    ("money", "1.5亿", None, D(15000), False),
    ("money", "12,345,678元", None, D("1234.5678"), False),
    ("money", "8千元", None, D("0.8"), False),
    ("money", "3.2万元", None, D("3.2"), False),
    ("money", "5000万元左右", None, D(5000), True),
    ("money", "约合人民币3000万元", None, D(3000), True),
    ("money", "￥3,000,000", None, D(300), False),
    ("money", "3000万元（预计）", None, D(3000), False),
    ("money", "销售额：2.3亿元", None, D(23000), False),
    ("money", "五千万", None, D(5000), False),
    ("money", "两亿元", None, D(20000), False),
    ("money", "0.8亿元", None, D(8000), False),
    ("money", "1200.50", "万元", D("1200.5"), False),
    ("money", "RMB 500万", None, D(500), False),
    ("money", "500 万元", None, D(500), False),
    ("money", "伍仟万元", None, D(5000), False),
    ("money", "壹亿贰仟万元", None, D(12000), False),
    ("money", "1.2万亿元", None, D(120000000), False),
    ("money", "１，５００万元", None, D(1500), False),
    ("count", "５０家", None, D(50), False),
    ("count", "1,200家", None, D(1200), False),
    ("count", "约300家", None, D(300), True),
    ("count", "300余家", None, D(300), True),
    ("count", "300多家", None, D(300), True),
    ("count", "超过200家", None, D(200), True),
    ("count", "200家以上", None, D(200), True),
    ("count", "近百家", None, D(100), True),
    ("count", "一百二十家", None, D(120), False),
    ("count", "1千家", None, D(1000), False),
    ("count", "120+", None, D(120), True),
    ("count", "参与商户：1，500户", None, D(1500), False),
    ("count", "\u00a085\u00a0", None, D(85), False),
    ("count", "二十五个", None, D(25), False),
    ("count", "逾千家", None, D(1000), True),
    ("count", "50家左右", None, D(50), True),
    ("count", "共计320家", None, D(320), False),
    ("count", "贰佰家", None, D(200), False),
    ("quantity", "１２万人次", None, D(12), False),
    ("quantity", "约30万人次", None, D(30), True),
    ("quantity", "1,200,000人次", None, D(120), False),
    ("quantity", "超百万人次", None, D(100), True),
    ("quantity", "50万+", None, D(50), True),
    ("quantity", "3.5万人", None, D("3.5"), False),
    ("quantity", "150万人次以上", None, D(150), True),
    ("quantity", "8千人次", None, D("0.8"), False),
    ("quantity", "十五万人次", None, D(15), False),
    ("quantity", "1.2亿人次", None, D(12000), False),
    ("quantity", "200000", "人次", D(20), False),
    ("quantity", "逾10万人次", None, D(10), True),
    ("money", "人民币500万元", None, D(500), False),
    ("money", "约合RMB 2亿元", None, D(20000), True),
    ("money", "5千万", None, D(5000), False),
    ("count", "１２０余家", None, D(120), True),
    ("quantity", "约3千人次", None, D("0.3"), True),
]


def _split(cases: list) -> tuple[list, list]:
    """Every third case is HELD: a rule fixed before any case was read by the code."""
    return (
        [c for i, c in enumerate(cases) if i % 3 != 2],
        [c for i, c in enumerate(cases) if i % 3 == 2],
    )


FIT_DATES, HELD_DATES = _split(DATES)
FIT_NUMBERS, HELD_NUMBERS = _split(NUMBERS)

# Cells still not read, with the reason; strict xfail, so reading one later is noticed.
# (2021年5月1日 9:00-21:00 and 约合人民币3000万元 were here: a time-of-day range now goes whole,
# and the currency's name is no longer between 约合 and its number.)
UNREAD: dict[str, str] = {}


def _read_number(kind: str, raw: str, unit: str | None) -> Amount:
    if kind == "money":
        return parse_money(raw, unit)
    if kind == "count":
        return parse_count(raw)
    return parse_quantity(raw, unit)


def _date_ok(case: tuple) -> bool:
    raw, start, end = case
    try:
        return parse_date_range(raw) == DateRange(start, end)
    except NormaliseError:
        return False


def _number_ok(case: tuple) -> bool:
    kind, raw, unit, value, approx = case
    try:
        return _read_number(kind, raw, unit) == Amount(value, approx)
    except NormaliseError:
        return False


def _marks(raw: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=UNREAD[raw])] if raw in UNREAD else []


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c[0], marks=_marks(c[0])) for c in FIT_DATES + HELD_DATES]
)
def test_unseen_date(case):
    raw, start, end = case
    assert parse_date_range(raw) == DateRange(start, end)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c[1], marks=_marks(c[1])) for c in FIT_NUMBERS + HELD_NUMBERS],
)
def test_unseen_number(case):
    kind, raw, unit, value, approx = case
    assert _read_number(kind, raw, unit) == Amount(value, approx)


def test_the_table_is_as_large_as_the_issue_asks():
    assert len(DATES) >= 80 and len(NUMBERS) >= 40
    assert len({c[0] for c in DATES}) == len(DATES)
    assert len({c[1] for c in NUMBERS}) == len(NUMBERS)


# cn2an is only the oracle here: an independent writer of Chinese numerals.
@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1), st.sampled_from(["low", "up"]))
def test_chinese_numerals_agree_with_cn2an(n, mode):
    text = cn2an.an2cn(n, mode)
    assert chinese_to_int(text) == n
    assert parse_count(text + "家") == Amount(D(n))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_money_in_yuan_agrees_with_cn2an(n):
    assert parse_money(cn2an.an2cn(n) + "元") == Amount(D(n) / 10**4)


def _score(name: str, cases: list, ok) -> str:
    good = sum(1 for c in cases if ok(c))
    return f"{name}: {good}/{len(cases)}"


if __name__ == "__main__":
    import sys

    # HELD is scored only when asked (--held): once before the work and once at the end.
    held = "--held" in sys.argv
    for name, cases, ok in (
        ("dates FIT", FIT_DATES, _date_ok),
        ("numbers FIT", FIT_NUMBERS, _number_ok),
        *(
            (("dates HELD", HELD_DATES, _date_ok), ("numbers HELD", HELD_NUMBERS, _number_ok))
            if held
            else ()
        ),
    ):
        print(_score(name, cases, ok))
    for c in FIT_DATES:
        if not _date_ok(c):
            print("FIT date miss:", c[0])
    for c in FIT_NUMBERS:
        if not _number_ok(c):
            print("FIT number miss:", c[1])


def test_the_campaign_span_can_be_given_instead_of_configured():
    span = (d(6, 1), d(11, 30))
    assert parse_date_range("全年", 2021, span) == DateRange(*span)
    assert parse_date_range("2021年", 2021, span) == DateRange(*span)
    assert parse_date_range("常态化", 2022, span) == DateRange(d(6, 1, 2022), d(11, 30, 2022))
    assert parse_date_range("5月1日-5日", 2021, span) == DateRange(d(5, 1), d(5, 5))


# ---------------------------------------------------------------- 即日起: the day of writing

SENT = d(4, 26)


@pytest.mark.parametrize(
    "raw, start, end",
    [
        ("即日起至5月31日", SENT, d(5, 31)),
        ("自即日起至6月底", SENT, d(6, 30)),
        ("即日起—5月底", SENT, d(5, 31)),
        ("即日起至月底", SENT, d(4, 30)),  # 月底 takes the month of the day of writing
        ("即日开始-5月20日", SENT, d(5, 20)),
        ("今日起到5月中旬", SENT, d(5, 20)),
        ("即日起5月31日止", SENT, d(5, 31)),
        ("即日起", SENT, None),
        ("5月1日-5月7日", d(5, 1), d(5, 7)),  # a cell with its own dates ignores the day
    ],
)
def test_from_today_starts_on_the_day_written(raw, start, end):
    assert parse_date_range(raw, 2021, None, SENT) == DateRange(start, end)


# ---------------------------------------------------------------- holidays, from the calendar


def _official_runs(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """Each public holiday's run of days off that ends in `year`, straight from
    chinesecalendar's data (the 元旦 of 2023 begins on 2022-12-31)."""
    runs: dict[str, tuple[dt.date, dt.date]] = {}
    for day, name in sorted(chinese_calendar.holidays.items()):
        start, end = runs.get(name, (day, day))
        if day - end > dt.timedelta(days=1):
            if end.year == year:
                continue  # this year's run is complete; a later one is next year's
            start = day
        if start.year <= year and day.year <= year:
            runs[name] = (start, day)
    return {n: r for n, r in runs.items() if r[1].year == year}


HOLIDAY_WORDS = yaml.safe_load(load_campaign().data_file(HOLIDAYS_FILE).read_text(encoding="utf-8"))


def test_every_2021_public_holiday_is_read_by_each_of_its_names():
    runs = _official_runs(2021)
    named = {chinese_calendar.Holiday[e["holiday"]].value for e in HOLIDAY_WORDS["official"]}
    # Every holiday of the State Council's 2021 schedule has words (抗战胜利纪念日 was 2015's).
    assert set(runs) <= named | {chinese_calendar.Holiday.anti_fascist_70th_day.value}
    for entry in HOLIDAY_WORDS["official"]:
        name = chinese_calendar.Holiday[entry["holiday"]].value
        if entry.get("next_year"):
            continue  # 元旦/春节 bare: next year's, below
        for word in entry["words"]:
            for cell in (word, f"{word}期间", f"2021年{word}"):
                assert parse_date_range(cell) == DateRange(*runs[name]), cell


def test_new_year_and_spring_festival_are_the_next_years_unless_the_year_is_written():
    this, nxt = _official_runs(2021), _official_runs(2022)
    for entry in HOLIDAY_WORDS["official"]:
        if not entry.get("next_year"):
            continue
        name = chinese_calendar.Holiday[entry["holiday"]].value
        for word in entry["words"]:
            assert parse_date_range(f"{word}假期") == DateRange(*nxt[name]), word
            assert parse_date_range(f"2021年{word}假期") == DateRange(*this[name]), word


# ---------------------------------------------------------------- Excel error values


@pytest.mark.parametrize(
    "code", ["#VALUE!", "#REF!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_an_excel_error_value_is_a_cell_to_fix_in_every_reader(code):
    readers = [
        lambda: parse_money(code, "万元"),
        lambda: parse_count(code),
        lambda: parse_quantity(f" {code} ", "万人次"),
        lambda: parse_date_range(code),
    ]
    for read in readers:
        with pytest.raises(NormaliseError) as exc:
            read()
        assert exc.value.code == "cell_formula_error" and code in exc.value.message_zh
    assert excel_error(code.lower()) is not None  # as a WPS export may spell it
    assert excel_error(f"见{code}") is None and excel_error("#") is None


@pytest.mark.parametrize(
    "raw",
    ["见附表", "详见附件", "详见附件2", "参见下表", "另附", "具体见附件", "见表3", "参见表二"],
)
def test_a_figure_kept_elsewhere_is_named_as_such(raw):
    for read in (lambda: parse_money(raw), lambda: parse_count(raw),
                 lambda: parse_quantity(raw, "万人次")):  # fmt: skip
        with pytest.raises(NormaliseError) as exc:
            read()
        assert exc.value.code == "value_elsewhere" and raw in exc.value.message_zh
