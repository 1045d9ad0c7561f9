"""Tables end where they end, and forms are told apart by what they say (issue 11, items 1-2).

Real .xlsx bytes (openpyxl), read back through the project's reader (read_workbook).
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from jinxiao.domain.models import Attachment
from jinxiao.reading.formats import read_workbook
from jinxiao.reading.locate import decide_form, detect_form, locate, unit_of
from jinxiao.warehouse.link_results import match_registry_activity

HEADER = ["序号", "参加县区", "重点活动名称", "举办时间", "活动内容（简要概述）", "参与企业数量",
          "支持政策及优惠举措", "预估成效（成交额等）"]  # fmt: skip
TITLE = "山西省2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录"


def act(n: int, county: str, name: str, period: str = "5月1日-5月7日") -> list[object]:
    return [n, county, name, period, "展销、满减", 20 + n, "发放消费券", 100 * n]


def read(rows: list[list[object]], filename: str = "名录.xlsx", merges: tuple[str, ...] = ()):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for rng in merges:
        ws.merge_cells(rng)
    buf = io.BytesIO()
    book.save(buf)
    payload = buf.getvalue()
    return read_workbook(Attachment(filename, "application/octet-stream", payload, filename))


def names(table) -> list[str]:
    return [r.cells["activity_name"] for r in table.rows]


# ---------------------------------------------------------------- where a table ends


def test_a_county_summary_right_below_the_table_is_no_activities_but_a_notice():
    rows = [
        [TITLE], HEADER,
        act(1, "小店区", "龙城美食节"), act(2, "小店区", "汽车博览会"),
        ["总计", None, None, None, None, 43, None, 300],
        [None, "县区", "活动数量（场）", "参与企业（家）", "预估成交额（万元）"],
        [None, "小店区", 2, 43, 300],
        [None, "迎泽区", 0, 0, 0],
    ]  # fmt: skip
    t = locate(read(rows), "registry")
    assert names(t) == ["龙城美食节", "汽车博览会"]
    assert any("第6行起是各县区汇总表" in n and "共2行" in n for n in t.notices)


def test_a_second_table_below_a_gap_ends_the_first():
    rows = [
        HEADER, act(1, "小店区", "龙城美食节"), act(2, "迎泽区", "夜经济消费季"),
        [None], [None],
        ["序号", "企业名称", "所在县区", "联系人", "联系电话"],
        [1, "龙城百货大楼", "小店区", "王强", "13903510001"],
        [2, "华联超市", "迎泽区", "李娜", "13903510002"],
    ]  # fmt: skip
    t = locate(read(rows), "registry")
    assert names(t) == ["龙城美食节", "夜经济消费季"]
    assert any("第6行起是另一张表格" in n for n in t.notices)


def test_a_titled_table_of_another_shape_after_a_gap_is_not_read():
    rows = [
        HEADER, act(1, "小店区", "龙城美食节"),
        [None], ["重点商户销售情况"],
        ["龙城百货大楼", 260], ["华联超市", 120],
    ]  # fmt: skip
    t = locate(read(rows, merges=("A4:H4",)), "registry")
    assert names(t) == ["龙城美食节"]


def test_headings_subtotals_and_a_blank_row_inside_the_table_keep_it_going():
    rows = [
        HEADER,
        ["一、小店区"] * 8,
        act(1, "小店区", "龙城美食节"), act(2, "小店区", "汽车博览会"),
        ["小店区小计", None, None, None, None, 43, None, 300],
        [None],
        ["二、迎泽区"] * 8,
        act(3, "迎泽区", "夜经济消费季"),
        ["小  计（1项）", None, None, None, None, 23, None, 300],
        ["合 计", None, None, None, None, 66, None, 600],
        ["参加2021年全国消费促进月活动的县区（市）2个，重点活动3场，参与企业66家，预估成交0.06亿元。"],
    ]  # fmt: skip
    t = locate(read(rows, merges=("A2:H2", "A7:H7", "A11:H11")), "registry")
    assert names(t) == ["龙城美食节", "汽车博览会", "夜经济消费季"]
    assert t.summary_sentence and "重点活动3场" in t.summary_sentence
    # Section headings are no activity cut short: the city is not asked about them.
    assert not any("一、小店区" in n for n in t.notices)


def test_a_header_repeated_after_a_page_break_keeps_the_table():
    rows = [
        HEADER,
        act(1, "小店区", "龙城美食节"),
        [None],
        HEADER,
        act(2, "迎泽区", "夜经济消费季"),
    ]
    assert names(locate(read(rows), "registry")) == ["龙城美食节", "夜经济消费季"]


@pytest.mark.parametrize(
    "label",
    ["合计", "合 计", "总计：", "小计", "潞州区小计", "全市合计", "小计（3项）", "一、合计"],
)
def test_totals_at_any_level_are_not_activities(label):
    rows = [HEADER, act(1, "小店区", "龙城美食节"), [label, None, None, None, None, 21, None, 100]]
    t = locate(read(rows), "registry")
    assert names(t) == ["龙城美食节"]


def test_a_period_in_two_columns_under_one_group_header():
    rows = [
        ["参加县区", "重点活动名称", "举办时间", None, "参与企业数量"],
        [None, None, "开始时间", "结束时间", None],
        ["小店区", "龙城美食节", dt.datetime(2021, 5, 1), dt.datetime(2021, 5, 9), 20],
    ]
    t = locate(read(rows, merges=("A1:A2", "B1:B2", "C1:D1", "E1:E2")), "registry")
    cells = t.rows[0].cells
    assert cells["period"] == dt.date(2021, 5, 1)
    assert cells["period_end"] == dt.date(2021, 5, 9)


# ---------------------------------------------------------------- forms by meaning

OWN_RESULTS = ["序号", "活动项目", "开展时间", "参与商家（家）", "实现交易额（千元）",
               "带动客流（人次）", "核销消费券（元）"]  # fmt: skip


def test_results_in_own_words_without_county_or_marker_are_results_of_may():
    rows = [
        ["太原市5月份促消费活动开展情况统计"],
        OWN_RESULTS,
        [1, "龙城美食节", "5月1日-5月7日", 30, 56000, 24000, 1500000],
        ["合计", None, None, None, 56000, None, None],
    ]
    wb = read(rows, filename="太原市5月份活动开展情况.xlsx")
    decision = decide_form(wb, "太原市5月份促消费活动开展情况", received_at=dt.date(2021, 6, 2))
    assert decision.form == "results_may"
    assert 0.5 <= decision.confidence <= 1.0
    assert any("客流" in e for e in decision.evidence)
    t = locate(wb, "results_may")
    assert names(t) == ["龙城美食节"]
    assert "county" not in t.columns
    assert t.units["actual_turnover"] == "千元"
    assert t.units["footfall"] == "人次"
    assert t.units["voucher_redeemed"] == "元"
    assert any("县区按本市活动名录" in n for n in t.notices)


def test_the_date_tells_the_year_when_no_word_does():
    rows = [
        ["县（市、区）", "活动名称", "实际开展时间", "销售额（亿元）", "客流（万人次）"],
        ["小店区", "龙城美食节", "10月1日-10月7日", 0.12, 3.5],
    ]
    wb = read(rows, filename="促消费活动开展情况统计表.xlsx")
    assert detect_form(wb, "2021年促消费活动开展情况", received_at=dt.date(2021, 12, 24)) == (
        "results_year"
    )
    assert locate(wb, "results_year").units["actual_turnover"] == "亿元"


def test_a_may_summary_sent_in_may_is_may_although_it_says_zongjie():
    rows = [
        ["参加县区", "活动名称", "实际举办时间", "实际成交额（万元）", "客流量（万人次）"],
        ["小店区", "龙城美食节", "5月1日-5月7日", 560, 3.5],
    ]
    wb = read(rows, filename="长治市消费促进月期间促消费工作总结.xlsx")
    assert detect_form(wb, received_at=dt.date(2021, 5, 28)) == "results_may"


def test_a_registry_stays_a_registry_though_it_has_a_footfall_column():
    rows = [
        ["参加县区", "重点活动名称", "举办时间", "活动内容", "支持政策及优惠举措",
         "预估成效/成交额（万元）", "预估成效/客流量（万人次）"],
        ["小店区", "龙城美食节", "5月1日-5月7日", "展销", "满减", 560, 3.5],
    ]  # fmt: skip
    assert detect_form(read(rows, filename="附件2.xlsx")) == "registry"


def test_a_list_of_participating_firms_is_neither_plan_nor_registry():
    rows = [
        ["序号", "企业名称", "地址", "联系人", "联系电话"],
        [1, "忻州百货有限公司", "原平市体育馆广场", "张敏", "13933076838"],
    ]
    assert detect_form(read(rows, filename="参与企业名单.xlsx"), "关于报送活动情况的函") is None


@pytest.mark.parametrize(
    ("header", "unit"),
    [("实现交易额（千元）", "千元"), ("销售额（元）", "元"), ("销售额（亿元）", "亿元"),
     ("客流（人次）", "人次"), ("客流（万人次）", "万人次")],
)  # fmt: skip
def test_units_from_each_header(header, unit):
    assert unit_of(header, "footfall" if "客流" in header else "actual_turnover") == unit


def test_a_results_name_written_as_one_of_two_alike_registry_names_links_to_it():
    registry = [(1, "2021年汽车家电下乡"), (2, "汽车家电下乡")]
    assert match_registry_activity(registry, "汽车家电下乡") == 2
    assert match_registry_activity(registry, "2021年汽车家电下乡") == 1


def test_two_period_columns_normalise_to_one_range_and_2021_yuandan_is_2021():
    from jinxiao.config import load_campaign
    from jinxiao.normalise.table import normalise_table
    from jinxiao.normalise.values import parse_date_range

    rows = [
        ["参加县区", "重点活动名称", "举办时间", None, "参与企业数量"],
        [None, None, "开始时间", "结束时间", None],
        ["小店区", "龙城美食节", dt.datetime(2021, 5, 1), "2021.5.9", 20],
    ]
    t = locate(read(rows, merges=("A1:A2", "B1:B2", "C1:D1", "E1:E2")), "registry")
    rec = normalise_table(t, "太原市", load_campaign()).records[0]
    assert (rec["start_date"], rec["end_date"]) == (dt.date(2021, 5, 1), dt.date(2021, 5, 9))
    assert rec["period_raw"] == "2021-05-01至2021.5.9"
    span = (dt.date(2021, 5, 1), dt.date(2021, 12, 31))
    got = parse_date_range("2021年元旦假期", 2021, span)
    assert (got.start, got.end) == (dt.date(2021, 1, 1), dt.date(2021, 1, 3))
    got = parse_date_range("元旦假期", 2021, span)  # the bare word: the campaign's next 元旦
    assert (got.start, got.end) == (dt.date(2022, 1, 1), dt.date(2022, 1, 3))


def test_a_results_row_naming_no_county_takes_its_registry_activitys_counties(
    sqlite_warehouse, campaign
):
    from sqlalchemy import text

    from jinxiao.domain.outcomes import SubmissionResult
    from jinxiao.normalise.table import normalise_table
    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse.connection import connect, migrate
    from jinxiao.warehouse.load import link_to_registry

    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    rows = [OWN_RESULTS, [1, "“龙城”美食节", "5月1日-5月7日", 30, 56000, 24000, 1500000]]
    table = locate(read(rows, filename="太原市5月份活动开展情况.xlsx"), "results_may")
    nt = normalise_table(table, "太原市", campaign)
    assert nt.records[0]["county_codes"] == [] and nt.records[0]["footfall_wan"] == 2.4
    assert nt.records[0]["actual_turnover_wan"] == 5600  # 千元 → 万元
    with eng.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO message (message_key, archive_path, size_bytes, source, source_ref, "
                "first_seen_at, received_at, city_name, outcome) VALUES ('m', '/a', 1, 'x', 'm', "
                "'2021-04-22 10:00:00', '2021-04-22 10:00:00', '太原市', 'accepted')"
            )
        )
        sub_id = conn.execute(
            text(
                "INSERT INTO submission (message_key, attachment_path, filename, size_bytes, "
                "sha256, archive_path, city_name, form, outcome, received_at, recorded_at) "
                "VALUES ('m', '2', 'a.xlsx', 1, 'm', '/a', '太原市', 'registry', 'accepted', "
                "'2021-04-22 10:00:00', '2021-04-22 10:00:00') RETURNING submission_id"
            )
        ).scalar_one()
        act = conn.execute(
            text(
                "INSERT INTO activity (submission_id, message_key, city_name, form, sheet, "
                "excel_row, county_names, citywide, activity_name) VALUES (:s, 'm', '太原市', "
                "'registry', 'Sheet1', 4, '小店区、迎泽区', 0, '龙城美食节') RETURNING activity_id"
            ),
            {"s": sub_id},
        ).scalar_one()
        codes = {n: c for c, n, _, city in county_table() if city == "太原市"}
        for name in ("小店区", "迎泽区"):
            conn.execute(
                text(
                    "INSERT INTO activity_county (activity_id, county_code, county_name, "
                    "city_name) VALUES (:a, :c, :n, '太原市')"
                ),
                {"a": act, "c": codes[name], "n": name},
            )
        att = Attachment("b.xlsx", "application/octet-stream", b"", "2")
        sub = SubmissionResult(att, "d", "/a", "results_may", "validating", table=nt)
        link_to_registry(conn, sub, "太原市")
    rec = nt.records[0]
    assert rec["registry_activity_id"] == act
    assert sorted(rec["county_codes"]) == sorted([codes["小店区"], codes["迎泽区"]])
    assert set(str(rec["county_names"]).split("、")) == {"小店区", "迎泽区"}


def test_a_county_summary_whose_count_differs_from_the_rows_is_told_to_the_city():
    rows = [
        HEADER, act(1, "小店区", "龙城美食节"), act(2, "小店区", "汽车博览会"),
        [None],
        ["县区", "活动场次", "参与企业（家）"],
        ["小店区", 3, 43],
        ["合计", 3, 43],
    ]  # fmt: skip
    t = locate(read(rows), "registry")
    assert names(t) == ["龙城美食节", "汽车博览会"]
    assert any("各县区汇总表中重点活动合计3场，上面的表格中读到2场活动" in n for n in t.notices)
    rows[5][1] = 2
    rows[6][1] = 2
    assert not any("合计2场" in n for n in locate(read(rows), "registry").notices)


def test_yi_and_renci_columns_normalise_to_wan_and_wan_renci():
    from jinxiao.config import load_campaign
    from jinxiao.normalise.table import normalise_table

    rows = [
        ["活动名称", "活动时间", "销售额（亿元）", "客流（人次）", "发放消费券（千元）"],
        ["龙城美食节", "5月1日-5月7日", 0.056, 24000, 1500],
    ]
    t = locate(read(rows, filename="太原市活动成效.xlsx"), "results_may")
    rec = normalise_table(t, "太原市", load_campaign()).records[0]
    assert rec["actual_turnover_wan"] == pytest.approx(560)
    assert rec["footfall_wan"] == pytest.approx(2.4)
    assert rec["voucher_issued_wan"] == pytest.approx(150)


def test_a_results_looking_table_sent_in_april_leans_to_the_registry():
    rows = [
        ["参加县区", "活动名称", "举办时间", "成交额（万元）", "客流（万人次）"],
        ["小店区", "龙城美食节", "5月1日-5月7日", 560, 3.5],
    ]
    wb = read(rows, filename="活动表.xlsx")
    month = (dt.date(2021, 5, 1), dt.date(2021, 5, 31))
    april = decide_form(wb, received_at=dt.date(2021, 4, 22), promotion_month=month)
    assert april.form == "registry"
    assert any("活动尚未开始" in e for e in april.evidence)
    assert decide_form(wb, received_at=dt.date(2021, 6, 2), promotion_month=month).form == (
        "results_may"
    )
    # The year's results sent in the January after: the year, not a registry before May.
    assert decide_form(wb, received_at=dt.date(2022, 1, 8), promotion_month=month).form == (
        "results_year"
    )
    # Without the campaign's month, April means nothing (no registry points).
    assert decide_form(wb, received_at=dt.date(2021, 4, 22)).form == "results_may"


def test_a_data_row_of_words_only_does_not_end_the_table():
    # No digit anywhere, a county ending in 县, a content naming 各县区: still an activity.
    rows = [
        HEADER,
        act(1, "小店区", "龙城美食节"),
        [None, "清徐县", "清徐醋文化节", "端午期间", "各县区联动展销", "若干", "无", "待定"],
    ]
    assert names(locate(read(rows), "registry")) == ["龙城美食节", "清徐醋文化节"]


def test_a_warehouse_made_before_category_confidence_gets_the_column(sqlite_warehouse, campaign):
    from sqlalchemy import inspect, text

    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse.connection import connect, migrate

    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    with eng.begin() as conn:  # as a warehouse of before issue 11 had it
        views = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'view'")).all()
        for (view,) in views:
            conn.execute(text(f"DROP VIEW {view}"))
        conn.execute(text("ALTER TABLE activity DROP COLUMN category_confidence"))
        conn.execute(text("UPDATE warehouse_meta SET value = 'old' WHERE key = 'schema_digest'"))
        # The revision before the column (Alembic revision 0003 adds it).
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    migrate(eng, campaign, county_table())
    with eng.connect() as conn:
        assert "category_confidence" in {c["name"] for c in inspect(conn).get_columns("activity")}
