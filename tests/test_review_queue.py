"""The province clerk's 待核实 queue (issue 12) over the `make run` demo season: what it lists,
who may resolve, what a resolution changes in the views and the June 1 report's figures, and
that reruns keep it while a superseding file makes it obsolete. The app is the tracker's own
FastAPI app; tests/test_review_browser.py drives the same through Airflow and Chromium."""

from __future__ import annotations

import base64
import email
import io
import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from demo_season import processed_demo
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from jinxiao.config import load_campaign
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages, reconcile
from jinxiao.mail.replies import city_totals
from jinxiao.mail.send_back import queue_send_back
from jinxiao.reports.figures import city_rows, results_totals
from jinxiao.reports.templates import FIRST_DATA_ROW
from jinxiao.samples.demo_shanxi import _results_may_jinzhong_held
from jinxiao.samples.mail import build_email, delivery_time
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.tracker.review import Viewer, csrf_token
from jinxiao.warehouse.connection import WarehouseConfig

pytestmark = pytest.mark.integration
SECRET = b"review-queue-test-secret-0123456"
JINZHONG = "swj@jinzhong.sx.example"
DATE_KEY, MONEY_KEY = "held:{}:实际举办时间", "held:{}:实际成交额（万元）"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Settings:
    """The demo season processed once; each test works on its own copy of the warehouse."""
    return processed_demo(tmp_path_factory.mktemp("review_demo"))


@pytest.fixture
def season(demo, tmp_path) -> Settings:
    shutil.copytree(Path(demo.mailbox.path), tmp_path / "Maildir")
    # SQLite's backup, not a file copy: the demo's last commits may still be in its WAL.
    with (
        sqlite3.connect(demo.warehouse.path) as src,
        sqlite3.connect(tmp_path / "warehouse.db") as dst,
    ):
        src.backup(dst)
    return replace(
        demo,
        mailbox=MailboxConfig("maildir", path=str(tmp_path / "Maildir")),
        warehouse=WarehouseConfig("sqlite", path=str(tmp_path / "warehouse.db")),
    )


def client(settings: Settings, *, can_edit: bool, sent: list | None = None) -> TestClient:
    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)

    def send_back(eng, submission_id, note):
        sent.append(queue_send_back(eng, submission_id, note, campaign, "province@sx.example"))

    app = create_app(
        lambda: TrackerSource(engine, settings.archive_dir), campaign=campaign,
        viewer=lambda: Viewer("clerk" if can_edit else "guest", can_edit),
        send_back=send_back if sent is not None else None, csrf_secret=SECRET,
    )  # fmt: skip
    return TestClient(app, follow_redirects=False)


def rows(engine: Engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def held_ids(engine: Engine) -> dict[int, int]:
    """excel_row -> held_row_id of 晋中's held results rows."""
    return dict(rows(engine, "SELECT excel_row, held_row_id FROM held_row "
                     "WHERE city_name = '晋中市' AND status = 'held'"))  # fmt: skip


def jinzhong_may(engine: Engine) -> tuple:
    return rows(engine, "SELECT activities, actual_turnover_wan, footfall_wan "
                "FROM v_results_city_summary WHERE city_name = '晋中市' AND form = 'results_may'")[0]  # fmt: skip


def post(c: TestClient, token: str, **data) -> object:
    return c.post("/queue/resolve", data={"csrf": token, **data})


def resolve_jinzhong(c: TestClient, engine: Engine) -> None:
    ids = held_ids(engine)
    token = csrf_token(SECRET, Viewer("clerk", True))
    done = post(c, token, item=DATE_KEY.format(ids[8]), action="value",
                start="2021-05-10", end="2021-05-12", back="晋中市")  # fmt: skip
    assert done.status_code == 303, done.text
    assert "/queue/" in done.headers["location"]
    done = post(c, token, item=MONEY_KEY.format(ids[10]), action="value", amount="350",
                unit="万元")  # fmt: skip
    assert done.status_code == 303, done.text


def test_the_demo_leaves_held_rows_and_uncertain_readings_in_the_queue(season):
    resp = client(season, can_edit=False).get("/queue")
    assert resp.status_code == 200, resp.text[-2000:]
    page = resp.text
    kinds = re.findall(r'class="card queue-item" data-kind="(\w+)"', page)
    # 晋中's two held cells, 临汾's and 阳泉's amounts without a unit, 晋中's weakest category.
    assert kinds.count("held") == 2 and kinds.count("unit") == 2 and kinds.count("category") == 1
    assert "6月31日" in page and "见附件" in page and "活动成效 第8行" in page
    assert re.search(r'href="/archive/file/\d+"', page)
    city = client(season, can_edit=False).get("/queue/晋中市").text
    assert 'data-total="3"' in city and len(re.findall(r'class="card queue-item"', city)) == 3
    assert "<h2>临汾市" not in city and "<h2>晋中市（3 项）</h2>" in city


def test_a_viewer_sees_no_edit_controls_and_a_forged_post_is_refused(season):
    engine = open_warehouse(season, load_campaign())
    viewer = client(season, can_edit=False)
    page = viewer.get("/queue").text
    assert '<form method="post"' not in page and 'name="csrf"' not in page
    key = DATE_KEY.format(held_ids(engine)[8])
    token = csrf_token(SECRET, Viewer("guest", False))
    refused = post(viewer, token, item=key, action="value", start="2021-05-10")
    assert refused.status_code == 403
    editor = client(season, can_edit=True)
    assert '<form method="post"' in editor.get("/queue").text
    good = csrf_token(SECRET, Viewer("clerk", True))
    for forged in (
        editor.post("/queue/resolve", data={"item": key, "action": "value", "start": "2021-05-10"}),
        post(editor, "0" * 64, item=key, action="value", start="2021-05-10"),
        post(editor, csrf_token(b"another-secret", Viewer("clerk", True)), item=key,
             action="value", start="2021-05-10"),
        editor.post("/queue/resolve", headers={"Origin": "https://evil.example"},
                    data={"csrf": good, "item": key, "action": "value", "start": "2021-05-10"}),
    ):  # fmt: skip
        assert forged.status_code == 403, forged.text
    assert rows(engine, "SELECT COUNT(*) FROM resolution") == [(0,)]


def test_resolved_held_cells_count_in_every_view_and_report_and_survive_a_rerun(season):
    campaign = load_campaign()
    engine = open_warehouse(season, campaign)
    before = jinzhong_may(engine)
    assert before[0] == 4
    report_before = results_totals(engine, "results_may")
    resolve_jinzhong(client(season, can_edit=True), engine)

    after = jinzhong_may(engine)
    # Rows 8 (30 enterprises, 1200万元, 4万人次) and 10 (350万元 as the clerk read 见附件, 5).
    assert after[0] == 6
    assert float(after[1]) == pytest.approx(float(before[1]) + 1200 + 350)
    assert float(after[2]) == pytest.approx(float(before[2]) + 4 + 5)
    report = results_totals(engine, "results_may")
    assert report.activities == report_before.activities + 2
    assert report.actual_turnover_wan == pytest.approx(report_before.actual_turnover_wan + 1550)
    (jz,) = [r for r in city_rows(engine, "results_may") if r.city_name == "晋中市"]
    assert jz.results_activities == 6
    assert rows(engine, "SELECT COUNT(*) FROM v_held_row WHERE city_name = '晋中市'") == [(0,)]
    # The city's text is kept: held_cell and the resolved row's *_raw columns.
    assert rows(engine, "SELECT period_raw, start_date, end_date FROM v_results_current "
                "WHERE city_name = '晋中市' AND excel_row = 8") == [
        ("6月31日", "2021-05-10", "2021-05-12")]  # fmt: skip
    assert ("6月31日",) in rows(engine, "SELECT raw_value FROM held_cell")
    audit = rows(engine, "SELECT created_by, excel_row, raw_value, kind, new_value, status, "
                 "row_counts FROM v_resolution ORDER BY resolution_id")  # fmt: skip
    assert audit == [
        ("clerk", 8, "6月31日", "held_value", "2021-05-10至2021-05-12", "active", 1),
        ("clerk", 10, "见附件", "held_value", "350万元", "active", 1),
    ]

    # A rerun: the intake again (nothing new), the nightly reconcile that re-applies, a
    # fresh migrate of the views: the same figures.
    process_messages(season, "rerun")
    reconcile(season, __import__("datetime").datetime(2021, 6, 2, tzinfo=campaign.tz))
    engine = open_warehouse(season, campaign)
    assert jinzhong_may(engine) == after
    assert rows(engine, "SELECT COUNT(*) FROM resolved_row") == [(2,)]


def test_a_changed_unit_changes_the_city_summary(season):
    engine = open_warehouse(season, load_campaign())
    before = rows(engine, "SELECT est_turnover_yi FROM v_city_summary WHERE city_name = '临汾市'")
    page = client(season, can_edit=True).get("/queue/临汾市").text
    (key,) = re.findall(r'data-kind="unit" data-key="([^"]+)"', page)
    token = csrf_token(SECRET, Viewer("clerk", True))
    done = post(client(season, can_edit=True), token, item=key, action="change", unit="元")
    assert done.status_code == 303, done.text
    after = rows(engine, "SELECT est_turnover_yi FROM v_city_summary WHERE city_name = '临汾市'")
    # 5000 read as 万元 (0.5亿元) is 5000元 (0.00005亿元).
    assert float(after[0][0]) == pytest.approx(float(before[0][0]) - 0.5 + 0.00005)
    assert key not in client(season, can_edit=True).get("/queue").text
    # A reply's totals (their own query, for speed) agree with the view, for every city.
    with engine.connect() as conn:
        for (city,) in rows(engine, "SELECT city_name FROM city"):
            totals = city_totals(conn, city)
            assert totals is not None
            (view,) = rows(engine, "SELECT counties, activities, enterprises, est_turnover_yi "
                           "FROM v_city_summary WHERE city_name = :c", c=city)  # fmt: skip
            got = (totals.counties, totals.activities, totals.enterprises)
            assert got == tuple(view[:3]), city
            assert totals.est_turnover_yi == pytest.approx(float(view[3])), city


def _corrected_jinzhong() -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(_results_may_jinzhong_held()))
    ws = wb.worksheets[0]
    ws.cell(row=FIRST_DATA_ROW + 2, column=3, value="5月20日-5月22日")
    ws.cell(row=FIRST_DATA_ROW + 4, column=5, value=400)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_superseding_file_makes_the_resolutions_obsolete(season):
    campaign = load_campaign()
    engine = open_warehouse(season, campaign)
    resolve_jinzhong(client(season, can_edit=True), engine)
    raw = build_email(JINZHONG, "晋中市5月活动成效（更正）",
                      [("晋中市5月成效（更正）.xlsx", _corrected_jinzhong())],
                      date=__import__("datetime").datetime(2021, 6, 1, 9, tzinfo=campaign.tz))  # fmt: skip
    write_maildir_message(Path(season.mailbox.path), raw, delivered_at=delivery_time(raw))
    collect_mail(season, "resend")
    process_messages(season, "resend")
    statuses = rows(engine, "SELECT status FROM v_resolution ORDER BY resolution_id")
    assert statuses == [("obsolete",), ("obsolete",)]
    assert rows(engine, "SELECT DISTINCT status FROM resolution") == [("obsolete",)]
    # The city's own corrected figures count now, not the clerk's.
    assert rows(engine, "SELECT start_date FROM v_results_current WHERE city_name = '晋中市' "
                "AND excel_row = 8") == [("2021-05-20",)]  # fmt: skip
    assert float(jinzhong_may(engine)[1]) == pytest.approx(3600 + 1900 + 1200 + 2750 + 400 + 640)
    page = client(season, can_edit=False).get("/queue/晋中市").text
    assert "已失效" in page and "见附件" in page.split("核实记录")[1]


def test_send_back_queues_a_reply_that_names_the_rows(season):
    engine = open_warehouse(season, load_campaign())
    sent: list[str] = []
    c = client(season, can_edit=True, sent=sent)
    key = DATE_KEY.format(held_ids(engine)[8])
    token = csrf_token(SECRET, Viewer("clerk", True))
    done = post(c, token, item=key, action="send_back", note="请核实第8行的举办时间后重新报送。")
    assert done.status_code == 303, done.text
    ((to, raw),) = rows(engine, "SELECT rcpt_to, raw_message FROM outbox WHERE dedupe_key = :k",
                        k=sent[0])  # fmt: skip
    assert to == JINZHONG
    body = email.message_from_string(raw).get_payload()
    body = base64.b64decode(body).decode("utf-8")
    assert "请核实第8行的举办时间后重新报送。" in body
    assert "工作表“活动成效”第8行“实际举办时间”填写“6月31日”" in body
    assert "已退回该市" in c.get("/queue").text


def test_resolutions_apply_on_postgresql(demo, pg_warehouse, tmp_path):
    """The same overlay on the production dialect: the demo season into PostgreSQL, the two
    held cells resolved through the page, the views and the audit view."""
    shutil.copytree(Path(demo.mailbox.path), tmp_path / "Maildir")
    settings = replace(
        demo, mailbox=MailboxConfig("maildir", path=str(tmp_path / "Maildir")),
        warehouse=pg_warehouse, archive_dir=tmp_path / "archive",
    )  # fmt: skip
    collect_mail(settings, "demo")
    process_messages(settings, "demo")
    engine = open_warehouse(settings, load_campaign())
    before = jinzhong_may(engine)
    resolve_jinzhong(client(settings, can_edit=True), engine)
    after = jinzhong_may(engine)
    assert after[0] == before[0] + 2
    assert float(after[1]) == pytest.approx(float(before[1]) + 1550)
    assert rows(engine, "SELECT kind, status, row_counts FROM v_resolution") == [
        ("held_value", "active", 1), ("held_value", "active", 1)]  # fmt: skip
    assert rows(engine, "SELECT COUNT(*) FROM v_held_row WHERE city_name = '晋中市'") == [(0,)]
