"""Demo mailboxes: what every season shares, and the season any campaign gets from its config.

A campaign whose campaign.yaml says `demo: generic` (or names no demo) gets a season built
from its own cities, senders, dates and slogan: each city sends its registry before the
deadline, one sends a county its city does not have (that row is held), one a scan only, one a
correction, one city its results of May in the project's template, and a stranger a table.
The same campaign always gives the same bytes under the same names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

from jinxiao.config import Campaign
from jinxiao.samples import files as f
from jinxiao.samples import mail as m

CST = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class DemoMail:
    name: str  # the maildir file name: fixed, so a second `make run` writes nothing new
    build: Callable[[], bytes]
    story: str


def sender_of(campaign: Campaign, city: str, n: int = 0) -> str:
    """The n-th registered address of a city (the campaign's senders.csv)."""
    from jinxiao.intake.senders import load_sender_registry

    return load_sender_registry(campaign.sender_registry, campaign).addresses_of(city)[n]


def _stable_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def send(sender: str, subject: str, files, when: dt.datetime, **kw) -> bytes:
    mid = f"{_stable_id(sender, subject, when.isoformat())}@{sender.split('@')[1]}"
    kw.setdefault("message_id", mid)
    return m.build_email(sender, subject, files, date=when, **kw)


def registry_xlsx(city: str, n: int, *, messy: bool = False, seed: int = 0, **kw) -> bytes:
    rows = f.registry_rows(city, n, messy=messy, seed=seed)
    return f.xlsx_bytes(rows, merges=f.registry_merges(n), **kw)


# The sample generator writes the Shanxi 2021 notice's texts; another campaign's clerks write
# their own province, year and slogan in the same places.
_SAMPLE_PROVINCE, _SAMPLE_YEAR, _SAMPLE_SLOGAN = "山西省", "2021", "礼享生活·晋情消费"


def _retext(value: object, campaign: Campaign) -> object:
    if not isinstance(value, str):
        return value
    return (
        value.replace(_SAMPLE_SLOGAN, campaign.slogan)
        .replace(_SAMPLE_PROVINCE, campaign.province)
        .replace(_SAMPLE_YEAR, str(campaign.year))
        .replace("晋味", f"{campaign.province_short[:1]}味")
    )


def campaign_registry_rows(campaign: Campaign, city: str, n: int, seed: int = 0) -> list[list]:
    """A city's clean 附件2 in the campaign's words (no messy cells: their years are 2021's)."""
    return [[_retext(v, campaign) for v in row] for row in f.registry_rows(city, n, seed=seed)]


def _registry_file(campaign: Campaign, city: str, n: int, seed: int) -> bytes:
    rows = campaign_registry_rows(campaign, city, n, seed)
    return f.xlsx_bytes(rows, merges=f.registry_merges(n))


def _results_may(campaign: Campaign, city: str) -> bytes:
    """The city's results of May in the project's template, filled in for its registry rows."""
    from jinxiao.normalise.values import counties_of
    from jinxiao.reports.templates import FIRST_DATA_ROW, build_template

    rows = campaign_registry_rows(campaign, city, 3)[3:6]  # the registry the city sent
    prefilled = [(str(r[0]), str(r[1]), None) for r in rows]
    wb = build_template(campaign, "results_may", city, counties_of(city), prefilled)
    ws = wb.worksheets[0]
    figures = [
        ("5月1日-5月31日", 40, 3000, 12, 200, 150),
        ("5月1日-5月5日", 25, 1800, 6.5, None, None),
        ("5月15日-5月20日", 30, 2200, 8, None, None),
    ]
    for i, values in enumerate(figures):
        for col, value in zip(range(3, 9), values, strict=True):
            ws.cell(row=FIRST_DATA_ROW + i, column=col, value=value)
    sheet = wb["全市汇总"]
    sheet["B3"], sheet["B4"] = 2000, 1500
    buf = io.BytesIO()
    wb.save(buf)
    return f.pinned(buf.getvalue())


def generic_mails(campaign: Campaign) -> list[DemoMail]:
    """The season of any campaign, from its cities (at least three) and its deadlines."""
    cities = [c.name for c in campaign.cities]
    if len(cities) < 3:
        raise ValueError("the generic demo needs a campaign of three cities or more")
    due = campaign.forms["registry"].deadline
    results_due = campaign.forms["results_may"].deadline
    tz = campaign.tz

    def at(day: dt.date, offset_days: int, hour: int) -> dt.datetime:
        return dt.datetime.combine(day + dt.timedelta(days=offset_days), dt.time(hour), tz)

    subject = f"关于报送{campaign.year}年全国消费促进月活动情况的函"
    att2 = f"附件2：{{}}{campaign.year}年“{campaign.slogan}”促消费系列活动名录.xlsx"
    mails: list[DemoMail] = []
    first, held, scan = cities[0], cities[1], cities[2]
    for i, city in enumerate(cities):
        if city == scan:
            continue

        def build(city: str = city, i: int = i) -> bytes:
            rows = campaign_registry_rows(campaign, city, 3 + i % 4, seed=i)
            if city == held:
                rows[4][0] = "开发区"  # not a county-level division of any city: held
            xlsx = f.xlsx_bytes(rows, merges=f.registry_merges(3 + i % 4))
            return send(
                sender_of(campaign, city), f"{city}{subject}", [(att2.format(city), xlsx)],
                at(due, -3 + i % 3, 9 + i % 8),
            )  # fmt: skip

        mails.append(DemoMail(f"{i + 1:02d}-{campaign.cities[i].code}-registry", build, "registry"))
    n = len(mails)
    mails += [
        DemoMail(f"{n + 1:02d}-scan", lambda: send(
            sender_of(campaign, scan), f"{scan}{subject}",
            [(f"{scan}活动名录（盖章）.pdf", f.PDF_BYTES)], at(due, -1, 15)),
            "a scan only: unsupported_format"),
        DemoMail(f"{n + 2:02d}-scan-table", lambda: send(
            sender_of(campaign, scan), f"{scan}{subject}（表格）",
            [(att2.format(scan), _registry_file(campaign, scan, 4, 7))], at(due, 1, 10)),
            "the table after the scan, late"),
        DemoMail(f"{n + 3:02d}-held-corrected", lambda: send(
            sender_of(campaign, held), f"回复：{held}{subject}（修改后）",
            [(att2.format(held), _registry_file(campaign, held, 4, 1))], at(due, 0, 16)),
            "the correction replaces the held table"),
        DemoMail(f"{n + 4:02d}-unknown-sender", lambda: send(
            "market@retailer.example", "五一促销活动报名表",
            [("活动名录.xlsx", _registry_file(campaign, first, 3, 11))], at(due, -1, 13)),
            "perfect table, unknown sender: quarantined"),
        DemoMail(f"{n + 5:02d}-results-may", lambda: send(
            sender_of(campaign, first), f"{first}消费促进月（5月）活动成效统计表",
            [(f"{campaign.code}_results_may_template_{first}（已填）.xlsx",
              _results_may(campaign, first))], at(results_due, -1, 17)),
            "results of May in the project's template"),
    ]  # fmt: skip
    return mails
