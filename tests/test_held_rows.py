"""A bad cell holds its row, not the file (issue 11 item 4), through the real intake.

Realistic 附件2 workbooks (openpyxl, the template's layout) arrive in a Maildir: 太原's with
one impossible date, one count nobody can read and one county of 大同; 阳泉's with one
unreadable date, then its correction; 晋城 sending 大同's table (every county another
city's). The held rows must be in v_held_row with their raw text and in no other view,
total, reply figure or report figure; the rest of each table is taken.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from email import message_from_string, policy
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, text

from jinxiao.config import DEFAULT_SENDER_REGISTRY, EXPECTATIONS_DIR, load_campaign
from jinxiao.domain.labels import outcome_label
from jinxiao.domain.models import Attachment, Problem
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.normalise.table import normalise_table
from jinxiao.reading.formats import read_workbook
from jinxiao.reading.locate import locate
from jinxiao.reports.build import generate_report
from jinxiao.samples.files import registry_merges, registry_rows, xlsx_bytes
from jinxiao.samples.mail import build_email, delivery_time
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.validate.holds import other_city_table, split_rows
from jinxiao.warehouse.connection import WarehouseConfig

CST = dt.timezone(dt.timedelta(hours=8))
AFTER_ALL = dt.datetime(2021, 6, 2, 12, tzinfo=dt.UTC)
# Data rows start on Excel row 4 (title, 填报单位, header); rows[i] is Excel row i + 1.
BAD_DATE, BAD_COUNT, OTHER_COUNTY = 5, 6, 8
TAIYUAN_ROWS = 6


def _t(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2021, month, day, hour, tzinfo=CST)


def taiyuan_rows() -> list[list[object]]:
    rows = registry_rows("太原市", TAIYUAN_ROWS)
    rows[BAD_DATE - 1][2] = "5月32日"  # 举办时间: a day May does not have
    rows[BAD_COUNT - 1][4] = "多家"  # 参与企业数量: no number in it
    rows[OTHER_COUNTY - 1][0] = "平城区"  # 参加县区: a district of 大同, not of 太原
    return rows


def yangquan_rows(bad: bool) -> list[list[object]]:
    rows = registry_rows("阳泉市", 3)
    if bad:
        rows[4][2] = "另行通知"  # Excel row 5
    return rows


def datong_table() -> list[list[object]]:
    """大同's table, as 晋城 mistakenly sends it: 3 of 4 rows name 大同's districts, one is
    全市 (which alone would pass as 晋城's)."""
    rows = registry_rows("大同市", 4)
    rows[4][0] = "全市"
    return rows


def _xlsx(rows: list[list[object]]) -> bytes:
    return xlsx_bytes(rows, merges=registry_merges(len(rows) - 5))


MAILS = {  # label -> (sender, subject, filename, rows, sent at)
    "taiyuan": ("swj@taiyuan.sx.example", "太原市活动名录", "附件2：太原市活动名录.xlsx",
                taiyuan_rows(), _t(4, 21)),
    "yangquan_v1": ("swj@yangquan.sx.example", "阳泉市活动名录", "阳泉市活动名录.xlsx",
                    yangquan_rows(bad=True), _t(4, 20)),
    "yangquan_v2": ("swj@yangquan.sx.example", "阳泉市活动名录（更正）",
                    "阳泉市活动名录（更正）.xlsx", yangquan_rows(bad=False), _t(4, 22)),
    "jincheng": ("swj@jincheng.sx.example", "晋城市活动名录", "晋城市活动名录.xlsx",
                 datong_table(), _t(4, 21)),
}  # fmt: skip


@dataclass(frozen=True)
class Season:
    settings: Settings
    engine: Engine


def build(root: Path, warehouse: WarehouseConfig) -> Season:
    maildir = root / "Maildir"
    for sender, subject, filename, rows, when in MAILS.values():
        raw = build_email(sender, subject, [(filename, _xlsx(rows))], date=when)
        write_maildir_message(maildir, raw, delivered_at=delivery_time(raw))
    settings = Settings(MailboxConfig("maildir", path=str(maildir)), warehouse,
                        DEFAULT_SENDER_REGISTRY, root / "out", root / "archive")  # fmt: skip
    collect_mail(settings, "t")
    assert process_messages(settings, "t") == {"accepted": 3, "rejected": 1}
    return Season(settings, open_warehouse(settings))


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> Season:
    root = tmp_path_factory.mktemp("held")
    got = build(root, WarehouseConfig("sqlite", path=str(root / "warehouse.db")))
    yield got
    got.engine.dispose()


def _all(engine: Engine, sql: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def _number(cell: object) -> int:
    found = re.search(r"\d+", str(cell))
    assert found, cell
    return int(found.group())


TAKEN = [r for i, r in enumerate(taiyuan_rows()[3:9], start=4)
         if i not in (BAD_DATE, BAD_COUNT, OTHER_COUNTY)]  # fmt: skip
HELD_NAMES = {taiyuan_rows()[i - 1][1] for i in (BAD_DATE, BAD_COUNT, OTHER_COUNTY)}


def check_warehouse(engine: Engine) -> None:
    """What every dialect must show: held rows in v_held_row only, the rest counted."""
    held = _all(
        engine,
        "SELECT city_name, form, source_message_id, filename, sheet, excel_row, column_name, "
        "raw_value, problem_zh FROM v_held_row ORDER BY city_name, excel_row",
    )
    assert [(h["city_name"], h["excel_row"], h["column_name"], h["raw_value"]) for h in held] == [
        ("太原市", BAD_DATE, "举办时间", "5月32日"),
        ("太原市", BAD_COUNT, "参与企业数量", "多家"),
        ("太原市", OTHER_COUNTY, "参加县区", "平城区"),
    ]
    assert {(h["form"], h["filename"], h["sheet"]) for h in held} == {
        ("registry", "附件2：太原市活动名录.xlsx", "Sheet1")
    }
    mid = _all(engine, "SELECT message_id FROM message WHERE subject = '太原市活动名录'")
    assert {h["source_message_id"] for h in held} == {mid[0]["message_id"]}
    assert "2021年5月32日不存在" in held[0]["problem_zh"]
    assert "“多家”" in held[1]["problem_zh"]
    assert "“平城区”不是太原市的县（市、区）" in held[2]["problem_zh"]

    # The outcome: partly accepted (accepted + rows_held); the corrected 阳泉 supersedes.
    subs = {
        (r["city_name"], r["filename"]): (r["outcome"], r["reason_class"])
        for r in _all(engine, "SELECT * FROM v_submission")
    }
    assert subs == {
        ("太原市", "附件2：太原市活动名录.xlsx"): ("accepted", "rows_held"),
        ("阳泉市", "阳泉市活动名录.xlsx"): ("superseded", "rows_held"),
        ("阳泉市", "阳泉市活动名录（更正）.xlsx"): ("accepted", None),
        ("晋城市", "晋城市活动名录.xlsx"): ("rejected", "validation_failed"),
    }
    statuses = _all(
        engine,
        "SELECT s.city_name, h.status, COUNT(*) AS n FROM held_row h JOIN submission s "
        "ON s.submission_id = h.submission_id GROUP BY s.city_name, h.status",
    )
    assert {(r["city_name"], r["status"], int(r["n"])) for r in statuses} == {
        ("太原市", "held", 3),
        ("阳泉市", "superseded", 1),
    }
    raw = _all(engine, "SELECT row_raw FROM held_row WHERE excel_row = :r", r=OTHER_COUNTY)
    row_raw = raw[0]["row_raw"]
    row_raw = json.loads(row_raw) if isinstance(row_raw, str) else row_raw
    assert row_raw["参加县区"] == "平城区" and row_raw["重点活动名称"] in HELD_NAMES

    # The accepted rows are in the contract views; the held ones in none of them.
    current = _all(engine, "SELECT * FROM v_activity_current WHERE city_name = '太原市'")
    assert sorted(r["activity_name"] for r in current) == sorted(str(r[1]) for r in TAKEN)
    for view in ("v_activity_current", "v_registry_current", "v_results_current"):
        names = {r["activity_name"] for r in _all(engine, f"SELECT activity_name FROM {view}")}
        assert not names & HELD_NAMES, view
    summary = _all(engine, "SELECT * FROM v_city_summary WHERE city_name = '太原市'")[0]
    assert int(summary["activities"]) == len(TAKEN) == 3
    assert int(summary["enterprises"]) == sum(_number(r[4]) for r in TAKEN)
    assert float(summary["est_turnover_yi"]) == pytest.approx(
        sum(_number(r[6]) for r in TAKEN) / 10000
    )
    assert int(summary["counties"]) == len({r[0] for r in TAKEN})
    yq = _all(engine, "SELECT activities FROM v_city_summary WHERE city_name = '阳泉市'")[0]
    assert int(yq["activities"]) == 3  # the correction, whole
    province = _all(engine, "SELECT * FROM v_province_summary")[0]
    cities = _all(engine, "SELECT SUM(activities) AS a FROM v_city_summary")[0]
    assert int(province["activities"]) == int(cities["a"]) == 6
    assert int(province["cities"]) == 2  # 晋城 sent nothing that could be taken
    loaded = _all(engine, "SELECT rows_loaded FROM submission WHERE filename LIKE '附件2%'")
    assert loaded == [{"rows_loaded": 3}]
    status = _all(
        engine, "SELECT status FROM v_city_status WHERE city_name = '太原市' AND form = 'registry'"
    )
    assert status == [{"status": "on_time"}]


CONTRACT_VIEWS = {
    "v_submission": ["message_id", "city_name", "sender", "received_at", "filename", "form",
                     "outcome", "reason_class", "reason_detail"],
    "v_activity_current": ["city_name", "county_names", "activity_name", "start_date",
                           "end_date", "content", "enterprise_count", "support_policy",
                           "est_turnover_wan", "category", "source_message_id"],
    "v_city_status": ["city_name", "form", "deadline", "status", "accepted_message_id",
                      "received_at"],
    "v_city_summary": ["city_name", "counties", "activities", "enterprises", "est_turnover_yi"],
    "v_province_summary": ["cities", "counties", "activities", "enterprises", "est_turnover_yi"],
    "v_held_row": ["city_name", "form", "source_message_id", "filename", "sheet", "excel_row",
                   "column_name", "raw_value", "problem_zh"],
}  # fmt: skip


def check_view_columns(engine: Engine) -> None:
    with engine.connect() as conn:
        for view, columns in CONTRACT_VIEWS.items():
            got = list(conn.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())
            assert got == columns, view


def test_held_rows_are_in_v_held_row_and_in_no_total(season):
    check_warehouse(season.engine)
    check_view_columns(season.engine)


def test_held_rows_on_postgresql(tmp_path, pg_warehouse):
    got = build(tmp_path, pg_warehouse)
    try:
        check_warehouse(got.engine)
        check_view_columns(got.engine)
    finally:
        got.engine.dispose()


def _reply(engine: Engine, subject: str) -> str:
    raw = _all(
        engine,
        "SELECT o.raw_message FROM outbox o JOIN message m ON m.message_key = o.message_key "
        "WHERE o.kind = 'reply' AND m.subject = :s",
        s=subject,
    )[0]["raw_message"]
    return message_from_string(raw, policy=policy.default).get_body(("plain",)).get_content()


def test_reply_names_each_held_cell_and_asks_for_the_corrected_table(season):
    body = _reply(season.engine, "太原市活动名录")
    assert "一、附件“附件2：太原市活动名录.xlsx”（" in body
    assert "结果：部分采用，入库3行数据（表格第4行、第7行、第9行）" in body
    assert "原因：日期“5月32日”中的2021年5月32日不存在" in body  # the place is not repeated
    # The summary sentence counts the held rows too: it waits for the corrected table.
    assert "表下合计语句" not in body
    assert "另有3行待核实，暂未入库，不计入任何汇总" in body
    for line in (
        f"工作表“Sheet1”第{BAD_DATE}行，“举办时间”列，填写内容：“5月32日”",
        f"工作表“Sheet1”第{BAD_COUNT}行，“参与企业数量”列，填写内容：“多家”",
        f"工作表“Sheet1”第{OTHER_COUNTY}行，“参加县区”列，填写内容：“平城区”",
    ):
        assert line in body
    # Each held cell says why, right under it.
    after = body.split(f"第{OTHER_COUNTY}行，“参加县区”列", 1)[1]
    assert (
        after.split("\n")[1].strip().startswith("原因：")
        and "不是太原市的县（市、区）。太原市的县（市、区）为：小店区" in after
    )
    assert "请更正以上各行后重新发送完整表格" in body and "以新表格替代本文件" in body
    assert "更正后的表格将替代本次部分采用的表格" in body
    # The city's totals are of the taken rows only, and say the held ones are left out.
    assert "重点活动3场" in body and "待核实的3行未计入" in body

    rejected = _reply(season.engine, "晋城市活动名录")
    assert "退回修改（数据校验未通过）" in rejected and "本文件的数据未入库" in rejected
    assert "表中4行活动有3行所填县区属于大同市" in rejected
    assert "似为误发了大同市的表格" in rejected
    corrected = _reply(season.engine, "阳泉市活动名录（更正）")
    assert "结果：已采用，入库3行数据" in corrected and "待核实" not in corrected


def test_tracker_shows_held_rows_per_city(season):
    client = TestClient(create_app(lambda: TrackerSource(season.engine), campaign=load_campaign()))
    grid = client.get("/", params={"as_of": "2021-05-10"}).text
    held = dict(
        re.findall(r'data-city="([^"]+)" data-form="registry"[^>]*>.*?data-held="(\d+)"', grid)
    )
    assert held == {"太原市": "3"}
    assert "3 行待核实" in grid
    sid = _all(season.engine, "SELECT submission_id FROM submission WHERE city_name = '太原市'")
    page = client.get(f"/submission/{sid[0]['submission_id']}").text
    assert "部分采用（部分行待核实，未计入汇总）" in page
    assert '<span class="held" data-held="3">3 行待核实</span>' in page
    assert f"<td>Sheet1</td><td>{OTHER_COUNTY}</td><td>参加县区</td><td>平城区</td>" in page
    assert "<dt>入库行数</dt><dd>3</dd>" in page
    # 阳泉's held row went with its superseded table: the city's cell shows none.
    yq = client.get("/city/阳泉市/registry").text
    assert "（已由更新的表格替代）" in yq


def test_reports_show_held_rows_per_city(season, campaign):
    files = generate_report(season.engine, season.settings.output_dir, "june1",
                            now=AFTER_ALL, campaign=campaign)  # fmt: skip
    wb = load_workbook(files.xlsx)
    ws = wb["分市情况"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "市")
    header = [c.value for c in ws[header_row]]
    col = header.index("待核实（行）") + 1
    by_city = {ws.cell(r, 1).value: ws.cell(r, col).value for r in range(header_row + 1, 30)}
    assert by_city["太原市"] == 3 and by_city["阳泉市"] == 0 and by_city["全省合计"] == 3
    assert by_city and ws.cell(header_row + 1, 3).value == 3  # 太原's 重点活动: taken rows
    ws = wb["报送情况"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "市")
    header = [c.value for c in ws[header_row]]
    col = header.index("待核实") + 1
    notes = {ws.cell(r, 1).value: ws.cell(r, col).value for r in range(header_row + 1, 15)}
    assert notes["太原市"] == "活动名录3 行待核实" and notes["阳泉市"] in (None, "")
    text_ = "\n".join(p.text for p in Document(files.docx).paragraphs)
    assert "部分数据待核实。太原市3 行待核实" in text_
    assert "未计入本报告的任何数据" in text_


# --- the split itself, without a warehouse ----------------------------------------------------


def _table(rows: list[list[object]], city: str, campaign):
    wb = read_workbook(Attachment("名录.xlsx", "application/octet-stream", _xlsx(rows), "2"))
    return normalise_table(locate(wb, "registry"), city, campaign)


def test_cell_errors_hold_their_rows_and_file_errors_reject(campaign):
    nt = _table(taiyuan_rows(), "太原市", campaign)
    split = split_rows(nt, nt.problems)
    # The normaliser finds the date and the count; the county is the suite's (GX) finding.
    assert [(h.excel_row, [c.column for c in h.cells]) for h in split.held] == [
        (BAD_DATE, ["举办时间"]),
        (BAD_COUNT, ["参与企业数量"]),
    ]
    assert [c.raw_value for h in split.held for c in h.cells] == ["5月32日", "多家"]
    assert len(split.taken.records) == TAIYUAN_ROWS - 2 and not split.rejects
    assert len(nt.records) == TAIYUAN_ROWS  # the table read is left as it was

    whole = Problem("error", "units_differ", "各工作表单位不同。", scope="file")
    assert split_rows(nt, [*nt.problems, whole]).rejects
    unplaced = Problem("error", "row_less", "没有行号的错误。")
    assert split_rows(nt, [unplaced]).file_errors == (unplaced,)
    every_row = [
        Problem("error", "x", "坏行", int(str(r["excel_row"])), "参加县区", "Sheet1", "county")
        for r in nt.records
    ]
    everything = split_rows(nt, every_row)
    assert everything.rejects and not everything.taken.records
    warning = Problem("warning", "w", "提示", BAD_DATE, "举办时间", "Sheet1", "period")
    assert not split_rows(nt, [warning]).held


def test_another_citys_table_is_the_files_problem_not_its_rows(campaign):
    # One county of 大同 in 太原's table is a row to fix; 大同's table sent by 晋城 is not.
    taiyuan = _table(taiyuan_rows(), "太原市", campaign)
    assert other_city_table(taiyuan) is None
    wrong = _table(datong_table(), "晋城市", campaign)
    found = other_city_table(wrong)
    assert found is not None and found.scope == "file" and "大同市" in found.message_zh
    assert split_rows(wrong, []).rejects
    # Most rows another city's is another city's table; half is two rows to fix.
    rows = registry_rows("晋城市", 4)
    rows[3][0], rows[4][0] = "平城区", "云冈区"
    assert other_city_table(_table(rows, "晋城市", campaign)) is None
    rows[5][0] = "新荣区"
    assert other_city_table(_table(rows, "晋城市", campaign)) is not None
    # 城区 is a district of both 阳泉 and 晋城: it points at no one city.
    rows[3][0] = rows[4][0] = rows[5][0] = "城区"
    assert other_city_table(_table(rows, "太原市", campaign)) is None


def test_every_error_rule_says_whether_it_holds_a_row_or_rejects_the_file():
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        for rule in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            meta = rule["meta"]
            if meta["severity"] == "error":
                assert meta.get("scope") in ("row", "file"), (path.name, meta["code"])


def test_partly_accepted_reads_as_such():
    assert outcome_label("accepted", "rows_held") == "部分采用（部分行待核实，未计入汇总）"
    assert outcome_label("accepted") == "已采用"
