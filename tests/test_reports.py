"""Reports from a real warehouse (SQLite and PostgreSQL): every number equals a view query."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from factories import seed_activity, seed_figure, seed_submission
from openpyxl import load_workbook
from sqlalchemy import Engine, text

from jinxiao.config import load_campaign
from jinxiao.normalise.values import county_table
from jinxiao.reports.build import generate_report
from jinxiao.reports.figures import gather
from jinxiao.reports.rollup import write_rollup
from jinxiao.warehouse.connection import connect, migrate

CST = dt.timezone(dt.timedelta(hours=8))
AFTER_ALL = dt.datetime(2022, 1, 5, 9, tzinfo=CST)  # every deadline has passed
BEFORE_MAY_DEADLINE = dt.datetime(2021, 6, 1, 9, tzinfo=CST)
EVIL = '=HYPERLINK("http://evil.example/x","点击领取")'
AT_NAME = "@郊区家电以旧换新"  # a results row not in the registry, with a formula-like name


def _t(y, m, d, hh=10) -> dt.datetime:
    return dt.datetime(y, m, d, hh, tzinfo=CST)


def _activity(conn, sub: int, row: int, counties: str, name: str, start: str | None,
              end: str | None, **values) -> int:  # fmt: skip
    return seed_activity(conn, sub, row=row, counties=counties, name=name, start_date=start,
                         end_date=end, period_raw=start and f"{start}~{end}", **values)  # fmt: skip


def _submission(conn, city: str, form: str, outcome: str, received: dt.datetime) -> int:
    return seed_submission(conn, city=city, form=form, outcome=outcome, received=received)


def seed(engine: Engine) -> None:
    with engine.begin() as conn:
        # 太原: a first registry superseded by a corrected one, both on time.
        old = _submission(conn, "太原市", "registry", "superseded", _t(2021, 4, 20))
        _activity(conn, old, 5, "小店区", "旧表活动", "2021-05-01", "2021-05-02",
                  enterprise_count=999, est_turnover_wan=99999, category="其他")  # fmt: skip
        ty = _submission(conn, "太原市", "registry", "accepted", _t(2021, 4, 22))
        a1 = _activity(conn, ty, 5, "小店区", "2021年太原市“五一”美食节",
                       "2021-05-01", "2021-05-05", enterprise_count=50,
                       est_turnover_wan=5000, category="餐饮消费")  # fmt: skip
        a2 = _activity(conn, ty, 6, "全市", "太原市政府电子消费券发放",
                       "2021-05-01", "2021-05-31", enterprise_count=300,
                       est_turnover_wan=20000, category="发放政府电子消费券")  # fmt: skip
        a3 = _activity(conn, ty, 7, "迎泽区、小店区", EVIL, "2021-06-10",
                       "2021-06-20", enterprise_count=None, est_turnover_wan=None,
                       category="夜经济")  # fmt: skip
        # 阳泉: on time registry, results of May late, one results row not in the registry.
        yq = _submission(conn, "阳泉市", "registry", "accepted", _t(2021, 4, 23, 23))
        y1 = _activity(conn, yq, 4, "城区", "阳泉城区汽车展销会",
                       "2021-05-08", "2021-05-10", enterprise_count=20,
                       est_turnover_wan=3000, category="汽车、成品油促消费")  # fmt: skip
        _activity(conn, yq, 5, "盂县", "盂县农村电商节", "2021-05-15",
                  "2021-05-16", enterprise_count=15, est_turnover_wan=800,
                  category="农村消费")  # fmt: skip
        # 大同: registry late; its results of May were rejected and not resent.
        dtg = _submission(conn, "大同市", "registry", "accepted", _t(2021, 4, 25))
        _activity(conn, dtg, 4, "平城区", "大同古城灯会", "2021-05-01",
                  "2021-05-31", enterprise_count=40, est_turnover_wan=1500,
                  category="夜经济")  # fmt: skip
        _submission(conn, "大同市", "results_may", "rejected", _t(2021, 5, 30))
        # 晋城: only a rejected registry.
        _submission(conn, "晋城市", "registry", "rejected", _t(2021, 4, 21))

        tm = _submission(conn, "太原市", "results_may", "accepted", _t(2021, 6, 1, 20))
        _activity(conn, tm, 6, "小店区", "五一美食节", "2021-05-01",
                  "2021-05-05", enterprise_count=55, actual_turnover_wan=6200,
                  footfall_wan=12.5, registry_activity_id=a1)  # fmt: skip
        _activity(conn, tm, 7, "全市", "太原市政府电子消费券发放",
                  "2021-05-01", "2021-05-31", enterprise_count=310, actual_turnover_wan=35000,
                  footfall_wan=80, voucher_issued_wan=3000, voucher_redeemed_wan=2500,
                  registry_activity_id=a2)  # fmt: skip
        _activity(conn, tm, 8, "小店区", EVIL, "2021-05-20", "2021-05-22",
                  actual_turnover_raw="/", registry_activity_id=a3)  # fmt: skip
        seed_figure(conn, tm, "voucher_issued_wan", 5000)
        seed_figure(conn, tm, "voucher_redeemed_wan", 4200)
        ym = _submission(conn, "阳泉市", "results_may", "accepted", _t(2021, 6, 3))
        _activity(conn, ym, 6, "城区", "城区汽车展销会", "2021-05-08",
                  "2021-05-10", enterprise_count=22, actual_turnover_wan=4100,
                  footfall_wan=3, voucher_issued_wan=100, voucher_redeemed_wan=90,
                  registry_activity_id=y1)  # fmt: skip
        _activity(conn, ym, 7, "郊区", AT_NAME, None, None,
                  category="家电家具家装", footfall_wan=1.2, actual_turnover_wan=300)  # fmt: skip

        ty_year = _submission(conn, "太原市", "results_year", "accepted", _t(2021, 12, 28))
        for row, (start, wan, cat) in enumerate(
            [("2021-05-01", 6200, "餐饮消费"), ("2021-07-15", 8000, "夜经济"),
             ("2021-10-01", None, "节假日消费"), ("2021-12-12", 12000, "网络消费")], start=6,
        ):  # fmt: skip
            _activity(conn, ty_year, row, "小店区", f"全年活动{row}", start,
                      start, actual_turnover_wan=wan, footfall_wan=2, category=cat)  # fmt: skip


@pytest.fixture
def engine(sqlite_warehouse, campaign) -> Engine:
    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    seed(eng)
    return eng


def one(engine: Engine, sql: str, **params) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(text(sql), params).mappings().one())


def sheet_table(ws, header_first: str) -> tuple[list[str], list[list[object]]]:
    """The header row that starts with `header_first` and the rows under it up to a blank."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == header_first)
    body = []
    for r in rows[start + 1 :]:
        if r[0] is None:
            break
        body.append(list(r))
    # print_setup breaks a long header before its unit (“预估成交额\n（亿元）”).
    header = [h.replace("\n", "") if isinstance(h, str) else h for h in rows[start]]
    return header, body


def by_label(ws) -> dict[str, object]:
    _h, body = sheet_table(ws, "指标")
    return {r[0]: r[1] for r in body}


def check_report_numbers(engine: Engine, out: Path, campaign) -> None:
    files = generate_report(engine, out, "june1", now=AFTER_ALL, campaign=campaign)
    assert files.xlsx.name == "jx2021_june1_2021-06-01.xlsx"
    assert files.docx.name == "jx2021_june1_2021-06-01.docx"
    wb = load_workbook(files.xlsx)
    assert wb.sheetnames == ["总体情况", "分市情况", "分类情况", "重点活动", "报送情况", "数据缺口"]
    prov = one(engine, "SELECT * FROM v_province_summary")
    res = one(
        engine,
        "SELECT SUM(activities) AS a, SUM(actual_turnover_wan) AS t, SUM(footfall_wan) AS f, "
        "SUM(voucher_issued_wan) AS vi, SUM(voucher_redeemed_wan) AS vr "
        "FROM v_results_city_summary WHERE form = 'results_may'",
    )
    got = by_label(wb["总体情况"])
    assert got["参与市"] == prov["cities"] == 3
    assert got["参加县区（市）"] == prov["counties"] == 5
    assert got["重点活动"] == prov["activities"] == 6
    assert got["参与企业"] == prov["enterprises"] == 425
    assert got["预估成交额"] == pytest.approx(float(prov["est_turnover_yi"])) == 3.03
    assert got["成效统计活动"] == res["a"] == 5
    assert got["实际成交额"] == pytest.approx(float(res["t"]) / 10000)
    assert got["客流量"] == pytest.approx(float(res["f"])) == pytest.approx(96.7)
    # 太原 gave its 全市 totals (5000/4200), 阳泉 did not: its rows count (100/90).
    assert got["发放消费券"] == pytest.approx(float(res["vi"])) == 5100
    assert got["核销消费券"] == pytest.approx(float(res["vr"])) == 4290
    assert got["未填报实际成交额的活动"] == 1

    header, body = sheet_table(wb["分市情况"], "市")
    rows = {r[0]: dict(zip(header, r)) for r in body}
    assert list(rows)[:11] == [c.name for c in campaign.cities]
    with engine.connect() as conn:
        for city in conn.execute(text("SELECT * FROM v_city_summary")).mappings():
            row = rows[city["city_name"]]
            if city["activities"] == 0:  # no accepted registry: unknown, never 0
                assert row["参加县区（个）"] == "未报送", city["city_name"]
                assert row["重点活动（场）"] == row["预估成交额（亿元）"] == "/"
                continue
            assert row["参加县区（个）"] == city["counties"]
            assert row["重点活动（场）"] == city["activities"]
            assert row["参与企业（家）"] == city["enterprises"]
            assert row["预估成交额（亿元）"] == pytest.approx(float(city["est_turnover_yi"]))
    assert rows["全省合计"]["重点活动（场）"] == prov["activities"]
    assert rows["长治市"]["成效统计活动（场）"] == "未报送"
    assert rows["长治市"]["实际成交额（亿元）"] == "/"  # unknown, not 0
    assert rows["长治市"]["客流量（万人次）"] == "/"
    # The total counts what is known and says what it leaves out.
    assert rows["全省合计"]["实际成交额（亿元）"] == pytest.approx(4.56)
    note = next(
        r[0] for r in wb["分市情况"].iter_rows(values_only=True) if str(r[0]).startswith("注：")
    )
    assert "全省合计只计已填报的数据，8个市未报送活动名录，9个市未报送5月成效" in note
    assert "5月成效中1场未填报实际成交额，1场未填报客流量，均未计入" in note
    assert len(wb["分市情况"]._charts) == 1 and len(wb["分类情况"]._charts) == 1
    # The chart plots no bar for an unknown figure (never a 0) and its label says why.
    (chart,) = wb["分市情况"]._charts
    cat = chart.series[0].cat
    labels = _chart_range(wb, (cat.strRef or cat.numRef).f)
    plotted = [_chart_range(wb, s.val.numRef.f) for s in chart.series]
    changzhi = labels.index("长治市（未填报）")
    assert all(series[changzhi] is None for series in plotted)
    taiyuan = labels.index("太原市")
    assert plotted[1][taiyuan] == rows["太原市"]["实际成交额（亿元）"]
    # Printed, 分类情况's chart would not fit under its table: it starts the next page.
    ws = wb["分类情况"]
    (anchor,) = [c.anchor._from.row + 1 for c in ws._charts]
    assert [b.id for b in ws.row_breaks.brk] == [anchor - 1]

    header, body = sheet_table(wb["分类情况"], "类别")
    cats = {r[0]: dict(zip(header, r)) for r in body}
    assert list(cats) == list(campaign.all_categories)
    assert cats["夜经济"]["重点活动（场）"] == 2
    # The results row without a category takes its registry activity's (餐饮消费).
    assert cats["餐饮消费"]["实际成交额（亿元）"] == pytest.approx(0.62)
    assert cats["家电家具家装"]["成效统计活动（场）"] == 1
    assert cats["老字号"]["重点活动（场）"] == 0
    assert cats["老字号"]["预估成交额（亿元）"] == cats["老字号"]["实际成交额（亿元）"] == "/"
    # 夜经济's one results row left the turnover blank: its sum is unknown, not 0.
    assert cats["夜经济"]["成效统计活动（场）"] == 1 and cats["夜经济"]["实际成交额（亿元）"] == "/"
    assert sum(c["重点活动（场）"] for c in cats.values()) == prov["activities"]

    header, body = sheet_table(wb["重点活动"], "排名")
    assert [r[3] for r in body] == [
        "太原市政府电子消费券发放",
        "五一美食节",
        "城区汽车展销会",
        AT_NAME,
    ]
    assert body[0][7] == 35000

    header, body = sheet_table(wb["报送情况"], "市")
    status = {r[0]: dict(zip(header, r)) for r in body}
    assert status["太原市"]["活动名录状态"] == "按时"
    assert status["太原市"]["活动名录首次报送时间"] == "2021-04-20 10:00"
    assert status["大同市"]["活动名录状态"] == "逾期"
    assert status["大同市"]["5月成效状态"] == "退回待改"
    assert status["晋城市"]["活动名录状态"] == "退回待改"
    assert status["阳泉市"]["5月成效状态"] == "逾期"
    assert status["长治市"]["活动名录状态"] == "未报送"
    assert status["长治市"]["全年成效状态"] == "未到期"
    assert status["太原市"]["全年成效状态"] == "按时"

    doc = Document(files.docx)
    body_text = "\n".join(p.text for p in doc.paragraphs)
    # One title, broken between words: “…消费促进月” / “活动开展情况的报告”.
    assert doc.paragraphs[0].text == "山西省商务厅关于2021年全国消费促进月\n活动开展情况的报告"
    for heading in ("一、总体情况", "二、主要做法和成效", "三、存在的问题", "四、下一步工作"):
        assert heading in body_text
    assert "共有5个县区（市）参加，安排重点活动6场，参与企业425家，预估成交3.03亿元" in body_text
    assert "实际成交4.56亿元，客流量96.7万人次，发放消费券5100万元、核销4290万元" in body_text
    assert "（1场活动未填报实际成交额、1场未填报客流量，未计入上述合计）" in body_text
    # 附件1: a city without a registry reads 未报送 and “/”, never 0; the note says why.
    city_table = {row.cells[0].text: [c.text for c in row.cells] for row in doc.tables[0].rows}
    assert city_table["长治市"][1:] == ["未报送", "/", "/", "未报送", "/"]
    assert city_table["全省合计"][1:] == ["5", "6", "3.03", "5", "4.56"]
    assert any(p.text.startswith("注：“未报送”表示该市尚无被采用的报表") for p in doc.paragraphs)
    cat_table = {row.cells[0].text: [c.text for c in row.cells] for row in doc.tables[1].rows}
    assert cat_table["老字号"][1:] == ["0", "/", "0", "/"]
    assert "太原市“太原市政府电子消费券发放”实际成交额35000万元" in body_text
    assert "大同市逾期报送" in body_text and "晋城市报送的表格被退回后尚未重新报送" in body_text
    assert "有1场活动未填报实际成交额" in body_text
    # The fixture's rows record no 类别 source: the report says the rules assigned them.
    assert (
        "全省6场重点活动中，6场各市未填写类别，由系统根据活动名称、活动内容和支持政策按规则归类"
        in (body_text)
    )
    manifest = json.loads(files.manifest.read_text(encoding="utf-8"))
    assert manifest["draft"] is False and manifest["form"] == "results_may"
    assert files.pdf is None or files.pdf.exists()


def test_june1_report_numbers_equal_view_queries(engine, campaign, tmp_path):
    check_report_numbers(engine, tmp_path / "out", campaign)


def test_june1_report_on_postgresql(pg_warehouse, campaign, tmp_path):
    eng = connect(pg_warehouse)
    migrate(eng, campaign, county_table())
    seed(eng)
    try:
        check_report_numbers(eng, tmp_path / "out", campaign)
        path = write_rollup(
            eng, tmp_path / "out", dt.date(2021, 6, 1), now=AFTER_ALL, campaign=load_campaign()
        )
        assert load_workbook(path)["附件2"].cell(4, 1).value == "参加县区"
        year = generate_report(eng, tmp_path / "out", "year_end", now=AFTER_ALL, campaign=campaign)
        header, body = sheet_table(load_workbook(year.xlsx)["阶段对比"], "阶段")
        assert dict(zip(header, body[0]))["活动（场）"] == 5  # the May results, on PostgreSQL too
    finally:
        eng.dispose()


def test_year_end_report_splits_may_and_months(engine, campaign, tmp_path):
    files = generate_report(engine, tmp_path, "year_end", now=AFTER_ALL, campaign=campaign)
    assert files.xlsx.name == "jx2021_year_end_2021-12-31.xlsx"
    wb = load_workbook(files.xlsx)
    assert wb.sheetnames[-2:] == ["阶段对比", "月度趋势"]
    header, body = sheet_table(wb["阶段对比"], "阶段")
    periods = {r[0]: dict(zip(header, r)) for r in body}
    # The May stage is the May results (太原 3 rows, 阳泉 2), not the year form's one May row
    # of 太原 (the same activity again); June–December the year form's later rows.
    may = one(engine, "SELECT COUNT(*) AS n, SUM(actual_turnover_wan) AS t FROM v_results_current "
                      "WHERE form = 'results_may'")  # fmt: skip
    assert periods["消费促进月（5月）"]["活动（场）"] == may["n"] == 5
    assert periods["消费促进月（5月）"]["实际成交额（万元）"] == pytest.approx(may["t"]) == 45600
    assert periods["消费促进月（5月）"]["未填实际成交额（场）"] == 1
    assert periods["6月—12月"]["活动（场）"] == 3
    assert periods["6月—12月"]["实际成交额（万元）"] == 20000
    assert periods["6月—12月"]["未填实际成交额（场）"] == 1
    assert periods["6月—12月"]["参与企业（家）"] == "/"  # no year row gave a count: not 0
    header, body = sheet_table(wb["月度趋势"], "月份")
    months = {r[0]: dict(zip(header, r)) for r in body}
    assert list(months) == [f"2021年{m}月" for m in range(5, 13)]  # every campaign month
    assert months["2021年5月"]["成效统计活动（场）"] == 5  # the May results, as 阶段对比
    assert months["2021年5月"]["实际成交额（万元）"] == 45600
    assert months["2021年7月"]["实际成交额（万元）"] == 8000
    assert months["2021年8月"]["成效统计活动（场）"] == 0
    assert months["2021年8月"]["实际成交额（万元）"] == "/"  # a sum of nothing is unknown
    assert months["2021年10月"]["成效统计活动（场）"] == 1  # its one row left turnover blank
    assert months["2021年10月"]["实际成交额（万元）"] == "/"
    assert [b.id for b in wb["月度趋势"].row_breaks.brk]  # the second chart starts a page
    # The line leaves unknown months out (a gap), rather than drawing “/” as 0.
    ws = wb["月度趋势"]
    (line,) = (c for c in ws._charts if c.tagname == "lineChart")
    ref = line.series[0].val.numRef.f  # '月度趋势'!$H$4:$H$12
    col = ref.split("!$")[1].split("$")[0]
    assert ws.column_dimensions[col].hidden and line.visible_cells_only is False
    plotted = {ws[f"A{r}"].value: ws[f"{col}{r}"].value for r in range(5, 13)}
    assert plotted["2021年7月"] == 8000 and plotted["2021年8月"] is None
    assert plotted["2021年10月"] is None  # one row, its turnover blank
    assert months["2021年5月"]["名录计划活动（场）"] == 5  # registry rows starting in May
    assert len(wb["月度趋势"]._charts) == 2
    text_ = "\n".join(p.text for p in Document(files.docx).paragraphs)
    assert "2021年5月实际成交额最高，为45600万元" in text_
    assert "消费促进月（5月）开展活动5场，实际成交45600万元（另有1场未填报成交额）" in text_
    assert "6月—12月延续开展活动3场，实际成交20000万元（另有1场未填报成交额）" in text_


def test_rollup_groups_cities_and_fills_sentence(engine, campaign, tmp_path):
    path = write_rollup(
        engine, tmp_path, dt.date(2021, 6, 1), now=AFTER_ALL, campaign=load_campaign()
    )
    assert path.name == "jx2021_rollup_2021-06-01.xlsx"
    ws = load_workbook(path)["附件2"]
    rows = list(ws.iter_rows(values_only=True))
    assert tuple(h.replace("\n", "") for h in rows[3]) == load_campaign().tables.registry_header
    city_rows = [r[0] for r in rows if r[0] and "（" in r[0] and r[0].endswith("项）")]
    assert city_rows[:3] == ["太原市（3项）", "大同市（1项）", "阳泉市（2项）"]
    assert len(city_rows) == 3 and "长治市（未报送）" in {r[0] for r in rows}
    ty = rows[5]
    assert ty[:3] == ("小店区", "2021年太原市“五一”美食节", "5月1日-5月5日")
    assert ty[4] == 50 and ty[6] == 5000
    assert ws.cell(6, 7).number_format == 'General"万元"'
    assert rows[7][4] == "/" and rows[7][6] == "/"  # unknown, never 0
    assert rows[7][1] == EVIL and ws.row_dimensions[8].height >= 30  # its long name wraps whole
    assert "旧表活动" not in {r[1] for r in rows}  # superseded registry is not current
    prov = one(engine, "SELECT * FROM v_province_summary")
    sentence = next(r[0] for r in rows if r[0] and str(r[0]).startswith("参加2021年"))
    assert sentence == (
        f"参加2021年全国消费促进月活动的县区（市）{prov['counties']}个，重点活动"
        f"{prov['activities']}场，参与企业{prov['enterprises']}家，预估成交3.03亿元。"
    )
    assert any(r[0] and str(r[0]).startswith("注：") for r in rows)
    cities = {r[0]: r for r in load_workbook(path)["分市汇总"].iter_rows(values_only=True)}
    assert cities["长治市"][1:] == ("未报送", "/", "/", "/")  # no registry: unknown, never 0
    assert cities["全省合计"][1:3] == (prov["counties"], prov["activities"])
    note = next(k for k in cities if k and str(k).startswith("注："))
    assert "8个市未报送活动名录，1场活动未填报预估成交额，均未计入" in note


def test_activity_name_is_never_written_as_a_formula(engine, campaign, tmp_path):
    rollup = write_rollup(
        engine, tmp_path, dt.date(2021, 6, 1), now=AFTER_ALL, campaign=load_campaign()
    )
    report = generate_report(engine, tmp_path, "june1", now=AFTER_ALL, campaign=campaign).xlsx
    for path in (rollup, report):
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/work"))
        assert "<f>" not in xml  # no formula anywhere in the sheets
        wb = load_workbook(path)
        names = (EVIL, AT_NAME)
        cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in names]
        assert cells, path.name
        assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_same_warehouse_gives_same_cells(engine, campaign, tmp_path):
    def cells(path: Path) -> list:
        wb = load_workbook(path)
        return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in wb]

    a = generate_report(engine, tmp_path / "a", "june1", now=AFTER_ALL, campaign=campaign)
    b = generate_report(engine, tmp_path / "b", "june1", now=AFTER_ALL, campaign=campaign)
    assert cells(a.xlsx) == cells(b.xlsx)
    texts = [[p.text for p in Document(f.docx).paragraphs] for f in (a, b)]
    assert texts[0] == texts[1]
    r1 = write_rollup(
        engine, tmp_path / "a", dt.date(2021, 6, 1), now=AFTER_ALL, campaign=load_campaign()
    )
    r2 = write_rollup(
        engine, tmp_path / "b", dt.date(2021, 6, 1), now=AFTER_ALL, campaign=load_campaign()
    )
    assert cells(r1) == cells(r2)


def test_report_before_deadline_is_a_draft(engine, campaign, tmp_path):
    files = generate_report(engine, tmp_path, "june1", now=BEFORE_MAY_DEADLINE, campaign=campaign)
    assert files.draft
    assert files.xlsx.name == "jx2021_june1_2021-06-01.xlsx"  # same name; the flag says draft
    assert json.loads(files.manifest.read_text(encoding="utf-8"))["draft"] is True
    assert "草稿" in load_workbook(files.xlsx)["总体情况"]["A1"].value
    assert Document(files.docx).paragraphs[0].text.endswith("（草稿）")
    final = gather(engine, "june1", now=AFTER_ALL, campaign=campaign)
    assert not final.draft


def test_empty_warehouse_still_reports(sqlite_warehouse, campaign, tmp_path):
    eng = connect(sqlite_warehouse)
    migrate(eng, campaign, county_table())
    files = generate_report(eng, tmp_path, "june1", now=AFTER_ALL, campaign=campaign)
    got = by_label(load_workbook(files.xlsx)["总体情况"])
    assert got["重点活动"] == 0  # a count of nothing is 0; a sum of nothing is unknown
    assert got["实际成交额"] == got["预估成交额"] == got["客流量"] == "/"
    text_ = "\n".join(p.text for p in Document(files.docx).paragraphs)
    assert "尚无市报送5月成效" in text_
    assert "太原市、大同市" in text_  # every city is missing the registry


def test_report_days_come_from_the_campaign_config(campaign):
    from jinxiao.reports.figures import report_is_due

    cst = dt.timezone(dt.timedelta(hours=8))
    assert report_is_due("june1", dt.datetime(2021, 6, 1, 9, tzinfo=cst), campaign)
    assert report_is_due("june1", dt.datetime(2021, 6, 2, 9, tzinfo=cst), campaign)
    assert not report_is_due("june1", dt.datetime(2021, 6, 3, 9, tzinfo=cst), campaign)
    # 2021-12-31 16:30 UTC is already 2022-01-01 in Shanghai: the final year-end run.
    assert report_is_due("year_end", dt.datetime(2021, 12, 31, 16, 30, tzinfo=dt.UTC), campaign)
    assert not report_is_due("year_end", dt.datetime(2021, 6, 1, 9, tzinfo=cst), campaign)


def test_a_rollup_is_written_again_only_when_its_content_changed(engine, campaign, tmp_path):
    first = write_rollup(engine, tmp_path, dt.date(2021, 6, 1), now=AFTER_ALL, campaign=campaign)
    again = write_rollup(engine, tmp_path, dt.date(2021, 6, 2), now=AFTER_ALL, campaign=campaign)
    assert again == first
    assert [p.name for p in tmp_path.glob("*.xlsx")] == [first.name]
    # A results form changes no cell of the roll-up: still no second file.
    with engine.begin() as conn:
        sub = _submission(conn, "长治市", "results_may", "accepted", _t(2021, 6, 1))
        _activity(conn, sub, 6, "潞州区", "长治美食节", "2021-05-01", "2021-05-03",
                  actual_turnover_wan=100)  # fmt: skip
    assert (
        write_rollup(engine, tmp_path, dt.date(2021, 6, 2), now=AFTER_ALL, campaign=campaign)
        == first
    )
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE activity SET enterprise_count = COALESCE(enterprise_count, 0) + 1 "
                "WHERE form = 'registry'"
            )
        )
    changed = write_rollup(engine, tmp_path, dt.date(2021, 6, 3), now=AFTER_ALL, campaign=campaign)
    assert changed.name == "jx2021_rollup_2021-06-03.xlsx"
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == [first.name, changed.name]
    # The same as-of date is rewritten in place, never as a second file.
    assert (
        write_rollup(engine, tmp_path, dt.date(2021, 6, 3), now=AFTER_ALL, campaign=campaign)
        == changed
    )


def test_implausible_rows_are_flagged_not_praised(engine, campaign, tmp_path):
    """85 家企业、20 万人次、0.9 万元 and a turnover 100× its registry estimate: both listed
    under 数据缺口 with the reason, neither ranked nor named 居该类活动首位."""
    with engine.begin() as conn:
        y1 = conn.execute(
            text("SELECT activity_id FROM activity WHERE activity_name = '阳泉城区汽车展销会'")
        ).scalar_one()
        ym = conn.execute(
            text("SELECT submission_id FROM submission WHERE city_name = '阳泉市' "
                 "AND form = 'results_may'")
        ).scalar_one()  # fmt: skip
        _activity(conn, ym, 8, "城区", "老字号展销周", "2021-05-10", "2021-05-16",
                  enterprise_count=85, actual_turnover_wan=0.9, footfall_wan=20,
                  category="老字号")  # fmt: skip
        _activity(conn, ym, 9, "城区", "城区汽车节", "2021-05-20", "2021-05-22",
                  enterprise_count=30, actual_turnover_wan=410000, footfall_wan=30,
                  registry_activity_id=y1)  # fmt: skip
    files = generate_report(engine, tmp_path, "june1", now=AFTER_ALL, campaign=campaign)
    wb = load_workbook(files.xlsx)
    rows = list(wb["数据缺口"].iter_rows(values_only=True))
    heading = next(i for i, r in enumerate(rows) if str(r[0]).startswith("数据存疑的活动"))
    assert rows[heading][0] == "数据存疑的活动（2场，未列入重点活动排名，待各市核实）"
    header = [h.replace("\n", "") for h in rows[heading + 1] if h]
    assert header == ["市", "工作表", "行号", "参加县区", "重点活动名称", "存疑情况"]
    listed = {r[4]: r for r in rows[heading + 2 : heading + 4]}
    assert listed["老字号展销周"][:3] == ("阳泉市", "Sheet1", 8)
    assert "85家企业参与，实际成交额仅0.9万元" in listed["老字号展销周"][5]
    assert "人均0.045元" in listed["老字号展销周"][5]
    assert "与活动名录预估的3000万元相差100倍以上" in listed["城区汽车节"][5]
    _h, top = sheet_table(wb["重点活动"], "排名")
    names = [r[3] for r in top]
    assert "城区汽车节" not in names and "老字号展销周" not in names
    assert names[0] == "太原市政府电子消费券发放"  # 41 亿元 would have ranked first
    notes = [r[0] for r in wb["重点活动"].iter_rows(values_only=True) if r[0]]
    assert any(str(n).startswith("注：2场活动各项数据明显不符") for n in notes)
    body = "\n".join(p.text for p in Document(files.docx).paragraphs)
    assert "老字号展销周" not in body.split("三、存在的问题")[0]  # no praise
    assert "城区汽车节" not in body.split("三、存在的问题")[0]
    assert "（二）汽车、成品油促消费。" in body
    assert "（五）老字号。成效统计活动1场，实际成交0.9万元。" in body  # not “0亿元”
    assert "阳泉市城区“城区汽车展销会”实际成交额4100万元，居该类活动首位" in body
    problems = body.split("三、存在的问题")[1].split("四、下一步工作")[0]
    assert "部分数据明显不符。阳泉市“老字号展销周”85家企业参与，实际成交额仅0.9万元" in problems
    assert "已请相关市核实后更正" in problems
    assert "其中，2场活动的数据明显不符（见“存在的问题”），涉及实际成交410000.9万元" in body
    # 阳泉 ranks by its sound rows only (4400 万元), behind 太原 (41200 万元).
    assert "分市看，实际成交额居前的是太原市（4.12亿元）、阳泉市（0.44亿元）。" in body


def _chart_range(wb, ref: str) -> list:
    """The values of a chart's cell range ('分市情况'!$N$6:$N$16)."""
    sheet, cells = ref.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]
