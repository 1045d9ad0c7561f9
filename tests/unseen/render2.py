"""More ways a clerk writes a date, count or amount (the second unseen corpus, cases2.py),
each paired with the reading of CONTRACT §2 and the README's chosen readings.

Written from the notice and the contract, not from the readers: every wording here is one a
bureau clerk in Shanxi has been seen to type into a 举办时间 or 成交额 cell.
"""

from __future__ import annotations

import datetime as dt
import random

import render as R

YEAR = 2021
D = dt.date

# 国务院办公厅关于2021年部分节假日安排的通知 (国办发明电〔2020〕27号): the holiday periods.
HOLIDAYS2: dict[str, tuple[dt.date, dt.date, tuple[str, ...]]] = {
    "元旦": (D(2021, 1, 1), D(2021, 1, 3), ("2021年元旦期间", "2021年元旦小长假")),
    "五一": (
        D(2021, 5, 1),
        D(2021, 5, 5),
        ("劳动节期间", "“五一”小长假", "五一劳动节", "五一假期（5天）"),
    ),
    "端午": (D(2021, 6, 12), D(2021, 6, 14), ("端午节", "端午小长假期间", "端午节假期")),
    "中秋": (D(2021, 9, 19), D(2021, 9, 21), ("中秋节期间", "中秋小长假", "中秋假期")),
    "国庆": (D(2021, 10, 1), D(2021, 10, 7), ("国庆节期间", "十一黄金周", "国庆七天长假")),
}

PERIODS2 = (
    "compact",
    "compact_single",
    "compact_zhi",
    "iso",
    "iso_single",
    "slash",
    "slash_single",
    "dot_md",
    "tilde",
    "wave",
    "emdash",
    "zhi",
    "dao",
    "multi",
    "multi_cross",
    "xun",
    "xun_range",
    "chu_di",
    "yuedi",
    "jiri",
    "holiday",
)


def period2(
    rng: random.Random, style: str, months: list[int], mail_date: dt.date
) -> tuple[str, dt.date, dt.date]:
    """(raw, start, end) for a period written in `style` within one of `months`."""
    if style not in PERIODS2:
        raise ValueError(f"no such period wording: {style}")
    R.USED.append(f"date:{style}")
    m = rng.choice(months)
    last = R.last_day(m)
    d1 = rng.randint(1, 18)
    d2 = rng.randint(d1 + 2, min(d1 + 11, last))
    s, e = D(YEAR, m, d1), D(YEAR, m, d2)
    nxt = m + 1 if m < 12 else 12
    if style == "compact":
        return f"{YEAR}{m:02d}{d1:02d}-{YEAR}{m:02d}{d2:02d}", s, e
    if style == "compact_single":
        return f"{YEAR}{m:02d}{d1:02d}", s, s
    if style == "compact_zhi":
        return f"{YEAR}{m:02d}{d1:02d}至{YEAR}{m:02d}{d2:02d}", s, e
    if style == "iso":
        return f"{s.isoformat()}至{e.isoformat()}", s, e
    if style == "iso_single":
        return s.isoformat(), s, s
    if style == "slash":
        return f"{YEAR}/{m}/{d1}-{YEAR}/{m}/{d2}", s, e
    if style == "slash_single":
        return f"{YEAR}/{m}/{d1}", s, s
    if style == "dot_md":
        return f"{m}.{d1}-{m}.{d2}", s, e
    if style == "tilde":
        return f"{m}月{d1}日~{m}月{d2}日", s, e
    if style == "wave":
        return f"{m}月{d1}日～{d2}日", s, e
    if style == "emdash":
        return f"{YEAR}年{m}月{d1}日—{m}月{d2}日", s, e
    if style == "zhi":
        return f"{m}月{d1}日至{m}月{d2}日", s, e
    if style == "dao":
        return f"{m}月{d1}日到{d2}日", s, e
    if style == "multi":
        b1 = rng.randint(max(d1 + 5, 20), last - 2)
        return f"{m}月{d1}日-{d1 + 2}日，{m}月{b1}日-{last}日", s, D(YEAR, m, last)
    if style == "multi_cross" and nxt != m:
        e2 = rng.randint(3, 20)
        return (
            f"{m}月{d1}日-{d1 + 3}日、{nxt}月{e2}日-{e2 + 4}日",
            s,
            D(YEAR, nxt, e2 + 4),
        )
    if style == "xun":
        part, (a, b) = rng.choice([("上旬", (1, 10)), ("中旬", (11, 20)), ("下旬", (21, last))])
        return f"{m}月{part}", D(YEAR, m, a), D(YEAR, m, b)
    if style == "xun_range" and nxt != m:
        return f"{m}月上旬至{nxt}月中旬", D(YEAR, m, 1), D(YEAR, nxt, 20)
    if style == "chu_di":
        if nxt != m and rng.random() < 0.5:
            return f"{m}月初—{nxt}月底", D(YEAR, m, 1), D(YEAR, nxt, R.last_day(nxt))
        return f"{m}月初至{m}月底", D(YEAR, m, 1), D(YEAR, m, last)
    if style == "yuedi":
        return f"{m}月{d1}日至月底", s, D(YEAR, m, last)
    if style == "jiri":
        end = D(YEAR, 5, 31) if m == 5 else e
        return f"即日起至{end.month}月{end.day}日", mail_date, end
    if style == "holiday":
        names = [h for h, (hs, _, _) in HOLIDAYS2.items() if hs.month in months and h != "元旦"]
        if names:
            hs, he, words = HOLIDAYS2[rng.choice(names)]
            return rng.choice(words), hs, he
        return f"{m}月{d1}日至{m}月{d2}日", s, e
    return f"{m}月{d1}日-{m}月{d2}日", s, e


# --- counts: the first corpus's wordings (render.render_count) and a few more ------------


def count2(rng: random.Random, style: str, n: int) -> tuple[object, int | None]:
    """`二十余家` (20), `近百家` (100), `１２０余家` (120); the other styles as render.py has them."""
    if style == "cn_yu":
        R.USED.append("count:cn_yu")
        tens = max(10, n // 10 * 10)
        return f"{R.cn_int(tens)}余家", tens
    if style == "jin_bai":
        R.USED.append("count:jin_bai")
        return "近百家", 100
    if style == "fw_yu":
        R.USED.append("count:fw_yu")
        tens = max(10, n // 10 * 10)
        return R.fullwidth(str(tens)) + "余家", tens
    return R.render_count(rng, style, n)


# --- amounts in a free-text cell (预估成效, 成交额 in Word) --------------------------------

MONEY2 = (
    "qian_wan",  # 5千万元
    "yi",  # 1.2亿元
    "yuan",  # 85000元
    "yue_wan",  # 约800万
    "chao_yi",  # 超1亿元
    "yu_wan",  # 逾600万元
    "jin_wan",  # 近2000万元
    "yishang",  # 500万元以上
    "yi_plus",  # 1.5亿+
    "thousands",  # 2,500万元
    "fw",  # １２００万元
    "zuoyou",  # 800万元左右
    "nbsp",  # 800 万元 (NBSP)
    "cn_yi",  # 两亿元
    "unknown",  # / — 无 不详
)


def pick_wan2(rng: random.Random, style: str) -> float:
    if style == "qian_wan":
        return float(rng.choice([1000, 2000, 3000, 5000, 8000]))
    if style in ("yi", "chao_yi", "yi_plus"):
        return float(rng.choice([12000, 15000, 20000, 25000, 32000]))
    if style == "cn_yi":
        return float(rng.choice([10000, 20000, 30000]))
    if style == "yuan":
        return rng.choice([0.3, 0.5, 8.5, 12.0, 36.0])
    if style == "thousands":
        return float(rng.choice([1200, 2500, 3600, 12000]))
    return float(rng.choice([300, 450, 600, 800, 1200, 1500, 2000, 2600]))


def money2(rng: random.Random, style: str, wan: float) -> tuple[str, float | None]:
    if style not in MONEY2:
        raise ValueError(f"no such amount wording: {style}")
    R.USED.append(f"money:{style}")
    w = int(wan) if wan == int(wan) else wan
    yi = f"{wan / 10000:.4f}".rstrip("0").rstrip(".")
    if style == "qian_wan":
        return f"{int(wan) // 1000}千万元", wan
    if style == "yi":
        return f"{yi}亿元", wan
    if style == "yuan":
        return f"{int(round(wan * 10000))}元", wan
    if style == "yue_wan":
        return f"约{w}万", wan
    if style == "chao_yi":
        return f"超{yi}亿元", wan
    if style == "yu_wan":
        return f"逾{w}万元", wan
    if style == "jin_wan":
        return f"近{w}万元", wan
    if style == "yishang":
        return f"{w}万元以上", wan
    if style == "yi_plus":
        return f"{yi}亿+", wan
    if style == "thousands":
        return f"{int(wan):,}万元", wan
    if style == "fw":
        return R.fullwidth(str(w)) + "万元", wan
    if style == "zuoyou":
        return f"{w}万元左右", wan
    if style == "nbsp":
        return f"{w}\xa0万元", wan
    if style == "cn_yi":
        return f"{R.cn_int(int(wan) // 10000)}亿元", wan
    return rng.choice(["/", "—", "无", "不详"]), None


NUMBER_STYLES = (
    "num",
    "str",
    "thousands",
    "fw",
    "nbsp",
    "fw_space",
    "yue",
    "chao",
    "zuoyou",
    "plus",
    "jin",
)


def number2(rng: random.Random, style: str, value: float) -> object:
    """A number in a column whose header names the unit, as a clerk types it."""
    if style not in NUMBER_STYLES:
        raise ValueError(f"no such number wording: {style}")
    v = int(value) if value == int(value) else value
    R.USED.append(f"number:{style}")
    if style == "num":
        return v
    if style == "str":
        return str(v)
    if style == "thousands":
        return f"{v:,}" if isinstance(v, int) else str(v)
    if style == "fw":
        return R.fullwidth(str(v))
    if style == "nbsp":
        return f"\xa0{v}\xa0"
    if style == "fw_space":
        return f"{v}\u3000"
    if style == "yue":
        return f"约{v}"
    if style == "chao":
        return f"超{v}"
    if style == "zuoyou":
        return f"{v}左右"
    if style == "plus":
        return f"{v}+"
    if style == "jin":
        return f"近{v}"
    return v


UNKNOWN2 = ("/", "—", "无", "不详")
