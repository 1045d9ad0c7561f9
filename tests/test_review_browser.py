"""The 待核实 queue as a clerk uses it: `airflow api-server` with the plugin, SimpleAuthManager
users `clerk` (op: may resolve) and `guest` (viewer: may look), driven in headless Chromium.

The clerk signs in with Airflow's password login (POST /auth/token, the token the login form
also leaves in the `_token` cookie), opens the queue, resolves 晋中's held date and held amount
with the page's own controls, and 晋中's results of May and the June 1 report's figures change.
The guest sees no controls, and a POST without the page's token is refused.
"""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from cdp import chromium_page
from demo_season import processed_demo
from sqlalchemy import text
from test_tracker_browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    api_server,
    free_port,
    require_chromium,
)

from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.tasks import open_warehouse
from jinxiao.reports.figures import results_totals

pytestmark = [pytest.mark.integration, pytest.mark.browser]
PASSWORDS = {"clerk": "queue-clerk-pass", "guest": "queue-guest-pass"}


def _env(root: Path, settings: Settings) -> dict[str, str]:
    passwords = root / "passwords.json"
    passwords.write_text(json.dumps(PASSWORDS))
    return {
        **os.environ,
        "AIRFLOW_CONN_WAREHOUSE": json.dumps(
            {"conn_type": "sqlite", "host": settings.warehouse.path}
        ),
        "AIRFLOW_CONN_SUBMISSION_MAILBOX": json.dumps(
            {"conn_type": "fs", "extra": {"path": settings.mailbox.path}}
        ),
        "AIRFLOW_VAR_SENDER_REGISTRY": str(DEFAULT_SENDER_REGISTRY),
        "ARCHIVE_DIR": str(settings.archive_dir),
        "AIRFLOW__CORE__AUTH_MANAGER": (
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
        ),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "clerk:op,guest:viewer",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__API_AUTH__JWT_SECRET": "review-browser-test-" + "0123456789abcdef" * 4,
    }


def _token(base: str, user: str) -> str:
    body = json.dumps({"username": user, "password": PASSWORDS[user]}).encode()
    req = urllib.request.Request(f"{base}/auth/token", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        return json.load(resp)["access_token"]


def _forged_post(base: str, token: str, item: str, csrf: str | None) -> int:
    data = {"item": item, "action": "drop", **({"csrf": csrf} if csrf is not None else {})}
    body = "&".join(f"{k}={quote(v)}" for k, v in data.items()).encode()
    req = urllib.request.Request(f"{base}/jinxiao/queue/resolve", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"_token={token}"})  # fmt: skip
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture(scope="module")
def season(airflow_db, tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("review_browser")
    settings = processed_demo(root)
    with api_server(root, _env(root, settings)) as base:
        yield base, root, settings


def _city_may(settings: Settings) -> tuple:
    engine = open_warehouse(settings, load_campaign())
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT activities, actual_turnover_wan FROM v_results_city_summary "
            "WHERE city_name = '晋中市' AND form = 'results_may'")).one()  # fmt: skip
    return (int(row[0]), float(row[1])), results_totals(engine, "results_may")


def test_a_guest_sees_the_queue_without_controls_and_cannot_post(season):
    base, root, _settings = season
    token = _token(base, "guest")
    with chromium_page(CHROMIUM, CHROMIUM_FLAGS, root / "guest-profile", free_port()) as page:
        page.call("Network.setCookie", name="_token", value=token, url=base)
        page.goto(f"{base}/jinxiao/queue")
        html = page.html()
    assert 'data-kind="held"' in html and "6月31日" in html
    assert "<form" not in html.split('id="queue-total"')[1]
    assert "只能查看" in html
    item = html.split('data-kind="held" data-key="')[1].split('"')[0]
    assert _forged_post(base, token, item, None) == 403


def test_a_clerk_resolves_a_held_date_and_amount_and_the_figures_change(season):
    base, root, settings = season
    (before, report_before) = _city_may(settings)
    token = _token(base, "clerk")
    # A forged POST (no token, or one the page did not give) changes nothing.
    assert _forged_post(base, token, "held:1:x", None) == 403
    assert _forged_post(base, token, "held:1:x", "0" * 64) == 403
    with chromium_page(CHROMIUM, CHROMIUM_FLAGS, root / "clerk-profile", free_port()) as page:
        page.call("Network.setCookie", name="_token", value=token, url=base)
        page.goto(f"{base}/jinxiao/queue/{quote('晋中市')}")
        assert page.js("document.querySelectorAll('form.resolve').length") == 3
        page.submit(
            "(() => { const f = [...document.querySelectorAll('.queue-item')]"
            ".find(d => d.dataset.key.endsWith(':实际举办时间')).querySelector('form');"
            "f.start.value = '2021-05-10'; f.end.value = '2021-05-12';"
            "f.requestSubmit(f.querySelector('button[value=value]')); })()"
        )
        done = page.js("document.getElementById('done').textContent")
        assert "第8行已按核实的值计入汇总" in done, done
        page.submit(
            "(() => { const f = [...document.querySelectorAll('.queue-item')]"
            ".find(d => d.dataset.key.endsWith(':实际成交额（万元）')).querySelector('form');"
            "f.amount.value = '3500000'; f.unit.value = '元';"
            "f.requestSubmit(f.querySelector('button[value=value]')); })()"
        )
        done = page.js("document.getElementById('done').textContent")
        assert "第10行已按核实的值计入汇总" in done, done
        left = page.js("document.getElementById('queue-total').dataset.total")
        audit = page.js("document.querySelectorAll('table.resolutions tbody tr').length")
    assert left == "1" and audit == 2  # only the category guess is left for 晋中
    (after, report) = _city_may(settings)
    # Row 8: 1200万元 as the city wrote it; row 10: 3,500,000元 = 350万元 as the clerk read 见附件.
    assert after == (before[0] + 2, pytest.approx(before[1] + 1200 + 350))
    assert report.activities == report_before.activities + 2
    assert report.actual_turnover_wan == pytest.approx(report_before.actual_turnover_wan + 1550)
