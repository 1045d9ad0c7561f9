"""Single cell values to warehouse values (CONTRACT §2): money, counts, quantities, dates,
counties and categories.

Pure functions: the only I/O is reading the package's data files (cached). Every parser either
returns a value or raises NormaliseError, whose Chinese message says what was written and which
form is expected, so the caller can put it in front of a city clerk as it is.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import chinese_calendar
import yaml

from jinxiao.config import ALIASES_FILE, HOLIDAYS_FILE, load_campaign
from jinxiao.domain.models import Amount, CountyMatch, DateRange
from jinxiao.domain.places import CITYWIDE
from jinxiao.jurisdiction import NOT_PLACE_NAMES, Division, campaign_divisions, national_divisions

T = TypeVar("T")

HolidayTable = tuple[tuple[tuple[str, ...], dt.date, dt.date], ...]
DatePair = tuple[dt.date | None, dt.date | None]


def _official_span(member: str, year: int) -> tuple[dt.date, dt.date]:
    """The days off of one public holiday in `year`, as the State Council's notice gives them.

    A run of consecutive days belongs to the year it ends in: the 元旦 of 2023 begins on
    2022-12-31.
    """
    name = chinese_calendar.Holiday[member].value
    days = sorted(day for day, holiday in chinese_calendar.holidays.items() if holiday == name)
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    ending = [run for run in runs if run[-1].year == year]
    if not ending:
        raise ValueError(f"chinesecalendar has no {member} in {year}")
    return ending[0][0], ending[0][-1]


def _festival_span(rule: dict[str, Any], year: int) -> tuple[dt.date, dt.date] | None:
    # `rule` is one entry of data/holidays.yaml: lists of ints, as YAML gives them.
    if "month_day" in rule:
        md = rule["month_day"]
        first, last = md if isinstance(md[0], list) else (md, md)
        return dt.date(year, *first), dt.date(year, *last)
    if "nth_weekday" in rule:
        month, weekday, n = rule["nth_weekday"]
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return day, day
    spans = rule.get("dates", {})
    if year in spans:
        start, end = spans[year]
        return start, end
    return None


def _holiday_table(data: dict[str, object], year: int) -> HolidayTable:
    rows: list[tuple[tuple[str, ...], dt.date, dt.date]] = []
    for entry in data["official"]:  # type: ignore[attr-defined]
        span_year = year + 1 if entry.get("next_year") else year
        rows.append((tuple(entry["words"]), *_official_span(entry["holiday"], span_year)))
    for entry in data["festivals"]:  # type: ignore[attr-defined]
        span = _festival_span(entry, year)
        if span is not None:
            rows.append((tuple(str(w) for w in entry["words"]), *span))
    return tuple(rows)


def _same_year_spans(data: dict[str, object], year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """元旦/春节 written with the campaign's own year (2021年元旦, in a year's summary): that
    year's days off, not the next year's the bare word means."""
    out: dict[str, tuple[dt.date, dt.date]] = {}
    for entry in data["official"]:  # type: ignore[attr-defined]
        if entry.get("next_year"):
            span = _official_span(entry["holiday"], year)
            out.update(dict.fromkeys(entry["words"], span))
    return out


def _load_holidays() -> tuple[
    dict[int, HolidayTable], dict[int, dict[str, tuple[dt.date, dt.date]]]
]:
    path = load_campaign().data_file(HOLIDAYS_FILE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    years = [int(year) for year in data["years"]]
    return (
        {year: _holiday_table(data, year) for year in years},
        {year: _same_year_spans(data, year) for year in years},
    )


# Holidays and shopping festivals, per campaign year, as cities name them in 举办时间: the words
# and rules are data (data/holidays.yaml), the public holidays' spans the official calendar's.
HOLIDAYS, SAME_YEAR_HOLIDAYS = _load_holidays()


class NormaliseError(ValueError):
    """A cell that cannot be read; `message_zh` is for the city clerk, `code` for machines."""

    def __init__(self, code: str, message_zh: str) -> None:
        super().__init__(message_zh)
        self.code = code
        self.message_zh = message_zh


# ---------------------------------------------------------------------------------------------
# Text helpers

# What clerks write for "nothing / unknown": NULL, never 0 (CONTRACT §2).
_BLANK_WORDS = frozenset(
    {"不详", "无", "暂无", "未知", "待定", "待统计", "未统计", "暂未统计", "空", "没有"}
    | {"n/a", "na", "none", "null", "nan", "nat"}
)
_BLANK_PUNCT = re.compile(r"[/\\\-—–~_.·…。、]*")


def _text(raw: object) -> str:
    """NFKC text without any whitespace: full-width digits, commas and brackets become ASCII."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw)))


def _is_blank_text(text: str) -> bool:
    return text.lower() in _BLANK_WORDS or _BLANK_PUNCT.fullmatch(text) is not None


def _is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and _is_blank_text(_text(raw))


# What Excel and WPS show in a cell whose formula failed: not a blank and not data, a cell the
# clerk has to fix. The list is Excel's (2021 adds #SPILL!/#CALC!; #GETTING_DATA is transient).
_EXCEL_ERROR = re.compile(
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!"
    r"|CONNECT!|BUSY!|UNKNOWN!)"
)


def excel_error(raw: object) -> NormaliseError | None:
    """The error for a cell showing an Excel error value (#VALUE!, #REF!, #N/A…), else None."""
    if not isinstance(raw, str) or _EXCEL_ERROR.fullmatch(_text(raw).upper()) is None:
        return None
    return NormaliseError(
        "cell_formula_error",
        f"单元格显示“{_text(raw).upper()}”，是公式计算出错时的错误值，不是数据；"
        "请改为直接填写实际内容（数值、日期或文字）",
    )


def _refuse_excel_error(raw: object) -> None:
    if (err := excel_error(raw)) is not None:
        raise err


# A figure the clerk put somewhere else (见附表, 详见附件2, 另附): it exists, just not in this
# table, so the cell is one to fix even where prose would be kept (预估成效).
_ELSEWHERE = re.compile(
    r"^(?:详|具体)?(?:见|参见|参考)(?:附表|附件|下表|另表|附页|表[\d一二三四五六七八九十])|^另附|^(?:附后|后附)"
)


# 附件2, 表3: the number of a document, never a figure.
_DOC_NUMBER = re.compile(r"(?:附表|附件|附页|表)[\d一二三四五六七八九十]+")


def _elsewhere(text: str) -> NormaliseError | None:
    if _ELSEWHERE.search(text) is None:
        return None
    return NormaliseError(
        "value_elsewhere",
        f"单元格写的是“{text[:20]}”，数据不在本表中；请把数值直接填在本格",
    )


def _show(raw: object) -> str:
    """The cell as the clerk wrote it, short enough for a message."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _guard(code: str, message: str, func: Callable[[], T]) -> T:
    """Turn the arithmetic and calendar failures of odd input into a NormaliseError."""
    try:
        return func()
    except NormaliseError:
        raise
    except (ValueError, OverflowError, ArithmeticError) as exc:
        raise NormaliseError(code, message) from exc


def _tidy(value: Decimal) -> Decimal:
    """5000.0 -> 5000, 0.050 -> 0.05: plain values, never exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _number_decimal(raw: int | float | Decimal) -> Decimal:
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise InvalidOperation(raw)
        return Decimal(repr(raw))  # repr, not the binary expansion: 0.1 stays 0.1
    value = Decimal(raw)
    if not value.is_finite():
        raise InvalidOperation(raw)
    return value


# ---------------------------------------------------------------------------------------------
# Chinese numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
# The financial forms (大写), as on invoices and in some results tables: 伍仟万元.
_CN_DIGITS |= dict(zip("壹贰叁肆伍陆柒捌玖", range(1, 10), strict=True))
_CN_SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8}


def chinese_to_int(text: str) -> int:
    """ "三千五百万" -> 35000000, "一百二十" -> 120, "二〇二一" -> 2021 (digit by digit)."""
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in _CN_DIGITS:
            number = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[ch]
            number = 0
        elif ch in "万萬":
            section = (section + number) * 10**4
            number = 0
        else:  # 亿
            total = (total + section + number) * 10**8
            section = number = 0
    return total + section + number


def _chinese_decimal(text: str) -> Decimal:
    if "点" not in text:
        return Decimal(chinese_to_int(text))
    whole, frac = text.split("点", 1)
    digits = "".join(str(_CN_DIGITS[ch]) for ch in frac)
    return Decimal(chinese_to_int(whole) if whole else 0) + Decimal("0." + digits)


# ---------------------------------------------------------------------------------------------
# Numbers inside text

# Units a number may carry; the parsers accept some and skip numbers carrying the others
# ("2021年", "20%", "50家" are not money).
_UNITS = (
    "平方米 平米 人次 小时 分钟 公斤 元 家 个 户 场 次 人 辆 台 套 件 年 月 日 号 届 天 期 % "
    "米 吨 斤 亩 间 项 款 种 批 名 位 店 处 条 点 时 周 倍 万".split()
)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS if u != "万")
# A bare 百/千/万 counts after a word of approximation (上百家, 逾千家, 超百万人次).
_CN_NUM = (
    r"(?:(?<=[上逾近超过约])[百千万]|[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾])"
    r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]*"
    r"(?:点[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]+)?"
)
_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + _CN_NUM + r")"
    r"(?P<more>余|多|\+)?(?P<mult>[十百千万亿]{0,3})(?P<more2>余|多)?"
    r"(?P<unit>" + _UNIT_RE + r")?"
)
_RANGE_SEP = re.compile(r"(?:-|~|—|–|至|到)+")
_APPROX_BEFORE: tuple[str, ...] = (
    "约",
    "约合",
    "大约",
    "近",
    "将近",
    "接近",
    "超过",
    "超",
    "逾",
    "不少于",
    "不低于",
    "至少",
)
_APPROX_BEFORE += ("大概", "上")
_APPROX_AFTER = ("左右", "以上", "上下", "多", "余", "+", "有余")
_TOTAL_BEFORE = ("共", "合计", "总计", "累计", "总共", "共计")


@dataclass(frozen=True)
class _Tok:
    base: Decimal  # the number times its written multipliers ("1.2万" -> 12000)
    big: bool  # a 万 or 亿 was written, so the amount names its own magnitude
    unit: str | None
    approx: bool
    chinese: bool
    start: int


def _token_value(m: re.Match[str]) -> tuple[Decimal, bool, bool]:
    num, mult = m["num"], m["mult"]
    chinese = not num[0].isdigit()
    value = _chinese_decimal(num) if chinese else Decimal(num.replace(",", ""))
    for ch in mult:
        value *= _CN_SMALL.get(ch) or _CN_BIG[ch]
    big = any(ch in _CN_BIG for ch in mult) or (chinese and any(ch in _CN_BIG for ch in num))
    return value, big, chinese


def _approx_around(text: str, start: int, end: int, token_text: str) -> bool:
    before = text[max(0, start - 4) : start]
    for word in _APPROX_BEFORE:
        if before.endswith(word) and (word != "上" or token_text[:1] in "百千"):
            return True
    return text[end:].startswith(_APPROX_AFTER)


def _scan(text: str) -> list[_Tok]:
    """Every number in the text, with its unit, multiplier and any approximation words.

    A range ("30-50家", "1000-2000万元") is one token: its lower bound, approximate, with the
    unit written after the upper bound.
    """
    toks: list[_Tok] = []
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        pos = m.end()
        if text[max(0, m.start() - 1) : m.start()] == "第":  # 第3届: an ordinal
            continue
        value, big, chinese = _token_value(m)
        unit, approx = m["unit"], bool(m["more"] or m["more2"])
        explicit = bool(m["mult"] or unit or m["more"] or m["more2"])
        sep = _RANGE_SEP.match(text, m.end())
        if sep and not (m["mult"] or unit):
            upper = _TOKEN.match(text, sep.end())
            if upper is not None:
                _, upper_big, _ = _token_value(upper)
                for ch in upper["mult"]:
                    value *= _CN_SMALL.get(ch) or _CN_BIG[ch]
                big = big or upper_big
                unit, approx, explicit = upper["unit"], True, True
                pos = upper.end()
        elif sep and _TOKEN.match(text, sep.end()):
            approx = True
        if chinese and not explicit and _strip_approx(text) != m["num"]:
            continue  # 进一步, 十分: Chinese numerals count only with a unit or as the whole cell
        approx = approx or _approx_around(text, m.start(), pos, m["num"])
        toks.append(_Tok(value, big, unit, approx, chinese, m.start()))
    return toks


def _strip_approx(text: str) -> str:
    for word in (*_APPROX_BEFORE, *_APPROX_AFTER):
        if word != "上":
            text = text.replace(word, "")
    return text


def _preceded_by_total(text: str, tok: _Tok) -> bool:
    return text[max(0, tok.start - 3) : tok.start].endswith(_TOTAL_BEFORE)


# ---------------------------------------------------------------------------------------------
# Money


def _money_header_factor(header_unit: str | None) -> Decimal | None:
    """万元 per header unit: 万元 -> 1, 亿元 -> 10000, 元 -> 0.0001; None when not a money unit."""
    if not header_unit:
        return None
    text = re.sub(r"[()\[\]（）【】:：]", "", _text(header_unit))
    m = re.fullmatch(r"(?:单位)?([十百千万亿]*)(元|人民币)?", text)
    if m is None or not (m[1] or m[2]):
        return None
    factor = Decimal(1)
    for ch in m[1]:
        factor *= _CN_SMALL.get(ch) or _CN_BIG[ch]
    return factor / 10**4


def _money_error(raw: object) -> NormaliseError:
    return NormaliseError(
        "money_unparseable",
        f"无法识别的金额“{_show(raw)}”，请填写如“5000万元”“0.5亿元”，或在单位为万元的列中只填数字",
    )


def _money_pick(raw: object, header_unit: str | None) -> tuple[Amount, bool]:
    """The amount in 万元 and whether its unit had to be assumed."""
    _refuse_excel_error(raw)
    if _is_blank(raw):
        return Amount(None), False
    factor = _money_header_factor(header_unit)
    if isinstance(raw, bool):
        raise _money_error(raw)
    if isinstance(raw, int | float | Decimal):
        value = _number_decimal(raw)
        if value < 0:
            raise _money_error(raw)
        return Amount(_tidy(value * (factor or 1))), factor is None
    if not isinstance(raw, str):
        raise _money_error(raw)
    # ¥3,000,000: the sign names 元 as the unit does, unless a 万 or 亿 follows ("¥500万").
    text = re.sub(r"¥([\d,.]++)(?![十百千万亿元])", r"\1元", _text(raw)).replace("¥", "")
    # The currency's name stands between an approximation word and its number (约合人民币3000万元).
    text = re.sub(r"人民币|(?i:rmb)", "", text)
    toks = [t for t in _scan(_DOC_NUMBER.sub("", text)) if t.unit in (None, "元")]
    if not toks:
        raise _elsewhere(text) or _money_error(raw)
    explicit = [t for t in toks if t.big or t.unit == "元"]
    if explicit:
        tok = explicit[0]
        return Amount(_tidy(tok.base / 10**4), tok.approx), False
    tok = toks[0]
    return Amount(_tidy(tok.base * (factor or 1)), tok.approx), factor is None


def parse_money(raw: object, header_unit: str | None = None) -> Amount:
    """A money cell in 万元. A unit written in the cell wins over the header's; a bare number
    takes the header's unit, or 万元 (the template's) when there is none — see money_unit_assumed.
    When a cell names several amounts the first one with a unit is taken."""
    return _guard("money_unparseable", _money_error(raw).message_zh,
                  lambda: _money_pick(raw, header_unit)[0])  # fmt: skip


def money_unit_assumed(raw: object, header_unit: str | None = None) -> bool:
    """True when parse_money found a number with no unit in the cell or the header (万元 assumed)."""
    try:
        return _guard("money_unparseable", "", lambda: _money_pick(raw, header_unit)[1])
    except NormaliseError:
        return False


# ---------------------------------------------------------------------------------------------
# Counts

_COUNT_UNITS = (None, "家", "个", "户", "名", "位", "店", "处", "间")


def _count_error(raw: object) -> NormaliseError:
    return NormaliseError(
        "count_unparseable",
        f"无法识别的数量“{_show(raw)}”，请填写数字，如“50”或“约50家”",
    )


def _count(raw: object) -> Amount:
    _refuse_excel_error(raw)
    if _is_blank(raw):
        return Amount(None)
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise _count_error(raw)
    if isinstance(raw, str):
        text = _text(raw)
        if re.match(r"^(?:约|大约)?(?:(?:数|几)[十百千万]|若干)", text):
            raise NormaliseError(
                "count_vague",
                f"“{_show(raw)}”不是确切的数字，请填写数字，如“50”或“约50家”",
            )
        toks = [t for t in _scan(_DOC_NUMBER.sub("", text)) if t.unit in _COUNT_UNITS]
        if not toks:
            raise _elsewhere(text) or _count_error(raw)
        # "共120家，其中限上企业20家": the total is the figure.
        tok = next((t for t in toks if _preceded_by_total(text, t)), toks[0])
        value, approx = tok.base, tok.approx
    else:
        value, approx = _number_decimal(raw), False
        if value < 0:
            raise _count_error(raw)
    if value != value.to_integral_value():
        raise NormaliseError("count_not_integer", f"数量“{_show(raw)}”不是整数，请填写整数，如“50”")
    return Amount(value.quantize(Decimal(1)), approx)


def parse_count(raw: object) -> Amount:
    """A count of enterprises etc.: "约50家" -> 50 approximate, "三十家" -> 30, "30-50家" -> 30
    approximate (the lower bound); blanks -> None, never 0. A cell with a 共/合计 figure gives it."""
    return _guard("count_unparseable", _count_error(raw).message_zh, lambda: _count(raw))


# ---------------------------------------------------------------------------------------------
# Quantities (footfall and the like)

_BASE_ALIASES = {"人次": ("人次", "人")}


def _split_unit(unit: str) -> tuple[Decimal, str]:
    """ "万人次" -> (10000, "人次")."""
    m = re.fullmatch(r"([十百千万亿]*)(.*)", _text(unit))
    factor = Decimal(1)
    for ch in m[1] if m else "":
        factor *= _CN_SMALL.get(ch) or _CN_BIG[ch]
    return factor, (m[2] if m else unit)


def _quantity(raw: object, header_unit: str | None, target_unit: str) -> Amount:
    target_factor, base = _split_unit(target_unit)
    accepted = _BASE_ALIASES.get(base, (base,))
    header_factor = target_factor
    if header_unit:
        factor, header_base = _split_unit(re.sub(r"[()（）]", "", header_unit))
        if header_base in accepted or (header_base == "" and factor != 1):
            header_factor = factor
    _refuse_excel_error(raw)
    if _is_blank(raw):
        return Amount(None)
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise _quantity_error(raw, target_unit)
    if not isinstance(raw, str):
        value = _number_decimal(raw)
        if value < 0:
            raise _quantity_error(raw, target_unit)
        return Amount(_tidy(value * header_factor / target_factor))
    text = _text(raw)
    toks = [t for t in _scan(_DOC_NUMBER.sub("", text)) if t.unit is None or t.unit in accepted]
    if not toks:
        raise _elsewhere(text) or _quantity_error(raw, target_unit)
    explicit = [t for t in toks if t.big or t.unit is not None]
    tok = explicit[0] if explicit else toks[0]
    scale = 1 if explicit else header_factor
    return Amount(_tidy(tok.base * scale / target_factor), tok.approx)


def _quantity_error(raw: object, target_unit: str) -> NormaliseError:
    return NormaliseError(
        "quantity_unparseable",
        f"无法识别的数值“{_show(raw)}”，请填写如“12{target_unit}”，"
        f"或在单位为{target_unit}的列中只填数字",
    )


def parse_quantity(raw: object, header_unit: str | None, target_unit: str = "万人次") -> Amount:
    """A quantity in target_unit: "12万人次" -> 12, "120000人次" -> 12; a bare number takes the
    header's unit, or target_unit when the header names none."""
    message = _quantity_error(raw, target_unit).message_zh
    return _guard("quantity_unparseable", message,
                  lambda: _quantity(raw, header_unit, target_unit))  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Dates

_DAYS_DIGITS = re.compile(r"(?:为期|共|连续)?\d+个?天")
_CLOCK = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, with Excel's 1900 leap-day bug
_SERIAL_RANGE = (20000, 80000)  # 1954..2119: a plain number outside is not a date serial
_WHOLE_SPAN = ("全年度", "全年", "常年", "常态化", "长期", "年内")
_OPEN_END = ("开始", "以后", "之后", "至今", "以来", "起")
_OPEN_START = ("截至", "截止到", "截止", "至", "到")
_FILLER = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|上午|下午|晚上|中午|早上|全天|每天|每日|每周[一二三四五六日末]?|"
    r"周末|星期[一二三四五六日天]|周[一二三四五六日]|举办|举行|开展|召开|开幕|启动|活动|期间|"
    r"假期|小长假|长假|黄金周|全月|整月|当天|前后|左右|时间|(?:为期|共|连续)?[一二两三四五六七八九十]+个?天|持续|双节|节日|节|份|暂定|计划|"
    r"起(?=[至到\-—–~])"
)
_POINT = re.compile(
    # A 月 with no number before a part ("至月底") takes its month from the other side.
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月|月(?=[上中下初底末]))?"
    r"(?:(?P<d>\d{1,2})(?P<dmark>[日号])?)?"
    r"(?P<part>上中旬|中下旬|上旬|中旬|下旬|初|中|底|末)?"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "上中旬": (1, 20)}
_PARTS |= {"下旬": (21, 31), "底": (21, 31), "末": (21, 31), "中下旬": (11, 31)}


def _make_date(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as exc:
        raise NormaliseError("date_invalid", f"{y}年{m}月{d}日") from exc


def _date_error(raw: object) -> NormaliseError:
    return NormaliseError(
        "date_unparseable",
        f"无法识别的日期“{_show(raw)}”，请填写如“5月1日-5月31日”或“{load_campaign().year}年5月1日”",
    )


@dataclass
class _Point:
    y: int | None = None
    m: int | None = None
    d: int | None = None
    part: str | None = None
    bare: int | None = None  # a lone number: month or day, decided by the other side
    span: tuple[dt.date, dt.date] | None = None  # holidays and 全年

    def start(self, year: int) -> dt.date:
        if self.span:
            return self.span[0]
        if self.m is None:
            raise ValueError("no month")
        day = self.d or (_PARTS[self.part][0] if self.part else 1)
        return _make_date(self.y or year, self.m, day)

    def end(self, year: int) -> dt.date:
        if self.span:
            return self.span[1]
        if self.m is None:
            raise ValueError("no month")
        if not 1 <= self.m <= 12:
            raise NormaliseError("date_invalid", f"{self.m}月")
        last = calendar.monthrange(self.y or year, self.m)[1]
        day = self.d or (min(_PARTS[self.part][1], last) if self.part else last)
        return _make_date(self.y or year, self.m, day)


Span = tuple[dt.date, dt.date]


def _campaign_span(year: int, campaign: Span | None) -> Span:
    """The campaign's span moved to `year`; from the configuration when the caller gave none."""
    if campaign is None:
        c = load_campaign()
        campaign = (c.start, c.end)
    start, end = campaign
    if year == start.year:
        return start, end
    return start.replace(year=year), end.replace(year=year + end.year - start.year)


@functools.lru_cache(maxsize=8)
def _holiday_pattern(year: int) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One alternation of the year's holiday words, longest first, and each word's @i@ marker.

    One alternation scanned left to right: 双十一期间 is 双十一, not 双 and 十一期间.
    """
    table = HOLIDAYS.get(year, ())
    markers = {w: f"@{i}@" for i, (names, _, _) in enumerate(table) for w in names}
    if not markers:
        return None
    words = "|".join(re.escape(w) for w in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<!\d)(?:{words})(?![\d月日号])"), markers


def _holiday_text(text: str, year: int) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """Holiday words become @i@ markers, before Chinese numerals are read (五一 is no number).

    Repeated until nothing changes: a word next to another written in digits (五一618, 双11双12)
    is found only once that one is a marker.
    """
    spans = [(s, e) for _, s, e in HOLIDAYS.get(year, ())]
    same = SAME_YEAR_HOLIDAYS.get(year, {})
    if same:
        words = "|".join(re.escape(w) for w in sorted(same, key=len, reverse=True))

        def own_year(m: re.Match[str]) -> str:
            spans.append(same[m[1]])
            return f"@{len(spans) - 1}@"

        text = re.sub(rf"{year}年({words})", own_year, text)
    compiled = _holiday_pattern(year)
    if compiled is None:
        return text, spans
    pattern, markers = compiled
    while (new := pattern.sub(lambda m: markers[m[0]], text)) != text:
        text = new
    # "2021年五一期间": the year of a holiday word is the table's own.
    text = re.sub(rf"{year}年(?=@)", "", text)
    return text, spans


# A column formatted mm-dd and pasted as text: the whole cell, both parts two digits, and
# for a single date a zero that shows the format ("10-12" alone may be days 10 to 12).
_MM_DD = r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_MM_DD_CELL = re.compile(rf"{_MM_DD}(?:\s*[至到~～—–]\s*{_MM_DD})?")


def _mm_dd_text(text: str) -> str:
    m = _MM_DD_CELL.fullmatch(text.strip())
    if m is None or (m[3] is None and "0" not in (m[1][0], m[2][0])):
        return text
    first = f"{int(m[1])}月{int(m[2])}日"
    return first if m[3] is None else f"{first}至{int(m[3])}月{int(m[4])}日"


def _canonical_date_text(text: str) -> str:
    """ISO, dotted and slashed dates and Chinese numerals -> the 2021年5月1日 form."""
    text = _mm_dd_text(text)
    # 20210501: a compact date, only with a plausible year, month and day.
    text = re.sub(
        r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)",
        lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日",
        text,
    )
    text = re.sub(
        r"第?([一二三四1-4])季度",
        lambda m: f"{3 * _QUARTERS[m[1]] - 2}月-{3 * _QUARTERS[m[1]]}月",
        text,
    )
    text = re.sub(
        r"[零〇一二三四五六七八九十]+(?=[年月日号])", lambda m: str(chinese_to_int(m[0])), text
    )
    text = re.sub(
        r"(\d{4})([./\-])(\d{1,2})\2(\d{1,2})(?!\d)",
        lambda m: f"{m[1]}年{int(m[3])}月{int(m[4])}日",
        text,
    )
    text = re.sub(r"(\d{4})[./\-](\d{1,2})(?!\d)月?", lambda m: f"{m[1]}年{int(m[2])}月", text)
    text = re.sub(
        r"(?<![\d年月.])(\d{1,2})[./](\d{1,2})(?![\d月日.])",
        lambda m: f"{int(m[1])}月{int(m[2])}日",
        text,
    )
    # 2021年5-6月: the first number of a month range after a year is a month too.
    text = re.sub(r"(?<=年)(\d{1,2})(?=(?:-|~|—|–|至|到)+\d{1,2}月)", r"\1月", text)
    return re.sub(r"(\d{4}年)?年(?:底|末|终)", lambda m: f"{m[1] or ''}12月31日", text)


def _parse_point(
    side: str, spans: list[tuple[dt.date, dt.date]], year: int, campaign: Span | None
) -> _Point:
    if re.fullmatch(r"(?:@\d+@)+", side):
        chosen = [spans[int(i)] for i in re.findall(r"@(\d+)@", side)]
        return _Point(span=(min(s for s, _ in chosen), max(e for _, e in chosen)))
    m = _POINT.fullmatch(side)
    if not side or m is None:
        raise ValueError(side)
    y, mo, d = (int(m[k]) if m[k] else None for k in ("y", "m", "d"))
    if mo is None and d is not None and not m["dmark"] and y is None and not m["part"]:
        return _Point(bare=d)
    if mo is None and d is None and y is not None and not m["part"]:
        return _Point(span=_campaign_span(y, campaign))  # "2021年": the year, i.e. the campaign
    if d is not None and m["part"]:
        raise ValueError(side)
    return _Point(y=y, m=mo, d=d, part=m["part"])


def _resolve(left: _Point, right: _Point | None, year: int) -> tuple[dt.date, dt.date]:
    if right is None:
        if left.bare is not None or (left.m is None and left.span is None):
            raise ValueError("lone number")
        return left.start(year), left.end(year)
    if left.bare is not None:
        if right.m is not None and right.d is None and right.part is None:
            left.m, left.bare = left.bare, None  # 5-12月
        else:
            raise ValueError("lone number")
    if right.bare is not None:
        if left.d is not None:
            right.d = right.bare  # 5月1日-5
        elif left.m is not None:
            right.m = right.bare  # 5月-6
        else:
            raise ValueError("lone number")
        right.bare = None
    if right.span is None and left.span is None:
        left.y = left.y or right.y
        right.y = right.y or left.y
        if right.m is None:
            right.m = left.m  # 5月1日至5日
    return left.start(year), right.end(year)


# 即日起 / 自即日起 / 今日起 / 即日开始: "from today", the day the mail was written.
_TODAY = re.compile(r"^(?:自|从)?(?:即日|今日|今天|即时)(?:起|开始)?")


def _from_today(text: str, written: dt.date | None) -> str:
    """即日起至6月30日 -> 2021年4月26日至6月30日 (the day of writing, in the form the rest of
    the reader knows, so 至月底 takes its month from it); without that day, 至6月30日 (the
    start left open, not guessed)."""
    m = _TODAY.match(text)
    if m is None or (m.end() == len(text) and written is None):
        return text
    rest = text[m.end() :]
    if written is None:
        return "至" + rest.lstrip("至到-~—–")
    day = f"{written.year}年{written.month}月{written.day}日"
    if not rest:
        return day + "起"
    return day + (rest if _RANGE_SEP.match(rest) else "至" + rest)


def _clean_date_text(
    text: str, year: int, written: dt.date | None = None
) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """The cell with holiday words as markers, dates in one form, no brackets or fillers."""
    text = re.sub(r"[“”\"'‘’「」《》]", "", text)
    # A length in days (国庆7天长假, 共61天) says how long, not when: digits go before the
    # holiday words are read (a holiday word before a digit is taken for 双11), numerals after
    # (十一七天: 十一 first), with the fillers.
    text = _DAYS_DIGITS.sub("", text)
    text, spans = _holiday_text(text, year)
    text = _canonical_date_text(text)
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】", "", text)
    text = _FILLER.sub("", text)
    text = _from_today(text, written)
    text = re.sub(r"^(?:自|从)(?=\d|@)", "", text)
    if text.endswith("止") and _RANGE_SEP.search(text[:-1]):
        text = text[:-1]  # 5月1日至5月31日止
    return text, spans


def _whole_spans(text: str, year: int, campaign: Span | None) -> list[DatePair] | None:
    """全年 / 活动期间 / 上半年 / 下半年, with or without the year written."""
    stripped = re.sub(r"\d{4}年", "", text)
    written = re.match(r"(\d{4})年", text)
    y = int(written[1]) if written else year
    if stripped in _WHOLE_SPAN or any(
        stripped == w + w2 for w in _WHOLE_SPAN for w2 in _WHOLE_SPAN
    ):
        return [_campaign_span(y, campaign)]
    if stripped in ("上半年", "下半年"):
        first = stripped == "上半年"
        return [
            (dt.date(y, 1 if first else 7, 1), dt.date(y, 6, 30) if first else dt.date(y, 12, 31))
        ]
    return None


def _open_ends(text: str) -> tuple[str, bool, bool]:
    """The text without 起/以后 or 之前/止, and whether its start or its end is left open."""
    open_end = text.endswith(_OPEN_END)
    if open_end:
        text = re.sub("(?:" + "|".join(_OPEN_END) + ")$", "", text)
    open_start = text.startswith(_OPEN_START) and not open_end
    if open_start:
        text = re.sub("^(?:" + "|".join(_OPEN_START) + ")", "", text)
    if text.endswith(("之前", "以前", "前", "止")) and not open_end:
        open_start = True
        text = re.sub("(?:之前|以前|前|止)$", "", text)
    return text, open_start, open_end


def _item_range(
    item: str, spans: list[tuple[dt.date, dt.date]], year: int, campaign: Span | None
) -> tuple[dt.date, dt.date]:
    sides = list(_RANGE_SEP.split(item))
    if len(sides) > 2 or any(not s for s in sides):
        raise ValueError(item)
    points = [_parse_point(s, spans, year, campaign) for s in sides]
    start, end = _resolve(points[0], points[1] if len(points) == 2 else None, year)
    if end < start:
        raise NormaliseError("date_end_before_start", item)
    return start, end


def _date_items(
    text: str, year: int, campaign: Span | None, written: dt.date | None
) -> list[DatePair]:
    text, spans = _clean_date_text(text, year, written)
    whole = _whole_spans(text, year, campaign)
    if whole is not None:
        return whole
    text, open_start, open_end = _open_ends(text)
    items = [t for t in re.split(r"[、,;，；]|和|及|与", text) if t]
    if not items or ((open_end or open_start) and len(items) > 1):
        raise ValueError(text)
    out: list[DatePair] = [_item_range(item, spans, year, campaign) for item in items]
    if open_end:
        return [(out[0][0], None)]
    if open_start:
        return [(None, out[0][1])]
    return out


def _date_range(
    raw: object, year: int, campaign: Span | None, written: dt.date | None
) -> DateRange:
    _refuse_excel_error(raw)
    if _is_blank(raw):
        return DateRange(None, None)
    if isinstance(raw, dt.datetime):
        return DateRange(raw.date(), raw.date())
    if isinstance(raw, dt.date):
        return DateRange(raw, raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise _date_error(raw)
    if not isinstance(raw, str):
        number = _number_decimal(raw)
        if _SERIAL_RANGE[0] <= number < _SERIAL_RANGE[1]:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(number))
            return DateRange(day, day)
        # A clerk's "5.1" that Excel kept as the number 5.1 (5.10 is lost the same way).
        raw_text = str(_tidy(number))
    else:
        # Times go before spaces do: "2021-05-01 00:00:00" must not become "…0100:00:00".
        # A time-of-day range (9:00-21:00) goes as a whole: its dash joins no two dates.
        raw_text = re.sub(rf"\s*{_CLOCK}(?:\s*[-~～—–至到]+\s*{_CLOCK})?", "", raw)
    text = _text(raw_text)
    if HOLIDAYS.get(year) is None and any(
        w in text for table in HOLIDAYS.values() for names, _, _ in table for w in names
    ):
        raise NormaliseError(
            "date_holiday_unknown_year",
            f"“{_show(raw)}”写的是节假日，{year}年的节假日日期未配置，请填写具体日期，如“5月1日-5月5日”",
        )
    try:
        items = _date_items(text, year, campaign, written)
    except NormaliseError as exc:
        raise _date_detail_error(raw, exc) from exc
    starts = [s for s, _ in items if s is not None]
    ends = [e for _, e in items if e is not None]
    return DateRange(min(starts) if starts else None, max(ends) if ends else None)


def _date_detail_error(raw: object, exc: NormaliseError) -> NormaliseError:
    """The inner errors carry only the bad part; the clerk needs the cell as written too."""
    if exc.code == "date_invalid":
        return NormaliseError(
            "date_invalid",
            f"日期“{_show(raw)}”中的{exc.message_zh}不存在，请核对后填写，如“5月1日-5月31日”",
        )
    if exc.code == "date_end_before_start":
        return NormaliseError(
            "date_end_before_start",
            f"日期“{_show(raw)}”的结束日期早于开始日期，请填写如“5月1日-5月31日”",
        )
    return exc


def parse_date_range(
    raw: object,
    year: int | None = None,
    campaign: Span | None = None,
    written: dt.date | None = None,
) -> DateRange:
    """A 举办时间 cell as a start and end date; a date without a year is in `year`.

    Several ranges in one cell ("5月1日-5日、6月1日-3日") give the earliest start and latest end;
    "5月1日起" gives no end, "5月31日前" no start; 全年/常态化/长期 the campaign's span, which
    is `campaign` (start, end) when given, else the configured campaign's. 即日起 starts on
    `written` (the day the mail was sent), left open when it is not known.
    """
    message = _date_error(raw).message_zh
    in_year = load_campaign().year if year is None else year
    return _guard("date_unparseable", message, lambda: _date_range(raw, in_year, campaign, written))


# ---------------------------------------------------------------------------------------------
# Counties


@dataclass(frozen=True)
class _County:
    code: str
    name: str
    city_code: str
    city_name: str


@functools.cache
def _divisions() -> tuple[_County, ...]:
    # The campaign's cities' divisions (jurisdiction.py, from data/divisions_cn.csv).
    return tuple(_County(d.code, d.name, d.city_code, d.city_name) for d in _jurisdiction())


def _jurisdiction() -> tuple[Division, ...]:
    c = load_campaign()
    return campaign_divisions(c.province, tuple((x.code, x.name) for x in c.cities))


@functools.cache
def _aliases() -> dict[tuple[str, str], str]:
    """(city_name, alias) -> canonical county name: renamed divisions cities may still write.

    The campaign's county_aliases.csv first, then the table's former names that name no
    current division of the city and no other division's former name.
    """
    path = load_campaign().data_file(ALIASES_FILE)
    aliases: dict[tuple[str, str], str] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            aliases = {(r["city_name"], r["alias"]): r["county_name"] for r in csv.DictReader(f)}
    rows = _jurisdiction()
    current = {(d.city_name, d.name) for d in rows}
    former: dict[tuple[str, str], set[str]] = {}
    for d in rows:
        for name in d.former_names:
            former.setdefault((d.city_name, name), set()).add(d.name)
    for key, names in former.items():
        if key not in current and len(names) == 1:
            aliases.setdefault(key, next(iter(names)))
    return aliases


def county_table() -> list[tuple[str, str, str, str]]:
    """The project's county-level divisions: (county_code, county_name, city_code, city_name)."""
    return [(c.code, c.name, c.city_code, c.city_name) for c in _divisions()]


@functools.lru_cache(maxsize=64)
def _city_full_name(city_name: str) -> str:
    name = _text(city_name).removeprefix(load_campaign().province)
    for c in _divisions():
        if name in (c.city_name, c.city_name.removesuffix("市")):
            return c.city_name
    raise NormaliseError("city_unknown", f"未知的地市“{city_name}”")


def counties_of(city_name: str) -> list[str]:
    """The canonical county-level names of a city ("太原市" or "太原"), in code order."""
    full = _city_full_name(city_name)
    return [c.name for c in _divisions() if c.city_name == full]


@functools.cache
def _city_lookup(city: str) -> dict[str, _County]:
    """Every spelling that names one county of the city: full name, unique short form, alias.

    A name two divisions of the city share (the ministry's "city" is a province: 阳泉's and
    晋城's 城区) names neither alone; each is named with its prefecture ("阳泉市城区").
    """
    own = [c for c in _divisions() if c.city_name == city]
    written = Counter(c.name for c in own)
    lookup = {c.name: c for c in own if written[c.name] == 1}
    stems: dict[str, list[_County]] = {}
    for c in own:
        stem = c.name[:-1] if c.name[-1] in "区县市" else c.name
        stems.setdefault(stem, []).append(c)
    for stem, found in stems.items():
        # One-character stems (盂, 祁, 城, 矿) are too likely to be part of another word.
        if len(stem) >= 2 and len(found) == 1:
            for suffix in ("", "区", "县", "市"):
                lookup.setdefault(stem + suffix, found[0])
    by_name = {c.name: c for c in own}
    for (alias_city, alias), name in _aliases().items():
        if alias_city == city and name in by_name and written[name] == 1:
            lookup[alias] = by_name[name]
    prefecture = _prefecture_names()
    if len({c.code[:4] for c in own}) > 1:
        for c in own:
            for head in _place_stems(prefecture.get(c.code[:4], "")):
                lookup[head + c.name] = c
    return lookup


@functools.cache
def _prefecture_names() -> dict[str, str]:
    """Prefecture code (4 digits) -> its name in the national table, where it is a place."""
    return {
        d.city_code: d.city_name for d in national_divisions() if d.city_name not in NOT_PLACE_NAMES
    }


def _place_stems(name: str) -> tuple[str, ...]:
    """太原市 -> (太原市, 太原): how a prefecture is written before its county's name."""
    if not name:
        return ()
    for suffix in ("市", "地区", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name, name.removesuffix(suffix))
    return (name,)


_CITYWIDE_PAREN = re.compile(r"(?:全市)?各?县\((?:市、?区|区、?市)\)|各县\(市\)区")


def _variants(piece: str, city: str) -> list[str]:
    """The piece as written, then without 山西省 and the city ("太原市小店区", "太原小店").

    As written first: 大同县 and 长治县 begin with their city's name.
    """
    piece = re.sub(r"(?:等县市区|等县区|等地|等)$", "", piece)
    bare = piece.removeprefix(load_campaign().province)
    out = [piece, bare]
    for prefix in (city, city.removesuffix("市")):
        if bare.startswith(prefix):
            out.append(bare[len(prefix) :])
    # "介休市区", "平遥县城": the town of a county-level division is that division.
    out += [m[1] for v in list(out) if (m := re.fullmatch(r"(.+[市县])(?:城区|区|城)", v))]
    return out


def _segment(fragment: str, lookup: dict[str, _County]) -> list[_County] | None:
    """ "小店区迎泽区" or "小店和迎泽": names written without a separator, only when all match."""
    if not fragment:
        return []
    if len(fragment) > 60:
        return None
    for size in range(len(fragment), 1, -1):
        head = fragment[:size]
        if head in lookup:
            rest = _segment(re.sub(r"^(?:和|及|与)", "", fragment[size:]), lookup)
            if rest is not None:
                return [lookup[head], *rest]
    return None


def match_counties(raw: object, city_name: str, group: str | None = None) -> CountyMatch:
    """The county-level divisions of `city_name` named in a 参加县区 cell.

    `group`: the place of the heading row the row is under ("阳泉市（7项）", "一、小店区"):
    a prefecture qualifies the names below it, a county stands for a blank cell.

    Names are split on 、，,/；; spaces 及 和 与; "太原市小店区", "小店区" and "小店" are one county;
    全市/市本级/全市范围/各县（市、区）/市区 mean city-wide (市区, the urban districts, is taken as
    city-wide because no list of them is given). Anything else goes to `unknown`, never guessed.
    """
    city = _city_full_name(city_name)
    lookup = _city_lookup(city)
    if _is_blank(raw):
        if group and (c := lookup.get(group)):
            return CountyMatch((c.name,), (c.code,), False, ())
        return CountyMatch((), (), False, ())
    heads = _place_stems(group) if group and group not in lookup else ()
    text = unicodedata.normalize("NFKC", _show_full(raw))
    citywide = False
    if _CITYWIDE_PAREN.search(text):
        citywide = True
        text = _CITYWIDE_PAREN.sub("、", text)
    found: list[_County] = []
    unknown: list[str] = []
    for piece in re.split(r"[、,/;，；\s]+", text):
        if not piece:
            continue
        variants = _variants(piece, city)
        variants = [h + v for h in heads for v in variants if not v.startswith(h)] + variants
        if any(v in lookup for v in variants):
            found.append(next(lookup[v] for v in variants if v in lookup))
        elif any(v in CITYWIDE or v == "" for v in variants):
            citywide = True
        elif parts := next((p for v in variants if (p := _segment(v, lookup))), None):
            found.extend(parts)
        else:
            unknown.append(piece)
    unique = list(dict.fromkeys(found))
    return CountyMatch(
        names=tuple(c.name for c in unique),
        codes=tuple(c.code for c in unique),
        citywide=citywide,
        unknown=tuple(dict.fromkeys(unknown)),
    )


def _show_full(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


# ---------------------------------------------------------------------------------------------
# Categories


@functools.cache
def _category_rules() -> tuple[tuple[tuple[str, tuple[str, ...]], ...], dict[str, str]]:
    path = load_campaign().data_file("category_rules.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = tuple(
        (r["category"], tuple(unicodedata.normalize("NFKC", str(k)) for k in r["keywords"]))
        for r in data["rules"]
    )
    return rules, {str(k): str(v) for k, v in data.get("given_aliases", {}).items()}


def _by_rules(text: str) -> str | None:
    rules, _ = _category_rules()
    for category, keywords in rules:
        if any(k in text for k in keywords):
            return category
    return None


def _match_given(given: str) -> str | None:
    campaign = load_campaign()
    categories = campaign.all_categories
    text = re.sub(r"[\s、,，·.。()（）“”\"']", "", unicodedata.normalize("NFKC", given))
    if not text:
        return None
    plain = {re.sub(r"[、,，]", "", c): c for c in categories}
    if text in plain:
        return plain[text]
    _, aliases = _category_rules()
    if text in aliases:
        return aliases[text]
    containing = [c for key, c in plain.items() if text in key]
    if len(containing) == 1:
        return containing[0]
    return _by_rules(text)


def categorise(activity_name: str, content: str | None, given: str | None) -> tuple[str, str]:
    """(category, source): the city's own 类别 cell when it names a category ("given"), else
    keyword rules on the name, then the content ("rules"), else 其他 ("default")."""
    if given and (category := _match_given(given)) is not None:
        return category, "given"
    for text in (activity_name, content):
        if text and (category := _by_rules(unicodedata.normalize("NFKC", text))) is not None:
            return category, "rules"
    return load_campaign().other_category, "default"
