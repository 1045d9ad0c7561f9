"""The tracker inside the real Airflow API server app: a browser that is not signed in is
sent to the login page (and back afterwards); API clients keep getting 401; a signed-in
user sees the grid. The app is airflow.api_fastapi.app.create_app with the repo's plugins."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
USER, PASSWORD = "ops", "tracker-login-test"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture
def api(monkeypatch, tmp_path, airflow_db):
    passwords = tmp_path / "passwords.json"
    passwords.write_text(json.dumps({USER: PASSWORD}))
    monkeypatch.setenv("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", f"{USER}:viewer")
    monkeypatch.setenv("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE", str(passwords))
    monkeypatch.setenv(
        "AIRFLOW__API_AUTH__JWT_SECRET", "tracker-login-test-" + "0123456789abcdef" * 4
    )
    (tmp_path / "maildir" / "new").mkdir(parents=True)
    monkeypatch.setenv("AIRFLOW_CONN_SUBMISSION_MAILBOX", json.dumps(
        {"conn_type": "fs", "extra": {"path": str(tmp_path / "maildir")}}))  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_WAREHOUSE", json.dumps(
        {"conn_type": "sqlite", "host": str(tmp_path / "warehouse.db")}))  # fmt: skip
    monkeypatch.setenv("AIRFLOW_VAR_SENDER_REGISTRY", str(REPO / "config" / "senders.csv"))
    monkeypatch.setenv("ARCHIVE_DIR", str(tmp_path / "archive"))
    from airflow.api_fastapi.app import create_app, purge_cached_app

    purge_cached_app()
    with TestClient(create_app("core"), follow_redirects=False) as client:
        yield client
    purge_cached_app()


def test_a_browser_that_is_not_signed_in_goes_to_the_login_page_and_back(api):
    resp = api.get("/jinxiao/city/太原市/registry?as_of=2021-05-10", headers=BROWSER)
    assert resp.status_code == 303, (resp.status_code, resp.text)
    where = urlsplit(resp.headers["location"])
    assert where.path == "/api/v2/auth/login"
    back = parse_qs(where.query)["next"][0]
    assert urlsplit(back).path == "/jinxiao/city/太原市/registry"
    assert parse_qs(urlsplit(back).query) == {"as_of": ["2021-05-10"]}
    # Airflow's own login route accepts that `next` and forwards to the login form.
    hop = api.get(resp.headers["location"], headers=BROWSER)
    assert hop.status_code == 307, hop.text
    assert urlsplit(hop.headers["location"]).path == "/auth/login"
    page = api.get(hop.headers["location"], headers=BROWSER)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


@pytest.mark.parametrize("accept", [None, "application/json", "*/*"])
def test_api_clients_keep_their_401(api, accept):
    resp = api.get("/jinxiao/", headers={"Accept": accept} if accept else {})
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Not authenticated"}


def test_a_signed_in_user_sees_the_grid(api):
    token = api.post("/auth/token", json={"username": USER, "password": PASSWORD})
    assert token.status_code == 201, token.text
    headers = {**BROWSER, "Authorization": f"Bearer {token.json()['access_token']}"}
    resp = api.get("/jinxiao/", headers=headers)
    assert resp.status_code == 200, resp.text[:500]
    assert "报送情况" in resp.text and "太原市" in resp.text
