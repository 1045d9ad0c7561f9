"""Fail fast on what no retry heals, retry what can (issue 14, item 2).

Real sockets, a real PostgreSQL and real files decide each case: a port nothing listens on,
a server that accepts and never answers, one that hangs up, a database that does not exist,
a broken campaign file and suite. The last test runs submission_intake with dag.test()
against an IMAP port that is closed and counts the alerts a real SMTP server receives.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_server import smtp_server_fixture  # noqa: F401
from sqlalchemy.exc import OperationalError

from jinxiao.config import DEFAULT_CONFIG, EXPECTATIONS_DIR, load_campaign
from jinxiao.domain.errors import ConfigError, Unfixable
from jinxiao.intake import mailbox as mailbox_mod
from jinxiao.intake.mailbox import (
    MailboxConfig,
    MailboxError,
    MailboxUnfixable,
    _connect_error,
    open_mailbox,
)
from jinxiao.validate.suites import check_suites
from jinxiao.warehouse import connection
from jinxiao.warehouse.connection import (
    WarehouseConfig,
    WarehouseUnavailable,
    WarehouseUnfixable,
    unfixable_reason,
)

REPO = Path(__file__).resolve().parents[1]


def _closed_port() -> int:
    with socket.socket() as s:  # bound, then released: nothing listens there
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """Accepts connections and never says a word (an IMAP server that hangs)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    held: list[socket.socket] = []

    def serve() -> None:
        try:
            while True:
                conn, _ = srv.accept()
                held.append(conn)
        except OSError:
            return

    threading.Thread(target=serve, daemon=True).start()
    yield srv.getsockname()[1], held
    srv.close()
    for c in held:
        c.close()


def _imap(port: int) -> MailboxConfig:
    return MailboxConfig(kind="imap", host="127.0.0.1", port=port, use_ssl=False)


# --------------------------------------------------------------------------- mailbox


def test_a_closed_imap_port_is_unfixable_and_says_what_to_fix():
    port = _closed_port()
    started = time.monotonic()
    with pytest.raises(MailboxUnfixable, match="check host and port") as caught:
        open_mailbox(_imap(port))
    assert isinstance(caught.value, Unfixable)
    assert time.monotonic() - started < 5


def test_an_imap_server_that_never_answers_is_retried(monkeypatch, silent_server):
    port, _held = silent_server
    monkeypatch.setattr(mailbox_mod, "IMAP_TIMEOUT", 1.0)
    with pytest.raises(MailboxError, match=f"127.0.0.1:{port}") as caught:
        open_mailbox(_imap(port))
    assert not isinstance(caught.value, Unfixable), caught.value


def test_an_imap_server_that_hangs_up_is_retried():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def hang_up() -> None:
        conn, _ = srv.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()  # RST: "connection reset by peer"

    t = threading.Thread(target=hang_up, daemon=True)
    t.start()
    try:
        with pytest.raises(MailboxError) as caught:
            open_mailbox(_imap(srv.getsockname()[1]))
        assert not isinstance(caught.value, Unfixable), caught.value
    finally:
        t.join(5)
        srv.close()


def test_dns_a_name_that_does_not_exist_stops_a_resolver_hiccup_retries():
    permanent = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    temporary = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert isinstance(_connect_error("IMAP", "mx.example:143", permanent), MailboxUnfixable)
    healed = _connect_error("IMAP", "mx.example:143", temporary)
    assert type(healed) is MailboxError and "mx.example:143" in str(healed)
    assert type(_connect_error("IMAP", "h:1", TimeoutError("timed out"))) is MailboxError
    assert type(_connect_error("IMAP", "h:1", ConnectionResetError(104, "reset"))) is MailboxError


def test_a_missing_maildir_is_unfixable(tmp_path):
    with pytest.raises(MailboxUnfixable, match="create the Maildir"):
        open_mailbox(MailboxConfig(kind="maildir", path=str(tmp_path / "nowhere")))


# --------------------------------------------------------------------------- warehouse


@pytest.mark.integration
def test_a_warehouse_database_that_does_not_exist_is_unfixable(campaign):
    cfg = WarehouseConfig("postgresql", host="127.0.0.1", port=5432, login="postgres",
                          database="jx_no_such_database_ever")  # fmt: skip
    try:
        connection.open_warehouse(cfg, campaign)
    except WarehouseUnfixable as exc:
        assert "database does not exist" in str(exc) and "jx_no_such_database_ever" in str(exc)
    except WarehouseUnavailable as exc:  # PostgreSQL itself is not running here
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    else:
        pytest.fail("opened a database that does not exist")


def test_a_warehouse_port_that_stays_closed_is_unfixable_after_a_short_grace(monkeypatch, campaign):
    monkeypatch.setattr(connection, "REFUSED_GRACE_SECONDS", 2.0)
    cfg = WarehouseConfig("postgresql", host="127.0.0.1", port=_closed_port(), login="postgres",
                          database="postgres")  # fmt: skip
    started = time.monotonic()
    with pytest.raises(WarehouseUnfixable, match="check host and port"):
        connection.open_warehouse(cfg, campaign)
    # Tried again for the grace period (a restarting server refuses for a moment), no longer.
    assert 2.0 <= time.monotonic() - started < 10


@pytest.mark.parametrize(
    "said",
    [
        "connection to server at 127.0.0.1 failed: FATAL:  the database system is starting up",
        "FATAL:  the database system is shutting down",
        "server closed the connection unexpectedly",
        "connection timeout expired",
        'could not translate host name "pg" to address: Temporary failure in name resolution',
        "database is locked",
    ],
)
def test_what_heals_is_not_unfixable(said):
    assert unfixable_reason(OperationalError("SELECT 1", {}, Exception(said))) is None


@pytest.mark.parametrize(
    "said",
    [
        'FATAL:  password authentication failed for user "jinxiao"',
        'FATAL:  database "jinxiao" does not exist',
        'FATAL:  role "jinxiao" does not exist',
        'could not translate host name "pgg" to address: Name or service not known',
        "unable to open database file",
    ],
)
def test_what_needs_a_person_is_unfixable(said):
    assert unfixable_reason(OperationalError("SELECT 1", {}, Exception(said)))


def test_a_missing_relation_is_not_mistaken_for_a_missing_database():
    said = 'relation "submission" does not exist'
    assert unfixable_reason(OperationalError("SELECT 1", {}, Exception(said))) is None


# --------------------------------------------------------------------------- config files


def test_a_broken_campaign_file_names_the_file_and_the_key(tmp_path):
    broken = tmp_path / "campaign.yaml"
    broken.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8").replace("cities:", "citys:"))
    with pytest.raises(ConfigError, match=r"campaign\.yaml lacks the key 'cities'"):
        load_campaign(broken)
    (tmp_path / "bad.yaml").write_text("campaign: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_campaign(tmp_path / "bad.yaml")


def test_a_broken_suite_fails_before_any_message(tmp_path, campaign):
    folder = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, folder)
    check_suites(campaign, folder)  # the shipped suites load
    (folder / "results.json").write_text('{"expectations": [{"type": "x"}]}')
    with pytest.raises(ConfigError, match=r"results\.json: expectation 1 is malformed"):
        check_suites(campaign, folder)
    (folder / "registry.json").write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        check_suites(campaign, folder)


# --------------------------------------------------------------------------- the DAG layer


def test_fail_fast_maps_unfixable_to_airflow_fail_and_lets_the_rest_retry():
    from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

    from jinxiao_airflow import fail_fast

    with pytest.raises(AirflowFailException, match="refused.*\n.*不会重试"):
        with fail_fast():
            raise MailboxUnfixable("IMAP server h:1 refused the connection")
    with pytest.raises(MailboxError):  # left to the scheduler's retries
        with fail_fast():
            raise MailboxError("cannot connect to IMAP server h:1: timed out")
    with pytest.raises(AirflowSkipException):
        with fail_fast():
            raise AirflowSkipException("intake already running")


def test_closed_imap_port_fails_the_run_in_seconds_with_one_alert(
    monkeypatch, tmp_path, airflow_db, smtp_server
):
    """The case of issue 14: 12 min 57 s and two alerts before; now seconds and one."""
    from airflow.dag_processing.dagbag import DagBag

    port = _closed_port()
    base_url = "http://airflow.commerce.sx.example:8080"
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", base_url)
    monkeypatch.setenv("AIRFLOW_CONN_SUBMISSION_MAILBOX", json.dumps(
        {"conn_type": "imap", "host": "127.0.0.1", "port": port, "login": "swj", "password": "x",
         "extra": {"use_ssl": False}}))  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_WAREHOUSE", json.dumps(
        {"conn_type": "sqlite", "host": str(tmp_path / "warehouse.db")}))  # fmt: skip
    monkeypatch.setenv("AIRFLOW_CONN_SMTP_DEFAULT", json.dumps(
        {"conn_type": "smtp", "host": smtp_server.host, "port": smtp_server.port,
         "extra": {"from_email": "xfc@commerce.sx.example", "ops_email": "ops@commerce.sx.example",
                   "disable_ssl": True, "disable_tls": True}}))  # fmt: skip
    monkeypatch.setenv("AIRFLOW_VAR_SENDER_REGISTRY", str(REPO / "config" / "senders.csv"))
    monkeypatch.setenv("ARCHIVE_DIR", str(tmp_path / "archive"))
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path / "output"))
    dag = DagBag(dag_folder=str(REPO / "dags" / "submission_intake.py")).get_dag(
        "submission_intake"
    )
    started = time.monotonic()
    run = dag.test()
    seconds = time.monotonic() - started
    tis = {ti.task_id: ti for ti in run.get_task_instances()}
    task_seconds = (tis["collect_mail"].end_date - tis["collect_mail"].start_date).total_seconds()
    print(f"closed IMAP port: run failed in {seconds:.1f}s (collect_mail {task_seconds:.1f}s), "
          f"{len(smtp_server.messages)} alert(s)")  # fmt: skip

    assert str(run.state).endswith("failed"), run.state
    states = {t: (str(ti.state), ti.try_number) for t, ti in tis.items()}
    assert states["collect_mail"] == ("failed", 1), states  # not retried
    assert states["process_messages"][0] == "upstream_failed", states
    # The task fails in seconds; dag.test() adds its in-process API server's start (~25 s
    # on a busy 2-core machine), which a scheduler does not have.
    assert task_seconds < 20 and seconds < 120, (task_seconds, seconds)

    (alert,) = smtp_server.parsed()  # one alert for the run, none for the task on its own
    body = alert.get_content()
    assert alert["To"] == "ops@commerce.sx.example"
    assert alert["Subject"] == "[jinxiao] 运行失败：submission_intake.collect_mail"
    assert f"127.0.0.1:{port} refused the connection: check host and port" in body
    assert "不会重试" in body
    link = next(line for line in body.splitlines() if line.startswith("日志: ")).removeprefix(
        "日志: "
    )
    run_id = run.run_id.replace(":", "%3A").replace("+", "%2B")
    assert link == (
        f"{base_url}/dags/submission_intake/runs/{run_id}/tasks/collect_mail?try_number=1"
    ), link
