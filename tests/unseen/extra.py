"""Extra unseen cases (seeds 100..107): table ends and forms told apart, written for issue 11
items 1 and 2 before the readers were changed for them.

Four profiles, two seeds each: the even seed is a dev case, the odd one is held back (scored
only at the end, `score.py --seeds extra-held`).

- X0 registry: activities grouped under county heading rows with `XX区小计` rows, a `合 计`
  row, then at once (no blank row, no title) a per-county summary table with its own header.
- X1 registry: the table, a blank gap, then a second table of a different profile (the list
  of participating firms: 企业名称 / 所在县区 / 联系人 / 联系电话).
- X2 results_may: the city's own words (活动项目 / 开展时间 / 实现交易额（千元）/ 带动客流
  （人次）/ 核销消费券（元）), no county column, subject and file name say 5月 but not 成效;
  a blank gap and a small table of top merchants below.
- X3 results_year: own layout with 销售额（亿元）, 客流（万人次）, `XX县小计` rows; sent in
  December with a subject that names neither 全年 nor 总结 (the date decides).
"""

from __future__ import annotations

import datetime as dt

import cases as C
import render as R
from compose import Attachment
from writers import xls_bytes, xlsx_bytes

EXTRA_SEEDS: tuple[int, ...] = tuple(range(100, 108))
EXTRA_DEV_SEEDS: tuple[int, ...] = tuple(s for s in EXTRA_SEEDS if s % 2 == 0)
EXTRA_HELD_SEEDS: tuple[int, ...] = tuple(s for s in EXTRA_SEEDS if s % 2 == 1)
EXTRA_FORMS = ("registry", "registry", "results_may", "results_year")


def extra_form(seed: int) -> str:
    return EXTRA_FORMS[(seed - 100) // 2]


def _registry_subject(ctx: C.Ctx) -> str:
    city = ctx.city
    return ctx.rng.choice(
        [f"{city.name}消费促进月重点活动名录", f"{city.name}商务局报送促消费活动名录"]
    )


def _one_county_acts(ctx: C.Ctx, when: dt.datetime) -> list[C.Act]:
    rng, city = ctx.rng, ctx.city
    acts = C.make_acts(
        rng, city, rng.randint(6, 9), [5, 5, 6, 9, 10], when.date(), C.clerk_for(rng, True),
        money_mode="wan",
    )  # fmt: skip
    for a in acts:
        if len(a.counties) != 1:
            a.counties = (rng.choice(city.counties[:4]),)
        a.raw["county"] = a.counties[0]
    return sorted(acts, key=lambda a: city.counties.index(a.counties[0]))


def x0_registry_summary_no_gap(ctx: C.Ctx) -> str:
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(19, 23)))
    acts = _one_county_acts(ctx, when)
    cols = C.official_cols(seq=True)
    items: list[C.Act | C.Special] = []
    by_county: dict[str, list[C.Act]] = {}
    for a in acts:
        by_county.setdefault(a.counties[0], []).append(a)
    headings = "一二三四五六七八九"
    for k, (county, group) in enumerate(by_county.items()):
        items.append(C.Special(f"{headings[k]}、{county}", span=True))
        items.extend(group)
        items.append(
            C.Special(
                rng.choice([f"{county}小计", "小  计", f"小计（{len(group)}项）"]),
                {"ent": sum(a.ent or 0 for a in group), "turn": sum(a.turn or 0 for a in group)},
            )
        )
    items.append(
        C.Special(
            rng.choice(["合 计", "总计", "全市合计"]),
            {"ent": sum(a.ent or 0 for a in acts), "turn": sum(a.turn or 0 for a in acts)},
        )
    )
    C.number_acts(items)
    summary: list[list[object]] = [
        [None, "县区", "活动数量（场）", "参与企业（家）", "预估成交额（万元）"]
    ]
    for county, group in by_county.items():
        summary.append(
            [
                None,
                county,
                len(group),
                sum(a.ent or 0 for a in group),
                sum(a.turn or 0 for a in group),
            ]
        )
    grid, where = C.table(
        cols, items, top=C.official_top(city, when), bottom=summary, name="活动名录"
    )
    name = f"{city.name}消费促进月活动名录.xlsx"
    exp = C.registry_file(
        name, acts, dict(zip([c.key for c in C.official_cols()], C.OFFICIAL)), where
    )
    body = "请查收我市活动名录，附各县区汇总。" + C.signature(ctx)
    ctx.send(when, _registry_subject(ctx), body, [exp], [Attachment(name, xlsx_bytes([grid]))])
    ctx.feature(
        "xlsx", "county heading rows", "XX区小计 rows", "summary table right below (no gap)"
    )
    return "X0 registry, subtotals, summary table with no gap"


def x1_registry_firm_list(ctx: C.Ctx) -> str:
    rng, city = ctx.rng, ctx.city
    when = C.at(rng, dt.date(2021, 4, rng.randint(19, 23)))
    acts = C.make_acts(
        rng, city, rng.randint(5, 8), [5, 5, 6, 9], when.date(), C.clerk_for(rng, True)
    )
    cols = C.official_cols()
    firms: list[list[object]] = [
        [None],
        [None],
        ["序号", "企业名称", "所在县区", "联系人", "联系电话"],
    ]
    shops = ("百货大楼", "华联超市", "美特好超市", "苏宁易购", "国美电器", "万达广场", "王府井")
    for k, shop in enumerate(rng.sample(shops, rng.randint(3, 5)), start=1):
        firms.append(
            [
                k,
                f"{city.nick}{shop}",
                rng.choice(city.counties),
                rng.choice(C.NAMES),
                f"13{rng.randint(100000000, 999999999)}",
            ]
        )
    grid, where = C.table(cols, list(acts), top=C.official_top(city, when), bottom=firms)
    xls = rng.random() < 0.5
    name = f"附件2{city.name}活动名录.{'xls' if xls else 'xlsx'}"
    exp = C.registry_file(name, acts, dict(zip([c.key for c in cols], C.OFFICIAL)), where)
    data = xls_bytes([grid]) if xls else xlsx_bytes([grid])
    body = "附件为我市活动名录及参与企业名单。" + C.signature(ctx)
    ctx.send(when, _registry_subject(ctx), body, [exp], [Attachment(name, data)])
    ctx.feature("xls" if xls else "xlsx", "second table below a gap (participating firms)")
    return "X1 registry, firm list below a gap"


def _results_setup(ctx: C.Ctx, may: bool) -> tuple[list[C.Res], dt.datetime]:
    rng, city = ctx.rng, ctx.city
    months = [5] if may else [5, 6, 7, 8, 9, 10, 11, 12]
    reg = C.registry_first(ctx, [5, 5, 6] if may else [5, 6, 9, 10, 12])
    day = dt.date(2021, 6, rng.randint(1, 4)) if may else dt.date(2021, 12, rng.randint(20, 30))
    when = C.at(rng, day)
    res = C.make_results(rng, city, reg, months, when.date(), C.clerk_for(rng, True))
    return res, when


def x2_results_may_own_words(ctx: C.Ctx) -> str:
    rng, city = ctx.rng, ctx.city
    res, when = _results_setup(ctx, may=True)
    C.no_county(res)
    cols = [
        C.Col("序号", "seq"),
        C.Col("活动项目", "name"),
        C.Col("开展时间", "period"),
        C.Col("参与商家（家）", "ent"),
        C.Col("实现交易额（千元）", "turn"),
        C.Col("带动客流（人次）", "foot"),
        C.Col("核销消费券（元）", "v_redeemed"),
    ]
    for r in res:
        r.raw["turn"] = int(round((r.turn or 0) * 10)) if r.turn else "/"
        r.raw["foot"] = int(round((r.foot or 0) * 10000))
        r.v_issued = None
        r.raw["v_redeemed"] = int(round(r.v_redeemed * 10000)) if r.v_redeemed else "/"
    C.seq(res)
    total = C.Special("合计", {"turn": sum(int(round((r.turn or 0) * 10)) for r in res)})
    merchants: list[list[object]] = [[None], ["重点商户销售情况"], ["商户名称", "销售额（万元）"]]
    for shop in rng.sample(("百货大楼", "华联超市", "苏宁易购", "万达广场", "王府井"), 3):
        merchants.append([f"{city.nick}{shop}", rng.choice([120, 260, 380, 560])])
    grid, where = C.table(
        cols, [*res, total], top=[[f"{city.name}5月份促消费活动开展情况统计"]], bottom=merchants
    )
    name = f"{city.name}5月份活动开展情况.xlsx"
    exp = C.results_file(name, "results_may", res, {c.key: c.header for c in cols}, where)
    subject = f"{city.name}5月份促消费活动开展情况"
    body = "省厅：\n  附件为我市5月份各项促消费活动开展情况，请查收。" + C.signature(ctx)
    ctx.send(when, subject, body, [exp], [Attachment(name, xlsx_bytes([grid]))])
    ctx.feature(
        "results_may",
        "own words, no 成效",
        "千元/人次/元 columns",
        "no county",
        "table below a gap",
    )
    # The 核销 figure goes to voucher_redeemed only; nothing was issued in this table.
    return "X2 results_may own words, no county"


def x3_results_year_by_date(ctx: C.Ctx) -> str:
    city = ctx.city
    res, when = _results_setup(ctx, may=False)
    res = sorted(res, key=lambda r: city.counties.index(r.counties[0]) if r.counties else 99)
    cols = [
        C.Col("县（市、区）", "county"),
        C.Col("活动名称", "name"),
        C.Col("实际开展时间", "period"),
        C.Col("参与企业（家）", "ent"),
        C.Col("销售额（亿元）", "turn"),
        C.Col("客流（万人次）", "foot"),
        C.Col("备注", "remark"),
    ]
    items: list[C.Res | C.Special] = []
    group: list[C.Res] = []
    for k, r in enumerate(res):
        r.raw["turn"] = round((r.turn or 0) / 10000, 4) if r.turn else "/"
        r.raw["foot"] = r.foot
        r.v_issued = r.v_redeemed = None
        items.append(r)
        group.append(r)
        last = k + 1 == len(res) or res[k + 1].counties[:1] != r.counties[:1]
        if last and r.counties:
            items.append(
                C.Special(
                    f"{r.counties[0]}小计",
                    {"turn": round(sum((g.turn or 0) for g in group) / 10000, 4)},
                )
            )
            group = []
        elif last:
            group = []
    grid, where = C.table(
        cols, items, top=[[f"{city.name}2021年促消费活动开展情况统计表"]], name="统计表"
    )
    name = f"{city.name}促消费活动开展情况统计表.xlsx"
    exp = C.results_file(
        name, "results_year", res, {c.key: c.header for c in cols}, where, vouchers=False
    )
    subject = f"{city.name}2021年促消费活动开展情况"
    body = "省商务厅：\n  现将我市今年以来促消费活动开展情况报上。" + C.signature(ctx)
    ctx.send(when, subject, body, [exp], [Attachment(name, xlsx_bytes([grid]))])
    ctx.feature("results_year", "亿元 column", "XX县小计 rows", "no 全年/总结 word (date decides)")
    return "X3 results_year own layout, dated December"


PROFILES = (
    x0_registry_summary_no_gap,
    x1_registry_firm_list,
    x2_results_may_own_words,
    x3_results_year_by_date,
)


def build_extra(ctx: C.Ctx) -> str:
    R.USED.clear()
    return PROFILES[(ctx.seed - 100) // 2](ctx)
