"""Remembered header mappings (issue 12, item 4): a clerk confirms the unit of a city's amount
column that names none, and the city's next file with the same header is read in that unit,
with no assumed-unit warning, and its reply says so. Real .xlsx files, real intake into a
SQLite warehouse, the tracker's own app for the clerk's POSTs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from email import message_from_string, policy
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.samples import files as f
from jinxiao.samples.demo_season import sender_of
from jinxiao.samples.mail import build_email, delivery_time
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.tracker.review import Viewer, csrf_token
from jinxiao.warehouse.connection import WarehouseConfig

pytestmark = pytest.mark.integration
SECRET = b"header-mapping-test-secret-01234"
HEADER = "预计成交额"  # a synonym of 预估成效（成交额等）, no unit in it
LINFEN, YANGQUAN = "临汾市", "阳泉市"


def registry_file(city: str, yuan: list[int], bad_date_row: int | None = None) -> bytes:
    """The city's 附件2 with the amount column headed 预计成交额 and bare numbers (in 元);
    optionally one row's period a date nobody can read (the row is held)."""
    rows = f.registry_rows(city, len(yuan))
    col = rows[2].index("预估成效（成交额等）")
    rows[2][col] = HEADER
    for i, amount in enumerate(yuan):
        rows[3 + i][col] = amount
    if bad_date_row is not None:
        rows[3 + bad_date_row][2] = "6月31日"
    return f.xlsx_bytes(rows, merges=f.registry_merges(len(yuan)))


def send(settings: Settings, city: str, yuan: list[int], day: int, **kw) -> None:
    campaign = load_campaign()
    raw = build_email(sender_of(campaign, city), f"{city}活动名录",
                      [(f"{city}活动名录（{day}日）.xlsx", registry_file(city, yuan, **kw))],
                      date=dt.datetime(2021, 4, day, 10, tzinfo=campaign.tz))  # fmt: skip
    write_maildir_message(Path(settings.mailbox.path), raw, delivered_at=delivery_time(raw))
    collect_mail(settings, f"run{day}")
    process_messages(settings, f"run{day}")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(MailboxConfig("maildir", path=str(tmp_path / "Maildir")),
                    WarehouseConfig("sqlite", path=str(tmp_path / "warehouse.db")),
                    DEFAULT_SENDER_REGISTRY, tmp_path / "out", tmp_path / "archive")  # fmt: skip


def client(settings: Settings) -> TestClient:
    campaign = load_campaign()
    engine = open_warehouse(settings, campaign)
    app = create_app(lambda: TrackerSource(engine, settings.archive_dir), campaign=campaign,
                     viewer=lambda: Viewer("clerk", True), csrf_secret=SECRET)  # fmt: skip
    return TestClient(app, follow_redirects=False)


TOKEN = csrf_token(SECRET, Viewer("clerk", True))


def rows(engine: Engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def latest(engine: Engine, city: str) -> int:
    return rows(engine, "SELECT MAX(submission_id) FROM submission WHERE city_name = :c", c=city)[
        0
    ][0]


def amounts(engine: Engine, sub: int) -> list[float]:
    return [float(r[0]) for r in rows(engine, "SELECT est_turnover_wan FROM activity "
                                      "WHERE submission_id = :s ORDER BY excel_row", s=sub)]  # fmt: skip


def assumed(engine: Engine, sub: int) -> int:
    return rows(engine, "SELECT COUNT(*) FROM problem WHERE submission_id = :s "
                "AND code = 'money_unit_assumed'", s=sub)[0][0]  # fmt: skip


def reply_of(engine: Engine, sub: int) -> str:
    (raw,) = rows(engine, "SELECT o.raw_message FROM outbox o JOIN submission s "
                  "ON s.message_key = o.message_key WHERE s.submission_id = :s", s=sub)[0]  # fmt: skip
    body = message_from_string(raw, policy=policy.default).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_a_remembered_header_mapping_reads_the_next_file_without_a_hold(settings):
    send(settings, LINFEN, [50000, 80000, 120000], 20)
    engine = open_warehouse(settings, load_campaign())
    first = latest(engine, LINFEN)
    assert amounts(engine, first) == [50000, 80000, 120000]  # read as 万元, as the template's
    assert assumed(engine, first) == 3

    c = client(settings)
    page = c.get(f"/queue/{LINFEN}").text
    keys = re.findall(r'data-kind="unit" data-key="([^"]+)"', page)
    assert len(keys) == 3 and "以后按此读取该市同名表头" in page
    done = c.post("/queue/resolve", data={"csrf": TOKEN, "item": keys[0], "action": "change",
                                          "unit": "元", "remember": "1", "back": LINFEN})  # fmt: skip
    assert done.status_code == 303, done.text
    (mapping,) = rows(engine, "SELECT city_name, form, header_text, header_norm, field, unit, "
                      "created_by, active, resolution_id IS NOT NULL FROM header_mapping")  # fmt: skip
    assert mapping == (LINFEN, "registry", HEADER, HEADER, "est_turnover", "元", "clerk", 1, 1)
    listed = c.get(f"/queue/{LINFEN}").text.split("记住的表头")[1].split("核实记录")[0]
    assert HEADER in listed and 'action="/queue/mapping/remove"' in listed

    # The next file from 临汾 with the same header: read in 元 (5万元 …), no warning, and told.
    send(settings, LINFEN, [60000, 90000], 22)
    second = latest(engine, LINFEN)
    assert amounts(engine, second) == pytest.approx([6.0, 9.0])
    assert assumed(engine, second) == 0
    assert rows(engine, "SELECT outcome FROM submission WHERE submission_id = :s", s=second) == [
        ("accepted",)]  # fmt: skip
    assert f"“{HEADER}”列未写单位，按贵市此前确认的单位（元）读取" in reply_of(engine, second)
    (yi,) = rows(
        engine, "SELECT est_turnover_yi FROM v_city_summary WHERE city_name = :c", c=LINFEN
    )
    assert float(yi[0]) == pytest.approx(15.0 / 10000)

    # Another city's same header is not affected.
    send(settings, YANGQUAN, [70000], 23)
    other = latest(engine, YANGQUAN)
    assert amounts(engine, other) == [70000] and assumed(engine, other) == 1
    assert "此前确认的单位" not in reply_of(engine, other)

    # Removed: 临汾's next file is read as before (万元 assumed, warned).
    (mid,) = rows(engine, "SELECT header_mapping_id FROM header_mapping")[0]
    gone = c.post("/queue/mapping/remove", data={"csrf": TOKEN, "mapping": str(mid),
                                                 "back": LINFEN})  # fmt: skip
    assert gone.status_code == 303, gone.text
    assert rows(engine, "SELECT active, removed_by FROM header_mapping") == [(0, "clerk")]
    send(settings, LINFEN, [40000], 25)
    third = latest(engine, LINFEN)
    assert amounts(engine, third) == [40000] and assumed(engine, third) == 1
    assert "此前确认的单位" not in reply_of(engine, third)


def test_removing_a_mapping_needs_an_editor_and_the_token(settings):
    send(settings, LINFEN, [50000], 20)
    c = client(settings)
    (key,) = re.findall(r'data-kind="unit" data-key="([^"]+)"', c.get("/queue").text)
    c.post("/queue/resolve", data={"csrf": TOKEN, "item": key, "action": "confirm",
                                   "remember": "1"})  # fmt: skip
    engine = open_warehouse(settings, load_campaign())
    (mid, unit) = rows(engine, "SELECT header_mapping_id, unit FROM header_mapping")[0]
    assert unit == "万元"
    forged = c.post("/queue/mapping/remove", data={"csrf": "0" * 64, "mapping": str(mid)})
    assert forged.status_code == 403
    campaign = load_campaign()
    viewer = TestClient(create_app(lambda: TrackerSource(engine, settings.archive_dir),
                                   campaign=campaign, viewer=lambda: Viewer("guest", False),
                                   csrf_secret=SECRET), follow_redirects=False)  # fmt: skip
    assert 'action="/queue/mapping/remove"' not in viewer.get("/queue").text
    refused = viewer.post("/queue/mapping/remove", data={
        "csrf": csrf_token(SECRET, Viewer("guest", False)), "mapping": str(mid)})  # fmt: skip
    assert refused.status_code == 403
    assert rows(engine, "SELECT active FROM header_mapping") == [(1,)]


def test_a_held_row_made_whole_is_read_with_the_mapping_its_file_was_read_with(
    settings, any_warehouse
):
    # On both dialects: the mapping is picked by its times against the file's recorded_at.
    settings = replace(settings, warehouse=any_warehouse)
    send(settings, LINFEN, [50000], 20)
    c = client(settings)
    (key,) = re.findall(r'data-kind="unit" data-key="([^"]+)"', c.get("/queue").text)
    c.post("/queue/resolve", data={"csrf": TOKEN, "item": key, "action": "change", "unit": "元",
                                   "remember": "1"})  # fmt: skip
    send(settings, LINFEN, [60000, 90000], 22, bad_date_row=1)
    engine = open_warehouse(settings, load_campaign())
    assert amounts(engine, latest(engine, LINFEN)) == pytest.approx([6.0])
    (held,) = re.findall(r'data-kind="held" data-key="([^"]+)"', c.get("/queue").text)
    done = c.post("/queue/resolve", data={"csrf": TOKEN, "item": held, "action": "value",
                                          "start": "2021-05-10", "end": "2021-05-12"})  # fmt: skip
    assert done.status_code == 303, done.text
    assert rows(engine, "SELECT est_turnover_wan FROM resolved_row") == [(pytest.approx(9.0),)]
