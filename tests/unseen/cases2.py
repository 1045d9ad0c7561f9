"""The second unseen corpus (seeds 200..239): submissions the readers were not designed for.

Written from the notice (../shared/seed/) and CONTRACT §2 only, the way city-bureau clerks in
Shanxi write them, without reading the project's readers. Twenty profiles (N00..N19), two
seeds each: the even seed is in `new-dev`, the odd seed in `new-held` (scored once, at the end,
by the lead). The two seeds of a profile share its structure and differ in city, names,
values and the wording of every cell (random.Random(f"unseen2-{seed}")).

    python tests/unseen/cases2.py --table          # the case table (README)
    python tests/unseen/cases2.py --write DIR 200  # the .eml files of a seed, for a look by hand

Every case is a cases.Case: its mails in arrival order, and for each file the outcome a careful
human would give it and every row it must load (or hold), normalised per CONTRACT §2.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cases as C  # noqa: E402
import compose  # noqa: E402
import render as R  # noqa: E402
import render2 as R2  # noqa: E402
from compose import Attachment  # noqa: E402
from writers import (  # noqa: E402
    ExcelError,
    Grid,
    Para,
    docx_bytes,
    html_table,
    msg_bytes,
    tnef_bytes,
    xls_bytes,
    xlsx_bytes,
)
from writers2 import encrypted_xlsx, xlsb_bytes, xlsx_hidden  # noqa: E402

SEEDS2: tuple[int, ...] = tuple(range(200, 240))
NEW_DEV_SEEDS: tuple[int, ...] = tuple(s for s in SEEDS2 if s % 2 == 0)
NEW_HELD_SEEDS: tuple[int, ...] = tuple(s for s in SEEDS2 if s % 2 == 1)

# A clerk's name outside GB2312 (喆): the mail client labels the subject GBK, not GB2312.
GBK_NAME = "王喆"
ACCEPTED = C.ACCEPTED

# Activity names of the kinds the notice lists, in words the first corpus did not use.
THEMES2: dict[str, tuple[str, ...]] = {
    "发放政府电子消费券": ("“幸福{n}”政府消费券", "{n}数字消费券惠民季", "“晋情消费”消费券发放"),
    "汽车、成品油促消费": ("新能源汽车下乡巡展", "{n}汽车展销周", "汽车+旅游自驾节", "加油优惠月"),
    "家电家具家装": ("家装节暨家居建材博览会", "家电惠民周", "智能家电以旧换新季"),
    "餐饮消费": ("{n}美食文化周", "地域美食街开街仪式", "山西特色品牌火锅节{n}分会场"),
    "网络消费": ("“晋品”网购节", "直播电商节", "社区团购节"),
    "老字号": ("老字号精品展", "三晋老字号进社区"),
    "夜经济": ("“夜{n}”灯光美食街", "深夜食堂特色街区开街", "夏夜文旅消费季"),
    "节假日消费": ("母亲节感恩促销", "店庆周年庆购物节", "中国品牌日主题促销"),
    "城市商圈": ("{n}购物节", "商圈夏日嘉年华", "特色商业街区消费节"),
    "农村消费": ("乡村大集", "农产品产销对接会", "品牌商品巡回大集"),
}
CONTENT2 = (
    "组织重点商超、汽车4S店、家电卖场同步开展让利活动",
    "设置特色美食、文创产品、非遗展示等展区",
    "联合抖音、快手平台开展直播带货",
    "发放满减券，开展抽奖、打折等促销",
)
POLICY2 = ("满300减50", "购车补贴3000元/辆", "消费券满100减20", "/", "免费停车、延时营业")


def city_for2(seed: int) -> C.City:
    # Two seeds of a profile (2k, 2k+1) land 5 or 6 cities apart: never the same city.
    return C.CITIES[(seed * 5 + seed // 7) % len(C.CITIES)]


# --- activities --------------------------------------------------------------------------------


def cycle(rng: random.Random, styles: tuple[str, ...]) -> Callable[[], str]:
    """Every style once (shuffled) before any repeats, so that a case shows each wording."""
    order = list(styles)
    rng.shuffle(order)
    state = {"i": 0}

    def nxt() -> str:
        style = order[state["i"] % len(order)]
        state["i"] += 1
        return style

    return nxt


def make_acts2(
    ctx: C.Ctx,
    n: int,
    months: list[int],
    mail_date: dt.date,
    periods: tuple[str, ...],
    counts: tuple[str, ...] = ("int", "jia"),
    money: tuple[str, ...] = ("num",),
    money_mode: str = "text",  # text: 预估成效 in words | number: a 万元 column
    county_styles: tuple[str, ...] = ("plain", "dun"),
    citywide: float = 0.2,
    single_county: tuple[str, ...] | None = None,
) -> list[C.Act]:
    rng, city = ctx.rng, ctx.city
    next_period, next_count, next_money = cycle(rng, periods), cycle(rng, counts), cycle(rng, money)
    acts: list[C.Act] = []
    seen: set[str] = set()
    while len(acts) < n:
        cat = rng.choice(list(THEMES2))
        name = rng.choice(THEMES2[cat]).format(n=city.nick)
        if not name.startswith("“") and city.nick not in name and rng.random() < 0.5:
            name = rng.choice(["2021年", f"{city.nick}", "第二届", "首届"]) + name
        if name in seen:
            continue
        seen.add(name)
        raw_period, start, end = R2.period2(rng, next_period(), months, mail_date)
        if single_county is not None:
            counties: tuple[str, ...] = (
                () if rng.random() < citywide else (rng.choice(single_county),)
            )
        elif rng.random() < citywide:
            counties = ()
        else:
            counties = tuple(rng.sample(city.counties, rng.choice([1, 1, 2, 3])))
        county_raw, _ = R.render_counties(rng, city.name, counties, rng.choice(county_styles))
        ent_raw, ent = R2.count2(rng, next_count(), rng.choice([12, 20, 35, 48, 60, 85, 120, 160]))
        style = next_money()
        if money_mode == "text":
            turn_raw, turn = R2.money2(rng, style, R2.pick_wan2(rng, style))
            turn_cell: object = turn_raw
        else:
            wan = float(rng.choice([150, 300, 450, 800, 1200, 2600, 5000]))
            if style == "unknown":
                turn_cell, turn = rng.choice(R2.UNKNOWN2), None
            else:
                turn_cell, turn = R2.number2(rng, style, wan), wan
        act = C.Act(name, cat, counties, start, end, ent, turn)
        act.raw = {
            "county": county_raw,
            "name": name,
            "period": raw_period,
            "content": rng.choice(CONTENT2),
            "ent": ent_raw,
            "policy": rng.choice(POLICY2),
            "turn": turn_cell,
            "foot": rng.choice([0.5, 1, 2, 3.5, 6, 10]),
            "place": rng.choice(C.PLACES),
            "start": dt.datetime.combine(start, dt.time()),
            "end": dt.datetime.combine(end, dt.time()),
        }
        acts.append(act)
    return acts


def header_of(cols: list[C.Col]) -> dict[str, str]:
    return {c.key: c.header for c in cols}


def official_header() -> dict[str, str]:
    return dict(zip([c.key for c in C.official_cols()], C.OFFICIAL))


def april(ctx: C.Ctx, first: int = 19, last: int = 23) -> dt.datetime:
    return C.at(ctx.rng, dt.date(2021, 4, ctx.rng.randint(first, last)))


def reg_subject(ctx: C.Ctx) -> str:
    city = ctx.city
    return ctx.rng.choice(
        [
            f"{city.name}2021年全国消费促进月重点活动名录",
            f"报送：{city.name}参加全国消费促进月活动情况（附件2）",
            f"{city.name}商务局-附件2活动名录",
        ]
    )


def body_of(ctx: C.Ctx, text: str) -> str:
    return text + C.signature(ctx)


def outlook_forward_header(ctx: C.Ctx, when: dt.datetime, subject: str) -> str:
    person = ctx.rng.choice(C.NAMES)
    return (
        "\n\n-----邮件原件-----\n"
        f"发件人: {person} [mailto:{ctx.rng.choice(['scyxk', 'sck', 'xfk'])}{ctx.rng.randint(10, 99)}@163.com]\n"
        f"发送时间: {when.year}年{when.month}月{when.day}日 {when.hour}:{when.minute:02d}\n"
        f"收件人: {C.senders(ctx.city.name)[0]}\n"
        f"主题: {subject}\n\n"
    )


def foxmail_forward_header(ctx: C.Ctx, when: dt.datetime, subject: str) -> str:
    person = ctx.rng.choice(C.NAMES)
    week = "一二三四五六日"[when.weekday()]
    noon = "上午" if when.hour < 12 else "下午"
    return (
        "\n\n------------------ 原始邮件 ------------------\n"
        f'发件人: "{person}"<{ctx.rng.randint(100000, 999999)}@qq.com>;\n'
        f"发送时间: {when.year}年{when.month}月{when.day}日(星期{week}) {noon}{when.hour % 12 or 12}:{when.minute:02d}\n"
        f'收件人: "{ctx.city.name}商务局"<{C.senders(ctx.city.name)[0]}>;\n'
        f"主题: {subject}\n\n"
    )


# --- registry profiles ---------------------------------------------------------------------------


def n00_compact_dates_money_words(ctx: C.Ctx) -> str:
    """Official 附件2 in Excel; digits-only, ISO and slashed dates, 5千万元 / 1.2亿元 / 85000元,
    full-width digits and thousands separators, a #REF! in 参与企业数量; a GBK subject."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    acts = make_acts2(
        ctx,
        rng.randint(7, 9),
        [5, 5, 6, 7, 9, 10],
        when.date(),
        periods=("compact", "compact_single", "compact_zhi", "iso", "iso_single", "slash"),
        counts=("fw", "thousands", "cn", "int", "jia", "unknown"),
        money=("qian_wan", "yi", "yuan", "thousands", "fw", "unknown", "cn_yi"),
        county_styles=("plain", "prefixed", "dun", "comma"),
    )
    bad = acts[rng.randrange(1, len(acts))]
    C.hold(bad, "ent", "#REF!", "参与企业数量单元格为公式错误值（#REF!）")
    bad.raw["ent"] = ExcelError("#REF!")
    items: list[C.Act | C.Special] = list(acts)
    C.number_acts(items)
    grid, where = C.table(
        C.official_cols(seq=True),
        items,
        top=C.official_top(city, when),
        bottom=[[C.summary_sentence(acts)], [C.NOTE_ROW]],
        name="附件2",
    )
    name = f"附件2：{city.name}重点活动名录（{when.month}.{when.day}）.xlsx"
    exp = C.registry_file(name, acts, official_header(), where)
    subject = f"{city.name}商务局报送附件2活动名录（经办人：{GBK_NAME}）"
    body = body_of(ctx, f"省厅：\n  附件为我市重点活动名录，请审阅。经办人{GBK_NAME}。")
    ctx.send(when, subject, body, [exp], [Attachment(name, xlsx_bytes([grid]))], client="foxmail")
    ctx.feature(
        "xlsx",
        "digits-only / ISO / slashed dates",
        "5千万元 / 亿元 / 元 in cells",
        "full-width digits, thousands separators, Chinese numerals",
        "held: #REF! in a count",
        "GBK subject",
    )
    return "N00 registry: compact/ISO/slash dates, money words, #REF!"


def n01_sheet_per_county(ctx: C.Ctx) -> str:
    """A blank first sheet, then one sheet per county (its name is the county; no county
    column), a 市本级 sheet, a hidden column of last year's figures, a 汇总 sheet; holiday
    names, 上旬/中旬/下旬, 月初/月底; an impossible date 4月31日."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    counties = tuple(rng.sample(city.counties, 3))
    acts = make_acts2(
        ctx,
        rng.randint(7, 9),
        [5, 5, 6, 9, 10],
        when.date(),
        periods=("holiday", "holiday", "xun", "xun_range", "chu_di", "yuedi", "tilde"),
        counts=("int", "jia", "yue", "zuoyou"),
        money=("num", "str", "thousands"),
        money_mode="number",
        single_county=counties,
        citywide=0.25,
    )
    bad = acts[rng.randrange(len(acts))]
    d2 = rng.randint(5, 9)
    C.hold(bad, "period", f"4月31日-5月{d2}日", "举办时间不存在（4月31日）")
    cols = [
        C.Col("序号", "seq"),
        C.Col("重点活动名称", "name"),
        C.Col("举办时间", "period"),
        C.Col("活动内容（简要概述）", "content"),
        C.Col("参与企业数量", "ent"),
        C.Col("支持政策及优惠举措", "policy"),
        C.Col("预估成交额（万元）", "turn"),
        C.Col("2020年同期（万元）", "last"),
    ]
    for a in acts:
        a.raw["last"] = rng.choice([80, 120, 260, 900, 1500])
    grids = [Grid("Sheet1", [])]
    hidden: dict[str, tuple[int, ...]] = {}
    held_rows: dict[str, int] = {}
    summary: list[list[object]] = [
        [f"{city.name}各县区活动汇总"],
        ["县区", "活动场次", "预估成交额（万元）"],
    ]
    for sheet in [*counties, "市本级"]:
        group = [a for a in acts if (a.counties[:1] or ("市本级",))[0] == sheet]
        if not group:
            continue
        items: list[C.Act | C.Special] = list(group)
        C.number_acts(items)
        grid, where = C.table(
            cols, items, top=[[f"{city.name}{sheet}2021年消费促进月重点活动"]], name=sheet
        )
        held_rows.update(where)
        hidden[sheet] = (len(cols),)
        grids.append(grid)
        summary.append([sheet, len(group), sum(a.turn or 0 for a in group if not a.held)])
    grids.append(Grid("汇总", summary, merges=[(1, 1, 1, 3)]))
    name = f"{city.name}消费促进月活动名录（分县区）.xlsx"
    exp = C.registry_file(name, acts, header_of(cols), held_rows)
    body = body_of(ctx, "省厅：\n  我市各县区活动名录分表填报（每个县区一个工作表），请查收。")
    data = xlsx_hidden(grids, hidden_cols=hidden)
    ctx.send(when, reg_subject(ctx), body, [exp], [Attachment(name, data)], client="webmail")
    ctx.feature(
        "xlsx",
        "blank first sheet",
        "a sheet per county (no county column)",
        "hidden column",
        "汇总 sheet",
        "holiday names, 上旬/中旬/下旬, 月初/月底",
        "held: impossible date (4月31日)",
    )
    return "N01 registry: sheet per county, blank first sheet, hidden column"


def n02_merged_subtotals_beside(ctx: C.Ctx) -> str:
    """Two-level header (预估成效 → 成交额|客流), county 小计 rows, 县区合计, 市本级 rows and
    their 小计, 总计; a notes table and a per-category table beside the main table; counts
    in words (三十五家, 约/超/逾/近/以上/+), amounts 约300 / 超500 / 无; 见附表 in a count."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    counties = tuple(rng.sample(city.counties, 3))
    acts = make_acts2(
        ctx,
        rng.randint(8, 10),
        [5, 5, 6, 7, 10],
        when.date(),
        periods=("tilde", "wave", "emdash", "zhi", "dao"),
        counts=(
            "cn",
            "cn_yu",
            "jin_bai",
            "yue",
            "chao",
            "yu2",
            "jin",
            "yishang",
            "plus",
            "unknown",
        ),
        money=("yue", "chao", "zuoyou", "thousands", "fw", "num", "unknown"),
        money_mode="number",
        single_county=counties,
        citywide=0.2,
    )
    if all(a.counties for a in acts):
        acts[-1].counties = ()
    for a in acts:
        a.raw["county"] = a.counties[0] if a.counties else "市本级"
    bad = rng.choice([a for a in acts if a.counties])
    C.hold(bad, "ent", "见附表", "参与企业数量不是数字（“见附表”）")
    cols = [
        C.Col("序号", "seq"),
        C.Col("参加县区", "county"),
        C.Col("重点活动名称", "name"),
        C.Col("举办时间", "period"),
        C.Col("活动内容（简要概述）", "content"),
        C.Col("参与企业数量（家）", "ent"),
        C.Col("支持政策及优惠举措", "policy"),
        C.Col("成交额（万元）", "turn", "预估成效"),
        C.Col("客流（万人次）", "foot", "预估成效"),
    ]
    items: list[C.Act | C.Special] = []

    def sums(group: list[C.Act]) -> dict[str, object]:
        return {
            "ent": sum(a.ent or 0 for a in group if not a.held),
            "turn": sum(a.turn or 0 for a in group if not a.held),
        }

    county_acts = []
    for county in counties:
        group = [a for a in acts if a.counties[:1] == (county,)]
        if group:
            items.extend(group)
            items.append(C.Special(f"{county}小计", sums(group)))
            county_acts.extend(group)
    items.append(C.Special("县区合计", sums(county_acts)))
    city_acts = [a for a in acts if not a.counties]
    items.extend(city_acts)
    items.append(C.Special("市本级小计", sums(city_acts)))
    items.append(C.Special("总  计", sums(acts)))
    C.number_acts(items)
    grid, where = C.table(cols, items, top=C.official_top(city, when, with_unit=False))
    # Beside the table, two columns off: the clerk's notes and a count per category.
    beside = [
        ["填报说明"],
        ["1.成交额单位为万元，客流单位为万人次"],
        ["2.县区合计不含市本级活动"],
        [None],
        ["活动类别", "场次"],
    ]
    cats: dict[str, int] = {}
    for a in acts:
        cats[a.category] = cats.get(a.category, 0) + 1
    beside += [[k, v] for k, v in list(cats.items())[:4]]
    first = 3  # the upper header row (after the two title rows)
    for i, line in enumerate(beside):
        row = grid.rows[first - 1 + i]
        row.extend([None, None, *line])
    name = f"{city.name}重点活动名录.xlsx"
    exp = C.registry_file(name, acts, header_of(cols), where)
    body = body_of(ctx, "省商务厅：\n  现报送我市重点活动名录，县区和市本级分别小计。")
    ctx.send(
        when,
        reg_subject(ctx),
        body,
        [exp],
        [Attachment(name, xlsx_bytes([grid]))],
        client="outlook",
    )
    ctx.feature(
        "xlsx",
        "merged two-level header",
        "小计/合计/总计 at several levels",
        "notes and a second table beside the main table",
        "counts in words (三十五家, 约/超/逾/近/以上/+)",
        "约/超/左右 in a 万元 column",
        "ranges with ~ ～ — 至 到",
        "held: 见附表 in a count",
    )
    return "N02 registry: merged header, subtotals at levels, tables beside"


def n03_xlsb_several_ranges(ctx: C.Ctx) -> str:
    """An .xlsb (Excel's binary workbook): several ranges in one cell, 月初/月底, 至月底,
    上旬至中旬; amounts with 左右/约/以上/+/近/逾/超 and NBSP; #N/A in 参与企业数量."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    acts = make_acts2(
        ctx,
        rng.randint(6, 8),
        [5, 5, 6, 7, 8],
        when.date(),
        periods=("multi", "multi_cross", "chu_di", "yuedi", "xun_range", "xun"),
        counts=("int", "jia", "plus", "zuoyou"),
        money=("zuoyou", "yue_wan", "yishang", "yi_plus", "jin_wan", "yu_wan", "chao_yi", "nbsp"),
        county_styles=("plain", "dun", "short", "ascii_comma"),
    )
    bad = acts[rng.randrange(len(acts))]
    C.hold(bad, "ent", "#N/A", "参与企业数量单元格为公式错误值（#N/A）")
    bad.raw["ent"] = ExcelError("#N/A")
    grid, where = C.table(
        C.official_cols(),
        list(acts),
        top=[[C.REGISTRY_TITLE]],
        bottom=[[C.summary_sentence(acts)], [C.NOTE_ROW]],
        name="名录",
    )
    grid.merges = []  # an .xlsb keeps no merged title here
    name = f"{city.name}活动名录.xlsb"
    exp = C.registry_file(name, acts, official_header(), where)
    body = body_of(ctx, "您好，附件是我市活动名录（Excel二进制格式），请查收。")
    ctx.send(
        when,
        reg_subject(ctx),
        body,
        [exp],
        [
            Attachment(
                name, xlsb_bytes([grid]), "application/vnd.ms-excel.sheet.binary.macroEnabled.12"
            )
        ],
        client="outlook",
    )
    ctx.feature(
        ".xlsb",
        "several ranges in one cell",
        "月初/月底, 至月底, 上旬至中旬",
        "左右/约/以上/+/近/逾/超 amounts, NBSP",
        "held: #N/A in a count",
    )
    return "N03 registry: .xlsb, several ranges in a cell, #N/A"


def n04_encrypted_then_duplicate(ctx: C.Ctx) -> str:
    """A password-protected xlsx (rejected: encrypted), the same table without the password an
    hour later (accepted), and the next day the same file again (duplicate); 即日起至…
    starts on the day of the accepted mail; a county of another city holds its row."""
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(19, 22))).replace(hour=rng.randint(8, 11))
    acts = make_acts2(
        ctx,
        rng.randint(6, 8),
        [5, 5, 6, 7],
        when.date(),
        periods=("jiri", "zhi", "tilde", "iso", "compact"),
        counts=("int", "jia", "yu", "yue"),
        money=("yi", "qian_wan", "yishang", "zuoyou", "unknown"),
        county_styles=("plain", "prefixed", "dun"),
    )
    victim = acts[rng.randrange(1, len(acts))]
    victim.counties = (city.foreign,)
    C.hold(victim, "county", city.foreign, "参加县区不属于本市")
    for a in acts[:2]:
        C.pad_name(rng, a)
    grid, where = C.table(
        C.official_cols(),
        list(acts),
        top=C.official_top(city, when),
        bottom=[[C.summary_sentence(acts)], [C.NOTE_ROW]],
    )
    plain = xlsx_bytes([grid])
    name = f"{city.name}附件2活动名录.xlsx"
    locked = ExpectedFile_(name, "registry", (("rejected", "encrypted"),), "password-protected")
    subject = reg_subject(ctx)
    ctx.send(
        when,
        subject,
        body_of(ctx, "省厅：附件为我市活动名录，密码另行电话告知。"),
        [locked],
        [Attachment(name, encrypted_xlsx(plain, "123456", f"{ctx.seed}"))],
    )
    when2 = when + dt.timedelta(hours=rng.randint(1, 4), minutes=rng.randint(0, 59))
    exp = C.registry_file(name, acts, official_header(), where)
    ctx.send(
        when2,
        "重发：" + subject,
        body_of(ctx, "不好意思，上一封的附件设置了密码，现去掉密码重新发送。"),
        [exp],
        [Attachment(name, plain)],
    )
    when3 = when2 + dt.timedelta(days=1, hours=rng.randint(0, 3))
    dup = ExpectedFile_(name, "registry", (("duplicate", None),), "the same bytes again")
    ctx.send(
        when3,
        "重发：" + subject,
        body_of(ctx, "再发一遍，以防没有收到。"),
        [dup],
        [Attachment(name, plain)],
    )
    ctx.feature(
        "password-protected xlsx",
        "resend without password",
        "duplicate resend (same bytes)",
        "即日起至…",
        "NBSP/full-width spaces",
        "held: county of another city",
    )
    return "N04 registry: encrypted, resend, duplicate"


def ExpectedFile_(  # noqa: N802 - reads like the dataclass it builds
    name: str | None, form: str | None, outcomes: tuple[tuple[str, str | None], ...], note: str
) -> C.ExpectedFile:
    return C.ExpectedFile(name, form, outcomes, note=note)


def n05_html_body_forwarded(ctx: C.Ctx) -> str:
    """The city forwards (Foxmail, GB2312 subject 转发：) the table its office compiled, pasted
    into the HTML body with no attachment; 5.1-5.7, 劳动节/五一 words, NBSP and full-width
    spaces; #VALUE! pasted from Excel in a count."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    acts = make_acts2(
        ctx,
        rng.randint(5, 7),
        [5, 5, 6],
        when.date(),
        periods=("dot_md", "holiday", "tilde", "compact", "dot_md"),
        counts=("int", "jia", "fw", "yue"),
        money=("yue_wan", "yi", "zuoyou", "nbsp"),
        county_styles=("fw_space", "plain", "dun"),
    )
    for a in acts:
        a.raw["name"] = "\u3000" + a.name if rng.random() < 0.5 else a.name + "\xa0"
    bad = acts[rng.randrange(len(acts))]
    C.hold(bad, "ent", "#VALUE!", "参与企业数量单元格为公式错误值（#VALUE!）")
    grid, _ = C.table(C.official_cols(), list(acts), top=[[C.REGISTRY_TITLE]])
    inner_when = when - dt.timedelta(hours=rng.randint(2, 20))
    inner_subject = "消费促进月活动名录（汇总）"
    fwd = foxmail_forward_header(ctx, inner_when, inner_subject)
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><div>省厅：</div><div>&nbsp;&nbsp;转发我局汇总的活动名录，表格在下方，请查收。</div>"
        + "<div>"
        + fwd.replace("\n", "<br>")
        + "</div>"
        + html_table(grid)
        + "</body></html>"
    )
    text = "省厅：\n  转发我局汇总的活动名录，表格在下方，请查收。" + fwd
    for a in acts:
        text += "\t".join(str(a.raw[k]) for k in ("county", "name", "period", "ent", "turn")) + "\n"
    exp = C.registry_file(None, acts, official_header(), None)  # type: ignore[arg-type]
    subject = f"转发：{city.name}消费促进月活动名录"
    ctx.send(when, subject, text, [exp], client="foxmail", html=html)
    ctx.feature(
        "table in HTML body",
        "forwarded (转发：)",
        "GB2312 subject",
        "5.1-5.7, 劳动节/五一 words",
        "NBSP/full-width spaces",
        "held: #VALUE! pasted in a count",
    )
    return "N05 registry: forwarded, table in the HTML body"


def n06_correction_supersedes(ctx: C.Ctx) -> str:
    """An .xls registry with Excel date cells for one-day activities, then two days later a
    corrected .xlsx (one row's figures changed, one row added): the first is superseded."""
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(16, 20)))
    acts = make_acts2(
        ctx,
        rng.randint(5, 7),
        [5, 5, 6, 7],
        when.date(),
        periods=("compact_single", "zhi", "slash_single", "emdash"),
        counts=("thousands", "plus", "int", "jia"),
        money=("yi", "qian_wan", "yuan", "fw"),
        county_styles=("plain", "short", "comma"),
    )
    for a in acts:
        if a.start == a.end and rng.random() < 0.8:
            a.raw["period"] = dt.datetime.combine(a.start, dt.time())  # an Excel date cell
    cols = C.official_cols(seq=True)
    items: list[C.Act | C.Special] = list(acts)
    C.number_acts(items)
    grid, _ = C.table(cols, items, top=C.official_top(city, when), name="附件2")
    first_name = f"{city.name}附件2.xls"
    first = C.ExpectedFile(first_name, "registry", (("superseded", None),), note="corrected later")
    subject = reg_subject(ctx)
    ctx.send(
        when,
        subject,
        body_of(ctx, "省厅：附件为我市活动名录。"),
        [first],
        [Attachment(first_name, xls_bytes([grid]))],
    )
    # The correction: new figures for one activity, one activity added.
    changed = acts[rng.randrange(len(acts))]
    changed.ent = (changed.ent or 20) + 15
    changed.raw["ent"] = f"{changed.ent}家"
    changed.turn = float(rng.choice([1800, 2400, 3300]))
    changed.raw["turn"] = f"{int(changed.turn)}万元"
    more = make_acts2(
        ctx, 1, [6], when.date(), periods=("compact",), money=("yi",), county_styles=("plain",)
    )
    while more[0].name in {a.name for a in acts}:
        more = make_acts2(
            ctx, 1, [6], when.date(), periods=("compact",), money=("yi",), county_styles=("plain",)
        )
    acts2 = [*acts, *more]
    items = list(acts2)
    C.number_acts(items)
    when2 = when + dt.timedelta(days=2, hours=rng.randint(0, 5))
    grid2, where2 = C.table(cols, items, top=C.official_top(city, when2), name="附件2")
    grid2.date_format = "yyyy年m月d日"
    name2 = f"{city.name}附件2（更正版）.xlsx"
    exp = C.registry_file(name2, acts2, official_header(), where2)
    ctx.send(
        when2,
        "更正：" + subject,
        body_of(ctx, "省厅：我市活动名录有更正（调整一项、新增一项），以此版为准，前一版作废。"),
        [exp],
        [Attachment(name2, xlsx_bytes([grid2]))],
    )
    ctx.feature(
        "xls then corrected xlsx (supersedes)",
        "Excel date cells",
        "5千万元 / 亿元 / 元 in cells",
        "thousands separators, 100+",
    )
    return "N06 registry: .xls, corrected .xlsx supersedes"


# --- plan profiles -------------------------------------------------------------------------------


def plan_paragraphs(ctx: C.Ctx) -> list[str]:
    city = ctx.city
    return [
        f"{city.name}{C.NOTICE}工作方案",
        "一、指导思想",
        "以提振消费信心、释放消费潜力为主线，坚持政府搭台、企业参与、市场运作。",
        "二、活动时间",
        "2021年5月1日至12月31日，5月为全国消费促进月。",
        "三、重点活动",
        f"围绕汽车、家电、餐饮、夜经济、农村消费等领域，开展“{city.nick}消费季”系列活动。",
        "四、保障措施",
        "加强组织领导，落实疫情防控和安全生产责任，加大宣传力度。",
    ]


def person(ctx: C.Ctx, used: set[str]) -> tuple[str, str, str, str | None]:
    rng, city = ctx.rng, ctx.city
    name = rng.choice([n for n in (*C.NAMES, GBK_NAME, "李昇", "赵堃") if n not in used])
    used.add(name)
    office = f"{city.area_code}-{rng.randint(2000000, 8999999)}"
    mobile = f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    email = rng.choice([f"{city.area_code[1:]}sw{rng.randint(10, 99)}@163.com", None])
    return name, office, mobile, email


def n07_plan_workbook(ctx: C.Ctx) -> str:
    """One workbook: the 方案 as lines in a sheet, the 活动安排计划表, and a 联系人 sheet whose
    联系方式 cell holds the office line and the mobile together; sent by webmail."""
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(26, 30)))
    plan = Grid("工作方案", [[p] for p in plan_paragraphs(ctx)])
    schedule = C.plan_schedule(ctx)
    rows: list[list[object]] = [
        [f"{city.name}促消费活动联系人名单"],
        ["序号", "姓名", "单位及职务", "联系方式", "电子邮箱"],
    ]
    contacts = []
    used: set[str] = set()
    for i in range(1, rng.randint(2, 3) + 1):
        name, office, mobile, email = person(ctx, used)
        how = rng.choice(
            [f"{office}/{mobile}", f"座机：{office}\n手机：{mobile}", f"{mobile}（{office}）"]
        )
        rows.append([i, name, f"{city.name}商务局{rng.choice(C.TITLES)}", how, email or "/"])
        contacts.append(C.ExpectedContact(name, (office, mobile), email))
    people = Grid("联系人", rows, merges=[(1, 1, 1, 5)])
    fname = f"{city.name}工作方案、活动安排计划表及联系人名单.xlsx"
    exp = C.ExpectedFile(fname, "plan", ACCEPTED, contacts=tuple(contacts))
    subject = f"{city.name}消费促进月工作方案、活动安排计划表和联系人名单"
    body = body_of(
        ctx, "省厅：\n  工作方案、活动安排计划表和联系人名单在一个工作簿的三个表里，请查收。"
    )
    ctx.send(
        when,
        subject,
        body,
        [exp],
        [Attachment(fname, xlsx_bytes([plan, schedule, people]))],
        client="webmail",
    )
    ctx.feature("xlsx", "方案 as sheet lines", "office and mobile in one cell", "UTF-8 webmail")
    return "N07 plan: one workbook, contacts with phones in one cell"


def n08_plan_msg(ctx: C.Ctx) -> str:
    """The clerk forwards, as an attached Outlook .msg, the internal mail carrying the 方案
    (docx) and the 联系人名单 (xlsx with a title and a 填报单位 row); GBK subject."""
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(26, 30)))
    doc, _ = C.plan_docx(ctx, False)
    rows: list[list[object]] = [
        ["联系人名单"],
        [f"填报单位：{city.name}商务局"],
        ["序号", "姓名", "职务", "手机号码", "办公电话", "邮箱"],
    ]
    contacts = []
    used: set[str] = set()
    for i in range(1, rng.randint(2, 3) + 1):
        name, office, mobile, email = person(ctx, used)
        rows.append([i, name, rng.choice(C.TITLES), mobile, office, email or ""])
        contacts.append(C.ExpectedContact(name, (office, mobile), email))
    inner = [
        (f"{city.name}消费促进系列活动工作方案.docx", doc, compose.MIME["docx"]),
        (
            "联系人名单.xlsx",
            xlsx_bytes([Grid("Sheet1", rows, merges=[(1, 1, 1, 6)])]),
            compose.MIME["xlsx"],
        ),
    ]
    who = rng.choice(C.NAMES)
    addr = f"scyx{rng.randint(10, 99)}@mail.sx.example"
    sent = when - dt.timedelta(hours=rng.randint(2, 26))
    headers = (
        f"From: {who} <{addr}>\r\nTo: {C.senders(city.name)[0]}\r\nSubject: 工作方案和联系人\r\n"
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0800')}\r\n"
    )
    msg = msg_bytes(
        subject="工作方案和联系人",
        sender_name=who,
        sender_email=addr,
        to_email=C.senders(city.name)[0],
        body="科长：方案和联系人名单见附件，请审定后报省厅。\r\n",
        sent=sent.astimezone(dt.UTC),
        headers=headers,
        files=inner,
    )
    exp = [
        C.ExpectedFile(inner[0][0], "plan", ACCEPTED),
        C.ExpectedFile(inner[1][0], "plan", ACCEPTED, contacts=tuple(contacts)),
    ]
    subject = f"{city.name}工作方案及联系人名单（{GBK_NAME}转）"
    ctx.send(
        when,
        subject,
        body_of(ctx, "省厅：转发科里的邮件，方案和联系人名单在附件邮件里。"),
        exp,
        [Attachment("工作方案和联系人.msg", msg, compose.MIME["msg"])],
        client="outlook",
    )
    ctx.feature("attached Outlook .msg", "docx", "xlsx", "title and 填报单位 rows", "GBK subject")
    return "N08 plan: attached .msg with 方案 and 联系人"


def n09_plan_docx_prose(ctx: C.Ctx) -> str:
    """One Word file: the 方案 with the 活动安排 table inside and the contacts written as
    sentences at the end (联系人：…，电话：…，手机：…，邮箱：…)."""
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(25, 30)))
    acts = C.make_acts(rng, city, rng.randint(3, 5), [5, 6, 9], when.date(), C.clerk_for(rng, True))
    sched = Grid(
        "活动安排",
        [["序号", "活动名称", "时间", "地点", "承办单位"]]
        + [
            [i, a.name, a.raw["period"], a.raw["place"], f"{rng.choice(city.counties)}商务局"]
            for i, a in enumerate(acts, start=1)
        ],
    )
    paras = plan_paragraphs(ctx)
    blocks: list[Para | Grid] = [Para(paras[0], style="Heading 1", center=True)]
    blocks += [Para(p, style="Heading 2") if p[1] == "、" else Para(p) for p in paras[1:7]]
    blocks += [Para("附：活动安排计划表", bold=True), sched]
    blocks += [Para(p, style="Heading 2") if p[1] == "、" else Para(p) for p in paras[7:]]
    blocks.append(Para("五、联系方式", style="Heading 2"))
    contacts = []
    used: set[str] = set()
    for _ in range(rng.randint(1, 2)):
        name, office, mobile, email = person(ctx, used)
        line = f"联系人：{name}（{city.name}商务局{rng.choice(C.TITLES)}），电话：{office}，手机：{mobile}"
        line += f"，邮箱：{email}。" if email else "。"
        blocks.append(Para(line))
        contacts.append(C.ExpectedContact(name, (office, mobile), email))
    fname = f"{city.name}“礼享生活·晋情消费”活动方案.docx"
    exp = C.ExpectedFile(fname, "plan", ACCEPTED, contacts=tuple(contacts))
    ctx.send(
        when,
        f"{city.name}促消费活动方案（含活动安排及联系人）",
        body_of(ctx, "省厅：方案附后，活动安排和联系人都在方案里。"),
        [exp],
        [Attachment(fname, docx_bytes(blocks))],
        client="wps",
    )
    ctx.feature("docx", "schedule table inside the 方案", "contacts written as sentences")
    return "N09 plan: one Word file, contacts in sentences"


# --- results --------------------------------------------------------------------------------------


def registry_first2(
    ctx: C.Ctx, months: list[int], single: tuple[str, ...] | None = None
) -> tuple[list[C.Act], str, bytes]:
    """The city's registry, plain official xlsx, sent in April (the results refer to it)."""
    rng, city = ctx.rng, ctx.city
    when = april(ctx)
    acts = C.make_acts(rng, city, rng.randint(5, 7), months, when.date(), C.clerk_for(rng, True))
    if single is not None:
        for a in acts:
            if a.counties:
                a.counties = (rng.choice(single),)
                a.raw["county"] = a.counties[0]
    grid, where = C.table(
        C.official_cols(),
        list(acts),
        top=C.official_top(city, when),
        bottom=[[C.summary_sentence(acts)], [C.NOTE_ROW]],
    )
    name = f"附件2（{city.name}）.xlsx"
    data = xlsx_bytes([grid])
    exp = C.registry_file(name, acts, official_header(), where)
    ctx.send(
        when, f"{city.name}附件2活动名录", body_of(ctx, "请查收。"), [exp], [Attachment(name, data)]
    )
    return acts, name, data


RESULT_PERIODS = ("compact", "iso", "slash", "dot_md", "tilde", "zhi", "dao", "xun", "chu_di")


def make_results2(
    ctx: C.Ctx,
    reg: list[C.Act],
    months: list[int],
    periods: tuple[str, ...] = RESULT_PERIODS,
    counts: tuple[str, ...] = ("int", "jia"),
    mail_date: dt.date = dt.date(2021, 6, 1),
) -> list[C.Res]:
    """Results for most registry activities: the same name, the dates as actually held."""
    rng, city = ctx.rng, ctx.city
    next_period, next_count = cycle(rng, periods), cycle(rng, counts)
    chosen = [a for a in reg if a.start.month in months or a.end.month in months]
    if len(chosen) < 3:
        chosen = reg[:4]
    out: list[C.Res] = []
    for a in chosen:
        if rng.random() < 0.15 and len(out) >= 3:
            continue
        if a.name in C.NAME_HOLIDAY:
            start, end = a.start, a.end
            period: object = rng.choice(R.HOLIDAYS[C.NAME_HOLIDAY[a.name]][2])
        elif rng.random() < 0.35:
            start, end = a.start, a.end
            period = f"{start.month}月{start.day}日至{end.month}月{end.day}日"
        else:
            m = a.start.month if a.start.month in months else months[0]
            period, start, end = R2.period2(rng, next_period(), [m], mail_date)
        ent_raw, ent = R2.count2(rng, next_count(), rng.choice([10, 18, 35, 60, 120, 240]))
        turn = float(rng.choice([320, 560, 880, 1200, 1650, 2300, 3600, 5200, 12500]))
        foot = rng.choice([0.6, 1.5, 2.4, 3.2, 5.6, 8.0, 12.5])
        issued = redeemed = None
        if a.category == "发放政府电子消费券" or rng.random() < 0.35:
            issued = float(rng.choice([100, 200, 500, 1000]))
            redeemed = round(issued * rng.choice([0.6, 0.75, 0.85]), 2)
        res = C.Res(a.name, a, a.counties, start, end, ent, turn, foot, issued, redeemed)
        county_raw, _ = R.render_counties(rng, city.name, a.counties, rng.choice(["plain", "dun"]))
        res.raw = {
            "county": county_raw if a.counties else rng.choice(["全市", "市本级"]),
            "name": a.name,
            "period": period,
            "ent": ent_raw,
            "start": dt.datetime.combine(start, dt.time()),
            "end": dt.datetime.combine(end, dt.time()),
            "remark": rng.choice(["", "", "线上线下同步", "含线上销售"]),
        }
        out.append(res)
    return out


def results_setup(
    ctx: C.Ctx,
    may: bool,
    periods: tuple[str, ...] = RESULT_PERIODS,
    counts: tuple[str, ...] = ("int", "jia"),
    single: tuple[str, ...] | None = None,
) -> tuple[list[C.Res], dt.datetime, str, bytes]:
    rng = ctx.rng
    reg, name, data = registry_first2(ctx, [5, 5, 6] if may else [5, 6, 9, 10, 12], single)
    day = dt.date(2021, 5, rng.randint(28, 31)) if may else dt.date(2021, 12, rng.randint(20, 29))
    when = C.at(rng, day)
    months = [5] if may else [5, 6, 7, 8, 9, 10, 11, 12]
    res = make_results2(ctx, reg, months, periods, counts, when.date())
    ctx.feature("results_may" if may else "results_year")
    return res, when, name, data


def res_subject(ctx: C.Ctx, may: bool) -> str:
    city = ctx.city
    what = "消费促进月活动开展情况及成效" if may else "2021年全年消费促进工作总结"
    return ctx.rng.choice(
        [f"{city.name}{what}", f"报送{city.name}{what}", f"【{city.name[:-1]}】{what}"]
    )


def yi_cell(wan: float | None) -> object:
    return round(wan / 10000, 4) if wan else "/"


def n10_may_own_yi_renci(ctx: C.Ctx) -> str:
    """The city's own results layout: no county column, 开始日期|结束日期 as Excel dates,
    成交额（亿元）, 客流（人次）, 消费券（万元）→ 发放|核销 under a merged header, 合计 and a note
    below; #VALUE! in 客流."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(ctx, True, counts=("zuoyou", "yue", "int"))
    C.no_county(res)
    for r in res:
        r.raw["turn"] = yi_cell(r.turn)
        r.raw["foot"] = int(round((r.foot or 0) * 10000))
        r.raw["v_issued"] = r.v_issued if r.v_issued is not None else "/"
        r.raw["v_redeemed"] = r.v_redeemed if r.v_redeemed is not None else "/"
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "foot", "#VALUE!", "客流单元格为公式错误值（#VALUE!）")  # type: ignore[arg-type]
    bad.raw["foot"] = ExcelError("#VALUE!")
    cols = [
        C.Col("序号", "seq"),
        C.Col("活动名称", "name"),
        C.Col("开始日期", "start"),
        C.Col("结束日期", "end"),
        C.Col("参与商户（户）", "ent"),
        C.Col("成交额（亿元）", "turn"),
        C.Col("客流（人次）", "foot"),
        C.Col("发放", "v_issued", "消费券（万元）"),
        C.Col("核销", "v_redeemed", "消费券（万元）"),
        C.Col("备注", "remark"),
    ]
    C.seq(res)
    total = C.Special("合计", {"turn": round(sum(r.turn or 0 for r in res) / 10000, 4)})
    grid, where = C.table(
        cols,
        [*res, total],
        top=[[f"{city.name}2021年消费促进月活动成效统计表"]],
        bottom=[[None], ["说明：成交额为活动期间参与商户销售额合计，客流为重点商圈监测数据。"]],
        name="成效",
    )
    grid.date_format = "yyyy年m月d日"
    name = f"{city.name}5月消费促进月成效统计.xlsx"
    exp = C.results_file(name, "results_may", res, header_of(cols), where)
    body = body_of(ctx, "省厅：\n  我市消费促进月活动成效统计表见附件。")
    ctx.send(when, res_subject(ctx, True), body, [exp], [Attachment(name, xlsx_bytes([grid]))])
    ctx.feature(
        "own layout, no county column",
        "Excel date cells (开始|结束)",
        "亿元 and 人次 columns",
        "消费券 → 发放|核销 merged header",
        "合计 row, note below",
        "held: #VALUE! in footfall",
    )
    return "N10 results_may: own layout 亿元/人次, merged voucher header"


def n11_may_registry_as_results(ctx: C.Ctx) -> str:
    """On June 1 the clerk attaches the April registry again (the same file) for the results,
    then sends the results: a 汇总 sheet first, then 明细 with 千元 / 人次 / 元 columns and a
    hidden column; digits-only dates and 5.1-5.7; a county of another city."""
    rng, city = ctx.rng, ctx.city
    res, when, reg_name, reg_data = results_setup(
        ctx, True, periods=("compact", "dot_md", "compact_single", "slash", "compact_zhi")
    )
    when = when.replace(hour=9)
    wrong = C.ExpectedFile(
        reg_name,
        "registry",
        (("duplicate", None), ("rejected", "wrong_template")),
        note="the April registry again, byte for byte, not the results",
    )
    subject = res_subject(ctx, True)
    ctx.send(when, subject, body_of(ctx, "省厅：附件为我市5月活动成效，请查收。"), [wrong],
             [Attachment(reg_name, reg_data)])  # fmt: skip
    for r in res:
        r.raw["turn"] = int(round((r.turn or 0) * 10))
        r.raw["foot"] = int(round((r.foot or 0) * 10000))
        r.raw["v_issued"] = int(r.v_issued * 10000) if r.v_issued is not None else "/"
        r.raw["v_redeemed"] = int(round(r.v_redeemed * 10000)) if r.v_redeemed is not None else "/"
        r.raw["last"] = rng.choice([900, 1500, 4200])
    victim = res[rng.randrange(len(res))]
    C.hold(victim, "county", city.foreign, "参加县区不属于本市")  # type: ignore[arg-type]
    victim.raw["county"] = city.foreign
    cols = [
        C.Col("县区", "county"),
        C.Col("活动名称", "name"),
        C.Col("活动时间", "period"),
        C.Col("参与企业（家）", "ent"),
        C.Col("成交额（千元）", "turn"),
        C.Col("去年同期（千元）", "last"),
        C.Col("客流量（人次）", "foot"),
        C.Col("消费券发放（元）", "v_issued"),
        C.Col("消费券核销（元）", "v_redeemed"),
    ]
    detail, where = C.table(cols, list(res), top=[[f"{city.name}消费促进月活动明细"]], name="明细")
    per: dict[str, list[C.Res]] = {}
    for r in res:
        per.setdefault(str(r.raw["county"]), []).append(r)
    summary = Grid(
        "汇总",
        [
            [f"{city.name}消费促进月活动成效汇总"],
            ["县区", "活动场次", "成交额（千元）", "客流量（人次）"],
        ]
        + [
            [
                k,
                len(v),
                sum(int(x.raw["turn"]) for x in v),
                sum(int(x.raw["foot"]) for x in v if not x.held),
            ]  # type: ignore[call-overload]
            for k, v in per.items()
        ],
        merges=[(1, 1, 1, 4)],
    )
    name = f"{city.name}5月活动成效（汇总+明细）.xlsx"
    exp = C.results_file(name, "results_may", res, header_of(cols), where)
    data = xlsx_hidden([summary, detail], hidden_cols={"明细": (6,)})
    ctx.send(
        when + dt.timedelta(hours=rng.randint(1, 6)),
        "更正附件：" + subject,
        body_of(ctx, "上午附件发错了（发成了4月的名录），现发送成效表，以此为准。"),
        [exp],
        [Attachment(name, data)],
    )
    ctx.feature(
        "registry sent as the results (same bytes)",
        "汇总 sheet before the detail sheet",
        "千元/人次/元 columns",
        "hidden column",
        "digits-only dates, 5.1-5.7",
        "held: county of another city",
    )
    return "N11 results_may: registry resent, then 汇总 + 明细 in 千元"


def n12_may_docx_units(ctx: C.Ctx) -> str:
    """A Word summary whose table cells carry their units (1.2亿元, 5千万元, 约800万, 3.5万人次,
    35000人次, 85000元); several ranges in a cell, 上旬, 月初至月底, 五一 words; a table of
    top firms below; 4月31日 in one row."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, True, periods=("multi", "xun", "chu_di", "holiday", "zhi"), counts=("cn", "jia", "yue")
    )
    styles = cycle(rng, ("yi", "qian_wan", "yue_wan", "zuoyou", "yishang", "thousands"))
    for r in res:
        style = styles()
        r.turn = R2.pick_wan2(rng, style)
        r.raw["turn"], _ = R2.money2(rng, style, r.turn)
        f = r.foot or 1.0
        r.raw["foot"] = rng.choice(
            [f"{f:g}万人次", f"{int(round(f * 10000))}人次", f"约{f:g}万人次"]
        )
        r.raw["v_issued"] = f"{r.v_issued:g}万元" if r.v_issued is not None else "/"
        r.raw["v_redeemed"] = (
            f"{int(round(r.v_redeemed * 10000))}元" if r.v_redeemed is not None else "无"
        )
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "period", f"4月31日-5月{rng.randint(4, 9)}日", "举办时间不存在（4月31日）")  # type: ignore[arg-type]
    cols = [
        C.Col("县区", "county"),
        C.Col("活动名称", "name"),
        C.Col("活动时间", "period"),
        C.Col("参与企业", "ent"),
        C.Col("实现销售额", "turn"),
        C.Col("带动客流", "foot"),
        C.Col("发放消费券", "v_issued"),
        C.Col("核销消费券", "v_redeemed"),
    ]
    grid, _ = C.table(cols, [*res, C.Special("合计", {"turn": "—"})])
    firms = Grid(
        "企业",
        [["重点企业名称", "5月销售额（万元）"]]
        + [
            [f"{city.nick}{s}", rng.choice([320, 680, 1250])]
            for s in ("百货大楼", "国美电器", "万达广场")
        ],
    )
    blocks: list[Para | Grid] = [
        Para(f"{city.name}2021年全国消费促进月活动总结", style="Heading 1", center=True),
        Para(f"    消费促进月期间，我市共开展重点促消费活动{len(res)}场，市场活跃度明显提升。"),
        Para("一、活动开展情况", style="Heading 2"),
        grid,
        Para("二、重点企业销售情况", style="Heading 2"),
        firms,
        Para("三、下一步工作", style="Heading 2"),
        Para("    持续开展“礼享生活·晋情消费”系列活动。"),
    ]
    name = f"{city.name}消费促进月活动总结.docx"
    exp = C.results_file(name, "results_may", res, header_of(cols), None)
    ctx.send(when, res_subject(ctx, True), body_of(ctx, "省厅：总结见附件。"), [exp],
             [Attachment(name, docx_bytes(blocks))])  # fmt: skip
    ctx.feature(
        "docx",
        "units in cells (亿元, 千万元, 万元, 元, 万人次, 人次)",
        "several ranges in a cell, 上旬, 月初至月底, 五一 words",
        "second table (top firms) below",
        "held: impossible date (4月31日)",
    )
    return "N12 results_may: Word summary, units in cells"


def n13_may_html_forward(ctx: C.Ctx) -> str:
    """Outlook forward (FW:, GBK subject) of the results table pasted in the HTML body: the
    template's columns, full-width digits, NBSP and full-width spaces; #N/A in 核销."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(ctx, True, counts=("fw", "jia", "int"))
    for r in res:
        r.raw["turn"] = R.fullwidth(str(int(r.turn or 0))) if rng.random() < 0.5 else f"{r.turn:g}"
        r.raw["foot"] = f"{r.foot:g}\xa0"
        r.raw["v_issued"] = r.v_issued if r.v_issued is not None else "/"
        r.raw["v_redeemed"] = r.v_redeemed if r.v_redeemed is not None else "—"
        r.raw["name"] = r.name + rng.choice(["\xa0", "\u3000", ""])
        if len(r.counties) > 1:
            r.raw["county"] = "\u3000".join(r.counties)
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "v_redeemed", "#N/A", "核销消费券单元格为公式错误值（#N/A）")  # type: ignore[arg-type]
    grid, _ = C.table(C.TEMPLATE_COLS, list(res), top=[[f"{city.name}消费促进月活动成效"]])
    inner = when - dt.timedelta(hours=rng.randint(1, 8))
    fwd = outlook_forward_header(ctx, inner, "5月份活动成效")
    html = (
        "<html><body><p>省厅：转发我市5月份活动成效，表格在下面。</p>"
        + "<p>"
        + fwd.replace("\n", "<br>")
        + "</p>"
        + html_table(grid)
        + "</body></html>"
    )
    text = (
        "省厅：转发我市5月份活动成效，表格在下面。"
        + fwd
        + "\n".join("\t".join(str(r.raw.get(c.key, "")) for c in C.TEMPLATE_COLS) for r in res)
    )
    exp = C.results_file(None, "results_may", res, header_of(C.TEMPLATE_COLS), None)
    subject = f"FW: {city.name}5月份活动成效（{GBK_NAME}）"
    ctx.send(when, subject, text, [exp], client="outlook", html=html)
    ctx.feature(
        "table in HTML body",
        "forwarded (FW:)",
        "GBK subject",
        "full-width digits, NBSP/full-width spaces",
        "held: #N/A in vouchers",
    )
    return "N13 results_may: forwarded table in the HTML body"


def n14_may_encrypted_then_xlsb(ctx: C.Ctx) -> str:
    """A password-protected xlsx, then the table saved as .xlsb without the password: the
    template's columns in the city's own workbook; slashed and ISO dates; #REF! in 成交额."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, True, periods=("slash", "iso", "iso_single", "compact", "slash_single")
    )
    for r in res:
        C.res_money(r, "wan", rng)
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "turn", "#REF!", "实际成交额单元格为公式错误值（#REF!）")  # type: ignore[arg-type]
    bad.raw["turn"] = ExcelError("#REF!")
    grid, where = C.table(
        C.TEMPLATE_COLS,
        list(res),
        top=[["2021年全国消费促进月（5月）活动成效统计表"], [f"填报单位：{city.name}商务局"]],
        name="活动成效",
    )
    grid.merges = []
    name = f"{city.name}5月成效.xlsx"
    locked = ExpectedFile_(name, "results_may", (("rejected", "encrypted"),), "password-protected")
    subject = res_subject(ctx, True)
    plain = xlsx_bytes([grid])
    ctx.send(when, subject, body_of(ctx, "省厅：成效表见附件（已加密）。"), [locked],
             [Attachment(name, encrypted_xlsx(plain, "sx2021", f"{ctx.seed}"))])  # fmt: skip
    bname = f"{city.name}5月成效.xlsb"
    exp = C.results_file(bname, "results_may", res, header_of(C.TEMPLATE_COLS), where)
    ctx.send(
        when + dt.timedelta(minutes=rng.randint(20, 90)),
        "重发：" + subject,
        body_of(ctx, "省厅：上一封附件有密码打不开，已去掉密码另存为xlsb，请查收。"),
        [exp],
        [
            Attachment(
                bname, xlsb_bytes([grid]), "application/vnd.ms-excel.sheet.binary.macroEnabled.12"
            )
        ],
    )
    ctx.feature(
        "password-protected xlsx",
        ".xlsb resend",
        "slashed / ISO / digits-only dates",
        "held: #REF! in turnover",
    )
    return "N14 results_may: encrypted, then .xlsb"


def n15_year_sheets_per_county(ctx: C.Ctx) -> str:
    """The blank project template first (rejected: no rows), then a workbook with one sheet per
    county and a 市本级 sheet (no county column; the sheet names it), 小计 rows, a 元旦 row in
    no registry, holiday names; 见附表 in 销售额."""
    rng, city = ctx.rng, ctx.city
    counties = tuple(rng.sample(city.counties, 3))
    res, when, _, _ = results_setup(
        ctx, False, periods=("holiday", "holiday", "compact", "zhi", "chu_di"), single=counties
    )
    blank, _ = C.template_book(ctx, "results_year", [], marker=True, figures=True)
    blank_name = f"jx2021_results_year_template_{city.name}.xlsx"
    ctx.send(
        when,
        res_subject(ctx, False),
        body_of(ctx, "省厅：全年总结表见附件。"),
        [C.ExpectedFile(blank_name, "results_year", (("rejected", "validation_failed"),), note="the blank template")],
        [Attachment(blank_name, xlsx_bytes(blank))],
    )  # fmt: skip
    hs, he, words = R2.HOLIDAYS2["元旦"]
    home = rng.choice(counties)
    extra = C.Res(f"{city.nick}元旦迎新消费季", None, (home,), hs, he, 25, 760.0, 3.2, None, None)
    extra.raw = {"name": extra.name, "period": rng.choice(words), "ent": "25家", "remark": "名录外"}
    res.append(extra)
    for r in res:
        r.raw["turn"] = r.turn
        r.raw["foot"] = r.foot
        r.v_issued = r.v_redeemed = None
    bad = rng.choice(res[:-1])
    C.hold(bad, "turn", "见附表", "销售额不是数字（“见附表”）")  # type: ignore[arg-type]
    cols = [
        C.Col("序号", "seq"),
        C.Col("活动名称", "name"),
        C.Col("举办时间", "period"),
        C.Col("参与企业（家）", "ent"),
        C.Col("销售额（万元）", "turn"),
        C.Col("客流（万人次）", "foot"),
        C.Col("备注", "remark"),
    ]
    grids: list[Grid] = []
    where_all: dict[str, int] = {}
    for sheet in [*counties, "市本级"]:
        group = [r for r in res if (r.counties[:1] or ("市本级",))[0] == sheet]
        if not group:
            continue
        C.seq(group)
        sub = C.Special("小计", {"turn": sum(r.turn or 0 for r in group if not r.held)})
        grid, where = C.table(
            cols, [*group, sub], top=[[f"{sheet}2021年促消费活动开展情况"]], name=sheet
        )
        where_all.update(where)
        grids.append(grid)
    grids.append(
        Grid(
            "全市合计",
            [
                ["全市合计"],
                ["活动场次", len(res)],
                ["销售额（万元）", sum(r.turn or 0 for r in res if not r.held)],
            ],
        )
    )
    name = f"{city.name}2021年促消费活动全年总结表（分县区）.xlsx"
    exp = C.results_file(name, "results_year", res, header_of(cols), where_all, vouchers=False)
    ctx.send(
        when + dt.timedelta(hours=rng.randint(1, 3)),
        "重新报送：" + res_subject(ctx, False),
        body_of(ctx, "前一封发成空白模板了，现报送分县区的全年总结表。"),
        [exp],
        [Attachment(name, xlsx_bytes(grids))],
    )
    ctx.feature(
        "empty template first",
        "a sheet per county (no county column)",
        "小计 rows",
        "元旦 2021 (unlinked row)",
        "holiday names (端午, 中秋, 国庆)",
        "held: 见附表 in turnover",
    )
    return "N15 results_year: blank template, then a sheet per county"


def n16_year_tnef_merged(ctx: C.Ctx) -> str:
    """Outlook rich text: winmail.dat holding an xlsx with 销售额（亿元）, 消费券（千元）→
    发放|核销 under a merged header, 合计 and 总计 rows and notes below; 超/逾/+ counts;
    a county of another city."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, False, periods=("tilde", "slash", "dot_md", "holiday", "compact"), counts=("chao", "yu2", "plus", "int")
    )  # fmt: skip
    for r in res:
        r.raw["turn"] = yi_cell(r.turn)
        r.raw["foot"] = r.foot
        r.raw["v_issued"] = int(r.v_issued * 10) if r.v_issued is not None else "/"
        r.raw["v_redeemed"] = r.v_redeemed * 10 if r.v_redeemed is not None else "/"
    victim = res[rng.randrange(len(res))]
    C.hold(victim, "county", city.foreign, "参加县区不属于本市")  # type: ignore[arg-type]
    victim.raw["county"] = city.foreign
    cols = [
        C.Col("序号", "seq"),
        C.Col("县（市、区）", "county"),
        C.Col("活动名称", "name"),
        C.Col("活动时间", "period"),
        C.Col("参与企业", "ent"),
        C.Col("销售额（亿元）", "turn"),
        C.Col("客流（万人次）", "foot"),
        C.Col("发放", "v_issued", "消费券（千元）"),
        C.Col("核销", "v_redeemed", "消费券（千元）"),
        C.Col("备注", "remark"),
    ]
    C.seq(res)
    total = round(sum(r.turn or 0 for r in res if not r.held) / 10000, 4)
    grid, where = C.table(
        cols,
        [*res, C.Special("合计", {"turn": total}), C.Special("总计", {"turn": total})],
        top=[[f"{city.name}2021年促消费活动全年成效统计"]],
        bottom=[[None], ["备注：1.销售额含线上销售；2.消费券金额单位为千元。"], ["3.县区数据由各县区商务局提供。"]],
    )  # fmt: skip
    name = f"{city.name}全年成效统计表.xlsx"
    exp = C.results_file(name, "results_year", res, header_of(cols), where)
    data = tnef_bytes(res_subject(ctx, False), [(name, xlsx_bytes([grid]))])
    ctx.send(when, res_subject(ctx, False), body_of(ctx, "省厅：全年成效统计表见附件。"), [exp],
             [Attachment("winmail.dat", data, "application/ms-tnef")], client="outlook")  # fmt: skip
    ctx.feature(
        "TNEF winmail.dat",
        "亿元 and 千元 columns",
        "消费券 → 发放|核销 merged header",
        "合计 and 总计 rows, notes below",
        "超/逾/+ counts",
        "held: county of another city",
    )
    return "N16 results_year: winmail.dat, 亿元/千元, merged header"


def n17_year_msg_xls_yuan(ctx: C.Ctx) -> str:
    """The clerk forwards the county office's mail as an attached .msg; inside, an .xls whose
    headers name no unit and whose row under the title says `单位：元、人次`: 销售额 written with
    thousands separators, 客流量 in 人次, only 核销 (in 元); #VALUE! in 销售额."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, False, periods=("iso", "slash", "compact_zhi", "dao", "holiday")
    )
    for r in res:
        r.raw["turn"] = f"{int((r.turn or 0) * 10000):,}"
        r.raw["foot"] = int(round((r.foot or 0) * 10000))
        r.v_issued = None
        r.raw["v_redeemed"] = int(round(r.v_redeemed * 10000)) if r.v_redeemed is not None else "/"
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "turn", "#VALUE!", "销售额单元格为公式错误值（#VALUE!）")  # type: ignore[arg-type]
    bad.raw["turn"] = ExcelError("#VALUE!")
    cols = [
        C.Col("县区", "county"),
        C.Col("项目名称", "name"),
        C.Col("举办时间", "period"),
        C.Col("参与企业数", "ent"),
        C.Col("销售额", "turn"),
        C.Col("客流量", "foot"),
        C.Col("消费券核销", "v_redeemed"),
        C.Col("备注", "remark"),
    ]
    grid, where = C.table(
        cols,
        list(res),
        top=[
            [f"{city.name}2021年促消费活动成效"],
            [f"填报单位：{city.name}商务局", *([None] * 5), "单位：元、人次"],
        ],
        name="成效",
    )
    inner_name = f"{city.name}2021年活动成效（终稿）.xls"
    who = rng.choice(C.NAMES)
    addr = f"sck{rng.randint(10, 99)}@mail.sx.example"
    sent = when - dt.timedelta(hours=rng.randint(3, 40))
    headers = (
        f"From: {who} <{addr}>\r\nTo: {C.senders(city.name)[0]}\r\nSubject: 全年成效终稿\r\n"
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0800')}\r\n"
    )
    msg = msg_bytes(
        subject="全年成效终稿",
        sender_name=who,
        sender_email=addr,
        to_email=C.senders(city.name)[0],
        body="全年成效终稿见附件。\r\n",
        sent=sent.astimezone(dt.UTC),
        headers=headers,
        files=[(inner_name, xls_bytes([grid]), compose.MIME["xls"])],
    )
    exp = C.results_file(inner_name, "results_year", res, header_of(cols), where)
    ctx.send(when, "转发：" + res_subject(ctx, False), body_of(ctx, "转发终稿邮件，表在附件邮件里。"),
             [exp], [Attachment("全年成效终稿.msg", msg, compose.MIME["msg"])], client="outlook")  # fmt: skip
    ctx.feature(
        "attached Outlook .msg",
        "xls",
        "units in a row above the header (单位：元、人次)",
        "元 with thousands separators, 人次",
        "only 核销 (no 发放 column)",
        "held: #VALUE! in turnover",
    )
    return "N17 results_year: .msg with .xls, 单位：元、人次 row"


def n18_year_correction(ctx: C.Ctx) -> str:
    """The template's columns in the city's workbook, then three days later a correction (one
    row's turnover changed, one row added) that supersedes it; digits-only and holiday dates."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, False, periods=("compact", "compact_single", "holiday", "compact_zhi")
    )
    when = when.replace(day=min(when.day, 26))
    for r in res:
        C.res_money(r, "wan", rng)
    first_rows = res[:-1]
    grid, _ = C.table(
        C.TEMPLATE_COLS, list(first_rows), top=[[f"{city.name}全年活动成效统计表"]], name="成效"
    )
    first_name = f"{city.name}全年成效.xlsx"
    subject = res_subject(ctx, False)
    ctx.send(when, subject, body_of(ctx, "省厅：全年成效表见附件。"),
             [C.ExpectedFile(first_name, "results_year", (("superseded", None),), note="corrected")],
             [Attachment(first_name, xlsx_bytes([grid]))])  # fmt: skip
    changed = res[0]
    changed.turn = (changed.turn or 0) + 1000
    changed.raw["turn"] = changed.turn
    grid2, where2 = C.table(
        C.TEMPLATE_COLS, list(res), top=[[f"{city.name}全年活动成效统计表（更正）"]], name="成效"
    )
    name2 = f"{city.name}全年成效（更正）.xlsx"
    exp = C.results_file(name2, "results_year", res, header_of(C.TEMPLATE_COLS), where2)
    ctx.send(
        when + dt.timedelta(days=3, hours=rng.randint(0, 4)),
        "更正：" + subject,
        body_of(ctx, "省厅：全年成效表有更正（修改一项成交额、补报一项活动），以此为准。"),
        [exp],
        [Attachment(name2, xlsx_bytes([grid2]))],
    )
    ctx.feature("later correction supersedes", "digits-only dates", "holiday names")
    return "N18 results_year: correction supersedes"


def n19_year_docx_tables(ctx: C.Ctx) -> str:
    """A Word year summary with three tables: the activities (Chinese numerals, 约/左右),
    a per-county summary and a list of firms; 合计 row; 11月31日 in one row."""
    rng, city = ctx.rng, ctx.city
    res, when, _, _ = results_setup(
        ctx, False, periods=("zhi", "emdash", "holiday", "xun", "multi"), counts=("cn", "fw_yu", "yue", "zuoyou")
    )  # fmt: skip
    for r in res:
        r.raw["turn"] = R2.number2(
            rng, rng.choice(["num", "yue", "zuoyou", "thousands"]), r.turn or 0
        )
        r.raw["foot"] = R2.number2(rng, rng.choice(["num", "yue"]), r.foot or 0)
        r.v_issued = r.v_redeemed = None
    bad = res[rng.randrange(len(res))]
    C.hold(bad, "period", "11月31日-12月5日", "举办时间不存在（11月31日）")  # type: ignore[arg-type]
    cols = [
        C.Col("县区", "county"),
        C.Col("活动名称", "name"),
        C.Col("举办时间", "period"),
        C.Col("参与企业", "ent"),
        C.Col("销售额（万元）", "turn"),
        C.Col("客流（万人次）", "foot"),
        C.Col("备注", "remark"),
    ]
    grid, _ = C.table(cols, [*res, C.Special("合计", {"turn": sum(r.turn or 0 for r in res)})])
    per: dict[str, list[C.Res]] = {}
    for r in res:
        for c in r.counties or ("市本级",):
            per.setdefault(c, []).append(r)
    summary = Grid(
        "汇总",
        [["县区", "活动场次", "销售额（万元）"]]
        + [[k, len(v), sum(x.turn or 0 for x in v)] for k, v in per.items()],
    )
    firms = Grid(
        "企业",
        [["序号", "企业名称", "所在县区"]]
        + [[i, f"{city.nick}{s}", rng.choice(city.counties)] for i, s in enumerate(("华联商厦", "美特好超市", "苏宁易购"), 1)],
    )  # fmt: skip
    blocks: list[Para | Grid] = [
        Para(f"{city.name}2021年全年消费促进工作情况总结", style="Heading 1", center=True),
        Para(f"    2021年，我市共组织重点促消费活动{R.cn_int(len(res))}场。"),
        Para("一、重点活动开展情况", style="Heading 2"),
        grid,
        Para("二、各县区活动情况", style="Heading 2"),
        summary,
        Para("三、参与重点企业", style="Heading 2"),
        firms,
        Para("四、明年工作打算", style="Heading 2"),
        Para("    继续办好“礼享生活·晋情消费”系列活动。"),
    ]
    name = f"{city.name}2021年消费促进工作总结.docx"
    exp = C.results_file(name, "results_year", res, header_of(cols), None, vouchers=False)
    ctx.send(when, res_subject(ctx, False), body_of(ctx, "省厅：全年工作总结见附件。"), [exp],
             [Attachment(name, docx_bytes(blocks))], client="wps")  # fmt: skip
    ctx.feature(
        "docx",
        "three tables (activities, per-county summary, firms)",
        "Chinese numerals, 约/左右",
        "合计 row",
        "held: impossible date (11月31日)",
    )
    return "N19 results_year: Word summary, three tables"


PROFILES2: tuple[tuple[str, Callable[[C.Ctx], str]], ...] = (
    ("registry", n00_compact_dates_money_words),
    ("registry", n01_sheet_per_county),
    ("registry", n02_merged_subtotals_beside),
    ("registry", n03_xlsb_several_ranges),
    ("registry", n04_encrypted_then_duplicate),
    ("registry", n05_html_body_forwarded),
    ("registry", n06_correction_supersedes),
    ("plan", n07_plan_workbook),
    ("plan", n08_plan_msg),
    ("plan", n09_plan_docx_prose),
    ("results_may", n10_may_own_yi_renci),
    ("results_may", n11_may_registry_as_results),
    ("results_may", n12_may_docx_units),
    ("results_may", n13_may_html_forward),
    ("results_may", n14_may_encrypted_then_xlsb),
    ("results_year", n15_year_sheets_per_county),
    ("results_year", n16_year_tnef_merged),
    ("results_year", n17_year_msg_xls_yuan),
    ("results_year", n18_year_correction),
    ("results_year", n19_year_docx_tables),
)


def build_case2(seed: int) -> C.Case:
    form, profile = PROFILES2[(seed - 200) // 2]
    rng = random.Random(f"unseen2-{seed}")
    ctx = C.Ctx(seed=seed, rng=rng, city=city_for2(seed), features=[])
    R.USED.clear()
    label = profile(ctx)
    wordings = tuple(sorted(set(R.USED)))
    return C.Case(seed, ctx.city.name, form, label, tuple(ctx.features), tuple(ctx.mails), wordings)


def features_table(seeds: tuple[int, ...] = SEEDS2) -> str:
    lines = [
        "| seed | set | city | form | profile | mails | features | cell wordings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in seeds:
        c = build_case2(s)
        lines.append(
            f"| {s} | {'new-dev' if s % 2 == 0 else 'new-held'} | {c.city} | {c.form} | "
            f"{c.profile} | {len(c.mails)} | {', '.join(c.features)} | {C._wordings(c.wordings)} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--table"]:
        print(features_table())
        return 0
    if argv[:1] == ["--write"] and len(argv) >= 2:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for s in [int(x) for x in argv[2:]] or list(NEW_DEV_SEEDS):
            for i, mail in enumerate(build_case2(s).mails):
                (out / f"seed{s}_{i}.eml").write_bytes(mail.raw)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
