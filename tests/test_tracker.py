"""The submission tracker pages, over a warehouse filled by the real intake from a Maildir."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from html_page import HOSTILE, SCRIPT, ParsedPage
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.samples.files import registry_merges, registry_rows, xlsx_bytes
from jinxiao.samples.mail import build_email, delivery_time
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.warehouse.connection import WarehouseConfig

REPO = Path(__file__).resolve().parents[1]
CST = dt.timezone(dt.timedelta(hours=8))
AS_OF = "2021-05-10"  # registry and plan due, both results forms not yet


def _t(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2021, month, day, hour, 0, tzinfo=CST)


def _registry(city: str, n: int = 3, edit: dict[tuple[int, int], object] | None = None) -> bytes:
    rows = registry_rows(city, n)
    for (r, c), value in (edit or {}).items():
        rows[3 + r][c] = value  # data rows start on the 4th row (title, 填报单位, header)
    return xlsx_bytes(rows, merges=registry_merges(n))


@dataclass(frozen=True)
class Seeded:
    settings: Settings
    emails: dict[str, bytes]  # label -> the raw message as sent
    files: dict[str, bytes]  # label -> the attachment as sent


def build_warehouse(root: Path, warehouse: WarehouseConfig | None = None) -> Seeded:
    """Six realistic messages through collect_mail + process_messages (the DAG's intake).

    太原 on time, then corrected (first superseded) with a blank-turnover warning; 阳泉 late;
    晋城 rejected (every row an unknown county); 大同 a corrupt file (no form); a stranger quarantined.
    """
    files = {
        "taiyuan_v1": _registry("太原市", edit={(1, 6): None}),
        "taiyuan_v2": _registry("太原市", 4),
        "yangquan": _registry("阳泉市"),
        # Every row names a county that is not 晋城's: nothing to take, so the file is
        # rejected (one bad row would only hold that row: test_held_rows).
        "jincheng": _registry("晋城市", edit={(r, 0): "火星区" for r in range(3)}),
        "datong": b"PK\x03\x04\x14\x00 truncated by the mail client",
        "stranger": _registry("长治市"),
    }
    emails = {
        "taiyuan_v1": build_email(
            "swj@taiyuan.sx.example", "太原市活动名录",
            [("附件2：太原市活动名录.xlsx", files["taiyuan_v1"])],
            sender_name="太原市商务局", date=_t(4, 21)),
        "taiyuan_v2": build_email(
            "swj@taiyuan.sx.example", "太原市活动名录（更正）",
            [("附件2：太原市活动名录（更正）.xlsx", files["taiyuan_v2"])],
            sender_name="太原市商务局", date=_t(4, 24)),
        "yangquan": build_email(
            "swj@yangquan.sx.example", "阳泉市活动名录",
            [("阳泉市活动名录.xlsx", files["yangquan"])], date=_t(4, 26)),
        "jincheng": build_email(
            "swj@jincheng.sx.example", "晋城市活动名录",
            [("晋城市活动名录.xlsx", files["jincheng"])], date=_t(4, 22)),
        "datong": build_email(
            "swj@datong.sx.example", "大同市活动名录",
            [("大同市活动名录.xlsx", files["datong"])], date=_t(4, 21)),
        "stranger": build_email(
            "zhangsan@163.com", "长治活动名录", [("名录.xlsx", files["stranger"])],
            date=_t(4, 20)),
    }  # fmt: skip
    maildir = root / "Maildir"
    for raw in emails.values():
        write_maildir_message(maildir, raw, delivered_at=delivery_time(raw))
    settings = Settings(
        mailbox=MailboxConfig("maildir", path=str(maildir)),
        warehouse=warehouse or WarehouseConfig("sqlite", path=str(root / "warehouse.db")),
        sender_registry=DEFAULT_SENDER_REGISTRY,
        output_dir=root / "output",
        archive_dir=root / "archive",
    )
    collect_mail(settings, "test")
    process_messages(settings, "test")
    return Seeded(settings, emails, files)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Seeded:
    return build_warehouse(tmp_path_factory.mktemp("tracker"))


@pytest.fixture(scope="module")
def engine(seeded):
    engine = open_warehouse(seeded.settings)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def client(seeded, engine) -> TestClient:
    src = TrackerSource(engine, seeded.settings.archive_dir)
    return TestClient(create_app(lambda: src, campaign=load_campaign()))


def sub_id(engine, filename: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT submission_id FROM submission WHERE filename = :f"), {"f": filename}
        ).scalar_one()


def msg_key(engine, subject: str) -> str:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT message_key FROM message WHERE subject = :s"), {"s": subject}
        ).scalar_one()


CELL = re.compile(r'data-city="([^"]+)" data-form="([^"]+)" data-status="([^"]+)"')


def cell_statuses(page: str) -> dict[tuple[str, str], str]:
    return {(c, f): s for c, f, s in CELL.findall(page)}


def test_grid_has_every_city_and_form_with_its_status(client):
    page = client.get("/", params={"as_of": AS_OF})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    statuses = cell_statuses(page.text)
    assert len(statuses) == 11 * 4
    assert statuses[("太原市", "registry")] == "on_time"
    assert statuses[("阳泉市", "registry")] == "late"
    assert statuses[("晋城市", "registry")] == "rejected_pending"
    # 大同's only file was unreadable, so it has not sent its registry yet.
    assert statuses[("大同市", "registry")] == "missing"
    assert statuses[("吕梁市", "plan")] == "missing"
    assert all(statuses[(c, "results_may")] == "not_due" for c, _ in statuses)
    for label in ("按时", "逾期", "未报送", "退回待改", "未到期", "活动名录", "全年成效", "吕梁市"):
        assert label in page.text
    # First receipt in Beijing time, and the corrected resend counted in the cell.
    assert "首次收到 2021-04-21 10:00 · 共2份文件" in page.text
    assert 'href="/city/%E5%A4%AA%E5%8E%9F%E5%B8%82/registry"' in page.text


def test_grid_as_of_before_deadline_shows_not_due(client):
    statuses = cell_statuses(client.get("/", params={"as_of": "2021-04-20"}).text)
    assert statuses[("吕梁市", "registry")] == "not_due"
    assert statuses[("吕梁市", "plan")] == "not_due"


def test_grid_lists_what_fits_no_cell(client):
    page = client.get("/", params={"as_of": AS_OF}).text
    unfiled = page.split("未归入表格的邮件和文件", 1)[1]
    assert "zhangsan@163.com" in unfiled and "已隔离（发件人未登记）" in unfiled
    assert "大同市活动名录.xlsx" in unfiled and "文件损坏或无法打开" in unfiled


def test_city_form_page_shows_each_submission_newest_first(client, engine):
    page = client.get("/city/太原市/registry", params={"as_of": AS_OF})
    assert page.status_code == 200
    html = page.text
    v1, v2 = "附件2：太原市活动名录.xlsx", "附件2：太原市活动名录（更正）.xlsx"
    assert html.index(v2) < html.index(v1)
    assert "共 2 份文件" in html
    assert "2021-04-24 10:00" in html and "2021-04-21 10:00" in html
    assert "太原市商务局 &lt;swj@taiyuan.sx.example&gt;" in html
    cards = dict(re.findall(r'id="submission-(\d+)" data-outcome="(\w+)"', html))
    assert cards == {
        str(sub_id(engine, v2)): "accepted",
        str(sub_id(engine, v1)): "superseded",
    }
    assert "<dt>入库行数</dt><dd>4</dd>" in html
    # The first version's blank turnover is listed as a warning naming row and column.
    first = html[html.index(f'id="submission-{sub_id(engine, v1)}"') :]
    assert (
        '<tr class="warning"><td>提示</td><td>Sheet1</td><td>5</td><td>预估成效（成交额等）</td>'
        "<td>第5行“预估成效（成交额等）”未填写具体金额（空白、“/”“不详”等），汇总时按未知处理（不计为0）；"
        "如有数据，请补填后重新发送。</td></tr>"
    ) in first


def test_rejected_submission_page_gives_reason_and_errors(client, engine):
    sid = sub_id(engine, "晋城市活动名录.xlsx")
    html = client.get(f"/submission/{sid}").text
    assert "退回修改" in html and "数据校验未通过" in html
    assert '<tr class="error"><td>错误</td><td>Sheet1</td><td>5</td><td>参加县区</td>' in html
    assert "第5行“参加县区”中的“火星区”不是晋城市的县（市、区）" in html
    assert "<dt>入库行数</dt><dd>0</dd>" in html
    assert f'href="/archive/file/{sid}"' in html
    assert 'href="/city/%E6%99%8B%E5%9F%8E%E5%B8%82/registry"' in html


def test_archive_downloads_are_the_bytes_received(client, engine, seeded):
    sid = sub_id(engine, "阳泉市活动名录.xlsx")
    got = client.get(f"/archive/file/{sid}")
    assert got.status_code == 200
    assert got.content == seeded.files["yangquan"]
    assert "filename*=utf-8''" in got.headers["content-disposition"]
    key = msg_key(engine, "阳泉市活动名录")
    eml = client.get(f"/archive/message/{key}")
    assert eml.status_code == 200
    assert eml.content == seeded.emails["yangquan"]
    assert eml.headers["content-type"].startswith("message/rfc822")


@pytest.mark.parametrize(
    "path",
    [
        "/submission/999999",
        "/archive/file/999999",
        "/archive/message/" + "0" * 64,
        "/archive/message/..%2F..%2F..%2Fetc%2Fpasswd",
        "/city/北京市/registry",
        "/city/太原市/budget",
    ],
)
def test_unknown_ids_are_404(client, path):
    assert client.get(path).status_code == 404


def test_archive_outside_the_archive_root_is_not_served(seeded, engine, tmp_path):
    app = create_app(
        lambda: TrackerSource(engine, tmp_path / "elsewhere"), campaign=load_campaign()
    )
    with TestClient(app) as other:
        assert (
            other.get(f"/archive/file/{sub_id(engine, '阳泉市活动名录.xlsx')}").status_code == 404
        )


def test_links_carry_the_mount_prefix(seeded, engine):
    from fastapi import FastAPI

    outer = FastAPI()
    outer.mount("/jinxiao", create_app(lambda: TrackerSource(engine), campaign=load_campaign()))
    html = TestClient(outer).get("/jinxiao/", params={"as_of": AS_OF}).text
    assert 'href="/jinxiao/city/%E5%A4%AA%E5%8E%9F%E5%B8%82/registry"' in html
    assert 'href="/jinxiao/"' in html


def test_pages_on_postgresql(pg_warehouse, tmp_path):
    seeded = build_warehouse(tmp_path, pg_warehouse)
    engine = open_warehouse(seeded.settings)
    try:
        pg = TestClient(
            create_app(
                lambda: TrackerSource(engine, seeded.settings.archive_dir), campaign=load_campaign()
            )
        )
        statuses = cell_statuses(pg.get("/", params={"as_of": AS_OF}).text)
        assert statuses[("阳泉市", "registry")] == "late"
        assert statuses[("晋城市", "registry")] == "rejected_pending"
        html = pg.get("/city/太原市/registry").text
        assert (
            "2021-04-24 10:00" in html
            and "未填写具体金额（空白、“/”“不详”等），汇总时按未知处理" in html
        )
        sid = sub_id(engine, "阳泉市活动名录.xlsx")
        assert pg.get(f"/archive/file/{sid}").content == seeded.files["yangquan"]
    finally:
        engine.dispose()


@pytest.mark.integration  # imports Airflow and its plugin manager (seconds)
def test_plugin_module_imports_without_connecting(monkeypatch):
    # No warehouse connection exists here: importing must not need one.
    monkeypatch.delenv("AIRFLOW_CONN_WAREHOUSE", raising=False)
    spec = importlib.util.spec_from_file_location(
        "jinxiao_tracker_plugin", REPO / "plugins" / "jinxiao_tracker.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin = module.JinxiaoTrackerPlugin
    assert plugin.fastapi_apps[0]["url_prefix"] == "/jinxiao"
    assert plugin.external_views[0]["href"] == "/jinxiao/"
    assert module._engine_for.cache_info().currsize == 0


# --- city text stays text ---------------------------------------------------------------------


def assert_inert(page: str, where: str) -> str:
    """No planted markup became an element, attribute or script; the page's text, joined."""
    for raw in ("<script>alert", "<img src=x", "<svg onload"):
        assert raw not in page, f"{where} carries {raw!r} as markup"
    parsed = ParsedPage(page)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "svg", "img"}, (where, tag, attrs)
        assert not {"onerror", "onload"} & set(attrs), (where, tag, attrs)
        assert not any("alert(1)" in (v or "") for v in attrs.values()), (where, tag, attrs)
    assert parsed.scripts == [], where
    return "".join(parsed.text)


def test_city_text_is_escaped_on_every_page(tmp_path):
    # A repeated activity name is quoted in its warning, the attachment and subject are the
    # city's; the sheet, header, reasons and sender name are planted where intake keeps them.
    rows = registry_rows("太原市", 3)
    for r in range(3):
        rows[3 + r][1] = SCRIPT
    files = {f"{HOSTILE[2]}.xlsx": xlsx_bytes(rows, merges=registry_merges(3))}
    maildir = tmp_path / "Maildir"
    # A corrupt file fits no form: the grid lists it under 未归入表格 with its name and reason.
    write_maildir_message(maildir, build_email("swj@taiyuan.sx.example", "名录",
                          [(f"{HOSTILE[1]}.xlsx", b"PK\x03\x04 cut short")], date=_t(4, 22)))  # fmt: skip
    # A display name holding markup is a forged-looking From: intake quarantines it, so only
    # the stranger writes one; the city's sender name is planted below instead.
    for sender, subject, name in (("swj@taiyuan.sx.example", f"名录{HOSTILE[1]}", "太原市商务局"),
                                  (f"x{HOSTILE[2]}@163.com", SCRIPT, HOSTILE[2])):  # fmt: skip
        write_maildir_message(maildir, build_email(sender, subject, list(files.items()),
                                                   sender_name=name, date=_t(4, 21)))  # fmt: skip
    settings = Settings(MailboxConfig("maildir", path=str(maildir)),
                        WarehouseConfig("sqlite", path=str(tmp_path / "warehouse.db")),
                        DEFAULT_SENDER_REGISTRY, tmp_path / "output", tmp_path / "archive")  # fmt: skip
    collect_mail(settings, "test")
    process_messages(settings, "test")
    engine = open_warehouse(settings)
    with engine.begin() as conn:
        conn.execute(text("UPDATE message SET reason_detail = :a, sender_name = :b"),
                     {"a": HOSTILE[1], "b": HOSTILE[2]})  # fmt: skip
        conn.execute(text("UPDATE submission SET reason_detail = :a, sheet = :b"),
                     {"a": HOSTILE[2], "b": HOSTILE[1]})  # fmt: skip
        conn.execute(text("UPDATE problem SET sheet = :a, column_name = :b"),
                     {"a": HOSTILE[1], "b": HOSTILE[2]})  # fmt: skip
        ids = conn.execute(text("SELECT submission_id FROM submission")).scalars().all()
        assert conn.execute(text("SELECT COUNT(*) FROM problem")).scalar_one() > 0
    client = TestClient(create_app(lambda: TrackerSource(engine), campaign=load_campaign()))
    shown = assert_inert(client.get("/", params={"as_of": AS_OF}).text, "grid")
    shown += assert_inert(client.get("/city/太原市/registry").text, "太原市 registry")
    for sid in ids:
        shown += assert_inert(client.get(f"/submission/{sid}").text, f"submission {sid}")
    engine.dispose()
    # The planted text did reach the pages, as text (so the checks above can fail): the
    # filename, subject, the warning quoting the activity, sheet, header, reasons, sender.
    assert (
        f"{HOSTILE[2]}.xlsx" in shown
        and f"{HOSTILE[1]}.xlsx" in shown
        and f"“{SCRIPT}”在表中重复出现" in shown
    )
    for payload in HOSTILE:
        assert shown.count(payload) >= 3, payload
