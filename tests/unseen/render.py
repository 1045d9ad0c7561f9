"""How clerks write a value, paired with how a careful reader must read it (CONTRACT §2).

Each renderer takes the truth (or makes it, for dates whose wording decides the dates) and
returns (raw cell value, normalised value). The normalised value is what the warehouse must
hold; the raw is one of the many ways a person with Excel or Word writes it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

YEAR = 2021
D = dt.date

# 国务院办公厅关于2021年部分节假日安排的通知 (国办发明电〔2020〕27号).
HOLIDAYS: dict[str, tuple[dt.date, dt.date, tuple[str, ...]]] = {
    "元旦": (D(2021, 1, 1), D(2021, 1, 3), ("2021年元旦期间", "2021年元旦假期")),
    "五一": (D(2021, 5, 1), D(2021, 5, 5), ("五一期间", "“五一”假期", "五一劳动节期间")),
    "端午": (D(2021, 6, 12), D(2021, 6, 14), ("端午节期间", "端午假期")),
    "中秋": (D(2021, 9, 19), D(2021, 9, 21), ("中秋节期间", "中秋假期")),
    "国庆": (D(2021, 10, 1), D(2021, 10, 7), ("国庆期间", "国庆黄金周", "“十一”黄金周")),
    "中秋国庆": (D(2021, 9, 19), D(2021, 10, 7), ("中秋、国庆期间", "中秋国庆双节期间")),
}

# The wordings rendered since the last reset (cases.build_case lists them per case).
USED: list[str] = []

FW = str.maketrans("0123456789.-,", "０１２３４５６７８９．－，")
UNKNOWN = ("/", "—", "不详", "无", "-", "")


def fullwidth(text: str) -> str:
    return text.translate(FW)


def last_day(month: int) -> int:
    return calendar.monthrange(YEAR, month)[1]


_CN = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """Chinese numerals as a clerk writes them: 十五, 三十, 一百零八, 两百, 一千五百."""
    assert 0 < n < 10000
    digits = (n // 1000 % 10, n // 100 % 10, n // 10 % 10, n % 10)
    text, started, zero = "", False, False
    for digit, unit in zip(digits, ("千", "百", "十", "")):
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            text, zero = text + "零", False
        word = "两" if digit == 2 and unit in ("千", "百") and not started else _CN[digit]
        text, started = text + word + unit, True
    return text[1:] if text.startswith("一十") else text


# --- dates ---------------------------------------------------------------------------------

PERIOD_STYLES = (
    "md",
    "md_cross",
    "ymd_zhi",
    "ymd_dao",
    "dot",
    "dot_short",
    "digits",
    "iso_tilde",
    "slash_wave",
    "wave_cn",
    "emdash",
    "fullwidth",
    "multi",
    "xun",
    "xun_range",
    "chu_di",
    "jiri",
    "holiday",
    "month",
    "month_range",
    "single",
    "single_ymd",
    "paren",
    "month_end",
    "iso_single",
)


def make_period(
    rng: random.Random,
    style: str,
    months: list[int],
    mail_date: dt.date,
    holiday: str | None = None,
) -> tuple[object, dt.date, dt.date]:
    """A period in the given wording; returns (raw, start, end)."""
    USED.append(f"date:{style}")
    m = rng.choice(months)
    last = last_day(m)
    d1 = rng.randint(1, min(20, last - 5))
    d2 = rng.randint(d1 + 1, min(d1 + 12, last))
    s, e = D(YEAR, m, d1), D(YEAR, m, d2)
    nxt = m + 1 if m < 12 else m
    if style == "md":
        return f"{m}月{d1}日-{m}月{d2}日", s, e
    if style == "md_cross" and nxt != m:
        e2 = rng.randint(1, 25)
        return f"{m}月{d1}日至{nxt}月{e2}日", s, D(YEAR, nxt, e2)
    if style == "ymd_zhi":
        return f"{YEAR}年{m}月{d1}日至{d2}日", s, e
    if style == "ymd_dao":
        return f"{YEAR}年{m}月{d1}日到{m}月{d2}日", s, e
    if style == "dot":
        return f"{YEAR}.{m}.{d1}—{m}.{d2}", s, e
    if style == "dot_short":
        return f"{m}.{d1}-{m}.{d2}", s, e
    if style == "digits":
        return f"{YEAR}{m:02d}{d1:02d}-{YEAR}{m:02d}{d2:02d}", s, e
    if style == "iso_tilde":
        return f"{s.isoformat()}~{e.isoformat()}", s, e
    if style == "slash_wave":
        return f"{YEAR}/{m}/{d1}～{YEAR}/{m}/{d2}", s, e
    if style == "wave_cn":
        return f"{m}月{d1}日～{m}月{d2}日", s, e
    if style == "emdash":
        return f"{m}月{d1}日—{m}月{d2}日", s, e
    if style == "fullwidth":
        return fullwidth(f"{m}月{d1}日-{m}月{d2}日"), s, e
    if style == "multi":
        a2 = min(d1 + 2, last)
        b1 = rng.randint(max(a2 + 3, last - 8), last - 2)
        return f"{m}月{d1}日-{a2}日、{m}月{b1}日-{last}日", s, D(YEAR, m, last)
    if style == "xun":
        part, (a, b) = rng.choice([("上旬", (1, 10)), ("中旬", (11, 20)), ("下旬", (21, last))])
        return f"{m}月{part}", D(YEAR, m, a), D(YEAR, m, b)
    if style == "xun_range" and nxt != m:
        return f"{m}月中旬至{nxt}月上旬", D(YEAR, m, 11), D(YEAR, nxt, 10)
    if style == "chu_di" and nxt != m:
        return f"{m}月初至{nxt}月底", D(YEAR, m, 1), D(YEAR, nxt, last_day(nxt))
    if style == "jiri":
        if mail_date > e:  # no clerk writes 即日起 for a period already over when they write
            return f"{m}月{d1}日至{m}月{d2}日", s, e
        return f"即日起至{m}月{d2}日", mail_date, e
    if style == "holiday":
        name = holiday or rng.choice([h for h in HOLIDAYS if HOLIDAYS[h][0].month in months])
        hs, he, words = HOLIDAYS[name]
        return rng.choice(words), hs, he
    if style == "month":
        return rng.choice([f"{m}月", f"{m}月份", f"{YEAR}年{m}月"]), D(YEAR, m, 1), D(YEAR, m, last)
    if style == "month_range" and nxt != m:
        return f"{m}月—{nxt}月", D(YEAR, m, 1), D(YEAR, nxt, last_day(nxt))
    if style == "single":
        return f"{m}月{d1}日", s, s
    if style == "single_ymd":
        return f"{YEAR}年{m}月{d1}日", s, s
    if style == "paren":
        return f"{m}月1日-{m}月{last}日（每周五至周日）", D(YEAR, m, 1), D(YEAR, m, last)
    if style == "month_end":
        return f"{m}月{d1}日至月底", s, D(YEAR, m, last)
    if style == "iso_single":
        return s.isoformat(), s, s
    # A style that needs a next month fell in December: the plain wording instead.
    return f"{m}月{d1}日-{m}月{d2}日", s, e


# --- counts --------------------------------------------------------------------------------

COUNT_STYLES = (
    "int",
    "str",
    "jia",
    "yue",
    "yu",
    "plus",
    "cn",
    "fw",
    "chao",
    "yu2",
    "jin",
    "yishang",
    "zuoyou",
    "thousands",
    "unknown",
)


def render_count(rng: random.Random, style: str, n: int) -> tuple[object, int | None]:
    USED.append(f"count:{style}")
    if style == "int":
        return n, n
    if style == "str":
        return str(n), n
    if style == "jia":
        return f"{n}家", n
    if style == "yue":
        return f"约{n}家", n
    if style == "yu":
        n10 = max(10, n // 10 * 10)
        return f"{n10}余家", n10
    if style == "plus":
        return f"{n}+", n
    if style == "cn":
        return f"{cn_int(n)}家", n
    if style == "fw":
        return fullwidth(str(n)) + "家", n
    if style == "chao":
        return f"超{n}家", n
    if style == "yu2":
        return f"逾{n}家", n
    if style == "jin":
        return f"近{n}家", n
    if style == "yishang":
        return f"{n}家以上", n
    if style == "zuoyou":
        return f"{n}家左右", n
    if style == "thousands":
        big = n * 10 + 1000 if n < 100 else n
        return f"{big:,}家", big
    raw = rng.choice(UNKNOWN)
    return raw, None


# --- money ---------------------------------------------------------------------------------

MONEY_TEXT_STYLES = (
    "wan",
    "yi",
    "yue_yi",
    "qian_wan",
    "thousands",
    "fw",
    "zuoyou",
    "chao_yi",
    "yu_wan",
    "jin_yi",
    "yishang",
    "yi_plus",
    "cn",
    "sentence",
    "sentence_yi",
    "nbsp",
    "bare",
    "wan_no_yuan",
    "unknown",
)


def _yi(wan: float) -> str:
    text = f"{wan / 10000:.4f}".rstrip("0").rstrip(".")
    return text


def pick_wan(rng: random.Random, style: str) -> float:
    """A turnover that the wording can carry exactly (亿 with few decimals, 千万 whole)."""
    if style in ("qian_wan",):
        return float(rng.choice([1000, 2000, 3000, 5000, 6000, 8000]))
    if style == "cn":
        return float(rng.choice([1000, 2000, 3000, 5000, 10000, 20000]))
    if style in ("yi", "yue_yi", "chao_yi", "jin_yi", "yi_plus", "sentence_yi"):
        return float(rng.choice([3000, 5000, 8000, 12000, 15000, 20000, 25000, 35000]))
    if style == "thousands":
        return float(rng.choice([12000, 15600, 23000, 10500]))
    return float(rng.choice([150, 300, 450, 600, 800, 1200, 1500, 2000, 2600, 3000, 5000]))


def render_money_text(rng: random.Random, style: str, wan: float) -> tuple[object, float | None]:
    """A turnover in a free-text column such as 预估成效（成交额等）."""
    USED.append(f"money:{style}")
    w = int(wan) if wan == int(wan) else wan
    if style == "wan":
        return f"{w}万元", wan
    if style == "yi":
        return f"{_yi(wan)}亿元", wan
    if style == "yue_yi":
        return f"约{_yi(wan)}亿", wan
    if style == "qian_wan":
        return f"{int(wan) // 1000}千万元", wan
    if style == "thousands":
        return f"{int(wan):,}万元", wan
    if style == "fw":
        return fullwidth(str(w)) + "万元", wan
    if style == "zuoyou":
        return f"{w}万元左右", wan
    if style == "chao_yi":
        return f"超{_yi(wan)}亿元", wan
    if style == "yu_wan":
        return f"逾{w}万元", wan
    if style == "jin_yi":
        return f"近{_yi(wan)}亿元", wan
    if style == "yishang":
        return f"{w}万元以上", wan
    if style == "yi_plus":
        return f"{_yi(wan)}亿元+", wan
    if style == "cn":
        if wan >= 10000:
            return f"{cn_int(int(wan) // 10000)}亿元", wan
        return f"{cn_int(int(wan) // 1000)}千万元", wan
    if style == "sentence":
        footfall = rng.choice([2, 3, 5, 8, 10])
        return f"预计实现成交额{w}万元，带动客流{footfall}万人次", wan
    if style == "sentence_yi":
        return f"预计销售额约{_yi(wan)}亿元，拉动相关消费", wan
    if style == "nbsp":
        return f"{w}\xa0万元", wan
    if style == "bare":
        return str(w), wan
    if style == "wan_no_yuan":
        return f"{w}万", wan
    return rng.choice(UNKNOWN), None


def render_money_number(rng: random.Random, style: str, value: float) -> object:
    """A number under a header that names its unit: a number cell or a clerk's text of it."""
    v = int(value) if value == int(value) else value
    if style == "num":
        return v
    if style == "str":
        return str(v)
    if style == "thousands":
        return f"{v:,}"
    if style == "fw":
        return fullwidth(str(v))
    if style == "nbsp":
        return f"{v}\xa0"
    return v


def county_short(name: str) -> str:
    """小店区 -> 小店; names of two characters (城区, 祁县, 应县) stay whole."""
    if len(name) >= 3 and name[-1] in "区县市":
        return name[:-1]
    return name


def render_counties(
    rng: random.Random, city: str, counties: tuple[str, ...], style: str
) -> tuple[str, str]:
    """The 参加县区 cell for these counties (empty = city-wide); returns (raw, expected)."""
    USED.append(f"county:{style if counties else 'citywide'}")
    if not counties:
        raw = {"quanshi": "全市", "shibenji": "市本级", "fanwei": "全市范围"}.get(style)
        return raw or rng.choice(["全市", "市本级", "全市范围"]), "全市"
    expected = "、".join(counties)
    if len(counties) == 1:
        name = counties[0]
        if style == "short":
            return county_short(name), expected
        if style == "prefixed":
            return f"{city}{name}", expected
        return name, expected
    sep = {
        "dun": "、",
        "comma": "，",
        "ascii_comma": ",",
        "fw_space": "\u3000",
        "newline": "\n",
        "slash": "/",
    }.get(style, "、")
    names = list(counties)
    if style == "short":
        names = [county_short(n) for n in names[:-1]] + [names[-1]]
    return sep.join(names), expected
