"""Data Docs are built from the warehouse's current rows, warnings shown, into the output folder."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from html_page import HOSTILE, ParsedPage
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs.demo import deliver, demo_mails
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages
from jinxiao.samples.files import registry_merges, registry_rows, xlsx_bytes
from jinxiao.samples.mail import build_email, delivery_time
from jinxiao.validate.data_docs import UnescapedText, build_data_docs, check_escaped
from jinxiao.warehouse.connection import WarehouseConfig

REPO = Path(__file__).resolve().parents[1]


def test_data_docs_from_demo_rows(tmp_path, sqlite_warehouse, campaign):
    maildir = tmp_path / "Maildir"
    wanted = {"01-taiyuan-registry", "04-yangquan-registry", "23-taiyuan-results-may"}
    for mail in demo_mails():
        if mail.name in wanted:
            deliver(maildir, mail)
    settings = Settings(MailboxConfig("maildir", path=str(maildir)), sqlite_warehouse,
                        DEFAULT_SENDER_REGISTRY, tmp_path / "out", tmp_path / "archive")  # fmt: skip
    collect_mail(settings, "t")
    assert process_messages(settings, "t") == {"accepted": 3}
    index = build_data_docs(open_warehouse(settings), campaign, tmp_path / "out" / "docs")
    html = index.read_text(encoding="utf-8")
    assert index.is_file() and "registry" in html and "results" in html
    pages = list((tmp_path / "out" / "docs" / "validations").rglob("*.html"))
    assert len(pages) == 2
    # The page renders the suite's rules over the 15 current registry rows.
    registry_page = next(p for p in pages if "registry" in str(p)).read_text(encoding="utf-8")
    assert registry_page.count("values must never be null") >= 4
    assert "activity_name" in registry_page and "est_turnover_wan" in registry_page


# --- city text stays text, and the site works without a network -----------------------------

PAYLOADS = HOSTILE
# Every text column the docs frame carries (data_docs._ROWS), the city's cells as typed.
TEXT_COLUMNS = ("activity_name", "county_raw", "period_raw", "enterprise_count_raw",
                "est_turnover_raw", "actual_turnover_raw", "footfall_raw", "voucher_redeemed_raw")  # fmt: skip
CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def hostile_docs(tmp_path_factory, campaign) -> Path:
    """Docs over a registry taken in by the real intake, then its cells made hostile.

    Six rows, each payload in two of them, so every payload is a repeated activity (the one
    expectation that lists text values) next to out-of-range dates and counts."""
    root = tmp_path_factory.mktemp("hostile_docs")
    raw = build_email("swj@taiyuan.sx.example", "太原市活动名录",
                      [("名录.xlsx", xlsx_bytes(registry_rows("太原市", 6), merges=registry_merges(6)))],
                      date=dt.datetime(2021, 4, 21, 10, tzinfo=CST))  # fmt: skip
    write_maildir_message(root / "Maildir", raw, delivered_at=delivery_time(raw))
    settings = Settings(MailboxConfig("maildir", path=str(root / "Maildir")),
                        WarehouseConfig("sqlite", path=str(root / "warehouse.db")),
                        DEFAULT_SENDER_REGISTRY, root / "out", root / "archive")  # fmt: skip
    collect_mail(settings, "t")
    assert process_messages(settings, "t") == {"accepted": 1}
    engine = open_warehouse(settings)
    cells = ", ".join(f"{c} = :p" for c in TEXT_COLUMNS)
    with engine.begin() as conn:
        ids = conn.execute(text("SELECT activity_id FROM activity ORDER BY activity_id")).scalars()
        for i, activity_id in enumerate(list(ids)):
            conn.execute(
                text(f"UPDATE activity SET {cells}, start_date = '2020-01-01', "
                     "enterprise_count = 99999 WHERE activity_id = :i"),
                {"p": PAYLOADS[i // 2], "i": activity_id},
            )  # fmt: skip
    build_data_docs(engine, campaign, root / "docs")
    engine.dispose()
    return root / "docs"


def test_city_text_is_escaped_on_every_page(hostile_docs):
    pages = sorted(hostile_docs.rglob("*.html"))
    assert len(pages) == 3  # index, the registry suite, its validation
    shown: set[str] = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<svg onload"):
            assert raw not in html, f"{page.name} carries {raw!r} as markup"
        parsed = ParsedPage(html)
        for tag, attrs in parsed.tags:
            assert tag != "svg" and not (tag == "img" and attrs.get("src") == "x"), page
            assert not {"onerror", "onload"} & set(attrs), (page, tag, attrs)
            assert not any("alert(1)" in (v or "") for v in attrs.values()), (page, tag, attrs)
        assert not any("alert(1)" in s for s in parsed.scripts), page
        shown |= {chunk.strip() for chunk in parsed.text}
    # ...and they did reach the pages, as text a reader sees (so the checks above can fail).
    assert set(PAYLOADS) <= shown


def test_pages_load_nothing_from_the_network(hostile_docs):
    remote = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?:[^"]+)"')
    for page in hostile_docs.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert remote.findall(html) == [], page
        assert "url('http" not in html and "integrity=" not in html
        for ref in re.findall(r'(?:src|href)="((?:\.\./)*static/vendor/[^"]+)"', html):
            assert (page.parent / ref).resolve().is_file(), (page, ref)
    assert (
        hostile_docs / "static/vendor/fontawesome-free-6.6.0/webfonts/fa-solid-900.woff2"
    ).is_file()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No network at all: no proxy answers and no name resolves, as on the province's network.
OFFLINE = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
           "--window-size=1400,1000", "--virtual-time-budget=5000"]  # fmt: skip


def offline_chromium(root: Path, *args: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required in CI (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    done = subprocess.run([CHROMIUM, *OFFLINE, f"--user-data-dir={root / 'profile'}", *args],
                          capture_output=True, timeout=90, stdin=subprocess.DEVNULL)  # fmt: skip
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


def test_index_lists_the_validations_offline_in_chromium(hostile_docs, tmp_path):
    index = (hostile_docs / "index.html").as_uri()
    dom = offline_chromium(tmp_path, "--dump-dom", index).stdout.decode()
    # bootstrap-table (local copy) turned the page's JSON into rows: one validation, one suite.
    rows = re.findall(r'<tr class="clickable-row" data-href="([^"]+)"', dom)
    assert len(rows) == 2 and rows[0].startswith("validations/registry/"), rows
    assert rows[1] == "expectations/registry.html"
    page = hostile_docs / rows[0]
    dom = offline_chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom and '<img src="x"' not in dom
    # The page's scripts ran from the local copies: bootstrap-table wrapped its tables.
    assert 'class="bootstrap-table bootstrap4"' in dom
    shot = tmp_path / "data_docs.png"
    offline_chromium(tmp_path, f"--screenshot={shot}", index)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if (REPO / "var").is_dir():
        (REPO / "var" / "screenshots").mkdir(exist_ok=True)
        shutil.copyfile(shot, REPO / "var" / "screenshots" / "data_docs.png")


def test_check_escaped_refuses_raw_city_text(tmp_path):
    page = tmp_path / "page.html"
    value = "<img src=x onerror=alert(1)>"
    with pytest.raises(UnescapedText, match="unescaped warehouse text"):
        check_escaped(f"<td><span>{value}</span></td>", page, {value})
    check_escaped(f"<td><span>{html.escape(value)}</span></td>", page, {value})
