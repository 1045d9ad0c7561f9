"""The unseen corpus: seeded submissions written the way city-bureau clerks write them.

`build_case(seed)` returns one Case: the emails in the order they reach the province's
mailbox, and for each file the reading a careful human clerk would make (outcome, form,
normalised rows per CONTRACT §2, rows to hold with the cell that holds them).

Seeds pick the form (seed % 4) and a structural profile ((seed // 4) % 6); the values, the
wording of every cell and the city come from random.Random(seed). HELD_SEEDS (seed % 5 in
{1, 3}) are scored only at the end; DEV_SEEDS are the rest.

    python tests/unseen/cases.py --table        # the features of every case (README table)
    python tests/unseen/cases.py --write DIR    # the .eml files, for a look by hand
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compose  # noqa: E402
import render as R  # noqa: E402
from compose import TZ, Attachment, Draft  # noqa: E402
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

REPO = HERE.parents[1]
FORMS = ("registry", "plan", "results_may", "results_year")
ALL_SEEDS: tuple[int, ...] = tuple(range(48))
HELD_SEEDS: tuple[int, ...] = tuple(s for s in ALL_SEEDS if s % 5 in (1, 3))
DEV_SEEDS: tuple[int, ...] = tuple(s for s in ALL_SEEDS if s % 5 not in (1, 3))

NOTICE = "2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动"
REGISTRY_TITLE = "山西省2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录"
OFFICIAL = (
    "参加县区",
    "重点活动名称",
    "举办时间",
    "活动内容（简要概述）",
    "参与企业数量",
    "支持政策及优惠举措",
    "预估成效（成交额等）",
)
RESULTS_HEADER = (
    "参加县区",
    "重点活动名称",
    "实际举办时间",
    "参与企业数量（家）",
    "实际成交额（万元）",
    "客流量（万人次）",
    "发放消费券（万元）",
    "核销消费券（万元）",
    "备注",
)


# --- what a case expects ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedRow:
    """One normalised row as the warehouse views must show it (None = unknown, NULL)."""

    activity_name: str
    county_names: str  # canonical names joined by 、 (order free), or 全市
    start_date: str | None
    end_date: str | None
    enterprise_count: int | None
    est_turnover_wan: float | None = None
    actual_turnover_wan: float | None = None
    footfall_wan: float | None = None
    voucher_issued_wan: float | None = None
    voucher_redeemed_wan: float | None = None
    registry_activity: str | None = None  # results: the registry activity it belongs to


@dataclass(frozen=True)
class ExpectedContact:
    name: str
    phones: tuple[str, ...]  # any of these numbers may be the one kept
    email: str | None = None


@dataclass(frozen=True)
class HeldRow:
    """A row a bad cell must hold back (the rest of the file goes in)."""

    activity_name: str
    column: str  # the header the city wrote over the bad cell
    raw_value: str
    excel_row: int | None  # None where the file has no Excel rows (Word, HTML)
    problem: str  # why, in words, for the report


@dataclass(frozen=True)
class ExpectedFile:
    filename: str | None  # None: the table is in the message body
    form: str | None
    outcomes: tuple[tuple[str, str | None], ...]  # acceptable (outcome, reason_class)
    rows: tuple[ExpectedRow, ...] = ()
    contacts: tuple[ExpectedContact, ...] = ()
    held: tuple[HeldRow, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Mail:
    raw: bytes
    arrival: int  # Unix seconds of delivery (the Maildir file name's leading number)
    message_id: str
    city: str
    files: tuple[ExpectedFile, ...]


@dataclass(frozen=True)
class Case:
    seed: int
    city: str
    form: str
    profile: str
    features: tuple[str, ...]
    mails: tuple[Mail, ...]
    wordings: tuple[str, ...] = ()  # the cell wordings drawn (date:, count:, money:, county:)


ACCEPTED = (("accepted", None),)
NOT_LOADED = (("ignored", None), ("absent", None))


# --- the cities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str
    nick: str
    area_code: str
    counties: tuple[str, ...]  # a realistic handful, canonical names
    foreign: str  # a county of another city that a clerk might paste in by mistake


CITIES = (
    City(
        "太原市",
        "龙城",
        "0351",
        ("小店区", "迎泽区", "杏花岭区", "万柏林区", "晋源区", "清徐县", "古交市"),
        "榆次区",
    ),
    City(
        "大同市",
        "古都大同",
        "0352",
        ("平城区", "云冈区", "云州区", "阳高县", "灵丘县", "浑源县"),
        "朔城区",
    ),
    City("阳泉市", "阳泉", "0353", ("城区", "矿区", "郊区", "平定县", "盂县"), "寿阳县"),
    City(
        "长治市",
        "上党",
        "0355",
        ("潞州区", "上党区", "屯留区", "潞城区", "襄垣县", "长子县", "沁县"),
        "泽州县",
    ),
    City(
        "晋城市",
        "凤城",
        "0356",
        ("城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县"),
        "潞州区",
    ),
    City("朔州市", "朔州", "0349", ("朔城区", "平鲁区", "山阴县", "应县", "怀仁市"), "平城区"),
    City(
        "晋中市",
        "晋商故里",
        "0354",
        ("榆次区", "太谷区", "祁县", "平遥县", "介休市", "灵石县"),
        "小店区",
    ),
    City(
        "运城市",
        "河东",
        "0359",
        ("盐湖区", "永济市", "河津市", "临猗县", "芮城县", "闻喜县"),
        "尧都区",
    ),
    City(
        "忻州市",
        "忻州",
        "0350",
        ("忻府区", "原平市", "定襄县", "五台县", "代县", "河曲县"),
        "离石区",
    ),
    City(
        "临汾市",
        "平阳",
        "0357",
        ("尧都区", "侯马市", "霍州市", "洪洞县", "襄汾县", "曲沃县"),
        "盐湖区",
    ),
    City(
        "吕梁市",
        "吕梁",
        "0358",
        ("离石区", "孝义市", "汾阳市", "文水县", "交城县", "柳林县"),
        "忻府区",
    ),
)


def senders(city: str) -> list[str]:
    """The city's registered addresses, from the worktree's default registry."""
    with open(REPO / "config" / "senders.csv", encoding="utf-8") as fh:
        return [r["email"] for r in csv.DictReader(fh) if r["city_name"] == city]


# --- activities ------------------------------------------------------------------------------

THEMES: dict[str, tuple[str, ...]] = {
    "发放政府电子消费券": (
        "“惠享{n}”电子消费券发放",
        "{c}第二轮政府电子消费券",
        "“乐购{n}”消费券惠民行动",
    ),
    "汽车、成品油促消费": (
        "{n}春季汽车博览会",
        "汽车下乡惠民行",
        "“加油{n}”成品油促销月",
        "{n}国际车展",
    ),
    "家电家具家装": ("家电家具以旧换新节", "绿色智能家电惠民季", "家居建材团购节"),
    "餐饮消费": ("{n}面食文化节", "“千品万店美食荟”{n}站", "特色火锅美食节"),
    "网络消费": ("“双品网购节”{n}专场", "直播带货节", "“云上{n}”电商直播大赛"),
    "老字号": ("老字号嘉年华", "三晋老字号品牌展销周"),
    "夜经济": ("{n}夜经济消费季", "“夜{n}”不夜城美食夜市", "啤酒音乐节"),
    "节假日消费": (
        "五一购物狂欢节",
        "端午民俗消费节",
        "中秋国庆双节促销",
        "618年中大促",
        "国庆黄金周购物节",
    ),
    "城市商圈": ("步行街消费节", "商圈购物季", "{n}商圈“品质生活”购物月"),
    "农村消费": ("汽车家电下乡", "品牌商品巡回大集", "电商进农村产销对接会"),
}
# Names that fix their own dates: the holiday decides the period whatever the clerk writes.
NAME_HOLIDAY = {
    "五一购物狂欢节": "五一",
    "端午民俗消费节": "端午",
    "中秋国庆双节促销": "中秋国庆",
    "国庆黄金周购物节": "国庆",
}
NAME_MONTHS = {"618年中大促": [6]}

CONTENT = (
    "组织辖区重点商贸企业开展让利促销，线上线下同步进行",
    "设置展销区、美食区和互动体验区，邀请本地企业参展",
    "联合银联、美团等平台发放优惠券，开展满减活动",
    "举办开幕式、直播带货、抽奖等系列活动",
    "组织企业进社区、进乡村开展惠民展销",
)
POLICY = (
    "满200减30，部分商品低至五折",
    "以旧换新补贴最高2000元/台",
    "发放电子消费券，免费停车",
    "分期免息，购车送加油卡",
    "/",
    "参展企业免收展位费",
)
PLACES = ("柳巷步行街", "万达广场", "会展中心", "人民广场", "各大商超", "体育馆广场")
NAMES = (
    "王丽",
    "李强",
    "张敏",
    "赵建国",
    "刘芳",
    "陈晓东",
    "杨帆",
    "郝文斌",
    "武晓燕",
    "任志刚",
    "闫丽娟",
    "郭鹏",
    "贾玉梅",
    "薛飞",
)
TITLES = ("科长", "副科长", "科员", "副局长", "四级主任科员")


@dataclass
class Act:
    """One activity as truth (normalised) plus the raw cells the clerk wrote for it."""

    name: str
    category: str
    counties: tuple[str, ...]  # empty = city-wide
    start: dt.date
    end: dt.date
    ent: int | None
    turn: float | None
    raw: dict[str, object] = field(default_factory=dict)
    held: tuple[str, str, str] | None = None  # (column key, raw, problem) when a cell is bad

    def expected_registry(self) -> ExpectedRow:
        return ExpectedRow(
            activity_name=self.name,
            county_names="、".join(self.counties) or "全市",
            start_date=self.start.isoformat(),
            end_date=self.end.isoformat(),
            enterprise_count=self.ent,
            est_turnover_wan=self.turn,
        )


@dataclass
class Clerk:
    """One clerk's habits: the wordings they reach for (each cell still picks among them)."""

    periods: tuple[str, ...]
    counts: tuple[str, ...]
    money: tuple[str, ...]
    county: tuple[str, ...]
    citywide: float


def clerk_for(rng: random.Random, mild: bool = False) -> Clerk:
    if mild:
        return Clerk(
            periods=("md", "ymd_zhi", "month", "holiday"),
            counts=("int", "jia"),
            money=("wan", "yi"),
            county=("plain", "dun"),
            citywide=0.2,
        )
    return Clerk(
        periods=tuple(rng.sample(R.PERIOD_STYLES, 8)),
        counts=tuple(rng.sample(R.COUNT_STYLES, 6)),
        money=tuple(rng.sample(R.MONEY_TEXT_STYLES, 7)),
        county=tuple(
            rng.sample(
                [
                    "plain",
                    "short",
                    "prefixed",
                    "dun",
                    "comma",
                    "ascii_comma",
                    "fw_space",
                    "newline",
                    "slash",
                    "quanshi",
                    "shibenji",
                    "fanwei",
                ],
                5,
            )
        ),
        citywide=rng.choice([0.1, 0.2, 0.3]),
    )


def make_acts(
    rng: random.Random,
    city: City,
    n: int,
    months: list[int],
    mail_date: dt.date,
    clerk: Clerk,
    money_mode: str = "text",  # text | wan | yi
    force_styles: dict[str, str] | None = None,
) -> list[Act]:
    """n activities of the city with their raw cells; forced styles are used once each."""
    force = dict(force_styles or {})
    acts: list[Act] = []
    seen: set[str] = set()
    cats = list(THEMES)
    while len(acts) < n:
        cat = rng.choice(cats)
        theme = rng.choice(THEMES[cat])
        name = theme.format(n=city.nick, c=city.name)
        prefix = rng.choice(["", "", "2021年", "第三届", "第二届", f"{city.nick}"])
        if prefix and not name.startswith(("“", city.nick, city.name)):
            name = prefix + name
        if name in seen:
            continue
        hol = NAME_HOLIDAY.get(theme)
        act_months = NAME_MONTHS.get(theme, months)
        if hol and R.HOLIDAYS[hol][0].month not in months:
            continue
        seen.add(name)
        # dates
        style = force.pop("period", None) or rng.choice(clerk.periods)
        if hol:
            style = rng.choice(["holiday", "holiday", "md"]) if style != "holiday" else style
        if hol and style == "md":
            hs, he, _ = R.HOLIDAYS[hol]
            period, start, end = f"{hs.month}月{hs.day}日-{he.month}月{he.day}日", hs, he
        else:
            period, start, end = R.make_period(rng, style, act_months, mail_date, hol)
        # counties
        if rng.random() < clerk.citywide and "county" not in force:
            counties: tuple[str, ...] = ()
        else:
            k = rng.choice([1, 1, 1, 2, 2, 3])
            counties = tuple(rng.sample(city.counties, k))
        cstyle = force.pop("county", None) or rng.choice(clerk.county)
        if cstyle in ("quanshi", "shibenji", "fanwei"):
            counties = ()
        county_raw, _ = R.render_counties(rng, city.name, counties, cstyle)
        # enterprises
        n_ent = rng.choice([8, 12, 15, 20, 30, 35, 50, 60, 80, 100, 120, 150, 200, 320])
        ent_raw, ent = R.render_count(
            rng, force.pop("count", None) or rng.choice(clerk.counts), n_ent
        )
        # turnover
        mstyle = force.pop("money", None) or rng.choice(clerk.money)
        if money_mode == "text":
            wan = R.pick_wan(rng, mstyle)
            turn_raw, turn = R.render_money_text(rng, mstyle, wan)
        elif money_mode == "yi":
            wan = R.pick_wan(rng, "yi")
            turn_raw, turn = (round(wan / 10000, 4), wan) if mstyle != "unknown" else ("/", None)
        else:
            wan = R.pick_wan(rng, "wan")
            nstyle = rng.choice(["num", "num", "str", "thousands", "fw", "nbsp"])
            if wan < 1000 and nstyle == "thousands":
                nstyle = "num"
            turn_raw, turn = (
                (R.render_money_number(rng, nstyle, wan), wan)
                if mstyle != "unknown"
                else (rng.choice(["/", "—", "不详"]), None)
            )
        act = Act(
            name=name, category=cat, counties=counties, start=start, end=end, ent=ent, turn=turn
        )
        act.raw = {
            "county": county_raw,
            "name": name,
            "period": period,
            "content": rng.choice(CONTENT),
            "ent": ent_raw,
            "policy": rng.choice(POLICY),
            "turn": turn_raw,
            "place": rng.choice(PLACES),
            "contact": f"{rng.choice(NAMES)} {city.area_code}-{rng.randint(2000000, 8999999)}",
            "category": cat,
            "start": start,
            "end": end,
        }
        acts.append(act)
    return acts


def pad_name(rng: random.Random, act: Act) -> None:
    """Indentation and stray spaces a reader must strip: full-width spaces, NBSP."""
    act.raw["name"] = (
        rng.choice(["\u3000\u3000", " ", ""]) + act.name + rng.choice(["\xa0", " ", "\u3000"])
    )


def hold(act: Act, key: str, raw: str, problem: str) -> None:
    act.raw[key] = raw
    act.held = (key, raw, problem)


# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    header: str
    key: str
    group: str | None = None  # the merged upper header cell over several columns


@dataclass
class Special:
    """A row that is not an activity: section heading, 小计, 合计."""

    label: str
    values: dict[str, object] = field(default_factory=dict)
    span: bool = False  # heading across the whole table


def table(
    cols: list[Col],
    items: list[Act | Special],
    top: list[list[object]] | None = None,
    bottom: list[list[object]] | None = None,
    merge_county: bool = False,
    name: str = "Sheet1",
    label_key: str = "name",
) -> tuple[Grid, dict[str, int]]:
    """A sheet: title rows, the (one- or two-level) header, the rows, the rows below."""
    ncols = len(cols)
    rows: list[list[object]] = []
    merges: list[tuple[int, int, int, int]] = []
    for line in top or []:
        rows.append(list(line) + [None] * (ncols - len(line)))
        if len([v for v in line if v is not None]) == 1 and ncols > 1:
            merges.append((len(rows), 1, len(rows), ncols))
    two_level = any(c.group for c in cols)
    if two_level:
        upper = [c.group or c.header for c in cols]
        lower = [c.header if c.group else None for c in cols]
        rows.append(upper)
        rows.append(lower)
        r1 = len(rows) - 1
        c = 0
        while c < ncols:
            col = cols[c]
            if col.group:
                end = c
                while end + 1 < ncols and cols[end + 1].group == col.group:
                    end += 1
                merges.append((r1, c + 1, r1, end + 1))
                for k in range(c + 1, end + 1):
                    rows[r1 - 1][k] = None
                c = end + 1
            else:
                merges.append((r1, c + 1, r1 + 1, c + 1))
                c += 1
    else:
        rows.append([c.header for c in cols])
    where: dict[str, int] = {}
    keys = [c.key for c in cols]
    label_col = keys.index(label_key) if label_key in keys else 0
    for item in items:
        if isinstance(item, Special):
            line = [item.values.get(k) for k in keys]
            if item.span:
                line = [item.label] + [None] * (ncols - 1)
                rows.append(line)
                merges.append((len(rows), 1, len(rows), ncols))
                continue
            first = 0 if keys[0] in ("seq", "county") else label_col
            line[first] = item.label
            rows.append(line)
            continue
        rows.append([item.raw.get(k) for k in keys])
        where[item.name] = len(rows)
    if merge_county and "county" in keys:
        ci = keys.index("county")
        r = 0
        while r < len(rows):
            value = rows[r][ci]
            end = r
            if value and any(rows[r][i] is not None for i in range(ncols) if i != ci):
                while (
                    end + 1 < len(rows)
                    and rows[end + 1][ci] == value
                    and any(rows[end][i] for i in range(ncols) if i != ci)
                    and (end + 1) in [where[n] - 1 for n in where]
                ):
                    end += 1
            if end > r:
                merges.append((r + 1, ci + 1, end + 1, ci + 1))
                for k in range(r + 1, end + 1):
                    rows[k][ci] = None
            r = end + 1
    for line in bottom or []:
        rows.append(list(line) + [None] * (ncols - len(line)))
        if len([v for v in line if v is not None]) == 1 and ncols > 1:
            merges.append((len(rows), 1, len(rows), ncols))
    widths = {
        i + 1: (28 if c.key in ("name", "content", "policy", "turn") else 14)
        for i, c in enumerate(cols)
    }
    return Grid(name=name, rows=rows, merges=merges, widths=widths), where


def summary_sentence(acts: list[Act], off: bool = False) -> str:
    counties = {c for a in acts for c in a.counties}
    ents = sum(a.ent or 0 for a in acts)
    yi = sum(a.turn or 0 for a in acts) / 10000
    n = len(acts) + (1 if off else 0)
    return (
        f"参加2021年全国消费促进月活动的县区（市）{len(counties)}个，重点活动{n}场，"
        f"参与企业{ents}家，预估成交{yi:.2f}亿元。"
    )


NOTE_ROW = "注：此表由各市商务局填写，请于2021年4月23日前报送。如表格相应空间不够，可自行添加行数。"


def group_by_county(acts: list[Act]) -> list[Act]:
    return sorted(
        acts,
        key=lambda a: (a.raw["county"] in ("全市", "市本级", "全市范围"), str(a.raw["county"])),
    )


# --- mails -----------------------------------------------------------------------------------


@dataclass
class Ctx:
    seed: int
    rng: random.Random
    city: City
    features: list[str]
    mails: list[Mail] = field(default_factory=list)
    n: int = 0

    def feature(self, *names: str) -> None:
        for name in names:
            if name not in self.features:
                self.features.append(name)

    def send(
        self,
        when: dt.datetime,
        subject: str,
        body: str,
        files: list[ExpectedFile],
        attachments: list[Attachment] | None = None,
        client: str | None = None,
        html: str | None = None,
        inline: list[Attachment] | None = None,
        sender: str | None = None,
    ) -> Mail:
        self.n += 1
        addresses = senders(self.city.name)
        address = sender or addresses[0]
        client = client or self.rng.choice(["foxmail", "outlook", "webmail", "wps"])
        person = self.rng.choice(NAMES)
        display = self.rng.choice(
            [f"{self.city.name}商务局", person, f"{self.city.name}商务局 {person}"]
        )
        mid_domain = address.split("@", 1)[1]
        message_id = f"unseen{self.seed:02d}.{self.n}.{when:%Y%m%d%H%M%S}@{mid_domain}"
        draft = Draft(
            sender=address,
            sender_name=display,
            subject=subject,
            body=body,
            when=when,
            message_id=message_id,
            client=client,
            html=html,
            attachments=attachments or [],
            inline=inline or [],
            boundary_seed=f"{self.seed:03d}_{self.n:02d}_{self.rng.randint(0, 16**8):08X}",
        )
        mail = Mail(
            raw=compose.render(draft),
            arrival=int(when.timestamp()),
            message_id=message_id,
            city=self.city.name,
            files=tuple(files),
        )
        self.mails.append(mail)
        return mail


def at(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(8, 17),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=TZ,
    )


def signature(ctx: Ctx) -> str:
    person = ctx.rng.choice(NAMES)
    return (
        f"\n\n{ctx.city.name}商务局市场运行科\n联系人：{person}\n"
        f"电话：{ctx.city.area_code}-{ctx.rng.randint(2000000, 8999999)}\n"
    )


def registry_file(
    name: str,
    acts: list[Act],
    held_header: dict[str, str],
    where: dict[str, int] | None,
    outcomes: tuple[tuple[str, str | None], ...] = ACCEPTED,
    form: str = "registry",
) -> ExpectedFile:
    rows, held = [], []
    for act in acts:
        if act.held:
            key, raw, problem = act.held
            held.append(
                HeldRow(
                    act.name, held_header[key], raw, where.get(act.name) if where else None, problem
                )
            )
        else:
            rows.append(act.expected_registry())
    return ExpectedFile(name, form, outcomes, rows=tuple(rows), held=tuple(held))


# --- registry profiles -------------------------------------------------------------------------


def official_cols(seq: bool = False) -> list[Col]:
    keys = ("county", "name", "period", "content", "ent", "policy", "turn")
    cols = [Col(h, k) for h, k in zip(OFFICIAL, keys)]
    return ([Col("序号", "seq")] if seq else []) + cols


def number_acts(items: list[Act | Special]) -> None:
    n = 0
    for item in items:
        if isinstance(item, Act):
            n += 1
            item.raw["seq"] = n


def official_top(city: City, when: dt.datetime, with_unit: bool = True) -> list[list[object]]:
    top: list[list[object]] = [["附件2"], [REGISTRY_TITLE]]
    if with_unit:
        top.append(
            [
                f"填报单位：{city.name}商务局（盖章）",
                None,
                None,
                None,
                None,
                f"填报日期：{when.year}年{when.month}月{when.day}日",
            ]
        )
    return top


def reg_official_xlsx(
    ctx: Ctx, when: dt.datetime, n: int, mild: bool = False, foreign: bool = False
) -> tuple[str, bytes, ExpectedFile, list[Act]]:
    """附件2 as sent out, filled in Excel: title rows, 序号 added, sentence and note below."""
    rng, city = ctx.rng, ctx.city
    acts = make_acts(rng, city, n, [5, 5, 5, 6, 7, 9, 10], when.date(), clerk_for(rng, mild))
    if foreign:
        victim = acts[rng.randrange(len(acts))]
        victim.counties = (city.foreign,)
        hold(victim, "county", city.foreign, "参加县区不属于本市")
        ctx.feature("held: county of another city")
    if not mild:
        pad_name(rng, acts[0])
        ctx.feature("NBSP/full-width spaces")
    items: list[Act | Special] = list(acts)
    number_acts(items)
    grid, where = table(
        official_cols(seq=True),
        items,
        top=official_top(city, when),
        bottom=[[summary_sentence(acts)], [NOTE_ROW]],
        name=rng.choice(["Sheet1", "附件2", "活动名录"]),
    )
    filename = rng.choice(
        [
            f"附件2：{city.name}2021年消费促进月活动名录.xlsx",
            f"{city.name}附件2.xlsx",
            "附件2.山西省2021年全国消费促进月活动名录.xlsx",
        ]
    )
    ctx.feature("xlsx", "official template", "title/note rows", "summary sentence")
    header = dict(zip([c.key for c in official_cols()], OFFICIAL))
    return filename, xlsx_bytes([grid]), registry_file(filename, acts, header, where), acts


def reg_docx(
    ctx: Ctx, when: dt.datetime, n: int, mild: bool = False
) -> tuple[str, bytes, ExpectedFile, list[Act]]:
    """The notice's Word table filled in Word: counties merged down, sentence paragraph."""
    rng, city = ctx.rng, ctx.city
    clerk = clerk_for(rng, mild)
    force = {} if mild else {"period": "holiday", "count": "cn", "money": "yi"}
    acts = group_by_county(
        make_acts(rng, city, n, [5, 5, 6, 9, 10], when.date(), clerk, force_styles=force)
    )
    # Two activities of the same county, so that the county cell is merged over both.
    if len(acts) >= 3 and not mild:
        acts[1].counties, acts[1].raw["county"] = acts[0].counties, acts[0].raw["county"]
        acts = group_by_county(acts)
        ctx.feature("merged county cells")
    if not mild:
        bad = acts[-1]
        hold(bad, "period", "6月31日-7月5日", "举办时间不存在（6月31日）")
        ctx.feature("held: impossible date (6月31日)")
    cols = official_cols()
    grid, _ = table(cols, list(acts), merge_county=not mild)
    blocks: list[Para | Grid] = [
        Para("附件2", bold=True),
        Para(REGISTRY_TITLE, bold=True, center=True),
        Para(f"填报单位：{city.name}商务局"),
        grid,
        Para(summary_sentence(acts, off=rng.random() < 0.3)),
        Para(NOTE_ROW),
        Para(
            f"填报人：{rng.choice(NAMES)}    联系电话：{city.area_code}-{rng.randint(2000000, 8999999)}"
        ),
    ]
    filename = rng.choice(
        [f"附件2 {city.name}活动名录.docx", f"{city.name}商务局消费促进月重点活动名录.docx"]
    )
    ctx.feature("docx", "summary sentence")
    if not mild:
        ctx.feature("holiday names", "Chinese numerals", "亿元 amounts")
    header = dict(zip([c.key for c in cols], OFFICIAL))
    return filename, docx_bytes(blocks), registry_file(filename, acts, header, None), acts


def registry_case(ctx: Ctx, profile: int) -> str:
    rng, city = ctx.rng, ctx.city
    day = dt.date(2021, 4, rng.randint(19, 23))
    when = at(rng, day)
    subject = rng.choice(
        [
            f"{city.name}商务局关于报送2021年全国消费促进月活动情况的函",
            f"【{city.name[:-1]}】附件2 活动名录",
            f"回复：关于组织开展{NOTICE}的通知",
            f"{city.name}2021年全国消费促进月重点活动名录报送",
        ]
    )
    body = rng.choice(
        [
            "省商务厅：\n    现将我市参加2021年全国消费促进月活动情况报上，请审阅。",
            "您好！附件是我市的活动名录，请查收。",
            "市场运行处：\n  按照晋商运便〔2021〕11号通知要求，我市梳理了重点促消费活动，详见附件。",
        ]
    ) + signature(ctx)

    if profile == 0:
        name, data, exp, _ = reg_official_xlsx(ctx, when, rng.randint(6, 9), foreign=True)
        ctx.send(when, subject, body, [exp], [Attachment(name, data)])
        return "R0 official xlsx, other-city county"
    if profile == 1:
        name, data, exp, _ = reg_docx(ctx, when, rng.randint(5, 8))
        ctx.send(when, subject, body, [exp], [Attachment(name, data)], client="outlook")
        return "R1 Word table"
    if profile == 2:
        return reg_two_level(ctx, when, subject, body)
    if profile == 3:
        return reg_corrupt_then_xls(ctx, when, subject, body)
    if profile == 4:
        return reg_wrong_then_html(ctx, when, subject, body)
    return reg_tnef_late(ctx, subject, body)


def reg_two_level(ctx: Ctx, when: dt.datetime, subject: str, body: str) -> str:
    """Merged two-level header (举办时间 → 开始|结束 as Excel dates; 预估成效 → 成交额|客流),
    rows grouped by county with 小计, a 合计, and a per-county summary table further down."""
    rng, city = ctx.rng, ctx.city
    acts = make_acts(
        rng,
        city,
        rng.randint(7, 10),
        [5, 5, 6, 7, 8, 10],
        when.date(),
        clerk_for(rng),
        money_mode="wan",
    )
    for a in acts:  # one county each, so that 小计 per county is meaningful
        if len(a.counties) != 1:
            a.counties = (rng.choice(city.counties),)
        a.raw["county"] = R.render_counties(
            rng, city.name, a.counties, rng.choice(["plain", "short"])
        )[0]
        a.raw["footfall"] = rng.choice([0.5, 1, 2, 3.5, 5, 8])
        # Excel date cells, except a clerk who typed one as text
        a.raw["start"] = dt.datetime.combine(a.start, dt.time())
        a.raw["end"] = dt.datetime.combine(a.end, dt.time())
    typed = acts[rng.randrange(len(acts))]
    typed.raw["start"] = f"{typed.start.year}.{typed.start.month}.{typed.start.day}"
    bad = rng.choice([a for a in acts if a is not typed])
    hold(bad, "turn", "#VALUE!", "成交额单元格为公式错误值，无法读取")
    bad.raw["turn"] = ExcelError("#VALUE!")
    cols = [
        Col("序号", "seq"),
        Col("参加县区", "county"),
        Col("重点活动名称", "name"),
        Col("开始时间", "start", "举办时间"),
        Col("结束时间", "end", "举办时间"),
        Col("活动内容（简要概述）", "content"),
        Col("参与企业数量（家）", "ent"),
        Col("支持政策及优惠举措", "policy"),
        Col("成交额（万元）", "turn", "预估成效"),
        Col("客流量（万人次）", "footfall", "预估成效"),
    ]
    items: list[Act | Special] = []
    by_county: dict[str, list[Act]] = {}
    for a in sorted(acts, key=lambda a: city.counties.index(a.counties[0])):
        by_county.setdefault(a.counties[0], []).append(a)
    for group in by_county.values():
        items.extend(group)
        known = [a.turn for a in group if a.turn is not None and not a.held]
        items.append(Special("小计", {"turn": sum(known), "ent": sum(a.ent or 0 for a in group)}))
    items.append(
        Special(
            "合计",
            {
                "turn": sum(a.turn or 0 for a in acts if not a.held),
                "ent": sum(a.ent or 0 for a in acts),
            },
        )
    )
    number_acts(items)
    summary = [
        [None],
        ["各县（市、区）活动情况汇总"],
        ["县区", "活动场次", "参与企业（家）", "预估成交额（万元）"],
    ]
    for county, group in by_county.items():
        summary.append(
            [
                county,
                len(group),
                sum(a.ent or 0 for a in group),
                sum(a.turn or 0 for a in group if not a.held),
            ]
        )
    summary.append(
        [
            "合计",
            len(acts),
            sum(a.ent or 0 for a in acts),
            sum(a.turn or 0 for a in acts if not a.held),
        ]
    )
    grid, where = table(
        cols,
        items,
        top=official_top(city, when, with_unit=False),
        bottom=[[summary_sentence(acts)], [NOTE_ROW], *summary],
        name="附件2",
    )
    grid.date_format = "m月d日"
    header = {c.key: c.header for c in cols}
    filename = f"{city.name}消费促进月活动名录（汇总）.xlsx"
    exp = registry_file(filename, acts, header, where)
    ctx.send(when, subject, body, [exp], [Attachment(filename, xlsx_bytes([grid]))])
    ctx.feature(
        "xlsx",
        "merged two-level header",
        "Excel date cells",
        "小计/合计 rows",
        "second table below (per-county summary)",
        "held: #VALUE! cell",
        "万元 column",
    )
    return "R2 two-level header, subtotals, summary table below"


def reg_corrupt_then_xls(ctx: Ctx, when: dt.datetime, subject: str, body: str) -> str:
    """A truncated .xlsx (the upload broke), then the resend as .xls in the city's own columns."""
    rng, city = ctx.rng, ctx.city
    acts = make_acts(
        rng,
        city,
        rng.randint(6, 8),
        [5, 5, 6, 7],
        when.date(),
        clerk_for(rng),
        money_mode="wan",
        force_styles={"period": "digits", "count": "fw"},
    )
    for a in acts[1:3]:
        a.raw["period"], a.start, a.end = R.make_period(rng, "digits", [5, 6], when.date())
    hold(acts[-1], "ent", "详见附件", "参与企业数不是数字（“详见附件”）")
    cols = [
        Col("序号", "seq"),
        Col("活动名称", "name"),
        Col("举办地点", "place"),
        Col("县（市、区）", "county"),
        Col("活动时间", "period"),
        Col("参与企业（家）", "ent"),
        Col("预计成交额（万元）", "turn"),
        Col("优惠措施", "policy"),
        Col("联系人及电话", "contact"),
    ]
    items: list[Act | Special] = list(acts)
    number_acts(items)
    grid, where = table(
        cols, items, top=[[f"{city.name}2021年全国消费促进月重点活动安排表"]], name="Sheet1"
    )
    good = xlsx_bytes([grid])
    broken_name = f"{city.name}活动名录.xlsx"
    broken = ExpectedFile(
        broken_name, "registry", (("rejected", "corrupt_file"),), note="truncated zip"
    )
    ctx.send(when, subject, body, [broken], [Attachment(broken_name, good[: len(good) // 2])])
    when2 = when + dt.timedelta(hours=rng.randint(2, 20))
    filename = f"{city.name}活动名录（重新报送）.xls"
    header = {c.key: c.header for c in cols}
    exp = registry_file(filename, acts, header, where)
    ctx.send(
        when2,
        "重新报送：" + subject,
        "上午发送的附件打不开，现重新报送，以此为准。" + signature(ctx),
        [exp],
        [Attachment(filename, xls_bytes([grid]))],
    )
    ctx.feature(
        "corrupt file then resend",
        "xls",
        "held: unreadable cell (详见附件)",
        "own column names",
        "digits-only dates",
        "full-width digits",
        "万元 column",
    )
    return "R3 corrupt xlsx, resend as xls"


def reg_wrong_then_html(ctx: Ctx, when: dt.datetime, subject: str, body: str) -> str:
    """A list of participating firms sent for the registry, then the table pasted in the body."""
    rng, city = ctx.rng, ctx.city
    firms = Grid(
        "Sheet1",
        [["序号", "企业名称", "地址", "联系人", "联系电话"]]
        + [
            [
                i,
                f"{city.nick}{rng.choice(['百货', '商贸', '汽车销售服务', '餐饮管理'])}有限公司{i}",
                f"{rng.choice(city.counties)}{rng.choice(PLACES)}",
                rng.choice(NAMES),
                f"139{rng.randint(10000000, 99999999)}",
            ]
            for i in range(1, 9)
        ],
    )
    wrong_name = "参与企业名单.xlsx"
    wrong = ExpectedFile(
        wrong_name,
        "registry",
        (("rejected", "wrong_template"),),
        note="a list of firms, not the 附件2 table",
    )
    ctx.send(when, subject, body, [wrong], [Attachment(wrong_name, xlsx_bytes([firms]))])
    acts = make_acts(rng, city, rng.randint(4, 6), [5, 6, 10], when.date(), clerk_for(rng))
    for a in acts:
        a.raw["county"] = (
            str(a.raw["county"]).replace("、", "\xa0") if rng.random() < 0.5 else a.raw["county"]
        )
    pad_name(rng, acts[-1])
    cols = official_cols()
    grid, _ = table(cols, list(acts), top=[[REGISTRY_TITLE]])
    html = (
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head>'
        "<body><p>省厅：</p><p>&nbsp;&nbsp;附件上传失败，活动名录直接贴在正文，请查收。</p>"
        + html_table(grid)
        + '<p>太原市商务局</p><img src="cid:logo001"></body></html>'
    )
    text = "省厅：\n  附件上传失败，活动名录直接贴在正文，请查收。\n"
    for a in acts:
        text += "\t".join(str(a.raw[k]) for k in ("county", "name", "period", "ent", "turn")) + "\n"
    exp = registry_file(None, acts, dict(zip([c.key for c in cols], OFFICIAL)), None)  # type: ignore[arg-type]
    logo = Attachment("image001.png", compose.png_bytes(), inline_cid="logo001")
    logo_exp = ExpectedFile("image001.png", None, NOT_LOADED, note="signature logo")
    ctx.send(
        when + dt.timedelta(days=1, minutes=rng.randint(1, 300)),
        subject + "（正文）",
        text,
        [exp, logo_exp],
        client="outlook",
        html=html,
        inline=[logo],
    )
    ctx.feature(
        "wrong template then resend",
        "table in HTML body",
        "NBSP/full-width spaces",
        "inline signature image",
    )
    return "R4 wrong template, then HTML body table"


def reg_tnef_late(ctx: Ctx, subject: str, body: str) -> str:
    """Outlook in rich-text mode: the table inside winmail.dat; section heading rows; late."""
    rng, city = ctx.rng, ctx.city
    when = at(rng, dt.date(2021, 4, rng.choice([24, 25, 26])))
    clerk = clerk_for(rng)
    clerk.periods = ("xun", "xun_range", "chu_di", "jiri", "month_end", "md")
    clerk.counts = ("chao", "yu2", "jin", "yishang", "plus", "zuoyou")
    acts = make_acts(rng, city, rng.randint(6, 9), [5, 6, 7, 8], when.date(), clerk)
    # 即日起 is read as the day the clerk sent it.
    acts[0].raw["period"], acts[0].start, acts[0].end = R.make_period(
        rng, "jiri", [5, 6], when.date()
    )
    by_cat: dict[str, list[Act]] = {}
    for a in acts:
        by_cat.setdefault(a.category, []).append(a)
    items: list[Act | Special] = []
    for i, (cat, group) in enumerate(by_cat.items()):
        items.append(Special(f"{R.cn_int(i + 1)}、{cat}", span=True))
        items.extend(group)
    grid, where = table(
        official_cols(),
        items,
        top=official_top(city, when),
        bottom=[[summary_sentence(acts)], [NOTE_ROW]],
    )
    filename = f"附件2-{city.name}.xlsx"
    exp = registry_file(
        filename, acts, dict(zip([c.key for c in official_cols()], OFFICIAL)), where
    )
    data = tnef_bytes(subject, [(filename, xlsx_bytes([grid]))])
    ctx.send(
        when,
        subject,
        body,
        [exp],
        [Attachment("winmail.dat", data, "application/ms-tnef")],
        client="outlook",
    )
    ctx.feature(
        "TNEF winmail.dat",
        "section heading rows",
        "上旬/中旬/下旬",
        "月初/月底",
        "即日起至…",
        "超/逾/近/以上/+",
        "late (after 04-23)",
    )
    return "R5 winmail.dat, headings, late"


# --- plan profiles ---------------------------------------------------------------------------


def plan_docx(ctx: Ctx, with_contacts: bool) -> tuple[bytes, tuple[ExpectedContact, ...]]:
    city = ctx.city
    blocks: list[Para | Grid] = [
        Para(f"{city.name}{NOTICE}工作方案", style="Heading 1", center=True),
        Para("为深入贯彻落实省商务厅晋商运便〔2021〕11号通知精神，结合我市实际，制定本方案。"),
        Para("一、活动时间", style="Heading 2"),
        Para("2021年5月1日至12月31日，其中5月为全国消费促进月。"),
        Para("二、组织领导", style="Heading 2"),
        Para("成立由分管副市长任组长的活动领导小组，办公室设在市商务局。"),
        Para("三、重点活动", style="Heading 2"),
        Para(f"围绕汽车、家电、餐饮、夜经济等领域，组织开展“{city.nick}消费季”等系列活动。"),
        Para("四、工作要求", style="Heading 2"),
        Para("各县（市、区）商务主管部门要高度重视，落实疫情防控和安全生产责任。"),
    ]
    contacts: tuple[ExpectedContact, ...] = ()
    if with_contacts:
        grid, contacts = contact_grid(ctx)
        blocks += [Para("附件：联系人名单", bold=True), grid]
    return docx_bytes(blocks), contacts


def contact_grid(ctx: Ctx, name: str = "联系人名单") -> tuple[Grid, tuple[ExpectedContact, ...]]:
    rng, city = ctx.rng, ctx.city
    rows: list[list[object]] = [["序号", "单位", "姓名", "职务", "办公电话", "手机", "电子邮箱"]]
    contacts = []
    for i, person in enumerate(rng.sample(NAMES, rng.randint(2, 3)), start=1):
        office = f"{city.area_code}-{rng.randint(2000000, 8999999)}"
        mobile = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        email = rng.choice([f"{city.area_code[1:]}{rng.randint(100, 999)}@163.com", None])
        unit = rng.choice([f"{city.name}商务局", f"{city.name}商务局市场运行科"])
        rows.append([i, unit, person, rng.choice(TITLES), office, mobile, email or ""])
        contacts.append(ExpectedContact(person, (office, mobile), email))
    return Grid(name, rows), tuple(contacts)


def plan_schedule(ctx: Ctx) -> Grid:
    rng, city = ctx.rng, ctx.city
    acts = make_acts(
        rng, city, rng.randint(4, 7), [5, 6, 7, 9, 10], dt.date(2021, 4, 28), clerk_for(rng, True)
    )
    rows: list[list[object]] = [
        [f"{city.name}2021年促消费活动安排计划表"],
        ["序号", "活动名称", "时间", "地点", "牵头单位", "备注"],
    ]
    for i, a in enumerate(acts, start=1):
        rows.append(
            [i, a.name, a.raw["period"], a.raw["place"], f"{rng.choice(city.counties)}商务局", ""]
        )
    return Grid("活动安排计划表", rows, merges=[(1, 1, 1, 6)])


def plan_case(ctx: Ctx, profile: int) -> str:
    rng, city = ctx.rng, ctx.city
    when = at(rng, dt.date(2021, 4, rng.randint(26, 30)))
    subject = rng.choice(
        [
            f"{city.name}2021年消费促进月工作方案及活动安排计划表、联系人名单",
            f"【{city.name[:-1]}】工作方案、计划表、联系人",
            f"报送{city.name}促消费系列活动工作方案",
        ]
    )
    body = "省商务厅：\n  现将我市工作方案、活动安排计划表及联系人名单报送，请审阅。" + signature(
        ctx
    )
    plan = lambda name, contacts=(): ExpectedFile(name, "plan", ACCEPTED, contacts=contacts)  # noqa: E731
    if profile == 0:
        doc, _ = plan_docx(ctx, False)
        cgrid, contacts = contact_grid(ctx)
        files = [
            (f"{city.name}工作方案.docx", doc),
            (f"{city.name}活动安排计划表.xlsx", xlsx_bytes([plan_schedule(ctx)])),
            (f"{city.name}联系人名单.xlsx", xlsx_bytes([cgrid])),
        ]
        exp = [plan(files[0][0]), plan(files[1][0]), plan(files[2][0], contacts)]
        ctx.send(when, subject, body, exp, [Attachment(n, d) for n, d in files])
        ctx.feature("docx", "xlsx", "three attachments", "contacts in own file")
        return "P0 plan docx + schedule xlsx + contacts xlsx"
    if profile == 1:
        doc, contacts = plan_docx(ctx, True)
        name = f"{city.name}促消费活动工作方案（含联系人）.docx"
        ctx.send(when, subject, body, [plan(name, contacts)], [Attachment(name, doc)])
        ctx.feature("docx", "contacts table inside the Word plan")
        return "P1 one Word file with the contact table"
    if profile == 2:
        cgrid, contacts = contact_grid(ctx, "联系人")
        name = f"{city.name}活动安排计划表及联系人.xlsx"
        ctx.send(
            when,
            subject,
            body,
            [plan(name, contacts)],
            [Attachment(name, xlsx_bytes([plan_schedule(ctx), cgrid]))],
        )
        ctx.feature("xlsx", "two sheets (schedule, contacts)")
        return "P2 one workbook, two sheets"
    if profile == 3:
        # The registry and the plan in one message, sent before the registry deadline.
        when = at(rng, dt.date(2021, 4, rng.randint(21, 23)))
        rname, rdata, rexp, _ = reg_docx(ctx, when, rng.randint(4, 6), mild=True)
        doc, _ = plan_docx(ctx, False)
        cgrid, contacts = contact_grid(ctx)
        files = [
            (rname, rdata),
            (f"{city.name}工作方案.docx", doc),
            ("联系人名单.xls", xls_bytes([cgrid])),
        ]
        exp = [rexp, plan(files[1][0]), plan(files[2][0], contacts)]
        ctx.send(
            when,
            f"{city.name}活动名录、工作方案及联系人名单",
            body,
            exp,
            [Attachment(n, d) for n, d in files],
        )
        ctx.feature("registry and plan in one mail", "xls")
        return "P3 registry + plan + contacts in one mail"
    if profile == 4:
        doc, _ = plan_docx(ctx, False)
        cgrid, contacts = contact_grid(ctx)
        pdf = compose.pdf_bytes(["Scanned document", f"{city.area_code} 2021-04"])
        files = [
            (f"{city.name}工作方案.docx", doc),
            (f"{city.name}工作方案（盖章版）.pdf", pdf),
            (f"{city.name}联系人.xls", xls_bytes([cgrid])),
        ]
        exp = [
            plan(files[0][0]),
            ExpectedFile(
                files[1][0],
                "plan",
                (("accepted", None), ("ignored", None)),
                note="stamped scan of the plan: archived, nothing to read",
            ),
            plan(files[2][0], contacts),
        ]
        ctx.send(when, subject, body, exp, [Attachment(n, d) for n, d in files])
        ctx.feature("docx", "stamped PDF scan", "xls")
        return "P4 plan docx + stamped PDF + contacts xls"
    doc, _ = plan_docx(ctx, False)
    cgrid, contacts = contact_grid(ctx)
    inner = [
        (f"{city.name}工作方案.docx", doc),
        (f"{city.name}联系人名单.xlsx", xlsx_bytes([cgrid])),
    ]
    data = tnef_bytes(subject, inner)
    exp = [plan(inner[0][0]), plan(inner[1][0], contacts)]
    ctx.send(
        when,
        subject,
        body,
        exp,
        [Attachment("winmail.dat", data, "application/ms-tnef")],
        client="outlook",
    )
    ctx.feature("TNEF winmail.dat", "docx", "xlsx")
    return "P5 winmail.dat with plan and contacts"


# --- results ---------------------------------------------------------------------------------


@dataclass
class Res:
    """A results row: its truth and raw cells; `reg` is the registry activity it reports on."""

    name: str
    reg: Act | None
    counties: tuple[str, ...]
    start: dt.date
    end: dt.date
    ent: int | None
    turn: float | None
    foot: float | None
    v_issued: float | None
    v_redeemed: float | None
    raw: dict[str, object] = field(default_factory=dict)
    held: tuple[str, str, str] | None = None

    def expected(self, has_vouchers: bool = True) -> ExpectedRow:
        return ExpectedRow(
            activity_name=self.name,
            county_names="、".join(self.counties) or "全市",
            start_date=self.start.isoformat(),
            end_date=self.end.isoformat(),
            enterprise_count=self.ent,
            actual_turnover_wan=self.turn,
            footfall_wan=self.foot,
            voucher_issued_wan=self.v_issued if has_vouchers else None,
            voucher_redeemed_wan=self.v_redeemed if has_vouchers else None,
            registry_activity=self.reg.name if self.reg else None,
        )


def registry_first(ctx: Ctx, months: list[int]) -> list[Act]:
    """The city's registry, sent in April in plain official form (the results refer to it)."""
    rng, city = ctx.rng, ctx.city
    when = at(rng, dt.date(2021, 4, rng.randint(19, 23)))
    acts = make_acts(rng, city, rng.randint(5, 7), months, when.date(), clerk_for(rng, True))
    grid, where = table(
        official_cols(),
        list(acts),
        top=official_top(city, when),
        bottom=[[summary_sentence(acts)], [NOTE_ROW]],
    )
    name = f"附件2{city.name}.xlsx"
    exp = registry_file(name, acts, dict(zip([c.key for c in official_cols()], OFFICIAL)), where)
    ctx.send(
        when,
        f"{city.name}附件2活动名录",
        "请查收。" + signature(ctx),
        [exp],
        [Attachment(name, xlsx_bytes([grid]))],
    )
    return acts


def make_results(
    rng: random.Random,
    city: City,
    reg: list[Act],
    months: list[int],
    mail_date: dt.date,
    clerk: Clerk,
    unit: str = "wan",
) -> list[Res]:
    """Results for most registry activities (same name, own dates as actually held)."""
    out = []
    chosen = [a for a in reg if a.start.month in months or a.end.month in months] or reg[:3]
    for a in chosen[: max(3, len(chosen))]:
        if rng.random() < 0.15 and len(out) >= 3:
            continue
        style = rng.choice(clerk.periods)
        if a.name in NAME_HOLIDAY:
            start, end = a.start, a.end
            period: object = rng.choice(R.HOLIDAYS[NAME_HOLIDAY[a.name]][2])
        elif rng.random() < 0.5:
            start, end = a.start, a.end
            period = f"{a.start.month}月{a.start.day}日-{a.end.month}月{a.end.day}日"
        else:
            m = a.start.month if a.start.month in months else months[0]
            period, start, end = R.make_period(rng, style, [m], mail_date)
        ent_raw, ent = R.render_count(
            rng, rng.choice(clerk.counts), rng.choice([10, 20, 35, 60, 120, 200])
        )
        turn = float(rng.choice([300, 560, 800, 1200, 1500, 2300, 3600, 5200, 8800, 12500]))
        foot = rng.choice([0.8, 1.5, 2.4, 3.2, 5.6, 8.0, 12.5, 20.0])
        issued = redeemed = None
        if a.category == "发放政府电子消费券" or rng.random() < 0.3:
            issued = float(rng.choice([100, 200, 500, 1000, 2000]))
            redeemed = round(issued * rng.choice([0.6, 0.75, 0.8, 0.92]), 2)
        res = Res(a.name, a, a.counties, start, end, ent, turn, foot, issued, redeemed)
        county_raw, _ = R.render_counties(rng, city.name, a.counties, rng.choice(clerk.county))
        if not a.counties:
            county_raw = rng.choice(["全市", "市本级", "全市范围"])
        res.raw = {
            "county": county_raw,
            "name": a.name,
            "period": period,
            "ent": ent_raw,
            "remark": rng.choice(["", "", "线上线下同步", "受天气影响延期两天"]),
        }
        out.append(res)
    return out


def res_money(res: Res, unit: str, rng: random.Random) -> None:
    """Turnover, footfall and vouchers in the unit the city's header names."""
    t, f = res.turn, res.foot
    if unit == "wan":
        res.raw["turn"] = (
            R.render_money_number(rng, rng.choice(["num", "num", "str", "thousands"]), t)
            if t
            else "/"
        )
        res.raw["foot"] = f
        res.raw["v_issued"] = (
            res.v_issued if res.v_issued is not None else rng.choice(["/", "", "—"])
        )
        res.raw["v_redeemed"] = (
            res.v_redeemed if res.v_redeemed is not None else rng.choice(["/", "", "—"])
        )
    elif unit == "yi_renci":
        res.raw["turn"] = round(t / 10000, 4) if t else "/"
        res.raw["foot"] = int(round(f * 10000))
    elif unit == "yuan_qian":
        res.raw["turn"] = f"{int(t * 10000):,}"
        res.raw["foot"] = int(round(f * 10000))
        res.raw["v_issued"] = int(res.v_issued * 10) if res.v_issued is not None else "/"
        res.raw["v_redeemed"] = (
            int(round(res.v_redeemed * 10)) if res.v_redeemed is not None else "/"
        )
    elif unit == "text":
        res.raw["turn"] = (f"{R._yi(t)}亿元" if t >= 10000 else f"{int(t)}万元") if t else "不详"
        res.raw["foot"] = rng.choice([f"{f}万人次", f"约{f}万人次", f"{int(round(f * 10000))}人次"])
        res.raw["v_issued"] = f"{int(res.v_issued)}万元" if res.v_issued is not None else "/"
        res.raw["v_redeemed"] = f"{res.v_redeemed:g}万元" if res.v_redeemed is not None else "/"


def results_file(
    name: str | None,
    form: str,
    rows: list[Res],
    header: dict[str, str],
    where: dict[str, int] | None,
    vouchers: bool = True,
    outcomes: tuple[tuple[str, str | None], ...] = ACCEPTED,
) -> ExpectedFile:
    exp, held = [], []
    for r in rows:
        if r.held:
            key, raw, problem = r.held
            held.append(
                HeldRow(r.name, header[key], raw, where.get(r.name) if where else None, problem)
            )
        else:
            exp.append(r.expected(vouchers))
    return ExpectedFile(name, form, outcomes, rows=tuple(exp), held=tuple(held))


TEMPLATE_COLS = [
    Col(h, k)
    for h, k in zip(
        RESULTS_HEADER,
        ("county", "name", "period", "ent", "turn", "foot", "v_issued", "v_redeemed", "remark"),
    )
]


def template_book(
    ctx: Ctx, form: str, rows: list[Res], marker: bool, figures: bool
) -> tuple[list[Grid], dict[str, int]]:
    city = ctx.city
    title = (
        "2021年全国消费促进月（5月）活动成效统计表"
        if form == "results_may"
        else "2021年“礼享生活·晋情消费”促消费系列活动全年活动成效统计表"
    )
    top: list[list[object]] = [
        [f"表单代码：{form}" if marker else None],
        [title],
        [f"填报单位：{city.name}商务局"],
        ["填报说明：1.金额单位为万元，客流量单位为万人次，请填数字；不详的填“/”，不要填0。"],
    ]
    if not marker:
        top = top[1:]
    grid, where = table(TEMPLATE_COLS, list(rows), top=top, name="活动成效")
    if marker:
        grid.merges = [m for m in grid.merges if m[0] != 1]
    grids = [grid]
    if figures:
        issued = sum(r.v_issued or 0 for r in rows)
        redeemed = sum(r.v_redeemed or 0 for r in rows)
        grids.append(
            Grid(
                "全市汇总",
                [
                    [f"{city.name}全市汇总"],
                    ["指标", "数值", "备注"],
                    ["全市发放消费券总额（万元）", issued, ""],
                    ["全市核销消费券总额（万元）", redeemed, ""],
                ],
            )
        )
        grids.append(Grid("下拉选项", [[c] for c in (*city.counties, "全市")]))
    return grids, where


def results_case(ctx: Ctx, form: str, profile: int) -> str:
    rng, city = ctx.rng, ctx.city
    may = form == "results_may"
    months = [5] if may else [5, 6, 7, 8, 9, 10, 11, 12]
    reg = registry_first(ctx, [5, 5, 6] if may else [5, 6, 9, 10, 12])
    day = dt.date(2021, 5, rng.randint(27, 31)) if may else dt.date(2021, 12, rng.randint(20, 30))
    when = at(rng, day)
    clerk = clerk_for(rng)
    res = make_results(rng, city, reg, months, when.date(), clerk)
    what = "消费促进月期间活动情况和量化成效" if may else "全年消费促进工作情况总结"
    subject = rng.choice(
        [f"{city.name}{what}", f"【{city.name[:-1]}】{what}报送", f"关于报送{city.name}{what}的函"]
    )
    body = f"省商务厅：\n  现将我市{what}报上，请审阅。" + signature(ctx)
    header = {c.key: c.header for c in TEMPLATE_COLS}
    tag = "M" if may else "Y"
    ctx.feature(form)

    if not may and profile == 0:
        # A 元旦 2021 activity reported in the year's summary: in no registry, dated 01-01..01-03.
        hs, he, words = R.HOLIDAYS["元旦"]
        extra = Res(
            f"{city.nick}元旦迎新购物季",
            None,
            (city.counties[0],),
            hs,
            he,
            30,
            900.0,
            4.5,
            None,
            None,
        )
        extra.raw = {
            "county": city.counties[0],
            "name": extra.name,
            "period": rng.choice(words),
            "ent": 30,
            "remark": "名录外活动",
        }
        res.append(extra)
        ctx.feature("元旦 2021 (unlinked row)")

    if profile == 0:
        for r in res:
            res_money(r, "wan", rng)
        if may:
            victim = res[rng.randrange(len(res))]
            hold(victim, "foot", "见附表", "客流量单元格不是数字（“见附表”）")  # type: ignore[arg-type]
            ctx.feature("held: unreadable cell (见附表)")
            grids, where = template_book(ctx, form, res, marker=True, figures=True)
            ctx.feature("filled project template (marker kept)", "全市汇总 sheet")
        else:
            items: list[Res] = list(res)
            grids, where = template_book(ctx, form, items, marker=False, figures=False)
            total = [
                "合计",
                None,
                None,
                sum(r.ent or 0 for r in res),
                sum(r.turn or 0 for r in res),
                sum(r.foot or 0 for r in res),
            ]
            grids[0].rows.append(total + [None] * 3)
            ctx.feature("template columns in own workbook (no marker)", "合计 row")
        name = f"{city.name}{'5月' if may else '全年'}活动成效统计表.xlsx"
        exp = results_file(name, form, res, header, where)
        ctx.send(when, subject, body, [exp], [Attachment(name, xlsx_bytes(grids))])
        ctx.feature("xlsx")
        return f"{tag}0 results template"

    if profile == 1:
        return results_docx(ctx, form, res, when, subject, body, tag)
    if profile == 2:
        return results_own_xlsx(ctx, form, res, when, subject, body, tag)
    if profile == 3:
        return (
            results_xls(ctx, form, res, when, subject, body, tag)
            if may
            else results_msg(ctx, form, res, when, subject, body, tag)
        )
    if profile == 4:
        return (
            results_html(ctx, form, res, when, subject, body, tag)
            if may
            else results_xls(ctx, form, res, when, subject, body, tag)
        )
    if may:
        return results_tnef(ctx, form, res, when, subject, body, tag)
    return results_blank_then_filled(ctx, form, res, when, subject, body, tag)


def own_cols(unit: str) -> list[Col]:
    if unit == "yi_renci":
        return [
            Col("序号", "seq"),
            Col("活动名称", "name"),
            Col("活动时间", "period"),
            Col("参与商户（户）", "ent"),
            Col("销售额（亿元）", "turn"),
            Col("客流（人次）", "foot"),
            Col("备注", "remark"),
        ]
    return [
        Col("序号", "seq"),
        Col("县区", "county"),
        Col("活动名称", "name"),
        Col("举办时间", "period"),
        Col("参与企业（家）", "ent"),
        Col("销售额（元）", "turn"),
        Col("客流量（人次）", "foot"),
        Col("消费券发放（千元）", "v_issued"),
        Col("消费券核销（千元）", "v_redeemed"),
    ]


def seq(rows: list[Res]) -> None:
    for i, r in enumerate(rows, start=1):
        r.raw["seq"] = i


def no_county(rows: list[Res]) -> None:
    """Without a county column the counties are the linked registry activity's."""
    for r in rows:
        r.counties = r.reg.counties if r.reg else r.counties


def results_own_xlsx(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    """The city's own layout: 销售额（亿元）, 客流（人次）, no county column, 合计 row; in the
    year form a two-level header with 消费券 → 发放|核销 instead."""
    rng, city = ctx.rng, ctx.city
    if form == "results_may":
        cols = own_cols("yi_renci")
        for r in res:
            res_money(r, "yi_renci", rng)
        no_county(res)
        # One name written with straight quotes: still the registry's activity.
        quoted = [r for r in res if "“" in r.name]
        if quoted:
            q = quoted[0]
            q.name = q.name.replace("“", '"').replace("”", '"')
            q.raw["name"] = q.name
            ctx.feature("name with other quotes than the registry")
        vouchers = False
        ctx.feature("own layout (销售额（亿元）, 客流（人次）, no county)")
    else:
        cols = [
            Col("序号", "seq"),
            Col("县（市、区）", "county"),
            Col("活动名称", "name"),
            Col("时间", "period"),
            Col("参与企业", "ent"),
            Col("成交额（万元）", "turn"),
            Col("客流（万人次）", "foot"),
            Col("发放", "v_issued", "消费券（万元）"),
            Col("核销", "v_redeemed", "消费券（万元）"),
            Col("备注", "remark"),
        ]
        for r in res:
            res_money(r, "wan", rng)
        vouchers = True
        victim = res[rng.randrange(len(res))]
        hold(victim, "county", city.foreign, "参加县区不属于本市")  # type: ignore[arg-type]
        victim.raw["county"] = city.foreign
        ctx.feature("merged two-level header (消费券 → 发放|核销)", "held: county of another city")
    seq(res)
    total = Special("合计", {"turn": "", "foot": ""})
    grid, where = table(
        cols,
        [*res, total],
        top=[[f"{city.name}{'消费促进月' if form == 'results_may' else '全年'}重点活动成效统计"]],
        name=rng.choice(["Sheet1", "成效统计"]),
    )
    name = f"{city.name}活动成效.xlsx"
    exp = results_file(name, form, res, {c.key: c.header for c in cols}, where, vouchers=vouchers)
    ctx.send(when, subject, body, [exp], [Attachment(name, xlsx_bytes([grid]))])
    ctx.feature("xlsx", "合计 row")
    return f"{tag}2 own layout xlsx"


def results_xls(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    """.xls with amounts in 元 and 千元 and footfall in 人次; a county of another city."""
    rng, city = ctx.rng, ctx.city
    cols = own_cols("yuan_qian")
    for r in res:
        res_money(r, "yuan_qian", rng)
    victim = res[rng.randrange(len(res))]
    hold(victim, "county", city.foreign, "参加县区不属于本市")  # type: ignore[arg-type]
    victim.raw["county"] = city.foreign
    if form == "results_year":
        # 中秋/国庆 wording for dated rows that were held then.
        for r in res:
            if r.reg and r.reg.start.month in (9, 10) and r.reg.name not in NAME_HOLIDAY:
                r.raw["period"] = "中秋、国庆期间"
                r.start, r.end = R.HOLIDAYS["中秋国庆"][:2]
                ctx.feature("holiday names")
    seq(res)
    grid, where = table(
        cols,
        list(res),
        top=[[f"{city.name}促消费活动成效统计表"], ["填报单位：" + city.name + "商务局"]],
    )
    name = f"{city.name}成效统计（{'5月' if form == 'results_may' else '全年'}）.xls"
    exp = results_file(name, form, res, {c.key: c.header for c in cols}, where)
    ctx.send(when, subject, body, [exp], [Attachment(name, xls_bytes([grid]))])
    ctx.feature("xls", "元 and 千元 columns", "footfall in 人次", "held: county of another city")
    return f"{tag}{3 if form == 'results_may' else 4} xls in 元/千元/人次"


def results_docx(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    """A Word summary: narrative, then a table whose cells carry their units as text."""
    rng, city = ctx.rng, ctx.city
    for r in res:
        res_money(r, "text", rng)
    cols = [
        Col("序号", "seq"),
        Col("参加县区", "county"),
        Col("活动名称", "name"),
        Col("举办时间", "period"),
        Col("参与企业", "ent"),
        Col("成交额", "turn"),
        Col("客流量", "foot"),
        Col("发放消费券", "v_issued"),
        Col("核销消费券", "v_redeemed"),
    ]
    seq(res)
    total_turn = sum(r.turn or 0 for r in res)
    grid, _ = table(cols, [*res, Special("合计", {"turn": f"{total_turn:g}万元"})])
    what = "消费促进月期间" if form == "results_may" else "2021年全年"
    blocks: list[Para | Grid] = [
        Para(f"{city.name}{what}促消费活动情况总结", style="Heading 1", center=True),
        Para(
            f"    {what}，我市共组织开展重点促消费活动{len(res)}场，实现销售额{total_turn:g}万元。"
        ),
        Para("一、主要做法", style="Heading 2"),
        Para("    坚持政府搭台、企业参与、市场运作，线上线下联动。"),
        Para("二、量化成效", style="Heading 2"),
        grid,
        Para("三、下一步打算", style="Heading 2"),
        Para("    持续推进“礼享生活·晋情消费”系列活动。"),
    ]
    name = f"{city.name}{what}促消费工作总结.docx"
    exp = results_file(name, form, res, {c.key: c.header for c in cols}, None)
    ctx.send(when, subject, body, [exp], [Attachment(name, docx_bytes(blocks))])
    ctx.feature("docx", "narrative + table", "amounts with units in cells", "合计 row")
    return f"{tag}1 Word summary"


def results_html(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    rng, city = ctx.rng, ctx.city
    for r in res:
        res_money(r, "wan", rng)
        r.raw["name"] = r.name + "\xa0"
    grid, _ = table(TEMPLATE_COLS, list(res), top=[[f"{city.name}消费促进月活动成效"]])
    html = (
        "<html><body><div>省厅领导：</div><div>&nbsp;&nbsp;&nbsp;&nbsp;我市5月活动成效如下（附件发送失败，直接粘贴）：</div>"
        + html_table(grid)
        + "<div>&nbsp;</div><div>"
        + city.name
        + "商务局</div></body></html>"
    )
    text = "省厅领导：\n  我市5月活动成效如下（附件发送失败，直接粘贴）：\n" + "\n".join(
        "\t".join(str(r.raw.get(c.key, "")) for c in TEMPLATE_COLS) for r in res
    )
    exp = results_file(None, form, res, {c.key: c.header for c in TEMPLATE_COLS}, None)
    ctx.send(when, subject, text, [exp], client="foxmail", html=html)
    ctx.feature("table in HTML body", "NBSP/full-width spaces")
    return f"{tag}4 HTML body table"


def results_tnef(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    rng, city = ctx.rng, ctx.city
    for r in res:
        res_money(r, "wan", rng)
    grids, where = template_book(ctx, form, res, marker=False, figures=False)
    name = f"{city.name}消费促进月成效.xlsx"
    exp = results_file(name, form, res, {c.key: c.header for c in TEMPLATE_COLS}, where)
    data = tnef_bytes(subject, [(name, xlsx_bytes(grids))])
    ctx.send(
        when,
        subject,
        body,
        [exp],
        [Attachment("winmail.dat", data, "application/ms-tnef")],
        client="outlook",
    )
    ctx.feature("TNEF winmail.dat", "template columns in own workbook (no marker)")
    return f"{tag}5 winmail.dat"


def results_msg(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    """The clerk forwards, as an attachment, the internal mail that carried the table."""
    rng, city = ctx.rng, ctx.city
    cols = own_cols("yi_renci")
    for r in res:
        res_money(r, "yi_renci", rng)
    no_county(res)
    seq(res)
    grid, where = table(cols, list(res), top=[[f"{city.name}全年促消费重点活动成效"]])
    inner_name = f"{city.name}全年活动成效（定稿）.xlsx"
    inner = xlsx_bytes([grid])
    person = rng.choice(NAMES)
    sent = when - dt.timedelta(hours=rng.randint(2, 30))
    headers = (
        f"From: {person} <{person.encode('unicode_escape').hex()[:8]}@mail.sx.example>\r\n"
        f"To: {senders(city.name)[0]}\r\nSubject: 全年活动成效定稿\r\n"
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0800')}\r\n"
    )
    msg = msg_bytes(
        subject="全年活动成效定稿",
        sender_name=person,
        sender_email=f"{person.encode('unicode_escape').hex()[:8]}@mail.sx.example",
        to_email=senders(city.name)[0],
        body="科长：全年成效表已定稿，见附件。\r\n",
        sent=sent.astimezone(dt.UTC),
        headers=headers,
        files=[(inner_name, inner, compose.MIME["xlsx"])],
    )
    exp = results_file(
        inner_name, form, res, {c.key: c.header for c in cols}, where, vouchers=False
    )
    ctx.send(
        when,
        subject,
        "转发科里定稿的邮件，成效表在里面的附件中。" + signature(ctx),
        [exp],
        [Attachment("全年活动成效定稿.msg", msg, compose.MIME["msg"])],
        client="outlook",
    )
    ctx.feature("attached Outlook .msg", "own layout (销售额（亿元）, 客流（人次）, no county)")
    return f"{tag}3 forwarded .msg"


def results_blank_then_filled(
    ctx: Ctx, form: str, res: list[Res], when: dt.datetime, subject: str, body: str, tag: str
) -> str:
    rng, city = ctx.rng, ctx.city
    blank, _ = template_book(ctx, form, [], marker=True, figures=True)
    blank_name = f"jx2021_{form}_template_{city.name}.xlsx"
    ctx.send(
        when,
        subject,
        body,
        [
            ExpectedFile(
                blank_name, form, (("rejected", "validation_failed"),), note="the blank template"
            )
        ],
        [Attachment(blank_name, xlsx_bytes(blank))],
    )
    for r in res:
        res_money(r, "wan", rng)
    victim = res[rng.randrange(len(res))]
    hold(victim, "turn", "#VALUE!", "成交额单元格为公式错误值，无法读取")  # type: ignore[arg-type]
    victim.raw["turn"] = ExcelError("#VALUE!")
    grids, where = template_book(ctx, form, res, marker=True, figures=True)
    name = f"{city.name}全年活动成效（填报）.xlsx"
    exp = results_file(name, form, res, {c.key: c.header for c in TEMPLATE_COLS}, where)
    ctx.send(
        when + dt.timedelta(hours=rng.randint(1, 5)),
        "更正：" + subject,
        "刚才发错了，发成空表了，以此为准。" + signature(ctx),
        [exp],
        [Attachment(name, xlsx_bytes(grids))],
    )
    ctx.feature(
        "blank template then filled", "held: #VALUE! cell", "filled project template (marker kept)"
    )
    return f"{tag}5 blank template, then filled"


# --- the entry point ---------------------------------------------------------------------------


def city_for(seed: int) -> City:
    return CITIES[(seed * 7 + seed // 11) % len(CITIES)]


def build_case(seed: int) -> Case:
    if seed >= 200:  # the second unseen corpus (cases2.py)
        import cases2

        return cases2.build_case2(seed)
    if seed >= 100:  # the extra cases of issue 11 items 1-2 (extra.py)
        import extra

        rng = random.Random(f"unseen-{seed}")
        ctx = Ctx(seed=seed, rng=rng, city=city_for(seed), features=[])
        label = extra.build_extra(ctx)
        wordings = tuple(sorted(set(R.USED)))
        form = extra.extra_form(seed)
        return Case(
            seed, ctx.city.name, form, label, tuple(ctx.features), tuple(ctx.mails), wordings
        )
    form = FORMS[seed % 4]
    profile = (seed // 4) % 6
    rng = random.Random(f"unseen-{seed}")
    ctx = Ctx(seed=seed, rng=rng, city=city_for(seed), features=[])
    R.USED.clear()
    if form == "registry":
        label = registry_case(ctx, profile)
    elif form == "plan":
        label = plan_case(ctx, profile)
    else:
        label = results_case(ctx, form, profile)
    wordings = tuple(sorted(set(R.USED)))
    return Case(seed, ctx.city.name, form, label, tuple(ctx.features), tuple(ctx.mails), wordings)


def _wordings(used: tuple[str, ...]) -> str:
    kinds: dict[str, list[str]] = {}
    for item in used:
        kind, style = item.split(":", 1)
        kinds.setdefault(kind, []).append(style)
    return "; ".join(f"{k}: {' '.join(v)}" for k, v in kinds.items())


def features_table(seeds: tuple[int, ...] = ALL_SEEDS) -> str:
    lines = [
        "| seed | set | city | form | profile | mails | features | cell wordings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in seeds:
        c = build_case(s)
        lines.append(
            f"| {s} | {'held' if s in HELD_SEEDS else 'dev'} | {c.city} | {c.form} | {c.profile} | "
            f"{len(c.mails)} | {', '.join(c.features)} | {_wordings(c.wordings)} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--table"]:
        print(features_table())
        return 0
    if argv[:1] == ["--write"] and len(argv) >= 2:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        seeds = [int(s) for s in argv[2:]] or list(DEV_SEEDS)
        for s in seeds:
            for i, mail in enumerate(build_case(s).mails):
                (out / f"seed{s:02d}_{i}.eml").write_bytes(mail.raw)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
